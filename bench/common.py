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
        if url.startswith(("http://127.0.0.1", "http://localhost", "file://", "data:", "about:", "blob:", "ws://")):
            return route.continue_()
        return route.abort()

    page.route("**/*", handle)
