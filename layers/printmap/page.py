"""The printed page: paper, orientation and resolution (``PrintOptions``), units and ink, and where everything sits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Paper sizes (width, height) in millimetres, portrait.
PAPERS_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
ORIENTATIONS = ("landscape", "portrait")
FORMATS = ("png", "pdf", "svg")
#: Largest PNG resolution offered (an A3 page at 600 dpi is ~70 megapixels).
MAX_DPI = 600
MIN_DPI = 50

#: Marker radius on paper (points) per screen pixel of the web map's radius.
PT_PER_PX = 0.5
#: Everything on A3 is drawn this much larger than on A4.
A3_SCALE = 1.2

MM = 72.0 / 25.4  # points per millimetre
INK = "#222222"
MUTED = "#6f6f6f"
LEADER = "#7a7a7a"


@dataclass(frozen=True)
class PrintOptions:
    """Page and output settings of a print export.

    Parameters
    ----------
    paper : str
        ``a4`` or ``a3``.
    orientation : str
        ``landscape`` or ``portrait``.
    dpi : int
        PNG resolution (dots per inch); PDF and SVG are vector and ignore it.
    title : str
        Map title; empty = a title made from the view.
    credit : str
        Optional 审图号 / basemap credit line printed in the footer.
    export_date : datetime.date or None
        Date printed on the map (default: today).
    """

    paper: str = "a4"
    orientation: str = "landscape"
    dpi: int = 300
    title: str = ""
    credit: str = ""
    export_date: date | None = None

    def __post_init__(self) -> None:
        if self.paper not in PAPERS_MM:
            raise ValueError(f"unknown paper '{self.paper}' (use {', '.join(PAPERS_MM)})")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"unknown orientation '{self.orientation}' (use landscape or portrait)")
        if not (MIN_DPI <= int(self.dpi) <= MAX_DPI):
            raise ValueError(f"dpi {self.dpi} is out of range ({MIN_DPI}–{MAX_DPI})")


def page_size_inches(paper: str = "a4", orientation: str = "landscape") -> tuple[float, float]:
    """Page (width, height) in inches for a paper preset and orientation."""
    w, h = PAPERS_MM[paper]
    if orientation == "landscape":
        w, h = h, w
    return w / 25.4, h / 25.4


def expected_png_size(options: PrintOptions) -> tuple[int, int]:
    """Pixel (width, height) of a PNG export with these options."""
    w, h = page_size_inches(options.paper, options.orientation)
    return int(round(w * options.dpi)), int(round(h * options.dpi))


def page_layout(paper: str, orientation: str, legend_h: float = 62.0) -> dict:
    """Page regions in millimetres: map frame, legend panel, title and footer.

    ``legend_h`` is the legend's height (mm, before the A3 scale) in portrait, where it sits below the map.
    """
    w_in, h_in = page_size_inches(paper, orientation)
    W, H = w_in * 25.4, h_in * 25.4
    k = A3_SCALE if paper == "a3" else 1.0
    m = 10.0 * k
    title_h = 16.0 * k
    footer_h = 15.0 * k
    if orientation == "landscape":
        legend_w = 62.0 * k
        map_box = (m, m + footer_h, W - 2 * m - legend_w - 4 * k, H - 2 * m - footer_h - title_h)
        legend_box = (W - m - legend_w, m + footer_h, legend_w, H - 2 * m - footer_h - title_h)
        cols = 1
    else:
        lh = legend_h * k
        map_box = (m, m + footer_h + lh + 4 * k, W - 2 * m, H - 2 * m - footer_h - title_h - lh - 4 * k)
        legend_box = (m, m + footer_h, W - 2 * m, lh)
        cols = 3
    return dict(W=W, H=H, k=k, m=m, title_h=title_h, footer_h=footer_h, map=map_box, legend=legend_box, cols=cols)


def fit_extent(extent, frame_w: float, frame_h: float):
    """Grow an extent so its aspect ratio matches the frame (equal scale in x and y)."""
    x0, y0, x1, y1 = extent
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if w / h > frame_w / frame_h:
        h = w * frame_h / frame_w
    else:
        w = h * frame_w / frame_h
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
