"""Read any export into raw cell grids, whatever its format (sniffed from content, not from the
file name): .xlsx/.xlsm/.xls through calamine, ".xls" that is really an HTML table, CSV in UTF-8,
UTF-16 or Windows-1258, and JSON rows of the portal's API.

Nothing here interprets the table; `tables.py` finds headers and data in the grids.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import cast

from python_calamine import CalamineWorkbook

from chiso766.errors import DataError, Issue
from chiso766.ingest import biff
from chiso766.messages import msg

Cell = object  # str | int | float | date | datetime | None
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row0, col0), (row1, col1)), inclusive


@dataclass
class Sheet:
    """A grid of raw cells as the file holds them, with merged ranges and file-level metadata."""

    name: str | None
    rows: list[list[Cell]]
    merged: list[Merge] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
    format: str | None = None  # what `read_sheets` read it from ("xlsx", "csv"...: see sniff)


def sniff(data: bytes) -> str:
    """ "xlsx", "xls", "html", "json" or "csv" from the first bytes."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    text = head
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if text.startswith(bom):
            text = text[len(bom) :]
            break
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore").encode("utf-8")
    if b"\0" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary"
    stripped = text.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<?xml", b"<head")):
        return "html"
    if stripped.startswith((b"{", b"[")):
        return "json"
    return "csv"


# Limits that keep a hostile or mistaken file from exhausting the machine. An export of a
# province's month is a few hundred rows and well under a megabyte.
MAX_FILE_BYTES = 50 * 1024 * 1024
# HTML, CSV and JSON grow tens of times once parsed (a "<td></td>" is 9 bytes and an element)
MAX_TEXT_BYTES = 10 * 1024 * 1024
MAX_LINE_CHARS = 100_000  # a CSV line (a real row is well under 2 000 characters)
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000  # rows x columns of a sheet's grid (100 000 rows of 20 columns)
MAX_SPAN = 1000  # rows or columns one HTML cell may span
MAX_SPANNED = 100_000  # cells all of a table's spans may cover (titles and headers: hundreds)
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def read_sheets(path: Path, name: str | None = None) -> list[Sheet]:
    """All non-empty sheets of a file. Raises DataError naming the file (`name`, else the
    path's) when it cannot be read (or is too large to be an export)."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError.of(
                "read.too_large", file=name, size=size // 2**20, limit=MAX_FILE_BYTES // 2**20
            )
        data = path.read_bytes()
    except OSError as exc:  # no permission, a broken link, a file that vanished
        raise DataError.of("read.unreadable", file=name, detail=exc.strerror or exc) from exc
    if not data.strip():
        raise DataError.of("read.empty_file", file=name)
    kind = sniff(data)
    if kind == "binary":  # a picture, an archive...: not an export; said, not fatal
        raise DataError([Issue.of("warning", "read.unknown_format", file=name)])
    if kind in ("html", "json", "csv") and size > MAX_TEXT_BYTES:
        raise DataError.of(
            "read.too_large", file=name, size=size // 2**20, limit=MAX_TEXT_BYTES // 2**20
        )
    try:
        if kind == "xlsx":
            _check_zip(data, name)
        if kind == "xls" and _ENCRYPTED in data:
            raise DataError.of("read.encrypted", file=name)
        if kind in ("xlsx", "xls"):
            sheets = _read_workbook(data, name, kind)
            if kind == "xlsx":
                _mark_formulas(data, sheets)
        elif kind == "html":
            sheets = _read_html(data, name)
        elif kind == "json":
            sheets = _read_json(data, name)
        else:
            sheets = _read_csv(data, name)
    except DataError:
        raise
    except MemoryError:  # whatever the limits missed: the file, not a crash
        raise DataError.of("read.no_memory", file=name) from None
    except Exception as exc:  # any reader failure on bad bytes becomes a located message
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        raise DataError.of("read.corrupt", file=name, detail=detail) from exc
    for sheet in sheets:
        sheet.format = kind
        if len(sheet.rows) > MAX_ROWS:
            raise _too_many(name, sheet.name, len(sheet.rows))
        _check_cells(
            name, sheet.name, len(sheet.rows), max((len(r) for r in sheet.rows), default=0)
        )
    return [s for s in sheets if any(any(c not in (None, "") for c in r) for r in s.rows)]


def _too_many(file: str, sheet: str | None, rows: int) -> DataError:
    return DataError.of("read.too_many_rows", file=file, sheet=sheet, rows=rows, limit=MAX_ROWS)


def _check_cells(file: str, sheet: str | None, rows: int, columns: int) -> None:
    """Refuse a grid larger than any export before it is built (or padded) cell by cell."""
    if rows > MAX_ROWS:
        raise _too_many(file, sheet, rows)
    if rows * columns > MAX_CELLS:
        raise DataError.of(
            "read.too_many_cells",
            file=file,
            sheet=sheet,
            rows=rows,
            columns=columns,
            limit=MAX_CELLS,
        )


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip that would unpack far beyond any real workbook (a zip bomb)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as exc:
        raise DataError.of("read.corrupt", file=name, detail=str(exc)[:200]) from exc
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > MAX_UNZIPPED_BYTES or unpacked / packed > MAX_ZIP_RATIO:
        raise DataError.of("read.zip_bomb", file=name, size=unpacked // 2**20)


def _mark_formulas(data: bytes, sheets: list[Sheet]) -> None:
    """Note the sheets whose cells hold formulas: their values are as Excel last calculated them
    (and empty when a program wrote the formula without calculating it)."""
    book = zipfile.ZipFile(io.BytesIO(data))
    with_formulas = [
        n
        for n in book.namelist()
        if n.startswith("xl/worksheets/sheet") and re.search(rb"<f[ >]", book.read(n))
    ]
    if with_formulas:
        for sheet in sheets:
            sheet.meta["formulas"] = True


def _read_workbook(data: bytes, name: str, kind: str) -> list[Sheet]:
    # a sheet's extent and error cells are read from its XML (.xlsx) or its records (.xls,
    # biff.py) first: calamine would build the whole grid (a cell at XFD1048576 is billions of
    # cells; an old .xls is built whole as it opens) and shows errors as ""
    scans = _scan_xlsx(data) if kind == "xlsx" else _scan_xls(data)
    for sheet_name, scan in scans.items():
        _check_cells(name, sheet_name, scan.rows, scan.columns)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        _check_cells(name, sheet_name, sheet.height, sheet.width)
        # calamine's rows are lists of their own: changed in place below, kept as the grid
        rows = cast("list[list[Cell]]", sheet.to_python(skip_empty_area=False))
        found = scans.get(sheet_name)
        for r, c, literal in found.errors if found else ():
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = literal
        merged = list(sheet.merged_cell_ranges or [])
        sheets.append(Sheet(sheet_name, rows, merged))
    return sheets


def _scan_xls(data: bytes) -> dict[str, _SheetScan]:
    return {name: _SheetScan(*extent) for name, extent in biff.scan(data).items()}


@dataclass
class _SheetScan:
    rows: int = 0
    columns: int = 0
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, "#N/A")


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _scan_xlsx(data: bytes) -> dict[str, _SheetScan]:
    """Each worksheet's extent (from its cells' references, not from the <dimension> it
    declares) and its error cells, streamed from the XML without building the grid."""
    from lxml import etree

    book = zipfile.ZipFile(io.BytesIO(data))
    names = set(book.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    rels = etree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    scans = {}
    for sheet in etree.fromstring(book.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if part in names:
            with book.open(part) as stream:
                xml = stream.read(_SCAN_BYTES + 1)
            scan = _scan_refs(xml) if len(xml) <= _SCAN_BYTES else None
            if scan is None:
                with book.open(part) as stream:
                    scan = _scan_sheet(stream)
            scans[sheet.get("name")] = scan
    return scans


_SCAN_BYTES = 256 * 1024**2  # a sheet's XML up to this is scanned whole, by regular expressions
_Q = rb"[\"']"
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=" + _Q + rb"(\d+)")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=" + _Q + rb"([A-Z]{1,3})(\d+)" + _Q)
_ERROR_CELL = re.compile(  # an error cell with a body (a self-closing <c .../> has no value)
    rb"<(?:\w+:)?c\s([^>]*?\bt=" + _Q + rb"e" + _Q + rb"[^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>", re.S
)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_REF_ATTR = re.compile(rb"\br=" + _Q + rb"([A-Z]{1,3})(\d+)" + _Q)


# the references as xlsx writers write them (`<c r="A1"`, `<row r="1"`), found twice as fast;
# the patterns above for any other form (another quote, attributes first, ...)
_PLAIN_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
_PLAIN_ROW_REF = re.compile(rb'<row r="(\d+)"')
_PREFIXED = re.compile(rb"<\w+:(?:c|row)[\s>/]")


def _scan_refs(xml: bytes) -> _SheetScan | None:
    """`_scan_sheet`'s answer from the XML's text, by regular expressions (C speed: a list of
    a hundred thousand dossiers is scanned in a tenth of a second, against seconds for a step
    per cell); None when a cell lacks its reference, which only the element walk places."""
    count = sum(map(xml.count, (b"<c ", b"<c>", b"<c/>")))
    plain = _PREFIXED.search(xml) is None  # (a prefixed <x:c> is left to the element walk)
    cells = _PLAIN_CELL_REF.findall(xml) if plain else None
    if cells is None or len(cells) != count:
        cells = _CELL_REF.findall(xml)
        if len(cells) != count:
            return None
    rows = _PLAIN_ROW_REF.findall(xml) if plain else None
    if rows is None or len(rows) != xml.count(b"<row ") + xml.count(b"<row>"):
        rows = _ROW_REF.findall(xml)
    scan = _SheetScan()
    scan.rows = max(map(int, {*rows, *map(itemgetter(1), cells)}), default=0)
    letters = set(map(itemgetter(0), cells))
    if letters:
        scan.columns = _column_index(max(letters, key=lambda x: (len(x), x)).decode()) + 1
    if b't="e"' not in xml and b"t='e'" not in xml:
        return scan  # no error cell
    for attrs, body in _ERROR_CELL.findall(xml):
        ref, value = _REF_ATTR.search(attrs), _VALUE.search(body)
        if ref and value and value.group(1).strip():
            row, col = int(ref.group(2)) - 1, _column_index(ref.group(1).decode())
            scan.errors.append((row, col, value.group(1).decode("utf-8").strip()))
    return scan


_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def _scan_sheet(stream) -> _SheetScan:
    from lxml import etree

    scan = _SheetScan()
    row = col = -1
    for event, element in etree.iterparse(
        stream, events=("start", "end"), tag=(f"{_MAIN}row", f"{_MAIN}c")
    ):
        if element.tag == f"{_MAIN}row":
            if event == "start":
                number = element.get("r")
                row = int(number) - 1 if number and number.isdigit() else row + 1
                col = -1
                scan.rows = max(scan.rows, row + 1)
            else:
                element.clear()
            continue
        if event == "start":
            continue
        ref = _REF.fullmatch(element.get("r") or "")
        if ref:
            col = _column_index(ref.group(1))
            row = int(ref.group(2)) - 1
            scan.rows = max(scan.rows, row + 1)
        else:
            col += 1
        scan.columns = max(scan.columns, col + 1)
        if element.get("t") == "e":
            value = element.findtext(f"{_MAIN}v")
            if value:
                scan.errors.append((row, col, value.strip()))
        element.clear()
    return scan


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _read_html(data: bytes, name: str) -> list[Sheet]:
    from lxml import etree  # plain elements: lxml.html's element classes cost a lookup per cell

    text = decode(data)
    doc = etree.fromstring(text, etree.HTMLParser())
    if doc is None:  # nothing but comments or whitespace
        return []
    sheets = []
    for index, table in enumerate(doc.iter("table")):
        sheet_name = msg("read.html_table", number=index + 1) if index else None
        rows, merged = _html_grid(table, name, sheet_name)
        sheets.append(Sheet(sheet_name, rows, merged))
    return sheets


def _html_grid(table, file: str, sheet: str | None) -> tuple[list[list[Cell]], list[Merge]]:
    """Expand an HTML table into a grid: a spanned cell's value sits at its top-left corner and
    its span is recorded as a merged range, exactly as a spreadsheet would have it."""
    grid: dict[tuple[int, int], Cell] = {}
    taken: set[tuple[int, int]] = set()  # cells covered by a span from a row above
    merged: list[Merge] = []
    width = spanned = 0
    tr_list = [tr for tr in table.iter("tr") if tr.getparent() is not None]
    for r, tr in enumerate(tr_list):
        c = 0
        for td in tr:
            if td.tag != "td" and td.tag != "th":
                continue
            while taken and (r, c) in taken:
                c += 1
            # a cell holding only text (the usual case) needs no walk over its children
            grid[(r, c)] = (td.text or "") if len(td) == 0 else "".join(td.itertext())
            if not td.attrib:
                c += 1
                continue
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            if rowspan > 1 or colspan > 1:  # a plain cell is never looked up again
                spanned += rowspan * colspan
                if spanned > MAX_SPANNED:  # before the covered cells are listed one by one
                    raise DataError.of(
                        "read.too_many_spans", file=file, sheet=sheet, limit=MAX_SPANNED
                    )
                taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
                merged.append(((r, c), (r + rowspan - 1, c + colspan - 1)))
            c += colspan
        width = max(width, c)
    height = len(tr_list)
    _check_cells(file, sheet, height, width)
    rows = [[grid.get((r, c)) for c in range(width)] for r in range(height)]
    return rows, merged


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value or 1), MAX_SPAN))
    except ValueError:
        return 1


def decode(data: bytes) -> str:
    """The text of a text export: its BOM's encoding, else UTF-8, else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258")


def _read_csv(data: bytes, name: str) -> list[Sheet]:
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        raise DataError.of("read.encoding", file=name) from exc
    if text.count("\n") > MAX_ROWS:
        raise _too_many(name, None, text.count("\n"))
    start = 0
    for end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        if end - start > MAX_LINE_CHARS:  # before the line is split into its fields
            line = text.count("\n", 0, start) + 1
            raise DataError.of("read.long_line", file=name, row=line, limit=MAX_LINE_CHARS)
        start = end + 1
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return [Sheet(None, rows)]


TREE_PARENT = "tree_parent"  # in a sheet's meta: its first row is a tree answer's parent node
_ROW_LIST_KEYS = ("data", "rows", "items", "result", "results", "records", "content", "list")


def _read_json(data: bytes, name: str) -> list[Sheet]:
    try:
        doc = json.loads(decode(data))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError.of("read.json", file=name, detail=str(exc)[:120]) from exc
    meta: dict[str, object] = {}
    records = doc
    while isinstance(records, dict):
        meta.update({k: v for k, v in records.items() if not isinstance(v, list | dict)})
        if isinstance(records.get("parent"), dict) and isinstance(records.get("children"), list):
            # a tree answer of the 2026 API: the unit asked for (the parent) is the first row
            meta[TREE_PARENT] = True
            records = [records["parent"], *records["children"]]
            break
        inner = next((records[k] for k in _ROW_LIST_KEYS if k in records), None)
        if inner is None:
            inner = next((v for v in records.values() if isinstance(v, list)), None)
        if inner is None:
            break
        records = inner
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DataError.of("read.json", file=name, detail=msg("read.json_not_list"))
    if len(records) > MAX_ROWS:  # before each record is flattened into a row
        raise _too_many(name, None, len(records))
    flat = [row for r in records for row in _explode_metrics(r)]
    header: list[str] = []
    for record in flat:
        header.extend(k for k in record if k not in header)
    rows: list[list[Cell]] = [list(header)]
    rows.extend([record.get(k) for k in header] for record in flat)
    return [Sheet(None, rows, meta=meta)]


_METRIC_LIST_KEYS = ("metrics", "indicators", "chiTieu")


def _explode_metrics(record: dict) -> list[dict[str, object]]:
    """A unit with a list of sub-indicators becomes one row per sub-indicator (the unit's own
    fields repeated); any other record is one row."""
    base = _flatten(record)
    for key in _METRIC_LIST_KEYS:
        metrics = record.get(key)
        if isinstance(metrics, list) and metrics and all(isinstance(m, dict) for m in metrics):
            return [base | _flatten(m) for m in metrics]
    return [base]


def _flatten(record: dict) -> dict[str, object]:
    """One level of nesting lifted up ({"groupScores": {"CKMB": ..}} gives "CKMB"); a nested key
    that clashes with an outer one keeps its parent as a prefix. Nested lists are left out."""
    out: dict[str, object] = {k: v for k, v in record.items() if not isinstance(v, dict | list)}
    for key, value in record.items():
        if isinstance(value, dict):
            for inner_key, inner in _flatten(value).items():
                out[inner_key if inner_key not in out else f"{key}.{inner_key}"] = inner
    return out
