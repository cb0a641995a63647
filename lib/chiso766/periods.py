"""Reporting periods: a month ("2024-06") or year-to-date up to a month, read from title rows,
JSON fields or the folder name."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .textnorm import fold

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, order=True)
class Period:
    """A month or year-to-date period; `key` is "YYYY-MM" of its last month."""

    year: int
    month: int
    kind: str = "month"  # "month" or "ytd"

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.kind == "ytd" else self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def label(self) -> str:
        """As notices write it: "tháng 6/2024" or "tính đến tháng 6/2024"."""
        text = f"tháng {self.month}/{self.year}"
        return f"tính đến {text}" if self.kind == "ytd" else text

    def describe(self) -> str:
        return f"{self.label()} ({self.start:%d/%m/%Y} - {self.end:%d/%m/%Y})"


def parse_month(text: str) -> Period:
    """ "YYYY-MM" to a month Period; ValueError otherwise."""
    m = MONTH_RE.match(text.strip())
    if not m:
        raise ValueError(text)
    return Period(int(m.group(1)), int(m.group(2)))


def month_range(start: str, end: str) -> list[str]:
    a, b = parse_month(start), parse_month(end)
    if (a.year, a.month) > (b.year, b.month):
        raise ValueError(f"{start} > {end}")
    out, y, m = [], a.year, a.month
    while (y, m) <= (b.year, b.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def previous_month(key: str) -> str:
    p = parse_month(key)
    return f"{p.year - 1:04d}-12" if p.month == 1 else f"{p.year:04d}-{p.month - 1:02d}"


_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_RANGE = re.compile(r"tu ngay\s*" + _DATE + r".{0,20}?den ngay\s*" + _DATE)
_MONTH = re.compile(r"thang\s*(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})")
_YTD_WORDS = ("luy ke", "tinh den", "tu dau nam")


def _date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def from_dates(start: date, end: date) -> Period | None:
    """The period a date range covers, when it is a whole month or January-to-month."""
    if end.day != calendar.monthrange(end.year, end.month)[1] or start.day != 1:
        return None
    if start.year != end.year:
        return None
    if start.month == end.month:
        return Period(end.year, end.month)
    if start.month == 1:
        return Period(end.year, end.month, "ytd")
    return None


def from_text(lines: list[str]) -> Period | None:
    """The period stated in title rows, or None when they state none."""
    text = " ".join(fold(line, keep_parens=True) for line in lines if line)
    text = text.replace(" / ", "/")
    if m := _RANGE.search(re.sub(r"(\d)\s+(\d)", r"\1/\2", text)):
        a, b = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        if a and b:
            return from_dates(a, b)
    # fold() turns "6/2024" into "6/2024" (slash kept) and "06 năm 2024" into "06 nam 2024"
    if m := _MONTH.search(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            kind = "ytd" if any(w in text for w in _YTD_WORDS) else "month"
            return Period(year, month, kind)
    return None
