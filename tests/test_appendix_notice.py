"""The appendix workbook and the draft notice, opened as a reader's software would."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document
from docx.shared import Pt
from python_calamine import CalamineWorkbook

from chiso766 import analysis as an
from chiso766.report import appendix, notice


@pytest.fixture(scope="module")
def workbook(june, tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "phu_luc_2024-06.xlsx"
    appendix.write_workbook(june, path)
    return path


def _paragraphs(doc) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


@pytest.fixture(scope="module")
def june_doc(june, tmp_path_factory):
    path = tmp_path_factory.mktemp("doc") / "thong_bao_2024-06.docx"
    notice.write_docx(june, path)
    return Document(str(path))


def test_june_notice_states_the_seed_sentences_exactly(june_doc):
    texts = _paragraphs(june_doc)
    assert (
        "Tính đến tháng 6/2024, tỉnh Bình Phước đạt 84,39/100 điểm, xếp thứ 03/63 cả nước, "
        "tăng 5 bậc so với tháng 5/2024 và tăng 45 bậc so với tháng 01/2024."
    ) in texts
    assert "- Cấp sở: GD&ĐT (3); Tài nguyên và Môi trường (3)." in texts
    assert "- UBND các huyện: Đồng Phú (16); Bù Gia Mập (35); Hớn Quản (6); Lộc Ninh (5)." in texts


def test_april_notice_sentences_and_late_publication_table(april, tmp_path):
    path = notice.write_docx(april, tmp_path / "tb.docx")
    doc = Document(str(path))
    texts = _paragraphs(doc)
    assert (
        "Bình Phước xếp hạng 03/63 tỉnh, thành phố về chỉ số công khai, minh bạch về TTHC "
        "với tỷ lệ 71,3%."
    ) in texts
    assert any("tỉnh đạt 77,73%, xếp hạng 17/63" in t for t in texts)
    table = doc.tables[-2]  # the late publication table, before the signature block
    header = [c.text for c in table.rows[0].cells]
    assert header == ["STT", "Quyết định công bố của bộ, ngành", "Đơn vị tham mưu trình", "Ghi chú"]
    row = [c.text for c in table.rows[1].cells]
    assert row[1].startswith("Quyết định số 503/QĐ-BTTTT ngày 09/4/2024")
    assert "41/TTr-STTTT ngày 22/4/2024" in row[2] and "14/2018/QĐ-UBND" in row[3]


def test_notice_follows_decree_30_layout(june_doc):
    section = june_doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # A4
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 20
    header = june_doc.tables[0]
    left = header.rows[0].cells[0].text
    right = header.rows[0].cells[1].text
    assert left.splitlines() == ["UBND TỈNH BÌNH PHƯỚC", "VĂN PHÒNG"]
    assert right.splitlines() == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert header.rows[1].cells[0].text == "Số:       /TB-VPUBND"
    assert re.fullmatch(r"Bình Phước, ngày +tháng 7 năm 2024", header.rows[1].cells[1].text)
    texts = [p.text for p in june_doc.paragraphs]
    assert "THÔNG BÁO" in texts
    runs = [r for p in june_doc.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size for r in runs} <= {Pt(13), Pt(14)}
    signature = june_doc.tables[-1]
    assert signature.rows[0].cells[0].text.startswith("Nơi nhận:")
    assert "KT. CHÁNH VĂN PHÒNG" in signature.rows[0].cells[1].text


def test_explanation_deadline_counts_working_days(june, april):
    assert notice.default_notice_date(june) == date(2024, 7, 1)
    assert notice.explanation_deadline(june, date(2024, 7, 1)) == date(2024, 7, 8)
    # 30/4 and 1/5 are holidays, Saturday 4/5/2024 was worked in exchange for 29/4
    assert notice.default_notice_date(april) == date(2024, 5, 2)
    assert notice.explanation_deadline(april, date(2024, 5, 2)) == date(2024, 5, 8)


def test_workbook_sheets_titles_and_cells(workbook, june):
    book = CalamineWorkbook.from_path(str(workbook))
    assert book.sheet_names == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Công bố TTHC chậm"]
    p1 = book.get_sheet_by_name("Phụ lục 1").to_python()
    assert p1[0][0] == "PHỤ LỤC 1. KẾT QUẢ BỘ CHỈ SỐ 766 CỦA CÁC SỞ, BAN, NGÀNH"
    assert p1[2][0] == "Số liệu thống kê tính từ ngày 01/6/2024 đến 30/6/2024"
    assert p1[4][:3] == ["STT", "Tên cơ quan, đơn vị", "Điểm các nhóm chỉ số"]
    assert p1[5][2] == "Công khai, minh bạch (18)"
    table = an.unit_table(june, "department")
    first = p1[6]
    assert first[0] == 1 and first[1] == "Sở Nội vụ"
    assert first[8] == pytest.approx(table.iloc[0]["total"])
    assert first[9] == table.iloc[0]["rank_text"]
    assert len(p1) == 6 + 20
    p2 = book.get_sheet_by_name("Phụ lục 2").to_python()
    assert p2[6][1] == "I. UBND CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ"
    assert sum(1 for r in p2 if r[1] == "II. UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN") == 1
    assert len(p2) == 6 + 1 + 11 + 1 + 110


def test_workbook_merges_and_bieu06_header(workbook, june):
    sheet = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("Phụ lục 3")
    merges = set(sheet.merged_cell_ranges)
    assert ((4, 2), (4, 5)) in merges  # "Số hồ sơ nhận giải quyết" over four columns
    assert ((4, 0), (6, 0)) in merges  # STT down three rows
    rows = sheet.to_python()
    assert rows[4][2] == "Số hồ sơ nhận giải quyết" and rows[6][3] == "Trực tuyến"
    assert rows[7][:3] == ["1", "2", "3"]
    totals = next(r for r in rows if r[1] == "Tổng cộng")
    d = an.dossier_table(june)
    assert totals[2] == d["received_total"].sum() and totals[14] == d["late"].sum()
    text = [r[1] for r in rows]
    assert "- Cấp sở: GD&ĐT (3); Tài nguyên và Môi trường (3)." in text


def test_workbook_formats_and_print_setup(workbook):
    with zipfile.ZipFile(workbook) as z:
        styles = z.read("xl/styles.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        book = z.read("xl/workbook.xml").decode()
    assert 'name val="Times New Roman"' in styles
    assert 'formatCode="0.00"' in styles and 'formatCode="0.0%"' in styles
    assert 'paperSize="9"' in sheet and 'orientation="landscape"' in sheet
    assert 'fitToHeight="0"' in sheet and '<pageSetUpPr fitToPage="1"/>' in sheet
    assert 'state="frozen"' in sheet
    assert "_xlnm.Print_Titles" in book


def test_csv_copies_and_formula_neutralising(workbook):
    csvs = sorted(workbook.parent.glob("phu_luc_2024-06_*.csv"))
    assert [p.name for p in csvs] == [f"phu_luc_2024-06_{i}.csv" for i in range(1, 5)]
    data = csvs[0].read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == [
        "STT",
        "Tên cơ quan, đơn vị",
        "Điểm các nhóm chỉ số - Công khai, minh bạch (18)",
    ]
    assert rows[1][1] == "Sở Nội vụ" and len(rows) == 21
    assert appendix.safe_text('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert appendix.safe_text("@SUM(A1)") == "'@SUM(A1)" and appendix.safe_text("Sở Y tế") == (
        "Sở Y tế"
    )


@pytest.mark.slow  # LibreOffice renders the page: about 10 s
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="LibreOffice and poppler are not installed here",
)
def test_notice_renders_to_a_page_image(june, tmp_path):
    path = notice.write_docx(june, tmp_path / "tb.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "tb.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 10_000
