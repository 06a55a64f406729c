"""``python -m geo overlaps``: print the overlapping industries (同质化), or the 2+4 rule table, as CSV or JSON."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from geo import settings
from geo.overlap import KINDS, LEVELS, district_rule_counts, find_overlaps, flat_table
from geo.summary import select_plans
from geo.view import compared_plans_note

from .registry import command

#: Columns printed by the CLI, in order (the first seven are the promised interface).
CLI_COLUMNS = [
    "industry",
    "districts",
    "parks",
    "n_districts",
    "total_target_yi",
    "severity",
    "evidence",
    "kind",
    "level",
    "industry_en",
    "sector",
    "n_parks",
    "min_distance_km",
    "severity_level",
    "severity_reasons",
    "side_summary",
    "plan_ids",
    "distance_uncertainty_km",
    "vintage_changes",
    "systems",
]

#: Columns printed by ``--rule`` (one row per selected plan).
RULE_CLI_COLUMNS = [
    "district",
    "plan_id",
    "system",
    "n_lead",
    "max_lead",
    "n_specialty",
    "max_specialty",
    "over",
    "statement_zh",
    "statement_en",
    "lead_industries",
    "specialty_industries",
    "system_quote",
]


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--level", choices=LEVELS, default="sector", help="compare sectors or chains (default: sector)")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default: csv)")
    p.add_argument("--data-dir", type=Path, default=None, help="data folder (default: the configured store, data/)")
    p.add_argument(
        "--plan", default=settings.OVERLAP_DEFAULT_VINTAGE,
        help="plans to compare: latest (the plans in force, each district's latest: the default of the app and the exports), "
        "all (every plan, the later one speaking on a shared industry), or one plan id"
    )
    p.add_argument(
        "--kind", choices=(*KINDS, "all"), default="all", help="cross_district, within_district or all (default)"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of severity_reasons")
    p.add_argument(
        "--no-directions", action="store_true", help="leave out district-level directions (Table 1 of hechuan-2023-02)"
    )
    p.add_argument(
        "--all-domains",
        action="store_true",
        help="compare industries of every domain (logistics, services, tourism, agriculture, energy), "
        "not only manufacturing",
    )
    p.add_argument(
        "--rule",
        action="store_true",
        help="print each plan's declared system against the municipal 2+4 rule instead of the overlaps",
    )


def _jsonable(v):
    if isinstance(v, tuple | list):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):  # numpy scalars
        return _jsonable(v.item())
    return v


def overlaps_table(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compute the overlaps for parsed CLI arguments: (full table, flat table in :data:`CLI_COLUMNS`)."""
    from geo.store import open_store

    ds = open_store(args.data_dir).load()
    plan_ids = select_plans(ds, args.plan)
    print(compared_plans_note(ds, plan_ids, args.plan, args.lang), file=sys.stderr)  # stdout stays a clean table
    kinds = KINDS if args.kind == "all" else (args.kind,)
    full = find_overlaps(
        ds,
        args.level,
        plan_ids,
        directions=not args.no_directions,
        kinds=kinds,
        lang=args.lang,
        all_domains=args.all_domains,
    )
    flat = flat_table(full)
    flat.insert(1, "level", args.level)
    return full, flat[CLI_COLUMNS]


@command("overlaps", "list industries targeted by two or more districts (同质化), with severity and evidence")
def overlaps(args: argparse.Namespace) -> int:
    """Print one row per overlapping industry (or, with ``--rule``, one row per plan's 2+4 count)."""
    if args.rule:
        return _print_rule(args)
    full, flat = overlaps_table(args)
    if args.format == "csv":
        from geo.tables import safe_frame

        safe_frame(flat).to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    recs = []
    for (_, f), (_, r) in zip(flat.iterrows(), full.iterrows(), strict=True):
        rec = {c: _jsonable(f[c]) for c in CLI_COLUMNS}
        for c in ("districts", "parks", "plan_ids"):
            rec[c] = list(r[c])
        rec["reason_codes"] = list(r["reason_codes"])
        rec["links"] = [dict(park_a=a, park_b=b, km=round(km, 2)) for a, b, km in r["links"]]
        rec["near_pairs"] = [
            dict(park_a=a, park_b=b, km=round(km, 2), uncertainty_km=round(pm, 2)) for a, b, km, pm in r["near_pairs"]
        ]
        rec["sides"] = _jsonable(r["sides"])
        recs.append(rec)
    json.dump(recs, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _print_rule(args: argparse.Namespace) -> int:
    from geo.load import load_dataset

    ds = load_dataset(args.data_dir)
    rule = district_rule_counts(ds, select_plans(ds, args.plan))[RULE_CLI_COLUMNS]
    if args.format == "csv":
        rule.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    recs = [{c: _jsonable(r[c]) for c in RULE_CLI_COLUMNS} for _, r in rule.iterrows()]
    json.dump(recs, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


overlaps.configure = _configure  # type: ignore[attr-defined]
