"""Scoring rules of the ingestion development set (bench/eval_ingest.py)."""

import pytest

from bench import eval_ingest as ev


def test_stems_expand_ranges_and_refuse_closed_halves():
    assert ev.parse_stems("82-84,90") == ("82", "83", "84", "90")
    with pytest.raises(SystemExit, match="04"):
        ev.parse_stems("03-05")
    with pytest.raises(SystemExit, match="95"):
        ev.parse_stems("95")


def test_a_zone_and_its_short_form_are_one_park():
    assert ev._dev_norm("荊州高新技術產業園區") == ev._dev_norm("荆州高新区")
    assert ev._dev_norm("万州经济技术开发区") == ev._dev_norm("万州经开区")
    assert ev._dev_norm("双福新区") != ev._dev_norm("双福工业园")


def test_splits_do_not_share_excerpts():
    tune, hold, sealed = (set(ev.DEV_SPLIT[k]) for k in ("tune", "holdout", "sealed"))
    assert not (tune & hold) and not (tune & sealed) and not (hold & sealed)
