"""Tests for geo.view: URL round trip and filters."""

from __future__ import annotations

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
    assert len(all_latest) == 23  # 清平镇 is only in the 2023-02 plan
    assert len(apply_view(shipped, View(vintage="all"))) == 24
    hc = apply_view(shipped, View(districts=("合川区",)))
    assert set(hc["district"]) == {"合川区"}
    big = apply_view(shipped, View(min_scale_yi=300))
    assert (big["target_scale_yi"] >= 300).all() and len(big) >= 2
    assert list(apply_view(shipped, View(search="凤凰湖"))["park_id"]) == ["yc-fenghuanghu", "yc-log-fenghuanghu"]
    assert set(apply_view(shipped, View(tiers=("关键支撑",)))["park_id"]) == {"hc-nanxi", "hc-caojie", "hc-tianding"}
    wine = apply_view(shipped, View(sectors=("文创",)))
    assert list(wine["park_id"]) == ["dz-shike"]
