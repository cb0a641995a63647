"""Column names of the clean tables that code reads by name, without loading pandera: the
notebooks' kernels load stored tables and never validate one (store/schemas.py, which declares
every column, imports these)."""

from __future__ import annotations

# Biểu 06's counts, in the order of its columns (the fields of DossiersTable below)
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
