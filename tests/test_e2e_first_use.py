"""End-to-end, as a planner meets the app the first time: filters that follow to the export, language
switches, shared links, peers, co-located parks, filters that mean what they say, basemap failure.

Runs `streamlit run app.py` on the shipped data in headless Chromium with every non-local request blocked.
"""

from __future__ import annotations

import urllib.parse

import pytest
from test_e2e_app import _CLICKABLE, MAP_FRAME, ROOT, App, _page

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


def _wait_parks(page, n: int, timeout: float = 45_000):
    """Wait until one map is on the page and it shows ``n`` parks."""
    page.wait_for_function(
        """([sel, n]) => { const fs = document.querySelectorAll(sel);
               if (fs.length !== 1) return false;
               const d = fs[0].contentDocument;
               return !!d && d.querySelectorAll('.pm-park').length === n; }""",
        arg=[MAP_FRAME, n], timeout=timeout,
    )
    return page.frame_locator(MAP_FRAME)


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


def _map_frame(page):
    """The map iframe's Frame (for evaluating scripts in it)."""
    return next(f for f in page.frames if f != page.main_frame
                and f.evaluate("() => document.querySelectorAll('.pm-park').length") > 0)


def _click_free_park(page, avoid: str = "") -> str:
    """Click a park marker nothing covers (other than ``avoid``); returns its id."""
    frame = _map_frame(page)
    target = frame.evaluate(_CLICKABLE.replace("if (r.width < 4) continue;",
                                               f"if (r.width < 4 || el.classList.contains('pm-park-{avoid}')) continue;"))
    assert target, "no park marker free to click"
    page.frame_locator(MAP_FRAME).locator(f".pm-park-{target}").first.click()
    return target


def test_language_switch_keeps_keys_in_state_and_url(app, page, ds):
    n = len(apply_view(ds, View(districts=("永川区",))))
    page.goto(app.url + "/" + _q(districts="永川区"))
    _wait_parks(page, n)
    page.locator('[data-testid="stSidebar"] label', has_text="English").first.click()
    page.get_by_text("Basemap: None (district outlines)").first.wait_for(timeout=30_000)
    _wait_parks(page, n)
    page.wait_for_function("() => window.location.search.includes('lang=en')", timeout=10_000)
    q = _query(page)
    assert q == {"districts": "永川区", "lang": "en"}, q  # keys only: no labels in the share URL
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "basemap_" not in body, body
    assert "(Latest plan per district)" in body, body

    # park clicks after the switch open the panel, one after another
    first = _click_free_park(page)
    page.locator(f'[data-park="{first}"]').wait_for(timeout=20_000)
    page.locator('[data-testid="stMain"] button', has_text="✕").first.click()
    page.locator('[data-park]').first.wait_for(state="detached", timeout=20_000)
    second = _click_free_park(page, avoid=first)
    page.locator(f'[data-park="{second}"]').wait_for(timeout=20_000)

    page.locator('[data-testid="stSidebar"] label', has_text="中文").first.click()
    page.get_by_text("底图：无底图（区县轮廓）").first.wait_for(timeout=30_000)
    page.wait_for_function("() => !window.location.search.includes('lang=')", timeout=10_000)
    q = _query(page)
    assert q.get("districts") == "永川区" and "basemap" not in q and "vintage" not in q, q
    assert "basemap_" not in page.locator('[data-testid="stMain"]').inner_text()


_MAP_STATE = """() => {
    const k = Object.keys(window).find(k => k.startsWith('map_') && window[k] && window[k].getZoom);
    const m = window[k], c = m.getCenter(), b = m.getBounds();
    return {zoom: m.getZoom(), lat: c.lat, lng: c.lng, s: b.getSouth(), n: b.getNorth(), w: b.getWest(), e: b.getEast()};
}"""


def _park_lonlat(ds, park: str) -> tuple[float, float]:
    g = ds.parks.loc[ds.parks["park_id"] == park, "geometry"].iloc[0]
    p = g if g.geom_type == "Point" else g.representative_point()
    return p.x, p.y


def test_shared_park_link_zooms_to_and_highlights_the_park(app, page, ds):
    park = "dz-shike"
    page.goto(f"{app.url}/?park={park}")
    page.locator(f'[data-park="{park}"]').wait_for(timeout=45_000)
    _wait_parks(page, len(apply_view(ds, View())))
    frame = _map_frame(page)
    frame.wait_for_function("() => document.querySelector('.pm-selected-dz-shike') !== null", timeout=20_000)
    page.wait_for_timeout(500)
    st = frame.evaluate(_MAP_STATE)
    lon, lat = _park_lonlat(ds, park)
    assert st["zoom"] >= 11, st
    assert st["s"] < lat < st["n"] and st["w"] < lon < st["e"], st
    assert abs(st["lat"] - lat) < 0.05 and abs(st["lng"] - lon) < 0.05, st
    # the ring sits on the park's marker
    ring = frame.locator(".pm-selected-dz-shike").bounding_box()
    marker = frame.locator(".pm-park-dz-shike").first.bounding_box()
    cx = lambda b: (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)  # noqa: E731
    assert abs(cx(ring)[0] - cx(marker)[0]) < 3 and abs(cx(ring)[1] - cx(marker)[1]) < 3
    assert ring["width"] > marker["width"]

    # clicking another park moves the ring there without redrawing the map (same zoom)
    other = _click_free_park(page, avoid=park)
    page.locator(f'[data-park="{other}"]').wait_for(timeout=20_000)
    frame = _map_frame(page)
    frame.wait_for_function(f"() => document.querySelector('.pm-selected-{other}') !== null", timeout=20_000)
    assert frame.locator(".pm-selected").count() == 1


def test_peers_come_from_the_plans_not_the_district_filter(app, page, ds):
    from geo.detail import park_detail
    from geo.view import plan_ids_for

    park = "hc-hitech"
    peers = park_detail(ds, park, plan_ids_for(ds, View())).peer_parks
    other = [p for p in peers if p.district != "合川区"]
    assert other, "the shipped data gives 合川高新区 peers in other districts"
    page.goto(app.url + "/" + _q(districts="合川区", park=park))
    panel = page.locator(f'[data-park="{park}"]')
    panel.wait_for(timeout=45_000)
    text = panel.inner_text()
    assert "没有其他园区或区县布局相同产业" not in text
    for p in other:
        assert p.name_zh in text, p.name_zh


def _shown(page) -> set[str]:
    frame = _map_frame(page)
    return set(frame.evaluate("""() => [...document.querySelectorAll('.pm-park')].map(
        el => [...el.classList].find(c => c.startsWith('pm-park-')).slice('pm-park-'.length))"""))


def test_minimum_target_is_the_chosen_industry_s_and_search_finds_industries_and_places(app, page, ds):
    # 重庆云谷's 1000亿 is a software target: it does not pass "智能网联新能源汽车 ≥ 100亿"
    auto = View(sectors=("智能网联新能源汽车",), min_scale_yi=100.0)
    soft = View(sectors=("软件信息服务",), min_scale_yi=100.0)
    assert "yc-bigdata" not in set(apply_view(ds, auto)["park_id"])
    assert set(apply_view(ds, soft)["park_id"]) == {"yc-bigdata"}
    page.goto(app.url + "/" + _q(**soft.to_query()))
    _wait_parks(page, 1)
    assert _shown(page) == {"yc-bigdata"}
    page.goto(app.url + "/" + _q(**auto.to_query()))
    page.get_by_text("没有符合筛选条件的园区").first.wait_for(timeout=45_000)
    n_auto = len(apply_view(ds, auto))
    page.wait_for_function(
        """([sel, n]) => [...document.querySelectorAll(sel)].every(f => f.contentDocument
               && f.contentDocument.querySelectorAll('.pm-park').length === n)""",
        arg=[MAP_FRAME, n_auto], timeout=30_000,
    )

    # search: an industry word, a district and a town find parks, typed in the sidebar
    page.goto(app.url + "/")
    _wait_parks(page, len(apply_view(ds, View())))
    box = page.locator('[data-testid="stSidebar"] input[aria-label="搜索园区、产业、区县或镇街"]')
    for word, expect in (("汽车", None), ("大足", None), ("朱沱", {"yc-gangqiao", "yc-log-gangqiao"})):
        want = set(apply_view(ds, View(search=word))["park_id"])
        assert want and (expect is None or want == expect), (word, want)
        box.fill(word)
        box.press("Enter")
        _wait_parks(page, len(want))
        assert _shown(page) == want, word
    assert {"hc-tianding", "dz-shuangqiao"} <= set(apply_view(ds, View(search="汽车"))["park_id"])


_BOXES = """(ids) => ids.map(id => {
    const el = document.querySelector('.pm-park-' + id);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {id, x: r.left, y: r.top, w: r.width, h: r.height, free: !!hit && (hit === el || el.contains(hit))};
})"""

_LABELS = """() => [...document.querySelectorAll('.pm-plabel')]
    .filter(el => getComputedStyle(el).visibility !== 'hidden')
    .map(el => { const r = el.firstChild.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


def _overlap(a, b, pad: float = 0.5) -> bool:
    return a[0] < b[2] - pad and a[2] > b[0] + pad and a[1] < b[3] - pad and a[3] > b[1] + pad


@pytest.mark.parametrize("query", [{}, {"districts": "永川区"}])
def test_parks_sharing_a_site_are_each_clickable_and_names_show_at_city_zoom(app, page, ds, query):
    site = ["yc-fenghuanghu", "yc-bonded", "yc-log-fenghuanghu"]
    page.goto(app.url + "/" + (_q(**query) if query else ""))
    _wait_parks(page, len(apply_view(ds, View.from_query(query))))
    frame = _map_frame(page)
    try:  # the layout pass has run (markers spread, names placed)
        frame.wait_for_function("() => (window.PM_LAID_OUT || 0) > 0", timeout=10_000)
    except playwright_sync.TimeoutError:
        pass
    page.wait_for_timeout(600)
    zoom = frame.evaluate(_MAP_STATE)["zoom"]
    assert zoom < 11  # city zoom: the whole view
    boxes = frame.evaluate(_BOXES, site)
    assert all(b and b["free"] for b in boxes), boxes
    rects = [[b["x"], b["y"], b["x"] + b["w"], b["y"] + b["h"]] for b in boxes]
    assert not any(_overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1:]), boxes
    labels = frame.evaluate(_LABELS)
    assert len(labels) >= 5, labels  # names show below zoom 11
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]), labels
    # each of the three opens its own panel
    for pid in site:
        page.frame_locator(MAP_FRAME).locator(f".pm-park-{pid}").first.click()
        page.locator(f'[data-park="{pid}"]').wait_for(timeout=20_000)
        page.frame_locator(MAP_FRAME).locator(".leaflet-popup-close-button").first.click()


def test_online_basemap_failure_is_said_and_falls_back(app, browser, ds):
    """高德/OSM tiles blocked: a notice on the map, tiles hidden, the district outlines filled."""
    tried: list[str] = []
    ctx, page = _page(browser, tried)
    try:
        page.goto(app.url + "/" + _q(basemap="osm"))
        _wait_parks(page, len(apply_view(ds, View())))
        frame = page.frame_locator(MAP_FRAME)
        notice = frame.locator(".pm-tile-notice")
        notice.wait_for(timeout=30_000)
        assert "在线底图无法加载" in notice.inner_text()
        assert frame.locator(".leaflet-container.pm-notiles").count() == 1
        assert tried and all("openstreetmap" in u for u in tried)  # only tiles were tried, and none got through
    finally:
        ctx.close()
