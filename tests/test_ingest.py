"""Tests for geo.ingest: the tricky plan phrasings, normalisation, encodings and verbatim quotes."""

from __future__ import annotations

import sys

import opencc
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import ingest
from geo.ingest import Finding, cn_number, draft_rows, findings_frame, infer_horizon, match_park, normalise
from geo.io import read_table
from geo.settings import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def industries() -> pd.DataFrame:
    return read_table(DATA / "industries.csv")


def rows(text, industries, horizon=2025, **kw) -> list[Finding]:
    out = draft_rows(text, "合川区", "test", industries, horizon_year=horizon, **kw)
    for f in out:
        assert f.quote == text[f.start:f.end], f
    return out


def pick(found, **want):
    return [f for f in found if all(getattr(f, k) == v for k, v in want.items())]


def targets(found):
    return sorted((f.target_value_yi, f.target_year) for f in found if f.target_value_yi is not None)


# ------------------------------------------------------------------ park → industries


def test_park_list_with_he(industries):
    t = "凤凰湖产业园重点发展汽车摩托车产业、电子信息产业和智能装备产业。"
    found = rows(t, industries)
    assert [(f.park, f.industry_as_written, f.sector, f.role) for f in found] == [
        ("凤凰湖产业园", "汽车摩托车产业", "智能网联新能源汽车", "lead"),
        ("凤凰湖产业园", "电子信息产业", "新一代电子信息制造业", "lead"),
        ("凤凰湖产业园", "智能装备产业", "智能装备及智能制造", "lead"),
    ]
    assert found[0].quote == "凤凰湖产业园重点发展汽车摩托车产业"
    assert found[2].quote == t.rstrip("。")
    assert all(f.kind == "park_industry" for f in found)


def test_cluster_zone_main_layout_with_deng(industries):
    t = "提高产业准入门槛,南溪组团主要布局火锅食材、现代中药、摩托车等产业,草街组团主要布局信创与网络安全产业。"
    found = rows(t, industries)
    assert [(f.park, f.industry_as_written, f.sector) for f in found] == [
        ("南溪组团", "火锅食材", "食品及农产品加工"),
        ("南溪组团", "现代中药", "生物医药"),
        ("南溪组团", "摩托车", "智能网联新能源汽车"),
        ("草街组团", "信创与网络安全产业", "软件信息服务"),
    ]
    assert found[3].quote == "草街组团主要布局信创与网络安全产业"


def test_heading_park_dash(industries):
    t = "——龙市镇。依托龙市镇农产品加工园，重点发展火锅食材加工、精米加工和休闲食品。"
    found = rows(t, industries)
    assert [(f.park, f.industry_as_written) for f in found] == [
        ("龙市镇", "火锅食材加工"), ("龙市镇", "精米加工"), ("龙市镇", "休闲食品"),
    ]
    assert all(f.sector == "食品及农产品加工" for f in found)
    assert found[0].quote.startswith("龙市镇。依托")
    assert "paragraph heading" in found[0].note


def test_park_develop_then_cultivate(industries):
    t = "港城工业园重点发展装备制造、新材料，培育以医疗器械为主的生物医药及大健康、新能源等战略性新兴产业。"
    found = rows(t, industries)
    assert [(f.industry_as_written, f.role) for f in found] == [
        ("装备制造", "lead"), ("新材料", "lead"), ("生物医药及大健康", "emerging"), ("新能源", "emerging"),
    ]
    # "生物医药及大健康" is one industry, not split on 及
    assert pick(found, industry_as_written="生物医药及大健康")[0].sector == "生物医药"


def test_represented_by_examples_classify_umbrella(industries):
    t = "三教产业园重点发展以高端陶瓷及卫浴、装配式建筑为代表的智能家居及材料产业，以食品为代表的特色消费品产业。"
    found = rows(t, industries)
    assert [(f.industry_as_written, f.sector) for f in found] == [
        ("智能家居及材料产业", "建材"), ("高端陶瓷及卫浴", "建材"), ("装配式建筑", "建材"),
        ("特色消费品产业", "食品及农产品加工"),
    ]  # the examples of a list's first item are rows of their own (docs/coding.md §8)


def test_split_on_he_only_across_sectors(industries):
    t = "东岸园区重点发展纺织服装和锂电池。"
    found = rows(t, industries)
    assert [f.industry_as_written for f in found] == ["纺织服装", "锂电池"]
    t2 = "东岸园区重点发展环保建材及装配式建筑、冷链及智慧物流。"
    assert [f.industry_as_written for f in rows(t2, industries)] == ["环保建材及装配式建筑", "冷链及智慧物流"]


def test_list_starting_with_a_quoted_item(industries):
    t = "大数据产业园重点发展“元宇宙”、数字文创、服务外包、云计算、电商等产业进出口加工、保税仓储等服务。"
    found = rows(t, industries)
    assert [f.industry_as_written for f in found] == ["元宇宙", "数字文创", "服务外包", "云计算", "电商"]
    assert all(f.sector == "软件信息服务" for f in found)


def test_specific_category_after_deng_is_the_item(industries):
    t = "石刻文创园重点开发城市雕塑、木雕、铜雕等雕塑艺术品。"
    found = rows(t, industries)
    assert [(f.industry_as_written, f.sector) for f in found] == [("雕塑艺术品", "文创")]


def test_table_park_rows(industries):
    t = "表3\n\t名称\n\t主导产业方向\n\t“十四五”目标\n\n\t南溪组团\n\t医药健康、新材料等产业。\n\t力争产值规模达300亿\n\n正文。"
    found = rows(t, industries)
    assert [(f.kind, f.park, f.industry_as_written, f.sector) for f in found if f.kind == "park_industry"] == [
        ("park_industry", "南溪组团", "医药健康", "生物医药"),
        ("park_industry", "南溪组团", "新材料", "先进材料"),
    ]
    tot = pick(found, kind="total")
    assert [(f.park, f.target_value_yi, f.target_year, f.role) for f in tot] == [("南溪组团", 300.0, 2025, "other")]
    assert tot[0].quote.startswith("南溪组团") and tot[0].quote.endswith("力争产值规模达300亿")


def test_logistics_parks_named_in_a_list(industries):
    t = "规划形成以北湖供应链物流中心为枢纽，西港现代物流园、城南物流园等特色物流中心为补充的现代物流体系。"
    found = rows(t, industries)
    assert [(f.park, f.sector) for f in found] == [
        ("北湖供应链物流中心", "物流"), ("西港现代物流园", "物流"), ("城南物流园", "物流"),
    ]
    assert all(f.confidence <= 0.5 for f in found)


# ------------------------------------------------------------------ targets


def test_target_cluster_scale_subject_in_sentence(industries):
    t = "汽车摩托车产业聚焦燃油汽车、新能源汽车等细分产业链，打造1100亿级产业集群。"
    (f,) = rows(t, industries)
    assert (f.kind, f.industry_as_written, f.sector, f.target_value_yi, f.target_year) == (
        "target", "汽车摩托车产业", "智能网联新能源汽车", 1100.0, None)  # no year in the sentence: undated
    assert "no year stated (plan horizon 2025" in f.note and f.confidence < 0.8
    assert f.quote == t.rstrip("。")


def test_target_scale_from_dash_heading(industries):
    t = "——通机产业。依托整机生产企业，推动新产品研发，力争形成30亿级产业规模。"
    (f,) = rows(t, industries)
    assert (f.industry_as_written, f.sector, f.target_value_yi, f.target_year) == (
        "通机产业", "智能装备及智能制造", 30.0, None)  # "力争形成30亿级产业规模" states no year
    assert f.quote == "30亿级产业规模"
    assert "heading" in f.note


def test_target_break_through_with_year(industries):
    t = "电梯。推动电梯产业转型发展。到2027年，电梯产业产值力争突破30亿元。"
    (f,) = rows(t, industries, horizon=2030)
    assert (f.industry_as_written, f.target_value_yi, f.target_year, f.confidence) == ("电梯产业", 30.0, 2027, 0.9)
    assert f.quote == "电梯产业产值力争突破30亿元"


def test_target_year_from_heading_line(industries):
    t = "——日用玻璃。鼓励企业多元化开发产品，提升产品附加值。到2027年，力争形成50亿级产业集群。"
    (f,) = rows(t, industries)
    assert (f.industry_as_written, f.sector, f.target_value_yi, f.target_year) == ("日用玻璃", "消费品工业", 50.0, 2027)


def test_target_qianyi_and_baiyi_with_town(industries):
    t = "到2030年，打造千亿级装备制造产业集群。力争打造清平镇百亿级玻璃产业集群。"
    found = rows(t, industries, horizon=2030)
    assert [(f.park, f.industry_as_written, f.target_value_yi, f.target_year) for f in found] == [
        ("", "装备制造", 1000.0, 2030), ("清平镇", "玻璃", 100.0, 2030),
    ]


def test_target_double_hundred(industries):
    t = "到2025年达到以下目标。\n——产业集群规模效应突显。其中，卷烟及配套、新材料形成“双百”亿级产业。"
    found = rows(t, industries, horizon=2026)
    assert [(f.industry_as_written, f.sector, f.target_value_yi, f.target_year) for f in found] == [
        ("卷烟及配套", "烟草", 100.0, 2025), ("新材料", "先进材料", 100.0, 2025),
    ]
    assert found[0].quote == "卷烟及配套、新材料形成“双百”亿级产业"


def test_target_year_inside_strive(industries):
    t = "力争2012年实现电子信息产业销售收入100亿元。"
    (f,) = rows(t, industries, horizon=None)
    assert (f.industry_as_written, f.target_value_yi, f.target_year) == ("电子信息产业", 100.0, 2012)


def test_target_table_with_baseline(industries):
    t = (
        "附件1\n主要发展目标\n\t工作类别\n\t目标名称\n\t单位\n\t2020年\n\t2025年\n\n"
        "\t产业链条建设行动\n（产业集群达规模）\n\t规上工业总产值\n\t亿元\n\t109.43\n\t350\n\n"
        "\t\n\t战略性新兴产业产值占工业总产值比重\n\t%\n\t5.6\n\t10\n\n"
        "\t\n\t新材料产业产值\n\t亿元\n\t28.1\n\t100\n\n"
    )
    found = rows(t, industries)
    assert [(f.kind, f.industry_as_written, f.target_value_yi, f.target_year, f.baseline_value_yi, f.baseline_year)
            for f in found] == [
        ("total", "规上工业总产值", 350.0, 2025, 109.43, 2020),
        ("target", "新材料产业", 100.0, 2025, 28.1, 2020),
    ]
    assert found[0].quote == "规上工业总产值\n\t亿元\n\t109.43\n\t350"


def test_target_respectively_pairs_parks(industries):
    t = "到2025年力争港桥产业园、三教产业园农产品加工产值分别达到150亿、50亿。"
    found = rows(t, industries)
    assert [(f.park, f.industry_as_written, f.target_value_yi, f.target_year) for f in found] == [
        ("港桥产业园", "农产品加工", 150.0, 2025), ("三教产业园", "农产品加工", 50.0, 2025),
    ]


def test_parallel_metric_clauses_take_the_subject(industries):
    t = "到2025年，茶园面积达到12万亩，总产量1万吨，总产值达到12亿元。全区食用菌种植规模达到1.6亿袋，产值10亿元。"
    found = rows(t, industries)
    assert [(f.industry_as_written, f.sector, f.target_value_yi) for f in found] == [
        ("茶园", "农业", 12.0), ("食用菌", "农业", 10.0),
    ]


def test_totals(industries):
    t = "到2025年，全区工业总产值突破3000亿元，社会消费品零售总额达到674亿元。"
    found = rows(t, industries)
    assert [(f.kind, f.industry_as_written, f.role, f.target_value_yi) for f in found] == [
        ("total", "工业总产值", "total", 3000.0), ("total", "社会消费品零售总额", "total", 674.0),
    ]


def test_park_total_target(industries):
    t = "双桥经开区发展壮大电子信息等产业，着力打造“千亿经开”。"
    found = rows(t, industries)
    tot = pick(found, kind="total")
    assert [(f.park, f.target_value_yi, f.role) for f in tot] == [("双桥经开区", 1000.0, "other")]


@pytest.mark.parametrize("text", [
    "到2025年，园区面积拓展至30平方公里，新增工业用地3000亩。",
    "到2025年，培育营业收入超10亿元企业15家，力争培育50亿级企业2家以上。",
    "到2025年，战略性新兴产业占比提高至45%，总产量达到1万吨。",
    "全区食用菌种植规模达到1.6亿袋。",
    "到2025年，规上工业企业研发投入超20亿元，工业企业入库税金突破50亿元，引进项目协议投资额300亿元。",
    "单位工业用地产出提高至75亿元/平方公里。",
    "建设一批10亿级、20亿级、50亿级先进制造业集群。",
    "2021年，规上工业总产值408亿元，与2017年（91.8亿元）比较，年均降幅达25%。",
    "依托100亿级市级农产品加工业示范园区港桥产业园，积极培育示范企业。",
])
def test_not_targets(text, industries):
    assert targets(rows(text, industries)) == []


def test_retrospective_section_is_skipped(industries):
    t = "一、“十三五”工业经济发展回顾\n全区医药健康产业实现产值26亿元。\n二、发展目标\n到2025年，医药健康产业产值达到100亿元。"
    assert targets(rows(t, industries)) == [(100.0, 2025)]


def test_repeated_sentence_counts_once(industries):
    s = "到2027年,新型储能产业产值力争突破30亿元。"
    found = rows(f"导语。{s}\n原文如下:\n新型储能。积极培育储能产品。{s}", industries)
    assert targets(found) == [(30.0, 2027)]


def test_breakdown_after_qizhong(industries):
    t = "到2025年，全区工业总产值达到1000亿元，其中汽车产业500亿元、电子信息产业300亿元。"
    found = rows(t, industries)
    assert [(f.kind, f.industry_as_written, f.target_value_yi) for f in found] == [
        ("total", "工业总产值", 1000.0), ("target", "汽车产业", 500.0), ("target", "电子信息产业", 300.0),
    ]


def test_counts_of_clusters_are_not_targets(industries):
    assert targets(rows("全力打造两个千亿级产业集群、三个百亿级产业集群。", industries)) == []


def test_colon_and_numbered_headings(industries):
    t = "汽车产业：到2025年，产值达到500亿元。\n（一）装备制造产业。推动智能化改造，力争到2026年实现产值600亿元。"
    found = rows(t, industries)
    assert [(f.industry_as_written, f.sector, f.target_value_yi, f.target_year) for f in found] == [
        ("汽车产业", "智能网联新能源汽车", 500.0, 2025), ("装备制造产业", "智能装备及智能制造", 600.0, 2026),
    ]


def test_park_heading_and_park_total(industries):
    t = "（三）高新区。重点发展智能终端、新型显示等产业，到2025年产值突破500亿元。"
    found = rows(t, industries)
    assert [(f.kind, f.park, f.industry_as_written, f.target_value_yi) for f in found] == [
        ("park_industry", "高新区", "智能终端", None), ("park_industry", "高新区", "新型显示", None),
        ("total", "高新区", "产值", 500.0),
    ]
    t2 = "正阳工业园区（黔江高新区）重点发展新材料、生物医药等产业，力争规上工业产值突破200亿元。"
    found2 = rows(t2, industries)
    assert [(f.kind, f.park, f.industry_as_written) for f in found2][:2] == [
        ("park_industry", "正阳工业园区", "新材料"), ("park_industry", "正阳工业园区", "生物医药"),
    ]
    assert [(f.park, f.role, f.target_value_yi) for f in pick(found2, kind="total")] == [("正阳工业园区", "other", 200.0)]


def test_relying_on_a_park(industries):
    t = "依托重庆云谷·大数据产业园，坚持数字赋能，重点围绕“数字文创、自动驾驶、服务外包”三大业态。"
    found = rows(t, industries)
    assert [(f.park, f.industry_as_written, f.confidence) for f in found] == [
        ("重庆云谷·大数据产业园", "数字文创", 0.6), ("重庆云谷·大数据产业园", "自动驾驶", 0.6),
        ("重庆云谷·大数据产业园", "服务外包", 0.6),
    ]


# ------------------------------------------------------------------ a plan the extractor has never seen


NEW_PLAN = """某区工业高质量发展行动计划（2024—2028年）
一、发展目标
到2028年，全区规模以上工业产值达到1200亿元，工业增加值达到380亿元，培育营业收入超10亿元企业15家。
二、重点任务
（一）做强主导产业
——高端装备。重点发展数控机床、工业机器人，到2028年，高端装备产业产值力争达到260亿元。
——绿色食品。依托农产品资源，发展粮油加工、休闲食品和预制菜，力争形成80亿级产业规模。
（二）优化空间布局
西城工业园重点发展高端装备、新能源汽车零部件和绿色食品，培育壮大锂电池、光伏等新能源产业。东湖产业园主要布局电子信息、软件和信息服务业。
——白沙镇。依托港口优势，重点发展商贸物流和粮油加工。
到2028年力争西城工业园、东湖产业园工业产值分别达到500亿、300亿。新建标准厂房50万平方米，园区面积拓展至30平方公里。
2023年，全区工业总产值达到860亿元，同比增长8.5%。
"""


def test_unseen_plan(industries):
    found = draft_rows(NEW_PLAN, "某区", industries=industries)  # horizon guessed from the title
    for f in found:
        assert f.quote in NEW_PLAN and NEW_PLAN[f.start:f.end] == f.quote
    assert targets(found) == [(80.0, 2028), (260.0, 2028), (300.0, 2028), (380.0, 2028), (500.0, 2028),
                              (1200.0, 2028)]
    pairs = {(f.park, f.sector) for f in found if f.kind == "park_industry"}
    assert pairs == {
        ("西城工业园", "智能装备及智能制造"), ("西城工业园", "智能网联新能源汽车"), ("西城工业园", "食品及农产品加工"),
        ("西城工业园", "新能源及新型储能"), ("东湖产业园", "新一代电子信息制造业"), ("东湖产业园", "软件信息服务"),
        ("白沙镇", "物流"), ("白沙镇", "食品及农产品加工"),
    }
    parks_total = pick(found, kind="total", park="西城工业园")
    assert [(f.target_value_yi, f.role) for f in parks_total] == [(500.0, "other")]


def test_infer_horizon():
    assert infer_horizon(NEW_PLAN) == 2028
    assert infer_horizon("到2025年，…。到2025年，…。到2030年，…") == 2025
    assert infer_horizon("“十四五”规划") == 2025
    assert infer_horizon("没有年份") is None


# ------------------------------------------------------------------ encodings, width, traditional characters


def test_gbk_bytes_same_as_text(industries):
    a = draft_rows(NEW_PLAN, "某区", industries=industries)
    b = draft_rows(NEW_PLAN.encode("gbk"), "某区", industries=industries)
    assert [(f.kind, f.park, f.industry_as_written, f.target_value_yi, f.quote) for f in a] == [
        (f.kind, f.park, f.industry_as_written, f.target_value_yi, f.quote) for f in b]


def test_undecodable_bytes_raise_a_clear_error():
    from geo.errors import DataValidationError

    with pytest.raises(DataValidationError, match="neither UTF-8 nor GBK"):
        draft_rows(b"\xff\xfe\xfa\x80\x81" * 10, "合川区")


def test_traditional_characters(industries):
    trad = opencc.OpenCC("s2t").convert(NEW_PLAN)
    assert trad != NEW_PLAN
    a = draft_rows(NEW_PLAN, "某区", industries=industries)
    b = draft_rows(trad, "某区", industries=industries)
    assert [(f.kind, f.sector, f.target_value_yi, f.target_year) for f in a] == [
        (f.kind, f.sector, f.target_value_yi, f.target_year) for f in b]
    for f in b:
        assert f.quote in trad and trad[f.start:f.end] == f.quote
    park_rows = pick(b, kind="park_industry")
    assert park_rows[0].park == "西城工業園"  # names as written, in the original characters
    assert park_rows[0].industry_as_written == "高端裝備"


def test_full_width_digits_and_punctuation(industries):
    t = "到２０２５年，打造５００亿级汽车产业集群；北园重点发展电子信息（含集成电路）、新材料。"
    found = rows(t, industries, horizon=None)
    assert targets(found) == [(500.0, 2025)]
    assert [f.industry_as_written for f in pick(found, kind="park_industry")] == ["电子信息（含集成电路）", "新材料"]


def test_crlf_lines(industries):
    t = "一、目标\r\n到2025年，电梯产业产值突破30亿元。\r\n北园重点发展电梯。\r\n"
    found = rows(t, industries)
    assert targets(found) == [(30.0, 2025)] and pick(found, kind="park_industry")[0].park == "北园"


def test_normalise_keeps_offsets():
    t = "「凤凰湖產業園」，１２３億元\r\nＡＢ"
    nt = normalise(t)
    assert len(nt.text) == len(t) and nt.omap[-1] == len(t)
    assert nt.text.startswith('"凤凰湖产业园",123亿元')
    assert nt.quote(1, 7) == "凤凰湖產業園"


def test_normalise_joins_lines_wrapped_in_mid_sentence(industries):
    t = ("沂水经济开发区主要负责经济开发区的招商引资和对外来投资者的各项服务工\n作;配合有关部门搞好经济开发区长期"
         "规划和年度计划的编制和实施工作;配合有关部门搞\n好经济开发区总体规划的编制。\n一、概况\n短标题\n正文。")
    nt = normalise(t)
    assert "服务工作;" in nt.text and "部门搞好经济" in nt.text
    assert "\n一、概况\n短标题\n正文" in nt.text  # headings and short lines keep their breaks
    assert nt.quote(nt.text.find("服务工作"), nt.text.find("服务工作") + 4) == "服务工\n作"  # quotes stay verbatim
    found = draft_rows(t + "\n园区重点发展能源化工、生物化工。", "重庆市", "t", industries)
    assert {f.park for f in found if f.kind == "park_industry"} == {"沂水经济开发区"}


def test_normalise_falls_back_per_character(monkeypatch):
    class Stretchy:
        def convert(self, s):
            return s.replace("乾隆", "乾隆皇帝")  # a phrase rule that changes length

    monkeypatch.setattr(sys.modules["geo.ingest.normalise"], "_opencc", lambda: Stretchy())
    t = "乾隆年间\n后来"
    nt = normalise(t)
    assert nt.text == t and len(nt.omap) == len(t) + 1


def test_cn_number():
    assert [cn_number(s) for s in ("百", "千", "五十", "一千一百", "两百", "一万")] == [100, 1000, 50, 1100, 200, 10000]
    assert [cn_number(s) for s in ("万", "十万", "千万", "三千万")] == [10000, 100000, 10_000_000, 30_000_000]
    assert cn_number("abc") is None


def test_findings_frame_columns():
    df = findings_frame([Finding(kind="target", target_value_yi=30.0, target_year=2027, quote="x")])
    assert list(df.columns) == ingest.COLUMNS
    assert df["target_year"].dtype == "Int64" and df.loc[0, "target_value_yi"] == 30.0


def test_match_park():
    parks = pd.DataFrame(dict(
        park_id=["hc-hitech", "hc-nanxi", "yc-bigdata", "dz-hitech"],
        name_zh=["合川高新区", "南溪组团", "重庆云谷·大数据产业园", "大足高新区"],
        district=["合川区", "合川区", "永川区", "大足区"],
    ))
    assert match_park("南溪组团", parks, "合川区") == "hc-nanxi"
    assert match_park("国家高新区", parks, "合川区") == "hc-hitech"
    assert match_park("高新区", parks, "大足区") == "dz-hitech"
    assert match_park("大数据产业园", parks, "永川区") == "yc-bigdata"
    assert match_park("凤凰湖产业园", parks, "永川区") == ""


# ------------------------------------------------------------------ the shipped plans and arbitrary text


def test_shipped_plans_quotes_are_verbatim(industries):
    plans = read_table(DATA / "plans.csv")
    for _, p in plans.iterrows():
        text = (DATA / p["text_file"]).read_text(encoding="utf-8")
        found = draft_rows(text, p["district"], p["plan_id"], industries, horizon_year=int(p["horizon_year"]))
        assert found, p["plan_id"]
        for f in found:
            assert text[f.start:f.end] == f.quote and f.quote
            assert 0 < f.confidence <= 1
            assert f.kind in ingest.KINDS


_FRAGMENTS = [
    "到2025年", "力争", "打造", "1100亿级", "百亿", "“双百”亿级", "突破30亿元", "产业集群", "重点发展", "主要布局",
    "培育壮大", "、", "，", "。", "；", "——", "\n", "\t", "\r\n", "凤凰湖产业园", "南溪组团", "龙市镇", "汽车", "电子信息",
    "生物医药及大健康", "以", "为代表的", "等产业", "分别达到", "150亿", "、50亿", "亿元", "平方公里", "亩", "%", "家",
    "（", "）", "(", ")", "“", "”", "產業", "發展", "２０２５", "亿", "级", "千亿经开", "规上工业总产值", "2020年",
    "109.43", "350", "十四五", "一、回顾", "（二）", "1.", "企业", "万吨", "/",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), max_size=40))
def test_any_text_never_crashes_and_quotes_are_substrings(parts):
    text = "".join(parts)
    found = draft_rows(text, "合川区", horizon_year=2025)
    for f in found:
        assert f.quote in text
        assert text[f.start:f.end] == f.quote
        assert f.kind in ingest.KINDS
        assert f.target_value_yi is None or f.target_value_yi > 0
