"""Tests for bench/load.py: the simulated users keep a browser cache and never reach another machine."""

from __future__ import annotations

import asyncio
import http.server
import threading
from pathlib import Path

import pytest

from bench import load
from bench.common import CHROMIUM

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves a page and a cacheable script; counts the requests for the script."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/app.js":
            type(self).hits.append(self.path)
            body, kind, cache = b"window.ok = 1;", "text/javascript", "public, max-age=3600"
        else:
            body = (b'<html><body><script src="/app.js"></script>'
                    b'<img src="http://192.0.2.1/tile.png"><img src="https://webapi.amap.com/x.png"></body></html>')
            kind, cache = "text/html", "no-cache"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Counting.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_tabs_share_the_cache_and_other_machines_are_refused(server):
    from playwright.async_api import async_playwright

    async def two_tabs() -> load.Record:
        rec = load.Record()
        async with async_playwright() as pw:
            browser = await load.launch(pw)
            try:
                ctx = await load.user_context(browser, rec)
                for _ in range(2):
                    page = await ctx.new_page()
                    await page.goto(server + "/")
                    await page.wait_for_function("window.ok === 1")
                    await page.wait_for_timeout(300)
                    await page.close()
            finally:
                await browser.close()
        return rec

    rec = asyncio.run(two_tabs())
    # the second user's script came from the browser cache (request interception would fetch it twice)
    assert _Counting.hits == ["/app.js"]
    assert rec.blocked == 4  # two outside images per tab, both refused
