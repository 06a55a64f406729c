"""Tests for ``python -m geo ingest``: CSV/JSON output, stdin, GBK, and clear errors for bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from geo.cli import main
from geo.settings import ROOT

TEXT = "北园重点发展汽车零部件、电子信息。到2027年，电梯产业产值力争突破30亿元。"


@pytest.fixture
def plan_file(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_csv_output(plan_file, capsys):
    assert main(["ingest", str(plan_file), "--district", "合川", "--plan-id", "x-2024"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [(r["kind"], r["park"], r["industry_as_written"]) for r in rows] == [
        ("park_industry", "北园", "汽车零部件"), ("park_industry", "北园", "电子信息"), ("target", "", "电梯产业"),
    ]
    assert rows[0]["district"] == "合川区" and rows[0]["plan_id"] == "x-2024"
    assert rows[2]["target_value_yi"] == "30.0" and rows[2]["target_year"] == "2027"
    assert all(r["quote"] in TEXT for r in rows)
    assert "3 findings (1 targets)" in out.err


def test_json_from_gbk_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("gbk"))))
    assert main(["ingest", "-", "--district", "合川区", "--format", "json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert recs[2]["target_value_yi"] == 30.0 and recs[2]["target_year"] == 2027
    assert recs[0]["target_value_yi"] is None and recs[0]["quote"] == "北园重点发展汽车零部件"


@pytest.mark.parametrize("args, message", [
    (["missing.txt", "--district", "合川区"], "file not found"),
    (["{file}", "--district", "火星区"], "unknown district '火星区'"),
    (["{empty}", "--district", "合川区"], "is empty"),
    (["{binary}", "--district", "合川区"], "binary file"),
])
def test_bad_input_exit_1_with_message(args, message, tmp_path, plan_file, capsys):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00" * 20)
    args = [a.format(file=plan_file, empty=tmp_path / "empty.txt", binary=tmp_path / "bin.txt") for a in args]
    assert main(["ingest", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_module_entry_point_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\x80\x81" * 10)
    r = subprocess.run([sys.executable, "-m", "geo", "ingest", str(bad), "--district", "合川区"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "neither UTF-8 nor GBK" in r.stderr and "Traceback" not in r.stderr
