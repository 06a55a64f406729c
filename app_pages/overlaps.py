"""Overlap page (同质化分析): overlaps with evidence and map, district × industry matrix, 2+4 rule, vintages, portfolios."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import data as store
from app_pages import map_widget
from app_pages import overlaps_cache as cache
from app_pages.lang import multiselect_words, page_lang
from geo import evidence as ev
from geo import overlap as ov
from geo import portfolio as pf
from geo import settings
from geo import vintage as vt
from geo.errors import DataValidationError
from geo.load import Dataset
from geo.summary import select_plans
from geo.view import compared_plans_note
from layers import i18n
from layers import overlap as lov
from layers.escape import md_text
from layers.i18n import t
from layers.labels import Labels

SEVERITY_ORDER = ("low", "medium", "high")
#: Heat-map colours, light → dark (role strength 1–6, or target class by the fixed 亿元 breaks).
HEAT = ("#fff7ec", "#fee8c8", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
#: Shown in empty matrix cells.
BLANK = ""
# ------------------------------------------------------------------------------------------ helpers


def _md(text: object) -> str:
    """Plain text made safe for ``st.markdown`` (see :func:`layers.escape.md_text`; HTML is never enabled)."""
    return md_text(text)


class _Names(Labels):
    """The label service (:class:`layers.labels.Labels`) plus the overlap page's target wording."""

    def __init__(self, ds: Dataset, lang: str):
        base = Labels.of(ds, lang)
        super().__init__(lang, base.industry_en, base.district_en, ds.parks, ds.plans)

    def target(self, value, year) -> str:
        if value is None or pd.isna(value):
            return ""
        amount = i18n.fmt_yi(float(value), self.lang)
        if year is None or pd.isna(year):
            return t("ov_side_target_noyear", self.lang, target=amount)
        return t("ov_side_target", self.lang, target=amount, year=int(year))


# ------------------------------------------------------------------------------------------ sections


def _overlap_table(o: pd.DataFrame, names: _Names) -> pd.DataFrame:
    lang = names.lang

    def sides(r) -> str:
        parts = []
        for s in r["sides"]:
            who = names.district(s["district"]) if r["kind"] == "cross_district" else names.park(s["park_id"])
            tgt = names.target(s["target_yi"], s["target_year"])
            parts.append(f"{who}: {i18n.role(s['role'], lang)}" + (f" · {tgt}" if tgt else ""))
        return "; ".join(parts)

    return pd.DataFrame(
        {
            t("ov_col_industry", lang): o["industry"].map(names.industry_with_zh),
            t("ov_col_kind", lang): o["kind"].map(lambda k: t(f"ov_kind_{k}", lang)),
            t("ov_col_severity", lang): o["severity_level"].map(lambda lvl: t(f"ov_sev_{lvl}", lang)),
            t("ov_col_points", lang): o["severity"],
            t("ov_col_districts", lang): o["districts"].map(lambda ds_: names.join(names.district(d) for d in ds_)),
            t("ov_col_n_districts", lang): o["n_districts"],
            t("ov_col_parks", lang): o["parks"].map(lambda ps: names.join(names.park(p) for p in ps)),
            t("ov_col_total", lang): o["total_target_yi"],
            t("ov_col_distance", lang): o["min_distance_km"].round(1),
            t("ov_col_distance_pm", lang): o["distance_uncertainty_km"].round(1),
            t("ov_col_reasons", lang): o["severity_reasons"],
            t("ov_col_sides", lang): o.apply(sides, axis=1),
            t("ov_col_vintage", lang): o["vintage_changes"],
        }
    )


def _evidence(row: pd.Series, names: _Names) -> None:
    lang = names.lang
    st.markdown(
        f"**{_md(names.industry_with_zh(row['industry']))}** · {_md(t('ov_kind_' + row['kind'], lang))} · "
        f"{_md(t('ov_col_severity', lang))}: {_md(t('ov_sev_' + row['severity_level'], lang))} "
        f"({int(row['severity'])})"
    )
    st.caption(_md(row["severity_reasons"]))
    if row["systems"]:
        st.caption(_md(f"{t('ov_systems', lang)}: {row['systems']}"))
    many = len(row["sides"]) > 2  # more than two sides: each collapsed, one line per district (or park)
    for s in row["sides"]:
        who = names.district(s["district"])
        if row["kind"] == "within_district":
            who = f"{who} · {names.park(s['park_id'])}"
        head = [who, t("ov_side_role", lang, role=i18n.role(s["role"], lang))]
        tgt = names.target(s["target_yi"], s["target_year"])
        if tgt:
            head.append(tgt)
        if s["direction_only"]:
            head.append(t("ov_side_direction", lang))
        head.append(t("ov_side_quotes", lang, n=len(s["quotes"])))
        with st.expander(_md(" · ".join(head)), expanded=not many):
            if s["parks"] and row["kind"] == "cross_district":
                st.caption(_md(t("ov_side_parks", lang, parks=names.join(names.park(p) for p in s["parks"]))))
            for c in s.get("superseded", ()):
                if c["changes"]:
                    st.caption(_md(t("ov_side_superseded", lang, text=ov.vintage_change_text(c, lang))))
            for q in s["quotes"]:
                _quote(q, names)


def _statement(ds: Dataset, plan_id: str, quote) -> str:
    """A coded quote as the plan's whole statement, on one line (see :mod:`geo.evidence`)."""
    if quote is None or (isinstance(quote, float) and pd.isna(quote)) or not str(quote):
        return ""
    st_ = ev.statement(ds.texts.get(plan_id), str(quote))
    if st_["kind"] == "table":
        return " | ".join(ev.flat(c) for c in st_["quote"].split("\n\t") if ev.flat(c))
    return ev.flat(st_["quote"])


def _quote(q: dict, names: _Names) -> None:
    """One statement of a plan: a sentence as a block quote, a table row with its table's title and header."""
    lang = names.lang
    kind = q.get("kind", "sentence")
    if kind == "table":
        st.caption(_md(t("ov_quote_table", lang, title=ev.flat(q["table_title"]))))
        if q.get("table_header"):
            st.caption(_md(t("ov_quote_table_header", lang, header=" | ".join(
                ev.flat(c) for c in q["table_header"].split("\n\t") if ev.flat(c)))))
        cells = [ev.flat(c) for c in q["quote"].split("\n\t") if ev.flat(c)]
        st.markdown(f"> {_md(' | '.join(cells))}")
    else:
        st.markdown(f"> {_md(ev.flat(q['quote']))}")
    note = {"clause": t("ov_quote_clause", lang), "as_coded": t("ov_quote_as_coded", lang)}.get(kind, "")
    plan = f"{names.plan(q['plan_id'])} ({q['plan_id']}) · {q['name']}"
    st.caption(_md(f"{plan} · {note}" if note else plan))


def _map(
    ds: Dataset, key: str, o: pd.DataFrame, counts: pd.DataFrame, sel: int | None, vintage: str, lang: str
) -> None:
    from streamlit_folium import st_folium

    map_widget.prepare()
    bounds = None
    if sel is not None:
        r = o.iloc[sel]
        bounds = lov.bounds_for(ds.parks, r["parks"], pad_deg=0.05)
        if bounds is None:  # no park located: zoom to the districts
            d = ds.districts[ds.districts["district"].isin(r["districts"])]
            if len(d):
                w, s, e, n = d.total_bounds
                bounds = [[float(s), float(w)], [float(n), float(e)]]
    from geo.view import View
    from layers.web.build import build_map

    view = View.from_query({k: st.query_params.get(k) for k in st.query_params}).with_(
        lang=lang, vintage=vintage, districts=(), sectors=(), tiers=(), search="", park="", min_scale_yi=0.0
    )
    parks, data = cache.base_layers(ds, key, tuple(sorted(view.to_query().items())))
    m = build_map(ds, parks, view, height=560, data=data)
    pane = lov.add_panes(m)
    lov.add_to_map(
        m,
        lov.district_choropleth(ds.districts, counts, lang, pane=pane),
        lov.overlap_layer(ds.parks, o, lang, highlight=sel),
    )
    if bounds is not None:
        m.fit_bounds(bounds)
    st_folium(m, height=560, use_container_width=True, returned_objects=[], key=f"ov_map_{sel}_{len(o)}_{lang}")
    st.html(f'<div style="font-size:0.85em">{lov.legend_html(lang)}</div>')


def _tab_overlaps(ds, key, o, counts, names, vintage) -> None:
    lang = names.lang
    n_cross = int((o["kind"] == "cross_district").sum())
    st.caption(t("ov_n_found", lang, n=len(o), cross=n_cross, within=len(o) - n_cross))
    if o.empty:
        st.info(t("ov_none", lang))
        return
    st.caption(t("ov_table_hint", lang))
    table = _overlap_table(o, names)
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"ov_table_{len(o)}_{lang}",
        column_config={
            t("ov_col_total", lang): st.column_config.NumberColumn(format="%.0f"),
            t("ov_col_distance", lang): st.column_config.NumberColumn(format="%.1f"),
            t("ov_col_distance_pm", lang): st.column_config.NumberColumn(format="± %.1f"),
        },
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    sel = rows[0] if rows and rows[0] < len(o) else None
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("ov_map", lang))
        _map(ds, key, o, counts, sel, vintage, lang)
    with right:
        st.subheader(t("ov_evidence", lang))
        if sel is None:
            st.info(t("ov_evidence_hint", lang))
        else:
            _evidence(o.iloc[sel], names)


def _tab_matrix(ds, key, level, plan_ids, directions, names, all_domains) -> None:
    lang = names.lang
    value = st.radio(
        t("ov_matrix_value", lang),
        ("role", "target"),
        horizontal=True,
        key="ov_matrix_value",
        format_func=lambda v: t(f"ov_matrix_{v}", lang),
    )
    m = cache.matrix(ds, key, level, plan_ids, directions, value, all_domains)
    if m.empty:
        st.info(t("ov_none", lang))
        return
    counts = m.notna().sum(axis=0)
    m = m.copy()
    m.index = [names.district(d) for d in m.index]
    m.columns = [f"{names.industry_with_zh(c)} · {int(counts[c])}" for c in m.columns]
    strength = {v: k for k, v in ov.ROLE_STRENGTH.items()}
    if value == "role":

        def fmt(v):
            return BLANK if v < 0 else i18n.role(strength.get(int(v), ""), lang)

        def cls(v) -> int:
            return int(v) - 1
    else:

        def fmt(v):
            return BLANK if v < 0 else f"{v:,.0f}"

        def cls(v) -> int:
            return sum(v >= b for b in settings.SCALE_BREAKS_YI)

    def css(v) -> str:
        if v < 0:
            return ""
        k = max(0, min(cls(v), len(HEAT) - 1))
        return f"background-color:{HEAT[k]};color:{'#ffffff' if k >= 3 else '#222222'}"

    # missing cells become -1 (shown blank): Streamlit would print "None" for NaN whatever the format says
    st.dataframe(m.fillna(-1.0).style.map(css).format(fmt), width="stretch")
    st.caption(f"{t('ov_matrix_note', lang)} {t('ov_matrix_count', lang)}: “· n”.")


def _tab_rule(ds, key, plan_ids, names) -> None:
    lang = names.lang
    st.markdown(f"**{_md(t('ov_rule_title', lang))}**")
    r = cache.rule_counts(ds, key, tuple(plan_ids))
    if r.empty:
        st.info(t("ov_none", lang))
        return

    def check(n, over) -> str:
        return f"{int(n)} · " + (t("ov_rule_over", lang) if over else t("ov_rule_ok", lang))

    def listing(s: str) -> str:
        return names.join(names.industry_with_zh(x) for x in s.split(";") if x)

    several = r["district"].duplicated(keep=False)
    lines = []
    for (_, x), m in zip(r.iterrows(), several, strict=True):
        text = _md(ov.system_statement(x, lang, district=names.district(x["district"]), with_plan=bool(m)))
        lines.append(f":red[{text}]" if bool(x["over"]) else text)
    st.markdown(f"**{_md(t('ov_col_statement', lang))}**\n\n" + "\n".join(f"- {line}" for line in lines))
    table = pd.DataFrame(
        {
            t("ov_col_districts", lang): r["district"].map(names.district),
            t("ov_col_plan", lang): r["plan_id"].map(lambda p: f"{names.plan(p)} ({p})"),
            t("ov_col_system", lang): r["system"].map(lambda v: v or t("ov_system_none", lang)),
            t("ov_col_lead_check", lang, n=settings.MAX_LEAD): [
                check(n, o) for n, o in zip(r["n_lead"], r["lead_over"], strict=True)
            ],
            t("ov_col_lead_list", lang): r["lead_industries"].map(listing),
            t("ov_col_specialty_check", lang, n=settings.MAX_SPECIALTY): [
                check(n, o) for n, o in zip(r["n_specialty"], r["specialty_over"], strict=True)
            ],
            t("ov_col_specialty_list", lang): r["specialty_industries"].map(listing),
            t("ov_col_system_quote", lang): r["system_quote"],
        }
    )
    over_word = t("ov_rule_over", lang)
    styler = table.style.map(lambda v: "background-color:#f8d0c8" if isinstance(v, str) and over_word in v else "")
    st.dataframe(styler, hide_index=True, width="stretch")
    st.caption(t("ov_rule_note", lang))


def _tab_vintage(ds, key, names) -> None:
    lang = names.lang
    vint = vt.district_vintages(ds)
    if not vint:
        st.info(t("ov_vintage_none", lang))
        return
    c1, c2, c3 = st.columns(3)
    district = c1.selectbox(t("ov_vintage_district", lang), list(vint), format_func=names.district, key="ov_vd")
    plans = vint[district]
    def plan_label(p: str) -> str:
        return f"{names.plan(p)} ({p})"

    old = c2.selectbox(t("ov_vintage_old", lang), plans, index=0, key=f"ov_vo_{district}", format_func=plan_label)
    new = c3.selectbox(
        t("ov_vintage_new", lang), plans, index=len(plans) - 1, key=f"ov_vn_{district}", format_func=plan_label
    )
    if old == new:
        st.info(t("ov_vintage_none", lang))
        return
    d = cache.diff(ds, key, old, new)
    cols = st.columns(5)
    for col, (k, n) in zip(cols, d.summary().items(), strict=True):
        col.metric(t(f"ov_ch_{k}", lang), n)

    def side(name, role, target, year) -> str:
        if name is None or (isinstance(name, float) and pd.isna(name)):
            return ""
        out = f"{name} · {i18n.role(role, lang)}"
        tgt = names.target(target, year)
        return out + (f" · {tgt}" if tgt else "")

    c = d.clusters
    st.markdown(f"**{_md(t('ov_clusters_changes', lang))}**")
    table = pd.DataFrame(
        {
            t("ov_col_change", lang): c["changes"].map(
                lambda ch: names.join(t(f"ov_ch_{x}", lang) for x in ch) if ch else t("ov_ch_unchanged", lang)
            ),
            t("ov_col_sector", lang): c["sector"].map(names.industry_with_zh),
            t("ov_col_old", lang): [
                side(*x) for x in zip(c["name_old"], c["role_old"], c["target_old"], c["year_old"], strict=True)
            ],
            t("ov_col_new", lang): [
                side(*x) for x in zip(c["name_new"], c["role_new"], c["target_new"], c["year_new"], strict=True)
            ],
            f"{t('quote', lang)} · {t('ov_col_old', lang)}": c["quote_old"].map(lambda q: _statement(ds, old, q)),
            f"{t('quote', lang)} · {t('ov_col_new', lang)}": c["quote_new"].map(lambda q: _statement(ds, new, q)),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.markdown(f"**{_md(t('ov_zones_changes', lang))}**")
    z = d.zones

    def inds(xs) -> str:
        return names.join(names.industry_with_zh(x) for x in xs)

    st.dataframe(
        pd.DataFrame(
            {
                t("ov_col_zone", lang): z["park_id"].map(names.park),
                t("ov_col_status", lang): z["status"].map(lambda s: t(f"ov_zone_{s}", lang)),
                t("ov_col_old", lang): z["industries_old"].map(inds),
                t("ov_col_new", lang): z["industries_new"].map(inds),
                t("ov_col_gained", lang): z["gained"].map(inds),
                t("ov_col_lost", lang): z["lost"].map(inds),
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _tab_portfolio(ds, key, plan_ids, directions, names) -> None:
    lang = names.lang
    p = cache.portfolio(ds, key, plan_ids, directions)
    if p.empty:
        st.info(t("ov_none", lang))
        return
    with_targets = list(dict.fromkeys(p.loc[p["target_yi"].notna(), "district"]))
    districts = list(dict.fromkeys([*with_targets, *p["district"]]))
    one = st.selectbox(t("ov_portfolio_district", lang), districts, format_func=names.district, key="ov_pf_one")
    mine = p[p["district"] == one]
    bars = mine[mine["target_yi"].notna()].set_index("sector")["target_yi"]
    if len(bars):
        bars.index = [names.industry_with_zh(s) for s in bars.index]
        st.bar_chart(
            bars.rename(t("ov_col_target", lang)), horizontal=True, y_label="", x_label=t("ov_col_target", lang)
        )
    else:
        st.info(t("ov_portfolio_no_targets", lang))
    st.dataframe(
        pd.DataFrame(
            {
                t("ov_col_sector", lang): mine["sector"].map(names.industry_with_zh),
                t("ov_col_target", lang): mine["target_yi"].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}"),
                t("ov_col_year", lang): mine["target_year"].map(lambda v: "" if pd.isna(v) else str(int(v))),
                t("ov_col_role", lang): mine["role"].map(lambda r: i18n.role(r, lang)),
                t("ov_col_names", lang): mine["names"].str.replace(";", "、" if lang == "zh" else ", "),
                t("ov_col_plan", lang): mine["plan_id"].map(names.plan),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    picked = st.multiselect(
        t("ov_portfolio_compare", lang),
        districts,
        default=with_targets[: min(3, pf.MAX_COMPARE)],
        max_selections=pf.MAX_COMPARE,
        format_func=names.district,
        key="ov_pf_cmp",
        **multiselect_words(lang, "ov_portfolio_compare_empty"),
    )
    if picked:
        table = pf.compare_districts(p, picked)
        table.index = [names.industry_with_zh(s) for s in table.index]
        table.columns = [names.district(d) for d in table.columns]
        if table.notna().any().any():
            st.bar_chart(table.fillna(0), stack=False, horizontal=True, y_label="", x_label=t("ov_col_target", lang))
        roles = pf.compare_districts(p, picked, value="role")
        shown = table.map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
        for (i, j), r in roles.stack().items():
            if not isinstance(r, str):
                continue
            cell = shown.loc[names.industry_with_zh(i), names.district(j)]
            shown.loc[names.industry_with_zh(i), names.district(j)] = (f"{cell} · " if cell else "") + i18n.role(r, lang)
        st.dataframe(shown, width="stretch")
    st.caption(t("ov_portfolio_note", lang))


# ------------------------------------------------------------------------------------------ page


def main() -> None:
    """Draw the page."""
    lang = page_lang()
    st.title(t("ov_title", lang))
    st.caption(t("ov_intro", lang))
    try:
        ds, fp = store.current()
    except DataValidationError as exc:
        st.error(t("data_error", lang))
        st.text("\n".join(i18n.problem(p, lang) for p in exc.problems[:50]))
        st.stop()
        return
    key = fp
    names = _Names(ds, lang)
    plan_choices = ["latest", "all", *ds.plans.sort_values("issued")["plan_id"]]
    wanted = st.query_params.get("vintage", settings.DEFAULT_VINTAGE)
    c1, c2, c3, c4 = st.columns([2, 3, 2, 3])
    level = c1.radio(
        t("ov_level", lang), ov.LEVELS, horizontal=True, key="ov_level", format_func=lambda v: t(f"ov_level_{v}", lang)
    )
    vintage = c2.selectbox(
        t("vintage", lang),
        plan_choices,
        index=plan_choices.index(wanted) if wanted in plan_choices else 0,
        key="ov_vintage",
        format_func=lambda v: t(f"vintage_{v}", lang) if v in ("latest", "all") else f"{names.plan(v)} ({v})",
    )
    min_level = c3.selectbox(
        t("ov_min_severity", lang), SEVERITY_ORDER, key="ov_min_level", format_func=lambda v: t(f"ov_sev_{v}", lang)
    )
    kinds = c4.multiselect(
        t("ov_kinds", lang),
        ov.KINDS,
        default=list(ov.KINDS),
        key="ov_kinds",
        format_func=lambda v: t(f"ov_kind_{v}", lang),
        **multiselect_words(lang, "ov_kinds_empty"),
    )
    d1, d2 = st.columns(2)
    directions = d1.checkbox(t("ov_directions", lang), value=True, key="ov_directions")
    all_domains = d2.checkbox(t("ov_all_domains", lang), value=False, key="ov_all_domains")
    plan_ids = tuple(select_plans(ds, vintage))
    st.caption(_md(compared_plans_note(ds, plan_ids, vintage, lang)))
    o = cache.overlaps(ds, key, level, plan_ids, directions, lang, all_domains)
    keep = o["severity_level"].map(SEVERITY_ORDER.index) >= SEVERITY_ORDER.index(min_level)
    o = o[keep & o["kind"].isin(kinds)].reset_index(drop=True)
    counts = ov.overlap_counts_by_district(ds, o, level, list(plan_ids), all_domains)  # shading follows the filters

    tabs = st.tabs(
        [t(k, lang) for k in ("ov_tab_overlaps", "ov_tab_matrix", "ov_tab_rule", "ov_tab_vintage", "ov_tab_portfolio")]
    )
    with tabs[0]:
        _tab_overlaps(ds, key, o, counts, names, vintage)
    with tabs[1]:
        _tab_matrix(ds, key, level, plan_ids, directions, names, all_domains)
    with tabs[2]:
        _tab_rule(ds, key, plan_ids, names)
    with tabs[3]:
        _tab_vintage(ds, key, names)
    with tabs[4]:
        _tab_portfolio(ds, key, plan_ids, directions, names)


main()
