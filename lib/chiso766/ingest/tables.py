"""Find the table inside a sheet: title rows above, a (possibly multi-row, merged) header block,
an optional column-number row, data rows, and totals, notes and signatures that are not data.

The result maps each column to a field through `columns.match` and keeps every data row with the
row number a spreadsheet program shows, so later messages can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from chiso766.errors import DataError, Issue, column_letter
from chiso766.ingest import columns
from chiso766.ingest.numbers import DASH_EMPTY, excel_error, is_blank
from chiso766.ingest.readers import Cell, Sheet
from chiso766.messages import msg
from chiso766.textnorm import clean_text, fold

_SCAN_ROWS = 60  # the header must start within this many rows
_MAX_HEADER_ROWS = 5
_TOTAL_WORDS = ("tong cong", "tong so", "cong", "toan tinh", "tong", "tong toan tinh")
# Summary rows of any table, wherever they sit and whatever STT says: never a unit. Those that
# state an average ("Trung bình cả nước") give the national average (see `average_row`).
AVERAGE_WORDS = ("trung binh ca nuoc", "trung binh", "binh quan ca nuoc", "binh quan", "ca nuoc")
_SUMMARY_WORDS = (*AVERAGE_WORDS, "tong cong")


def is_summary_name(name: str) -> bool:
    """A summary row's label ("Trung bình cả nước", "Ca nuoc", "Tổng cộng"...), folded."""
    return name.startswith(_SUMMARY_WORDS)


def is_average_name(name: str) -> bool:
    """A summary row that states an average ("Trung bình cả nước", "Bình quân"), folded."""
    return name.startswith(AVERAGE_WORDS)


@dataclass
class Table:
    """A located table: fields mapped to columns, and its data rows."""

    file: str
    sheet: str | None
    columns: dict[str, int]
    labels: dict[int, str]
    rows: list[tuple[int, list[Cell]]]
    title_lines: list[str]
    totals: list[tuple[int, list[Cell]]] = field(default_factory=list)  # and summary rows
    issues: list[Issue] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    # a list read by columns (ingest/columnar.py: a CSV or Excel list), instead of `rows`: one
    # column per grid column (cleaned text, missing for a blank cell; an Excel column with
    # numbers or dates keeps the reader's cells), indexed by the row number a spreadsheet
    # program shows
    frame: pd.DataFrame | None = None

    @property
    def size(self) -> int:
        """How many data rows the table has."""
        return len(self.frame) if self.frame is not None else len(self.rows)

    def numbers(self) -> pd.Series:
        """The data rows' numbers (as a spreadsheet program shows them), in order."""
        if self.frame is not None:
            return pd.Series(self.frame.index, dtype="int64")
        return pd.Series([n for n, _ in self.rows], dtype="int64")

    def cells(self, name: str) -> pd.Series:
        """A field's cells over the data rows, in order (missing for blank or no column): text
        for a table read by columns (unless an Excel column holds numbers or dates), the
        reader's cells (text, numbers, dates) otherwise."""
        index = self.columns.get(name)
        if self.frame is not None:
            if index is None or index >= self.frame.shape[1]:
                return pd.Series(None, index=range(self.size), dtype="str")
            return self.frame.iloc[:, index].reset_index(drop=True)
        return pd.Series([self.value(r, name) for _, r in self.rows], dtype=object)

    def row_at(self, position: int) -> tuple[int, list[Cell]]:
        """The data row at `position` (0: the first), with its number."""
        return self.rows_at([position])[0]

    def rows_at(self, positions) -> list[tuple[int, list[Cell]]]:
        """The data rows at `positions` (0: the first), with their numbers."""
        if self.frame is None:
            return [self.rows[p] for p in positions]
        taken = self.frame.iloc[list(positions)]
        cells, missing = taken.astype(object).to_numpy(), taken.isna().to_numpy()
        return [
            (int(number), [None if gap else c for c, gap in zip(row, gaps, strict=True)])
            for number, row, gaps in zip(taken.index, cells, missing, strict=True)
        ]

    def row_label(self, row: list[Cell]) -> str:
        """What names a row: its full name, else the portal's short TEN (an API row whose
        TEN_COQUAN is blank, as its national-average row is)."""
        for name in ("unit_name", "unit_name_alt"):
            if text := clean_text(self.value(row, name)):
                return text
        return ""

    def average_row(self) -> tuple[int, list[Cell]] | None:
        """The summary row that states an average ("Trung bình cả nước"), when there is one."""
        return next(
            ((n, r) for n, r in self.totals if is_average_name(fold(self.row_label(r)))), None
        )

    def value(self, row: list[Cell], name: str) -> Cell:
        index = self.columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    def column_label(self, name: str) -> str:
        index = self.columns[name]
        return f"{column_letter(index)} '{self.labels[index]}'"

    def where(self, row_number: int | None = None, name: str | None = None) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": row_number,
            "column": self.column_label(name) if name and name in self.columns else None,
        }

    def issue(self, severity: str, code: str, row=None, name=None, /, **fields: object) -> Issue:
        """The issue `code` at a row (spreadsheet number) and a field's column, its text looked
        up in the catalogue with `fields` (see `Issue.of`)."""
        return Issue.of(severity, code, **self.where(row, name), **fields)  # type: ignore[arg-type]

    def missing(self, required: list[str], kind: str) -> list[Issue]:
        """An error for each required field this table has no column for (`kind`: the export
        kind's name, as the message names it)."""
        return [
            Issue.of(
                "error",
                "col.missing",
                file=self.file,
                sheet=self.sheet,
                field=f,
                kind=msg(f"kind.{kind}"),
            )
            for f in required
            if f not in self.columns
        ]


def _filled(sheet: Sheet) -> list[list[Cell]]:
    """The grid with every merged range's value copied into all its cells (headers only)."""
    rows = [list(r) for r in sheet.rows[: _SCAN_ROWS + _MAX_HEADER_ROWS + 2]]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, c1 + 1):
                if c >= len(rows[r]):
                    rows[r].extend([None] * (c + 1 - len(rows[r])))
                rows[r][c] = value
    return rows


def _hits(row: list[Cell]) -> int:
    return sum(1 for c in row if isinstance(c, str) and columns.is_known_label(fold(c)))


def _is_text_row(row: list[Cell]) -> bool:
    """Only text, no number (stops at the first number or date: a unit's or a dossier's row)."""
    cells = (c for c in row if not is_blank(c))
    seen = False
    for c in cells:
        if not isinstance(c, str) or _looks_numeric(c):
            return False
        seen = True
    return seen


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%\s+-]+", text.strip()))


def _is_number_cell(cell: Cell) -> bool:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return True
    return isinstance(cell, str) and bool(re.search(r"\d", cell)) and _looks_numeric(cell)


def _is_number_row(row: list[Cell]) -> bool:
    """The "1 2 3 ... 13" row under a Biểu header (also "(1)", "A", "B")."""
    numbers, cells = [], 0
    for cell in row:  # a unit's row stops at its name, the second cell: no row is read whole
        if is_blank(cell):
            continue
        cells += 1
        text = clean_text(cell).strip("()")
        if re.fullmatch(r"\d+(\.0)?", text):
            numbers.append(int(float(text)))
        elif not re.fullmatch(r"[A-Za-z]", text):
            return False
    if cells < 3:
        return False
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _repeats(row: list[Cell], header_key: list[str]) -> bool:
    """The header row again (a page break in the export), compared cell by cell until one
    differs. A dossier's unique code is told apart without folding it (`_keeps_a_digit`)."""
    if len(row) != len(header_key):
        return False
    for cell, key in zip(row, header_key, strict=True):
        if cell is not None and not _DIGIT.search(key) and _keeps_a_digit(str(cell)):
            return False
        if fold(cell) != key:
            return False
    return True


_DIGIT_PATTERN = r"[0-9]"  # no known label holds a digit (fold keeps digits, drops parentheses)
_DIGIT = re.compile(_DIGIT_PATTERN)


def _keeps_a_digit(text: str) -> bool:
    """Whether `fold(text)` keeps a digit, so that it cannot equal a text without one: fold
    keeps 0-9 but drops notes in brackets ("(1)") and other digits (`_folds_to`, for columns)."""
    return "(" not in text and "[" not in text and _DIGIT.search(text) is not None


def _pad(row: list[Cell], width: int) -> list[Cell]:
    return row + [None] * (width - len(row)) if len(row) < width else row


@dataclass
class Header:
    """A sheet's located header: the table without its rows, the index of the first row under
    the header block, the table's width and the header's first row folded (a data row equal
    to it is a repeated header)."""

    table: Table
    end: int
    width: int
    key: list[str]


def locate_header(sheet: Sheet, file: str) -> Header:
    """The header of the table in a sheet (the rows are not collected); DataError when no
    header row can be found."""
    grid = _filled(sheet)
    start = next((i for i, r in enumerate(grid[:_SCAN_ROWS]) if _hits(r) >= 2), None)
    if start is None:
        raise DataError.of("read.no_table", file=file, sheet=sheet.name)
    end = start + 1
    while end < min(len(grid), start + _MAX_HEADER_ROWS) and _is_text_row(grid[end]):
        if not any(
            isinstance(c, str) and (columns.is_known_label(fold(c)) or fold(c) in columns.FILLERS)
            for c in grid[end]
        ):
            break
        end += 1
    width = max(len(r) for r in sheet.rows)
    header = [_pad(r, width) for r in grid[start:end]]
    paths = [columns.header_path([h[c] for h in header]) for c in range(width)]
    labels = {
        c: " / ".join(clean_text(h[c]) for h in header if not is_blank(h[c])) for c in range(width)
    }
    # de-duplicate labels repeated by vertical merges ("STT / STT / STT")
    labels = {c: " / ".join(dict.fromkeys(lab.split(" / "))) for c, lab in labels.items()}
    mapping: dict[str, int] = {}
    issues: list[Issue] = []
    for c, path in enumerate(paths):
        name = columns.match(path)
        if name is None:
            continue
        if name in mapping:
            issues.append(
                Issue.of(
                    "error",
                    "col.duplicate",
                    file=file,
                    sheet=sheet.name,
                    row=start + 1,
                    label=labels[c],
                    first=column_letter(mapping[name]),
                    second=column_letter(c),
                )
            )
            continue
        mapping[name] = c
    title_lines = [
        " ".join(clean_text(c) for c in r if isinstance(c, str) and clean_text(c))
        for r in sheet.rows[:start]
    ]
    table = Table(
        file,
        sheet.name,
        mapping,
        labels,
        [],
        [t for t in title_lines if t],
        issues=issues,
        meta=dict(sheet.meta),
    )
    return Header(table, end, width, [fold(c) for c in header[0]])


def locate(sheet: Sheet, file: str) -> Table:
    """Locate the table in a sheet; DataError when no header row can be found."""
    found = locate_header(sheet, file)
    table, end, width = found.table, found.end, found.width
    _collect_rows(table, sheet.rows, end, width, found.key)
    # merged cells across columns of kept data rows (section headings merged across the table
    # are skipped rows, not data, and are fine)
    data_rows = {number - 1 for number, _ in table.rows}
    spans = [
        f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        for (r0, c0), (r1, c1) in sheet.merged
        if c1 > c0
        and data_rows.intersection(range(r0, r1 + 1))
        and any(c in table.columns.values() for c in range(c0, c1 + 1))
    ]
    table.issues.extend(_spans_across_rows(table, sheet, data_rows))
    if spans:
        table.issues.append(
            Issue.of(
                "warning",
                "note.merged_data",
                file=file,
                sheet=sheet.name,
                cells=", ".join(spans[:5]),
            )
        )
    return table


def _spans_across_rows(table: Table, sheet: Sheet, data_rows: set[int]) -> list[Issue]:
    """A cell merged down over two or more data rows of a figure's column (an HTML `rowspan`):
    its value belongs to one unit and the others would read as empty, so it is an error naming
    the rows and units it covers."""
    figures = {c: f for f, c in table.columns.items() if f in columns.NUMERIC_FIELDS}
    name_index = table.columns.get("unit_name", table.columns.get("unit_name_alt"))
    found = []
    for (r0, c0), (r1, c1) in sheet.merged:
        covered = sorted(data_rows.intersection(range(r0, r1 + 1)))
        column = next((c for c in range(c0, c1 + 1) if c in figures), None)
        if len(covered) < 2 or column is None:
            continue
        units = [
            clean_text(sheet.rows[r][name_index])
            if name_index is not None and name_index < len(sheet.rows[r])
            else "?"
            for r in covered
        ]
        found.append(
            table.issue(
                "error",
                "val.merged_rows",
                r0 + 1,
                figures[column],
                cells=f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}",
                rows=", ".join(str(r + 1) for r in covered),
                units="; ".join(units),
            )
        )
    return found


def _collect_rows(
    table: Table, rows: list[list[Cell]], first: int, width: int, header_key: list[str]
) -> None:
    numeric = [i for f, i in table.columns.items() if f in columns.NUMERIC_FIELDS]
    name_index = table.columns.get("unit_name", table.columns.get("unit_name_alt"))
    i = first
    while i < len(rows):
        row = _pad(list(rows[i]), width)
        number = i + 1
        i += 1
        if all(is_blank(c) or (isinstance(c, str) and not clean_text(c)) for c in row):
            continue
        if _is_number_row(row):
            continue
        if _repeats(row, header_key) or (_is_text_row(row) and _hits(row) >= 2):
            table.issues.append(table.issue("info", "note.header_repeat", number))
            while i < len(rows) and (
                _is_text_row(_pad(list(rows[i]), width))
                or _is_number_row(_pad(list(rows[i]), width))
            ):
                i += 1
            continue
        name = fold(row[name_index]) if name_index is not None else ""
        label = table.row_label(row)
        stt_blank = "stt" not in table.columns or is_blank(table.value(row, "stt"))
        if stt_blank and name in _TOTAL_WORDS or is_summary_name(fold(label)):
            table.totals.append((number, row))
            if is_average_name(fold(label)):
                table.issues.append(table.issue("info", "note.summary_row", number, label=label))
            else:
                table.issues.append(table.issue("info", "note.totals_row", number))
            continue
        # a row whose formulas failed (#N/A, #REF!...) is a unit's row: kept, its cells refused
        if numeric and not any(_is_number_cell(row[c]) or excel_error(row[c]) for c in numeric):
            text = " ".join(clean_text(c) for c in row if isinstance(c, str) and clean_text(c))
            table.issues.append(table.issue("info", "note.text_row", number, text=text[:80]))
            continue
        table.rows.append((number, row))


# --- the same rules on a table read by columns (ingest/columnar.py) ----------------------------

_NUMBER_ROW_CELL = r"[()]*(?:\p{Nd}+(?:\.0)?|[A-Za-z])[()]*"  # may pass `_is_number_row`
_NUMERIC_TEXT = r"[\p{Nd}.,%\s+-]+"  # `_looks_numeric` (cells are cleaned: no outer spaces)


def collect_columns(table: Table, frame: pd.DataFrame, header_key: list[str]) -> None:
    """`_collect_rows` for rows read by columns (`frame`: one column per grid column, indexed
    by row number: cleaned text, or an Excel list's cells where some are numbers or dates): the
    same rules and notes, decided on whole columns. Only rows a column test cannot settle (a
    possible repeated header or number row, a totals or text row) go through the row tests
    above; the data rows become `table.frame`."""
    if frame.empty:
        table.frame = frame
        return
    blank = (frame.isna() | frame.isin(list(DASH_EMPTY))).to_numpy()
    row_blank = blank.all(axis=1)
    texts = [arrow_text(frame.iloc[:, c]) for c in range(frame.shape[1])]
    typed = _typed(frame)  # a number or a date: never text (a number row's cells are tested)
    # each test runs only on the rows still in question: the first column that settles a row
    # (a dossier code is no number-row cell, an STT number no text) leaves the others little
    maybe_number = ~row_blank & ((~blank).sum(axis=1) >= 3)
    text_row = ~row_blank
    as_header = ~row_blank  # may fold to the header's first row
    for c, text in enumerate(texts):
        rows = maybe_number & ~blank[:, c]
        maybe_number &= blank[:, c] | _test(text, rows, _NUMBER_ROW_CELL)
        rows = text_row & ~blank[:, c] & ~typed[:, c]
        text_row &= blank[:, c] | (~typed[:, c] & ~_test(text, rows, _NUMERIC_TEXT))
        key = header_key[c] if c < len(header_key) else ""
        if not re.search(r"\d", key):  # else no test here: the row test below decides
            missing = frame.iloc[:, c].isna().to_numpy()
            as_header &= (missing & (key == "")) | _folds_to(text, as_header & ~missing, {key})
    number_row = np.zeros(len(frame), dtype=bool)
    for p in map(int, np.flatnonzero(maybe_number)):
        number_row[p] = _is_number_row(_frame_row(frame, p))
    # a repeated header has two known labels: counted on the rows that may be one
    asked = ~row_blank & ~number_row & (text_row | as_header)
    hits = np.zeros(len(frame), dtype=np.int64)
    if asked.any():
        for c, text in enumerate(texts):
            hits += _folds_to(text, asked & ~typed[:, c], columns.KNOWN_LABELS)
    notes: list[tuple[int, Issue]] = []
    keep = ~row_blank & ~number_row
    # repeated headers, each with the text and number rows under it
    stops = np.flatnonzero(~(text_row | number_row))
    skipped_to = -1
    for p in map(int, np.flatnonzero(keep & (hits >= 2))):
        if p <= skipped_to:
            keep[p] = False
            continue
        row = _frame_row(frame, p)
        if not (_repeats(row, header_key) or _is_text_row(row)):
            continue
        notes.append((p, table.issue("info", "note.header_repeat", int(frame.index[p]))))
        after = stops[np.searchsorted(stops, p, side="right") :]
        skipped_to = int(after[0]) - 1 if len(after) else len(frame) - 1
        keep[p : skipped_to + 1] = False
    # totals and summary rows
    totals = keep & _totals(table, frame, blank)
    for p in map(int, np.flatnonzero(totals)):
        number, row = int(frame.index[p]), _frame_row(frame, p)
        table.totals.append((number, row))
        label = table.row_label(row)
        if is_average_name(fold(label)):
            notes.append((p, table.issue("info", "note.summary_row", number, label=label)))
        else:
            notes.append((p, table.issue("info", "note.totals_row", number)))
    keep &= ~totals
    # rows without a figure in any numeric column
    numeric = [i for f, i in table.columns.items() if f in columns.NUMERIC_FIELDS]
    if numeric:
        figure = np.zeros(len(frame), dtype=bool)
        for i in numeric:
            figure |= _flags(frame.iloc[:, i], _is_figure)
        for p in map(int, np.flatnonzero(keep & ~figure)):
            row = _frame_row(frame, p)
            text = " ".join(clean_text(c) for c in row if isinstance(c, str) and clean_text(c))
            notes.append(
                (p, table.issue("info", "note.text_row", int(frame.index[p]), text=text[:80]))
            )
        keep &= figure
    table.issues.extend(issue for _, issue in sorted(notes, key=lambda n: n[0]))
    table.frame = frame[keep]


def arrow_text(values: pd.Series) -> pa.Array:
    """A text column as one pyarrow array (pandas' str columns are pyarrow's, in chunks)."""
    array = pa.array((values if values.dtype == "str" else values.astype("str")).array)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _test(text: pa.Array, rows: np.ndarray, pattern: str) -> np.ndarray:
    """Whether each of `rows` (a mask) of a text column matches `pattern` whole (RE2 syntax);
    False for the other rows."""
    out = np.zeros(len(rows), dtype=bool)
    index = np.flatnonzero(rows)
    if len(index):
        taken = text if len(index) == len(text) else text.take(pa.array(index))
        found = pc.match_substring_regex(taken, f"^(?:{pattern})$")
        out[index] = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    return out


def _folds_to(text: pa.Array, rows: np.ndarray, targets) -> np.ndarray:
    """Whether each of `rows` (a mask) of a text column folds to one of `targets` (texts
    without digits: known labels, a header cell); False for the other rows. Only cells with
    no digit outside parentheses can (fold keeps digits): only those are folded, once per
    distinct value."""
    out = np.zeros(len(rows), dtype=bool)
    index = np.flatnonzero(rows)
    if not len(index):
        return out
    taken = text if len(index) == len(text) else text.take(pa.array(index))
    no_digit = pc.invert(pc.match_substring_regex(taken, _DIGIT_PATTERN))
    bracket = pc.or_(pc.match_substring(taken, "("), pc.match_substring(taken, "["))
    may = pc.fill_null(pc.or_(no_digit, bracket), False).to_numpy(zero_copy_only=False)
    if not may.any():
        return out
    codes, uniques = pd.factorize(taken.filter(pa.array(may)).to_pandas())
    found = np.array([fold(u) in targets for u in uniques] + [False], dtype=bool)
    out[index[may]] = found[codes]
    return out


def _typed(frame: pd.DataFrame) -> np.ndarray:
    """Which cells are neither text nor missing (only columns of typed cells have them)."""
    typed = np.zeros(frame.shape, dtype=bool)
    for c, dtype in enumerate(frame.dtypes):
        if dtype == np.dtype(object):
            typed[:, c] = [not (v is None or isinstance(v, str)) for v in frame.iloc[:, c]]
    return typed


def _flags(values: pd.Series, test) -> np.ndarray:
    """`test` of each distinct value of a text column, as a mask (missing cells: False); of
    each cell of a column of typed cells (to factorize, True, 1 and 1.0 are one value)."""
    if values.dtype == object:
        return np.array([v is not None and bool(test(v)) for v in values], dtype=bool)
    codes, uniques = pd.factorize(values)
    return np.array([bool(test(u)) for u in uniques] + [False], dtype=bool)[codes]


def _is_figure(cell: str) -> bool:
    return _is_number_cell(cell) or excel_error(cell) is not None


def _frame_row(frame: pd.DataFrame, position: int) -> list[Cell]:
    return [None if pd.isna(c) else c for c in frame.iloc[position].tolist()]


def _totals(table: Table, frame: pd.DataFrame, blank: np.ndarray) -> np.ndarray:
    """Whether each row is a totals or summary row (the test of `_collect_rows`); `blank`:
    which cells are blank or a dash (collect_columns')."""
    none = pd.Series("", index=frame.index, dtype="str")

    def field(name: str) -> pd.Series:
        index = table.columns.get(name)
        return frame.iloc[:, index].fillna("") if index is not None else none

    name_field = "unit_name" if "unit_name" in table.columns else "unit_name_alt"
    total = _flags(field(name_field), lambda v: fold(v) in _TOTAL_WORDS)
    main, alt = field("unit_name"), field("unit_name_alt")
    if object in (main.dtype, alt.dtype):  # an Excel column of typed cells
        main, alt = main.astype(object), alt.astype(object)
    label = main.where(main != "", alt)
    summary = _flags(label, lambda v: is_summary_name(fold(v)))
    if "stt" in table.columns:
        stt_blank = blank[:, table.columns["stt"]]
    else:
        stt_blank = np.ones(len(frame), dtype=bool)
    return (stt_blank & total) | summary
