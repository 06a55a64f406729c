"""``python -m geo validate`` and ``python -m geo export`` on broken data folders: exit 1, a message naming the
file (and the row and field), never a traceback. Both commands run as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_mini

from cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def _park(d: Path, i: int, **changes) -> None:
    p = d / "parks.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    for k, v in changes.items():
        if k == "geometry":
            doc["features"][i]["geometry"] = v
        else:
            doc["features"][i]["properties"][k] = v
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _district_geometry(d: Path, i: int, geometry) -> None:
    p = d / "districts.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"][i]["geometry"] = geometry
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _cell(d: Path, name: str, row: int, col: str, value: str) -> None:
    df = pd.read_csv(d / name, dtype=str, keep_default_na=False)
    df.loc[row, col] = value
    df.to_csv(d / name, index=False)


def _drop_column(d: Path, name: str, col: str) -> None:
    pd.read_csv(d / name, dtype=str, keep_default_na=False).drop(columns=[col]).to_csv(d / name, index=False)


def _xlsx_instead(d: Path) -> None:
    pd.read_csv(d / "clusters.csv", dtype=str, keep_default_na=False).to_excel(d / "clusters.xlsx", index=False)
    (d / "clusters.csv").unlink()


_BOWTIE = {"type": "Polygon", "coordinates": [[[106.1, 29.6], [106.3, 29.8], [106.3, 29.6], [106.1, 29.8], [106.1, 29.6]]]}

#: name → (how to break the mini folder, fragments the message must contain)
CASES: dict[str, tuple[Callable[[Path], object], tuple[str, ...]]] = {
    "no_files": (lambda d: [p.unlink() for p in d.iterdir() if p.is_file()], ("plans.csv", "file not found")),
    "binary_clusters": (lambda d: (d / "clusters.csv").write_bytes(bytes(range(256)) * 3), ("clusters.csv",)),
    "empty_clusters": (lambda d: (d / "clusters.csv").write_bytes(b""), ("clusters.csv", "cannot be read")),
    "missing_column": (lambda d: _drop_column(d, "clusters.csv", "quote"), ("clusters.csv", "'quote'", "missing")),
    "non_numeric_target": (lambda d: _cell(d, "clusters.csv", 2, "target_value_yi", "三百"),
                           ("clusters.csv row 4", "target_value_yi", "三百")),
    "swapped_value_year": (lambda d: (_cell(d, "clusters.csv", 2, "target_value_yi", "2025"),
                                      _cell(d, "clusters.csv", 2, "target_year", "300")),
                           ("clusters.csv row 4", "target_year", "swapped")),
    "unknown_district": (lambda d: _cell(d, "clusters.csv", 0, "district", "丙区"),
                         ("clusters.csv row 2", "'district'", "unknown district '丙区'")),
    "duplicate_id": (lambda d: _cell(d, "clusters.csv", 1, "cluster_id", "plan-a-c001"),
                     ("clusters.csv row 3", "cluster_id", "duplicate id 'plan-a-c001'")),
    "truncated_geojson": (lambda d: (d / "parks.geojson").write_text((d / "parks.geojson").read_text()[:200]),
                          ("parks.geojson", "not valid JSON")),
    "invalid_geometry": (lambda d: _park(d, 0, geometry=_BOWTIE),
                         ("parks.geojson row 1 (jia-1 甲一园)", "'geometry'", "python -m geo repair")),
    "empty_geometry": (lambda d: _park(d, 1, geometry={"type": "Polygon", "coordinates": []}),
                       ("parks.geojson row 2 (jia-2 甲二园)", "missing or empty")),
    "lat_lon_swapped": (lambda d: _park(d, 0, geometry={"type": "Point", "coordinates": [29.7, 106.2]}),
                        ("parks.geojson row 1", "swapped")),
    "outside_own_district": (lambda d: _park(d, 0, geometry={"type": "Point", "coordinates": [106.7, 29.7]}),
                             ("parks.geojson row 1", "outside its own district 甲区")),
    "district_without_geometry": (lambda d: _district_geometry(d, 0, None),
                                  ("districts.geojson row 1 (甲区)", "'geometry'")),
    "property_is_a_list": (lambda d: _park(d, 0, name_zh=["甲", "一"]), ("parks.geojson row 1", "'name_zh'", "list")),
    "plan_text_outside": (lambda d: _cell(d, "plans.csv", 0, "text_file", "/etc/hostname"),
                          ("plans.csv row 2", "text_file", "inside the data folder")),
    "xlsx_instead_of_csv": (_xlsx_instead, ("clusters.csv", "clusters.xlsx")),
}


def _run(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PARKMAP_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "geo", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("case", list(CASES))
def test_validate_and_export_report_bad_data_without_a_traceback(tmp_path, case):
    breaks, fragments = CASES[case]
    d = make_mini(tmp_path / "data")
    breaks(d)
    procs = [_run("validate", "--data-dir", str(d)),
             _run("export", "--data-dir", str(d), "--out", str(tmp_path / "parks.csv"))]
    for p in procs:  # both at once: two cores
        out, err = p.communicate(timeout=120)
        text = out + err
        assert p.returncode == 1, text
        assert "Traceback" not in text
        for frag in fragments:
            assert frag in err, f"{frag!r} not in {err!r}"
    assert not (tmp_path / "parks.csv").exists()


def test_missing_folder(tmp_path):
    p = _run("validate", "--data-dir", str(tmp_path / "nowhere"))
    out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "plans.csv: file not found" in err and "Traceback" not in out + err


def test_unexpected_error_is_one_line_unless_debugging(mini_dir, capsys, monkeypatch):
    import geo.load

    def boom(*_a, **_k):
        raise KeyError("surprise")

    monkeypatch.setattr(geo.load, "load_dataset", boom)
    monkeypatch.delenv("PARKMAP_DEBUG", raising=False)
    assert main(["validate", "--data-dir", str(mini_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ERROR: unexpected KeyError") and "PARKMAP_DEBUG" in err and "Traceback" not in err
    monkeypatch.setenv("PARKMAP_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["validate", "--data-dir", str(mini_dir)])
