"""Plan ingestion quality: precision and recall of drafted targets and park→industry pairs against clusters.csv.

Run ``python -m bench.eval_ingest [--verbose]`` (or as part of ``python -m bench``).

Matching, defined once here:

* **Targets.** A truth target is a clusters.csv row of the plan with a ``target_value_yi``; its key is
  (district, value, year). A drafted target is a finding with a value (kinds ``target`` and ``total``);
  its key is (the plan's district, value, year). Keys are matched one-to-one (a multiset: two truth
  rows of 30亿 in 2027 need two drafted ones). Precision = matched / drafted, recall = matched / truth.
* **Park → industry pairs.** Truth pairs are (park_id, sector) for every park named in
  ``park_ids`` of a row with an industry role (lead, specialty, emerging, direction) and a sector.
  Drafted pairs come from findings with a park and a sector (park_industry rows and industry targets
  stated for a park); the park name is resolved to a park_id of the plan's district with
  :func:`geo.ingest.match_park` against the parks file (an unresolved name stays unmatched). A drafted
  pair matches a truth pair with the same park_id and the same sector, or with a non-empty chain in
  common (a drafted row's chain equal to a curated row's chain for that park, whatever sector each
  was filed under). Pairs are sets: the same (park, sector) drafted twice counts once. Precision = drafted pairs that
  match / drafted pairs, recall = truth pairs matched / truth pairs.
* Also printed, stricter: targets matched on (district, value, year, sector) — the industry a target
  was resolved to must agree as well (totals have no sector on either side).

Truth is ``data/clusters.csv`` (and ``data/parks.geojson``) when they exist; otherwise the curators'
drafts in ``data/_draft/`` (``<plan>.clusters.csv`` / ``<plan>.parks.csv``). Plans without truth rows
are reported and left out of the totals.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo import settings  # noqa: E402
from geo.ingest import draft_rows, match_park  # noqa: E402
from geo.io import read_geojson, read_table, read_text  # noqa: E402

INDUSTRY_ROLES = set(settings.INDUSTRY_ROLES)


def _truth(data: Path) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(clusters, parks, source description)."""
    cl_path, pk_path = data / settings.CLUSTERS_FILE, data / settings.PARKS_FILE
    if cl_path.exists() and pk_path.exists():
        parks = read_geojson(pk_path)
        return read_table(cl_path), pd.DataFrame(parks.drop(columns="geometry")), "data/clusters.csv"
    drafts = sorted((data / "_draft").glob("*.clusters.csv"))
    cl = pd.concat([read_table(p) for p in drafts], ignore_index=True) if drafts else pd.DataFrame()
    pk_files = sorted((data / "_draft").glob("*.parks.csv"))
    pk = pd.concat([read_table(p) for p in pk_files], ignore_index=True) if pk_files else pd.DataFrame()
    if len(pk):
        pk = pk.drop_duplicates("park_id")
    return cl, pk, "data/_draft/*.clusters.csv"


def _num(v) -> float | None:
    try:
        return None if str(v).strip() == "" else float(v)
    except ValueError:
        return None


def _pr(tp_p: int, n_p: int, tp_r: int, n_t: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else (1.0 if not n_t else 0.0)
    r = tp_r / n_t if n_t else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(data: Path = settings.DATA_DIR, verbose: bool = False, vocab: str = "full") -> dict:
    """Run ingestion on every plan with truth rows and score it.

    ``vocab="sectors"`` keeps only the 14 sector names of industries.csv (no chains, no synonyms), so the
    built-in vocabulary does the classifying: a check that the scores do not hinge on synonyms the
    curators added while reading these very plans.

    Returns
    -------
    dict
        ``plans`` (per plan counts) and ``overall`` (micro-averaged precision, recall, F1).
    """
    plans = read_table(data / settings.PLANS_FILE)
    clusters, parks, source = _truth(data)
    industries = read_table(data / settings.INDUSTRIES_FILE)
    if vocab == "sectors":
        industries = industries[industries["chain"] == ""].assign(synonyms="")
    per: dict[str, dict] = {}
    tot = Counter()
    for _, plan in plans.iterrows():
        pid, district = plan["plan_id"], plan["district"]
        truth = clusters[clusters["plan_id"] == pid] if len(clusters) else clusters
        if not len(truth):
            per[pid] = {"skipped": "no truth rows"}
            continue
        text = read_text(data / plan["text_file"])
        horizon = int(plan["horizon_year"]) if str(plan.get("horizon_year", "")).strip() else None
        t0 = time.perf_counter()
        found = draft_rows(text, district, pid, industries, horizon_year=horizon)
        secs = time.perf_counter() - t0
        # --- targets
        t_keys = Counter()
        for _, r in truth.iterrows():
            v, y = _num(r["target_value_yi"]), _num(r["target_year"])
            if v is not None:
                t_keys[(r["district"], round(v, 4), int(y) if y else None)] += 1
        p_keys = Counter(
            (district, round(f.target_value_yi, 4), f.target_year) for f in found if f.target_value_yi is not None
        )
        t_tp = sum((t_keys & p_keys).values())
        # stricter: the target's sector must agree too ("" for totals on both sides)
        ts_keys = Counter()
        for _, r in truth.iterrows():
            v, y = _num(r["target_value_yi"]), _num(r["target_year"])
            if v is not None:
                ts_keys[(r["district"], round(v, 4), int(y) if y else None, r["sector"])] += 1
        ps_keys = Counter(
            (district, round(f.target_value_yi, 4), f.target_year, f.sector)
            for f in found
            if f.target_value_yi is not None
        )
        ts_tp = sum((ts_keys & ps_keys).values())
        # --- pairs: (park_id, sector) → chains named for it
        truth_pairs: dict[tuple[str, str], set[str]] = {}
        for _, r in truth.iterrows():
            if r["role"] in INDUSTRY_ROLES and r["sector"]:
                for park in [x.strip() for x in str(r["park_ids"]).split(";") if x.strip()]:
                    truth_pairs.setdefault((park, r["sector"]), set()).add(r["chain"])
        pk = parks[parks["district"] == district] if len(parks) else parks
        pred_pairs: dict[tuple[str, str], set[str]] = {}
        for f in found:
            if f.park and f.sector and f.kind != "total":
                pidk = match_park(f.park, pk, district) or f"?{f.park}"
                pred_pairs.setdefault((pidk, f.sector), set()).add(f.chain)

        def ok(pred, tr, pred_pairs=pred_pairs, truth_pairs=truth_pairs):
            (pp_, ps), (tp_, ts) = pred, tr
            if pp_ != tp_:
                return False
            return ps == ts or bool((pred_pairs[pred] & truth_pairs[tr]) - {""})

        pp_tp = sum(1 for p in pred_pairs if any(ok(p, t) for t in truth_pairs))
        pr_tp = sum(1 for t in truth_pairs if any(ok(p, t) for p in pred_pairs))
        per[pid] = dict(
            targets_pred=sum(p_keys.values()), targets_truth=sum(t_keys.values()), targets_tp=t_tp, targets_sector_tp=ts_tp,
            pairs_pred=len(pred_pairs), pairs_truth=len(truth_pairs), pairs_tp_p=pp_tp, pairs_tp_r=pr_tp,
            seconds=secs, findings=len(found),
        )
        for k, v in per[pid].items():
            if k != "seconds":
                tot[k] += v
        if verbose:
            print(f"\n=== {pid}")
            for k in (p_keys - t_keys).elements():
                fs = [f for f in found if f.target_value_yi == k[1] and f.target_year == k[2]]
                print("  FP target", k[1:], "|", fs[0].industry_as_written if fs else "", "|", fs[0].quote[:60] if fs else "")
            for k in (t_keys - p_keys).elements():
                rs = truth[(truth["target_value_yi"].map(_num) == k[1])]
                print("  FN target", k[1:], "|", rs["name_as_written"].tolist()[:2])
            for p in sorted(pred_pairs):
                if not any(ok(p, t) for t in truth_pairs):
                    print("  FP pair", p)
            for t in sorted(truth_pairs):
                if not any(ok(p, t) for p in pred_pairs):
                    print("  FN pair", t)
    tp, tr, tf = _pr(tot["targets_tp"], tot["targets_pred"], tot["targets_tp"], tot["targets_truth"])
    pp, prr, pf = _pr(tot["pairs_tp_p"], tot["pairs_pred"], tot["pairs_tp_r"], tot["pairs_truth"])
    sp, sr, _ = _pr(tot["targets_sector_tp"], tot["targets_pred"], tot["targets_sector_tp"], tot["targets_truth"])
    return dict(source=source, plans=per, overall=dict(
        target_precision=tp, target_recall=tr, target_f1=tf, pair_precision=pp, pair_recall=prr, pair_f1=pf,
        target_sector_precision=sp, target_sector_recall=sr,
    ))


def _print(res: dict) -> None:
    print(f"truth: {res['source']}")
    print(f"{'plan':<18} {'targets P':>9} {'R':>6} {'(tp/pred/truth)':>16}   {'pairs P':>7} {'R':>6} {'(pred/truth)':>13}  time")
    for pid, d in res["plans"].items():
        if "skipped" in d:
            print(f"{pid:<18} skipped: {d['skipped']}")
            continue
        tp, tr, _ = _pr(d["targets_tp"], d["targets_pred"], d["targets_tp"], d["targets_truth"])
        pp, pr, _ = _pr(d["pairs_tp_p"], d["pairs_pred"], d["pairs_tp_r"], d["pairs_truth"])
        print(f"{pid:<18} {tp:>9.2f} {tr:>6.2f} {d['targets_tp']:>6}/{d['targets_pred']}/{d['targets_truth']:<6}"
              f"   {pp:>7.2f} {pr:>6.2f} {d['pairs_pred']:>6}/{d['pairs_truth']:<6} {d['seconds']:.2f}s")
    o = res["overall"]
    print(f"{'overall':<18} {o['target_precision']:>9.2f} {o['target_recall']:>6.2f} {'':>16}   "
          f"{o['pair_precision']:>7.2f} {o['pair_recall']:>6.2f}")
    print(f"{'targets+sector':<18} {o['target_sector_precision']:>9.2f} {o['target_sector_recall']:>6.2f}")
    for k in ("target_precision", "target_recall", "target_f1", "pair_precision", "pair_recall", "pair_f1",
              "target_sector_precision", "target_sector_recall"):
        print(f"RATIO ingest_{k} {o[k]:.4g}")


def run(quick: bool = False) -> list:
    """Workload for ``python -m bench``."""
    from .common import Result

    res = evaluate()
    o = res["overall"]
    goal = "≥ 0.9"
    return [Result(f"ingest_{k}", "RATIO", o[k], note=f"vs {res['source']}", goal=goal) for k in (
        "target_precision", "target_recall", "pair_precision", "pair_recall")]


def main(argv: list[str] | None = None) -> int:
    """Command line: print per-plan and overall scores."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, default=settings.DATA_DIR)
    p.add_argument("--verbose", "-v", action="store_true", help="list every false positive and negative")
    p.add_argument("--vocab", choices=("full", "sectors"), default="full",
                   help="sectors: classify with sector names + built-in synonyms only (robustness check)")
    args = p.parse_args(argv)
    _print(evaluate(args.data_dir, args.verbose, args.vocab))
    return 0


if __name__ == "__main__":
    sys.exit(main())
