"""Column names of the clean tables that code reads by name, without loading pandera: the
notebooks' kernels load stored tables and never validate one. store/schemas.py declares every
column (DossiersTable's counts in this order: a test holds them equal)."""

from __future__ import annotations

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
