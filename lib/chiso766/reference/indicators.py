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

from chiso766 import formatting as fmt
from chiso766.messages import msg

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


# --- analysis ---------------------------------------------------------------------------------


def points_lost(frame: pd.DataFrame) -> pd.DataFrame:
    """Indicator rows with `lost` = max - score, largest first."""
    out = frame.assign(lost=(frame["max_score"] - frame["score"]).round(4))
    return out.sort_values(["lost", "code"], ascending=[False, True], ignore_index=True)


def costliest_units(frame: pd.DataFrame, code: str, n: int = 5) -> pd.DataFrame:
    """For one indicator, the units with the most uncounted things (denominator - numerator)."""
    units = frame[(frame["code"] == code) & (frame["level"] != "province")]
    units = units.assign(missing=units["denominator"] - units["numerator"])
    return units.sort_values(["missing", "unit_name"], ascending=[False, True]).head(n)


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    group: str
    count: int
    points: float
    text: str


def plan(metrics: pd.DataFrame, catalogue: dict[str, Indicator], gain: float) -> list[Action]:
    """The cheapest actions that add at least `gain` points to a unit's (or the province's)
    total; `metrics` holds one row per indicator with numerator and denominator."""
    options = []
    for r in metrics.itertuples():
        indicator = catalogue.get(r.code)
        if indicator is None or r.denominator <= 0:
            continue
        room = indicator.ceiling(r.denominator) - indicator.points(r.numerator, r.denominator)
        if room > 1e-9:
            options.append(
                (
                    indicator.cost_per_point(r.denominator),
                    indicator,
                    int(r.numerator),
                    int(r.denominator),
                    room,
                )
            )
    options.sort(key=lambda o: (o[0], o[1].code))
    actions: list[Action] = []
    left = gain
    for _, indicator, numerator, denominator, room in options:
        if left <= 1e-9:
            break
        take = min(room, left)
        count = indicator.needed(numerator, denominator, take)
        if count is None or count == 0:
            continue
        got = indicator.points(numerator + count, denominator) - indicator.points(
            numerator, denominator
        )
        actions.append(
            Action(
                indicator.code,
                indicator.label,
                indicator.group,
                count,
                got,
                indicator.action.format(n=fmt.count(count)),
            )
        )
        left -= got
    return actions


def gain_for_rank(totals: pd.Series, own: float, rank: int) -> float:
    """Points the unit needs to reach `rank` among `totals` (the others' current totals);
    competition ranking, so equalling the rank-th best is enough."""
    others = totals.sort_values(ascending=False).tolist()
    if rank <= 0 or rank > len(others) + 1:
        raise ValueError(rank)
    if rank == len(others) + 1:
        return 0.0
    return max(0.0, round(others[rank - 1] - own, 6))


def describe(actions: list[Action]) -> list[str]:
    """One Vietnamese line per action, with the points it gives."""
    return [
        msg("plan.line", i=i, text=a.text, points=fmt.points(a.points), label=a.label)
        for i, a in enumerate(actions, 1)
    ]
