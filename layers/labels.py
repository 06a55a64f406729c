"""One label service: display names of districts, sectors, chains, parks, plans, roles, tiers and kinds, in zh or en.

The web map, the detail panel, the print map, the HTML export and the pages all name things through
:class:`Labels` (UI strings stay in :mod:`layers.i18n`), so one park reads the same everywhere; an empty sector
is :func:`unclassified` on every surface.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from geo.load import Dataset
from geo.taxonomy import english_names

from . import i18n
from .i18n import t


def unclassified(lang: str) -> str:
    """The name of the unclassified sector (a park whose plan states no industry): ``未明确产业``."""
    return t("unknown_sector", lang)


def district_en(districts: pd.DataFrame) -> dict[str, str]:
    """District (Chinese) → English name, from the ``district_en`` column (empty names left out)."""
    if "district_en" not in districts:
        return {}
    return {str(d): str(e) for d, e in zip(districts["district"], districts["district_en"], strict=False)
            if isinstance(e, str) and e}


def park_names(parks: pd.DataFrame, lang: str) -> list[str]:
    """Each park's name in ``lang`` (as :func:`layers.i18n.park_name`), for a whole table at once."""
    zh, en = parks["name_zh"].fillna("").astype(str), parks["name_en"].fillna("").astype(str)
    return (en.where(en != "", zh) if lang == "en" else zh.where(zh != "", en)).tolist()


class Labels:
    """Display names for one language.

    Build it from a dataset with :meth:`of`, or from the name tables alone (``industry_en``: sector or chain →
    English; ``district_en``: district → English) when no dataset is at hand.
    """

    def __init__(
        self,
        lang: str,
        industry_en: Mapping[str, str] | None = None,
        district_en: Mapping[str, str] | None = None,
        parks: pd.DataFrame | None = None,
        plans: pd.DataFrame | None = None,
    ):
        self.lang = lang
        self.industry_en = dict(industry_en or {})
        self.district_en = dict(district_en or {})
        self._parks_table = parks
        self._plans_table = plans
        self._parks: dict[str, str] | None = None
        self._plans: dict[str, str] | None = None

    @classmethod
    def of(cls, ds: Dataset, lang: str) -> Labels:
        """The labels of a dataset's industries, districts, parks and plans in ``lang``."""
        return cls(lang, english_names(ds.industries), district_en(ds.districts), ds.parks, ds.plans)

    # ------------------------------------------------------------------ industries
    def industry(self, name: str) -> str:
        """A sector or chain name in the language; an empty name is the unclassified sector."""
        if not name:
            return unclassified(self.lang)
        return self.industry_en.get(name, name) if self.lang == "en" else name

    def industry_or_blank(self, name: str) -> str:
        """As :meth:`industry`, but an empty name (e.g. no chain) stays empty."""
        return self.industry(name) if name else ""

    def industry_with_zh(self, name: str) -> str:
        """As :meth:`industry`; in English the Chinese name follows in brackets (``Autos (汽车)``)."""
        shown = self.industry(name)
        return f"{shown} ({name})" if self.lang == "en" and name and shown != name else shown

    # ------------------------------------------------------------------ places and documents
    def district(self, name: str) -> str:
        """A district's name in the language (English falls back to Chinese)."""
        return (self.district_en.get(name) or name) if self.lang == "en" else name

    def districts(self, names: Iterable[str]) -> list[str]:
        """Several districts' names in the language."""
        return [self.district(n) for n in names]

    def park(self, park_id: str) -> str:
        """A park's name in the language, from its id (the id itself when unknown)."""
        if self._parks is None:
            p = self._parks_table
            self._parks = {} if p is None else dict(zip(p["park_id"], park_names(p, self.lang), strict=True))
        return self._parks.get(park_id, park_id)

    def plan(self, plan_id: str) -> str:
        """A plan's title in the language (English falls back to Chinese; the id when unknown)."""
        if self._plans is None:
            p = self._plans_table
            self._plans = {} if p is None else {
                r["plan_id"]: (r["title_en"] if self.lang == "en" and r.get("title_en") else r["title"])
                for _, r in p.iterrows()
            }
        return self._plans.get(plan_id, plan_id)

    # ------------------------------------------------------------------ vocabularies
    def role(self, value: str) -> str:
        """A ``clusters.role`` value in the language."""
        return i18n.role(value, self.lang)

    def tier(self, value: str) -> str:
        """A park tier in the language."""
        return i18n.tier(value, self.lang)

    def kind(self, value: str) -> str:
        """A park kind in the language."""
        return i18n.kind(value, self.lang)

    def join(self, items: Iterable[str]) -> str:
        """Items joined as the language lists them (``、`` / ``, ``)."""
        return ("、" if self.lang == "zh" else ", ").join(items)
