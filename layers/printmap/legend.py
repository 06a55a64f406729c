"""The print map's legend panel (what each colour, size and outline means) and its footer (sources, method, date)."""

from __future__ import annotations

from datetime import date

from matplotlib.patches import Circle, Rectangle

from ..uncertainty import PRINT_DASH
from .content import MapContent, plan_label
from .marks import dash_style, diamond
from .page import INK, MM, MUTED, PT_PER_PX, PrintOptions, page_layout
from .text import words, wrap


def _legend_columns(content: MapContent, lang: str, col_w: float, cols: int, k: float) -> list[list[tuple]]:
    """Legend rows per column: (kind, label, data, height mm); kinds header, sector, scale, tier, footprint, gap."""
    size = 6.6 * k
    text_w_pt = (col_w - 9 * k) * MM
    sections: list[tuple[str, list]] = [
        (words(lang, "legend_sector"), [("sector", lab, c) for lab, c in content.sector_entries]),
        (words(lang, "legend_scale"), [("scale", lab, (r, hollow)) for lab, r, hollow in content.scale_entries]),
    ]
    if content.tier_entries:
        sections.append((words(lang, "legend_tier"), [("tier", lab, st) for lab, st in content.tier_entries]))
    if content.footprint_entries:
        sections.append((words(lang, "legend_footprint"), [("footprint", lab, q) for lab, q in content.footprint_entries]))
    if content.numbered:
        sections.append((words(lang, "legend_numbered"), [("number", f"{n}  {name}", None) for n, name in content.numbered]))
    groups = [sections] if cols == 1 else [sections[:1], sections[1:2], sections[2:]]
    out = []
    for group in groups:
        rows: list[tuple] = []
        for header, items in group:
            rows.append(("header", header, None, HEADER_MM * k))
            for kind, label, data in items:
                label = wrap(label, text_w_pt, size)
                rows.append((kind, label, data, _row_height(kind, label, data, k)))
            rows.append(("gap", "", None, GAP_MM * k))
        out.append(rows)
    return out


#: Heights (mm, before the A3 scale) of a section header and of the gap after a section.
HEADER_MM, GAP_MM = 5.6, 2.0
#: The legend may squeeze its rows to this share of their height (the text stays at 85 % or more of its size).
MIN_SQUEEZE = 0.8


def _row_height(kind: str, label: str, data, k: float) -> float:
    """Height (mm) of one legend row whose ``label`` is already wrapped."""
    # a numbered park's row is text only: tighter than a row with a symbol
    h = (3.4 if kind == "number" else 4.3) * k + label.count("\n") * 6.6 * k * 1.15 / MM
    if kind == "scale":
        h = max(h, 2 * data[0] * PT_PER_PX * k / MM + 1.2 * k)
    return h


class NumberedRoom:
    """Room left in the legend for its list of numbered parks, so that the list never runs off the panel.

    The list is the legend's last section (in portrait, in the third column); an entry is taken while the
    legend, squeezed to :data:`MIN_SQUEEZE` at most, still holds it.
    """

    def __init__(self, content: MapContent, L: dict, lang: str):
        k, cols = L["k"], L["cols"]
        col_w, lh = L["legend"][2] / cols, L["legend"][3]
        listed, content.numbered = content.numbered, []
        try:
            heights = [sum(r[3] for r in col) for col in _legend_columns(content, lang, col_w, cols, k)]
        finally:
            content.numbered = listed
        self.k, self.text_w_pt = k, (col_w - 9 * k) * MM
        # the list's column may grow to the panel's squeezed height (or to the tallest column, if that is taller)
        self.left = max(lh / MIN_SQUEEZE, *heights) - heights[-1] - (HEADER_MM + GAP_MM) * k

    def take(self, label: str) -> bool:
        """Reserve a row for ``label`` (``n  name``); ``False`` if the legend has no room left for it."""
        h = _row_height("number", wrap(label, self.text_w_pt, 6.6 * self.k), None, self.k)
        if h > self.left + 1e-9:
            return False
        self.left -= h
        return True

    def give_back(self, label: str) -> None:
        """Return the row taken for ``label`` (its number found no place on the map)."""
        self.left += _row_height("number", wrap(label, self.text_w_pt, 6.6 * self.k), None, self.k)


def draw_legend(fig, content: MapContent, L: dict, lang: str, texts) -> None:
    """Legend panel: dominant-industry colours, scale classes, tiers and extent styles."""
    W, H, k = L["W"], L["H"], L["k"]
    lx, ly, lw, lh = L["legend"]
    ax = fig.add_axes((lx / W, ly / H, lw / W, lh / H))
    ax.set_xlim(0, lw)
    ax.set_ylim(0, lh)
    ax.set_axis_off()
    cols = L["cols"]
    col_w = lw / cols
    columns = _legend_columns(content, lang, col_w, cols, k)
    need = max(sum(r[3] for r in col) for col in columns)
    f = min(1.0, lh / need) if need else 1.0  # shrink rows (not symbols) if the panel is too short
    size, head = 6.6 * k * max(f, 0.85), 7.6 * k * max(f, 0.85)
    for ci, rows in enumerate(columns):
        x = ci * col_w
        y = lh
        for kind, label, data, h in rows:
            h *= f
            y -= h / 2
            cx = x + 3.5 * k
            text_x = x + 8.0 * k
            if kind == "scale":  # the biggest circle is wider than the symbol column: move it right, not clip it
                r_mm = data[0] * PT_PER_PX * k / MM
                cx = x + max(3.5 * k, r_mm + 0.8 * k)
                text_x = max(text_x, cx + r_mm + 1.6 * k)
            if kind == "header":
                texts.append(label)
                ax.text(x, y, label, fontsize=head, color=INK, va="center", ha="left")
            elif kind == "sector":
                ax.scatter([cx], [y], s=(4.6 * k) ** 2, c=[data], edgecolors="#333333", linewidths=0.5 * k, zorder=3)
            elif kind == "scale":
                r, hollow = data
                d_pt = 2 * r * PT_PER_PX * k
                if hollow:
                    ax.scatter([cx], [y], s=d_pt**2, facecolors="none", edgecolors="#777777", linewidths=2.0 * k)
                else:
                    ax.scatter([cx], [y], s=d_pt**2, c=["#9a9a9a"], edgecolors="#333333", linewidths=0.6 * k, alpha=0.9)
            elif kind == "tier":
                color, width, dash = data
                ax.scatter([cx], [y], s=(5.5 * k) ** 2, facecolors="#dddddd", edgecolors=color,
                           linewidths=width * 0.5 * k, linestyle=dash_style(dash))
            elif kind == "footprint":
                if data == "logistics":
                    ax.add_patch(diamond(cx, y, 1.8 * k, "#888888", False, k))
                elif data == "uncertainty":
                    ax.add_patch(Circle((cx, y), 2.2 * k, facecolor="none", edgecolor="#555555", linewidth=0.6 * k,
                                        linestyle=PRINT_DASH))
                else:
                    ls = (0, (3, 2)) if data == "approximate" else "solid"
                    ax.add_patch(Rectangle((cx - 2.6 * k, y - 1.5 * k), 5.2 * k, 3.0 * k, facecolor="#c9c9c9",
                                           alpha=0.6, edgecolor="#555555", linewidth=0.8 * k, linestyle=ls))
            if kind == "number":
                texts.append(label)
                ax.text(x, y, label, fontsize=size, color=INK, va="center", ha="left", linespacing=1.15)
            elif kind not in ("header", "gap"):
                texts.append(label)
                ax.text(text_x, y, label, fontsize=size, color=INK, va="center", ha="left", linespacing=1.15)
            y -= h / 2


def legend_height_mm(content: MapContent, lang: str, paper: str = "a4", orientation: str = "portrait") -> float:
    """Height (mm, before the A3 scale) the legend needs below a portrait map."""
    L = page_layout(paper, orientation)
    k = L["k"]
    cols = L["cols"]
    columns = _legend_columns(content, lang, L["legend"][2] / cols, cols, k)
    return max(sum(r[3] for r in col) for col in columns) / k


def draw_footer(fig, content: MapContent, L: dict, lang: str, opts: PrintOptions, texts) -> None:
    """Sources (plans with 文号 and date), method note, boundary source, date and credit line."""
    W, H, k, m = L["W"], L["H"], L["k"], L["m"]
    size = 5.9 * k
    plans = [plan_label(r, lang) for _, r in content.plans.iterrows()]
    src = words(lang, "sources") + words(lang, "colon") + words(lang, "semi").join(plans) if plans else ""
    width_pt = (W - 2 * m) * MM
    day = (opts.export_date or date.today()).isoformat()
    tail = [words(lang, "method"), words(lang, "boundary"), f"{words(lang, 'date')}{words(lang, 'colon')}{day}"]
    if opts.credit.strip():
        tail.append(opts.credit.strip())
    note = []
    if content.unlabelled:  # parks the page had no room to name: said first, so that the line limit keeps it
        key = "unlabelled_1" if content.unlabelled == 1 else "unlabelled"
        note = wrap(words(lang, key).format(n=content.unlabelled), width_pt, size).split("\n")
    lines = note + (wrap(src, width_pt, size).split("\n") if src else []) + wrap(
        ("　" if lang == "zh" else "  ").join(tail), width_pt, size
    ).split("\n")
    text = "\n".join(lines[:5])
    texts.append(text)
    fig.text(m / W, (m + L["footer_h"] - 2.5 * k) / H, text, fontsize=size, color=MUTED, va="top", ha="left",
             linespacing=1.35)
