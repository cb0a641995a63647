from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from chiso766.ingest.ranks import competition_rank
from chiso766.reference.periods import Period, from_text, month_range, previous_month
from chiso766.reference.workdays import Calendar
from conftest import REPO


@pytest.mark.parametrize(
    ("lines", "period"),
    [
        (["BÁO CÁO", "Tháng 6/2024"], Period(2024, 6)),
        (["Kỳ báo cáo: tháng 06 năm 2024"], Period(2024, 6)),
        (["Từ ngày 01/06/2024 đến ngày 30/06/2024"], Period(2024, 6)),
        (["Từ ngày 01/01/2024 đến ngày 30/06/2024"], Period(2024, 6, "ytd")),
        (["Số liệu lũy kế tháng 6/2024"], Period(2024, 6, "ytd")),
        (["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], None),
    ],
)
def test_period_from_title_rows(lines, period):
    assert from_text(lines) == period


def test_month_helpers():
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert previous_month("2024-01") == "2023-12"
    assert Period(2024, 6).label() == "tháng 6/2024"
    assert Period(2024, 6, "ytd").label() == "từ đầu năm đến ngày 30/06/2024"


def test_competition_ranking_shares_ties_and_skips():
    ranks = competition_rank(pd.Series([90.0, 85.5, 85.5, 70.0, None]))
    assert ranks.tolist() == [1, 2, 2, 4, pd.NA]


def test_working_days_skip_vietnamese_holidays_and_count_makeup_days():
    cal = Calendar(REPO / "data" / "reference" / "holidays_override.csv")
    assert not cal.is_working_day(date(2024, 4, 18))  # Giỗ Tổ Hùng Vương
    assert not cal.is_working_day(date(2024, 2, 12))  # Tết
    assert cal.is_working_day(date(2024, 5, 4))  # Saturday worked for 29/4
    assert cal.add(date(2024, 4, 9), 5) == date(2024, 4, 16)
    assert cal.between(date(2024, 4, 16), date(2024, 4, 22)) == 3  # 17, 19, 22 (18 is a holiday)
    assert cal.add(date(2024, 2, 7), 1) == date(2024, 2, 15)  # across the Tết break
