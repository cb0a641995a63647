"""The export kinds the tool reads, as a registry: one module per kind, each declaring one
`ExportKind` named `KIND`. The pipeline runs whatever this package holds; adding a kind is adding
a module here (and its tests), nothing else.

A kind says how to recognise a located table (`detect`), how to turn it into rows of a clean
table (`parse`), which clean table the rows go to, whether a period must have it, and any check
that needs the whole finished table. Kinds are tried in `order` (lowest first) and the first that
recognises a table takes it, so a more specific kind comes before a more general one.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from chiso766.config import Project
from chiso766.errors import Issue
from chiso766.ingest import merge
from chiso766.ingest.ranks import add_ranks
from chiso766.ingest.tables import Table
from chiso766.reference.periods import Period
from chiso766.store import fields

if TYPE_CHECKING:
    from pandera.pandas import DataFrameSchema


@dataclass(frozen=True)
class Context:
    """What a kind's parser is given besides the table: the period, the project (registries,
    settings) and the file the table came from."""

    period: Period
    project: Project
    source: str
    tables: dict[str, pd.DataFrame] | None = None  # every finished table (for kinds' checks)


@dataclass(frozen=True)
class ExportKind:
    name: str  # as the manifest records it; its Vietnamese name is the message "kind.<name>"
    table: str  # the clean table its rows go to (a key of TABLES)
    detect: Callable[[Table, Project], bool]
    parse: Callable[[Table, Context], tuple[pd.DataFrame, list[Issue]]]
    order: int  # detection order, lowest first
    # what a period without it is: "error" (nothing is stored: the report cannot be made),
    # "warning" (the report leaves its part out and says so) or None (only some periods have it)
    when_missing: str | None = "error"
    check: Callable[[pd.DataFrame, Context], list[Issue]] | None = None  # on the finished table
    many_files: bool = False  # a period may have several files of it (dossier lists per unit)
    # a CSV or Excel sheet of it is read by columns (ingest/columnar.py: lists of millions of
    # rows), so its parse reads Table.cells and Table.numbers, never Table.rows
    columnar: bool = False
    # a kind whose files come in variants that may sit side by side in one period (the
    # national ranking and its restated series): the variant of a file's parsed rows. One file
    # per (kind, variant); None: one file per kind.
    variant: Callable[[pd.DataFrame], str] | None = None


@dataclass(frozen=True)
class CleanTable:
    """A clean table of a period: its contract, and what completes it once every file's rows
    are in (ranks need every unit of a cohort)."""

    name: str
    finish: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    # the rows of several files joined (duplicates across files kept once or reported)
    merge: Callable[[pd.DataFrame], tuple[pd.DataFrame, list[Issue]]] | None = None

    @property
    def schema(self) -> DataFrameSchema:
        """Its pandera schema (store/schemas.py), loaded when a period is ingested: a run
        whose periods are stored imports no pandera."""
        from chiso766.store.schemas import TABLE_SCHEMAS

        return TABLE_SCHEMAS[self.name]


# Ranks need every unit of a cohort: they complete the scores table. Indicators come in
# several files a period (the portal's answers each cover some groups): ingest/merge.py.
_FINISH = {"scores": add_ranks}
_MERGE = {"indicators": merge.indicators}
TABLES: dict[str, CleanTable] = {
    name: CleanTable(name, _FINISH.get(name), _MERGE.get(name)) for name in fields.TABLES
}


@cache
def registry() -> tuple[ExportKind, ...]:
    """Every kind in this package, in detection order. A module that declares no `KIND` is a
    mistake, reported at once rather than skipped."""
    kinds = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if not isinstance(kind, ExportKind):
            raise TypeError(f"{module.__name__} declares no ExportKind named KIND")
        if kind.table not in TABLES:
            raise TypeError(f"{module.__name__}: unknown table {kind.table!r}")
        kinds.append(kind)
    return tuple(sorted(kinds, key=lambda k: (k.order, k.name)))


def kind_of(table: Table, project: Project) -> ExportKind | None:
    """The first kind, in order, that recognises the table; None for a table of no known kind."""
    return next((k for k in registry() if k.detect(table, project)), None)
