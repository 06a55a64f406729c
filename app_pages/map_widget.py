"""The st_folium map widget made offline-safe: local asset URLs and no extra rerun (not a page)."""

from __future__ import annotations

import threading

from layers import offline

_capture = threading.local()  # set while payload() runs st_folium to collect its arguments instead of drawing


def patch_st_folium() -> None:
    """Make ``streamlit_folium`` hand its frontend local URLs only (it adds CDN d3 for colormaps).

    Wraps the component function so every ``js_links``/``css_links`` entry with a local copy
    is replaced by it. It also starts ``last_object_clicked_count`` at 0, the value the frontend
    starts from: with ``None`` the frontend reports the difference as soon as the map is drawn and
    Streamlit reruns the whole page once more for nothing. Safe to call repeatedly.
    (Imports ``streamlit_folium`` lazily.)
    """
    import streamlit_folium as sf

    func = sf._component_func
    if getattr(func, "_parkmap", False):
        return

    def wrapped(*args, **kwargs):
        if getattr(_capture, "on", False):
            _capture.kwargs = kwargs
            return None
        for k in ("js_links", "css_links"):
            if k in kwargs and kwargs[k]:
                kwargs[k] = offline.localize_links(list(kwargs[k]))
        default = kwargs.get("default")
        if isinstance(default, dict) and default.get("last_object_clicked_count", 0) is None:
            kwargs["default"] = {**default, "last_object_clicked_count": 0}
        return func(*args, **kwargs)

    wrapped._parkmap = True  # type: ignore[attr-defined]
    sf._component_func = wrapped


def prepare() -> None:
    """Point folium at the local assets and patch st_folium; call before drawing any map (idempotent)."""
    offline.localize_folium()
    patch_st_folium()


def payload(m, **st_folium_kwargs) -> dict:
    """What st_folium sends the browser for map ``m``: rendered once, then shared by every session (cache it).

    Runs ``st_folium(m, **st_folium_kwargs)`` with the component call captured instead of drawn; the result
    (script, html, header, links, defaults, the widget's content hash …) depends only on the map, so one build
    serves every session showing the same view. Draw it with :func:`draw`.
    """
    import streamlit_folium as sf

    patch_st_folium()
    _capture.on, _capture.kwargs = True, None
    try:
        sf.st_folium(m, **st_folium_kwargs)
    finally:
        _capture.on = False
    out = dict(_capture.kwargs or {})
    out.pop("on_change", None)
    return out


def draw(args: dict, key: str):
    """Draw a map from :func:`payload` as st_folium would (same frontend value, kept in ``session_state[key]``)."""
    import streamlit as st
    import streamlit_folium as sf

    patch_st_folium()
    hash_key = args["key"]

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(**args, on_change=on_change)
