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
    for part in ("Hechuan High-tech Zone", "Hechuan", "Software &amp; information services", "RMB ", "hc-hitech"):
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


# ----------------------------------------------------------------- many parks: one canvas layer


@pytest.fixture
def canvas(monkeypatch):
    """Draw every map on the canvas layer, however few parks it has."""
    monkeypatch.setattr(web.settings, "WEB_CANVAS_MIN_PARKS", 1)


def _payload(data):
    return json.loads(data["canvas"]["json"])


def test_strategy_follows_the_number_of_parks(ds):
    assert not web.canvas_mode(web.settings.WEB_CANVAS_MIN_PARKS - 1)
    assert web.canvas_mode(web.settings.WEB_CANVAS_MIN_PARKS)
    data = _data(ds)  # the shipped sizes keep one SVG/HTML feature per park
    assert data["canvas"] is None and data["groups"]["parks"]["features"]


def test_canvas_columns_carry_the_same_styles_as_the_svg_map(ds, canvas, monkeypatch):
    view = View(vintage="all")
    d = _payload(_data(ds, view))
    monkeypatch.setattr(web.settings, "WEB_CANVAS_MIN_PARKS", 10**9)
    svg = _data(ds, view)
    colors = sector_colors(ds.industries)
    logistics = {f["properties"]["park_id"] for f in svg["groups"]["logistics"]["features"]}
    assert len(d["id"]) == len(set(d["id"])) == svg["n_parks"]
    radii = [d["r0"] if c < 0 else d["radii"][min(c, 4)] for c in d["sc"]]
    assert radii == sorted(radii, reverse=True)  # big parks drawn first, small ones on top
    for i, pid in enumerate(d["id"]):
        p = _feature(svg, "logistics" if pid in logistics else "parks", pid)
        props = p["properties"]
        lon, lat = d["x0"] + d["x"][i] / d["k"], d["y0"] + d["y"][i] / d["k"]
        assert [lon, lat] == pytest.approx(p["geometry"]["coordinates"], abs=2e-5)
        assert d["sc"][i] == props["scale_class"]
        assert d["sectors"][d["c"][i]][1] == colors.get(props["sector"], web.UNKNOWN_COLOR)
        assert bool(d["g"][i]) == (pid in logistics)
        if pid not in logistics:
            assert radii[i] == props["_style"]["radius"]
        tier = d["tiers"][d["t"][i]]
        assert (tier[1] is not None) == (props["tier"] in style.TIER_OUTLINE)
        assert d["v"][i] == props["scale_yi"]
    fps = {f["properties"]["i"] for f in d["fp"]["features"]}
    assert {d["id"][i] for i in fps} == {f["properties"]["park_id"] for f in svg["groups"]["footprints"]["features"]}


def test_canvas_payload_has_no_html_and_stays_escaped(xss_ds, canvas):
    data = _data(xss_ds)
    text = data["canvas"]["json"]
    assert "<" not in text and ">" not in text and "pm-tt" not in text  # popups are built in the browser
    d = json.loads(text)
    assert XSS in d["n"]  # the raw name (escaped by the layer's own esc() when shown)
    m = web.build_map(xss_ds, apply_view(xss_ds, View(vintage="all")), View(vintage="all"), data=data)
    page = m.get_root().render()
    assert XSS not in page and "<img" not in page.lower()
    assert page.count("L.PmCanvas = L.Layer.extend") == 1 and "new L.PmCanvas(" in page
    assert "L.pmFootprints(" in page and i18n.t("legend_cells", "zh") in page
    assert web.legend_html(data).count("pm-lg-cell") == 1


def test_canvas_map_bounds_and_layer_control(ds, canvas):
    view = View(vintage="all")
    m, page = _render(ds, view)
    (s, w), (n, e) = next(c for c in m._children.values() if isinstance(c, web.CanvasParks)).get_bounds()
    parks = apply_view(ds, view).geometry.representative_point()
    assert s == pytest.approx(parks.y.min(), abs=1e-4) and e == pytest.approx(parks.x.max(), abs=1e-4)
    for key in ("layer_parks", "layer_footprints", "layer_districts"):
        assert i18n.t(key, "zh") in page or json.dumps(i18n.t(key, "zh"))[1:-1] in page
    assert URL.findall(page) == []


@pytest.mark.parametrize("many", [False, True])
def test_data_is_never_evaluated_as_a_template(ds, tmp_path, monkeypatch, many):
    if many:
        monkeypatch.setattr(web.settings, "WEB_CANVAS_MIN_PARKS", 1)
    d = tmp_path / "data"
    shutil.copytree(FIXTURE, d)
    doc = json.loads((d / "parks.geojson").read_text(encoding="utf-8"))
    name = "{{ 7*7 }}{% if true %}yes{% endif %}{# c #}"
    for f in doc["features"]:
        if f["properties"]["park_id"] == "hc-nanxi":
            f["properties"]["name_zh"] = name
    (d / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    tpl = load_dataset(d)
    m, page = _render(tpl, View(vintage="all"))
    assert web.js_json(name)[1:-1] in page  # the name as written, its braces escaped
    assert "49yes" not in page
    assert web.js_json(name)[1:-1] in offline.inline_html(m)


def test_js_json_escapes_template_openers_only_in_strings():
    obj = {"a": "{{ x }} {% y %} {# z #} {}", "b": {}, "c": [{"d": "{"}]}
    text = web.js_json(obj)
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == obj


def test_st_folium_click_count_starts_where_its_frontend_does(monkeypatch):
    import streamlit_folium as sf

    got = {}

    def fake(*args, **kwargs):
        got.update(kwargs)

    from app_pages import map_widget

    monkeypatch.setattr(sf, "_component_func", fake)
    map_widget.patch_st_folium()
    sf._component_func(default={"last_object_clicked": None, "last_object_clicked_count": None},
                       js_links=[offline.D3_URLS[0]], css_links=[])
    assert got["default"] == {"last_object_clicked": None, "last_object_clicked_count": 0}
    assert got["js_links"] == [offline.local_url(offline.D3_URLS[0])]


@pytest.mark.e2e
def test_canvas_layer_draws_aggregates_and_answers_the_pointer(ds, canvas, monkeypatch):
    """In headless Chromium: the canvas draws, aggregates dense views, and hover/click give the park."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed")
    from bench.common import CHROMIUM, CHROMIUM_ARGS, block_remote

    view = View(vintage="all")
    pages = {}
    for agg in (2, 10_000):
        monkeypatch.setattr(web.settings, "WEB_AGGREGATE_MIN_VISIBLE", agg)
        pages[agg] = offline.inline_html(web.build_map(ds, apply_view(ds, view), view, legend="folded"))
    with playwright.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            errors = []

            def open_page(html):
                page = b.new_page(viewport={"width": 900, "height": 700})
                block_remote(page)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.set_content(html)
                page.wait_for_function("!!window.PM_DRAWN")
                return page

            assert open_page(pages[2]).evaluate("window.PM_DRAWN.mode") == "cells"
            page = open_page(pages[10_000])
            drawn = page.evaluate("window.PM_DRAWN")
            assert drawn["mode"] == "points" and drawn["total"] == 7
            layer = page.evaluate("Object.keys(window).find(k => k.startsWith('canvas_parks_'))")
            mp = page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")
            i = page.evaluate(f"window['{layer}']._d.id.indexOf('yc-fenghuanghu')")
            page.evaluate(f"window['{mp}'].setView(window['{layer}'].latLng({i}), 12, {{animate: false}}); 0")
            page.wait_for_timeout(200)
            x, y = page.evaluate(f"""(() => {{ const m = window['{mp}'], p = m.latLngToContainerPoint(window['{layer}'].latLng({i}));
                const r = m.getContainer().getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }})()""")
            page.mouse.move(x - 30, y - 30)
            page.mouse.move(x, y, steps=4)
            page.wait_for_selector(".pm-tip")
            tip = page.inner_text(".pm-tip")
            assert "凤凰湖" in tip and "yc-fenghuanghu" in tip and "200亿元" in tip
            page.evaluate(f"window.__clicks = []; window['{layer}'].on('click', e => window.__clicks.push("
                          "[e.latlng.lat, e.sourceTarget.getTooltip().getContent()])); 0")
            page.mouse.click(x, y)
            page.wait_for_selector(".pm-popup")
            assert "永川区" in page.inner_text(".pm-popup")
            clicks = page.evaluate("window.__clicks")
            assert len(clicks) == 1 and "yc-fenghuanghu" in clicks[0][1]
            assert errors == []
        finally:
            b.close()


def test_asset_manifest_lets_a_warm_start_skip_the_package(tmp_path):
    names = offline.ensure_static(tmp_path)
    assert offline._read_manifest(tmp_path) == names and (tmp_path / offline.INIT_JS_NAME).is_file()
    (tmp_path / next(iter(names.values()))).unlink()  # a missing file: the manifest no longer counts
    assert offline._read_manifest(tmp_path) is None
    assert offline.ensure_static(tmp_path) == names and offline._read_manifest(tmp_path) == names
    (tmp_path / offline.MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert offline._read_manifest(tmp_path) is None
