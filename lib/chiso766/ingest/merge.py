"""Rows of one clean table from several files of a period: the rule that joins them.

Indicators: the 2026 portal answers indicator by indicator (three metric endpoints and three
trees, each covering some groups), so a period may hold several indicator files. Files that
cover different indicators simply merge. An indicator of one unit found in two files is either
the same figures (kept once, an info note naming both files) or different figures: an error
naming both files and both values, never silently one of them (nothing is stored)."""

from __future__ import annotations

import math

import pandas as pd

from chiso766.errors import Issue
from chiso766.formatting import number

_VALUES = ("numerator", "denominator", "score")


def _same(a: pd.Series, b: pd.Series) -> bool:
    for name in _VALUES:
        x, y = a[name], b[name]
        if pd.isna(x) or pd.isna(y):
            if pd.isna(x) != pd.isna(y):
                return False
        elif not math.isclose(float(x), float(y), abs_tol=1e-9):
            return False
    return True


def _shown(row: pd.Series) -> str:
    score = number(row["score"]) if pd.notna(row["score"]) else "-"
    return f"{row['numerator']}/{row['denominator']}, {score}"


def indicators(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    """The indicators of every file as one table, and what two files saying the same indicator
    of the same unit mean (see the module)."""
    if frame.empty:
        return frame, []
    keys = pd.DataFrame(
        {"unit": frame["unit_id"].fillna(frame["unit_name"]), "code": frame["code"]}
    )
    repeated = keys.duplicated(keep=False)
    drop: list = []
    same: dict[tuple[str, str], int] = {}
    conflicts: dict[tuple[str, str], list[tuple[pd.Series, pd.Series]]] = {}
    twice = keys[repeated]
    for _, rows in frame[repeated].groupby([twice["unit"], twice["code"]], sort=False):
        first = rows.iloc[0]
        for index, other in rows.iloc[1:].iterrows():
            if other["source_file"] == first["source_file"]:
                continue  # a unit twice in one file: the table's contract says so
            pair = (first["source_file"], other["source_file"])
            if _same(first, other):
                same[pair] = same.get(pair, 0) + 1
                drop.append(index)
            else:
                conflicts.setdefault(pair, []).append((first, other))
    issues = []
    for (first_file, second), found in conflicts.items():
        a, b = found[0]  # the first, and how many more
        issues.append(
            Issue.of(
                "error",
                "ind.conflict",
                file=second,
                code=a["code"],
                unit=a["unit_name"],
                first=first_file,
                second=second,
                first_value=_shown(a),
                second_value=_shown(b),
                count=len(found),
            )
        )
    for (first_file, second), count in same.items():
        issues.append(
            Issue.of(
                "info",
                "ind.same_in_two_files",
                file=second,
                first=first_file,
                second=second,
                count=count,
            )
        )
    return frame.drop(index=drop).reset_index(drop=True), issues
