"""Database engines for the PostGIS store: one pooled SQLAlchemy engine per URL and schema per process."""

from __future__ import annotations

import re
import threading

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from .. import settings

_ENGINES: dict[tuple[str, str], Engine] = {}
_LOCK = threading.Lock()
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def driver_url(url: str) -> str:
    """``postgresql://…`` (and ``postgres://``) with the psycopg 3 driver named, as SQLAlchemy wants it."""
    u = url.strip()
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if u.startswith(prefix):
            return "postgresql+psycopg://" + u[len(prefix):]
    raise ValueError(f"{settings.DATABASE_URL_ENV} must start with postgresql:// (got {safe_url(u)!r})")


def safe_url(url: str) -> str:
    """The URL with any password hidden (for messages and logs)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not parseable: show only the scheme
        return url.split("://", 1)[0] + "://…"


def check_schema_name(schema: str) -> str:
    """``schema`` if it is a plain lower-case identifier (it is put into SQL), else ``ValueError``."""
    if not _SCHEMA_NAME.match(schema or ""):
        raise ValueError(f"database schema name {schema!r} must be lower-case letters, digits and '_'")
    return schema


def make_engine(url: str, schema: str | None = None) -> Engine:
    """A pooled engine whose connections use ``schema`` (then ``public``, where PostGIS lives).

    Parameters
    ----------
    url : str
        ``postgresql://user:password@host:port/database``.
    schema : str, optional
        Schema of the store's tables; default ``geo.settings.DB_SCHEMA``.

    Returns
    -------
    sqlalchemy.Engine
    """
    schema = check_schema_name(schema or settings.DB_SCHEMA)
    key = (url, schema)
    with _LOCK:
        eng = _ENGINES.get(key)
        if eng is None:
            eng = create_engine(
                driver_url(url),
                pool_pre_ping=True,
                pool_size=5,
                max_overflow=5,
                connect_args={"options": f"-c search_path={schema},public", "connect_timeout": 10},
            )
            _ENGINES[key] = eng
        return eng


def dispose_all() -> None:
    """Close every pooled connection (tests, forked workers)."""
    with _LOCK:
        for eng in _ENGINES.values():
            eng.dispose()
        _ENGINES.clear()
