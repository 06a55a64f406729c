"""Tests for geo.view: URL round trip and filters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.view import View, apply_view

_names = st.text(alphabet=st.characters(blacklist_characters=";", blacklist_categories=("Cs",)), min_size=1, max_size=6)


@given(
    districts=st.lists(_names, max_size=3).map(tuple),
    sectors=st.lists(_names, max_size=3).map(tuple),
    min_scale=st.sampled_from([0.0, 50.0, 100.0, 300.0]),
    lang=st.sampled_from(["zh", "en"]),
    park=st.sampled_from(["", "hc-nanxi"]),
)
def test_query_round_trip(districts, sectors, min_scale, lang, park):
    v = View(districts=districts, sectors=sectors, min_scale_yi=min_scale, lang=lang, park=park)
    assert View.from_query(v.to_query()) == v


def test_from_query_ignores_garbage():
    v = View.from_query({"min_scale_yi": "abc", "lang": "fr", "unknown": "x", "districts": ["合川区;永川区"]})
    assert v.min_scale_yi == 0 and v.lang == "zh" and v.districts == ("合川区", "永川区")


def test_filters(shipped):
    all_latest = apply_view(shipped, View())
    # 27 parks: 4 sites named in the texts were added (大安通用机场, 临空物流功能区, 永川国家高新区, 黔江产业合作示范园)
    assert len(all_latest) == 27  # 清平镇 is only in the 2023-02 plan
    assert len(apply_view(shipped, View(vintage="all"))) == 28
    hc = apply_view(shipped, View(districts=("合川区",)))
    assert set(hc["district"]) == {"合川区"}
    big = apply_view(shipped, View(min_scale_yi=300))
    assert (big["target_scale_yi"] >= 300).all() and len(big) >= 2
    assert list(apply_view(shipped, View(search="凤凰湖"))["park_id"]) == ["yc-fenghuanghu", "yc-log-fenghuanghu"]
    assert set(apply_view(shipped, View(tiers=("关键支撑",)))["park_id"]) == {"hc-nanxi", "hc-caojie", "hc-tianding"}
    wine = apply_view(shipped, View(sectors=("文创",)))
    assert list(wine["park_id"]) == ["dz-shike"]


_FIELDS = ["districts", "sectors", "tiers", "vintage", "min_scale_yi", "search", "lang", "park", "basemap", "junk"]
_value = st.one_of(st.text(max_size=12), st.sampled_from(["nan", "inf", "-inf", "1e999", "-5", "latest", "all", "en"]))


@given(st.dictionaries(st.sampled_from(_FIELDS), st.one_of(_value, st.lists(_value, max_size=3)), max_size=6))
def test_from_query_on_any_url(query):
    """Whatever a shared link holds, the page gets a usable view (and applying it does not fail)."""
    v = View.from_query(query)
    assert v.lang in ("zh", "en") and v.min_scale_yi >= 0
    assert all(isinstance(x, str) and x for x in (*v.districts, *v.sectors, *v.tiers))
    assert isinstance(apply_view(_mini(), v), __import__("pandas").DataFrame)


def _mini():
    """The map fixture, loaded once (hypothesis runs the test many times)."""
    global _MINI
    try:
        return _MINI
    except NameError:
        from pathlib import Path

        from geo.load import load_dataset

        _MINI = load_dataset(Path(__file__).parent / "fixtures" / "map_mini")
        return _MINI


def test_filter_parks_is_apply_view_on_a_cached_summary(shipped):
    """The app caches a summary per plan selection and filters it: the same parks as apply_view."""
    from geo.summary import summarise_parks
    from geo.view import filter_parks, plan_ids_for

    for v in (View(), View(search="园"), View(districts=("合川区",), min_scale_yi=100.0), View(tiers=("关键支撑",))):
        summary = summarise_parks(shipped, plan_ids_for(shipped, v))
        assert list(filter_parks(summary, v)["park_id"]) == list(apply_view(shipped, v)["park_id"])


def test_minimum_target_uses_the_chosen_industry_target(shipped):
    from geo.view import View, apply_view

    # 重庆云谷's 1000亿 is its software target
    assert "yc-bigdata" in set(apply_view(shipped, View(min_scale_yi=100))["park_id"])
    assert "yc-bigdata" not in set(apply_view(shipped, View(sectors=("智能网联新能源汽车",), min_scale_yi=100))["park_id"])
    assert "yc-bigdata" in set(apply_view(shipped, View(sectors=("软件信息服务",), min_scale_yi=100))["park_id"])


@pytest.mark.parametrize("word", ["汽车", "vehicles", "大足", "Dazu", "朱沱", "电子信息"])
def test_search_matches_industries_districts_and_towns(shipped, word):
    from geo.view import View, apply_view

    assert len(apply_view(shipped, View(search=word))) > 0
