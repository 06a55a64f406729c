"""Tests for ``python -m geo overlaps``: columns, formats, plan choice and errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from cli.main import main

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


def _add_logistics(d: Path) -> None:
    """Both districts of the mini data name 物流 (a non-manufacturing sector, no domain column)."""
    with open(d / "industries.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write("物流,,Logistics,#999999,物流\n")
    header = (d / "clusters.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    with open(d / "clusters.csv", "a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, restval="")
        for cid, plan, district, quote in (("plan-a-c009", "plan-a", "甲区", "甲区规划"), ("plan-b-c009", "plan-b", "乙区", "乙区方案")):
            w.writerow(dict(cluster_id=cid, plan_id=plan, district=district, name_as_written="物流", sector="物流",
                            role="lead", quote=quote))


def test_all_domains_flag(mini_dir, capsys):
    _add_logistics(mini_dir)
    assert main(["overlaps", "--data-dir", str(mini_dir)]) == 0
    default = {r["industry"] for r in _csv(capsys.readouterr().out)}
    assert "物流" not in default and "汽车" in default
    assert main(["overlaps", "--data-dir", str(mini_dir), "--all-domains"]) == 0
    rows = _csv(capsys.readouterr().out)
    log = [r for r in rows if r["industry"] == "物流"]
    assert len(log) == 1 and set(log[0]["districts"].split(";")) == {"甲区", "乙区"}


def test_rule_flag_prints_the_declared_system(mini_dir, capsys):
    text = mini_dir / "plans" / "a.txt"
    text.write_text(text.read_text(encoding="utf-8") + "构建“1+0”产业体系。", encoding="utf-8")
    plans = (mini_dir / "plans.csv").read_text(encoding="utf-8").splitlines()
    plans[0] += ",system,system_quote"
    plans[1:] = [p + (",1+0,构建“1+0”产业体系" if p.startswith("plan-a") else ",,") for p in plans[1:]]
    (mini_dir / "plans.csv").write_text("\n".join(plans) + "\n", encoding="utf-8")
    assert main(["overlaps", "--data-dir", str(mini_dir), "--rule"]) == 0
    rows = {r["plan_id"]: r for r in _csv(capsys.readouterr().out)}
    assert rows["plan-a"]["system"] == "1+0" and rows["plan-a"]["n_lead"] == "1"
    assert rows["plan-a"]["statement_zh"] == "甲区 1+0 体系：主导 1 / 特色 0 — 符合市级 2+4 规则"
    assert "未声明产业体系" in rows["plan-b"]["statement_zh"] and rows["plan-b"]["n_specialty"] == "1"
    assert main(["overlaps", "--data-dir", str(mini_dir), "--rule", "--format", "json", "--plan", "plan-b"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["plan_id"] for r in data] == ["plan-b"] and data[0]["over"] is False
