"""find_overlaps at growing size on synthetic plans (one plan per district), and on the shipped data."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point, box

from geo import overlap as ov
from geo.load import Dataset, load_dataset
from geo.settings import DATA_DIR, INDUSTRY_ROLES, NEAR_KM

from .common import Result, median_time

SECTORS = [f"S{i:02d}" for i in range(14)]


def synthetic(n_parks: int, n_districts: int = 38, rows_per_park: int = 4, seed: int = 7) -> Dataset:
    """A dataset with ``n_parks`` random parks over Chongqing's bbox, one plan per district."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_districts)))
    w, s, e, n = 105.3, 28.2, 110.2, 32.2
    dx, dy = (e - w) / side, (n - s) / side
    cells = [(i, j) for i in range(side) for j in range(side)][:n_districts]
    names = [f"D{k:02d}" for k in range(n_districts)]
    districts = gpd.GeoDataFrame(
        dict(district=names, district_en=names),
        geometry=[box(w + i * dx, s + j * dy, w + (i + 1) * dx, s + (j + 1) * dy) for i, j in cells],
        crs="EPSG:4326",
    )
    plans = pd.DataFrame(
        dict(plan_id=[f"p-{d}" for d in names], district=names, title=names, issued="2023-01-01", text_file="")
    )
    plans["horizon_year"] = pd.array([2025] * len(plans), dtype="Int64")
    d_of = rng.integers(0, n_districts, n_parks)
    pts = [Point(w + (cells[k][0] + rng.random()) * dx, s + (cells[k][1] + rng.random()) * dy) for k in d_of]
    parks = gpd.GeoDataFrame(
        dict(
            park_id=[f"k{i}" for i in range(n_parks)],
            name_zh=[f"园{i}" for i in range(n_parks)],
            name_en=[f"park {i}" for i in range(n_parks)],
            district=[names[k] for k in d_of],
        ),
        geometry=pts,
        crs="EPSG:4326",
    )
    parks["plan_ids"] = "p-" + parks["district"]
    parks["plan_id_list"] = parks["plan_ids"].map(lambda v: (v,))
    recs = []
    roles = [r for r in INDUSTRY_ROLES if r != "direction"]
    for i, k in enumerate(d_of):
        for sec in rng.choice(SECTORS, rows_per_park, replace=False):
            tgt = float(rng.choice([np.nan, 50.0, 100.0, 300.0]))
            recs.append(
                dict(
                    cluster_id=f"c{len(recs)}",
                    plan_id=f"p-{names[k]}",
                    district=names[k],
                    park_ids=f"k{i}",
                    name_as_written=sec,
                    sector=sec,
                    chain="",
                    role=str(rng.choice(roles)),
                    target_value_yi=tgt,
                    target_year=2025 if tgt == tgt else None,
                    baseline_value_yi=np.nan,
                    baseline_year=None,
                    quote=f"{names[k]} {sec}",
                )
            )
    cl = pd.DataFrame(recs)
    cl["target_year"] = cl["target_year"].astype("Float64").astype("Int64")
    cl["baseline_year"] = cl["baseline_year"].astype("Float64").astype("Int64")
    cl["park_id_list"] = cl["park_ids"].map(lambda v: (v,))
    industries = pd.DataFrame(dict(sector=SECTORS, chain="", name_en=SECTORS, color="#888888", synonyms=""))
    return Dataset(
        plans=plans, texts={}, parks=parks, clusters=cl, industries=industries, districts=districts, data_dir=Path(".")
    )


def naive_near_pairs(geoms: pd.Series, km: float = NEAR_KM) -> dict[frozenset, float]:
    """The baseline: every pair of parks, one distance at a time."""
    ids, arr = list(geoms.index), list(geoms.values)
    out = {}
    for i in range(len(arr)):
        for j in range(i + 1, len(arr)):
            d = arr[i].distance(arr[j]) / 1000.0
            if d <= km:
                out[frozenset((ids[i], ids[j]))] = d
    return out


def run(quick: bool = False) -> list[Result]:
    """Measure :func:`geo.overlap.find_overlaps`."""
    out: list[Result] = []
    n = 400 if quick else 1500
    geoms = ov.projected_parks(synthetic(n))
    t_tree, fast = median_time(lambda: ov.near_park_pairs(geoms), repeat=3)
    t_naive, slow = median_time(lambda: naive_near_pairs(geoms), repeat=1)
    assert set(fast) == set(slow), "STRtree and all-pairs disagree"
    out.append(
        Result(
            f"overlap_near_pairs_{n}",
            "RATIO",
            t_naive / t_tree,
            note=f"all-pairs loop {t_naive:.3f} s ÷ STRtree {t_tree:.4f} s ({len(fast)} pairs)",
            goal="> 10",
        )
    )
    for size in (200, 1000) if quick else (200, 1000, 3000):
        big = synthetic(size)
        t, o = median_time(lambda big=big: ov.find_overlaps(big), repeat=1 if size > 1000 else 3)
        out.append(Result(f"overlap_find_{size}_parks", "TIME", t, note=f"{len(o)} overlaps, {len(big.clusters)} rows"))
    real = load_dataset(DATA_DIR)
    for level in ("sector", "chain"):
        t, o = median_time(lambda level=level: ov.find_overlaps(real, level), repeat=3)
        out.append(Result(f"overlap_find_real_{level}", "TIME", t, note=f"{len(o)} overlaps on data/", goal="< 1 s"))
    return out
