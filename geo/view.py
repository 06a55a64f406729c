"""The map view a user chose (filters, vintage, language) and applying it to the dataset."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from .load import Dataset
from .settings import DEFAULT_VINTAGE
from .summary import select_plans, summarise_parks

_LIST_FIELDS = ("districts", "sectors", "tiers")


@dataclass(frozen=True)
class View:
    """Filters shared by the app, the print renderer, the HTML export and the CLI.

    Parameters
    ----------
    districts, sectors, tiers : tuple of str
        Keep only these (empty = all). Sectors match a park's dominant sector or any of its sectors.
    vintage : str
        ``latest``, ``all`` or a plan id (see :func:`geo.summary.select_plans`; default
        ``settings.DEFAULT_VINTAGE``, the one default of every page, export and the CLI).
    min_scale_yi : float
        Keep parks whose target scale is at least this (0 keeps parks with no stated scale too). With
        sectors chosen, the park's target for one of those industries must reach it, not its total.
    search : str
        Case-insensitive substring of the park's name (Chinese or English) or id, of its industries
        (sector, chain, the plan's wording, synonyms, English names), district or town.
    lang : str
        ``zh`` or ``en``.
    park : str
        Selected park id (opens its detail panel).
    basemap : str
        Basemap key (see ``layers.basemaps``).
    """

    districts: tuple[str, ...] = field(default_factory=tuple)
    sectors: tuple[str, ...] = field(default_factory=tuple)
    tiers: tuple[str, ...] = field(default_factory=tuple)
    vintage: str = DEFAULT_VINTAGE
    min_scale_yi: float = 0.0
    search: str = ""
    lang: str = "zh"
    park: str = ""
    basemap: str = "none"

    def to_query(self) -> dict[str, str]:
        """URL query parameters for the non-default fields (lists ``;``-joined)."""
        default = View()
        out: dict[str, str] = {}
        for k, v in asdict(self).items():
            if v == getattr(default, k):
                continue
            out[k] = ";".join(v) if k in _LIST_FIELDS else (f"{v:g}" if isinstance(v, float) else str(v))
        return out

    @classmethod
    def from_query(cls, query: dict[str, str | list[str]]) -> View:
        """Rebuild a view from URL query parameters, ignoring unknown or malformed ones."""
        kw: dict = {}
        for k in asdict(cls()):
            if k not in query:
                continue
            raw = query[k]
            if isinstance(raw, (list, tuple)):
                if not raw:
                    continue
                raw = raw[-1]
            v = str(raw)
            if k in _LIST_FIELDS:
                kw[k] = tuple(x for x in v.split(";") if x)
            elif k == "min_scale_yi":
                try:
                    kw[k] = max(0.0, float(v))
                except ValueError:
                    continue
            elif k == "lang":
                kw[k] = v if v in ("zh", "en") else "zh"
            else:
                kw[k] = v
        return cls(**kw)

    def with_(self, **changes) -> View:
        """A copy with some fields changed."""
        return replace(self, **changes)


def plan_ids_for(ds: Dataset, view: View) -> list[str]:
    """Plans selected by the view's vintage and districts (unknown vintage → the default)."""
    try:
        return select_plans(ds, view.vintage, list(view.districts) or None)
    except ValueError:
        return select_plans(ds, DEFAULT_VINTAGE, list(view.districts) or None)


_VINTAGE_NAMES = {
    "latest": ("各区县最新规划（较早的规划已被取代）", "each district's latest plan (earlier plans superseded)"),
    "all": ("全部规划（同一产业以较新的规划为准）", "all plans (on a shared industry the later plan speaks)"),
}


def compared_plans_note(ds: Dataset, plan_ids: list[str] | tuple[str, ...], vintage: str, lang: str = "zh") -> str:
    """Which plans a page or export compares, in words: the vintage choice and each plan's district,
    title, id and issue date, e.g. ``比较的规划：各区县最新规划（…）5 份——永川区《…》（yongchuan-2022，2022-12-07）；…``."""
    zh = lang != "en"
    plans = ds.plans[ds.plans["plan_id"].isin(list(plan_ids))].sort_values(["district", "issued"])
    name = _VINTAGE_NAMES.get(vintage)
    choice = name[0 if zh else 1] if name else (f"单份规划 {vintage}" if zh else f"one plan, {vintage}")
    district_en = dict(zip(ds.districts["district"], ds.districts.get("district_en", ds.districts["district"]), strict=False))
    items = []
    for _, p in plans.iterrows():
        title = str(p["title"]) if zh or not str(p.get("title_en", "") or "") else str(p["title_en"])
        issued = str(p.get("issued", "") or "")
        if zh:
            items.append(f"{p['district']}《{title}》（{p['plan_id']}，{issued}）")
        else:
            where = str(district_en.get(p["district"]) or p["district"])
            items.append(f"{where} “{title}” ({p['plan_id']}, {issued})")
    if zh:
        return f"比较的规划：{choice}，共 {len(items)} 份——" + "；".join(items)
    return f"Plans compared: {choice}, {len(items)} — " + "; ".join(items)


def apply_view(ds: Dataset, view: View) -> pd.DataFrame:
    """Parks summary (see :func:`geo.summary.summarise_parks`) filtered by the view.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    plan_ids = plan_ids_for(ds, view)
    # the index is read only by the search and by a minimum target per chosen industry: not built otherwise
    needs_index = bool(view.search.strip()) or (view.min_scale_yi > 0 and bool(view.sectors))
    return filter_parks(summarise_parks(ds, plan_ids), view, park_index(ds, plan_ids) if needs_index else None)


_TOWN = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:街道|镇|乡)")


@dataclass(frozen=True)
class ParkIndex:
    """What the search and the per-industry target filter look at, per park (one plan selection).

    Attributes
    ----------
    words : dict
        Park id → lower-case text searched besides the name: industries (sector, chain, the plan's
        wording, synonyms and English names), district (Chinese and English) and towns.
    sector_targets : dict
        Park id → {sector: the largest 亿元 target of a plan row naming the park under that sector;
        rows naming the park alone win over rows shared with other parks}.
    """

    words: dict[str, str]
    sector_targets: dict[str, dict[str, float]]


def park_index(ds: Dataset, plan_ids: list[str]) -> ParkIndex:
    """Build the :class:`ParkIndex` of the dataset's parks for a plan selection."""
    ind = ds.industries
    syn: dict[str, list[str]] = {}
    for _, r in ind.iterrows():
        key = str(r["chain"] or r["sector"])
        syn.setdefault(key, []).extend([str(r["name_en"] or ""), *str(r["synonyms"] or "").split(";")])
    district_en = dict(zip(ds.districts["district"], ds.districts.get("district_en", ds.districts["district"]), strict=False))
    cl = ds.clusters[ds.clusters["plan_id"].isin(plan_ids)]
    words: dict[str, list[str]] = {}
    own: dict[str, dict[str, float]] = {}
    shared: dict[str, dict[str, float]] = {}
    # plain column values, one pass each (no per-row Series: 300k rows at city scale)
    for pids, sector, chain, written, target in zip(
        cl["park_id_list"], cl["sector"], cl["chain"], cl["name_as_written"], cl["target_value_yi"], strict=True
    ):
        pids = list(pids)
        if not pids:
            continue
        sector, chain = str(sector or ""), str(chain or "")
        bag = [sector, chain, str(written or ""), *syn.get(sector, []), *syn.get(chain, [])]
        try:
            value = float(target)
        except (TypeError, ValueError):
            value = float("nan")
        for pid in pids:
            words.setdefault(pid, []).extend(bag)
            if sector and value == value:  # not NaN
                book = own if len(pids) == 1 else shared
                book.setdefault(pid, {})
                book[pid][sector] = max(book[pid].get(sector, value), value)
    out_words = {}
    parks = ds.parks
    notes = parks["location_note"] if "location_note" in parks else pd.Series("", index=parks.index)
    for pid, name_zh, note, district in zip(parks["park_id"], parks["name_zh"], notes, parks["district"], strict=True):
        pid = str(pid)
        towns = _TOWN.findall(str(name_zh or "") + " " + str(note or ""))
        bag = [*words.get(pid, []), str(district), str(district_en.get(district, "")), *towns]
        out_words[pid] = " ".join(x for x in bag if x).lower()
    targets = {pid: {**shared.get(pid, {}), **own.get(pid, {})} for pid in set(own) | set(shared)}
    return ParkIndex(words=out_words, sector_targets=targets)


def filter_parks(parks: pd.DataFrame, view: View, index: ParkIndex | None = None) -> pd.DataFrame:
    """Keep the parks of a summary (:func:`geo.summary.summarise_parks`) that pass the view's filters.

    :func:`apply_view` is ``filter_parks(summarise_parks(ds, plan_ids), view, park_index(ds, plan_ids))``;
    callers that cache the summary and index per plan selection apply the cheap filters with this. Without
    an index the search looks at names only and the minimum target at the park's total.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    m = pd.Series(True, index=parks.index)
    if view.districts:
        m &= parks["district"].isin(view.districts)
    if view.sectors:
        wanted = set(view.sectors)
        m &= parks["sectors"].map(lambda s: bool(wanted & set(s or ()))) | parks["dominant_sector"].isin(wanted)
    if view.tiers:
        m &= parks["tier"].isin(view.tiers)
    if view.min_scale_yi > 0:
        if view.sectors and index is not None:  # the chosen industry's target, not the park's total
            wanted = list(view.sectors)
            best = parks["park_id"].map(
                lambda p: max([index.sector_targets.get(p, {}).get(x, -1.0) for x in wanted], default=-1.0)
            )
            m &= best >= view.min_scale_yi
        else:
            m &= parks["target_scale_yi"].fillna(-1) >= view.min_scale_yi
    if view.search.strip():
        s = view.search.strip().lower()
        hay = parks["name_zh"] + " " + parks["name_en"].str.lower() + " " + parks["park_id"]
        if index is not None:
            hay = hay + " " + parks["park_id"].map(lambda p: index.words.get(p, ""))
        m &= hay.str.contains(s, regex=False)
    return parks[m].reset_index(drop=True)
