"""``python -m geo sites import FILE --park ID [--crs CRS]``: a park's site from a GIS/CAD boundary file; ``sites history``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import settings
from geo.errors import SiteRejectedError, WriteConflictError

from .registry import command


def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="sites_command", required=True)
    imp = sub.add_parser(
        "import",
        help="replace a park's site by the boundary (or point) in FILE; exit 1, nothing changed, when refused",
        description="Read FILE (GeoJSON, KML/KMZ, zipped Shapefile, GeoPackage or DXF), convert it to WGS84, "
        "check it (valid polygon, inside the park's district, area plausible against the plan's) and save it "
        "as the park's surveyed site; the previous site goes to site_history.geojson.",
    )
    imp.add_argument("file", type=Path, help="boundary file")
    imp.add_argument("--park", required=True, help="park_id of the park")
    imp.add_argument(
        "--crs", default=None,
        help="coordinate system of FILE when it does not declare one: an EPSG code (e.g. EPSG:4545, "
        "CGCS2000 3° Gauss–Krüger 108°E) or WGS84, CGCS2000, GCJ-02, BD-09 (default: what the file says, else WGS84)",
    )
    imp.add_argument("--data-dir", type=Path, default=None,
                     help=f"data folder (default: the store: ${settings.DATABASE_URL_ENV} if set, else data/)")
    imp.add_argument("--editor", default=None, help="who made the correction (default: the user name)")
    imp.add_argument("--source", default=None, help="where the file comes from (default: its name and CRS)")
    hist = sub.add_parser("history", help="list the earlier sites of a park (or of every park)")
    hist.add_argument("--park", default=None, help="park_id (default: all parks)")
    hist.add_argument("--data-dir", type=Path, default=None,
                      help=f"data folder (default: the store: ${settings.DATABASE_URL_ENV} if set, else data/)")


def _editor() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


@command("sites", "correct park sites: import a boundary file (any common datum) or list the site history")
def _sites(args: argparse.Namespace) -> int:
    from geo import sites
    from geo.store import ChangeSet, open_store

    store = open_store(args.data_dir)
    work = store.working_dir()  # the files, or a snapshot of the database
    if args.sites_command == "history":
        hist = sites.read_history(work, args.park)
        if hist.empty:
            print("no earlier sites")
            return 0
        cols = ["park_id", "replaced_at", "replaced_by", "geometry_quality", "new_quality", "new_source"]
        hist.assign(geometry=hist["geometry"].map(lambda g: g.wkt[:60] if g is not None else ""))[
            [*cols, "geometry"]].to_csv(sys.stdout, index=False)
        return 0
    try:
        version = store.version()  # what this save is checked against
        props = sites.park_properties(work, args.park)
        b = sites.read_boundary(args.file, crs=args.crs, park=props)
        source = args.source or f"{b.file} ({b.format}, {b.crs})"
        editor = args.editor or _editor()
        files, change = sites.site_change(work, args.park, b.geometry, "surveyed", source, editor, file=b.file)
        store.apply(ChangeSet(files=files, summary=f"site corrected: {change.summary()}"), version, author=editor)
    except SiteRejectedError as exc:
        for p in exc.problems:
            print(f"REFUSED: {p}", file=sys.stderr)
        print("nothing was changed", file=sys.stderr)
        return 1
    except WriteConflictError as exc:
        print(f"CONFLICT: {exc}", file=sys.stderr)
        return 1
    notes = "; ".join((*b.notes, *change.notes))
    print(f"OK: {change.summary()} from {b.file} ({b.crs})" + (f" — {notes}" if notes else ""))
    return 0


_sites.configure = _configure  # type: ignore[attr-defined]
