"""Tests of ``python -m geo export`` (cli/export.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from cli.main import main
from geo.view import View, apply_view

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_png_with_filters(capsys, tmp_path, shipped):
    out = tmp_path / "map.png"
    code, stdout, _ = run(capsys, "--out", str(out), "--dpi", "60", "--district", "合川区", "--paper", "a3",
                          "--orientation", "portrait", "--lang", "en", "--title", "Hechuan")
    assert code == 0
    n = len(apply_view(shipped, View(districts=("合川区",))))
    assert f"({n} parks)" in stdout
    im = Image.open(out)
    assert im.size == (round(297 / 25.4 * 60), round(420 / 25.4 * 60))
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]  # atomic write leaves no temp file


@pytest.mark.parametrize("suffix,magic", [(".pdf", b"%PDF"), (".svg", b"<?xml")])
def test_vector_formats(capsys, tmp_path, suffix, magic):
    out = tmp_path / f"map{suffix}"
    code, _, _ = run(capsys, "--out", str(out), "--sector", "先进材料")
    assert code == 0
    assert out.read_bytes().startswith(magic)


def test_tables(capsys, tmp_path, shipped):
    for name in ("t.xlsx", "t.csv", "t.geojson"):
        code, _, err = run(capsys, "--out", str(tmp_path / name), "--district", "大足区", "--plan", "dazu-2022")
        assert code == 0, err
    book = pd.read_excel(tmp_path / "t.xlsx", sheet_name=None)
    assert set(book) >= {"parks", "clusters"}
    csv = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig")
    assert set(csv["district"]) == {"大足区"}
    gj = json.loads((tmp_path / "t.geojson").read_text(encoding="utf-8"))
    view = View(districts=("大足区",), vintage="dazu-2022")
    assert len(gj["features"]) == len(apply_view(shipped, view))


def test_html(capsys, tmp_path):
    out = tmp_path / "map.html"
    code, _, err = run(capsys, "--out", str(out), "--district", "永川区")
    assert code == 0, err
    from layers.html_export import remote_assets

    page = out.read_text(encoding="utf-8")
    assert remote_assets(page) == []
    assert "pm-park-yc-" in page


def test_per_district(capsys, tmp_path, shipped):
    d = tmp_path / "per"
    code, stdout, _ = run(capsys, "--per-district", str(d), "--dpi", "50")
    assert code == 0
    names = sorted(p.name for p in d.iterdir())
    districts = sorted(set(apply_view(shipped, View())["district"]))
    en = dict(zip(shipped.districts["district"], shipped.districts["district_en"], strict=True))
    assert names == sorted(f"{x}_{en[x]}.png" for x in districts)
    for p in d.iterdir():
        assert Image.open(p).format == "PNG"


def test_per_district_takes_the_format_from_out(capsys, tmp_path):
    d = tmp_path / "per"
    code, _, _ = run(capsys, "--out", str(tmp_path / "all.svg"), "--per-district", str(d), "--sector", "先进材料")
    assert code == 0
    assert (tmp_path / "all.svg").exists()
    assert {p.suffix for p in d.iterdir()} == {".svg"}


@pytest.mark.parametrize(
    "args,message",
    [
        (["--out", "x.jpg"], "cannot export 'x.jpg'"),
        (["--out", "x.png", "--district", "火星区"], "unknown district"),
        (["--out", "x.png", "--sector", "航天"], "unknown sector"),
        (["--out", "x.png", "--plan", "nope-2099"], "unknown plan 'nope-2099'"),
        (["--out", "x.png", "--dpi", "5000"], "out of range"),
        ([], "give --out"),
        (["--out", "x.csv", "--per-district", "d"], "not a map format"),
    ],
)
def test_bad_input_exits_1_with_a_message(capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_bad_data_exits_1_naming_the_file(capsys, tmp_path, data_copy):
    (data_copy / "parks.geojson").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--out", str(tmp_path / "m.png"), "--data-dir", str(data_copy))
    assert code == 1
    assert "parks.geojson" in err and "Traceback" not in err
    assert not (tmp_path / "m.png").exists()


def test_registered_with_python_m_geo(tmp_path):
    out = tmp_path / "m.png"
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--out", str(out), "--dpi", "50", "--district", "黔江区"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert Image.open(io.BytesIO(out.read_bytes())).format == "PNG"


def test_per_district_file_names_from_data_stay_in_the_folder(capsys, tmp_path, mini_dir):
    doc = json.loads((mini_dir / "districts.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["district_en"] = "/../../../../escaped"
    doc["features"][1]["properties"]["district_en"] = "..\\..\\win:*?"
    (mini_dir / "districts.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "deep" / "er" / "per"
    code, stdout, err = run(capsys, "--out", str(tmp_path / "all.svg"), "--per-district", str(out),
                            "--data-dir", str(mini_dir))
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["乙区_win.svg", "甲区_escaped.svg"]
    assert not list(tmp_path.rglob("escaped*"))[1:]  # only the one inside the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.svg", "data", "deep"]
    assert not Path("/escaped.svg").exists()


@given(st.text(max_size=300))
def test_safe_filename_never_leaves_the_folder(stem):
    from cli.export import MAX_STEM, confined, safe_filename

    s = safe_filename(stem)
    assert s and len(s) <= MAX_STEM
    assert not any(c in s for c in '/\\:*?"<>|') and not any(ord(c) < 32 for c in s)
    assert not s.startswith(".") and s not in (".", "..")
    p = confined(Path("/tmp/x"), s + ".png")
    assert p.parent == Path("/tmp/x")
