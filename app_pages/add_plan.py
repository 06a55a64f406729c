"""添加规划 page: paste or upload a plan, review the drafted rows, locate new parks, validate and save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from app_pages import map_widget
from app_pages.lang import page_lang
from geo import add_plan as ap
from geo import settings
from geo.errors import DataValidationError, WriteConflictError
from geo.ingest import draft_rows, infer_horizon, sentences_to_check
from geo.ingest.checks import check_reasons, park_choices, rows_from_check
from geo.ingest.documents import document_text
from geo.io import file_version, read_geojson, read_table
from geo.messages import localise
from geo.store import ChangeSet
from geo.transaction import SaveInterruptedError, recover
from layers import i18n
from layers.escape import html_text, md_text
from layers.i18n import t

map_widget.prepare()

S = "ap_"  # session-state prefix of this page


def _store():
    """The configured store (files or PostGIS), shared with the other pages."""
    from app_pages.data import source

    return source()


def _data_dir() -> Path:
    """A data folder with the store's current content (the data folder itself, or a database snapshot)."""
    return Path(_store().working_dir())


@st.cache_data(show_spinner=False)
def _districts(data_dir: str, version: str):
    return read_geojson(Path(data_dir) / settings.DISTRICTS_FILE)


@st.cache_data(show_spinner=False)
def _industries(data_dir: str, version: str) -> pd.DataFrame:
    return read_table(Path(data_dir) / settings.INDUSTRIES_FILE)


@st.cache_data(show_spinner=False)
def _gazetteer(data_dir: str, version: str) -> pd.DataFrame:
    return ap.read_gazetteer(data_dir)


def _parks(data_dir: Path) -> pd.DataFrame:
    return ap.read_parks_table(data_dir)


def _versions_at_load(data_dir: Path) -> str:
    """The store's version read when the page was opened (kept until a save or a reload)."""
    if f"{S}versions" not in st.session_state:
        st.session_state[f"{S}versions"] = _store().version()
    return st.session_state[f"{S}versions"]


def _reload() -> None:
    for k in ("versions", "update", "problems", "saved"):
        st.session_state.pop(f"{S}{k}", None)


def _read_upload(upload) -> str:
    """The text of an uploaded .txt/.docx/.pdf/.html file (what is drafted and kept as the plan's text)."""
    size = getattr(upload, "size", None) or len(upload.getvalue())
    if size > settings.MAX_UPLOAD_MB * 2**20:
        st.error(t("ap_too_large", page_lang(), mb=size / 2**20, limit=settings.MAX_UPLOAD_MB))
        return ""
    try:
        return document_text(upload.getvalue(), upload.name).text
    except DataValidationError as exc:
        st.error(md_text("; ".join(i18n.problem(p, page_lang()) for p in exc.problems)))
        return ""


# ------------------------------------------------------------------------------------------ steps


def _step_text(lang: str) -> str:
    st.subheader(t("ap_step_text", lang))
    c1, c2 = st.columns([3, 2])
    with c2:
        up = st.file_uploader(t("ap_upload", lang, mb=settings.MAX_UPLOAD_MB), type=["txt", "docx", "pdf", "html", "htm"],
                              key=f"{S}upload", help=t("ap_upload_help", lang, mb=settings.MAX_UPLOAD_MB))
    with c1:
        pasted = st.text_area(t("ap_paste", lang), height=180, key=f"{S}paste", placeholder=t("ap_paste_hint", lang))
    text = _read_upload(up) if up is not None else pasted
    if text.strip():
        st.caption(t("ap_text_len", lang, n=len(text)))
    return text


def _step_meta(lang: str, text: str, districts: list[str]) -> ap.PlanMeta:
    st.subheader(t("ap_step_meta", lang))
    c1, c2, c3 = st.columns(3)
    district = c1.selectbox(t("district", lang), districts, index=None, key=f"{S}district",
                            placeholder=t("ap_choose", lang))
    title = c2.text_input(t("ap_title_zh", lang), key=f"{S}title")
    title_en = c3.text_input(t("ap_title_en", lang), key=f"{S}title_en")
    c4, c5, c6 = st.columns(3)
    doc = c4.text_input(t("doc_number", lang), key=f"{S}doc", placeholder="合川府发〔2023〕4号")
    issued = c5.date_input(t("issued", lang), value=date.today(), min_value=date(2000, 1, 1),
                           max_value=date(2050, 12, 31), key=f"{S}issued")
    guess = int(infer_horizon(text) or date.today().year + 3) if text else date.today().year + 3
    # follow the text's horizon until the user changes the number themselves
    if st.session_state.get(f"{S}horizon") in (None, st.session_state.get(f"{S}horizon_guess")):
        st.session_state[f"{S}horizon"] = guess
    st.session_state[f"{S}horizon_guess"] = guess
    horizon = c6.number_input(t("ap_horizon", lang), min_value=2000, max_value=2050, step=1, key=f"{S}horizon")
    return ap.PlanMeta(district=district or "", title=title, title_en=title_en, doc_number=doc,
                       issued=issued.isoformat() if issued else "", horizon_year=int(horizon))


def _draft(text: str, meta: ap.PlanMeta, lang: str) -> None:
    data_dir = _data_dir()
    ind = _industries(str(data_dir), file_version(data_dir / settings.INDUSTRIES_FILE))
    found = draft_rows(text, meta.district, None, ind, horizon_year=int(meta.horizon_year),
                       document_date=meta.issued or None)
    st.session_state[f"{S}review"] = ap.review_table(found, _parks(data_dir), meta.district)
    checks = sentences_to_check(text, found, ind)
    st.session_state[f"{S}checks"] = checks
    st.session_state[f"{S}check_parks"] = {(c.start, c.end): ch for c, ch in zip(checks, park_choices(text, checks, found),
                                                                              strict=True)}
    st.session_state[f"{S}drafts"] = st.session_state.get(f"{S}drafts", 0) + 1  # a fresh editor per draft
    st.session_state[f"{S}text_drafted"] = text
    for k in ("update", "problems", "saved"):
        st.session_state.pop(f"{S}{k}", None)


def _step_review(lang: str, industries: pd.DataFrame) -> pd.DataFrame | None:
    st.subheader(t("ap_step_review", lang))
    review = st.session_state.get(f"{S}review")
    if review is None:
        st.info(t("ap_review_empty", lang))
        return None
    st.caption(t("ap_review_hint", lang, n=len(review), n_targets=int(review["target_value_yi"].notna().sum())))
    sectors = [s for s in dict.fromkeys(industries["sector"]) if s]
    chains = sorted({c for c in industries["chain"] if c})
    sector_label, chain_label = _industry_labels(industries, lang)
    parks = _parks(_data_dir())
    district = st.session_state.get(f"{S}district") or ""
    park_ids = [""] + sorted(parks.loc[parks["district"] == district, "park_id"].astype(str)) if len(parks) else [""]
    cfg = {
        "include": st.column_config.CheckboxColumn(t("ap_col_include", lang), default=True),
        "kind": st.column_config.SelectboxColumn(t("ap_col_kind", lang), options=["park_industry", "target", "total"],
                                                 format_func=lambda v: t(f"ap_kind_{v}", lang) if v else "—"),
        "park": st.column_config.TextColumn(t("ap_col_park", lang)),
        "town": st.column_config.TextColumn(t("ap_col_town", lang)),
        "park_id": st.column_config.SelectboxColumn(t("ap_col_park_id", lang), options=park_ids,
                                                    help=t("ap_col_park_id_help", lang)),
        "industry_as_written": st.column_config.TextColumn(t("col_industry", lang)),
        "sector": st.column_config.SelectboxColumn(t("ap_col_sector", lang), options=["", *sectors],
                                                   format_func=sector_label),
        "chain": st.column_config.SelectboxColumn(t("ap_col_chain", lang), options=["", *chains],
                                                  format_func=chain_label),
        "role": st.column_config.SelectboxColumn(t("col_role", lang), options=list(settings.ROLES),
                                                 format_func=lambda v: i18n.role(v, lang)),
        "target_value_yi": st.column_config.NumberColumn(t("ap_col_target", lang), min_value=0.0, format="%g"),
        "target_year": st.column_config.NumberColumn(t("ap_col_year", lang), min_value=2000, max_value=2050,
                                                     step=1, format="%d"),
        "baseline_value_yi": st.column_config.NumberColumn(t("ap_col_baseline", lang), min_value=0.0, format="%g"),
        "baseline_year": st.column_config.NumberColumn(t("ap_col_baseline_year", lang), min_value=2000,
                                                       max_value=2050, step=1, format="%d"),
        "confidence": st.column_config.ProgressColumn(t("ap_col_confidence", lang), min_value=0.0, max_value=1.0,
                                                      format="%.2f"),
        "note": st.column_config.TextColumn(t("ap_col_note", lang), disabled=True),
        "quote": st.column_config.TextColumn(t("quote", lang), width="large"),
    }
    edited = st.data_editor(
        review, column_config=cfg, disabled=["confidence", "note"], num_rows="dynamic", hide_index=True,
        width="stretch", key=f"{S}editor_{st.session_state.get(f'{S}drafts', 0)}",
    )
    _checks(lang, edited, industries, parks, district)
    return edited


def _checks(lang: str, edited: pd.DataFrame, industries: pd.DataFrame, parks: pd.DataFrame, district: str) -> None:
    """The sentences no draft came from that may state a park's industries or a target, to read; each can be
    added to the review table as rows to complete."""
    checks = st.session_state.get(f"{S}checks") or []
    if not checks:
        return
    with st.expander(t("ap_checks", lang, n=len(checks)), expanded=False):
        st.caption(t("ap_checks_hint", lang))
        for i, c in enumerate(checks):
            pair, figure = check_reasons(c)
            why = []
            if pair:
                why.append(t("ap_check_pair", lang, terms=md_text(c.industry_as_written)))
            if figure:
                why.append(t("ap_check_figure", lang))
            st.markdown(f"> {md_text(c.quote)}\n\n" + " · ".join(why))
            n = st.session_state.get(f"{S}drafts", 0)
            choices = st.session_state.get(f"{S}check_parks", {}).get((c.start, c.end)) or []
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            # the sentence's own park is offered first; where it names none the reviewer picks (empty by default)
            park = left.selectbox(t("ap_check_park", lang), ["", *choices], index=1 if c.park and choices else 0,
                                  format_func=lambda v: v or t("ap_check_park_none", lang), key=f"{S}check_park_{n}_{i}",
                                  help=t("ap_check_park_help", lang))
            if right.button(t("ap_check_add", lang), key=f"{S}check_add_{n}_{i}"):
                added = ap.review_table(rows_from_check(c, industries, park=park), parks, district)
                st.session_state[f"{S}review"] = pd.concat([edited, added], ignore_index=True)  # edits so far kept
                st.session_state[f"{S}checks"] = [x for x in checks if x is not c]
                st.session_state[f"{S}drafts"] = st.session_state.get(f"{S}drafts", 0) + 1  # a fresh editor
                st.rerun()


def _industry_labels(industries: pd.DataFrame, lang: str):
    """Display functions for sector and chain values in the UI language (industries.csv's English names)."""
    ind = industries.fillna("").astype(str)
    sec_en = {r["sector"]: r["name_en"] for _, r in ind.iterrows() if not r["chain"] and r.get("name_en")}
    chain_en = {r["chain"]: r["name_en"] for _, r in ind.iterrows() if r["chain"] and r.get("name_en")}
    if lang != "en":
        return (lambda v: v or "—"), (lambda v: v or "—")
    return (lambda v: sec_en.get(v, v) or "—"), (lambda v: chain_en.get(v, v) or "—")


def _pick_map(name: str, district: str, districts, parks: pd.DataFrame, picked: ap.ParkSite | None) -> dict | None:
    """A small offline map of the district; returns st_folium's output (clicks)."""
    poly = districts[districts["district"] == district]
    if len(poly):
        minx, miny, maxx, maxy = poly.total_bounds
        center = [(miny + maxy) / 2, (minx + maxx) / 2]
    else:
        minx, miny, maxx, maxy = settings.CHONGQING_BBOX
        center = [(miny + maxy) / 2, (minx + maxx) / 2]
    m = folium.Map(location=center, zoom_start=10, tiles=None, control_scale=True)
    if len(poly):
        folium.GeoJson(
            poly[["district", "geometry"]].to_json(), name=district,
            style_function=lambda _f: {"color": "#444", "weight": 2, "fillColor": "#9ecae1", "fillOpacity": 0.15},
        ).add_to(m)
        m.fit_bounds([[miny, minx], [maxy, maxx]])
    for _, r in parks[parks["district"] == district].iterrows():
        if pd.notna(r.get("lat")) and pd.notna(r.get("lon")):
            folium.CircleMarker([r["lat"], r["lon"]], radius=5, color="#555", fill=True, fill_opacity=0.7,
                                tooltip=html_text(r.get("name_zh", ""))).add_to(m)
    if picked is not None:
        folium.Marker([picked.lat, picked.lon], tooltip=html_text(name)).add_to(m)
    return st_folium(m, height=320, use_container_width=True, key=f"{S}map_{name}",
                     returned_objects=["last_clicked"])


def _step_parks(lang: str, review: pd.DataFrame, district: str) -> dict[str, ap.ParkSite]:
    st.subheader(t("ap_step_parks", lang))
    sites: dict[str, ap.ParkSite] = st.session_state.setdefault(f"{S}sites", {})
    names = ap.new_parks(review)
    if not names:
        st.caption(t("ap_no_new_parks", lang))
        return {}
    data_dir = _data_dir()
    gaz = _gazetteer(str(data_dir), file_version(data_dir / settings.GAZETTEER_FILE))
    districts = _districts(str(data_dir), file_version(data_dir / settings.DISTRICTS_FILE))
    parks = _parks(data_dir)
    towns = {}
    if "town" in review.columns:
        for _, r in review.iterrows():
            if str(r.get("town") or "").strip():
                towns.setdefault(str(r["park"]).strip(), str(r["town"]).strip())
    for name in names:
        # a new park's town found from its Chinese name (pypinyin → the pinyin gazetteer) places it at once
        found = ap.found_town(name, district, gaz, towns.get(name, ""))
        if name not in sites and found is not None and f"{S}gaz_{name}" not in st.session_state:
            sites[name] = ap.ParkSite(
                lat=float(found["lat"]), lon=float(found["lon"]), geometry_quality="town_seat",
                kind=ap.guess_kind(name),
                location_note=f"{found['name_pinyin']} town seat (offline gazetteer, GeoNames), found from the name "
                              f"'{found['matched']}' in 添加规划",
                location_note_zh=f"{found['name_pinyin']} 镇街驻地（离线地名库，GeoNames），在添加规划中由名称"
                                 f"“{found['matched']}”查得",
            )
    for name in names:
        with st.expander(md_text(name) + (" ✓" if name in sites else ""), expanded=name not in sites):
            kind = st.selectbox(t("kind", lang), settings.PARK_KINDS, index=settings.PARK_KINDS.index(ap.guess_kind(name)),
                                key=f"{S}kind_{name}", format_func=lambda k: i18n.kind(k, lang))
            hits = ap.gazetteer_matches(name, district, gaz, towns.get(name, ""))
            options = [f"{r['name_pinyin']} · {r['district']} ({r['lat']:.4f}, {r['lon']:.4f})"
                       + ("" if r["in_district"] else " ⚠") for _, r in hits.iterrows()]
            c1, c2 = st.columns([1, 2])
            with c1:
                st.caption(t("ap_gazetteer", lang))
                auto = 0 if (options and bool(hits.iloc[0]["in_district"])) else None
                choice = st.selectbox(t("ap_town", lang), options, index=auto, key=f"{S}gaz_{name}",
                                      placeholder=t("ap_no_town" if not options else "ap_choose", lang))
                if auto == 0:
                    st.caption(t("ap_town_found", lang, pinyin=md_text(hits.iloc[0]["name_pinyin"]),
                                 name=md_text(hits.iloc[0]["matched"])))
                if choice is not None and choice != st.session_state.get(f"{S}gazlast_{name}"):
                    st.session_state[f"{S}gazlast_{name}"] = choice
                    r = hits.iloc[options.index(choice)]
                    sites[name] = ap.ParkSite(
                        lat=float(r["lat"]), lon=float(r["lon"]), geometry_quality="town_seat", kind=kind,
                        location_note=f"{r['name_pinyin']} town seat (offline gazetteer, GeoNames), chosen in 添加规划",
                        location_note_zh=f"{r['name_pinyin']} 镇街驻地（离线地名库，GeoNames），在添加规划中选定",
                    )
                if name in sites:
                    s = sites[name]
                    s.kind = kind
                    st.caption(t("ap_site", lang, lat=f"{s.lat:.5f}", lon=f"{s.lon:.5f}"))
            with c2:
                st.caption(t("ap_click_map", lang))
                out = _pick_map(name, district, districts, parks, sites.get(name))
                click = (out or {}).get("last_clicked")
                if click and (name not in sites or (sites[name].lat, sites[name].lon) != (click["lat"], click["lng"])):
                    if st.session_state.get(f"{S}click_{name}") != click:
                        st.session_state[f"{S}click_{name}"] = click
                        sites[name] = ap.ParkSite(lat=float(click["lat"]), lon=float(click["lng"]),
                                                  geometry_quality="approximate", kind=kind,
                                                  location_note="picked on the map in 添加规划 by the reviewer",
                                                  location_note_zh="审核人在添加规划中于地图上选取")
                        st.rerun()
    return sites


def _step_save(lang: str, text: str, meta: ap.PlanMeta, review: pd.DataFrame, sites: dict) -> None:
    st.subheader(t("ap_step_save", lang))
    data_dir = _data_dir()
    versions = _versions_at_load(data_dir)
    c1, c2, c3 = st.columns([1, 1, 2])
    if c1.button(t("ap_validate", lang), type="secondary", key=f"{S}validate"):
        try:
            upd = ap.build_update(data_dir, meta, text, review, sites)
            st.session_state[f"{S}update"] = upd
            st.session_state[f"{S}problems"] = ap.validate_update(data_dir, upd)
        except DataValidationError as exc:
            st.session_state.pop(f"{S}update", None)
            st.session_state[f"{S}problems"] = exc.problems
    problems = st.session_state.get(f"{S}problems")
    upd: ap.Update | None = st.session_state.get(f"{S}update")
    if problems:
        st.error(t("ap_problems", lang, n=len(problems)))
        st.code("\n".join(i18n.problem(p, lang) for p in problems[:100]), language=None)
    elif upd is not None:
        st.success(t("ap_valid", lang, plan_id=upd.plan_id, n=len(upd.cluster_ids), parks=len(upd.new_park_ids)))
    can_save = upd is not None and not problems
    if c2.button(t("ap_save", lang), type="primary", disabled=not can_save, key=f"{S}save"):
        try:
            _store().apply(ChangeSet.from_update(upd), versions)
        except SaveInterruptedError as exc:  # committed; the next read completes it — keep the draft anyway
            st.error(t("ap_interrupted", lang, why=md_text(exc.strerror or exc)))
            return
        except OSError as exc:  # full disk, read-only folder …: nothing was written (the transaction saw to it)
            st.error(t("ap_disk_error", lang, why=md_text(exc.strerror or exc)))
            return
        except WriteConflictError as exc:
            st.error(t("ap_conflict", lang) + (" (" if lang == "en" else "（") + md_text(localise(exc, lang))
                     + (")" if lang == "en" else "）"))
            c3.button(t("ap_reload", lang), on_click=_reload, key=f"{S}reload")
            return
        except DataValidationError as exc:
            st.error(t("ap_problems", lang, n=len(exc.problems)))
            st.code("\n".join(i18n.problem(p, lang) for p in exc.problems[:100]), language=None)
            return
        st.cache_data.clear()
        st.cache_resource.clear()
        st.session_state[f"{S}saved"] = upd.plan_id
        st.session_state[f"{S}versions"] = _store().version()
        st.session_state.pop(f"{S}update", None)
    saved = st.session_state.get(f"{S}saved")
    if saved:
        st.success(t("ap_saved", lang, plan_id=saved))
        try:
            st.page_link("app_pages/map.py", label=t("page_map", lang), icon=":material/map:")
        except Exception:  # the page runs outside the app's navigation (tests): no link then
            pass


def main() -> None:
    """Draw the page."""
    lang = page_lang()
    data_dir = _data_dir()
    st.markdown(f"#### {t('page_add_plan', lang)}")
    st.caption(t("ap_intro", lang))
    done = recover(data_dir)  # a save interrupted by a crash is finished or undone before anything is read
    if done:
        st.info(t("ap_recovered", lang, what=md_text(localise(done.message(), lang))))
    _versions_at_load(data_dir)
    try:
        districts = _districts(str(data_dir), file_version(data_dir / settings.DISTRICTS_FILE))
        industries = _industries(str(data_dir), file_version(data_dir / settings.INDUSTRIES_FILE))
    except DataValidationError as exc:
        st.error(t("data_error", lang))
        st.code("\n".join(i18n.problem(p, lang) for p in exc.problems[:100]), language=None)
        st.stop()
    text = _step_text(lang)
    meta = _step_meta(lang, text, list(districts["district"]))
    ready = bool(text.strip()) and bool(meta.district)
    if st.button(t("ap_draft", lang), type="primary", disabled=not ready, key=f"{S}draft_btn"):
        _draft(text, meta, lang)
    if not ready:
        st.caption(t("ap_need_text", lang))
    review = _step_review(lang, industries)
    if review is None:
        return
    if st.session_state.get(f"{S}text_drafted") != text:
        st.warning(t("ap_text_changed", lang))
    sites = _step_parks(lang, review, meta.district)
    _step_save(lang, st.session_state.get(f"{S}text_drafted", text), meta, review, sites)


main()
