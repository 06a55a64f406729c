"""The 添加规划 page end to end in Streamlit's AppTest: paste, draft, locate, validate, save into a data copy."""

from __future__ import annotations

from datetime import date

import pytest

from geo import add_plan as ap
from geo import settings
from geo.load import load_dataset

streamlit_testing = pytest.importorskip("streamlit.testing.v1")

PAGE = str(settings.ROOT / "app_pages" / "add_plan.py")
TEXT = """合川区制造业发展行动方案（2024—2028年）
到2028年，全区规模以上工业产值达到1200亿元。
南溪组团重点发展火锅食材、现代中药。西城工业园重点发展高端装备、新能源汽车零部件。
"""


def test_page_saves_a_plan(data_copy, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    assert not at.exception
    at.text_area(key="ap_paste").input(TEXT)
    at.selectbox(key="ap_district").select("合川区")
    at.text_input(key="ap_title").input("测试方案")
    at.date_input(key="ap_issued").set_value(date(2024, 5, 1))
    at.run()
    assert at.number_input(key="ap_horizon").value == 2028  # guessed from the title's period
    at.button(key="ap_draft_btn").click().run()
    assert not at.exception
    review = at.session_state["ap_review"]
    assert ap.new_parks(review) == ["西城工业园"]
    assert [e.label for e in at.expander] == ["西城工业园"]
    at.session_state["ap_sites"] = {"西城工业园": ap.ParkSite(lat=30.1, lon=106.3)}
    at.run()
    at.button(key="ap_validate").click().run()
    assert not at.exception and not at.error
    at.button(key="ap_save").click().run()
    assert not at.exception and not at.error
    assert any("hechuan-2024" in s.value for s in at.success)
    ds = load_dataset(data_copy)
    assert "测试方案" in set(ds.plans["title"])
    assert "西城工业园" in set(ds.parks["name_zh"])


def test_page_reports_a_concurrent_edit(data_copy, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.run()  # versions are read now
    at.text_area(key="ap_paste").input("南溪组团重点发展火锅食材。")
    at.selectbox(key="ap_district").select("合川区")
    at.text_input(key="ap_title").input("方案乙")
    at.run()
    at.button(key="ap_draft_btn").click().run()
    at.button(key="ap_validate").click().run()
    # someone else saves clusters.csv meanwhile (here: re-saved with a trailing blank line)
    changed = (data_copy / "clusters.csv").read_bytes() + b"\n"
    (data_copy / "clusters.csv").write_bytes(changed)
    at.button(key="ap_save").click().run()
    assert not at.exception
    assert any("他人修改" in e.value for e in at.error)
    assert (data_copy / "clusters.csv").read_bytes() == changed  # their edit is kept
    assert "方案乙" not in set(load_dataset(data_copy).plans["title"])


def test_page_drafts_a_pasted_paragraph_with_a_clean_park_name_and_its_town(data_copy, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    at.text_area(key="ap_paste").input("一方面，在李渡园区重点发展汽车、新一代电子信息、生物医药和现代服务业，"
                                       "2021年实现产值1800亿元。")
    at.selectbox(key="ap_district").select("涪陵区")
    at.date_input(key="ap_issued").set_value(date(2017, 7, 1))
    at.run()
    at.button(key="ap_draft_btn").click().run()
    assert not at.exception
    review = at.session_state["ap_review"]
    parks = set(review.loc[review["kind"] == "park_industry", "park"])
    assert parks == {"李渡园区"}  # the preposition 在 is not part of the name
    assert "现代服务业" in set(review["industry_as_written"])
    assert set(review.loc[review["target_value_yi"] == 1800, "target_year"]) == {2021}
    # the new park's town is found from its Chinese name (李渡 → Lidu in the pinyin gazetteer) and placed there
    site = at.session_state["ap_sites"]["李渡园区"]
    assert site.geometry_quality == "town_seat" and abs(site.lat - 29.7577) < 0.01 and "Lidu" in site.location_note
    assert at.selectbox(key="ap_gaz_李渡园区").value.startswith("Lidu")
    assert any("Lidu" in c.value for c in at.caption)


def _drafted(text: str, district: str):
    """The add-plan page after ``text`` was pasted for ``district`` and drafted."""
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    at.text_area(key="ap_paste").input(text)
    at.selectbox(key="ap_district").select(district)
    at.run()
    at.button(key="ap_draft_btn").click().run()
    assert not at.exception
    return at


def test_page_shows_the_sentences_no_row_was_drafted_from(data_copy, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    at = _drafted("南溪组团重点发展火锅食材。西城工业园集高端装备、新能源汽车零部件为一体。", "合川区")
    box = next(e for e in at.expander if e.label.startswith("需要核对的句子"))
    assert box.label == "需要核对的句子（1）"
    shown = " ".join(m.value for m in box.markdown)
    assert "西城工业园集高端装备、新能源汽车零部件为一体。" in shown.replace("\\", "")
    assert "未起草对应的园区→产业行" in shown
    # "添加为数据行": the sentence's industries join the table as rows to complete, edits so far kept
    n = len(at.session_state["ap_review"])
    next(b for b in at.button if b.label == "添加为数据行").click().run()
    assert not at.exception
    review = at.session_state["ap_review"]
    added = review.iloc[n:]
    assert list(added["park"]) == ["西城工业园", "西城工业园"]
    assert list(added["industry_as_written"]) == ["高端装备", "新能源汽车零部件"]
    assert set(added["quote"]) == {"西城工业园集高端装备、新能源汽车零部件为一体。"}
    assert not [e for e in at.expander if e.label.startswith("需要核对的句子")]  # nothing left to check


def test_page_offers_the_parks_of_the_text_for_a_sentence_that_names_none(data_copy, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    at = _drafted("南溪组团重点发展火锅食材。西城工业园位于城西。同时,加快高端装备、新能源汽车零部件项目落地,形成集群。", "合川区")
    picker = at.selectbox(key="ap_check_park_1_0")
    assert picker.options == ["（不填，稍后在表中填写）", "南溪组团", "西城工业园"]  # the text's first park, then the nearest
    assert picker.value == ""  # the sentence names no park: nothing is guessed for the reviewer
    picker.select("南溪组团").run()
    n = len(at.session_state["ap_review"])
    next(b for b in at.button if b.label == "添加为数据行").click().run()
    assert not at.exception
    added = at.session_state["ap_review"].iloc[n:]
    assert list(added["park"]) == ["南溪组团", "南溪组团"]
    assert list(added["industry_as_written"]) == ["高端装备", "新能源汽车零部件"]


def test_page_full_disk_keeps_the_draft_and_the_data(data_copy, monkeypatch):
    from geo.transaction import FAULT_ENV

    monkeypatch.setattr(settings, "DATA_DIR", data_copy)
    before = {n: (data_copy / n).read_bytes() for n in ap.FILES}
    at = streamlit_testing.AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    at.text_area(key="ap_paste").input("南溪组团重点发展火锅食材。")
    at.selectbox(key="ap_district").select("合川区")
    at.text_input(key="ap_title").input("方案丙")
    at.run()
    at.button(key="ap_draft_btn").click().run()
    at.button(key="ap_validate").click().run()
    monkeypatch.setenv(FAULT_ENV, "staged#2:enospc")  # the disk fills up while the files are staged
    at.button(key="ap_save").click().run()
    assert not at.exception
    assert any("未写入任何内容" in e.value and "No space" in e.value for e in at.error)
    assert {n: (data_copy / n).read_bytes() for n in ap.FILES} == before
    assert at.session_state["ap_update"] is not None  # the draft is kept: save again once there is space
    monkeypatch.delenv(FAULT_ENV)
    at.button(key="ap_save").click().run()
    assert not at.exception and not at.error
    assert "方案丙" in set(load_dataset(data_copy).plans["title"])
