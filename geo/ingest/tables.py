"""Tables: indicator rows (baseline → target), park rows and long prose cells."""

from __future__ import annotations

import re

from .clauses import (
    _PARK_AT_START,
    _PERIOD_RE,
    _PLAN_PERIOD,
    _TOTAL,
    _UNIT_PARK,
    _Block,
    _Cell,
    _Ctx,
    _park_of,
    _role_from,
    _State,
)
from .findings import Finding
from .parks import _as_written, _emit_park_item, _ok_item, _split_items
from .targets import _strip_metric

# ---------------------------------------------------------------- tables


_NUM_CELL = re.compile(r"^\s*[<>﹥﹤≥≤约]?\s*(?P<v>\d+(?:\.\d+)?)\s*$")
_YEAR_CELL = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*年\s*(?P<label>\S*)\s*$")


def _table(st: _State, b: _Block, ctx: _Ctx) -> None:
    """Indicator rows (baseline → target), park rows (park | industries | target) and long prose cells."""
    from .draft import _prose  # the paragraph reader, which itself reads tables: imported here to avoid a cycle

    nt = st.nt
    header: list[_Cell] = []
    year_cols: list[tuple[int, int, str]] = []  # (column, year, label)
    ind_col = -1
    period_year = None
    for r_i, row in enumerate(b.rows):
        texts = [c.text.replace("\n", "").strip() for c in row]
        has_num = any(_NUM_CELL.match(t) for t in texts)
        ycols = [(k, int(mm.group("y")), mm.group("label")) for k, t in enumerate(texts) if (mm := _YEAR_CELL.match(t))]
        if not has_num and (r_i == 0 or (len(ycols) >= 1 and not year_cols) or not header):
            # a header row
            if ycols and len(ycols) >= 2 or (ycols and any(lbl for _, _, lbl in ycols)):
                year_cols = ycols
            if r_i == 0 or not header:
                header = row
                for k, t in enumerate(texts):
                    if re.search(r"产业|方向|定位", t) and not re.search(r"面积|目标|单位", t):
                        ind_col = k
                    pm = _PERIOD_RE.search(t)
                    if pm and "目标" in t:
                        period_year = _PLAN_PERIOD[pm.group(0)]
            continue
        # a year cell in the row ("2025年" completion time) is the year of the row's statements
        row_year = None
        for t in texts:
            mm = re.fullmatch(r"\s*((?:19|20)\d\d)\s*年(?:前|底|末)?\s*", t)
            if mm:
                row_year = int(mm.group(1))
        money = any(t in ("亿元", "亿") for t in texts) or any(re.search(r"[(（]\s*亿元\s*[)）]", t) for t in texts)
        if money and year_cols:
            _indicator_row(st, row, texts, year_cols)
            continue
        # park rows
        first = next((k for k, t in enumerate(texts) if t and not _NUM_CELL.match(t)), -1)
        park = ""
        if first >= 0:
            pm = _PARK_AT_START.match(texts[first] + "。")
            if pm and pm.group("park") == texts[first]:
                park = _park_of(texts[first])
        if park and ind_col >= 0 and ind_col < len(row) and ind_col != first:
            cell = row[ind_col]
            raw = nt.text[cell.start:cell.end]
            lead_ws = len(raw) - len(raw.lstrip())
            obj = raw.strip().rstrip("。")
            items, category, examples = _split_items(st, obj)
            role = _role_from(nt.text[header[ind_col].start:header[ind_col].end]) if ind_col < len(header) else ""
            for k, (item, ioff) in enumerate(items):
                if _ok_item(st, item, True):  # an industries column: unknown items are still industries
                    _emit_park_item(st, cell.start + lead_ws, park, row[first].start - (cell.start + lead_ws),
                                    item, ioff, role or "lead", examples if k == 0 else [], 0.8, "from a table row")
        if park:
            _park_row_targets(st, row, texts, header, park, first, period_year, row_year)
        st.cell_park = (park, row[first].start) if park else None
        st.unit_park = ""
        for t in texts:
            um = _UNIT_PARK.match(t)
            if um and _park_of(um.group("park")) and not park:
                st.unit_park = _park_of(um.group("park"))
                break
        for k, cell in enumerate(row):
            t = texts[k]
            if k == first and park:
                continue
            if len(t) >= 6 and (re.search(r"亿", t)) or len(t) >= 15:
                _prose(st, cell.start, nt.text[cell.start:cell.end], ctx, [], park_ctx=park, row_year=row_year,
                       period_year=period_year)
        st.cell_park = None
        st.unit_park = ""


def _indicator_row(st: _State, row: list[_Cell], texts: list[str], year_cols: list[tuple[int, int, str]]) -> None:
    nt = st.nt
    # indicator name: the cell with "(亿元)", else the cell before the unit cell, else the longest text cell
    name_k = next((k for k, t in enumerate(texts) if re.search(r"[(（]\s*亿元\s*[)）]", t)), -1)
    if name_k < 0:
        unit_k = next((k for k, t in enumerate(texts) if t in ("亿元", "亿")), -1)
        name_k = unit_k - 1
        while name_k >= 0 and not texts[name_k]:
            name_k -= 1
    if name_k < 0:
        return
    name = re.sub(r"[(（]\s*亿元\s*[)）]", "", texts[name_k]).strip()
    values: dict[int, tuple[float, int]] = {}
    for col, year, _label in year_cols:
        if col < len(texts):
            mm = _NUM_CELL.match(texts[col])
            if mm:
                values[year] = (float(mm.group("v")), col)
    if not values:
        # fall back to order: the numbers after the name, one per year column
        nums = [(float(mm.group("v")), k) for k, t in enumerate(texts) if k > name_k and (mm := _NUM_CELL.match(t))]
        for (_col, year, _), (v, k) in zip(year_cols, nums, strict=False):
            values[year] = (v, k)
    if not values:
        return
    target_year = max(values)
    tv, tk = values[target_year]
    base_years = [y for y in values if y < target_year]
    bv = by = None
    if base_years:
        by = min(base_years) if len(base_years) > 1 else base_years[0]
        bv = values[by][0]
    kind = "total" if _TOTAL.search(name) and not st.vocab.classify(_strip_metric(name))[0] else "target"
    industry = name if kind == "total" else _strip_metric(name)
    sector, chain = st.vocab.classify(industry) if kind == "target" else ("", "")
    a, b = nt.span(row[name_k].start + (len(row[name_k].text) - len(row[name_k].text.lstrip())), row[tk].end)
    st.out.append(Finding(
        kind=kind, park="", industry_as_written=_as_written(st, industry, a), sector=sector, chain=chain,
        role="total" if kind == "total" else "lead", target_value_yi=tv, target_year=target_year,
        baseline_value_yi=bv, baseline_year=by if bv is not None else None, quote=nt.original[a:b].rstrip(),
        confidence=0.9, note="from an indicator table", start=a, end=a + len(nt.original[a:b].rstrip()),
    ))


_MONEY_HEAD = re.compile(r"亿元|亿")


def _park_row_targets(st: _State, row: list[_Cell], texts: list[str], header: list[_Cell], park: str, first: int,
                      period_year: int | None, row_year: int | None) -> None:
    """A park row's number under a header in 亿元 ("2025年目标产值(亿元)" → the park's 2025 aim)."""
    nt = st.nt
    for k, cell in enumerate(row):
        if k >= len(header) or k == first:
            continue
        head = nt.text[header[k].start:header[k].end].strip()
        mm = _NUM_CELL.match(texts[k])
        if not mm or not _MONEY_HEAD.search(head) or re.search(r"投资|税|财政|面积|现状|基数|已完成|实际", head):
            continue
        ym = re.search(r"((?:19|20)\d\d)\s*年", head)
        year = int(ym.group(1)) if ym else (row_year or period_year)
        if ym and st.doc_year and year < st.doc_year:
            continue  # a past year's column: what was reached, not an aim
        if not ym and not re.search(r"目标|规划|预期|力争", head) and not period_year:
            continue  # a column of figures with no sign of an aim
        a, b = nt.span(row[first].start, cell.end)
        st.out.append(Finding(
            kind="total", park=park, industry_as_written=re.sub(r"[(（]\s*亿元\s*[)）]", "", head).strip(), role="other",
            target_value_yi=float(mm.group("v")), target_year=year, quote=nt.original[a:b],
            confidence=0.8 if year else 0.5, note="a park's overall target, from a table row" + ("" if year else "; no year found"),
            start=a, end=b,
        ))
