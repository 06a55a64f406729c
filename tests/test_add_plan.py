"""Tests for geo.add_plan: building, validating and saving a reviewed plan without losing data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from geo import add_plan as ap
from geo import settings
from geo.errors import DataValidationError, WriteConflictError
from geo.ingest import draft_rows
from geo.io import previous_versions
from geo.load import load_dataset

PLAN = """合川区制造业发展行动方案（2024—2028年）
一、发展目标
到2028年，全区规模以上工业产值达到1200亿元。
二、空间布局
南溪组团重点发展火锅食材、现代中药。西城工业园重点发展高端装备、新能源汽车零部件，培育壮大锂电池产业。
——白沙镇。依托港口优势，重点发展商贸物流和粮油加工。
到2028年，西城工业园工业产值力争突破500亿元。
"""

#: Inside 合川区 (GeoNames Longshi / Shuanghuai town seats).
SITE_A = ap.ParkSite(lat=30.21469, lon=106.45743, geometry_quality="town_seat", location_note="test")
SITE_B = ap.ParkSite(lat=30.18416, lon=106.5558, geometry_quality="approximate", location_note="test")


def _meta(title: str = "合川区制造业发展行动方案", issued: str = "2024-05-01") -> ap.PlanMeta:
    return ap.PlanMeta(district="合川区", title=title, issued=issued, horizon_year=2028, doc_number="合川府发〔2024〕1号")


def _review(data_dir: Path, text: str = PLAN) -> pd.DataFrame:
    found = draft_rows(text, "合川区", industries=pd.read_csv(data_dir / "industries.csv", dtype=str,
                                                            keep_default_na=False), horizon_year=2028)
    return ap.review_table(found, ap.read_parks_table(data_dir), "合川区")


def _sites(review: pd.DataFrame) -> dict[str, ap.ParkSite]:
    return {name: (SITE_A if i % 2 == 0 else SITE_B) for i, name in enumerate(ap.new_parks(review))}


def test_review_table_matches_existing_parks(data_copy):
    rv = _review(data_copy)
    assert list(rv.columns) == ap.REVIEW_COLUMNS
    assert set(rv.loc[rv["park"] == "南溪组团", "park_id"]) == {"hc-nanxi"}
    assert ap.new_parks(rv) == ["西城工业园", "白沙镇"]


def test_save_plan_validates_and_loads(data_copy):
    before = load_dataset(data_copy)
    versions = ap.read_versions(data_copy)
    rv = _review(data_copy)
    upd = ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv))
    assert upd.plan_id == "hechuan-2024"
    assert upd.new_park_ids == {"西城工业园": "hc-xicheng", "白沙镇": "hc-baisha"}
    assert ap.validate_update(data_copy, upd) == []
    ap.save_update(data_copy, upd, versions)

    ds = load_dataset(data_copy)
    assert len(ds.plans) == len(before.plans) + 1
    assert ds.texts["hechuan-2024"] == PLAN
    new = ds.clusters[ds.clusters["plan_id"] == "hechuan-2024"]
    assert list(new["cluster_id"])[:2] == ["hechuan-2024-c001", "hechuan-2024-c002"]
    assert len(new) == len(rv)
    assert sorted(new["target_value_yi"].dropna()) == [500.0, 1200.0]
    # existing rows untouched, existing park now also lists the new plan, new parks added
    old = ds.clusters[ds.clusters["plan_id"] != "hechuan-2024"].reset_index(drop=True)
    pd.testing.assert_frame_equal(old, before.clusters.reset_index(drop=True))
    nanxi = ds.parks.set_index("park_id").loc["hc-nanxi"]
    assert "hechuan-2024" in nanxi["plan_ids"].split(";")
    xicheng = ds.parks.set_index("park_id").loc["hc-xicheng"]
    assert (xicheng["name_zh"], xicheng["kind"], xicheng["district"]) == ("西城工业园", "工业园区", "合川区")
    assert xicheng["quote"] in PLAN
    # the new plan is the latest of its district, so the map and the overlap analysis use it
    from geo.summary import select_plans

    assert "hechuan-2024" in select_plans(ds, "latest")


def test_previous_version_is_kept(data_copy):
    original = (data_copy / "clusters.csv").read_bytes()
    rv = _review(data_copy)
    ap.save_update(data_copy, ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv)), ap.read_versions(data_copy))
    kept = previous_versions(data_copy / "clusters.csv")
    assert kept and kept[-1].read_bytes() == original
    assert (data_copy / "clusters.csv").read_bytes().startswith(original)  # appended, not rewritten


def test_two_writers_second_gets_conflict_and_nothing_is_lost(data_copy):
    v_a = ap.read_versions(data_copy)
    v_b = ap.read_versions(data_copy)  # both opened the page at the same time
    rv = _review(data_copy)
    upd_a = ap.build_update(data_copy, _meta("方案甲"), PLAN, rv, _sites(rv))
    text_b = PLAN.replace("1200", "1300")
    rv_b = _review(data_copy, text_b)
    upd_b = ap.build_update(data_copy, _meta("方案乙", "2024-06-01"), text_b, rv_b, _sites(rv_b))
    ap.save_update(data_copy, upd_a, v_a)
    after_a = {n: (data_copy / n).read_bytes() for n in ap.FILES}
    with pytest.raises(WriteConflictError, match="nothing was written"):
        ap.save_update(data_copy, upd_b, v_b)
    # writer A's plan is intact and valid; writer B wrote nothing (not even its text file)
    assert {n: (data_copy / n).read_bytes() for n in ap.FILES} == after_a
    assert upd_b.text_file == upd_a.text_file  # both drafted the same id; A's text is the one on disk
    assert (data_copy / upd_a.text_file).read_text(encoding="utf-8") == PLAN
    ds = load_dataset(data_copy)
    assert "方案甲" in set(ds.plans["title"]) and "方案乙" not in set(ds.plans["title"])
    # after reloading the versions, B can save its plan on top of A's
    rv_b2 = _review(data_copy, text_b)
    upd_b2 = ap.build_update(data_copy, _meta("方案乙", "2024-06-01"), text_b, rv_b2, _sites(rv_b2))
    assert upd_b2.plan_id == "hechuan-2024-06"
    ap.save_update(data_copy, upd_b2, ap.read_versions(data_copy))
    ds = load_dataset(data_copy)
    assert {"方案甲", "方案乙"} <= set(ds.plans["title"])


def test_conflict_in_the_middle_writes_nothing(data_copy, monkeypatch):
    versions = ap.read_versions(data_copy)
    rv = _review(data_copy)
    upd = ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv))
    real = ap.validate_update

    def racing(data_dir, update):  # someone saves plans.csv while ours is being validated
        out = real(data_dir, update)
        with open(Path(data_dir) / settings.PLANS_FILE, "ab") as fh:
            fh.write(b"\n")
        return out

    monkeypatch.setattr(ap, "validate_update", racing)
    before_texts = sorted(p.name for p in (data_copy / "plans").iterdir())
    with pytest.raises(WriteConflictError, match="plans.csv"):
        ap.save_update(data_copy, upd, versions)
    for n in (settings.PARKS_FILE, settings.CLUSTERS_FILE):
        assert ap.file_version(data_copy / n) == versions[n]
    assert not (data_copy / upd.text_file).exists()
    assert sorted(p.name for p in (data_copy / "plans").iterdir()) == before_texts


def test_invalid_update_is_not_written(data_copy):
    rv = _review(data_copy)
    rv.loc[rv.index[0], "role"] = "boss"  # not a role
    upd = ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv))
    problems = ap.validate_update(data_copy, upd)
    assert any(p.field == "role" and "boss" in p.message for p in problems)
    before = {n: (data_copy / n).read_bytes() for n in ap.FILES}
    with pytest.raises(DataValidationError):
        ap.save_update(data_copy, upd, ap.read_versions(data_copy))
    assert {n: (data_copy / n).read_bytes() for n in ap.FILES} == before


def test_new_park_needs_a_site_and_quotes_must_be_verbatim(data_copy):
    rv = _review(data_copy)
    with pytest.raises(DataValidationError) as err:
        ap.build_update(data_copy, _meta(), PLAN, rv, {})
    assert any(p.record == "西城工业园" and p.field == "park" for p in err.value.problems)
    rv.loc[rv.index[0], "quote"] = "规划里没有这句话"
    with pytest.raises(DataValidationError, match="not found verbatim"):
        ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv))


def test_site_outside_district_is_reported(data_copy):
    rv = _review(data_copy)
    far = {n: ap.ParkSite(lat=29.06226, lon=106.1189) for n in ap.new_parks(rv)}  # 江津区
    upd = ap.build_update(data_copy, _meta(), PLAN, rv, far)
    problems = ap.validate_update(data_copy, upd)
    assert any("outside its own district" in p.message for p in problems)


def test_unticked_rows_are_left_out(data_copy):
    rv = _review(data_copy)
    rv["include"] = rv["park"] != "白沙镇"
    upd = ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv))
    assert "白沙镇" not in upd.new_park_ids
    assert len(upd.cluster_ids) == int(rv["include"].sum())


def test_works_on_a_minimal_fixture(mini_dir):
    text = "甲区新方案。甲一园重点发展汽车。甲三园重点发展电子信息。"
    rv = ap.review_table(draft_rows(text, "甲区", industries=pd.read_csv(mini_dir / "industries.csv", dtype=str,
                                                                         keep_default_na=False)),
                         ap.read_parks_table(mini_dir), "甲区")
    assert list(rv["park_id"]) == ["jia-1", ""]
    upd = ap.build_update(mini_dir, ap.PlanMeta("甲区", "甲区新方案", "2024-01-01", 2027), text, rv,
                          {"甲三园": ap.ParkSite(lat=29.6, lon=106.1)})
    assert upd.plan_id == "jia-2024" and upd.new_park_ids == {"甲三园": "jia-jiasan"}
    ap.save_update(mini_dir, upd, {n: "" for n in ap.FILES} | ap.read_versions(mini_dir))
    ds = load_dataset(mini_dir)
    assert set(ds.clusters.loc[ds.clusters["plan_id"] == "jia-2024", "park_ids"]) == {"jia-1", "jia-jiasan"}


def test_ids_and_names():
    parks = pd.DataFrame(dict(park_id=["hc-nanxi", "hc-longshi"], name_zh=["南溪组团", "龙市镇"], district=["合川区"] * 2))
    assert ap.district_prefix("合川区", parks) == "hc"
    assert ap.district_prefix("万州区") == "wz"
    assert ap.new_park_id("龙市镇", "合川区", parks) == "hc-longshi-2"
    assert ap.new_park_id("双槐镇", "合川区", parks) == "hc-shuanghuai"
    assert ap.new_plan_id("合川区", "2023-09-12", ["hechuan-2023-02"]) == "hechuan-2023"
    assert ap.new_plan_id("合川区", "2023-09-12", ["hechuan-2023"]) == "hechuan-2023-09"
    assert ap.new_plan_id("合川区", "2023-09-12", ["hechuan-2023", "hechuan-2023-09"]) == "hechuan-2023-09-2"
    assert ap.guess_kind("双桥经开区") == "经开区" and ap.guess_kind("港桥现代物流园") == "物流园"
    assert ap.guess_kind("凤凰湖产业园") == "产业园" and ap.guess_kind("白沙镇") == "中小企业集聚区"
    assert ap.english_name("龙市镇", "中小企业集聚区") == "Longshi SME Cluster Zone"


def test_gazetteer_matches_by_pinyin():
    gaz = pd.DataFrame(dict(name_pinyin=["Longshi", "Longshi", "Shuanghuai", "Nanjin"], lat=[30.2, 29.5, 30.1, 29.9],
                            lon=[106.4, 105.6, 106.5, 106.2], district=["合川区", "大足区", "合川区", "合川区"]))
    hits = ap.gazetteer_matches("龙市镇", "合川区", gaz)
    assert list(zip(hits["district"], hits["in_district"], strict=True)) == [("合川区", True), ("大足区", False)]
    assert list(ap.gazetteer_matches("南津街街道", "合川区", gaz)["name_pinyin"]) == ["Nanjin"]
    assert ap.gazetteer_matches("凤凰湖产业园", "永川区", gaz).empty


def test_parks_geojson_keeps_its_format(data_copy):
    rv = _review(data_copy)
    upd = ap.build_update(data_copy, _meta(), PLAN, rv, _sites(rv))
    doc = json.loads(upd.files[settings.PARKS_FILE])
    old = json.loads((data_copy / settings.PARKS_FILE).read_text(encoding="utf-8"))
    assert doc["features"][: len(old["features"])][0]["properties"]["park_id"] == old["features"][0]["properties"]["park_id"]
    assert len(doc["features"]) == len(old["features"]) + 2
