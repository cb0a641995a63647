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

    @property
    def rank_text(self) -> str:
        return fmt.rank(self.rank, self.size)

    @property
    def gap_to_leader(self) -> float:
        return round(self.leader_total - self.total, 2)

    @property
    def gap_to_median(self) -> float:
        return round(self.total - self.median, 2)


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
