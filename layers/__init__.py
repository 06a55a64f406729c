"""Map layers: GeoDataFrames to folium layers (web), matplotlib figures (print) and offline HTML (no Streamlit).

Where things live (one hop each):

========================================  =====================================================================
What                                      Where
========================================  =====================================================================
Display names (districts, sectors,        ``layers/labels.py``: ``Labels`` (``Labels.of(ds, lang)``) and
chains, parks, plans, roles, tiers)       ``unclassified``; UI strings are ``t(key, lang)`` in ``layers/i18n.py``
A park's pop-up / tooltip is built        ``layers/web/popups.py``: ``popup_html``/``tooltip_html`` (Python,
                                          under 500 parks) and ``popupHtml``/``tipHtml`` in
                                          ``layers/web/js/canvas.js`` (JavaScript, 500 or more;
                                          tests/test_popup_parity.py keeps them equal)
The web map is built                      ``layers/web/build.py``: ``layer_data`` → ``build_map``; the package's
                                          modules are listed in ``layers/web/__init__.py``
The park detail panel is built            ``layers/detail_html.py``: ``render_detail``
Overlap rings and lines on the map        ``layers/overlap.py``
The print map (PNG/PDF/SVG)               ``layers/printmap/export.py``: ``export_map``; the page is drawn by
                                          ``layers/printmap/render.py``: ``render``; the package's modules are
                                          listed in ``layers/printmap/__init__.py``
The offline HTML export                   ``layers/html_export.py``: ``export_html``
Marker sizes, colours, outlines           ``layers/style.py``
Data text escaped (HTML, scripts,         ``layers/escape.py``: ``esc``, ``html_text``, ``js_json``, ``md_text``
markdown)
Dominant industry / severity (decided     ``geo/summary.py`` (``_dominant_all``) / ``geo/overlap.py``
in the domain, only drawn here)           (``score_overlap``, points in ``geo/settings.py``)
Files read / written                      read: ``geo/io.py`` + ``geo/load.py``; written: ``geo/transaction.py``
                                          via ``geo/store.py``; export files: ``cli/export.py`` or the 导出 page
========================================  =====================================================================

Layering (enforced by tests/test_layering.py): ``layers`` imports ``geo`` but never ``app_pages``, ``cli`` or
Streamlit.
"""
