"""Benchmark entry point: ``python -m bench [--quick] [--only NAME ...]`` → table, RATIO/TIME lines, BENCHMARKS.md."""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from .common import Result

#: Workload modules, each with ``run(quick: bool, tiny: bool = False) -> list[Result]`` (``tiny``: the smallest
#: sizes that still run every step, for the smoke test; its numbers mean nothing).
WORKLOADS = ("real_path", "map_scale", "overlap_scale", "app_start", "export_png", "eval_ingest", "load", "postgis")


def _table(results: list[Result]) -> str:
    lines = ["| measure | kind | value | goal | note |", "|---|---|---|---|---|"]
    for r in results:
        unit = " s" if r.kind == "TIME" else ""
        lines.append(f"| {r.name} | {r.kind} | {r.value:.4g}{unit} | {r.goal} | {r.note} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the workloads and report."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="smaller sizes and fewer repeats (under 2 minutes)")
    p.add_argument("--tiny", action="store_true",
                   help="smoke test: every workload at tiny sizes (seconds; numbers meaningless, writes no file)")
    p.add_argument("--only", nargs="*", choices=WORKLOADS, help="run only these workloads")
    p.add_argument("--out", type=Path, default=None,
                   help="markdown file to write (default: BENCHMARKS.md for a full run; nothing with --only)")
    args = p.parse_args(argv)
    results: list[Result] = []
    failed: list[str] = []
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    for name in args.only or WORKLOADS:
        mod = importlib.import_module(f"bench.{name}")
        print(f"# {name} …", file=sys.stderr, flush=True)
        try:
            kw = {"tiny": True} if args.tiny and "tiny" in inspect.signature(mod.run).parameters else {}
            got = mod.run(quick=args.quick or args.tiny, **kw)
        except Exception:
            traceback.print_exc()
            failed.append(name)
            continue
        for r in got:
            print(r.line(), flush=True)
        results.extend(got)
    total = time.perf_counter() - t0
    table = _table(results)
    print()
    print(table)
    header = (
        "# Benchmarks\n\n"
        f"Measured by `python -m bench{' --quick' if args.quick else ''}` on {time.strftime('%Y-%m-%d')}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {total:.0f} s in all; "
        f"load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (other work on the machine "
        "slows every number). Every ratio compares against a naive baseline measured in the same run; times are "
        "medians.\n\n"
    )
    if failed:
        header += f"Workloads that failed: {', '.join(failed)}.\n\n"
    out = args.out or (None if args.only or args.tiny else Path(__file__).resolve().parent.parent / "BENCHMARKS.md")
    if out is not None:
        out.write_text(header + table + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
