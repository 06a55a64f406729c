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
    return near_geometry_pairs_by_group(shapely.points(x, y), group, unit, radius)


def near_geometry_pairs_by_group(
    geoms: np.ndarray,
    group: np.ndarray,
    unit: np.ndarray,
    radius: float,
    max_per_group: int | None = None,
) -> pd.DataFrame:
    """Pairs of geometries in the same group, in different units, within ``radius`` (edge to edge).

    The engine behind :func:`near_pairs_by_group` for points and polygons alike. Per group: one STRtree
    when every unit holds one geometry (then every pair is a candidate), else one STRtree per unit queried
    only by the units whose envelopes lie within ``radius`` (pairs inside one unit are never enumerated).
    With ``max_per_group``, only that many closest pairs of each group are kept, found by doubling the search
    radius from ``radius / 64`` until enough pairs turn up, so dense groups never list every pair.

    Parameters
    ----------
    geoms : numpy.ndarray
        Shapely geometries in a projected CRS (metres).
    group, unit : numpy.ndarray
        Group and unit label per geometry; only pairs of one group and two different units are kept.
    radius : float
        Distance in the coordinates' unit (pairs at exactly ``radius`` are kept).
    max_per_group : int, optional
        Keep at most this many pairs per group, the closest (ties: by position).

    Returns
    -------
    pandas.DataFrame
        Columns ``i``, ``j`` (positions, ``i < j``), ``group`` and ``distance``, by group then distance
        when ``max_per_group`` is given.
    """
    geoms = np.asarray(geoms, dtype=object)
    group, unit = np.asarray(group), np.asarray(unit)
    out_i, out_j, out_d = [], [], []
    order = np.argsort(group, kind="stable")
    g_sorted = group[order]
    bounds = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1], True]) if len(group) else np.array([0])
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        idx = order[a:b]
        if len(idx) < 2:
            continue
        units, inv = np.unique(unit[idx], return_inverse=True)
        if len(units) < 2:
            continue
        finder = _pairs_singletons if len(units) == len(idx) else _pairs_by_unit
        r = radius if max_per_group is None else radius / 64.0
        while True:
            li, rj = finder(geoms[idx], inv, r)
            d = shapely.distance(geoms[idx][li], geoms[idx][rj])
            if max_per_group is None or len(li) >= max_per_group or r >= radius:
                break
            r = min(2.0 * r, radius)
        i, j = idx[li], idx[rj]
        i, j = np.minimum(i, j), np.maximum(i, j)
        if max_per_group is not None and len(i) > max_per_group:
            keep = np.lexsort((j, i, d))[:max_per_group]
            i, j, d = i[keep], j[keep], d[keep]
        elif max_per_group is not None:
            keep = np.lexsort((j, i, d))
            i, j, d = i[keep], j[keep], d[keep]
        out_i.append(i)
        out_j.append(j)
        out_d.append(d)
    if not out_i:
        return pd.DataFrame({"i": np.empty(0, dtype=np.intp), "j": np.empty(0, dtype=np.intp),
                             "group": group[:0], "distance": np.empty(0)})
    i, j, d = np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_d)
    return pd.DataFrame({"i": i, "j": j, "group": group[i], "distance": d})


def _pairs_singletons(g: np.ndarray, unit: np.ndarray, r: float) -> tuple[np.ndarray, np.ndarray]:
    """Cross-unit pairs (positions, first < second) within ``r`` when units are (mostly) single geometries."""
    left, right = STRtree(g).query(g, predicate="dwithin", distance=r)
    keep = (left < right) & (unit[left] != unit[right])
    return left[keep], right[keep]


def _pairs_by_unit(g: np.ndarray, unit: np.ndarray, r: float) -> tuple[np.ndarray, np.ndarray]:
    """Cross-unit pairs within ``r``: one STRtree per unit, queried by the other units near its envelope."""
    by_unit = np.argsort(unit, kind="stable")
    members = np.split(by_unit, np.flatnonzero(np.diff(unit[by_unit])) + 1)
    boxes = shapely.envelope(np.asarray([shapely.geometrycollections(g[m]) for m in members], dtype=object))
    ua, ub = STRtree(boxes).query(boxes, predicate="dwithin", distance=r)
    keep = ua < ub
    trees: dict[int, STRtree] = {}
    out_l, out_r = [], []
    for u, v in zip(ua[keep], ub[keep], strict=True):
        if len(members[u]) < len(members[v]):
            u, v = v, u  # query the smaller unit against the larger one's tree
        tree = trees.get(u)
        if tree is None:
            tree = trees[u] = STRtree(g[members[u]])
        qv, tu = tree.query(g[members[v]], predicate="dwithin", distance=r)
        out_l.append(members[u][tu])
        out_r.append(members[v][qv])
    if not out_l:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    left, right = np.concatenate(out_l), np.concatenate(out_r)
    return np.minimum(left, right), np.maximum(left, right)


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
