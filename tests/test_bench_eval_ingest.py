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
    assert ev._dev_norm("沧州经济技术开发区") == ev._dev_norm("沧州开发区") == ev._dev_norm("沧州经济开发区")
    assert ev._dev_norm("双福新区") != ev._dev_norm("双福工业园")


def test_splits_do_not_share_excerpts():
    parts = [set(ev.DEV_SPLIT[k]) for k in ("tune", "holdout", "sealed", "fresh")]
    assert all(not (a & b) for i, a in enumerate(parts) for b in parts[i + 1:])
    with pytest.raises(SystemExit, match="542"):
        ev.parse_stems("542")


def test_missed_statements_are_counted_where_a_reviewer_sees_them():
    text = "北园重点发展汽车零部件。南园集电子信息、生物医药为一体。到2025年,两园新材料板块将贡献产值80亿元左右。"
    key = {"district": "合川区", "pairs": [
        {"park": "北园", "industry": "汽车零部件"}, {"park": "南园", "industry": "电子信息"},
        {"park": "南园", "industry": "生物医药"}],
        "targets": [{"value": 80, "year": 2025}]}
    c = ev.score_excerpt(text, key)
    assert c["pairs_tp"] == 1 and c["pairs_missed"] == 2
    assert c["pairs_missed_in_checks"] == 2  # both in the sentence shown to check
    assert c["pairs_missed_park_first"] == 2  # the sentence names its park: the picker offers it first
    # one click on that sentence ("add as rows", its park preselected) adds both
    assert (c["oneclick_tp"], c["oneclick_pred"]) == (3, 3)
    assert c["targets_missed"] == c["targets_missed_in_checks"]
    assert 0 < c["check_chars"] < c["text_chars"] == len(text)
    assert ev._figures("突破1.2万亿元,千亿级,300亿") == {12000.0, 1000.0, 300.0}


def test_second_keys_are_scored_against_the_set_like_drafts(tmp_path):
    import json

    keys, second = tmp_path / "keys", tmp_path / "second"
    keys.mkdir(), second.mkdir()
    a = {"pairs": [{"park": "北园", "industry": "汽车零部件"}, {"park": "南园", "industry": "电子信息"},
                   {"park": "南园", "industry": "食品", "optional": True, "why": "from context"}],
         "targets": [{"value": 80, "year": 2025}, {"value": 30, "year": None}]}
    b = {"pairs": [{"park": "北园", "industry": "汽车零部件产业"}, {"park": "南园", "industry": "食品"},
                   {"park": "南园", "industry": "物流", "optional": True, "why": "not drafted"}],
         "targets": [{"value": 80, "year": 2025}, {"value": 30, "year": 2025}]}
    (keys / "7.json").write_text(json.dumps(a), encoding="utf-8")
    (second / "7.json").write_text(json.dumps(b), encoding="utf-8")
    res = ev.key_agreement(second, keys)
    # 北园 matches; 南园→食品 meets an optional pair (neither right nor wrong); 南园→电子信息 is missed
    assert (res["pair_precision"], res["pair_recall"]) == (1.0, 0.5)
    # a year where the set's key has none is a different target
    assert (res["target_precision"], res["target_recall"]) == (0.5, 0.5)
    (second / "7.json").write_text(json.dumps(a), encoding="utf-8")
    same = ev.key_agreement(second, keys)
    assert same["pair_recall"] == same["pair_precision"] == same["target_recall"] == 1.0


def test_second_keys_are_of_tune_excerpts_only():
    stems = {p.stem for p in (ev.DEV_DIR / "agreement").glob("*.json")}
    assert stems and stems <= set(ev.DEV_SPLIT["tune"])
