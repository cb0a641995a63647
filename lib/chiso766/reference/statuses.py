"""How each one-stop system's dossier statuses count in Biểu 06, from
data/reference/dossier_statuses.csv (vendors group statuses differently: the table, not the
code, says which status is open, resolved, returned or not yet received)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from chiso766.textnorm import fold

# open: counts as pending; resolved: counts as resolved on its finish date; returned (withdrawn,
# stopped) and not_received (registered online but not accepted, refused): in no column.
GROUPS = ("open", "resolved", "returned", "not_received")
COUNTED = ("open", "resolved")


@dataclass(frozen=True)
class StatusTable:
    """(vendor, folded status code or label) -> group."""

    groups: dict[tuple[str, str], str]

    @classmethod
    def load(cls, path: Path) -> StatusTable:
        groups: dict[tuple[str, str], str] = {}
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["group"] not in GROUPS:
                    raise ValueError(f"{path.name}: unknown group {row['group']!r}")
                for key in (row["code"], row["label"]):
                    groups[(row["vendor"], fold(key))] = row["group"]
        return cls(groups)

    @property
    def vendors(self) -> frozenset[str]:
        return frozenset(v for v, _ in self.groups)

    def group(self, vendor: str, status: object) -> str | None:
        """The status's group for the vendor; None for a status the table does not know."""
        return self.groups.get((vendor, fold(status)))
