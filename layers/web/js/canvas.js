(function () {
if (L.PmCanvas) { return; }
var ESC = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
function num(v) { return v >= 100 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(4))); }
var TAU = 2 * Math.PI;
var FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", Arial, sans-serif';
L.PmCanvas = L.Layer.extend({
    options: {pane: 'overlayPane', aggregate: 2500, cell: 56, labelZoom: 11, maxLabels: 400},
    initialize: function (d, options) {
        L.setOptions(this, options);
        this._d = d;
        this._n = d.x.length;
    },
    latLng: function (i) { var d = this._d; return L.latLng(d.y0 + d.y[i] / d.k, d.x0 + d.x[i] / d.k); },
    onAdd: function (map) {
        var d = this._d, n = this._n, crs = map.options.crs, s0 = crs.scale(0), i, p;
        if (!this._u) {
            this._u = new Float64Array(n); this._v = new Float64Array(n);
            this._sx = new Float32Array(n); this._sy = new Float32Array(n); this._vis = new Int32Array(n);
            for (i = 0; i < n; i++) {
                p = crs.latLngToPoint(this.latLng(i), 0);
                this._u[i] = p.x / s0; this._v[i] = p.y / s0;
            }
        }
        this._canvas = L.DomUtil.create('canvas', 'pm-canvas leaflet-zoom-hide');
        this._canvas.style.pointerEvents = 'none';
        map.getPane(this.options.pane).appendChild(this._canvas);
        map.on('moveend viewreset resize', this._redraw, this);
        map.on('mousemove', this._hover, this);
        map.on('click', this._click, this);
        map.on('mouseout', this._leave, this);
        this._redraw();
    },
    onRemove: function (map) {
        this._leave();
        L.DomUtil.remove(this._canvas);
        map.off('moveend viewreset resize', this._redraw, this);
        map.off('mousemove', this._hover, this);
        map.off('click', this._click, this);
        map.off('mouseout', this._leave, this);
        this._grid = null;
    },
    radius: function (i) { var c = this._d.sc[i]; return c < 0 ? this._d.r0 : this._d.radii[Math.min(c, 4)]; },
    color: function (i) { return this._d.sectors[this._d.c[i]][1]; },
    _redraw: function () {
        var map = this._map;
        if (!map) { return; }
        var size = map.getSize(), W = size.x, H = size.y, padX = Math.round(W * 0.3), padY = Math.round(H * 0.3);
        var c = this._canvas, dpr = window.devicePixelRatio || 1, tl = map.containerPointToLayerPoint([0, 0]);
        L.DomUtil.setPosition(c, tl.subtract([padX, padY]));
        c.width = Math.round((W + 2 * padX) * dpr); c.height = Math.round((H + 2 * padY) * dpr);
        c.style.width = (W + 2 * padX) + 'px'; c.style.height = (H + 2 * padY) + 'px';
        var ctx = c.getContext('2d');
        ctx.setTransform(dpr, 0, 0, dpr, padX * dpr, padY * dpr);
        var z = map.getZoom(), s = map.options.crs.scale(z), po = map.getPixelOrigin();
        var ox = po.x + tl.x, oy = po.y + tl.y, u = this._u, v = this._v, sx = this._sx, sy = this._sy, vis = this._vis;
        var m = 30, nv = 0, inView = 0, i, x, y;
        for (i = 0; i < this._n; i++) {
            x = u[i] * s - ox; y = v[i] * s - oy;
            if (x < -padX - m || y < -padY - m || x > W + padX + m || y > H + padY + m) { continue; }
            sx[i] = x; sy[i] = y; vis[nv++] = i;
            if (x >= 0 && y >= 0 && x <= W && y <= H) { inView++; }
        }
        var items = inView > this.options.aggregate ? this._drawCells(ctx, nv) : this._drawPoints(ctx, nv, z, inView);
        var grid = {}, C = 32;
        items.forEach(function (it) {
            var key = Math.floor(it.x / C) + ':' + Math.floor(it.y / C);
            (grid[key] = grid[key] || []).push(it);
        });
        this._grid = grid;
        this._hot = null;
        window.PM_DRAWN = {n: nv, inView: inView, items: items.length, total: this._n, mode: this._mode, t: performance.now()};
        this.fire('pmdrawn', window.PM_DRAWN);
    },
    _dot: function (ctx, i, x, y) {
        var d = this._d, r = this.radius(i), col = this.color(i), hollow = d.sc[i] < 0;
        ctx.beginPath();
        if (d.g[i]) {
            var h = Math.max(10, Math.round(r * 1.6)) * 0.5;
            ctx.moveTo(x, y - h); ctx.lineTo(x + h, y); ctx.lineTo(x, y + h); ctx.lineTo(x - h, y); ctx.closePath();
        } else {
            ctx.arc(x, y, r, 0, TAU);
        }
        if (hollow) {
            ctx.globalAlpha = 0.55; ctx.fillStyle = '#ffffff'; ctx.fill();
            ctx.globalAlpha = 1; ctx.lineWidth = 2.6; ctx.strokeStyle = col; ctx.stroke();
        } else {
            ctx.globalAlpha = d.fo; ctx.fillStyle = col; ctx.fill();
            ctx.globalAlpha = 1; ctx.lineWidth = d.g[i] ? 1.5 : 1.2; ctx.strokeStyle = '#ffffff'; ctx.stroke();
        }
        return {x: x, y: y, r: r, i: i};
    },
    _drawPoints: function (ctx, nv, z, inView) {
        var d = this._d, sx = this._sx, sy = this._sy, vis = this._vis, items = [], j, i, t, tier, logi = [];
        this._mode = 'points';
        for (j = 0; j < nv; j++) {
            i = vis[j]; t = d.t[i];
            if (t < 0 || d.g[i] || !d.tiers[t][1]) { continue; }
            tier = d.tiers[t];
            ctx.beginPath(); ctx.arc(sx[i], sy[i], this.radius(i) + 3 + tier[2] / 2, 0, TAU);
            ctx.setLineDash(tier[3] ? tier[3].split(' ').map(Number) : []);
            ctx.lineWidth = tier[2]; ctx.strokeStyle = tier[1]; ctx.stroke();
        }
        ctx.setLineDash([]);
        for (j = 0; j < nv; j++) {
            i = vis[j];
            if (d.g[i]) { logi.push(i); continue; }
            items.push(this._dot(ctx, i, sx[i], sy[i]));
        }
        for (j = 0; j < logi.length; j++) { i = logi[j]; items.push(this._dot(ctx, i, sx[i], sy[i])); }
        if (z >= this.options.labelZoom && inView <= this.options.maxLabels) {
            ctx.font = '500 11px ' + FONT; ctx.textBaseline = 'middle'; ctx.lineJoin = 'round';
            for (j = 0; j < items.length; j++) {
                var it = items[j];
                ctx.lineWidth = 3; ctx.strokeStyle = '#ffffff'; ctx.strokeText(d.n[it.i], it.x + it.r + 8, it.y);
                ctx.fillStyle = '#1f2a33'; ctx.fillText(d.n[it.i], it.x + it.r + 8, it.y);
            }
        }
        return items;
    },
    _drawCells: function (ctx, nv) {
        var d = this._d, sx = this._sx, sy = this._sy, vis = this._vis, C = this.options.cell;
        var cells = new Map(), list = [], j, i, key, cl;
        this._mode = 'cells';
        for (j = 0; j < nv; j++) {
            i = vis[j];
            key = (Math.floor(sx[i] / C) + 4096) * 8192 + Math.floor(sy[i] / C) + 4096;
            cl = cells.get(key);
            if (!cl) { cl = {n: 0, x: 0, y: 0, by: new Map(), i: i, cell: true}; cells.set(key, cl); list.push(cl); }
            cl.n++; cl.x += sx[i]; cl.y += sy[i];
            cl.by.set(d.c[i], (cl.by.get(d.c[i]) || 0) + 1);
        }
        var items = [];
        list.sort(function (a, b) { return b.n - a.n; });
        ctx.font = 'bold 11px ' + FONT; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.lineJoin = 'round';
        for (j = 0; j < list.length; j++) {  // biggest first, small ones stay visible on top
            cl = list[j];
            if (cl.n === 1) { items.push(this._dot(ctx, cl.i, cl.x, cl.y)); continue; }
            cl.x /= cl.n; cl.y /= cl.n;
            var top = -1, best = -1;
            cl.by.forEach(function (cnt, c) { if (cnt > best) { best = cnt; top = c; } });
            cl.top = top;
            cl.r = Math.min(26, 9 + 2.6 * Math.log2(cl.n));
            ctx.beginPath(); ctx.arc(cl.x, cl.y, cl.r, 0, TAU);
            ctx.globalAlpha = 0.88; ctx.fillStyle = d.sectors[top][1]; ctx.fill();
            ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeStyle = '#ffffff'; ctx.stroke();
            var label = cl.n >= 10000 ? Math.round(cl.n / 1000) + 'k' : String(cl.n);
            ctx.lineWidth = 2.5; ctx.strokeStyle = 'rgba(0,0,0,0.55)'; ctx.strokeText(label, cl.x, cl.y);
            ctx.fillStyle = '#ffffff'; ctx.fillText(label, cl.x, cl.y);
            items.push(cl);
        }
        ctx.textAlign = 'start';
        return items;
    },
    _find: function (p) {
        if (!this._grid) { return null; }
        var C = 32, gx = Math.floor(p.x / C), gy = Math.floor(p.y / C), best = null, bd = Infinity, a, b, k;
        for (a = -1; a <= 1; a++) {
            for (b = -1; b <= 1; b++) {
                var list = this._grid[(gx + a) + ':' + (gy + b)];
                if (!list) { continue; }
                for (k = 0; k < list.length; k++) {
                    var it = list[k], dx = it.x - p.x, dy = it.y - p.y, dd = dx * dx + dy * dy, rr = it.r + 3;
                    if (dd <= rr * rr && dd <= bd) { bd = dd; best = it; }
                }
            }
        }
        return best;
    },
    _hover: function (e) {
        var map = this._map, it = this._find(e.containerPoint);
        map.getContainer().style.cursor = it ? 'pointer' : '';
        if (!it) { this._leave(); return; }
        if (it === this._hot) { return; }
        this._hot = it;
        if (!this._tip) { this._tip = L.tooltip({direction: 'top', className: 'pm-tip', opacity: 1}); }
        this._tip.options.offset = L.point(0, -it.r - 2);
        this._tip.setLatLng(it.cell ? map.containerPointToLatLng([it.x, it.y]) : this.latLng(it.i));
        this._tip.setContent(it.cell ? this.cellHtml(it) : this.tipHtml(it.i));
        if (!map.hasLayer(this._tip)) { map.openTooltip(this._tip); }
    },
    _leave: function () {
        this._hot = null;
        if (this._map) { this._map.getContainer().style.cursor = ''; }
        if (this._tip && this._map && this._map.hasLayer(this._tip)) { this._map.closeTooltip(this._tip); }
    },
    _click: function (e) {
        var map = this._map, it = this._find(e.containerPoint);
        if (!it) { return; }
        if (it.cell) {
            map.setView(map.containerPointToLatLng([it.x, it.y]), Math.min(map.getZoom() + 2, map.getMaxZoom()));
            return;
        }
        var ll = this.latLng(it.i), tip = this.tipHtml(it.i);
        if (!this._popup) { this._popup = L.popup({maxWidth: 340, className: 'pm-popup', autoPanPadding: [20, 20]}); }
        this._popup.setLatLng(ll).setContent(this.popupHtml(it.i)).openOn(map);
        // st_folium reads the clicked object's tooltip text: it carries the park id
        this.fire('click', {latlng: ll, sourceTarget: {_tooltip: {_content: tip},
            getTooltip: function () { return {getContent: function () { return tip; }}; }}});
    },
    dominant: function (i) {
        var d = this._d, h = d.h[i], text = d.sectors[d.c[i]][0];
        return h >= 0 && d.chains[h] ? text + ' · ' + d.chains[h] : text;
    },
    scale: function (i) {
        var d = this._d, T = d.txt, v = d.v[i], en = d.lang === 'en', text;
        if (v === null) { return T.scale_none; }
        text = en ? 'RMB ' + num(v / 10) + ' bn' : num(v) + T.yi;  // 1 亿 = 0.1 bn, as i18n.fmt_yi
        if (d.yr[i] > 0) {
            var y = T.by_year.replace('{year}', d.yr[i]);
            text += en ? ' (' + y + ')' : '（' + y + '）';
        }
        if (d.sh[i]) { text += (en ? '; ' : '，') + T.scale_shared; }
        return text;
    },
    tipHtml: function (i) {
        var d = this._d, T = d.txt;
        return '<div class="pm-tt"><div class="pm-tt-name">' + esc(d.n[i]) + '</div>' +
            '<div class="pm-tt-row">' + esc(d.districts[d.d[i]]) + ' · ' + esc(d.kinds[d.q[i]]) + '</div>' +
            '<div class="pm-tt-row"><span class="pm-sw" style="background:' + esc(this.color(i)) + '"></span>' +
            esc(this.dominant(i)) + '</div>' +
            '<div class="pm-tt-row">' + esc(T.target_scale) + ': ' + esc(this.scale(i)) + '</div>' +
            '<div class="pm-id">' + esc(d.id[i]) + '</div></div>';
    },
    popupHtml: function (i) {
        var d = this._d, T = d.txt, meta = [d.districts[d.d[i]], d.kinds[d.q[i]]], tier = d.t[i] >= 0 ? d.tiers[d.t[i]][0] : '';
        if (tier) { meta.push(tier); }
        var secs = d.combos[d.s[i]].map(function (k) { return d.sectors[k][0]; });
        var html = '<div class="pm-pop"><div class="pm-pop-name">' + esc(d.n[i]) + '</div>' +
            (d.o[i] ? '<div class="pm-pop-sub">' + esc(d.o[i]) + '</div>' : '') +
            '<div class="pm-pop-row">' + meta.filter(Boolean).map(esc).join(' · ') + '</div>' +
            '<div class="pm-pop-row"><span class="pm-sw" style="background:' + esc(this.color(i)) + '"></span><b>' +
            esc(T.dominant_industry) + '</b>: ' + esc(this.dominant(i)) + '</div>' +
            '<div class="pm-pop-row"><b>' + esc(T.target_scale) + '</b>: ' + esc(this.scale(i)) + '</div>';
        if (secs.length) {
            html += '<div class="pm-pop-row"><b>' + esc(T.industries) + '</b>: ' + esc(secs.join(d.lang === 'en' ? ', ' : '、')) + '</div>';
        }
        return html + '<div class="pm-pop-hint">' + esc(T.details_hint) + '</div></div>';
    },
    cellHtml: function (cl) {
        var d = this._d, T = d.txt, rows = [];
        cl.by.forEach(function (cnt, c) { rows.push([cnt, c]); });
        rows.sort(function (a, b) { return b[0] - a[0]; });
        return '<div class="pm-tt"><div class="pm-tt-name">' + esc(T.cell_parks.replace('{n}', cl.n.toLocaleString('en-US'))) + '</div>' +
            rows.slice(0, 4).map(function (r) {
                return '<div class="pm-tt-row"><span class="pm-sw" style="background:' + esc(d.sectors[r[1]][1]) + '"></span>' +
                    esc(d.sectors[r[1]][0]) + ' · ' + r[0] + '</div>';
            }).join('') + '<div class="pm-id">' + esc(T.cell_hint) + '</div></div>';
    }
});
L.pmFootprints = function (pts, options) {
    var d = pts._d;
    function el(html) { var div = document.createElement('div'); div.innerHTML = html; return div; }
    var layer = L.geoJSON(d.fp, {
        pane: options.pane,
        renderer: L.canvas({pane: options.pane, padding: 0.3}),
        style: function (f) {
            var col = pts.color(f.properties.i);
            return {color: col, weight: 1.6, opacity: 0.9, dashArray: '5 4', fillColor: col, fillOpacity: 0.16};
        }
    });
    layer.bindTooltip(function (l) { return el(pts.tipHtml(l.feature.properties.i)); },
                      {sticky: true, direction: 'top', offset: [0, -6], className: 'pm-tip', opacity: 1});
    layer.bindPopup(function (l) { return el(pts.popupHtml(l.feature.properties.i)); },
                    {maxWidth: 340, className: 'pm-popup', autoPanPadding: [20, 20]});
    return layer;
};
})();
