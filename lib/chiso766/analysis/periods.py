"""Other periods (quarter, half-year, year, year-to-date): the province's standing in each."""

from __future__ import annotations

from dataclasses import dataclass

from chiso766 import formatting as fmt
from chiso766.analysis.province import average_words, national_average
from chiso766.config import Project
from chiso766.errors import DataError
from chiso766.messages import msg
from chiso766.reference.crosswalk import NATIONAL_COHORTS, RESTATED
from chiso766.reference.periods import Period, parse_period
from chiso766.store.loader import load


@dataclass
class PeriodStanding:
    """The province in a period's national ranking (ranked only against the same period, and
    within one structure: the original ranking or the portal's restated 34-province series)."""

    period: Period
    province: str
    total: float
    rank: int
    size: int
    five_groups: bool  # CLGQ and TTTT given as one group (DVTT), as yearly views may be
    national_average: float
    average_stated: bool  # the portal's summary row stated it (else: the mean of the totals)
    restated: bool  # the portal's 34-province restatement of a period before 1/7/2025

    def sentence(self) -> str:
        return msg(
            "period.standing",
            period=self.period.label(),
            kind=self.period.kind_label(),
            province=self.province,
            total=fmt.points(self.total),
            rank=fmt.rank(self.rank, self.size),
            groups=msg("period.five_groups" if self.five_groups else "period.six_groups"),
            series=msg("period.restated") if self.restated else "",
            average=average_words(self.total, self.national_average, self.average_stated),
        )


def period_standings(key: str, project: Project | None = None) -> list[PeriodStanding]:
    """The province's score and national rank in an ingested period of any kind: one standing
    per national ranking the period holds (its own, and the restated series where stored)."""
    project = project or Project.find()
    period = parse_period(key)
    scores = load("scores", [key], project)
    out = []
    for cohort in NATIONAL_COHORTS:
        national = scores[scores["cohort"] == cohort] if not scores.empty else scores
        if national.empty:
            continue
        province = project.province_in(cohort, period)
        me = national[national["unit_id"] == province.unit_id]
        if me.empty:
            raise DataError.of(
                "month.province_missing", province=province.name, month=period.label()
            )
        row = me.iloc[0]
        average, stated = national_average(national)
        out.append(
            PeriodStanding(
                period,
                province.name,
                float(row["total"]),
                int(row["rank_total"]),
                int(row["cohort_size"]),
                bool((national["groups_view"] == "5").all()),
                average,
                stated,
                cohort == RESTATED,
            )
        )
    if not out:
        raise DataError.of("month.province_missing", province="-", month=period.label())
    return out


def period_standing(key: str, project: Project | None = None) -> PeriodStanding:
    """The province's standing in the period's own national ranking (the restated series when
    that is all the period holds)."""
    return period_standings(key, project)[0]
