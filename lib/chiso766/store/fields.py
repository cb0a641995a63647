"""Names of the clean tables and of the columns code reads by name, without loading pandera:
the notebooks' kernels load stored tables and never validate one, and a report whose months
are stored ingests nothing. store/schemas.py declares every table and column (its
TABLE_SCHEMAS in TABLES' order, DossiersTable's counts in COUNT_FIELDS' order: a test holds
them equal)."""

from __future__ import annotations

# The clean tables of a period
TABLES = ("scores", "dossiers", "publications", "indicators", "dossier_records")

# Biểu 06's counts, in the order of its columns (the fields of schemas.DossiersTable)
COUNT_FIELDS = (
    "received_total",
    "received_online",
    "received_direct",
    "received_carried",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_total",
    "pending_within",
    "pending_overdue",
)
