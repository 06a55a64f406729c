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

**Development set** (``--dev``): excerpts the rules were not written from, under
``tests/fixtures/ingest_dev/`` with answer keys written before the tool was run (matching rules in that
folder's README: park and industry names matched by containment after t2s; targets on value and year).
Scored apart for its ``tune`` and ``holdout`` halves; only the scores of the holdout half are ever read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo import settings  # noqa: E402
from geo.ingest import draft_rows, match_park, normalise  # noqa: E402
from geo.ingest.checks import check_reasons, park_choices, rows_from_check, sentences_to_check  # noqa: E402
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
        named: set[tuple[str, str]] = set()  # pairs only read from a park's own name (lower-confidence drafts)
        for f in found:
            if f.park and f.sector and f.kind != "total":
                pidk = match_park(f.park, pk, district) or f"?{f.park}"
                if (pidk, f.sector) not in pred_pairs and "from the park's name" in f.note:
                    named.add((pidk, f.sector))
                elif "from the park's name" not in f.note:
                    named.discard((pidk, f.sector))
                pred_pairs.setdefault((pidk, f.sector), set()).add(f.chain)

        def ok(pred, tr, pred_pairs=pred_pairs, truth_pairs=truth_pairs):
            (pp_, ps), (tp_, ts) = pred, tr
            if pp_ != tp_:
                return False
            return ps == ts or bool((pred_pairs[pred] & truth_pairs[tr]) - {""})

        pp_tp = sum(1 for p in pred_pairs if any(ok(p, t) for t in truth_pairs))
        pp_named = sum(1 for p in named if not any(ok(p, t) for t in truth_pairs))
        pr_tp = sum(1 for t in truth_pairs if any(ok(p, t) for p in pred_pairs))
        per[pid] = dict(
            targets_pred=sum(p_keys.values()), targets_truth=sum(t_keys.values()), targets_tp=t_tp, targets_sector_tp=ts_tp,
            pairs_pred=len(pred_pairs), pairs_truth=len(truth_pairs), pairs_tp_p=pp_tp, pairs_tp_r=pr_tp,
            pairs_named_unmatched=pp_named,
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
    pn, _, _ = _pr(tot["pairs_tp_p"], tot["pairs_pred"] - tot["pairs_named_unmatched"], 0, 0)
    return dict(source=source, plans=per, overall=dict(pair_precision_without_name_drafts=pn,
        target_precision=tp, target_recall=tr, target_f1=tf, pair_precision=pp, pair_recall=prr, pair_f1=pf,
        target_sector_precision=sp, target_sector_recall=sr,
    ))


DEV_DIR = ROOT / "tests" / "fixtures" / "ingest_dev"
DEV_SPLIT = {
    "tune": ("01", "02", "03", "05", "07", "09", "11", "13", "15", "17", "19", "21", "23",
             "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48",
             "49", "50", "51", "52", "53", "54", "55", "56", "57", "58",
             "59", "60", "61", "62", "63", "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79", "80", "81",
             "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93",
             *(str(i) for i in range(110, 542)), *(str(i) for i in range(566, 590))),
    "holdout": ("04", "06", "08", "10", "12", "14", "16", "18", "20", "22", "24", "25", "26"),
    "sealed": tuple(f"{i}" for i in range(94, 110)),
    # gathered at the start of a stop, read once with the stop's final code, then moved to tune
    "fresh": tuple(f"{i}" for i in range(542, 566)),
}
_CLOSED = set(DEV_SPLIT["holdout"]) | set(DEV_SPLIT["sealed"]) | set(DEV_SPLIT["fresh"])


def parse_stems(spec: str) -> tuple[str, ...]:
    """Excerpt stems from ``"82-93,95"``; stems of the holdout, sealed or fresh parts are refused."""
    out: list[str] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        a, _, b = part.partition("-")
        lo, hi = int(a), int(b or a)
        out += [f"{i:02d}" for i in range(lo, hi + 1)]
    closed = sorted(set(out) & _CLOSED)
    if closed:
        raise SystemExit(f"--stems: {', '.join(closed)} belong to a closed part (holdout/sealed/fresh); score it with --dev")
    return tuple(out)


#: A zone's full official name and its short forms are one name ("荆州高新技术产业开发区" = "荆州高新区";
#: "沧州经济技术开发区" = "沧州经开区" = "沧州开发区", the form a page uses after naming the zone in full).
_ZONE_SHORT = ((re.compile(r"高新技术产业(?:开发|园)区|高新技术(?:开发|园)区"), "高新区"),
               (re.compile(r"经济技术开发区|经济开发区|经开区"), "开发区"))


def _dev_norm(s: str) -> str:
    from geo.ingest import normalise

    s = normalise(str(s or "")).text
    s = re.sub(r"[\s\"'“”()（）「」]", "", s)
    for pat, short in _ZONE_SHORT:
        s = pat.sub(short, s)
    return s


def _dev_ind(s: str) -> str:
    return re.sub(r"(?:产业|行业|业)$", "", _dev_norm(s)) or _dev_norm(s)


def _contains(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _figures(s: str) -> set[float]:
    """The 亿 amounts a sentence states ("300亿元" → 300.0, "1.2万亿" → 12000.0, "千亿级" → 1000.0)."""
    from geo.ingest.checks import _YI
    from geo.ingest.targets import _amount_value

    vals = (_amount_value(m) for m in _YI.finditer(normalise(s).text))
    return {round(v, 2) for v in vals if v is not None}


def _doc_date(key: dict) -> str | None:
    return (key.get("source") or {}).get("date") or None


def _key_pairs(key_pairs: list[dict]) -> list[tuple[str, str, bool]]:
    """A key's pairs as matched: (park, industry, optional), normalised as the set's README says."""
    return [(_dev_norm(k["park"]), _dev_ind(k["industry"]), bool(k.get("optional"))) for k in key_pairs]


def match_pairs(key_pairs: list[dict], drafted: list[tuple[str, str]]) -> tuple[Counter, set[int], list]:
    """Match drafted (park, industry) pairs one-to-one to a key's pairs (the set's README).

    Returns the counts (``pairs_tp``, ``pairs_fp``, ``pairs_pred``, ``pairs_truth``), the indices of the key's
    pairs matched, and the drafted pairs that match none. A draft matching an optional pair is neither right nor
    wrong; the same pair drafted twice is not a second error.
    """
    c = Counter()
    kp = _key_pairs(key_pairs)
    used: set[int] = set()
    false = []
    for park, ind in drafted:
        fp, fi = _dev_norm(park), _dev_ind(ind)
        hit = next((i for i, (p, k, _o) in enumerate(kp)
                    if i not in used and _contains(fp, p) and _contains(fi, k)), None)
        if hit is None:  # the same pair drafted twice is not a second error
            if any(_contains(fp, p) and _contains(fi, k) for p, k, _o in kp):
                continue
            c["pairs_fp"] += 1
            false.append((park, ind))
            continue
        used.add(hit)
        if not kp[hit][2]:
            c["pairs_tp"] += 1
    c["pairs_truth"] = sum(1 for _p, _i, o in kp if not o)
    c["pairs_pred"] = c["pairs_tp"] + c["pairs_fp"]
    return c, used, false


def match_targets(key_targets: list[dict], drafted: list[tuple[float, int | None]]) -> tuple[Counter, Counter, Counter]:
    """Match drafted (value, year) targets to a key's as multisets; the counts, then the key's and the drafts' multisets."""
    kt = Counter((round(float(k["value"]), 2), k.get("year")) for k in key_targets)
    pt = Counter((round(float(v), 2), y) for v, y in drafted)
    c = Counter(targets_tp=sum((kt & pt).values()), targets_truth=sum(kt.values()), targets_pred=sum(pt.values()))
    return c, kt, pt


def score_excerpt(text: str, key: dict, verbose: bool = False, name: str = "") -> Counter:
    """Counts for one development excerpt (see the module docstring and the set's README)."""
    found = draft_rows(text, key.get("district", ""), name, document_date=_doc_date(key))
    c = Counter()
    # --- pairs
    preds = [f for f in found if f.kind == "park_industry" and f.park]
    pc, used, false = match_pairs(key.get("pairs", []), [(f.park, f.industry_as_written) for f in preds])
    c.update(pc)
    kp = _key_pairs(key.get("pairs", []))
    if verbose:
        for park, ind in false:
            print(f"  {name} FP pair  {park} → {ind}")
    if verbose:
        for i, (p, ind, o) in enumerate(kp):
            if i not in used and not o:
                print(f"  {name} FN pair  {p} → {ind}")
    # --- sentences to check: where the missed statements are, and how much reading they are
    checks = sentences_to_check(text, found)
    c["text_chars"] = len(text)
    c["check_chars"] = sum(f.end - f.start for f in checks)
    pair_check_rows = [f for f in checks if check_reasons(f)[0]]
    pair_checks = [_dev_norm(f.quote) for f in pair_check_rows]
    choices = park_choices(text, pair_check_rows, found)  # the park picker of "add as rows", once per excerpt
    # the drafts plus one click per sentence to check that names a park: "add as rows" under the park the page
    # preselects for it (the first the picker offers)
    added = [(r.park, r.industry_as_written) for chk, ch in zip(pair_check_rows, choices, strict=True)
             if chk.park and ch for r in rows_from_check(chk, park=ch[0]) if r.kind == "park_industry"]
    oc, _u, _f = match_pairs(key.get("pairs", []), [(f.park, f.industry_as_written) for f in preds] + added)
    c["oneclick_tp"], c["oneclick_pred"] = oc["pairs_tp"], oc["pairs_pred"]
    quoted = [_dev_norm(f.quote) for f in preds]
    for i, (p, ind, o) in enumerate(kp):
        if i in used or o:
            continue
        c["pairs_missed"] += 1
        holder = next((k for k, q in enumerate(pair_checks) if ind in q), None)
        c["pairs_missed_in_checks"] += holder is not None
        if holder is not None:  # where the key's park is among the choices offered for that sentence
            rank = next((k for k, nm in enumerate(choices[holder]) if _contains(_dev_norm(nm), p)), None)
            c["pairs_missed_park_first"] += rank == 0
            c["pairs_missed_park_top3"] += rank is not None and rank < 3
            c["pairs_missed_park_listed"] += rank is not None
        c["pairs_missed_in_checks_or_quotes"] += any(ind in q for q in pair_checks + quoted)
    # --- targets
    tc, kt, pt = match_targets(key.get("targets", []),
                               [(f.target_value_yi, f.target_year) for f in found if f.target_value_yi is not None])
    c.update(tc)
    figure_checks = [_figures(f.quote) for f in checks if check_reasons(f)[1]]
    drafted_figures = [_figures(f.quote) for f in found if f.target_value_yi is not None]
    for v, _y in (kt - pt).elements():
        c["targets_missed"] += 1
        c["targets_missed_in_checks"] += any(v in fs for fs in figure_checks)
        c["targets_missed_in_checks_or_quotes"] += any(v in fs for fs in figure_checks + drafted_figures)
    if verbose:
        for k in (pt - kt).elements():
            print(f"  {name} FP target {k}")
        for k in (kt - pt).elements():
            print(f"  {name} FN target {k}")
    return c


def evaluate_dev(split: str = "tune", verbose: bool = False, folder: Path = DEV_DIR,
                 stems: tuple[str, ...] | None = None) -> dict:
    """Precision and recall on one part of the development set (``tune``, ``holdout``, ``sealed``, or ``stems``)."""
    tot = Counter()
    n = 0
    for stem in stems if stems is not None else DEV_SPLIT[split]:
        txt, js = folder / f"{stem}.txt", folder / f"{stem}.json"
        if not txt.exists():
            continue
        key = json.loads(js.read_text(encoding="utf-8"))
        open_ = stem not in _CLOSED
        tot += score_excerpt(txt.read_text(encoding="utf-8"), key, verbose=verbose and open_, name=stem)
        n += 1
    pp, pr, _ = _pr(tot["pairs_tp"], tot["pairs_pred"], tot["pairs_tp"], tot["pairs_truth"])
    tp, tr, _ = _pr(tot["targets_tp"], tot["targets_pred"], tot["targets_tp"], tot["targets_truth"])
    return dict(split=split, excerpts=n, counts=dict(tot), pair_precision=pp, pair_recall=pr, target_precision=tp,
                target_recall=tr)


def key_agreement(folder: Path = DEV_DIR / "agreement", keys: Path = DEV_DIR) -> dict:
    """How far a second reader's keys agree with the set's, scored as if the second keys were drafts.

    ``folder`` holds second keys (``NN.json``) written from the same texts by a reader who never saw the set's
    keys; each is matched to the set's key with :func:`match_pairs` and :func:`match_targets` (its optional pairs
    are not drafted). The figures bound what a drafter can score: a drafter as good as a second careful reader
    scores about these.
    """
    tot = Counter()
    stems = sorted((p.stem for p in folder.glob("*.json")), key=lambda x: int(x))
    for stem in stems:
        a = json.loads((keys / f"{stem}.json").read_text(encoding="utf-8"))
        b = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        pc, _used, _false = match_pairs(a.get("pairs", []), [(k["park"], k["industry"]) for k in b.get("pairs", [])
                                                             if not k.get("optional")])
        tc, _kt, _pt = match_targets(a.get("targets", []), [(k["value"], k.get("year")) for k in b.get("targets", [])])
        tot += pc + tc
    pp, pr, _ = _pr(tot["pairs_tp"], tot["pairs_pred"], tot["pairs_tp"], tot["pairs_truth"])
    tp, tr, _ = _pr(tot["targets_tp"], tot["targets_pred"], tot["targets_tp"], tot["targets_truth"])
    return dict(split="agreement", excerpts=len(stems), counts=dict(tot), pair_precision=pp, pair_recall=pr,
                target_precision=tp, target_recall=tr)


def _print_dev(res: dict) -> None:
    c = res["counts"]
    print(f"dev {res['split']:<8} {res['excerpts']:>2} excerpts  pairs P {res['pair_precision']:.2f} "
          f"R {res['pair_recall']:.2f} ({c.get('pairs_tp', 0)}/{c.get('pairs_pred', 0)}/{c.get('pairs_truth', 0)})  "
          f"targets P {res['target_precision']:.2f} R {res['target_recall']:.2f} "
          f"({c.get('targets_tp', 0)}/{c.get('targets_pred', 0)}/{c.get('targets_truth', 0)})")
    m, mt = c.get("pairs_missed", 0), c.get("targets_missed", 0)
    if c.get("text_chars"):
        print(f"    sentences to check: {c.get('check_chars', 0) / c['text_chars']:.0%} of the text; they hold "
              f"{c.get('pairs_missed_in_checks', 0)} of {m} missed pairs "
              f"({c.get('pairs_missed_in_checks_or_quotes', 0)} with the drafts' quotes) and "
              f"{c.get('targets_missed_in_checks', 0)} of {mt} missed targets "
              f"({c.get('targets_missed_in_checks_or_quotes', 0)} with the drafts' quotes)")
        if c.get("oneclick_pred"):
            print(f"    drafts plus 'add as rows' on each sentence to check that names a park (its park preselected): "
                  f"pairs P {c['oneclick_tp'] / c['oneclick_pred']:.2f} R {c['oneclick_tp'] / max(1, c.get('pairs_truth', 0)):.2f} "
                  f"({c['oneclick_tp']}/{c['oneclick_pred']}/{c.get('pairs_truth', 0)})")
        held = c.get("pairs_missed_in_checks", 0)
        print(f"    park picker on those {held} sentences' missed pairs: the key's park first "
              f"{c.get('pairs_missed_park_first', 0)}, in the first three {c.get('pairs_missed_park_top3', 0)}, "
              f"listed {c.get('pairs_missed_park_listed', 0)}")
    for k in ("pair_precision", "pair_recall", "target_precision", "target_recall"):
        print(f"RATIO ingest_dev_{res['split'].replace(' ', '_')}_{k} {res[k]:.4g}")


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
    print(f"{'pairs w/o name drafts':<22} precision {o['pair_precision_without_name_drafts']:.2f} "
          "(industries read from a park's own name, a sub-park the curated rows do not list, left out)")
    for k in ("target_precision", "target_recall", "target_f1", "pair_precision", "pair_recall", "pair_f1",
              "target_sector_precision", "target_sector_recall"):
        print(f"RATIO ingest_{k} {o[k]:.4g}")


def run(quick: bool = False) -> list:
    """Workload for ``python -m bench``."""
    from .common import Result

    res = evaluate()
    o = res["overall"]
    goal = "≥ 0.9"
    out = [Result(f"ingest_{k}", "RATIO", o[k], note=f"vs {res['source']}", goal=goal) for k in (
        "target_precision", "target_recall", "pair_precision", "pair_recall")]
    dev = evaluate_dev("holdout")
    goals = {"pair_precision": "≥ 0.9", "pair_recall": "≥ 0.85", "target_recall": "≥ 0.9", "target_precision": ""}
    out += [Result(f"ingest_dev_holdout_{k}", "RATIO", dev[k], note="development set, holdout half", goal=g)
            for k, g in goals.items()]
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: print per-plan and overall scores."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, default=settings.DATA_DIR)
    p.add_argument("--verbose", "-v", action="store_true", help="list every false positive and negative")
    p.add_argument("--vocab", choices=("full", "sectors"), default="full",
                   help="sectors: classify with sector names + built-in synonyms only (robustness check)")
    p.add_argument("--dev", choices=("tune", "holdout", "sealed", "fresh", "both"), default=None,
                   help="score a part of the development set (tests/fixtures/ingest_dev) instead of the seed plans; "
                        "--verbose lists misses of the tune half only")
    p.add_argument("--stems", default=None,
                   help="score only these tune excerpts, e.g. 82-93 (a new batch at first sight)")
    p.add_argument("--agreement", action="store_true",
                   help="score the second readers' keys (tests/fixtures/ingest_dev/agreement) against the set's keys")
    args = p.parse_args(argv)
    if args.agreement:
        _print_dev(key_agreement())
        return 0
    if args.stems:
        _print_dev(evaluate_dev(f"stems {args.stems}", verbose=args.verbose, stems=parse_stems(args.stems)))
        return 0
    if args.dev:
        for split in (("tune", "holdout") if args.dev == "both" else (args.dev,)):
            _print_dev(evaluate_dev(split, verbose=args.verbose))
        return 0
    _print(evaluate(args.data_dir, args.verbose, args.vocab))
    return 0


if __name__ == "__main__":
    sys.exit(main())
