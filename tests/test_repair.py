"""Tests for geo.repair and ``python -m geo repair`` (cli/repair.py): make_valid only on request, previous version kept."""

from __future__ import annotations

import json

from cli.main import main
from geo.io import previous_versions
from geo.load import load_dataset


def _bowtie(mini_dir):
    p = mini_dir / "parks.geojson"
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[106.1, 29.6], [106.3, 29.8], [106.3, 29.6], [106.1, 29.8], [106.1, 29.6]]],
    }
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return p


def test_repair_dry_run_then_write(mini_dir, capsys):
    p = _bowtie(mini_dir)
    before = p.read_text(encoding="utf-8")
    assert main(["repair", "--data-dir", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    assert "jia-1" in out and "Self-intersection" in out and "dry run" in out
    assert p.read_text(encoding="utf-8") == before
    assert main(["repair", "--data-dir", str(mini_dir), "--write"]) == 0
    ds = load_dataset(mini_dir)
    assert ds.parks.geometry.iloc[0].is_valid and ds.parks.geometry.iloc[0].geom_type == "MultiPolygon"
    assert len(previous_versions(p)) == 1


def test_repair_on_valid_data_changes_nothing(mini_dir, capsys):
    assert main(["repair", "--data-dir", str(mini_dir), "--write"]) == 0
    assert "nothing to repair" in capsys.readouterr().out
    assert not previous_versions(mini_dir / "parks.geojson")
