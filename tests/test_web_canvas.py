"""Tests of layers/web/canvas.py and js/canvas.js: many parks on one canvas layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from web_fixtures import URL, XSS, canvas_columns, feature, layer_data_of, render_map

from geo import settings
from geo.taxonomy import UNKNOWN_COLOR, sector_colors
from geo.view import View, apply_view
from layers import i18n, offline, style
from layers.web.build import build_map
from layers.web.canvas import CanvasParks, canvas_mode
from layers.web.legend import legend_html


def test_strategy_follows_the_number_of_parks(map_ds):
    assert not canvas_mode(settings.WEB_CANVAS_MIN_PARKS - 1)
    assert canvas_mode(settings.WEB_CANVAS_MIN_PARKS)
    data = layer_data_of(map_ds)  # the shipped sizes keep one SVG/HTML feature per park
    assert data["canvas"] is None and data["groups"]["parks"]["features"]


def test_canvas_columns_carry_the_same_styles_as_the_svg_map(map_ds, canvas, monkeypatch):
    view = View(vintage="all")
    d = canvas_columns(layer_data_of(map_ds, view))
    monkeypatch.setattr(settings, "WEB_CANVAS_MIN_PARKS", 10**9)
    svg = layer_data_of(map_ds, view)
    colors = sector_colors(map_ds.industries)
    logistics = {f["properties"]["park_id"] for f in svg["groups"]["logistics"]["features"]}
    assert len(d["id"]) == len(set(d["id"])) == svg["n_parks"]
    radii = [d["r0"] if c < 0 else d["radii"][min(c, 4)] for c in d["sc"]]
    assert radii == sorted(radii, reverse=True)  # big parks drawn first, small ones on top
    for i, pid in enumerate(d["id"]):
        p = feature(svg, "logistics" if pid in logistics else "parks", pid)
        props = p["properties"]
        lon, lat = d["x0"] + d["x"][i] / d["k"], d["y0"] + d["y"][i] / d["k"]
        assert [lon, lat] == pytest.approx(p["geometry"]["coordinates"], abs=2e-5)
        assert d["sc"][i] == props["scale_class"]
        assert d["sectors"][d["c"][i]][1] == colors.get(props["sector"], UNKNOWN_COLOR)
        assert bool(d["g"][i]) == (pid in logistics)
        if pid not in logistics:
            assert radii[i] == props["_style"]["radius"]
        tier = d["tiers"][d["t"][i]]
        assert (tier[1] is not None) == (props["tier"] in style.TIER_OUTLINE)
        assert d["v"][i] == props["scale_yi"]
    fps = {f["properties"]["i"] for f in d["fp"]["features"]}
    assert {d["id"][i] for i in fps} == {f["properties"]["park_id"] for f in svg["groups"]["footprints"]["features"]}


def test_canvas_payload_has_no_html_and_stays_escaped(xss_map_ds, canvas):
    data = layer_data_of(xss_map_ds)
    text = data["canvas"]["json"]
    assert "<" not in text and ">" not in text and "pm-tt" not in text  # popups are built in the browser
    d = json.loads(text)
    assert XSS in d["n"]  # the raw name (escaped by the layer's own esc() when shown)
    m = build_map(xss_map_ds, apply_view(xss_map_ds, View(vintage="all")), View(vintage="all"), data=data)
    page = m.get_root().render()
    assert XSS not in page and "<img" not in page.lower()
    assert page.count("L.PmCanvas = L.Layer.extend") == 1 and "new L.PmCanvas(" in page
    assert "L.pmFootprints(" in page and i18n.t("legend_cells", "zh") in page
    assert legend_html(data).count("pm-lg-cell") == 1


def test_canvas_map_bounds_and_layer_control(map_ds, canvas):
    view = View(vintage="all")
    m, page = render_map(map_ds, view)
    (s, w), (n, e) = next(c for c in m._children.values() if isinstance(c, CanvasParks)).get_bounds()
    parks = apply_view(map_ds, view).geometry.representative_point()
    assert s == pytest.approx(parks.y.min(), abs=1e-4) and e == pytest.approx(parks.x.max(), abs=1e-4)
    for key in ("layer_parks", "layer_footprints", "layer_districts"):
        assert i18n.t(key, "zh") in page or json.dumps(i18n.t(key, "zh"))[1:-1] in page
    assert URL.findall(page) == []


@pytest.mark.e2e
def test_canvas_layer_draws_aggregates_and_answers_the_pointer(map_ds, canvas, monkeypatch):
    """In headless Chromium: the canvas draws, aggregates dense views, and hover/click give the park."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed")
    from bench.common import CHROMIUM, CHROMIUM_ARGS, block_remote

    view = View(vintage="all")
    pages = {}
    for agg in (2, 10_000):
        monkeypatch.setattr(settings, "WEB_AGGREGATE_MIN_VISIBLE", agg)
        pages[agg] = offline.inline_html(build_map(map_ds, apply_view(map_ds, view), view, legend="folded"))
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
