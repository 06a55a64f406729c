"""The park → industry clause grammar and target years, one test per construct, plus parser fuzzing."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import DataValidationError
from geo.ingest import Finding, draft_rows
from geo.ingest.documents import document_text
from geo.io import read_table
from geo.settings import DATA_DIR


@pytest.fixture(scope="module")
def industries() -> pd.DataFrame:
    return read_table(DATA_DIR / "industries.csv")


def draft(text: str, industries, **kw) -> list[Finding]:
    out = draft_rows(text, "涪陵区", "test", industries, **kw)
    for f in out:
        assert f.quote == text[f.start:f.end], f  # quotes are cut from the input, verbatim
    return out


def pairs(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.park, f.industry_as_written) for f in found if f.kind == "park_industry"]


# ------------------------------------------------------------------------------------------------ park mentions


@pytest.mark.parametrize("park", [
    "南园", "龙桥园区", "西部产业园", "港城工业园", "新石片区", "东城组团", "食品基地", "双福开发区", "临港经开区",
    "璧山高新区", "临空功能区", "A区", "仙桃数据谷", "西部科学城",
])
def test_park_by_suffix(park, industries):
    assert pairs(draft(f"{park}重点发展装备制造、电子信息。", industries)) == [
        (park, "装备制造"), (park, "电子信息")]


@pytest.mark.parametrize("text, park, town", [
    ("在李渡园区重点发展汽车。", "李渡园区", ""),
    ("其中，清溪园区重点发展铝材。", "清溪园区", ""),
    ("因此长寿经开区正着力发展天然气化工产业。", "长寿经开区", ""),
    ("璧泉街道的璧山高新区重点发展智能装备。", "璧山高新区", "璧泉街道"),
    ("新材料园位于珞璜镇，重点发展铝材。", "新材料园", "珞璜镇"),
])
def test_prepositions_and_possessives_stripped_town_split_off(text, park, town, industries):
    found = [f for f in draft(text, industries) if f.kind == "park_industry" and f.park == park]
    assert found and found[0].town == town


@pytest.mark.parametrize("verb", ["重点发展", "主要发展", "布局", "打造", "培育", "聚焦", "大力发展", "汇集"])
def test_industry_verbs(verb, industries):
    found = draft(f"南溪组团{verb}生物医药、新材料两大产业集群。", industries)
    assert pairs(found) == [("南溪组团", "生物医药"), ("南溪组团", "新材料")]
    if verb == "培育":
        assert {f.role for f in found} == {"emerging"}


@pytest.mark.parametrize("text", [
    "A区以机械制造、冶金、建材为主导产业。",
    "A区主要以布局机械制造、冶金、建材企业为主。",
    "A区以机械制造、冶金、建材为重点。",
])
def test_frames_yi_wei_zhu(text, industries):
    assert pairs(draft(text, industries)) == [("A区", "机械制造"), ("A区", "冶金"), ("A区", "建材")]


@pytest.mark.parametrize("text", [
    "高峰园29.26平方公里，重点发展装备制造、现代医药、环保产业。",  # an area between park and verb
    "龙桥园区突出新石片区和龙头港片区建设，重点发展装备制造、现代医药、环保产业。",  # a first verb phrase
    "高峰园规划面积12平方公里，位于高峰街道，重点发展装备制造、现代医药、环保产业。",  # location
])
def test_modifiers_between_park_and_verb(text, industries):
    park = text[:4] if text.startswith("龙桥") else "高峰园"
    assert pairs(draft(text, industries)) == [(park, "装备制造"), (park, "现代医药"), (park, "环保产业")]


def test_a_later_park_takes_over_the_sentence(industries):
    t = "万州经开区对各园区分别作了产业规划，其中，高峰园29.26平方公里，重点发展装备制造；天子园重点发展汽车制造。"
    assert pairs(draft(t, industries)) == [("高峰园", "装备制造"), ("天子园", "汽车制造")]


def test_lists_conjunctions_and_counters(industries):
    t = ("白涛园区重点发展天然气及氯氟化工、聚氨酯聚酰胺、页岩气深加工三大产业集群。"
         "李渡园区重点发展汽车、生物医药和现代服务业。"
         "荣昌高新区汇集智能装备制造、食品医药、轻工陶瓷和农牧高新“3+1”产业。"
         "西区功能区培育数字经济以及软件信息服务。"
         "临港经开区聚焦新能源汽车与智能网联汽车。")
    got = pairs(draft(t, industries))
    assert ("白涛园区", "页岩气深加工") in got and ("白涛园区", "聚氨酯聚酰胺") in got  # counter dropped, item kept
    assert ("李渡园区", "现代服务业") in got and ("李渡园区", "生物医药") in got  # 和 split
    assert ("荣昌高新区", "农牧高新") in got and ("荣昌高新区", "轻工陶瓷") in got  # “3+1”产业 dropped
    assert ("西区功能区", "软件信息服务") in got  # 以及
    assert ("临港经开区", "智能网联汽车") in got  # 与
    assert not any("三大" in i or "3+1" in i for _p, i in got)


def test_ji_keeps_one_industry_of_one_sector(industries):
    got = pairs(draft("港城工业园重点发展生物医药及大健康。", industries))
    assert got == [("港城工业园", "生物医药及大健康")]


def test_reversed_order_industry_then_park_in_brackets(industries):
    found = draft("园区由铝铜加工（北渡产业园）、装备制造（桥河产业园）组成。", industries)
    assert pairs(found) == [("北渡产业园", "铝铜加工"), ("桥河产业园", "装备制造")]
    assert found[0].quote == "铝铜加工（北渡产业园）"


def test_park_then_industry_in_brackets_and_alias_brackets(industries):
    got = pairs(draft("示范基地分别是九龙工业园区（摩托车）、西彭工业园区（铝加工）。", industries))
    assert got == [("九龙工业园区", "摩托车"), ("西彭工业园区", "铝加工")]
    # a park's other name in brackets is not an industry
    got = pairs(draft("正阳工业园区（黔江高新区）重点发展新材料。", industries))
    assert got == [("正阳工业园区", "新材料")]


def test_industry_in_a_park_name_is_a_low_confidence_draft(industries):
    found = draft("园区由煤电化工产业园、白鹤能源建材产业园组成。", industries)
    got = {(f.park, f.industry_as_written): f for f in found}
    assert ("煤电化工产业园", "煤电化工") in got and ("白鹤能源建材产业园", "能源建材") in got
    assert all(f.confidence < 0.5 and "name" in f.note for f in got.values())


def test_object_park_is_the_next_clause_subject(industries):
    got = pairs(draft("推进八滩创建市级临港工业园，大力发展白酒酿造、纺织服装三大产业。", industries))
    assert got == [("临港工业园", "白酒酿造"), ("临港工业园", "纺织服装")]


def test_industries_before_the_park(industries):
    got = pairs(draft("以发展楼宇工业、新材料产业为突破，科技引领建设长明高新技术产业园区。", industries))
    assert got == [("长明高新技术产业园区", "楼宇工业"), ("长明高新技术产业园区", "新材料产业")]


def test_traditional_characters(industries):
    t = "高峰園29.26平方公里，重點發展裝備製造、現代醫藥。九龍工業園區（摩托車）。"
    found = draft(t, industries)
    assert pairs(found) == [("高峰園", "裝備製造"), ("高峰園", "現代醫藥"), ("九龍工業園區", "摩托車")]
    assert found[0].sector == "智能装备及智能制造"


def test_partners_and_qualified_parks_are_not_subjects(industries):
    assert pairs(draft("强化与四川西充园区、重庆高新区交流合作，着力发展新材料。", industries)) == []
    assert pairs(draft("园区的企业重点发展新材料。", industries)) == []


# ------------------------------------------------------------------------------------------------ target years


def test_year_next_to_the_number_beats_the_sentence_year(industries):
    found = draft("在李渡园区重点发展汽车，到2017年建成千亿级园区，2021年实现产值1800亿元。", industries)
    got = {(f.target_value_yi, f.target_year) for f in found if f.target_value_yi}
    assert got == {(1000.0, 2017), (1800.0, 2021)}
    t = "根据规划，到2012年齿轮机械工业产值将达到57亿元，2017年达到130.5亿元，2020年达到203亿元。"
    got = [(f.target_value_yi, f.target_year) for f in draft(t, industries) if f.target_value_yi]
    assert got == [(57.0, 2012), (130.5, 2017), (203.0, 2020)]


@pytest.mark.parametrize("text, date, year", [
    ("今年将瞄准规模工业产值200亿元目标。", "2013-02-19", 2013),
    ("明年全区工业总产值力争达到200亿元。", "2013", 2014),
    ("力争3至5年内实现工业总产值200亿元。", "2020-06", 2025),
    ("十三五末，工业总产值达到200亿元。", None, 2020),
])
def test_relative_years_resolve_against_the_document_date(text, date, year, industries):
    found = [f for f in draft(text, industries, document_date=date) if f.target_value_yi]
    assert [(f.target_value_yi, f.target_year) for f in found] == [(200.0, year)]


def test_relative_year_without_a_date_stays_empty_with_a_note(industries):
    found = [f for f in draft("今年将瞄准规模工业产值200亿元目标。", industries) if f.target_value_yi]
    assert found[0].target_year is None and "document's date" in found[0].note


def test_period_end_in_an_earlier_clause_of_the_line(industries):
    t = "力争到“十二五”末，全省开发区生产总值达到7500亿元；工业增加值达到5300亿元，占全省工业增加值的45%。"
    got = [(f.target_value_yi, f.target_year) for f in draft(t, industries) if f.target_value_yi]
    assert (5300.0, 2015) in got and (7500.0, 2015) in got


def test_a_target_without_a_stated_year_stays_undated(industries):
    """docs/coding.md: a year is set only where the plan's words give one; the plan horizon is a note."""
    t = "到2025年，全区工业总产值达到800亿元。\n电子信息产业聚焦智能终端，打造400亿级产业集群。"
    got = {(f.target_value_yi, f.target_year) for f in draft(t, industries) if f.target_value_yi}
    assert (800.0, 2025) in got and (400.0, None) in got


def test_past_year_and_increase_are_not_targets(industries):
    t = "2012年，开发区实现规模工业产值162亿元。今年力争比上年增长50亿元。"
    assert [f for f in draft(t, industries, document_date="2013-02") if f.target_value_yi] == []


def test_wan_yi_amounts_and_thousands_separators(industries):
    t = "到2027年，全市产业园区规上工业总产值突破3.2万亿元。累计引资额达1,972亿元。"
    got = [(f.target_value_yi, f.target_year) for f in draft(t, industries) if f.target_value_yi]
    assert got == [(32000.0, 2027)]


# ------------------------------------------------------------------------------------------------ fuzzing

_PIECES = st.sampled_from([
    "高峰园", "在李渡园区", "璧泉街道的璧山高新区", "A区", "B、C区", "（北渡产业园）", "(摩托车)", "重点发展", "主要以布局",
    "为主导产业", "为主", "以发展", "为突破", "、", "和", "及", "以及", "与", "三大产业集群", "“3+1”产业", "等产业",
    "装备制造", "电子信息", "煤电化工产业园", "29.26平方公里", "，", "。", "；", "到2025年", "2021年", "今年", "3至5年内",
    "十三五末", "实现产值", "1800亿元", "3.2万亿元", "1,972亿元", "千亿级", "高峰園", "重點發展", "\n", "\t", " ", "（", "）",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=30), date=st.sampled_from([None, "2015"]))
def test_grammar_never_crashes_and_quotes_are_verbatim(parts, date, industries):
    text = "".join(parts)
    for f in draft_rows(text, "涪陵区", "fuzz", industries, document_date=date):
        assert f.quote == text[f.start:f.end]
        assert f.quote in text


@settings(max_examples=60, deadline=None)
@given(body=st.text(max_size=200), ext=st.sampled_from(["a.html", "a.txt", "a.docx", "a.pdf"]))
def test_document_reader_fails_only_with_a_clear_error(body, ext):
    data = (f"<html><body><p>{body}</p><script>{body}</script></body></html>" if ext == "a.html" else body)
    try:
        doc = document_text(data.encode("utf-8"), ext)
    except DataValidationError as exc:
        assert ext in str(exc.problems[0])
        return
    assert isinstance(doc.text, str) and doc.text.strip()


# ------------------------------------------------------------------------------------ subjects carried further


def test_park_located_with_she_zai_is_a_subject(industries):
    text = "桃源经济开发区设在某县城北,规划面积8平方公里,以汽车零部件、新材料为主导产业。"
    assert set(pairs(draft(text, industries))) == {("桃源经济开发区", "汽车零部件"), ("桃源经济开发区", "新材料")}


def test_bare_yuanqu_refers_to_the_park_heading_before(industries):
    text = "青山经济开发区\n\n核准面积5平方公里。\n\n园区主要围绕资源办工业,重点发展机械制造、食品加工两个主导产业。"
    found = draft(text, industries)
    assert set(pairs(found)) == {("青山经济开发区", "机械制造"), ("青山经济开发区", "食品加工")}
    assert all("园区" in f.note for f in found if f.kind == "park_industry")


def test_gai_yuanqu_refers_to_the_park_founded_before(industries):
    text = "目前已成立了白鹤高新技术工业园区领导小组,今年完成征地。该园区将坚持特色兴园,加快园区新材料、食品和有色金属等特色产业发展。"
    got = set(pairs(draft(text, industries)))
    assert got == {("白鹤高新技术工业园区", "新材料"), ("白鹤高新技术工业园区", "食品"), ("白鹤高新技术工业园区", "有色金属")}


def test_bare_yuanqu_far_from_any_park_stays_unassigned(industries):
    text = "红岩工业园区已建成。" + "全县加快交通建设,完善路网。" * 60 + "园区重点发展机械制造。"
    assert ("红岩工业园区", "机械制造") not in pairs(draft(text, industries))


def test_slogan_ending_in_yuan_is_not_a_park(industries):
    text = "该县坚持产业立园,重点发展食品加工。"
    assert not [p for p, _ in pairs(draft(text, industries)) if "立园" in p]


def test_paragraph_opening_park_carries_to_later_sentences(industries):
    text = "双桥工业园位于城东,规划面积10平方公里。重点发展汽车零部件、电子信息产业。"
    found = draft(text, industries)
    assert set(pairs(found)) == {("双桥工业园", "汽车零部件"), ("双桥工业园", "电子信息产业")}
    assert all("first sentence" in f.note for f in found if f.kind == "park_industry")


def test_carry_does_not_cross_a_new_subject(industries):
    text = "双桥工业园位于城东。全县重点发展汽车零部件。"
    assert pairs(draft(text, industries)) == []


def test_a_later_sentence_park_is_not_carried_on(industries):
    # a park opening a later sentence is that sentence's subject only: the county is the subject of the next one
    # (nor is the paragraph's first park, which the document might otherwise be taken to be about)
    text = ("双桥工业园位于城东,重点发展汽车零部件。龙水工业园主要由五金企业构成。"
            "围绕国家的构思,该县依托资源优势,积极发展超导材料、超细钡材料。")
    assert pairs(draft(text, industries)) == [("双桥工业园", "汽车零部件")]


def test_bullet_list_under_an_intro_with_yixia(industries):
    text = "石门高新产业园规划重点发展以下产业:\n- 新材料产业\n- 生物医药产业\n二、空间布局\n- 核心区道路建设"
    got = pairs(draft(text, industries))
    assert set(got) == {("石门高新产业园", "新材料产业"), ("石门高新产业园", "生物医药产业")}


def test_wrapped_list_jiakuai_fazhan(industries):
    text = "金山工业园加快电子信息、装备制造等产业发展。"
    assert set(pairs(draft(text, industries))) == {("金山工业园", "电子信息"), ("金山工业园", "装备制造")}


# ------------------------------------------------------------------------------------ targets in lists and years


def test_quannian_is_the_document_year(industries):
    text = "全年大数据智能产业实现销售收入50亿元以上。"
    t = [f for f in draft(text, industries, document_date="2019-02-21") if f.target_value_yi == 50]
    assert [f.target_year for f in t] == [2019]


def test_amounts_listed_after_dun_hao_are_not_firm_sizes(industries):
    text = "到2017年末,全市园区营业收入达到2800亿元以上、工业增加值达到800亿元以上、累计入驻各类企业850户以上。"
    vals = sorted(f.target_value_yi for f in draft(text, industries) if f.target_value_yi)
    assert vals == [800, 2800]


def test_size_slogan_list_is_not_a_target(industries):
    text = "努力打造“千亿园区、百亿企业”。"
    assert [f for f in draft(text, industries) if f.target_value_yi] == []


def test_amount_list_shares_the_first_verb(industries):
    text = "到2017年,构建1000亿元的钒钛钢铁产业集群、500亿元的食品饮料产业集群。"
    vals = sorted(f.target_value_yi for f in draft(text, industries, document_date="2013") if f.target_value_yi)
    assert vals == [500, 1000]


# ------------------------------------------------------------------------------ issue 12c: more park grammar


def test_pinyin_annotations_are_dropped_from_names(industries):
    text = "東湖機(jī)械工業(yè)園重點(diǎn)發(fā)展(zhǎn)汽車零部件、電子信息。"
    got = set(pairs(draft(text, industries)))
    assert got == {("東湖機械工業園", "汽車零部件"), ("東湖機械工業園", "電子信息")}


def test_jingjiqu_and_gongyequ_are_park_suffixes(industries):
    text = "南湖临港工业区重点发展船舶制造、现代物流。"
    assert set(pairs(draft(text, industries))) == {("南湖临港工业区", "船舶制造"), ("南湖临港工业区", "现代物流")}


def test_two_parks_with_an_area_modifier_then_an_adverbial(industries):
    text = "东坝产业园、西坝工业园的用地面积3平方公里,在原有基础上发展新型建材、食品加工等产业。"
    got = set(pairs(draft(text, industries)))
    assert {("东坝产业园", "新型建材"), ("西坝工业园", "新型建材"), ("西坝工业园", "食品加工")} <= got


def test_yi_x_wei_yituo_de_head_and_a_list_of_chanye(industries):
    text = "北湖经济区:主要是利用港口的带动作用,发展以航运为依托的临港型产业、高新技术产业等。"
    got = set(pairs(draft(text, industries)))
    assert got == {("北湖经济区", "临港型产业"), ("北湖经济区", "高新技术产业")}


def test_park_range_name_with_tildes(industries):
    text = "石门~~~河口家居工业园主要发展家具制造业。"
    assert pairs(draft(text, industries)) == [("石门~~~河口家居工业园", "家具制造业")]


def test_connective_word_opening_a_park_name(industries):
    text = "未来产业园将加快人工智能、区块链、文化创意等产业的发展。"
    got = set(pairs(draft(text, industries)))
    assert ("未来产业园", "人工智能") in got and ("未来产业园", "文化创意") in got


def test_preposition_before_a_bare_park_word_is_not_a_park(industries):
    text = "建设环线道路,使工业园区加快与城区连接。该园区加快高新技术、食品和有色金属等产业发展。"
    assert not any(p.startswith(("使", "该")) for p, _i in pairs(draft(text, industries)))


def test_park_bankuai_opens_a_clause(industries):
    text = "东城产业园板块是开发区的重点板块之一,集聚科技企业,加快软件、大数据、电子商务等产业的发展。"
    got = set(pairs(draft(text, industries)))
    assert ("东城产业园", "大数据") in got


def test_ji_split_when_the_sides_are_different_sectors(industries):
    text = "河口工业园主要发展新型建材、钢结构及轻工产品等产业。"
    got = {i for _p, i in pairs(draft(text, industries))}
    assert {"钢结构", "轻工产品"} <= got


def test_parks_of_a_size_counted_are_not_targets(industries):
    # how many parks reach a size is a count, like clusters of a size (the development set's README)
    for text in ("到2020年,力争形成营业收入达800亿元园区1个、300亿元园区2个。",
                 "到2027年,营业收入3000亿元以上的开发区达到5个左右、1000亿元以上的开发区达到35个左右。"):
        assert [f for f in draft(text, industries) if f.target_value_yi] == []


def test_clusters_of_a_size_counted_are_still_not_targets(industries):
    text = "到2020年,培育百亿级的特色产业集群8个。"
    assert [f for f in draft(text, industries) if f.target_value_yi] == []


def test_jinnian_of_the_clause_before_the_semicolon(industries):
    text = "预计今年全县园区产值将达到300亿元以上;其中规上工业产值达到250亿元。"
    t = {(f.target_value_yi, f.target_year) for f in draft(text, industries, document_date="2016-03-01")
         if f.target_value_yi}
    assert t == {(300, 2016), (250, 2016)}


def test_future_year_does_not_cross_an_enumeration(industries):
    text = "一是电子产业。力争2015年实现电子产业产值80亿元。二是装备产业。依托龙头企业,打造50亿级装备产业。"
    t = {(f.target_value_yi, f.target_year) for f in draft(text, industries) if f.target_value_yi}
    assert (80, 2015) in t and (50, None) in t


def test_toneless_pinyin_annotations_in_a_run(industries):
    text = ("南(nan)山(shan)經(jing)(jing)濟(ji)開發區(qu)(qu)圍繞(rao)“率(lv)先建設1000億國家級園(yuan)區(qu)”發展目標。")
    t = [f for f in draft(text, industries) if f.target_value_yi]
    assert [f.target_value_yi for f in t] == [1000] and "(" not in t[0].industry_as_written


def test_zai_x_chanye_shang_is_the_topic_of_the_targets(industries):
    text = ("在汽车产业上,以龙头企业为引领,力争2020年形成200亿级产业规模。"
            "在医药产业,集聚一批项目,力争2020年形成200亿级的产业规模。")
    t = sorted((f.industry_as_written, f.target_value_yi) for f in draft(text, industries) if f.target_value_yi)
    assert t == [("医药产业", 200), ("汽车产业", 200)]


def test_a_base_is_not_a_park_named_by_its_industry(industries):
    # an 产业基地 or 研发基地 is what a place becomes, not a park: the development set's keys never take one as a park
    # (125, 135, 142, 169 at first sight); an 产业园 is ("绿色食品产业园" → 绿色食品)
    assert pairs(draft("打造国内领先的海上风电特色产业基地。", industries)) == []
    assert ("绿色食品产业园", "绿色食品") in pairs(draft("加快绿色食品产业园建设。", industries))


def test_reversed_pair_drops_the_verb(industries):
    text = "着力发展船舶制造(江口工业园)。"
    assert pairs(draft(text, industries)) == [("江口工业园", "船舶制造")]


def test_role_word_is_list(industries):
    for text in ("西湖工业园的主导产业是电子信息和新材料。", "西湖工业园,规划面积8平方公里,主导产业为电子信息、新材料。",
                 "西湖工业园产业定位为电子信息、新材料。"):
        assert set(pairs(draft(text, industries))) == {("西湖工业园", "电子信息"), ("西湖工业园", "新材料")}, text


def test_is_a_park_framed_by_its_industries(industries):
    text = "西湖工业园是以电子信息、新材料为主导的省级工业园区。"
    assert set(pairs(draft(text, industries))) == {("西湖工业园", "电子信息"), ("西湖工业园", "新材料")}


def test_brackets_inside_a_list_are_examples(industries):
    text = "南坪工业园将重点发展高端装备制造(工程机械、机器人)、电子信息等产业。"
    assert set(pairs(draft(text, industries))) == {("南坪工业园", "高端装备制造"), ("南坪工业园", "电子信息")}


def test_dash_after_the_park_and_more_verbs(industries):
    assert set(pairs(draft("南坪工业园——重点发展汽车零部件、电子信息。", industries))) == {
        ("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}
    assert ("南坪工业园", "电子信息") in pairs(draft("南坪工业园主要发展汽车零部件,兼顾发展电子信息。", industries))
    got = set(pairs(draft("南坪工业园主要承接汽车零部件、电子信息产业转移。", industries)))
    assert got == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}


def test_directional_zones_as_parks(industries):
    text = "园区分为东区和西区。东区以汽车零部件为主,西区重点发展电子信息。"
    assert set(pairs(draft(text, industries))) == {("东区", "汽车零部件"), ("西区", "电子信息")}


def test_chubu_xingcheng_and_weirao_zhudao(industries):
    assert ("南坪工业园", "电子信息") in pairs(draft("南坪工业园已初步形成汽车零部件、电子信息两大产业集群。", industries))
    assert ("南坪工业园", "电子信息") in pairs(draft("南坪工业园要围绕汽车零部件、电子信息两大主导产业,强化招商。",
                                                  industries))
    got = {i for _p, i in pairs(draft("南坪物流园围绕汽车、电子等产业,打造物流节点。", industries))}
    assert not got & {"汽车", "电子"}


def test_park_with_a_bracketed_list(industries):
    text = "南坪工业园(汽车零部件、电子信息)、北碚工业园(食品)"
    assert set(pairs(draft(text, industries))) == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息"),
                                                  ("北碚工业园", "食品")}


def test_industries_placed_in_parks(industries):
    text = "电子信息、新材料产业集中布局在南坪工业园和北碚工业园。"
    got = {(p, i.replace("产业", "")) for p, i in pairs(draft(text, industries))}
    assert got == {("南坪工业园", "电子信息"), ("北碚工业园", "电子信息"), ("南坪工业园", "新材料"),
                   ("北碚工业园", "新材料")}


def test_name_industry_only_after_the_last_verb(industries):
    assert pairs(draft("装备制造产业主要布局在南坪工业园。", industries)) == [("南坪工业园", "装备制造产业")]


def test_park_as_carrier_or_agent(industries):
    for text in ("以南坪工业园为载体,重点发展汽车零部件。", "依托南坪工业园发展汽车零部件。",
                 "支持南坪工业园发展汽车零部件。", "推动南坪工业园重点发展汽车零部件。"):
        assert pairs(draft(text, industries)) == [("南坪工业园", "汽车零部件")], text


def test_fenbie_pairs_parks_and_items_one_to_one(industries):
    text = "南坪工业园、北碚工业园分别重点发展汽车零部件、食品加工。"
    assert set(pairs(draft(text, industries))) == {("南坪工业园", "汽车零部件"), ("北碚工业园", "食品加工")}


def test_yuanqu_refers_to_the_park_opening_an_earlier_sentence(industries):
    for text in ("南坪工业园成立于2012年,规划面积6平方公里。园区重点发展汽车零部件、电子信息。",
                 "南坪工业园成立于2012年。目前园区已形成汽车零部件、电子信息两大主导产业。"):
        assert set(pairs(draft(text, industries))) == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}, text


def test_paragraph_under_a_park_heading(industries):
    text = "(二)南坪工业园\n规划面积6平方公里,重点发展汽车零部件、电子信息。"
    assert set(pairs(draft(text, industries))) == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}


def test_role_word_then_colon_list(industries):
    text = "南坪工业园规划面积6平方公里,主导产业:汽车零部件、电子信息。"
    assert set(pairs(draft(text, industries))) == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}
    assert ("南坪工业园", "汽车零部件") in pairs(draft("南坪工业园着重发展汽车零部件。", industries))


def test_target_phrasings(industries):
    def t(text):
        return sorted((f.target_value_yi, f.target_year) for f in draft(text, industries, document_date="2018-04-02")
                      if f.target_value_yi)
    assert t("力争两年内园区产值翻番,达到160亿元。") == [(160, 2020)]
    assert t("园区产值目标为260亿元。") == [(260, None)]
    assert t("园区将实现年产值40亿元、税收4亿元。") == [(40, None)]
    assert t("实现工业总产值由2017年的90亿元增加到2022年的210亿元。") == [(210, 2022)]
    assert t("今年1-3月,园区完成产值42.5亿元。") == []


def test_year_ranges_and_dated_metrics(industries):
    def t(text):
        return sorted((f.target_value_yi, f.target_year) for f in draft(text, industries, document_date="2017-01-09")
                      if f.target_value_yi)
    assert t("第一阶段(2017-2020年):园区产值达到90亿元。") == [(90, 2020)]
    assert t("2012-2016年,园区累计完成产值400亿元。") == []
    assert t("园区规划目标:近期(2020年)产值90亿元,远期(2030年)产值260亿元。") == [(90, 2020), (260, 2030)]


def test_bare_list_after_a_park_colon_or_dash(industries):
    want = {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息"), ("南坪工业园", "新材料")}
    assert set(pairs(draft("南坪工业园:汽车零部件、电子信息、新材料。", industries))) == want
    assert set(pairs(draft("南坪工业园——汽车零部件、电子信息、新材料。", industries))) == want
    assert pairs(draft("南坪工业园:规划面积6平方公里,汽车零部件、电子信息企业50家。", industries)) == []


def test_shouwei_and_tese_frames(industries):
    got = set(pairs(draft("南坪工业园以汽车零部件为首位产业,以电子信息为特色产业。", industries)))
    assert got == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}


def test_numbered_park_with_an_alias_in_brackets(industries):
    text = "2、南坪经济开发区(即东城新区):实行一区多园,面积约30平方公里。主导产业:汽车零部件、物流业等。"
    got = set(pairs(draft(text, industries)))
    assert {("南坪经济开发区", "汽车零部件"), ("南坪经济开发区", "物流业")} <= got


def test_footnote_markers_are_dropped(industries):
    text = "南坪工业园重点发展汽车零部件、高性能复合材料产业 [3]"
    got = {i for _p, i in pairs(draft(text, industries))}
    assert got == {"汽车零部件", "高性能复合材料产业"}


def test_base_the_park_builds_names_its_industry(industries):
    assert pairs(draft("支持南坪工业园打造全国农产品加工创业基地。", industries)) == [("南坪工业园", "农产品加工")]
    assert pairs(draft("南坪工业园打造创新创业基地。", industries)) == []


def test_counted_list_keeps_each_item(industries):
    text = "南坪工业园重点发展食品加工、机械制造、竹的精深加工三个主导产业。"
    got = {i for _p, i in pairs(draft(text, industries))}
    assert got == {"食品加工", "机械制造", "竹的精深加工"}


def test_each_item_with_its_own_yi_x_wei_zhu(industries):
    text = "南坪工业园重点发展以汽车零部件为主的装备制造业、以光伏为主的新能源产业。"
    assert set(pairs(draft(text, industries))) == {("南坪工业园", "装备制造业"), ("南坪工业园", "新能源产业")}


def test_park_built_up_then_verb(industries):
    for text in ("加快南坪工业园建设,重点发展汽车零部件。", "推进南坪工业园扩区提质,重点发展汽车零部件。",
                 "做大做强南坪工业园,重点发展汽车零部件。", "着力把南坪工业园建设成为汽车零部件基地。"):
        assert pairs(draft(text, industries)) == [("南坪工业园", "汽车零部件")], text


def test_rely_on_two_parks_and_qizhong_zone(industries):
    got = set(pairs(draft("依托南坪工业园、北碚工业园,重点发展汽车零部件。", industries)))
    assert got == {("南坪工业园", "汽车零部件"), ("北碚工业园", "汽车零部件")}
    assert pairs(draft("园区按照一园三区布局,其中东区重点发展汽车零部件。", industries)) == [("东区", "汽车零部件")]


def test_more_park_suffixes_and_quoted_names(industries):
    for text, park in (("南坪工业集中区重点发展汽车零部件。", "南坪工业集中区"),
                       ("南坪临港产业区重点发展汽车零部件。", "南坪临港产业区"),
                       ("“南坪”工业园重点发展汽车零部件。", "“南坪”工业园"),
                       ("南坪“智造”产业园重点发展汽车零部件。", "南坪“智造”产业园")):
        assert pairs(draft(text, industries)) == [(park, "汽车零部件")], text


def test_short_name_of_a_park_named_before(industries):
    text = "北碚生命健康产业园重点发展医药。生命健康板块将重点发展医疗器械、生物医药。"
    got = set(pairs(draft(text, industries)))
    assert ("北碚生命健康产业园", "医疗器械") in got and ("北碚生命健康产业园", "生物医药") in got


def test_examples_of_a_generic_head_are_the_industries(industries):
    text = "南坪经济开发区形成了以汽车零部件、智能家电等为主的产业集群。"
    assert set(pairs(draft(text, industries))) == {("南坪经济开发区", "汽车零部件"), ("南坪经济开发区", "智能家电")}


def test_verb_then_colon_list(industries):
    for text in ("南坪工业园主要发展:汽车零部件、电子信息。", "南坪工业园主要发展以下产业:汽车零部件、电子信息。"):
        assert set(pairs(draft(text, industries))) == {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}, text


def test_he_splits_a_service_and_a_known_industry(industries):
    got = {i for _p, i in pairs(draft("南坪工业园积极发展商贸服务和电子商务。", industries))}
    assert got == {"商贸服务", "电子商务"}


def test_years_paired_by_fenbie_and_the_nearest_period(industries):
    def t(text):
        return sorted((f.target_value_yi, f.target_year) for f in draft(text, industries) if f.target_value_yi)
    assert t("园区产值2022年、2027年分别达到90亿元、160亿元。") == [(90, 2022), (160, 2027)]
    assert t("园区产值力争“十三五”末达到90亿元,“十四五”末达到160亿元。") == [(90, 2020), (160, 2025)]


def test_more_verb_forms(industries):
    want = {("南坪工业园", "汽车零部件"), ("南坪工业园", "电子信息")}
    for text in ("南坪工业园聚力发展汽车零部件、电子信息两大主导产业。", "南坪工业园做强汽车零部件、电子信息两大产业。",
                 "南坪工业园加快推进汽车零部件、电子信息等产业集聚发展。"):
        assert set(pairs(draft(text, industries))) == want, text
    assert pairs(draft("南坪工业园做强园区品牌。", industries)) == []


# ------------------------------------------------------------------------------------------------ clause structure


def test_a_dash_after_a_whole_clause_opens_the_next_subject(industries):
    t = "依托一区两园格局,园区形成了各具特色、互动发展的良好态势——双福新区重点发展汽摩、电子信息等产业,德感园重点发展食品加工业。"
    got = pairs(draft(t, industries))
    assert ("双福新区", "汽摩") in got and ("双福新区", "电子信息") in got
    assert not [p for p, _i in got if p.startswith("园区")]


def test_places_counted_by_a_layout_are_parks(industries):
    t = ("目前江津工业园区已经形成了德感、双福、珞璜、白沙的“一区四园”格局。"
         "双福新区重点发展汽摩,德感重点发展装备制造和食品加工业,珞璜重点发展新材料。")
    got = pairs(draft(t, industries))
    assert {("德感", "装备制造"), ("德感", "食品加工业"), ("珞璜", "新材料")} <= set(got)
    # the count must agree: two names before "四园" are not a layout
    t2 = "形成了德感、双福的“一区四园”格局。德感重点发展装备制造。"
    assert ("德感", "装备制造") not in pairs(draft(t2, industries))


def test_a_counted_role_then_its_list(industries):
    t = "其中,华容工业集中区主导产业有两项,分别为纺织业(棉纺织加工)和医药制造业(卫生材料及医药用品制造)。"
    got = pairs(draft(t, industries))
    assert [i for _p, i in got] == ["纺织业(棉纺织加工)", "医药制造业(卫生材料及医药用品制造)"]  # the gloss stays whole
    assert all(p == "华容工业集中区" for p, _i in got)


def test_a_list_closed_by_a_count_of_centres_is_not_industries(industries):
    t = "高新区将建好国家高新区、国家生猪交易市场等国家级平台,打造畜牧科技、陶瓷、电子电路、生物医药、智能制造五个创新中心。"
    assert pairs(draft(t, industries)) == []


def test_industry_from_a_park_name_with_an_unknown_industry(industries):
    t = "加快西部智能阀门产业园、光电产业园建设。今年建成100亿绿色食品园、150亿新材料园。"
    got = set(pairs(draft(t, industries)))
    assert {("西部智能阀门产业园", "智能阀门"), ("绿色食品园", "绿色食品"), ("新材料园", "新材料")} <= got
    assert not {p for p, _i in got if p in ("软件园",)}


def test_a_sentence_without_subject_keeps_the_park_of_an_earlier_one(industries):
    t = ("黄勇表示,荣昌高新区将聚力发展现代工业集群,做好规划引领。打造开发格局,建设50平方公里核心区,支持有条件的镇街园区纳入高新区。"
         "力争在2026年培育800亿元级消费品产业,打造200亿级生物医药、300亿级电子信息和500亿级智能装备的三大战略性新兴产业。")
    got = pairs(draft(t, industries))
    assert {("荣昌高新区", "生物医药"), ("荣昌高新区", "电子信息"), ("荣昌高新区", "智能装备")} <= set(got)
    assert all(p == "荣昌高新区" for p, _i in got)


def test_a_verb_complement_is_not_part_of_the_item(industries):
    t = "三教产业园充分利用通用机场的优势,抢先发展起航空材料、航空零部件等相关产业。"
    assert ("三教产业园", "航空材料") in pairs(draft(t, industries))


def test_industries_framed_before_the_park(industries):
    t = "围绕电子信息、装备制造两大主导产业,港城工业园加快建设智能终端产业园。"
    got = pairs(draft(t, industries))
    assert ("港城工业园", "电子信息") in got and ("港城工业园", "装备制造") in got


def test_a_bare_high_tech_zone_is_the_districts_own(industries):
    t = "全区形成“一区三园”产业布局:高新区重点发展新一代信息技术;临港产业园重点发展现代物流。"
    assert ("高新区", "新一代信息技术") in pairs(draft(t, industries))
    t2 = "涪陵高新区位于李渡街道。高新区重点发展生物医药。"
    assert pairs(draft(t2, industries)) == [("涪陵高新区", "生物医药")]
    assert pairs(draft("园区重点发展生物医药。", industries)) == []  # 园区 alone still names no park


def test_a_past_year_carries_over_a_semicolon(industries):
    t = "2021年园区入驻企业50家,实现工业产值27.44亿元;其中规上工业实现产值25.16亿元。"
    assert [f for f in draft(t, industries, document_date="2022") if f.target_value_yi] == []


@pytest.mark.parametrize("text, want", [
    ("重庆经开区形成了以汽车、电子、装备制造为支柱,新材料、生物医药为新兴的产业体系。",
     {("重庆经开区", i) for i in ("汽车", "电子", "装备制造", "新材料", "生物医药")}),
    ("双桥经开区着力构建“1+2+N”现代产业体系,即以汽车产业为主导,以新能源、新材料产业为支撑。",
     {("双桥经开区", "汽车产业"), ("双桥经开区", "新能源"), ("双桥经开区", "新材料产业")}),
    ("大足高新区龙水组团以五金制造为特色,邮亭组团重点布局新能源汽车零部件。",
     {("大足高新区龙水组团", "五金制造"), ("邮亭组团", "新能源汽车零部件")}),
    ("重点发展电子信息、汽车制造的两江新区鱼复工业园,今年产值力争突破500亿元。",
     {("两江新区鱼复工业园", "电子信息"), ("两江新区鱼复工业园", "汽车制造")}),
])
def test_frames_with_more_role_words(text, want, industries):
    assert set(pairs(draft(text, industries))) == want


def test_a_table_pasted_one_row_a_line(industries):
    t = ("园区名称\t主导产业\t2025年目标产值(亿元)\n白涛化工园区\t天然气化工、新材料\t800\n"
         "李渡工业园区\t电子信息、生物医药\t500\n")
    found = draft(t, industries, document_date="2022")
    assert set(pairs(found)) == {("白涛化工园区", "天然气化工"), ("白涛化工园区", "新材料"),
                                 ("李渡工业园区", "电子信息"), ("李渡工业园区", "生物医药")}
    aims = {(f.park, f.target_value_yi, f.target_year) for f in found if f.target_value_yi}
    assert aims == {("白涛化工园区", 800.0, 2025), ("李渡工业园区", 500.0, 2025)}
    # a past year's column and an investment column are no aims
    t2 = "园区名称\t2020年产值(亿元)\t投资(亿元)\n白涛化工园区\t300\t50\n"
    assert [f for f in draft(t2, industries, document_date="2022") if f.target_value_yi] == []


def test_a_town_name_with_he_is_not_a_partner(industries):
    t = "义和镇工业集中区主要布局新型建材和农副产品加工产业。重点推动李渡工业园区发展电子信息产业。"
    got = pairs(draft(t, industries))
    assert ("义和镇工业集中区", "新型建材") in got and ("李渡工业园区", "电子信息产业") in got
    assert pairs(draft("园区将对标国家绿色及循环经济园区,推动绿色材料、生物医药三业并举。", industries)) == []


def test_a_parks_own_page(industries):
    t = ("山西交城经济开发区\n\n园区原规划面积为24.7平方公里。开发区经过几年的建设,逐步发展成为以煤焦、冶金、化工、建材为特色的"
         "工业企业集聚区。\n")
    got = pairs(draft(t, industries))
    assert {("山西交城经济开发区", i) for i in ("煤焦", "冶金", "化工", "建材")} <= set(got)
    t2 = ("芜湖经济技术开发区\n在这片热土上,新能源汽车、智能家电和新材料三大主导产业如同璀璨的明珠。全市将重点发展文化旅游产业。\n")
    got2 = pairs(draft(t2, industries))
    assert set(got2) == {("芜湖经济技术开发区", i) for i in ("新能源汽车", "智能家电", "新材料")}  # not 全市's


def test_a_counted_role_list_must_agree_with_its_count(industries):
    t = "重庆经济技术开发区于1993年设立。目前全区已形成了以汽车为主导产业、电子信息、生物医药七大支柱产业。"
    assert pairs(draft(t, industries)) == []  # three items, "七大": not read
    t2 = "重庆经济技术开发区于1993年设立。目前全区已形成了以汽车为主导产业、电子信息、生物医药三大支柱产业。"
    assert set(pairs(draft(t2, industries))) == {("重庆经济技术开发区", i) for i in ("汽车", "电子信息", "生物医药")}


def test_the_anaphor_takes_the_last_park_of_its_kind(industries):
    t = ("浦里新区远期规划70平方公里。临江组团家居产业园一期建成投用。\n"
         "新区已初步形成以智能家居、电子信息为代表的特色产业体系。\n")
    got = pairs(draft(t, industries))
    assert ("浦里新区", "智能家居") in got and not [p for p, _i in got if "家居产业园" in p and _i == "电子信息"]


def test_examples_of_a_framed_industry_are_its_industries_too(industries):
    t = "南区重点发展以高档纸业、食品加工、箱包生产为主的大众消费品工业。"
    got = set(pairs(draft(t, industries)))
    assert {("南区", "大众消费品工业"), ("南区", "高档纸业"), ("南区", "食品加工")} <= got
    t2 = "陇西高新区将重点打造集中药材现代物流、技术研发、成药加工、人才培养为一体的中医药产业集群。"
    assert ("陇西高新区", "人才培养") not in pairs(draft(t2, industries))  # functions of one whole


def test_modified_heads_and_topic_frames(industries):
    got = pairs(draft("宾西开发区重点发展现代包装和农副产品加工。哈高新区重点抓好高端制造、科技创新及产业化。", industries))
    assert ("哈高新区", "科技创新及产业化") not in got
    assert ("宾西开发区", "现代包装") in got and ("宾西开发区", "农副产品加工") in got and ("哈高新区", "高端制造") in got
    t = "龙石先进制造功能区将拥有强大的制造功能,在电力装备基地建设方面,重点发展关键零部件制造、输配电设备。"
    assert {p for p, _i in pairs(draft(t, industries))} == {"龙石先进制造功能区"}
    t3 = "园区将建成中国西部门类最齐全、规模最大的集成电路制造研发基地。"
    assert not [i for _p, i in pairs(draft("西永微电子产业园区位于西永组团。" + t3, industries)) if "最" in i]


def test_zone_lists_cluster_builds_and_inner_parks(industries):
    t = "江南绿色家居片区规划面积51300亩,是绿色家居板材、木地板、板式家具和木业机械制造等全产业链重点功能区。"
    got = set(pairs(draft(t, industries)))
    assert {("江南绿色家居片区", i) for i in ("绿色家居板材", "木地板", "板式家具", "木业机械制造")} <= got
    t2 = "西永微电子产业园区位于西永组团。园区重点建设集成电路产业集群和软件及服务外包产业集群。"
    got2 = set(pairs(draft(t2, industries)))
    assert ("西永微电子产业园区", "集成电路产业集群") in got2 and ("西永微电子产业园区", "软件及服务外包产业集群") in got2
    assert ("羽绒产业片区", "羽绒") in pairs(draft("港南工业园区羽绒产业片区规划面积为4060亩。", industries))
    assert pairs(draft("依托现有工业园区和各类产业基地,推进沙田片区三大产业园区建设。", industries)) == []
    got3 = pairs(draft("全市特色工业园区——西彭园区厚积薄发,推动铝加工、新材料、汽车零部件等产业蓬勃发展。", industries))
    assert {("西彭园区", "铝加工"), ("西彭园区", "新材料")} <= set(got3)


def test_a_spokesman_names_the_park_and_a_counted_list_follows(industries):
    t = ("“目前,园区已形成了四大产业集群。”重庆国际生物城相关负责人告诉记者,四大集群分别是预防类生物制药集群、"
         "治愈类制药集群、现代中药集群及医疗器械集群。")
    got = pairs(draft(t, industries))
    assert [i for _p, i in got] == ["预防类生物制药集群", "治愈类制药集群", "现代中药集群", "医疗器械集群"]
    assert {p for p, _i in got} == {"重庆国际生物城"}


def test_former_and_latter_name_the_two_parts(industries):
    t = ("麻柳生物医药产业园正在崛起。根据规划,园区由木洞和麻柳两大组团构成。前者占地约20平方公里,重点发力生物医药、制剂领域;"
         "后者约10平方公里,重点发展化学原料药、中间体等主要产业。")
    got = set(pairs(draft(t, industries)))
    assert {("木洞", "生物医药"), ("木洞", "制剂"), ("麻柳", "化学原料药"), ("麻柳", "中间体")} <= got


def test_a_park_that_leads_in_and_lays_out_industries(industries):
    t = "九龙农产品加工园区于2013年成立。目前,园区主导肉禽类加工产业、饲料产业、休闲食品产业。"
    assert {("九龙农产品加工园区", "肉禽类加工产业"), ("九龙农产品加工园区", "饲料产业")} <= set(pairs(draft(t, industries)))
    t2 = "南充新能源汽车产业园规划面积20平方公里,分为三大功能区,分别布局乘用车、商用车、专用车和零部件配套生产基地。"
    assert set(pairs(draft(t2, industries))) == {("南充新能源汽车产业园", i) for i in ("乘用车", "商用车", "专用车", "零部件配套")}
    assert pairs(draft("该镇重点发展五金产业。", industries)) == []  # 该镇 names no park


def test_a_list_of_industries_in_a_sentence_about_the_park(industries):
    t = ("食品工业城在渝北国家农业科技园内挂牌。食品工业城由新加坡公司编制总体规划,规划开展食品生产、食品贸易、食品仓储物流、"
         "食品包装等,将重点进行饮料、榨菜、调味品、速冻食品等的研发生产。")
    got = set(pairs(draft(t, industries)))
    assert {("食品工业城", i) for i in ("食品生产", "食品贸易", "食品仓储物流", "饮料", "调味品")} <= got
    # lists of parks, of firms, or with a counter that disagrees are not read this way
    assert pairs(draft("临港经济区形成了装备制造园区、食品加工园区、物流园区三大板块。", industries)) == []
    assert pairs(draft("临港经济区引进了长安汽车、京东方、华为等企业。", industries)) == []


def test_a_name_with_a_bracketed_place_and_formed_with_a_frame(industries):
    t = "四川泸州(长江)经开区初步形成了以精细化工、食品饮料、装备制造为主导的产业体系。"
    got = pairs(draft(t, industries))
    assert {("四川泸州(长江)经开区", i) for i in ("精细化工", "食品饮料", "装备制造")} <= set(got)


def test_a_park_by_its_place_is_quoted_from_its_own_clause(industries):
    t = ("目前江津工业园区已经形成了德感、双福、珞璜、白沙的“一区四园”格局。\n入驻企业达到1025家。\n"
         "双福新区重点发展汽摩,德感重点发展装备制造。")
    got = [f for f in draft(t, industries) if f.park == "德感"]
    assert [f.quote for f in got] == ["德感重点发展装备制造"]


def test_the_documents_park_is_quoted_from_the_sentence(industries):
    t = ("山西交城经济开发区\n\n园区原规划面积为24.7平方公里,涉及两镇十四村。\n\n"
         "经过几年的建设,逐步发展成为以煤焦、冶金、化工为特色的工业企业集聚区。\n")
    got = [f for f in draft(t, industries) if f.industry_as_written == "煤焦"]
    assert got and got[0].park == "山西交城经济开发区" and got[0].quote.startswith("经过几年的建设")


def test_a_former_name_or_a_phrase_ending_in_yuanqu_is_not_a_new_subject(industries):
    t = ("营口辽河经开区位于主城区东南部,前身为营口中小企业创业园区,园区总规划面积30平方公里,"
         "重点发展汽车零部件产业、现代物流业。")
    assert {p for p, _ in pairs(draft(t, industries))} == {"营口辽河经开区"}
    t = "分宜城西工业园形成了以机械铸造为主的产业格局。这一成绩的取得主要得益于园区坚持强龙头,重点培育锂电新能源、光电信息。"
    assert {p for p, _ in pairs(draft(t, industries))} <= {"分宜城西工业园"}


def test_a_modifier_yi_wei_zhu_after_baokuo_or_he(industries):
    t = "全区建成2个高新区,包括以稀土高新技术产业为主的包头稀土开发区,和以光伏新能源产业为主的呼和浩特技术开发区。"
    assert set(pairs(draft(t, industries))) == {("包头稀土开发区", "稀土高新技术产业"), ("呼和浩特技术开发区", "光伏新能源产业")}


def test_the_parks_own_chanye_dingwei_and_where_it_extends(industries):
    t = "龙安化工园区相关负责人说,园区是福鼎市三个千亿产业园之一,产业定位以发展新能源新材料产业为主。"
    assert pairs(draft(t, industries)) == [("龙安化工园区", "新能源新材料产业")]
    t = "分宜城西工业园形成了以机械铸造、麻纺织为主的产业格局,并逐步向锂电新能源、光电信息等新兴产业延伸拓展。"
    assert set(pairs(draft(t, industries))) == {("分宜城西工业园", i) for i in ("机械铸造", "麻纺织", "锂电新能源", "光电信息")}


def test_supported_industries_and_leading_firms(industries):
    t = "互助绿色产业园重点发展青稞酒酿造等产业,支持发展新型材料、装备制造、民生健康四大产业。"
    got = set(pairs(draft(t, industries)))
    assert {("互助绿色产业园", i) for i in ("新型材料", "装备制造", "民生健康")} <= got
    t = "张掖经开区形成了以河西制药、大弓农化等企业为龙头的生物制药化工产业。"
    assert pairs(draft(t, industries)) == [("张掖经开区", "生物制药化工产业")]  # the firms are not industries


def test_industries_enumerated_after_a_parks_count(industries):
    t = ("万盛经开区加快四大产业集群结构优化\n一是煤电化产业。加速推进电厂建设。二是新材料产业。耀皮玻璃投产。"
         "三是装备制造产业。建成标准厂房。四是生物医药产业。多普泰制药开工。")
    assert set(pairs(draft(t, industries))) == {("万盛经开区", i) for i in ("煤电化产业", "新材料产业", "装备制造产业",
                                                                           "生物医药产业")}
    # as many items as the count, or none: "三大产业" followed by two enumerated ones is not read
    t = "万盛经开区加快三大产业集群建设\n一是煤电化产业。加速推进电厂建设。二是新材料产业。耀皮玻璃投产。"
    assert pairs(draft(t, industries)) == []


def test_chengxiang_is_not_a_township(industries):
    t = "坚持以工为主,统筹城乡发展模式,大力发展高端装备制造和新一代电子信息产业。"
    assert pairs(draft(t, industries)) == []  # 城乡 (town and country) is no 乡


@pytest.mark.parametrize("text", [
    "新华网宁波3月28日电 浙江省宁波市镇海区于27日发布行动方案,重点发展绿色石化、装备制造。",  # 镇 of 镇海区
    "按照规划,努力將園區打造成为鋰電、光伏兩個千億級產業集群。",
    "截至目前,开发区已成为全省重要的新能源产业制造基地,形成光伏制造、动力及储能锂电池两个新能源产业集群。",
])
def test_clause_words_are_not_inside_a_park_name(text, industries):
    assert pairs(draft(text, industries)) == []


def test_a_town_whose_name_holds_shi_is_still_a_town(industries):
    assert pairs(draft("龙市镇重点发展建材、食品及农产品加工。", industries)) == [
        ("龙市镇", "建材"), ("龙市镇", "食品及农产品加工")]
