"""亿元 aims and their years (geo.ingest.targets): common phrasings, lists of industries, continued paragraphs."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.ingest import draft_rows
from geo.io import read_table
from geo.settings import DATA_DIR


@pytest.fixture(scope="module")
def industries() -> pd.DataFrame:
    return read_table(DATA_DIR / "industries.csv")


def aims(text: str, industries, date: str | None = "2018-03-01") -> set[tuple[float, int | None]]:
    out = draft_rows(text, "重庆市", "test", industries, document_date=date)
    return {(f.target_value_yi, f.target_year) for f in out if f.target_value_yi is not None}


@pytest.mark.parametrize("text, want", [
    ("园区力争年内实现工业产值60亿元。", {(60.0, 2018)}),
    ("2019年,园区计划完成工业总产值120亿元。", {(120.0, 2019)}),
    ("到“十四五”末,全州工业总产值突破2000亿元;规模以上工业增加值在675亿元以上。", {(2000.0, 2025), (675.0, 2025)}),
    ("园区2016年实现产值1689亿元。", set()),  # a past year next to the number: a fact, not an aim
    ("园区去年实现产值80亿元,今年力争突破100亿元。", {(100.0, 2018)}),  # last year's figure is no aim
    ("到2020年,園區工業產值有望達到500億元人民幣。", {(500.0, 2020)}),
    ("2018年,开发区将实现“五个突破”,即产值突破30个亿、投资突破10个亿。", {(30.0, 2018)}),  # 个亿
    ("记者获悉,2017年,园区工业总产值突破1000亿元,分别达1014亿元。", set()),  # a year before the document's
])
def test_years_of_aims(text, want, industries):
    assert aims(text, industries) == want


def test_one_aim_for_each_listed_industry(industries):
    text = "到2017年,带动装备制造、食品产业规模以上主营业务收入均突破1.2万亿元,汽车及零部件、现代家居、服装服饰产业主营业务收入分别达到4000亿元左右。"
    out = [f for f in draft_rows(text, "河南省", "test", industries) if f.target_value_yi]
    got = sorted((f.industry_as_written, f.target_value_yi) for f in out)
    assert got == sorted([("装备制造", 12000.0), ("食品", 12000.0), ("汽车及零部件", 4000.0), ("现代家居", 4000.0),
                          ("服装服饰", 4000.0)])


def test_a_continuing_paragraph_shares_the_year_of_the_one_before(industries):
    text = "“十二五”期间,工业主要目标已经确定。到2015年,全省工业增加值力争突破1万亿元。\n其中,全省工业园区实现工业增加值6000亿元。"
    assert (6000.0, 2015) in aims(text, industries, None)


def test_a_new_paragraph_does_not_take_the_year_of_the_one_before(industries):
    text = "到2025年,全区工业总产值达到800亿元。\n电子信息产业聚焦智能终端,打造400亿级产业集群。"
    assert aims(text, industries, None) == {(800.0, 2025), (400.0, None)}


def test_a_count_naming_its_industries_gives_each_the_aim(industries):
    text = "力争到2025年,形成农产品加工、建材家居、医药化工3个千亿产业,培育纺织服装等10个百亿产业集群。"
    out = [f for f in draft_rows(text, "黄冈市", "test", industries) if f.target_value_yi]
    # "纺织服装等10个": the one named of ten has the size as its aim (the development set's README, stop 24)
    assert sorted((f.industry_as_written, f.target_value_yi, f.target_year) for f in out) == [
        ("农产品加工", 1000.0, 2025), ("医药化工", 1000.0, 2025), ("建材家居", 1000.0, 2025), ("纺织服装", 100.0, 2025)]


def test_a_run_of_sized_clusters_after_one_goal_word(industries):
    text = "培育形成高端装备、高端化工2个千亿级产业集群,新一代信息技术500亿级产业集群,新能源产业300亿级产业集群。"
    assert aims(text, industries, None) == {(1000.0, None), (500.0, None), (300.0, None)}


@pytest.mark.parametrize("text, want", [
    # each size has its own industry: not a list of size classes ("10亿级、20亿级…集群")
    ("力争到2026年,打造200亿级生物医药、300亿级电子信息和500亿级智能装备。", {(200.0, 2026), (300.0, 2026), (500.0, 2026)}),
    ("打造“千亿园区、百亿企业”。", set()),  # a slogan of size classes stays out
    # "N亿" without 元 before a park's name
    ("今年要建成100亿绿色食品园、150亿新材料园。", {(100.0, 2018), (150.0, 2018)}),
    # a province's aggregate above a park's limit, and the count of the next item after a 、
    ("到2027年全省开发区营业收入达到12万亿元左右,同步建成5个左右营收超3000亿元、35个左右营收超1000亿元的开发区。",
     {(120000.0, 2027), (3000.0, 2027), (1000.0, 2027)}),
    ("力争到2020年,使经开区工业总产值突破万亿。", {(10000.0, 2020)}),  # 万 alone is one 万
    ("形成3个工业万亿板块。", set()),  # how many blocks of a size
])
def test_sizes_lists_and_words(text, want, industries):
    assert aims(text, industries) == want


@pytest.mark.parametrize("text, date, want", [
    ("在龙石片区的建设用地上,重庆将投入巨资打造一个万亿级的工业基地。", "2014", {(10000.0, None)}),  # one base, not a count
    ("据悉,2014年,哈市继续扩大投入。全市园区实现工业总产值3050亿元,占全市比重达83.3%。", "2015", set()),  # the paragraph's past year
    ("截至目前,累计引进企业91家,去年1至11月,以泵阀为主的装备制造实现产值超20亿元。", "2025-02", set()),  # 去年 in an earlier clause
    ("2018年,开发区将实现“五个突破”,即产值突破30个亿、投资突破10个亿。", "2018", {(30.0, 2018)}),
])
def test_past_figures_and_single_bases(text, date, want, industries):
    assert aims(text, industries, date=date) == want


def test_an_achievements_section_may_still_look_ahead(industries):
    t = "二、发展成就\n经济表现持续亮眼,预计2024年GDP增速将达到13%,规上工业产值也将突破3300亿元。\n园区2023年实现产值3000亿元。\n"
    assert aims(t, industries, date="2024") == {(3300.0, 2024)}


@pytest.mark.parametrize("text, want", [
    ("未来5年,沈抚新城内将崛起一个年产值500亿元的机器人产业集群。", {(500.0, None)}),
    ("吹响梁平朝着500亿规模的塑料产业集群迈进的号角。", {(500.0, None)}),
    ("氟化工產業鏈向下游延伸,向著百億氟新材料產業集群大步邁進。", {(100.0, None)}),
    # the money word inside what is built (研发检测) does not make the aim a spending figure
    ("生态塑料产业园致力于打造集塑料改性、塑料模具、研发检测为一体的500亿级塑料产业集群。", {(500.0, None)}),
    ("打造研发投入超10亿元的创新平台。", set()),
])
def test_goal_words_of_news_reports(text, want, industries):
    assert aims(text, industries, date=None) == want


@pytest.mark.parametrize("text, want", [
    ("其每平方公里工业用地产出超过60亿元。", set()),  # a ratio per area
    ("大力发展数字经济,数字经济年产值超50亿元,同比增长18.9%。", set()),  # a reported figure with its growth
    ("目前累计引进医药项目近30个,产值达360亿元。", set()),
    ("西永微电园规上工业总产值连续5年突破2000亿元。", set()),
    # a sentence that looks ahead keeps its aims, whatever else it reports
    ("目前园区已入驻企业50家,力争明年产值突破100亿元。", {(100.0, 2019)}),
    ("到“十四五”末,规模以上工业增加值在675亿元以上,年均增长14%。", {(675.0, 2025)}),
    ("拟布局的液化工厂目前已建成60万方,年产值近10亿元。", {(10.0, None)}),
])
def test_what_is_already_reached_is_not_an_aim(text, want, industries):
    assert aims(text, industries) == want


@pytest.mark.parametrize("text, want", [
    # one aim stated for a list of parks or of places a count names: one row each
    ("到2012年,其中北部新区、西永电子工业园、长寿化工园将达到2000亿元。", [("北部新区", 2000.0), ("西永电子工业园", 2000.0),
                                                          ("长寿化工园", 2000.0)]),
    ("打造涪陵、九龙坡、巴南3个产值3000亿级产业承接基地。", [("涪陵", 3000.0), ("九龙坡", 3000.0), ("巴南", 3000.0)]),
    # how many parks reach a size is no aim
    ("到2012年全市有8个园区实现销售产值达到千亿元以上。", []),
    ("30个工业园区实现销售产值100亿元以上。", []),
    # the year so far, and what is already formed, are facts
    ("今年1—7月,科学城实现规上工业总产值超2000亿元,已逐步形成新一代信息技术千亿级产业集群。", []),
    ("过去,重庆小面400亿元的年产值主要来源于线下。", []),
    ("今年1-7月园区实现产值50亿元,全年力争突破100亿元。", [("", 100.0)]),
])
def test_lists_of_parks_counts_and_the_year_so_far(text, want, industries):
    out = draft_rows(text, "重庆市", "test", industries, document_date="2008")
    assert [(f.park, f.target_value_yi) for f in out if f.target_value_yi is not None] == want


def test_a_counter_is_not_part_of_the_last_listed_industry(industries):
    out = draft_rows("力争到2012年,汽车、电子两大产业均突破1000亿元。", "重庆市", "test", industries)
    assert [f.industry_as_written for f in out if f.target_value_yi] == ["汽车", "电子"]


@pytest.mark.parametrize("text, date, want", [
    ("力争通过3至5年努力,使园区年产能达到600亿元以上。", "2012-06-26", {(600.0, 2017)}),
    ("通过5年努力,新材料产业产值达500亿元以上。", "2011-12-29", {(500.0, 2016)}),
    # an amount for when a project is complete keeps no year, even after a 今年 or a dated clause before it
    ("今年引进项目12个;四是引进星星冷链生产基地,项目达产后将每年新增产值25亿元。", "2020-08-11", {(25.0, None)}),
    ("园区达产后年产值可达54亿元。", "2015-06-25", {(54.0, None)}),
    ("全县固投42.6亿元,完成目标任务28%。", "2015", set()),
])
def test_spans_of_years_and_amounts_after_completion(text, date, want, industries):
    assert aims(text, industries, date=date) == want


def test_items_after_a_dash_intro_share_the_first_items_year(industries):
    text = ("《投资计划》明确了三大板块内容——\n到2025年,新能源产业累计完成投资1000亿元,规上工业产值达到2300亿元。\n"
            "新材料产业累计完成投资500亿元,规上工业产值达到1200亿元。\n生物经济产业累计完成投资150亿元,规上工业产值达到200亿元。")
    assert aims(text, industries, date=None) == {(2300.0, 2025), (1200.0, 2025), (200.0, 2025)}


@pytest.mark.parametrize("text, want", [
    ("预计到2025年入园企业50家,规模以上企业35家,工业生产总值200亿元。", {(200.0, 2025)}),  # 生产总值 is a metric
    ("近三年累计实现工业总产值53.3亿元,年均增长58.4%。", set()),  # the past three years
])
def test_gross_output_and_the_past_years(text, want, industries):
    assert aims(text, industries, date=None) == want


def test_lines_after_an_intro_take_the_year_the_intro_took(industries):
    lines = ["一、产业园区主要目标", "——到2020年末,全市产业园区承载能力明显增强。",
             "——全市产业园区规上工业总产值力争达到3000亿元,园区经济主力军地位凸显。其中:"]
    lines += [f"第{i}产业园规上工业总产值达到{100 + i}亿元;" for i in range(1, 10)]
    assert aims("\n".join(lines), industries, date=None) == {(3000.0, 2020)} | {(100.0 + i, 2020) for i in range(1, 10)}


@pytest.mark.parametrize("text, want", [
    # the new level of the same investment is not output
    ("同样的产能,项目投资也由之前的25亿元增加到40亿元。调整后可实现年产值300亿元。", {(300.0, None)}),
    # what the park has now is a fact
    ("现有入园项目423个,92个规模以上工业企业总产值超过123亿元,年均增长21.6%。", set()),
    # an aim after ';' takes the year of the aim before it
    ("充分挖潜增效,2019年规上工业总产值总量力争达400亿元;铝产业计划增长2%,总量在260亿元左右;完成固定投资14亿元。",
     {(400.0, 2019), (260.0, 2019)}),
])
def test_investment_levels_present_facts_and_aims_after_a_semicolon(text, want, industries):
    assert aims(text, industries, date="2019-01-01") == want


def test_aims_after_a_paragraph_naming_the_plan_period_take_its_last_year(industries):
    text = ("记者近日从贵阳经开区获悉,“十五五”时期,该区将持续提升产业能级,拟打造5个百亿级产业集群。\n"
            "做强先进装备制造业,打造百亿级航天防务装备和基础件产业集群。\n"
            "做优电子信息制造业,打造百亿级液晶电视和服务器产业集群。")
    assert aims(text, industries, date="2026-01-12") == {(100.0, 2030)}
    assert len([f for f in draft_rows(text, "重庆市", "t", industries, document_date="2026-01-12")
                if f.target_value_yi == 100.0 and f.target_year == 2030]) == 2


def test_this_years_aim_named_after_its_amount(industries):
    text = "园区规上工业总产值累计完成1034.22亿元,同比增长31.06%;园区自我加码,瞄准工业总产值超1200亿元年度目标展开冲刺。"
    assert aims(text, industries, date="2022-11-20") == {(1200.0, 2022)}


def test_a_period_the_sentence_names_beats_one_carried_from_the_paragraph_before(industries):
    text = "“十五五”时期,该区将持续提升产业能级,拟打造5个百亿级产业集群。\n做强装备制造业,到“十四五”末,打造百亿级航天装备产业集群。"
    assert aims(text, industries, date="2024-01-01") == {(100.0, 2025)}


def rows(text: str, industries, date: str | None = "2018-03-01") -> set[tuple[str, str, float, int | None]]:
    out = draft_rows(text, "重庆市", "test", industries, document_date=date)
    return {(f.park, f.industry_as_written, f.target_value_yi, f.target_year) for f in out if f.target_value_yi is not None}


@pytest.mark.parametrize("text, want", [
    # a metric between the count and the amount
    ("到2015年,机械制造、纺织服装、电子信息6个产业产值突破千亿元。", set()),  # three names, six counted: not this list
    ("到2015年,机械制造、纺织服装、电子信息3个产业产值突破千亿元。",
     {("", "机械制造", 1000.0, 2015), ("", "纺织服装", 1000.0, 2015), ("", "电子信息", 1000.0, 2015)}),
    ("着力培植和打造装备制造、生物医药、绿色食品3个销售收入超百亿元产业集群。",
     {("", "装备制造", 100.0, None), ("", "生物医药", 100.0, None), ("", "绿色食品", 100.0, None)}),
    # two counts, each with its own amount
    ("着力培育有色金属、光电子2个产值超200亿和特色轻工、食品医药2个产值超100亿的主导产业集群。",
     {("", "有色金属", 200.0, None), ("", "光电子", 200.0, None), ("", "特色轻工", 100.0, None), ("", "食品医药", 100.0, None)}),
    # a framed list; a focus verb without a goal word
    ("安宁工业园区倾力发展以石化、冶金、绿色新能源电池产业为主的三大千亿级产业集群。",
     {("安宁工业园区", "石化", 1000.0, None), ("安宁工业园区", "冶金", 1000.0, None),
      ("安宁工业园区", "绿色新能源电池", 1000.0, None)}),
    ("该市聚焦机械、大健康、新材料、服装皮革四大千亿元产业。",
     {("", "机械", 1000.0, None), ("", "大健康", 1000.0, None), ("", "新材料", 1000.0, None), ("", "服装皮革", 1000.0, None)}),
    # the list after the amount
    ("曲靖经开区紧盯打造千亿级硅光伏、新能源电池产业。",
     {("曲靖经开区", "硅光伏", 1000.0, None), ("曲靖经开区", "新能源电池", 1000.0, None)}),
])
def test_a_size_stated_for_named_industries_is_each_ones_aim(text, want, industries):
    assert {(p, i, v, y) for p, i, v, y in rows(text, industries, date=None)} == want


@pytest.mark.parametrize("text", [
    "随着全市新一代电子信息和智能网联新能源汽车两大万亿级产业深度融合,园区集成电路产业加速集聚。",  # no aim stated
    "楚雄市将打造5个销售收入超百亿元产业集群。",  # a count with no names
    "到2015年,形成15个超500亿元的重点园区。",
    "到2022年,形成两江新区、西部新城、江南走廊3个工业万亿板块。",  # areas of a size: no output aim of each
])
def test_counts_of_a_size_and_sizes_not_aimed_at_are_no_aims(text, industries):
    assert aims(text, industries) == set()


def test_a_size_stated_for_named_parks_is_each_ones_aim(industries):
    text = "到2015年,力争打造南昌高新技术产业开发区、九江经济技术开发区等2个主营业务收入超千亿元的重点园区。"
    assert rows(text, industries) == {("南昌高新技术产业开发区", "", 1000.0, 2015), ("九江经济技术开发区", "", 1000.0, 2015)}


def test_an_undated_size_gives_way_to_the_same_aim_with_its_year(industries):
    text = ("秀山将重点发展医药、食品两大百亿级工业产业。\n"
            "一是医药产业,重点壮大中药产业链,力争到2026年达到百亿级规模;\n二是食品产业,力争到2026年达到百亿级规模。")
    assert rows(text, industries, date="2024-01-01") == {("", "医药产业", 100.0, 2026), ("", "食品产业", 100.0, 2026)}


def test_a_count_in_the_clause_before_and_a_year_the_sentence_opens_with(industries):
    text = "其中,电子信息、汽车、高端装备制造、新材料等4个产业,到2025年将成为万亿级产业。"
    assert rows(text, industries, date="2022-07-21") == {
        ("", x, 10000.0, 2025) for x in ("电子信息", "汽车", "高端装备制造", "新材料")}
    text = "今年,西太湖科技产业园将力争新增项目100个,确保固定资产投资达到100亿元,完成工业销售200亿元。"
    assert aims(text, industries, date="2018-02-01") == {(200.0, 2018)}


def test_counted_products_future_spans_and_firms_are_not_industries(industries):
    text = "持续打造高原夏菜、食用菌、藜麦和藏(中)药材、牛羊4个10亿级产业集群。"
    assert rows(text, industries, date="2023-04-01") == {
        ("", x, 10.0, None) for x in ("高原夏菜", "食用菌", "藜麦和藏(中)药材", "牛羊")}
    text = "今年,华蓥市新入驻项目达21个,随着更多项目入驻,未来5年,华蓥市工业总产值有望突破千亿大关。"
    assert aims(text, industries, date="2022-06-01") == {(1000.0, 2027)}
    out = draft_rows("云南玉龙产业园区初步形成了以云南泽维制药有限公司、丽江得一食品有限责任公司等企业为核心的产业集群。"
                     "开发区聚焦主业、主动作为。", "重庆市", "t", industries)
    assert not [f for f in out if f.kind == "park_industry"]


def test_counted_places_of_bases_and_long_counted_chains(industries):
    text = ("四川省将重点打造成都、眉山、宜宾3个千亿级绿色化工产业基地,形成天然气精深加工、盐磷化工、"
            "高端精细化学品和专用化工新材料3个千亿级产业链。")
    got = rows(text, industries, date=None)
    assert {(p, i) for p, i, v, y in got} == {("成都", ""), ("眉山", ""), ("宜宾", ""), ("", "天然气精深加工"),
                                              ("", "盐磷化工"), ("", "高端精细化学品和专用化工新材料")}
    assert {(v, y) for _p, _i, v, y in got} == {(1000.0, None)}


def test_counts_of_more_than_are_named_and_pillars_are_not_units(industries):
    text = ("两江新区正聚力打造新能源及新型储能、生命健康、智能装备及智能制造等3个500亿级支柱产业集群,"
            "新型显示、卫星互联网等5个100亿级特色产业集群。")
    assert rows(text, industries, date=None) == {
        ("", "新能源及新型储能", 500.0, None), ("", "生命健康", 500.0, None), ("", "智能装备及智能制造", 500.0, None),
        ("", "新型显示", 100.0, None), ("", "卫星互联网", 100.0, None)}


def test_a_span_ahead_named_by_an_intro_paragraph_dates_the_aims_after_it(industries):
    text = ("我们对今后五年的发展提出了细化量化的具体目标。总体来说,要实现地区生产总值超过1800亿元。\n"
            "内陆开放前沿建设跃上新台阶,力争2024年江津班列到发量占全市50%。\n"
            "先进制造业基地建设取得新成效,规上工业总产值超过2000亿元。")
    assert aims(text, industries, date="2023-01-12") == {(1800.0, 2028), (2000.0, 2028)}


def test_enumerated_clusters_take_their_heading_size_and_the_year_that_announced_them(industries):
    text = ("“十二五”期间,我市将着力打造两大千亿元产业集群、两大500 亿元产业集群。\n"
            "两大千亿元产业集群:一是以南楼开发区为重点发展区域,打造镁产品及深加工产业集群。2010年实现产值443亿元,"
            "2015年达到千亿元产值。二是以北海新区为重点区域,打造电机产业集群。目前,园区正在建设中,2015年达到千亿元产值。\n"
            "两大500亿元产业集群:一是以开发区滨海工业园为重点区域,打造输变电产业集群。二是以开发区船舶工业园为重点区域,"
            "打造船舶产业集群。")
    got = rows(text, industries, date="2011-03-26")
    assert {(i, v, y) for _p, i, v, y in got} == {
        ("镁产品及深加工", 1000.0, 2015), ("电机", 1000.0, 2015), ("输变电", 500.0, 2015), ("船舶", 500.0, 2015)}


def test_forecasts_of_this_year_about_more_than_and_industries_by_name(industries):
    text = "重庆小面产业预计今年营收80多亿元。大健康生物医药产业预计今年营收超100亿元。"
    assert rows(text, industries, date="2024-07-15") == {
        ("", "重庆小面产业", 80.0, 2024), ("", "大健康生物医药产业", 100.0, 2024)}


def test_sizes_for_named_items_after_the_amount_quoted_or_fewer_than_counted(industries):
    text = ("目前高新区正聚力建设“智能网联新能源汽车及核心器件、软件和信息服务”2个1000亿级主导产业,"
            "以及“集成电路、生物医药”2个500亿级特色优势产业集群。")
    assert {(i, v) for _p, i, v, _y in rows(text, industries, date="2024-05-01")} == {
        ("智能网联新能源汽车及核心器件", 1000.0), ("软件和信息服务", 1000.0), ("集成电路", 500.0), ("生物医药", 500.0)}
    text = "规划的万亿级现代新型汽车和零部件、农产品和食品深加工产业,千亿级石油化工、装备制造产业和一批百亿级项目陆续启动。"
    assert {(i, v) for _p, i, v, _y in rows(text, industries, date="2021-05-01")} == {
        ("现代新型汽车和零部件", 10000.0), ("农产品和食品深加工", 10000.0), ("石油化工", 1000.0), ("装备制造", 1000.0)}
    assert aims("力争到2025年,培育纺织服装等10个百亿产业集群。", industries) == {(100.0, 2025)}
    # a count before the amount and as many industries after it ("1个千亿级A产业集群", "5个百亿级B、C…和D产业集群")
    text = ("建设1个千亿级有色稀土新材料产业集群,2个500亿级循环化工、综合能源产业集群,"
            "3个百亿级电池新材料、生物医药和陶瓷建材产业集群。")
    assert {(i, v) for _p, i, v, _y in rows(text, industries, date="2025-08-28")} == {
        ("有色稀土新材料", 1000.0), ("循环化工", 500.0), ("综合能源", 500.0),
        ("电池新材料", 100.0), ("生物医药", 100.0), ("陶瓷建材", 100.0)}
    assert aims("到2025年,培育两个千亿级产业集群。", industries) == set()  # a count with no names is no aim
    # the verb may follow the count ("6个超百亿级")
    text = "洋浦正在打造港航物流、石化新材料、商贸服务3个千亿级产业集群,先进制造、清洁能源、数字经济3个超百亿级新型产业集群。"
    assert {(i, v) for _p, i, v, _y in rows(text, industries, date="2021-05-01")} == {
        ("港航物流", 1000.0), ("石化新材料", 1000.0), ("商贸服务", 1000.0),
        ("先进制造", 100.0), ("清洁能源", 100.0), ("数字经济", 100.0)}


@pytest.mark.parametrize("text, date, want", [
    # a span "5年到10年" to its later end, for the whole run of sized clusters
    ("洋浦计划用5年到10年的时间形成炼油、石化2个千亿产业集群(专业园区),浆纸、港口物流和出口加工等3个百亿产业集群(专业园区)。",
     "2012-09-04", {(1000.0, 2022), (100.0, 2022)}),
    # industries already over a size, a past period's level and a level reached with its growth rate are no aims
    ("近年来,万年县在纺织、电子、食品加工三个过百亿产业方面取得了卓越成绩。", "2015-06-01", set()),
    ("从“十二五”末至“十三五”末,园区工业总产值由78.8亿元增至147.58亿元、年均增长13.37%;"
     "园区营业收入从74.02亿元增至115.35亿元、年均增长9.28%。", "2021-06-15", set()),
])
def test_spans_runs_and_levels_already_reached(text, date, want, industries):
    assert aims(text, industries, date=date) == want


@pytest.mark.parametrize("text, date, want", [
    # the year a level moved to, before the document's year, is a level reached (found reading tune's false aims)
    ("三大园区规上工业总产值从113.62亿元增加到2019年172.94亿元,占全县工业总产值86.8%。", "2020-10-11", set()),
    ("工业总产值从2021年的47.88亿元增长至2025年11月的55.42亿元。", "2026-01-15", set()),
    # the same words ahead of the document's date, or with an aim word, are an aim
    ("工业总产值从2021年的47.88亿元增长至2025年的80亿元。", "2022-01-15", {(80.0, 2025)}),
    ("力争工业总产值从2017年的47.88亿元增长至2019年的80亿元。", "2020-10-11", {(80.0, 2019)}),
    # what a plan period has reached so far is no aim; an aim for the period is
    ("“十三五”以来,梅河口累计完成固定资产投资420亿元,实现总产值1771亿元。", None, set()),
    ("“十四五”期间,食品产业规模努力突破200亿元。", None, {(200.0, 2025)}),
    # a quoted name of aims stated before ("双千亿" target) is no second aim; a quoted size of named industries is
    ("聚焦“2029年前后全县工业总产值和GDP均突破1000亿元,2035年城市规模达到50平方公里”的“双千亿”“双50”主要支撑目标。"
     "聚焦“双千亿”目标,忠县将持续壮大现代制造业集群。", "2025-03-01", {(1000.0, 2029)}),
    ("未来五年,大竹将竭力打造电子信息、鞋服产业“双百亿”工程。", "2016-11-21", {(100.0, 2021)}),
    # "今年起" is when the work starts, not the year of the aim
    ("今年起,新疆将重点培育石油石化、钢铁2个产值千亿元产业。", "2013-06-08", {(1000.0, None)}),
    ("从今年起,新疆将在5年内培育石油石化、钢铁2个产值千亿元产业。", "2013-06-08", {(1000.0, 2018)}),
])
def test_levels_reached_and_the_year_work_starts_are_no_aims_or_years(text, date, want, industries):
    assert aims(text, industries, date=date) == want
