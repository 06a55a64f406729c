"""End-to-end: on 园区位置校正, drag a park's point and save; the map then shows the new position and its provenance.
A refused boundary file is explained in Chinese on the Chinese page.

`streamlit run app.py` on a copy of the data, headless Chromium with every non-local request blocked (the Draw
toolbar and every other asset are served locally).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from geo import settings, sites
from geo.load import load_dataset
from geo.view import View, apply_view
from tests.test_e2e_app import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, App, _page

pytestmark = pytest.mark.e2e

playwright_sync = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("Debian chromium is not installed", allow_module_level=True)

EDITOR = "测试员 E2E"

#: The park's marker on the main map: its position as Leaflet holds it.
_PARK_LATLNG = """(pid) => {
    const reg = window.PM_REG && window.PM_REG[pid];  // the site (markers sharing a site are drawn spread)
    if (reg && reg.ll) return [reg.ll.lng, reg.ll.lat];
    for (const k of Object.keys(window)) {  // st_folium names the map ``map``; folium ``map_<id>``
        const m = window[k];
        if (!k.startsWith('map') || !m || !m._layers) continue;
        for (const id in m._layers) {
            const l = m._layers[id];
            if (l.feature && l.feature.properties && l.feature.properties.park_id === pid
                && l instanceof L.CircleMarker && !(l instanceof L.Circle) && !l.feature.properties._radius_m) {
                const ll = l.getLatLng();
                return [ll.lng, ll.lat];
            }
        }
    }
    return null;
}"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("sites") / "data"
    shutil.copytree(settings.DATA_DIR, d, ignore=shutil.ignore_patterns("_draft", ".versions"))
    return d


@pytest.fixture(scope="module")
def app(data_dir, tmp_path_factory):
    a = App(data_dir, tmp_path_factory.mktemp("logs") / "sites.log")
    try:
        yield a.wait()
    finally:
        a.stop()


@pytest.fixture(scope="module")
def browser():
    pw = playwright_sync.sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


def _park(data_dir: Path) -> str:
    """A town-seat point park drawn on the default map view (not a logistics park)."""
    ds = load_dataset(data_dir)
    shown = apply_view(ds, View())
    ok = shown[(shown["geometry_quality"] == "town_seat") & (shown.geometry.geom_type == "Point")
               & ~shown["kind"].isin(settings.LOGISTICS_KINDS)]
    return str(ok["park_id"].iloc[0])


def _point(data_dir: Path, park: str) -> dict:
    doc = json.loads((data_dir / "parks.geojson").read_text(encoding="utf-8"))
    return next(f for f in doc["features"] if f["properties"]["park_id"] == park)


def test_drag_a_point_save_and_see_it_on_the_map(app, browser, data_dir):
    PARK = _park(data_dir)
    before = shape(_point(data_dir, PARK)["geometry"])
    blocked: list[str] = []
    errors: list[str] = []
    ctx, page = _page(browser, blocked, size=(1500, 1100))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{app.url}/sites?park={PARK}")
        frame = page.frame_locator(MAP_FRAME)
        pin = frame.locator(".pm-site-marker")
        pin.wait_for(timeout=90_000)
        assert frame.locator(".leaflet-draw-toolbar").count() >= 1  # the Draw plugin, served locally
        page.wait_for_timeout(800)
        box = pin.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 40, y + 25, steps=12)
        page.mouse.move(x + 80, y + 50, steps=12)
        page.mouse.up()
        page.get_by_text("检查通过", exact=False).wait_for(timeout=60_000)
        page.get_by_label("校正人姓名").fill(EDITOR)
        page.get_by_role("button", name="保存新位置").click()
        page.get_by_text("已保存", exact=False).first.wait_for(timeout=60_000)

        feat = _point(data_dir, PARK)
        after = shape(feat["geometry"])
        props = feat["properties"]
        assert props["geometry_quality"] == "moved" and props["geometry_editor"] == EDITOR
        assert "拖动" in props["geometry_source"] and props["geometry_date"]
        assert after.geom_type == "Point" and after.distance(before) > 0.001  # moved (≈ 100 m or more)
        assert after.x > before.x and after.y < before.y  # right and down on the screen: east and south
        ds = load_dataset(data_dir)  # still valid, inside its district
        assert ds.parks.set_index("park_id").loc[PARK, "geometry_quality"] == "moved"
        hist = sites.read_history(data_dir, PARK)
        assert len(hist) == 1 and hist.loc[0, "geometry"].equals(Point(before.x, before.y))
        page.get_by_text("校正记录", exact=True).wait_for()
        page.get_by_text(EDITOR, exact=False).first.wait_for(timeout=20_000)

        # the map page: the park at its new place, its provenance in the detail panel
        page.goto(f"{app.url}/?park={PARK}")
        panel = page.locator(f'[data-park="{PARK}"]')
        panel.wait_for(timeout=60_000)
        text = panel.inner_text()
        assert EDITOR in text and "规划人员校正的位置" in text
        assert f"{after.x:.5f}, {after.y:.5f}" in text
        page.frame_locator(MAP_FRAME).locator(".pm-park").first.wait_for(state="attached", timeout=60_000)
        map_frame = next(f for f in page.frames if f != page.main_frame
                         and f.evaluate("() => document.querySelectorAll('.pm-park').length") > 0)
        lng, lat = map_frame.evaluate(_PARK_LATLNG, PARK)
        assert abs(lng - after.x) < 1e-5 and abs(lat - after.y) < 1e-5
        page.get_by_role("link", name="校正位置").wait_for(timeout=20_000)  # the link back to the correction page
        assert blocked == [], f"requests left the machine: {blocked[:5]}"
        assert errors == []
    finally:
        ctx.close()


def test_a_refused_boundary_file_is_explained_in_chinese(app, browser, data_dir, tmp_path):
    park = _park(data_dir)
    ds = load_dataset(data_dir)
    own = ds.parks.set_index("park_id").loc[park, "district"]
    other = ds.districts[ds.districts["district"] != own].iloc[0]
    p = other.geometry.representative_point()
    upload = tmp_path / "wrong-place.geojson"
    upload.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [p.x, p.y]}}]}),
        encoding="utf-8")
    blocked: list[str] = []
    ctx, page = _page(browser, blocked, size=(1500, 1100))
    try:
        page.goto(f"{app.url}/sites?park={park}")
        page.locator('input[type="file"]').set_input_files(str(upload))
        page.get_by_role("button", name="读取文件").click()
        alert = page.get_by_text("未保存，原因：", exact=False).first
        alert.wait_for(timeout=60_000)
        text = page.locator('[data-testid="stAlert"]').first.inner_text()
        assert f"位置不在园区所属区县{own}内" in text and f"它落在{other['district']}" in text, text
        assert "请检查为文件选择的坐标系" in text and "字段「geometry」" in text
        assert "is not inside" not in text and "check the coordinate system" not in text
        assert blocked == [], f"requests left the machine: {blocked[:5]}"
    finally:
        ctx.close()
