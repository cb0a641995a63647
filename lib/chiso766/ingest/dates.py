"""Dates as exports write them: Excel cells, "09/4/2024", "09.04.2024", ISO text."""

from __future__ import annotations

import re
from datetime import date, datetime

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
