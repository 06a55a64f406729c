"""Tests of layers/web/features.py: park markers, tier rings, footprints, logistics parks and districts."""

from __future__ import annotations

import pytest
from web_fixtures import feature, layer_data_of

from geo.coords import wgs84_to_gcj02
from geo.taxonomy import sector_colors
from geo.view import View
from layers import style


def test_marker_colour_is_dominant_sector_colour(map_ds):
    colors = sector_colors(map_ds.industries)
    data = layer_data_of(map_ds)
    nanxi = feature(data, "parks", "hc-nanxi")["properties"]
    assert nanxi["sector"] == "食品及农产品加工"
    assert nanxi["_style"]["fillColor"] == colors["食品及农产品加工"]
    dz = feature(data, "parks", "dz-shuangqiao")["properties"]
    assert dz["sector"] == "新一代电子信息制造业"  # from the district-wide 500亿 target (context)


def test_marker_size_follows_scale_class(map_ds):
    data = layer_data_of(map_ds)
    hitech = feature(data, "parks", "hc-hitech")["properties"]  # 1000亿 total → top class
    feng = feature(data, "parks", "yc-fenghuanghu")["properties"]  # 200亿 → 100亿级
    nanxi = feature(data, "parks", "hc-nanxi")["properties"]  # 300亿 → 300亿级
    assert (hitech["scale_class"], feng["scale_class"], nanxi["scale_class"]) == (4, 2, 3)
    assert hitech["_style"]["radius"] == style.CLASS_RADIUS_PX[4]
    assert feng["_style"]["radius"] == style.CLASS_RADIUS_PX[2]
    assert hitech["_style"]["radius"] > nanxi["_style"]["radius"] > feng["_style"]["radius"]


def test_no_scale_park_is_a_hollow_ring_not_zero(map_ds):
    colors = sector_colors(map_ds.industries)
    caojie = feature(layer_data_of(map_ds), "parks", "hc-caojie")["properties"]
    assert caojie["scale_yi"] is None and caojie["scale_class"] == -1
    assert "pm-noscale" in caojie["_class"]
    s = caojie["_style"]
    assert s["color"] == colors["软件信息服务"] and s["fillColor"] == "#ffffff" and s["weight"] > 2
    assert s["radius"] == style.NO_SCALE_RADIUS_PX


def test_tier_rings_drawn_for_1_3_3_parks(map_ds):
    halos = {f["properties"]["park_id"]: f["properties"] for f in layer_data_of(map_ds)["groups"]["parks"]["features"]
             if f["properties"].get("_class") == "pm-halo"}
    assert set(halos) == {"hc-hitech", "hc-nanxi", "hc-caojie", "hc-longshi"}
    assert halos["hc-hitech"]["_style"]["weight"] == style.TIER_OUTLINE["核心引擎"][1]
    assert halos["hc-longshi"]["_style"]["dashArray"] == style.TIER_OUTLINE["重要补充"][2]
    assert halos["hc-hitech"]["_style"]["interactive"] is False


def test_footprint_polygon_and_marker(map_ds):
    data = layer_data_of(map_ds)
    fp = feature(data, "footprints", "hc-nanxi", "pm-footprint")
    assert fp["geometry"]["type"] == "Polygon" and fp["properties"]["_style"]["dashArray"]
    marker = feature(data, "parks", "hc-nanxi")
    assert marker["geometry"]["type"] == "Point"
    assert {f["properties"]["park_id"] for f in data["groups"]["footprints"]["features"]} == {"hc-nanxi", "dz-shuangqiao"}


def test_logistics_parks_on_their_own_layer(map_ds):
    data = layer_data_of(map_ds)
    ids = lambda g: {f["properties"].get("park_id") for f in data["groups"][g]["features"]}  # noqa: E731
    assert ids("logistics") == {"yc-log-gangqiao"}
    assert "yc-log-gangqiao" not in ids("parks")
    icon = feature(data, "logistics", "yc-log-gangqiao")["properties"]["_icon"]
    assert "pm-park-yc-log-gangqiao" in icon["className"]


def test_every_park_drawn_once_as_pm_park(map_ds):
    data = layer_data_of(map_ds)
    n = 0
    for g in ("parks", "logistics"):
        for f in data["groups"][g]["features"]:
            p = f["properties"]
            cls = p.get("_class") or p.get("_icon", {}).get("className", "")
            n += "pm-park " in cls + " "
    assert n == data["n_parks"] == len(map_ds.parks)


def test_districts_filled_without_basemap_and_labelled(map_ds):
    data = layer_data_of(map_ds)
    polys = [f for f in data["groups"]["districts"]["features"] if f["properties"].get("_class") == "pm-district"]
    labels = [f for f in data["groups"]["districts"]["features"] if f["properties"].get("_label")]
    assert len(polys) == len(labels) == len(map_ds.districts)
    assert all(f["properties"]["_style"]["fillOpacity"] == 1.0 for f in polys)
    tiled = layer_data_of(map_ds, View(vintage="all", basemap="osm"))
    assert all(f["properties"]["_style"]["fillOpacity"] < 0.5 for f in tiled["groups"]["districts"]["features"]
               if f["properties"].get("_class") == "pm-district")


def test_gaode_shifts_geometries_to_gcj02(map_ds):
    wgs = feature(layer_data_of(map_ds), "parks", "yc-fenghuanghu")["geometry"]["coordinates"]
    gcj = feature(layer_data_of(map_ds, View(vintage="all", basemap="gaode")), "parks", "yc-fenghuanghu")["geometry"]["coordinates"]
    exp = wgs84_to_gcj02(*wgs)
    assert gcj == pytest.approx(list(exp), abs=1e-5)
    assert abs(gcj[0] - wgs[0]) > 1e-3
