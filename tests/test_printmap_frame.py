"""Tests of layers/printmap/frame.py: the scale bar's round lengths and the north arrow's true north."""

from __future__ import annotations

import pytest
from print_fixtures import low_dpi

from geo.view import View
from layers.printmap.frame import nice_length, true_north_angle
from layers.printmap.render import render


@pytest.mark.parametrize(
    "target,expected", [(37.0, 20.0), (50.0, 50.0), (9.9, 5.0), (0.3, 0.2), (120_000.0, 100_000.0), (1.0, 1.0)]
)
def test_nice_length(target, expected):
    assert nice_length(target) == pytest.approx(expected)


def test_scale_bar_is_a_round_number_of_km(shipped):
    r = render(shipped, View(districts=("合川区",)), low_dpi())
    unit_index = r.texts.index("千米")
    numbers = [float(x) for x in r.texts[unit_index - 3:unit_index]]
    assert numbers[0] == 0 and numbers[2] in (1, 2, 5, 10, 20, 50, 100) and numbers[1] == numbers[2] / 2


def test_north_arrow_follows_grid_convergence():
    from pyproj import Transformer

    to_proj = Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)
    on_meridian = true_north_angle(*to_proj.transform(105.0, 29.5))
    east = true_north_angle(*to_proj.transform(108.8, 29.5))
    assert abs(on_meridian) < 1e-4
    # east of the central meridian true north leans west of grid north (counter-clockwise, positive) by ~1.9°
    assert 1.5 < east * 180 / 3.141592653589793 < 2.3
