"""The 园区位置校正 page in Streamlit's AppTest: a previewed site is checked, saved with the editor's name, listed in history."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from geo import settings, sites
from geo.load import load_dataset

streamlit_testing = pytest.importorskip("streamlit.testing.v1")

PAGE = str(settings.ROOT / "app_pages" / "sites.py")
PARK = "hc-qingping"  # a town-seat point in 合川区


def _page(data_copy, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["park"] = PARK
    at.run()
    assert not at.exception
    return at


def test_page_opens_on_the_park_of_the_link(data_copy, monkeypatch):
    at = _page(data_copy, monkeypatch)
    assert at.selectbox(key="site_park").value == PARK
    text = " ".join(c.value for c in at.caption)
    assert "±2 公里（数据给定）" in text and "暂无校正记录" in text  # the park states uncertainty_m


def test_preview_save_and_history(data_copy, monkeypatch):
    at = _page(data_copy, monkeypatch)
    at.session_state[f"_site_preview_{PARK}"] = dict(geom=Point(106.53, 29.98), quality="moved",
                                                    source="在地图上拖动（底图：无）", file="parks.geojson", notes=())
    at.session_state[f"_site_source_{PARK}"] = "在地图上拖动（底图：无）"
    at.run()
    assert any("检查通过" in s.value for s in at.success)
    at.button(key=f"site_save_{PARK}").click().run()
    assert any("校正人姓名" in e.value for e in at.error)  # no name, no save
    assert sites.read_history(data_copy, PARK).empty
    at.text_input(key="site_editor").input("张工").run()
    at.button(key=f"site_save_{PARK}").click().run()
    assert not at.exception
    assert any("已保存" in s.value for s in at.success)
    row = load_dataset(data_copy).parks.set_index("park_id").loc[PARK]
    assert (row["geometry_quality"], row["geometry_editor"]) == ("moved", "张工")
    assert row.geometry.equals(Point(106.53, 29.98))
    assert len(sites.read_history(data_copy, PARK)) == 1
    assert len(at.dataframe) == 1 and "张工" in at.dataframe[0].value["replaced_by"].tolist()


def test_a_site_in_another_district_cannot_be_saved(data_copy, monkeypatch):
    at = _page(data_copy, monkeypatch)
    at.session_state[f"_site_preview_{PARK}"] = dict(geom=Point(105.92, 29.35), quality="moved", source="x",
                                                    file="parks.geojson", notes=())
    at.run()
    assert any("永川区" in e.value for e in at.error)
    assert at.button(key=f"site_save_{PARK}").disabled


def test_someone_elses_save_is_a_conflict(data_copy, monkeypatch):
    at = _page(data_copy, monkeypatch)
    sites.save_site(data_copy, "hc-caojie", Point(106.42, 29.94).buffer(0.015), "digitised", "底图勾绘", "李工")
    at.session_state[f"_site_preview_{PARK}"] = dict(geom=Point(106.53, 29.98), quality="moved", source="x",
                                                    file="parks.geojson", notes=())
    at.run()
    at.text_input(key="site_editor").input("张工").run()
    at.button(key=f"site_save_{PARK}").click().run()
    assert any("其他人刚保存过" in e.value for e in at.error)
    assert load_dataset(data_copy).parks.set_index("park_id").loc[PARK, "geometry_quality"] == "town_seat"
