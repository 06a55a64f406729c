"""One test per overlap rule of the coding contract, on tiny hand-made datasets (tests/overlap_fixtures.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from overlap_fixtures import INDUSTRIES, make_dataset, row
from shapely.geometry import Point, box

from geo import coords, settings
from geo import overlap as O
from geo.vintage import supersede

ALL = ["jia-2022", "jia-2023", "yi-2022", "bing-2022"]


def _one(df: pd.DataFrame, industry: str, kind: str = "cross_district") -> pd.Series:
    hit = df[(df["industry"] == industry) & (df["kind"] == kind)]
    assert len(hit) == 1, f"expected one {kind} overlap for {industry}, got {len(hit)}"
    return hit.iloc[0]


def _none(df: pd.DataFrame, industry: str, kind: str = "cross_district") -> None:
    assert df[(df["industry"] == industry) & (df["kind"] == kind)].empty


def _sides(rec: pd.Series) -> dict:
    return {s["district"]: s for s in rec["sides"]}


# ------------------------------------------------------------------------------------------- vintages


def test_later_vintage_supersedes_the_earlier_and_says_what_changed():
    rows = [
        row("o1", "jia-2022", "甲区", "", "网络安全", "汽车", "", "lead", 100, 2025, "甲区主导网络安全100亿"),
        row("o2", "jia-2022", "甲区", "", "新材料", "材料", "", "lead", 80, 2025, "甲区主导新材料80亿"),
        row("n1", "jia-2023", "甲区", "", "网络安全", "汽车", "", "specialty", 50, 2027, "甲区特色网络安全50亿"),
        row("y1", "yi-2022", "乙区", "", "汽车", "汽车", "", "lead", 150, 2025),
        row("c1", "bing-2022", "丙区", "", "材料", "材料", "", "lead", 90, 2025),
    ]
    o = O.find_overlaps(make_dataset(rows), plan_ids=ALL)
    car = _one(o, "汽车")
    jia = _sides(car)["甲区"]
    assert jia["plan_ids"] == ["jia-2023"]
    assert (jia["role"], jia["target_yi"], jia["target_year"]) == ("specialty", 50.0, 2027)
    assert car["vintage_changes"] == "甲区 汽车：主导 100亿（2025，jia-2022） → 特色 50亿（2027，jia-2023）"
    assert [c["plan_old"] for c in jia["superseded"]] == ["jia-2022"]
    assert set(jia["superseded"][0]["changes"]) == {"role_changed", "retargeted"}
    # an industry only the earlier plan names still speaks for the district
    mat = _one(o, "材料")
    assert _sides(mat)["甲区"]["plan_ids"] == ["jia-2022"] and mat["vintage_changes"] == ""
    en = _one(O.find_overlaps(make_dataset(rows), plan_ids=ALL, lang="en"), "汽车")
    assert en["vintage_changes"] == "甲区 汽车: lead 100亿 (2025, jia-2022) → specialty 50亿 (2027, jia-2023)"


def test_supersession_works_at_the_level_compared():
    rows = [
        row("o1", "jia-2022", "甲区", "", "摩托车", "汽车", "摩托车", "lead", None, None, "甲区摩托车"),
        row("n1", "jia-2023", "甲区", "", "汽车零部件", "汽车", "零部件", "lead", None, None, "甲区汽车零部件"),
        row("y1", "yi-2022", "乙区", "", "摩托车", "汽车", "摩托车", "lead", None, None, "乙区摩托车"),
    ]
    ds = make_dataset(rows)
    sector = _one(O.find_overlaps(ds, "sector", ALL), "汽车")
    assert _sides(sector)["甲区"]["plan_ids"] == ["jia-2023"]  # the later plan speaks on the sector
    chain = _one(O.find_overlaps(ds, "chain", ALL), "摩托车")
    assert _sides(chain)["甲区"]["plan_ids"] == ["jia-2022"]  # the later plan says nothing of 摩托车


def test_the_same_cluster_in_two_vintages_is_flagged_once():
    rows = [
        row("o1", "jia-2022", "甲区", "a1", "汽车", "汽车", "", "lead", None, None, "甲一园汽车"),
        row("o2", "jia-2022", "甲区", "a2", "汽车", "汽车", "", "lead", None, None, "甲二园汽车"),
        row("n1", "jia-2023", "甲区", "a1", "汽车", "汽车", "", "lead", None, None, "甲一园汽车整车"),
        row("n2", "jia-2023", "甲区", "a2", "汽车", "汽车", "", "specialty", None, None, "甲二园汽车零部件"),
    ]
    o = O.find_overlaps(make_dataset(rows), plan_ids=ALL, kinds=("within_district",))
    dup = _one(o, "汽车", "within_district")
    assert dup["plan_ids"] == ("jia-2023",)
    assert "甲一园汽车整车" in dup["evidence"] and "甲二园汽车”" not in dup["evidence"]


# ------------------------------------------------------------------------------------------- domains


def test_non_manufacturing_domains_stay_out_unless_asked():
    ind = INDUSTRIES.assign(domain=["manufacturing", "manufacturing", "manufacturing", "agriculture", ""])
    rows = [
        row("j", "jia-2023", "甲区", "", "茶叶", "食品", "", "lead"),
        row("y", "yi-2022", "乙区", "", "茶叶", "食品", "", "lead"),
        row("j2", "jia-2023", "甲区", "", "汽车", "汽车", "", "lead"),
        row("y2", "yi-2022", "乙区", "", "汽车", "汽车", "", "lead"),
    ]
    ds = make_dataset(rows, industries=ind)
    o = O.find_overlaps(ds, plan_ids=ALL)
    _none(o, "食品")
    _one(o, "汽车")
    _one(O.find_overlaps(ds, plan_ids=ALL, all_domains=True), "食品")
    assert "食品" not in O.district_industry_matrix(ds, plan_ids=ALL).columns
    assert "食品" in O.district_industry_matrix(ds, plan_ids=ALL, all_domains=True).columns
    assert O.sector_domains(ind)["装备"] == "manufacturing"  # chain rows do not override the sector's


def test_domain_falls_back_to_settings_when_the_column_is_missing():
    assert "domain" not in INDUSTRIES.columns
    assert settings.SECTOR_DOMAIN_FALLBACK["物流"] != "manufacturing"
    rows = [
        row("j", "jia-2023", "甲区", "", "物流", "物流", "", "lead"),
        row("y", "yi-2022", "乙区", "", "物流", "物流", "", "lead"),
    ]
    ds = make_dataset(rows)
    assert O.find_overlaps(ds, plan_ids=ALL).empty
    _one(O.find_overlaps(ds, plan_ids=ALL, all_domains=True), "物流")
    # a domain column left empty for a sector falls back too
    ind = pd.concat([INDUSTRIES, pd.DataFrame([dict(sector="物流", chain="", name_en="Logistics")])])
    ind["domain"] = ""
    assert O.find_overlaps(make_dataset(rows, industries=ind), plan_ids=ALL).empty


# ------------------------------------------------------------------------------------------- focus


def test_focus_counts_as_presence_but_not_as_a_district_role():
    focus = [
        row("j", "jia-2023", "甲区", "a1", "汽车", "汽车", "", "focus", 300, 2027, "甲一园重点发展汽车"),
        row("y", "yi-2022", "乙区", "b1", "汽车", "汽车", "", "focus", None, None, "乙一园重点发展汽车"),
    ]
    car = _one(O.find_overlaps(make_dataset(focus), plan_ids=ALL), "汽车")
    assert [s["role"] for s in car["sides"]] == ["focus", "focus"]
    assert "lead" not in car["reason_codes"] and "strong_role" not in car["reason_codes"]
    mixed = [focus[0], row("y", "yi-2022", "乙区", "", "汽车", "汽车", "", "lead")]
    car = _one(O.find_overlaps(make_dataset(mixed), plan_ids=ALL), "汽车")
    assert "strong_role" not in car["reason_codes"]  # one lead + one focus: only one side has a role
    led = [row("j0", "jia-2023", "甲区", "", "汽车", "汽车", "", "lead"), *mixed]
    car = _one(O.find_overlaps(make_dataset(led), plan_ids=ALL), "汽车")
    assert "lead" in car["reason_codes"] and _sides(car)["甲区"]["role"] == "lead"


# ------------------------------------------------------------------------------------------- proximity

#: Two sites ~45.6 km apart across the 甲/乙 border.
FAR_PAIR = [("p", "甲P园", "甲区", Point(106.05, 29.25)), ("q", "乙Q园", "乙区", Point(106.52, 29.25))]
FAR_ROWS = [
    row("j", "jia-2023", "甲区", "p", "汽车", "汽车", "", "lead"),
    row("y", "yi-2022", "乙区", "q", "汽车", "汽车", "", "lead"),
]


def test_uncertainty_defaults_from_geometry_quality():
    circle = box(106.1, 29.1, 106.14, 29.14)
    parks = [
        ("s", "实测", "甲区", Point(106.2, 29.2)),
        ("t", "镇驻地", "甲区", Point(106.3, 29.2)),
        ("a", "示意点", "甲区", Point(106.3, 29.3)),
        ("c", "示意圆", "甲区", circle),
        ("u", "标注误差", "甲区", Point(106.4, 29.3)),
        ("e", "空值", "甲区", Point(106.4, 29.4)),
    ]
    props = {
        "s": dict(geometry_quality="surveyed"),
        "t": dict(geometry_quality="town_seat"),
        "a": dict(geometry_quality="approximate"),
        "c": dict(geometry_quality="approximate"),
        "u": dict(geometry_quality="approximate", uncertainty_m="2500"),
        "e": dict(geometry_quality="town_seat", uncertainty_m=""),
    }
    ds = make_dataset([], parks=parks, park_props=props)
    unc = O.park_uncertainty_km(ds)
    assert unc["s"] == 0.0
    assert unc["t"] == unc["e"] == settings.SITE_UNCERTAINTY_M["town_seat"] / 1000
    assert unc["a"] == settings.SITE_UNCERTAINTY_M["approximate"] / 1000
    area = coords.to_projected(ds.parks[ds.parks["park_id"] == "c"]).geometry.iloc[0].area
    assert unc["c"] == pytest.approx(math.sqrt(area / math.pi) / 1000, rel=0.01)
    assert unc["u"] == 2.5


def test_near_counts_the_worst_case_distance():
    surveyed = {p: dict(geometry_quality="surveyed") for p in ("p", "q")}
    ds = make_dataset(FAR_ROWS, parks=FAR_PAIR, park_props=surveyed)
    car = _one(O.find_overlaps(ds, plan_ids=ALL), "汽车")
    assert 40 < car["min_distance_km"] < settings.NEAR_KM - 3
    assert "near" in car["reason_codes"] and car["distance_uncertainty_km"] == 0
    seats = {p: dict(geometry_quality="town_seat") for p in ("p", "q")}  # ± 3 km each: 45.6 + 6 > 50
    car = _one(O.find_overlaps(make_dataset(FAR_ROWS, parks=FAR_PAIR, park_props=seats), plan_ids=ALL), "汽车")
    assert "near" not in car["reason_codes"] and car["reason_codes"][-1] == "neighbours"
    assert car["distance_uncertainty_km"] == pytest.approx(6.0)
    assert car["near_pairs"] == ()


def test_distance_is_reported_with_its_uncertainty():
    seats = {p: dict(geometry_quality="town_seat") for p in ("a1", "b1")}
    rows = [
        row("j", "jia-2023", "甲区", "a1", "汽车", "汽车", "", "lead"),
        row("y", "yi-2022", "乙区", "b1", "汽车", "汽车", "", "lead"),
    ]
    ds = make_dataset(rows, park_props=seats)
    car = _one(O.find_overlaps(ds, plan_ids=ALL), "汽车")
    km = car["min_distance_km"]
    assert f"最近≈{km:.1f}公里±6公里" in car["severity_reasons"]
    assert car["near_pairs"][0][:2] == ("a1", "b1") and car["near_pairs"][0][3] == pytest.approx(6.0)
    en = _one(O.find_overlaps(ds, plan_ids=ALL, lang="en"), "汽车")
    assert f"nearest ≈ {km:.1f} km ± 6 km" in en["severity_reasons"]
    assert O.distance_text(12.34, 3.0, "en") == "≈ 12.3 km ± 3 km" and O.distance_text(12.34, 0, "zh") == "12.3公里"


def test_two_sites_at_one_proxy_point_are_never_near():
    parks = [("x1", "甲X一园", "甲区", Point(106.2, 29.2)), ("x2", "甲X二园", "甲区", Point(106.2041, 29.2))]
    rows = [
        row("j1", "jia-2023", "甲区", "x1", "汽车", "汽车", "", "lead"),
        row("j2", "jia-2023", "甲区", "x2", "汽车", "汽车", "", "lead"),
    ]
    proxies = {p: dict(geometry_quality="approximate") for p in ("x1", "x2")}
    dup = _one(O.find_overlaps(make_dataset(rows, parks=parks, park_props=proxies), plan_ids=ALL), "汽车", "within_district")
    assert dup["min_distance_km"] == pytest.approx(0.4, abs=0.05)
    assert "near" not in dup["reason_codes"] and dup["near_pairs"] == ()
    surveyed = {p: dict(geometry_quality="surveyed") for p in ("x1", "x2")}
    dup = _one(O.find_overlaps(make_dataset(rows, parks=parks, park_props=surveyed), plan_ids=ALL), "汽车", "within_district")
    assert "near" in dup["reason_codes"]  # surveyed sites 400 m apart are near


# ------------------------------------------------------------------------------------------- relations

ZONES = [
    ("z", "甲经开区", "甲区", box(106.1, 29.1, 106.2, 29.2)),
    ("z1", "甲经开区一组团", "甲区", Point(106.12, 29.12)),
    ("z11", "一组团一片区", "甲区", Point(106.13, 29.13)),
    ("z2", "甲经开区二组团", "甲区", Point(106.18, 29.18)),
    ("w", "甲另一园", "甲区", Point(106.4, 29.4)),
]
ZONE_PROPS = {"z1": dict(parent_id="z"), "z11": dict(parent_id="z1"), "z2": dict(parent_id="z")}


def _car_in(*parks: str) -> list[dict]:
    return [row(f"r{p}", "jia-2023", "甲区", p, "汽车", "汽车", "", "lead", None, None, f"{p}汽车") for p in parks]


def test_a_sub_zone_and_its_parent_are_never_an_overlap():
    ds = make_dataset(_car_in("z", "z1", "z11"), parks=ZONES, park_props=ZONE_PROPS)
    _none(O.find_overlaps(ds, plan_ids=ALL), "汽车", "within_district")
    ds = make_dataset(_car_in("z", "z1", "w"), parks=ZONES, park_props=ZONE_PROPS)
    dup = _one(O.find_overlaps(ds, plan_ids=ALL), "汽车", "within_district")
    assert dup["reason_codes"][0] == "breadth" and len(dup["sides"]) == 2
    zone = next(s for s in dup["sides"] if s["park_id"] == "z")
    assert zone["parks"] == ["z", "z1"]
    assert all({a, b} != {"z", "z1"} for a, b, *_ in dup["near_pairs"])
    # two sub-zones of a zone that is not itself named do compete
    ds = make_dataset(_car_in("z1", "z2"), parks=ZONES, park_props=ZONE_PROPS)
    assert len(_one(O.find_overlaps(ds, plan_ids=ALL), "汽车", "within_district")["sides"]) == 2


def test_parks_of_one_network_are_never_an_overlap():
    props = {
        "z1": dict(network="hub-net", network_role="node"),
        "z2": dict(network="hub-net", network_role="hub"),
        "z11": dict(network="hub-net", network_role="node"),
    }
    ds = make_dataset(_car_in("z1", "z2", "z11"), parks=ZONES, park_props=props)
    _none(O.find_overlaps(ds, plan_ids=ALL), "汽车", "within_district")
    ds = make_dataset(_car_in("z1", "z2", "w"), parks=ZONES, park_props=props)
    dup = _one(O.find_overlaps(ds, plan_ids=ALL), "汽车", "within_district")
    assert sorted(s["park_id"] for s in dup["sides"]) == ["w", "z2"]  # the network speaks through its hub
    rel = O.ParkRelations.of(make_dataset([], parks=ZONES, park_props=ZONE_PROPS).parks)
    assert rel.related("z11", "z") and rel.related("z", "z11") and not rel.related("z1", "z2")


# ------------------------------------------------------------------------------------------- 2 + 4


def test_counts_come_from_the_declared_system():
    leads = ["汽车", "材料", "装备", "食品", "电子", "医药"]
    specs = ["天然气", "通机", "电梯", "模具"]
    rows = [row(f"l{i}", "jia-2023", "甲区", "", n, n, "", "lead") for i, n in enumerate(leads)]
    rows += [row(f"s{i}", "jia-2023", "甲区", "", n, "装备", n, "specialty") for i, n in enumerate(specs)]
    rows += [
        row("pk", "jia-2023", "甲区", "a1", "纺织", "纺织", "", "lead"),  # a park's row: not a district member
        row("fo", "jia-2023", "甲区", "a2", "家具", "家具", "", "focus"),  # a park's 重点发展: not a role
        row("y", "yi-2022", "乙区", "", "汽车", "汽车", "", "lead"),
        row("y2", "yi-2022", "乙区", "", "材料", "材料", "", "specialty"),
    ]
    props = {"jia-2023": dict(system="6+4", system_quote="以…为核心，以…为特色的“6+4”产业体系")}
    ds = make_dataset(rows, plan_props=props)
    r = O.district_rule_counts(ds, ["jia-2023", "yi-2022"]).set_index("plan_id")
    assert (r.loc["jia-2023", "n_lead"], r.loc["jia-2023", "n_specialty"]) == (6, 4)
    assert r.loc["jia-2023", "declared"] and r.loc["jia-2023", "lead_over"] and not r.loc["jia-2023", "specialty_over"]
    assert r.loc["jia-2023", "statement_zh"] == "甲区 6+4 体系：主导 6 / 特色 4 — 超出市级 2+4 规则"
    assert r.loc["jia-2023", "statement_en"] == "甲区 6+4 system: lead 6 / specialty 4 — exceeds the municipal 2+4 rule"
    assert r.loc["jia-2023", "system_quote"] == props["jia-2023"]["system_quote"]
    assert not r.loc["yi-2022", "declared"]
    assert r.loc["yi-2022", "statement_zh"] == "乙区 未声明产业体系（按全区主导/特色条目计）：主导 1 / 特色 1 — 符合市级 2+4 规则"
    assert "no system declared" in r.loc["yi-2022", "statement_en"]
    # the overlap record carries its districts' statements
    car = _one(O.find_overlaps(ds, plan_ids=["jia-2023", "yi-2022"]), "汽车")
    assert "甲区 6+4 体系" in car["systems"] and "乙区 未声明产业体系" in car["systems"]


def test_system_members_are_the_rows_its_quote_names_with_sub_chains_folded():
    quote = "构建以汽摩制造、新材料为主导，电梯、模具等其他产业为特色的“2+2”产业体系"
    leads = [
        row("l1", "jia-2023", "甲区", "", "汽摩制造产业", "汽车", "", "lead"),
        row("l2", "jia-2023", "甲区", "", "汽车整车", "汽车", "整车", "lead"),  # a sub-chain of 汽摩制造
        row("l3", "jia-2023", "甲区", "", "新材料产业", "材料", "", "lead"),
        row("l4", "jia-2023", "甲区", "", "火锅食材", "食品", "火锅食材", "lead"),  # not in the system's words
    ]
    specs = [
        row("s1", "jia-2023", "甲区", "", "电梯产业", "装备", "电梯", "specialty"),
        row("s2", "jia-2023", "甲区", "", "模具产业", "装备", "模具", "specialty"),
    ]
    assert O.system_members(leads, quote) == ["汽车", "材料"]
    assert O.system_members(specs, quote) == ["电梯", "模具"]
    # no member named in the quote (or no quote): every row, sub-chains folded into their sector
    assert O.system_members(leads, "“2446”现代制造业集群体系") == ["汽车", "材料", "火锅食材"]
    ds = make_dataset([*leads, *specs], plan_props={"jia-2023": dict(system="2+2", system_quote=quote)})
    r = O.district_rule_counts(ds, ["jia-2023"]).iloc[0]
    assert (r["n_lead"], r["n_specialty"], bool(r["over"])) == (2, 2, False)
    assert r["statement_zh"] == "甲区 2+2 体系：主导 2 / 特色 2 — 符合市级 2+4 规则"


def test_rule_counts_work_without_the_system_columns():
    ds = make_dataset()
    assert "system" not in ds.plans.columns
    r = O.district_rule_counts(ds, ALL)
    assert (r["system"] == "").all() and not r["declared"].any()


# ------------------------------------------------------------------------------------------- settings


def test_severity_points_live_in_settings(monkeypatch):
    base = O.score_overlap(["lead", "lead"], [None, None])
    assert dict((c, p) for c, p, _ in base.parts)["lead"] == settings.SEVERITY_POINTS["lead"]
    monkeypatch.setitem(settings.SEVERITY_POINTS, "lead", 5)
    monkeypatch.setattr(O, "SEVERITY_BREADTH_POINT", 3)
    sev = O.score_overlap(["lead", "lead"], [None, None])
    assert sev.parts == (("breadth", 3, 2), ("lead", 5, 2))



def test_parks_of_one_network_never_make_near_across_districts():
    rows = [
        row("j", "jia-2023", "甲区", "a1", "汽车", "汽车", "", "lead"),
        row("y", "yi-2022", "乙区", "b1", "汽车", "汽车", "", "lead"),
    ]
    net = {"a1": dict(network="cross", network_role="hub"), "b1": dict(network="cross", network_role="node")}
    car = _one(O.find_overlaps(make_dataset(rows, park_props=net), plan_ids=ALL), "汽车")
    assert "near" not in car["reason_codes"] and car["near_pairs"] == ()
    assert "near" in _one(O.find_overlaps(make_dataset(rows), plan_ids=ALL), "汽车")["reason_codes"]


# ------------------------------------------------------------------------------------------- properties

_ids = st.sampled_from(["p0", "p1", "p2", "p3", "p4", "p5"])


@given(
    st.dictionaries(_ids, _ids, max_size=6),
    st.dictionaries(_ids, st.sampled_from(["n1", "n2"]), max_size=6),
    st.lists(_ids, min_size=1, max_size=6, unique=True),
)
def test_merged_sides_never_hold_related_parks_apart(parent, network, present):
    rel = O.ParkRelations(parent=parent, network=network, hub=frozenset())
    rep = rel.merge(present)
    assert set(rep) == set(present) and all(rep[rep[p]] == rep[p] for p in present)
    for a in present:
        for b in present:
            same_net = network.get(a) is not None and network.get(a) == network.get(b)
            if a != b and (a in rel.ancestors(b) or same_net):
                assert rep[a] == rep[b], (a, b, rep)


@given(
    st.lists(
        st.tuples(st.sampled_from(["甲区", "乙区"]), st.sampled_from(["x", "y"]), st.sampled_from(["old", "mid", "new"]),
                  st.sampled_from(["lead", "specialty", "focus"]), st.one_of(st.none(), st.integers(1, 500))),
        max_size=12,
    )
)
def test_supersede_keeps_one_plan_per_district_and_industry(items):
    rows = pd.DataFrame(
        [dict(district=d, industry=i, plan_id=p, role=r, target_value_yi=t, target_year=2025 if t else None,
              is_direction=False) for d, i, p, r, t in items],
        columns=["district", "industry", "plan_id", "role", "target_value_yi", "target_year", "is_direction"],
    )
    issued = {"old": "2021-01-01", "mid": "2022-01-01", "new": "2023-01-01"}
    kept, changes = supersede(rows, issued)
    for (d, i), g in rows.groupby(["district", "industry"]):
        latest = max(g["plan_id"], key=issued.get)
        k = kept[(kept["district"] == d) & (kept["industry"] == i)]
        assert set(k["plan_id"]) == {latest} and len(k) == (g["plan_id"] == latest).sum()
        assert len(changes[(changes["district"] == d) & (changes["industry"] == i)]) == g["plan_id"].nunique() - 1
