"""Dossier lists (one row per dossier): every Biểu 06 column rule on generated records, the
three vendors' field sets read, bad inputs named, the reconciliation with the Biểu 06 export,
the sample lists adding up to the sample's Biểu 06, and the per-unit explanation files."""

from __future__ import annotations

import csv
import io
import threading
import time
import unicodedata
import zipfile
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
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
from chiso766.store.fields import COUNT_FIELDS

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


HOSTILE_ERRORS = {  # the faults planted in the hostile lists, at their rows
    ("val.bad_date", 11),
    ("records.due_before_received", 12),
    ("records.unknown_status", 13),
    ("records.finished_before_received", 18),
    ("records.unknown_unit", 18),
    ("records.no_received", 20),
    ("records.unknown_channel", 20),
    ("records.no_code", 21),
}


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
    assert errors == HOSTILE_ERRORS
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


class _Error(str):
    """An error cell (a formula that failed), as Excel writes it."""


def _write_xlsx(sheets: dict[str, list[list]], merged: dict[str, list[str]]) -> bytes:
    """A workbook of typed cells: text, numbers, booleans, datetimes, dates, times, errors."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    layouts = {datetime: "dd/mm/yyyy hh:mm:ss", date: "dd/mm/yyyy", clock: "hh:mm"}
    formats = {t: book.add_format({"num_format": f}) for t, f in layouts.items()}
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, _Error):
                    sheet.write_formula(r, c, "=NA()", None, str(v))
                elif isinstance(v, str):
                    sheet.write_string(r, c, v)
                elif isinstance(v, bool):
                    sheet.write_boolean(r, c, v)
                elif isinstance(v, (datetime, date, clock)):
                    sheet.write_datetime(r, c, v, formats[type(v)])
                elif v is not None:
                    sheet.write_number(r, c, v)
        for cells in merged.get(name, []):
            sheet.merge_range(cells, None)
    book.close()
    return out.getvalue()


def _hostile_workbook() -> bytes:
    """The hostile list as Excel holds one: a notes sheet, the list (title merged over the
    columns, number row, repeated header with a note under it, dash and blank rows, totals and
    average rows, NFD and TCVN3 text, real datetimes and dates, dates as text, a serial, a time
    and an error cell where dates belong, numbers and a boolean where text belongs, every fault
    of the CSV list), then a list with cells merged under its header (read by the grid path)."""
    nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    at = datetime(2024, 6, 3, 8, 30)

    def line(n, code, received=at, due=date(2024, 6, 10), finished="07/06/2024 15:00:00",
             status="DA_TRA_KQ", unit=UNIT, channel="Trực tuyến", name="Đăng ký khai sinh",
             national="", procedure="1.001193"):  # fmt: skip
        return [n and float(n), code, national, procedure, name, unit, channel, received, due,
                finished, status]  # fmt: skip

    listed = [
        ["DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 6/2024"], [], dl.IGATE,
        [float(i) for i in range(1, 12)],
        line(1, "HS-1", name=nfd),  # row 5
        line(2, "HS-2", received="3/6/2024 8:30", finished="", status="DANG_XU_LY",
             channel="Trực tiếp", unit=f"  {UNIT} "),
        [], ["x", "-"], dl.IGATE, ["(mẫu in lại)"],  # rows 7-10
        # row 11: no such day; no figure, and dates that are no text (no "text row")
        line(None, "HS-3", received="31/02/2024", due=datetime(2024, 6, 10, 17), procedure=""),
        line(4, "HS-4", due=date(2024, 6, 1)),  # row 12: due before reception
        line(5, "HS-5", status="KHONG_RO"),  # row 13
        line(6, "HS-6", name=legacy.to_tcvn3("Chứng thực bản sao")),
        [None] * 5 + ["Tổng cộng"],  # row 15
        line(7, "HS-7", received=45446.0),  # an Excel serial in a number cell
        line(8, "HS-8", received="2024-06-03", finished="2024-06-05 10:00"),
        line(9, "HS-9", finished="02/06/2024 10:00:00", unit="Sở Không Có"),  # row 18
        [None] * 5 + ["Trung bình cả nước"],
        line(10, "HS-10", received="", channel="Qua mạng"),  # row 20
        line(11, "   ", received="03/06/2024\t08:30"),
        line(12, "HS-12", received=_Error("#N/A")),  # row 22
        line(13, "HS-13", received=clock(8, 30)),
        line(14, 12345.0, national=True, procedure=1.001193),  # row 24: numbers as codes
        line(15, "HS-15", received=datetime(2024, 6, 4, 9, 15, 30, 250000)),
    ]  # fmt: skip
    merged_list = [dl.IGATE, line(1, "HS-21"), line(2, "HS-22")]
    notes = [["Ghi chú"], [unicodedata.normalize("NFD", "Danh sách gửi kèm công văn")]]
    return _write_xlsx(
        {"Ghi chú": notes, "Danh sách": listed, "Gộp ô": merged_list},
        {"Danh sách": ["A1:K1"], "Gộp ô": ["E2:F2"]},
    )


def _read_all(project, name: str, data: bytes):
    """Every table of the file as the month's ingest reads it (`files.read_files`): per table,
    its sheet, whether it was read by columns, its records and the issues before it and its
    parse's, with the issues after the last."""
    path = project.raw / "2024-06" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    [read] = files.read_files([path], project, lambda _: Context(JUNE, project, name))

    def said(found: list[Issue]) -> list[tuple]:
        return [(i.severity, i.code, i.file, i.sheet, i.row, i.column, i.text) for i in found]

    tables = [
        (found.table.sheet, found.table.frame is not None, parsed[0], said(before + parsed[1]))
        for found, before, parsed in read.tables
    ]
    return tables, said(read.after)


def test_an_excel_list_read_by_columns_gives_the_grid_paths_records_and_issues(
    project, monkeypatch
):
    tables, after = _read_all(project, "hostile.xlsx", _hostile_workbook())
    monkeypatch.setattr(columnar, "read_sheet", lambda *args: None)
    grid_tables, grid_after = _read_all(project, "hostile.xlsx", _hostile_workbook())
    assert [t[:2] for t in tables] == [("Danh sách", True), ("Gộp ô", False)]
    assert [t[:2] for t in grid_tables] == [("Danh sách", False), ("Gộp ô", False)]
    for (_, _, frame, issues), (_, _, grid_frame, grid_issues) in zip(
        tables, grid_tables, strict=True
    ):
        pd.testing.assert_frame_equal(frame, grid_frame)
        assert issues == grid_issues
    assert after == grid_after
    # and what both say
    frame, issues = tables[0][2:]
    assert list(frame["source_row"]) == [5, 6, *range(11, 15), 16, 17, 18, *range(20, 26)]
    assert frame["procedure_name"].iloc[0] == "Đăng ký khai sinh"  # NFC
    assert frame["procedure_name"].iloc[5] == "Chứng thực bản sao"  # from TCVN3
    assert frame["received_at"].iloc[6] == pd.Timestamp("2024-06-03")  # an Excel serial
    assert frame["received_at"].iloc[0] == pd.Timestamp("2024-06-03 08:30")  # a datetime
    assert frame["dossier_code"].iloc[13] == "12345" and frame["procedure_code"].iloc[13] == (
        "1.001193"
    )
    errors = {(code, row) for severity, code, _, _, row, *_ in issues if severity == "error"}
    assert errors == HOSTILE_ERRORS | {("val.bad_date", 22), ("val.bad_date", 23)}
    bad = {row: text for _, code, _, _, row, _, text in issues if code == "val.bad_date"}
    assert "#N/A" in bad[22] and "08:30:00" in bad[23]
    notes = {(code, row) for severity, code, _, _, row, *_ in issues if severity == "info"}
    assert {("note.header_repeat", 9), ("note.totals_row", 15), ("note.summary_row", 19),
            ("note.legacy_converted", 14), ("note.nfd", None)} <= notes  # fmt: skip
    assert [i[1] for i in issues if i[3] == "Ghi chú"] == ["note.nfd"]  # the sheet before
    assert {i[3] for i in tables[1][3]} == {"Gộp ô"}
    assert ("warning", "note.merged_data") in {i[:2] for i in tables[1][3]}


def test_an_excel_list_in_a_legacy_encoding_is_read_by_columns_as_the_grid_reads_it(
    project, monkeypatch
):
    """Every cell in TCVN3, the header too: the encoding is decided on the whole column."""
    names = ["Đăng ký khai sinh", "Chứng thực bản sao"]
    rows = [dl.IGATE] + [_line(n, f"HS-{n}", name=names[n % 2]) for n in range(1, 4)]
    data = _write_xlsx({"DS": [list(map(legacy.to_tcvn3, r)) for r in rows]}, {})
    tables, _ = _read_all(project, "tcvn3.xlsx", data)
    monkeypatch.setattr(columnar, "read_sheet", lambda *args: None)
    grid_tables, _ = _read_all(project, "tcvn3.xlsx", data)
    [(_, by_columns, frame, issues)], [(_, _, grid_frame, grid_issues)] = tables, grid_tables
    assert by_columns
    pd.testing.assert_frame_equal(frame, grid_frame)
    assert issues == grid_issues
    assert list(frame["procedure_name"]) == [names[1], names[0], names[1]]
    assert {i[4] for i in issues if i[1] == "note.legacy_converted"} == {1, 2, 3, 4}


def test_an_excel_list_whose_head_decides_another_encoding_is_read_by_the_grid(project):
    """A header and first rows in TCVN3, then many rows in Unicode: the head alone says TCVN3,
    the whole column does not, and its header cell would be converted otherwise."""
    rows = [list(map(legacy.to_tcvn3, dl.IGATE))]
    rows += [_line(n, f"HS-{n}", name=legacy.to_tcvn3("Chứng thực")) for n in range(1, 80)]
    rows += [_line(n, f"HS-{n}", name="Chứng thực bản sao") for n in range(80, 300)]
    tables, _ = _read_all(project, "mixed.xlsx", _write_xlsx({"DS": rows}, {}))
    assert [t[:2] for t in tables] == [("DS", False)]


@pytest.mark.slow
def test_junes_excel_lists_give_the_same_records_both_ways(project, monkeypatch):
    """The three committed lists of June 2024 (84 539 dossiers), by columns and by the grid."""
    from conftest import REPO

    paths = sorted((REPO / "data" / "raw" / "2024-06").glob("DanhSachHoSo_*.xlsx"))
    assert len(paths) == 3

    def read() -> list:
        context = lambda path: Context(JUNE, project, path.name)  # noqa: E731
        return [
            (found.table.frame is not None, parsed, before, read.after)
            for read in files.read_files(paths, project, context)
            for found, before, parsed in read.tables
        ]

    by_columns = read()
    monkeypatch.setattr(columnar, "read_sheet", lambda *args: None)
    by_grid = read()
    assert [t[0] for t in by_columns] == [True] * 3 and [t[0] for t in by_grid] == [False] * 3
    assert sum(len(t[1][0]) for t in by_columns) == 84_539
    for (_, (frame, issues), before, after), (_, (grid_frame, grid_issues), *grid) in zip(
        by_columns, by_grid, strict=True
    ):
        pd.testing.assert_frame_equal(frame, grid_frame)
        assert (issues, before, after) == (grid_issues, *grid)


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


def test_the_cells_cleaning_may_change_are_found_from_bytes_as_the_pattern_finds_them():
    """columnar._odd reads a column's bytes (the pattern only where control characters are):
    the same cells as the pattern, on slices and both offset widths, missing cells never."""
    cells = ["HS-1", "", " a", "a ", "a  b", "a b", "Đăng ký", None, "  ", " ", "ab  ", "é",
             "a", "x  ", "  y", "Hồ sơ  trễ", "", "ab"]  # fmt: skip
    for values in (cells, [*cells, "x\ty"], [*cells, "x\x7fy"], ["é", None], [None], ["", ""]):
        for kind_of_text in (pa.string(), pa.large_string()):
            whole = pa.array(values, type=kind_of_text)
            for text in (whole, whole.slice(2), whole.slice(1, 5), whole.slice(len(values))):
                pattern = pc.match_substring_regex(text, columnar._ODD)
                expected = pc.fill_null(pattern, False).to_numpy(zero_copy_only=False)
                assert columnar._odd(text).tolist() == expected.tolist(), (values, text)


def test_the_checks_on_a_lists_bytes_find_what_the_plain_definitions_find(monkeypatch):
    """Lone carriage returns, empty lines and over-long lines, found from bytes as arrays, as
    counting, searching and splitting would find them."""
    samples = [b"", b"a\r\nb\r\n", b"a\rb\n", b"a\r", b"a\n\nb", b"a\n\r\nb", b"\n", b"\r\n\r",
               b"a,b\nc\n", b"\n\na", b"a\nb\r\n\r\n", "Đ\n\nx".encode()]  # fmt: skip
    for data in samples:
        lone = data.count(b"\r") != data.count(b"\r\n")
        assert columnar._lone_carriage_return(data) == lone, data
        for end in range(len(data) + 1):
            empty = data.find(b"\n\n", 0, end) >= 0 or data.find(b"\n\r\n", 0, end) >= 0
            assert columnar._empty_line(data, end) == empty, (data, end)
    monkeypatch.setattr(columnar, "MAX_LINE_CHARS", 4)
    for text in ["abcd", "abcde", "ab\ncd\nef", "abcd\nabcde", "ĐĐĐĐ\nx", "ĐĐĐĐĐ", "ab\x0bcd\x0ce",
                 "abc\rdef\r\n", "abcdef\u2028x", "a\n" * 5]:  # fmt: skip
        long = any(len(line) > 4 for line in text.splitlines())
        for data in (text.encode(), f"{text}\n{'y' * 9}".encode()):  # bytes of it, or more
            assert columnar._long_line(text, data) == long, (text, data)


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
    # the dates are Excel dates (the office sorts and filters them), shown dd/mm/yyyy; the
    # sheet's CSV copy writes them so
    first = late[late["unit_id"] == "BP-S14"].iloc[0]
    row = next(r for r in rows if r[2] == first["dossier_code"])
    assert row[5] == first["received_at"].date() and isinstance(row[5], date)
    assert f"{first['received_at']:%d/%m/%Y}" in appendix.to_csv(
        late_dossiers.unit_sheet("", "x", late[late["unit_id"] == "BP-S14"])
    ).decode("utf-8-sig")
    styles = zipfile.ZipFile(by_name["So_Giao_duc_va_Dao_tao.xlsx"]).read("xl/styles.xml")
    assert b'formatCode="dd/mm/yyyy"' in styles
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


def test_a_reading_left_unfinished_is_closed_without_waiting_for_the_files_in_flight(
    project, monkeypatch
):
    """The garbage collector closes an unfinished read_files on whatever thread it runs,
    even inside threading's own locks, where waiting for a reader thread never returns (a
    test run hung so): closing it must not wait for the file still being read."""
    release = threading.Event()

    def read_one(path, project, context_of):
        if path.name == "b.csv":
            release.wait(20)
        return files.FileRead(path, [], [])

    monkeypatch.setattr(files, "_read_one", read_one)
    reads = files.read_files([Path(n) for n in ("a.csv", "b.csv", "c.csv")], project, print)
    assert next(reads).path.name == "a.csv"
    started = time.perf_counter()
    reads.close()  # what the garbage collector does with it
    assert time.perf_counter() - started < 5
    release.set()
