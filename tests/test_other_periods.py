"""Quarters, half-years, years and year-to-date: detected from the file, stored under their own
key, ranked only against the same period, and the yearly five-group view kept as five groups."""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest
import xlsxwriter

from chiso766.analysis import period_standing
from chiso766.errors import DataError
from chiso766.ingest.pipeline import ingest_month
from chiso766.reference.groups import FIVE_GROUP_CODES, GROUP_CODES, MAX_POINTS
from chiso766.reference.periods import Period, from_text, parse_period
from chiso766.store.loader import load
from conftest import GROUP_HEADERS


@pytest.mark.parametrize(
    ("key", "label", "start", "end"),
    [
        ("2025-10", "tháng 10/2025", "2025-10-01", "2025-10-31"),
        ("2025-Q3", "quý III/2025", "2025-07-01", "2025-09-30"),
        ("2025-H1", "6 tháng đầu năm 2025", "2025-01-01", "2025-06-30"),
        ("2025-H2", "6 tháng cuối năm 2025", "2025-07-01", "2025-12-31"),
        ("2025", "năm 2025", "2025-01-01", "2025-12-31"),
        ("2026-10-ytd", "từ đầu năm đến ngày 31/10/2026", "2026-01-01", "2026-10-31"),
    ],
)
def test_period_keys_round_trip(key, label, start, end):
    period = parse_period(key)
    assert period.key == key and period.label() == label
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("bad", ["2025-13", "2025-Q5", "2025-H3", "25-10", "2025-10-ytdx", ""])
def test_bad_period_keys_are_refused(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


@pytest.mark.parametrize(
    ("lines", "period"),
    [
        (["BẢNG XẾP HẠNG CHỈ SỐ 766", "QUÝ III/2025"], Period(2025, 9, "quarter")),
        (["Kết quả quý 2 năm 2026"], Period(2026, 6, "quarter")),
        (["Kết quả 6 tháng đầu năm 2025"], Period(2025, 6, "half")),
        (["Bảng xếp hạng năm 2025"], Period(2025, 12, "year")),
        (["Từ ngày 01/07/2025 đến ngày 30/09/2025"], Period(2025, 9, "quarter")),
        (["Từ ngày 01/07/2025 đến ngày 31/12/2025"], Period(2025, 12, "half")),
        (["Từ ngày 01/01/2025 đến ngày 31/12/2025"], Period(2025, 12, "year")),
        (["Từ ngày 01/01/2026 đến ngày 31/10/2026"], Period(2026, 10, "ytd")),
    ],
)
def test_period_stated_in_title_rows(lines, period):
    assert from_text(lines) == period


def _scores(provinces: pd.DataFrame, groups: tuple[str, ...], seed: int) -> list[dict]:
    """Group scores for every province; two provinces tie on the total."""
    rng = random.Random(seed)
    rows = []
    for i, uid in enumerate(provinces["unit_id"]):
        values = {g: round(rng.uniform(0.55, 0.98) * MAX_POINTS[g], 2) for g in groups}
        if i == 1:  # the same groups as the first province: a tie
            values = dict(rows[0]["values"])
        rows.append({"unit_id": uid, "values": values})
    return rows


def _national_xlsx(path, title_rows, provinces, rows, groups) -> None:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("BXH")
    for r, text in enumerate(title_rows):
        ws.write(r, 0, text)
    top = len(title_rows) + 1
    headers = [GROUP_HEADERS[g] for g in groups]
    ws.write_row(top, 0, ["STT", "Tỉnh, thành phố", *headers, "Tổng điểm"])
    names = dict(zip(provinces["unit_id"], provinces["name"], strict=True))
    for i, row in enumerate(rows, 1):
        total = round(sum(row["values"].values()), 2)
        ws.write_row(
            top + i, 0, [i, names[row["unit_id"]], *[row["values"][g] for g in groups], total]
        )
    book.close()


def _expected_ranks(rows) -> dict[str, int]:
    totals = pd.Series({r["unit_id"]: round(sum(r["values"].values()), 2) for r in rows})
    return totals.rank(method="min", ascending=False).astype(int).to_dict()


def test_a_yearly_five_group_export_and_a_ytd_export_are_ranked_apart(project):
    provinces = project.provinces.frame
    after = provinces[provinces["valid_from"] >= "2025-07-01"]
    year_rows = _scores(after, FIVE_GROUP_CODES, seed=1)
    ytd_rows = _scores(after, GROUP_CODES, seed=2)
    (project.raw / "2025").mkdir()
    _national_xlsx(
        project.raw / "2025" / "Bang xep hang 766 nam 2025.xlsx",
        ["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766", "Năm 2025"],
        after,
        year_rows,
        FIVE_GROUP_CODES,
    )
    (project.raw / "2026-10-ytd").mkdir()
    _national_xlsx(
        project.raw / "2026-10-ytd" / "Bang xep hang luy ke 2026.xlsx",
        ["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766", "Từ ngày 01/01/2026 đến ngày 31/10/2026"],
        after,
        ytd_rows,
        GROUP_CODES,
    )
    for key, rows, groups in (
        ("2025", year_rows, FIVE_GROUP_CODES),
        ("2026-10-ytd", ytd_rows, GROUP_CODES),
    ):
        ingest_month(key, project)
        manifest = json.loads((project.processed / key / "manifest.json").read_text())
        assert manifest["period"]["kind"] == parse_period(key).kind
        scores = load("scores", [key], project)
        assert set(scores["period"]) == {key}
        assert set(scores["period_kind"]) == {parse_period(key).kind}
        national = scores[scores["cohort"] == "national"].set_index("unit_id")
        assert len(national) == 34
        assert national["rank_total"].astype(int).to_dict() == _expected_ranks(rows)
        assert national["cohort_size"].eq(34).all()
        first, second = after["unit_id"].iloc[:2]
        assert national.at[first, "rank_total"] == national.at[second, "rank_total"]
        if groups == FIVE_GROUP_CODES:
            assert national["CLGQ"].isna().all() and national["DVTT"].notna().all()

    year = period_standing("2025", project)
    assert year.five_groups and year.size == 34
    assert "năm 2025" in year.sentence() and "CLGQ và TTTT gộp" in year.sentence()
    ytd = period_standing("2026-10-ytd", project)
    assert not ytd.five_groups
    opening = "từ đầu năm đến ngày 31/10/2026 (lũy kế từ đầu năm, 6 nhóm chỉ số)"
    assert ytd.sentence().startswith(opening)


def test_a_file_stating_another_period_is_refused(project):
    provinces = project.provinces.frame
    after = provinces[provinces["valid_from"] >= "2025-07-01"]
    (project.raw / "2025-Q3").mkdir()
    _national_xlsx(
        project.raw / "2025-Q3" / "bxh.xlsx",
        ["Bảng xếp hạng", "Năm 2025"],
        after,
        _scores(after, GROUP_CODES, seed=3),
        GROUP_CODES,
    )
    with pytest.raises(DataError) as caught:
        ingest_month("2025-Q3", project)
    assert "năm 2025" in str(caught.value) and "2025-Q3" in str(caught.value)


def test_the_first_quarter_folder_accepts_a_january_to_march_file(project):
    provinces = project.provinces.frame
    after = provinces[provinces["valid_from"] >= "2025-07-01"]
    (project.raw / "2026-Q1").mkdir()
    rows = _scores(after, GROUP_CODES, seed=4)
    _national_xlsx(
        project.raw / "2026-Q1" / "bxh.xlsx",
        ["Từ ngày 01/01/2026 đến ngày 31/03/2026"],
        after,
        rows,
        GROUP_CODES,
    )
    ingest_month("2026-Q1", project)
    assert period_standing("2026-Q1", project).sentence().startswith("quý I/2026 (quý")
