"""Joining parks with clusters: each park's industries, dominant industry and target scale.

The rule, written once here and in the README:

* A park's industries are the industry rows (roles lead/specialty/emerging/direction) of the selected
  plans whose ``park_ids`` name the park. A row naming several parks is listed on each of them,
  marked ``shared``; its target is never added into more than one park.
* **Dominant industry**: a sector with a target stated for the park itself beats sectors without one.
  Otherwise each park industry row weighs the district-wide target of the same chain (or, failing
  that, of the same sector) in the same plan (context), else 0; the sector with the largest weight
  wins; ties go to the stronger role (lead > specialty > advantage > emerging), then to the industry
  the plan names first.
* **Target scale**: per plan, the larger of (a) the park's own total target (role other/total rows
  naming only this park, e.g. "千亿经开") and (b) the sum over sectors of the largest target on a row
  naming only this park. With no own target, the largest target of a row shared with other parks
  (``scale_basis = shared``). With none, the scale is missing (``scale_basis = none``), never 0.
  When several plans of a district are selected, the most recent plan that states a scale wins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .load import Dataset
from .settings import INDUSTRY_ROLES, ROLES

ROLE_RANK = {r: i for i, r in enumerate(ROLES)}


def select_plans(ds: Dataset, vintage: str = "latest", districts: list[str] | None = None) -> list[str]:
    """Plan ids for a vintage choice.

    Parameters
    ----------
    ds : Dataset
    vintage : str
        ``"latest"`` (the most recently issued plan of each district), ``"all"``, or a plan id.
    districts : list of str, optional
        Keep only plans of these districts.

    Returns
    -------
    list of str
    """
    plans = ds.plans
    if districts:
        plans = plans[plans["district"].isin(districts)]
    if vintage == "all":
        return list(plans["plan_id"])
    if vintage == "latest":
        latest = plans.sort_values("issued").groupby("district", sort=False).tail(1)
        return list(latest.sort_values("issued")["plan_id"])
    if vintage in set(ds.plans["plan_id"]):
        return [vintage] if (not districts or vintage in set(plans["plan_id"])) else []
    raise ValueError(f"unknown plan vintage '{vintage}' (use latest, all or a plan id)")


def park_industries(ds: Dataset, plan_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per (park, cluster row naming it) in the selected plans.

    Adds ``park_id``, ``n_parks`` (how many parks the row names), ``shared`` (bool),
    ``issued`` (the plan's date) and ``order`` (position of the row in clusters.csv).
    """
    cl = ds.clusters.reset_index(drop=True).copy()
    cl["order"] = np.arange(len(cl))
    if plan_ids is not None:
        cl = cl[cl["plan_id"].isin(plan_ids)]
    cl = cl[cl["park_id_list"].map(len) > 0]
    cl["n_parks"] = cl["park_id_list"].map(len)
    out = cl.explode("park_id_list").rename(columns={"park_id_list": "park_id"})
    out["shared"] = out["n_parks"] > 1
    issued = dict(zip(ds.plans["plan_id"], ds.plans["issued"], strict=False))
    out["issued"] = out["plan_id"].map(issued)
    return out.reset_index(drop=True)


def district_targets(ds: Dataset, plan_ids: list[str] | None = None) -> pd.DataFrame:
    """District-wide industry rows with a target (no park named), for context."""
    cl = ds.clusters
    if plan_ids is not None:
        cl = cl[cl["plan_id"].isin(plan_ids)]
    m = (cl["park_id_list"].map(len) == 0) & cl["target_value_yi"].notna() & cl["role"].isin(INDUSTRY_ROLES)
    return cl[m]


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


def summarise_parks(ds: Dataset, plan_ids: list[str] | None = None) -> pd.DataFrame:
    """Per park: dominant sector/chain, sectors, target scale and its basis.

    Parameters
    ----------
    ds : Dataset
    plan_ids : list of str, optional
        Plans to use (default: all).

    Returns
    -------
    geopandas.GeoDataFrame
        The parks named by the selected plans, with added columns ``dominant_sector``,
        ``dominant_chain``, ``sectors`` (tuple), ``n_industries``, ``target_scale_yi``,
        ``scale_year``, ``scale_basis`` and ``scale_plan_id``.
    """
    if plan_ids is None:
        plan_ids = list(ds.plans["plan_id"])
    pi = park_industries(ds, plan_ids)
    ctx = district_targets(ds, plan_ids)
    parks = ds.parks[ds.parks["plan_id_list"].map(lambda ps: any(p in plan_ids for p in ps))].copy()
    recs = []
    for pid in parks["park_id"]:
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


def cagr(baseline: float, target: float, years: float) -> float:
    """Implied compound annual growth rate; ``NaN`` if undefined."""
    if baseline is None or target is None or years is None:
        return np.nan
    if pd.isna(baseline) or pd.isna(target) or pd.isna(years) or baseline <= 0 or target <= 0 or years <= 0:
        return np.nan
    return float((target / baseline) ** (1.0 / years) - 1.0)
