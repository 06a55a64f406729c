"""Alembic environment: runs the migrations on the connection handed over by geo.db.schema."""

from __future__ import annotations

from alembic import context

from geo import settings

config = context.config
connection = config.attributes.get("connection")
schema = config.attributes.get("schema", settings.DB_SCHEMA)

if connection is None:  # `alembic` run by hand: build an engine from the configured URL
    from geo.db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url"), schema)
    with engine.begin() as conn:
        context.configure(connection=conn, version_table_schema=schema, transactional_ddl=True)
        with context.begin_transaction():
            context.run_migrations(schema=schema)
else:
    context.configure(connection=connection, version_table_schema=schema, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations(schema=schema)
