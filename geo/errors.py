"""Error types raised by the domain layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in input data.

    Parameters
    ----------
    file : str
        File name the problem is in.
    message : str
        What is wrong, in words a planner understands.
    row : int or None
        1-based data row (CSV/XLSX) or feature number (GeoJSON), if any.
    field : str or None
        Column or property name, if any.
    record : str or None
        Id and name of the record, if known (e.g. ``hc-nanxi 南溪组团``).
    level : str
        ``error`` (the data is refused) or ``warning`` (accepted, worth a look).
    """

    file: str
    message: str
    row: int | None = None
    field: str | None = None
    record: str | None = None
    level: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.record:
            where += f" ({self.record})"
        if self.field:
            where += f" field '{self.field}'"
        return f"{where}: {'warning: ' if self.level == 'warning' else ''}{self.message}"


class DataValidationError(ValueError):
    """Input data failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  … and {n - 50} more" if n > 50 else ""
        super().__init__(f"{n} problem(s) in the data:\n{head}{more}")


class WriteConflictError(RuntimeError):
    """A file changed on disk since it was read; the write was refused."""


class SiteRejectedError(DataValidationError):
    """A park site (a boundary file, a drawn polygon or a moved point) was refused; nothing was saved.

    ``problems`` name the file (or ``parks.geojson`` for drawn/moved sites), the park and what is wrong.
    """
