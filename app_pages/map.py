"""Map page: filters in the sidebar, the park map, and the detail panel of the clicked park."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from app_pages import data as store
from app_pages import map_widget
from app_pages.lang import multiselect_words
from geo import settings
from geo.coords import convert_gdf
from geo.errors import DataValidationError
from geo.join import summarise_parks
from geo.load import Dataset
from geo.taxonomy import sector_colors, sectors
from geo.view import ParkIndex, View, filter_parks, park_index, plan_ids_for
from layers import basemaps, i18n, web
from layers.escape import md_text
from layers.i18n import t
from layers.labels import Labels, park_names

map_widget.prepare()

PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"], .block-container { padding-top: 2.2rem; padding-bottom: 1rem; }
[data-testid="stMainBlockContainer"] h4 { padding-top: 0; }
</style>"""
PANEL_LEGEND_CSS = """
.pm-legend-panel { max-width: none; max-height: none; background: none; padding: 0; font-size: 12.5px; }
.pm-legend-panel summary { font-size: 13.5px; }
"""
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"]
SCALE_STEPS = (0.0, 50.0, 100.0, 300.0, 1000.0)
#: Rows of the park list beside the map (the largest parks first).
PARK_LIST_MAX = 500
#: Session key holding the map's current view as URL query parameters (read by the export page).
VIEW_QUERY = "view_query"
#: Widget keys and the View field each one edits.
W = {"lang": "w_lang", "districts": "w_districts", "sectors": "w_sectors", "vintage": "w_vintage",
     "tiers": "w_tiers", "min_scale_yi": "w_min_scale", "search": "w_search", "basemap": "w_basemap"}


# --------------------------------------------------------------------------- cached data


def _query_key(view: View) -> tuple:
    """Cache key of a view's map-relevant fields (the selected park does not change the map)."""
    return tuple(sorted(view.with_(park="").to_query().items()))


@st.cache_data(show_spinner=False, max_entries=16, persist="disk")
def _stored_summary(_ds: Dataset, fingerprint: str, plan_ids: tuple[str, ...]) -> pd.DataFrame:
    return summarise_parks(_ds, list(plan_ids))


@st.cache_resource(show_spinner=False, max_entries=16)
def _plans_summary(_ds: Dataset, fingerprint: str, plan_ids: tuple[str, ...]) -> pd.DataFrame:
    """Parks summary of one plan selection (the costly part of a view; the filters are cheap)."""
    return _stored_summary(_ds, fingerprint, plan_ids)


@st.cache_resource(show_spinner=False, max_entries=64)
def _summary(_ds: Dataset, fingerprint: str, key: tuple) -> pd.DataFrame:
    """Parks shown by a view (read-only: shared by sessions)."""
    view = View.from_query(dict(key))
    plan_ids = tuple(plan_ids_for(_ds, view))
    return filter_parks(_plans_summary(_ds, fingerprint, plan_ids), view, _park_index(_ds, fingerprint, plan_ids))


@st.cache_resource(show_spinner=False, max_entries=16)
def _park_index(_ds: Dataset, fingerprint: str, plan_ids: tuple[str, ...]) -> ParkIndex:
    """What search and the per-industry target filter look at (one plan selection, shared by sessions)."""
    return park_index(_ds, list(plan_ids))


@st.cache_data(show_spinner=False, max_entries=8, persist="disk")
def _district_shapes(_ds: Dataset, fingerprint: str, datum: str) -> tuple:
    """Simplified district outlines, label points and the city outline in a datum (see :func:`layers.web.district_shapes`)."""
    districts = _ds.districts if datum == "wgs84" else convert_gdf(_ds.districts, "wgs84", datum)
    return web.district_shapes(districts)


@st.cache_resource(show_spinner=False, max_entries=32)
def _layers(_ds: Dataset, fingerprint: str, key: tuple) -> dict:
    """The map's layer data of a view (read-only: shared by sessions)."""
    view = View.from_query(dict(key))
    shapes = _district_shapes(_ds, fingerprint, basemaps.datum(view.basemap))
    return web.layer_data(_ds, _summary(_ds, fingerprint, key), view, shapes=shapes)


@st.cache_resource(show_spinner=False, max_entries=32)
def _built_map(_ds: Dataset, fingerprint: str, key: tuple, focus_park: str = "") -> tuple[dict, str | None]:
    """The rendered map of a view (st_folium's arguments) and its basemap notice, shared by every session.

    ``focus_park``: a shared ``?park=`` link opens the map zoomed to that park.
    """
    return _build_map(_ds, fingerprint, key, focus_park)


def _build_map(_ds: Dataset, fingerprint: str, key: tuple, focus_park: str = "") -> tuple[dict, str | None]:
    """Render the map of a view (see :func:`_built_map`)."""
    view = View.from_query(dict(key))
    data = _layers(_ds, fingerprint, key)
    at = web.park_point(_ds, focus_park, data["datum"]) if focus_park else None
    # the legend sits in the panel beside the map; the one on the map starts folded (button 图例)
    m = web.build_map(_ds, _summary(_ds, fingerprint, key), view, data=data, secrets=_secrets(), legend="folded",
                      focus=at)
    args = map_widget.payload(m, key="parkmap", height=settings.MAP_HEIGHT_PX, use_container_width=True,
                              returned_objects=RETURNED)
    return args, m.basemap_notice


@st.cache_data(show_spinner=False, max_entries=256)
def _ring_js(_ds: Dataset, fingerprint: str, park: str, datum: str, radius_px: float) -> str:
    """The selection ring of a park as st_folium's feature-group script (empty map layer for no park)."""
    import folium

    shell = folium.Map(tiles=None)  # only its id is used: st_folium names it map_div in the script
    args = map_widget.payload(shell, key="ring", feature_group_to_add=web.selection_layer(_ds, park, datum, radius_px))
    return args.get("feature_group") or ""


@st.cache_data(show_spinner=False, max_entries=256)
def _detail_html(_ds: Dataset, fingerprint: str, park: str, plan_ids: tuple[str, ...], lang: str) -> str:
    from geo.detail import park_detail
    from layers.detail_html import render_detail

    detail = park_detail(_ds, park, list(plan_ids))
    names = dict(zip(_ds.parks["park_id"], park_names(_ds.parks, lang), strict=True))
    lab = Labels.of(_ds, lang)
    return render_detail(detail, lang, lab.industry_en, lab.district_en, sector_colors(_ds.industries), names)


def _md(text: str) -> str:
    """Text made inert for Streamlit markdown (no links, images, HTML or formatting from data or the URL)."""
    return md_text(text)


def _secrets() -> dict:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets.toml: that is fine
        return {}


# --------------------------------------------------------------------------- view state ⇄ widgets ⇄ URL


def _seed_widgets(ds: Dataset) -> None:
    """Fill missing widget values: from the URL query on a session's first run (``?park=…&districts=…``),
    afterwards from the last view (Streamlit drops widget state while another page is shown)."""
    v = st.session_state.get("_view") or View.from_query(st.query_params.to_dict())
    values = {
        "lang": v.lang,
        "districts": [d for d in v.districts if d in _district_options(ds)],
        "sectors": [x for x in v.sectors if x in set(sectors(ds.industries)["sector"])],
        "vintage": v.vintage if v.vintage in _vintage_options(ds) else View().vintage,
        "tiers": [x for x in v.tiers if x in _tier_options(ds)],
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


def _district_options(ds: Dataset) -> list[str]:
    have = set(ds.plans["district"]) | set(ds.parks["district"])
    return [d for d in ds.districts["district"] if d in have]


def _vintage_options(ds: Dataset) -> list[str]:
    return ["latest", "all", *ds.plans.sort_values(["district", "issued"])["plan_id"]]


def _tier_options(ds: Dataset) -> list[str]:
    tiers = [x for x in dict.fromkeys(ds.parks["tier"]) if x]
    known = [x for x in web.style.TIER_OUTLINE if x in tiers]
    return known + [x for x in tiers if x not in known]


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


def _sidebar(ds: Dataset, lang: str) -> None:
    names = Labels.of(ds, lang)
    plans = ds.plans.set_index("plan_id")
    with st.sidebar:
        st.radio(
            t("language", lang), ["zh", "en"], key=W["lang"], horizontal=True, on_change=_keep_values,
            format_func=lambda x: "中文" if x == "zh" else "English",
        )
        st.subheader(t("filters", lang), divider="gray")
        st.text_input(t("search", lang), key=W["search"], placeholder=t("search_placeholder", lang))
        st.multiselect(
            t("districts", lang), _district_options(ds), key=W["districts"],
            format_func=names.district, **multiselect_words(lang, "all_districts"),
        )
        st.multiselect(
            t("sectors", lang), list(sectors(ds.industries)["sector"]), key=W["sectors"],
            format_func=names.industry, **multiselect_words(lang, "all_sectors"),
        )

        def vintage_label(v: str) -> str:
            if v in ("latest", "all"):
                return t(f"vintage_{v}", lang)
            p = plans.loc[v]
            title = (p.get("title_en") or p["title"]) if lang == "en" else p["title"]
            return f"{names.district(p['district'])} {str(p['issued'])[:7]} · {title}"

        st.selectbox(t("vintage", lang), _vintage_options(ds), key=W["vintage"], format_func=vintage_label)
        tiers = _tier_options(ds)
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


def _park_list(summary: pd.DataFrame, ds: Dataset, lang: str) -> None:
    names = Labels.of(ds, lang)
    if len(summary) > PARK_LIST_MAX:  # a very large map lists its biggest parks only
        summary = summary.sort_values("target_scale_yi", ascending=False, na_position="last").head(PARK_LIST_MAX)
    table = pd.DataFrame(
        {
            "park_id": summary["park_id"].to_numpy(),
            t("layer_parks", lang): park_names(summary, lang),
            t("dominant_industry", lang): [names.industry(s) for s in summary["dominant_sector"]],
            "_scale": summary["target_scale_yi"].to_numpy(),
        }
    ).sort_values("_scale", ascending=False, na_position="last")
    scale_col = t("target_scale", lang)
    table[scale_col] = table["_scale"].map(lambda v: "—" if pd.isna(v) else f"{v:,.0f}")
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
    hit = web.park_at_click(out, summary, datum)
    if hit and hit != st.session_state.get("park"):
        st.session_state["park"] = hit
        return True
    return False


def _ring_radius(summary: pd.DataFrame, park: str) -> float:
    """Radius (px) of the selection ring: just outside the park's marker and tier outline."""
    row = summary[summary["park_id"] == park]
    if row.empty:
        return 14.0
    klass = web.style.classify_scale(row["target_scale_yi"], scheme="fixed")
    c = int(klass.iloc[0]) if len(klass) else -1
    r = web.style.NO_SCALE_RADIUS_PX if c < 0 else web.style.CLASS_RADIUS_PX[min(c, 4)]
    return float(r + 7)


def _footer(ds: Dataset, view: View, lang: str) -> str:
    """One line under the map: which plans the map shows and the basemap."""
    plans = ds.plans[ds.plans["plan_id"].isin(plan_ids_for(ds, view))]
    lab = Labels.of(ds, lang)
    names = lab.join(f"{lab.district(r['district'])} {str(r['issued'])[:4]}" for _, r in plans.iterrows())
    vintage = t(f"vintage_{view.vintage}", lang) if view.vintage in ("latest", "all") else view.vintage
    return f"{t('plans', lang)}（{vintage}）：{names} · {t('basemap', lang)}：{t(f'basemap_{view.basemap}', lang)}" if lang == "zh" \
        else f"{t('plans', lang)} ({vintage}): {names} · {t('basemap', lang)}: {t(f'basemap_{view.basemap}', lang)}"


def main() -> None:
    """Draw the page."""
    lang0 = st.session_state.get(W["lang"]) or View.from_query(st.query_params.to_dict()).lang
    try:
        ds, fp = store.current()
    except DataValidationError as exc:
        st.error(t("data_error", lang0))
        st.code("\n".join(i18n.problem(p, lang0) for p in exc.problems[:100]), language=None)
        st.stop()
    _seed_widgets(ds)
    lang = st.session_state[W["lang"]]
    view = _current_view()  # from the widgets' state: the map goes out first, the sidebar widgets after it
    key = _query_key(view)
    summary = _summary(ds, fp, key)
    data = _layers(ds, fp, key)

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
    built, notice = (_built_map if settings.SHARED_MAP_BUILD else _build_map)(ds, fp, key, focus_park)
    if notice:
        st.info(_md(t("basemap_unavailable", lang, name=t(f"basemap_{view.basemap}", lang), why=t(notice, lang))))
    if len(summary) == 0:
        st.warning(_md(t("no_parks", lang)))

    col_map, col_panel = st.columns([2.6, 1], gap="medium")
    with col_map:
        # the selection ring is this session's own layer: swapped on the map without drawing it again
        ring = park if park in set(ds.parks["park_id"]) else ""
        out = map_widget.draw({**built, "feature_group": _ring_js(ds, fp, ring, data["datum"], _ring_radius(summary, ring))},
                              key="parkmap")
        st.caption(_md(_footer(ds, view, lang)))
    _sidebar(ds, lang)
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
            st.html(_detail_html(ds, fp, park, tuple(plan_ids_for(ds, view.with_(districts=()))), lang))
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
                f"<style>{web.LEGEND_CSS}{PANEL_LEGEND_CSS}</style>"
                f'<div class="pm-legend pm-legend-panel">{web.legend_html(data)}</div>'
            )
            if len(summary):
                _park_list(summary, ds, lang)


main()
