"""园区位置校正 page: move a park's point, draw its boundary or upload a boundary file; preview, check, save."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit_folium import st_folium

from app_pages import data as store
from app_pages import map_widget
from app_pages.lang import page_lang
from geo import settings, sites
from geo.errors import DataValidationError, WriteConflictError
from geo.messages import localise
from geo.store import ChangeSet
from geo.uncertainty import site_uncertainty
from layers import i18n, site_edit
from layers.escape import md_text
from layers.i18n import t

map_widget.prepare()

#: Coordinate systems offered for an upload (``""``: as the file says; ``other``: an EPSG code typed in).
CRS_OPTIONS = ("", "WGS84", "CGCS2000", "EPSG:4544", "EPSG:4545", "EPSG:4546", "GCJ-02", "BD-09", "other")
CRS_HELP = {
    "EPSG:4544": "CGCS2000 3° Gauss–Krüger 105°E", "EPSG:4545": "CGCS2000 3° Gauss–Krüger 108°E",
    "EPSG:4546": "CGCS2000 3° Gauss–Krüger 111°E", "CGCS2000": "CGCS2000 (EPSG:4490)", "WGS84": "WGS84 (EPSG:4326)",
    "GCJ-02": "GCJ-02 (高德/腾讯)", "BD-09": "BD-09 (百度)",
}
MAP_HEIGHT = 560


def _secrets() -> dict:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets.toml: that is fine
        return {}


#: A geometry's type in Chinese.
GEOM_ZH = {"Point": "点", "Polygon": "面", "MultiPolygon": "多面"}


def _describe(geom, area: float | None = None, lang: str = "en") -> str:
    kind = GEOM_ZH.get(geom.geom_type, geom.geom_type) if lang == "zh" else geom.geom_type
    if geom.geom_type == "Point":
        return f"{kind} {geom.x:.5f}, {geom.y:.5f}"
    c = geom.representative_point()
    size = (f"，{area:.3g} 平方公里" if lang == "zh" else f", {area:.3g} km²") if area else ""
    return f"{kind}{size} · {c.x:.5f}, {c.y:.5f}"


def _problems(exc: DataValidationError, lang: str) -> str:
    """The problems of a refusal as a Markdown list in ``lang`` (escaped: they quote file names and data)."""
    return "\n".join(f"- {_md(i18n.problem(p, lang))}" for p in exc.problems)


def _set_preview(park_id: str, geom, quality: str, source: str, file: str, notes: tuple = ()) -> None:
    st.session_state[f"_site_preview_{park_id}"] = dict(geom=geom, quality=quality, source=source, file=file,
                                                        notes=tuple(notes))
    st.session_state[f"_site_source_{park_id}"] = source


def _current(props: dict, geom, lang: str) -> None:
    st.markdown(f"**{t('sites_current', lang)}**")
    lines = [i18n.quality(str(props.get("geometry_quality", "")), lang), _describe(geom, lang=lang)]
    u = site_uncertainty(props, geom)
    if u.ring and u.radius_m:
        lines.append(t("site_uncertain", lang, km=f"{u.radius_m / 1000:.3g}", basis=t(f"unc_basis_{u.basis}", lang)))
    src = " · ".join(str(props.get(k, "") or "") for k in ("geometry_source", "geometry_editor", "geometry_date")
                     if props.get(k))
    if src:
        lines.append(f"{t('site_provenance', lang)}: {src}")
    st.caption("  \n".join(_md(x) for x in lines))


def _md(text: str) -> str:
    """Plain text made safe for ``st.markdown`` (:func:`layers.escape.md_text`)."""
    return md_text(text)


def _upload(park_id: str, props: dict, lang: str) -> None:
    up = st.file_uploader(t("sites_upload", lang, mb=settings.MAX_UPLOAD_MB), help=t("sites_upload_help", lang,
                          mb=settings.MAX_UPLOAD_MB), key=f"site_upload_{park_id}",
                          type=["geojson", "json", "kml", "kmz", "zip", "gpkg", "dxf"])
    choice = st.selectbox(
        t("sites_crs", lang), CRS_OPTIONS, key="site_crs",
        format_func=lambda c: t("sites_crs_file", lang) if c == "" else t("sites_crs_other", lang) if c == "other"
        else f"{c} · {CRS_HELP[c]}" if c in CRS_HELP and c.startswith("EPSG") else CRS_HELP.get(c, c),
    )
    crs = st.text_input("EPSG", key="site_crs_other", placeholder="EPSG:4545") if choice == "other" else choice
    if st.button(t("sites_read", lang), disabled=up is None, key=f"site_read_{park_id}"):
        try:
            b = sites.read_boundary(up.name, data=up.getvalue(), crs=crs or None, park=props)
        except DataValidationError as exc:
            st.error(t("sites_refused", lang) + "\n" + _problems(exc, lang))
            return
        _set_preview(park_id, b.geometry, "surveyed", f"{b.file} ({b.format}, {b.crs})", b.file, b.notes)
        st.rerun()


def _preview(ds, park_id: str, props: dict, lang: str) -> None:
    pv = st.session_state.get(f"_site_preview_{park_id}")
    st.markdown(f"**{t('sites_preview', lang)}**")
    if not pv:
        st.caption(t("sites_none", lang))
        return
    try:
        chk = sites.check_site(pv["geom"], props, ds.districts, pv["file"])
        ok = True
    except DataValidationError as exc:
        chk, ok = None, False
        st.error(t("sites_refused", lang) + "\n" + _problems(exc, lang))
    st.caption(_md(f"{i18n.quality(pv['quality'], lang)} · "
                   f"{_describe(pv['geom'], chk.area_km2 if chk else None, lang)}"))
    if chk is not None:
        area = f" · {chk.area_km2:.3g} km²" if chk.area_km2 else ""
        st.success(t("sites_check_ok", lang, district=props.get("district", ""), area=area))
        for note in (*pv["notes"], *chk.notes):
            st.caption(_md(localise(note, lang)))
    editor = st.text_input(t("sites_editor", lang), key="site_editor")
    source = st.text_input(t("sites_source", lang), key=f"_site_source_{park_id}")
    c1, c2 = st.columns(2)
    save = c1.button(t("sites_save", lang), type="primary", disabled=not ok, key=f"site_save_{park_id}")
    if c2.button(t("sites_discard", lang), key=f"site_discard_{park_id}"):
        st.session_state.pop(f"_site_preview_{park_id}", None)
        st.rerun()
    if not save:
        return
    if not str(editor or "").strip():
        st.error(t("sites_need_editor", lang))
        return
    try:
        files, change = sites.site_change(ds.data_dir, park_id, pv["geom"], pv["quality"], source or pv["source"],
                                          editor, file=pv["file"])
        store.source().apply(ChangeSet(files=files, summary=f"site corrected: {change.summary()}"),
                             st.session_state[f"_site_versions_{park_id}"], author=str(editor).strip())
    except OSError as exc:  # full disk, read-only folder …: nothing was written (the transaction saw to it)
        st.error(t("ap_disk_error", lang, why=_md(exc.strerror or exc)))
        return
    except WriteConflictError:
        st.error(t("sites_conflict", lang))
        if st.button(t("sites_reload", lang), key=f"site_reload_{park_id}"):
            st.session_state.pop(f"_site_versions_{park_id}", None)
            st.rerun()
        return
    except DataValidationError as exc:
        st.error(t("sites_refused", lang) + "\n" + _problems(exc, lang))
        return
    st.session_state.pop(f"_site_preview_{park_id}", None)
    st.session_state.pop(f"_site_versions_{park_id}", None)
    summary = change.summary(lambda q: i18n.quality(q, lang)).text(lang)
    st.session_state["_site_saved"] = t("sites_saved", lang, summary=summary)
    st.rerun()


def _history(ds, park_id: str, lang: str) -> None:
    st.markdown(f"**{t('sites_history', lang)}**")
    hist = sites.read_history(ds.data_dir, park_id)
    if hist.empty:
        st.caption(t("sites_no_history", lang))
        return
    table = pd.DataFrame({
        "replaced_at": hist["replaced_at"],
        "replaced_by": hist["replaced_by"],
        "from": hist["geometry_quality"].map(lambda q: i18n.quality(str(q), lang)),
        "to": hist["new_quality"].map(lambda q: i18n.quality(str(q), lang)),
        "new_source": hist["new_source"],
        "previous_site": hist["geometry"].map(lambda g: _describe(g, lang=lang) if g is not None else ""),
        "previous_source": hist["geometry_source"],
    })
    st.dataframe(table, hide_index=True, width="stretch", key=f"site_history_{park_id}")


def main() -> None:
    """Draw the page."""
    lang = page_lang()
    try:
        ds, _fp = store.current()
    except DataValidationError as exc:
        st.error(t("data_error", lang))
        st.code("\n".join(i18n.problem(p, lang) for p in exc.problems[:100]), language=None)
        st.stop()
    parks = ds.parks
    ids = [str(x) for x in parks["park_id"]]
    if st.session_state.get("site_park") not in ids:
        q = str(st.query_params.get("park", ""))
        st.session_state["site_park"] = q if q in ids else ids[0]
    labels = {str(r["park_id"]): f"{i18n.park_name(r, lang)} · {r['district']} · {r['park_id']}" for _, r in parks.iterrows()}
    st.markdown(f"#### {t('page_sites', lang)}")
    st.caption(_md(t("sites_intro", lang)))
    if "_site_saved" in st.session_state:
        st.success(_md(st.session_state.pop("_site_saved")))
    c1, c2 = st.columns([3, 1])
    park_id = c1.selectbox(t("sites_park", lang), ids, key="site_park", format_func=lambda p: labels.get(p, p))
    basemap = c2.selectbox(t("basemap", lang), list(settings.BASEMAPS), key="site_basemap",
                           index=list(settings.BASEMAPS).index(settings.DEFAULT_BASEMAP)
                           if settings.DEFAULT_BASEMAP in settings.BASEMAPS else 0,
                           format_func=lambda b: t(f"basemap_{b}", lang))
    if st.query_params.get("park") != park_id:
        st.query_params["park"] = park_id
    vkey = f"_site_versions_{park_id}"
    if vkey not in st.session_state:  # what this park's save is checked against (someone else's save → conflict)
        st.session_state[vkey] = store.source().version()
    row = parks.loc[parks["park_id"] == park_id].iloc[0]
    props = {k: v for k, v in row.items() if k != "geometry"}
    geom = row.geometry
    own = ds.districts[ds.districts["district"] == row["district"]]
    pv = st.session_state.get(f"_site_preview_{park_id}")

    col_map, col_side = st.columns([2.2, 1], gap="medium")
    with col_map:
        m, datum = site_edit.edit_map(props, geom, own.geometry.iloc[0] if len(own) else None, basemap,
                                      preview=pv["geom"] if pv else None, secrets=_secrets(), height=MAP_HEIGHT)
        out = st_folium(m, key=f"site_map_{park_id}", height=MAP_HEIGHT, use_container_width=True,
                        returned_objects=["last_active_drawing", "all_drawings"])
        drawn, kind = site_edit.drawn_geometry(out, st.session_state.setdefault(f"_site_seen_{park_id}", {}))
        if drawn is not None:
            try:
                g = sites.geometry_from_geojson(drawn, datum)
            except DataValidationError as exc:
                st.error(_problems(exc, lang))
            else:
                if kind == "moved":
                    g = site_edit.translate_to(geom, g)
                bm = t(f"basemap_{basemap}", lang)
                _set_preview(park_id, g, kind, t(f"sites_src_{kind}", lang, basemap=bm), settings.PARKS_FILE)
                st.rerun()
        try:
            st.page_link("app_pages/map.py", label=t("sites_view_map", lang), icon=":material/map:",
                         query_params={"park": park_id})
        except StreamlitAPIException:  # the page run on its own (tests), without the app's navigation
            pass
    with col_side:
        _current(props, geom, lang)
        st.divider()
        _preview(ds, park_id, props, lang)
        st.divider()
        _upload(park_id, props, lang)
    _history(ds, park_id, lang)


main()
