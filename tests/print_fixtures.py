"""Helpers of the print map tests (``tests/test_printmap_*.py``)."""

from __future__ import annotations

from layers.printmap.page import PrintOptions

#: Resolution of the test exports: small and quick, large enough to measure.
LOW_DPI = 60


def low_dpi(**kw) -> PrintOptions:
    """Print options at :data:`LOW_DPI` (``kw`` as for :class:`PrintOptions`)."""
    return PrintOptions(**{"dpi": LOW_DPI, **kw})
