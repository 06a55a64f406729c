"""End-to-end: `streamlit run app.py` in headless Chromium with every non-local request blocked.

Checks that the map draws all parks offline, that ``?park=<id>`` and a click on a marker open the
detail panel, and that a park named like an XSS payload shows as text without running anything.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from geo.errors import DataValidationError
from geo.load import load_dataset
from geo.view import View, apply_view

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "map_mini"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: Markup, a JavaScript template-literal break-out and a Jinja expression (folium's output is rendered by Jinja again).
XSS = "<img src=x onerror=alert(1)>${alert(2)}`+alert(3)+`{{ 6*7 }}"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SCREENSHOT = ROOT / "docs" / "screenshot-map.png"
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("Debian chromium is not installed", allow_module_level=True)


def _data_dir() -> tuple[Path, bool]:
    """The shipped data when it validates (the real case), else the test fixture."""
    try:
        load_dataset(ROOT / "data")
        return ROOT / "data", True
    except (DataValidationError, OSError):
        return FIXTURE, False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """A `streamlit run app.py` subprocess on a free port."""

    def __init__(self, data_dir: Path, log: Path):
        self.port = _free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "PARKMAP_DATA_DIR": str(data_dir), "PARKMAP_BASEMAP": "none"}
        self.log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def wait(self, timeout: float = 40.0) -> App:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited: see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not start on {self.url}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def data():
    return _data_dir()


@pytest.fixture(scope="module")
def xss_dir(tmp_path_factory, data):
    src, _ = data
    d = tmp_path_factory.mktemp("xss") / "data"
    shutil.copytree(src, d, ignore=shutil.ignore_patterns("_draft", ".versions"))
    ds = load_dataset(d)
    park = str(apply_view(ds, View())["park_id"].iloc[0])
    doc = json.loads((d / "parks.geojson").read_text(encoding="utf-8"))
    for f in doc["features"]:  # every park, so any marker's tooltip carries the payload
        f["properties"]["name_zh"] = XSS
    (d / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return d, park


@pytest.fixture(scope="module")
def apps(data, xss_dir, tmp_path_factory):
    """Both servers start together (2 cores: they overlap with the browser start-up)."""
    logs = tmp_path_factory.mktemp("logs")
    main, xss = App(data[0], logs / "main.log"), App(xss_dir[0], logs / "xss.log")
    try:
        yield main.wait(), xss.wait()
    finally:
        main.stop()
        xss.stop()


@pytest.fixture(scope="module")
def browser():
    pw = playwright_sync.sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


def _page(browser, blocked: list[str], size=(1600, 1000)):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, ctx.new_page()


def _wait_parks(page, n: int, timeout: float = 30_000):
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".pm-park").first.wait_for(state="attached", timeout=timeout)
    page.wait_for_function(
        """([sel, n]) => { const f = document.querySelector(sel);
               return !!f && !!f.contentDocument && f.contentDocument.querySelectorAll('.pm-park').length === n; }""",
        arg=[MAP_FRAME, n], timeout=timeout,
    )
    return frame


_CLICKABLE = """() => {
    for (const el of document.querySelectorAll('.pm-park')) {
        const r = el.getBoundingClientRect();
        if (r.width < 4) continue;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (hit && (hit === el || el.contains(hit))) {
            return [...el.classList].find(c => c.startsWith('pm-park-')).slice('pm-park-'.length);
        }
    }
    return null;
}"""


def test_map_offline_url_and_click_open_the_detail_panel(apps, browser, data):
    app, _ = apps
    ds = load_dataset(data[0])
    expected = apply_view(ds, View())
    blocked: list[str] = []
    ctx, page = _page(browser, blocked)
    try:
        page.goto(app.url + "/")
        frame = _wait_parks(page, len(expected))
        assert frame.locator(".pm-legend").count() == 1
        assert frame.locator(".leaflet-control-layers").count() == 1
        page.wait_for_timeout(400)
        if data[1]:  # the README screenshot shows the real data
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))

        # click a park marker that nothing covers → its detail panel, and the URL names it
        map_frame = next(f for f in page.frames if f != page.main_frame
                         and f.evaluate("() => document.querySelectorAll('.pm-park').length") > 0)
        target = map_frame.evaluate(_CLICKABLE)
        assert target, "no park marker free to click"
        frame.locator(f".pm-park-{target}").first.click()
        page.locator(f'[data-park="{target}"]').wait_for(timeout=20_000)
        name = str(ds.parks.loc[ds.parks["park_id"] == target, "name_zh"].iloc[0])
        assert page.locator(f'[data-park="{target}"] h3').inner_text() == name
        page.wait_for_function("p => window.location.search.includes('park=' + p)", arg=target, timeout=10_000)

        # a shared link ?park=<id> opens that park's panel
        other = next(p for p in expected["park_id"] if p != target)
        page.goto(f"{app.url}/?park={other}")
        page.locator(f'[data-park="{other}"]').wait_for(timeout=20_000)
        _wait_parks(page, len(expected))
        assert blocked == [], f"requests left the machine: {blocked[:5]}"
    finally:
        ctx.close()


def test_park_name_with_markup_shows_as_text(apps, browser, xss_dir):
    _, app = apps
    _, park = xss_dir
    blocked: list[str] = []
    dialogs: list[str] = []
    ctx, page = _page(browser, blocked, size=(1400, 900))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{app.url}/?park={park}")
        panel = page.locator(f'[data-park="{park}"]')
        panel.wait_for(timeout=30_000)
        assert panel.locator("h3").inner_text() == XSS
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(".pm-park").first.wait_for(state="attached", timeout=30_000)
        page.wait_for_timeout(300)
        map_frame = next(f for f in page.frames if f != page.main_frame
                         and f.evaluate("() => document.querySelectorAll('.pm-park').length") > 0)
        free = map_frame.evaluate(_CLICKABLE)
        frame.locator(f".pm-park-{free}").first.hover()
        tip = frame.locator(".pm-tip")
        tip.wait_for(timeout=10_000)
        assert XSS in tip.inner_text()
        page.wait_for_timeout(300)
        assert page.locator('img[src="x"]').count() == 0
        assert frame.locator('img[src="x"]').count() == 0
        assert dialogs == []

        # markup or markdown in the URL is shown as text and loads nothing
        evil = "![p](http://evil.invalid/p.png)<img src=x onerror=alert(2)>"
        page.goto(f"{app.url}/?park={urllib.parse.quote(evil)}")
        page.get_by_text("evil.invalid", exact=False).first.wait_for(timeout=20_000)
        page.wait_for_timeout(300)
        assert page.locator('img[src="x"]').count() == 0
        assert page.locator('img[src*="evil"]').count() == 0
        assert dialogs == []
        assert blocked == []
    finally:
        ctx.close()


def test_overlaps_page_shows_markup_names_as_text(apps, browser):
    """The overlap map's tooltips (folium) and the evidence carry park names: nothing runs, nothing is evaluated."""
    _, app = apps
    blocked: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    ctx, page = _page(browser, blocked, size=(1400, 900))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{app.url}/overlaps")
        page.wait_for_function(
            """() => [...document.querySelectorAll('iframe')].some(f => f.contentDocument
                   && f.contentDocument.querySelectorAll('.leaflet-interactive').length > 0)""",
            timeout=60_000,
        )
        frame = next(f for f in page.frames if f != page.main_frame
                     and f.evaluate("() => document.querySelectorAll('.leaflet-interactive').length") > 0)
        page.wait_for_timeout(500)
        html = frame.content()
        assert "{{ 6*7 }}" in html or "&#123;&#123; 6*7 &#125;&#125;" in html  # the name is there, not evaluated
        assert frame.locator('img[src="x"]').count() == 0 and page.locator('img[src="x"]').count() == 0
        assert dialogs == [] and errors == [] and blocked == []
    finally:
        ctx.close()
