"""Table exports of the current view: XLSX (parks, clusters, overlaps, 2+4 rule), CSV (clusters) and GeoJSON (parks), as bytes."""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Callable
from datetime import date

import pandas as pd

from .load import Dataset
from .settings import CRS_PROJECTED, CRS_WGS84, LIST_SEP
from .view import View, apply_view, compared_plans_note, plan_ids_for

#: Columns of the parks table, in order (summary columns from :func:`geo.summary.summarise_parks`).
PARK_COLUMNS = [
    "park_id", "name_zh", "name_en", "district", "kind", "tier", "dominant_sector", "dominant_chain",
    "sectors", "n_industries", "target_scale_yi", "scale_year", "scale_basis", "scale_plan_id",
    "area_km2", "geometry_quality", "uncertainty_m", "geometry_source", "geometry_editor", "geometry_date",
    "parent_id", "plan_ids", "lon", "lat", "location_note", "location_note_zh", "quote",
]

#: Columns of the clusters table (clusters.csv's own columns).
CLUSTER_COLUMNS = [
    "cluster_id", "plan_id", "district", "park_ids", "name_as_written", "sector", "chain", "role", "role_basis",
    "target_value_yi", "target_year", "year_basis", "baseline_value_yi", "baseline_year", "quote",
]

_SHEET_NOTE_DOMAINS = (
    "overlaps 表只比较制造业产业（物流、生产性服务业、旅游、农业、能源供应不计）；rule 表为各规划声明的产业体系对照市级"
    "“2主导+4特色”规则。/ The overlaps sheet compares manufacturing industries only; the rule sheet states each plan's "
    "declared system against the municipal 2 lead + 4 specialty rule."
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _join(v) -> object:
    """Lists and tuples as ``;``-joined text; other values unchanged."""
    if isinstance(v, (list, tuple)):
        return LIST_SEP.join(_join_item(x) for x in v)
    return v


def _join_item(x) -> str:
    if isinstance(x, (list, tuple)):  # (park a, park b, km) links
        parts = [f"{p:.1f} km" if isinstance(p, float) else str(p) for p in x]
        return "–".join(parts[:-1]) + (f" {parts[-1]}" if len(parts) > 1 else parts[0])
    return str(x)


def safe_cell(v: object) -> object:
    """Text a spreadsheet would run as a formula made inert, by OWASP's rule: a ``'`` before text starting
    (also after leading spaces) with ``=``, ``+``, ``-``, ``@``, tab or carriage return.

    Text already starting with ``'`` gets one more, so :func:`restore_text` gives back the original exactly.
    C0 control characters other than tab, line feed and carriage return are dropped (spreadsheets refuse
    them). Numbers and other non-text values are returned unchanged.
    """
    if not isinstance(v, str):
        return v
    v = _CONTROL.sub("", v)  # the validator refuses them; never let one reach a spreadsheet
    if v.lstrip(" ").startswith(_FORMULA_START) or v.startswith("'"):
        return "'" + v
    return v


def restore_text(v: str) -> str:
    """The original of a cell written by :func:`safe_cell` (drops one leading ``'``)."""
    return v[1:] if v.startswith("'") else v


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a table through :func:`safe_cell` (for any CSV/XLSX the project writes)."""
    return df.map(safe_cell)


_safe_text = safe_cell


def _nan_to_none(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    return v


def _int_or_none(s: pd.Series) -> pd.Series:
    """Whole numbers as Python ints (object dtype), blanks as None — no ``2025.0`` in outputs."""
    return pd.Series([None if pd.isna(v) else int(v) for v in s], index=s.index, dtype=object)


def _jsonable(v):
    """A JSON-ready scalar: NaN/NA → None, numpy numbers → Python numbers."""
    v = _nan_to_none(v)
    if hasattr(v, "item"):
        v = v.item()
    return v


def _park_points(parks) -> tuple[list[float], list[float]]:
    """Longitude/latitude (WGS84) of each park's representative point (inside polygons)."""
    if len(parks) == 0:
        return [], []
    pts = parks.geometry.to_crs(CRS_PROJECTED).representative_point().to_crs(CRS_WGS84)
    return [round(p.x, 6) for p in pts], [round(p.y, 6) for p in pts]


def parks_table(ds: Dataset, view: View) -> pd.DataFrame:
    """Parks of the view with their summary columns, one row per park, lists ``;``-joined.

    Parameters
    ----------
    ds : Dataset
    view : View

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PARK_COLUMNS`.
    """
    parks = apply_view(ds, view)
    lon, lat = _park_points(parks)
    out = pd.DataFrame(parks.drop(columns="geometry"))
    out["lon"], out["lat"] = lon, lat
    for c in PARK_COLUMNS:
        if c not in out.columns:
            out[c] = ""
    out = out[PARK_COLUMNS].copy()
    out["sectors"] = out["sectors"].map(lambda v: _join(v) if isinstance(v, (list, tuple)) else (v or ""))
    out["scale_year"] = _int_or_none(out["scale_year"])
    return out.reset_index(drop=True)


def clusters_table(ds: Dataset, view: View) -> pd.DataFrame:
    """Cluster rows of the view.

    Rows of the view's plans (vintage) in its districts; with a sector filter only those sectors.
    With park-level filters (tier, minimum scale, search) only rows naming a shown park are kept;
    without them, district-wide rows (no park named) are kept too.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CLUSTER_COLUMNS`.
    """
    plan_ids = plan_ids_for(ds, view)
    cl = ds.clusters[ds.clusters["plan_id"].isin(plan_ids)].copy()
    if view.districts:
        cl = cl[cl["district"].isin(view.districts)]
    if view.sectors:
        cl = cl[cl["sector"].isin(view.sectors)]
    park_filter = bool(view.tiers or view.min_scale_yi > 0 or view.search.strip())
    shown = set(apply_view(ds, view)["park_id"])
    names_shown = cl["park_id_list"].map(lambda ps: bool(set(ps) & shown))
    if park_filter:
        cl = cl[names_shown]
    else:
        cl = cl[names_shown | (cl["park_id_list"].map(len) == 0)]
    out = pd.DataFrame(cl)[CLUSTER_COLUMNS].copy()
    for c in ("target_year", "baseline_year"):
        out[c] = _int_or_none(out[c])
    return out.reset_index(drop=True)


def overlaps_table(ds: Dataset, view: View) -> pd.DataFrame:
    """Overlaps touching the view's districts and sectors, as :func:`geo.overlap.flat_table` shows them.

    Uses the view's vintage for every district (overlaps need the other districts' plans too).
    """
    from .overlap import find_overlaps, flat_table
    plan_ids = plan_ids_for(ds, view.with_(districts=()))
    ov = find_overlaps(ds, plan_ids=plan_ids, lang=view.lang)
    if view.districts:
        wanted = set(view.districts)
        ov = ov[ov["districts"].map(lambda names: bool(wanted & set(names or ())))]
    if view.sectors:
        ov = ov[ov["sector"].isin(view.sectors)]
    return flat_table(ov).map(_join).reset_index(drop=True)


#: Columns of the XLSX ``rule`` sheet (one row per plan of the view: its declared system against the 2+4 rule).
RULE_SHEET_COLUMNS = [
    "district", "plan_id", "system", "n_lead", "max_lead", "n_specialty", "max_specialty", "over",
    "statement_zh", "statement_en", "lead_industries", "specialty_industries", "system_quote",
]


def rule_table(ds: Dataset, view: View) -> pd.DataFrame:
    """Each plan of the view's districts (and vintage): its declared system and its count against the
    municipal 2+4 rule (:func:`geo.overlap.district_rule_counts`)."""
    from .overlap import district_rule_counts

    rule = district_rule_counts(ds, plan_ids_for(ds, view))
    return rule[RULE_SHEET_COLUMNS].astype(object).reset_index(drop=True)


def _about(ds: Dataset, view: View, export_date: date | None, notes: list[str]) -> pd.DataFrame:
    plans = ds.plans[ds.plans["plan_id"].isin(plan_ids_for(ds, view))]
    rows = [
        ("导出日期 / exported", (export_date or date.today()).isoformat()),
        ("视图 / view (URL query)", "&".join(f"{k}={v}" for k, v in view.to_query().items()) or "(default)"),
    ]
    for _, p in plans.iterrows():
        ref = "，".join(x for x in (str(p.get("doc_number", "") or ""), str(p.get("issued", ""))) if x)
        rows.append(("规划 / plan " + str(p["plan_id"]), f"《{p['title']}》（{ref}）"))
    rows += [("说明 / note", n) for n in notes]
    return pd.DataFrame(rows, columns=["item", "value"])


def to_xlsx(
    ds: Dataset,
    view: View,
    export_date: date | None = None,
    header: Callable[[str, str], str] | None = None,
    label: Callable[[str, pd.DataFrame, str], pd.DataFrame] | None = None,
) -> bytes:
    """Excel workbook with sheets ``parks``, ``clusters``, ``overlaps``, ``rule`` and ``about``.

    Parameters
    ----------
    ds : Dataset
    view : View
    export_date : datetime.date, optional
    header : callable, optional
        ``header(field, lang)`` → the column header people read (default: the field name).
    label : callable, optional
        ``label(sheet, frame, lang)`` → the sheet with coded cells and headers as words (default: unchanged);
        :func:`layers.workbook.to_xlsx` passes the project's labels. The ``about`` sheet then lists each
        header's field name (the CSV/GeoJSON column).

    Returns
    -------
    bytes
    """
    header = header or (lambda field, lang: field)
    label = label or (lambda name, df, lang: df)
    notes: list[str] = []
    sheets: dict[str, pd.DataFrame] = {
        "parks": parks_table(ds, view),
        "clusters": clusters_table(ds, view),
    }
    sheets["overlaps"] = overlaps_table(ds, view)
    compared = plan_ids_for(ds, view.with_(districts=()))
    notes.append(
        "overlaps 表 / sheet — " + compared_plans_note(ds, compared, view.vintage, "zh")
        + " / " + compared_plans_note(ds, compared, view.vintage, "en")
    )
    sheets["rule"] = rule_table(ds, view)
    notes.append(_SHEET_NOTE_DOMAINS)
    fields = [
        (f"字段 / field: {name} · {header(c, view.lang)}", c)
        for name, df in sheets.items()
        for c in df.columns
        if header(c, view.lang) != c
    ]
    sheets = {name: label(name, df, view.lang) for name, df in sheets.items()}
    about = _about(ds, view, export_date, notes)
    about = pd.concat([about, pd.DataFrame(fields, columns=["item", "value"])], ignore_index=True)
    sheets["about"] = label("about", about, view.lang)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in sheets.items():
            clean = df.map(lambda v: _safe_text(_nan_to_none(v)))
            clean.to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            ws.freeze_panes = "A2"
            for i, col in enumerate(clean.columns, start=1):
                longest = max([len(str(col))] + [len(str(v)) for v in clean[col].head(200) if v is not None])
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(60, max(8, longest + 2))
    return buf.getvalue()


def to_csv(ds: Dataset, view: View) -> bytes:
    """The view's cluster rows as CSV (UTF-8 with BOM, so Excel opens the Chinese text correctly)."""
    df = clusters_table(ds, view).map(lambda v: _safe_text(_nan_to_none(v)))
    return df.to_csv(index=False, float_format="%.10g").encode("utf-8-sig")


def to_geojson(ds: Dataset, view: View) -> bytes:
    """The view's parks (WGS84) with their summary columns as a GeoJSON FeatureCollection."""
    parks = apply_view(ds, view)
    table = parks_table(ds, view)
    feats = []
    for (_, row), geom in zip(table.iterrows(), parks.geometry, strict=True):
        props = {k: _jsonable(v) for k, v in row.items() if k not in ("lon", "lat")}
        feats.append({"type": "Feature", "properties": props, "geometry": geom.__geo_interface__ if geom else None})
    doc = {"type": "FeatureCollection", "features": feats}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
