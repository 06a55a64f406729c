"""Tests for the web map layers (layers/web.py), basemaps, i18n and offline assets."""

from __future__ import annotations

import html as html_mod
import json
import re
import shutil
from pathlib import Path

import folium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.coords import wgs84_to_gcj02
from geo.load import load_dataset
from geo.taxonomy import sector_colors
from geo.view import View, apply_view
from layers import basemaps, i18n, offline, style, web

FIXTURE = Path(__file__).parent / "fixtures" / "map_mini"
XSS = "<img src=x onerror=alert(1)>"
URL = re.compile(r"https?://[^\s\"'<>)\\]+", re.IGNORECASE)


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE)


@pytest.fixture(scope="module")
def xss_ds(tmp_path_factory):
    d = tmp_path_factory.mktemp("xss") / "data"
    shutil.copytree(FIXTURE, d)
    doc = json.loads((d / "parks.geojson").read_text(encoding="utf-8"))
    for f in doc["features"]:
        if f["properties"]["park_id"] == "hc-nanxi":
            f["properties"]["name_zh"] = XSS
            f["properties"]["name_en"] = XSS
    (d / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return load_dataset(d)


def _data(ds, view=None):
    view = view or View(vintage="all")
    return web.layer_data(ds, apply_view(ds, view), view)


def _feature(data, group, park_id, cls="pm-park"):
    for f in data["groups"][group]["features"]:
        p = f["properties"]
        if p.get("park_id") == park_id and cls in p.get("_class", p.get("_icon", {}).get("className", "")):
            return f
    raise AssertionError(f"{park_id} not in {group}")


def _render(ds, view=None, **kw):
    view = view or View(vintage="all")
    m = web.build_map(ds, apply_view(ds, view), view, **kw)
    return m, m.get_root().render()


# ----------------------------------------------------------------- colour, class, shape


def test_marker_colour_is_dominant_sector_colour(ds):
    colors = sector_colors(ds.industries)
    data = _data(ds)
    nanxi = _feature(data, "parks", "hc-nanxi")["properties"]
    assert nanxi["sector"] == "食品及农产品加工"
    assert nanxi["_style"]["fillColor"] == colors["食品及农产品加工"]
    dz = _feature(data, "parks", "dz-shuangqiao")["properties"]
    assert dz["sector"] == "新一代电子信息制造业"  # from the district-wide 500亿 target (context)


def test_marker_size_follows_scale_class(ds):
    data = _data(ds)
    hitech = _feature(data, "parks", "hc-hitech")["properties"]  # 1000亿 total → top class
    feng = _feature(data, "parks", "yc-fenghuanghu")["properties"]  # 200亿 → 100亿级
    nanxi = _feature(data, "parks", "hc-nanxi")["properties"]  # 300亿 → 300亿级
    assert (hitech["scale_class"], feng["scale_class"], nanxi["scale_class"]) == (4, 2, 3)
    assert hitech["_style"]["radius"] == style.CLASS_RADIUS_PX[4]
    assert feng["_style"]["radius"] == style.CLASS_RADIUS_PX[2]
    assert hitech["_style"]["radius"] > nanxi["_style"]["radius"] > feng["_style"]["radius"]


def test_no_scale_park_is_a_hollow_ring_not_zero(ds):
    colors = sector_colors(ds.industries)
    caojie = _feature(_data(ds), "parks", "hc-caojie")["properties"]
    assert caojie["scale_yi"] is None and caojie["scale_class"] == -1
    assert "pm-noscale" in caojie["_class"]
    s = caojie["_style"]
    assert s["color"] == colors["软件信息服务"] and s["fillColor"] == "#ffffff" and s["weight"] > 2
    assert s["radius"] == style.NO_SCALE_RADIUS_PX


def test_tier_rings_drawn_for_1_3_3_parks(ds):
    halos = {f["properties"]["park_id"]: f["properties"] for f in _data(ds)["groups"]["parks"]["features"]
             if f["properties"].get("_class") == "pm-halo"}
    assert set(halos) == {"hc-hitech", "hc-nanxi", "hc-caojie", "hc-longshi"}
    assert halos["hc-hitech"]["_style"]["weight"] == style.TIER_OUTLINE["核心引擎"][1]
    assert halos["hc-longshi"]["_style"]["dashArray"] == style.TIER_OUTLINE["重要补充"][2]
    assert halos["hc-hitech"]["_style"]["interactive"] is False


def test_footprint_polygon_and_marker(ds):
    data = _data(ds)
    fp = _feature(data, "footprints", "hc-nanxi", "pm-footprint")
    assert fp["geometry"]["type"] == "Polygon" and fp["properties"]["_style"]["dashArray"]
    marker = _feature(data, "parks", "hc-nanxi")
    assert marker["geometry"]["type"] == "Point"
    assert {f["properties"]["park_id"] for f in data["groups"]["footprints"]["features"]} == {"hc-nanxi", "dz-shuangqiao"}


def test_logistics_parks_on_their_own_layer(ds):
    data = _data(ds)
    ids = lambda g: {f["properties"].get("park_id") for f in data["groups"][g]["features"]}  # noqa: E731
    assert ids("logistics") == {"yc-log-gangqiao"}
    assert "yc-log-gangqiao" not in ids("parks")
    icon = _feature(data, "logistics", "yc-log-gangqiao")["properties"]["_icon"]
    assert "pm-park-yc-log-gangqiao" in icon["className"]


def test_every_park_drawn_once_as_pm_park(ds):
    data = _data(ds)
    n = 0
    for g in ("parks", "logistics"):
        for f in data["groups"][g]["features"]:
            p = f["properties"]
            cls = p.get("_class") or p.get("_icon", {}).get("className", "")
            n += "pm-park " in cls + " "
    assert n == data["n_parks"] == len(ds.parks)


def test_districts_filled_without_basemap_and_labelled(ds):
    data = _data(ds)
    polys = [f for f in data["groups"]["districts"]["features"] if f["properties"].get("_class") == "pm-district"]
    labels = [f for f in data["groups"]["districts"]["features"] if f["properties"].get("_label")]
    assert len(polys) == len(labels) == len(ds.districts)
    assert all(f["properties"]["_style"]["fillOpacity"] == 1.0 for f in polys)
    tiled = _data(ds, View(vintage="all", basemap="osm"))
    assert all(f["properties"]["_style"]["fillOpacity"] < 0.5 for f in tiled["groups"]["districts"]["features"]
               if f["properties"].get("_class") == "pm-district")


# ----------------------------------------------------------------- tooltip, popup, legend


def test_tooltip_content(ds):
    tip = _feature(_data(ds), "parks", "hc-hitech")["properties"]["_tip"]
    for part in ("合川高新区", "合川区", "软件信息服务", "1,000亿元", "2027年", "hc-hitech"):
        assert part in tip
    en = _feature(_data(ds, View(vintage="all", lang="en")), "parks", "hc-hitech")["properties"]["_tip"]
    for part in ("Hechuan High-tech Zone", "Hechuan", "Software &amp; information services", "100 m yuan", "hc-hitech"):
        assert part in en
    none = _feature(_data(ds), "parks", "hc-caojie")["properties"]["_tip"]
    assert "规划未明确规模" in none


def test_popup_has_essentials(ds):
    pop = _feature(_data(ds), "parks", "hc-nanxi")["properties"]["_popup"]
    for part in ("南溪组团", "Nanxi Cluster", "关键支撑", "食品及农产品加工", "火锅食材", "300亿元"):
        assert part in pop


def test_legend_lists_sectors_and_scale_classes(ds):
    data = _data(ds)
    html = web.legend_html(data)
    for name, color in data["sectors"]:
        assert name in html and color in html
    for label, _ in style.scale_legend("zh"):
        assert html_mod.escape(label) in html
    assert "核心引擎" in html and "物流园区" in html
    en = web.legend_html(_data(ds, View(vintage="all", lang="en")))
    assert "Colour: dominant industry" in en and "no stated scale" in en and "&lt; 50" in en


def test_layer_control_and_groups_in_map(ds):
    _, html = _render(ds)
    for key in ("layer_parks", "layer_footprints", "layer_districts", "layer_logistics"):
        assert json.dumps(i18n.t(key, "zh"))[1:-1] in html or i18n.t(key, "zh") in html
    assert "L.control.layers" in html


# ----------------------------------------------------------------- escaping


def test_park_name_is_escaped_everywhere(xss_ds):
    m, html = _render(xss_ds)
    assert XSS not in html
    assert "<img" not in html.lower()
    data = _data(xss_ds)
    f = _feature(data, "parks", "hc-nanxi")["properties"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in f["_tip"] and "&lt;img" in f["_popup"]
    label = [x for x in data["groups"]["parks"]["features"] if x["properties"].get("park_id") == "hc-nanxi" and x["properties"].get("_label")]
    assert label and "&lt;img" in label[0]["properties"]["_label"]
    assert "<img" not in web.legend_html(data)
    assert "<img" not in offline.inline_html(m)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_tooltip_never_contains_raw_markup(name):
    row = {"park_id": "p-1", "name_zh": name, "name_en": name, "district": name, "kind": name, "color": "#123456",
           "dominant_sector": name, "dominant_chain": name, "target_scale_yi": None}

    class L:
        lang = "zh"

        def industry(self, s):
            return s

        def district(self, s):
            return s

    for html_text in (web.tooltip_html(row, L()), web.popup_html(row, L())):
        body = re.sub(r"<(/?)(div|span|b)( [^<>]*)?>", "", html_text)
        assert "<" not in body and ">" not in body


def test_js_json_is_script_safe():
    s = web.js_json({"a": "</script><b>&'\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "'" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": "</script><b>&'\u2028"}


# ----------------------------------------------------------------- offline: no CDN


def test_no_remote_url_without_basemap(ds):
    m, html = _render(ds)
    assert URL.findall(html) == []
    srcs = re.findall(r'<script[^>]*src="([^"]+)"', html) + re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert srcs and all(s.startswith("/app/static/") for s in srcs)
    assert not any(s.endswith("leaflet.css") for s in srcs)
    assert srcs[0].endswith(offline.INIT_JS_NAME)  # L_DISABLE_3D before Leaflet loads


def test_only_tile_urls_with_a_basemap(ds):
    _, html = _render(ds, View(vintage="all", basemap="osm"))
    hosts = {re.sub(r"^https?://", "", u).split("/")[0] for u in URL.findall(html)}
    assert hosts and hosts <= {"tile.openstreetmap.org", "www.openstreetmap.org"}


def test_every_jscss_class_points_to_local_files(ds):
    offline.localize_folium()
    import folium.plugins  # noqa: F401
    from folium.elements import JSCSSMixin

    stack, seen = [JSCSSMixin], []
    while stack:
        for sub in stack.pop().__subclasses__():
            seen.append(sub)
            stack.append(sub)
    assert len(seen) > 30
    for cls in seen:
        for _, url in list(cls.default_js) + list(cls.default_css):
            assert url.startswith("/app/static/"), (cls.__name__, url)
            assert (offline.settings.STATIC_DIR / url.rsplit("/", 1)[1]).is_file()


def test_colormap_d3_and_st_folium_links_are_local():
    offline.localize_folium()
    import branca.colormap as cm

    m = folium.Map(tiles=None)
    cm.LinearColormap(["red", "blue"], vmin=0, vmax=1).add_to(m)
    html = m.get_root().render()
    assert "d3js.org" not in html and "cdnjs" not in html
    assert offline.localize_links(list(offline.D3_URLS)) == [offline.local_url(u) for u in offline.D3_URLS]
    assert all(u.startswith("/app/static/") for u in offline.localize_links(list(offline.D3_URLS)))


def test_inline_html_is_self_contained(ds):
    m = web.build_map(ds, apply_view(ds, View()), View())
    page = offline.inline_html(m)
    assert "<script src" not in page and 'rel="stylesheet"' not in page
    assert "L.map(" in page and "window.L_DISABLE_3D = true" in page
    assert page.index("L_DISABLE_3D = true") < page.index('t.version="1.9.3"')  # set before Leaflet runs


def test_inline_html_refuses_unknown_remote_script():
    m = folium.Map(tiles=None)
    from branca.element import JavascriptLink

    m.get_root().header.add_child(JavascriptLink("https://example.invalid/x.js"))
    with pytest.raises(offline.OfflineAssetError, match="example.invalid"):
        offline.inline_html(m)


def test_map_without_tiles_has_max_zoom(ds):
    _, html = _render(ds)
    assert '"maxZoom": 18' in html


# ----------------------------------------------------------------- basemaps


def test_gaode_shifts_geometries_to_gcj02(ds):
    wgs = _feature(_data(ds), "parks", "yc-fenghuanghu")["geometry"]["coordinates"]
    gcj = _feature(_data(ds, View(vintage="all", basemap="gaode")), "parks", "yc-fenghuanghu")["geometry"]["coordinates"]
    exp = wgs84_to_gcj02(*wgs)
    assert gcj == pytest.approx(list(exp), abs=1e-5)
    assert abs(gcj[0] - wgs[0]) > 1e-3


def test_tianditu_needs_a_key_and_falls_back():
    bm, why = basemaps.resolve("tianditu", env={})
    assert bm is None and why == "no_tianditu_key"
    bm, why = basemaps.resolve("tianditu", env={"TIANDITU_KEY": "abc123"})
    assert why == "" and all("tk=abc123" in u for u in bm.urls) and len(bm.urls) == 2
    bm, _ = basemaps.resolve("tianditu", secrets={"TIANDITU_KEY": "s3"}, env={})
    assert "tk=s3" in bm.urls[0]
    bm, why = basemaps.resolve("custom", env={"PARKMAP_TILES_URL": "http://tiles.local/{z}/{x}/{y}.png"})
    assert bm.urls == ("http://tiles.local/{z}/{x}/{y}.png",)
    assert basemaps.resolve("custom", env={})[1] == "no_custom_url"


def test_unavailable_basemap_gives_notice_and_plain_map(ds):
    m, html = _render(ds, View(basemap="tianditu"), env={})
    assert m.basemap_notice == "no_tianditu_key"
    assert "tianditu" not in html
    m, html = _render(ds, View(basemap="gaode"))
    assert m.basemap_notice == "" and "autonavi" in html and basemaps.BLANK_TILE in html


# ----------------------------------------------------------------- i18n and clicks


def test_every_label_has_both_languages():
    for key, (zh, en) in i18n.LABELS.items():
        assert zh.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key
    assert i18n.t("n_parks_shown", "en", n=2, total=5) == "2 of 5 parks shown"
    assert i18n.t("app_title") == "园区产业地图"
    assert i18n.t("no-such-key", "en") == "no-such-key"


def test_park_at_click_by_tooltip_and_by_nearest_point(ds):
    parks = apply_view(ds, View(vintage="all"))
    tip = "南溪组团\n合川区 · 组团\n食品及农产品加工\nhc-nanxi"
    assert web.park_at_click({"last_object_clicked_tooltip": tip}, parks) == "hc-nanxi"
    assert web.park_at_click({"last_object_clicked": {"lat": 29.351, "lng": 105.901}}, parks) == "yc-fenghuanghu"
    assert web.park_at_click({"last_object_clicked": {"lat": 31.5, "lng": 108.0}}, parks) == ""
    lon, lat = wgs84_to_gcj02(105.90, 29.35)
    assert web.park_at_click({"last_object_clicked": {"lat": lat, "lng": lon}}, parks, "gcj02") == "yc-fenghuanghu"
    assert web.park_at_click(None, parks) == ""
