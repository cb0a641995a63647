"""What the notebooks display: tables with Vietnamese headers and number formats, key figures
and sentences, as HTML in which every data-derived text is escaped."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from chiso766 import analysis as an
from chiso766 import formatting as fmt
from chiso766.ingest.columns import COUNT_FIELDS
from chiso766.messages import msg
from chiso766.reference.groups import BY_CODE, GROUP_CODES
from chiso766.reference.periods import parse_month
from chiso766.store.quality import for_display


class Html:
    """An HTML fragment that Jupyter displays (`_repr_html_`) and nbconvert keeps."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    render: Callable[[Any], str] = str  # takes the cell's value, whatever its type
    numeric: bool = False
    missing: str = "-"  # what an empty cell shows


def _cell(value: object, render: Callable[[object], str], missing: str = "-") -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return missing
    return render(value)


def table(
    frame: pd.DataFrame,
    columns: list[Column],
    *,
    caption: str | None = None,
    highlight: pd.Series | None = None,
) -> Html:
    """A readable table: escaped text, numbers right-aligned, optional highlighted rows."""
    head = "".join(f"<th>{html.escape(c.header)}</th>" for c in columns)
    body = []
    for i, (_, row) in enumerate(frame.iterrows()):
        cls = ' class="hl"' if highlight is not None and bool(highlight.iloc[i]) else ""
        cells = "".join(
            f"<td{' class=num' if c.numeric else ''}>"
            f"{html.escape(_cell(row.get(c.key), c.render, c.missing))}</td>"
            for c in columns
        )
        body.append(f"<tr{cls}>{cells}</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return Html(
        f'<table class="c766">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def sentences(lines: list[str], *, css: str = "notice") -> Html:
    """Paragraphs of notice text."""
    return Html(
        f'<div class="{css}">' + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</div>"
    )


def kpis(items: list[tuple[str, str]]) -> Html:
    """Key figures as cards: (label, value)."""
    cards = "".join(
        f'<div class="kpi"><div class="kpi-v">{html.escape(v)}</div>'
        f'<div class="kpi-l">{html.escape(k)}</div></div>'
        for k, v in items
    )
    return Html(f'<div class="kpis">{cards}</div>')


def _num(key: str, header: str, render=fmt.points) -> Column:
    return Column(key, header, render, True)


def _score() -> Column:
    """A sub-indicator's score; a null one (nothing to count) shows "không phát sinh"."""
    return Column("score", msg("col.score"), fmt.points, True, msg("ind.no_score"))


def province_trend(frame: pd.DataFrame) -> Html:
    return table(
        frame,
        [
            Column("period", msg("col.month"), lambda p: parse_month(p).short_label()),
            _num("total", msg("col.total")),
            Column("rank_text", msg("col.rank")),
            Column("movement_prev", msg("col.movement_prev")),
            Column("movement_jan", msg("col.movement_jan")),
            Column("rating", msg("col.rating")),
        ],
    )


def groups(frame: pd.DataFrame) -> Html:
    return table(
        frame,
        [
            Column("group", msg("col.group")),
            _num("score", msg("col.score")),
            _num("max", msg("col.max"), fmt.number),
            _num("share", msg("col.share"), fmt.percent),
            _num("lost", msg("col.lost")),
            Column("rank_text", msg("col.rank")),
            _num("median", msg("col.median")),
            _num("best", msg("col.best")),
        ],
    )


def standing(data: an.MonthData) -> Html:
    st = an.standing(data)
    items = [
        (msg("kpi.total"), msg("kpi.points", value=fmt.points(st.total))),
        (msg("kpi.rank"), st.rank_text),
    ]
    if st.previous_rank is not None and st.previous_month is not None:  # set together
        prev = parse_month(st.previous_month).label()
        items.append((msg("kpi.prev", period=prev), an.movement(st.previous_rank, st.rank)[1]))
    if st.january_rank is not None:
        items.append(
            (msg("kpi.jan", year=data.period.year), an.movement(st.january_rank, st.rank)[1])
        )
    items += [
        (msg("kpi.gap_leader", leader=st.leader), fmt.points(st.gap_to_leader)),
        (
            msg("kpi.gap_median"),
            ("+" if st.gap_to_median >= 0 else "") + fmt.points(st.gap_to_median),
        ),
        (msg("kpi.rating"), st.rating),
    ]
    return kpis(items)


def unit_table(frame: pd.DataFrame) -> Html:
    """Phụ lục 1 / 2: units in official order."""
    return table(
        frame,
        [
            Column("stt", msg("col.stt")),
            Column("unit", msg("col.unit")),
            *[_num(c, BY_CODE[c].short) for c in GROUP_CODES],
            _num("total", msg("col.total")),
            Column("rank_text", msg("col.rank")),
            Column("movement", msg("col.movement_prev")),
            Column("rating", msg("col.rating")),
        ],
    )


def movers(frame: pd.DataFrame) -> Html:
    return table(
        frame,
        [
            Column("unit", msg("col.unit")),
            _num("total", msg("col.total")),
            _num("change_total", msg("col.change_total")),
            Column("movement", msg("col.movement_prev")),
        ],
    )


def group_losses(frame: pd.DataFrame) -> Html:
    return table(
        frame,
        [
            Column("group", msg("col.group")),
            _num("max", msg("col.max"), fmt.number),
            _num("mean_score", msg("col.score")),
            _num("mean_lost", msg("col.lost")),
            _num("share", msg("col.share"), fmt.percent),
        ],
    )


def costliest_units(frame: pd.DataFrame) -> Html:
    return table(
        frame,
        [
            Column("display_name", msg("col.unit")),
            Column("level", msg("col.level"), lambda v: msg(f"level.{v}")),
            _num("total", msg("col.total")),
            _num("lost", msg("col.lost")),
        ],
    )


def dossiers(frame: pd.DataFrame) -> Html:
    """Phụ lục 3: Biểu 06 per unit with the on-time rate; units with late dossiers stand out."""
    shown = frame.assign(stt=range(1, len(frame) + 1))
    return table(
        shown,
        [
            Column("stt", msg("col.stt")),
            Column("display_name", msg("col.unit")),
            *[_num(k, msg(f"col.count.{k}"), fmt.count) for k in COUNT_FIELDS],
            _num("on_time_rate", msg("col.on_time_rate"), fmt.percent),
            _num("late", msg("col.late"), fmt.count),
        ],
        highlight=frame["late"] > 0,
    )


def late_list(lists: dict[str, pd.DataFrame]) -> Html:
    rows = pd.concat([f.assign(level=level) for level, f in lists.items()], ignore_index=True)
    return table(
        rows,
        [
            Column("level", msg("col.level"), lambda v: msg(f"level.{v}")),
            Column("unit_name", msg("col.unit")),
            _num("late", msg("col.late"), fmt.count),
        ],
    )


def publications(frame: pd.DataFrame) -> Html:
    if frame.empty:
        return sentences([msg("text.no_publications")])
    day = lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}"  # noqa: E731
    return table(
        frame,
        [
            Column("ministry_decision", msg("col.decision")),
            Column("ministry_date", msg("col.decision_date"), day),
            Column("preparing_unit", msg("col.preparing_unit")),
            Column("submission", msg("col.submission")),
            Column("submission_date", msg("col.submission_date"), day),
            Column("deadline", msg("col.deadline"), day),
            _num("late_days", msg("col.late_days"), lambda v: str(int(v))),
        ],
        highlight=frame["is_late"],
    )


def quality(frame: pd.DataFrame, severities: tuple[str, ...] = ("error", "warning")) -> Html:
    """The month's data-quality findings a reader should know about."""
    shown = frame[frame["severity"].isin(severities)] if not frame.empty else frame
    if shown.empty:
        return sentences([msg("quality.none")], css="ok")
    vi = for_display(shown)
    return table(vi, [Column(c, c) for c in vi.columns])


def indicators(frame: pd.DataFrame) -> Html:
    """The province's sub-indicators with points lost (largest first), and one line naming
    those whose formula is assumed (the `assumed` column of analysis.province_indicators)."""
    if frame.empty:
        return sentences([msg("plan.none")], css="ok")
    assumed = frame[frame["assumed"]]["label"].tolist() if "assumed" in frame else []
    note = sentences([msg("plan.assumed", labels=", ".join(assumed))]) if assumed else Html("")
    return _joined(
        table(
            frame,
            [
                Column("code", msg("col.code")),
                Column("label", msg("col.indicator")),
                Column("group", msg("col.group"), lambda c: BY_CODE[c].short),
                _num("numerator", msg("col.numerator"), fmt.count),
                _num("denominator", msg("col.denominator"), fmt.count),
                _num("ratio", msg("col.share"), fmt.percent),
                _score(),
                _num("max_score", msg("col.max"), fmt.number),
                _num("lost", msg("col.lost")),
            ],
        ),
        note,
    )


def _joined(*parts: Html) -> Html:
    return Html("".join(str(p) for p in parts))


def indicator_units(frame: pd.DataFrame) -> Html:
    if frame.empty:
        return Html("")
    return table(
        frame,
        [
            Column("label", msg("col.indicator")),
            Column("display_name", msg("col.unit")),
            _num("numerator", msg("col.numerator"), fmt.count),
            _num("denominator", msg("col.denominator"), fmt.count),
            _num("missing", msg("col.uncounted"), fmt.count),
            _score(),
        ],
    )


def section(title: str, *parts: Html) -> Html:
    """A titled block, shown only when it has content (so a month without sub-indicator data
    shows nothing rather than an empty heading)."""
    body = "".join(str(p) for p in parts if str(p))
    return Html(f"<h2>{html.escape(title)}</h2>{body}" if body else "")
