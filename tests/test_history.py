"""History as the portal serves it: yearly rankings with a national-average row, the restated
34-province series of years before 1/7/2025 beside the original 63-province one, and dated
captures of an open period."""

from __future__ import annotations

import random
import re
import shutil

import pandas as pd
import pytest
import xlsxwriter

from chiso766 import analysis as an
from chiso766.analysis import period_standings
from chiso766.config import Project
from chiso766.errors import DataError
from chiso766.ingest.pipeline import ingest_month
from chiso766.reference.groups import FIVE_GROUP_CODES, GROUP_CODES, MAX_POINTS
from chiso766.reference.periods import parse_period
from chiso766.report import brief, narrative
from chiso766.store.loader import load, open_month
from chiso766.store.parquet import read_table
from conftest import GROUP_HEADERS, REPO, load_month, run_cli, sample_files


def provinces_of(project: Project, structure: str) -> pd.DataFrame:
    frame = project.provinces.frame
    after = frame["valid_from"] >= "2025-07-01"
    return frame[after if structure == "34" else ~after].reset_index(drop=True)


def comma(value: float) -> str:
    """A score as the portal's text export writes it: "84,39"."""
    return f"{value:.2f}".replace(".", ",")


def ranking(provinces: pd.DataFrame, groups: tuple[str, ...], seed: int) -> pd.DataFrame:
    """Group scores (hundredths) and totals for every province."""
    rng = random.Random(seed)
    rows = []
    for uid, name in zip(provinces["unit_id"], provinces["name"], strict=True):
        values = {g: round(rng.uniform(0.5, 0.98) * MAX_POINTS[g], 2) for g in groups}
        total = round(sum(values.values()), 2)
        rows.append({"unit_id": uid, "name": name, **values, "total": total})
    return pd.DataFrame(rows)


def write_ranking(
    path,
    title: list[str],
    frame: pd.DataFrame,
    groups: tuple[str, ...],
    *,
    summary: tuple[str, str, float | None] | None = None,
) -> None:
    """The portal's ranking as an analyst downloads it: title rows, a two-row merged header
    ("Điểm theo nhóm chỉ số" over the groups), decimal commas as text, and a summary row
    (`summary` = (label, where: "top" | "middle" | "end", total or None)) with only the total."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Xep hang")
    for r, text in enumerate(title):
        ws.write(r, 0, text)
    top = len(title) + 1
    last = 2 + len(groups)
    ws.merge_range(top, 0, top + 1, 0, "STT")
    ws.merge_range(top, 1, top + 1, 1, "Tỉnh, thành phố")
    ws.merge_range(top, 2, top, last - 1, "Điểm theo nhóm chỉ số")
    for j, g in enumerate(groups):
        ws.write(top + 1, 2 + j, GROUP_HEADERS[g])
    ws.merge_range(top, last, top + 1, last, "Tổng điểm")
    body = [
        [i, r["name"], *[comma(r[g]) for g in groups], comma(r["total"])]
        for i, r in enumerate(frame.to_dict("records"), 1)
    ]
    if summary is not None:
        label, where, total = summary
        line = ["", label, *[""] * len(groups), comma(total) if total is not None else ""]
        at = {"top": 0, "middle": len(body) // 2, "end": len(body)}[where]
        body.insert(at, line)
    for i, line in enumerate(body):
        ws.write_row(top + 2 + i, 0, line)
    book.close()


def _national(project: Project, key: str, cohort: str = "national") -> pd.DataFrame:
    scores = load("scores", [key], project)
    return scores[scores["cohort"] == cohort].set_index("unit_id")


@pytest.mark.parametrize(
    ("label", "where"),
    [
        ("Trung bình cả nước", "end"),
        ("Trung binh ca nuoc", "end"),  # without diacritics
        ("BÌNH QUÂN", "top"),
        ("Cả nước", "middle"),
    ],
)
def test_a_yearly_ranking_with_an_average_row_keeps_the_average_apart(project, label, where):
    provinces = provinces_of(project, "63")
    frame = ranking(provinces, GROUP_CODES, seed=7)
    stated = 78.12
    (project.raw / "2024").mkdir()
    write_ranking(
        project.raw / "2024" / "Xep hang 766 nam 2024.xlsx",
        ["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766", "Năm 2024"],
        frame,
        GROUP_CODES,
        summary=(label, where, stated),
    )
    result = ingest_month("2024", project)
    national = _national(project, "2024")
    assert len(national) == 63 and national["cohort_size"].eq(63).all()
    assert label not in set(national["raw_name"])  # never a unit
    assert national["national_average"].eq(stated).all()
    assert set(national["series"]) == {"63"}
    expected = frame.set_index("unit_id")["total"]
    assert national["total"].round(2).to_dict() == expected.to_dict()  # "84,39" read as 84.39
    codes = set(result.quality["code"])
    assert {"note.summary_row", "note.national_average"} <= codes
    assert not (result.quality["severity"] == "error").any()

    [standing] = period_standings("2024", project)
    me = frame.set_index("unit_id").at["P63-H10", "total"]  # Bình Phước, the sample's province
    gap = comma(abs(round(me - stated, 2)))
    words = "cao hơn" if me > stated else "thấp hơn"
    sentence = standing.sentence()
    assert sentence.startswith("năm 2024 (năm, 6 nhóm chỉ số): Bình Phước đạt")
    stated_words = f"{words} trung bình cả nước {gap} điểm (điểm trung bình Cổng công bố: 78,12)"
    assert stated_words in sentence
    assert "/63" in sentence and "tháng" not in sentence


def test_a_totals_row_states_no_average_and_the_mean_is_said_as_such(project):
    provinces = provinces_of(project, "63")
    frame = ranking(provinces, GROUP_CODES, seed=8)
    (project.raw / "2024").mkdir()
    write_ranking(
        project.raw / "2024" / "xh.xlsx",
        ["Năm 2024"],
        frame,
        GROUP_CODES,
        summary=("Tổng cộng", "end", None),
    )
    ingest_month("2024", project)
    assert _national(project, "2024")["national_average"].isna().all()
    [standing] = period_standings("2024", project)
    assert not standing.average_stated
    assert standing.national_average == pytest.approx(frame["total"].mean(), abs=0.005)
    assert "trung bình cộng điểm các tỉnh" in standing.sentence()


def test_an_unreadable_average_is_a_warning_not_a_unit(project):
    provinces = provinces_of(project, "63")
    frame = ranking(provinces, GROUP_CODES, seed=9)
    (project.raw / "2024").mkdir()
    path = project.raw / "2024" / "xh.xlsx"  # an average over 100 is no score
    summary = ("Trung bình cả nước", "end", 250)
    write_ranking(path, ["Năm 2024"], frame, GROUP_CODES, summary=summary)
    result = ingest_month("2024", project)
    [warning] = result.quality[result.quality["code"] == "val.average_unreadable"].itertuples()
    assert warning.severity == "warning" and warning.file == "xh.xlsx"
    assert _national(project, "2024")["national_average"].isna().all()


def test_a_restated_34_province_year_is_its_own_series(project):
    """2024 restated onto the 34 provinces (five groups, as the portal re-serves it), then the
    original 63-province ranking added beside it: both stored, each ranked in itself."""
    after = provinces_of(project, "34")
    restated = ranking(after, FIVE_GROUP_CODES, seed=11)
    (project.raw / "2024").mkdir()
    write_ranking(
        project.raw / "2024" / "xep hang 2024 (34 tinh).xlsx",
        ["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766", "Năm 2024"],
        restated,
        FIVE_GROUP_CODES,
        summary=("Trung bình cả nước", "end", 80.5),
    )
    result = ingest_month("2024", project)
    assert "note.restated" in set(result.quality["code"])
    rows = _national(project, "2024", "national_restated")
    assert _national(project, "2024").empty  # not filed under the 63-province ranking
    assert len(rows) == 34 and rows.index.str.startswith("P34-").all()
    assert rows["cohort_size"].eq(34).all() and set(rows["series"]) == {"34"}
    expected = restated.set_index("unit_id")["total"].rank(method="min", ascending=False)
    assert rows["rank_total"].astype(int).to_dict() == expected.astype(int).to_dict()
    [standing] = period_standings("2024", project)
    assert standing.restated and standing.province == "Đồng Nai" and standing.size == 34
    assert "số liệu Cổng tính lại theo 34 tỉnh, thành phố" in standing.sentence()

    original = ranking(provinces_of(project, "63"), GROUP_CODES, seed=12)
    write_ranking(project.raw / "2024" / "xep hang 2024.xlsx", ["Năm 2024"], original, GROUP_CODES)
    ingest_month("2024", project)
    own, again = _national(project, "2024"), _national(project, "2024", "national_restated")
    assert len(own) == 63 and own["cohort_size"].eq(63).all() and set(own["series"]) == {"63"}
    assert len(again) == 34 and again["cohort_size"].eq(34).all()
    first, second = period_standings("2024", project)
    assert (first.province, first.size, first.restated) == ("Bình Phước", 63, False)
    assert (second.province, second.size, second.restated) == ("Đồng Nai", 34, True)
    assert "tính lại" not in first.sentence()


def test_two_files_of_one_series_are_still_refused(project):
    after = provinces_of(project, "34")
    (project.raw / "2024").mkdir()
    for name, seed in (("a.xlsx", 1), ("b.xlsx", 2)):
        frame = ranking(after, GROUP_CODES, seed=seed)
        write_ranking(project.raw / "2024" / name, ["Năm 2024"], frame, GROUP_CODES)
    with pytest.raises(DataError) as info:
        ingest_month("2024", project)
    assert [i.code for i in info.value.issues if i.severity == "error"] == ["month.two_files"]


def test_a_restated_year_needs_no_pre_merger_province_in_the_settings(project):
    """A project made for the post-merger province only (no pre-merger period in
    province.toml) ingests the portal's restated years: they report on that province."""
    path = project.reference / "province.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[[province.periods]]")
    second = text.index("[[province.periods]]", start + 1)
    path.write_text(text[:start] + text[second:], encoding="utf-8")
    project = Project(project.root)
    frame = ranking(provinces_of(project, "34"), GROUP_CODES, seed=3)
    (project.raw / "2022").mkdir()
    write_ranking(project.raw / "2022" / "2022.xlsx", ["Năm 2022"], frame, GROUP_CODES)
    ingest_month("2022", project)
    [standing] = period_standings("2022", project)
    assert standing.province == "Đồng Nai" and standing.restated
    stored = read_table(project.processed / "2022", "scores")
    assert set(stored["cohort"]) == {"national_restated"}
    data = load_month("2022", project)  # the report of that year reads the restated ranking
    assert data.restated and data.province_name == "Đồng Nai"
    assert narrative.headline(data).startswith("Năm 2022, tỉnh Đồng Nai đạt ")
    assert "/34 cả nước" in narrative.headline(data)
    assert any(
        line.startswith("Số liệu Cổng tính lại theo 34 tỉnh, thành phố")
        for line in narrative.context_lines(data)
    )


def test_a_month_says_its_gap_to_the_national_average(project, make_month):
    """The portal's API rows with a national-average row (no STT, only TONG_SCORE) in the middle:
    the month's standing and the sentence under the headline carry the stated average."""
    name = "BXH_766_tinh_thanh_T01_2024.csv"
    lines = dict(sample_files("2024-01"))[name].decode("utf-8-sig").splitlines()
    lines.insert(20, ",Trung bình cả nước,,,,,,,,,,,70.00,")
    make_month("2024-01", add={name: "\n".join(lines).encode("utf-8-sig")})
    data = load_month("2024-01", project)
    st = an.standing(data)
    assert st.average_stated and st.national_average == 70.0 and st.size == 63
    gap = comma(abs(round(st.total - 70.0, 2)))
    [line] = narrative.standing_lines(data)
    assert line.startswith("So với cả nước: tỉnh Bình Phước ")
    assert f"trung bình cả nước {gap} điểm (điểm trung bình Cổng công bố: 70,00)" in line


def test_same_month_last_year_through_the_restated_series_or_the_crosswalk(project, make_month):
    """08/2025 (Đồng Nai, 34 provinces) against 08/2024: through the portal's restated series
    when it is stored (a movement), else through the crosswalk (Bình Phước's rank out of 63,
    labelled, no movement)."""
    make_month("2025-08")
    (project.raw / "2024-08").mkdir()
    original = ranking(provinces_of(project, "63"), GROUP_CODES, seed=21)
    write_ranking(project.raw / "2024-08" / "bxh.xlsx", ["Tháng 8/2024"], original, GROUP_CODES)
    data = load_month("2025-08", project)
    st = an.standing(data)
    ly = st.last_year
    before = original.set_index("unit_id")
    assert ly is not None and (ly.period, ly.via, ly.size) == ("2024-08", "crosswalk", 63)
    assert ly.total == pytest.approx(before.at["P63-H10", "total"])  # Bình Phước, main side
    line = narrative.standing_lines(data)[-1]
    assert line.startswith("Cùng kỳ năm trước (tháng 8/2024): hạng ")
    assert "so với tỉnh trước sắp xếp theo bảng chuyển đổi" in line and "bậc" in line

    restated = ranking(provinces_of(project, "34"), GROUP_CODES, seed=22)
    write_ranking(project.raw / "2024-08" / "bxh34.xlsx", ["Tháng 8/2024"], restated, GROUP_CODES)
    data = load_month("2025-08", project)
    st = an.standing(data)
    ly = st.last_year
    assert ly is not None and (ly.via, ly.size) == ("restated", 34)
    then = restated.set_index("unit_id")
    expected = then["total"].rank(method="min", ascending=False).astype(int)
    assert ly.rank == expected["P34-H19"]
    words = an.movement(ly.rank, st.rank)[1]
    line = narrative.standing_lines(data)[-1]
    assert line.startswith(
        f"So với cùng kỳ năm trước (tháng 8/2024, hạng {ly.rank:02d}/34): {words}"
    )
    assert "so với số liệu Cổng tính lại theo 34 tỉnh, thành phố" in line
    card = brief.last_year_move(data, st)
    assert card.words == words and "tháng 8/2024" in card.label
    assert "Cổng tính lại" in card.label
    # the trend of August 2025 is its own year: August 2024 is compared, not drawn in it
    assert an.province_trend(data)["period"].tolist() == ["2025-08"]


def test_init_for_a_merged_province_writes_both_sides_and_old_months_ingest(tmp_path):
    """`init` from An Giang's post-merger export writes An Giang (H01) until 30/6/2025, with Kiên
    Giang listed, and An Giang from 1/7/2025: a pre-merger ranking then ingests with no edit."""
    from chiso766.cli import main
    from test_onboarding import commune_names, province_exports

    exports = tmp_path / "exports" / "2025-10"
    province_exports(exports, "2025-10", "An Giang", "H01", commune_names(12))
    root = tmp_path / "project"
    assert main(["init", "--province", "An Giang", "--exports", str(exports), str(root)]) == 0
    project = Project(root)
    periods = project.config["province"]["periods"]
    assert [(p["unit_id"], p.get("valid_to"), p.get("valid_from")) for p in periods] == [
        ("P63-H01", "2025-06-30", None),
        ("P34-H01", None, "2025-07-01"),
    ]
    assert periods[0]["merged_with"] == ["Kiên Giang"]
    (project.raw / "2024-03").mkdir()
    old = ranking(provinces_of(project, "63"), GROUP_CODES, seed=5)
    write_ranking(project.raw / "2024-03" / "bxh.xlsx", ["Tháng 3/2024"], old, GROUP_CODES)
    result = ingest_month("2024-03", project)
    national = result.scores[result.scores["cohort"] == "national"]
    assert len(national) == 63
    assert project.province_in("national", parse_period("2024-03")).name == "An Giang"


def test_init_prints_a_next_step_that_works_for_the_period_it_found(tmp_path):
    from chiso766.cli import _next_step
    from chiso766.onboarding import InitResult

    for key, option in (("2025-10-ytd", "--period"), ("2025", "--period"), ("2025-10", "--month")):
        result = InitResult(tmp_path, "tỉnh An Giang", parse_period(key), copied=["a.json"])
        assert _next_step(result).endswith(f"report {option} {key}")
    bare = _next_step(InitResult(tmp_path, "tỉnh An Giang", None))
    assert "report --period <kỳ>" in bare and "data/raw/<kỳ>/" in bare


@pytest.mark.slow
def test_a_year_report_is_built_in_the_words_of_a_year(tmp_path):
    """`report --period 2024` on the sample's years: the overview and the brief, in the words
    of a year, compared with 2023, nothing monthly (no notice, no workbook, no "tháng")."""
    for part in (("data", "reference"), ("notebooks",)):
        shutil.copytree(REPO.joinpath(*part), tmp_path.joinpath(*part))
    for key in ("2023", "2024"):
        shutil.copytree(REPO / "data" / "raw" / key, tmp_path / "data" / "raw" / key)
    project = Project(tmp_path)
    done = run_cli(project, "report", "--period", "2024")
    assert done.returncode == 0, done.stderr
    assert "Báo cáo năm 2024" in done.stdout
    folder = project.outputs / "2024"
    assert sorted(p.name for p in folder.glob("*.html")) == ["01_province.html", "index.html"]
    assert not list(folder.glob("*.docx")) and not list(folder.glob("*.xlsx"))
    page = (folder / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Bộ chỉ số 766 - tỉnh Bình Phước - năm 2024" in text
    headline = "Năm 2024, tỉnh Bình Phước đạt 81,05/100 điểm, xếp thứ 12/63 cả nước"
    assert f"{headline}, tăng 19 bậc so với năm 2023." in text
    assert "cao hơn trung bình cả nước" in text and "điểm trung bình Cổng công bố" in text
    assert "So với năm 2023" in text and "Biểu 06" in text
    overview = (folder / "01_province.html").read_text(encoding="utf-8")
    assert "năm 2023 đến năm 2024" in overview and "So với kỳ trước" in overview
    headline_and_cards = text[: text.index("Ba việc cần ưu tiên")]
    assert "tháng" not in headline_and_cards


def _ytd_capture(project: Project, folder: str, title: list[str], frame: pd.DataFrame) -> None:
    (project.raw / folder).mkdir()
    write_ranking(project.raw / folder / "xep hang luy ke.xlsx", title, frame, GROUP_CODES)


def _revised(frame: pd.DataFrame) -> pd.DataFrame:
    """The portal's later capture: Đồng Nai and two others revised upward on TDGQ."""
    out = frame.copy()
    for uid, gain in (("P34-H19", 1.5), ("P34-H01", 0.7), ("P34-H26", 0.25)):
        row = out["unit_id"] == uid
        room = MAX_POINTS["TDGQ"] - out.loc[row, "TDGQ"].iloc[0]
        gain = round(min(gain, room), 2)
        out.loc[row, "TDGQ"] += gain
        out.loc[row, "total"] = round(out.loc[row, "total"].iloc[0] + gain, 2)
    return out


def test_a_year_to_date_captured_twice_is_provisional_and_says_what_moved(project):
    first = ranking(provinces_of(project, "34"), GROUP_CODES, seed=31)
    second = _revised(first)
    title = ["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766"]
    _ytd_capture(
        project, "2025-10-ytd@2025-10-16", [*title, "Từ ngày 01/01/2025 đến ngày 16/10/2025"], first
    )
    _ytd_capture(
        project,
        "2025-10-ytd@2025-10-28",
        [*title, "Từ ngày 01/01/2025 đến ngày 28/10/2025"],
        second,
    )
    data = load_month("2025-10-ytd", project)
    state = an.capture_state(data)
    assert state.provisional and state.captured.isoformat() == "2025-10-28"
    assert state.previous_captured.isoformat() == "2025-10-16"
    assert state.changed_totals == 3 and state.compared == 34
    me = state.province
    assert me is not None and me.change == pytest.approx(
        second.set_index("unit_id").at["P34-H19", "total"]
        - first.set_index("unit_id").at["P34-H19", "total"]
    )
    ranks = lambda f: f.set_index("unit_id")["total"].rank(method="min", ascending=False)  # noqa: E731
    moved_ranks = int((ranks(first) != ranks(second)).sum())
    assert state.changed_ranks == moved_ranks

    headline = narrative.headline(data)
    assert headline.startswith("Từ đầu năm đến ngày 28/10/2025, tỉnh Đồng Nai đạt ")
    lines = narrative.context_lines(data)
    assert lines[0].startswith("Kết quả tạm tính, số liệu đến ngày 28/10/2025")
    assert lines[1].startswith("Thay đổi so với bản lấy ngày 16/10/2025: tỉnh Đồng Nai từ ")
    assert "3/34 tỉnh thay đổi tổng điểm" in lines[1] and "Đồng Nai +1,50" in lines[1]
    assert all("tháng" not in line for line in [headline, *lines[:2]])


def test_the_capture_day_comes_from_the_file_when_the_folder_has_none(project):
    frame = ranking(provinces_of(project, "34"), GROUP_CODES, seed=32)
    title = ["BẢNG XẾP HẠNG LŨY KẾ", "Số liệu đến ngày 16/10/2025"]
    _ytd_capture(project, "2025-10-ytd", title, frame)
    ingest_month("2025-10-ytd", project)
    data = load_month("2025-10-ytd", project)
    state = an.capture_state(data)
    assert state.provisional and state.captured.isoformat() == "2025-10-16"
    assert state.previous_folder is None
    [line] = narrative.capture_lines(data)
    assert line.startswith("Kết quả tạm tính, số liệu đến ngày 16/10/2025: kỳ chưa kết thúc")


@pytest.mark.slow
def test_a_year_to_date_report_says_provisional_and_what_moved(project):
    shutil.copytree(REPO / "notebooks", project.root / "notebooks")
    first = ranking(provinces_of(project, "34"), GROUP_CODES, seed=33)
    title = ["BẢNG XẾP HẠNG BỘ CHỈ SỐ 766"]
    _ytd_capture(
        project, "2025-10-ytd@2025-10-16", [*title, "Từ ngày 01/01/2025 đến ngày 16/10/2025"], first
    )
    _ytd_capture(
        project,
        "2025-10-ytd@2025-10-28",
        [*title, "Từ ngày 01/01/2025 đến ngày 28/10/2025"],
        _revised(first),
    )
    done = run_cli(project, "report", "--period", "2025-10-ytd")
    assert done.returncode == 0, done.stderr
    page = (project.outputs / "2025-10-ytd" / "index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Từ đầu năm đến ngày 28/10/2025, tỉnh Đồng Nai đạt" in text
    assert "Kết quả tạm tính, số liệu đến ngày 28/10/2025" in text
    assert "Thay đổi so với bản lấy ngày 16/10/2025" in text
    overview = (project.outputs / "2025-10-ytd" / "01_province.html").read_text(encoding="utf-8")
    assert "Kết quả tạm tính, số liệu đến ngày 28/10/2025" in overview


def test_levels_are_not_compared_across_a_change_of_the_portals_formulas(sample_reports):
    """October 2026 against October 2025: the portal scored 2026 with its new catalogue
    (national averages fell by about 20 points), so the rank moves but the points are not
    subtracted: the brief, the summary and the headline lines say why instead."""
    folder = sample_reports["2026-10"].folder
    project = Project(folder.parents[1])
    data = open_month("2026-10", project)
    ly = an.standing(data).last_year
    assert ly is not None and ly.period == "2025-10" and not ly.same_scoring
    said = "điểm không so sánh trực tiếp được vì cách tính điểm năm 2026 khác năm 2025"
    for page in ("index.html", "05_summary.html"):
        text = re.sub(r"\s+", " ", (folder / page).read_text(encoding="utf-8"))
        assert said in text, page
        years = re.search(r"cùng kỳ năm trước.{0,400}", text, flags=re.IGNORECASE)
        assert years is not None and not re.search(r"[−-]\d+,\d\d điểm", years.group(0)), page
    june = open_month("2024-06", project)  # no stored June 2023: nothing to say
    assert an.standing(june).last_year is None
