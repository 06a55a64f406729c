"""Benchmark: the Streamlit app — server start → map visible (goal ≤ 3 s), page reload, filter change → settled.

Run ``python -m bench.app_start [--quick]`` (prints ``TIME app_cold_start …`` and ``TIME app_rerun …``) or via
``python -m bench``. Every non-local request is blocked, as on an offline intranet. The servers run with an empty
home folder: the first start finds no Streamlit disk cache (``app_cold_start_first``), the later ones find the one
the first wrote (``app_cold_start``, the usual case: a restart on unchanged data and code). ``app_cold_start_floor``
is the same measure for a bare page holding one st_folium map: what Streamlit and streamlit-folium take anyway.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .common import Result, block_remote, browser, start_streamlit, stop_server, wait_health

ROOT = Path(__file__).resolve().parent.parent
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
_COUNT = """([sel, n]) => { const f = document.querySelector(sel);
    return !!f && !!f.contentDocument && f.contentDocument.querySelectorAll('.pm-park').length === n; }"""


#: A bare page with one st_folium map of 23 circles (Leaflet served locally, as in the app): the part of a
#: cold start that Streamlit and streamlit-folium take whatever the app does.
FLOOR_PAGE = """
import sys
sys.path.insert(0, {root!r})
import folium
import streamlit as st
from streamlit_folium import st_folium
from app_pages.map_widget import prepare
prepare()
m = folium.Map(location=[29.6, 106.5], zoom_start=8, tiles=None)
for i in range(23):
    folium.CircleMarker([29.0 + i * 0.05, 106.0 + i * 0.05], radius=6, class_name="pm-park").add_to(m)
st_folium(m, height=660, returned_objects=[])
"""


def _wait_parks(page, n: int, timeout: float = 60_000) -> None:
    page.wait_for_function(_COUNT, arg=[MAP_FRAME, n], timeout=timeout, polling=25)


def run(quick: bool = False, tiny: bool = False) -> list[Result]:
    """Cold starts (fresh server each), a reload of a running app, and filter changes on the loaded page.

    ``tiny`` (the smoke test): one start of the app, counted as both first and later start, two filter changes.
    """
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
    repeat_cold = 0 if tiny else 2 if quick else 3
    repeat_rerun = 2 if tiny else 4 if quick else 8

    first, cold, reload_, rerun = [], [], [], []
    with browser() as b, tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"  # an empty home: the first start finds no disk cache, later ones find its own
        home.mkdir()
        for i in range(1 + repeat_cold):
            log = open(Path(tmp) / f"st{i}.log", "w")  # noqa: SIM115
            page = b.new_page(viewport={"width": 1600, "height": 1000})
            block_remote(page)
            t0 = time.perf_counter()
            proc, url = start_streamlit(data_dir, log, home=home)
            try:
                wait_health(url, proc)
                page.goto(url + "/")
                _wait_parks(page, n_all)
                (cold if i else first).append(time.perf_counter() - t0)
                if i == min(1, repeat_cold):
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
                stop_server(proc)
                log.close()
        # the floor: the same server start → map drawn for a bare page holding only an st_folium map
        floor = []
        for i in range(1 if quick else 3):
            page = b.new_page(viewport={"width": 1600, "height": 1000})
            block_remote(page)
            bare = ROOT / f".bench_floor_{os.getpid()}_{i}.py"  # next to app.py: same config and static/ folder
            bare.write_text(FLOOR_PAGE.format(root=str(ROOT)), encoding="utf-8")
            log = open(Path(tmp) / f"floor{i}.log", "w")  # noqa: SIM115
            t0 = time.perf_counter()
            proc, url = start_streamlit(data_dir, log, bare.name)
            try:
                wait_health(url, proc)
                page.goto(url + "/")
                _wait_parks(page, 23)
                floor.append(time.perf_counter() - t0)
            finally:
                page.close()
                stop_server(proc)
                log.close()
                bare.unlink(missing_ok=True)
    cold = cold or first
    return [
        Result("app_cold_start", "TIME", statistics.median(cold), note=f"new server process → {n_all} parks drawn, "
               f"median of {len(cold)} (dataset and summaries read from Streamlit's disk cache)", goal="≤ 3 s"),
        Result("app_cold_start_first", "INFO", first[0], note="the very first start on new data or code (empty disk "
               "cache: reads and validates data/)"),
        Result("app_cold_start_floor", "INFO", statistics.median(floor),
               note="the same for a bare page with one st_folium map of 23 circles: Streamlit's own share"),
        Result("app_reload", "TIME", statistics.median(reload_), note="page reload of a running app (data cached)"),
        Result("app_rerun", "TIME", statistics.median(rerun), note=f"search filter → map settled ({n_term}/{n_all} "
               f"parks), median of {len(rerun)}", goal="≤ 0.5 s"),
    ]


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv[1:]):
        print(r.line())
