"""PostGIS next to the files: loading, import and the spatial checks at 10k and 100k generated parks.

``python -m bench.postgis [--sizes 10000] [--layer-sizes 100000] [--database-url URL]`` (default URL:
``PARKMAP_BENCH_DATABASE_URL``, ``PARKMAP_TEST_DATABASE_URL`` or ``PARKMAP_DATABASE_URL``; with none, a
throwaway server is started with ``scripts/start-test-postgis.sh`` and stopped at the end).

For each size a data folder is generated: the shipped plans, texts, clusters, industries and districts
plus *n* synthetic parks placed inside their districts, each quoting its plan verbatim (so the folder
validates) and carrying one of ``GROUPS`` synthetic industries (an extra column). Measured:

- ``load_files``: :func:`geo.load.load_dataset` on the folder (read + validate + type);
- ``import_postgis``: ``geo db import`` of the folder (validate, diff, insert, triggers, constraints);
- ``load_postgis_cold`` / ``load_postgis_warm``: :meth:`PostGISStore.load` without / with the
  version's snapshot already on disk; ``read_postgis_parks``: ``geopandas.read_postgis`` of the parks;
- ``near_pairs_inproc`` vs ``near_pairs_postgis``: same-industry park pairs of different districts within
  ``NEAR_KM`` — STRtree per industry in UTM 48N (:func:`geo.proximity.near_pairs_by_group`) vs one
  ``ST_DWithin`` self-join on the geography GiST index;
- ``covers_inproc`` vs ``covers_postgis``: parks outside their own district — vectorised shapely
  ``covers`` against each park's district vs a ``ST_Covers`` join.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

from geo import settings

from .common import Result

#: Synthetic industries the generated parks are spread over (same-industry near pairs are counted).
GROUPS = 1000
URL_ENVS = ("PARKMAP_BENCH_DATABASE_URL", "PARKMAP_TEST_DATABASE_URL", settings.DATABASE_URL_ENV)
ROOT = Path(__file__).resolve().parent.parent


def make_folder(n: int, out: Path, seed: int = 11) -> Path:
    """A valid data folder with the shipped plans, districts and parks, topped up to ``n`` with synthetic parks."""
    from geo.load import load_dataset

    src = settings.DATA_DIR
    shutil.copytree(src, out, ignore=shutil.ignore_patterns(".versions", "_draft", "parks.geojson"))
    ds = load_dataset(src)
    rng = np.random.default_rng(seed)
    dist = ds.districts.reset_index(drop=True)
    areas = dist.to_crs(settings.CRS_PROJECTED).area.to_numpy()
    pick = rng.choice(len(dist), size=n, p=areas / areas.sum())
    xs, ys = np.empty(n), np.empty(n)
    for k in range(len(dist)):  # rejection sampling inside each district's outline, vectorised
        need = np.flatnonzero(pick == k)
        poly = dist.geometry.iloc[k]
        shapely.prepare(poly)
        minx, miny, maxx, maxy = poly.bounds
        got = 0
        while got < len(need):
            m = (len(need) - got) * 3 + 10
            px, py = rng.uniform(minx, maxx, m), rng.uniform(miny, maxy, m)
            ok = shapely.contains_xy(poly, px, py)
            take = min(int(ok.sum()), len(need) - got)
            xs[need[got:got + take]] = px[ok][:take]
            ys[need[got:got + take]] = py[ok][:take]
            got += take
    plan_ids = list(ds.plans["plan_id"])
    quotes = {p: ds.texts[p].strip().splitlines()[0][:12] for p in plan_ids}
    plan_of = rng.integers(0, len(plan_ids), n)
    group = rng.integers(0, GROUPS, n)
    real = json.loads((src / settings.PARKS_FILE).read_text(encoding="utf-8"))["features"]  # clusters name them
    for f in real:
        f["properties"]["bench_industry"] = ""
    feats = list(real)
    for i in range(n - len(real)):
        pid = plan_ids[plan_of[i]]
        feats.append({"type": "Feature", "properties": {
            "park_id": f"syn-{i:06d}", "name_zh": f"合成园{i}", "name_en": f"Synthetic park {i}",
            "district": str(dist["district"].iloc[pick[i]]), "kind": "产业园", "tier": "", "plan_ids": pid,
            "area_km2": "", "area_quote": "", "geometry_quality": "approximate", "location_note": "generated",
            "quote": quotes[pid], "bench_industry": f"g{group[i]:04d}",
        }, "geometry": {"type": "Point", "coordinates": [round(float(xs[i]), 6), round(float(ys[i]), 6)]}})
    doc = {"type": "FeatureCollection", "name": "parks", "features": feats}
    (out / settings.PARKS_FILE).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def near_inproc(ds, km: float = settings.NEAR_KM) -> int:
    """Same-industry pairs of parks in different districts within ``km`` (STRtree per industry, UTM 48N)."""
    from geo.proximity import near_pairs_by_group

    parks = ds.parks[ds.parks["bench_industry"] != ""]  # the generated points (the shipped parks have none)
    proj = parks.to_crs(settings.CRS_PROJECTED)
    pairs = near_pairs_by_group(proj.geometry.x.to_numpy(), proj.geometry.y.to_numpy(),
                                parks["bench_industry"].to_numpy(), parks["district"].to_numpy(), km * 1000.0)
    return len(pairs)


NEAR_SQL = """
WITH p AS MATERIALIZED (
  SELECT park_id, district, extra->>'bench_industry' AS industry, geom::geography AS geog
    FROM parks WHERE extra->>'bench_industry' <> '')
SELECT count(*) FROM p a JOIN p b
  ON a.industry = b.industry AND a.park_id < b.park_id AND a.district <> b.district
 AND ST_DWithin(a.geog, b.geog, :m, false)
"""
NEAR_PARAMS = {"m": settings.NEAR_KM * 1000}
COVERS_SQL = """
SELECT count(*) FROM parks p JOIN districts d ON d.district = p.district
 WHERE NOT ST_Covers(d.geom, CASE WHEN GeometryType(p.geom) = 'POINT' THEN p.geom ELSE ST_PointOnSurface(p.geom) END)
"""


def covers_inproc(ds) -> int:
    """Parks whose point is not covered by their own district (vectorised shapely)."""
    by_name = dict(zip(ds.districts["district"], ds.districts.geometry, strict=True))
    polys = np.array([by_name.get(d) for d in ds.parks["district"]], dtype=object)
    pts = ds.parks.geometry.to_numpy()
    pts = np.where(shapely.get_type_id(pts) == 0, pts, shapely.point_on_surface(pts))
    return int((~shapely.covers(polys, pts)).sum())


def measure(n: int, url: str, work: Path, repeat: int = 1) -> list[Result]:
    """All measures for ``n`` generated parks on the server at ``url`` (own schema, dropped afterwards)."""
    import geopandas as gpd
    from sqlalchemy import text

    from geo.db import schema as db_schema
    from geo.db.store import PostGISStore
    from geo.load import load_dataset

    folder = make_folder(n, work / f"data-{n}")
    name = f"bench_{n}_{os.getpid()}"
    db_schema.init(url, name)
    try:
        store = PostGISStore(url, name, snapshot_dir=work / f"snap-{n}")
        t_files, ds = _timed(lambda: load_dataset(folder))
        t_import, _ = _timed(lambda: store.import_folder(folder))
        t_cold, ds_db = _timed(store.load)
        t_warm, _ = _timed(store.load)
        assert len(ds_db.parks) == len(ds.parks) == n
        with store.engine.connect() as conn:
            conn.execute(text("ANALYZE parks; ANALYZE districts"))
            t_read, gdf = _timed(lambda: gpd.read_postgis(
                "SELECT park_id, name_zh, district, extra, geom FROM parks", conn, geom_col="geom"))
            t_near_db, near_db = _timed(lambda: conn.execute(text(NEAR_SQL), NEAR_PARAMS).scalar())
            t_cov_db, cov_db = _timed(lambda: conn.execute(text(COVERS_SQL)).scalar())
        t_near, near = _timed(lambda: near_inproc(ds))
        t_cov, cov = _timed(lambda: covers_inproc(ds))
    finally:
        db_schema.drop(url, name)
        shutil.rmtree(folder, ignore_errors=True)
    k = f"{n // 1000}k" if n >= 1000 else str(n)
    return [
        Result(f"load_files_{k}", "TIME", t_files, "load_dataset on the folder: read, validate, type"),
        Result(f"import_postgis_{k}", "TIME", t_import, "geo db import: validate, diff, insert with constraints"),
        Result(f"load_postgis_cold_{k}", "TIME", t_cold, "PostGISStore.load, new version: snapshot export + load"),
        Result(f"load_postgis_warm_{k}", "TIME", t_warm, "PostGISStore.load, snapshot of the version on disk"),
        Result(f"read_postgis_parks_{k}", "TIME", t_read, f"geopandas.read_postgis of {len(gdf)} parks"),
        Result(f"near_pairs_inproc_{k}", "TIME", t_near, f"STRtree per industry, UTM 48N: {near} pairs"),
        Result(f"near_pairs_postgis_{k}", "TIME", t_near_db, f"ST_DWithin geography self-join: {near_db} pairs"),
        Result(f"near_pairs_{k}", "RATIO", t_near_db / max(t_near, 1e-9), "PostGIS ÷ in-process (>1: in-process faster)"),
        Result(f"covers_inproc_{k}", "TIME", t_cov, f"vectorised shapely covers: {cov} outside"),
        Result(f"covers_postgis_{k}", "TIME", t_cov_db, f"ST_Covers join: {cov_db} outside"),
        Result(f"covers_{k}", "RATIO", t_cov_db / max(t_cov, 1e-9), "PostGIS ÷ in-process (>1: in-process faster)"),
    ]


def measure_layer(n: int, url: str, work: Path) -> list[Result]:
    """The parks layer alone at ``n`` parks: read from the file vs from PostGIS, and the two spatial checks.

    Used where validating the whole dataset ``n`` times would take too long on a shared machine: the
    generated parks go into the database with one bulk ``INSERT`` (the database's own constraints, link
    triggers and park-in-district trigger still run; the Python validator does not).
    """
    import geopandas as gpd
    from sqlalchemy import text

    from geo.db import schema as db_schema
    from geo.db.store import PostGISStore
    from geo.io import read_geojson

    folder = make_folder(n, work / f"layer-{n}")
    name = f"bench_layer_{n}_{os.getpid()}"
    db_schema.init(url, name)
    try:
        store = PostGISStore(url, name, snapshot_dir=work / f"snap-layer-{n}")
        store.import_folder(settings.DATA_DIR)  # plans, districts, the shipped parks (validated)
        t_file, parks = _timed(lambda: read_geojson(folder / settings.PARKS_FILE))
        syn = parks[parks["bench_industry"] != ""]
        rows = [{
            "park_id": r.park_id, "name_zh": r.name_zh, "name_en": r.name_en, "district": r.district,
            "plan_ids": r.plan_ids, "quote": r.quote, "ord": 100 + i,
            "extra": json.dumps({"bench_industry": r.bench_industry}), "x": r.geometry.x, "y": r.geometry.y,
        } for i, r in enumerate(syn.itertuples())]
        sql = text("INSERT INTO parks (park_id, name_zh, name_en, district, kind, tier, plan_ids, area_quote, "
                   "geometry_quality, location_note, quote, ord, extra, geom) VALUES (:park_id, :name_zh, :name_en, "
                   ":district, '产业园', '', :plan_ids, '', 'approximate', 'generated', :quote, :ord, "
                   "CAST(:extra AS jsonb), ST_SetSRID(ST_MakePoint(:x, :y), 4326))")

        def insert() -> None:
            with store.engine.begin() as conn:
                conn.execute(sql, rows)

        t_insert, _ = _timed(insert)
        with store.engine.connect() as conn:
            conn.execute(text("ANALYZE parks; ANALYZE districts"))
            t_read, gdf = _timed(lambda: gpd.read_postgis(
                "SELECT park_id, name_zh, name_en, district, kind, tier, plan_ids, area_km2, area_quote, "
                "geometry_quality, location_note, quote, extra, geom FROM parks ORDER BY ord", conn, geom_col="geom"))
            t_near_db, near_db = _timed(lambda: conn.execute(text(NEAR_SQL), NEAR_PARAMS).scalar())
            t_cov_db, cov_db = _timed(lambda: conn.execute(text(COVERS_SQL)).scalar())
        assert len(gdf) == len(parks)
        ds = type("Layer", (), {"parks": parks, "districts": read_geojson(settings.DATA_DIR / settings.DISTRICTS_FILE)})
        t_near, near = _timed(lambda: near_inproc(ds))
        t_cov, cov = _timed(lambda: covers_inproc(ds))
    finally:
        db_schema.drop(url, name)
        shutil.rmtree(folder, ignore_errors=True)
    k = f"{n // 1000}k" if n >= 1000 else str(n)
    return [
        Result(f"read_parks_file_{k}", "TIME", t_file, f"geo.io.read_geojson of parks.geojson ({len(parks)} parks)"),
        Result(f"read_parks_postgis_{k}", "TIME", t_read, f"geopandas.read_postgis of the parks table ({len(gdf)})"),
        Result(f"bulk_insert_postgis_{k}", "TIME", t_insert, f"{len(rows)} parks, one INSERT batch, constraints + triggers"),
        Result(f"near_pairs_inproc_{k}", "TIME", t_near, f"STRtree per industry, UTM 48N: {near} pairs"),
        Result(f"near_pairs_postgis_{k}", "TIME", t_near_db, f"ST_DWithin geography self-join: {near_db} pairs"),
        Result(f"near_pairs_{k}", "RATIO", t_near_db / max(t_near, 1e-9), "PostGIS ÷ in-process (>1: in-process faster)"),
        Result(f"covers_inproc_{k}", "TIME", t_cov, f"vectorised shapely covers: {cov} outside"),
        Result(f"covers_postgis_{k}", "TIME", t_cov_db, f"ST_Covers join: {cov_db} outside"),
        Result(f"covers_{k}", "RATIO", t_cov_db / max(t_cov, 1e-9), "PostGIS ÷ in-process (>1: in-process faster)"),
    ]


def _server_url() -> tuple[str, str | None]:
    """A configured URL, or a throwaway server (URL, its folder to stop)."""
    for env in URL_ENVS:
        if os.environ.get(env):
            return os.environ[env], None
    out = subprocess.run(["bash", str(ROOT / "scripts" / "start-test-postgis.sh")], check=True,
                         capture_output=True, text=True).stdout
    env = dict(line.removeprefix("export ").split("=", 1) for line in out.splitlines() if line.startswith("export "))
    return env["PARKMAP_TEST_DATABASE_URL"], env["PARKMAP_TEST_PGDATA"]


def run(
    quick: bool = False,
    sizes: tuple[int, ...] | None = None,
    url: str | None = None,
    layer_sizes: tuple[int, ...] | None = None,
    tiny: bool = False,
) -> list[Result]:
    """Whole-dataset measures at ``sizes`` (default 10k) and parks-layer measures at ``layer_sizes`` (default 100k).

    ``tiny`` (the smoke test): 200 and 500 parks.
    """
    if tiny:
        sizes, layer_sizes = sizes or (200,), layer_sizes or (500,)
    sizes = (10_000,) if sizes is None else sizes
    layer_sizes = ((10_000,) if quick else (100_000,)) if layer_sizes is None else layer_sizes
    pgdata = None
    if not url:
        url, pgdata = _server_url()
    out: list[Result] = []
    try:
        with tempfile.TemporaryDirectory(prefix="parkmap-bench-pg-") as tmp:
            for n in sizes:
                out += measure(n, url, Path(tmp))
            for n in layer_sizes:
                out += measure_layer(n, url, Path(tmp))
    finally:
        if pgdata:
            subprocess.run(["bash", str(ROOT / "scripts" / "start-test-postgis.sh"), "--stop", pgdata], check=False)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run and print the results as lines and a markdown table."""
    p = argparse.ArgumentParser(prog="python -m bench.postgis", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="*", default=[10_000],
                   help="whole dataset (validated load, import, snapshot) at these numbers of parks (default 10000)")
    p.add_argument("--layer-sizes", type=int, nargs="*", default=[100_000],
                   help="parks layer and spatial checks at these numbers of parks (default 100000)")
    p.add_argument("--database-url", default=None, help="server to use (default: see the module docstring)")
    args = p.parse_args(argv)
    res = run(sizes=tuple(args.sizes), url=args.database_url, layer_sizes=tuple(args.layer_sizes))
    for r in res:
        print(r.line())
    print("\n| measure | kind | value | note |\n|---|---|---|---|")
    for r in res:
        print(f"| {r.name} | {r.kind} | {r.value:.4g}{' s' if r.kind == 'TIME' else ''} | {r.note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
