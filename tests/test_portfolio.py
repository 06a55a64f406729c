"""Tests for geo.portfolio: per-district sector targets without double counting, and comparisons."""

from __future__ import annotations

import pandas as pd
import pytest
from overlap_fixtures import base_rows, make_dataset, row

from geo import portfolio as P


def test_target_is_max_not_sum_of_restatements():
    rows = base_rows() + [
        row("c-3", "bing-2022", "丙区", "", "新材料产业", "材料", "", "lead", 100, 2025, "丙区新材料百亿级"),
        row("c-4", "bing-2022", "丙区", "", "材料基地", "材料", "", "lead", 60, 2024, "丙区材料基地60亿"),
    ]
    p = P.district_portfolio(make_dataset(rows)).set_index(["district", "sector"])
    mat = p.loc[("丙区", "材料")]
    assert mat["target_yi"] == 100 and mat["target_year"] == 2025
    assert mat["n_rows"] == 3
    assert mat["names"] == "新材料;新材料产业;材料基地"


def test_latest_plan_wins_and_aggregates_are_left_out():
    ds = make_dataset()
    p = P.district_portfolio(ds, plan_ids=list(ds.plans["plan_id"])).set_index(["district", "sector"])
    assert p.loc[("甲区", "汽车"), "target_yi"] == 300  # 2023 plan, not 2022's 200
    assert p.loc[("甲区", "汽车"), "plan_id"] == "jia-2023"
    assert p.loc[("甲区", "材料"), "plan_id"] == "jia-2022"  # only the old plan names it
    assert ("乙区", "") not in p.index  # the 工业总产值 total row


def test_named_without_target_and_directions():
    p = P.district_portfolio(make_dataset()).set_index(["district", "sector"])
    assert pd.isna(p.loc[("甲区", "食品"), "target_yi"])
    assert p.loc[("丁区", "汽车"), "role"] == "direction"
    assert "丁区" not in set(P.district_portfolio(make_dataset(), directions=False)["district"])


def test_totals_add_distinct_sectors_only():
    t = P.district_total(P.district_portfolio(make_dataset())).set_index("district")
    assert t.loc["甲区", "sum_targets_yi"] == 300 + 30
    assert t.loc["甲区", "n_sectors"] == 3 and t.loc["甲区", "n_with_target"] == 2
    assert pd.isna(t.loc["丁区", "sum_targets_yi"])


def test_compare_districts():
    p = P.district_portfolio(make_dataset())
    c = P.compare_districts(p, ["乙区", "甲区"])
    assert list(c.columns) == ["乙区", "甲区"]
    assert list(c.index) == ["汽车", "装备", "食品"]  # industries.csv order, only sectors they name
    assert c.loc["汽车", "乙区"] == 150 and c.loc["汽车", "甲区"] == 300
    assert pd.isna(c.loc["食品", "乙区"])
    roles = P.compare_districts(p, ["甲区"], value="role")
    assert roles.loc["装备", "甲区"] == "specialty"
    with pytest.raises(ValueError, match="at most"):
        P.compare_districts(p, ["甲区", "乙区", "丙区", "丁区", "戊区", "己区"])
    with pytest.raises(ValueError, match="value"):
        P.compare_districts(p, ["甲区"], value="names")
    assert P.compare_districts(p, ["戊区"]).empty


def test_real_portfolio(shipped):
    p = P.district_portfolio(shipped).set_index(["district", "sector"])
    # 黔江 states its 100亿 新材料 target three times (双百, annex table, 材料基地): counted once
    assert p.loc[("黔江区", "先进材料"), "target_yi"] == 100
    assert p.loc[("永川区", "智能网联新能源汽车"), "target_yi"] == 1100
    assert p.loc[("合川区", "智能网联新能源汽车"), "plan_id"] == "hechuan-2023-09"
    c = P.compare_districts(p.reset_index(), ["永川区", "合川区", "大足区", "黔江区", "璧山区"])
    assert c.shape[1] == 5


def test_portfolio_keeps_every_domain():
    rows = [*base_rows(), row("j-log", "jia-2023", "甲区", "", "物流", "物流", "", "lead", 40, 2027, "甲区物流40亿")]
    p = P.district_portfolio(make_dataset(rows)).set_index(["district", "sector"])
    assert p.loc[("甲区", "物流"), "target_yi"] == 40  # a portfolio lists logistics; overlaps leave it out
