"""The park detail model: every industry of a park with targets and growth, its plans, quotes and peers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import settings
from .coords import distance_km
from .load import Dataset
from .summary import cagr, park_industries, select_plans, summarise_parks
from .uncertainty import site_uncertainty


@dataclass(frozen=True)
class PlanRef:
    """A plan a park comes from; ``in_view`` tells whether the selected vintage includes it."""

    plan_id: str
    district: str
    title: str
    title_en: str
    doc_number: str
    issued: str
    in_view: bool


@dataclass(frozen=True)
class IndustryLine:
    """One clusters.csv row naming the park, with the implied growth rate (``NaN`` without baseline)."""

    cluster_id: str
    plan_id: str
    name_as_written: str
    sector: str
    chain: str
    role: str
    target_value_yi: float
    target_year: int | None
    baseline_value_yi: float
    baseline_year: int | None
    cagr: float
    quote: str
    shared_with: tuple[str, ...]
    in_view: bool


@dataclass(frozen=True)
class ParkPeer:
    """Another park whose industries share sectors with this park (in the selected plans)."""

    park_id: str
    name_zh: str
    name_en: str
    district: str
    sectors: tuple[str, ...]
    chains: tuple[str, ...]
    distance_km: float


@dataclass(frozen=True)
class DistrictPeer:
    """Another district targeting the same sectors (district-wide rows or its parks' rows)."""

    district: str
    sectors: tuple[str, ...]
    chains: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class DistrictSystem:
    """The park's district's declared industry system in one selected plan, against the municipal 2+4 rule."""

    plan_id: str
    district: str
    system: str
    system_quote: str
    n_lead: int
    n_specialty: int
    max_lead: int
    max_specialty: int
    lead_over: bool
    specialty_over: bool
    lead_industries: tuple[str, ...]
    specialty_industries: tuple[str, ...]

    @property
    def declared(self) -> bool:
        """Whether the plan declares a system of its own (``plans.system``)."""
        return bool(self.system)

    def statement(self, lang: str = "zh", district: str | None = None) -> str:
        """One line such as ``合川区 6+4 体系：主导 6 / 特色 4 — 超出市级 2+4 规则`` (see
        :func:`geo.overlap.system_statement`)."""
        from .overlap import system_statement

        rec = dict(
            district=self.district,
            plan_id=self.plan_id,
            system=self.system,
            n_lead=self.n_lead,
            n_specialty=self.n_specialty,
            max_lead=self.max_lead,
            max_specialty=self.max_specialty,
            lead_over=self.lead_over,
            specialty_over=self.specialty_over,
        )
        return system_statement(rec, lang, district=district)


@dataclass(frozen=True)
class ParkDetail:
    """Everything the detail panel shows about one park."""

    park_id: str
    name_zh: str
    name_en: str
    district: str
    kind: str
    tier: str
    area_km2: float
    area_quote: str
    geometry_quality: str
    location_note: str
    quote: str
    dominant_sector: str
    dominant_chain: str
    target_scale_yi: float
    scale_year: int | None
    scale_basis: str
    plans: tuple[PlanRef, ...] = field(default_factory=tuple)
    industries: tuple[IndustryLine, ...] = field(default_factory=tuple)
    peer_parks: tuple[ParkPeer, ...] = field(default_factory=tuple)
    peer_districts: tuple[DistrictPeer, ...] = field(default_factory=tuple)
    district_systems: tuple[DistrictSystem, ...] = field(default_factory=tuple)
    geometry_source: str = ""
    geometry_editor: str = ""
    geometry_date: str = ""
    #: Site uncertainty (see :mod:`geo.uncertainty`): radius in metres (``None``: certain) and its basis.
    uncertainty_m: float | None = None
    uncertainty_basis: str = "none"
    lon: float = float("nan")
    lat: float = float("nan")
    #: The location note in Chinese (``location_note`` is English); empty when the data has none.
    location_note_zh: str = ""

    def location_note_for(self, lang: str) -> str:
        """The location note in ``lang`` (zh or en), falling back to the other language when it has none."""
        first, other = (self.location_note_zh, self.location_note) if lang == "zh" else (self.location_note, self.location_note_zh)
        return first or other

    @property
    def sectors(self) -> tuple[str, ...]:
        """Sectors of the park's industry rows in the selected plans, first named first."""
        return tuple(dict.fromkeys(i.sector for i in self.industries if i.in_view and i.sector and i.role in settings.INDUSTRY_ROLES))


def _s(v: object) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)


def _year(v: object) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _f(v: object) -> float:
    return float("nan") if v is None or pd.isna(v) else float(v)


def park_detail(ds: Dataset, park_id: str, plan_ids: list[str] | None = None) -> ParkDetail:
    """Build the detail model of one park.

    Parameters
    ----------
    ds : Dataset
    park_id : str
        The park.
    plan_ids : list of str, optional
        The selected plans (the view's vintage; default: the latest plan of each district).
        Industries of the park's other plans are listed too, marked ``in_view=False``;
        peers and the dominant industry use the selected plans only.

    Returns
    -------
    ParkDetail

    Raises
    ------
    KeyError
        If ``park_id`` is not in the dataset.
    """
    parks = ds.parks
    hit = parks[parks["park_id"] == park_id]
    if hit.empty:
        raise KeyError(park_id)
    park = hit.iloc[0]
    if plan_ids is None:
        plan_ids = select_plans(ds, "latest")
    selected = set(plan_ids)
    plans_df = ds.plans.set_index("plan_id")

    rows_all = park_industries(ds, None, [park_id])
    own = rows_all[rows_all["park_id"] == park_id].sort_values(["issued", "order"], ascending=[False, True])
    park_plan_ids = list(dict.fromkeys([*park["plan_id_list"], *own["plan_id"]]))
    park_plan_ids.sort(key=lambda p: str(plans_df.loc[p, "issued"]) if p in plans_df.index else "", reverse=True)
    plan_refs = tuple(
        PlanRef(
            plan_id=p,
            district=_s(plans_df.loc[p, "district"]),
            title=_s(plans_df.loc[p, "title"]),
            title_en=_s(plans_df.loc[p].get("title_en", "")),
            doc_number=_s(plans_df.loc[p].get("doc_number", "")),
            issued=_s(plans_df.loc[p, "issued"]),
            in_view=p in selected,
        )
        for p in park_plan_ids
        if p in plans_df.index
    )

    lines = []
    for _, r in own.iterrows():
        by, ty = _year(r["baseline_year"]), _year(r["target_year"])
        growth = cagr(r["baseline_value_yi"], r["target_value_yi"], (ty - by) if (by and ty) else None)
        lines.append(
            IndustryLine(
                cluster_id=_s(r["cluster_id"]),
                plan_id=_s(r["plan_id"]),
                name_as_written=_s(r["name_as_written"]),
                sector=_s(r["sector"]),
                chain=_s(r["chain"]),
                role=_s(r["role"]),
                target_value_yi=_f(r["target_value_yi"]),
                target_year=ty,
                baseline_value_yi=_f(r["baseline_value_yi"]),
                baseline_year=by,
                cagr=growth,
                quote=_s(r["quote"]),
                shared_with=tuple(p for p in ds.clusters.loc[ds.clusters["cluster_id"] == r["cluster_id"], "park_id_list"].iloc[0] if p != park_id)
                if bool(r["shared"])
                else (),
                in_view=r["plan_id"] in selected,
            )
        )

    # the dominant industry and scale of the selected plans; a park outside them gets its own plans'
    summary = summarise_parks(ds, list(plan_ids) if park_id in _parks_in(ds, plan_ids) else park_plan_ids,
                              park_ids=[park_id])
    srow = summary[summary["park_id"] == park_id]
    s = srow.iloc[0] if len(srow) else None

    in_view_lines = [i for i in lines if i.in_view and i.role in settings.INDUSTRY_ROLES and i.sector]
    my_sectors = set(i.sector for i in in_view_lines)
    my_chains = set((i.sector, i.chain) for i in in_view_lines if i.chain)
    peer_parks, peer_districts = _peers(ds, park, plan_ids, my_sectors, my_chains)

    unc = site_uncertainty(park, park.geometry)
    site = park.geometry if park.geometry.geom_type == "Point" else park.geometry.representative_point()
    return ParkDetail(
        park_id=park_id,
        name_zh=_s(park["name_zh"]),
        name_en=_s(park["name_en"]),
        district=_s(park["district"]),
        kind=_s(park["kind"]),
        tier=_s(park.get("tier", "")),
        area_km2=_f(park.get("area_km2")),
        area_quote=_s(park.get("area_quote", "")),
        geometry_quality=_s(park.get("geometry_quality", "")),
        location_note=_s(park.get("location_note", "")),
        location_note_zh=_s(park.get("location_note_zh", "")),
        quote=_s(park.get("quote", "")),
        dominant_sector=_s(s["dominant_sector"]) if s is not None else "",
        dominant_chain=_s(s["dominant_chain"]) if s is not None else "",
        target_scale_yi=_f(s["target_scale_yi"]) if s is not None else float("nan"),
        scale_year=_year(s["scale_year"]) if s is not None else None,
        scale_basis=_s(s["scale_basis"]) if s is not None else "none",
        plans=plan_refs,
        industries=tuple(lines),
        peer_parks=peer_parks,
        peer_districts=peer_districts,
        district_systems=district_systems(ds, _s(park["district"]), plan_ids),
        geometry_source=_s(park.get("geometry_source", "")),
        geometry_editor=_s(park.get("geometry_editor", "")),
        geometry_date=_s(park.get("geometry_date", "")),
        uncertainty_m=unc.radius_m,
        uncertainty_basis=unc.basis,
        lon=float(site.x),
        lat=float(site.y),
    )


def district_systems(ds: Dataset, district: str, plan_ids: list[str]) -> tuple[DistrictSystem, ...]:
    """The declared system and 2+4 count of each selected plan of ``district`` (most recent plan first)."""
    from .overlap import district_rule_counts

    mine = ds.plans[(ds.plans["district"] == district) & ds.plans["plan_id"].isin(plan_ids)]
    if mine.empty:
        return ()
    order = {p: i for i, p in enumerate(mine.sort_values("issued", ascending=False)["plan_id"])}
    rule = district_rule_counts(ds, list(mine["plan_id"]))
    out = [
        DistrictSystem(
            plan_id=str(r["plan_id"]),
            district=str(r["district"]),
            system=str(r["system"]),
            system_quote=str(r["system_quote"]),
            n_lead=int(r["n_lead"]),
            n_specialty=int(r["n_specialty"]),
            max_lead=int(r["max_lead"]),
            max_specialty=int(r["max_specialty"]),
            lead_over=bool(r["lead_over"]),
            specialty_over=bool(r["specialty_over"]),
            lead_industries=tuple(x for x in str(r["lead_industries"]).split(";") if x),
            specialty_industries=tuple(x for x in str(r["specialty_industries"]).split(";") if x),
        )
        for _, r in rule.iterrows()
    ]
    return tuple(sorted(out, key=lambda d: order.get(d.plan_id, 99)))


def _parks_in(ds: Dataset, plan_ids: list[str]) -> set[str]:
    sel = set(plan_ids)
    return set(ds.parks.loc[ds.parks["plan_id_list"].map(lambda ps: any(p in sel for p in ps)), "park_id"])


def _peers(
    ds: Dataset,
    park: pd.Series,
    plan_ids: list[str],
    sectors: set[str],
    chains: set[tuple[str, str]],
) -> tuple[tuple[ParkPeer, ...], tuple[DistrictPeer, ...]]:
    """Other parks and districts with industry rows in the same sectors, in the selected plans."""
    if not sectors:
        return (), ()
    cl = ds.clusters[ds.clusters["plan_id"].isin(plan_ids) & ds.clusters["role"].isin(settings.INDUSTRY_ROLES)]
    cl = cl[cl["sector"].isin(sectors)]
    pid = park["park_id"]
    here = park.geometry.representative_point()
    parks = ds.parks.set_index("park_id")

    by_park: dict[str, tuple[set, set]] = {}
    for _, r in cl.iterrows():
        for other in r["park_id_list"]:
            if other == pid or other not in parks.index:
                continue
            secs, chs = by_park.setdefault(other, (set(), set()))
            secs.add(r["sector"])
            if r["chain"] and (r["sector"], r["chain"]) in chains:
                chs.add(r["chain"])
    peer_parks = []
    for other, (secs, chs) in by_park.items():
        p = parks.loc[other]
        pt = p.geometry.representative_point()
        peer_parks.append(
            ParkPeer(
                park_id=other,
                name_zh=_s(p["name_zh"]),
                name_en=_s(p["name_en"]),
                district=_s(p["district"]),
                sectors=tuple(sorted(secs)),
                chains=tuple(sorted(chs)),
                distance_km=float(distance_km(here.x, here.y, pt.x, pt.y)),
            )
        )
    peer_parks.sort(key=lambda q: (-len(q.chains), -len(q.sectors), q.distance_km, q.park_id))

    by_district: dict[str, tuple[set, set, set]] = {}
    for _, r in cl.iterrows():
        d = r["district"]
        if d == park["district"]:
            continue
        secs, chs, roles = by_district.setdefault(d, (set(), set(), set()))
        secs.add(r["sector"])
        roles.add(r["role"])
        if r["chain"] and (r["sector"], r["chain"]) in chains:
            chs.add(r["chain"])
    rank = {r: i for i, r in enumerate(settings.ROLES)}
    peer_districts = [
        DistrictPeer(d, tuple(sorted(s)), tuple(sorted(c)), tuple(sorted(ro, key=lambda x: rank.get(x, 99))))
        for d, (s, c, ro) in by_district.items()
    ]
    peer_districts.sort(key=lambda q: (-len(q.chains), -len(q.sectors), q.district))
    return tuple(peer_parks), tuple(peer_districts)
