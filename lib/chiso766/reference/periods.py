"""Reporting periods as the portal serves them: a month, a quarter, a half-year, a year, or
year-to-date up to a month; read from title rows, JSON fields or the folder name.

A period's `key` is its folder under data/raw/ and data/processed/:

    2025-10        the month            2025-Q3   the third quarter     2025-H1   first half
    2025           the year             2025-10-ytd   1 January to the end of October
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from chiso766.messages import msg
from chiso766.textnorm import fold

# ASCII digits only ("２０２４-06" is not a month), and nothing after (not even a line break)
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])\Z", re.ASCII)
KINDS = ("month", "quarter", "half", "year", "ytd")
KEY_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>0[1-9]|1[0-2])(?P<ytd>-ytd)?|Q(?P<quarter>[1-4])|H(?P<half>[12])))?\Z",
    re.ASCII,
)
_SPAN = {"month": 1, "quarter": 3, "half": 6}  # months covered; year and ytd start in January
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period, told by its last month and its kind (see KINDS)."""

    year: int
    month: int
    kind: str = "month"

    @property
    def key(self) -> str:
        if self.kind == "quarter":
            return f"{self.year:04d}-Q{self.month // 3}"
        if self.kind == "half":
            return f"{self.year:04d}-H{self.month // 6}"
        if self.kind == "year":
            return f"{self.year:04d}"
        suffix = "-ytd" if self.kind == "ytd" else ""
        return f"{self.year:04d}-{self.month:02d}{suffix}"

    @property
    def start(self) -> date:
        return date(self.year, self.month - _SPAN.get(self.kind, self.month) + 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def dates(self) -> tuple[date, date]:
        """What the period covers: two periods with the same dates hold the same figures
        (the first quarter and year-to-date March, the year and year-to-date December)."""
        return self.start, self.end

    def label(self) -> str:
        """As notices write it: "tháng 6/2024", "quý III/2025", "6 tháng đầu năm 2025",
        "năm 2024", "từ đầu năm đến ngày 30/06/2024"."""
        return msg(
            f"period.label.{self.kind}",
            month=self.month,
            year=self.year,
            end=f"{self.end:%d/%m/%Y}",
            quarter=_ROMAN[(self.month - 1) // 3],
            half=msg("period.half.first" if self.month <= 6 else "period.half.second"),
        )

    def short_label(self) -> str:
        """A month as a table column or a sentence after "tháng" writes it: "6/2024"."""
        return msg("period.short", month=self.month, year=self.year)

    def tick_label(self, *, year: bool = False) -> str:
        """A period on a chart's axis: a month "T6", or "T6/2024" with the year; other kinds
        always with their year ("2024", "Q3/2025", "6T đầu/2025", "đến T10/2025")."""
        if self.kind != "month":
            return msg(
                f"period.tick.{self.kind}",
                month=self.month,
                year=self.year,
                quarter=self.month // 3,
                half=msg("period.half.first" if self.month <= 6 else "period.half.second"),
            )
        return msg("period.tick_year" if year else "period.tick", month=self.month, year=self.year)

    def row_label(self) -> str:
        """A period as a table's row names it: a month "6/2024", another kind its label."""
        return self.short_label() if self.kind == "month" else self.label()

    @property
    def ordinal(self) -> int:
        """Its place among the periods of its kind (consecutive periods differ by 1)."""
        return (
            self.year * 12 + self.month
            if self.kind in ("month", "ytd")
            else (self.year * 12 + self.month) // _SPAN.get(self.kind, 12)
        )

    def previous(self) -> Period:
        """The period of the same kind just before: the month, quarter, half or year before;
        for year-to-date, the year-to-date a month earlier (December's for January)."""
        step = _SPAN.get(self.kind, 12) if self.kind != "ytd" else 1
        index = self.year * 12 + self.month - 1 - step
        year, month = divmod(index, 12)
        return Period(year, month + 1, self.kind)

    def same_time_last_year(self) -> Period:
        """The same month, quarter, half, year-to-date (or the year before a year)."""
        return Period(self.year - 1, self.month, self.kind)

    def kind_label(self) -> str:
        return msg(f"period.kind.{self.kind}")

    def describe(self) -> str:
        return f"{self.label()} ({self.start:%d/%m/%Y} - {self.end:%d/%m/%Y})"


def parse_period(text: str) -> Period:
    """A period key ("2025-10", "2025-Q3", "2025-H1", "2025", "2025-10-ytd"); ValueError
    otherwise."""
    m = KEY_RE.match(text.strip())
    if not m:
        raise ValueError(text)
    year = int(m["year"])
    if m["quarter"]:
        return Period(year, int(m["quarter"]) * 3, "quarter")
    if m["half"]:
        return Period(year, int(m["half"]) * 6, "half")
    if m["month"]:
        return Period(year, int(m["month"]), "ytd" if m["ytd"] else "month")
    return Period(year, 12, "year")


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


def year_so_far(month: str) -> list[str]:
    """January to `month` of its year: the months a month's report reads for its trend."""
    return month_range(f"{parse_month(month).year}-01", month)


def trend_keys(key: str, available: list[str]) -> list[str]:
    """The periods a report on `key` reads for its trend, oldest first, ending with `key`: a
    month's year so far; for another kind, the periods of the same kind up to `key` (from
    `available`, the keys in data/raw), with the same period a year earlier for comparison."""
    period = parse_period(key)
    if period.kind == "month":
        return year_so_far(key)
    same = {k for k in available if KEY_RE.match(k) and parse_period(k).kind == period.kind}
    keys = {k for k in same if parse_period(k) <= period} | {key}
    return sorted(keys, key=parse_period)


def comparison_keys(key: str) -> list[str]:
    """The periods a report on `key` compares with beyond its trend: the same period a year
    earlier (same month, quarter, half, year-to-date, or the year before)."""
    return [parse_period(key).same_time_last_year().key]


def previous_month(key: str) -> str:
    p = parse_month(key)
    return f"{p.year - 1:04d}-12" if p.month == 1 else f"{p.year:04d}-{p.month - 1:02d}"


_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_RANGE = re.compile(r"tu ngay\s*" + _DATE + r".{0,20}?den ngay\s*" + _DATE)
_MONTH = re.compile(r"thang\s*(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})")
_YTD_WORDS = ("luy ke", "tinh den", "tu dau nam")
_QUARTER = re.compile(r"\bquy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*(\d{4})")
_HALF = re.compile(r"\b6 thang (dau|cuoi) nam\s*(\d{4})")
_YEAR = re.compile(r"\bnam\s*(\d{4})\b")


def _date(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def from_dates(start: date, end: date) -> Period | None:
    """The period a date range covers: a whole month, quarter, second half, year, or January to
    a month (year-to-date; the first half is January to June, the same dates)."""
    if end.day != calendar.monthrange(end.year, end.month)[1] or start.day != 1:
        return None
    if start.year != end.year:
        return None
    months = end.month - start.month + 1
    if months == 1:
        return Period(end.year, end.month)
    if start.month == 1:
        return Period(end.year, end.month, "year" if end.month == 12 else "ytd")
    if months == 3 and end.month % 3 == 0:
        return Period(end.year, end.month, "quarter")
    if months == 6 and end.month == 12:
        return Period(end.year, 12, "half")
    return None


_CAPTURE = re.compile(
    r"(?:ngay xuat|ngay trich xuat|ngay cap nhat|cap nhat den ngay|so lieu den ngay"
    r"|du lieu den ngay|tinh den ngay|den het ngay)\s*:?\s*" + _DATE
)


def captured_from_text(lines: list[str], period: Period) -> date | None:
    """The day an export was taken, as its title rows state it: "Ngày xuất: 16/10/2025",
    "Số liệu đến ngày 16/10/2025", or a range that stops inside the period ("Từ ngày 01/01/2025
    đến ngày 16/10/2025" of 2025-10-ytd). None when they state none."""
    text = " ".join(fold(line, keep_parens=True) for line in lines if line).replace(" / ", "/")
    text = re.sub(r"(\d)\s+(\d)", r"\1/\2", text)
    if m := _CAPTURE.search(text):
        return _date(*m.group(1, 2, 3))
    if m := _RANGE.search(text):
        start, end = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        if start == period.start and end and period.start <= end < period.end:
            return end
    return None


def from_text(lines: list[str]) -> Period | None:
    """The period stated in title rows, or None when they state none."""
    text = " ".join(fold(line, keep_parens=True) for line in lines if line)
    text = text.replace(" / ", "/")
    if m := _RANGE.search(re.sub(r"(\d)\s+(\d)", r"\1/\2", text)):
        a, b = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        if a and b:
            return from_dates(a, b)
    if m := _QUARTER.search(text):
        number = m.group(1)
        quarter = int(number) if number.isdigit() else _ROMAN.index(number.upper()) + 1
        return Period(int(m.group(2)), quarter * 3, "quarter")
    if m := _HALF.search(text):
        return Period(int(m.group(2)), 6 if m.group(1) == "dau" else 12, "half")
    # fold() turns "6/2024" into "6/2024" (slash kept) and "06 năm 2024" into "06 nam 2024"
    if m := _MONTH.search(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            kind = "ytd" if any(w in text for w in _YTD_WORDS) else "month"
            return Period(year, month, kind)
    if m := _YEAR.search(text):
        return Period(int(m.group(1)), 12, "year")
    return None
