"""``python -m geo export``: print maps (PNG/PDF/SVG), offline HTML and tables (XLSX/CSV/GeoJSON) of a view."""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path

from .registry import command

#: Output suffix → kind of export.
IMAGE_SUFFIXES = (".png", ".pdf", ".svg")
TABLE_SUFFIXES = (".xlsx", ".csv", ".geojson")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = IMAGE_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, help="output file: .png .pdf .svg .html .xlsx .csv or .geojson")
    p.add_argument("--per-district", type=Path, metavar="DIR",
                   help="also write one map per district that has parks into DIR (format from --out, else png)")
    p.add_argument("--data-dir", type=Path, default=None, help="data folder (default: the configured store, data/)")
    p.add_argument("--district", nargs="+", action="extend", default=[], metavar="NAME",
                   help="keep only these districts (e.g. 合川区)")
    p.add_argument("--sector", nargs="+", action="extend", default=[], metavar="NAME",
                   help="keep parks with these industries (sector names as in industries.csv)")
    p.add_argument("--tier", nargs="+", action="extend", default=[], metavar="NAME", help="keep only these park tiers")
    p.add_argument("--min-scale", type=float, default=0.0, metavar="YI", help="minimum target scale in 亿元")
    p.add_argument("--search", default="", help="keep parks whose name or id contains this text")
    p.add_argument("--plan", default="latest", help="plans: latest (default), all, or a plan id")
    p.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    p.add_argument("--paper", choices=("a4", "a3"), default="a4", help="paper size (default a4)")
    p.add_argument("--orientation", choices=("landscape", "portrait"), default="landscape",
                   help="page orientation (default landscape)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="map language (default zh)")
    p.add_argument("--title", default="", help="map title (default: made from the filters)")
    p.add_argument("--credit", default="", help="审图号 / basemap credit line printed under the map")
    p.add_argument("--basemap", default="none", help="HTML export only: basemap key (none, osm, gaode, tianditu, custom)")


def _check_view(ds, view) -> None:
    """Raise ValueError naming unknown districts, sectors or plans."""
    known = list(ds.districts["district"])
    bad = [d for d in view.districts if d not in known]
    if bad:
        with_parks = sorted(set(ds.parks["district"]))
        raise ValueError(f"unknown district(s) {', '.join(bad)}; districts with parks: {', '.join(with_parks)}")
    from geo.taxonomy import sectors

    names = list(sectors(ds.industries)["sector"])
    bad = [s for s in view.sectors if s not in names]
    if bad:
        raise ValueError(f"unknown sector(s) {', '.join(bad)}; use one of: {', '.join(names)}")
    plans = list(ds.plans["plan_id"])
    if view.vintage not in ("latest", "all", *plans):
        raise ValueError(f"unknown plan '{view.vintage}'; use latest, all or one of: {', '.join(plans)}")


def _render(ds, view, path: Path, args: argparse.Namespace) -> bytes:
    """The bytes of one export, chosen by the output's suffix."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        from layers.printmap.export import export_map
        from layers.printmap.page import PrintOptions

        opts = PrintOptions(paper=args.paper, orientation=args.orientation, dpi=args.dpi, title=args.title,
                            credit=args.credit)
        return export_map(ds, view, suffix[1:], opts)
    if suffix in HTML_SUFFIXES:
        from layers.html_export import export_html

        return export_html(ds, view, title=args.title).encode("utf-8")
    from geo import tables

    if suffix == ".xlsx":
        from layers import workbook

        return workbook.to_xlsx(ds, view)
    if suffix == ".csv":
        return tables.to_csv(ds, view)
    return tables.to_geojson(ds, view)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
#: Longest file name stem written (characters), well inside every file system's 255-byte limit.
MAX_STEM = 80


def safe_filename(stem: str, fallback: str = "district") -> str:
    """A file name stem made from data: no folders, separators, control or reserved characters, not hidden.

    ``/../../x`` → ``x``; ``合川区_Hechuan`` stays; an empty result or a Windows device name gives ``fallback``.
    """
    s = unicodedata.normalize("NFKC", str(stem))
    s = _UNSAFE.sub("_", s)
    s = re.sub(r"\.{2,}", "_", s)
    s = re.sub(r"[_ ]*_[_ ]*", "_", s).strip(" ._")
    s = s[:MAX_STEM].rstrip(" .")
    if not s or s.split(".")[0].lower() in _RESERVED:
        return fallback
    return s


def confined(folder: Path, name: str) -> Path:
    """``folder / name``, refused (ValueError) unless it stays directly inside ``folder``."""
    base = folder.resolve()
    path = (base / name).resolve()
    if path.parent != base:
        raise ValueError(f"refusing to write '{name}' outside {folder}")
    return folder / name


def _write(path: Path, data: bytes) -> None:
    """Write an export atomically (geo.io.atomic_write) with ordinary file permissions and no lock file left."""
    from geo.io import atomic_write

    lock = path.with_name(f".{path.name}.lock")
    had_lock = lock.exists()
    atomic_write(path, data, keep_previous=False)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
    if not had_lock:
        lock.unlink(missing_ok=True)


@command("export", "export the map (png/pdf/svg/html) or tables (xlsx/csv/geojson) of a filtered view")
def export(args: argparse.Namespace) -> int:
    """Write the requested exports; bad input → exit 1 with a message."""
    from geo.store import open_store
    from geo.view import View, apply_view

    if args.out is None and args.per_district is None:
        raise ValueError("give --out FILE and/or --per-district DIR")
    for path in (args.out,):
        if path is not None and path.suffix.lower() not in SUFFIXES:
            raise ValueError(f"cannot export '{path.name}': use one of {' '.join(SUFFIXES)}")
    per_suffix = ".png"
    if args.per_district is not None and args.out is not None:
        per_suffix = args.out.suffix.lower()
        if per_suffix not in IMAGE_SUFFIXES + HTML_SUFFIXES:
            raise ValueError(f"--per-district writes maps; '{per_suffix}' is not a map format (png, pdf, svg, html)")
    if not 50 <= args.dpi <= 600:
        raise ValueError(f"--dpi {args.dpi} is out of range (50–600)")
    view = View(
        districts=tuple(args.district), sectors=tuple(args.sector), tiers=tuple(args.tier),
        vintage=args.plan, min_scale_yi=max(0.0, args.min_scale), search=args.search, lang=args.lang,
        basemap=args.basemap,
    )
    ds = open_store(args.data_dir).load()
    _check_view(ds, view)
    try:
        if args.out is not None:
            n = len(apply_view(ds, view))
            _write(args.out, _render(ds, view, args.out, args))
            note = "" if n else " (no park matches the filters)"
            print(f"wrote {args.out} ({n} parks){note}")
        if args.per_district is not None:
            from layers.labels import district_en
            from layers.printmap.export import per_district_views

            views = per_district_views(ds, view)
            en = district_en(ds.districts)
            for v in views:
                d = v.districts[0]
                stem = safe_filename(f"{d}_{en.get(d, '') or 'district'}")
                path = confined(args.per_district, f"{stem}{per_suffix}")
                _write(path, _render(ds, v, path, args))
                print(f"wrote {path}")
            if not views:
                print("no district has parks under these filters; nothing written", file=sys.stderr)
    except RuntimeError as exc:  # e.g. the CJK font package is missing
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


export.configure = _configure  # type: ignore[attr-defined]
