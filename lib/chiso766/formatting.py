"""Numbers, ranks and dates written the way Vietnamese official documents write them."""

from __future__ import annotations

import math


def _missing(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or str(value) in ("<NA>", "nan")
    )


def points(value: float | None, decimals: int = 2) -> str:
    """84.39 -> "84,39"; thousands with "." (1234.5 -> "1.234,50")."""
    if _missing(value):
        return "-"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def number(value: float | None) -> str:
    """A value with as many decimals as it needs (at most 4): 12.83 -> "12,83", 18.0 -> "18"."""
    if _missing(value):
        return "-"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def count(value: int | None) -> str:
    """1234 -> "1.234"."""
    if value is None or _missing(value):
        return "-"
    return f"{int(value):,}".replace(",", ".")


def percent(share: float | None, decimals: int = 1) -> str:
    """0.7128 -> "71,3%"."""
    if share is None or _missing(share):
        return "-"
    return points(share * 100, decimals) + "%"


def rank(position: int | None, size: int | None) -> str:
    """(3, 63) -> "03/63": the position padded to the width of the population."""
    if position is None or size is None or _missing(position) or _missing(size):
        return "-"
    width = len(str(int(size)))
    return f"{int(position):0{width}d}/{int(size)}"


def day(value: object) -> str:
    """A date or timestamp as the exports write it: "09/04/2024"."""
    return f"{value:%d/%m/%Y}"
