"""Tests of layers/printmap/text.py: park labels shortened on the map, kept whole in the tables."""

from __future__ import annotations

import pytest
from print_fixtures import low_dpi

from geo.view import View
from layers.printmap.render import render
from layers.printmap.text import LABEL_MAX_CHARS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_very_long_park_name_is_ellipsised_on_print(mini, lang):
    import dataclasses

    parks = mini.parks.copy()
    parks.loc[parks.index[0], "name_zh"] = "甲" * 10_000 + "园"
    parks.loc[parks.index[0], "name_en"] = "Very long " * 1_000
    ds = dataclasses.replace(mini, parks=parks)
    r = render(ds, View(lang=lang), low_dpi())
    drawn = [t.get_text() for t in r.figure.findobj(lambda a: hasattr(a, "get_text"))]
    long_bits = [s for s in drawn if "甲甲甲" in s or "Very long" in s]
    assert long_bits and all(len(s.replace("\n", "")) <= LABEL_MAX_CHARS[lang] for s in long_bits), long_bits
    assert any(s.endswith("…") for s in long_bits)
    from geo.tables import parks_table

    assert "甲" * 10_000 + "园" in set(parks_table(ds, View())["name_zh"])  # the tables keep the full name
