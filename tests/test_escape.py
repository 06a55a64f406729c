"""Escaping: layers/escape.py, and every place that turns data text into HTML or markdown (one test per sink).

The data carries a payload for each way text can turn into code: HTML (``<img onerror>``), a JavaScript
template literal (folium puts tooltips in backticks), Jinja (branca renders folium's output again as a
template) and markdown (links and images in ``st.markdown``). Each sink must show it as text.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo import settings
from geo.detail import park_detail
from geo.load import load_dataset
from geo.summary import select_plans
from geo.view import View, apply_view
from layers.escape import html_text, js_json, md_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "map_mini"
XSS = "<img src=x onerror=alert(1)>"
JS = "${alert(2)}`+alert(3)+`\\"
JINJA = '{{ "EVAL" ~ "UATED" }}{% if 1 %}{% endif %}'
MD = "[click](http://evil.invalid/a) ![p](http://evil.invalid/p.png)"
EVIL = f"{XSS} {JS} {JINJA} {MD}"
PARK = "hc-nanxi"


def _evil_dir(dst: Path, valid: bool = True) -> Path:
    """The map fixture with EVIL in park names, notes and quotes, plan titles, cluster names and labels."""
    shutil.copytree(FIXTURE, dst)
    doc = json.loads((dst / "parks.geojson").read_text(encoding="utf-8"))
    for f in doc["features"]:
        p = f["properties"]
        p["name_zh"] = f"园{EVIL}"
        p["name_en"] = EVIL
        p["location_note"] = EVIL
        if p["park_id"] == PARK:
            p["quote"] = EVIL
            plan = p["plan_ids"].split(";")[0]
        if not valid:
            p["kind"] = EVIL
    (dst / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    plans = (dst / "plans.csv").read_text(encoding="utf-8").splitlines()
    text_file = next(line.split(",")[-1] for line in plans if line.startswith(plan + ","))
    with open(dst / text_file, "a", encoding="utf-8") as fh:
        fh.write(f"\n{EVIL}\n")
    import pandas as pd

    for name, cols in (("plans.csv", ("title", "title_en")), ("clusters.csv", ("name_as_written",)),
                       ("industries.csv", ("name_en",))):
        df = pd.read_csv(dst / name, dtype=str, keep_default_na=False)
        for c in cols:
            df[c] = df[c] + " " + EVIL
        df.to_csv(dst / name, index=False)
    return dst


@pytest.fixture(scope="module")
def evil_dir(tmp_path_factory) -> Path:
    return _evil_dir(tmp_path_factory.mktemp("evil") / "data")


@pytest.fixture(scope="module")
def evil(evil_dir):
    return load_dataset(evil_dir)


_JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def assert_inert_html(page: str, folium: bool = True) -> None:
    """No payload ran or can run: no raw tag and, in folium output, no template evaluation and no script
    with the payload inside a JavaScript template literal (quoted JSON strings are inert and left out)."""
    assert "<img src=x" not in page.lower()
    if not folium:
        return
    assert "EVALUATED" not in page
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S | re.I):
        code = _JS_STRING.sub('""', script)
        assert "`+alert(3)+`" not in code
        for m in re.finditer(r"`([^`]*)`", code):
            assert "${alert(2)}" not in m.group(1)


def assert_inert_md(text: str) -> None:
    """Markdown that shows the payload as text: no link, image or tag syntax left unescaped."""
    bare = re.sub(r"\\.", "", text)
    assert "](" not in bare and "![" not in bare and "<img" not in bare


# ------------------------------------------------------------------------------------------ the helpers


@given(st.text(max_size=60))
def test_html_text_shows_the_same_text_and_has_no_active_character(s):
    out = html_text(s)
    assert html.unescape(out) == s
    assert not set(out) & set("<>\"'`${}\\")


@given(st.text(max_size=60))
def test_md_text_escapes_every_markdown_character(s):
    out = md_text(s)
    shown = re.sub(r"\\(.)", r"\1", out).replace("\u2060", "")  # word joiners stop autolinks, invisible
    assert shown == s.replace("\r", " ").replace("\n", " ").replace("\u2060", "")
    assert_inert_md(out) and "\n" not in out


def test_blank_values():
    assert html_text(None) == html_text(float("nan")) == md_text(None) == ""


# ------------------------------------------------------------------------------------------ HTML sinks


def test_the_fixture_is_valid_and_carries_the_payload(evil):
    assert (evil.parks["name_en"] == EVIL).all()
    assert evil.parks.loc[evil.parks["park_id"] == PARK, "quote"].iloc[0] == EVIL


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_web_map_tooltips_popups_labels_legend(evil, lang):
    from layers.web.build import build_map, layer_data
    from layers.web.legend import legend_html

    view = View(vintage="all", lang=lang)
    parks = apply_view(evil, view)
    data = layer_data(evil, parks, view)
    page = build_map(evil, parks, view, data=data).get_root().render()
    assert_inert_html(page)
    assert_inert_html(legend_html(data), folium=False)  # goes to the page as JSON (js_json)
    def strings(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for v in x.values():
                yield from strings(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                yield from strings(v)

    assert any(html.escape(EVIL) in s or EVIL in s for s in strings(data))  # the names are there


def test_detail_panel(evil):
    from layers.detail_html import render_detail

    d = park_detail(evil, PARK, select_plans(evil, "all"))
    for lang in ("zh", "en"):
        out = render_detail(d, lang, park_names={PARK: EVIL})
        assert_inert_html(out, folium=False)  # st.html: no template engine, no script
        assert html.escape(EVIL) in out  # shown, as text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overlap_rings_links_and_choropleth(evil, lang):
    from geo import overlap as ov
    from layers import overlap as lov

    plans = select_plans(evil, "all")
    o = ov.find_overlaps(evil, "sector", plans, lang=lang)
    counts = ov.overlap_counts_by_district(evil, o, "sector", plans)
    page = lov.overlap_map(evil.parks, evil.districts, o, counts, lang).get_root().render()
    assert len(o) and html_text(EVIL) in page  # the names are there, as text
    assert_inert_html(page)
    assert_inert_html(lov.legend_html(lang))


def test_html_export_title_caption_and_map(evil):
    from layers.html_export import export_html

    page = export_html(evil, View(vintage="all", lang="en"), title=EVIL)
    assert_inert_html(page)
    assert f"<title>{html.escape(EVIL)}</title>" in page  # the backslash in the title is kept, as text


# ------------------------------------------------------------------------------------------ pages (AppTest)


def _md_values(at: AppTest) -> list[str]:
    els = [*at.markdown, *at.caption, *at.warning, *at.info, *at.error, *at.success, *at.title, *at.subheader]
    return [str(e.value) for e in els]


def test_map_page_markdown_and_html(evil_dir, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", evil_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["park"] = PARK
    at.query_params["vintage"] = "all"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for v in _md_values(at):
        assert_inert_md(v)
    panel = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert f'data-park="{PARK}"' in panel and html.escape(EVIL) in panel
    assert_inert_html(panel, folium=False)
    # a shared link with markdown and markup in it
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["park"] = MD + XSS
    at.run()
    assert at.warning and "evil" in at.warning[0].value
    for v in _md_values(at):
        assert_inert_md(v)


def test_overlaps_page_evidence(evil_dir, monkeypatch):
    monkeypatch.setattr(settings, "DATA_DIR", evil_dir)
    at = AppTest.from_file(str(ROOT / "app_pages" / "overlaps.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    key = at.dataframe[0].proto.id.split("-", 2)[2]
    for row in range(len(at.dataframe[0].value)):
        at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        values = _md_values(at)
        assert any("evil" in v for v in values)  # the evidence shows plan titles and names …
        for v in values:
            assert_inert_md(v)  # … as text
        assert_inert_html("\n".join(str(h.proto.body) for h in at.get("html")), folium=False)


def test_export_page_lists_problems_as_text(tmp_path, monkeypatch):
    bad = _evil_dir(tmp_path / "data", valid=False)
    monkeypatch.setattr(settings, "DATA_DIR", bad)
    at = AppTest.from_file(str(ROOT / "app_pages" / "export.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error and "kind" in at.error[0].value and "evil" in at.error[0].value
    for v in _md_values(at):
        assert_inert_md(v)


# GFM's autolink-literal patterns as Streamlit's markdown (remark-gfm) applies them to text *after* unescaping
_GFM_LINKS = re.compile(r"(?:https?|ftp|mailto|xmpp):|www\.|[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.IGNORECASE)


def _as_markdown_text(md: str) -> str:
    """The text a markdown parser keeps from ``md`` (backslash escapes resolved)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md)


@pytest.mark.parametrize("value", [
    "https://evil.example/phish", "HTTP://X.COM", "see www.evil.com now", "mail boss@evil.com", "mailto:a@b.cn",
    "《规划》http://gov.cn/x.pdf 附件",
])
def test_urls_in_data_do_not_become_links_in_streamlit_text(value):
    from layers.escape import md_text

    shown = _as_markdown_text(md_text(value))
    assert not _GFM_LINKS.search(shown), shown
    assert shown.replace("\u2060", "") == value  # the reader still sees the same text


def test_js_json_is_script_safe():
    s = js_json({"a": "</script><b>&'\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s and "'" not in s and "\u2028" not in s
    assert json.loads(s) == {"a": "</script><b>&'\u2028"}


def test_js_json_escapes_template_openers_only_in_strings():
    obj = {"a": "{{ x }} {% y %} {# z #} {}", "b": {}, "c": [{"d": "{"}]}
    text = js_json(obj)
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == obj
