"""The province: its total and national rank over the year, movements, groups and the
national ranking."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chiso766 import formatting as fmt
from chiso766.errors import DataError
from chiso766.messages import msg
from chiso766.reference.groups import BY_CODE, GROUP_CODES, MAX_POINTS
from chiso766.reference.periods import (
    parse_month,
    previous_month,
)
from chiso766.store.loader import MonthData


def movement(previous_rank: int | None, rank: int | None) -> tuple[int | None, str]:
    """(places gained, text): 8 -> 3 is (5, "tăng 5 bậc"); equal ranks "giữ nguyên"."""
    if previous_rank is None or rank is None or pd.isna(previous_rank) or pd.isna(rank):
        return None, ""
    delta = int(previous_rank) - int(rank)
    if delta > 0:
        return delta, msg("move.up", n=delta)
    if delta < 0:
        return delta, msg("move.down", n=-delta)
    return 0, msg("move.same")


def rating(total: float, bands: dict[str, float]) -> str:
    """The rating band of a total, from the configured lower bounds."""
    for name, lower in sorted(bands.items(), key=lambda kv: -kv[1]):
        if total >= lower:
            return name
    return list(bands)[-1]


def province_trend(data: MonthData) -> pd.DataFrame:
    """The province's total and national rank for every month of the year up to `month`, with
    the movement against the month before and against January."""
    s = data.scores
    rows = s[(s["cohort"] == "national") & (s["unit_id"] == data.province_id)].sort_values("period")
    bands = data.project.config["ratings"]
    first = rows.iloc[0] if not rows.empty else None
    out = []
    previous = None
    for r in rows.itertuples():
        prev_delta, prev_text = movement(
            previous.rank_total if previous is not None else None, r.rank_total
        )
        jan_delta, jan_text = movement(
            first.rank_total if first is not None and r.period != first.period else None,
            r.rank_total,
        )
        out.append(
            {
                "period": r.period,
                "month": parse_month(r.period).month,
                "total": r.total,
                "rank": int(r.rank_total),
                "size": int(r.cohort_size),
                "rank_text": fmt.rank(r.rank_total, r.cohort_size),
                "change_prev": prev_delta,
                "movement_prev": prev_text,
                "change_jan": jan_delta,
                "movement_jan": jan_text,
                "rating": rating(r.total, bands),
            }
        )
        previous = r
    return pd.DataFrame(out)


@dataclass(frozen=True)
class Standing:
    """The province in the month: total, rank, gaps and the comparisons a notice states."""

    total: float
    rank: int
    size: int
    rating: str
    leader: str
    leader_total: float
    median: float
    previous_month: str | None
    previous_rank: int | None
    january_rank: int | None
    # the national average total: as the portal's summary row states it ("Trung bình cả
    # nước"), else the plain mean of the provinces' totals (`average_stated` says which)
    national_average: float
    average_stated: bool

    @property
    def rank_text(self) -> str:
        return fmt.rank(self.rank, self.size)

    @property
    def gap_to_leader(self) -> float:
        return round(self.leader_total - self.total, 2)

    @property
    def gap_to_median(self) -> float:
        return round(self.total - self.median, 2)

    @property
    def gap_to_average(self) -> float:
        """Points above (positive) or below (negative) the national average."""
        return round(self.total - self.national_average, 2)


def national_average(national: pd.DataFrame) -> tuple[float, bool]:
    """(average, stated): the average total a ranking's summary row states, else the mean of
    its provinces' totals."""
    stated = national["national_average"].dropna()
    if not stated.empty:
        return float(stated.iloc[0]), True
    return round(float(national["total"].mean()), 2), False


def average_words(total: float, average: float, stated: bool) -> str:
    """ "cao hơn trung bình cả nước 6,27 điểm (78,12)" or its "thấp hơn"/"bằng" forms."""
    gap = round(total - average, 2)
    key = "above" if gap > 0 else "below" if gap < 0 else "at"
    return msg(
        f"average.{key}",
        value=fmt.points(abs(gap)),
        average=fmt.points(average),
        source=msg("average.stated" if stated else "average.mean"),
    )


def standing(data: MonthData) -> Standing:
    national = data.national()
    me = national[national["unit_id"] == data.province_id]
    if me.empty:
        raise DataError.of("month.province_missing", province=data.province_name, month=data.month)
    me = me.iloc[0]
    leader = national.sort_values(["rank_total", "unit_name"]).iloc[0]
    trend = province_trend(data).set_index("period")
    prev = previous_month(data.month)
    january = f"{data.period.year}-01"
    average, stated = national_average(national)
    return Standing(
        total=float(me["total"]),
        rank=int(me["rank_total"]),
        size=int(me["cohort_size"]),
        rating=rating(float(me["total"]), data.project.config["ratings"]),
        leader=str(leader["unit_name"]),
        leader_total=float(leader["total"]),
        median=float(national["total"].median()),
        previous_month=prev if prev in trend.index else None,
        previous_rank=int(trend.at[prev, "rank"]) if prev in trend.index else None,
        january_rank=(
            int(trend.at[january, "rank"])
            if january in trend.index and january != data.month
            else None
        ),
        national_average=average,
        average_stated=stated,
    )


def group_table(data: MonthData) -> pd.DataFrame:
    """Each group for the province: score, maximum, share, points lost, national rank, the
    national median and the best score."""
    national = data.national()
    me = national[national["unit_id"] == data.province_id].iloc[0]
    rows = []
    for code in GROUP_CODES:
        if pd.isna(me[code]):
            continue
        rows.append(
            {
                "code": code,
                "group": BY_CODE[code].label,
                "score": float(me[code]),
                "max": MAX_POINTS[code],
                "share": float(me[code]) / MAX_POINTS[code],
                "lost": round(MAX_POINTS[code] - float(me[code]), 2),
                "rank": int(me[f"rank_{code}"]),
                "size": int(me["cohort_size"]),
                "rank_text": fmt.rank(me[f"rank_{code}"], me["cohort_size"]),
                "median": float(national[code].median()),
                "best": float(national[code].max()),
            }
        )
    return pd.DataFrame(rows)


def national_ranking(data: MonthData) -> pd.DataFrame:
    """All provinces of the month by rank, the province flagged."""
    national = data.national().sort_values(["rank_total", "unit_name"])
    return national.assign(is_province=national["unit_id"] == data.province_id)


def group_shares_by_month(data: MonthData) -> pd.DataFrame:
    """Month x group: the province's share of each group's maximum (the heatmap)."""
    s = data.scores
    rows = s[(s["cohort"] == "national") & (s["unit_id"] == data.province_id)]
    frame = rows.set_index("period")[list(GROUP_CODES)].sort_index()
    return frame / pd.Series(MAX_POINTS)[list(GROUP_CODES)]


def group_ranks_by_month(data: MonthData) -> pd.DataFrame:
    """The province's national rank in each group, month by month (one row per month and
    group), for the months ranked in the same cohort as this month: ranks out of 34 are never
    drawn on one axis with ranks out of 63."""
    s = data.scores
    rows = s[(s["cohort"] == "national") & (s["unit_id"] == data.province_id)]
    size = standing(data).size
    rows = rows[rows["cohort_size"] == size].sort_values("period")
    out = [
        {
            "period": r["period"],
            "code": code,
            "group": BY_CODE[code].label,
            "rank": int(r[f"rank_{code}"]),
            "size": size,
        }
        for _, r in rows.iterrows()
        for code in GROUP_CODES
        if pd.notna(r[f"rank_{code}"])
    ]
    return pd.DataFrame(out, columns=["period", "code", "group", "rank", "size"])
