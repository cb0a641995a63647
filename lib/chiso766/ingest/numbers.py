"""Numbers written the Vietnamese way: "84,39" (decimal comma), "1.234" (thousands dot), "71,3%".

The meaning of a column decides how a string is read, never a guess per cell:
- counts (dossiers) are whole numbers, so "1.234" is 1234; "1,234" could be 1234 written the
  English way or 1,234 (not a whole number), so it comes back `Ambiguous` for the caller to settle
  against the row's identities;
- scores use one decimal mark per column (`decimal_mark` decides it from all the column's values).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from chiso766.textnorm import clean_text

_INT = re.compile(r"^[+]?\d+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")
_THOUSANDS_SPACE = re.compile(r"^\d{1,3}( \d{3})+$")
_ZERO_FRACTION = re.compile(r"^(\d+)[.,]0{1,2}$")
_DECIMAL = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_GROUPED_DECIMAL = re.compile(r"^[+-]?\d{1,3}([. ]\d{3})+(,\d+)?$|^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
DASH_EMPTY = {"", "-", "--", "x", "X"}
# What a spreadsheet shows in a cell whose formula failed: never a number, never a blank.
EXCEL_ERRORS = frozenset(
    ("#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
)
# No unit handles a billion dossiers in a period: a larger count is a broken cell (and would
# overflow the table's 64-bit integers well before 20 digits).
MAX_COUNT = 10**9


class NumberError(ValueError):
    """A value that is not a number of the expected kind (the caller adds file/row/column)."""


@dataclass(frozen=True)
class Ambiguous:
    """A count that reads two ways; `readings` are the candidates, most likely first."""

    raw: str
    readings: tuple[int, int]


def _text(raw: object) -> str:
    return clean_text(raw).replace(" ", " ").strip()


def excel_error(raw: object) -> str | None:
    """The Excel error literal a cell holds ("#N/A", "#REF!"...), or None."""
    if not isinstance(raw, str) or "#" not in raw:
        return None
    text = _text(raw).upper()
    return text if text in EXCEL_ERRORS else None


def is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and _text(raw) in DASH_EMPTY


def parse_count(raw: object) -> int | Ambiguous | None:
    """A non-negative whole number of dossiers; None when the cell is empty or a dash."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise NumberError(str(raw))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise NumberError(str(raw))
    text = _text(raw)
    if text.startswith("-") and _INT.match(text[1:]):
        return -int(text[1:])
    if _INT.match(text):
        return int(text)
    if _THOUSANDS_DOT.match(text) or _THOUSANDS_SPACE.match(text):
        return int(re.sub(r"[. ]", "", text))
    if m := _ZERO_FRACTION.match(text):
        return int(m.group(1))
    if _THOUSANDS_COMMA.match(text):
        whole = int(text.replace(",", ""))
        # As a decimal comma it would be a fraction of a dossier, which cannot be; as an English
        # thousands separator it is `whole`. Still ambiguous: the caller checks the identities.
        return Ambiguous(text, (whole, int(text.split(",")[0])))
    raise NumberError(text)


def decimal_mark(values: list[object]) -> str:
    """The decimal mark a column of scores uses: "," or "." (from every value in the column)."""
    texts = [_text(v) for v in values if isinstance(v, str)]
    if any("," in t for t in texts):
        return ","
    return "."


def parse_decimal(raw: object, mark: str = ",") -> tuple[float | None, bool]:
    """A decimal number and whether it was written as a percentage ("71,3%")."""
    if is_blank(raw):
        return None, False
    if isinstance(raw, bool):
        raise NumberError(str(raw))
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise NumberError(str(raw))
        return float(raw), False
    text = _text(raw)
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    if _GROUPED_DECIMAL.match(text) and not _DECIMAL.match(text):
        thousands = "," if mark == "." else "."
        text = text.replace(" ", "").replace(thousands, "")
    elif not _DECIMAL.match(text):
        raise NumberError(_text(raw))
    if mark == ",":
        if "." in text and "," not in text and _THOUSANDS_DOT.match(text.lstrip("+-")):
            text = text.replace(".", "")
        text = text.replace(",", ".")
    elif "," in text:
        raise NumberError(_text(raw))
    return float(text), percent
