"""Benchmark: the app's own entry points on generated data folders of 1k, 10k and 100k parks.

For each size, :mod:`bench.datagen` writes a data folder (same schema as ``data/``, about three quoted cluster
rows per park). A child process then times, on that folder, what users run: ``load_dataset`` (reading and
every validation check), the park summary (:func:`geo.summary.summarise_parks` for the default view),
:func:`geo.overlap.find_overlaps` (sector level, default plans), the web map build (layer data, folium map,
HTML), the standalone HTML export (:func:`layers.html_export.export_html`, what ``geo export --out map.html``
writes) and the A4 300 dpi print map (PNG). Its peak resident memory is read with ``wait4`` (``ru_maxrss``).
The parent draws the built web map in headless Chromium (every non-local request blocked; drawn = the canvas
layer's ``PM_DRAWN`` reports every park) and starts the Streamlit app on the folder (``PARKMAP_DATA_DIR``, an
empty home so no disk cache): server start → first map drawn, then a search-box filter → map settled.

Naive baselines side by side (``RATIO`` lines): the first per-park summary (one filter of the whole table per
park, timed on 200 parks and scaled by n/200), one substring search of the whole plan text per quote (on
folders up to 10k parks), and one ``folium.Marker`` per park for the web map (1k, and 10k in a full run).
Run ``python -m bench.real_path [--quick] [--sizes N ...]`` or via ``python -m bench``.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import Result, block_remote, browser, start_streamlit, stop_server, wait_health

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
GOALS = {  # at 100k parks (issue 13, item 4)
    "load_validate": "≤ 15 s", "summary": "≤ 3 s", "overlaps": "≤ 5 s", "webmap_total": "≤ 6 s",
    "export_html": "≤ 10 s", "app_first_map": "≤ 15 s", "app_filter": "≤ 1 s", "peak_rss": "≤ 2048 MB",
    "print_a4": "< 60 s",
}
NAIVE_SUMMARY_SAMPLE = 200
#: The A4 print map is timed up to this many parks, i.e. at every size: its label placement tests each search's
#: candidates together against a grid index and a raster of covered cells, and at most
#: ``layers.printmap.placement.LABEL_BUDGET`` parks are named or numbered (the others are markers only).
PRINT_MAX = 100_000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: The map in the app's iframe shows ``n`` parks: the canvas layer's report, or one SVG element per park.
_APP_MAP_SHOWS = """([sel, n]) => { const f = document.querySelector(sel);
    if (!f || !f.contentDocument || !f.contentWindow) return false;
    const d = f.contentWindow.PM_DRAWN;
    if (d && d.total === n) return true;
    return n < 500 && f.contentDocument.querySelectorAll('.pm-park').length === n; }"""
#: The standalone web map shows ``n`` parks (after two animation frames; see bench.map_scale).
_MAP_SHOWS = """([n]) => !!window.__benchDrawn && ((!!window.PM_DRAWN && window.PM_DRAWN.total === n)
    || (n < 500 && document.querySelectorAll('.pm-park').length === n))"""


def _label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# --------------------------------------------------------------------------- the child: in-process steps


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def child(folder: Path, outdir: Path, naive: dict) -> dict:
    """Time the in-process entry points on one folder; write the web maps to ``outdir``; return the numbers."""
    from bench import baselines
    from geo import validate
    from geo.load import load_dataset
    from geo.overlap import find_overlaps
    from geo.summary import summarise_parks
    from geo.view import View, filter_parks, plan_ids_for
    from layers import offline
    from layers.html_export import export_html
    from layers.printmap.export import export_map
    from layers.printmap.page import PrintOptions
    from layers.web.build import build_map, layer_data

    from .map_scale import _write, naive_html

    offline.localize_folium()
    r: dict = {}
    r["load_validate"], ds = _timed(lambda: load_dataset(folder))
    r["n_rows"] = len(ds.clusters)
    wanted = [(p, q) for p, q in zip(ds.clusters["plan_id"], ds.clusters["quote"], strict=True)]
    r["quotes"], found = _timed(lambda: validate.quotes_found(ds.texts, wanted))
    if naive.get("quotes"):
        r["quotes_naive"], slow = _timed(lambda: baselines.quotes_found_per_row(ds.texts, wanted))
        if slow != found:
            raise AssertionError("quote checks disagree with the per-row baseline")
    view = View(basemap="none")
    plan_ids = plan_ids_for(ds, view)
    r["summary"], summary = _timed(lambda: summarise_parks(ds, plan_ids))
    k = min(NAIVE_SUMMARY_SAMPLE, len(summary))
    t_k, _ = _timed(lambda: baselines.summarise_parks_per_park(ds, plan_ids, limit=k))
    r["summary_naive_est"] = t_k * len(summary) / k
    r["overlaps"], ov = _timed(lambda: find_overlaps(ds, "sector"))
    r["n_overlaps"] = len(ov)
    parks = filter_parks(summary, view)
    r["n_parks"] = len(parks)
    district = parks["district"].value_counts().index[0]
    r["term"] = district.rstrip("区县")
    r["n_term"] = len(filter_parks(summary, View(search=r["term"])))

    def build() -> str:
        data = layer_data(ds, parks, view)
        return build_map(ds, parks, view, data=data).get_root().render()

    r["webmap_build"], page = _timed(build)
    r["webmap_mb"] = _write(outdir, "app.html", page) / 1e6
    del page
    if naive.get("webmap"):
        r["webmap_naive_build"], page = _timed(lambda: naive_html(ds, parks))
        r["webmap_naive_mb"] = _write(outdir, "naive.html", page) / 1e6
        del page
    r["export_html"], page = _timed(lambda: export_html(ds, view))
    r["export_html_mb"] = len(page.encode("utf-8")) / 1e6
    del page
    if len(parks) <= PRINT_MAX:
        export_map(ds, View(districts=(district,)), "png", PrintOptions())  # fonts registered, untimed
        r["print_a4"], png = _timed(lambda: export_map(ds, view, "png", PrintOptions()))
        r["print_a4_mb"] = len(png) / 1e6
    return r


def _run_child(folder: Path, outdir: Path, naive: dict) -> dict:
    """Run :func:`child` in a fresh interpreter; returns its numbers plus ``peak_rss`` (MB, from wait4)."""
    res = outdir / "child.json"
    cmd = [sys.executable, "-m", "bench.real_path", "--child", str(folder), str(outdir), json.dumps(naive)]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"the timed child on {folder} exited with {proc.returncode}")
    out = json.loads(res.read_text(encoding="utf-8"))
    out["peak_rss"] = usage.ru_maxrss / 1024.0  # KiB on Linux
    return out


# --------------------------------------------------------------------------- the parent: browser and app


def _app(folder: Path, n: int, term: str, n_term: int, tmp: Path, b) -> tuple[float, float]:
    """Fresh Streamlit server on ``folder``: seconds to the first map drawn, then to a filter settled."""
    home = tmp / f"home{n}"
    home.mkdir(exist_ok=True)
    from layers.i18n import t

    with open(tmp / f"app{n}.log", "w") as log:
        page = b.new_page(viewport={"width": 1600, "height": 1000})
        block_remote(page)
        t0 = time.perf_counter()
        proc, url = start_streamlit(folder, log, home=home)
        try:
            wait_health(url, proc, timeout=600)
            page.goto(url + "/")
            page.wait_for_function(_APP_MAP_SHOWS, arg=[MAP_FRAME, n], timeout=900_000, polling=100)
            first = time.perf_counter() - t0
            box = page.get_by_label(t("search", "zh"))
            filt = []
            for value, want in ((term, n_term), ("", n), (term, n_term)):
                t1 = time.perf_counter()
                box.fill(value)
                box.press("Enter")
                page.wait_for_function(_APP_MAP_SHOWS, arg=[MAP_FRAME, want], timeout=600_000, polling=25)
                filt.append(time.perf_counter() - t1)
        finally:
            page.close()
            stop_server(proc)
    return first, statistics.median(filt)


def run(quick: bool = False, tiny: bool = False, sizes: tuple[int, ...] | None = None) -> list[Result]:
    """Every entry point at each size (``tiny``: one 300-park folder, for the smoke test).

    The Streamlit app is started at every size up to 10k (quick) or at every size (full run).
    """
    from geo import settings

    from .datagen import make_folder
    from .map_scale import _NAIVE_DONE, _browser_time, _server

    sizes = sizes or ((300,) if tiny else SIZES)
    app_max = 100_000 if not quick else 10_000 if not tiny else 300
    out: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="parkmap-real-") as tmp, browser() as b:
        tmp = Path(tmp)
        (tmp / "app").mkdir()
        os.symlink(settings.STATIC_DIR, tmp / "app" / "static")
        with _server(tmp) as base:
            for n in sizes:
                lab = _label(n)
                load0 = os.getloadavg()[0]
                t0 = time.perf_counter()
                folder = make_folder(tmp / f"data{n}", n)
                t_gen = time.perf_counter() - t0
                outdir = tmp / f"out{n}"
                outdir.mkdir()
                naive = {"quotes": n <= 10_000, "webmap": n <= (1_000 if quick else 10_000)}
                r = _run_child(folder, outdir, naive)
                rel = outdir.relative_to(tmp)
                draw, ok = _browser_time(b, f"{base}/{rel}/app.html", _MAP_SHOWS, r["n_parks"])
                if not ok:
                    raise RuntimeError(f"the web map of {n} parks was not drawn")
                g = (lambda k: GOALS.get(k, "")) if n == 100_000 else (lambda k: "")
                rows = r["n_rows"]
                out += [
                    Result(f"real_{lab}_load_validate", "TIME", r["load_validate"],
                           f"load_dataset with every check, {n} parks, {rows} cluster rows (folder made in "
                           f"{t_gen:.1f} s, not counted)", g("load_validate")),
                    Result(f"real_{lab}_summary", "TIME", r["summary"], "geo.summary.summarise_parks, default view",
                           g("summary")),
                    Result(f"real_{lab}_summary_naive_est", "INFO", r["summary_naive_est"],
                           f"per-park summary: {NAIVE_SUMMARY_SAMPLE} parks timed, × n/{NAIVE_SUMMARY_SAMPLE}"),
                    Result(f"real_{lab}_summary", "RATIO", r["summary_naive_est"] / r["summary"],
                           "per-park summary (estimate) ÷ grouped summary"),
                    Result(f"real_{lab}_overlaps", "TIME", r["overlaps"],
                           f"find_overlaps, sector level, default plans: {r['n_overlaps']} overlaps", g("overlaps")),
                    Result(f"real_{lab}_webmap_total", "TIME", r["webmap_build"] + draw,
                           f"build+serialise {r['webmap_build']:.2f} s + Chromium draw {draw:.2f} s, "
                           f"{r['webmap_mb']:.1f} MB, {r['n_parks']} parks", g("webmap_total")),
                    Result(f"real_{lab}_export_html", "TIME", r["export_html"],
                           f"standalone HTML export, {r['export_html_mb']:.1f} MB", g("export_html")),
                    Result(f"real_{lab}_peak_rss", "INFO", r["peak_rss"],
                           "peak resident memory (MB) of the process running the steps above", g("peak_rss")),
                    Result(f"real_{lab}_load_average", "INFO", load0, "1-minute load average when this size began"),
                ]
                if "print_a4" in r:
                    out.append(Result(f"real_{lab}_print_a4", "TIME", r["print_a4"],
                                      f"A4 300 dpi PNG of the whole view, {r['print_a4_mb']:.1f} MB",
                                      g("print_a4")))
                else:
                    out.append(Result(f"real_{lab}_print_a4", "INFO", float("nan"),
                                      f"not timed above {PRINT_MAX} parks"))
                if "quotes_naive" in r:
                    out.append(Result(f"real_{lab}_quotes", "RATIO", r["quotes_naive"] / r["quotes"],
                                      f"per-quote search {r['quotes_naive']:.2f} s ÷ one pass per text "
                                      f"{r['quotes']:.3f} s ({rows} quotes, same answer)"))
                if "webmap_naive_build" in r:
                    nd, nok = _browser_time(b, f"{base}/{rel}/naive.html", _NAIVE_DONE, r["n_parks"])
                    naive_total = r["webmap_naive_build"] + nd
                    out.append(Result(f"real_{lab}_webmap", "RATIO", naive_total / (r["webmap_build"] + draw),
                                      f"one folium.Marker per park {naive_total:.1f} s"
                                      f"{'' if nok else ' (browser capped)'} ÷ the app's map"))
                if n <= app_max:
                    first, filt = _app(folder, r["n_parks"], r["term"], r["n_term"], tmp, b)
                    out += [
                        Result(f"real_{lab}_app_first_map", "TIME", first,
                               "fresh Streamlit server on the folder (no disk cache) → map drawn", g("app_first_map")),
                        Result(f"real_{lab}_app_filter", "TIME", filt,
                               f"search filter → map settled ({r['n_term']}/{r['n_parks']} parks), median of 3",
                               g("app_filter")),
                    ]
                print(f"#   real path {lab}: " + ", ".join(f"{x.name.split('_', 2)[2]} {x.value:.2f}" for x in out
                      if x.name.startswith(f"real_{lab}_")), file=sys.stderr, flush=True)
                with contextlib.suppress(OSError):
                    import shutil

                    shutil.rmtree(folder)
                    shutil.rmtree(outdir)
    return out


def _main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        folder, outdir, naive = Path(argv[1]), Path(argv[2]), json.loads(argv[3])
        r = child(folder, outdir, naive)
        (outdir / "child.json").write_text(json.dumps(r), encoding="utf-8")
        return 0
    sizes = tuple(int(a) for a in argv[argv.index("--sizes") + 1:]) if "--sizes" in argv else None
    for r in run(quick="--quick" in argv, sizes=sizes):
        print(f"{r.line():44s} {r.note}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
