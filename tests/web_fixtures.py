"""Fixtures and helpers of the web map tests (``tests/test_web_*.py``): the small map data folder and its layers.

Registered in ``tests/conftest.py`` (``pytest_plugins``), so every test module can ask for ``map_ds``,
``xss_map_ds`` and ``canvas``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from geo import settings
from geo.load import load_dataset
from geo.view import View, apply_view
from layers.web.build import build_map, layer_data

FIXTURE = Path(__file__).parent / "fixtures" / "map_mini"
XSS = "<img src=x onerror=alert(1)>"
URL = re.compile(r"https?://[^\s\"'<>)\\]+", re.IGNORECASE)


@pytest.fixture(scope="module")
def map_ds():
    """The small map data folder (tests/fixtures/map_mini), loaded."""
    return load_dataset(FIXTURE)


@pytest.fixture(scope="module")
def xss_map_ds(tmp_path_factory):
    """The small map data folder with a park named like an HTML injection."""
    d = tmp_path_factory.mktemp("xss") / "data"
    shutil.copytree(FIXTURE, d)
    doc = json.loads((d / "parks.geojson").read_text(encoding="utf-8"))
    for f in doc["features"]:
        if f["properties"]["park_id"] == "hc-nanxi":
            f["properties"]["name_zh"] = XSS
            f["properties"]["name_en"] = XSS
    (d / "parks.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return load_dataset(d)


@pytest.fixture
def canvas(monkeypatch):
    """Draw every map on the canvas layer, however few parks it has."""
    monkeypatch.setattr(settings, "WEB_CANVAS_MIN_PARKS", 1)


def layer_data_of(ds, view=None):
    """:func:`layers.web.build.layer_data` of a view (default: every plan)."""
    view = view or View(vintage="all")
    return layer_data(ds, apply_view(ds, view), view)


def feature(data, group, park_id, cls="pm-park"):
    """The feature of a park in a group of :func:`layer_data_of`, by its class."""
    for f in data["groups"][group]["features"]:
        p = f["properties"]
        if p.get("park_id") == park_id and cls in p.get("_class", p.get("_icon", {}).get("className", "")):
            return f
    raise AssertionError(f"{park_id} not in {group}")


def render_map(ds, view=None, **kw):
    """The folium map of a view and its rendered page."""
    view = view or View(vintage="all")
    m = build_map(ds, apply_view(ds, view), view, **kw)
    return m, m.get_root().render()


def canvas_columns(data):
    """The canvas layer's columns (decoded JSON) of a :func:`layer_data_of` result."""
    return json.loads(data["canvas"]["json"])
