"""Alembic migrations of the PostGIS store (run by ``python -m geo db init``)."""
