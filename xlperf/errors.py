"""The one exception family of xlperf.

Every error xlperf raises on purpose is an :class:`XlperfError`. Bad input of any kind (a
zero target, weights that do not add up, an unknown method, a policy table out of order) is
an :class:`InputError`. The core raises it without a location; the workbook reader adds the
workbook, sheet and cell, so the user reads ``Indicators!F12: weight is "abc", expected a
percentage``.
"""

from __future__ import annotations

import dataclasses


class XlperfError(Exception):
    """Base class of every error xlperf raises on purpose."""


class InputError(XlperfError, ValueError):
    """A value, table or policy that the rules cannot use; the message says what to fix.

    ``field`` names the input the message is about (``"weight"``, ``"target"``), so that a
    reader that knows where each field sits can point at the cell.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        row: int | None = None,
        workbook: str | None = None,
        rows: tuple[int, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.sheet = sheet
        self.cell = cell
        self.row = row
        self.workbook = workbook
        self.rows = tuple(rows)  # the rows of a sheet-wide error's cells, in the order its
        # message counts them ("weight 2" is the second): an executive's weights of a part

    @property
    def where(self) -> str:
        """``Sheet!A1`` (or ``Sheet row 12``, or ``Sheet``, or ``""``): what the error is about."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.sheet and self.row:
            return f"{self.sheet} row {self.row}"
        return self.sheet or ""

    def at(self, sheet: str | None, cell: str | None = None, *, row: int | None = None,
           workbook: str | None = None, rows: tuple[int, ...] = ()) -> InputError:
        """A copy of this error located at ``sheet!cell`` (or a row of ``sheet``)."""
        located = InputError(
            self.message,
            field=self.field,
            sheet=sheet or self.sheet,
            cell=cell or self.cell,
            row=row or self.row,
            workbook=workbook or self.workbook,
            rows=rows or self.rows,
        )
        located.__cause__ = self
        return located

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def __reduce__(self):  # keep the location when sent to a worker process and back
        return (_rebuild_input_error, (self.message, self.field, self.sheet, self.cell,
                                       self.row, self.workbook, self.rows))


def _rebuild_input_error(message, field, sheet, cell, row, workbook, rows=()) -> InputError:
    return InputError(message, field=field, sheet=sheet, cell=cell, row=row, workbook=workbook,
                      rows=rows)


class InputErrors(InputError):
    """Several input errors found together (all problems, not only the first)."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = list(errors)

    def __reduce__(self):
        return (InputErrors, (self.errors,))


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem found while checking input, for lists of problems (errors.csv)."""

    message: str
    sheet: str = ""
    cell: str = ""
    executive: str = ""
    severity: str = "error"  # "error" or "warning"

    @classmethod
    def from_error(cls, error: InputError, executive: str = "") -> Problem:
        """The :class:`Problem` an :class:`InputError` describes."""
        return cls(error.message, error.sheet or "", error.cell or "", executive)

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet
        return f"{where}: {self.message}" if where else self.message
