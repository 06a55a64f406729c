"""The st_folium map widget made offline-safe: local asset URLs and no extra rerun (not a page)."""

from __future__ import annotations

from layers import offline


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
