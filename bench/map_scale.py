"""Benchmark: the web map at 1k, 10k and 100k parks/enterprise points, the app's path vs one folium.Marker each.

Synthetic points over Chongqing's districts (data/districts.geojson), clustered around a few hundred
centres, with sectors from data/industries.csv, zipf-like target values and a few hundred footprint
polygons. Both maps are built and serialised in Python, saved as HTML, served from a local HTTP server
(with the offline static assets) and opened in headless Chromium with every non-local request blocked.
"Drawn" means: the page's scripts have run and two animation frames have passed, and every feature
exists — ``window.PM_DRAWN`` (set by the app's canvas layer after its first draw) or one
``.leaflet-marker-icon`` per point for the naive map. A browser that is not done after 60 s counts as 60 s.
End-to-end = build + serialise + browser; ``RATIO map_<n>`` = naive end-to-end ÷ app end-to-end.

Run ``python -m bench.map_scale [--quick]`` or via ``python -m bench``. With ``--quick`` the naive map at
100k (≈ 1 minute to build, 80 MB of HTML, over a minute in the browser) is not built: it is estimated
linearly from the naive 10k run, which underestimates it (so the quick ratio is a lower bound).
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from .common import Result, block_remote, browser
from .datagen import points_in

SIZES = (1_000, 10_000, 100_000)
N_POLYGONS = 300
CAP_S = 60.0
VIEWPORT = {"width": 1280, "height": 800}

_DRAWN_JS = (
    "<script>requestAnimationFrame(function () { requestAnimationFrame(function () {"
    " window.__benchDrawn = performance.now(); }); });</script>"
)
_APP_DONE = "([n]) => !!window.__benchDrawn && !!window.PM_DRAWN && window.PM_DRAWN.total === n"
_NAIVE_DONE = "([n]) => !!window.__benchDrawn && document.querySelectorAll('.leaflet-marker-icon').length >= n"


def _label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 else str(n)


# --------------------------------------------------------------------------- synthetic data


def synthetic(ds, n: int, n_polygons: int = N_POLYGONS, seed: int = 11):
    """``n`` synthetic parks/enterprise points as a parks summary (the columns of ``apply_view``).

    Points scatter around 400 centres inside the districts (zipf-weighted, so some places are dense);
    sectors follow a zipf law over the sectors of ``ds.industries``, with a chain of the sector half of
    the time; target values are Pareto-distributed (30 % not stated); ``n_polygons`` of the parks get
    an irregular footprint polygon.
    """
    import geopandas as gpd
    import shapely

    from geo import settings
    from geo.taxonomy import sectors as sector_table

    rng = np.random.default_rng(seed)
    districts = ds.districts.to_crs(settings.CRS_WGS84)
    city = shapely.union_all(districts.geometry.values)
    shapely.prepare(city)
    x, y = points_in(city, rng, n)  # around 400 zipf-weighted centres, as the generated data folders
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=settings.CRS_WGS84)
    joined = gpd.sjoin(pts, districts[["district", "district_en", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]
    district = joined["district"].fillna(districts["district"].iloc[0]).to_numpy()
    district_en = joined["district_en"].fillna(districts["district_en"].iloc[0]).to_numpy()

    secs = list(sector_table(ds.industries)["sector"])
    ind = ds.industries
    chains = {sec: list(ind.loc[(ind["sector"] == sec) & (ind["chain"] != ""), "chain"]) for sec in secs}
    zipf = 1.0 / np.arange(1, len(secs) + 1) ** 1.2
    sec_i = rng.choice(len(secs), n, p=zipf / zipf.sum())
    dominant = np.asarray(secs, dtype=object)[sec_i]
    pick_chain = rng.random(n) < 0.5
    chain = [rng.choice(chains[sec]) if pick and chains[sec] else "" for sec, pick in zip(dominant, pick_chain, strict=True)]
    n_more = rng.integers(0, 4, n)
    others = rng.choice(len(secs), (n, 3), p=zipf / zipf.sum())
    sector_lists = [
        tuple(dict.fromkeys([dominant[i], *(secs[k] for k in others[i, : n_more[i]])])) for i in range(n)
    ]
    value = np.round(5 + rng.pareto(1.1, n) * 25, 1)
    value[rng.random(n) < 0.3] = np.nan
    year = np.where(np.isnan(value), 0, rng.choice([2025, 2027, 2030], n))
    kinds = list(settings.PARK_KINDS)
    kind_p = np.array([1, 1, 6, 2, 1, 12, 0.3, 0.8, 2], dtype=float)[: len(kinds)]
    kind = np.asarray(kinds, dtype=object)[rng.choice(len(kinds), n, p=kind_p / kind_p.sum())]
    tiers = ["核心引擎", "关键支撑", "重要补充"]
    tier = np.where(rng.random(n) < 0.03, np.asarray(tiers, dtype=object)[rng.integers(0, 3, n)], "")
    suffix_zh = ["精密制造", "新材料", "电子科技", "汽车零部件", "食品", "智能装备", "医药", "物流"]
    suffix_en = ["Precision", "Materials", "Electronics", "Auto Parts", "Foods", "Equipment", "Pharma", "Logistics"]
    sfx = rng.integers(0, len(suffix_zh), n)
    ids = np.arange(n)
    name_zh = [f"{d[:-1]}{suffix_zh[k]}{i:05d}号" for d, k, i in zip(district, sfx, ids, strict=True)]
    name_en = [f"{de} {suffix_en[k]} No. {i:05d}" for de, k, i in zip(district_en, sfx, ids, strict=True)]
    geoms = np.asarray(pts.geometry.values, dtype=object)
    for i in rng.choice(n, min(n_polygons, n), replace=False):
        k = int(rng.integers(12, 40))
        ang = np.sort(rng.uniform(0, 2 * math.pi, k))
        rad = rng.uniform(0.004, 0.02) * rng.uniform(0.6, 1.0, k)
        geoms[i] = shapely.Polygon(np.c_[x[i] + rad * np.cos(ang), y[i] + rad * np.sin(ang) * 0.9])
    return gpd.GeoDataFrame(
        {
            "park_id": [f"e{i:06d}" for i in ids],
            "name_zh": name_zh,
            "name_en": name_en,
            "district": district,
            "kind": kind,
            "tier": tier,
            "plan_ids": "",
            "geometry_quality": "approximate",
            "dominant_sector": dominant,
            "dominant_chain": chain,
            "sectors": sector_lists,
            "target_scale_yi": value,
            "scale_year": pd.array([int(v) if v else pd.NA for v in year], dtype="Int64"),
            "scale_basis": np.where(np.isnan(value), "none", np.where(rng.random(n) < 0.1, "shared", "park")),
        },
        geometry=list(geoms),
        crs=settings.CRS_WGS84,
    )


# --------------------------------------------------------------------------- the two maps


def app_html(ds, parks, view) -> str:
    """The app's path: :func:`layers.web.build.layer_data` → :func:`layers.web.build.build_map` → HTML."""
    from layers.web.build import build_map, layer_data

    data = layer_data(ds, parks, view)
    return build_map(ds, parks, view, data=data).get_root().render()


def naive_html(ds, parks) -> str:
    """The baseline: a folium map with one ``folium.Marker`` (tooltip + popup) per point."""
    import folium

    from layers import style

    (minx, miny, maxx, maxy) = parks.total_bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=8, tiles=None)
    folium.GeoJson(
        ds.districts[["district", "geometry"]].to_json(),
        style_function=lambda f: {"color": style.DISTRICT_EDGE, "weight": 0.7, "fillColor": style.DISTRICT_FILL, "fillOpacity": 1},
    ).add_to(m)
    colors = dict(zip(ds.industries["sector"], ds.industries["color"], strict=False))
    polys = parks[parks.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    if len(polys):
        fp = polys[["park_id", "dominant_sector", "geometry"]].assign(color=polys["dominant_sector"].map(colors).fillna("#888888"))
        folium.GeoJson(
            fp.to_json(),
            style_function=lambda f: {"color": f["properties"]["color"], "weight": 1.6, "dashArray": "5 4", "fillOpacity": 0.16},
        ).add_to(m)
    pts = parks.geometry.representative_point()
    for row, p in zip(parks.itertuples(index=False), pts, strict=True):
        scale = "—" if pd.isna(row.target_scale_yi) else f"{row.target_scale_yi:,.0f}亿元"
        popup = (
            f"<b>{html.escape(row.name_zh)}</b><br>{html.escape(row.name_en)}<br>{html.escape(row.district)} · "
            f"{html.escape(row.kind)}<br>主导产业：{html.escape(row.dominant_sector)}<br>目标规模：{scale}"
        )
        folium.Marker([p.y, p.x], tooltip=html.escape(row.name_zh), popup=folium.Popup(popup, max_width=300)).add_to(m)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m.get_root().render()


# --------------------------------------------------------------------------- serving and the browser


@contextlib.contextmanager
def _server(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D102 - silence
            pass

    handler = functools.partial(Quiet, directory=str(root))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def _browser_time(b, url: str, done_js: str, n: int) -> tuple[float, bool]:
    """Seconds from navigation start until drawn (``CAP_S`` and False when not drawn by then)."""
    ctx = b.new_context(viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        block_remote(page)
        t0 = time.perf_counter()
        try:
            page.goto(url, wait_until="commit", timeout=CAP_S * 1000)
            left = CAP_S - (time.perf_counter() - t0)
            page.wait_for_function(done_js, arg=[n], timeout=max(1.0, left) * 1000, polling=50)
            return float(page.evaluate("window.__benchDrawn")) / 1000.0, True
        except Exception as exc:  # playwright's TimeoutError (or a crashed tab at 100k markers)
            if "Timeout" not in type(exc).__name__ and "imeout" not in str(exc):
                raise
            return CAP_S, False
    finally:
        with contextlib.suppress(Exception):
            ctx.close()


def _write(root: Path, name: str, text: str) -> int:
    head, sep, tail = text.rpartition("</html>")  # after folium's map script, which follows </body>
    data = (head + _DRAWN_JS + sep + tail if sep else text + _DRAWN_JS).encode("utf-8")
    (root / name).write_bytes(data)
    return len(data)


def run(quick: bool = False, tiny: bool = False) -> list[Result]:
    """Measure the app's map and the naive map at every size (``tiny``: just above the canvas threshold, for
    the smoke test: the app's map reports its draw from the canvas layer)."""
    from geo import settings
    from geo.load import load_dataset
    from geo.view import View
    from layers import offline

    offline.localize_folium()
    ds = load_dataset(settings.DATA_DIR)
    view = View(basemap="none")
    tiny_n = settings.WEB_CANVAS_MIN_PARKS + 100
    sizes = (tiny_n,) if tiny else SIZES
    app_rep = {1_000: 3, 10_000: 3, 100_000: 2} if quick else {1_000: 5, 10_000: 5, 100_000: 3}
    naive_rep = {1_000: 1, 10_000: 1} if quick else {1_000: 3, 10_000: 1, 100_000: 1}
    if tiny:
        app_rep, naive_rep = {tiny_n: 1}, {tiny_n: 1}
    out: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        root = Path(tmp)
        (root / "app").mkdir()
        os.symlink(settings.STATIC_DIR, root / "app" / "static")
        with _server(root) as base:
            naive_by_n: dict[int, tuple[float, float, int, bool]] = {}
            for n in sizes:
                parks = synthetic(ds, n)
                lab = _label(n)
                # the app
                builds, renders, size = [], [], 0
                for _ in range(app_rep[n]):
                    t0 = time.perf_counter()
                    page = app_html(ds, parks, view)
                    builds.append(time.perf_counter() - t0)
                    size = _write(root, f"app_{n}.html", page)
                    del page
                    t_b, ok = _browser_time(b, f"{base}/app_{n}.html", _APP_DONE, n)
                    if not ok:
                        raise RuntimeError(f"the app's map of {n} points was not drawn within {CAP_S:.0f} s")
                    renders.append(t_b)
                app_b, app_r = statistics.median(builds), statistics.median(renders)
                app_total = statistics.median([a + r for a, r in zip(builds, renders, strict=True)])
                # the naive baseline
                if n in naive_rep:
                    nb, nr, ok_all, nsize = [], [], True, 0
                    for _ in range(naive_rep[n]):
                        t0 = time.perf_counter()
                        page = naive_html(ds, parks)
                        nb.append(time.perf_counter() - t0)
                        nsize = _write(root, f"naive_{n}.html", page)
                        del page
                        t_b, ok = _browser_time(b, f"{base}/naive_{n}.html", _NAIVE_DONE, n)
                        nr.append(t_b)
                        ok_all &= ok
                        (root / f"naive_{n}.html").unlink()
                    naive_by_n[n] = (statistics.median(nb), statistics.median(nr), nsize, ok_all)
                    nb_s, nr_s, nsize, ok_all = naive_by_n[n]
                    how = "measured" + ("" if ok_all else f"; browser capped at {CAP_S:.0f} s")
                else:  # quick: linear estimate from the largest measured size (a lower bound)
                    m = max(naive_by_n)
                    f = n / m
                    nb_s, nr_s = naive_by_n[m][0] * f, min(CAP_S, naive_by_n[m][1] * f)
                    nsize = int(naive_by_n[m][2] * f)
                    how = f"estimated ×{f:g} from {_label(m)}: a lower bound, a full run measures it"
                naive_total = nb_s + nr_s
                out += [
                    Result(f"map_{lab}_total", "TIME", app_total,
                           f"app path: build+serialise {app_b:.2f} s + browser {app_r:.2f} s, {size / 1e6:.1f} MB HTML, "
                           f"median of {app_rep[n]}", "≤ 6 s" if n == 100_000 else ""),
                    Result(f"map_{lab}_naive_total", "TIME", naive_total,
                           f"one folium.Marker+popup per point: build+serialise {nb_s:.2f} s + browser {nr_s:.2f} s, "
                           f"{nsize / 1e6:.1f} MB HTML ({how})"),
                    Result(f"map_{lab}", "RATIO", naive_total / app_total, "naive end-to-end ÷ app end-to-end",
                           "≥ 10" if n == 10_000 else ""),
                ]
                print(f"#   map {lab}: app {app_total:.2f} s, naive {naive_total:.1f} s", file=sys.stderr, flush=True)
                (root / f"app_{n}.html").unlink()
    return out


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv[1:]):
        print(r.line())
