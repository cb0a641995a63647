"""Sub-indicators (2026 exports): points lost per indicator, the units that lose most, and
the improvement plan (with the catalogue version of the period: a capped term is never pushed
past its cap, and a plan resting on an assumed formula says so)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chiso766 import formatting as fmt
from chiso766.messages import msg
from chiso766.reference.indicators import Indicator
from chiso766.store.loader import MonthData


def points_lost(frame: pd.DataFrame) -> pd.DataFrame:
    """Indicator rows with `lost` = max - score, largest first (a null score, "không phát
    sinh", counts 0 in the group, so its points are lost too)."""
    out = frame.assign(lost=(frame["max_score"] - frame["score"].fillna(0.0)).round(4))
    return out.sort_values(["lost", "code"], ascending=[False, True], ignore_index=True)


def units_losing_most(frame: pd.DataFrame, code: str, n: int = 5) -> pd.DataFrame:
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
        room = indicator.ceiling(r.denominator) - indicator.counted_points(
            r.numerator, r.denominator
        )
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
        got = indicator.counted_points(numerator + count, denominator) - (
            indicator.counted_points(numerator, denominator)
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


def assumed_note(codes: list[str], catalogue: dict[str, Indicator]) -> str | None:
    """One line naming the indicators (of `codes`) whose formula is assumed, or None."""
    labels = [catalogue[c].label for c in codes if c in catalogue and catalogue[c].assumed]
    return msg("plan.assumed", labels=", ".join(labels)) if labels else None


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


def province_indicators(data: MonthData) -> pd.DataFrame:
    """The province's sub-indicators, the most points lost first, with `assumed`: whether the
    period's formula for it is assumed (the page says so)."""
    ind = data.indicators
    if ind.empty:
        return ind
    catalogue = data.project.catalogue_for(data.period)
    own = ind[ind["level"] == "province"]
    own = own.assign(assumed=[c in catalogue and catalogue[c].assumed for c in own["code"]])
    return points_lost(own)


def indicator_units(data: MonthData, n: int = 5) -> pd.DataFrame:
    """For each of the three indicators that cost the province most, the units with the most
    uncounted dossiers (procedures, petitions)."""
    top = province_indicators(data).head(3)
    if top.empty:
        return top
    frames = [units_losing_most(data.indicators, code, n) for code in top["code"]]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def improvement_plan(
    data: MonthData, *, points: float | None = None, rank: int | None = None
) -> tuple[float, list[Action]]:
    """The gain asked for (points, or what `rank` needs against the other provinces' current
    totals) and the cheapest actions that give it."""
    metrics = province_indicators(data)
    if metrics.empty:
        return 0.0, []
    if rank is not None:
        national = data.national()
        others = national[national["unit_id"] != data.province_id]["total"]
        own = float(national[national["unit_id"] == data.province_id]["total"].iloc[0])
        points = gain_for_rank(others, own, rank)
    gain = float(points if points is not None else data.settings.target_points)
    return gain, plan(metrics, data.project.catalogue_for(data.period), gain)
