"""Tests for ``python -m geo ingest``: CSV/JSON output, stdin, GBK, folders of .docx/.pdf/.html, district names,
and clear errors for bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli.ingest import district_choice
from cli.main import main
from geo import settings
from geo.settings import ROOT

TEXT = "北园重点发展汽车零部件、电子信息。到2027年，电梯产业产值力争突破30亿元。"


@pytest.fixture
def plan_file(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_csv_output(plan_file, capsys):
    assert main(["ingest", str(plan_file), "--district", "合川", "--plan-id", "x-2024"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [(r["kind"], r["park"], r["industry_as_written"]) for r in rows] == [
        ("park_industry", "北园", "汽车零部件"), ("park_industry", "北园", "电子信息"), ("target", "", "电梯产业"),
    ]
    assert rows[0]["district"] == "合川区" and rows[0]["plan_id"] == "x-2024"
    assert rows[2]["target_value_yi"] == "30.0" and rows[2]["target_year"] == "2027"
    assert all(r["quote"] in TEXT for r in rows)
    assert "3 findings (1 targets)" in out.err


def test_json_from_gbk_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("gbk"))))
    assert main(["ingest", "-", "--district", "合川区", "--format", "json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert recs[2]["target_value_yi"] == 30.0 and recs[2]["target_year"] == 2027
    assert recs[0]["target_value_yi"] is None and recs[0]["quote"] == "北园重点发展汽车零部件"


@pytest.mark.parametrize("args, message", [
    (["missing.txt", "--district", "合川区"], "file not found"),
    (["{file}", "--district", "江"], "could be 江北区, 江津区"),
    (["{empty}", "--district", "合川区"], "is empty"),
    (["{binary}", "--district", "合川区"], "binary file"),
])
def test_bad_input_exit_1_with_message(args, message, tmp_path, plan_file, capsys):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00" * 20)
    args = [a.format(file=plan_file, empty=tmp_path / "empty.txt", binary=tmp_path / "bin.txt") for a in args]
    assert main(["ingest", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_module_entry_point_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\x80\x81" * 10)
    r = subprocess.run([sys.executable, "-m", "geo", "ingest", str(bad), "--district", "合川区"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "neither UTF-8 nor GBK" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------------------------------- district names


@pytest.mark.parametrize("given, official", [
    ("酉阳县", "酉阳土家族苗族自治县"), ("彭水县", "彭水苗族土家族自治县"), ("石柱县", "石柱土家族自治县"),
    ("秀山", "秀山土家族苗族自治县"), ("涪陵", "涪陵区"), ("涪陵区", "涪陵区"), ("重庆市万州区", "万州区"), ("忠县", "忠县"),
])
def test_short_district_names(given, official):
    assert district_choice(given, settings.DATA_DIR) == (official, "")


def test_district_outside_chongqing_is_a_label_with_a_warning(plan_file, capsys):
    assert main(["ingest", str(plan_file), "--district", "邹城市"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert rows and {r["district"] for r in rows} == {"邹城市"}
    assert "not a Chongqing district" in out.err and "label only" in out.err


# ------------------------------------------------------------------------------------------- real documents

DOCX_TEXT = "高峰园29.26平方公里，重点发展装备制造、现代医药、环保产业。力争到2017年，工业总产值达到1000亿元。"
PDF_TEXT = "在李渡园区重点发展汽车、新一代电子信息和生物医药。"
HTML_TEXT = "白涛园区重点发展天然气及氯氟化工、聚氨酯聚酰胺、页岩气深加工三大产业集群。"


def _docx(path):
    import docx

    d = docx.Document()
    d.add_paragraph("重庆市万州区经开区产业规划")
    d.add_paragraph(DOCX_TEXT)
    tb = d.add_table(rows=2, cols=2)
    tb.cell(0, 0).text, tb.cell(0, 1).text = "园区", "主导产业"
    tb.cell(1, 0).text, tb.cell(1, 1).text = "天子园", "汽车制造、LED照明"
    d.save(path)


def _pdf(path, text):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import mplfonts
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(Path(mplfonts.__file__).parent / "fonts" / "SimHei.ttf"))
    with plt.rc_context({"pdf.fonttype": 42}):  # TrueType with a ToUnicode map: a real text layer
        fig = plt.figure(figsize=(8.27, 11.69))
        if text:
            fig.text(0.05, 0.9, text, fontproperties=font, fontsize=10)
        fig.savefig(path)
        plt.close(fig)


def _html(path):
    path.write_text(
        "<html><head><meta charset='utf-8'><title>涪陵区</title><script>var s='北园重点发展毒药';</script>"
        "<style>p{color:red}</style></head><body><nav>首页 南园重点发展导航</nav>"
        f"<div><p>{HTML_TEXT}</p></div><footer>版权所有</footer></body></html>", encoding="utf-8")


def test_folder_with_docx_pdf_html_gives_one_review_file(tmp_path, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    _docx(folder / "万州经开区.docx")
    _pdf(folder / "涪陵李渡.pdf", PDF_TEXT)
    _html(folder / "涪陵白涛.html")
    assert main(["ingest", str(folder)]) == 0
    err = capsys.readouterr().err
    review = folder / "ingest_review.csv"
    assert review.exists() and "3 document(s)" in err
    rows = list(csv.DictReader(review.open(encoding="utf-8")))
    got = {(r["document"], r["park"], r["industry_as_written"]) for r in rows if r["kind"] == "park_industry"}
    assert {("万州经开区.docx", "高峰园", "现代医药"), ("万州经开区.docx", "天子园", "LED照明"),
            ("涪陵李渡.pdf", "李渡园区", "生物医药"), ("涪陵白涛.html", "白涛园区", "聚氨酯聚酰胺")} <= got
    # script and navigation text is not read as a plan
    assert not any(r["park"] in ("北园", "南园") for r in rows)
    # districts guessed per document, targets kept with their year
    assert {r["district"] for r in rows if r["document"].startswith("涪陵")} == {"涪陵区"}
    assert any(r["target_value_yi"] == "1000.0" and r["target_year"] == "2017" for r in rows)
    # every quote is a verbatim substring of the extracted text kept beside the review file
    for r in rows:
        text = (folder / r["text_file"]).read_text(encoding="utf-8")
        assert r["quote"] and r["quote"] in text
        assert text[int(r["start"]):int(r["end"])] == r["quote"]


def test_scanned_pdf_is_named_and_the_rest_still_drafted(tmp_path, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    _pdf(folder / "scan.pdf", "")
    _html(folder / "page.html")
    assert main(["ingest", str(folder), "--district", "涪陵"]) == 1
    err = capsys.readouterr().err
    assert "scan.pdf" in err and "no text layer" in err and "Traceback" not in err
    rows = list(csv.DictReader((folder / "ingest_review.csv").open(encoding="utf-8")))
    assert {r["document"] for r in rows} == {"page.html"}


def test_single_docx_and_unsupported_types(tmp_path, capsys):
    _docx(tmp_path / "a.docx")
    assert main(["ingest", str(tmp_path / "a.docx"), "--district", "万州", "--out", str(tmp_path / "r.json"),
                 "--format", "json"]) == 0
    recs = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    text = (tmp_path / recs[0]["text_file"]).read_text(encoding="utf-8")
    assert all(r["quote"] in text for r in recs) and {r["district"] for r in recs} == {"万州区"}
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    capsys.readouterr()
    assert main(["ingest", str(tmp_path / "b.doc"), "--district", "万州"]) == 1
    assert "save it as .docx" in capsys.readouterr().err
    (tmp_path / "c.docx").write_bytes(b"not a zip")
    assert main(["ingest", str(tmp_path / "c.docx"), "--district", "万州"]) == 1
    assert "not a readable Word" in capsys.readouterr().err


def test_sentences_to_check_are_rows_of_kind_check_unless_left_out(tmp_path, capsys):
    p = tmp_path / "plan.txt"
    text = "北园重点发展汽车零部件。南园集电子信息、生物医药为一体。"
    p.write_text(text, encoding="utf-8")
    assert main(["ingest", str(p), "--district", "合川"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    checks = [r for r in rows if r["kind"] == "check"]
    assert [r["quote"] for r in checks] == ["南园集电子信息、生物医药为一体。"]
    assert checks[0]["park"] == "南园" and checks[0]["industry_as_written"] == "电子信息、生物医药"
    assert "1 sentences to check" in out.err
    assert main(["ingest", str(p), "--district", "合川", "--no-checks"]) == 0
    assert "check" not in {r["kind"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}


def test_add_plan_leaves_out_rows_of_kind_check(tmp_path):
    import pandas as pd

    from cli.add_plan import review_from_draft

    draft = pd.DataFrame([
        {"kind": "park_industry", "park": "北园", "industry_as_written": "汽车零部件", "quote": "北园重点发展汽车零部件"},
        {"kind": "check", "park": "南园", "industry_as_written": "电子信息、生物医药", "quote": "南园集电子信息、生物医药为一体。"},
    ])
    review = review_from_draft(draft, settings.DATA_DIR, "合川区")
    assert list(review["industry_as_written"]) == ["汽车零部件"]


def test_a_sentence_to_check_naming_no_park_lists_the_parks_named_nearby(tmp_path, capsys):
    p = tmp_path / "plan.txt"
    p.write_text("北园重点发展汽车零部件。南园位于城南。同时,加快高端装备、新能源汽车零部件项目落地,形成集群。", encoding="utf-8")
    assert main(["ingest", str(p), "--district", "合川"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    check = next(r for r in rows if r["kind"] == "check")
    # the park the text names first leads, then the nearest
    assert check["park"] == "" and check["note"].endswith("parks named nearby: 北园、南园")
