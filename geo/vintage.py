"""Plan vintage diff: what changed between two plans of one district (clusters and zones).

The rules, written once here and in ``docs/overlap.md``:

* A plan's **clusters** are its own industry rows (every industry role: lead/specialty/advantage/emerging/focus;
  directions are ignored) grouped by (sector, chain). Each cluster has a primary name (the name on its
  strongest district-wide row), its strongest role, its largest target with that row's year, and its parks.
* Clusters are **matched** first on the same (sector, chain). Left-over clusters of the same sector are then
  paired when one of them is sector-level (no chain) or their names share at least half their characters
  (generic words such as 产业/集群 removed), most similar first.
* A matched pair is **renamed** when neither primary name contains the other (after removing generic words),
  **re-targeted** when its target value or year differs (including a target set or removed), and
  **role changed** when its role differs. Unmatched clusters are **added** (new plan only) or **dropped**.
* A **zone** (park) changed when the set of industries (chain, else sector) the two plans assign to it
  differs; zones named by only one plan are ``added`` or ``dropped``.
* **Supersession** (:func:`supersede`, used by the overlap analysis): when several plans of one district are
  combined, the most recently issued plan that names an industry (at the level compared: sector or chain)
  speaks for the district on it; the earlier plans' rows on that industry are dropped, and each step is
  recorded (role, target and year before and after). Industries only an earlier plan names are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .load import Dataset
from .settings import INDUSTRY_ROLES
from .summary import ROLE_RANK

#: Generic words removed before comparing names.
GENERIC_WORDS = ("产业集群", "产业链", "产业", "集群", "重庆", "制造业", "加工业")

#: Share of common characters at which two same-sector names count as one renamed cluster.
SIMILARITY_MIN = 0.5

CLUSTER_COLUMNS = [
    "status",
    "changes",
    "sector",
    "chain_old",
    "chain_new",
    "name_old",
    "name_new",
    "role_old",
    "role_new",
    "target_old",
    "year_old",
    "target_new",
    "year_new",
    "parks_old",
    "parks_new",
    "quote_old",
    "quote_new",
]
ZONE_COLUMNS = ["park_id", "name_zh", "status", "industries_old", "industries_new", "gained", "lost"]


def normalise_name(name: str) -> str:
    """An industry name without generic words and spaces (for comparing names)."""
    out = re.sub(r"\s+", "", str(name))
    for w in GENERIC_WORDS:
        out = out.replace(w, "")
    return out or str(name)


def name_similarity(a: str, b: str) -> float:
    """Share of common characters of two normalised names (0–1, over the shorter name)."""
    sa, sb = set(normalise_name(a)), set(normalise_name(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _year(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def plan_clusters(ds: Dataset, plan_id: str) -> pd.DataFrame:
    """One row per (sector, chain) of a plan's own industry rows.

    Returns
    -------
    pandas.DataFrame
        ``sector``, ``chain``, ``name`` (primary), ``names``, ``role``, ``target_yi``, ``target_year``,
        ``parks`` (tuple), ``quote``, ``order``.
    """
    if plan_id not in set(ds.plans["plan_id"]):
        raise ValueError(f"unknown plan '{plan_id}'")
    district = ds.plan(plan_id)["district"]
    cl = ds.clusters.reset_index(drop=True)
    cl = cl.assign(order=np.arange(len(cl)))
    cl = cl[
        (cl["plan_id"] == plan_id)
        & (cl["district"] == district)
        & cl["role"].isin(INDUSTRY_ROLES)
        & (cl["role"] != "direction")
        & (cl["sector"] != "")
    ]
    recs = []
    for (sector, chain), g in cl.groupby(["sector", "chain"], sort=False):
        g = g.assign(_rank=g["role"].map(ROLE_RANK), _wide=g["park_id_list"].map(len) > 0)
        primary = g.sort_values(["_wide", "_rank", "order"]).iloc[0]
        t = g[g["target_value_yi"].notna()]
        target, year, quote = None, None, primary["quote"]
        if len(t):
            best = t.sort_values(["target_value_yi", "order"], ascending=[False, True]).iloc[0]
            target, year, quote = float(best["target_value_yi"]), _year(best["target_year"]), best["quote"]
        recs.append(
            dict(
                sector=sector,
                chain=chain,
                name=primary["name_as_written"],
                names=tuple(dict.fromkeys(g["name_as_written"])),
                role=min(g["role"], key=lambda r: ROLE_RANK[r]),
                target_yi=target,
                target_year=year,
                parks=tuple(dict.fromkeys(p for ps in g["park_id_list"] for p in ps)),
                quote=quote,
                order=int(g["order"].min()),
            )
        )
    cols = ["sector", "chain", "name", "names", "role", "target_yi", "target_year", "parks", "quote", "order"]
    return pd.DataFrame(recs, columns=cols)


def _renamed(a: str, b: str) -> bool:
    na, nb = normalise_name(a), normalise_name(b)
    return na not in nb and nb not in na


def _pair(old: pd.Series | None, new: pd.Series | None) -> dict:
    rec = dict.fromkeys(CLUSTER_COLUMNS)
    changes: list[str] = []
    if old is not None:
        rec.update(
            sector=old["sector"],
            chain_old=old["chain"],
            name_old=old["name"],
            role_old=old["role"],
            target_old=old["target_yi"],
            year_old=old["target_year"],
            parks_old=old["parks"],
            quote_old=old["quote"],
        )
    if new is not None:
        rec.update(
            sector=new["sector"],
            chain_new=new["chain"],
            name_new=new["name"],
            role_new=new["role"],
            target_new=new["target_yi"],
            year_new=new["target_year"],
            parks_new=new["parks"],
            quote_new=new["quote"],
        )
    if old is None:
        rec["status"] = "added"
    elif new is None:
        rec["status"] = "dropped"
    else:
        rec["status"] = "matched"
        if _renamed(old["name"], new["name"]) or old["chain"] != new["chain"]:
            changes.append("renamed")
        if (_num(old["target_yi"]), _year(old["target_year"])) != (_num(new["target_yi"]), _year(new["target_year"])):
            changes.append("retargeted")
        if old["role"] != new["role"]:
            changes.append("role_changed")
        if set(old["parks"]) != set(new["parks"]):
            changes.append("parks_changed")
    rec["changes"] = tuple(changes) if rec["status"] == "matched" else (rec["status"],)
    for c in ("parks_old", "parks_new"):
        rec[c] = rec[c] or ()
    return rec


def match_clusters(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Match the clusters of two plans (see the module rules) and describe each pair's changes.

    Parameters
    ----------
    old, new : pandas.DataFrame
        Outputs of :func:`plan_clusters`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLUSTER_COLUMNS`; ``status`` is ``matched``, ``added`` or ``dropped`` and ``changes``
        lists ``renamed``, ``retargeted``, ``role_changed``, ``parks_changed`` (or ``added``/``dropped``).
    """
    pairs: list[tuple[int | None, int | None]] = []
    new_by_key = {(r["sector"], r["chain"]): i for i, r in new.iterrows()}
    left_old, left_new = [], set(new.index)
    for i, r in old.iterrows():
        j = new_by_key.get((r["sector"], r["chain"]))
        if j is not None:
            pairs.append((i, j))
            left_new.discard(j)
        else:
            left_old.append(i)
    # second pass: same sector, one sector-level or similar names — most similar first
    cands = []
    for i in left_old:
        for j in left_new:
            o, n = old.loc[i], new.loc[j]
            if o["sector"] != n["sector"]:
                continue
            sim = name_similarity(o["name"], n["name"])
            if o["chain"] == "" or n["chain"] == "" or sim >= SIMILARITY_MIN:
                cands.append((-sim, int(o["order"]), int(n["order"]), i, j))
    used_o, used_n = set(), set()
    for _, _, _, i, j in sorted(cands):
        if i in used_o or j in used_n:
            continue
        pairs.append((i, j))
        used_o.add(i)
        used_n.add(j)
    pairs += [(i, None) for i in left_old if i not in used_o]
    pairs += [(None, j) for j in sorted(left_new - used_n)]
    recs = [_pair(old.loc[i] if i is not None else None, new.loc[j] if j is not None else None) for i, j in pairs]
    out = pd.DataFrame(recs, columns=CLUSTER_COLUMNS)
    for c in ("year_old", "year_new"):
        out[c] = out[c].astype("Float64").astype("Int64")
    for c in ("target_old", "target_new"):
        out[c] = out[c].astype("float64")
    order = {"dropped": 1, "added": 2, "matched": 0}
    return out.sort_values("status", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _zone_industries(ds: Dataset, plan_id: str) -> dict[str, tuple[str, ...]]:
    district = ds.plan(plan_id)["district"]
    cl = ds.clusters
    cl = cl[(cl["plan_id"] == plan_id) & (cl["district"] == district) & cl["role"].isin(INDUSTRY_ROLES)]
    out: dict[str, list[str]] = {}
    for _, r in cl.iterrows():
        label = r["chain"] or r["sector"]
        if not label:
            continue
        for p in r["park_id_list"]:
            out.setdefault(p, [])
            if label not in out[p]:
                out[p].append(label)
    return {k: tuple(v) for k, v in out.items()}


def zone_changes(ds: Dataset, old: str, new: str) -> pd.DataFrame:
    """Per park named by either plan: the industries each plan assigns to it and what changed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ZONE_COLUMNS`; ``status`` is ``changed``, ``unchanged``, ``added`` or ``dropped``.
    """
    zo, zn = _zone_industries(ds, old), _zone_industries(ds, new)
    names = dict(zip(ds.parks["park_id"], ds.parks["name_zh"], strict=False))
    recs = []
    for p in list(dict.fromkeys([*zo, *zn])):
        a, b = zo.get(p, ()), zn.get(p, ())
        if p not in zn:
            status = "dropped"
        elif p not in zo:
            status = "added"
        else:
            status = "changed" if set(a) != set(b) else "unchanged"
        recs.append(
            dict(
                park_id=p,
                name_zh=names.get(p, p),
                status=status,
                industries_old=a,
                industries_new=b,
                gained=tuple(x for x in b if x not in a),
                lost=tuple(x for x in a if x not in b),
            )
        )
    return pd.DataFrame(recs, columns=ZONE_COLUMNS)


@dataclass(frozen=True)
class VintageDiff:
    """The differences between two plans of one district."""

    district: str
    old: str
    new: str
    clusters: pd.DataFrame
    zones: pd.DataFrame

    def _with(self, change: str) -> pd.DataFrame:
        return self.clusters[self.clusters["changes"].map(lambda c: change in c)].reset_index(drop=True)

    @property
    def added(self) -> pd.DataFrame:
        """Clusters only in the new plan."""
        return self._with("added")

    @property
    def dropped(self) -> pd.DataFrame:
        """Clusters only in the old plan."""
        return self._with("dropped")

    @property
    def renamed(self) -> pd.DataFrame:
        """Matched clusters whose name (or chain) changed."""
        return self._with("renamed")

    @property
    def retargeted(self) -> pd.DataFrame:
        """Matched clusters whose target value or year changed."""
        return self._with("retargeted")

    @property
    def changed_zones(self) -> pd.DataFrame:
        """Zones whose assigned industries changed, appeared or disappeared."""
        return self.zones[self.zones["status"] != "unchanged"].reset_index(drop=True)

    def summary(self) -> dict[str, int]:
        """Counts per kind of change."""
        return dict(
            added=len(self.added),
            dropped=len(self.dropped),
            renamed=len(self.renamed),
            retargeted=len(self.retargeted),
            zones_changed=len(self.changed_zones),
        )


def diff_plans(ds: Dataset, old: str, new: str) -> VintageDiff:
    """Compare two plans of one district.

    Parameters
    ----------
    ds : Dataset
    old, new : str
        Plan ids (the older and the newer vintage).

    Returns
    -------
    VintageDiff

    Raises
    ------
    ValueError
        When a plan id is unknown or the plans belong to different districts.
    """
    known = set(ds.plans["plan_id"])
    for p in (old, new):
        if p not in known:
            raise ValueError(f"unknown plan '{p}'")
    d_old, d_new = ds.plan(old)["district"], ds.plan(new)["district"]
    if d_old != d_new:
        raise ValueError(f"plans '{old}' ({d_old}) and '{new}' ({d_new}) belong to different districts")
    clusters = match_clusters(plan_clusters(ds, old), plan_clusters(ds, new))
    return VintageDiff(district=d_old, old=old, new=new, clusters=clusters, zones=zone_changes(ds, old, new))


def district_vintages(ds: Dataset) -> dict[str, list[str]]:
    """Districts with two or more plans → their plan ids, oldest first."""
    out: dict[str, list[str]] = {}
    for d, g in ds.plans.sort_values("issued").groupby("district", sort=False):
        if len(g) >= 2:
            out[d] = list(g["plan_id"])
    return out


# ------------------------------------------------------------------------------------ supersession

#: Columns of the change records returned by :func:`supersede`.
SUPERSEDE_COLUMNS = [
    "district",
    "industry",
    "plan_old",
    "plan_new",
    "role_old",
    "role_new",
    "target_old",
    "year_old",
    "target_new",
    "year_new",
    "changes",
]


def headline(rows: pd.DataFrame | list[dict]) -> tuple[str, float | None, int | None]:
    """The strongest role and the largest target (with its year) of some rows of one industry.

    Ties of the target go to the later year, then to the row stated first (``order``, else the given order).
    """
    recs = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    role = min((r["role"] for r in recs), key=lambda r: ROLE_RANK[r])
    best = None
    for pos, r in enumerate(recs):
        value = _num(r["target_value_yi"])
        if value is None:
            continue
        key = (-value, -(_year(r["target_year"]) or -1), r.get("order", pos))
        if best is None or key < best[0]:
            best = (key, value, _year(r["target_year"]))
    if best is None:
        return role, None, None
    return role, best[1], best[2]


def supersede(rows: pd.DataFrame, issued: Mapping[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Combine several plans of a district: the later plan supersedes the earlier on the same industry.

    Parameters
    ----------
    rows : pandas.DataFrame
        Industry rows with ``district``, ``plan_id``, ``industry`` (the sector or chain compared), ``role``,
        ``target_value_yi``, ``target_year`` and ``is_direction`` (rows about another district, never
        superseded: they are not the district's own plan).
    issued : mapping
        Plan id → issue date (ISO text; later sorts later).

    Returns
    -------
    tuple of pandas.DataFrame
        The rows kept (the input's order) and one change record per superseded step (columns
        :data:`SUPERSEDE_COLUMNS`; ``changes`` lists ``role_changed`` and/or ``retargeted``, empty when the
        later plan restates the industry unchanged).
    """
    cols = ["district", "industry", "plan_id", "role", "target_value_yi", "target_year", "is_direction"]
    if "order" in rows.columns:
        cols.append("order")
    groups: dict[tuple[str, str], list[tuple[object, dict]]] = {}
    for i, r in zip(rows.index, rows[cols].to_dict("records"), strict=True):
        if not bool(r["is_direction"]):
            groups.setdefault((r["district"], r["industry"]), []).append((i, r))
    drop: set = set()
    recs = []
    for (district, industry), g in groups.items():
        by_plan: dict[str, list[dict]] = {}
        for _, r in g:
            by_plan.setdefault(r["plan_id"], []).append(r)
        if len(by_plan) < 2:
            continue
        first = {p: k for k, p in enumerate(by_plan)}
        plans = sorted(by_plan, key=lambda p: (str(issued.get(p, "")), first[p]))
        drop.update(i for i, r in g if r["plan_id"] != plans[-1])
        for old, new in zip(plans[:-1], plans[1:], strict=True):
            ro, to, yo = headline(by_plan[old])
            rn, tn, yn = headline(by_plan[new])
            changes = []
            if ro != rn:
                changes.append("role_changed")
            if (to, yo) != (tn, yn):
                changes.append("retargeted")
            recs.append(
                dict(
                    district=district,
                    industry=industry,
                    plan_old=old,
                    plan_new=new,
                    role_old=ro,
                    role_new=rn,
                    target_old=to,
                    year_old=yo,
                    target_new=tn,
                    year_new=yn,
                    changes=tuple(changes),
                )
            )
    kept = rows[~rows.index.isin(list(drop))] if drop else rows
    return kept, pd.DataFrame(recs, columns=SUPERSEDE_COLUMNS)
