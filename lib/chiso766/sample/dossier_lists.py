"""Dossier lists for the sample months, one row per dossier, whose Biểu 06 is exactly the
sample's Biểu 06 export (so June 2024's late lists read GD&ĐT 3, Đồng Phú 16, VP ĐKĐĐ Đồng Phú
54 from the records as from the totals). Three field sets, as the one-stop systems export them:
Tân Dân (departments, .xlsx with date cells), iGate (one .csv per district: the district and its
communes, dd/mm/yyyy hh:mm:ss), OpenCPS (land-registry branches, .csv with yes/no channel
flags). Besides the counted dossiers each unit has a few that count in no column (withdrawn,
refused at reception) and some wait for the citizen's supplement past their due date.

Not committed (about 120 000 rows a month): `chiso766-sample-dossiers <folder>` (make
sample-dossiers) writes them into data/raw/<month>/, named DanhSachHoSo_*.
"""

from __future__ import annotations

import io
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd
import xlsxwriter

from chiso766.config import Project
from chiso766.reference.periods import parse_month
from chiso766.sample import _district_short, _names, _unit_label, figures
from chiso766.sample import exports as ex

PREFIX = "DanhSachHoSo_"
PROCEDURES = {  # (code, name) a unit's dossiers are spread over, by level
    "department": [
        ("1.001234", "Cấp giấy phép kinh doanh"),
        ("1.002345", "Cấp chứng chỉ hành nghề"),
        ("2.000456", "Cấp giấy chứng nhận đủ điều kiện"),
        ("1.004567", "Công nhận, cấp lại văn bằng"),
    ],
    "district": [
        ("2.000884", "Cấp giấy chứng nhận đăng ký hộ kinh doanh"),
        ("1.000656", "Chứng thực bản sao từ bản chính"),
        ("1.001612", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
    ],
    "commune": [
        ("1.001193", "Đăng ký khai sinh"),
        ("1.000894", "Đăng ký kết hôn"),
        ("2.000815", "Chứng thực chữ ký"),
    ],
    "land_branch": [
        ("1.004227", "Đăng ký biến động quyền sử dụng đất"),
        ("1.003003", "Cấp đổi giấy chứng nhận quyền sử dụng đất"),
    ],
}
TANDAN = [
    "STT", "Mã hồ sơ", "Mã TTHC", "Tên TTHC", "Mức độ", "Kênh thực hiện", "Đơn vị",
    "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý", "Ngày yêu cầu bổ sung",
    "Ngày công dân bổ sung", "Trạng thái",
]  # fmt: skip
IGATE = [
    "STT", "Mã hồ sơ", "Mã hồ sơ quốc gia", "Mã thủ tục", "Tên thủ tục", "Cơ quan",
    "Hình thức tiếp nhận", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày hoàn thành", "Trạng thái",
]  # fmt: skip
OPENCPS = [
    "STT", "Số hồ sơ", "Mã dịch vụ", "Tên dịch vụ", "Cơ quan", "Nộp trực tuyến",
    "Qua bưu chính", "Ngày nhận hồ sơ", "Hạn giải quyết", "Ngày gia hạn", "Ngày trả kết quả",
    "Trạng thái",
]  # fmt: skip
STATUS = {  # (vendor, fate) -> status as the list writes it
    ("tandan", "resolved"): "10",
    ("tandan", "open"): "4",
    ("tandan", "supplement"): "5",
    ("tandan", "withdrawn"): "7",
    ("tandan", "refused"): "3",
    ("igate", "resolved"): "DA_TRA_KQ",
    ("igate", "open"): "DANG_XU_LY",
    ("igate", "supplement"): "YEU_CAU_BO_SUNG",
    ("igate", "withdrawn"): "RUT_HO_SO",
    ("igate", "refused"): "TU_CHOI",
    ("opencps", "resolved"): "done",
    ("opencps", "open"): "processing",
    ("opencps", "supplement"): "waiting",
    ("opencps", "withdrawn"): "cancelled",
    ("opencps", "refused"): "denied",
}


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def unit_records(month: str, unit, counts, supplements: bool = True) -> list[dict]:
    """The dossiers of one unit in one month, as dicts of canonical fields, whose Biểu 06 is
    `counts` (a row of figures.dossier_counts); `supplements`: whether the unit's system
    records supplement requests (Tân Dân does), so some pending dossiers wait for them."""
    rng = figures._rng("records", month, unit.unit_id)
    period = parse_month(month)
    s, e = period.start, period.end
    origins = (
        ["carried"] * counts.received_carried
        + ["online"] * counts.received_online
        + ["direct"] * counts.received_direct
    )
    fates = (
        ["early"] * counts.resolved_early
        + ["on_time"] * counts.resolved_on_time
        + ["late"] * counts.resolved_late
        + ["within"] * counts.pending_within
        + ["overdue"] * counts.pending_overdue
    )
    rng.shuffle(origins)
    # the late and overdue need a day between reception and the end: not the newest receptions
    extras = ["withdrawn"] * rng.randint(0, 2) + ["refused"] * rng.randint(0, 1)
    procedures = PROCEDURES[unit.level]
    records = []
    for i, (origin, fate) in enumerate(
        zip(origins + ["direct"] * len(extras), fates + extras, strict=True)
    ):
        code, name = procedures[min(int(rng.paretovariate(1.5)) - 1, len(procedures) - 1)]
        if origin == "carried":
            received = s - timedelta(days=rng.randint(1, 45))
        elif fate in ("late", "overdue"):
            received = _day(rng, s, e - timedelta(days=2))
        else:
            received = _day(rng, s, e)
        first = max(received, s)
        due = finished = requested = given = None
        status = "resolved"
        if fate == "early":
            finished = _day(rng, first, e)
            due = finished + timedelta(days=rng.randint(1, 10))
        elif fate == "on_time":
            finished = _day(rng, first, e)
            due = finished if rng.random() < 0.9 else None  # no due date: on time
        elif fate == "late":
            finished = _day(rng, max(first, received + timedelta(days=1)), e)
            due = _day(rng, received, finished - timedelta(days=1))
        elif fate == "within":
            status = "open"
            due = _day(rng, e, e + timedelta(days=20)) if rng.random() < 0.95 else None
            if (
                supplements and rng.random() < 0.1 and received < e
            ):  # waits for the citizen past its due date
                status = "supplement"
                due = _day(rng, received, e - timedelta(days=1))
                requested = _day(rng, received, due)
        elif fate == "overdue":
            status = "open"
            due = _day(rng, received, e - timedelta(days=1))
        else:  # withdrawn or refused: in no column of Biểu 06
            status = fate
            finished = _day(rng, received, e) if fate == "withdrawn" else None
            due = received + timedelta(days=5)
        records.append(
            {
                "code": f"{unit.unit_id}-{s:%y%m}-{i + 1:05d}",
                "procedure_code": code,
                "procedure_name": name,
                "channel": "online"
                if origin == "online"
                else ("postal" if i % 11 == 0 else "direct")
                if origin != "carried"
                else rng.choice(("online", "direct")),
                "received": datetime.combine(received, time(7 + i % 9, (i * 7) % 60)),
                "due": due,
                "finished": datetime.combine(finished, time(8 + i % 8, (i * 13) % 60))
                if finished
                else None,
                "requested": requested,
                "given": given,
                "status": status,
            }
        )
    return records


def _text_day(value, with_time: bool) -> str:
    if value is None:
        return ""
    return value.strftime(
        "%d/%m/%Y %H:%M:%S" if with_time and isinstance(value, datetime) else "%d/%m/%Y"
    )


def _tandan(rows: list[tuple[str, dict]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": ex.FIXED_TIME, "author": "Hệ thống một cửa điện tử"})
    sheet = book.add_worksheet("DanhSachHoSo")
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, TANDAN)
    channel = {"direct": 1, "online": 2, "postal": 3}
    for n, (label, r) in enumerate(rows, 1):
        values = [
            n,
            r["code"],
            r["procedure_code"],
            r["procedure_name"],
            2 if r["channel"] != "online" else 4,
            channel[r["channel"]],
            label,
        ]
        sheet.write_row(n, 0, values)
        for c, (key, fmt) in enumerate(
            (
                ("received", stamp),
                ("due", day),
                ("finished", stamp),
                ("requested", day),
                ("given", day),
            ),
            7,
        ):
            if r[key] is not None:
                value = r[key] if isinstance(r[key], datetime) else datetime.combine(r[key], time())
                sheet.write_datetime(n, c, value, fmt)
        sheet.write_string(n, 12, STATUS[("tandan", r["status"])])
    book.close()
    return buffer.getvalue()


def _igate(rows: list[tuple[str, dict]]) -> bytes:
    words = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Dịch vụ bưu chính"}
    return ex.plain_csv(
        IGATE,
        [
            [
                n,
                r["code"],
                f"G22.{r['code']}",
                r["procedure_code"],
                r["procedure_name"],
                label,
                words[r["channel"]],
                _text_day(r["received"], True),
                _text_day(r["due"], False),
                _text_day(r["finished"], True),
                STATUS[("igate", r["status"])],
            ]
            for n, (label, r) in enumerate(rows, 1)
        ],
    )


def _opencps(rows: list[tuple[str, dict]]) -> bytes:
    return ex.plain_csv(
        OPENCPS,
        [
            [
                n,
                r["code"],
                r["procedure_code"],
                r["procedure_name"],
                label,
                "Có" if r["channel"] == "online" else "Không",
                "Có" if r["channel"] == "postal" else "Không",
                _text_day(r["received"], False),
                _text_day(r["due"], False),
                "",
                _text_day(r["finished"], False),
                STATUS[("opencps", r["status"])],
            ]
            for n, (label, r) in enumerate(rows, 1)
        ],
    )


def build_lists(
    month: str, project: Project | None = None, levels: tuple[str, ...] | None = None
) -> dict[str, bytes]:
    """{file name: bytes} of a sample month's dossier lists (deterministic); `levels`: only the
    units of these levels."""
    project = project or Project.find()
    _, units = _names(project)
    counts = figures.dossier_counts(month, units).set_index("unit_id")
    short_of = _district_short(units)
    groups: dict[str, list[tuple[str, dict]]] = {}
    for unit in units.itertuples():
        if levels is not None and unit.level not in levels:
            continue
        if unit.level == "department":
            name = f"{PREFIX}TanDan_SoNganh_{month}.xlsx"
        elif unit.level == "land_branch":
            name = f"{PREFIX}OpenCPS_VPDKDD_{month}.csv"
        else:
            district = unit.unit_id if unit.level == "district" else unit.parent_id
            name = f"{PREFIX}iGate_{district}_{month}.csv"
        label = _unit_label(unit, short_of, "xlsx")
        records = unit_records(
            month, unit, counts.loc[unit.unit_id], supplements=unit.level == "department"
        )
        groups.setdefault(name, []).extend((label, r) for r in records)
    writers = {"TanDan": _tandan, "iGate": _igate, "OpenCPS": _opencps}
    return {name: writers[name.split("_")[1]](rows) for name, rows in groups.items()}


def write_lists(
    out: Path, months: tuple[str, ...] = figures.MONTHS, project: Project | None = None
) -> None:
    for month in months:
        folder = Path(out) / month
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in build_lists(month, project).items():
            tmp = folder / f".tmp-{name}"
            tmp.write_bytes(data)
            tmp.replace(folder / name)


def as_frame(month: str, project: Project | None = None) -> pd.DataFrame:
    """A month's sample records as one frame of canonical fields (for tests and the bench)."""
    project = project or Project.find()
    _, units = _names(project)
    counts = figures.dossier_counts(month, units).set_index("unit_id")
    return pd.DataFrame(
        [
            {"unit_id": u.unit_id, **r}
            for u in units.itertuples()
            for r in unit_records(
                month, u, counts.loc[u.unit_id], supplements=u.level == "department"
            )
        ]
    )


if __name__ == "__main__":
    write_lists(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/raw"))
