"""Explicit geometry repair: ``python -m geo repair`` shows and (with --write) applies make_valid."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from . import settings
from .cli import command
from .errors import DataValidationError, Problem
from .io import file_version, read_text
from .transaction import FileStore


def repair_features(doc: dict, name: str = settings.PARKS_FILE) -> tuple[dict, list[str]]:
    """Repair invalid (Multi)Polygon geometries of a FeatureCollection with ``make_valid``.

    Only polygonal parts of the repaired geometry are kept, so a park stays a polygon.

    Parameters
    ----------
    doc : dict
        A parsed GeoJSON FeatureCollection.
    name : str
        File name for messages.

    Returns
    -------
    tuple
        The repaired document and one line per repaired feature.
    """
    out = json.loads(json.dumps(doc))
    notes: list[str] = []
    for i, f in enumerate(out.get("features", []), start=1):
        g = f.get("geometry")
        if not g:
            continue
        try:
            geom = shape(g)
        except Exception as exc:
            raise DataValidationError([Problem(name, f"geometry cannot be read: {exc}", i, "geometry")]) from None
        if geom.is_valid:
            continue
        reason = shapely.is_valid_reason(geom)
        fixed = shapely.make_valid(geom)
        if fixed.geom_type == "GeometryCollection":
            polys = [p for p in fixed.geoms if p.geom_type in ("Polygon", "MultiPolygon")]
            fixed = shapely.unary_union(polys) if polys else fixed
        props = f.get("properties") or {}
        rid = props.get("park_id") or props.get("district") or f"feature {i}"
        notes.append(
            f"{name} row {i} ({rid}): {reason} → {fixed.geom_type}, "
            f"area {geom.area:.6f} → {fixed.area:.6f} deg²; review the shape"
        )
        f["geometry"] = mapping(fixed)
    return out, notes


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=settings.DATA_DIR, help="data folder (default: data/)")
    p.add_argument("--file", default=settings.PARKS_FILE, help="GeoJSON file in the data folder")
    p.add_argument("--write", action="store_true", help="write the repaired file (previous version kept)")


@command("repair", "repair invalid polygons with make_valid; shows the changes, writes only with --write")
def _repair(args: argparse.Namespace) -> int:
    path = Path(args.data_dir) / args.file
    version = file_version(path)
    try:
        doc = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataValidationError([Problem(path.name, f"is not valid JSON ({exc.msg})")]) from None
    fixed, notes = repair_features(doc, path.name)
    if not notes:
        print(f"{path.name}: every geometry is valid; nothing to repair")
        return 0
    print("\n".join(notes))
    if args.write:
        FileStore(args.data_dir).apply({args.file: json.dumps(fixed, ensure_ascii=False, indent=1).encode("utf-8")},
                                       {args.file: version})
        print(f"wrote {path} (previous version kept in {path.parent / '.versions'})")
    else:
        print("dry run: add --write to save the repaired file")
    return 0


_repair.configure = _configure  # type: ignore[attr-defined]
