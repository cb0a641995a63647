"""Every computation the notebooks show, as pure functions of a `MonthData` (the stored month
and the months of its year before it): the province, its units, dossiers and publication, the
reorganisation, sub-indicators, other periods. Notebooks call these; they compute nothing
themselves, and a test can check each figure.

    from chiso766 import analysis as an
    an.province_trend(data); an.late_lists(data); an.improvement_plan(data, rank=10)
"""

from chiso766.analysis.captures import CaptureState, capture_state
from chiso766.analysis.caveats import TOUCHES, touched, warnings_touching
from chiso766.analysis.dossier_records import (
    has_records,
    late_by_level,
    late_dossiers,
    on_time_by_procedure,
    on_time_by_unit_procedure,
    overdue_ageing,
    progress_recovery,
    reconciliation,
    records_bieu06,
    top_late_procedures,
)
from chiso766.analysis.dossiers import (
    LATENESS_COLUMNS,
    dossier_table,
    late_by_month,
    late_lists,
    publication_lateness,
)
from chiso766.analysis.indicators import (
    Action,
    assumed_note,
    describe,
    gain_for_rank,
    improvement_plan,
    indicator_units,
    plan,
    points_lost,
    province_indicators,
    units_losing_most,
)
from chiso766.analysis.merger import crosses_merger, predecessor_scores
from chiso766.analysis.periods import PeriodStanding, period_standing, period_standings
from chiso766.analysis.priorities import (
    Priority,
    UnitLoss,
    priorities,
    units_losing_in_group,
    weak_groups,
)
from chiso766.analysis.province import (
    LastYear,
    Standing,
    average_words,
    benchmark,
    group_ranks_by_month,
    group_shares_by_month,
    group_table,
    movement,
    national_ranking,
    province_trend,
    rating,
    same_period_last_year,
    standing,
)
from chiso766.analysis.units import (
    costliest_units,
    group_losses,
    risers_fallers,
    unit_table,
    unit_trend,
)
from chiso766.store.loader import MonthData

__all__ = [
    "TOUCHES",
    "touched",
    "warnings_touching",
    "Action",
    "CaptureState",
    "capture_state",
    "assumed_note",
    "LATENESS_COLUMNS",
    "MonthData",
    "PeriodStanding",
    "Priority",
    "LastYear",
    "Standing",
    "UnitLoss",
    "average_words",
    "costliest_units",
    "crosses_merger",
    "describe",
    "dossier_table",
    "gain_for_rank",
    "group_losses",
    "group_ranks_by_month",
    "group_shares_by_month",
    "group_table",
    "improvement_plan",
    "indicator_units",
    "late_by_month",
    "late_lists",
    "movement",
    "benchmark",
    "national_ranking",
    "period_standing",
    "period_standings",
    "plan",
    "points_lost",
    "predecessor_scores",
    "priorities",
    "province_indicators",
    "province_trend",
    "publication_lateness",
    "rating",
    "same_period_last_year",
    "risers_fallers",
    "standing",
    "unit_table",
    "unit_trend",
    "units_losing_in_group",
    "units_losing_most",
    "weak_groups",
    # dossier lists (one row per dossier)
    "has_records",
    "late_by_level",
    "late_dossiers",
    "on_time_by_procedure",
    "on_time_by_unit_procedure",
    "overdue_ageing",
    "progress_recovery",
    "reconciliation",
    "records_bieu06",
    "top_late_procedures",
]
