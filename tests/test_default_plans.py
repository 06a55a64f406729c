"""One default plan set (issue 14, item 11): the overlap page, the map, the XLSX overlaps sheet and
``python -m geo overlaps`` compare the same plans unless told otherwise, and each says which."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import overlap as ov
from geo import portfolio as pf
from geo import settings
from geo.summary import default_plan_ids, select_plans
from geo.view import View, plan_ids_for
from layers import workbook

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "app_pages" / "overlaps.py")


def _key(industry, severity, total) -> tuple:
    total = None if total in ("", None) or pd.isna(float(total)) else round(float(total), 2)
    return (str(industry), int(float(severity)), total)


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_one_function_names_the_default_everywhere(shipped):
    default = default_plan_ids(shipped)
    assert default == select_plans(shipped, settings.DEFAULT_VINTAGE)
    assert plan_ids_for(shipped, View()) == default  # the map and the exports
    assert "hechuan-2023-02" not in default and "hechuan-2023-09" in default  # the earlier vintage is superseded
    assert ov.district_rule_counts(shipped)["plan_id"].tolist() == ov.district_rule_counts(shipped, default)[
        "plan_id"
    ].tolist()
    assert pf.district_portfolio(shipped).equals(pf.district_portfolio(shipped, default))


def test_page_xlsx_and_cli_give_the_same_rows(shipped, page):
    table = page.dataframe[0].value
    page_rows = [_key(*r) for r in zip(table["产业"], table["分值"], table["目标合计（亿元）"], strict=True)]

    book = pd.read_excel(io.BytesIO(workbook.to_xlsx(shipped, View())), sheet_name=None, dtype=str,
                         keep_default_na=False)
    sheet = book["overlaps"]
    cols = [workbook.xlsx_header(c) for c in ("industry", "severity", "total_target_yi")]
    xlsx_rows = [_key(*r) for r in zip(*(sheet[c] for c in cols), strict=True)]

    res = subprocess.run([sys.executable, "-m", "geo", "overlaps"], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert res.returncode == 0, res.stderr
    cli = list(csv.DictReader(io.StringIO(res.stdout)))
    cli_rows = [_key(r["industry"], r["severity"], r["total_target_yi"]) for r in cli]

    assert len(page_rows) == len(xlsx_rows) == len(cli_rows) > 0
    assert page_rows == xlsx_rows == cli_rows
    # and each names the plans it compared
    assert "hechuan-2023-09" in res.stderr and "hechuan-2023-02" not in res.stderr
    about = " ".join(book["about"][workbook.xlsx_header("value")])
    assert "比较的规划" in about and "Plans compared" in about and "hechuan-2023-09" in about
    captions = " ".join(c.value for c in page.caption).replace("\\", "")  # markdown escapes
    assert "比较的规划：各区县最新规划" in captions and "hechuan-2023-09" in captions
    assert "hechuan-2023-02）" not in captions


def test_all_plans_stay_one_choice_away(shipped):
    every = ov.find_overlaps(shipped, plan_ids=select_plans(shipped, "all"))
    assert any("→" in str(v) for v in every["vintage_changes"])  # the supersession steps are listed
    default = ov.find_overlaps(shipped)
    assert not any("→" in str(v) for v in default["vintage_changes"])


def test_the_note_names_the_plans_in_either_language(shipped):
    from geo.view import compared_plans_note

    ids = default_plan_ids(shipped)
    zh = compared_plans_note(shipped, ids, settings.DEFAULT_VINTAGE, "zh")
    en = compared_plans_note(shipped, ids, settings.DEFAULT_VINTAGE, "en")
    assert zh.startswith("比较的规划：各区县最新规划") and f"共 {len(ids)} 份" in zh
    assert en.startswith("Plans compared: each district's latest plan") and "Hechuan" in en and "合川区" not in en
    assert all(p in zh and p in en for p in ids)
