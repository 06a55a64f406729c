"""``python -m geo ingest FILE|- --district 区名``: draft cluster rows from a plan's text, as CSV or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from . import settings
from .cli import command
from .errors import DataValidationError, Problem
from .ingest import COLUMNS, draft_rows, findings_frame
from .io import decode_bytes, read_table


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="plan text file (UTF-8 or GBK), or - to read standard input")
    p.add_argument("--district", required=True, help="the plan's district, e.g. 合川区 (合川 is accepted)")
    p.add_argument("--plan-id", default=None, help="plan id, used in messages")
    p.add_argument("--horizon", type=int, default=None,
                   help="the plan's horizon year for targets without a year (default: guessed from the text)")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    p.add_argument("--data-dir", type=Path, default=settings.DATA_DIR,
                   help="data folder with industries.csv and districts.geojson (default: data/)")


def resolve_district(name: str, data_dir: Path) -> str:
    """The full district name for ``name`` ("合川" → "合川区"), checked against districts.geojson if present.

    Raises
    ------
    DataValidationError
        If the name is empty, unknown or ambiguous.
    """
    name = (name or "").strip()
    if not name:
        raise DataValidationError([Problem("--district", "give the plan's district, e.g. --district 合川区")])
    path = Path(data_dir) / settings.DISTRICTS_FILE
    if not path.exists():
        return name
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        known = [str(f["properties"]["district"]) for f in doc.get("features", [])]
    except (ValueError, KeyError, TypeError, OSError):
        return name
    if name in known:
        return name
    hits = [d for d in known if d.startswith(name)]
    if len(hits) == 1:
        return hits[0]
    hint = f" (did you mean {', '.join(hits)}?)" if hits else f" (known: {'、'.join(known[:10])}…)"
    raise DataValidationError([Problem("--district", f"unknown district '{name}'{hint}")])


def _plain(v: object) -> object:
    """A JSON-ready scalar: NaN/NA → None, numpy numbers → Python numbers."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _read_input(file: str) -> tuple[str, str]:
    """(text, name) from a path or standard input."""
    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(file)
        if not p.exists():
            raise DataValidationError([Problem(file, "file not found")])
        if p.is_dir():
            raise DataValidationError([Problem(file, "is a folder, not a text file")])
        data = p.read_bytes()
        name = p.name
    if b"\x00" in data[:4096]:
        raise DataValidationError([Problem(name, "looks like a binary file (Word/PDF?); save the plan as plain text")])
    text = decode_bytes(data, name)
    if not text.strip():
        raise DataValidationError([Problem(name, "is empty")])
    return text, name


@command("ingest", "draft park→industry rows and 亿元 targets (with verbatim quotes) from a plan's text")
def ingest(args: argparse.Namespace) -> int:
    """Print the drafted findings of one plan text."""
    district = resolve_district(args.district, args.data_dir)
    text, name = _read_input(args.file)
    ind_path = Path(args.data_dir) / settings.INDUSTRIES_FILE
    industries = read_table(ind_path) if ind_path.exists() else None
    found = draft_rows(text, district, args.plan_id or name, industries, horizon_year=args.horizon)
    df = findings_frame(found)
    df.insert(0, "district", district)
    if args.plan_id:
        df.insert(0, "plan_id", args.plan_id)
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        recs = [{c: _plain(r[c]) for c in df.columns} for _, r in df.iterrows()]
        json.dump(recs, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    print(f"{len(found)} findings ({sum(f.target_value_yi is not None for f in found)} targets) from {name}",
          file=sys.stderr)
    return 0


ingest.configure = _configure  # type: ignore[attr-defined]

__all__ = ["COLUMNS", "ingest", "resolve_district"]
