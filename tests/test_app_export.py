"""Tests of the 导出 page (app_pages/export.py) in Streamlit's AppTest: the view comes from the URL."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "export.py")


def test_export_page_reads_the_view_from_the_url_and_offers_every_download():
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["districts"] = "合川区"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Export"]
    assert [s.value for s in at.subheader] == ["Map for reports (PNG / PDF / SVG)", "Interactive map (offline HTML)",
                                                "Tables"]
    assert "Manufacturing parks and their lead industries: Hechuan" in at.text[0].value
    assert not at.error
