"""Overlap analysis (同质化): industries targeted by several districts, or by several parks of one district.

The rules, written once here and in ``docs/overlap.md``:

* **Which rows.** The industry rows (roles lead/specialty/advantage/emerging/focus/direction) of the selected
  plans (default :func:`geo.summary.default_plan_ids`: the plans in force, each district's latest). District-level *directions*
  (role ``direction`` about another district, Table 1 of hechuan-2023-02) are added for every district that has
  no plan of its own in the selection, whichever plan states them; a district with its own plan speaks for itself.
* **Domains.** Only industries whose sector's ``industries.domain`` is in ``OVERLAP_DOMAINS`` (manufacturing)
  are compared unless ``all_domains`` is asked for; without a domain column, ``SECTOR_DOMAIN_FALLBACK`` names
  the non-manufacturing sectors (物流, 文创 …).
* **Industry.** ``level="sector"`` groups rows by their sector, ``level="chain"`` by their chain (rows
  without a chain are left out at chain level).
* **Vintages.** A district's selected plans are combined; where several of them name the same industry (at the
  level compared), the most recently issued one speaks for the district and the change is recorded
  (:func:`geo.vintage.supersede`, column ``vintage_changes``). One industry of one district is thus one side,
  from one plan, and is never flagged twice.
* **Sides.** A *cross-district* overlap is an industry named by two or more districts; each district is
  one side. A *within-district* overlap is an industry the combined plans of one district assign to two or
  more of its parks; each park is one side, except that a sub-zone merges into an ancestor zone (``parent_id``
  chain) that is itself a side, and the parks of one planned network (``network``) are one side — when all
  sides merge into one there is no overlap. A side's role is its strongest role (lead > specialty > advantage >
  emerging > focus > direction), its target the largest target on its rows (targets of one industry are never
  added up), with that row's year.
* **Severity** (points in ``settings.SEVERITY_POINTS``, see :func:`score_overlap`): breadth
  (``SEVERITY_BREADTH_POINT`` per side beyond the first, at most ``SEVERITY_BREADTH_CAP``), roles (``lead`` when
  two or more sides make it a lead/主导 industry, else ``strong_role`` when two or more make it lead,
  specialty/特色 or advantage/优势; ``focus`` never counts), scale (``big_targets``: two or more sides target
  ≥ ``BIG_TARGET_YI`` 亿元), proximity (``near``: sites of two different sides with distance + both location
  uncertainties ≤ ``NEAR_KM``, measured in the projected CRS, never between a sub-zone and its ancestor, parks
  of one network, or two sites at the same proxy point; else ``neighbours`` when two cross-district sides are
  neighbouring districts). High ≥ ``SEVERITY_HIGH``, medium ≥ ``SEVERITY_MEDIUM``, else low.
* **2 主导 + 4 特色** (:func:`district_rule_counts`): per plan, its declared system (``plans.system``) and
  the distinct industries of its district-scope lead / specialty rows, against ``MAX_LEAD`` / ``MAX_SPECIALTY``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd
from shapely.strtree import STRtree

from . import coords
from .evidence import QuoteIndex, side_statements
from .load import Dataset
from .proximity import near_geometry_pairs_by_group
from .settings import (
    BIG_TARGET_YI,
    INDUSTRY_ROLES,
    MAX_LEAD,
    MAX_SPECIALTY,
    NEAR_KM,
    NEIGHBOUR_TOLERANCE_M,
    OVERLAP_DOMAINS,
    SAME_PROXY_KM,
    SECTOR_DOMAIN_FALLBACK,
    SEVERITY_BREADTH_CAP,
    SEVERITY_BREADTH_POINT,
    SEVERITY_HIGH,
    SEVERITY_MEDIUM,
    SEVERITY_POINTS,
    SEVERITY_STRONG_ROLES,
)
from .summary import ROLE_RANK, default_plan_ids
from .taxonomy import english_names
from .uncertainty import site_uncertainty
from .vintage import normalise_name, supersede

LEVELS = ("sector", "chain")
KINDS = ("cross_district", "within_district")

#: Park pairs listed per overlap in ``near_pairs`` (the closest; the nearest decides the severity anyway).
NEAR_PAIRS_MAX = 200

#: Cell value per role in the district × industry matrix (stronger role → larger value; direction = 1).
ROLE_STRENGTH = {r: len(INDUSTRY_ROLES) - i for i, r in enumerate(INDUSTRY_ROLES)}

#: Roles that count for the ``strong_role`` rule of the severity (the ``lead`` rule needs ``lead``).
STRONG_ROLES = SEVERITY_STRONG_ROLES

#: Chinese names of the industry roles (used in the texts this module writes).
ROLE_ZH = {
    "lead": "主导",
    "specialty": "特色",
    "advantage": "优势",
    "emerging": "培育",
    "focus": "重点发展",
    "direction": "发展方向",
}

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
    "distance_uncertainty_km",
    "links",
    "link_uncertainty_km",
    "near_pairs",
    "severity",
    "severity_level",
    "severity_reasons",
    "reason_codes",
    "vintage_changes",
    "systems",
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
        ``near`` (value = the measured distance in km of the nearest qualifying pair) and ``neighbours``
        (value ``None``).
    near_uncertainty_km : float
        The summed location uncertainty (km) of the ``near`` pair (0 for surveyed sites).
    """

    points: int
    level: str
    parts: tuple[tuple[str, int, float | int | None], ...]
    near_uncertainty_km: float = 0.0

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules that fired."""
        return tuple(p[0] for p in self.parts)

    def text(self, lang: str = "zh", unit: str = "district") -> str:
        """The reasons as one line of text (``unit`` = ``district`` or ``park``)."""
        sep = "; " if lang == "en" else "；"
        return sep.join(_reason(code, pts, value, lang, unit, self.near_uncertainty_km) for code, pts, value in self.parts)


def distance_text(km: float, uncertainty_km: float = 0.0, lang: str = "zh") -> str:
    """A measured distance with its location uncertainty, e.g. ``≈12.3公里±3公里`` / ``≈ 12.3 km ± 3 km``.

    Exact distances (no uncertainty) are written without ``≈``/``±``; an unknown distance is empty.
    """
    if km is None or pd.isna(km):
        return ""
    pm = 0.0 if uncertainty_km is None or pd.isna(uncertainty_km) else round(float(uncertainty_km), 1)
    if lang == "en":
        return f"≈ {km:.1f} km ± {pm:g} km" if pm > 0 else f"{km:.1f} km"
    return f"≈{km:.1f}公里±{pm:g}公里" if pm > 0 else f"{km:.1f}公里"


def _reason(code: str, pts: int, value, lang: str, unit: str, pm: float = 0.0) -> str:
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
            text = f"{who} within {near} km even at worst, nearest {distance_text(value, pm, 'en')}"
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
        text = f"{who}计入位置误差仍相距≤{near}公里，最近{distance_text(value, pm, 'zh')}"
    else:
        text = "区县相邻"
    return f"{text}（+{pts}）"


def severity_level(points: int) -> str:
    """``high``, ``medium`` or ``low`` for a number of points (thresholds in settings)."""
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
    uncertainty_km: float = 0.0,
) -> Severity:
    """Severity of one overlap from its sides (points in ``settings.SEVERITY_POINTS``).

    Parameters
    ----------
    roles : sequence of str
        Each side's strongest role.
    targets : sequence of float or None
        Each side's largest target in 亿元 (``None``/NaN when not stated), aligned with ``roles``.
    min_km : float, optional
        Measured distance between the closest pair of sites of two different sides that may count as near
        (km); ``None``/NaN when there is none.
    neighbours : bool
        Whether two of the sides are neighbouring districts (cross-district overlaps only).
    uncertainty_km : float
        The two sites' location uncertainties summed (km): ``near`` needs ``min_km + uncertainty_km ≤ NEAR_KM``.

    Returns
    -------
    Severity
    """
    if len(roles) != len(targets):
        raise ValueError("roles and targets must have the same length")
    pts = SEVERITY_POINTS
    parts: list[tuple[str, int, float | int | None]] = []
    n = len(roles)
    if n >= 2:
        parts.append(("breadth", min((n - 1) * SEVERITY_BREADTH_POINT, SEVERITY_BREADTH_CAP), n))
    n_lead = sum(r == "lead" for r in roles)
    n_ls = sum(r in STRONG_ROLES for r in roles)
    if n_lead >= 2:
        parts.append(("lead", pts["lead"], n_lead))
    elif n_ls >= 2:
        parts.append(("strong_role", pts["strong_role"], n_ls))
    n_big = sum(t is not None and not pd.isna(t) and float(t) >= BIG_TARGET_YI for t in targets)
    if n_big >= 2:
        parts.append(("big_targets", pts["big_targets"], n_big))
    pm = 0.0 if uncertainty_km is None or pd.isna(uncertainty_km) else float(uncertainty_km)
    near = min_km is not None and not pd.isna(min_km) and float(min_km) + pm <= NEAR_KM
    if near:
        parts.append(("near", pts["near"], float(min_km)))
    elif neighbours:
        parts.append(("neighbours", pts["neighbours"], None))
    points = int(sum(p[1] for p in parts))
    return Severity(
        points=points, level=severity_level(points), parts=tuple(parts), near_uncertainty_km=pm if near else 0.0
    )


# --------------------------------------------------------------------------------------- rows


def _default_plans(ds: Dataset, plan_ids: Sequence[str] | None) -> list[str]:
    return default_plan_ids(ds) if plan_ids is None else list(plan_ids)


def sector_domains(industries: pd.DataFrame) -> dict[str, str]:
    """Sector → domain (``manufacturing``, ``services``, ``logistics`` …) from industries.csv's sector rows.

    A sector with no ``domain`` value (or a table without the column) takes ``SECTOR_DOMAIN_FALLBACK``'s,
    else ``manufacturing``.
    """
    out = {}
    rows = industries[industries["chain"].fillna("").astype(str) == ""] if "chain" in industries else industries
    values = rows["domain"] if "domain" in rows.columns else pd.Series([""] * len(rows), index=rows.index)
    for sector, value in zip(rows["sector"].astype(str), values, strict=True):
        value = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
        out[sector] = value or SECTOR_DOMAIN_FALLBACK.get(sector, "manufacturing")
    return out


def _domain_of(sector: str, domains: dict[str, str]) -> str:
    return domains.get(sector) or SECTOR_DOMAIN_FALLBACK.get(sector, "manufacturing")


def combined_rows(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    directions: bool = True,
    all_domains: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The industry rows the overlap analysis works on, and the vintage changes that shaped them.

    Parameters
    ----------
    ds : Dataset
    level : {"sector", "chain"}
    plan_ids : sequence of str, optional
        Plans to use (default: :func:`geo.summary.default_plan_ids`).
    directions : bool
        Add ``direction`` rows (from any plan) for districts with no plan of their own in ``plan_ids``.
    all_domains : bool
        Keep industries of every domain (default: only ``OVERLAP_DOMAINS``, i.e. manufacturing).

    Returns
    -------
    tuple of pandas.DataFrame
        The rows (clusters.csv rows with added ``industry`` (the sector or chain), ``order``, ``plan_title``,
        ``plan_district``, ``is_direction`` and ``domain``), a district's earlier plans superseded by its later
        ones on the same industry; and the change records of :func:`geo.vintage.supersede`.
    """
    _check_level(level)
    plan_ids = _default_plans(ds, plan_ids)
    plan_district = dict(zip(ds.plans["plan_id"], ds.plans["district"], strict=False))
    plan_title = dict(zip(ds.plans["plan_id"], ds.plans["title"], strict=False))
    issued = dict(zip(ds.plans["plan_id"], ds.plans["issued"].astype(str), strict=False))
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
    domains = sector_domains(ds.industries)
    cl["domain"] = cl["sector"].astype(str).map(lambda sec: _domain_of(sec, domains))
    if not all_domains:
        cl = cl[cl["domain"].isin(OVERLAP_DOMAINS)]
    cl["plan_title"] = cl["plan_id"].map(plan_title).fillna("")
    cl, changes = supersede(cl, issued)
    return cl.reset_index(drop=True), changes


def industry_rows(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    directions: bool = True,
    all_domains: bool = False,
) -> pd.DataFrame:
    """The industry rows the overlap analysis works on (see :func:`combined_rows`, same parameters).

    Returns
    -------
    pandas.DataFrame
        clusters.csv rows with added ``industry`` (the sector or chain), ``order``, ``plan_title``,
        ``plan_district``, ``is_direction`` and ``domain``; later plans of a district supersede earlier ones
        on the same industry.
    """
    return combined_rows(ds, level, plan_ids, directions, all_domains)[0]


def _year(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _side(rows: list[dict], district: str, park_id: str = "", parks: Sequence[str] | None = None) -> dict:
    """Aggregate the rows (records, in file order) of one side — a district, or a park (with the parks merged
    into it: its sub-zones, or its network) — for one industry."""
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
    if parks is None:
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
        parks=list(parks),
        names=list(dict.fromkeys(r["name_as_written"] for r in rows)),
        quotes=quotes,
        direction_only=all(r["is_direction"] for r in rows),
        superseded=[],
    )


def _sort_sides(sides: list[dict]) -> list[dict]:
    return sorted(sides, key=lambda s: (ROLE_RANK[s["role"]], -(s["target_yi"] or 0.0), s["district"], s["park_id"]))


def _side_text(role: str, target, year, plan_id: str, lang: str) -> str:
    """``主导 100亿（2025，plan）`` / ``lead 100亿 (2025, plan)``."""
    en = lang == "en"
    name = role if en else ROLE_ZH.get(role, role)
    amount = f" {target:g}亿" if target is not None and not pd.isna(target) else ""
    if amount:
        when = str(int(year)) if year is not None and not pd.isna(year) else ("year not stated" if en else "未注明年份")
        return f"{name}{amount} ({when}, {plan_id})" if en else f"{name}{amount}（{when}，{plan_id}）"
    return f"{name} ({plan_id})" if en else f"{name}（{plan_id}）"


def vintage_change_text(change: dict, lang: str = "zh") -> str:
    """One superseded step as text, e.g. ``合川区 网络安全：主导 100亿（2025，hechuan-2023-02）→ 特色 50亿（2027，hechuan-2023-09）``."""
    old = _side_text(change["role_old"], change["target_old"], change["year_old"], change["plan_old"], lang)
    new = _side_text(change["role_new"], change["target_new"], change["year_new"], change["plan_new"], lang)
    sep = ": " if lang == "en" else "："
    return f"{change['district']} {change['industry']}{sep}{old} → {new}"


# --------------------------------------------------------------------------------------- geometry


def projected_parks(ds: Dataset) -> pd.Series:
    """Park geometries in the projected CRS (metres), indexed by ``park_id``; missing ones dropped."""
    parks = ds.parks[["park_id", "geometry"]]
    parks = parks[parks.geometry.notna() & ~parks.geometry.is_empty]
    proj = coords.to_projected(parks)
    return pd.Series(proj.geometry.values, index=proj["park_id"].to_numpy())


def _prop(parks: pd.DataFrame, col: str) -> pd.Series:
    """An optional park property as text ('' where absent)."""
    if col not in parks.columns:
        return pd.Series([""] * len(parks), index=parks.index, dtype=object)
    return parks[col].map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip())


def park_uncertainty_km(ds: Dataset, projected: pd.Series | None = None) -> pd.Series:
    """Each park's location uncertainty (km), indexed by ``park_id``, as the maps draw it.

    One rule for the maps, the detail panel and the overlaps (:func:`geo.uncertainty.site_uncertainty`): the
    park's ``uncertainty_m`` when stated; otherwise a town-seat or proxy point gets
    ``settings.SITE_UNCERTAINTY_M`` of its quality, an approximate polygon (an equal-area circle) its equal-area
    radius, and a surveyed, digitised or moved site none.

    Parameters
    ----------
    ds : Dataset
    projected : pandas.Series, optional
        Unused; kept for callers that pass the projected sites.
    """
    parks = ds.parks
    cols = [c for c in ("geometry_quality", "uncertainty_m") if c in parks.columns]
    out = {}
    for pid, geom, props in zip(parks["park_id"], parks.geometry, parks[cols].to_dict("records"), strict=True):
        r = site_uncertainty(props, geom).radius_m
        out[pid] = (r or 0.0) / 1000.0
    return pd.Series(out, dtype="float64")


@dataclass(frozen=True)
class ParkRelations:
    """Sub-zone (``parent_id``) and network (``network``/``network_role``) relations between parks."""

    parent: dict
    network: dict
    hub: frozenset

    @classmethod
    def of(cls, parks: pd.DataFrame) -> ParkRelations:
        """Read the optional ``parent_id``, ``network`` and ``network_role`` properties of parks."""
        ids = list(parks["park_id"])
        parent = {p: v for p, v in zip(ids, _prop(parks, "parent_id"), strict=True) if v and v != p}
        network = {p: v for p, v in zip(ids, _prop(parks, "network"), strict=True) if v}
        hub = frozenset(p for p, v in zip(ids, _prop(parks, "network_role"), strict=True) if v == "hub")
        return cls(parent=parent, network=network, hub=hub)

    def ancestors(self, park: str) -> list[str]:
        """The parent chain of a park, nearest first (cycles cut)."""
        out, seen = [], {park}
        p = self.parent.get(park)
        while p and p not in seen:
            out.append(p)
            seen.add(p)
            p = self.parent.get(p)
        return out

    def related(self, a: str, b: str) -> bool:
        """Whether one park is a sub-zone (at any depth) of the other, or both belong to one network."""
        if a == b:
            return True
        na, nb = self.network.get(a), self.network.get(b)
        if na and na == nb:
            return True
        return b in self.ancestors(a) or a in self.ancestors(b)

    def merge(self, parks: Sequence[str]) -> dict[str, str]:
        """Map each park to the side it belongs to among ``parks``: its topmost ancestor in ``parks``, and one
        side per network (the hub, else the first named) — each side named by one of its parks."""
        parks = list(dict.fromkeys(parks))
        present = set(parks)
        root = {p: p for p in parks}

        def find(p: str) -> str:
            while root[p] != p:
                root[p] = root[root[p]]
                p = root[p]
            return p

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                root[rb] = ra

        for p in parks:
            for anc in self.ancestors(p):
                if anc in present:
                    union(anc, p)
                    break
        by_net: dict[str, str] = {}
        for p in parks:
            n = self.network.get(p)
            if n:
                if n in by_net:
                    union(by_net[n], p)
                else:
                    by_net[n] = p
        groups: dict[str, list[str]] = {}
        for p in parks:
            groups.setdefault(find(p), []).append(p)
        out = {}
        for members in groups.values():
            rep = min(
                members,
                key=lambda m: (any(a in present for a in self.ancestors(m)), m not in self.hub, parks.index(m)),
            )
            for m in members:
                out[m] = rep
        return out


def same_proxy_point(a_centre, b_centre, a_km: float, b_km: float) -> bool:
    """Whether two imprecise sites (uncertainty > 0) stand at one proxy point (centres within ``SAME_PROXY_KM``).

    ``a_centre``/``b_centre`` are projected points (metres).
    """
    if a_km <= 0 or b_km <= 0:
        return False
    return float(a_centre.distance(b_centre)) / 1000.0 <= SAME_PROXY_KM


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
    for a_i, b_i, d in _nearest_other_side(arr, side_of):
        a, b = ids[a_i], ids[b_i]
        links.setdefault(frozenset((a, b)), (a, b, d / 1000.0))
    return list(links.values())


def _nearest_other_side(arr: np.ndarray, side_of: np.ndarray) -> list[tuple[int, int, float]]:
    """For each side (in side order), its park and the park of another side that are nearest: ``(i, j, metres)``.

    Divide and conquer over the sides: split them in two halves, find for every park the nearest park of the
    other half (one STRtree per half), then recurse into each half; every pair of sides is compared at exactly
    one level, so the work is O(n log s) for n parks on s sides, not a tree of all other parks per side.
    Ties go to the smallest (distance, own park, other park) in input order.
    """
    best: dict[int, tuple[float, int, int]] = {}

    def offer(q: np.ndarray, t: np.ndarray) -> None:  # q: query parks, t: tree parks (indices into arr)
        (iq, it), dist = STRtree(arr[t]).query_nearest(arr[q], return_distance=True, all_matches=True)
        a, b, side = q[iq], t[it], side_of[q[iq]]
        order = np.lexsort((b, a, dist, side))
        first = order[np.unique(side[order], return_index=True)[1]]
        for k in first:
            cand = (float(dist[k]), int(a[k]), int(b[k]))
            s_ = int(side[k])
            if s_ not in best or cand < best[s_]:
                best[s_] = cand

    is_left = np.zeros(int(side_of.max()) + 1, dtype=bool)

    def solve(group: list[int], idx: np.ndarray) -> None:  # idx: the parks of the group's sides
        if len(group) < 2:
            return
        half = len(group) // 2
        left, right = group[:half], group[half:]
        is_left[:] = False
        is_left[left] = True
        m = is_left[side_of[idx]]
        lq, rq = idx[m], idx[~m]
        offer(lq, rq)
        offer(rq, lq)
        solve(left, lq)
        solve(right, rq)

    solve(sorted(set(side_of.tolist())), np.arange(len(side_of)))
    return [(best[s_][1], best[s_][2], best[s_][0]) for s_ in sorted(best)]


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
            where = f"表「{_clean(q['table_title'])}」：" if q.get("kind") == "table" and q.get("table_title") else ""
            out.append(f"{who}〔{q['plan_id']}《{q['plan_title']}》〕{where}“{_clean(q['quote'])}”")
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


@dataclass
class _Context:
    """What every overlap record of one run needs: geometry, relations, names and per-district notes."""

    geoms: dict
    neighbours: set
    uncertainty: dict
    centres: dict
    relations: ParkRelations
    names_zh: dict
    en: dict
    lang: str
    changes: dict
    systems: dict
    texts: dict = field(default_factory=dict)
    quote_index: QuoteIndex | None = None


def _near_candidates(sides: list[dict], ctx: _Context, near: dict) -> list[tuple[str, str, float, float]]:
    """Pairs of sites of two different sides that count as near: ``(a, b, km, uncertainty_km)``, nearest
    worst case first. Never a sub-zone and its ancestor, parks of one network, or one proxy point."""
    side_of = {p: i for i, s in enumerate(sides) for p in s["parks"]}
    out = []
    for a in side_of:
        for b, km in near.get(a, ()):
            if b not in side_of or side_of[b] == side_of[a] or not a < b:
                continue
            if ctx.relations.related(a, b):
                continue
            ua, ub = ctx.uncertainty.get(a, 0.0), ctx.uncertainty.get(b, 0.0)
            if a in ctx.centres and b in ctx.centres and same_proxy_point(ctx.centres[a], ctx.centres[b], ua, ub):
                continue
            if km + ua + ub <= NEAR_KM:
                out.append((a, b, float(km), float(ua + ub)))
    return sorted(out, key=lambda x: (x[2] + x[3], x[2], x[0], x[1]))


def _record(
    kind: str,
    level: str,
    industry: str,
    rows: list[dict],
    sides: list[dict],
    ctx: _Context,
    near: dict,
) -> dict:
    sides = _sort_sides(sides)
    dists = [s["district"] for s in sides]
    for s in sides:
        s["superseded"] = ctx.changes.get((s["district"], industry), [])
        s["quotes"] = side_statements(s["quotes"], ctx.texts, ctx.quote_index)  # whole statements, one per statement
    links = competitor_links(ctx.geoms, [s["parks"] for s in sides])
    near_pairs = _near_candidates(sides, ctx, near)
    nearest = min(links, key=lambda lk: lk[2], default=None)
    min_km = nearest[2] if nearest else np.nan
    pm_km = ctx.uncertainty.get(nearest[0], 0.0) + ctx.uncertainty.get(nearest[1], 0.0) if nearest else np.nan
    nb = kind == "cross_district" and any(frozenset(p) in ctx.neighbours for p in combinations(dists, 2))
    best = near_pairs[0] if near_pairs else None
    sev = score_overlap(
        [s["role"] for s in sides],
        [s["target_yi"] for s in sides],
        best[2] if best else None,
        nb,
        uncertainty_km=best[3] if best else 0.0,
    )
    parks = list(dict.fromkeys(p for s in sides for p in s["parks"]))
    targets = [s["target_yi"] for s in sides if s["target_yi"] is not None]
    if kind == "cross_district":
        total = float(sum(targets)) if targets else np.nan
    else:  # one district's side per park for one industry: never added up
        total = float(max(targets)) if targets else np.nan
    sector = industry
    if level == "chain" and rows:
        counts = pd.Series([r["sector"] for r in rows]).value_counts(sort=True)
        sector = str(counts.index[0])
    changed = list({id(c): c for s in sides for c in s["superseded"] if c["changes"]}.values())
    sep = "; " if ctx.lang == "en" else "；"
    return dict(
        kind=kind,
        level=level,
        industry=industry,
        industry_en=ctx.en.get(industry, industry),
        sector=sector,
        districts=tuple(dict.fromkeys(dists)),
        n_districts=len(set(dists)),
        parks=tuple(parks),
        park_names=tuple(ctx.names_zh.get(p, p) for p in parks),
        n_parks=len(parks),
        plan_ids=tuple(dict.fromkeys(p for s in sides for p in s["plan_ids"])),
        side_summary=_summary(sides, kind),
        total_target_yi=total,
        min_distance_km=float(min_km),
        distance_uncertainty_km=float(pm_km),
        links=tuple(links),
        link_uncertainty_km=tuple(ctx.uncertainty.get(a, 0.0) + ctx.uncertainty.get(b, 0.0) for a, b, _ in links),
        near_pairs=tuple(near_pairs),
        severity=sev.points,
        severity_level=sev.level,
        severity_reasons=sev.text(ctx.lang, "district" if kind == "cross_district" else "park"),
        reason_codes=sev.codes,
        vintage_changes=sep.join(vintage_change_text(c, ctx.lang) for c in changed),
        systems=sep.join(t for d in dict.fromkeys(dists) for t in ctx.systems.get(d, ())),
        evidence=_evidence(sides, kind),
        sides=sides,
    )


def _within_sides(g: list[dict], ctx: _Context) -> dict[str, list[dict]]:
    """Per district: the park sides of one industry's rows (sub-zones and networks merged)."""
    per_district: dict[str, dict[str, list[dict]]] = {}
    for r in g:
        if r["is_direction"]:
            continue
        for p in r["park_id_list"]:
            per_district.setdefault(r["district"], {}).setdefault(p, []).append(r)
    out: dict[str, list[dict]] = {}
    for district, per_park in per_district.items():
        if len(per_park) < 2:
            continue
        rep = ctx.relations.merge(list(per_park))
        groups: dict[str, list[str]] = {}
        for p in per_park:
            groups.setdefault(rep[p], []).append(p)
        if len(groups) < 2:
            continue
        sides = []
        for head, members in groups.items():
            rows = list({id(r): r for m in members for r in per_park[m]}.values())
            sides.append(_side(rows, district, park_id=head, parks=members))
        out[district] = sides
    return out


def find_overlaps(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    directions: bool = True,
    kinds: Sequence[str] = KINDS,
    lang: str = "zh",
    all_domains: bool = False,
) -> pd.DataFrame:
    """Every industry targeted by two or more districts, or by two or more parks of one district.

    Parameters
    ----------
    ds : Dataset
    level : {"sector", "chain"}
        Compare sectors or the finer chains.
    plan_ids : sequence of str, optional
        Plans to use (default: :func:`geo.summary.default_plan_ids`; see :func:`combined_rows` for directions
        and vintages).
    directions : bool
        Include Table-1 style district directions (role ``direction``).
    kinds : sequence of str
        ``cross_district`` and/or ``within_district``.
    lang : {"zh", "en"}
        Language of ``severity_reasons``, ``vintage_changes`` and ``systems``.
    all_domains : bool
        Compare industries of every domain, not only manufacturing (``OVERLAP_DOMAINS``).

    Returns
    -------
    pandas.DataFrame
        One row per overlap, columns :data:`COLUMNS`, most severe first. ``sides`` holds one dict per
        district (or park, within a district) with its role, target (亿元, year), parks, quotes (plan id,
        plan title, quote) and ``superseded`` (the vintage steps of its industry). ``min_distance_km`` is the
        measured distance of the nearest pair of sites of two sides and ``distance_uncertainty_km`` their
        summed location uncertainty (``link_uncertainty_km`` likewise per link); ``near_pairs`` lists ``(a, b, km, uncertainty_km)`` for the pairs that
        count as near; ``systems`` states each district's declared system against the 2+4 rule.
    """
    for k in kinds:
        if k not in KINDS:
            raise ValueError(f"unknown overlap kind '{k}' (use {' or '.join(KINDS)})")
    rows, changes = combined_rows(ds, level, plan_ids, directions, all_domains)
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    proj = projected_parks(ds)
    unc = park_uncertainty_km(ds, proj)
    by_change: dict[tuple[str, str], list[dict]] = {}
    for c in changes.to_dict("records"):
        by_change.setdefault((c["district"], c["industry"]), []).append(c)
    systems: dict[str, list[str]] = {}
    rule = district_rule_counts(ds, _default_plans(ds, plan_ids))
    several = rule["district"].duplicated(keep=False)
    for (_, r), many in zip(rule.iterrows(), several, strict=True):
        systems.setdefault(r["district"], []).append(system_statement(r, lang, with_plan=bool(many)))
    ctx = _Context(
        geoms=dict(zip(proj.index, proj.values, strict=True)),
        neighbours=neighbour_districts(ds) if "cross_district" in kinds else set(),
        uncertainty=unc.to_dict(),
        centres={p: g.centroid for p, g in zip(proj.index, proj.values, strict=True)},
        relations=ParkRelations.of(ds.parks),
        names_zh=dict(zip(ds.parks["park_id"], ds.parks["name_zh"], strict=False)),
        en=english_names(ds.industries),
        lang=lang,
        changes=by_change,
        systems=systems,
        texts=dict(ds.texts),
        quote_index=QuoteIndex(ds.texts, ds.clusters.groupby("plan_id")["quote"].agg(list).to_dict()),
    )
    by_industry: dict[str, list[dict]] = {}
    for r in rows.to_dict("records"):
        by_industry.setdefault(r["industry"], []).append(r)
    pending = []  # (kind, industry, rows, sides): near pairs are found for all of them at once
    for industry, g in by_industry.items():
        by_district: dict[str, list[dict]] = {}
        for r in g:
            by_district.setdefault(r["district"], []).append(r)
        if "cross_district" in kinds and len(by_district) >= 2:
            sides = [_side(gd, d) for d, gd in by_district.items()]
            pending.append(("cross_district", industry, g, sides))
        if "within_district" in kinds:
            for district, sides in _within_sides(g, ctx).items():
                gp = [r for r in g if r["district"] == district and not r["is_direction"]]
                pending.append(("within_district", industry, gp, sides))
    near = _near_by_record([[s["parks"] for s in sides] for _k, _i, _g, sides in pending], ctx.geoms)
    recs = [
        _record(kind, level, industry, g, sides, ctx, near_r)
        for (kind, industry, g, sides), near_r in zip(pending, near, strict=True)
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
        "distance_uncertainty_km",
        "severity",
        "severity_level",
        "severity_reasons",
        "side_summary",
        "plan_ids",
        "vintage_changes",
        "systems",
        "evidence",
    ]
    out = overlaps[cols].copy() if len(overlaps) else pd.DataFrame(columns=cols)
    for c in ("districts", "parks", "plan_ids"):
        out[c] = out[c].map(lambda v: ";".join(v))
    out["total_target_yi"] = out["total_target_yi"].astype("float64").round(2)
    out["min_distance_km"] = out["min_distance_km"].astype("float64").round(1)
    out["distance_uncertainty_km"] = out["distance_uncertainty_km"].astype("float64").round(1)
    return out


# --------------------------------------------------------------------------------------- per district


def overlap_counts_by_district(
    ds: Dataset,
    overlaps: pd.DataFrame | None = None,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    all_domains: bool = False,
) -> pd.DataFrame:
    """Per district: how many of its industries overlap with other districts (for shading polygons).

    Parameters
    ----------
    ds : Dataset
    overlaps : pandas.DataFrame, optional
        Output of :func:`find_overlaps` (computed with ``level``/``plan_ids``/``all_domains`` when not given).
    level : {"sector", "chain"}
    plan_ids : sequence of str, optional
    all_domains : bool
        Whether non-manufacturing industries were compared (decides ``has_data``).

    Returns
    -------
    pandas.DataFrame
        One row per district of ``ds.districts``: ``district``, ``n_overlaps`` (cross-district overlaps it
        takes part in), ``max_severity`` (0 when none), ``industries`` (``;``-joined) and ``has_data``
        (the district has industry rows — its own plan or directions; ``False`` means unknown, not zero).
    """
    if overlaps is None:
        overlaps = find_overlaps(ds, level, plan_ids, kinds=("cross_district",), all_domains=all_domains)
    covered = set(industry_rows(ds, level, plan_ids, all_domains=all_domains)["district"])
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


#: Columns of :func:`district_rule_counts`.
RULE_COLUMNS = [
    "district",
    "plan_id",
    "system",
    "system_quote",
    "declared",
    "n_lead",
    "max_lead",
    "lead_over",
    "lead_industries",
    "n_specialty",
    "max_specialty",
    "specialty_over",
    "specialty_industries",
    "over",
    "statement_zh",
    "statement_en",
]


def _plan_text(plan: pd.Series | dict, col: str) -> str:
    v = plan.get(col, "")
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()


def system_statement(rule: pd.Series | dict, lang: str = "zh", district: str | None = None, with_plan: bool = False) -> str:
    """A plan's declared system against the municipal 2+4 rule as one line.

    E.g. ``合川区 6+4 体系：主导 6 / 特色 4 — 超出市级 2+4 规则``, or, with no declared system,
    ``大足区 未声明产业体系（按全区主导/特色条目计）：主导 1 / 特色 3 — 符合市级 2+4 规则``.

    Parameters
    ----------
    rule : pandas.Series or dict
        One row of :func:`district_rule_counts`.
    lang : {"zh", "en"}
    district : str, optional
        The district's display name (default: ``rule["district"]``).
    with_plan : bool
        Name the plan (for districts with several plans).
    """
    who = district or str(rule["district"])
    n_lead, n_spec = int(rule["n_lead"]), int(rule["n_specialty"])
    over = bool(rule["lead_over"]) or bool(rule["specialty_over"])
    municipal = f"{int(rule['max_lead'])}+{int(rule['max_specialty'])}"
    system = str(rule["system"] or "")
    plan = str(rule["plan_id"])
    if lang == "en":
        head = f"{who} {system} system" if system else f"{who}: no system declared (district-wide lead/specialty rows)"
        if with_plan:
            head += f" ({plan})"
        verdict = f"exceeds the municipal {municipal} rule" if over else f"within the municipal {municipal} rule"
        return f"{head}: lead {n_lead} / specialty {n_spec} — {verdict}"
    head = f"{who} {system} 体系" if system else f"{who} 未声明产业体系（按全区主导/特色条目计）"
    if with_plan:
        head += f"（{plan}）"
    verdict = f"超出市级 {municipal} 规则" if over else f"符合市级 {municipal} 规则"
    return f"{head}：主导 {n_lead} / 特色 {n_spec} — {verdict}"


def system_members(rows: Sequence[dict], system_quote: str = "") -> list[str]:
    """The distinct industries a plan's district-scope rows of one role (lead or specialty) count as.

    When the plan's ``system_quote`` names some of the rows (their ``name_as_written`` without generic words
    such as 产业/集群), only those are the system's members (合川's “6+4”: 汽摩制造 … 消费品 / 天然气 … 模具).
    Otherwise every row counts, except that a chain row whose sector has a sector-level row of the same role is
    a sub-chain of that member, not a member of its own. An industry is the row's chain, else its sector,
    else its name.
    """
    rows = list(rows)
    if system_quote:
        named = [r for r in rows if normalise_name(str(r["name_as_written"])) in system_quote]
        if named:
            rows = named
    whole = {r["sector"] for r in rows if r["sector"] and not r["chain"]}
    out: list[str] = []
    for r in rows:
        if r["chain"] and r["sector"] in whole:
            continue
        key = str(r["chain"] or r["sector"] or r["name_as_written"] or "")
        if key and key not in out:
            out.append(key)
    return out


def district_rule_counts(ds: Dataset, plan_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Per plan: its declared system and its lead (主导) / specialty (特色) count against the 2+4 rule.

    The members of a plan's system are its district-scope rows (no ``park_ids``, about its own district)
    with role lead or specialty — those its ``system_quote`` names when it names any, a sector's sub-chains
    folded into the sector — counted as distinct industries (:func:`system_members`). ``system`` /
    ``system_quote`` come from plans.csv (empty, and ``declared`` false, where the plan declares none — the
    count is then of the same rows). ``focus`` rows (a park's 重点发展 list) and park rows never count.

    Parameters
    ----------
    ds : Dataset
    plan_ids : sequence of str, optional
        Plans to check (default: :func:`geo.summary.default_plan_ids`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RULE_COLUMNS`: ``n_lead``/``n_specialty`` against ``max_lead``/``max_specialty``
        (``MAX_LEAD``/``MAX_SPECIALTY``), ``lead_over``/``specialty_over``/``over`` (bool), the industries
        (``;``-joined) and the statement of :func:`system_statement` in Chinese and English.
    """
    plan_ids = _default_plans(ds, plan_ids)
    plans = ds.plans[ds.plans["plan_id"].isin(plan_ids)]
    district_of = dict(zip(plans["plan_id"], plans["district"], strict=True))
    quote_of = {p["plan_id"]: _plan_text(p, "system_quote") for p in plans.to_dict("records")}
    cl = ds.clusters
    cl = cl[cl["plan_id"].isin(plan_ids) & cl["role"].isin(("lead", "specialty")) & (cl["park_id_list"].map(len) == 0)]
    candidates: dict[tuple[str, str], list[dict]] = {}
    for r in cl[["plan_id", "district", "role", "chain", "sector", "name_as_written"]].to_dict("records"):
        if r["district"] == district_of.get(r["plan_id"]):  # not a plan's words about another district (Table 1)
            candidates.setdefault((r["plan_id"], r["role"]), []).append(r)
    members = {k: system_members(rows, quote_of.get(k[0], "")) for k, rows in candidates.items()}
    recs = []
    for p in plans.to_dict("records"):
        system = _plan_text(p, "system")
        rec: dict = dict(
            district=p["district"],
            plan_id=p["plan_id"],
            system=system,
            system_quote=_plan_text(p, "system_quote"),
            declared=bool(system),
        )
        for role, maximum in (("lead", MAX_LEAD), ("specialty", MAX_SPECIALTY)):
            names = members.get((p["plan_id"], role), [])
            rec[f"n_{role}"] = len(names)
            rec[f"max_{role}"] = maximum
            rec[f"{role}_over"] = len(names) > maximum
            rec[f"{role}_industries"] = ";".join(names)
        rec["over"] = rec["lead_over"] or rec["specialty_over"]
        rec["statement_zh"] = system_statement(rec, "zh")
        rec["statement_en"] = system_statement(rec, "en")
        recs.append(rec)
    out = pd.DataFrame(recs, columns=RULE_COLUMNS)
    for c in ("n_lead", "n_specialty", "max_lead", "max_specialty"):
        out[c] = out[c].astype("Int64")
    for c in ("lead_over", "specialty_over", "over", "declared"):
        out[c] = out[c].astype("boolean")
    return out


def district_industry_matrix(
    ds: Dataset,
    level: str = "sector",
    plan_ids: Sequence[str] | None = None,
    value: str = "role",
    directions: bool = True,
    all_domains: bool = False,
) -> pd.DataFrame:
    """District × industry matrix for a heat map.

    Parameters
    ----------
    ds : Dataset
    level : {"sector", "chain"}
    plan_ids : sequence of str, optional
    value : {"role", "target"}
        ``role``: :data:`ROLE_STRENGTH` of the strongest role (lead 6 … focus 2, direction 1);
        ``target``: the largest target in 亿元.
    directions : bool
    all_domains : bool
        Include industries outside manufacturing.

    Returns
    -------
    pandas.DataFrame
        Districts as rows, industries as columns (sectors in industries.csv order), NaN where the district
        does not name the industry.
    """
    if value not in ("role", "target"):
        raise ValueError(f"unknown matrix value '{value}' (use role or target)")
    rows = industry_rows(ds, level, plan_ids, directions, all_domains)
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
