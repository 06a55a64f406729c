"""``python -m geo repair``: shows and (with --write) applies the make_valid repair of :mod:`geo.repair`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from geo import settings
from geo.errors import DataValidationError, Problem
from geo.io import file_version, read_text
from geo.messages import msg
from geo.repair import repair_features
from geo.transaction import FileStore

from .registry import command


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
        raise DataValidationError([Problem(path.name, msg("is not valid JSON ({error})", error=exc.msg))]) from None
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
