"""``python -m geo db init|import|export|history``: the PostGIS store from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import settings

from .registry import command


def _url(args: argparse.Namespace) -> str:
    from geo.store import database_url

    url = args.database_url or database_url()
    if not url:
        raise ValueError(f"no database: set {settings.DATABASE_URL_ENV}=postgresql://… or pass --database-url")
    return url


def _store(args: argparse.Namespace):
    from geo.db.store import PostGISStore

    return PostGISStore(_url(args), args.schema)


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database-url", default=None,
                   help=f"postgresql://user:password@host:port/db (default: ${settings.DATABASE_URL_ENV})")
    p.add_argument("--schema", default=settings.DB_SCHEMA, help=f"database schema (default: {settings.DB_SCHEMA})")
    sub = p.add_subparsers(dest="db_command", required=True)
    sub.add_parser("init", help="create or upgrade the tables (Alembic migrations) and fill the vocabularies")
    imp = sub.add_parser("import", help="validate a data folder and make the database hold it (one transaction)")
    imp.add_argument("--data-dir", type=Path, default=settings.DATA_DIR, help="data folder (default: data/)")
    imp.add_argument("--author", default="", help="name recorded in the history (default: the user)")
    exp = sub.add_parser("export", help="write the database as a data folder")
    exp.add_argument("--out", type=Path, required=True, help="folder to write (becomes a data folder)")
    hist = sub.add_parser("history", help="list the latest saved changes")
    hist.add_argument("-n", type=int, default=20, help="how many (default 20)")


@command("db", "shared PostGIS store: init, import, export, history")
def _db(args: argparse.Namespace) -> int:
    from geo.db.engine import safe_url

    url = _url(args)
    if args.db_command == "init":
        from geo.db.schema import init

        rev = init(url, args.schema)
        print(f"OK: schema '{args.schema}' in {safe_url(url)} is at migration {rev}")
        return 0
    store = _store(args)
    if args.db_command == "import":
        from geo.store import current_author

        v = store.import_folder(args.data_dir, author=args.author or current_author())
        print(f"OK: imported {args.data_dir} into {safe_url(url)} (schema '{args.schema}'), version {v}")
        return 0
    if args.db_command == "export":
        out, v = store.export_folder(args.out)
        print(f"OK: wrote version {v} of {safe_url(url)} to {out}")
        return 0
    for e in store.history(args.n):
        counts = next((c["counts"] for c in e.changes if "counts" in c), None)
        what = counts if counts is not None else f"{len(e.changes)} rows"
        print(f"v{e.version}\t{e.at}\t{e.author}\t{e.plan_id or '-'}\t{e.summary}\t{what}")
    return 0


_db.configure = _configure  # type: ignore[attr-defined]
