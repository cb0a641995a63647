"""The month's index.html as the brief a leader reads in two minutes, on one printed A4 page: the
headline, the key figures with their movements (arrow, words and colour), the rank since
January, the three things to fix with the units responsible, the late dossiers, then the links
to the detailed pages; executed notebooks and figure files in a small section for analysts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from chiso766 import analysis as an
from chiso766 import formatting as fmt
from chiso766.messages import msg
from chiso766.reference.periods import parse_period
from chiso766.report import late_dossiers, narrative, notice_facts, pdf

TEMPLATES = Path(__file__).parent / "templates"
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD, SPARK_LEFT = 240, 64, 12, 26  # the sparkline, CSS px


@dataclass(frozen=True)
class Move:
    """A comparison as the brief shows it: arrow, words and a colour class (never colour
    alone)."""

    label: str
    arrow: str
    words: str
    detail: str
    css: str  # "up" (better), "down" (worse) or "same"


def _move(label: str, places: int | None, words: str, points: float) -> Move:
    if places is None:
        return Move(label, "", "", "", "same")
    css = "up" if places > 0 else "down" if places < 0 else "same"
    arrow = {"up": "▲", "down": "▼", "same": "■"}[css]
    detail = msg(
        "brief.points_change", sign="+" if points >= 0 else "−", value=fmt.points(abs(points))
    )
    return Move(label, arrow, words, detail, css)


def movements(data: an.MonthData) -> list[Move]:
    """Against the previous month and against January, when the year holds them."""
    trend = an.province_trend(data).set_index("period")
    if data.month not in trend.index:
        return []
    now = trend.loc[data.month]
    out = []
    st = an.standing(data)
    if st.previous_month is not None:
        before = trend.loc[st.previous_month]
        places, words = an.movement(st.previous_rank, st.rank)
        label = msg("kpi.prev", period=parse_period(st.previous_month).label())
        out.append(_move(label, places, words, now["total"] - before["total"]))
    if st.january_rank is not None and st.previous_month != f"{data.period.year}-01":
        january = trend.loc[f"{data.period.year}-01"]
        places, words = an.movement(st.january_rank, st.rank)
        label = msg("kpi.jan", year=data.period.year)
        out.append(_move(label, places, words, now["total"] - january["total"]))
    if st.last_year is not None:
        out.append(last_year_move(data, st))
    return out


def last_year_move(data: an.MonthData, st: an.Standing) -> Move:
    """The same period a year earlier, labelled with the series it compares through; across
    the merger without the restated series, the predecessor's rank (out of 63) is shown, not a
    movement; across a change of the portal's formulas, no score difference."""
    ly = st.last_year
    assert ly is not None
    label = msg(
        "brief.last_year",
        period=parse_period(ly.period).label(),
        via=msg(f"last_year.via.{ly.via}"),
    )
    detail = narrative.last_year_points(data, st)
    if ly.comparable:
        places, words = an.movement(ly.rank, st.rank)
        return replace(_move(label, places, words, 0.0), detail=detail)
    words = msg("brief.last_year_rank", rank=fmt.rank(ly.rank, ly.size))
    return Move(label, "", words, detail, "same")


@dataclass(frozen=True)
class Sparkline:
    """The province's national rank month by month, rank 1 at the top, bounded by the cohort."""

    points: str  # the polyline's "x,y x,y ..."
    dots: list[tuple[float, float, str, str]]  # x, y, month tick, rank text
    left: int  # where the plot starts (the bounds' labels are left of it)
    width: int
    height: int
    top: str  # the axis' bounds as labels: "1" and the cohort size
    bottom: str
    alt: str


def sparkline(data: an.MonthData) -> Sparkline | None:
    """The months of the year ranked in the same cohort as this month (ranks out of 34 are not
    joined to ranks out of 63); None with fewer than two such months."""
    trend = an.province_trend(data)
    size = an.standing(data).size
    trend = trend[trend["size"] == size]
    if len(trend) < 2:
        return None
    inner_w = SPARK_WIDTH - SPARK_LEFT - SPARK_PAD
    inner_h = SPARK_HEIGHT - 2 * SPARK_PAD
    first, last = int(trend["month"].iloc[0]), int(trend["month"].iloc[-1])
    step = inner_w / (last - first)  # by month: a month missing from the year leaves a gap
    dots = []
    for r in trend.itertuples():
        x = SPARK_LEFT + (r.month - first) * step
        y = SPARK_PAD + (r.rank - 1) / max(size - 1, 1) * inner_h
        dots.append((round(x, 1), round(y, 1), parse_period(r.period).tick_label(), r.rank_text))
    months = [parse_period(p) for p in trend["period"]]
    alt = msg(
        "brief.spark_alt" if data.period.kind == "month" else "brief.spark_alt_period",
        first=months[0].month if data.period.kind == "month" else months[0].label(),
        last=months[-1].month if data.period.kind == "month" else months[-1].label(),
        year=data.period.year,
        ranks="; ".join(f"{t} {rank}" for _, _, t, rank in dots),
    )
    return Sparkline(
        points=" ".join(f"{x},{y}" for x, y, _, _ in dots),
        dots=dots,
        left=SPARK_LEFT,
        width=SPARK_WIDTH,
        height=SPARK_HEIGHT,
        top="1",
        bottom=str(size),
        alt=alt,
    )


def target_line(data: an.MonthData) -> str | None:
    """How far the province is from the run's target rank ("để vào nhóm 10 cả nước cần thêm
    X điểm"), or that it is within it; None when no target rank is set."""
    target = data.settings.target_rank
    if target is None:
        return None
    national = data.national()
    mine = national["unit_id"] == data.province_id
    own = float(national.loc[mine, "total"].iloc[0])
    if an.standing(data).rank <= target:
        return msg("brief.target_within", rank=target)
    gain = an.gain_for_rank(national.loc[~mine, "total"], own, target)
    return msg("brief.target_gap", rank=target, points=fmt.points(gain))


def benchmark_lines(data: an.MonthData) -> list[str]:
    """The province within its region ("thứ 1/6 vùng Đông Nam Bộ: ...") and beside its peers,
    each province with its score and national rank; nothing for what the month lacks."""
    table = an.benchmark(data)
    size = an.standing(data).size

    def items(rows) -> str:
        return "; ".join(
            msg(
                "brief.bench_item",
                name=r.short_name,
                total=fmt.points(r.total),
                rank=fmt.rank(r.rank_total, size),
            )
            for r in rows.itertuples()
        )

    region = table[table["in_region"]]
    me = region[region["is_province"]]
    lines = []
    if len(region) > 1 and not me.empty:
        others = region[~region["is_province"]]
        lines.append(
            msg(
                "brief.region",
                region=me["region"].iloc[0],
                items=items(others),
                rank=int(me["region_rank"].iloc[0]),
                size=len(region),
            )
        )
    peers = table[table["is_peer"] & ~table["in_region"]]
    if not peers.empty:
        lines.append(msg("brief.peers", items=items(peers)))
    return lines


def _level_words(data: an.MonthData, level: str) -> str:
    return msg(f"brief.cohort.{narrative.level_key(data, level)}")


def _gap_words(gap: float, above: str, below: str, same: str) -> str:
    if abs(gap) < 0.005:
        return msg(same)
    return msg(below if gap > 0 else above, value=fmt.points(abs(gap)))


def actions(data: an.MonthData) -> list[dict[str, str]]:
    """The three groups to work on first, as the brief writes them."""
    out = []
    for p in an.priorities(data):
        units = [
            msg(
                "brief.unit",
                name=u.name,
                score=fmt.points(u.score),
                max=fmt.number(u.max),
                rank=u.rank_text,
                cohort=_level_words(data, u.level),
            )
            for u in p.units
        ]
        out.append(
            {
                "title": msg(
                    "brief.action_title",
                    group=p.group,
                    rank=p.rank_text,
                    score=fmt.points(p.score),
                    max=fmt.number(p.max),
                ),
                "gaps": msg(
                    "brief.action_gaps",
                    lost=fmt.points(p.lost),
                    median=_gap_words(
                        p.gap_median, "brief.above_median", "brief.below_median", "brief.at_median"
                    ),
                    leader=_gap_words(
                        p.gap_leader, "brief.above_leader", "brief.below_leader", "brief.at_leader"
                    ),
                ),
                "units": msg("brief.units", units="; ".join(units)) if units else "",
                "step": msg("brief.step", step=p.step or msg(f"brief.do.{p.code.lower()}")),
            }
        )
    return out


def _late(data: an.MonthData) -> tuple[str, list[str]]:
    """The dossier sentence and the late lists (or the one sentence saying there are none)."""
    if not data.has_dossiers:
        return narrative.dossier_summary(data), []
    return narrative.dossier_summary(data), narrative.late_lines(data)


# The figures the brief shows, in analysis.caveats' words: its warnings are repeated here.
BRIEF_FIGURES = {"national", "trend", "units", "dossiers"}
MAX_CAVEATS = 5  # the brief is one page: the rest are counted, on the summary page in full


def caveats(data: an.MonthData) -> list[str]:
    """ "Lưu ý về số liệu": the month's warnings that touch a figure shown here, each with its
    file, sheet, row and column; nothing when there are none."""
    found = an.warnings_touching(data, BRIEF_FIGURES)
    lines = [str(issue) for issue in found[:MAX_CAVEATS]]
    if len(found) > MAX_CAVEATS:
        more = len(found) - MAX_CAVEATS
        lines.append(msg("brief.caveats_more", count=more, page=page_title(data, "05_summary")))
    return lines


def page_title(data: an.MonthData, name: str) -> str:
    """A detailed page's title, in the words of the month's structure."""
    if name == "03_local_units" and narrative.level_key(data, "commune") != "commune":
        name = f"{name}_34"  # no district level after 1/7/2025
    return msg(f"nb.{name}")


def how_to_fill(data: an.MonthData) -> str:
    """Where the analyst sets the notice's missing values (the analysts' section; the reader
    sees only what is missing, beside the notice)."""
    if data.period.kind != "month":
        return ""
    hows = notice_facts.facts(data).how_to_fill()
    return f"{msg('doc.how_to_fill')} {'; '.join(hows)}." if hows else ""


def documents(data: an.MonthData, folder: Path) -> list[dict[str, str | None]]:
    """The workbook, the draft notice and the units' explanation files (giai_trinh/, from the
    dossier lists) as the brief links them, each with its note (none for a period other than
    a month: those are monthly)."""
    month = data.month
    if data.period.kind != "month":
        return []
    to_fill = notice_facts.facts(data).to_fill()
    notes = [msg("doc.to_fill", fields=" ".join(to_fill))] if to_fill else []
    has_pdf = (folder / f"thong_bao_{month}.pdf").is_file()
    if not has_pdf:  # one line on how to get it
        if not data.settings.pdf:
            notes.append(msg("doc.pdf_off"))
        else:
            notes.append(msg("doc.pdf_failed" if pdf.available() else "doc.pdf_missing"))
    links: list[dict[str, str | None]] = [
        {
            "href": f"phu_luc_{month}.xlsx",
            "title": msg("report.workbook"),
            "note": msg("report.csv_note"),
        },
        {
            "href": f"thong_bao_{month}.docx",
            "title": msg("report.notice"),
            # one line: a note ending a sentence loses its full stop before the next ("; ")
            "note": "; ".join([n.rstrip(".") for n in notes[:-1]] + notes[-1:]) or None,
        },
    ]
    if has_pdf:
        links.append(
            {"href": f"thong_bao_{month}.pdf", "title": msg("doc.pdf_title"), "note": None}
        )
    units = len(list((folder / late_dossiers.FOLDER).glob("*.xlsx")))
    if units:  # the month has dossier lists and late dossiers in them
        links.append(
            {
                "href": f"{late_dossiers.FOLDER}/",
                "title": msg("doc.explanations"),
                "note": msg("doc.explanations_note", units=units),
            }
        )
    return links


def render(
    data: an.MonthData, folder: Path, failures: list[str], notebooks: tuple[str, ...]
) -> str:
    """index.html for the month whose outputs are in `folder`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    month = data.month
    st = an.standing(data)
    pages: list[dict[str, str | None]] = [
        {"href": f"{name}.html", "title": page_title(data, name)}
        for name in notebooks
        if (folder / f"{name}.html").is_file()
    ]
    pages += documents(data, folder)
    executed = [
        {"href": f"notebooks/{p.name}", "title": p.name}
        for p in sorted((folder / "notebooks").glob("*.ipynb"))
    ]
    figures = [
        {"href": f"figures/{p.name}", "title": p.name}
        for p in sorted((folder / "figures").glob("*.png"))
    ]
    dossiers, late = _late(data)
    return env.get_template("month_index.html.j2").render(
        title=msg(
            "report.title", province=data.province_label, period=narrative.period_label(data)
        ),
        headline=narrative.headline(data),
        structure=narrative.context_lines(data),
        total=fmt.points(st.total),
        rank=st.rank_text,
        rating=st.rating,
        target=target_line(data),
        bench=benchmark_lines(data),
        moves=movements(data),
        spark=sparkline(data),
        actions=actions(data),
        dossiers=dossiers,
        late=late,
        caveats=caveats(data),
        pages=pages,
        executed=executed,
        figures=figures,
        how_to_fill=how_to_fill(data),
        failures=failures,
        m={
            "total": msg("kpi.total"),
            "rank": msg("kpi.rank"),
            "rating": msg("kpi.rating"),
            "failed": msg("report.failed"),
            "spark": msg("brief.spark" if data.period.kind == "month" else "brief.spark_period"),
            "actions": msg("brief.actions"),
            "no_actions": msg("brief.no_actions"),
            "late": msg("brief.late"),
            "caveats": msg("brief.caveats"),
            "pages": msg("brief.pages"),
            "analysts": msg("brief.analysts"),
            "notebooks": msg("brief.notebooks"),
            "figures": msg("brief.figures"),
        },
        footer=msg("report.footer", month=month),
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
    )
