"""Scalable proximity and co-occurrence: same-industry park pairs within a distance, units sharing sectors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely.strtree import STRtree


def near_pairs_by_group(
    x: np.ndarray,
    y: np.ndarray,
    group: np.ndarray,
    unit: np.ndarray,
    radius: float,
) -> pd.DataFrame:
    """Pairs of points in the same group, in different units, closer than ``radius``.

    One STRtree per group answers ``dwithin`` queries for all its points at once, so the
    cost grows with the number of near pairs, not with the square of the number of points.

    Parameters
    ----------
    x, y : numpy.ndarray
        Projected coordinates (metres).
    group : numpy.ndarray
        Group label per point (e.g. the industry chain).
    unit : numpy.ndarray
        Unit label per point (e.g. the district); pairs inside one unit are dropped.
    radius : float
        Distance in the coordinates' unit.

    Returns
    -------
    pandas.DataFrame
        Columns ``i``, ``j`` (positions, ``i < j``), ``group`` and ``distance``.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    group, unit = np.asarray(group), np.asarray(unit)
    pts = shapely.points(x, y)
    out_i, out_j = [], []
    order = np.argsort(group, kind="stable")
    g_sorted = group[order]
    bounds = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        idx = order[a:b]
        if len(idx) < 2:
            continue
        tree = STRtree(pts[idx])
        left, right = tree.query(pts[idx], predicate="dwithin", distance=radius)
        keep = left < right
        li, rj = idx[left[keep]], idx[right[keep]]
        cross = unit[li] != unit[rj]
        out_i.append(li[cross])
        out_j.append(rj[cross])
    if not out_i:
        return pd.DataFrame({"i": [], "j": [], "group": [], "distance": []})
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    d = np.hypot(x[i] - x[j], y[i] - y[j])
    return pd.DataFrame({"i": i, "j": j, "group": group[i], "distance": d})


def units_sharing(table: pd.DataFrame, unit: str = "district", item: str = "sector") -> pd.DataFrame:
    """Items named by two or more units, with the count and the sorted unit list.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per (unit, item) statement; duplicates allowed.
    unit, item : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        Columns ``item``, ``n_units``, ``units`` (tuple), sorted by ``n_units`` descending.
    """
    pairs = table[[unit, item]].drop_duplicates()
    g = pairs.groupby(item, sort=True)[unit]
    out = pd.DataFrame({"n_units": g.size(), "units": g.agg(lambda s: tuple(sorted(s)))})
    out = out[out["n_units"] >= 2].reset_index().rename(columns={item: "item"})
    return out.sort_values(["n_units", "item"], ascending=[False, True]).reset_index(drop=True)
