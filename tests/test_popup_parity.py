"""The two pop-up builders agree: Python ``popup_html``/``tooltip_html`` (under 500 parks) and the canvas layer's
JavaScript ``popupHtml``/``tipHtml`` (500 or more) give the same HTML for the same park, in either language
(Python writes the apostrophe ``&#x27;`` where JavaScript writes ``&#39;``; everything else must match).

The JavaScript of :data:`layers.web.canvas.CANVAS_JS` (``layers/web/js/canvas.js``) runs in Node with a minimal
stand-in for Leaflet (only ``L.Layer.extend`` is needed to define the layer); the test is skipped when ``node`` is
not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from geo.view import View, apply_view
from layers import style
from layers.web.canvas import CANVAS_JS, canvas_payload
from layers.web.popups import Labels, popup_html, tooltip_html

NODE = shutil.which("node")
# skipped only off CI (a Windows PC without Node.js); CI installs it (scripts/install-browser.sh) and must run this
pytestmark = pytest.mark.skipif(NODE is None and not os.environ.get("CI"), reason="node is not installed")

#: Defines the canvas layer with a Leaflet stand-in, then prints every park's tooltip and pop-up as JSON.
_RUNNER = """
var L = {Layer: {extend: function (proto) { var C = function () {}; C.prototype = proto; return C; }}};
var window = {};
%(js)s
var d = JSON.parse(require('fs').readFileSync(0, 'utf8'));
var layer = Object.create(L.PmCanvas.prototype);
layer._d = d;
var out = {};
for (var i = 0; i < d.id.length; i++) { out[d.id[i]] = [layer.tipHtml(i), layer.popupHtml(i)]; }
process.stdout.write(JSON.stringify(out));
"""


def _js_html(payload_json: str, tmp_path) -> dict[str, list[str]]:
    script = tmp_path / "runner.js"
    script.write_text(_RUNNER % {"js": CANVAS_JS}, encoding="utf-8")
    done = subprocess.run([NODE, str(script)], input=payload_json, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _same(js: str, py: str) -> bool:
    """Equal HTML, the one spelling of the apostrophe aside (escaping itself is compared, not undone)."""
    return js.replace("&#39;", "&#x27;") == py


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_python_and_javascript_popups_are_the_same(shipped, tmp_path, lang):
    view = View(lang=lang)
    parks = apply_view(shipped, view)
    labels = Labels(shipped, lang)
    styled = style.style_parks(parks, shipped.industries)
    js = _js_html(canvas_payload(parks, labels)["json"], tmp_path)
    assert set(js) == set(styled["park_id"])
    for _, row in styled.iterrows():
        tip, pop = js[row["park_id"]]
        assert _same(pop, popup_html(row, labels)), row["park_id"]
        assert _same(tip, tooltip_html(row, labels)), row["park_id"]


def test_a_park_with_no_stated_industry_or_scale_reads_alike(shipped, tmp_path):
    parks = apply_view(shipped, View()).copy()
    parks.loc[parks.index[0], ["dominant_sector", "dominant_chain", "target_scale_yi"]] = ["", "", float("nan")]
    labels = Labels(shipped, "zh")
    styled = style.style_parks(parks, shipped.industries)
    js = _js_html(canvas_payload(parks, labels)["json"], tmp_path)
    row = styled.iloc[0]
    assert _same(js[row["park_id"]][1], popup_html(row, labels))
    assert "未明确产业" in popup_html(row, labels)
