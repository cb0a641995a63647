"""Across the 1/7/2025 reorganisation: which old provinces and units became which new ones.

Provinces: `successor_id` in provinces.csv. Units: data/reference/crosswalk.csv. Joins across
periods always go through these ids, never through a code (codes were reused: An Giang's
statistical code 91 was Kiên Giang's; H19 is the old and the new Đồng Nai).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # read in `load` only: the constants here are imported by the CLI's start
    import pandas as pd

MERGER_DATE = date(2025, 7, 1)


# The national ranking's cohorts: the period's own structure, and the portal's restatement of a
# period before 1/7/2025 onto the 34 new provinces (ranked apart, never mixed with the original).
NATIONAL = "national"
RESTATED = "national_restated"
NATIONAL_COHORTS = (NATIONAL, RESTATED)
STRUCTURES = ("63", "34")


def structure(on: date) -> str:
    """ "63" before 1/7/2025, "34" from then on: the population ranks are out of."""
    return "34" if on >= MERGER_DATE else "63"


def national_cohort(period_end: date, series: str) -> str:
    """`RESTATED` for a 34-province ranking of a period before 1/7/2025, else `NATIONAL`."""
    return RESTATED if series != structure(period_end) and series == "34" else NATIONAL


def series_date(period_end: date, series: str) -> date:
    """The date whose provinces a ranking of `series` names: the period's last day, or for the
    restated series of a period before 1/7/2025, the first day of the 34 provinces."""
    return MERGER_DATE if national_cohort(period_end, series) == RESTATED else period_end


@dataclass
class Crosswalk:
    successors: dict[str, str]  # old id -> new id ("" when the level was abolished)

    @classmethod
    def load(cls, units_csv: Path, provinces: pd.DataFrame) -> Crosswalk:
        import pandas as pd

        frame = pd.read_csv(units_csv, dtype=str, keep_default_na=False, encoding="utf-8")
        links = dict(zip(frame["old_id"], frame["new_id"], strict=True))
        old = provinces[provinces["successor_id"] != ""]
        links |= dict(zip(old["unit_id"], old["successor_id"], strict=True))
        return cls(links)

    def successor(self, old_id: str) -> str | None:
        return self.successors.get(old_id) or None

    def predecessors(self, new_id: str) -> list[str]:
        return sorted(old for old, new in self.successors.items() if new == new_id)
