function(feature, latlng) {
    var p = feature.properties || {};
    var pane = p._pane || PANE;
    if (p._label) {
        return L.marker(latlng, {icon: L.divIcon({className: p._label_class || 'pm-label', html: p._label, iconSize: null}),
                                 interactive: false, keyboard: false, pane: pane});
    }
    if (p._icon) {
        var s = p._icon.size || 12;
        return L.marker(latlng, {icon: L.divIcon({className: p._icon.className, html: p._icon.html,
                                                  iconSize: [s, s], iconAnchor: [s / 2, s / 2]}),
                                 keyboard: false, pane: pane});
    }
    var o = Object.assign({pane: pane}, p._style || {});
    if (p._class) { o.className = p._class; }
    if (p._radius_m) { return L.circle(latlng, Object.assign(o, {radius: p._radius_m})); }
    return L.circleMarker(latlng, o);
}
