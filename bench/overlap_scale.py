"""Overlap engine at national scale: 2,850 units × 60 sectors and 100k parks, 50 km same-chain check."""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
from pyproj import Transformer

from geo.proximity import near_pairs_by_group, units_sharing
from geo.settings import NEAR_KM

from .common import Result

#: Equal-area conic for all of China (distances within ~1 % at 50 km scale).
CHINA_AEA = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m"


def synthetic(n_units: int = 2850, n_sectors: int = 60, n_parks: int = 100_000, seed: int = 7):
    """Units with sector choices and parks with chains, scattered over China's extent."""
    rng = np.random.default_rng(seed)
    ulon = rng.uniform(98, 122, n_units)
    ulat = rng.uniform(21, 42, n_units)
    k = rng.integers(3, 9, n_units)
    unit_rows = pd.DataFrame({
        "district": np.repeat(np.arange(n_units), k),
        "sector": rng.zipf(1.6, k.sum()) % n_sectors,
    })
    pu = rng.integers(0, n_units, n_parks)
    lon = ulon[pu] + rng.normal(0, 0.25, n_parks)
    lat = ulat[pu] + rng.normal(0, 0.25, n_parks)
    chain = rng.zipf(1.4, n_parks) % n_sectors
    return unit_rows, pd.DataFrame({"lon": lon, "lat": lat, "district": pu, "chain": chain})


def engine(units: pd.DataFrame, parks: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The project's path: grouped co-occurrence + projected STRtree proximity."""
    shared = units_sharing(units)
    x, y = Transformer.from_crs("EPSG:4326", CHINA_AEA, always_xy=True).transform(parks["lon"].to_numpy(), parks["lat"].to_numpy())
    pairs = near_pairs_by_group(x, y, parks["chain"].to_numpy(), parks["district"].to_numpy(), NEAR_KM * 1000)
    return shared, pairs


def _haversine_km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def naive(units: pd.DataFrame, parks: pd.DataFrame) -> tuple[int, int]:
    """A direct implementation: compare every unit pair's sectors and every park pair's chain and distance."""
    by_unit = {u: set(g) for u, g in units.groupby("district")["sector"]}
    shared = set()
    keys = list(by_unit)
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            shared |= by_unit[keys[a]] & by_unit[keys[b]]
    rec = parks.to_dict("records")
    n = 0
    for i in range(len(rec)):
        pi = rec[i]
        for j in range(i + 1, len(rec)):
            pj = rec[j]
            if pi["chain"] == pj["chain"] and pi["district"] != pj["district"]:
                if _haversine_km(pi["lon"], pi["lat"], pj["lon"], pj["lat"]) <= NEAR_KM:
                    n += 1
    return len(shared), n


def naive_near_pairs(geoms: pd.Series, km: float = NEAR_KM) -> dict[frozenset, float]:
    """The baseline of the grouped engine on one group: every pair of parks, one distance at a time."""
    ids, arr = list(geoms.index), list(geoms.values)
    out = {}
    for i in range(len(arr)):
        for j in range(i + 1, len(arr)):
            d = arr[i].distance(arr[j]) / 1000.0
            if d <= km:
                out[frozenset((ids[i], ids[j]))] = d
    return out


def app_overlaps(quick: bool, tiny: bool = False) -> list[Result]:
    """The overlap page's own engine: near pairs vs all pairs (same answer), and find_overlaps on data/."""
    import shapely

    from geo import overlap as ov
    from geo.load import load_dataset
    from geo.settings import CHONGQING_BBOX, DATA_DIR

    from .common import median_time

    n = 100 if tiny else 400 if quick else 1500
    rng = np.random.default_rng(3)
    w, s, e, nn = CHONGQING_BBOX
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True).transform(
        rng.uniform(w, e, n), rng.uniform(s, nn, n))
    geoms = pd.Series(shapely.points(x, y), index=[f"k{i}" for i in range(n)])
    from geo.proximity import near_geometry_pairs_by_group

    def tree_pairs() -> dict[frozenset, float]:  # the engine find_overlaps uses: one group, every park its own unit
        arr, ids = geoms.to_numpy(), geoms.index.to_numpy()
        p = near_geometry_pairs_by_group(arr, np.zeros(len(arr)), np.arange(len(arr)), NEAR_KM * 1000)
        return {frozenset((ids[i], ids[j])): d / 1000 for i, j, d in zip(p["i"], p["j"], p["distance"], strict=True)}

    t_tree, fast = median_time(tree_pairs, repeat=3)
    t_naive, slow = median_time(lambda: naive_near_pairs(geoms), repeat=1)
    if set(fast) != set(slow):
        raise AssertionError("STRtree and all-pairs near pairs disagree")
    out = [Result(f"overlap_near_pairs_{n}", "RATIO", t_naive / t_tree,
                  f"all-pairs loop {t_naive:.3f} s ÷ STRtree {t_tree:.4f} s ({len(fast)} pairs, same set)")]
    real = load_dataset(DATA_DIR)
    for level in ("sector", "chain"):
        t, o = median_time(lambda level=level: ov.find_overlaps(real, level), repeat=3)
        out.append(Result(f"overlap_find_real_{level}", "TIME", t, f"{len(o)} overlaps on data/", "< 1 s"))
    return out


def run(quick: bool = False, tiny: bool = False) -> list[Result]:
    """Measure the engine at 100k parks and the naive loop on subsamples (extrapolated as n²); ``tiny``: 2k parks."""
    units, parks = synthetic(n_units=200, n_parks=2000) if tiny else synthetic()
    times = []
    for _ in range(1 if quick else 3):
        t0 = time.perf_counter()
        shared, pairs = engine(units, parks)
        times.append(time.perf_counter() - t0)
    t_app = float(np.median(times))
    # naive: measured on subsamples, extrapolated quadratically to 100k (the full loop would take hours)
    sub_n = 200 if tiny else 1500 if quick else 3000
    sub_units = units[units["district"] < 300]
    t0 = time.perf_counter()
    naive(sub_units, parks.iloc[:sub_n])
    t_sub = time.perf_counter() - t0
    # unit-pair part scales with units², park-pair part with parks²; both extrapolated
    t_naive = t_sub * (len(parks) / sub_n) ** 2
    return [
        Result("overlap_100k", "TIME", t_app, f"{len(shared)} shared sectors, {len(pairs)} near pairs", "≤ 3 s"),
        Result("overlap_naive_100k_est", "INFO", t_naive, f"naive loop on {sub_n} parks took {t_sub:.2f} s, ×(100k/{sub_n})²"),
        Result("overlap_100k", "RATIO", t_naive / t_app, "naive estimate ÷ engine", "≥ 50"),
        *app_overlaps(quick, tiny),
    ]
