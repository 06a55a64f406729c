"""Tests of layers/basemaps.py: tile basemaps need their keys or URLs and fall back to none without them."""

from __future__ import annotations

from layers import basemaps


def test_tianditu_needs_a_key_and_falls_back():
    bm, why = basemaps.resolve("tianditu", env={})
    assert bm is None and why == "no_tianditu_key"
    bm, why = basemaps.resolve("tianditu", env={"TIANDITU_KEY": "abc123"})
    assert why == "" and all("tk=abc123" in u for u in bm.urls) and len(bm.urls) == 2
    bm, _ = basemaps.resolve("tianditu", secrets={"TIANDITU_KEY": "s3"}, env={})
    assert "tk=s3" in bm.urls[0]
    bm, why = basemaps.resolve("custom", env={"PARKMAP_TILES_URL": "http://tiles.local/{z}/{x}/{y}.png"})
    assert bm.urls == ("http://tiles.local/{z}/{x}/{y}.png",)
    assert basemaps.resolve("custom", env={})[1] == "no_custom_url"
