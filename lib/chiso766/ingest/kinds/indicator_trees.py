"""The 2026 API's tree answers (`dvc-progress-tree`, `provide-online-tree`,
`formality-online-payment-tree`, as `chiso766 fetch` keeps them in `chi_tieu/`): nodes are units
with raw counts and their group's score. Which counts are which catalogue indicator is reference
data (reference/portal_indicators.py, with what is assumed); each node becomes the indicators
kind's long rows (unit, code, numerator, denominator, score), read by the same parser, so a tree
answer gives the rows a hand-made export of the same numbers gives. A node of an unknown level,
or lacking an indicator's counts, is left out with a warning naming the file and the node."""

from __future__ import annotations

import pandas as pd

from chiso766.errors import Issue
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.kinds import indicators as long_rows
from chiso766.ingest.readers import TREE_PARENT
from chiso766.ingest.tables import Table
from chiso766.reference.portal_indicators import TREE_ENDPOINTS, TREE_LEVELS, tree_fields
from chiso766.textnorm import clean_text

_UNIT = ("unit_name", "unit_code")
_COLUMNS = (*_UNIT, "unit_type", "metric_code", "numerator", "denominator", "metric_score")


def _labels(table: Table) -> dict[str, int]:
    return {label: index for index, label in table.labels.items()}


def endpoint_of(table: Table) -> str | None:
    """The tree endpoint whose counts the table holds (an indicator's numerator and
    denominator fields both present, beside a unit's name or code), or None."""
    if not any(f in table.columns for f in _UNIT):
        return None
    labels = _labels(table)
    for endpoint in TREE_ENDPOINTS:
        if any(f.numerator in labels and f.denominator in labels for f in tree_fields(endpoint)):
            return endpoint
    return None


def _cell(row: list, index: int | None):
    value = row[index] if index is not None and index < len(row) else None
    return None if isinstance(value, str) and not value.strip() else value


def parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    endpoint = endpoint_of(table)
    assert endpoint is not None  # detect() took the table
    catalogue = ctx.project.catalogue_for(ctx.period)
    mapped = tree_fields(endpoint)
    fields = [f for f in mapped if f.code in catalogue]
    issues: list[Issue] = []
    if missing := [f.code for f in mapped if f.code not in catalogue]:
        issues.append(table.issue("warning", "ind.tree_not_in_catalogue", codes=", ".join(missing)))
    group = catalogue[fields[0].code].group if fields else None
    # the node's score is its group's: one indicator's own when the group has only it
    single = len(fields) == 1 and sum(i.group == group for i in catalogue.values()) == 1
    if fields and not single:
        issues.append(
            table.issue(
                "info",
                "ind.tree_computed",
                group=group,
                codes=", ".join(f.code for f in fields),
            )
        )
    if assumed := [f for f in fields if not f.named]:
        issues.append(
            table.issue(
                "info",
                "ind.tree_assumed",
                codes=", ".join(f.code for f in assumed),
                fields=", ".join(f"{f.numerator}/{f.denominator}" for f in assumed),
            )
        )
    labels = _labels(table)
    score_at, max_at, level_at = labels.get("score"), labels.get("maxScore"), labels.get("level")
    rows: list[tuple[int, list]] = []
    parent = table.rows[0][0] if table.meta.get(TREE_PARENT) and table.rows else None
    for number, row in table.rows:
        node = table.row_label(row) or clean_text(table.value(row, "unit_code"))
        level = clean_text(_cell(row, level_at)).upper()
        if number == parent:
            unit_type = "PROVINCE"  # the unit asked for: the province
        elif level in TREE_LEVELS:
            unit_type = TREE_LEVELS[level]
        else:
            issues.append(table.issue("warning", "ind.tree_level", number, node=node, level=level))
            continue
        lacking = [
            f
            for f in fields
            if _cell(row, labels.get(f.numerator)) is None
            or _cell(row, labels.get(f.denominator)) is None
        ]
        if lacking:
            names = [
                name
                for f in lacking
                for name in (f.numerator, f.denominator)
                if _cell(row, labels.get(name)) is None
            ]
            issues.append(
                table.issue(
                    "warning",
                    "ind.tree_fields",
                    number,
                    node=node,
                    fields=", ".join(names),
                    codes=", ".join(f.code for f in lacking),
                )
            )
        score = _cell(row, score_at)
        for f in fields:
            if f in lacking:
                continue
            long = [
                table.row_label(row),
                table.value(row, "unit_code"),
                unit_type,
                f.code,
                _cell(row, labels[f.numerator]),
                _cell(row, labels[f.denominator]),
                score if single else None,
                _cell(row, max_at) if single else None,
                score,  # the group's score, checked against the sum of its indicators
            ]
            rows.append((number, long))
    if not rows:
        return pd.DataFrame(), [*table.issues, *issues]
    frame, found = long_rows.parse(
        _long_table(table, rows, fields, group),
        period=ctx.period,
        project=ctx.project,
        source=ctx.source,
        computed=frozenset() if single else frozenset(f.code for f in fields),
    )
    return frame, issues + found


def _long_table(table: Table, rows: list[tuple[int, list]], fields, group: str | None) -> Table:
    """The nodes' rows as the indicators kind's long table; its issues point at the node's row
    of the tree file, and its columns are labelled with the fields they were read from."""
    names = [*_COLUMNS, "metric_max", group or "group_score"]
    original = {name: table.labels[table.columns[name]] for name in _UNIT if name in table.columns}
    labels = original | {
        "unit_type": "level",
        "metric_code": "-",
        "numerator": " / ".join(f.numerator for f in fields),
        "denominator": " / ".join(f.denominator for f in fields),
        "metric_score": "score",
        "metric_max": "maxScore",
        names[-1]: "score",
    }
    return Table(
        file=table.file,
        sheet=table.sheet,
        columns={name: i for i, name in enumerate(names)},
        labels={i: labels.get(name, name) for i, name in enumerate(names)},
        rows=rows,
        title_lines=table.title_lines,
        issues=list(table.issues),
        meta=table.meta,
    )


KIND = ExportKind(
    name="indicator_trees",
    table="indicators",
    detect=lambda table, project: endpoint_of(table) is not None,
    parse=parse,
    order=9,  # before the indicators kind: a tree node's `score` must not read as a metric's
    when_missing=None,  # 2026 on, and only from a fetch
    variant=long_rows.groups_of,
)
