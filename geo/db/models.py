"""SQLAlchemy Core tables of the PostGIS store (created by the Alembic migrations in ``migrations/``)."""

from __future__ import annotations

from geoalchemy2 import Geometry
from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()  # no schema: connections set search_path to the store's schema (geo.db.engine)


def _geom() -> Column:
    return Column("geom", Geometry(geometry_type="GEOMETRY", srid=4326, spatial_index=False), nullable=False)


def _tail() -> list[Column]:
    return [Column("ord", Integer, nullable=False), Column("extra", JSONB, nullable=False)]


districts = Table(
    "districts", metadata,
    Column("district", Text, primary_key=True), Column("district_en", Text, nullable=False),
    *_tail(), _geom(),
)
plans = Table(
    "plans", metadata,
    Column("plan_id", Text, primary_key=True), Column("district", Text, nullable=False),
    Column("title", Text, nullable=False), Column("doc_number", Text, nullable=False),
    Column("issued", Date, nullable=False), Column("horizon_year", Integer, nullable=False),
    Column("text_file", Text, nullable=False), *_tail(),
)
plan_texts = Table(
    "plan_texts", metadata, Column("plan_id", Text, primary_key=True), Column("content", Text, nullable=False),
)
parks = Table(
    "parks", metadata,
    Column("park_id", Text, primary_key=True), Column("name_zh", Text, nullable=False),
    Column("name_en", Text, nullable=False), Column("district", Text, nullable=False),
    Column("kind", Text, nullable=False), Column("tier", Text, nullable=False),
    Column("plan_ids", Text, nullable=False), Column("area_km2", Float),
    Column("area_quote", Text, nullable=False), Column("geometry_quality", Text, nullable=False),
    Column("location_note", Text, nullable=False), Column("quote", Text, nullable=False),
    *_tail(), _geom(),
)
industries = Table(
    "industries", metadata,
    Column("sector", Text, primary_key=True), Column("chain", Text, primary_key=True),
    Column("name_en", Text, nullable=False), Column("color", Text, nullable=False),
    Column("synonyms", Text, nullable=False), *_tail(),
)
clusters = Table(
    "clusters", metadata,
    Column("cluster_id", Text, primary_key=True), Column("plan_id", Text, nullable=False),
    Column("district", Text, nullable=False), Column("park_ids", Text, nullable=False),
    Column("name_as_written", Text, nullable=False), Column("sector", Text, nullable=False),
    Column("chain", Text, nullable=False), Column("role", Text, nullable=False),
    Column("target_value_yi", Float), Column("target_year", Integer),
    Column("baseline_value_yi", Float), Column("baseline_year", Integer),
    Column("quote", Text, nullable=False), *_tail(),
)
files = Table(
    "files", metadata, Column("path", Text, primary_key=True), Column("content", LargeBinary, nullable=False),
)
store_state = Table(
    "store_state", metadata, Column("id", Integer, primary_key=True), Column("version", BigInteger, nullable=False),
)
store_meta = Table("store_meta", metadata, Column("key", Text, primary_key=True), Column("value", JSONB))
audit_log = Table(
    "audit_log", metadata,
    Column("audit_id", BigInteger, primary_key=True), Column("version", BigInteger, nullable=False),
    Column("at"), Column("author", Text, nullable=False), Column("plan_id", Text), Column("summary", Text),
    Column("counts", JSONB),
)
audit_changes = Table(
    "audit_changes", metadata,
    Column("audit_id", BigInteger, primary_key=True), Column("seq", Integer, primary_key=True),
    Column("table_name", Text), Column("row_key", Text), Column("op", Text),
    Column("before", JSONB), Column("after", JSONB),
)

#: The dataset's tables in the order they are written (parents first), with their key columns.
DATA_TABLES: dict[str, Table] = {
    "districts": districts, "plans": plans, "plan_texts": plan_texts, "parks": parks,
    "industries": industries, "clusters": clusters, "files": files,
}


def key_columns(table: Table) -> list[str]:
    """Names of the primary-key columns of ``table``."""
    return [c.name for c in table.primary_key.columns]
