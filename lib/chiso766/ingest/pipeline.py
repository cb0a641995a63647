"""Ingest a period: read every counted file of data/raw/<period>/, tell each table's kind from its
content (the registry in `kinds/`), clean it into rows of the period's clean tables, validate them
and write them to data/processed/<period>/ with a quality report and a manifest.

Raw files are only ever opened for reading. Every problem is collected with its location; if any
is an error, nothing is written for the period and a DataError carries them all.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from chiso766.config import Project
from chiso766.errors import DataError, Issue
from chiso766.ingest.files import read_files, stated_period
from chiso766.ingest.kinds import TABLES, Context, registry
from chiso766.messages import msg
from chiso766.reference.crosswalk import NATIONAL_COHORTS
from chiso766.reference.periods import Period, captured_from_text, parse_period
from chiso766.store import dossier_dataset, quality
from chiso766.store import manifest as mf
from chiso766.store import parquet as store
from chiso766.store.captures import captures, parse_folder
from chiso766.store.captures import current as current_capture
from chiso766.store.locks import month_lock


@dataclass
class MonthResult:
    """A period's clean tables (by name, see kinds.TABLES) and its quality report."""

    month: str
    tables: dict[str, pd.DataFrame]
    quality: pd.DataFrame
    files: list[dict] = field(default_factory=list)
    captured: date | None = None  # the export's day: the folder's @date, else its title rows

    @property
    def scores(self) -> pd.DataFrame:
        return self.tables["scores"]

    @property
    def dossiers(self) -> pd.DataFrame:
        return self.tables["dossiers"]

    @property
    def publications(self) -> pd.DataFrame:
        return self.tables["publications"]

    @property
    def indicators(self) -> pd.DataFrame:
        return self.tables["indicators"]

    @property
    def warnings(self) -> int:
        return int((self.quality["severity"] == "warning").sum()) if not self.quality.empty else 0


def read_month(
    month: str, project: Project | None = None, folder: Path | None = None
) -> MonthResult:
    """Read and clean a period's folder (a month, or any key of `periods`: 2025-Q3, 2025-H1,
    2025, 2025-10-ytd) without writing anything; DataError if anything is an error. `folder`:
    one of its captures (store/captures.py), else its newest."""
    project = project or Project.find()
    try:
        period = parse_period(month)
    except ValueError:
        raise DataError.of("period.bad_key", folder=month) from None
    folder = folder or current_capture(project.raw, month)
    stamped = parse_folder(folder)
    captured = stamped.captured if stamped else None
    if not folder.is_dir():
        raise DataError.of("period.missing_folder", path=_rel(folder, project))
    files, ignored = mf.raw_files(folder)
    if not files:
        raise DataError.of("month.no_files", path=_rel(folder, project))
    issues: list[Issue] = [
        Issue.of("info", "note.ignored_file", file=p.name, name=p.name) for p in ignored
    ]
    kinds = registry()
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    first_file: dict[str, str] = {}
    slots: dict[tuple[str, str], str] = {}  # (kind, variant) -> the file read for it
    entries = []
    reads = read_files(
        [p for p in files if not mf.escapes(p)], project, lambda p: Context(period, project, p.name)
    )
    for path in files:
        name = mf.name_of(path)
        entry = mf.file_entry(path)
        entries.append(entry)
        context = Context(period, project, name)
        taken: list[str] = []
        entry["kinds"] = taken
        if mf.escapes(path):
            issues.append(Issue.of("error", "read.outside_link", file=name))
            continue
        read = next(reads)
        for found, before, parsed in read.tables:
            issues.extend(before)
            kind, table, sheet = found.kind, found.table, found.sheet
            if kind is None:
                continue
            if not table.size:
                issues.append(Issue.of("error", "read.no_rows", file=name, sheet=sheet.name))
                continue
            if sheet.meta.get("formulas"):
                issues.append(Issue.of("warning", "note.formulas", file=name, sheet=sheet.name))
            captured = captured or captured_from_text(table.title_lines, period)
            stated = stated_period(table)
            if stated and stated.dates != period.dates:
                found_period = stated.describe()
                issues.append(
                    Issue.of(
                        "error",
                        "period.mismatch",
                        file=name,
                        sheet=sheet.name,
                        found=found_period,
                        folder=month,
                    )
                )
                continue
            if (
                kind.name in first_file
                and kind.variant is None
                and not kind.many_files
                and series(first_file[kind.name]) != series(name)
            ):
                issues.append(_two_files(kind.name, first_file[kind.name], name))
                continue
            frame, found_issues = parsed or kind.parse(table, context)
            slot = (kind.name, kind.variant(frame) if kind.variant else "")
            if slot in slots and not kind.many_files and series(slots[slot]) != series(name):
                # the same kind and variant twice: which one holds the figures?
                issues.append(_two_files(kind.name, slots[slot], name))
                continue
            slots.setdefault(slot, name)
            first_file.setdefault(kind.name, name)
            taken.append(kind.name)
            issues.extend(found_issues)
            parts[kind.table].append(frame)
        issues.extend(read.after)
    issues.extend(_missing_kinds(kinds, first_file, period, len(files)))
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    tables = {}
    for name, spec in TABLES.items():
        frame = store.concat(parts[name], name)
        if spec.merge:  # rows of several files of one table: joined by the table's rule
            frame, merged = spec.merge(frame)
            issues.extend(merged)
        tables[name] = spec.finish(frame) if spec.finish else frame
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    context = Context(period, project, "", tables)
    for kind in kinds:
        if kind.check and kind.name in first_file:
            issues.extend(kind.check(tables[kind.table], context))
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    from chiso766.store.schemas import validate  # pandera: only when something is ingested

    tables = {name: validate(tables[name], TABLES[name].schema, name) for name in TABLES}
    return MonthResult(month, tables, quality.to_frame(issues), entries, captured)


_PAGE = re.compile(r"\.p\d+(?=\.[^.]+\Z)")


def series(name: str) -> str:
    """The export a file is part of: the pages of one answer (`portal_old_units.p1.json`,
    `portal_old_units.p2.json`, as `chiso766 fetch` writes them) are one export."""
    return _PAGE.sub("", name)


def _two_files(kind: str, first: str, second: str) -> Issue:
    return Issue.of(
        "error",
        "month.two_files",
        file=second,
        kind=msg(f"kind.{kind}"),
        first=first,
        second=second,
    )


def _missing_kinds(kinds, found: dict[str, str], period: Period, files: int) -> list[Issue]:
    """The kinds a period must have and lacks (one error listing them all: nothing is stored),
    and, for a month, those it should have (a warning each). A quarter's, a half's, a year's or
    a year-to-date folder holds the national ranking: the other kinds are monthly exports, not
    missed there."""
    absent = [k for k in kinds if k.name not in found]
    required = [msg(f"kind.{k.name}") for k in absent if k.when_missing == "error"]
    issues = [
        Issue.of("warning", "month.missing_kind", period=period.label(), kind=msg(f"kind.{k.name}"))
        for k in absent
        if k.when_missing == "warning" and period.kind == "month"
    ]
    if required:
        issues.append(
            Issue.of(
                "error",
                "month.missing_required",
                period=period.label(),
                kinds=", ".join(required),
                files=files,
                read=len(found),
            )
        )
    return issues


def _rel(path: Path, project: Project) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


def _changes(previous: pd.DataFrame, current: pd.DataFrame) -> str:
    """How many totals a re-ingest changed."""
    if previous.empty or current.empty:
        return "-"
    key = ["cohort", "unit_id"]
    merged = previous.merge(current, on=key, suffixes=("_old", "_new"))
    changed = merged[(merged["total_old"] - merged["total_new"]).abs() > 1e-9]
    return msg("month.changes", count=len(changed))


def ingest_month(month: str, project: Project | None = None) -> MonthResult:
    """Read, clean, validate and write a period to data/processed/<period>/ (under the period's
    lock, which a batch of this process may already hold)."""
    project = project or Project.find()
    with month_lock(project.processed, month, project.settings.lock_wait):
        return _ingest_locked(month, project)


def _ingest_locked(month: str, project: Project) -> MonthResult:
    result = read_month(month, project)
    target = project.processed / month
    previous = mf.read_manifest(target)
    if previous and not mf.same_files(previous["files"], result.files):
        note = Issue.of(
            "warning",
            "month.replaced",
            month=month,
            previous=previous["ingested_at"],
            changes=_changes(store.read_table(target, "scores"), result.scores),
        )
        result.quality = quality.to_frame([note, *quality.issues_of(result.quality)])
    period = parse_period(month)
    manifest = {
        "month": month,
        "format": mf.FORMAT,
        "period": {
            "kind": period.kind,
            "label": period.label(),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "folder": current_capture(project.raw, month).name,
        "captured": result.captured.isoformat() if result.captured else None,
        "previous_capture": _previous_capture(month, project),
        "files": result.files,
        "rows": {name: len(frame) for name, frame in result.tables.items()},
    }
    # dossier records go to their month's partition of the dataset, first: the month's manifest,
    # written last, is what says the month is stored
    tables = dict(result.tables)
    records = tables.pop("dossier_records")
    if period.kind == "month":
        written = dossier_dataset.write_partition(project.processed, month, records)
        if written:
            manifest["dossier_records"] = written.relative_to(project.processed).as_posix()
    elif not records.empty:  # lists belong to a month's folder: a quarter's are not kept
        note = Issue.of("warning", "records.not_month", period=month, count=len(records))
        result.quality = quality.to_frame([note, *quality.issues_of(result.quality)])
    store.write_month(target, tables, result.quality, manifest)
    return result


def _previous_capture(month: str, project: Project) -> dict | None:
    """The capture of the period before its newest (store/captures.py), as the report compares
    with it: its day and each province's total and rank in the national rankings. None when the
    period has one capture, or the earlier one cannot be read (it is not the period's data)."""
    found = captures(project.raw, month)
    if len(found) < 2:
        return None
    try:
        earlier = read_month(month, project, found[-2].folder)
    except DataError:
        return None
    scores = earlier.scores
    national = scores[scores["cohort"].isin(NATIONAL_COHORTS)] if not scores.empty else scores
    return {
        "folder": found[-2].folder.name,
        "captured": earlier.captured.isoformat() if earlier.captured else None,
        "national": [
            {"cohort": r.cohort, "unit_id": r.unit_id, "total": r.total, "rank": int(r.rank_total)}
            for r in national.itertuples()
        ],
    }


def ingest_stale(months: list[str], project: Project) -> None:
    """Ingest, in order, the periods whose raw files changed since they were stored (or that were
    never stored): what the batch does once, up front, before any notebook loads. The last
    period must succeed (DataError otherwise); an earlier one that fails is left unstored: the
    loader's freshness check says the gap in the month's data-quality report ("trend.gap").
    A period another run holds past the lock wait stops this run (DataError "month.locked"):
    a comparison is never made with another month in its place."""
    with _INGESTING:  # months built side by side share the months of their year
        _ingest_stale(months, project)


_INGESTING = threading.Lock()


def _ingest_stale(months: list[str], project: Project) -> None:
    for month in months:
        if not mf.state(project.raw, project.processed, month).needs_ingest:
            continue
        try:
            ingest_month(month, project)
        except DataError as exc:
            # an earlier month that cannot be read is a gap the loader states; one another run
            # holds is not: this run stops rather than compare with another month
            if month == months[-1] or any(i.code == "month.locked" for i in exc.issues):
                raise
