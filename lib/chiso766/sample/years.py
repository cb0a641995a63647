"""The sample's yearly rankings, as the portal serves them after 1/7/2025: 2023 and 2024 for the
63 provinces (decimal commas as text, a trailing "Trung bình cả nước" row with only the total),
and 2024 again restated onto the 34 provinces in the five-group view (CLGQ + TTTT together),
in the same folder: `chiso766 report --period 2024` reads the original, labels nothing restated,
and compares with 2023."""

from __future__ import annotations

import pandas as pd

from chiso766.config import Project
from chiso766.reference.groups import FIVE_GROUP_CODES, GROUP_CODES
from chiso766.sample import exports as ex
from chiso766.sample.figures import PROVINCE_ID, _rng, split_total

YEARS = ("2023", "2024")
# Bình Phước's yearly total (hundredths) and rank out of 63; Đồng Nai's rank in the restatement
PROVINCE_YEAR = {"2023": (7412, 31), "2024": (8105, 12)}
RESTATED_PROVINCE = "P34-H19"
RESTATED_RANK = 9


def _totals(key: str, ids: list[str], own: str, total: int, rank: int) -> dict[str, int]:
    """Totals (hundredths) with `own` at `total`, ranked `rank`."""
    rng = _rng("year", key, len(ids))
    others = [uid for uid in ids if uid != own]
    rng.shuffle(others)
    totals = {own: total}
    for uid in others[: rank - 1]:
        totals[uid] = rng.randint(total + 10, min(9400, total + 1200))
    for uid in others[rank - 1 :]:
        totals[uid] = rng.randint(max(5800, total - 2200), total - 10)
    return totals


def _five(groups: dict[str, int]) -> dict[str, int]:
    """The five-group view of six group scores: CLGQ + TTTT as DVTT."""
    return {
        "CKMB": groups["CKMB"],
        "TDGQ": groups["TDGQ"],
        "DVTT": groups["CLGQ"] + groups["TTTT"],
        "MDHL": groups["MDHL"],
        "MDSH": groups["MDSH"],
    }


def _ranking(
    key: str, provinces: pd.DataFrame, own: str, total: int, rank: int, codes: tuple[str, ...]
) -> list[list]:
    ids = provinces["unit_id"].tolist()
    totals = _totals(key, ids, own, total, rank)
    names = dict(zip(provinces["unit_id"], provinces["name"], strict=True))
    rows = []
    for uid in sorted(ids, key=lambda u: -totals[u]):
        groups = split_total(totals[uid], _rng("year", key, uid))
        values = groups if codes == GROUP_CODES else _five(groups)
        rows.append([names[uid], *[values[c] for c in codes], totals[uid]])
    return [[i, *row] for i, row in enumerate(rows, 1)]


def build_year(key: str, project: Project) -> dict[str, bytes]:
    """{file name: bytes} of the sample's exports of year `key`."""
    frame = project.provinces.frame.reset_index(drop=True)
    before = frame[frame["valid_to"] == "2025-06-30"]
    total, rank = PROVINCE_YEAR[key]
    rows = _ranking(key, before, PROVINCE_ID, total, rank, GROUP_CODES)
    average = round(sum(r[-1] for r in rows) / len(rows))
    titles = ["CỔNG DỊCH VỤ CÔNG QUỐC GIA", "BẢNG XẾP HẠNG BỘ CHỈ SỐ 766", f"Năm {key}"]
    files = {
        f"Bang xep hang 766 nam {key}.xlsx": ex.national_xlsx(
            titles, rows, decimals_as_text=True, average=average, codes=GROUP_CODES
        )
    }
    if key == "2024":
        after = frame[frame["valid_from"] >= "2025-07-01"]
        restated = _ranking(
            f"{key}-34", after, RESTATED_PROVINCE, 8230, RESTATED_RANK, FIVE_GROUP_CODES
        )
        average = round(sum(r[-1] for r in restated) / len(restated))
        files[f"Bang xep hang 766 nam {key} (34 tinh, thanh pho).xlsx"] = ex.national_xlsx(
            titles, restated, decimals_as_text=True, average=average, codes=FIVE_GROUP_CODES
        )
    return files
