"""Ingest a month: read every file in data/raw/<month>/, tell its kind from its content, clean it
into tidy tables, validate them and write them to data/processed/<month>/ with a quality report.

Raw files are only ever opened for reading. Every problem is collected with its location; if any
is an error, nothing is written for the month and a DataError carries them all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from chiso766.config import Project
from chiso766.errors import DataError, Issue
from chiso766.ingest import legacy
from chiso766.ingest.kinds import dossiers, publications, scores
from chiso766.ingest.kinds import indicators as indicator_exports
from chiso766.ingest.kinds.publications import parse_date
from chiso766.ingest.ranks import add_ranks
from chiso766.ingest.readers import Sheet, read_sheets
from chiso766.ingest.tables import Table, locate
from chiso766.messages import msg
from chiso766.reference.periods import Period, from_dates, from_text, parse_period
from chiso766.store import parquet as store
from chiso766.store import quality
from chiso766.store.locks import month_lock
from chiso766.store.schemas import DOSSIERS, INDICATORS, PUBLICATIONS, SCORES, validate
from chiso766.textnorm import clean_text, is_nfd

KINDS = ("national_scores", "unit_scores", "dossiers", "publications", "indicators")
OPTIONAL_KINDS = ("indicators",)  # only the 2026 portal publishes sub-indicators
_IGNORED_PREFIXES = (".", "~$", ".~lock")


@dataclass
class MonthResult:
    """A month's clean tables and its quality report."""

    month: str
    scores: pd.DataFrame
    dossiers: pd.DataFrame
    publications: pd.DataFrame
    quality: pd.DataFrame
    files: list[dict] = field(default_factory=list)
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def warnings(self) -> int:
        return int((self.quality["severity"] == "warning").sum()) if not self.quality.empty else 0

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "scores": self.scores,
            "dossiers": self.dossiers,
            "publications": self.publications,
            "indicators": self.indicators,
        }


def normalise_cells(sheet: Sheet, file: str) -> list[Issue]:
    """NFC and legacy-encoding conversion of every text cell, in place; notes what changed.

    The legacy encoding is decided per column (a font covers a column), so a TCVN3 word that
    looks like Unicode on its own is still converted with its neighbours."""
    issues: list[Issue] = []
    nfd = sum(1 for row in sheet.rows for cell in row if is_nfd(cell))
    width = max((len(r) for r in sheet.rows), default=0)
    for c in range(width):
        cells = [
            (r, row[c])
            for r, row in enumerate(sheet.rows)
            if c < len(row) and isinstance(row[c], str)
        ]
        encoding = legacy.detect_column([v for _, v in cells])
        for r, cell in cells:
            cell_encoding = encoding or legacy.detect(cell)
            if cell_encoding and not cell.isascii():
                converted = legacy.convert(cell, cell_encoding)
                if converted is None:
                    issues.append(
                        Issue(
                            "warning",
                            "note.legacy_unconverted",
                            msg("note.legacy_unconverted", encoding=cell_encoding, value=cell[:60]),
                            file=file,
                            sheet=sheet.name,
                            row=r + 1,
                        )
                    )
                elif converted != cell:
                    issues.append(
                        Issue(
                            "info",
                            "note.legacy_converted",
                            msg(
                                "note.legacy_converted",
                                encoding=cell_encoding,
                                before=cell[:40],
                                after=converted[:40],
                            ),
                            file=file,
                            sheet=sheet.name,
                            row=r + 1,
                        )
                    )
                    cell = converted
            sheet.rows[r][c] = clean_text(cell) if cell.strip() else None
    if nfd:
        issues.append(
            Issue("info", "note.nfd", msg("note.nfd", count=nfd), file=file, sheet=sheet.name)
        )
    return issues


def stated_period(table: Table) -> Period | None:
    """The period a file states: title rows, JSON fields, or from/to columns."""
    if found := from_text(table.title_lines):
        return found
    meta = {k.lower().replace("_", ""): v for k, v in table.meta.items()}
    pairs = [("tungay", "denngay"), ("fromdate", "todate"), ("from", "to")]
    candidates = [(meta.get(a), meta.get(b)) for a, b in pairs]
    if table.rows and "period_from" in table.columns and "period_to" in table.columns:
        row = table.rows[0][1]
        candidates.append((table.value(row, "period_from"), table.value(row, "period_to")))
    for start, end in candidates:
        try:
            a, b = parse_date(start), parse_date(end)
        except ValueError:
            continue
        if a and b:
            return from_dates(a, b)
    return None


def kind_of(table: Table, project: Project) -> str | None:
    if indicator_exports.is_indicator_table(table):
        return "indicators"
    if publications.is_publication_table(table):
        return "publications"
    if dossiers.is_dossier_table(table):
        return "dossiers"
    if scores.is_score_table(table) or scores.missing_groups(table):
        share = scores.province_share(table, project.provinces)
        return "national_scores" if share >= 0.6 and len(table.rows) >= 20 else "unit_scores"
    return None


def read_month(month: str, project: Project | None = None) -> MonthResult:
    """Read and clean a period's folder (a month, or any key of `periods`: 2025-Q3, 2025-H1,
    2025, 2025-10-ytd) without writing anything; DataError if anything is an error."""
    project = project or Project.find()
    try:
        period = parse_period(month)
    except ValueError:
        raise DataError.single("period.bad_key", msg("period.bad_key", folder=month)) from None
    folder = project.raw / month
    if not folder.is_dir():
        raise DataError.single(
            "period.missing_folder", msg("period.missing_folder", path=_rel(folder, project))
        )
    present = sorted(p for p in folder.iterdir() if p.is_file())
    files = [p for p in present if not p.name.startswith(_IGNORED_PREFIXES)]
    if not files:
        raise DataError.single("month.no_files", msg("month.no_files", path=_rel(folder, project)))
    issues: list[Issue] = [
        Issue("info", "note.ignored_file", msg("note.ignored_file", name=p.name), file=p.name)
        for p in present
        if p not in files
    ]
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in KINDS}
    first_file: dict[str, str] = {}
    manifest_files = []
    late_counts = project.config["late_list"]["counts"]
    for path in files:
        entry = {"name": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        manifest_files.append(entry)
        try:
            sheets = read_sheets(path)
        except DataError as exc:
            issues.extend(exc.issues)
            continue
        kinds_in_file = []
        for sheet in sheets:
            issues.extend(normalise_cells(sheet, path.name))
            try:
                table = locate(sheet, path.name)
            except DataError:
                continue
            kind = kind_of(table, project)
            if kind is None:
                continue
            if not table.rows:
                issues.append(
                    Issue(
                        "error",
                        "read.no_rows",
                        msg("read.no_rows"),
                        file=path.name,
                        sheet=sheet.name,
                    )
                )
                continue
            if sheet.meta.get("formulas"):
                issues.append(
                    Issue(
                        "warning",
                        "note.formulas",
                        msg("note.formulas"),
                        file=path.name,
                        sheet=sheet.name,
                    )
                )
            stated = stated_period(table)
            if stated and stated.dates != period.dates:
                issues.append(
                    Issue(
                        "error",
                        "period.mismatch",
                        msg("period.mismatch", found=stated.describe(), folder=month),
                        file=path.name,
                        sheet=sheet.name,
                    )
                )
                continue
            if kind in first_file:
                issues.append(
                    Issue(
                        "error",
                        "month.two_files",
                        msg(
                            "month.two_files",
                            kind=msg(f"kind.{kind}"),
                            first=first_file[kind],
                            second=path.name,
                        ),
                        file=path.name,
                    )
                )
                continue
            first_file[kind] = path.name
            kinds_in_file.append(kind)
            frame, found = _parse(kind, table, period, project, late_counts, path.name)
            issues.extend(found)
            parts[kind].append(frame)
        if not kinds_in_file:
            columns = _columns_seen(sheets, path.name)
            issues.append(
                Issue(
                    "warning",
                    "read.unknown_kind",
                    msg("read.unknown_kind", columns=columns),
                    file=path.name,
                )
            )
        entry["kinds"] = kinds_in_file
    for kind in KINDS:
        if kind not in first_file and kind not in OPTIONAL_KINDS:
            issues.append(
                Issue(
                    "warning",
                    "month.missing_kind",
                    msg("month.missing_kind", month=month, kind=msg(f"kind.{kind}")),
                )
            )
    if any(i.severity == "error" for i in issues):
        raise DataError(issues)
    score_frame = add_ranks(_concat(parts["national_scores"] + parts["unit_scores"]))
    national = score_frame[score_frame["cohort"] == "national"] if not score_frame.empty else None
    if (
        national is not None
        and not national.empty
        and (project.province(period.end).unit_id not in set(national["unit_id"]))
    ):
        issues.append(
            Issue(
                "error",
                "month.province_missing",
                msg(
                    "month.province_missing",
                    province=project.province(period.end).name,
                    month=month,
                ),
            )
        )
        raise DataError(issues)
    result = MonthResult(
        month,
        validate(score_frame, SCORES, "scores"),
        validate(_concat(parts["dossiers"], dossiers.COLUMNS), DOSSIERS, "dossiers"),
        validate(
            _concat(parts["publications"], publications.COLUMNS), PUBLICATIONS, "publications"
        ),
        quality.to_frame(issues),
        manifest_files,
        validate(_concat(parts["indicators"]), INDICATORS, "indicators"),
    )
    return result


def _parse(kind, table, period, project, late_counts, source):
    if kind == "national_scores":
        return scores.parse(
            table, period=period, registry=project.provinces, national=True, source=source
        )
    if kind == "unit_scores":
        return scores.parse(
            table, period=period, registry=project.units, national=False, source=source
        )
    if kind == "dossiers":
        return dossiers.parse(
            table, period=period, registry=project.units, late_counts=late_counts, source=source
        )
    if kind == "indicators":
        return indicator_exports.parse(table, period=period, project=project, source=source)
    return publications.parse(table, period=period, registry=project.units, source=source)


# Tables a month may lack (no Biểu 06 or publication tracking yet): their columns when empty.
EMPTY_COLUMNS = {"dossiers": dossiers.COLUMNS, "publications": publications.COLUMNS}


def _concat(frames: list[pd.DataFrame], columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Frames of one kind joined, with text columns as `str` and orders as nullable integers;
    with no rows at all, an empty table with `columns`."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(columns))
    frame = pd.concat(frames, ignore_index=True)
    for column in frame.columns:
        if (
            frame[column].dtype == object
            and frame[column].map(lambda v: isinstance(v, str) or pd.isna(v)).all()
        ):
            frame[column] = frame[column].astype("str")
    if "official_order" in frame:
        frame["official_order"] = frame["official_order"].astype("Int64")
    return frame


def _columns_seen(sheets: list[Sheet], file: str) -> str:
    for sheet in sheets:
        try:
            table = locate(sheet, file)
        except DataError:
            continue
        return ", ".join(sorted(table.columns)) or "-"
    return "-"


def _rel(path: Path, project: Project) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


def _changes(previous: pd.DataFrame, current: pd.DataFrame) -> str:
    """How many score values a re-ingest changed, and the province rows that moved."""
    if previous.empty or current.empty:
        return "-"
    key = ["cohort", "unit_id"]
    merged = previous.merge(current, on=key, suffixes=("_old", "_new"))
    changed = merged[(merged["total_old"] - merged["total_new"]).abs() > 1e-9]
    return f"{len(changed)} tổng điểm thay đổi"


def ingest_month(month: str, project: Project | None = None) -> MonthResult:
    """Read, clean, validate and write a month to data/processed/<month>/."""
    project = project or Project.find()
    with month_lock(project.processed, month):
        return _ingest_locked(month, project)


def _ingest_locked(month: str, project: Project) -> MonthResult:
    result = read_month(month, project)
    target = project.processed / month
    previous = store.read_manifest(target)
    if previous and [f["sha256"] for f in previous["files"]] != [f["sha256"] for f in result.files]:
        note = Issue(
            "warning",
            "month.replaced",
            msg(
                "month.replaced",
                month=month,
                previous=previous["ingested_at"],
                changes=_changes(store.read_table(target, "scores"), result.scores),
            ),
        )
        result.quality = quality.to_frame([note, *_issues(result.quality)])
    period = parse_period(month)
    manifest = {
        "month": month,
        "period": {
            "kind": period.kind,
            "label": period.label(),
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": result.files,
        "rows": {name: len(frame) for name, frame in result.tables().items()},
    }
    store.write_month(target, result.tables(), result.quality, manifest)
    return result


def _issues(frame: pd.DataFrame) -> list[Issue]:
    return [
        Issue(**{k: (None if pd.isna(v) else v) for k, v in r.items()})
        for r in frame.to_dict("records")
    ]


def load(
    table: str, months: list[str] | None = None, project: Project | None = None
) -> pd.DataFrame:
    """A clean table across months from data/processed (all ingested months by default)."""
    project = project or Project.find()
    if months is None:
        months = sorted(p.name for p in project.processed.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]"))
    frames = [store.read_table(project.processed / m, table) for m in months]
    return _concat(frames, EMPTY_COLUMNS.get(table, ()))
