"""The draft notice (.docx) as Nghị định 30/2020/NĐ-CP lays it out: A4, Times New Roman, the
header block (issuing body left, national motto right), number and place/date line, title and
subject, body, "Nơi nhận" and the signature block.

Every sentence that carries a figure comes from `narrative`, so the notice and the HTML report
say the same thing. What the data does not say (issue date, reply deadline, the directives and
plan and publication rule cited, recipients) comes from `notice_facts`; a value nobody gave is
highlighted in yellow, as offices mark the fields to fill before signing. The layout is the
month's (`notice_layout`: the office's June 2024 notice, or April 2024's), its wording the
period's structure (no district level from 1/7/2025).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import cast

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from chiso766 import analysis as an
from chiso766 import formatting as fmt
from chiso766.messages import msg
from chiso766.reference.levels import UNIT_LEVELS, Level
from chiso766.report import narrative, notice_facts
from chiso766.report.notice_facts import Field, NoticeFacts, notice_date

DIGITISATION = "MDSH"  # the group code of "Số hóa hồ sơ"

FONT = "Times New Roman"
BODY_PT = 14


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


def _header_block(doc, data: an.MonthData, facts: NoticeFacts) -> None:
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
    line = place.paragraphs[0]
    line.alignment = center
    _font(line.add_run(msg("doc.place", place=office["place"])), 14, italic=True)
    _font(_marked(line.add_run(facts.date_line.text), facts.date_line), 14, italic=True)


def _marked(run, field: Field):
    """A run highlighted in yellow when its value was not given (a field to fill or check)."""
    if field.marked:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _para_fields(container, key: str, fields: dict[str, str | Field], **options):
    """A paragraph of message `key` whose Field values are their own runs, highlighted when
    marked: the officer sees at a glance what to fill or check."""
    marks = {name: f"\x00{name}\x00" for name, v in fields.items() if isinstance(v, Field)}
    text = msg(key, **{name: marks.get(name, v) for name, v in fields.items()})
    p = _para(container, **options)
    for i, piece in enumerate(text.split("\x00")):
        if not piece:
            continue
        value = fields.get(piece) if i % 2 else None
        if isinstance(value, Field):
            _font(_marked(p.add_run(value.text), value))
        else:
            _font(p.add_run(piece))
    return p


def _page_numbers(section) -> None:
    """Page numbers from page 2, centred at the top (Nghị định 30/2020/NĐ-CP)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def build(data: an.MonthData, *, threshold: int | None = None) -> DocxDocument:
    """The notice of `data.month` as a python-docx Document."""
    facts = notice_facts.facts(data)
    office = data.province.office
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    _page_numbers(section)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)

    _header_block(doc, data, facts)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "", after=6)
    _para(doc, msg("doc.title"), bold=True, align=center, after=0)
    subject = _para(
        doc, msg("doc.subject", period=data.period.label()), bold=True, align=center, after=12
    )
    subject.paragraph_format.left_indent = Cm(1)
    subject.paragraph_format.right_indent = Cm(1)

    name = office["short_name"]
    layout = facts.layout
    _para(doc, msg(layout.basis))
    _para(doc, msg(layout.source, portal=facts.portal, office=name))
    _section1(doc, data, facts, name)
    publications = narrative.late_publications(data)
    _section2(doc, data, facts, name, threshold, numbered=bool(publications))
    if publications:
        _para(doc, msg("doc.sub_publication"), bold=True)
        _late_publication_table(doc, facts, publications)
    _requests(doc, facts, name, publications=bool(publications))
    closing = _para(doc, msg("doc.closing", office=name))
    closing.paragraph_format.keep_with_next = True  # never alone above the signature
    _signature(doc, office, facts.recipients)
    return doc


def _section1(doc, data: an.MonthData, facts: NoticeFacts, office: str) -> None:
    layout = facts.layout
    _para(doc, msg("doc.section1"), bold=True)
    highlights = narrative.group_highlights(data)
    if layout.standing:  # the highlights and the overall standing in one paragraph (April 2024)
        whole = narrative.overall(data)
        sentences = [*highlights, whole] if highlights else [_lower_first(whole)]
        _para(doc, msg(layout.standing, sentences=" ".join(sentences)))
    else:
        # the overall sentence sets the highlighted groups against the whole index; without
        # highlights it would repeat the headline (June 2024 states the headline alone)
        overall = [narrative.overall(data)] if highlights else []
        for sentence in (narrative.headline(data), *highlights, *overall):
            _para(doc, sentence)
    if layout.units_intro:
        _para(doc, msg(layout.units_intro))
    p = data.period
    start, end = notice_date(p.start), notice_date(p.end)
    local = msg(
        layout.sub_local[notice_facts.structure_key(data)],
        kinds=notice_facts.commune_kinds(data),
    )
    for n, heading in ((1, msg(layout.sub_departments)), (2, local)):
        _para(doc, heading, bold=True)
        _para(
            doc,
            msg(layout.annex_ref, n=n, start=start, end=end),
            italic=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    if not layout.requests_at_end:
        _para_fields(doc, "doc.request_units", {"office": office, "plan": facts.plan})


def _lower_first(sentence: str) -> str:
    """ "Bộ chỉ số ..." continuing "Theo số liệu ..., ": its first letter in lower case."""
    return sentence[:1].lower() + sentence[1:]


def _section2(
    doc,
    data: an.MonthData,
    facts: NoticeFacts,
    office: str,
    threshold: int | None,
    *,
    numbered: bool,
) -> None:
    layout = facts.layout
    digitised = _digitised(data)
    _para(doc, msg(layout.section2_digitised if digitised else layout.section2), bold=True)
    if numbered:  # with a late publication part, the two parts are numbered (April 2024)
        _para(doc, msg("doc.sub_dossiers"), bold=True)
    if layout.results:
        if data.has_dossiers:
            _para(doc, msg("doc.results"))
            _results_table(doc, data)
        if digitised:  # the figures under the heading that names them
            _para(doc, digitised)
        lines = narrative.late_lines(data, threshold) if data.has_dossiers else []
        for line in lines or [narrative.dossier_summary(data)]:
            _para(doc, line)
    elif not data.has_dossiers:  # no Biểu 06 this month: said, not left to an empty annex
        _para(doc, narrative.dossier_summary(data))
    _para(doc, msg(layout.annex3_ref), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if facts.directives:
        directives = msg("doc.and").join(facts.directives)
        _para_fields(
            doc,
            "doc.explain_directive",
            {"office": office, "directives": directives, "deadline": facts.deadline},
        )
    else:
        _para_fields(doc, "doc.explain", {"office": office, "deadline": facts.deadline})


def _requests(doc, facts: NoticeFacts, office: str, *, publications: bool) -> None:
    """ "Từ những nội dung trên, ... đề nghị:" and its items: the request to the units when the
    layout gathers the requests at the end (April 2024), the one on publishing when the month
    had late publications. Items end with ";", the last with "."."""
    items: list[tuple[str, dict[str, str | Field]]] = []
    if facts.layout.requests_at_end:
        items.append(("doc.request_units_item", {"plan": facts.plan}))
    if publications:
        items.append(("doc.request_publication", {}))
    if not items:
        return
    _para(doc, msg("doc.requests", office=office))
    for i, (key, fields) in enumerate(items):
        end = ";" if i < len(items) - 1 else "."
        _para_fields(doc, key, {**fields, "end": end})


def _digitised(data: an.MonthData) -> str | None:
    """The province's digitisation group this month, when the portal scored it."""
    groups = an.group_table(data)
    row = groups[groups["code"] == DIGITISATION]
    if row.empty:
        return None
    r = row.iloc[0]
    return msg(
        "doc.digitised",
        name=data.province_name,
        score=fmt.points(r["score"]),
        max=int(r["max"]),
        share=fmt.percent(r["share"]),
        rank=r["rank_text"],
    )


_RESULT_COLUMNS = (
    ("doc.res_received", "received_total"),
    ("doc.res_resolved", "resolved_total"),
    ("doc.res_in_time", "in_time"),
    ("doc.res_resolved_late", "resolved_late"),
    ("doc.res_pending_overdue", "pending_overdue"),
)


def _results_table(doc, data: an.MonthData) -> None:
    """ "Kết quả cụ thể": the month's dossiers per level and in total, late dossiers named as
    what they are (resolved late, pending past their deadline)."""
    d = an.dossier_table(data)
    d = d.assign(in_time=d["resolved_early"].fillna(0) + d["resolved_on_time"].fillna(0))
    columns = [c for _, c in _RESULT_COLUMNS]
    sums = d.groupby("level", sort=False)[columns].sum(min_count=1)
    rows = [(Level(level).label, sums.loc[level]) for level in UNIT_LEVELS if level in sums.index]
    rows.append((msg("app.totals"), d[columns].sum(min_count=1)))
    table = doc.add_table(rows=1, cols=len(_RESULT_COLUMNS) + 2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = [msg("doc.res_level"), *[msg(k) for k, _ in _RESULT_COLUMNS], msg("doc.res_rate")]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), 11, bold=True)
    for i, (label, values) in enumerate(rows):
        resolved = values["resolved_total"]
        rate = values["in_time"] / resolved if resolved else None
        texts = [label, *[fmt.count(_count(values[c])) for c in columns], fmt.percent(rate)]
        cells = table.add_row().cells
        for j, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            cell.paragraphs[0].alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            )
            _font(cell.paragraphs[0].add_run(text), 11, bold=i == len(rows) - 1)
    _widths(table, (Cm(4), *[Cm(2)] * len(_RESULT_COLUMNS), Cm(2)))
    _para(doc, "", after=0)


def _count(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(cast(int, value))


def _late_publication_table(doc, facts: NoticeFacts, rows: list[dict[str, str]]) -> None:
    rule = facts.publication_rule
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    headers = (msg("doc.stt"), msg("app.pub_decision"), msg("app.pub_unit"), msg("app.pub_note"))
    widths = (Cm(1.2), Cm(7), Cm(4), Cm(3.8))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for r in rows:
        stt, decision, unit, note = table.add_row().cells
        stt.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for cell, text in ((stt, r["stt"]), (decision, r["decision"]), (unit, r["unit"])):
            _font(cell.paragraphs[0].add_run(text), 12)
        _font(_marked(note.paragraphs[0].add_run(rule.text), rule), 12, italic=True)
    _widths(table, widths)
    _para(doc, "", after=6)


def _signature(doc, office: dict, recipients: tuple[str, ...]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (Cm(8), Cm(8)))
    # "Nơi nhận" and the signature stay on one page: the row never splits across pages
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run(msg("doc.recipients")), 12, bold=True, italic=True)
    for line in recipients:
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
