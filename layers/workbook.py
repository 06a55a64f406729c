"""The XLSX workbook of a view for people: column headers and coded cells as words in the view's language."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import tables
from geo.load import Dataset
from geo.view import View

from . import i18n
from .i18n import t


def xlsx_header(field: str, lang: str = "zh") -> str:
    """The XLSX column header of a field in the view's language (``layers.i18n`` ``xf_<field>``; the field name
    itself when no label is known)."""
    key = f"xf_{field}"
    label = t(key, lang)
    return field if label == key else label


def _labelled(name: str, df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A sheet for people: codes in cells (roles, severity, kinds, location quality) and headers as words."""
    df = df.copy()
    coded = {
        "role": lambda v: i18n.role(v, lang) if v else v,
        "severity_level": lambda v: i18n.t(f"ov_sev_{v}", lang) if v else v,
        "geometry_quality": lambda v: i18n.quality(v, lang) if v else v,
        "scale_basis": lambda v: i18n.t(f"xv_basis_{v}", lang) if v else v,
    }
    if name == "overlaps":
        coded["kind"] = lambda v: i18n.t(f"ov_kind_{v}", lang) if v else v
    for col, fn in coded.items():
        if col in df.columns:
            df[col] = df[col].map(lambda v, fn=fn: fn(v) if isinstance(v, str) else v)
    df.columns = [xlsx_header(c, lang) for c in df.columns]
    return df


def to_xlsx(ds: Dataset, view: View, export_date: date | None = None) -> bytes:
    """The view's workbook (:func:`geo.tables.to_xlsx`) with headers and coded cells in the view's language."""
    return tables.to_xlsx(ds, view, export_date, header=xlsx_header, label=_labelled)
