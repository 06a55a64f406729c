"""Place each park at its best honest point and write data/park_sites.csv."""

# Inputs: data/gazetteer.csv (GeoNames places, see scripts/build_gazetteer.py)
# and data/districts.geojson (scripts/build_districts.py), both WGS84.
#
# Method: every park names the Chinese town/street seat it is placed at; the
# name is romanised with pypinyin and matched to the gazetteer's pinyin name
# *within the park's own district* (exactly one match is required). Parks
# sharing a seat are moved a few hundred metres along a stated bearing so no
# two parks share a point. geometry_quality is
#   town_seat   - the park lies in that town/street and sits at its seat;
#   approximate - the park's own town/street seat is not in the gazetteer or
#                 is not established; the point is a stated proxy.
# Each point is checked to lie inside its district polygon before writing.
#
# Usage:  python scripts/locate_parks.py

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pypinyin import Style, lazy_pinyin
from pyproj import Geod
from shapely.geometry import Point

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "data" / "gazetteer.csv"
DISTRICTS = ROOT / "data" / "districts.geojson"
OUT = ROOT / "data" / "park_sites.csv"
COLUMNS = ["park_id", "lon", "lat", "geometry_quality", "location_note"]

_GEOD = Geod(ellps="WGS84")
_SEAT_SUFFIXES = ("街道", "镇", "乡", "区", "县")


@dataclass(frozen=True)
class Park:
    """Where one park is placed and why."""

    park_id: str
    district: str
    seats: tuple[str, ...]  # Chinese seat name(s); two = midpoint of both
    quality: str
    note: str
    offset: tuple[float, float] | None = None  # (bearing °, metres) from the seat


_SHIFT_E = (90.0, 400.0)
_SHIFT_S = (180.0, 400.0)
_SHIFT_W = (270.0, 400.0)
_SHIFT_N = (0.0, 400.0)

PARKS: tuple[Park, ...] = (
    # ---- 合川区 ----
    Park(
        "hc-hitech",
        "合川区",
        ("合川",),
        "town_seat",
        "合川 urban seat (GeoNames Hechuan; district government at 南津街街道希尔安大道): "
        "representative point of 合川高新区 as a whole (core engine spanning the "
        "南溪/草街/天顶组团), not its 管委会 building",
    ),
    Park(
        "hc-nanxi",
        "合川区",
        ("南津街街道",),
        "town_seat",
        "南津街街道 seat (GeoNames Nanjin), south side of 合川 city where 南溪组团 lies",
    ),
    Park(
        "hc-caojie",
        "合川区",
        ("盐井街道", "土场镇"),
        "approximate",
        "草街街道 is not in the gazetteer; point = midpoint of the neighbouring seats "
        "盐井 (GeoNames Yanjing) and 土场 (GeoNames Tuchang) on the 嘉陵江 corridor "
        "SE of 合川 city (township profile: 合川东南部嘉陵江畔, ~10 km from 合川 city); "
        "uncertainty several km",
    ),
    Park(
        "hc-tianding",
        "合川区",
        ("土场镇",),
        "town_seat",
        "土场镇 seat (GeoNames Tuchang), press-documented site of 天顶汽车产业城 (北汽银翔/北汽瑞翔 base)",
    ),
    Park("hc-longshi", "合川区", ("龙市镇",), "town_seat", "龙市镇 seat (GeoNames Longshi, 合川), SME cluster town"),
    Park(
        "hc-shuanghuai",
        "合川区",
        ("双槐镇",),
        "town_seat",
        "双槐镇 seat (GeoNames Shuanghuai), SME cluster town (power-plant based)",
    ),
    Park("hc-weituo", "合川区", ("渭沱镇",), "town_seat", "渭沱镇 seat (GeoNames Weituo), SME cluster town"),
    Park("hc-qingping", "合川区", ("清平镇",), "town_seat", "清平镇 seat (GeoNames Qingping), glass base town"),
    # ---- 永川区 ----
    Park(
        "yc-fenghuanghu",
        "永川区",
        ("南大街街道",),
        "approximate",
        "proxy: 南大街街道 seat (GeoNames Nandajie), the gazetteer seat nearest the "
        "park; 凤凰湖产业园 lies in 永川's southern/south-eastern 城市新区 (press), "
        "true site likely 2-5 km S/SE",
    ),
    Park(
        "yc-gangqiao",
        "永川区",
        ("朱沱镇",),
        "town_seat",
        "朱沱镇 seat (GeoNames Zhutuo), Yangtze port town of 港桥产业园",
    ),
    Park(
        "yc-sanjiao", "永川区", ("三教镇",), "town_seat", "三教镇 seat (GeoNames Sanjiao, 永川 - not the 綦江 namesake)"
    ),
    Park(
        "yc-eco-city",
        "永川区",
        ("大安街道",),
        "approximate",
        "proxy: 大安街道 seat (GeoNames Da'an), east of 永川 city, home of 大安通用机场; "
        "the plan gives 科技生态城 the civil-aviation park; exact site not established",
    ),
    Park(
        "yc-bigdata",
        "永川区",
        ("永川",),
        "approximate",
        "proxy: 永川 urban seat (GeoNames Yongchuan); 重庆云谷·永川大数据产业园 is in "
        "the urban area but its street was not established",
    ),
    Park(
        "yc-bonded",
        "永川区",
        ("南大街街道",),
        "approximate",
        "proxy: 南大街街道 seat (GeoNames Nandajie) moved 400 m S; press "
        "(重庆日报 2022-03-01): 综保区 lies in the south of 永川中心城区 inside 永川高新区, "
        "reached via 昌龙大道 southwards",
        _SHIFT_S,
    ),
    Park(
        "yc-log-fenghuanghu",
        "永川区",
        ("南大街街道",),
        "approximate",
        "proxy: 南大街街道 seat (GeoNames Nandajie) moved 400 m E; logistics centre "
        "of 凤凰湖产业园 (see yc-fenghuanghu)",
        _SHIFT_E,
    ),
    Park(
        "yc-log-gangqiao",
        "永川区",
        ("朱沱镇",),
        "town_seat",
        "朱沱镇 seat (GeoNames Zhutuo) moved 400 m W to stay distinct from yc-gangqiao; 港桥 port logistics park",
        _SHIFT_W,
    ),
    Park(
        "yc-log-chengxi",
        "永川区",
        ("胜利路街道",),
        "approximate",
        "proxy: 胜利路街道 seat (GeoNames Shenglilu), western part of 永川 city (城西); exact site not established",
    ),
    Park(
        "yc-log-sanjiao",
        "永川区",
        ("三教镇",),
        "town_seat",
        "三教镇 seat (GeoNames Sanjiao, 永川) moved 400 m E to stay distinct from yc-sanjiao",
        _SHIFT_E,
    ),
    Park(
        "yc-log-chengdong",
        "永川区",
        ("大安街道",),
        "approximate",
        "proxy: 大安街道 seat (GeoNames Da'an) moved 400 m E; reserved air-logistics "
        "park east of the city, by 大安通用机场; site not yet built",
        _SHIFT_E,
    ),
    Park(
        "yc-hitech",
        "永川区",
        ("永川",),
        "approximate",
        "umbrella zone: the plan places 凤凰湖/港桥/三教产业园, 科技生态城, 大数据产业园 and 永川综合保税区 under it (依托永川国家高新区载体); point = 永川 urban seat (GeoNames Yongchuan) shifted 2 km E (city centre, clear of the other 永川 points), representative only - its sub-parks lie up to ~37 km away (港桥 at 朱沱)",
        (90.0, 2000.0),
    ),
    Park(
        "yc-daan-airport",
        "永川区",
        ("大安街道",),
        "approximate",
        "proxy: 大安街道 seat (GeoNames Da'an) shifted 400 m N; the airport lies in 大安街道 east of 永川 city, its runway site was not established from the gazetteer",
        _SHIFT_N,
    ),
    Park(
        "yc-log-airport",
        "永川区",
        ("大安街道",),
        "approximate",
        "proxy: 大安街道 seat (GeoNames Da'an) shifted 400 m S, the eastern edge of 永川 facing 重庆新机场 (璧山正兴); the plan gives no town ('依托毗邻重庆新机场优势，规划打造物流功能区'), so the site may be anywhere along 永川's eastern border",
        _SHIFT_S,
    ),
    # ---- 大足区 ----
    Park(
        "dz-shuangqiao",
        "大足区",
        ("通桥街道",),
        "town_seat",
        "通桥街道 seat (GeoNames Tongqiao), core of the former 双桥区 governed by "
        "双桥经开区 (with 龙滩子/双路街道, 邮亭镇)",
    ),
    Park(
        "dz-hitech",
        "大足区",
        ("棠香街道",),
        "approximate",
        "proxy: 棠香街道 seat (GeoNames Tangxiang), 大足 urban seat; 大足高新区's exact 片区 not established",
    ),
    Park(
        "dz-industrial",
        "大足区",
        ("龙水镇",),
        "town_seat",
        "龙水镇 seat (GeoNames Longshui): 大足工业园区 = 龙水五金基地 (龙水五金市场)",
    ),
    Park(
        "dz-shike",
        "大足区",
        ("三驱镇",),
        "town_seat",
        "三驱镇 seat (GeoNames Sanqu), press-documented site of 大足石刻文创园 (重庆发布 2025; 四川党的建设 2022)",
    ),
    # ---- 黔江区 ----
    Park(
        "qj-zhengyang",
        "黔江区",
        ("正阳街道",),
        "town_seat",
        "正阳街道 seat (GeoNames Zhengyang), 正阳工业园区 / 黔江高新区",
    ),
    Park(
        "qj-coop",
        "黔江区",
        ("正阳街道",),
        "approximate",
        "proxy: 正阳街道 seat (GeoNames Zhengyang) shifted 400 m E; the plan builds it as part of the 正阳工业园区 upgrade (园区升级行动) but gives no site",
        _SHIFT_E,
    ),
)


def seat_pinyin(name: str) -> list[str]:
    """Romanise a Chinese town/street name the ways GeoNames may spell it.

    Parameters
    ----------
    name : str
        E.g. ``土场镇``, ``南津街街道``, ``南大街街道``.

    Returns
    -------
    list of str
        Lower-case toneless pinyin keys without separators (apostrophes are
        dropped for matching): ``["tuchang"]``; for names ending in 街 both
        with and without it, e.g. ``["nanjinjie", "nanjin"]`` (GeoNames has
        "Nanjin" for 南津街 but "Nandajie" for 南大街).
    """
    base = name
    for suffix in _SEAT_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix) + 1:
            base = base[: -len(suffix)]
            break
    bases = [base]
    if base.endswith("街") and len(base) > 2:
        bases.append(base[:-1])
    return ["".join(lazy_pinyin(b, style=Style.NORMAL)).lower() for b in bases]


def _norm(s: str) -> str:
    return "".join(ch for ch in str(s).lower() if ch.isalpha())


def find_seat(gaz: pd.DataFrame, district: str, seat: str) -> pd.Series:
    """Return the single gazetteer row matching ``seat`` inside ``district``.

    Parameters
    ----------
    gaz : pandas.DataFrame
        Gazetteer with ``name_pinyin, lat, lon, district``.
    district : str
        Full district name the seat must be in.
    seat : str
        Chinese seat name.

    Returns
    -------
    pandas.Series
        The matching row.

    Raises
    ------
    LookupError
        If there is no match or more than one.
    """
    key = seat_pinyin(seat)
    rows = gaz[(gaz["district"] == district) & (gaz["name_pinyin"].map(_norm).isin(key))]
    if len(rows) != 1:
        raise LookupError(f"{seat} ({key}) in {district}: {len(rows)} gazetteer matches")
    return rows.iloc[0]


def locate(gaz: pd.DataFrame, districts: gpd.GeoDataFrame) -> pd.DataFrame:
    """Compute and check all park points.

    Parameters
    ----------
    gaz : pandas.DataFrame
        Gazetteer rows.
    districts : geopandas.GeoDataFrame
        District polygons with a ``district`` column (EPSG:4326).

    Returns
    -------
    pandas.DataFrame
        One row per park with :data:`COLUMNS`.
    """
    polys = districts.set_index("district").geometry
    rows = []
    for park in PARKS:
        seats = [find_seat(gaz, park.district, s) for s in park.seats]
        lon = sum(float(s["lon"]) for s in seats) / len(seats)
        lat = sum(float(s["lat"]) for s in seats) / len(seats)
        if park.offset is not None:
            bearing, metres = park.offset
            lon, lat, _ = _GEOD.fwd(lon, lat, bearing, metres)
        lon, lat = round(float(lon), 6), round(float(lat), 6)
        used = " + ".join(f"{s['name_pinyin']} ({s['lat']}, {s['lon']})" for s in seats)
        shift = f", shifted {park.offset[1]:.0f} m @ {park.offset[0]:.0f}°" if park.offset else ""
        print(f"{park.park_id:20s} {'/'.join(park.seats):14s} -> {used}{shift}")
        if not polys[park.district].contains(Point(lon, lat)):
            raise ValueError(f"{park.park_id}: ({lon}, {lat}) not inside {park.district}")
        rows.append((park.park_id, lon, lat, park.quality, park.note))
    out = pd.DataFrame(rows, columns=COLUMNS)
    dup = out.duplicated(["lon", "lat"], keep=False)
    if dup.any():
        raise ValueError(f"parks share a point: {list(out.loc[dup, 'park_id'])}")
    if out["park_id"].duplicated().any():
        raise ValueError("duplicate park_id")
    return out


def write_csv_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write a CSV through a temporary file and ``os.replace``.

    Parameters
    ----------
    df : pandas.DataFrame
        Data to write (UTF-8, no index).
    path : Path
        Destination.
    """
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


def main() -> int:
    """Command-line entry point."""
    gaz = pd.read_csv(GAZETTEER, keep_default_na=False)
    districts = gpd.read_file(DISTRICTS).to_crs("EPSG:4326")
    out = locate(gaz, districts)
    write_csv_atomic(out, OUT)
    print(f"wrote {OUT} ({len(out)} parks, all inside their district polygons)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
