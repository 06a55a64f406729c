"""Tests for geo.scale_classes and geo.taxonomy."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from geo.scale_classes import class_labels, classify_scale
from geo.taxonomy import classify, sector_colors


def test_fixed_breaks_are_lower_bounds():
    s = pd.Series([10, 50, 99.9, 100, 300, 999, 1000, 5000, None])
    assert classify_scale(s).tolist() == [0, 1, 1, 2, 3, 3, 4, 4, -1]
    assert class_labels()[2] == "100亿级" and class_labels()[4] == "千亿级"


@given(st.lists(st.one_of(st.none(), st.floats(0, 1e5)), max_size=30), st.sampled_from(["fixed", "natural_breaks", "quantiles"]))
def test_classes_in_range(values, scheme):
    c = classify_scale(pd.Series(values, dtype="float64"), scheme=scheme)
    assert ((c >= -1) & (c <= 4)).all()
    assert ((c == -1) == pd.Series(values, dtype="float64").isna()).all()


def test_colours_are_distinct(shipped):
    colors = sector_colors(shipped.industries)
    # 17 sectors since farm output (农业), gas supply (能源供应) and producer services have their own (docs/coding.md §7)
    assert len(colors) <= 17 and len(set(colors.values())) == len(colors)


def test_every_sector_name_classifies_to_itself(shipped):
    for sector in sector_colors(shipped.industries):
        assert classify(sector, shipped.industries)[0] == sector


def test_classify_most_names_as_written(shipped):
    cl = shipped.clusters[shipped.clusters["sector"] != ""]
    hits = sum(classify(n, shipped.industries)[0] == s for n, s in zip(cl["name_as_written"], cl["sector"], strict=True))
    assert hits / len(cl) >= 0.95
    assert classify("电动摩托车", shipped.industries) == ("智能网联新能源汽车", "摩托车")
    assert classify("锶盐新材料", shipped.industries) == ("先进材料", "锶盐")
