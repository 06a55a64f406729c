"""Tests for layers.overlap: rings, links, escaping, the district choropleth and zoom bounds."""

from __future__ import annotations

import re

import pytest
from overlap_fixtures import make_dataset, row

from geo import overlap as O
from layers import overlap as L


@pytest.fixture
def ds():
    return make_dataset()


def _html(m) -> str:
    return m.get_root().render()


def test_rings_and_links(ds):
    o = O.find_overlaps(ds)
    fg = L.overlap_layer(ds.parks, o, "zh")
    m = L.overlap_map(ds.parks, ds.districts, o, O.overlap_counts_by_district(ds, o))
    html = _html(m)
    parks = {p for ps in o["parks"] for p in ps}
    links = sum(len(x) for x in o["links"])
    assert html.count("L.circleMarker(") == len(parks)
    assert html.count("L.polyline(") == links
    assert len(fg._children) == len(parks) + links


def test_every_tooltip_is_escaped():
    evil = "<img src=x onerror=alert(1)>"
    rows = [
        row("e1", "jia-2023", "甲区", "a1", "x", evil, "", "lead"),
        row("e2", "yi-2022", "乙区", "b1", "y", evil, "", "lead"),
    ]
    ds = make_dataset(rows)
    ds.parks.loc[ds.parks["park_id"] == "b1", "name_zh"] = "<b>乙</b>园"
    o = O.find_overlaps(ds)
    assert len(o) == 1
    html = _html(L.overlap_map(ds.parks, ds.districts, o, O.overlap_counts_by_district(ds, o)))
    assert evil not in html and "<b>乙</b>园" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;乙&lt;/b&gt;园" in html


def test_no_cdn_in_map(ds):
    o = O.find_overlaps(ds)
    html = _html(L.overlap_map(ds.parks, ds.districts, o, O.overlap_counts_by_district(ds, o), "en"))
    assert not re.search(r"""(src|href)=["']https?://""", html)


def test_choropleth_colours(ds):
    counts = O.overlap_counts_by_district(ds)
    gj = L.district_choropleth(ds.districts, counts, "zh")
    props = {f["properties"]["district"]: f["properties"] for f in gj.data["features"]}
    assert props["戊区"]["fill"] == L.NO_DATA_COLOR and "无规划数据" in props["戊区"]["tip"]
    assert props["甲区"]["fill"] == L.count_color(3)
    assert props["丙区"]["fill"] == L.count_color(1)
    assert L.count_color(0) != L.count_color(0, has_data=False)
    labels = [lab for lab, _ in L.count_legend("en")]
    assert labels[0] == "0" and labels[-1] == "no plan data"


def test_bounds_for(ds):
    b = L.bounds_for(ds.parks, ["a1", "b1"], pad_deg=0)
    assert b == [[pytest.approx(29.25), pytest.approx(106.45)], [pytest.approx(29.25), pytest.approx(106.55)]]
    assert L.bounds_for(ds.parks, ["nope"]) is None


def test_empty_overlaps_give_empty_layer(ds):
    o = O.find_overlaps(ds).iloc[0:0]
    assert not L.overlap_layer(ds.parks, o)._children


def test_layers_added_to_a_map_with_a_layer_control_come_before_it(ds):
    import folium

    m = folium.Map(tiles=None)
    folium.FeatureGroup(name="base").add_to(m)
    folium.LayerControl().add_to(m)
    o = O.find_overlaps(ds)
    L.add_to_map(
        m,
        L.district_choropleth(ds.districts, O.overlap_counts_by_district(ds, o), pane=L.add_panes(m)),
        L.overlap_layer(ds.parks, o),
    )
    kids = list(m._children.values())
    assert isinstance(kids[-1], folium.LayerControl)
    html = m.get_root().render()
    # every layer the control lists is defined before the control's script uses it
    control = html.index("L.control.layers(")
    for name in (kids[-2].get_name(), kids[-3].get_name()):
        assert html.index(f"var {name} =") < control
