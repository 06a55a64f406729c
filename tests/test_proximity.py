"""Tests for geo.proximity against a brute-force reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.proximity import near_pairs_by_group, units_sharing


def _brute(x, y, g, u, r):
    out = set()
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            if g[i] == g[j] and u[i] != u[j] and np.hypot(x[i] - x[j], y[i] - y[j]) <= r:
                out.add((i, j))
    return out


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 60), st.integers(0, 10_000))
def test_matches_brute_force(n, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(0, 100_000, n), rng.uniform(0, 100_000, n)
    g, u = rng.integers(0, 3, n), rng.integers(0, 4, n)
    got = near_pairs_by_group(x, y, g, u, 20_000)
    assert set(zip(got["i"], got["j"], strict=True)) == _brute(x, y, g, u, 20_000)
    assert (got["distance"] <= 20_000 + 1e-6).all()


def test_units_sharing():
    t = pd.DataFrame({"district": ["a", "a", "b", "c", "c"], "sector": ["x", "x", "x", "y", "x"]})
    out = units_sharing(t)
    assert out.to_dict("records") == [{"item": "x", "n_units": 3, "units": ("a", "b", "c")}]
