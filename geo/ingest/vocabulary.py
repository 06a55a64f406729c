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

#: Head words that mark a phrase as an industry even where no sector of industries.csv claims it: the manufacturing
#: divisions of the national industry classification (GB/T 4754-2017, C13–C43) in the short forms plans use, the
#: strategic emerging industries (国家统计局 2018 classification) and the producer services plans name. They let
#: the drafter read "重点发展石化" or "聚焦创新药研发" as statements; the row's sector stays for the reviewer.
INDUSTRY_HEADS: tuple[str, ...] = (
    # manufacturing (GB/T 4754-2017 C13–C43, short forms)
    "农副食品加工", "食品", "饮料", "精制茶", "酒", "烟草", "纺织", "服装", "服饰", "皮革", "制鞋", "鞋业", "木材加工",
    "木制品", "竹木", "家具", "造纸", "纸制品", "印刷", "文教用品", "体育用品", "工艺美术", "石油化工", "石化", "炼化",
    "炼油", "煤化工", "盐化工", "氟化工", "磷化工", "硅化工", "精细化工", "化工", "化学品", "化学原料", "化纤",
    "化学纤维", "橡胶", "塑料", "塑胶", "医药", "制药", "创新药", "原料药", "化学药", "生物药", "中成药", "疫苗", "药品",
    "非金属矿物制品", "冶金", "钢铁", "有色金属", "有色", "冶炼", "压延", "稀土", "稀贵金属", "金属制品", "五金",
    "铸造", "熔铸", "锻造", "通用设备", "专用设备", "装备", "机械", "汽车", "整车", "零部件", "船舶", "航空航天", "航空", "航天",
    "轨道交通", "电气", "电机", "电器", "家电", "电子", "电子元器件", "光电", "光学", "激光", "显示", "芯片",
    "集成电路", "半导体", "仪器仪表", "仪器", "资源综合利用", "再生资源", "再制造", "包装", "陶瓷", "玻璃", "水泥",
    "建材", "石材", "家居", "日化", "化妆品", "珠宝", "首饰", "眼镜", "玩具", "乐器", "工艺品",
    # energy, materials and emerging industries
    "新能源", "光伏", "风电", "储能", "氢能", "核电", "电池", "锂电", "新材料", "复合材料", "合金", "节能环保",
    "环保", "节能", "软件", "人工智能", "大数据", "云计算", "物联网", "互联网", "算力", "信息技术", "数字经济",
    "机器人", "无人机", "低空经济", "生物技术", "生物制造", "医疗器械", "医疗", "康养", "大健康",
    # agriculture-based and producer services plans name with industries
    "农产品加工", "农产品", "粮油", "乳制品", "肉制品", "果蔬", "水产", "畜牧", "种业", "饲料", "中药材", "中药",
    "物流", "仓储", "冷链", "商贸", "电子商务", "电商", "金融", "会展", "旅游", "文旅", "文创", "检验检测",
    "工业设计", "服务外包", "总部经济",
)

#: Words that say nothing about the industry on their own (an item made of one of these is not split off).
_GENERIC_PARTS = {"材料", "配套", "服务", "产品", "装备", "设备", "制造", "加工", "应用", "研发", "零部件", "产业"}


@dataclass(frozen=True)
class Vocabulary:
    """Industry terms: (term, sector, chain) triples."""

    terms: tuple[tuple[str, str, str], ...]

    def knows(self, name: str) -> bool:
        """Whether ``name`` reads as an industry: a sector claims it, or it ends in an :data:`INDUSTRY_HEADS` word."""
        return bool(self.classify(name)[0] or industry_head(name))

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


def industry_head(name: str) -> str:
    """The :data:`INDUSTRY_HEADS` word a phrase ends with, after an ending such as 产业, 制造 or 研发 ("创新药研发" →
    "创新药", "石化" → "石化", "乙烯下游" → ""); ``""`` if none: the phrase's last word must be an industry."""
    s = _strip_parens(name).strip()
    s = re.sub(r"(?:产业链|产业|行业|制造业|加工业|业)$", "", s) or s
    s = re.sub(r"(?:制造|加工|生产|研发|研制)$", "", s) or s
    return max((h for h in INDUSTRY_HEADS if s.endswith(h)), key=len, default="")


def _strip_parens(s: str) -> str:
    return re.sub(r"\([^()]*\)|（[^（）]*）", "", s)
