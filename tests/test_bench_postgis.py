"""Smoke test of bench/postgis.py at a tiny size: both paths run and agree on what they count."""

from __future__ import annotations

import re

from bench import postgis


def test_postgis_bench_runs_and_both_paths_agree(pg_url):
    got = postgis.run(sizes=(300,), layer_sizes=(400,), url=pg_url)
    res = {r.name: r for r in got}
    for name in ("load_files_300", "import_postgis_300", "load_postgis_cold_300", "load_postgis_warm_300",
                 "read_postgis_parks_300", "read_parks_file_400", "read_parks_postgis_400", "bulk_insert_postgis_400",
                 "near_pairs_inproc_400", "near_pairs_postgis_400", "covers_inproc_400", "covers_postgis_400"):
        assert res[name].kind == "TIME" and res[name].value > 0, name
    assert res["read_postgis_parks_300"].note.endswith("of 300 parks")
    assert res["read_parks_postgis_400"].note.endswith("(400)")

    def count(name: str) -> int:
        return int(re.search(r"(\d+) (pairs|outside)", res[name].note).group(1))

    for k in ("300", "400"):
        assert count(f"covers_inproc_{k}") == count(f"covers_postgis_{k}") == 0  # every park is in its district
        # UTM 48N vs geodesic distances: the same pairs up to those right at the 50 km line
        a, b = count(f"near_pairs_inproc_{k}"), count(f"near_pairs_postgis_{k}")
        assert abs(a - b) <= max(2, 0.02 * a)
