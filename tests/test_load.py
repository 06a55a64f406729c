"""Tests for geo.load: the typed dataset and the shipped data."""

from __future__ import annotations

from geo.load import FileDataSource, load_dataset


def test_mini_loads_typed(mini):
    assert mini.clusters["target_value_yi"].dtype == "float64"
    assert str(mini.clusters["target_year"].dtype) == "Int64"
    assert mini.parks.crs.to_epsg() == 4326
    assert mini.clusters.loc[1, "park_id_list"] == ("jia-1", "jia-2")
    assert set(mini.texts) == {"plan-a", "plan-b"}


def test_fingerprint_changes_with_data(mini_dir):
    src = FileDataSource(mini_dir)
    before = src.fingerprint()
    p = mini_dir / "clusters.csv"
    p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert src.fingerprint() != before


def test_shipped_dataset_is_complete(shipped):
    assert len(shipped.plans) == 5
    assert set(shipped.plans["district"]) == {"合川区", "永川区", "大足区", "黔江区"}
    assert len(shipped.districts) == 38
    ids = set(shipped.parks["park_id"])
    for pid in ["hc-hitech", "hc-nanxi", "hc-caojie", "hc-tianding", "hc-longshi", "hc-shuanghuai", "hc-weituo",
                "hc-qingping", "yc-fenghuanghu", "yc-gangqiao", "yc-sanjiao", "yc-eco-city", "yc-bigdata",
                "yc-bonded", "dz-shuangqiao", "dz-hitech", "dz-industrial", "dz-shike", "qj-zhengyang"]:
        assert pid in ids, pid
    assert (shipped.parks["kind"] == "物流园").sum() >= 4


def test_shipped_quotes_are_verbatim(shipped):
    for _, r in shipped.clusters.iterrows():
        assert r["quote"] in shipped.texts[r["plan_id"]], r["cluster_id"]


def test_shipped_hechuan_vintages_are_separate(shipped):
    hc = shipped.plans[shipped.plans["district"] == "合川区"]
    assert sorted(hc["horizon_year"].tolist()) == [2025, 2027]
    for pid in hc["plan_id"]:
        assert (shipped.clusters["plan_id"] == pid).sum() > 10


def test_shipped_key_targets(shipped):
    c = shipped.clusters

    def has(plan, value, year, words):
        m = (c["plan_id"] == plan) & (c["target_value_yi"] == value) & (c["target_year"] == year)
        return bool(m.any()) and any(words in q for q in c.loc[m, "quote"])

    # 永川's cluster aims are undated in their paragraph and section (docs/coding.md): value kept, year empty
    m = (c["plan_id"] == "yongchuan-2022") & (c["target_value_yi"] == 1100)
    assert m.any() and c.loc[m, "target_year"].isna().all() and any("1100亿级" in q for q in c.loc[m, "quote"])
    assert has("yongchuan-2022", 3000, 2025, "工业总产值")
    assert has("hechuan-2023-09", 500, 2027, "智能网联新能源汽车零部件")
    assert has("qianjiang-2022", 350, 2025, "350")
    assert has("dazu-2022", 2000, 2026, "2000亿元")
    base = c[(c["plan_id"] == "qianjiang-2022") & c["baseline_value_yi"].notna()]
    assert 109.43 in set(base["baseline_value_yi"]) and set(base["baseline_year"]) == {2020}


def test_load_reports_missing_files(tmp_path):
    import pytest

    from geo.errors import DataValidationError

    with pytest.raises(DataValidationError) as e:
        load_dataset(tmp_path)
    msg = str(e.value)
    assert "plans.csv" in msg and "parks.geojson" in msg and "not found" in msg
