"""Tests for geo.io: tolerant readers and atomic, versioned writes."""

from __future__ import annotations

import json
import threading

import pytest
from hypothesis import given
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
    with pytest.raises(DataValidationError) as e:
        decode_bytes(b"\xff\xfe\x00\x81\x30\xff", "x.csv")
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
