"""The app on the PostGIS store: the 添加规划 page saves and reports conflicts; two replicas see each other's saves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import settings
from geo.view import View, apply_view
from tests.conftest import DATA
from tests.test_db_store import _change

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(settings.ROOT / "app_pages" / "add_plan.py")


@pytest.fixture
def app_on_db(pg_store, tmp_path, monkeypatch):
    """The shipped data in a fresh schema, and the app configured to use it."""
    pg_store.import_folder(DATA)
    monkeypatch.setenv(settings.DATABASE_URL_ENV, pg_store.url)
    monkeypatch.setattr(settings, "DB_SCHEMA", pg_store.schema)
    monkeypatch.setattr(settings, "SNAPSHOT_DIR", tmp_path / "app-snapshots")
    return pg_store


def _drafted_page(title: str):
    streamlit_testing = pytest.importorskip("streamlit.testing.v1")
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.run()  # the store's version is read now
    assert not at.exception
    at.text_area(key="ap_paste").input("南溪组团重点发展火锅食材。")
    at.selectbox(key="ap_district").select("合川区")
    at.text_input(key="ap_title").input(title)
    at.run()
    at.button(key="ap_draft_btn").click().run()
    at.button(key="ap_validate").click().run()
    assert not at.exception and not at.error
    return at


def test_add_plan_page_saves_into_the_database(app_on_db):
    at = _drafted_page("方案甲")
    at.button(key="ap_save").click().run()
    assert not at.exception and not at.error
    assert "方案甲" in set(app_on_db.load().plans["title"])
    h = app_on_db.history(1)[0]
    assert h.plan_id.startswith("hechuan-") and any(c["table_name"] == "plans" for c in h.changes)


def test_add_plan_page_conflict_keeps_the_draft(app_on_db):
    at = _drafted_page("方案乙")
    review_before = at.session_state["ap_review"].copy()
    cs, v = _change(app_on_db, district="合川区", park="新园", lat=30.0, lon=106.27, issued="2024-03-01",
                    sector="新一代电子信息制造业")
    app_on_db.apply(cs, v, author="other-replica")  # someone else saves first
    at.button(key="ap_save").click().run()
    assert not at.exception
    # the reason in the page's language: the database's version numbers, no English on a Chinese screen
    assert any("他人修改" in e.value and "他人保存了版本" in e.value and "someone else" not in e.value
               for e in at.error)
    titles = set(app_on_db.load().plans["title"])
    assert "方案乙" not in titles and "合川区新方案" in titles
    # the draft is kept: the reviewed rows and the validated update are still there to save again
    assert at.session_state["ap_review"].equals(review_before)
    assert at.session_state["ap_update"] is not None
    assert at.button(key="ap_reload") is not None


# ------------------------------------------------------------------------------------------ two replicas


e2e = pytest.importorskip("tests.test_e2e_app")  # playwright + Debian chromium, or skip with the reason


class Replica(e2e.App):
    """`streamlit run app.py` on a free port, reading the database (own HOME and snapshot folder)."""

    def __init__(self, url: str, schema: str, home: Path, log: Path):
        home.mkdir(parents=True, exist_ok=True)
        self.port = e2e._free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "PARKMAP_BASEMAP": "none", "HOME": str(home), settings.DATABASE_URL_ENV: url,
               "PARKMAP_DB_SCHEMA": schema, "PARKMAP_SNAPSHOT_DIR": str(home / "snapshots"),
               "PARKMAP_DATA_DIR": str(home / "no-data-here")}  # nothing may come from files
        self.log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )


@pytest.mark.e2e
def test_two_replicas_on_one_database_see_each_others_saves(pg_url, pg_schema, mini_dir, tmp_path):
    from geo.db.store import PostGISStore

    writer_a = PostGISStore(pg_url, pg_schema, snapshot_dir=tmp_path / "wa")
    writer_b = PostGISStore(pg_url, pg_schema, snapshot_dir=tmp_path / "wb")
    writer_a.import_folder(mini_dir)

    def expected() -> int:  # parks the map shows by default (each district's latest plan) at the current version
        return len(apply_view(writer_a.load(), View()))

    def shows(page, park_name: str, store) -> None:
        ds = store.load()
        pid = str(ds.parks.set_index("name_zh").loc[park_name, "park_id"])
        frame = e2e._wait_parks(page, len(apply_view(ds, View())))
        assert frame.locator(f".pm-park-{pid}").count() >= 1

    a = Replica(pg_url, pg_schema, tmp_path / "a", tmp_path / "a.log")
    b = Replica(pg_url, pg_schema, tmp_path / "b", tmp_path / "b.log")
    pw = e2e.playwright_sync.sync_playwright().start()
    browser = pw.chromium.launch(executable_path=e2e.CHROMIUM, args=e2e.CHROMIUM_ARGS)
    blocked: list[str] = []
    try:
        a.wait(), b.wait()
        ctx_a, page_a = e2e._page(browser, blocked)
        ctx_b, page_b = e2e._page(browser, blocked)
        for page, app in ((page_a, a), (page_b, b)):
            page.goto(app.url + "/")
            e2e._wait_parks(page, expected())
        # replica A's planner saves a plan with a new park; B shows it on its next run
        cs, v = _change(writer_a, park="丙园")
        writer_a.apply(cs, v, author="planner-a")
        page_b.reload()
        shows(page_b, "丙园", writer_b)
        # and the other way round (a plan for the other district)
        cs, v = _change(writer_b, district="乙区", park="丁园", lat=29.6, lon=106.8, issued="2024-02-01")
        writer_b.apply(cs, v, author="planner-b")
        page_a.reload()
        shows(page_a, "丁园", writer_a)
        page_b.reload()
        shows(page_b, "丁园", writer_b)
        # a link to the new park opens its detail panel on either replica
        pid = str(writer_b.load().parks.set_index("name_zh").loc["丁园", "park_id"])
        page_a.goto(f"{a.url}/?park={pid}")
        page_a.locator(f'[data-park="{pid}"]').wait_for(timeout=30_000)
        assert "丁园" in page_a.locator(f'[data-park="{pid}"]').first.inner_text()
        assert blocked == []
        ctx_a.close()
        ctx_b.close()
    finally:
        browser.close()
        pw.stop()
        a.stop()
        b.stop()
    for app in (a, b):
        log = Path(app.log.name).read_text(encoding="utf-8", errors="replace")
        assert "Traceback" not in log, log[-3000:]
