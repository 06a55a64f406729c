"""The map view a user chose (filters, vintage, language) and applying it to the dataset."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

import pandas as pd

from .join import select_plans, summarise_parks
from .load import Dataset

_LIST_FIELDS = ("districts", "sectors", "tiers")


@dataclass(frozen=True)
class View:
    """Filters shared by the app, the print renderer, the HTML export and the CLI.

    Parameters
    ----------
    districts, sectors, tiers : tuple of str
        Keep only these (empty = all). Sectors match a park's dominant sector or any of its sectors.
    vintage : str
        ``latest``, ``all`` or a plan id (see :func:`geo.join.select_plans`).
    min_scale_yi : float
        Keep parks whose target scale is at least this (0 keeps parks with no stated scale too).
    search : str
        Case-insensitive substring of the park's Chinese or English name or id.
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
    vintage: str = "latest"
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
    """Plans selected by the view's vintage and districts (unknown vintage → latest)."""
    try:
        return select_plans(ds, view.vintage, list(view.districts) or None)
    except ValueError:
        return select_plans(ds, "latest", list(view.districts) or None)


def apply_view(ds: Dataset, view: View) -> pd.DataFrame:
    """Parks summary (see :func:`geo.join.summarise_parks`) filtered by the view.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    return filter_parks(summarise_parks(ds, plan_ids_for(ds, view)), view)


def filter_parks(parks: pd.DataFrame, view: View) -> pd.DataFrame:
    """Keep the parks of a summary (:func:`geo.join.summarise_parks`) that pass the view's filters.

    :func:`apply_view` is ``filter_parks(summarise_parks(ds, plan_ids_for(ds, view)), view)``; callers that
    cache the summary per plan selection apply the cheap filters with this.

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
        m &= parks["target_scale_yi"].fillna(-1) >= view.min_scale_yi
    if view.search.strip():
        s = view.search.strip().lower()
        hay = (parks["name_zh"] + " " + parks["name_en"].str.lower() + " " + parks["park_id"])
        m &= hay.str.contains(s, regex=False)
    return parks[m].reset_index(drop=True)
