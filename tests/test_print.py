"""Tests of layers/print.py: files per format and paper, legend entries, font coverage, labels, scale bar."""

from __future__ import annotations

import io
import re
import zlib
from xml.etree import ElementTree

import pytest
from PIL import Image

from geo.taxonomy import sectors
from geo.view import View, apply_view
from layers import print as lp
from layers.i18n import TIER_LABELS
from layers.labels import unclassified
from layers.style import TIER_OUTLINE, scale_legend

LOW_DPI = 60


def _opts(**kw) -> lp.PrintOptions:
    return lp.PrintOptions(**{"dpi": LOW_DPI, **kw})


@pytest.mark.parametrize("paper", ["a4", "a3"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_png_size_matches_paper_and_dpi(shipped, paper, orientation):
    opts = _opts(paper=paper, orientation=orientation)
    png = lp.export_map(shipped, View(), "png", opts)
    im = Image.open(io.BytesIO(png))
    assert im.format == "PNG"
    assert im.size == lp.expected_png_size(opts)
    w_mm, h_mm = lp.PAPERS_MM[paper]
    long_px, short_px = max(im.size), min(im.size)
    assert long_px == pytest.approx(h_mm / 25.4 * LOW_DPI, abs=1)
    assert short_px == pytest.approx(w_mm / 25.4 * LOW_DPI, abs=1)
    assert (im.size[0] > im.size[1]) == (orientation == "landscape")


def test_png_at_300_dpi_is_a4_print_size(shipped):
    png = lp.export_map(shipped, View(districts=("合川区",)), "png", lp.PrintOptions())
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
    pdf = lp.export_map(shipped, view, "pdf", _opts(paper=paper, orientation=orientation))
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
    assert (short_mm, long_mm) == pytest.approx(lp.PAPERS_MM[paper], abs=0.5)
    text = page.get_textpage().get_text_range()
    assert "合川区制造业园区产业布局图" in text
    assert "南溪组团" in text


def test_svg_keeps_text_as_text(shipped):
    svg = lp.export_map(shipped, View(), "svg", _opts(orientation="portrait"))
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg"
    texts = ["".join(t.itertext()) for t in root.iter(ns + "text")]
    assert "重庆市制造业园区产业布局图" in texts, "text stays editable text in SVG"
    assert any("南溪组团" in t for t in texts)
    assert root.get("width", "").startswith("595")  # A4 portrait width in points


def _legend_sectors(ds, view):
    present = set(apply_view(ds, view)["dominant_sector"].fillna(""))
    out = [s for s in sectors(ds.industries)["sector"] if s in present]
    # a park the plan names without any industry (永川国家高新区 umbrella, 黔江 合作示范园) is drawn as unknown
    return out + ["未明确产业"] if "" in present else out


@pytest.mark.parametrize(
    "view",
    [View(), View(districts=("永川区",)), View(sectors=("先进材料",)), View(tiers=("核心引擎", "关键支撑"))],
)
def test_legend_lists_sectors_present_and_all_scale_classes(shipped, view):
    r = lp.render(shipped, view, _opts())
    labels = [lab for lab, _ in r.content.sector_entries]
    assert labels == _legend_sectors(shipped, view)
    colors = dict(zip(sectors(shipped.industries)["sector"], sectors(shipped.industries)["color"], strict=True))
    assert [c for _, c in r.content.sector_entries] == [colors.get(s, "#bbbbbb") for s in labels]
    assert [lab for lab, _, _ in r.content.scale_entries] == [lab for lab, _ in scale_legend("zh")]
    assert [h for _, _, h in r.content.scale_entries] == [False] * 5 + [True]
    for lab in labels + [lab for lab, _ in scale_legend("zh")]:
        assert lab in r.texts, f"legend entry {lab} not drawn"
    tiers = set(apply_view(shipped, view)["tier"])
    assert [lab for lab, _ in r.content.tier_entries] == [t for t in TIER_OUTLINE if t in tiers]


def test_legend_in_english_and_unknown_sector(mini):
    r = lp.render(mini, View(lang="en"), _opts())
    labels = [lab for lab, _ in r.content.sector_entries]
    # mini: jia-1/jia-2/yi-1 are autos or electronics; names come from industries.name_en
    assert set(labels) <= {"Autos", "Electronics", "Materials", "Industry not stated"}
    assert "Autos" in labels
    assert [lab for lab, _, _ in r.content.scale_entries] == [lab for lab, _ in scale_legend("en")]


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
        for ch in lp.missing_glyphs(s):
            missing.setdefault(ch, s)
    assert not missing, f"characters the CJK font cannot draw: {missing}"


def test_font_covers_every_text_the_map_draws(shipped):
    strings = [v for lang in ("zh", "en") for v in lp._TEXT[lang].values()]
    strings += [lab for lang in ("zh", "en") for lab, _ in scale_legend(lang)] + [en for _, en in TIER_LABELS.values()]
    strings += [unclassified(lang) for lang in ("zh", "en")]
    for view in (View(), View(lang="en", districts=("合川区",), sectors=("先进材料",), min_scale_yi=50, search="园")):
        r = lp.render(shipped, view, _opts())
        strings += r.texts
    missing = {ch for s in strings for ch in lp.missing_glyphs(s)}
    assert not missing


def test_missing_glyphs_reports_what_the_font_lacks():
    assert lp.missing_glyphs("合川区 Hechuan ≥1000亿级 〔2022〕118号") == set()
    assert lp.missing_glyphs("园区\U0001f3ed") == {"\U0001f3ed"}  # factory emoji: not in Noto Sans CJK
    assert lp.missing_glyphs("a\n\tb") == set()


def test_font_ships_in_a_pip_package():
    path = lp.cjk_font_path()
    assert "mplfonts" in str(path) and path.is_file()
    assert lp.register_cjk_font() == "Noto Sans CJK SC"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_park_labels_do_not_collide_and_stay_in_the_frame(shipped, lang):
    views = [View(lang=lang)] + [View(lang=lang, districts=(d,)) for d in sorted(set(shipped.parks["district"]))]
    for view in views:
        r = lp.render(shipped, view, _opts())
        n = len(apply_view(shipped, view))
        assert len(r.label_boxes) == n
        if view.districts:
            assert r.unplaced == []
        else:  # the whole city at A4: a dense inset may leave a number touching a neighbour, never a park unnamed
            named = {name for _, name in r.content.numbered}
            rows = shipped.parks.set_index("park_id")
            col = "name_en" if lang == "en" else "name_zh"
            assert len(r.unplaced) <= 1 and all(rows.loc[p, col] in named for p in r.unplaced), r.unplaced
            continue
        boxes = r.label_boxes
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not a.overlaps(b), f"{view}: labels overlap"


def test_label_placer_avoids_obstacles_and_falls_back():
    frame = lp.Box(0, 0, 200, 100)
    placer = lp.LabelPlacer(frame)
    placer.add_obstacle(lp.Box(95, 45, 105, 55))  # the marker itself
    first, leader, ok = placer.place(100, 50, 30, 8, 5)
    assert ok and not leader
    assert not first.overlaps(lp.Box(95, 45, 105, 55), 0.5)
    second, _, ok2 = placer.place(100, 50, 30, 8, 5)
    assert ok2 and not second.overlaps(first)
    tiny = lp.LabelPlacer(lp.Box(0, 0, 20, 20))
    _, _, ok3 = tiny.place(10, 10, 50, 8, 2)  # cannot fit: reported, not hidden
    assert not ok3


@pytest.mark.parametrize(
    "target,expected", [(37.0, 20.0), (50.0, 50.0), (9.9, 5.0), (0.3, 0.2), (120_000.0, 100_000.0), (1.0, 1.0)]
)
def test_nice_length(target, expected):
    assert lp.nice_length(target) == pytest.approx(expected)


def test_scale_bar_is_a_round_number_of_km(shipped):
    r = lp.render(shipped, View(districts=("合川区",)), _opts())
    unit_index = r.texts.index("千米")
    numbers = [float(x) for x in r.texts[unit_index - 3:unit_index]]
    assert numbers[0] == 0 and numbers[2] in (1, 2, 5, 10, 20, 50, 100) and numbers[1] == numbers[2] / 2


def test_north_arrow_follows_grid_convergence():
    from pyproj import Transformer

    to_proj = Transformer.from_crs("EPSG:4326", "EPSG:32648", always_xy=True)
    on_meridian = lp._true_north_angle(*to_proj.transform(105.0, 29.5))
    east = lp._true_north_angle(*to_proj.transform(108.8, 29.5))
    assert abs(on_meridian) < 1e-4
    # east of the central meridian true north leans west of grid north (counter-clockwise, positive) by ~1.9°
    assert 1.5 < east * 180 / 3.141592653589793 < 2.3


def test_empty_view_still_makes_a_page(shipped):
    r = lp.render(shipped, View(search="不存在的园区名"), _opts())
    assert "当前筛选条件下没有园区" in r.texts
    assert r.content.sector_entries == []
    png = lp.save_figure(r, "png", _opts())
    assert Image.open(io.BytesIO(png)).size == lp.expected_png_size(_opts())


def test_title_subtitle_and_sources(shipped):
    view = View(districts=("合川区",), sectors=("先进材料",), min_scale_yi=100)
    r = lp.render(shipped, view, _opts(title="自定义标题", credit="审图号：渝S(2024)001号"))
    assert "自定义标题" in r.texts
    sub = r.content.subtitle
    assert "先进材料" in sub and "≥ 100亿元" in sub and "各区县最新规划" in sub
    footer = r.texts[-1]
    assert "资料来源" in footer and "审图号：渝S(2024)001号" in footer and "制图日期" in footer
    plans = shipped.plans[shipped.plans["plan_id"].isin(r.content.plans["plan_id"])]
    assert set(plans["district"]) == {"合川区"}
    for _, p in plans.iterrows():
        assert p["title"][:8] in footer.replace("\n", "")


@pytest.mark.parametrize("bad", [dict(paper="letter"), dict(orientation="square"), dict(dpi=5), dict(dpi=5000)])
def test_bad_options_are_refused(bad):
    with pytest.raises(ValueError):
        lp.PrintOptions(**bad)


def test_bad_format_is_refused(mini):
    with pytest.raises(ValueError, match="unknown image format"):
        lp.export_map(mini, View(), "jpg", _opts())


def test_per_district_views(shipped):
    views = lp.per_district_views(shipped, View(sectors=("先进材料",)))
    names = [v.districts[0] for v in views]
    expected = sorted(set(apply_view(shipped, View(sectors=("先进材料",)))["district"]))
    assert sorted(names) == expected
    assert all(v.sectors == ("先进材料",) for v in views)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_very_long_park_name_is_ellipsised_on_print(mini, lang):
    import dataclasses

    parks = mini.parks.copy()
    parks.loc[parks.index[0], "name_zh"] = "甲" * 10_000 + "园"
    parks.loc[parks.index[0], "name_en"] = "Very long " * 1_000
    ds = dataclasses.replace(mini, parks=parks)
    r = lp.render(ds, View(lang=lang), _opts())
    drawn = [t.get_text() for t in r.figure.findobj(lambda a: hasattr(a, "get_text"))]
    long_bits = [s for s in drawn if "甲甲甲" in s or "Very long" in s]
    assert long_bits and all(len(s.replace("\n", "")) <= lp.LABEL_MAX_CHARS[lang] for s in long_bits), long_bits
    assert any(s.endswith("…") for s in long_bits)
    from geo.tables import parks_table

    assert "甲" * 10_000 + "园" in set(parks_table(ds, View())["name_zh"])  # the tables keep the full name


def test_title_names_the_filter(shipped):
    """The default title names the districts, industries and search the map was filtered to."""
    title, _ = lp.describe_view(shipped, View(districts=("永川区",), sectors=("智能网联新能源汽车",)), 3)
    assert title.startswith("永川区") and "智能网联新能源汽车" in title
    title, _ = lp.describe_view(shipped, View(search="凤凰湖"), 2)
    assert "凤凰湖" in title
    title, _ = lp.describe_view(shipped, View(sectors=("智能网联新能源汽车",), lang="en"), 2)
    assert "vehicle" in title.lower() and "汽车" not in title



@pytest.mark.parametrize("paper,orientation", [("a4", "landscape"), ("a4", "portrait"), ("a3", "landscape")])
def test_city_map_shows_the_whole_municipality_and_a_whole_legend(shipped, paper, orientation):
    """A map titled 重庆市 holds all of it (城口, 巫溪, 巫山, 奉节 included); no legend symbol is clipped."""
    import shapely

    r = lp.render(shipped, View(), _opts(paper=paper, orientation=orientation))
    assert r.content.title.startswith("重庆市")
    fig = r.figure
    ax = fig.axes[0]  # the map frame
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    city = shapely.union_all(list(shipped.districts.to_crs(lp.CRS_PROJECTED).geometry))
    assert shapely.box(x0, y0, x1, y1).contains(city)
    for name in ("城口县", "巫溪县", "巫山县", "奉节县"):
        assert name in set(shipped.districts["district"])
    assert r.content.inset is not None  # the parks sit in the west: their area is enlarged
    renderer = fig.canvas.get_renderer()
    legend_ax = next(a for a in fig.axes if not a.axison)
    box = legend_ax.get_window_extent(renderer)
    for coll in legend_ax.collections:
        # scatter symbols: centre ± the marker's radius (its size is an area in points²)
        for (cx, cy), size in zip(legend_ax.transData.transform(coll.get_offsets()), coll.get_sizes(), strict=False):
            rad = (size ** 0.5) / 2 * fig.dpi / 72
            assert box.x0 - 0.5 <= cx - rad and cx + rad <= box.x1 + 0.5, (cx, rad, box)
            assert box.y0 - 0.5 <= cy - rad and cy + rad <= box.y1 + 0.5, (cy, rad, box)


def _lab(hex_color: str):
    import numpy as np

    rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    rgb = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_sector_colours_are_told_apart(shipped):
    import numpy as np

    from geo.taxonomy import sector_colors

    c = sector_colors(shipped.industries)
    assert np.linalg.norm(_lab(c["消费品工业"]) - _lab(c["食品及农产品加工"])) >= 30  # ΔE*ab, CIE 1976
    names = list(sectors(shipped.industries)["sector"])
    worst = min(np.linalg.norm(_lab(c[a]) - _lab(c[b])) for i, a in enumerate(names) for b in names[i + 1:])
    assert worst >= 15


def test_label_placer_index_agrees_with_a_full_scan():
    """The placer's grid index answers 'is this box free?' exactly as scanning every placed item would."""
    import random

    rnd = random.Random(7)
    frame = lp.Box(0, 0, 600, 400)
    placer = lp.LabelPlacer(frame)
    for _ in range(300):
        x, y = rnd.uniform(0, 590), rnd.uniform(0, 390)
        placer.add_obstacle(lp.Box(x, y, x + rnd.uniform(1, 12), y + rnd.uniform(1, 12)))
    for _ in range(300):
        placer.place(rnd.uniform(10, 590), rnd.uniform(10, 390), rnd.uniform(10, 60), rnd.uniform(5, 12), 4.0)

    def scan(box, gap, og):
        return box.inside(frame, 2.0) and not any(box.overlaps(o, gap) for o in placer.labels) and not any(
            box.overlaps(o, og) for o in placer.obstacles) and not any(
            lp.segment_hits_box(s, box, 1.0) for s in placer.leaders)

    for _ in range(2000):
        x, y = rnd.uniform(-20, 620), rnd.uniform(-20, 420)
        box = lp.Box(x, y, x + rnd.uniform(2, 80), y + rnd.uniform(2, 20))
        gap, og = rnd.choice([0.5, 1.0, 3.0]), rnd.choice([0.5, 6.0, 14.0])
        assert placer._free(box, gap, og) == scan(box, gap, og)
