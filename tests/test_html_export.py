"""Tests of layers/html_export.py: one self-contained page that draws every park offline from file://."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.view import View, apply_view
from layers.html_export import export_html, remote_assets

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_URL = re.compile(r"https?://[^\s\"'<>)\\]+")
#: URLs that appear in inlined library code or comments and are never fetched.
_INERT = ("http://www.w3.org/", "https://leafletjs.com", "https://bugzilla.mozilla.org/")


def test_page_has_no_remote_scripts_or_styles(shipped):
    page = export_html(shipped, View())
    assert remote_assets(page) == []
    assert not re.search(r"<script[^>]+src=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]+stylesheet", page, re.IGNORECASE)
    urls = {u for u in _URL.findall(page) if not u.startswith(_INERT)}
    assert urls == set(), urls


def test_tile_basemap_adds_only_tile_urls(shipped):
    page = export_html(shipped, View(basemap="osm"))
    assert remote_assets(page) == []
    urls = {u for u in _URL.findall(page) if not u.startswith(_INERT)}
    assert urls and all("{z}" in u or "openstreetmap.org/copyright" in u for u in urls), urls


def test_remote_assets_detects_cdn_references():
    assert remote_assets('<script src="https://cdn.jsdelivr.net/npm/leaflet.js"></script>')
    assert remote_assets('<link rel="stylesheet" href="//cdn.example.org/a.css">')
    assert remote_assets("<style>@import url('https://fonts.googleapis.com/css')</style>")
    assert remote_assets("<script>var a = 1;</script>") == []


def test_title_and_caption_are_escaped(shipped):
    page = export_html(shipped, View(lang="en"), title="<b>Parks & plans</b>")
    assert "<title>&lt;b&gt;Parks &amp; plans&lt;/b&gt;</title>" in page
    assert "<b>Parks" not in page.split("<body", 1)[1].replace("<b>&lt;b&gt;", "")
    assert '<html lang="en">' in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium")
def test_opens_offline_from_disk_and_draws_every_park(shipped, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    view = View(lang="zh")
    expected = set(apply_view(shipped, view)["park_id"])
    path = tmp_path / "map.html"
    path.write_text(export_html(shipped, view), encoding="utf-8")
    remote: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            return r.continue_()
        remote.append(r.request.url)
        return r.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            ctx = browser.new_context(offline=True)
            ctx.route("**/*", route)
            page = ctx.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri())
            page.wait_for_selector(".pm-park", timeout=15_000)
            drawn = page.evaluate(
                """() => { const s = new Set();
                  document.querySelectorAll('.pm-park').forEach(e => e.classList.forEach(c => {
                    if (c.startsWith('pm-park-')) s.add(c.slice(8)); }));
                  return [...s]; }"""
            )
            caption = page.inner_text("#pm-export-caption")
        finally:
            browser.close()
    assert set(drawn) == expected
    assert errors == []
    assert remote == []
    assert "资料来源" in caption
