"""The store interface on files (the default): apply a change set with optimistic concurrency, history."""

from __future__ import annotations

import pytest

from geo.errors import DataValidationError
from geo.store import ChangeSet, FileStore, StoreConflictError
from tests.test_db_store import NEW_TEXT, _change


def test_file_store_applies_logs_and_refuses_a_stale_version(mini_dir):
    store = FileStore(mini_dir)
    assert store.working_dir() == mini_dir
    cs, v = _change(store)
    cs2, v2 = _change(store, park="丁园", lat=29.6, lon=106.4, issued="2024-02-01")
    assert v == v2
    new = store.apply(cs, v, author="planner-1")
    assert new != v and new == store.version()
    ds = store.load()
    assert ds.texts[cs.plan_id] == NEW_TEXT and "丙园" in set(ds.parks["name_zh"])
    with pytest.raises(StoreConflictError, match="changed since you opened"):
        store.apply(cs2, v2, author="planner-2")
    assert "丁园" not in set(store.load().parks["name_zh"])
    h = store.history()
    assert [(e.author, e.plan_id) for e in h] == [("planner-1", cs.plan_id)]
    assert {c["file"] for c in h[0].changes} == set(cs.files)


def test_file_store_refuses_invalid_change_and_foreign_versions(mini_dir):
    store = FileStore(mini_dir)
    cs, v = _change(store)
    bad = dict(cs.files)
    bad[cs.text_file()] = "无关文字。".encode()
    with pytest.raises(DataValidationError):
        store.apply(ChangeSet(bad, cs.plan_id), v)
    with pytest.raises(StoreConflictError):
        store.apply(cs, "7", author="x")  # a database version handed to the files
    assert store.history() == []
