"""Sub-indicators (the 2026 portal's metrics): the catalogue, the scoring formulas, the checks of
an export against them, points lost, and the what-if planner.

Scoring kinds (catalogue `kind`):
- linear: points = max x numerator / denominator;
- threshold ("full at threshold"): points = min(max, max x rate / threshold).
A zero denominator gives full points or none, as the catalogue's `when_empty` says.

The planner turns a target (+N points, or a national rank) into the fewest counted things to
change, cheapest first: each indicator's cost is how many more dossiers (procedures, petitions,
ratings) one point takes, and no indicator is pushed past its cap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

TOLERANCE = 0.01  # an exported score may differ from the recomputed one by rounding only


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    label: str
    max: float
    kind: str  # "linear" or "threshold"
    threshold: float | None
    when_empty: str  # "full" or "zero"
    counted: str
    action: str
    source: str

    @property
    def _share(self) -> float:
        """The rate that gives full points: the threshold, or 1 for a linear indicator."""
        if self.kind != "threshold":
            return 1.0
        assert self.threshold is not None, self.code  # load_catalogue reads it for this kind
        return self.threshold

    def points(self, numerator: float, denominator: float) -> float:
        """Points for a numerator and denominator (exact; the portal rounds to 2 decimals)."""
        if denominator <= 0:
            return self.max if self.when_empty == "full" else 0.0
        rate = numerator / denominator
        if self.kind == "threshold":
            return min(self.max, self.max * rate / self._share)
        return min(self.max, self.max * rate)

    def ceiling(self, denominator: float) -> float:
        """The most points this indicator can give (all of the denominator counted)."""
        return self.points(denominator, denominator)

    def cost_per_point(self, denominator: float) -> float:
        """Counted things needed for one more point (the planner's price)."""
        if denominator <= 0:
            return math.inf
        share = self._share
        return denominator * share / self.max

    def needed(self, numerator: int, denominator: int, gain: float) -> int | None:
        """The fewest more counted things (within the same denominator) that give at least
        `gain` more points; None when the cap does not allow it."""
        target = self.points(numerator, denominator) + gain
        if denominator <= 0 or target > self.ceiling(denominator) + 1e-9:
            return None
        share = self._share
        extra = max(0, math.ceil(target / self.max * share * denominator - numerator - 1e-9))
        while self.points(numerator + extra, denominator) < target - 1e-9:
            extra += 1  # guard against float rounding in the closed form
        return extra if numerator + extra <= denominator else None


def load_catalogue(path: Path) -> dict[str, Indicator]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return {
        r["code"]: Indicator(
            r["code"],
            r["group"],
            r["label"],
            float(r["max"]),
            r["kind"],
            float(r["threshold"]) if r["threshold"] else None,
            r["when_empty"],
            r["counted"],
            r["action"],
            r["source"],
        )
        for r in frame.to_dict("records")
    }
