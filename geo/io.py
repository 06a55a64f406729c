"""Tolerant file readers (CSV/XLSX/GeoJSON, UTF-8/BOM/GBK) and atomic, versioned writers."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry import shape

from .errors import DataValidationError, Problem, WriteConflictError
from .messages import msg
from .settings import CRS_WGS84
from .transaction import FileStore, keep_version

_ENCODINGS = ("utf-8-sig", "gb18030")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_EXCEL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} 00:00:00$")
_NUL_STANDIN = "\U0010fffd"  # a private-use character standing in for NUL while pandas parses
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode file bytes as UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, or GBK/GB18030.

    Parameters
    ----------
    data : bytes
        Raw file content.
    name : str
        File name for the error message.

    Returns
    -------
    str
    """
    for bom, codec in _BOMS:  # a byte-order mark tells the encoding (UTF-32's LE mark starts like UTF-16's)
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break
            if _plausible(text):
                return text
            break  # binary that happens to start like a mark
    for enc in _ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DataValidationError(
        [Problem(name, msg("text is neither UTF-8 nor GBK/GB18030; save it as UTF-8"))]
    )


def check_size(path: str | os.PathLike, size: int | None = None) -> None:
    """Refuse a file larger than :data:`geo.settings.MAX_FILE_MB` before reading it (DataValidationError)."""
    from . import settings

    p = Path(path)
    n = p.stat().st_size if size is None else size
    if n > settings.MAX_FILE_MB * 2**20:
        raise DataValidationError([Problem(
            p.name, msg("is {mb:.0f} MB, more than the {limit:g} MB this tool reads; split it or set "
                        "PARKMAP_MAX_FILE_MB to a larger limit", mb=n / 2**20, limit=settings.MAX_FILE_MB))])


def _plausible(text: str) -> bool:
    """Decoded text rather than binary read as text: no unassigned, private-use or surrogate code points and no
    control characters other than tab, line breaks and form feeds."""
    return not any(
        (ch < " " and ch not in "\t\n\r\x0b\x0c") or unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in text
    )


def read_text(path: str | os.PathLike) -> str:
    """Read a text file in UTF-8, UTF-8 with BOM, or GBK/GB18030."""
    p = Path(path)
    check_size(p)
    return decode_bytes(p.read_bytes(), p.name)


def parse_number(value: object) -> float | None:
    """Parse a number as people type it; ``None`` for blank.

    Accepts full-width digits, thousands separators (``1,234.5``) and surrounding
    spaces. Raises ``ValueError`` for anything ambiguous or non-numeric.

    Parameters
    ----------
    value : object
        Cell content.

    Returns
    -------
    float or None
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, (int, float)):
        if value != value:  # NaN
            return None
        try:
            out = float(value)
        except OverflowError:
            raise ValueError(f"not a number: {value!r}") from None
        if out in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {value!r}")
        return out
    s = unicodedata.normalize("NFKC", str(value)).strip().replace("\u3000", "")
    if s == "" or s.lower() in {"nan", "none", "null"}:
        return None
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        raise ValueError(f"not a number: {value!r}")
    out = float(s)
    if out != out or out in (float("inf"), float("-inf")):
        raise ValueError(f"not a number: {value!r}")
    return out


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_number(s: str) -> float | None:
    """Parse a Chinese numeral (``百`` → 100, ``一千一百`` → 1100, ``五十`` → 50); ``None`` if not one."""
    if not s or any(c not in CN_DIGITS and c not in CN_UNITS for c in s):
        return None
    total, section, digit = 0, 0, None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        else:
            u = CN_UNITS[c]
            if u == 10000:  # "万" alone and "十万" are 1 and 10 of 万, not 0
                section = (section + (digit if digit is not None else (0 if section else 1))) * u
                total += section
                section = 0
            else:
                section += (1 if digit is None else digit) * u
            digit = None
    return float(total + section + (digit or 0))


def read_table(path: str | os.PathLike, data: bytes | None = None) -> pd.DataFrame:
    """Read a CSV (UTF-8/BOM/GBK) or XLSX file with every cell as text.

    Parameters
    ----------
    path : path-like
        File path; its suffix picks the format.
    data : bytes, optional
        Content to parse instead of reading ``path`` (uploads).

    Returns
    -------
    pandas.DataFrame
        Columns stripped of spaces and BOM; empty cells are ``""``.
    """
    p = Path(path)
    check_size(p, None if data is None else len(data))
    raw = p.read_bytes() if data is None else data
    xlsx = p.suffix.lower() in (".xlsx", ".xlsm") or raw[:4] == b"PK\x03\x04"
    try:
        if xlsx:
            df = pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            text = decode_bytes(raw, p.name)
            nul = "\x00" in text  # pandas' parser drops NUL: carry it through so the validator can name the cell
            if nul:
                text = text.replace("\x00", _NUL_STANDIN)
            first = text.split("\n", 1)[0]
            sep = "\t" if "\t" in first and "," not in first else ","  # tab-separated "Unicode text" from Excel
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep)
    except DataValidationError:
        raise
    except Exception as exc:  # parser errors of many kinds
        raise DataValidationError([Problem(p.name, msg("cannot be read as a table: {error}", error=str(exc)))]) from None
    df.columns = [str(c).strip().lstrip("\ufeff") for c in df.columns]
    df = df.astype(object).fillna("").map(lambda v: str(v))
    if not xlsx and nul:
        df = df.map(lambda v: v.replace(_NUL_STANDIN, "\x00"))
        df.columns = [c.replace(_NUL_STANDIN, "\x00") for c in df.columns]
    if xlsx:  # Excel date cells come back as "2023-01-05 00:00:00"
        df = df.map(lambda v: v[:10] if _EXCEL_DATE.match(v) else v)
    return df


def _feature_record(props: dict) -> str | None:
    """Id and name of a feature for messages, e.g. ``hc-nanxi 南溪组团``."""
    rid = props.get("park_id") or props.get("district") or ""
    name = props.get("name_zh") if props.get("park_id") else ""
    out = " ".join(str(x) for x in (rid, name) if x not in (None, ""))
    return out or None


def _crs_of(doc: dict, name: str) -> CRS:
    crs = doc.get("crs")
    if not crs:
        return CRS.from_user_input(CRS_WGS84)
    try:
        props = crs.get("properties", {}) if isinstance(crs, dict) else {}
        return CRS.from_user_input(props.get("name") or crs)
    except Exception:
        raise DataValidationError(
            [Problem(name, msg("unknown 'crs' member {crs!r}; use WGS84 (EPSG:4326)", crs=crs), field="crs")]
        ) from None


def read_geojson(path: str | os.PathLike, data: bytes | None = None, datum: str = "wgs84") -> gpd.GeoDataFrame:
    """Read a GeoJSON FeatureCollection into a WGS84 GeoDataFrame.

    A ``crs`` member (legacy GeoJSON) is honoured and reprojected to WGS84.
    Features with a missing or unparsable geometry are reported, not dropped.

    Parameters
    ----------
    path : path-like
        File path (used for messages when ``data`` is given).
    data : bytes, optional
        Content to parse instead of reading ``path``.
    datum : str
        Datum the coordinates are on: ``wgs84`` (default), ``gcj02`` (Gaode, Tencent) or
        ``bd09`` (Baidu); non-WGS84 input is converted to WGS84.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    p = Path(path)
    check_size(p, None if data is None else len(data))
    raw = p.read_bytes() if data is None else data
    text = decode_bytes(raw, p.name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataValidationError(
            [Problem(p.name, msg("is not valid JSON (line {line}, column {column}: {error})", line=exc.lineno,
                                column=exc.colno, error=exc.msg))]
        ) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataValidationError([Problem(p.name, msg("must be a GeoJSON FeatureCollection"))])
    feats = doc.get("features")
    if not isinstance(feats, list):
        raise DataValidationError([Problem(p.name, msg("has no 'features' list"))])
    problems: list[Problem] = []
    rows: list[dict] = []
    geoms: list = []
    for i, f in enumerate(feats, start=1):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            problems.append(Problem(p.name, msg("is not a GeoJSON Feature"), row=i))
            continue
        props = f.get("properties") or {}
        if not isinstance(props, dict):
            problems.append(Problem(p.name, msg("'properties' must be an object"), row=i, field="properties"))
            continue
        g = f.get("geometry")
        rec = _feature_record(props)
        try:
            geom = shape(g) if g else None
            if geom is not None and not shapely.is_valid_input(geom):
                geom = None
        except Exception as exc:
            problems.append(Problem(p.name, msg("geometry cannot be read: {error}", error=str(exc)), row=i, field="geometry",
                                    record=rec))
            continue
        if geom is not None and not geom.is_empty and not np.isfinite(shapely.get_coordinates(geom)).all():
            problems.append(
                Problem(p.name, msg("coordinates must be numbers (found NaN or Infinity)"), row=i, field="geometry", record=rec)
            )
            continue
        rows.append(props)
        geoms.append(geom)
    if problems:
        raise DataValidationError(problems)
    crs = _crs_of(doc, p.name)
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=gpd.GeoSeries(geoms, crs=crs))
    if not crs.equals(CRS.from_user_input(CRS_WGS84)) and crs.name != "WGS 84 (CRS84)":
        gdf = gdf.to_crs(CRS_WGS84)
    else:
        gdf = gdf.set_crs(CRS_WGS84, allow_override=True)
    if datum != "wgs84":
        from .coords import DATUMS, convert_gdf

        if datum not in DATUMS:
            raise DataValidationError([Problem(p.name, msg("unknown datum '{datum}' (use {choices})", datum=datum,
                                                                choices=list(DATUMS)))])
        gdf = convert_gdf(gdf, datum, "wgs84")
    return gdf


def file_version(path: str | os.PathLike) -> str:
    """Content hash of a file (``""`` if missing), used for optimistic concurrency."""
    p = Path(path)
    if not p.exists():
        return ""
    return hashlib.sha256(p.read_bytes()).hexdigest()


@contextlib.contextmanager
def _locked(path: Path, enabled: bool = True) -> Iterator[None]:
    """Hold the exclusive lock of ``path``'s folder (the one :class:`geo.transaction.FileStore` takes)."""
    if not enabled:
        yield
        return
    with FileStore(path.parent).lock():
        yield


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _versions_dir(path: Path) -> Path:
    return path.parent / ".versions"


def atomic_write(
    path: str | os.PathLike,
    data: bytes | str,
    expected_version: str | None = None,
    keep_previous: bool = True,
) -> str:
    """Write a file atomically, keeping the previous version.

    The new content goes to a temporary file in the same folder, is flushed to
    disk and renamed over the target. The old file is copied to ``.versions/``
    first. With ``expected_version`` (from :func:`file_version`), the write is
    refused with :class:`WriteConflictError` if the file changed meanwhile.

    Parameters
    ----------
    path : path-like
        Target file.
    data : bytes or str
        New content (str is written as UTF-8).
    expected_version : str, optional
        Version the caller read; ``None`` skips the check.
    keep_previous : bool
        Copy the current file to ``.versions/`` before replacing it.

    Returns
    -------
    str
        The new version.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with _locked(p, enabled=expected_version is not None or keep_previous):
        if expected_version is not None:
            current = file_version(p)
            if current != expected_version:
                raise WriteConflictError(msg(
                    "{file} was changed by someone else since you opened it; reload to see their changes, then "
                    "apply yours again", file=p.name))
        if keep_previous and p.exists():
            keep_version(p)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, (p.stat().st_mode & 0o777) if p.exists() else 0o666 & ~_umask())
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    return hashlib.sha256(payload).hexdigest()


def previous_versions(path: str | os.PathLike) -> list[Path]:
    """Earlier versions of a file kept by :func:`atomic_write`, oldest first."""
    p = Path(path)
    vdir = _versions_dir(p)
    if not vdir.exists():
        return []
    return sorted(vdir.glob(f"{p.name}.*"))
