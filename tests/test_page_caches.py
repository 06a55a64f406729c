"""The map and overlaps pages keep their cached computations in imported modules, not in the page files.

Streamlit executes a page's file again on every rerun of every session; an ``@st.cache_*`` decorator in it is
applied again each time (reading the function's source), which was a third of the map page's server time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Pages opened on every visit; their cached work lives in app_pages/<page>_cache.py.
HOT_PAGES = ("app_pages/map.py", "app_pages/overlaps.py")


def cache_decorators(source: str) -> list[str]:
    """Names of the functions in ``source`` decorated with ``st.cache_data`` / ``st.cache_resource``."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for d in node.decorator_list:
                target = d.func if isinstance(d, ast.Call) else d
                if isinstance(target, ast.Attribute) and target.attr.startswith("cache_"):
                    out.append(node.name)
    return out


@pytest.mark.parametrize("page", HOT_PAGES)
def test_hot_pages_define_no_cached_functions(page):
    assert cache_decorators((ROOT / page).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", HOT_PAGES)
def test_their_cache_modules_hold_them(page):
    module = ROOT / page.replace(".py", "_cache.py")
    assert cache_decorators(module.read_text(encoding="utf-8"))


def test_the_check_sees_a_decorated_function():
    src = "import streamlit as st\n@st.cache_data(show_spinner=False)\ndef f(x):\n    return x\n@st.cache_resource\ndef g():\n    pass\n"
    assert cache_decorators(src) == ["f", "g"]
