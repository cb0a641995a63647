"""Where a month's report spends its time, with pyinstrument (a sampling profiler, in the dev
extra): the six notebooks' cells run in this process one after the other (a kernel's share of
the work, imports excluded: they are the floor), then the workbook and the notice.

    python benchmarks/profile_month.py [--month 2024-06] [--out build/profile] [--charts 3]

Works in a temporary copy of the project (the sample's raw files of the month's year); writes
one text profile per part into --out and prints each part's seconds. Seconds here are one
process on a shared machine: read the shares, not the totals. `--charts N` profiles the charts
alone instead (bench.py's `notebook_charts`: each chart the notebooks draw, built and saved),
N rounds after one unprofiled round, into charts.txt.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]


def copy_project(month: str) -> Path:
    root = Path(tempfile.mkdtemp(prefix="chiso766-profile-"))
    for part in (("data", "reference"), ("notebooks",)):
        shutil.copytree(REPO.joinpath(*part), root.joinpath(*part))
    for folder in sorted((REPO / "data" / "raw").iterdir()):
        if folder.name[:4] == month[:4] and folder.name[:7] <= month:
            shutil.copytree(folder, root / "data" / "raw" / folder.name)
    return root


def run_notebook(path: Path, params: dict) -> None:
    """The notebook's code cells in one namespace, the run's parameters after its defaults."""
    namespace: dict = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        exec(compile(cell.source, path.name, "exec"), namespace)
        if "parameters" in cell.metadata.get("tags", []):
            namespace.update(params)


def profile_charts(data, folder: Path, rounds: int):
    """The month's charts, built and saved `rounds` times under the profiler (one round first
    outside it: fonts and caches load once per kernel). Returns the profiler."""
    import matplotlib.pyplot as plt
    from bench import notebook_charts
    from pyinstrument import Profiler

    from chiso766.report import charts

    builds = [build for _, build in notebook_charts(data).values()]
    profiler = Profiler(interval=0.002)
    for number in range(rounds + 1):
        with profiler if number else contextlib.nullcontext():
            for index, build in enumerate(builds):
                fig = build()
                charts.save(fig, folder, f"chart_{index}")
                plt.close(fig)
    return profiler


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month", default="2024-06")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "profile")
    parser.add_argument("--charts", type=int, help="profile the charts alone, this many rounds")
    args = parser.parse_args()
    import matplotlib

    matplotlib.use("Agg")
    from pyinstrument import Profiler

    from chiso766.config import Project
    from chiso766.ingest.pipeline import ingest_stale
    from chiso766.reference.periods import year_so_far
    from chiso766.report import appendix, notice
    from chiso766.report.batch import NOTEBOOKS
    from chiso766.report.kernels import notebook_imports
    from chiso766.store.loader import open_month

    root = copy_project(args.month)
    try:
        project = Project(root)
        ingest_stale(year_so_far(args.month), project)
        out = root / "outputs" / args.month
        (out / "figures").mkdir(parents=True)
        sources = [project.notebooks / f"{name}.ipynb" for name in NOTEBOOKS]
        exec(notebook_imports(sources), {})  # the floor's share, not profiled
        params = {"month": args.month, "root": str(root), "output_dir": str(out), "settings": {}}
        data = open_month(args.month, project)
        args.out.mkdir(parents=True, exist_ok=True)
        if args.charts:
            start = time.perf_counter()
            profiler = profile_charts(data, out / "figures", args.charts)
            print(f"charts x{args.charts:<9} {time.perf_counter() - start:7.2f} s")
            text = profiler.output_text(unicode=False, color=False)
            (args.out / "charts.txt").write_text(text, encoding="utf-8")
            return 0
        pairs = zip(NOTEBOOKS, sources, strict=True)
        parts = {name: (run_notebook, path, params) for name, path in pairs}
        parts["workbook"] = (appendix.write_workbook, data, out / "phu_luc.xlsx")
        parts["notice"] = (notice.write_docx, data, out / "thong_bao.docx")
        for name, (fn, *fn_args) in parts.items():
            profiler = Profiler(interval=0.002)
            start = time.perf_counter()
            with profiler:
                fn(*fn_args)
            print(f"{name:<16} {time.perf_counter() - start:7.2f} s")
            text = profiler.output_text(unicode=False, color=False)
            (args.out / f"{name}.txt").write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
