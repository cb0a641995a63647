"""The province: its total and national rank over the year, movements, groups and the
national ranking."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chiso766 import formatting as fmt
from chiso766.errors import DataError
from chiso766.messages import msg
from chiso766.reference.crosswalk import NATIONAL, NATIONAL_COHORTS, RESTATED
from chiso766.reference.groups import BY_CODE, GROUP_CODES, MAX_POINTS
from chiso766.reference.periods import parse_period
from chiso766.store.loader import MonthData
from chiso766.textnorm import fold

TOP = 5  # the leaders a chart and the brief name


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


def _own_rows(data: MonthData, periods: list[str]) -> pd.DataFrame:
    """The province's rows in the report's national ranking (its own or the restated series)
    for `periods`, oldest first."""
    s = data.scores
    rows = s[
        (s["cohort"] == data.cohort)
        & (s["unit_id"] == data.province_id)
        & s["period"].isin(periods)
    ]
    return rows.sort_values("period", key=lambda keys: keys.map(lambda k: parse_period(k).end))


def province_trend(data: MonthData) -> pd.DataFrame:
    """The province's total and national rank for every period of the trend (a month: the year
    up to it; another kind: the periods of that kind up to it), with the movement against the
    period before and, for months, against January. `month` places a period on an axis
    (consecutive periods of a kind differ by 1)."""
    rows = _own_rows(data, data.trend_periods)
    bands = data.project.config["ratings"]
    monthly = data.period.kind == "month"
    first = rows.iloc[0] if not rows.empty and monthly else None
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
                "month": parse_period(r.period).ordinal,
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
class LastYear:
    """The province in the same period a year earlier (same month, quarter, half, year-to-date,
    or the year before): its rank and total, and through which series the two compare. Across
    1/7/2025 they compare through the portal's restated 34-province series when it is stored for
    that period, else through the crosswalk (the predecessor province's own rank out of 63:
    a rank of another population, said as such)."""

    period: str
    total: float
    rank: int
    size: int
    via: str  # "same" (one structure), "restated" or "crosswalk"
    # whether the portal scored both periods with the same formulas: across a change (2026's
    # new catalogue against 2025) levels are not compared, only ranks
    same_scoring: bool = True

    @property
    def comparable(self) -> bool:
        """Whether the ranks are out of the same population (a movement can be stated)."""
        return self.via != "crosswalk"


def same_period_last_year(data: MonthData) -> LastYear | None:
    """The same period a year earlier for the province, when it is stored: in the report's own
    series, else the restated series, else through the crosswalk (a predecessor)."""
    key = data.period.same_time_last_year().key
    s = data.scores
    rows = s[(s["period"] == key) & s["cohort"].isin(NATIONAL_COHORTS)] if not s.empty else s
    if rows.empty:
        return None
    project = data.project
    same = project.catalogue_for(data.period) == project.catalogue_for(parse_period(key))
    own = rows[(rows["cohort"] == data.cohort) & (rows["unit_id"] == data.province_id)]
    if not own.empty:
        return _last_year(own.iloc[0], key, "same", same)
    restated = rows[(rows["cohort"] == RESTATED) & (rows["unit_id"] == data.province_id)]
    if not restated.empty:
        return _last_year(restated.iloc[0], key, "restated", same)
    try:  # the province the project reported on then (its main predecessor)
        main = project.province(parse_period(key).end).unit_id
    except DataError:
        return None
    before = rows[(rows["cohort"] == NATIONAL) & (rows["unit_id"] == main)]
    if main in project.crosswalk.predecessors(data.province_id) and not before.empty:
        return _last_year(before.iloc[0], key, "crosswalk", same)
    return None


def _last_year(row: pd.Series, key: str, via: str, same_scoring: bool) -> LastYear:
    total, rank, size = float(row["total"]), int(row["rank_total"]), int(row["cohort_size"])
    return LastYear(key, total, rank, size, via, same_scoring)


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
    last_year: LastYear | None = None  # the same period a year earlier, where stored

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
    prev = data.period.previous().key
    january = f"{data.period.year}-01"
    average, stated = national_average(national)
    last_year = same_period_last_year(data)
    if last_year is not None and last_year.via == "same" and last_year.period == prev:
        last_year = None  # a year's previous period is the year before: said once
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
        last_year=last_year,
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
    """All provinces of the month by rank: the province, its region's provinces (the six
    socio-economic regions of provinces.csv) and the configured peers flagged, and a `role`
    for charts: "province", "top" (the first five), "peer", "region" or "other"."""
    national = data.national().sort_values(["rank_total", "unit_name"])
    provinces = data.project.provinces
    region = national["unit_id"].map(lambda uid: provinces.get(uid).get("region") or "")
    own = region[national["unit_id"] == data.province_id]
    peers = {fold(n) for n in data.settings.peers}
    is_peer = [
        fold(n) in peers or fold(s) in peers
        for n, s in zip(national["unit_name"], national["short_name"], strict=True)
    ]
    out = national.assign(
        is_province=national["unit_id"] == data.province_id,
        region=region,
        in_region=(region == own.iloc[0]) & (region != "") if not own.empty else False,
        is_peer=is_peer,
    )
    role = [
        "province"
        if r.is_province
        else "top"
        if r.rank_total <= TOP
        else "peer"
        if r.is_peer
        else "region"
        if r.in_region
        else "other"
        for r in out.itertuples()
    ]
    return out.assign(role=role)


def benchmark(data: MonthData) -> pd.DataFrame:
    """The province, its region's provinces and its peers, by rank, with the province's gap to
    each (positive: the province is ahead) and the rank within the region."""
    ranking = national_ranking(data)
    rows = ranking[ranking["is_province"] | ranking["in_region"] | ranking["is_peer"]]
    own = float(rows.loc[rows["is_province"], "total"].iloc[0])
    region_rank = rows["total"].where(rows["in_region"]).rank(ascending=False, method="min")
    return rows.assign(gap=own - rows["total"], region_rank=region_rank)


def group_shares_by_month(data: MonthData) -> pd.DataFrame:
    """Month x group: the province's share of each group's maximum (the heatmap)."""
    rows = _own_rows(data, data.trend_periods)
    frame = rows.set_index("period")[list(GROUP_CODES)]
    return frame / pd.Series(MAX_POINTS)[list(GROUP_CODES)]


def group_ranks_by_month(data: MonthData) -> pd.DataFrame:
    """The province's national rank in each group, month by month (one row per month and
    group), for the months ranked in the same cohort as this month: ranks out of 34 are never
    drawn on one axis with ranks out of 63."""
    rows = _own_rows(data, data.trend_periods)
    size = standing(data).size
    rows = rows[rows["cohort_size"] == size]
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
