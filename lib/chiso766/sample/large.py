"""Synthetic dossier records at scale, for the benchmark (`make sample-large`; not committed):

- a province-year: Bình Phước's units through 2024, about 2 million dossiers, as the iGate-style
  CSV lists an office would copy into data/raw/<month>/ (files of at most 90 000 rows, under the
  reader's per-file limit);
- a national year: 34 provinces x 200 units, about 10^8 records, generated in chunks straight to
  the partitioned Parquet layout of data/processed/dossiers (year=/month=/part-k.parquet), with
  a `province_id` column, never held in memory whole.

Figures are plausible, not the sample's: the benchmark measures time, not results. Both are
deterministic for a given seed.

    python -m chiso766.sample.large build/large [province rows] [national rows]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from chiso766.config import Project
from chiso766.sample import _district_short, _names, _unit_label
from chiso766.sample.dossier_lists import IGATE

PROVINCE_ROWS = 2_000_000
NATIONAL_ROWS = 100_000_000
FILE_ROWS = 90_000
CHUNK_ROWS = 4_000_000
PROVINCES, UNITS_PER_PROVINCE = 34, 200
_STATUS = np.array(["DA_TRA_KQ", "DANG_XU_LY", "RUT_HO_SO"])
_CHANNEL = np.array(["Trực tuyến", "Trực tiếp", "Dịch vụ bưu chính"])


def _month_records(rng: np.random.Generator, month: pd.Period, n: int) -> pd.DataFrame:
    """n records of one month: received in it (a tenth carried over from the month before),
    due 1-15 days later, four in five resolved 0-20 days after reception (by the month's end)."""
    start, end = month.start_time, month.end_time.normalize()
    days = (end - start).days + 1
    offset = rng.integers(-30, days, n)
    offset = np.where(rng.random(n) < 0.1, offset, np.abs(offset) % days)
    received = (
        start
        + pd.to_timedelta(offset, unit="D")
        + pd.to_timedelta(rng.integers(7 * 3600, 17 * 3600, n), unit="s")
    )
    due = received.normalize() + pd.to_timedelta(rng.integers(1, 16, n), unit="D")
    status = rng.choice(3, n, p=[0.8, 0.19, 0.01])
    finished = received + pd.to_timedelta(rng.integers(0, 21 * 86400, n), unit="s")
    finished = finished.where(
        finished <= end + pd.Timedelta(hours=23), end + pd.Timedelta(hours=17)
    )
    finished = finished.where(status != 1, pd.NaT)
    return pd.DataFrame(
        {
            "received_at": received.astype("datetime64[us]"),
            "due_at": due.astype("datetime64[us]"),
            "finished_at": pd.Series(finished).astype("datetime64[us]").to_numpy(),
            "status": status,
            "channel": rng.choice(3, n, p=[0.6, 0.35, 0.05]),
        }
    )


def _day(series: pd.Series, with_time: bool) -> pd.Series:
    return series.dt.strftime("%d/%m/%Y %H:%M:%S" if with_time else "%d/%m/%Y").fillna("")


def province_year(
    out: Path, rows: int = PROVINCE_ROWS, year: int = 2024, seed: int = 1
) -> list[Path]:
    """iGate-style CSV lists of a province-year into out/<month>/; returns the files."""
    _, units = _names(Project.find())
    short_of = _district_short(units)
    labels = np.array([_unit_label(u, short_of, "csv") for u in units.itertuples()])
    weights = np.array(
        [
            {"commune": 1, "district": 6, "department": 4, "land_branch": 12}[lvl]
            for lvl in units["level"]
        ],
        dtype=float,
    )
    rng = np.random.default_rng(seed)
    files = []
    for m in range(1, 13):
        month = pd.Period(year=year, month=m, freq="M")
        n = rows // 12
        frame = _month_records(rng, month, n)
        unit = rng.choice(len(labels), n, p=weights / weights.sum())
        table = pd.DataFrame(
            {
                IGATE[0]: np.arange(1, n + 1),
                IGATE[1]: [f"HS-{year}{m:02d}-{i:07d}" for i in range(n)],
                IGATE[2]: "",
                IGATE[3]: "1.001193",
                IGATE[4]: "Đăng ký khai sinh",
                IGATE[5]: labels[unit],
                IGATE[6]: _CHANNEL[frame["channel"]],
                IGATE[7]: _day(frame["received_at"], True),
                IGATE[8]: _day(frame["due_at"], False),
                IGATE[9]: _day(frame["finished_at"], True),
                IGATE[10]: _STATUS[frame["status"]],
            }
        )
        folder = out / f"{year}-{m:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for k, first in enumerate(range(0, n, FILE_ROWS)):
            path = folder / f"DanhSachHoSo_iGate_{k + 1:02d}.csv"
            table.iloc[first : first + FILE_ROWS].to_csv(path, index=False, encoding="utf-8")
            files.append(path)
    return files


def national_year(out: Path, rows: int = NATIONAL_ROWS, year: int = 2025, seed: int = 2) -> Path:
    """A national year of records as the partitioned dataset under `out`, in chunks."""
    rng = np.random.default_rng(seed)
    provinces = pd.Categorical([f"P{p:02d}" for p in range(1, PROVINCES + 1)])
    units = pd.Categorical(
        [f"P{p:02d}-U{u:03d}" for p in range(1, PROVINCES + 1) for u in range(UNITS_PER_PROVINCE)]
    )
    groups = np.array(["resolved", "open", "returned"])
    channels = np.array(["online", "direct", "postal"])
    for m in range(1, 13):
        month = pd.Period(year=year, month=m, freq="M")
        folder = out / f"year={year}" / f"month={m:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        left, part = rows // 12, 0
        while left > 0:
            n = min(CHUNK_ROWS, left)
            frame = _month_records(rng, month, n)
            unit = rng.integers(0, len(units), n)
            chunk = pd.DataFrame(
                {
                    "province_id": pd.Categorical.from_codes(
                        unit // UNITS_PER_PROVINCE, categories=provinces.categories
                    ),
                    "unit_id": pd.Categorical.from_codes(unit, categories=units.categories),
                    "channel": pd.Categorical(channels[frame["channel"]]),
                    "received_at": frame["received_at"],
                    "due_at": frame["due_at"],
                    "finished_at": frame["finished_at"],
                    "supplement_requested_at": pd.Series(
                        pd.NaT, index=frame.index, dtype="datetime64[us]"
                    ),
                    "supplement_given_at": pd.Series(
                        pd.NaT, index=frame.index, dtype="datetime64[us]"
                    ),
                    "status_group": pd.Categorical(groups[frame["status"]]),
                }
            )
            chunk.to_parquet(folder / f"part-{part}.parquet", index=False, row_group_size=1_000_000)
            left -= n
            part += 1
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/large")
    province = int(float(sys.argv[2])) if len(sys.argv) > 2 else PROVINCE_ROWS
    national = int(float(sys.argv[3])) if len(sys.argv) > 3 else NATIONAL_ROWS
    province_year(target / "province", province)
    national_year(target / "national", national)
