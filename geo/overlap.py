"""Overlap analysis (同质化): industries targeted by several districts, or by several parks of one district.

The rules, written once here and in ``docs/overlap.md``:

* **Which rows.** The industry rows (roles lead/specialty/emerging/direction) of the selected plans
  (default: the latest plan of each district, so Hechuan counts once). District-level *directions*
  (role ``direction``, Table 1 of hechuan-2023-02) are added for every district that has no plan of its
  own in the selection, whichever plan states them; a district with its own plan speaks for itself.
* **Industry.** ``level="sector"`` groups rows by their sector, ``level="chain"`` by their chain (rows
  without a chain are left out at chain level).
* **Sides.** A *cross-district* overlap is an industry named by two or more districts; each district is
  one side. A *within-district* overlap is an industry one plan assigns to two or more of its parks; each
  park is one side. A side's role is its strongest role (lead > specialty > advantage > emerging > direction), its
  target the largest target on its rows (targets of one industry are never added up), with that row's year.
* **Severity** (points, see :func:`score_overlap`): breadth (+1 per side beyond the first, at most
  ``SEVERITY_BREADTH_CAP``), roles (+2 when two or more sides make it a lead/主导 industry, else +1 when two
  or more make it lead, specialty/特色 or advantage/优势), scale (+2 when two or more sides target ≥ ``BIG_TARGET_YI`` 亿元),
  proximity (+2 when parks of two different sides lie within ``NEAR_KM`` km, measured in the projected CRS;
  else +1 when two cross-district sides are neighbouring districts). High ≥ ``SEVERITY_HIGH``,
  medium ≥ ``SEVERITY_MEDIUM``, else low.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from shapely.strtree import STRtree

from . import coords
from .join import ROLE_RANK, select_plans
from .load import Dataset
from .proximity import near_geometry_pairs_by_group
from .settings import (
    BIG_TARGET_YI,
    INDUSTRY_ROLES,
    MAX_LEAD,
    MAX_SPECIALTY,
    NEAR_KM,
    OVERLAP_DEFAULT_VINTAGE,
    SEVERITY_BREADTH_CAP,
    SEVERITY_HIGH,
    SEVERITY_MEDIUM,
)
from .taxonomy import english_names

LEVELS = ("sector", "chain")
KINDS = ("cross_district", "within_district")

#: Park pairs listed per overlap in ``near_pairs`` (the closest; the nearest decides the severity anyway).
NEAR_PAIRS_MAX = 200

#: Distance (m) under which two district polygons count as neighbours (tolerates digitising gaps).
NEIGHBOUR_TOLERANCE_M = 500.0

#: Cell value per role in the district × industry matrix (stronger role → larger value; direction = 1).
ROLE_STRENGTH = {r: len(INDUSTRY_ROLES) - i for i, r in enumerate(INDUSTRY_ROLES)}

#: Roles that count for the +1 role rule of the severity (the +2 rule needs ``lead``).
STRONG_ROLES = ("lead", "specialty", "advantage")

COLUMNS = [
    "kind",
    "level",
    "industry",
    "industry_en",
    "sector",
    "districts",
    "n_districts",
    "parks",
    "park_names",
    "n_parks",
    "plan_ids",
    "side_summary",
    "total_target_yi",
    "min_distance_km",
    "links",
    "near_pairs",
    "severity",
    "severity_level",
    "severity_reasons",
    "reason_codes",
    "evidence",
    "sides",
]

_WS = re.compile(r"\s+")


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown level '{level}' (use sector or chain)")
    return level


# --------------------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Severity:
    """A severity score and the parts it is made of.

    Parameters
    ----------
    points : int
        Total points.
    level : str
        ``high``, ``medium`` or ``low``.
    parts : tuple
        ``(code, points, value)`` per rule that fired; codes are ``breadth`` (value = number of sides),
        ``lead`` / ``strong_role`` (lead, specialty or advantage) / ``big_targets`` (value = number of sides meeting it),
        ``near`` (value = nearest distance in km) and ``neighbours`` (value ``None``).
    """

    points: int
    level: str
    parts: tuple[tuple[str, int, float | int | None], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules that fired."""
        return tuple(p[0] for p in self.parts)

    def text(self, lang: str = "zh", unit: str = "district") -> str:
        """The reasons as one line of text (``unit`` = ``district`` or ``park``)."""
        return (
            "; ".join(_reason(code, pts, value, lang, unit) for code, pts, value in self.parts)
            if lang == "en"
            else "；".join(_reason(code, pts, value, lang, unit) for code, pts, value in self.parts)
        )


def _reason(code: str, pts: int, value, lang: str, unit: str) -> str:
    """One severity rule as text, e.g. ``3个区县（+2）`` / ``3 districts (+2)``."""
    district = unit == "district"
    big, near = f"{BIG_TARGET_YI:g}", f"{NEAR_KM:g}"
    if lang == "en":
        u = "districts" if district else "parks"
        if code == "breadth":
            text = f"{value} {u}"
        elif code == "lead":
            text = f"lead (主导) in {value} {u}"
        elif code == "strong_role":
            text = f"lead, specialty or advantage (主导/特色/优势) in {value} {u}"
        elif code == "big_targets":
            text = f"targets ≥ {big} 亿元 in {value} {u}"
        elif code == "near":
            who = "parks of different districts" if district else "parks"
            text = f"{who} within {near} km, nearest {value:.1f} km"
        else:
            text = "neighbouring districts"
        return f"{text} (+{pts})"
    u = "个区县" if district else "个园区"
    if code == "breadth":
        text = f"{value}{u}"
    elif code == "lead":
        text = f"{value}{u}列为主导产业"
    elif code == "strong_role":
        text = f"{value}{u}列为主导、特色或优势产业"
    elif code == "big_targets":
        text = f"{value}{u}目标≥{big}亿元"
    elif code == "near":
        who = "不同区县园区" if district else "园区"
        text = f"{who}相距≤{near}公里，最近{value:.1f}公里"
    else:
        text = "区县相邻"
    return f"{text}（+{pts}）"


def severity_level(points: int) -> str:
    """``high``, ``medium`` or ``low`` for a number of points."""
    if points >= SEVERITY_HIGH:
        return "high"
    if points >= SEVERITY_MEDIUM:
        return "medium"
    return "low"


def score_overlap(
    roles: Sequence[str],
    targets: Sequence[float | None],
    min_km: float | None = None,
    neighbours: bool = False,
) -> Severity:
    """Severity of one overlap from its sides.

    Parameters
    ----------
    roles : sequence of str
        Each side's strongest role.
    targets : sequence of float or None
        Each side's largest target in 亿元 (``None``/NaN when not stated), aligned with ``roles``.
    min_km : float, optional
        Shortest distance between parks of two different sides (km); ``None``/NaN when unknown.
    neighbours : bool
        Whether two of the sides are neighbouring districts (cross-district overlaps only).

    Returns
    -------
    Severity
    """
    if len(roles) != len(targets):
        raise ValueError("roles and targets must have the same length")
    parts: list[tuple[str, int, float | int | None]] = []
    n = len(roles)
    if n >= 2:
        parts.append(("breadth", min(n - 1, SEVERITY_BREADTH_CAP), n))
    n_lead = sum(r == "lead" for r in roles)
    n_ls = sum(r in STRONG_ROLES for r in roles)
    if n_lead >= 2:
        parts.append(("lead", 2, n_lead))
    elif n_ls >= 2:
        parts.append(("strong_role", 1, n_ls))
    n_big = sum(t is not None and not pd.isna(t) and float(t) >= BIG_TARGET_YI for t in targets)
    if n_big >= 2:
        parts.append(("big_targets", 2, n_big))
    if min_km is not None and not pd.isna(min_km) and float(min_km) <= NEAR_KM:
        parts.append(("near", 2, float(min_km)))
    elif neighbours:
        parts.append(("neighbours", 1, None))
    points = int(sum(p[1] for p in parts))
    return Severity(points=points, level=severity_level(points), parts=tuple(parts))


# --------------------------------------------------------------------------------------- rows


def _default_plans(ds: Dataset, plan_ids: Sequence[str] | None) -> list[str]:
    return select_plans(ds, OVERLAP_DEFAULT_VINTAGE) if plan_ids is None else list(plan_ids)


def industry_rows(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    directions: bool = True,
) -> pd.DataFrame:
    """The industry rows the overlap analysis works on.

    Parameters
    ----------
    ds : Dataset
    level : {"sector", "chain"}
    plan_ids : sequence of str, optional
        Plans to use (default: the latest plan of each district).
    directions : bool
        Add ``direction`` rows (from any plan) for districts with no plan of their own in ``plan_ids``.

    Returns
    -------
    pandas.DataFrame
        clusters.csv rows with added ``industry`` (the sector or chain), ``order``, ``plan_title``,
        ``plan_district`` and ``is_direction``.
    """
    _check_level(level)
    plan_ids = _default_plans(ds, plan_ids)
    plan_district = dict(zip(ds.plans["plan_id"], ds.plans["district"], strict=False))
    plan_title = dict(zip(ds.plans["plan_id"], ds.plans["title"], strict=False))
    own = {plan_district[p] for p in plan_ids if p in plan_district}
    cl = ds.clusters.reset_index(drop=True).copy()
    cl["order"] = np.arange(len(cl))
    cl = cl[cl["role"].isin(INDUSTRY_ROLES)]
    cl["plan_district"] = cl["plan_id"].map(plan_district).fillna("")
    cl["is_direction"] = (cl["role"] == "direction") & (cl["district"] != cl["plan_district"])
    keep = cl["plan_id"].isin(plan_ids) & ~cl["is_direction"]
    if directions:
        keep |= cl["is_direction"] & ~cl["district"].isin(own)
    cl = cl[keep].copy()
    cl["industry"] = cl[level].astype(str).str.strip()
    cl = cl[cl["industry"] != ""]
    cl["plan_title"] = cl["plan_id"].map(plan_title).fillna("")
    return cl.reset_index(drop=True)


def _year(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _side(rows: list[dict], district: str, park_id: str = "") -> dict:
    """Aggregate the rows (records, in file order) of one side — a district, or a park — for one industry."""
    rows = sorted(rows, key=lambda r: r["order"])
    role = min((r["role"] for r in rows), key=lambda r: ROLE_RANK[r])
    target, year = None, None
    with_target = [r for r in rows if _num(r["target_value_yi"]) is not None]
    if with_target:
        # the largest target; ties go to the later year, then to the row the plan states first
        best = min(
            with_target, key=lambda r: (-float(r["target_value_yi"]), -(_year(r["target_year"]) or -1), r["order"])
        )
        target, year = float(best["target_value_yi"]), _year(best["target_year"])
    parks = [park_id] if park_id else list(dict.fromkeys(p for r in rows for p in r["park_id_list"]))
    quotes, seen = [], set()
    for r in rows:
        key = (r["plan_id"], r["quote"])
        if key in seen:
            continue
        seen.add(key)
        quotes.append(
            dict(
                plan_id=r["plan_id"],
                plan_title=r["plan_title"],
                name=r["name_as_written"],
                quote=r["quote"],
                cluster_id=r["cluster_id"],
            )
        )
    return dict(
        district=district,
        park_id=park_id,
        plan_ids=list(dict.fromkeys(r["plan_id"] for r in rows)),
        role=role,
        target_yi=target,
        target_year=year,
        parks=parks,
        names=list(dict.fromkeys(r["name_as_written"] for r in rows)),
        quotes=quotes,
        direction_only=all(r["is_direction"] for r in rows),
    )


def _sort_sides(sides: list[dict]) -> list[dict]:
    return sorted(sides, key=lambda s: (ROLE_RANK[s["role"]], -(s["target_yi"] or 0.0), s["district"], s["park_id"]))


# --------------------------------------------------------------------------------------- geometry


def projected_parks(ds: Dataset) -> pd.Series:
    """Park geometries in the projected CRS (metres), indexed by ``park_id``; missing ones dropped."""
    parks = ds.parks[["park_id", "geometry"]]
    parks = parks[parks.geometry.notna() & ~parks.geometry.is_empty]
    proj = coords.to_projected(parks)
    return pd.Series(proj.geometry.values, index=proj["park_id"].to_numpy())


def neighbour_districts(ds: Dataset) -> set[frozenset]:
    """Pairs of districts whose polygons touch (within ``NEIGHBOUR_TOLERANCE_M``), via an STRtree."""
    d = ds.districts[ds.districts.geometry.notna()]
    if len(d) < 2:
        return set()
    proj = coords.to_projected(d)
    arr = np.asarray(proj.geometry.values)
    left, right = STRtree(arr).query(arr, predicate="dwithin", distance=NEIGHBOUR_TOLERANCE_M)
    names = proj["district"].to_numpy()
    return {frozenset((names[a], names[b])) for a, b in zip(left, right, strict=True) if a < b}


def competitor_links(geoms: dict, sides: list[list[str]]) -> list[tuple[str, str, float]]:
    """For each side, the link from its parks to the nearest park of any other side (STRtree nearest query).

    Parameters
    ----------
    geoms : dict
        Park id → projected geometry (parks without one are skipped).
    sides : list of list of str
        The park ids of each side.

    Returns
    -------
    list of tuple
        ``(park_a, park_b, km)``, one per side that has a located park and a located competitor,
        each pair once.
    """
    owner: dict[str, int] = {}
    for i, ps in enumerate(sides):
        for p in ps:
            if p in geoms:
                owner.setdefault(p, i)
    if len({owner[p] for p in owner}) < 2:
        return []
    ids = list(owner)
    arr = np.asarray([geoms[p] for p in ids])
    side_of = np.asarray([owner[p] for p in ids])
    links: dict[frozenset, tuple[str, str, float]] = {}
    for i in sorted(set(side_of.tolist())):
        mine, other = np.flatnonzero(side_of == i), np.flatnonzero(side_of != i)
        (ia, ib), dist = STRtree(arr[other]).query_nearest(arr[mine], return_distance=True)
        k = int(np.argmin(dist))
        a, b = ids[mine[ia[k]]], ids[other[ib[k]]]
        links.setdefault(frozenset((a, b)), (a, b, float(dist[k]) / 1000.0))
    return list(links.values())


def _near_by_record(side_parks: list[list[list[str]]], geoms: dict, km: float = NEAR_KM) -> list[dict]:
    """Per overlap, park → [(park of another side, km)] within ``km``: one grouped STRtree pass for all overlaps.

    ``side_parks[r][i]`` are the park ids of side ``i`` of overlap ``r``; each overlap is one group of
    :func:`geo.proximity.near_geometry_pairs_by_group` and each side one unit, so only pairs of parks of two
    different sides of the same overlap are ever produced (no all-parks pair list), at most
    :data:`NEAR_PAIRS_MAX` per overlap, the closest.
    """
    rec, side, park = [], [], []
    for r, sides in enumerate(side_parks):
        side_of = {p: i for i, ps in enumerate(sides) for p in ps}
        for p, i in side_of.items():
            if p in geoms:
                rec.append(r)
                side.append(i)
                park.append(p)
    out: list[dict] = [{} for _ in side_parks]
    if len(rec) < 2:
        return out
    arr = np.asarray([geoms[p] for p in park], dtype=object)
    pairs = near_geometry_pairs_by_group(arr, np.asarray(rec), np.asarray(side), km * 1000.0, NEAR_PAIRS_MAX)
    for i, j, r, d in zip(pairs["i"], pairs["j"], pairs["group"], pairs["distance"] / 1000.0, strict=True):
        adj = out[r]
        adj.setdefault(park[i], []).append((park[j], float(d)))
        adj.setdefault(park[j], []).append((park[i], float(d)))
    return out


# --------------------------------------------------------------------------------------- overlaps


def _clean(text: str) -> str:
    return _WS.sub(" ", str(text)).strip()


def _evidence(sides: list[dict], kind: str) -> str:
    out = []
    for s in sides:
        who = s["district"] if kind == "cross_district" else f"{s['district']}·{s['park_id']}"
        for q in s["quotes"]:
            out.append(f"{who}〔{q['plan_id']}《{q['plan_title']}》〕“{_clean(q['quote'])}”")
    return " | ".join(out)


def _summary(sides: list[dict], kind: str) -> str:
    out = []
    for s in sides:
        who = s["district"] if kind == "cross_district" else s["park_id"]
        tgt = ""
        if s["target_yi"] is not None:
            tgt = f" {s['target_yi']:g}亿" + (f"({s['target_year']})" if s["target_year"] else "")
        out.append(f"{who}: {s['role']}{tgt}")
    return "; ".join(out)


def _record(
    kind: str,
    level: str,
    industry: str,
    rows: list[dict],
    sides: list[dict],
    geoms: dict,
    near: dict[str, list[tuple[str, float]]],
    neighbours: set[frozenset],
    names_zh: dict[str, str],
    en: dict[str, str],
    lang: str,
) -> dict:
    sides = _sort_sides(sides)
    links = competitor_links(geoms, [s["parks"] for s in sides])
    side_of = {p: i for i, s in enumerate(sides) for p in s["parks"]}
    near_pairs = sorted(
        {
            (a, b, km) if a < b else (b, a, km)
            for a in side_of
            for b, km in near.get(a, ())
            if b in side_of and side_of[b] != side_of[a]
        },
        key=lambda x: x[2],
    )
    min_km = min((lk[2] for lk in links), default=np.nan)
    dists = [s["district"] for s in sides]
    nb = kind == "cross_district" and any(frozenset(p) in neighbours for p in combinations(dists, 2))
    sev = score_overlap([s["role"] for s in sides], [s["target_yi"] for s in sides], min_km, nb)
    parks = list(dict.fromkeys(p for s in sides for p in s["parks"]))
    targets = [s["target_yi"] for s in sides if s["target_yi"] is not None]
    if kind == "cross_district":
        total = float(sum(targets)) if targets else np.nan
    else:  # one plan's rows for one industry: never added up
        total = float(max(targets)) if targets else np.nan
    sector = industry
    if level == "chain" and rows:
        counts = pd.Series([r["sector"] for r in rows]).value_counts(sort=True)
        sector = str(counts.index[0])
    return dict(
        kind=kind,
        level=level,
        industry=industry,
        industry_en=en.get(industry, industry),
        sector=sector,
        districts=tuple(dict.fromkeys(dists)),
        n_districts=len(set(dists)),
        parks=tuple(parks),
        park_names=tuple(names_zh.get(p, p) for p in parks),
        n_parks=len(parks),
        plan_ids=tuple(dict.fromkeys(p for s in sides for p in s["plan_ids"])),
        side_summary=_summary(sides, kind),
        total_target_yi=total,
        min_distance_km=float(min_km),
        links=tuple(links),
        near_pairs=tuple(near_pairs),
        severity=sev.points,
        severity_level=sev.level,
        severity_reasons=sev.text(lang, "district" if kind == "cross_district" else "park"),
        reason_codes=sev.codes,
        evidence=_evidence(sides, kind),
        sides=sides,
    )


def find_overlaps(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    directions: bool = True,
    kinds: Sequence[str] = KINDS,
    lang: str = "zh",
) -> pd.DataFrame:
    """Every industry targeted by two or more districts, or by two or more parks of one district.

    Parameters
    ----------
    ds : Dataset
    level : {"sector", "chain"}
        Compare sectors or the finer chains.
    plan_ids : sequence of str, optional
        Plans to use (default: ``settings.OVERLAP_DEFAULT_VINTAGE``; see :func:`industry_rows` for directions).
    directions : bool
        Include Table-1 style district directions (role ``direction``).
    kinds : sequence of str
        ``cross_district`` and/or ``within_district``.
    lang : {"zh", "en"}
        Language of ``severity_reasons``.

    Returns
    -------
    pandas.DataFrame
        One row per overlap, columns :data:`COLUMNS`, most severe first. ``sides`` holds one dict per
        district (or park, within a district) with its role, target (亿元, year), parks and quotes
        (plan id, plan title, quote).
    """
    for k in kinds:
        if k not in KINDS:
            raise ValueError(f"unknown overlap kind '{k}' (use {' or '.join(KINDS)})")
    rows = industry_rows(ds, level, plan_ids, directions)
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    proj = projected_parks(ds)
    geoms = dict(zip(proj.index, proj.values, strict=True))
    neighbours = neighbour_districts(ds) if "cross_district" in kinds else set()
    names_zh = dict(zip(ds.parks["park_id"], ds.parks["name_zh"], strict=False))
    en = english_names(ds.industries)
    by_industry: dict[str, list[dict]] = {}
    for r in rows.to_dict("records"):
        by_industry.setdefault(r["industry"], []).append(r)
    pending = []  # (kind, industry, rows, sides, neighbours): near pairs are found for all of them at once
    for industry, g in by_industry.items():
        by_district: dict[str, list[dict]] = {}
        for r in g:
            by_district.setdefault(r["district"], []).append(r)
        if "cross_district" in kinds and len(by_district) >= 2:
            sides = [_side(gd, d) for d, gd in by_district.items()]
            pending.append(("cross_district", industry, g, sides, neighbours))
        if "within_district" in kinds:
            by_plan: dict[tuple[str, str], dict[str, list[dict]]] = {}
            for r in g:
                if r["is_direction"]:
                    continue
                for p in r["park_id_list"]:
                    by_plan.setdefault((r["district"], r["plan_id"]), {}).setdefault(p, []).append(r)
            for (district, _plan), per_park in by_plan.items():
                if len(per_park) < 2:
                    continue
                sides = [_side(gk, district, park_id=pk) for pk, gk in per_park.items()]
                gp = [r for r in g if r["district"] == district and r["plan_id"] == _plan]
                pending.append(("within_district", industry, gp, sides, set()))
    near = _near_by_record([[s["parks"] for s in sides] for _k, _i, _g, sides, _n in pending], geoms)
    recs = [
        _record(kind, level, industry, g, sides, geoms, near_r, nb, names_zh, en, lang)
        for (kind, industry, g, sides, nb), near_r in zip(pending, near, strict=True)
    ]
    out = pd.DataFrame(recs, columns=COLUMNS)
    if out.empty:
        return out
    out["_t"] = out["total_target_yi"].fillna(-1.0)
    out["_k"] = out["kind"].map({k: i for i, k in enumerate(KINDS)})
    out = out.sort_values(
        ["_k", "severity", "n_districts", "n_parks", "_t", "industry"],
        ascending=[True, False, False, False, False, True],
        kind="stable",
    )
    return out.drop(columns=["_t", "_k"]).reset_index(drop=True)


def flat_table(overlaps: pd.DataFrame) -> pd.DataFrame:
    """The overlaps with list columns ``;``-joined, for CSV, the CLI and ``st.dataframe``."""
    cols = [
        "kind",
        "industry",
        "industry_en",
        "sector",
        "districts",
        "parks",
        "n_districts",
        "n_parks",
        "total_target_yi",
        "min_distance_km",
        "severity",
        "severity_level",
        "severity_reasons",
        "side_summary",
        "plan_ids",
        "evidence",
    ]
    out = overlaps[cols].copy() if len(overlaps) else pd.DataFrame(columns=cols)
    for c in ("districts", "parks", "plan_ids"):
        out[c] = out[c].map(lambda v: ";".join(v))
    out["total_target_yi"] = out["total_target_yi"].astype("float64").round(2)
    out["min_distance_km"] = out["min_distance_km"].astype("float64").round(1)
    return out


# --------------------------------------------------------------------------------------- per district


def overlap_counts_by_district(
    ds: Dataset,
    overlaps: pd.DataFrame | None = None,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per district: how many of its industries overlap with other districts (for shading polygons).

    Parameters
    ----------
    ds : Dataset
    overlaps : pandas.DataFrame, optional
        Output of :func:`find_overlaps` (computed with ``level``/``plan_ids`` when not given).
    level : {"sector", "chain"}
    plan_ids : sequence of str, optional

    Returns
    -------
    pandas.DataFrame
        One row per district of ``ds.districts``: ``district``, ``n_overlaps`` (cross-district overlaps it
        takes part in), ``max_severity`` (0 when none), ``industries`` (``;``-joined) and ``has_data``
        (the district has industry rows — its own plan or directions; ``False`` means unknown, not zero).
    """
    if overlaps is None:
        overlaps = find_overlaps(ds, level, plan_ids, kinds=("cross_district",))
    covered = set(industry_rows(ds, level, plan_ids)["district"])
    cross = overlaps[overlaps["kind"] == "cross_district"] if len(overlaps) else overlaps
    stats: dict[str, list] = {}
    for _, r in cross.iterrows():
        for d in r["districts"]:
            stats.setdefault(d, []).append((r["industry"], int(r["severity"])))
    names = list(ds.districts["district"])
    names += sorted(set(stats) - set(names))
    recs = []
    for d in names:
        items = stats.get(d, [])
        recs.append(
            dict(
                district=d,
                n_overlaps=len(items),
                max_severity=max((s for _, s in items), default=0),
                industries=";".join(i for i, _ in items),
                has_data=d in covered,
            )
        )
    return pd.DataFrame(recs, columns=["district", "n_overlaps", "max_severity", "industries", "has_data"])


def _states(text: str | None, words: tuple[str, ...]) -> bool:
    return bool(text) and any(w in text for w in words)


#: Words whose presence in a plan's text means the plan itself states that role.
ROLE_WORDS = {"lead": ("主导产业",), "specialty": ("特色产业",)}


def district_rule_counts(ds: Dataset, plan_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Per plan: its lead (主导) and specialty (特色) industries against the ≤2 主导 + ≤4 特色 rule.

    An industry is the row's chain, or its sector when it has no chain. District-wide rows are counted
    (park rows only when the plan has no district-wide row of that role). A role is counted only when the
    plan's text uses the word (主导产业 / 特色产业); otherwise the count is missing (``<NA>``), not 0.

    Parameters
    ----------
    ds : Dataset
    plan_ids : sequence of str, optional
        Plans to check (default: the latest plan of each district).

    Returns
    -------
    pandas.DataFrame
        ``district``, ``plan_id``, ``n_lead``, ``n_specialty``, ``max_lead``, ``max_specialty``,
        ``lead_over``, ``specialty_over`` (bool, ``<NA>`` when not stated), ``lead_industries``,
        ``specialty_industries`` (``;``-joined).
    """
    plan_ids = _default_plans(ds, plan_ids)
    plans = ds.plans[ds.plans["plan_id"].isin(plan_ids)]
    cl = ds.clusters[ds.clusters["plan_id"].isin(plan_ids)]
    recs = []
    for _, p in plans.iterrows():
        own = cl[(cl["plan_id"] == p["plan_id"]) & (cl["district"] == p["district"])]
        rec: dict = dict(district=p["district"], plan_id=p["plan_id"])
        for role, maximum in (("lead", MAX_LEAD), ("specialty", MAX_SPECIALTY)):
            rows = own[own["role"] == role]
            wide = rows[rows["park_id_list"].map(len) == 0]
            rows = wide if len(wide) else rows
            names = list(dict.fromkeys((rows["chain"].where(rows["chain"] != "", rows["sector"])).astype(str)))
            names = [n for n in names if n]
            stated = _states(ds.texts.get(p["plan_id"]), ROLE_WORDS[role])
            rec[f"n_{role}"] = len(names) if stated else pd.NA
            rec[f"max_{role}"] = maximum
            rec[f"{role}_over"] = (len(names) > maximum) if stated else pd.NA
            rec[f"{role}_industries"] = ";".join(names)
        recs.append(rec)
    out = pd.DataFrame(
        recs,
        columns=[
            "district",
            "plan_id",
            "n_lead",
            "max_lead",
            "lead_over",
            "lead_industries",
            "n_specialty",
            "max_specialty",
            "specialty_over",
            "specialty_industries",
        ],
    )
    for c in ("n_lead", "n_specialty"):
        out[c] = out[c].astype("Int64")
    for c in ("lead_over", "specialty_over"):
        out[c] = out[c].astype("boolean")
    return out


def district_industry_matrix(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    value: str = "role",
    directions: bool = True,
) -> pd.DataFrame:
    """District × industry matrix for a heat map.

    Parameters
    ----------
    ds : Dataset
    level : {"sector", "chain"}
    plan_ids : sequence of str, optional
    value : {"role", "target"}
        ``role``: :data:`ROLE_STRENGTH` of the strongest role (lead 5 … direction 1);
        ``target``: the largest target in 亿元.
    directions : bool

    Returns
    -------
    pandas.DataFrame
        Districts as rows, industries as columns (sectors in industries.csv order), NaN where the district
        does not name the industry.
    """
    if value not in ("role", "target"):
        raise ValueError(f"unknown matrix value '{value}' (use role or target)")
    rows = industry_rows(ds, level, plan_ids, directions)
    if rows.empty:
        return pd.DataFrame()
    if value == "role":
        rows = rows.assign(v=rows["role"].map(ROLE_STRENGTH).astype("float64"))
    else:
        rows = rows.assign(v=rows["target_value_yi"].astype("float64"))
    m = rows.groupby(["district", "industry"])["v"].max().unstack("industry")
    if level == "sector":
        order = [s for s in ds.industries.loc[ds.industries["chain"] == "", "sector"] if s in m.columns]
        m = m[order + [c for c in m.columns if c not in order]]
    counts = m.notna().sum(axis=0).sort_values(ascending=False, kind="stable") if level == "chain" else None
    if counts is not None:
        m = m[list(counts.index)]
    m.columns.name = None
    m.index.name = "district"
    return m
