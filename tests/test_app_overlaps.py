"""Tests for the overlap page (app_pages/overlaps.py) with Streamlit's AppTest: both languages, row selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "overlaps.py")


@pytest.fixture(scope="module")
def zh() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    return at


def test_page_runs_in_chinese(zh):
    assert not zh.exception, [e.value for e in zh.exception]
    assert zh.title[0].value == "同质化分析"
    assert [t.label for t in zh.tabs] == ["同质化产业", "区县×产业矩阵", "2主导+4特色", "规划版本对比", "区县产业组合"]
    table = zh.dataframe[0].value
    assert "智能网联新能源汽车" in set(table["产业"])
    assert any("目标调整" in str(m.label) for m in zh.metric)  # the Hechuan vintage diff


def test_selecting_a_row_shows_both_plans_quotes(zh):
    key = zh.dataframe[0].proto.id.split("-", 2)[2]  # "$$ID-<hash>-<user key>"
    assert key.startswith("ov_table")
    table = zh.dataframe[0].value
    row = int(table.index[table["产业"] == "智能网联新能源汽车"][0])
    zh.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    zh.run()
    assert not zh.exception
    text = "\n".join(m.value for m in zh.markdown)
    assert "永川区" in text and "合川区" in text and "大足区" in text
    assert "500亿级智能网联新能源汽车零部件产业集群" in text


def test_page_runs_in_english_at_chain_level():
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["w_lang"] = "en"  # the map page's language widget
    at.run()
    at.radio(key="ov_level").set_value("chain").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("Overlap analysis")
    industries = set(at.dataframe[0].value["Industry"])
    assert any("电梯" in i for i in industries)


def test_all_domains_checkbox_and_declared_systems():
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert "物流" not in set(table["产业"])  # manufacturing only by default
    assert "规划版本更替" in table.columns and "位置误差（±公里）" in table.columns
    assert not any("→" in str(v) for v in table["规划版本更替"])  # default: the latest plans, nothing superseded
    text = "\n".join(m.value for m in at.markdown).replace("\\+", "+")  # markdown escapes "+"
    assert "对照市级2+4规则" in text and "合川区 2446 体系" in text and "市级 2+4 规则" in text
    frames = [d.value for d in at.dataframe]
    assert any("声明的产业体系" in f.columns for f in frames)
    at.checkbox(key="ov_all_domains").check().run()
    assert not at.exception
    assert "物流" in set(at.dataframe[0].value["产业"])
    at.selectbox(key="ov_vintage").set_value("all").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert any("→" in str(v) for v in table["规划版本更替"])  # all plans: Hechuan's later plan supersedes the earlier
    assert "比较的规划：全部规划" in " ".join(c.value for c in at.caption).replace("\\", "")
