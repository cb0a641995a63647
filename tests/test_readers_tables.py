"""Every format is read into the same grid, and the table inside it is found."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
import xlsxwriter
import xlwt

from chiso766.errors import DataError
from chiso766.ingest.readers import Sheet, read_sheets, sniff
from chiso766.ingest.tables import locate
from chiso766.sample import exports as ex
from chiso766.store.fields import COUNT_FIELDS
from chiso766.textnorm import clean_text

ROWS = [["STT", "Tên đơn vị", "Tổng điểm"], [1, "Sở Y tế", 84.39], [2, "Đồng Phú", 77.5]]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps base letters with their hats precomposed and tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)))
        out.append(tones)
    return "".join(out).encode("cp1258")


def _xlsx() -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    for r, row in enumerate(ROWS):
        sheet.write_row(r, 0, row)
    book.close()
    return buf.getvalue()


def _xls() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Data")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _csv(encoding: str) -> bytes:
    text = "\r\n".join(",".join(str(c) for c in row) for row in ROWS)
    if encoding == "cp1258":
        return to_cp1258(text)
    return text.encode(encoding)


def _html(bom: bool) -> bytes:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    text = f"<html><head><meta charset='utf-8'></head><body><table>{body}</table></body></html>"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def _json() -> bytes:
    records = [dict(zip(ROWS[0], row, strict=True)) for row in ROWS[1:]]
    return json.dumps({"data": records}, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("a.xlsx", _xlsx, "xlsx"),
        ("a.xls", _xls, "xls"),
        ("b.xls", lambda: _html(True), "html"),
        ("c.xls", lambda: _html(False), "html"),
        ("a.csv", lambda: _csv("utf-8"), "csv"),
        ("b.csv", lambda: _csv("utf-8-sig"), "csv"),
        ("c.csv", lambda: _csv("utf-16"), "csv"),
        ("d.csv", lambda: _csv("cp1258"), "csv"),
        ("a.json", _json, "json"),
        ("wrong-extension.csv", _xlsx, "xlsx"),  # content decides, not the name
    ],
)
def test_every_format_reads_to_the_same_table(tmp_path, name, make, kind):
    path = tmp_path / name
    path.write_bytes(make())
    assert sniff(path.read_bytes()) == kind
    sheets = read_sheets(path)
    table = locate(sheets[0], name)
    assert set(table.columns) >= {"stt", "unit_name", "total"}
    names = [clean_text(table.value(r, "unit_name")) for _, r in table.rows]
    assert names == ["Sở Y tế", "Đồng Phú"]
    totals = [float(str(table.value(r, "total"))) for _, r in table.rows]
    assert totals == [84.39, 77.5]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "read.empty_file"),
        (b"PK\x03\x04garbage", "read.corrupt"),
        (b"{not json", "read.json"),
        (b'{"a": 1}', "read.json"),
    ],
)
def test_unreadable_files_say_which_and_why(tmp_path, data, code):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data)
    with pytest.raises(DataError) as info:
        read_sheets(path)
    issue = info.value.issues[0]
    assert issue.code == code
    assert issue.file == "broken.xlsx"
    assert "Tệp 'broken.xlsx'" in str(info.value)


def _vendor_html() -> bytes:
    header = [
        [
            ("STT", 2, 1),
            ("Đơn vị", 2, 1),
            ("Tiếp nhận", 1, 2),
            ("Đã xử lý", 1, 4),
            ("Đang xử lý", 1, 3),
        ],
        [
            ("Tổng số", 1, 1),
            ("Kỳ trước chuyển sang", 1, 1),
            ("Tổng số", 1, 1),
            ("Trước hạn", 1, 1),
            ("Trong hạn", 1, 1),
            ("Trả quá hạn", 1, 1),
            ("Tổng số", 1, 1),
            ("Trong hạn", 1, 1),
            ("Quá hạn", 1, 1),
        ],
    ]
    body = [
        ["1", "Sở Y tế", "1.234", "34", "1.100", "600", "490", "10", "134", "130", "4"],
        ["2", "Sở Tư pháp", "20", "0", "20", "10", "10", "0", "0", "0", "0"],
        ["", "Tổng cộng", "1.254", "34", "1.120", "610", "500", "10", "134", "130", "4"],
    ]
    return ex.html_xls(["BÁO CÁO", "Tháng 6/2024"], header, body, repeat_header_after=1)


def test_parent_header_tells_the_two_trong_han_apart(tmp_path):
    path = tmp_path / "vendor.xls"
    path.write_bytes(_vendor_html())
    table = locate(read_sheets(path)[0], path.name)
    cols = table.columns
    assert cols["resolved_on_time"] == 6  # "Trong hạn" under "Đã xử lý"
    assert cols["pending_within"] == 9  # "Trong hạn" under "Đang xử lý"
    assert cols["resolved_late"] == 7 and cols["pending_overdue"] == 10
    assert cols["received_total"] == 2 and cols["received_carried"] == 3
    assert [clean_text(table.value(r, "unit_name")) for _, r in table.rows] == [
        "Sở Y tế",
        "Sở Tư pháp",
    ]
    codes = [i.code for i in table.issues]
    assert "note.header_repeat" in codes and "note.totals_row" in codes
    assert table.title_lines == ["BÁO CÁO", "Tháng 6/2024"]


def test_bieu06_xlsx_three_row_merged_header_and_number_row(tmp_path):
    rows = [[1, "Sở Y tế", 100, 60, 30, 10, 90, 50, 38, 2, 10, 9, 1]]
    data = ex.bieu06_xlsx(
        "Kỳ báo cáo: Tháng 6/2024",
        [("I", "CẤP TỈNH", rows)],
        [100, 60, 30, 10, 90, 50, 38, 2, 10, 9, 1],
    )
    path = tmp_path / "b06.xlsx"
    path.write_bytes(data)
    table = locate(read_sheets(path)[0], path.name)
    assert [table.columns[f] for f in COUNT_FIELDS] == list(range(2, 13))  # in Biểu 06's order
    assert len(table.rows) == 1 and table.rows[0][0] == 13  # the spreadsheet's row number
    assert table.value(table.rows[0][1], "resolved_late") == 2


def test_no_header_is_a_located_error(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Ghi chú,xin xem file khác\nabc,def\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        locate(read_sheets(path)[0], path.name)
    assert info.value.issues[0].code == "read.no_table"


def _xlsx_with_sheet(sheet_xml: str) -> bytes:
    """A minimal workbook whose one sheet is `sheet_xml` (the <sheetData> rows)."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        prefix = f'xmlns="{main}"' + (f' xmlns:x="{main}"' if "<x:" in sheet_xml else "")
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {prefix}><sheetData>{sheet_xml}</sheetData></worksheet>",
        )
    return out.getvalue()


@pytest.mark.parametrize(
    "rows",
    [
        # references on every cell (the text scan), one of them far out of its row
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>'
        '<row r="2"><c r="B2" t="e"><v>#N/A</v></c></row>',
        # a cell without its reference (the element walk places it after the last)
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>'
        '<row r="2"><c><v>0</v></c><c t="e"><v>#N/A</v></c></row>',
        # a namespace prefix (the element walk reads it)
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD1048576"><x:v>2</x:v></x:c>'
        '</x:row><x:row r="2"><x:c r="B2" t="e"><x:v>#N/A</x:v></x:c></x:row>',
        # an error cell without a value, then one with it: each read as itself
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>'
        '<row r="2"><c r="A2" t="e"/><c r="B2" t="e"><v>#N/A</v></c></row>',
        # the far cell prefixed among plain ones (the plain patterns would not see it)
        '<row r="1"><c r="A1"><v>1</v></c><x:c r="XFD1048576"><v>2</v></x:c></row>'
        '<row r="2"><c r="B2" t="e"><v>#N/A</v></c></row>',
        # single quotes; the reference after other attributes
        "<row r='1'><c r='A1'><v>1</v></c><c r='XFD1048576'><v>2</v></c></row>"
        "<row r='2'><c r='B2' t='e'><v>#N/A</v></c></row>",
        '<row spans="1:2" r="1"><c s="1" r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c>'
        '</row><row r="2"><c t="e" r="B2"><v>#N/A</v></c></row>',
        # the last row empty, far below its cells
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>'
        '<row r="2"><c r="B2" t="e"><v>#N/A</v></c></row><row r="1048576"/>',
    ],
    ids=["references", "a cell without reference", "prefixed", "a self-closing error cell",
         "one prefixed cell", "single quotes", "attributes first", "an empty last row"],
)  # fmt: skip
def test_a_sheets_extent_and_error_cells_are_read_from_its_xml_whichever_way(rows):
    import zipfile

    from chiso766.ingest.readers import _scan_refs, _scan_sheet, _scan_xlsx

    data = _xlsx_with_sheet(rows)
    [scan] = _scan_xlsx(data).values()
    assert (scan.rows, scan.columns) == (1048576, 16384)
    assert scan.errors == [(1, 1, "#N/A")]
    with zipfile.ZipFile(io.BytesIO(data)) as book:  # the text scan, when it answers, and
        xml = book.read("xl/worksheets/sheet1.xml")  # the element walk agree
    assert _scan_refs(xml) in (None, _scan_sheet(io.BytesIO(xml)))


def test_a_repeated_header_with_a_numbered_note_and_a_number_is_still_the_header():
    """A header repeated after a page break is told by comparing it with the header, cell by
    cell: a cell with a digit in its note ("(1)", dropped by folding) still matches, and the
    number cell makes it no text row, so only that comparison can tell it."""
    header = ["STT", "Tên đơn vị (cột 1)", "Tổng số điểm", 2024.0]
    rows = [
        header,
        [1.0, "Sở Y tế", 80.5, 1.0],
        list(header),
        [2.0, "Sở Tư pháp", 70.25, 2.0],
    ]
    table = locate(Sheet("S", rows), "a.xlsx")
    assert [table.value(r, "unit_name") for _, r in table.rows] == ["Sở Y tế", "Sở Tư pháp"]
    assert [i.row for i in table.issues if i.code == "note.header_repeat"] == [3]
