"""Naive baselines of the app's path, kept to compare against: the per-park summary and per-row quote checks.

``summarise_parks_per_park`` is the summary as it was written first (one filter of the whole cluster table per
park, ≈ parks × rows); ``tests/test_summary_equivalence.py`` checks that :func:`geo.summary.summarise_parks` gives the
same table, and ``bench.real_path`` times both.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.load import Dataset
from geo.settings import INDUSTRY_ROLES
from geo.summary import ROLE_RANK, district_targets, park_industries


def _scale_for_plan(rows: pd.DataFrame) -> tuple[float, str, float]:
    """(scale, basis, year) for one park's rows of one plan."""
    t = rows[rows["target_value_yi"].notna()]
    if t.empty:
        return np.nan, "none", np.nan
    own = t[~t["shared"]]
    if not own.empty:
        totals = own[~own["role"].isin(INDUSTRY_ROLES)]["target_value_yi"]
        ind = own[own["role"].isin(INDUSTRY_ROLES)]
        per_sector = ind.groupby(["sector", "chain"], dropna=False)["target_value_yi"].max()
        # a sector-level row and its chains would double count: keep the larger per sector
        per_sector = per_sector.groupby(level=0).max() if len(per_sector) else per_sector
        value = max(float(totals.max()) if len(totals) else 0.0, float(per_sector.sum()))
        return value, "own", _max_year(own["target_year"])
    return float(t["target_value_yi"].max()), "shared", _max_year(t["target_year"])


def _max_year(years: pd.Series) -> float:
    """Latest stated year, NaN when no target states one (an undated aim stays undated)."""
    y = years.dropna()
    return float(y.max()) if len(y) else np.nan


def _row_weight(row: pd.Series, context: pd.DataFrame) -> float:
    """Target weight of one park industry row: its own target, else the matching district target."""
    if pd.notna(row["target_value_yi"]):
        return float(row["target_value_yi"])
    ctx = context[(context["plan_id"] == row["plan_id"]) & (context["sector"] == row["sector"])]
    if row["chain"]:
        same = ctx[ctx["chain"] == row["chain"]]
        ctx = same if len(same) else ctx[ctx["chain"] == ""]
    return float(ctx["target_value_yi"].max()) if len(ctx) else 0.0


def _dominant(rows: pd.DataFrame, context: pd.DataFrame) -> tuple[str, str, float]:
    """(sector, chain, weight) of the dominant industry of one park."""
    ind = rows[rows["role"].isin(INDUSTRY_ROLES) & (rows["sector"] != "")]
    if ind.empty:
        return "", "", np.nan
    ind = ind.assign(
        weight=[_row_weight(r, context) for _, r in ind.iterrows()],
        rank=ind["role"].map(ROLE_RANK),
        own=ind["target_value_yi"].notna(),
    )
    keys = ["own", "weight", "rank", "order"]
    up = [False, False, True, True]
    per_sector = ind.groupby("sector", sort=False).agg(
        own=("own", "max"), weight=("weight", "max"), rank=("rank", "min"), order=("order", "min")
    )
    best = per_sector.sort_values(keys, ascending=up).index[0]
    rows_s = ind[ind["sector"] == best].sort_values(keys, ascending=up)
    chains = rows_s[rows_s["chain"] != ""]
    chain = str(chains.iloc[0]["chain"]) if len(chains) else ""
    return str(best), chain, float(per_sector.loc[best, "weight"])


def summarise_parks_per_park(ds: Dataset, plan_ids: list[str] | None = None, limit: int | None = None) -> pd.DataFrame:
    """:func:`geo.summary.summarise_parks` as first written: one filter of the cluster table per park.

    Parameters
    ----------
    ds : Dataset
    plan_ids : list of str, optional
        Plans to use (default: all).
    limit : int, optional
        Summarise only the first ``limit`` parks.

    Returns
    -------
    geopandas.GeoDataFrame
        The same columns as :func:`geo.summary.summarise_parks`.
    """
    if plan_ids is None:
        plan_ids = list(ds.plans["plan_id"])
    pi = park_industries(ds, plan_ids)
    ctx = district_targets(ds, plan_ids)
    parks = ds.parks[ds.parks["plan_id_list"].map(lambda ps: any(p in plan_ids for p in ps))].copy()
    recs = []
    for pid in list(parks["park_id"])[:limit]:  # limit: only the first parks (to time a sample)
        rows = pi[pi["park_id"] == pid]
        sector, chain, weight = _dominant(rows, ctx)
        scale, basis, year, scale_plan = np.nan, "none", np.nan, ""
        for plan_id, g in sorted(rows.groupby("plan_id"), key=lambda kv: kv[1]["issued"].iloc[0], reverse=True):
            s, b, y = _scale_for_plan(g)
            if b != "none":
                scale, basis, year, scale_plan = s, b, y, plan_id
                break
        ind = rows[rows["role"].isin(INDUSTRY_ROLES) & (rows["sector"] != "")]
        recs.append(
            dict(
                park_id=pid,
                dominant_sector=sector,
                dominant_chain=chain,
                dominant_weight_yi=weight,
                sectors=tuple(dict.fromkeys(ind.sort_values("order")["sector"])),
                n_industries=int(ind["name_as_written"].nunique()),
                target_scale_yi=scale,
                scale_year=pd.NA if pd.isna(year) else int(year),
                scale_basis=basis,
                scale_plan_id=scale_plan,
            )
        )
    extra = pd.DataFrame(recs, columns=[
        "park_id", "dominant_sector", "dominant_chain", "dominant_weight_yi", "sectors", "n_industries",
        "target_scale_yi", "scale_year", "scale_basis", "scale_plan_id",
    ])
    return parks.merge(extra, on="park_id", how="left")


def quotes_found_per_row(texts: dict, wanted) -> set:
    """The baseline of :func:`geo.validate.quotes_found`: one substring search of the whole text per quote."""
    return {(p, q) for p, q in wanted if q and texts.get(p) and q in texts[p]}
