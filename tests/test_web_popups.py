"""Tests of layers/web/popups.py: a park's tooltip and pop-up, and their escaping."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from web_fixtures import XSS, feature, layer_data_of, render_map

from geo.view import View
from layers import offline
from layers.web.legend import legend_html
from layers.web.popups import popup_html, tooltip_html


def test_tooltip_content(map_ds):
    tip = feature(layer_data_of(map_ds), "parks", "hc-hitech")["properties"]["_tip"]
    for part in ("合川高新区", "合川区", "软件信息服务", "1,000亿元", "2027年", "hc-hitech"):
        assert part in tip
    en = feature(layer_data_of(map_ds, View(vintage="all", lang="en")), "parks", "hc-hitech")["properties"]["_tip"]
    for part in ("Hechuan High-tech Zone", "Hechuan", "Software &amp; information services", "RMB ", "hc-hitech"):
        assert part in en
    none = feature(layer_data_of(map_ds), "parks", "hc-caojie")["properties"]["_tip"]
    assert "规划未明确规模" in none


def test_popup_has_essentials(map_ds):
    pop = feature(layer_data_of(map_ds), "parks", "hc-nanxi")["properties"]["_popup"]
    for part in ("南溪组团", "Nanxi Cluster", "关键支撑", "食品及农产品加工", "火锅食材", "300亿元"):
        assert part in pop


def test_park_name_is_escaped_everywhere(xss_map_ds):
    m, html = render_map(xss_map_ds)
    assert XSS not in html
    assert "<img" not in html.lower()
    data = layer_data_of(xss_map_ds)
    f = feature(data, "parks", "hc-nanxi")["properties"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in f["_tip"] and "&lt;img" in f["_popup"]
    label = [x for x in data["groups"]["parks"]["features"] if x["properties"].get("park_id") == "hc-nanxi" and x["properties"].get("_label")]
    assert label and "&lt;img" in label[0]["properties"]["_label"]
    assert "<img" not in legend_html(data)
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

    for html_text in (tooltip_html(row, L()), popup_html(row, L())):
        body = re.sub(r"<(/?)(div|span|b)( [^<>]*)?>", "", html_text)
        assert "<" not in body and ">" not in body
