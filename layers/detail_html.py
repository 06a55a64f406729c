"""Render the park detail model (geo.detail.ParkDetail) as escaped HTML for the panel beside the map."""

from __future__ import annotations

import math

from geo.detail import DistrictSystem, IndustryLine, ParkDetail
from geo.taxonomy import UNKNOWN_COLOR

from . import i18n
from .escape import esc
from .i18n import t
from .labels import Labels
from .style import safe_color

DETAIL_CSS = """
.pm-detail { font-size: 13.5px; line-height: 1.5; color: #1f2a33; }
.pm-detail h3 { font-size: 1.25rem; margin: 0; padding: 0; font-weight: 650; line-height: 1.3; }
.pm-detail h4 { font-size: .95rem; margin: 16px 0 6px; padding: 0 0 3px; border-bottom: 1px solid #e3e7ea; color: #3d4650; }
.pmd-sub { color: #6b7680; font-size: 12.5px; margin-top: 2px; }
.pmd-id { font-family: ui-monospace, Menlo, Consolas, monospace; color: #8a96a0; }
.pmd-chips { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; }
.pmd-chip { background: #eef2f5; border-radius: 10px; padding: 1px 9px; font-size: 12px; color: #3d4650; }
.pmd-chip-tier { background: #1f2a33; color: #fff; }
.pmd-kpis { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin-top: 12px; }
.pmd-kpi { background: #f6f8f9; border-radius: 8px; padding: 7px 10px; }
.pmd-kpi-l { font-size: 11.5px; color: #6b7680; }
.pmd-kpi-v { font-weight: 600; font-size: 14px; }
.pmd-sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: -1px;
  box-shadow: inset 0 0 0 1px rgba(0,0,0,.18); }
.pmd-ind { border-left: 3px solid #ccd3d8; padding: 4px 0 4px 10px; margin: 8px 0; }
.pmd-ind-h { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; }
.pmd-ind-name { font-weight: 600; }
.pmd-role { font-size: 11.5px; color: #fff; background: #6b7680; border-radius: 8px; padding: 0 7px; white-space: nowrap; }
.pmd-role-lead { background: #b3362b; } .pmd-role-specialty { background: #c9822b; }
.pmd-role-emerging { background: #2f7d5b; } .pmd-role-total, .pmd-role-other { background: #44546a; }
.pmd-ind-meta { color: #4a5560; font-size: 12.5px; }
.pmd-nums { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12.5px; margin-top: 2px; }
.pmd-nums b { font-weight: 600; }
.pmd-quote { color: #4a5560; font-size: 12.5px; background: #faf8f2; border-radius: 4px; padding: 3px 8px; margin-top: 4px;
  white-space: pre-line; }
.pmd-quote::before { content: "「"; color: #a0a8ae; } .pmd-quote::after { content: "」"; color: #a0a8ae; }
.pmd-muted { color: #8a96a0; font-size: 12px; }
.pmd-plan { margin: 4px 0; }
.pmd-plan-off { color: #8a96a0; }
.pmd-peer { margin: 3px 0; font-size: 12.5px; }
.pmd-older summary { cursor: pointer; color: #4a5560; font-size: 12.5px; margin-top: 8px; }
.pmd-role-focus { background: #5b7fa6; }
.pmd-system { margin: 4px 0; font-size: 12.5px; }
.pmd-system-over .pmd-system-h { color: #b3362b; }
.pmd-system-h { font-weight: 600; }
"""


def _pick(lang: str, zh: str, en: str) -> str:
    return (en or zh) if lang == "en" else (zh or en)


def _fmt_pct(v: float) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v * 100:.1f}%"


def _plan_label(plan_id: str, plan_titles: dict[str, str]) -> str:
    """A plan as its reader knows it: 《title》 (the id only where no title is known)."""
    title = plan_titles.get(plan_id, "")
    return f"《{title}》" if title else plan_id


def _line_html(line: IndustryLine, names: Labels, park_names: dict[str, str], plan_titles: dict[str, str]) -> str:
    lang = names.lang
    sector = names.industry_or_blank(line.sector)
    chain = names.industry_or_blank(line.chain)
    sc = " / ".join(x for x in (sector, chain) if x)
    nums = []
    if not math.isnan(line.target_value_yi):
        year = f" ({t('by_year', lang, year=line.target_year) if line.target_year else t('year_not_stated', lang)})"
        nums.append(f"<span>{esc(t('col_target', lang))}: <b>{esc(i18n.fmt_yi(line.target_value_yi, lang))}</b>{esc(year)}</span>")
    if not math.isnan(line.baseline_value_yi):
        year = f" ({line.baseline_year})" if line.baseline_year else ""
        nums.append(f"<span>{esc(t('col_baseline', lang))}: {esc(i18n.fmt_yi(line.baseline_value_yi, lang))}{esc(year)}</span>")
    if not math.isnan(line.cagr):
        nums.append(f"<span>{esc(t('col_cagr', lang))}: <b>{esc(_fmt_pct(line.cagr))}</b></span>")
    shared = ""
    if line.shared_with:
        sep = "、" if lang == "zh" else ", "
        shared = f'<div class="pmd-muted">{esc(t("shared_with", lang, parks=sep.join(park_names.get(p, p) for p in line.shared_with)))}</div>'
    role = line.role if line.role else "other"
    return (
        '<div class="pmd-ind">'
        f'<div class="pmd-ind-h"><span class="pmd-ind-name">{esc(line.name_as_written)}</span>'
        f'<span class="pmd-role pmd-role-{esc(role)}">{esc(i18n.role(role, lang))}</span></div>'
        + (f'<div class="pmd-ind-meta">{esc(sc)}</div>' if sc else "")
        + (f'<div class="pmd-nums">{"".join(nums)}</div>' if nums else "")
        + shared
        + (f'<div class="pmd-quote">{esc(line.quote)}</div>' if line.quote else "")
        + f'<div class="pmd-muted" data-plan="{esc(line.plan_id)}">{esc(_plan_label(line.plan_id, plan_titles))}</div>'
        "</div>"
    )


def _system_html(sys_: DistrictSystem, names: Labels, plan_titles: dict[str, str]) -> str:
    lang = names.lang
    sep = "、" if lang == "zh" else ", "
    over = sys_.lead_over or sys_.specialty_over
    parts = [
        f'<div class="pmd-system{" pmd-system-over" if over else ""}" data-plan="{esc(sys_.plan_id)}">',
        f'<div class="pmd-system-h">{esc(sys_.statement(lang, names.district(sys_.district)))}</div>',
    ]
    if sys_.system_quote:
        parts.append(f'<div class="pmd-quote">{esc(sys_.system_quote)}</div>')
    if sys_.lead_industries:
        items = sep.join(names.industry_or_blank(x) for x in sys_.lead_industries)
        parts.append(f'<div class="pmd-muted">{esc(t("system_leads", lang, items=items))}</div>')
    if sys_.specialty_industries:
        items = sep.join(names.industry_or_blank(x) for x in sys_.specialty_industries)
        parts.append(f'<div class="pmd-muted">{esc(t("system_specialties", lang, items=items))}</div>')
    parts.append(f'<div class="pmd-muted">{esc(_plan_label(sys_.plan_id, plan_titles))}</div></div>')
    return "".join(parts)


def render_detail(
    detail: ParkDetail,
    lang: str = "zh",
    names_en: dict[str, str] | None = None,
    district_en: dict[str, str] | None = None,
    colors: dict[str, str] | None = None,
    park_names: dict[str, str] | None = None,
    with_css: bool = True,
) -> str:
    """The detail panel of a park as HTML (every text escaped).

    Parameters
    ----------
    detail : ParkDetail
    lang : str
        ``zh`` or ``en``.
    names_en : dict, optional
        Sector/chain (Chinese) → English name.
    district_en : dict, optional
        District (Chinese) → English name.
    colors : dict, optional
        Sector → colour.
    park_names : dict, optional
        Park id → display name (for shared rows and peers).
    with_css : bool
        Prepend the panel's ``<style>``.

    Returns
    -------
    str
    """
    names = Labels(lang, names_en, district_en)
    park_names = park_names or {}
    plan_titles = {p.plan_id: _pick(lang, p.title, p.title_en) for p in detail.plans}
    colors = colors or {}
    name = _pick(lang, detail.name_zh, detail.name_en)
    other = detail.name_en if lang == "zh" else detail.name_zh
    color = safe_color(colors.get(detail.dominant_sector, UNKNOWN_COLOR))
    out = [f"<style>{DETAIL_CSS}</style>" if with_css else "", f'<div class="pm-detail" data-park="{esc(detail.park_id)}">']
    out.append(f"<h3>{esc(name)}</h3>")
    out.append(f'<div class="pmd-sub">{esc(other)} · <span class="pmd-id">{esc(detail.park_id)}</span></div>')
    chips = [f'<span class="pmd-chip">{esc(names.district(detail.district))}</span>']
    if detail.kind:
        chips.append(f'<span class="pmd-chip">{esc(i18n.kind(detail.kind, lang))}</span>')
    if detail.tier:
        chips.append(f'<span class="pmd-chip pmd-chip-tier">{esc(i18n.tier(detail.tier, lang))}</span>')
    out.append(f'<div class="pmd-chips">{"".join(chips)}</div>')

    dom = names.industry(detail.dominant_sector)
    if detail.dominant_chain and detail.dominant_chain != detail.dominant_sector:
        dom += f" · {names.industry_or_blank(detail.dominant_chain)}"
    if math.isnan(detail.target_scale_yi):
        scale = t("scale_none", lang)
    else:
        scale = i18n.fmt_yi(detail.target_scale_yi, lang)
        if detail.scale_year:
            scale += f" ({t('by_year', lang, year=detail.scale_year)})"
        if detail.scale_basis == "shared":
            scale += f" · {t('scale_shared', lang)}"
    area = f"{detail.area_km2:g} {t('km2', lang)}" if not math.isnan(detail.area_km2) else "—"
    kpis = [
        (t("dominant_industry", lang), f'<span class="pmd-sw" style="background:{color}"></span>{esc(dom)}'),
        (t("target_scale", lang), esc(scale)),
        (t("area", lang), esc(area)),
        (t("location", lang), esc(i18n.quality(detail.geometry_quality, lang))
         + (f" ±{detail.uncertainty_m / 1000:.3g} km" if detail.uncertainty_m and detail.uncertainty_basis != "circle" else "")),
    ]
    out.append(
        '<div class="pmd-kpis">'
        + "".join(f'<div class="pmd-kpi"><div class="pmd-kpi-l">{esc(k)}</div><div class="pmd-kpi-v">{v}</div></div>' for k, v in kpis)
        + "</div>"
    )

    out.append(f"<h4>{esc(t('industries', lang))}</h4>")
    current = [i for i in detail.industries if i.in_view]
    older = [i for i in detail.industries if not i.in_view]
    if current:
        out.extend(_line_html(i, names, park_names, plan_titles) for i in current)
    elif not older:
        out.append(f'<div class="pmd-muted">{esc(t("no_industries", lang))}</div>')
    if older:
        head = t("plan_not_in_view", lang).strip("()（）")
        out.append(f'<details class="pmd-older"{"" if current else " open"}><summary>{esc(head)} ({len(older)})</summary>')
        out.extend(_line_html(i, names, park_names, plan_titles) for i in older)
        out.append("</details>")

    out.append(f"<h4>{esc(t('plans', lang))}</h4>")
    for p in detail.plans:
        title = _pick(lang, p.title, p.title_en)
        meta = " · ".join(x for x in (p.doc_number, f"{t('issued', lang)} {p.issued}" if p.issued else "") if x)
        off = "" if p.in_view else f' <span class="pmd-muted">{esc(t("plan_not_in_view", lang))}</span>'
        out.append(
            f'<div class="pmd-plan{"" if p.in_view else " pmd-plan-off"}">《{esc(title)}》{off}'
            f'<div class="pmd-muted">{esc(meta)} · {esc(p.plan_id)}</div></div>'
        )

    if detail.district_systems:
        out.append(f"<h4>{esc(t('district_system', lang))}</h4>")
        out.extend(_system_html(x, names, plan_titles) for x in detail.district_systems)

    note = detail.location_note_for(lang)
    if detail.quote or detail.area_quote or note:
        out.append(f"<h4>{esc(t('park_quote', lang))}</h4>")
        if detail.quote:
            out.append(f'<div class="pmd-quote">{esc(detail.quote)}</div>')
        if detail.area_quote:
            out.append(f'<div class="pmd-quote">{esc(detail.area_quote)}</div>')
        if note:
            out.append(f'<div class="pmd-muted" style="margin-top:4px">{esc(t("location", lang))}: {esc(note)}</div>')
    out.append(_site_html(detail, lang))

    out.append(f"<h4>{esc(t('peers', lang))}</h4>")
    if not detail.peer_parks and not detail.peer_districts:
        out.append(f'<div class="pmd-muted">{esc(t("no_peers", lang))}</div>')
    sep = "、" if lang == "zh" else ", "
    if detail.peer_parks:
        out.append(f'<div class="pmd-muted">{esc(t("peer_parks", lang))}</div>')
        for q in detail.peer_parks:
            what = sep.join(names.industry_or_blank(c) for c in (q.chains or q.sectors))
            out.append(
                f'<div class="pmd-peer"><b>{esc(_pick(lang, q.name_zh, q.name_en))}</b> '
                f'<span class="pmd-muted">{esc(names.district(q.district))} · {esc(t("distance_km", lang, km=f"{q.distance_km:.0f}"))}</span>'
                f"<br>{esc(what)}</div>"
            )
    if detail.peer_districts:
        out.append(f'<div class="pmd-muted" style="margin-top:6px">{esc(t("peer_districts", lang))}</div>')
        for q in detail.peer_districts:
            what = sep.join(names.industry_or_blank(c) for c in (q.chains or q.sectors))
            roles = sep.join(i18n.role(r, lang) for r in q.roles)
            out.append(
                f'<div class="pmd-peer"><b>{esc(names.district(q.district))}</b> <span class="pmd-muted">{esc(roles)}</span>'
                f"<br>{esc(what)}</div>"
            )
    out.append("</div>")
    return "".join(out)


def _site_html(detail: ParkDetail, lang: str) -> str:
    """The site's uncertainty (ring radius or approximate circle) and, for a corrected site, its provenance."""
    rows = []
    if detail.uncertainty_m and detail.uncertainty_basis == "circle":
        rows.append(t("site_circle", lang, km=f"{detail.uncertainty_m / 1000:.2g}"))
    elif detail.uncertainty_m:
        basis = t(f"unc_basis_{detail.uncertainty_basis}", lang)
        rows.append(t("site_uncertain", lang, km=f"{detail.uncertainty_m / 1000:.3g}", basis=basis))
    if detail.geometry_source or detail.geometry_editor:
        who = " · ".join(x for x in (detail.geometry_source, detail.geometry_editor, detail.geometry_date) if x)
        rows.append(f"{t('site_provenance', lang)}: {who}")
    if not math.isnan(detail.lon):
        rows.append(f"{detail.lon:.5f}, {detail.lat:.5f} (WGS84)")
    return "".join(f'<div class="pmd-muted pmd-site" style="margin-top:4px">{esc(r)}</div>' for r in rows)
