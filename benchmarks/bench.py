"""Benchmarks of ingest, the monthly batch and its charts, as ratios within one run (machines
here are noisy: only ratios measured side by side mean anything).

    python benchmarks/bench.py [--repeat 3] [--only floor,month] [--naive] [--write FILE]

Each case runs in a fresh copy of the project (data/reference, notebooks, the sample's raw
files) in a temporary folder, in its own process; its peak memory is the largest sum of the
memory (PSS) of that process and everything it started (kernels, LibreOffice), sampled.
Nothing is written in the checkout unless --write names a file (`make bench WRITE=1`).

The report is anchored to its floor: one kernel started and the notebooks' imports run, nothing
else. Each section below is one function (`bench_*`), so a new one is one function and a line
in SECTIONS.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
import bench_dossiers  # noqa: E402

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CLI = [sys.executable, "-m", "chiso766"]


def project_copy(months: list[str]) -> Path:
    root = Path(tempfile.mkdtemp(prefix="chiso766-bench-"))
    for part in (("data", "reference"), ("notebooks",)):
        shutil.copytree(REPO.joinpath(*part), root.joinpath(*part))
    for month in months:
        shutil.copytree(REPO / "data" / "raw" / month, root / "data" / "raw" / month)
    return root


# --- cases, each run in a child process (python bench.py --case NAME ROOT) ---------------------


def case_ingest(root: Path, month: str) -> None:
    from chiso766.config import Project
    from chiso766.ingest.pipeline import read_month

    read_month(month, Project(root))


def case_read(root: Path, month: str) -> None:
    """Only the reading step of ingest (calamine, lxml, csv, json into cell grids), on the same
    files as the naive baseline: the like-for-like half of the comparison."""
    from chiso766.ingest.readers import read_sheets

    for path in sorted((root / "data" / "raw" / month).iterdir()):
        read_sheets(path)


def case_naive_ingest(root: Path, month: str) -> None:
    """What a first script does: pandas' defaults (openpyxl, read_html), no cleaning at all."""
    import pandas as pd

    warnings.filterwarnings("ignore")
    for path in sorted((root / "data" / "raw" / month).iterdir()):
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
        elif suffix == ".xls":
            pd.read_html(path, encoding="utf-8")
        elif suffix == ".csv":
            pd.read_csv(path, header=None)
        elif suffix == ".json":
            pd.json_normalize(json.loads(path.read_text(encoding="utf-8"))["data"])


def case_report(root: Path, *ranges: str) -> None:
    """`chiso766 report --from A --to B --force`, once per (A, B) pair, one after the other."""
    for first, last in zip(ranges[::2], ranges[1::2], strict=True):
        run([*CLI, "--root", str(root), "report", "--from", first, "--to", last, "--force"])


def case_floor(root: Path):
    """The floor of a report: start one kernel, connect to it and run the notebooks' imports
    (every `import` line of their code cells), nothing else. Its shutdown is not timed."""
    from chiso766.report.kernels import Kernel, notebook_imports

    kernel = Kernel(root / "notebooks", timeout=600)
    error = kernel.warm(notebook_imports(sorted((root / "notebooks").glob("*.ipynb"))))
    assert error is None, error
    return kernel.shutdown


def prepare_month(root: Path, month: str) -> None:
    """The months before `month` of its year are ingested already, as they are when a new
    month's files arrive; the timed run ingests the new month and builds its report."""
    run([*CLI, "--root", str(root), "ingest", "--from", f"{month[:4]}-01", "--to", prev(month)])


def prepare_ingested(root: Path, month: str) -> None:
    """The month and the months before it of its year ingested: what its charts read."""
    run([*CLI, "--root", str(root), "ingest", "--from", f"{month[:4]}-01", "--to", month])


def prev(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def case_month(root: Path, month: str) -> None:
    run([*CLI, "--root", str(root), "report", "--month", month])


def case_naive_report(root: Path, month: str) -> None:
    """papermill's CLI, then nbconvert's CLI, one notebook after the other."""
    from chiso766.report.batch import NOTEBOOKS

    first = f"{month[:4]}-01"  # the notebooks read the year so far: ingest it first
    run(
        [
            sys.executable,
            "-m",
            "chiso766",
            "--root",
            str(root),
            "ingest",
            "--from",
            first,
            "--to",
            month,
        ]
    )
    out = root / "outputs" / month
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    bindir = Path(sys.executable).parent
    for name in NOTEBOOKS:
        executed = out / "notebooks" / f"{name}.ipynb"
        run(
            [
                str(bindir / "papermill"),
                str(root / "notebooks" / f"{name}.ipynb"),
                str(executed),
                "-r",
                "month",
                month,
                "-r",
                "root",
                str(root),
                "-r",
                "output_dir",
                str(out),
                "--cwd",
                str(root / "notebooks"),
                "--no-progress-bar",
            ]
        )
        run(
            [
                str(bindir / "jupyter"),
                "nbconvert",
                "--to",
                "html",
                "--no-input",
                str(executed),
                "--output-dir",
                str(out),
            ]
        )


def case_scaled_ingest(root: Path, factor: int) -> None:
    """Ingest of a month whose province has `factor` times the communes (generated before the
    clock starts, by `scale_project`)."""
    from chiso766.config import Project
    from chiso766.ingest.pipeline import read_month

    read_month("2024-06", Project(root))


def prepare_national_units(root: Path) -> None:
    """A national unit-level file: the 34 provinces with all their units (most unknown to a
    province's registry, so each is reported with its nearest names)."""

    folder = root / "data" / "raw" / "2026-10"
    units = next(folder.glob("diem_don_vi_*"))
    doc = json.loads(units.read_text(encoding="utf-8"))
    rows = list(doc["data"])
    for p in range(1, 34):
        for r in doc["data"]:
            copy = dict(r)
            copy["TEN"] = copy["TEN_COQUAN"] = f"{r['TEN']} {p}"
            copy["MA_COQUAN"] = f"{r['MA_COQUAN']}.{p}"
            rows.append(copy)
    doc["data"] = rows
    units.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def case_read_national_units(root: Path) -> None:
    """Time to read the file and report every unit the registry does not know (whether the
    month then passes is not the point here)."""
    from chiso766 import DataError
    from chiso766.config import Project
    from chiso766.ingest.pipeline import read_month

    with contextlib.suppress(DataError):
        read_month("2026-10", Project(root))


def scale_project(root: Path, factor: int) -> None:
    """Clone every commune `factor - 1` times in the registry and in June's exports."""
    import pandas as pd

    from chiso766.config import Project
    from chiso766.sample import exports as ex
    from chiso766.sample import figures

    units_csv = root / "data" / "reference" / "units.csv"
    units = pd.read_csv(units_csv, dtype=str, keep_default_na=False)
    communes = units[units["level"] == "commune"]
    clones = [
        communes.assign(
            unit_id=communes["unit_id"] + f"-{k}",
            code=communes["code"] + f".{k}",
            name=communes["name"] + f" {k}",
            short_name=communes["short_name"] + f" {k}",
        )
        for k in range(2, factor + 1)
    ]
    pd.concat([units, *clones]).to_csv(units_csv, index=False)
    project = Project(root)
    frame = project.units.frame.reset_index(drop=True)
    frame = frame[frame["province_id"] == "P63-H10"]
    folder = root / "data" / "raw" / "2024-06"
    scores = figures.unit_scores("2024-06", frame).merge(frame, on="unit_id")
    rows = [
        {
            "TEN": r.name,
            "TEN_COQUAN": r.name,
            "MA_COQUAN": r.code,
            **{c: ex.points(getattr(r, c)) for c in figures.GROUP_CODES},
            "TONG_SCORE": ex.points(r.total),
        }
        for r in scores.itertuples()
    ]
    next(folder.glob("api_donvi*")).write_bytes(
        ex.portal_json(rows, date(2024, 6, 1), date(2024, 6, 30))
    )


def notebook_charts(data) -> dict[str, tuple[str, Callable[[], Figure]]]:
    """The charts the notebooks draw for a month, as they call them, by the name they are saved
    under: (the chart function, a call that builds the figure). Their inputs (the analysis) are
    computed here, outside the timed call; the draws case checks the notebooks draw these."""
    from chiso766 import analysis as an
    from chiso766.report import charts

    province = {
        "01_xu_huong_diem_thu_hang": (charts.trend, an.province_trend(data)),
        "01_nhom_chi_so": (charts.groups, an.group_table(data)),
        "01_nhom_chi_so_theo_thang": (charts.heatmap, an.group_shares_by_month(data)),
        "01_thu_hang_theo_nhom": (charts.group_ranks, an.group_ranks_by_month(data)),
        "01_xep_hang_ca_nuoc": (charts.national, an.national_ranking(data)),
    }
    found = {name: (fn, (data, frame)) for name, (fn, frame) in province.items()}
    for prefix, level, totals, trend, losses in (
        ("02", "department", "diem_so_nganh", "xu_huong_so_nganh", "diem_mat_theo_nhom"),
        ("03", "district", "diem_cap_huyen", "xu_huong_cap_huyen", None),
        ("03", "commune", "diem_cap_xa", None, "diem_mat_cap_xa"),
    ):
        table = an.unit_table(data, level)
        if table.empty:
            continue
        found[f"{prefix}_{totals}"] = (charts.unit_totals, (data, table, level))
        if trend:
            found[f"{prefix}_{trend}"] = (
                charts.unit_trend,
                (data, an.unit_trend(data, level), level),
            )
        if losses:
            found[f"{prefix}_{losses}"] = (
                charts.group_losses,
                (data, an.group_losses(data, level), level),
            )
    if data.has_dossiers:
        lists = an.late_lists(data)
        found["04_don_vi_tre_han"] = (
            charts.late_units,
            (data, lists, data.settings.late_threshold),
        )
    if not data.dossiers.empty:
        found["04_tre_han_theo_thang"] = (charts.late_by_month, (data, an.late_by_month(data)))
    lost = an.province_indicators(data)
    if not lost.empty:
        found["06_diem_mat_theo_chi_tieu"] = (charts.indicator_losses, (data, lost))
    return {name: (fn.__name__, functools.partial(fn, *args)) for name, (fn, args) in found.items()}


def commune_charts(data) -> dict[str, Callable[[], Figure]]:
    """The commune-level charts on the full table (110 communes in 06/2024) and on the same
    table cut to its first 20 units in official order."""
    from chiso766 import analysis as an
    from chiso766.report import charts

    table, trend = an.unit_table(data, "commune"), an.unit_trend(data, "commune")
    assert len(table) > 100, len(table)
    return {
        "commune_unit_totals_all": functools.partial(charts.unit_totals, data, table, "commune"),
        "commune_unit_totals_20": functools.partial(
            charts.unit_totals, data, table.head(20), "commune"
        ),
        "commune_unit_trend_all": functools.partial(charts.unit_trend, data, trend, "commune"),
        "commune_unit_trend_20": functools.partial(
            charts.unit_trend, data, trend.iloc[:, :20], "commune"
        ),
    }


def case_charts(root: Path, repeat: int) -> None:
    """Each chart as a notebook pays for it (build, then `Context.show`: save the PNG, display
    it from the file, close), in this process on the month's stored data: one round first (a
    kernel draws many charts: fonts and caches are loaded once), then `repeat` rounds. Prints as
    JSON each chart's median CPU seconds (this thread's: charts are drawn on one thread, and CPU
    time is what a crowded machine does not inflate), the charts' wall-clock sum and the first
    round's CPU."""
    import matplotlib

    matplotlib.use("Agg")
    from chiso766.config import Project
    from chiso766.report.notebook import Context
    from chiso766.store.loader import open_month

    data = open_month("2024-06", Project(root))
    ctx = Context(data, root / "outputs" / "2024-06" / "figures")
    listed = notebook_charts(data)
    shown = {name: build for name, (_, build) in listed.items()}
    builds = shown | commune_charts(data)
    cpu: dict[str, list[float]] = {name: [] for name in builds}
    wall: dict[str, list[float]] = {name: [] for name in builds}
    with contextlib.redirect_stdout(io.StringIO()):  # display() outside IPython prints
        for _ in range(repeat + 1):
            for name, build in builds.items():
                start, used = time.perf_counter(), time.thread_time()
                ctx.show(build(), name)
                cpu[name].append(time.thread_time() - used)
                wall[name].append(time.perf_counter() - start)
    found = {
        "cpu": {name: statistics.median(t[1:]) for name, t in cpu.items()},
        "wall": sum(statistics.median(wall[name][1:]) for name in shown),
        "first": sum(cpu[name][0] for name in shown),
        "functions": {name: function for name, (function, _) in listed.items()},
    }
    print(json.dumps(found))


def count_draws() -> None:
    """In a kernel, before the notebooks: count `Figure.draw` calls per figure, those that
    render (pixels) apart from layout passes (matplotlib's `_draw_disabled` renderer, which
    shadows the renderer's draw methods: what a layout engine runs before a figure is saved),
    and remember the figure each `Context.show` call gets by its name (`draws()` reads them)."""
    from matplotlib.figure import Figure

    from chiso766.report.notebook import Context

    draw, show = Figure.draw, Context.show

    @functools.wraps(draw)
    def counted(fig, renderer):
        key = (id(fig), "draw_path" in vars(renderer))  # (figure, layout only)
        _COUNTS[key] = _COUNTS.get(key, 0) + 1
        return draw(fig, renderer)

    def named(ctx, fig, name):
        if fig is not None:
            _SHOWN[name] = fig  # kept: no other figure can take its id
        return show(ctx, fig, name)

    Figure.draw, Context.show = counted, named


_COUNTS: dict[tuple[int, bool], int] = {}  # (figure's id, layout only): draws
_SHOWN: dict[str, Figure] = {}


def draws() -> dict[str, tuple[int, int]]:
    """Each shown chart's rendering draws and layout passes."""
    return {
        name: (_COUNTS.get((id(fig), False), 0), _COUNTS.get((id(fig), True), 0))
        for name, fig in _SHOWN.items()
    }


def case_chart_draws(root: Path) -> None:
    """The six notebooks run as the batch runs them (one kernel, papermill's parameters,
    matplotlib's inline backend), `Figure.draw` counted per chart shown; prints them as JSON."""
    from chiso766.report.batch import NOTEBOOKS
    from chiso766.report.kernels import Kernel

    out = root / "outputs" / "2024-06"
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    kernel = Kernel(root / "notebooks", timeout=600)
    here = str(Path(__file__).parent)
    try:
        error = kernel.warm(
            f"import sys; sys.path.insert(0, {here!r}); import bench; bench.count_draws()"
        )
        assert error is None, error
        params = {"month": "2024-06", "root": str(root), "output_dir": str(out), "settings": {}}
        for name in NOTEBOOKS:
            error = kernel.run(
                root / "notebooks" / f"{name}.ipynb", out / "notebooks" / f"{name}.ipynb", params
            )
            assert error is None, (name, error)
        found = out / "draws.json"
        write = f"pathlib.Path({str(found)!r}).write_text(json.dumps(bench.draws()))"
        error = kernel.warm(f"import bench, json, pathlib; {write}")
        assert error is None, error
        print(found.read_text())
    finally:
        kernel.shutdown()


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


CASES = {
    "ingest": case_ingest,
    "naive_ingest": case_naive_ingest,
    "read": case_read,
    "floor": case_floor,
    "month": case_month,
    "report": case_report,
    "naive_report": case_naive_report,
    "scaled_ingest": case_scaled_ingest,
    "national_units": case_read_national_units,
    "charts": case_charts,
    "chart_draws": case_chart_draws,
    **bench_dossiers.CASES,  # the dossier-level cases (issue 19)
}
# what a case needs before the clock starts
PREPARE = {
    "month": prepare_month,
    "scaled_ingest": lambda root, factor: scale_project(root, factor) if factor > 1 else None,
    "national_units": prepare_national_units,
    "charts": lambda root, repeat: prepare_ingested(root, "2024-06"),
    "chart_draws": lambda root: prepare_ingested(root, "2024-06"),
}


def _warm_imports(case: str) -> None:
    """Ingest cases are timed without imports (the batch cases include them: a run does)."""
    if case in ("ingest", "read", "scaled_ingest", "national_units"):
        import lxml.html  # noqa: F401
        import python_calamine  # noqa: F401

        import chiso766.ingest  # noqa: F401
    elif case.startswith("dossier_"):  # DuckDB and the records' SQL: not what is measured
        import duckdb  # noqa: F401

        import chiso766.ingest.columnar  # noqa: F401  (pyarrow's CSV reader)
        import chiso766.ingest.files  # noqa: F401
        import chiso766.store.dossier_dataset  # noqa: F401
    elif case == "naive_ingest":
        import lxml.html  # noqa: F401
        import openpyxl  # noqa: F401
        import pandas  # noqa: F401


class TreeMemory:
    """The largest total memory of this process and all its descendants, sampled every 50 ms on
    a thread (kernels and LibreOffice are children, not this process). Each process counts its
    proportional set size (PSS: pages shared between processes, such as the libraries every
    kernel maps, split among them), so the total is what the tree really holds; resident size
    where PSS cannot be read."""

    def __init__(self) -> None:
        import psutil

        self._me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self._me, *self._me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += _memory(proc)
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _memory(proc) -> int:
    import psutil

    try:
        return proc.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):  # no PSS on this OS, or not readable
        return proc.memory_info().rss


# --- the driver --------------------------------------------------------------------------------


def measure(name: str, args: list[str], months: list[str], repeat: int) -> tuple[float, float]:
    """Median seconds and peak memory (MiB, the case's process tree at its largest)."""
    times, peaks = [], []
    for _ in range(repeat):
        root = project_copy(months)
        child = subprocess.run(
            [sys.executable, __file__, "--case", name, str(root), *args],
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed, peak = child.stdout.strip().splitlines()[-1].split()
        times.append(float(elapsed))
        peaks.append(float(peak))
        shutil.rmtree(root, ignore_errors=True)
    return statistics.median(times), max(peaks)


def measure_json(name: str, args: list[str], months: list[str]) -> tuple[dict, float]:
    """What a case prints as JSON (its own measurements, one run) and its peak memory."""
    root = project_copy(months)
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--case", name, str(root), *args],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    *_, found, last = child.stdout.strip().splitlines()
    return json.loads(found), float(last.split()[1])


def run_case(name: str, root: Path, rest: list[str]) -> None:
    """In the child: prepare, then time the case alone and print seconds and peak MiB."""
    values = [int(r) if r.isdigit() else r for r in rest]
    prepare = PREPARE.get(name)
    if prepare:
        prepare(root, *values)
    _warm_imports(name)
    with TreeMemory() as memory:
        start = time.perf_counter()
        after = CASES[name](root, *values)
        elapsed = time.perf_counter() - start
    if callable(after):
        after()
    print(elapsed, memory.peak / 2**20)


# --- the sections: each adds its rows; a new one is a function here and a line in SECTIONS ----

JUNE = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
BACKFILL = [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]
LIMITS = {"month": 600.0}  # MiB: a month's report, whole process tree


def bench_ingest(table: Table) -> None:
    r = table.repeat
    naive = measure("naive_ingest", ["2024-06"], ["2024-06"], r)
    read = measure("read", ["2024-06"], ["2024-06"], r)
    ours = measure("ingest", ["2024-06"], ["2024-06"], r)
    table.add("ingest 06/2024, naive (openpyxl, read_html, no cleaning)", *naive)
    table.add("reading 06/2024, chiso766 (calamine, lxml)", *read, naive[0] / read[0], ">= 5x")
    table.add("ingest 06/2024, chiso766 (read, clean, match, validate)", *ours, naive[0] / ours[0])


def bench_month(table: Table) -> None:
    """The anchor: a month's report against its floor, measured side by side."""
    r = table.repeat
    floor = measure("floor", [], [], r)
    month = measure("month", ["2024-06"], JUNE, r)
    table.add("floor: one kernel started, the notebooks' imports run", *floor)
    table.add(
        "monthly report 06/2024 (June's files new, January-May ingested)",
        *month,
        month[0] / floor[0],
        "<= 2x floor",
    )
    limit = LIMITS["month"]
    table.add(
        "peak memory of that report, process tree (kernels, LibreOffice)",
        None,
        month[1],
        month[1] / limit,
        f"<= {limit:.0f} MiB",
    )
    if table.naive:
        naive = measure("naive_report", ["2024-06"], JUNE, max(1, r - 1))
        table.add("monthly batch 06/2024, naive (papermill CLI + nbconvert CLI)", *naive)
        table.add("the same batch, chiso766 report (fresh project)", *month, month[0] / naive[0])


def bench_scaling(table: Table) -> None:
    r = table.repeat
    one = measure("scaled_ingest", ["1"], ["2024-06"], r)
    ten = measure("scaled_ingest", ["10"], ["2024-06"], r)
    table.add("ingest, the province as it is (110 communes)", *one)
    table.add("ingest, 10x the communes (1,100)", *ten, ten[0] / one[0], "<= 3x")
    national = measure("national_units", [], ["2026-10"], r)
    table.add("ingest, a national unit-level file (34 provinces x 110 units)", *national)


def bench_backfill(table: Table) -> None:
    """From nothing ingested: one month, twelve, and a year of both structures of the sample
    (Bình Phước's three levels in 2024, Đồng Nai's two after the merger: one run each)."""
    r = table.repeat
    b1 = measure("report", ["2026-10", "2026-10"], BACKFILL[-1:], r)
    b12 = measure("report", [BACKFILL[0], "2026-10"], BACKFILL, max(1, r - 1))
    both = measure("report", ["2024-01", "2024-06", "2026-05", "2026-10"], JUNE + BACKFILL[6:], 1)
    table.add("backfill 1 month (10/2026)", *b1)
    table.add("backfill 12 months (11/2025-10/2026)", *b12, b12[0] / b1[0], "<= 3x")
    table.add(
        "a year, both structures (01-06/2024, then 05-10/2026)", *both, both[0] / 60, "<= 60 s"
    )


def bench_charts(table: Table) -> None:
    """Issue 20's chart targets on 06/2024: what each chart the notebooks draw costs (built and
    shown as a notebook shows it; CPU seconds of the drawing thread), a commune chart of all 110
    communes against the same chart of 20, and how many times each chart is rendered when the
    notebooks run in a kernel as the batch runs them."""
    found, peak = measure_json("charts", [str(table.repeat)], JUNE)
    cpu = found["cpu"]
    communes = {k: cpu.pop(k) for k in list(cpu) if k.startswith("commune_")}
    for name, seconds in cpu.items():
        table.add(f"chart {name} ({found['functions'][name]}), CPU", seconds, None)
    total = sum(cpu.values())
    table.add(f"the {len(cpu)} charts, CPU (wall-clock {found['wall']:.2f} s)", total, peak)
    table.add("the same charts the first time in a process, CPU", found["first"], None)
    for chart, shown in (("unit_totals", "drawn by 03"), ("unit_trend", "not drawn")):
        few, every = communes[f"commune_{chart}_20"], communes[f"commune_{chart}_all"]
        table.add(f"commune {chart} ({shown}), first 20 units, CPU", few, None)
        table.add(
            f"commune {chart} ({shown}), all 110 units, CPU", every, None, every / few, "<= 3x"
        )
    draws, _ = measure_json("chart_draws", [], JUNE)
    assert set(draws) == set(cpu), (sorted(draws), sorted(cpu))  # the same charts
    rendered = [r for r, _ in draws.values()]
    passes = [p for _, p in draws.values()]  # layout only: the tight layout, seaborn's heatmap
    label = f"renders per chart, {len(draws)} charts in a kernel (+{min(passes)}-{max(passes)} "
    label += "layout passes)"
    table.add(label, None, None, max(rendered), f"1 draw, fewest {min(rendered)}")


def bench_dossier_records(table: Table) -> None:
    """Dossier-level records (issue 19): benchmarks/bench_dossiers.py, at the scale given by
    --dossier-rows and --national-rows, extrapolated to 2 million and 10^8 rows."""
    options = table.options
    bench_dossiers.run(
        measure, table.add, table.repeat, options.dossier_rows, options.national_rows
    )


SECTIONS = {
    "ingest": bench_ingest,
    "month": bench_month,
    "scaling": bench_scaling,
    "backfill": bench_backfill,
    "charts": bench_charts,
    "dossiers": bench_dossier_records,
}


class Table:
    """The rows of one run, printed as they come."""

    def __init__(self, repeat: int, naive: bool, options: argparse.Namespace) -> None:
        self.repeat = repeat
        self.naive = naive
        self.options = options
        self.rows: list[tuple] = []

    def add(self, label, seconds, peak, ratio=None, target=None) -> None:
        self.rows.append((label, seconds, peak, ratio, target))
        took = "" if seconds is None else f"{seconds:7.2f} s"
        held = "" if peak is None else f"{peak:6.0f} MiB"
        tail = f"  ratio {ratio:.2f}" if ratio is not None else ""
        tail += f" (target {target})" if target else ""
        print(f"{label:<66} {took:>9}  {held:>10}{tail}", flush=True)

    def markdown(self) -> str:
        lines = [
            f"| {label} | {'' if seconds is None else f'{seconds:.2f} s'} | "
            f"{'' if peak is None else f'{peak:.0f} MiB'} | "
            f"{'' if ratio is None else f'{ratio:.2f}'} | {target or ''} |"
            for label, seconds, peak, ratio, target in self.rows
        ]
        head = ["| case | median | peak memory | ratio | target |", "|---|---|---|---|---|"]
        return "\n".join([*head, *lines])


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} GiB, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _count(text: str) -> int:
    return int(float(text))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="comma-separated sections: " + ",".join(SECTIONS))
    parser.add_argument("--naive", action="store_true", help="also the papermill+nbconvert chain")
    parser.add_argument("--write", type=Path, help="rewrite the table in this Markdown file")
    # dossier records at a scale (of 2 M and 10^8: see bench_dossiers), 1e8 written as such
    parser.add_argument("--dossier-rows", type=_count, default=240_000)
    parser.add_argument("--national-rows", type=_count, default=12_000_000)
    args = parser.parse_args()
    if args.case:
        root, *rest = args.rest
        run_case(args.case, Path(root), rest)
        return 0
    print(f"{date.today():%Y-%m-%d}, {machine()}; medians of {args.repeat} runs", flush=True)
    table = Table(args.repeat, args.naive, args)
    for name in args.only.split(",") if args.only else SECTIONS:
        SECTIONS[name](table)
    if args.write:
        write_report(args.write, table)
    return 0


def write_report(path: Path, table: Table) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    when = f"Measured {date.today():%Y-%m-%d} on {machine()}; medians of {table.repeat} runs."
    block = f"{start}\n{when}\n\n{table.markdown()}\n{end}"
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text += "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
