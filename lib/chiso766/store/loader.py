"""The read-only month loader: a month's clean tables and the months of its year before it, as
stored in data/processed. Loading never ingests: a month whose raw files changed since it was
stored is refused with a message that says how to ingest it, and an earlier month the trend
lacks or reads from an older ingest is said in the month's data-quality table."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from chiso766.config import Project, Province, Settings
from chiso766.errors import DataError, Issue
from chiso766.reference.crosswalk import NATIONAL, NATIONAL_COHORTS
from chiso766.reference.levels import Level
from chiso766.reference.periods import Period, comparison_keys, parse_period, trend_keys
from chiso766.reference.workdays import Calendar
from chiso766.store import manifest as mf
from chiso766.store.parquet import concat, read_table
from chiso766.store.quality import to_frame

if TYPE_CHECKING:  # the schemas as type hints only: loading a month imports no pandera
    from pandera.typing import DataFrame

    from chiso766.store.schemas import (
        DossiersTable,
        IndicatorsTable,
        PublicationsTable,
        ScoresTable,
    )


@dataclass
class MonthData:
    """A month's clean tables, with the months of its year before it for trends, and the
    settings the run uses."""

    month: str
    project: Project
    scores: DataFrame[ScoresTable]
    dossiers: DataFrame[DossiersTable]
    publications: DataFrame[PublicationsTable]
    quality: pd.DataFrame
    indicators: DataFrame[IndicatorsTable] = field(default_factory=pd.DataFrame)
    run_settings: Settings | None = None  # this run's settings; None: province.toml's

    @property
    def settings(self) -> Settings:
        """The settings every part of this run uses (see config.Settings)."""
        return self.run_settings or self.project.settings

    @property
    def period(self) -> Period:
        """The period reported on: a month, or any kind (`month` holds its key: "2024")."""
        return parse_period(self.month)

    @property
    def months(self) -> list[str]:
        """The periods loaded (the trend's and the comparisons'), oldest first."""
        if self.scores.empty:
            return [self.month]
        return sorted(self.scores["period"].unique(), key=parse_period)

    @property
    def trend_periods(self) -> list[str]:
        """The periods of the trend: the year so far for a month, the periods of the same kind
        up to this one otherwise (never the same period a year earlier of a month)."""
        keys = trend_keys(self.month, self.months)
        return [k for k in self.months if k in keys]

    @cached_property
    def cohort(self) -> str:
        """The national ranking the report reads: the period's own, or the portal's restated
        34-province series when that is the only one stored for the period."""
        s = self.scores
        here = set(s.loc[s["period"] == self.month, "cohort"]) if not s.empty else set()
        return next((c for c in NATIONAL_COHORTS if c in here), NATIONAL)

    @property
    def restated(self) -> bool:
        """Whether the report reads the portal's restated 34-province series."""
        return self.cohort != NATIONAL

    @cached_property
    def province(self) -> Province:
        """The province reported on this period (and its office): for the restated series of
        a period before 1/7/2025, the post-merger province."""
        return self.project.province_in(self.cohort, self.period)

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
        return s[(s["cohort"] == self.cohort) & (s["period"] == (month or self.month))]

    @property
    def has_dossiers(self) -> bool:
        """Whether the month has dossier figures (a Biểu 06 was ingested)."""
        return bool((self.dossiers["period"] == self.month).any())

    def units(self, level: Level | str, month: str | None = None) -> pd.DataFrame:
        s = self.scores
        return s[(s["cohort"] == level) & (s["period"] == (month or self.month))]


def report_keys(key: str, project: Project) -> list[str]:
    """The periods a report on `key` reads: its trend (see periods.trend_keys) and the same
    period a year earlier where data/raw has it."""
    raw = project.raw_periods()
    extra = [k for k in comparison_keys(key) if k in raw]
    return sorted({*trend_keys(key, raw), *extra}, key=parse_period)


def freshness(month: str, project: Project) -> list[Issue]:
    """What the stored periods a report reads (see report_keys) lack against data/raw: an error
    for the period itself when it was never stored or its raw files changed since, warnings
    for the others (missing from the trend, or read from an older ingest)."""
    issues = []
    for key in report_keys(month, project):
        state = mf.state(project.raw, project.processed, key)
        if key == month:
            if not state.stored:
                code = "month.not_ingested" if state.has_raw else "month.no_raw"
                issues.append(Issue.of("error", code, month=key))
            elif not state.current:
                issues.append(Issue.of("error", "month.stale", month=key))
        elif state.has_raw and not state.stored:
            issues.append(
                Issue.of("warning", "trend.gap", month=key, period=parse_period(key).label())
            )
        elif state.stored and not state.current:
            issues.append(
                Issue.of("warning", "trend.stale", month=key, period=parse_period(key).label())
            )
    return issues


def open_month(month: str, project: Project | None = None, **settings: object) -> MonthData:
    """The month's stored data and the months of its year before it. `settings` override
    province.toml's for this run (None keeps the file's value). DataError, saying what to run,
    when the month is not stored or its raw files changed since."""
    project = project or Project.find()
    notes = freshness(month, project)
    if any(i.severity == "error" for i in notes):
        raise DataError(notes)
    available = [
        m
        for m in report_keys(month, project)
        if (project.processed / m / "manifest.json").is_file()
    ]
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
        project.settings.override(**settings),
    )


def load(
    table: str, months: list[str] | None = None, project: Project | None = None
) -> pd.DataFrame:
    """A clean table across months from data/processed (all stored months by default)."""
    project = project or Project.find()
    if months is None:
        months = sorted(p.name for p in project.processed.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]"))
    frames = [read_table(project.processed / m, table) for m in months]
    return concat(frames, table)
