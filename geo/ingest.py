"""Drafting cluster rows (park → industries, 亿元 targets) from a plan's plain text, each with a verbatim quote.

How it works, in one place:

* **Normalising.** The text is decoded (UTF-8 or GBK), converted traditional → simplified with OpenCC
  (``t2s``) and full-width punctuation/digits are mapped to one form (``，`` → ``,``, ``１`` → ``1``, curly
  quotes → ``"``). Every step is one character for one character, checked line by line (OpenCC falls back
  to per-character conversion where a phrase would change length), and :class:`NormText` keeps an offset
  map, so matching runs on the normalised text while every ``quote`` is cut from the **original** text.
* **Park → industries.** A clause whose subject is a park-like name (…产业园, …组团, …经开区, …镇, or the
  paragraph's lead term "——龙市镇。") followed by an industry verb (重点发展, 主要布局, 发展壮大, 培育…)
  gives one row per listed industry. Lists split on ``、`` and, only where the vocabulary shows two different
  sectors, on 和/及/与 ("生物医药及大健康" stays one). "以A、B为代表的C" gives C, classified by A and B.
* **Targets.** Money amounts in 亿 (``1100亿级``, ``突破30亿元``, ``百亿``, ``千亿级``, ``“双百”亿级``) that a
  goal word introduces (打造, 形成, 突破, 达到…) or that a metric (产值, 收入…) states under a future year.
  Areas, counts, shares, tons, per-area ratios, taxes, investment, R&D spending, firm-size thresholds
  (``50亿级企业``) and lists of tiers are skipped, and so is anything in a retrospective section. The
  industry comes from the words after the number (``500亿级X产业集群``), the clause's subject, earlier
  clauses, the sentence topic, the paragraph's lead term or its heading — the further away, the lower the
  ``confidence``. The year comes from "到2025年"-style words in the sentence, paragraph, list intro or
  table row, else from "十四五", else from the plan horizon (confidence lowered and said in ``note``).
* **Tables** (one cell per line, tab-indented): indicator rows with a 亿元 unit take their baseline and
  target from the header's year columns; park rows ("南溪组团 | 医药健康、新材料… | 力争产值规模达300亿")
  give park → industry rows and park targets; long cells are read as prose with the row's year cell.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import pandas as pd

from . import settings
from .errors import DataValidationError, Problem
from .io import CN_DIGITS as _CN_DIGITS
from .io import cn_number, decode_bytes, read_table

#: Values of :attr:`Finding.kind`.
KINDS = ("park_industry", "target", "total")

# --------------------------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Finding:
    """One drafted fact, to be reviewed before it becomes a clusters.csv row.

    Parameters
    ----------
    kind : str
        ``park_industry`` (a park is assigned an industry), ``target`` (an industry's 亿元 target) or
        ``total`` (an aggregate target: district output, a park's total output…).
    park : str
        Park name as written (empty = district-wide).
    industry_as_written : str
        Industry as the plan writes it (empty for aggregates).
    sector, chain : str
        From the industry vocabulary (``data/industries.csv`` plus built-in synonyms); empty if unknown.
    role : str
        Guess: lead / specialty / emerging / other / total.
    target_value_yi, target_year, baseline_value_yi, baseline_year
        Target in 亿元 and its year; baseline where the plan states one.
    quote : str
        Verbatim substring of the input text stating the fact.
    confidence : float
        0–1; lowered when the subject, industry or year had to be resolved from further away.
    note : str
        How uncertain parts were resolved (e.g. "year from plan horizon").
    start, end : int
        Offsets of ``quote`` in the original text.
    """

    kind: str
    park: str = ""
    industry_as_written: str = ""
    sector: str = ""
    chain: str = ""
    role: str = ""
    target_value_yi: float | None = None
    target_year: int | None = None
    baseline_value_yi: float | None = None
    baseline_year: int | None = None
    quote: str = ""
    confidence: float = 0.0
    note: str = ""
    start: int = -1
    end: int = -1


#: Column order of :func:`findings_frame`.
COLUMNS = [f.name for f in fields(Finding)]


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame (one row each, columns :data:`COLUMNS`; numbers nullable)."""
    df = pd.DataFrame([asdict(f) for f in findings], columns=COLUMNS)
    for c in ("target_value_yi", "baseline_value_yi", "confidence"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("target_year", "baseline_year", "start", "end"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df


# --------------------------------------------------------------------------------------------------------------
# Normalisation with an offset map
# --------------------------------------------------------------------------------------------------------------

_PUNCT = {
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
    "〝": '"', "〞": '"', "\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": " ",
    "―": "—", "─": "—", "━": "—", "–": "-", "－": "-", "﹣": "-", "‐": "-", "．": ".", "﹒": ".",
    "•": "·", "・": "·", "︰": ":", "﹐": ",", "﹑": "、", "､": "、", "﹔": ";", "﹕": ":", "﹗": "!", "﹖": "?",
    "﹙": "(", "﹚": ")", "﹝": "〔", "﹞": "〕", "\ufeff": " ", "\r": "\n", "\x0b": "\n", "\x0c": "\n",
}


@functools.lru_cache(maxsize=1)
def _opencc():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # package missing or its config not found: the text is matched as it is
        return None


def _t2s_line(conv, line: str) -> str:
    """Convert one line; keep it only if it stays one character per character, else go per character."""
    out = conv.convert(line)
    if len(out) == len(line):
        return out
    chars = []
    for ch in line:
        c = conv.convert(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def _norm_char(ch: str) -> str:
    if ch in _PUNCT:
        return _PUNCT[ch]
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII → ASCII (，；：（）１２ …)
        return chr(o - 0xFEE0)
    return ch


@dataclass(frozen=True)
class NormText:
    """The original text, its normalised form for matching and the map between their offsets.

    ``omap[i]`` is the offset in ``original`` of normalised character ``i`` (``omap[len(text)] ==
    len(original)``). All normalising steps used here are one-for-one, so ``omap`` is the identity unless a
    future step drops characters; code must still go through :meth:`span`.
    """

    original: str
    text: str
    omap: tuple[int, ...]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[i, j)``."""
        i = max(0, min(i, len(self.text)))
        j = max(i, min(j, len(self.text)))
        if j == i:
            a = self.omap[i]
            return a, a
        return self.omap[i], self.omap[j - 1] + 1

    def quote(self, i: int, j: int) -> str:
        """The original text of the normalised span ``[i, j)`` (verbatim)."""
        a, b = self.span(i, j)
        return self.original[a:b]


def normalise(text: str) -> NormText:
    """Normalise text for matching (t2s, punctuation and digit width), keeping an offset map.

    Parameters
    ----------
    text : str
        The original plan text.

    Returns
    -------
    NormText
    """
    conv = _opencc()
    src = text
    if conv is not None:
        # convert line by line so a length change stays local; \r and \n are kept as they are
        parts = re.split(r"(\r\n|\r|\n)", text)
        src = "".join(p if (i % 2) else _t2s_line(conv, p) for i, p in enumerate(parts))
        if len(src) != len(text):  # cannot happen, but never let the offsets drift
            src = text
    out = "".join(_norm_char(c) for c in src)
    # a CR directly before LF becomes a space so CRLF counts as one line break
    if "\r\n" in text:
        chars = list(out)
        for m in re.finditer("\r\n", text):
            chars[m.start()] = " "
        out = "".join(chars)
    return NormText(original=text, text=out, omap=tuple(range(len(text) + 1)))


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
        "页岩气装备", "船舶", "铸造",
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
        "清洁能源", "充换电",
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
        "砂浆", "石材", "建筑材料",
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
    from .taxonomy import synonym_index

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


# --------------------------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------------------------

_YEAR = r"(?P<y>(?:19|20)\d\d|[二][〇零][一二三四五六七八九〇零]{2})"


def _year_value(s: str) -> int:
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


# a future year: 到2025年 / 至2025年 / 力争2025年 / 2025年前|底|末 / 2025年目标
_FUTURE_YEAR = re.compile(
    r"(?:到|至|截至|截止到|力争|争取|预计|计划|确保|力争到|力争在)\s*" + _YEAR + r"\s*年"
    r"|" + _YEAR.replace("?P<y>", "?P<y2>") + r"\s*年\s*(?:前|底|末|目标|年底|左右)"
)
_ANY_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年")
_PLAN_PERIOD = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_PERIOD_RE = re.compile("|".join(_PLAN_PERIOD))

# an amount in 亿: 1100亿级, 30亿元, 百亿, "双百"亿级, 150亿
_AMOUNT = re.compile(
    r'(?P<dbl>双)?"?(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"?\s*亿(?P<unit>元级|元|级)?'
)
_BAD_AFTER_UNIT = re.compile(
    r"^\s*(?:[袋吨人株头只件个瓶粒支片次辆度棵羽尾盒箱套册份张立平方美部颗块条双米户/]|台(?!阶)|千瓦|kW|m\b)"
)
_FIRM_AFTER = re.compile(r"^[^,;。:]{0,10}?企业")
_TIER_LIST_AFTER = re.compile(r'^\s*"?、\s*"?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"?\s*亿')
_TIER_LIST_BEFORE = re.compile(r'亿(?:元级|元|级)?"?\s*、\s*"?$')

#: Clause words marking money that is not an output target.
_NOT_OUTPUT = re.compile(
    r"税|研发|R&D|经费|投资|投入|资金|融资|贷款|基金|减税|降费|补贴|奖励|奖补|成交|进出口|贸易|出口|进口|利润|成本|"
    r"财政|存款|信贷|市值|募资|募集|协议|到位|授信|技改|债|拨付|兑现|预算|支出|引资|资本|保费|工资|薪|收费"
)
_GOAL = re.compile(
    r"打造|形成|达到|达|突破|迈上|迈向|实现|力争|争创|培育|建成|建设|超过|超|提高到|提高至|提升至|提升到|增长到|增长至|"
    r"增加到|增加至|增至|过|逾|壮大|做大|培植|冲刺|跻身|站上|挺进|保持"
)
_METRIC = re.compile(r"产值|收入|规模|总额|增加值|营业额|销售额|营收|产出")
_RETRO_HEAD = re.compile(r"回顾|成就|成效|现状|存在问题|主要问题|发展基础|基础条件|面临形势|发展环境|工作基础|取得")
_COMPARE = re.compile(r"(?:与|较|比|同比|相比|比较)\s*(?:19|20)\d\d\s*年|年均(?:降|下降|减少)")

#: Totals (aggregates), not one industry.
_TOTAL = re.compile(
    r"工业总产值|工业增加值|工业产值|工业营业收入|营业收入|主营业务收入|规上工业|规模以上工业|零售总额|社零|旅游.{0,3}收入|"
    r"地区生产总值|GDP|经济总量|产业链.{0,2}产值|重点产业链|总产值|总收入|增加值|产值规模|总规模|工业经济"
)

_PARK_SUFFIX = (
    "高新技术产业开发区|经济技术开发区|综合保税区|中小企业集聚区|产业集聚区|产业示范区|产业园区|工业园区|物流园区|"
    "工业园|产业园|物流园|物流中心|文创园|科技园|示范园|生态城|科技城|产业城|新城|组团|经开区|高新区|开发区|保税区|"
    "产业基地|集聚区|园区|基地|街道|镇|乡|园"
)
_PARK_NAME = (
    r"(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{1,16}?(?:" + _PARK_SUFFIX + r")|高新区|经开区|综合保税区|保税区)"
)
_PARK_FOLLOW = (
    r"(?=\s*(?:$|[,。;:(]|重点|主要|着力|大力|积极|加快|加速|全力|聚焦|发展|布局|培育|依托|以|围绕|结合|按照|紧扣|"
    r"紧抓|立足|坚持|充分|发挥|借助|利用|要|将|应|突出|做大|做强|优先|引进|打造|建设|定位|是|作为|力争|到|在|\d))"
)
_PARK_AT_START = re.compile(r"^\s*(?:——|-|·)?\s*" + _PARK_NAME + _PARK_FOLLOW)
_UNIT_PARK = re.compile(
    r"^\s*(?:重庆市)?(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:工业园区|产业园区|园区|经开区|高新区|开发区|组团|综合保税区|"
    r"产业园))\s*管委会"
)
_RELY_ON_PARK = re.compile(
    r"^\s*依托(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:产业园区|工业园区|工业园|产业园|经开区|高新区|开发区|组团|"
    r"综合保税区|生态城|科技城|文创园|示范园))\s*$"
)
_PARK_ANYWHERE = re.compile(_PARK_NAME)
_NOT_PARK_NAME = re.compile(
    r"推动|加快|支持|推进|建设|打造|依托|围绕|发展|提升|优化|创建|实施|鼓励|引导|积极|全区|全市|各|等|一批|形成|"
    r"有条件|重点|特色|承接|布局|规划|培育|申报|争创|国家级|市级|省级|我区|本区|^[的和与及]|^园区$|^产业园区$|^工业园区$|"
    r"^开发区$|^基地$|^集聚区$|^示范区$|^新城$|^镇$|^街道$|^乡$|^园$|公园|花园|家园|校园|庄园|乐园|动物园|植物园|菜园|果园|茶园"
)

_LEAD_VERBS = (
    "重点发展", "主要发展", "主要布局", "重点布局", "发展壮大", "做大做强", "做强做优", "做优做强", "大力发展", "着力发展",
    "优先发展", "突出发展", "重点开发", "聚焦发展", "集中发展", "重点打造", "主攻", "重点围绕", "重点聚焦",
)
_EMERGING_VERBS = (
    "培育壮大", "重点培育", "积极培育", "引进培育", "加快培育", "培育发展", "前瞻布局", "超前布局", "积极发展",
    "探索发展", "抢先发展", "加快发展", "布局发展", "培育",
)
_BUILD_VERBS = ("着力建设", "加快建设", "规划建设", "重点建设", "建设")
_VERB_RE = re.compile(
    r"^(?:进一步|加快|持续|着力|大力|积极|重点|主要|全力|集中|优先|同时|并|还|要|将)?"
    r"(?P<verb>" + "|".join(sorted(_LEAD_VERBS + _EMERGING_VERBS, key=len, reverse=True)) + r")"
)
_BUILD_RE = re.compile(r"^(?:进一步|持续|同时|并)?(?P<verb>" + "|".join(_BUILD_VERBS) + r")")
_PREAMBLE = re.compile(
    r"^(?:依托|以|围绕|结合|按照|紧扣|紧抓|立足|坚持|充分|发挥|借助|利用|抢抓|把握|顺应|对接|面向|瞄准|通过|在|着眼|"
    r"提高|推动|推进|优化)"
)
_EXAMPLES = (
    re.compile(r"^以(?P<ex>.+?)为(?:代表|主|重点|核心|主体|龙头|特色|主导|引领|方向)(?:的)?(?P<head>.+)$"),
    re.compile(r"^(?:集)?(?P<ex>.+?)(?:于一体|为一体)(?:的)?(?P<head>.+)$"),
    re.compile(r"^(?P<ex>.+?)为代表(?:的)?(?P<head>.+)$"),
)
_GENERIC_HEAD = re.compile(
    r"^(?:一批|一系列|\d+|[一二三四五六七八九十两]+)?(?:个|大|项|条)?(?:相关|新兴|战略性新兴|高成长性|高端|特色|优势|重点|主导|"
    r"支柱|新|未来|先导|传统|其他)?(?:产业|行业|领域|业态|产品|新产品|产业集群|集群|产业链|项目|方向|板块|细分产业链)$"
)
_GENERIC_SUFFIX = re.compile(r"(?:产业|行业|领域|业态|产品|集群|产业链|项目|方向|板块)$")
_ITEM_NOISE = re.compile(r"发展|建设|打造|推动|提升|形成|实现|促进|加快|引进|完善|构建|强化|突破|力争")
_LEAD_TERM = re.compile(r"^\s*(?:——|-)?\s*(?:[\d一二三四五六七八九十]+\s*[.、)]\s*|\(\s*[一二三四五六七八九十\d]+\s*\)\s*)?"
                        r"(?P<term>[^,;。:!?()]{2,20}?)\s*[。.:]")
_H1 = re.compile(r"^\s*[一二三四五六七八九十]+\s*、")
_H2 = re.compile(r"^\s*\(\s*[一二三四五六七八九十]+\s*\)")
_H3 = re.compile(r"^\s*\d+\s*[.、]\s*(?!\d)")
_BULLET = re.compile(r"^\s*(?:——|-|·|\d+\s*[.、)]|\(\s*\d+\s*\))")
_ROLE_WORDS = (
    (re.compile(r"主导|支柱|首位|主攻|龙头"), "lead"),
    (re.compile(r"特色"), "specialty"),
    (re.compile(r"优势"), "advantage" if "advantage" in settings.ROLES else "specialty"),
    (re.compile(r"新兴|新星|未来|培育|先导|前沿"), "emerging"),
)
_PLACE_PREFIX = re.compile(r"^(?:重庆市|重庆|全市|全区|全国|西部|西南|区域|市级|国家级|国家|我区|全县|成渝)+")


def _strip_parens(s: str) -> str:
    return re.sub(r"\([^()]*\)|（[^（）]*）", "", s)


def _clean_item(s: str) -> str:
    s = s.strip().strip('"\'').strip()
    s = re.sub(r'^[",、\s]+|[",、\s]+$', "", s)
    return s


# --------------------------------------------------------------------------------------------------------------
# Document structure: lines, tables, headings
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Cell:
    start: int
    end: int
    text: str


@dataclass
class _Block:
    """A prose paragraph (one line) or a table (rows of cells)."""

    kind: str  # prose | table
    start: int = 0
    end: int = 0
    text: str = ""
    rows: list[list[_Cell]] = field(default_factory=list)


def _blocks(nt: NormText) -> list[_Block]:
    """Split the normalised text into prose lines and tables (tab-indented cell lines)."""
    t = nt.text
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n", t):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(t)))
    out: list[_Block] = []
    i = 0
    n = len(lines)
    while i < n:
        a, b = lines[i]
        line = t[a:b]
        if "\t" not in line:
            if line.strip():
                out.append(_Block("prose", a, b, line))
            i += 1
            continue
        # a table: rows of tab lines separated by blank lines; short untabbed lines continue the cell above
        rows: list[list[_Cell]] = []
        row: list[_Cell] = []
        while i < n:
            a, b = lines[i]
            line = t[a:b]
            if "\t" in line:
                off = a
                pieces = line.split("\t")
                # leading tab opens the first cell; text before it (rare) is its own cell
                cur = off
                for k, piece in enumerate(pieces):
                    if k == 0 and piece.strip() == "":
                        cur += len(piece) + 1
                        continue
                    s = cur
                    e = cur + len(piece)
                    row.append(_Cell(s, e, piece))
                    cur = e + 1
                i += 1
            elif line.strip() == "":
                if row:
                    rows.append(row)
                    row = []
                i += 1
                # stop at a blank line followed by prose
                if i < n:
                    na, nb = lines[i]
                    nxt = t[na:nb]
                    if nxt.strip() and "\t" not in nxt and not row:
                        # look ahead: a tab line soon after means the table goes on
                        j = i
                        while j < n and j < i + 3 and "\t" not in t[lines[j][0]:lines[j][1]]:
                            j += 1
                        if j >= n or "\t" not in t[lines[j][0]:lines[j][1]] or len(nxt.strip()) > 30:
                            break
            elif row and len(line.strip()) <= 30 and not line.strip().endswith("。"):
                c = row[-1]
                row[-1] = _Cell(c.start, b, t[c.start:b])
                i += 1
            else:
                break
        if row:
            rows.append(row)
        if rows:
            out.append(_Block("table", rows[0][0].start, rows[-1][-1].end, rows=rows))
    return out


@dataclass
class _Ctx:
    """Heading context of a paragraph."""

    h1: str = ""
    h2: str = ""
    h3: str = ""
    retro: bool = False


def _heading_level(line: str) -> int:
    if _H1.match(line):
        return 1
    if _H2.match(line):
        return 2
    if _H3.match(line) and len(line) <= 40:
        return 3
    return 0


def _lead_term(line: str) -> tuple[str, int] | None:
    """The paragraph's lead term ("——日用玻璃。…", "1．汽摩制造产业。", "南溪组团:") and its offset."""
    m = _LEAD_TERM.match(line)
    if not m:
        return None
    term = m.group("term").strip()
    if not term:
        return None
    is_park = bool(_PARK_AT_START.match(term + "。"))
    if not is_park and (_GOAL.search(term) or _VERB_RE.search(term)):
        return None  # "加快培育战新产业"-style headings are not a term
    return term, m.start("term")


# --------------------------------------------------------------------------------------------------------------
# Drafting
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _State:
    nt: NormText
    vocab: Vocabulary
    horizon: int | None
    horizon_inferred: bool
    out: list[Finding] = field(default_factory=list)
    sentence_items: list[tuple[str, str, str]] = field(default_factory=list)
    cell_park: tuple[str, int] | None = None
    unit_park: str = ""  # a table row's lead unit "X园区管委会": the park of the row's targets, if no other


def infer_horizon(text: str) -> int | None:
    """The plan's horizon year guessed from its text (most frequent "到YYYY年" year, "2023—2027年", 十四五)."""
    nt = text if isinstance(text, str) else ""
    years = [_year_value(m.group("y") or m.group("y2")) for m in _FUTURE_YEAR.finditer(nt)]
    m = re.search(r"(?:19|20)\d\d\s*[-—–~至到]\s*(?P<y>(?:19|20)\d\d)\s*年", nt[:400])
    if m:
        return int(m.group("y"))
    if years:
        c = Counter(years)
        top = max(c.values())
        return max(y for y, k in c.items() if k == top)
    p = _PERIOD_RE.search(nt[:2000])
    return _PLAN_PERIOD[p.group(0)] if p else None


def draft_rows(
    text: str | bytes,
    district: str,
    plan_id: str | None = None,
    industries: pd.DataFrame | None = None,
    *,
    horizon_year: int | None = None,
) -> list[Finding]:
    """Draft findings (park → industry rows, 亿元 targets, totals) from a plan's plain text.

    Parameters
    ----------
    text : str or bytes
        The plan text; bytes are decoded as UTF-8 or GBK/GB18030.
    district : str
        The plan's district (e.g. ``合川区``); used for messages and by callers.
    plan_id : str, optional
        Plan id, for messages.
    industries : pandas.DataFrame, optional
        The industries table (default: ``data/industries.csv``).
    horizon_year : int, optional
        The plan's horizon; targets without a stated year get it (with lower confidence). Guessed from
        the text when not given.

    Returns
    -------
    list of Finding
        In order of appearance. Every ``quote`` is a verbatim substring of the (decoded) input.

    Raises
    ------
    DataValidationError
        If bytes cannot be decoded.
    """
    if isinstance(text, (bytes, bytearray)):
        text = decode_bytes(bytes(text), plan_id or "plan text")
    if not isinstance(text, str):
        raise DataValidationError([Problem(plan_id or "plan text", "plan text must be text")])
    nt = normalise(text)
    inferred = False
    if horizon_year is None:
        horizon_year = infer_horizon(nt.text)
        inferred = horizon_year is not None
    st = _State(nt=nt, vocab=vocabulary(industries), horizon=horizon_year, horizon_inferred=inferred)
    blocks = _blocks(nt)
    ctx = _Ctx()
    prev_prose: list[_Block] = []
    for b in blocks:
        if b.kind == "table":
            _table(st, b, ctx)
            continue
        line = b.text
        lvl = _heading_level(line)
        if lvl == 1:
            ctx = _Ctx(h1=line, retro=bool(_RETRO_HEAD.search(line)))
        elif lvl == 2:
            ctx = _Ctx(h1=ctx.h1, h2=line, retro=bool(_RETRO_HEAD.search(line)) or (ctx.retro and not ctx.h2))
        elif lvl == 3:
            ctx = _Ctx(h1=ctx.h1, h2=ctx.h2, h3=line, retro=ctx.retro)
        _prose(st, b.start, b.text, ctx, prev_prose)
        prev_prose.append(b)
    return sorted(_dedupe(st.out), key=lambda f: f.start)


def _dedupe(out: list[Finding]) -> list[Finding]:
    """Drop repeated statements of the same fact (same kind, park, industry, numbers)."""
    keep: list[Finding] = []
    seen: dict[tuple, int] = {}
    for f in out:
        name = re.sub(r"规模以上", "规上", f.industry_as_written)
        name = re.sub(r"产业|产值|行业", "", name)
        if f.kind == "park_industry":
            key = (f.kind, f.park, name)
        else:
            key = ("t", f.park, name, f.target_value_yi, f.target_year)
        if key in seen:
            k = seen[key]
            old = keep[k]
            if (f.baseline_value_yi is not None and old.baseline_value_yi is None) or (
                (f.baseline_value_yi is None) == (old.baseline_value_yi is None) and f.confidence > old.confidence
            ):
                keep[k] = f
            continue
        seen[key] = len(keep)
        keep.append(f)
    return keep


# ---------------------------------------------------------------- year context


def _future_year_before(s: str, end: int) -> tuple[int, int] | None:
    """Last future-year marker in ``s[:end]``: (year, offset)."""
    best = None
    for m in _FUTURE_YEAR.finditer(s[:end]):
        y = m.group("y") or m.group("y2")
        best = (_year_value(y), m.start())
    return best


def _bare_year_start(s: str) -> int | None:
    """A year opening the sentence ("2025年,全区…"), which may be a target year or a past one."""
    m = re.match(r"^\s*(?:[^\d,]{0,4})?(?P<y>(?:19|20)\d\d)\s*年\s*[,]?", s)
    return int(m.group("y")) if m else None


# ---------------------------------------------------------------- prose


_SENT_SPLIT = re.compile(r"[。;!?]")


def _sentences(line: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for m in _SENT_SPLIT.finditer(line):
        out.append((pos, line[pos:m.start()]))
        pos = m.end()
    if pos < len(line):
        out.append((pos, line[pos:]))
    return [(o, s) for o, s in out if s.strip()]


def _clauses(sent: str) -> list[tuple[int, str]]:
    """Split a sentence on commas/colons outside parentheses and quotes."""
    out = []
    depth = 0
    pos = 0
    for i, ch in enumerate(sent):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in ",:" and depth == 0:
            out.append((pos, sent[pos:i]))
            pos = i + 1
    out.append((pos, sent[pos:]))
    return out


def _park_of(name: str) -> str:
    name = name.strip().lstrip("—-· ").strip()
    return "" if _NOT_PARK_NAME.search(name) else name


def _role_from(*texts: str) -> str:
    for t in texts:
        for rx, role in _ROLE_WORDS:
            if t and rx.search(t):
                return role
    return ""


def _prose(st: _State, base: int, line: str, ctx: _Ctx, prev: list[_Block], park_ctx: str = "",
           row_year: int | None = None, period_year: int | None = None) -> None:
    """Read one prose paragraph (or a long table cell) starting at normalised offset ``base``."""
    lead = _lead_term(line)
    lead_term, lead_off = (lead if lead else ("", -1))
    lead_park = ""
    if lead_term:
        m = _PARK_AT_START.match(lead_term + "。")
        if m and m.group("park") == lead_term:
            lead_park = _park_of(lead_term)
    para_park = lead_park or park_ctx
    # year context from earlier paragraphs: bullet lists inherit their intro's year
    inherited = None
    if _BULLET.match(line) or line.lstrip().startswith("——"):
        for b in reversed(prev[-12:]):
            y = _future_year_before(b.text, len(b.text))
            if y:
                inherited = y[0]
                break
            if not (_BULLET.match(b.text) or b.text.lstrip().startswith("——")):
                break
    if inherited is None and prev:
        pb = prev[-1].text.rstrip()
        if pb.endswith((":", "：")) or re.search(r"以下目标|如下", pb[-12:]):
            y = _future_year_before(pb, len(pb))
            inherited = y[0] if y else None
    topic = ""  # last industry topic opening a sentence of this paragraph
    topic_off = -1
    sents = _sentences(line)
    role_head = sents[0][1] if sents and (_H1.match(line) or _H2.match(line) or _H3.match(line)) else ""
    for s_off, sent in sents:
        st.sentence_items = []
        # sentence topic: "汽车摩托车产业聚焦…" / "电子信息产业围绕…"
        tm = re.match(r"^\s*(?P<t>[^,;。:\d、]{2,16}?(?:产业|行业))(?=聚焦|依托|紧跟|围绕|以|坚持|重点|着力|加快|大力|积极|按照|"
                      r"紧扣|立足|发挥|推动|打造|形成|要|应|在|方面|,)", sent)
        if tm and st.vocab.classify(tm.group("t"))[0] and not (
            _VERB_RE.match(tm.group("t")) or _PREAMBLE.match(tm.group("t")) or _GOAL.match(tm.group("t"))
            or "等" in tm.group("t")
        ):
            topic, topic_off = tm.group("t"), s_off + tm.start("t")
        _park_statements(st, base, line, s_off, sent, para_park, lead_off, ctx)
        _targets_in_sentence(
            st, base, line, s_off, sent, ctx,
            para_park=para_park, lead=(lead_term, lead_off), topic=(topic, topic_off),
            inherited=inherited, row_year=row_year, period_year=period_year, role_head=role_head,
        )


# ---------------------------------------------------------------- park statements


def _split_items(st: _State, obj: str) -> tuple[list[tuple[str, int]], str, list[str]]:
    """Split an object list into (item, offset) pairs; returns (items, category after 等, examples)."""
    examples: list[str] = []
    body, off0 = obj, 0
    for rx in _EXAMPLES:
        m = rx.match(body)
        if m and len(m.group("head")) >= 2:
            examples = [_clean_item(x) for x in re.split(r"[、,]", m.group("ex").rstrip("等")) if _clean_item(x)]
            off0 = m.start("head")
            body = m.group("head")
            break
    category = ""
    qm = re.match(r'^"(?P<list>[^"]+、[^"]+)"(?P<D>[^"、]*)$', body)  # "“A、B、C”三大业态"
    if qm:
        body, category = qm.group("list"), qm.group("D")
        off0 += 1
    cm = re.search(r"(?:[一二三四五六七八九十两\d]+)(?:大|个|类|项)(?P<D>[^、]{0,8}?(?:产业|行业|领域|业态|集群|板块))$", body)
    if cm and "、" in body:  # "A、B、C三大产业"
        category = category or cm.group("D")
        body = body[: cm.start()]
    m = re.search(r"等(?P<D>[^、]{0,10}?(?:产业|行业|领域|业态|产品|集群|项目|板块|方向)(?:集群)?)", body)
    if not m:
        m = re.search(r"等(?P<D>[^、]*)$", body)
    if m:
        category = m.group("D").strip()
        body = body[: m.start()]
    if not examples and body.startswith("以"):
        body, off0 = body[1:], off0 + 1
    items: list[tuple[str, int]] = []
    pos = 0
    for piece in body.split("、"):
        raw = piece
        lead_ws = len(raw) - len(raw.lstrip(' "'))
        it = _clean_item(raw)
        if it:
            items.extend(_split_conj(st, it, off0 + pos + lead_ws))
        pos += len(piece) + 1
    # "A、B等雕塑艺术品": a specific category (not 产业/领域…) is the item, the list its examples
    if category and not _GENERIC_HEAD.match(category) and not _GENERIC_SUFFIX.search(category):
        if st.vocab.classify(category)[0]:
            examples = [i for i, _ in items]
            cat_off = off0 + len(body) + 1
            items = [(category, cat_off)]
    return items, category, examples


def _split_conj(st: _State, item: str, off: int) -> list[tuple[str, int]]:
    """Split "A和B" / "A与B" when both sides are industries, "A及B" only when they are of different sectors.

    The whole is kept when it is a vocabulary term ("信创与网络安全", "软件和信息服务") or one side is a
    generic word ("卷烟及配套", "智能家居及材料"), so "生物医药及大健康" stays one industry.
    """
    whole = re.sub(r"(?:产业|业)$", "", item)
    if _is_term(st, item) or _is_term(st, whole):
        return [(item, off)]
    for m in re.finditer(r"[和及与]", item):
        a, b = item[: m.start()], item[m.end():]
        ga, gb = re.sub(r"产业$|业$", "", a), re.sub(r"产业$|业$", "", b)
        if len(a) < 2 or len(b) < 2 or ga in _GENERIC_PARTS or gb in _GENERIC_PARTS or not ga or not gb:
            continue
        sa, sb = st.vocab.classify(a)[0], st.vocab.classify(b)[0]
        if not (sa and sb):
            continue
        if m.group(0) != "及" or sa != sb:
            return [(a, off)] + _split_conj(st, b, off + m.end())
    return [(item, off)]


def _is_term(st: _State, s: str) -> bool:
    return any(t == s for t, _, _ in st.vocab.terms)


def _valid_item(st: _State, item: str) -> bool:
    if not item or len(item) > 24 or _ITEM_NOISE.search(item):
        return False
    if re.search(r"\d|亿|%", item):
        return False
    return bool(st.vocab.classify(item)[0]) or item.endswith(("产业", "业"))


def _as_written(st: _State, name: str, near: int) -> str:
    """``name`` (found in the normalised text) as the original text writes it, at the occurrence nearest ``near``."""
    if not name:
        return name
    t = st.nt.text
    lo = max(0, near - 3000)
    best = -1
    i = t.find(name, lo)
    while 0 <= i <= near + 3000:
        if best < 0 or abs(i - near) < abs(best - near):
            best = i
        i = t.find(name, i + 1)
    return st.nt.quote(best, best + len(name)) if best >= 0 else name


def _emit_park_item(st: _State, base: int, park: str, park_start: int, item: str, item_start: int,
                    role: str, examples: list[str], conf: float, note: str = "") -> None:
    sector, chain = st.vocab.classify(item)
    if examples:
        votes = Counter(s for s in (st.vocab.classify(x)[0] for x in examples) if s)
        if votes:
            top = votes.most_common(1)[0]
            if top[1] > sum(votes.values()) / 2 or not sector:
                if top[0] != sector:
                    note = (note + "; " if note else "") + "sector from the listed examples"
                    sector, chain = top[0], ""
    if not sector:
        conf -= 0.3
        note = (note + "; " if note else "") + "industry not in the vocabulary"
    a, b = st.nt.span(base + park_start, base + item_start + len(item))
    st.sentence_items.append((item, sector, chain))
    st.out.append(Finding(
        kind="park_industry", park=_as_written(st, park, base + park_start), industry_as_written=st.nt.quote(base + item_start, base + item_start + len(item)),
        sector=sector, chain=chain, role=role or "lead", quote=st.nt.original[a:b], confidence=round(max(conf, 0.05), 2),
        note=note, start=a, end=b,
    ))


def _park_statements(st: _State, base: int, line: str, s_off: int, sent: str, para_park: str,
                     lead_off: int, ctx: _Ctx) -> None:
    """Park → industries in one sentence."""
    park, park_start = "", -1
    from_lead = False
    if para_park and lead_off >= 0:
        park, park_start, from_lead = para_park, lead_off, True
    elif para_park:
        park, park_start, from_lead = para_park, s_off, True
    listed: list[str] = []
    rely_note = False
    for c_off, clause in _clauses(sent):
        off = s_off + c_off
        cl = clause
        lstrip = len(cl) - len(cl.lstrip())
        m = _PARK_AT_START.match(cl)
        dm = None if park else _RELY_ON_PARK.match(cl)
        if dm and _park_of(dm.group("park")):
            # "依托X产业园,重点发展…": the park the sentence relies on is where the industries go
            park, park_start, from_lead = _park_of(dm.group("park")), off + dm.start("park"), True
            rely_note = True
            continue
        if m:
            name = _park_of(m.group("park"))
            rest = cl[m.end("park"):]
            paren = re.match(r"^\s*\([^()]{1,24}\)", rest)  # "正阳工业园区(黔江高新区)重点发展…"
            if paren:
                rest = rest[paren.end():]
            if name and (_VERB_RE.match(rest.lstrip()) or _PREAMBLE.match(rest.lstrip()) or not rest.strip()
                         or _BUILD_RE.match(rest.lstrip())):
                park, park_start, from_lead = name, off + m.start("park"), False
                listed = []
                rely_note = False
                off = off + len(cl) - len(rest)
                cl = rest
                lstrip = len(cl) - len(cl.lstrip())
        if not park:
            continue
        body = cl.lstrip()
        boff = off + lstrip
        vm = _VERB_RE.match(body)
        if vm:
            verb = vm.group("verb")
            role = "lead" if verb in _LEAD_VERBS else "emerging"
            obj = body[vm.end():]
            items, category, examples = _split_items(st, obj)
            role = _role_from(category) or role if category else role
            if _role_from(category) == "specialty" and "特色消费品" in category:
                role = "lead"
            for k, (item, ioff) in enumerate(items):
                if not _valid_item(st, item):
                    continue
                conf = 0.85 if not from_lead else 0.75
                ex = examples if (len(items) == 1 or k == 0) else []
                note = "park from the paragraph heading" if from_lead else ""
                if rely_note:
                    conf, note = 0.6, "park from '依托…' at the start of the sentence"
                _emit_park_item(st, base, park, park_start, item, boff + vm.end() + ioff, role, ex, conf, note)
                listed.append(item)
                listed.extend(ex)
            last_role = role
            continue
        if body.startswith("以") and listed and re.search(r"为(?:代表|主|重点|核心)", body):
            # continuation of the previous list: ",以A为代表的B"
            items, category, examples = _split_items(st, body)
            for k, (item, ioff) in enumerate(items):
                if _valid_item(st, item):
                    _emit_park_item(st, base, park, park_start, item, boff + ioff, last_role,
                                    examples if k == 0 else [], 0.8)
                    listed.append(item)
                    listed.extend(examples if k == 0 else [])
            continue
        bm = _BUILD_RE.match(body)
        if bm and listed:
            # "着力建设A产业园、B产业园": an industry park inside the park adds its industry if not listed yet
            obj = body[bm.end():]
            pos = 0
            for piece in obj.split("、"):
                it = _clean_item(piece)
                ioff = bm.end() + pos + (len(piece) - len(piece.lstrip(' "')))
                pos += len(piece) + 1
                mm = re.match(r"^(?P<ind>.+?)(?:产业园|产业基地|产业城|园中园|城|园|基地)$", it)
                if not mm:
                    continue
                ind = _PLACE_PREFIX.sub("", mm.group("ind"))
                core = re.sub(r"特色|高端|现代|产业|生产制造|制造", "", ind)
                if not core or any(core in x or x.replace("产业", "") in ind for x in listed):
                    continue
                if not st.vocab.classify(ind)[0]:
                    continue
                start_in = it.find(ind)
                _emit_park_item(st, base, park, park_start, ind, boff + ioff + start_in, "lead", [], 0.55,
                                "from an industry park the plan builds there")
                listed.append(ind)
            continue
    _logistics_parks(st, base, s_off, sent)


_LOGI = re.compile(r"物流园区|物流园|物流中心|物流基地|物流港")
_LOGI_ADJ = re.compile(r"现代|智慧|国际|综合|工业|特色|预留|供应链|商贸|航空|冷链|保税|多式联运|公路|铁路|港口|城市|公共")


def _logistics_parks(st: _State, base: int, s_off: int, sent: str) -> None:
    """Named logistics parks ("港桥现代物流园", "凤凰湖供应链物流中心") are parks whose industry is logistics."""
    logistics = st.vocab.classify("物流")[0]
    if not logistics:
        return
    for m in _LOGI.finditer(sent):
        i = j = m.start()
        while j > 0 and re.match(r"[\u4e00-\u9fff·]", sent[j - 1]) and sent[j - 1] not in "以为和及与的在是、":
            j -= 1
        name = sent[j:m.end()]
        place = _LOGI_ADJ.sub("", sent[j:i])
        if len(place) < 2 or _NOT_PARK_NAME.search(name) or st.vocab.classify(place)[0]:
            continue  # no place in the name ("工业供应链物流园区"): a kind of park, not a named one
        # the name must open a clause or sit in a list or a "以…为" frame
        before = sent[:j].rstrip()
        if before and before[-1] not in ',、:;以"':
            continue
        ind_name = re.sub(r"(?:园区|园|中心|基地|港)$", "", name[len(place):]) if name.startswith(place) else ""
        ind_name = re.sub(r"^(?:预留|规划|拟建|新建|综合)", "", ind_name)
        sector, chain = st.vocab.classify(ind_name or "物流")
        a, b = st.nt.span(base + s_off + j, base + s_off + m.end())
        st.out.append(Finding(
            kind="park_industry", park=st.nt.original[a:b],
            industry_as_written=_as_written(st, ind_name, base + s_off + j) if ind_name else "物流",
            sector=sector or logistics, chain=chain if sector else "", role="specialty",
            quote=st.nt.original[a:b], confidence=0.5, note="logistics park: industry from its name", start=a, end=b,
        ))


# ---------------------------------------------------------------- targets


def _amount_value(m: re.Match) -> float | None:
    num = m.group("num")
    if num[0].isdigit():
        return float(num)
    return cn_number(num)


_LEAD_STRIP = re.compile(
    r'^[\s,"]*(?:其中|全区|全市|全县|力争|全力|着力|加快|努力|争取|确保|预计|持续|进一步|实现|推动|使|并|同时|以及|和)*'
)
_TAIL_VERB = re.compile(
    r"(?:力争|争取|确保|预计|将|要|的|年)?(?:突破|达到|达|迈上|实现|超过|超|提高至|提高到|提升至|增长到|增至|增加至|"
    r"打造|形成|培育|建成|建设|为|约|近|保持|成为|迈向|过|逾|完成)?\s*$"
)


def _subject(text: str) -> tuple[str, int]:
    """Subject of a clause before its number and its offset in ``text``: year, adverbs and verbs stripped."""
    s = text.replace('"', " ")
    s = re.sub(r"^.*?(?:到|至|截至|力争)\s*(?:19|20)\d\d\s*年(?:底|末)?", lambda m: " " * len(m.group(0)), s)
    s = re.sub(r"^\s*(?:19|20)\d\d\s*年(?:底|末)?", lambda m: " " * len(m.group(0)), s)
    s = _LEAD_STRIP.sub(lambda m: " " * len(m.group(0)), s)
    for _ in range(4):
        s2 = _TAIL_VERB.sub("", s)
        s2 = re.sub(r"(?:力争|争取|确保|预计|全力|着力|努力)\s*$", "", s2)
        if s2 == s:
            break
        s = s2
    stripped = s.strip(' ,、')
    if not stripped:
        return "", -1
    return stripped, s.find(stripped)


def _metric_only(s: str) -> bool:
    return bool(re.fullmatch(r"(?:全区|全市)?(?:年|全年)?(?:全产业链)?(?:总)?(?:产值|收入|销售收入|营业收入|规模|总额|营业额|销售额|营收|产出|"
                             r"产量|面积|种植规模|产值规模|种植面积)?", s))


def _strip_metric(s: str) -> str:
    return re.sub(r"(?:全产业链)?(?:年|全年)?(?:总)?(?:产值规模|产值|营业收入|销售收入|主营业务收入|收入|规模|总额|营业额|销售额|营收|产量|面积|"
                  r"种植规模|种植面积)$", "", s).strip()


#: Totals that win even when an industry word is inside ("社会消费品零售总额").
_TOTAL_STRONG = re.compile(r"零售总额|社零|地区生产总值|GDP|工业总产值|工业增加值|规上工业|规模以上工业|旅游.{0,3}收入|工业体系|产业体系")
_AFTER = re.compile(
    r'^\s*(?:的)?"?(?P<noun>[^,;。、"()]{0,22}?)"?(?P<suf>产业集群|产业规模|产业新城|产业基地|产业园|产业链|产业生态|产业|集群|基地|新城|'
    r"园区|园|经开|高新区|开发区|工业体系|体系|台阶|规模)"
)
_CLAUSE_PARK_SUFFIX = re.compile(
    r"高新技术产业开发区|经济技术开发区|综合保税区|产业园区|工业园区|工业园|产业园|示范园|物流园|组团|经开区|高新区|开发区|"
    r"保税区|生态城|科技城|镇(?![村街域区])"
)
_NAME_LEAD = re.compile(r"^(?:力争|全力|着力|加快|积极|持续|推动|支持|推进|依托|打造|建设|将|把|在|以|使|实现|其中|形成|培育)+")


def _park_in(text: str) -> tuple[str, int]:
    """The last park-like name inside a clause ("打造清平镇百亿级…" → 清平镇) and its offset."""
    best = ("", -1)
    for m in _CLAUSE_PARK_SUFFIX.finditer(text):
        j = m.start()
        while j > 0 and re.match(r"[\u4e00-\u9fffA-Za-z0-9·]", text[j - 1]):
            j -= 1
        raw = text[j:m.end()]
        name = _NAME_LEAD.sub("", raw)
        if len(name) <= len(m.group(0)) or not _park_of(name):
            continue
        best = (name, m.end() - len(name))
    return best


def _amount_ok(sent: str, m: re.Match) -> bool:
    """Filters on the amount itself: units, firm sizes, tier lists, comparisons."""
    num = m.group("num")
    if not num[0].isdigit():
        # Chinese numerals: only round words (百/千/万, 双百…), not 数十亿 / 几百亿 or parts of words
        prev = sent[m.start() - 1] if m.start() > 0 else ""
        if prev in "数几近上" or not re.search(r"[十百千万]", num):
            return False
    after = sent[m.end():]
    if _BAD_AFTER_UNIT.match(after) or _FIRM_AFTER.match(re.split(r"[,;。]", after)[0] if after else ""):
        return False
    if m.group("unit") is None and not re.match(r'^\s*(?:[,、;。)"]|$|的|以上|左右)', after):
        # "1.6亿袋": only a round Chinese amount or a cluster word may follow directly ("千亿经开", "百亿产业")
        if num[0].isdigit() and not re.match(r"^(?:产业|集群|园|经开|高新|基地|新城|工业)", after):
            return False
    if "分别" not in sent[: m.start()] and (_TIER_LIST_AFTER.match(after) or _TIER_LIST_BEFORE.search(sent[: m.start()])):
        return False  # "10亿级、20亿级、50亿级…集群": a list of size classes, not one target
    if re.search(r"(?:\d+|[一二两三四五六七八九十几数]+)\s*(?:个|条|批|家|类)\s*$", sent[: m.start()]):
        return False  # "两个千亿级产业集群": how many clusters of a size, not one target
    head = sent[: m.start()].rstrip('"')
    if re.search(r"(?:19|20)\d\d\s*年\s*[(（]\s*$", head):
        return False  # "与2017年(91.8亿元)比较"
    return True


def _targets_in_sentence(st: _State, base: int, line: str, s_off: int, sent: str, ctx: _Ctx, *, para_park: str,
                         lead: tuple[str, int], topic: tuple[str, int], inherited: int | None,
                         row_year: int | None, period_year: int | None, role_head: str) -> None:
    for m in _AMOUNT.finditer(sent):
        value = _amount_value(m)
        if value is None or value <= 0 or value > settings.MAX_TARGET_YI or not _amount_ok(sent, m):
            continue
        # the clause around the amount
        cstart = max(sent.rfind(",", 0, m.start()), sent.rfind(":", 0, m.start())) + 1
        prev_amount = [x for x in _AMOUNT.finditer(sent, cstart, m.start())]
        if prev_amount and "分别" not in sent[cstart:m.start()]:
            # "其中汽车产业500亿元、电子信息产业300亿元": each amount has its own subject
            cstart = max(cstart, prev_amount[-1].end())
            while cstart < m.start() and sent[cstart] in '元级"、 以上左右':
                cstart += 1
        cend_m = re.search(r"[,:]", sent[m.end():])
        cend = m.end() + (cend_m.start() if cend_m else len(sent) - m.end())
        before = sent[cstart:m.start()]
        if _NOT_OUTPUT.search(before) or _NOT_OUTPUT.search(sent[m.end():cend][:8]):
            continue
        if _COMPARE.search(sent[: m.start()]) or ctx.retro:
            continue
        # --- year
        year, year_note, conf = None, "", 0.9
        fy = _future_year_before(sent, m.start())
        if fy:
            year = fy[0]
        else:
            by = _bare_year_start(sent)
            if by is not None:
                if st.horizon is not None and by < st.horizon - 2:
                    continue  # a past year: a statement of fact, not a target
                year = by
            else:
                fy = _future_year_before(line, s_off)
                if fy:
                    year, conf = fy[0], conf - 0.05
                elif row_year:
                    year, conf = row_year, conf - 0.05
                elif inherited:
                    year, conf = inherited, conf - 0.05
                else:
                    pm = _PERIOD_RE.search(sent[: m.start()])
                    if period_year or pm:
                        year = period_year or _PLAN_PERIOD[pm.group(0)]
                        conf, year_note = conf - 0.1, "year from the 五年规划 period"
                    elif st.horizon:
                        year, conf = st.horizon, conf - 0.2
                        year_note = "year from the plan horizon" + (" (guessed)" if st.horizon_inferred else "")
        # --- is it a goal?
        in_breakdown = bool(re.match(r"\s*其中", sent[max(sent.rfind(",", 0, m.start()), 0):].lstrip(","))) and bool(
            _GOAL.search(sent[: m.start()])
        )
        if not (_GOAL.search(before) or _GOAL.search(sent[: m.start()][-14:]) or in_breakdown):
            if not (_METRIC.search(before) and (fy or inherited or row_year)):
                continue
        _emit_target(st, base, s_off, sent, m, value, year, year_note, conf, cstart, cend, ctx,
                     para_park=para_park, lead=lead, topic=topic, line=line, role_head=role_head)


def _emit_target(st: _State, base: int, s_off: int, sent: str, m: re.Match, value: float, year: int | None,
                 year_note: str, conf: float, cstart: int, cend: int, ctx: _Ctx, *,
                 para_park: str, lead: tuple[str, int], topic: tuple[str, int], line: str, role_head: str) -> None:
    notes = [year_note] if year_note else []
    before = sent[cstart:m.start()]
    after = sent[m.end():cend]
    q_start, q_end = m.start(), m.end()
    industry, park, kind, metric_word = "", "", "target", ""
    cpark, cpark_off = _park_in(before)
    start_park = ""
    sm = _PARK_AT_START.match(sent)
    if sm:
        rest = re.sub(r"^\s*\([^()]{1,24}\)", "", sent[sm.end("park"):]).lstrip()
        if _VERB_RE.match(rest) or _PREAMBLE.match(rest) or _BUILD_RE.match(rest):
            start_park = _park_of(sm.group("park"))
    emit = functools.partial(_append_target, st, base, s_off, sent, value=value, year=year, ctx=ctx,
                             role_head=role_head)
    # 1. the words after the number: "500亿级X产业集群", "千亿经开", "千亿级现代工业体系"
    am = _AFTER.match(after)
    if am:
        q_end = m.end() + am.end()
        noun = _PLACE_PREFIX.sub("", am.group("noun").strip())
        suf = am.group("suf")
        if suf in ("经开", "高新区", "开发区", "园区") or (suf in ("产业园", "园") and not st.vocab.classify(noun)[0]):
            kind, park = "total", cpark or para_park or start_park
            industry = noun + suf if not park else ""
            notes.append("a park's overall target")
        elif suf in ("工业体系", "体系") or _TOTAL_STRONG.search(noun + suf):
            kind, industry = "total", (noun + suf)
            q_start = m.start()
        elif noun and st.vocab.classify(noun)[0]:
            industry = noun
        elif noun and _TOTAL.search(noun):
            kind, industry = "total", noun + (suf if suf.startswith("产业") else "")
        elif noun and len(noun) >= 2 and suf in ("产业集群", "集群", "产业"):
            industry = noun  # an industry the vocabulary does not know ("其他工业")
    # "分别": "A园、B园X产值分别达到150亿、50亿"
    if "分别" in before and kind == "target":
        res = _distribute(st, sent, cstart, cend, m, before)
        if res:
            park_d, ind_d, full = res
            q_start = cstart
            notes.append("paired with '分别'")
            k = "target"
            if not st.vocab.classify(ind_d)[0] and (_TOTAL.search(full) or not ind_d):
                k, ind_d = "total", full
            emit(industry=ind_d or industry, park=park_d, kind=k, conf=conf, notes=notes, q_start=q_start,
                 q_end=q_end)
            return
    # 2. the clause's own subject
    if not industry and kind == "target":
        subj, so = _subject(before)
        if subj and _metric_only(subj):
            q_start = cstart + so  # keep "产值规模达300亿" whole
            metric_word = subj
        if subj and not _metric_only(subj):
            core = _strip_metric(subj)
            if _TOTAL_STRONG.search(subj) or (_TOTAL.search(subj) and not st.vocab.classify(core)[0]):
                kind, industry, q_start = "total", subj, cstart + so
                park = cpark if cpark and cpark_off <= so + 1 else ""
                if park:
                    notes.append("a park's overall target")
            elif core and st.vocab.classify(core)[0]:
                dual = _dual_items(core, m)
                q_start = cstart + so
                if dual:
                    for it in dual:
                        emit(industry=it, park=park or para_park, kind="target", conf=conf, notes=notes,
                             q_start=q_start, q_end=q_end)
                    return
                industry = core
            elif cpark:
                kind, park, q_start = "total", cpark, cstart + cpark_off
                notes.append("a park's overall target")
        elif cpark and not subj:
            park = cpark
    # 3. a parallel clause before: "茶园面积达到12万亩,总产量1万吨,总产值达到12亿元"
    if not industry and kind == "target" and not park:
        for c_off, cl in reversed([c for c in _clauses(sent[:cstart]) if c[1].strip()]):
            if not re.search(r"\d", cl) or _PREAMBLE.match(cl.strip()):
                break
            subj, so = _subject(re.split(r"\d", cl)[0])
            core = _strip_metric(subj)
            if core and st.vocab.classify(core)[0]:
                industry, q_start, conf = core, c_off + so, conf - 0.05
                break
            if subj and not _metric_only(subj):
                break
    # 4. the sentence/paragraph topic, the paragraph's lead term, the heading
    if not industry and kind == "target":
        t, t_off = topic
        lt, _l_off = lead
        if t and t_off >= 0:
            industry = t
            if t_off >= s_off:
                q_start, conf = t_off - s_off, conf - 0.05
            else:
                conf -= 0.1
                notes.append(f"industry from an earlier sentence ('{t}')")
        elif lt and lt != para_park and st.vocab.classify(lt)[0]:
            industry, conf = lt, conf - 0.1
            notes.append(f"industry from the paragraph heading ('{lt}')")
        elif not para_park:
            for h in (ctx.h3, ctx.h2):
                ht = _lead_term(h if h.rstrip().endswith(("。", ".", ":")) else h + "。")
                if ht and st.vocab.classify(ht[0])[0]:
                    industry, conf = ht[0], conf - 0.15
                    notes.append(f"industry from the heading ('{ht[0]}')")
                    break
    if not park and not (para_park or cpark) and st.unit_park and kind == "target" and industry:
        park, conf = st.unit_park, conf - 0.15
        notes.append(f"park from the table row's lead unit ({st.unit_park}管委会)")
    if not park and (para_park or cpark or start_park):
        park = cpark or para_park or start_park
        if kind == "total" and "a park's overall target" not in notes:
            notes.append("a park's overall target")
    if kind == "target" and not industry:
        if park:
            kind = "total"
            industry = metric_word
            notes.append("a park's overall target")
        else:
            conf -= 0.35
            notes.append("industry not resolved")
    emit(industry=industry, park=park, kind=kind, conf=conf, notes=notes, q_start=q_start, q_end=q_end)


def _distribute(st: _State, sent: str, cstart: int, cend: int, m: re.Match, before: str) -> tuple[str, str, str] | None:
    """(park, industry) of one amount in "A园、B园X产值分别达到150亿、50亿" (or "A、B产值分别…")."""
    subj, _ = _subject(before.split("分别")[0])
    parts = [p for p in subj.split("、") if p]
    amounts = list(_AMOUNT.finditer(sent[cstart:cend]))
    idx = next((k for k, x in enumerate(amounts) if x.start() + cstart == m.start()), -1)
    if len(parts) < 2 or len(parts) != len(amounts) or idx < 0:
        return None
    pm = re.match(r"^(?P<p>.+?(?:" + _PARK_SUFFIX + r"))(?P<rest>.*)$", parts[-1])
    names = parts[:-1] + [pm.group("p") if pm else parts[-1]]
    rest = pm.group("rest") if pm else ""
    this = names[idx]
    if re.search("(?:" + _PARK_SUFFIX + ")$", this) and _park_of(this):
        return _park_of(this), _strip_metric(rest), rest
    return "", _strip_metric(this), this


def _dual_items(core: str, m: re.Match) -> list[str]:
    """"A、B形成双百亿级产业": one target per listed industry when the amount is 双X."""
    if not m.group("dbl"):
        return []
    items = [x for x in re.split(r"[、]", core) if x]
    return items if len(items) == 2 else []


def _append_target(st: _State, base: int, s_off: int, sent: str, *, industry: str, park: str, value: float,
                   year: int | None, conf: float, notes: list[str], ctx: _Ctx, q_start: int, q_end: int, kind: str,
                   role_head: str = "") -> None:
    q_start = max(0, min(q_start, len(sent)))
    q_end = max(q_start, min(q_end, len(sent)))
    while q_start < q_end and sent[q_start] in ' ,"、:':
        q_start += 1
    notes = list(notes)
    sector, chain = st.vocab.classify(industry) if kind == "target" else ("", "")
    if kind == "target" and park:
        # the same sentence may have assigned this industry to the park with examples ("以绿色食品为代表消费品产业")
        core = re.sub(r"产业|特色|现代", "", industry)
        for item, isec, ichain in st.sentence_items:
            icore = re.sub(r"产业|特色|现代", "", item)
            if core and icore and (core in icore or icore in core) and isec:
                sector, chain = isec, ichain
                break
    if kind == "target" and industry and not sector:
        conf -= 0.2
        notes.append("industry not in the vocabulary")
    if kind == "total":
        role = "other" if park else "total"
    else:
        role = _role_from(role_head, ctx.h3, ctx.h2) or "lead"
    if year is None:
        conf -= 0.3
        notes.append("no year found")
    a, b = st.nt.span(base + s_off + q_start, base + s_off + q_end)
    if park and st.cell_park and st.cell_park[0] == park and st.cell_park[1] < base:
        a = st.nt.span(st.cell_park[1], st.cell_park[1] + 1)[0]  # a table row: quote from the park's cell
    near = base + s_off + q_start
    st.out.append(Finding(
        kind=kind, park=_as_written(st, park, near), industry_as_written=_as_written(st, industry, near),
        sector=sector, chain=chain, role=role,
        target_value_yi=float(value), target_year=year, quote=st.nt.original[a:b],
        confidence=round(min(max(conf, 0.05), 1.0), 2), note="; ".join(dict.fromkeys(n for n in notes if n)),
        start=a, end=b,
    ))


# ---------------------------------------------------------------- tables


_NUM_CELL = re.compile(r"^\s*[<>﹥﹤≥≤约]?\s*(?P<v>\d+(?:\.\d+)?)\s*$")
_YEAR_CELL = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*年\s*(?P<label>\S*)\s*$")


def _table(st: _State, b: _Block, ctx: _Ctx) -> None:
    """Indicator rows (baseline → target), park rows (park | industries | target) and long prose cells."""
    nt = st.nt
    header: list[_Cell] = []
    year_cols: list[tuple[int, int, str]] = []  # (column, year, label)
    ind_col = -1
    period_year = None
    for r_i, row in enumerate(b.rows):
        texts = [c.text.replace("\n", "").strip() for c in row]
        has_num = any(_NUM_CELL.match(t) for t in texts)
        ycols = [(k, int(mm.group("y")), mm.group("label")) for k, t in enumerate(texts) if (mm := _YEAR_CELL.match(t))]
        if not has_num and (r_i == 0 or (len(ycols) >= 1 and not year_cols) or not header):
            # a header row
            if ycols and len(ycols) >= 2 or (ycols and any(lbl for _, _, lbl in ycols)):
                year_cols = ycols
            if r_i == 0 or not header:
                header = row
                for k, t in enumerate(texts):
                    if re.search(r"产业|方向|定位", t) and not re.search(r"面积|目标|单位", t):
                        ind_col = k
                    pm = _PERIOD_RE.search(t)
                    if pm and "目标" in t:
                        period_year = _PLAN_PERIOD[pm.group(0)]
            continue
        # a year cell in the row ("2025年" completion time) is the year of the row's statements
        row_year = None
        for t in texts:
            mm = re.fullmatch(r"\s*((?:19|20)\d\d)\s*年(?:前|底|末)?\s*", t)
            if mm:
                row_year = int(mm.group(1))
        money = any(t in ("亿元", "亿") for t in texts) or any(re.search(r"[(（]\s*亿元\s*[)）]", t) for t in texts)
        if money and year_cols:
            _indicator_row(st, row, texts, year_cols)
            continue
        # park rows
        first = next((k for k, t in enumerate(texts) if t and not _NUM_CELL.match(t)), -1)
        park = ""
        if first >= 0:
            pm = _PARK_AT_START.match(texts[first] + "。")
            if pm and pm.group("park") == texts[first]:
                park = _park_of(texts[first])
        if park and ind_col >= 0 and ind_col < len(row) and ind_col != first:
            cell = row[ind_col]
            raw = nt.text[cell.start:cell.end]
            lead_ws = len(raw) - len(raw.lstrip())
            obj = raw.strip().rstrip("。")
            items, category, examples = _split_items(st, obj)
            role = _role_from(nt.text[header[ind_col].start:header[ind_col].end]) if ind_col < len(header) else ""
            for k, (item, ioff) in enumerate(items):
                if _valid_item(st, item):
                    _emit_park_item(st, cell.start + lead_ws, park, row[first].start - (cell.start + lead_ws),
                                    item, ioff, role or "lead", examples if k == 0 else [], 0.8, "from a table row")
        st.cell_park = (park, row[first].start) if park else None
        st.unit_park = ""
        for t in texts:
            um = _UNIT_PARK.match(t)
            if um and _park_of(um.group("park")) and not park:
                st.unit_park = _park_of(um.group("park"))
                break
        for k, cell in enumerate(row):
            t = texts[k]
            if k == first and park:
                continue
            if len(t) >= 6 and (re.search(r"亿", t)) or len(t) >= 15:
                _prose(st, cell.start, nt.text[cell.start:cell.end], ctx, [], park_ctx=park, row_year=row_year,
                       period_year=period_year)
        st.cell_park = None
        st.unit_park = ""


def _indicator_row(st: _State, row: list[_Cell], texts: list[str], year_cols: list[tuple[int, int, str]]) -> None:
    nt = st.nt
    # indicator name: the cell with "(亿元)", else the cell before the unit cell, else the longest text cell
    name_k = next((k for k, t in enumerate(texts) if re.search(r"[(（]\s*亿元\s*[)）]", t)), -1)
    if name_k < 0:
        unit_k = next((k for k, t in enumerate(texts) if t in ("亿元", "亿")), -1)
        name_k = unit_k - 1
        while name_k >= 0 and not texts[name_k]:
            name_k -= 1
    if name_k < 0:
        return
    name = re.sub(r"[(（]\s*亿元\s*[)）]", "", texts[name_k]).strip()
    values: dict[int, tuple[float, int]] = {}
    for col, year, _label in year_cols:
        if col < len(texts):
            mm = _NUM_CELL.match(texts[col])
            if mm:
                values[year] = (float(mm.group("v")), col)
    if not values:
        # fall back to order: the numbers after the name, one per year column
        nums = [(float(mm.group("v")), k) for k, t in enumerate(texts) if k > name_k and (mm := _NUM_CELL.match(t))]
        for (_col, year, _), (v, k) in zip(year_cols, nums, strict=False):
            values[year] = (v, k)
    if not values:
        return
    target_year = max(values)
    tv, tk = values[target_year]
    base_years = [y for y in values if y < target_year]
    bv = by = None
    if base_years:
        by = min(base_years) if len(base_years) > 1 else base_years[0]
        bv = values[by][0]
    kind = "total" if _TOTAL.search(name) and not st.vocab.classify(_strip_metric(name))[0] else "target"
    industry = name if kind == "total" else _strip_metric(name)
    sector, chain = st.vocab.classify(industry) if kind == "target" else ("", "")
    a, b = nt.span(row[name_k].start + (len(row[name_k].text) - len(row[name_k].text.lstrip())), row[tk].end)
    st.out.append(Finding(
        kind=kind, park="", industry_as_written=_as_written(st, industry, a), sector=sector, chain=chain,
        role="total" if kind == "total" else "lead", target_value_yi=tv, target_year=target_year,
        baseline_value_yi=bv, baseline_year=by if bv is not None else None, quote=nt.original[a:b].rstrip(),
        confidence=0.9, note="from an indicator table", start=a, end=a + len(nt.original[a:b].rstrip()),
    ))


# --------------------------------------------------------------------------------------------------------------
# Park names
# --------------------------------------------------------------------------------------------------------------


def _name_core(name: str, district: str = "") -> str:
    s = _strip_parens(str(name))
    s = re.sub(r"[\s·・\"“”]", "", s)
    s = re.sub(r"^(?:重庆市|重庆)", "", s)
    if district:
        short = re.sub(r"(?:区|县|自治县)$", "", district)
        s = re.sub(r"^" + re.escape(district), "", s)
        if short:
            s = re.sub(r"^" + re.escape(short), "", s)
    s = re.sub(r"^(?:国家级|国家|市级)", "", s)
    return s


def match_park(name: str, parks: pd.DataFrame, district: str = "") -> str:
    """The ``park_id`` of a park name as written, among ``parks`` (columns park_id, name_zh, district).

    Matches the name with the district prefix, 重庆(市), 国家(级) and brackets removed: equal, or one
    containing the other (at least 2 characters), preferring parks of ``district``. ``""`` if none or
    ambiguous.
    """
    if not name or parks is None or not len(parks):
        return ""
    cand = parks
    if district and "district" in parks.columns:
        in_d = parks[parks["district"] == district]
        if len(in_d):
            cand = in_d
    core = _name_core(name, district)
    if not core:
        return ""
    exact, contains = [], []
    for _, r in cand.iterrows():
        for nm in {str(r.get("name_zh", "")), *re.split(r"[·・]", str(r.get("name_zh", "")))}:
            pc = _name_core(nm, district)
            if not pc:
                continue
            if pc == core:
                exact.append(r["park_id"])
            elif len(core) >= 2 and len(pc) >= 2 and (core in pc or pc in core):
                contains.append(r["park_id"])
    exact = list(dict.fromkeys(exact))
    if len(exact) == 1:
        return exact[0]
    contains = list(dict.fromkeys(contains))
    if not exact and len(contains) == 1:
        return contains[0]
    return ""
