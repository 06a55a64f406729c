"""Tests for bench/datagen.py: generated data folders are valid at every size the harness uses."""

from __future__ import annotations

import numpy as np

from bench import datagen
from geo import settings


def test_park_targets_stay_in_the_validators_range():
    # 100k parks × 3 rows: the Pareto tail drew 245,408 亿 at 10k parks before the cap
    values = datagen.park_targets(np.random.default_rng(13), (100_000, 3))
    assert values.min() >= 5
    assert values.max() <= datagen.PARK_TARGET_MAX_YI <= settings.MAX_TARGET_YI
    assert np.median(values) < 100
