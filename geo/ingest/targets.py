"""亿元 targets: amounts, their year, subject, industry and park."""

from __future__ import annotations

import functools
import re

from .. import settings
from ..io import cn_number
from .clauses import (
    _AMOUNT,
    _BAD_AFTER_UNIT,
    _BUILD_RE,
    _COMPARE,
    _FIRM_AFTER,
    _FORM_RE,
    _GOAL,
    _METRIC,
    _NOT_OUTPUT,
    _PARK_AT_START,
    _PARK_SUFFIX,
    _PER_UNIT,
    _PERIOD_RE,
    _PLACE_PREFIX,
    _PLAN_PERIOD,
    _PREAMBLE,
    _SPAN_AHEAD,
    _TIER_LIST_AFTER,
    _TIER_LIST_BEFORE,
    _TOTAL,
    _VERB_RE,
    _bare_year_start,
    _clauses,
    _Ctx,
    _future_year_before,
    _lead_term,
    _num,
    _park_of,
    _role_from,
    _State,
)
from .findings import Finding
from .parks import _as_written

# ---------------------------------------------------------------- targets


#: "到“十二五”末" / "到十三五末": a five-year-plan period's end, stated as the horizon of what follows
_ENUM_ITEM = re.compile(r"(?:^|[。;])\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十][,,、])")


def _prev_semicolon_clause(line: str, s_off: int) -> str:
    """The sentence before ``s_off`` when it ends with ';' (a clause of the same sentence), else ``""``."""
    head = line[:s_off].rstrip()
    if not head.endswith(";"):
        return ""
    return re.split(r"[。!?]", head[:-1])[-1]


_PERIOD_END_RE = re.compile("到[“\"]?(" + "|".join(_PLAN_PERIOD) + ")[”\"]?末")

#: Words that make a sentence an aim whatever year came before it.
_GOAL_WORD = re.compile(r"力争|争取|计划|预计|目标|将|要|确保|有望|今年|明年|到\s*(?:19|20)\d\d")


def _amount_value(m: re.Match) -> float | None:
    num = m.group("num").replace("'", "")
    scale = 10000.0 if m.group("wan") else 1.0  # 3.2万亿 = 32000亿
    if num[0].isdigit():
        return float(num) * scale
    v = cn_number(num)
    return None if v is None else v * scale


_LEAD_STRIP = re.compile(
    r'^[\s,"]*(?:其中|全区|全市|全县|力争|全力|着力|加快|努力|争取|确保|预计|持续|进一步|实现|推动|带动|促进|使|并|同时|以及|和)*'
)
_TAIL_VERB = re.compile(
    r"(?:力争|争取|确保|预计|将|要|的|年)?(?:突破|达到|达|迈上|实现|超过|超|提高至|提高到|提升至|增长到|增至|增加至|"
    r"打造|形成|培育|建成|建设|为|约|接近|近|保持|成为|迈向|过|逾|完成|在)?\s*$"
)


def _subject(text: str) -> tuple[str, int]:
    """Subject of a clause before its number and its offset in ``text``: year, adverbs and verbs stripped."""
    s = text.replace('"', " ")
    s = re.sub(r"^.*?(?:到|至|截至|力争)\s*(?:19|20)\d\d\s*年(?:底|末)?", lambda m: " " * len(m.group(0)), s)
    s = re.sub(r"^\s*(?:19|20)\d\d\s*年(?:底|末)?", lambda m: " " * len(m.group(0)), s)
    s = _LEAD_STRIP.sub(lambda m: " " * len(m.group(0)), s)
    for _ in range(4):
        s2 = _TAIL_VERB.sub("", s)
        s2 = re.sub(r"(?:力争|争取|确保|预计|全力|着力|努力)\s*$", "", s2)
        if s2 == s:
            break
        s = s2
    stripped = s.strip(' ,、')
    if not stripped:
        return "", -1
    return stripped, s.find(stripped)


def _metric_only(s: str) -> bool:
    return bool(re.fullmatch(r"(?:全区|全市)?(?:年|全年)?(?:全产业链)?(?:总)?(?:产值|收入|销售收入|营业收入|规模|总额|营业额|销售额|营收|产出|"
                             r"产量|面积|种植规模|产值规模|种植面积)?", s))


def _strip_metric(s: str) -> str:
    s = re.sub(r"(?:全产业链)?(?:规模以上|规上)?(?:(?<![今明本去上当])年|全年)?(?:总)?(?:产值规模|产值|营业收入|销售收入|主营业务收入|收入|规模|总额|营业额|销售额|营收|产量|面积|"
               r"种植规模|种植面积)$", "", s).strip()
    # "X产业预计今年(营收)": the forecast's words are not the industry's
    return re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:力争|争取|确保|预计|计划|有望)?\s*(?:今年|明年|本年|年内|全年)$", "", s).strip()


#: Totals that win even when an industry word is inside ("社会消费品零售总额").
_TOTAL_STRONG = re.compile(r"零售总额|社零|地区生产总值|GDP|工业总产值|工业增加值|规上工业|规模以上工业|旅游.{0,3}收入|工业体系|产业体系")
_AFTER = re.compile(
    r'^\s*(?:的)?"?(?P<noun>[^,;。、"()]{0,22}?)"?(?P<suf>产业集群|产业规模|产业新城|产业基地|产业园|产业链|产业生态|产业|集群|基地|新城|'
    r"园区|园|经开|高新区|开发区|工业体系|体系|台阶|规模)"
)
_CLAUSE_PARK_SUFFIX = re.compile(
    r"高新技术产业开发区|经济技术开发区|综合保税区|产业园区|工业园区|工业园|产业园|示范园|物流园|组团|经开区|高新区|开发区|"
    r"保税区|生态城|科技城|镇(?![村街域区])"
)
_NAME_LEAD = re.compile(r"^(?:力争|全力|着力|加快|积极|持续|推动|支持|推进|依托|打造|建设|将|把|在|以|使|实现|其中|形成|培育)+")


def _park_in(text: str) -> tuple[str, int]:
    """The last park-like name inside a clause ("打造清平镇百亿级…" → 清平镇) and its offset."""
    best = ("", -1)
    for m in _CLAUSE_PARK_SUFFIX.finditer(text):
        j = m.start()
        while j > 0 and re.match(r"[\u4e00-\u9fffA-Za-z0-9·]", text[j - 1]):
            j -= 1
        raw = text[j:m.end()]
        name = _NAME_LEAD.sub("", raw)
        if len(name) <= len(m.group(0)) or not _park_of(name):
            continue
        best = (name, m.end() - len(name))
    return best


#: A count of parks (or firms, chains…) as a clause's subject: "有8个园区实现销售产值达到", "30个工业园区实现".
_COUNT_SUBJECT = re.compile(
    r"(?P<have>有)?\s*(?<![\d.])(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?:个|家|条)\s*[\u4e00-\u9fff]{0,6}?"
    r"(?:园区|开发区|产业园|工业园|集群|产业链|基地|企业|项目)[^,;。\d]{0,12}$"
)
#: The year a level moved to, written just before the amount ("增加到2019年172.94亿元", "增长至2025年11月的55.42亿元").
_MOVED_TO_YEAR = re.compile(r"(?:增加|增长|提高|提升|上升|扩大|增)(?:到|至)\s*(?P<y>(?:19|20)\d\d)\s*年(?:\s*\d{1,2}\s*月)?(?:底|末)?的?\s*(?:达|突破|超过?)?\s*$")
#: Words that make a sentence an aim whatever years it names.
_AIM_WORD = re.compile(r"力争|争取|预计|计划|目标|有望|确保|规划")
#: An amount for when a project is complete ("达产后年产值可达54亿元"): its year is not the sentence's.
_AFTER_DONE = re.compile(r"(?:达产|达产达效|建成|投产|竣工|满产)(?:后|以后)")
#: A growth rate right after the amount: a reported figure ("超50亿元,同比增长18.9%").
_GROWTH_AFTER = re.compile(r"^[^;。]{0,10}?(?:同比|比上年|比去年|较上年|较去年|与上年同期)")
#: Words saying a figure is already reached.
_NOW = re.compile(r"目前|当前|现已|现有|已经|已累计|近\s*(?:\d+|[一二两三四五六七八九十])\s*年|连续\s*(?:\d+|[二两三四五六七八九十])\s*年|截至|截止|过去|"
                  r"已(?:逐步|初步|基本)?(?:形成|建成|成为)")
#: A part of the year so far ("今年1—7月", "上半年", "前三季度"): what it reports is reached, even in 今年.
_TO_DATE = re.compile(r"(?:1|一)\s*(?:—|-|~|至|到)\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月|上半年|前三季度|一季度|"
                      r"前[一二三四五六七八九十]{1,2}个月")
#: Words of an aim that hold even after a part of the year so far ("1—7月…,全年力争突破").
_AIM = re.compile(r"预计|力争|争取|计划|有望|可望|目标|(?<![已])将(?!近)|确保|全年")
#: Words saying the sentence looks ahead (then a 目前 or a growth rate in it does not make its figures facts).
_AHEAD = re.compile(r"预计|力争|争取|计划|有望|可望|目标|(?<![已])将(?!近)|到\s*(?:19|20)\d\d|今年|明年|未来|届时|规划|拟|"
                    r"十[一二三四五六七]五")


_YEAR_LIST = re.compile(r"(?:19|20)\d\d\s*年(?:\s*(?:、|和|及|与)\s*(?:19|20)\d\d\s*年)+")


def _amount_ok(st: _State, sent: str, m: re.Match) -> bool:
    """Filters on the amount itself: units, firm sizes, tier lists, comparisons."""
    num = m.group("num")
    if not num[0].isdigit():
        # Chinese numerals: only round words (百/千/万, 双百…), not 数十亿 / 几百亿 or parts of words
        prev = sent[m.start() - 1] if m.start() > 0 else ""
        if prev in "数几近上" or not re.search(r"[十百千万]", num):
            return False
    after = sent[m.end():]
    if _BAD_AFTER_UNIT.match(after) or _FIRM_AFTER.match(re.split(r"[,;。、]", after)[0] if after else ""):
        return False
    if m.group("dbl") and re.search(r'"\s*$', sent[: m.start()]) and re.match(
            r'^\s*(?:元|级)?\s*"(?:\s*"[^"]{1,8}")*[^,;。"]{0,6}?目标', after):
        return False  # '聚焦“…突破1000亿元…”的“双千亿”目标': the name of aims stated elsewhere
    if m.group("unit") is None and not re.match(r'^\s*(?:[,、;。)"]|$|的|以上|左右)', after) \
            and not (_COUNT_METRIC_TAIL.search(sent[: m.start()]) and _named_count(sent[: m.start()])):
        # "1.6亿袋": only a round Chinese amount or a cluster word may follow directly ("千亿经开", "百亿产业")
        # "150亿新材料园": a park or cluster named within a few characters counts too
        if num[0].isdigit() and not re.match(r"^(?:国家级|省级|市级)?(?:产业|集群|园|经开|高新|基地|新城|工业)", after) \
                and not re.match(r"^[\u4e00-\u9fff]{1,6}?(?:产业园|工业园|园区|园|基地|产业集群)", after):
            return False
    if "分别" not in sent[: m.start()] and (_TIER_LIST_AFTER.match(after) or _TIER_LIST_BEFORE.search(sent[: m.start()])):
        return False  # "10亿级、20亿级、50亿级…集群": a list of size classes, not one target
    if re.match(r"^[^,;。:、]{0,14}?\d+\s*个(?!亿)", after):  # (a count after a 、 is the next item's)
        return False  # "千亿级的特色产业集群15个": how many clusters of a size
    cm = re.search(r"(?<![\d一二两三四五六七八九十几数])(?!一\s*个)(?:\d+|[一二两三四五六七八九十几数]+)\s*(?:个|条|批|家|类|大)"
                   r"(?P<w>工业|产业)?\s*(?:超过|超|突破|逾)?\s*$", sent[: m.start()])
    if cm and not (_named_items(st, sent[: m.start()], after) if cm.group("w") else _named_count(sent[: m.start()])) \
            and not _counted_after(st, sent[: m.start()], after)[0]:
        return False  # "两个千亿级产业集群", "形成A、B、C3个工业万亿板块": how many of a size, not one target
    if re.search(r"(?<![\d一二两三四五六七八九十几数])(?:\d+|[一二两三四五六七八九十几数]+)\s*" + _COUNT_METRIC_TAIL.pattern,
                 sent[: m.start()]) and not _named_count(sent[: m.start()]):
        return False  # "5个销售收入超百亿元产业集群": how many clusters of a size, not one target
    head = sent[: m.start()].rstrip('"')
    if re.search(r"(?:19|20)\d\d\s*年\s*[(（]\s*$", head):
        return False  # "与2017年(91.8亿元)比较"
    return True


def _aim_year(clause: str | None) -> int | None:
    """The year of an aim a clause states with its amount ("…增效,2019年规上工业总产值总量力争达400亿元")."""
    ys = list(re.finditer(r"((?:19|20)\d\d)\s*年", clause or ""))
    if not ys or not _GOAL_WORD.search(clause[ys[-1].end():]) or not _AMOUNT.search(clause[ys[-1].end():]):
        return None
    return int(ys[-1].group(1))


def _targets_in_sentence(st: _State, base: int, line: str, s_off: int, sent: str, ctx: _Ctx, *, para_park: str,
                         lead: tuple[str, int], topic: tuple[str, int], inherited: int | None,
                         row_year: int | None, period_year: int | None, role_head: str) -> None:
    for m in _AMOUNT.finditer(sent):
        value = _amount_value(m)
        if value is None or value <= 0 or value > settings.MAX_DRAFT_YI or not _amount_ok(st, sent, m):
            continue
        # the clause around the amount
        cstart = max(sent.rfind(",", 0, m.start()), sent.rfind(":", 0, m.start())) + 1
        prev_amount = [x for x in _AMOUNT.finditer(sent, cstart, m.start())]
        # "构建1000亿元的A集群、500亿元的B集群": later amounts of a 、 list share the first one's verb
        list_goal = bool(prev_amount) and bool(_GOAL.search(sent[cstart:prev_amount[0].start()])) and bool(re.search(
            r"[、和及与]", sent[prev_amount[-1].end():m.start()]))
        list_goal = list_goal or _goal_run(sent, cstart)
        cstart0 = cstart
        if prev_amount and "分别" not in sent[cstart:m.start()]:
            # "其中汽车产业500亿元、电子信息产业300亿元": each amount has its own subject
            cstart = max(cstart, prev_amount[-1].end())
            while cstart < m.start() and sent[cstart] in '元级"、 以上左右':
                cstart += 1
        cend_m = re.search(r"[,:]", sent[m.end():])
        cend = m.end() + (cend_m.start() if cend_m else len(sent) - m.end())
        before = sent[cstart:m.start()]
        named_here = _named_items(st, before, sent[m.end():])  # the industries a count before the amount names
        no = list(_NOT_OUTPUT.finditer(before))
        if no and named_here:
            no = []  # "浆纸、港口物流和出口加工等3个百亿产业集群": a money word inside a named industry (出口加工)
        if no and re.search(r"打造|建成|建设|形成|培育|构建", before[no[-1].end():]):
            no = []  # "投入巨资打造一个万亿级的工业基地": what is built is the aim, not the money put in
        elif no and re.search(r"打造|建成|建设|形成|培育|构建", before[:no[0].start()]) and re.match(
                r'^(?:元)?级|^"?[^,;。、]{0,12}?(?:产业集群|集群|基地)', sent[m.end():]):
            no = []  # "打造集研发检测为一体的500亿级产业集群": the money word describes what the aim holds
        if no or _NOT_OUTPUT.search(re.split(r"[、;]", sent[m.end():cend])[0][:8]):
            continue
        if prev_amount and re.match(r"^\s*(?:元)?\s*(?:(?:增加|提高|增长|提升|扩大|追加)(?:到|至)|增至)\s*$",
                                    sent[prev_amount[-1].end():m.start()]) and _NOT_OUTPUT.search(sent[cstart0:prev_amount[0].start()]):
            continue  # "项目投资也由之前的25亿元增加到40亿元": the new level of the same money, not output
        if prev_amount and re.match(r"^\s*(?:元)?\s*(?:增至|(?:增加|提高|增长|提升)(?:到|至))\s*$",
                                    sent[prev_amount[-1].end():m.start()]) and re.match(
                r"^\s*(?:元)?\s*[、,]?\s*年均(?:增长|增速)", sent[m.end():]):
            continue  # "营业收入从74.02亿元增至115.35亿元、年均增长9.28%": a level reached, with its growth rate
        if re.search(r"(?:由|从)\s*(?:(?:19|20)\d\d\s*年|目前|现在|去年|上年)?\s*(?:的)?\s*$", sent[cstart:m.start()]):
            continue  # "由2015年的100亿元增加到…": the starting level, not the aim
        if _PER_UNIT.search(before):
            continue  # "每平方公里工业用地产出超过60亿元": a ratio, not an amount
        cm = _COUNT_SUBJECT.search(before)
        if cm and (cm.group("have") or re.match(r"^\s*(?:元)?\s*以上", sent[m.end():])) and not _named_count(before[:cm.end("n") + 1]):
            continue  # "全市有8个园区实现销售产值达到千亿元以上": how many parks reach a size, not one aim
        own_year = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", sent[cstart:m.start()])]
        ahead_here = bool(own_year) and bool(st.doc_year) and own_year[-1] > st.doc_year  # "目前,…,2015年达到千亿元"
        if not _AHEAD.search(sent[:m.start()]) and not inherited and not ahead_here and (
                _GROWTH_AFTER.match(sent[m.end():]) or _NOW.search(sent[:m.start()])) and not (
                re.search(r"建设|打造|培育|构建|形成", sent[:m.start()]) and named_here):
            # ("目前…正聚力建设A、B、C3个1000亿级主导产业": sizes a park builds for named industries are aims)
            continue  # "产值超50亿元,同比增长18.9%", "目前…产值达360亿元", "连续5年突破2000亿元": what is, not an aim
        if _TO_DATE.search(sent[:m.start()]) and not _AIM.search(sent[:m.start()]):
            continue  # "今年1—7月,科学城实现规上工业总产值超2000亿元": the year so far, not an aim
        if _COMPARE.search(sent[: m.start()]) or (ctx.retro and not re.search(
                r"预计|力争|争取|计划|有望|(?<![已])将(?!近)|到\s*(?:19|20)\d\d", sent[: m.start()])):
            continue  # (a section of achievements states facts, unless the sentence looks ahead: "预计…将突破")
        # --- year
        year, year_note, conf = None, "", 0.9
        fy = _future_year_before(sent, m.start())
        cy = _clause_year(sent, cstart, m.start())
        if fy and st.doc_year and fy[0] < st.doc_year and re.match(
                r"(?:19|20)\d\d\s*(?:-|—|~|至|到)\s*(?:19|20)\d\d", sent[fy[1]:]):
            continue  # "2011-2015年,累计完成…" in a 2016 text: a past period
        past_word = re.search(r"(?:去年|上年|前年|上一年|过去一年)(?![^,;。]{0,6}?(?:比|同期))", sent[:m.start()])
        if past_word and not re.search(r"(?:比|较|同比|与)(?:去年|上年|前年|上一年)", sent[max(0, past_word.start() - 2):m.start()]) \
                and not re.search(r"今年|明年|力争|争取|计划|预计|目标|(?:19|20)\d\d\s*年", sent[past_word.end():m.start()]):
            continue  # "园区去年实现产值80亿元", "去年1至11月,…实现产值超20亿元": last year's figure, not an aim
        moved = _MOVED_TO_YEAR.search(sent[cstart:m.start()])
        if moved and st.doc_year and int(moved.group("y")) < st.doc_year and not _AIM_WORD.search(sent[:m.start()]):
            continue  # "从113.62亿元增加到2019年172.94亿元" in 2020, "增长至2025年11月的55.42亿元" in 2026: a level reached
        py = _past_year_before(sent, m.start(), st.doc_year)
        if py and not (fy and fy[1] > py):
            continue  # "2015年,园区工业总产值突破1000亿元" in a 2016 text: what was reached, not an aim
        if cy is not None and st.doc_year and cy < st.doc_year and not fy:
            continue  # "2022年实现产值1689亿元" in a 2023 text: a past figure
        rel = _relative_year(sent[cstart:m.start()], st.doc_year)
        if rel is None and cy is None and not fy and (_GOAL.search(sent[cstart:m.start()]) or re.match(
                r"^\s*(?:今年|明年|本年)\s*,", sent)):
            # "力争三年内园区产值翻番,达到200亿元"; "今年,P将…完成工业销售200亿元": the year the sentence opens with
            rel = _relative_year(sent[:m.start()], st.doc_year)
        if rel is None and cy is None and not fy and re.match(r"^\s*(?:元)?\s*(?:以上|左右)?\s*(?:的)?(?:年度|全年)目标", sent[m.end():]):
            rel = (st.doc_year, "年度目标")  # "瞄准工业总产值超1200亿元年度目标": this year's aim
        if rel is None and cy is None and not fy and list_goal:
            # "今年建成100亿A园、150亿B园": the list's year; "用5年到10年的时间形成A…3个千亿…,B…3个百亿…": the run's
            rel = _relative_year(sent[cstart0:m.start()] if not _goal_run(sent, cstart) else sent[:m.start()], st.doc_year)
        if cy is not None and (fy or (st.doc_year and cy >= st.doc_year) or (
                not st.doc_year and (st.horizon is None or cy >= st.horizon - 2))):
            year = cy  # the year written next to the number beats one earlier in the sentence
        elif rel:
            year, word = rel
            fy = fy or (year or 0, 0)
            if year is None:
                conf -= 0.1
                year_note = f"relative year ('{word}'): give the document's date to resolve it"
            else:
                year_note = f"'{word}' read against the document's date"
        elif fy:
            year = fy[0]
        else:
            by = _bare_year_start(sent)
            if by is not None:
                if (st.horizon is not None and by < st.horizon - 2) or (st.doc_year and by < st.doc_year):
                    continue  # a past year: a statement of fact, not a target
                year = by
            else:
                # a year earlier in the paragraph, but not across an enumeration ("…2012年…。二是…")
                seg0 = max([em.start() for em in _ENUM_ITEM.finditer(line, 0, s_off)], default=0)
                fy = _future_year_before(line[seg0:], s_off - seg0)
                said = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", line[seg0:s_off])]
                if not fy and said and st.doc_year and said[-1] < st.doc_year and not _GOAL_WORD.search(sent[:m.start()]):
                    continue  # "据悉,2014年,…。全市园区实现工业总产值3050亿元" in 2015: the paragraph's past year
                prev = _prev_semicolon_clause(line, s_off)
                pby = _bare_year_start(prev) if prev else None
                if pby is not None and st.doc_year and pby < st.doc_year and not fy:
                    continue  # "2021年园区实现产值27.44亿元;其中规上工业实现产值25.16亿元" in 2022: still 2021's
                rel_prev = _relative_year(prev, st.doc_year) if prev else None
                if rel_prev and (rel_prev[1] not in ("今年", "本年", "明年", "后年") or _PERIOD_RE.search(sent)):
                    rel_prev = None
                if fy:
                    year, conf = fy[0], conf - 0.05
                elif rel_prev and rel_prev[0]:
                    # "预计今年…达到6000亿元;…超过1000亿元的开发区达2个": 今年 of the clause before the ';'
                    year, conf = rel_prev[0], conf - 0.05
                    year_note = f"'{rel_prev[1]}' (clause before ';') read against the document's date"
                elif (aim_y := _aim_year(prev)) and (st.doc_year is None or aim_y >= st.doc_year) and _GOAL_WORD.search(sent[:m.start()]):
                    # "2019年…力争达400亿元;铝产业计划…总量在260亿元左右": the aim of the clause before the ';'
                    year, conf = aim_y, conf - 0.05
                    year_note = "year of the aim before ';'"
                elif row_year:
                    year, conf = row_year, conf - 0.05
                elif inherited:
                    year, conf = inherited, conf - 0.05
                else:
                    # the period in this sentence, or "到“十二五”末" earlier in the line (a clause before a ';')
                    pms = list(_PERIOD_RE.finditer(sent[: m.start()]))  # the period nearest before the amount
                    pm = pms[-1] if pms else _PERIOD_END_RE.search(line[:s_off])
                    span = _SPAN_AHEAD.search(line[:s_off]) if st.doc_year and not pm else None
                    if span and _GOAL_WORD.search(sent[:m.start()]):
                        # "对今后五年的发展提出了…目标。总体来说,要实现地区生产总值超过1800亿元": the span's end
                        year = st.doc_year + _num(span.group("n"))
                        conf, year_note = conf - 0.1, f"year from '{span.group(0)[: span.end('n') - span.start() + 1]}' read against the document's date"
                    elif period_year or pm:
                        # the period the sentence (or its line) names beats one carried from a table or paragraph
                        year = _PLAN_PERIOD[pm.group(pm.lastindex or 0)] if pm else period_year
                        if pms and st.doc_year and year < st.doc_year:
                            continue  # "从“十二五”末至“十三五”末,…增至147.58亿元" in a 2021 text: a past period's figure
                        if pms and re.match(r"[”\x22]?\s*以来", sent[pms[-1].end():]) and not _AIM_WORD.search(sent[:m.start()]):
                            continue  # "“十三五”以来,…实现总产值1771亿元": what the period has reached so far
                        conf, year_note = conf - 0.1, "year from the 五年规划 period"
                    elif st.horizon:  # the sentence states no year: the aim stays undated (docs/coding.md)
                        year, conf = None, conf - 0.2
                        year_note = f"no year stated (plan horizon {st.horizon}" + (", guessed)" if st.horizon_inferred else ")")
        if year is not None and cy is None and _AFTER_DONE.search(sent[cstart0:m.start()]) and not _future_year_before(
                sent[cstart0:m.start()], m.start() - cstart0):
            year, year_note = None, "once the project is complete ('达产后'): no year stated"
        # "2020年、2025年分别达到100亿元、200亿元": the years pair with the amounts in order
        yl = _YEAR_LIST.search(sent[: m.start()])
        if yl and "分别" in sent[yl.end():m.start()]:
            years = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", yl.group(0))]
            k = len([x for x in _AMOUNT.finditer(sent, yl.end(), m.start())])
            if k < len(years):
                year, year_note = years[k], "year paired by '分别'"
        # --- is it a goal?
        in_breakdown = bool(re.match(r"\s*其中", sent[max(sent.rfind(",", 0, m.start()), 0):].lstrip(","))) and bool(
            _GOAL.search(sent[: m.start()])
        )
        if re.search(r"比(?:上年|去年|上一年)|同比", before):
            continue  # an increase over last year, not a level
        goal_after = bool(re.match(r'^\s*(?:元)?"?(?:的)?(?:发展)?目标', sent[m.end():]))
        if re.search(r"(?:个|大)\s*(?:过|逾|超过)\s*$", before) and not _AHEAD.search(sent[:m.start()]):
            continue  # "在A、B、C三个过百亿产业…取得了卓越成绩": industries already over a size, not an aim
        # "聚焦A、B、C、D四大千亿元产业", "以A、B为主的三大千亿级产业集群": a size stated for named industries is their aim
        named_size = (bool(re.search(r"发展|培育|打造|聚焦|主攻|做强|做大|壮大|建设|构建|形成|重点", before)) and bool(
            named_here) or bool(_count_items(st, sent, cstart, before))) and bool(re.match(
            r"^\s*(?:元)?\s*(?:级|以上)?\s*(?:的)?[^,;。、]{0,8}?(?:产业|集群|行业)", sent[m.end():]))
        if not (_GOAL.search(before) or _GOAL.search(sent[: m.start()][-14:]) or in_breakdown or goal_after
                or list_goal or named_size or _after_list(st, sent[m.end():cend])[0]):
            if not (_METRIC.search(before) and (fy or inherited or row_year or _PERIOD_END_RE.search(line[: s_off + m.start()]) or (
                    cy is not None and st.doc_year and cy > st.doc_year))):
                continue  # (a metric with a year after the document's date: "园区2020年产值100亿元")
        _emit_target(st, base, s_off, sent, m, value, year, year_note, conf, cstart, cend, ctx,
                     para_park=para_park, lead=lead, topic=topic, line=line, role_head=role_head)


_CLAUSE_YEAR = re.compile(r"(?<![\d与较比])(?P<y>(?:19|20)\d\d)\s*年(?!以来|的|相比|同期|比|度)")
_REL_YEAR = re.compile(
    r"(?P<w>(?:今年|本年)(?!\s*(?:起|开始|以来))|当年|(?<![上下])全年|(?<![\d一二两三四五六七八九十])年内|明年|后年|(?:用|在|未来|再|经过|通过|力争|争取|计划|预计)?(?P<a>\d+|[一二两三四五六七八九十])"
    r"(?:\s*年?\s*(?:至|到|-|~|—)\s*(?P<b>\d+|[一二两三四五六七八九十]))?\s*年(?:的)?(?:内|左右|时间|后|努力)|"
    r"(?:未来|今后)\s*(?P<c>\d+|[一二两三四五六七八九十])\s*年(?![前来]))"  # "未来5年,…有望突破千亿"
)


def _clause_year(sent: str, cstart: int, end: int) -> int | None:
    """A year written in the amount's own clause ("…,2021年实现产值1800亿元"), if any."""
    ys = [int(x.group("y")) for x in _CLAUSE_YEAR.finditer(sent, cstart, end)]
    return ys[-1] if ys else None


def _relative_year(text: str, doc_year: int | None) -> tuple[int | None, str] | None:
    """(year, word) of a relative year in ``text`` (今年, 明年, 3至5年内) against the document's year."""
    found = list(_REL_YEAR.finditer(text))
    if not found:
        return None
    m = found[-1]
    w = m.group("w")
    if w in ("今年", "本年", "当年", "全年", "年内"):
        add = 0
    elif w == "明年":
        add = 1
    elif w == "后年":
        add = 2
    else:
        n = m.group("b") or m.group("a") or m.group("c")
        add = _num(n)
        if not add or add > 15:
            return None
    return (doc_year + add if doc_year else None), w


def _emit_target(st: _State, base: int, s_off: int, sent: str, m: re.Match, value: float, year: int | None,
                 year_note: str, conf: float, cstart: int, cend: int, ctx: _Ctx, *,
                 para_park: str, lead: tuple[str, int], topic: tuple[str, int], line: str, role_head: str) -> None:
    notes = [year_note] if year_note else []
    before = sent[cstart:m.start()]
    after = sent[m.end():cend]
    q_start, q_end = m.start(), m.end()
    industry, park, kind, metric_word = "", "", "target", ""
    cpark, cpark_off = _park_in(before)
    start_park = ""
    sm = _PARK_AT_START.match(sent)
    if sm:
        rest = re.sub(r"^\s*\([^()]{1,24}\)", "", sent[sm.end("park"):]).lstrip()
        if _VERB_RE.match(rest) or _PREAMBLE.match(rest) or _BUILD_RE.match(rest):
            start_park = _park_of(sm.group("park"))
    emit = functools.partial(_append_target, st, base, s_off, sent, value=value, year=year, ctx=ctx,
                             role_head=role_head)
    # 0. "A、B、C4个产值超200亿", "以A、B为主的三大千亿级产业集群": the same aim for each industry a count names
    if (named := _named_items(st, before, after) or _count_items(st, sent, cstart, before)) and "分别" not in before:
        notes.append("the same aim for each listed industry ('A、B、C3个')")
        for it in named:
            emit(industry=it, park=cpark or para_park or start_park, kind="target", conf=conf - 0.05, notes=notes,
                 q_start=sent.find(named[0], cstart), q_end=m.end())
        return
    places = _place_items(st, before) if re.match(
        r"^\s*(?:元)?\s*级?\s*(?:的)?[^,;。、]{0,10}?(?:基地|板块|园区|新城|承接地|集聚区)", after) else []
    if places and "分别" not in before:
        # "打造成都、眉山…8个千亿级绿色化工产业基地": the same aim for each place the count names
        notes.append("the same aim for each listed park or place")
        for p in places:
            emit(industry="", park=p, kind="total", conf=conf - 0.05, notes=notes, q_start=sent.find(places[0], cstart),
                 q_end=m.end())
        return
    items, lm_end = _counted_after(st, before, after)  # as many as the count before the amount says, if it says
    if not items:
        items, lm_end = _after_list(st, after)
    if items:
        # "打造千亿级硅光伏、新能源电池产业": the size of each industry the list after the amount names
        notes.append("the same aim for each listed industry")
        for it in items:
            emit(industry=it, park=cpark or para_park or start_park, kind="target", conf=conf - 0.05, notes=notes,
                 q_start=m.start(), q_end=m.end() + lm_end)
        return
    if (named := _named_count(before)) and "分别" not in before and all(
            _PARK_ITEM.fullmatch(x) and _park_of(x) for x in named):
        # "打造A开发区、B开发区等7个主营业务收入超千亿元的重点园区": the same aim for each park the count names
        notes.append("the same aim for each listed park or place")
        for p in named:
            emit(industry="", park=p, kind="total", conf=conf - 0.05, notes=notes, q_start=sent.find(named[0], cstart),
                 q_end=m.end())
        return
    # 1. the words after the number: "500亿级X产业集群", "千亿经开", "千亿级现代工业体系"
    am = _AFTER.match(after)
    if am:
        q_end = m.end() + am.end()
        noun = _PLACE_PREFIX.sub("", am.group("noun").strip())
        suf = am.group("suf")
        if suf in ("经开", "高新区", "开发区", "园区") or (suf in ("产业园", "园") and not st.vocab.classify(noun)[0]):
            kind, park = "total", cpark or para_park or start_park
            industry = noun + suf if not park else ""
            notes.append("a park's overall target")
        elif suf in ("工业体系", "体系") or _TOTAL_STRONG.search(noun + suf):
            kind, industry = "total", (noun + suf)
            q_start = m.start()
        elif noun and st.vocab.classify(noun)[0]:
            industry = noun
        elif noun and _TOTAL.search(noun):
            kind, industry = "total", noun + (suf if suf.startswith("产业") else "")
        elif noun and len(noun) >= 2 and suf in ("产业集群", "集群", "产业"):
            industry = noun  # an industry the vocabulary does not know ("其他工业")
    # "分别": "A园、B园X产值分别达到150亿、50亿"
    if "分别" in before and kind == "target":
        res = _distribute(st, sent, cstart, cend, m, before)
        if res:
            park_d, ind_d, full = res
            q_start = cstart
            notes.append("paired with '分别'")
            k = "target"
            if not st.vocab.classify(ind_d)[0] and (_TOTAL.search(full) or not ind_d):
                k, ind_d = "total", full
            emit(industry=ind_d or industry, park=park_d, kind=k, conf=conf, notes=notes, q_start=q_start,
                 q_end=q_end)
            return
    # 2. the clause's own subject
    if not industry and kind == "target":
        subj, so = _subject(before)
        if subj and _metric_only(subj):
            q_start = cstart + so  # keep "产值规模达300亿" whole
            metric_word = subj
        if subj and not _metric_only(subj):
            core = _strip_metric(subj)
            if _TOTAL_STRONG.search(subj) or (_TOTAL.search(subj) and not st.vocab.classify(core)[0]):
                kind, industry, q_start = "total", subj, cstart + so
                park = cpark if cpark and cpark_off <= so + 1 else ""
                if park:
                    notes.append("a park's overall target")
            elif (parks := _park_items(subj)) or (places := _place_items(st, subj)):
                # "北部新区、西永电子工业园、长寿化工园将达到2000亿元" / "打造涪陵、九龙坡、巴南3个产值3000亿级…":
                # the same aim for each listed park or place
                notes.append("the same aim for each listed park or place")
                for p in parks or places:
                    emit(industry="", park=p, kind="total", conf=conf - 0.05, notes=notes, q_start=cstart + so,
                         q_end=q_end)
                return
            elif (each := _each_items(st, subj)):
                # "A、B产业主营业务收入均突破1.2万亿元" / "A、B、C分别达到4000亿元": the same aim for each item
                notes.append("the same aim for each listed industry ('均', '分别', 'A、B、C3个')")
                for it in each:
                    emit(industry=it, park=park or para_park, kind="target", conf=conf - 0.05, notes=notes,
                         q_start=cstart + so, q_end=q_end)
                return
            elif core and (st.vocab.classify(core)[0] or (  # "重庆小面产业预计今年营收80多亿元": an industry by its name
                    re.fullmatch(r"[\u4e00-\u9fff]{2,10}(?:产业|行业)", core) and not _TOTAL.search(core)
                    and not _VERB_RE.match(core) and not _FORM_RE.match(core)
                    and not re.search(r"[一二两三四五六七八九十\d]+(?:大|个|类)", core))):
                dual = _dual_items(core, m)
                q_start = cstart + so
                if dual:
                    for it in dual:
                        emit(industry=it, park=park or para_park, kind="target", conf=conf, notes=notes,
                             q_start=q_start, q_end=q_end)
                    return
                industry = core
            elif cpark:
                kind, park, q_start = "total", cpark, cstart + cpark_off
                notes.append("a park's overall target")
        elif cpark and not subj:
            park = cpark
    # 3. a parallel clause before: "茶园面积达到12万亩,总产量1万吨,总产值达到12亿元"
    if not industry and kind == "target" and not park:
        for c_off, cl in reversed([c for c in _clauses(sent[:cstart]) if c[1].strip()]):
            if not re.search(r"\d", cl) or _PREAMBLE.match(cl.strip()):
                break
            subj, so = _subject(re.split(r"\d", cl)[0])
            core = _strip_metric(subj)
            if core and st.vocab.classify(core)[0]:
                industry, q_start, conf = core, c_off + so, conf - 0.05
                break
            if subj and not _metric_only(subj):
                break
    # 4. the sentence/paragraph topic, the paragraph's lead term, the heading
    if not industry and kind == "target":
        t, t_off = topic
        lt, _l_off = lead
        if t and t_off >= 0:
            industry = t
            if t_off >= s_off:
                q_start, conf = t_off - s_off, conf - 0.05
            else:
                conf -= 0.1
                notes.append(f"industry from an earlier sentence ('{t}')")
        elif lt and lt != para_park and st.vocab.classify(lt)[0]:
            industry, conf = lt, conf - 0.1
            notes.append(f"industry from the paragraph heading ('{lt}')")
        elif not para_park:
            for h in (ctx.h3, ctx.h2):
                ht = _lead_term(h if h.rstrip().endswith(("。", ".", ":")) else h + "。")
                if ht and st.vocab.classify(ht[0])[0]:
                    industry, conf = ht[0], conf - 0.15
                    notes.append(f"industry from the heading ('{ht[0]}')")
                    break
    if not park and not (para_park or cpark) and st.unit_park and kind == "target" and industry:
        park, conf = st.unit_park, conf - 0.15
        notes.append(f"park from the table row's lead unit ({st.unit_park}管委会)")
    if not park and (para_park or cpark or start_park):
        park = cpark or para_park or start_park
        if kind == "total" and "a park's overall target" not in notes:
            notes.append("a park's overall target")
    if kind == "target" and not industry:
        if park:
            kind = "total"
            industry = metric_word
            notes.append("a park's overall target")
        else:
            conf -= 0.35
            notes.append("industry not resolved")
    emit(industry=industry, park=park, kind=kind, conf=conf, notes=notes, q_start=q_start, q_end=q_end)


def _distribute(st: _State, sent: str, cstart: int, cend: int, m: re.Match, before: str) -> tuple[str, str, str] | None:
    """(park, industry) of one amount in "A园、B园X产值分别达到150亿、50亿" (or "A、B产值分别…")."""
    subj, _ = _subject(before.split("分别")[0])
    parts = [p for p in subj.split("、") if p]
    amounts = list(_AMOUNT.finditer(sent[cstart:cend]))
    idx = next((k for k, x in enumerate(amounts) if x.start() + cstart == m.start()), -1)
    if len(parts) < 2 or len(parts) != len(amounts) or idx < 0:
        return None
    pm = re.match(r"^(?P<p>.+?(?:" + _PARK_SUFFIX + r"))(?P<rest>.*)$", parts[-1])
    names = parts[:-1] + [pm.group("p") if pm else parts[-1]]
    rest = pm.group("rest") if pm else ""
    this = names[idx]
    if re.search("(?:" + _PARK_SUFFIX + ")$", this) and _park_of(this):
        return _park_of(this), _strip_metric(rest), rest
    return "", _strip_metric(this), this


def _goal_run(sent: str, cstart: int) -> bool:
    """"培育形成A、B2个千亿级产业集群,C500亿级产业集群,…": an aim's clause continues a run of clauses, each with an
    amount, the first of which a goal word opens."""
    start = cstart
    while start > 0:
        prev = max(sent.rfind(",", 0, start - 1), sent.rfind(":", 0, start - 1)) + 1
        clause = sent[prev:start - 1]
        am = _AMOUNT.search(clause)
        if not am:
            return False
        if _GOAL.search(clause[: am.start()]):
            return True
        start = prev
    return False


def _past_year_before(sent: str, end: int, doc_year: int | None) -> int | None:
    """The offset of the last plain year before ``end`` when it is before the document's year ("2015年,…" in a 2016
    text), else ``None``."""
    if not doc_year:
        return None
    ys = [m for m in re.finditer(r"(?<![\d到至])(?P<y>(?:19|20)\d\d)\s*年(?!以来|以后|后|起|前|底前)", sent[:end])]
    if not ys:
        return None
    last = ys[-1]
    if int(last.group("y")) >= doc_year or re.search(r"(?:到|至|力争|预计|截至|截止到)\s*$", sent[: last.start()]):
        return None
    if re.search(r"(?:与|较|比|同比|相比|比较|由|从)\s*$", sent[: last.start()]):
        return None  # a comparison or a starting level, dealt with elsewhere
    return last.start()


#: A count's tail before its amount: "3个", "6个产业产值突破", "5个销售收入超", "三大".
_COUNT_TAIL = re.compile(
    r"(?P<n>\d+|[一二两三四五六七八九十])\s*(?:个|大)(?:产业|行业|工业)?"
    r"(?:(?:年|全年)?(?:产值|销售收入|营业收入|主营业务收入|收入|营收|规模)(?:规模)?\s*(?:均|各)?\s*)?"
    r"(?:超过|超|突破|达到|达|逾|过|迈上|迈向)?\s*$")  # "A、B6个超百亿级…": the verb may follow the count


#: A count's tail that states its metric ("A、B4个产值超"): a bare 亿 amount after it is that metric's.
_COUNT_METRIC_TAIL = re.compile(r"个(?:产业|行业)?(?:产值|销售收入|营业收入|主营业务收入|收入|营收|规模)\s*(?:超过|超|突破|达到|达|逾|过)?\s*$")


def _named_count(head: str) -> list[str]:
    """"形成A、B、C3个(千亿产业)": the list a count right before an amount names, when it has that many items.

    A metric may stand between the count and the amount ("A、B6个产业产值突破千亿元", "A、B5个销售收入超百亿元"), and
    the list may be framed ("以A、B为主的三大千亿级产业集群")."""
    m = re.search(r"(?P<list>[^,;:。\d]{2,80}?)\s*" + _COUNT_TAIL.pattern, head)
    if not m:
        return []
    n = _num(m.group("n"))
    lst = re.sub(r"^[亿元级的\s]*(?:以及|和|及|与|、)", "", m.group("list"))  # "…200亿和A、B、C3个": after the amount before
    verb = r"(?:形成|打造|培育|培植|建成|建设|构建|发展|壮大|做大|做强|聚焦|主攻)"
    lst = re.sub(r"^.*?" + verb + r"(?:(?:和|与|并)" + verb + r")?", "", lst)  # "培植和打造A、B"
    fm = re.fullmatch(r".*?以(?P<in>.+?)(?:产业|行业)?为(?:主|主导|重点|代表|核心|特色)的?", lst)
    if fm:
        lst = fm.group("in")
    etc = bool(re.search(r"等\s*$", lst))
    lst = re.sub(r"\s*等\s*$", "", lst)
    lst = lst.strip().strip('"').strip()  # '"A、B、C"3个': a quoted list
    items = [x.strip() for x in re.split(r"、|以及|和|与", lst) if x.strip()]
    if len(items) != n:  # "A、B、C和D、E4个…": one item holds a 和
        items = [x.strip() for x in lst.split("、") if x.strip()] if len(lst.split("、")) == n else items
    if etc and 1 <= len(items) < n:
        return items  # "新型显示、卫星互联网等5个100亿级…": the ones named of more
    return items if n >= 2 and len(items) == n else []


def _named_items(st: _State, head: str, after: str = "") -> list[str]:
    """The industries a count right before an amount names (:func:`_named_count`), when most of them read as
    industries (the count agreeing with the list is the rest of the evidence), else ``[]``."""
    named = _named_count(head)
    if len(named) < 2 or any(len(x) > 16 for x in named):
        return []
    known = sum(1 for x in named if st.vocab.knows(x))
    if known * 2 > len(named):
        return named
    # "高原夏菜、食用菌、藜麦和藏(中)药材、牛羊4个10亿级产业集群": short products, counted, none a place, and what
    # they make is clusters (not "涪陵、九龙坡、巴南3个…产业承接基地")
    if len(named) >= 3 and re.match(r"^\s*(?:元)?\s*级?\s*(?:的)?[^,;。、]{0,6}?(?:产业集群|集群|产业链)", after) and all(
            len(x) <= 10 and not re.search(r"[区城县市镇乡廊带港]$|\d", x) for x in named):
        return named
    return []


#: A list of industries right after an amount, closed by 产业/集群: "千亿级硅光伏、新能源电池产业".
_LIST_AFTER = re.compile(r"^\s*(?:元)?\s*级?\s*(?:的)?(?P<list>[^,;。\d亿]{2,60}?)(?:产业集群|产业|集群)\s*(?=$|[,;。]|和一批|以及)")


def _after_list(st: _State, after: str) -> tuple[list[str], int]:
    """"千亿级硅光伏、新能源电池产业", "万亿级A和B、C、D产业,": the industries a list right after an amount names (most
    of them industries), and where the list ends; else ``([], 0)``."""
    lm = _LIST_AFTER.match(after)
    if not lm or "、" not in lm.group("list"):
        return [], 0
    items = [x for x in lm.group("list").split("、") if x]  # "现代新型汽车和零部件、农产品和食品深加工…": 、 parts the list
    known = sum(1 for x in items if st.vocab.knows(x))
    if known * 2 <= len(items) or any(len(x) > 12 for x in items):
        return [], 0
    return (items, lm.end()) if len(items) >= 2 else ([], 0)


def _counted_after(st: _State, head: str, after: str) -> tuple[list[str], int]:
    """"建设1个千亿级A产业集群,2个500亿级B、C产业集群,5个百亿级D、E…和F产业集群": the industries named right after an
    amount, as many as the count right before it says (a last 和 parts two of them), all of them industries; else
    ``([], 0)``."""
    cm = re.search(r"(?<![\d一二两三四五六七八九十几数])(?P<n>\d+|[一二两三四五六七八九十])\s*个\s*$", head)
    lm = _LIST_AFTER.match(after)
    if not cm or not lm:
        return [], 0
    n = _num(cm.group("n"))
    items = [x for x in lm.group("list").split("、") if x]
    if len(items) == n - 1 and "和" in items[-1]:
        items = items[:-1] + [x for x in items[-1].split("和", 1) if x]
    if len(items) != n or not all(st.vocab.knows(x) and len(x) <= 12 for x in items):
        return [], 0
    return items, lm.end()


def _count_items(st: _State, sent: str, cstart: int, before: str) -> list[str]:
    """"其中,A、B、C等3个产业,到2025年将成为万亿级产业": the industries a count names in the clause before an aim's
    clause that has no subject of its own, else ``[]``."""
    if cstart <= 0 or _subject(before)[0]:
        return []
    prev = sent[:cstart].rstrip(" ,")
    prev = prev[max(prev.rfind(","), prev.rfind(":"), prev.rfind(";")) + 1:]
    if not re.search(r"(?:个|大)(?:产业|行业)?\s*$", prev):
        return []
    return _named_items(st, prev)


def _park_items(subj: str) -> list[str]:
    """The parks of a subject that lists two or more of them ("其中北部新区、西永电子工业园、长寿化工园将"), else ``[]``."""
    core = re.sub(r"^(?:其中|同时|此外)\s*,?\s*", "", _strip_metric(subj))
    core = re.sub(r"(?:均|分别|各自|各|都|将|要|也)+\s*$", "", core).strip()
    items = [x.strip() for x in re.split(r"、|以及|和|与|及", core) if x.strip()]
    if len(items) < 2 or not all(_PARK_ITEM.fullmatch(x) and _park_of(x) for x in items):
        return []
    return items


def _place_items(st: _State, subj: str) -> list[str]:
    """The places a count names before an amount that no industry word follows ("打造涪陵、九龙坡、巴南3个产值"):
    each is one aim (an industry list is :func:`_each_items`'s), else ``[]``."""
    named = _named_count(_strip_metric(subj.strip()) or subj)
    if not named or any(st.vocab.classify(x)[0] or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", x) for x in named):
        return []
    return named


#: A park's name in a list: a name ending in a park word.
_PARK_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{1,14}?(?:" + _CLAUSE_PARK_SUFFIX.pattern + r"|新区|工业园|化工园|园)")


def _each_items(st: _State, subj: str) -> list[str]:
    """The industries of "A、B(产业)(主营业务收入)均/分别/各…" (or "A、B、C3个…") that one amount is stated for,
    else ``[]``."""
    em = re.search(r"(?:均|分别|各自|各)\s*$", subj)
    named = _named_count(subj)
    if named and all(st.vocab.classify(x)[0] for x in named):
        return named
    if not em:
        return []
    core = _strip_metric(subj[: em.start()].strip())
    core = re.sub(r"(?:产业|行业)$", "", core)
    core = re.sub(r"\s*(?:\d+|[一二两三四五六七八九十])\s*(?:大|个|项|类)$", "", core)  # "汽车、电子两大产业均…"
    items = [x for x in re.split(r"、|以及|和|与", core) if x]
    if len(items) < 2 or not all(st.vocab.classify(x)[0] for x in items):
        return []
    return items


def _dual_items(core: str, m: re.Match) -> list[str]:
    """"A、B形成双百亿级产业": one target per listed industry when the amount is 双X."""
    if not m.group("dbl"):
        return []
    items = [x for x in re.split(r"[、]", core) if x]
    return items if len(items) == 2 else []


#: "五大500亿元产业集群:一是…,打造输变电产业集群。二是…": a counted size heading enumerated clusters.
_SIZE_HEAD = re.compile(r"^\s*(?P<n>[一二两三四五六七八九十]|\d+)\s*大\s*(?P<amt>" + _AMOUNT.pattern + r")\s*(?:元)?(?:级)?(?:的)?"
                        r"(?:产业集群|集群|产业)\s*:")
_ENUM_CLUSTER = re.compile(r"[。;:]\s*[一二三四五六七八九十]是[^。;]*?(?:打造|培育|做强|做大|发展壮大|壮大|发展)"
                           r"(?P<t>[^,;。:、\d]{2,16}?)(?:产业集群|集群|产业)\s*(?=[。;,]|$)")


def enumerated_sizes(st: _State, base: int, line: str, ctx: _Ctx, year: int | None) -> None:
    """"五大500亿元产业集群:一是以P为重点区域,打造A产业集群。二是…": the heading's size is each enumerated
    cluster's aim, when as many are enumerated as the heading counts (the year is the paragraph's, if any)."""
    hm = _SIZE_HEAD.match(line)
    if not hm or ctx.retro:
        return
    am = _AMOUNT.match(hm.group("amt"))
    value = _amount_value(am) if am else None
    items = list(_ENUM_CLUSTER.finditer(line, hm.end() - 1))
    if not value or len(items) != _num(hm.group("n")):
        return
    if year is None:  # the year of the sentence that announced these clusters ("十二五期间,…打造…五大500亿元产业集群")
        head = re.sub(r"\s", "", hm.group(0)).rstrip(":")
        said_at = list(re.finditer(r"\s*".join(map(re.escape, head)), st.nt.text[:base]))
        at = said_at[-1].start() if said_at else -1
        if at >= 0:
            s0 = max(st.nt.text.rfind(c, 0, at) for c in "。\n") + 1
            said = st.nt.text[s0:at]
            pm = list(_PERIOD_RE.finditer(said))
            fy = _future_year_before(said, len(said))
            year = fy[0] if fy else (_PLAN_PERIOD[pm[-1].group(0)] if pm else None)
    for it in items:
        _append_target(st, base, 0, line, industry=it.group("t"), park="", value=value, year=year, conf=0.7,
                       notes=["the size a counted heading gives each cluster it enumerates"], ctx=ctx,
                       q_start=it.start("t"), q_end=it.end(), kind="target")


def _append_target(st: _State, base: int, s_off: int, sent: str, *, industry: str, park: str, value: float,
                   year: int | None, conf: float, notes: list[str], ctx: _Ctx, q_start: int, q_end: int, kind: str,
                   role_head: str = "") -> None:
    q_start = max(0, min(q_start, len(sent)))
    q_end = max(q_start, min(q_end, len(sent)))
    while q_start < q_end and sent[q_start] in ' ,"、:':
        q_start += 1
    notes = list(notes)
    sector, chain = st.vocab.classify(industry) if kind == "target" else ("", "")
    if kind == "target" and park:
        # the same sentence may have assigned this industry to the park with examples ("以绿色食品为代表消费品产业")
        core = re.sub(r"产业|特色|现代", "", industry)
        for item, isec, ichain in st.sentence_items:
            icore = re.sub(r"产业|特色|现代", "", item)
            if core and icore and (core in icore or icore in core) and isec:
                sector, chain = isec, ichain
                break
    if kind == "target" and industry and not sector:
        conf -= 0.2
        notes.append("industry not in the vocabulary")
    if kind == "total":
        role = "other" if park else "total"
    else:
        role = _role_from(role_head, ctx.h3, ctx.h2) or "lead"
    if year is None:
        conf -= 0.3
        notes.append("no year found")
    a, b = st.nt.span(base + s_off + q_start, base + s_off + q_end)
    if park and st.cell_park and st.cell_park[0] == park and st.cell_park[1] < base:
        a = st.nt.span(st.cell_park[1], st.cell_park[1] + 1)[0]  # a table row: quote from the park's cell
    near = base + s_off + q_start
    st.out.append(Finding(
        kind=kind, park=_as_written(st, park, near), industry_as_written=_as_written(st, industry, near),
        sector=sector, chain=chain, role=role,
        target_value_yi=float(value), target_year=year, quote=st.nt.original[a:b],
        confidence=round(min(max(conf, 0.05), 1.0), 2), note="; ".join(dict.fromkeys(n for n in notes if n)),
        start=a, end=b,
    ))
