"""Which of a month's data-quality warnings touch which figures: the one place that decides it,
so that a page showing a figure (the brief: the national rank and score, the cohort size, the
movements, the units to act on, the dossier totals and late lists) repeats the warnings that
put it in doubt, each with its file, sheet, row and column."""

from __future__ import annotations

import pandas as pd

from chiso766.errors import Issue
from chiso766.store.loader import MonthData
from chiso766.store.quality import issues_of

# The figures a warning may touch:
#   national     the province's national score, rank and the cohort size (out of 63 or 34)
#   trend        the movements and the rank month by month (the months of the year before)
#   units        the province's units: their scores, ranks and who loses most
#   dossiers     the dossier totals and the late lists (Biểu 06)
#   publications the publication delays
#   indicators   the sub-indicators and the plan built on them
FROM_FILE = "file"  # the figures of whatever table the warning's file fed
TOUCHES: dict[str, str] = {
    "trend.gap": "trend",
    "trend.stale": "trend",
    "unit.no_dossier_row": "dossiers",
    "id.received": "dossiers",
    "id.resolved": "dossiers",
    "id.pending": "dossiers",
    "id.balance": "dossiers",
    "val.ambiguous_resolved": "dossiers",
    "note.formulas": FROM_FILE,
    "note.merged_data": FROM_FILE,
    "note.legacy_unconverted": FROM_FILE,
    "unit.unknown": FROM_FILE,
    "ind.unknown_code": "indicators",
    "ind.score_mismatch": "indicators",
    "ind.formula_changed": "indicators",
    "ind.max_mismatch": "indicators",
    "ind.group_mismatch": "indicators",
    "ind.total_mismatch": "indicators",
}
# Not in TOUCHES, so touching no figure: a file not read (read.unknown_kind, its kind then
# missing: month.missing_kind, which the pages say where the part would be), a duplicate row
# dropped with the same figures (unit.duplicate_same), a re-ingest (month.replaced).


def figures_of_file(data: MonthData, file: str) -> set[str]:
    """The figures the rows read from `file` this month went into."""
    out = set()
    for table, name in (
        (data.dossiers, "dossiers"),
        (data.publications, "publications"),
        (data.indicators, "indicators"),
    ):
        if _from(table, data.month, file).any():
            out.add(name)
    scores = data.scores[_from(data.scores, data.month, file)]
    if (scores["cohort"] == "national").any():
        out.add("national")
    if (scores["cohort"] != "national").any():
        out.add("units")
    return out


def _from(table: pd.DataFrame, month: str, file: str) -> pd.Series:
    if table.empty:
        return pd.Series(False, index=table.index)
    return (table["period"] == month) & (table["source_file"] == file)


def touched(data: MonthData, issue: Issue) -> set[str]:
    """The figures a warning puts in doubt (none for a code TOUCHES does not name)."""
    figure = TOUCHES.get(issue.code)
    if figure == FROM_FILE:
        return figures_of_file(data, issue.file) if issue.file else set()
    return {figure} if figure else set()


def warnings_touching(data: MonthData, figures: set[str]) -> list[Issue]:
    """The month's warnings that touch any of `figures`, as the data-quality table orders
    them."""
    quality = data.quality
    if quality.empty:
        return []
    warnings = issues_of(quality[quality["severity"] == "warning"])
    return [i for i in warnings if touched(data, i) & figures]
