"""Tiny hand-made Dataset objects for the overlap, vintage and portfolio tests."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

from geo.load import Dataset

CLUSTER_COLS = [
    "cluster_id",
    "plan_id",
    "district",
    "park_ids",
    "name_as_written",
    "sector",
    "chain",
    "role",
    "target_value_yi",
    "target_year",
    "baseline_value_yi",
    "baseline_year",
    "quote",
]

#: Three districts: 甲区 and 乙区 share a border, 丙区 lies ~150 km east; 丁区 only has a Table-1 direction.
DISTRICTS = {
    "甲区": box(106.0, 29.0, 106.5, 29.5),
    "乙区": box(106.5, 29.0, 107.0, 29.5),
    "丙区": box(108.0, 29.0, 108.5, 29.5),
    "丁区": box(106.0, 29.5, 106.5, 30.0),
    "戊区": box(109.0, 29.0, 109.5, 29.5),
}

#: Parks: a1/b1 are ~10 km apart across the 甲/乙 border; a2 is ~30 km from a1; c1 is far away.
PARKS = [
    ("a1", "甲一园", "甲区", Point(106.45, 29.25)),
    ("a2", "甲二园", "甲区", Point(106.15, 29.30)),
    ("b1", "乙一园", "乙区", Point(106.55, 29.25)),
    ("c1", "丙一园", "丙区", Point(108.25, 29.25)),
]

PLANS = [
    # plan_id, district, title, issued, horizon
    ("jia-2022", "甲区", "甲区制造业规划", "2022-01-01", 2025),
    ("jia-2023", "甲区", "甲区制造业新方案", "2023-06-01", 2027),
    ("yi-2022", "乙区", "乙区产业方案", "2022-05-01", 2025),
    ("bing-2022", "丙区", "丙区产业意见", "2022-03-01", 2025),
]

INDUSTRIES = pd.DataFrame(
    [
        ("汽车", "", "Vehicles", "#0072B2", "汽车;汽摩"),
        ("材料", "", "Materials", "#009E73", "材料"),
        ("装备", "", "Equipment", "#D55E00", "装备"),
        ("食品", "", "Food", "#F0E442", "食品"),
        ("装备", "电梯", "Elevators", "", "电梯"),
    ],
    columns=["sector", "chain", "name_en", "color", "synonyms"],
)


def row(cid, plan, district, parks, name, sector, chain, role, target=None, year=None, quote=None) -> dict:
    """One clusters.csv row (quote defaults to ``<district><name>``)."""
    return dict(
        cluster_id=cid,
        plan_id=plan,
        district=district,
        park_ids=parks,
        name_as_written=name,
        sector=sector,
        chain=chain,
        role=role,
        target_value_yi=target,
        target_year=year,
        baseline_value_yi=None,
        baseline_year=None,
        quote=quote or f"{district}{name}",
    )


def base_rows() -> list[dict]:
    """The default clusters of the fixture."""
    return [
        # 甲区 old plan: materials lead, vehicles lead 200 — replaced by the 2023 plan by default.
        row("j1-1", "jia-2022", "甲区", "", "新材料", "材料", "", "lead", 80, 2025, "甲区主导产业新材料80亿"),
        row("j1-2", "jia-2022", "甲区", "", "汽车产业", "汽车", "", "lead", 200, 2025, "甲区主导产业汽车200亿"),
        row("j1-3", "jia-2022", "甲区", "a1", "电梯", "装备", "电梯", "specialty", 20, 2025, "甲一园电梯"),
        row("j1-4", "jia-2022", "甲区", "a2", "食品", "食品", "", "lead", None, None, "甲二园食品"),
        # 甲区 new plan
        row(
            "j2-1",
            "jia-2023",
            "甲区",
            "",
            "汽车零部件",
            "汽车",
            "零部件",
            "lead",
            300,
            2027,
            "甲区主导产业汽车零部件300亿",
        ),
        row("j2-2", "jia-2023", "甲区", "a1", "汽车零部件", "汽车", "零部件", "lead", None, None, "甲一园汽车零部件"),
        row(
            "j2-3",
            "jia-2023",
            "甲区",
            "a2",
            "汽车零部件",
            "汽车",
            "零部件",
            "specialty",
            None,
            None,
            "甲二园汽车零部件",
        ),
        row("j2-4", "jia-2023", "甲区", "a1", "电梯整机", "装备", "电梯", "specialty", 30, 2027, "甲一园电梯整机30亿"),
        row("j2-5", "jia-2023", "甲区", "a2", "食品", "食品", "", "lead", None, None, "甲二园食品"),
        # 乙区
        row("y-1", "yi-2022", "乙区", "b1", "汽摩", "汽车", "", "lead", 150, 2025, "乙一园汽摩150亿"),
        row("y-2", "yi-2022", "乙区", "b1", "电梯", "装备", "电梯", "emerging", None, None, "乙一园电梯"),
        row("y-3", "yi-2022", "乙区", "", "工业总产值", "", "", "total", 900, 2025, "乙区工业总产值900亿"),
        # 丙区
        row("c-1", "bing-2022", "丙区", "c1", "新材料", "材料", "", "lead", 100, 2025, "丙一园新材料100亿"),
        row("c-2", "bing-2022", "丙区", "", "食品", "食品", "", "specialty", None, None, "丙区特色产业食品"),
        # Table-1 style directions stated by 甲区's old plan about other districts
        row("j1-d1", "jia-2022", "丁区", "", "汽摩", "汽车", "", "direction", None, None, "丁 汽摩"),
        row("j1-d2", "jia-2022", "乙区", "", "材料", "材料", "", "direction", None, None, "乙 材料"),
    ]


def make_dataset(
    rows: list[dict] | None = None,
    texts: dict[str, str] | None = None,
    parks: list[tuple] | None = None,
    park_props: dict[str, dict] | None = None,
    plan_props: dict[str, dict] | None = None,
    industries: pd.DataFrame | None = None,
) -> Dataset:
    """A typed Dataset like :func:`geo.load.load_dataset` returns, built in memory.

    ``parks`` replaces :data:`PARKS` (``(park_id, name, district, geometry)``); ``park_props`` adds properties
    per park (``geometry_quality``, ``parent_id``, ``network``, ``network_role``, ``uncertainty_m`` …);
    ``plan_props`` adds plans.csv columns per plan (``system``, ``system_quote``); ``industries`` replaces
    :data:`INDUSTRIES` (e.g. with a ``domain`` column).
    """
    rows = base_rows() if rows is None else rows
    cl = pd.DataFrame(rows, columns=CLUSTER_COLS)
    for c in ("park_ids", "sector", "chain"):
        cl[c] = cl[c].fillna("").astype(object)
    cl["target_value_yi"] = cl["target_value_yi"].astype("float64")
    cl["baseline_value_yi"] = cl["baseline_value_yi"].astype("float64")
    cl["target_year"] = cl["target_year"].astype("Float64").astype("Int64")
    cl["baseline_year"] = cl["baseline_year"].astype("Float64").astype("Int64")
    cl["park_id_list"] = cl["park_ids"].map(lambda v: tuple(x for x in str(v).split(";") if x))
    plans = pd.DataFrame(PLANS, columns=["plan_id", "district", "title", "issued", "horizon_year"])
    plans["title_en"] = plans["plan_id"]
    plans["doc_number"] = ""
    plans["text_file"] = "plans/" + plans["plan_id"] + ".txt"
    plans["horizon_year"] = plans["horizon_year"].astype("Int64")
    for pid, props in (plan_props or {}).items():
        for k, v in props.items():
            if k not in plans.columns:
                plans[k] = ""
            plans.loc[plans["plan_id"] == pid, k] = v
    if texts is None:
        texts = {p: " ".join(cl.loc[cl["plan_id"] == p, "quote"]) for p in plans["plan_id"]}
    park_props = park_props or {}
    parks = gpd.GeoDataFrame(
        [
            dict(
                park_id=p,
                name_zh=n,
                name_en=p,
                district=d,
                kind="产业园",
                tier="",
                plan_ids=";".join(sorted(set(cl.loc[cl["district"] == d, "plan_id"]))),
                **park_props.get(p, {}),
                geometry=g,
            )
            for p, n, d, g in (PARKS if parks is None else parks)
        ],
        geometry="geometry",
        crs="EPSG:4326",
    )
    parks["plan_id_list"] = parks["plan_ids"].map(lambda v: tuple(v.split(";")))
    districts = gpd.GeoDataFrame(
        [dict(district=d, district_en=d, geometry=g) for d, g in DISTRICTS.items()],
        geometry="geometry",
        crs="EPSG:4326",
    )
    return Dataset(
        plans=plans,
        texts=texts,
        parks=parks,
        clusters=cl,
        industries=(INDUSTRIES if industries is None else industries).copy(),
        districts=districts,
        data_dir=Path("."),
    )
