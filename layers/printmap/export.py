"""Print map files: the PNG, PDF (TrueType subset embedded) or SVG bytes of a view, and one view per district."""

from __future__ import annotations

import io
import os
import tempfile

import matplotlib
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text

from geo.load import Dataset
from geo.view import View, apply_view

from .fonts import truetype_subset
from .page import FORMATS, PrintOptions, expected_png_size
from .render import Rendered, render


def export_map(ds: Dataset, view: View, fmt: str = "png", options: PrintOptions | None = None) -> bytes:
    """Render the view and return the file's bytes.

    Parameters
    ----------
    ds : Dataset
    view : View
    fmt : str
        ``png``, ``pdf`` or ``svg``.
    options : PrintOptions, optional

    Returns
    -------
    bytes
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format '{fmt}' (use {', '.join(FORMATS)})")
    opts = options or PrintOptions()
    rendered = render(ds, view, opts)
    return save_figure(rendered, fmt, opts)


def save_figure(rendered: Rendered, fmt: str, options: PrintOptions) -> bytes:
    """Write a rendered figure as PNG, PDF (TrueType fonts embedded) or SVG (text kept as text)."""
    fig = rendered.figure
    buf = io.BytesIO()
    title = options.title.strip() or rendered.content.title
    if fmt == "png":
        # whole pixels: A4 at 300 dpi is 3508 × 2480 (matplotlib would truncate 3507.87 to 3507)
        w_px, h_px = expected_png_size(options)
        size = fig.get_size_inches()
        fig.set_size_inches((w_px + 0.01) / options.dpi, (h_px + 0.01) / options.dpi)
        try:
            fig.savefig(buf, format="png", dpi=options.dpi, metadata={"Title": title, "Software": "parkmap"})
        finally:
            fig.set_size_inches(size)
        return buf.getvalue()
    if fmt == "svg":
        # text stays text (editable in Illustrator/Inkscape); the font is named, Noto Sans CJK SC
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "parkmap"}):
            fig.savefig(buf, format="svg", metadata={"Title": title, "Date": None})
        return buf.getvalue()
    # PDF: swap every text to a TrueType subset of the same font, so it embeds as Type 42 (CIDFontType2)
    chars = "".join(sorted({c for t in fig.findobj(Text) for c in t.get_text()}))
    fd, tmp = tempfile.mkstemp(suffix=".ttf", prefix="parkmap-font-")
    os.close(fd)
    try:
        truetype_subset(chars, tmp)
        for t in fig.findobj(Text):
            t.set_fontproperties(FontProperties(fname=tmp, size=t.get_fontsize()))
        with matplotlib.rc_context({"pdf.fonttype": 42}):
            fig.savefig(buf, format="pdf", metadata={"Title": title, "Creator": "parkmap", "CreationDate": None})
    finally:
        os.unlink(tmp)
    return buf.getvalue()


def per_district_views(ds: Dataset, view: View) -> list[View]:
    """One view per district that has parks under ``view``'s other filters."""
    parks = apply_view(ds, view.with_(districts=()))
    names = [d for d in ds.districts["district"] if d in set(parks["district"])]
    if view.districts:
        names = [d for d in names if d in view.districts]
    return [view.with_(districts=(d,)) for d in names]
