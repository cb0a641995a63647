"""The sub-indicator formulas as the portal computes them (issue #23): the worked examples seen
in the portal's responses, each zero-denominator rule, the caps, the catalogue's versions, and a
null score kept null in the tables, counted 0 in its group and shown as "không phát sinh"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from chiso766 import DataError, read_month
from chiso766 import analysis as an
from chiso766.analysis import indicators as ind
from chiso766.config import Project
from chiso766.reference.indicators import load_catalogue, portal_round
from chiso766.reference.periods import parse_month
from chiso766.report import display, narrative
from conftest import REPO, file_named, load_month

CATALOGUE = Project(REPO).catalogue
HEADER = "code,group,label,max,full_at,when_empty,counted,action,source,valid_from,valid_to\n"


def score(code: str, numerator: int, denominator: int) -> float | None:
    """An indicator's score as the portal shows it (2 decimals, halves up)."""
    return portal_round(CATALOGUE[code].points(numerator, denominator))


# --- worked examples ----------------------------------------------------------------------------


def test_on_time_processing_486_of_588_scores_16_53():
    assert score("TDGQ_ON_TIME", 486, 588) == 16.53


def test_online_services_group_8_83():
    # 52/56 procedures online (>= 80 % -> 2), the B term 0,825 points (33 of 160 online services
    # had dossiers: 4 x 33/160), online share >= 50 % (-> 6): the portal shows 8,83
    terms = [
        score("CLGQ_ONLINE_PROCEDURES", 52, 56),
        score("CLGQ_ONLINE_SERVICES_USED", 33, 160),
        score("CLGQ_ONLINE_DOSSIERS", 61, 100),
    ]
    assert terms == [2.0, 0.83, 6.0]
    assert round(sum(terms), 2) == 8.83
    assert round(4 * 33 / 160, 2) == 0.82  # why the portal's rounding (halves up) is needed


def test_online_payment_terms_b_and_c_reach_full_points_at_80_percent():
    for code in ("TTTT_PROCEDURES_WITH_PAYMENT", "TTTT_FEE_PROCEDURES_WITH_DOSSIERS"):
        indicator = CATALOGUE[code]
        assert indicator.full_at == 0.8 and indicator.max == 2
        assert indicator.points(7, 8) == 2.0  # the department with B = 7/8: exactly 2
        assert indicator.points(2, 5) == pytest.approx(1.0)  # linear below: 2,5 x 40 %
        assert indicator.points(4, 5) == pytest.approx(2.0)  # full at 80 %
        assert indicator.points(9, 10) == indicator.points(10, 10) == 2.0  # flat above


def test_a_province_online_payment_6_25_from_its_counts():
    # counts consistent with the province's published 6,25 (the response gives the score only):
    # 6 x 300/800 + min(2, 2,5 x 45/50) + min(2, 2,5 x 50/60)
    terms = [
        score("TTTT_ONLINE_PAYMENT_DOSSIERS", 300, 800),
        score("TTTT_PROCEDURES_WITH_PAYMENT", 45, 50),
        score("TTTT_FEE_PROCEDURES_WITH_DOSSIERS", 50, 60),
    ]
    assert terms == [2.25, 2.0, 2.0]
    assert round(sum(terms), 2) == 6.25
    assert round(2 * 50 / 60, 2) == 1.67  # the old linear third term gave 5,92


# --- zero denominators --------------------------------------------------------------------------


def test_each_zero_denominator_rule_as_the_portal_applies_it():
    assert CATALOGUE["TDGQ_ON_TIME"].points(0, 0) == 0.0  # nothing received: 0
    assert CATALOGUE["PUBLISH_ON_TIME"].points(0, 0) is None  # nothing to publish: null
    assert CATALOGUE["PUBLISH_ON_TIME"].counted_points(0, 0) == 0.0  # counted 0 in the group
    assert CATALOGUE["ELECTRONIC_CERTIFIED_COPY"].points(0, 0) == 2.0  # 0/0 copies: full
    assert {i.when_empty for i in CATALOGUE.values()} <= {"zero", "full", "null"}


def test_a_null_score_is_planned_around_not_promised():
    metrics = pd.DataFrame(
        [
            {"code": "PUBLISH_ON_TIME", "numerator": 0, "denominator": 0},
            {"code": "PUBLIC_UPDATE_ON_TIME", "numerator": 49, "denominator": 100},
        ]
    )
    actions = ind.plan(metrics, CATALOGUE, 1.0)
    assert [a.code for a in actions] == ["PUBLIC_UPDATE_ON_TIME"]
    lost = ind.points_lost(
        metrics.assign(score=[None, 1.96], max_score=[6.0, 4.0]).astype({"score": "float64"})
    )
    assert lost.set_index("code")["lost"].to_dict() == {
        "PUBLISH_ON_TIME": 6.0,
        "PUBLIC_UPDATE_ON_TIME": 2.04,
    }


# --- the planner and the caps -------------------------------------------------------------------


def test_a_capped_term_gains_nothing_beyond_its_cap():
    fee = CATALOGUE["TTTT_FEE_PROCEDURES_WITH_DOSSIERS"]
    assert fee.ceiling(100) == 2.0
    assert fee.needed(50, 100, 0.75) == 30  # 50 % -> 80 % gives the last 0,75 point
    assert fee.needed(50, 100, 0.76) is None  # nothing beyond the cap
    metrics = pd.DataFrame(
        [
            {"code": "TTTT_FEE_PROCEDURES_WITH_DOSSIERS", "numerator": 7, "denominator": 8},
            {"code": "TTTT_PROCEDURES_WITH_PAYMENT", "numerator": 50, "denominator": 100},
            {"code": "TTTT_ONLINE_PAYMENT_DOSSIERS", "numerator": 600, "denominator": 1000},
        ]
    )

    def total(frame):
        return sum(
            portal_round(CATALOGUE[r.code].counted_points(r.numerator, r.denominator))
            for r in frame.itertuples()
        )

    for gain in (0.5, 0.75, 2.0):
        actions = ind.plan(metrics, CATALOGUE, gain)
        assert "TTTT_FEE_PROCEDURES_WITH_DOSSIERS" not in {a.code for a in actions}  # at its cap
        applied = metrics.copy()
        for a in actions:
            applied.loc[applied["code"] == a.code, "numerator"] += a.count
        payment = applied[applied["code"] == "TTTT_PROCEDURES_WITH_PAYMENT"]["numerator"].iloc[0]
        assert payment <= 80  # never pushed past 80 %, where the points stop
        promised = sum(a.points for a in actions)
        assert promised >= gain - 1e-9
        assert round(total(applied) - total(metrics), 2) == pytest.approx(round(promised, 2))


def test_points_from_an_assumed_formula_carry_a_line_saying_so():
    assert CATALOGUE["CLGQ_ONLINE_SERVICES_USED"].assumed
    assert not CATALOGUE["TDGQ_ON_TIME"].assumed
    metrics = pd.DataFrame(
        [
            {"code": "CLGQ_ONLINE_SERVICES_USED", "numerator": 10, "denominator": 40},
            {"code": "TDGQ_ON_TIME", "numerator": 900, "denominator": 1000},
        ]
    )
    actions = ind.plan(metrics, CATALOGUE, 4.0)
    assert {a.code for a in actions} == {"CLGQ_ONLINE_SERVICES_USED", "TDGQ_ON_TIME"}
    note = an.assumed_note([a.code for a in actions], CATALOGUE)
    assert note is not None and "giả định" in note
    assert CATALOGUE["CLGQ_ONLINE_SERVICES_USED"].label in note
    assert CATALOGUE["TDGQ_ON_TIME"].label not in note
    assert an.assumed_note(["TDGQ_ON_TIME"], CATALOGUE) is None


# --- versions -----------------------------------------------------------------------------------


def _versions(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "indicators.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


LINEAR = "FEE,TTTT,TTHC có phí phát sinh hồ sơ,2,,zero,thủ tục,x {n},response,2026-01-01,2026-03-31"
CAPPED = "FEE,TTTT,TTHC có phí phát sinh hồ sơ,2,0.8,zero,thủ tục,x {n},response,2026-04-01,"


def test_a_formula_change_applies_from_its_date(tmp_path):
    path = _versions(tmp_path, LINEAR, CAPPED)
    assert load_catalogue(path, date(2026, 3, 31))["FEE"].points(7, 8) == 1.75
    assert load_catalogue(path, date(2026, 4, 1))["FEE"].points(7, 8) == 2.0
    assert load_catalogue(path)["FEE"].full_at == 0.8  # by default, the version in force
    assert load_catalogue(path, date(2025, 12, 31)) == {}  # before any version


def test_a_period_uses_the_version_valid_on_its_last_day(tmp_path):
    project = Project(tmp_path)
    (tmp_path / "data" / "reference").mkdir(parents=True)
    _versions(tmp_path / "data" / "reference", LINEAR, CAPPED)
    assert project.catalogue_for(parse_month("2026-03"))["FEE"].full_at == 1.0
    assert project.catalogue_for(parse_month("2026-04"))["FEE"].full_at == 0.8


def test_overlapping_versions_and_bad_values_are_refused_in_vietnamese(tmp_path):
    overlap = CAPPED.replace("2026-04-01", "2026-03-01")
    with pytest.raises(DataError) as info:
        load_catalogue(_versions(tmp_path, LINEAR, overlap), date(2026, 3, 15))
    assert "FEE" in str(info.value) and "valid_from" in str(info.value)
    with pytest.raises(DataError) as info:
        load_catalogue(_versions(tmp_path, LINEAR.replace(",zero,", ",empty,")))
    issue = info.value.issues[0]
    assert (issue.row, issue.column) == (2, "when_empty") and "không hợp lệ" in issue.text


# --- through the ingest: null kept null, counted 0, shown as "không phát sinh" ---------------


def _doc(folder: Path) -> tuple[Path, dict]:
    path = file_named(folder, "chi_tieu_thanh_phan")
    return path, json.loads(path.read_text(encoding="utf-8"))


def _set_group(unit: dict, group: str, value: float) -> None:
    old = float(unit["groupScores"][group])
    unit["groupScores"][group] = f"{value:.2f}"
    unit["totalScore"] = f"{float(unit['totalScore']) - old + value:.2f}"


def test_a_group_of_1_96_plus_null_is_7_96_and_the_null_stays_null(project, make_month):
    folder = make_month("2026-03")
    path, doc = _doc(folder)
    unit = next(u for u in doc["data"] if u["childGroup"] == "COMMUNE")
    ckmb = {  # nothing to publish; 49 % updated on time (1,96); full sync (6)
        "PUBLISH_ON_TIME": (0, 0, None),
        "PUBLIC_UPDATE_ON_TIME": (49, 100, "1.96"),
        "PUBLIC_CONTENT_FULL": (0, 10, "0.00"),
        "DOSSIER_SYNC": (100, 100, "6.00"),
    }
    for m in unit["metrics"]:
        if m["code"] in ckmb:
            m["numerator"], m["denominator"], m["score"] = ckmb[m["code"]]
    _set_group(unit, "CKMB", 7.96)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    result = read_month("2026-03", project)
    assert not result.quality["code"].str.startswith("ind.").any()  # 7,96 is what they add to
    rows = result.indicators[result.indicators["unit_code"] == unit["departmentCode"]]
    publish = rows[rows["code"] == "PUBLISH_ON_TIME"].iloc[0]
    assert pd.isna(publish["score"]) and pd.isna(publish["recomputed"])  # null, not 0
    assert rows[rows["group"] == "CKMB"]["score"].sum() == pytest.approx(7.96)

    lost = ind.points_lost(rows)
    page = str(display.indicators(lost))
    label = lost.loc[lost["code"] == "PUBLISH_ON_TIME", "label"].iloc[0]
    assert "PUBLISH_ON_TIME" not in page  # the reader sees the catalogue's name, not the code
    cells = page.split(f">{label}<", 1)[1].split("</tr>", 1)[0]
    assert "không phát sinh" in cells and "0,00" not in cells


def test_a_zero_score_where_the_rule_is_null_is_a_mismatch(project, make_month):
    folder = make_month("2026-03")
    path, doc = _doc(folder)
    unit = next(u for u in doc["data"] if u["childGroup"] == "COMMUNE")
    metric = next(m for m in unit["metrics"] if m["code"] == "PUBLISH_ON_TIME")
    before = float(metric["score"])
    metric.update(numerator=0, denominator=0, score="0.00")
    _set_group(unit, "CKMB", float(unit["groupScores"]["CKMB"]) - before)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    quality = read_month("2026-03", project).quality
    found = quality[quality["code"] == "ind.score_mismatch"]
    assert len(found) == 1 and "không phát sinh" in found["text"].iloc[0]


def test_many_units_off_one_formula_flag_a_formula_change(project, make_month):
    folder = make_month("2026-03")
    path, doc = _doc(folder)
    changed = 0
    for unit in doc["data"]:
        metric = next(m for m in unit["metrics"] if m["code"] == "TDGQ_ON_TIME")
        if float(metric["score"]) >= 0.5:  # TDGQ has one indicator: group moves with it
            metric["score"] = f"{float(metric['score']) - 0.5:.2f}"
            _set_group(unit, "TDGQ", float(unit["groupScores"]["TDGQ"]) - 0.5)
            changed += 1
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    quality = read_month("2026-03", project).quality
    assert (quality["code"] == "ind.score_mismatch").sum() == 0  # no wall of mismatches
    flagged = quality[quality["code"] == "ind.formula_changed"]
    assert len(flagged) == 1
    assert "công thức có thể đã thay đổi" in flagged["text"].iloc[0]
    assert f"{changed}/{len(doc['data'])}" in flagged["text"].iloc[0]


# --- the sample month: the page and the plan ----------------------------------------------------


@pytest.mark.slow  # ingests January to October 2026
def test_the_page_and_the_plan_name_the_assumed_formula_and_keep_their_promise(sample_project):
    data = load_month("2026-10", sample_project)
    lost = an.province_indicators(data)
    assumed = CATALOGUE["CLGQ_ONLINE_SERVICES_USED"].label
    assert lost.set_index("code")["assumed"].to_dict()["CLGQ_ONLINE_SERVICES_USED"]
    page = str(display.indicators(lost))
    assert f"điểm của {assumed} tính theo công thức giả định" in page

    gain, actions = an.improvement_plan(data, points=10)
    assert "CLGQ_ONLINE_SERVICES_USED" in {a.code for a in actions}
    lines = narrative.plan_lines(data, points=10)
    assert sum("công thức giả định" in line for line in lines) == 1

    def total(frame):
        return sum(
            portal_round(CATALOGUE[r.code].counted_points(r.numerator, r.denominator))
            for r in frame.itertuples()
        )

    applied = lost.copy()
    for a in actions:
        applied.loc[applied["code"] == a.code, "numerator"] += a.count
    assert (applied["numerator"] <= applied["denominator"]).all()
    promised = round(sum(a.points for a in actions), 2)
    assert promised >= gain
    assert round(total(applied) - total(lost), 2) == pytest.approx(promised, abs=0.011)
