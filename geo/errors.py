"""Error types raised by the domain layer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .messages import localise


@dataclass(frozen=True)
class Problem:
    """One problem found in input data.

    Parameters
    ----------
    file : str
        File name the problem is in (a :class:`~geo.messages.Message` when it is a description, e.g. the review table).
    message : str
        What is wrong, in words a planner understands: a :class:`~geo.messages.Message` (built with
        :func:`geo.messages.msg`), which is the English text and renders in Chinese with :meth:`text`.
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

    def text(self, lang: str = "en") -> str:
        """What is wrong, in ``lang`` (``zh`` or ``en``; see :meth:`geo.messages.Message.text`); plain text stays as is."""
        return localise(self.message, lang)

    def describe(self, lang: str = "en", labels: Mapping[str, str] | None = None) -> str:
        """The whole line in ``lang``: file, row, record, field and what is wrong.

        English is ``str(problem)``. Chinese reads e.g.
        ``clusters.csv 第 3 行（hc-nanxi 南溪组团）字段「target_value_yi」：「abc」不是数字``; field names stay
        column names (they are the file's interface).

        Parameters
        ----------
        lang : {"zh", "en"}
        labels : mapping, optional
            Column → the people's label of it, added after a Chinese field name (``字段「quote」（规划原文）``).

        Returns
        -------
        str
        """
        if lang != "zh":
            return str(self)
        where = localise(self.file, lang)
        if self.row is not None:
            unit = "个要素" if str(self.file).endswith(".geojson") else "行"
            where += f" 第 {self.row} {unit}"
        if self.record:
            where += f"（{self.record}）"
        if self.field:
            label = (labels or {}).get(self.field)
            where += ("" if self.record else " ") + f"字段「{self.field}」" + (f"（{label}）" if label else "")
        return f"{where}：{'提醒：' if self.level == 'warning' else ''}{self.text(lang)}"


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
