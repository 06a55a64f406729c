"""The industry vocabulary: sectors, chains, colours, English names and synonym matching."""

from __future__ import annotations

import pandas as pd

from .validate import split_list

#: Colour for parks whose dominant industry is unknown.
UNKNOWN_COLOR = "#bbbbbb"


def sectors(industries: pd.DataFrame) -> pd.DataFrame:
    """The sector rows (no chain), in file order."""
    return industries[industries["chain"].astype(str).str.strip() == ""].reset_index(drop=True)


def sector_colors(industries: pd.DataFrame) -> dict[str, str]:
    """Sector name → hex colour."""
    s = sectors(industries)
    return dict(zip(s["sector"], s["color"], strict=False))


def english_names(industries: pd.DataFrame) -> dict[str, str]:
    """Sector or chain name (Chinese) → English name."""
    out = {}
    for _, r in industries.iterrows():
        out[r["chain"] or r["sector"]] = r["name_en"]
    return out


def label(name: str, industries: pd.DataFrame, lang: str = "zh") -> str:
    """Display name of a sector or chain in a language (``zh`` or ``en``)."""
    if lang == "en" and name:
        return english_names(industries).get(name, name)
    return name


def synonym_index(industries: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(term, sector, chain) triples, longest term first, for matching free text."""
    out: list[tuple[str, str, str]] = []
    for _, r in industries.iterrows():
        terms = [r["chain"] or r["sector"], *split_list(r.get("synonyms", ""))]
        for t in terms:
            if t:
                out.append((t, r["sector"], r["chain"]))
    out.sort(key=lambda x: (-len(x[0]), x[2] == ""))
    return out


def classify(name: str, industries: pd.DataFrame, index: list[tuple[str, str, str]] | None = None) -> tuple[str, str]:
    """Map an industry name as written onto (sector, chain).

    The longest synonym contained in ``name`` wins; a chain match beats a sector-only
    match of the same length. Returns ``("", "")`` when nothing matches.

    Parameters
    ----------
    name : str
        Industry as the plan writes it, e.g. ``"汽车摩托车产业"``.
    industries : pandas.DataFrame
        The industries table.
    index : list, optional
        A prebuilt :func:`synonym_index` (for speed in loops).

    Returns
    -------
    tuple of str
    """
    idx = index if index is not None else synonym_index(industries)
    for term, sector, chain in idx:
        if term in name:
            return sector, chain
    return "", ""
