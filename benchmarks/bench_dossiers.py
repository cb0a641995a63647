"""The dossier-level cases of `make bench` (issue 19), kept apart from bench.py's other cases.

Data comes from `make sample-large` (build/large/province: a province-year of iGate-style CSV
lists, written once more as .xlsx beside it for the Excel cases; build/large/national: a
national year as the partitioned Parquet dataset). When it is missing, or smaller than asked,
a copy of the size asked is generated into build/large-bench/ first (timed apart), and figures
below the full sizes are extrapolated linearly to them (stated in the table). The full
national year, measured rather than extrapolated:

    make bench SECTIONS=dossiers NATIONAL_ROWS=1e8    # writes 10^8 records once (~1.5 GB)
    python benchmarks/bench.py --only dossiers [--dossier-rows 2e6] [--national-rows 1e8]
"""

from __future__ import annotations

import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FULL_PROVINCE, FULL_NATIONAL = 2_000_000, 100_000_000
MEMORY_LIMIT, THREADS = "3GB", 2


def case_dossier_ingest(root: Path, data: str, pattern: str = "*/*.csv") -> None:
    """Our reading of the province's lists: every file through the export-kind registry (read,
    NFC and legacy cleaning, table location, the dossier-list kind's parse), READ_THREADS files
    at a time as the month's ingest reads them."""
    from chiso766.config import Project
    from chiso766.ingest.files import read_files
    from chiso766.ingest.kinds import Context
    from chiso766.reference.periods import parse_month

    project = Project(root)

    def context(path: Path) -> Context:
        return Context(parse_month(path.parent.name), project, path.name)

    for read in read_files(sorted(Path(data).glob(pattern)), project, context):
        for found, _, parsed in read.tables:  # every table is a list: parsed while read
            if parsed is None:
                found.kind.parse(found.table, context(read.path))


def case_dossier_ingest_xlsx(root: Path, data: str) -> None:
    """The same lists as .xlsx files (`province_xlsx`) through the registry."""
    case_dossier_ingest(root, data, "*/*.xlsx")


def case_dossier_calamine(root: Path, data: str) -> None:
    """python-calamine merely reading the .xlsx lists' rows into Python lists: what any reading
    of them through calamine costs at least."""
    from python_calamine import CalamineWorkbook

    for path in sorted(Path(data).glob("*/*.xlsx")):
        CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()


def case_dossier_duckdb_csv(root: Path, data: str) -> None:
    """DuckDB's own read_csv of the same files into a table: the baseline."""
    import duckdb

    files = [p.as_posix() for p in sorted(Path(data).glob("*/*.csv"))]
    duckdb.connect().execute(f"CREATE TABLE t AS SELECT * FROM read_csv({files!r})")


def case_dossier_month(root: Path, data: str) -> None:
    """Biểu 06 for every unit of one month of a province-year (2 M dossiers a year) from the
    partitioned dataset."""
    from datetime import date

    from chiso766.store import dossier_dataset as ds

    source = f"read_parquet('{data}/year=2025/month=06/*.parquet')"
    ds.bieu06(source, date(2025, 6, 1), date(2025, 6, 30))


def case_dossier_national(root: Path, data: str) -> None:
    """Biểu 06 per province and month of a national year: every partition streamed, with
    DuckDB's memory limit (it spills to root/spill beyond it) on two threads."""
    from chiso766.store import dossier_dataset as ds

    con = ds.connect(MEMORY_LIMIT, THREADS, root / "spill")
    source = f"read_parquet('{data}/year=*/month=*/*.parquet', hive_partitioning = true)"
    start = "make_date(CAST(year AS INTEGER), CAST(month AS INTEGER), 1)"
    end = f"last_day({start})"
    ds.bieu06(source, start, end, by=("province_id", "year", "month"), con=con)


CASES = {
    "dossier_ingest": case_dossier_ingest,
    "dossier_ingest_xlsx": case_dossier_ingest_xlsx,
    "dossier_calamine": case_dossier_calamine,
    "dossier_duckdb_csv": case_dossier_duckdb_csv,
    "dossier_month": case_dossier_month,
    "dossier_national": case_dossier_national,
}


def _rows_in(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("year=*/month=*/*.parquet"))


def _csv_rows(folder: Path) -> int:
    return sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in folder.glob("*/*.csv"))


def province_parquet() -> Path:
    """A province-year (2 M records) in the dataset's layout, for the month case."""
    from chiso766.sample import large

    folder = REPO / "build" / "large-bench" / "province_parquet"
    if not folder.is_dir() or _rows_in(folder) != FULL_PROVINCE - FULL_PROVINCE % 12:
        large.national_year(folder, FULL_PROVINCE)
    return folder


def province_xlsx(province: Path) -> Path:
    """The province's CSV lists written as .xlsx, the same rows as text cells (as iGate writes
    its lists), beside them in province_xlsx/; a file is rewritten when its CSV is newer."""
    import csv

    import xlsxwriter

    out = province.parent / f"{province.name}_xlsx"
    sources = {p.relative_to(province).with_suffix(".xlsx") for p in province.glob("*/*.csv")}
    for old in out.glob("*/*.xlsx"):
        if old.relative_to(out) not in sources:  # a larger year's extra files
            old.unlink()
    for name in sorted(sources):
        source, target = province / name.with_suffix(".csv"), out / name
        if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        book = xlsxwriter.Workbook(target.with_suffix(".tmp"), {"constant_memory": True})
        sheet = book.add_worksheet("DanhSachHoSo")
        with source.open(encoding="utf-8", newline="") as f:
            for r, row in enumerate(csv.reader(f)):
                for c, value in enumerate(row):
                    sheet.write_string(r, c, value)
        book.close()
        target.with_suffix(".tmp").replace(target)
    return out


def data(province_rows: int, national_rows: int) -> tuple[Path, int, Path, int]:
    """The province and national data to measure, and their sizes: make sample-large's when it
    is at least as large as asked, else a scaled-down copy generated now (timed apart)."""
    from chiso766.sample import large

    full = REPO / "build" / "large"
    scaled = REPO / "build" / "large-bench"
    province, national = full / "province", full / "national"
    if not province.is_dir() or _csv_rows(province) < province_rows:
        province = scaled / "province"
        if not province.is_dir() or _csv_rows(province) != province_rows - province_rows % 12:
            large.province_year(province, province_rows)
    if not national.is_dir() or _rows_in(national) < national_rows:
        national = scaled / "national"
        if not national.is_dir() or _rows_in(national) != national_rows - national_rows % 12:
            large.national_year(national, national_rows)
    return province, _csv_rows(province), national, _rows_in(national)


def run(measure, add, repeat: int, province_rows: int, national_rows: int) -> None:
    """Measure the dossier cases and add their rows to the bench table."""
    started = time.perf_counter()
    province, p_rows, national, n_rows = data(province_rows, national_rows)
    print(f"(dossier data ready in {time.perf_counter() - started:.0f} s)", flush=True)
    ours = measure("dossier_ingest", [str(province)], [], repeat)
    duck = measure("dossier_duckdb_csv", [str(province)], [], repeat)
    scale = FULL_PROVINCE / p_rows
    add(f"dossier lists, DuckDB read_csv ({p_rows:,} rows)", *duck)
    add(
        f"dossier lists, chiso766 registry ({p_rows:,} rows; x{scale:.1f} -> "
        f"{ours[0] * scale:.0f} s for 2 M)",
        *ours,
        ours[0] / duck[0],
        "<= 3x",
    )
    started = time.perf_counter()
    xlsx = province_xlsx(province)
    print(f"(the lists as .xlsx ready in {time.perf_counter() - started:.0f} s)", flush=True)
    ours_xlsx = measure("dossier_ingest_xlsx", [str(xlsx)], [], repeat)
    calamine = measure("dossier_calamine", [str(xlsx)], [], repeat)
    add(f"dossier lists as .xlsx, python-calamine reading the rows ({p_rows:,} rows)", *calamine)
    add(
        "dossier lists as .xlsx, chiso766 registry (same rows), against DuckDB read_csv",
        *ours_xlsx,
        ours_xlsx[0] / duck[0],
        "<= 3x",
    )
    add(
        "dossier lists as .xlsx, the same, against python-calamine reading the rows",
        None,
        None,
        ours_xlsx[0] / calamine[0],
        "<= 3x",
    )
    month = measure("dossier_month", [str(province_parquet())], [], repeat)
    rows = FULL_PROVINCE // 12
    add(f"Biểu 06, every unit of a province's month ({rows:,} rows)", *month, None, "< 1 s")
    year = measure("dossier_national", [str(national)], [], max(1, repeat - 1))
    factor = FULL_NATIONAL / n_rows
    add(
        f"Biểu 06 per province and month, national year ({n_rows:,} rows; x{factor:.0f} -> "
        f"{year[0] * factor:.0f} s for 10^8)",
        *year,
        None,
        f"< 60 s, < 4 GiB (limit {MEMORY_LIMIT})",
    )
