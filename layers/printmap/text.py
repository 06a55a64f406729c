"""Words on the print map (zh/en), text wrapping, and park names shortened and broken for labels."""

from __future__ import annotations

import math
import re
import textwrap

import pandas as pd

from geo.settings import DISTRICTS_SOURCE_EN, DISTRICTS_SOURCE_ZH

TEXT = {
    "zh": {
        "title_all": "重庆市制造业园区产业布局图",
        "title_districts": "{districts}制造业园区产业布局图",
        "sep": "、",
        "semi": "；",
        "colon": "：",
        "districts": "区县",
        "sectors": "产业",
        "tiers": "园区层级",
        "vintage": "规划版本",
        "min_scale": "目标规模",
        "search": "名称含",
        "latest": "各区县最新规划",
        "all": "全部规划（含历次）",
        "all_items": "全部",
        "n_parks": "共 {n} 个园区",
        "legend_sector": "主导产业",
        "legend_scale": "目标规模（亿元）",
        "legend_tier": "园区层级",
        "legend_footprint": "其他",
        "logistics": "物流园区",
        "legend_numbered": "图中编号园区",
        "approximate": "大致范围（示意）",
        "uncertainty": "位置不确定范围（虚线圈）",
        "surveyed": "测绘范围",
        "sources": "资料来源",
        "plan_ref": "《{title}》（{ref}）",
        "boundary": DISTRICTS_SOURCE_ZH,
        "method": "园区按主导产业着色、按规划目标规模分级；位置与范围为示意。",
        "date": "制图日期",
        "no_parks": "当前筛选条件下没有园区",
        "unlabelled": "另有 {n} 个园区未标注（名单见导出的表格）",
        "unlabelled_1": "另有 1 个园区未标注（名单见导出的表格）",
        "km": "千米",
        "north": "北",
    },
    "en": {
        "title_all": "Manufacturing parks and their lead industries, Chongqing",
        "title_districts": "Manufacturing parks and their lead industries: {districts}",
        "sep": ", ",
        "semi": "; ",
        "colon": ": ",
        "districts": "Districts",
        "sectors": "Industries",
        "tiers": "Park tier",
        "vintage": "Plans",
        "min_scale": "Target scale",
        "search": "Name contains",
        "latest": "latest plan of each district",
        "all": "all plans (every vintage)",
        "all_items": "all",
        "n_parks": "{n} parks",
        "legend_sector": "Dominant industry",
        "legend_scale": "Target scale (100 m yuan)",
        "legend_tier": "Park tier (plan's words)",
        "legend_footprint": "Other",
        "logistics": "logistics park",
        "legend_numbered": "Numbered parks",
        "approximate": "approximate extent",
        "uncertainty": "location uncertainty (dashed ring)",
        "surveyed": "surveyed extent",
        "sources": "Sources",
        "plan_ref": "{title} ({ref})",
        "boundary": DISTRICTS_SOURCE_EN,
        "method": "Parks coloured by dominant industry and sized by planned target scale; sites and extents are indicative.",
        "date": "Map date",
        "no_parks": "No parks match the current filters",
        "unlabelled": "{n} more parks not labelled (listed in the exported table)",
        "unlabelled_1": "1 more park not labelled (listed in the exported table)",
        "km": "km",
        "north": "N",
    },
}


def words(lang: str, key: str) -> str:
    """The text ``key`` of :data:`TEXT` in ``lang`` (``en``, else Chinese)."""
    return TEXT["en" if lang == "en" else "zh"][key]


def wrap(text: str, width_pt: float, size: float) -> str:
    """Wrap mixed CJK/Latin text to about ``width_pt`` points at font ``size``."""
    lines, cur, cur_w = [], "", 0.0
    for token in re.findall(r"[A-Za-z0-9\-’'.,()&/:;]+ ?|.", text):
        tw = sum(size if ord(c) > 0x2E80 else size * 0.56 for c in token)
        if cur and cur_w + tw > width_pt:
            lines.append(cur.rstrip())
            cur, cur_w = token.lstrip(), tw
        else:
            cur += token
            cur_w += tw
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


_ZH_SUFFIXES = ("工业园区", "产业园", "物流园", "物流中心", "组团", "集聚区", "经开区", "高新区", "保税区", "基地", "园区", "园")


def _split_zh(name: str) -> str:
    """Break a long Chinese name into two lines at a natural point (·, a park-kind suffix, else the middle)."""
    if "·" in name:
        a, b = name.split("·", 1)
        if len(a) >= 2 and len(b) >= 2:
            return a + "·\n" + b
    for suf in _ZH_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 3 and len(suf) >= 2 and len(name) - len(suf) <= 10:
            return name[: -len(suf)] + "\n" + suf
    half = math.ceil(len(name) / 2)
    return name[:half] + "\n" + name[half:]


#: Longest park name printed on the map (characters, by language); longer ones end in "…" (full name in the tables).
LABEL_MAX_CHARS = {"zh": 20, "en": 60}


def _ellipsis(name: str, n: int) -> str:
    return name if len(name) <= n else name[: n - 1].rstrip() + "…"


def park_label(row: pd.Series, lang: str) -> str:
    """Map label of a park: its Chinese or English name, shortened (ellipsised past LABEL_MAX_CHARS) and wrapped."""
    if lang == "en":
        name = str(row.get("name_en", "") or row["name_zh"])
        if len(name) > 34:
            name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
        return textwrap.fill(_ellipsis(name, LABEL_MAX_CHARS["en"]), 26)
    name = str(row["name_zh"])
    if len(name) > 9:
        short = re.sub(r"[（(][^）)]*[）)]$", "", name)
        name = short if len(short) >= 3 else name
    name = _ellipsis(name, LABEL_MAX_CHARS["zh"])
    return _split_zh(name) if len(name) > 10 else name
