"""Lists read by columns: a province's dossier lists run to millions of rows, which the
cell-grid path (readers -> normalise_cells -> tables.locate, a Python object per cell and a
Python test per row) reads at a few thousand rows a second and refuses beyond its per-file
limits.

Only the head of a list (the rows where a header may be) goes through the grid path: it is
cleaned and located as any export, and its kind told. When that kind reads by columns
(`ExportKind.columnar`: the dossier lists), the rest is taken as one column per grid column,
cleaned per distinct value (NFC, legacy encodings, spaces: the same functions as
`files.normalise_cells`) and its rows sorted into data, repeated headers, totals and number
rows by `tables.collect_columns` (the rules of `tables.locate`, on whole columns). Rows keep
the numbers a spreadsheet program shows, so every later message names its row.

- A CSV (`read`): the rest of the file is parsed whole by pyarrow's CSV reader, as text. A
  file this path cannot read exactly as the grid path would (no known header in the head,
  empty lines or lone carriage returns between rows, rows wider than the head, a line pyarrow
  refuses) is left to the grid path: `read` returns None and nothing is reported twice. One
  difference: a legacy encoding (TCVN3, VNI) is decided on the body of a column, apart from
  its title and header cells (the grid path decides on the whole column).
- A worksheet of an .xlsx file (`read_sheet`, on the cells `readers.read_sheets` gives:
  calamine's, with the error cells of the sheet's XML): a column whose cells are all text
  becomes text; one with numbers, dates or booleans keeps the reader's cells, which
  `collect_columns` and the kind's parse treat as the grid path treats them. The records,
  issues and row numbers are the grid path's; a sheet it could not read so (merged cells
  under the header, a legacy encoding the head decides otherwise than the whole column) is
  left to the grid path, whole.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from chiso766.config import Project
from chiso766.errors import DataError, Issue, Severity
from chiso766.ingest import legacy
from chiso766.ingest.files import Found, normalise_cells
from chiso766.ingest.kinds import kind_of
from chiso766.ingest.readers import MAX_LINE_CHARS, Cell, Sheet, decode, sniff
from chiso766.ingest.tables import arrow_text, collect_columns, locate, locate_header
from chiso766.textnorm import clean_text, is_nfd

HEAD_ROWS = 70  # more than tables' header scan (60 rows, 5 header rows and a number row)
# A list holds about 160 bytes a dossier: a province-year in one file is a few hundred megabytes
# (read in a few times its size of memory). Beyond this the grid path refuses it as too large.
MAX_LIST_BYTES = 1024**3
_HEAD_BYTES = 1 << 20  # the head is read from the first megabyte of a UTF-8 file
# the cells clean_text may change or empty: not printable ASCII, outer or double spaces, ""
_ODD = r"[^\x20-\x7e]|^ | $|  |^$"


def read(path: Path, project: Project, issues: list[Issue]) -> Found | None:
    """The located list a CSV file holds, read by columns; None when the file is not a CSV
    list of a kind that reads by columns, or not one this path reads exactly (the grid path
    then reads it). Cleaning notes go to `issues`."""
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            return None
        with path.open("rb") as f:  # a workbook is told by its first bytes, not read twice
            if sniff(f.read(2048)) != "csv":
                return None
        data = path.read_bytes()
    except OSError:
        return None  # the grid path says what is wrong with it
    if _lone_carriage_return(data):
        return None  # csv's line numbers and pyarrow's rows would differ
    plain = not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:  # UTF-8 without a BOM (the usual export) is handed to pyarrow as it is
        text = _head_text(data) if plain else decode(data)
    except UnicodeDecodeError:
        plain, text = False, decode(data)
    if _long_line(text, data[:_HEAD_BYTES] if plain else text.encode("utf-8", "surrogatepass")):
        return None  # the grid path refuses it, saying which line
    first = next((line for line in _lines(text) if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    rows: list[list[object]] = []
    lines: list[int] = []  # physical lines read after each record
    for row in itertools.islice(reader, HEAD_ROWS):
        rows.append(list(row))
        lines.append(reader.line_num)

    def body(end: int, width: int) -> pd.DataFrame | None:
        frame = None
        if plain:  # the body from the bytes after the header's last line
            after = memoryview(data)[_line_offset(data, lines[end - 1]) :]  # not copied
            frame = _read_body(after, delimiter, width)
        if frame is None and (not plain or _decodes(data)):
            text = decode(data)  # a BOM or Windows-1258: the body re-encoded as UTF-8
            encoded = text[_line_offset(text, lines[end - 1]) :].encode("utf-8")
            frame = _read_body(encoded, delimiter, width)
        return frame

    listed = _by_columns(Sheet(None, rows), path.name, project, body)
    if listed is None:
        return None
    issues.extend(listed[1])
    return listed[0]


def read_sheet(sheet: Sheet, file: str, project: Project) -> tuple[Found, list[Issue]] | None:
    """A worksheet of an Excel file (as `readers.read_sheets` gives it: calamine's cells, error
    cells from the sheet's XML) read by columns: the located list and the sheet's cleaning
    notes, as `files.normalise_cells` and `tables.locate` would give them. None when the
    sheet holds no list of a kind that reads by columns, or one this path would not read
    exactly (merged cells under the header, rows of unequal width, a legacy encoding the
    head and the whole column decide differently): the grid path then reads it."""

    def body(end: int, width: int) -> pd.DataFrame | None:
        if any(r1 >= end for _, (r1, _) in sheet.merged):
            return None
        return _sheet_body(sheet.rows[end:], width)

    rows = [list(r) for r in sheet.rows[:HEAD_ROWS]]  # cleaned in place: the body reads these
    head = Sheet(sheet.name, rows, sheet.merged, sheet.meta, sheet.format)
    return _by_columns(head, file, project, body, exact=True)


def _by_columns(
    head: Sheet,
    file: str,
    project: Project,
    body: Callable[[int, int], pd.DataFrame | None],
    *,
    exact: bool = False,
) -> tuple[Found, list[Issue]] | None:
    """The list whose first HEAD_ROWS rows are `head` (raw cells: cleaned here, in place),
    read by columns: the head cleaned, located and its kind told as the grid path does; then
    `body(end, width)`, the rows from the header's end as one column per grid column (raw
    cells), cleaned (`clean_column`) and sorted (`collect_columns`). Returns the located list
    and the cleaning notes, in `normalise_cells`' order; None when the head holds no list of
    a kind that reads by columns or `body` cannot be read. `exact`: each column's legacy
    encoding is decided on the whole column, header included (else on the body alone), and
    None when the head's cells would then be converted otherwise."""
    rows = head.rows
    raw = [[c if isinstance(c, str) else "" for c in r] for r in rows] if exact else []
    nfd_rows = [sum(1 for c in r if is_nfd(c)) for r in rows]  # counted before cleaning
    head_notes = _normalise_head(rows, file, head.name)
    try:
        header = locate_header(head, file)
        kind = kind_of(locate(head, file), project)
    except DataError:
        return None
    if kind is None or not kind.columnar:
        return None
    end = header.end
    frame = body(end, header.width)
    if frame is None:
        return None
    frame.index = pd.RangeIndex(end + 1, end + 1 + len(frame))
    # per column, as normalise_cells gives them: the title and header rows' notes (the head's
    # data rows are the body's), then the body's
    found: list[Issue] = []
    nfd = sum(nfd_rows[:end])
    for c in range(max(frame.shape[1], len(head_notes))):
        if c < len(head_notes):
            found.extend(i for i in head_notes[c] if (i.row or 0) <= end)
        if c >= frame.shape[1]:
            continue
        above = [r[c] for r in raw[:end] if c < len(r)]
        column, notes, count, encoding = _clean(frame.iloc[:, c], file, head.name, above)
        if (
            exact
            and not all(a.isascii() for a in above)
            and encoding != legacy.detect_column([r[c] for r in raw if c < len(r)])
        ):
            return None  # the head's title and header cells were converted otherwise
        frame.isetitem(c, column)
        found.extend(notes)
        nfd += count
    if nfd:
        found.append(Issue.of("info", "note.nfd", file=file, sheet=head.name, count=nfd))
    table = header.table
    collect_columns(table, frame, header.key)
    found_sheet = Sheet(head.name, rows[:end], head.merged, head.meta, head.format)
    return Found(found_sheet, table, kind), found


def _normalise_head(rows: list[list[object]], file: str, sheet: str | None) -> list[list[Issue]]:
    """`files.normalise_cells` on the head's rows, in place, column by column (the encoding is
    decided per column there too): each column's notes, without the NFD count."""
    notes = []
    for c in range(max((len(r) for r in rows), default=0)):
        column = Sheet(sheet, [[r[c] if c < len(r) else None] for r in rows])
        found = normalise_cells(column, file)
        for row, cleaned in zip(rows, column.rows, strict=True):
            if c < len(row):
                row[c] = cleaned[0]
        notes.append([i for i in found if i.code != "note.nfd"])
    return notes


def _lone_carriage_return(data: bytes) -> bool:
    """Whether a carriage return stands without its line feed."""
    if b"\r" not in data:
        return False
    raw = np.frombuffer(data, dtype=np.uint8)
    at = np.flatnonzero(raw[:-1] == 13)
    return raw[-1] == 13 or bool((raw[at + 1] != 10).any())


def _long_line(text: str, data: bytes) -> bool:
    """Whether a line of the text is longer than MAX_LINE_CHARS (as `str.splitlines` splits
    it). `data`: UTF-8 bytes that begin with the text's. Its lines lie within the lines
    between line feeds of the bytes, where a character takes at least a byte: those are
    measured first, as arrays."""
    if len(text) <= MAX_LINE_CHARS:
        return False
    raw = np.frombuffer(data, dtype=np.uint8)
    breaks = np.concatenate(([-1], np.flatnonzero(raw == 10), [len(raw)]))
    if np.diff(breaks).max() - 1 <= MAX_LINE_CHARS:
        return False
    return max(map(len, text.splitlines())) > MAX_LINE_CHARS


def _lines(text: str) -> Iterator[str]:
    """The text's lines, each with its line feed (as a text file iterates them)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _head_text(data: bytes) -> str:
    """The first lines of UTF-8 data as text (enough for HEAD_ROWS rows of any export)."""
    if len(data) <= _HEAD_BYTES:
        return data.decode("utf-8")
    cut = data.rfind(b"\n", 0, _HEAD_BYTES)
    return data[: cut + 1 if cut > 0 else _HEAD_BYTES].decode("utf-8")


def _decodes(data: bytes) -> bool:
    """Whether `decode` reads the data otherwise than as UTF-8 (then worth a second try)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _line_offset(text: str | bytes, lines: int) -> int:
    """Where the text after its first `lines` physical lines starts."""
    newline = "\n" if isinstance(text, str) else b"\n"
    offset = 0
    for _ in range(lines):
        found = text.find(newline, offset)  # type: ignore[arg-type]
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


def _read_body(body: bytes | memoryview, delimiter: str, width: int) -> pd.DataFrame | None:
    """The body's records as text columns (`width` of them: narrower rows are padded as the
    grid pads them); None when pyarrow cannot read them as csv would (empty lines, which csv
    numbers and pyarrow skips; rows of varying width; a line beyond the block; not UTF-8)."""
    end = len(body)
    while end and body[end - 1] in b"\r\n":  # the line breaks that end the file
        end -= 1
    if _empty_line(body, end):
        return None
    if not _FILLED.search(body, 0, end):
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in range(width)})
    names = [f"f{c}" for c in range(width)]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),  # pandas' str
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_columns > width:
        return None
    columns = {c: table.column(c).to_pandas() for c in range(table.num_columns)}
    for c in range(table.num_columns, width):
        columns[c] = pd.Series(None, index=range(table.num_rows), dtype="str")
    return pd.DataFrame(columns)


_FILLED = re.compile(rb"\S")  # bytes.strip's whitespace aside


def _empty_line(body: bytes | memoryview, end: int) -> bool:
    """Whether the body's first `end` bytes hold an empty line: a line feed right after
    another, or after a carriage return right after one."""
    raw = np.frombuffer(body, dtype=np.uint8, count=end)
    feeds = np.flatnonzero(raw == 10)
    gaps = np.diff(feeds)
    return bool((gaps == 1).any() or (raw[feeds[:-1][gaps == 2] + 1] == 13).any())


def _sheet_body(rows: list[list[Cell]], width: int) -> pd.DataFrame | None:
    """A worksheet's rows as columns: text where every cell is text (the usual export), else
    the reader's cells as they are (numbers, dates, booleans beside text); None when a row is
    not `width` cells wide."""
    if any(len(r) != width for r in rows):
        return None
    columns = {}
    for c, cells in enumerate(zip(*rows, strict=True) if rows else [()] * width):
        try:
            columns[c] = pa.array(cells, type=pa.string()).to_pandas()
        except pa.ArrowTypeError:
            columns[c] = pd.Series(cells, dtype=object)
    return pd.DataFrame(columns)


def _clean(
    values: pd.Series, file: str, sheet: str | None, above: list[str]
) -> tuple[pd.Series, list[Issue], int, str | None]:
    """`clean_column` on a text column, or on the text cells of a column of typed cells (an
    Excel list's numbers and dates, left as they are, as normalise_cells leaves them)."""
    if values.dtype != object:
        return clean_column(values, file, sheet, above)
    text = values.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    cleaned, notes, nfd, encoding = clean_column(values[text].astype("str"), file, sheet, above)
    out = values.to_numpy(dtype=object, copy=True)
    out[text] = np.where(cleaned.isna(), None, cleaned.astype(object))
    return pd.Series(out, index=values.index, dtype=object), notes, nfd, encoding


def clean_column(
    values: pd.Series, file: str, sheet: str | None = None, above: list[str] | None = None
) -> tuple[pd.Series, list[Issue], int, str | None]:
    """`files.normalise_cells` on one column of text: legacy encodings converted (decided on
    the column, with the cells `above` it: the raw title and header cells), NFC and spaces
    through `clean_text`, blank cells missing. Each function runs once per distinct value, on
    the cells clean_text could change (not plain ASCII). Returns the column, its notes, how
    many cells were NFD and the column's legacy encoding."""
    above_non_ascii = [(a, 1) for a in above or () if not a.isascii()]
    text = arrow_text(values)
    odd = _odd(text)
    if not odd.any():
        return values, [], 0, legacy.detect_counted(above_non_ascii)
    every = bool(odd.all())  # a column of names: every cell is non-ASCII
    encoded = pc.dictionary_encode(text if every else text.filter(pa.array(odd)))
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    uniques = encoded.dictionary.to_pylist()
    counts = np.bincount(codes, minlength=len(uniques))
    non_ascii = [(u, int(n)) for u, n in zip(uniques, counts, strict=True) if not u.isascii()]
    nfd = sum(n for u, n in non_ascii if is_nfd(u))
    encoding = legacy.detect_counted(non_ascii + above_non_ascii)
    notes: list[Issue] = []
    cleaned: list[str | None] = []
    odd_rows = values.index[odd]  # the row numbers of the cells `codes` numbers
    for k, u in enumerate(uniques):
        cell_encoding = encoding or legacy.detect(u)
        if cell_encoding and not u.isascii():
            converted = legacy.convert(u, cell_encoding)
            rows = odd_rows[codes == k]
            note: tuple[Severity, str, dict[str, str]] | None = None
            if converted is None:
                note = ("warning", "note.legacy_unconverted", {"value": u[:60]})
            elif converted != u:
                fields = {"before": u[:40], "after": converted[:40]}
                note = ("info", "note.legacy_converted", fields)
                u = converted
            if note:
                severity, code, fields = note
                notes.extend(
                    Issue.of(
                        severity,
                        code,
                        file=file,
                        sheet=sheet,
                        row=int(r),
                        encoding=cell_encoding,
                        **fields,
                    )
                    for r in rows
                )
        cleaned.append(clean_text(u) if u.strip() else None)
    notes.sort(key=lambda i: i.row or 0)
    if cleaned == uniques:  # already clean (NFC names, one space between words)
        return values, notes, nfd, encoding
    replaced = pc.take(pa.array(cleaned, type=text.type), encoded.indices)
    out = replaced if every else pc.replace_with_mask(text, pa.array(odd), replaced)
    return pd.Series(out.to_pandas().array, index=values.index), notes, nfd, encoding


def _odd(text: pa.Array) -> np.ndarray:
    """Which cells clean_text may change or empty (see _ODD), as a mask (missing cells: no):
    from the column's bytes when it holds no control character (the usual case), else by the
    regular expression."""
    _, offsets, data = text.buffers()
    if data is None or not len(text):  # no text at all
        return pc.fill_null(pc.equal(text, ""), False).to_numpy(zero_copy_only=False)
    width = np.int64 if pa.types.is_large_string(text.type) else np.int32
    bounds = np.frombuffer(offsets, dtype=width)[text.offset : text.offset + len(text) + 1]
    raw = np.frombuffer(data, dtype=np.uint8)[bounds[0] : bounds[-1]]
    if ((raw < 0x20) | (raw == 0x7F)).any():
        found = pc.fill_null(pc.match_substring_regex(text, _ODD), False)
        return found.to_numpy(zero_copy_only=False)
    starts, ends = bounds[:-1] - bounds[0], bounds[1:] - bounds[0]
    odd = starts == ends  # ""
    filled = np.flatnonzero(~odd)
    if len(filled):
        first, last = raw[starts[filled]], raw[ends[filled] - 1]
        odd[filled] = (first == 32) | (last == 32)
        wide = raw >= 0x80  # a byte of a non-ASCII character
        if wide.any():  # per cell: its bytes run to the next non-empty cell's
            odd[filled] |= np.logical_or.reduceat(wide, starts[filled])
    # "  " within a cell (a pair across two cells: the first ends with a space, odd already)
    pairs = np.flatnonzero((raw[:-1] == 32) & (raw[1:] == 32))
    odd[np.searchsorted(ends, pairs, side="right")] = True
    if text.null_count:
        odd &= text.is_valid().to_numpy(zero_copy_only=False)
    return odd
