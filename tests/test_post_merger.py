"""After 1/7/2025: the 34-province structure, the crosswalk, and indicator-level analysis."""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import pytest
import xlsxwriter

from chiso766 import DataError, read_month
from chiso766 import analysis as an
from chiso766.analysis import indicators as ind
from chiso766.config import Project
from chiso766.report import narrative
from chiso766.sample import build_month
from conftest import REPO, file_named, load_month

CATALOGUE = Project(REPO).catalogue


# --- formulas -----------------------------------------------------------------------------------


def test_linear_and_threshold_formulas_and_empty_denominators():
    payment = CATALOGUE["TTTT_ONLINE_PAYMENT_DOSSIERS"]  # linear, 6 points
    assert payment.points(50, 100) == pytest.approx(3.0)
    online = CATALOGUE["CLGQ_ONLINE_DOSSIERS"]  # full at 50 %, 6 points
    assert online.points(25, 100) == pytest.approx(3.0)
    assert online.points(50, 100) == pytest.approx(6.0)
    assert online.points(90, 100) == pytest.approx(6.0)  # capped
    reuse = CATALOGUE["REUSED_DIGITIZED_DATA"]  # full at 80 %, 2 points
    assert reuse.points(40, 100) == pytest.approx(1.0)
    assert CATALOGUE["PETITION_PROCESSING_ON_TIME"].points(0, 0) == 6  # nothing to handle
    assert CATALOGUE["DOSSIER_RECEIVING_SATISFACTION"].points(0, 0) == 0


def test_needed_is_the_fewest_and_respects_the_cap():
    payment = CATALOGUE["TTTT_ONLINE_PAYMENT_DOSSIERS"]
    k = payment.needed(500, 1000, 1.0)
    assert payment.points(500 + k, 1000) - payment.points(500, 1000) >= 1.0 - 1e-9
    assert payment.points(500 + k - 1, 1000) - payment.points(500, 1000) < 1.0
    online = CATALOGUE["CLGQ_ONLINE_DOSSIERS"]
    assert online.needed(400, 1000, 1.2) == 100  # 40 % -> 50 % gives the last 1,2 points
    assert online.needed(400, 1000, 1.3) is None  # beyond the cap
    assert payment.needed(1000, 1000, 0.1) is None


def test_planned_actions_applied_to_the_data_give_the_promised_points():
    metrics = pd.DataFrame(
        [
            {"code": "TTTT_ONLINE_PAYMENT_DOSSIERS", "numerator": 600, "denominator": 1000},
            {"code": "CLGQ_ONLINE_DOSSIERS", "numerator": 300, "denominator": 1000},
            {"code": "PETITION_PROCESSING_ON_TIME", "numerator": 8, "denominator": 12},
            {"code": "TDGQ_ON_TIME", "numerator": 900, "denominator": 1000},
        ]
    )

    def total(frame):
        return sum(CATALOGUE[r.code].points(r.numerator, r.denominator) for r in frame.itertuples())

    for gain in (0.5, 2.0, 5.0):
        actions = ind.plan(metrics, CATALOGUE, gain)
        applied = metrics.copy()
        for a in actions:
            applied.loc[applied["code"] == a.code, "numerator"] += a.count
        assert total(applied) - total(metrics) >= gain - 1e-9
        assert sum(a.points for a in actions) == pytest.approx(total(applied) - total(metrics))
        assert (applied["numerator"] <= applied["denominator"]).all()
    # the cheapest first: 12 petitions cost less per point than 1,000 dossiers
    assert ind.plan(metrics, CATALOGUE, 0.5)[0].code == "PETITION_PROCESSING_ON_TIME"
    assert "thêm" in ind.plan(metrics, CATALOGUE, 5.0)[0].text


def test_gain_for_rank_uses_competition_ranking():
    others = pd.Series([80.0, 75.0, 70.0])
    assert ind.gain_for_rank(others, 72.0, 2) == pytest.approx(3.0)  # equal 75 shares rank 2
    assert ind.gain_for_rank(others, 72.0, 3) == 0.0
    assert ind.gain_for_rank(others, 72.0, 4) == 0.0
    with pytest.raises(ValueError):
        ind.gain_for_rank(others, 72.0, 6)


# --- the Đồng Nai sample ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def october(sample_project):
    return load_month("2026-10", sample_project)


YEAR = pytest.mark.slow  # the tests below load January to October 2026 (eleven months ingested)


@YEAR
def test_post_merger_month_ranks_out_of_34_with_departments_and_communes(october):
    s = october.scores[october.scores["period"] == "2026-10"]
    sizes = s.groupby("cohort")["unit_id"].nunique().to_dict()
    assert sizes == {"national": 34, "department": 15, "commune": 95}
    assert set(s["cohort_size"].dropna()) == {34, 15, 95}
    assert an.standing(october).rank_text.endswith("/34")


@YEAR
def test_indicator_export_agrees_with_the_national_total(october):
    province = an.province_indicators(october)
    own = october.national()
    own_total = own[own["unit_id"] == "P34-H19"]["total"].iloc[0]
    assert province["score"].sum() == pytest.approx(own_total, abs=0.02)
    assert len(province) == len(CATALOGUE)
    assert province["lost"].is_monotonic_decreasing


@YEAR
def test_sample_fault_is_reported_not_hidden(october):
    q = october.quality
    mismatch = q[q["code"] == "ind.score_mismatch"]
    assert len(mismatch) == 1 and "TTTT_ONLINE_PAYMENT_DOSSIERS" in mismatch["text"].iloc[0]
    assert mismatch["row"].iloc[0] is not None and mismatch["file"].iloc[0].endswith(".json")


@YEAR
def test_plan_for_the_province_and_its_lines(october):
    gain, actions = an.improvement_plan(october, points=3)
    assert gain == 3.0 and sum(a.points for a in actions) >= 3.0 - 1e-9
    lines = narrative.plan_lines(october, points=3)
    assert lines[0] == "Để tăng 3,00 điểm:" and lines[1].startswith("1. ")
    rank = an.standing(october).rank
    assert narrative.plan_lines(october, rank=rank)[0].startswith("Tỉnh đã ở hạng")


def test_pre_merger_months_say_there_is_nothing_to_plan(june):
    assert narrative.plan_lines(june) == [
        "Tháng này không có số liệu chỉ tiêu thành phần, chưa lập được kế hoạch."
    ]


# --- ingest variants ----------------------------------------------------------------------------


def _indicator_doc(folder):
    path = file_named(folder, "chi_tieu_thanh_phan")
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_unknown_codes_are_kept_and_reported(project, make_month):
    folder = make_month("2026-03")
    path, doc = _indicator_doc(folder)
    doc["data"][1]["metrics"].append(
        {
            "code": "NEW_2027_METRIC",
            "numerator": 3,
            "denominator": 4,
            "ratio": 0.75,
            "score": "0.00",
            "maxScore": "0.00",
        }
    )
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = read_month("2026-03", project)
    kept = result.indicators[result.indicators["code"] == "NEW_2027_METRIC"]
    assert len(kept) == 1 and not kept["known"].iloc[0]
    assert (result.quality["code"] == "ind.unknown_code").sum() == 1


def test_group_and_total_mismatches_are_reported(project, make_month):
    folder = make_month("2026-03")
    path, doc = _indicator_doc(folder)
    unit = doc["data"][2]
    unit["groupScores"]["MDSH"] = f"{float(unit['groupScores']['MDSH']) + 1:.2f}"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    codes = set(read_month("2026-03", project).quality["code"])
    assert {"ind.group_mismatch", "ind.total_mismatch"} <= codes


def test_long_table_in_excel_reads_like_the_json(project, make_month):
    folder = make_month("2026-03")
    path, doc = _indicator_doc(folder)
    from_json = read_month("2026-03", project).indicators
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("Chi tieu")
    sheet.write_row(0, 0, ["CHỈ TIÊU THÀNH PHẦN THÁNG 3/2026"])
    header = [
        "Mã đơn vị",
        "Tên đơn vị",
        "Mã chỉ tiêu",
        "Tử số",
        "Mẫu số",
        "Tỷ lệ",
        "Điểm chỉ tiêu",
        "Điểm tối đa",
    ]
    sheet.write_row(2, 0, header)
    r = 3
    for unit in doc["data"]:
        for m in unit["metrics"]:
            sheet.write_row(
                r,
                0,
                [
                    unit["departmentCode"],
                    unit["departmentName"],
                    m["code"],
                    m["numerator"],
                    m["denominator"],
                    m["ratio"],
                    float(m["score"]) if m["score"] is not None else None,  # null: empty cell
                    float(m["maxScore"]),
                ],
            )
            r += 1
    book.close()
    path.unlink()
    (folder / "chi tieu.xlsx").write_bytes(buf.getvalue())
    from_excel = read_month("2026-03", project).indicators
    key = ["unit_id", "code"]
    a = from_json.sort_values(key)[key + ["numerator", "denominator", "score"]]
    b = from_excel.sort_values(key)[key + ["numerator", "denominator", "score"]]
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


# --- the reorganisation -------------------------------------------------------------------------


def test_codes_reused_across_the_merger_never_join_periods():
    p = Project(REPO).provinces
    before = p.frame[(p.frame["stat_code"] == "91") & (p.frame["valid_to"] != "")]
    after = p.frame[(p.frame["stat_code"] == "91") & (p.frame["valid_to"] == "")]
    assert before["name"].tolist() == ["Kiên Giang"] and after["name"].tolist() == ["An Giang"]
    crosswalk = Project(REPO).crosswalk
    assert crosswalk.successor("P63-H10") == "P34-H19"  # Bình Phước -> Đồng Nai
    assert crosswalk.successor("P63-H33") == "P34-H01"  # Kiên Giang -> An Giang
    assert set(crosswalk.predecessors("P34-H19")) == {"P63-H10", "P63-H19"}
    assert crosswalk.successor("BP-S09") == crosswalk.successor("BP-S06") == "DN-S05"
    assert crosswalk.successor("BP-H05") is None  # districts were abolished


def test_a_63_province_file_in_a_34_province_month_is_an_error(project, make_month):
    old = build_month("2024-01", Project(REPO))["BXH_766_tinh_thanh_T01_2024.csv"]
    make_month("2025-08", drop=("xep_hang_34_tinh_2025-08.csv",), add={"bxh.csv": old})
    with pytest.raises(DataError) as info:
        read_month("2025-08", project)
    # one error naming the cause (the structure read from the file), not one per old province
    [issue] = [i for i in info.value.issues if i.severity == "error"]
    assert issue.code == "scores.old_structure" and issue.file == "bxh.csv"
    assert "63 tỉnh" in issue.text and "tháng 8/2025" in issue.text


def test_a_trend_across_the_merger_stops_and_bridges_with_labels(project, make_month):
    old = build_month("2024-04", Project(REPO))["BXH_766_tinh_thanh_T04_2024.csv"]
    (project.raw / "2025-06").mkdir(parents=True)
    (project.raw / "2025-06" / "bxh.csv").write_bytes(old)
    make_month("2025-07")
    data = load_month("2025-07", project)
    trend = an.province_trend(data)
    assert trend["period"].tolist() == ["2025-07"]  # no rank out of 63 in the trend
    assert set(data.scores[data.scores["period"] == "2025-06"]["cohort_size"]) == {63}
    lines = narrative.structure_lines(data)
    assert lines[0].startswith("Từ ngày 01/7/2025 cả nước có 34 tỉnh")
    assert "Bình Phước tháng 6/2025" in lines[1] and "/63" in lines[1]
    assert "so với tháng 6/2025" not in narrative.headline(data)


@YEAR
def test_old_and_new_structures_are_ranked_apart(sample_project):
    jan = load_month("2024-06", sample_project).national()
    oct_ = load_month("2026-10", sample_project).national()
    assert jan["rank_total"].max() <= 63 and oct_["rank_total"].max() <= 34
    assert not set(jan["unit_id"]) & set(oct_["unit_id"])
    assert math.isclose(len(jan), 63) and math.isclose(len(oct_), 34)
