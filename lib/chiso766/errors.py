"""Problems found in input data, with where they are, and the one exception that carries them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from chiso766.messages import msg

Severity = Literal["error", "warning", "info"]


def column_letter(index: int) -> str:
    """0-based column index to a spreadsheet letter (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Issue:
    """One finding about the input: its severity, a Vietnamese text and where it is.

    `row` is the 1-based row a spreadsheet program shows; `column` is the header text (with the
    column letter when known).
    """

    severity: Severity
    code: str
    text: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @classmethod
    def of(
        cls,
        severity: Severity,
        code: str,
        /,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **fields: object,
    ) -> Issue:
        """The issue `code` with its text looked up in the catalogue: the message may use the
        location ({file}, {sheet}, {row}, {column}) as well as `fields`; the location is also
        stored in the issue, so a placeholder naming something else needs another name."""
        text = msg(code, file=file, sheet=sheet, row=row, column=column, **fields)
        return cls(severity, code, text, file=file, sheet=sheet, row=row, column=column)

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(msg("loc.file", file=self.file))
        if self.sheet:
            parts.append(msg("loc.sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(msg("loc.row", row=self.row))
        if self.column:
            parts.append(msg("loc.column", column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.text}" if where else self.text

    def to_dict(self) -> dict:
        return asdict(self)


class DataError(Exception):
    """Input that cannot be trusted. Carries every error found, each with its location."""

    def __init__(self, issues: list[Issue]):
        self.issues = [i for i in issues if i.severity == "error"] or issues
        super().__init__("\n".join(str(i) for i in self.issues))

    @classmethod
    def of(
        cls,
        code: str,
        /,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        **fields: object,
    ) -> DataError:
        """One error, `code`, its text looked up in the catalogue (see `Issue.of`)."""
        return cls(
            [Issue.of("error", code, file=file, sheet=sheet, row=row, column=column, **fields)]
        )

    @classmethod
    def single(cls, code: str, text: str, **where: object) -> DataError:
        """One error with a text already formatted; prefer `DataError.of`."""
        return cls([Issue("error", code, text, **where)])  # type: ignore[arg-type]
