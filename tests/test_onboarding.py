"""A province that is not in the sample: its first exports (generated as the portal writes them:
codes, suffixes, text values), `chiso766 init`, then ingest and a full report; re-running init
keeps the analyst's edits; a city with wards."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from chiso766.config import Project
from chiso766.messages import msg
from chiso766.reference.groups import GROUP_CODES, MAX_POINTS
from chiso766.sample import exports as ex
from conftest import REPO

DEPARTMENTS = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý Khu kinh tế",
    "Công an tỉnh",
    "Bảo hiểm xã hội tỉnh",  # no prefix tells its level: LOAI_COQUAN does
    "Cục Thuế tỉnh",
    "Kho bạc Nhà nước khu vực XIX",
    "Sở Lao động - Thương binh và Xã hội",
]
SPECIAL = ["đặc khu Phú Quốc", "đặc khu Kiên Hải", "đặc khu Thổ Châu"]
WARDS = [
    "phường Long Xuyên",
    "phường Bình Đức",
    "phường Mỹ Thới",
    "phường Châu Đốc",
    "phường Vĩnh Tế",
]


def commune_names(count: int) -> list[str]:
    """Wards, special zones and communes; "xã Long Xuyên" shares its place name with a ward."""
    names = [*WARDS, *SPECIAL, "xã Long Xuyên"]
    i = 1
    while len(names) < count:
        names.append(f"xã Vĩnh Hòa {i}")
        i += 1
    return names


def scores_for(key: str, rng: random.Random) -> dict[str, float]:
    return {g: round(rng.uniform(0.5, 0.98) * MAX_POINTS[g], 2) for g in GROUP_CODES}


def portal_row(i: int, name: str, code: str, kind: str, tier: str, groups: dict, suffix: str):
    total = round(sum(groups.values()), 2)
    return {
        "ID": str(20000 + i),
        "TEN": name,
        "TEN_COQUAN": f"{name}{suffix}",
        "MA_COQUAN": code,
        "LOAI_COQUAN": kind,
        "CAPDONVIID": tier,
        **{c: f"{groups[c]:.2f}" for c in GROUP_CODES},
        "TONG_SCORE": f"{total:.2f}",
        "ROW_STT": str(i),
    }


def province_exports(
    folder: Path, month: str, province: str, code: str, communes: list[str], seed: int = 7
) -> dict[str, dict[str, float]]:
    """The month's national ranking and unit scores of `province`; returns the unit scores by
    name; codes follow the list (None leaves a gap). Two communes tie on every group (so on the
    total)."""
    rng = random.Random(seed)
    start = date.fromisoformat(f"{month}-01")
    end = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
    folder.mkdir(parents=True, exist_ok=True)
    provinces = Project(REPO).provinces.frame
    after = provinces[provinces["valid_from"] == "2025-07-01"]
    national = [
        portal_row(
            i, f"{r.title.capitalize()} {r.name}", r.code, "1", "1", scores_for(r.code, rng), ""
        )
        for i, r in enumerate(after.sort_values("name").itertuples(), 1)
    ]
    (folder / f"xep_hang_34_tinh_{month}.json").write_bytes(ex.portal_json(national, start, end))
    suffix = f" - tỉnh {province}"
    rows = [portal_row(0, f"UBND tỉnh {province}", code, "1", "1", scores_for("p", rng), "")]
    scores: dict[str, dict[str, float]] = {}
    for i, name in enumerate(DEPARTMENTS, 1):
        scores[name] = scores_for(name, rng)
        rows.append(portal_row(i, name, f"{code}.{i:02d}", "2", "1", scores[name], suffix))
    for i, name in enumerate(communes, 1):
        if name is None:  # a unit gone: its code is not reused
            continue
        full = f"UBND {name}"
        scores[full] = dict(scores[f"UBND {communes[0]}"]) if i == 2 else scores_for(full, rng)
        rows.append(portal_row(100 + i, full, f"{code}.{100 + i}", "3", "2", scores[full], suffix))
    # the portal sorts by total and numbers rows across sở and xã together (ROW_STT is no rank)
    rows.sort(key=lambda r: -float(r["TONG_SCORE"]))
    for i, row in enumerate(rows, 1):
        row["ROW_STT"] = str(i)
    slug = province.lower().replace(" ", "_")
    (folder / f"api_donvi_{slug}_{month}.json").write_bytes(ex.portal_json(rows, start, end))
    return scores


def chiso766(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chiso766", *args], capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def an_giang(tmp_path_factory):
    """An Giang's project made by `init` from its October 2026 exports (110 communes)."""
    base = tmp_path_factory.mktemp("an_giang")
    communes = commune_names(110)
    scores = province_exports(base / "exports" / "2026-10", "2026-10", "An Giang", "H01", communes)
    done = chiso766(
        "init",
        "--province",
        "An Giang",
        "--exports",
        str(base / "exports" / "2026-10"),
        str(base / "project"),
    )
    assert done.returncode == 0, done.stderr
    return base, Project(base / "project"), scores, communes, done.stdout


def test_init_builds_the_registry_from_the_first_export(an_giang):
    _, project, _, communes, out = an_giang
    units = pd.read_csv(project.reference / "units.csv", dtype=str, keep_default_na=False)
    assert len(units) == len(DEPARTMENTS) + len(communes)  # the province's own row is not a unit
    assert units["unit_id"].is_unique
    assert set(units["province_id"]) == {"P34-H01"} and set(units["valid_from"]) == {"2025-07-01"}
    by_name = units.set_index("name")
    assert not units["name"].str.contains(" - tỉnh").any()  # suffixes gone
    assert by_name.at["Sở Nội vụ", "short_name"] == "Nội vụ"
    assert by_name.at["Sở Nội vụ", "code"] == "H01.01"
    assert by_name.at["Sở Lao động - Thương binh và Xã hội", "level"] == "department"
    assert by_name.at["UBND đặc khu Phú Quốc", "level"] == "commune"
    assert by_name.at["UBND phường Châu Đốc", "short_name"] == "Châu Đốc"
    # a ward and a commune of the same place are told apart by their kind
    assert by_name.at["UBND phường Long Xuyên", "short_name"] == "phường Long Xuyên"
    assert by_name.at["UBND xã Long Xuyên", "short_name"] == "xã Long Xuyên"
    assert by_name.at["Bảo hiểm xã hội tỉnh", "level"] == "department"
    assert "Bảo hiểm xã hội tỉnh" in out  # a level told by LOAI_COQUAN only is to be checked
    levels = units.groupby("level").size().to_dict()
    assert levels == {"department": len(DEPARTMENTS), "commune": len(communes)}
    departments = units[units["level"] == "department"]
    departments = departments.sort_values("official_order", key=lambda o: o.astype(int))
    assert departments["code"].tolist() == [f"H01.{i:02d}" for i in range(1, 21)]
    toml = (project.reference / "province.toml").read_text(encoding="utf-8")
    assert 'parent_body = "UBND TỈNH AN GIANG"' in toml and 'unit_id = "P34-H01"' in toml
    assert "UBND các xã, phường, đặc khu;" in toml
    for name in ("provinces.csv", "crosswalk.csv", "indicators.csv", "holidays_override.csv"):
        assert (project.reference / name).is_file()
    assert sorted(p.name for p in (project.raw / "2026-10").iterdir()) == [
        "api_donvi_an_giang_2026-10.json",
        "xep_hang_34_tinh_2026-10.json",
    ]


def _competition(values: dict[str, float]) -> dict[str, int]:
    totals = pd.Series({k: round(v, 2) for k, v in values.items()})
    return totals.rank(method="min", ascending=False).astype(int).to_dict()


@pytest.fixture(scope="module")
def an_giang_report(an_giang):
    """`chiso766 report` of An Giang's October 2026, the full report but its PDF (run once,
    read by two)."""
    _, project, _, _, _ = an_giang
    return chiso766(
        "--root", str(project.root), "report", "--month", "2026-10", "--set", "pdf=false"
    )


@pytest.mark.slow
def test_a_full_report_for_the_new_province_ranks_within_each_level(an_giang, an_giang_report):
    _, project, scores, communes, _ = an_giang
    done = an_giang_report
    assert done.returncode == 0, done.stdout + done.stderr
    index = (project.outputs / "2026-10" / "index.html").read_text(encoding="utf-8")
    assert "An Giang" in index and "Đồng Nai" not in index
    # the PDF left out as the run asked, and the brief says why (LibreOffice installed or not)
    assert not (project.outputs / "2026-10" / "thong_bao_2026-10.pdf").exists()
    assert msg("doc.pdf_off") in index
    for name in ("01_province", "02_departments", "03_local_units", "05_summary"):
        assert (project.outputs / "2026-10" / f"{name}.html").is_file(), name
    table = pd.read_parquet(project.processed / "2026-10" / "scores.parquet")
    totals = {k: round(sum(v.values()), 2) for k, v in scores.items()}
    for level, names in (("department", DEPARTMENTS), ("commune", [f"UBND {c}" for c in communes])):
        rows = table[table["cohort"] == level].set_index("unit_name")
        assert set(rows.index) == set(names)
        assert rows["rank_total"].astype(int).to_dict() == _competition(
            {n: totals[n] for n in names}
        )
        assert rows["cohort_size"].eq(len(names)).all()
    tied = table[table["unit_name"].isin([f"UBND {c}" for c in communes[:2]])]
    assert tied["rank_total"].nunique() == 1  # a tie shares the rank; ROW_STT differs
    assert tied["row_stt"].nunique() == 2


def test_rerunning_init_keeps_edits_adds_new_units_and_reports_renamed_ones(an_giang):
    base, project, _, communes, _ = an_giang
    units_csv = project.reference / "units.csv"
    units = pd.read_csv(units_csv, dtype=str, keep_default_na=False)
    units.loc[units["name"] == "Sở Nội vụ", "short_name"] = "Sở NV"  # the analyst's edit
    units.to_csv(units_csv, index=False)
    toml = project.reference / "province.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    later = [*communes[:-1], None, "xã Vĩnh Hòa Mới"]  # one commune gone, one new
    later[10] = "xã Tân Hội"  # a new name under the old code
    province_exports(base / "exports" / "2026-11", "2026-11", "An Giang", "H01", later, seed=8)
    done = chiso766(
        "init",
        "--province",
        "An Giang",
        "--exports",
        str(base / "exports" / "2026-11"),
        str(project.root),
    )
    assert done.returncode == 0, done.stderr
    after = pd.read_csv(units_csv, dtype=str, keep_default_na=False)
    assert after.set_index("name").at["Sở Nội vụ", "short_name"] == "Sở NV"
    assert toml.read_text(encoding="utf-8").endswith("# reviewed\n")
    assert after.iloc[: len(units)].equals(units)  # every existing row as it was
    added = after.iloc[len(units) :]
    assert added["name"].tolist() == ["UBND xã Vĩnh Hòa Mới"]
    assert f"'UBND {communes[10]}', tệp xuất ghi 'UBND xã Tân Hội'" in done.stdout  # reported
    assert f"UBND {communes[-1]}" in done.stdout  # absent from this export: reported


def test_a_project_for_another_province_is_not_overwritten(an_giang):
    _, project, _, _, _ = an_giang
    done = chiso766("init", "--province", "Cà Mau", str(project.root))
    assert done.returncode == 2
    assert "An Giang" in done.stderr and "Cà Mau" in done.stderr


def test_an_unknown_province_gets_the_nearest_names_and_nothing_is_written(tmp_path):
    done = chiso766("init", "--province", "An Gang", str(tmp_path / "p"))
    assert done.returncode == 2 and "An Giang" in done.stderr
    assert not (tmp_path / "p").exists()


def test_the_province_is_told_by_the_export_codes_alone(an_giang, tmp_path):
    base, _, _, _, _ = an_giang
    done = chiso766("init", "--exports", str(base / "exports" / "2026-10"), str(tmp_path / "p"))
    assert done.returncode == 0, done.stderr
    assert "tỉnh An Giang" in done.stdout
    toml = (tmp_path / "p" / "data" / "reference" / "province.toml").read_text(encoding="utf-8")
    assert 'unit_id = "P34-H01"' in toml


@pytest.mark.slow  # `init`, then `ingest`, in fresh processes
def test_a_city_with_wards(tmp_path):
    wards = [f"phường Ba Đình {i}" for i in range(1, 13)]
    province_exports(tmp_path / "exports" / "2026-10", "2026-10", "Hà Nội", "H26", wards)
    json_path = next((tmp_path / "exports" / "2026-10").glob("api_donvi_*"))
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    for row in doc["data"]:  # a city's suffix and its own row say "thành phố"
        row["TEN_COQUAN"] = row["TEN_COQUAN"].replace(" - tỉnh Hà Nội", " - thành phố Hà Nội")
        for field in ("TEN", "TEN_COQUAN"):
            row[field] = row[field].replace("UBND tỉnh Hà Nội", "UBND thành phố Hà Nội")
    json_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    done = chiso766(
        "init",
        "--province",
        "Hà Nội",
        "--exports",
        str(tmp_path / "exports" / "2026-10"),
        str(tmp_path / "hn"),
    )
    assert done.returncode == 0, done.stderr
    project = Project(tmp_path / "hn")
    units = pd.read_csv(project.reference / "units.csv", dtype=str, keep_default_na=False)
    assert "UBND thành phố Hà Nội" not in set(units["name"])
    wards_rows = units[units["level"] == "commune"]
    assert sorted(wards_rows["short_name"]) == sorted(w.removeprefix("phường ") for w in wards)
    toml = (project.reference / "province.toml").read_text(encoding="utf-8")
    assert 'parent_body = "UBND THÀNH PHỐ HÀ NỘI"' in toml
    assert 'title = "thành phố"' in toml
    ingest = chiso766("--root", str(project.root), "ingest", "--month", "2026-10")
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert "không có đơn vị" not in ingest.stdout  # every ward known


@pytest.mark.slow
def test_a_month_without_dossier_figures_says_so(an_giang, an_giang_report):
    _, project, _, _, _ = an_giang
    assert an_giang_report.returncode == 0, an_giang_report.stdout + an_giang_report.stderr
    summary = (project.outputs / "2026-10" / "05_summary.html").read_text(encoding="utf-8")
    assert "Chưa có số liệu giải quyết hồ sơ (Biểu 06) của tháng 10/2026" in summary
    assert "0 hồ sơ" not in summary
    figures = {p.name for p in (project.outputs / "2026-10" / "figures").iterdir()}
    assert "04_don_vi_tre_han.png" not in figures  # no empty chart
    assert "03_diem_cap_xa.png" in figures
