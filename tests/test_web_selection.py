"""Tests of layers/web/selection.py: which park a map click refers to."""

from __future__ import annotations

from geo.coords import wgs84_to_gcj02
from geo.view import View, apply_view
from layers.web.selection import park_at_click


def test_park_at_click_by_tooltip_and_by_nearest_point(map_ds):
    parks = apply_view(map_ds, View(vintage="all"))
    tip = "南溪组团\n合川区 · 组团\n食品及农产品加工\nhc-nanxi"
    assert park_at_click({"last_object_clicked_tooltip": tip}, parks) == "hc-nanxi"
    assert park_at_click({"last_object_clicked": {"lat": 29.351, "lng": 105.901}}, parks) == "yc-fenghuanghu"
    assert park_at_click({"last_object_clicked": {"lat": 31.5, "lng": 108.0}}, parks) == ""
    lon, lat = wgs84_to_gcj02(105.90, 29.35)
    assert park_at_click({"last_object_clicked": {"lat": lat, "lng": lon}}, parks, "gcj02") == "yc-fenghuanghu"
    assert park_at_click(None, parks) == ""
