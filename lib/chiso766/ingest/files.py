"""One raw file -> its located tables: read every sheet, clean every text cell (NFC, legacy
encodings), find each sheet's table, tell its kind and the period it states. The month pipeline
and `chiso766 init` both read files through here."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from chiso766.config import Project
from chiso766.errors import DataError, Issue
from chiso766.ingest import legacy
from chiso766.ingest.dates import parse_date
from chiso766.ingest.kinds import Context, ExportKind, kind_of
from chiso766.ingest.readers import Sheet, read_sheets
from chiso766.ingest.tables import Table, locate
from chiso766.reference.periods import Period, from_dates, from_text
from chiso766.store.manifest import name_of
from chiso766.textnorm import clean_text, is_nfd


@dataclass
class Found:
    """A located table of a file, with its kind (None: not a kind the tool knows)."""

    sheet: Sheet
    table: Table
    kind: ExportKind | None


def tables_in(path: Path, project: Project, issues: list[Issue]) -> Iterator[Found]:
    """Every sheet of the file that holds a table, cleaned and located, with its kind. Reading
    problems and cleaning notes go to `issues`; a file that cannot be read yields nothing. A
    file with no table of a known kind gets a warning naming the columns it has. A CSV list, or
    an Excel sheet, of a kind that reads by columns (dossier lists) is read by columns
    (columnar.py)."""
    from chiso766.ingest import columnar  # it builds on this module's cleaning

    name = name_of(path)
    if (listed := columnar.read(path, project, issues)) is not None:
        yield listed
        return
    try:
        sheets = read_sheets(path, name)
    except DataError as exc:
        issues.extend(exc.issues)
        return
    known = False
    for sheet in sheets:
        if sheet.format == "xlsx" and (by_columns := columnar.read_sheet(sheet, name, project)):
            found, notes = by_columns
            issues.extend(notes)
        else:
            issues.extend(normalise_cells(sheet, name))
            try:
                table = locate(sheet, name)
            except DataError:
                continue
            found = Found(sheet, table, kind_of(table, project))
        known = known or found.kind is not None
        yield found
    if not known and not any(cell is not None for s in sheets for row in s.rows for cell in row):
        # an answer with no rows (the portal has no figures of one indicator endpoint yet)
        issues.append(Issue.of("warning", "read.no_data", file=name))
    elif not known:
        issues.append(
            Issue.of(
                "warning",
                "read.unknown_kind",
                file=name,
                columns=_columns_seen(sheets, name),
            )
        )


READ_THREADS = 2  # files read side by side: most of a large list's reading releases the GIL


@dataclass
class FileRead:
    """A file's located tables, each with the issues its reading gave just before it, and the
    issues after the last (as `tables_in` gives them, in order); a table of a kind that reads
    by columns comes parsed (the kind's parse is a function of the table and the context)."""

    path: Path
    tables: list[tuple[Found, list[Issue], tuple[pd.DataFrame, list[Issue]] | None]]
    after: list[Issue]


def read_files(
    paths: list[Path], project: Project, context_of: Callable[[Path], Context]
) -> Iterator[FileRead]:
    """`tables_in` of each file, in order, READ_THREADS files at a time (at most that many
    read ahead of the one given): a month's dossier lists, millions of rows, are read on every
    core. A table of a kind that reads by columns is parsed there too, with `context_of(path)`;
    the caller decides whether to use it, in order, as it would have parsed it.

    Left unfinished (the caller stopped at an error), the reading is closed by the garbage
    collector, on whatever thread and at whatever moment it runs, even inside `threading`'s
    own locks: the files in flight are then left to finish on their own, never waited for
    there (waiting for a thread to stop from inside such a lock never returns)."""
    pool = ThreadPoolExecutor(READ_THREADS)
    try:
        waiting = iter(paths)
        ahead: deque[Future[FileRead]] = deque(
            pool.submit(_read_one, path, project, context_of)
            for path in itertools.islice(waiting, READ_THREADS)
        )
        while ahead:
            read = ahead.popleft().result()
            if (path := next(waiting, None)) is not None:
                ahead.append(pool.submit(_read_one, path, project, context_of))
            yield read
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _read_one(path: Path, project: Project, context_of: Callable[[Path], Context]) -> FileRead:
    issues: list[Issue] = []
    tables = []
    mark = 0
    for found in tables_in(path, project, issues):
        parsed = None
        if found.kind is not None and found.kind.columnar and found.table.size:
            parsed = found.kind.parse(found.table, context_of(path))
        tables.append((found, issues[mark:], parsed))
        mark = len(issues)
    return FileRead(path, tables, issues[mark:])


def normalise_cells(sheet: Sheet, file: str) -> list[Issue]:
    """NFC and legacy-encoding conversion of every text cell, in place; notes what changed.

    The legacy encoding is decided per column (a font covers a column), so a TCVN3 word that
    looks like Unicode on its own is still converted with its neighbours."""
    issues: list[Issue] = []
    nfd = sum(1 for row in sheet.rows for cell in row if is_nfd(cell))
    width = max((len(r) for r in sheet.rows), default=0)
    for c in range(width):
        cells: list[tuple[int, str]] = []
        for r, row in enumerate(sheet.rows):
            value = row[c] if c < len(row) else None
            if isinstance(value, str):
                cells.append((r, value))
        encoding = legacy.detect_column([v for _, v in cells])
        for r, cell in cells:
            # plain ASCII has no legacy encoding to undo (codes, dates, numbers as text)
            cell_encoding = None if cell.isascii() else encoding or legacy.detect(cell)
            if cell_encoding:
                converted = legacy.convert(cell, cell_encoding)
                if converted is None:
                    issues.append(
                        Issue.of(
                            "warning",
                            "note.legacy_unconverted",
                            file=file,
                            sheet=sheet.name,
                            row=r + 1,
                            encoding=cell_encoding,
                            value=cell[:60],
                        )
                    )
                elif converted != cell:
                    issues.append(
                        Issue.of(
                            "info",
                            "note.legacy_converted",
                            file=file,
                            sheet=sheet.name,
                            row=r + 1,
                            encoding=cell_encoding,
                            before=cell[:40],
                            after=converted[:40],
                        )
                    )
                    cell = converted
            sheet.rows[r][c] = clean_text(cell) if cell.strip() else None
    if nfd:
        issues.append(Issue.of("info", "note.nfd", file=file, sheet=sheet.name, count=nfd))
    return issues


def stated_period(table: Table) -> Period | None:
    """The period a file states: title rows, JSON fields, or from/to columns."""
    if found := from_text(table.title_lines):
        return found
    meta = {k.lower().replace("_", ""): v for k, v in table.meta.items()}
    pairs = [("tungay", "denngay"), ("fromdate", "todate"), ("from", "to")]
    candidates = [(meta.get(a), meta.get(b)) for a, b in pairs]
    if table.size and "period_from" in table.columns and "period_to" in table.columns:
        row = table.row_at(0)[1]
        candidates.append((table.value(row, "period_from"), table.value(row, "period_to")))
    for start, end in candidates:
        try:
            a, b = parse_date(start), parse_date(end)
        except ValueError:
            continue
        if a and b:
            return from_dates(a, b)
    return None


def _columns_seen(sheets: list[Sheet], file: str) -> str:
    for sheet in sheets:
        try:
            table = locate(sheet, file)
        except DataError:
            continue
        return ", ".join(sorted(table.columns)) or "-"
    return "-"
