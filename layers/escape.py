"""Escaping of data text for markup and scripts that pass through folium/branca templates (tooltips, pop-ups, GeoJSON)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pandas as pd


def esc(value: object) -> str:
    """HTML-escape any value (``None``/NaN → empty)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


_OPEN_BRACE = re.compile(r'\{(?=[^"}])')


def js_json(obj: Any) -> str:
    """JSON safe to embed in a ``<script>`` and in a branca template (``<``, ``>``, ``&``, ``'``, line separators
    and every ``{`` inside a string escaped)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    # branca re-reads rendered scripts as Jinja templates: a "{" that does not open a JSON object is in a
    # string, so escaping it keeps "{{ … }}", "{% … %}" and "{# … #}" in the data from ever being evaluated
    return _OPEN_BRACE.sub(r"\\u007b", text)


#: Characters that are harmless in HTML text but not inside folium's output: folium puts tooltip and
#: pop-up HTML in JavaScript template literals (`` ` `` ends one, ``${`` runs code, ``\`` escapes the
#: closing quote) and branca renders the generated page again as a Jinja template (``{{ }}`` / ``{% %}``
#: would be evaluated on the server). As HTML character references they still show as the same text.
_TEMPLATE_CHARS = str.maketrans({"`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;", "\\": "&#92;"})


def html_text(value: object) -> str:
    """Escape a value for HTML that folium renders (``None``/NaN → empty).

    Parameters
    ----------
    value : object
        Text from the data (a park name, a quote, a note …).

    Returns
    -------
    str
        ``html.escape`` of the text, with ``` ` $ { } \\ ``` also written as character references,
        so the text can go into folium tooltips, pop-ups and GeoJSON properties shown as HTML.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True).translate(_TEMPLATE_CHARS)


#: Characters with a meaning in Streamlit markdown (links, images, HTML, emphasis, lists, tables, LaTeX, emoji
#: and icon shortcodes, autolinked URLs).
#: Where GFM turns plain text into a link (``http://``, ``https://``, ``www.``, ``mailto:``, ``xmpp:``, e-mail
#: addresses): Streamlit's markdown finds them in the text after unescaping, so a backslash does not stop them.
#: An invisible word joiner (U+2060) after the scheme, ``www`` or ``@`` does.
_AUTOLINK = re.compile(r"((?:https?|ftp|mailto|xmpp)(?=:)|www(?=\.)|@(?=[-\w]))", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^\"'])")


def md_text(value: object) -> str:
    """Text made inert for ``st.markdown``/``st.caption``/``st.error`` … (shown as typed, nothing formatted or linked).

    Parameters
    ----------
    value : object
        Text from the data, a file name, an error message or the URL.

    Returns
    -------
    str
        Every markdown-special character backslash-escaped and line breaks turned into spaces.
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = _AUTOLINK.sub("\\1\u2060", str(value))  # escapes do not stop GFM's autolinks; a word joiner does
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")
