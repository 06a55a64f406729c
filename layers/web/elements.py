"""Folium elements that put the map's data and scripts into the page as they are (no second Jinja pass)."""

from __future__ import annotations

import json
from importlib.resources import files

import shapely
from branca.element import Element
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template

from ..escape import js_json


def read_script(name: str) -> str:
    """Text of a script in ``layers/web/js/`` (UTF-8), as it is put into the page.

    Parameters
    ----------
    name : str
        File name, e.g. ``canvas.js``.

    Returns
    -------
    str
    """
    return (files(__package__) / "js" / name).read_text(encoding="utf-8")


#: Leaflet callbacks of :class:`GeoJsonGroup`: a feature's marker, label or icon from its properties, and its
#: tooltip, pop-up and place in ``window.PM_REG`` (spread and labels). The leading newline keeps the page as it was.
_FEATURE_JS = "\n" + read_script("point_to_layer.js")
_EACH_JS = "\n" + read_script("on_each_feature.js")


class _Raw(Element):
    """Text put into a page as it is (branca's ``Element`` would parse it as a Jinja template once more)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        """The text."""
        return self._text


class DataLayer(Layer):
    """A layer whose script is added to the page as it is.

    Folium puts each element's rendered script into a new Jinja template, which costs about a second
    per 10 MB of data and would evaluate any ``{{ … }}`` in it; these layers skip that second pass.
    """

    def render(self, **kwargs) -> None:
        """Add the script (and the ``addTo`` call when shown) to the figure."""
        if self.show:
            self.add_child(
                ElementAddToElement(element_name=self.get_name(), element_parent_name=self._parent.get_name()),
                name=self.get_name() + "_add",
            )
        self.get_root().script.add_child(_Raw(self._template.module.script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class GeoJsonGroup(DataLayer):
    """One GeoJSON layer drawn entirely from feature properties (``_style``, ``_tip``, ``_popup``, ``_label``, ``_icon``).

    Parameters
    ----------
    data : dict
        A FeatureCollection.
    name : str
        Name in the layer control.
    show : bool
        Whether the layer starts visible.
    control : bool
        Whether the layer appears in the layer control.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
        var PANE = {{ this.pane_js }};
        return L.geoJson(null, {
            pane: PANE,
            pointToLayer: """
        + _FEATURE_JS
        + """,
            style: function(feature) { return (feature.properties && feature.properties._style) || {}; },
            onEachFeature: """
        + _EACH_JS
        + """
        });
        })();
        {{ this.get_name() }}.addData({{ this.data_js }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, name: str, pane: str = "overlayPane", show: bool = True, control: bool = True):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "GeoJsonGroup"
        self.data = data
        self.pane_js = js_json(pane)
        self.data_js = js_json(data)

    def get_bounds(self) -> list[list[float | None]]:
        """Bounds of the features ([[s, w], [n, e]])."""
        feats = self.data.get("features", [])
        if not feats:
            return [[None, None], [None, None]]
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in feats])
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        return [[float(miny), float(minx)], [float(maxy), float(maxx)]]
