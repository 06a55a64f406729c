"""Tests of layers/printmap/export.py: PNG, PDF and SVG files per paper and orientation, one view per district."""

from __future__ import annotations

import io
import re
import zlib
from xml.etree import ElementTree

import pytest
from PIL import Image
from print_fixtures import LOW_DPI, low_dpi

from geo.view import View, apply_view
from layers.printmap.export import export_map, per_district_views, save_figure
from layers.printmap.page import PAPERS_MM, PrintOptions, expected_png_size
from layers.printmap.render import render


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_png_size_matches_paper_and_dpi(shipped, paper, orientation):
    opts = low_dpi(paper=paper, orientation=orientation)
    png = export_map(shipped, View(), "png", opts)
    im = Image.open(io.BytesIO(png))
    assert im.format == "PNG"
    assert im.size == expected_png_size(opts)
    w_mm, h_mm = PAPERS_MM[paper]
    long_px, short_px = max(im.size), min(im.size)
    assert long_px == pytest.approx(h_mm / 25.4 * LOW_DPI, abs=1)
    assert short_px == pytest.approx(w_mm / 25.4 * LOW_DPI, abs=1)
    assert (im.size[0] > im.size[1]) == (orientation == "landscape")


def test_png_at_300_dpi_is_a4_print_size(shipped):
    png = export_map(shipped, View(districts=("合川区",)), "png", PrintOptions())
    im = Image.open(io.BytesIO(png))
    assert im.size == (3508, 2480)
    assert im.info.get("dpi", (0, 0))[0] == pytest.approx(300, abs=1)


def _font_streams(pdf: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"/FontFile2 (\d+) 0 R", pdf):
        obj = re.search(rb"\n" + m.group(1) + rb" 0 obj\s*<<.*?>>\s*stream\r?\n", pdf, re.S)
        out.append(zlib.decompressobj().decompress(pdf[obj.end():obj.end() + 5_000_000]))
    return out


@pytest.mark.parametrize("paper,orientation", [("a4", "portrait"), ("a3", "landscape")])
def test_pdf_embeds_truetype_subset_with_selectable_text(shipped, paper, orientation):
    view = View(districts=("合川区",))
    pdf = export_map(shipped, view, "pdf", low_dpi(paper=paper, orientation=orientation))
    assert pdf.startswith(b"%PDF")
    streams = _font_streams(pdf)
    assert streams, "no embedded TrueType font"
    for s in streams:
        assert s[:4] == b"\x00\x01\x00\x00", "embedded font must have TrueType outlines, not CFF"
    assert b"/CIDFontType2" in pdf
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    w, h = page.get_size()
    long_mm, short_mm = max(w, h) / 72 * 25.4, min(w, h) / 72 * 25.4
    assert (short_mm, long_mm) == pytest.approx(PAPERS_MM[paper], abs=0.5)
    text = page.get_textpage().get_text_range()
    assert "合川区制造业园区产业布局图" in text
    assert "南溪组团" in text


def test_svg_keeps_text_as_text(shipped):
    svg = export_map(shipped, View(), "svg", low_dpi(orientation="portrait"))
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    texts = ["".join(t.itertext()) for t in root.iter(ns + "text")]
    assert "重庆市制造业园区产业布局图" in texts, "text stays editable text in SVG"
    assert any("南溪组团" in t for t in texts)
    assert root.get("width", "").startswith("595")  # A4 portrait width in points


def test_empty_view_still_makes_a_page(shipped):
    r = render(shipped, View(search="不存在的园区名"), low_dpi())
    assert "当前筛选条件下没有园区" in r.texts
    assert r.content.sector_entries == []
    png = save_figure(r, "png", low_dpi())
    assert Image.open(io.BytesIO(png)).size == expected_png_size(low_dpi())


def test_bad_format_is_refused(mini):
    with pytest.raises(ValueError, match="unknown image format"):
        export_map(mini, View(), "jpg", low_dpi())


def test_per_district_views(shipped):
    views = per_district_views(shipped, View(sectors=("先进材料",)))
    names = [v.districts[0] for v in views]
    expected = sorted(set(apply_view(shipped, View(sectors=("先进材料",)))["district"]))
    assert sorted(names) == expected
    assert all(v.sectors == ("先进材料",) for v in views)
