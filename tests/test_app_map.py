"""Tests for the map page (app_pages/map.py) with Streamlit's AppTest: URL state, filters, detail panel, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "map_mini"


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", FIXTURE)

    def make(query: dict | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in (query or {}).items():
            at.query_params[k] = v
        return at.run()

    return make


def _html(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def test_page_runs_and_lists_parks(app):
    at = app()
    assert not at.exception
    assert at.markdown[0].value.endswith("园区产业地图")
    assert "pm-legend-panel" in _html(at)  # legend beside the map when no park is open
    assert "data-park=" not in _html(at)


def test_park_in_url_opens_its_panel(app):
    at = app({"park": "hc-nanxi"})
    assert not at.exception
    html = _html(at)
    assert 'data-park="hc-nanxi"' in html and "南溪组团" in html and "火锅食材" in html


def test_filters_go_to_the_url_and_survive_a_page_switch(app):
    at = app({"lang": "en"})
    assert at.sidebar.radio(key="w_lang").value == "en"
    at.sidebar.multiselect(key="w_districts").set_value(["合川区"]).run()
    assert at.query_params["districts"] == "合川区" and at.query_params["lang"] == "en"
    assert "4 of 7 parks shown" in at.caption[0].value.replace("\\", "")
    pages = [p for p in ("app_pages/overlaps.py", "app_pages/export.py") if (ROOT / p).exists()]
    if pages:
        at.switch_page(pages[0]).run()
        at.switch_page("app_pages/map.py").run()
        assert not at.exception
        assert at.sidebar.multiselect(key="w_districts").value == ["合川区"]


def test_unknown_park_in_url_is_reported_as_text(app):
    at = app({"park": "![x](http://evil.invalid/x.png)"})
    assert not at.exception
    warning = at.warning[0].value
    assert "evil" in warning and "![x](" not in warning  # markdown is escaped


def test_invalid_data_shows_the_problems_not_a_traceback(app, monkeypatch, tmp_path):
    bad = tmp_path / "data"
    shutil.copytree(FIXTURE, bad)
    (bad / "clusters.csv").write_text((bad / "clusters.csv").read_text(encoding="utf-8").replace("hc-old-c001", "HC OLD"), encoding="utf-8")
    monkeypatch.setattr(settings, "DATA_DIR", bad)
    at = app()
    assert not at.exception
    assert at.error and "clusters.csv" in at.code[0].value and "cluster_id" in at.code[0].value


def test_page_runs_with_the_canvas_layer(app, monkeypatch):
    """A map with many parks (here: the threshold lowered) draws them on one canvas layer."""
    import streamlit as st

    monkeypatch.setattr(settings, "WEB_CANVAS_MIN_PARKS", 1)
    st.cache_resource.clear()  # layer data of the same views, drawn the other way, may be cached by other tests
    try:
        at = app({"lang": "en"})
        assert not at.exception
        assert "Numbered circle" in _html(at)  # the legend explains the aggregated cells
        at.sidebar.text_input(key="w_search").set_value("Nanxi").run()
        assert not at.exception and "1 of 7 parks shown" in at.caption[0].value.replace("\\", "")
    finally:
        st.cache_resource.clear()


def test_a_restarted_server_serves_the_rendered_map_from_the_data_cache(app, monkeypatch):
    import streamlit as st

    from app_pages import map_cache

    at = app()
    assert not at.exception
    st.cache_resource.clear()  # what a new server process starts with; Streamlit's data cache (on disk) remains

    def no_build(*args, **kwargs):
        raise AssertionError("the map was drawn again")

    monkeypatch.setattr(map_cache, "draw_map", no_build)
    at = app()
    assert not at.exception


def test_the_rendered_map_is_keyed_by_the_code_that_draws_it(tmp_path, monkeypatch):
    from app_pages import data

    monkeypatch.setattr(settings, "ROOT", tmp_path)
    (tmp_path / "layers").mkdir()
    (tmp_path / "layers" / "web.py").write_text("A = 1\n")
    before = data.code_version("layers/**/*.py")
    assert data.code_version("layers/**/*.py") == before
    (tmp_path / "layers" / "web.py").write_text("A = 12\n")  # a release changes the drawing code
    assert data.code_version("layers/**/*.py") != before


def test_filters_in_chinese_say_what_an_empty_choice_means_and_offer_no_select_all(app):
    at = app()
    ms = at.sidebar.multiselect(key="w_districts")
    assert ms.placeholder == "全部区县" and ms.proto.select_all == 0  # no untranslatable "Select all"
    assert at.sidebar.multiselect(key="w_sectors").placeholder == "全部产业"
    en = app({"lang": "en"}).sidebar.multiselect(key="w_districts")
    assert en.placeholder == "—" and en.proto.select_all > 0  # English as it was
