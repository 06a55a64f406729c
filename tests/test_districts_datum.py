"""Tests for data/districts.geojson: 38 valid WGS84 units, size, and a pinned datum."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import LineString, Point

ROOT = Path(__file__).resolve().parents[1]
DISTRICTS = ROOT / "data" / "districts.geojson"

# 东城区/西城区 boundary on Beijing's central axis south of 前门.
AXIS_LAT = 39.89
AXIS_LON_WGS84 = 116.392
AXIS_LON_GCJ02 = 116.398


@pytest.fixture(scope="module")
def districts() -> gpd.GeoDataFrame:
    return gpd.read_file(DISTRICTS)


def test_file_size_under_2mb():
    assert DISTRICTS.stat().st_size < 2_000_000


def test_38_units_valid_wgs84(districts):
    assert len(districts) == 38
    assert districts.crs is not None and districts.crs.to_epsg() == 4326
    assert {"district", "district_en", "adcode", "geometry"} <= set(districts.columns)
    assert districts["district"].is_unique
    assert districts["adcode"].is_unique
    assert districts["adcode"].str.fullmatch(r"50\d{4}").all()
    assert districts.geometry.is_valid.all()
    assert not districts.geometry.is_empty.any()
    assert set(districts.geom_type) <= {"Polygon", "MultiPolygon"}
    minx, miny, maxx, maxy = districts.total_bounds
    assert 105.0 < minx < 105.5 and 109.9 < maxx < 110.4
    assert 27.9 < miny < 28.4 and 32.0 < maxy < 32.4
    # Shared borders stay shared after simplification: no overlaps.
    assert shapely.coverage_is_valid(districts.geometry.values)


def test_names(districts):
    en = dict(zip(districts["district"], districts["district_en"], strict=True))
    assert en["合川区"] == "Hechuan"
    assert en["永川区"] == "Yongchuan"
    assert en["石柱土家族自治县"] == "Shizhu"
    assert en["彭水苗族土家族自治县"] == "Pengshui"
    assert en["南岸区"] == "Nan'an"
    assert en["丰都县"] == "Fengdu"
    assert en["忠县"] == "Zhongxian"
    assert en["长寿区"] == "Changshou"


def test_total_area_plausible(districts):
    # Chongqing is ~82,400 km².
    area = districts.to_crs("EPSG:32648").area.sum() / 1e6
    assert 81_000 < area < 84_000


@pytest.mark.parametrize(
    ("lon", "lat", "district"),
    [
        (106.27, 29.97, "合川区"),  # 合川 city
        (105.93, 29.36, "永川区"),  # 永川 city
        (105.7236, 29.7023, "大足区"),  # 大足 city (棠香)
        (108.7748, 29.5328, "黔江区"),  # 黔江 city
        (108.7873, 29.4587, "黔江区"),  # 正阳
        (106.5776, 29.5575, "渝中区"),  # 解放碑
    ],
)
def test_known_wgs84_points(districts, lon, lat, district):
    hits = districts[districts.contains(Point(lon, lat))]["district"].tolist()
    assert hits == [district]


def _axis_lon(gdf: gpd.GeoDataFrame) -> float:
    by_name = gdf.set_index("district").geometry
    line = LineString([(116.30, AXIS_LAT), (116.50, AXIS_LAT)])
    west_of_dongcheng = by_name["东城区"].intersection(line).bounds[0]
    east_of_xicheng = by_name["西城区"].intersection(line).bounds[2]
    return (west_of_dongcheng + east_of_xicheng) / 2.0


def _cnmaps_units(province: str, wgs84: bool) -> gpd.GeoDataFrame:
    cnmaps = pytest.importorskip("cnmaps")
    gdf = cnmaps.get_adm_maps(province=province, level="区县", engine="geopandas", wgs84=wgs84)
    geoms = [shapely.geometry.shape(g.__geo_interface__) for g in gdf.geometry]
    return gpd.GeoDataFrame({"district": list(gdf["district"])}, geometry=geoms, crs=4326)


def test_cnmaps_datum_beijing_axis():
    """cnmaps(wgs84=True) puts the 东城/西城 line at ≈116.392E (WGS84), raw data at GCJ-02."""
    wgs = _axis_lon(_cnmaps_units("北京市", wgs84=True))
    raw = _axis_lon(_cnmaps_units("北京市", wgs84=False))
    assert abs(wgs - AXIS_LON_WGS84) < 0.002, wgs
    # The shipped files are raw GCJ-02; one conversion is right, two would be wrong.
    assert abs(raw - AXIS_LON_GCJ02) < 0.002, raw


def test_file_matches_cnmaps_wgs84_not_gcj02(districts):
    """The committed file equals cnmaps' WGS84 output (converted once), not raw GCJ-02."""
    wgs = _cnmaps_units("重庆市", wgs84=True).set_index("district").geometry
    raw = _cnmaps_units("重庆市", wgs84=False).set_index("district").geometry
    mine = districts.set_index("district").geometry
    assert set(mine.index) == set(wgs.index)
    for name in ("合川区", "永川区", "大足区", "黔江区", "渝中区"):
        c = mine[name].centroid
        assert c.distance(wgs[name].centroid) < 0.0005, name
        assert c.distance(raw[name].centroid) > 0.003, name
