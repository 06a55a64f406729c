"""Export page (导出): the current view as print maps (PNG/PDF/SVG), offline HTML and tables (XLSX/CSV/GeoJSON)."""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit.errors import StreamlitAPIException

from app_pages import data as store
from geo import settings, tables
from geo.errors import DataValidationError
from geo.load import Dataset
from geo.view import View, apply_view, compared_plans_note, plan_ids_for
from layers import html_export, i18n, workbook
from layers.escape import md_text
from layers.i18n import t
from layers.labels import Labels
from layers.printmap.content import describe_view
from layers.printmap.export import export_map
from layers.printmap.page import PrintOptions

#: Session key the map page stores its view in (as URL query parameters).
VIEW_QUERY = "view_query"
#: URL parameters that describe a view.
VIEW_FIELDS = frozenset(View().__dataclass_fields__)
DPI_CHOICES = (150, 200, 300, 600)
PREVIEW_DPI = 70
MIME = {
    "png": "image/png",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}


def _current_view() -> View:
    """The map page's view: from the URL when it carries one (a shared export link), else the one the map page
    last stored in the session (the sidebar's page links drop the URL query)."""
    q = {k: v for k, v in st.query_params.to_dict().items() if k in VIEW_FIELDS}
    stored = st.session_state.get(VIEW_QUERY)
    if not q and isinstance(stored, dict):
        q = dict(stored)
    return View.from_query(q).with_(park="")


def _key(view: View) -> tuple:
    return tuple(sorted(view.to_query().items()))


@st.cache_data(show_spinner=False, max_entries=32)
def _image(_ds: Dataset, fp: str, key: tuple, fmt: str, paper: str, orientation: str, dpi: int, title: str,
           credit: str) -> bytes:
    opts = PrintOptions(paper=paper, orientation=orientation, dpi=dpi, title=title, credit=credit)
    return export_map(_ds, View.from_query(dict(key)), fmt, opts)


@st.cache_data(show_spinner=False, max_entries=16)
def _html(_ds: Dataset, fp: str, key: tuple, title: str) -> bytes:
    return html_export.export_html(_ds, View.from_query(dict(key)), title=title).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=16)
def _table(_ds: Dataset, fp: str, key: tuple, fmt: str) -> bytes:
    view = View.from_query(dict(key))
    return {"xlsx": workbook.to_xlsx, "csv": tables.to_csv, "geojson": tables.to_geojson}[fmt](_ds, view)


def _file_name(ds: Dataset, view: View, ext: str) -> str:
    """E.g. ``园区产业地图_合川区_2025-01-31.png``."""
    where = "、".join(view.districts) if view.districts else settings.CITY_ZH
    if view.lang == "en":
        where = "-".join(Labels.of(ds, "en").districts(view.districts)) if view.districts else "Chongqing"
        return f"parkmap_{where}_{date.today().isoformat()}.{ext}"
    return f"园区产业地图_{where}_{date.today().isoformat()}.{ext}"


def main() -> None:
    """Draw the page."""
    view = _current_view()
    lang = view.lang
    st.title(t("page_export", lang))
    st.caption(t("ex_intro", lang))
    try:
        ds, fp = store.current()
    except DataValidationError as exc:
        st.error(t("data_error", lang) + "\n\n" + "\n".join(f"- {md_text(i18n.problem(p, lang))}" for p in exc.problems[:30]))
        return
    key = _key(view)
    if st.query_params.to_dict() != view.to_query():  # the export's own link names its view
        st.query_params.from_dict(view.to_query())
    n = len(apply_view(ds, view))
    title_auto, subtitle = describe_view(ds, view, n)
    st.markdown(f"**{t('ex_view', lang)}**")
    st.text(f"{title_auto}\n{subtitle}")
    st.caption(md_text(compared_plans_note(ds, plan_ids_for(ds, view.with_(districts=())), view.vintage, lang)))
    try:
        st.page_link("app_pages/map.py", label=t("ex_change_filters", lang), icon=":material/map:",
                     query_params=view.to_query())
    except StreamlitAPIException:  # the page runs outside the app's navigation (tests)
        pass
    if n == 0:
        st.warning(t("ex_no_parks", lang))

    st.subheader(t("ex_image", lang), divider="gray")
    left, right = st.columns([2, 3], gap="large")
    with left:
        paper = st.radio(t("ex_paper", lang), ["a4", "a3"], format_func=str.upper, horizontal=True, key="ex_paper")
        orientation = st.radio(
            t("ex_orientation", lang), ["landscape", "portrait"], horizontal=True, key="ex_orientation",
            format_func=lambda o: t(f"ex_{o}", lang),
        )
        dpi = st.select_slider(t("ex_dpi", lang), DPI_CHOICES, value=300, key="ex_dpi")
        title = st.text_input(t("ex_map_title", lang), key="ex_title", placeholder=title_auto).strip()
        credit = st.text_input(t("ex_credit", lang), key="ex_credit_line").strip()
        cols = st.columns(3)
        for col, fmt in zip(cols, ("png", "pdf", "svg"), strict=True):
            with col:
                st.download_button(
                    t("ex_download", lang, fmt=fmt.upper()),
                    data=lambda fmt=fmt: _image(ds, fp, key, fmt, paper, orientation, dpi, title, credit),
                    file_name=_file_name(ds, view, fmt), mime=MIME[fmt], key=f"ex_dl_{fmt}",
                    type="primary" if fmt == "png" else "secondary", on_click="ignore",
                )
    with right:
        st.markdown(f"**{t('ex_preview', lang)}**")
        try:
            with st.spinner(""):
                png = _image(ds, fp, key, "png", paper, orientation, PREVIEW_DPI, title, credit)
            st.image(png, width="stretch")
        except (ValueError, RuntimeError) as exc:
            st.error(t("ex_failed", lang) + md_text(exc))

    st.subheader(t("ex_html", lang), divider="gray")
    st.caption(t("ex_html_hint", lang))
    st.download_button(
        t("ex_download", lang, fmt="HTML"), data=lambda: _html(ds, fp, key, title),
        file_name=_file_name(ds, view, "html"), mime=MIME["html"], key="ex_dl_html", on_click="ignore",
    )

    st.subheader(t("ex_tables", lang), divider="gray")
    cols = st.columns(3)
    for col, fmt in zip(cols, ("xlsx", "csv", "geojson"), strict=True):
        with col:
            st.download_button(
                t(f"ex_{fmt}", lang), data=lambda fmt=fmt: _table(ds, fp, key, fmt),
                file_name=_file_name(ds, view, fmt), mime=MIME[fmt], key=f"ex_dl_{fmt}", on_click="ignore",
                icon=":material/download:",
            )


main()
