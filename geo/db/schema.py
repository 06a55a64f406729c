"""Creating and upgrading the PostGIS store's schema (Alembic) and filling its vocabularies from settings."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from .. import settings
from .engine import check_schema_name, make_engine, safe_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str, schema: str) -> Config:
    """An Alembic configuration for the migrations shipped in the package (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["schema"] = schema
    return cfg


def head_revision() -> str:
    """The newest migration shipped with the code."""
    return ScriptDirectory.from_config(alembic_config("postgresql://", settings.DB_SCHEMA)).get_current_head()


def current_revision(conn: Connection, schema: str) -> str | None:
    """The migration the database is at (``None`` before ``db init``)."""
    ctx = MigrationContext.configure(conn, opts={"version_table_schema": schema})
    return ctx.get_current_revision()


def sync_vocabularies(conn: Connection) -> None:
    """Add the roles, park kinds and geometry qualities of ``geo.settings`` the reference tables lack."""
    conn.execute(text("INSERT INTO roles (role, rank) VALUES (:r, :k) ON CONFLICT (role) DO UPDATE SET rank = :k"),
                 [{"r": r, "k": i} for i, r in enumerate(settings.ROLES)])
    conn.execute(text("INSERT INTO park_kinds (kind) VALUES (:k) ON CONFLICT DO NOTHING"),
                 [{"k": k} for k in settings.PARK_KINDS])
    conn.execute(text("INSERT INTO geometry_qualities (quality) VALUES (:q) ON CONFLICT DO NOTHING"),
                 [{"q": q} for q in settings.GEOMETRY_QUALITIES])


def init(url: str, schema: str | None = None) -> str:
    """Create (or upgrade) the store in ``schema``: PostGIS extension, migrations to head, vocabularies.

    Parameters
    ----------
    url : str
        ``postgresql://…`` of a database the user may create a schema in.
    schema : str, optional
        Default ``geo.settings.DB_SCHEMA``.

    Returns
    -------
    str
        The migration revision the database is now at.
    """
    schema = check_schema_name(schema or settings.DB_SCHEMA)
    engine = make_engine(url, schema)
    with engine.begin() as conn:
        has_postgis = conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).scalar()
        if not has_postgis:
            try:
                with conn.begin_nested():
                    conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            except Exception as exc:
                raise RuntimeError(
                    f"PostGIS is not installed in {safe_url(url)} and this user cannot create it: "
                    f"ask the administrator to run CREATE EXTENSION postgis ({str(exc).splitlines()[0]})"
                ) from None
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
        cfg = alembic_config(url, schema)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        sync_vocabularies(conn)
        return current_revision(conn, schema) or ""


def drop(url: str, schema: str) -> None:
    """Drop the store's schema and everything in it (tests)."""
    schema = check_schema_name(schema)
    with make_engine(url, schema).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
