"""Approximate sites look approximate: ring radius by quality or ``uncertainty_m``, dashed outlines, panel text."""

from __future__ import annotations

import dataclasses
import math

import pytest
from shapely.geometry import Point

from geo import settings
from geo.detail import park_detail
from geo.uncertainty import dashed_outline, ring_polygon, site_uncertainty
from geo.view import View
from layers.detail_html import render_detail
from layers.printmap.content import prepare
from layers.uncertainty import print_rings, web_ring_features
from layers.web.build import build_map, layer_data
from layers.web.legend import legend_html

PT = Point(106.5, 29.9)


@pytest.mark.parametrize("quality,radius,ring", [
    ("town_seat", settings.SITE_UNCERTAINTY_M["town_seat"], True),
    ("approximate", settings.SITE_UNCERTAINTY_M["approximate"], True),
    ("surveyed", None, False), ("digitised", None, False), ("moved", None, False),
])
def test_point_radius_by_quality(quality, radius, ring):
    u = site_uncertainty({"geometry_quality": quality}, PT)
    assert (u.radius_m, u.ring) == (radius, ring)


def test_stated_uncertainty_wins():
    u = site_uncertainty({"geometry_quality": "town_seat", "uncertainty_m": "1200"}, PT)
    assert (u.radius_m, u.ring, u.basis) == (1200.0, True, "stated")


def test_approximate_circle_is_dashed_with_its_equal_area_radius():
    circle = ring_polygon(PT.x, PT.y, 2000.0, n=360)
    u = site_uncertainty({"geometry_quality": "approximate"}, circle)
    assert not u.ring and u.basis == "circle" and u.radius_m == pytest.approx(2000.0, rel=0.01)
    assert dashed_outline("approximate") and not dashed_outline("surveyed") and not dashed_outline("digitised")


def test_web_map_rings_and_solid_surveyed_outline(shipped):
    data = layer_data(shipped, web_summary(shipped), View())
    rings = [f for g in ("parks", "logistics") for f in data["groups"][g]["features"] if f["properties"].get("_radius_m")]
    n_uncertain = sum(1 for _, r in shipped.parks.iterrows()
                      if r.geometry.geom_type == "Point" and r["geometry_quality"] in settings.SITE_UNCERTAINTY_M)
    shown = set(web_summary(shipped)["park_id"])
    assert len(rings) == sum(1 for _, r in shipped.parks.iterrows() if r["park_id"] in shown
                             and r.geometry.geom_type == "Point" and r["geometry_quality"] in settings.SITE_UNCERTAINTY_M)
    assert n_uncertain > 0 and data["has_uncertainty"]
    assert all(f["properties"]["_style"]["dashArray"] and not f["properties"]["_style"]["interactive"] for f in rings)
    assert "位置不确定范围" in legend_html(data)
    html = build_map(shipped, web_summary(shipped), View(), data=data).get_root().render()
    assert "L.circle(latlng" in html


def web_summary(ds):
    from geo.view import apply_view

    return apply_view(ds, View())


def test_footprint_of_a_surveyed_boundary_is_solid(shipped):
    parks = web_summary(shipped).copy()
    i = parks.index[parks.geometry.geom_type == "Polygon"][0]
    parks.loc[i, "geometry_quality"] = "surveyed"
    feats = layer_data(shipped, parks, View())["groups"]["footprints"]["features"]
    style = {f["properties"]["park_id"]: f["properties"]["_style"]["dashArray"] for f in feats}
    assert style[parks.loc[i, "park_id"]] is None
    assert all(v for k, v in style.items() if k != parks.loc[i, "park_id"])


def test_print_map_draws_rings_with_the_radius_in_metres(shipped):
    content = prepare(shipped, View())
    rings = print_rings(content.parks, linewidth=0.6)
    stated = {float(v) for v in shipped.parks.get("uncertainty_m", []) if str(v).strip()}
    assert rings and {r.radius for r in rings} <= set(settings.SITE_UNCERTAINTY_M.values()) | stated
    assert "uncertainty" in [q for _, q in content.footprint_entries]


def test_detail_panel_states_the_radius_and_provenance(shipped):
    pid = next(r["park_id"] for _, r in shipped.parks.iterrows()
               if r["geometry_quality"] == "town_seat" and r.geometry.geom_type == "Point")
    d = park_detail(shipped, pid, list(shipped.plans["plan_id"]))
    stated = str(shipped.parks.set_index("park_id").loc[pid].get("uncertainty_m", "") or "").strip()
    km = (float(stated) if stated else settings.SITE_UNCERTAINTY_M["town_seat"]) / 1000
    html = render_detail(d, "zh", {}, {}, {}, {})
    assert f"位置误差约 ±{km:.3g} 公里" in html and "镇街驻地" in html
    en = render_detail(d, "en", {}, {}, {}, {})
    assert f"±{km:.3g} km" in en
    circle = next(r["park_id"] for _, r in shipped.parks.iterrows() if r.geometry.geom_type == "Polygon")
    parks = shipped.parks.copy()
    if "uncertainty_m" in parks.columns:  # a stated radius wins; without one the circle's radius is used
        parks.loc[parks["park_id"] == circle, "uncertainty_m"] = ""
    c = park_detail(dataclasses.replace(shipped, parks=parks), circle, list(shipped.plans["plan_id"]))
    area = float(shipped.parks.set_index("park_id").loc[circle, "area_km2"])
    assert c.uncertainty_basis == "circle"
    assert c.uncertainty_m == pytest.approx(math.sqrt(area / math.pi) * 1000, rel=0.02)
    assert "按规划面积画的圆" in render_detail(c, "zh", {}, {}, {}, {})


def test_web_ring_features_skip_polygons_and_certain_points():
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(
        {"park_id": ["a", "b", "c"], "geometry_quality": ["town_seat", "moved", "approximate"], "color": ["#111111"] * 3},
        geometry=[PT, PT, ring_polygon(PT.x, PT.y, 1000.0)], crs="EPSG:4326")
    assert [f["properties"]["park_id"] for f in web_ring_features(gdf)] == ["a"]
