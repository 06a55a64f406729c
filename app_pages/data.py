"""The dataset shared by every page and session: one cached load per data version (not a page)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from geo import settings
from geo.load import Dataset, FileDataSource

#: Code that shapes the cached dataset and summaries: editing it invalidates the caches (also the ones on disk).
CODE_FILES = ("geo/io.py", "geo/schema.py", "geo/validate.py", "geo/load.py", "geo/join.py", "geo/taxonomy.py", "geo/settings.py")


def source() -> FileDataSource:
    """The configured data source (``PARKMAP_DATA_DIR`` or data/)."""
    return FileDataSource(Path(settings.DATA_DIR))


def fingerprint(src: FileDataSource) -> str:
    """Key of every data cache: the data source's fingerprint, the plan texts and the code reading them."""
    parts = [src.fingerprint()]
    paths = [settings.ROOT / rel for rel in CODE_FILES]
    texts = Path(src.data_dir) / "plans"
    if texts.is_dir():
        paths += sorted(texts.iterdir())
    for p in paths:
        try:
            stat = p.stat()
            parts.append(f"{p.name}:{stat.st_mtime_ns}:{stat.st_size}")
        except OSError:
            parts.append(f"{p.name}:-")
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


@st.cache_data(show_spinner=False, max_entries=4, persist="disk")
def _stored_dataset(data_dir: str, fingerprint: str) -> Dataset:
    """The validated dataset, also kept in Streamlit's disk cache: a restart on unchanged data skips reading it."""
    return FileDataSource(Path(data_dir)).load()


@st.cache_resource(show_spinner=False, max_entries=4)
def dataset(data_dir: str, fingerprint: str) -> Dataset:
    """One dataset object per data version, shared by every page, session and rerun."""
    return _stored_dataset(data_dir, fingerprint)


def current() -> tuple[Dataset, str]:
    """The current dataset and its fingerprint; raises ``DataValidationError`` on bad data."""
    src = source()
    fp = fingerprint(src)
    return dataset(str(src.data_dir), fp), fp
