"""The PostGIS store: schema (Alembic migrations), import/export of data folders, the store and spatial queries."""
