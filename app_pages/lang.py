"""The language of every page: the one chosen on the map page (session), else the link's ``?lang=`` (not a page)."""

from __future__ import annotations

import streamlit as st

from layers import i18n


def page_lang() -> str:
    """``zh`` or ``en``: the map page's choice (``w_lang``), else the ``lang`` query parameter, else Chinese."""
    v = st.session_state.get("w_lang") or st.query_params.get("lang") or i18n.DEFAULT_LANG
    return v if v in i18n.LANGS else i18n.DEFAULT_LANG


def multiselect_words(lang: str, empty: str) -> dict[str, object]:
    """Keyword arguments of ``st.multiselect`` for ``lang``: the placeholder ``empty`` (a label saying what an empty
    choice means, e.g. 全部区县), and in Chinese no "Select all" option (Streamlit cannot label it in Chinese)."""
    words = {"placeholder": i18n.t(empty, lang)}
    return {**words, "select_all": False} if lang == "zh" else words
