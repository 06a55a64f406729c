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


def test_a_map_with_more_parks_than_the_page_can_name(tmp_path, monkeypatch):
    """Beyond the label budget the largest parks are named or numbered, the rest are markers only and counted in
    the footer; no label touches another and the numbered list fits the legend."""
    from bench.datagen import make_folder
    from geo.load import load_dataset
    from layers.printmap import render as render_mod
    from layers.printmap.legend import MIN_SQUEEZE, _legend_columns
    from layers.style import TIER_OUTLINE

    monkeypatch.setattr(render_mod, "LABEL_BUDGET", 40)
    monkeypatch.setattr(render_mod, "NUMBER_SEARCH_MAX_PARKS", 30)
    ds = load_dataset(make_folder(tmp_path / "gen", 90))
    for lang, orientation in (("zh", "landscape"), ("en", "portrait")):
        r = render(ds, View(lang=lang), low_dpi(orientation=orientation))
        parks = r.content.parks
        assert len(r.label_boxes) + len(r.unlabelled) == len(parks) and r.unplaced == []
        assert len(r.label_boxes) <= 40 and len(r.unlabelled) >= len(parks) - 40
        rank = parks.assign(t=parks["tier"].map(lambda t: list(TIER_OUTLINE).index(t) if t in TIER_OUTLINE else 9))
        rank = rank.sort_values(["scale_class", "t", "park_id"], ascending=[False, True, True])["park_id"].tolist()
        assert set(rank[40:]) <= set(r.unlabelled)  # only the 40 largest were tried
        boxes = r.label_boxes
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        n = len(r.unlabelled)
        note = f"另有 {n} 个园区未标注（名单见导出的表格）" if lang == "zh" else f"{n} more parks not labelled"
        assert any(note in t for t in r.texts)
        fig_h_mm = r.figure.get_figheight() * 25.4
        legend_ax = next(a for a in r.figure.axes if not a.axison)
        lh = legend_ax.get_position().height * fig_h_mm
        lw = legend_ax.get_position().width * r.figure.get_figwidth() * 25.4
        cols = 1 if orientation == "landscape" else 3
        columns = _legend_columns(r.content, lang, lw / cols, cols, 1.0)
        assert max(sum(row[3] for row in col) for col in columns) * MIN_SQUEEZE <= lh + 1e-6  # the list fits


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_numbered_list_never_runs_off_the_legend(shipped, lang, orientation):
    from layers.printmap.legend import MIN_SQUEEZE, _legend_columns

    r = render(shipped, View(lang=lang), low_dpi(orientation=orientation))
    fig = r.figure
    legend_ax = next(a for a in fig.axes if not a.axison)
    lh = legend_ax.get_position().height * fig.get_figheight() * 25.4
    lw = legend_ax.get_position().width * fig.get_figwidth() * 25.4
    cols = 1 if orientation == "landscape" else 3
    need = max(sum(row[3] for row in col) for col in _legend_columns(r.content, lang, lw / cols, cols, 1.0))
    assert need * MIN_SQUEEZE <= lh + 1e-6
