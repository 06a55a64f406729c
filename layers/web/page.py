"""The web map's page: stylesheet, panes, zoom classes, spreading parks that share a site, fitting, tile fallback."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from ..escape import js_json
from ..i18n import t
from .legend import LEGEND_CSS, WIDE_MAP_PX

#: Leaflet panes (name → z-index) so drawing order does not depend on the order layers are added.
PANES = {
    "pm-districts": 350,
    "pm-dlabels": 360,
    "pm-footprints": 400,
    "pm-parks": 450,
    "pm-logistics": 455,
    "pm-plabels": 460,
}

#: Zoom from which park name labels appear.
PARK_LABEL_MIN_ZOOM = 11

#: Parks closer than this (metres) whose markers overlap on screen are drawn spread around their site.
SPREAD_MAX_M = 3000.0

#: Zoom a map opened on one park (a shared ``?park=`` link) starts at: the park, its neighbours and their names.
FOCUS_ZOOM = 12


MAP_CSS = """
.leaflet-container { background: %(bg)s; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; font-size: 12px; }
.pm-tip { padding: 6px 8px; border-radius: 6px; border: 1px solid #d0d4d8; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
.pm-tt-name { font-weight: 600; font-size: 13px; margin-bottom: 2px; color: #1f2a33; }
.pm-tt-row { color: #33414d; line-height: 1.45; }
.pm-id { color: #8a96a0; font-size: 10px; margin-top: 2px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.pm-popup .leaflet-popup-content { margin: 10px 12px; line-height: 1.5; font-size: 12px; }
.pm-pop-name { font-weight: 600; font-size: 14px; color: #1f2a33; }
.pm-pop-sub { color: #6b7680; margin-bottom: 4px; }
.pm-pop-row { color: #33414d; margin-top: 2px; }
.pm-pop-hint { color: #8a96a0; font-size: 11px; margin-top: 6px; border-top: 1px solid #eceff1; padding-top: 4px; }
.pm-dlabel span, .pm-plabel span { display: inline-block; white-space: nowrap; pointer-events: none; }
.pm-dlabel span { transform: translate(-50%%, -50%%); color: #7a7f85; font-size: 11px; letter-spacing: 1px;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.pm-dlabel-focus span { color: #3d4650; font-weight: 600; font-size: 12px; }
.pm-plabel span { color: #1f2a33; font-size: 11px; font-weight: 500; line-height: 14px;
  text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.pm-plabel.pm-lbl-off { visibility: hidden; }
.pm-leader { pointer-events: none; }
.pm-dlabel-small { display: none; }
.pm-z-mid .pm-dlabel-small { display: block; }
.leaflet-control-layers { border-radius: 6px; font-size: 12px; }
.leaflet-control-layers-expanded { padding: 6px 10px 6px 6px; }
.pm-halo { pointer-events: none; }
.pm-selected { pointer-events: none; animation: pm-pulse 1.6s ease-out 2; }
@keyframes pm-pulse { 0%% { stroke-width: 9; stroke-opacity: .25; } 100%% { stroke-width: 3.5; stroke-opacity: 1; } }
.pm-notiles path.pm-district { fill-opacity: 1; }
.pm-notiles .leaflet-tile-pane { visibility: hidden; }
.pm-tile-notice { background: #fff4e5; color: #7a4a00; border: 1px solid #f0c27b; border-radius: 6px; padding: 5px 9px;
  font-size: 12px; max-width: 260px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
"""


class PageStyle(MacroElement):
    """Stylesheet of the map (inline, so it works offline and inside st_folium) and the zoom class toggle."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map) {
            var panes = {{ this.panes_js }};
            Object.keys(panes).forEach(function (name) {
                var pane = map.getPane(name) || map.createPane(name);
                pane.style.zIndex = panes[name];
            });
            L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
            function pmZoomClass() {
                var c = map.getContainer(), z = map.getZoom();
                if (z >= {{ this.label_zoom }}) { L.DomUtil.addClass(c, 'pm-z-hi'); } else { L.DomUtil.removeClass(c, 'pm-z-hi'); }
                if (z >= 9) { L.DomUtil.addClass(c, 'pm-z-mid'); } else { L.DomUtil.removeClass(c, 'pm-z-mid'); }
            }
            map.on('zoomend', pmZoomClass);
            map.whenReady(pmZoomClass);
            window.PM_REG = {};  // filled by this map's park layers (a new map in the same frame starts afresh)
            // parks sharing a site are spread around it (with leader lines to the site); names are placed
            // beside their marker where they hit no other name or marker, else hidden (bigger parks first)
            var leaders = L.layerGroup().addTo(map);
            function pmLayout() {
                var reg = window.PM_REG || {}, ids = Object.keys(reg).filter(function (id) { return reg[id].ll; });
                var spreadM = {{ this.spread_m }}, i, j, e;
                ids.forEach(function (id) { e = reg[id]; e.p0 = map.latLngToLayerPoint(e.ll); e.p = e.p0; e.rr = Math.max(e.r, e.halo); });
                var root = {};
                ids.forEach(function (id) { root[id] = id; });
                function find(a) { while (root[a] !== a) { root[a] = root[root[a]]; a = root[a]; } return a; }
                for (i = 0; i < ids.length; i++) {
                    for (j = i + 1; j < ids.length; j++) {
                        var a = reg[ids[i]], b = reg[ids[j]];
                        if (a.p0.distanceTo(b.p0) < a.rr + b.rr + 2 && map.distance(a.ll, b.ll) <= spreadM) {
                            root[find(ids[i])] = find(ids[j]);
                        }
                    }
                }
                var groups = {};
                ids.forEach(function (id) { (groups[find(id)] = groups[find(id)] || []).push(id); });
                leaders.clearLayers();
                Object.keys(groups).forEach(function (g) {
                    var m = groups[g].sort(), k = m.length;
                    if (k < 2) { return; }
                    var cx = 0, cy = 0, rmax = 0;
                    m.forEach(function (id) { cx += reg[id].p0.x / k; cy += reg[id].p0.y / k; rmax = Math.max(rmax, reg[id].rr); });
                    var rad = Math.max(rmax + 6, (2 * rmax + 6) / (2 * Math.sin(Math.PI / k)));
                    m.forEach(function (id, n) {
                        var ang = -Math.PI / 2 + 2 * Math.PI * n / k;
                        reg[id].p = L.point(cx + rad * Math.cos(ang), cy + rad * Math.sin(ang));
                    });
                    L.circleMarker(map.layerPointToLatLng([cx, cy]), {radius: 2.5, color: '#444', weight: 1, fillColor: '#444',
                        fillOpacity: 1, interactive: false, pane: 'pm-footprints', className: 'pm-leader'}).addTo(leaders);
                    m.forEach(function (id) {
                        L.polyline([map.layerPointToLatLng([cx, cy]), map.layerPointToLatLng(reg[id].p)], {color: '#444',
                            weight: 1, opacity: 0.8, interactive: false, pane: 'pm-footprints', className: 'pm-leader'}).addTo(leaders);
                    });
                });
                ids.forEach(function (id) {
                    e = reg[id];
                    e.pos = map.layerPointToLatLng(e.p);
                    e.layers.forEach(function (l) { l.setLatLng(e.pos); });
                });
                map.eachLayer(pmMoveRing);
                // names: bigger parks first; right, left, above, below the marker
                var taken = ids.map(function (id) { e = reg[id]; return [e.p.x - e.rr, e.p.y - e.rr, e.p.x + e.rr, e.p.y + e.rr]; });
                function free(bx) {
                    for (var q = 0; q < taken.length; q++) {
                        var t = taken[q];
                        if (bx[0] < t[2] + 1 && bx[2] > t[0] - 1 && bx[1] < t[3] + 1 && bx[3] > t[1] - 1) { return false; }
                    }
                    return true;
                }
                ids.slice().sort(function (a, b) { return (reg[b].r - reg[a].r) || (a < b ? -1 : 1); }).forEach(function (id) {
                    e = reg[id];
                    var icon = e.label && e.label._icon, span = icon && icon.firstChild;
                    if (!span) { return; }
                    var w = span.offsetWidth, h = span.offsetHeight, r = e.rr + 3, best = null;
                    [[r, -h / 2], [-r - w, -h / 2], [-w / 2, -r - h], [-w / 2, r]].some(function (o) {
                        var bx = [e.p.x + o[0], e.p.y + o[1], e.p.x + o[0] + w, e.p.y + o[1] + h];
                        if (free(bx)) { best = o; taken.push(bx); return true; }
                        return false;
                    });
                    if (best) {
                        span.style.transform = 'translate(' + Math.round(best[0]) + 'px,' + Math.round(best[1]) + 'px)';
                        L.DomUtil.removeClass(icon, 'pm-lbl-off');
                    } else {
                        L.DomUtil.addClass(icon, 'pm-lbl-off');
                    }
                });
                window.PM_LAID_OUT = (window.PM_LAID_OUT || 0) + 1;
            }
            function pmMoveRing(layer) {
                var c = layer && layer.options && layer.options.className, m = c && /pm-selected-([a-z0-9-]+)/.exec(c);
                var e = m && (window.PM_REG || {})[m[1]];
                if (e && e.pos && layer.setLatLng) { layer.setLatLng(e.pos); }
            }
            map.on('layeradd', function (ev) { pmMoveRing(ev.layer); });
            map.on('zoomend', pmLayout);
            setTimeout(pmLayout, 0);
            // fit the parks, clear of the legend on wide maps; refit when the frame is resized
            // (st_folium sizes its iframe after the map is made) until the user moves the map
            var bounds = {{ this.bounds_js }}, focus = {{ this.focus_js }}, touched = false;
            function pmFit() {
                if (touched) { return; }
                if (focus) { map.setView(focus, {{ this.focus_zoom }}); return; }  // a link to one park opens on it
                var mode = {{ this.legend_js }};
                var open = mode === 'open' || (mode === 'auto' && map.getSize().x >= {{ this.wide_px }});
                map.fitBounds(bounds, {paddingTopLeft: [20, 20], paddingBottomRight: [open ? 240 : 20, 20]});
            }
            pmFit();
            map.on('resize', pmFit);
            // tiles that cannot load (offline): fill the districts so the map looks finished, not broken
            var tilesOk = 0, tilesBad = 0;
            map.eachLayer(function (layer) {
                if (layer instanceof L.TileLayer) {
                    layer.on('tileload', function (e) {
                        // the blank stand-in of a failed tile also fires tileload: it does not count
                        if (e.tile && String(e.tile.src).indexOf('data:') === 0) { return; }
                        tilesOk++; pmTiles();
                    });
                    layer.on('tileerror', function () { tilesBad++; pmTiles(); });
                }
            });
            var notice = null;
            function pmTiles() {
                var c = map.getContainer();
                if (tilesBad > 0 && tilesOk === 0) {
                    L.DomUtil.addClass(c, 'pm-notiles');  // fall back: no basemap, filled district outlines
                    if (!notice) {
                        notice = L.control({position: 'topleft'});
                        notice.onAdd = function () {
                            var div = L.DomUtil.create('div', 'pm-tile-notice');
                            div.textContent = {{ this.tiles_notice_js }};
                            return div;
                        };
                        notice.addTo(map);
                    }
                } else {
                    L.DomUtil.removeClass(c, 'pm-notiles');
                    if (notice) { notice.remove(); notice = null; }
                }
            }
            map.on('dragstart', function () { touched = true; });
            map.getContainer().addEventListener('wheel', function () { touched = true; }, {passive: true});
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, background: str, bounds: list[list[float]], legend: str = "auto",
                 focus: tuple[float, float] | None = None, lang: str = "zh"):
        super().__init__()
        self.tiles_notice_js = js_json(t("tiles_failed", lang))
        self.focus_js = js_json(list(focus) if focus else None)
        self.focus_zoom = int(FOCUS_ZOOM)
        self.spread_m = float(SPREAD_MAX_M)
        self.legend_js = js_json(legend)
        self.bounds_js = js_json(bounds)
        self.wide_px = int(WIDE_MAP_PX)
        self._name = "PageStyle"
        self.css = MAP_CSS % {"bg": background} + LEGEND_CSS
        self.label_zoom = int(PARK_LABEL_MIN_ZOOM)
        self.panes_js = js_json(PANES)
