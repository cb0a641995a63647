"""The bad-input corpus: every case is generated here from the sample, run through the CLI and
the library, and must end in a clear Vietnamese message with its location (or a reported
correction), the right exit status, no traceback, the raw files byte for byte as they were, and
nothing written for the month when the data cannot be trusted."""

from __future__ import annotations

import csv
import errno
import html
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import msoffcrypto.format.ooxml
import pytest
import xlsxwriter
import xlwt

from chiso766 import DataError, read_month
from chiso766.cli import main
from chiso766.config import Project
from chiso766.ingest import pipeline
from chiso766.ingest.legacy import to_tcvn3
from chiso766.report import kernels
from chiso766.sample import build_month
from chiso766.sample import exports as ex
from conftest import REPO, load_month, sha256_tree

MONTH = "2024-06"
NATIONAL = "Bảng xếp hạng 766 tháng 6-2024.xlsx"
UNITS = "api_donvi_binhphuoc_2024-06.json"
DOSSIERS = "BaoCaoTinhHinhXuLyHoSo_062024.xls"
PUBLICATIONS = "Theo doi cong bo TTHC T6-2024.xlsx"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    status: int  # CLI exit status: 1 when the month cannot be trusted, 0 otherwise
    code: str  # the issue code that must be reported
    where: tuple[str, ...] = ("file",)  # location fields the issue must carry
    month: str = MONTH


# --- helpers that damage the sample -------------------------------------------------------------


def _units(folder: Path) -> tuple[Path, dict]:
    path = folder / UNITS
    return path, json.loads(path.read_text(encoding="utf-8"))


def _edit_units(change: Callable[[list[dict]], None]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path, doc = _units(folder)
        change(doc["data"])
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    return build


def _unit(rows: list[dict], name: str) -> dict:
    return next(r for r in rows if r["TEN"] == name)


def _edit_html(old: str, new: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path = folder / DOSSIERS
        text = path.read_bytes().decode("utf-8")
        assert old in text
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))

    return build


def _both(*builds: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for b in builds:
            b(folder)

    return build


def _drop_files(*names: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for name in names:
            (folder / name).unlink()

    return build


def _replace(name: str, data: bytes | Callable[[], bytes], new_name: str | None = None):
    def build(folder: Path) -> None:
        (folder / name).unlink()
        (folder / (new_name or name)).write_bytes(data() if callable(data) else data)

    return build


def _add(name: str, data: bytes | Callable[[], bytes]):
    def build(folder: Path) -> None:
        (folder / name).write_bytes(data() if callable(data) else data)

    return build


def _national_rows() -> list[dict]:
    """June's national scores as portal rows (from April's CSV shape, June's numbers)."""
    project = Project(REPO)
    from chiso766.sample import figures

    provinces = project.provinces.frame.reset_index(drop=True)
    provinces = provinces[provinces["valid_to"] == "2025-06-30"]
    scores = figures.national_scores(MONTH, provinces).merge(provinces, on="unit_id")
    return [
        {
            "ID": str(i),
            "TEN": r.name,
            "TEN_COQUAN": f"UBND {r.title} {r.name}",
            "MA_COQUAN": r.code,
            "LOAI_COQUAN": "1",
            "CAPDONVIID": "1",
            **{
                c: ex.points(getattr(r, c))
                for c in ("TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB")
            },
            "TONG_SCORE": ex.points(r.total),
            "ROW_STT": str(i),
        }
        for i, r in enumerate(scores.itertuples(), 1)
    ]


def _csv(
    rows: list[dict],
    fields: list[str] | None = None,
    encoding: str = "utf-8-sig",
    rename: dict[str, str] | None = None,
) -> bytes:
    fields = fields or list(rows[0])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([(rename or {}).get(f, f) for f in fields])
    for r in rows:
        writer.writerow([r.get(f, "") for f in fields])
    return buf.getvalue().encode(encoding)


def _national_csv(**kw) -> Callable[[], bytes]:
    return lambda: _csv(_national_rows(), **kw)


def _dossier_html(header_leaves: list[str], body: list[list[str]]) -> bytes:
    top = [
        ("STT", 2, 1),
        ("Đơn vị", 2, 1),
        ("Tiếp nhận", 1, 2),
        ("Đã giải quyết", 1, 2),
        ("Đang giải quyết", 1, 1),
    ]
    leaves = [(t, 1, 1) for t in header_leaves]
    return ex.html_xls(["Tháng 6/2024"], [top, leaves], body)


def _encrypted_xlsx() -> bytes:
    plain = io.BytesIO(build_month(MONTH, Project(REPO))[NATIONAL])
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("matkhau", out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return buf.getvalue()


def _merged_data_xlsx() -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["Tháng 6/2024"])
    header = [
        "STT",
        "Tên đơn vị",
        "Công khai, minh bạch",
        "Tiến độ giải quyết",
        "Dịch vụ công trực tuyến",
        "Thanh toán trực tuyến",
        "Mức độ hài lòng",
        "Số hóa hồ sơ",
        "Tổng điểm",
    ]
    ws.write_row(2, 0, header)
    ws.write_row(3, 0, [1, "Sở Y tế", 15, 16, 8, 9, 15, 18, 81])
    ws.write_row(4, 0, [2, "Sở Tư pháp"])
    ws.merge_range(4, 2, 4, 3, 30)  # two groups in one merged cell
    ws.write_row(4, 4, [8, 9, 15, 18, 80])
    book.close()
    return buf.getvalue()


def _formula_xlsx() -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    rows = [["Sở Y tế", 15, 16, 8, 9, 15, 18], ["Sở Tư pháp", 14, 17, 7, 9, 16, 19]]
    ws.write_row(
        0,
        0,
        [
            "Tên đơn vị",
            "Công khai, minh bạch",
            "Tiến độ giải quyết",
            "Dịch vụ công trực tuyến",
            "Thanh toán trực tuyến",
            "Mức độ hài lòng",
            "Số hóa hồ sơ",
            "Tổng điểm",
        ],
    )
    for r, row in enumerate(rows, 1):
        ws.write_row(r, 0, row)
        ws.write_formula(r, 7, f"=SUM(B{r + 1}:G{r + 1})", None, sum(row[1:]))
    book.close()
    return buf.getvalue()


def _million_rows() -> bytes:
    return (
        b"STT,T\xc3\xaan \xc4\x91\xc6\xa1n v\xe1\xbb\x8b,T\xe1\xbb\x95ng \xc4\x91i\xe1\xbb\x83m\n"
        + (b"1,x,1\n" * 1_000_001)
    )


def _rename_all(folder: Path) -> None:
    names = {
        NATIONAL: "bảng điểm tháng 6 (bản cuối).xlsx",
        UNITS: "a  b ..json",
        DOSSIERS: "..hai..cham.xls",
        PUBLICATIONS: "Theo dõi công bố.xlsx",
    }
    for old, new in names.items():
        (folder / old).rename(folder / new)


def _legacy_units(encode: Callable[[str], str]) -> Callable[[Path], None]:
    def change(rows):
        for r in rows:
            r["TEN"] = encode(r["TEN"])
            r["TEN_COQUAN"] = encode(r["TEN_COQUAN"])

    return _edit_units(change)


def _vni_units(folder: Path) -> None:
    path, doc = _units(folder)
    row = (
        _unit(doc["data"], "Sở Giáo dục và Đào tạo")
        if any(r["TEN"] == "Sở Giáo dục và Đào tạo" for r in doc["data"])
        else _unit(doc["data"], "Sở GD&ĐT")
    )
    row["TEN"] = row["TEN_COQUAN"] = "Sôû Giaùo duïc vaø Ñaøo taïo"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


_OTHER_FIGURES = {
    "CKMB": "10.00",
    "TDGQ": "10.00",
    "CLGQ": "5.00",
    "TTTT": "5.00",
    "MDHL": "10.00",
    "MDSH": "10.00",
    "TONG_SCORE": "50.00",
}


def _rename_unit(name: str, new: str):
    """A unit whose name (and code) the registry does not know."""
    return _edit_units(
        lambda rows: _unit(rows, name).update(
            {"TEN": new, "TEN_COQUAN": new, "MA_COQUAN": "H10.99.99"}
        )
    )


def _set(name: str, field: str, value: str):
    return _edit_units(lambda rows: _unit(rows, name).__setitem__(field, value))


def _duplicate(name: str, change: dict | None = None, spelled: str | None = None):
    def edit(rows):
        copy = dict(_unit(rows, name))
        copy.update(change or {})
        if spelled:
            copy["TEN"] = copy["TEN_COQUAN"] = spelled
        rows.append(copy)

    return _edit_units(edit)


def _html_title(folder: Path) -> None:
    path = folder / DOSSIERS
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(
        text.replace("01/06/2024", "01/05/2024").replace("30/06/2024", "31/05/2024").encode("utf-8")
    )


def _drop_province(folder: Path) -> None:
    rows = [r for r in _national_rows() if r["TEN"] != "Bình Phước"]
    (folder / NATIONAL).unlink()
    (folder / "bxh.csv").write_bytes(_csv(rows))


def _bad_date(folder: Path, value: str = "32/13/2024", column: int = 2) -> None:
    from python_calamine import CalamineWorkbook

    sheet = (
        CalamineWorkbook.from_path(str(folder / PUBLICATIONS))
        .get_sheet_by_name("Theo doi cong bo")
        .to_python()
    )
    rows = [
        [(value if (r, c) == (4, column) else v) for c, v in enumerate(row)]
        for r, row in enumerate(sheet)
    ]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows[3:])
    (folder / PUBLICATIONS).unlink()
    (folder / "cong bo.csv").write_text(buf.getvalue(), encoding="utf-8")


EXCEL_ERRORS = ("#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")
SCORE_FIELDS = ("TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB", "TONG_SCORE")


def _unit_errors(literal: str, fields: tuple[str, ...] = SCORE_FIELDS):
    """A unit's score cells holding an Excel error, as the portal's export writes it."""
    return _edit_units(lambda rows: _unit(rows, "Sở Y tế").update(dict.fromkeys(fields, literal)))


def _national_error_cells(literal: str) -> Callable[[Path], None]:
    """The national ranking as an .xlsx whose formulas failed for one province: real error
    cells (t="e"), which a reader shows as empty unless it looks."""

    def data() -> bytes:
        rows = _national_rows()
        fields = ["TEN", *SCORE_FIELDS]
        buf = io.BytesIO()
        book = xlsxwriter.Workbook(buf, {"in_memory": True})
        ws = book.add_worksheet("BXH")
        ws.write_row(0, 0, fields)
        for r, row in enumerate(rows, 1):
            ws.write_string(r, 0, row["TEN"])
            for c, f in enumerate(SCORE_FIELDS, 1):
                if row["TEN"] == "Đồng Nai":
                    ws.write_formula(r, c, "=VLOOKUP(A1,Z:Z,2,0)", None, literal)
                else:
                    ws.write_number(r, c, float(row[f]))
        book.close()
        return buf.getvalue()

    return _replace(NATIONAL, data, "bxh.xlsx")


_BIFF_ERRORS = {"#N/A": 0x2A, "#REF!": 0x17, "#DIV/0!": 0x07}


def _national_xls_error_cells(literal: str) -> Callable[[Path], None]:
    """The national ranking as an old binary .xls with error cells for one province (BIFF
    BOOLERR records), which calamine shows as empty text."""

    def data() -> bytes:
        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("BXH")
        for c, f in enumerate(["TEN", *SCORE_FIELDS]):
            ws.write(0, c, f)
        for r, row in enumerate(_national_rows(), 1):
            ws.write(r, 0, row["TEN"])
            for c, f in enumerate(SCORE_FIELDS, 1):
                if row["TEN"] == "Đồng Nai":
                    ws.row(r).set_cell_error(c, _BIFF_ERRORS[literal])
                else:
                    ws.write(r, c, float(row[f]))
        buf = io.BytesIO()
        book.save(buf)
        return buf.getvalue()

    return _replace(NATIONAL, data, "bxh.xls")


def _national_without(*names: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        rows = [r for r in _national_rows() if r["TEN"] not in names]
        (folder / NATIONAL).unlink()
        (folder / "bxh.csv").write_bytes(_csv(rows))

    return build


NATIONAL_34 = "xep_hang_34_tinh_2025-08.csv"


def _edit_national_34(change: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path = folder / NATIONAL_34
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
        path.write_bytes(("\r\n".join(change(lines)) + "\r\n").encode("utf-8-sig"))

    return build


def _dossier_row(name: str) -> str:
    return f"<tr><td>{name}</td>"


def _drop_dossier_rows(*names: str, totals: bool = True) -> Callable[[Path], None]:
    """Unit rows deleted from Biểu 06; its "Tổng cộng" row kept as it was, or deleted too."""

    def build(folder: Path) -> None:
        path = folder / DOSSIERS
        lines = path.read_bytes().decode("utf-8").split("\n")
        gone = [f"<td>{n}</td>" for n in names] + ([] if totals else ["<td>Tổng cộng</td>"])
        kept = [line for line in lines if not any(g in line for g in gone)]
        assert len(kept) == len(lines) - len(gone)
        path.write_bytes("\n".join(kept).encode("utf-8"))

    return build


def _rowspan_over_two_units(folder: Path) -> None:
    """Sở Nội vụ's received total spans down over Sở Tư pháp's row (one cell fewer there)."""
    path = folder / DOSSIERS
    text = path.read_bytes().decode("utf-8")
    first = "<td>Sở Nội vụ</td><td>688</td>"
    second = "<td>Sở Tư pháp</td><td>726</td>"
    assert first in text and second in text
    text = text.replace(first, '<td>Sở Nội vụ</td><td rowspan="2">688</td>')
    path.write_bytes(text.replace(second, "<td>Sở Tư pháp</td>").encode("utf-8"))


def _publication_date(value: str, column: int = 2) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        _bad_date(folder, value, column)

    return build


def _only_unreadable(folder: Path) -> None:
    for path in list(folder.iterdir()):
        path.unlink()
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04" + bytes(4000))
    (folder / "danh ba.csv").write_bytes("Họ tên,Điện thoại\nAn,0912\n".encode())


def _only_unknown_kinds(folder: Path) -> None:
    (folder / "danh ba.csv").write_bytes("Họ tên,Điện thoại\nAn,0912\n".encode())
    (folder / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def _huge_count(value: str) -> Callable[[Path], None]:
    return _edit_html("<td>Sở Tư pháp</td><td>726", f"<td>Sở Tư pháp</td><td>{value}")


def _control_characters(folder: Path) -> None:
    _edit_units(
        lambda rows: _unit(rows, "Sở Y tế").update(
            {"TEN": "Sở Y\x01 tế\x1b[31m", "TEN_COQUAN": "Sở\x07 Y tế"}
        )
    )(folder)


CASES = [
    Case("empty file", _add("trong.xlsx", b""), 1, "read.empty_file"),
    Case("whitespace only", _add("trang.csv", b" \r\n \n"), 1, "read.empty_file"),
    Case(
        "zero-row table",
        _replace(
            NATIONAL,
            b"\xef\xbb\xbfID,TEN,TEN_COQUAN,TDGQ,MDHL,MDSH,TTTT,CLGQ,CKMB,TONG_SCORE\r\n",
            "bxh.csv",
        ),
        1,
        "read.no_rows",
    ),
    Case(
        "wrong kind of file",
        _add("danh ba.csv", "Họ tên,Điện thoại\nAn,0912\n".encode()),
        0,
        "read.unknown_kind",
    ),
    Case(
        "picture among exports",
        _add("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        0,
        "read.unknown_format",
    ),
    Case(
        "missing required Biểu 06 column",
        _replace(
            DOSSIERS,
            _dossier_html(
                ["Tổng số", "Từ kỳ trước", "Tổng số", "Đúng hạn", "Tổng số"],
                [["1", "Sở Y tế", "10", "0", "8", "8", "2"]],
            ),
            "b06.xls",
        ),
        1,
        "col.missing",
        ("file",),
    ),
    Case(
        "missing score group",
        _replace(
            NATIONAL,
            _national_csv(fields=["TEN", "TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "TONG_SCORE"]),
            "bxh.csv",
        ),
        1,
        "col.missing_groups",
    ),
    Case(
        "renamed columns",
        _replace(
            NATIONAL,
            _national_csv(
                fields=["TEN", "TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB", "TONG_SCORE"],
                rename={
                    "TEN": "Tên tỉnh",
                    "TONG_SCORE": "Điểm tổng",
                    "CKMB": "Công khai, minh bạch",
                },
            ),
            "bxh.csv",
        ),
        0,
        "",
    ),
    Case(
        "extra columns",
        _replace(
            NATIONAL,
            _national_csv(
                fields=[
                    "TEN",
                    "Ghi chú",
                    "TDGQ",
                    "MDHL",
                    "MDSH",
                    "TTTT",
                    "CLGQ",
                    "CKMB",
                    "TONG_SCORE",
                    "Người nhập",
                ]
            ),
            "bxh.csv",
        ),
        0,
        "",
    ),
    Case(
        "merged cells in data rows",
        _replace(UNITS, _merged_data_xlsx, "don vi.xlsx"),
        1,
        "val.missing_score",
        ("file", "row", "column"),
    ),
    Case(
        "text in a count column",
        _edit_html("<td>Sở Tư pháp</td><td>", "<td>Sở Tư pháp</td><td>mười"),
        1,
        "val.not_count",
        ("file", "row", "column"),
    ),
    Case(
        "text in a score column",
        _set("Sở Y tế", "CKMB", "mười hai"),
        1,
        "val.not_number",
        ("file", "row", "column"),
    ),
    Case(
        "negative count",
        _edit_html("<td>Sở Tư pháp</td><td>", "<td>Sở Tư pháp</td><td>-"),
        1,
        "val.negative",
        ("file", "row", "column"),
    ),
    Case(
        "score above its maximum",
        _set("Sở Y tế", "TTTT", "10.50"),
        1,
        "val.score_range",
        ("file", "row", "column"),
    ),
    Case(
        "total not the sum of groups",
        _set("Sở Y tế", "TONG_SCORE", "99.99"),
        1,
        "val.total_mismatch",
        ("file", "row", "column"),
    ),
    Case(
        "same unit twice, different values",
        _duplicate("Sở Y tế", _OTHER_FIGURES),
        1,
        "unit.duplicate_conflict",
        ("file", "row"),
    ),
    Case(
        "same unit twice, same figures",
        _duplicate("Sở Tư pháp", {"ROW_STT": "999"}),
        0,
        "unit.duplicate_same",
    ),
    Case(
        "one unit spelled two ways",
        _duplicate("Sở Nội vụ", _OTHER_FIGURES, spelled="SỞ NỘI VỤ - tỉnh Bình Phước"),
        1,
        "unit.duplicate_conflict",
        ("file", "row"),
    ),
    Case(
        "unknown unit",
        _rename_unit("UBND xã Thanh An", "UBND xã Thanh Ann"),
        0,
        "unit.unknown",
        ("file", "row", "column"),
    ),
    Case(
        "unknown unit of unknown level",
        _edit_units(
            lambda rows: [
                r.update(
                    {
                        "TEN": "Tổ công tác 766",
                        "TEN_COQUAN": "Tổ công tác 766",
                        "LOAI_COQUAN": "9",
                        "MA_COQUAN": "X",
                    }
                )
                for r in rows[:1]
            ]
        ),
        1,
        "unit.unknown_level",
        ("file", "row", "column"),
    ),
    Case(
        "commune name without its district",
        _edit_units(
            lambda rows: [
                r.update({"TEN_COQUAN": "UBND xã Tân Lợi", "MA_COQUAN": "?"})
                for r in rows
                if r["TEN"] == "UBND xã Tân Lợi"
            ][:1]
        ),
        1,
        "unit.ambiguous",
        ("file", "row", "column"),
    ),
    Case("title period contradicting the folder", _html_title, 1, "period.mismatch"),
    Case(
        "two files of the same kind",
        lambda f: (f / "copy.xls").write_bytes((f / DOSSIERS).read_bytes()),
        1,
        "month.two_files",
    ),
    Case(
        "truncated xlsx",
        lambda f: (f / NATIONAL).write_bytes((f / NATIONAL).read_bytes()[:3000]),
        1,
        "read.corrupt",
    ),
    Case("corrupt xlsx", _replace(NATIONAL, b"PK\x03\x04" + bytes(4000)), 1, "read.corrupt"),
    Case("password-protected xlsx", _replace(NATIONAL, _encrypted_xlsx), 1, "read.encrypted"),
    Case(
        ".xls that is HTML without BOM",
        lambda f: (f / DOSSIERS).write_bytes((f / DOSSIERS).read_bytes()[3:]),
        0,
        "",
    ),
    Case(
        "CSV in Windows-1258",
        _replace(NATIONAL, lambda: _cp1258(_csv(_national_rows(), encoding="utf-8")), "bxh.csv"),
        0,
        "",
    ),
    Case("CSV in UTF-16", _replace(NATIONAL, _national_csv(encoding="utf-16"), "bxh.csv"), 0, ""),
    Case("NFD text", _legacy_units(lambda t: unicodedata.normalize("NFD", t)), 0, "note.nfd"),
    Case("TCVN3 text", _legacy_units(to_tcvn3), 0, "note.legacy_converted"),
    Case("VNI text", _vni_units, 0, "note.legacy_converted", ("file", "row")),
    Case(
        "formulas in cells",
        _replace(UNITS, _formula_xlsx, "don vi.xlsx"),
        0,
        "note.formulas",
        ("file", "sheet"),
    ),
    Case("a sheet of a million rows", _add("lon.csv", _million_rows), 1, "read.too_many_rows"),
    Case(
        "a file above the size limit",
        lambda f: _sparse(f / "qua lon.xlsx", 51 * 2**20),
        1,
        "read.too_large",
    ),
    Case("zip bomb disguised as xlsx", _add("bom.xlsx", _zip_bomb), 1, "read.zip_bomb"),
    Case(
        "HTML and JavaScript in a cell",
        _rename_unit("UBND xã Thanh An", '<img src=x onerror="alert(1)"><script>x</script>'),
        0,
        "unit.unknown",
    ),
    Case(
        "cell starting with =",
        _rename_unit("UBND xã Thanh An", '=HYPERLINK("http://x","y")'),
        0,
        "unit.unknown",
    ),
    Case(
        "cell starting with @ + -",
        _rename_unit("UBND xã Thanh An", "@SUM(1+1)"),
        0,
        "unit.unknown",
    ),
    Case("odd file names", _rename_all, 0, ""),
    Case(
        "Excel lock file beside the exports",
        _add("~$Bang xep hang.xlsx", b"\0garbage"),
        0,
        "note.ignored_file",
    ),
    Case("invalid JSON", _replace(UNITS, b'{"data": [', "units.json"), 1, "read.json"),
    Case(
        "JSON that is not a list of rows",
        _replace(UNITS, b'{"a": 1}', "units.json"),
        1,
        "read.json",
    ),
    Case(
        "Biểu 06 identity broken",
        _both(
            _edit_html("<td>Sở Tư pháp</td><td>", "<td>Sở Tư pháp</td><td>9"),
            _edit_html("<td>Tổng cộng</td><td>84.309", "<td>Tổng cộng</td><td>93.309"),
        ),
        0,
        "id.received",
        ("file", "row"),
    ),
    Case(
        "ambiguous 1,234 that no identity settles",
        _replace(
            DOSSIERS,
            _dossier_html(
                ["Tổng số", "Từ kỳ trước", "Tổng số", "Quá hạn", "Tổng số"],
                [["1", "Sở Y tế", "1,234", "0", "1,200", "0", "30"]],
            ),
            "b06.xls",
        ),
        1,
        "val.ambiguous_count",
        ("file", "row", "column"),
    ),
    Case("unreadable date", _bad_date, 1, "val.bad_date", ("file", "row", "column")),
    Case("national file without the province", _drop_province, 1, "month.province_missing", ()),
    # --- a figure that would change silently ---------------------------------------------------
    *[
        Case(
            f"Excel error {literal} in a unit's score cells",
            _unit_errors(literal),
            1,
            "val.excel_error",
            ("file", "row", "column"),
        )
        for literal in EXCEL_ERRORS
    ],
    Case(
        "Excel error in one score cell",
        _unit_errors("#DIV/0!", ("MDSH",)),
        1,
        "val.excel_error",
        ("file", "row", "column"),
    ),
    *[
        Case(
            f"Excel error cells {literal} in the national xlsx",
            _national_error_cells(literal),
            1,
            "val.excel_error",
            ("file", "sheet", "row", "column"),
        )
        for literal in ("#N/A", "#REF!", "#VALUE!")
    ],
    *[
        Case(
            f"Excel error cells {literal} in an old binary .xls",
            _national_xls_error_cells(literal),
            1,
            "val.excel_error",
            ("file", "sheet", "row", "column"),
        )
        for literal in _BIFF_ERRORS
    ],
    *[
        Case(
            f"Excel error {literal} in a Biểu 06 count",
            _huge_count(literal),
            1,
            "val.excel_error",
            ("file", "row", "column"),
        )
        for literal in ("#VALUE!", "#NUM!")
    ],
    Case("62 provinces", _national_without("Đồng Nai"), 1, "month.province_count"),
    Case(
        "33 provinces after the merger",
        _edit_national_34(lambda lines: [x for x in lines if "Tỉnh Cao Bằng" not in x]),
        1,
        "month.province_count",
        month="2025-08",
    ),
    Case(
        "35 provinces after the merger",
        _edit_national_34(
            lambda lines: [
                *lines,
                "9999,Tỉnh Bình Phước,Tỉnh Bình Phước,H10,1,1," + "0.00," * 7 + "35",
            ]
        ),
        1,
        "unit.unknown_province",
        month="2025-08",
    ),
    Case(
        "Biểu 06 rows missing under an unchanged total",
        _drop_dossier_rows("Sở Tư pháp", "Sở Tài chính"),
        1,
        "val.totals_row",
        ("file", "row", "column"),
    ),
    Case(
        "Biểu 06 rows missing, no totals row",
        _drop_dossier_rows("Sở Tư pháp", "Sở Tài chính", totals=False),
        0,
        "unit.no_dossier_row",
    ),
    Case(
        "Biểu 06 total row changed",
        _edit_html("<td>Tổng cộng</td><td>84.309", "<td>Tổng cộng</td><td>84.310"),
        1,
        "val.totals_row",
        ("file", "row", "column"),
    ),
    Case(
        "rowspan over two units' counts",
        _rowspan_over_two_units,
        1,
        "val.merged_rows",
        ("file", "row", "column"),
    ),
    *[
        Case(
            f"publication date {value}",
            _publication_date(value),
            1,
            "val.date_implausible",
            ("file", "row", "column"),
        )
        for value in ("04/06/2042", "01/01/1990", "15/08/2025")
    ],
    *[  # every date column: the submission's and the province decision's (the delay's end)
        Case(
            f"publication date 04/06/2042 in column {column}",
            _publication_date("04/06/2042", index),
            1,
            "val.date_implausible",
            ("file", "row", "column"),
        )
        for column, index in (("I", 8), ("K", 10))
    ],
    Case("national ranking missing", _drop_files(NATIONAL), 1, "month.missing_required", ()),
    Case("unit scores missing", _drop_files(UNITS), 0, "month.missing_kind", ()),
    Case("no file readable", _only_unreadable, 1, "month.missing_required", ()),
    Case(
        "only files of no known kind",
        _both(_drop_files(NATIONAL, UNITS, DOSSIERS, PUBLICATIONS), _only_unknown_kinds),
        1,
        "month.missing_required",
        (),
    ),
    Case("Biểu 06 missing", _drop_files(DOSSIERS), 0, "month.missing_kind", ()),
    Case("publications missing", _drop_files(PUBLICATIONS), 0, "month.missing_kind", ()),
    # --- files that used to crash the run ------------------------------------------------------
    *[
        Case(
            f"count of {len(value)} characters",
            _huge_count(value),
            1,
            "val.count_too_large",
            ("file", "row", "column"),
        )
        for value in ("123456789012345678901234", "9.999.999.999.999.999.999.999", "1" * 12)
    ],
    Case(
        "score of 22 digits",
        _set("Sở Y tế", "TTTT", "1" * 22),
        1,
        "val.score_range",
        ("file", "row", "column"),
    ),
    Case("control characters in a unit name", _control_characters, 0, ""),
]


def _cp1258(data: bytes) -> bytes:
    from test_readers_tables import to_cp1258

    return to_cp1258(data.decode("utf-8").lstrip("\ufeff"))


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, project, make_month, capsys, monkeypatch):
    folder = make_month(case.month)
    case.build(folder)
    before = sha256_tree(folder)
    seen: list = []  # what the command's ingest returned or raised (one ingest, not two)
    real = pipeline.ingest_month

    def ingest_month(*args, **kwargs):
        try:
            seen.append(real(*args, **kwargs))
        except DataError as exc:
            seen.append(exc)
            raise
        return seen[-1]

    monkeypatch.setattr(pipeline, "ingest_month", ingest_month)
    status = main(["--root", str(project.root), "ingest", "--month", case.month])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert status == case.status, out.err
    assert sha256_tree(folder) == before  # raw files untouched
    month_dir = project.processed / case.month
    [result] = seen
    if case.status:
        assert f"Không nhập được kỳ {case.month}" in out.err
        assert not month_dir.exists()  # nothing that looks complete
        assert isinstance(result, DataError)
        issues = [i for i in result.issues if i.code == case.code]
    else:
        assert (month_dir / "manifest.json").is_file()
        issues = [i for i in result.quality.itertuples() if i.code == case.code]
    if case.code:
        assert issues, f"no {case.code} reported"
        issue = issues[0]
        for field in case.where:
            assert getattr(issue, field) not in (None, ""), f"{case.code} lacks {field}"
        assert re.search("[\u00c0-\u1ef9]", issue.text), "message is not Vietnamese"


def test_hostile_text_is_kept_as_text_and_neutralised_in_csv(project, make_month):
    folder = make_month(MONTH)
    _rename_unit("UBND xã Thanh An", '=HYPERLINK("http://x","y")')(folder)
    data = read_month(MONTH, project)
    kept = data.scores[data.scores["raw_name"].str.startswith("=HYPERLINK", na=False)]
    assert len(kept) == 1
    from chiso766.report.appendix import annex2, to_csv

    month = load_month(MONTH, project)
    text = to_csv(annex2(month)).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_bad_month_argument_is_a_message_not_a_traceback(project, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--root", str(project.root), "ingest", "--month", "2024-13"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "không phải tháng dạng YYYY-MM" in err and "Traceback" not in err


def test_an_unexpected_failure_is_logged_not_dumped(project, make_month, capsys, monkeypatch):
    make_month(MONTH)

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("chiso766.ingest.pipeline.ingest_month", broken)
    status = main(["--root", str(project.root), "ingest", "--month", MONTH])
    err = capsys.readouterr().err
    assert status == 3 and "Traceback" not in err and "Lỗi không mong đợi" in err
    logs = list((project.outputs / ".logs").glob("*.log"))
    assert len(logs) == 1 and "simulated bug" in logs[0].read_text(encoding="utf-8")


# --- files that would exhaust memory, refused by what they declare ------------------------------

_UNDER_A_GIB = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))  # 1 GiB of address space, imports included
from pathlib import Path
from chiso766.errors import DataError
from chiso766.ingest.readers import read_sheets
for name in sys.argv[1:]:
    try:
        read_sheets(Path(name))
        print("read", name)
    except DataError as exc:
        print(exc.issues[0].code, name)
"""


def _hostile_sizes(folder: Path) -> dict[str, str]:
    """Small files that declare enormous grids, each with the code that must refuse it."""
    book = xlsxwriter.Workbook(str(folder / "rong.xlsx"))  # 5 KB: A1, XFD1 and A99999
    sheet = book.add_worksheet()
    sheet.write(0, 0, "Tên đơn vị")
    sheet.write(0, 16383, "x")
    sheet.write(99998, 0, "y")
    book.close()
    book = xlsxwriter.Workbook(str(folder / "xa.xlsx"))  # one cell at XFD1048576
    sheet = book.add_worksheet()
    sheet.write(0, 0, "a")
    sheet.write(1048575, 16383, "x")
    book.close()
    spans = '<td rowspan="1000" colspan="1000">1</td>' * 10
    (folder / "gop.xls").write_text(f"<html><table><tr>{spans}</tr></table></html>")
    (folder / "dong dai.csv").write_text("STT," + "," * 3_000_000 + "\n1,2\n")
    old = xlwt.Workbook()  # an old binary .xls, 6 KB: A1 and IV65536 (16 million cells)
    sheet = old.add_sheet("Trang 1")
    sheet.write(0, 0, "Tên đơn vị")
    sheet.write(65535, 255, "x")
    old.save(str(folder / "cu.xls"))
    records = ",".join(['{"a":1}'] * 1_300_000)  # just under 10 MB: a million small records
    (folder / "nhieu.json").write_text(f"[{records}]")
    return {
        "rong.xlsx": "read.too_many_cells",
        "cu.xls": "read.too_many_cells",
        "xa.xlsx": "read.too_many_rows",
        "gop.xls": "read.too_many_spans",
        "dong dai.csv": "read.long_line",
        "nhieu.json": "read.too_many_rows",
    }


def test_files_declaring_huge_grids_are_refused_within_a_gib(tmp_path):
    expected = _hostile_sizes(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", _UNDER_A_GIB, *(str(tmp_path / n) for n in expected)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]  # no MemoryError, no abort
    seen = dict(reversed(line.split(" ", 1)) for line in run.stdout.splitlines())
    assert {Path(p).name: code for p, code in seen.items()} == expected


def test_huge_grids_are_said_with_the_file_in_ingest(project, make_month, capsys):
    folder = make_month(MONTH)
    _hostile_sizes(folder)
    status = main(["--root", str(project.root), "ingest", "--month", MONTH])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert "'rong.xlsx'" in err and "vượt giới hạn 2000000 ô" in err
    assert "'gop.xls'" in err and "'dong dai.csv'" in err and "'cu.xls'" in err


# --- files the run cannot open, or must not ----------------------------------------------------


def test_an_unreadable_file_is_named(project, make_month, monkeypatch, capsys):
    folder = make_month(MONTH)
    locked = folder / DOSSIERS
    real = Path.read_bytes

    def read_bytes(self):
        if self == locked:  # the test runs as root: a chmod would not stop it
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    status = main(["--root", str(project.root), "ingest", "--month", MONTH])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert f"Tệp '{DOSSIERS}'" in err and "không mở được tệp (Permission denied)" in err


def test_a_link_leading_out_of_the_project_is_refused_by_name(
    project, make_month, tmp_path_factory
):
    folder = make_month(MONTH)
    outside = tmp_path_factory.mktemp("outside") / "secret.csv"
    outside.write_text("Tên đơn vị,Tổng điểm\nSở Y tế,90\n", encoding="utf-8")
    (folder / "bxh lien ket.csv").symlink_to(outside)
    with pytest.raises(DataError) as info:
        read_month(MONTH, project)
    refused = [i for i in info.value.issues if i.code == "read.outside_link"]
    assert [i.file for i in refused] == ["bxh lien ket.csv"]
    inside = project.root / "data" / "ban sao.json"  # a link within the project is read
    inside.write_bytes((folder / UNITS).read_bytes())
    (folder / "bxh lien ket.csv").unlink()
    (folder / UNITS).unlink()
    (folder / UNITS).symlink_to(inside)
    assert not read_month(MONTH, project).scores.empty


def test_control_characters_and_escapes_are_shown_escaped(project, make_month, capsys):
    folder = make_month(MONTH)
    (folder / "ghi chu\x1b[2J.csv").write_text("Họ tên,Điện thoại\nAn,0912\n", encoding="utf-8")
    assert main(["--root", str(project.root), "ingest", "--month", MONTH]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "ghi chu\\x1b[2J.csv" in out


def test_control_characters_in_cells_never_reach_the_documents(project, make_month):
    folder = make_month(MONTH)
    _control_characters(folder)
    month = load_month(MONTH, project)
    names = month.scores["unit_name"].tolist() + month.scores["raw_name"].dropna().tolist()
    assert not [n for n in names if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", n)]
    from chiso766.report import appendix, notice

    notice.write_docx(month, project.root / "thong_bao.docx")  # python-docx refuses \x01
    appendix.write_workbook(month, project.root / "phu_luc.xlsx")
    assert (project.root / "thong_bao.docx").stat().st_size > 0


@pytest.mark.parametrize("value", ["２０２４-06", "2024-06\n", "2024-6", "٢٠٢٤-06"])
def test_month_is_ascii_yyyy_mm_only(project, capsys, value):
    with pytest.raises(SystemExit) as info:
        main(["--root", str(project.root), "ingest", "--month", value])
    assert info.value.code == 2
    assert "không phải tháng dạng YYYY-MM" in capsys.readouterr().err


def test_a_mistyped_root_is_refused_and_left_untouched(tmp_path, capsys):
    wrong = tmp_path / "du_an_go_nham"
    wrong.mkdir()
    status = main(["--root", str(wrong), "ingest", "--month", MONTH])
    assert status == 2
    assert "không phải thư mục dự án" in capsys.readouterr().err
    assert list(wrong.iterdir()) == []  # no data/, no outputs/ made there


def test_a_full_disk_is_one_message_and_leaves_no_temporary_folder(
    project, make_month, monkeypatch, capsys
):
    make_month(MONTH)

    def full(self, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("pandas.DataFrame.to_parquet", full)
    status = main(["--root", str(project.root), "ingest", "--month", MONTH])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err and "Lỗi không mong đợi" not in err
    assert "No space left on device" in err and err.count("\n") == 1
    assert not [p for p in project.processed.iterdir() if ".new-" in p.name]
    assert not (project.processed / MONTH).exists()


def test_a_crash_log_that_cannot_be_written_is_not_a_second_traceback(
    project, make_month, monkeypatch, capsys
):
    make_month(MONTH)
    monkeypatch.setattr(
        "chiso766.ingest.pipeline.ingest_month",
        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bug")),
    )
    (project.root / "outputs").write_text("")  # outputs/.logs cannot be made
    status = main(["--root", str(project.root), "ingest", "--month", MONTH])
    err = capsys.readouterr().err
    assert status == 3 and "Traceback" not in err and "Lỗi không mong đợi (RuntimeError)" in err


def test_stored_months_get_the_users_permissions(project, make_month):
    make_month(MONTH)
    old = os.umask(0o002)  # a shared office folder: the group may write
    try:
        assert main(["--root", str(project.root), "ingest", "--month", MONTH]) == 0
    finally:
        os.umask(old)
    assert (project.processed / MONTH).stat().st_mode & 0o777 == 0o775


@pytest.mark.parametrize(
    ("value", "code"),
    [("#N/A", "val.excel_error"), ("#REF!", "val.excel_error"), ("1" * 22, "val.count_too_large")],
)
def test_sub_indicator_counts_are_refused_not_overflowed(project, make_month, value, code):
    folder = make_month("2026-01")
    path = next(folder.glob("chi_tieu_thanh_phan_*.json"))
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data"][1]["metrics"][0]["numerator"] = value
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_month("2026-01", project)
    found = [i for i in info.value.issues if i.code == code]
    assert found and found[0].file == path.name and found[0].row and found[0].column


def test_a_read_only_outputs_folder_is_one_message_and_the_report_kept(
    project, make_month, monkeypatch, capsys
):
    make_month(MONTH)
    (project.root / "notebooks").symlink_to(REPO / "notebooks")
    kept = project.outputs / MONTH
    kept.mkdir(parents=True)
    (kept / "index.html").write_text("báo cáo trước", encoding="utf-8")

    def read_only(parent, prefix):
        raise OSError(errno.EROFS, "Read-only file system", str(parent))

    monkeypatch.setattr("chiso766.report.batch.new_folder", read_only)
    # no notebook runs before the folder is refused: the pool starts no kernel to warm
    monkeypatch.setattr(
        kernels, "new_pool", lambda project, notebooks: kernels.KernelPool(project.notebooks, 60)
    )
    status = main(["--root", str(project.root), "report", "--month", MONTH, "--force"])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err and "Lỗi không mong đợi" not in err
    assert "Read-only file system" in err and str(project.outputs) in err
    assert (kept / "index.html").read_text(encoding="utf-8") == "báo cáo trước"
    assert not [p for p in project.outputs.iterdir() if ".new-" in p.name]


# --- a warning that touches a figure of the brief is repeated there -----------------------------


def _brief_text(data, folder: Path) -> str:
    from chiso766.report import brief
    from chiso766.report.batch import NOTEBOOKS

    return html.unescape(brief.render(data, folder, [], NOTEBOOKS))


BRIEF_CAVEATS = [
    ("Biểu 06 rows missing, no totals row", "unit.no_dossier_row", "dossiers"),
    ("Biểu 06 identity broken", "id.received", "dossiers"),
    ("unknown unit", "unit.unknown", "units"),
    ("formulas in cells", "note.formulas", "units"),
]


@pytest.mark.parametrize(("case", "code", "figure"), BRIEF_CAVEATS)
def test_a_warning_touching_a_figure_of_the_brief_is_repeated_there_with_its_place(
    project, make_month, tmp_path, case, code, figure
):
    from chiso766 import analysis as an
    from chiso766.store.quality import issues_of

    folder = make_month(MONTH)
    next(c for c in CASES if c.name == case).build(folder)
    data = load_month(MONTH, project)
    issue = next(i for i in issues_of(data.quality) if i.code == code)
    assert an.touched(data, issue) == {figure}
    text = _brief_text(data, tmp_path)
    block = text[text.index("Lưu ý về số liệu") : text.index("Báo cáo chi tiết")]
    assert issue.text in block and f"Tệp '{issue.file}'" in block
    if issue.row is not None:
        assert f"dòng {issue.row}" in block


def test_the_brief_lists_five_caveats_and_counts_the_rest(project, make_month, tmp_path):
    folder = make_month(MONTH)

    def rename(rows):
        communes = [r for r in rows if r["TEN"].startswith("UBND xã")][:7]
        for i, row in enumerate(communes):
            row.update({"TEN": f"Xã lạ {i}", "TEN_COQUAN": f"Xã lạ {i}", "MA_COQUAN": "H10.99.99"})

    _edit_units(rename)(folder)
    text = _brief_text(load_month(MONTH, project), tmp_path)
    block = text[text.index("Lưu ý về số liệu") : text.index("Báo cáo chi tiết")]
    assert block.count("không có đơn vị 'Xã lạ") == 5
    assert "và 2 cảnh báo khác về các số liệu trên" in block and "Tóm tắt cho lãnh đạo" in block


def test_a_gap_in_the_year_is_repeated_in_the_brief(project, make_month, tmp_path):
    make_month(MONTH)
    may = make_month("2024-05")
    next(may.glob("api_chiso_tinh*")).write_text("{", encoding="utf-8")  # May cannot be read
    text = _brief_text(load_month(MONTH, project), tmp_path)
    assert "Lưu ý về số liệu" in text and "tháng 5/2024 không nhập được" in text


def test_the_brief_says_nothing_when_no_warning_touches_its_figures(project, make_month, tmp_path):
    folder = make_month(MONTH)
    _drop_files(PUBLICATIONS)(folder)  # a warning, but about a part the brief does not show
    data = load_month(MONTH, project)
    assert "month.missing_kind" in set(data.quality["code"])
    assert "Lưu ý về số liệu" not in _brief_text(data, tmp_path)


# --- required kinds in every kind of period -----------------------------------------------------


def _quarter(project, *files: tuple[str, bytes]) -> str:
    from test_other_periods import GROUP_CODES, _national_xlsx, _scores

    after = project.provinces.frame
    after = after[after["valid_from"] >= "2025-07-01"]
    folder = project.raw / "2026-Q1"
    folder.mkdir()
    if not files:
        _national_xlsx(
            folder / "bxh.xlsx",
            ["Từ ngày 01/01/2026 đến ngày 31/03/2026"],
            after,
            _scores(after, GROUP_CODES, seed=5),
            GROUP_CODES,
        )
    for name, data in files:
        (folder / name).write_bytes(data)
    return "2026-Q1"


def test_a_quarter_holding_only_the_national_ranking_misses_nothing(project, capsys):
    key = _quarter(project)
    assert main(["--root", str(project.root), "ingest", "--period", key]) == 0
    quality = read_month(key, project).quality
    assert quality.empty or "month.missing_kind" not in set(quality["code"])
    assert "thiếu dữ liệu" not in capsys.readouterr().out


def test_a_quarter_without_the_national_ranking_is_refused_naming_it(project, capsys):
    key = _quarter(project, ("danh ba.csv", "Họ tên,Điện thoại\nAn,0912\n".encode()))
    assert main(["--root", str(project.root), "ingest", "--period", key]) == 1
    err = capsys.readouterr().err
    assert "quý I/2026 thiếu dữ liệu bắt buộc: điểm Bộ chỉ số của các tỉnh" in err
    assert not (project.processed / key).exists()
