"""The data-quality report of a month: what was normalised, skipped, converted and suspect."""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from chiso766.errors import Issue
from chiso766.messages import msg

COLUMNS = ("severity", "code", "text", "file", "sheet", "row", "column")
_ORDER = {"error": 0, "warning": 1, "info": 2}


def to_frame(issues: list[Issue]) -> pd.DataFrame:
    """Issues as a table, errors first, then by file and row."""
    frame = pd.DataFrame([i.to_dict() for i in issues], columns=list(COLUMNS))
    if frame.empty:
        return frame
    frame["row"] = frame["row"].astype("Int64")
    order = frame["severity"].map(_ORDER)
    return (
        frame.assign(_o=order)
        .sort_values(["_o", "file", "row"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Vietnamese headings and severities, for notebooks and the report."""
    labels = {
        "severity": msg("quality.severity"),
        "text": msg("quality.text"),
        "file": msg("quality.file"),
        "sheet": msg("quality.sheet"),
        "row": msg("quality.row"),
        "column": msg("quality.column"),
    }
    shown = frame.assign(severity=frame["severity"].map(lambda s: msg(f"sev.{s}")))
    return shown[list(labels)].rename(columns=labels)


def issues_of(frame: pd.DataFrame) -> list[Issue]:
    """A stored quality table back as issues (to add to it)."""
    return [
        Issue(**cast(dict[str, Any], {k: (None if pd.isna(v) else v) for k, v in r.items()}))
        for r in frame.to_dict("records")
    ]
