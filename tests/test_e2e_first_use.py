"""End-to-end, as a planner meets the app the first time: filters that follow to the export, language
switches, shared links, peers, co-located parks, filters that mean what they say, basemap failure.

Runs `streamlit run app.py` on the shipped data in headless Chromium with every non-local request blocked.
"""

from __future__ import annotations

import urllib.parse

import pytest
from test_e2e_app import ROOT, App, _page, _wait_parks

from geo.load import load_dataset
from geo.view import View, apply_view

pytestmark = pytest.mark.e2e

playwright_sync = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def ds():
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    a = App(ROOT / "data", tmp_path_factory.mktemp("logs") / "app.log")
    try:
        yield a.wait()
    finally:
        a.stop()


@pytest.fixture(scope="module")
def browser():
    from test_e2e_app import CHROMIUM, CHROMIUM_ARGS

    pw = playwright_sync.sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def page(browser):
    blocked: list[str] = []
    errors: list[str] = []
    ctx, pg = _page(browser, blocked)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert blocked == [], f"requests left the machine: {blocked[:5]}"


def _q(**kw) -> str:
    return "?" + urllib.parse.urlencode(kw)


def _nav(page, label: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()


def _query(page) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlparse(page.url).query))


def test_export_follows_the_map_filters(app, page, ds):
    """Filter the map to 永川区, open 导出 from the sidebar: the export shows 永川区 and its park count."""
    n = len(apply_view(ds, View(districts=("永川区",))))
    assert 0 < n < len(ds.parks)
    page.goto(app.url + "/" + _q(districts="永川区"))
    _wait_parks(page, n)
    _nav(page, "导出")
    page.get_by_text("永川区制造业园区产业布局图", exact=False).first.wait_for(timeout=30_000)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert f"共 {n} 个园区" in body
    assert "重庆市制造业园区产业布局图" not in body
    assert _query(page).get("districts") == "永川区"  # the export's own URL names the view
