"""Shared benchmark helpers: results, timing with medians, headless Chromium, synthetic data."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Launch option that keeps the browser offline without request interception: every request that is not for this
#: machine goes to a proxy port where nothing listens and fails (this machine bypasses it). Playwright's
#: ``route`` would do the same but switches the HTTP cache off, so every tab would download the app's scripts again.
OFFLINE_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "file://", "data:",
                  "about:", "blob:")


@dataclass(frozen=True)
class Result:
    """One measured number: ``kind`` is TIME (seconds), RATIO, or INFO (context only)."""

    name: str
    kind: str
    value: float
    note: str = ""
    goal: str = ""

    def line(self) -> str:
        """The machine-readable line, e.g. ``TIME app_cold_start 2.1``."""
        return f"{self.kind} {self.name} {self.value:.4g}"


def median_time(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls and the last call's return value."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright, every non-local request blocked."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def block_remote(page) -> None:
    """Abort every request that does not go to this machine."""

    def handle(route):
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            return route.continue_()
        return route.abort()

    page.route("**/*", handle)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(data_dir, log, script: str = "app.py", home=None, env: dict | None = None, root=None):
    """Start ``streamlit run <script>`` on 127.0.0.1 and a free port; returns (process, url) without waiting.

    ``home`` replaces HOME (Streamlit keeps its disk cache in ``~/.streamlit/cache``); ``env`` adds variables;
    ``root`` is the checkout the app runs from (default: this one).
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(root) if root is not None else Path(__file__).resolve().parent.parent
    port = free_port()
    env = {**os.environ, "PARKMAP_DATA_DIR": str(data_dir), "PARKMAP_BASEMAP": "none", **(env or {})}
    if home is not None:
        env["HOME"] = str(home)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_health(url: str, proc, timeout: float = 60) -> None:
    """Wait until the Streamlit server answers its health check (raises if it exits or times out)."""
    import urllib.request

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"streamlit did not start on {url}")


def stop_server(proc) -> None:
    """Terminate a server process (kill after 10 s)."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
