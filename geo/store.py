"""Where the dataset lives: one store interface, the data folder (default) or a shared PostGIS database.

Every reader (pages, CLI, exports) asks :func:`open_store` for the configured store and calls
:meth:`Store.load`; every writer hands one reviewed :class:`ChangeSet` to :meth:`Store.apply` with the
version it read (optimistic concurrency: a newer version raises :class:`StoreConflictError`, nothing is
written). ``PARKMAP_DATABASE_URL=postgresql://…`` selects the PostGIS store (:mod:`geo.db`); without it,
the files in ``data/`` (or ``PARKMAP_DATA_DIR``) are the store, as in a fresh clone.
"""

from __future__ import annotations

import getpass
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from . import load as _load
from . import settings
from .errors import WriteConflictError
from .load import Dataset, FileDataSource
from .messages import msg


class StoreConflictError(WriteConflictError):
    """The store changed since the caller read it (someone else saved first); nothing was written."""


@dataclass(frozen=True)
class ChangeSet:
    """One reviewed change to the dataset, written all at once or not at all.

    Parameters
    ----------
    files : dict
        Path inside a data folder (``plans.csv``, ``clusters.csv``, ``parks.geojson``,
        ``plans/<plan_id>.txt`` …) → its complete new content.
    plan_id : str
        The plan the change comes from (recorded in the history).
    summary : str
        One line saying what the change is.
    """

    files: dict[str, bytes]
    plan_id: str = ""
    summary: str = ""
    text_version: str = ""  # version of an orphan plan text the change replaces ("" = it must not exist)

    @classmethod
    def from_update(cls, update, summary: str = "") -> ChangeSet:
        """The change set of a :class:`geo.add_plan.Update` (a plan added on the 添加规划 page)."""
        n = len(getattr(update, "cluster_ids", []) or [])
        parks = len(getattr(update, "new_park_ids", {}) or {})
        return cls(
            files=dict(update.files),
            plan_id=update.plan_id,
            summary=summary or f"add plan {update.plan_id}: {n} cluster rows, {parks} new parks",
            text_version=getattr(update, "text_version", ""),
        )

    def text_file(self) -> str:
        """The plan text the change adds (``plans/<plan_id>.txt``), or ``""``."""
        return next((k for k in self.files if k.startswith("plans/")), "")


@dataclass(frozen=True)
class HistoryEntry:
    """One saved change: when, who, which plan, what changed and the version it produced."""

    version: str
    at: str
    author: str
    plan_id: str
    summary: str
    changes: list[dict] = field(default_factory=list)


class Store(Protocol):
    """What the app, the CLI and the exports need from wherever the dataset is kept."""

    #: Short name shown to users (``files`` or ``postgis``).
    kind: str

    def load(self) -> Dataset:
        """The validated dataset at the current version; raises ``DataValidationError`` on bad data."""
        ...

    def fingerprint(self) -> str:
        """A cheap string that changes whenever the data changes (cache key)."""
        ...

    def version(self) -> str:
        """The version token to pass to :meth:`apply` (read when a user starts editing)."""
        ...

    def working_dir(self) -> Path:
        """A data folder holding the current content (read it, never write it)."""
        ...

    def apply(self, changes: ChangeSet, expected_version: str, author: str = "") -> str:
        """Write ``changes`` atomically if the store is still at ``expected_version``; return the new version.

        Raises :class:`StoreConflictError` when someone else saved first and ``DataValidationError``
        when the result would not be valid; in both cases nothing is written.
        """
        ...

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        """The most recent saved changes, newest first."""
        ...


def current_author() -> str:
    """Who is saving: ``PARKMAP_USER`` if set, else the operating-system user."""
    try:
        return os.environ.get("PARKMAP_USER") or getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (containers)
        return "unknown"


# ------------------------------------------------------------------------------------------------ files


HISTORY_FILE = "history.jsonl"


@dataclass(frozen=True)
class FileStore:
    """The dataset as files in one folder (the embedded default); saves go through :mod:`geo.add_plan`."""

    data_dir: Path = settings.DATA_DIR
    kind: str = "files"

    def load(self) -> Dataset:
        """Read and validate the folder (:func:`geo.load.load_dataset`)."""
        return _load.load_dataset(self.data_dir)

    def fingerprint(self) -> str:
        """Modification times and sizes of the data files."""
        return FileDataSource(Path(self.data_dir)).fingerprint()

    def version(self) -> str:
        """Content hashes of the files a save touches (plans, parks, clusters, site history), as one JSON string."""
        from .add_plan import read_versions
        from .io import file_version

        versions = read_versions(self.data_dir)
        versions[settings.SITE_HISTORY_FILE] = file_version(Path(self.data_dir) / settings.SITE_HISTORY_FILE)
        return json.dumps(versions, sort_keys=True)

    def working_dir(self) -> Path:
        """The data folder itself."""
        return Path(self.data_dir)

    def apply(self, changes: ChangeSet, expected_version: str, author: str = "") -> str:
        """Save with :func:`geo.add_plan.save_update` (validated, atomic, versioned) and log it."""
        from .add_plan import Update, save_update

        try:
            versions = json.loads(expected_version) if expected_version else {}
            if not isinstance(versions, dict):
                raise ValueError(expected_version)
        except ValueError:  # JSONDecodeError included
            raise StoreConflictError(msg(
                "the version you read does not belong to this data folder; reload and apply your change again"
            )) from None
        try:
            if changes.text_file():  # a plan added: its text, parks, clusters and plans (geo.add_plan)
                update = Update(plan_id=changes.plan_id, text_file=changes.text_file(), files=dict(changes.files),
                                text_version=changes.text_version)
                save_update(self.data_dir, update, versions)
            else:  # any other reviewed change (a corrected site …): checked in a copy, then one transaction
                self._apply_files(changes, versions)
        except StoreConflictError:
            raise
        except WriteConflictError as exc:
            raise StoreConflictError(*exc.args) from exc
        new = self.version()
        entry = {
            "version": new, "at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "author": author or current_author(),
            "plan_id": changes.plan_id, "summary": changes.summary,
            "changes": [{"file": k, "op": "write"} for k in changes.files],
        }
        log = Path(self.data_dir) / ".versions" / HISTORY_FILE
        log.parent.mkdir(exist_ok=True)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return new

    def _apply_files(self, changes: ChangeSet, versions: dict[str, str]) -> None:
        from .errors import DataValidationError
        from .io import file_version
        from .load import check_changes
        from .transaction import FileStore as Folder

        d = Path(self.data_dir)
        folder = Folder(d)
        folder.recover()
        changed = [rel for rel in changes.files if file_version(d / rel) != versions.get(rel, "")]
        if changed:
            raise StoreConflictError(msg(
                "{files} changed since you opened the page (someone else saved); reload to see their changes, then "
                "apply yours again — nothing was written", files=changed))
        problems = check_changes(d, dict(changes.files))
        if problems:
            raise DataValidationError(problems)
        folder.apply(dict(changes.files), {rel: versions.get(rel, "") for rel in changes.files})

    def history(self, limit: int = 50) -> list[HistoryEntry]:
        """Saves logged in ``.versions/history.jsonl``, newest first."""
        log = Path(self.data_dir) / ".versions" / HISTORY_FILE
        if not log.exists():
            return []
        out = []
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                e = json.loads(line)
            except json.JSONDecodeError:  # a torn last line from a crash: skip it
                continue
            out.append(HistoryEntry(**{k: e.get(k, "" if k != "changes" else []) for k in HistoryEntry.__annotations__}))
        return list(reversed(out))[:limit]


# ------------------------------------------------------------------------------------------------ choice


def database_url() -> str:
    """The configured database URL (``PARKMAP_DATABASE_URL``), or ``""`` for the files."""
    return os.environ.get(settings.DATABASE_URL_ENV, "").strip()


def open_store(data_dir: str | os.PathLike | None = None, url: str | None = None) -> Store:
    """The configured store.

    Parameters
    ----------
    data_dir : path-like, optional
        An explicit data folder (``--data-dir``): always the files.
    url : str, optional
        A database URL; default ``PARKMAP_DATABASE_URL``.

    Returns
    -------
    Store
        :class:`FileStore` unless a ``postgresql://`` URL is configured, then
        :class:`geo.db.store.PostGISStore`.
    """
    if data_dir is not None:
        return FileStore(Path(data_dir))
    url = database_url() if url is None else url
    if url:
        from .db.store import PostGISStore

        return PostGISStore(url)
    return FileStore(Path(settings.DATA_DIR))
