"""Moving a dataset between a data folder and the database: rows in one common form, diffs, writes, export.

A data folder is read with :func:`geo.load.load_dataset` (so only validated data reaches the database),
turned into :class:`Tables` (typed cells, the columns a file has beyond the schema in ``extra``, geometry
as WKB, file column order), compared row by row with what the database holds, and the difference is
written in the caller's transaction. Export writes the same rows back as a data folder.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import mapping
from sqlalchemy import Connection, text

from .. import settings
from ..load import load_dataset
from . import models

#: Columns a data file has in the schema's own typed columns (everything else goes to ``extra``).
CORE = {t: [c.name for c in models.DATA_TABLES[t].columns if c.name not in ("ord", "extra", "geom")]
        for t in ("districts", "plans", "parks", "industries", "clusters")}
_FLOAT = {"parks": ("area_km2",), "clusters": ("target_value_yi", "baseline_value_yi")}
_INT = {"plans": ("horizon_year",), "clusters": ("target_year", "baseline_year")}
_GEO = ("parks", "districts")
#: Derived columns the loader adds (never written back).
_DERIVED = ("plan_id_list", "park_id_list", "geometry")
#: File of each table inside a data folder.
FILE_OF = {
    "plans": settings.PLANS_FILE, "parks": settings.PARKS_FILE, "clusters": settings.CLUSTERS_FILE,
    "industries": settings.INDUSTRIES_FILE, "districts": settings.DISTRICTS_FILE,
}
#: Per-row audit records are kept for change sets up to this many rows (bigger imports keep counts only).
AUDIT_ROW_LIMIT = 5000


@dataclass
class Tables:
    """A whole dataset as rows keyed by primary key, plus the layout needed to write the files back."""

    rows: dict[str, dict[tuple, dict]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)  # file column order per table
    geojson_names: dict[str, str] = field(default_factory=dict)

    def layout(self) -> dict:
        """The ``store_meta`` record of the file layout."""
        return {"columns": self.columns, "geojson_names": self.geojson_names}


# ------------------------------------------------------------------------------------------ cells


def _is_blank(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _float(v: object) -> float | None:
    return None if _is_blank(v) else float(v)


def _int(v: object) -> int | None:
    return None if _is_blank(v) else int(v)


def _text(v: object) -> str:
    """A cell as text: blanks as ``""``, whole floats without ``.0``."""
    if _is_blank(v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def format_cell(v: object) -> str:
    """A typed database value as it is written into a data file."""
    if isinstance(v, date):
        return v.isoformat()
    return _text(v)


def _csv_columns(path: Path) -> list[str]:
    """Header of a CSV file as :func:`geo.io.read_table` cleans it."""
    from ..io import read_table

    return list(read_table(path).columns)


def _geojson_layout(path: Path) -> tuple[str, list[str]]:
    """The FeatureCollection's ``name`` and its property names in order of first appearance."""
    from ..io import read_text

    doc = json.loads(read_text(path))
    cols: dict[str, None] = {}
    for f in doc.get("features", []):
        for k in (f.get("properties") or {}):
            cols.setdefault(k, None)
    return str(doc.get("name") or path.stem), list(cols)


# ------------------------------------------------------------------------------------------ folder → rows


def tables_from_folder(data_dir: str | os.PathLike) -> Tables:
    """Read, validate and convert a data folder; raises ``DataValidationError`` on bad data.

    Parameters
    ----------
    data_dir : path-like
        A data folder that ``python -m geo validate`` accepts.

    Returns
    -------
    Tables
    """
    d = Path(data_dir)
    ds = load_dataset(d)
    out = Tables()
    frames = {"plans": ds.plans, "parks": ds.parks, "clusters": ds.clusters, "industries": ds.industries,
              "districts": ds.districts}
    for table, df in frames.items():
        path = d / FILE_OF[table]
        if table in _GEO:
            name, cols = _geojson_layout(path)
            out.geojson_names[table] = name
        else:
            cols = _csv_columns(path)
        cols = [c for c in cols if c not in _DERIVED]
        out.columns[table] = cols
        core = CORE[table]
        extra_cols = [c for c in cols if c not in core and c in df.columns]
        keys = models.key_columns(models.DATA_TABLES[table])
        rows: dict[tuple, dict] = {}
        records = df.drop(columns=[c for c in ("geometry",) if c in df.columns]).to_dict("records")
        geoms = list(df.geometry) if table in _GEO else None
        for i, rec in enumerate(records):
            row: dict = {}
            for c in core:
                v = rec.get(c)
                if c in _FLOAT.get(table, ()):
                    row[c] = _float(v)
                elif c in _INT.get(table, ()):
                    row[c] = _int(v)
                else:
                    row[c] = _text(v)
            row["ord"] = i
            row["extra"] = {c: _text(rec.get(c)) for c in extra_cols}
            if geoms is not None:
                row["geom"] = shapely.to_wkb(geoms[i], byte_order=1)
            rows[tuple(row[k] for k in keys)] = row
        out.rows[table] = rows
    texts: dict[tuple, dict] = {}
    referenced = set()
    for _, p in ds.plans.iterrows():
        pid = str(p["plan_id"])
        if pid in ds.texts:
            texts[(pid,)] = {"plan_id": pid, "content": ds.texts[pid]}
            referenced.add(Path(str(p["text_file"]).strip()).as_posix())
    out.rows["plan_texts"] = texts
    files: dict[tuple, dict] = {}
    dataset_files = set(FILE_OF.values()) | referenced
    for p in sorted(d.rglob("*")):
        rel = p.relative_to(d).as_posix()
        if not p.is_file() or rel in dataset_files or any(part.startswith((".", "_")) for part in p.relative_to(d).parts):
            continue
        if "__pycache__" in rel:
            continue
        files[(rel,)] = {"path": rel, "content": p.read_bytes()}
    out.rows["files"] = files
    return out


# ------------------------------------------------------------------------------------------ database → rows


def tables_from_db(conn: Connection) -> Tables:
    """Everything the store holds, in the form of :func:`tables_from_folder` (read in ``conn``'s snapshot)."""
    out = Tables()
    meta = conn.execute(text("SELECT value FROM store_meta WHERE key = 'layout'")).scalar()
    if meta:
        out.columns = {k: list(v) for k, v in meta.get("columns", {}).items()}
        out.geojson_names = dict(meta.get("geojson_names", {}))
    for table, t in models.DATA_TABLES.items():
        cols = [c.name for c in t.columns]
        sel = ", ".join("ST_AsBinary(geom) AS geom" if c == "geom" else c for c in cols)
        order = " ORDER BY ord" if "ord" in cols else " ORDER BY " + ", ".join(models.key_columns(t))
        keys = models.key_columns(t)
        rows: dict[tuple, dict] = {}
        for r in conn.execute(text(f"SELECT {sel} FROM {table}{order}")).mappings():
            row = dict(r)
            if "issued" in row and isinstance(row["issued"], date):
                row["issued"] = row["issued"].isoformat()
            if "geom" in row and row["geom"] is not None:
                row["geom"] = bytes(row["geom"])
            if "content" in row and isinstance(row["content"], memoryview):
                row["content"] = bytes(row["content"])
            rows[tuple(row[k] for k in keys)] = row
        out.rows[table] = rows
    return out


# ------------------------------------------------------------------------------------------ diff and write


@dataclass
class Diff:
    """Rows to insert, update and delete per table."""

    inserts: dict[str, list[dict]] = field(default_factory=dict)
    updates: dict[str, list[tuple[dict, dict]]] = field(default_factory=dict)
    deletes: dict[str, list[dict]] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        """Inserted/updated/deleted rows per table (tables with changes only)."""
        out = {}
        for t in models.DATA_TABLES:
            c = {"inserted": len(self.inserts.get(t, [])), "updated": len(self.updates.get(t, [])),
                 "deleted": len(self.deletes.get(t, []))}
            if any(c.values()):
                out[t] = c
        return out

    def size(self) -> int:
        """Number of changed rows."""
        return sum(sum(c.values()) for c in self.counts().values())


def diff(old: Tables, new: Tables) -> Diff:
    """What turns ``old`` into ``new``, row by row."""
    out = Diff()
    for t in models.DATA_TABLES:
        a, b = old.rows.get(t, {}), new.rows.get(t, {})
        out.inserts[t] = [b[k] for k in b if k not in a]
        out.deletes[t] = [a[k] for k in a if k not in b]
        out.updates[t] = [(a[k], b[k]) for k in b if k in a and a[k] != b[k]]
    return out


def _params(table: str, row: dict) -> dict:
    p = dict(row)
    if "extra" in p:
        p["extra"] = json.dumps(p["extra"], ensure_ascii=False)
    if "issued" in p and isinstance(p["issued"], str):
        p["issued"] = date.fromisoformat(p["issued"].strip())
    return p


def _value_sql(col: str) -> str:
    if col == "geom":
        return "ST_GeomFromWKB(:geom, 4326)"
    if col == "extra":
        return "CAST(:extra AS jsonb)"
    return f":{col}"


def write_diff(conn: Connection, d: Diff) -> None:
    """Apply ``d`` in ``conn``'s transaction (children deleted first, parents written first)."""
    for t in reversed(list(models.DATA_TABLES)):
        rows = d.deletes.get(t, [])
        if not rows:
            continue
        keys = models.key_columns(models.DATA_TABLES[t])
        where = " AND ".join(f"{k} = :{k}" for k in keys)
        conn.execute(text(f"DELETE FROM {t} WHERE {where}"), [{k: r[k] for k in keys} for r in rows])
    for t, table in models.DATA_TABLES.items():
        cols = [c.name for c in table.columns]
        keys = models.key_columns(table)
        if d.updates.get(t):
            sets = ", ".join(f"{c} = {_value_sql(c)}" for c in cols if c not in keys)
            where = " AND ".join(f"{k} = :{k}" for k in keys)
            conn.execute(text(f"UPDATE {t} SET {sets} WHERE {where}"), [_params(t, new) for _, new in d.updates[t]])
        if d.inserts.get(t):
            vals = ", ".join(_value_sql(c) for c in cols)
            conn.execute(text(f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({vals})"),
                         [_params(t, r) for r in d.inserts[t]])


def _jsonable(row: dict | None) -> dict | None:
    if row is None:
        return None
    out = {}
    for k, v in row.items():
        if k == "geom" and isinstance(v, bytes):
            out[k] = json.loads(shapely.to_geojson(shapely.from_wkb(v)))
        elif isinstance(v, bytes):
            out[k] = f"<{len(v)} bytes>"
        elif isinstance(v, date):
            out[k] = v.isoformat()
        elif isinstance(v, float) and math.isnan(v):
            out[k] = None
        else:
            out[k] = v
    return out


def audit_rows(d: Diff) -> list[dict]:
    """One audit record per changed row (table, key, op, before, after), or none for very large changes."""
    if d.size() > AUDIT_ROW_LIMIT:
        return []
    out = []
    for t, table in models.DATA_TABLES.items():
        keys = models.key_columns(table)

        def key(r: dict, keys=keys) -> str:
            return "|".join(str(r[k]) for k in keys)

        out += [dict(table_name=t, row_key=key(r), op="insert", before=None, after=_jsonable(r))
                for r in d.inserts.get(t, [])]
        out += [dict(table_name=t, row_key=key(b), op="update", before=_jsonable(a), after=_jsonable(b))
                for a, b in d.updates.get(t, [])]
        out += [dict(table_name=t, row_key=key(r), op="delete", before=_jsonable(r), after=None)
                for r in d.deletes.get(t, [])]
    return out


# ------------------------------------------------------------------------------------------ rows → folder


def write_folder(tables: Tables, out_dir: str | os.PathLike) -> Path:
    """Write ``tables`` as a data folder into ``out_dir`` (created; existing dataset files are replaced).

    Every file is written to a temporary folder beside ``out_dir`` first and moved in at the end.
    """
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for table in ("plans", "clusters", "industries"):
            _write_csv(tmp / FILE_OF[table], table, tables)
        for table in _GEO:
            _write_geojson(tmp / FILE_OF[table], table, tables)
        root = tmp.resolve()
        for r in tables.rows.get("plans", {}).values():
            pid = r["plan_id"]
            content = tables.rows.get("plan_texts", {}).get((pid,))
            if content is None:
                continue
            _put(root, r["text_file"].strip(), content["content"].encode("utf-8"))
        for r in tables.rows.get("files", {}).values():
            _put(root, r["path"], r["content"])
        out.mkdir(parents=True, exist_ok=True)
        for p in sorted(tmp.iterdir()):
            dest = out / p.name
            if dest.is_dir() and p.is_dir():
                shutil.copytree(p, dest, dirs_exist_ok=True)
            else:
                os.replace(p, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _put(root: Path, rel: str, data: bytes) -> None:
    p = (root / rel).resolve()
    if not p.is_relative_to(root):
        raise ValueError(f"refusing to write {rel!r} outside the data folder")
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


def _cell(row: dict, col: str) -> str:
    if col in row and col not in ("extra", "ord", "geom"):
        return format_cell(row[col])
    return str(row.get("extra", {}).get(col, ""))


def _write_csv(path: Path, table: str, tables: Tables) -> None:
    cols = tables.columns.get(table) or CORE[table]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in sorted(tables.rows.get(table, {}).values(), key=lambda r: r["ord"]):
        w.writerow([_cell(r, c) for c in cols])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _write_geojson(path: Path, table: str, tables: Tables) -> None:
    cols = tables.columns.get(table) or CORE[table]
    feats = []
    for r in sorted(tables.rows.get(table, {}).values(), key=lambda r: r["ord"]):
        geom = shapely.from_wkb(r["geom"])
        feats.append({"type": "Feature", "properties": {c: _cell(r, c) for c in cols}, "geometry": mapping(geom)})
    doc = {"type": "FeatureCollection", "name": tables.geojson_names.get(table, path.stem), "features": feats}
    indent = 1 if table == "parks" else None  # parks stay readable in a diff; outlines stay compact
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=indent), encoding="utf-8")
