"""Column specifications of the dataset's tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, whether it is required and its kind."""

    name: str
    required: bool = True
    kind: str = "text"  # text | slug | number | year | date | list | enum | color
    #: Whether the column itself must exist (an optional column may be absent from older files).
    present: bool = True


PLANS = (
    Column("plan_id", kind="slug"),
    Column("district"),
    Column("title"),
    Column("doc_number", required=False),
    Column("issued", kind="date"),
    Column("horizon_year", kind="year"),
    Column("text_file"),
)

PARKS = (
    Column("park_id", kind="slug"),
    Column("name_zh"),
    Column("name_en"),
    Column("district"),
    Column("kind", kind="enum"),
    Column("tier", required=False),
    Column("plan_ids", kind="list"),
    Column("area_km2", required=False, kind="number"),
    Column("area_quote", required=False),
    Column("geometry_quality", kind="enum"),
    Column("location_note"),
    Column("quote"),
    # provenance of a site corrected by a planner (geo/sites.py); absent on uncorrected data
    Column("geometry_source", required=False, present=False),
    Column("geometry_editor", required=False, present=False),
    Column("geometry_date", required=False, kind="date", present=False),
)

CLUSTERS = (
    Column("cluster_id", kind="slug"),
    Column("plan_id", kind="slug"),
    Column("district"),
    Column("park_ids", required=False, kind="list"),
    Column("name_as_written"),
    Column("sector", required=False),
    Column("chain", required=False),
    Column("role", kind="enum"),
    Column("target_value_yi", required=False, kind="number"),
    Column("target_year", required=False, kind="year"),
    Column("baseline_value_yi", required=False, kind="number"),
    Column("baseline_year", required=False, kind="year"),
    Column("quote"),
)

INDUSTRIES = (
    Column("sector"),
    Column("chain", required=False),
    Column("name_en"),
    Column("color", required=False, kind="color"),
    Column("synonyms", required=False, kind="list"),
)

DISTRICTS = (
    Column("district"),
    Column("district_en"),
)


def names(columns: tuple[Column, ...]) -> list[str]:
    """Column names of a table spec, in order."""
    return [c.name for c in columns]
