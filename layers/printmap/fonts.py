"""The print map's CJK font (Noto Sans CJK SC from ``mplfonts``): finding, registering, coverage, TrueType subset."""

from __future__ import annotations

import functools
from pathlib import Path

from matplotlib.font_manager import FontProperties

_FONT_FILE_NAMES = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Regular.ttf")


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of Noto Sans CJK SC shipped inside the ``mplfonts`` pip package.

    Raises
    ------
    RuntimeError
        If ``mplfonts`` is not installed or ships no such font.
    """
    try:
        import mplfonts
    except ImportError:
        raise RuntimeError("the CJK font package is missing: pip install mplfonts") from None
    root = Path(mplfonts.__file__).resolve().parent
    for name in _FONT_FILE_NAMES:
        hits = sorted(root.rglob(name))
        if hits:
            return hits[0]
    raise RuntimeError(f"Noto Sans CJK SC not found inside {root}; reinstall mplfonts")


@functools.lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register the CJK font with matplotlib's font manager; return its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return FontProperties(fname=str(path)).get_name()


@functools.lru_cache(maxsize=1)
def _font_codepoints() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(cjk_font_path()), lazy=True) as f:
        return frozenset(f["cmap"].getBestCmap())


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the CJK font cannot draw (whitespace and controls ignored)."""
    have = _font_codepoints()
    return {ch for ch in set(text) if not ch.isspace() and ord(ch) >= 32 and ord(ch) not in have}


def truetype_subset(chars: str, out_path: str) -> None:
    """Write a TrueType (glyf) subset of the CJK font covering ``chars``.

    The shipped font has CFF outlines; PDF Type 42 embedding needs TrueType outlines,
    so the few glyphs a map uses are converted (cubic → quadratic curves).
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = True
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    font = subset.load_font(str(cjk_font_path()), opts)
    sub = subset.Subsetter(opts)
    sub.populate(text=chars + " ")
    sub.subset(font)
    order = font.getGlyphOrder()
    gset = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(gset)
        gset[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for name in order:
        glyf.glyphs[name].recalcBounds(glyf)
    del font["CFF "]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    maxp.recalc(font)
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(out_path)
