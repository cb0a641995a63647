"""The appendix workbook as the office issues it (Phụ lục 1-3 and the late publication table),
with a UTF-8 CSV copy of each sheet.

Formatted as official appendices: title, the "(Kèm theo Thông báo ...)" line and the period line,
merged multi-row headers, Times New Roman, borders, number formats, frozen headers, and print
set-up (A4 landscape, fit to width, header rows repeated on every page, "Trang x/y" footers).
A value the notice marks as a field to fill (`notice_facts.Field`: the issue date in the
"(Kèm theo Thông báo ...)" line, a publication rule nobody gave) is a Field here too, written
on a yellow fill as the notice highlights it.

To add a sheet: a function of `MonthData` returning a `Sheet`, listed in `sheets()`.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from chiso766 import analysis as an
from chiso766 import formatting
from chiso766.messages import msg
from chiso766.reference.groups import BY_CODE, GROUP_CODES, MAX_POINTS
from chiso766.reference.levels import UNIT_LEVELS
from chiso766.report import narrative, notice_facts
from chiso766.report.notice_facts import Field
from chiso766.store.fields import COUNT_FIELDS

FONT = "Times New Roman"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Text that a spreadsheet could take for a formula gets a leading apostrophe (a lone dash
    or a plain signed number stays as it is)."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if re.fullmatch(r"[-+]?[\d.,]*|-+", value.strip()):
        return value
    return "'" + value


@dataclass
class Sheet:
    """One appendix sheet: title lines, a header block and rows, kept as plain values so the
    same content becomes the .xlsx sheet and its CSV copy."""

    name: str
    titles: list[str | Field]
    header: list[list[tuple[str, int, int]]]  # rows of (text, rowspan, colspan)
    rows: list[list[object]]  # values; a Field is written as its text, on yellow when marked
    kinds: list[str]  # per column: "text", "int", "points", "percent"
    widths: list[float]
    bold_rows: frozenset[int] = frozenset()
    footer: list[str] | None = None

    @property
    def width(self) -> int:
        return len(self.kinds)


def _period_lines(data: an.MonthData, title: str) -> list[str | Field]:
    office = data.province.office
    date_line = notice_facts.facts(data).date_line
    return [
        title,
        Field(  # marked as the notice's date line is: the day to fill
            msg(
                "app.attached",
                symbol=office["symbol"],
                date_line=date_line.text,
                office=office["short_name"],
            ),
            date_line.source,
            date_line.hint,
        ),
        period_line(data),
    ]


def period_line(data: an.MonthData) -> str:
    """The period's first and last day (message app.period): every sheet's third title line."""
    p = data.period
    return msg(
        "app.period",
        start=f"{p.start.day:02d}/{p.start.month}/{p.start.year}",
        end=f"{p.end.day:02d}/{p.end.month}/{p.end.year}",
    )


def _score_header() -> list[list[tuple[str, int, int]]]:
    groups = [
        (msg("app.group_header", label=BY_CODE[c].label, max=int(MAX_POINTS[c])), 1, 1)
        for c in GROUP_CODES
    ]
    return [
        [
            (msg("col.stt"), 2, 1),
            (msg("app.unit"), 2, 1),
            (msg("app.groups"), 1, 6),
            (msg("app.total"), 2, 1),
            (msg("app.rank"), 2, 1),
            (msg("app.movement"), 2, 1),
        ],
        groups,
    ]


_SCORE_KINDS = ["stt", "text", *["points"] * 6, "points", "center", "center"]
_SCORE_WIDTHS: list[float] = [5, 44, *[12] * 6, 10, 9, 14]


def _score_rows(table: pd.DataFrame) -> list[list[object]]:
    return [
        [
            r.stt,
            r.unit,
            *[getattr(r, c) for c in GROUP_CODES],
            r.total,
            r.rank_text,
            r.movement or "-",
        ]
        for r in table.itertuples()
    ]


def annex1(data: an.MonthData) -> Sheet:
    table = an.unit_table(data, "department")
    return Sheet(
        msg("app.sheet1"),
        _period_lines(data, msg("app.title1")),
        _score_header(),
        _score_rows(table),
        _SCORE_KINDS,
        _SCORE_WIDTHS,
    )


def annex2(data: an.MonthData) -> Sheet:
    rows: list[list[object]] = []
    bold = set()
    kinds = notice_facts.commune_kinds(data).upper()
    numerals = iter(_NUMERALS)
    for level in ("district", "commune"):
        table = an.unit_table(data, level)
        if table.empty:
            continue
        bold.add(len(rows))
        heading = msg(f"app.section_{level}", numeral=next(numerals), kinds=kinds)
        rows.append([None, heading, *[None] * 9])
        rows.extend(_score_rows(table))
    title = msg(f"app.title2.{notice_facts.structure_key(data)}", kinds=kinds)
    return Sheet(
        msg("app.sheet2"),
        _period_lines(data, title),
        _score_header(),
        rows,
        _SCORE_KINDS,
        _SCORE_WIDTHS,
        frozenset(bold),
    )


_COUNTS = COUNT_FIELDS
_NUMERALS = ("I", "II", "III", "IV", "V")


def annex3(data: an.MonthData) -> Sheet:
    """Biểu 06 columns per unit, by level, with the on-time rate and late dossiers; the late
    lists follow the table."""
    t = msg
    header = [
        [
            (t("col.stt"), 3, 1),
            (t("app.b06_unit"), 3, 1),
            (t("app.b06_received"), 1, 4),
            (t("app.b06_resolved"), 1, 4),
            (t("app.b06_pending"), 1, 3),
            (t("app.b06_rate"), 3, 1),
            (t("app.b06_late_total"), 3, 1),
        ],
        [
            (t("app.b06_total"), 2, 1),
            (t("app.b06_of_which"), 1, 3),
            (t("app.b06_total"), 2, 1),
            (t("app.b06_of_which"), 1, 3),
            (t("app.b06_total"), 2, 1),
            (t("app.b06_of_which"), 1, 2),
        ],
        [
            (t("app.b06_online"), 1, 1),
            (t("app.b06_direct"), 1, 1),
            (t("app.b06_carried"), 1, 1),
            (t("app.b06_early"), 1, 1),
            (t("app.b06_on_time"), 1, 1),
            (t("app.b06_late"), 1, 1),
            (t("app.b06_within"), 1, 1),
            (t("app.b06_late"), 1, 1),
        ],
        [(str(i), 1, 1) for i in range(1, 16)],
    ]
    table = an.dossier_table(data)
    rows: list[list[object]] = []
    bold = set()
    numerals = iter(_NUMERALS)
    for level in UNIT_LEVELS:
        part = table[table["level"] == level]
        if part.empty:
            continue
        bold.add(len(rows))
        rows.append([next(numerals), msg(f"app.section3.{level}"), *[None] * 13])
        for i, r in enumerate(part.itertuples(), 1):
            rows.append(
                [
                    i,
                    r.display_name,
                    *[_int(getattr(r, c)) for c in _COUNTS],
                    r.on_time_rate,
                    int(r.late),
                ]
            )
    resolved = int(table["resolved_total"].sum())
    in_time = int(
        table["resolved_early"].fillna(0).sum() + table["resolved_on_time"].fillna(0).sum()
    )
    bold.add(len(rows))
    rows.append(
        [
            None,
            msg("app.totals"),
            *[int(table[c].fillna(0).sum()) for c in _COUNTS],
            in_time / resolved if resolved else None,
            int(table["late"].sum()),
        ]
    )
    footer = [
        msg("app.late_title", threshold=data.settings.late_threshold),
        *[line for line in narrative.late_lines(data) if line.startswith("- ")],
    ]
    return Sheet(
        msg("app.sheet3"),
        _period_lines(data, msg("app.title3")),
        header,
        rows,
        ["stt", "text", *["int"] * 11, "percent", "int"],
        [5, 44, *[10] * 11, 11, 10],
        frozenset(bold),
        footer,
    )


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def annex4(data: an.MonthData) -> Sheet:
    rule = notice_facts.facts(data).publication_rule  # the period's own, or a field to fill
    rows: list[list[object]] = [
        [int(r["stt"]), r["decision"], r["unit"], rule] for r in narrative.late_publications(data)
    ]
    header = [
        [
            (msg("col.stt"), 1, 1),
            (msg("app.pub_decision"), 1, 1),
            (msg("app.pub_unit"), 1, 1),
            (msg("app.pub_note"), 1, 1),
        ]
    ]
    footer = None if rows else [msg("app.pub_none")]
    return Sheet(
        msg("app.sheet4"),
        _period_lines(data, msg("app.title4")),
        header,
        rows,
        ["stt", "text", "text", "text"],
        [5, 70, 40, 50],
        footer=footer,
    )


def sheets(data: an.MonthData) -> list[Sheet]:
    from chiso766.report import late_dossiers  # it builds on this module's Sheet

    return [annex1(data), annex2(data), annex3(data), annex4(data), *late_dossiers.sheets(data)]


# --- writing ----------------------------------------------------------------------------------


MARKED = "#FFFF00"  # the yellow of a field to fill, as the notice highlights it


def _formats(book: xlsxwriter.Workbook) -> dict:
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
    cell = base | {"border": 1, "text_wrap": True}
    specs: dict[str, dict] = {
        "title": base | {"bold": True, "font_size": 13, "align": "center"},
        "subtitle": base | {"italic": True, "align": "center"},
        "head": cell | {"bold": True, "align": "center", "bg_color": "#DDEBF7"},
        "text": cell,
        "stt": cell | {"align": "center"},
        "center": cell | {"align": "center"},
        "date": cell | {"num_format": "dd/mm/yyyy", "align": "center"},  # a date, sortable
        "int": cell | {"num_format": "#,##0", "align": "right"},
        "points": cell | {"num_format": "0.00", "align": "right"},
        "percent": cell | {"num_format": "0.0%", "align": "right"},
        "bold_text": cell | {"bold": True},
        "bold_stt": cell | {"bold": True, "align": "center"},
        "bold_center": cell | {"bold": True, "align": "center"},
        "bold_int": cell | {"bold": True, "num_format": "#,##0", "align": "right"},
        "bold_points": cell | {"bold": True, "num_format": "0.00"},
        "bold_percent": cell | {"bold": True, "num_format": "0.0%"},
        "footer": base | {"text_wrap": False},
        "footer_bold": base | {"bold": True},
    }
    # every format again on yellow: a value to fill or check before signing (as in the notice)
    specs |= {f"marked_{name}": spec | {"bg_color": MARKED} for name, spec in list(specs.items())}
    return {name: book.add_format(spec) for name, spec in specs.items()}


def _marked(value: object, fmt: str) -> tuple[object, str]:
    """A Field as its text, with the yellow variant of `fmt` when it is to fill or check."""
    if isinstance(value, Field):
        return value.text, f"marked_{fmt}" if value.marked else fmt
    return value, fmt


def _write_sheet(book: xlsxwriter.Workbook, formats: dict, sheet: Sheet) -> None:
    ws = book.add_worksheet(sheet.name)
    last = sheet.width - 1
    for r, title in enumerate(sheet.titles):
        text, fmt = _marked(title, "title" if r == 0 else "subtitle")
        ws.merge_range(r, 0, r, last, text, formats[fmt])
    top = len(sheet.titles) + 1
    taken: set[tuple[int, int]] = set()
    for dr, cells in enumerate(sheet.header):
        c = 0
        for text, rowspan, colspan in cells:
            while (top + dr, c) in taken:
                c += 1
            r0, c0, r1, c1 = top + dr, c, top + dr + rowspan - 1, c + colspan - 1
            if (r0, c0) != (r1, c1):
                ws.merge_range(r0, c0, r1, c1, text, formats["head"])
            else:
                ws.write_string(r0, c0, text, formats["head"])
            taken |= {(r, cc) for r in range(r0, r1 + 1) for cc in range(c0, c1 + 1)}
            c = c1 + 1
    first = top + len(sheet.header)
    for i, row in enumerate(sheet.rows):
        bold = "bold_" if i in sheet.bold_rows else ""
        for c, (cell, kind) in enumerate(zip(row, sheet.kinds, strict=True)):
            value, name = _marked(cell, bold + kind if bold + kind in formats else kind)
            fmt = formats[name]
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                ws.write_blank(first + i, c, None, fmt)
            elif isinstance(value, str):
                ws.write_string(first + i, c, value, fmt)  # never a formula
            elif isinstance(value, date):
                ws.write_datetime(first + i, c, value, fmt)
            else:
                ws.write_number(first + i, c, value, fmt)
    end = first + len(sheet.rows)
    for j, line in enumerate(sheet.footer or []):
        ws.write_string(end + 1 + j, 1, line, formats["footer_bold" if j == 0 else "footer"])
    for c, width in enumerate(sheet.widths):
        ws.set_column(c, c, width)
    for dr, height in enumerate(_header_heights(sheet)):
        ws.set_row(top + dr, height)
    ws.freeze_panes(first, 2)
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, first - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(msg("app.page_footer"))


_LINE_POINTS = 15  # one line of 11 pt text, in row height points
_CHARS_PER_WIDTH = 1.1  # a column `w` wide holds about w / 1.1 bold characters


def _header_heights(sheet: Sheet) -> list[float]:
    """Row heights that fit each header cell's wrapped text: a spreadsheet does not grow a row
    for a merged cell, so without them headers overflow when printed."""
    lines = [1] * len(sheet.header)
    taken: set[tuple[int, int]] = set()
    spans = []
    for r, cells in enumerate(sheet.header):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in taken:
                c += 1
            width = sum(sheet.widths[c : c + colspan]) / _CHARS_PER_WIDTH
            need = max(1, math.ceil(len(text) / max(width - 1, 1)))
            spans.append((r, rowspan, need))
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            c += colspan
    for r, rowspan, need in sorted(spans, key=lambda s: s[1]):
        have = sum(lines[r : r + rowspan])
        if need > have:  # the last row of the span takes what is missing
            lines[r + rowspan - 1] += need - have
    return [n * _LINE_POINTS + 4 for n in lines]


def write_workbook(data: an.MonthData, path: Path) -> list[Path]:
    """Write the appendix workbook and a CSV copy (UTF-8 with BOM) of each sheet beside it."""
    content = sheets(data)
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    book.set_properties(
        {"title": msg("app.title1"), "created": pd.Timestamp(data.period.end).to_pydatetime()}
    )
    formats = _formats(book)
    for sheet in content:
        _write_sheet(book, formats, sheet)
    book.close()
    written = [path]
    for index, sheet in enumerate(content, 1):
        csv_path = path.with_name(f"{path.stem}_{index}.csv")
        csv_path.write_bytes(to_csv(sheet))
        written.append(csv_path)
    return written


def to_csv(sheet: Sheet) -> bytes:
    """A sheet as CSV: the leaf header labels, the rows, text that could run as a formula
    neutralised."""
    leaves = _leaf_headers(sheet)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(leaves)
    for row in sheet.rows:
        writer.writerow(
            [
                ""
                if v is None or (not isinstance(v, str) and pd.isna(v))
                else formatting.day(v)
                if isinstance(v, date)
                else safe_text(v)
                for v in (c.text if isinstance(c, Field) else c for c in row)
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _leaf_headers(sheet: Sheet) -> list[str]:
    """One label per column: the header path joined, numbers-only rows left out."""
    grid: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(sheet.header):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in taken:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
                    grid[(r + dr, c + dc)] = text
            c += colspan
    labels = []
    for c in range(sheet.width):
        parts = []
        for r in range(len(sheet.header)):
            text = grid.get((r, c), "")
            if (
                text
                and not text.isdigit()
                and text not in parts
                and text != msg("app.b06_of_which")
            ):
                parts.append(text)
        labels.append(" - ".join(parts))
    return labels
