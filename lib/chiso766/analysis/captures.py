"""Dated captures of a period (store/captures.py): whether the period's figures are provisional
(taken before the period ended) and what moved since the capture before (totals and ranks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from chiso766.store.loader import MonthData
from chiso766.store.manifest import read_manifest

MOVERS = 3  # the provinces whose totals moved most, named


@dataclass(frozen=True)
class Mover:
    unit_id: str
    name: str
    before: float
    after: float
    rank_before: int
    rank_after: int

    @property
    def change(self) -> float:
        return round(self.after - self.before, 2)


@dataclass(frozen=True)
class CaptureState:
    """The period's capture day, whether it is provisional, and the moves since the capture
    before (`previous_folder` None: no earlier capture is kept)."""

    captured: date | None
    provisional: bool
    previous_folder: str | None = None
    previous_captured: date | None = None
    province: Mover | None = None  # None with an earlier capture: the province was not in it
    changed_totals: int = 0
    changed_ranks: int = 0
    compared: int = 0  # provinces found in both captures
    movers: list[Mover] = field(default_factory=list)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def capture_state(data: MonthData) -> CaptureState:
    """From the period's manifest: its capture day (provisional when on or before the period's
    last day) and, when an earlier capture is kept, the moves since it in the report's ranking."""
    manifest = read_manifest(data.project.processed / data.month) or {}
    captured = _day(manifest.get("captured"))
    provisional = captured is not None and captured <= data.period.end
    previous = manifest.get("previous_capture")
    if not previous:
        return CaptureState(captured, provisional)
    before = pd.DataFrame(previous["national"], columns=["cohort", "unit_id", "total", "rank"])
    before = before[before["cohort"] == data.cohort].set_index("unit_id")
    now = data.national().set_index("unit_id")
    both = now.index.intersection(before.index)
    movers = [
        Mover(
            str(uid),
            str(now.at[uid, "unit_name"]),
            float(before.at[uid, "total"]),
            float(now.at[uid, "total"]),
            int(before.at[uid, "rank"]),
            int(now.at[uid, "rank_total"]),
        )
        for uid in both
    ]
    own = next((m for m in movers if m.unit_id == data.province_id), None)
    moved = sorted((m for m in movers if abs(m.change) > 0.005), key=lambda m: -abs(m.change))
    return CaptureState(
        captured,
        provisional,
        previous["folder"],
        _day(previous.get("captured")),
        own,
        changed_totals=len(moved),
        changed_ranks=sum(m.rank_before != m.rank_after for m in movers),
        compared=len(movers),
        movers=moved[:MOVERS],
    )
