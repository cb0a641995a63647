"""The second sample: Đồng Nai after the 1/7/2025 reorganisation (34 provinces, departments and
communes, no districts), 2025-07 to 2026-10, with the 2026 portal's indicator-level JSON.

2026 scores are built bottom-up from sub-indicators (numerator, denominator, the catalogue's
formula), so the unit scores, the indicator export and the province's national total agree to
the hundredth, as the portal's do. National averages fall in 2026 (about 62), as the domain doc
records. One deliberate fault (10/2026): a commune's payment indicator exported 0,50 above what
its numerator and denominator give, which the ingest must report. Some communes have nothing
to publish in a month: an indicator whose catalogue rule for a zero denominator is `null` then has
no score ("không phát sinh"), exported as JSON null and counted 0 in the group.
"""

from __future__ import annotations

import random

import pandas as pd

from chiso766.config import Project
from chiso766.reference.groups import GROUP_CODES
from chiso766.reference.indicators import Indicator, portal_round
from chiso766.reference.periods import month_range, parse_month
from chiso766.reference.workdays import Calendar
from chiso766.sample import exports as ex
from chiso766.sample.figures import dossier_counts, publications, split_total
from chiso766.store.fields import COUNT_FIELDS

MONTHS = tuple(month_range("2025-07", "2026-10"))
PROVINCE_ID = "P34-H19"
PROVINCE_CODE = "H19"
FAULTY = ("2026-10", "TTTT_ONLINE_PAYMENT_DOSSIERS")  # the first commune with room for +0,50


def _rng(*parts: object) -> random.Random:
    return random.Random("chiso766-dongnai-" + "-".join(map(str, parts)))


def _hundredths(value: float) -> int:
    return round(value * 100)


# --- sub-indicators -------------------------------------------------------------------------

_DENOMINATORS = {  # what each indicator counts, by level: (low, high)
    "thủ tục": {"department": (60, 320), "commune": (90, 130)},
    "hồ sơ": {"department": (80, 2500), "commune": (150, 1600)},
    "dịch vụ": {"department": (30, 200), "commune": (40, 90)},
    "phản ánh kiến nghị": {"department": (0, 25), "commune": (0, 8)},
    "đánh giá": {"department": (20, 600), "commune": (30, 400)},
}


def unit_metrics(
    month: str, unit_id: str, level: str, catalogue: dict[str, Indicator]
) -> list[dict]:
    """Numerator and denominator of every catalogue indicator for one unit and month."""
    quality = _rng("quality", unit_id).uniform(0.3, 0.72)
    m = parse_month(month)
    drift = 0.012 * ((m.year - 2026) * 12 + m.month - 1)
    rows = []
    for code, indicator in catalogue.items():
        low, high = _DENOMINATORS[indicator.counted][level]
        rng = _rng("metric", month, unit_id, code)
        denominator = rng.randint(low, high)
        nothing = _rng("nothing", month, unit_id, code).random() < 0.1
        if indicator.when_empty == "null" and level == "commune" and nothing:
            denominator = 0  # nothing to publish this month
        rate = min(1.0, max(0.0, quality + drift + rng.uniform(-0.25, 0.2)))
        rows.append(
            {"code": code, "numerator": round(denominator * rate), "denominator": denominator}
        )
    return rows


def _scored(rows: list[dict], catalogue: dict[str, Indicator]) -> list[dict]:
    for r in rows:
        indicator = catalogue[r["code"]]
        r["score"] = portal_round(indicator.points(r["numerator"], r["denominator"]))
        r["maxScore"] = indicator.max
        r["ratio"] = round(r["numerator"] / r["denominator"], 4) if r["denominator"] else 0.0
    return rows


def _group_scores(rows: list[dict], catalogue: dict[str, Indicator]) -> dict[str, int]:
    """Group scores in hundredths (sum of the rounded indicator scores)."""
    groups = dict.fromkeys(GROUP_CODES, 0)
    for r in rows:
        groups[catalogue[r["code"]].group] += _hundredths(r["score"] or 0.0)
    return groups


def indicator_month(
    month: str, units: pd.DataFrame, catalogue: dict[str, Indicator]
) -> dict[str, dict]:
    """{unit id: {"metrics": [...], "groups": {...}, "total": hundredths}} including the
    province, whose numerators and denominators are the sums over its units."""
    out = {}
    sums: dict[str, list[int]] = {}
    for unit in units.itertuples():
        metrics = unit_metrics(month, unit.unit_id, unit.level, catalogue)
        for r in metrics:
            acc = sums.setdefault(r["code"], [0, 0])
            acc[0] += r["numerator"]
            acc[1] += r["denominator"]
        metrics = _scored(metrics, catalogue)
        groups = _group_scores(metrics, catalogue)
        out[unit.unit_id] = {"metrics": metrics, "groups": groups, "total": sum(groups.values())}
    province = _scored(
        [{"code": c, "numerator": n, "denominator": d} for c, (n, d) in sums.items()], catalogue
    )
    groups = _group_scores(province, catalogue)
    out[PROVINCE_ID] = {"metrics": province, "groups": groups, "total": sum(groups.values())}
    return out


# --- scores ---------------------------------------------------------------------------------


def national_totals(month: str, provinces: pd.DataFrame, own_total: int | None) -> pd.DataFrame:
    """Six groups and total (hundredths) for the 34 provinces."""
    rng = _rng("national", month)
    in_2026 = month >= "2026-01"
    rows = []
    for uid in provinces["unit_id"]:
        if uid == PROVINCE_ID and own_total is not None:
            continue
        mean, spread = (6200, 650) if in_2026 else (8350, 380)
        total = int(min(9400, max(4200, rng.gauss(mean, spread))))
        if uid == PROVINCE_ID:
            total = int(_rng("own", month).randint(8300, 8900))
        rows.append(
            {"unit_id": uid, **split_total(total, _rng("groups", month, uid)), "total": total}
        )
    return pd.DataFrame(rows)


def unit_totals_2025(month: str, units: pd.DataFrame) -> dict[str, dict]:
    out = {}
    for unit in units.itertuples():
        base = _rng("unit-base", unit.unit_id).randint(7000, 9300)
        total = max(5000, min(9800, base + _rng("unit", month, unit.unit_id).randint(-300, 300)))
        groups = split_total(total, _rng("unit-groups", month, unit.unit_id))
        out[unit.unit_id] = {"groups": groups, "total": total}
    return out


# --- files ----------------------------------------------------------------------------------


def _portal_row(
    i: int, name: str, code: str, kind: str, level: str, groups: dict, total: int
) -> dict:
    return {
        "ID": str(9000 + i),
        "TEN": name,
        "TEN_COQUAN": f"{name} - tỉnh Đồng Nai" if kind != "1" else name,
        "MA_COQUAN": code,
        "LOAI_COQUAN": kind,
        "CAPDONVIID": level,
        **{c: ex.points(groups[c]) for c in ("TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB")},
        "TONG_SCORE": ex.points(total),
        "ROW_STT": str(i),
    }


def build_month(month: str, project: Project) -> dict[str, bytes]:
    period = parse_month(month)
    provinces = project.provinces.frame.reset_index(drop=True)
    provinces = provinces[provinces["valid_from"] == "2025-07-01"].merge(
        provinces[["unit_id"]], on="unit_id"
    )
    units = project.units.frame.reset_index(drop=True)
    units = units[units["province_id"] == PROVINCE_ID].sort_values(["level", "official_order"])
    catalogue = project.catalogue_for(period)
    files: dict[str, bytes] = {}
    own_total = None
    if month >= "2026-01":
        metrics = indicator_month(month, units, catalogue)
        own_total = metrics[PROVINCE_ID]["total"]
        unit_scores = {uid: v for uid, v in metrics.items() if uid != PROVINCE_ID}
        files[f"chi_tieu_thanh_phan_{month}.json"] = _indicator_json(month, units, metrics)
    else:
        unit_scores = unit_totals_2025(month, units)
    national = national_totals(month, provinces, own_total)
    if own_total is not None:
        own = {"unit_id": PROVINCE_ID, **metrics[PROVINCE_ID]["groups"], "total": own_total}
        national = pd.concat([national, pd.DataFrame([own])], ignore_index=True)
    national = national.merge(provinces, on="unit_id")
    rows = [
        _portal_row(
            i,
            f"{r.title.capitalize()} {r.name}",
            r.code,
            "1",
            "1",
            {c: getattr(r, c) for c in GROUP_CODES},
            r.total,
        )
        for i, r in enumerate(national.sort_values("name").itertuples(), 1)
    ]
    if period.month % 2:
        files[f"xep_hang_34_tinh_{month}.json"] = ex.portal_json(rows, period.start, period.end)
    else:
        files[f"xep_hang_34_tinh_{month}.csv"] = ex.portal_csv(rows)
    unit_rows = []
    for i, unit in enumerate(units.itertuples(), 1):
        v = unit_scores[unit.unit_id]
        kind, level = ("2", "1") if unit.level == "department" else ("3", "2")
        unit_rows.append(_portal_row(i, unit.name, unit.code, kind, level, v["groups"], v["total"]))
    files[f"diem_don_vi_dong_nai_{month}.json"] = ex.portal_json(
        unit_rows, period.start, period.end
    )
    files[f"Bieu 06 Dong Nai {month}.xlsx"] = _dossiers(month, units)
    files[f"Theo doi cong bo TTHC {month}.xlsx"] = _publications(month, project, units)
    return files


def _publications(month: str, project: Project, units: pd.DataFrame) -> bytes:
    """The same kind of tracking sheet as before the merger; each decision's preparing
    department is the successor (crosswalk) of the one that prepared such decisions before."""
    period = parse_month(month)
    calendar = Calendar(project.reference / "holidays_override.csv")
    within = project.config["publication"]["submit_within_working_days"]
    names = dict(zip(units["unit_id"], units["name"], strict=True))
    table = publications(month, calendar, within)

    def unit(r) -> str:
        return names[project.crosswalk.successor(r.unit_id)]

    def submission(r) -> str:  # the successor department's own symbol
        return r.submission.split("-")[0] + "-S" + unit(r).split(" ", 1)[1][:4].upper()

    rows = ex.publication_rows(table, unit, submission)
    titles = [
        "THEO DÕI TÌNH HÌNH CÔNG BỐ, CÔNG KHAI THỦ TỤC HÀNH CHÍNH",
        f"Tháng {period.month}/{period.year}",
    ]
    return ex.publications_xlsx(titles, rows)


def _indicator_json(month: str, units: pd.DataFrame, metrics: dict) -> bytes:
    import json

    period = parse_month(month)
    entries = []

    def entry(name: str, code: str, group: str, values: dict) -> dict:
        listed = [dict(r) for r in values["metrics"]]
        return {
            "departmentName": name,
            "departmentCode": code,
            "childGroup": group,
            "totalScore": ex.points(values["total"]),
            "groupScores": {c: ex.points(values["groups"][c]) for c in GROUP_CODES},
            "metrics": listed,
        }

    entries.append(entry("UBND tỉnh Đồng Nai", PROVINCE_CODE, "PROVINCE", metrics[PROVINCE_ID]))
    faulty = month == FAULTY[0]
    for unit in units.itertuples():
        group = "AGENCY" if unit.level == "department" else "COMMUNE"
        item = entry(unit.name, unit.code, group, metrics[unit.unit_id])
        for r in item["metrics"]:
            if (
                faulty
                and group == "COMMUNE"
                and r["code"] == FAULTY[1]
                and (r["score"] <= r["maxScore"] - 0.5)
            ):
                r["score"] = round(r["score"] + 0.5, 2)  # exported, not what n/d give
                faulty = False
        entries.append(item)
    for item in entries:
        for r in item["metrics"]:
            r["score"] = f"{r['score']:.2f}" if r["score"] is not None else None
            r["maxScore"] = f"{r['maxScore']:.2f}"
    doc = {
        "fromDate": period.start.isoformat(),
        "toDate": period.end.isoformat(),
        "provinceCode": PROVINCE_CODE,
        "data": entries,
    }
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")  # compact, as the API sends it


def _dossiers(month: str, units: pd.DataFrame) -> bytes:
    period = parse_month(month)
    counts = dossier_counts(month, units.assign(unit_id=units["unit_id"]))
    counts = counts.merge(units, on="unit_id")
    fields = COUNT_FIELDS
    sections = []
    for numeral, heading, level in (("I", "CẤP TỈNH", "department"), ("II", "CẤP XÃ", "commune")):
        part = counts[counts["level"] == level].sort_values("official_order")
        sections.append(
            (
                numeral,
                heading,
                [
                    [i, r.name, *[getattr(r, f) for f in fields]]
                    for i, r in enumerate(part.itertuples(), 1)
                ],
            )
        )
    totals = [int(counts[f].sum()) for f in fields]
    line = (
        f"Kỳ báo cáo: Tháng {period.month}/{period.year} (Từ ngày {period.start:%d/%m/%Y} "
        f"đến ngày {period.end:%d/%m/%Y})"
    )
    return ex.bieu06_xlsx(line, sections, totals, parent="UBND TỈNH ĐỒNG NAI")
