"""District portfolios: each district's plan targets by sector, and side-by-side comparisons.

The rule, written once here and in ``docs/overlap.md``: a sector's target in one plan is the **largest**
target among that plan's industry rows of the sector (lead/specialty/advantage/emerging/focus/direction,
district-wide or park rows alike; sectors of every domain, manufacturing or not). Rows restating one target (a 双百亿级 sentence and an annex table, a park row and the
district row) are never added up; this makes the figure a lower bound when a plan gives separate targets
to several chains of one sector. Aggregate rows (roles total/other, e.g. 工业总产值 or 千亿经开) are left out.
When several plans of a district are selected, the most recent plan naming the sector wins (the supersession
rule of :func:`geo.vintage.supersede`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .load import Dataset
from .overlap import industry_rows
from .summary import ROLE_RANK, default_plan_ids

#: Most districts shown side by side.
MAX_COMPARE = 5

PORTFOLIO_COLUMNS = [
    "district",
    "plan_id",
    "sector",
    "target_yi",
    "target_year",
    "role",
    "n_rows",
    "names",
    "quote",
    "sector_order",
]


def district_portfolio(
    ds: Dataset,
    plan_ids: Sequence[str] | None = None,
    directions: bool = True,
) -> pd.DataFrame:
    """Per district and sector: the plan's target (亿元, year) and strongest role.

    Parameters
    ----------
    ds : Dataset
    plan_ids : sequence of str, optional
        Plans to use (default: the latest plan of each district).
    directions : bool
        Include districts known only from Table-1 directions (no targets).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PORTFOLIO_COLUMNS`: one row per (district, sector); ``target_yi`` is NaN when the
        sector is named without a target; ``names`` are the industries as written (``;``-joined);
        ``sector_order`` is the sector's position in industries.csv.
    """
    if plan_ids is None:
        plan_ids = default_plan_ids(ds)
    rows = industry_rows(ds, "sector", plan_ids, directions, all_domains=True)
    if rows.empty:
        return pd.DataFrame(columns=PORTFOLIO_COLUMNS)
    issued = dict(zip(ds.plans["plan_id"], ds.plans["issued"], strict=False))
    rows = rows.assign(issued=rows["plan_id"].map(issued))
    order = {s: i for i, s in enumerate(ds.industries.loc[ds.industries["chain"] == "", "sector"])}
    recs = []
    for (district, sector), g in rows.groupby(["district", "sector"], sort=False):
        # the most recent plan naming the sector wins
        latest = g.sort_values(["issued", "order"], ascending=[False, True])["plan_id"].iloc[0]
        gp = g[g["plan_id"] == latest].sort_values("order")
        t = gp[gp["target_value_yi"].notna()]
        target, year, quote = float("nan"), pd.NA, gp["quote"].iloc[0]
        if len(t):
            best = t.sort_values(["target_value_yi", "order"], ascending=[False, True]).iloc[0]
            target, year, quote = float(best["target_value_yi"]), best["target_year"], best["quote"]
        recs.append(
            dict(
                district=district,
                plan_id=latest,
                sector=sector,
                target_yi=target,
                target_year=year,
                role=min(gp["role"], key=lambda r: ROLE_RANK[r]),
                n_rows=len(gp),
                names=";".join(dict.fromkeys(gp["name_as_written"])),
                quote=quote,
                sector_order=order.get(sector, len(order)),
            )
        )
    out = pd.DataFrame(recs, columns=PORTFOLIO_COLUMNS)
    out["target_year"] = out["target_year"].astype("Int64")
    return out.sort_values(["district", "sector_order"], kind="stable").reset_index(drop=True)


def district_total(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Per district: the sum of its sector targets (sectors are distinct, so they may be added).

    Returns
    -------
    pandas.DataFrame
        ``district``, ``sum_targets_yi`` (NaN when no sector has a target), ``n_sectors``,
        ``n_with_target``.
    """
    g = portfolio.groupby("district", sort=False)
    out = pd.DataFrame(
        {
            "sum_targets_yi": g["target_yi"].sum(min_count=1),
            "n_sectors": g["sector"].nunique(),
            "n_with_target": g["target_yi"].count(),
        }
    ).reset_index()
    return out


def compare_districts(
    portfolio: pd.DataFrame,
    districts: Sequence[str],
    value: str = "target_yi",
) -> pd.DataFrame:
    """Side-by-side sector table of up to :data:`MAX_COMPARE` districts.

    Parameters
    ----------
    portfolio : pandas.DataFrame
        Output of :func:`district_portfolio`.
    districts : sequence of str
        Districts to compare, in column order (at most :data:`MAX_COMPARE`).
    value : {"target_yi", "role"}
        Cell content: the target in 亿元 (NaN = named without a target) or the strongest role.

    Returns
    -------
    pandas.DataFrame
        Sectors as rows (those named by at least one of the districts), districts as columns.

    Raises
    ------
    ValueError
        With more than :data:`MAX_COMPARE` districts, or an unknown ``value``.
    """
    districts = list(dict.fromkeys(districts))
    if len(districts) > MAX_COMPARE:
        raise ValueError(f"compare at most {MAX_COMPARE} districts (got {len(districts)})")
    if value not in ("target_yi", "role"):
        raise ValueError(f"unknown value '{value}' (use target_yi or role)")
    sub = portfolio[portfolio["district"].isin(districts)]
    if sub.empty:
        return pd.DataFrame(index=pd.Index([], name="sector"), columns=districts)
    table = sub.pivot(index="sector", columns="district", values=value)
    table = table.reindex(columns=districts)
    present = sub.drop_duplicates("sector").sort_values(["sector_order", "sector"])["sector"]
    table = table.reindex(index=list(present))
    table.columns.name = None
    return table
