"""Every computation the notebooks show: the province's standing and trend, groups, units,
late dossiers and late publication. Notebooks call these; they compute nothing themselves.

All functions take a `MonthData` (the month and the months of its year before it, as ingested)
and return plain DataFrames or values, so a test can check each figure.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from chiso766 import formatting as fmt
from chiso766.config import Project
from chiso766.errors import DataError, Issue
from chiso766.ingest.pipeline import ingest_month, load
from chiso766.ingest.ranks import UNIT_COHORTS
from chiso766.messages import msg
from chiso766.reference import indicators
from chiso766.reference.crosswalk import MERGER_DATE, structure
from chiso766.reference.groups import BY_CODE, GROUP_CODES, MAX_POINTS
from chiso766.reference.levels import UNIT_LEVELS
from chiso766.reference.periods import (
    Period,
    month_range,
    parse_month,
    parse_period,
    previous_month,
)
from chiso766.reference.workdays import Calendar
from chiso766.store.parquet import read_manifest, read_table
from chiso766.store.quality import to_frame

LEVEL_ORDER = UNIT_LEVELS


# --- data of a month --------------------------------------------------------------------------


def _raw_hashes(folder) -> list[str]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~")))
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]


def ensure_ingested(months: list[str], project: Project) -> list[Issue]:
    """Ingest the months whose raw files changed since their last ingest (or were never ingested).
    The last month must succeed (DataError otherwise); an earlier month that fails leaves a gap in
    the trend, returned as a warning."""
    with _INGESTING:  # months built side by side share the months of their year
        return _ensure_ingested(months, project)


_INGESTING = threading.Lock()


def _ensure_ingested(months: list[str], project: Project) -> list[Issue]:
    gaps: list[Issue] = []
    for month in months:
        raw = project.raw / month
        if not raw.is_dir():
            continue
        manifest = read_manifest(project.processed / month)
        if manifest and [f["sha256"] for f in manifest["files"]] == _raw_hashes(raw):
            continue
        try:
            ingest_month(month, project)
        except DataError:
            if month == months[-1]:
                raise
            gaps.append(Issue("warning", "trend.gap", msg("trend.gap", month=month)))
    return gaps


@dataclass
class MonthData:
    """A month's clean tables, with the months of its year before it for trends."""

    month: str
    project: Project
    scores: pd.DataFrame
    dossiers: pd.DataFrame
    publications: pd.DataFrame
    quality: pd.DataFrame
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def period(self):
        return parse_month(self.month)

    @property
    def months(self) -> list[str]:
        return sorted(self.scores["period"].unique()) if not self.scores.empty else [self.month]

    @cached_property
    def province(self):
        """The province reported on this month (and its office)."""
        return self.project.province(self.period.end)

    @property
    def province_id(self) -> str:
        return self.province.unit_id

    @property
    def province_name(self) -> str:
        return self.province.name

    @property
    def province_label(self) -> str:
        return self.province.label

    @cached_property
    def calendar(self) -> Calendar:
        return Calendar(self.project.reference / "holidays_override.csv")

    def national(self, month: str | None = None) -> pd.DataFrame:
        s = self.scores
        return s[(s["cohort"] == "national") & (s["period"] == (month or self.month))]

    @property
    def has_dossiers(self) -> bool:
        """Whether the month has dossier figures (a Biểu 06 was ingested)."""
        return bool((self.dossiers["period"] == self.month).any())

    def units(self, level: str, month: str | None = None) -> pd.DataFrame:
        s = self.scores
        return s[(s["cohort"] == level) & (s["period"] == (month or self.month))]


def open_month(month: str, project: Project | None = None, *, ingest: bool = True) -> MonthData:
    """The month's data and the months of its year before it, ingesting what is new in data/raw."""
    project = project or Project.find()
    period = parse_month(month)
    months = month_range(f"{period.year}-01", month)
    notes = ensure_ingested(months, project) if ingest else []
    available = [m for m in months if (project.processed / m / "manifest.json").is_file()]
    if month not in available:
        raise DataError.single(
            "period.missing_folder", msg("period.missing_folder", path=f"data/processed/{month}")
        )
    quality = read_table(project.processed / month, "quality")
    if notes:  # months the trend lacks: said in the month's data-quality report, not hidden
        quality = pd.concat([to_frame(notes), quality], ignore_index=True)
    return MonthData(
        month,
        project,
        load("scores", available, project),
        load("dossiers", available, project),
        load("publications", available, project),
        quality,
        read_table(project.processed / month, "indicators"),
    )


# --- the province -----------------------------------------------------------------------------


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
            first.rank_total if r.period != first.period else None, r.rank_total
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
        raise DataError.single(
            "month.province_missing",
            msg("month.province_missing", province=data.province_name, month=data.month),
        )
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


def costliest_groups(data: MonthData, n: int = 3) -> pd.DataFrame:
    """The groups where the province loses the most points."""
    return group_table(data).sort_values(["lost", "code"], ascending=[False, True]).head(n)


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


# --- the province's units -------------------------------------------------------------------


def unit_table(data: MonthData, level: str) -> pd.DataFrame:
    """Phụ lục 1 (departments) or 2 (districts, communes): units in official order with their
    groups, total, rank within the level and movement since the previous month."""
    now = data.units(level)
    before = data.units(level, previous_month(data.month))
    prev_rank = dict(zip(before["unit_id"], before["rank_total"], strict=True))
    prev_total = dict(zip(before["unit_id"], before["total"], strict=True))
    frame = now.sort_values(["official_order", "unit_name"], na_position="last")
    rows = []
    for i, r in enumerate(frame.itertuples(), 1):
        delta, text = movement(prev_rank.get(r.unit_id), r.rank_total)
        change = round(r.total - prev_total[r.unit_id], 2) if r.unit_id in prev_total else None
        rows.append(
            {
                "stt": i,
                "unit_id": r.unit_id,
                "unit": r.display_name,
                "short_name": r.short_name,
                **{c: getattr(r, c) for c in GROUP_CODES},
                "total": r.total,
                "rank": int(r.rank_total),
                "size": int(r.cohort_size),
                "rank_text": fmt.rank(r.rank_total, r.cohort_size),
                "change_total": change,
                "change_rank": delta,
                "movement": text,
                "rating": rating(r.total, data.project.config["ratings"]),
            }
        )
    return pd.DataFrame(rows)


def unit_trend(data: MonthData, level: str) -> pd.DataFrame:
    """Month x unit total scores of a level (units by short name)."""
    s = data.scores[data.scores["cohort"] == level]
    return s.pivot_table(index="period", columns="short_name", values="total", aggfunc="first")


def risers_fallers(data: MonthData, level: str, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units whose total rose most, and fell most, since the previous month."""
    table = unit_table(data, level).dropna(subset=["change_total"])
    risers = table[table["change_total"] > 0].sort_values("change_total", ascending=False)
    fallers = table[table["change_total"] < 0].sort_values("change_total")
    return risers.head(n), fallers.head(n)


def group_losses(data: MonthData, level: str) -> pd.DataFrame:
    """Average points lost per group across a level's units, largest first."""
    units = data.units(level)
    rows = [
        {
            "code": c,
            "group": BY_CODE[c].label,
            "max": MAX_POINTS[c],
            "mean_score": float(units[c].mean()),
            "mean_lost": float(MAX_POINTS[c] - units[c].mean()),
            "share": float(units[c].mean() / MAX_POINTS[c]),
        }
        for c in GROUP_CODES
        if units[c].notna().any()
    ]
    return pd.DataFrame(rows).sort_values("mean_lost", ascending=False, ignore_index=True)


def costliest_units(data: MonthData, n: int = 5) -> pd.DataFrame:
    """The units furthest from 100 points (departments and local units together)."""
    s = data.scores
    units = s[(s["period"] == data.month) & s["cohort"].isin(UNIT_COHORTS)]
    units = units.assign(lost=(100 - units["total"]).round(2))
    return units.sort_values(["lost", "official_order"], ascending=[False, True]).head(n)


# --- dossiers and publication ------------------------------------------------------------------


def dossier_table(data: MonthData) -> pd.DataFrame:
    """Phụ lục 3: Biểu 06 per unit, by level in official order, with the on-time rate."""
    d = data.dossiers[data.dossiers["period"] == data.month]
    order = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}
    return (
        d.assign(_level=d["level"].map(order))
        .sort_values(["_level", "official_order", "unit_name"], na_position="last")
        .drop(columns="_level")
        .reset_index(drop=True)
    )


def late_lists(data: MonthData, threshold: int | None = None) -> dict[str, pd.DataFrame]:
    """Units with at least `threshold` late dossiers, per level, in official order."""
    threshold = (
        threshold if threshold is not None else data.project.config["late_list"]["threshold"]
    )
    table = dossier_table(data)
    late = table[table["late"] >= threshold]
    return {
        level: late[late["level"] == level][
            ["unit_id", "short_name", "unit_name", "late"]
        ].reset_index(drop=True)
        for level in LEVEL_ORDER
    }


def late_by_month(data: MonthData) -> pd.DataFrame:
    """Month x level: late dossiers since January."""
    d = data.dossiers
    frame = d.pivot_table(index="period", columns="level", values="late", aggfunc="sum")
    return frame.reindex(columns=[lvl for lvl in LEVEL_ORDER if lvl in frame.columns]).fillna(0)


def publication_lateness(data: MonthData) -> pd.DataFrame:
    """Each ministry decision of the month: the submission deadline (working days from the
    decision, Vietnamese holidays excluded) and how many working days late the submission was."""
    p = data.publications[data.publications["period"] == data.month]
    within = data.project.config["publication"]["submit_within_working_days"]
    rows = []
    for r in p.itertuples():
        decided = r.ministry_date.date() if pd.notna(r.ministry_date) else None
        submitted = r.submission_date.date() if pd.notna(r.submission_date) else None
        deadline = data.calendar.add(decided, within) if decided else None
        late_days = data.calendar.between(deadline, submitted) if deadline and submitted else None
        rows.append(
            {
                "ministry_decision": r.ministry_decision,
                "ministry_date": decided,
                "summary": r.summary,
                "issuer": r.issuer,
                "preparing_unit": r.preparing_unit,
                "preparing_unit_id": r.preparing_unit_id,
                "submission": r.submission,
                "submission_date": submitted,
                "deadline": deadline,
                "late_days": max(late_days, 0) if late_days is not None else None,
                "is_late": bool(late_days and late_days > 0),
            }
        )
    return pd.DataFrame(rows, columns=LATENESS_COLUMNS)


LATENESS_COLUMNS = (
    "ministry_decision",
    "ministry_date",
    "summary",
    "issuer",
    "preparing_unit",
    "preparing_unit_id",
    "submission",
    "submission_date",
    "deadline",
    "late_days",
    "is_late",
)


# --- across the 1/7/2025 reorganisation ----------------------------------------------------------


def predecessor_scores(data: MonthData) -> pd.DataFrame:
    """Scores of the provinces the province was formed from, for the months of the year before
    1/7/2025 that are loaded: shown beside the trend, labelled, never ranked with it."""
    s = data.scores
    before = s["period"] < MERGER_DATE.strftime("%Y-%m")
    olds = data.project.crosswalk.predecessors(data.province_id)
    rows = s[(s["cohort"] == "national") & before & s["unit_id"].isin(olds)]
    return rows.sort_values(["period", "unit_name"]).reset_index(drop=True)


def crosses_merger(data: MonthData) -> bool:
    """Whether the year's months reach back before the reorganisation."""
    return structure(data.period.start.replace(month=1)) != structure(data.period.end)


# --- sub-indicators ---------------------------------------------------------------------------


def province_indicators(data: MonthData) -> pd.DataFrame:
    """The province's sub-indicators, the most points lost first."""
    ind = data.indicators
    if ind.empty:
        return ind
    return indicators.points_lost(ind[ind["level"] == "province"])


def indicator_units(data: MonthData, n: int = 5) -> pd.DataFrame:
    """For each of the three indicators that cost the province most, the units with the most
    uncounted dossiers (procedures, petitions)."""
    top = province_indicators(data).head(3)
    if top.empty:
        return top
    frames = [indicators.costliest_units(data.indicators, code, n) for code in top["code"]]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def improvement_plan(
    data: MonthData, *, points: float | None = None, rank: int | None = None
) -> tuple[float, list[indicators.Action]]:
    """The gain asked for (points, or what `rank` needs against the other provinces' current
    totals) and the cheapest actions that give it."""
    metrics = province_indicators(data)
    if metrics.empty:
        return 0.0, []
    if rank is not None:
        national = data.national()
        others = national[national["unit_id"] != data.province_id]["total"]
        own = float(national[national["unit_id"] == data.province_id]["total"].iloc[0])
        points = indicators.gain_for_rank(others, own, rank)
    gain = float(points if points is not None else 5.0)
    return gain, indicators.plan(metrics, data.project.catalogue, gain)


# --- other periods: quarter, half-year, year, year-to-date ----------------------------------


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
        raise DataError.single(
            "month.province_missing",
            msg("month.province_missing", province=province.name, month=period.label()),
        )
    row = me.iloc[0]
    return PeriodStanding(
        period,
        province.name,
        float(row["total"]),
        int(row["rank_total"]),
        int(row["cohort_size"]),
        bool((national["groups_view"] == "5").all()),
    )
