"""Domain logic for 园区产业地图: data, validation, park summaries, analysis (no maps, no Streamlit; the CLI is in ``cli/``).

Where things live (one hop each):

========================================  =====================================================================
What                                      Where
========================================  =====================================================================
Dominant industry of a park is decided    ``geo/summary.py``: ``_dominant_all`` (weights ``_row_weights``), used by
                                          ``summarise_parks``
Overlap severity is scored                ``geo/overlap.py``: ``score_overlap``; the points and thresholds are
                                          ``SEVERITY_*`` in ``geo/settings.py``
A park's pop-up / tooltip is built        ``layers/web/popups.py``: ``popup_html``/``tooltip_html`` (under 500 parks)
                                          and ``popupHtml``/``tipHtml`` in ``layers/web/js/canvas.js`` (500 or more;
                                          kept equal by tests/test_popup_parity.py); the detail panel is
                                          ``layers/detail_html.py``
Data files are read                       ``geo/io.py`` (``read_text``, ``read_table``, ``read_geojson``), checked
                                          and assembled by ``geo/load.py`` (``load_dataset``)
Data files are written                    ``geo/transaction.py`` (``FileStore.apply``: all-or-nothing, previous
                                          versions kept) behind ``geo/store.py`` (``open_store``: folder or
                                          PostGIS, ``geo/db/store.py``); single files via ``geo/io.atomic_write``
Exports are made                          tables: ``geo/tables.py``; print map: ``layers/printmap/export.py``;
                                          offline HTML: ``layers/html_export.py``; the files are written by
                                          ``cli/export.py`` or the 导出 page
Display names (districts, sectors …)      ``layers/labels.py`` (``Labels``); UI strings in ``layers/i18n.py``
========================================  =====================================================================

Layering (enforced by tests/test_layering.py): ``geo`` imports neither ``layers``, ``app_pages``, ``cli`` nor
Streamlit; ``python -m geo`` (``geo/__main__.py``) only hands over to ``cli.main`` at run time.
"""
