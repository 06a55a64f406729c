"""Tests for geo.overlap: severity scoring, overlaps on hand-made data, rule counts, and the real plans."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from overlap_fixtures import make_dataset, row

from geo import coords
from geo import overlap as O
from geo.settings import BIG_TARGET_YI, INDUSTRY_ROLES, NEAR_KM, SEVERITY_BREADTH_CAP
from geo.summary import select_plans

# ----------------------------------------------------------------------------------------- scoring


def test_score_all_rules_fire():
    sev = O.score_overlap(["lead", "lead", "direction"], [150.0, 200.0, None], min_km=10.0, neighbours=True)
    # breadth 3 sides → +2; two leads → +2; two ≥100亿 → +2; parks within 50 km → +2 (neighbours not added)
    assert sev.points == 8
    assert sev.codes == ("breadth", "lead", "big_targets", "near")
    assert sev.level == "high"


def test_score_strong_role_and_neighbours():
    sev = O.score_overlap(["lead", "specialty"], [None, 30.0], min_km=float("nan"), neighbours=True)
    assert sev.points == 1 + 1 + 1
    assert sev.codes == ("breadth", "strong_role", "neighbours")
    assert sev.level == "low"
    adv = O.score_overlap(["advantage", "specialty"], [None, None])
    assert adv.codes == ("breadth", "strong_role")


def test_score_points_come_from_settings(monkeypatch):
    """The severity points live in geo/settings.py only: changing them there changes the score."""
    from geo import settings

    before = O.score_overlap(["lead", "lead"], [150.0, 200.0], min_km=10.0)
    for code in settings.SEVERITY_POINTS:
        monkeypatch.setitem(settings.SEVERITY_POINTS, code, settings.SEVERITY_POINTS[code] + 10)
    after = O.score_overlap(["lead", "lead"], [150.0, 200.0], min_km=10.0)
    assert after.codes == before.codes == ("breadth", "lead", "big_targets", "near")
    assert after.points == before.points + 30


def test_score_weak_roles_far_apart():
    sev = O.score_overlap(["emerging", "direction"], [None, None], min_km=80.0, neighbours=False)
    assert sev.points == 1
    assert sev.codes == ("breadth",)


def test_score_thresholds_are_inclusive():
    sev = O.score_overlap(["emerging", "emerging"], [BIG_TARGET_YI, BIG_TARGET_YI], min_km=NEAR_KM)
    assert "big_targets" in sev.codes and "near" in sev.codes
    just_below = O.score_overlap(["emerging", "emerging"], [BIG_TARGET_YI - 0.01, 500.0], min_km=NEAR_KM + 0.01)
    assert just_below.codes == ("breadth",)


def test_score_breadth_is_capped():
    sev = O.score_overlap(["direction"] * 12, [None] * 12)
    assert sev.parts == (("breadth", SEVERITY_BREADTH_CAP, 12),)


def test_score_rejects_misaligned_sides():
    with pytest.raises(ValueError):
        O.score_overlap(["lead", "lead"], [1.0])


def test_reasons_text_both_languages():
    sev = O.score_overlap(["lead", "lead"], [120.0, 300.0], min_km=12.34)
    zh, en = sev.text("zh"), sev.text("en")
    assert "2个区县（+1）" in zh and "2个区县列为主导产业（+2）" in zh and "最近12.3公里" in zh
    assert "2 districts (+1)" in en and "nearest 12.3 km (+2)" in en
    assert "园区" in sev.text("zh", unit="park") and "parks" in sev.text("en", unit="park")


_side = st.tuples(st.sampled_from(INDUSTRY_ROLES), st.one_of(st.none(), st.floats(0, 2000, allow_nan=False)))


@hsettings(max_examples=200, deadline=None)
@given(st.lists(_side, min_size=2, max_size=8), _side, st.one_of(st.none(), st.floats(0, 300)), st.booleans())
def test_score_adds_up_and_never_drops_when_a_side_joins(sides, extra, min_km, nb):
    roles, targets = [s[0] for s in sides], [s[1] for s in sides]
    sev = O.score_overlap(roles, targets, min_km, nb)
    assert sev.points == sum(p[1] for p in sev.parts)
    assert sev.level == O.severity_level(sev.points)
    more = O.score_overlap([*roles, extra[0]], [*targets, extra[1]], min_km, nb)
    assert more.points >= sev.points


# ----------------------------------------------------------------------------------------- fixture data


@pytest.fixture
def ds():
    return make_dataset()


def _one(df: pd.DataFrame, industry: str, kind: str = "cross_district") -> pd.Series:
    hit = df[(df["industry"] == industry) & (df["kind"] == kind)]
    assert len(hit) == 1, f"expected one {kind} overlap for {industry}, got {len(hit)}"
    return hit.iloc[0]


def test_cross_district_overlap_latest_plans(ds):
    o = O.find_overlaps(ds)
    car = _one(o, "汽车")
    # 甲区 speaks through its latest plan (300亿, not the old 200亿); 丁区 only through a direction
    assert car["districts"] == ("甲区", "乙区", "丁区")
    assert car["total_target_yi"] == 300 + 150
    assert set(car["parks"]) == {"a1", "a2", "b1"}
    assert car["plan_ids"] == ("jia-2023", "yi-2022", "jia-2022")
    assert car["severity"] == 2 + 2 + 2 + 2
    assert car["reason_codes"] == ("breadth", "lead", "big_targets", "near")
    sides = {s["district"]: s for s in car["sides"]}
    assert (sides["甲区"]["role"], sides["甲区"]["target_yi"], sides["甲区"]["target_year"]) == ("lead", 300.0, 2027)
    assert sides["丁区"]["role"] == "direction" and sides["丁区"]["direction_only"]
    assert all(q["plan_id"] == "jia-2023" for q in sides["甲区"]["quotes"])
    assert sides["乙区"]["quotes"][0]["plan_title"] == "乙区产业方案"
    assert "乙一园汽摩150亿" in car["evidence"] and "甲区主导产业汽车零部件300亿" in car["evidence"]


def test_directions_only_for_districts_without_own_plan(ds):
    # 乙区 has its own plan, so the old plan's direction "乙 材料" is ignored; 甲区's latest plan has no 材料
    o = O.find_overlaps(ds)
    assert o[(o["industry"] == "材料")].empty
    assert "丁区" not in _one(O.find_overlaps(ds, directions=False), "汽车")["districts"]


def test_a_district_never_overlaps_itself(ds):
    o = O.find_overlaps(ds, plan_ids=["jia-2022", "jia-2023"], directions=False)
    assert o[o["kind"] == "cross_district"].empty
    every = O.find_overlaps(ds, plan_ids=list(ds.plans["plan_id"]))
    for _, r in every[every["kind"] == "cross_district"].iterrows():
        assert len(r["districts"]) == len(set(r["districts"])) == r["n_districts"]
    mat = _one(every, "材料")  # both 甲区 plans selected: the old one's 新材料 now meets 丙区
    assert set(mat["districts"]) == {"甲区", "丙区"}


def test_within_district_duplicates(ds):
    o = O.find_overlaps(ds)
    dup = _one(o, "汽车", "within_district")
    assert dup["districts"] == ("甲区",)
    assert set(dup["parks"]) == {"a1", "a2"}
    # 2 parks (+1), lead + specialty (+1), a1–a2 ~30 km (+2); no neighbour rule inside a district
    assert dup["severity"] == 4
    assert dup["reason_codes"] == ("breadth", "strong_role", "near")
    assert 25 < dup["min_distance_km"] < 35
    assert math.isnan(dup["total_target_yi"])
    assert list(o["kind"]) == sorted(o["kind"], key=O.KINDS.index)


def test_distance_uses_projected_crs(ds):
    o = O.find_overlaps(ds, level="chain")
    lift = _one(o, "电梯")
    assert lift["districts"] == ("甲区", "乙区")
    a1 = ds.parks.set_index("park_id").geometry["a1"]
    b1 = ds.parks.set_index("park_id").geometry["b1"]
    geodesic = coords.distance_km(a1.x, a1.y, b1.x, b1.y)
    assert lift["min_distance_km"] == pytest.approx(geodesic, rel=0.01)
    assert lift["links"] == (("a1", "b1", pytest.approx(geodesic, rel=0.01)),)
    assert lift["near_pairs"][0][:2] == ("a1", "b1")
    assert lift["severity"] == 1 + 2  # specialty + emerging: no role points


def test_neighbour_rule_when_no_parks():
    rows = [
        row("j", "jia-2023", "甲区", "", "食品", "食品", "", "emerging"),
        row("y", "yi-2022", "乙区", "", "食品", "食品", "", "emerging"),
        row("c", "bing-2022", "丙区", "", "食品", "食品", "", "emerging"),
    ]
    o = O.find_overlaps(make_dataset(rows))
    food = _one(o, "食品")
    assert food["reason_codes"] == ("breadth", "neighbours")  # 甲区 and 乙区 share a border
    assert math.isnan(food["min_distance_km"])
    far = O.find_overlaps(make_dataset([rows[0], rows[2]]))
    assert _one(far, "食品")["reason_codes"] == ("breadth",)


def test_bad_arguments(ds):
    with pytest.raises(ValueError, match="level"):
        O.find_overlaps(ds, level="cluster")
    with pytest.raises(ValueError, match="kind"):
        O.find_overlaps(ds, kinds=("across",))


def test_empty_result_has_columns():
    o = O.find_overlaps(make_dataset([row("j", "jia-2023", "甲区", "", "食品", "食品", "", "lead")]))
    assert o.empty and list(o.columns) == O.COLUMNS
    assert list(O.flat_table(o).columns)[:2] == ["kind", "industry"]


def test_counts_by_district(ds):
    c = O.overlap_counts_by_district(ds).set_index("district")
    assert c.loc["甲区", "n_overlaps"] == 3  # 汽车, 装备, 食品
    assert c.loc["丁区", "n_overlaps"] == 1 and c.loc["丁区", "has_data"]
    assert c.loc["甲区", "max_severity"] == 8
    assert c.loc["戊区", "n_overlaps"] == 0 and not c.loc["戊区", "has_data"]
    assert len(c) == len(ds.districts)


def test_rule_counts(ds):
    r = O.district_rule_counts(ds).set_index("district")
    assert r.loc["甲区", "n_lead"] == 1 and not r.loc["甲区", "lead_over"]  # the district-wide 汽车零部件 row
    # 乙区's lead is a park row (乙一园汽摩): a district's 2+4 count uses district-scope rows only
    assert r.loc["乙区", "n_lead"] == 0 and not r.loc["乙区", "declared"]
    assert r.loc["丙区", "n_specialty"] == 1
    rows = [
        row(f"l{i}", "jia-2023", "甲区", "", n, s, "", "lead")
        for i, (n, s) in enumerate([("汽车", "汽车"), ("材料", "材料"), ("装备", "装备")])
    ]
    over = O.district_rule_counts(make_dataset(rows, texts={"jia-2023": "三个主导产业"}), ["jia-2023"]).iloc[0]
    assert over["n_lead"] == 3 and over["lead_over"] and over["over"]
    assert over["lead_industries"] == "汽车;材料;装备"


def test_matrix(ds):
    m = O.district_industry_matrix(ds)
    assert list(m.columns) == ["汽车", "材料", "装备", "食品"]  # industries.csv order
    assert m.loc["甲区", "汽车"] == O.ROLE_STRENGTH["lead"]
    assert m.loc["丁区", "汽车"] == O.ROLE_STRENGTH["direction"]
    assert pd.isna(m.loc["丁区", "食品"])
    t = O.district_industry_matrix(ds, value="target")
    assert t.loc["甲区", "汽车"] == 300 and t.loc["乙区", "汽车"] == 150


# ----------------------------------------------------------------------------------------- the real plans


def _quotes_in_text(shipped, side: dict) -> None:
    assert side["quotes"], f"{side['district']} has no quote"
    for q in side["quotes"]:
        assert q["quote"] in shipped.texts[q["plan_id"]]


def test_real_auto_sector_across_yongchuan_hechuan_dazu(shipped):
    o = O.find_overlaps(shipped, "sector")
    car = _one(o, "智能网联新能源汽车")
    assert {"永川区", "合川区", "大足区"} <= set(car["districts"])
    sides = {s["district"]: s for s in car["sides"]}
    for d, plan in (("永川区", "yongchuan-2022"), ("合川区", "hechuan-2023-09"), ("大足区", "dazu-2022")):
        assert sides[d]["plan_ids"] == [plan]
        _quotes_in_text(shipped, sides[d])
        assert d in car["evidence"]
    assert car["severity_level"] == "high"


def test_real_materials_across_hechuan_and_qianjiang(shipped):
    # Hechuan's 新材料 is in its 2023-02 plan; the 2023-09 plan's 新型材料 is building materials (建材)
    plans = ["yongchuan-2022", "hechuan-2023-02", "qianjiang-2022", "dazu-2022"]
    mat = _one(O.find_overlaps(shipped, "sector", plans), "先进材料")
    sides = {s["district"]: s for s in mat["sides"]}
    assert {"合川区", "黔江区"} <= set(sides)
    assert sides["合川区"]["plan_ids"] == ["hechuan-2023-02"]
    assert sides["黔江区"]["target_yi"] == 100
    for d in ("合川区", "黔江区"):
        _quotes_in_text(shipped, sides[d])


def test_real_elevators_chain_across_hechuan_and_dazu(shipped):
    lift = _one(O.find_overlaps(shipped, "chain"), "电梯")
    sides = {s["district"]: s for s in lift["sides"]}
    assert {"合川区", "大足区"} <= set(sides)
    for d in ("合川区", "大足区"):
        _quotes_in_text(shipped, sides[d])


def test_real_hechuan_counted_once(shipped):
    o = O.find_overlaps(shipped, "sector", list(shipped.plans["plan_id"]))
    for _, r in o.iterrows():
        assert len(r["districts"]) == len(set(r["districts"]))
    counts = O.overlap_counts_by_district(shipped, o)
    assert counts.loc[counts["district"] == "璧山区", "n_overlaps"].iloc[0] > 0  # a Table-1 district


def test_real_all_vintages_compares_every_plan(shipped):
    mat = _one(O.find_overlaps(shipped, "sector", select_plans(shipped, "all")), "先进材料")
    sides = {s["district"]: s for s in mat["sides"]}
    assert {"合川区", "黔江区"} <= set(sides)
    for d in ("合川区", "黔江区"):
        _quotes_in_text(shipped, sides[d])
