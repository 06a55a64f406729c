"""find_overlaps' near pairs come from the grouped STRtree engine: same pairs as a brute-force check."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given
from hypothesis import strategies as st

from bench.datagen import make_folder
from geo.load import load_dataset
from geo.overlap import (
    NEAR_PAIRS_MAX,
    ParkRelations,
    find_overlaps,
    park_uncertainty_km,
    projected_parks,
    same_proxy_point,
)
from geo.settings import NEAR_KM


def _brute(o, geoms, unc, rel) -> list[tuple[str, str, float]]:
    """Every pair of parks of two sides that counts as near (worst case within NEAR_KM, not related)."""
    side_of = {p: i for i, s in enumerate(o["sides"]) for p in s["parks"]}
    ids = [p for p in side_of if p in geoms]
    out = []
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            p, q = ids[a], ids[b]
            if side_of[p] != side_of[q]:
                km = shapely.distance(geoms[p], geoms[q]) / 1000.0
                same = same_proxy_point(geoms[p].centroid, geoms[q].centroid, unc[p], unc[q])
                if km + unc[p] + unc[q] <= NEAR_KM and not rel.related(p, q) and not same:
                    out.append((min(p, q), max(p, q), km))
    return sorted(out, key=lambda x: x[2])


def _check(ds):
    proj = projected_parks(ds)
    geoms = dict(zip(proj.index, proj.values, strict=True))
    ov = find_overlaps(ds, "sector")
    unc, rel = park_uncertainty_km(ds).to_dict(), ParkRelations.of(ds.parks)
    assert len(ov)
    capped = 0
    for _, o in ov.iterrows():
        want = _brute(o, geoms, unc, rel)
        got = list(o["near_pairs"])
        if len(want) <= NEAR_PAIRS_MAX // 2:
            assert {(a, b) for a, b, *_ in got} == {(a, b) for a, b, _ in want}
        else:  # only the closest candidates are examined: every listed pair is a true near pair
            capped += 1
            assert 0 < len(got) <= NEAR_PAIRS_MAX
            assert {(a, b) for a, b, *_ in got} <= {(a, b) for a, b, _ in want}
    return ov, capped


def test_shipped_near_pairs_match_brute_force(shipped):
    ov, capped = _check(shipped)
    assert capped == 0 and any(len(x) for x in ov["near_pairs"])


def test_generated_near_pairs_match_brute_force(tmp_path):
    ds = load_dataset(make_folder(tmp_path / "d", 400, seed=5))
    ov, capped = _check(ds)
    assert capped > 0  # dense folders hit the cap: the closest pairs are kept
    assert set(ov["kind"]) == {"cross_district", "within_district"}


def test_competitor_links_are_the_nearest_pair_per_side_with_ties_broken_by_order():
    from shapely.geometry import Point

    from geo.overlap import competitor_links

    geoms = {"a1": Point(0, 0), "a2": Point(50_000, 0), "b1": Point(0, 0), "b2": Point(0, 0),
             "c1": Point(90_000, 0), "c2": Point(400_000, 0)}
    links = competitor_links(geoms, [["a1", "a2"], ["b1", "b2"], ["c1", "c2"]])
    # a and b share a point: the first park of each; c's nearest is a2 (40 km)
    assert links == [("a1", "b1", 0.0), ("c1", "a2", 40.0)]


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 30), st.integers(0, 30)), min_size=2, max_size=40))
def test_nearest_other_side_is_the_brute_force_nearest(parks):
    from shapely.geometry import Point

    from geo.overlap import _nearest_other_side

    arr = np.asarray([Point(x * 1000.0, y * 1000.0) for _, x, y in parks])
    side_of = np.asarray([s for s, _, _ in parks])
    want = []
    for s in sorted(set(side_of.tolist())):
        pairs = [(arr[i].distance(arr[j]), i, j) for i in range(len(arr)) for j in range(len(arr))
                 if side_of[i] == s and side_of[j] != s]
        if pairs:
            d, i, j = min(pairs)
            want.append((i, j, d))
    assert _nearest_other_side(arr, side_of) == want
