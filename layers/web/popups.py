"""Pop-ups and tooltips of a park on the web map (Python, under 500 parks; the canvas script builds the same)."""

from __future__ import annotations

import pandas as pd

from geo.load import Dataset
from geo.taxonomy import sectors

from .. import i18n
from .. import labels as label_service
from ..escape import esc
from ..i18n import t
from ..style import safe_color
from .geojson import as_number


class Labels(label_service.Labels):
    """The label service (:class:`layers.labels.Labels`) with the sectors' colours and order (built once per map)."""

    def __init__(self, ds: Dataset, lang: str):
        base = label_service.Labels.of(ds, lang)
        super().__init__(lang, base.industry_en, base.district_en, ds.parks, ds.plans)
        self.colors = {r["sector"]: safe_color(r["color"]) for _, r in sectors(ds.industries).iterrows()}
        self.sector_order = list(self.colors)


def scale_text(row: pd.Series | dict, lang: str) -> str:
    """Target scale of a park as plain text, e.g. ``500亿元（2027年）`` or ``规划未明确规模``."""
    value = as_number(row.get("target_scale_yi"))
    if value is None:
        return t("scale_none", lang)
    year = row.get("scale_year")
    year_txt = "" if year is None or pd.isna(year) else t("by_year", lang, year=int(year))
    text = i18n.fmt_yi(value, lang)
    if year_txt:
        text += f" ({year_txt})" if lang == "en" else f"（{year_txt}）"
    if row.get("scale_basis") == "shared":
        text += f"; {t('scale_shared', lang)}" if lang == "en" else f"，{t('scale_shared', lang)}"
    return text


def dominant_text(row: pd.Series | dict, labels: Labels) -> str:
    """Dominant industry as plain text: sector, and chain when known."""
    sector = str(row.get("dominant_sector") or "")
    chain = str(row.get("dominant_chain") or "")
    text = labels.industry(sector)
    if chain and chain != sector:
        text += f" · {labels.industry(chain)}"
    return text


def tooltip_html(row: pd.Series | dict, labels: Labels) -> str:
    """Hover tooltip of a park (escaped HTML): name, district, dominant industry, scale, id."""
    lang = labels.lang
    color = safe_color(row.get("color"))
    return (
        '<div class="pm-tt">'
        f'<div class="pm-tt-name">{esc(i18n.park_name(row, lang))}</div>'
        f'<div class="pm-tt-row">{esc(labels.district(str(row.get("district", ""))))} · {esc(i18n.kind(str(row.get("kind", "")), lang))}</div>'
        f'<div class="pm-tt-row"><span class="pm-sw" style="background:{color}"></span>{esc(dominant_text(row, labels))}</div>'
        f'<div class="pm-tt-row">{esc(t("target_scale", lang))}: {esc(scale_text(row, lang))}</div>'
        f'<div class="pm-id">{esc(row.get("park_id", ""))}</div>'
        "</div>"
    )


def popup_html(row: pd.Series | dict, labels: Labels) -> str:
    """Click pop-up of a park (escaped HTML) with the essentials."""
    lang = labels.lang
    color = safe_color(row.get("color"))
    other = str(row.get("name_en") or "") if lang == "zh" else str(row.get("name_zh") or "")
    tier = str(row.get("tier") or "")
    meta = [labels.district(str(row.get("district", ""))), i18n.kind(str(row.get("kind", "")), lang)]
    if tier:
        meta.append(i18n.tier(tier, lang))
    secs = [labels.industry(s) for s in (row.get("sectors") or ())]
    parts = [
        '<div class="pm-pop">',
        f'<div class="pm-pop-name">{esc(i18n.park_name(row, lang))}</div>',
        f'<div class="pm-pop-sub">{esc(other)}</div>' if other else "",
        f'<div class="pm-pop-row">{" · ".join(esc(m) for m in meta if m)}</div>',
        f'<div class="pm-pop-row"><span class="pm-sw" style="background:{color}"></span><b>{esc(t("dominant_industry", lang))}</b>: {esc(dominant_text(row, labels))}</div>',
        f'<div class="pm-pop-row"><b>{esc(t("target_scale", lang))}</b>: {esc(scale_text(row, lang))}</div>',
    ]
    if secs:
        parts.append(f'<div class="pm-pop-row"><b>{esc(t("industries", lang))}</b>: {esc("、".join(secs) if lang == "zh" else ", ".join(secs))}</div>')
    parts.append(f'<div class="pm-pop-hint">{esc(t("details_hint", lang))}</div></div>')
    return "".join(parts)
