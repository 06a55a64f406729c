"""Tests of layers/offline.py: every script and stylesheet folium asks for is served locally (no CDN)."""

from __future__ import annotations

import folium
import pytest

from layers import offline


def test_every_jscss_class_points_to_local_files(map_ds):
    offline.localize_folium()
    import folium.plugins  # noqa: F401
    from folium.elements import JSCSSMixin

    stack, seen = [JSCSSMixin], []
    while stack:
        for sub in stack.pop().__subclasses__():
            seen.append(sub)
            stack.append(sub)
    assert len(seen) > 30
    for cls in seen:
        for _, url in list(cls.default_js) + list(cls.default_css):
            assert url.startswith("/app/static/"), (cls.__name__, url)
            assert (offline.settings.STATIC_DIR / url.rsplit("/", 1)[1]).is_file()


def test_colormap_d3_and_st_folium_links_are_local():
    offline.localize_folium()
    import branca.colormap as cm

    m = folium.Map(tiles=None)
    cm.LinearColormap(["red", "blue"], vmin=0, vmax=1).add_to(m)
    html = m.get_root().render()
    assert "d3js.org" not in html and "cdnjs" not in html
    assert offline.localize_links(list(offline.D3_URLS)) == [offline.local_url(u) for u in offline.D3_URLS]
    assert all(u.startswith("/app/static/") for u in offline.localize_links(list(offline.D3_URLS)))


def test_inline_html_refuses_unknown_remote_script():
    m = folium.Map(tiles=None)
    from branca.element import JavascriptLink

    m.get_root().header.add_child(JavascriptLink("https://example.invalid/x.js"))
    with pytest.raises(offline.OfflineAssetError, match="example.invalid"):
        offline.inline_html(m)


def test_st_folium_click_count_starts_where_its_frontend_does(monkeypatch):
    import streamlit_folium as sf

    got = {}

    def fake(*args, **kwargs):
        got.update(kwargs)

    from app_pages import map_widget

    monkeypatch.setattr(sf, "_component_func", fake)
    map_widget.patch_st_folium()
    sf._component_func(default={"last_object_clicked": None, "last_object_clicked_count": None},
                       js_links=[offline.D3_URLS[0]], css_links=[])
    assert got["default"] == {"last_object_clicked": None, "last_object_clicked_count": 0}
    assert got["js_links"] == [offline.local_url(offline.D3_URLS[0])]


def test_asset_manifest_lets_a_warm_start_skip_the_package(tmp_path):
    names = offline.ensure_static(tmp_path)
    assert offline._read_manifest(tmp_path) == names and (tmp_path / offline.INIT_JS_NAME).is_file()
    (tmp_path / next(iter(names.values()))).unlink()  # a missing file: the manifest no longer counts
    assert offline._read_manifest(tmp_path) is None
    assert offline.ensure_static(tmp_path) == names and offline._read_manifest(tmp_path) == names
    (tmp_path / offline.MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert offline._read_manifest(tmp_path) is None
