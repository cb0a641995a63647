"""chiso766: monthly 766-index analysis for a Vietnamese province.

>>> import chiso766
>>> result = chiso766.ingest_month("2024-06")      # data/raw/2024-06 -> data/processed/2024-06
>>> data = chiso766.open_month("2024-06")          # the stored month and its year so far
>>> scores = chiso766.load("scores")               # every ingested month
"""

from chiso766.config import Project
from chiso766.errors import DataError, Issue
from chiso766.ingest.pipeline import MonthResult, ingest_month, read_month
from chiso766.store.loader import MonthData, load, open_month

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
