"""Registries of provinces and of a province's units, and matching the names exports use.

Both live in `data/reference/` as CSV an analyst can edit. A name matches through its exact form
(diacritics kept, so "Lộc Thành" and "Lộc Thạnh" stay apart), then its folded form, then its
base name without the unit-type prefix ("UBND xã Tân Lợi" -> "Tân Lợi"), narrowed by the level
the prefix implies and by a parent written after a dash ("... - huyện Hớn Quản"). Suffixes such as
" - tỉnh Bình Phước" are dropped. A name that stays ambiguous or unknown is reported, with the
nearest known names; nothing is guessed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from chiso766.textnorm import clean_text, exact_key, fold

# Unit-type prefixes, longest first, with the level each implies.
_PREFIXES: tuple[tuple[str, str | None], ...] = (
    (r"chi nhánh văn phòng đăng ký đất đai", "land_branch"),
    (r"chi nhánh vp đkđđ", "land_branch"),
    (r"chi nhánh vpđkđđ", "land_branch"),
    (r"cn vp đkđđ", "land_branch"),
    (r"cn vpđkđđ", "land_branch"),
    (r"ủy ban nhân dân", None),
    (r"ubnd", None),
    (r"thị trấn", "commune"),
    (r"phường", "commune"),
    (r"xã", "commune"),
    (r"đặc khu", "commune"),
    (r"thị xã", "district"),
    (r"huyện", "district"),
    (r"thành phố", "district"),
    (r"tp", "district"),
    (r"tx", "district"),
    (r"sở", "department"),
    (r"ban", "department"),
    (r"thanh tra", "department"),
    (r"văn phòng", "department"),
    (r"công an", "department"),
    (r"tỉnh", "province"),
)
_PREFIX_RE = [(re.compile(rf"^{p}\.?\s+", re.IGNORECASE), lvl) for p, lvl in _PREFIXES]
_PROVINCE_SUFFIX = re.compile(r"\s*[-,(]\s*(tỉnh|thành phố|tp\.?)\s+[^-,()]+\)?$", re.IGNORECASE)


def strip_prefixes(name: str) -> tuple[str, str | None]:
    """("UBND huyện Đồng Phú") -> ("Đồng Phú", "district"): base name and the level implied."""
    base, level = clean_text(name), None
    changed = True
    while changed:
        changed = False
        for pattern, lvl in _PREFIX_RE:
            new = pattern.sub("", base, count=1)
            if new != base and new:
                base, changed = new, True
                level = level or lvl
                break
    return base, level


_DISTRICT_PREFIX = re.compile(r"^(huyện|thị xã|thành phố|tp\.?|tx\.?)\s", re.IGNORECASE)


def split_parent(name: str) -> tuple[str, str | None]:
    """ "UBND xã Tân Lợi - huyện Hớn Quản" or "UBND xã Tân Lợi (Hớn Quản)" -> ("UBND xã Tân Lợi",
    "Hớn Quản"). Only a district-level part after a dash counts as a parent, so "Sở Lao động -
    Thương binh và Xã hội" stays whole."""
    text = _PROVINCE_SUFFIX.sub("", clean_text(name))
    if m := re.match(r"^(.*\S)\s*\(([^()]+)\)$", text):
        return m.group(1), strip_prefixes(m.group(2))[0]
    parts = text.rsplit(" - ", 1)
    if len(parts) == 2 and _DISTRICT_PREFIX.match(parts[1]):
        return parts[0], strip_prefixes(parts[1])[0]
    return text, None


@dataclass(frozen=True)
class Match:
    unit_id: str | None
    candidates: tuple[str, ...] = ()
    level_hint: str | None = None
    loose: bool = False  # matched only without diacritics or without the unit-type prefix


class Registry:
    """Units (or provinces) with codes, names, levels, parents, official order and validity."""

    def __init__(self, frame: pd.DataFrame, source: str):
        self.frame = frame.set_index("unit_id", drop=False)
        self.source = source
        self.records: dict[str, dict] = {r["unit_id"]: r for r in frame.to_dict("records")}
        self._valid_cache: dict[date, list[str]] = {}
        self._valid_sets: dict[tuple[str, ...], int] = {}  # each distinct set of valid units
        self._valid_set_of: dict[date, int] = {}
        self._names_cache: dict[date, dict[str, str]] = {}
        self._match_cache: dict[tuple[str, int, str | None], Match] = {}
        self._exact: dict[str, set[str]] = {}
        self._folded: dict[str, set[str]] = {}
        self._base: dict[str, set[str]] = {}
        for row in frame.itertuples(index=False):
            names = [row.name, row.short_name, *str(row.aliases or "").split(";")]
            for name in filter(None, (clean_text(n) for n in names)):
                name = _PROVINCE_SUFFIX.sub("", name)
                self._exact.setdefault(exact_key(name), set()).add(row.unit_id)
                self._folded.setdefault(fold(name), set()).add(row.unit_id)
                base, _ = strip_prefixes(name)
                self._base.setdefault(fold(base), set()).add(row.unit_id)

    @classmethod
    def load(cls, path: Path) -> Registry:
        """The registry in a CSV file. Read-only once built, so the same content gives the same
        object: a process that opens many projects (a test run, a backfill) indexes it once."""
        return _load(path.read_bytes(), path.name)

    def valid_on(self, on: date) -> list[str]:
        """Ids of the units that exist on a date (empty validity bounds are open)."""
        if on not in self._valid_cache:
            iso = on.isoformat()
            self._valid_cache[on] = [
                uid
                for uid, r in self.records.items()
                if (r["valid_from"] or "0000") <= iso <= (r["valid_to"] or "9999")
            ]
        return self._valid_cache[on]

    def _valid_set(self, on: date) -> int:
        """A number for the set of units valid on `on`: dates with the same units share it."""
        if on not in self._valid_set_of:
            ids = tuple(self.valid_on(on))
            self._valid_set_of[on] = self._valid_sets.setdefault(ids, len(self._valid_sets))
        return self._valid_set_of[on]

    def get(self, unit_id: str) -> dict:
        return self.records[unit_id]

    def match(self, raw_name: str, *, on: date, level: str | None = None) -> Match:
        """Find the unit a raw name means, among those valid on `on` (remembered per set of
        valid units, the only way `on` counts: a month's dossier lists name the same units in
        every file, and a year's months mostly the same units)."""
        key = (raw_name, self._valid_set(on), level)
        if key not in self._match_cache:
            self._match_cache[key] = self._match(raw_name, on=on, level=level)
        return self._match_cache[key]

    def _match(self, raw_name: str, *, on: date, level: str | None = None) -> Match:
        valid = set(self.valid_on(on))
        own, parent = split_parent(raw_name)
        base, prefix_level = strip_prefixes(own)
        level = level or prefix_level

        def narrow(ids: set[str]) -> set[str]:
            ids = ids & valid
            if level and len(ids) > 1:
                ids = {i for i in ids if self.records[i]["level"] == level} or ids
            if parent and len(ids) > 1:
                parent_ids = self._base.get(fold(parent), set())
                ids = {i for i in ids if self.records[i]["parent_id"] in parent_ids} or ids
            return ids

        whole = _PROVINCE_SUFFIX.sub("", clean_text(raw_name))
        for loose, ids in (
            (False, self._exact.get(exact_key(whole), set())),
            (False, self._exact.get(exact_key(own), set())),
            (True, self._folded.get(fold(own), set())),
            (True, self._exact.get(exact_key(base), set())),
            (True, self._base.get(fold(base), set())),
        ):
            found = narrow(ids)
            if len(found) == 1:
                return Match(found.pop(), level_hint=level, loose=loose)
            if len(found) > 1:
                return Match(None, tuple(sorted(found)), level)
        return Match(None, (), level)

    def nearest(self, raw_name: str, *, on: date, n: int = 3) -> list[str]:
        """Up to `n` names of units valid on `on` that look most like `raw_name` (for the
        message about an unknown unit; never used to match)."""
        if on not in self._names_cache:
            names = {
                fold(self.records[i]["name"]): self.records[i]["name"] for i in self.valid_on(on)
            }
            self._names_cache[on] = names
        names = self._names_cache[on]
        close = process.extract(
            fold(split_parent(raw_name)[0]),
            list(names),
            scorer=fuzz.ratio,
            limit=n,
            score_cutoff=50,
        )
        return [names[c] for c, _, _ in close]

    def describe(self, ids: tuple[str, ...]) -> str:
        return "; ".join(f"{self.records[i]['name']} ({self.records[i]['code']})" for i in ids)


@lru_cache(maxsize=16)
def _load(content: bytes, source: str) -> Registry:
    frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.map(clean_text)
    frame["official_order"] = pd.to_numeric(frame["official_order"]).astype("int64")
    return Registry(frame, source)
