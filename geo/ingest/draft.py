"""Drafting driver: reads a plan paragraph by paragraph and collects park, target and table findings."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pandas as pd

from ..errors import DataValidationError, Problem
from ..io import decode_bytes
from ..messages import msg
from .checks import subject_rows
from .clauses import (
    _BULLET,
    _FUTURE_YEAR,
    _GOAL,
    _H1,
    _H2,
    _H3,
    _PARK_AT_START,
    _PARK_SUFFIX,
    _PERIOD_RE,
    _PLAN_PERIOD,
    _PREAMBLE,
    _RETRO_HEAD,
    _SPAN_AHEAD,
    _VERB_RE,
    _Block,
    _blocks,
    _clauses,
    _Ctx,
    _future_year_before,
    _heading_level,
    _lead_term,
    _num,
    _park_of,
    _sentences,
    _State,
    _year_value,
    document_year,
)
from .findings import Finding
from .normalise import normalise, strip_annotations
from .parks import (
    _REPORTING,
    _park_statements,
    _subject_parks,
    anaphor_park,
    bullet_items,
    enumerated_industries,
    lead_frame_park,
    list_intro,
    opening_park,
    remember_parks,
    whole_line_park,
)
from .tables import _table
from .targets import _targets_in_sentence, enumerated_sizes
from .vocabulary import vocabulary


def infer_horizon(text: str) -> int | None:
    """The plan's horizon year guessed from its text (most frequent "到YYYY年" year, "2023—2027年", 十四五)."""
    nt = text if isinstance(text, str) else ""
    years = [_year_value(m.group("y") or m.group("y2") or m.group("y3")) for m in _FUTURE_YEAR.finditer(nt)]
    m = re.search(r"(?:19|20)\d\d\s*[-—–~至到]\s*(?P<y>(?:19|20)\d\d)\s*年", nt[:400])
    if m:
        return int(m.group("y"))
    if years:
        c = Counter(years)
        top = max(c.values())
        return max(y for y, k in c.items() if k == top)
    p = _PERIOD_RE.search(nt[:2000])
    return _PLAN_PERIOD[p.group(0)] if p else None


def draft_rows(
    text: str | bytes,
    district: str,
    plan_id: str | None = None,
    industries: pd.DataFrame | None = None,
    *,
    horizon_year: int | None = None,
    document_date: str | int | None = None,
) -> list[Finding]:
    """Draft findings (park → industry rows, 亿元 targets, totals) from a plan's plain text.

    Parameters
    ----------
    text : str or bytes
        The plan text; bytes are decoded as UTF-8 or GBK/GB18030.
    district : str
        The plan's district (e.g. ``合川区``); used for messages and by callers.
    plan_id : str, optional
        Plan id, for messages.
    industries : pandas.DataFrame, optional
        The industries table (default: ``data/industries.csv``).
    horizon_year : int, optional
        The plan's horizon; targets without a stated year get it (with lower confidence). Guessed from
        the text when not given.
    document_date : str or int, optional
        When the document was written ("2015-02-27", "2015-02", "2015" or a year): relative years (今年,
        明年, 3至5年内, 十三五末) resolve against it; without it they stay empty with a note.

    Returns
    -------
    list of Finding
        In order of appearance. Every ``quote`` is a verbatim substring of the (decoded) input.

    Raises
    ------
    DataValidationError
        If bytes cannot be decoded.
    """
    if isinstance(text, (bytes, bytearray)):
        text = decode_bytes(bytes(text), plan_id or msg("plan text"))
    if not isinstance(text, str):
        raise DataValidationError([Problem(plan_id or msg("plan text"), msg("plan text must be text"))])
    nt = normalise(text)
    inferred = False
    if horizon_year is None:
        horizon_year = infer_horizon(nt.text)
        inferred = horizon_year is not None
    st = _State(nt=nt, vocab=vocabulary(industries), horizon=horizon_year, horizon_inferred=inferred,
                doc_year=document_year(document_date), district=district or "")
    blocks = _blocks(nt)
    st.topic_park = document_park(st, blocks)
    ctx = _Ctx()
    prev_prose: list[_Block] = []
    para_year: int | None = None  # the year context of the paragraph before, for one that continues it
    period_ctx: int | None = None  # the last year of a plan period a paragraph looks ahead to, for the aims after it
    span_ctx: int | None = None  # the end of a span ahead ("今后五年") a paragraph sets the aims after it for
    for b in blocks:
        if b.kind == "table":
            _table(st, b, ctx)
            continue
        line = b.text
        if bullet_items(st, b.start, line):
            prev_prose.append(b)
            continue
        lvl = _heading_level(line)
        if lvl == 1:
            ctx = _Ctx(h1=line, retro=bool(_RETRO_HEAD.search(line)))
        elif lvl == 2:
            ctx = _Ctx(h1=ctx.h1, h2=line, retro=bool(_RETRO_HEAD.search(line)) or (ctx.retro and not ctx.h2))
        elif lvl == 3:
            ctx = _Ctx(h1=ctx.h1, h2=ctx.h2, h3=line, retro=ctx.retro)
        carried = para_year if not lvl and _CONTINUES.match(line) else None
        if lvl:
            period_ctx = span_ctx = None  # a new section: the period an earlier paragraph named no longer holds
        _prose(st, b.start, b.text, ctx, prev_prose, section_year=carried, period_year=period_ctx or span_ctx)
        fy = _future_year_before(line, len(line))
        para_year = fy[0] if fy else carried
        pm = _PERIOD_AHEAD.search(line)
        sm = _SPAN_AHEAD.search(line) if st.doc_year else None
        if pm and not ctx.retro and not fy:
            # "“十五五”时期,该区将…拟打造5个百亿级产业集群。" then one paragraph per cluster: the period's last year
            period_ctx = _PLAN_PERIOD[pm.group("p")]
        elif fy and fy[0] != period_ctx:
            period_ctx = None  # (a paragraph aiming at the period's own last year keeps it)
        if sm and not ctx.retro and not span_ctx:
            # "对今后五年的发展提出了…目标" then one paragraph per aim: the span's end, until the next heading (a paragraph
            # with a year of its own keeps it)
            span_ctx = st.doc_year + _num(sm.group("n"))
        prev_prose.append(b)
    enumerated_industries(st)
    if len(nt.text) != len(text):  # pinyin annotations dropped: names are given without them
        st.out = [dataclasses.replace(f, park=strip_annotations(f.park, True), town=strip_annotations(f.town, True),
                                      industry_as_written=strip_annotations(f.industry_as_written, True))
                  for f in st.out]
    out = _dedupe(st.out)
    out += subject_rows(nt.original, out, industries)  # sentences about one park the grammar did not parse
    return sorted(out, key=lambda f: f.start)


def document_park(st: _State, blocks: list[_Block]) -> tuple[str, int] | None:
    """The park a document is about: a title line that is a park's name ("芜湖经济技术开发区") or names one park
    ("江西宜春经济开发区的概况", "“十三五”期间市高新区制造业转型升级情况报告"), the park a reporter heard from
    ("记者近日从贵阳经开区获悉"), or the park its first sentence opens with ("重庆经济技术开发区于1993年…设立");
    ``None`` for a district's or a city's text."""
    prose = [b for b in blocks if b.kind == "prose" and b.text.strip()][:2]
    if not prose:
        return None
    first = prose[0].text
    alone = whole_line_park(first)
    if alone:
        return alone, prose[0].start + prose[0].text.find(alone)
    if len(first.strip()) <= 40 and "。" not in first and len(prose) > 1:
        named = [(re.split(_TITLE_CUT, m.group("park"))[-1], m.end("park")) for m in _TITLE_PARK.finditer(first)]
        named = [(n, e) for n, e in named if len(n) >= 3 and _park_of(n)]
        if len({n for n, _e in named}) == 1:  # a title naming one park
            return _park_of(named[0][0]), prose[0].start + named[0][1] - len(named[0][0])
        first, start = prose[1].text, prose[1].start  # a title that is not a park's ("西彭镇简介"): the text after it
    else:
        start = prose[0].start
    lead = _NEWS_LEAD.match(first)
    skip = lead.end() if lead else 0
    sents = _sentences(first[skip:])
    if not sents:
        return None
    hm = _HEARD_FROM.search(sents[0][1])
    if hm and _park_of(hm.group("park")):
        return _park_of(hm.group("park")), start + skip + sents[0][0] + hm.start("park")
    cl = _clauses(sents[0][1])[0][1]
    base = start + skip + sents[0][0]
    sp = _subject_parks(st, cl)
    if sp and len(sp[0]) == 1:
        return sp[0][0][0], base + sp[0][0][1]
    op = opening_park(cl)
    return (op[0], base + op[1]) if op else None


#: A park's name inside a title ("江西宜春经济开发区的概况"): the longest official suffixes only.
_TITLE_PARK = re.compile(r"(?P<park>[\u4e00-\u9fff]{2,12}?(?:高新技术产业开发区|经济技术开发区|经济开发区|工业园区|产业园区|"
                         r"高新区|经开区|开发区|工业园|产业园))(?![\u4e00-\u9fff]{0,1}(?:区|园))")
_TITLE_CUT = r"[”\x22》、的与和及]|期间|时期|关于|推进|加快|建设|打造"
#: The dateline of a news item: "城乡统筹网讯:", "本报讯(记者 陈露)", "新华社重庆5月3日电".
_NEWS_LEAD = re.compile(r"^\s*(?:[^,。:]{0,12}?(?:网讯|报讯|讯|电)\s*(?:\([^()]{0,30}\))?\s*[:]?)")
#: "记者近日从贵阳经开区获悉": the park the news comes from.
_HEARD_FROM = re.compile(r"从(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:" + _PARK_SUFFIX + r"))(?:管委会)?(?:获悉|了解到|得知)")


#: A sentence about something other than a park: the city, the province, the county ("全市…", "我省…").
_NOT_PARK_SUBJECT = re.compile(r"^\s*(?:目前|近年来|同时|此外)?\s*,?\s*(?:全市|全省|全县|全国|我市|我省|我县|我国|全州|该市|该县|该省|市委|省委|县委|"
                               r"[\u4e00-\u9fff]{1,4}(?:市|省|县)(?:委|政府)?(?=将|要|着力|重点|大力|积极|坚持|围绕|以|加快))")


def _dedupe(out: list[Finding]) -> list[Finding]:
    """Drop repeated statements of the same fact (same kind, park, industry, numbers)."""
    keep: list[Finding] = []
    seen: dict[tuple, int] = {}
    for f in out:
        name = _dedupe_name(f)
        if f.kind == "park_industry":
            key = (f.kind, f.park, name)
        else:
            key = ("t", f.park, name, f.target_value_yi, f.target_year)
        if key in seen:
            k = seen[key]
            old = keep[k]
            if (f.baseline_value_yi is not None and old.baseline_value_yi is None) or (
                (f.baseline_value_yi is None) == (old.baseline_value_yi is None) and f.confidence > old.confidence
            ):
                keep[k] = f
            continue
        seen[key] = len(keep)
        keep.append(f)
    # "重点发展A、B五大百亿级产业" then "A产业…力争到2026年达到百亿级规模": one aim, the dated statement of it
    dated = {(f.park, _dedupe_name(f), f.target_value_yi) for f in keep
             if f.kind != "park_industry" and f.target_year is not None}
    return [f for f in keep if f.kind == "park_industry" or f.target_year is not None
            or (f.park, _dedupe_name(f), f.target_value_yi) not in dated]


def _dedupe_name(f: Finding) -> str:
    return re.sub(r"产业|产值|行业", "", re.sub(r"规模以上", "规上", f.industry_as_written))


#: A paragraph that continues the one before ("其中,…", "此外,…", "增强园区实力方面,…"): it shares its year.
_CONTINUES = re.compile(r"^\s*(?:其中|此外|另外|同时|具体(?:而言|来说|包括)|[^,。;:]{2,12}方面\s*,)")


#: A sentence building one cluster: "打造镁产品及深加工产业集群".
_BUILDS_CLUSTER = re.compile(r"(?:打造|培育|做强|做大|壮大|发展壮大)(?P<t>[^,;。:、\d]{2,16}?)(?:产业集群|产业基地)\s*(?:[。;]|$)")
#: A plan period a paragraph looks ahead to: "“十五五”时期,该区将…", "十四五期间,园区要…".
_PERIOD_AHEAD = re.compile(r"[“\"]?(?P<p>" + "|".join(_PLAN_PERIOD) + r")[”\"]?\s*(?:时期|期间|末)[^。]{0,40}?(?:将|拟|力争|要|目标|规划)")


def _prose(st: _State, base: int, line: str, ctx: _Ctx, prev: list[_Block], park_ctx: str = "",
           row_year: int | None = None, period_year: int | None = None, section_year: int | None = None) -> None:
    """Read one prose paragraph (or a long table cell) starting at normalised offset ``base``.

    ``section_year`` is the year of the paragraph this one continues ("其中,…"), for aims that state none.
    """
    lead = _lead_term(line)
    lead_term, lead_off = (lead if lead else ("", -1))
    lead_park = ""
    if lead_term:
        m = _PARK_AT_START.match(lead_term + "。")
        if m and m.group("park") == lead_term:
            lead_park = _park_of(lead_term)
    para_park = lead_park or park_ctx
    heading_park = whole_line_park(prev[-1].text) if prev and not para_park else ""
    if heading_park and not _subject_parks(st, _clauses(line)[0][1]) and not whole_line_park(line):
        para_park, lead_off = heading_park, -1  # the paragraph under a heading that is just a park's name
    alone = whole_line_park(line)
    if alone:  # a heading line that is just a park's name: what a later "园区…" refers to
        st.note_park(alone, base + line.find(alone))
    carry: tuple[str, int] | None = None  # the park opening the paragraph, for its later sentences
    carry_note = "park from the paragraph's first sentence"
    # "X核心区,位于…,面积约14.9平方公里。" then "重点产业方向:重点发展…": a short paragraph that only introduces a
    # park gives it to the next paragraph when that one opens with no subject (a verb, or a label and ':')
    first0 = _clauses(line)[0][1]
    if (not para_park and prev and len(prev[-1].text) <= 80 and not _subject_parks(st, first0)
            and (_VERB_RE.match(first0.lstrip()) or re.fullmatch(r"[^,;。]{2,24}", first0.strip()) and line.find(":") == len(first0))):
        op = opening_park(_clauses(prev[-1].text)[0][1])
        if op:
            carry = (op[0], prev[-1].start + op[1] - base)
            carry_note = "park from the short paragraph before"
    # year context from earlier paragraphs: bullet lists inherit their intro's year
    inherited = None
    if _BULLET.match(line) or line.lstrip().startswith("——"):
        for b in reversed(prev[-12:]):
            y = _future_year_before(b.text, len(b.text))
            if y:
                inherited = y[0]
                break
            if not (_BULLET.match(b.text) or b.text.lstrip().startswith("——")):
                break
    if inherited is None and prev:
        pb = prev[-1].text.rstrip()
        if pb.endswith((":", "：")) or re.search(r"以下目标|如下", pb[-12:]):
            y = _future_year_before(pb, len(pb))
            # "——(到2020年)…力争达到3000亿元。其中:" then one line per park: the intro's year, its own or taken
            inherited = y[0] if y else st.para_years.get(prev[-1].start)
    if inherited is None and len(line) <= 200 and not _future_year_before(line, len(line)):
        # "…明确了三大板块内容——" then one short paragraph per item: the items after the first share its year
        for j in range(len(prev) - 1, max(-1, len(prev) - 21), -1):
            if len(prev[j].text) > 200:
                break
            if prev[j].text.rstrip().endswith(("——", ":", "：")):
                y = _future_year_before(prev[j + 1].text, len(prev[j + 1].text)) if j + 1 < len(prev) else None
                inherited = y[0] if y else (st.para_years.get(prev[j + 1].start) if j + 1 < len(prev) else None)
                break
    if inherited is None and section_year and not ctx.retro and not _future_year_before(line, len(line)):
        inherited = section_year  # "到2015年,…目标已经确定。" leads the section; "其中,…9000亿元以上" follows
    if inherited is not None:
        st.para_years[base] = inherited
    enumerated_sizes(st, base, line, ctx, inherited or period_year)
    topic = ""  # last industry topic opening a sentence of this paragraph
    topic_off = -1
    sents = _sentences(line)
    other_subject = False
    role_head = sents[0][1] if sents and (_H1.match(line) or _H2.match(line) or _H3.match(line)) else ""
    for s_off, sent in sents:
        st.sentence_items = []
        # sentence topic: "汽车摩托车产业聚焦…" / "电子信息产业围绕…"
        tm = re.match(r"^\s*(?:[一二三四五六七八九十]是)?(?:在)?(?P<t>[^,;。:\d、]{2,16}?(?:产业|行业))(?=聚焦|依托|紧跟|围绕|以|坚持|重点|着力|加快|大力|积极|按照|"
                      r"紧扣|立足|发挥|推动|打造|形成|要|应|在|方面|上\s*,|,)", sent)
        if tm and st.vocab.classify(tm.group("t"))[0] and not (
            _VERB_RE.match(tm.group("t")) or _PREAMBLE.match(tm.group("t")) or _GOAL.match(tm.group("t"))
            or "等" in tm.group("t")
        ):
            topic, topic_off = tm.group("t"), s_off + tm.start("t")
        cls = _clauses(sent)
        first = cls[0][1]
        first_off = cls[0][0]
        if len(cls) > 1 and (_REPORTING.search(first) or re.fullmatch(r"\s*(?:其中|同时|此外|另外|其次|首先|最后)\s*", first)):
            # "黄勇表示,荣昌高新区将…" / "其中,高新片区,…": the subject follows the reporting or the connective
            first, first_off = cls[1][1], cls[1][0]
        pp, poff, pnote = para_park, lead_off, ""
        if not para_park:
            an = anaphor_park(st, base, sent, s_off)
            if an:
                pp, poff, pnote = an[0], an[1], "park from '园区' naming the park before"
            elif carry and not _subject_parks(st, first):
                pp, poff, pnote = carry[0], carry[1], carry_note
            elif (st.topic_park and not other_subject and not _subject_parks(st, first)
                  and not _NOT_PARK_SUBJECT.match(first)):
                # a park's own page: what a sentence naming no park says is said of the park
                # (quoted from this sentence: the title that names the park may be paragraphs away)
                pp, poff, pnote = st.topic_park[0], s_off, "park the document is about"
        _park_statements(st, base, line, s_off, sent, pp, poff, ctx, pnote)
        list_intro(st, base, s_off, sent, (pp, poff) if pp else None)
        if not para_park:
            sp = _subject_parks(st, first)
            lp = lead_frame_park(sent) if s_off == sents[0][0] else None  # "以发展A、B为抓手,…建设P。" leads its paragraph
            if sp and len(sp[0]) == 1 and s_off == sents[0][0]:
                # the park the paragraph opens with is the topic of the sentences after it that name none
                carry = (sp[0][0][0], s_off + first_off + sp[0][0][1])
                carry_note = "park from the paragraph's first sentence"
            elif sp and len(sp[0]) == 1 and _REPORTING.search(first) is None and first.strip() == sp[0][0][0]:
                # "其中,高新片区,以…为龙头,全面打造…。…主导产业为A、B。": a sentence that opens on a park alone,
                # as a topic, makes it the topic of the next sentences that name none
                carry = (sp[0][0][0], s_off + first_off + sp[0][0][1])
                carry_note = "park a sentence before opens with as its topic"
            elif sp:
                carry = None  # a later sentence about a park of its own ends the first one's topic
            elif lp:
                carry = (lp[0], s_off + lp[1])
                carry_note = "park from the paragraph's first sentence"
            if sp and st.topic_park and any(p != st.topic_park[0] for p, _ in sp[0]):
                other_subject = True  # the paragraph has turned to another park
        remember_parks(st, base, s_off, sent)
        _targets_in_sentence(
            st, base, line, s_off, sent, ctx,
            para_park=para_park, lead=(lead_term, lead_off), topic=(topic, topic_off),
            inherited=inherited, row_year=row_year, period_year=period_year, role_head=role_head,
        )
        bm = list(_BUILDS_CLUSTER.finditer(sent))
        if bm and (st.vocab.knows(bm[-1].group("t")) or bm[-1].group("t").endswith("深加工")):
            # "…打造石化产业集群。2010年实现产值230亿元,2015年达到千亿元产值。": the cluster the sentence builds is the
            # topic of the sentences after it
            topic, topic_off = bm[-1].group("t"), s_off + bm[-1].start("t")
