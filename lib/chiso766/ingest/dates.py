"""Dates as exports write them: Excel cells, "09/4/2024", "09.04.2024", ISO text."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from chiso766.textnorm import clean_text

_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(raw: object) -> date | None:
    """A date from an Excel cell, "09/4/2024", "09.04.2024" or ISO text; ValueError otherwise."""
    if raw is None or (isinstance(raw, str) and not clean_text(raw)):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = clean_text(raw)
    if m := _DMY.match(text):
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _ISO.match(text):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(text)


_DMY_TIME = (
    r"^(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})"
    r"(?:[ T,]+(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?$"
)
_ISO_TIME = (
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[ T](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
_LAYOUTS = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")
_SERIAL = r"^\d{5}(?:\.\d+)?$"
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIALS = (20_000, 80_000)  # Excel serials of 1954-2119: a number outside is not a date


def parse_datetimes(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A column of dates and times as exports write them, at once: "09/04/2024",
    "09/04/2024 14:30(:05)", ISO text, Excel serials (numbers or their text) and the cells
    spreadsheets give as datetimes. Returns (datetime64[us] with NaT for blanks, mask of the
    cells that are not blank and could not be read)."""
    raw = values.astype(object)
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    is_time = raw.map(lambda v: isinstance(v, (datetime, date)))
    if is_time.any():
        out[is_time] = pd.to_datetime(raw[is_time].map(pd.Timestamp)).astype("datetime64[us]")
    is_number = raw.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    text = raw.where(~is_time & ~is_number).map(
        lambda v: clean_text(v) if isinstance(v, str) else None
    )
    blank = raw.isna() | (text == "")
    serial_text = text.str.fullmatch(_SERIAL).fillna(False).astype(bool)
    serial = pd.to_numeric(raw.where(is_number, text.where(serial_text)), errors="coerce")
    in_range = serial.between(*SERIALS)
    out[in_range] = (_EXCEL_EPOCH + pd.to_timedelta(serial[in_range], unit="D")).astype(
        "datetime64[us]"
    )
    for layout in _LAYOUTS:  # the common layouts at C speed, then the patterns for the rest
        left = out.isna() & text.notna() & ~serial_text
        if not left.any():
            break
        out[left] = pd.to_datetime(text[left], format=layout, errors="coerce").astype(
            "datetime64[us]"
        )
    for pattern in (_DMY_TIME, _ISO_TIME):
        parts = text.str.extract(pattern)
        found = parts["year"].notna() & out.isna()
        if found.any():
            fields = parts[found].fillna("0").astype("int64")
            out[found] = pd.to_datetime(fields, errors="coerce").astype("datetime64[us]")
    bad = out.isna() & ~blank
    return out, bad
