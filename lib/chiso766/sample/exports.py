"""Writers that give the sample's numbers the shapes (and the faults) of real exports: the
portal's CSV and JSON with values as text, .xlsx with title rows and merged multi-row headers,
and a one-stop system's HTML table saved as ".xls". Every writer returns bytes and is
deterministic, so a test can regenerate a file and compare it byte for byte."""

from __future__ import annotations

import csv
import html
import io
import json
import unicodedata
from datetime import date, datetime
from typing import Any

import xlsxwriter

from chiso766.reference.groups import GROUP_CODES

FIXED_TIME = datetime(2024, 7, 1, 8, 0, 0)
PORTAL_FIELDS = (
    "ID",
    "TEN",
    "TEN_COQUAN",
    "MA_COQUAN",
    "LOAI_COQUAN",
    "CAPDONVIID",
    "TDGQ",
    "MDHL",
    "MDSH",
    "TTTT",
    "CLGQ",
    "CKMB",
    "TONG_SCORE",
    "ROW_STT",
)
GROUP_HEADERS = {
    "CKMB": "Công khai, minh bạch (18 điểm)",
    "TDGQ": "Tiến độ, kết quả giải quyết (20 điểm)",
    "CLGQ": "Dịch vụ công trực tuyến (12 điểm)",
    "TTTT": "Thanh toán trực tuyến (10 điểm)",
    "MDHL": "Mức độ hài lòng (18 điểm)",
    "MDSH": "Số hóa hồ sơ (22 điểm)",
    "DVTT": "Cung cấp dịch vụ trực tuyến (22 điểm)",  # the five-group view: CLGQ + TTTT
}


def points(hundredths: int, mark: str = ".") -> str:
    """12,83 as the portal (".") or a Vietnamese sheet (",") writes it."""
    text = f"{hundredths // 100}.{hundredths % 100:02d}"
    return text.replace(".", mark)


def thousands(n: int) -> str:
    """1234 -> "1.234" (Vietnamese thousands separator)."""
    return f"{n:,}".replace(",", ".")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- CSV and JSON ------------------------------------------------------------------------------


def portal_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=PORTAL_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def portal_json(rows: list[dict], start: date, end: date) -> bytes:
    doc = {
        "success": True,
        "TU_NGAY": f"{start:%d/%m/%Y}",
        "DEN_NGAY": f"{end:%d/%m/%Y}",
        "total": len(rows),
        "data": rows,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def plain_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# --- xlsx --------------------------------------------------------------------------------------


class Sheet:
    """A thin, deterministic xlsxwriter wrapper with the formats official sheets use."""

    def __init__(self, title: str):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.book.set_properties({"created": FIXED_TIME, "author": "Cổng Dịch vụ công"})
        self.ws = self.book.add_worksheet(title)
        base = {"font_name": "Times New Roman", "font_size": 11}
        self.title = self.book.add_format(base | {"bold": True, "align": "center"})
        self.text = self.book.add_format(base)
        self.head = self.book.add_format(
            base
            | {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1}
        )
        self.cell = self.book.add_format(base | {"border": 1})
        self.num = self.book.add_format(base | {"border": 1, "num_format": "#,##0"})
        self.dec = self.book.add_format(base | {"border": 1, "num_format": "0.00"})
        self.day = self.book.add_format(base | {"border": 1, "num_format": "dd/mm/yyyy"})
        self.bold = self.book.add_format(base | {"border": 1, "bold": True})

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def national_xlsx(
    title_rows: list[str],
    rows: list[list[Any]],
    decimals_as_text: bool,
    *,
    average: int | None = None,
    codes: tuple[str, ...] = GROUP_CODES,
) -> bytes:
    """The national ranking; with `average` (hundredths), a trailing "Trung bình cả nước" row
    with only the total filled, as the portal's yearly export ends."""
    s = Sheet("BXH")
    ws = s.ws
    for r, text in enumerate(title_rows):
        ws.merge_range(r, 0, r, 8, text, s.title)
    header = ["STT", "Tỉnh, thành phố", *[GROUP_HEADERS[c] for c in codes], "Tổng điểm"]
    top = len(title_rows) + 1
    ws.write_row(top, 0, header, s.head)
    for i, row in enumerate(rows, top + 1):
        ws.write(i, 0, row[0], s.cell)
        ws.write(i, 1, row[1], s.cell)
        for j, value in enumerate(row[2:], 2):
            if decimals_as_text:
                ws.write_string(i, j, points(value, ","), s.cell)
            else:
                ws.write_number(i, j, value / 100, s.dec)
    if average is not None:
        last = top + 1 + len(rows)
        ws.write(last, 1, "Trung bình cả nước", s.cell)
        total = points(average, ",") if decimals_as_text else average / 100
        ws.write(last, 2 + len(codes), total, s.cell if decimals_as_text else s.dec)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 8, 14)
    return s.close()


def unit_scores_xlsx(title_rows: list[str], sections: list[tuple[str, list[list[Any]]]]) -> bytes:
    """Unit scores with a two-row header ("Chỉ số thành phần" over the six groups)."""
    s = Sheet("Chi so don vi")
    ws = s.ws
    for r, text in enumerate(title_rows):
        ws.merge_range(r, 0, r, 8, text, s.title)
    top = len(title_rows) + 1
    ws.merge_range(top, 0, top + 1, 0, "STT", s.head)
    ws.merge_range(top, 1, top + 1, 1, "Tên đơn vị", s.head)
    ws.merge_range(top, 2, top, 7, "Chỉ số thành phần", s.head)
    ws.merge_range(top, 8, top + 1, 8, "Tổng điểm", s.head)
    ws.write_row(top + 1, 2, [GROUP_HEADERS[c] for c in GROUP_CODES], s.head)
    r = top + 2
    for heading, rows in sections:
        ws.merge_range(r, 0, r, 8, heading, s.bold)
        r += 1
        for row in rows:
            ws.write(r, 0, row[0], s.cell)
            ws.write(r, 1, row[1], s.cell)
            for j, value in enumerate(row[2:], 2):
                ws.write_number(r, j, value / 100, s.dec)
            r += 1
    ws.set_column(1, 1, 44)
    ws.set_column(2, 8, 13)
    return s.close()


BIEU06_LEAVES = [
    "Tổng số",
    "Trực tuyến",
    "Trực tiếp, dịch vụ bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
]


def bieu06_xlsx(
    period_line: str,
    sections: list[tuple[str, str, list[list[object]]]],
    totals: list[int],
    parent: str = "UBND TỈNH BÌNH PHƯỚC",
) -> bytes:
    """Biểu số 06/VPCP/KSTT as an office sends it: national motto, title, period, a three-row
    merged header, the column-number row, section rows, data, a totals row and signatures."""
    s = Sheet("Bieu 06")
    ws = s.ws
    ws.merge_range(0, 0, 0, 3, parent, s.title)
    ws.merge_range(0, 6, 0, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.title)
    ws.merge_range(1, 0, 1, 3, "VĂN PHÒNG", s.title)
    ws.merge_range(1, 6, 1, 12, "Độc lập - Tự do - Hạnh phúc", s.title)
    ws.write(3, 0, "Biểu số 06/VPCP/KSTT", s.text)
    ws.merge_range(
        4,
        0,
        4,
        12,
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
        s.title,
    )
    ws.merge_range(5, 0, 5, 12, period_line, s.title)
    top = 7
    ws.merge_range(top, 0, top + 2, 0, "STT", s.head)
    ws.merge_range(top, 1, top + 2, 1, "Lĩnh vực/Đơn vị", s.head)
    ws.merge_range(top, 2, top, 5, "Số hồ sơ nhận giải quyết", s.head)
    ws.merge_range(top, 6, top, 9, "Số hồ sơ đã giải quyết", s.head)
    ws.merge_range(top, 10, top, 12, "Số hồ sơ đang giải quyết", s.head)
    for first, last in ((2, 2), (6, 6), (10, 10)):
        ws.merge_range(top + 1, first, top + 2, last, "Tổng số", s.head)
    ws.merge_range(top + 1, 3, top + 1, 5, "Trong đó", s.head)
    ws.merge_range(top + 1, 7, top + 1, 9, "Trong đó", s.head)
    ws.merge_range(top + 1, 11, top + 1, 12, "Trong đó", s.head)
    for col, label in enumerate(BIEU06_LEAVES, 2):
        if label != "Tổng số":
            ws.write(top + 2, col, label, s.head)
    ws.write_row(top + 3, 0, list(range(1, 14)), s.head)
    r = top + 4
    for numeral, heading, rows in sections:
        ws.write(r, 0, numeral, s.bold)
        ws.write(r, 1, heading, s.bold)
        r += 1
        for row in rows:
            ws.write(r, 0, row[0], s.cell)
            ws.write(r, 1, row[1], s.cell)
            for j, value in enumerate(row[2:], 2):
                ws.write_number(r, j, value, s.num)
            r += 1
    ws.write(r, 0, None, s.bold)
    ws.write(r, 1, "Tổng cộng", s.bold)
    for j, value in enumerate(totals, 2):
        ws.write_number(r, j, value, s.num)
    ws.write(
        r + 2, 1, "Ghi chú: số liệu trích xuất từ Hệ thống thông tin giải quyết TTHC tỉnh.", s.text
    )
    ws.write(r + 3, 1, "NGƯỜI LẬP BIỂU", s.title)
    ws.merge_range(r + 3, 8, r + 3, 12, "THỦ TRƯỞNG ĐƠN VỊ", s.title)
    ws.set_column(1, 1, 46)
    ws.set_column(2, 12, 11)
    return s.close()


PUBLICATION_HEADER = [
    "STT",
    "Số, ký hiệu Quyết định công bố của Bộ, ngành",
    "Ngày ban hành",
    "Ngày có hiệu lực",
    "Trích yếu",
    "Cơ quan ban hành",
    "Đơn vị tham mưu trình",
    "Số Tờ trình",
    "Ngày Tờ trình",
    "Số Quyết định công bố của tỉnh",
    "Ngày Quyết định của tỉnh",
    "Ghi chú",
]


def publication_rows(table, unit_of, submission_of=lambda r: r.submission) -> list[list]:
    """The tracking sheet's rows (PUBLICATION_HEADER order) from the generator's decisions;
    `unit_of` names the preparing unit, `submission_of` writes its Tờ trình number."""
    return [
        [
            i,
            r.decision,
            r.date,
            r.effective,
            r.summary,
            r.issuer,
            unit_of(r),
            submission_of(r),
            r.submitted,
            r.province_decision,
            r.province_date,
            "",
        ]
        for i, r in enumerate(table.itertuples(), 1)
    ]


def publications_xlsx(title_rows: list[str], rows: list[list[object]]) -> bytes:
    s = Sheet("Theo doi cong bo")
    ws = s.ws
    for r, text in enumerate(title_rows):
        ws.merge_range(r, 0, r, 11, text, s.title)
    top = len(title_rows) + 1
    ws.write_row(top, 0, PUBLICATION_HEADER, s.head)
    for i, row in enumerate(rows, top + 1):
        for j, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(i, j, datetime(value.year, value.month, value.day), s.day)
            else:
                ws.write(i, j, value, s.cell)
    ws.set_column(1, 1, 24)
    ws.set_column(4, 4, 60)
    ws.set_column(5, 6, 28)
    return s.close()


# --- HTML saved as .xls ------------------------------------------------------------------------


def html_xls(
    title_rows: list[str],
    header_rows: list[list[tuple[str, int, int]]],
    body: list[list[str]],
    repeat_header_after: int | None = None,
) -> bytes:
    """A one-stop system's "Excel" download: an HTML table with a UTF-8 BOM. Header cells are
    (text, rowspan, colspan); the header block is repeated after `repeat_header_after` body rows
    as the page-break copies some systems emit."""
    width = sum(colspan for _, _, colspan in header_rows[0])

    def header_html() -> list[str]:
        out = []
        for cells in header_rows:
            tds = "".join(
                f'<td rowspan="{rs}" colspan="{cs}" style="font-weight:bold">{html.escape(t)}</td>'
                for t, rs, cs in cells
            )
            out.append(f"<tr>{tds}</tr>")
        return out

    lines = [
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>',
        '<body><table border="1">',
    ]
    for text in title_rows:
        lines.append(f'<tr><td colspan="{width}" align="center">{html.escape(text)}</td></tr>')
    lines.extend(header_html())
    for i, row in enumerate(body):
        if repeat_header_after is not None and i == repeat_header_after:
            lines.extend(header_html())
        lines.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
    lines.append("</table></body></html>")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
