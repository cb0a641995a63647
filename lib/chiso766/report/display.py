"""What the notebooks display: tables with Vietnamese headers and number formats, key figures
and sentences, as HTML in which every data-derived text is escaped.

Every helper returns an `Html` that displays itself (`_repr_html_`) with its own stylesheet,
scoped by the `c766` class, so a table or a card looks the same in JupyterLab (whose own table
rules right-align every cell) and in the HTML report: text left, numbers right, long tables
scrolling inside a frame under a sticky header. A helper never returns None: with nothing to
show it says so (a note), or, where a section has no place this month, returns `nothing()`,
which displays as an invisible marker (so a cell that shows nothing did so on purpose)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from chiso766 import analysis as an
from chiso766 import formatting as fmt
from chiso766.messages import msg
from chiso766.reference.groups import BY_CODE, GROUP_CODES
from chiso766.reference.periods import parse_period
from chiso766.report import narrative
from chiso766.store.fields import COUNT_FIELDS
from chiso766.store.quality import for_display

# Selectors start with `.c766` and an element class, so they outweigh JupyterLab's
# `.jp-RenderedHTMLCommon td` / `tbody tr:nth-child(odd)` rules and nothing else is touched.
STYLE = """
.c766 { color: #1c2833; font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  line-height: 1.5; }
.c766 h2.c766-h { font-size: 1.3rem; color: #1f4e79; margin: 1.2em 0 0.4em; }
.c766 .c766-frame { max-height: 32rem; overflow: auto; margin: 8px 0 20px; width: fit-content;
  max-width: 100%; border: 1px solid #d5dbe1; }
.c766 table.c766-t { border-collapse: separate; border-spacing: 0; margin: 0; font-size: 0.86rem;
  table-layout: auto; background: #fff; color: #1c2833; }
.c766 p.c766-cap { font-weight: 600; margin: 14px 0 0; }
.c766 table.c766-t th { position: sticky; top: 0; z-index: 1; background: #1f4e79; color: #fff;
  font-weight: 600; padding: 6px 8px; text-align: left; vertical-align: bottom;
  white-space: normal; border: 0; border-right: 1px solid #3d6a94; }
.c766 table.c766-t td { padding: 4px 8px; text-align: left; vertical-align: top;
  white-space: normal; border: 0; border-right: 1px solid #d5dbe1;
  border-bottom: 1px solid #d5dbe1; max-width: 32rem; }
.c766 table.c766-t th.num { text-align: right; }
.c766 table.c766-t td.num { text-align: right; white-space: nowrap;
  font-variant-numeric: tabular-nums; }
.c766 table.c766-t td.wide { min-width: 16rem; }
.c766 table.c766-t td.short { white-space: nowrap; }
.c766 table.c766-t tbody tr:nth-child(odd) { background: #fff; }
.c766 table.c766-t tbody tr:nth-child(even) { background: #f4f6f8; }
.c766 table.c766-t tbody tr:hover { background: #e8eef5; }
.c766 table.c766-t tbody tr.hl td { background: #fdecea; }
.c766 .c766-kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 20px; }
.c766 .c766-kpi { border: 1px solid #d5dbe1; border-left: 5px solid #1f4e79; border-radius: 6px;
  padding: 10px 14px; min-width: 150px; background: #fff; }
.c766 .c766-kpi-v { font-size: 1.45rem; font-weight: 700; color: #1f4e79; line-height: 1.3; }
.c766 .c766-kpi-l { font-size: 0.82rem; color: #5d6d7e; }
.c766 .c766-kpi.up { border-left-color: #1e7b3c; }
.c766 .c766-kpi.up .c766-kpi-v { color: #1e7b3c; }
.c766 .c766-kpi.down { border-left-color: #b03a2e; }
.c766 .c766-kpi.down .c766-kpi-v { color: #b03a2e; }
.c766 .c766-kpi.same .c766-kpi-v { color: #5d6d7e; }
.c766 .c766-notice { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 1.05rem;
  background: #fffdf5; border: 1px solid #ede3c2; border-radius: 6px; padding: 10px 18px;
  margin: 8px 0 16px; }
.c766 .c766-notice p { margin: 6px 0; text-align: justify; }
.c766 .c766-ok p, .c766 .c766-note p { margin: 6px 0; text-align: left; }
.c766 .c766-ok p { color: #1e8449; }
.c766 .c766-note p { color: #5d6d7e; font-style: italic; }
@media print { .c766 .c766-frame { max-height: none; overflow: visible; }
  .c766 .c766-kpi { break-inside: avoid; } }
"""
_STYLE_TAG = "<style>" + " ".join(line.strip() for line in STYLE.strip().splitlines()) + "</style>"
_CODE = re.compile(r"\b(?:[A-Z]{3,}_[A-Z_]+|[A-Z]{4}|score|numerator|denominator)\b")
_ARROWS = {" up": "▲", " down": "▼", " same": "■"}  # a movement card: better, worse
NOTHING = "<!-- chiso766: nothing to show -->"  # what `nothing()` displays
LONG_TABLE = 15  # rows above which a table scrolls inside its frame
WIDE_TEXT = 20  # characters above which a text column is kept at least 16rem wide
SHORT_TEXT = 14  # characters up to which a text column does not wrap ("giảm 2 bậc", "Trung bình")


class Html:
    """An HTML fragment that Jupyter displays (`_repr_html_`) and nbconvert keeps, carrying the
    stylesheet it needs. `markup` is the bare fragment (what `section` assembles)."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        if not self.markup:
            return NOTHING
        return f'<div class="c766">{_STYLE_TAG}{self.markup}</div>'

    def __str__(self) -> str:
        return self.markup


def nothing() -> Html:
    """What a cell shows when its part has no place this month (an empty section, a chart of
    data the month lacks): an invisible marker, never None."""
    return Html("")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    render: Callable[[Any], str] = str  # takes the cell's value, whatever its type
    numeric: bool = False
    missing: str = "-"  # what an empty cell shows
    nowrap: bool = False  # a code that must not break at its hyphens (a dossier code)


def _cell(value: object, render: Callable[[object], str], missing: str = "-") -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return missing
    return render(value)


def _cell_class(column: Column, longest: int) -> str:
    """Numbers right; long names keep a readable width when the table is wider than the page;
    short texts (movements, ratings) stay on one line."""
    if column.numeric:
        return " class=num"
    if column.nowrap:
        return " class=short"
    if longest > WIDE_TEXT:
        return " class=wide"
    return " class=short" if longest <= SHORT_TEXT else ""


def table(
    frame: pd.DataFrame,
    columns: list[Column],
    *,
    caption: str | None = None,
    highlight: pd.Series | None = None,
) -> Html:
    """A readable table: escaped text left, numbers right, optional highlighted rows; a long
    one scrolls inside its frame with the header kept in view. No rows: a note saying so."""
    if frame.empty:
        return note(msg("text.no_rows"))
    head = "".join(
        f"<th{' class=num' if c.numeric else ''}>{html.escape(c.header)}</th>" for c in columns
    )
    texts = [
        [_cell(row.get(c.key), c.render, c.missing) for c in columns] for _, row in frame.iterrows()
    ]
    longest = [max(len(r[j]) for r in texts) for j in range(len(columns))]
    css = [_cell_class(c, n) for c, n in zip(columns, longest, strict=True)]
    body = []
    for i, row in enumerate(texts):
        cls = ' class="hl"' if highlight is not None and bool(highlight.iloc[i]) else ""
        cells = "".join(f"<td{k}>{html.escape(t)}</td>" for k, t in zip(css, row, strict=True))
        body.append(f"<tr{cls}>{cells}</tr>")
    # the caption above the frame, so it stays in view (and wraps) when the table scrolls sideways
    cap = f'<p class="c766-cap">{html.escape(caption)}</p>' if caption else ""
    label = f' aria-label="{html.escape(caption)}"' if caption else ""
    frame_css = "c766-frame c766-long" if len(frame) > LONG_TABLE else "c766-frame"
    return Html(
        f'{cap}<div class="{frame_css}"><table class="c766-t"{label}><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def sentences(lines: list[str], *, css: str = "notice") -> Html:
    """Paragraphs of notice text (`css`: "notice", "ok" or "note"); no lines: nothing."""
    if not lines:
        return nothing()
    return Html(
        f'<div class="c766-{css}">' + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</div>"
    )


def note(text: str) -> Html:
    """A short remark in muted type (a table without rows, a part the month lacks)."""
    return sentences([text], css="note")


def kpis(items: list[tuple[str, str]], moves: dict[int, int | None] | None = None) -> Html:
    """Key figures as cards: (label, value). `moves` marks the cards that are movements (item
    index -> places gained): better green with ▲, worse red with ▼, never colour alone."""
    cards = []
    for i, (k, v) in enumerate(items):
        places = (moves or {}).get(i)
        css = "" if places is None else " up" if places > 0 else " down" if places < 0 else " same"
        arrow = f'<span aria-hidden="true">{_ARROWS[css]}</span> ' if css else ""
        cards.append(
            f'<div class="c766-kpi{css}"><div class="c766-kpi-v">{arrow}{html.escape(v)}</div>'
            f'<div class="c766-kpi-l">{html.escape(k)}</div></div>'
        )
    return Html(f'<div class="c766-kpis">{"".join(cards)}</div>')


def _num(key: str, header: str, render=fmt.points) -> Column:
    return Column(key, header, render, True)


def _score() -> Column:
    """A sub-indicator's score; a null one (nothing to count) shows "không phát sinh"."""
    return Column("score", msg("col.score"), fmt.points, True, msg("ind.no_score"))


def _monthly(frame: pd.DataFrame) -> bool:
    return all(parse_period(p).kind == "month" for p in frame.get("period", []))


def province_trend(frame: pd.DataFrame) -> Html:
    return table(
        frame,
        [
            Column(
                "period",
                msg("col.month" if _monthly(frame) else "col.period"),
                lambda p: parse_period(p).row_label(),
            ),
            _num("total", msg("col.total")),
            Column("rank_text", msg("col.rank")),
            Column(
                "movement_prev",
                msg("col.movement_prev" if _monthly(frame) else "col.movement_prev_period"),
            ),
            *([Column("movement_jan", msg("col.movement_jan"))] if _monthly(frame) else []),
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
    moves: dict[int, int | None] = {}
    if st.previous_rank is not None and st.previous_month is not None:  # set together
        prev = parse_period(st.previous_month).label()
        moves[len(items)], words = an.movement(st.previous_rank, st.rank)
        items.append((msg("kpi.prev", period=prev), words))
    if st.january_rank is not None:
        moves[len(items)], words = an.movement(st.january_rank, st.rank)
        items.append((msg("kpi.jan", year=data.period.year), words))
    if st.last_year is not None:
        ly = st.last_year
        label = msg("kpi.last_year", period=parse_period(ly.period).label())
        points = narrative.last_year_points(data, st)
        if not ly.same_scoring:  # the reason is a sentence: under the card, not its figure
            label, points = f"{label}: {points}", ""
        if ly.comparable:
            moves[len(items)], words = an.movement(ly.rank, st.rank)
        else:
            words = msg("kpi.last_year_other", rank=fmt.rank(ly.rank, ly.size))
        items.append((label, f"{words}, {points}" if points else words))
    items += [
        (msg("kpi.gap_leader", leader=st.leader), fmt.points(st.gap_to_leader)),
        (
            msg("kpi.gap_median"),
            ("+" if st.gap_to_median >= 0 else "") + fmt.points(st.gap_to_median),
        ),
        (
            msg("kpi.gap_average"),
            ("+" if st.gap_to_average >= 0 else "") + fmt.points(st.gap_to_average),
        ),
        (msg("kpi.rating"), st.rating),
    ]
    return kpis(items, moves)


def benchmark(frame: pd.DataFrame, size: int) -> Html:
    """The province, its region's provinces and its peers by rank (analysis.benchmark), the
    province's row highlighted."""
    return table(
        frame.assign(
            role=[
                "" if r == "province" else msg(f"chart.role.{r}", region=g)
                for r, g in zip(frame["role"], frame["region"], strict=True)
            ]
        ),
        [
            Column("short_name", msg("col.province")),
            Column("role", msg("col.role")),
            _num("total", msg("col.total")),
            Column("rank_total", msg("col.rank"), lambda r: fmt.rank(r, size)),
            _num("region_rank", msg("col.region_rank"), lambda r: str(int(r))),
            _num(
                "gap",
                msg("col.gap_to_province"),
                lambda v: ("+" if v > 0 else "−" if v < 0 else "") + fmt.points(abs(v)),
            ),
        ],
        highlight=frame["is_province"],
    )


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
    if frame.empty:
        return note(msg("text.no_dossiers"))
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
    """The units at or over the late threshold, by level (the narrative above names them)."""
    frames = [f.assign(level=level) for level, f in lists.items() if not f.empty]
    if not frames:
        return nothing()
    rows = pd.concat(frames, ignore_index=True)
    return table(
        rows,
        [
            Column("level", msg("col.level"), lambda v: msg(f"level.{v}")),
            Column("display_name", msg("col.unit")),  # with its district where names repeat
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


def quality(data: an.MonthData, severities: tuple[str, ...] = ("error", "warning")) -> Html:
    """The month's data-quality findings a reader should know about, with indicator and group
    codes and the exports' field names replaced by their Vietnamese names."""
    frame = data.quality
    shown = frame[frame["severity"].isin(severities)] if not frame.empty else frame
    if shown.empty:
        return sentences([msg("quality.none")], css="ok")
    names = {c: i.label for c, i in data.project.catalogue_for(data.period).items()}
    names |= {c: g.label for c, g in BY_CODE.items()}
    names |= {f: msg(f"col.{f}") for f in ("score", "numerator", "denominator")}
    readable = lambda text: _CODE.sub(lambda m: names.get(m[0], m[0]), text)  # noqa: E731
    vi = for_display(shown.assign(text=shown["text"].map(readable)))
    return table(vi, [Column(c, c, lambda v: readable(str(v))) for c in vi.columns])


def indicators(frame: pd.DataFrame) -> Html:
    """The province's sub-indicators with points lost (largest first), and one line naming
    those whose formula is assumed (the `assumed` column of analysis.province_indicators)."""
    if frame.empty:
        return note(msg("plan.none"))
    assumed = frame[frame["assumed"]]["label"].tolist() if "assumed" in frame else []
    caveat = sentences([msg("plan.assumed", labels=", ".join(assumed))]) if assumed else Html("")
    return _joined(
        table(
            frame,
            [
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
        caveat,
    )


def _joined(*parts: Html) -> Html:
    return Html("".join(str(p) for p in parts))


def indicator_units(frame: pd.DataFrame) -> Html:
    if frame.empty:  # one short line: show.indicators above says why
        return note(msg("ind.units_none"))
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
    body = "".join(p.markup for p in parts)
    return Html(f'<h2 class="c766-h">{html.escape(title)}</h2>{body}' if body else "")


# --- dossier lists (one row per dossier): see analysis.dossier_records ------------------------


def late_dossiers(frame: pd.DataFrame) -> Html:
    """Each late dossier by name: a table per level (captioned with the level, its dossiers and
    units), units in official order; no lists: a note."""
    if frame.empty:
        return note(msg("text.no_records"))
    columns = [
        Column("unit_name", msg("col.unit")),
        Column("dossier_code", msg("late.col.code"), nowrap=True),
        Column("procedure_name", msg("late.col.procedure_name")),
        Column("received_at", msg("late.col.received"), fmt.day),
        Column("due_at", msg("late.col.due"), fmt.day),
        # a pending overdue dossier has no finish: the cell says so (no state column, so the
        # table fits a page's width)
        Column("finished_at", msg("late.col.finished"), fmt.day, missing=msg("late.open")),
        _num("days_late", msg("late.col.days_late"), fmt.count),
    ]
    return Html(
        "".join(
            table(
                part,
                columns,
                caption=msg(
                    "late.caption",
                    level=msg(f"level.{level}"),
                    count=fmt.count(len(part)),
                    units=fmt.count(part["unit_id"].nunique()),
                ),
            ).markup
            for level, part in frame.groupby("level", sort=False)
        )
    )


def reconciliation(frame: pd.DataFrame) -> Html:
    """Biểu 06 computed from the lists against the Biểu 06 export: one green sentence when
    they agree, else each difference (unit, column, both figures) with its file and row; no
    lists: nothing (the late-dossier table says so)."""
    if frame.empty:
        return nothing()
    if (frame["code"] == "records.reconciled").all():
        return sentences(list(frame["text"]), css="ok")
    if (frame["code"] == "records.no_export").all():  # nothing to compare with
        return sentences(list(frame["text"]), css="note")
    return table(
        frame,
        [
            Column("text", msg("quality.text")),
            Column("file", msg("quality.file")),
            _num("row", msg("quality.row"), fmt.count),
        ],
        caption=msg("records.caption", count=fmt.count(len(frame))),
    )


def procedure_rates(frame: pd.DataFrame) -> Html:
    """On-time rate by procedure (or unit x procedure: with the unit's name)."""
    if frame.empty:  # no lists (the late-dossier table above says so), or no such rows
        return nothing()
    by_unit = "unit_name" in frame
    unit = [Column("unit_name", msg("col.unit"))] if by_unit else []
    return table(
        frame,
        [
            *unit,
            Column("procedure_code", msg("late.col.procedure_code")),
            Column("procedure_name", msg("late.col.procedure_name")),
            _num("resolved", msg("col.count.resolved_total"), fmt.count),
            _num("late", msg("col.count.resolved_late"), fmt.count),
            _num("on_time_rate", msg("col.on_time_rate"), fmt.percent),
        ],
        caption=msg("rates.caption_unit" if by_unit else "rates.caption"),
    )


def top_late_procedures(frame: pd.DataFrame) -> Html:
    if frame.empty:  # no lists (the late-dossier table above says so), or none late
        return nothing()
    return table(
        frame,
        [
            Column("procedure_code", msg("late.col.procedure_code")),
            Column("procedure_name", msg("late.col.procedure_name")),
            _num("late", msg("col.late"), fmt.count),
            _num("units", msg("col.units_with_late"), fmt.count),
        ],
        caption=msg("top_late.caption"),
    )


def overdue_ageing(frame: pd.DataFrame) -> Html:
    """Pending overdue dossiers per unit by working days overdue."""
    bands = [c for c in frame.columns if c in ("0-5", "6-20", ">20")]
    if frame.empty:  # no lists (the late-dossier table above says so), or none late
        return nothing()
    return table(
        frame,
        [
            Column("unit_name", msg("col.unit")),
            *[_num(b, msg("col.overdue_band", band=b), fmt.count) for b in bands],
        ],
        caption=msg("ageing.caption"),
    )


def progress_recovery(frame: pd.DataFrame) -> Html:
    """Per unit: its late dossiers and the progress points they cost; none: why (no lists, no
    late dossier, or a catalogue without the on-time term: `frame.attrs["reason"]`)."""
    if frame.empty:
        return note(msg(f"progress.none.{frame.attrs.get('reason', 'no_records')}"))
    return table(
        frame,
        [
            Column("unit_name", msg("col.unit")),
            _num("late", msg("col.late"), fmt.count),
            _num("points", msg("col.points_recovered"), fmt.points),
        ],
        caption=msg("progress.caption"),
    )
