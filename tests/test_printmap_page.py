"""Tests of layers/printmap/page.py: print options out of range are refused."""

from __future__ import annotations

import pytest

from layers.printmap.page import PrintOptions


@pytest.mark.parametrize("bad", [dict(paper="letter"), dict(orientation="square"), dict(dpi=5), dict(dpi=5000)])
def test_bad_options_are_refused(bad):
    with pytest.raises(ValueError):
        PrintOptions(**bad)
