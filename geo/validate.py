"""Validation of the dataset: schema, values, geometry, references and verbatim quotes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import PurePath, PureWindowsPath

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import schema
from .errors import Problem
from .evidence import quote_positions
from .io import cn_number, parse_number
from .messages import Message, msg
from .settings import (
    CHONGQING_BBOX,
    DOMAINS,
    GEOMETRY_QUALITIES,
    LIST_SEP,
    MAX_TARGET_YI,
    PARK_KINDS,
    ROLE_CUES,
    ROLES,
    YEAR_RANGE,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?=亿)")


_OTHER_SEPS = re.compile(r"[；，,、]")
#: C0 control characters no cell may hold (tab, line feed and carriage return are allowed).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _blank_word(text: str) -> bool:
    """Text a reader takes for "no value" (``NaN``, ``None``, ``null``)."""
    try:
        return parse_number(text) is None
    except ValueError:
        return False


def check_control_chars(
    df: pd.DataFrame, file: str, id_col: str, name_col: str | None = None, row_offset: int = 2
) -> list[Problem]:
    """Cells holding control characters (NUL, vertical tab, form feed …): invisible, and refused by spreadsheets.

    Parameters
    ----------
    df : pandas.DataFrame
        Table with text cells (GeoJSON properties: ``row_offset=1``).
    file : str
    id_col, name_col : str
        Columns identifying a record in messages.
    row_offset : int
        Added to the 0-based position to give the row number people see.

    Returns
    -------
    list of Problem
    """
    out: list[Problem] = []
    cols = [c for c in df.columns if c != "geometry" and not pd.api.types.is_numeric_dtype(df[c])]
    for c in cols:
        hits = df[c].map(lambda v: isinstance(v, str) and CONTROL_CHARS.search(v) is not None)
        for pos in [i for i, h in enumerate(hits) if h]:
            v = df[c].iloc[pos]
            ch = CONTROL_CHARS.search(v).group()
            out.append(Problem(file, msg("contains the control character U+{code:04X} at position {pos}; remove it",
                                         code=ord(ch), pos=v.index(ch) + 1), pos + row_offset, str(c),
                               _record(df.iloc[pos], id_col, name_col)))
    return out


def _sep_hint(cell: str) -> Message | str:
    """A hint when a list cell uses a separator other than ``;``."""
    return msg("; separate several ids with ';'") if _OTHER_SEPS.search(cell) else ""


def split_list(value: object) -> list[str]:
    """Split a ``;``-joined cell into stripped, non-empty items."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    return [v.strip() for v in str(value).split(LIST_SEP) if v.strip()]


def _rows(df: pd.DataFrame) -> list[dict]:
    """The rows of a table as plain dicts (column → value): iterating them is linear and cheap.

    Built column by column (``Series.tolist``), several times faster than ``iterrows`` or
    ``to_dict("records")`` on pandas' string columns.
    """
    cols = list(df.columns)
    return [dict(zip(cols, vals, strict=True)) for vals in zip(*(df[c].tolist() for c in cols), strict=True)]


def _record(row: dict, id_col: str, name_col: str | None = None) -> str | None:
    rid = str(row.get(id_col, "") or "").strip()
    name = str(row.get(name_col, "") or "").strip() if name_col else ""
    out = " ".join(x for x in (rid, name) if x)
    return out or None


def check_columns(df: pd.DataFrame, columns: Iterable[schema.Column], file: str) -> list[Problem]:
    """Report required columns missing from a table."""
    have = set(df.columns)
    missing = [c.name for c in columns if c.name not in have and not c.may_be_absent]
    required = [c.name for c in columns if not c.may_be_absent]
    if len(missing) == len(required) > 1:
        found = [str(c) for c in list(df.columns)[:8]] or msg("none")
        return [
            Problem(
                file,
                msg("none of the expected columns ({expected} …) is there; the header row has: {found}. "
                    "Is it the right file, saved as CSV (comma-separated) with the header in the first row?",
                    expected=required[:4], found=found),
            )
        ]
    return [Problem(file, msg("required column is missing"), field=name) for name in missing]


def check_cells(
    df: pd.DataFrame,
    columns: Iterable[schema.Column],
    file: str,
    id_col: str,
    name_col: str | None = None,
    row_offset: int = 1,
    unique: bool = True,
) -> list[Problem]:
    """Check required cells, numbers, years, dates, slugs and duplicate ids.

    Parameters
    ----------
    df : pandas.DataFrame
        Table with text cells.
    columns : iterable of Column
        The table's spec.
    file : str
        File name for messages.
    id_col, name_col : str
        Columns identifying a record in messages.
    row_offset : int
        Added to the 0-based position to give the row number people see.
    unique : bool
        Report duplicate values of ``id_col``.

    Returns
    -------
    list of Problem
    """
    out: list[Problem] = []
    cols = [c for c in columns if c.name in df.columns]
    for pos, row in enumerate(_rows(df)):
        rownum = pos + row_offset
        rec = _record(row, id_col, name_col)
        for c in cols:
            raw = row[c.name]
            text = "" if raw is None or (isinstance(raw, float) and raw != raw) else str(raw).strip()
            if not text:
                if c.required:
                    out.append(Problem(file, msg("is empty"), rownum, c.name, rec))
                continue
            if c.kind == "number":
                try:
                    v = parse_number(text)
                except ValueError:
                    out.append(Problem(file, msg("'{text}' is not a number", text=text), rownum, c.name, rec))
                    continue
                if v is not None and (v < 0 or v > MAX_TARGET_YI):
                    out.append(Problem(file, msg("{text} is out of range (0–{max:g})", text=text, max=MAX_TARGET_YI), rownum,
                                       c.name, rec))
            elif c.kind == "year":
                try:
                    v = parse_number(text)
                except ValueError:
                    v = None
                if v is None or v != int(v) or not (YEAR_RANGE[0] <= v <= YEAR_RANGE[1]):
                    out.append(
                        Problem(file, msg("'{text}' is not a year in {first}–{last}", text=text, first=YEAR_RANGE[0],
                                    last=YEAR_RANGE[1]), rownum, c.name, rec)
                    )
            elif c.kind == "date":
                try:
                    d = date.fromisoformat(text)
                    if not (YEAR_RANGE[0] <= d.year <= YEAR_RANGE[1]):
                        raise ValueError
                except ValueError:
                    out.append(Problem(file, msg("'{text}' is not a date YYYY-MM-DD", text=text), rownum, c.name, rec))
            elif c.kind == "slug":
                if not SLUG.match(text):
                    out.append(
                        Problem(file, msg("'{text}' must be lower-case ASCII letters, digits and '-'", text=text), rownum,
                                c.name, rec)
                    )
            elif c.kind == "color":
                if not COLOR.match(text):
                    out.append(Problem(file, msg("'{text}' is not a colour like #1f77b4", text=text), rownum, c.name, rec))
    if unique and id_col in df.columns:
        ids = df[id_col].astype(str).str.strip()
        first: dict[str, int] = {}
        for pos, v in enumerate(ids):
            if not v:
                continue
            if v in first:
                rec = _record(df.iloc[pos], id_col, name_col)
                out.append(Problem(file, msg("duplicate id '{id}' (first used in row {first})", id=v, first=first[v]),
                                   pos + row_offset, id_col, rec))
            else:
                first[v] = pos + row_offset
    return out


def check_plans(plans: pd.DataFrame, texts: dict[str, str | None], districts: set[str]) -> list[Problem]:
    """Check plans.csv values and that each plan's text file exists."""
    f = "plans.csv"
    out = check_cells(plans, schema.PLANS, f, "plan_id", "title", row_offset=2)
    for pos, row in enumerate(_rows(plans)):
        rec = _record(row, "plan_id", "title")
        if row.get("district") and districts and row["district"] not in districts:
            out.append(Problem(f, msg("unknown district '{district}'", district=row["district"]), pos + 2, "district", rec))
        pid, rel = row.get("plan_id", ""), str(row.get("text_file", "") or "")
        if rel and (PurePath(rel).is_absolute() or PureWindowsPath(rel).is_absolute() or ".." in PurePath(rel).parts):
            out.append(Problem(f, msg("text file '{path}' must be inside the data folder, like plans/<plan_id>.txt", path=rel),
                               pos + 2, "text_file", rec))
        elif pid and rel and texts.get(pid) is None:
            out.append(Problem(f, msg("text file '{path}' not found or unreadable", path=rel), pos + 2, "text_file", rec))
        system, sq = str(row.get("system", "") or "").strip(), str(row.get("system_quote", "") or "").strip()
        if system and not sq:
            out.append(Problem(f, msg("the declared system '{system}' needs the plan's words stating it", system=system), pos + 2,
                               "system_quote", rec))
        if sq and not system:
            out.append(Problem(f, msg("a system quote without the system label it states"), pos + 2, "system", rec))
        if sq and system and system not in sq:
            out.append(Problem(f, msg("the system quote does not contain the label '{system}'", system=system), pos + 2,
                               "system_quote", rec))
        if sq and pid and texts.get(pid) is not None and sq not in (texts.get(pid) or ""):
            out.append(Problem(f, msg("system quote is not found verbatim in the plan text"), pos + 2, "system_quote", rec))
        issued, horizon = str(row.get("issued", "")), parse_or_none(row.get("horizon_year"))
        if issued[:4].isdigit() and horizon is not None and horizon < int(issued[:4]):
            out.append(Problem(f, msg("horizon year is before the issue date"), pos + 2, "horizon_year", rec))
    return out


def parse_or_none(value: object) -> float | None:
    """Parse a number, returning ``None`` for blank or invalid input."""
    try:
        return parse_number(value)
    except ValueError:
        return None


def quotes_found(texts: dict[str, str | None], wanted: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (plan_id, quote) pairs whose quote occurs verbatim in that plan's text, in one pass per text
    (:func:`geo.evidence.quote_positions`).

    Parameters
    ----------
    texts : dict
        Plan id → text (``None`` when unreadable).
    wanted : iterable of tuple
        ``(plan_id, quote)`` pairs to look up.

    Returns
    -------
    set of tuple
        The pairs found.
    """
    by_plan: dict[str, set[str]] = {}
    for pid, quote in wanted:
        if quote and texts.get(pid):
            by_plan.setdefault(pid, set()).add(quote)
    return {(pid, q) for pid, quotes in by_plan.items() for q in quote_positions(texts[pid], quotes)}


def _in_any(quote: str, plan_ids: list[str], found: set[tuple[str, str]]) -> bool:
    return any((p, quote) in found for p in plan_ids)


def check_parks(
    parks: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    texts: dict[str, str | None],
) -> list[Problem]:
    """Check park properties, geometries, locations and quotes."""
    f = "parks.geojson"
    out = check_cells(parks, schema.PARKS, f, "park_id", "name_zh", row_offset=1)
    dist_geoms: dict = {}
    if districts is not None and len(districts) and "district" in districts.columns:
        dist_geoms = dict(zip(districts["district"], districts.geometry, strict=False))
    xmin, ymin, xmax, ymax = CHONGQING_BBOX
    out += _check_park_links(parks, f)
    records = _rows(parks)
    found = quotes_found(texts, (
        (p, str(row.get(col, "") or "")) for row in records for p in split_list(row.get("plan_ids"))
        for col in ("quote", "area_quote")
    ))
    covers: dict = {}  # district → its outline, slightly buffered and prepared (built once per district)
    for pos, row in enumerate(records):
        n = pos + 1
        rec = _record(row, "park_id", "name_zh")
        zh, en = str(row.get("name_zh", "") or ""), str(row.get("name_en", "") or "")
        if zh and en and not _has_cjk(zh) and _has_cjk(en):
            out.append(Problem(f, msg("name_zh has no Chinese characters but name_en has: the two names look swapped"),
                               n, "name_zh", rec))
        d = str(row.get("district", "") or "")
        if d and dist_geoms and d not in dist_geoms:
            out.append(Problem(f, msg("unknown district '{district}'", district=d), n, "district", rec))
        kind = str(row.get("kind", "") or "")
        if kind and kind not in PARK_KINDS:
            out.append(Problem(f, msg("unknown kind '{kind}' (use one of {choices})", kind=kind, choices=PARK_KINDS), n,
                               "kind", rec))
        q = str(row.get("geometry_quality", "") or "")
        if q and q not in GEOMETRY_QUALITIES:
            out.append(Problem(f, msg("'{value}' must be one of {choices}", value=q, choices=GEOMETRY_QUALITIES), n,
                               "geometry_quality", rec))
        if q in ("digitised", "moved"):  # a planner's correction says who made it and when
            for col in ("geometry_editor", "geometry_date"):
                if not str(row.get(col, "") or "").strip():
                    out.append(Problem(f, msg("a '{quality}' site needs the editor of the correction", quality=q)
                                       if col == "geometry_editor" else
                                       msg("a '{quality}' site needs the date of the correction", quality=q), n, col, rec))
        pids = split_list(row.get("plan_ids"))
        for p in pids:
            if p not in texts:
                out.append(Problem(f, msg("unknown plan '{plan}'{hint}", plan=p, hint=_sep_hint(p)), n, "plan_ids", rec))
        quote = str(row.get("quote", "") or "")
        if quote and pids and all(p in texts for p in pids) and not _in_any(quote, pids, found):
            out.append(Problem(f, msg("quote is not found verbatim in the park's plan(s)"), n, "quote", rec))
        area, aq = parse_or_none(row.get("area_km2")), str(row.get("area_quote", "") or "")
        if area is not None and not aq:
            out.append(Problem(f, msg("an area needs the plan's words stating it"), n, "area_quote", rec))
        if aq and pids and all(p in texts for p in pids) and not _in_any(aq, pids, found):
            out.append(Problem(f, msg("area quote is not found verbatim in the park's plan(s)"), n, "area_quote", rec))
        geom = row.get("geometry")
        if geom is None or not hasattr(geom, "is_empty") or geom.is_empty:
            out.append(Problem(f, msg("geometry is missing or empty"), n, "geometry", rec))
            continue
        if not geom.is_valid:
            out.append(
                Problem(
                    f,
                    msg("geometry is invalid ({reason}); repair it with `python -m geo repair` (make_valid) and "
                        "review the result", reason=shapely.is_valid_reason(geom)),
                    n,
                    "geometry",
                    rec,
                )
            )
            continue
        if geom.geom_type not in ("Point", "Polygon", "MultiPolygon"):
            out.append(Problem(f, msg("geometry must be a Point or (Multi)Polygon, not {type}", type=geom.geom_type), n,
                               "geometry", rec))
            continue
        c = geom.representative_point()
        if not (xmin <= c.x <= xmax and ymin <= c.y <= ymax):
            swapped = xmin <= c.y <= xmax and ymin <= c.x <= ymax
            out.append(Problem(f, msg("coordinates ({x:.4f}, {y:.4f}) look like latitude/longitude swapped; GeoJSON is "
                                      "[lon, lat]", x=c.x, y=c.y) if swapped
                               else msg("coordinates ({x:.4f}, {y:.4f}) are outside Chongqing", x=c.x, y=c.y),
                               n, "geometry", rec))
            continue
        area = dist_geoms.get(d)
        if d not in covers:
            covers[d] = area.buffer(1e-6) if _usable_polygon(area) else None
            if covers[d] is not None:
                shapely.prepare(covers[d])
        if covers[d] is not None and not covers[d].covers(geom if geom.geom_type == "Point" else c):
            out.append(Problem(f, msg("location is outside its own district {district}", district=d), n, "geometry", rec))
    return out


NETWORK_ROLES = ("hub", "node")


def _value(v: object) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) else str(v).strip()


def _cell(row: pd.Series, col: str) -> str:
    return _value(row.get(col, ""))


def _check_park_links(parks: pd.DataFrame, f: str) -> list[Problem]:
    """Check parent_id and network/network_role: they name existing parks and form no loops."""
    out: list[Problem] = []
    if "park_id" not in parks.columns:
        return out
    ids = [str(v).strip() for v in parks["park_id"]]
    district = dict(zip(ids, (str(v) for v in parks.get("district", pd.Series([""] * len(ids)))), strict=False))
    parent = {}
    networks: dict[str, list[tuple[int, str, str]]] = {}
    link_cols = [c for c in ("parent_id", "network", "network_role") if c in parks.columns]
    linked = np.zeros(len(parks), dtype=bool)  # only rows that name a parent or a network are looked at
    for c in link_cols:
        linked |= np.fromiter((_value(v) != "" for v in parks[c]), dtype=bool, count=len(parks))
    for pos in np.flatnonzero(linked).tolist():
        row = parks.iloc[pos]
        n, rec, pid = pos + 1, _record(row, "park_id", "name_zh"), ids[pos]
        par = _cell(row, "parent_id")
        if par:
            if par == pid:
                out.append(Problem(f, msg("a park cannot be its own parent"), n, "parent_id", rec))
            elif par not in district:
                out.append(Problem(f, msg("unknown parent park '{parent}'", parent=par), n, "parent_id", rec))
            elif district[par] != district.get(pid):
                out.append(Problem(f, msg("parent park '{parent}' is in {parent_district}, not {district}", parent=par,
                                       parent_district=district[par], district=district.get(pid)), n, "parent_id", rec))
            else:
                parent[pid] = par
        net, role = _cell(row, "network"), _cell(row, "network_role")
        if role and role not in NETWORK_ROLES:
            out.append(Problem(f, msg("'{value}' must be one of {choices}", value=role, choices=NETWORK_ROLES), n,
                               "network_role", rec))
        if net and not role:
            out.append(Problem(f, msg("a park in a network needs its network_role (hub or node)"), n, "network_role", rec))
        if role and not net:
            out.append(Problem(f, msg("a network_role without the network it belongs to"), n, "network", rec))
        if net:
            networks.setdefault(net, []).append((n, rec or pid, role))
    for pid in parent:
        seen, cur = {pid}, parent[pid]
        while cur in parent:
            cur = parent[cur]
            if cur in seen:
                pos = ids.index(pid)
                out.append(Problem(f, msg("parent_id forms a loop through '{park}'", park=cur), pos + 1, "parent_id", pid))
                break
            seen.add(cur)
    for net, members in networks.items():
        n, rec, _ = members[0]
        if len(members) < 2:
            out.append(Problem(f, msg("network '{network}' has only this park: a network links two or more parks", network=net),
                               n, "network", rec))
        hubs = [m for m in members if m[2] == "hub"]
        if len(hubs) > 1:
            out.append(Problem(f, msg("network '{network}' has {n} hubs (rows {rows}); it can have one", network=net,
                                   n=len(hubs), rows=[h[0] for h in hubs]), hubs[1][0], "network_role", hubs[1][1]))
    return out


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def _usable_polygon(g: object) -> bool:
    """A district outline good enough to test a park against (bad ones are reported by check_districts)."""
    return (
        g is not None and hasattr(g, "geom_type") and g.geom_type in ("Polygon", "MultiPolygon")
        and not g.is_empty and g.is_valid
    )


def _is_year(v: float) -> bool:
    return v == int(v) and YEAR_RANGE[0] <= v <= YEAR_RANGE[1]


def _number_stated(value: float, quote: str) -> bool:
    """Whether the quote plausibly states the value (digits, or 百/千/万 wording)."""
    q = unicodedata.normalize("NFKC", quote).replace(",", "")
    iv = int(value) if value == int(value) else None
    if iv is not None and str(iv) in q:
        return True
    if iv is None and (f"{value:g}" in q or str(value) in q):
        return True
    if iv in (100, 200) and "双百" in q:
        return True
    return any(cn_number(run) == value for run in _CN_RUN.findall(q))


#: A target year is also stated by the name of the five-year period it ends.
_PERIOD_END = {"十四五": 2025, "十五五": 2030}


def year_stated(year: float, *texts: str) -> bool:
    """Whether any of the texts states the year (its digits, or the five-year period ending in it)."""
    y = int(year)
    for t in texts:
        t = unicodedata.normalize("NFKC", t or "")
        if str(y) in t or any(p in t for p, end in _PERIOD_END.items() if end == y):
            return True
    return False


def role_cue(role: str, text: str, system: str = "") -> bool:
    """Whether the text carries a word licensing the role (docs/coding.md); roles without cues always pass."""
    cues = ROLE_CUES.get(role)
    if cues is None:
        return True
    if any(c in text for c in cues):
        return True
    return role == "lead" and bool(system) and f"“{system}”" in text


def _plan_systems(plans: pd.DataFrame | None) -> dict[str, str]:
    if plans is None or "plan_id" not in plans.columns or "system" not in plans.columns:
        return {}
    return {str(p): _cell(r, "system") for p, (_, r) in zip(plans["plan_id"], plans.iterrows(), strict=False)}


def check_clusters(
    clusters: pd.DataFrame,
    parks: pd.DataFrame,
    texts: dict[str, str | None],
    districts: set[str],
    industries: pd.DataFrame,
    plans: pd.DataFrame | None = None,
) -> list[Problem]:
    """Check clusters.csv: references, vocabulary, targets, verbatim quotes and the coding rules of docs/coding.md."""
    f = "clusters.csv"
    out = check_cells(clusters, schema.CLUSTERS, f, "cluster_id", "name_as_written", row_offset=2)
    systems = _plan_systems(plans)
    first_sector: dict[str, tuple[str, int, str]] = {}
    # The role, year and focus rules apply to a table coded to the manual, i.e. one with its columns
    # (the shipped data; tests/test_coding.py pins that it has them).
    coded = bool({"role_basis", "year_basis"} & set(clusters.columns))
    park_district = {}
    if "park_id" in parks.columns:
        park_district = dict(zip(parks["park_id"], parks.get("district", pd.Series(dtype=str)), strict=False))
    sectors = set(industries.loc[industries["chain"].astype(str).str.strip() == "", "sector"]) if len(industries) else set()
    chains = set(zip(industries["sector"], industries["chain"], strict=False)) if len(industries) else set()
    records = _rows(clusters)
    found = quotes_found(texts, ((str(r.get("plan_id", "") or ""), str(r.get("quote", "") or "")) for r in records))
    for pos, row in enumerate(records):
        n = pos + 2
        rec = _record(row, "cluster_id", "name_as_written")
        pid = str(row.get("plan_id", "") or "")
        if pid and pid not in texts:
            out.append(Problem(f, msg("unknown plan '{plan}'{hint}", plan=pid, hint=""), n, "plan_id", rec))
        d = str(row.get("district", "") or "")
        if d and districts and d not in districts:
            out.append(Problem(f, msg("unknown district '{district}'", district=d), n, "district", rec))
        for park in split_list(row.get("park_ids")):
            if park not in park_district:
                out.append(Problem(f, msg("unknown park '{park}'{hint}", park=park, hint=_sep_hint(park)), n, "park_ids", rec))
            elif d and park_district[park] != d:
                out.append(Problem(f, msg("park '{park}' is in {park_district}, not {district}", park=park,
                                   park_district=park_district[park], district=d), n, "park_ids", rec))
        role = str(row.get("role", "") or "")
        if role and role not in ROLES:
            out.append(Problem(f, msg("unknown role '{role}' (use one of {choices})", role=role, choices=ROLES), n, "role", rec))
        sector, chain = str(row.get("sector", "") or ""), str(row.get("chain", "") or "")
        if sector and sectors and sector not in sectors:
            out.append(Problem(f, msg("sector '{sector}' is not in industries.csv", sector=sector), n, "sector", rec))
        elif chain and chains and (sector, chain) not in chains:
            out.append(Problem(f, msg("chain '{chain}' is not listed under sector '{sector}' in industries.csv", chain=chain,
                                   sector=sector), n, "chain", rec))
        if not sector and role not in ("total", "other"):
            out.append(Problem(f, msg("an industry row needs a sector"), n, "sector", rec))
        tv, ty = parse_or_none(row.get("target_value_yi")), parse_or_none(row.get("target_year"))
        bv, by = parse_or_none(row.get("baseline_value_yi")), parse_or_none(row.get("baseline_year"))
        for vcol, ycol, v, y in (("target_value_yi", "target_year", tv, ty), ("baseline_value_yi", "baseline_year", bv, by)):
            if v is not None and y is not None and _is_year(v) and not _is_year(y):
                out.append(Problem(f, msg("{value_col} ({value:g}) looks like a year and {year_col} ({year:g}) like a "
                                          "value: the two columns look swapped", value_col=vcol, value=v, year_col=ycol,
                                          year=y), n, ycol, rec))
        shown = str(row.get("target_value_yi", "") or "").strip()
        if ty is not None and tv is None and (not shown or _blank_word(shown)):  # blank, or NaN/None/null typed
            out.append(Problem(f, msg("a target year without a target value ({why})",
                                      why=msg("'{text}' is not a value", text=shown)) if shown
                               else msg("a target year without a target value"), n, "target_value_yi", rec))
        if tv is not None and bv is not None and bv > tv:
            out.append(Problem(f, msg("the baseline {baseline:g} is above the target {target:g}: check the units and "
                                      "years", baseline=bv, target=tv), n, "baseline_value_yi", rec, level="warning"))
        if (bv is None) != (by is None):
            out.append(Problem(f, msg("baseline value and year go together"), n, "baseline_year", rec))
        if by is not None and ty is not None and by >= ty:
            out.append(Problem(f, msg("baseline year must be before the target year"), n, "baseline_year", rec))
        quote = str(row.get("quote", "") or "")
        text = texts.get(pid)
        if quote and text is not None and (pid, quote) not in found:
            out.append(Problem(f, msg("quote is not found verbatim in the plan text"), n, "quote", rec))
        if quote and tv is not None and not _number_stated(tv, quote):
            out.append(Problem(f, msg("the quote does not state the target {target:g}", target=tv), n, "quote", rec))
        out += _check_coding(row, n, rec, text, systems.get(pid, ""), first_sector, f, coded)
    return out


def _check_coding(row: pd.Series, n: int, rec: str | None, text: str | None, system: str,
                  first_sector: dict[str, tuple[str, int, str]], f: str, coded: bool = True) -> list[Problem]:
    """The mechanical rules of docs/coding.md for one clusters.csv row (role/year/focus ones when ``coded``)."""
    out: list[Problem] = []
    role, quote = _cell(row, "role"), _cell(row, "quote")
    basis, ybasis = _cell(row, "role_basis"), _cell(row, "year_basis")
    for col, words in (("role_basis", basis), ("year_basis", ybasis)):
        if words and text is not None and words not in text:
            out.append(Problem(f, msg("{column} is not found verbatim in the plan text", column=col), n, col, rec))
    if coded and role in ROLE_CUES and not role_cue(role, quote, system):
        cues = "/".join(ROLE_CUES[role])
        if not basis:
            out.append(Problem(f, msg("role '{role}' has no cue ({cues}) in the quote: add a role_basis quoting the "
                                      "plan's words that license it, or choose the role the words support",
                                      role=role, cues=cues), n, "role", rec))
        elif not role_cue(role, basis, system):
            out.append(Problem(f, msg("role_basis carries no cue ({cues}) for role '{role}'", cues=cues, role=role), n,
                               "role_basis", rec))
    if coded and role == "focus" and not split_list(row.get("park_ids")):
        out.append(Problem(f, msg("a focus row is a park's 重点发展 item: it needs the park in park_ids"), n, "park_ids", rec))
    ty = parse_or_none(row.get("target_year"))
    if coded and ty is not None and _is_year(ty) and not year_stated(ty, quote, ybasis):
        out.append(Problem(f, msg("the target year {year:g} is not stated in the quote or year_basis: quote the words "
                                  "stating it (paragraph, section lead or table header) in year_basis, or leave the "
                                  "year empty (未注明年份)", year=ty), n, "target_year", rec))
    name, sector = _cell(row, "name_as_written"), _cell(row, "sector")
    if name and sector:
        if name not in first_sector:
            first_sector[name] = (sector, n, _cell(row, "cluster_id"))
        elif first_sector[name][0] != sector:
            s0, n0, id0 = first_sector[name]
            out.append(Problem(f, msg("'{name}' is coded to sector '{sector}' here but to '{first_sector}' in row "
                                      "{first_row} ({first_id}): one phrase, one sector", name=name, sector=sector,
                                      first_sector=s0, first_row=n0, first_id=id0), n, "sector", rec))
    return out


def check_industries(industries: pd.DataFrame) -> list[Problem]:
    """Check industries.csv: every sector has a colour, chains sit under known sectors."""
    f = "industries.csv"
    out = check_cells(industries, schema.INDUSTRIES, f, "sector", "chain", row_offset=2, unique=False)
    if not {"sector", "chain"} <= set(industries.columns):
        return out
    top = industries[industries["chain"].astype(str).str.strip() == ""]
    sectors = set(top["sector"])
    seen: set[tuple[str, str]] = set()
    for pos, row in enumerate(_rows(industries)):
        n, key = pos + 2, (row["sector"], row["chain"])
        rec = f"{row['sector']} {row['chain']}".strip()
        if key in seen:
            out.append(Problem(f, msg("duplicate sector/chain"), n, "chain", rec))
        seen.add(key)
        if row["chain"] and row["sector"] not in sectors:
            out.append(Problem(f, msg("chain's sector '{sector}' has no sector row", sector=row["sector"]), n, "sector", rec))
        if not row["chain"] and not str(row.get("color", "")).strip():
            out.append(Problem(f, msg("a sector needs a colour"), n, "color", rec))
        if "domain" in industries.columns:
            dom = str(row.get("domain", "") or "").strip()
            if dom and dom not in DOMAINS:
                out.append(Problem(f, msg("'{value}' must be one of {choices}", value=dom, choices=DOMAINS), n, "domain", rec))
            elif not dom and not row["chain"]:
                out.append(Problem(f, msg("a sector needs its domain ({choices})", choices=DOMAINS), n, "domain", rec))
    return out


def check_districts(districts: gpd.GeoDataFrame) -> list[Problem]:
    """Check district polygons: names present and unique, geometries valid polygons."""
    f = "districts.geojson"
    out = check_cells(districts, schema.DISTRICTS, f, "district", row_offset=1)
    for pos, row in enumerate(_rows(districts)):
        g = row.get("geometry")
        if g is None or not hasattr(g, "is_empty") or g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon") or not g.is_valid:
            out.append(Problem(f, msg("geometry must be a valid (Multi)Polygon"), pos + 1, "geometry", row.get("district")))
    return out
