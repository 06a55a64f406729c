"""Tests for geo.summary: the dominant-industry and target-scale rule."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.summary import cagr, park_industries, select_plans, summarise_parks


def _by_id(df):
    return df.set_index("park_id")


def test_shared_row_listed_on_each_park_but_not_summed(mini):
    pi = park_industries(mini)
    shared = pi[pi["cluster_id"] == "plan-a-c002"]
    assert sorted(shared["park_id"]) == ["jia-1", "jia-2"] and shared["shared"].all()


def test_dominant_uses_district_context_when_park_has_no_target(mini):
    s = _by_id(summarise_parks(mini))
    # jia-1: 汽车 (context 300 from the district target) beats 电子 (no target)
    assert s.loc["jia-1", "dominant_sector"] == "汽车" and s.loc["jia-1", "dominant_weight_yi"] == 300
    assert s.loc["jia-1", "dominant_chain"] == "摩托车"
    assert s.loc["jia-2", "dominant_sector"] == "电子"


def test_scale_own_shared_none(mini):
    s = _by_id(summarise_parks(mini))
    assert s.loc["yi-1", "target_scale_yi"] == 120 and s.loc["yi-1", "scale_basis"] == "own"
    assert s.loc["yi-1", "scale_year"] == 2025
    # a district-wide target is context for dominance, never a park's scale
    assert math.isnan(s.loc["jia-1", "target_scale_yi"]) and s.loc["jia-1", "scale_basis"] == "none"


def test_shared_target_gives_shared_scale(mini):
    cl = mini.clusters
    i = cl.index[cl["cluster_id"] == "plan-a-c002"][0]
    cl.loc[i, "target_value_yi"] = 80.0
    cl.loc[i, "target_year"] = 2025
    s = _by_id(summarise_parks(mini))
    assert s.loc["jia-2", "target_scale_yi"] == 80 and s.loc["jia-2", "scale_basis"] == "shared"


def test_own_targets_sum_across_sectors_but_not_chains(mini):
    cl = mini.clusters
    extra = cl[cl["cluster_id"] == "plan-b-c001"].copy()
    rows = []
    for cid, sector, chain, v in (("x1", "汽车", "", 200.0), ("x2", "材料", "", 50.0)):
        r = extra.copy()
        r["cluster_id"], r["sector"], r["chain"], r["target_value_yi"] = cid, sector, chain, v
        rows.append(r)
    ds = mini.__class__(**{**mini.__dict__, "clusters": pd.concat([cl, *rows], ignore_index=True)})
    s = _by_id(summarise_parks(ds))
    # 汽车: max(120 on chain 零部件, 200 sector-level) = 200; plus 材料 50
    assert s.loc["yi-1", "target_scale_yi"] == 250


def test_select_plans_latest_per_district(shipped):
    latest = select_plans(shipped, "latest")
    assert "hechuan-2023-09" in latest and "hechuan-2023-02" not in latest and len(latest) == 4
    assert len(select_plans(shipped, "all")) == 5
    assert select_plans(shipped, "hechuan-2023-02") == ["hechuan-2023-02"]
    with pytest.raises(ValueError):
        select_plans(shipped, "nope")


def test_shipped_dominant_industries(shipped):
    s = _by_id(summarise_parks(shipped, select_plans(shipped, "latest")))
    assert s.loc["hc-tianding", "dominant_sector"] == "智能网联新能源汽车"
    assert s.loc["hc-nanxi", "dominant_chain"] == "火锅食材"
    assert s.loc["yc-fenghuanghu", "dominant_sector"] == "智能网联新能源汽车"
    assert s.loc["yc-bigdata", "dominant_sector"] == "软件信息服务"
    assert s.loc["dz-industrial", "dominant_chain"] == "五金"
    assert s.loc["qj-zhengyang", "dominant_sector"] == "先进材料"
    assert s.loc["dz-shuangqiao", "target_scale_yi"] == 1000


@pytest.mark.parametrize("b, t, y, expected", [(100, 200, 5, 2 ** 0.2 - 1), (109.43, 350, 5, (350 / 109.43) ** 0.2 - 1)])
def test_cagr(b, t, y, expected):
    assert cagr(b, t, y) == pytest.approx(expected)


@pytest.mark.parametrize("b, t, y", [(0, 10, 5), (10, 20, 0), (None, 5, 2), (float("nan"), 1, 1)])
def test_cagr_undefined(b, t, y):
    assert math.isnan(cagr(b, t, y))


def test_runs_keep_each_keys_values_in_order():
    import numpy as np

    from geo.summary import _runs

    keys = np.array(["a", "a", "b", "c", "c", "c"], dtype=object)
    values = np.array(["x", "y", "z", "u", "v", "u"], dtype=object)
    assert _runs(keys, values) == {"a": ("x", "y"), "b": ("z",), "c": ("u", "v", "u")}
    assert _runs(np.array([], dtype=object), np.array([], dtype=object)) == {}
