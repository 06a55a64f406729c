"""Tests for geo.vintage: matching clusters of two plans of one district, and zone changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from overlap_fixtures import base_rows, make_dataset, row

from geo import vintage as V


@pytest.fixture
def diff():
    return V.diff_plans(make_dataset(), "jia-2022", "jia-2023")


def _by_sector(df, sector):
    hit = df[df["sector"] == sector]
    assert len(hit) == 1
    return hit.iloc[0]


def test_dropped_cluster(diff):
    assert list(diff.dropped["sector"]) == ["材料"]
    assert diff.dropped.iloc[0]["name_old"] == "新材料" and diff.dropped.iloc[0]["target_old"] == 80


def test_sector_level_cluster_renamed_to_chain_and_retargeted(diff):
    car = _by_sector(diff.clusters, "汽车")
    assert car["status"] == "matched"
    assert set(car["changes"]) == {"renamed", "retargeted", "parks_changed"}
    assert (car["name_old"], car["name_new"]) == ("汽车产业", "汽车零部件")
    assert (car["target_old"], car["year_old"], car["target_new"], car["year_new"]) == (200, 2025, 300, 2027)


def test_same_chain_longer_name_is_not_a_rename(diff):
    lift = _by_sector(diff.clusters, "装备")
    assert lift["changes"] == ("retargeted",)  # 电梯 → 电梯整机 keeps the name; 20亿 2025 → 30亿 2027
    food = _by_sector(diff.clusters, "食品")
    assert food["changes"] == ()


def test_zones(diff):
    z = diff.zones.set_index("park_id")
    assert z.loc["a1", "status"] == "changed" and z.loc["a1", "gained"] == ("零部件",)
    assert z.loc["a2", "lost"] == ()
    assert diff.summary() == dict(added=0, dropped=1, renamed=1, retargeted=2, zones_changed=2)


def test_added_dropped_zone_and_unrelated_chains_not_paired():
    rows = [r for r in base_rows() if r["plan_id"] != "jia-2023"]
    rows += [
        row("n1", "jia-2023", "甲区", "a2", "机器人", "装备", "机器人", "emerging"),  # same sector as 电梯, unrelated
        row(
            "n2", "jia-2023", "甲区", "", "新型材料", "材料", "新型材料", "lead"
        ),  # sector-level 新材料 → chain: renamed
    ]
    d = V.diff_plans(make_dataset(rows), "jia-2022", "jia-2023")
    assert list(d.added["name_new"]) == ["机器人"]
    assert set(d.dropped["name_old"]) == {"电梯", "汽车产业", "食品"}
    assert list(d.renamed["name_new"]) == ["新型材料"]
    z = d.zones.set_index("park_id")
    assert z.loc["a1", "status"] == "dropped"
    assert z.loc["a2", "status"] == "changed" and z.loc["a2", "gained"] == ("机器人",)


def test_errors():
    ds = make_dataset()
    with pytest.raises(ValueError, match="different districts"):
        V.diff_plans(ds, "jia-2022", "yi-2022")
    with pytest.raises(ValueError, match="unknown plan"):
        V.diff_plans(ds, "jia-2022", "nope")


def test_district_vintages():
    assert V.district_vintages(make_dataset()) == {"甲区": ["jia-2022", "jia-2023"]}


@given(st.text(min_size=1, max_size=8), st.text(min_size=1, max_size=8))
def test_similarity_is_symmetric_and_bounded(a, b):
    s = V.name_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == V.name_similarity(b, a)


def test_similarity_ignores_generic_words():
    assert V.normalise_name("重庆火锅食材产业集群") == "火锅食材"
    assert V.name_similarity("电梯产业", "电梯") == 1.0


def test_real_hechuan_diff(shipped):
    d = V.diff_plans(shipped, "hechuan-2023-02", "hechuan-2023-09")
    assert d.district == "合川区"
    assert "先进材料" in set(d.dropped["sector"])  # 新材料 left the plan
    glass = d.clusters[d.clusters["chain_old"] == "日用玻璃"].iloc[0]
    assert "retargeted" in glass["changes"] and (glass["target_old"], glass["target_new"]) == (100, 50)
    lift = d.clusters[d.clusters["chain_new"] == "电梯"].iloc[0]
    assert (lift["target_old"], lift["target_new"]) == (20, 30)
    z = d.zones.set_index("park_id")
    assert z.loc["hc-qingping", "status"] == "dropped"
    assert "火锅食材" in z.loc["hc-nanxi", "gained"]
    for q in d.clusters["quote_new"].dropna():
        assert q in shipped.texts["hechuan-2023-09"]
