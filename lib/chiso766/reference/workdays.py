"""Working days under the Vietnamese public-holiday calendar (the `holidays` package) with the
government's announced changes from data/reference/holidays_override.csv."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays


class Calendar:
    def __init__(self, override: Path | None = None):
        self._extra_off: set[date] = set()
        self._extra_work: set[date] = set()
        if override and override.is_file():
            with open(override, encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    day = date.fromisoformat(row["date"])
                    (self._extra_work if row["kind"] == "workday" else self._extra_off).add(day)

    @staticmethod
    @lru_cache(maxsize=32)
    def _public(year: int) -> frozenset[date]:
        return frozenset(holidays.country_holidays("VN", years=year))

    def is_working_day(self, day: date) -> bool:
        if day in self._extra_work:
            return True
        if day in self._extra_off or day in self._public(day.year):
            return False
        return day.weekday() < 5

    def add(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted)."""
        day, left = start, days
        step = 1 if days >= 0 else -1
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= step
        return day

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        if end < start:
            return -self.between(end, start)
        return sum(
            self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1)
        )
