"""Dossier lists (one row per dossier): every Biểu 06 column rule on generated records, the
three vendors' field sets read, bad inputs named, the reconciliation with the Biểu 06 export,
the sample lists adding up to the sample's Biểu 06, and the per-unit explanation files."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime

import pandas as pd
import pytest

from chiso766.errors import Issue
from chiso766.ingest import columnar, columns, dates, files, legacy
from chiso766.ingest.files import tables_in
from chiso766.ingest.kinds import Context
from chiso766.ingest.kinds import dossier_records as kind
from chiso766.reference.periods import parse_month
from chiso766.sample import dossier_lists as dl
from chiso766.sample import figures
from chiso766.store import dossier_dataset as ds
from chiso766.store.schemas import COUNT_FIELDS

JUNE = parse_month("2024-06")
S, E = JUNE.start, JUNE.end


def rec(received, due=None, finished=None, status="resolved", unit="BP-S01", channel="direct",
        requested=None, given=None, code=None) -> dict:  # fmt: skip
    """One canonical record (the stored columns that Biểu 06 reads)."""
    as_time = lambda d: pd.Timestamp(d) if d is not None else pd.NaT  # noqa: E731
    return {
        "unit_id": unit,
        "dossier_code": code or f"HS-{received}-{due}-{finished}-{status}",
        "procedure_code": "1.001",
        "procedure_name": "Thủ tục",
        "channel": channel,
        "received_at": as_time(received),
        "due_at": as_time(due),
        "finished_at": as_time(finished),
        "supplement_requested_at": as_time(requested),
        "supplement_given_at": as_time(given),
        "status_group": status,
    }


def bieu06(*records: dict) -> dict[str, int]:
    frame = pd.DataFrame(list(records))
    for c in ("received_at", "due_at", "finished_at", "supplement_requested_at",
              "supplement_given_at"):  # fmt: skip
        frame[c] = frame[c].astype("datetime64[us]")
    out = ds.bieu06(frame, S, E)
    return out.set_index("unit_id").iloc[0].to_dict() if not out.empty else {}


def only(counts: dict[str, int], **expected: int) -> None:
    """The counts are `expected` and zero elsewhere; the Biểu 06 identities hold."""
    assert {k: v for k, v in counts.items() if v} == {k: v for k, v in expected.items() if v}
    c = counts
    assert (
        c["received_total"] == c["received_carried"] + c["received_online"] + c["received_direct"]
    )
    assert c["received_total"] == c["resolved_total"] + c["pending_total"]
    assert c["resolved_total"] == c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"]
    assert c["pending_total"] == c["pending_within"] + c["pending_overdue"]


RECEIVED_NEW = dict(received_total=1, received_direct=1)


def test_received_on_the_first_day_is_new_the_day_before_carried_over():
    only(bieu06(rec(date(2024, 6, 1), None, None, "open")), **RECEIVED_NEW, pending_total=1,
         pending_within=1)  # fmt: skip
    only(bieu06(rec(date(2024, 5, 31), None, None, "open")), received_total=1,
         received_carried=1, pending_total=1, pending_within=1)  # fmt: skip
    # resolved before the period: in no column; online channel counted as online
    assert bieu06(rec(date(2024, 5, 2), date(2024, 5, 9), date(2024, 5, 31))) == {}
    only(bieu06(rec(date(2024, 6, 30), None, None, "open", channel="online")),
         received_total=1, received_online=1, pending_total=1, pending_within=1)  # fmt: skip


@pytest.mark.parametrize(
    ("finished", "column"),
    [
        (datetime(2024, 6, 13, 17, 0), "resolved_early"),
        (datetime(2024, 6, 14, 23, 59), "resolved_on_time"),  # compared by day
        (datetime(2024, 6, 15, 0, 1), "resolved_late"),
    ],
)
def test_resolved_early_on_time_late_by_day(finished, column):
    counts = bieu06(rec(date(2024, 6, 3), date(2024, 6, 14), finished))
    only(counts, **RECEIVED_NEW, resolved_total=1, **{column: 1})


def test_finished_after_the_end_is_pending_and_due_on_the_last_day_is_within():
    after = rec(date(2024, 6, 3), date(2024, 6, 30), date(2024, 7, 1))
    only(bieu06(after), **RECEIVED_NEW, pending_total=1, pending_within=1)
    overdue = rec(date(2024, 6, 3), date(2024, 6, 29), None, "open")
    only(bieu06(overdue), **RECEIVED_NEW, pending_total=1, pending_overdue=1)


def test_no_due_date_is_on_time_when_resolved_and_within_when_pending():
    only(bieu06(rec(date(2024, 6, 3), None, date(2024, 6, 20))), **RECEIVED_NEW,
         resolved_total=1, resolved_on_time=1)  # fmt: skip
    only(bieu06(rec(date(2024, 6, 3), None, None, "open")), **RECEIVED_NEW, pending_total=1,
         pending_within=1)  # fmt: skip


def test_a_dossier_waiting_for_the_citizens_supplement_is_not_overdue():
    waiting = rec(date(2024, 6, 3), date(2024, 6, 10), None, "open", requested=date(2024, 6, 7))
    only(bieu06(waiting), **RECEIVED_NEW, pending_total=1, pending_within=1)
    supplied = rec(date(2024, 6, 3), date(2024, 6, 10), None, "open",
                   requested=date(2024, 6, 7), given=date(2024, 6, 12))  # fmt: skip
    only(bieu06(supplied), **RECEIVED_NEW, pending_total=1, pending_overdue=1)


def test_withdrawn_stopped_and_refused_dossiers_count_in_no_column():
    counted = rec(date(2024, 6, 3), date(2024, 6, 14), date(2024, 6, 14), code="a")
    returned = rec(date(2024, 6, 3), date(2024, 6, 14), date(2024, 6, 20), "returned", code="b")
    refused = rec(date(2024, 6, 3), None, None, "not_received", code="c")
    only(bieu06(counted, returned, refused), **RECEIVED_NEW, resolved_total=1,
         resolved_on_time=1)  # fmt: skip


def test_late_records_are_the_late_counts_of_bieu06():
    records = [
        rec(date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 12), code="late"),
        rec(date(2024, 5, 20), date(2024, 6, 5), None, "open", code="overdue"),
        rec(
            date(2024, 6, 3),
            date(2024, 6, 10),
            None,
            "open",
            requested=date(2024, 6, 5),
            code="paused",
        ),  # fmt: skip
        rec(date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 10), code="on time"),
    ]
    frame = pd.DataFrame(records)
    late = ds.late_records(frame, S, E)
    assert dict(zip(late["dossier_code"], late["late_kind"], strict=True)) == {
        "late": "resolved_late",
        "overdue": "pending_overdue",
    }


# --- reading the vendors' lists ------------------------------------------------------------


def sample_record(**over) -> dict:
    r = {
        "code": "HS-1",
        "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh",
        "channel": "online",
        "received": datetime(2024, 6, 3, 8, 30),
        "due": date(2024, 6, 10),
        "finished": datetime(2024, 6, 7, 15, 0),
        "requested": None,
        "given": None,
        "status": "resolved",
    }
    return r | over


def read_list(project, name: str, data: bytes) -> tuple[pd.DataFrame, list[Issue]]:
    path = project.raw / "2024-06" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    issues: list[Issue] = []
    found = [f for f in tables_in(path, project, issues) if f.kind is not None]
    assert [f.kind.name for f in found] == ["dossier_records"]
    frame, more = found[0].kind.parse(found[0].table, Context(JUNE, project, name))
    return frame, issues + more


WRITERS = {  # file name -> (vendor, format): the committed sample is .xlsx, offices send CSV too
    "tandan.xlsx": ("TanDan", "xlsx"),
    "igate.csv": ("iGate", "csv"),
    "igate.xlsx": ("iGate", "xlsx"),
    "opencps.csv": ("OpenCPS", "csv"),
    "opencps.xlsx": ("OpenCPS", "xlsx"),
}
UNIT = "Sở Tư pháp"


@pytest.mark.parametrize("name", list(WRITERS))
def test_each_vendors_list_is_read_into_the_same_records(project, name):
    rows = [
        (UNIT, sample_record()),
        (UNIT, sample_record(code="HS-2", channel="direct", finished=None, status="open")),
        (UNIT, sample_record(code="HS-3", status="withdrawn", channel="postal")),
    ]
    vendor, fmt = WRITERS[name]
    frame, issues = read_list(project, name, dl.listing(vendor, rows, fmt))
    assert not [i for i in issues if i.severity == "error"], issues
    assert frame["vendor"].iloc[0] == vendor.lower()
    assert list(frame["unit_id"].unique()) == ["BP-S02"]
    assert list(frame["status_group"]) == ["resolved", "open", "returned"]
    assert list(frame["channel"]) == ["online", "direct", "postal"]
    assert frame["received_at"].iloc[0].date() == date(2024, 6, 3)
    assert frame["due_at"].iloc[0] == pd.Timestamp("2024-06-10")
    assert pd.isna(frame["finished_at"].iloc[1])
    assert list(frame["source_row"]) == [2, 3, 4]


def test_dates_as_excel_serials_and_with_seconds_are_read(project):
    header = ",".join(dl.IGATE)
    lines = [
        header,
        f"1,HS-1,G-1,1.001,Thủ tục,{UNIT},Trực tuyến,45446,45453.0,07/06/2024 15:00:05,DA_TRA_KQ",
    ]
    frame, issues = read_list(project, "serial.csv", "\n".join(lines).encode())
    assert not [i for i in issues if i.severity == "error"], issues
    assert frame["received_at"].iloc[0] == pd.Timestamp("2024-06-03")
    assert frame["due_at"].iloc[0] == pd.Timestamp("2024-06-10")
    assert frame["finished_at"].iloc[0] == pd.Timestamp("2024-06-07 15:00:05")


@pytest.mark.parametrize(
    ("over", "code", "column"),
    [
        ({"due": date(2024, 6, 1)}, "records.due_before_received", "Ngày hẹn trả"),
        (
            {"finished": datetime(2024, 6, 2)},
            "records.finished_before_received",
            "Ngày hoàn thành",
        ),  # fmt: skip
        ({"status": "unknown"}, "records.unknown_status", "Trạng thái"),
        ({"status": "open_bad"}, "val.bad_date", "Ngày tiếp nhận"),
        ({"status": "no_finish"}, "records.no_finish", "Ngày hoàn thành"),
        (
            {
                "received": datetime(2024, 7, 1),
                "due": date(2024, 7, 5),
                "finished": None,
                "status": "open",
            },
            "records.received_after_period",
            "Ngày tiếp nhận",
        ),  # fmt: skip
    ],
)
def test_bad_records_are_errors_naming_file_row_and_column(
    project, monkeypatch, over, code, column
):
    row = sample_record(**over)
    for fate, status in (("unknown", "KHONG_RO"), ("open_bad", "DANG_XU_LY"),
                         ("no_finish", "DA_TRA_KQ")):  # fmt: skip
        monkeypatch.setitem(dl.STATUS, ("igate", fate), status)
    data = dl.listing("iGate", [(UNIT, sample_record(code="ok")), (UNIT, _spoil(row))], "csv")
    _, issues = read_list(project, "bad.csv", data)
    errors = [i for i in issues if i.severity == "error"]
    assert [i.code for i in errors] == [code]
    assert errors[0].file == "bad.csv" and errors[0].row == 3
    assert column in errors[0].column


def _spoil(row: dict) -> dict:
    """The row with the fault its status marker stands for (an unreadable reception date, a
    resolved dossier without its finish date)."""
    if row["status"] == "open_bad":
        row = row | {"received": _BadDate("31/02/2024")}
    if row["status"] == "no_finish":
        row = row | {"finished": None}
    return row


class _BadDate(datetime):
    def __new__(cls, text):
        obj = super().__new__(cls, 2024, 6, 3)
        obj.text = text
        return obj

    def strftime(self, fmt):
        return self.text


def test_igate_statuses_are_marked_assumed_and_an_unknown_one_is_never_guessed(
    project, monkeypatch
):
    """iGate's status codes are not known (the domain notes list none): the reference table
    says so row by row, and a status it lacks is an error at its file, row and column whose
    dossier counts in no column of Biểu 06, while the table's label is read like its code."""
    import csv

    with open(project.reference / "dossier_statuses.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["source"] for r in rows if r["vendor"] == "igate"} == {"assumed"}
    assert {r["source"] for r in rows if r["vendor"] == "tandan"} == {"seen"}
    monkeypatch.setitem(dl.STATUS, ("igate", "label"), "Đã trả kết quả")  # a label, not a code
    monkeypatch.setitem(dl.STATUS, ("igate", "other"), "DA_HUY")  # a code the table lacks
    listed = [
        (UNIT, sample_record(code="HS-1")),
        (UNIT, sample_record(code="HS-2", status="label")),
        (UNIT, sample_record(code="HS-3", status="other")),
    ]
    frame, issues = read_list(project, "igate.csv", dl.listing("iGate", listed, "csv"))
    errors = [i for i in issues if i.severity == "error"]
    assert [(i.code, i.file, i.row) for i in errors] == [("records.unknown_status", "igate.csv", 4)]
    assert "Trạng thái" in errors[0].column and "DA_HUY" in errors[0].text
    assert list(frame["status_group"].fillna("?")) == ["resolved", "resolved", "?"]
    counts = ds.bieu06(frame, S, E).set_index("unit_id").loc["BP-S02"]
    assert counts["received_total"] == 2 and counts["resolved_total"] == 2


def test_a_dossier_listed_twice_and_an_unknown_unit_are_errors(project):
    frame, issues = read_list(
        project,
        "u.csv",
        dl.listing(
            "iGate", [(UNIT, sample_record()), ("Sở Không Có", sample_record(code="HS-9"))], "csv"
        ),
    )
    assert "records.unknown_unit" in {i.code for i in issues}
    twice = pd.concat([frame.head(1), frame.head(1).assign(source_file="v.csv")])
    found = kind.check(twice, Context(JUNE, project, ""))
    assert [i.code for i in found] == ["records.duplicate"]
    assert found[0].file == "v.csv"


# --- lists read by columns (ingest/columnar.py) -------------------------------------------


def _line(n, code, received="03/06/2024 08:30:00", due="10/06/2024",
          finished="07/06/2024 15:00:00", status="DA_TRA_KQ", unit=UNIT, channel="Trực tuyến",
          name="Đăng ký khai sinh") -> list[str]:  # fmt: skip
    return [str(n), code, "", "1.001193", name, unit, channel, received, due, finished, status]


def _hostile_list() -> bytes:
    """An iGate list with what exports hold besides dossiers: a title, a column-number row,
    a repeated header, blank and dash rows, totals and an average row, NFD text, quoted commas
    and line breaks, outer spaces, and faults of every kind on known rows."""
    nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    rows = [
        ["DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 6/2024"], [""] * 11, dl.IGATE,
        [str(i) for i in range(1, 12)],
        _line(1, "HS-1", name=nfd),  # row 5
        _line(2, "HS-2", received="3/6/2024 8:30", finished="", status="DANG_XU_LY",
              channel="Trực tiếp", unit=f"  {UNIT} "),
        [""] * 11, ["x", "-"] + [""] * 9, dl.IGATE,  # rows 7-9
        _line(3, "HS-3", name="Đăng ký, khai sinh"),
        _line(4, "HS-4", received="31/02/2024"),  # row 11: no such day
        _line(5, "HS-5", due="01/06/2024"),  # row 12: due before reception
        _line(6, "HS-6", status="KHONG_RO"),  # row 13
        _line(7, "HS-7\nbis"),
        ["", "", "", "", "", "Tổng cộng", "", "", "", "", ""],  # row 15
        _line(8, "HS-8", received="45446"),
        _line(9, "HS-9", received="2024-06-03", finished="2024-06-05 10:00"),
        _line(10, "HS-10", finished="02/06/2024 10:00:00", unit="Sở Không Có"),  # row 18
        ["", "", "", "", "", "Trung bình cả nước", "", "", "", "", ""],
        _line(11, "HS-11", received="", channel="Qua mạng"),  # row 20
        _line(12, "   ", received="03/06/2024\t08:30"),
    ]  # fmt: skip
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _read(project, name: str, data: bytes):
    path = project.raw / "2024-06" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    issues: list[Issue] = []
    [found] = list(tables_in(path, project, issues))
    frame, more = found.kind.parse(found.table, Context(JUNE, project, name))
    said = [(i.severity, i.code, i.row, i.column, i.text) for i in issues + more]
    return found.table, frame, said


def test_a_csv_list_read_by_columns_gives_the_grid_paths_records_and_issues(project, monkeypatch):
    table, frame, issues = _read(project, "hostile.csv", _hostile_list())
    assert table.frame is not None and not table.rows  # read by columns
    monkeypatch.setattr(columnar, "read", lambda *args: None)
    grid_table, grid_frame, grid_issues = _read(project, "hostile.csv", _hostile_list())
    assert grid_table.frame is None and grid_table.rows
    pd.testing.assert_frame_equal(frame, grid_frame)
    assert issues == grid_issues
    # and what both say
    assert list(frame["source_row"]) == [5, 6, 10, 11, 12, 13, 14, 16, 17, 18, 20, 21]
    assert frame["procedure_name"].iloc[0] == "Đăng ký khai sinh"  # NFC
    assert frame["dossier_code"].iloc[6] == "HS-7 bis"
    assert frame["received_at"].iloc[7] == pd.Timestamp("2024-06-03")  # an Excel serial
    errors = {(code, row) for severity, code, row, *_ in issues if severity == "error"}
    assert errors == {
        ("val.bad_date", 11),
        ("records.due_before_received", 12),
        ("records.unknown_status", 13),
        ("records.finished_before_received", 18),
        ("records.unknown_unit", 18),
        ("records.no_received", 20),
        ("records.unknown_channel", 20),
        ("records.no_code", 21),
    }
    notes = {(code, row) for severity, code, row, *_ in issues if severity == "info"}
    assert {("note.header_repeat", 9), ("note.totals_row", 15), ("note.summary_row", 19)} <= notes


def test_legacy_encoded_cells_of_a_csv_list_are_converted_as_the_grid_converts_them(
    project, monkeypatch
):
    """A list exported with a .VnTime font: every cell, headers too, in TCVN3."""
    names = ["Đăng ký khai sinh", "Chứng thực bản sao"]
    rows = [dl.IGATE] + [_line(n, f"HS-{n}", name=names[n % 2]) for n in range(1, 4)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([map(legacy.to_tcvn3, r) for r in rows])
    data = out.getvalue().encode("utf-8")
    table, frame, issues = _read(project, "tcvn3.csv", data)
    assert table.frame is not None
    monkeypatch.setattr(columnar, "read", lambda *args: None)
    _, grid_frame, grid_issues = _read(project, "tcvn3.csv", data)
    pd.testing.assert_frame_equal(frame, grid_frame)
    assert issues == grid_issues
    assert list(frame["procedure_name"]) == [
        "Chứng thực bản sao", "Đăng ký khai sinh", "Chứng thực bản sao"
    ]  # fmt: skip
    assert list(frame["unit_id"]) == ["BP-S02"] * 3
    converted = {i[2] for i in issues if i[1] == "note.legacy_converted"}
    assert converted == {1, 2, 3, 4}  # the header and each row


def test_a_bad_date_deep_in_a_large_csv_list_is_named_by_its_row(project):
    """150 000 dossiers: more rows than the grid path reads (readers.MAX_ROWS) in one file."""
    n = 150_000
    lines = [",".join(dl.IGATE)]
    lines += [
        f"{i},HS-{i},,1.001193,Đăng ký khai sinh,{UNIT},Trực tuyến,"
        f"{(i % 28) + 1:02d}/06/2024 08:30:00,30/06/2024,,DANG_XU_LY"
        for i in range(1, n + 1)
    ]
    lines[123_457] = lines[123_457].replace("/06/2024 08:30:00", "/13/2024 08:30:00")
    lines[n] = lines[n].replace("30/06/2024", "01/05/2024")
    table, frame, issues = _read(project, "large.csv", "\n".join(lines).encode("utf-8"))
    assert table.frame is not None and len(frame) == n
    errors = [(code, row, column) for severity, code, row, column, _ in issues
              if severity == "error"]  # fmt: skip
    assert errors == [
        ("val.bad_date", 123_458, "H 'Ngày tiếp nhận'"),
        ("records.due_before_received", n + 1, "I 'Ngày hẹn trả'"),
    ]


def test_a_csv_list_with_empty_lines_is_read_by_the_grid_path_with_its_row_numbers(project):
    data = _hostile_list().replace(b"DANG_XU_LY\r\n,,,,,,,,,,\r\n", b"DANG_XU_LY\r\n\r\n")
    assert data.count(b"\r\n\r\n") == 1  # row 7 is now an empty line
    table, frame, issues = _read(project, "gaps.csv", data)
    assert table.frame is None  # pyarrow would skip the empty line and shift the rows after
    assert ("error", "val.bad_date", 11) in {i[:3] for i in issues}


def test_no_known_label_holds_a_digit():
    """tables.collect_columns folds only the cells without a digit outside parentheses when it
    looks for repeated headers: a label with a digit would need that test changed."""
    assert not [label for label in columns.KNOWN_LABELS if any(ch.isdigit() for ch in label)]


def test_dates_in_the_fixed_layouts_are_read_as_the_general_reading_reads_them():
    cells = ["03/01/2024 11:15:26", "31/02/2024", "29/02/2024", "29/02/2023", "9/4/2024", None,
             "", "45000", "2024-06-03", "03/01/2024 25:00:00", "01/13/2024", "abc",
             "03/06/2024 08:30", "00/01/2024", "31/12/1899 10:00:00", "03-01-2024",
             "03/01/2024T11:15:26", "ab/cd/efgh", "03/01/2024 11:60:00"]  # fmt: skip
    values = pd.Series(cells, dtype="str")
    fast, fast_bad = dates.parse_datetimes(values)
    general, general_bad = dates._parse_general(values.astype(object))
    pd.testing.assert_series_equal(fast, general)
    pd.testing.assert_series_equal(fast_bad, general_bad)
    assert fast.iloc[0] == pd.Timestamp("2024-01-03 11:15:26") and fast_bad.iloc[1]


# --- reconciliation ----------------------------------------------------------------------


def _export_of(records: pd.DataFrame) -> pd.DataFrame:
    counts = ds.bieu06(records, S, E)
    return counts.assign(period="2024-06", unit_name=counts["unit_id"], source_file="b06.xls",
                         source_row=range(5, 5 + len(counts)))  # fmt: skip


def _records() -> pd.DataFrame:
    return pd.DataFrame(
        [
            rec(date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 12), code="a"),
            rec(date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 7), code="b", unit="BP-S02"),
            rec(date(2024, 5, 3), date(2024, 6, 10), None, "open", code="c", unit="BP-S02"),
        ]
    )


def test_reconciliation_says_equal_when_every_unit_agrees():
    records = _records()
    issues = kind.reconcile(records, _export_of(records), JUNE)
    assert [(i.severity, i.code) for i in issues] == [("info", "records.reconciled")]


def test_reconciliation_finds_a_planted_difference_per_unit_and_column():
    records = _records()
    export = _export_of(records)
    export.loc[export["unit_id"] == "BP-S02", "pending_overdue"] += 2
    issues = kind.reconcile(records, export, JUNE)
    assert [(i.code, i.row, i.column) for i in issues] == [
        ("records.differs", 6, "Đang giải quyết: quá hạn")
    ]
    assert "ghi 3" in issues[0].text and "được 1" in issues[0].text


def test_the_page_says_equal_in_one_sentence_and_lists_each_difference():
    from chiso766.report import display
    from chiso766.store.quality import to_frame

    records = _records()
    equal = str(display.reconciliation(to_frame(kind.reconcile(records, _export_of(records),
                                                                JUNE))))  # fmt: skip
    assert "c766-ok" in equal and "khớp với Biểu 06 xuất ra ở cả 2 đơn vị" in equal
    export = _export_of(records)
    export.loc[export["unit_id"] == "BP-S02", "pending_overdue"] += 2
    differs = str(display.reconciliation(to_frame(kind.reconcile(records, export, JUNE))))
    assert "khác Biểu 06 xuất ra: 1 chỗ" in differs and "b06.xls" in differs
    assert "ghi 3" in differs and "<td class=num>6</td>" in differs


# --- the sample ----------------------------------------------------------------------------


@pytest.mark.slow
def test_sample_lists_add_up_to_the_sample_bieu06_and_the_seed_late_counts():
    from chiso766.config import Project
    from conftest import REPO

    project = Project(REPO)
    frame = dl.as_frame("2024-06", project)
    frame = frame.rename(columns={"code": "dossier_code", "received": "received_at",
        "due": "due_at", "finished": "finished_at", "requested": "supplement_requested_at",
        "given": "supplement_given_at"})  # fmt: skip
    frame["status_group"] = frame["status"].map({"resolved": "resolved", "open": "open",
        "supplement": "open", "withdrawn": "returned", "refused": "not_received"})  # fmt: skip
    for c in ("due_at", "supplement_requested_at", "supplement_given_at"):
        frame[c] = pd.to_datetime(frame[c])
    computed = ds.bieu06(frame, S, E).set_index("unit_id")
    _, units = dl._names(project)
    expected = figures.dossier_counts("2024-06", units).set_index("unit_id")
    assert computed.sort_index().equals(expected[list(COUNT_FIELDS)].sort_index().astype("int64"))
    late = computed["resolved_late"] + computed["pending_overdue"]
    assert {u: int(late[u]) for u in figures.LATE_JUNE} == figures.LATE_JUNE


@pytest.mark.slow
def test_june_lists_give_the_late_dossiers_by_name_and_one_file_per_unit(june_lists, tmp_path):
    """June 2024 with its committed lists (the session's sample month): reconciled, the seed's
    late dossiers by name, where the time goes, a sheet per level and a file per unit."""
    from python_calamine import CalamineWorkbook

    from chiso766.analysis import dossier_records as dr
    from chiso766.report import appendix, display, late_dossiers

    data = june_lists
    assert list(dr.reconciliation(data)["code"]) == ["records.reconciled"]
    late = dr.late_dossiers(data)
    counts = late.groupby("unit_id").size().to_dict()
    for unit_id, count in figures.LATE_JUNE.items():  # GD&ĐT 3, Đồng Phú 16, VP ĐKĐĐ 54 ...
        assert counts[unit_id] == count, unit_id
    # working days: every date the sample draws is a working day, so a late one is >= 1 late
    assert late["days_late"].min() >= 1 and late["days_late"].max() > 5
    # where the time goes: the same dossiers, counted by procedure and by age
    assert dr.top_late_procedures(data, n=50)["late"].sum() == len(late)
    ageing = dr.overdue_ageing(data)
    overdue = late[late["late_kind"] == "pending_overdue"]
    assert ageing[["0-5", "6-20", ">20"]].to_numpy().sum() == len(overdue)
    rates = dr.on_time_by_procedure(data)
    assert rates["on_time_rate"].between(0, 1).all()
    assert rates["late"].sum() == (late["late_kind"] == "resolved_late").sum()
    names = [s.name for s in appendix.sheets(data)]
    assert "Hồ sơ trễ hạn - cấp tỉnh" in names
    files = late_dossiers.write_unit_files(data, tmp_path)
    assert len(files) == late["unit_id"].nunique()  # communes of one name in two districts too
    by_name = {f.name: f for f in files}
    book = CalamineWorkbook.from_path(str(by_name["So_Giao_duc_va_Dao_tao.xlsx"]))
    rows = book.get_sheet_by_index(0).to_python()
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO" in rows[0][0].upper()
    codes = [r[2] for r in rows if str(r[2]).startswith("BP-S14-")]
    assert sorted(codes) == sorted(late[late["unit_id"] == "BP-S14"]["dossier_code"])
    assert "Lý do trễ hạn (đơn vị giải trình)" in rows[4]
    # the 2024 catalogue has no on-time term: the page says that reason
    recovered = dr.progress_recovery(data)
    assert recovered.empty and recovered.attrs["reason"] == "no_term"
    assert "năm 2026" in str(display.progress_recovery(recovered))


@pytest.mark.slow
def test_late_dossiers_cost_the_2026_progress_term_what_the_planner_prices_them(
    project, make_month
):
    """2026's catalogue scores the progress indicator's on-time term as 20 x on time /
    received: from generated lists of October 2026 (the departments: Tân Dân), each unit's
    late dossiers are worth exactly the points for which the what-if planner
    (Indicator.needed) asks that many more on-time dossiers, and the page shows them."""
    from chiso766 import formatting as fmt
    from chiso766.analysis import dossier_records as dr
    from chiso766.ingest.pipeline import ingest_month
    from chiso766.report import display
    from chiso766.store.loader import open_month

    make_month("2026-10", add=dl.build_lists("2026-10", project, levels=("department",)))
    assert "records.reconciled" in set(ingest_month("2026-10", project).quality["code"])
    data = open_month("2026-10", project)
    indicator = project.catalogue_for(data.period)[dr.PROGRESS]
    counts = dr.records_bieu06(data).set_index("unit_id")
    late = counts["resolved_late"] + counts["pending_overdue"]
    recovered = dr.progress_recovery(data)
    assert sorted(recovered["unit_id"]) == sorted(late[late > 0].index) and len(recovered) >= 2
    for r in recovered.itertuples():
        c = counts.loc[r.unit_id]
        on_time = int(c.resolved_early + c.resolved_on_time + c.pending_within)
        assert r.late == late[r.unit_id]
        assert r.points == pytest.approx(indicator.max * r.late / c.received_total, abs=0.011)
        assert indicator.needed(on_time, int(c.received_total), r.points) == r.late
    page = str(display.progress_recovery(recovered))
    first = recovered.iloc[0]
    assert first["unit_name"] in page and fmt.points(first["points"]) in page
    assert "Điểm chỉ tiêu tiến độ" in page


# --- the dataset on disk ---------------------------------------------------------------------


def test_a_partition_is_swapped_in_whole_and_removed_when_the_lists_go(tmp_path):
    records = _records().assign(status_group="resolved")
    target = ds.write_partition(tmp_path, "2024-06", records)
    assert target == tmp_path / "dossiers" / "year=2024" / "month=06"
    leftover = target.parent / ".month=06.new-123"  # a killed run's unfinished folder
    leftover.mkdir()
    ds.write_partition(tmp_path, "2024-06", records.head(1))
    assert not leftover.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["month=06"]
    stored = ds.connect().execute(f"SELECT count(*) FROM {ds.scan(tmp_path, '2024-06')}")
    assert stored.fetchone() == (1,)
    assert ds.write_partition(tmp_path, "2024-06", records.head(0)) is None
    assert not ds.has_month(tmp_path, "2024-06") and not target.exists()


def test_the_generated_national_year_is_a_partitioned_dataset_whose_bieu06_adds_up(tmp_path):
    """sample/large.national_year (DuckDB SQL from range()): twelve partitions, the records'
    fields, the same records for the same seed, and Biểu 06's identities on them."""
    from chiso766.sample import large

    large.national_year(tmp_path / "a", 12 * 2_000)
    large.national_year(tmp_path / "b", 12 * 2_000)
    files = sorted((tmp_path / "a").glob("year=2025/month=*/part-0.parquet"))
    assert [f.parent.name for f in files] == [f"month={m:02d}" for m in range(1, 13)]
    con = ds.connect()
    scan = "read_parquet('{}/year=*/month=*/*.parquet', hive_partitioning = true)"
    a, b = (con.execute(f"SELECT * FROM {scan.format(tmp_path / k)} ORDER BY ALL").df()
            for k in ("a", "b"))  # fmt: skip
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 24_000 and a["province_id"].nunique() == large.PROVINCES
    assert set(a["status_group"]) == {"resolved", "open", "returned"}
    assert (a["due_at"] > a["received_at"]).all()
    assert (a["finished_at"].dropna() >= a["received_at"][a["finished_at"].notna()]).all()
    assert a.loc[a["status_group"] == "open", "finished_at"].isna().all()
    start = "make_date(CAST(year AS INTEGER), CAST(month AS INTEGER), 1)"
    counts = ds.bieu06(scan.format(tmp_path / "a"), start, f"last_day({start})",
                       by=("province_id", "year", "month"), con=con)  # fmt: skip
    assert len(counts) == large.PROVINCES * 12
    assert (counts["received_total"] == counts["resolved_total"] + counts["pending_total"]).all()
    assert (counts["received_total"] == counts["received_carried"] + counts["received_online"]
            + counts["received_direct"]).all()  # fmt: skip
    split = counts["resolved_early"] + counts["resolved_on_time"] + counts["resolved_late"]
    assert (counts["resolved_total"] == split).all() and counts["resolved_late"].sum() > 0


def test_files_read_side_by_side_give_what_tables_in_gives_in_order(project):
    """files.read_files (READ_THREADS files at a time, lists parsed while read) against
    tables_in file after file: the same tables, the same issues in the same order."""
    folder = project.raw / "2024-06"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.csv").write_bytes(_hostile_list())
    (folder / "b.xlsx").write_bytes(dl.listing("TanDan", [(UNIT, sample_record())], "xlsx"))
    (folder / "c.csv").write_bytes(b"not,an,export\n1,2,3\n")
    (folder / "d.csv").write_bytes(dl.listing("iGate", [(UNIT, sample_record())], "csv"))
    paths = sorted(folder.iterdir())

    def context(path):
        return Context(JUNE, project, path.name)

    def said(issues):
        return [(i.severity, i.code, i.file, i.row, i.text) for i in issues]

    one_by_one, side_by_side = [], []
    for path in paths:
        issues: list[Issue] = []
        for found in tables_in(path, project, issues):
            parsed = found.kind.parse(found.table, context(path)) if found.kind else None
            one_by_one.append((path.name, found.table.size, said(issues), parsed))
            issues.clear()
        one_by_one.append((path.name, None, said(issues), None))
    for read in files.read_files(paths, project, context):
        for found, before, parsed in read.tables:
            if parsed is None and found.kind is not None:
                parsed = found.kind.parse(found.table, context(read.path))
            side_by_side.append((read.path.name, found.table.size, said(before), parsed))
        side_by_side.append((read.path.name, None, said(read.after), None))
    assert [r[:3] for r in side_by_side] == [r[:3] for r in one_by_one]
    for mine, theirs in zip(side_by_side, one_by_one, strict=True):
        if theirs[3] is not None:
            pd.testing.assert_frame_equal(mine[3][0], theirs[3][0])
            assert said(mine[3][1]) == said(theirs[3][1])
    assert [r[0] for r in side_by_side if r[1]] == ["a.csv", "b.xlsx", "d.csv"]
