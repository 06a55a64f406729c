"""Evidence reads well (issue 14, item 10): whole statements, table rows with their table, one quote per
statement, evidence collapsed per district on the overlap page."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo import evidence as ev
from geo import overlap as ov

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "overlaps.py")

TEXT = (
    "二、重点任务\n"
    "大力发展新材料，打造百亿级新材料集群。\n"
    "——气凝胶。围绕研发、制备、应用一体化，做实做强气凝胶产业基地。延伸产业链。\n"
    "附件1\n"
    "主要发展目标\n"
    "\t目标名称\n\t单位\n\t2020年\n\t2025年\n"
    "\n"
    "\t规上工业总产值\n\t亿元\n\t109.43\n\t350\n"
    "\n"
    "\t新材料产业产值\n\t亿元\n\t28.1\n\t100\n"
)


def test_a_heading_takes_the_sentence_after_it():
    st = ev.statement(TEXT, "——气凝胶。")
    assert st["kind"] == "heading"
    assert st["quote"] == "——气凝胶。围绕研发、制备、应用一体化，做实做强气凝胶产业基地。"
    assert st["quote"] in TEXT


def test_a_clause_widens_to_its_sentence():
    st = ev.statement(TEXT, "打造百亿级新材料集群")
    assert st["quote"] == "大力发展新材料，打造百亿级新材料集群。" and st["kind"] == "sentence"


def test_a_table_fragment_is_its_row_with_title_and_header():
    st = ev.statement(TEXT, "新材料产业产值\n\t亿元\n\t28.1\n\t100")
    assert st["kind"] == "table"
    assert ev.flat(st["quote"]) == "新材料产业产值 亿元 28.1 100"
    assert st["table_title"] == "主要发展目标"
    assert ev.flat(st["table_header"]) == "目标名称 单位 2020年 2025年"
    for part in (st["quote"], st["table_title"], st["table_header"]):
        assert part in TEXT


def test_a_quote_not_in_the_text_is_kept_as_coded():
    assert ev.statement(TEXT, "没有这句话") == dict(quote="没有这句话", kind="as_coded", table_title="", table_header="")


def test_prefixes_of_one_sentence_are_one_quote():
    quotes = [dict(plan_id="p", quote=q) for q in ("大力发展新材料", "大力发展新材料，打造百亿级", "打造百亿级新材料集群。")]
    out = ev.side_statements(quotes, {"p": TEXT})
    assert [q["quote"] for q in out] == ["大力发展新材料，打造百亿级新材料集群。"]
    assert out[0]["clause"] == "大力发展新材料"  # the coded quote is kept alongside
    # substrings of a longer statement of the same side go, whatever their order
    quotes = [dict(plan_id="p", quote="——气凝胶。"), dict(plan_id="p", quote="做实做强气凝胶产业基地")]
    assert len(ev.side_statements(quotes, {"p": TEXT})) == 1


def test_real_evidence_is_whole_verbatim_statements(shipped):
    o = ov.find_overlaps(shipped)
    n = 0
    for _, r in o.iterrows():
        for s in r["sides"]:
            flat = [ev.flat(q["quote"]) for q in s["quotes"]]
            for i, q in enumerate(s["quotes"]):
                n += 1
                text = shipped.texts[q["plan_id"]]
                assert q["quote"] in text, q
                assert q["kind"] != "as_coded"
                if q["kind"] == "table":
                    assert q["table_title"] and q["table_title"] in text and q["table_header"] in text
                else:
                    assert q["quote"][-1] in "。！？；，" or text[text.find(q["quote"]) + len(q["quote"])] == "\n"
                    assert ev.flat(q["quote"]) not in ("——气凝胶。",)
                others = [f for j, f in enumerate(flat) if j != i and s["quotes"][j]["plan_id"] == q["plan_id"]]
                assert not any(flat[i] in f for f in others), (r["industry"], s["district"], flat[i])
    assert n > 50
    # the Qianjiang target row reads with its table's title and header
    mat = o[(o["industry"] == "先进材料") & (o["kind"] == "cross_district")].iloc[0]
    qj = next(s for s in mat["sides"] if s["district"] == "黔江区")
    row = next(q for q in qj["quotes"] if "新材料产业产值" in q["quote"])
    assert "主要发展目标" in row["table_title"] and "2025年" in row["table_header"]
    assert "表「“十四五”黔江区制造业高质量发展主要发展目标」：“新材料产业产值 亿元 28.1 100”" in mat["evidence"]


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    return at


def test_page_evidence_is_collapsed_per_district(page):
    key = page.dataframe[0].proto.id.split("-", 2)[2]
    table = page.dataframe[0].value
    row = int(table.index[(table["产业"] == "先进材料") & (table["类型"] == "跨区县")][0])
    page.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    page.run()
    assert not page.exception, [e.value for e in page.exception]
    labels = [e.label for e in page.expander]
    assert sum("黔江区" in x for x in labels) == 1 and sum("永川区" in x for x in labels) == 1
    assert all("条原文" in x for x in labels)
    assert not any(e.proto.expanded for e in page.expander)  # many districts: each collapsed
    captions = " ".join(c.value for c in page.caption).replace("\\", "")  # markdown escapes
    assert "表格「“十四五”黔江区制造业高质量发展主要发展目标」中的一行" in captions
    assert "表头：工作类别 | 目标名称 | 单位 | 2020年 | 2025年" in captions
    text = "\n".join(m.value for m in page.markdown).replace("\\", "")
    assert "新材料产业产值 | 亿元 | 28.1 | 100" in text


def _covered_pairwise(idx, flats):
    """The former pairwise check, kept as the reference."""
    out = set()
    for i in idx:
        for j in idx:
            if i == j:
                continue
            if (flats[i] == flats[j] and j < i) or (flats[i] != flats[j] and flats[i] in flats[j]):
                out.add(i)
                break
    return out


@given(st.lists(st.text(alphabet="园区汽车，。 ab", max_size=6), max_size=12))
def test_covered_statements_agree_with_the_pairwise_check(flats):
    idx = list(range(len(flats)))
    assert ev._covered(idx, flats) == _covered_pairwise(idx, flats)


@given(st.lists(st.text(alphabet="园区汽车，。\n\tab", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="园区汽车，。\n\tab", max_size=60))
def test_quote_index_finds_what_a_search_finds(quotes, text):
    index = ev.QuoteIndex({"p": text}, {"p": quotes})
    for q in quotes:
        assert index.span("p", q) == ev._find(text, q)
        assert ev.statement(text, q, index.span("p", q)) == ev.statement(text, q)


def test_quote_index_falls_back_for_quotes_it_was_not_given():
    text = "一、总体要求\n重点发展 汽车\t摩托车。"
    index = ev.QuoteIndex({"p": text}, {"p": []})
    assert index.span("p", "汽车 摩托车") == ev._find(text, "汽车 摩托车") is not None
