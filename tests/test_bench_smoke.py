"""Smoke test of the benchmark harness: every workload of ``python -m bench`` runs green at tiny sizes."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def test_every_bench_module_is_a_workload():
    """A module of bench/ with a ``run`` function is listed in WORKLOADS (so the smoke test runs it)."""
    from bench.__main__ import WORKLOADS

    with_run = set()
    for f in (ROOT / "bench").glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == "run" for n in tree.body):
            with_run.add(f.stem)
    assert with_run == set(WORKLOADS)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the Debian chromium for the browser workloads")
def test_bench_tiny_runs_every_workload(tmp_path):
    from bench.__main__ import WORKLOADS
    from geo import settings

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    p = subprocess.run([sys.executable, "-m", "bench", "--tiny"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=1800)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "Workloads that failed" not in p.stdout
    for name in WORKLOADS:
        assert f"# {name} …" in p.stderr
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith(("TIME ", "RATIO ", "INFO "))]
    names = {ln.split()[1] for ln in lines}
    # each workload reported its headline numbers
    for expected in ("real_300_load_validate", "real_300_summary", "real_300_overlaps", "real_300_webmap_total",
                     "real_300_export_html", "real_300_print_a4", "real_300_app_first_map", "real_300_app_filter",
                     "real_300_peak_rss", f"map_{settings.WEB_CANVAS_MIN_PARKS + 100}_total", "overlap_100k", "app_cold_start", "app_rerun", "export_png_a4_300dpi",
                     "ingest_target_precision", "load_p95_1", "near_pairs_500"):
        assert expected in names, sorted(names)
    assert not (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8").count("--tiny")
