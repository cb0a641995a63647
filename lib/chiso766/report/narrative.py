"""The sentences of the notice, built from the data in one place so that the HTML report and the
draft notice (.docx) never disagree."""

from __future__ import annotations

from chiso766 import analysis as an
from chiso766 import formatting as fmt
from chiso766.messages import msg
from chiso766.reference.crosswalk import structure
from chiso766.reference.groups import BY_CODE
from chiso766.reference.periods import parse_period

POST_MERGER = "34"  # crosswalk.structure() of the months from 1/7/2025


def headline(data: an.MonthData) -> str:
    """ "Tính đến tháng 6/2024, tỉnh Bình Phước đạt 84,39/100 điểm, xếp thứ 03/63 cả nước, tăng 5
    bậc so với tháng 5/2024 và tăng 45 bậc so với tháng 01/2024." Another kind of period says
    its own words and compares with the period of its kind before: "Năm 2024, tỉnh ... tăng 3
    bậc so với năm 2023." """
    st = an.standing(data)
    moves = []
    january = f"{data.period.year}-01"
    before = data.period.previous().key
    if st.previous_rank is not None and st.previous_month is not None:  # set together
        moves.append(
            msg(
                "text.move_prev",
                movement=an.movement(st.previous_rank, st.rank)[1],
                period=parse_period(st.previous_month).label(),
            )
        )
    elif data.month != january and data.period.kind == "month":  # a month not stored: said
        moves.append(msg("text.move_unknown", period=parse_period(before).label()))
    if data.period.kind == "month" and before != january and data.month != january:
        if st.january_rank is not None:
            moves.append(
                msg(
                    "text.move_jan",
                    movement=an.movement(st.january_rank, st.rank)[1],
                    year=data.period.year,
                )
            )
        else:
            moves.append(msg("text.move_unknown", period=parse_period(january).label()))
    label = period_label(data)
    return msg(
        "text.headline" if data.period.kind == "month" else "text.headline_period",
        period=label,
        period_capital=label[:1].upper() + label[1:],
        province=data.province_label,
        total=fmt.points(st.total),
        rank=st.rank_text + "",
        movements=(", " + msg("text.and").join(moves)) if moves else "",
    )


def period_label(data: an.MonthData) -> str:
    """The period as titles and sentences name it; a year-to-date captured before its month
    ended runs to the day it was taken ("từ đầu năm đến ngày 16/10/2025")."""
    state = an.capture_state(data)
    if data.period.kind == "ytd" and state.provisional and state.captured is not None:
        return msg("period.label.ytd", end=fmt.day(state.captured))
    return data.period.label()


def context_lines(data: an.MonthData) -> list[str]:
    """The lines under the headline: whether the figures are provisional and what moved since
    the capture before, the gaps to the country and to the same period a year earlier, and the
    structure the ranks are out of."""
    return [*capture_lines(data), *standing_lines(data), *structure_lines(data)]


def capture_lines(data: an.MonthData) -> list[str]:
    """ "Kết quả tạm tính, số liệu đến ngày 16/10/2025 ..." for a period captured before it
    ended, and the moves since the capture before (a province missing from it: unknown, never
    zero)."""
    state = an.capture_state(data)
    lines = []
    if state.provisional and state.captured is not None:
        lines.append(msg("capture.provisional", date=fmt.day(state.captured)))
    if state.previous_folder is None:
        return lines
    when = (
        msg("capture.previous_on", date=fmt.day(state.previous_captured))
        if state.previous_captured
        else msg("capture.previous_folder", folder=state.previous_folder)
    )
    own = state.province
    if own is None:
        province = msg("capture.province_unknown", province=data.province_label)
    else:
        rank = (
            msg("capture.rank_same", rank=fmt.rank(own.rank_after, an.standing(data).size))
            if own.rank_before == own.rank_after
            else msg("capture.rank_moved", before=own.rank_before, after=own.rank_after)
        )
        province = msg(
            "capture.province",
            province=data.province_label,
            before=fmt.points(own.before),
            after=fmt.points(own.after),
            change=_signed(own.change),
            rank=rank,
        )
    movers = "; ".join(
        msg("capture.mover", name=m.name, change=_signed(m.change)) for m in state.movers
    )
    lines.append(
        msg(
            "capture.moved",
            when=when,
            province=province,
            totals=state.changed_totals,
            ranks=state.changed_ranks,
            compared=state.compared,
            movers=msg("capture.movers", items=movers) if movers else "",
        )
    )
    return lines


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "−") + fmt.points(abs(value))


def standing_lines(data: an.MonthData) -> list[str]:
    """What the headline's figures mean against the country: the gap to the national average
    (the portal's stated average when its file states one, else the mean of the totals)."""
    st = an.standing(data)
    words = an.average_words(st.total, st.national_average, st.average_stated)
    lines = [msg("text.average", province=data.province_label, words=words)]
    if st.last_year is not None:
        lines.append(last_year_line(data, st))
    return lines


def last_year_line(data: an.MonthData, st: an.Standing) -> str:
    """The same period a year earlier: movement and score change, and through which series
    ("cùng kỳ năm trước")."""
    ly = st.last_year
    assert ly is not None
    points = last_year_points(data, st)
    via = msg(f"last_year.via.{ly.via}")
    if ly.comparable:
        movement = an.movement(ly.rank, st.rank)[1]
        return msg(
            "text.last_year",
            period=parse_period(ly.period).label(),
            movement=movement,
            rank=fmt.rank(ly.rank, ly.size),
            points=points,
            via=via,
        )
    return msg(
        "text.last_year_other",
        period=parse_period(ly.period).label(),
        rank=fmt.rank(ly.rank, ly.size),
        points=points,
        via=via,
    )


def last_year_points(data: an.MonthData, st: an.Standing) -> str:
    """The score change since the same period a year earlier ("−21,40 điểm"), or, when the
    portal's formulas changed in between (2026 against 2025), that levels are not compared."""
    ly = st.last_year
    assert ly is not None
    if not ly.same_scoring:
        previous = parse_period(ly.period).year
        return msg("text.scoring_changed", year=data.period.year, previous=previous)
    change = round(st.total - ly.total, 2)
    return msg(
        "text.points_change", sign="+" if change >= 0 else "−", value=fmt.points(abs(change))
    )


def group_highlights(data: an.MonthData, max_rank: int | None = None) -> list[str]:
    """A sentence for each group where the province ranks within `max_rank` nationally."""
    max_rank = max_rank or data.settings.highlight_rank
    table = an.group_table(data)
    return [
        msg(
            "text.group_highlight",
            name=data.province_name,
            rank=r.rank_text,
            group=BY_CODE[r.code].notice,
            share=fmt.percent(r.share),
        )
        for r in table.sort_values(["rank", "code"]).itertuples()
        if r.rank <= max_rank
    ]


def overall(data: an.MonthData) -> str:
    """ "... hiện nay, tỉnh đạt 77,73%, xếp hạng 17/63." """
    st = an.standing(data)
    return msg("text.overall", share=fmt.points(st.total) + "%", rank=st.rank_text)


def _after_merger(data: an.MonthData) -> bool:
    """Whether the month falls in the two-level structure (no district level) of 1/7/2025."""
    return structure(data.period.end) == POST_MERGER


def level_key(data: an.MonthData, level: str) -> str:
    """A level's message suffix for the month's structure: after 1/7/2025 communes are "xã,
    phường, đặc khu" and a ward is named as one ("phường Hố Nai", not "xã Hố Nai")."""
    return f"{level}_34" if _after_merger(data) and level == "commune" else str(level)


def local_levels(data: an.MonthData) -> str:
    """Which local levels the month's structure has, in its own words."""
    return msg(f"text.{'levels_34' if _after_merger(data) else 'levels'}")


def late_item_name(data: an.MonthData, level: str, short_name: str, unit_name: str) -> str:
    """How a late list names a unit: its short name ("Đồng Phú" under "UBND các huyện"); after
    1/7/2025 a commune-level unit by its kind and name ("phường Hố Nai", "xã Dầu Giây")."""
    if level_key(data, level) != str(level):
        return unit_name.removeprefix(msg("text.council_prefix"))
    return short_name


def late_lines(data: an.MonthData, threshold: int | None = None) -> list[str]:
    """The notice's lists of units with late dossiers, one line per level in official order."""
    threshold = threshold if threshold is not None else data.settings.late_threshold
    if not data.has_dossiers:  # no Biểu 06 this month: say so, never "no late units"
        return [dossier_summary(data)]
    lists = an.late_lists(data, threshold)
    lines = []
    for level, frame in lists.items():
        if frame.empty:
            continue
        items = "; ".join(
            msg(
                "text.late_item",
                name=late_item_name(data, level, r.short_name, r.unit_name),
                count=int(r.late),
            )
            for r in frame.itertuples()
        )
        heading = msg(f"text.late_heading.{level_key(data, level)}")
        lines.append(msg("text.late_line", heading=heading, items=items))
    if not lines:
        return [msg("text.late_none", period=data.period.label(), threshold=threshold)]
    return [msg("text.late_intro", threshold=threshold), *lines]


def dossier_counts(data: an.MonthData) -> dict[str, int]:
    """The month's dossier totals the summary sentence states (all units together)."""
    d = an.dossier_table(data)

    def total(*columns: str) -> int:
        return int(sum(d[c].fillna(0).sum() for c in columns))

    return {
        "received": total("received_total"),
        "resolved": total("resolved_total"),
        "on_time": total("resolved_early", "resolved_on_time"),
        "resolved_late": total("resolved_late"),
        "pending": total("pending_total"),
        "pending_overdue": total("pending_overdue"),
        "late": total("late"),
    }


def dossier_summary(data: an.MonthData) -> str:
    """Received, resolved (on time, and resolved late) and pending (of which overdue): two
    different late counts, each named, so that the sentence's numbers add up."""
    if not data.has_dossiers and data.period.kind != "month":  # dossiers come by month
        return msg("text.dossiers_monthly", period=period_label(data))
    if not data.has_dossiers:
        return msg("text.dossiers_missing", period=data.period.label())
    c = dossier_counts(data)
    return msg(
        "text.dossiers",
        period=data.period.label(),
        received=fmt.count(c["received"]),
        resolved=fmt.count(c["resolved"]),
        on_time=fmt.count(c["on_time"]),
        rate=fmt.percent(c["on_time"] / c["resolved"] if c["resolved"] else None),
        resolved_late=fmt.count(c["resolved_late"]),
        pending=fmt.count(c["pending"]),
        pending_overdue=fmt.count(c["pending_overdue"]),
    )


def dossier_section(data: an.MonthData, threshold: int | None = None) -> list[str]:
    """Section II.1 of the notice: the dossier figures, then the late lists (or, without a
    Biểu 06 for the month, the one sentence saying so)."""
    if not data.has_dossiers:
        return [dossier_summary(data)]
    return [dossier_summary(data), *late_lines(data, threshold)]


def late_publications(data: an.MonthData) -> list[dict[str, str]]:
    """Rows of the notice's table of late publication decisions (STT, decision, the unit with
    its submission, and the working days it was late, which the report states)."""
    table = an.publication_lateness(data)
    rows = []
    for i, r in enumerate(table[table["is_late"]].itertuples(), 1):
        rows.append(
            {
                "stt": str(i),
                "decision": msg(
                    "text.publication_late",
                    decision=r.ministry_decision,
                    date=_date(r.ministry_date),
                    issuer=r.issuer or "",
                    summary=r.summary or "",
                ).strip(),
                "unit": msg(
                    "text.publication_unit",
                    unit=r.preparing_unit,
                    submission=r.submission,
                    date=_date(r.submission_date),
                ),
                "days": str(int(r.late_days)),
            }
        )
    return rows


def _date(d) -> str:
    """09/4/2024: day padded, month not, as the notices write dates."""
    return f"{d.day:02d}/{d.month}/{d.year}" if d else "-"


def publication_lines(data: an.MonthData) -> list[str]:
    """Section II.2 as text: each late publication, or that there was none."""
    rows = late_publications(data)
    if not rows:
        return [msg("text.publication_none", period=data.period.label())]
    return [msg("text.publication_line", **r) for r in rows]


def structure_lines(data: an.MonthData) -> list[str]:
    """What a reader must know when the year spans the 1/7/2025 reorganisation: ranks out of 34
    are not compared with ranks out of 63; the predecessors' scores, if loaded, as a labelled
    bridge."""
    restated = [msg("series.restated_note")] if data.restated else []
    if not an.crosses_merger(data):
        return restated
    lines = [*restated, msg("merger.note")]
    bridge = an.predecessor_scores(data)
    if not bridge.empty:
        items = "; ".join(
            msg(
                "merger.bridge_item",
                name=r.unit_name,
                period=parse_period(r.period).label(),
                total=fmt.points(r.total),
                rank=fmt.rank(r.rank_total, r.cohort_size),
            )
            for r in bridge.itertuples()
        )
        lines.append(msg("merger.bridge", items=items))
    return lines


def _who(data: an.MonthData, code: str) -> str:
    """ " Đơn vị còn nhiều nhất: ..." naming the units with the most left to count for an
    indicator, or nothing."""
    units = an.units_losing_most(data.indicators, code, 3)
    units = units[units["missing"] > 0]
    if units.empty:
        return ""
    named = "; ".join(
        msg("plan.unit", name=r.unit_name, count=fmt.count(int(r.missing)))
        for r in units.itertuples()
    )
    return " " + msg("plan.units", units=named)


def plan_lines(
    data: an.MonthData, *, points: float | None = None, rank: int | None = None
) -> list[str]:
    """The ranked action list for a target of +`points` (or a national `rank`); without
    either, the run's target points."""
    if data.indicators.empty:
        return [msg("plan.none")]
    gain, actions = an.improvement_plan(data, points=points, rank=rank)
    if rank is not None and gain <= 0:
        return [msg("plan.already", rank=fmt.rank(rank, an.standing(data).size))]
    head = (
        msg(
            "plan.target_rank", rank=fmt.rank(rank, an.standing(data).size), points=fmt.points(gain)
        )
        if rank is not None
        else msg("plan.target_points", points=fmt.points(gain))
    )
    lines = [head]
    for line, action in zip(an.describe(actions), actions, strict=True):
        lines.append(f"{line}{_who(data, action.code)}")
    metrics = an.province_indicators(data)
    largest = metrics.iloc[0] if not metrics.empty and metrics["lost"].iloc[0] > 0 else None
    if largest is not None and largest["code"] not in {a.code for a in actions}:
        # the cheapest actions skip the largest loss: say what recovering it takes, and who
        catalogue = data.project.catalogue_for(data.period)
        whole = an.plan(metrics[metrics["code"] == largest["code"]], catalogue, largest["lost"])
        if whole:
            text = msg(
                "plan.largest",
                label=largest["label"],
                lost=fmt.points(largest["lost"]),
                text=whole[0].text,
                points=fmt.points(whole[0].points),
            )
            lines.append(f"{text}{_who(data, largest['code'])}")
    if note := an.assumed_note([a.code for a in actions], data.project.catalogue_for(data.period)):
        lines.append(note)  # points promised from an assumed formula are marked as such
    reached = sum(a.points for a in actions)
    if reached + 1e-9 < gain:
        lines.append(msg("plan.impossible", points=fmt.points(reached)))
    return lines
