"""Evidence that reads well: a clusters.csv quote widened to the whole statement of the plan text around it.

The rules, written once here (used by the overlap analysis, hence by the overlap page, the XLSX sheet and the CLI):

* **Verbatim.** A statement is always a substring of the plan's text (``data/plans/*.txt``); clusters.csv is not
  changed. A quote not found in the text is kept as it is.
* **Sentences.** A quote in running text widens to its sentence: from the previous 。！？ or line break to the next
  。！？ (or the end of the line). A sentence longer than ``MAX_SENTENCE`` characters narrows to the
  ；-separated clause holding the quote, else to the ，-separated clause holding it and the clauses after it up
  to half that length.
* **Headings.** A heading or a list item's head (``——气凝胶。``, ``一、发展目标``: at most ``HEADING_CHARS`` characters
  once markers and punctuation are removed) takes the sentence that follows it, on its line or the next one.
* **Tables.** Table text (cells on lines starting with a tab, rows separated by blank lines) widens to the whole
  row; the statement records the table's title (the line above the table, e.g. ``表1：…``) and its header row,
  both verbatim too, so a row such as ``新材料产业产值 亿元 28.1 100`` is shown with what its numbers mean.
* **One quote per statement.** Within one side of an overlap, quotes of one plan whose statements are equal, or
  contained in another statement of that side, are dropped; the longest statement stays, in the order the plan
  states them first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: A sentence longer than this (characters) narrows to the ；-clause holding the quote.
MAX_SENTENCE = 220
#: A statement with at most this many characters (markers and punctuation removed) is a heading.
HEADING_CHARS = 12

_END = "。！？!?"
_MARKERS = re.compile(r"^[\s—\-－·•●○■□◆（(]*(?:[一二三四五六七八九十\d]+[、.．)）]?)?[\s—\-－·•●○■□◆）)]*")
_PUNCT = re.compile(r"[\s。！？!?，,、；;：:“”\"'（）()《》—\-－]")
_WS = re.compile(r"\s+")


def _find(text: str, quote: str) -> tuple[int, int] | None:
    q = str(quote or "")
    if not q:
        return None
    i = text.find(q)
    if i >= 0:
        return i, i + len(q)
    # the same words with other whitespace (a quote copied from a table with its tabs and line breaks tidied)
    parts = [re.escape(p) for p in q.split()]
    if not parts:
        return None
    m = re.search(r"\s*".join(parts), text)
    return (m.start(), m.end()) if m else None


def quote_positions(text: str, quotes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Where each quote first occurs verbatim in ``text``: quote → (start, end); quotes not in it are left out.

    All quotes go into one Aho–Corasick automaton that scans the text once, so the cost grows with the text's
    length plus the quotes' length, not with their product (a few quotes: ``str.find`` is as fast).
    """
    words = {str(q) for q in quotes if q}
    if not text or not words:
        return {}
    if len(words) < 4:
        return {q: (i, i + len(q)) for q in words if (i := text.find(q)) >= 0}
    import ahocorasick

    auto = ahocorasick.Automaton()
    for q in words:
        auto.add_word(q, q)
    auto.make_automaton()
    spans: dict[str, tuple[int, int]] = {}
    for end, q in auto.iter(text):
        if q not in spans:  # the first occurrence, as str.find gives it
            spans[q] = (end - len(q) + 1, end + 1)
    return spans


class QuoteIndex:
    """Where each coded quote stands in its plan's text: one Aho–Corasick pass per plan text (on first use)
    instead of a scan of the whole text per quote, which is quadratic when a plan names thousands of parks.

    Parameters
    ----------
    texts : mapping
        Plan id → plan text.
    quotes : mapping
        Plan id → the quotes that will be looked up in that plan's text.
    """

    def __init__(self, texts: Mapping[str, str | None], quotes: Mapping[str, Iterable[str]]):
        self.texts = texts
        self.quotes = quotes
        self._spans: dict[str, dict[str, tuple[int, int]]] = {}

    def _plan(self, plan_id: str) -> dict[str, tuple[int, int]]:
        if plan_id not in self._spans:
            self._spans[plan_id] = quote_positions(self.texts.get(plan_id) or "", self.quotes.get(plan_id, ()))
        return self._spans[plan_id]

    def span(self, plan_id: str, quote: str) -> tuple[int, int] | None:
        """Start and end of ``quote`` in the plan's text (as :func:`statement` finds it), or None."""
        found = self._plan(plan_id).get(str(quote or ""))
        if found is not None:
            return found
        text = self.texts.get(plan_id)
        return _find(text, quote) if text else None


def _line_bounds(text: str, i: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


def _in_table(text: str, a: int, b: int) -> bool:
    start, _ = _line_bounds(text, a)
    return text.startswith("\t", start) or "\n\t" in text[a:b]


def _sentence(text: str, a: int, b: int) -> tuple[int, int, bool]:
    """The sentence around ``text[a:b]``: (start, end, narrowed to a clause)."""
    line_start, _ = _line_bounds(text, a)
    _, line_end = _line_bounds(text, max(a, b - 1))
    s = max([line_start] + [text.rfind(c, line_start, a) + 1 for c in _END])
    e = line_end
    if b > a and text[b - 1] in _END:
        e = b
    for c in _END:
        k = text.find(c, b, e)
        if k >= 0:
            e = min(e, k + 1)
    narrowed = False
    for sep in "；，":  # a very long sentence: the ；-clause holding the quote, else the ，-clauses from it on

        if e - s <= MAX_SENTENCE:
            break
        if sep not in text[s:e]:
            continue
        cs = max(s, text.rfind(sep, s, a) + 1)
        k = text.find(sep, b, e)
        ce = e if k < 0 else k + 1
        while sep == "，" and ce < e and ce - cs < MAX_SENTENCE // 2:
            k = text.find(sep, ce, e)
            ce = e if k < 0 else k + 1
        s, e, narrowed = cs, ce, True
    while s < e and text[s] in " \t\u3000":
        s += 1
    return s, e, narrowed


def _is_heading(fragment: str) -> bool:
    core = _PUNCT.sub("", _MARKERS.sub("", fragment))
    return len(core) <= HEADING_CHARS


def _next_sentence_end(text: str, i: int) -> int:
    """End of the sentence starting at ``i`` (skipping line breaks and blanks first), or ``i`` if none."""
    j = i
    while j < len(text) and text[j] in " \t\u3000\n\r":
        j += 1
    if j >= len(text) or text.startswith("\t", text.rfind("\n", 0, j) + 1):
        return i  # the end of the text, or a table: no sentence follows
    _, line_end = _line_bounds(text, j)
    ends = [k + 1 for k in (text.find(c, j, line_end) for c in _END) if k >= 0]
    return min(ends) if ends else line_end


def _row(text: str, a: int, b: int) -> tuple[int, int]:
    s = text.rfind("\n\n", 0, a)
    s = 0 if s < 0 else s + 2
    e = text.find("\n\n", b)
    return s, len(text) if e < 0 else e


def _table_head(text: str, row_start: int) -> tuple[str, str]:
    """The table's title and header row above a row starting at ``row_start`` (``""`` when not found)."""
    lines = text[:row_start].split("\n")
    pos = len(lines) - 1
    title_at = -1
    while pos >= 0:
        line = lines[pos]
        if line.strip() and not line.startswith("\t"):
            prev = next((x for x in reversed(lines[:pos]) if x.strip()), "")
            if not prev.startswith("\t"):  # not a cell's continuation line
                title_at = pos
                break
        pos -= 1
    if title_at < 0:
        return "", ""
    title = lines[title_at].strip()
    header: list[str] = []
    for line in lines[title_at + 1 :]:
        if not line.strip():
            if header:
                break
            continue
        header.append(line)
    return title, "\n".join(header).strip()


def statement(text: str | None, quote: str, span: tuple[int, int] | None | bool = False) -> dict:
    """The whole statement around ``quote`` in a plan's ``text``.

    Returns
    -------
    dict
        ``quote`` (the statement, a substring of ``text``), ``kind`` (``sentence``, ``clause`` (part of a
        sentence longer than ``MAX_SENTENCE``), ``heading`` (a heading and the sentence after it), ``table`` or
        ``as_coded`` (not found in the text)), ``table_title`` and
        ``table_header`` (for table rows, else ``""``). ``span``: where the quote stands in ``text`` when the
        caller knows it (:class:`QuoteIndex`; None: not in the text).
    """
    out = dict(quote=str(quote or ""), kind="as_coded", table_title="", table_header="")
    if not text:
        return out
    if span is False:
        span = _find(text, quote)
    if span is None:
        return out
    a, b = span
    if _in_table(text, a, b):
        s, e = _row(text, a, b)
        title, header = _table_head(text, s)
        row = text[s:e].strip("\n")
        if header == row:
            header = ""
        return dict(quote=row.strip(), kind="table", table_title=title, table_header=header)
    s, e, narrowed = _sentence(text, a, b)
    kind = "clause" if narrowed else "sentence"
    if _is_heading(text[s:e]):
        e2 = _next_sentence_end(text, e)
        if e2 > e:
            e, kind = e2, "heading"
    return dict(quote=text[s:e].strip(), kind=kind, table_title="", table_header="")


def flat(text: str) -> str:
    """A statement on one line (table cells and line breaks as single spaces) for tables and CSV."""
    return _WS.sub(" ", str(text)).strip()


def _covered(idx: list[int], flats: list[str]) -> set[int]:
    """Which of the statements ``idx`` (of one plan) another one already says: an equal statement came first, or
    a longer statement contains it. One Aho–Corasick pass over the distinct statements, not a comparison of every
    pair (a district-wide side can hold thousands of statements)."""
    import ahocorasick

    first: dict[str, int] = {}
    out = set()
    for i in idx:
        if flats[i] in first:
            out.add(i)
        else:
            first[flats[i]] = i
    distinct = [f for f in first if f]
    if "" in first and distinct:  # an empty statement is inside any other
        out.add(first[""])
    if len(distinct) < 2:
        return out
    auto = ahocorasick.Automaton()
    for f in distinct:
        auto.add_word(f, f)
    auto.make_automaton()
    for theirs in distinct:
        for _, mine in auto.iter(theirs):
            if mine != theirs:
                out.add(first[mine])
    return out


def side_statements(quotes: list[dict], texts: dict[str, str], index: QuoteIndex | None = None) -> list[dict]:
    """Widen a side's quotes (dicts with ``plan_id`` and ``quote``) to whole statements, one per statement.

    Each returned dict keeps the input's keys, with ``quote`` the statement and ``clause`` the quote as coded,
    plus ``kind``, ``table_title`` and ``table_header`` (see :func:`statement`); ``index`` finds the quotes
    in their texts (:class:`QuoteIndex` over ``texts``), else each is searched for.
    """
    widened = []
    for q in quotes:
        plan_id, quote = q.get("plan_id", ""), q.get("quote", "")
        text = texts.get(plan_id)
        span = index.span(plan_id, quote) if index is not None and text else False
        st_ = statement(text, quote, span)
        widened.append({**q, "clause": q.get("quote", ""), **st_})
    flats = [flat(q["quote"]) for q in widened]
    covered: set[int] = set()
    by_plan: dict[str, list[int]] = {}
    for i, q in enumerate(widened):
        by_plan.setdefault(q["plan_id"], []).append(i)
    for idx in by_plan.values():
        covered |= _covered(idx, flats)
    keep = [q for i, q in enumerate(widened) if i not in covered]
    return keep
