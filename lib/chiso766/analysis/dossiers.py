"""Dossiers (Phụ lục 3) and TTHC publication: Biểu 06 per unit, the late lists, late
publication in working days."""

from __future__ import annotations

import pandas as pd

from chiso766.reference.levels import UNIT_LEVELS
from chiso766.store.loader import MonthData


def dossier_table(data: MonthData) -> pd.DataFrame:
    """Phụ lục 3: Biểu 06 per unit, by level in official order, with the on-time rate."""
    d = data.dossiers[data.dossiers["period"] == data.month]
    order = {lvl: i for i, lvl in enumerate(UNIT_LEVELS)}
    return (
        d.assign(_level=d["level"].map(order))
        .sort_values(["_level", "official_order", "unit_name"], na_position="last")
        .drop(columns="_level")
        .reset_index(drop=True)
    )


def late_lists(data: MonthData, threshold: int | None = None) -> dict[str, pd.DataFrame]:
    """Units with at least `threshold` late dossiers (by default the run's setting), per
    level, in official order."""
    threshold = threshold if threshold is not None else data.settings.late_threshold
    table = dossier_table(data)
    late = table[table["late"] >= threshold]
    return {
        level: late[late["level"] == level][
            ["unit_id", "short_name", "unit_name", "display_name", "late"]
        ].reset_index(drop=True)
        for level in UNIT_LEVELS
    }


def late_by_month(data: MonthData) -> pd.DataFrame:
    """Month x level: late dossiers since January."""
    d = data.dossiers
    frame = d.pivot_table(index="period", columns="level", values="late", aggfunc="sum")
    return frame.reindex(columns=[lvl for lvl in UNIT_LEVELS if lvl in frame.columns]).fillna(0)


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
