"""Dossier lists for the sample months, one row per dossier, whose Biểu 06 is exactly the
sample's Biểu 06 export (so June 2024's late lists read GD&ĐT 3, Đồng Phú 16, VP ĐKĐĐ Đồng Phú
54 from the records as from the totals). Three field sets, as the one-stop systems export them,
one .xlsx per system: Tân Dân (the departments; dates as date cells, channel and service level
as numbers), iGate (the districts and communes; dates as dd/mm/yyyy text), OpenCPS (the
land-registry branches; yes/no channel flags). Besides the counted dossiers each unit has a few
that count in no column (withdrawn, refused at reception) and some wait for the citizen's
supplement past their due date. Every date is a working day. `listing(vendor, rows, "csv")`
writes a field set as CSV (with its STT column).

June 2024's lists are part of the committed sample (`make sample` writes them; 84 539 rows in
3.4 MB: .xlsx is compressed, the same rows as CSV are 13 MB). `make sample-dossiers` writes
every Bình Phước sample month's into data/raw/<month>/ (DanhSachHoSo_*; only June's are
committed); `build_lists` also makes Đồng Nai's months (2025-07 to 2026-10) for tests.
"""

from __future__ import annotations

import bisect
import io
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from chiso766.config import Project
from chiso766.reference.periods import parse_month
from chiso766.reference.workdays import Calendar
from chiso766.sample import _district_short, _names, _unit_label, figures, post_merger
from chiso766.sample import exports as ex

PREFIX = "DanhSachHoSo_"
COMMITTED = ("2024-06",)  # the months whose lists are part of the committed sample
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


class _Workdays:
    """The working days around a month (weekends and holidays excluded, as the one-stop systems
    count deadlines): a dossier is received, due and finished on one of them, so a late one is
    at least a working day late."""

    def __init__(self, calendar: Calendar, first: date, last: date):
        span = (last - first).days + 1
        days = (first + timedelta(days=i) for i in range(span))
        self.days = [d for d in days if calendar.is_working_day(d)]

    def pick(self, rng: random.Random, first: date, last: date) -> date:
        """A working day in [first, last] (the first working day from `first` if none)."""
        lo = bisect.bisect_left(self.days, first)
        hi = max(bisect.bisect_right(self.days, last), lo + 1)
        return self.days[rng.randint(lo, hi - 1)]

    def after(self, day: date, count: int) -> date:
        return self.days[bisect.bisect_right(self.days, day) + count - 1]

    def before(self, day: date) -> date:
        """The last working day before `day`."""
        return self.days[bisect.bisect_left(self.days, day) - 1]


def unit_records(
    month: str, unit, counts, supplements: bool = True, calendar: Calendar | None = None
) -> list[dict]:
    """The dossiers of one unit in one month, as dicts of canonical fields, whose Biểu 06 is
    `counts` (a row of figures.dossier_counts); `supplements`: whether the unit's system
    records supplement requests (Tân Dân does), so some pending dossiers wait for them. Dates
    are working days (Biểu 06 compares by day), the dossiers in order of reception and
    numbered so."""
    rng = figures._rng("records", month, unit.unit_id)
    period = parse_month(month)
    s, e = period.start, period.end
    work = _Workdays(calendar or Calendar(), s - timedelta(days=70), e + timedelta(days=40))
    last = work.before(e + timedelta(days=1))  # the period's last working day
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
    extras = ["withdrawn"] * rng.randint(0, 2) + ["refused"] * rng.randint(0, 1)
    procedures = PROCEDURES[unit.level]
    records: list[dict[str, Any]] = []
    for i, (origin, fate) in enumerate(
        zip(origins + ["direct"] * len(extras), fates + extras, strict=True)
    ):
        code, name = procedures[min(int(rng.paretovariate(1.5)) - 1, len(procedures) - 1)]
        if origin == "carried":
            received = work.pick(rng, s - timedelta(days=45), s - timedelta(days=1))
        elif fate in ("late", "overdue"):
            # a working day between reception and the period's last one: not the newest
            received = work.pick(rng, s, work.before(last))
        else:
            received = work.pick(rng, s, last)
        first = max(received, s)
        due = finished = requested = given = None
        status = "resolved"
        if fate == "early":
            finished = work.pick(rng, first, last)
            due = work.after(finished, rng.randint(1, 8))
        elif fate == "on_time":
            finished = work.pick(rng, first, last)
            due = finished if rng.random() < 0.9 else None  # no due date: on time
        elif fate == "late":
            finished = work.pick(rng, max(first, work.after(received, 1)), last)
            due = work.pick(rng, received, work.before(finished))
        elif fate == "within":
            status = "open"
            due = work.pick(rng, e, e + timedelta(days=20)) if rng.random() < 0.95 else None
            if (
                supplements and rng.random() < 0.1 and received < last
            ):  # waits for the citizen past its due date
                status = "supplement"
                due = work.pick(rng, received, work.before(last))
                requested = work.pick(rng, received, due)
        elif fate == "overdue":
            status = "open"
            due = work.pick(rng, received, work.before(last))
        else:  # withdrawn or refused: in no column of Biểu 06
            status = fate
            finished = work.pick(rng, received, last) if fate == "withdrawn" else None
            due = work.after(received, 5)
        records.append(
            {
                "procedure_code": code,
                "procedure_name": name,
                "channel": "online"
                if origin == "online"
                else ("postal" if i % 11 == 0 else "direct")
                if origin != "carried"
                else rng.choice(("online", "direct")),
                "received": received,
                "due": due,
                "finished": finished,
                "requested": requested,
                "given": given,
                "status": status,
            }
        )
    records.sort(key=lambda r: r["received"])  # stable: the draw decides within a day
    return [{"code": f"{unit.unit_id}-{s:%y%m}-{n:05d}", **r} for n, r in enumerate(records, 1)]


def _text_day(value) -> str:
    """A date as the CSV and text-dated lists write it: dd/mm/yyyy, with the time if it has one."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() != time():
        return value.strftime("%d/%m/%Y %H:%M:%S")
    return value.strftime("%d/%m/%Y")


def _tandan(rows: list[tuple[str, dict]]) -> list[list]:
    """Tân Dân: channel and service level as numbers, dates as date cells."""
    channel = {"direct": 1, "online": 2, "postal": 3}
    return [
        [
            r["code"],
            r["procedure_code"],
            r["procedure_name"],
            2 if r["channel"] != "online" else 4,
            channel[r["channel"]],
            label,
            r["received"],
            r["due"],
            r["finished"],
            r["requested"],
            r["given"],
            STATUS[("tandan", r["status"])],
        ]
        for label, r in rows
    ]


def _igate(rows: list[tuple[str, dict]]) -> list[list]:
    """iGate: the channel in words, dates as text."""
    words = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Dịch vụ bưu chính"}
    return [
        [
            r["code"],
            f"G22.{r['code']}",
            r["procedure_code"],
            r["procedure_name"],
            label,
            words[r["channel"]],
            _text_day(r["received"]),
            _text_day(r["due"]),
            _text_day(r["finished"]),
            STATUS[("igate", r["status"])],
        ]
        for label, r in rows
    ]


def _opencps(rows: list[tuple[str, dict]]) -> list[list]:
    """OpenCPS: yes/no channel flags, dates as text, no extension."""
    return [
        [
            r["code"],
            r["procedure_code"],
            r["procedure_name"],
            label,
            "Có" if r["channel"] == "online" else "Không",
            "Có" if r["channel"] == "postal" else "Không",
            _text_day(r["received"]),
            _text_day(r["due"]),
            "",
            _text_day(r["finished"]),
            STATUS[("opencps", r["status"])],
        ]
        for label, r in rows
    ]


VENDORS = {"TanDan": (TANDAN, _tandan), "iGate": (IGATE, _igate), "OpenCPS": (OPENCPS, _opencps)}


def listing(vendor: str, rows: list[tuple[str, dict]], fmt: str = "xlsx") -> bytes:
    """A vendor's list of (unit label, record) rows as the system exports it: .csv with the STT
    column, .xlsx without it (a spreadsheet numbers its rows, and a column of serial numbers
    is a sixth of the compressed file)."""
    header, cells = VENDORS[vendor]
    body = cells(rows)
    if fmt == "csv":
        return ex.plain_csv(
            header,
            [
                [n, *(_text_day(v) if isinstance(v, date) else v for v in r)]
                for n, r in enumerate(body, 1)
            ],  # fmt: skip
        )
    return _xlsx(header[1:], body)


def _xlsx(header: list[str], body: list[list]) -> bytes:
    """One sheet, the header then a row per dossier; a date is a date cell (dd/mm/yyyy), an
    empty value no cell at all."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": ex.FIXED_TIME, "author": "Hệ thống một cửa điện tử"})
    sheet = book.add_worksheet("DanhSachHoSo")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, header)
    for n, row in enumerate(body, 1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(n, c, value, stamp)
            elif isinstance(value, date):
                sheet.write_datetime(n, c, datetime.combine(value, time()), day)
            elif isinstance(value, str):
                sheet.write_string(n, c, value)
            else:
                sheet.write_number(n, c, value)
    book.close()
    return buffer.getvalue()


def _units(month: str, project: Project) -> list[tuple[Any, str]]:
    """The sample province's units in `month` (Bình Phước's until 6/2024, Đồng Nai's from
    7/2025), each with its name as a list writes it."""
    if month in post_merger.MONTHS:
        units = project.units.frame.reset_index(drop=True)
        units = units[units["province_id"] == post_merger.PROVINCE_ID]
        return [(u, u.name) for u in units.sort_values(["level", "official_order"]).itertuples()]
    _, units = _names(project)
    short_of = _district_short(units)
    return [(u, _unit_label(u, short_of, "xlsx")) for u in units.itertuples()]


def _records(
    month: str, project: Project, levels: tuple[str, ...] | None = None
) -> list[tuple[Any, str, list[dict]]]:
    """(unit, label, its records) for every unit of the sample month (of `levels`)."""
    units = [(u, label) for u, label in _units(month, project) if not levels or u.level in levels]
    frame = pd.DataFrame([u._asdict() for u, _ in units])
    counts = figures.dossier_counts(month, frame).set_index("unit_id")
    calendar = Calendar(project.reference / "holidays_override.csv")
    return [
        (
            u,
            label,
            unit_records(
                month,
                u,
                counts.loc[u.unit_id],
                supplements=u.level == "department",
                calendar=calendar,
            ),
        )
        for u, label in units
    ]


def build_lists(
    month: str, project: Project | None = None, levels: tuple[str, ...] | None = None
) -> dict[str, bytes]:
    """{file name: bytes} of a sample month's dossier lists (deterministic), one .xlsx per
    system; `levels`: only the units of these levels."""
    project = project or Project.find()
    files = {  # level -> the system its units use
        "department": f"{PREFIX}TanDan_SoNganh_{month}.xlsx",
        "land_branch": f"{PREFIX}OpenCPS_VPDKDD_{month}.xlsx",
        "district": f"{PREFIX}iGate_DiaPhuong_{month}.xlsx",
        "commune": f"{PREFIX}iGate_DiaPhuong_{month}.xlsx",
    }
    groups: dict[str, list[tuple[str, dict]]] = {}
    for unit, label, records in _records(month, project, levels):
        groups.setdefault(files[unit.level], []).extend((label, r) for r in records)
    return {name: listing(name.split("_")[1], rows) for name, rows in groups.items()}


def committed(month: str, project: Project | None = None) -> dict[str, bytes]:
    """The lists that are part of the committed sample (`make sample` writes them): June
    2024's, so the report shows the late dossiers by name; {} for another month."""
    return build_lists(month, project) if month in COMMITTED else {}


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
    return pd.DataFrame(
        [{"unit_id": u.unit_id, **r} for u, _, records in _records(month, project) for r in records]
    )


if __name__ == "__main__":
    write_lists(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/raw"))
