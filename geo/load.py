"""Loading the dataset from a data folder into one typed, validated object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import pandas as pd

from . import settings, validate
from .errors import DataValidationError, Problem
from .io import read_geojson, read_table, read_text
from .messages import msg

#: Spreadsheet files that may sit where a CSV is expected (named in the "not found" message).
_TABLE_LIKE = (".xlsx", ".xlsm", ".xls", ".txt", ".tsv")


@dataclass(frozen=True)
class Dataset:
    """The whole dataset: plans and their texts, parks, clusters, industries, districts.

    Numeric columns are floats (``NaN`` when blank), years are nullable ints,
    and ``park_id_list`` / ``plan_id_list`` hold the split ``;`` lists.
    """

    plans: pd.DataFrame
    texts: dict[str, str]
    parks: gpd.GeoDataFrame
    clusters: pd.DataFrame
    industries: pd.DataFrame
    districts: gpd.GeoDataFrame
    data_dir: Path
    versions: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # accepted but worth a look (e.g. baseline > target)

    def plan(self, plan_id: str) -> pd.Series:
        """The plans.csv row of one plan."""
        return self.plans.loc[self.plans["plan_id"] == plan_id].iloc[0]


class DataSource(Protocol):
    """Where a dataset comes from; a shared database can implement this later."""

    def load(self) -> Dataset:
        """Return the validated dataset."""
        ...

    def fingerprint(self) -> str:
        """A string that changes whenever the data changes (cache key)."""
        ...


@dataclass(frozen=True)
class FileDataSource:
    """A dataset stored as files in one folder (the shipped ``data/``)."""

    data_dir: Path = settings.DATA_DIR

    def load(self) -> Dataset:
        """Read and validate the folder; raises :class:`DataValidationError`."""
        return load_dataset(self.data_dir)

    def fingerprint(self) -> str:
        """Modification times and sizes of the data files (after finishing an interrupted save)."""
        from .transaction import recover

        parts = []
        d = Path(self.data_dir)
        recover(d)
        for name in (
            settings.PLANS_FILE,
            settings.PARKS_FILE,
            settings.CLUSTERS_FILE,
            settings.INDUSTRIES_FILE,
            settings.DISTRICTS_FILE,
        ):
            p = d / name
            st = p.stat() if p.exists() else None
            parts.append(f"{name}:{st.st_mtime_ns if st else 0}:{st.st_size if st else 0}")
        return "|".join(parts)


def _read(problems: list[Problem], reader, path: Path):
    if not path.exists():
        others = [q.name for q in sorted(path.parent.glob(f"{path.stem}.*")) if q.suffix.lower() in _TABLE_LIKE] \
            if path.parent.is_dir() else []
        problems.append(Problem(path.name, msg("file not found in {folder}; found {others}: save it as CSV UTF-8 named "
                                               "{name}", folder=str(path.parent), others=others, name=path.name)
                                if others else msg("file not found in {folder}", folder=str(path.parent))))
        return None
    try:
        return reader(path)
    except DataValidationError as exc:
        problems.extend(exc.problems)
    except OSError as exc:
        problems.append(Problem(path.name, msg("cannot be read: {error}", error=str(exc.strerror or exc))))
    return None


def read_plan_texts(plans: pd.DataFrame, data_dir: Path) -> dict[str, str | None]:
    """Read each plan's text file (``None`` where missing or unreadable)."""
    texts: dict[str, str | None] = {}
    root = Path(data_dir).resolve()
    for _, row in plans.iterrows():
        pid = str(row.get("plan_id", "")).strip()
        rel = str(row.get("text_file", "")).strip()
        if not pid:
            continue
        p = (root / rel).resolve() if rel else None
        if p is not None and not p.is_relative_to(root):  # only files of the data folder
            p = None
        try:
            texts[pid] = read_text(p) if p and p.is_file() else None
        except (OSError, DataValidationError):
            texts[pid] = None
    return texts


def _scalar_problems(gdf, name: str) -> list[Problem]:
    """Properties that are lists or objects (GeoJSON allows them; the dataset wants text or numbers)."""
    out = []
    for col in gdf.columns:
        if col == "geometry":
            continue
        for pos, v in enumerate(gdf[col]):
            if isinstance(v, (list, dict)):
                rec = str(gdf["park_id"].iloc[pos]) if "park_id" in gdf.columns else None
                out.append(Problem(name, msg("must be text or a number, not a list or object"), pos + 1, str(col), rec))
    return out


def check_folder(data_dir: str | os.PathLike) -> tuple[dict, list[Problem]]:
    """Read every file of a data folder and collect all problems.

    Returns
    -------
    tuple
        The raw tables (dict) and the list of problems (empty when valid).
    """
    d = Path(data_dir)
    problems: list[Problem] = []
    plans = _read(problems, read_table, d / settings.PLANS_FILE)
    parks = _read(problems, read_geojson, d / settings.PARKS_FILE)
    clusters = _read(problems, read_table, d / settings.CLUSTERS_FILE)
    industries = _read(problems, read_table, d / settings.INDUSTRIES_FILE)
    districts = _read(problems, read_geojson, d / settings.DISTRICTS_FILE)
    from . import schema

    for df, spec, name in (
        (plans, schema.PLANS, settings.PLANS_FILE),
        (parks, schema.PARKS, settings.PARKS_FILE),
        (clusters, schema.CLUSTERS, settings.CLUSTERS_FILE),
        (industries, schema.INDUSTRIES, settings.INDUSTRIES_FILE),
        (districts, schema.DISTRICTS, settings.DISTRICTS_FILE),
    ):
        if df is None:
            continue
        if len(df) == 0 and name != settings.CLUSTERS_FILE:  # an empty clusters.csv is a dataset without targets yet
            problems.append(Problem(name, msg("has no features") if name.endswith(".geojson") else msg("has no data rows")))
            continue
        problems.extend(validate.check_columns(df, spec, name))
        if name.endswith(".geojson"):
            problems.extend(_scalar_problems(df, name))
    if problems:
        return {}, problems
    for gdf in (parks, districts):
        for col in gdf.columns:
            if col != "geometry":
                gdf[col] = gdf[col].map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
    for df, name, id_col, name_col, offset in (
        (plans, settings.PLANS_FILE, "plan_id", "title", 2),
        (parks, settings.PARKS_FILE, "park_id", "name_zh", 1),
        (clusters, settings.CLUSTERS_FILE, "cluster_id", "name_as_written", 2),
        (industries, settings.INDUSTRIES_FILE, "sector", "chain", 2),
        (districts, settings.DISTRICTS_FILE, "district", None, 1),
    ):
        problems += validate.check_control_chars(df, name, id_col, name_col, offset)
    texts = read_plan_texts(plans, d)
    names = set(districts["district"])
    problems += validate.check_districts(districts)
    problems += validate.check_industries(industries)
    problems += validate.check_plans(plans, texts, names)
    problems += validate.check_parks(parks, districts, texts)
    problems += validate.check_clusters(clusters, parks, texts, names, industries, plans)
    for df, spec in ((plans, schema.PLANS), (parks, schema.PARKS), (clusters, schema.CLUSTERS),
                     (industries, schema.INDUSTRIES)):
        for c in spec:  # columns added later are blank in files written before them
            if c.may_be_absent and c.name not in df.columns:
                df[c.name] = ""
    warnings = [p for p in problems if p.level == "warning"]
    problems = [p for p in problems if p.level != "warning"]
    raw = dict(plans=plans, parks=parks, clusters=clusters, industries=industries, districts=districts, texts=texts,
               warnings=warnings)
    return raw, problems


def check_changes(data_dir: str | os.PathLike, files: dict[str, bytes]) -> list[Problem]:
    """Problems the data folder would have with ``files`` (name → new content) written into it.

    The check runs on a temporary copy; ``data_dir`` is not touched.
    """
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="parkmap-check-") as tmp:
        dst = Path(tmp) / "data"
        shutil.copytree(data_dir, dst, ignore=shutil.ignore_patterns(
            ".versions", "_draft", ".*.lock", ".*.tmp", ".staging", ".commit.json"))
        for rel, content in files.items():
            target = dst / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        _, problems = check_folder(dst)  # warnings are kept apart by check_folder
    return problems


def _to_float(s: pd.Series) -> pd.Series:
    return s.map(validate.parse_or_none).astype("float64")


def _to_year(s: pd.Series) -> pd.Series:
    return s.map(validate.parse_or_none).astype("Float64").astype("Int64")


def load_dataset(data_dir: str | os.PathLike = settings.DATA_DIR) -> Dataset:
    """Read, validate and type the dataset in ``data_dir``.

    Parameters
    ----------
    data_dir : path-like
        Folder with plans.csv, parks.geojson, clusters.csv, industries.csv and
        districts.geojson.

    Returns
    -------
    Dataset

    Raises
    ------
    DataValidationError
        Listing every problem (file, row, field) when the data is not valid.
    """
    from .io import file_version
    from .transaction import recover

    d = Path(data_dir)
    recover(d)  # a save interrupted by a crash is finished (marked) or undone (unmarked) before reading
    raw, problems = check_folder(d)
    if problems:
        raise DataValidationError(problems)
    plans = raw["plans"].copy()
    plans["horizon_year"] = _to_year(plans["horizon_year"])
    parks = raw["parks"].copy()
    parks["area_km2"] = _to_float(parks["area_km2"]) if "area_km2" in parks else float("nan")
    parks["plan_id_list"] = parks["plan_ids"].map(lambda v: tuple(validate.split_list(v)))
    clusters = raw["clusters"].copy()
    for c in ("target_value_yi", "baseline_value_yi"):
        clusters[c] = _to_float(clusters[c])
    for c in ("target_year", "baseline_year"):
        clusters[c] = _to_year(clusters[c])
    clusters["park_id_list"] = clusters["park_ids"].map(lambda v: tuple(validate.split_list(v)))
    versions = {
        n: file_version(d / n)
        for n in (settings.PLANS_FILE, settings.PARKS_FILE, settings.CLUSTERS_FILE, settings.INDUSTRIES_FILE)
    }
    return Dataset(
        plans=plans,
        texts={k: v for k, v in raw["texts"].items() if v is not None},
        parks=parks,
        clusters=clusters,
        industries=raw["industries"].copy(),
        districts=raw["districts"],
        data_dir=d,
        versions=versions,
        warnings=list(raw.get("warnings", [])),
    )
