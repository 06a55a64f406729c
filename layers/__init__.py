"""Map layers: GeoDataFrames to folium layers (web), matplotlib figures (print) and offline HTML (no Streamlit).

Where things live (one hop each):

========================================  =====================================================================
What                                      Where
========================================  =====================================================================
Display names (districts, sectors,        ``layers/labels.py``: ``Labels`` (``Labels.of(ds, lang)``) and
chains, parks, plans, roles, tiers)       ``unclassified``; UI strings are ``t(key, lang)`` in ``layers/i18n.py``
A park's pop-up / tooltip is built        ``layers/web.py``: ``popup_html``/``tooltip_html`` (Python, under 500
                                          parks) and ``popupHtml``/``tipHtml`` in ``CANVAS_JS`` (JavaScript, 500
                                          or more; tests/test_popup_parity.py keeps them equal)
The park detail panel is built            ``layers/detail_html.py``: ``render_detail``
Overlap rings and lines on the map        ``layers/overlap.py``
The print map (PNG/PDF/SVG)               ``layers/print.py``: ``render`` / ``export_map``
The offline HTML export                   ``layers/html_export.py``: ``export_html``
Marker sizes, colours, outlines           ``layers/style.py``
Dominant industry / severity (decided     ``geo/join.py`` (``_dominant_all``) / ``geo/overlap.py``
in the domain, only drawn here)           (``score_overlap``, points in ``geo/settings.py``)
Files read / written                      read: ``geo/io.py`` + ``geo/load.py``; written: ``geo/transaction.py``
                                          via ``geo/store.py``; export files: ``cli/export.py`` or the 导出 page
========================================  =====================================================================

Layering (enforced by tests/test_layering.py): ``layers`` imports ``geo`` but never ``app_pages``, ``cli`` or
Streamlit.
"""
