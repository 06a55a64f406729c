"""Column specifications of the dataset's tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, whether it is required and its kind."""

    name: str
    required: bool = True
    kind: str = "text"  # text | slug | number | year | date | list | enum | color
    may_be_absent: bool = False  # a later optional column: files written before it existed stay valid


PLANS = (
    Column("plan_id", kind="slug"),
    Column("district"),
    Column("title"),
    Column("doc_number", required=False),
    Column("issued", kind="date"),
    Column("horizon_year", kind="year"),
    Column("text_file"),
    Column("system", required=False, may_be_absent=True),  # the plan's own declared system label, e.g. 6+4 (docs/coding.md)
    Column("system_quote", required=False, may_be_absent=True),  # verbatim words stating it
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
    # the location note in Chinese (the note above is English); the panel shows it on Chinese screens
    Column("location_note_zh", required=False, may_be_absent=True),
    Column("quote"),
    Column("parent_id", required=False, kind="slug", may_be_absent=True),  # the zone this park is a sub-zone of
    Column("network", required=False, kind="slug", may_be_absent=True),  # id shared by the parks of one hub-and-nodes system
    Column("network_role", required=False, kind="enum", may_be_absent=True),  # hub | node
    Column("uncertainty_m", required=False, kind="number", may_be_absent=True),  # radius of location uncertainty (m)
    # provenance of a site corrected by a planner (geo/sites.py); absent on uncorrected data
    Column("geometry_source", required=False, may_be_absent=True),
    Column("geometry_editor", required=False, may_be_absent=True),
    Column("geometry_date", required=False, kind="date", may_be_absent=True),
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
    Column("role_basis", required=False, may_be_absent=True),  # verbatim words licensing the role when the quote has no cue
    Column("year_basis", required=False, may_be_absent=True),  # verbatim words stating the target year when the quote does not
)

INDUSTRIES = (
    Column("sector"),
    Column("chain", required=False),
    Column("name_en"),
    Column("color", required=False, kind="color"),
    Column("synonyms", required=False, kind="list"),
    Column("domain", required=False, kind="enum", may_be_absent=True),  # manufacturing | services | logistics | agriculture | ...
)

DISTRICTS = (
    Column("district"),
    Column("district_en"),
)


def names(columns: tuple[Column, ...]) -> list[str]:
    """Column names of a table spec, in order."""
    return [c.name for c in columns]
