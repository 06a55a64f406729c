"""The wording of problems and notes in Chinese and English: English templates, their Chinese, and messages built from them.

A message is written once, gettext-style, as an English template with named placeholders::

    msg("'{text}' is not a number", text=text)

and :data:`ZH` gives the Chinese template of every such English template (``「{text}」不是数字``). A
:class:`Message` *is* its English text (a ``str``), so code that compares, joins or prints messages keeps
working; :meth:`Message.text` renders it in either language. Parameters are data (ids, names, quotes, file
names) and are inserted verbatim; numbers take the format spec the template gives them (``{area:.3g}``);
lists are joined with ``, `` in English and ``、`` in Chinese; a parameter that is itself a :class:`Message`
is rendered in the same language.

Every template a module passes to :func:`msg` must have its Chinese here, with the same placeholders
(``tests/test_messages.py`` checks each call in ``geo/`` and ``cli/``).
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

#: Languages a message renders in (the same as :data:`layers.i18n.LANGS`; geo does not import layers).
LANGS = ("zh", "en")

#: How a list parameter is joined, per language.
LIST_JOIN = {"zh": "、", "en": ", "}


class Message(str):
    """A message: its English text, with the template and parameters to render it in Chinese too.

    Parameters
    ----------
    template : str
        English template with ``str.format`` placeholders (``{name}``, ``{value:g}``); a key of :data:`ZH`.
    params : mapping, optional
        Placeholder → value.

    Notes
    -----
    The ``str`` value is the English rendering, so ``Message(...) == "english text"`` holds and
    ``str(message)`` is the English text. Build messages with :func:`msg`.
    """

    _template: str
    _params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        values = dict(params or {})
        self = super().__new__(cls, _render(template, values, "en"))
        self._template = template
        self._params = MappingProxyType(values)
        return self

    @property
    def template(self) -> str:
        """The English template."""
        return self._template

    @property
    def params(self) -> Mapping[str, Any]:
        """The parameters (read-only)."""
        return self._params

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``zh`` or ``en``); English when the template has no Chinese.

        Parameters
        ----------
        lang : {"zh", "en"}

        Returns
        -------
        str
        """
        if lang == "zh" and self._template in ZH:
            return _render(ZH[self._template], self._params, "zh")
        return str.__str__(self)

    def __reduce__(self) -> tuple:
        return (Message, (self._template, dict(self._params)))

    def __repr__(self) -> str:
        return f"msg({self._template!r}, **{dict(self._params)!r})"


class _Formatter(string.Formatter):
    """``str.format`` that renders nested messages and lists in the formatter's language."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            value = value.text(self.lang)
        elif isinstance(value, (list, tuple)):
            value = LIST_JOIN[self.lang].join(v.text(self.lang) if isinstance(v, Message) else str(v) for v in value)
        return format(value, format_spec)


def _render(template: str, params: Mapping[str, Any], lang: str) -> str:
    return _Formatter(lang).vformat(template, (), params)


def msg(template: str, /, **params: Any) -> Message:
    """A message from an English template (a key of :data:`ZH`) and its named parameters.

    Parameters
    ----------
    template : str
        English template, e.g. ``"'{text}' is not a number"``.
    **params
        Values of the placeholders.

    Returns
    -------
    Message
        Equal to the English text; :meth:`Message.text` gives either language.

    Examples
    --------
    >>> m = msg("'{text}' is not a number", text="abc")
    >>> str(m), m.text("zh")
    ("'abc' is not a number", '「abc」不是数字')
    """
    return Message(template, params)


def localise(value: object, lang: str) -> str:
    """``value`` as text in ``lang``: a :class:`Message` rendered, an exception raised with one its message, else ``str``.

    Parameters
    ----------
    value : object
        A message, plain text, or an exception (whose first argument may be a message).
    lang : {"zh", "en"}

    Returns
    -------
    str
    """
    if isinstance(value, BaseException) and len(value.args) == 1 and isinstance(value.args[0], Message):
        value = value.args[0]
    if isinstance(value, Message):
        return value.text(lang)
    return str(value)


def placeholders(template: str) -> list[tuple[str, str, str | None]]:
    """The placeholders of a template: (name, format spec, conversion), in order.

    Parameters
    ----------
    template : str

    Returns
    -------
    list of tuple
    """
    return [(name, spec or "", conv) for _lit, name, spec, conv in string.Formatter().parse(template) if name is not None]


def missing(templates: Iterable[str], catalog: Mapping[str, str] | None = None) -> dict[str, str]:
    """Templates lacking a Chinese template, or whose Chinese has other placeholders: template → what is wrong.

    Parameters
    ----------
    templates : iterable of str
        English templates.
    catalog : mapping, optional
        English → Chinese (default :data:`ZH`).

    Returns
    -------
    dict
        Empty when every template is translated with the same placeholders.
    """
    cat = ZH if catalog is None else catalog
    out: dict[str, str] = {}
    for t in templates:
        if t not in cat:
            out[t] = "no Chinese template"
        elif sorted(placeholders(t)) != sorted(placeholders(cat[t])):
            out[t] = f"placeholders differ: {placeholders(t)} vs {placeholders(cat[t])}"
    return out


#: English template → Chinese template. Words as in layers/i18n.py: 区县、园区、规划、产业大类、产业链、
#: 定位、目标值、基数、亿元、引文 (a quote from the plan)、原文、字段、文件、第 N 行.
ZH: dict[str, str] = {
    # --- general (geo/validate.py, geo/load.py, geo/io.py, cli/)
    "none": "无",
    "is empty": "为空",
    "file not found": "找不到文件",
    "required column is missing": "缺少必填列",
    "none of the expected columns ({expected} …) is there; the header row has: {found}. "
    "Is it the right file, saved as CSV (comma-separated) with the header in the first row?":
        "应有的列（{expected} …）一个也没有；表头行是：{found}。请确认文件没有选错，并存为 CSV（逗号分隔）格式、第一行为表头。",
    "contains the control character U+{code:04X} at position {pos}; remove it":
        "第 {pos} 个字符是控制字符 U+{code:04X}，请删除",
    "'{text}' is not a number": "「{text}」不是数字",
    "{text} is out of range (0–{max:g})": "{text} 超出范围（0–{max:g}）",
    "'{text}' is not a year in {first}–{last}": "「{text}」不是 {first}–{last} 年之间的年份",
    "'{text}' is not a date YYYY-MM-DD": "「{text}」不是日期（格式为 年-月-日，如 2023-01-05）",
    "'{text}' must be lower-case ASCII letters, digits and '-'": "「{text}」只能由小写英文字母、数字和连字符「-」组成",
    "'{text}' is not a colour like #1f77b4": "「{text}」不是颜色代码（如 #1f77b4）",
    "duplicate id '{id}' (first used in row {first})": "编号「{id}」重复（第 {first} 行已使用）",
    "unknown district '{district}'": "未知区县「{district}」",
    "'{value}' must be one of {choices}": "「{value}」须为以下之一：{choices}",
    "'{text}' is not a value": "「{text}」不是数值",
    # plans.csv
    "text file '{path}' must be inside the data folder, like plans/<plan_id>.txt":
        "文本文件「{path}」须放在数据文件夹内，如 plans/<plan_id>.txt",
    "text file '{path}' not found or unreadable": "找不到文本文件「{path}」，或无法读取",
    "the declared system '{system}' needs the plan's words stating it": "声明的产业体系「{system}」须附规划中表述它的原文",
    "a system quote without the system label it states": "有体系原文，但没有填写它表述的体系名称",
    "the system quote does not contain the label '{system}'": "体系原文中没有体系名称「{system}」",
    "system quote is not found verbatim in the plan text": "规划文本中找不到与体系原文完全一致的文字",
    "horizon year is before the issue date": "规划期末年份早于印发日期",
    # parks.geojson
    "name_zh has no Chinese characters but name_en has: the two names look swapped":
        "中文名称（name_zh）没有汉字，英文名称（name_en）却有：两个名称似乎填反了",
    "unknown kind '{kind}' (use one of {choices})": "未知园区类型「{kind}」（可选：{choices}）",
    "a '{quality}' site needs the editor of the correction": "位置精度为「{quality}」时须填写位置校正人",
    "a '{quality}' site needs the date of the correction": "位置精度为「{quality}」时须填写位置校正日期",
    "unknown plan '{plan}'{hint}": "未知规划「{plan}」{hint}",
    "unknown park '{park}'{hint}": "未知园区「{park}」{hint}",
    "; separate several ids with ';'": "；多个编号请用英文分号「;」分隔",
    "quote is not found verbatim in the park's plan(s)": "园区所属规划中找不到与引文完全一致的文字",
    "an area needs the plan's words stating it": "面积须附规划中表述它的原文",
    "area quote is not found verbatim in the park's plan(s)": "园区所属规划中找不到与面积原文完全一致的文字",
    "geometry is missing or empty": "缺少位置（几何为空）",
    "geometry is invalid ({reason}); repair it with `python -m geo repair` (make_valid) and review the result":
        "几何图形无效（{reason}）；请用 `python -m geo repair`（make_valid）修复，并核对修复结果",
    "geometry must be a Point or (Multi)Polygon, not {type}": "位置须为点或面（多面），而不是 {type}",
    "coordinates ({x:.4f}, {y:.4f}) look like latitude/longitude swapped; GeoJSON is [lon, lat]":
        "坐标（{x:.4f}, {y:.4f}）似乎经纬度颠倒；GeoJSON 的坐标顺序是 [经度, 纬度]",
    "coordinates ({x:.4f}, {y:.4f}) are outside Chongqing": "坐标（{x:.4f}, {y:.4f}）在重庆市范围之外",
    "location is outside its own district {district}": "位置不在所属区县{district}内",
    "a park cannot be its own parent": "园区的上级园区不能是它自己",
    "unknown parent park '{parent}'": "未知上级园区「{parent}」",
    "parent park '{parent}' is in {parent_district}, not {district}": "上级园区「{parent}」在{parent_district}，不在{district}",
    "a park in a network needs its network_role (hub or node)": "属于园区网络的园区须填写 network_role（hub 或 node）",
    "a network_role without the network it belongs to": "填写了 network_role，但没有填写所属网络（network）",
    "parent_id forms a loop through '{park}'": "parent_id 经「{park}」形成循环",
    "network '{network}' has only this park: a network links two or more parks":
        "网络「{network}」只有这一个园区：一个网络须连接两个或更多园区",
    "network '{network}' has {n} hubs (rows {rows}); it can have one": "网络「{network}」有 {n} 个枢纽（第 {rows} 行）；只能有一个",
    # clusters.csv
    "park '{park}' is in {park_district}, not {district}": "园区「{park}」在{park_district}，不在{district}",
    "unknown role '{role}' (use one of {choices})": "未知定位「{role}」（可选：{choices}）",
    "sector '{sector}' is not in industries.csv": "产业大类「{sector}」不在 industries.csv 中",
    "chain '{chain}' is not listed under sector '{sector}' in industries.csv":
        "industries.csv 中产业大类「{sector}」下没有产业链「{chain}」",
    "an industry row needs a sector": "产业条目须填写产业大类",
    "{value_col} ({value:g}) looks like a year and {year_col} ({year:g}) like a value: the two columns look swapped":
        "{value_col}（{value:g}）像年份，{year_col}（{year:g}）像数值：两列似乎填反了",
    "a target year without a target value": "有目标年份，但没有目标值",
    "a target year without a target value ({why})": "有目标年份，但没有目标值（{why}）",
    "the baseline {baseline:g} is above the target {target:g}: check the units and years":
        "基数 {baseline:g} 高于目标值 {target:g}：请核对单位和年份",
    "baseline value and year go together": "基数和基数年份须同时填写",
    "baseline year must be before the target year": "基数年份须早于目标年份",
    "quote is not found verbatim in the plan text": "规划文本中找不到与引文完全一致的文字",
    "the quote does not state the target {target:g}": "引文中没有目标值 {target:g}",
    "{column} is not found verbatim in the plan text": "规划文本中找不到与 {column} 完全一致的文字",
    "role '{role}' has no cue ({cues}) in the quote: add a role_basis quoting the plan's words that license it, "
    "or choose the role the words support":
        "引文中没有支持定位「{role}」的用语（{cues}）：请在 role_basis 中引用规划里支持该定位的原文，或改选原文支持的定位",
    "role_basis carries no cue ({cues}) for role '{role}'": "role_basis 中没有支持定位「{role}」的用语（{cues}）",
    "a focus row is a park's 重点发展 item: it needs the park in park_ids":
        "定位为 focus 的条目是园区的重点发展产业：须在 park_ids 中填写该园区",
    "the target year {year:g} is not stated in the quote or year_basis: quote the words stating it (paragraph, "
    "section lead or table header) in year_basis, or leave the year empty (未注明年份)":
        "引文和 year_basis 中都没有写明目标年份 {year:g}：请在 year_basis 中引用写明该年份的原文（段落、章节导语或表头），"
        "或不填年份（未注明年份）",
    "'{name}' is coded to sector '{sector}' here but to '{first_sector}' in row {first_row} ({first_id}): "
    "one phrase, one sector":
        "「{name}」在此归入产业大类「{sector}」，在第 {first_row} 行（{first_id}）却归入「{first_sector}」：同一表述只能归入一个产业大类",
    # industries.csv, districts.geojson
    "duplicate sector/chain": "产业大类/产业链重复",
    "chain's sector '{sector}' has no sector row": "产业链所属的产业大类「{sector}」没有大类行",
    "a sector needs a colour": "产业大类须填写颜色",
    "a sector needs its domain ({choices})": "产业大类须填写所属领域（{choices}）",
    "geometry must be a valid (Multi)Polygon": "边界须为有效的面（多面）",
    # --- reading files (geo/io.py, geo/load.py, geo/repair.py)
    "text is neither UTF-8 nor GBK/GB18030; save it as UTF-8": "文本编码既不是 UTF-8，也不是 GBK/GB18030；请另存为 UTF-8",
    "is {mb:.0f} MB, more than the {limit:g} MB this tool reads; split it or set PARKMAP_MAX_FILE_MB to a larger limit":
        "文件大小 {mb:.0f} MB，超过本工具可读取的 {limit:g} MB；请拆分文件，或把 PARKMAP_MAX_FILE_MB 设为更大的值",
    "cannot be read as a table: {error}": "无法作为表格读取：{error}",
    "unknown 'crs' member {crs!r}; use WGS84 (EPSG:4326)": "未知的 crs 声明 {crs!r}；请使用 WGS84（EPSG:4326）",
    "is not valid JSON (line {line}, column {column}: {error})": "不是有效的 JSON（第 {line} 行第 {column} 列：{error}）",
    "is not valid JSON ({error})": "不是有效的 JSON（{error}）",
    "must be a GeoJSON FeatureCollection": "须为 GeoJSON 要素集（FeatureCollection）",
    "has no 'features' list": "没有要素列表（features）",
    "is not a GeoJSON Feature": "不是 GeoJSON 要素（Feature）",
    "'properties' must be an object": "属性（properties）须为键值对象",
    "geometry cannot be read: {error}": "无法读取几何图形：{error}",
    "coordinates must be numbers (found NaN or Infinity)": "坐标须为数字（发现 NaN 或 Infinity）",
    "unknown datum '{datum}' (use {choices})": "未知坐标基准「{datum}」（可选：{choices}）",
    "file not found in {folder}": "在 {folder} 中找不到该文件",
    "file not found in {folder}; found {others}: save it as CSV UTF-8 named {name}":
        "在 {folder} 中找不到该文件；找到了 {others}：请另存为 CSV UTF-8 格式，文件名为 {name}",
    "cannot be read: {error}": "无法读取：{error}",
    "must be text or a number, not a list or object": "须为文字或数字，不能是列表或对象",
    "has no features": "没有要素",
    "has no data rows": "没有数据行",
    "path is outside the data folder": "路径不在数据文件夹内",
    # --- adding a plan (geo/add_plan.py, geo/ingest/, cli/add_plan.py, cli/ingest.py)
    "plan text": "规划文本",
    "review table": "核对表",
    "the plan needs a district": "规划须选择区县",
    "the plan needs a title": "规划须填写标题",
    "the plan text is empty": "规划文本为空",
    "plan text must be text": "规划文本须为文字",
    "plan id '{plan_id}' is already used": "规划编号「{plan_id}」已被使用",
    "a plan text with this name already exists": "同名的规划文本已存在",
    "unknown park id '{park}'": "未知园区编号「{park}」",
    "new park '{park}' needs a location (pick it on the map or choose a town)": "新园区「{park}」须有位置（在地图上点选，或选择所在镇街）",
    "cannot read '{kind}' files{hint}; give .txt, .docx, .pdf or a saved .html page":
        "无法读取「{kind}」文件{hint}；请提供 .txt、.docx、.pdf 文件或另存的 .html 网页",
    " (save it as .docx)": "（请另存为 .docx）",
    "looks like a binary file (Word/PDF?) with a .txt name": "看起来是改成 .txt 扩展名的二进制文件（Word 或 PDF？）",
    "is a folder, not a document": "是文件夹，不是文档",
    "reading Word files needs python-docx (pip install python-docx)": "读取 Word 文件需要安装 python-docx（pip install python-docx）",
    "not a readable Word (.docx) file ({error})": "不是可读取的 Word（.docx）文件（{error}）",
    "reading PDF files needs pypdfium2 (pip install pypdfium2)": "读取 PDF 文件需要安装 pypdfium2（pip install pypdfium2）",
    "not a readable PDF ({error})": "不是可读取的 PDF 文件（{error}）",
    "this PDF has no text layer ({chars} characters on {pages} page(s)): it is a scan. "
    "Run OCR on it or paste the text instead":
        "该 PDF 没有文字层（{pages} 页共 {chars} 个字符），是扫描件。请先做文字识别（OCR），或直接粘贴正文",
    "reading web pages needs beautifulsoup4": "读取网页需要安装 beautifulsoup4",
    "'{spec}' is not 园区名=lon,lat (e.g. 白沙镇=106.27,29.98)": "「{spec}」不是「园区名=经度,纬度」格式（如 白沙镇=106.27,29.98）",
    "'{spec}': longitude/latitude out of range": "「{spec}」：经度或纬度超出范围",
    "include must be true or false, not '{value}'": "include 须为 true 或 false，而不是「{value}」",
    "missing column(s) {columns}: give the output of `geo ingest --format csv`": "缺少列 {columns}：请提供 `geo ingest --format csv` 的输出",
    "give the plan's district, e.g. --district 合川区": "请给出规划所属区县，如 --district 合川区",
    "'{name}' could be {choices}: give the full name": "「{name}」可能是{choices}：请写全称",
    "has no .txt, .docx, .pdf or .html documents": "没有 .txt、.docx、.pdf 或 .html 文档",
    # --- park sites (geo/sites.py)
    "EPSG:{code} is not a known coordinate system": "EPSG:{code} 不是已知的坐标系",
    "unknown coordinate system '{crs}': use an EPSG code (e.g. EPSG:4545) or one of {choices}":
        "未知坐标系「{crs}」：请填写 EPSG 代码（如 EPSG:4545），或以下之一：{choices}",
    "the zip holds no .shp file; zip the .shp with its .shx, .dbf and .prj":
        "压缩包中没有 .shp 文件；请把 .shp 与配套的 .shx、.dbf、.prj 一起压缩",
    "cannot be read as {format}: {error}": "无法按 {format} 格式读取：{error}",
    "has no features ({format})": "没有要素（{format}）",
    "unsupported file type '{suffix}'; use {choices}": "不支持的文件类型「{suffix}」；请使用 {choices}",
    "the file declares {declared} but {chosen} was chosen; leave the choice empty to use the file's own":
        "文件注明的坐标系是 {declared}，但选择了 {chosen}；不选则按文件注明的坐标系读取",
    "the file declares {declared}; used that ({chosen} differs by centimetres)":
        "文件注明的坐标系是 {declared}，已按它读取（与 {chosen} 只差几厘米）",
    "{chosen} applies to longitude/latitude, but the file is in {declared}": "{chosen} 只适用于经纬度，但文件的坐标系是 {declared}",
    "the file does not say its coordinate system and its coordinates ({x:.1f}, {y:.1f}) are not "
    "longitude/latitude: choose the projection, e.g. {suggestion}":
        "文件未注明坐标系，坐标（{x:.1f}, {y:.1f}）也不是经纬度：请选择投影，如 {suggestion}",
    "the file does not say its coordinate system: read as WGS84 longitude/latitude": "文件未注明坐标系：已按 WGS84 经纬度读取",
    "{chosen} needs longitude/latitude, but the coordinates are not": "{chosen} 须为经纬度坐标，但文件中的坐标不是",
    "has no geometry": "没有几何图形",
    "coordinates did not convert from {declared} (is that the right coordinate system?)":
        "无法从 {declared} 转换坐标（坐标系选对了吗？）",
    "{n} polygons merged into one site": "{n} 个面已合并为一个园区范围",
    "holds {n} points and no polygon: a site is one point or a boundary": "有 {n} 个点、没有面：园区位置须为一个点或一个范围",
    "holds no polygon or point (lines must be closed to form a boundary)": "没有面或点（线须闭合才能构成范围）",
    "the drawing has no geometry": "绘制的图形为空",
    "the drawing cannot be read: {error}": "无法读取绘制的图形：{error}",
    "the polygon is invalid ({reason}) and repairing it would change its shape ({before} part(s) → {after}, "
    "area {change:.0%} different): fix it in the GIS and export it again":
        "面无效（{reason}），修复会改变其形状（{before} 个部分 → {after} 个，面积相差 {change:.0%}）：请在 GIS 软件中修正后重新导出",
    "invalid polygon repaired ({reason}); area changed by {change:.2%}": "无效的面已修复（{reason}）；面积变化 {change:.2%}",
    "the site is empty": "位置为空",
    "a site is a Point or a (Multi)Polygon, not a {type}": "园区位置须为点或面（多面），而不是 {type}",
    "coordinates must be numbers": "坐标须为数字",
    "the boundary's area is {area:.3g} km² but the plan states {stated:g} km² (accepted: ×{lo:g}–×{hi:g}, "
    "{low:.3g}–{high:.3g} km²): wrong park, wrong units or wrong coordinate system?":
        "范围面积为 {area:.3g} 平方公里，规划写明的是 {stated:g} 平方公里（可接受 ×{lo:g}–×{hi:g}，即 {low:.3g}–{high:.3g} "
        "平方公里）：是否选错了园区、单位或坐标系？",
    "the park's district '{district}' is not in districts.geojson": "园区所属区县「{district}」不在 districts.geojson 中",
    "{share:.1%} of the boundary lies outside {district}'s indicative outline": "范围有 {share:.1%} 在{district}示意边界之外",
    "{share:.0%} of it lies outside (more than {limit:.0%})": "有 {share:.0%} 在区县之外（超过 {limit:.0%}）",
    "it falls in {district}": "它落在{district}",
    "it falls outside every district of the map": "它不在地图上任何区县内",
    "; longitude and latitude look swapped": "；经纬度似乎颠倒了",
    "the site is not inside the park's district {district}: {where} (at {x:.5f}, {y:.5f}){hint}; "
    "check the coordinate system chosen for the file":
        "位置不在园区所属区县{district}内：{where}（位于 {x:.5f}, {y:.5f}）{hint}；请检查为文件选择的坐标系",
    "quality must be one of {choices}, not '{quality}'": "位置精度须为 {choices} 之一，而不是「{quality}」",
    "name the editor of the correction": "请填写校正人",
    "say where the site comes from": "请说明位置来源",
    "no park with id '{park_id}' in {file}": "{file} 中没有编号为「{park_id}」的园区",
    "no park with id '{park_id}'": "没有编号为「{park_id}」的园区",
    "point {x:.5f}, {y:.5f}": "点 {x:.5f}, {y:.5f}",
    "{type} of {area:.3g} km² around {x:.5f}, {y:.5f}": "{type}，{area:.3g} 平方公里，中心约 {x:.5f}, {y:.5f}",
    "{park_id}: {old} → {new}, {where}": "{park_id}：{old} → {new}，{where}",
    # --- saving (geo/transaction.py, geo/store.py, geo/add_plan.py, geo/sites.py, geo/io.py)
    "{files} changed since you opened the page (someone else saved); reload the page to see their changes, "
    "then add the plan again — nothing was written":
        "打开本页后，{files} 已被他人修改（他人已保存）；请重新载入页面查看修改，再重新添加规划——未写入任何内容",
    "{files} changed since you opened the page (someone else saved); reload to see their changes, then correct "
    "the site again — nothing was written":
        "打开本页后，{files} 已被他人修改（他人已保存）；请重新载入查看修改，再重新校正位置——未写入任何内容",
    "{file} was changed by someone else since you opened it; reload to see their changes, then apply yours again":
        "打开后，{file} 已被他人修改；请重新载入查看修改，再重新提交你的修改",
    "{files} changed since you read it (someone else saved); reload to see their changes, then apply yours "
    "again — nothing was written":
        "读取后，{files} 已被他人修改（他人已保存）；请重新载入查看修改，再重新提交你的修改——未写入任何内容",
    "{files} changed since you read them (someone else saved); reload to see their changes, then apply yours "
    "again — nothing was written":
        "读取后，{files} 已被他人修改（他人已保存）；请重新载入查看修改，再重新提交你的修改——未写入任何内容",
    "{root} is being written by someone else for more than {timeout:g} s; try again later":
        "{root} 正由他人写入，已超过 {timeout:g} 秒；请稍后再试",
    "{files} changed since you opened the page (someone else saved); reload to see their changes, then apply "
    "yours again — nothing was written":
        "打开本页后，{files} 已被他人修改（他人已保存）；请重新载入查看修改，再重新提交你的修改——未写入任何内容",
    "the database moved from version {old} to {new} since you read it; reload to see the other changes, then "
    "apply yours again":
        "读取后，数据库已从版本 {old} 更新到 {new}；请重新载入查看他人的修改，再重新提交你的修改",
    "someone else saved version {new} after you read version {old}; nothing was written — reload to see their "
    "changes, then save yours again":
        "你读取版本 {old} 后，他人保存了版本 {new}；未写入任何内容——请重新载入查看他人的修改，再重新保存",
    "the version you read does not belong to this data folder; reload and apply your change again":
        "你读取的版本不属于此数据文件夹；请重新载入，再重新提交修改",
    "finished an interrupted save ({files})": "已完成一次中断的保存（{files}）",
    "removed {n} file(s) of an unfinished save": "已删除未完成保存留下的 {n} 个文件",
    "{first}; {second}": "{first}；{second}",
}
