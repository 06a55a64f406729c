"""Tests for geo.messages: every problem is worded in Chinese too, with the same placeholders; Chinese lines read as Chinese."""

from __future__ import annotations

import ast
import copy
import json
import pickle
import re
from pathlib import Path

import pandas as pd
import pytest
import shapely

from geo import schema, validate
from geo.errors import DataValidationError, Problem, WriteConflictError
from geo.load import load_dataset
from geo.messages import ZH, Message, localise, missing, msg, placeholders
from tests.test_validate import _edit_csv, _edit_park

ROOT = Path(__file__).resolve().parent.parent

#: Calls whose argument at this position (or keyword) is a message shown to people.
MESSAGE_ARG = {"Problem": (1, "message"), "_refuse": (1, "message"), "WriteConflictError": (0, None),
               "StoreConflictError": (0, None), "SiteRejectedError": (None, None)}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_message(node: ast.expr) -> bool:
    """A ``msg(...)`` call, a choice between messages, or a value passed on (a name, attribute or item)."""
    if isinstance(node, ast.Call):
        return _name(node.func) == "msg"
    if isinstance(node, ast.IfExp):
        return _is_message(node.body) and _is_message(node.orelse)
    return isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Starred))


def offences(source: str, where: str = "<source>", catalog: dict[str, str] | None = None) -> list[str]:
    """What in ``source`` breaks the rule: a ``msg`` template that is not a literal, or lacks its Chinese (same
    placeholders), and a problem or conflict worded as plain text (a literal, an f-string, a concatenation)."""
    out: list[str] = []
    templates: dict[str, int] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name == "msg":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                templates.setdefault(first.value, node.lineno)
            else:
                out.append(f"{where}:{node.lineno}: msg() needs a literal English template")
        elif name in MESSAGE_ARG:
            pos, kw = MESSAGE_ARG[name]
            arg = next((k.value for k in node.keywords if kw and k.arg == kw), None)
            if arg is None and pos is not None and len(node.args) > pos:
                arg = node.args[pos]
            if arg is not None and not _is_message(arg):
                out.append(f"{where}:{node.lineno}: {name}() worded as plain text, not msg(...)")
    for template, why in missing(templates, catalog).items():
        out.append(f"{where}:{templates[template]}: {template!r}: {why}")
    return out


def _sources() -> list[Path]:
    return sorted(p for d in ("geo", "cli") for p in (ROOT / d).rglob("*.py"))


# --------------------------------------------------------------------------------- the catalog covers the code


def test_every_message_in_geo_and_cli_has_its_chinese_with_the_same_placeholders():
    found = [o for p in _sources() for o in offences(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))]
    assert found == []


def test_every_problem_site_is_counted():
    """The check sees the problems the modules create (a guard against the check looking at nothing)."""
    n = sum(1 for p in _sources() for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and _name(node.func) in ("Problem", "_refuse"))
    assert n >= 140


def test_catalog_has_no_template_the_code_does_not_use():
    used = {node.args[0].value for p in _sources() for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and _name(node.func) == "msg"}
    assert sorted(set(ZH) - used) == []


def test_the_check_fails_on_a_planted_untranslated_or_plain_message():
    planted = '''
def check(file, text, n):
    out = [Problem(file, msg("'{text}' is not a number", text=text), n)]           # fine
    out.append(Problem(file, msg("'{text}' is not a planted word", text=text), n))  # no Chinese
    out.append(Problem(file, f"'{text}' is plain English", n))                     # plain text
    out.append(Problem(file, message="is plain too"))                             # plain text, by keyword
    raise WriteConflictError("someone saved")                                     # plain text
'''
    found = offences(planted)
    assert len(found) == 4
    assert any("is not a planted word" in o and "no Chinese" in o for o in found)
    assert sum("plain text" in o for o in found) == 3


def test_the_check_fails_when_the_chinese_has_other_placeholders():
    source = 'Problem(f, msg("{text} is out of range (0–{max:g})", text=t, max=1))'
    assert offences(source) == []
    wrong = {**ZH, "{text} is out of range (0–{max:g})": "{text} 超出范围（0–{max}）"}  # the format spec lost
    (o,) = offences(source, catalog=wrong)
    assert "placeholders differ" in o
    wrong = {**ZH, "{text} is out of range (0–{max:g})": "{value} 超出范围（0–{max:g}）"}  # a renamed placeholder
    assert "placeholders differ" in offences(source, catalog=wrong)[0]


def test_placeholders_read_names_specs_and_conversions():
    assert placeholders("unknown 'crs' member {crs!r}; {n:.0f} MB {x}") == [("crs", "", "r"), ("n", ".0f", None),
                                                                          ("x", "", None)]


# --------------------------------------------------------------------------------- messages and problems


def test_a_message_is_its_english_text_and_renders_chinese():
    m = msg("'{text}' is not a number", text="abc")
    assert m == "'abc' is not a number" and str(m) == "'abc' is not a number" and isinstance(m, str)
    assert m.text("en") == "'abc' is not a number" and m.text("zh") == "「abc」不是数字"
    assert m.template == "'{text}' is not a number" and dict(m.params) == {"text": "abc"}
    assert f"{m}!" == "'abc' is not a number!" and "is not a number" in m


def test_numbers_lists_and_nested_messages_follow_the_language():
    m = msg("unknown kind '{kind}' (use one of {choices})", kind="园", choices=("高新区", "经开区"))
    assert m == "unknown kind '园' (use one of 高新区, 经开区)"
    assert m.text("zh") == "未知园区类型「园」（可选：高新区、经开区）"
    m = msg("{text} is out of range (0–{max:g})", text="1e9", max=100000.0)
    assert m.text("zh") == "1e9 超出范围（0–100000）"
    hint = msg("; separate several ids with ';'")
    m = msg("unknown plan '{plan}'{hint}", plan="a，b", hint=hint)
    assert m == "unknown plan 'a，b'; separate several ids with ';'"
    assert m.text("zh") == "未知规划「a，b」；多个编号请用英文分号「;」分隔"
    assert msg("unknown plan '{plan}'{hint}", plan="x", hint="").text("zh") == "未知规划「x」"


def test_data_in_parameters_is_inserted_verbatim():
    weird = "{0} {text} %s 「」 <b>"
    m = msg("'{text}' is not a number", text=weird)
    assert m == f"'{weird}' is not a number" and m.text("zh") == f"「{weird}」不是数字"


def test_a_message_survives_pickle_and_copy():
    m = msg("network '{network}' has {n} hubs (rows {rows}); it can have one", network="n1", n=2, rows=[3, 5])
    for other in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m), copy.copy(m)):
        assert other == m and other.text("zh") == m.text("zh") == "网络「n1」有 2 个枢纽（第 3、5 行）；只能有一个"


def test_localise_plain_text_messages_and_exceptions():
    m = msg("the plan needs a title")
    assert localise(m, "zh") == "规划须填写标题" and localise("plain", "zh") == "plain"
    assert localise(WriteConflictError(msg("{file} was changed by someone else since you opened it; reload to see "
                                           "their changes, then apply yours again", file="plans.csv")), "zh") \
        == "打开后，plans.csv 已被他人修改；请重新载入查看修改，再重新提交你的修改"
    assert localise(ValueError("plain"), "zh") == "plain"


def test_problem_str_stays_english_and_describe_gives_the_chinese_line():
    p = Problem("clusters.csv", msg("'{text}' is not a number", text="abc"), 3, "target_value_yi", "hc-nanxi 南溪组团")
    assert str(p) == "clusters.csv row 3 (hc-nanxi 南溪组团) field 'target_value_yi': 'abc' is not a number"
    assert p.message == "'abc' is not a number" and p.describe("en") == str(p)
    assert p.describe("zh") == "clusters.csv 第 3 行（hc-nanxi 南溪组团）字段「target_value_yi」：「abc」不是数字"
    assert p.describe("zh", {"target_value_yi": "目标（亿元）"}).endswith("字段「target_value_yi」（目标（亿元））：「abc」不是数字")
    assert p == Problem("clusters.csv", "'abc' is not a number", 3, "target_value_yi", "hc-nanxi 南溪组团")


def test_describe_names_features_warnings_and_described_files():
    p = Problem("parks.geojson", msg("geometry is missing or empty"), 2, "geometry")
    assert p.describe("zh") == "parks.geojson 第 2 个要素 字段「geometry」：缺少位置（几何为空）"
    w = Problem("clusters.csv", msg("the baseline {baseline:g} is above the target {target:g}: check the units and "
                                    "years", baseline=5.0, target=3.0), 4, "baseline_value_yi", level="warning")
    assert str(w).endswith("warning: the baseline 5 is above the target 3: check the units and years")
    assert w.describe("zh").endswith("：提醒：基数 5 高于目标值 3：请核对单位和年份")
    r = Problem(msg("review table"), msg("unknown park id '{park}'", park="p-x"), 2, "park_id")
    assert str(r) == "review table row 2 field 'park_id': unknown park id 'p-x'"
    assert r.describe("zh") == "核对表 第 2 行 字段「park_id」：未知园区编号「p-x」"
    assert Problem("a.csv", "plain words").describe("zh") == "a.csv：plain words"


# --------------------------------------------------------------------------------- real validator output in Chinese

#: ASCII words a Chinese line may hold besides the data: column names (the files' interface), file names, formats.
ALLOWED = {c.name for cols in (schema.PLANS, schema.PARKS, schema.CLUSTERS, schema.INDUSTRIES, schema.DISTRICTS)
           for c in cols} | {"csv", "geojson", "industries", "plans", "parks", "clusters", "districts", "txt",
                              "GeoJSON", "CSV", "UTF"}


def _values(m: object) -> list[str]:
    """The data a message carries (parameters, nested ones too), as text."""
    if not isinstance(m, Message):
        return [str(m)]
    out: list[str] = []
    for v in m.params.values():
        if isinstance(v, (list, tuple)):
            out += [x for item in v for x in _values(item)]
        elif isinstance(v, Message):
            out += _values(v)
        else:
            out.append(str(v))
    return out


def _english_words(p: Problem) -> list[str]:
    line = p.describe("zh")
    for data in sorted([str(p.file), str(p.record or ""), str(p.field or ""), *_values(p.message)], key=len,
                       reverse=True):
        if data:
            line = line.replace(data, " ")
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]+", line) if w not in ALLOWED]


def _bad_folder(d: Path) -> None:
    _edit_csv(d / "clusters.csv", 0, "target_value_yi", "abc")
    _edit_csv(d / "clusters.csv", 1, "role", "boss")
    _edit_csv(d / "clusters.csv", 2, "target_year", "3024")
    _edit_csv(d / "clusters.csv", 3, "park_ids", "nowhere,elsewhere")
    _edit_csv(d / "plans.csv", 0, "issued", "2023-13-45")
    _edit_park(d, 0, kind="大园子", geometry_quality="approx")
    _edit_park(d, 1, geometry={"type": "Point", "coordinates": [29.9, 106.3]})
    _edit_park(d, 2, plan_ids="nope")


def test_chinese_lines_of_a_broken_folder_hold_no_english_words(mini_dir):
    _bad_folder(mini_dir)
    with pytest.raises(DataValidationError) as e:
        load_dataset(mini_dir)
    problems = e.value.problems
    assert len(problems) >= 8
    for p in problems:
        assert _english_words(p) == [], p.describe("zh")
        assert p.describe("zh") != str(p)
    lines = "\n".join(p.describe("zh") for p in problems)
    assert "「abc」不是数字" in lines and "未知定位「boss」" in lines and "经纬度颠倒" in lines


def test_chinese_lines_of_each_check_hold_no_english_words():
    clusters = pd.DataFrame({"cluster_id": ["c-1", "c-1", "BAD ID"], "plan_id": ["p", "p", "p"],
                             "target_value_yi": ["abc", "-5", "10"], "target_year": ["2030", "19999", "NaN"],
                             "baseline_value_yi": ["20", "", ""], "baseline_year": ["2031", "", ""]})
    found = validate.check_cells(clusters, schema.CLUSTERS, "clusters.csv", "cluster_id", row_offset=2)
    found += validate.check_columns(pd.DataFrame({"a": [1], "b": [2]}), schema.CLUSTERS, "clusters.csv")
    industries = pd.DataFrame({"sector": ["s1", "s1", "s2"], "chain": ["", "", "c"], "color": ["#zzz", "", "#112233"],
                               "domain": ["space", "", ""]})
    found += validate.check_industries(industries)
    districts = pd.DataFrame({"district": ["合川区"], "geometry": [shapely.LineString([(0, 0), (1, 1)])]})
    found += validate.check_districts(districts)
    assert len(found) >= 8
    for p in found:
        assert _english_words(p) == [], p.describe("zh")


def test_site_refusals_and_notes_read_in_chinese():
    from geo import sites

    with pytest.raises(DataValidationError) as e:
        sites.read_boundary("site.geojson", data=json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [600000.0, 3300000.0]}},
        ]}).encode())
    (p,) = e.value.problems
    assert p.describe("zh").startswith("site.geojson 字段「crs」：文件未注明坐标系，坐标（600000.0, 3300000.0）也不是经纬度")
    with pytest.raises(DataValidationError) as e:
        sites.read_boundary("site.geojson", data=b"{}", crs="EPSG:999999")
    assert e.value.problems[0].describe("zh").endswith("EPSG:999999 不是已知的坐标系")
