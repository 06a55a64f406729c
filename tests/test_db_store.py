"""The PostGIS store: round trip, schema constraints, change sets, conflicts, history, a killed writer, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import shapely
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cli.main import main
from geo import add_plan as ap
from geo import settings
from geo.errors import DataValidationError, WriteConflictError
from geo.io import file_version
from geo.load import Dataset, load_dataset
from geo.store import ChangeSet, FileStore, StoreConflictError, open_store
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parent.parent
NEW_TEXT = "甲区新方案。丙园重点发展电子信息。到2027年，电子信息产业产值达到80亿元。"


def assert_same_dataset(a: Dataset, b: Dataset, tol: float = 1e-9) -> None:
    """Every cell of every table equal, every geometry within ``tol`` degrees, the plan texts equal."""
    for name in ("plans", "clusters", "industries"):
        pd.testing.assert_frame_equal(getattr(a, name).reset_index(drop=True), getattr(b, name).reset_index(drop=True))
    for name in ("parks", "districts"):
        x, y = getattr(a, name).reset_index(drop=True), getattr(b, name).reset_index(drop=True)
        pd.testing.assert_frame_equal(pd.DataFrame(x.drop(columns="geometry")), pd.DataFrame(y.drop(columns="geometry")))
        assert len(x) == len(y)
        for g, h in zip(x.geometry, y.geometry, strict=True):
            assert g.geom_type == h.geom_type
            assert shapely.equals_exact(g, h, tolerance=tol), (name, g.wkt[:80], h.wkt[:80])
    assert a.texts == b.texts


def _change(store, district="甲区", park="丙园", lat=29.9, lon=106.1, issued="2024-01-01",
            sector="电子") -> tuple[ChangeSet, str]:
    """A reviewed one-row plan with one new park, built against the store's current content."""
    review = pd.DataFrame([{
        "include": True, "kind": "target", "park": park, "park_id": "", "industry_as_written": "电子信息产业",
        "sector": sector, "chain": "", "role": "lead", "target_value_yi": 80.0, "target_year": 2027,
        "baseline_value_yi": None, "baseline_year": None, "confidence": 1.0, "note": "",
        "quote": "到2027年，电子信息产业产值达到80亿元",
    }])
    version = store.version()
    meta = ap.PlanMeta(district=district, title=f"{district}新方案", issued=issued, horizon_year=2027)
    upd = ap.build_update(store.working_dir(), meta, NEW_TEXT.replace("丙园", park), review,
                          {park: ap.ParkSite(lat=lat, lon=lon)})
    return ChangeSet.from_update(upd), version


# ------------------------------------------------------------------------------------------ round trip


def test_files_postgis_files_round_trip_is_lossless(pg_store, tmp_path):
    v = pg_store.import_folder(DATA, author="tester")
    assert v == "1"
    out, v2 = pg_store.export_folder(tmp_path / "out")
    assert v2 == "1"
    assert_same_dataset(load_dataset(DATA), load_dataset(out))
    for name in ("gazetteer.csv", "park_sites.csv"):  # the other files of the folder, byte for byte
        assert (out / name).read_bytes() == (DATA / name).read_bytes()
    assert main(["validate", "--data-dir", str(out)]) == 0
    # the store's own load runs the same validator on its snapshot
    assert_same_dataset(load_dataset(DATA), pg_store.load())
    # importing the same folder again changes nothing (no new version)
    assert pg_store.import_folder(out) == "1"


def test_extra_columns_of_a_data_folder_survive(pg_store, mini_dir, tmp_path):
    """Columns the schema does not name (added by later data work) go through the database unchanged."""
    for name, col, val in (("clusters.csv", "reviewer", "王工"), ("industries.csv", "note", "制造"),
                           ("plans.csv", "archive_no", "1+3+3")):
        df = pd.read_csv(mini_dir / name, dtype=str, keep_default_na=False)
        df.insert(2, col, val)
        df.to_csv(mini_dir / name, index=False)
    doc = json.loads((mini_dir / "parks.geojson").read_text(encoding="utf-8"))
    for i, f in enumerate(doc["features"]):
        f["properties"]["surveyor"] = f"net-{i}"
        f["properties"]["uncertainty_m"] = 500 + i
    (mini_dir / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    pg_store.import_folder(mini_dir)
    out, _ = pg_store.export_folder(tmp_path / "out")
    a, b = load_dataset(mini_dir), load_dataset(out)
    assert_same_dataset(a, b)
    assert list(b.clusters.columns) == list(a.clusters.columns)
    assert list(b.parks["uncertainty_m"]) == ["500", "501", "502"]
    with pg_store.engine.connect() as conn:
        extra = conn.execute(text("SELECT extra FROM parks WHERE park_id = 'jia-1'")).scalar()
    assert extra["surveyor"] == "net-0" and extra["uncertainty_m"] == "500"


# ------------------------------------------------------------------------------------------ schema


def test_schema_types_geometry_and_indexes(pg_store):
    with pg_store.engine.connect() as conn:
        cols = dict(conn.execute(text(
            "SELECT f_table_name, srid FROM geometry_columns WHERE f_table_schema = :s"), {"s": pg_store.schema}).all())
        idx = {r[0] for r in conn.execute(text(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = :s"), {"s": pg_store.schema})}
        roles = {r[0] for r in conn.execute(text("SELECT role FROM roles"))}
    assert cols == {"parks": 4326, "districts": 4326}
    assert any("USING gist (geom)" in i and "parks" in i for i in idx)
    assert any("USING gist (geom)" in i and "districts" in i for i in idx)
    assert roles == set(settings.ROLES)


@pytest.mark.parametrize("sql, what", [
    ("UPDATE clusters SET role = 'boss' WHERE cluster_id = 'plan-a-c001'", "role"),
    ("UPDATE clusters SET target_year = 1990 WHERE cluster_id = 'plan-a-c003'", "year"),
    ("UPDATE clusters SET target_value_yi = -5 WHERE cluster_id = 'plan-a-c003'", "value"),
    ("UPDATE plans SET horizon_year = 2020 WHERE plan_id = 'plan-a'", "horizon before issue"),
    ("UPDATE parks SET park_id = 'Bad Id' WHERE park_id = 'yi-1'", "slug"),
    ("UPDATE parks SET plan_ids = 'plan-a;no-such-plan' WHERE park_id = 'jia-1'", "park's plan"),
    ("UPDATE clusters SET park_ids = 'jia-1;ghost' WHERE cluster_id = 'plan-a-c001'", "cluster's park"),
    ("UPDATE clusters SET plan_id = 'ghost' WHERE cluster_id = 'plan-a-c001'", "cluster's plan"),
    ("UPDATE parks SET geom = ST_SetSRID(ST_MakePoint(106.7, 29.7), 4326) WHERE park_id = 'jia-1'", "park in district"),
    ("UPDATE parks SET geom = ST_SetSRID(ST_MakePoint(12000000, 3400000), 3857) WHERE park_id = 'jia-1'", "SRID"),
    ("UPDATE parks SET geom = ST_SetSRID(ST_MakeLine(ST_MakePoint(106.2, 29.7), ST_MakePoint(106.3, 29.7)), 4326) "
     "WHERE park_id = 'jia-1'", "geometry type"),
    ("UPDATE parks SET area_km2 = 3 WHERE park_id = 'jia-1'", "area without quote"),
    ("UPDATE industries SET color = 'red' WHERE sector = '汽车' AND chain = ''", "colour"),
    ("DELETE FROM plans WHERE plan_id = 'plan-b'", "plan still used"),
])
def test_database_refuses_what_the_validator_refuses(pg_store, mini_dir, sql, what):
    pg_store.import_folder(mini_dir)
    with pytest.raises(DBAPIError), pg_store.engine.begin() as conn:
        conn.execute(text(sql))  # deferred checks fire at commit, on leaving the block
    assert pg_store.version() == "1", what


# ------------------------------------------------------------------------------------------ change sets


def test_change_set_applies_atomically_and_is_audited(pg_store, mini_dir):
    pg_store.import_folder(mini_dir, author="importer")
    cs, v = _change(pg_store)
    new = pg_store.apply(cs, v, author="planner-1")
    assert new == "2"
    ds = pg_store.load()
    assert ds.texts[cs.plan_id] == NEW_TEXT
    assert "丙园" in set(ds.parks["name_zh"])
    assert 80.0 in set(ds.clusters["target_value_yi"])
    h = pg_store.history()
    assert [e.version for e in h] == ["2", "1"]
    assert (h[0].author, h[0].plan_id) == ("planner-1", cs.plan_id)
    ops = {(c["table_name"], c["op"]) for c in h[0].changes}
    assert {("plans", "insert"), ("plan_texts", "insert"), ("parks", "insert"), ("clusters", "insert")} <= ops
    assert h[1].author == "importer"


def test_two_writers_one_wins_the_other_gets_a_conflict(pg_url, pg_schema, mini_dir, tmp_path):
    """Two replicas (own snapshot folders, own stores) read the same version and both save."""
    from geo.db.store import PostGISStore

    a = PostGISStore(pg_url, pg_schema, snapshot_dir=tmp_path / "a")
    b = PostGISStore(pg_url, pg_schema, snapshot_dir=tmp_path / "b")
    a.import_folder(mini_dir)
    cs_a, va = _change(a, park="丙园")
    cs_b, vb = _change(b, park="丁园", lat=29.6, lon=106.4, issued="2024-02-01")
    assert va == vb == "2" or va == vb
    assert a.apply(cs_a, va, author="a") != va
    with pytest.raises(StoreConflictError, match="someone else saved") as exc:
        b.apply(cs_b, vb, author="b")
    assert isinstance(exc.value, WriteConflictError)  # the pages' existing handler catches it
    names = set(b.load().parks["name_zh"])
    assert "丙园" in names and "丁园" not in names  # nothing of the loser was written
    # the loser reloads and saves again: both plans are kept
    cs_b2, vb2 = _change(b, park="丁园", lat=29.6, lon=106.4, issued="2024-02-01")
    b.apply(cs_b2, vb2, author="b")
    assert {"丙园", "丁园"} <= set(a.load().parks["name_zh"])


def test_invalid_change_set_writes_nothing(pg_store, mini_dir):
    pg_store.import_folder(mini_dir)
    cs, v = _change(pg_store)
    bad = dict(cs.files)
    bad[cs.text_file()] = "另一段文字，没有引文。".encode()
    with pytest.raises(DataValidationError, match="verbatim"):
        pg_store.apply(ChangeSet(bad, cs.plan_id), v)
    assert pg_store.version() == v
    assert len(pg_store.history()) == 1


_HOLDER = r"""
import sys, time
from geo.db import transfer
from geo.db.store import PostGISStore
from tests.test_db_store import _change

url, schema, snaps = sys.argv[1:4]
store = PostGISStore(url, schema, snapshot_dir=snaps)
cs, v = _change(store)
real = transfer.write_diff

def write_then_hang(conn, d):
    real(conn, d)                       # rows written inside the open transaction …
    print("HOLDING", flush=True)
    time.sleep(600)                     # … and the process is killed here, before the commit

transfer.write_diff = write_then_hang
store.apply(cs, v, author="doomed")
"""


def test_replica_killed_mid_save_leaves_the_database_consistent(pg_store, mini_dir, tmp_path):
    pg_store.import_folder(mini_dir)
    before = pg_store.load()
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, pg_store.url, pg_store.schema, str(tmp_path / "holder")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "HOLDING", proc.stderr.read() if proc.poll() is not None else line
        with pg_store.engine.connect() as conn:  # the save is in flight: holds the version lock, shows nothing
            held = conn.execute(text(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'store_state' AND l.mode = 'RowShareLock'")).scalar()
            assert held >= 1
            assert conn.execute(text("SELECT count(*) FROM parks WHERE name_zh = '丙园'")).scalar() == 0
        proc.kill()
    finally:
        proc.kill()
        proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while True:  # the server notices the dropped connection and rolls the transaction back
        with pg_store.engine.connect() as conn:
            busy = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()")).scalar()
        if busy == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert pg_store.version() == "1"
    assert_same_dataset(before, pg_store.load())
    assert [e.author for e in pg_store.history()] != ["doomed"]
    # and the next writer is not blocked by a stale lock
    cs, v = _change(pg_store)
    assert pg_store.apply(cs, v, author="next") == "2"


# ------------------------------------------------------------------------------------------ choice and CLI


def test_store_is_chosen_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(settings.DATABASE_URL_ENV, raising=False)
    assert isinstance(open_store(), FileStore)
    monkeypatch.setenv(settings.DATABASE_URL_ENV, "postgresql://u@127.0.0.1:1/x")
    from geo.db.store import PostGISStore

    assert isinstance(open_store(), PostGISStore)
    assert isinstance(open_store(tmp_path), FileStore)  # an explicit folder always means the files


def test_cli_db_init_import_export_and_the_other_commands(pg_url, pg_schema, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(settings.DATABASE_URL_ENV, pg_url)
    monkeypatch.setattr(settings, "DB_SCHEMA", pg_schema)
    monkeypatch.setattr(settings, "SNAPSHOT_DIR", tmp_path / "snaps")
    db = ["db", "--schema", pg_schema]
    assert main([*db, "init"]) == 0
    assert main([*db, "import", "--data-dir", str(DATA)]) == 0
    assert main([*db, "export", "--out", str(tmp_path / "out")]) == 0
    assert main(["validate", "--data-dir", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    # with PARKMAP_DATABASE_URL set, the CLI reads the database: validate, overlaps and exports
    assert main(["validate"]) == 0
    assert "postgis" in capsys.readouterr().out
    assert main(["overlaps", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) > 0
    assert main(["export", "--out", str(tmp_path / "parks.geojson")]) == 0
    assert len(json.loads((tmp_path / "parks.geojson").read_text(encoding="utf-8"))["features"]) > 0
    assert main([*db, "history"]) == 0
    assert "import from data/" in capsys.readouterr().out


def test_cli_db_without_a_database_says_so(monkeypatch, capsys):
    monkeypatch.delenv(settings.DATABASE_URL_ENV, raising=False)
    assert main(["db", "init"]) == 1
    assert settings.DATABASE_URL_ENV in capsys.readouterr().err


def test_cli_db_on_an_empty_database_says_to_init(pg_url, monkeypatch, capsys):
    monkeypatch.setattr(settings, "DB_SCHEMA", "t_never_initialised")
    rc = main(["db", "--database-url", pg_url, "--schema", "t_never_initialised", "export", "--out", "/tmp/x-none"])
    assert rc == 1
    assert "geo db init" in capsys.readouterr().err


def test_postgis_tests_fail_rather_than_skip_in_ci():
    """The rule of tests/pg.py, run in a child pytest with CI=true and no server configured."""
    env = {k: v for k, v in os.environ.items() if k != "PARKMAP_TEST_DATABASE_URL"}
    env["CI"] = "true"
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_db_store.py::test_schema_types_geometry_and_indexes"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert r.returncode != 0 and "ERROR tests/test_db_store.py" in r.stdout and "CI=true but PostGIS tests need a server" in r.stdout
    env.pop("CI")
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/test_db_store.py::test_schema_types_geometry_and_indexes"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0 and "SKIPPED" in r.stdout and "PARKMAP_TEST_DATABASE_URL is not set" in r.stdout


def test_cli_site_correction_goes_into_the_database(pg_url, pg_schema, tmp_path, monkeypatch, capsys):
    """With PARKMAP_DATABASE_URL set, `geo sites import` saves through the store: the database holds the new site."""
    from tests.test_sites import PARK, SQUARE, _write

    monkeypatch.setenv(settings.DATABASE_URL_ENV, pg_url)
    monkeypatch.setattr(settings, "DB_SCHEMA", pg_schema)
    monkeypatch.setattr(settings, "SNAPSHOT_DIR", tmp_path / "snaps")
    db = ["db", "--schema", pg_schema]
    assert main([*db, "init"]) == 0 and main([*db, "import", "--data-dir", str(DATA)]) == 0
    f = _write(tmp_path, "geojson", SQUARE, None)
    before = file_version(DATA / "parks.geojson")
    assert main(["sites", "import", str(f), "--park", PARK, "--editor", "王工", "--source", "控规"]) == 0
    capsys.readouterr()
    row = open_store().load().parks.set_index("park_id").loc[PARK]
    assert row["geometry_quality"] == "surveyed" and row["geometry_editor"] == "王工"
    assert main([*db, "history"]) == 0 and "site corrected" in capsys.readouterr().out
    assert file_version(DATA / "parks.geojson") == before  # the shipped files were not written
