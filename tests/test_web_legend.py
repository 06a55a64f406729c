"""Tests of layers/web/legend.py: the legend lists the sectors, scale classes, tiers and other symbols."""

from __future__ import annotations

import html as html_mod

from web_fixtures import layer_data_of

from geo.view import View
from layers import style
from layers.web.legend import legend_html


def test_legend_lists_sectors_and_scale_classes(map_ds):
    data = layer_data_of(map_ds)
    html = legend_html(data)
    for name, color in data["sectors"]:
        assert name in html and color in html
    for label, _ in style.scale_legend("zh"):
        assert html_mod.escape(label) in html
    assert "核心引擎" in html and "物流园区" in html
    en = legend_html(layer_data_of(map_ds, View(vintage="all", lang="en")))
    assert "Colour: dominant industry" in en and "no stated scale" in en and "&lt; 50" in en
