"""``python -m geo ingest PATH``: draft cluster rows from a plan (.txt/.docx/.pdf/.html) or a folder of them."""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from geo import settings
from geo.errors import DataValidationError, Problem
from geo.ingest import COLUMNS, draft_rows, findings_frame, sentences_to_check
from geo.ingest.checks import park_choices
from geo.ingest.documents import Document, document_text, documents_in, read_document
from geo.io import atomic_write, read_table
from geo.messages import msg

from .registry import command


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a plan (.txt in UTF-8 or GBK, .docx, .pdf with a text layer, saved .html), "
                                "a folder of them, or - to read text from standard input")
    p.add_argument("--district", default=None,
                   help="the plan's district, e.g. 合川区; short forms work (合川, 酉阳县); a place outside "
                        "Chongqing is kept as a label with a warning. For a folder, default: guessed per document")
    p.add_argument("--plan-id", default=None, help="plan id, used in messages")
    p.add_argument("--horizon", type=int, default=None,
                   help="the plan's horizon year for targets without a year (default: guessed from the text)")
    p.add_argument("--date", default=None,
                   help="the document's date (2015-02-27 or 2015) to resolve 今年/明年 (default: a date found near "
                        "the top of the text, else relative years stay empty)")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    p.add_argument("--out", type=Path, default=None,
                   help="write the review file here (the extracted texts go to <out>_texts/ beside it); "
                        "default: standard output for one plan, DIR/ingest_review.csv for a folder")
    p.add_argument("--no-checks", action="store_true",
                   help="leave out the rows of kind 'check': sentences with no draft that may state a park's "
                        "industries or a 亿元 target, for the reviewer to read (add-plan skips them unless their "
                        "kind is changed)")
    p.add_argument("--data-dir", type=Path, default=settings.DATA_DIR,
                   help="data folder with industries.csv and districts.geojson (default: data/)")


#: Suffixes of district names ("区", "县", "土家族苗族自治县"…), dropped to compare short forms.
_DIST_SUFFIX = re.compile(r"(?:(?:土家族|苗族|回族|彝族|藏族|羌族|满族|蒙古族)+自治县|自治县|新区|区|县|市)$")


def _core(name: str) -> str:
    s = re.sub(r"^(?:重庆市|重庆)", "", name.strip())
    return _DIST_SUFFIX.sub("", s) or s


def known_districts(data_dir: Path) -> list[str]:
    """District names in districts.geojson (empty if the file is missing or unreadable)."""
    path = Path(data_dir) / settings.DISTRICTS_FILE
    if not path.exists():
        return []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return [str(f["properties"]["district"]) for f in doc.get("features", [])]
    except (ValueError, KeyError, TypeError, OSError):
        return []


def district_choice(name: str, data_dir: Path) -> tuple[str, str]:
    """(district, warning) for a ``--district`` value.

    The official name is returned for a known district or a short form of one (合川 → 合川区, 酉阳县 →
    酉阳土家族苗族自治县, 石柱县 → 石柱土家族自治县). A name matching no Chongqing district is kept as it is,
    as a label only, with a warning.

    Raises
    ------
    DataValidationError
        If the name is empty or a short form of several districts.
    """
    name = (name or "").strip()
    if not name:
        raise DataValidationError([Problem("--district", msg("give the plan's district, e.g. --district 合川区"))])
    known = known_districts(data_dir)
    if not known or name in known:
        return name, ""
    core = _core(name)
    hits = [d for d in known if _core(d) == core]
    if not hits:
        hits = [d for d in known if d.startswith(name) or (len(core) >= 1 and _core(d).startswith(core))]
    if len(hits) == 1:
        return hits[0], ""
    if len(hits) > 1:
        raise DataValidationError([Problem("--district", msg("'{name}' could be {choices}: give the full name", name=name,
                                                             choices=hits))])
    return name, (f"'{name}' is not a Chongqing district: it is kept as a label only "
                  f"(no district boundary, so new parks cannot be checked against it)")


def resolve_district(name: str, data_dir: Path) -> str:
    """The official district name for ``name`` (see :func:`district_choice`; the warning is dropped)."""
    return district_choice(name, data_dir)[0]


def guess_district(doc_name: str, text: str, data_dir: Path) -> str:
    """The Chongqing district a document is about: named in its file name, else the one its text names most."""
    known = known_districts(data_dir)
    for d in known:
        if _core(d) and _core(d) in doc_name:
            return d
    counts = {d: text.count(_core(d)) for d in known if len(_core(d)) >= 2}
    best = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
    return best[0] if best[1] else ""


_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?:(?P<d>\d{1,2})\s*日?)?")


def guess_date(text: str) -> str | None:
    """A publication date near the top of a text ("2015-02-27", "2013年2月19日"), as ``YYYY-MM[-DD]``."""
    m = _DATE_RE.search(text[:400])
    if not m or not 1 <= int(m.group("m")) <= 12:
        return None
    return f"{m.group('y')}-{int(m.group('m')):02d}" + (f"-{int(m.group('d')):02d}" if m.group("d") else "")


def _plain(v: object) -> object:
    """A JSON-ready scalar: NaN/NA → None, numpy numbers → Python numbers."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _read_input(path: str) -> Document:
    """The document at ``path`` ('-' = text on standard input)."""
    if path == "-":
        return document_text(sys.stdin.buffer.read(), "<stdin>.txt")
    return read_document(path)


def _render(df: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        from geo.tables import safe_frame  # OWASP: no cell a spreadsheet would run as a formula

        return safe_frame(df).to_csv(index=False, lineterminator="\n")
    recs = [{c: _plain(r[c]) for c in df.columns} for _, r in df.iterrows()]
    return json.dumps(recs, ensure_ascii=False, indent=1) + "\n"


def _draft_one(doc: Document, district: str, args: argparse.Namespace, industries, date: str | None) -> pd.DataFrame:
    found = draft_rows(doc.text, district, args.plan_id or doc.name, industries, horizon_year=args.horizon,
                       document_date=date)
    checks = [] if getattr(args, "no_checks", False) else sentences_to_check(doc.text, found, industries)
    checks = _with_choices(doc.text, checks, found)
    df = findings_frame(found + checks)
    df.insert(0, "district", district)
    if args.plan_id:
        df.insert(0, "plan_id", args.plan_id)
    print(f"{len(found)} findings ({sum(f.target_value_yi is not None for f in found)} targets) from {doc.name}"
          + (f"; {len(checks)} sentences to check (kind 'check')" if checks else ""), file=sys.stderr)
    return df


def _with_choices(text: str, checks: list, found: list) -> list:
    """The sentences to check, those that name no park with the parks the text names around them in their note
    (as the page offers them), nearest first."""
    out = []
    for check, near in zip(checks, park_choices(text, checks, found, limit=4), strict=True):
        if not check.park and near:
            check = replace(check, note=check.note + "; parks named nearby: " + "、".join(near))
        out.append(check)
    return out


def _text_dir(out: Path) -> Path:
    return out.with_name(out.stem + "_texts")


@command("ingest", "draft park→industry rows and 亿元 targets (with verbatim quotes) from plans (.txt/.docx/.pdf/.html)")
def ingest(args: argparse.Namespace) -> int:
    """Print (or write) the drafted findings of one plan or of every plan in a folder."""
    ind_path = Path(args.data_dir) / settings.INDUSTRIES_FILE
    industries = read_table(ind_path) if ind_path.exists() else None
    if args.path != "-" and Path(args.path).is_dir():
        return _ingest_folder(args, industries)
    if args.district is None:
        raise DataValidationError([Problem("--district", msg("give the plan's district, e.g. --district 合川区"))])
    district, warning = district_choice(args.district, args.data_dir)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    doc = _read_input(args.path)
    date = args.date or guess_date(doc.text)
    df = _draft_one(doc, district, args, industries, date)
    if args.out is None:
        sys.stdout.write(_render(df, args.format))
        return 0
    tdir = _text_dir(args.out)
    tdir.mkdir(parents=True, exist_ok=True)
    tfile = tdir / (Path(doc.name).stem + ".txt")
    atomic_write(tfile, doc.text.encode("utf-8"))
    df.insert(0, "text_file", str(tfile.relative_to(args.out.parent)))
    atomic_write(args.out, _render(df, args.format).encode("utf-8"))
    print(f"review file: {args.out}; extracted text: {tfile}", file=sys.stderr)
    return 0


def _ingest_folder(args: argparse.Namespace, industries) -> int:
    """Draft every document of a folder into one review file, keeping each extracted text beside it."""
    folder = Path(args.path)
    out = args.out or folder / ("ingest_review." + args.format)
    tdir = _text_dir(out)
    files = documents_in(folder, skip=(out,))
    if not files:
        raise DataValidationError([Problem(str(folder), msg("has no .txt, .docx, .pdf or .html documents"))])
    fixed = None
    if args.district:
        fixed, warning = district_choice(args.district, args.data_dir)
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
    frames, failed = [], []
    tdir.mkdir(parents=True, exist_ok=True)
    for p in files:
        try:
            doc = read_document(p)
        except DataValidationError as exc:
            failed.append(p.name)
            for prob in exc.problems:
                print(f"skipped: {prob}", file=sys.stderr)
            continue
        district = fixed or guess_district(p.name, doc.text, args.data_dir)
        if not district:
            print(f"warning: {p.name}: district not found in its name or text; give --district", file=sys.stderr)
        date = args.date or guess_date(doc.text)
        df = _draft_one(doc, district, args, industries, date)
        tfile = tdir / (p.name + ".txt")
        atomic_write(tfile, doc.text.encode("utf-8"))
        df.insert(0, "document_date", date or "")
        df.insert(0, "text_file", str(tfile.relative_to(out.parent)))
        df.insert(0, "document", p.name)
        frames.append(df)
    if frames:
        review = pd.concat(frames, ignore_index=True)
        atomic_write(out, _render(review, args.format).encode("utf-8"))
        print(f"review file: {out} ({len(review)} rows from {len(frames)} document(s)); "
              f"extracted texts in {tdir}", file=sys.stderr)
    return 1 if failed else 0


ingest.configure = _configure  # type: ignore[attr-defined]

__all__ = ["COLUMNS", "district_choice", "guess_district", "ingest", "resolve_district"]
