"""The grouped summary equals the first, per-park summary: on the shipped data and on generated folders."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.baselines import summarise_parks_per_park
from bench.datagen import make_folder
from geo.load import load_dataset
from geo.summary import select_plans, summarise_parks


def _same(ds, plan_ids):
    new = summarise_parks(ds, plan_ids)
    old = summarise_parks_per_park(ds, plan_ids)
    pd.testing.assert_frame_equal(new.reset_index(drop=True), old.reset_index(drop=True), check_dtype=True)
    return new


@pytest.mark.parametrize("vintage", ["all", "latest"])
def test_shipped_summary_unchanged(shipped, vintage):
    out = _same(shipped, select_plans(shipped, vintage))
    assert len(out) and (out["scale_basis"] != "none").any()


def test_shipped_summary_each_plan(shipped):
    for plan in shipped.plans["plan_id"]:
        _same(shipped, [plan])


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_folder_summary_unchanged(tmp_path, seed):
    ds = load_dataset(make_folder(tmp_path / "d", 300, seed=seed))
    for vintage in ("all", "latest"):
        out = _same(ds, select_plans(ds, vintage))
        assert set(out["scale_basis"]) >= {"own", "none"}
        assert (out["dominant_chain"] != "").any()


def test_mini_summary_unchanged(mini):
    _same(mini, None)


def test_one_park_summary_equals_its_row_of_the_whole(shipped, tmp_path):
    gen = load_dataset(make_folder(tmp_path / "d", 200, seed=3))
    for ds in (shipped, gen):
        plans = select_plans(ds, "all")
        whole = summarise_parks(ds, plans).set_index("park_id")
        for pid in list(whole.index)[:: max(1, len(whole) // 25)]:
            one = summarise_parks(ds, plans, park_ids=[pid]).set_index("park_id")
            # same values; a one-row column of years is int64 where the whole table's (with <NA>) is object
            pd.testing.assert_frame_equal(one, whole.loc[[pid]], check_dtype=False)
