"""Dates as exports write them: Excel cells, "09/4/2024", "09.04.2024", ISO text."""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
    cells that are not blank and could not be read).

    A column of text (a list read by columns) first has its "dd/mm/yyyy hh:mm:ss" and
    "dd/mm/yyyy" cells read from their digits at once (`_fixed_layouts`); the other cells,
    and any whose digits make no date, go through the general reading below."""
    if values.dtype == object or values.empty:
        return _parse_general(values)
    out = _fixed_layouts(values)
    left = out.isna() & values.notna()
    bad = pd.Series(False, index=values.index)
    if left.any():
        out[left], bad[left] = _parse_general(values[left])
    return out, bad


_FIXED = ("dd/dd/dddd dd:dd:dd", "dd/dd/dddd")  # "d": a digit (day, month, year, h, m, s)
_YEARS = (1900, 2200)  # outside: left to the general reading


def _fixed_layouts(values: pd.Series) -> pd.Series:
    """The cells written exactly "dd/mm/yyyy hh:mm:ss" or "dd/mm/yyyy" whose digits make a
    valid date and time (NaT for every other cell), read from their bytes as arrays."""
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    text = pa.array((values if values.dtype == "str" else values.astype("str")).array)
    text = text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text
    lengths = pc.fill_null(pc.binary_length(text), -1).to_numpy()
    for layout in _FIXED:
        where = np.flatnonzero(lengths == len(layout))
        if not len(where):
            continue
        same = text if len(where) == len(text) else pc.take(text, pa.array(where))
        chars = _characters(same, len(layout))
        shaped = np.ones(len(where), dtype=bool)
        for k, expected in enumerate(layout):
            if expected == "d":
                shaped &= (chars[:, k] >= ord("0")) & (chars[:, k] <= ord("9"))
            else:
                shaped &= chars[:, k] == ord(expected)
        where, chars = where[shaped], chars[shaped]
        spans = ((0, 2), (3, 5), (6, 10), (11, 13), (14, 16), (17, 19))[: 6 if ":" in layout else 3]
        day, month, year, *clock = (_number(chars, a, b) for a, b in spans)
        hour, minute, second = clock or (np.zeros(len(where), dtype=np.int64),) * 3
        months = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
        days = months.astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
        valid = (
            (month >= 1) & (month <= 12) & (day >= 1) & (year >= _YEARS[0]) & (year <= _YEARS[1])
            & (days.astype("datetime64[M]") == months)
            & (hour < 24) & (minute < 60) & (second < 60)
        )  # fmt: skip
        stamps = days.astype("datetime64[us]") + (
            (hour * 3600 + minute * 60 + second) * 1_000_000
        ).astype("timedelta64[us]")
        out[where[valid]] = stamps[valid]
    return pd.Series(out, index=values.index, dtype="datetime64[us]")


def _number(chars: np.ndarray, start: int, end: int) -> np.ndarray:
    """The number written by the digits chars[:, start:end]."""
    value = np.zeros(len(chars), dtype=np.int64)
    for k in range(start, end):
        value = value * 10 + (chars[:, k] - ord("0"))
    return value


def _characters(array: pa.Array, width: int) -> np.ndarray:
    """Strings of one length (ASCII) as a (rows, width) array of their bytes."""
    offsets_type = np.int64 if pa.types.is_large_string(array.type) else np.int32
    _, offsets, data = array.buffers()
    offsets = np.frombuffer(offsets, dtype=offsets_type)[array.offset : array.offset + 1]
    raw = np.frombuffer(data, dtype=np.uint8, count=len(array) * width, offset=int(offsets[0]))
    return raw.reshape(len(array), width)


def _parse_general(values: pd.Series) -> tuple[pd.Series, pd.Series]:
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
        left = out.isna() & text.notna()
        if not left.any():
            break
        parts = text[left].str.extract(pattern).reindex(text.index)
        found = parts["year"].notna() & out.isna()
        if found.any():
            fields = parts[found].fillna("0").astype("int64")
            out[found] = pd.to_datetime(fields, errors="coerce").astype("datetime64[us]")
    bad = out.isna() & ~blank
    return out, bad
