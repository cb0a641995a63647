"""An old binary .xls (BIFF5/BIFF8 in an OLE2 compound file), looked at record by record before
calamine reads it: each sheet's extent (calamine builds every sheet's whole grid as it opens
the file, so a stray cell at IV65536 costs over a gigabyte before any check could run) and its
error cells (which calamine shows as empty text).

Only records that put a value in a cell count, as they are what calamine builds the grid from;
a formatted blank far away costs nothing and is not counted."""

from __future__ import annotations

import struct
from typing import NamedTuple

import olefile


class Extent(NamedTuple):
    rows: int  # one past the last row holding a value (0-based rows, like the grid)
    columns: int
    errors: list[tuple[int, int, str]]  # (row, column, "#N/A") of error cells


_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_FORMULA, _BOOLERR, _MULRK = 0x0006, 0x0205, 0x00BD
# records holding one cell's value, each starting with its row and column
_CELLS = {_FORMULA, 0x00FD, 0x0203, 0x027E, 0x0204, 0x00D6, _BOOLERR}  # + LABELSST, NUMBER...
_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}


def scan(data: bytes) -> dict[str, Extent]:
    """Each sheet's extent and error cells, by sheet name; {} when the file holds no workbook
    stream (calamine then says what is wrong with it)."""
    ole = olefile.OleFileIO(data)
    name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
    if name is None:
        return {}
    book = ole.openstream(name).read()
    sheets = []
    biff8 = True
    for kind, start, size in _records(book, 0):
        body = book[start : start + size]
        if kind == _BOF and size >= 2:
            biff8 = struct.unpack_from("<H", body)[0] == 0x0600
        elif kind == _BOUNDSHEET and size >= 8 and body[5] == 0:  # a worksheet, not a chart
            sheets.append((struct.unpack_from("<I", body)[0], _sheet_name(body[6:], biff8)))
        elif kind == _EOF:
            break
    return {sheet: _scan_sheet(book, offset) for offset, sheet in sheets}


def _records(book: bytes, pos: int):
    """(type, start of data, size) of each record from `pos` to the end of the stream."""
    while pos + 4 <= len(book):
        kind, size = struct.unpack_from("<HH", book, pos)
        yield kind, pos + 4, size
        pos += 4 + size


def _sheet_name(body: bytes, biff8: bool) -> str:
    count = body[0] if body else 0
    if not biff8:
        return body[1 : 1 + count].decode("latin-1")
    wide = len(body) > 1 and body[1] & 1
    text = body[2 : 2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", errors="replace")


def _scan_sheet(book: bytes, offset: int) -> Extent:
    rows = columns = depth = 0
    errors: list[tuple[int, int, str]] = []
    for kind, start, size in _records(book, offset):
        if kind == _BOF:
            depth += 1  # a chart embedded in the sheet has its own BOF ... EOF
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and size >= 4 and (kind in _CELLS or kind == _MULRK):
            row, col = struct.unpack_from("<HH", book, start)
            if kind == _MULRK and size >= 6:  # row, first column, ..., last column
                col = struct.unpack_from("<H", book, start + size - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, col + 1)
            error = _error(kind, book[start : start + size])
            if error:
                errors.append((row, col, error))
    return Extent(rows, columns, errors)


def _error(kind: int, body: bytes) -> str | None:
    """The error literal a BOOLERR cell or a formula's cached result holds, if it is one."""
    if kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
        return _ERRORS.get(body[6], "#N/A")
    if kind == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
        return _ERRORS.get(body[8], "#N/A")
    return None
