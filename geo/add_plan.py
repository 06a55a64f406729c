"""Adding a reviewed plan to the data: new plans/clusters/parks rows, ids, validation in a copy, versioned save.

The 添加规划 page (``app_pages/add_plan.py``) only arranges widgets; everything it saves goes through here:

1. :func:`review_table` turns drafted findings into the editable review table (one row per finding, with an
   ``include`` tick box and the park resolved to an existing ``park_id`` where the name matches).
2. :func:`build_update` turns the reviewed table, the plan's metadata and the locations of new parks into
   the new content of ``plans.csv``, ``clusters.csv``, ``parks.geojson`` and ``plans/<plan_id>.txt``,
   assigning the plan id, cluster ids and park ids.
3. :func:`validate_update` writes that content into a temporary copy of the data folder and runs
   :func:`geo.load.check_folder` on it, so nothing invalid reaches ``data/``.
4. :func:`save_update` writes the files as one transaction (:class:`geo.transaction.FileStore`): all of
   them or none, also when the writer is killed or the disk fills up. Each is checked against the version read
   when the page was opened (:func:`read_versions`); a concurrent edit raises
   :class:`~geo.errors.WriteConflictError` before anything is written. Previous versions are kept in
   ``.versions/``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
from pypinyin import Style, lazy_pinyin

from . import settings
from .errors import DataValidationError, Problem, WriteConflictError
from .ingest import Finding, match_park
from .io import file_version, read_geojson, read_table
from .load import check_changes
from .messages import msg
from .schema import CLUSTERS, PLANS, names
from .transaction import FaultHook, FileStore
from .validate import role_cue, year_stated

#: Files a save touches (besides the new plan text), in the order they are written.
FILES = (settings.PARKS_FILE, settings.CLUSTERS_FILE, settings.PLANS_FILE)

#: Columns of the review table shown in the editor, in order.
REVIEW_COLUMNS = [
    "include", "kind", "park", "town", "park_id", "industry_as_written", "sector", "chain", "role", "target_value_yi",
    "target_year", "baseline_value_yi", "baseline_year", "confidence", "note", "quote",
]

_KIND_BY_SUFFIX = (
    ("综合保税区", "综合保税区"), ("保税区", "综合保税区"), ("经开区", "经开区"), ("经济技术开发区", "经开区"),
    ("高新区", "高新区"), ("高新技术产业开发区", "高新区"), ("物流园", "物流园"), ("物流中心", "物流园"),
    ("物流园区", "物流园"), ("物流基地", "物流园"), ("组团", "组团"), ("工业园区", "工业园区"), ("工业园", "工业园区"),
    ("集聚区", "中小企业集聚区"), ("镇", "中小企业集聚区"), ("街道", "中小企业集聚区"), ("乡", "中小企业集聚区"),
    ("基地", "产业基地"), ("园区", "工业园区"),
)
_EN_KIND = {
    "高新区": "High-tech Zone", "经开区": "Economic and Technological Development Zone", "工业园区": "Industrial Park",
    "组团": "Cluster", "中小企业集聚区": "SME Cluster Zone", "产业园": "Industrial Park",
    "综合保税区": "Comprehensive Bonded Zone", "物流园": "Logistics Park", "产业基地": "Industrial Base",
}
_PLACE_SUFFIX = re.compile(
    r"(?:高新技术产业开发区|经济技术开发区|综合保税区|中小企业集聚区|产业集聚区|工业园区|产业园区|物流园区|工业园|产业园|物流园|"
    r"物流中心|物流基地|组团|经开区|高新区|开发区|保税区|生态城|产业基地|基地|集聚区|园区|园|街道|镇|乡)$"
)


# ----------------------------------------------------------------------------------------------- names and ids


def pinyin_slug(text: str) -> str:
    """ASCII slug of a Chinese name: toneless pinyin, lower case, letters and digits only (``龙市`` → ``longshi``)."""
    out = "".join(lazy_pinyin(str(text), style=Style.NORMAL, errors=lambda s: [c for c in s])).lower()
    return re.sub(r"[^a-z0-9]+", "", out)


def district_prefix(district: str, parks: pd.DataFrame | None = None) -> str:
    """Park id prefix of a district: the one its parks use, else pinyin initials (``合川区`` → ``hc``)."""
    if parks is not None and len(parks) and "district" in parks.columns:
        ids = parks.loc[parks["district"] == district, "park_id"].astype(str)
        prefixes = ids.str.extract(r"^([a-z0-9]+)-", expand=False).dropna()
        if len(prefixes):
            return prefixes.value_counts().index[0]
    core = re.sub(r"(?:自治县|区|县)$", "", district) or district
    return "".join(p[0] for p in lazy_pinyin(core, style=Style.NORMAL) if p) or "x"


def district_slug(district: str) -> str:
    """Plan id stem of a district (``合川区`` → ``hechuan``)."""
    core = re.sub(r"(?:自治县|区|县)$", "", district) or district
    return pinyin_slug(core) or "plan"


def new_plan_id(district: str, issued: str, existing: list[str] | set[str]) -> str:
    """A free plan id like the shipped ones: ``hechuan-2023``, else ``hechuan-2023-09``, else ``…-09-2``."""
    stem = district_slug(district)
    year, month = (issued or "")[:4], (issued or "")[5:7]
    taken = set(existing)
    cands = [f"{stem}-{year}"] if year.isdigit() else [stem]
    if year.isdigit() and month.isdigit():
        cands.append(f"{stem}-{year}-{month}")
    for c in cands:
        if c not in taken:
            return c
    k = 2
    while f"{cands[-1]}-{k}" in taken:
        k += 1
    return f"{cands[-1]}-{k}"


def new_park_id(name_zh: str, district: str, parks: pd.DataFrame, taken: set[str] | None = None) -> str:
    """A free park id ``<district prefix>-<pinyin of the place name>`` (``龙市镇`` in 合川区 → ``hc-longshi``)."""
    prefix = district_prefix(district, parks)
    core = _PLACE_SUFFIX.sub("", name_zh) or name_zh
    slug = pinyin_slug(core)[:24] or "park"
    used = set(parks["park_id"].astype(str)) if parks is not None and "park_id" in parks.columns else set()
    used |= set(taken or ())
    pid = f"{prefix}-{slug}"
    k = 2
    while pid in used:
        pid = f"{prefix}-{slug}-{k}"
        k += 1
    return pid


def guess_kind(name_zh: str) -> str:
    """Park kind (one of :data:`geo.settings.PARK_KINDS`) from the name's ending; 产业园 by default."""
    for suffix, kind in _KIND_BY_SUFFIX:
        if name_zh.endswith(suffix):
            return kind
    return "产业园"


def english_name(name_zh: str, kind: str) -> str:
    """A plain English name: pinyin of the place + the kind (``龙市镇`` → ``Longshi SME Cluster Zone``)."""
    core = _PLACE_SUFFIX.sub("", name_zh) or name_zh
    place = "".join(lazy_pinyin(core, style=Style.NORMAL, errors=lambda s: [c for c in s])).strip().title()
    return f"{place} {_EN_KIND.get(kind, 'Park')}".strip()


# ----------------------------------------------------------------------------------------------- gazetteer


def _norm_pinyin(s: str) -> str:
    return "".join(ch for ch in str(s).lower() if ch.isalpha())


def read_gazetteer(data_dir: str | Path = settings.DATA_DIR) -> pd.DataFrame:
    """The offline gazetteer (``name_pinyin, lat, lon, district``); empty if the file is missing."""
    p = Path(data_dir) / settings.GAZETTEER_FILE
    cols = ["name_pinyin", "lat", "lon", "district"]
    if not p.exists():
        return pd.DataFrame(columns=cols)
    df = read_table(p)
    for c in ("lat", "lon"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df.dropna(subset=["lat", "lon"])


def gazetteer_matches(name_zh: str, district: str, gazetteer: pd.DataFrame, town: str = "") -> pd.DataFrame:
    """Gazetteer places whose pinyin matches a park's town, those in ``district`` first.

    Tried in order (pypinyin bridges the Chinese name to the gazetteer's pinyin): the town the plan names
    (``town``, e.g. ``璧泉街道`` → ``biquan``), the park's name without its suffix (``龙市镇`` → ``longshi``),
    then the first three and two characters of that name, where park names carry their town
    (``李渡园区`` → ``lidu``, ``白鹤能源建材产业园`` → ``baihe``). Names ending in 街 are also tried without
    it (``南津街`` → ``nanjin``). Adds ``in_district`` (bool) and ``matched`` (the Chinese key that matched).
    """
    cols = [*(gazetteer.columns if gazetteer is not None else []), "in_district", "matched"]
    if gazetteer is None or not len(gazetteer) or not (name_zh or town):
        return pd.DataFrame(columns=cols)
    keys: list[str] = []
    if town:
        tc = re.sub(r"(?:街道|镇|乡)$", "", str(town).strip())
        keys += [tc, tc[:-1] if tc.endswith("街") and len(tc) > 2 else ""]
    core = _PLACE_SUFFIX.sub("", str(name_zh)) or str(name_zh)
    core = re.sub(r"^(?:重庆市|重庆)", "", core)
    dcore = re.sub(r"(?:(?:土家族|苗族)+自治县|区|县)$", "", district or "")
    if dcore and core.startswith(dcore) and len(core) > len(dcore) + 1:
        core = core[len(dcore):]  # "涪陵李渡园区": the district is not the town
    keys += [core, core[:-1] if core.endswith("街") and len(core) > 2 else ""]
    if len(core) > 3:
        keys.append(core[:3])
    if len(core) > 2:
        keys.append(core[:2])
    g = gazetteer.copy()
    g["key"] = g["name_pinyin"].map(_norm_pinyin)
    frames = []
    seen: set[str] = set()
    for rank, k in enumerate(dict.fromkeys(x for x in keys if len(x) >= 2 or (x and x == core))):
        slug = pinyin_slug(k)
        if not slug or slug in seen:
            continue
        seen.add(slug)
        hit = g[g["key"] == slug].copy()
        hit["matched"] = k
        hit["rank"] = rank
        frames.append(hit)
    if not frames:
        return pd.DataFrame(columns=cols)
    hits = pd.concat(frames, ignore_index=True)
    hits["in_district"] = hits["district"] == district
    hits = hits.sort_values(["in_district", "rank"], ascending=[False, True], kind="stable")
    return hits.drop(columns=["key", "rank"]).drop_duplicates(["name_pinyin", "lat", "lon"]).reset_index(drop=True)


def found_town(name_zh: str, district: str, gazetteer: pd.DataFrame, town: str = "") -> pd.Series | None:
    """The gazetteer town a new park is most likely in: the first match inside its district, else ``None``."""
    hits = gazetteer_matches(name_zh, district, gazetteer, town)
    hits = hits[hits["in_district"]] if len(hits) else hits
    return hits.iloc[0] if len(hits) else None


def review_table(findings: list[Finding], parks: pd.DataFrame | None, district: str) -> pd.DataFrame:
    """The editable review table: one row per finding, ``include`` ticked, parks matched to park ids.

    Parameters
    ----------
    findings : list of Finding
        From :func:`geo.ingest.draft_rows`.
    parks : pandas.DataFrame or None
        Existing parks (``park_id``, ``name_zh``, ``district``) to match park names against.
    district : str
        The plan's district.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REVIEW_COLUMNS`.
    """
    rows = []
    for f in findings:
        pid = match_park(f.park, parks, district) if f.park and parks is not None else ""
        rows.append(dict(
            include=True, kind=f.kind, park=f.park, town=f.town, park_id=pid, industry_as_written=f.industry_as_written,
            sector=f.sector, chain=f.chain, role=f.role or ("total" if f.kind == "total" else "lead"),
            target_value_yi=f.target_value_yi, target_year=f.target_year, baseline_value_yi=f.baseline_value_yi,
            baseline_year=f.baseline_year, confidence=f.confidence, note=f.note, quote=f.quote,
        ))
    df = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    for c in ("target_value_yi", "baseline_value_yi", "confidence"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("target_year", "baseline_year"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    df["include"] = df["include"].astype(bool)
    return df


def new_parks(review: pd.DataFrame) -> list[str]:
    """Park names of included rows that match no existing park (they need a location), in order."""
    if review is None or not len(review):
        return []
    m = review["include"].astype(bool) & (review["park"].fillna("").astype(str).str.strip() != "")
    m &= review["park_id"].fillna("").astype(str).str.strip() == ""
    return list(dict.fromkeys(review.loc[m, "park"].astype(str).str.strip()))


# ----------------------------------------------------------------------------------------------- the update


@dataclass
class PlanMeta:
    """Metadata of the new plan (plans.csv columns)."""

    district: str
    title: str
    issued: str
    horizon_year: int | str
    doc_number: str = ""
    title_en: str = ""
    plan_id: str = ""


@dataclass
class ParkSite:
    """Where a new park is: a point and how it was found."""

    lat: float
    lon: float
    geometry_quality: str = "approximate"  # town_seat when taken from the gazetteer
    location_note: str = ""
    kind: str = ""
    location_note_zh: str = ""  # the note in Chinese (location_note is English)
    name_en: str = ""


@dataclass
class Update:
    """New file contents for one saved plan, plus what was assigned."""

    plan_id: str
    text_file: str
    files: dict[str, bytes] = field(default_factory=dict)  # relative path → new content
    cluster_ids: list[str] = field(default_factory=list)
    new_park_ids: dict[str, str] = field(default_factory=dict)  # park name → new park id
    text_version: str = ""  # version of an orphan plan text the save replaces ("" = the file must not exist)


def read_versions(data_dir: str | Path = settings.DATA_DIR) -> dict[str, str]:
    """Content versions (hashes) of the files a save touches, to pass to :func:`save_update` later."""
    d = Path(data_dir)
    return {name: file_version(d / name) for name in FILES}


def _year_sentence(text: str, quote: str, year: object) -> str:
    """The sentence of ``text`` around ``quote`` when it states ``year`` (a verbatim year_basis), else ``""``."""
    i = text.find(quote) if quote else -1
    if i < 0:
        return ""
    start = max(text.rfind(ch, 0, i) for ch in "。；\n") + 1
    ends = [j for j in (text.find(ch, i + len(quote)) for ch in "。；\n") if j >= 0]
    sentence = text[start:min(ends) if ends else len(text)].strip()
    return sentence if sentence in text and year_stated(float(year), sentence) else ""


def _csv_text(header: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, extrasaction="ignore")
    for r in rows:
        w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buf.getvalue()


def _append_csv(existing: bytes, header_default: list[str], rows: list[dict]) -> bytes:
    """Existing CSV bytes with rows appended (same columns, line endings and quoting as csv writes)."""
    text = existing.decode("utf-8-sig") if existing else ""
    if text.strip():
        header = next(csv.reader(io.StringIO(text)))
        header = [h.strip().lstrip("\ufeff") for h in header]
        if not text.endswith(("\n", "\r")):
            text += "\r\n" if "\r\n" in text else "\n"
    else:
        header = header_default
        text = _csv_text(header, [dict(zip(header, header, strict=True))])
    body = _csv_text(header, rows)
    if "\r\n" not in text:
        body = body.replace("\r\n", "\n")
    bom = "\ufeff" if existing.startswith(b"\xef\xbb\xbf") else ""
    return (bom + text + body).encode("utf-8")


def _fmt_num(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, str):
        return v.strip()
    f = float(v)
    return str(int(f)) if f == int(f) else f"{f:g}"


def build_update(
    data_dir: str | Path,
    meta: PlanMeta,
    text: str,
    review: pd.DataFrame,
    sites: dict[str, ParkSite] | None = None,
) -> Update:
    """New contents of plans.csv, clusters.csv, parks.geojson and the plan text for a reviewed plan.

    Parameters
    ----------
    data_dir : path-like
        The data folder the plan goes into (read, not written).
    meta : PlanMeta
        The plan's metadata; ``plan_id`` is assigned if empty.
    text : str
        The plan text (saved as UTF-8; quotes must be substrings of it).
    review : pandas.DataFrame
        The reviewed table (:data:`REVIEW_COLUMNS`); rows with ``include`` unticked are left out. A row's
        ``park_id`` names an existing park; a ``park`` without ``park_id`` is a new park and needs a site.
    sites : dict, optional
        Park name → :class:`ParkSite` for the new parks.

    Returns
    -------
    Update

    Raises
    ------
    DataValidationError
        For problems found before validation proper: no title/district, a new park without a site,
        an unknown park id, a quote not in the text.
    """
    d = Path(data_dir)
    sites = dict(sites or {})
    problems: list[Problem] = []
    plans = read_table(d / settings.PLANS_FILE) if (d / settings.PLANS_FILE).exists() else pd.DataFrame(
        columns=names(PLANS))
    parks_path = d / settings.PARKS_FILE
    parks_doc = json.loads(parks_path.read_text(encoding="utf-8")) if parks_path.exists() else {
        "type": "FeatureCollection", "name": "parks", "features": []}
    parks_df = pd.DataFrame([f.get("properties", {}) for f in parks_doc.get("features", [])],
                            columns=["park_id", "name_zh", "district"])
    district = (meta.district or "").strip()
    if not district:
        problems.append(Problem("plans.csv", msg("the plan needs a district"), field="district"))
    if not (meta.title or "").strip():
        problems.append(Problem("plans.csv", msg("the plan needs a title"), field="title"))
    if not text or not text.strip():
        problems.append(Problem(msg("plan text"), msg("the plan text is empty")))
    plan_id = (meta.plan_id or "").strip() or new_plan_id(district, str(meta.issued), set(plans.get("plan_id", [])))
    if plan_id in set(plans.get("plan_id", [])):
        problems.append(Problem("plans.csv", msg("plan id '{plan_id}' is already used", plan_id=plan_id),
                                    field="plan_id"))
    text_file = f"plans/{plan_id}.txt"
    text_version = ""
    if (d / text_file).exists():
        used = {str(x).strip().replace("\\", "/") for x in plans.get("text_file", [])}
        if text_file in used:
            problems.append(Problem(text_file, msg("a plan text with this name already exists"), field="text_file"))
        else:  # left by an interrupted save of an earlier version: no plan uses it, so it is replaced (and kept)
            text_version = file_version(d / text_file)
    rows = review[review["include"].fillna(True).astype(bool)].copy() if len(review) else review
    known_ids = set(parks_df["park_id"].astype(str))
    # --- parks: existing ids, new parks with sites
    new_ids: dict[str, str] = {}
    taken: set[str] = set()
    for pos, (_, r) in enumerate(rows.iterrows(), start=1):
        park = str(r.get("park", "") or "").strip()
        pid = str(r.get("park_id", "") or "").strip()
        if pid:
            for p in [x.strip() for x in pid.split(settings.LIST_SEP) if x.strip()]:
                if p not in known_ids:
                    problems.append(Problem(msg("review table"), msg("unknown park id '{park}'", park=p), pos, "park_id",
                                            park or None))
        elif park and park not in new_ids:
            if park not in sites:
                problems.append(Problem(msg("review table"), msg("new park '{park}' needs a location (pick it on the map "
                                                                 "or choose a town)", park=park), pos, "park", park))
                continue
            new_ids[park] = new_park_id(park, district, parks_df, taken)
            taken.add(new_ids[park])
        q = str(r.get("quote", "") or "")
        if q and text and q not in text:
            problems.append(Problem(msg("review table"), msg("quote is not found verbatim in the plan text"), pos, "quote",
                                    str(r.get("industry_as_written", "") or "") or None))
    if problems:
        raise DataValidationError(problems)
    # --- clusters rows
    cl_rows: list[dict] = []
    cluster_ids: list[str] = []
    used_by_plan: dict[str, set[str]] = {}
    for k, (_, r) in enumerate(rows.iterrows(), start=1):
        cid = f"{plan_id}-c{k:03d}"
        cluster_ids.append(cid)
        park = str(r.get("park", "") or "").strip()
        pid = str(r.get("park_id", "") or "").strip() or new_ids.get(park, "")
        for p in [x for x in pid.split(settings.LIST_SEP) if x]:
            used_by_plan.setdefault(p, set()).add(plan_id)
        name = str(r.get("industry_as_written", "") or "").strip()
        if not name:
            name = f"{park}产值" if park else "总量目标"
        role = str(r.get("role", "") or "").strip() or ("total" if r.get("kind") == "total" else "lead")
        quote = str(r.get("quote", "") or "")
        if pid and not role_cue(role, quote):  # a park's 重点发展 list item is its focus (docs/coding.md §1)
            role = "focus"
        ty = r.get("target_year")
        ybasis = "" if ty is None or pd.isna(ty) or year_stated(float(ty), quote) else _year_sentence(text, quote, ty)
        cl_rows.append(dict(
            cluster_id=cid, plan_id=plan_id, district=district, park_ids=pid, name_as_written=name,
            sector=str(r.get("sector", "") or "").strip(), chain=str(r.get("chain", "") or "").strip(), role=role,
            target_value_yi=_fmt_num(r.get("target_value_yi")), target_year=_fmt_num(r.get("target_year")),
            baseline_value_yi=_fmt_num(r.get("baseline_value_yi")), baseline_year=_fmt_num(r.get("baseline_year")),
            quote=quote, role_basis="", year_basis=ybasis,
        ))
    # --- parks.geojson: new features, plan id added to existing parks the plan names
    first_quote: dict[str, str] = {}
    for _, r in rows.iterrows():
        park = str(r.get("park", "") or "").strip()
        if park and park not in first_quote and park in str(r.get("quote", "")):
            first_quote[park] = str(r.get("quote", ""))
    for feat in parks_doc.get("features", []):
        props = feat.setdefault("properties", {})
        pid = str(props.get("park_id", ""))
        if pid in used_by_plan:
            ids = [x for x in str(props.get("plan_ids", "") or "").split(settings.LIST_SEP) if x]
            if plan_id not in ids:
                props["plan_ids"] = settings.LIST_SEP.join([*ids, plan_id])
    for park, pid in new_ids.items():
        s = sites[park]
        kind = s.kind or guess_kind(park)
        parks_doc.setdefault("features", []).append({
            "type": "Feature",
            "properties": {
                "park_id": pid, "name_zh": park, "name_en": s.name_en or english_name(park, kind),
                "district": district, "kind": kind, "tier": "", "plan_ids": plan_id, "area_km2": "",
                "area_quote": "", "geometry_quality": s.geometry_quality,
                "location_note": s.location_note or "located when the plan was added (添加规划)",
                "location_note_zh": s.location_note_zh or ("" if s.location_note else "添加规划时定位"),
                "quote": first_quote.get(park, park if park in text else ""),
            },
            "geometry": {"type": "Point", "coordinates": [round(float(s.lon), 6), round(float(s.lat), 6)]},
        })
    parks_bytes = (json.dumps(parks_doc, ensure_ascii=False, indent=1)).encode("utf-8")
    # --- plans.csv
    plan_row = dict(
        plan_id=plan_id, district=district, title=meta.title.strip(), title_en=(meta.title_en or "").strip(),
        doc_number=(meta.doc_number or "").strip(), issued=str(meta.issued).strip(),
        horizon_year=_fmt_num(meta.horizon_year), text_file=text_file,
    )
    old_plans = (d / settings.PLANS_FILE).read_bytes() if (d / settings.PLANS_FILE).exists() else b""
    old_clusters = (d / settings.CLUSTERS_FILE).read_bytes() if (d / settings.CLUSTERS_FILE).exists() else b""
    plans_default = [c for c in ("plan_id", "district", "title", "title_en", "doc_number", "issued", "horizon_year",
                                 "text_file")]
    return Update(
        plan_id=plan_id,
        text_file=text_file,
        files={
            text_file: text.encode("utf-8"),
            settings.PARKS_FILE: parks_bytes,
            settings.CLUSTERS_FILE: _append_csv(old_clusters, names(CLUSTERS), cl_rows),
            settings.PLANS_FILE: _append_csv(old_plans, plans_default, [plan_row]),
        },
        cluster_ids=cluster_ids,
        new_park_ids=new_ids,
        text_version=text_version,
    )


def validate_update(data_dir: str | Path, update: Update) -> list[Problem]:
    """Problems of the data folder as it would be after the update (checked in a temporary copy)."""
    return check_changes(data_dir, update.files)


def save_update(
    data_dir: str | Path,
    update: Update,
    versions: dict[str, str],
    validate: bool = True,
    fault: FaultHook | None = None,
) -> dict[str, str]:
    """Write the update into ``data_dir`` as one transaction, refusing if any file changed since ``versions``.

    The plan text, parks.geojson, clusters.csv and plans.csv are staged, the commit is marked, then they are
    moved into place (:meth:`geo.transaction.FileStore.apply`): after an error, a full disk or a kill at any
    point the folder holds either the old files or the new ones (a half-done commit is finished or discarded
    by the next reader or writer). Previous versions are kept in ``.versions/``.

    Parameters
    ----------
    data_dir : path-like
    update : Update
        From :func:`build_update`.
    versions : dict
        From :func:`read_versions`, taken when the page was opened.
    validate : bool
        Check the result in a temporary copy first (:func:`validate_update`).
    fault : callable, optional
        Fault hook for tests (see :mod:`geo.transaction`).

    Returns
    -------
    dict
        File name → new version.

    Raises
    ------
    WriteConflictError
        If someone else changed a file since the page read it (nothing is written then).
    DataValidationError
        If the data would not be valid after the update (nothing is written then).
    OSError
        If the disk is full or not writable (nothing is written then; the old data stays).
    """
    d = Path(data_dir)
    store = FileStore(d, fault=fault)
    store.recover()
    changed = [name for name in FILES if file_version(d / name) != versions.get(name, "")]
    if changed:
        raise WriteConflictError(msg(
            "{files} changed since you opened the page (someone else saved); reload the page to see their changes, "
            "then add the plan again — nothing was written", files=changed))
    if validate:
        problems = validate_update(d, update)
        if problems:
            raise DataValidationError(problems)
    expected = {name: versions.get(name, "") for name in FILES}
    expected[update.text_file] = update.text_version
    ordered = {rel: update.files[rel] for rel in (update.text_file, *FILES)}
    return store.apply(ordered, expected)


def read_parks_table(data_dir: str | Path = settings.DATA_DIR) -> pd.DataFrame:
    """Existing parks as a plain table (``park_id``, ``name_zh``, ``district``, lat/lon of a representative point)."""
    p = Path(data_dir) / settings.PARKS_FILE
    if not p.exists():
        return pd.DataFrame(columns=["park_id", "name_zh", "district", "lat", "lon"])
    gdf = read_geojson(p)
    pts = gdf.geometry.map(lambda g: g.representative_point() if g is not None and not g.is_empty else None)
    out = pd.DataFrame(gdf.drop(columns="geometry"))
    out["lat"] = [pt.y if pt is not None else None for pt in pts]
    out["lon"] = [pt.x if pt is not None else None for pt in pts]
    return out


def today() -> str:
    """Today's date as YYYY-MM-DD (default issue date in the form)."""
    return date.today().isoformat()
