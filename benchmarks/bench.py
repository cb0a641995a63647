"""Benchmarks of ingest and the monthly batch, as ratios within one run (machines here are
noisy: only ratios measured side by side mean anything).

    python benchmarks/bench.py [--repeat 3] [--skip-backfill] [--write docs/performance.md]

Each case runs in a fresh copy of the project (data/reference, notebooks, the sample's raw
files) in a temporary folder, in its own process, so its peak memory can be read.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
import bench_dossiers  # noqa: E402


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


def case_report(root: Path, first: str, last: str) -> None:
    run(
        [
            sys.executable,
            "-m",
            "chiso766",
            "--root",
            str(root),
            "report",
            "--from",
            first,
            "--to",
            last,
            "--force",
        ]
    )


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


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


CASES = {
    "ingest": case_ingest,
    "naive_ingest": case_naive_ingest,
    "read": case_read,
    "report": case_report,
    "naive_report": case_naive_report,
    "scaled_ingest": case_scaled_ingest,
    "national_units": case_read_national_units,
    **bench_dossiers.CASES,  # the dossier-level cases (issue 19)
}
# what a case needs before the clock starts
PREPARE = {
    "scaled_ingest": lambda root, factor: scale_project(root, factor) if factor > 1 else None,
    "national_units": prepare_national_units,
}


def _warm_imports(case: str) -> None:
    """Ingest cases are timed without imports (the batch cases include them: a run does)."""
    if case in ("ingest", "read", "scaled_ingest", "national_units"):
        import lxml.html  # noqa: F401
        import python_calamine  # noqa: F401

        import chiso766.ingest  # noqa: F401
    elif case.startswith("dossier_"):  # DuckDB and the records' SQL: not what is measured
        import duckdb  # noqa: F401

        import chiso766.ingest.kinds  # noqa: F401
        import chiso766.store.dossier_dataset  # noqa: F401
    elif case == "naive_ingest":
        import lxml.html  # noqa: F401
        import openpyxl  # noqa: F401
        import pandas  # noqa: F401


# --- the driver --------------------------------------------------------------------------------


def measure(name: str, args: list[str], months: list[str], repeat: int) -> tuple[float, float]:
    """Median seconds and peak memory (MiB, the case's process and everything it started)."""
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case")
    parser.add_argument("rest", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-backfill", action="store_true")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--dossier-rows", type=int, default=240_000)  # of 2 M: see bench_dossiers
    parser.add_argument("--national-rows", type=int, default=12_000_000)  # of 10^8
    parser.add_argument("--only-dossiers", action="store_true")
    args = parser.parse_args()
    if args.case:
        root, *rest = args.rest
        case = CASES[args.case]
        prepare = PREPARE.get(args.case)
        values = [int(r) if r.isdigit() else r for r in rest]
        if prepare:
            prepare(Path(root), *values)
        _warm_imports(args.case)
        start = time.perf_counter()
        case(Path(root), *values)
        elapsed = time.perf_counter() - start
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(elapsed, max(children, own) / 1024)
        return 0

    r = args.repeat
    rows = []

    def add(label, seconds, peak, ratio=None, target=None):
        rows.append((label, seconds, peak, ratio, target))
        tail = f"  ratio {ratio:.2f}" if ratio is not None else ""
        tail += f" (target {target})" if target else ""
        print(f"{label:<58} {seconds:7.2f} s  {peak:6.0f} MiB{tail}", flush=True)

    if args.only_dossiers:  # printed only: the table in docs/performance.md is the full run's
        bench_dossiers.run(measure, add, r, args.dossier_rows, args.national_rows)
        return 0
    june = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
    naive_i = measure("naive_ingest", ["2024-06"], ["2024-06"], r)
    read_i = measure("read", ["2024-06"], ["2024-06"], r)
    ours_i = measure("ingest", ["2024-06"], ["2024-06"], r)
    add("ingest 06/2024, naive (openpyxl, read_html, no cleaning)", *naive_i)
    add("reading 06/2024, chiso766 (calamine, lxml)", *read_i, naive_i[0] / read_i[0], ">= 5x")
    add("ingest 06/2024, chiso766 (read, clean, match, validate)", *ours_i, naive_i[0] / ours_i[0])
    naive_b = measure("naive_report", ["2024-06"], june, max(1, r - 1))
    ours_b = measure("report", ["2024-06", "2024-06"], june, max(1, r - 1))
    add("monthly batch 06/2024, naive (papermill CLI + nbconvert CLI)", *naive_b)
    add("monthly batch 06/2024, chiso766 report", *ours_b, ours_b[0] / naive_b[0], "<= 0.5x")
    one = measure("scaled_ingest", ["1"], ["2024-06"], r)
    ten = measure("scaled_ingest", ["10"], ["2024-06"], r)
    add("ingest, the province as it is (110 communes)", *one)
    add("ingest, 10x the communes (1,100)", *ten, ten[0] / one[0], "<= 3x")
    national = measure("national_units", [], ["2026-10"], r)
    add("ingest, a national unit-level file (34 provinces x 110 units)", *national)
    if not args.skip_backfill:
        months = [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]
        b1 = measure("report", ["2026-10", "2026-10"], months[-1:], r)
        b6 = measure("report", [months[6], "2026-10"], months[6:], 1)
        b12 = measure("report", [months[0], "2026-10"], months, max(1, r - 1))
        add("backfill 1 month (10/2026)", *b1)
        add("backfill 6 months (05-10/2026)", *b6, b6[0] / b1[0], "-")
        add("backfill 12 months (11/2025-10/2026)", *b12, b12[0] / b1[0], "<= 6x")
    bench_dossiers.run(measure, add, r, args.dossier_rows, args.national_rows)
    if args.write:
        write_report(args.write, rows)
    return 0


def write_report(path: Path, rows) -> None:
    lines = [
        f"| {label} | {seconds:.2f} s | {peak:.0f} MiB | "
        f"{'' if ratio is None else f'{ratio:.2f}'} | {target or ''} |"
        for label, seconds, peak, ratio, target in rows
    ]
    table = "\n".join(
        ["| case | median | peak memory | ratio | target |", "|---|---|---|---|---|", *lines]
    )
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = f"{start}\nMeasured {date.today():%Y-%m-%d} on {machine()}.\n\n{table}\n{end}"
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text += "\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
