"""What the map page computes, cached once per data version and shared by every session (not a page).

Streamlit runs a page's file again on every rerun, so the page's own ``@st.cache_*`` decorators would be applied
again each time (each one reads the function's source); kept in this imported module they are applied once.
Every cached value here is read-only: sessions share the same objects.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from app_pages import map_widget
from app_pages.data import code_version
from geo import settings
from geo.coords import convert_gdf
from geo.load import Dataset
from geo.summary import summarise_parks
from geo.taxonomy import sector_colors, sectors
from geo.view import ParkIndex, View, filter_parks, park_index, plan_ids_for
from layers import basemaps, style
from layers.i18n import t
from layers.labels import Labels, park_names
from layers.web.build import build_map as draw_map
from layers.web.build import layer_data
from layers.web.features import district_shapes
from layers.web.selection import park_point, selection_layer

#: What st_folium sends back to the page on a click.
RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"]
#: Rows of the park list beside the map (the largest parks first).
PARK_LIST_MAX = 500
#: Version of the code that renders a map (the domain, the layers, this module and the widget), part of the key of
#: rendered maps kept on disk: a new release never serves a map drawn by the old code.
MAP_CODE = code_version("geo/**/*.py", "layers/**/*.py", "layers/**/*.js", "app_pages/map_cache.py",
                        "app_pages/map_widget.py", "static/parkmap-assets.json")


class Options(NamedTuple):
    """The choices of the map's filter widgets (keys, not labels)."""

    districts: list[str]
    sectors: list[str]
    vintages: list[str]
    tiers: list[str]


def query_key(view: View) -> tuple:
    """Cache key of a view's map-relevant fields (the selected park does not change the map)."""
    return tuple(sorted(view.with_(park="").to_query().items()))


@st.cache_resource(show_spinner=False, max_entries=8)
def options(_ds: Dataset, fingerprint: str) -> Options:
    """Filter choices of a data version: districts with plans or parks (in map order), sectors, plan vintages
    (district, then issue date), park tiers (known ones first)."""
    have = set(_ds.plans["district"]) | set(_ds.parks["district"])
    tiers = [x for x in dict.fromkeys(_ds.parks["tier"]) if x]
    known = [x for x in style.TIER_OUTLINE if x in tiers]
    return Options(
        districts=[d for d in _ds.districts["district"] if d in have],
        sectors=list(sectors(_ds.industries)["sector"]),
        vintages=["latest", "all", *_ds.plans.sort_values(["district", "issued"])["plan_id"]],
        tiers=known + [x for x in tiers if x not in known],
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def labels(_ds: Dataset, fingerprint: str, lang: str) -> Labels:
    """Display names of a data version in ``lang``."""
    return Labels.of(_ds, lang)


@st.cache_data(show_spinner=False, max_entries=16, persist="disk")
def _stored_summary(_ds: Dataset, fingerprint: str, plan_ids: tuple[str, ...]) -> pd.DataFrame:
    return summarise_parks(_ds, list(plan_ids))


@st.cache_resource(show_spinner=False, max_entries=16)
def _plans_summary(_ds: Dataset, fingerprint: str, plan_ids: tuple[str, ...]) -> pd.DataFrame:
    """Parks summary of one plan selection (the costly part of a view; the filters are cheap)."""
    return _stored_summary(_ds, fingerprint, plan_ids)


@st.cache_resource(show_spinner=False, max_entries=16)
def _park_index(_ds: Dataset, fingerprint: str, plan_ids: tuple[str, ...]) -> ParkIndex:
    """What search and the per-industry target filter look at (one plan selection, shared by sessions)."""
    return park_index(_ds, list(plan_ids))


@st.cache_resource(show_spinner=False, max_entries=64)
def summary(_ds: Dataset, fingerprint: str, key: tuple) -> pd.DataFrame:
    """Parks shown by a view (read-only: shared by sessions)."""
    view = View.from_query(dict(key))
    plan_ids = tuple(plan_ids_for(_ds, view))
    return filter_parks(_plans_summary(_ds, fingerprint, plan_ids), view, _park_index(_ds, fingerprint, plan_ids))


@st.cache_data(show_spinner=False, max_entries=8, persist="disk")
def _district_shapes(_ds: Dataset, fingerprint: str, datum: str) -> tuple:
    """Simplified district outlines, label points and the city outline in a datum (see :func:`layers.web.features.district_shapes`)."""
    districts = _ds.districts if datum == "wgs84" else convert_gdf(_ds.districts, "wgs84", datum)
    return district_shapes(districts)


@st.cache_resource(show_spinner=False, max_entries=32)
def layers(_ds: Dataset, fingerprint: str, key: tuple) -> dict:
    """The map's layer data of a view (read-only: shared by sessions)."""
    view = View.from_query(dict(key))
    shapes = _district_shapes(_ds, fingerprint, basemaps.datum(view.basemap))
    return layer_data(_ds, summary(_ds, fingerprint, key), view, shapes=shapes)


def _secrets() -> dict:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets.toml: that is fine
        return {}


@st.cache_data(show_spinner=False, max_entries=32, persist="disk")
def _stored_map(_ds: Dataset, fingerprint: str, code: str, secrets: str, key: tuple, focus_park: str
                ) -> tuple[dict, str | None]:
    """The rendered map kept in Streamlit's disk cache: a restarted server on unchanged data, code and basemap keys
    does not draw it again."""
    return build_map(_ds, fingerprint, key, focus_park)


@st.cache_resource(show_spinner=False, max_entries=32)
def built_map(_ds: Dataset, fingerprint: str, key: tuple, focus_park: str = "") -> tuple[dict, str | None]:
    """The rendered map of a view (st_folium's arguments) and its basemap notice, shared by every session.

    ``focus_park``: a shared ``?park=`` link opens the map zoomed to that park.
    """
    import hashlib

    secrets = hashlib.sha1(repr(sorted(_secrets().items())).encode("utf-8")).hexdigest()
    return _stored_map(_ds, fingerprint, MAP_CODE, secrets, key, focus_park)


def build_map(_ds: Dataset, fingerprint: str, key: tuple, focus_park: str = "") -> tuple[dict, str | None]:
    """Render the map of a view (see :func:`built_map`; called directly, it is the per-run baseline)."""
    view = View.from_query(dict(key))
    data = layers(_ds, fingerprint, key)
    at = park_point(_ds, focus_park, data["datum"]) if focus_park else None
    # the legend sits in the panel beside the map; the one on the map starts folded (button 图例)
    m = draw_map(_ds, summary(_ds, fingerprint, key), view, data=data, secrets=_secrets(), legend="folded",
                      focus=at)
    args = map_widget.payload(m, key="parkmap", height=settings.MAP_HEIGHT_PX, use_container_width=True,
                              returned_objects=RETURNED)
    return args, m.basemap_notice


@st.cache_data(show_spinner=False, max_entries=256)
def ring_js(_ds: Dataset, fingerprint: str, park: str, datum: str, radius_px: float) -> str:
    """The selection ring of a park as st_folium's feature-group script (empty map layer for no park)."""
    import folium

    shell = folium.Map(tiles=None)  # only its id is used: st_folium names it map_div in the script
    args = map_widget.payload(shell, key="ring", feature_group_to_add=selection_layer(_ds, park, datum, radius_px))
    return args.get("feature_group") or ""


@st.cache_data(show_spinner=False, max_entries=256)
def detail_html(_ds: Dataset, fingerprint: str, park: str, plan_ids: tuple[str, ...], lang: str) -> str:
    """The detail panel of a park (HTML, every text escaped)."""
    from geo.detail import park_detail
    from layers.detail_html import render_detail

    detail = park_detail(_ds, park, list(plan_ids))
    names = dict(zip(_ds.parks["park_id"], park_names(_ds.parks, lang), strict=True))
    lab = labels(_ds, fingerprint, lang)
    return render_detail(detail, lang, lab.industry_en, lab.district_en, sector_colors(_ds.industries), names)


@st.cache_resource(show_spinner=False, max_entries=64)
def park_table(_ds: Dataset, fingerprint: str, key: tuple, lang: str) -> pd.DataFrame:
    """The park list beside the map: park_id, name, dominant industry and target, largest first (read-only)."""
    shown = summary(_ds, fingerprint, key)
    names = labels(_ds, fingerprint, lang)
    if len(shown) > PARK_LIST_MAX:  # a very large map lists its biggest parks only
        shown = shown.sort_values("target_scale_yi", ascending=False, na_position="last").head(PARK_LIST_MAX)
    table = pd.DataFrame(
        {
            "park_id": shown["park_id"].to_numpy(),
            t("layer_parks", lang): park_names(shown, lang),
            t("dominant_industry", lang): [names.industry(s) for s in shown["dominant_sector"]],
            "_scale": shown["target_scale_yi"].to_numpy(),
        }
    ).sort_values("_scale", ascending=False, na_position="last")
    table[t("target_scale", lang)] = table["_scale"].map(lambda v: "—" if pd.isna(v) else f"{v:,.0f}")
    return table


@st.cache_data(show_spinner=False, max_entries=64)
def footer(_ds: Dataset, fingerprint: str, key: tuple, lang: str) -> str:
    """One line under the map: which plans the map shows and the basemap."""
    view = View.from_query(dict(key))
    plans = _ds.plans[_ds.plans["plan_id"].isin(plan_ids_for(_ds, view))]
    lab = labels(_ds, fingerprint, lang)
    names = lab.join(f"{lab.district(d)} {str(i)[:4]}" for d, i in zip(plans["district"], plans["issued"], strict=True))
    vintage = t(f"vintage_{view.vintage}", lang) if view.vintage in ("latest", "all") else view.vintage
    basemap = t(f"basemap_{view.basemap}", lang)
    if lang == "zh":
        return f"{t('plans', lang)}（{vintage}）：{names} · {t('basemap', lang)}：{basemap}"
    return f"{t('plans', lang)} ({vintage}): {names} · {t('basemap', lang)}: {basemap}"
