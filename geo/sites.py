"""Correcting a park's site: read a boundary file in any common datum, check it, save it with provenance and history.

A planner fixes a park's site in one of three ways, each recorded in ``geometry_quality``:

- ``surveyed``: a boundary file from their GIS or CAD (:func:`read_boundary`: GeoJSON, KML/KMZ, zipped
  Shapefile, GeoPackage, DXF), in the datum or projection the file declares or, when it does not say,
  the one chosen (:func:`parse_crs`: WGS84, CGCS2000 geographic EPSG:4490, CGCS2000 3° Gauss–Krüger zones
  EPSG:4534–4554 or 4513–4533, any EPSG code, GCJ-02, BD-09). Stored as WGS84 through pyproj; GCJ-02 and
  BD-09 through the project's own converters (:mod:`geo.coords`).
- ``digitised``: a polygon drawn on a basemap in the app;
- ``moved``: the point dragged on the map.

:func:`check_site` refuses (:class:`~geo.errors.SiteRejectedError`) an invalid polygon that ``make_valid`` would
change meaningfully, a site outside the park's district (saying which district it falls in) and a boundary whose
area is implausible against the plan's stated ``area_km2``. :func:`save_site` writes the new geometry with its
provenance (``geometry_quality``, ``geometry_source``, ``geometry_editor``, ``geometry_date``) into
``parks.geojson`` and appends the previous geometry, with the provenance it had, to ``site_history.geojson``
(:data:`geo.settings.SITE_HISTORY_FILE`) in the same data folder: validated in a temporary copy, written
atomically, refused when either file changed since it was read (as adding a plan is).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from . import settings
from .coords import area_km2, convert, convert_gdf
from .errors import DataValidationError, Problem, SiteRejectedError, WriteConflictError
from .io import file_version, read_geojson
from .load import check_changes
from .messages import Message, msg
from .transaction import FileStore

#: Named datums/CRSs accepted for a file that does not declare its own (besides any ``EPSG:nnnn``).
CRS_NAMES: dict[str, str] = {
    "WGS84": "EPSG:4326",
    "CGCS2000": "EPSG:4490",
    "GCJ-02": "gcj02",
    "BD-09": "bd09",
}
#: CGCS2000 3° Gauss–Krüger zones around Chongqing (central meridian → EPSG, no zone prefix in the easting).
GK_ZONES = {105: "EPSG:4544", 108: "EPSG:4545", 111: "EPSG:4546"}
#: File suffixes read by :func:`read_boundary`, with the format named in messages.
FORMATS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".kml": "KML", ".kmz": "KMZ", ".zip": "zipped Shapefile",
    ".shp": "Shapefile", ".gpkg": "GeoPackage", ".dxf": "DXF",
}
#: Provenance qualities a correction can set.
CORRECTION_QUALITIES = ("surveyed", "digitised", "moved")
#: Park properties holding the provenance of a site.
PROVENANCE = ("geometry_quality", "geometry_source", "geometry_editor", "geometry_date")
_COORD_DECIMALS = 7  # ≈ 1 cm


# ----------------------------------------------------------------------------------------------- CRS choice


@dataclass(frozen=True)
class CrsChoice:
    """A coordinate system for a file's coordinates: a pyproj CRS, or a lon/lat datum without EPSG code."""

    label: str
    crs: CRS | None = None
    datum: str = "wgs84"  # wgs84 | gcj02 | bd09 (the latter two on lon/lat, through geo.coords)


def parse_crs(text: str | int | None) -> CrsChoice | None:
    """Parse a CRS choice: ``WGS84``, ``CGCS2000``, ``GCJ-02``, ``BD-09``, ``EPSG:4545`` or ``4545``.

    Parameters
    ----------
    text : str, int or None
        The choice as typed (case and ``-``/``_``/spaces do not matter); blank gives ``None``.

    Returns
    -------
    CrsChoice or None

    Raises
    ------
    ValueError
        For anything else, naming the accepted forms.
    """
    if text is None or str(text).strip() == "":
        return None
    raw = str(text).strip()
    key = raw.upper().replace("_", "").replace("-", "").replace(" ", "")
    for name, value in CRS_NAMES.items():
        if key == name.replace("-", ""):
            if value in ("gcj02", "bd09"):
                return CrsChoice(name, None, value)
            return CrsChoice(name, CRS.from_user_input(value))
    code = key[4:] if key.startswith("EPSG") else key
    code = code.lstrip(":")
    if code.isdigit():
        try:
            crs = CRS.from_epsg(int(code))
        except Exception:
            raise ValueError(msg("EPSG:{code} is not a known coordinate system", code=code)) from None
        return CrsChoice(f"EPSG:{code}", crs)
    raise ValueError(msg("unknown coordinate system '{crs}': use an EPSG code (e.g. EPSG:4545) or one of {choices}",
                         crs=raw, choices=list(CRS_NAMES)))


def crs_label(choice: CrsChoice) -> str:
    """Short human description of a choice, e.g. ``EPSG:4545 CGCS2000 / 3-degree Gauss-Kruger CM 108E``."""
    if choice.crs is None:
        return choice.label
    code = choice.crs.to_epsg()
    return f"EPSG:{code} {choice.crs.name}" if code else choice.crs.name


# ----------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Boundary:
    """A site read from a file: its WGS84 geometry and how it was read."""

    geometry: BaseGeometry
    file: str
    format: str
    crs: str
    crs_declared: bool
    n_features: int
    notes: tuple[Message, ...] = ()


def _refuse(file: str, message: Message, record: str | None = None, field_: str | None = None) -> SiteRejectedError:
    return SiteRejectedError([Problem(file, message, record=record, field=field_)])


def _layers(path: str) -> list[str]:
    import pyogrio

    return [str(name) for name, _ in pyogrio.list_layers(path)]


def _read_frames(path: Path, fmt: str, name: str) -> tuple[gpd.GeoDataFrame, bool]:
    """Every feature of every layer, with the CRS the file declares; and whether it declares one."""
    target = str(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            shps = [n for n in zf.namelist() if n.lower().endswith(".shp") and not n.startswith("__MACOSX")]
            prj = [n for n in zf.namelist() if n.lower().endswith(".prj")]
        if not shps:
            raise _refuse(name, msg("the zip holds no .shp file; zip the .shp with its .shx, .dbf and .prj"))
        target = f"/vsizip/{path}/{shps[0]}"
        declared = bool(prj)
    elif fmt == "Shapefile":
        declared = path.with_suffix(".prj").exists()
    else:
        declared = fmt in ("KML", "KMZ", "GeoPackage")
    frames = []
    try:
        for layer in _layers(target):
            gdf = gpd.read_file(target, layer=layer, engine="pyogrio")
            if len(gdf):
                frames.append(gdf)
    except SiteRejectedError:
        raise
    except Exception as exc:  # GDAL errors of many kinds
        raise _refuse(name, msg("cannot be read as {format}: {error}", format=fmt, error=str(exc))) from None
    if not frames:
        raise _refuse(name, msg("has no features ({format})", format=fmt))
    crs = next((f.crs for f in frames if f.crs is not None), None)
    frames = [f.set_crs(crs, allow_override=True) if crs is not None else f for f in frames]
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=crs)
    if fmt == "GeoJSON":
        try:
            doc = json.loads(path.read_bytes().decode("utf-8-sig"))
            declared = isinstance(doc, dict) and bool(doc.get("crs"))
        except (ValueError, UnicodeDecodeError):
            declared = False
    if fmt == "DXF":
        declared = False
    if not declared or gdf.crs is None:
        gdf = gdf.set_crs(None, allow_override=True)
    return gdf, declared and gdf.crs is not None


def _polygonal(geoms: list[BaseGeometry]) -> tuple[list[BaseGeometry], list[BaseGeometry]]:
    """Polygons (closed lines, as CAD draws a boundary, become polygons) and points among the geometries."""
    polys, points, lines = [], [], []
    for g in geoms:
        if g is None or g.is_empty:
            continue
        for part in getattr(g, "geoms", [g]):
            if part.geom_type in ("Polygon", "MultiPolygon"):
                polys.append(part)
            elif part.geom_type == "Point":
                points.append(part)
            elif part.geom_type in ("LineString", "LinearRing", "MultiLineString"):
                lines.append(part)
    closed = [ln for ln in lines if ln.geom_type != "MultiLineString" and ln.is_closed and len(ln.coords) >= 4]
    if closed:
        polys.extend(shapely.get_parts(shapely.polygonize(closed)))
    return polys, points


def _lonlat_like(geom: BaseGeometry) -> bool:
    xy = shapely.get_coordinates(geom)
    return bool(len(xy)) and bool((np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all())


def _suggest_projection(x: float) -> str:
    if x >= 1e7:  # easting with the zone number in front (EPSG:4513–4533)
        zone = int(x // 1e6)
        if 25 <= zone <= 45:
            return f"EPSG:{4513 + zone - 25} (CGCS2000 3° Gauss–Krüger zone {zone})"
    return ("EPSG:4544 (CGCS2000 3° Gauss–Krüger, central meridian 105°E, for sites west of about 106.5°E) "
            "or EPSG:4545 (108°E, east of it)")


def _select(gdf: gpd.GeoDataFrame, park: dict | None) -> gpd.GeoDataFrame:
    """Features naming the park (its id or Chinese name in any text attribute), else all of them."""
    if park is None or len(gdf) <= 1:
        return gdf
    keys = {str(park.get("park_id", "")).strip(), str(park.get("name_zh", "")).strip()} - {""}
    text_cols = [c for c in gdf.columns if c != "geometry" and (gdf[c].dtype == object or pd.api.types.is_string_dtype(gdf[c]))]
    if not keys or not text_cols:
        return gdf
    hit = np.zeros(len(gdf), dtype=bool)
    for c in text_cols:
        hit |= gdf[c].astype(str).str.strip().isin(keys).to_numpy()
    return gdf[hit] if hit.any() else gdf


def read_boundary(
    path: str | os.PathLike,
    data: bytes | None = None,
    crs: str | CrsChoice | None = None,
    park: dict | None = None,
) -> Boundary:
    """Read a park's site from a GIS/CAD file and return it in WGS84.

    Parameters
    ----------
    path : path-like
        The file (its suffix picks the format: .geojson/.json, .kml, .kmz, .zip (Shapefile), .shp, .gpkg, .dxf).
    data : bytes, optional
        Content to read instead of ``path`` (an upload; ``path`` then only gives the name).
    crs : str or CrsChoice, optional
        The file's coordinate system when it does not declare one (see :func:`parse_crs`). GCJ-02 and BD-09
        apply on top of the lon/lat a file declares as WGS84 (Gaode/Baidu exports label themselves so).
    park : dict, optional
        The park's properties: when the file holds several features, those naming the park are taken.

    Returns
    -------
    Boundary
        The union of the polygons (or the one point) of the selected features.

    Raises
    ------
    SiteRejectedError
        Naming the file and what is wrong.
    """
    p = Path(path)
    name = p.name
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise _refuse(name, msg("unsupported file type '{suffix}'; use {choices}", suffix=p.suffix,
                                choices=sorted(set(FORMATS.values()))))
    try:
        choice = parse_crs(crs) if not isinstance(crs, CrsChoice) else crs
    except ValueError as exc:
        raise _refuse(name, exc.args[0], field_="crs") from None
    with tempfile.TemporaryDirectory(prefix="parkmap-site-") as tmp:
        if data is not None:
            src = Path(tmp) / name
            src.write_bytes(data)
        else:
            if not p.exists():
                raise _refuse(name, msg("file not found"))
            src = p
        gdf, declared = _read_frames(src, fmt, name)
        gdf = _select(gdf, park)
        n = len(gdf)
        notes: list[Message] = []
        if declared:
            file_crs = CRS.from_user_input(gdf.crs)
            label = crs_label(CrsChoice("", file_crs))
            if choice is not None and choice.crs is not None and not file_crs.equals(choice.crs):
                both_geo = file_crs.is_geographic and choice.crs.is_geographic
                if not both_geo:
                    raise _refuse(name, msg("the file declares {declared} but {chosen} was chosen; leave the choice "
                                            "empty to use the file's own", declared=label, chosen=crs_label(choice)),
                                  field_="crs")
                notes.append(msg("the file declares {declared}; used that ({chosen} differs by centimetres)",
                                 declared=label, chosen=crs_label(choice)))
            gdf = gdf.to_crs(settings.CRS_WGS84)
            datum = choice.datum if choice is not None else "wgs84"
            if datum != "wgs84":
                if not file_crs.is_geographic:
                    raise _refuse(name, msg("{chosen} applies to longitude/latitude, but the file is in {declared}",
                                            chosen=choice.label, declared=label), field_="crs")
                gdf = convert_gdf(gdf, datum, "wgs84")
                label += f" read as {choice.label}"
        else:
            if choice is None:
                sample = shapely.get_coordinates(gdf.geometry.dropna().iloc[0]) if gdf.geometry.notna().any() else None
                if sample is not None and len(sample) and not _lonlat_like(gdf.geometry.dropna().iloc[0]):
                    raise _refuse(
                        name,
                        msg("the file does not say its coordinate system and its coordinates ({x:.1f}, {y:.1f}) are "
                            "not longitude/latitude: choose the projection, e.g. {suggestion}", x=sample[0][0],
                            y=sample[0][1], suggestion=_suggest_projection(float(sample[0][0]))),
                        field_="crs",
                    )
                choice = CrsChoice("WGS84", CRS.from_user_input(settings.CRS_WGS84))
                notes.append(msg("the file does not say its coordinate system: read as WGS84 longitude/latitude"))
            label = crs_label(choice)
            if choice.crs is not None:
                gdf = gdf.set_crs(choice.crs, allow_override=True).to_crs(settings.CRS_WGS84)
            else:
                if not all(_lonlat_like(g) for g in gdf.geometry.dropna()):
                    raise _refuse(name, msg("{chosen} needs longitude/latitude, but the coordinates are not",
                                            chosen=choice.label), field_="crs")
                gdf = convert_gdf(gdf.set_crs(settings.CRS_WGS84, allow_override=True), choice.datum, "wgs84")
    geoms = [g for g in gdf.geometry if g is not None and not g.is_empty]
    if not geoms:
        raise _refuse(name, msg("has no geometry"))
    if not all(np.isfinite(shapely.get_coordinates(g)).all() for g in geoms):
        raise _refuse(name, msg("coordinates did not convert from {declared} (is that the right coordinate system?)",
                                declared=label))
    polys, points = _polygonal(geoms)
    if polys:
        geom = shapely.union_all([shapely.make_valid(g) if not g.is_valid else g for g in polys]) \
            if len(polys) > 1 else polys[0]
        if len(polys) > 1:
            notes.append(msg("{n} polygons merged into one site", n=len(polys)))
    elif len(points) == 1:
        geom = points[0]
    elif points:
        raise _refuse(name, msg("holds {n} points and no polygon: a site is one point or a boundary", n=len(points)))
    else:
        raise _refuse(name, msg("holds no polygon or point (lines must be closed to form a boundary)"))
    return Boundary(geometry=geom, file=name, format=fmt, crs=label, crs_declared=declared, n_features=n,
                    notes=tuple(notes))


def geometry_from_geojson(obj: dict | str, datum: str = "wgs84") -> BaseGeometry:
    """A WGS84 geometry from a GeoJSON geometry or Feature (as the map returns it) in a display datum.

    Parameters
    ----------
    obj : dict or str
        GeoJSON ``Feature`` or geometry (lon/lat).
    datum : str
        Datum of its coordinates (``gcj02`` when drawn on the Gaode basemap).

    Returns
    -------
    shapely geometry
    """
    doc = json.loads(obj) if isinstance(obj, str) else obj
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = doc.get("geometry")
    if not isinstance(doc, dict):
        raise _refuse(settings.PARKS_FILE, msg("the drawing has no geometry"))
    try:
        geom = shape(doc)
    except Exception as exc:
        raise _refuse(settings.PARKS_FILE, msg("the drawing cannot be read: {error}", error=str(exc))) from None
    if datum != "wgs84":
        geom = shapely.transform(geom, lambda xy: np.column_stack(convert(xy[:, 0], xy[:, 1], datum, "wgs84")))
    return geom


# ----------------------------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class SiteCheck:
    """A site that passed :func:`check_site`: the geometry to store and what was noticed."""

    geometry: BaseGeometry
    area_km2: float | None
    notes: tuple[Message, ...] = ()


def _record(park: dict) -> str:
    return " ".join(str(x) for x in (park.get("park_id", ""), park.get("name_zh", "")) if x)


def _repair(geom: BaseGeometry, file: str, rec: str) -> tuple[BaseGeometry, list[Message]]:
    """A valid (Multi)Polygon; refused when make_valid would change its parts or area meaningfully."""
    if geom.is_valid:
        return geom, []
    reason = shapely.is_valid_reason(geom)
    fixed = shapely.make_valid(geom)
    parts = [g for g in shapely.get_parts(fixed) if g.geom_type in ("Polygon", "MultiPolygon")]
    fixed_poly = shapely.union_all(parts) if parts else None
    before = shapely.get_num_geometries(geom)
    after = shapely.get_num_geometries(fixed_poly) if fixed_poly is not None else 0
    a0, a1 = geom.buffer(0).area, (fixed_poly.area if fixed_poly is not None else 0.0)
    change = abs(a1 - a0) / a0 if a0 > 0 else 1.0
    if fixed_poly is None or after != before or change > settings.SITE_REPAIR_TOLERANCE:
        raise _refuse(
            file,
            msg("the polygon is invalid ({reason}) and repairing it would change its shape ({before} part(s) → "
                "{after}, area {change:.0%} different): fix it in the GIS and export it again", reason=reason,
                before=before, after=after, change=change),
            rec, "geometry",
        )
    return fixed_poly, [msg("invalid polygon repaired ({reason}); area changed by {change:.2%}", reason=reason,
                            change=change)]


def which_district(geom: BaseGeometry, districts: gpd.GeoDataFrame) -> str | None:
    """The district holding most of a site (its point, or the largest share of its area); ``None`` if none."""
    if geom.geom_type == "Point":
        hit = districts[districts.covers(geom)]
        return str(hit["district"].iloc[0]) if len(hit) else None
    shares = shapely.area(shapely.intersection(np.asarray(districts.geometry.values), geom))
    if not len(shares) or float(shares.max()) <= 0:
        return None
    return str(districts["district"].iloc[int(np.argmax(shares))])


def check_site(
    geom: BaseGeometry,
    park: dict,
    districts: gpd.GeoDataFrame,
    file: str = settings.PARKS_FILE,
) -> SiteCheck:
    """Check a new site of a park: a valid point or (Multi)Polygon, inside its district, of plausible area.

    Parameters
    ----------
    geom : shapely geometry
        The new site in WGS84.
    park : dict
        The park's properties (``park_id``, ``name_zh``, ``district``, ``area_km2``).
    districts : geopandas.GeoDataFrame
        District polygons (``district`` column, WGS84).
    file : str
        Where the site comes from, for messages.

    Returns
    -------
    SiteCheck

    Raises
    ------
    SiteRejectedError
        Naming the file, the park and what is wrong (the district it falls in; both areas).
    """
    rec = _record(park)
    notes: list[Message] = []
    if geom is None or geom.is_empty:
        raise _refuse(file, msg("the site is empty"), rec, "geometry")
    if geom.has_z:
        geom = shapely.force_2d(geom)
    if geom.geom_type not in ("Point", "Polygon", "MultiPolygon"):
        raise _refuse(file, msg("a site is a Point or a (Multi)Polygon, not a {type}", type=geom.geom_type), rec,
                      "geometry")
    if not np.isfinite(shapely.get_coordinates(geom)).all():
        raise _refuse(file, msg("coordinates must be numbers"), rec, "geometry")
    if geom.geom_type != "Point":
        geom, repaired = _repair(geom, file, rec)
        notes += repaired
    new_area = None
    if geom.geom_type != "Point":
        new_area = float(area_km2(geom))
        stated = _num(park.get("area_km2"))
        lo, hi = settings.SITE_AREA_RATIO
        if stated and stated > 0 and not (lo * stated <= new_area <= hi * stated):
            raise _refuse(
                file,
                msg("the boundary's area is {area:.3g} km² but the plan states {stated:g} km² (accepted: ×{lo:g}–×{hi:g}, "
                    "{low:.3g}–{high:.3g} km²): wrong park, wrong units or wrong coordinate system?", area=new_area,
                    stated=stated, lo=lo, hi=hi, low=lo * stated, high=hi * stated),
                rec, "area_km2",
            )
    district = str(park.get("district", ""))
    own = districts[districts["district"] == district]
    if not len(own):
        raise _refuse(file, msg("the park's district '{district}' is not in districts.geojson", district=district), rec,
                      "district")
    area_geom = own.geometry.iloc[0]
    c = geom if geom.geom_type == "Point" else geom.representative_point()
    if geom.geom_type == "Point":
        inside = area_geom.buffer(1e-6).covers(geom)
    else:
        outside = geom.difference(area_geom).area / geom.area if geom.area > 0 else 1.0
        inside = area_geom.buffer(1e-6).covers(c) and outside <= settings.SITE_OUTSIDE_TOLERANCE
        if inside and outside > 0.001:
            notes.append(msg("{share:.1%} of the boundary lies outside {district}'s indicative outline", share=outside,
                             district=district))
    if not inside:
        other = which_district(geom, districts)
        if other == district:  # mostly inside, but too much of it outside
            where = msg("{share:.0%} of it lies outside (more than {limit:.0%})", share=outside,
                        limit=settings.SITE_OUTSIDE_TOLERANCE)
        else:
            where = msg("it falls in {district}", district=other) if other else \
                msg("it falls outside every district of the map")
        swapped = shapely.transform(geom, lambda xy: xy[:, ::-1])
        hint = msg("; longitude and latitude look swapped") if which_district(swapped, districts) == district else ""
        raise _refuse(
            file,
            msg("the site is not inside the park's district {district}: {where} (at {x:.5f}, {y:.5f}){hint}; check "
                "the coordinate system chosen for the file", district=district, where=where, x=c.x, y=c.y, hint=hint),
            rec, "geometry",
        )
    return SiteCheck(geometry=geom, area_km2=new_area, notes=tuple(notes))


def _num(v: object) -> float | None:
    try:
        f = float(str(v).strip()) if v not in (None, "") else None
    except ValueError:
        return None
    return f if f is not None and math.isfinite(f) else None


# ----------------------------------------------------------------------------------------------- saving


@dataclass(frozen=True)
class SiteChange:
    """What a saved correction changed."""

    park_id: str
    quality: str
    previous_quality: str
    geometry: BaseGeometry
    previous_geometry: BaseGeometry | None
    area_km2: float | None
    notes: tuple[Message, ...] = field(default_factory=tuple)

    def summary(self, quality_label: Callable[[str], str] = str) -> Message:
        """One line: park, quality, new site and area (English; ``.text("zh")`` in Chinese).

        Parameters
        ----------
        quality_label : callable, optional
            Quality code → the word shown for it (default the code).
        """
        g = self.geometry
        if g.geom_type == "Point":
            where = msg("point {x:.5f}, {y:.5f}", x=g.x, y=g.y)
        else:
            c = g.representative_point()
            where = msg("{type} of {area:.3g} km² around {x:.5f}, {y:.5f}", type=g.geom_type, area=self.area_km2,
                        x=c.x, y=c.y)
        old = quality_label(self.previous_quality) if self.previous_quality else "?"
        return msg("{park_id}: {old} → {new}, {where}", park_id=self.park_id, old=old, new=quality_label(self.quality),
                   where=where)


def read_versions(data_dir: str | Path = settings.DATA_DIR) -> dict[str, str]:
    """Content versions of the files a site save touches, to pass to :func:`save_site` later."""
    d = Path(data_dir)
    return {n: file_version(d / n) for n in (settings.PARKS_FILE, settings.SITE_HISTORY_FILE)}


def _round(geom: BaseGeometry) -> dict:
    return json.loads(shapely.to_geojson(shapely.set_precision(geom, 10 ** -_COORD_DECIMALS)))


def read_history(data_dir: str | Path = settings.DATA_DIR, park_id: str | None = None) -> pd.DataFrame:
    """Earlier sites kept in ``site_history.geojson`` (newest first), optionally of one park.

    Returns
    -------
    pandas.DataFrame
        One row per replaced site: ``park_id``, ``replaced_at``, ``replaced_by``, the previous
        provenance (``geometry_quality`` …), the new quality and source, and ``geometry`` (WGS84).
    """
    p = Path(data_dir) / settings.SITE_HISTORY_FILE
    cols = ["park_id", "replaced_at", "replaced_by", "new_quality", "new_source", *PROVENANCE, "geometry"]
    if not p.exists():
        return pd.DataFrame(columns=cols)
    gdf = read_geojson(p)
    if park_id is not None and "park_id" in gdf.columns:
        gdf = gdf[gdf["park_id"] == park_id]
    out = pd.DataFrame(gdf)
    for c in cols:
        if c not in out.columns:
            out[c] = ""
    return out.sort_values("replaced_at", ascending=False, kind="stable")[cols].reset_index(drop=True)


def site_change(
    data_dir: str | Path,
    park_id: str,
    geom: BaseGeometry,
    quality: str,
    source: str,
    editor: str,
    when: date | None = None,
    file: str = settings.PARKS_FILE,
) -> tuple[dict[str, bytes], SiteChange]:
    """Check a park's new site and build the files that record it (nothing is written).

    The new ``parks.geojson`` carries the site and its provenance; ``site_history.geojson`` keeps the previous
    site. Hand the files to a store (:meth:`geo.store.Store.apply`) or use :func:`save_site`.

    Parameters
    ----------
    data_dir : path-like
        A data folder with the current content.
    park_id, geom, quality, source, editor, when, file
        As for :func:`save_site`.

    Returns
    -------
    files : dict
        File name → new content.
    change : SiteChange

    Raises
    ------
    SiteRejectedError
        The site was refused.
    DataValidationError
        The data folder would not validate afterwards.
    """
    d = Path(data_dir)
    if quality not in CORRECTION_QUALITIES:
        raise _refuse(file, msg("quality must be one of {choices}, not '{quality}'", choices=CORRECTION_QUALITIES,
                                quality=quality), park_id, "geometry_quality")
    editor, source = str(editor or "").strip(), str(source or "").strip()
    if not editor:
        raise _refuse(file, msg("name the editor of the correction"), park_id, "geometry_editor")
    if not source:
        raise _refuse(file, msg("say where the site comes from"), park_id, "geometry_source")
    parks_path, hist_path = d / settings.PARKS_FILE, d / settings.SITE_HISTORY_FILE
    doc = json.loads(parks_path.read_bytes().decode("utf-8-sig"))
    feats = doc.get("features") or []
    idx = next((i for i, f in enumerate(feats) if (f.get("properties") or {}).get("park_id") == park_id), None)
    if idx is None:
        raise _refuse(file, msg("no park with id '{park_id}' in {file}", park_id=park_id, file=settings.PARKS_FILE),
                      park_id, "park_id")
    feat = feats[idx]
    props = dict(feat.get("properties") or {})
    districts = read_geojson(d / settings.DISTRICTS_FILE)
    checked = check_site(geom, props, districts, file)
    old_geom = shape(feat["geometry"]) if feat.get("geometry") else None
    stamp = datetime.now().astimezone()
    day = (when or stamp.date()).isoformat()

    history = {"type": "FeatureCollection", "name": "site_history", "features": []}
    if hist_path.exists():
        history = json.loads(hist_path.read_bytes().decode("utf-8-sig"))
    history.setdefault("features", []).append({
        "type": "Feature",
        "properties": {
            "park_id": park_id,
            "name_zh": str(props.get("name_zh", "")),
            "replaced_at": stamp.isoformat(timespec="seconds"),
            "replaced_by": editor,
            "new_quality": quality,
            "new_source": source,
            **{k: str(props.get(k, "") or "") for k in PROVENANCE},
            "location_note": str(props.get("location_note", "") or ""),
            **({"location_note_zh": str(props.get("location_note_zh", "") or "")} if "location_note_zh" in props else {}),
            **({"uncertainty_m": str(props.get("uncertainty_m", ""))} if "uncertainty_m" in props else {}),
        },
        "geometry": feat.get("geometry"),
    })
    old_quality = str(props.get("geometry_quality", ""))
    props.update(geometry_quality=quality, geometry_source=source, geometry_editor=editor, geometry_date=day)
    kind = {"surveyed": "boundary from a GIS/CAD file", "digitised": "drawn on a basemap",
            "moved": "point moved on the map"}[quality]
    kind_zh = {"surveyed": "边界来自 GIS/CAD 文件", "digitised": "在底图上绘制", "moved": "在地图上移动点位"}[quality]
    props["location_note"] = f"corrected {day} by {editor}: {kind} ({source})"
    props["location_note_zh"] = f"{day} 由 {editor} 校正：{kind_zh}（{source}）"
    if "uncertainty_m" in props:
        props["uncertainty_m"] = ""  # the planner's site replaces the proxy's stated uncertainty
    feats[idx] = {**feat, "properties": props, "geometry": _round(checked.geometry)}
    files = {
        settings.PARKS_FILE: json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"),
        settings.SITE_HISTORY_FILE: json.dumps(history, ensure_ascii=False, indent=1).encode("utf-8"),
    }
    problems = check_changes(d, files)
    if problems:
        raise DataValidationError(problems)
    change = SiteChange(
        park_id=park_id, quality=quality, previous_quality=old_quality, geometry=checked.geometry,
        previous_geometry=old_geom, area_km2=checked.area_km2, notes=checked.notes,
    )
    return files, change


def save_site(
    data_dir: str | Path,
    park_id: str,
    geom: BaseGeometry,
    quality: str,
    source: str,
    editor: str,
    versions: dict[str, str] | None = None,
    when: date | None = None,
    file: str = settings.PARKS_FILE,
) -> SiteChange:
    """Check a park's new site and save it with its provenance; keep the previous one in the history file.

    Parameters
    ----------
    data_dir : path-like
        The data folder.
    park_id : str
    geom : shapely geometry
        New site, WGS84 (from :func:`read_boundary`, :func:`geometry_from_geojson` or a dragged point).
    quality : {"surveyed", "digitised", "moved"}
    source : str
        Where the site comes from (file name and its coordinate system, basemap drawn on …).
    editor : str
        Who made the correction.
    versions : dict, optional
        From :func:`read_versions` when the page was opened; default: read now (no conflict window).
    when : datetime.date, optional
        Date of the correction (default today).
    file : str
        Name of the input for messages (the boundary file's name).

    Returns
    -------
    SiteChange

    Raises
    ------
    SiteRejectedError
        The site was refused (nothing written).
    WriteConflictError
        Someone else saved parks.geojson or the history since ``versions`` (nothing written).
    DataValidationError
        The data folder would not validate afterwards (nothing written).
    """
    d = Path(data_dir)
    versions = dict(versions) if versions is not None else read_versions(d)
    store = FileStore(d)
    store.recover()
    changed = [n for n in (settings.PARKS_FILE, settings.SITE_HISTORY_FILE) if file_version(d / n) != versions.get(n, "")]
    if changed:
        raise WriteConflictError(msg(
            "{files} changed since you opened the page (someone else saved); reload to see their changes, then "
            "correct the site again — nothing was written", files=changed))
    files, change = site_change(d, park_id, geom, quality, source, editor, when, file)
    store.apply(files, {rel: versions.get(rel, "") for rel in files})
    return change


def park_properties(data_dir: str | Path, park_id: str) -> dict:
    """The stored properties of one park (raises :class:`SiteRejectedError` if there is none)."""
    doc = json.loads((Path(data_dir) / settings.PARKS_FILE).read_bytes().decode("utf-8-sig"))
    for f in doc.get("features") or []:
        props = f.get("properties") or {}
        if props.get("park_id") == park_id:
            return dict(props)
    raise _refuse(settings.PARKS_FILE, msg("no park with id '{park_id}'", park_id=park_id), park_id, "park_id")
