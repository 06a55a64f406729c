"""Shared map styling for web and print: colours, scale-class sizes, tier outlines."""

from __future__ import annotations

import re

import pandas as pd

from geo.scale_classes import class_labels, classify_scale
from geo.settings import SCALE_BREAKS_YI
from geo.taxonomy import UNKNOWN_COLOR, sector_colors

#: Marker radius (screen px) per scale class, smallest first; index -1 = no stated scale.
CLASS_RADIUS_PX = (6, 9, 12, 16, 21)
NO_SCALE_RADIUS_PX = 7

#: Outline per plan tier: (outline colour, outline width px, dash pattern or None).
TIER_OUTLINE = {
    "核心引擎": ("#000000", 3.5, None),
    "关键支撑": ("#000000", 2.0, None),
    "重要补充": ("#000000", 1.5, "4 3"),
}
DEFAULT_OUTLINE = ("#333333", 1.0, None)

#: Fill used for parks without a stated scale: hollow ring in the sector colour.
NO_SCALE_FILL_OPACITY = 0.0
FILL_OPACITY = 0.85

DISTRICT_EDGE = "#6b6b6b"
DISTRICT_FILL = "#f4f1ea"
BACKGROUND = "#dfe8ee"
FOCUS_DISTRICT_FILL = "#fbf8f0"

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def safe_color(value: object) -> str:
    """A ``#rrggbb`` colour from the data as it is; anything else → :data:`geo.taxonomy.UNKNOWN_COLOR`."""
    v = str(value or "")
    return v if _HEX.match(v) else UNKNOWN_COLOR


def style_parks(parks: pd.DataFrame, industries: pd.DataFrame, scheme: str = "fixed") -> pd.DataFrame:
    """Add drawing columns to a parks summary.

    Adds ``color`` (dominant sector's colour), ``scale_class`` (-1 none), ``radius_px``,
    ``fill_opacity``, ``outline_color``, ``outline_width`` and ``outline_dash``.
    """
    out = parks.copy()
    colors = sector_colors(industries)
    out["color"] = out["dominant_sector"].map(lambda s: colors.get(s, UNKNOWN_COLOR))
    out["scale_class"] = classify_scale(out["target_scale_yi"], scheme=scheme).to_numpy()
    out["radius_px"] = out["scale_class"].map(lambda c: NO_SCALE_RADIUS_PX if c < 0 else CLASS_RADIUS_PX[min(c, 4)])
    out["fill_opacity"] = out["scale_class"].map(lambda c: NO_SCALE_FILL_OPACITY if c < 0 else FILL_OPACITY)
    outl = out["tier"].map(lambda t: TIER_OUTLINE.get(t, DEFAULT_OUTLINE))
    out["outline_color"] = outl.map(lambda o: o[0])
    out["outline_width"] = outl.map(lambda o: o[1])
    out["outline_dash"] = outl.map(lambda o: o[2])
    return out


def scale_legend(lang: str = "zh") -> list[tuple[str, int]]:
    """(label, radius px) per scale class, plus the no-scale entry last."""
    labels = class_labels(SCALE_BREAKS_YI, lang)
    none = "未明确规模" if lang == "zh" else "no stated scale"
    return [*zip(labels, CLASS_RADIUS_PX, strict=False), (none, NO_SCALE_RADIUS_PX)]
