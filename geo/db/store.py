"""The PostGIS store: the dataset in a shared database, one version number, every save a transaction.

Reading exports the database at one version (one REPEATABLE READ snapshot) into a read-only data folder
kept per version under ``settings.SNAPSHOT_DIR`` and loads it with :func:`geo.load.load_dataset`, so the
app, the validator (quotes against the stored plan texts included) and the exports run exactly as on
files. A save locks the version row (``SELECT … FOR UPDATE``), refuses if it moved since the editor read
it, validates the resulting dataset, writes only the rows that differ, bumps the version and records who,
when, which plan and every changed row in the audit tables, all in one transaction: a crash or a killed
process rolls it back whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from .. import settings
from ..errors import DataValidationError, Problem
from ..load import Dataset, load_dataset
from ..messages import msg
from ..store import ChangeSet, HistoryEntry, StoreConflictError, current_author
from . import transfer
from .engine import check_schema_name, make_engine, safe_url

_COMPLETE = ".complete"


class StoreNotReadyError(RuntimeError):
    """The database has no parkmap schema yet (run ``python -m geo db init`` and ``db import``)."""


@dataclass
class PostGISStore:
    """The dataset in a PostGIS database chosen by ``PARKMAP_DATABASE_URL``.

    Parameters
    ----------
    url : str
        ``postgresql://user:password@host:port/database``.
    schema : str, optional
        Database schema of the tables; default ``geo.settings.DB_SCHEMA`` (``parkmap``).
    snapshot_dir : path-like, optional
        Where read-only snapshots per version are kept; default ``geo.settings.SNAPSHOT_DIR``.
    """

    url: str
    schema: str = ""
    snapshot_dir: Path | None = None
    kind: str = field(default="postgis", init=False)

    def __post_init__(self) -> None:
        self.schema = check_schema_name(self.schema or settings.DB_SCHEMA)
        ident = hashlib.sha1(f"{safe_url(self.url)}#{self.schema}".encode()).hexdigest()[:12]
        self.snapshot_dir = Path(self.snapshot_dir or settings.SNAPSHOT_DIR) / ident

    @property
    def engine(self) -> Engine:
        """The pooled engine of this URL and schema."""
        return make_engine(self.url, self.schema)

    def __reduce__(self):  # cached datasets and Streamlit keys pickle the store: keep only what rebuilds it
        return (PostGISStore, (self.url, self.schema, self.snapshot_dir.parent if self.snapshot_dir else None))

    def describe(self) -> str:
        """Where the data is, for messages (password hidden)."""
        return f"postgis {safe_url(self.url)} schema '{self.schema}'"

    # ---------------------------------------------------------------------------------------- reading

    def version(self) -> str:
        """The current version number, as text."""
        with self.engine.connect() as conn:
            return str(self._version(conn))

    def fingerprint(self) -> str:
        """``postgis:<database>:<schema>:<version>`` (one small query)."""
        return f"postgis:{safe_url(self.url)}:{self.schema}:{self.version()}"

    def _version(self, conn: Connection, lock: bool = False) -> int:
        sql = "SELECT version FROM store_state WHERE id = 1" + (" FOR UPDATE" if lock else "")
        try:
            v = conn.execute(text(sql)).scalar()
        except ProgrammingError as exc:
            raise StoreNotReadyError(
                f"no parkmap tables in schema '{self.schema}' of {safe_url(self.url)}: "
                "run `python -m geo db init` and `python -m geo db import` first"
            ) from exc
        if v is None:
            raise StoreNotReadyError(f"store_state is empty in schema '{self.schema}': run `python -m geo db init`")
        return int(v)

    def snapshot(self, version: str | None = None) -> tuple[Path, str]:
        """A read-only data folder of the current version (made once per version) and that version.

        Parameters
        ----------
        version : str, optional
            Only return a snapshot of this version (exported now if the database is still at it);
            :class:`StoreConflictError` if the database has moved on and no snapshot of it is kept.
        """
        if version is not None:
            p = self.snapshot_dir / str(version)
            if (p / _COMPLETE).exists():
                return p, str(version)
        with self.engine.connect() as conn:
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            v = str(self._version(conn))
            if version is not None and v != str(version):
                raise StoreConflictError(msg(
                    "the database moved from version {old} to {new} since you read it; reload to see the other "
                    "changes, then apply yours again", old=version, new=v))
            p = self.snapshot_dir / v
            if (p / _COMPLETE).exists():
                return p, v
            tables = transfer.tables_from_db(conn)
        self.snapshot_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{v}.", dir=self.snapshot_dir))
        try:
            transfer.write_folder(tables, tmp / "data")
            (tmp / "data" / _COMPLETE).write_text(v)
            try:
                os.replace(tmp / "data", p)  # another session of this replica may have made it meanwhile
            except OSError:
                if not (p / _COMPLETE).exists():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._prune(keep=v)
        return p, v

    def _prune(self, keep: str, n: int = 4) -> None:
        """Drop old snapshots, keeping the ``n`` newest versions."""
        try:
            olds = sorted((p for p in self.snapshot_dir.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
        except OSError:
            return
        for p in olds[:-n]:
            if p.name != keep:
                shutil.rmtree(p, ignore_errors=True)

    def working_dir(self) -> Path:
        """The snapshot folder of the current version."""
        return self.snapshot()[0]

    def load(self) -> Dataset:
        """The validated dataset at the current version."""
        return load_dataset(self.working_dir())

    # ---------------------------------------------------------------------------------------- writing

    def apply(self, changes: ChangeSet, expected_version: str, author: str = "") -> str:
        """Write one reviewed change set in one transaction if the database is still at ``expected_version``.

        Returns
        -------
        str
            The new version.

        Raises
        ------
        StoreConflictError
            Someone else saved since ``expected_version`` (nothing written).
        DataValidationError
            The dataset after the change would not be valid (nothing written).
        """
        base, _ = self.snapshot(expected_version)
        with tempfile.TemporaryDirectory(prefix="parkmap-change-") as tmp:
            work = Path(tmp) / "data"
            shutil.copytree(base, work, ignore=shutil.ignore_patterns(_COMPLETE))
            root = work.resolve()
            for rel, content in changes.files.items():
                p = (root / rel).resolve()
                if not p.is_relative_to(root):
                    raise DataValidationError([Problem(rel, msg("path is outside the data folder"))])
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(content)
            new = transfer.tables_from_folder(work)  # validates; raises DataValidationError
        return self.write_tables(new, author=author, plan_id=changes.plan_id, summary=changes.summary,
                                 expected_version=expected_version)

    def write_tables(
        self,
        new: transfer.Tables,
        author: str = "",
        plan_id: str = "",
        summary: str = "",
        expected_version: str | None = None,
    ) -> str:
        """Make the database hold ``new`` (only differing rows are written), in one transaction.

        Parameters
        ----------
        new : Tables
            The whole dataset as it should be.
        author, plan_id, summary : str
            Recorded in the audit log.
        expected_version : str, optional
            Refuse with :class:`StoreConflictError` unless the database is at this version.

        Returns
        -------
        str
            The new version (unchanged when nothing differed).
        """
        with self.engine.begin() as conn:
            v = self._version(conn, lock=True)  # serialises writers: the next one waits here
            if expected_version is not None and str(v) != str(expected_version):
                raise StoreConflictError(msg(
                    "someone else saved version {new} after you read version {old}; nothing was written — reload "
                    "to see their changes, then save yours again", new=v, old=expected_version))
            old = transfer.tables_from_db(conn)
            d = transfer.diff(old, new)
            layout_changed = old.layout() != new.layout()
            if d.size() == 0 and not layout_changed:
                return str(v)
            transfer.write_diff(conn, d)
            conn.execute(
                text("INSERT INTO store_meta (key, value) VALUES ('layout', CAST(:v AS jsonb)) "
                     "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"),
                {"v": json.dumps(new.layout(), ensure_ascii=False)},
            )
            nv = v + 1
            conn.execute(text("UPDATE store_state SET version = :v, updated_at = now() WHERE id = 1"), {"v": nv})
            audit_id = conn.execute(
                text("INSERT INTO audit_log (version, author, plan_id, summary, counts) "
                     "VALUES (:v, :a, :p, :s, CAST(:c AS jsonb)) RETURNING audit_id"),
                {"v": nv, "a": author or current_author(), "p": plan_id or "", "s": summary or "",
                 "c": json.dumps(d.counts())},
            ).scalar()
            rows = transfer.audit_rows(d)
            if rows:
                conn.execute(
                    text("INSERT INTO audit_changes (audit_id, seq, table_name, row_key, op, before, after) "
                         "VALUES (:aid, :seq, :table_name, :row_key, :op, CAST(:before AS jsonb), "
                         "CAST(:after AS jsonb))"),
                    [dict(r, aid=audit_id, seq=i, before=json.dumps(r["before"], ensure_ascii=False),
                          after=json.dumps(r["after"], ensure_ascii=False)) for i, r in enumerate(rows)],
                )
        return str(nv)

    def import_folder(self, data_dir: str | os.PathLike, author: str = "", summary: str = "") -> str:
        """Make the database hold the data folder ``data_dir`` (validated first); returns the new version."""
        new = transfer.tables_from_folder(data_dir)
        return self.write_tables(new, author=author, summary=summary or f"import from {Path(data_dir).name}/")

    def export_folder(self, out_dir: str | os.PathLike) -> tuple[Path, str]:
        """Write the current version as a data folder ``out_dir``; returns it and the version."""
        with self.engine.connect() as conn:
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            v = str(self._version(conn))
            tables = transfer.tables_from_db(conn)
        return transfer.write_folder(tables, out_dir), v

    # ---------------------------------------------------------------------------------------- history

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        """The most recent saves with their changed rows, newest first."""
        with self.engine.connect() as conn:
            logs = conn.execute(
                text("SELECT audit_id, version, at, author, plan_id, summary, counts FROM audit_log "
                     "ORDER BY version DESC LIMIT :n"), {"n": int(limit)},
            ).mappings().all()
            ids = [r["audit_id"] for r in logs]
            changes: dict[int, list[dict]] = {i: [] for i in ids}
            if ids:
                for c in conn.execute(
                    text("SELECT audit_id, table_name, row_key, op, before, after FROM audit_changes "
                         "WHERE audit_id = ANY(:ids) ORDER BY audit_id, seq"), {"ids": ids},
                ).mappings():
                    changes[c["audit_id"]].append({k: c[k] for k in ("table_name", "row_key", "op", "before", "after")})
        return [
            HistoryEntry(version=str(r["version"]), at=r["at"].isoformat(), author=r["author"], plan_id=r["plan_id"],
                         summary=r["summary"], changes=changes[r["audit_id"]] or [{"counts": r["counts"]}])
            for r in logs
        ]


def is_reachable(url: str, timeout_s: float = 3.0) -> tuple[bool, str]:
    """Whether a PostgreSQL server answers at ``url``, and why not."""
    import psycopg

    from .engine import driver_url

    try:
        conninfo = driver_url(url).replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(conninfo, connect_timeout=max(1, int(timeout_s))):
            return True, ""
    except (psycopg.Error, OperationalError, ValueError) as exc:
        return False, str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
