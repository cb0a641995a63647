"""How each one-stop system's dossier statuses count in Biểu 06, from
data/reference/dossier_statuses.csv (vendors group statuses differently: the table, not the
code, says which status is open, resolved, returned or not yet received).

What is known and what is assumed (the table's `source` column):
- Tân Dân's codes 1-10 and their labels, and OpenCPS's status names, are as the domain notes
  record them (`seen`);
- iGate's status codes and labels are ASSUMPTIONS (`assumed`): the notes name iGate's status
  field but none of its codes, and no iGate list has been captured. Rename the rows to what the
  system exports before trusting an iGate list's figures;
- the `group` of every row is our reading of how Biểu 06 counts the status (one vendor counts a
  withdrawal as resolved): check it with the office.
A status the table does not know (an iGate code that differs from the assumed ones, say) is
never guessed into a group: the ingest reports it as an error naming file, row and column
(records.unknown_status), and the dossier counts in no column.
"""

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
