"""Map page: filters in the sidebar, the park map, and the detail panel of the clicked park."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from app_pages import data as store
from app_pages import map_cache as cache
from app_pages import map_widget
from app_pages.lang import multiselect_words
from geo import settings
from geo.errors import DataValidationError
from geo.load import Dataset
from geo.view import View, plan_ids_for
from layers import i18n, style
from layers.escape import md_text
from layers.i18n import t
from layers.web.legend import LEGEND_CSS, legend_html
from layers.web.selection import park_at_click

map_widget.prepare()

PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"], .block-container { padding-top: 2.2rem; padding-bottom: 1rem; }
[data-testid="stMainBlockContainer"] h4 { padding-top: 0; }
</style>"""
PANEL_LEGEND_CSS = """
.pm-legend-panel { max-width: none; max-height: none; background: none; padding: 0; font-size: 12.5px; }
.pm-legend-panel summary { font-size: 13.5px; }
"""
SCALE_STEPS = (0.0, 50.0, 100.0, 300.0, 1000.0)
#: Session key holding the map's current view as URL query parameters (read by the export page).
VIEW_QUERY = "view_query"
#: Widget keys and the View field each one edits.
W = {"lang": "w_lang", "districts": "w_districts", "sectors": "w_sectors", "vintage": "w_vintage",
     "tiers": "w_tiers", "min_scale_yi": "w_min_scale", "search": "w_search", "basemap": "w_basemap"}


def _md(text: str) -> str:
    """Text made inert for Streamlit markdown (no links, images, HTML or formatting from data or the URL)."""
    return md_text(text)


# --------------------------------------------------------------------------- view state ⇄ widgets ⇄ URL


def _seed_widgets(ds: Dataset, fp: str) -> None:
    """Fill missing widget values: from the URL query on a session's first run (``?park=…&districts=…``),
    afterwards from the last view (Streamlit drops widget state while another page is shown)."""
    v = st.session_state.get("_view") or View.from_query(st.query_params.to_dict())
    opts = cache.options(ds, fp)
    values = {
        "lang": v.lang,
        "districts": [d for d in v.districts if d in opts.districts],
        "sectors": [x for x in v.sectors if x in opts.sectors],
        "vintage": v.vintage if v.vintage in opts.vintages else View().vintage,
        "tiers": [x for x in v.tiers if x in opts.tiers],
        "min_scale_yi": v.min_scale_yi if v.min_scale_yi in SCALE_STEPS else _snap(v.min_scale_yi),
        "search": v.search,
        "basemap": v.basemap if v.basemap in settings.BASEMAPS else settings.DEFAULT_BASEMAP,
    }
    for field, value in values.items():
        if W[field] not in st.session_state:
            st.session_state[W[field]] = value
    if "park" not in st.session_state:
        st.session_state["park"] = v.park
        # a shared link to one park opens the map on it (until the filters change)
        st.session_state["_focus"] = {"park": v.park, "key": None}


def _snap(value: float) -> float:
    return max([s for s in SCALE_STEPS if s <= value] or [0.0])


def _current_view() -> View:
    s = st.session_state
    return View(
        districts=tuple(s[W["districts"]]),
        sectors=tuple(s[W["sectors"]]),
        tiers=tuple(s[W["tiers"]]),
        vintage=s[W["vintage"]],
        min_scale_yi=float(s[W["min_scale_yi"]]),
        search=str(s[W["search"]] or "").strip(),
        lang=s[W["lang"]],
        park=s.get("park", ""),
        basemap=s[W["basemap"]],
    )


def _sync_url(view: View) -> None:
    want = view.to_query()
    if st.query_params.to_dict() != want:
        st.query_params.from_dict(want)


def _reset() -> None:
    st.session_state[W["districts"]] = []
    st.session_state[W["sectors"]] = []
    st.session_state[W["tiers"]] = []
    st.session_state[W["vintage"]] = View().vintage
    st.session_state[W["min_scale_yi"]] = 0.0
    st.session_state[W["search"]] = ""


def _keep_values() -> None:
    """On a language switch, store every filter widget's value (a key, never its label) again.

    Streamlit keeps a selectbox's or multiselect's choice as its *formatted* label; once the language changes
    the label no longer matches any option and the widget would hand back the old label as its value. Setting
    the values from this callback (run before the page, while the old labels still resolve) re-encodes them
    with the new labels.
    """
    s = st.session_state
    for field, key in W.items():
        if field != "lang" and key in s:
            value = s[key]
            s[key] = list(value) if isinstance(value, (list, tuple)) else value


def _close_panel() -> None:
    st.session_state["park"] = ""


def _sidebar(ds: Dataset, fp: str, lang: str) -> None:
    names = cache.labels(ds, fp, lang)
    opts = cache.options(ds, fp)
    plans = ds.plans.set_index("plan_id")
    with st.sidebar:
        st.radio(
            t("language", lang), ["zh", "en"], key=W["lang"], horizontal=True, on_change=_keep_values,
            format_func=lambda x: "中文" if x == "zh" else "English",
        )
        st.subheader(t("filters", lang), divider="gray")
        st.text_input(t("search", lang), key=W["search"], placeholder=t("search_placeholder", lang))
        st.multiselect(
            t("districts", lang), opts.districts, key=W["districts"],
            format_func=names.district, **multiselect_words(lang, "all_districts"),
        )
        st.multiselect(
            t("sectors", lang), opts.sectors, key=W["sectors"],
            format_func=names.industry, **multiselect_words(lang, "all_sectors"),
        )

        def vintage_label(v: str) -> str:
            if v in ("latest", "all"):
                return t(f"vintage_{v}", lang)
            p = plans.loc[v]
            title = (p.get("title_en") or p["title"]) if lang == "en" else p["title"]
            return f"{names.district(p['district'])} {str(p['issued'])[:7]} · {title}"

        st.selectbox(t("vintage", lang), opts.vintages, key=W["vintage"], format_func=vintage_label)
        tiers = opts.tiers
        if tiers:
            st.multiselect(t("tiers", lang), tiers, key=W["tiers"], format_func=lambda x: i18n.tier(x, lang),
                           **multiselect_words(lang, "all_tiers"))
        st.select_slider(
            t("min_scale", lang), options=list(SCALE_STEPS), key=W["min_scale_yi"],
            format_func=lambda v: "0" if v == 0 else (f"{v:g}" if lang == "en" else ("千亿" if v == 1000 else f"{v:g}亿")),
        )
        st.button(t("reset_filters", lang), on_click=_reset, width="stretch")
        st.subheader(t("basemap", lang), divider="gray")
        st.selectbox(t("basemap", lang), list(settings.BASEMAPS), key=W["basemap"],
                     format_func=lambda b: t(f"basemap_{b}", lang), label_visibility="collapsed")
        st.caption(_md(t("offline_note", lang)))
        st.caption(_md(t("share_hint", lang)))


# --------------------------------------------------------------------------- page


def _park_list(ds: Dataset, fp: str, key: tuple, lang: str) -> None:
    table = cache.park_table(ds, fp, key, lang)
    scale_col = t("target_scale", lang)
    event = st.dataframe(
        table.drop(columns=["park_id", "_scale"]),
        hide_index=True,
        width="stretch",
        height=min(560, 36 + 35 * len(table)),
        on_select="rerun",
        selection_mode="single-row",
        key="park_table",
        column_config={
            t("layer_parks", lang): st.column_config.TextColumn(width=160),
            t("dominant_industry", lang): None,
            scale_col: st.column_config.TextColumn(width=80, help=t("yi", lang)),
        },
    )
    rows = event.selection.rows if event and hasattr(event, "selection") else []
    if rows:
        st.session_state["park"] = str(table["park_id"].iloc[rows[0]])
        st.session_state.pop("park_table", None)
        st.rerun()


def _take_click(out: dict | None, summary: pd.DataFrame, datum: str) -> bool:
    """Select the park of a new map click (``st_folium``'s value); True when the selection changed."""
    click = (out or {}).get("last_object_clicked_count")
    if not click or click == st.session_state.get("_last_click"):
        return False
    st.session_state["_last_click"] = click
    hit = park_at_click(out, summary, datum)
    if hit and hit != st.session_state.get("park"):
        st.session_state["park"] = hit
        return True
    return False


def _ring_radius(summary: pd.DataFrame, park: str) -> float:
    """Radius (px) of the selection ring: just outside the park's marker and tier outline."""
    row = summary[summary["park_id"] == park]
    if row.empty:
        return 14.0
    klass = style.classify_scale(row["target_scale_yi"], scheme="fixed")
    c = int(klass.iloc[0]) if len(klass) else -1
    r = style.NO_SCALE_RADIUS_PX if c < 0 else style.CLASS_RADIUS_PX[min(c, 4)]
    return float(r + 7)


def main() -> None:
    """Draw the page."""
    lang0 = st.session_state.get(W["lang"]) or View.from_query(st.query_params.to_dict()).lang
    try:
        ds, fp = store.current()
    except DataValidationError as exc:
        st.error(t("data_error", lang0))
        st.code("\n".join(i18n.problem(p, lang0) for p in exc.problems[:100]), language=None)
        st.stop()
    _seed_widgets(ds, fp)
    lang = st.session_state[W["lang"]]
    view = _current_view()  # from the widgets' state: the map goes out first, the sidebar widgets after it
    key = cache.query_key(view)
    summary = cache.summary(ds, fp, key)
    data = cache.layers(ds, fp, key)

    st.html(PAGE_CSS)
    st.markdown(f"#### {_md(i18n.t('app_title', lang))}")
    st.caption(_md(t("app_subtitle", lang) + " · " + t("n_parks_shown", lang, n=len(summary), total=len(ds.parks))))

    # a click on the map (the widget's value, known before it is drawn again) selects a park
    _take_click(st.session_state.get("parkmap"), summary, data["datum"])
    park = st.session_state.get("park", "")
    focus = st.session_state.get("_focus") or {}
    if focus.get("key") is None:
        focus["key"] = key
    focus_park = focus.get("park", "") if focus.get("park") and focus["key"] == key else ""
    # one build per view, data version and linked park, shared by every session
    built, notice = (cache.built_map if settings.SHARED_MAP_BUILD else cache.build_map)(ds, fp, key, focus_park)
    if notice:
        st.info(_md(t("basemap_unavailable", lang, name=t(f"basemap_{view.basemap}", lang), why=t(notice, lang))))
    if len(summary) == 0:
        st.warning(_md(t("no_parks", lang)))

    col_map, col_panel = st.columns([2.6, 1], gap="medium")
    with col_map:
        # the selection ring is this session's own layer: swapped on the map without drawing it again
        ring = park if park in set(ds.parks["park_id"]) else ""
        out = map_widget.draw({**built, "feature_group": cache.ring_js(ds, fp, ring, data["datum"],
                                                                       _ring_radius(summary, ring))},
                              key="parkmap")
        st.caption(_md(cache.footer(ds, fp, key, lang)))
    _sidebar(ds, fp, lang)
    if _take_click(out, summary, data["datum"]):  # not seen before the map was drawn (first click of a session)
        st.rerun()
    park = st.session_state.get("park", "")
    view = view.with_(park=park)
    st.session_state["_view"] = view
    # the other pages (导出) start from the map's filters: navigating between pages drops the URL query
    st.session_state[VIEW_QUERY] = view.with_(park="").to_query()
    _sync_url(view)

    with col_panel, st.container(height=settings.MAP_HEIGHT_PX, border=True, key="detail_panel"):
        if park and park in set(ds.parks["park_id"]):
            c1, c2 = st.columns([4, 1])
            c1.caption(t("details", lang))
            c2.button("✕", key="close_panel", on_click=_close_panel, help=t("close", lang))
            # peers are about the plans, not the view: every district's plans of the chosen vintage
            st.html(cache.detail_html(ds, fp, park, tuple(plan_ids_for(ds, view.with_(districts=()))), lang))
            try:
                st.page_link("app_pages/sites.py", label=t("site_correct", lang), icon=":material/edit_location_alt:",
                             query_params={"park": park})
            except StreamlitAPIException:  # the page run on its own (tests), without the app's navigation
                pass
        else:
            if park:
                st.warning(_md(t("park_not_found", lang, park=park)))  # park comes from the URL
            st.caption(_md(t("click_hint", lang)))
            st.html(
                f"<style>{LEGEND_CSS}{PANEL_LEGEND_CSS}</style>"
                f'<div class="pm-legend pm-legend-panel">{legend_html(data)}</div>'
            )
            if len(summary):
                _park_list(ds, fp, key, lang)


main()
