"""Tests for bench/datagen.py: generated data folders are valid at every size the harness uses."""

from __future__ import annotations

import numpy as np

from bench import datagen
from geo import settings


def test_park_targets_stay_in_the_validators_range():
    # 100k parks × 3 rows: the Pareto tail drew 245,408 亿 at 10k parks before the cap
    values = datagen.park_targets(np.random.default_rng(13), (100_000, 3))
    assert values.min() >= 5
    assert values.max() <= datagen.PARK_TARGET_MAX_YI <= settings.MAX_TARGET_YI
    assert np.median(values) < 100


def test_points_end_up_inside_their_own_district():
    import geopandas as gpd
    from shapely.geometry import box

    # two districts with a 0.01° gap between them, and points: inside A, inside B, in the gap, on A's edge
    districts = gpd.GeoDataFrame({"district": ["A", "B"]}, geometry=[box(0, 0, 1, 1), box(1.01, 0, 2, 1)],
                                 crs=settings.CRS_WGS84)
    x = np.array([0.5, 1.5, 1.005, 1.0000004])
    y = np.array([0.5, 0.5, 0.5, 0.5])
    x2, y2, d = datagen.place_in_districts(x, y, districts)
    assert list(d[:2]) == ["A", "B"]
    own = dict(zip(districts["district"], districts.geometry, strict=True))
    for xi, yi, di in zip(x2, y2, d, strict=True):
        assert own[di].buffer(1e-6).covers(gpd.points_from_xy([xi], [yi])[0])
    assert x2[0] == 0.5 and x2[1] == 1.5  # points already inside stay where they are


def test_footprints_stay_inside_their_district():
    from shapely.geometry import Point, box

    district = box(0, 0, 1, 1)
    across = Point(1.0, 0.5).buffer(0.01)  # a footprint drawn across the district's border
    g = datagen.footprint_in(across, district)
    assert district.buffer(1e-9).covers(g) and district.covers(g.representative_point())
    assert datagen.footprint_in(Point(5, 5).buffer(0.01), district) is None
