"""Tests of geo/tables.py: XLSX sheets, clusters CSV and parks GeoJSON of a view."""

from __future__ import annotations

import csv
import io
import json
import re
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo import tables
from geo.io import read_geojson
from geo.view import View, apply_view
from layers import workbook


def _by_field(book: dict[str, pd.DataFrame], lang: str = "zh") -> dict[str, pd.DataFrame]:
    """The workbook's sheets with their headers turned back into field names (listed in the about sheet)."""
    about = book["about"]
    fields = {}
    for item, value in zip(about.iloc[:, 0], about.iloc[:, 1], strict=True):
        if str(item).startswith("字段 / field: "):
            sheet, label = str(item).removeprefix("字段 / field: ").split(" · ", 1)
            fields.setdefault(sheet, {})[label] = value
    fields["about"] = {workbook.xlsx_header("item", lang): "item", workbook.xlsx_header("value", lang): "value"}
    return {name: df.rename(columns=fields.get(name, {})) for name, df in book.items()}


def test_xlsx_has_parks_clusters_overlaps_and_about(shipped):
    view = View(districts=("合川区",))
    book = _by_field(pd.read_excel(io.BytesIO(workbook.to_xlsx(shipped, view)), sheet_name=None, dtype=str,
                                   keep_default_na=False))
    assert list(book) == ["parks", "clusters", "overlaps", "rule", "about"]
    parks = book["parks"]
    assert list(parks.columns) == tables.PARK_COLUMNS
    assert sorted(parks["park_id"]) == sorted(apply_view(shipped, view)["park_id"])
    assert set(parks["district"]) == {"合川区"}
    clusters = book["clusters"]
    assert list(clusters.columns) == tables.CLUSTER_COLUMNS
    assert len(clusters) == len(tables.clusters_table(shipped, view))
    ov = book["overlaps"]
    assert len(ov) > 0 and all("合川区" in d.split(";") for d in ov["districts"])
    assert "hechuan-2023-09" in " ".join(book["about"]["item"])
    rule = book["rule"]
    assert list(rule.columns) == tables.RULE_SHEET_COLUMNS
    assert set(rule["district"]) == {"合川区"} and set(rule["plan_id"]) == {"hechuan-2023-09"}  # the view's vintage (latest)
    assert all(z.startswith("合川区 ") and "2+4" in z for z in rule["statement_zh"])
    assert all("municipal 2+4 rule" in e for e in rule["statement_en"])
    assert {"vintage_changes", "systems", "distance_uncertainty_km"} <= set(ov.columns)
    assert any("制造业" in v for v in book["about"]["value"])


def test_xlsx_with_a_broken_overlap_module_fails_loudly(mini, monkeypatch):
    """No fallback around the project's own modules: a broken ``geo.overlap`` is an error, not a missing sheet."""
    monkeypatch.setitem(sys.modules, "geo.overlap", None)  # import now raises ImportError
    with pytest.raises(ImportError):
        tables.to_xlsx(mini, View())


def test_csv_is_the_views_clusters_with_bom_and_whole_years(shipped):
    view = View(districts=("永川区",))
    raw = tables.to_csv(shipped, view)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(df.columns) == tables.CLUSTER_COLUMNS
    assert set(df["district"]) == {"永川区"}
    assert set(df["plan_id"]) == {"yongchuan-2022"}
    assert not any(y.endswith(".0") for y in df["target_year"] if y)
    assert (df["target_value_yi"] != "").sum() > 0


def test_clusters_follow_sector_and_park_filters(shipped):
    by_sector = tables.clusters_table(shipped, View(sectors=("先进材料",)))
    assert set(by_sector["sector"]) == {"先进材料"}
    searched = tables.clusters_table(shipped, View(search="南溪"))
    assert len(searched) > 0
    assert all("hc-nanxi" in str(p).split(";") for p in searched["park_ids"])
    vintage_all = tables.clusters_table(shipped, View(vintage="all", districts=("合川区",)))
    assert set(vintage_all["plan_id"]) == {"hechuan-2023-02", "hechuan-2023-09"}


def test_clusters_of_the_mini_dataset(mini):
    df = tables.clusters_table(mini, View(districts=("甲区",)))
    assert list(df["cluster_id"]) == ["plan-a-c001", "plan-a-c002", "plan-a-c003"]
    assert df.loc[2, "target_year"] == 2025 and isinstance(df.loc[2, "target_year"], int)
    only_tier = tables.clusters_table(mini, View(tiers=("核心引擎",)))
    assert list(only_tier["cluster_id"]) == ["plan-a-c001", "plan-a-c002"]  # rows naming jia-1 only


def test_geojson_holds_the_views_parks_with_summary_columns(shipped, tmp_path):
    view = View(sectors=("智能网联新能源汽车",))
    doc = json.loads(tables.to_geojson(shipped, view))
    assert doc["type"] == "FeatureCollection"
    ids = [f["properties"]["park_id"] for f in doc["features"]]
    assert sorted(ids) == sorted(apply_view(shipped, view)["park_id"])
    props = doc["features"][0]["properties"]
    for col in ("dominant_sector", "dominant_chain", "sectors", "target_scale_yi", "scale_basis", "tier"):
        assert col in props
    path = tmp_path / "parks.geojson"
    path.write_bytes(tables.to_geojson(shipped, view))
    back = read_geojson(path)
    assert len(back) == len(ids)
    assert back.geometry.geom_type.isin(["Point", "Polygon", "MultiPolygon"]).all()


def test_parks_table_points_lie_in_their_parks(shipped):
    df = tables.parks_table(shipped, View())
    parks = apply_view(shipped, View()).set_index("park_id")
    from shapely.geometry import Point

    for _, r in df.iterrows():
        g = parks.loc[r["park_id"], "geometry"]
        assert g.buffer(1e-4).contains(Point(r["lon"], r["lat"]))


def test_empty_view_gives_empty_tables(shipped):
    view = View(search="不存在")
    assert json.loads(tables.to_geojson(shipped, view))["features"] == []
    assert len(tables.parks_table(shipped, view)) == 0
    book = pd.read_excel(io.BytesIO(workbook.to_xlsx(shipped, view)), sheet_name=None)
    assert len(book["parks"]) == 0


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+86", "'+86"), ("@SUM(A1)", "'@SUM(A1)"), ("-x", "'-x"), ("合川区", "合川区"), (12.5, 12.5),
    ("-5", "'-5"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), (" =2+2", "' =2+2"), ("  @x", "'  @x"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("'quoted", "''quoted"), ("a\x00b\x0bc\x0cd", "abcd"), (-5.0, -5.0),
])
def test_spreadsheet_formulas_are_neutralised(value, expected):
    assert tables.safe_cell(value) == expected


@given(st.text(max_size=20))
def test_safe_text_never_starts_a_formula(s):
    out = tables.safe_cell(s)
    assert not out.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))
    if not tables._CONTROL.search(s):
        assert tables.restore_text(out) == s  # reversible: `geo add-plan` reads `geo ingest` CSV back


def test_csv_and_xlsx_exports_are_neutralised_and_clean(mini):
    import dataclasses

    cl = mini.clusters.copy()
    cl.loc[cl.index[0], "name_as_written"] = "-2+3+cmd|' /C calc'!A0"
    cl.loc[cl.index[1], "name_as_written"] = " =2+2"
    cl.loc[cl.index[2], "name_as_written"] = "a\x0bb\x00c"  # the validator refuses these; exports drop them anyway
    ds = dataclasses.replace(mini, clusters=cl)
    text = tables.to_csv(ds, View()).decode("utf-8-sig")
    assert "\n-2+3" not in text and ",-2+3" not in text and "'-2+3+cmd" in text and "' =2+2" in text
    book = _by_field(pd.read_excel(io.BytesIO(workbook.to_xlsx(ds, View())), sheet_name=None))["clusters"]
    names = set(book["name_as_written"])
    assert {"'-2+3+cmd|' /C calc'!A0", "' =2+2", "abc"} <= names


def test_ingest_csv_is_neutralised(tmp_path, capsys, monkeypatch):
    from cli import ingest as ingest_cli
    from cli.main import main
    from geo.ingest import Finding

    f = tmp_path / "plan.txt"
    f.write_text("=1+1 重点发展汽车零部件。", encoding="utf-8")
    found = [Finding(kind="park_industry", park="@园区", industry_as_written="-2+3+cmd|' /C calc'!A0",
                     quote="=1+1 重点发展汽车零部件", note=" +x")]
    monkeypatch.setattr(ingest_cli, "draft_rows", lambda *a, **k: found)
    assert main(["ingest", str(f), "--district", "合川区"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    cells = [c for r in rows for c in r.values() if c and not re.fullmatch(r"-?\d+(\.\d+)?", c)]  # text, not numbers
    assert cells and not any(c.lstrip(" ").startswith(("=", "+", "-", "@")) for c in cells)
    assert rows[0]["quote"] == "'=1+1 重点发展汽车零部件" and rows[0]["park"] == "'@园区"
    assert tables.restore_text(rows[0]["industry_as_written"]) == "-2+3+cmd|' /C calc'!A0"


def test_exports_carry_the_coding_and_the_site_uncertainty(shipped):
    """What licenses a role or a year, and how uncertain a site is, go out with the data (docs/coding.md)."""
    from geo.view import View

    cl = tables.clusters_table(shipped, View())
    assert {"role_basis", "year_basis"} <= set(cl.columns)
    assert (cl["role_basis"] != "").any() and (cl["year_basis"] != "").any()
    parks = tables.parks_table(shipped, View())
    assert {"uncertainty_m", "parent_id"} <= set(parks.columns) and (parks["uncertainty_m"].astype(str) != "").all()


def test_xlsx_headers_and_codes_are_words_in_the_views_language(shipped):
    book = pd.read_excel(io.BytesIO(workbook.to_xlsx(shipped, View())), sheet_name=None, dtype=str,
                         keep_default_na=False)
    assert "目标规模（亿元）" in book["parks"].columns and "target_scale_yi" not in book["parks"].columns
    assert "定位" in book["clusters"].columns and "role" not in book["clusters"].columns
    roles = set(book["clusters"]["定位"])
    assert {"主导", "特色"} <= roles and not roles & {"lead", "specialty", "focus", "total"}
    ov = book["overlaps"]
    assert set(ov["严重程度"]) <= {"高", "中", "低"} and set(ov["类型"]) == {"跨区县", "区内重复"}
    for df in book.values():
        assert not {"severity_level", "target_value_yi", "plan_id", "district"} & set(df.columns)
    # the field names stay findable, and English mode gives English headers
    about = dict(zip(book["about"]["项目"], book["about"]["内容"], strict=True))
    assert about["字段 / field: parks · 目标规模（亿元）"] == "target_scale_yi"
    en = pd.read_excel(io.BytesIO(workbook.to_xlsx(shipped, View(lang="en"))), sheet_name="clusters")
    assert "Role" in en.columns and "lead" in set(en["Role"])  # English labels of the roles are the words
