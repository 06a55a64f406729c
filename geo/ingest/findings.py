"""The result type of ingestion: one drafted fact (:class:`Finding`) and its table form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

import pandas as pd

KINDS = ("park_industry", "target", "total")

# --------------------------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Finding:
    """One drafted fact, to be reviewed before it becomes a clusters.csv row.

    Parameters
    ----------
    kind : str
        ``park_industry`` (a park is assigned an industry), ``target`` (an industry's 亿元 target) or
        ``total`` (an aggregate target: district output, a park's total output…).
    park : str
        Park name as written (empty = district-wide), without a preposition or a town before it.
    town : str
        Town or street the text puts the park in ("璧泉街道的璧山高新区", "P位于X镇"), else empty.
    industry_as_written : str
        Industry as the plan writes it (empty for aggregates).
    sector, chain : str
        From the industry vocabulary (``data/industries.csv`` plus built-in synonyms); empty if unknown.
    role : str
        Guess: lead / specialty / emerging / other / total.
    target_value_yi, target_year, baseline_value_yi, baseline_year
        Target in 亿元 and its year; baseline where the plan states one.
    quote : str
        Verbatim substring of the input text stating the fact.
    confidence : float
        0–1; lowered when the subject, industry or year had to be resolved from further away.
    note : str
        How uncertain parts were resolved (e.g. "year from plan horizon").
    start, end : int
        Offsets of ``quote`` in the original text.
    """

    kind: str
    park: str = ""
    town: str = ""
    industry_as_written: str = ""
    sector: str = ""
    chain: str = ""
    role: str = ""
    target_value_yi: float | None = None
    target_year: int | None = None
    baseline_value_yi: float | None = None
    baseline_year: int | None = None
    quote: str = ""
    confidence: float = 0.0
    note: str = ""
    start: int = -1
    end: int = -1


#: Column order of :func:`findings_frame`.
COLUMNS = [f.name for f in fields(Finding)]


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame (one row each, columns :data:`COLUMNS`; numbers nullable)."""
    df = pd.DataFrame([asdict(f) for f in findings], columns=COLUMNS)
    for c in ("target_value_yi", "baseline_value_yi", "confidence"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("target_year", "baseline_year", "start", "end"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df
