"""Other periods (quarter, half-year, year, year-to-date): the province's standing in each."""

from __future__ import annotations

from dataclasses import dataclass

from chiso766 import formatting as fmt
from chiso766.config import Project
from chiso766.errors import DataError
from chiso766.messages import msg
from chiso766.reference.periods import (
    Period,
    parse_period,
)
from chiso766.store.loader import load


@dataclass
class PeriodStanding:
    """The province in a period's national ranking (ranked only against the same period)."""

    period: Period
    province: str
    total: float
    rank: int
    size: int
    five_groups: bool  # CLGQ and TTTT given as one group (DVTT), as yearly views may be

    def sentence(self) -> str:
        return msg(
            "period.standing",
            period=self.period.label(),
            kind=self.period.kind_label(),
            province=self.province,
            total=fmt.points(self.total),
            rank=fmt.rank(self.rank, self.size),
            groups=msg("period.five_groups" if self.five_groups else "period.six_groups"),
        )


def period_standing(key: str, project: Project | None = None) -> PeriodStanding:
    """The province's score and national rank in an ingested period of any kind."""
    project = project or Project.find()
    period = parse_period(key)
    province = project.province(period.end)
    scores = load("scores", [key], project)
    national = scores[scores["cohort"] == "national"] if not scores.empty else scores
    me = national[national["unit_id"] == province.unit_id] if not scores.empty else scores
    if me.empty:
        raise DataError.of("month.province_missing", province=province.name, month=period.label())
    row = me.iloc[0]
    return PeriodStanding(
        period,
        province.name,
        float(row["total"]),
        int(row["rank_total"]),
        int(row["cohort_size"]),
        bool((national["groups_view"] == "5").all()),
    )
