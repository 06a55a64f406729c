"""园区产业地图: the Streamlit entry point; routes to the pages in app_pages/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages.lang import page_lang
from layers.i18n import t

ROOT = Path(__file__).resolve().parent

#: (file, title key, icon, default) of every page, in menu order.
PAGES = (
    ("app_pages/map.py", "page_map", ":material/map:", True),
    ("app_pages/overlaps.py", "page_overlaps", ":material/stacked_bar_chart:", False),
    ("app_pages/export.py", "page_export", ":material/download:", False),
    ("app_pages/add_plan.py", "page_add_plan", ":material/note_add:", False),
    ("app_pages/sites.py", "page_sites", ":material/edit_location_alt:", False),
)

# a local icon: an emoji or material icon as favicon would be fetched from a CDN
st.set_page_config(page_title=t("app_title"), page_icon=str(ROOT / "assets" / "favicon.png"), layout="wide")

_lang = page_lang()  # the language chosen on the map page (session), else the shared link's ?lang=
pages = [
    st.Page(str(ROOT / path), title=t(key, _lang), icon=icon, default=default, url_path=Path(path).stem)
    for path, key, icon, default in PAGES
]
st.navigation(pages).run()
