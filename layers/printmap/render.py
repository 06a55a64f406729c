"""Drawing a view as a full print page: map, districts, parks and their labels, furniture, legend, title, footer."""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.text import Text

from geo.load import Dataset
from geo.uncertainty import dashed_outline
from geo.view import View

from ..labels import Labels
from ..style import BACKGROUND, DISTRICT_EDGE, DISTRICT_FILL, FOCUS_DISTRICT_FILL, TIER_OUTLINE
from ..uncertainty import PRINT_DASH, ring_sites
from .content import MapContent, prepare
from .fonts import register_cjk_font
from .frame import draw_inset, draw_north_arrow, draw_scale_bar, nice_length
from .legend import NumberedRoom, draw_footer, draw_legend, legend_height_mm
from .marks import add_circles, draw_park_markers, halo_text, polygon_path, rgba
from .page import INK, LEADER, MM, MUTED, PT_PER_PX, PrintOptions, fit_extent, page_layout
from .placement import LABEL_BUDGET, NUMBER_SEARCH_MAX_PARKS, Box, LabelPlacer
from .text import park_label, words, wrap


@dataclass
class Rendered:
    """A drawn figure and what was put on it (for tests and the app's preview)."""

    figure: Figure
    content: MapContent
    label_boxes: list[Box]
    unplaced: list[str]  # numbered parks whose number touches a neighbour (small maps: every park is found)
    texts: list[str]
    unlabelled: list[str] = field(default_factory=list)  # parks drawn as markers only (beyond the page's labels)


def render(ds: Dataset, view: View, options: PrintOptions | None = None) -> Rendered:
    """Draw the view as a full page: map, legend, scale bar, north arrow, title and notes.

    Parameters
    ----------
    ds : Dataset
    view : View
        Filters and language (``view.lang``).
    options : PrintOptions, optional

    Returns
    -------
    Rendered
    """
    opts = options or PrintOptions()
    family = register_cjk_font()
    content = prepare(ds, view)
    lang = view.lang
    L = page_layout(opts.paper, opts.orientation)
    if opts.orientation == "portrait":
        L = page_layout(opts.paper, opts.orientation, legend_h=legend_height_mm(content, lang, opts.paper) + 2.0)
    k = L["k"]
    W, H = L["W"], L["H"]
    with matplotlib.rc_context({"font.family": [family], "axes.unicode_minus": False, "text.parse_math": False}):
        fig = Figure(figsize=(W / 25.4, H / 25.4), dpi=opts.dpi)
        FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        texts: list[str] = []

        def ftext(x_mm, y_mm, s, **kw) -> Text:
            texts.append(s)
            return fig.text(x_mm / W, y_mm / H, s, **kw)

        # ---- map frame
        mx, my, mw, mh = L["map"]
        ax = fig.add_axes((mx / W, my / H, mw / W, mh / H))
        ax.set_facecolor(BACKGROUND)
        ax.set_xticks([])
        ax.set_yticks([])
        for s in ax.spines.values():
            s.set_edgecolor("#444444")
            s.set_linewidth(0.8)
        x0, y0, x1, y1 = fit_extent(content.extent, mw, mh)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        pt_per_m = mw * MM / (x1 - x0)  # page points per projected metre

        def to_pt(x: float, y: float) -> tuple[float, float]:
            return mx * MM + (x - x0) * pt_per_m, my * MM + (y - y0) * pt_per_m

        def to_data(px: float, py: float) -> tuple[float, float]:
            return x0 + (px - mx * MM) / pt_per_m, y0 + (py - my * MM) / pt_per_m

        frame = Box(mx * MM, my * MM, (mx + mw) * MM, (my + mh) * MM)
        placer = LabelPlacer(frame)

        # ---- districts
        d = content.districts
        view_box = shapely.box(x0, y0, x1, y1)
        d = d[d.intersects(view_box)]
        for focus, fill, lw, z in ((False, DISTRICT_FILL, 0.5, 1), (True, FOCUS_DISTRICT_FILL, 0.9, 2)):
            paths = [p for p in (polygon_path(g) for g in d.loc[d["focus"] == focus].geometry) if p is not None]
            if paths:
                coll = PatchCollection(
                    [PathPatch(p) for p in paths],
                    facecolor=fill,
                    edgecolor=DISTRICT_EDGE if focus else "#9a9a9a",
                    linewidth=lw * k,
                    zorder=z,
                )
                ax.add_collection(coll)

        # ---- reserved corners: scale bar (bottom left) and north arrow (top right)
        bar_m = nice_length(36 * MM * k / pt_per_m)
        sb_box = Box(frame.x0, frame.y0, frame.x0 + bar_m * pt_per_m + 15 * MM * k, frame.y0 + 10 * MM * k)
        na_box = Box(frame.x1 - 15 * MM * k, frame.y1 - 21 * MM * k, frame.x1, frame.y1)
        placer.add_obstacle(sb_box)
        placer.add_obstacle(na_box)
        inset = None
        if content.inset is not None:
            inset = draw_inset(fig, ax, content, d, frame, (x0, y0, x1, y1), pt_per_m, (sb_box, na_box), W, H, k, lang,
                               texts)
            placer.add_obstacle(inset["box"])

        # ---- parks: footprints, then markers (large first), then labels
        parks = content.parks.copy()
        parks["anchor"] = parks.geometry.representative_point()
        for dashed, ls in ((True, (0, (3, 2))), (False, "solid")):
            sel = parks[(parks["geometry_quality"].map(dashed_outline) == dashed)
                        & parks.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
            drawn = [(p, c) for p, c in zip(map(polygon_path, sel.geometry), sel["color"], strict=True) if p is not None]
            if drawn:
                colors = [c for _, c in drawn]
                for face, edge, lw in ((rgba(colors, 0.22), "none", 0.0), ("none", rgba(colors), 0.8 * k)):
                    ax.add_collection(PatchCollection([PathPatch(p) for p, _ in drawn], facecolors=face,
                                                      edgecolors=edge, linewidths=lw, linestyles=ls, zorder=3),
                                      autolim=False)
        rings = ring_sites(parks)  # approximate point sites: a dashed uncertainty ring
        if len(rings):
            add_circles(ax, rings["x"], rings["y"], rings["r"], "none", rgba(rings["color"], 0.85), 0.6 * k,
                        PRINT_DASH, zorder=3)
        parks["r_pt"] = parks["radius_px"].astype(float) * PT_PER_PX * k
        parks = parks.sort_values(["r_pt", "park_id"], ascending=[False, True])
        draw_park_markers(ax, parks, k)
        marker_boxes: dict[str, Box] = {}
        pxs, pys = to_pt(shapely.get_x(parks["anchor"].values), shapely.get_y(parks["anchor"].values))
        rrs = parks["r_pt"].to_numpy() + 1.5 * k
        for pid, px, py, rr in zip(parks["park_id"], pxs.tolist(), pys.tolist(), rrs.tolist(), strict=True):
            marker_boxes[pid] = Box(px - rr, py - rr, px + rr, py + rr)
            placer.add_obstacle(marker_boxes[pid])

        # ---- district names: focus districts first (always shown), the others only where room is left
        names = Labels.of(ds, lang)
        renderer = fig.canvas.get_renderer()

        def district_labels(focus: bool) -> None:
            size, color = (10.5 * k, "#4a4a4a") if focus else (7.0 * k, "#8c8c8c")
            for _, row in d.loc[d["focus"] == focus].iterrows():
                name = names.district(row["district"])
                bb = Text(0, 0, name, fontsize=size, figure=fig).get_window_extent(renderer)
                w, h = bb.width * 72 / fig.dpi, bb.height * 72 / fig.dpi
                geom = row.geometry.intersection(view_box)
                if geom.is_empty:
                    continue
                rp = geom.representative_point()
                gx0, gy0, gx1, gy1 = geom.bounds
                grid = [
                    shapely.Point(gx0 + (gx1 - gx0) * i / 12, gy0 + (gy1 - gy0) * j / 12)
                    for i in range(1, 12)
                    for j in range(1, 12)
                ]
                pts = [rp, *sorted((p for p in grid if geom.contains(p)), key=lambda p: p.distance(rp))]
                boxes = []
                for p in pts:
                    cx, cy = to_pt(p.x, p.y)
                    boxes.append(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
                gaps = (14.0 * k, 6.0 * k, 0.5) if focus else (0.5,)
                box = placer.place_at(boxes, gap=3.0, obstacle_gaps=gaps)
                if box is None:
                    continue
                cx, cy = to_data((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
                texts.append(name)
                halo_text(ax, cx, cy, name, FOCUS_DISTRICT_FILL, 2.2 * k, fontsize=size, color=color, ha="center",
                          va="center", zorder=7)

        district_labels(True)

        label_size = (5.9 if lang == "en" else 6.3) * k
        unplaced: list[str] = []
        unlabelled: list[str] = []
        label_boxes: list[Box] = []
        # a page holds a few hundred names: the most important parks are named (or numbered), the rest are
        # markers only, counted in the footer; the numbered list takes what the legend has room for
        ranked = parks.assign(
            tier_rank=parks["tier"].map(lambda t: list(TIER_OUTLINE).index(t) if t in TIER_OUTLINE else 9),
        ).sort_values(["scale_class", "tier_rank", "park_id"], ascending=[False, True, True])
        named_ids = set(ranked["park_id"].iloc[:LABEL_BUDGET])
        room = NumberedRoom(content, L, lang)
        small_map = len(parks) <= NUMBER_SEARCH_MAX_PARKS

        def park_labels(rows: pd.DataFrame, placer: LabelPlacer, to_pt, to_data, ax, marker_boxes: dict) -> None:
            mine = ranked[ranked.index.isin(rows.index)]
            tried = mine["park_id"].isin(named_ids)
            unlabelled.extend(str(p) for p in mine.loc[~tried, "park_id"])
            for _, row in mine[tried].iterrows():
                s = park_label(row, lang)
                t = Text(0, 0, s, fontsize=label_size, figure=fig, linespacing=1.05)
                bb = t.get_window_extent(renderer)
                w, h = bb.width * 72 / fig.dpi + 1.0, bb.height * 72 / fig.dpi + 0.6
                px, py = to_pt(row["anchor"].x, row["anchor"].y)
                own = marker_boxes.get(row["park_id"])
                box, leader, ok = placer.place(px, py, w, h, row["r_pt"] + 0.5 * k, own=own, fallback=False)
                if box is None:  # no room for the name: a number here, the name in the legend's list
                    entry = (len(content.numbered) + 1, s.replace("\n", " " if lang == "en" else ""))
                    if not room.take(f"{entry[0]}  {entry[1]}"):  # the list is full: a marker only
                        unlabelled.append(str(row["park_id"]))
                        continue
                    content.numbered.append(entry)
                    s = str(len(content.numbered))
                    bb = Text(0, 0, s, fontsize=label_size, figure=fig).get_window_extent(renderer)
                    w, h = bb.width * 72 / fig.dpi + 1.0, bb.height * 72 / fig.dpi + 0.6
                    # a number is small: on a map of a few hundred parks look a little farther out (a leader line
                    # joins it to its marker), and if it fits nowhere let it touch a neighbour: every park of a
                    # small map is found; on a bigger one the page is full anyway and a number that fits nowhere
                    # is left off (the park counted in the footer)
                    rings = (8, 16) if small_map else (6, 6)
                    box, leader, ok = placer.place(px, py, w, h, row["r_pt"] + 0.5 * k, own=own, rings=rings,
                                                   fallback=small_map)
                    if box is None:
                        content.numbered.pop()
                        room.give_back(f"{entry[0]}  {entry[1]}")
                        unlabelled.append(str(row["park_id"]))
                        continue
                if not ok:
                    unplaced.append(str(row["park_id"]))
                label_boxes.append(box)
                tx, ty = to_data(box.x0 + 0.5, box.y0 + 0.3)
                texts.append(s)
                halo_text(ax, tx, ty, s, "white", 2.0 * k, fontsize=label_size, color=INK, ha="left", va="bottom",
                          linespacing=1.05, zorder=9)
                if leader is not None:
                    (lx0, ly0), (lx1, ly1) = to_data(leader[0], leader[1]), to_data(leader[2], leader[3])
                    ax.add_line(Line2D([lx0, lx1], [ly0, ly1], color=LEADER, linewidth=0.45 * k, zorder=8))

        if inset is not None:  # the parks inside the enlarged area are named there
            in_inset = parks["anchor"].within(shapely.box(*inset["extent"]))
            park_labels(parks[in_inset], inset["placer"], inset["to_pt"], inset["to_data"], inset["ax"],
                        inset["marker_boxes"])
            park_labels(parks[~in_inset], placer, to_pt, to_data, ax, marker_boxes)
        else:
            park_labels(parks, placer, to_pt, to_data, ax, marker_boxes)
        content.unlabelled = len(unlabelled)

        district_labels(False)

        if content.parks.empty:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            msg = words(lang, "no_parks")
            texts.append(msg)
            ax.text(cx, cy, msg, fontsize=12 * k, color=MUTED, ha="center", va="center", zorder=9)

        draw_scale_bar(fig, sb_box, bar_m, pt_per_m, k, lang, texts)
        draw_north_arrow(fig, na_box, (x0 + x1) / 2, (y0 + y1) / 2, W, H, k, lang, texts)
        draw_legend(fig, content, L, lang, texts)

        # ---- title, subtitle, footer
        title = opts.title.strip() or content.title
        ftext(L["m"], H - L["m"] - 4.5 * k, title, fontsize=15 * k, color=INK, va="baseline")
        sub = wrap(content.subtitle, (W - 2 * L["m"]) * MM, 7.5 * k).split("\n")[:2]
        ftext(L["m"], H - L["m"] - 7.5 * k, "\n".join(sub), fontsize=7.5 * k, color=MUTED, va="top", linespacing=1.3)
        draw_footer(fig, content, L, lang, opts, texts)
    return Rendered(figure=fig, content=content, label_boxes=label_boxes, unplaced=unplaced, texts=texts,
                    unlabelled=unlabelled)
