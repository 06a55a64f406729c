"""Benchmark: print export of the whole shipped view as an A4 300 dpi PNG (goal: under 3 s), plus PDF, SVG and tables.

Run ``python -m bench.export_png`` (prints ``TIME export_png_a4_300dpi <seconds>``, median of 3) or via ``python -m bench``.
"""

from __future__ import annotations

import sys
import time

from .common import Result, median_time


def run(quick: bool = False, tiny: bool = False) -> list[Result]:
    """Time the exports on data/ (dataset loaded once, fonts registered by a first untimed call); ``tiny`` = quick."""
    from geo import tables
    from geo.load import load_dataset
    from geo.settings import DATA_DIR
    from geo.view import View
    from layers.printmap.export import export_map
    from layers.printmap.page import PrintOptions

    ds = load_dataset(DATA_DIR)
    view = View()
    t0 = time.perf_counter()
    png = export_map(ds, view, "png", PrintOptions())
    first = time.perf_counter() - t0
    repeat = 1 if quick else 3
    png_s, png = median_time(lambda: export_map(ds, view, "png", PrintOptions()), repeat)
    out = [
        Result("export_png_a4_300dpi", "TIME", png_s, note=f"{len(png) / 1e6:.1f} MB, whole shipped view", goal="< 3 s"),
        Result("export_png_a4_300dpi_first_call", "TIME", first, note="includes font registration"),
    ]
    if not (quick or tiny):
        a3, _ = median_time(lambda: export_map(ds, view, "png", PrintOptions(paper="a3")), repeat)
        pdf, _ = median_time(lambda: export_map(ds, view, "pdf", PrintOptions()), repeat)
        svg, _ = median_time(lambda: export_map(ds, view, "svg", PrintOptions()), repeat)
        xlsx, _ = median_time(lambda: tables.to_xlsx(ds, view), repeat)
        out += [
            Result("export_png_a3_300dpi", "TIME", a3),
            Result("export_pdf_a4", "TIME", pdf, note="TrueType subset embedded"),
            Result("export_svg_a4", "TIME", svg, note="text as paths"),
            Result("export_xlsx", "TIME", xlsx, note="parks, clusters, overlaps"),
        ]
    return out


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv[1:]):
        print(r.line())
