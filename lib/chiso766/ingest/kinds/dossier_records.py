"""Dossier lists of one-stop systems (one row per dossier: Tân Dân-, iGate- and OpenCPS-style
field sets, Vietnamese headers as exported), several files a period, into the month's records,
which the ingest stores as a partition of the dossier dataset (store/dossier_dataset.py).

Nothing is guessed: a date that cannot be read, a due date before reception, a finish before
reception, a resolved dossier without its finish date, a status or channel the vendor's table
does not know, a unit the registry does not know: each is an error naming file, row and column.
Once every file is read, the records' Biểu 06 is compared with the Biểu 06 export of the period
(`reconcile`): the differences go to the quality report per unit and column.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from chiso766 import formatting as fmt
from chiso766.errors import Issue
from chiso766.ingest.dates import parse_datetimes
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.tables import Table
from chiso766.ingest.units import resolve_unit
from chiso766.messages import msg
from chiso766.reference.periods import Period
from chiso766.reference.statuses import StatusTable
from chiso766.store import dossier_dataset as ds
from chiso766.store.fields import COUNT_FIELDS
from chiso766.textnorm import clean_text, fold

STATUS_FILE = "dossier_statuses.csv"
DATE_FIELDS = (
    "received_at",
    "due_at",
    "extended_at",
    "finished_at",
    "supplement_requested_at",
    "supplement_given_at",
)
TEXT_FIELDS = ("dossier_code", "procedure_code", "procedure_name", "status")
REQUIRED = ("dossier_code", "received_at", "finished_at", "status")
# Which field set a list has: the first vendor whose marker field its headers hold.
VENDOR_MARKERS = (
    ("opencps", ("online_flag", "extended_at")),
    ("igate", ("national_code",)),
    ("tandan", ("service_level", "supplement_requested_at")),
)
# The channel column's values (folded), per vendor; OpenCPS has yes/no flags instead.
CHANNELS = {
    "tandan": {"1": "direct", "2": "online", "3": "postal"},
    "igate": {},
}
CHANNEL_WORDS = {
    "truc tiep": "direct",
    "tai bo phan mot cua": "direct",
    "truc tuyen": "online",
    "dich vu cong truc tuyen": "online",
    "buu chinh": "postal",
    "dich vu buu chinh": "postal",
    "qua dich vu buu chinh cong ich": "postal",
}
YES = frozenset({"1", "co", "x", "true", "yes"})
NO = frozenset({"0", "khong", "", "false", "no"})
ISSUES_PER_CODE = 20  # a file with thousands of bad cells: the first ones, then a count

COLUMNS = (
    "period",
    "period_kind",
    "vendor",
    "unit_id",
    "dossier_code",
    "procedure_code",
    "procedure_name",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "supplement_requested_at",
    "supplement_given_at",
    "status",
    "status_group",
    "source_file",
    "source_row",
)


def is_record_list(table: Table) -> bool:
    return {"dossier_code", "received_at", "status"} <= set(table.columns)


def vendor_of(table: Table) -> str | None:
    return next(
        (v for v, markers in VENDOR_MARKERS if any(m in table.columns for m in markers)), None
    )


class _Issues:
    """Issues of one list, at most ISSUES_PER_CODE per code and column, then one count."""

    def __init__(self, table: Table, numbers: np.ndarray):
        self.table = table
        self.numbers = numbers  # each data row's number
        self.items: list[Issue] = []
        self.left_out: dict[tuple[str, str | None], int] = defaultdict(int)

    def add(self, code: str, faulty, field: str | None, values=None, **fields) -> None:
        """An issue for each row `faulty` (a mask over the data rows) marks. `values` and each
        of `fields` are functions of the positions of the rows shown (the first ones), giving
        the value and field of each: only those are ever formatted."""
        at = np.flatnonzero(faulty)
        if not len(at):
            return
        shown = at[:ISSUES_PER_CODE]
        given = {k: list(v(shown)) if callable(v) else [v] * len(shown) for k, v in fields.items()}
        if values is not None:
            given["value"] = list(values(shown))
        for i, number in enumerate(self.numbers[shown]):
            extra = {k: v[i] for k, v in given.items()}
            self.items.append(self.table.issue("error", code, int(number), field, **extra))
        self.left_out[(code, field)] += len(at) - len(shown)

    def finish(self) -> list[Issue]:
        for (code, field), count in self.left_out.items():
            if count:
                self.items.append(
                    self.table.issue("error", "records.more", None, field, count=count, code=code)
                )
        return self.items


def _text(value: object) -> str:
    """A cell as text (cells are already cleaned, NFC, by the reader): numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _texts(cells: pd.Series) -> pd.Series:
    """`_text` of each cell: text read by columns is already clean (blank: missing)."""
    if cells.dtype == object:
        return cells.map(_text)
    return cells.fillna("")


def _by_value(values: pd.Series, function) -> pd.Series:
    """`function` of each distinct value, spread back (statuses, channels: a handful of values
    over thousands of rows)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = [function(u) for u in uniques]
    if any(isinstance(r, str) for r in results) and all(r is None or isinstance(r, str)
                                                        for r in results):  # fmt: skip
        # text (the usual case): taken by pyarrow, the dtype Series.map would infer
        return pd.Series(pd.array(results, dtype="str").take(codes), index=values.index)
    mapped = np.array(results, dtype=object)
    return pd.Series(mapped[codes], index=values.index).infer_objects()  # as Series.map


def parse(
    table: Table, *, period: Period, ctx: Context, statuses: StatusTable
) -> tuple[pd.DataFrame, list[Issue]]:
    issues: list[Issue] = list(table.issues)
    required = list(REQUIRED)
    if not ({"unit_name", "unit_code"} & set(table.columns)):
        required.append("unit_name")
    if not ({"channel", "online_flag"} & set(table.columns)):
        required.append("channel")
    if missing := table.missing(required, "dossier_records"):
        return pd.DataFrame(), issues + missing
    vendor = vendor_of(table)
    if vendor is None or vendor not in statuses.vendors:
        columns = ", ".join(sorted(table.columns))
        return pd.DataFrame(), issues + [
            Issue.of(
                "error",
                "records.unknown_vendor",
                file=table.file,
                sheet=table.sheet,
                columns=columns,
            )
        ]
    numbers = table.numbers()
    cells = {f: table.cells(f) for f in table.columns}
    bad = _Issues(table, numbers.to_numpy())
    out: dict[str, object] = {}  # the records' columns, made into a frame once
    for f in TEXT_FIELDS:
        out[f] = _texts(cells[f]) if f in cells else ""
    bad.add("records.no_code", _mask(out["dossier_code"] == ""), "dossier_code")
    # dates: numpy datetime64[us] columns (NaT: none)
    stamps: dict[str, np.ndarray] = {}
    for f in DATE_FIELDS:
        if f not in cells:
            stamps[f] = np.full(len(numbers), np.datetime64("NaT"), dtype="datetime64[us]")
            continue
        parsed, unreadable = parse_datetimes(cells[f])
        stamps[f] = parsed.to_numpy(dtype="datetime64[us]")
        bad.add("val.bad_date", _mask(unreadable), f, _cells_at(cells[f]))
    extended = ~np.isnat(stamps["extended_at"])
    if extended.any():
        stamps["due_at"] = np.where(extended, stamps["extended_at"], stamps["due_at"])
    due_field = "due_at" if "due_at" in table.columns else "extended_at"
    no_received = np.isnat(stamps["received_at"])
    if no_received.any():
        at = np.flatnonzero(no_received)
        no_received[at] = _mask(_texts(cells["received_at"].iloc[at]) == "")
    bad.add("records.no_received", no_received, "received_at")
    # compared by day (NaT compares false)
    received, due, finished = (
        stamps[f].astype("datetime64[D]") for f in ("received_at", "due_at", "finished_at")
    )
    bad.add(
        "records.due_before_received",
        due < received,
        due_field,
        _days(stamps["due_at"]),
        received=_days(stamps["received_at"]),
    )
    bad.add(
        "records.finished_before_received",
        finished < received,
        "finished_at",
        _days(stamps["finished_at"]),
        received=_days(stamps["received_at"]),
    )
    bad.add(
        "records.received_after_period",
        received > np.datetime64(period.end, "D"),
        "received_at",
        _days(stamps["received_at"]),
        end=period.end.strftime("%d/%m/%Y"),
    )
    # status
    status = out["status"]
    groups = _by_value(status, lambda s: statuses.group(vendor, s))
    unknown = _mask(groups.isna())
    bad.add("records.unknown_status", unknown, "status", _cells_at(status), vendor=vendor)
    unfinished = _mask(groups == "resolved") & np.isnat(stamps["finished_at"])
    bad.add("records.no_finish", unfinished, "finished_at", _cells_at(status))
    # channel
    channel, unread = _channels(vendor, cells)
    channel_field = "channel" if "channel" in cells else "online_flag"
    bad.add(
        "records.unknown_channel",
        _mask(unread),
        channel_field,
        lambda at: _texts(cells[channel_field].iloc[at]),
    )
    # unit: resolved once per distinct name (and code)
    unit_id = _units(table, period, ctx, issues, bad)
    out |= {
        "period": period.key,
        "period_kind": period.kind,
        "vendor": vendor,
        "unit_id": unit_id,
        "channel": channel,
        "status_group": groups,
        "source_file": ctx.source,
        "source_row": numbers,
    }
    out |= {f: stamps[f] for f in COLUMNS if f in stamps}
    issues.extend(bad.finish())
    return pd.DataFrame({c: out[c] for c in COLUMNS}), issues


def _mask(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype=bool, na_value=False)


def _cells_at(cells: pd.Series):
    """The cells' texts at some positions (for an issue's value)."""
    return lambda at: _texts(cells.iloc[at])


def _days(stamps: np.ndarray):
    """The dates at some positions as dd/mm/yyyy (for an issue's fields)."""
    return lambda at: pd.DatetimeIndex(stamps[at]).strftime("%d/%m/%Y")


def _channels(vendor: str, cells: dict[str, pd.Series]) -> tuple[pd.Series, pd.Series]:
    if "channel" in cells:
        words = CHANNEL_WORDS | CHANNELS.get(vendor, {})
        channel = _by_value(_texts(cells["channel"]), lambda v: words.get(fold(v)))
        return channel, channel.isna()
    online = _by_value(_texts(cells["online_flag"]), fold)
    postal = _by_value(_texts(cells.get("postal_flag", pd.Series("", index=online.index))), fold)
    channel = pd.Series("direct", index=online.index, dtype=object)
    channel[postal.isin(YES)] = "postal"
    channel[online.isin(YES)] = "online"
    unread = ~online.isin(YES | NO) | ~postal.isin(YES | NO)
    return channel, unread


def _units(table, period, ctx, issues, bad: _Issues) -> pd.Series:
    """The unit of each row, resolved once per distinct name and code (from its first row)."""
    names, codes = _texts(table.cells("unit_name")), _texts(table.cells("unit_code"))
    by_name, names_seen = pd.factorize(names)
    by_code, _ = pd.factorize(codes)
    keys, _ = pd.factorize(by_name.astype(np.int64) * (len(names_seen) + 1) + by_code)
    # keys are numbered in order of first appearance: each key's first row is where the
    # running maximum grows
    first_row = np.flatnonzero(np.diff(np.maximum.accumulate(keys), prepend=-1) > 0)
    found = []
    for number, row in table.rows_at(first_row):
        unit = resolve_unit(
            table, row, number, registry=ctx.project.units, period=period, national=False
        )
        issues.extend(unit.issues)
        found.append(unit.unit_id)
    ids = pd.Series(np.array(found, dtype=object)[keys], dtype=object)
    column = "unit_name" if "unit_name" in table.columns else "unit_code"
    named = lambda at: [n or c for n, c in zip(names.iloc[at], codes.iloc[at], strict=True)]  # noqa: E731
    bad.add("records.unknown_unit", _mask(ids.isna()), column, named)
    return ids


def _parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    path = ctx.project.reference / STATUS_FILE
    if not path.is_file():
        return pd.DataFrame(), [
            Issue.of("error", "records.no_status_table", file=table.file, path=str(path))
        ]
    return parse(table, period=ctx.period, ctx=ctx, statuses=StatusTable.load(path))


def check(frame: pd.DataFrame, ctx: Context) -> list[Issue]:
    """Across every list of the period: a dossier listed twice is an error; then the records'
    Biểu 06 against the period's Biểu 06 export (see `reconcile`)."""
    if frame.empty:
        return []
    twice = frame[frame.duplicated(["unit_id", "dossier_code"], keep="first")]
    if not twice.empty:
        first = frame.drop_duplicates(["unit_id", "dossier_code"]).set_index(
            ["unit_id", "dossier_code"]
        )
        return [
            Issue.of(
                "error",
                "records.duplicate",
                file=str(r.source_file),
                row=int(r.source_row),
                code=r.dossier_code,
                first_file=str(first.loc[(r.unit_id, r.dossier_code), "source_file"]),
                first_row=int(first.loc[(r.unit_id, r.dossier_code), "source_row"]),
            )
            for r in twice.head(ISSUES_PER_CODE).itertuples()
        ]
    return reconcile(frame, (ctx.tables or {}).get("dossiers"), ctx.period)


def reconcile(records: pd.DataFrame, export: pd.DataFrame | None, period: Period) -> list[Issue]:
    """The records' Biểu 06 per unit against the Biểu 06 export's row of the unit: a warning per
    unit and column that differs (naming both figures), an info when every unit agrees. Units
    without records are not compared (lists may come for some units only)."""
    computed = ds.bieu06(records, period.start, period.end).set_index("unit_id")
    dossiers = len(records)
    if export is None or export.empty:
        return [Issue.of("info", "records.no_export", units=len(computed), dossiers=dossiers)]
    rows = export[export["period"] == period.key].dropna(subset=["unit_id"]).set_index("unit_id")
    issues = []
    for unit_id, counts in computed.iterrows():
        if unit_id not in rows.index:
            issues.append(
                Issue.of(
                    "warning",
                    "records.no_export_row",
                    unit=unit_id,
                    count=int(counts["received_total"]),
                )
            )
            continue
        row = rows.loc[unit_id]
        for f in COUNT_FIELDS:
            stated = row[f]
            if pd.isna(stated) or int(stated) == int(counts[f]):
                continue
            issues.append(
                Issue.of(
                    "warning",
                    "records.differs",
                    file=str(row["source_file"]),
                    row=int(row["source_row"]),
                    column=msg(f"col.count.{f}"),
                    unit=str(row["unit_name"]),
                    stated=int(stated),
                    computed=int(counts[f]),
                )
            )
    if not issues:
        issues.append(
            Issue.of(
                "info", "records.reconciled", units=len(computed), dossiers=fmt.count(dossiers)
            )
        )
    return issues


KIND = ExportKind(
    name="dossier_records",
    table="dossier_records",
    detect=lambda table, project: is_record_list(table),
    parse=_parse,
    order=25,
    when_missing=None,  # only offices that export their lists have them
    check=check,
    many_files=True,
    columnar=True,
)
