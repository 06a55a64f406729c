"""The web map's legend: sector colours, scale classes, tiers and other symbols, as escaped HTML and a Leaflet control."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from .. import i18n, style, uncertainty
from ..escape import esc, js_json
from ..i18n import t
from ..style import safe_color

#: Maps at least this wide (px) show the legend open and keep the parks clear of it; narrower ones fold it.
WIDE_MAP_PX = 760


def _swatch_circle(r: float, fill: str, stroke: str, width: float, dash: str | None = None, opacity: float = 1.0) -> str:
    """A legend circle drawn with CSS only (works in the map and in sanitised HTML, which drops SVG)."""
    d = 2 * r
    style_ = (
        f"width:{d:g}px;height:{d:g}px;border:{width:g}px {'dashed' if dash else 'solid'} {stroke};"
        f"background:{'transparent' if fill == 'none' else fill};"
    )
    inner = f'<span class="pm-circ-fill" style="opacity:{opacity:g};background:{fill}"></span>' if fill != "none" else ""
    return f'<span class="pm-circ" style="{style_}background:transparent">{inner}</span>'


def legend_html(data: dict) -> str:
    """Legend (escaped HTML): sector colours, scale classes, the hollow no-scale ring, tiers, footprints, logistics."""
    lang = data["lang"]
    rows = [f'<details class="pm-legend-box" open><summary>{esc(t("legend_title", lang))}</summary>']
    if data["sectors"]:
        rows.append(f'<div class="pm-lg-h">{esc(t("legend_colour", lang))}</div>')
        for name, color in data["sectors"]:
            rows.append(f'<div class="pm-lg-row"><span class="pm-sw" style="background:{safe_color(color)}"></span>{esc(name)}</div>')
    rows.append(f'<div class="pm-lg-h">{esc(t("legend_size", lang))}</div><div class="pm-lg-sizes">')
    labels = style.scale_legend(lang)
    for i, (label, r) in enumerate(labels[:-1]):
        rows.append(
            f'<div class="pm-lg-size{"" if i in data["scale_classes"] else " pm-lg-absent"}">'
            f'{_swatch_circle(r, "#8a8a8a", "#ffffff", 1.2, opacity=0.85)}<span>{esc(label)}</span></div>'
        )
    rows.append("</div>")
    rows.append(
        f'<div class="pm-lg-row">{_swatch_circle(style.NO_SCALE_RADIUS_PX, "#ffffff", "#6b6b6b", 2.4, opacity=0.55)}'
        f"<span>{esc(t('legend_no_scale', lang))}</span></div>"
    )
    if data["tiers"]:
        rows.append(f'<div class="pm-lg-h">{esc(t("legend_tier", lang))}</div><div class="pm-lg-inline">')
        for tier in data["tiers"]:
            color, width, dash = style.TIER_OUTLINE[tier]
            rows.append(
                f'<div class="pm-lg-row">{_swatch_circle(7, "none", color, width, dash, opacity=0)}'
                f"<span>{esc(i18n.tier(tier, lang))}</span></div>"
            )
        rows.append("</div>")
    others = (  # (shown?, symbol, label key)
        (data["has_footprints"], '<span class="pm-lg-fp"></span>', "legend_footprint"),
        (data.get("has_uncertainty"), _swatch_circle(7, "none", "#6b6b6b", 1.2, uncertainty.WEB_DASH, opacity=0),
         "legend_uncertainty"),
        (data["has_logistics"], '<span class="pm-logi-shape pm-lg-logi" style="--c:#888888"></span>', "legend_logistics"),
        (data.get("canvas"), '<span class="pm-lg-cell">12</span>', "legend_cells"),
    )
    extra = [f'<div class="pm-lg-row">{symbol}<span>{esc(t(key, lang))}</span></div>' for shown, symbol, key in others
             if shown]
    if extra:
        rows.append(f'<div class="pm-lg-h">{esc(t("legend_other", lang))}</div>')
        rows.extend(extra)
    rows.append("</details>")
    return "".join(rows)


class Legend(MacroElement):
    """The map legend as a Leaflet control (HTML built and escaped in Python)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position_js }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', 'pm-legend leaflet-bar');
            div.innerHTML = {{ this.html_js }};
            // open on wide maps, folded on narrow ones, until the user opens or folds it
            var box = div.querySelector('details'), byUser = false, auto = 0;
            if (box) {
                box.addEventListener('toggle', function () { if (auto > 0) { auto--; } else { byUser = true; } });
                var fold = function () {
                    var mode = {{ this.mode_js }};
                    var want = mode === 'open' || (mode === 'auto' && map.getSize().x >= {{ this.wide_px }});
                    if (!byUser && box.open !== want) { auto++; box.open = want; }
                };
                fold();
                map.on('resize', fold);
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, position: str = "bottomright", mode: str = "auto"):
        super().__init__()
        self.mode_js = js_json(mode)
        self._name = "Legend"
        self.html_js = js_json(html_text)
        self.position_js = js_json(position)
        self.wide_px = int(WIDE_MAP_PX)


LEGEND_CSS = """
.pm-sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
  vertical-align: -1px; box-shadow: inset 0 0 0 1px rgba(0,0,0,.18); }
.pm-logi { background: none; border: none; }
.pm-logi-shape { display: block; width: 70%; height: 70%; margin: 15%; transform: rotate(45deg);
  background: var(--c); border: 1.5px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.35); box-sizing: border-box; }
.pm-logi-shape.pm-hollow { background: rgba(255,255,255,.6); border: 2.5px solid var(--c); box-shadow: none; }
.pm-lg-logi { width: 10px; height: 10px; margin: 2px 8px 2px 3px; display: inline-block; vertical-align: -2px; }
.pm-legend { background: rgba(255,255,255,.96); padding: 6px 10px 8px; border-radius: 6px; max-width: 230px;
  max-height: calc(100vh - 150px); overflow-y: auto; color: #33414d; font-size: 11.5px; line-height: 1.35; }
.pm-legend summary { font-weight: 600; font-size: 12.5px; cursor: pointer; color: #1f2a33; }
.pm-lg-h { font-weight: 600; margin: 7px 0 3px; color: #4a5560; }
.pm-lg-row { display: flex; align-items: center; gap: 4px; margin: 2px 0; }
.pm-circ { display: inline-block; position: relative; box-sizing: content-box; border-radius: 50%; flex: none; }
.pm-circ-fill { position: absolute; inset: 0; border-radius: 50%; }
.pm-lg-row .pm-circ { margin: 1px 4px 1px 0; }
.pm-lg-size .pm-circ { margin-bottom: 2px; }
.pm-lg-fp { display: inline-block; width: 18px; height: 11px; border: 1.5px dashed #6b6b6b; background: rgba(138,138,138,.18);
  margin-right: 4px; flex: none; }
.pm-lg-sizes { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 2px 8px; }
.pm-lg-size { display: flex; flex-direction: column; align-items: center; font-size: 10.5px; }
.pm-lg-absent { opacity: .45; }
.pm-lg-cell { display: inline-block; min-width: 18px; height: 18px; line-height: 18px; border-radius: 9px; background: #8a8a8a;
  color: #fff; font-weight: 700; font-size: 10px; text-align: center; margin-right: 4px; flex: none; }
.pm-lg-inline { display: flex; flex-wrap: wrap; gap: 0 10px; }
"""
