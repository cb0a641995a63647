"""The draft notice (.docx) as Nghị định 30/2020/NĐ-CP lays it out: A4, Times New Roman, the
header block (issuing body left, national motto right), number and place/date line, title and
subject, body, "Nơi nhận" and the signature block.

Every sentence that carries a figure comes from `narrative`, so the notice and the HTML report
say the same thing.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from chiso766 import analysis as an
from chiso766.messages import msg
from chiso766.report import narrative

FONT = "Times New Roman"
BODY_PT = 14


def default_notice_date(data: an.MonthData) -> date:
    """The first working day after the month: when offices usually issue the notice."""
    return data.calendar.add(data.period.end, 1)


def explanation_deadline(data: an.MonthData, notice_date: date) -> date:
    days = data.project.config["notice"]["explanation_working_days"]
    return data.calendar.add(notice_date, days)


def _date(d: date) -> str:
    return f"{d.day:02d}/{d.month}/{d.year}"


def _font(run, size: float = BODY_PT, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    after: float = 6,
):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.15
    if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _widths(table, widths) -> None:
    """Column widths that Word and LibreOffice both honour (grid and cells)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _rule_below(paragraph, inset) -> None:
    """A short line under a paragraph (under the motto and under the issuing body); `inset`
    from both sides sets its length."""
    paragraph.paragraph_format.left_indent = inset
    paragraph.paragraph_format.right_indent = inset
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _header_block(doc, data: an.MonthData, notice_date: date) -> None:
    office = data.province.office
    table = doc.add_table(rows=2, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Cm(6.5), Cm(9.5)))
    left, right = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].alignment = center
    _font(left.paragraphs[0].add_run(office["parent_body"]), 13)
    issuing = _para(left, office["issuing_body"], size=13, bold=True, align=center, after=0)
    _rule_below(issuing, Cm(1.5))
    right.paragraphs[0].alignment = center
    _font(right.paragraphs[0].add_run(msg("doc.motto1")), 12, bold=True)
    motto = _para(right, msg("doc.motto2"), size=14, bold=True, align=center, after=0)
    _rule_below(motto, Cm(1.2))
    number, place = table.rows[1].cells
    number.paragraphs[0].alignment = center
    _font(number.paragraphs[0].add_run(msg("doc.number", symbol=office["symbol"])), 13)
    place.paragraphs[0].alignment = center
    _font(
        place.paragraphs[0].add_run(
            msg(
                "doc.place_date",
                place=office["place"],
                month=notice_date.month,
                year=notice_date.year,
            )
        ),
        14,
        italic=True,
    )


def build(
    data: an.MonthData, *, notice_date: date | None = None, threshold: int | None = None
) -> DocxDocument:
    """The notice of `data.month` as a python-docx Document."""
    notice_date = notice_date or default_notice_date(data)
    office = data.province.office
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)

    _header_block(doc, data, notice_date)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "", after=6)
    _para(doc, msg("doc.title"), bold=True, align=center, after=0)
    subject = _para(
        doc, msg("doc.subject", period=data.period.label()), bold=True, align=center, after=12
    )
    subject.paragraph_format.left_indent = Cm(1)
    subject.paragraph_format.right_indent = Cm(1)

    name = office["short_name"]
    _para(doc, msg("doc.basis"))
    _para(doc, msg("doc.source", office=name))
    _para(doc, msg("doc.section1"), bold=True)
    for sentence in (
        narrative.headline(data),
        *narrative.group_highlights(data),
        narrative.overall(data),
    ):
        _para(doc, sentence)
    p = data.period
    start, end = _date(p.start), _date(p.end)
    for n, heading in ((1, "doc.sub_departments"), (2, "doc.sub_local")):
        _para(doc, msg(heading), bold=True)
        _para(
            doc,
            msg("doc.annex_ref", n=n, start=start, end=end),
            italic=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    _para(
        doc,
        msg("doc.request_units", office=name, plan=data.project.plan_reference(data.period.year)),
    )

    _para(doc, msg("doc.section2"), bold=True)
    _para(doc, msg("doc.sub_dossiers"), bold=True)
    for line in narrative.dossier_section(data, threshold):
        _para(doc, line)
    _para(doc, msg("doc.annex3"), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(
        doc,
        msg("doc.explain", office=name, deadline=_date(explanation_deadline(data, notice_date))),
    )
    _para(doc, msg("doc.sub_publication"), bold=True)
    _late_publication_table(doc, data)

    _para(doc, msg("doc.requests", office=name))
    _para(doc, msg("doc.request_publication"))
    _para(doc, msg("doc.closing", office=name))
    _signature(doc, office)
    return doc


def _late_publication_table(doc, data: an.MonthData) -> None:
    rows = narrative.late_publications(data)
    if not rows:
        _para(doc, narrative.publication_lines(data)[0])
        return
    note = data.project.config["notice"]["publication_rule"]
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    headers = (msg("doc.stt"), msg("app.pub_decision"), msg("app.pub_unit"), msg("app.pub_note"))
    widths = (Cm(1.2), Cm(7), Cm(4), Cm(3.8))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for r in rows:
        cells = table.add_row().cells
        values = (r["stt"], r["decision"], r["unit"], note)
        for cell, text, italic in zip(cells, values, (False, False, False, True), strict=True):
            _font(cell.paragraphs[0].add_run(text), 12, italic=italic)
    _widths(table, widths)
    _para(doc, "", after=6)


def _signature(doc, office: dict) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (Cm(8), Cm(8)))
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run(msg("doc.recipients")), 12, bold=True, italic=True)
    for line in office["recipients"]:
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(f"- {line}"), 11)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    first, *rest = office["signer_lines"]
    _font(right.paragraphs[0].add_run(first), 14, bold=True)
    for line in rest:
        _para(right, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for _ in range(4):
        _para(right, "", align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    if office.get("signer_name"):
        _para(right, office["signer_name"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)


def write_docx(data: an.MonthData, path: Path, **options) -> Path:
    """Save the notice with fixed dates inside, so the same month gives the same bytes."""
    doc = build(data, **options)
    stamp = datetime.combine(data.period.end, datetime.min.time())
    props = doc.core_properties
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = data.province.office["short_name"]
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(_fixed_zip_times(buffer.getvalue()))
    return path


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01 (zip stores write times)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
