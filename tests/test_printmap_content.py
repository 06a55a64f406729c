"""Tests of layers/printmap/content.py: the default title, the filters in words and the sources of a view."""

from __future__ import annotations

from print_fixtures import low_dpi

from geo.view import View
from layers.printmap.content import describe_view
from layers.printmap.render import render


def test_title_subtitle_and_sources(shipped):
    view = View(districts=("合川区",), sectors=("先进材料",), min_scale_yi=100)
    r = render(shipped, view, low_dpi(title="自定义标题", credit="审图号：渝S(2024)001号"))
    assert "自定义标题" in r.texts
    sub = r.content.subtitle
    assert "先进材料" in sub and "≥ 100亿元" in sub and "各区县最新规划" in sub
    footer = r.texts[-1]
    assert "资料来源" in footer and "审图号：渝S(2024)001号" in footer and "制图日期" in footer
    plans = shipped.plans[shipped.plans["plan_id"].isin(r.content.plans["plan_id"])]
    assert set(plans["district"]) == {"合川区"}
    for _, p in plans.iterrows():
        assert p["title"][:8] in footer.replace("\n", "")


def test_title_names_the_filter(shipped):
    """The default title names the districts, industries and search the map was filtered to."""
    title, _ = describe_view(shipped, View(districts=("永川区",), sectors=("智能网联新能源汽车",)), 3)
    assert title.startswith("永川区") and "智能网联新能源汽车" in title
    title, _ = describe_view(shipped, View(search="凤凰湖"), 2)
    assert "凤凰湖" in title
    title, _ = describe_view(shipped, View(sectors=("智能网联新能源汽车",), lang="en"), 2)
    assert "vehicle" in title.lower() and "汽车" not in title
