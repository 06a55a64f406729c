"""Benchmark: the Streamlit app — server start → map visible (goal < 3 s), page reload, and filter change → settled.

Run ``python -m bench.app_start [--quick]`` (prints ``TIME app_cold_start …`` and ``TIME app_rerun …``) or via
``python -m bench``. Every non-local request is blocked, as on an offline intranet.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .common import Result, block_remote, browser

ROOT = Path(__file__).resolve().parent.parent
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
_COUNT = """([sel, n]) => { const f = document.querySelector(sel);
    return !!f && !!f.contentDocument && f.contentDocument.querySelectorAll('.pm-park').length === n; }"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(data_dir: Path, log) -> tuple[subprocess.Popen, str]:
    port = _port()
    env = {**os.environ, "PARKMAP_DATA_DIR": str(data_dir), "PARKMAP_BASEMAP": "none"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    return proc, f"http://localhost:{port}"


def _wait_health(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _wait_parks(page, n: int, timeout: float = 60_000) -> None:
    page.wait_for_function(_COUNT, arg=[MAP_FRAME, n], timeout=timeout, polling=25)


def run(quick: bool = False) -> list[Result]:
    """Cold starts (fresh server each), a reload of a running app, and filter changes on the loaded page."""
    from geo.load import load_dataset
    from geo.settings import DATA_DIR
    from geo.view import View, apply_view
    from layers.i18n import t

    data_dir = Path(DATA_DIR)
    ds = load_dataset(data_dir)
    n_all = len(apply_view(ds, View()))
    # a filter that changes the number of parks drawn: the search box, with the largest district's name stem
    district = apply_view(ds, View())["district"].value_counts().index[0]
    term = district.rstrip("区县")
    n_term = len(apply_view(ds, View(search=term)))
    repeat_cold = 1 if quick else 3
    repeat_rerun = 2 if quick else 5

    cold, reload_, rerun = [], [], []
    with browser() as b, tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat_cold):
            log = open(Path(tmp) / f"st{i}.log", "w")  # noqa: SIM115
            page = b.new_page(viewport={"width": 1600, "height": 1000})
            block_remote(page)
            t0 = time.perf_counter()
            proc, url = _start(data_dir, log)
            try:
                _wait_health(url, proc)
                page.goto(url + "/")
                _wait_parks(page, n_all)
                cold.append(time.perf_counter() - t0)
                if i == 0:
                    t1 = time.perf_counter()
                    page.reload()
                    _wait_parks(page, n_all)
                    reload_.append(time.perf_counter() - t1)
                    box = page.get_by_label(t("search", "zh"))
                    for k in range(repeat_rerun):
                        value, n = (term, n_term) if k % 2 == 0 else ("", n_all)
                        t2 = time.perf_counter()
                        box.fill(value)
                        box.press("Enter")
                        _wait_parks(page, n)
                        rerun.append(time.perf_counter() - t2)
            finally:
                page.close()
                _stop(proc)
                log.close()
    return [
        Result("app_cold_start", "TIME", statistics.median(cold), note=f"server start → {n_all} parks drawn, "
               f"median of {len(cold)}", goal="< 3 s"),
        Result("app_reload", "TIME", statistics.median(reload_), note="page reload of a running app (data cached)"),
        Result("app_rerun", "TIME", statistics.median(rerun), note=f"search filter → map settled ({n_term}/{n_all} "
               f"parks), median of {len(rerun)}"),
    ]


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv[1:]):
        print(r.line())
