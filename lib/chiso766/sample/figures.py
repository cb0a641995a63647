"""The sample's numbers: synthetic but plausible, deterministic, and pinned to every figure the
seed notices state for Bình Phước (01-06/2024).

Scores are generated in hundredths of a point, so group scores always add up to the total
exactly. Each random stream is seeded by a string naming what it draws, so changing one part of
the sample leaves the others as they are.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

import pandas as pd

from chiso766.reference.groups import GROUP_CODES, MAX_POINTS
from chiso766.reference.workdays import Calendar

MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06")
PROVINCE_ID = "P63-H10"

# Stated in the seeds (and the issue): total and national rank per month; CKMB in April.
PROVINCE_TOTAL = {
    "2024-01": 7012,
    "2024-02": 7246,
    "2024-03": 7508,
    "2024-04": 7773,
    "2024-05": 8215,
    "2024-06": 8439,
}
PROVINCE_RANK = {
    "2024-01": 48,
    "2024-02": 39,
    "2024-03": 28,
    "2024-04": 17,
    "2024-05": 8,
    "2024-06": 3,
}
CKMB_APRIL = 1283  # 12,83 / 18 = 71,3 %
CKMB_APRIL_RANK = 3

# Units with late dossiers in 06/2024 (seed notice); every other unit has 0-2 that month.
LATE_JUNE = {
    "BP-S14": 3,
    "BP-S09": 3,
    "BP-H05": 16,
    "BP-H06": 35,
    "BP-H09": 6,
    "BP-H11": 5,
    "BP-DK05": 54,
    "BP-DK09": 5,
    "BP-DK11": 4,
    "BP-X080": 3,
    "BP-X093": 6,
    "BP-X110": 4,
}

_MAX = {c: int(MAX_POINTS[c] * 100) for c in GROUP_CODES}
_CLGQ_CAP = 860  # provinces top out near 8,5 on online services


def _rng(*parts: object) -> random.Random:
    return random.Random("chiso766-sample-" + "-".join(map(str, parts)))


def split_total(total: int, rng: random.Random, fixed: dict[str, int] | None = None) -> dict:
    """Split a total (hundredths) into the six groups, each within [0, its max], summing exactly."""
    fixed = dict(fixed or {})
    caps = {c: (_CLGQ_CAP if c == "CLGQ" else _MAX[c]) for c in GROUP_CODES}
    free = [c for c in GROUP_CODES if c not in fixed]
    left = total - sum(fixed.values())
    room = sum(caps[c] for c in free)
    ratio = left / room
    values = {
        c: max(0, min(caps[c], round(caps[c] * (ratio + rng.uniform(-0.12, 0.12))))) for c in free
    }
    if "TTTT" in values and ratio > 0.8 and rng.random() < 0.5:
        values["TTTT"] = caps["TTTT"]  # many provinces reach exactly 10,00 on payments
    diff = left - sum(values.values())
    while diff:
        step = 1 if diff > 0 else -1
        movable = [c for c in free if 0 <= values[c] + step <= caps[c]]
        c = rng.choice(movable)
        amount = step * min(abs(diff), rng.randint(1, 60))
        amount = max(-values[c], min(caps[c] - values[c], amount))
        values[c] += amount
        diff -= amount
    return fixed | values


def national_scores(month: str, provinces: pd.DataFrame) -> pd.DataFrame:
    """Six groups and total (hundredths) for the 63 provinces, Bình Phước where the seeds say."""
    rng = _rng("national", month)
    target, rank = PROVINCE_TOTAL[month], PROVINCE_RANK[month]
    others = provinces[provinces["unit_id"] != PROVINCE_ID]["unit_id"].tolist()
    rng.shuffle(others)
    above, below = others[: rank - 1], others[rank - 1 :]
    totals = {PROVINCE_ID: target}
    for uid in above:
        totals[uid] = rng.randint(target + 8, min(9350, target + 900))
    for uid in below:
        totals[uid] = rng.randint(max(5600, target - 2400), target - 8)
    ckmb_fixed: dict[str, int] = {}
    if month == "2024-04":
        ckmb_fixed[PROVINCE_ID] = CKMB_APRIL
        ahead = rng.sample(others, CKMB_APRIL_RANK - 1)
        for uid in others:
            low, high = (CKMB_APRIL + 10, 1650) if uid in ahead else (700, CKMB_APRIL - 10)
            room_elsewhere = sum(_MAX.values()) - _MAX["CKMB"] - (_MAX["CLGQ"] - _CLGQ_CAP)
            ckmb_fixed[uid] = rng.randint(max(low, totals[uid] - room_elsewhere + 50), high)
    rows = []
    for uid in provinces["unit_id"]:
        fixed = {"CKMB": ckmb_fixed[uid]} if uid in ckmb_fixed else None
        groups = split_total(totals[uid], _rng("national", month, uid), fixed)
        rows.append({"unit_id": uid, **groups, "total": totals[uid]})
    return pd.DataFrame(rows)


def unit_scores(month: str, units: pd.DataFrame) -> pd.DataFrame:
    """Scores of the province's departments, district-level units and communes."""
    m = int(month[-2:])
    rows = []
    for unit in units.itertuples():
        if unit.level not in ("department", "district", "commune"):
            continue
        base = _rng("unit-base", unit.unit_id).randint(5600, 8600)
        trend = _rng("unit-trend", unit.unit_id).randint(-80, 260)
        noise = _rng("unit", month, unit.unit_id).randint(-250, 250)
        total = max(4000, min(9600, base + trend * (m - 1) + noise))
        groups = split_total(total, _rng("unit-groups", month, unit.unit_id))
        rows.append({"unit_id": unit.unit_id, **groups, "total": total})
    return pd.DataFrame(rows)


_SIZE = {
    "department": (40, 900),
    "district": (300, 2600),
    "land_branch": (900, 4800),
    "commune": (30, 520),
}


def dossier_counts(month: str, units: pd.DataFrame) -> pd.DataFrame:
    """Biểu 06 counts per unit; the identities hold; late counts as the June seed states."""
    rows = []
    for unit in units.itertuples():
        rng = _rng("dossiers", month, unit.unit_id)
        low, high = _SIZE[unit.level]
        size = _rng("size", unit.unit_id).randint(low, high)
        received = max(5, round(size * rng.uniform(0.8, 1.2)))
        if month == "2024-06":
            late = LATE_JUNE.get(unit.unit_id, rng.choice((0, 0, 0, 0, 1, 1, 2)))
        elif unit.unit_id in LATE_JUNE:
            late = rng.randint(0, round(LATE_JUNE[unit.unit_id] * 1.3))
        else:
            late = rng.choice((0,) * 14 + (1, 1, 2, 3))
        received = max(received, late * 3 + 10)
        carried = round(received * rng.uniform(0.05, 0.2))
        new = received - carried
        online = round(new * rng.uniform(0.3, 0.85))
        pending = round(received * rng.uniform(0.08, 0.25))
        pending_overdue = min(late // 3, pending)
        resolved_late = late - pending_overdue
        resolved = received - pending
        early = round((resolved - resolved_late) * rng.uniform(0.4, 0.8))
        rows.append(
            {
                "unit_id": unit.unit_id,
                "received_online": online,
                "received_direct": new - online,
                "received_carried": carried,
                "received_total": received,
                "resolved_total": resolved,
                "resolved_early": early,
                "resolved_on_time": resolved - resolved_late - early,
                "resolved_late": resolved_late,
                "pending_total": pending,
                "pending_within": pending - pending_overdue,
                "pending_overdue": pending_overdue,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Decision:
    number: str
    ministry: str  # "Bộ trưởng Bộ ..."
    field: str
    unit_id: str
    symbol: str  # the preparing department's document symbol


_DECISIONS = (
    ("BYT", "Bộ trưởng Bộ Y tế", "khám bệnh, chữa bệnh", "BP-S15", "SYT"),
    ("BTP", "Bộ trưởng Bộ Tư pháp", "hộ tịch", "BP-S02", "STP"),
    ("BGDĐT", "Bộ trưởng Bộ Giáo dục và Đào tạo", "giáo dục đào tạo", "BP-S14", "SGDĐT"),
    ("BTNMT", "Bộ trưởng Bộ Tài nguyên và Môi trường", "đất đai", "BP-S09", "STNMT"),
    (
        "BNNPTNT",
        "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn",
        "trồng trọt",
        "BP-S06",
        "SNNPTNT",
    ),
    ("BCT", "Bộ trưởng Bộ Công Thương", "xúc tiến thương mại", "BP-S05", "SCT"),
    ("BXD", "Bộ trưởng Bộ Xây dựng", "hoạt động xây dựng", "BP-S08", "SXD"),
    ("BLĐTBXH", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "việc làm", "BP-S11", "SLĐTBXH"),
    ("BVHTTDL", "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", "du lịch", "BP-S12", "SVHTTDL"),
    ("BGTVT", "Bộ trưởng Bộ Giao thông vận tải", "đường bộ", "BP-S07", "SGTVT"),
)


def publications(month: str, calendar: Calendar, submit_within: int) -> pd.DataFrame:
    """Ministry decisions of the month and the province's publication of them; in 04/2024 the
    seed's late one (503/QĐ-BTTTT, Tờ trình 41/TTr-STTTT)."""
    rng = _rng("publications", month)
    year, m = int(month[:4]), int(month[-2:])
    rows = []
    for symbol, ministry, field, unit_id, unit_symbol in rng.sample(_DECISIONS, rng.randint(2, 4)):
        day = calendar.add(date(year, m, 1), rng.randint(0, 10))
        submitted = calendar.add(day, rng.randint(2, submit_within))
        rows.append(
            {
                "decision": f"{rng.randint(150, 1900)}/QĐ-{symbol}",
                "date": day,
                "effective": calendar.add(day, rng.randint(10, 30)),
                "summary": (
                    f"về việc công bố thủ tục hành chính mới ban hành, được sửa đổi, bổ sung "
                    f"trong lĩnh vực {field} thuộc phạm vi chức năng quản lý của "
                    f"{ministry.replace('Bộ trưởng ', '')}"
                ),
                "issuer": ministry,
                "unit_id": unit_id,
                "submission": f"{rng.randint(20, 180)}/TTr-{unit_symbol}",
                "submitted": submitted,
                "province_decision": f"{rng.randint(500, 1500)}/QĐ-UBND",
                "province_date": calendar.add(submitted, rng.randint(1, 3)),
            }
        )
    if month == "2024-04":
        rows.append(
            {
                "decision": "503/QĐ-BTTTT",
                "date": date(2024, 4, 9),
                "effective": date(2024, 5, 15),
                "summary": (
                    "về công bố thủ tục hành chính được sửa đổi, bổ sung 2 lĩnh vực Xuất bản, "
                    "In và Phát hành thuộc phạm vi chức năng quản lý của Bộ Thông tin và "
                    "Truyền thông"
                ),
                "issuer": "Bộ trưởng Bộ Thông tin và Truyền thông",
                "unit_id": "BP-S10",
                "submission": "41/TTr-STTTT",
                "submitted": date(2024, 4, 22),
                "province_decision": "742/QĐ-UBND",
                "province_date": date(2024, 4, 25),
            }
        )
    return pd.DataFrame(rows).sort_values("date", kind="stable").reset_index(drop=True)
