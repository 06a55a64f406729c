"""``python -m geo sites import``: exit 0 with a one-line summary; exit 1, the reason and nothing changed when refused."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cli.main import main
from geo import settings, sites
from geo.load import load_dataset
from tests.test_sites import PARK, SQUARE, YONGCHUAN, _square_wgs84, _to, _write


def test_import_dxf_in_gauss_krueger(data_copy, tmp_path, capsys):
    f = _write(tmp_path, "dxf", _to(SQUARE, "EPSG:4545"), None)
    rc = main(["sites", "import", str(f), "--park", PARK, "--crs", "EPSG:4545", "--data-dir", str(data_copy),
               "--editor", "王工", "--source", "合川区控规 2024"])
    out = capsys.readouterr().out
    assert rc == 0 and out.count("\n") == 1 and out.startswith(f"OK: {PARK}: approximate → surveyed")
    row = load_dataset(data_copy).parks.set_index("park_id").loc[PARK]
    assert (row["geometry_quality"], row["geometry_editor"], row["geometry_source"]) == ("surveyed", "王工", "合川区控规 2024")
    assert len(sites.read_history(data_copy, PARK)) == 1


@pytest.mark.parametrize("case", ["no_crs", "other_district", "area", "unknown_park", "bad_crs"])
def test_refusals_exit_1_and_change_nothing(data_copy, tmp_path, capsys, case):
    good = _write(tmp_path, "dxf", _to(SQUARE, "EPSG:4545"), None, name="good")
    args = {
        "no_crs": [str(good), "--park", PARK],
        "other_district": [str(_write(tmp_path, "gpkg", _square_wgs84(*YONGCHUAN, 2800.0), "EPSG:4326")), "--park", PARK],
        "area": [str(_write(tmp_path, "geojson", _square_wgs84(106.42047, 29.93512, 900.0), None)), "--park", PARK],
        "unknown_park": [str(good), "--park", "no-such-park", "--crs", "4545"],
        "bad_crs": [str(good), "--park", PARK, "--crs", "Beijing54-ish"],
    }[case]
    before = sites.read_versions(data_copy)
    rc = main(["sites", "import", *args, "--data-dir", str(data_copy), "--editor", "王工"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "REFUSED" in err and "nothing was changed" in err
    assert {"no_crs": "EPSG:4545", "other_district": "永川区", "area": "plan states 10 km²",
            "unknown_park": "no-such-park", "bad_crs": "EPSG code"}[case] in err
    assert sites.read_versions(data_copy) == before


def test_cli_runs_as_a_module(data_copy, tmp_path):
    f = _write(tmp_path, "gpkg", _to(SQUARE, "EPSG:4490"), "EPSG:4490")
    r = subprocess.run([sys.executable, "-m", "geo", "sites", "import", str(f), "--park", PARK,
                        "--data-dir", str(data_copy), "--editor", "王工"], capture_output=True, text=True,
                       cwd=settings.ROOT)
    assert r.returncode == 0, r.stderr
    assert "surveyed" in r.stdout and "EPSG:4490" in r.stdout
    h = subprocess.run([sys.executable, "-m", "geo", "sites", "history", "--park", PARK, "--data-dir", str(data_copy)],
                       capture_output=True, text=True, cwd=settings.ROOT)
    assert h.returncode == 0 and "approximate,surveyed" in h.stdout
