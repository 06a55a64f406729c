"""The industry vocabulary: terms from industries.csv plus built-in synonyms, and head-final classification."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import settings
from ..errors import DataValidationError
from ..io import read_table

# --------------------------------------------------------------------------------------------------------------
# Industry vocabulary
# --------------------------------------------------------------------------------------------------------------

#: Built-in synonyms per sector, added to industries.csv's (only for sectors the table has). Plain domain
#: vocabulary of Chinese industrial policy, not taken from any one plan.
EXTRA_TERMS: dict[str, tuple[str, ...]] = {
    "智能网联新能源汽车": (
        "汽车", "汽摩", "摩托车", "整车", "专用车", "汽车零部件", "零部件", "新能源汽车", "智能网联汽车", "智能网联",
        "自动驾驶", "车联网", "电动车", "汽车后市场", "车辆", "商用车", "乘用车",
    ),
    "新一代电子信息制造业": (
        "电子信息", "电子", "新一代信息技术", "信息技术", "集成电路", "芯片", "半导体", "新型显示", "元器件", "传感器",
        "智能终端", "终端", "通信设备", "卫星互联网", "光电", "PCB", "计算机", "笔记本电脑", "手机", "智能硬件",
        "芯屏器核网",
    ),
    "先进材料": (
        "新材料", "先进材料", "材料", "锶盐", "气凝胶", "铝", "铝材", "钢材", "钢铁", "有色合金", "合金", "纤维",
        "复合材料", "硅基", "玻纤", "化工", "稀土", "钛", "锰", "特色材料",
    ),
    "智能装备及智能制造": (
        "装备", "智能装备", "智能制造", "装备制造", "机械", "电梯", "通机", "通用机械", "机器人", "数控", "机床",
        "航空", "民用航空", "农机", "仪器仪表", "模具", "发动机", "增材制造", "无人机", "工程机械", "轨道交通",
        "页岩气装备", "船舶", "铸造", "机电",
    ),
    "食品及农产品加工": (
        "食品", "农产品", "农副产品", "火锅", "食材", "粮油", "精米", "茶", "茶叶", "调味", "调味品", "桑叶蛋",
        "食用菌", "果", "水果", "蔬菜", "畜牧", "肉制品", "饮料", "白酒", "酒", "桃片", "预制菜", "生猪", "豆制品",
        "花椒", "中药材",
    ),
    "软件信息服务": (
        "软件", "数字经济", "大数据", "网络安全", "信创", "服务外包", "云计算", "元宇宙", "数字文创", "人工智能",
        "物联网", "电商", "电子商务", "信息服务", "软件信息", "区块链", "互联网", "数据中心", "算力", "信息安全",
        "软件和信息服务", "软件和信息技术服务", "信息技术服务",
    ),
    "新能源及新型储能": (
        "新能源", "储能", "新型储能", "锂电", "电池", "氢能", "氢能源", "氢", "光伏", "风电", "天然气", "页岩气",
        "清洁能源", "充换电", "煤电", "电力", "能源", "火电", "水电",
    ),
    "生物医药": (
        "生物医药", "医药", "医药健康", "医疗器械", "医疗", "中药", "现代中药", "大健康", "健康", "生物技术", "生物",
        "康养", "保健品", "制药",
    ),
    "消费品工业": (
        "消费品", "轻纺", "轻工", "纺织", "服装", "茧丝绸", "丝绸", "纸", "纸制品", "纸业", "家居", "家具", "五金",
        "智能家居", "日化", "厨具", "小家电", "家电", "木材", "木制品", "鞋", "皮革", "眼镜", "玩具", "文具", "箱包",
    ),
    "建材": (
        "建材", "新型建材", "绿色建材", "装配式建筑", "装配式", "陶瓷", "卫浴", "玻璃", "日用玻璃", "水泥", "混凝土",
        "砂浆", "石材", "建筑材料", "钢结构",
    ),
    "物流": ("物流", "仓储", "商贸物流", "冷链", "供应链", "快递", "配送", "现代物流"),
    "文创": ("文创", "工艺美术", "雕塑", "艺术品", "动漫", "手办", "纪念品", "文化创意"),
    "烟草": ("烟草", "卷烟"),
    "节能环保": ("节能环保", "环保", "静脉", "循环经济", "再生资源", "余热", "再制造", "固废", "资源综合利用", "绿色环保"),
}

#: Words that say nothing about the industry on their own (an item made of one of these is not split off).
_GENERIC_PARTS = {"材料", "配套", "服务", "产品", "装备", "设备", "制造", "加工", "应用", "研发", "零部件", "产业"}


@dataclass(frozen=True)
class Vocabulary:
    """Industry terms: (term, sector, chain) triples."""

    terms: tuple[tuple[str, str, str], ...]

    def classify(self, name: str) -> tuple[str, str]:
        """(sector, chain) of an industry name as written; ``("", "")`` if nothing matches.

        Like :func:`geo.taxonomy.classify` (vocabulary terms contained in the name), but the term ending
        last wins, then the longest: Chinese compounds are head-final ("节能环保农机装备" is equipment,
        "数字文创" is the listed term 数字文创).
        """
        s = _strip_parens(name)
        best = None
        sector_level: set[str] = set()
        for term, sector, chain in self.terms:
            start = s.rfind(term)
            if start < 0:
                continue
            if not chain:
                sector_level.add(sector)
            key = (start + len(term), len(term), chain != "")
            if best is None or key > best[0]:
                best = (key, sector, chain)
        if not best:
            return "", ""
        sector, chain = best[1], best[2]
        if chain and best[0][1] < len(s) and re.search(r"[及和与、]", s) and sector in sector_level:
            head = s[: best[0][0] - best[0][1]]
            if any(t in head for t, sec, ch in self.terms if sec == sector and not ch):
                chain = ""  # "生物医药及大健康": an umbrella over the sector, not the one chain
        return sector, chain


def load_industries(industries: pd.DataFrame | None = None) -> pd.DataFrame:
    """The industries table given, else ``data/industries.csv``, else an empty one."""
    if industries is not None:
        return industries
    p = Path(settings.DATA_DIR) / settings.INDUSTRIES_FILE
    if p.exists():
        try:
            return read_table(p)
        except DataValidationError:
            pass
    return pd.DataFrame(columns=["sector", "chain", "name_en", "color", "synonyms"])


def vocabulary(industries: pd.DataFrame | None = None) -> Vocabulary:
    """Vocabulary from an industries table plus :data:`EXTRA_TERMS` for its sectors."""
    from ..taxonomy import synonym_index

    ind = load_industries(industries)
    terms: list[tuple[str, str, str]] = []
    known: set[str] = set()
    if len(ind):
        ind = ind.fillna("").astype(str)
        terms = [(t, s, c) for t, s, c in synonym_index(ind)]
        known = set(ind["sector"])
    have = {t for t, _, _ in terms}
    for sector, words in EXTRA_TERMS.items():
        if known and sector not in known:
            continue
        for w in words:
            if w not in have:
                terms.append((w, sector, ""))
                have.add(w)
    return Vocabulary(tuple(terms))


def _strip_parens(s: str) -> str:
    return re.sub(r"\([^()]*\)|（[^（）]*）", "", s)
