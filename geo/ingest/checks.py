"""Sentences a reviewer should read because they may state a park's industries or a 亿元 target that was not drafted.

The drafter finds about half of the park → industry statements in text it was not written from (see the
development set's README). What it misses is still in the text, so the review shows the sentences most likely
to hold a missed statement next to the drafts: a sentence with no draft that names an industry of the
vocabulary together with a statement word (发展, 打造, 主导, 为主, 集群…) in a document that names a park, and a
sentence with a forward-looking 亿 figure of output that no target was drafted from.
``python -m bench.eval_ingest --dev`` reports how many missed statements these sentences hold and how much of
the text they are. The plainest of them, a sentence about its one park that the grammar did not parse, is drafted
as rows of low confidence (:func:`subject_rows`).
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from .clauses import _NOT_OUTPUT, _NOT_PARK_NAME, _PARK_NAME, _PER_UNIT
from .findings import Finding
from .normalise import normalise
from .targets import _amount_value
from .vocabulary import INDUSTRY_HEADS, vocabulary

#: Kind of the findings :func:`sentences_to_check` returns (not a drafted fact: a sentence to read).
CHECK_KIND = "check"

#: How a check's ``note`` starts for each reason (several reasons are joined by "; ").
NOTE_PAIR = "park → industry: "
NOTE_FIGURE = "亿 figure: "

#: Words that make a sentence naming an industry a possible statement about a park.
_STATEMENT = re.compile(
    r"发展|打造|培育|布局|主导|特色|支柱|首位|优势产业|为主|为重点|为核心|为一体|集群|聚焦|突出|定位|围绕|聚集|集聚|"
    r"形成|主攻|引进|承接|招引|壮大|做强|延伸|配套|基地"
)
_PARK_RE = re.compile(_PARK_NAME)
#: A money figure in 亿 ("300亿元", "千亿级", "1.5万亿"), read by :func:`geo.ingest.targets._amount_value`; plainer than
#: the drafter's ``_AMOUNT`` (no "双百亿", "百个亿", quoted numerals), which are tiers and firm sizes here.
_YI = re.compile(r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?P<wan>万)?亿")
#: First characters of verbs ending in 化 ("强化", "优化", "深化"…) that run into a term starting with 化 ("强化工业").
_HUA_VERB = set("强优深转美绿净活细量软亮硬固进退演同异分孵催激")
#: Sentence ends: 。;!? and line breaks (the drafter's sentences do not cross a line either).
_SENT_END = re.compile(r"[。;!?\n]")
_MIN_CHARS = 6


def _sentences(s: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_END.finditer(s):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < len(s):
        out.append((pos, len(s)))
    return [(a, b) for a, b in out if len(s[a:b].strip()) >= _MIN_CHARS]


def _park_spans(s: str) -> list[tuple[int, int]]:
    return [m.span("park") for m in _PARK_RE.finditer(s) if not _NOT_PARK_NAME.search(m.group("park"))]


def _parks_named(s: str) -> list[str]:
    return [s[a:b] for a, b in _park_spans(s)]


def _output_figures(sent: str) -> list[re.Match]:
    """The 亿 figures of a sentence that are not investment, tax, trade or another kind of money the drafter skips."""
    out = []
    for m in _YI.finditer(sent):
        before = re.split(r"[,;:]", sent[max(0, m.start() - 12):m.start()])[-1]  # within the figure's clause
        after = re.split(r"[,;:。]", sent[m.end():m.end() + 6])[0]
        if not (_NOT_OUTPUT.search(before) or _NOT_OUTPUT.search(after) or _PER_UNIT.search(before + after)):
            out.append(m)
    return out


def sentences_to_check(text: str, findings: list[Finding], industries: pd.DataFrame | None = None) -> list[Finding]:
    """The sentences of ``text`` that may hold a statement the drafter missed, as findings of kind ``check``.

    Parameters
    ----------
    text : str
        The plan text the findings were drafted from.
    findings : list of Finding
        What :func:`geo.ingest.draft_rows` drafted from ``text``.
    industries : pandas.DataFrame, optional
        The industries table (default: ``data/industries.csv``), for the vocabulary.

    Returns
    -------
    list of Finding
        One per sentence, in text order: ``quote`` the sentence verbatim (``start``/``end`` its offsets),
        ``park`` the first park it names, ``industry_as_written`` the industry terms it names (joined by 、),
        ``note`` why it is shown (:data:`NOTE_PAIR`, :data:`NOTE_FIGURE`). Industries a draft of the sentence
        already has are not counted, nor a figure in a sentence a target was drafted from.
    """
    nt = normalise(text)
    s = nt.text
    voc = vocabulary(industries)
    terms = sorted({t for t, _sec, _ch in voc.terms if len(t) >= 2} | {h for h in INDUSTRY_HEADS if len(h) >= 2},
                   key=len, reverse=True)
    doc_has_park = bool(_parks_named(s))
    pairs = [(f, normalise(f.industry_as_written).text, normalise(f.park).text)  # normalised once, not per sentence
             for f in findings if f.kind == "park_industry" and f.end > 0]
    target_ends = [f.end for f in findings if f.target_value_yi is not None and f.end > 0]
    out: list[Finding] = []
    for a, b in _sentences(s):
        oa, ob = nt.span(a, b)
        sent = s[a:b]
        reasons, named, parks = [], [], []
        if doc_has_park and _STATEMENT.search(sent):
            # industries drafted for a park this sentence names; a draft whose park came from elsewhere (the
            # paragraph, the document) may have the wrong park, so its industry stays for the reviewer to check
            drafted = [ind for f, ind, park in pairs if oa < f.end <= ob and oa <= f.start and park in sent]
            named = [nt.quote(a + x, a + y) for x, y in _terms_in(sent, terms, _park_spans(sent))
                     if not any(sent[x:y] in d or d in sent[x:y] for d in drafted if d)]  # (as written)
            if named:
                parks = _parks_named(sent)
                reasons.append(NOTE_PAIR + "names " + "、".join(named[:4]) + (" and a park" if parks else "")
                               + (" that no row was drafted for" if drafted else " but no row was drafted from it"))
        if not any(oa < e <= ob for e in target_ends) and _output_figures(sent):
            reasons.append(NOTE_FIGURE + "no target was drafted from it")
        if not reasons:
            continue
        q0, q1 = _trim(text, oa, ob)
        out.append(Finding(
            kind=CHECK_KIND, park=nt.quote(*_first(sent, parks, a)) if parks else "",
            industry_as_written="、".join(named), quote=text[q0:q1], note="; ".join(reasons), start=q0, end=q1,
        ))
    return out


#: A name the park pattern found that reads as a phrase, not a park ("产教融合的先进制造业基地", "立足组团").
_NOT_A_CHOICE = re.compile(r"[的和及、()]|^(?:立足|依托|围绕|打造|建设|发展|推动|加快|做强|形成|构建|以|在|将|把|向|对|与)")


#: Words before a park's name that the name pattern takes in ("享受省级经济技术开发区", "去年西安高新区", "依托长寿经济技术开发区",
#: "范宏明在实地考察了清水河工业园区"): a choice starts after the last of them.
_CHOICE_CUT = re.compile(r"[了在将把据]|享受|启动|编制|考察|位于|比如|例如|包括|提出|依托|围绕|打造|建设|发展|推动|加快|做强|形成|构建|"
                         r"去年|今年|目前|这个|那个|同步|并|立足|对接|推进|加速|着力|重点|积极|聚焦|建成|设立|成立")


def _choice_start(name: str) -> int:
    """Where a park choice starts in a park span: after the last word before the name, if a park name (≥ 3 characters)
    still follows it, else 0."""
    start = 0
    for m in _CHOICE_CUT.finditer(name):
        rest = name[m.end():]
        if len(rest) >= 3 and _PARK_RE.fullmatch(rest) and not _NOT_PARK_NAME.search(rest):
            start = m.end()
    return start


def park_choices(text: str, checks: list[Finding], findings: list[Finding], limit: int = 8) -> list[list[str]]:
    """The parks each sentence to check may be about, most likely first, for the reviewer to pick from.

    Parameters
    ----------
    text : str
        The plan text.
    checks : list of Finding
        Findings of :func:`sentences_to_check` on ``text``.
    findings : list of Finding
        What :func:`geo.ingest.draft_rows` drafted from ``text`` (their parks are names the drafter cleaned).
    limit : int
        At most this many names per sentence.

    Returns
    -------
    list of list of str
        For each check, in order: the parks its sentence names, then the parks named or drafted before it
        (nearest first; for a sentence that names none, the park the text names first leads), then those after it
        (nearest first); a name inside one already listed, or holding it, is not listed again.
    """
    nt = normalise(text)
    mentions: list[tuple[int, str]] = [(f.start, f.park.strip()) for f in findings if f.park and f.kind != CHECK_KIND]
    for a, b in _park_spans(nt.text):
        a += _choice_start(nt.text[a:b])
        if _NOT_A_CHOICE.search(nt.text[a:b]):
            continue
        oa, ob = nt.span(a, b)
        mentions.append((oa, text[oa:ob].strip()))
    keys = {nm: normalise(nm).text for _at, nm in mentions}
    topic = min(mentions)[1] if mentions else ""  # the park the text names first: what it is about
    out: list[list[str]] = []
    for check in checks:
        inside = sorted((at, nm) for at, nm in mentions if check.start <= at < check.end)
        before = sorted(((at, nm) for at, nm in mentions if at < check.start), key=lambda x: -x[0])
        if not inside:  # a sentence naming no park is more often about the text's topic park than the nearest one
            before.sort(key=lambda x: keys[x[1]] != keys[topic])
        after = sorted((at, nm) for at, nm in mentions if at >= check.end)
        names: list[str] = []
        for _at, nm in inside + before + after:
            key = keys[nm]
            if len(key) < 2 or any(key in keys[o] or keys[o] in key for o in names):
                continue
            names.append(nm)
            if len(names) >= limit:
                break
        out.append(names)
    return out


def _terms_in(sent: str, terms: list[str], skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the industry phrases of a sentence, in text order: vocabulary terms, the first occurrence of each,
    none inside a park's name (化工 in 白涛化工园区 is read by the drafter already) or inside another found one;
    terms that overlap are one phrase as written (新能源汽车 + 汽车零部件 → 新能源汽车零部件)."""
    found: list[tuple[int, int]] = []
    for t in terms:
        k = sent.find(t)
        while k >= 0:
            inside = any(x <= k and k + len(t) <= y for x, y in found + skip)
            if t.startswith("化") and k and sent[k - 1] in _HUA_VERB:
                inside = True  # "强化工业园区": 强化 + 工业, no 化工 in it
            if not inside:
                found.append((k, k + len(t)))
                break
            k = sent.find(t, k + 1)
    merged: list[list[int]] = []
    for x, y in sorted(found):
        if merged and x < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], y)
        else:
            merged.append([x, y])
    out: list[tuple[int, int]] = []
    for x, y in merged:
        t = sent[x:y]
        if any(sent[u:v] == t for u, v in out) or any(t != sent[u:v] and t in sent[u:v] for u, v in merged):
            continue  # said already, or 生物 said by 生物医药
        out.append((x, y))
    return out


def _first(sent: str, parks: list[str], base: int) -> tuple[int, int]:
    k = sent.find(parks[0])
    return base + k, base + k + len(parks[0])


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """The span without surrounding white space and a trailing line break (the quote stays verbatim)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def check_reasons(check: Finding) -> tuple[bool, bool]:
    """(may state a park's industries, has an undrafted 亿 figure) for a finding of :func:`sentences_to_check`."""
    return NOTE_PAIR in check.note, NOTE_FIGURE in check.note


def rows_from_check(check: Finding, industries: pd.DataFrame | None = None, park: str | None = None) -> list[Finding]:
    """Rows a reviewer starts from for a sentence to check (the page's "add as rows").

    Parameters
    ----------
    check : Finding
        A finding of kind ``check`` from :func:`sentences_to_check`.
    industries : pandas.DataFrame, optional
        The industries table (default: ``data/industries.csv``), to classify the industries.
    park : str, optional
        The park the reviewer picked for the rows (see :func:`park_choices`); default: the park the sentence names.

    Returns
    -------
    list of Finding
        One ``park_industry`` row per industry the sentence names (its park, if it names one) and one ``target``
        row per 亿 figure of output in it (the value read, the year left to the reviewer); each quotes the whole
        sentence, with confidence 0 and a note saying it was added from a sentence to check.
    """
    pair, figure = check_reasons(check)
    park = check.park if park is None else park
    voc = vocabulary(industries)
    note = "added from a sentence to check: complete and correct it"
    base = dict(quote=check.quote, start=check.start, end=check.end, confidence=0.0, note=note)
    out: list[Finding] = []
    if pair:
        for term in filter(None, check.industry_as_written.split("、")):
            sector, chain = voc.classify(term)
            out.append(Finding(kind="park_industry", park=park, industry_as_written=term, sector=sector,
                               chain=chain, role="lead", **base))
    if figure:
        for m in _output_figures(normalise(check.quote).text):
            v = _amount_value(m)
            if v:
                out.append(Finding(kind="target", park=park, target_value_yi=v, role="lead", **base))
    return out


#: A statement verb after a sentence's park ("P重点发展…", "P以…为主导", "P形成了…产业"): narrower than ``_STATEMENT``,
#: which also lets a reviewer see sentences that only name a kind of place (基地, 集群) or a firm's arrival (引进).
_STATEMENT_VERB = re.compile(r"发展|打造|培育|布局|聚焦|主导|为主|形成|集聚|聚集|主攻|定位")
#: Words of sentences about firms and projects, whose industries are what the firms make, not the park's aim.
_FIRMS = re.compile(r"企业|公司|项目|投资|签约|落户|入驻|引进|引入")
#: A pointer back ("该高新区", "这个园区") or a list ("A与B园区") is no park to draft for.
_NOT_A_SUBJECT = re.compile(r"^(?:该|这|此|本|其|那)|与")
#: What a place brings together ("打造集多式联运、仓储配送…等功能于一体的物流园区"): functions, not its industries.
_ALL_IN_ONE = re.compile(r"集[^,;。]{2,80}?(?:于|为)一体")
#: How far into its sentence a park may start and still be what the sentence is about.
_SUBJECT_WITHIN = 12
#: Confidence of the rows :func:`subject_rows` drafts (below every statement the grammar parses).
SUBJECT_CONFIDENCE = 0.3


def subject_rows(text: str, findings: list[Finding], industries: pd.DataFrame | None = None) -> list[Finding]:
    """Rows for the sentences to check whose one park is what they are about, as the reviewer's "add as rows" drafts them.

    A sentence to check that the grammar drafted nothing from and that names exactly one park, near its start and not
    after 、/与, with a statement verb (发展, 打造, 主导, 为主, 形成…) after the park and no word of firms or projects
    (企业, 项目, 投资…), most often states that park's industries in a form the grammar does not parse. Its
    industries are those "add as rows" gives, less the functions a place brings together ("集仓储配送…于一体").
    Added to the drafts of the development set's batches at first sight (398–541, the code of each batch's first
    reading), such rows were right 51 times in 52; on the excerpts the grammar was tuned on, where the easy
    statements are parsed already, 37 in 46. They are drafted with low confidence and a note.

    Parameters
    ----------
    text : str
        The plan text.
    findings : list of Finding
        What the grammar drafted from ``text``.
    industries : pandas.DataFrame, optional
        The industries table (default: ``data/industries.csv``).

    Returns
    -------
    list of Finding
        ``park_industry`` rows quoting the whole sentence, in text order.
    """
    checks = [c for c in sentences_to_check(text, findings, industries) if check_reasons(c)[0]]
    out: list[Finding] = []
    for check, names in zip(checks, park_choices(text, checks, findings), strict=True):
        if any(f.kind == "park_industry" and f.start < check.end and check.start < f.end for f in findings):
            continue  # the grammar read this sentence; what it left out is for the reviewer
        sent = normalise(check.quote).text
        inside = [nm for nm in names if normalise(nm).text in sent]
        if len(inside) != 1 or len(_park_spans(sent)) != 1 or _NOT_A_SUBJECT.search(inside[0]) or _FIRMS.search(sent):
            continue  # (a park the picker leaves out, "与四川西充园区", is still a second park)
        park = normalise(inside[0]).text
        at = sent.find(park)
        if at > _SUBJECT_WITHIN or not _STATEMENT_VERB.search(sent[at + len(park):]) or sent[at + len(park):][:1] == "村" \
                or sent[max(0, at - 1):at] in ("、", "与", "和", "及", "同"):
            continue  # (a "乡" or "镇" before 村 is 乡村/镇村, no town; a park after 、/与 is one of several, or a partner)
        functions = [m.span() for m in _ALL_IN_ONE.finditer(sent)]
        for row in rows_from_check(check, industries, park=inside[0]):
            k = sent.find(normalise(row.industry_as_written).text)
            if row.kind == "park_industry" and not any(a <= k < b for a, b in functions):
                out.append(dataclasses.replace(
                    row, confidence=SUBJECT_CONFIDENCE,
                    note="the sentence's one park and the industries it names (statement not parsed: check it)"))
    return out
