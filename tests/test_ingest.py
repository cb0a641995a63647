"""Ingest of whole months: the seed figures, the checks that stop a month, and what is written."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from chiso766 import DataError, ingest_month, load, read_month
from chiso766.config import Project
from chiso766.sample import build_month
from chiso766.sample import exports as ex
from conftest import REPO, WITHOUT_LISTS, file_named, run_cli, sha256_tree


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    """The six committed sample months, read once for the figure tests (June without its
    dossier lists: tests/test_dossier_records.py reads those)."""
    root = tmp_path_factory.mktemp("months")
    shutil.copytree(REPO / "data" / "reference", root / "data" / "reference")
    for folder in (REPO / "data" / "raw").glob("2024-*"):
        shutil.copytree(folder, root / "data" / "raw" / folder.name, ignore=WITHOUT_LISTS)
    project = Project(root)
    return {m: read_month(m, project) for m in project.raw_months() if m.startswith("2024")}


def _province(result, month=None):
    s = result.scores
    return s[(s["cohort"] == "national") & (s["unit_id"] == "P63-H10")].iloc[0]


@pytest.mark.parametrize(
    ("month", "total", "rank"),
    [("2024-01", 70.12, 48), ("2024-04", 77.73, 17), ("2024-05", 82.15, 8), ("2024-06", 84.39, 3)],
)
def test_seed_totals_and_ranks(months, month, total, rank):
    row = _province(months[month])
    assert row["total"] == pytest.approx(total, abs=1e-9)
    assert row["rank_total"] == rank
    assert row["cohort_size"] == 63


def test_april_ckmb_share_and_rank(months):
    row = _province(months["2024-04"])
    assert round(row["CKMB"] / 18 * 100, 1) == 71.3
    assert row["rank_CKMB"] == 3


def test_june_late_dossiers(months):
    d = months["2024-06"].dossiers
    late = d[d["late"] >= 3].set_index("short_name")
    expected = {
        ("department", "GD&ĐT"): 3,
        ("department", "Tài nguyên và Môi trường"): 3,
        ("district", "Đồng Phú"): 16,
        ("district", "Bù Gia Mập"): 35,
        ("district", "Hớn Quản"): 6,
        ("district", "Lộc Ninh"): 5,
        ("land_branch", "Đồng Phú"): 54,
        ("land_branch", "Hớn Quản"): 5,
        ("land_branch", "Lộc Ninh"): 4,
        ("commune", "Tân Lợi-Hớn Quản"): 3,
        ("commune", "Phước Tân-Phú Riềng"): 6,
        ("commune", "Phú Sơn-Lộc Ninh"): 4,
    }
    got = {(r.level, r.Index): r.late for r in late.itertuples()}
    assert got == expected
    assert d["identities_ok"].all()
    assert len(d) == 152  # every unit of the registry, the totals row left out


def test_every_month_has_every_unit_once_and_ranks_within_cohorts(months):
    for result in months.values():
        s = result.scores
        sizes = s.groupby("cohort")["unit_id"].nunique().to_dict()
        assert sizes == {"national": 63, "department": 20, "district": 11, "commune": 110}
        communes = s[s["cohort"] == "commune"]
        assert communes["rank_total"].min() == 1 and communes["rank_total"].max() <= 110
        expected = communes["total"].rank(method="min", ascending=False).astype(int)
        assert (communes["rank_total"].astype(int) == expected).all()


def test_april_publication_tracking(months):
    p = months["2024-04"].publications
    late = p[p["ministry_decision"] == "503/QĐ-BTTTT"].iloc[0]
    assert late["ministry_date"] == pd.Timestamp("2024-04-09")
    assert late["submission"] == "41/TTr-STTTT"
    assert late["submission_date"] == pd.Timestamp("2024-04-22")
    assert late["preparing_unit_id"] == "BP-S10"


def test_deliberate_defects_are_reported_not_hidden(months):
    q2 = months["2024-02"].quality
    assert (q2["code"] == "unit.duplicate_same").sum() == 1
    q3 = months["2024-03"].quality
    broken = q3[q3["code"].isin(["id.received", "id.balance"])]
    assert len(broken) == 2 and broken["row"].nunique() == 1
    d3 = months["2024-03"].dossiers
    assert (~d3["identities_ok"]).sum() == 1


def test_messiness_is_normalised_and_noted(months):
    q6 = months["2024-06"].quality
    assert {"note.nfd", "note.header_repeat", "note.totals_row"} <= set(q6["code"])
    names = set(months["2024-06"].scores["unit_name"])
    assert "Hòa Bình" in names and "Bà Rịa - Vũng Tàu" in names


def test_ingest_writes_tables_and_raw_files_stay_untouched(project, make_month):
    folder = make_month("2024-06")
    before = sha256_tree(folder)
    result = ingest_month("2024-06", project)
    assert sha256_tree(folder) == before
    out = project.processed / "2024-06"
    assert {p.name for p in out.iterdir()} == {
        "scores.parquet",
        "dossiers.parquet",
        "publications.parquet",
        "indicators.parquet",
        "quality.parquet",
        "manifest.json",
    }
    scores = load("scores", project=project)
    pd.testing.assert_frame_equal(scores, result.scores, check_dtype=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {f["sha256"] for f in manifest["files"]} == set(before.values())


def test_reingest_replaces_the_month_visibly(project, make_month):
    folder = make_month("2024-06")
    ingest_month("2024-06", project)
    again = ingest_month("2024-06", project)
    assert "month.replaced" not in set(again.quality["code"])  # same files: nothing to say
    national = file_named(folder, "Bảng xếp hạng")
    national.write_bytes(build_month("2024-05", Project(REPO))["api_chiso_tinh_2024-05.json"])
    national.rename(folder / "revised.json")
    with pytest.raises(DataError):  # May's file in June's folder: its period says so
        ingest_month("2024-06", project)
    assert (project.processed / "2024-06" / "scores.parquet").is_file()  # old month kept


def test_a_renamed_file_is_a_replacement_for_the_freshness_check_and_the_note(project, make_month):
    from chiso766.store.manifest import state

    folder = make_month("2024-06")
    ingest_month("2024-06", project)
    file_named(folder, "Bảng xếp hạng").rename(folder / "bxh thang 6.xlsx")  # same bytes
    assert not state(project.raw, project.processed, "2024-06").current
    again = ingest_month("2024-06", project)
    note = again.quality[again.quality["code"] == "month.replaced"]
    assert len(note) == 1 and "0 tổng điểm thay đổi" in note["text"].iloc[0]


def test_period_in_file_contradicting_the_folder_is_an_error(project, make_month):
    june = build_month("2024-06", Project(REPO))
    make_month(
        "2024-05",
        drop=("api_chiso_tinh_2024-05.json",),
        add={"national.xlsx": june["Bảng xếp hạng 766 tháng 6-2024.xlsx"]},
    )
    with pytest.raises(DataError) as info:
        read_month("2024-05", project)
    issue = next(i for i in info.value.issues if i.code == "period.mismatch")
    assert issue.file == "national.xlsx"
    assert "2024-05" in issue.text and "tháng 6/2024" in issue.text


def test_two_files_of_one_kind_is_an_error(project, make_month):
    june = build_month("2024-06", Project(REPO))
    make_month("2024-06", add={"copy.xls": june["BaoCaoTinhHinhXuLyHoSo_062024.xls"]})
    with pytest.raises(DataError) as info:
        read_month("2024-06", project)
    assert any(i.code == "month.two_files" for i in info.value.issues)


def test_file_of_no_known_kind_is_reported_by_name(project, make_month):
    make_month("2024-06", add={"ghi chu.csv": "Họ tên,Điện thoại\nAn,0912\n".encode()})
    result = read_month("2024-06", project)
    row = result.quality[result.quality["code"] == "read.unknown_kind"]
    assert row["file"].tolist() == ["ghi chu.csv"]


def test_bad_numbers_are_located_errors(project, make_month):
    folder = make_month("2024-06")
    path = file_named(folder, "BaoCao")
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(
        text.replace("<td>Sở Tư pháp</td><td>", "<td>Sở Tư pháp</td><td>abc", 1).encode("utf-8")
    )
    with pytest.raises(DataError) as info:
        read_month("2024-06", project)
    issue = info.value.issues[0]
    assert issue.code == "val.not_count"
    assert issue.file == path.name and issue.row is not None and issue.column.startswith("C ")
    assert "abc" in issue.text


def test_ambiguous_count_is_settled_by_the_identities(project, make_month):
    header = [
        [
            ("STT", 2, 1),
            ("Đơn vị", 2, 1),
            ("Tiếp nhận", 1, 2),
            ("Đã giải quyết", 1, 4),
            ("Đang giải quyết", 1, 3),
        ],
        [
            ("Tổng số", 1, 1),
            ("Từ kỳ trước", 1, 1),
            ("Tổng số", 1, 1),
            ("Trước hạn", 1, 1),
            ("Đúng hạn", 1, 1),
            ("Quá hạn", 1, 1),
            ("Tổng số", 1, 1),
            ("Trong hạn", 1, 1),
            ("Quá hạn", 1, 1),
        ],
    ]
    body = [["1", "Sở Y tế", "1,234", "0", "1,200", "700", "500", "0", "34", "34", "0"]]
    html = ex.html_xls(["Tháng 6/2024"], header, body)
    make_month("2024-06", drop=("BaoCaoTinhHinhXuLyHoSo_062024.xls",), add={"b06.xls": html})
    result = read_month("2024-06", project)
    row = result.dossiers.iloc[0]
    assert row["received_total"] == 1234 and row["resolved_total"] == 1200
    assert (result.quality["code"] == "val.ambiguous_resolved").sum() == 2

    body[0][6] = "1,201"  # now neither reading balances: refuse to guess
    html = ex.html_xls(["Tháng 6/2024"], header, body)
    (project.raw / "2024-06" / "b06.xls").write_bytes(html)
    with pytest.raises(DataError) as info:
        read_month("2024-06", project)
    assert any(i.code == "val.ambiguous_count" for i in info.value.issues)


def test_total_not_equal_to_groups_is_an_error(project, make_month):
    folder = make_month("2024-06")
    path = file_named(folder, "api_donvi")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data"][0]["TONG_SCORE"] = "99.99"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_month("2024-06", project)
    assert [i.code for i in info.value.issues] == ["val.total_mismatch"]


def test_unknown_unit_is_kept_and_reported_with_nearest_names(project, make_month):
    folder = make_month("2024-06")
    path = file_named(folder, "api_donvi")
    doc = json.loads(path.read_text(encoding="utf-8"))
    row = next(r for r in doc["data"] if r["TEN"] == "UBND xã Thanh An")
    row["TEN_COQUAN"] = row["TEN"] = "UBND xã Thanh Ann"
    row["MA_COQUAN"] = "H10.99.99"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = read_month("2024-06", project)
    issue = result.quality[result.quality["code"] == "unit.unknown"].iloc[0]
    assert "UBND xã Thanh An" in issue["text"]
    kept = result.scores[result.scores["raw_name"] == "UBND xã Thanh Ann"]
    assert len(kept) == 1 and kept["unit_id"].isna().all() and kept["level"].iloc[0] == "commune"


def test_legacy_tcvn3_names_are_converted(project, make_month):
    from chiso766.ingest.legacy import to_tcvn3

    folder = make_month("2024-06")
    path = file_named(folder, "api_donvi")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data"][0]["TEN_COQUAN"] = to_tcvn3(doc["data"][0]["TEN_COQUAN"])
    doc["data"][0]["TEN"] = to_tcvn3(doc["data"][0]["TEN"])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = read_month("2024-06", project)
    assert (result.quality["code"] == "note.legacy_converted").sum() >= 1
    assert result.scores["unit_id"].notna().all()


def test_cli_prints_located_messages_and_exits_non_zero(project, make_month):
    folder = make_month("2024-06")
    path = file_named(folder, "api_donvi")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["data"][2]["CKMB"] = "19.5"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = run_cli(project, "ingest", "--month", "2024-06")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "Không nhập được kỳ 2024-06" in run.stderr
    assert f"Tệp '{path.name}'" in run.stderr and "nằm ngoài khoảng 0 đến 18" in run.stderr
    assert not (project.processed / "2024-06").exists()


@pytest.mark.slow  # a fresh process ingesting two months
def test_cli_ingests_a_range(project, make_month):
    for month in ("2024-05", "2024-06"):
        make_month(month)
    run = run_cli(project, "ingest", "--from", "2024-05", "--to", "2024-06")
    assert run.returncode == 0, run.stderr
    assert "Đã nhập kỳ 2024-05" in run.stdout and "Đã nhập kỳ 2024-06" in run.stdout
    assert len(load("scores", project=project)["period"].unique()) == 2


def test_five_group_view_is_read_as_five_groups(project, make_month):
    """The decision's five-group view (CLGQ + TTTT as "Cung cấp dịch vụ trực tuyến")."""
    from chiso766.sample import exports as ex

    june = build_month("2024-06", Project(REPO))
    rows = []
    for r in json.loads(june["api_donvi_binhphuoc_2024-06.json"])["data"]:
        online = round(float(r["CLGQ"]) + float(r["TTTT"]), 2)
        rows.append(
            {
                "Tên đơn vị": r["TEN_COQUAN"],
                "Công khai, minh bạch": r["CKMB"],
                "Tiến độ, kết quả giải quyết": r["TDGQ"],
                "Cung cấp dịch vụ trực tuyến": f"{online:.2f}",
                "Mức độ hài lòng": r["MDHL"],
                "Số hóa hồ sơ": r["MDSH"],
                "Tổng điểm": r["TONG_SCORE"],
            }
        )
    data = ex.plain_csv(list(rows[0]), [list(r.values()) for r in rows])
    make_month("2024-06", drop=("api_donvi_binhphuoc_2024-06.json",), add={"5 nhom.csv": data})
    result = read_month("2024-06", project)
    units = result.scores[result.scores["cohort"] != "national"]
    assert set(units["groups_view"]) == {"5"}
    assert units["CLGQ"].isna().all() and units["TTTT"].isna().all()
    assert units["DVTT"].notna().all() and units["rank_DVTT"].notna().all()
    assert "note.five_groups" in set(result.quality["code"])
    national = result.scores[result.scores["cohort"] == "national"]
    assert set(national["groups_view"]) == {"6"}  # the national file keeps its six groups


@pytest.mark.slow  # three fresh processes, each importing the package and ingesting
def test_cli_ingest_without_a_month_ingests_what_changed_since_it_was_stored(project, make_month):
    for month in ("2024-05", "2024-06", "2025-07"):
        make_month(month)
    run = run_cli(project, "ingest")
    assert run.returncode == 0, run.stderr
    for month in ("2024-05", "2024-06", "2025-07"):
        assert f"Đã nhập kỳ {month}" in run.stdout
    again = run_cli(project, "ingest")
    assert again.returncode == 0 and "Đã nhập" not in again.stdout
    assert "Không có tháng nào cần nhập" in again.stdout
    folder = project.raw / "2024-05"
    (folder / "~ghi chu.csv").write_text("Ghi chú,Nội dung\n1,xem lại\n", encoding="utf-8")
    third = run_cli(project, "ingest")
    assert "Đã nhập kỳ 2024-05" in third.stdout and "2024-06" not in third.stdout


def test_a_table_a_month_lacks_is_empty_with_the_columns_it_has_when_present(
    months, project, make_month
):
    from chiso766.store.schemas import DOSSIERS, PUBLICATIONS

    june = months["2024-06"]
    assert list(june.dossiers.columns) == list(DOSSIERS.columns)
    assert list(june.publications.columns) == list(PUBLICATIONS.columns)
    make_month("2024-06", only=("api_donvi", "xếp hạng"))
    result = ingest_month("2024-06", project)
    assert result.dossiers.empty and list(result.dossiers.columns) == list(DOSSIERS.columns)
    assert list(load("publications", ["2024-06"], project).columns) == list(PUBLICATIONS.columns)
