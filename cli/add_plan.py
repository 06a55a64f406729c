"""``python -m geo add-plan TEXT …``: save a reviewed plan from the command line, by the 添加规划 page's code path."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from geo import add_plan as ap
from geo import settings
from geo.errors import DataValidationError, Problem, WriteConflictError
from geo.io import decode_bytes, read_table
from geo.messages import msg
from geo.tables import restore_text
from geo.transaction import SaveInterruptedError

from .registry import command

#: Exit status of a write conflict (someone else saved first).
EXIT_CONFLICT = 3
_TRUE = {"1", "true", "yes", "y", "x", "✓", "是"}
_FALSE = {"0", "false", "no", "n", "否"}


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", type=Path, help="the plan's text file (UTF-8, UTF-16 with BOM or GBK)")
    p.add_argument("--district", required=True, help="the plan's district, e.g. 合川区")
    p.add_argument("--title", required=True, help="the plan's title")
    p.add_argument("--issued", required=True, metavar="YYYY-MM-DD", help="date of issue")
    p.add_argument("--horizon", required=True, metavar="YYYY", help="the plan's horizon year")
    p.add_argument("--rows", required=True, type=Path, metavar="DRAFT.csv",
                   help="reviewed rows: `geo ingest --format csv` output after review (an include column may "
                        "untick rows; a park_id column names existing parks)")
    p.add_argument("--site", action="append", default=[], metavar="园区名=lon,lat",
                   help="location (WGS84) of a park the plan names that is not in the data yet; repeat per park")
    p.add_argument("--doc-number", default="", help="文号, e.g. 合川府发〔2024〕1号")
    p.add_argument("--title-en", default="", help="English title")
    p.add_argument("--data-dir", type=Path, default=None,
                   help=f"data folder (default: the store: ${settings.DATABASE_URL_ENV} if set, else data/)")


def parse_site(spec: str) -> tuple[str, ap.ParkSite]:
    """``园区名=lon,lat`` → (name, site); raises DataValidationError naming the option."""
    name, sep, coords = spec.partition("=")
    parts = [x.strip() for x in coords.replace("，", ",").split(",")]
    try:
        if not sep or not name.strip() or len(parts) != 2:
            raise ValueError
        lon, lat = (float(x) for x in parts)
    except ValueError:
        raise DataValidationError([Problem("--site", msg("'{spec}' is not 园区名=lon,lat (e.g. 白沙镇=106.27,29.98)", spec=spec))]) \
            from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise DataValidationError([Problem("--site", msg("'{spec}': longitude/latitude out of range", spec=spec))])
    return name.strip(), ap.ParkSite(lat=lat, lon=lon, geometry_quality="approximate",
                                     location_note="located when the plan was added (geo add-plan --site)",
                                     location_note_zh="添加规划时定位（geo add-plan --site）")


def _flag(value: str, pos: int, problems: list[Problem], name: str) -> bool:
    v = str(value).strip().lower()
    if v in _TRUE or v == "":
        return True
    if v in _FALSE:
        return False
    problems.append(Problem(name, msg("include must be true or false, not '{value}'", value=value), pos, "include"))
    return False


def review_from_draft(draft: pd.DataFrame, data_dir: Path, district: str, name: str = "rows") -> pd.DataFrame:
    """The review table (:data:`geo.add_plan.REVIEW_COLUMNS`) of a drafted and reviewed CSV.

    Cells an export neutralised against spreadsheet formulas (``'=…``) are restored; parks without a
    ``park_id`` are matched to existing parks by name, as the page does. Rows of kind ``check`` (sentences
    for the reviewer to read, :func:`geo.ingest.sentences_to_check`) are left out.
    """
    from geo.ingest import match_park
    from geo.ingest.checks import CHECK_KIND

    draft = draft.map(lambda v: restore_text(v) if isinstance(v, str) else v)
    need = {"quote", "kind"} - set(draft.columns)
    if need:
        raise DataValidationError([Problem(name, msg("missing column(s) {columns}: give the output of "
                                                     "`geo ingest --format csv`", columns=sorted(need)))])
    parks = ap.read_parks_table(data_dir)
    problems: list[Problem] = []
    rows = []
    for pos, (_, r) in enumerate(draft.iterrows(), start=1):
        if str(r.get("kind", "") or "").strip() == CHECK_KIND:
            continue  # a sentence to read, not a drafted fact (the reviewer turns it into one by changing its kind)
        row = {c: str(r.get(c, "") or "").strip() if c != "quote" else str(r.get(c, "") or "")
               for c in ap.REVIEW_COLUMNS}
        row["include"] = _flag(r.get("include", ""), pos, problems, name)
        if row["park"] and not row["park_id"]:
            row["park_id"] = match_park(row["park"], parks, district)
        if not row["role"]:
            row["role"] = "total" if row["kind"] == "total" else "lead"
        rows.append(row)
    if problems:
        raise DataValidationError(problems)
    df = pd.DataFrame(rows, columns=ap.REVIEW_COLUMNS)
    for c in ("target_value_yi", "baseline_value_yi", "confidence", "target_year", "baseline_year"):
        vals = pd.to_numeric(df[c], errors="coerce")
        bad = df[c].ne("") & vals.isna()
        for pos in (bad[bad].index + 1):
            problems.append(Problem(name, msg("'{text}' is not a number", text=df.at[pos - 1, c]), int(pos), c))
        df[c] = vals.astype("float64") if c in ("target_value_yi", "baseline_value_yi", "confidence") \
            else vals.astype("Int64")
    if problems:
        raise DataValidationError(problems)
    return df


@command("add-plan", "save a reviewed plan (text + drafted rows) into the data, as the 添加规划 page does")
def add_plan(args: argparse.Namespace) -> int:
    """Build, validate and save one plan; exit 0 (saved), 1 (invalid or not written) or 3 (write conflict)."""
    from geo.store import ChangeSet, open_store
    from geo.store import FileStore as FolderStore
    from geo.transaction import FileStore

    from .ingest import resolve_district

    store = open_store(args.data_dir)
    data_dir = Path(store.working_dir())  # the files, or a snapshot of the database
    if isinstance(store, FolderStore):
        done = FileStore(data_dir).recover()
        if done:
            print(f"note: {done.message()}", file=sys.stderr)
    versions = store.version()  # what this save is checked against (as when the page opens)
    district = resolve_district(args.district, data_dir)
    for path in (args.text, args.rows):
        if not path.is_file():
            raise DataValidationError([Problem(str(path), msg("file not found"))])
    text = decode_bytes(args.text.read_bytes(), args.text.name)
    review = review_from_draft(read_table(args.rows), data_dir, district, args.rows.name)
    sites = dict(parse_site(s) for s in args.site)
    meta = ap.PlanMeta(district=district, title=args.title, issued=args.issued, horizon_year=args.horizon,
                       doc_number=args.doc_number, title_en=args.title_en)
    upd = ap.build_update(data_dir, meta, text, review, sites)
    try:
        store.apply(ChangeSet.from_update(upd), versions)
    except WriteConflictError as exc:
        print(f"CONFLICT: {exc}", file=sys.stderr)
        return EXIT_CONFLICT
    except SaveInterruptedError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"ERROR: could not save ({exc.strerror or exc}): nothing was written, the data is unchanged",
              file=sys.stderr)
        return 1
    print(f"saved plan {upd.plan_id}: {len(upd.cluster_ids)} cluster rows, {len(upd.new_park_ids)} new parks "
          f"in {args.data_dir or (store.describe() if hasattr(store, 'describe') else data_dir)}")
    return 0


add_plan.configure = _configure  # type: ignore[attr-defined]
