"""Tests of layers/printmap/render.py: a whole-city page holds the whole municipality and an unclipped legend."""

from __future__ import annotations

import pytest
from print_fixtures import low_dpi

from geo.settings import CRS_PROJECTED
from geo.view import View
from layers.printmap.render import render


@pytest.mark.parametrize("paper,orientation", [("a4", "landscape"), ("a4", "portrait"), ("a3", "landscape")])
def test_city_map_shows_the_whole_municipality_and_a_whole_legend(shipped, paper, orientation):
    """A map titled 重庆市 holds all of it (城口, 巫溪, 巫山, 奉节 included); no legend symbol is clipped."""
    import shapely

    r = render(shipped, View(), low_dpi(paper=paper, orientation=orientation))
    assert r.content.title.startswith("重庆市")
    fig = r.figure
    ax = fig.axes[0]  # the map frame
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    city = shapely.union_all(list(shipped.districts.to_crs(CRS_PROJECTED).geometry))
    assert shapely.box(x0, y0, x1, y1).contains(city)
    for name in ("城口县", "巫溪县", "巫山县", "奉节县"):
        assert name in set(shipped.districts["district"])
    assert r.content.inset is not None  # the parks sit in the west: their area is enlarged
    renderer = fig.canvas.get_renderer()
    legend_ax = next(a for a in fig.axes if not a.axison)
    box = legend_ax.get_window_extent(renderer)
    for coll in legend_ax.collections:
        # scatter symbols: centre ± the marker's radius (its size is an area in points²)
        for (cx, cy), size in zip(legend_ax.transData.transform(coll.get_offsets()), coll.get_sizes(), strict=False):
            rad = (size ** 0.5) / 2 * fig.dpi / 72
            assert box.x0 - 0.5 <= cx - rad and cx + rad <= box.x1 + 0.5, (cx, rad, box)
            assert box.y0 - 0.5 <= cy - rad and cy + rad <= box.y1 + 0.5, (cy, rad, box)
