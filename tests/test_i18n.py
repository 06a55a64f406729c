"""Tests of layers/i18n.py: every UI string in both languages."""

from __future__ import annotations

import re

from layers import i18n


def test_every_label_has_both_languages():
    for key, (zh, en) in i18n.LABELS.items():
        assert zh.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key
    assert i18n.t("n_parks_shown", "en", n=2, total=5) == "2 of 5 parks shown"
    assert i18n.t("app_title") == "园区产业地图"
    assert i18n.t("no-such-key", "en") == "no-such-key"
