"""Park summaries: each park's industries, its dominant industry and its target scale, from the selected plans.

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
from .settings import DEFAULT_VINTAGE, INDUSTRY_ROLES, ROLES

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


def default_plan_ids(ds: Dataset, districts: list[str] | None = None) -> list[str]:
    """The plans every page, export and the CLI compare unless told otherwise (``settings.DEFAULT_VINTAGE``:
    the plans in force, each district's latest plan)."""
    return select_plans(ds, DEFAULT_VINTAGE, districts)


def park_industries(ds: Dataset, plan_ids: list[str] | None = None, park_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per (park, cluster row naming it) in the selected plans.

    Adds ``park_id``, ``n_parks`` (how many parks the row names), ``shared`` (bool),
    ``issued`` (the plan's date) and ``order`` (position of the row in clusters.csv).
    ``park_ids`` keeps only the rows of these parks (a detail panel needs one park's).
    """
    cl = ds.clusters.reset_index(drop=True)
    order = np.arange(len(cl))
    keep = cl["park_id_list"].map(len).to_numpy() > 0
    if plan_ids is not None:
        keep &= cl["plan_id"].isin(plan_ids).to_numpy()
    if park_ids is not None:
        wanted = set(park_ids)
        keep &= cl["park_id_list"].map(lambda ps: not wanted.isdisjoint(ps)).to_numpy(dtype=bool)
    cl = cl[keep].copy()
    cl["order"] = order[keep]
    cl["n_parks"] = cl["park_id_list"].map(len)
    out = cl.explode("park_id_list").rename(columns={"park_id_list": "park_id"})
    if park_ids is not None:
        out = out[out["park_id"].isin(wanted)]
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


_SUMMARY_COLUMNS = [
    "park_id", "dominant_sector", "dominant_chain", "dominant_weight_yi", "sectors", "n_industries",
    "target_scale_yi", "scale_year", "scale_basis", "scale_plan_id",
]


def _row_weights(ind: pd.DataFrame, context: pd.DataFrame) -> np.ndarray:
    """Target weight of each park industry row: its own target, else the matching district target, else 0.

    The district target is the largest of the same plan and sector; for a row with a chain, the largest of
    the same chain when the plan states one, else of the sector-level rows (no chain). All by index lookups.
    """
    w = ind["target_value_yi"].to_numpy(dtype=float, na_value=np.nan).copy()
    need = np.isnan(w)
    if not need.any() or context.empty:
        w[need] = 0.0
        return w
    tv = context["target_value_yi"]
    by_sector = tv.groupby([context["plan_id"], context["sector"]]).max()
    blank = context["chain"] == ""
    by_blank = tv[blank].groupby([context.loc[blank, "plan_id"], context.loc[blank, "sector"]]).max()
    by_chain = tv[~blank].groupby(
        [context.loc[~blank, "plan_id"], context.loc[~blank, "sector"], context.loc[~blank, "chain"]]
    ).max()
    rows = ind[need]
    key2 = pd.MultiIndex.from_arrays([rows["plan_id"], rows["sector"]])
    key3 = pd.MultiIndex.from_arrays([rows["plan_id"], rows["sector"], rows["chain"]])
    sector_w = by_sector.reindex(key2).to_numpy(dtype=float)
    blank_w = by_blank.reindex(key2).to_numpy(dtype=float)
    chain_w = by_chain.reindex(key3).to_numpy(dtype=float)
    has_chain = (rows["chain"] != "").to_numpy()
    got = np.where(has_chain, np.where(np.isnan(chain_w), blank_w, chain_w), sector_w)
    w[need] = np.nan_to_num(got, nan=0.0)
    return w


def _dominant_all(ind: pd.DataFrame, context: pd.DataFrame) -> pd.DataFrame:
    """Per park: the dominant sector, its chain and weight (see the module docstring), indexed by park_id."""
    if ind.empty:
        return pd.DataFrame(columns=["dominant_sector", "dominant_chain", "dominant_weight_yi"])
    ind = ind.assign(
        weight=_row_weights(ind, context),
        rank=ind["role"].map(ROLE_RANK),
        own=ind["target_value_yi"].notna(),
    )
    keys = ["park_id", "own", "weight", "rank", "order"]
    up = [True, False, False, True, True]
    per_sector = ind.groupby(["park_id", "sector"], sort=False).agg(
        own=("own", "max"), weight=("weight", "max"), rank=("rank", "min"), order=("order", "min")
    ).reset_index()
    best = per_sector.sort_values(keys, ascending=up, kind="stable").drop_duplicates("park_id")
    best = best.set_index("park_id")
    # the chain: among the best sector's rows, in the same order, the first that has one
    rows = ind.merge(best[["sector"]].reset_index(), on=["park_id", "sector"])
    rows = rows[rows["chain"] != ""].sort_values(keys, ascending=up, kind="stable").drop_duplicates("park_id")
    chain = rows.set_index("park_id")["chain"]
    return pd.DataFrame({
        "dominant_sector": best["sector"].astype(str),
        "dominant_chain": chain.reindex(best.index).fillna("").astype(str),
        "dominant_weight_yi": best["weight"].astype(float),
    })


def _scale_all(pi: pd.DataFrame) -> pd.DataFrame:
    """Per park: target scale, basis, year and plan (see the module docstring), indexed by park_id."""
    t = pi[pi["target_value_yi"].notna()]
    cols = ["target_scale_yi", "scale_basis", "scale_year", "scale_plan_id"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    key = ["park_id", "plan_id"]
    g = t.groupby(key, sort=False)
    cand = pd.DataFrame({
        "shared_value": g["target_value_yi"].max(),
        "shared_year": g["target_year"].max().astype("Float64"),
        "issued": g["issued"].first(),
    })
    own = t[~t["shared"]]
    is_ind = own["role"].isin(INDUSTRY_ROLES)
    totals = own[~is_ind].groupby(key, sort=False)["target_value_yi"].max()
    # per sector the largest target (a sector-level row and its chains would double count), summed
    sectors = own[is_ind].groupby([*key, "sector"], sort=False)["target_value_yi"].max()
    by_sector = sectors.groupby(level=[0, 1], sort=False).sum()
    own_year = own.groupby(key, sort=False)["target_year"].max().astype("Float64")
    has_own = cand.index.isin(own_year.index)
    own_value = np.fmax(
        totals.reindex(cand.index).fillna(0.0).to_numpy(dtype=float),
        by_sector.reindex(cand.index).fillna(0.0).to_numpy(dtype=float),
    )
    cand["target_scale_yi"] = np.where(has_own, own_value, cand["shared_value"].to_numpy(dtype=float))
    cand["scale_basis"] = np.where(has_own, "own", "shared")
    year = np.where(has_own, own_year.reindex(cand.index).to_numpy(dtype=float, na_value=np.nan),
                    cand["shared_year"].to_numpy(dtype=float, na_value=np.nan))
    cand["scale_year"] = year
    cand = cand.reset_index()
    # the most recent plan that states a scale wins (equal dates: the plan id first in sort order)
    cand = cand.sort_values(["park_id", "plan_id"], kind="stable")
    cand = cand.sort_values(["park_id", "issued"], ascending=[True, False], kind="stable").drop_duplicates("park_id")
    return cand.rename(columns={"plan_id": "scale_plan_id"}).set_index("park_id")[cols]


def _as_dict(series: pd.Series) -> dict:
    """``series.to_dict()`` through NumPy (iterating an Arrow-backed column value by value is slow)."""
    return dict(zip(series.index.to_numpy(dtype=object), series.to_numpy(dtype=object), strict=True))


def _runs(keys: np.ndarray, values: np.ndarray) -> dict:
    """Key → tuple of its values, for ``keys`` sorted so that equal keys are adjacent (order kept within a run)."""
    if not len(keys):
        return {}
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return {keys[a]: tuple(values[a:b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)}


def summarise_parks(ds: Dataset, plan_ids: list[str] | None = None, park_ids: list[str] | None = None) -> pd.DataFrame:
    """Per park: dominant sector/chain, sectors, target scale and its basis.

    Grouped and merged over the whole cluster table at once (linear in parks + rows).

    Parameters
    ----------
    ds : Dataset
    plan_ids : list of str, optional
        Plans to use (default: all).
    park_ids : list of str, optional
        Summarise only these parks (default: all; a detail panel needs one).

    Returns
    -------
    geopandas.GeoDataFrame
        The parks named by the selected plans, with added columns ``dominant_sector``,
        ``dominant_chain``, ``sectors`` (tuple), ``n_industries``, ``target_scale_yi``,
        ``scale_year``, ``scale_basis`` and ``scale_plan_id``.
    """
    if plan_ids is None:
        plan_ids = list(ds.plans["plan_id"])
    wanted = set(plan_ids)
    pi = park_industries(ds, plan_ids, park_ids)
    ctx = district_targets(ds, plan_ids)
    parks = ds.parks if park_ids is None else ds.parks[ds.parks["park_id"].isin(set(park_ids))]
    parks = parks[parks["plan_id_list"].map(lambda ps: not wanted.isdisjoint(ps))].copy()
    pi = pi[pi["park_id"].isin(set(parks["park_id"]))]
    ind = pi[pi["role"].isin(INDUSTRY_ROLES) & (pi["sector"] != "")]
    dom = _dominant_all(ind, ctx)
    scale = _scale_all(pi)
    by_order = ind.sort_values(["park_id", "order"], kind="stable").drop_duplicates(["park_id", "sector"])
    sectors_d = _runs(by_order["park_id"].to_numpy(dtype=object), by_order["sector"].to_numpy(dtype=object))
    n_ind = ind.groupby("park_id", sort=False)["name_as_written"].nunique()
    d_sector, d_chain, d_weight = (_as_dict(dom[c]) for c in ("dominant_sector", "dominant_chain", "dominant_weight_yi"))
    s_value, s_basis, s_year, s_plan = (
        _as_dict(scale[c]) for c in ("target_scale_yi", "scale_basis", "scale_year", "scale_plan_id")
    )
    n_ind_d = _as_dict(n_ind)
    recs = []
    for pid in parks["park_id"]:
        year = s_year.get(pid, np.nan)
        recs.append(
            dict(
                park_id=pid,
                dominant_sector=d_sector.get(pid, ""),
                dominant_chain=d_chain.get(pid, ""),
                dominant_weight_yi=d_weight.get(pid, np.nan),
                sectors=sectors_d.get(pid, ()),
                n_industries=int(n_ind_d.get(pid, 0)),
                target_scale_yi=s_value.get(pid, np.nan),
                scale_year=pd.NA if pd.isna(year) else int(year),
                scale_basis=s_basis.get(pid, "none"),
                scale_plan_id=s_plan.get(pid, ""),
            )
        )
    extra = pd.DataFrame(recs, columns=_SUMMARY_COLUMNS)
    return parks.merge(extra, on="park_id", how="left")


def cagr(baseline: float, target: float, years: float) -> float:
    """Implied compound annual growth rate; ``NaN`` if undefined."""
    if baseline is None or target is None or years is None:
        return np.nan
    if pd.isna(baseline) or pd.isna(target) or pd.isna(years) or baseline <= 0 or target <= 0 or years <= 0:
        return np.nan
    return float((target / baseline) ** (1.0 / years) - 1.0)
