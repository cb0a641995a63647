"""chiso766: monthly 766-index analysis for a Vietnamese province.

>>> import chiso766
>>> result = chiso766.ingest_month("2024-06")      # data/raw/2024-06 -> data/processed/2024-06
>>> data = chiso766.open_month("2024-06")          # the stored month and its year so far
>>> scores = chiso766.load("scores")               # every ingested month

The names below are imported when first used (PEP 562): `import chiso766.cli` does not load
pandas, so `chiso766 report` starts its kernels before its own heavy imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chiso766.config import Project
    from chiso766.errors import DataError, Issue
    from chiso766.ingest.pipeline import MonthResult, ingest_month, read_month
    from chiso766.store.loader import MonthData, load, open_month

_WHERE = {
    "DataError": "chiso766.errors",
    "Issue": "chiso766.errors",
    "MonthData": "chiso766.store.loader",
    "MonthResult": "chiso766.ingest.pipeline",
    "Project": "chiso766.config",
    "ingest_month": "chiso766.ingest.pipeline",
    "load": "chiso766.store.loader",
    "open_month": "chiso766.store.loader",
    "read_month": "chiso766.ingest.pipeline",
}
__all__ = [
    "DataError",
    "Issue",
    "MonthData",
    "MonthResult",
    "Project",
    "ingest_month",
    "load",
    "open_month",
    "read_month",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'chiso766' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
