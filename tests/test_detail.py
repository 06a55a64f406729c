"""Tests for the park detail model (geo/detail.py) and its HTML (layers/detail_html.py)."""

from __future__ import annotations

import dataclasses
import html
import math
import re
from pathlib import Path

import pytest

from geo.detail import park_detail
from geo.load import load_dataset
from geo.taxonomy import english_names, sector_colors
from geo.view import View, plan_ids_for
from layers.detail_html import render_detail

FIXTURE = Path(__file__).parent / "fixtures" / "map_mini"
SHIPPED = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE)


@pytest.fixture(scope="module")
def latest(ds):
    return plan_ids_for(ds, View())


def test_industries_with_targets_baselines_and_cagr(ds, latest):
    d = park_detail(ds, "yc-fenghuanghu", latest)
    by_name = {i.name_as_written: i for i in d.industries}
    e = by_name["电子信息产业"]
    assert (e.target_value_yi, e.target_year, e.baseline_value_yi, e.baseline_year) == (200.0, 2025, 100.0, 2020)
    assert e.cagr == pytest.approx(2 ** (1 / 5) - 1)
    assert e.quote == "2020年凤凰湖产业园电子信息产业产值100亿元，到2025年达到200亿元"
    car = by_name["汽车摩托车产业"]
    assert math.isnan(car.target_value_yi) and math.isnan(car.cagr) and car.target_year is None
    assert d.target_scale_yi == 200.0 and d.scale_basis == "own" and d.scale_year == 2025


def test_plans_newest_first_and_marked_by_vintage(ds, latest):
    d = park_detail(ds, "hc-nanxi", latest)
    assert [p.plan_id for p in d.plans] == ["hc-new", "hc-old"]
    assert [p.in_view for p in d.plans] == [True, False]
    old = d.plans[1]
    assert (old.title, old.doc_number, old.issued) == ("合川区制造业发展规划（示例旧版）", "合川府发〔2022〕1号", "2022-02-01")
    # industries of the older plan are kept, marked out of view; the dominant industry uses the selected plan
    old_rows = [i for i in d.industries if not i.in_view]
    assert [i.name_as_written for i in old_rows] == ["生物医药产业"]
    assert old_rows[0].cagr == pytest.approx(2 ** (1 / 5) - 1)
    assert d.dominant_sector == "食品及农产品加工" and d.dominant_chain == "火锅食材"
    assert d.sectors == ("食品及农产品加工", "智能网联新能源汽车", "智能装备及智能制造")


def test_all_vintages_change_the_view(ds):
    d = park_detail(ds, "hc-nanxi", plan_ids_for(ds, View(vintage="all")))
    assert all(p.in_view for p in d.plans)
    assert "生物医药" in d.sectors


def test_shared_rows_name_the_other_parks(ds, latest):
    d = park_detail(ds, "hc-caojie", latest)
    shared = [i for i in d.industries if i.shared_with]
    assert [(i.name_as_written, i.shared_with) for i in shared] == [("智能装备产业", ("hc-nanxi",))]


def test_peers_parks_and_districts(ds, latest):
    d = park_detail(ds, "hc-nanxi", latest)
    peers = {p.park_id: p for p in d.peer_parks}
    assert set(peers) == {"hc-caojie", "hc-longshi", "yc-fenghuanghu", "dz-shuangqiao"}
    assert peers["hc-caojie"].sectors == ("智能装备及智能制造",)
    assert peers["hc-longshi"].sectors == ("食品及农产品加工",)
    assert 0 < peers["hc-caojie"].distance_km < 30
    assert {p.district for p in d.peer_districts} == {"永川区", "大足区"}
    assert all(p.district != "合川区" for p in d.peer_districts)


def test_peers_prefer_shared_chains_then_distance(ds, latest):
    nanxi = park_detail(ds, "hc-nanxi", latest)
    assert nanxi.peer_parks[0].park_id == "yc-fenghuanghu"  # shares the 摩托车 chain, though farthest
    assert nanxi.peer_parks[0].chains == ("摩托车",)
    caojie = park_detail(ds, "hc-caojie", latest)
    assert [p.park_id for p in caojie.peer_parks] == ["hc-nanxi", "hc-hitech"]  # one sector each: nearest first
    assert caojie.peer_parks[0].distance_km < caojie.peer_parks[1].distance_km


def test_no_scale_park_and_context_dominance(ds, latest):
    d = park_detail(ds, "dz-shuangqiao", latest)
    assert math.isnan(d.target_scale_yi) and d.scale_basis == "none"
    assert d.dominant_sector == "新一代电子信息制造业"
    assert d.geometry_quality == "approximate" and d.location_note


def test_park_outside_the_vintage_still_has_a_detail(ds):
    d = park_detail(ds, "hc-longshi", ["yc"])
    assert d.dominant_sector == "食品及农产品加工"
    assert not any(i.in_view for i in d.industries)
    assert d.peer_parks == () and d.peer_districts == ()


def test_unknown_park_raises_key_error(ds):
    with pytest.raises(KeyError):
        park_detail(ds, "no-such-park")


def test_default_plans_are_the_latest(ds, latest):
    assert repr(park_detail(ds, "hc-nanxi")) == repr(park_detail(ds, "hc-nanxi", latest))


# ----------------------------------------------------------------- HTML


def _html(ds, detail, lang="zh"):
    names = {r["park_id"]: r["name_zh"] for _, r in ds.parks.iterrows()}
    district_en = dict(zip(ds.districts["district"], ds.districts["district_en"], strict=False))
    return render_detail(detail, lang, english_names(ds.industries), district_en, sector_colors(ds.industries), names)


def test_html_lists_everything(ds, latest):
    html = _html(ds, park_detail(ds, "hc-nanxi", latest))
    for part in ("南溪组团", "Nanxi Cluster", "hc-nanxi", "关键支撑", "火锅食材", "300亿元", "2027年",
                 "打造300亿级火锅食材产业集群", "合川区制造业行动方案（示例）", "合川府发〔2022〕1号",
                 "14.9%", "草街组团", "永川区", "大足区", 'data-park="hc-nanxi"'):
        assert part in html, part


def test_html_english(ds, latest):
    html = _html(ds, park_detail(ds, "yc-fenghuanghu", latest), "en")
    for part in ("Fenghuanghu Industrial Park", "Yongchuan", "Electronics &amp; information manufacturing",
                 "Implied annual growth", "RMB 20 bn", "by 2025"):
        assert part in html, part


@pytest.mark.parametrize("evil", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"><svg onload=alert(1)>'])
def test_html_escapes_every_text(ds, latest, evil):
    d = park_detail(ds, "hc-nanxi", latest)
    lines = tuple(dataclasses.replace(i, name_as_written=evil, quote=evil, plan_id=evil) for i in d.industries)
    d = dataclasses.replace(d, name_zh=evil, name_en=evil, district=evil, tier=evil, quote=evil,
                            location_note=evil, industries=lines, park_id=evil)
    html = _html(ds, d)
    assert evil not in html
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    assert not re.search(r"<(img|script|svg)\b", body)


def test_district_system_against_the_2_plus_4_rule(ds, latest):
    from geo.detail import DistrictSystem

    d = park_detail(ds, "hc-nanxi", latest)
    assert [x.plan_id for x in d.district_systems] == ["hc-new"]  # the district's plans in view
    assert not d.district_systems[0].declared
    html = _html(ds, d)
    assert "区县产业体系" in html and "合川区 未声明产业体系" in html
    both = park_detail(ds, "hc-nanxi", list(ds.plans["plan_id"]))
    assert [x.plan_id for x in both.district_systems] == ["hc-new", "hc-old"]  # most recent first
    six = DistrictSystem("hc-new", "合川区", "6+4", "以…为核心<b>“6+4”</b>", 6, 4, 2, 4, True, False, ("汽车",), ())
    d = dataclasses.replace(d, district_systems=(six,))
    html = _html(ds, d)
    assert "合川区 6+4 体系：主导 6 / 特色 4 — 超出市级 2+4 规则" in html and "pmd-system-over" in html
    assert "<b>“6+4”</b>" not in html and "&lt;b&gt;“6+4”&lt;/b&gt;" in html
    en = _html(ds, d, "en")
    assert "Hechuan 6+4 system: lead 6 / specialty 4 — exceeds the municipal 2+4 rule" in en


def test_english_amounts_read_as_billions_not_100_100_m_yuan():
    from layers.i18n import fmt_yi

    assert fmt_yi(100, "en") == "RMB 10 bn" and fmt_yi(1100, "en") == "RMB 110 bn"
    assert fmt_yi(28.1, "en") == "RMB 2.81 bn" and fmt_yi(1500, "en") == "RMB 150 bn"
    assert fmt_yi(100, "zh") == "100亿元" and fmt_yi(float("nan"), "en") == ""


# --------------------------------------------------------------------------- location notes in two languages


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(SHIPPED)


def test_chinese_panel_shows_the_chinese_location_note_of_a_shipped_park(shipped):
    d = park_detail(shipped, "hc-nanxi", plan_ids_for(shipped, View()))
    zh, en = _html(shipped, d, "zh"), _html(shipped, d, "en")
    assert "近似范围：以规划所述面积（42.19 平方公里）为面积" in zh and "GeoNames 名称 Nanjin" in zh
    assert "approximate footprint" not in zh and "south side of" not in zh
    assert "approximate footprint: a circle of the plan's stated area (42.19 km²)" in html.unescape(en)
    assert "近似范围" not in en


def test_each_language_falls_back_to_the_other_note(ds, latest):
    d = park_detail(ds, "hc-nanxi", latest)
    only_en = dataclasses.replace(d, location_note="site: seat of the town", location_note_zh="")
    only_zh = dataclasses.replace(d, location_note="", location_note_zh="位置：镇驻地")
    assert "site: seat of the town" in _html(ds, only_en, "zh")
    assert "位置：镇驻地" in _html(ds, only_zh, "en")


def test_every_shipped_park_with_a_location_note_has_it_in_chinese(shipped):
    parks = shipped.parks
    assert "location_note_zh" in parks.columns
    missing = [pid for pid, en, zh in zip(parks["park_id"], parks["location_note"], parks["location_note_zh"], strict=True)
               if str(en or "").strip() and not str(zh or "").strip()]
    assert not missing, missing
