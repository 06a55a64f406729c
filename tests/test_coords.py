"""Tests for geo.coords: datum conversions round trips, reference points, measurements."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pyproj import Transformer
from shapely.geometry import Point, Polygon, box

from geo import coords as C

# Chongqing's bounding box (slightly padded) and mainland China's.
CQ = {"lon": (105.2, 110.3), "lat": (28.1, 32.3)}
CN = {"lon": (73.6, 134.8), "lat": (18.2, 53.5)}


def _lonlat(bbox: dict) -> st.SearchStrategy:
    return st.tuples(
        st.floats(*bbox["lon"], allow_nan=False, allow_infinity=False),
        st.floats(*bbox["lat"], allow_nan=False, allow_infinity=False),
    )


def _err_m(lon1, lat1, lon2, lat2) -> float:
    return float(np.max(C.distance_km(lon1, lat1, lon2, lat2))) * 1000.0


@settings(max_examples=300, deadline=None)
@given(_lonlat(CQ))
def test_gcj_round_trip_chongqing(p):
    lon, lat = p
    back = C.gcj02_to_wgs84(*C.wgs84_to_gcj02(lon, lat))
    assert _err_m(lon, lat, *back) < 1.0


@settings(max_examples=300, deadline=None)
@given(_lonlat(CN))
def test_gcj_round_trip_china(p):
    lon, lat = p
    back = C.gcj02_to_wgs84(*C.wgs84_to_gcj02(lon, lat))
    assert _err_m(lon, lat, *back) < 1.0


@settings(max_examples=300, deadline=None)
@given(_lonlat(CN))
def test_bd_round_trip_china(p):
    lon, lat = p
    back = C.bd09_to_wgs84(*C.wgs84_to_bd09(lon, lat))
    assert _err_m(lon, lat, *back) < 1.0
    g = C.bd09_to_gcj02(*C.gcj02_to_bd09(lon, lat))
    assert _err_m(lon, lat, *g) < 1.0


@settings(max_examples=50, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 200), elements=st.floats(*CN["lon"])),
    st.floats(*CN["lat"]),
)
def test_vectorised_matches_scalar(lons, lat):
    lats = np.full_like(lons, lat)
    vlon, vlat = C.wgs84_to_gcj02(lons, lats)
    assert isinstance(vlon, np.ndarray) and vlon.shape == lons.shape
    slon, slat = C.wgs84_to_gcj02(float(lons[0]), lat)
    assert isinstance(slon, float)
    assert slon == pytest.approx(vlon[0], abs=1e-12)
    assert slat == pytest.approx(vlat[0], abs=1e-12)
    blon, blat = C.gcj02_to_wgs84(vlon, vlat)
    assert _err_m(lons, lats, blon, blat) < 1.0


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        st.tuples(st.floats(-180, 72.0), st.floats(-89, 89)),
        st.tuples(st.floats(138.0, 180), st.floats(-89, 89)),
        st.tuples(st.floats(-180, 180), st.floats(56.0, 89)),
        st.tuples(st.floats(-180, 180), st.floats(-89, 0.8)),
    )
)
def test_no_gcj_shift_outside_china(p):
    lon, lat = p
    assert C.out_of_china(lon, lat)
    assert C.wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert C.gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_reference_point_beijing():
    # Tiananmen area, WGS84 → GCJ-02: the well-known ~0.006°E / ~0.0014°N shift.
    lon, lat = 116.397, 39.909
    glon, glat = C.wgs84_to_gcj02(lon, lat)
    assert glon == pytest.approx(116.403244, abs=2e-6)
    assert glat == pytest.approx(39.910403, abs=2e-6)
    offset_m = _err_m(lon, lat, glon, glat)
    assert 300 < offset_m < 800
    # BD-09 sits a further ≈ (+0.0065, +0.006) from GCJ-02.
    blon, blat = C.gcj02_to_bd09(glon, glat)
    assert blon - glon == pytest.approx(0.0065, abs=0.0005)
    assert blat - glat == pytest.approx(0.006, abs=0.0005)


def test_reference_point_chongqing_offset():
    # In Chongqing the GCJ-02 shift is a few hundred metres, mostly eastward-ish.
    lon, lat = 106.55, 29.56
    glon, glat = C.wgs84_to_gcj02(lon, lat)
    assert 200 < _err_m(lon, lat, glon, glat) < 800


def test_matches_cnmaps_implementation():
    cg = pytest.importorskip("cnmaps.geo")
    for lon, lat in [(116.397, 39.909), (106.27, 29.97), (105.93, 29.36), (108.77, 29.53)]:
        assert C.wgs84_to_gcj02(lon, lat) == pytest.approx(cg.wgs84_to_gcj02(lon, lat), abs=1e-9)
        g = C.wgs84_to_gcj02(lon, lat)
        assert C.gcj02_to_bd09(*g) == pytest.approx(cg.gcj02_to_bd09(*g), abs=1e-9)


def test_convert_dispatch_and_errors():
    p = (106.27, 29.97)
    assert C.convert(*p, "wgs84", "wgs84") == p
    assert C.convert(*p, "WGS84", "gcj02") == C.wgs84_to_gcj02(*p)
    assert C.convert(*p, "wgs84", "bd09") == C.wgs84_to_bd09(*p)
    with pytest.raises(ValueError):
        C.convert(*p, "wgs84", "utm")


def test_convert_gdf_round_trip():
    poly = box(106.2, 29.9, 106.3, 30.0)
    gdf = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[poly, Point(106.27, 29.97)], crs="EPSG:4326")
    g = C.convert_gdf(gdf, "wgs84", "gcj02")
    assert list(g["name"]) == ["a", "b"]
    assert g.crs == gdf.crs
    shift = g.geometry.iloc[1].distance(gdf.geometry.iloc[1])
    assert 0.001 < shift < 0.01
    back = C.convert_gdf(C.convert_gdf(g, "gcj02", "bd09"), "bd09", "wgs84")
    for a, b in zip(back.geometry, gdf.geometry, strict=True):
        assert a.equals_exact(b, 1e-7)
    series = C.convert_gdf(gdf.geometry, "wgs84", "gcj02")
    assert isinstance(series, gpd.GeoSeries)
    assert series.geometry.iloc[1].equals_exact(g.geometry.iloc[1], 1e-12)
    assert gdf.geometry.iloc[1].x == 106.27  # input untouched
    with pytest.raises(ValueError):
        C.convert_gdf(gdf.to_crs(C.PROJECTED_CRS), "wgs84", "gcj02")


def test_square_km_area_near_chongqing():
    # A 1 km × 1 km square laid out in the projected CRS near 合川.
    to_utm = Transformer.from_crs("EPSG:4326", C.PROJECTED_CRS, always_xy=True)
    x0, y0 = to_utm.transform(106.27, 29.97)
    sq = gpd.GeoSeries([box(x0, y0, x0 + 1000, y0 + 1000)], crs=C.PROJECTED_CRS)
    ll = sq.to_crs("EPSG:4326")
    assert C.area_km2(ll).iloc[0] == pytest.approx(1.0, rel=2e-3)
    assert C.area_km2(ll, method="projected").iloc[0] == pytest.approx(1.0, rel=1e-6)
    assert C.area_km2(ll.iloc[0]) == pytest.approx(1.0, rel=2e-3)
    assert C.area_km2(ll.iloc[0], method="projected") == pytest.approx(1.0, rel=1e-6)
    gdf = gpd.GeoDataFrame(geometry=ll)
    assert C.area_km2(gdf).iloc[0] == pytest.approx(1.0, rel=2e-3)
    assert C.to_projected(gdf).crs.to_epsg() == 32648


def test_square_km_area_geodesic():
    # Square whose sides are 1 km geodesics from a corner near 永川.
    lon0, lat0 = 105.93, 29.36
    dlat = 1.0 / 110.85  # ~1 km of latitude at 29°N
    dlon = 1.0 / (111.32 * math.cos(math.radians(lat0 + dlat / 2)))
    sq = Polygon([(lon0, lat0), (lon0 + dlon, lat0), (lon0 + dlon, lat0 + dlat), (lon0, lat0 + dlat)])
    assert C.area_km2(sq) == pytest.approx(1.0, rel=5e-3)
    # Orientation must not matter.
    assert C.area_km2(sq.reverse()) == pytest.approx(C.area_km2(sq))


def test_distance_km():
    # One degree of latitude at ~30°N is ≈ 110.85 km on WGS84.
    assert C.distance_km(106.0, 29.5, 106.0, 30.5) == pytest.approx(110.85, abs=0.05)
    d = C.distance_km([106.0, 106.0], [29.5, 29.5], [106.0, 107.0], [30.5, 29.5])
    assert isinstance(d, np.ndarray) and d.shape == (2,)
    assert d[1] == pytest.approx(96.9, abs=0.3)  # 1° of longitude at 29.5°N


def test_to_projected_requires_crs():
    with pytest.raises(ValueError):
        C.to_projected(gpd.GeoSeries([Point(106, 29)]))
