"""Park → industry statements, named logistics parks and matching park names to park ids."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .clauses import (
    _BUILD_RE,
    _EXAMPLES,
    _GENERIC_HEAD,
    _GENERIC_SUFFIX,
    _ITEM_NOISE,
    _LEAD_VERBS,
    _NOT_PARK_NAME,
    _PARK_AT_START,
    _PLACE_PREFIX,
    _PREAMBLE,
    _RELY_ON_PARK,
    _VERB_RE,
    _clauses,
    _clean_item,
    _Ctx,
    _park_of,
    _role_from,
    _State,
)
from .findings import Finding
from .vocabulary import _GENERIC_PARTS, _strip_parens

# ---------------------------------------------------------------- park statements


def _split_items(st: _State, obj: str) -> tuple[list[tuple[str, int]], str, list[str]]:
    """Split an object list into (item, offset) pairs; returns (items, category after 等, examples)."""
    examples: list[str] = []
    body, off0 = obj, 0
    for rx in _EXAMPLES:
        m = rx.match(body)
        if m and len(m.group("head")) >= 2:
            examples = [_clean_item(x) for x in re.split(r"[、,]", m.group("ex").rstrip("等")) if _clean_item(x)]
            off0 = m.start("head")
            body = m.group("head")
            break
    category = ""
    qm = re.match(r'^"(?P<list>[^"]+、[^"]+)"(?P<D>[^"、]*)$', body)  # "“A、B、C”三大业态"
    if qm:
        body, category = qm.group("list"), qm.group("D")
        off0 += 1
    cm = re.search(r"(?:[一二三四五六七八九十两\d]+)(?:大|个|类|项)(?P<D>[^、]{0,8}?(?:产业|行业|领域|业态|集群|板块))$", body)
    if cm and "、" in body:  # "A、B、C三大产业"
        category = category or cm.group("D")
        body = body[: cm.start()]
    m = re.search(r"等(?P<D>[^、]{0,10}?(?:产业|行业|领域|业态|产品|集群|项目|板块|方向)(?:集群)?)", body)
    if not m:
        m = re.search(r"等(?P<D>[^、]*)$", body)
    if m:
        category = m.group("D").strip()
        body = body[: m.start()]
    if not examples and body.startswith("以"):
        body, off0 = body[1:], off0 + 1
    items: list[tuple[str, int]] = []
    pos = 0
    for piece in body.split("、"):
        raw = piece
        lead_ws = len(raw) - len(raw.lstrip(' "'))
        it = _clean_item(raw)
        if it:
            items.extend(_split_conj(st, it, off0 + pos + lead_ws))
        pos += len(piece) + 1
    # "A、B等雕塑艺术品": a specific category (not 产业/领域…) is the item, the list its examples
    if category and not _GENERIC_HEAD.match(category) and not _GENERIC_SUFFIX.search(category):
        if st.vocab.classify(category)[0]:
            examples = [i for i, _ in items]
            cat_off = off0 + len(body) + 1
            items = [(category, cat_off)]
    return items, category, examples


def _split_conj(st: _State, item: str, off: int) -> list[tuple[str, int]]:
    """Split "A和B" / "A与B" when both sides are industries, "A及B" only when they are of different sectors.

    The whole is kept when it is a vocabulary term ("信创与网络安全", "软件和信息服务") or one side is a
    generic word ("卷烟及配套", "智能家居及材料"), so "生物医药及大健康" stays one industry.
    """
    whole = re.sub(r"(?:产业|业)$", "", item)
    if _is_term(st, item) or _is_term(st, whole):
        return [(item, off)]
    for m in re.finditer(r"[和及与]", item):
        a, b = item[: m.start()], item[m.end():]
        ga, gb = re.sub(r"产业$|业$", "", a), re.sub(r"产业$|业$", "", b)
        if len(a) < 2 or len(b) < 2 or ga in _GENERIC_PARTS or gb in _GENERIC_PARTS or not ga or not gb:
            continue
        sa, sb = st.vocab.classify(a)[0], st.vocab.classify(b)[0]
        if not (sa and sb):
            continue
        if m.group(0) != "及" or sa != sb:
            return [(a, off)] + _split_conj(st, b, off + m.end())
    return [(item, off)]


def _is_term(st: _State, s: str) -> bool:
    return any(t == s for t, _, _ in st.vocab.terms)


def _valid_item(st: _State, item: str) -> bool:
    if not item or len(item) > 24 or _ITEM_NOISE.search(item):
        return False
    if re.search(r"\d|亿|%", item):
        return False
    return bool(st.vocab.classify(item)[0]) or item.endswith(("产业", "业"))


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
    a, b = st.nt.span(base + park_start, base + item_start + len(item))
    st.sentence_items.append((item, sector, chain))
    st.out.append(Finding(
        kind="park_industry", park=_as_written(st, park, base + park_start), industry_as_written=st.nt.quote(base + item_start, base + item_start + len(item)),
        sector=sector, chain=chain, role=role or "lead", quote=st.nt.original[a:b], confidence=round(max(conf, 0.05), 2),
        note=note, start=a, end=b,
    ))


def _park_statements(st: _State, base: int, line: str, s_off: int, sent: str, para_park: str,
                     lead_off: int, ctx: _Ctx) -> None:
    """Park → industries in one sentence."""
    park, park_start = "", -1
    from_lead = False
    if para_park and lead_off >= 0:
        park, park_start, from_lead = para_park, lead_off, True
    elif para_park:
        park, park_start, from_lead = para_park, s_off, True
    listed: list[str] = []
    rely_note = False
    for c_off, clause in _clauses(sent):
        off = s_off + c_off
        cl = clause
        lstrip = len(cl) - len(cl.lstrip())
        m = _PARK_AT_START.match(cl)
        dm = None if park else _RELY_ON_PARK.match(cl)
        if dm and _park_of(dm.group("park")):
            # "依托X产业园,重点发展…": the park the sentence relies on is where the industries go
            park, park_start, from_lead = _park_of(dm.group("park")), off + dm.start("park"), True
            rely_note = True
            continue
        if m:
            name = _park_of(m.group("park"))
            rest = cl[m.end("park"):]
            paren = re.match(r"^\s*\([^()]{1,24}\)", rest)  # "正阳工业园区(黔江高新区)重点发展…"
            if paren:
                rest = rest[paren.end():]
            if name and (_VERB_RE.match(rest.lstrip()) or _PREAMBLE.match(rest.lstrip()) or not rest.strip()
                         or _BUILD_RE.match(rest.lstrip())):
                park, park_start, from_lead = name, off + m.start("park"), False
                listed = []
                rely_note = False
                off = off + len(cl) - len(rest)
                cl = rest
                lstrip = len(cl) - len(cl.lstrip())
        if not park:
            continue
        body = cl.lstrip()
        boff = off + lstrip
        vm = _VERB_RE.match(body)
        if vm:
            verb = vm.group("verb")
            role = "lead" if verb in _LEAD_VERBS else "emerging"
            obj = body[vm.end():]
            items, category, examples = _split_items(st, obj)
            role = _role_from(category) or role if category else role
            if _role_from(category) == "specialty" and "特色消费品" in category:
                role = "lead"
            for k, (item, ioff) in enumerate(items):
                if not _valid_item(st, item):
                    continue
                conf = 0.85 if not from_lead else 0.75
                ex = examples if (len(items) == 1 or k == 0) else []
                note = "park from the paragraph heading" if from_lead else ""
                if rely_note:
                    conf, note = 0.6, "park from '依托…' at the start of the sentence"
                _emit_park_item(st, base, park, park_start, item, boff + vm.end() + ioff, role, ex, conf, note)
                listed.append(item)
                listed.extend(ex)
            last_role = role
            continue
        if body.startswith("以") and listed and re.search(r"为(?:代表|主|重点|核心)", body):
            # continuation of the previous list: ",以A为代表的B"
            items, category, examples = _split_items(st, body)
            for k, (item, ioff) in enumerate(items):
                if _valid_item(st, item):
                    _emit_park_item(st, base, park, park_start, item, boff + ioff, last_role,
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
    _logistics_parks(st, base, s_off, sent)


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
        if len(place) < 2 or _NOT_PARK_NAME.search(name) or st.vocab.classify(place)[0]:
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
