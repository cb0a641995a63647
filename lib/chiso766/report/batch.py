"""The batch: ingest, execute every notebook with papermill, export HTML without code, write
the period's index, and put the whole folder in place at once. A month gets every part; another
kind of period (quarter, half-year, year, year-to-date: the portal serves only the national
ranking for those) gets the province's overview (PERIOD_NOTEBOOKS) and the brief.

outputs/<month>/
    index.html              the one-page brief (report/brief.py), links to every part
    01_province.html ...    each notebook as self-contained HTML (no code, images embedded)
    notebooks/*.ipynb       the executed notebooks (kept for debugging when a cell fails)
    figures/*.png           the charts, embedded in the pages
    phu_luc_<month>.xlsx    the appendices (and phu_luc_<month>_<n>.csv, one per sheet)
    thong_bao_<month>.docx  the draft notice
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from chiso766.config import Project
from chiso766.ingest.pipeline import ingest_stale
from chiso766.messages import msg
from chiso766.reference.periods import parse_period
from chiso766.report import appendix, brief, late_dossiers, notice, pdf
from chiso766.report.kernels import NOTEBOOKS, KernelPool, new_pool, notebooks_for
from chiso766.report.pages import TEMPLATES, to_html
from chiso766.store.loader import MonthData, open_month, report_keys
from chiso766.store.locks import month_lock
from chiso766.store.manifest import read_manifest
from chiso766.store.parquet import new_folder, recover, swap_in
from chiso766.textnorm import for_terminal


@dataclass
class Failure:
    notebook: str
    title: str  # the page's title in the words of the period's structure (brief.page_title)
    cell: int | None
    error: str

    def __str__(self) -> str:
        return msg(
            "report.failed_item",
            notebook=self.title,
            cell=self.cell if self.cell is not None else "-",
            error=self.error,
        )


@dataclass
class MonthReport:
    month: str
    folder: Path
    failures: list[Failure] = field(default_factory=list)
    skipped: bool = False  # inputs unchanged: the existing report was kept

    @property
    def ok(self) -> bool:
        return not self.failures


def _index(data: MonthData, folder: Path, failures: list[Failure]) -> str:
    return brief.render(data, folder, [str(f) for f in failures], NOTEBOOKS)


def run_month(
    month: str,
    project: Project | None = None,
    *,
    cell_progress: bool | None = None,
    notebooks: tuple[str, ...] = NOTEBOOKS,
    pool: KernelPool | None = None,
    force: bool = False,
    settings: dict[str, object] | None = None,
) -> MonthReport:
    """Build outputs/<month>/ from scratch; the finished folder replaces the old one whole.
    The months of the year whose raw files changed are ingested first, once; the notebooks
    then only load. `settings` override province.toml's for every part of this run (the
    notebooks get them as parameters, the workbook and the notice use the same values).
    Progress is printed per notebook (and per cell in a terminal). Kernels come from `pool`
    (one is made for this month when none is given). A complete report whose inputs have not
    changed is kept as it is, unless `force`. Raises DataError when the month's data cannot be
    ingested."""
    project = project or Project.find()
    # dates as ISO text: notebooks get the settings as parameters, stored in their JSON
    settings = {k: v.isoformat() if isinstance(v, date) else v for k, v in (settings or {}).items()}
    cell_progress = sys.stdout.isatty() if cell_progress is None else cell_progress
    target = project.outputs / month
    notebooks = notebooks_for(month, notebooks)
    wait = project.settings.override(**settings).lock_wait
    with month_lock(project.processed, month, wait):
        ingest_stale(report_keys(month, project), project)  # fails fast on bad data
        data = open_month(month, project, **settings)
        stamp = inputs_stamp(data, notebooks)
        stamp_file = target / ".inputs"
        if not force and stamp_file.is_file() and stamp_file.read_text() == stamp:
            print(msg("report.unchanged", period=parse_period(month).label()), flush=True)
            return MonthReport(month, target, [], skipped=True)
        if pool is not None:
            return _build(data, settings, cell_progress, notebooks, pool, stamp)
        with new_pool(project, notebooks) as own:
            return _build(data, settings, cell_progress, notebooks, own, stamp)


def inputs_stamp(data: MonthData, notebooks: tuple[str, ...]) -> str:
    """A fingerprint of everything a month's report is made from: the raw files of the months
    it reads (their hashes, from the manifests), the notebooks, the reference files and this
    library's code. Same stamp, same report."""
    digest = hashlib.sha256()
    project = data.project
    for month in data.months:
        manifest = read_manifest(project.processed / month) or {}
        digest.update(json.dumps(manifest.get("files", []), sort_keys=True).encode())
    parts = [project.notebooks / f"{n}.ipynb" for n in notebooks]
    parts += sorted(project.reference.iterdir())
    parts += sorted(Path(__file__).parents[1].rglob("*.py")) + sorted(TEMPLATES.rglob("*.*"))
    for path in parts:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    digest.update(",".join(notebooks).encode())
    # default=str: the notice's dates (issue date, deadline) as ISO text
    digest.update(json.dumps(asdict(data.settings), sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _build(
    data: MonthData,
    settings: dict[str, object],
    cell_progress: bool,
    notebooks: tuple[str, ...],
    pool: KernelPool,
    stamp: str,
) -> MonthReport:
    month, project = data.month, data.project
    project.outputs.mkdir(parents=True, exist_ok=True)
    recover(project.outputs / month)
    tmp = new_folder(project.outputs, f".{month}.new-")
    try:
        (tmp / "notebooks").mkdir()
        params = {
            "period": month,
            "root": str(project.root),
            "output_dir": str(tmp),
            "settings": settings,
        }
        count = len(notebooks)

        def run(index: int, name: str) -> Failure | None:
            page = brief.page_title(data, name)
            line = msg("report.progress", month=month, index=index, count=count, title=page)
            _say(line)
            say = None
            if cell_progress:

                def say(index: int, total: int) -> None:
                    _say(f"{line}: {msg('report.cell', index=index, count=total)}")

            pool.check()  # a stopped run starts no notebook
            executed = tmp / "notebooks" / f"{name}.ipynb"
            error = pool.kernel().run(project.notebooks / f"{name}.ipynb", executed, params, say)
            if error is not None:
                return Failure(name, page, error.cell, error.error)
            # its page is written on the pages' thread: the kernel goes on to the next notebook
            html.append(pages.submit(_write_page, executed, tmp / f"{name}.html", page))
            return None

        # The notebooks are independent: run them side by side, one kernel per core; the
        # workbook, the notice and its PDF need only the data, so they are written meanwhile.
        html: list[Future[None]] = []  # each executed notebook's page, in the order they end
        with (
            ThreadPoolExecutor(1, thread_name_prefix="pages") as pages,
            ThreadPoolExecutor(1, thread_name_prefix="documents") as documents,
        ):
            futures = [pool.submit(run, i, name) for i, name in enumerate(notebooks, 1)]
            written = documents.submit(_documents, data, tmp, pool)
            try:
                results = [future.result() for future in futures]
                written.result()
                for page in html:
                    page.result()
            finally:  # nothing may still write into the folder once it is removed
                for future in futures:
                    future.cancel()
                wait(futures)
                wait([written, *html])
        pool.check()  # a stopped run puts nothing in place: the previous report stays
        failures = [f for f in results if f]
        for failure in failures:
            print(
                msg(
                    "report.notebook_failed",
                    notebook=failure.title,
                    cell=failure.cell,
                    error=for_terminal(failure.error),
                ),
                file=sys.stderr,
            )
        (tmp / "index.html").write_text(_index(data, tmp, failures), encoding="utf-8")
        if not failures:  # a report with a failed part is rebuilt next time
            (tmp / ".inputs").write_text(stamp)
        target = project.outputs / month
        pool.check()
        swap_in(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return MonthReport(month, target, failures)


def _write_page(executed: Path, target: Path, title: str) -> None:
    target.write_text(to_html(executed, title), encoding="utf-8")


def _documents(data: MonthData, folder: Path, pool: KernelPool) -> None:
    """The appendix workbook, the draft notice and, where LibreOffice is installed (and the
    `pdf` setting is on), both as one PDF; a conversion that fails is said (unless the run was
    stopped, which ends it) and the rest of the report kept (the index then says so too).
    LibreOffice, a process of its own, converts while the units' explanation files are
    written."""
    if data.period.kind != "month":  # the appendices and the notice are monthly
        return
    month = data.month
    workbook = folder / f"phu_luc_{month}.xlsx"
    appendix.write_workbook(data, workbook)
    docx = notice.write_docx(data, folder / f"thong_bao_{month}.docx")
    with ThreadPoolExecutor(1, thread_name_prefix="pdf") as converting:
        made = None
        # a stopped run keeps nothing: no LibreOffice for it; nor for a run without the PDF
        if data.settings.pdf and not pool.stopping.is_set():
            made = converting.submit(_pdf, docx, workbook, folder / f"thong_bao_{month}.pdf", pool)
        late_dossiers.write_unit_files(data, folder)  # giai_trinh/<unit>.xlsx, from the lists
        if made is not None:
            made.result()


def _pdf(docx: Path, workbook: Path, out: Path, pool: KernelPool) -> None:
    try:
        pdf.write_pdf(docx, workbook, out)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        if not pool.stopping.is_set():
            print(msg("doc.pdf_failed"), file=sys.stderr)


def _say(line: str) -> None:
    """One progress line in one write, so lines from parallel notebooks never run together."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
