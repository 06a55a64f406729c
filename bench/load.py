"""Benchmark: N concurrent browser sessions against one Streamlit server — errors and p95 time to settle per interaction.

Run ``python -m bench.load [--quick] [--sessions 10 20] [--ramp S] [--isolated] [--against REF]`` or via
``python -m bench``
(``--quick``: 10 sessions; full: 10 and 20). One ``streamlit run app.py`` server (headless, 127.0.0.1, free port)
serves every session; each session is a tab of one headless Chromium (its own websocket, so its own Streamlit
session), every non-local request blocked, and does what a planner does:

1. ``open_map``  — open the app; settled when every park is drawn on the map;
2. ``filter``    — type a district name in the search box; settled when the map shows the matching parks;
3. ``park``      — click a park marker (``?park=<id>`` if none is free to click); settled when its detail panel shows;
4. ``overlaps``  — open the 同质化分析 page from the sidebar; settled when its table and map are drawn.

"Settled" also requires the Streamlit script run to have finished (``stApp[data-test-script-state=notRunning]``).
An error is a step that times out or raises, a Streamlit exception box on the page, an uncaught page script error,
or a traceback in the server log. Users arrive ``RAMP_S`` apart and pause ``THINK_S`` between interactions; the
tabs share the browser cache as returning users do (``--isolated``: a cold cache per user). The server is warmed
by one session first (cold start is ``bench.app_start``). The browsers run on the same cores as the server, so
the times include rendering 20 pages on this machine, which real users do on their own computers.

Server CPU per map opened is measured in maps-only runs three ways in one run: the app as it is, the app with
``PARKMAP_SHARED_MAP_BUILD=0`` (the map built on every script run), and with ``--against REF`` the app of an
earlier commit (checked out in a temporary git worktree, run on its own ``data/``), so a change is measured
against the code it replaced on the same machine at the same time.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_PREFIXES,
    OFFLINE_PROXY,
    Result,
    start_streamlit,
    stop_server,
    wait_health,
)

ROOT = Path(__file__).resolve().parent.parent
INTERACTIONS = ("open_map", "filter", "park", "overlaps")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: Time allowed for one interaction to settle before it counts as an error (ms).
STEP_TIMEOUT_MS = 180_000
#: Pause between a user's interactions (s): people read before they click.
THINK_S = (0.5, 1.5)
#: Users arrive this many seconds apart (20 users: all in within 10 s, then all working at once).
RAMP_S = 0.5

_IDLE = """() => { const a = document.querySelector('[data-testid="stApp"]');
    return !!a && a.getAttribute('data-test-script-state') === 'notRunning'; }"""
_MAP_SETTLED = """([sel, n]) => { const a = document.querySelector('[data-testid="stApp"]');
    if (!a || a.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const f = document.querySelector(sel);
    return !!f && !!f.contentDocument && f.contentDocument.querySelectorAll('.pm-park').length === n; }"""
_PANEL_SETTLED = """(park) => { const a = document.querySelector('[data-testid="stApp"]');
    return !!a && a.getAttribute('data-test-script-state') === 'notRunning'
        && !!document.querySelector('[data-park="' + CSS.escape(park) + '"] h3'); }"""
_OVERLAPS_SETTLED = """(title) => { const a = document.querySelector('[data-testid="stApp"]');
    if (!a || a.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (![...document.querySelectorAll('h1')].some(h => h.innerText.trim() === title)) return false;
    if (!document.querySelector('[data-testid="stDataFrame"]')) return false;
    return [...document.querySelectorAll('iframe')].some(
        f => f.contentDocument && f.contentDocument.querySelectorAll('.leaflet-interactive').length > 0); }"""
_CLICKABLE = """() => {
    for (const el of document.querySelectorAll('.pm-park')) {
        const r = el.getBoundingClientRect();
        if (r.width < 4) continue;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (hit && (hit === el || el.contains(hit))) {
            const c = [...el.classList].find(c => c.startsWith('pm-park-'));
            if (c) return c.slice('pm-park-'.length);
        }
    }
    return null;
}"""


@dataclass
class Plan:
    """What the sessions do and what each step should show."""

    n_all: int
    term: str
    n_term: int
    fallback_park: str
    overlaps_title: str
    search_label: str


@dataclass
class Record:
    """Timings (s) per interaction and the errors of one run."""

    times: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in INTERACTIONS})
    errors: list[str] = field(default_factory=list)
    clicked: int = 0
    by_url: int = 0
    blocked: int = 0


# --------------------------------------------------------------------------- server


def start_server(data_dir: Path, log, env: dict | None = None, root: Path | None = None
                 ) -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` (of checkout ``root``, default this one) on 127.0.0.1 and a free port; returns the
    process and its URL once healthy."""
    proc, url = start_streamlit(data_dir, log, env=env, root=root)
    try:
        wait_health(url, proc, timeout=90)
    except (RuntimeError, TimeoutError):
        stop_server(proc)
        raise
    return proc, url


def _proc_stats(pid: int) -> tuple[float, float]:
    """CPU seconds used so far and resident memory (MB) of a process (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        return cpu, rss
    except (OSError, IndexError, ValueError):
        return float("nan"), float("nan")


# --------------------------------------------------------------------------- one user


async def _session(ctx, url: str, plan: Plan, i: int, rec: Record, measured: bool = True, delay: float = 0.0,
                   maps_only: bool = False) -> None:
    """One user in a tab of ``ctx``: open the map, filter, open a park, open the overlaps page (``maps_only``: open
    the map and stop).

    Every tab is its own Streamlit session (its own websocket and session state); times and errors go to ``rec``.
    """
    rng = random.Random(1000 + i)
    await asyncio.sleep(delay)
    page = await ctx.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)[:200]))
    step = "start"

    async def timed(name: str, act, settle) -> None:
        nonlocal step
        step = name
        t0 = time.perf_counter()
        await act()
        await settle()
        dt = time.perf_counter() - t0
        if measured:
            rec.times[name].append(dt)
        n_exc = await page.locator('[data-testid="stException"]').count()
        if n_exc:
            raise RuntimeError(f"{n_exc} Streamlit exception box(es) on the page")
        if page_errors:
            raise RuntimeError(f"page script error: {page_errors[0]}")
        await asyncio.sleep(rng.uniform(*THINK_S))

    try:
        await timed(
            "open_map",
            lambda: page.goto(url + "/", timeout=STEP_TIMEOUT_MS),
            lambda: page.wait_for_function(_MAP_SETTLED, arg=[MAP_FRAME, plan.n_all], timeout=STEP_TIMEOUT_MS,
                                           polling=50),
        )
        if maps_only:
            return
        box = page.get_by_label(plan.search_label)

        async def search() -> None:
            await box.fill(plan.term)
            await box.press("Enter")

        await timed(
            "filter", search,
            lambda: page.wait_for_function(_MAP_SETTLED, arg=[MAP_FRAME, plan.n_term], timeout=STEP_TIMEOUT_MS,
                                           polling=50),
        )
        frames = [f for f in page.frames if f != page.main_frame]
        target = None
        for f in frames:
            try:
                target = await f.evaluate(_CLICKABLE)
            except Exception:  # a frame that is not the map (or detached): try the next
                target = None
            if target:
                break
        if target:
            rec.clicked += measured
            await timed(
                "park",
                lambda: page.frame_locator(MAP_FRAME).locator(f".pm-park-{target}").first.click(
                    timeout=STEP_TIMEOUT_MS),
                lambda: page.wait_for_function(_PANEL_SETTLED, arg=target, timeout=STEP_TIMEOUT_MS, polling=50),
            )
        else:
            rec.by_url += measured
            target = plan.fallback_park
            await timed(
                "park",
                lambda: page.goto(f"{url}/?park={target}", timeout=STEP_TIMEOUT_MS),
                lambda: page.wait_for_function(_PANEL_SETTLED, arg=target, timeout=STEP_TIMEOUT_MS, polling=50),
            )
        await timed(
            "overlaps",
            lambda: page.locator('[data-testid="stSidebarNav"] a[href$="/overlaps"]').click(timeout=STEP_TIMEOUT_MS),
            lambda: page.wait_for_function(_OVERLAPS_SETTLED, arg=plan.overlaps_title, timeout=STEP_TIMEOUT_MS,
                                           polling=100),
        )
    except Exception as exc:  # the error is the measurement: record it, end this user's session
        rec.errors.append(f"session {i} {step}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await page.close()


async def launch(pw):
    """Headless Chromium that reaches this machine only, with its HTTP cache on (see ``common.OFFLINE_PROXY``)."""
    return await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, proxy=OFFLINE_PROXY)


async def user_context(browser, rec: Record):
    """A browser context as the users have it; every request it makes to another machine is counted in ``rec``."""

    def failed(request) -> None:  # refused by the offline proxy: it was for another machine
        if not request.url.startswith(LOCAL_PREFIXES):
            rec.blocked += 1

    ctx = await browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    ctx.on("requestfailed", failed)
    return ctx


async def _run_sessions(url: str, plan: Plan, n: int, rec: Record, ramp_s: float = RAMP_S,
                        isolated: bool = False, maps_only: bool = False, on_warm=None) -> float:
    """``n`` users in one headless Chromium, arriving ``ramp_s`` apart; returns the wall time.

    By default the users are tabs of one browser context, so the app's scripts come from the browser cache as
    they do for people who have opened the app before; ``isolated`` gives each user a fresh context (cold cache).
    """
    from playwright.async_api import async_playwright

    async def context():
        return await user_context(browser, rec)

    async def user(i: int) -> None:
        ctx = await context() if isolated else shared
        try:
            await _session(ctx, url, plan, i, rec, delay=i * ramp_s, maps_only=maps_only)
        finally:
            if isolated:
                await ctx.close()

    async with async_playwright() as pw:
        browser = await launch(pw)
        try:
            shared = await context()
            await _session(shared, url, plan, -1, Record(), measured=False)  # warm the server's caches
            if on_warm is not None:
                on_warm()
            t0 = time.perf_counter()
            await asyncio.gather(*(user(i) for i in range(n)))
            return time.perf_counter() - t0
        finally:
            await browser.close()


# --------------------------------------------------------------------------- report


def p95(values: list[float]) -> float:
    """95th percentile (linear interpolation between order statistics); NaN when empty."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def make_plan(data_dir: Path) -> Plan:
    """What the sessions search for and expect, computed from the data the server shows."""
    from geo.load import load_dataset
    from geo.view import View, apply_view
    from layers.i18n import t

    ds = load_dataset(data_dir)
    parks = apply_view(ds, View())
    district = parks["district"].value_counts().index[0]
    term = district.rstrip("区县")
    return Plan(
        n_all=len(parks), term=term, n_term=len(apply_view(ds, View(search=term))),
        fallback_park=str(apply_view(ds, View(search=term))["park_id"].iloc[0]),
        overlaps_title=t("ov_title", "zh"), search_label=t("search", "zh"),
    )


@contextlib.contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """A temporary git worktree of commit ``ref`` of this repository (removed afterwards)."""
    tmp = Path(tempfile.mkdtemp(prefix="parkmap-against-"))
    path = tmp / "app"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(path), ref], check=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def parks_drawn(root: Path) -> int:
    """How many parks the map of checkout ``root`` draws on its own data by default (its own code decides)."""
    code = ("from geo.load import load_dataset; from geo.view import View, apply_view; "
            "print(len(apply_view(load_dataset('data'), View())))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(root)})
    return int(out.stdout.strip().splitlines()[-1])


def measure(n: int, data_dir: Path | None = None, ramp_s: float = RAMP_S, isolated: bool = False,
            maps_only: bool = False, shared_build: bool = True, root: Path | None = None,
            plan: Plan | None = None) -> tuple[Record, dict]:
    """Start a server, run ``n`` concurrent sessions, stop it; returns the record and server statistics.

    The server's CPU seconds (user + system, from /proc) are counted from after the warm-up session to the end:
    CPU time, not wall time, so other work on a shared machine does not change it much. ``shared_build=False``
    starts the app with ``PARKMAP_SHARED_MAP_BUILD=0`` (the map built on every run: the baseline); ``root`` runs
    the app of another checkout (see :func:`checkout`) with ``plan`` computed for it.
    """
    from geo.settings import DATA_DIR

    data_dir = Path(data_dir or DATA_DIR)
    plan = plan or make_plan(data_dir)
    rec = Record()
    log_path = Path(tempfile.gettempdir()) / f"parkmap-bench-load-{n}.log"  # kept: read it when there are errors
    with open(log_path, "w") as log:
        proc, url = start_server(data_dir, log, env={"PARKMAP_SHARED_MAP_BUILD": "1" if shared_build else "0"},
                                 root=root)
        try:
            cpu0 = [_proc_stats(proc.pid)[0]]

            def warmed() -> None:  # count from after the warm-up session (one-time builds are not per map)
                cpu0[0] = _proc_stats(proc.pid)[0]

            wall = asyncio.run(_run_sessions(url, plan, n, rec, ramp_s=ramp_s, isolated=isolated, maps_only=maps_only,
                                             on_warm=warmed))
            cpu1, rss = _proc_stats(proc.pid)
        finally:
            stop_server(proc)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if "Traceback" in text:
        last = text[text.index("Traceback"):].split("\n\n")[0].strip().splitlines()[-1]
        rec.errors.append(f"server log {log_path} has {text.count('Traceback')} traceback(s), e.g. {last[:200]}")
    return rec, {"wall": wall, "server_cpu": cpu1 - cpu0[0], "server_rss_mb": rss, "plan": plan, "ramp_s": ramp_s,
                 "isolated": isolated}


def results_for(n: int, rec: Record, stats: dict) -> list[Result]:
    """Result lines of one run with ``n`` sessions."""
    every = [x for k in INTERACTIONS for x in rec.times[k]]
    out = [
        Result(f"load_p95_{n}", "TIME", p95(every),
               note=f"{n} concurrent sessions arriving {stats['ramp_s']:g} s apart"
                    f"{' (cold browser cache each)' if stats['isolated'] else ''}, every interaction "
                    f"({len(every)} samples); median {statistics.median(every) if every else float('nan'):.2f} s",
               goal="0 errors"),
    ]
    for k in INTERACTIONS:
        v = rec.times[k]
        out.append(Result(f"load_p95_{n}_{k}", "TIME", p95(v),
                          note=f"{len(v)} samples, median {statistics.median(v) if v else float('nan'):.2f} s, "
                               f"max {max(v) if v else float('nan'):.2f} s"))
    out += [
        Result(f"load_errors_{n}", "INFO", len(rec.errors),
               note="; ".join(rec.errors[:3]) or f"{rec.clicked} park clicks, {rec.by_url} ?park= links, "
                                                 f"{rec.blocked} requests to other machines refused",
               goal="0"),
        Result(f"load_wall_{n}", "INFO", stats["wall"], note="all sessions, first request → last settled (s)"),
        Result(f"load_server_cpu_{n}", "INFO", stats["server_cpu"],
               note="CPU seconds the Streamlit server used for these sessions"),
        Result(f"load_server_rss_{n}", "INFO", stats["server_rss_mb"], note="server resident memory at the end (MB)"),
    ]
    return out


def map_results_for(n: int, rec: Record, stats: dict) -> list[Result]:
    """Result lines of a maps-only run: server CPU seconds per map opened and p95 time to a drawn map."""
    opened = len(rec.times["open_map"])
    per_map = cpu_per_map(rec, stats)
    return [
        Result(f"load_cpu_per_map_{n}", "INFO", per_map,
               note=f"server CPU seconds (user+system, not wall time) per map opened: {stats['server_cpu']:.2f} s "
                    f"for {opened} maps opened by {n} concurrent sessions"),
        Result(f"load_p95_{n}_map_only", "TIME", p95(rec.times["open_map"]),
               note=f"{opened} samples, time to a drawn map; {len(rec.errors)} errors", goal="0 errors"),
    ]


def cpu_per_map(rec: Record, stats: dict) -> float:
    """Server CPU seconds per map opened in a maps-only run (NaN when none was opened)."""
    opened = len(rec.times["open_map"])
    return stats["server_cpu"] / opened if opened else float("nan")


def run(quick: bool = False, sessions: tuple[int, ...] | None = None, ramp_s: float = RAMP_S,
        isolated: bool = False, tiny: bool = False, against: str | None = None) -> list[Result]:
    """Concurrent sessions: 10 (quick) or 10 and 20 (``tiny``: 1, for the smoke test); each also once opening
    the map only (CPU per map opened), with the map built on every run, and with the app of commit ``against``."""
    from geo.settings import DATA_DIR

    out: list[Result] = []
    for n in sessions or ((1,) if tiny else (10,) if quick else (10, 20)):
        rec, stats = measure(n, ramp_s=ramp_s, isolated=isolated)
        out += results_for(n, rec, stats)
        mrec, mstats = measure(n, ramp_s=ramp_s, isolated=isolated, maps_only=True)
        out += map_results_for(n, mrec, mstats)
        mine = cpu_per_map(mrec, mstats)
        brec, bstats = measure(n, ramp_s=ramp_s, isolated=isolated, maps_only=True, shared_build=False)
        base = cpu_per_map(brec, bstats)
        out.append(Result(f"load_cpu_per_map_{n}_baseline", "INFO", base,
                          note="the same maps-only run with PARKMAP_SHARED_MAP_BUILD=0 (map built on every run)"))
        out.append(Result(f"load_cpu_per_map_{n}_ratio", "RATIO", mine / base if base else float("nan"),
                          note="server CPU per map opened, shared build ÷ built on every run"))
        errors = rec.errors + mrec.errors + brec.errors
        if against:
            with checkout(against) as root:
                plan = replace(make_plan(Path(DATA_DIR)), n_all=parks_drawn(root))
                arec, astats = measure(n, data_dir=root / "data", ramp_s=ramp_s, isolated=isolated, maps_only=True,
                                       root=root, plan=plan)
            old = cpu_per_map(arec, astats)
            out.append(Result(f"load_cpu_per_map_{n}_at_{against}", "INFO", old,
                              note=f"the same maps-only run, app of commit {against} on its own data "
                                   f"({plan.n_all} parks, {len(arec.errors)} errors)"))
            out.append(Result(f"load_cpu_per_map_{n}_vs_{against}", "RATIO", mine / old if old else float("nan"),
                              note=f"server CPU per map opened, this app ÷ the app of {against}", goal="≤ 0.33"))
            errors += arec.errors
        for e in errors:
            print(f"load {n}: {e}", file=sys.stderr)
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sessions", type=int, nargs="+", help="numbers of concurrent users (default 10 20)")
    ap.add_argument("--ramp", type=float, default=RAMP_S, help=f"seconds between arrivals (default {RAMP_S:g})")
    ap.add_argument("--isolated", action="store_true", help="a fresh browser context (cold cache) per user")
    ap.add_argument("--against", metavar="REF", help="also measure CPU per map of the app at git commit REF")
    a = ap.parse_args()
    for r in run(quick=a.quick, sessions=tuple(a.sessions) if a.sessions else None, ramp_s=a.ramp,
                 isolated=a.isolated, against=a.against):
        print(f"{r.line():36s} {r.note}")
