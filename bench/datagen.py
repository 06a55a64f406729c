"""Synthetic data folders in the schema of ``data/``: plans with texts, parks in their districts, quoted clusters.

``make_folder(out, n_parks)`` writes plans.csv, plans/<plan_id>.txt, parks.geojson, clusters.csv and copies
industries.csv and districts.geojson from the shipped folder. One plan per district (two for the first few
districts, an older vintage and a newer one); parks scatter around a few hundred centres inside the districts
(zipf-weighted, so some places are dense), each named by its plan; ``rows_per_park`` cluster rows per park
with sectors and chains of industries.csv (zipf-distributed), roles lead/specialty/advantage/emerging, 40 %
with a 亿元 target and its year, every quote a sentence of the plan's text that states the number; a few
rows name two parks (shared), and each plan has district-wide target rows (context weights) and a total.
Some parks get an irregular footprint polygon. ``python -m bench.datagen OUT N`` writes one folder.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
import sys
from pathlib import Path

import numpy as np

ROLES_P = {"lead": 0.25, "specialty": 0.3, "advantage": 0.15, "emerging": 0.3}
KINDS_P = {"高新区": 1, "经开区": 1, "工业园区": 6, "组团": 2, "中小企业集聚区": 1, "产业园": 12,
           "综合保税区": 0.3, "物流园": 0.8, "产业基地": 2}
SUFFIX = [("精密制造", "Precision"), ("新材料", "Materials"), ("电子科技", "Electronics"), ("汽车零部件", "Auto Parts"),
          ("食品", "Foods"), ("智能装备", "Equipment"), ("医药", "Pharma"), ("物流", "Logistics")]
ROLE_WORD = {"lead": "主导产业", "specialty": "特色产业", "advantage": "优势产业", "emerging": "培育新兴产业"}


def _slug(i: int) -> str:
    return f"syn-d{i:02d}"


def points_in(city, rng: np.random.Generator, n: int):
    """``n`` points clustered around 400 centres inside ``city`` (a prepared polygon)."""
    import shapely

    w, s, e, nn = city.bounds
    cx, cy = np.empty(0), np.empty(0)
    while len(cx) < 400:
        x, y = rng.uniform(w, e, 2000), rng.uniform(s, nn, 2000)
        inside = shapely.contains_xy(city, x, y)
        cx, cy = np.r_[cx, x[inside]], np.r_[cy, y[inside]]
    cx, cy = cx[:400], cy[:400]
    weight = 1.0 / np.arange(1, 401) ** 0.9
    c = rng.choice(400, n, p=weight / weight.sum())
    spread = rng.uniform(0.01, 0.06, 400)[c]
    x, y = cx[c] + rng.normal(0, 1, n) * spread, cy[c] + rng.normal(0, 1, n) * spread
    out = ~shapely.contains_xy(city, x, y)
    x[out], y[out] = cx[c[out]], cy[c[out]]
    return x, y


def place_in_districts(x: np.ndarray, y: np.ndarray, districts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points rounded as written to parks.geojson, each with the district that contains it, and each where the
    validator looks for it: inside its own district. A point on a shared edge or in a gap between outlines goes to
    a point inside the district (the first district when none contains it)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    x, y = np.round(x, 6), np.round(y, 6)
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=districts.crs)
    joined = gpd.sjoin(pts, districts[["district", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]
    pdist = joined["district"].fillna(districts["district"].iloc[0]).to_numpy()
    own = dict(zip(districts["district"], districts.geometry, strict=False))
    for d in pd.unique(pdist):
        at = np.flatnonzero(pdist == d)
        area = own[d].buffer(1e-6)  # the validator's own allowance
        shapely.prepare(area)
        bad = at[~shapely.intersects_xy(area, x[at], y[at])]  # a point intersects an area it covers
        if len(bad):
            p = own[d].representative_point()
            x[bad], y[bad] = round(p.x, 6), round(p.y, 6)
    return x, y, pdist


def footprint_in(footprint, district):
    """A footprint clipped to its district (a park does not cross its district's border); None when nothing of it,
    or no single area, is left."""
    import shapely

    g = shapely.make_valid(footprint).intersection(district)
    if g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return g


#: Largest generated park target (亿元): three 千亿级 parks' worth; a Pareto tail would otherwise reach
#: values no plan states (and the validator refuses above settings.MAX_TARGET_YI).
PARK_TARGET_MAX_YI = 3000.0


def park_targets(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Park-level targets (亿元): a Pareto tail from 5, most under 100, capped at :data:`PARK_TARGET_MAX_YI`."""
    return np.minimum(np.round(5 + rng.pareto(1.2, shape) * 20, 0), PARK_TARGET_MAX_YI)


def make_folder(
    out: str | Path,
    n_parks: int,
    rows_per_park: int = 3,
    n_polygons: int | None = None,
    seed: int = 13,
    base: str | Path | None = None,
) -> Path:
    """Write a synthetic data folder with ``n_parks`` parks and about ``rows_per_park`` × ``n_parks`` cluster rows.

    Parameters
    ----------
    out : path-like
        Folder to create (its parent must exist).
    n_parks : int
        Number of parks.
    rows_per_park : int
        Cluster rows naming each park.
    n_polygons : int, optional
        Parks drawn as footprint polygons (default: 1 %, at least 1, at most 2,000).
    seed : int
        Random seed (the same arguments give the same folder).
    base : path-like, optional
        Folder to take industries.csv and districts.geojson from (default: the shipped data/).

    Returns
    -------
    pathlib.Path
        The folder.
    """
    import geopandas as gpd
    import pandas as pd
    import shapely

    from geo import settings

    rng = np.random.default_rng(seed)
    base = Path(base or settings.ROOT / "data")
    out = Path(out)
    (out / "plans").mkdir(parents=True, exist_ok=True)
    for name in (settings.INDUSTRIES_FILE, settings.DISTRICTS_FILE):
        shutil.copyfile(base / name, out / name)
    districts = gpd.read_file(base / settings.DISTRICTS_FILE)
    industries = pd.read_csv(base / settings.INDUSTRIES_FILE, dtype=str, keep_default_na=False)
    secs = list(industries.loc[industries["chain"] == "", "sector"])
    # a chain name listed under two sectors (陶瓷: 建材 and 消费品工业) would break "one phrase, one sector"
    named = industries.loc[industries["chain"] != "", "chain"]
    shared = set(named[named.duplicated(keep=False)])
    chains = {s: [c for c in industries.loc[(industries["sector"] == s) & (industries["chain"] != ""), "chain"]
                  if c not in shared] for s in secs}
    zipf = 1.0 / np.arange(1, len(secs) + 1) ** 1.1
    zipf /= zipf.sum()

    # parks: inside the city, then the district that contains each
    city = shapely.union_all(districts.geometry.values)
    shapely.prepare(city)
    x, y = points_in(city, rng, n_parks)
    x, y, pdist = place_in_districts(x, y, districts)
    own_area = dict(zip(districts["district"], districts.geometry, strict=False))
    dnames = list(districts["district"])
    d_index = {d: i for i, d in enumerate(dnames)}
    den = dict(zip(districts["district"], districts["district_en"], strict=False))

    # plans: one per district; the first three districts also have an older vintage
    plans = []
    for i, d in enumerate(dnames):
        plans.append(dict(plan_id=_slug(i), district=d, title=f"{d}制造业高质量发展规划（合成）",
                          title_en=f"{den[d]} manufacturing plan (synthetic)", doc_number=f"合成发〔2024〕{i + 1}号",
                          issued=f"2024-{1 + i % 12:02d}-15", horizon_year="2027", text_file=f"plans/{_slug(i)}.txt"))
        if i < 3:
            plans.append(dict(plan_id=f"{_slug(i)}-old", district=d, title=f"{d}“十四五”工业发展规划（合成）",
                              title_en=f"{den[d]} 14th five-year industry plan (synthetic)",
                              doc_number=f"合成发〔2021〕{i + 1}号", issued="2021-06-30", horizon_year="2025",
                              text_file=f"plans/{_slug(i)}-old.txt"))
    texts: dict[str, list[str]] = {p["plan_id"]: [f"{p['title']}\n\n一、总体要求\n"] for p in plans}
    plan_of_park = np.array([_slug(d_index[d]) for d in pdist], dtype=object)
    old = (np.array([d_index[d] for d in pdist]) < 3) & (rng.random(n_parks) < 0.3)

    kinds = list(KINDS_P)
    kp = np.array([KINDS_P[k] for k in kinds])
    kind = np.asarray(kinds, dtype=object)[rng.choice(len(kinds), n_parks, p=kp / kp.sum())]
    sfx = rng.integers(0, len(SUFFIX), n_parks)
    n_poly = min(2000, max(1, n_parks // 100)) if n_polygons is None else n_polygons
    poly = set(rng.choice(n_parks, min(n_poly, n_parks), replace=False).tolist())
    features, clusters = [], []
    counter: dict[str, int] = {}

    def cid(plan_id: str) -> str:
        counter[plan_id] = counter.get(plan_id, 0) + 1
        return f"{plan_id}-c{counter[plan_id]:06d}"

    sec_draw = rng.choice(len(secs), (n_parks, rows_per_park), p=zipf)
    role_draw = rng.choice(list(ROLES_P), (n_parks, rows_per_park), p=list(ROLES_P.values()))
    has_target = rng.random((n_parks, rows_per_park)) < 0.4
    value = park_targets(rng, (n_parks, rows_per_park))
    year = rng.choice([2025, 2026, 2027], (n_parks, rows_per_park))
    for i in range(n_parks):
        d = pdist[i]
        pid = f"p{i:06d}"
        plan_ids = plan_of_park[i] + (f";{plan_of_park[i]}-old" if old[i] else "")
        zh = f"{d[:-1]}{SUFFIX[sfx[i]][0]}{i:06d}号园"
        en = f"{den[d]} {SUFFIX[sfx[i]][1]} Park No. {i:06d}"
        plan_id = plan_of_park[i]
        quote = f"建设{zh}，打造{d}产业发展新载体。"
        texts[plan_id].append(quote)
        props = dict(park_id=pid, name_zh=zh, name_en=en, district=d, kind=str(kind[i]), tier="",
                     plan_ids=plan_ids, area_km2="", area_quote="", geometry_quality="approximate",
                     location_note="synthetic point", quote=quote)
        g = None
        if i in poly:
            k = int(rng.integers(12, 40))
            ang = np.sort(rng.uniform(0, 2 * math.pi, k))
            rad = rng.uniform(0.002, 0.008) * rng.uniform(0.6, 1.0, k)
            g = footprint_in(shapely.Polygon(np.c_[x[i] + rad * np.cos(ang), y[i] + rad * np.sin(ang) * 0.9]),
                             own_area[d])
        if i in poly and g is not None:
            area = round(float(rng.uniform(1, 30)), 1)
            aq = f"{zh}规划面积{area:g}平方公里。"
            texts[plan_id].append(aq)
            props.update(area_km2=f"{area:g}", area_quote=aq, geometry_quality="surveyed",
                         location_note="synthetic footprint")
            geom = shapely.geometry.mapping(g)
        else:
            geom = {"type": "Point", "coordinates": [round(float(x[i]), 6), round(float(y[i]), 6)]}
        features.append({"type": "Feature", "properties": props, "geometry": geom})
        seen = set()
        for k in range(rows_per_park):
            sec = secs[sec_draw[i, k]]
            ch = ""
            if chains[sec] and rng.random() < 0.5:
                ch = chains[sec][int(rng.integers(0, len(chains[sec])))]
            if (sec, ch) in seen:
                continue
            seen.add((sec, ch))
            role = str(role_draw[i, k])
            name = ch or sec
            tv, ty = "", ""
            if has_target[i, k]:
                tv, ty = f"{value[i, k]:g}", str(year[i, k])
                q = f"{zh}以{name}为{ROLE_WORD[role]}，到{ty}年产值达到{tv}亿元。"
            else:
                q = f"{zh}以{name}为{ROLE_WORD[role]}，加快集聚发展。"
            texts[plan_id].append(q)
            # one row in fifty also names the next park of the same plan (a shared row)
            parks_named = pid
            if i + 1 < n_parks and rng.random() < 0.02 and plan_of_park[i + 1] == plan_id and not old[i + 1]:
                parks_named = f"{pid};p{i + 1:06d}"
            clusters.append(dict(cluster_id=cid(plan_id), plan_id=plan_id, district=d, park_ids=parks_named,
                                 name_as_written=name, sector=sec, chain=ch, role=role, target_value_yi=tv,
                                 target_year=ty, baseline_value_yi="", baseline_year="", quote=q))
    # district-wide rows: a target per leading sector (context weights) and a total
    for p in plans:
        d = p["district"]
        for s in rng.choice(len(secs), 3, replace=False, p=zipf):
            v = int(rng.integers(100, 1500))
            q = f"全{d[-1]}{secs[s]}产业产值力争突破{v}亿元。"
            texts[p["plan_id"]].append(q)
            clusters.append(dict(cluster_id=cid(p["plan_id"]), plan_id=p["plan_id"], district=d, park_ids="",
                                 name_as_written=secs[s], sector=secs[s], chain="", role="lead",
                                 target_value_yi=str(v), target_year=p["horizon_year"], baseline_value_yi="",
                                 baseline_year="", quote=q))
        v = int(rng.integers(1000, 5000))
        q = f"到{p['horizon_year']}年，全{d[-1]}规模以上工业总产值达到{v}亿元。"
        texts[p["plan_id"]].append(q)
        clusters.append(dict(cluster_id=cid(p["plan_id"]), plan_id=p["plan_id"], district=d, park_ids="",
                             name_as_written="规模以上工业总产值", sector="", chain="", role="total",
                             target_value_yi=str(v), target_year=p["horizon_year"], baseline_value_yi="",
                             baseline_year="", quote=q))
    for pid, parts in texts.items():
        (out / "plans" / f"{pid}.txt").write_text("\n".join(parts) + "\n", encoding="utf-8")
    _write_csv(out / settings.PLANS_FILE, plans)
    _write_csv(out / settings.CLUSTERS_FILE, clusters)
    fc = {"type": "FeatureCollection", "name": "parks", "features": features}
    (out / settings.PARKS_FILE).write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    return out


def _write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    print(make_folder(Path(sys.argv[1]), int(sys.argv[2])))
