"""The analysis behind the notebooks, on the committed sample."""

from __future__ import annotations

from datetime import date

import pytest

from chiso766 import analysis as an
from chiso766.report import narrative
from conftest import load_month


def test_movement_wording():
    assert an.movement(8, 3) == (5, "tăng 5 bậc")
    assert an.movement(3, 8) == (-5, "giảm 5 bậc")
    assert an.movement(4, 4) == (0, "giữ nguyên")
    assert an.movement(None, 4) == (None, "")


def test_rating_bands_come_from_configuration():
    bands = {"Xuất sắc": 90, "Tốt": 80, "Khá": 70, "Trung bình": 50, "Yếu": 0}
    assert [an.rating(t, bands) for t in (95, 90, 84.39, 70, 49.99)] == [
        "Xuất sắc",
        "Xuất sắc",
        "Tốt",
        "Khá",
        "Yếu",
    ]


def test_province_trend_since_january(june):
    trend = an.province_trend(june)
    assert trend["period"].tolist() == [f"2024-0{m}" for m in range(1, 7)]
    assert trend["rank"].tolist() == [48, 39, 28, 17, 8, 3]
    last = trend.iloc[-1]
    assert (last["change_prev"], last["movement_prev"]) == (5, "tăng 5 bậc")
    assert (last["change_jan"], last["movement_jan"]) == (45, "tăng 45 bậc")
    assert last["rank_text"] == "03/63"


def test_standing_gaps(june):
    st = an.standing(june)
    national = june.national()
    assert st.rank_text == "03/63"
    assert st.leader_total == national["total"].max()
    assert st.gap_to_leader == pytest.approx(national["total"].max() - 84.39)
    assert st.gap_to_median == pytest.approx(84.39 - national["total"].median())
    assert (st.previous_rank, st.january_rank) == (8, 48)


def test_group_table_adds_up_and_ranks_each_group(april):
    table = an.group_table(april)
    assert table["score"].sum() == pytest.approx(77.73)
    assert table["lost"].sum() == pytest.approx(100 - 77.73)
    ckmb = table.set_index("code").loc["CKMB"]
    assert ckmb["rank_text"] == "03/63" and round(ckmb["share"] * 100, 1) == 71.3


def test_unit_table_is_in_official_order_with_ranks_within_the_level(june):
    table = an.unit_table(june, "department")
    assert table["unit"].iloc[0] == "Sở Nội vụ" and len(table) == 20
    assert table["stt"].tolist() == list(range(1, 21))
    expected = table["total"].rank(method="min", ascending=False).astype(int)
    assert table["rank"].tolist() == expected.tolist()
    assert set(table["size"]) == {20}


def test_risers_and_fallers_are_signed(june):
    risers, fallers = an.risers_fallers(june, "commune", n=3)
    assert (risers["change_total"] > 0).all() and (fallers["change_total"] < 0).all()
    assert risers["change_total"].is_monotonic_decreasing


def test_late_lists_follow_official_order_not_counts(june):
    lists = an.late_lists(june, 3)
    assert lists["department"]["short_name"].tolist() == ["GD&ĐT", "Tài nguyên và Môi trường"]
    assert lists["district"]["late"].tolist() == [16, 35, 6, 5]
    assert lists["land_branch"]["late"].tolist() == [54, 5, 4]
    assert lists["commune"]["short_name"].tolist() == [
        "Tân Lợi-Hớn Quản",
        "Phước Tân-Phú Riềng",
        "Phú Sơn-Lộc Ninh",
    ]
    higher = an.late_lists(june, 10)
    assert sum(len(f) for f in higher.values()) == 3  # Đồng Phú 16, Bù Gia Mập 35, VP Đồng Phú 54


def test_late_dossiers_per_month(june):
    frame = an.late_by_month(june)
    assert list(frame.index) == [f"2024-0{m}" for m in range(1, 7)]
    dossiers = june.dossiers
    assert frame.loc["2024-06"].sum() == dossiers[dossiers["period"] == "2024-06"]["late"].sum()


def test_publication_lateness_in_working_days(april):
    table = an.publication_lateness(april).set_index("ministry_decision")
    late = table.loc["503/QĐ-BTTTT"]
    assert late["deadline"] == date(2024, 4, 16)  # 5 working days after 09/4
    assert late["late_days"] == 3  # 17, 19 and 22/4 (18/4 is Giỗ Tổ Hùng Vương)
    assert table["is_late"].sum() == 1


def test_notice_sentences(june, april):
    assert narrative.headline(june) == (
        "Tính đến tháng 6/2024, tỉnh Bình Phước đạt 84,39/100 điểm, xếp thứ 03/63 cả nước, "
        "tăng 5 bậc so với tháng 5/2024 và tăng 45 bậc so với tháng 01/2024."
    )
    lines = narrative.late_lines(june)
    assert "- Cấp sở: GD&ĐT (3); Tài nguyên và Môi trường (3)." in lines
    assert "- UBND các huyện: Đồng Phú (16); Bù Gia Mập (35); Hớn Quản (6); Lộc Ninh (5)." in lines
    assert (
        "Bình Phước xếp hạng 03/63 tỉnh, thành phố về chỉ số công khai, minh bạch về TTHC "
        "với tỷ lệ 71,3%."
    ) in narrative.group_highlights(april)
    assert "tỉnh đạt 77,73%, xếp hạng 17/63" in narrative.overall(april)
    assert "503/QĐ-BTTTT ngày 09/4/2024" in narrative.publication_lines(april)[0]


def test_a_month_missing_from_the_trend_is_said_in_the_quality_report(project, make_month):
    make_month("2024-06")
    folder = make_month("2024-05")
    next(folder.glob("api_chiso_tinh*")).write_text("{", encoding="utf-8")  # May cannot be read
    data = load_month("2024-06", project)
    assert "2024-05" not in set(data.scores["period"])
    gap = data.quality[data.quality["code"] == "trend.gap"]
    assert gap["text"].str.contains("2024-05").all() and len(gap) == 1


def test_chart_titles_stay_inside_the_figure_and_keep_the_month(june):
    """Beside long unit names the plot area is narrow; a title centred on it ran off the edge
    and lost the month. "UBND" keeps its capitals inside the title."""
    from chiso766.report import charts

    losses = an.group_losses(june, "commune")
    for fig in (
        charts.group_losses(june, losses, "commune"),
        charts.unit_totals(june, an.unit_table(june, "commune"), "commune"),
        charts.groups(june, an.group_table(june)),
    ):
        fig.canvas.draw()
        title = fig._suptitle
        box = title.get_window_extent()
        assert box.x0 >= 0 and box.x1 <= fig.bbox.x1, title.get_text()
        assert "tháng 6/2024" in title.get_text()
    assert "UBND cấp xã" in charts.group_losses(june, losses, "commune")._suptitle.get_text()
