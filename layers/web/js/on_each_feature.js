function(feature, layer) {
    var p = feature.properties || {};
    if (p._tip) {
        layer.bindTooltip(p._tip, {sticky: !!p._sticky, direction: 'top', offset: [0, -6], className: 'pm-tip', opacity: 1});
    }
    if (p._popup) { layer.bindPopup(p._popup, {maxWidth: 340, className: 'pm-popup', autoPanPadding: [20, 20]}); }
    if (p.park_id && layer.setLatLng) {  // every point layer of a park, for PM_LAYOUT (spread and labels)
        var R = (window.PM_REG = window.PM_REG || {});
        var e = R[p.park_id] || (R[p.park_id] = {layers: [], ll: null, r: 6, halo: 0});
        e.layers.push(layer);
        if (p._label) { e.label = layer; }
        else if (p._class === 'pm-halo') { e.halo = (p._style && p._style.radius) || 0; }
        else {
            e.ll = layer.getLatLng();
            e.r = (p._style && p._style.radius) || ((p._icon && p._icon.size) || 12) / 2;
        }
    }
    if (p._class && !(layer instanceof L.CircleMarker)) {
        layer.on('add', function () {
            var el = layer._path || layer._icon;
            if (el) { p._class.split(' ').forEach(function (c) { if (c) { L.DomUtil.addClass(el, c); } }); }
        });
    }
}
