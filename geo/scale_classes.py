"""Target-scale classes: plan-meaningful fixed breaks (亿元) or data-driven mapclassify schemes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .settings import SCALE_BREAKS_YI


def class_labels(breaks: tuple[float, ...] = SCALE_BREAKS_YI, lang: str = "zh") -> list[str]:
    """Labels of the classes made by lower-bound ``breaks`` (e.g. ``<50亿``, ``50亿级`` …)."""
    def yi(v: float) -> str:
        if lang == "en":
            return f"{v:g}"
        return "千" if v == 1000 else f"{v:g}"

    if lang == "en":
        labels = [f"< {breaks[0]:g}"] + [f"{a:g}–{b:g}" for a, b in zip(breaks, breaks[1:], strict=False)]
        labels.append(f"≥ {breaks[-1]:g}")
        return [f"{lab} (100 m yuan)" if i == 0 else lab for i, lab in enumerate(labels)]
    labels = [f"<{breaks[0]:g}亿"] + [f"{yi(a)}亿级" for a in breaks]
    return labels


def classify_scale(values: pd.Series, scheme: str = "fixed", k: int = 5) -> pd.Series:
    """Class index per value (0 = smallest), ``-1`` where the scale is missing.

    Parameters
    ----------
    values : pandas.Series
        Target scales in 亿元 (NaN = not stated).
    scheme : str
        ``"fixed"`` uses :data:`SCALE_BREAKS_YI` as lower bounds (so 100 is in the 100亿级 class);
        ``"natural_breaks"`` and ``"quantiles"`` use mapclassify on the present values.
    k : int
        Number of classes for the data-driven schemes.

    Returns
    -------
    pandas.Series of int
    """
    v = pd.to_numeric(values, errors="coerce")
    out = pd.Series(-1, index=v.index, dtype="int64")
    present = v.dropna()
    if present.empty:
        return out
    if scheme == "fixed":
        out.loc[present.index] = np.searchsorted(np.asarray(SCALE_BREAKS_YI), present.to_numpy(), side="right")
        return out
    vals = present.round(2).to_numpy()  # 0.01 亿元 is below any plan's precision
    kk = max(1, min(k, len(np.unique(vals))))
    if scheme not in ("natural_breaks", "quantiles"):
        raise ValueError(f"unknown scheme '{scheme}' (fixed, natural_breaks, quantiles)")
    if kk == 1:
        out.loc[present.index] = 0
        return out
    import mapclassify  # imported here: it costs ~1 s and only the data-driven schemes need it

    try:
        c = mapclassify.NaturalBreaks(vals, k=kk) if scheme == "natural_breaks" else mapclassify.Quantiles(vals, k=kk)
        yb = np.asarray(c.yb)
    except ValueError:  # degenerate inputs: fall back to rank classes
        yb = np.minimum((pd.Series(vals).rank(method="dense").to_numpy() - 1).astype(int), kk - 1)
    out.loc[present.index] = np.clip(yb, 0, 4)
    return out
