"""The late dossiers by name: a sheet per level of the appendix workbook ("Danh sách hồ sơ trễ
hạn") and one workbook per unit, outputs/<period>/giai_trinh/<unit>.xlsx, that the office sends
to the unit asking it to explain each dossier (a column left for its explanation). Both come
from the month's dossier lists (analysis.dossier_records); a month without lists has neither."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import xlsxwriter

from chiso766 import analysis as an
from chiso766.analysis import dossier_records as dr
from chiso766.messages import msg
from chiso766.reference.levels import UNIT_LEVELS
from chiso766.report import appendix
from chiso766.store.parquet import new_folder, swap_in
from chiso766.textnorm import strip_diacritics

FOLDER = "giai_trinh"
_KINDS = ["stt", "text", "text", "text", "text", "date", "date", "date", "int", "text"]
_WIDTHS: list[float] = [5, 30, 22, 12, 40, 12, 12, 12, 10, 18]


def _day(value: object) -> date | None:
    """A record's time as the day an Excel cell holds (shown dd/mm/yyyy, sortable)."""
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _header(with_explanation: bool) -> list[list[tuple[str, int, int]]]:
    keys = ("stt", "unit", "code", "procedure_code", "procedure_name", "received", "due",
            "finished", "days_late", "state")  # fmt: skip
    cells = [(msg(f"late.col.{k}"), 1, 1) for k in keys]
    if with_explanation:
        cells.append((msg("late.col.explanation"), 1, 1))
    return [cells]


def _rows(late: pd.DataFrame, with_explanation: bool) -> list[list[object]]:
    return [
        [
            i,
            r.unit_name,
            r.dossier_code,
            r.procedure_code,
            r.procedure_name,
            _day(r.received_at),
            _day(r.due_at),
            _day(r.finished_at),
            int(r.days_late),
            msg(f"late.kind.{r.late_kind}"),
            *([""] if with_explanation else []),
        ]
        for i, r in enumerate(late.itertuples(), 1)
    ]


def sheets(data: an.MonthData) -> list[appendix.Sheet]:
    """A sheet per level with late dossiers, units in official order (none without lists)."""
    if not dr.has_records(data):
        return []
    out = []
    for level, late in dr.late_by_level(data).items():
        if late.empty:
            continue
        label = msg(f"app.section3.{level}")
        out.append(
            appendix.Sheet(
                msg("late.sheet", level=msg(f"late.level.{level}")),
                appendix._period_lines(data, msg("late.title", level=label.upper())),
                _header(False),
                _rows(late, False),
                _KINDS,
                _WIDTHS,
            )
        )
    return out


def _file_name(unit_name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", strip_diacritics(unit_name)).strip("_")
    return f"{slug}.xlsx"


def unit_sheet(period_line: str, unit_name: str, late: pd.DataFrame) -> appendix.Sheet:
    """A unit's file: its late dossiers, a column for its explanation; `period_line` is the
    month's (appendix.period_line)."""
    return appendix.Sheet(
        msg("late.unit_sheet"),
        [
            msg("late.unit_title", unit=unit_name.upper()),
            msg("late.unit_ask", count=len(late)),
            period_line,
        ],
        _header(True),
        _rows(late, True),
        [*_KINDS, "text"],
        [*_WIDTHS, 40],
    )


def write_unit_files(data: an.MonthData, folder: Path) -> list[Path]:
    """outputs/<period>/giai_trinh/<unit>.xlsx for every unit with late dossiers, the folder
    written aside and swapped in whole. Returns the files (none: no lists or no late dossier)."""
    late = dr.late_dossiers(data)
    if late.empty:
        return []
    target = folder / FOLDER
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = new_folder(target.parent, f".{FOLDER}.new-")
    names = []
    period_line = appendix.period_line(data)
    for level in UNIT_LEVELS:
        of_level = late[late["level"] == level]
        for _, rows in of_level.groupby("unit_id", sort=False):
            unit_name = str(rows["unit_name"].iloc[0])
            name = _file_name(unit_name)
            book = xlsxwriter.Workbook(str(tmp / name), {"in_memory": True})  # no temp files
            sheet = unit_sheet(period_line, unit_name, rows)
            appendix._write_sheet(book, appendix._formats(book), sheet)
            book.close()
            names.append(name)
    swap_in(tmp, target)
    return [target / n for n in names]
