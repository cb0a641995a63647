"""Pandera schemas: the contract every clean table meets before it is written."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.pandas import Check, Column, DataFrameSchema

from chiso766.errors import DataError, Issue
from chiso766.ingest.columns import COUNT_FIELDS
from chiso766.ingest.ranks import RANKED
from chiso766.reference.groups import GROUP_CODES, MAX_POINTS, TOTAL_TOLERANCE
from chiso766.reference.levels import ALL_LEVELS
from chiso766.reference.periods import KEY_RE, KINDS

_PERIOD = Column("str", Check.str_matches(KEY_RE.pattern))
_KIND = Column("str", Check.isin(list(KINDS)))
_LEVELS = list(ALL_LEVELS)


def _total_is_sum(df: pd.DataFrame) -> pd.Series:
    six = df[list(GROUP_CODES)].sum(axis=1, min_count=6)
    five = df[["CKMB", "TDGQ", "DVTT", "MDHL", "MDSH"]].sum(axis=1, min_count=5)
    parts = six.where(six.notna(), five)
    return (df["total"] - parts).abs() <= TOTAL_TOLERANCE + 1e-9


def _one_row_per_unit(df: pd.DataFrame) -> pd.Series:
    known = df["unit_id"].notna()
    return ~(known & df.duplicated(["period", "cohort", "unit_id"], keep=False))


SCORES = DataFrameSchema(
    {
        "period": _PERIOD,
        "period_kind": _KIND,
        "cohort": Column("str", Check.isin(["national", *_LEVELS])),
        "unit_id": Column("str", nullable=True),
        "unit_name": Column("str"),
        "level": Column("str", Check.isin(_LEVELS)),
        **{
            c: Column("float64", Check.in_range(0, MAX_POINTS[c]), nullable=True)
            for c in (*GROUP_CODES, "DVTT")
        },
        "total": Column("float64", Check.in_range(0, 100)),
        **{f"rank_{c}": Column("Int64", Check.ge(1), nullable=True) for c in RANKED},
        "source_file": Column("str"),
        "source_row": Column("int64", Check.ge(1)),
    },
    checks=[
        Check(_total_is_sum, error="total = sum of groups"),
        Check(_one_row_per_unit, error="one row per unit per period"),
    ],
)

DOSSIERS = DataFrameSchema(
    {
        "period": _PERIOD,
        "unit_name": Column("str"),
        "level": Column("str", Check.isin(_LEVELS)),
        **{f: Column("Int64", Check.ge(0), nullable=True) for f in COUNT_FIELDS},
        "late": Column("int64", Check.ge(0)),
        "on_time_rate": Column("float64", Check.in_range(0, 1), nullable=True),
        "identities_ok": Column("bool"),
        "source_row": Column("int64", Check.ge(1)),
    },
    checks=[
        Check(
            lambda df: ~(df["unit_id"].notna() & df.duplicated(["period", "unit_id"], keep=False)),
            error="one row per unit per period",
        )
    ],
)

PUBLICATIONS = DataFrameSchema(
    {
        "period": _PERIOD,
        "ministry_decision": Column("str"),
        "preparing_unit": Column("str", nullable=True),
        **{
            f: Column("datetime64[us]", nullable=True)
            for f in (
                "ministry_date",
                "effective_date",
                "submission_date",
                "province_decision_date",
            )
        },
    },
)


INDICATORS = DataFrameSchema(
    {
        "period": _PERIOD,
        "unit_name": Column("str"),
        "level": Column("str", Check.isin(_LEVELS)),
        "code": Column("str"),
        "numerator": Column("int64", Check.ge(0)),
        "denominator": Column("int64", Check.ge(0)),
        "score": Column("float64", Check.ge(0)),
        "known": Column("bool"),
    },
    checks=[
        Check(
            lambda df: (
                ~(df["unit_id"].notna() & df.duplicated(["period", "unit_id", "code"], keep=False))
            ),
            error="one row per unit and indicator",
        )
    ],
)


def validate(frame: pd.DataFrame, schema: DataFrameSchema, name: str) -> pd.DataFrame:
    """Validate a clean table; a failure is reported as a DataError, not a traceback."""
    if frame.empty:
        return frame
    try:
        return schema.validate(frame, lazy=True)
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
