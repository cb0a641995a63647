"""The appendix workbook and the draft notice, opened as a reader's software would."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import queue
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import openpyxl
import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from python_calamine import CalamineWorkbook

from chiso766 import analysis as an
from chiso766.errors import DataError
from chiso766.report import appendix, narrative, notice, notice_facts, pdf
from chiso766.report.notice_facts import Source
from chiso766.report.notice_layout import LAYOUTS
from conftest import docx_texts, load_month, workbook_texts


@pytest.fixture(scope="module")
def workbook(june_lists, tmp_path_factory):
    """June's workbook with the late-dossier sheets its lists add (the tests reading it are
    slow: the lists are about 10 s of ingest)."""
    path = tmp_path_factory.mktemp("wb") / "phu_luc_2024-06.xlsx"
    appendix.write_workbook(june_lists, path)
    return path


@pytest.fixture(scope="module")
def june_doc(june, tmp_path_factory):
    path = tmp_path_factory.mktemp("doc") / "thong_bao_2024-06.docx"
    notice.write_docx(june, path)
    return Document(str(path))


def _highlighted(doc) -> list[str]:
    """The text of every run highlighted as a field to fill, in the body and its tables."""
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return [
        r.text
        for p in paragraphs
        for r in p.runs
        if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]


# Sentences of the June 2024 notice (seeds/001) that depend on data and settings, as the
# office wrote them (line breaks of the scan joined, a doubled space made single).
JUNE_SEED = (
    "Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số "
    "chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện "
    "TTHC, cung cấp Dịch vụ công.",
    "Qua tổng hợp, thống kê các dữ liệu của Bộ chỉ số trên Cổng dịch vụ công quốc gia "
    "(https://quantri.dichvucong.gov.vn), Văn phòng UBND tỉnh thông báo như sau:",
    "Tính đến tháng 6/2024, tỉnh Bình Phước đạt 84,39/100 điểm, xếp thứ 03/63 cả nước, "
    "tăng 5 bậc so với tháng 5/2024 và tăng 45 bậc so với tháng 01/2024.",
    "1. Về kết quả thực hiện các chỉ tiêu của bộ chỉ số 766 tại các sở, ngành",
    "(Phụ lục 1 số liệu thống kê tính từ ngày 01/6/2024 đến 30/6/2024 kèm theo)",
    "2. Về kết quả thực hiện các chỉ tiêu của bộ chỉ số 766 tại UBND các huyện, thị xã, thành phố",
    "Văn phòng UBND tỉnh đề nghị các cơ quan, đơn vị và địa phương tiến hành kiểm tra, đánh "
    "giá, phân tích các chỉ số của đơn vị để có giải pháp chỉ đạo khắc phục; đồng thời, thường "
    "xuyên kiểm tra, đôn đốc việc triển khai và kiểm soát tiến độ thực hiện các chỉ tiêu được "
    "giao tại Quyết định số 127/QĐ-UBND ngày 16/01/2024 của Chủ tịch UBND tỉnh về việc thực "
    "hiện nhiệm vụ cải cách thủ tục hành chính gắn với chuyển đổi số năm 2024.",
    "II. Tình hình giải quyết hồ sơ thủ tục hành chính, số hóa hồ sơ, công bố, công khai thủ "
    "tục hành chính",
    "Kết quả cụ thể:",
    "Trong đó, có những cơ quan, đơn vị và địa phương có hồ sơ xử lý trễ hạn (từ 3 hồ sơ trở "
    "lên) cụ thể như sau:",
    "- Cấp sở: GD&ĐT (3); Tài nguyên và Môi trường (3).",
    "- UBND các huyện: Đồng Phú (16); Bù Gia Mập (35); Hớn Quản (6); Lộc Ninh (5).",
    # the seed writes "huyện Đồng Phú" before the first branch only: the others, and every other
    # list, name a unit without its kind, as this line does throughout
    "- Các Chi nhánh Văn phòng ĐKĐĐ: Đồng Phú (54); Hớn Quản (5); Lộc Ninh (4).",
    # the scan lost the hyphen of "Phú Sơn-Lộc Ninh" at a line end ("Phú Sơn Lộc Ninh")
    "- UBND các xã: Tân Lợi-Hớn Quản (3); Phước Tân-Phú Riềng (6); Phú Sơn-Lộc Ninh (4).",
    "(Phụ lục 3 đính kèm)",
    "Đối với những đơn vị và địa phương có hồ sơ quá hạn xử lý (theo Phụ lục 3 đính kèm), Văn "
    "phòng UBND tỉnh đề nghị các đơn vị, địa phương tiến hành rà soát, kiểm tra và có báo cáo "
    "giải trình cụ thể theo chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số 2256/UBND-KSTTHC "
    "ngày 11/6/2024 về việc thực hiện nghiêm nhiệm vụ tiếp nhận và giải quyết TTHC. Gửi báo "
    "cáo về Văn phòng UBND tỉnh trước ngày 09/7/2024 để tổng hợp báo cáo Chủ tịch UBND tỉnh.",
    "Văn phòng UBND tỉnh thông báo đến các sở, ngành, địa phương có liên quan được biết và "
    "phối hợp thực hiện./.",
)


@pytest.mark.parametrize("sentence", JUNE_SEED, ids=lambda s: s[:40])
def test_june_notice_states_the_seed_sentences_exactly(june_doc, sentence):
    assert sentence in docx_texts(june_doc)


def test_june_notice_follows_the_seed_order(june_doc):
    texts = [p.text for p in june_doc.paragraphs]
    positions = [texts.index(s) for s in JUNE_SEED]
    assert positions == sorted(positions)
    # as in the seed, the headline alone: no group ranked in the top 3, no repeated total
    headline = texts.index(JUNE_SEED[2])
    assert texts[headline + 1] == JUNE_SEED[3]


JUNE_RECIPIENTS = [
    "CT, các PCT UBND tỉnh;",
    "Các sở, ban, ngành;",
    "UBND các huyện, thị xã, thành phố;",
    "Sở Nội vụ (Ban TĐKT tỉnh);",
    "LĐVP; Trung tâm,",
    "Cổng thông tin điện tử tỉnh;",
    "Lưu: VT, P. KSTTHC.",
]


def _recipients(doc) -> list[str]:
    lines = doc.tables[-1].rows[0].cells[0].text.splitlines()
    assert lines[0] == "Nơi nhận:"
    return [line.removeprefix("- ") for line in lines[1:]]


def test_june_recipients_are_the_seeds(june_doc):
    assert _recipients(june_doc) == JUNE_RECIPIENTS


def test_june_results_table_names_each_kind_of_late_dossier(june_doc, june):
    table = next(t for t in june_doc.tables if t.rows[0].cells[0].text == "Cấp")
    header = [c.text for c in table.rows[0].cells]
    assert "Giải quyết quá hạn" in header and "Đang giải quyết quá hạn" in header
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert list(rows) == [
        "Sở, ban, ngành",
        "UBND cấp huyện",
        "Chi nhánh VP ĐKĐĐ",
        "UBND cấp xã",
        "Tổng cộng",
    ]
    d = an.dossier_table(june)
    total = rows["Tổng cộng"]
    late = header.index("Giải quyết quá hạn")
    overdue = header.index("Đang giải quyết quá hạn")
    assert total[1] == f"{int(d['received_total'].sum()):,}".replace(",", ".")
    assert total[late] == f"{int(d['resolved_late'].sum()):,}".replace(",", ".")
    assert total[overdue] == f"{int(d['pending_overdue'].sum()):,}".replace(",", ".")


def test_june_values_given_are_plain_and_the_blank_day_is_marked(june_doc, june):
    facts = notice_facts.facts(june)
    assert facts.deadline.source is Source.GIVEN and facts.plan.source is Source.GIVEN
    assert facts.directives[0].startswith("Công văn số 2256/UBND-KSTTHC ngày 11/6/2024")
    # no issue date in province.toml: the day is left blank, and marked, nothing else is
    assert _highlighted(june_doc) == [facts.date_line.text]
    assert re.fullmatch(r"ngày +tháng 7 năm 2024", facts.date_line.text)
    assert facts.to_fill() == ["Ngày ban hành: chưa có."]  # what, in the office's words
    assert len(facts.how_to_fill()) == 1 and "issued" in facts.how_to_fill()[0]  # and where


@pytest.fixture(scope="module")
def april_doc(april, tmp_path_factory):
    path = tmp_path_factory.mktemp("doc") / "thong_bao_2024-04.docx"
    notice.write_docx(april, path)
    return Document(str(path))


# Sentences of the April 2024 notice (seeds/000), laid out as `[notices."2024-04"] layout =
# "compact"` chooses, in the seed's order. Not reproduced: the second request's "và tình không
# bị trừ điểm" (a typo for "và không bị trừ điểm"; no data or setting in it).
APRIL_SEED = (
    "Căn cứ Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số "
    "chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện "
    "TTHC, cung cấp Dịch vụ công;",
    # the seed's "(<https://...>)" is the link markup of its conversion
    "Qua tổng hợp, thống kê các dữ liệu của Bộ chỉ số trên Cổng dịch vụ công quốc gia "
    "(https://quantri.dichvucong.gov.vn) và Cổng dịch vụ công của tỉnh, Văn phòng UBND tỉnh "
    "thông báo như sau:",
    "I. Các chỉ tiêu báo cáo theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ",
    "Theo số liệu thống kê trên Cổng DVC quốc gia, Bình Phước xếp hạng 03/63 tỉnh, thành phố về "
    "chỉ số công khai, minh bạch về TTHC với tỷ lệ 71,3%. Bộ chỉ số phục vụ người dân, doanh "
    "nghiệp trong thực hiện TTHC và cung cấp dịch vụ công, hiện nay, tỉnh đạt 77,73%, xếp hạng "
    "17/63.",
    "Đối với các sở, ngành và địa phương có chỉ số đánh giá như sau:",
    "1. Các sở, ngành",
    "(Có phụ lục 1 đính kèm theo)",
    "2. UBND các huyện, thị xã, thành phố",
    "(Có phụ lục 2 đính kèm theo)",
    "II. Tình hình giải quyết hồ sơ thủ tục hành chính và công bố, công khai thủ tục hành chính",
    "1. Tình hình giải quyết hồ sơ thủ tục hành chính",
    "(Có phụ lục 3 đính kèm theo)",
    "Đối với các đơn vị có phát sinh hồ sơ trễ hạn Văn phòng UBND tỉnh đề nghị các đơn vị tiến "
    "hành rà soát, kiểm tra, báo cáo giải trình rõ nguyên nhân và đề xuất giải pháp xử lý; gửi "
    "báo cáo về Văn phòng UBND tỉnh trước ngày 17/5/2024 để tổng hợp báo cáo UBND tỉnh.",
    "2. Tình hình tham mưu Quyết định công bố, công khai thủ tục hành chính chậm hạn",
    "Từ những nội dung trên, Văn phòng UBND tỉnh đề nghị:",
    "- Các cơ quan, đơn vị và địa phương tiến hành kiểm tra, đánh giá, phân tích các chỉ số của "
    "đơn vị để có giải pháp chỉ đạo khắc phục; đồng thời, thường xuyên kiểm tra, đôn đốc việc "
    "triển khai và kiểm soát tiến độ thực hiện các chỉ tiêu được giao tại Quyết định số "
    "127/QĐ-UBND ngày 16/01/2024 của Chủ tịch UBND tỉnh về việc thực hiện nhiệm vụ cải cách thủ "
    "tục hành chính gắn với chuyển đổi số năm 2024;",
    "Văn phòng UBND tỉnh thông báo đến các sở, ngành, địa phương có liên quan được biết và phối "
    "hợp thực hiện./.",
)


@pytest.mark.parametrize("sentence", APRIL_SEED, ids=lambda s: s[:40])
def test_april_notice_states_the_seed_sentences_exactly(april_doc, sentence):
    assert sentence in [p.text for p in april_doc.paragraphs]


def test_april_notice_follows_the_seed_layout(april_doc, april):
    texts = [p.text for p in april_doc.paragraphs if p.text]
    start = texts.index(APRIL_SEED[0])
    # the seed's paragraphs one after the other, the second request between the last two
    body = texts[start : start + len(APRIL_SEED) + 1]
    request = body.pop(-2)
    assert body == list(APRIL_SEED)
    assert request.startswith("- Các cơ quan, đơn vị chủ động phối hợp") and request.endswith(".")
    # no headline, figures or late lists: April refers to Phụ lục 3
    assert not any(t.startswith(("Tính đến tháng", "Kết quả cụ thể", "- Cấp sở")) for t in texts)
    assert notice_facts.facts(april).layout is LAYOUTS["compact"]


def test_april_late_publication_table_is_the_seeds(april_doc):
    table = april_doc.tables[-2]  # the late publication table, before the signature block
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [
        ["Stt", "Quyết định công bố của bộ, ngành", "Đơn vị tham mưu trình", "Ghi chú"],
        [
            "1",
            "Quyết định số 503/QĐ-BTTTT ngày 09/4/2024 của Bộ trưởng Bộ Thông tin và Truyền "
            "thông về công bố thủ tục hành chính được sửa đổi, bổ sung 2 lĩnh vực Xuất bản, In và "
            "Phát hành thuộc phạm vi chức năng quản lý của Bộ Thông tin và Truyền thông",
            # the seed reads "Sở TT&TT Tại Tờ trình ... 22/4/2024)."; its "(" was lost
            "Sở TT&TT (Tại Tờ trình số 41/TTr-STTTT ngày 22/4/2024).",
            "Theo Quyết định số 14/2018/QĐ-UBND ngày 06/3/2018 của UBND tỉnh ban hành quy chế "
            "phối hợp giữa Văn phòng UBND tỉnh với các sở, ban, ngành tỉnh, UBND cấp huyện, UBND "
            "cấp xã trong việc công bố, cập nhật, công khai thủ tục hành chính trên địa bàn tỉnh",
        ],
    ]
    note = table.rows[1].cells[3].paragraphs[0].runs[0]
    assert note.font.italic and note.font.highlight_color is None  # given: cited plainly


def test_april_recipients_and_date_line_are_the_seeds(april_doc):
    # April's "Nơi nhận" ([notices."2024-04"] recipients): no provincial portal, unlike June
    assert _recipients(april_doc) == [r for r in JUNE_RECIPIENTS if "Cổng" not in r]
    header = april_doc.tables[0]
    assert header.rows[1].cells[0].text == "Số:       /TB-VPUBND"
    assert re.fullmatch(r"Bình Phước, ngày +tháng 5 năm 2024", header.rows[1].cells[1].text)


def test_a_layout_is_chosen_per_run(june, april):
    """June laid out as April's notice: without a highlighted group, the overall standing
    continues the opening words of the paragraph."""
    doc = notice.build(_with(june, layout="compact"))
    texts = [p.text for p in doc.paragraphs]
    assert (
        "Theo số liệu thống kê trên Cổng DVC quốc gia, bộ chỉ số phục vụ người dân, doanh nghiệp "
        "trong thực hiện TTHC và cung cấp dịch vụ công, hiện nay, tỉnh đạt 84,39%, xếp hạng 03/63."
    ) in texts
    # no late publication in June: the request to the units is the one item, closed by "."
    assert texts[texts.index("Từ những nội dung trên, Văn phòng UBND tỉnh đề nghị:") + 1].endswith(
        "chuyển đổi số năm 2024."
    )
    # a month without Biểu 06 says so in either layout, never refers to an empty Phụ lục 3
    bare = dataclasses.replace(april, dossiers=april.dossiers.iloc[0:0])
    assert narrative.dossier_summary(bare) in [p.text for p in notice.build(bare).paragraphs]
    with pytest.raises(DataError) as err:
        june.settings.override(layout="compat")
    assert "compat" in str(err.value) and "compact" in str(err.value)


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
    # page numbers from page 2, centred at the top
    assert section.different_first_page_header_footer
    top = section.header.paragraphs[0]
    assert top.alignment == 1 and "PAGE" in top._p.xml
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    texts = [p.text for p in june_doc.paragraphs]
    assert "THÔNG BÁO" in texts
    runs = [r for p in june_doc.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size for r in runs} <= {Pt(13), Pt(14)}
    signature = june_doc.tables[-1]
    assert signature.rows[0].cells[0].text.startswith("Nơi nhận:")
    assert "KT. CHÁNH VĂN PHÒNG" in signature.rows[0].cells[1].text


def _with(data, **values):
    """The month with these settings, and no [notices] entry of its own unless given."""
    settings = dataclasses.replace(data.settings, notices={}).override(**values)
    return dataclasses.replace(data, run_settings=settings)


def test_deadline_derived_from_a_given_issue_date_in_working_days(june, april, tmp_path):
    # papermill passes dates as text; the CLI's --set as TOML dates: both are read
    derived = notice_facts.facts(_with(june, issued="2024-07-02"))
    assert derived.date_line.text == "ngày 02 tháng 7 năm 2024"
    assert derived.deadline.text == "09/7/2024" and derived.deadline.source is Source.DERIVED
    assert "09/7/2024" in derived.to_fill()[0] and "02/7/2024" in derived.to_fill()[0]
    # 30/4 and 1/5 are holidays, Saturday 4/5/2024 was worked in exchange for 29/4
    early = notice_facts.facts(_with(april, issued=date(2024, 4, 26)))
    assert early.deadline.text == "07/5/2024"  # 2/5, 3/5, Saturday 4/5, 6/5, 7/5
    doc = Document(str(notice.write_docx(_with(june, issued="2024-07-02"), tmp_path / "a.docx")))
    assert _highlighted(doc) == ["09/7/2024"]  # derived: to check; the given date is plain
    texts = docx_texts(doc)
    assert "Bình Phước, ngày 02 tháng 7 năm 2024" in texts
    given = notice_facts.facts(_with(june, issued="2024-07-02", deadline="2024-07-12"))
    assert given.deadline.text == "12/7/2024" and not given.to_fill()
    january = notice_facts.facts(_with(june, issued="2024-02-05"))
    assert january.date_line.text == "ngày 05 tháng 02 năm 2024"  # Nghị định 30: "tháng 02"


def test_a_bad_date_setting_is_refused_in_vietnamese(june):
    with pytest.raises(DataError) as err:
        june.settings.override(issued="09/7/2024")
    assert "issued" in str(err.value) and "YYYY-MM-DD" in str(err.value)


def test_workbook_sheets_titles_and_cells(workbook, june_lists):
    book = CalamineWorkbook.from_path(str(workbook))
    late = [f"Hồ sơ trễ hạn - {level}" for level in ("cấp tỉnh", "cấp huyện", "VP ĐKĐĐ", "cấp xã")]
    # June's dossier lists (committed) add a late-dossier sheet per level
    assert book.sheet_names == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Công bố TTHC chậm", *late]
    p1 = book.get_sheet_by_name("Phụ lục 1").to_python()
    assert p1[0][0] == "PHỤ LỤC 1. KẾT QUẢ BỘ CHỈ SỐ 766 CỦA CÁC SỞ, BAN, NGÀNH"
    assert p1[2][0] == "Số liệu thống kê tính từ ngày 01/6/2024 đến 30/6/2024"
    assert p1[4][:3] == ["STT", "Tên cơ quan, đơn vị", "Điểm các nhóm chỉ số"]
    assert p1[5][2] == "Công khai, minh bạch (18)"
    table = an.unit_table(june_lists, "department")
    first = p1[6]
    assert first[0] == 1 and first[1] == "Sở Nội vụ"
    assert first[8] == pytest.approx(table.iloc[0]["total"])
    assert first[9] == table.iloc[0]["rank_text"]
    assert len(p1) == 6 + 20
    p2 = book.get_sheet_by_name("Phụ lục 2").to_python()
    assert p2[6][1] == "I. UBND CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ"
    assert sum(1 for r in p2 if r[1] == "II. UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN") == 1
    assert len(p2) == 6 + 1 + 11 + 1 + 110


def test_workbook_merges_and_bieu06_header(workbook, june_lists):
    sheet = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name("Phụ lục 3")
    merges = set(sheet.merged_cell_ranges)
    assert ((4, 2), (4, 5)) in merges  # "Số hồ sơ nhận giải quyết" over four columns
    assert ((4, 0), (6, 0)) in merges  # STT down three rows
    rows = sheet.to_python()
    assert rows[4][2] == "Số hồ sơ nhận giải quyết" and rows[6][3] == "Trực tuyến"
    assert rows[7][:3] == ["1", "2", "3"]
    totals = next(r for r in rows if r[1] == "Tổng cộng")
    d = an.dossier_table(june_lists)
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
    # a copy per sheet: the four appendices, then June's four late-dossier sheets
    assert [p.name for p in csvs] == [f"phu_luc_2024-06_{i}.csv" for i in range(1, 9)]
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


def test_workbook_headers_fit_and_pages_are_numbered(workbook):
    book = openpyxl.load_workbook(workbook)
    for ws in book.worksheets:
        assert ws.oddFooter.center.text == "Trang &P/&N"
    p3 = book["Phụ lục 3"]
    # the four header rows (5-8) have heights; the wrapped top row is taller than one line
    heights = [p3.row_dimensions[r].height for r in range(5, 9)]
    assert all(h for h in heights) and max(heights) > 20
    p1 = book["Phụ lục 1"]
    first = 7  # the first unit row under the two header rows
    assert p1.cell(first, 1).alignment.horizontal == "center"  # STT
    assert p1.cell(first, 10).alignment.horizontal == "center"  # rank
    assert p1.cell(first, 11).alignment.horizontal == "center"  # movement
    assert p1.cell(first, 2).alignment.horizontal in (None, "general", "left")


@pytest.fixture(scope="module")
def october_2026(sample_project):
    return load_month("2026-10", sample_project)


ABOLISHED = re.compile(r"huyện|thị xã|thị trấn|HUYỆN|THỊ XÃ|THỊ TRẤN")


@pytest.mark.slow
def test_after_the_reorganisation_no_district_level_is_named(october_2026, tmp_path):
    path = notice.write_docx(october_2026, tmp_path / "tb.docx")
    doc = Document(str(path))
    texts = docx_texts(doc)
    assert not [t for t in texts if ABOLISHED.search(t)]
    assert "2. Về kết quả thực hiện các chỉ tiêu của bộ chỉ số 766 tại UBND các xã, phường" in texts
    late = next(t for t in texts if t.startswith("- UBND các xã, phường:"))
    assert "phường Hố Nai (3)" in late and "xã An Phước (3)" in late
    assert "- UBND các xã, phường;" in doc.tables[-1].rows[0].cells[0].text  # Nơi nhận
    written = appendix.write_workbook(october_2026, tmp_path / "pl.xlsx")
    cells = workbook_texts(written[0])
    assert not [c for c in cells if ABOLISHED.search(c)]
    book = CalamineWorkbook.from_path(str(written[0]))
    p2 = book.get_sheet_by_name("Phụ lục 2").to_python()
    assert p2[0][0] == "PHỤ LỤC 2. KẾT QUẢ BỘ CHỈ SỐ 766 CỦA UBND CÁC XÃ, PHƯỜNG"
    assert p2[6][1] == "I. UBND CÁC XÃ, PHƯỜNG"  # one section, numbered from I
    assert sum(1 for r in p2 if str(r[1]).startswith(("I. ", "II. "))) == 1
    assert any(r[1] == "UBND phường Hố Nai" for r in p2)


@pytest.mark.slow
def test_values_nobody_gave_are_highlighted_fields_never_guesses(october_2026, tmp_path):
    facts = notice_facts.facts(october_2026)
    assert not facts.directives and facts.issued is None
    assert facts.deadline.text == "[...]" and facts.deadline.source is Source.MISSING
    assert facts.plan.text.startswith("[") and "2026" in facts.plan.text
    doc = Document(str(notice.write_docx(october_2026, tmp_path / "tb.docx")))
    assert sorted(_highlighted(doc)) == sorted(
        [facts.date_line.text, facts.deadline.text, facts.plan.text]
    )
    texts = docx_texts(doc)
    assert any("trước ngày [...] để tổng hợp" in t for t in texts)
    assert len(facts.to_fill()) == 3


@pytest.mark.slow
def test_index_page_lists_what_to_fill_before_signing(october_2026, june, tmp_path):
    from chiso766.report import batch

    page = html.unescape(batch._index(october_2026, tmp_path, []))  # the text a reader sees
    assert "cần điền trước khi ký" in page
    reader, analysts = page.split('<section class="analysts">')
    facts = notice_facts.facts(october_2026)
    for line in facts.to_fill():  # what is missing, beside the notice (the PDF's note after it)
        assert line.rstrip(".") in reader
    assert ".;" not in reader
    for line in facts.how_to_fill():  # where it is set: only in the analysts' section
        assert line in analysts and line not in reader
    assert "province.toml" not in reader and "--issued" not in reader
    complete = _with(june, issued="2024-07-02", deadline="2024-07-09")
    assert "cần điền trước khi ký" not in batch._index(complete, tmp_path, [])


def test_a_mistyped_notice_setting_stops_the_run_with_its_name(project):
    from chiso766.config import Project

    toml = project.reference / "province.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("deadline = 2024-07-09", "deadine = 2024-07-09"))
    with pytest.raises(DataError) as err:
        _ = Project(project.root).settings
    assert 'notices."2024-06".deadine' in str(err.value)
    toml.write_text(text.replace("deadline = 2024-07-09", 'deadline = "09/7/2024"'))
    with pytest.raises(DataError) as err:
        _ = Project(project.root).settings
    assert 'notices."2024-06".deadline' in str(err.value) and "YYYY-MM-DD" in str(err.value)
    toml.write_text(text.replace('layout = "compact"', 'layout = "short"'))
    with pytest.raises(DataError) as err:
        _ = Project(project.root).settings
    assert 'notices."2024-04".layout' in str(err.value) and "compact" in str(err.value)


def _pdf_pages(path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.slow
@pytest.mark.skipif(not pdf.available(), reason="LibreOffice and poppler are not installed here")
def test_pdf_holds_the_notice_then_its_appendices(sample_reports):
    """The PDF `chiso766 report` made of June's notice and its appendices."""
    out = sample_reports["2024-06"].folder / "thong_bao_2024-06.pdf"
    pages = [" ".join(text.split()) for text in _pdf_pages(out)]
    assert "THÔNG BÁO" in pages[0] and "tháng 6/2024" in pages[0]
    annex = next(i for i, text in enumerate(pages) if "PHỤ LỤC 1." in text)
    notice_text = " ".join(pages[:annex])
    assert annex >= 2 and "Nơi nhận:" in pages[annex - 1]  # the notice whole, then the annexes
    assert "Lưu: VT, P. KSTTHC." in pages[annex - 1]  # the signature block never split
    assert "trước ngày 09/7/2024" in notice_text and "2256/UBND-KSTTHC" in notice_text
    assert pages[1].startswith("2")  # the page number at the top of page 2
    assert any("PHỤ LỤC 3." in text for text in pages[annex:])
    assert "Trang 1/" in pages[annex]


def test_index_says_how_to_get_the_pdf_without_libreoffice(june, tmp_path, monkeypatch):
    from chiso766.report import batch

    monkeypatch.setattr(pdf, "available", lambda: False)
    page = html.unescape(batch._index(june, tmp_path, []))
    assert "make pdf" in page and 'href="thong_bao_2024-06.pdf"' not in page


def test_pdf_conversions_reuse_a_libreoffice_profile_but_not_a_failed_ones(tmp_path, monkeypatch):
    """LibreOffice's first start in a profile folder costs it about 1.5 s: later conversions of
    the process (a backfill's months) reuse a free profile; one a failed conversion used is
    dropped. Run with a stand-in for soffice that records the profile and writes the PDFs."""
    profiles: list[str] = []
    fail = {"next": False}

    def run(args, **kwargs):
        if args[0] == "soffice":
            profiles.append(args[1].removeprefix("-env:UserInstallation="))
            if fail["next"]:
                fail["next"] = False
                raise subprocess.CalledProcessError(1, args)
            outdir = Path(args[args.index("--outdir") + 1])
            for name in args[-2:]:
                (outdir / f"{Path(name).stem}.pdf").write_bytes(b"%PDF")
        else:  # pdfunite
            Path(args[-1]).write_bytes(b"%PDF joined")
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(pdf, "available", lambda: True)
    monkeypatch.setattr(pdf.subprocess, "run", run)
    monkeypatch.setattr(pdf, "_free_profiles", queue.SimpleQueue())  # none from other tests
    docx, xlsx = tmp_path / "n.docx", tmp_path / "w.xlsx"
    for n in range(2):
        assert pdf.write_pdf(docx, xlsx, tmp_path / f"{n}.pdf") == tmp_path / f"{n}.pdf"
    assert profiles[0] == profiles[1]  # the second conversion found the first's profile
    fail["next"] = True
    with pytest.raises(subprocess.CalledProcessError):
        pdf.write_pdf(docx, xlsx, tmp_path / "2.pdf")
    assert profiles[2] == profiles[0] and not Path(unquote(urlparse(profiles[2]).path)).exists()
    pdf.write_pdf(docx, xlsx, tmp_path / "3.pdf")
    assert profiles[3] != profiles[0]  # a new profile after the failure


def _fill(cell) -> str | None:
    """A cell's solid fill colour (openpyxl), or None."""
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


def test_workbook_marks_the_day_to_fill_as_the_notice_does(workbook, june_lists, tmp_path):
    book = openpyxl.load_workbook(workbook)
    for ws in book.worksheets:
        attached = ws["A2"]
        assert attached.value.startswith("(Kèm theo Thông báo số")
        assert _fill(attached) == "FFFFFF00"  # no issue date for June: the day to fill
        assert _fill(ws["A1"]) is None and _fill(ws["A3"]) is None
    given = appendix.write_workbook(_with(june_lists, issued="2024-07-02"), tmp_path / "pl.xlsx")[0]
    ws = openpyxl.load_workbook(given)["Phụ lục 1"]
    assert "ngày 02 tháng 7 năm 2024" in ws["A2"].value and _fill(ws["A2"]) is None


@pytest.mark.slow
def test_after_the_reorganisation_the_publication_rule_is_the_periods(
    october_2026, april, tmp_path, monkeypatch
):
    """QĐ 14/2018 names "UBND cấp huyện": Bình Phước's rule until 30/6/2025. Đồng Nai's office
    has none set, so a late publication after 1/7/2025 gets the citation as a field to fill."""
    assert "14/2018/QĐ-UBND" in notice_facts.facts(april).publication_rule.text
    late = narrative.late_publications(april)
    monkeypatch.setattr(narrative, "late_publications", lambda data: late)
    facts = notice_facts.facts(october_2026)
    rule = facts.publication_rule
    assert rule.source is Source.MISSING and not ABOLISHED.search(rule.text)
    assert rule.note in facts.to_fill() and "publication_rule" in rule.how
    doc = Document(str(notice.write_docx(october_2026, tmp_path / "tb.docx")))
    assert rule.text in _highlighted(doc)
    assert not [t for t in docx_texts(doc) if ABOLISHED.search(t)]
    written = appendix.write_workbook(october_2026, tmp_path / "pl.xlsx")
    assert not [c for c in workbook_texts(written[0]) if ABOLISHED.search(c)]
    ws = openpyxl.load_workbook(written[0])["Công bố TTHC chậm"]
    note = next(c for c in ws["D"] if c.value == rule.text)
    assert _fill(note) == "FFFFFF00"
    # and the report's index lists it with what else is to fill before signing
    from chiso766.report import brief

    notes = " ".join(d["note"] or "" for d in brief.documents(october_2026, tmp_path))
    assert "cần điền trước khi ký" in notes and rule.note.rstrip(".") in notes


def test_cli_issued_and_deadline_are_this_runs_settings(project, monkeypatch):
    from chiso766 import cli

    seen = {}
    monkeypatch.setattr(cli, "_months", lambda args, project: ["2024-06"])
    monkeypatch.setattr(cli, "_report", lambda months, project, force, given: seen.update(given))
    args = cli.build_parser().parse_args(
        ["report", "--month", "2024-06", "--issued", "2024-07-02", "--deadline", "2024-07-09"]
    )
    cli._run(args, project)
    assert seen == {"issued": "2024-07-02", "deadline": "2024-07-09"}
    settings = project.settings.override(**seen)
    assert (settings.issued, settings.deadline) == (date(2024, 7, 2), date(2024, 7, 9))


@pytest.mark.slow
@pytest.mark.skipif(not pdf.available(), reason="LibreOffice and poppler are not installed here")
def test_report_pdfs_of_april_and_october(sample_reports):
    """The PDFs `chiso766 report` made: April's notice in its own layout then its appendices;
    October's with no district-level word on any page. Compared without spaces: justified lines
    come out of pdftotext as "tr ước", table columns interleaved."""
    folder = sample_reports["2024-04"].folder
    april = ["".join(text.split()) for text in _pdf_pages(folder / "thong_bao_2024-04.pdf")]
    annex = next(i for i, text in enumerate(april) if "PHỤLỤC1." in text)
    notice_text = "".join(april[:annex])
    assert 2 <= annex <= 3 and "Nơinhận:" in april[annex - 1]
    for words in ("(Có phụ lục 3 đính kèm theo)", "trước ngày 17/5/2024", "14/2018/QĐ-"):
        assert "".join(words.split()) in notice_text
    assert "Trang1/" in april[annex]
    october = _pdf_pages(sample_reports["2026-10"].folder / "thong_bao_2026-10.pdf")
    joined = "".join("".join(text.split()) for text in october)
    assert "PHỤLỤC2." in joined and not re.search("huyện|thịxã|thịtrấn", joined, re.IGNORECASE)
