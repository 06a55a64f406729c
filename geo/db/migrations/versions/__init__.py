"""Alembic revision scripts of the PostGIS store, oldest first."""
