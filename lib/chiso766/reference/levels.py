"""The levels of a province's units, in one place.

`Level` is a `StrEnum`: its members are the strings stored in the tables ("department", ...), so
`frame["level"] == Level.COMMUNE` and `Level("commune")` both work."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    PROVINCE = "province"
    DEPARTMENT = "department"
    DISTRICT = "district"  # abolished with the district level on 1/7/2025
    LAND_BRANCH = "land_branch"  # branches of the land registration office
    COMMUNE = "commune"

    @property
    def label(self) -> str:
        """Its name as tables and charts head it ("Sở, ban, ngành", "UBND cấp xã")."""
        from chiso766.messages import msg

        return msg(f"level.{self.value}")


# A province's units in the order appendices list them.
UNIT_LEVELS: tuple[Level, ...] = (
    Level.DEPARTMENT,
    Level.DISTRICT,
    Level.LAND_BRANCH,
    Level.COMMUNE,
)
# The units ranked among themselves (land branches are listed, not ranked).
RANKED_LEVELS: tuple[Level, ...] = (Level.DEPARTMENT, Level.DISTRICT, Level.COMMUNE)
# Every value a `level` column may hold; a score row's `cohort` is one of these or "national".
ALL_LEVELS: tuple[str, ...] = tuple(level.value for level in Level)
