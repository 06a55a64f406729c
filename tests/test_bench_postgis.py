"""Smoke test of bench/postgis.py at a tiny size: both paths run and agree on what they count."""

from __future__ import annotations

import re

from bench import postgis


def test_postgis_bench_runs_and_both_paths_agree(pg_url):
    res = {r.name: r for r in postgis.run(sizes=(400,), url=pg_url)}
    for name in ("load_files_400", "import_postgis_400", "load_postgis_cold_400", "load_postgis_warm_400",
                 "read_postgis_parks_400", "near_pairs_inproc_400", "near_pairs_postgis_400", "covers_inproc_400",
                 "covers_postgis_400"):
        assert res[name].kind == "TIME" and res[name].value > 0, name
    assert res["read_postgis_parks_400"].note.endswith("of 400 parks")

    def count(name: str) -> int:
        return int(re.search(r"(\d+) (pairs|outside)", res[name].note).group(1))

    assert count("covers_inproc_400") == count("covers_postgis_400") == 0  # every generated park is in its district
    # UTM 48N distances vs geodesic ones: the same pairs up to those right at the 50 km line
    a, b = count("near_pairs_inproc_400"), count("near_pairs_postgis_400")
    assert abs(a - b) <= max(2, 0.02 * a)
