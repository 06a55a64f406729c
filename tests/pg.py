"""PostGIS test fixtures: the server named by PARKMAP_TEST_DATABASE_URL, one fresh schema per test.

Outside CI the PostGIS tests skip (saying why) when no server is configured or reachable; with
``CI=true`` they fail instead, so a CI run can never pass without exercising the database.
"""

from __future__ import annotations

import os
import uuid

import pytest

URL_ENV = "PARKMAP_TEST_DATABASE_URL"


def _unavailable(why: str):
    msg = (f"PostGIS tests need a server: {why}. Start one with "
           f"`eval \"$(bash scripts/start-test-postgis.sh)\"` (sets {URL_ENV})")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {msg}", pytrace=False)
    pytest.skip(msg)


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of the test server (skip or, in CI, fail when there is none)."""
    url = os.environ.get(URL_ENV, "").strip()
    if not url:
        _unavailable(f"{URL_ENV} is not set")
    from geo.db.store import is_reachable

    ok, why = is_reachable(url)
    if not ok:
        _unavailable(f"no server answers at {url} ({why})")
    return url


@pytest.fixture
def pg_schema(pg_url):
    """A fresh, initialised schema name; dropped after the test."""
    from geo.db import schema as db_schema

    name = "t_" + uuid.uuid4().hex[:10]
    db_schema.init(pg_url, name)
    yield name
    db_schema.drop(pg_url, name)


@pytest.fixture
def pg_store(pg_url, pg_schema, tmp_path):
    """An empty PostGIS store in its own schema with its own snapshot folder."""
    from geo.db.store import PostGISStore

    return PostGISStore(pg_url, pg_schema, snapshot_dir=tmp_path / "snapshots")
