"""Shared patterns and the document skeleton: lines, tables, headings, sentences, clauses, year context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import settings
from ..io import CN_DIGITS as _CN_DIGITS
from ..io import cn_number
from .findings import Finding
from .normalise import NormText
from .vocabulary import Vocabulary

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
    r"|(?<!\d)(?:19|20)\d\d\s*(?:-|—|~|至|到)\s*(?P<y3>(?:19|20)\d\d)\s*年(?!以来|的|相比|同期)"
)
_PLAN_PERIOD = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_PERIOD_RE = re.compile("|".join(_PLAN_PERIOD))
#: A span ahead of the document's date that a paragraph's aims are for: "对今后五年的发展提出了…目标", "未来5年,全区将…".
_SPAN_AHEAD = re.compile(r"(?:今后|未来)\s*(?P<n>\d+|[一二两三四五六七八九十])\s*年(?![前来])[^。]{0,40}?(?:将|拟|力争|要|目标|规划)")

# an amount in 亿: 1100亿级, 30亿元, 百亿, "双百"亿级, 150亿
_AMOUNT = re.compile(
    r'(?P<dbl>双)?"?(?P<num>\d{1,3}(?:\'\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"?\s*(?:个(?=亿)|多(?=亿)|余(?=亿))?(?P<wan>万)?亿'
    r"(?P<unit>元级|元|级)?"
)
_BAD_AFTER_UNIT = re.compile(
    r"^\s*(?:人(?!民币)|[袋吨株头只件个瓶粒次辆度棵羽尾盒箱套册份张立平方美部颗块条双米户/]|支(?!柱|撑)|片(?!区)|台(?!阶)|千瓦|kW|m\b)"
)
_FIRM_AFTER = re.compile(r"^[^,;。:]{0,10}?企业")
_TIER_LIST_AFTER = re.compile(
    r'^\s*(?:元|级)?(?:[\u4e00-\u9fff]?|[\u4e00-\u9fff]{0,2}(?:园区|园|企业|基地|集群|产业|城|板块|项目))"?、\s*"?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"?\s*亿'
)
_TIER_LIST_BEFORE = re.compile(r'亿(?:元级|元|级)?"?\s*、\s*"?$')

#: Clause words marking money that is not an output target.
_NOT_OUTPUT = re.compile(
    r"税|研发|R&D|经费|投资|固投|投入|资金|融资|贷款|基金|减税|降费|补贴|奖励|奖补|成交|交易额|进出口|贸易|出口|进口|利润|成本|"
    r"财政|存款|信贷|市值|募资|募集|协议|到位|授信|技改|债|拨付|兑现|预算|支出|引资|资本|保费|工资|薪|收费"
)
#: Ratios per area, head or unit ("亩均产值5亿元", "每平方公里…产出"): not an amount of output.
_PER_UNIT = re.compile(r"亩均|每亩|/亩|人均|地均|每平方公里|/平方公里|平方公里产出|每公顷|单位")
_GOAL = re.compile(
    r"打造|构建|构筑|形成|达到|达|突破|迈上|迈向|实现|力争|争创|培育|建成|建设|超过|超|提高到|提高至|提升至|提升到|增长到|增长至|"
    r"增加到|增加至|增至|过|逾|壮大|做大|培植|冲刺|跻身|站上|挺进|保持|目标|计划|预计|有望|可望|朝着|向着|朝著|向著|崛起|冲击"
)
_METRIC = re.compile(r"产值|收入|规模|总额|增加值|营业额|销售额|营收|产出|生产总值")
_RETRO_HEAD = re.compile(r"回顾|成就|成效|现状|存在问题|主要问题|发展基础|基础条件|面临形势|发展环境|工作基础|取得")
_COMPARE = re.compile(r"(?:与|较|比|同比|相比|比较)\s*(?:19|20)\d\d\s*年|年均(?:降|下降|减少)")

#: Totals (aggregates), not one industry.
_TOTAL = re.compile(
    r"工业总产值|工业增加值|工业产值|工业营业收入|营业收入|主营业务收入|规上工业|规模以上工业|零售总额|社零|旅游.{0,3}收入|"
    r"地区生产总值|GDP|经济总量|产业链.{0,2}产值|重点产业链|总产值|总收入|增加值|产值规模|总规模|工业经济"
)

_PARK_SUFFIX = (
    "高新技术产业开发区|经济技术开发区|综合保税区|出口加工区|工业集中发展区|工业集中区|集中区|产业发展区|经济区|工业区|产业区|港区|中小企业集聚区|产业集聚区|产业示范区|产业园区|工业园区|物流园区|"
    "工业小区|经济走廊|产业走廊|工业园|产业园|物流园|物流中心|文创园|科技园|示范园|生态城|科技城|科学城|科创城|产业城|工业城|生物城|医药城|汽车城|药谷|光谷|数据谷|新城|组团|经开区|高新区|开发区|保税区|"
    "先进制造业平台|制造业平台|产业平台|产业整合区|整合区|产业发展轴|发展轴|产业轴|产业发展带|产业带|产业基地|集聚区|园区|基地|产业新区|功能区|工业村|产业合作区|合作区|核心区|试验区|先行区|先导区|承载区|示范区|新区|片区|区块|街道|镇|乡|园"
)
_PARK_NAME = (
    r"(?P<park>(?:\x22[\u4e00-\u9fffA-Za-z0-9]{1,6}\x22|\((?=[\u4e00-\u9fff]{1,6}\)[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\)|"
    r"(?<=[\u4e00-\u9fff]{2})—(?=[\u4e00-\u9fff]{2})|"  # "福永—沙井高新技术产业片区": two places joined by a dash
    r"[\u4e00-\u9fffA-Za-z0-9·~]){1,18}?(?:" + _PARK_SUFFIX + r")|高新区|经开区|综合保税区|保税区|"
    r"(?:(?<![\u4e00-\u9fff])|(?<=其中)|(?<=同时))[东西南北中](?:区|园|片))"
)
_PARK_FOLLOW = (
    r"(?=\s*\x22?\s*(?:$|[,。;:(、]|—|初步|逐步|已经|基本|今年|明年|今后|下一步|未来|将来|近期|目前|当前|近年来|倾力|奋力|竭力|紧盯|重点|主要|着力|大力|积极|加快|加速|全力|聚焦|发展|布局|培育|依托|以|围绕|结合|按照|紧扣|"
    r"紧抓|立足|坚持|充分|发挥|借助|利用|要|将|应|突出|[东西南北中](?:区|园|片区|片)(?=重点|主要|着力|大力|将|以|,)|内(?=[^,;。]{0,4}(?:集聚|聚集|汇集|形成|拥有|重点|主要))|做大|做强|优先|引进|打造|建设|定位|是|作为|力争|到|在|\d|"
    r"规划|占地|总规|位于|地处|汇集|聚集|集聚|形成|正|已|也|现|分为|共|面积|整合|创建|推进|为|和|与|及|则|还|主攻|"
    r"延伸|做优|壮大|前瞻|超前|板块|分别|着重|兼顾|适度|配套|同时|聚力|主打|统筹|协同|致力|专注|(?:的|其)?(?:主导|支柱|首位|特色|优势|主攻)(?:产业|行业)|(?:的|其)?产业定位|的(?:重点|主要)产业|引育|承接|拓展|巩固|提升|升级|强化|深化|设在|设于|设立|东临|西临|南临|北临|紧邻|毗邻))"
)
_PARK_AT_START = re.compile(r"^\s*(?:——|-|·)?\s*" + _PARK_NAME + _PARK_FOLLOW)
#: What may stand before a park that is a clause's subject: a connective, a preposition, a town and 的.
_SUBJECT_LEAD = (
    r"^\s*(?:——|-|·|\d{1,2}\s*[.、](?!\d)|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|[一二三四五六七八九十]{1,3}、)?\s*(?:[一二两三四五六七八九十]+[核带区园廊轴心圈极城片]\s*(?:即|是|为|:)\s*)?(?:(?:其中|因此|目前|同时|今后|此外|另外|而且|而|并且|并|还|近年来|未来|当前|现在|首先|其次|最后|"
    r"一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月份?|上半年|前三季度|今年以来)\s*,?\s*)?(?:(?:着力|全力|努力|力争|积极|大力|重点|要|将)?\s*(?:在|于|由|对|把|将|让|使|推动|支持|鼓励|引导|促进|指导)\s*)?"
    r"(?:据(?=[^,;。]{2,20}?(?:负责人|人士|工作人员|主任|书记)))?"  # "据P相关负责人介绍"
    r"(?:新规划的|规划中的|新建的|拟建的|新组建的)?(?:(?P<town>[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡))的)?\x22?"
)
_LETTER_ZONE = r"(?P<park>[A-Z](?:\s*[、和及与]\s*[A-Z])*\s*区块?)"
_SUBJECT_PARK = re.compile(_SUBJECT_LEAD + r"(?:" + _LETTER_ZONE.replace("?P<park>", "?P<zone>") + r"|" + _PARK_NAME + _PARK_FOLLOW + r")")
_UNIT_PARK = re.compile(
    r"^\s*(?:重庆市)?(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?(?:工业园区|产业园区|园区|经开区|高新区|开发区|组团|综合保税区|"
    r"产业园))\s*管委会"
)
_RELY_SUFFIX = r"(?:" + re.sub(r"\|(?:街道|镇|乡)(?=\||$)", "", _PARK_SUFFIX) + r")"
_RELY_ON_PARK = re.compile(
    r"^\s*(?:[一二三四五六七八九十]是\s*|其[一二三四五六七八九十]\s*,?\s*)?(?:(?:[\u4e00-\u9fff]{2,10}(?:产业|行业))?依托(?:[\u4e00-\u9fff]{2,6}的)?|以|在)(?P<park>[\u4e00-\u9fffA-Za-z0-9·]{2,16}?" + _RELY_SUFFIX + r")"
    r"(?:\([^()]{1,10}\))?"  # "都市工业园(楼宇)": a gloss after a park
    r"(?P<more>(?:\s*(?:、|和|及|与)\s*[\u4e00-\u9fffA-Za-z0-9·]{2,16}?" + _RELY_SUFFIX + r"(?:\([^()]{1,10}\))?)*)\s*(?:为[^,;。]{0,4}?(?:载体|依托|平台|核心|主体|阵地|战场|重点|龙头|支撑|引擎)"
    r"(?:(?:发展|承载|布局)?(?:区域|片区|区|地))?|"  # "以P为重点(发展)区域,打造…"
    r"(?:为|等)[^,;。]{1,6}?(?=\s*$)|内|中)?"  # "以P为抓手," / "依托P等平台,": any role noun closing the clause
    r"\s*(?P<rest>.*)$"
)
_NOT_PARK_NAME = re.compile(
    r"^按照|^即|^综合性|^为|破解|对接|探索|定位|^(?:这类|此类|该类|这些|上述)|^(?:将|把)(?:该|本|这个|此)?(?:园区|开发区|经开区|高新区|工业园区|产业园区|园)$|推动|加快|支持|推进|结合|包括|以及|获评|评为|批准|认定为|确定为|列为|为(?:主导|辅助|辅|支柱|特色|重点|主|核心)|建设|打造|依托|围绕|发展|提升|优化|创建|实施|鼓励|引导|积极|全区|全市|各|等|一批|形成|"
    r"有条件|重点|^特色|^明确|^设(?!区)|^系|唯一|[一二两三四五六七八九十]大(?:特色|主导|重点|专业)?(?:产业|工业)?(?:园区|园|基地|片区|组团)$|承接|布局|规划|培育|申报|争创|^(?:国家级|市级|省级)|我区|本区|获批|成功|首批|扩大|壮大|鼓励|强化|深化|做大|做强|做优|开展|"
    r"加强|入驻|研发|协同|合作(?!区)|交流|联动|坚持|构建|通过|畅通|抓|擦亮|根据|进一步|大力|着力|全力|完善|实施|"
    r"城乡|^(?:作为|全面|提高|首家|其(?!他))|^(?:专业|特色|各类|相关|重点)(?:园区|产业园区|工业园区|产业园)$|入园|\d{4}\s*年|分为|政府对|^(?:该|本|此|这个)(?:镇|乡|街道|县|市)$|[一二两三四五六七八九十\d]+(?:大|个)(?:功能区|组团|片区|园区|板块)$|^建(?:好|成|立)|(?:抓|办|用|搞|管|做)好|配合|^国家(?:高新区|经开区|开发区)$|(?<!自)由(?![\u4e00-\u9fff]{0,3}贸)|"
    r"[立兴强富]园$|^[一二三四五六七八九十两\d]+(?:大|个|类)|^[的和与及以]|^依托|^(?:目前|当前|现在|同时|今后|近年来|其中|此外|另外)|^园区$|^产业园区$|^工业园区$|"
    # "这一成绩的取得主要得益于园区", "前身为X园区", "园区是三个千亿产业园之一": never inside a park's own name
    r"得益于|归功于|取得|前身|原名|更名|曾用名|是|[一二两三四五六七八九十\d]个|成为|努力|^除|^整个|"
    r"^(?:[\u4e00-\u9fff]{2,3}省)?[\u4e00-\u9fff]{2,}市\s*镇$|"  # "宁波市镇(海区)": 镇 starts the next place's name
    r"^开发区$|^基地$|^集聚区$|^示范区$|^新城$|^镇$|^街道$|^乡$|^园$|(?:公园|花园|家园|校园|庄园|乐园|动物园|植物园|菜园|果园|茶园)$|"
    # a verb or an adverb before the name ("力争眼镜园区面积扩展到…", "辐射带动天平街道", "扩区后开发区"), the bounds of an
    # area ("西起于鸭池…,东止于梨树镇", "东至巴州区兴文镇"), a pointer back
    # ("这六园为平台": the parks named before) and what a place is ("重要的白酒生产基地") are never part of a park's name
    r"^(?:力争|争取|先期|率先|辐射|扩区|扩容后|整合后)|带动|(?:起|止)于|^[东西南北](?:起|至|止|到|临|接)|^(?:这|那|此|该)[一二两三四五六七八九十\d]+(?:园|区|个园区)$|^(?:重要|主要|最大|最重要|知名)的"
)

_LEAD_VERBS = (
    "重点发展", "主要发展", "主要布局", "重点布局", "发展壮大", "做大做强", "做强做优", "做优做强", "大力发展", "着力发展",
    "优先发展", "突出发展", "重点开发", "聚焦发展", "集中发展", "重点打造", "主攻", "重点围绕", "重点聚焦",
    "主导发展", "重点引进", "着力打造", "大力培育", "主要从事", "重点布局发展", "着力培育", "聚焦",
    "着重发展", "兼顾", "培育和发展", "重点培育和发展", "兼顾发展", "适度发展", "配套发展", "择优发展", "稳步发展", "主要承接", "重点承接", "承接", "重点承载", "主要承载", "承接发展", "夯实壮大",
    # "<manner>发展": the manner word does not change that the object is the park's industries
    "统筹发展", "协同发展", "融合发展", "联动发展", "错位发展", "集聚发展", "集群发展", "集约发展", "特色发展", "规模发展",
    "集中打造", "全力打造", "重点招引", "主要引进", "致力于发展", "致力发展", "专注发展",
    "提升发展", "改造提升", "巩固提升", "做精做优", "做优做精", "做大做优", "壮大发展", "主打", "重点导入", "导入", "重点引入",
    "主导(?!产业|行业|作用|地位|型|的)", "重点发力", "发力",  # "园区主导肉禽类加工产业、饲料产业…": the park leads in these
)
_EMERGING_VERBS = (
    "培育壮大", "重点培育", "积极培育", "引进培育", "加快培育", "培育发展", "前瞻布局", "超前布局", "积极发展",
    "探索发展", "抢先发展", "加快发展", "布局发展", "培育", "支持发展", "鼓励发展", "扶持发展", "引导发展", "招引培育",
)
_BUILD_VERBS = ("着力建设", "加快建设", "规划建设", "重点建设", "建设")
_ADVERBS = r"(?:即|也就是|分别|在[^,;。]{0,8}?基础上|依托(?![^,;。]{0,10}?(?:园|区|基地|城))[^,;。]{2,10}?(?=(?:重点|大力|加快|着力|积极)?(?:发展|布局|打造|培育))|力争|争取|计划|预计|确保|努力|(?:在|到|于|至)?\s*(?:19|20)\d\d\s*年(?:前|底|末)?\s*|今年|明年|目前|当前|近年来|下一步|届时|聚力|集中力量|倾力|奋力|竭力|紧盯|紧抓|致力于|致力|初步|基本|逐步|进一步|加快|持续|着力|大力|积极|重点|主要|全力|集中|优先|同时|并|还|要|将|正在|正|已经|已|也|均|则|继续|今后|未来|将来)"
_VERB_RE = re.compile(
    r"^" + _ADVERBS + r"*"
    r"(?P<verb>(?:引进|培育|培植|发展|壮大|做强|做大|做优|布局|打造)(?:和|与|及|、)(?:引进|培育|培植|发展|壮大|做强|做大|做优|布局|打造)|"
    + "|".join(sorted(_LEAD_VERBS + _EMERGING_VERBS, key=len, reverse=True)) + r")"
    r"(?:形成(?=[^,;。]{4}))?"  # "培育形成以A、B为主的…": a second verb of the same phrase
    r"(?:起(?![来点步源]))?"  # "抢先发展起航空材料": the complement is not part of the object
)
#: Weaker verbs: the object counts only when it reads as a list of industries (a vocabulary item or a
#: trailing counter such as 三大产业集群).
_FORM_VERBS = ("汇集了", "聚集了", "集聚了", "汇集", "聚集", "集聚", "发展成为", "发展成", "规划了", "规划布局", "规划发展", "形成了", "形成", "构建起", "构建", "打造成为", "打造成", "建设成为", "建设成", "打造", "做强", "做大", "做优",
               "布局", "发展", "建成", "建设(?=以[^,;。]{2,40}?为(?:主导|主|特色|重点|支柱))", "拥有", "围绕", "重点抓好", "抓好", "做好", "优化升级", "提升")
_FORM_RE = re.compile(r"^" + _ADVERBS + r"*(?P<verb>" + "|".join(_FORM_VERBS) + r")")
#: "以A、B为主导产业" / "主要以布局A、B企业为主" / "以A为主": the list inside the frame is the object.
_FRAME_RE = re.compile(
    r"^(?:\s*(?:的|其)?(?:产业|功能)定位)?(?:\s*是)?" + _ADVERBS + r"*(?:形成了?|构建了?)?以(?:布局|发展)?(?P<list>[^,;。]+?)(?:等)?(?:企业|项目|合作|开发|生产)?为(?P<role>主导产业|主导|支柱产业|首位产业|特色产业|优势产业|主攻产业|主攻方向|主|重点产业|主要产业|重点|"
    r"支柱|特色|支撑|引领|核心|龙头|基础|新兴|辅|补充)"
    r"(?:产业)?\s*$"
)
#: "(P的)主导产业为A、B" / "产业定位是A、B": the role word, then the list.
_ROLE_IS_RE = re.compile(
    r"^\s*(?:的|其)?(?P<role>主导产业|支柱产业|重点产业|主要产业|首位产业|特色产业|优势产业|主攻产业|主导行业|产业定位)"
    r"(?:主要)?\s*(?:定位于|定位为|定位是|为|是|有|包括|:)\s*(?:以)?"
)
#: "(P)是以A、B为主导的省级工业园区": the list in the frame describes the park.
_IS_FRAME_RE = re.compile(
    r"^\s*(?:(?:逐步|逐渐|已经|已)?(?:发展|建设|打造)?成为|(?:将|逐步|逐渐|初步|已经|已)?形成了?(?=以[^,;。]+?为(?:主导|支柱|主体))|是|为|(?:功能|产业)?定位(?:为|是))(?:一个|一座|一家)?以(?P<list>[^,;。]+?)(?:等)?(?:产业)?为(?P<role>主导产业|主导|主体|主|特色|重点|支柱)(?:产业)?的"
)
#: "以发展A、B为抓手/突破,…建设P": the industries come before the park.
_LEAD_FRAME_RE = re.compile(
    r"^\s*以(?:发展|壮大|培育|做强|做大)?(?P<list>[^,;。]+?)为(?:抓手|突破口|突破|重点|核心|引领|支撑|主导|方向|龙头|主体)"
)
#: A trailing counter after a list: 三大产业集群, "3+1"产业, 等七大产业集群, 两大主导产业.
_COUNTER_TAIL = re.compile(
    r'\s*(?:"?[\d一二三四五六七八九十两]+(?:\s*\+\s*[\dNn一二三四五六七八九十]+)*"?)\s*(?:大|个|类|项)?'
    r"(?:高端|特色|主导|支柱|重点|新兴|优势|战略性新兴|高新技术|先进制造业|现代|绿色)?"
    r"(?:产业集群|产业体系|产业链|产业|集群|板块|方向|领域|行业)$"
)
_BUILD_RE = re.compile(r"^(?:进一步|持续|同时|并)?(?P<verb>" + "|".join(_BUILD_VERBS) + r")")
_PREAMBLE = re.compile(
    r"^(?:依托|以|围绕|结合|按照|紧扣|紧抓|立足|坚持|充分|发挥|借助|利用|抢抓|把握|顺应|对接|面向|瞄准|通过|在|着眼|"
    r"提高|推动|推进|优化)"
)
_EXAMPLES = (
    re.compile(r"^以(?P<ex>.+?)为(?:依托|基础|支撑|代表|主导|主体|支柱|主|重点|核心|龙头|特色|引领|方向)(?:的)?(?P<head>.+)$"),
    re.compile(r"^(?:集)?(?P<ex>.+?)(?:于一体|为一体)(?:的)?(?P<head>.+)$"),
    re.compile(r"^集(?P<ex>.+?)一体(?:的)?(?P<head>.+)$"),
    re.compile(r"^(?P<ex>.+?)为代表(?:的)?(?P<head>.+)$"),
)
_GENERIC_HEAD = re.compile(
    r"^(?:一批|一系列|\d+|[一二三四五六七八九十两]+)?(?:个|大|项|条)?(?:(?:\d+|[百千万]+)亿(?:元)?级)?(?:相关|新兴|绿色|战略性新兴|高成长性|高端|特色|优势|重点|主导|"
    r"支柱|新|未来|先导|传统|其他)?(?:产业|行业|领域|业态|产品|新产品|产业集群|集群|产业链|项目|方向|板块|细分产业链)$"
)
_GENERIC_SUFFIX = re.compile(r"(?:产业|行业|领域|业态|产品|集群|产业链|项目|方向|板块)$")
_ITEM_NOISE = re.compile(r"一批|水平|鲜明|集中度|相对集中|互为|补充$|高地$|样板$|标杆$|阵地$|突出$|^产业高端$|^从|企业$|(?:公司|集团|厂)$|^主业$|^(?:公路|铁路|高速公路|港口|机场|码头)$|先进$|[高强大好]$|发展|建设|打造|推动|提升|形成|实现|促进|加快|引进|完善|构建|强化|突破|力争|最|一流|领先|齐全|^了|创新(?!药)|产业化$|^(?:[一二两三四五六七八九十]大|优势|主导|支柱|新兴)产业$|(?:引领|支撑|延伸|带动|驱动|联动|并举)$")
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
                if row and not line.startswith("\t"):
                    # a table pasted from a spreadsheet or a Word copy: one row a line, no leading tab
                    rows.append(row)
                    row = []
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
    doc_year: int | None = None  # the document's year, for 今年/明年
    towns: dict[str, str] = field(default_factory=dict)  # park → town or street it is in, where the text says
    last_park: tuple[str, int] | None = None  # the last park named (name, normalised offset), for 园区/该园区
    named: list[tuple[str, int]] = field(default_factory=list)  # every park noted as last_park, in order
    pair_refs: list[tuple[str, int]] = field(default_factory=list)  # the two parts 前者/后者 refer to

    def note_park(self, name: str, at: int) -> None:
        """Make ``name`` (at normalised offset ``at``) the last park named."""
        self.last_park = (name, at)
        self.named.append((name, at))
    pending_list: tuple[str, int, str] | None = None  # "P重点发展以下产业:" → (park, offset, verb) for the bullets
    district: str = ""  # the plan's district: its short name is never a park's place name
    places: dict[str, tuple[str, int]] = field(default_factory=dict)  # place name → (park named after it, offset)
    topic_park: tuple[str, int] | None = None  # the park the whole document is about (its title or first subject)
    para_years: dict[int, int] = field(default_factory=dict)  # a paragraph's start → the year it took from before it


# ---------------------------------------------------------------- year context


def _future_year_before(s: str, end: int) -> tuple[int, int] | None:
    """Last future-year marker in ``s[:end]``: (year, offset)."""
    best = None
    for m in _FUTURE_YEAR.finditer(s[:end]):
        y = m.group("y") or m.group("y2") or m.group("y3")
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
    split = []
    for o, s in out:
        hm = _HEADLINE.match(s)
        if hm and s[hm.end():].strip():  # "【城乡|沙坪坝区:…】青凤高科产业园区…": a headline, then the sentence
            split += [(o, s[:hm.end()]), (o + hm.end(), s[hm.end():])]
        else:
            split.append((o, s))
    return [(o, s) for o, s in split if s.strip()]


#: A bracketed headline opening a sentence: "【城乡|沙坪坝区:三区共奏联弹曲】".
_HEADLINE = re.compile(r"^\s*【[^【】]{1,60}】")


_DASH_LABEL = re.compile(r"(?:" + _PARK_SUFFIX + r")\x22?$")


def _clauses(sent: str) -> list[tuple[int, str]]:
    """Split a sentence on commas/colons outside parentheses and quotes."""
    out = []
    depth = 0
    pos = 0
    skip = -1
    for i, ch in enumerate(sent):
        if i < skip:
            continue
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in ",:" and depth == 0:
            out.append((pos, sent[pos:i]))
            pos = i + 1
        elif ch == "—" and depth == 0 and sent[i:i + 2] == "——":
            # "…形成了各具特色的良好态势——双福新区重点发展…": a dash after a whole clause opens the next one
            # (not a dash after a park's name, "东港工业园——重点发展…", which labels what follows)
            head = sent[pos:i].strip()
            if len(head) >= 8 and (not _DASH_LABEL.search(head) or _NOT_PARK_NAME.search(head)):
                # (also "全市特色工业园区——西彭园区…": a description, then the park)
                out.append((pos, sent[pos:i]))
                skip = i + len(sent[i:]) - len(sent[i:].lstrip("—"))
                pos = skip
    out.append((pos, sent[pos:]))
    return out

def _num(s: str) -> int:
    """A counter's number, in digits or Chinese numerals ("4", "四", "两" → 4, 4, 2); 0 if not one."""
    return int(s) if s.isdigit() else int(cn_number(s) or 0)


#: An approval before a park's name ("省政府同意四川巴中经济开发区扩区调位", "同意设立四川古蔺经济开发区"): not part of it.
_APPROVAL = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?政府)?(?:同意|批准)(?:设立|新设|将)?")


def _park_of(name: str) -> str:
    name = _APPROVAL.sub("", name.strip().lstrip("—-· ").strip())
    return "" if _NOT_PARK_NAME.search(name) else name


def _role_from(*texts: str) -> str:
    for t in texts:
        for rx, role in _ROLE_WORDS:
            if t and rx.search(t):
                return role
    return ""


def document_year(value: str | int | None) -> int | None:
    """The year of a document date ("2015-02-27", "2015-02", "2015", 2015); ``None`` if not given or unreadable."""
    if value is None:
        return None
    m = re.match(r"\s*((?:19|20)\d\d)", str(value))
    return int(m.group(1)) if m else None
