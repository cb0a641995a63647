"""The project's folders and configuration: where raw exports, clean tables, outputs and reference
files live, and the province settings from `data/reference/province.toml`."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .periods import MONTH_RE
from .registry import Registry


def find_root(start: Path | None = None) -> Path:
    """The project folder: $CHISO766_ROOT, else the nearest folder upward holding
    data/reference/province.toml, else the checkout this package was installed from."""
    if env := os.environ.get("CHISO766_ROOT"):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "reference" / "province.toml").is_file():
            return folder
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, root: Path | str | None = None) -> Project:
        return cls(Path(root).resolve() if root else find_root())

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reference(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def outputs(self) -> Path:
        return self.root / "outputs"

    @cached_property
    def config(self) -> dict:
        with open(self.reference / "province.toml", "rb") as f:
            return tomllib.load(f)

    @cached_property
    def provinces(self) -> Registry:
        return Registry.load(self.reference / "provinces.csv")

    @cached_property
    def units(self) -> Registry:
        return Registry.load(self.reference / self.config["province"]["units"])

    @property
    def province_id(self) -> str:
        return self.config["province"]["unit_id"]

    def raw_months(self) -> list[str]:
        """Month folders present in data/raw, oldest first."""
        if not self.raw.is_dir():
            return []
        return sorted(p.name for p in self.raw.iterdir() if p.is_dir() and MONTH_RE.match(p.name))
