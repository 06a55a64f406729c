"""Tests for ``python -m geo overlaps``: columns, formats, plan choice and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from geo.cli import main

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ["industry", "districts", "parks", "n_districts", "total_target_yi", "severity", "evidence"]


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_columns_on_mini_data(mini_dir, capsys):
    assert main(["overlaps", "--data-dir", str(mini_dir), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = _csv(out)
    assert list(rows[0])[: len(REQUIRED)] == REQUIRED
    car = [r for r in rows if r["industry"] == "汽车" and r["kind"] == "cross_district"]
    assert len(car) == 1
    assert car[0]["districts"] == "甲区;乙区"
    assert car[0]["n_districts"] == "2"
    assert float(car[0]["total_target_yi"]) == 300 + 120
    assert "甲一园重点发展汽车摩托车产业" in car[0]["evidence"] and "乙园重点发展汽车零部件" in car[0]["evidence"]
    assert set(car[0]["parks"].split(";")) == {"jia-1", "yi-1"}


def test_json_and_chain_level(mini_dir, capsys):
    assert main(["overlaps", "--data-dir", str(mini_dir), "--format", "json", "--level", "chain"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == []  # 摩托车 (甲) and 零部件 (乙) are different chains
    assert main(["overlaps", "--data-dir", str(mini_dir), "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    car = next(r for r in data if r["industry"] == "汽车")
    assert car["districts"] == ["甲区", "乙区"] and car["sides"][0]["quotes"]
    assert "districts (+1)" in car["severity_reasons"]


def test_unknown_plan_is_a_clear_error(mini_dir, capsys):
    assert main(["overlaps", "--data-dir", str(mini_dir), "--plan", "nope"]) == 1
    err = capsys.readouterr().err
    assert "unknown plan vintage 'nope'" in err and "Traceback" not in err


def test_real_data_subprocess():
    res = subprocess.run(
        [sys.executable, "-m", "geo", "overlaps", "--level", "chain", "--format", "csv", "--kind", "cross_district"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    rows = _csv(res.stdout)
    assert list(rows[0])[: len(REQUIRED)] == REQUIRED
    lift = next(r for r in rows if r["industry"] == "电梯")
    assert {"合川区", "大足区"} <= set(lift["districts"].split(";"))
    assert "hechuan-2023-09" in lift["evidence"] and "dazu-2022" in lift["evidence"]
    assert all(r["kind"] == "cross_district" for r in rows)
