"""Park → industry statements, named logistics parks and matching park names to park ids."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .clauses import (
    _ADVERBS,
    _BUILD_RE,
    _COUNTER_TAIL,
    _EMERGING_VERBS,
    _EXAMPLES,
    _FORM_RE,
    _FRAME_RE,
    _GENERIC_HEAD,
    _GENERIC_SUFFIX,
    _IS_FRAME_RE,
    _ITEM_NOISE,
    _LEAD_FRAME_RE,
    _LEAD_VERBS,
    _NOT_PARK_NAME,
    _PARK_AT_START,
    _PARK_FOLLOW,
    _PARK_NAME,
    _PARK_SUFFIX,
    _PLACE_PREFIX,
    _RELY_ON_PARK,
    _ROLE_IS_RE,
    _SUBJECT_LEAD,
    _SUBJECT_PARK,
    _VERB_RE,
    _clauses,
    _clean_item,
    _Ctx,
    _num,
    _park_of,
    _role_from,
    _State,
)
from .findings import Finding
from .vocabulary import _GENERIC_PARTS, _strip_parens, industry_head

# ---------------------------------------------------------------- park statements


def _split_items(st: _State, obj: str) -> tuple[list[tuple[str, int]], str, list[str]]:
    """Split an object list into (item, offset) pairs; returns (items, category after 等, examples)."""
    examples: list[str] = []
    body, off0 = obj, 0
    for rx in _EXAMPLES:
        m = rx.match(body)
        if m and rx is _EXAMPLES[0] and len(_split_dun(body)) >= 2:
            break  # "以A、B为主的C、D和E": the frame is the first item of a longer list
        if m and len(m.group("head")) >= 2:
            examples = [_clean_item(x) for x in re.split(r"[、,]", m.group("ex").rstrip("等")) if _clean_item(x)]
            off0 = m.start("head")
            body = m.group("head")
            break
    sm = None if examples else re.match(r"^(?P<ex>[^为,]{4,60}?)为(?:主导|主体|主)(?:产业)?的(?P<head>[^、]{2,16})$", body)
    shead = re.sub(r'^"[^"]{1,8}"', "", sm.group("head")) if sm else ""
    if sm and (_SYSTEM_HEAD.match(shead) or _GENERIC_HEAD.match(shead)) and "、" in sm.group("ex"):
        # "(形成)A、B、C三大产业为主导的现代产业体系": the list, without 以, is what the park forms; a counter inside
        # it ("A、B三大传统产业及C、D两大新兴产业") closes one part of the list
        ex = re.sub(r"[一二三四五六七八九十两\d]+大[^、及和与]{0,8}?(?:产业|行业)(?:及|和|与|、)",
                    lambda mm: "、" + " " * (len(mm.group(0)) - 1), sm.group("ex"))
        sub, _cat, _ex = _split_items(st, ex)
        return [(x, o + off0) for x, o in sub], sm.group("head"), []
    head = body.strip()
    if examples and obj.startswith("集") and len(examples) >= 2:
        ex_items = _split_items(st, re.sub(r"(?:于|为)?一体.*$", "", obj[1:]))[0]
        if len(ex_items) >= 2 and all(st.vocab.classify(x)[0] for x, _o in ex_items):
            return [(x, o + 1) for x, o in ex_items], head, []  # "集A、B、C为一体的H": each listed industry
    main_frame = bool(examples) and bool(re.match(r"^以.+?为(?:主导|主体|支柱|主|核心|代表|重点)", obj))
    if examples and ((_GENERIC_HEAD.match(head) or _SYSTEM_HEAD.match(head)) and len(examples) >= 2 or main_frame and (
            _BROAD_HEAD.match(head) or _FACILITY_HEAD.search(head) and not st.vocab.classify(head)[0])):
        # "以A、B、C等为主的产业集群" / "以电子信息为主的高新技术产业" / "以汽车零部件为主的西部重要制造基地": the head says
        # nothing of its own, the framed examples are the industries
        # "以A、B、C等为主的产业集群": the head says nothing, the listed examples are the industries
        at = obj.find(examples[0])
        ex_body = obj[at:]
        ex_body = ex_body[: ex_body.find(examples[-1]) + len(examples[-1])]
        ex_items = _split_items(st, ex_body)[0] if at >= 0 else []
        if ex_items:
            return [(it, o + at) for it, o in ex_items], body.strip(), []
    mm = re.match(r"^以(?P<a>[^、,为]{2,16})为主(?:导)?[、,](?P<b>[^、,为]{2,16})为辅(?:的)?(?P<head>.*)$", body)
    if mm:  # "以汽车零部件为主、电子信息为辅的产业格局": both are the park's industries
        return [(mm.group("a"), off0 + mm.start("a")), (mm.group("b"), off0 + mm.start("b"))], mm.group("head"), []
    rm = re.match(r"^以(?P<run>(?:[^、,为]{2,30}为[^、,为的]{1,4}、)+[^、,为]{2,30}为[^、,为的]{1,4})的(?P<head>.*)$", body)
    if rm:  # "以A传统产业为基础、B战略性新兴产业为支撑、C未来产业为引领的…格局": each piece names one industry
        out, pos = [], off0 + rm.start("run")
        for piece in rm.group("run").split("、"):
            ind = re.sub(r"\([^()]*\)", "", piece[: piece.rfind("为")])
            ind = re.sub(r"(?:传统|战略性新兴|新兴|未来|特色|优势|主导|支柱)?(?:产业|行业)$", "", ind) or ind
            if len(ind) >= 2:
                out.append((ind, pos))
            pos += len(piece) + 1
        return out, rm.group("head"), []
    category = ""
    body = re.sub(r"(?<=[\u4e00-\u9fff])(?:产业|行业)?转移$", "", body)  # "承接A、B产业转移"
    body = re.sub(r"(?<=产业|行业)的(?:集聚|集群|快速|高质量)?发展$", "", body)  # "重点布局新能源汽车产业的发展"
    body = re.sub(r"(?<=[\u4e00-\u9fff]{2})产业化$", "", body)  # "聚焦医疗器械产业化": the industry made
    body = re.sub(r"^[^、,]{0,10}?(?:地区|等地)(?:的)?(?=[^、,]{2})", lambda mm: " " * len(mm.group(0)), body)  # "承接东部沿海地区A、B…"
    if "、" in body and not re.search(r"等(?:项目|企业)$", body):
        body = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:项目|企业)$", "", body)  # "重点引进A、B项目"
    qm = re.match(r'^"(?P<list>[^"]+、[^"]+)"(?P<D>[^"、]*)$', body)  # "“A、B、C”三大业态"
    if qm:
        body, category = qm.group("list"), qm.group("D")
        off0 += 1
    mid = re.search(r"[一二三四五六七八九十两\d]+(?:大|个|类)[^、]{0,8}?(?:产业|行业)(?:集群)?(?=(?:和|及|以及|与)"
                    r"(?:[一二三四五六七八九十两\d]+(?:个|家|大|座)))", body)
    if mid and "、" in body[: mid.start()]:
        body = body[: mid.end()]  # "A、B四大主导产业和一个省级机电产业基地": the second counted thing is not an item
    cm = re.search(r"(?:的)?(?:[一二三四五六七八九十两\d]+)(?:大|个|类|项)(?P<D>[^、]{0,8}?(?:产业|行业|领域|业态|集群|板块|基地))$",
                   body)
    if cm and "、" in body:  # "A、B、C三大产业"
        category = category or cm.group("D")
        body = body[: cm.start()]
    else:
        tm = _COUNTER_TAIL.search(body)
        if tm and tm.start() >= 2 and not re.search(r"[和与及]$", body[: tm.start()]):  # 'A和B"3+1"产业'
            category = category or body[tm.start():].strip()
            body = body[: tm.start()]
    rt = _ROLE_TAIL.search(body)
    if rt and not category and len(re.split(r"[、和与]", body[: rt.start()])[-1].strip()) >= 2 and "等" not in body[rt.start() - 1:rt.start()]:
        category = body[rt.start():]  # "A、B和C高新技术主导产业": the role words end the list, not its last item
        body = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:等)?为$", "", body[: rt.start()])  # "…C为主导产业"
    m = re.search(r"等(?P<D>[^、]{0,10}?(?:产业|行业|领域|业态|产品|集群|项目|板块|方向)(?:集群)?)", body)
    if not m:  # "A、B、C等高附加值、无污染高新技术产业": a category whose own words are listed
        m = re.search(r"等(?P<D>[^,;。等]{2,30}?(?:产业|行业|领域|业态)(?:集群)?)$", body)
    if not m:
        m = re.search(r"等(?P<D>[^、]*)$", body)
    if m and _FRAMED_ITEM.match(_clean_item(_split_dun(body)[-1])):
        m = None  # "…和以A、B等为主的C": the 等 closes the framed list, not the whole one
    if m:
        category = m.group("D").strip()
        body = body[: m.start()]
    if not examples and body.startswith("以") and not _FRAMED_ITEM.match(_split_dun(body)[0]):
        body, off0 = body[1:], off0 + 1
        # "以A、B为支柱" closing the clause: the role word is not part of the last item
        body = re.sub(r"(?:等)?为(?:主导|支柱|特色|支撑|引领|核心|龙头|基础|新兴|辅|补充|重点|主)(?:产业)?$", "", body)

    if "、" in body:  # "乘用车、商用车和零部件配套生产基地": the head of the whole list, not of its last item
        body = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:(?:生产|制造|产业)?基地|(?:产业)?(?:领域|方向))$", "", body)
    items: list[tuple[str, int]] = []
    pos = 0
    for piece in _split_dun(body):
        raw = piece
        lead_ws = len(raw) - len(raw.lstrip(' "'))
        it = _clean_item(raw)
        em = _FRAMED_ITEM.match(it)
        if em and _BROAD_HEAD.match(em.group("head")) and len(_split_dun(em.group("ex"))) >= 2:
            # "以A、B为主的战略性新兴产业集群": the head only names the class, the framed list is the industries
            sub_off = off0 + pos + lead_ws + em.start("ex")
            sub, _cat, _ex = _split_items(st, em.group("ex"))
            items.extend((x, o + sub_off) for x, o in sub)
            pos += len(piece) + 1
            continue
        if em:  # "以钠离子电池为主的新能源、以纳米漆为主的新材料": each item has its own example
            lead_ws += len(it) - len(em.group("head"))
            it = em.group("head")
        pm = re.match(r"^(?P<head>[^()]{2,}?)\s*\((?P<ex>[^()]+)\)$", it)
        if pm and re.search(r"[、,]", pm.group("ex")):  # "高端装备制造(工程机械、机器人)": examples of the item
            it = pm.group("head")
            examples = examples + [_clean_item(x) for x in re.split(r"[、,]", pm.group("ex")) if _clean_item(x)]
        if it:
            for x, o in _split_conj(st, it, off0 + pos + lead_ws):
                sz = _SIZE_PREFIX.match(x)  # "千亿级汽车产业集群", "500亿级电子信息产业集群": the size is not the industry
                x, o = (x[sz.end():], o + sz.end()) if sz and len(x) - sz.end() >= 2 else (x, o)
                ss = _SIZE_SUFFIX.search(x)  # "电子信息百亿级产业", "新能源百亿级特色产业": nor after it
                items.append((x[: ss.start()], o) if ss and ss.start() >= 2 else (x, o))
        pos += len(piece) + 1
    # "A、B等雕塑艺术品": a specific category (not 产业/领域…) is the item, the list its examples
    if category and not _GENERIC_HEAD.match(category) and not _GENERIC_SUFFIX.search(category):
        if st.vocab.classify(category)[0]:
            examples = [i for i, _ in items]
            cat_off = off0 + len(body) + 1
            items = [(category, cat_off)]
    return items, category, examples


#: What a park forms or is, named by its kind only ("以A、B为主导的产业体系", "以…为主的综合性园区").
_SYSTEM_HEAD = re.compile(r"^(?:现代|特色|综合性|综合|新型|现代化)*(?:产业|工业|经济)?(?:体系|格局|园区|开发区|产业园区|工业园区|集聚区)$")
_SIZE_PREFIX = re.compile(r'^"?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万双]+)"?\s*(?:万亿|亿)(?:元)?(?:级)?(?:的)?')
_SIZE_SUFFIX = re.compile(r'"?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万双]+)"?\s*(?:万亿|亿)(?:元)?级'
                          r'(?:的)?(?:特色|主导|优势|支柱|新兴|战略性新兴)?(?:产业|行业)?(?:集群)?$')
#: A facility a park becomes or builds ("西部重要制造基地", "产业高地"), not an industry.
_FACILITY_HEAD = re.compile(r"(?:基地|高地|中心|园区|新城|集聚区|示范区)$")
#: Role words closing a list without 等 ("A、B高新技术主导产业", "A和B两大特色产业" is the counter's job).
_ROLE_TAIL = re.compile(r"(?:高新技术|战略性新兴|新兴|特色|优势)?(?:主导|支柱|首位|特色|优势|重点)(?:产业|行业)(?:集群)?$")
#: "以A、B为主的C": a list item framed by 以…为主, whose own list does not split the outer one.
_FRAME_WORDS = r"为(?:主导|主体|支柱|主|核心|代表|重点|龙头|依托|基础|支撑|特色|引领|方向)"
_FRAMED_ITEM = re.compile(r"^以(?P<ex>.{1,60}?)(?:等)?" + _FRAME_WORDS + r"(?:的)?(?P<head>[^、]{2,})$")
_FRAME_CLOSE = re.compile(_FRAME_WORDS)
#: A head that only names a class of industries ("战略性新兴产业集群", "现代服务产业集群").
_BROAD_HEAD = re.compile(
    r"^(?:(?:战略性)?新兴|现代服务|服务|高新技术|先进制造|现代|特色|优势|传统|未来|新)?(?:产业|业|服务业)?(?:集群|体系|板块)?$"
    r"|^(?:战略性新兴|现代服务|高新技术|先进制造)(?:产业|业)?(?:集群|体系|板块)?$"
)


def _split_dun(body: str) -> list[str]:
    """Split a list on 、 outside brackets and 以…为主 frames ("A(a1、a2)、B" → "A(a1、a2)", "B";
    "以A、B为主的C和以D、E为主的F" → "以A、B为主的C", "以D、E为主的F")."""
    out, depth, cur = [], 0, []
    framed = False
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and ch == "以" and not "".join(cur).strip(' "') and _FRAME_CLOSE.search(body, i):
            framed = True
        elif framed and _FRAME_CLOSE.match(body, i):
            framed = False
        if depth == 0 and not framed:
            cm = re.match(r"(?:以及|和|及|与)(?=以.{1,60}?" + _FRAME_WORDS + ")", body[i:])
            if ch == "、" or (cm and "".join(cur).strip()):
                out.append("".join(cur))
                cur = []
                i += len(cm.group(0)) if cm and ch != "、" else 1
                continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _split_conj(st: _State, item: str, off: int) -> list[tuple[str, int]]:
    """Split "A和B" / "A与B" / "A以及B" when both sides read as industries, "A及B" only when they are of
    different sectors.

    The whole is kept when it is a vocabulary term ("信创与网络安全", "软件和信息服务") or one side is a
    generic word ("卷烟及配套", "智能家居及材料"), so "生物医药及大健康" stays one industry.
    """
    whole = re.sub(r"(?:产业|业)$", "", item)
    if _is_term(st, item) or _is_term(st, whole):
        return [(item, off)]
    down = re.fullmatch(r"(?P<a>.{2,}?)及其(?:上下游|下游|上游|延伸)(?P<b>.*)", item)
    if down and st.vocab.knows(down.group("a")):
        # "煤化工及其下游精细化工": an industry and the one it leads to; "A及其下游产业": A
        b = down.group("b")
        if len(b) >= 2 and b not in ("产业", "产品", "行业") and st.vocab.knows(b):
            return [(down.group("a"), off)] + _split_conj(st, b, off + down.start("b"))
        return [(down.group("a"), off)]
    # 和/与/以及 join the last item of a list and are tried first; 及 more often joins the words of one item
    # (not inside a bracketed gloss: "医药制造业(卫生材料及医药用品制造)" is one item)
    conj = sorted((c for c in re.finditer(r"以及|[和及与]", item)
                   if item[: c.start()].count("(") == item[: c.start()].count(")")), key=lambda c: c.group(0) == "及")
    for m in conj:
        a, b = item[: m.start()], item[m.end():]
        ga, gb = re.sub(r"产业$|业$", "", a), re.sub(r"产业$|业$", "", b)
        if len(a) < 2 or len(b) < 2 or ga in _GENERIC_PARTS or gb in _GENERIC_PARTS or not ga or not gb:
            continue
        sa, sb = st.vocab.classify(a)[0], st.vocab.classify(b)[0]
        ha, hb = (re.search(r"(?:产业集群|集群|产业)$", x) for x in (a, b))
        if ha and hb and ha.group(0) == hb.group(0) and len(a) > len(ha.group(0)) + 1:
            return [(a, off)] + _split_conj(st, b, off + m.end())  # "现代中药集群及医疗器械集群": two of a kind
        if m.group(0) == "及":
            if sa and sb and sa != sb:
                return [(a, off)] + _split_conj(st, b, off + m.end())
            continue
        industry_like = re.compile(r"(?:产业|业|制造|加工|化工|材料|装备|医药|食品|陶瓷|高新|技术|金属|冶金|纺织|服装|建材|机械|电子|能源|服务|商务|物流|旅游|金融)$")
        if (sa and sb) or (sa and (industry_like.search(b) or _IND_MODIFIER.match(b) and len(b) >= 4)) or (
                sb and (industry_like.search(a) or _IND_MODIFIER.match(a) and len(a) >= 4)):
            return [(a, off)] + _split_conj(st, b, off + m.end())
    return [(item, off)]


def _is_term(st: _State, s: str) -> bool:
    return any(t == s for t, _, _ in st.vocab.terms)


def _valid_item(st: _State, item: str) -> bool:
    if not item or len(item) > 24 or _ITEM_NOISE.search(item):
        return False
    if re.search(r"\d|亿|%", item) or re.search(r"(?:公园|综合体|(?:研发|研究|技术|创新|检测|孵化|培训|展示|服务)(?:中心|平台))$", item):
        return False  # (a facility the park builds is not an industry)
    return bool(st.vocab.classify(item)[0]) or item.endswith(("产业", "业")) or bool(len(item) <= 12 and industry_head(item))


def _as_written(st: _State, name: str, near: int) -> str:
    """``name`` (found in the normalised text) as the original text writes it, at the occurrence nearest ``near``."""
    if not name:
        return name
    t = st.nt.text
    lo = max(0, near - 3000)
    best = -1
    i = t.find(name, lo)
    while 0 <= i <= near + 3000:
        if best < 0 or abs(i - near) < abs(best - near):
            best = i
        i = t.find(name, i + 1)
    return st.nt.quote(best, best + len(name)) if best >= 0 else name


def _emit_park_item(st: _State, base: int, park: str, park_start: int, item: str, item_start: int,
                    role: str, examples: list[str], conf: float, note: str = "") -> None:
    sector, chain = st.vocab.classify(item)
    if examples:
        votes = Counter(s for s in (st.vocab.classify(x)[0] for x in examples) if s)
        if votes:
            top = votes.most_common(1)[0]
            if top[1] > sum(votes.values()) / 2 or not sector:
                if top[0] != sector:
                    note = (note + "; " if note else "") + "sector from the listed examples"
                    sector, chain = top[0], ""
    if not sector:
        conf -= 0.3
        note = (note + "; " if note else "") + "industry not in the vocabulary"
    lo = min(park_start, item_start)
    hi = max(park_start + len(park), item_start + len(item))
    a, b = st.nt.span(base + lo, base + hi)
    st.sentence_items.append((item, sector, chain))
    st.out.append(Finding(
        kind="park_industry", park=_as_written(st, park, base + park_start),
        industry_as_written=st.nt.quote(base + item_start, base + item_start + len(item)), town=st.towns.get(park, ""),
        sector=sector, chain=chain, role=role or "lead", quote=st.nt.original[a:b], confidence=round(max(conf, 0.05), 2),
        note=note, start=a, end=b,
    ))


def _emit_examples(st: _State, base: int, s_off: int, park: str, park_start: int, item: str, examples: list[str],
                   role: str, conf: float, listed: list[str]) -> None:
    """"以A、B为主的C": A and B, the examples the plan gives of the park's industry C, are its industries too
    (chain rows under C, docs/coding.md §6 and §8: "以食品为代表的特色消费品产业" gets a second row 食品)."""
    if not examples:
        return
    at0 = st.nt.text.find(examples[0], base + s_off)
    at_item = st.nt.text.find(item, at0 + 1) if at0 >= 0 else -1
    between = st.nt.text[at0:at_item]
    framed = re.search(r"为(?:主|代表|核心|重点|龙头|主导|主体)(?:的)?\s*$", between)
    named = re.search(r"等\s*$", between) and "、" in between and not re.search(r"[,;。:]", between)
    if at0 < 0 or at_item < 0 or not (framed or named):
        return  # "以A、B为主的C" and "A、B等C" (docs/coding.md §6: chain rows under C); not "C(A、B)" nor "集A、B于一体"
    if re.search(r"(?:企业|公司|集团|厂|项目)\s*(?:等)?\s*为", st.nt.text[at0:at_item]):
        return  # "以河西制药、大弓农化等企业为龙头的C": firms, not industries
    if not framed and 3 * sum(bool(_valid_item(st, x)) for x in examples) < 2 * len(examples):
        return  # "城市雕塑、木雕、铜雕等雕塑艺术品": products of C, not industries of their own
    for x in examples:
        if x == item or x in listed or not (_valid_item(st, x) or _INDUSTRY_LIKE.search(x)):
            continue
        at = st.nt.text.find(x, base + s_off)
        if at < 0 or st.nt.text.rfind("(", max(0, at - 40), at) > st.nt.text.rfind(")", max(0, at - 40), at):
            continue  # (examples in brackets, "高端装备制造(工程机械、机器人)", stay the item's examples)
        _emit_park_item(st, base, park, park_start, x, at - base, role, [], conf - 0.15,
                        f"an example the plan gives of '{item}'")


def _subject_parks(st: _State, cl: str) -> tuple[list[tuple[str, int]], str, int] | None:
    """Parks opening a clause as its subject: ([(name, offset)], town, end offset), else ``None``.

    A connective or preposition before the park is skipped ("在李渡园区…", "因此长寿经开区…"), "X街道的P" gives
    the park P in town X, and "A园、B园…" gives both parks.
    """
    if _TOPIC_FRAME.match(cl):
        return None  # "在电力装备基地建设方面,…": a topic, not the park the clause is about
    m = _SUBJECT_PARK.match(cl) or _STRONG_PARK.match(cl)
    if not m:
        return None
    town = m.group("town") or ""
    if m.group("zone"):
        name, s, e = m.group("zone"), m.start("zone"), m.end("zone")
    else:
        name, s, e = _park_of(m.group("park")), m.start("park"), m.end("park")
    if name in ("高新区", "经开区") and not cl[: m.start("park")].strip() and (
            _VERB_RE.match(cl[e:].lstrip()) or _ROLE_IS_RE.match(cl[e:].lstrip())):
        # "高新区重点发展…": a district has one 高新区 (经开区); the one named before if any, else by this name
        full = st.last_park[0] if st.last_park and st.last_park[0].endswith(name) else name
        return [(full, s)], town, e
    if not name or not name.strip() or (name != m.group("zone") and re.sub(r"^(?:该|本|此|这个)", "", name)
                                          in _SUBJECT_PARK_BLOCK | {"园", "经开区", "高新区"}):
        # "未来产业园…": what read as a connective (未来, 今后…) is the first word of the park's name
        lead = cl[: m.start("zone") if m.group("zone") else m.start("park")].strip()
        m = _PARK_AT_START.match(cl) if lead in _NAME_LIKE_CONNECTIVES else None
        if not m or not _park_of(m.group("park")) or re.sub(r"^(?:该|本|此|这个)", "", m.group("park")) in \
                _SUBJECT_PARK_BLOCK | {"园", "经开区", "高新区"} or name in {"园区", "园", "开发区", "片区", "新区", "基地"}:
            return None
        town, name, s, e = "", _park_of(m.group("park")), m.start("park"), m.end("park")
    cj = re.search(r"[与和及]", name[1:])
    if cj and not m.group("zone"):
        left = name[: cj.start() + 1]
        if len(left) > 3 or re.search(r"(?:" + _PARK_SUFFIX + r"|强化|加强|深化|推动|推进|促进|实现|开展|加快|支持|密切|积极)$", left):
            return None  # "强化与四川西充园区": a partner; "A园和B园" is read as a list below (not "义和镇工业集中区")
    zm = re.match(r"[东西南北中](?:区|园|片区|片)" + _PARK_FOLLOW, cl[e:]) if not m.groupdict().get("zone") else None
    if zm:  # "兴华工业园区东区主要发展…": the zone of the park is the subject
        name, e = name + zm.group(0), e + zm.end()
    parks = [(name, s)]
    # a list of parks: "高峰园、天子园重点发展…"
    while True:
        mm = re.match(r"\s*(?:、|和|与|及|以及)\s*" + _PARK_NAME + r"(?:(?=\s*的[^,]{0,12}?面积)|(?=\s*等[^,;。]{0,4}(?:,|$))|" + _PARK_FOLLOW + ")",
                      cl[e:])
        if not mm or not _park_of(mm.group("park")):
            break
        parks.append((_park_of(mm.group("park")), e + mm.start("park")))
        e = e + mm.end("park")
    if re.match(r"^\s*的[^,]{0,12}?面积", cl[e:]):  # "A园、B园的工业用地面积2平方公里,…": a modifier
        return parks, town, len(cl)
    if (cl[e:].lstrip().startswith("的") and not _ROLE_IS_RE.match(cl[e:])) or re.match(r"^[^,]*?(?:与|同|和|跟|及)[^,]*?(?:合作|协同|联动|协作|交流|对接)", cl[e:]):
        return None  # "X园区的企业…" / "X园区…交流合作": the park only qualifies a noun or is a partner
    return parks, town, e


#: "在电力装备基地建设方面,…": a topic the clause is about, not a park it is in.
_TOPIC_FRAME = re.compile(r"^\s*在[^,;。]{1,20}方面")
#: A full park name opening a clause, whatever word follows it ("西彭园区厚积薄发,…"): the clause's subject.
_STRONG_PARK = re.compile(_SUBJECT_LEAD + r"(?P<zone>(?!))?(?P<park>[\u4e00-\u9fff]{2,12}?(?:高新技术产业开发区|经济技术开发区|经济开发区|工业园区|"
                          r"产业园区|开发区|经开区|高新区|工业园|产业园|园区))(?![区园\u4e00-\u9fff]{0,1}(?:区|园|管委会|企业|的|和|与|及|、))")


#: Connectives that may also open a park's name (未来产业园, 现代产业园…).
_NAME_LIKE_CONNECTIVES = {"未来"}
#: Park-like words that are never a subject on their own.
_SUBJECT_PARK_BLOCK = {"园区", "产业园", "工业园", "产业园区", "工业园区", "开发区", "基地", "片区", "新区", "功能区"}
_OBJECT_VERB = re.compile(r"建设|创建|打造|培育|建成|发展|做强|做大|提升|推进|升级为|设立|组建|形成|规划|建立")
#: "加快东港工业园建设" / "推进东港工业园扩区提质": the park a clause builds up, then its industries.
_BUILD_UP_PARK = re.compile(
    r"^\s*(?:进一步|持续|全力|着力|大力|积极|要|将)*(?:加快|推进|推动|加速|抓好|完善|深化|支持|做好)(?:推进)?"
    r"(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:" + _PARK_SUFFIX + r"))"
    r"(?:的)?(?:建设|开发|开发建设|规划建设|提档升级|扩区提质|扩容提质|转型升级|提质增效|扩区|升级)\s*$"
)
_OBJECT_REST = re.compile(
    r"(?:为)?(?:市级|省级|国家级)?(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:" + _PARK_SUFFIX + r"))\s*$"
)


class _ObjectPark:
    """"…创建市级临港工业园" → the park a clause ends with, after its last verb (a ``re.Match``-like result)."""

    @staticmethod
    def search(cl: str) -> re.Match | None:
        for vm in reversed(list(_OBJECT_VERB.finditer(cl))):
            om = _OBJECT_REST.match(cl, vm.end())
            if om and _park_of(om.group("park")):
                return om
        return None


_OBJECT_PARK = _ObjectPark()
_TOWN_IN = re.compile(r"(?:位于|地处|坐落于|坐落在)(?:[^,;。]{0,12}?)(?P<town>[\u4e00-\u9fff]{1,6}(?:街道|镇|乡))")


def _list_is_industries(st: _State, items: list[tuple[str, int]], category: str) -> bool:
    """Whether an object reads as a list of industries (for weak verbs and unknown items)."""
    if category and (_COUNTER_TAIL.search(category) or re.search(r"产业|集群|行业|领域|方向", category)):
        return True
    if len(items) >= 2 and all(re.search(r"(?:产业|产业集群|产业链)$", i) and len(i) >= 4 for i, _ in items):
        return True  # "临空型产业、高新技术产业", "有机颜料产业集群和针状焦产业集群": each item says it is an industry
    if any(_IND_MODIFIER.match(i) and _INDUSTRY_LIKE.search(i) and len(i) >= 4 for i, _ in items):
        return True  # "高端制造、…": a modified industry head the vocabulary does not list
    return any(st.vocab.classify(i)[0] for i, _ in items)


def _counted(category: str) -> int:
    """The number the counter ending a list states ("…、D四个主导产业" → 4, '"3+1"产业' → 0)."""
    m = re.search(r'"?(?P<n>\d+|[一二两三四五六七八九十])"?\s*(?:大|个|类|项)[^、,]{0,8}?(?:产业|行业|集群|领域)$',
                  category or "")
    if not m:
        return 0
    return _num(m.group("n"))



def _ok_item(st: _State, item: str, in_list: bool) -> bool:
    """A valid industry item: the vocabulary knows it, or it sits in a list that reads as industries."""
    if _valid_item(st, item):
        return True
    if not in_list or not item or len(item) < 2 or len(item) > 12 or _ITEM_NOISE.search(item):
        return False
    if re.search(r"[\d亿%的是等]|平方|公里|企业|项目|园区|基地|平台|中心|公园|综合体", item) or _GENERIC_HEAD.match(item):
        return False
    return True


#: A list closed by a count of facilities ("…、智能制造五个创新中心"): centres, platforms, projects, not industries.
_FACILITY_COUNT = re.compile(r"(?:\d+|[一二两三四五六七八九十])\s*(?:个|大|类|项|座|家)?[^、,]{0,6}?"
                             r"(?:中心|平台|实验室|工作站|市场|项目|工程|行动|载体|场景|公园|园区|园|组团|片区)$")


def _object_items(st: _State, body: str) -> tuple[str, int, list[tuple[str, int]], str, list[str], bool] | None:
    """The industry verb at the start of ``body`` and its object: (verb, object offset, items, category,
    examples, strong). ``None`` if the clause does not start with an industry verb or frame."""
    got = _object_items_any(st, body)
    if got and (_FACILITY_COUNT.search(got[3] or "") or got[2] and _FACILITY_COUNT.search(got[2][-1][0])):
        return None
    if got and len(got[2]) >= 2 and all(re.search(r"(?:园区|工业园|产业园|片区|组团)$", i) for i, _o in got[2]):
        return None  # "形成了装备制造园区、食品加工园区、物流园区三大板块": parks, not industries
    return got


def _object_items_any(st: _State, body: str) -> tuple[str, int, list[tuple[str, int]], str, list[str], bool] | None:
    fm = _FRAME_RE.match(body)
    if fm:
        lst = fm.group("list")
        items, category, examples = _split_items(st, lst)
        return "以…为" + fm.group("role"), fm.start("list"), items, category or fm.group("role"), examples, True
    im = _IS_FRAME_RE.match(body)
    if im:
        items, category, examples = _split_items(st, im.group("list"))
        return "以…为" + im.group("role"), im.start("list"), items, category or im.group("role"), examples, True
    rm = _ROLE_IS_RE.match(body)
    if rm and len(body) > rm.end():
        items, category, examples = _split_items(st, body[rm.end():])
        return rm.group("role") + "为", rm.end(), items, category or rm.group("role"), examples, True
    vm = _VERB_RE.match(body)
    if vm:
        obj = body[vm.end():]
        items, category, examples = _split_items(st, obj)
        base = _base_industry(st, obj) if len(items) == 1 and not examples else None
        if base and base[0] != items[0][0]:
            # "着力打造全国重型汽车生产基地": the industry of the base, not the base
            return vm.group("verb"), vm.end() + base[1], [(base[0], 0)], "", [], True
        return vm.group("verb"), vm.end(), items, category, examples, True
    km = _COUNTED_IS_RE.match(body)
    if km:  # "四大集群分别是A集群、B集群、C集群及D集群"
        items, category, examples = _split_items(st, body[km.end():])
        if len(items) == _num(km.group("n")):
            return "分别是", km.end(), items, category, examples, True
    zm = _IS_LIST_RE.match(body)
    if zm:  # "(P)是A、B和C等全产业链重点功能区": the industries the park is a zone for
        items, category, examples = _split_items(st, zm.group("list"))
        if len(items) >= 2 and _list_is_industries(st, items, category):
            return "是…区", zm.start("list"), items, category, examples, False
    cm = _CLUSTER_BUILD_RE.match(body)
    if cm:  # "重点建设集成电路产业集群和软件及服务外包产业集群": the industries of the clusters built
        items, category, examples = _split_items(st, cm.group("list"))
        if items and all(len(i) >= 2 for i, _o in items):
            return cm.group("verb"), cm.start("list"), items, category, examples, True
    am = _WRAP_RE.match(body)
    if am:  # "加快园区A、B和C等特色产业发展": the list wrapped by 加快…发展
        items, category, examples = _split_items(st, am.group("list"))
        if len(items) >= 2 and _list_is_industries(st, items, category):
            return "加快…发展", am.start("list"), items, category, examples, False
    tm = _TOWARD_RE.match(body)
    if tm:  # "并逐步向锂电新能源、光电信息等新兴产业延伸拓展": where the park is heading
        items, category, examples = _split_items(st, tm.group("list"))
        if items and _list_is_industries(st, items, category):
            return "向…延伸", tm.start("list"), items, category, examples, False
    pm = re.match(r"^\s*(?:的|其)?(?:功能|产业)?定位(?:为|是)", body)
    base = _base_industry(st, body[pm.end():], heads=True) if pm else None
    if base:  # "定位为中低档陶瓷生产基地": the industry of the base the park is meant to be
        return "定位为", pm.end() + base[1], [(base[0], 0)], "", [], True
    wm = _FORM_RE.match(body)
    if wm:
        obj = body[wm.end():]
        around = _AROUND_GROW.search(obj) if wm.group("verb") == "围绕" else None
        if around:  # "围绕A、B、C产业发展": the list the park grows, without its 发展
            obj = obj[:around.start()] + ("产业" if around.group(0).startswith("产业") else "")
        items, category, examples = _split_items(st, obj)
        base = _base_industry(st, obj) if wm.group("verb").startswith(("打造", "建成", "建设")) and len(items) == 1 else None
        if base:  # "打造全国农产品加工创业基地": the industry of the base the park builds
            return wm.group("verb"), wm.end() + base[1], [(base[0], 0)], "", [], False
        if obj.startswith(("成", "为", "了")) and not obj.startswith("了以") and wm.group("verb") in ("形成", "打造", "建成", "构建"):
            return None
        if len(items) < 2 and not (category and _COUNTER_TAIL.search(category + "")) and not (
            items and st.vocab.classify(items[0][0])[0] and (len(items[0][0]) <= 8 or len(items[0][0]) <= 12 and items[0][0].endswith("业"))
        ):
            return None
        if not _list_is_industries(st, items, category):
            return None
        if wm.group("verb") == "围绕" and not re.search(r"主导|支柱|首位", category) and not around:
            return None  # "围绕A、B等产业,打造物流节点": serving industries, not the park's own
        return wm.group("verb"), wm.end(), items, category, examples, False
    return None


#: "重庆国际生物城相关负责人告诉界面重庆": a park's spokesman opening a sentence.
_SPOKESMAN = re.compile(r"^[\s\x22”]*(?:据)?(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:" + _PARK_SUFFIX + r"))(?:管委会|管理委员会)?(?:相关|有关)?"
                        r"(?:负责人|主任|副主任|书记|工作人员|人士)[^,;。]{0,12}?(?:告诉|表示|介绍|说|称|透露)")
#: "将A园和B园一体打造/整体规划": parks a park takes in, not the subject of what follows.
_MERGE_PARKS = re.compile(r"^\s*(?:将|把)[^,;。]{4,60}?(?:一体打造|一体化打造|整体规划|统一规划|整合|合并|纳入)[^,;。]{0,6}$")
#: "(1月27日,)笔者从安徽六安金安经开区…新闻发布会上获悉": a report from a park.
_REPORTED_FROM = re.compile(r"^\s*(?:记者|笔者)(?:从|在)(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:" + _PARK_SUFFIX + r"))"
                            r"[^,;。]{0,30}?(?:了解到|获悉|得知)\s*$")
#: "四大集群分别是A集群、B集群": a counted category, then its items.
_COUNTED_IS_RE = re.compile(r"^\s*(?:这|其)?(?P<n>[一二两三四五六七八九十\d]+)\s*(?:大|个)\s*(?:主导|支柱|特色|优势|重点)?(?:产业)?(?:集群|产业|板块)"
                            r"\s*(?:分别)?(?:是|为|包括|有|即)\s*:?")
#: "是A、B和C等全产业链重点功能区": a list of industries the park is the zone for.
_IS_LIST_RE = re.compile(r"^\s*(?:是|为|作为)(?P<list>[^,;。]{4,80}?)等[^,;。、]{0,10}?(?:功能区|集聚区|基地|园区|承载区|承载地|示范区|产业园)$")
#: "(P)逐步向A、B等新兴产业延伸拓展": the industries a park extends into.
_TOWARD_RE = re.compile(r"^\s*(?:并|还|也|正|将|要)?\s*(?:逐步|逐渐|加快|积极|不断|持续|加速|正在)?\s*(?:向|朝)(?P<list>[^,;。]{2,40}?)"
                        r"(?:延伸拓展|拓展延伸|延伸|拓展|转型升级|转型|进军|迈进)$")
#: "重点建设A产业集群和B产业集群": clusters named by their industries.
_CLUSTER_BUILD_RE = re.compile(r"^" + _ADVERBS + r"*(?P<verb>建设|打造|培育|壮大|发展)(?P<list>[^,;。]{2,20}?(?:产业集群|产业链)"
                               r"(?:\s*(?:、|和|及|与)\s*[^,;。、和与]{2,20}?(?:产业集群|产业链))+)$")


#: "(围绕A、B产业)发展": the end of a list the park grows around.
_AROUND_GROW = re.compile(r"(?:产业|行业)?(?:集群|集聚|融合|高质量|加快|快速)?发展$")
#: "(打造)全国重要的农产品加工创业基地": the industry of a base.
_BASE_OBJ = re.compile(
    r"^(?:成为|成)?(?:全国|全省|全市|全球|国内|国际|西部|西南|中西部|区域性|国家级|省级|市级|重要|一流|领先|知名|最大|"
    r"重点|特色|示范)*(?:的)?(?P<ind>[\u4e00-\u9fff]{2,10}?)(?:创业|示范|产业|生产|集聚|聚集)?基地$"
)
def _base_industry(st: _State, obj: str, heads: bool = False) -> tuple[str, int] | None:
    """The industry of a base an object names ("全国重要的农产品加工创业基地" → 农产品加工, after the last 的; a grade
    such as 中低档 dropped) and where it ends in ``obj``, when the vocabulary (or, with ``heads``, an industry head
    word) knows it; else ``None``."""
    bm = _BASE_OBJ.match(obj)
    if not bm:
        return None
    ind = bm.group("ind").split("的")[-1]
    ind = re.sub(r"^(?:中低档|中高档|高档|低档|中档|高端|中端)", "", ind) if len(ind) > 4 else ind
    if len(ind) < 2 or _ITEM_NOISE.search(ind) or not (st.vocab.classify(ind)[0] or heads and industry_head(ind)):
        return None
    return ind, bm.end("ind") - len(ind)


#: "加快(园区)A、B等特色产业发展": a list of industries wrapped by a verb and 发展.
_WRAP_RE = re.compile(
    r"^(?:进一步|持续|着力|大力|积极|全力|要|将)*(?:加快|加速|推动|促进|支持|推进)(?:园区|推进)?"
    r"(?P<list>[^,;。、]{2,12}(?:、[^,;。、]{1,12})+?等?[^,;。、]{0,6}?(?:产业|行业))(?:的)?(?:集聚|聚集|集群|做大做强)?"
    r"(?:蓬勃|快速|加快|融合|协同|高质量|集群化|链条化)?(?:发展|集聚|聚集|壮大)$"
)


def _park_statements(st: _State, base: int, line: str, s_off: int, sent: str, para_park: str,
                     lead_off: int, ctx: _Ctx, para_note: str = "") -> None:
    """Park → industries in one sentence: subject park(s), then industry verbs with their object lists.

    ``para_park`` is the park the sentence is about when it names none (the paragraph's lead term, or with
    ``para_note`` a park carried from earlier: then ``lead_off`` is its offset, which may be negative).
    """
    parks: list[tuple[str, int]] = []
    n_before = len(st.out)
    from_lead = False
    if para_park:
        parks, from_lead = [(para_park, lead_off if (lead_off >= 0 or para_note) else s_off)], True
    listed: list[str] = []
    note0 = para_note
    conf0 = 0.7 if para_note else 0.85
    # a park carried from an earlier sentence or paragraph gives way to any park this sentence names itself
    carried = bool(para_park and para_note)
    clauses = _clauses(sent)
    pending_role = ""
    pending_n, list_left, pending_items_role = 0, 0, ""
    bare_list = False
    for ci, (c_off, clause) in enumerate(clauses):
        off = s_off + c_off
        cl = clause
        dm = None if parks and not carried or _TOPIC_FRAME.match(cl) else _RELY_ON_PARK.match(cl)
        if dm and dm.group("rest").strip() and not _object_items(st, dm.group("rest").strip()):
            dm = None  # "在P…" followed by something else: read the clause as usual
        if dm and _park_of(dm.group("park")):
            # "依托X产业园,重点发展…" / "以P为载体,…" / "依托P发展…": the park is where the industries go
            parks, from_lead, carried = [(_park_of(dm.group("park")), off + dm.start("park"))], True, False
            for mm in re.finditer(r"(?:、|和|及|与)\s*(?P<p>[^、和及与()]+)", dm.group("more")):  # "依托A园、B园,…"
                if _park_of(mm.group("p")):
                    parks.append((_park_of(mm.group("p")), off + dm.start("more") + mm.start("p")))
            note0, conf0 = "park from '依托…' at the start of the sentence", 0.6
            if not dm.group("rest").strip():
                continue
            off, cl = off + dm.start("rest"), dm.group("rest")
        fm = re.match(r"^\s*(?P<w>前者|后者)", cl)
        if fm and st.pair_refs:
            # "园区由木洞和麻柳两大组团构成。前者…重点发力…;后者…": the first or the second of the two just named
            nm, at = st.pair_refs[0 if fm.group("w") == "前者" else 1]
            parks, from_lead, listed, carried = [(nm, at - base)], False, [], False
            note0, conf0 = f"'{fm.group('w')}' of the two parks named before", 0.7
            off, cl = off + fm.end(), cl[fm.end():]
        fm2 = _REPORTED_FROM.match(cl) if not parks or carried else None
        if fm2 and _park_of(fm2.group("park")) and ci + 1 < len(clauses) and _ANAPHOR.match(clauses[ci + 1][1]):
            # "笔者从安徽六安金安经开区…获悉,该区将重点布局…": the park the report comes from, named by the next clause
            parks, from_lead, listed, carried = [(_park_of(fm2.group("park")), off + fm2.start("park"))], False, [], False
            note0, conf0 = "the park the report comes from", 0.6
            continue
        rm = _SPOKESMAN.match(cl)
        if rm and _park_of(rm.group("park")):
            # "重庆国际生物城相关负责人告诉记者,四大集群分别是…": the park whose spokesman speaks is the topic
            parks, from_lead, listed, carried = [(_park_of(rm.group("park")), off + rm.start("park"))], False, [], False
            note0, conf0 = "the park whose spokesman is quoted", 0.6
            continue
        if re.match(r"^\s*(?:位于|地处|坐落于|坐落在)", cl):
            # "…,位于高峰街道,…": where the current park is, not a new subject
            tm = _TOWN_IN.search(cl)
            for nm, _s in parks if tm else []:
                st.towns.setdefault(nm, tm.group("town"))
            continue
        if parks and not carried and _MERGE_PARKS.match(cl):
            continue  # "河东新能源产业园,将郑旺光伏产业园和汤河北部产业园一体打造,重点发展…": the parks it takes in
        sp = _subject_parks(st, cl)
        if sp:
            names, town, e = sp
            rest = cl[e:]
            paren = re.match(r"^\s*\([^()]{1,24}\)", rest)  # "正阳工业园区(黔江高新区)重点发展…"
            if paren:
                rest = rest[paren.end():]
            rest = re.sub(r'^\s*"', "", rest)  # '"兴华工业园区"重点发展…': the closing quote of the name
            rest = re.sub(r"^\s*内(?=[^,;。]{0,4}(?:集聚|聚集|汇集|形成|拥有|重点|主要))", "", rest)  # "X园区内集聚了…"
            dash = re.match(r"^\s*(?:—+|-+)\s*", rest)
            if dash:  # "东港工业园——重点发展…" / "东港工业园——A、B、C"
                rest = rest[dash.end():]
            tm = _TOWN_IN.search(rest)
            for nm, _s in names:
                if town or tm:
                    st.towns.setdefault(nm, town or tm.group("town"))
            parks = [(nm, off + s) for nm, s in names]
            from_lead, listed, note0, conf0, carried = False, [], "", 0.85, False
            bare_list = bool(dash) or (not rest.strip() and ci + 1 < len(clauses) and sent[c_off + len(clause):][:1] == ":")
            st.note_park(names[-1][0], base + off + names[-1][1])
            off = off + len(cl) - len(rest)
            cl = rest
        elif (not parks or carried) and (ci == 0 or (ci == 1 and _REPORTING.search(clauses[0][1]))) and (op := opening_park(cl)):
            # "来安县经济开发区由汊河和县城两大工业片区组成,…,逐步形成了以…为主的综合性园区": the park opening the
            # sentence is its topic, whatever its first clause says about it
            name, s = op
            parks, from_lead, listed, carried = [(name, off + s)], False, [], False
            note0, conf0 = "park opening the sentence", 0.7
            st.note_park(name, base + off + s)
            continue
        elif pl := place_park(st, cl):
            # "浏阳重点发展…" after "浏阳高新区" was named: the park by the place it is named after
            found, e = pl
            # the quote starts at the place in this clause, not at the park's first mention paragraphs earlier
            here = off + len(cl) - len(cl.lstrip())
            parks, from_lead, listed, carried = [(nm, here) for nm, _at in found], True, [], False
            note0, conf0 = "park by its place name", 0.6
            off, cl = off + e, cl[e:]
        elif ci == 0 and (short := _short_park(st, cl)):
            # "生命健康板块将打造…" after "生命健康产业园" was named: the park by a short name
            name, e = short
            parks, from_lead, listed = [(name, off)], True, []
            note0, conf0 = f"park '{name}' by a short name", 0.6
            off, cl = off + e, cl[e:]
        elif (not parks or carried) and ci + 1 < len(clauses):
            # "推进八滩创建市级临港工业园,大力发展…": the park the clause builds is the next clause's subject
            om = _BUILD_UP_PARK.match(cl) or _OBJECT_PARK.search(cl)
            nxt = clauses[ci + 1][1].lstrip()
            if om and _park_of(om.group("park")) and _object_items(st, nxt):
                pk = _PLACE_PREFIX.sub("", _park_of(om.group("park"))) or _park_of(om.group("park"))
                parks = [(pk, off + om.end("park") - len(pk))]
                from_lead, listed, carried = False, [], False
                note0, conf0 = "park from the clause before the verb", 0.7
                continue
        if not parks:
            continue
        am = _ANAPHOR.match(cl) if not sp and (para_note.startswith("park from '园区'") or ci > 0) else None
        if am:  # "园区重点发展…" about the park named before
            off, cl = off + am.end(), cl[am.end():]
        body = cl.lstrip()
        boff = off + len(cl) - len(body)
        each = len(parks) >= 2 and body.startswith("分别")  # "A园、B园分别重点发展X、Y": one to one
        if each:
            body, boff = body[2:], boff + 2
        if list_left > 0 and pending_items_role and re.fullmatch(r"\s*[\u4e00-\u9fffA-Za-z0-9]{2,16}\s*", body) \
                and not _VERB_RE.match(body.strip()) and _ok_item(st, body.strip(), True):
            # "建立六大主导产业:A,B,C…": the count's list goes on over the commas
            list_left -= 1
            item = body.strip()
            for pk, pstart in parks:
                _emit_park_item(st, base, pk, pstart, item, boff + body.find(item), pending_items_role, [],
                                conf0 if note0 else 0.75, note0)
            listed.append(item)
            continue
        list_left = 0
        rom = re.fullmatch(r"\s*(?:的|其)?(?:(?:将|要)?(?:建立|形成|打造|构建|培育|发展|拥有)(?P<n>[一二两三四五六七八九十\d]+)\s*(?:大|个))?"
                           r"(?P<role>主导产业|支柱产业|重点产业|主要产业|首位产业|特色产业|优势产业|产业定位|"
                           r"主导行业|发展方向|产业方向)\s*(?:(?:有|包括|共有|共|为|是)\s*[一二两三四五六七八九十\d]+\s*(?:项|个|类|大类|大))?\s*",
                           body)  # "主导产业有两项,分别为A和B": the count, then the list
        if rom and ci + 1 < len(clauses):  # "主导产业:A、B" — the list is the next clause
            pending_role = rom.group("role")
            pending_n = _num(rom.group("n")) if rom.group("n") else 0
            continue
        vfull = _VERB_RE.match(body)
        if vfull and ci + 1 < len(clauses) and re.fullmatch(r"\s*(?:(?:以下|如下)[^,;。]{0,6})?\s*", body[vfull.end():]) \
                and sent[c_off + len(clause):][:1] == ":":
            pending_role = vfull.group("verb")  # "主要发展(以下产业):A、B"
            continue
        if pending_role:
            lead_m = re.match(r"^(?:分别(?:为|是)|即|包括|主要(?:为|是|有))\s*", body)
            if lead_m:
                body, boff = body[lead_m.end():], boff + lead_m.end()
            items, category, examples = _split_items(st, body)
            is_verb = bool(_VERB_RE.fullmatch(pending_role))
            res = (pending_role if is_verb else pending_role + ":", 0, items,
                   category or ("" if is_verb else pending_role), examples, True)
            first_n = len(items) if "、" in body else 1  # "A和B产业,C产业,…": one piece of the count per clause
            if c_off and sent[c_off - 1:c_off] == ":" and pending_n > first_n:
                list_left, pending_items_role = pending_n - first_n, _role_from(pending_role) or "lead"
            pending_role, pending_n = "", 0
        else:
            res = _object_items(st, body)
        if not res and bare_list and body:
            # "东港工业园:A、B、C" / "东港工业园——A、B、C": a bare list of known industries after the park
            items, category, examples = _split_items(st, body)
            if len(items) >= 2 and all(st.vocab.classify(i)[0] and not _ITEM_NOISE.search(i) for i, _ in items):
                res = ("(list)", 0, items, category, examples, False)
        if body:
            bare_list = False  # only the clause right after the park (or after its dash)
        if res:
            verb, oo, items, category, examples, strong = res
            if each and len(items) != len(parks):
                each = False
            role = "lead" if (verb in _LEAD_VERBS or verb.startswith(("以", "主导"))) else ("emerging" if strong else "lead")
            if verb in _EMERGING_VERBS_SET:
                role = "emerging"
            role = _role_from(category) or role if category else role
            if _role_from(category) == "specialty" and "特色消费品" in category:
                role = "lead"
            in_list = _list_is_industries(st, items, category)
            if not in_list and strong and len(items) >= 2 and "以" not in verb:
                # a strong verb's list of two or more is read as industries even where the vocabulary knows none,
                # each item by its head word ("会展会务、总部经济"; not "产城融合、山水交融")
                in_list = True
                items = [(i, o) for i, o in items if _INDUSTRY_LIKE.search(i) or industry_head(i)
                         or re.search(r"(?:服务|会务|物流|贸易|金融|旅游|业)$", i)]
            counted = _counted(body[oo:]) == len(items) and len(items) >= 2
            for k, (item, ioff) in enumerate(items):
                if not _ok_item(st, item, in_list) and not (
                        counted and 2 <= len(item) <= 12 and not re.search(r"[\d亿%]|企业|项目", item)):
                    continue  # (a list whose counter says how many items it has: "…四个主导产业" keeps each)
                conf = (conf0 if note0 or not from_lead else 0.75) - (0 if strong else 0.1)
                note = note0 or ("park from the paragraph heading" if from_lead else "")
                ex = examples if (len(items) == 1 or k == 0) else []
                for pk, pstart in ([parks[k]] if each else parks):
                    _emit_park_item(st, base, pk, pstart, item, boff + oo + ioff, role, ex, conf, note)
                    _emit_examples(st, base, s_off, pk, pstart, item, ex, role, conf, listed)
                listed.append(item)
                listed.extend(ex)
            continue
        park, park_start = parks[0]
        cm = _FRAME_CONT.match(body) if listed else None
        if cm:  # "以A为支柱,B、C为新兴的产业体系": the next piece of the frame, without its 以
            items, _category, examples = _split_items(st, cm.group("list"))
            in_list = _list_is_industries(st, items, "")
            role = _role_from(cm.group("role") + "产业") or "lead"
            for k, (item, ioff) in enumerate(items):
                if _ok_item(st, item, in_list):
                    _emit_park_item(st, base, park, park_start, item, boff + cm.start("list") + ioff, role,
                                    examples if k == 0 else [], 0.75)
                    listed.append(item)
            continue
        if body.startswith("以") and listed and re.search(r"为(?:代表|主|重点|核心)", body):
            # continuation of the previous list: ",以A为代表的B"
            items, category, examples = _split_items(st, body)
            for k, (item, ioff) in enumerate(items):
                if _valid_item(st, item):
                    _emit_park_item(st, base, park, park_start, item, boff + ioff, "lead",
                                    examples if k == 0 else [], 0.8)
                    listed.append(item)
                    listed.extend(examples if k == 0 else [])
            continue
        bm = _BUILD_RE.match(body)
        if bm and listed:
            # "着力建设A产业园、B产业园": an industry park inside the park adds its industry if not listed yet
            obj = body[bm.end():]
            pos = 0
            for piece in obj.split("、"):
                it = _clean_item(piece)
                ioff = bm.end() + pos + (len(piece) - len(piece.lstrip(' "')))
                if it.startswith("了"):  # "建设了中新航空产业园"
                    it, ioff = it[1:], ioff + 1
                pos += len(piece) + 1
                mm = re.match(r"^(?P<ind>.+?)(?:产业园|产业基地|产业城|园中园|城|园|基地)$", it)
                if not mm:
                    continue
                ind = _PLACE_PREFIX.sub("", mm.group("ind"))
                core = re.sub(r"特色|高端|现代|产业|生产制造|制造", "", ind)
                if not core or any(core in x or x.replace("产业", "") in ind for x in listed):
                    continue
                if not st.vocab.classify(ind)[0]:
                    continue
                start_in = it.find(ind)
                _emit_park_item(st, base, park, park_start, ind, boff + ioff + start_in, "lead", [], 0.55,
                                "from an industry park the plan builds there")
                listed.append(ind)
            continue
    sent_start = st.nt.span(base + s_off, base + s_off + 1)[0]
    if parks and not any(f.kind == "park_industry" and f.start >= sent_start for f in st.out[n_before:]):
        _counted_roles(st, base, s_off, sent, parks[0])
    if parks and not any(f.kind == "park_industry" for f in st.out[n_before:]):
        _fallback_lists(st, base, s_off, sent, parks[0])
    _around_frame(st, base, s_off, sent, clauses)
    _lead_frame(st, base, s_off, sent)
    _modified_parks(st, base, s_off, sent)
    _placed_in_parks(st, base, s_off, sent)
    _made_into_parks(st, base, s_off, sent)
    _paren_pairs(st, base, s_off, sent)
    _named_industry_parks(st, base, s_off, sent)
    _logistics_parks(st, base, s_off, sent)


#: "A、B和C三大主导产业…" / "形成了以A为主导产业、B、C七大支柱产业": a list its counter calls roles, anywhere in a
#: sentence (no verb needed): the industries of the sentence's park.
_COUNTED_ROLES = re.compile(r"(?P<list>[^,;。:!?]{2,120}?)(?:等)?\s*(?P<n>[一二两三四五六七八九十\d]+)\s*(?:大|个|类)\s*"
                            r"(?:(?:战略性)?新兴|主导|支柱|特色|优势|首位|重点|传统)(?:产业|行业)(?:集群)?")
_LIST_LEAD = re.compile(r"^.*?(?:形成了?|构建了?|打造|培育|发展|拥有|聚焦|包括|有|以)(?=[^,;。]{2})")


def _counted_roles(st: _State, base: int, s_off: int, sent: str, park: tuple[str, int]) -> None:
    """Industries in a list whose counter names their role, said of ``park`` (see :data:`_COUNTED_ROLES`)."""
    for m in _COUNTED_ROLES.finditer(sent):
        body, at = m.group("list"), m.start("list")
        lm = _LIST_LEAD.match(body)
        if lm:
            body, at = body[lm.end():], at + lm.end()
        body = re.sub(r"^(?:了|以)", " ", body)
        items, _cat, examples = _split_items(st, body)
        cleaned = []
        for it, o in items:
            fm = re.match(r"^以?(?P<x>[^为]{2,20})为(?:主导|支柱|特色|主)(?:产业)?$", it)  # "以汽车为主导产业"
            cleaned.append((fm.group("x"), o + fm.start("x")) if fm else (it, o))
        n = _num(m.group("n"))
        if len(cleaned) != n or not all(_ok_item(st, it, True) for it, _o in cleaned):
            continue  # the counter must agree with the list, each item an industry
        role = _role_from(m.group(0)[m.end("list") - m.start():]) or "lead"
        for k, (it, o) in enumerate(cleaned):
            _emit_park_item(st, base, park[0], park[1], it, s_off + at + o, role, examples if k == 0 else [], 0.6,
                            "a list its counter calls the park's industries")


#: A list of two or more pieces in one clause ("规划开展食品生产、食品贸易、食品仓储物流…").
_ANY_LIST = re.compile(r"(?P<list>[^,;。:、()]{2,30}(?:、[^,;。:、()]{1,16}){1,}(?:(?:和|及|与|以及)[^,;。:、()]{1,16})?)")
#: Words after which a list's first item starts.
_LIST_START = re.compile(r".*(?:开展|进行|发展|布局|打造|培育|包括|涵盖|涉及|拥有|聚集|集聚|形成|引进|引入|建设|主要有|重点|围绕|"
                         r"从事|以|有|为|涵盖了|集中了|汇聚了?|覆盖)")


#: A quantity inside a list item ("光伏装机11万千瓦", "50万台…"): the item is a figure, not an industry (5G, 3D打印 are).
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:万|千|百|亿|吨|台|辆|件|套|个|家|户|亩|平方|公里|瓦|千瓦|%)")


def _fallback_lists(st: _State, base: int, s_off: int, sent: str, park: tuple[str, int]) -> None:
    """A sentence about ``park`` that the grammar could not read: a list of two or more pieces that mostly
    name industries (the vocabulary or an industry head word) is drafted as the park's, with low confidence."""
    for m in _ANY_LIST.finditer(sent):
        body, at = m.group("list"), m.start("list")
        head = body.split("、")[0]
        lm = _LIST_START.match(head)
        if lm:
            body, at = body[lm.end():], at + lm.end()
        if re.search(r"一体|企业|公司|集团|项目|平台|中心|功能|配套|服务体系", sent[m.start():m.end() + 8]):
            continue  # functions of one whole, firms, projects or facilities, not industries
        items, category, _examples = _split_items(st, body)
        if len(items) < 2 or (category and not re.search(r"产业|行业|领域|产品|研发|生产|制造|加工", category)):
            continue
        if any(re.search(r"(?:" + _PARK_SUFFIX + r"|基地|围绕|件|板|管)$|^围绕|为", i) for i, _o in items):
            continue  # a list of parks or bases, or of products
        if any(_GENERIC_HEAD.match(i) or _ROLE_TAIL.fullmatch(i) for i, _o in items):
            continue  # "主导产业" is a role word, not an industry
        cm = re.search(r"([一二两三四五六七八九十\d]+)\s*(?:大|个|类|项)", body[-12:] + sent[m.end():m.end() + 8])
        if cm and _num(cm.group(1)) != len(items):
            continue  # its counter disagrees: not read
        known = [i for i, _o in items if st.vocab.classify(i)[0] or _INDUSTRY_LIKE.search(i)]
        if len(known) < 0.6 * len(items) or not all(2 <= len(i) <= 12 and not _ITEM_NOISE.search(i) and not _QUANTITY.search(i)
                                                     for i, _o in items):
            continue
        for item, o in items:
            _emit_park_item(st, base, park[0], park[1], item, s_off + at + o, "lead", [], 0.5,
                            "a list of industries in a sentence about the park (no verb the grammar knows)")


#: "围绕A、B两大主导产业,P加快…": the role list framing the clause whose subject is a park.
_AROUND = re.compile(r"^\s*(?:紧紧)?(?:围绕|聚焦|紧扣|紧盯|瞄准|立足)(?P<list>[^,;。]{2,60}?)(?:等)?\s*"
                     r"(?:[一二两三四五六七八九十\d]+\s*大)?(?:主导|支柱|首位|特色|优势)(?:产业|行业)(?:集群)?\s*$")


def _around_frame(st: _State, base: int, s_off: int, sent: str, clauses: list[tuple[int, str]]) -> None:
    """"围绕电子信息、装备制造两大主导产业,港城工业园加快…": the framed industries are the next clause's park's."""
    for ci, (c_off, clause) in enumerate(clauses[:-1]):
        m = _AROUND.match(clause)
        sp = _subject_parks(st, clauses[ci + 1][1]) if m else None
        if not sp:
            continue
        items, _cat, examples = _split_items(st, m.group("list"))
        role = _role_from(clause) or "lead"
        nxt = s_off + clauses[ci + 1][0]
        for k, (item, ioff) in enumerate(items):
            if not _ok_item(st, item, True):
                continue
            for pk, pstart in sp[0]:
                _emit_park_item(st, base, pk, nxt + pstart, item, s_off + c_off + m.start("list") + ioff, role,
                                examples if k == 0 else [], 0.7, "industries the clause before the park frames")


#: The next piece of a 以…为 frame: "B、C为新兴(的产业体系)", "以D为辅".
_FRAME_CONT = re.compile(r"^(?:以)?(?P<list>[^,;。为]{2,40}?)(?:等)?(?:产业)?为(?P<role>主导|支柱|特色|支撑|引领|新兴|辅助|辅|补充|重点|主)"
                         r"(?:产业)?(?:的[^,;。]{0,12})?$")


_EMERGING_VERBS_SET = set(_EMERGING_VERBS)
_SHORT_PARK = re.compile(r"^\s*(?P<core>[\u4e00-\u9fff]{2,6}?)(?:板块|园区|园)(?=\s*(?:将|要|重点|主要|着力|大力|以|已|则))")


def _short_park(st: _State, cl: str) -> tuple[str, int] | None:
    """A clause opening with "X板块/X园" where a park named earlier in the text is "…X产业园" or similar."""
    m = _SHORT_PARK.match(cl)
    if not m:
        return None
    core = m.group("core")
    known = [f.park for f in st.out if f.park] + ([st.last_park[0]] if st.last_park else [])
    hits = {k for k in known if core in k and k != core and re.search(r"(?:产业园|工业园|园区|基地)$", k)}
    name = min(hits, key=len) if hits else ""
    if not hits or not all(name in h for h in hits):  # "生命健康产业园" and "中园生命健康产业园" are one park
        return None
    return name, m.end()


#: A clause opening with a bare 园区 / 该园区 / 该开发区: the park named last.
_ANAPHOR = re.compile(r"^\s*(?:(?:同时|目前|今后|未来|其中|据悉)\s*,?\s*)?(?:该|本|这个|此)?(?:(?:入园|入驻|园内|园区)(?:企业|项目)|园区|开发区|经开区|高新区|工业园区|产业园区|产业园|工业园|新区|片区|组团|集聚区|示范区|工业区|园|(?<=该)区域|(?<=该)区)"
                      r"(?:建设|发展)?(?=\s*(?:将|要|打造|培育|布局|全力|持续|做强|做大|壮大|加速|初步|逐步|基本|紧盯|致力|总面积|规划面积|面积|占地|主导|主攻|聚焦|形成|拥有|集聚|聚集|是|共有|现有|主要|重点|着力|大力|积极|加快|以|围绕|依托|立足|坚持|按照|已|现|正|目前|规划|,))")
#: A park founded or built in a clause: "成立了新蒲高新技术工业园区领导小组", "设立X开发区".
_FOUNDED_PARK = re.compile(r"(?:成立了?|设立了?|建立了?|批准设立|获批设立|命名为?|定名为|名为)(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,14}?"
                           r"(?:高新技术工业园区|高新技术产业园区|工业园区|产业园区|经济开发区|开发区|经开区|高新区|工业园|产业园))")
#: "P(规划)重点发展以下产业:" — the industries follow as bullet lines.
_LIST_INTRO = re.compile(r"(?:规划|将)?" + _VERB_RE.pattern.lstrip("^") + r"(?:以下|如下)[^,;。:]{0,8}?[:]\s*$")
_BULLET_ITEM = re.compile(r"^\s*(?:[-·•*]|——|\d+\s*[.、)])\s*(?P<item>[^,;。:!?()]{2,20}?)\s*[。;]?\s*$")
#: "P…,形成了六大产业群:" — a counted list of the park's industries follows as bullet lines.
_COUNTED_INTRO = re.compile(r"(?:形成了?|构建了?|打造|发展|包括|拥有|布局)[^,;。:]{0,6}?[\d一二三四五六七八九十两]+\s*(?:大|个|类)"
                            r"[^,;。:]{0,8}?(?:产业群|产业集群|集群|产业|行业|板块|方向)\s*:\s*$")
#: A bullet whose lead term is the item: "1. 现代中药制造产业集群:以…企业为代表。"
_BULLET_LEAD = re.compile(r"^\s*(?:[-·•*]|——|\d+\s*[.、)])\s*(?P<item>[^,;。:!?()]{2,20}?(?:产业集群|产业群|集群|产业|行业))\s*[:。]")


def whole_line_park(line: str) -> str:
    """The park a line consists of alone (a heading such as "四川荣县经济开发区"), else ``""``."""
    t = re.sub(r"^\s*(?:\d+\s*[.、]|\(\s*[一二三四五六七八九十\d]+\s*\)|[一二三四五六七八九十]+、)\s*", "", line)
    t = t.strip().rstrip(":").strip()
    m = re.fullmatch(_PARK_NAME, t)
    return _park_of(m.group("park")) if m and m.group("park") == t and len(t) >= 4 else ""


#: A park opening a sentence whatever follows ("东港工业园成立于2010年"), for a later 园区.
_OPENING_PARK = re.compile(r"^\s*(?:\d+\s*[.、]|\(\s*[一二三四五六七八九十\d]+\s*\)|[一二三四五六七八九十]+、)?\s*"
                           r"(?:(?:日前|近日|近期|今年以来|(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)\s*,\s*)?"
                           r"(?:据(?=[^,;。]{2,20}?(?:负责人|人士|工作人员|主任|书记)))?"  # "据P相关负责人介绍"
                           r"(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,14}?(?:" + _PARK_SUFFIX + r")(?:区)?)")


#: A park named after a place: "浏阳高新区", "甘肃省庆城高新技术产业开发区", "在津市工业集中区基础上".
_PLACE_PARK = re.compile(r"(?P<park>[\u4e00-\u9fff]{2,12}?(?:高新技术产业开发区|经济技术开发区|高新技术产业园区|经济开发区|工业集中区|"
                         r"产业集聚区|工业园区|产业园区|高新区|经开区|开发区|工业园|产业园|工业村|镇(?![区域村街])))")
_PLACE_CUT = r"(?:[即是为和及与、的在把将并由含于对到至]|分别|包括|依托|建设|设立|打造|批复|同意|认定|命名为?|定名为|成立)"


def _remember_places(st: _State, base: int, s_off: int, sent: str) -> None:
    """Note each park named after a place ("浏阳高新区" → 浏阳), so that "浏阳重点发展…" later finds the park."""
    short = re.sub(r"(?:自治县|自治区|新区|区|县|市)$", "", st.district or "")
    for m in _PLACE_PARK.finditer(sent):
        name = re.split(_PLACE_CUT, m.group("park"))[-1]
        place_m = re.match(r"^(?:[\u4e00-\u9fff]{2,3}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,3}?市(?=[\u4e00-\u9fff]{2}))?"
                           r"(?P<place>[\u4e00-\u9fff]{2,4}?)(?:" + _PARK_SUFFIX + r")$", name)
        if not place_m or not _park_of(name):
            continue
        place = place_m.group("place")
        if place == short or st.vocab.classify(place)[0] or _NOT_PARK_NAME.search(place):
            continue
        st.places[place] = (name, base + s_off + m.end("park") - len(name))
    pm = _TWO_PARTS.search(sent)
    if pm:  # "园区由木洞和麻柳两大组团构成": 前者 and 后者 later
        st.pair_refs = [(pm.group("a"), base + s_off + pm.start("a")), (pm.group("b"), base + s_off + pm.start("b"))]
        for k in ("a", "b"):
            st.places.setdefault(pm.group(k), (pm.group(k), base + s_off + pm.start(k)))
    for m in _LAYOUT_LIST.finditer(sent):
        # "形成了德感、双福、珞璜、白沙的“一区四园”格局": as many places as the layout counts parks, each a park
        names = m.group("names").split("、")
        first = re.split(r"[了的和在与及是为即有]|形成|包括|分为", names[0])[-1]
        at = m.start("names") + len(names[0]) - len(first)
        names[0] = first
        if len(first) < 2:
            continue
        if _num(m.group("n")) != len(names) or any(st.vocab.classify(n)[0] or _NOT_PARK_NAME.search(n) for n in names):
            continue
        for n in names:
            st.places.setdefault(n, (n, base + s_off + at))
            at += len(n) + 1


#: "由木洞和麻柳两大组团构成": two parts named, for a later 前者/后者.
_TWO_PARTS = re.compile(r"由(?P<a>[\u4e00-\u9fff]{2,6}?)(?:和|与|及|、)(?P<b>[\u4e00-\u9fff]{2,6}?)(?:两大|两个|2个)?"
                        r"(?:组团|片区|园区|板块|区块|园)(?:构成|组成)")
#: A layout that counts its parks after naming them: "德感、双福、珞璜、白沙的“一区四园”", "A、B、C三大组团".
_LAYOUT_LIST = re.compile(r"(?P<names>[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){1,9})(?:的|等)?\x22?(?:一区|一城)?"
                          r"(?P<n>[一二两三四五六七八九十\d]+)(?:大|个)?(?:园|组团|片区|园区|板块)(?![\u4e00-\u9fff]{0,2}(?:产业|企业))")




def place_park(st: _State, cl: str) -> tuple[list[tuple[str, int]], int] | None:
    """A clause opening with the place(s) parks are named after, then an industry verb ("浏阳重点发展…", "江阴和新厝
    重点发展…"): ([(park, offset of its mention in the text)], end of the places in ``cl``)."""
    body = cl.lstrip()
    found: list[tuple[str, int]] = []
    pos = 0
    while True:
        place = next((p for p in sorted(st.places, key=len, reverse=True) if body.startswith(p, pos)), None)
        if not place:
            return None
        found.append(st.places[place])
        pos += len(place)
        jm = re.match(r"\s*(?:和|与|及|、)\s*", body[pos:])
        if jm and any(body.startswith(p, pos + jm.end()) for p in st.places):
            pos += jm.end()
            continue
        break
    if not _object_items(st, body[pos:].lstrip()):
        return None
    return found, len(cl) - len(body) + pos


#: A reporting clause before the sentence's topic: "记者了解到,", "据介绍,", "规划显示,".
_REPORTING = re.compile(r"^\s*[^,]{0,12}?(?:了解到|获悉|介绍|显示|指出|表示|据悉|据了解|报道)\s*$")


def opening_park(cl: str) -> tuple[str, int] | None:
    """A park name opening a clause, whatever follows (not "X园区的企业…"): (name, offset), else ``None``."""
    m = _OPENING_PARK.match(cl)
    if not m or cl[m.end():].lstrip().startswith(("的", "与", "和", "及", "、")):
        return None
    name = _park_of(m.group("park"))
    sub = re.match(r"[\u4e00-\u9fffA-Za-z0-9·]{1,8}?(?:" + _PARK_SUFFIX + r")(?=\s*(?:[,。:(;]|$))", cl[m.end():])
    if name and sub and _park_of(sub.group(0)):  # "…试验区琶洲核心区": the zone inside the park is meant
        name = name + sub.group(0)
    if not name or len(name) < 4 or name in _SUBJECT_PARK_BLOCK or re.sub(r"^(?:该|本|此|这个)", "", name) != name:
        return None
    if re.search(r"[将要把被已正的由]|对标|按照|通过", name) or any(name.startswith(w) for w in _SUBJECT_PARK_BLOCK):
        return None  # "园区将对标国家绿色及循环经济园区": a clause, not a name
    return name, m.start("park")


#: "记者从…" / "笔者在…": who reports, before the park a sentence opens with.
_REPORTER_LEAD = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:记者|笔者)(?:从|在|于|走进|来到)")


def remember_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """Keep the last park a sentence names as subject or founds, for a later 园区/该园区."""
    _remember_places(st, base, s_off, sent)
    lead_as = re.match(r"^\s*作为[^,;。]{2,40},\s*", sent)  # "作为全国…示范性产业园,P按照…": P opens the sentence
    skip = lead_as.end() if lead_as else 0
    om = _OPENING_PARK.match(sent[skip:])
    if om and not _ANAPHOR.match(sent[skip:]):
        lead = _REPORTER_LEAD.match(om.group("park"))  # "记者从海口国家高新区…获悉": the park after the reporter
        name = _park_of(om.group("park")[lead.end() if lead else 0:])
        if name and len(name) >= 4 and name not in _SUBJECT_PARK_BLOCK:
            st.note_park(name, base + s_off + skip + om.start("park") + (lead.end() if lead else 0))
    elif not om:
        # "2008年,在…支持下,宜春经济开发区以…": a park that is the subject of a later clause
        for c_off, cl in _clauses(sent)[1:]:
            sm = _SUBJECT_PARK.match(cl)
            name = _park_of(sm.group("park")) if sm and sm.groupdict().get("park") else ""
            if name and len(name) >= 4 and name not in _SUBJECT_PARK_BLOCK and not _ANAPHOR.match(cl):
                st.note_park(name, base + s_off + c_off + sm.start("park"))
                break
    for m in _FOUNDED_PARK.finditer(sent):
        name = _PLACE_PREFIX.sub("", _park_of(m.group("park")))
        if name and name not in _SUBJECT_PARK_BLOCK:
            st.note_park(name, base + s_off + m.start("park") + len(m.group("park")) - len(name))


def anaphor_park(st: _State, base: int, sent: str, near: int) -> tuple[str, int] | None:
    """The park a sentence opening with 园区/该园区 refers to: the last park named within 600 characters."""
    am = _ANAPHOR.match(sent)
    if not st.last_park or not am:
        return None
    name, at = st.last_park
    head = re.sub(r"^(?:该|本|这个|此)", "", am.group(0).strip().split(",")[-1].strip())
    if len(head) >= 2 and head not in ("园区", "区域") and not name.endswith(head):
        # "新区…" after "浦里新区…" and then "临江组团家居产业园…": the last park of that kind
        same = [(n, a) for n, a in st.named if n.endswith(head) and 0 <= base + near - a <= 1500]
        if same:
            name, at = same[-1]
    return (name, at - base) if 0 <= base + near - at <= 600 or (name, at) != st.last_park else None


def list_intro(st: _State, base: int, s_off: int, sent: str, park: tuple[str, int] | None) -> None:
    """"忠县高新产业园规划重点发展以下产业:" → the bullet lines that follow are the park's industries."""
    m = _SUBJECT_PARK.match(sent)
    pk = None
    if m and not m.group("zone") and _park_of(m.group("park")):
        pk = (_park_of(m.group("park")), s_off + m.start("park"))
        rest = sent[m.end("park"):]
    elif park:
        pk, rest = park, sent
    if not pk:
        return
    vm = _LIST_INTRO.match(rest.lstrip())
    if vm:
        st.pending_list = (pk[0], base + pk[1], vm.group("verb"))
    elif rest.rstrip().endswith(":") and _COUNTED_INTRO.search(_clauses(rest.rstrip()[:-1])[-1][1] + ":"):
        st.pending_list = (pk[0], base + pk[1], "形成")


def bullet_items(st: _State, base: int, line: str) -> bool:
    """A bullet line under a list intro: the park's industry. False (and the list closed) on any other line."""
    if not st.pending_list:
        return False
    m = _BULLET_ITEM.match(line) or _BULLET_LEAD.match(line)
    item = _clean_item(m.group("item")) if m else ""
    if m and m.re is _BULLET_LEAD:
        item = re.sub(r"(?:产业集群|产业群|集群)$", "", item) if len(item) > 5 else item
    if not item or not _ok_item(st, item, True):
        if m and re.match(r"^\s*\d+\s*[.、)]", line):
            return True  # a numbered item of the list that is no industry ("汽车4S店产业集群"): the list goes on
        st.pending_list = None
        return False
    park, at, verb = st.pending_list
    role = "emerging" if verb in _EMERGING_VERBS_SET else "lead"
    _emit_park_item(st, base, park, at - base, item, m.start("item") + (m.group("item").find(item)), role, [], 0.7,
                    "industry from a bullet list under the park's '" + verb + "…:'")
    return True


def lead_frame_park(sent: str) -> tuple[str, int] | None:
    """The park a "以发展A、B为抓手,…建设P" sentence builds, and its offset in ``sent``; else ``None``.

    Such a sentence leads its paragraph: the paragraph's later sentences are about P.
    """
    fm = _LEAD_FRAME_RE.match(sent)
    if not fm:
        return None
    rest = sent[fm.end():]
    last_off, last = _clauses(rest)[-1]
    om = _OBJECT_PARK.search(last)
    if om is None or not _park_of(om.group("park")) or re.search(r"[及和与、]|地区|周边", om.group("park")):
        return None
    park = _PLACE_PREFIX.sub("", _park_of(om.group("park"))) or _park_of(om.group("park"))
    return park, fm.end() + last_off + om.end("park") - len(park)


def _lead_frame(st: _State, base: int, s_off: int, sent: str) -> None:
    """"以发展A、B为抓手,…建设P": the listed industries go to the park the sentence builds."""
    lp = lead_frame_park(sent)
    if not lp:
        return
    fm = _LEAD_FRAME_RE.match(sent)
    park, pstart = lp[0], s_off + lp[1]
    items, category, examples = _split_items(st, fm.group("list"))
    in_list = _list_is_industries(st, items, category) or len(items) >= 2
    for item, ioff in items:
        if _ok_item(st, item, in_list):
            _emit_park_item(st, base, park, pstart, item, s_off + fm.start("list") + ioff, "lead", [], 0.65,
                            "industries named before the park ('以…为…,建设…')")


_NAME_PART = r"(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:" + _PARK_SUFFIX + r"))"
#: Industries in a modifier of the park: "以A、B为主导产业的P", "重点发展A的P", "P作为A产业的主要承载地".
_MODIFIED_PARK = (
    re.compile(r"(?:^|[,:、]|包括|(?<=[,、])和|(?<=[,、])及)\s*以(?P<list>[^,;。]{2,40}?)为(?:主导|主|支柱|特色)(?:产业)?的"
               + _NAME_PART),
    re.compile(r"(?:^|[,:])\s*(?:重点|主要)(?:发展|布局)(?P<list>[^,;。的]{2,30})的" + _NAME_PART),
    re.compile(r"^\s*" + _NAME_PART + r"\s*作为(?P<list>[^,;。]{2,30}?)的(?:主要|重要|核心)?(?:承载地|承载区|集聚区|载体|基地)"),
)


_PARK_MORE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:" + _PARK_SUFFIX + r")(?![\u4e00-\u9fff]{0,1}(?:" + _PARK_SUFFIX + r"))")


#: "以P、Q为主体的X产业基地": the parks that make up a base of an industry.
_BODY_OF_BASE = re.compile(
    r"以(?P<parks>[^,;。为]{2,40}?)为(?:主体|核心|依托|载体|龙头|重点)的(?P<ind>[^,;。、的]{2,16}?)(?:产业)?(?:基地|集群|产业带|集聚区)")


def _modified_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """Industries said of a park in a modifier before its name, or with 作为 (see :data:`_MODIFIED_PARK`), and of the
    parks a base of an industry is built on (:data:`_BODY_OF_BASE`)."""
    for m in _BODY_OF_BASE.finditer(sent):
        ind = m.group("ind")
        if not _ok_item(st, ind, False):
            continue
        pos = m.start("parks")
        for piece in re.split(r"(、|和|及|与)", m.group("parks")):
            park = _park_of(piece.strip()) if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·]{1,16}?(?:" + _PARK_SUFFIX + r")", piece.strip()) else ""
            if park and park not in _SUBJECT_PARK_BLOCK:
                _emit_park_item(st, base, park, s_off + pos, ind, s_off + m.start("ind"), "lead", [], 0.65,
                                "the parks a base of the industry is built on ('以P为主体的X基地')")
            pos += len(piece)
    for rx in _MODIFIED_PARK:
        for m in rx.finditer(sent):
            park = _park_of(m.group("park"))
            if not park or park in _SUBJECT_PARK_BLOCK:
                continue
            more = _PARK_MORE.match(sent, m.end("park"))
            if more and _park_of(park + more.group(0)) and not re.search(r"位于|地处|坐落|毗邻|紧邻|[在是为和与及的将]", more.group(0)):  # "…的两江新区鱼复工业园": the whole name, not its first part
                park = park + more.group(0)
            items, category, _examples = _split_items(st, m.group("list"))
            in_list = _list_is_industries(st, items, category)
            for item, ioff in items:
                if _ok_item(st, item, in_list):
                    _emit_park_item(st, base, park, s_off + m.start("park"), item, s_off + m.start("list") + ioff, "lead",
                                    [], 0.65, "industry said of the park in a modifier ('以…为主导的P', 'P作为…的')")


_PAREN = re.compile(r"\((?P<in>[^()]{1,24})\)")


_PLACED_IN = re.compile(
    r"^\s*(?P<list>[^,;。]{2,30}?(?:产业|行业|产业集群|集群))(?:主要|集中|重点|优先|统一|将|要)*"
    r"(?:布局|分布|集聚|聚集|落户|安排|集中|布点)(?:在|于|到)\s*"
)
_PARK_ITEM = re.compile(r"\s*(?:、|和|及|与|以及)?\s*" + _PARK_NAME)


def _placed_in_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """"A、B产业主要布局在P园和Q园": industries first, then the parks they are placed in."""
    for c_off, cl in _clauses(sent):
        m = _PLACED_IN.match(cl)
        if not m:
            continue
        parks: list[tuple[str, int]] = []
        pos = m.end()
        while True:
            pm = _PARK_ITEM.match(cl, pos)
            if not pm or not _park_of(pm.group("park")):
                break
            parks.append((_park_of(pm.group("park")), c_off + pm.start("park")))
            pos = pm.end()
        if not parks:
            continue
        items, category, examples = _split_items(st, m.group("list"))
        in_list = _list_is_industries(st, items, category)
        for item, ioff in items:
            item = re.sub(r"(?:产业集群|集群)$", "", item) if len(item) > 4 else item
            if not _ok_item(st, item, in_list):
                continue
            for pk, pstart in parks:
                _emit_park_item(st, base, pk, s_off + pstart, item, s_off + c_off + m.start("list") + ioff, "lead", [],
                                0.7, "industry placed in the park ('布局在')")


#: "把港深科技园建设成为新材料装备制造产业园" / "把熔铸产业园打造成…的有色金属熔铸产业基地": what a park is made into.
_MADE_INTO = re.compile(r"(?:^|[,;])\s*(?:要|将|并|还|着力|努力|全力)?\s*(?:把|将)(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:"
                        + _PARK_SUFFIX + r"))(?:建设|打造|发展|建)(?:成为|成)(?P<obj>[^,;。]{2,60}?)"
                        r"(?:产业园区|产业园|产业基地|基地|产业集聚区|集聚区|示范区|产业集群|集群|产业城)(?=\s*(?:[,;。]|$))")


def _made_into_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """"把P建设成为X产业园": X is the park's industry (when it reads as one)."""
    for m in _MADE_INTO.finditer(sent):
        park = _park_of(m.group("park"))
        obj = m.group("obj")
        ind = re.split(r"的", obj)[-1]
        ind = _PLACE_PREFIX.sub("", ind)
        ind = re.sub(r"^(?:全国|全省|全市|西部|国内|国际|区域性|重要|一流|领先|知名|最大|特色|现代化|现代|综合性)+(?:的)?", "", ind)
        if not park or len(ind) < 2 or _ITEM_NOISE.search(ind) or not st.vocab.knows(ind):
            continue
        if any(f.kind == "park_industry" and f.park == park and ind in f.industry_as_written for f in st.out):
            continue
        start = m.end("obj") - len(ind)
        _emit_park_item(st, base, park, s_off + m.start("park"), ind, s_off + start, "lead", [], 0.65,
                        "what the plan makes the park into ('把P建设成为…')")


def _paren_pairs(st: _State, base: int, s_off: int, sent: str) -> None:
    """"铝铜加工(北渡产业园)" (industry, then its park in brackets) and "九龙工业园区(摩托车)" (park, then industry)."""
    for m in _PAREN.finditer(sent):
        inner = m.group("in").strip()
        j = m.start()
        i = j
        while i > 0 and re.match(r"[\u4e00-\u9fffA-Za-z0-9·]", sent[i - 1]):
            i -= 1
        cut = list(re.finditer(r"分别是|包括|组成|由|是|即|为|含|和|及|与|在|对|将|把|有", sent[i:j]))
        if cut:
            i += cut[-1].end()
        before = sent[i:j]
        if not before or not inner:
            continue
        inner_park = re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·]{1,14}?(?:" + _PARK_SUFFIX + r")", inner)
        before_park = re.search(r"(?:" + _PARK_SUFFIX + r")$", before)
        if inner_park and not before_park and re.search(r"(?:港|枢纽|中心|园|区|城|基地)$", before):
            continue  # "巨龙农业物流港(农产品物流示范区)": a place with what it is a model of, not an industry
        if inner_park and not before_park:
            park, pstart = _park_of(inner), m.start("in")
            ind, istart = _PLACE_PREFIX.sub("", before), j - len(_PLACE_PREFIX.sub("", before))
            ind = re.sub(r"^(?:由|以|和|及|与|即|为|是|有|包括)", "", ind)
            vm = _VERB_RE.match(ind)  # "重点发展铝铜加工(北渡产业园)": the verb is not part of the industry
            if vm and len(ind) - vm.end() >= 2:
                ind = ind[vm.end():]
            istart = j - len(ind)
        elif before_park and not inner_park:
            bm = re.match(r"^(?:由|以|和|及|与|即|为|是|有|包括|在|对|分别是)?(?P<p>.+)$", before)
            park, pstart = _park_of(bm.group("p")), i + bm.start("p")
            ind, istart = inner, m.start("in")
        else:
            continue
        if re.search(r"\d|号|年|批|级", inner):
            continue
        if before_park:  # "东港工业园(装备制造、电子信息)", "X产业园(养殖业和农产品加工)": each item
            pos = m.start("in") + (len(m.group("in")) - len(m.group("in").lstrip()))
            for piece, p_off in _split_items(st, inner)[0]:
                _paren_emit(st, base, s_off, park, pstart, piece, pos + p_off, m, False)
            continue
        _paren_emit(st, base, s_off, park, pstart, ind, istart, m, bool(inner_park))


def _paren_emit(st: _State, base: int, s_off: int, park: str, pstart: int, ind: str, istart: int, m: re.Match,
                inner_park: bool) -> None:
    """One bracket pair (see :func:`_paren_pairs`)."""
    if not park or len(ind) < 2 or not (st.vocab.classify(ind)[0] or re.search(r"(?:加工|制造|化工|材料|装备)$", ind)):
        return
    a0 = min(pstart, istart)
    b0 = max(pstart + len(park), istart + len(ind), m.end() if inner_park else 0)
    a, b = st.nt.span(base + s_off + a0, base + s_off + b0)
    sector, chain = st.vocab.classify(ind)
    st.out.append(Finding(
        kind="park_industry", park=st.nt.quote(base + s_off + pstart, base + s_off + pstart + len(park)),
        industry_as_written=st.nt.quote(base + s_off + istart, base + s_off + istart + len(ind)),
        town=st.towns.get(park, ""), sector=sector, chain=chain, role="lead", quote=st.nt.original[a:b],
        confidence=0.7 if sector else 0.45, note="park and industry paired by brackets", start=a, end=b,
    ))


#: Words that may open an industry inside a park's name (煤电化工产业园, 高端装备制造产业园).
_IND_MODIFIER = re.compile(r"^(?:高端|现代|新型|绿色|特色|智能|先进|精细|数字|智慧|战略性新兴|新兴|生态|循环|综合|新)")
_NAMED_PARK = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z0-9·]{2,24}?)(?P<suf>产业园区|工业园区|产业园|工业园|产业城|产业片区|产业集聚区|(?<=物流|制造|加工|化工|材料|装备|医药|食品)功能区|"
                         r"(?<=冷链|物流|科技|农业)园区|园(?![区林艺]))"
                         r"(?![\u4e00-\u9fff]{0,2}(?:管委会|公司))")


#: Head words that make a phrase an industry even when the vocabulary does not know it.
_INDUSTRY_LIKE = re.compile(r"(?:制造|加工|化工|材料|装备|医药|食品|建材|纺织|服装|机电|电子|经济|文化|产品|机械|渔业|农业|车)$")
_NAME_CUT = (r"[即是为和及与、的在把将并由含于了]|分别|包括|组成|不断|扩大|壮大|鼓励|获批|推动|推进|建设|打造|加快|培育|规划|布局|启动|"
             r"依托|创建|升级|扩容|支持|引导|围绕|聚焦|发展|做大|做强|入驻|首批|成功|单位|引进|落地|形成|集中|集聚|落户|分布|位于")


#: The same without list words, which may join two industries inside a name ("生物医药及大健康产业园").
_NAME_CUT_VERB = _NAME_CUT.replace("[即是为和及与、的在把将并由含于了]", "[即是为的在把将并由于了]")


def _named_industry_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """Industries named in a park's own name ("煤电化工产业园" → 煤电化工), as lower-confidence drafts."""
    have = {(f.park, f.industry_as_written) for f in st.out}
    for m in _NAMED_PARK.finditer(sent):
        core = m.group("name")
        # the industry starts at the first modifier or vocabulary term; what is before it is a place (or a verb)
        start = -1
        # only the words after the last verb, preposition or list word can name the industry
        first = len(core) - len(re.split(_NAME_CUT_VERB, core)[-1])
        for i in range(first, len(core) - 1):
            tail = core[i:]
            if _IND_MODIFIER.match(tail) or any(tail.startswith(tm) for tm, _s, _c in st.vocab.terms if len(tm) >= 2):
                start = i
                break
        if start < 0 and m.group("suf").startswith("产业"):
            # "港南工业园区羽绒产业片区": what follows the outer park's name is the industry
            om = ([None] + list(re.finditer(r"(?:工业园区|产业园区|园区|工业园|开发区|经开区|高新区|片区|组团)", core)))[-1]
            if om and 2 <= len(core) - om.end() <= 6:
                start = om.end()
            elif 2 <= len(core) <= 6 and re.search(r"(?:园区|工业园|开发区|片区|组团)$", sent[:m.start()]):
                start = 0  # (the outer park's name was read as a park of its own just before)
        if start < 0:
            continue
        ind = core[start:]
        trim = len(ind) - len(re.sub(r"(?:特色|重点|优势|主导|专业|综合|加值|增值)+$", "", ind))  # "海上风电特色产业基地"
        ind = ind[: len(ind) - trim]
        place = core[:start]
        sector, chain = st.vocab.classify(ind)
        bare = m.group("suf") == "园"
        if not sector and (_IND_MODIFIER.match(ind) and len(ind) >= 4 or re.search(
                r"(?:园区|工业园|开发区|片区|组团)$", sent[:m.start("name") + start])) and (
                _INDUSTRY_LIKE.search(ind) or m.group("suf").startswith("产业")):
            sector = ""  # "横店现代制造工业园", "西部智能阀门产业园": an industry the vocabulary does not know
        elif not sector:
            continue
        if bare and (len(ind) < 3 or not (re.split(_NAME_CUT, place)[-1] == "" or re.search(r"\d亿$", place))):
            continue  # a bare "园" names an industry only as "新材料园", "150亿绿色食品园" (not "软件园")
        if re.search(r"等|多个|中心$|^[和与及]|各类|[一二两三四五六七八九十\d]+大", ind):
            continue  # "创新中心等多个产业园区": not one park's name
        if len(ind) < 2 or _ITEM_NOISE.search(ind) or re.search(r"[的为以]", ind) or re.search(r"物流园|物流中心", m.group(0)):
            continue
        # a place is kept in the park's name; verbs and list words before it are not part of the name
        place = re.split(_NAME_CUT, place)[-1]
        if re.search(r"(?:级|性|型)$", place) or re.match(r"^(?:世界|全球|国际|全国|国家|全省|全市|区域|重要|一流|领先|知名)", place):
            continue  # "世界级物联网产业基地": a kind of base a place becomes, not a park's name
        if len(place) > 4 or re.search(r"[\d亿]", place):
            place = ""  # not a place name ("150亿新材料园"): the park is named by its industry alone
        name_start = m.start("name") + (len(core) - start - len(ind) - trim) + start - len(place)
        name = sent[name_start:m.end()]
        if re.search(r"[一二两三四五六七八九十\d]+个", name) or re.search(
                r"获评|评为|认定为|确定为|列为|批准", sent[max(0, name_start - 12):name_start] + name[:len(name) - len(ind)]):
            continue  # "清远高新技术开发区获评广东省特色产业园区": an award, not a park named by its industry
        if not _park_of(name) and not place:
            pass  # "生物医药产业园" without a place is still a park name here
        pk = st.nt.quote(base + s_off + name_start, base + s_off + m.end())
        iw = st.nt.quote(base + s_off + m.start("name") + start, base + s_off + m.start("name") + len(core) - trim)
        if sent[max(0, name_start - 1):name_start] == "原" or place.startswith("原"):
            continue  # "化工产业园(原济宁市生物产业园)": a former name says nothing of today's industries
        if not place and re.search(r"(?:是|成为|作为)[^,;。]{0,12}$", sent[:name_start]):
            continue  # "兴华园区是全市重要的电子信息产业基地": what the park is, not another park
        if any(pk in p or p.endswith(pk) for p, _i in have if p):
            continue  # the park's own statements already say what it does
        a, b = st.nt.span(base + s_off + name_start, base + s_off + m.end())
        parts = [iw]
        cm = re.fullmatch(r"(?P<x>[^和与]{2,12})(?:和|与)(?P<y>[^和与]{2,12})", iw)
        if cm and all(st.vocab.classify(v)[0] or _INDUSTRY_LIKE.search(v) for v in (cm.group("x"), cm.group("y"))):
            parts = [cm.group("x"), cm.group("y")]  # "总部经济和创意文化产业园": two industries
        for part in parts:
            psec, pchain = st.vocab.classify(part) if part != iw else (sector, chain)
            st.out.append(Finding(
                kind="park_industry", park=pk, industry_as_written=part, town=st.towns.get(name, ""), sector=psec,
                chain=pchain, role="lead", quote=st.nt.original[a:b], confidence=0.45 if psec else 0.35,
                note="industry read from the park's name" + ("" if psec else "; industry not in the vocabulary"),
                start=a, end=b,
            ))
        have.add((pk, iw))


_LOGI = re.compile(r"物流园区|物流园|物流中心|物流基地|物流港")
_LOGI_ADJ = re.compile(r"现代|智慧|国际|综合|工业|特色|预留|供应链|商贸|航空|冷链|保税|多式联运|公路|铁路|港口|城市|公共")


def _logistics_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """Named logistics parks ("港桥现代物流园", "凤凰湖供应链物流中心") are parks whose industry is logistics."""
    logistics = st.vocab.classify("物流")[0]
    if not logistics:
        return
    for m in _LOGI.finditer(sent):
        i = j = m.start()
        while j > 0 and re.match(r"[\u4e00-\u9fff·]", sent[j - 1]) and sent[j - 1] not in "以为和及与的在是、":
            j -= 1
        name = sent[j:m.end()]
        place = _LOGI_ADJ.sub("", sent[j:i])
        if len(place) < 2 or _NOT_PARK_NAME.search(name) or st.vocab.classify(place)[0] or place.endswith("性"):
            continue  # no place in the name ("工业供应链物流园区"): a kind of park, not a named one
        # the name must open a clause or sit in a list or a "以…为" frame
        before = sent[:j].rstrip()
        if before and before[-1] not in ',、:;以"':
            continue
        ind_name = re.sub(r"(?:园区|园|中心|基地|港)$", "", name[len(place):]) if name.startswith(place) else ""
        ind_name = re.sub(r"^(?:预留|规划|拟建|新建|综合)", "", ind_name)
        sector, chain = st.vocab.classify(ind_name or "物流")
        a, b = st.nt.span(base + s_off + j, base + s_off + m.end())
        st.out.append(Finding(
            kind="park_industry", park=st.nt.original[a:b],
            industry_as_written=_as_written(st, ind_name, base + s_off + j) if ind_name else "物流",
            sector=sector or logistics, chain=chain if sector else "", role="specialty",
            quote=st.nt.original[a:b], confidence=0.5, note="logistics park: industry from its name", start=a, end=b,
        ))


# --------------------------------------------------------------------------------------------------------------
# Park names
# --------------------------------------------------------------------------------------------------------------


def _name_core(name: str, district: str = "") -> str:
    s = _strip_parens(str(name))
    s = re.sub(r"[\s·・\"“”]", "", s)
    s = re.sub(r"^(?:重庆市|重庆)", "", s)
    if district:
        short = re.sub(r"(?:区|县|自治县)$", "", district)
        s = re.sub(r"^" + re.escape(district), "", s)
        if short:
            s = re.sub(r"^" + re.escape(short), "", s)
    s = re.sub(r"^(?:国家级|国家|市级)", "", s)
    return s


def match_park(name: str, parks: pd.DataFrame, district: str = "") -> str:
    """The ``park_id`` of a park name as written, among ``parks`` (columns park_id, name_zh, district).

    Matches the name with the district prefix, 重庆(市), 国家(级) and brackets removed: equal, or one
    containing the other (at least 2 characters), preferring parks of ``district``. ``""`` if none or
    ambiguous.
    """
    if not name or parks is None or not len(parks):
        return ""
    cand = parks
    if district and "district" in parks.columns:
        in_d = parks[parks["district"] == district]
        if len(in_d):
            cand = in_d
    core = _name_core(name, district)
    if not core:
        return ""
    exact, contains = [], []
    for _, r in cand.iterrows():
        for nm in {str(r.get("name_zh", "")), *re.split(r"[·・]", str(r.get("name_zh", "")))}:
            pc = _name_core(nm, district)
            if not pc:
                continue
            if pc == core:
                exact.append(r["park_id"])
            elif len(core) >= 2 and len(pc) >= 2 and (core in pc or pc in core):
                contains.append(r["park_id"])
    exact = list(dict.fromkeys(exact))
    if len(exact) == 1:
        return exact[0]
    contains = list(dict.fromkeys(contains))
    if not exact and len(contains) == 1:
        return contains[0]
    return ""


#: "万盛经开区加快四大产业集群…": a count of a park's industries whose items follow as "一是…产业。二是…产业。".
_COUNTED_INTRO = re.compile(r"(?P<n>[两二三四五六七八九十\d]+)\s*大(?:主导|支柱|特色|重点|优势)?(?:产业集群|产业|集群|板块)")
_ENUM_INDUSTRY = re.compile(r"(?:^|(?<=[。;\n\s]))(?P<k>[一二三四五六七八九十])是\s*(?P<ind>[^,。;:\s]{2,16}?(?:产业|行业))\s*(?=[。,;:])")
_ENUM_ORDER = "一二三四五六七八九十"
_PARK_IN_TEXT = re.compile(_PARK_NAME)


def enumerated_industries(st: _State) -> None:
    """Industries a document enumerates after a park's count of them ("P加快四大产业集群…一是煤电化产业。…二是
    新材料产业。…"): when the items "一是…", "二是…" that follow are as many as the count, each is the park's."""
    s = st.nt.text
    for m in _COUNTED_INTRO.finditer(s):
        n = _num(m.group("n"))
        a = max(s.rfind(ch, 0, m.start()) for ch in "。;!?\n") + 1
        parks = [pm for pm in _PARK_IN_TEXT.finditer(s, a, m.start()) if _park_of(pm.group("park"))]
        if not n or not parks:
            continue
        items = []
        for em in _ENUM_INDUSTRY.finditer(s, m.end(), m.end() + 400 * n):
            if _ENUM_ORDER.index(em.group("k")) != len(items):
                break
            items.append(em)
            if len(items) == n:
                break
        if len(items) != n or not all(_valid_item(st, em.group("ind")) for em in items):
            continue
        pm = parks[-1]
        for em in items:
            _emit_park_item(st, 0, _park_of(pm.group("park")), pm.start("park"), em.group("ind"), em.start("ind"),
                            "lead", [], 0.6, f"an industry the text enumerates after the park's '{m.group(0)}'")
