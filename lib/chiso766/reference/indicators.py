"""Sub-indicators (the 2026 portal's metrics): the catalogue and the scoring formulas, as the
portal computes them.

Each catalogue row (data/reference/indicators.csv) is one version of one indicator's formula:
- `full_at`: the rate that gives full points (empty = 1, a linear indicator): points =
  min(max, max x rate / full_at), so a capped term gains nothing beyond its cap (the online
  payment terms reach 2 points at 80 %);
- `when_empty`: what a zero denominator scores, as the portal does it for that indicator:
  `zero` (on-time processing with nothing received), `full` (certified electronic copies 0/0) or
  `null` (on-time publication with nothing to publish: no score, counted 0 in the group);
- `valid_from` / `valid_to` (ISO dates, `valid_to` empty = still in force): the formula of a
  period is the version valid on its last day;
- `source`: what confirms the formula: `response` (the portal's responses reproduce it),
  `methodology` (the methodology document), or `assumed`.

Scores are rounded as the portal rounds them: to 2 decimals, halves up (8,825 -> 8,83, where
Python's `round` gives 8,82).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from chiso766.errors import DataError

TOLERANCE = 0.01  # an exported score may differ from the recomputed one by rounding only
EMPTY_RULES = ("zero", "full", "null")
SOURCES = ("response", "methodology", "assumed")


def portal_round(value: float | None) -> float | None:
    """A score to 2 decimals, halves up, as the portal shows it (from the value's shortest
    decimal text, so 0.825 is a half and not 0.82499...)."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    label: str
    max: float
    full_at: float  # the rate that gives full points; 1 for a linear indicator
    when_empty: str  # "zero", "full" or "null"
    counted: str
    action: str
    source: str  # "response", "methodology" or "assumed"
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def assumed(self) -> bool:
        """True when nothing confirms the formula (the report says so beside its figures)."""
        return self.source == "assumed"

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def points(self, numerator: float, denominator: float) -> float | None:
        """Points for a numerator and denominator (exact; `portal_round` gives the shown
        value); None where the portal gives no score (a zero denominator under `null`)."""
        if denominator <= 0:
            return {"full": self.max, "zero": 0.0, "null": None}[self.when_empty]
        return min(self.max, self.max * (numerator / denominator) / self.full_at)

    def counted_points(self, numerator: float, denominator: float) -> float:
        """Points as the group total counts them (a null score counts 0)."""
        return self.points(numerator, denominator) or 0.0

    def ceiling(self, denominator: float) -> float:
        """The most points this indicator can give (the cap: all of the denominator counted
        gives no more than reaching `full_at`)."""
        return self.counted_points(denominator, denominator)

    def cost_per_point(self, denominator: float) -> float:
        """Counted things needed for one more point below the cap (the planner's price)."""
        if denominator <= 0:
            return math.inf
        return denominator * self.full_at / self.max

    def needed(self, numerator: int, denominator: int, gain: float) -> int | None:
        """The fewest more counted things (within the same denominator) that give at least
        `gain` more points; None when the cap does not allow it."""
        if denominator <= 0:
            return None
        target = self.counted_points(numerator, denominator) + gain
        if target > self.ceiling(denominator) + 1e-9:
            return None
        extra = max(0, math.ceil(target / self.max * self.full_at * denominator - numerator - 1e-9))
        while self.counted_points(numerator + extra, denominator) < target - 1e-9:
            extra += 1  # guard against float rounding in the closed form
        return extra if numerator + extra <= denominator else None


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _indicator(path: Path, line: int, r: dict[str, str]) -> Indicator:
    def bad(column: str, expected: str) -> DataError:
        return DataError.of(
            "ref.catalogue_value",
            file=path.name,
            row=line,
            column=column,
            value=r.get(column, ""),
            expected=expected,
        )

    if r["when_empty"] not in EMPTY_RULES:
        raise bad("when_empty", ", ".join(EMPTY_RULES))
    if r["source"] not in SOURCES:
        raise bad("source", ", ".join(SOURCES))
    try:
        full_at = float(r["full_at"]) if r["full_at"] else 1.0
    except ValueError:
        raise bad("full_at", "0 < full_at <= 1") from None
    if not 0 < full_at <= 1:
        raise bad("full_at", "0 < full_at <= 1")
    try:
        valid_from, valid_to = _day(r["valid_from"]), _day(r["valid_to"])
    except ValueError:
        raise bad("valid_from", "YYYY-MM-DD") from None
    return Indicator(
        r["code"],
        r["group"],
        r["label"],
        float(r["max"]),
        full_at,
        r["when_empty"],
        r["counted"],
        r["action"],
        r["source"],
        valid_from,
        valid_to,
    )


def load_catalogue(path: Path, on: date | None = None) -> dict[str, Indicator]:
    """The formulas in force on `on` (by default those still in force: no `valid_to`), by code.
    Two versions of one code valid on the same day are an error."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    out: dict[str, Indicator] = {}
    for line, r in enumerate(frame.to_dict("records"), 2):
        indicator = _indicator(path, line, r)
        if not (indicator.valid_on(on) if on else indicator.valid_to is None):
            continue
        if indicator.code in out:
            raise DataError.of(
                "ref.catalogue_overlap", file=path.name, row=line, code=indicator.code
            )
        out[indicator.code] = indicator
    return out
