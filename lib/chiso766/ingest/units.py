"""Resolving the unit a data row is about, against a registry, with located messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from chiso766.errors import Issue
from chiso766.ingest.tables import Table
from chiso766.reference.periods import Period
from chiso766.reference.registry import Registry, strip_prefixes
from chiso766.textnorm import clean_text, exact_key, fold

# The portal's LOAI_COQUAN (1 province, 2 sở, 3 xã) and childGroup values.
PORTAL_TYPES = {
    "1": "province",
    "2": "department",
    "3": "commune",
    "agency": "department",
    "commune": "commune",
}


# What a resolved unit adds to each row of a clean table (UnitResult.columns()).
UNIT_COLUMNS = (
    "unit_id",
    "unit_code",
    "unit_name",
    "short_name",
    "display_name",
    "level",
    "parent_id",
    "official_order",
    "raw_name",
)


@dataclass
class UnitResult:
    raw_name: str
    unit_id: str | None = None
    level: str | None = None
    registry: Registry | None = None
    issues: list[Issue] = field(default_factory=list)
    fatal: bool = False

    def columns(self) -> dict[str, object]:
        if self.unit_id is None or self.registry is None:
            return {
                "unit_id": None,
                "unit_code": None,
                "unit_name": self.raw_name,
                "short_name": self.raw_name,
                "display_name": self.raw_name,
                "level": self.level,
                "parent_id": None,
                "official_order": None,
                "raw_name": self.raw_name,
            }
        row = self.registry.get(self.unit_id)
        parent = row["parent_id"] or None
        display = row["name"]
        if row["level"] == "commune" and parent in self.registry.records:
            display = f"{row['name']} ({self.registry.records[parent]['short_name']})"
        return {
            "unit_id": self.unit_id,
            "unit_code": row["code"],
            "unit_name": row["name"],
            "short_name": row["short_name"],
            "display_name": display,
            "level": row["level"],
            "parent_id": parent,
            "official_order": int(row["official_order"]),
            "raw_name": self.raw_name,
        }


def raw_name(table: Table, row: list) -> str:
    """The unit's name as the row gives it (the full name, else the portal's short TEN)."""
    return table.row_label(row)


def resolve_unit(
    table: Table,
    row: list,
    number: int,
    *,
    registry: Registry,
    period: Period,
    national: bool,
    on: date | None = None,
) -> UnitResult:
    """The unit a row is about, among the registry's units valid on `on` (the period's last
    day unless told: a restated ranking names the provinces of after 1/7/2025)."""
    on = on or period.end
    raw = raw_name(table, row)
    column = "unit_name" if "unit_name" in table.columns else "unit_name_alt"
    result = UnitResult(raw, registry=registry)
    portal_type = clean_text(table.value(row, "unit_type")).lower()
    level = "province" if national else PORTAL_TYPES.get(portal_type)
    if level == "province" and not national:
        # the province's own row in a unit export (LOAI_COQUAN 1): kept, not a unit
        result.level = "province"
        return result
    match = registry.match(raw, on=on, level=level)
    if match.unit_id is None and "unit_code" in table.columns:
        # the name alone is unknown or ambiguous: the export's own code settles it when it is
        # the code of exactly one (candidate) unit
        code = clean_text(table.value(row, "unit_code"))
        pool = match.candidates or registry.valid_on(on)
        ids = [i for i in pool if registry.records[i]["code"] == code]
        if len(ids) == 1:
            match = type(match)(ids[0])
    if match.unit_id:
        result.unit_id = match.unit_id
        result.level = registry.records[match.unit_id]["level"]
        canonical = registry.records[match.unit_id]["name"]
        if match.loose and exact_key(raw) != exact_key(canonical):
            result.issues.append(
                table.issue("info", "unit.renamed", number, column, raw=raw, canonical=canonical)
            )
        return result
    if match.candidates:
        result.fatal = True
        result.issues.append(
            table.issue(
                "error",
                "unit.ambiguous",
                number,
                column,
                name=raw,
                candidates=registry.describe(match.candidates),
            )
        )
        return result
    nearest = ", ".join(registry.nearest(raw, on=on)) or "-"
    if national:
        # a province that does not exist in the period: the file belongs to the other structure
        # (63 provinces before 1/7/2025, 34 after), and rankings never mix the two
        result.fatal = True
        result.issues.append(
            table.issue(
                "error",
                "unit.unknown_province",
                number,
                column,
                name=raw,
                count=len(registry.valid_on(on)),
                nearest=nearest,
                registry=registry.source,
            )
        )
        return result
    level = level or match.level_hint or strip_prefixes(raw)[1]
    result.level = level
    if level is None:
        result.fatal = True
        result.issues.append(
            table.issue(
                "error",
                "unit.unknown_level",
                number,
                column,
                name=raw,
                nearest=nearest,
                registry=registry.source,
            )
        )
    else:
        result.issues.append(
            table.issue(
                "warning",
                "unit.unknown",
                number,
                column,
                name=raw,
                nearest=nearest,
                registry=registry.source,
            )
        )
    return result


def duplicate_issue(
    table: Table,
    seen: dict,
    unit: UnitResult,
    number: int,
    values: dict,
    same: Callable[[dict, dict], bool],
) -> Issue | None:
    """None the first time a unit is seen in a table (and it is recorded); afterwards, a warning
    when the repeat carries the same figures (the row is dropped), an error when it does not."""
    key = unit.unit_id or f"?{fold(unit.raw_name)}"
    if key not in seen:
        seen[key] = (number, values)
        return None
    first_number, first = seen[key]
    code = "unit.duplicate_same" if same(first, values) else "unit.duplicate_conflict"
    severity = "warning" if code == "unit.duplicate_same" else "error"
    return table.issue(
        severity, code, number, name=unit.raw_name, first=first_number, second=number
    )
