"""Tests of layers/web/build.py: the whole map (groups, layer control, basemaps, offline page, no template evaluation)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from web_fixtures import FIXTURE, URL, render_map

from geo import settings
from geo.load import load_dataset
from geo.view import View, apply_view
from layers import basemaps, i18n, offline
from layers.escape import js_json
from layers.web.build import build_map


def test_layer_control_and_groups_in_map(map_ds):
    _, html = render_map(map_ds)
    for key in ("layer_parks", "layer_footprints", "layer_districts", "layer_logistics"):
        assert json.dumps(i18n.t(key, "zh"))[1:-1] in html or i18n.t(key, "zh") in html
    assert "L.control.layers" in html


def test_no_remote_url_without_basemap(map_ds):
    m, html = render_map(map_ds)
    assert URL.findall(html) == []
    srcs = re.findall(r'<script[^>]*src="([^"]+)"', html) + re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert srcs and all(s.startswith("/app/static/") for s in srcs)
    assert not any(s.endswith("leaflet.css") for s in srcs)
    assert srcs[0].endswith(offline.INIT_JS_NAME)  # L_DISABLE_3D before Leaflet loads


def test_only_tile_urls_with_a_basemap(map_ds):
    _, html = render_map(map_ds, View(vintage="all", basemap="osm"))
    hosts = {re.sub(r"^https?://", "", u).split("/")[0] for u in URL.findall(html)}
    assert hosts and hosts <= {"tile.openstreetmap.org", "www.openstreetmap.org"}


def test_inline_html_is_self_contained(map_ds):
    m = build_map(map_ds, apply_view(map_ds, View()), View())
    page = offline.inline_html(m)
    assert "<script src" not in page and 'rel="stylesheet"' not in page
    assert "L.map(" in page and "window.L_DISABLE_3D = true" in page
    assert page.index("L_DISABLE_3D = true") < page.index('t.version="1.9.3"')  # set before Leaflet runs


def test_map_without_tiles_has_max_zoom(map_ds):
    _, html = render_map(map_ds)
    assert '"maxZoom": 18' in html


def test_unavailable_basemap_gives_notice_and_plain_map(map_ds):
    m, html = render_map(map_ds, View(basemap="tianditu"), env={})
    assert m.basemap_notice == "no_tianditu_key"
    assert "tianditu" not in html
    m, html = render_map(map_ds, View(basemap="gaode"))
    assert m.basemap_notice == "" and "autonavi" in html and basemaps.BLANK_TILE in html


@pytest.mark.parametrize("many", [False, True])
def test_data_is_never_evaluated_as_a_template(map_ds, tmp_path, monkeypatch, many):
    if many:
        monkeypatch.setattr(settings, "WEB_CANVAS_MIN_PARKS", 1)
    d = tmp_path / "data"
    shutil.copytree(FIXTURE, d)
    doc = json.loads((d / "parks.geojson").read_text(encoding="utf-8"))
    name = "{{ 7*7 }}{% if true %}yes{% endif %}{# c #}"
    for f in doc["features"]:
        if f["properties"]["park_id"] == "hc-nanxi":
            f["properties"]["name_zh"] = name
    (d / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    tpl = load_dataset(d)
    m, page = render_map(tpl, View(vintage="all"))
    assert js_json(name)[1:-1] in page  # the name as written, its braces escaped
    assert "49yes" not in page
    assert js_json(name)[1:-1] in offline.inline_html(m)
