"""The monthly batch end to end: every notebook under papermill, HTML without code or network."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from docx import Document

from chiso766.report.batch import NOTEBOOKS, new_pool, run_month
from conftest import NOTE, REPO, docx_texts, run_cli, workbook_texts
from conftest import SAMPLE_MONTHS as MONTHS


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_every_notebook_runs_for_every_sample_month(sample_reports, month):
    report = sample_reports[month]
    assert report.ok, [str(f) for f in report.failures]
    folder = report.folder
    for name in NOTEBOOKS:
        assert (folder / f"{name}.html").is_file()
        executed = nbformat.read(folder / "notebooks" / f"{name}.ipynb", as_version=4)
        injected = [
            c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
        ]
        assert f'period = "{month}"' in injected[0].source  # a string, never re-typed
    figures = {p.name for p in (folder / "figures").iterdir()}
    assert "01_xu_huong_diem_thu_hang.png" in figures
    assert not [f for f in figures if not f.endswith(".png")]  # only the format a page reads
    assert (folder / "index.html").is_file()


@pytest.mark.slow
def test_june_report_states_the_seed_figures(sample_reports):
    folder = sample_reports["2024-06"].folder
    summary = (folder / "05_summary.html").read_text(encoding="utf-8")
    index = (folder / "index.html").read_text(encoding="utf-8")
    for text in (
        "03/63",
        "tăng 5 bậc so với tháng 5/2024",
        "tăng 45 bậc so với tháng 01/2024",
        "84,39",
    ):
        assert text in summary and text in index
    assert "- Cấp sở: GD&amp;ĐT (3); Tài nguyên và Môi trường (3)." in summary


@pytest.mark.slow
def test_html_is_self_contained_and_shows_no_code(sample_reports):
    folder = sample_reports["2024-06"].folder
    for page in [*folder.glob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"https?://", text), page.name
        assert "<script src" not in text and "<link" not in text
        assert "notebook.start(" not in text and "import chiso766" not in text
    province = (folder / "01_province.html").read_text(encoding="utf-8")
    assert province.count("data:image/png;base64,") >= 4


@pytest.mark.slow
def test_index_links_every_part(sample_reports):
    index = (sample_reports["2024-06"].folder / "index.html").read_text(encoding="utf-8")
    for name in NOTEBOOKS:
        assert f'href="{name}.html"' in index and f'href="notebooks/{name}.ipynb"' in index
    assert 'href="figures/01_xep_hang_ca_nuoc.png"' in index
    assert 'href="phu_luc_2024-06.xlsx"' in index and 'href="thong_bao_2024-06.docx"' in index


@pytest.mark.slow
def test_notice_and_html_report_say_the_same(sample_reports):
    folder = sample_reports["2024-04"].folder
    summary = (folder / "05_summary.html").read_text(encoding="utf-8")
    doc = Document(str(folder / "thong_bao_2024-04.docx"))
    sentence = (
        "Bình Phước xếp hạng 03/63 tỉnh, thành phố về chỉ số công khai, minh bạch về "
        "TTHC với tỷ lệ 71,3%."
    )
    # April's notice (its compact layout) states it within the paragraph of the standing
    assert any(sentence in p.text for p in doc.paragraphs) and sentence in summary
    assert (folder / "phu_luc_2024-04.xlsx").is_file()
    assert len(list(folder.glob("phu_luc_2024-04_*.csv"))) == 4


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    for name in NOTEBOOKS:
        nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), name
        params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and 'month = "2024-06"' in params[0].source


def test_a_run_starts_the_kernels_its_notebooks_need(project, monkeypatch):
    """A month runs every notebook; a year, quarter or year-to-date the overview alone: the
    command starts one kernel for it, not one per core (a kernel is seconds of CPU and about
    170 MiB)."""
    import contextlib

    from chiso766 import cli
    from chiso766.report import kernels

    assert kernels.notebooks_for("2024-06") == NOTEBOOKS
    for period in ("2024", "2025-Q3", "2025-H1", "2025-10-ytd"):
        assert kernels.notebooks_for(period) == kernels.PERIOD_NOTEBOOKS == ("01_province",)
    pools = []
    monkeypatch.setattr(
        kernels,
        "new_pool",
        lambda project, notebooks: pools.append(notebooks) or contextlib.nullcontext(),
    )
    monkeypatch.setattr(cli, "_report_months", lambda *args: 0)
    for periods in (["2024"], ["2024", "2025-Q3"], ["2024", "2024-06"]):
        cli._report(periods, project, False, {})
    assert pools == [("01_province",), ("01_province",), NOTEBOOKS]


@pytest.mark.slow
def test_a_failing_notebook_is_reported_and_the_others_still_run(project, make_month, no_pdf):
    make_month("2024-06")
    shutil.copytree(REPO / "notebooks", project.root / "notebooks")
    broken = project.root / "notebooks" / "02_departments.ipynb"
    nb = nbformat.read(broken, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('hỏng')"))
    nbformat.write(nb, broken)
    report = run_month(
        "2024-06", project, notebooks=("01_province", "02_departments"), cell_progress=False
    )
    assert [f.notebook for f in report.failures] == ["02_departments"]
    failure = report.failures[0]
    assert failure.cell is not None and "ValueError: hỏng" in failure.error
    folder = project.outputs / "2024-06"
    assert (folder / "01_province.html").is_file()
    assert not (folder / "02_departments.html").exists()
    assert (folder / "notebooks" / "02_departments.ipynb").is_file()  # kept for debugging
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "chưa đầy đủ" in index and "hỏng" in index


@pytest.mark.slow  # a fresh process importing the batch
def test_cli_report_exits_non_zero_on_bad_data(project, make_month):
    folder = make_month("2024-06")
    next(p for p in folder.iterdir() if "api_donvi" in p.name).write_text("{", encoding="utf-8")
    shutil.copytree(REPO / "notebooks", project.root / "notebooks")
    run = run_cli(project, "report", "--month", "2024-06")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "api_donvi" in run.stderr
    assert not (project.outputs / "2024-06").exists()


@pytest.mark.slow
def test_dong_nai_report_after_the_merger(sample_reports):
    folder = sample_reports["2026-10"].folder
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "tỉnh Đồng Nai" in index and "/34" in index
    plan = (folder / "06_indicators.html").read_text(encoding="utf-8")
    assert (
        "Để tăng 5,00 điểm:" in plan
        and "Hồ sơ thanh toán trực tuyến trên tổng hồ sơ có phí" in plan
    )
    assert "TTTT_ONLINE_PAYMENT_DOSSIERS" not in plan  # catalogue names, never codes
    summary = (folder / "05_summary.html").read_text(encoding="utf-8")
    assert "Kế hoạch cải thiện từ các chỉ tiêu thành phần" in summary
    june = (sample_reports["2024-06"].folder / "05_summary.html").read_text(encoding="utf-8")
    assert "Kế hoạch cải thiện" not in june  # no sub-indicators before 2026: no empty section
    doc = Document(str(folder / "thong_bao_2026-10.docx"))
    assert any(
        p.text.startswith("Tính đến tháng 10/2026, tỉnh Đồng Nai đạt") for p in doc.paragraphs
    )


@pytest.mark.slow
def test_a_note_file_starting_with_a_tilde_does_not_stop_the_report(sample_reports):
    """Issue #13: '~ghi chu.csv' made every notebook re-ingest under the batch's lock. The
    session's sample January carries that note (conftest.NOTE): its report is read here."""
    month, note, _ = NOTE
    report = sample_reports[month]
    assert (report.folder.parents[1] / "data" / "raw" / month / note).is_file()
    assert report.ok, [str(f) for f in report.failures]
    assert all((report.folder / f"{name}.html").is_file() for name in NOTEBOOKS)


@pytest.mark.slow
def test_one_threshold_in_every_output_from_the_file_or_the_run(project, make_month, no_pdf):
    """Issue #13: with threshold = 5 in province.toml, 04 said 'từ 3' and 05 and the notice
    'từ 5'. Every part reads the setting; a run's value overrides it for every part."""
    make_month("2024-06")
    toml = project.reference / "province.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("threshold = 3 ", "threshold = 5 "))
    parts = ("04_dossiers", "05_summary")

    def said(report) -> dict[str, str]:
        assert report.ok, [str(f) for f in report.failures]
        folder = report.folder
        return {
            **{n: (folder / f"{n}.html").read_text(encoding="utf-8") for n in parts},
            "notice": "\n".join(docx_texts(Document(folder / "thong_bao_2024-06.docx"))),
            "workbook": "\n".join(workbook_texts(folder / "phu_luc_2024-06.xlsx")),
        }

    from chiso766.config import Project

    with new_pool(project, parts) as pool:  # the same kernels for both runs
        for settings, n in ((None, 5), ({"late_threshold": 4}, 4)):
            report = run_month(
                "2024-06",
                Project(project.root),
                cell_progress=False,
                notebooks=parts,
                settings=settings,
                force=True,
                pool=pool,
            )
            for part, text in said(report).items():
                assert f"từ {n} hồ sơ" in text, (part, n)
                assert not {f"từ {m} hồ sơ" for m in (3, 4, 5) if m != n} & set(
                    re.findall(r"từ \d hồ sơ", text)
                ), (part, n)
