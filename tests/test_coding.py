"""One test per rule of docs/coding.md on a tiny coded data folder, and the shipped data read against the rules."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, write_csv

from geo.load import check_folder, load_dataset
from geo.validate import role_cue, year_stated

PLAN = (
    "丙区方案。构建以汽车、电子为主导，材料为特色的“2+1”产业体系。\n"
    "（一）聚力发展主导产业。汽车产业聚焦整车、零部件等细分产业链，打造500亿级产业集群。\n"
    "到2025年，力争形成200亿级电子产业集群。\n"
    "丙一园重点发展汽车零部件、电子元件。丙二园重点培育新材料。\n"
    "围绕千亿级现代工业体系建设。\n"
    "表1 “十四五”目标\n\t丙一园\n\t力争产值规模达300亿\n"
)


def _square(x0: float, y0: float, d: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]}


def _park(pid: str, name: str, x: float, quote: str, **extra) -> dict:
    props = dict(park_id=pid, name_zh=name, name_en=pid, district="丙区", kind="产业园", tier="", plan_ids="plan-c",
                 area_km2="", area_quote="", geometry_quality="town_seat", location_note="test", quote=quote,
                 parent_id="", network="", network_role="", uncertainty_m=2000)
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [x, 29.7]}}


def make_coded(d: Path) -> Path:
    """A minimal data folder coded to the manual (with its columns), valid as written."""
    (d / "plans").mkdir(parents=True, exist_ok=True)
    (d / "plans" / "c.txt").write_text(PLAN, encoding="utf-8")
    write_csv(d / "plans.csv", [dict(plan_id="plan-c", district="丙区", title="丙区方案", doc_number="", issued="2022-01-01",
                                     horizon_year="2025", text_file="plans/c.txt", system="2+1",
                                     system_quote="构建以汽车、电子为主导，材料为特色的“2+1”产业体系")])
    districts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": "丙区", "district_en": "Bing"}, "geometry": _square(106.0, 29.5, 0.8)}]}
    (d / "districts.geojson").write_text(json.dumps(districts, ensure_ascii=False), encoding="utf-8")
    parks = {"type": "FeatureCollection", "features": [
        _park("bing-1", "丙一园", 106.2, "丙一园重点发展汽车零部件", parent_id="bing-zone"),
        _park("bing-2", "丙二园", 106.3, "丙二园重点培育新材料", network="bing-net", network_role="hub"),
        _park("bing-3", "丙三园", 106.4, "丙一园重点发展汽车零部件", network="bing-net", network_role="node"),
        _park("bing-zone", "丙区园区", 106.5, "丙一园重点发展汽车零部件"),
    ]}
    (d / "parks.geojson").write_text(json.dumps(parks, ensure_ascii=False), encoding="utf-8")
    base = dict(cluster_id="", plan_id="plan-c", district="丙区", park_ids="", name_as_written="", sector="", chain="",
                role="", target_value_yi="", target_year="", baseline_value_yi="", baseline_year="", quote="",
                role_basis="", year_basis="")
    rows = [
        dict(name_as_written="汽车产业", sector="汽车", role="lead", target_value_yi="500",
             quote="汽车产业聚焦整车、零部件等细分产业链，打造500亿级产业集群", role_basis="（一）聚力发展主导产业。"),
        dict(name_as_written="整车", sector="汽车", chain="整车", role="lead",
             quote="汽车产业聚焦整车、零部件等细分产业链", role_basis="（一）聚力发展主导产业。"),
        dict(name_as_written="电子产业", sector="电子", role="lead", target_value_yi="200", target_year="2025",
             quote="到2025年，力争形成200亿级电子产业集群", role_basis="构建以汽车、电子为主导"),
        dict(name_as_written="材料", sector="材料", role="specialty", quote="材料为特色"),
        dict(name_as_written="汽车零部件", sector="汽车", chain="零部件", role="focus", park_ids="bing-1",
             quote="丙一园重点发展汽车零部件、电子元件"),
        dict(name_as_written="新材料", sector="材料", role="emerging", park_ids="bing-2", quote="丙二园重点培育新材料"),
        dict(name_as_written="现代工业体系", role="total", target_value_yi="1000", quote="围绕千亿级现代工业体系建设"),
        dict(name_as_written="丙一园产值", role="other", park_ids="bing-1", target_value_yi="300", target_year="2025",
             quote="丙一园\n\t力争产值规模达300亿", year_basis="“十四五”目标"),
    ]
    write_csv(d / "clusters.csv", [{**base, **r, "cluster_id": f"plan-c-c{i + 1:03d}"} for i, r in enumerate(rows)])
    write_csv(d / "industries.csv", [
        dict(sector="汽车", chain="", name_en="Autos", color="#0072B2", synonyms="", domain="manufacturing"),
        dict(sector="汽车", chain="整车", name_en="Vehicles", color="", synonyms="", domain="manufacturing"),
        dict(sector="汽车", chain="零部件", name_en="Parts", color="", synonyms="", domain="manufacturing"),
        dict(sector="电子", chain="", name_en="Electronics", color="#E69F00", synonyms="", domain="manufacturing"),
        dict(sector="材料", chain="", name_en="Materials", color="#009E73", synonyms="", domain="manufacturing"),
    ])
    return d


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    return make_coded(tmp_path / "data")


def _set(path: Path, row: int, **changes) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for k, v in changes.items():
        df.loc[row, k] = v
    df.to_csv(path, index=False)


def _set_park(d: Path, i: int, **changes) -> None:
    p = d / "parks.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"][i]["properties"].update(changes)
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _msgs(d: Path) -> list[str]:
    return [str(p) for p in check_folder(d)[1]]


def _one(d: Path, *words: str) -> str:
    msgs = _msgs(d)
    hits = [m for m in msgs if all(w in m for w in words)]
    assert len(hits) == 1, msgs
    return hits[0]


def test_coded_fixture_is_valid(coded):
    assert _msgs(coded) == []
    ds = load_dataset(coded)
    assert ds.clusters.loc[0, "target_year"] is pd.NA  # an undated aim stays undated


# ---- §1 role: the words that license each role -------------------------------------------------------------------

@pytest.mark.parametrize("role,cue", [("lead", "主导"), ("specialty", "特色"), ("advantage", "优势"), ("emerging", "培育")])
def test_role_needs_a_cue_in_quote_or_role_basis(coded, role, cue):
    # row 4 (汽车零部件, a park list item) carries no district-role cue
    _set(coded / "clusters.csv", 4, role=role)
    m = _one(coded, "clusters.csv row 6", "field 'role'")
    assert f"role '{role}' has no cue" in m and cue in m
    _set(coded / "clusters.csv", 4, role=role, role_basis={"lead": "为主导", "specialty": "材料为特色",
                                                           "advantage": "", "emerging": "重点培育新材料"}[role])
    if role == "advantage":
        assert _one(coded, "field 'role'")
    else:
        assert _msgs(coded) == []


def test_role_basis_must_carry_the_cue(coded):
    _set(coded / "clusters.csv", 0, role_basis="汽车产业聚焦整车")
    assert "role_basis carries no cue" in _one(coded, "row 2", "field 'role_basis'")


def test_role_basis_must_be_verbatim(coded):
    _set(coded / "clusters.csv", 0, role_basis="（一）聚力发展六大主导产业。")
    assert "role_basis is not found verbatim" in _one(coded, "row 2", "field 'role_basis'")


def test_lead_is_licensed_by_the_plans_declared_system():
    assert role_cue("lead", "卷烟及配套、新材料形成“双百”亿级产业", system="双百")
    assert not role_cue("lead", "卷烟及配套、新材料形成“双百”亿级产业", system="")
    assert not role_cue("lead", "形成双百亿级产业", system="双百")


def test_focus_always_has_a_park(coded):
    _set(coded / "clusters.csv", 4, park_ids="")
    assert "needs the park in park_ids" in _one(coded, "row 6", "field 'park_ids'")


def test_headline_list_without_cue_is_not_lead(coded):
    # the old class of error: a park's 重点发展 list coded as the district's 主导
    _set(coded / "clusters.csv", 4, role="lead", park_ids="")
    assert "has no cue" in _one(coded, "row 6", "field 'role'")


# ---- §3 target year ------------------------------------------------------------------------------------------------

def test_target_year_must_be_stated(coded):
    _set(coded / "clusters.csv", 0, target_year="2025")  # 500亿级: no year in sentence or paragraph
    m = _one(coded, "row 2", "field 'target_year'")
    assert "not stated" in m and "未注明年份" in m


def test_year_basis_states_the_year_and_is_verbatim(coded):
    _set(coded / "clusters.csv", 0, target_year="2025", year_basis="到2025年，力争形成200亿级电子产业集群")
    assert _msgs(coded) == []
    _set(coded / "clusters.csv", 0, year_basis="到2025年，力争形成500亿级汽车产业集群")
    assert "year_basis is not found verbatim" in _one(coded, "row 2", "field 'year_basis'")


def test_year_basis_must_state_that_year(coded):
    _set(coded / "clusters.csv", 2, target_year="2027")
    assert "2027 is not stated" in _one(coded, "row 4", "field 'target_year'")


def test_five_year_period_states_its_end_year():
    assert year_stated(2025, "", "“十四五”目标")
    assert not year_stated(2027, "“十四五”目标")
    assert year_stated(2027, "到2027年,力争形成")
    assert not year_stated(2025, "围绕千亿级汽摩产业生态建设")


def test_a_target_may_have_no_year(coded):
    # row 6 (千亿级 total) has a value and no year: valid
    assert _msgs(coded) == []
    _set(coded / "clusters.csv", 6, target_year="", target_value_yi="")
    _set(coded / "clusters.csv", 6, target_year="2025")
    assert "target year without a target value" in _one(coded, "row 8", "field 'target_value_yi'")


# ---- §8 one phrase, one sector ----------------------------------------------------------------------------------

def test_one_phrase_one_sector(coded):
    _set(coded / "clusters.csv", 5, name_as_written="材料", sector="电子")
    m = _one(coded, "row 7", "field 'sector'")
    assert "'材料' is coded to sector '电子' here but to '材料' in row 5 (plan-c-c004)" in m


# ---- §7 domain ----------------------------------------------------------------------------------------------------

def test_sector_needs_a_known_domain(coded):
    _set(coded / "industries.csv", 0, domain="")
    assert "needs its domain" in _one(coded, "industries.csv row 2", "field 'domain'")
    _set(coded / "industries.csv", 0, domain="factory")
    assert "'factory' must be one of manufacturing" in _one(coded, "industries.csv row 2", "field 'domain'")


# ---- §9 declared system -------------------------------------------------------------------------------------------

def test_system_quote_is_verbatim_and_states_the_label(coded):
    _set(coded / "plans.csv", 0, system_quote="构建“2+1”产业体系")
    assert "system quote is not found verbatim" in _one(coded, "plans.csv row 2", "field 'system_quote'")
    _set(coded / "plans.csv", 0, system="3+1", system_quote="构建以汽车、电子为主导，材料为特色的“2+1”产业体系")
    assert "does not contain the label '3+1'" in _one(coded, "plans.csv row 2", "field 'system_quote'")
    _set(coded / "plans.csv", 0, system="2+1", system_quote="")
    assert "needs the plan's words" in _one(coded, "plans.csv row 2", "field 'system_quote'")


# ---- §10 parks --------------------------------------------------------------------------------------------------

def test_parent_must_be_an_existing_park(coded):
    _set_park(coded, 0, parent_id="bing-nowhere")
    assert "unknown parent park 'bing-nowhere'" in _one(coded, "parks.geojson row 1", "field 'parent_id'")
    _set_park(coded, 0, parent_id="bing-1")
    assert "its own parent" in _one(coded, "parks.geojson row 1", "field 'parent_id'")


def test_parent_links_form_no_loop(coded):
    _set_park(coded, 3, parent_id="bing-1")
    assert any("forms a loop" in m for m in _msgs(coded))


def test_network_roles(coded):
    _set_park(coded, 2, network_role="spoke")
    assert "'spoke' must be one of hub, node" in _one(coded, "row 3", "field 'network_role'")
    _set_park(coded, 2, network_role="hub")
    assert "has 2 hubs" in _one(coded, "field 'network_role'")
    _set_park(coded, 2, network="", network_role="")
    assert "has only this park" in _one(coded, "row 2", "field 'network'")


def test_uncertainty_is_a_number(coded):
    _set_park(coded, 0, uncertainty_m="about 2 km")
    assert "is not a number" in _one(coded, "row 1", "field 'uncertainty_m'")


def test_table_without_manual_columns_still_loads(mini_dir):
    # data written before the manual (no role_basis/year_basis columns) stays loadable; the shipped data is coded
    assert _msgs(mini_dir) == []
    assert {"role_basis", "year_basis"} <= set(pd.read_csv(DATA / "clusters.csv", nrows=0).columns)


# ---- the shipped data read against the manual -------------------------------------------------------------------

def test_sampled_shipped_rows_are_verbatim(shipped):
    rng = random.Random(11)
    rows = shipped.clusters.iloc[sorted(rng.sample(range(len(shipped.clusters)), 60))]
    for _, r in rows.iterrows():
        text = shipped.texts[r["plan_id"]]
        for col in ("quote", "role_basis", "year_basis"):
            assert str(r[col]) in text, (r["cluster_id"], col)


def test_shipped_plans_declare_their_systems(shipped):
    sys_ = dict(zip(shipped.plans["plan_id"], shipped.plans["system"], strict=True))
    assert sys_ == {"yongchuan-2022": "5+3", "hechuan-2023-02": "6+4", "qianjiang-2022": "双百",
                    "hechuan-2023-09": "2446", "dazu-2022": "6+2"}
    c = shipped.clusters
    dist = c[(c["park_id_list"].map(len) == 0)]
    lead = set(dist[(dist["plan_id"] == "hechuan-2023-02") & (dist["role"] == "lead") & (dist["chain"] == "")]["name_as_written"])
    assert lead == {"汽摩制造产业", "汽摩产业", "新一代信息技术产业", "医药健康产业", "新材料产业", "新型建材产业", "消费品产业"}
    spec = set(dist[(dist["plan_id"] == "hechuan-2023-02") & (dist["role"] == "specialty")]["name_as_written"])
    assert spec == {"天然气产业", "通机产业", "电梯产业", "模具产业"}
    assert not ((c["plan_id"] == "dazu-2022") & (c["role"] == "lead")).any()  # 大足 never says 主导


def test_shipped_park_lists_are_focus_not_district_lead(shipped):
    c = shipped.clusters
    park_lists = c[c["quote"].str.contains("重点发展|主要布局") & c["quote"].str.match(r"^[^，。]*?(园|组团|镇)")]
    assert len(park_lists) > 20
    assert set(park_lists["role"]) <= {"focus", "emerging", "lead"}
    assert (park_lists.loc[park_lists["role"] == "lead", "role_basis"].str.contains("主导")).all()
    assert (c.loc[c["role"] == "focus", "park_id_list"].map(len) > 0).all()


def test_shipped_undated_aims_stay_undated(shipped):
    c = shipped.clusters.set_index("cluster_id")
    for cid in ("hechuan-2023-02-c085", "hechuan-2023-02-c091", "yongchuan-2022-c036", "dazu-2022-c027"):
        assert c.loc[cid, "target_value_yi"] >= 1000 or cid == "yongchuan-2022-c036"
        assert c.loc[cid, "target_year"] is pd.NA, cid


def test_shipped_sectors_follow_the_manual(shipped):
    c, ind = shipped.clusters, shipped.industries
    dom = dict(zip(ind.loc[ind["chain"] == "", "sector"], ind.loc[ind["chain"] == "", "domain"], strict=True))
    by_name = lambda n: set(c.loc[c["name_as_written"] == n, "sector"])  # noqa: E731
    assert {dom[s] for s in by_name("茶园") | by_name("食用菌") | by_name("经果")} == {"agriculture"}
    assert by_name("天然气产业") == {"能源供应"} and dom["能源供应"] == "energy"
    assert by_name("日用玻璃") == {"消费品工业"}
    bonded = c[c["park_id_list"].map(lambda p: "yc-bonded" in p)]
    assert set(bonded["sector"]) == {"生产性服务业"} and bonded["quote"].str.endswith("销售租赁等服务").all()


def test_shipped_yongchuan_sub_chains_are_rows(shipped):
    c = shipped.clusters
    yc = set(c.loc[c["plan_id"] == "yongchuan-2022", "chain"])
    assert {"新型显示", "氢能", "光伏", "机器人", "摩托车", "陶瓷", "家居", "锂电池", "无人机"} <= yc
    assert ((c["chain"] == "模具") & (c["plan_id"] == "dazu-2022")).any()


def test_shipped_missing_sites_and_statements(shipped):
    p = shipped.parks.set_index("park_id")
    assert {"yc-daan-airport", "yc-log-airport", "yc-hitech", "qj-coop"} <= set(p.index)
    assert p.loc["hc-caojie", "parent_id"] == "hc-hitech" and p.loc["yc-fenghuanghu", "parent_id"] == "yc-hitech"
    net = p[p["network"] == "yc-logistics"]
    assert list(net.loc[net["network_role"] == "hub"].index) == ["yc-log-fenghuanghu"] and len(net) == 5
    unc = p["uncertainty_m"].astype(float)
    points = p.geometry.geom_type == "Point"
    assert (unc[points] >= 2000).all() and (unc[~points] > 0).all()
    c = shipped.clusters
    assert ((c["baseline_value_yi"] == 29) & (c["baseline_year"] == 2021) & (c["chain"] == "网络安全")).any()
    assert (c["quote"].str.contains("热电循环经济") & c["park_id_list"].map(lambda x: "hc-shuanghuai" in x)).any()
    assert (c["park_id_list"].map(lambda x: "yc-daan-airport" in x)).sum() == 4


def test_manual_quotes_are_verbatim():
    """Every 「[plan] “…”」 example in docs/coding.md is a verbatim substring of that plan."""
    text = (DATA.parent / "docs" / "coding.md").read_text(encoding="utf-8")
    plans = {p.stem: p.read_text(encoding="utf-8") for p in (DATA / "plans").glob("*.txt")}
    found = re.findall(r"\[([a-z0-9-]+)\]\s*“([^”]*(?:“[^”]*”[^”]*)*)”", text)
    assert len(found) >= 10
    for pid, q in found:
        if "…" in q:
            continue
        assert q in plans[pid], (pid, q)


def test_undated_target_is_shown_as_year_not_stated(shipped):
    from geo.detail import park_detail
    from layers.detail_html import render_detail

    d = park_detail(shipped, "yc-bigdata", ["yongchuan-2022"])
    undated = [i for i in d.industries if i.name_as_written == "数字经济"]
    assert undated and undated[0].target_year is None and undated[0].target_value_yi == 1000
    assert "未注明年份" in render_detail(d, "zh") and "year not stated" in render_detail(d, "en")
