"""Shared fixtures: a throw-away project (reference files copied, sample exports generated) so
tests never touch the checkout's data/processed or outputs."""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chiso766.config import Project
from chiso766.sample import build_month

REPO = Path(__file__).resolve().parents[1]
# the groups' headers as the portal's exports write them, by group code
GROUP_HEADERS = {
    "CKMB": "Công khai, minh bạch",
    "TDGQ": "Tiến độ, kết quả giải quyết",
    "CLGQ": "Dịch vụ công trực tuyến",
    "TTTT": "Thanh toán trực tuyến",
    "DVTT": "Cung cấp dịch vụ trực tuyến",
    "MDHL": "Mức độ hài lòng",
    "MDSH": "Số hóa hồ sơ",
}
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'

# Fixtures that build something expensive once and share it. Under `make test` (two xdist
# workers, --dist loadgroup) every test using one of them runs on the same worker, so each is
# still built once a run; the first listed that a test uses names its group (the interrupted-
# report tests' `built_june` is hostile_june's project: they share its group). The Lab tests
# (`lab_project`) run the notebooks' defaults on the sample's stored months without its
# reports (the one reading 2026-10's executed notebooks is in the reports' group);
# test_ingest's `months` reads the six sample months of 2024 (seconds) for seven tests;
# test_environment's `imported` is one fresh process (2-3 s) its four import tests read.
SHARED = ("sample_reports", "lab_project", "hostile_june", "an_giang", "months", "imported")
# A test reading one of these is slow: a built report, or June 2024 with its 84 539 listed
# dossiers (about 10 s of ingest; `june`, read by the fast tests, is the month without them).
SLOW_FIXTURES = ("sample_reports", "hostile_june", "june_lists")


@pytest.hookimpl(tryfirst=True)  # before xdist's worker reads the groups in the same hook
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    loadgroup = getattr(config.option, "loadgroup", False)  # set in xdist's workers
    for item in items:
        if any(name in item.fixturenames for name in SLOW_FIXTURES):
            item.add_marker(pytest.mark.slow)
        shared = next((name for name in SHARED if name in item.fixturenames), None)
        if shared is not None:
            item.add_marker(pytest.mark.xdist_group(shared))
            if loadgroup:
                _group_in_nodeid(item, shared)


def _group_in_nodeid(item: pytest.Item, group: str) -> None:
    """xdist's loadgroup tells the controller a test's group by the suffix "@group" of its node
    id, which it appends to the legacy `_nodeid`; pytest 9.2 reads a structured `_id` instead,
    so the suffix was lost and every group spread over both workers (each building the shared
    fixture again: pytest-dev/pytest-xdist#1386). Append it where pytest reads it."""
    ident = getattr(item, "_id", None)
    if ident is not None and not item.nodeid.endswith(f"@{group}"):
        item._id = type(ident).parse(f"{item.nodeid}@{group}")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project with the real reference files and no raw data."""
    shutil.copytree(REPO / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "data" / "raw").mkdir()
    return Project(tmp_path)


@functools.cache
def sample_files(month: str) -> tuple[tuple[str, bytes], ...]:
    """The sample generator's files of `month` as (name, bytes) pairs, made once a session (the
    generator is deterministic: tests/test_sample.py checks it against the committed files)."""
    return tuple(build_month(month, Project(REPO)).items())


@pytest.fixture
def make_month(project: Project):
    """Write a sample month into the project, optionally replacing or adding files.

    make_month("2024-06", drop=["x.xls"], add={"y.csv": b"..."}) -> the month's folder."""

    def make(
        month: str,
        *,
        drop: tuple[str, ...] = (),
        add: dict[str, bytes] | None = None,
        only: tuple[str, ...] | None = None,
    ) -> Path:
        folder = project.raw / month
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in sample_files(month):
            if name in drop or (only is not None and not any(o in name for o in only)):
                continue
            (folder / name).write_bytes(data)
        for name, data in (add or {}).items():
            (folder / name).write_bytes(data)
        return folder

    return make


def docx_texts(doc) -> list[str]:
    """A document's paragraphs, then its tables' cells, as an officer reads them."""
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def workbook_texts(path: Path) -> list[str]:
    """Every text cell of a workbook, sheet by sheet, as an officer reads it."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [
        cell
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
        if isinstance(cell, str)
    ]


def sha256_tree(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def file_named(folder: Path, fragment: str) -> Path:
    return next(p for p in folder.iterdir() if fragment in p.name)


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory, worker_id: str) -> Project:
    """A project holding the committed sample and the notebooks (shared, read-only for tests:
    each test that changes data makes its own `project`). Under xdist, each of its periods is
    ingested once a run, by the first worker that needs it, and copied by the others
    (`ingest_shared`: June 2024's dossier lists alone take seconds)."""
    return _sample_copy(tmp_path_factory, worker_id, "sample")


@pytest.fixture(scope="session")
def plain_sample(tmp_path_factory, worker_id: str) -> Project:
    """The same sample without June 2024's dossier lists (`WITHOUT_LISTS`): what the month
    fixtures below read unless a test is about the lists. Its other periods are the sample's
    own, so `ingest_shared` copies them from whichever project ingested them first."""
    return _sample_copy(tmp_path_factory, worker_id, "plain", ignore=WITHOUT_LISTS)


# An analyst's note in the sample's January, as a real folder has them: ingest and the loader's
# freshness check skip it by one rule (issue #13: it made every notebook re-ingest under the
# batch's lock; test_report reads the sample reports' January for it).
NOTE = ("2024-01", "~ghi chu.csv", "Ghi chú,Nội dung\n1,xem lại\n")


def _sample_copy(tmp_path_factory, worker_id: str, name: str, ignore=None) -> Project:
    root = tmp_path_factory.mktemp(name)
    for part in (("data", "reference"), ("data", "raw"), ("notebooks",)):
        shutil.copytree(REPO.joinpath(*part), root.joinpath(*part), ignore=ignore)
    month, note, text = NOTE
    (root / "data" / "raw" / month / note).write_text(text, encoding="utf-8")
    if worker_id != "master":  # the run's workers share the parent of their base temp folders
        shared = tmp_path_factory.getbasetemp().parent / "sample-ingested"
        shared.mkdir(exist_ok=True)
        _SHARED_INGEST[root] = (shared, "" if ignore is None else f"-{name}")
    return Project(root)


# a sample project's root -> (the run's stored periods, the suffix of its months whose raw
# files differ from the sample's: June 2024 without its lists is kept apart from June with them)
_SHARED_INGEST: dict[Path, tuple[Path, str]] = {}


def _stored_parts(period: str) -> list[Path]:
    """What ingest stores of a period under data/processed: its folder and, for a month, its
    dossier lists' partition."""
    parts = [Path(period)]
    if len(period) == 7:
        parts.append(Path("dossiers", f"year={period[:4]}", f"month={period[5:]}"))
    return parts


def ingest_shared(periods: list[str], project: Project) -> None:
    """Store `periods` in `project` as ingest would. In a session's sample project under xdist,
    each is ingested once a run: the first worker to need a period ingests it and leaves a copy
    of what it stored (the period's tables and its dossier-list partition); the others copy
    that. Elsewhere (another project, or no xdist) what is not stored is ingested here."""
    from filelock import FileLock

    from chiso766.ingest.pipeline import ingest_stale
    from chiso766.sample.dossier_lists import COMMITTED

    if project.root not in _SHARED_INGEST:
        ingest_stale(periods, project)
        return
    shared, variant = _SHARED_INGEST[project.root]
    for period in periods:
        if not (project.raw / period).is_dir():
            continue
        parts = _stored_parts(period)
        key = f"{period}{variant}" if period in COMMITTED else period
        with FileLock(shared / f"{key}.lock"):
            kept = shared / key
            if not (kept / "done").is_file():
                ingest_stale([period], project)
                for part in parts:
                    if (project.processed / part).is_dir():
                        shutil.copytree(project.processed / part, kept / part, dirs_exist_ok=True)
                (kept / "done").touch()
            for part in parts:
                if (kept / part).is_dir() and not (project.processed / part).exists():
                    shutil.copytree(kept / part, project.processed / part)


def copy_stored(periods: list[str], source: Project, project: Project) -> None:
    """`periods` stored in `project` as `source` stores them (ingested there once a run), for a
    test whose raw files of those periods are the sample's: it pays no ingest for them."""
    ingest_shared(periods, source)
    for period in periods:
        for part in _stored_parts(period):
            if (source.processed / part).is_dir():
                shutil.copytree(source.processed / part, project.processed / part)


def load_month(month: str, project: Project, **settings):
    """Ingest what is new in the periods the month's report reads (its year, and the same
    month a year earlier: as the batch does first), then load the month."""
    from chiso766.store.loader import open_month, report_keys

    ingest_shared(report_keys(month, project), project)
    return open_month(month, project, **settings)


# June 2024's dossier lists (about 10 s of ingest): the session's sample reports and the tests
# about the lists (`june_lists`) read them; the other June fixtures leave them out
WITHOUT_LISTS = shutil.ignore_patterns("DanhSachHoSo_*")
SAMPLE_MONTHS = ("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2026-10")
PDF_MONTHS = ("2024-04", "2024-06", "2026-10")  # the notices whose PDF a test reads


@pytest.fixture(scope="session")
def sample_reports(sample_project):
    """Every sample month's report, built once a session as `chiso766 report --from --to`
    builds a range: two months side by side, sharing one pool of warm kernels. The notice's
    PDF (LibreOffice, seconds a month) is made for the months whose PDF a test reads."""
    from concurrent.futures import ThreadPoolExecutor

    from chiso766.report import pdf
    from chiso766.report.batch import new_pool, run_month

    def build(months: list[str], pool) -> dict:
        with ThreadPoolExecutor(2) as workers:
            futures = {
                m: workers.submit(run_month, m, sample_project, cell_progress=False, pool=pool)
                for m in months
            }
            return {m: future.result() for m, future in futures.items()}

    from chiso766.store.loader import report_keys

    for month in SAMPLE_MONTHS:  # what the other worker may have ingested already
        ingest_shared(report_keys(month, sample_project), sample_project)
    with new_pool(sample_project) as pool:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(pdf, "available", lambda: False)
            built = build([m for m in SAMPLE_MONTHS if m not in PDF_MONTHS], pool)
        built |= build(list(PDF_MONTHS), pool)
    return {m: built[m] for m in SAMPLE_MONTHS}


@pytest.fixture(scope="session")
def june(plain_sample):
    """The sample's June 2024, with January to May for trends; without its dossier lists (the
    figures are the Biểu 06 export's: the lists add the late dossiers by name)."""
    return load_month("2024-06", plain_sample)


@pytest.fixture(scope="session")
def june_lists(sample_project):
    """June 2024 as the sample has it, its dossier lists too (a test reading it is slow)."""
    return load_month("2024-06", sample_project)


@pytest.fixture(scope="session")
def april(sample_project):
    return load_month("2024-04", sample_project)


@pytest.fixture(scope="session")
def hostile_june(tmp_path_factory) -> tuple[Path, Path]:
    """June 2024's report, with January and May for its comparisons and one commune renamed
    to HOSTILE markup, built once (no PDF: nothing reads it). Returns copies of the report and
    of June's stored tables. The browser test opens the report; the interrupted-report tests
    work on copies of its project (test_reliability's `built_june`), and the one killing runs
    at random rebuilds June afresh, the second build the rerun tests compare with this one."""
    from chiso766.report import pdf
    from chiso766.report.batch import run_month

    root = tmp_path_factory.mktemp("hostile_june")
    for part in (("data", "reference"), ("notebooks",)):
        shutil.copytree(REPO.joinpath(*part), root.joinpath(*part))
    for month in ("2024-01", "2024-05", "2024-06"):  # without June's 84 539 listed dossiers
        shutil.copytree(REPO / "data" / "raw" / month, root / "data" / "raw" / month,
                        ignore=WITHOUT_LISTS)  # fmt: skip
    units = next((root / "data" / "raw" / "2024-06").glob("api_donvi*"))
    doc = json.loads(units.read_text(encoding="utf-8"))
    row = next(r for r in doc["data"] if r["TEN"] == "UBND xã Thanh An")
    row.update({"TEN": HOSTILE, "TEN_COQUAN": HOSTILE, "MA_COQUAN": "H10.99.99"})
    units.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    project = Project(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "available", lambda: False)
        report = run_month("2024-06", project, cell_progress=False, force=True)
    assert report.ok, [str(f) for f in report.failures]
    return (
        shutil.copytree(project.outputs / "2024-06", root / "report"),
        shutil.copytree(project.processed / "2024-06", root / "tables"),
    )


@pytest.fixture
def no_pdf(monkeypatch) -> None:
    """Reports built in this test skip the notice's PDF (LibreOffice takes seconds a report);
    for tests that read no PDF. test_appendix_notice checks the PDF itself, and the session's
    sample reports are built with it wherever LibreOffice is installed."""
    from chiso766.report import pdf

    monkeypatch.setattr(pdf, "available", lambda: False)


def run_cli(project: Project, *args: str) -> subprocess.CompletedProcess:
    """`chiso766 --root <project> ARGS` in a fresh process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "chiso766", "--root", str(project.root), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
