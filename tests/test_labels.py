"""The one label service (layers/labels.py): the same names on the web map, the print map and the pages."""

from __future__ import annotations

import pytest

from geo.view import View, apply_view
from layers import labels as L
from layers.printmap.content import prepare
from layers.web.build import layer_data
from layers.web.popups import Labels as WebLabels
from layers.web.popups import dominant_text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unclassified_sector_reads_the_same_on_web_and_print(shipped, lang):
    view = View(lang=lang)
    parks = apply_view(shipped, view)
    assert (parks["dominant_sector"].fillna("") == "").any(), "the shipped data has a park with no stated industry"
    web_legend = [name for name, _ in layer_data(shipped, parks, view)["sectors"]]
    print_legend = [name for name, _ in prepare(shipped, view).sector_entries]
    assert web_legend[-1] == print_legend[-1] == L.unclassified(lang)
    assert web_legend == print_legend  # every sector is named alike, in the same order
    row = parks[parks["dominant_sector"].fillna("") == ""].iloc[0]
    assert dominant_text(row, WebLabels(shipped, lang)) == L.unclassified(lang)


def test_unclassified_wording():
    assert L.unclassified("zh") == "未明确产业"
    assert L.unclassified("en") == "Industry not stated"


def test_names_in_both_languages(shipped):
    zh, en = L.Labels.of(shipped, "zh"), L.Labels.of(shipped, "en")
    assert zh.district("合川区") == "合川区" and en.district("合川区") == "Hechuan"
    assert en.district("不存在区") == "不存在区"  # unknown: the Chinese name
    assert en.districts(["合川区", "永川区"]) == ["Hechuan", "Yongchuan"]
    sector = shipped.industries["sector"].iloc[0]
    english = en.industry(sector)
    assert zh.industry(sector) == sector and english != sector
    assert en.industry_with_zh(sector) == f"{english} ({sector})" and zh.industry_with_zh(sector) == sector
    assert zh.industry("") == "未明确产业" and zh.industry_or_blank("") == ""
    park = shipped.parks.iloc[0]
    assert zh.park(park["park_id"]) == park["name_zh"] and zh.park("nope") == "nope"
    plan = shipped.plans.iloc[0]
    assert zh.plan(plan["plan_id"]) == plan["title"]
    assert en.tier("核心引擎") == "core engine" and zh.join(["a", "b"]) == "a、b" and en.join(["a", "b"]) == "a, b"


def test_web_labels_are_the_service(shipped):
    assert isinstance(WebLabels(shipped, "en"), L.Labels)
