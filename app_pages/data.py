"""The dataset shared by every page and session: one cached load per data version (not a page)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from geo import settings
from geo.load import Dataset
from geo.store import FileStore, Store, open_store

#: Code that shapes the cached dataset and summaries: editing it invalidates the caches (also the ones on disk).
CODE_FILES = ("geo/io.py", "geo/schema.py", "geo/validate.py", "geo/evidence.py", "geo/load.py", "geo/summary.py", "geo/taxonomy.py", "geo/settings.py")


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(data_dir: str, url: str, schema: str) -> Store:
    """One store object per process (its database engine and connection pool are shared by all sessions)."""
    return open_store(url=url) if url else FileStore(Path(data_dir))


def source() -> Store:
    """The configured store: ``PARKMAP_DATABASE_URL`` (PostGIS) if set, else the files (``PARKMAP_DATA_DIR`` or data/)."""
    from geo.store import database_url

    return _store(str(settings.DATA_DIR), database_url(), settings.DB_SCHEMA)


def fingerprint(src: Store) -> str:
    """Key of every data cache: the store's fingerprint (a version number for PostGIS), the plan texts and the code."""
    parts = [src.kind, str(getattr(src, "data_dir", "")), src.fingerprint()]
    paths = [settings.ROOT / rel for rel in CODE_FILES]
    if isinstance(src, FileStore):
        texts = Path(src.data_dir) / "plans"
        if texts.is_dir():
            paths += sorted(texts.iterdir())
    return _stamp(parts, paths, lambda p: p.name)


def code_version(*patterns: str) -> str:
    """Fingerprint (name, size, modification time) of the project files matching ``patterns`` (globs under the
    project root): part of the key of anything kept in Streamlit's disk cache that this code produces."""
    paths = [p for pattern in patterns for p in sorted(settings.ROOT.glob(pattern))]
    return _stamp([], paths, lambda p: str(p.relative_to(settings.ROOT)))


def _stamp(parts: list[str], paths: list[Path], name) -> str:
    """SHA-1 of ``parts`` and each path's name (``name(path)``), modification time and size."""
    for p in paths:
        try:
            stat = p.stat()
            parts.append(f"{name(p)}:{stat.st_mtime_ns}:{stat.st_size}")
        except OSError:
            parts.append(f"{name(p)}:-")
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


@st.cache_data(show_spinner=False, max_entries=4, persist="disk")
def _stored_dataset(_src: Store, fingerprint: str) -> Dataset:
    """The validated dataset, also kept in Streamlit's disk cache: a restart on unchanged data skips reading it."""
    return _src.load()


@st.cache_resource(show_spinner=False, max_entries=4)
def dataset(_src: Store, fingerprint: str) -> Dataset:
    """One dataset object per data version, shared by every page, session and rerun."""
    return _stored_dataset(_src, fingerprint)


def current() -> tuple[Dataset, str]:
    """The current dataset and its fingerprint; raises ``DataValidationError`` on bad data."""
    src = source()
    fp = fingerprint(src)
    return dataset(src, fp), fp
