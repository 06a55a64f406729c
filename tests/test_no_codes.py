"""No internal codes on Chinese screens (issue 14, item 7): the detail panel, the overlap page's tables and the
add-plan grid show labels from layers/i18n.py; plan ids only next to a plan's title."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.detail import park_detail
from geo.summary import default_plan_ids
from geo.taxonomy import english_names, sector_colors
from layers.detail_html import render_detail

ROOT = Path(__file__).resolve().parent.parent
ROLE_CODES = re.compile(r"\b(lead|specialty|advantage|emerging|focus|direction|high|medium|low|target_scale_yi)\b")


def _visible(h: str) -> str:
    return html.unescape(re.sub(r"<style.*?</style>|<[^>]+>", " ", h, flags=re.S))


def test_detail_panel_names_plans_by_title_and_roles_in_chinese(shipped):
    plan_ids = default_plan_ids(shipped)
    names = dict(zip(shipped.parks["park_id"], shipped.parks["name_zh"], strict=True))
    district_en = dict(zip(shipped.districts["district"], shipped.districts["district_en"], strict=False))
    seen_roles = set()
    for pid in shipped.parks["park_id"]:
        d = park_detail(shipped, pid, plan_ids)
        text = _visible(render_detail(d, "zh", english_names(shipped.industries), district_en,
                                      sector_colors(shipped.industries), names))
        assert not ROLE_CODES.search(text), (pid, ROLE_CODES.search(text))
        for p in d.plans:  # the id once, in the plans list next to the title and document number
            assert text.count(p.plan_id) <= 1, (pid, p.plan_id)
        for line in d.industries:
            seen_roles.add(line.role)
        if any(line.quote for line in d.industries):
            assert "《" in text
    assert {"lead", "focus"} & seen_roles


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app_pages" / "overlaps.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overlap_page_tables_show_titles_not_ids(page, shipped):
    ids = set(shipped.plans["plan_id"])
    for df in page.dataframe:
        value = df.value
        for c in value.columns:
            assert not any(p in str(c) for p in ids), c  # no plan id in a header
            cells = {str(v) for v in value[c]}
            assert not cells & ids, (c, cells & ids)  # never a bare plan id in a cell
            assert not {v for v in cells if ROLE_CODES.fullmatch(v)}, c
    old = page.selectbox(key="ov_vo_合川区")
    assert all("《" in o or "合川" in o for o in old.options)  # the vintage choices by title


def test_vintage_tab_quotes_are_whole_statements(page):
    frame = next(df.value for df in page.dataframe if "变化" in df.value.columns)
    quotes = [str(v) for c in frame.columns if c.startswith("规划原文") for v in frame[c] if str(v)]
    assert quotes and not any(q.strip() in ("——汽车零部件。", "——摩托车整车及零部件。") for q in quotes)


def test_add_plan_grid_labels_the_row_kinds():
    src = (ROOT / "app_pages" / "add_plan.py").read_text(encoding="utf-8")
    assert 'format_func=lambda v: t(f"ap_kind_{v}", lang)' in src
    from layers.i18n import t

    assert [t(f"ap_kind_{k}") for k in ("park_industry", "target", "total")] == ["园区产业", "产业目标", "总量目标"]
