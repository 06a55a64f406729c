"""Tests of layers/printmap/fonts.py: the CJK font ships in a pip package and covers every character drawn."""

from __future__ import annotations

from print_fixtures import low_dpi

from geo.view import View
from layers.i18n import TIER_LABELS
from layers.labels import unclassified
from layers.printmap.fonts import cjk_font_path, missing_glyphs, register_cjk_font
from layers.printmap.render import render
from layers.printmap.text import TEXT
from layers.style import scale_legend


def _data_strings(ds) -> list[str]:
    out: list[str] = []
    for col in ("name_zh", "name_en", "district", "kind", "tier", "location_note", "quote"):
        out += [str(v) for v in ds.parks[col]]
    for col in ("district", "district_en"):
        out += [str(v) for v in ds.districts[col]]
    for col in ("sector", "chain", "name_en"):
        out += [str(v) for v in ds.industries[col]]
    for col in ("title", "title_en", "doc_number", "issued", "district"):
        if col in ds.plans.columns:
            out += [str(v) for v in ds.plans[col]]
    for col in ("name_as_written", "sector", "chain", "district"):
        out += [str(v) for v in ds.clusters[col]]
    return out


def test_font_covers_every_character_in_the_data(shipped):
    missing = {}
    for s in _data_strings(shipped):
        for ch in missing_glyphs(s):
            missing.setdefault(ch, s)
    assert not missing, f"characters the CJK font cannot draw: {missing}"


def test_font_covers_every_text_the_map_draws(shipped):
    strings = [v for lang in ("zh", "en") for v in TEXT[lang].values()]
    strings += [lab for lang in ("zh", "en") for lab, _ in scale_legend(lang)] + [en for _, en in TIER_LABELS.values()]
    strings += [unclassified(lang) for lang in ("zh", "en")]
    for view in (View(), View(lang="en", districts=("合川区",), sectors=("先进材料",), min_scale_yi=50, search="园")):
        r = render(shipped, view, low_dpi())
        strings += r.texts
    missing = {ch for s in strings for ch in missing_glyphs(s)}
    assert not missing


def test_missing_glyphs_reports_what_the_font_lacks():
    assert missing_glyphs("合川区 Hechuan ≥1000亿级 〔2022〕118号") == set()
    assert missing_glyphs("园区\U0001f3ed") == {"\U0001f3ed"}  # factory emoji: not in Noto Sans CJK
    assert missing_glyphs("a\n\tb") == set()


def test_font_ships_in_a_pip_package():
    path = cjk_font_path()
    assert "mplfonts" in str(path) and path.is_file()
    assert register_cjk_font() == "Noto Sans CJK SC"
