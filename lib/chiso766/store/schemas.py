"""Pandera schemas: the contract every clean table meets before it is written."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine
from pandera.pandas import DataFrameSchema
from pandera.typing import Series

from chiso766.errors import DataError, Issue
from chiso766.reference.crosswalk import NATIONAL_COHORTS, STRUCTURES
from chiso766.reference.groups import GROUP_CODES, MAX_POINTS, TOTAL_TOLERANCE
from chiso766.reference.levels import ALL_LEVELS
from chiso766.reference.periods import KEY_RE, KINDS


@pandas_engine.Engine.register_dtype
@dataclasses.dataclass(frozen=True, repr=False)
class Text(pandas_engine.STRING):
    """pandas 3's `str` columns, checked as pandera's own string type checks them, but a column
    of that exact type passes at once: pandera 0.35 answers an exact match with one True per
    row and then builds an empty table of failure cases for each column (a third of a month's
    validation). Any other type goes through pandera's own check, failure cases included."""

    def check(self, pandera_dtype, data_container=None):
        result = super().check(pandera_dtype, data_container)
        if isinstance(result, np.ndarray) and result.all():
            return True
        return result


PERIOD_KEY = KEY_RE.pattern
DATE_FIELDS = ("ministry_date", "effective_date", "submission_date", "province_decision_date")
_GROUPS = (*GROUP_CODES, "DVTT")


def _period(**kw):
    return pa.Field(str_matches=PERIOD_KEY, **kw)


def _rank():
    return pa.Field(ge=1, nullable=True)  # competition rank within (period, cohort)


def _points(group: str):
    return pa.Field(in_range={"min_value": 0, "max_value": MAX_POINTS[group]}, nullable=True)


class _Period(pa.DataFrameModel):
    period: Series[Text] = _period()  # the period's key: "2024-06", "2025-Q3", "2025", ...
    period_kind: Series[Text] = pa.Field(isin=list(KINDS))


class _Unit(_Period):
    """Who a row is about: the registry's unit (None when the name matched no known unit,
    reported in the quality table), its names as tables and sentences show them, its level and
    place in the province's official order."""

    unit_id: Series[Text] = pa.Field(nullable=True)
    unit_code: Series[Text] = pa.Field(nullable=True)
    unit_name: Series[Text]
    short_name: Series[Text] = pa.Field(nullable=True)  # "Nội vụ" for Sở Nội vụ
    display_name: Series[Text] = pa.Field(nullable=True)  # as appendices list it
    level: Series[Text] = pa.Field(isin=list(ALL_LEVELS))
    official_order: Series[pd.Int64Dtype] = pa.Field(nullable=True)


class _RegisteredUnit(_Unit):
    parent_id: Series[Text] = pa.Field(nullable=True)  # a commune's district, before 1/7/2025
    raw_name: Series[Text] = pa.Field(nullable=True)  # the name as the export wrote it


class _Source(pa.DataFrameModel):
    """Where a row was read: file, sheet and the 1-based row a spreadsheet program shows."""

    source_file: Series[Text]
    source_sheet: Series[Text] = pa.Field(nullable=True)
    source_row: Series[int] = pa.Field(ge=1)


class ScoresTable(_Source, _RegisteredUnit):
    """One row per unit and period: every province (`cohort = national`, or `national_restated`
    for the portal's 34-province restatement of a period before 1/7/2025) and the province's own
    units (cohort = their level); group scores, total, ranks within (period, cohort)."""

    cohort: Series[Text] = pa.Field(isin=[*NATIONAL_COHORTS, *ALL_LEVELS])
    # the structure the row belongs to: 63 provinces (before 1/7/2025) or 34 (read from the
    # national file's content, so a restated pre-merger year is "34")
    series: Series[Text] = pa.Field(isin=list(STRUCTURES))
    CKMB: Series[float] = _points("CKMB")
    TDGQ: Series[float] = _points("TDGQ")
    CLGQ: Series[float] = _points("CLGQ")
    TTTT: Series[float] = _points("TTTT")
    MDHL: Series[float] = _points("MDHL")
    MDSH: Series[float] = _points("MDSH")
    DVTT: Series[float] = _points("DVTT")
    total: Series[float] = pa.Field(in_range={"min_value": 0, "max_value": 100})
    groups_view: Series[Text] = pa.Field(isin=["6", "5"])  # six groups, or five (CLGQ+TTTT)
    # the national average total the ranking's summary row states ("Trung bình cả nước"), on
    # every row of that ranking; null when the file states none
    national_average: Series[float] = pa.Field(
        in_range={"min_value": 0, "max_value": 100}, nullable=True
    )
    row_stt: Series[Text] = pa.Field(nullable=True)  # the portal's ROW_STT: not a rank
    cohort_size: Series[pd.Int64Dtype] = pa.Field(ge=1, nullable=True)  # units ranked together
    rank_total: Series[pd.Int64Dtype] = _rank()
    rank_CKMB: Series[pd.Int64Dtype] = _rank()
    rank_TDGQ: Series[pd.Int64Dtype] = _rank()
    rank_CLGQ: Series[pd.Int64Dtype] = _rank()
    rank_TTTT: Series[pd.Int64Dtype] = _rank()
    rank_MDHL: Series[pd.Int64Dtype] = _rank()
    rank_MDSH: Series[pd.Int64Dtype] = _rank()
    rank_DVTT: Series[pd.Int64Dtype] = _rank()

    @pa.dataframe_check(error="total = sum of groups")
    def total_is_sum(cls, df: pd.DataFrame) -> pd.Series:
        six = df[list(GROUP_CODES)].sum(axis=1, min_count=6)
        five = df[["CKMB", "TDGQ", "DVTT", "MDHL", "MDSH"]].sum(axis=1, min_count=5)
        parts = six.where(six.notna(), five)
        return (df["total"] - parts).abs() <= TOTAL_TOLERANCE + 1e-9

    @pa.dataframe_check(error="one row per unit per period")
    def one_row_per_unit(cls, df: pd.DataFrame) -> pd.Series:
        known = df["unit_id"].notna()
        return ~(known & df.duplicated(["period", "cohort", "unit_id"], keep=False))

    class Config:
        strict = True


class DossiersTable(_Source, _RegisteredUnit):
    """Biểu 06 per unit and period: received, resolved, pending, `late` (the counts configured
    in province.toml), the on-time rate and whether the report's identities hold."""

    received_total: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    received_online: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    received_direct: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    received_carried: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    resolved_total: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    resolved_early: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    resolved_on_time: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    resolved_late: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    pending_total: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    pending_within: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    pending_overdue: Series[pd.Int64Dtype] = pa.Field(ge=0, nullable=True)
    late: Series[int] = pa.Field(ge=0)
    on_time_rate: Series[float] = pa.Field(in_range={"min_value": 0, "max_value": 1}, nullable=True)
    identities_ok: Series[bool]

    @pa.dataframe_check(error="one row per unit per period")
    def one_row_per_unit(cls, df: pd.DataFrame) -> pd.Series:
        return ~(df["unit_id"].notna() & df.duplicated(["period", "unit_id"], keep=False))

    class Config:
        strict = True


class DossierRecordsTable(_Period):
    """One row per dossier of a one-stop system's list for the period (stored apart, as the
    partitioned dataset data/processed/dossiers/year=/month=, see store/dossier_dataset.py):
    the unit, the procedure, the channel, its dates and its status's group
    (reference/statuses.py)."""

    vendor: Series[Text]
    unit_id: Series[Text]
    dossier_code: Series[Text]
    procedure_code: Series[Text] = pa.Field(nullable=True)
    procedure_name: Series[Text] = pa.Field(nullable=True)
    channel: Series[Text] = pa.Field(isin=["online", "direct", "postal"])
    received_at: Series[pd.Timestamp]
    due_at: Series[pd.Timestamp] = pa.Field(nullable=True)
    finished_at: Series[pd.Timestamp] = pa.Field(nullable=True)
    supplement_requested_at: Series[pd.Timestamp] = pa.Field(nullable=True)
    supplement_given_at: Series[pd.Timestamp] = pa.Field(nullable=True)
    status: Series[Text]
    status_group: Series[Text] = pa.Field(isin=["open", "resolved", "returned", "not_received"])
    source_file: Series[Text]
    source_row: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True


class _PublicationPeriod(pa.DataFrameModel):
    period: Series[Text] = _period()


class PublicationsTable(_Source, _PublicationPeriod):
    """The TTHC publication tracking sheet: each ministry decision, the unit that prepared the
    province's decision, and the dates that tell whether it was late."""

    ministry_decision: Series[Text]
    summary: Series[Text] = pa.Field(nullable=True)
    issuer: Series[Text] = pa.Field(nullable=True)
    preparing_unit: Series[Text] = pa.Field(nullable=True)
    preparing_unit_id: Series[Text] = pa.Field(nullable=True)
    submission: Series[Text] = pa.Field(nullable=True)
    province_decision: Series[Text] = pa.Field(nullable=True)
    note: Series[Text] = pa.Field(nullable=True)
    ministry_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    effective_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    submission_date: Series[pd.Timestamp] = pa.Field(nullable=True)
    province_decision_date: Series[pd.Timestamp] = pa.Field(nullable=True)

    class Config:
        strict = True


class IndicatorsTable(_Source, _Unit):
    """Sub-indicators (2026 exports): one row per unit and indicator, the score recomputed from
    numerator and denominator and whether the catalogue knows the code."""

    code: Series[Text]
    group: Series[Text] = pa.Field(nullable=True)
    label: Series[Text] = pa.Field(nullable=True)
    numerator: Series[int] = pa.Field(ge=0)
    denominator: Series[int] = pa.Field(ge=0)
    ratio: Series[float] = pa.Field(nullable=True)
    # null where the portal gives no score ("không phát sinh": a zero denominator under the
    # catalogue's `null` rule); counted 0 in the group
    score: Series[float] = pa.Field(ge=0, nullable=True)
    max_score: Series[float] = pa.Field(nullable=True)
    recomputed: Series[float] = pa.Field(nullable=True)
    known: Series[bool]

    @pa.dataframe_check(error="a null score only where the denominator is 0")
    def null_score_only_when_empty(cls, df: pd.DataFrame) -> pd.Series:
        return df["score"].notna() | (df["denominator"] == 0)

    @pa.dataframe_check(error="one row per unit and indicator")
    def one_row_per_indicator(cls, df: pd.DataFrame) -> pd.Series:
        return ~(df["unit_id"].notna() & df.duplicated(["period", "unit_id", "code"], keep=False))

    class Config:
        strict = True


SCORES = ScoresTable.to_schema()
DOSSIERS = DossiersTable.to_schema()
# dates are stored at microsecond resolution (pandas 3's datetime64[us])
PUBLICATIONS = PublicationsTable.to_schema().update_columns(
    {f: {"dtype": "datetime64[us]"} for f in DATE_FIELDS}
)
INDICATORS = IndicatorsTable.to_schema()
RECORD_DATES = (
    "received_at",
    "due_at",
    "finished_at",
    "supplement_requested_at",
    "supplement_given_at",
)
DOSSIER_RECORDS = DossierRecordsTable.to_schema().update_columns(
    {f: {"dtype": "datetime64[us]"} for f in RECORD_DATES}
)


# The clean tables of a period, by name.
TABLE_SCHEMAS: dict[str, DataFrameSchema] = {
    "scores": SCORES,
    "dossiers": DOSSIERS,
    "publications": PUBLICATIONS,
    "indicators": INDICATORS,
    "dossier_records": DOSSIER_RECORDS,
}


def validate(frame: pd.DataFrame, schema: DataFrameSchema, name: str) -> pd.DataFrame:
    """Validate a clean table and give it the schema's column order; a failure is reported as
    a DataError, not a traceback."""
    if frame.empty:
        return frame
    try:
        frame = schema.validate(frame, lazy=True)
        return frame[[c for c in schema.columns if c in frame.columns]]
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(10)
        issues = [
            Issue.of(
                "error",
                "schema.failed",
                table=name,
                check=c["check"],
                field=c["column"],
                value=repr(c["failure_case"]),
            )
            for c in cases.to_dict("records")
        ]
        raise DataError(issues) from exc
