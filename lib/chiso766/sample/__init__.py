"""The committed sample: Bình Phước's exports for 01-06/2024 as they arrive, messiness included.

`build_month(month)` returns {file name: bytes} for one month; `write_sample(folder)` writes all
six months. Shapes rotate between months (CSV, JSON, .xlsx, HTML ".xls") and carry the faults
real exports have: title rows, merged multi-row headers, a column-number row, totals and
signature rows, a BOM, "." as thousands separator, decimal commas, percent strings, NFD text,
name suffixes and abbreviations, old tone placement, a non-breaking space, a repeated header
block, a duplicated row (02/2024) and a row that breaks the Biểu 06 identities (03/2024).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from chiso766.config import Project
from chiso766.reference.periods import parse_month
from chiso766.reference.workdays import Calendar
from chiso766.sample import exports as ex
from chiso766.sample import figures, post_merger, years
from chiso766.store.fields import COUNT_FIELDS

DEPARTMENT_SPELLING = {  # how the exports spell some departments
    "BP-S14": "Sở GD&ĐT",
    "BP-S09": "Sở TN&MT",
    "BP-S10": "Sở TT&TT",
    "BP-S11": "Sở LĐ-TB&XH",
}


def _names(project: Project) -> tuple[pd.DataFrame, pd.DataFrame]:
    provinces = project.provinces.frame.reset_index(drop=True)
    provinces = provinces[provinces["valid_to"] == "2025-06-30"]
    units = project.units.frame.reset_index(drop=True)
    units = units[units["province_id"] == figures.PROVINCE_ID]
    return provinces, _in_official_order(units)


def _district_short(units: pd.DataFrame) -> dict[str, str]:
    return dict(zip(units["unit_id"], units["short_name"], strict=True))


def _unit_label(unit, short_of: dict[str, str], style: str) -> str:
    """A unit's name the way an export writes it."""
    if unit.level == "department":
        return DEPARTMENT_SPELLING.get(unit.unit_id, unit.name)
    if unit.level == "commune":
        parent = short_of[unit.parent_id]
        if style == "json":
            return f"{unit.name} - huyện {parent} - tỉnh Bình Phước"
        return f"{unit.name} ({parent})"
    if unit.level == "land_branch":
        return unit.aliases.split(";")[0]
    return unit.name if style != "json" else f"{unit.name} - tỉnh Bình Phước"


def _national(month: str, provinces: pd.DataFrame) -> tuple[str, bytes]:
    period = parse_month(month)
    scores = figures.national_scores(month, provinces).merge(provinces, on="unit_id")
    m = period.month
    listing = scores.sort_values("total", ascending=False, kind="stable")
    if m in (1, 4, 2, 5):
        rows = []
        for i, r in enumerate(scores.itertuples(), 1):  # the portal's ROW_STT: not a rank
            mark = "," if m == 4 else "."
            rows.append(
                {
                    "ID": str(1000 + i),
                    "TEN": r.name,
                    "TEN_COQUAN": f"UBND {r.title} {r.name}",
                    "MA_COQUAN": r.code,
                    "LOAI_COQUAN": "1",
                    "CAPDONVIID": "1",
                    **{
                        c: ex.points(getattr(r, c), mark)
                        for c in ("TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB")
                    },
                    "TONG_SCORE": ex.points(r.total, mark),
                    "ROW_STT": str(2 * i - 1),
                }
            )
        if m in (1, 4):
            return f"BXH_766_tinh_thanh_T{m:02d}_2024.csv", ex.portal_csv(rows)
        return f"api_chiso_tinh_{month}.json", ex.portal_json(rows, period.start, period.end)
    odd_names = {
        "Hòa Bình": "Tỉnh Hoà Bình",
        "Hồ Chí Minh": "TP. Hồ Chí Minh",
        "Thừa Thiên Huế": "Thừa Thiên - Huế",
        "Bà Rịa - Vũng Tàu": "Bà Rịa\u00a0- Vũng Tàu",
    }
    cells = [
        [i, odd_names.get(r.name, r.name), *[getattr(r, c) for c in figures.GROUP_CODES], r.total]
        for i, r in enumerate(listing.itertuples(), 1)
    ]
    titles = [
        "CỔNG DỊCH VỤ CÔNG QUỐC GIA",
        "BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP TRONG THỰC HIỆN TTHC, DVC CỦA CÁC TỈNH, "
        "THÀNH PHỐ",
        f"Tháng {m}/2024"
        if m == 3
        else f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}",
    ]
    name = (
        "Bang xep hang 766 thang 3-2024.xlsx"
        if m == 3
        else f"Bảng xếp hạng 766 tháng {m}-2024.xlsx"
    )
    return name, ex.national_xlsx(titles, cells, decimals_as_text=(m == 6))


def _unit_scores(month: str, units: pd.DataFrame) -> tuple[str, bytes]:
    period = parse_month(month)
    m = period.month
    scores = figures.unit_scores(month, units).merge(units, on="unit_id")
    short_of = _district_short(units)
    if m % 2 == 0:
        rows = []
        ordered = scores.sort_values("total", ascending=False, kind="stable")
        for i, r in enumerate(ordered.itertuples(), 1):
            label = _unit_label(r, short_of, "json")
            rows.append(
                {
                    "ID": str(5000 + int(r.official_order) + 1000 * "dxc".index(r.level[0])),
                    "TEN": label.split(" - ")[0],
                    "TEN_COQUAN": ex.nfd(label) if i % 7 == 0 else label,
                    "MA_COQUAN": r.code,
                    "LOAI_COQUAN": {"department": "2", "district": "4", "commune": "3"}[r.level],
                    "CAPDONVIID": {"department": "1", "district": "2", "commune": "3"}[r.level],
                    **{
                        c: ex.points(getattr(r, c))
                        for c in ("TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB")
                    },
                    "TONG_SCORE": ex.points(r.total),
                    "ROW_STT": str(i),
                }
            )
        if m == 2:  # the same department sent twice, identical
            rows.insert(5, dict(rows[3]))
        return (f"api_donvi_binhphuoc_{month}.json", ex.portal_json(rows, period.start, period.end))
    sections = []
    for heading, level in (
        ("I. CÁC SỞ, BAN, NGÀNH", "department"),
        ("II. UBND CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", "district"),
        ("III. UBND CÁC XÃ, PHƯỜNG, THỊ TRẤN", "commune"),
    ):
        part = scores[scores["level"] == level].sort_values("official_order")
        sections.append(
            (
                heading,
                [
                    [
                        i,
                        _unit_label(r, short_of, "xlsx"),
                        *[getattr(r, c) for c in figures.GROUP_CODES],
                        r.total,
                    ]
                    for i, r in enumerate(part.itertuples(), 1)
                ],
            )
        )
    titles = [
        "UBND TỈNH BÌNH PHƯỚC",
        "KẾT QUẢ BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        f"Tháng {m}/2024",
    ]
    return f"Chi so 766 don vi T{m}.2024.xlsx", ex.unit_scores_xlsx(titles, sections)


_LEVEL_RANK = {"department": 0, "land_branch": 1, "district": 2, "commune": 3}


def _in_official_order(frame: pd.DataFrame) -> pd.DataFrame:
    rank = frame["level"].map(_LEVEL_RANK)
    return frame.assign(_rank=rank).sort_values(["_rank", "official_order"]).drop(columns="_rank")


_COUNTS = COUNT_FIELDS


def _dossiers(month: str, units: pd.DataFrame) -> tuple[str, bytes]:
    period = parse_month(month)
    m = period.month
    counts = figures.dossier_counts(month, units).merge(units, on="unit_id")
    short_of = _district_short(units)
    if m == 3:  # a deliberate fault: one commune's received count is one more than its parts
        counts.loc[counts["unit_id"] == "BP-X050", "received_total"] += 1
    groups = [
        ("I", "CẤP TỈNH", ("department", "land_branch")),
        ("II", "CẤP HUYỆN", ("district",)),
        ("III", "CẤP XÃ", ("commune",)),
    ]
    if m % 2 == 1:
        sections = []
        for numeral, heading, levels in groups:
            part = _in_official_order(counts[counts["level"].isin(levels)])
            sections.append(
                (
                    numeral,
                    heading,
                    [
                        [i, _unit_label(r, short_of, "xlsx"), *[getattr(r, c) for c in _COUNTS]]
                        for i, r in enumerate(part.itertuples(), 1)
                    ],
                )
            )
        totals = [int(counts[c].sum()) for c in _COUNTS]
        line = (
            f"Kỳ báo cáo: Tháng {m}/2024 (Từ ngày {period.start:%d/%m/%Y} đến ngày "
            f"{period.end:%d/%m/%Y})"
        )
        return f"Bieu 06 thang {m:02d}-2024.xlsx", ex.bieu06_xlsx(line, sections, totals)
    header = [
        [
            ("STT", 2, 1),
            ("Đơn vị", 2, 1),
            ("Tiếp nhận", 1, 4),
            ("Đã xử lý", 1, 4),
            ("Đang xử lý", 1, 3),
            ("Tỷ lệ đúng hạn", 2, 1),
        ],
        [
            ("Tổng số", 1, 1),
            ("Số mới tiếp nhận trực tuyến", 1, 1),
            ("Số mới tiếp nhận trực tiếp", 1, 1),
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
    body = []
    ordered = _in_official_order(counts)
    for i, r in enumerate(ordered.itertuples(), 1):
        in_time = r.resolved_early + r.resolved_on_time
        rate = f"{in_time / r.resolved_total * 100:.1f}%".replace(".", ",")
        body.append(
            [
                str(i),
                _unit_label(r, short_of, "html"),
                *[ex.thousands(getattr(r, c)) for c in _COUNTS],
                rate,
            ]
        )
    total_row = ["", "Tổng cộng", *[ex.thousands(int(counts[c].sum())) for c in _COUNTS], ""]
    body.append(total_row)
    titles = [
        "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
        f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}",
    ]
    n_departments = int((counts["level"] == "department").sum())
    return (
        f"BaoCaoTinhHinhXuLyHoSo_{m:02d}2024.xls",
        ex.html_xls(titles, header, body, repeat_header_after=n_departments),
    )


def _publications(month: str, units: pd.DataFrame, project: Project) -> tuple[str, bytes]:
    period = parse_month(month)
    m = period.month
    calendar = Calendar(project.reference / "holidays_override.csv")
    within = project.config["publication"]["submit_within_working_days"]
    table = figures.publications(month, calendar, within)
    names = dict(zip(units["unit_id"], units["name"], strict=True)) | DEPARTMENT_SPELLING
    rows = ex.publication_rows(table, lambda r: names[r.unit_id])
    if m in (2, 5):
        text_rows = [
            [
                f"{v:%d/%m/%Y}".lstrip("0").replace("/0", "/") if hasattr(v, "year") else v
                for v in row
            ]
            for row in rows
        ]
        return f"Theo doi cong bo TTHC T{m}-2024.csv", ex.plain_csv(
            ex.PUBLICATION_HEADER, text_rows
        )
    titles = ["THEO DÕI TÌNH HÌNH CÔNG BỐ, CÔNG KHAI THỦ TỤC HÀNH CHÍNH", f"Tháng {m}/2024"]
    return f"Theo doi cong bo TTHC T{m}-2024.xlsx", ex.publications_xlsx(titles, rows)


MONTHS = (*figures.MONTHS, *years.YEARS, *post_merger.MONTHS)  # every folder of the sample


def build_month(month: str, project: Project | None = None) -> dict[str, bytes]:
    """{file name: bytes} of every sample export of `month` (Bình Phước 01-06/2024, Đồng Nai
    07/2025-10/2026), or of a sample year (2023, 2024: the national rankings)."""
    project = project or Project.find()
    if month in years.YEARS:
        return years.build_year(month, project)
    if month in post_merger.MONTHS:
        return post_merger.build_month(month, project)
    provinces, units = _names(project)
    files = [
        _national(month, provinces),
        _unit_scores(month, units),
        _dossiers(month, units),
        _publications(month, units, project),
    ]
    return dict(files)


def write_sample(
    out: Path, project: Project | None = None, months: tuple[str, ...] = MONTHS
) -> None:
    """Write the sample months into `out`/<month>/ (with the dossier lists that are part of the
    committed sample), each file replaced atomically."""
    from chiso766.sample import dossier_lists

    for month in months:
        folder = Path(out) / month
        folder.mkdir(parents=True, exist_ok=True)
        files = build_month(month, project) | dossier_lists.committed(month, project)
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, folder / name)
