"""Basemaps of the web map: none, OpenStreetMap, 高德 (GCJ-02), 天地图 and a custom intranet XYZ server."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import folium

from geo import settings

#: A transparent 1×1 GIF shown instead of a tile that fails to load (no broken-image icons, no request).
BLANK_TILE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@dataclass(frozen=True)
class Basemap:
    """One tile basemap.

    Parameters
    ----------
    key : str
        Identifier used in the URL (``?basemap=osm``).
    urls : tuple of str
        XYZ URL templates, bottom first (天地图 adds a label layer on top).
    attribution : str
        Attribution HTML shown on the map.
    datum : str
        ``wgs84`` or ``gcj02``; our WGS84 geometries are shifted to match GCJ-02 tiles.
    subdomains : str
        Values of ``{s}``.
    max_zoom : int
        Largest zoom the server offers.
    """

    key: str
    urls: tuple[str, ...] = field(default_factory=tuple)
    attribution: str = ""
    datum: str = "wgs84"
    subdomains: str = "abc"
    max_zoom: int = 18


OSM = Basemap(
    "osm",
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    max_zoom=19,
    subdomains="",
)
GAODE = Basemap(
    "gaode",
    ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",),
    "&copy; 高德地图 AutoNavi",
    datum="gcj02",
    subdomains="1234",
)
_TDT = "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"


def tianditu(key: str) -> Basemap:
    """天地图 vector map with Chinese labels (CGCS2000 ≈ WGS84, no shift) for a developer key."""
    urls = tuple(_TDT.format(s="{s}", layer=layer, key=key) for layer in ("vec", "cva"))
    return Basemap("tianditu", urls, "&copy; 天地图 Tianditu", subdomains="01234567")


def custom(url: str, attribution: str = "") -> Basemap:
    """An intranet XYZ server, e.g. ``http://tiles.local/{z}/{x}/{y}.png``."""
    return Basemap("custom", (url,), attribution or "", subdomains="abc")


def tianditu_key(secrets: dict | None = None, env: dict | None = None) -> str:
    """The 天地图 key from ``TIANDITU_KEY`` in the environment or in Streamlit secrets."""
    env = os.environ if env is None else env
    key = str(env.get(settings.TIANDITU_KEY_ENV, "") or "").strip()
    if not key and secrets:
        try:
            key = str(secrets.get(settings.TIANDITU_KEY_ENV, "") or secrets.get("tianditu_key", "") or "").strip()
        except Exception:  # secrets objects raise when no secrets file exists
            key = ""
    return key


def custom_url(env: dict | None = None) -> str:
    """The custom XYZ URL from ``PARKMAP_TILES_URL`` (empty if unset)."""
    env = os.environ if env is None else env
    return str(env.get(settings.CUSTOM_TILES_ENV, "") or "").strip()


def resolve(key: str, secrets: dict | None = None, env: dict | None = None) -> tuple[Basemap | None, str]:
    """The basemap for a key, or ``None`` for no basemap, and why it fell back (empty if it did not).

    Returns
    -------
    tuple
        ``(basemap or None, reason)``; ``reason`` is an i18n key (``no_tianditu_key`` …) when a
        requested basemap is not configured.
    """
    env = os.environ if env is None else env
    if key == "osm":
        return OSM, ""
    if key == "gaode":
        return GAODE, ""
    if key == "tianditu":
        k = tianditu_key(secrets, env)
        return (tianditu(k), "") if k else (None, "no_tianditu_key")
    if key == "custom":
        u = custom_url(env)
        attr = str(env.get(settings.CUSTOM_TILES_ATTRIBUTION_ENV, "") or "")
        return (custom(u, attr), "") if u else (None, "no_custom_url")
    return None, ""


def datum(key: str) -> str:
    """The datum geometries must be drawn in for a basemap key."""
    return GAODE.datum if key == "gaode" else "wgs84"


def tile_layers(bm: Basemap) -> list[folium.TileLayer]:
    """Folium tile layers of a basemap (not in the layer control; a failed tile shows as blank)."""
    out = []
    for url in bm.urls:
        kw = {"subdomains": bm.subdomains} if bm.subdomains else {}
        out.append(
            folium.TileLayer(
                tiles=url,
                attr=bm.attribution or " ",
                name=bm.key,
                max_zoom=bm.max_zoom,
                max_native_zoom=bm.max_zoom,
                control=False,
                overlay=False,
                errorTileUrl=BLANK_TILE,
                **kw,
            )
        )
    return out
