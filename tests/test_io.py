"""Tests for geo.io: tolerant readers and atomic, versioned writes."""

from __future__ import annotations

import json
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import DataValidationError, WriteConflictError
from geo.io import atomic_write, decode_bytes, file_version, parse_number, previous_versions, read_geojson, read_table


@pytest.mark.parametrize(
    "raw, expected",
    [("12", 12.0), (" 1,234.5 ", 1234.5), ("１２３", 123.0), ("３．５", 3.5), ("", None), ("-2", -2.0), (7, 7.0)],
)
def test_parse_number_accepts_what_people_type(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["12亿", "1,23", "abc", "1.2.3", "inf", "nan5", "1e999999"])
def test_parse_number_rejects_ambiguous(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


@given(st.text(max_size=20))
def test_parse_number_only_returns_float_none_or_raises(s):
    try:
        v = parse_number(s)
    except ValueError:
        return
    assert v is None or isinstance(v, float)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_parse_number_round_trips_repr(x):
    assert parse_number(repr(x)) == pytest.approx(x)


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_read_table_encodings(tmp_path, enc):
    p = tmp_path / "t.csv"
    p.write_bytes("园区,产值\n南溪组团,１００\n".encode(enc))
    df = read_table(p)
    assert list(df.columns) == ["园区", "产值"]
    assert df.iloc[0]["园区"] == "南溪组团"


def test_read_table_xlsx(tmp_path):
    import pandas as pd

    p = tmp_path / "t.xlsx"
    pd.DataFrame({"park_id": ["a"], "area_km2": [1.5]}).to_excel(p, index=False)
    df = read_table(p)
    assert df.iloc[0]["park_id"] == "a" and parse_number(df.iloc[0]["area_km2"]) == 1.5


def test_decode_rejects_binary():
    # a UTF-16 mark followed by a lone surrogate is not UTF-16 (a mark settles the encoding, so valid UTF-16
    # after it — even all CJK — is text); bytes that are neither UTF-8 nor GB18030 are refused too
    for blob in (b"\xff\xfe\x00\xd8\x30\x00", b"\x89PNG\r\n\x1a\n\x00\x81\x30\xff"):
        with pytest.raises(DataValidationError) as e:
            decode_bytes(blob, "x.csv")
        assert "x.csv" in str(e.value)


def _fc(features, crs=None):
    doc = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = crs
    return json.dumps(doc).encode()


def test_read_geojson_with_and_without_crs(tmp_path):
    f = [{"type": "Feature", "properties": {"park_id": "a"}, "geometry": {"type": "Point", "coordinates": [106.3, 29.9]}}]
    g1 = read_geojson(tmp_path / "a.geojson", _fc(f))
    g2 = read_geojson(tmp_path / "a.geojson", _fc(f, {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}))
    assert g1.crs.to_epsg() == 4326 and g2.geometry.iloc[0].x == pytest.approx(106.3)


def test_read_geojson_reprojects_legacy_crs(tmp_path):
    f = [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 3300000]}}]
    g = read_geojson(tmp_path / "a.geojson", _fc(f, {"type": "name", "properties": {"name": "EPSG:32648"}}))
    assert 104 < g.geometry.iloc[0].x < 106 and 29 < g.geometry.iloc[0].y < 31


@pytest.mark.parametrize(
    "content, fragment",
    [(b"{not json", "not valid JSON"), (b"[]", "FeatureCollection"),
     (_fc([{"type": "Feature", "properties": {"park_id": "p"}, "geometry": {"type": "Point", "coordinates": ["x", 1, {}]}}]), "row 1")],
)
def test_read_geojson_errors_name_the_place(tmp_path, content, fragment):
    with pytest.raises(DataValidationError) as e:
        read_geojson(tmp_path / "parks.geojson", content)
    assert "parks.geojson" in str(e.value) and fragment in str(e.value)


def test_atomic_write_keeps_previous_and_detects_conflict(tmp_path):
    p = tmp_path / "clusters.csv"
    v1 = atomic_write(p, "a\n1\n")
    assert file_version(p) == v1
    v2 = atomic_write(p, "a\n2\n", expected_version=v1)
    assert p.read_text() == "a\n2\n" and len(previous_versions(p)) == 1
    with pytest.raises(WriteConflictError):
        atomic_write(p, "a\n3\n", expected_version=v1)  # stale version
    assert p.read_text() == "a\n2\n" and file_version(p) == v2


def test_two_writers_lose_nothing(tmp_path):
    p = tmp_path / "plans.csv"
    v0 = atomic_write(p, "x\n0\n")
    results: list[str] = []

    def writer(n: int) -> None:
        try:
            atomic_write(p, f"x\n{n}\n", expected_version=v0)
            results.append(f"ok{n}")
        except WriteConflictError:
            results.append(f"conflict{n}")

    ts = [threading.Thread(target=writer, args=(i,)) for i in (1, 2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert sorted(r[:2] for r in results) == ["co", "ok"]
    winner = next(r for r in results if r.startswith("ok"))[2:]
    assert p.read_text() == f"x\n{winner}\n"
    assert [q.read_text() for q in previous_versions(p)] == ["x\n0\n"]
    assert not list(tmp_path.glob(".plans.csv.*.tmp"))


def test_read_geojson_converts_declared_datum(tmp_path):
    from geo.coords import wgs84_to_gcj02

    lon, lat = 106.27, 29.98
    glon, glat = wgs84_to_gcj02(lon, lat)
    f = [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [glon, glat]}}]
    g = read_geojson(tmp_path / "a.geojson", _fc(f), datum="gcj02")
    assert abs(g.geometry.iloc[0].x - lon) < 1e-7 and abs(g.geometry.iloc[0].y - lat) < 1e-7
    with pytest.raises(DataValidationError):
        read_geojson(tmp_path / "a.geojson", _fc(f), datum="mars")


# --------------------------------------------------------------------------- property tests: clean result or DataValidationError

_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)


@settings(max_examples=500)
@given(st.binary(max_size=200))
def test_decode_bytes_gives_text_or_a_validation_error(blob):
    try:
        assert isinstance(decode_bytes(blob, "f.csv"), str)
    except DataValidationError as e:
        assert e.problems[0].file == "f.csv"


@settings(max_examples=400)
@given(st.binary(max_size=300), st.sampled_from(["t.csv", "t.xlsx", "t.txt"]))
def test_read_table_on_arbitrary_bytes(blob, name):
    try:
        df = read_table(name, blob)
    except DataValidationError as e:
        assert e.problems and e.problems[0].file == name
    else:
        assert all(isinstance(v, str) for v in df.to_numpy().ravel())


@settings(max_examples=300)
@given(st.lists(st.lists(_cells, min_size=2, max_size=2), min_size=1, max_size=5),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_read_table_reads_what_excel_writes(rows, enc):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows([["名称", "value"], *rows])
    try:
        df = read_table("t.csv", buf.getvalue().encode(enc))
    except DataValidationError:
        return  # e.g. a cell that pandas reads as a second header; never another exception
    assert list(df.columns) == ["名称", "value"]


@settings(max_examples=200)
@given(st.lists(st.lists(_cells, min_size=2, max_size=2), min_size=1, max_size=4))
def test_read_table_xlsx_round_trip(tmp_path_factory, rows):
    import pandas as pd

    rows = [[c if c.strip() and not c.startswith("=") else "x" for c in r] for r in rows]  # "=…" is a formula
    p = tmp_path_factory.mktemp("x") / "t.xlsx"
    pd.DataFrame(rows, columns=["a", "b"]).to_excel(p, index=False)
    df = read_table(p)
    assert list(df.columns) == ["a", "b"] and len(df) == len(rows)


_num = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20), st.text(max_size=4),
                 st.none(), st.booleans())
_coords = st.recursive(_num, lambda c: st.lists(c, max_size=5), max_leaves=16)
_lonlat = st.tuples(st.floats(105, 111), st.floats(28, 33)).map(list)
_geom = st.one_of(
    st.none(), _coords,
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "MultiPoint", "LineString", "Polygon", "MultiPolygon",
                                                    "GeometryCollection", "x", None]),
                           "coordinates": st.one_of(_coords, _lonlat, st.lists(_lonlat, max_size=5),
                                                    st.lists(st.lists(_lonlat, max_size=5), max_size=2))}),
)
_props = st.one_of(st.none(), _coords, st.dictionaries(st.sampled_from(["park_id", "name_zh", "district", "x"]),
                                                       st.one_of(_num, _coords), max_size=4))
_feature = st.one_of(st.fixed_dictionaries({"type": st.sampled_from(["Feature", "x"]), "properties": _props,
                                            "geometry": _geom}), _coords)
_doc = st.fixed_dictionaries(
    {"type": st.sampled_from(["FeatureCollection", "Feature", 1]), "features": st.one_of(st.lists(_feature, max_size=4), _coords)},
    optional={"crs": st.one_of(st.none(), st.text(max_size=8), _coords,
                               st.just({"type": "name", "properties": {"name": "EPSG:32648"}}))},
)


@settings(max_examples=400)
@given(_doc, st.sampled_from(["wgs84", "gcj02", "bd09"]))
def test_read_geojson_on_generated_documents(doc, datum):
    import math

    try:
        raw = json.dumps(doc, allow_nan=True).encode()
    except (ValueError, OverflowError):
        return
    try:
        gdf = read_geojson("parks.geojson", raw, datum=datum)
    except DataValidationError as e:
        assert e.problems and all(p.file == "parks.geojson" for p in e.problems)
    else:
        for g in gdf.geometry:
            if g is not None and not g.is_empty:
                assert all(math.isfinite(v) for xy in __import__("shapely").get_coordinates(g) for v in xy)


@settings(max_examples=500)
@given(_num)
def test_parse_number_on_any_cell(value):
    try:
        v = parse_number(value)
    except ValueError:
        return
    assert v is None or (isinstance(v, float) and v == v and abs(v) != float("inf"))


@given(st.integers(0, 10**12), st.booleans())
def test_parse_number_thousands_and_full_width(n, full_width):
    text = f"{n:,}"
    if full_width:
        text = text.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_number(text) == n


def test_read_table_utf16_tab_separated_and_excel_dates(tmp_path):
    import datetime

    import openpyxl

    df = read_table("t.txt", "园区\t产值\n南溪组团\t１,２３４\n".encode("utf-16"))
    assert list(df.columns) == ["园区", "产值"] and parse_number(df.iloc[0]["产值"]) == 1234
    wb = openpyxl.Workbook()
    wb.active.append(["plan_id", "issued"])
    wb.active.append(["a", datetime.datetime(2023, 1, 5)])
    wb.save(tmp_path / "plans.xlsx")
    assert read_table(tmp_path / "plans.xlsx").iloc[0]["issued"] == "2023-01-05"


def test_read_geojson_rejects_non_finite_coordinates(tmp_path):
    f = [{"type": "Feature", "properties": {"park_id": "p", "name_zh": "甲园"},
          "geometry": {"type": "Point", "coordinates": [float("nan"), 29.0]}}]
    with pytest.raises(DataValidationError) as e:
        read_geojson(tmp_path / "parks.geojson", json.dumps({"type": "FeatureCollection", "features": f}).encode())
    assert "row 1 (p 甲园) field 'geometry'" in str(e.value) and "NaN" in str(e.value)


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_decoded_by_their_bom(enc):
    import codecs

    from geo.io import decode_bytes

    text = "合川区制造业高质量发展"  # no ASCII at all: only the byte-order mark tells the encoding
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    data = text.encode(enc) if enc in ("utf-16", "utf-32") else boms[enc] + text.encode(enc)
    assert decode_bytes(data, "plan.txt") == text


def test_utf32_csv_is_read_as_a_table(tmp_path):
    from geo.io import read_table

    p = tmp_path / "t.csv"
    p.write_bytes("plan_id,title\nhc-1,合川\n".encode("utf-32"))
    df = read_table(p)
    assert list(df.columns) == ["plan_id", "title"] and df.iloc[0]["title"] == "合川"
