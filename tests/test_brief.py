"""The brief (index.html) and what it is made of: the movements, the rank sparkline, what to fix
first, the dossier sentence whose numbers add up, the late lists in the period's words, the
charts on the project's theme."""

from __future__ import annotations

import dataclasses
import io

import numpy as np
import pytest
from matplotlib import colors
from PIL import Image

from chiso766 import analysis as an
from chiso766 import formatting as fmt
from chiso766.report import brief, charts, narrative
from conftest import load_month


@pytest.fixture(scope="module")
def october(sample_project):
    """The sample's October 2026 (after the 1/7/2025 reorganisation), with January to
    September."""
    return load_month("2026-10", sample_project)


def test_dossier_sentence_names_both_late_counts_and_adds_up(june):
    table = an.dossier_table(june)
    resolved = int(table["resolved_total"].sum())
    on_time = int((table["resolved_early"].fillna(0) + table["resolved_on_time"].fillna(0)).sum())
    resolved_late = int(table["resolved_late"].fillna(0).sum())
    pending = int(table["pending_total"].sum())
    overdue = int(table["pending_overdue"].fillna(0).sum())
    assert on_time + resolved_late == resolved  # the sentence's parts make its whole
    assert int(table["late"].sum()) == resolved_late + overdue  # the late lists count both
    sentence = narrative.dossier_summary(june)
    for value in (resolved, on_time, resolved_late, pending, overdue):
        assert fmt.count(value) in sentence
    assert f"{fmt.count(resolved_late)} hồ sơ đã giải quyết trễ hạn" in sentence
    assert f"{fmt.count(overdue)} hồ sơ đang giải quyết quá hạn" in sentence
    # the late lists that follow keep the notice's own words (the seed's sentence), right
    # after this sentence has named both parts of the count
    assert narrative.dossier_section(june)[:2] == [sentence, narrative.late_lines(june)[0]]


def test_what_to_fix_starts_with_the_worst_ranked_group_and_names_every_level(june):
    groups = an.group_table(june)
    lost = groups[groups["lost"] > 0]
    worst = lost.loc[(lost["rank"] / lost["size"]).idxmax()]
    first = an.priorities(june)[0]
    assert first.code == worst["code"] == "TDGQ"  # 16/63, not the group losing most points
    assert first.rank_text == "16/63"
    assert first.gap_leader == pytest.approx(worst["best"] - worst["score"], abs=0.01)
    levels = {u.level for u in first.units}
    assert levels == {"department", "district", "commune"}
    for unit in first.units:
        scores = june.units(unit.level)["TDGQ"]
        assert unit.score == pytest.approx(scores.min())


def test_brief_movements_carry_arrow_words_and_colour(june):
    previous, january = brief.movements(june)
    assert (previous.arrow, previous.words, previous.css) == ("▲", "tăng 5 bậc", "up")
    assert (january.arrow, january.words, january.css) == ("▲", "tăng 45 bậc", "up")
    assert "tháng 5/2024" in previous.label and "01/2024" in january.label


@pytest.mark.slow  # ingests January to October 2026
def test_rank_sparkline_is_bounded_by_the_cohort(june, october):
    for data, size in ((june, 63), (october, 34)):
        spark = brief.sparkline(data)
        assert spark.bottom == str(size)
        ys = [y for _, y, _, _ in spark.dots]
        low, high = brief.SPARK_PAD, spark.height - brief.SPARK_PAD
        assert all(low <= y <= high for y in ys)
        trend = an.province_trend(data)
        assert len(spark.dots) == len(trend[trend["size"] == size])
        assert spark.dots[-1][3] == an.standing(data).rank_text in spark.alt


@pytest.mark.slow  # ingests January to October 2026
def test_after_the_merger_late_lists_use_the_two_level_words(october):
    lines = narrative.late_lines(october)
    text = " ".join(lines)
    assert "- UBND các xã, phường: " in text
    assert "phường Hố Nai (" in text and "UBND các xã:" not in text
    for word in ("huyện", "thị xã", "thị trấn"):
        assert word not in text.lower()
    units = [u for p in an.priorities(october) for u in p.units]
    assert units and all(u.level != "district" for u in units)


def _pixels_of(fig, color: str) -> int:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    image = np.asarray(Image.open(buffer).convert("RGB")).astype(int)
    target = np.array([round(c * 255) for c in colors.to_rgb(color)])
    return int((np.abs(image - target).sum(axis=2) < 12).sum())


@pytest.mark.slow  # ingests January to October 2026
def test_charts_bound_ranks_start_bars_at_zero_and_describe_themselves(june, october):
    for data, size in ((june, 63), (october, 34)):
        ranks = charts.group_ranks(data, an.group_ranks_by_month(data))
        assert len(ranks.axes) == 6
        assert all(ax.get_ylim() == (size + 0.5, 0.5) for ax in ranks.axes)
        ranks.canvas.draw()
        months = [int(t.get_text()[1:]) for t in ranks.axes[-1].get_xticklabels()]
        assert months[0] == 1 and months == sorted(months)  # never T1, T10, T2
        ranking = an.national_ranking(data)
        national = charts.national(data, ranking)
        assert _pixels_of(national, charts.HIGHLIGHT) > 50  # the province's dots
        rows = [t.get_text() for t in national.axes[0].get_yticklabels()]
        assert rows[0].startswith("Cả nước") and len(rows) == 1 + (ranking["role"] != "other").sum()
        for r in ranking[ranking["role"] != "other"].itertuples():  # top 5, region, peers
            assert f"{fmt.rank(r.rank_total, size)} {r.short_name}" in rows
        assert ranking.head(5)["role"].isin(["top", "province"]).all()
        assert national.axes[0].get_xlim()[1] >= 100
        assert data.province_name in charts.alt_text(national)
        trend = charts.trend(data, an.province_trend(data))
        assert trend.axes[1].get_ylim() == (size + 0.5, 0.5)
    communes = charts.unit_totals(june, an.unit_table(june, "commune"), "commune")
    assert communes.axes[0].get_xlim()[0] == 0
    height = communes.get_size_inches()[1] * communes.dpi
    assert height < 1400  # 25 bars, not 110
    assert "110" in communes.get_suptitle()
    heat = charts.heatmap(june, an.group_shares_by_month(june))
    cells = [t.get_text() for t in heat.axes[0].texts]
    assert len(cells) == 6 * 6 and all(c.endswith("%") for c in cells)
    assert any("," not in c and c != "100%" for c in cells)  # whole percents, Vietnamese style
    assert charts.alt_text(heat).startswith("Biểu đồ: ")


def test_the_region_and_the_peers_come_from_the_reference_data_and_the_settings(june):
    table = an.benchmark(june)
    region = set(table.loc[table["in_region"], "short_name"])
    assert region == {
        "Bình Phước",
        "Bình Dương",
        "Đồng Nai",
        "Tây Ninh",
        "Hồ Chí Minh",
        "Bà Rịa - Vũng Tàu",
    }
    assert set(table.loc[table["is_peer"], "short_name"]) == set(june.settings.peers)
    lines = brief.benchmark_lines(june)
    me = table[table["is_province"]].iloc[0]
    assert lines[0].startswith(f"Thứ {int(me.region_rank)}/6 trong vùng Đông Nam Bộ")
    assert "Lâm Đồng" in lines[1]
    alone = dataclasses.replace(june, run_settings=june.settings.override(peers=()))
    assert not an.benchmark(alone)["is_peer"].any() and len(brief.benchmark_lines(alone)) == 1


@pytest.mark.slow  # ingests January to October 2026
def test_the_gap_to_the_target_rank_reaches_it(june, october):
    assert brief.target_line(june) == "đang trong nhóm 10 cả nước"  # 03/63
    national = october.national()
    mine = national["unit_id"] == october.province_id
    tenth = national.loc[~mine, "total"].sort_values(ascending=False).iloc[9]
    gap = round(tenth - national.loc[mine, "total"].iloc[0], 2)
    assert gap > 0 and brief.target_line(october) == (
        f"để vào nhóm 10 cả nước cần thêm {fmt.points(gap)} điểm"
    )


@pytest.mark.slow  # ingests January to October 2026
def test_the_plan_names_the_units_with_the_most_left_to_do_and_the_largest_loss(october):
    _, actions = an.improvement_plan(october)
    lines = narrative.plan_lines(october)
    note = an.assumed_note([a.code for a in actions], october.project.catalogue)
    assert note is not None and lines[-1] == note  # the plan rests on an assumed formula
    for line, action in zip(lines[1 : len(actions) + 1], actions, strict=True):
        top = an.units_losing_most(october.indicators, action.code, 1).iloc[0]
        assert f"Đơn vị còn nhiều nhất: {top.unit_name} ({fmt.count(int(top.missing))})" in line
    largest = an.province_indicators(october).iloc[0]
    assert largest["code"] not in {a.code for a in actions}  # the cheapest skip it...
    said = lines[len(actions) + 1]  # ...so the plan says what it takes, and who
    assert largest["label"] in said and fmt.points(largest["lost"]) in said
    top = an.units_losing_most(october.indicators, largest["code"], 1).iloc[0]
    assert top.unit_name in said


def test_unit_trends_list_full_names_in_official_order(june):
    frame = an.unit_trend(june, "department")
    official = june.units("department").sort_values("official_order")["display_name"]
    assert list(frame.columns) == list(official)
    assert "Sở Giáo dục và Đào tạo" in frame.columns  # not "GD&ĐT"


def test_rank_sparkline_spaces_months_by_the_calendar(june):
    """A month missing from the year leaves a gap: January, May and June are not equally
    spaced."""
    kept = june.scores["period"].isin(["2024-01", "2024-05", "2024-06"])
    thinned = dataclasses.replace(june, scores=june.scores[kept])
    xs = [x for x, _, _, _ in brief.sparkline(thinned).dots]
    assert xs[1] - xs[0] == pytest.approx(4 * (xs[2] - xs[1]))
