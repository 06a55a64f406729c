"""Normalising plan text for matching (t2s, punctuation and digit width) with an offset map back to the original."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------------------------
# Normalisation with an offset map
# --------------------------------------------------------------------------------------------------------------

_PUNCT = {
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
    "〝": '"', "〞": '"', "\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": " ",
    "―": "—", "─": "—", "━": "—", "–": "-", "－": "-", "﹣": "-", "‐": "-", "．": ".", "﹒": ".",
    "•": "·", "・": "·", "︰": ":", "﹐": ",", "﹑": "、", "､": "、", "﹔": ";", "﹕": ":", "﹗": "!", "﹖": "?",
    "﹙": "(", "﹚": ")", "﹝": "〔", "﹞": "〕", "\ufeff": " ", "\r": "\n", "\x0b": "\n", "\x0c": "\n",
}


@functools.lru_cache(maxsize=1)
def _opencc():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # package missing or its config not found: the text is matched as it is
        return None


def _t2s_line(conv, line: str) -> str:
    """Convert one line; keep it only if it stays one character per character, else go per character."""
    out = conv.convert(line)
    if len(out) == len(line):
        return out
    chars = []
    for ch in line:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def _norm_char(ch: str) -> str:
    if ch in _PUNCT:
        return _PUNCT[ch]
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII → ASCII (，；：（）１２ …)
        return chr(o - 0xFEE0)
    return ch


@dataclass(frozen=True)
class NormText:
    """The original text, its normalised form for matching and the map between their offsets.

    ``omap[i]`` is the offset in ``original`` of normalised character ``i`` (``omap[len(text)] ==
    len(original)``). All normalising steps used here are one-for-one, so ``omap`` is the identity unless a
    future step drops characters; code must still go through :meth:`span`.
    """

    original: str
    text: str
    omap: tuple[int, ...]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[i, j)``."""
        i = max(0, min(i, len(self.text)))
        j = max(i, min(j, len(self.text)))
        if j == i:
            a = self.omap[i]
            return a, a
        return self.omap[i], self.omap[j - 1] + 1

    def quote(self, i: int, j: int) -> str:
        """The original text of the normalised span ``[i, j)`` (verbatim)."""
        a, b = self.span(i, j)
        return self.original[a:b]


def normalise(text: str) -> NormText:
    """Normalise text for matching (t2s, punctuation and digit width), keeping an offset map.

    Parameters
    ----------
    text : str
        The original plan text.

    Returns
    -------
    NormText
    """
    conv = _opencc()
    src = text
    if conv is not None:
        # convert line by line so a length change stays local; \r and \n are kept as they are
        parts = re.split(r"(\r\n|\r|\n)", text)
        src = "".join(p if (i % 2) else _t2s_line(conv, p) for i, p in enumerate(parts))
        if len(src) != len(text):  # cannot happen, but never let the offsets drift
            src = text
    out = "".join(_norm_char(c) for c in src)
    # a CR directly before LF becomes a space so CRLF counts as one line break
    if "\r\n" in text:
        chars = list(out)
        for m in re.finditer("\r\n", text):
            chars[m.start()] = " "
        out = "".join(chars)
    # thousands separators ("1,972亿元") become ' so a comma between digits never splits a clause
    out = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "'", out)
    omap = list(range(len(text) + 1))
    drops = sorted(_annotation_spans(out) + [m.span() for m in _CITATION.finditer(out)] + _soft_breaks(out))
    if drops:
        keep = [True] * len(out)
        for a, b in drops:
            for i in range(a, b):
                keep[i] = False
        out = "".join(c for c, k in zip(out, keep, strict=True) if k)
        omap = [i for i, k in enumerate(keep) if k] + [len(text)]
    return NormText(original=text, text=out, omap=tuple(omap))


#: A line a page or a PDF wrapped in mid-sentence: a long line ending in a character of a word, the next line going on
#: with one (not a heading, a list item or a table row).
_SOFT_BREAK = re.compile(r"(?<=[\u4e00-\u9fff、“\"(])[ \u3000]*\n[ \u3000]*(?=[\u4e00-\u9fff”\")])")
_NOT_CONTINUED = re.compile(r"[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+[章节条部]|[一二三四五六七八九十]是")


def _soft_breaks(s: str) -> list[tuple[int, int]]:
    """Spans of line breaks inside a sentence (``"…搞\n好经济开发区…"``), dropped from the text that is matched."""
    out = []
    for m in _SOFT_BREAK.finditer(s):
        start = s.rfind("\n", 0, m.start()) + 1
        prev = s[start:m.start()].strip()
        if len(prev) < 25 or "\t" in prev or "\t" in s[m.end():m.end() + 40].split("\n")[0]:
            continue  # a title or a short line is its own line; tables keep their rows
        if _NOT_CONTINUED.match(s, m.end()):
            continue
        out.append(m.span())
    return out


#: A web page's footnote marker ("…复合材料产业 [4]", "…产业[12]。"): dropped from the text that is matched.
_CITATION = re.compile(r"\s?\[\d{1,3}\]")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
#: Pinyin a web page put after each character ("規(guī)劃", "經(jing)(jing)濟(ji)"): dropped from the text that is matched.
_ANNOTATION = re.compile(r"(?<=[\u3400-\u9fff)])\((?P<py>[a-z" + _TONED + r"]{1,6})\)")


def _annotation_spans(s: str) -> list[tuple[int, int]]:
    """Spans of pinyin annotations after a character (or after another annotation): toned syllables, and
    toneless ones where the text has several annotations."""
    spans: list[tuple[int, int]] = []
    toned = 0
    found = []
    for m in _ANNOTATION.finditer(s):
        after_char = "\u3400" <= s[m.start() - 1] <= "\u9fff"
        chained = bool(found) and found[-1].end() == m.start()
        if not (after_char or chained):
            continue
        found.append(m)
        toned += any(c in _TONED for c in m.group("py"))
    many = toned >= 3 or len(found) >= 5
    for m in found:
        if many or any(c in _TONED for c in m.group("py")):
            spans.append(m.span())
    return spans


def strip_annotations(s: str, loose: bool = False) -> str:
    """A name as written with pinyin annotations ("工業(yè)園") removed; other text unchanged. ``loose``: the
    document is known to carry annotations, so toneless ones ("園(yuan)區") go too."""
    if "(" not in s and "（" not in s:
        return s
    t = s.replace("（", "(").replace("）", ")")
    if loose:
        spans = [m.span() for m in _ANNOTATION.finditer(t)]
    else:
        spans = _annotation_spans(t)
    if not spans:
        return s
    out, pos = [], 0
    for a, b in spans:
        out.append(s[pos:a])
        pos = b
    out.append(s[pos:])
    return "".join(out)
