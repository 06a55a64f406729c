"""What the overlaps page computes, cached per data version and shared by every session (not a page).

Kept out of the page's file, which Streamlit runs again on every rerun, so the decorators are applied once.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import overlap as ov
from geo import portfolio as pf
from geo import vintage as vt
from geo.load import Dataset


@st.cache_data(show_spinner=False)
def overlaps(
    _ds: Dataset, key: str, level: str, plan_ids: tuple[str, ...], directions: bool, lang: str, all_domains: bool
):
    """Overlaps of a plan selection at one level (see :func:`geo.overlap.find_overlaps`)."""
    return ov.find_overlaps(_ds, level, list(plan_ids), directions=directions, lang=lang, all_domains=all_domains)


@st.cache_data(show_spinner=False)
def matrix(
    _ds: Dataset, key: str, level: str, plan_ids: tuple[str, ...], directions: bool, value: str, all_domains: bool
):
    """District × industry matrix (see :func:`geo.overlap.district_industry_matrix`)."""
    return ov.district_industry_matrix(
        _ds, level, list(plan_ids), value=value, directions=directions, all_domains=all_domains
    )


@st.cache_data(show_spinner=False)
def portfolio(_ds: Dataset, key: str, plan_ids: tuple[str, ...], directions: bool):
    """Each district's declared industry portfolio (see :func:`geo.portfolio.district_portfolio`)."""
    return pf.district_portfolio(_ds, list(plan_ids), directions=directions)


@st.cache_data(show_spinner=False)
def rule_counts(_ds: Dataset, key: str, plan_ids: tuple[str, ...]) -> pd.DataFrame:
    """Counts against the ≤2 主导 + ≤4 特色 rule (see :func:`geo.overlap.district_rule_counts`)."""
    return ov.district_rule_counts(_ds, list(plan_ids))


@st.cache_data(show_spinner=False, max_entries=64)
def diff(_ds: Dataset, key: str, old: str, new: str):
    """What changed between two vintages of a district's plan (see :func:`geo.vintage.diff_plans`)."""
    return vt.diff_plans(_ds, old, new)


@st.cache_data(show_spinner=False, max_entries=16)
def base_layers(_ds: Dataset, key: str, query: tuple[tuple[str, str], ...]):
    """Parks and web-map layer data of the base map under the overlaps (shared by every session)."""
    from geo.view import View, apply_view
    from layers.web.build import layer_data

    view = View.from_query(dict(query))
    parks = apply_view(_ds, view)
    return parks, layer_data(_ds, parks, view)
