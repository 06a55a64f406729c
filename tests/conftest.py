"""Shared pytest fixtures: a tiny, hand-made data folder and the shipped dataset."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Shared 2-core machines: timing-based deadlines only make property tests flaky.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

#: PostGIS fixtures (pg_url, pg_schema, pg_store): skip outside CI without a server, fail in CI; the web map's
#: small data folder and its layers (map_ds, xss_map_ds, canvas: tests/web_fixtures.py).
pytest_plugins = ["tests.pg", "tests.web_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

PLAN_A = "甲区规划。甲一园重点发展汽车摩托车产业、电子信息产业。到2025年，打造300亿级汽车产业集群。甲二园重点发展电子信息。"
PLAN_B = "乙区方案。乙园重点发展汽车零部件，力争到2025年产值突破120亿元。新材料产业2020年产值20亿元。"


def _square(x0: float, y0: float, d: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]}


def write_csv(path: Path, rows: list[dict]) -> None:
    """Write dict rows as UTF-8 CSV with the first row's keys as header."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def make_mini(d: Path) -> Path:
    """Create a minimal valid data folder in ``d`` and return it."""
    (d / "plans").mkdir(parents=True, exist_ok=True)
    (d / "plans" / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (d / "plans" / "b.txt").write_text(PLAN_B, encoding="utf-8")
    write_csv(d / "plans.csv", [
        dict(plan_id="plan-a", district="甲区", title="甲区规划", doc_number="甲发〔2023〕1号", issued="2023-01-01",
             horizon_year="2025", text_file="plans/a.txt"),
        dict(plan_id="plan-b", district="乙区", title="乙区方案", doc_number="", issued="2022-06-01",
             horizon_year="2025", text_file="plans/b.txt"),
    ])
    districts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": "甲区", "district_en": "Jia"}, "geometry": _square(106.0, 29.5, 0.5)},
        {"type": "Feature", "properties": {"district": "乙区", "district_en": "Yi"}, "geometry": _square(106.5, 29.5, 0.5)},
    ]}
    (d / "districts.geojson").write_text(json.dumps(districts, ensure_ascii=False), encoding="utf-8")

    def park(pid, name, dist, x, y, quote, plan, tier="", area="", area_quote="", geom=None):
        return {"type": "Feature", "properties": dict(
            park_id=pid, name_zh=name, name_en=pid, district=dist, kind="产业园", tier=tier, plan_ids=plan,
            area_km2=area, area_quote=area_quote, geometry_quality="town_seat", location_note="test", quote=quote),
            "geometry": geom or {"type": "Point", "coordinates": [x, y]}}

    parks = {"type": "FeatureCollection", "features": [
        park("jia-1", "甲一园", "甲区", 106.2, 29.7, "甲一园重点发展汽车摩托车产业", "plan-a", tier="核心引擎"),
        park("jia-2", "甲二园", "甲区", 106.3, 29.8, "甲二园重点发展电子信息", "plan-a"),
        park("yi-1", "乙园", "乙区", 106.7, 29.7, "乙园重点发展汽车零部件", "plan-b"),
    ]}
    (d / "parks.geojson").write_text(json.dumps(parks, ensure_ascii=False), encoding="utf-8")
    base = dict(baseline_value_yi="", baseline_year="", target_value_yi="", target_year="")
    write_csv(d / "clusters.csv", [
        {**base, "cluster_id": "plan-a-c001", "plan_id": "plan-a", "district": "甲区", "park_ids": "jia-1",
         "name_as_written": "汽车摩托车产业", "sector": "汽车", "chain": "摩托车", "role": "lead", "quote": "甲一园重点发展汽车摩托车产业"},
        {**base, "cluster_id": "plan-a-c002", "plan_id": "plan-a", "district": "甲区", "park_ids": "jia-1;jia-2",
         "name_as_written": "电子信息产业", "sector": "电子", "chain": "", "role": "lead", "quote": "电子信息产业"},
        {**base, "cluster_id": "plan-a-c003", "plan_id": "plan-a", "district": "甲区", "park_ids": "",
         "name_as_written": "汽车产业", "sector": "汽车", "chain": "", "role": "lead", "target_value_yi": "300",
         "target_year": "2025", "quote": "打造300亿级汽车产业集群"},
        {**base, "cluster_id": "plan-b-c001", "plan_id": "plan-b", "district": "乙区", "park_ids": "yi-1",
         "name_as_written": "汽车零部件", "sector": "汽车", "chain": "零部件", "role": "lead", "target_value_yi": "120",
         "target_year": "2025", "quote": "乙园重点发展汽车零部件，力争到2025年产值突破120亿元"},
        {**base, "cluster_id": "plan-b-c002", "plan_id": "plan-b", "district": "乙区", "park_ids": "",
         "name_as_written": "新材料产业", "sector": "材料", "chain": "", "role": "specialty", "target_value_yi": "",
         "target_year": "", "quote": "新材料产业"},
    ])
    write_csv(d / "industries.csv", [
        dict(sector="汽车", chain="", name_en="Autos", color="#0072B2", synonyms="汽车;汽摩"),
        dict(sector="汽车", chain="摩托车", name_en="Motorcycles", color="", synonyms="摩托"),
        dict(sector="汽车", chain="零部件", name_en="Parts", color="", synonyms="汽车零部件"),
        dict(sector="电子", chain="", name_en="Electronics", color="#E69F00", synonyms="电子信息"),
        dict(sector="材料", chain="", name_en="Materials", color="#009E73", synonyms="新材料"),
    ])
    return d


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid data folder."""
    return make_mini(tmp_path / "data")


@pytest.fixture
def mini(mini_dir: Path):
    """The minimal dataset, loaded."""
    from geo.load import load_dataset

    return load_dataset(mini_dir)


@pytest.fixture(scope="session")
def shipped():
    """The shipped dataset in data/, loaded once per test session."""
    from geo.load import load_dataset

    return load_dataset(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst, ignore=shutil.ignore_patterns("_draft", ".versions"))
    return dst
