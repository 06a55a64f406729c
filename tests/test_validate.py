"""Tests for geo.validate: each fault gives one clear message naming file, row and field."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import DataValidationError
from geo.load import load_dataset


def _edit_csv(path: Path, row: int, field: str, value: str) -> None:
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    rows[row][field] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _edit_park(d: Path, i: int, **changes) -> None:
    p = d / "parks.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    f = doc["features"][i]
    for k, v in changes.items():
        if k == "geometry":
            f["geometry"] = v
        else:
            f["properties"][k] = v
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _problems(d: Path) -> list[str]:
    with pytest.raises(DataValidationError) as e:
        load_dataset(d)
    return [str(p) for p in e.value.problems]


def test_mini_is_valid(mini_dir):
    load_dataset(mini_dir)


def test_non_numeric_target(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 2, "target_value_yi", "三百")
    (msg,) = _problems(mini_dir)
    assert "clusters.csv row 4" in msg and "plan-a-c003" in msg and "target_value_yi" in msg and "三百" in msg


def test_missing_column(mini_dir):
    p = mini_dir / "clusters.csv"
    rows = list(csv.DictReader(open(p, encoding="utf-8")))
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=[k for k in rows[0] if k != "quote"], extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    (msg,) = _problems(mini_dir)
    assert "clusters.csv" in msg and "'quote'" in msg and "missing" in msg


def test_unknown_district(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 0, "district", "丙区")
    msgs = _problems(mini_dir)
    assert any("unknown district '丙区'" in m and "row 2" in m for m in msgs)


def test_quote_not_in_plan(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 4, "quote", "乙园重点发展航空航天")
    (msg,) = _problems(mini_dir)
    assert "not found verbatim" in msg and "plan-b-c002" in msg


def test_target_not_stated_in_quote(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 3, "target_value_yi", "150")
    (msg,) = _problems(mini_dir)
    assert "does not state the target 150" in msg


def test_duplicate_ids(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 1, "cluster_id", "plan-a-c001")
    msgs = _problems(mini_dir)
    assert any("duplicate id 'plan-a-c001'" in m and "row 3" in m for m in msgs)


def test_invalid_geometry_offers_repair(mini_dir):
    bow = {"type": "Polygon", "coordinates": [[[106.1, 29.6], [106.3, 29.8], [106.3, 29.6], [106.1, 29.8], [106.1, 29.6]]]}
    _edit_park(mini_dir, 0, geometry=bow)
    (msg,) = _problems(mini_dir)
    assert "parks.geojson row 1 (jia-1 甲一园)" in msg and "invalid" in msg and "make_valid" in msg


def test_empty_geometry(mini_dir):
    _edit_park(mini_dir, 1, geometry=None)
    (msg,) = _problems(mini_dir)
    assert "row 2" in msg and "missing or empty" in msg


def test_outside_chongqing(mini_dir):
    _edit_park(mini_dir, 0, geometry={"type": "Point", "coordinates": [116.4, 39.9]})
    (msg,) = _problems(mini_dir)
    assert "outside Chongqing" in msg


def test_lat_lon_swapped(mini_dir):
    _edit_park(mini_dir, 0, geometry={"type": "Point", "coordinates": [29.7, 106.2]})
    (msg,) = _problems(mini_dir)
    assert "swapped" in msg


def test_park_outside_its_district(mini_dir):
    _edit_park(mini_dir, 0, geometry={"type": "Point", "coordinates": [106.7, 29.7]})
    (msg,) = _problems(mini_dir)
    assert "outside its own district 甲区" in msg


def test_park_in_wrong_district_for_cluster(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 3, "park_ids", "jia-1")
    (msg,) = _problems(mini_dir)
    assert "park 'jia-1' is in 甲区, not 乙区" in msg


def test_unknown_sector_and_role(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 0, "sector", "航天")
    _edit_csv(mini_dir / "clusters.csv", 1, "role", "boss")
    msgs = _problems(mini_dir)
    assert len(msgs) == 2 and any("航天" in m for m in msgs) and any("boss" in m for m in msgs)


def test_baseline_after_target(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 3, "baseline_value_yi", "50")
    _edit_csv(mini_dir / "clusters.csv", 3, "baseline_year", "2026")
    (msg,) = _problems(mini_dir)
    assert "baseline year must be before" in msg


def test_gbk_and_bom_files_load(mini_dir):
    for name, enc in (("clusters.csv", "gbk"), ("plans.csv", "utf-8-sig")):
        p = mini_dir / name
        p.write_bytes(p.read_text(encoding="utf-8").encode(enc))
    ds = load_dataset(mini_dir)
    assert len(ds.clusters) == 5 and "plan_id" in ds.plans.columns


def test_cli_validate_never_tracebacks(mini_dir, capsys):
    from cli.main import main

    assert main(["validate", "--data-dir", str(mini_dir)]) == 0
    assert capsys.readouterr().out.startswith("OK:")
    _edit_csv(mini_dir / "clusters.csv", 2, "target_year", "二〇二五")
    assert main(["validate", "--data-dir", str(mini_dir)]) == 1
    err = capsys.readouterr().err
    assert "clusters.csv row 4" in err and "target_year" in err and "Traceback" not in err


_FIELDS = ["cluster_id", "plan_id", "district", "park_ids", "name_as_written", "sector", "chain", "role",
           "target_value_yi", "target_year", "baseline_value_yi", "baseline_year", "quote"]
_PARK_FIELDS = ["park_id", "name_zh", "district", "kind", "plan_ids", "area_km2", "geometry_quality", "quote"]
_junk = st.one_of(st.text(max_size=12), st.sampled_from(["", "-1", "1e9", "2025", "１２", "NaN", "甲区", "jia-1", "lead"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 4), st.sampled_from(_FIELDS), _junk), min_size=1, max_size=4),
       park_edits=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(_PARK_FIELDS), _junk), max_size=3),
       coords=st.one_of(st.none(), st.tuples(st.floats(-200, 200), st.floats(-100, 100))))
def test_broken_inputs_give_dataset_or_validation_error(tmp_path_factory, edits, park_edits, coords):
    from conftest import make_mini

    d = make_mini(tmp_path_factory.mktemp("fuzz") / "data")
    for row, field, value in edits:
        _edit_csv(d / "clusters.csv", row, field, value)
    for i, field, value in park_edits:
        _edit_park(d, i, **{field: value})
    if coords is not None:
        _edit_park(d, 0, geometry={"type": "Point", "coordinates": list(coords)})
    try:
        ds = load_dataset(d)
    except DataValidationError as e:
        assert e.problems and all(p.file for p in e.problems)
    else:
        assert len(ds.clusters) == 5
    shutil.rmtree(d, ignore_errors=True)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_clusters_csv(tmp_path_factory, blob):
    from conftest import make_mini

    d = make_mini(tmp_path_factory.mktemp("fuzzb") / "data")
    (d / "clusters.csv").write_bytes(blob)
    try:
        load_dataset(d)
    except DataValidationError as e:
        assert e.problems
    shutil.rmtree(d, ignore_errors=True)


def test_chinese_numeral_targets_are_recognised(mini_dir):
    p = mini_dir / "plans" / "b.txt"
    p.write_text(p.read_text(encoding="utf-8") + "打造五百亿级汽车产业集群。", encoding="utf-8")
    _edit_csv(mini_dir / "clusters.csv", 4, "quote", "打造五百亿级汽车产业集群")
    _edit_csv(mini_dir / "clusters.csv", 4, "target_value_yi", "500")
    _edit_csv(mini_dir / "clusters.csv", 4, "target_year", "2025")
    load_dataset(mini_dir)
    _edit_csv(mini_dir / "clusters.csv", 4, "target_value_yi", "50")
    (msg,) = _problems(mini_dir)
    assert "does not state the target 50" in msg


def test_unknown_district_is_reported_even_without_geometry(mini_dir):
    _edit_park(mini_dir, 0, district="丙区", geometry=None)
    msgs = _problems(mini_dir)
    assert any("row 1" in m and "unknown district '丙区'" in m for m in msgs)
    assert any("missing or empty" in m for m in msgs)


def test_names_swapped(mini_dir):
    _edit_park(mini_dir, 0, name_zh="Jia One Park", name_en="甲一园")
    (msg,) = _problems(mini_dir)
    assert "field 'name_zh'" in msg and "swapped" in msg


def test_full_width_digits_and_thousands_separators(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 2, "target_value_yi", "３００")
    _edit_csv(mini_dir / "clusters.csv", 2, "target_year", "２０２５")
    _edit_park(mini_dir, 0, area_km2="1,234.5", area_quote="甲一园重点发展汽车摩托车产业")
    ds = load_dataset(mini_dir)
    assert ds.clusters["target_value_yi"].iloc[2] == 300 and ds.clusters["target_year"].iloc[2] == 2025
    assert ds.parks["area_km2"].iloc[0] == 1234.5


def test_quote_with_full_width_digits_states_the_target(mini_dir):
    text = mini_dir / "plans" / "a.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("300亿", "３００亿"), encoding="utf-8")
    _edit_csv(mini_dir / "clusters.csv", 2, "quote", "打造３００亿级汽车产业集群")
    load_dataset(mini_dir)


def test_list_separator_hint_and_empty_industries(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 1, "park_ids", "jia-1；jia-2")
    (msg,) = _problems(mini_dir)
    assert "unknown park 'jia-1；jia-2'" in msg and "separate several ids with ';'" in msg
    (mini_dir / "industries.csv").write_text("sector,chain,name_en,color,synonyms\n", encoding="utf-8")
    assert "industries.csv: has no data rows" in _problems(mini_dir)


def test_a_wrong_file_gives_one_message_not_one_per_column(mini_dir):
    (mini_dir / "clusters.csv").write_text("园区;产值\n南溪;100\n", encoding="utf-8")
    (msg,) = _problems(mini_dir)
    assert "clusters.csv" in msg and "none of the expected columns" in msg


_geometry = st.one_of(
    st.none(),
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "Polygon", "MultiPolygon", "LineString", "x"]),
                           "coordinates": st.recursive(st.one_of(st.floats(100, 112), st.integers(-5, 200), st.none()),
                                                       lambda c: st.lists(c, max_size=5), max_leaves=12)}),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(["parks.geojson", "districts.geojson"]), i=st.integers(0, 1), geometry=_geometry,
       prop=st.sampled_from(["district", "park_id", "name_zh", "kind", "plan_ids", "area_km2", "district_en"]),
       value=st.one_of(_junk, st.none(), st.integers(), st.lists(st.integers(), max_size=2)))
def test_broken_geojson_gives_dataset_or_validation_error(tmp_path_factory, which, i, geometry, prop, value):
    from conftest import make_mini

    d = make_mini(tmp_path_factory.mktemp("fuzzg") / "data")
    p = d / which
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"][i]["geometry"] = geometry
    doc["features"][i]["properties"][prop] = value
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    try:
        load_dataset(d)
    except DataValidationError as e:
        assert e.problems and all(p.file for p in e.problems)
    shutil.rmtree(d, ignore_errors=True)


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(["plans.csv", "industries.csv", "parks.geojson", "districts.geojson"]),
       blob=st.binary(max_size=300))
def test_arbitrary_bytes_as_any_file(tmp_path_factory, name, blob):
    from conftest import make_mini

    d = make_mini(tmp_path_factory.mktemp("fuzzf") / "data")
    (d / name).write_bytes(blob)
    with pytest.raises(DataValidationError) as e:
        load_dataset(d)
    assert e.value.problems
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.parametrize("ch", ["\x00", "\x0b", "\x0c", "\x01", "\x1f"])
def test_control_characters_are_refused_naming_file_row_and_field(mini_dir, ch):
    _edit_csv(mini_dir / "clusters.csv", 1, "name_as_written", f"电子{ch}信息")
    msgs = _problems(mini_dir)
    assert any("clusters.csv row 3" in m and "name_as_written" in m and f"U+{ord(ch):04X}" in m for m in msgs), msgs


def test_control_characters_in_geojson_properties_are_refused(mini_dir):
    _edit_park(mini_dir, 0, name_zh="甲一\x0c园")
    msgs = _problems(mini_dir)
    assert any("parks.geojson row 1" in m and "name_zh" in m and "U+000C" in m for m in msgs), msgs


def test_tab_and_line_breaks_are_allowed(mini_dir):
    _edit_csv(mini_dir / "plans.csv", 0, "title", "甲区\t规划\r\n第二行")
    load_dataset(mini_dir)


@given(ch=st.characters(min_codepoint=0, max_codepoint=31).filter(lambda c: c not in "\t\n\r"),
       pos=st.integers(0, 3))
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_c0_control_character_is_reported(mini_dir, ch, pos):
    d = mini_dir.parent / f"c0-{ord(ch)}-{pos}"
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(mini_dir, d)
    _edit_csv(d / "plans.csv", 0, "title", "甲区规划"[:pos] + ch + "甲区规划"[pos:])
    msgs = _problems(d)
    assert any("plans.csv row 2" in m and "'title'" in m and "control character" in m for m in msgs), msgs


def test_nan_target_with_a_year_is_an_error(mini_dir):
    _edit_csv(mini_dir / "clusters.csv", 2, "target_value_yi", "NaN")
    msgs = _problems(mini_dir)
    assert any("clusters.csv row 4" in m and "target_value_yi" in m and "NaN" in m for m in msgs), msgs


def test_baseline_above_target_is_a_warning(mini_dir, capsys):
    from cli.main import main

    rows = list(csv.DictReader(open(mini_dir / "clusters.csv", encoding="utf-8")))
    i = next(k for k, r in enumerate(rows) if r["target_value_yi"] and r["target_year"])
    _edit_csv(mini_dir / "clusters.csv", i, "baseline_value_yi", str(float(rows[i]["target_value_yi"]) * 2))
    _edit_csv(mini_dir / "clusters.csv", i, "baseline_year", "2020")
    ds = load_dataset(mini_dir)  # accepted …
    assert [w.field for w in ds.warnings] == ["baseline_value_yi"]  # … with a warning
    assert main(["validate", "--data-dir", str(mini_dir)]) == 0
    err = capsys.readouterr().err
    assert "WARNING" in err and "above the target" in err and f"row {i + 2}" in err


def test_a_huge_csv_is_refused_at_once_with_a_clear_message(mini_dir, capsys):
    import time

    from cli.main import main

    p = mini_dir / "clusters.csv"
    with open(p, "r+b") as fh:  # 210 MB without writing them: a sparse file
        fh.truncate(210 * 2**20)
    t0 = time.process_time()
    assert main(["validate", "--data-dir", str(mini_dir)]) == 1
    assert time.process_time() - t0 < 5
    err = capsys.readouterr().err
    assert "clusters.csv" in err and "210 MB" in err and "PARKMAP_MAX_FILE_MB" in err


def test_upload_limit_matches_the_streamlit_config():
    import tomllib

    from geo import settings as gs

    cfg = tomllib.loads((gs.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["maxUploadSize"] == gs.MAX_UPLOAD_MB
