"""Tests of the print legend (layers/printmap/legend.py; entries from content.py): sectors, scales, tiers, colours."""

from __future__ import annotations

import pytest
from print_fixtures import low_dpi

from geo.taxonomy import sectors
from geo.view import View, apply_view
from layers.printmap.render import render
from layers.style import TIER_OUTLINE, scale_legend


def _legend_sectors(ds, view):
    present = set(apply_view(ds, view)["dominant_sector"].fillna(""))
    out = [s for s in sectors(ds.industries)["sector"] if s in present]
    # a park the plan names without any industry (永川国家高新区 umbrella, 黔江 合作示范园) is drawn as unknown
    return out + ["未明确产业"] if "" in present else out


@pytest.mark.parametrize(
    "view",
    [View(), View(districts=("永川区",)), View(sectors=("先进材料",)), View(tiers=("核心引擎", "关键支撑"))],
)
def test_legend_lists_sectors_present_and_all_scale_classes(shipped, view):
    r = render(shipped, view, low_dpi())
    labels = [lab for lab, _ in r.content.sector_entries]
    assert labels == _legend_sectors(shipped, view)
    colors = dict(zip(sectors(shipped.industries)["sector"], sectors(shipped.industries)["color"], strict=True))
    assert [c for _, c in r.content.sector_entries] == [colors.get(s, "#bbbbbb") for s in labels]
    assert [lab for lab, _, _ in r.content.scale_entries] == [lab for lab, _ in scale_legend("zh")]
    assert [h for _, _, h in r.content.scale_entries] == [False] * 5 + [True]
    for lab in labels + [lab for lab, _ in scale_legend("zh")]:
        assert lab in r.texts, f"legend entry {lab} not drawn"
    tiers = set(apply_view(shipped, view)["tier"])
    assert [lab for lab, _ in r.content.tier_entries] == [t for t in TIER_OUTLINE if t in tiers]


def test_legend_in_english_and_unknown_sector(mini):
    r = render(mini, View(lang="en"), low_dpi())
    labels = [lab for lab, _ in r.content.sector_entries]
    # mini: jia-1/jia-2/yi-1 are autos or electronics; names come from industries.name_en
    assert set(labels) <= {"Autos", "Electronics", "Materials", "Industry not stated"}
    assert "Autos" in labels
    assert [lab for lab, _, _ in r.content.scale_entries] == [lab for lab, _ in scale_legend("en")]


def _lab(hex_color: str):
    import numpy as np

    rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    rgb = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_sector_colours_are_told_apart(shipped):
    import numpy as np

    from geo.taxonomy import sector_colors

    c = sector_colors(shipped.industries)
    assert np.linalg.norm(_lab(c["消费品工业"]) - _lab(c["食品及农产品加工"])) >= 30  # ΔE*ab, CIE 1976
    names = list(sectors(shipped.industries)["sector"])
    worst = min(np.linalg.norm(_lab(c[a]) - _lab(c[b])) for i, a in enumerate(names) for b in names[i + 1:])
    assert worst >= 15
