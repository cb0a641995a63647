"""Charts in one seaborn theme, set once here: DejaVu Sans (every Vietnamese letter), sizes for
A4 and screen, a colour-blind safe palette with the province's highlight; Vietnamese titles that
say what and when, labelled axes, decimal commas, bars from zero, rank axes bounded by the cohort.

Each function returns a matplotlib Figure (a seaborn grid's `.figure`), so an analyst restyles it
in a cell; `alt_text(fig)` is its Vietnamese description; `save` writes the PNG the HTML embeds."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns  # type: ignore[import-untyped]  # seaborn ships no stubs
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from chiso766 import formatting as fmt
from chiso766.analysis import MonthData
from chiso766.messages import msg
from chiso766.reference.groups import BY_CODE
from chiso766.reference.levels import UNIT_LEVELS
from chiso766.reference.periods import parse_period

PALETTE = sns.color_palette("colorblind")  # Okabe-Ito-like: distinct under every common CVD
HIGHLIGHT = "#d55e00"  # the province (vermillion: stands out from blue for every reader)
PRIMARY, MUTED = "#1f4e79", "#a9b4bf"
LEVEL_COLORS = {"department": PALETTE[0], "district": PALETTE[2], "land_branch": PALETTE[4]}
LEVEL_COLORS["commune"] = PALETTE[1]
ROLE_COLORS = {"province": HIGHLIGHT, "top": PRIMARY, "region": PALETTE[2], "peer": PALETTE[4]}
SHARES_CMAP = "crest"  # sequential, colour-blind safe, dark = better
LONG_LIST, LOWEST, HIGHEST = 30, 15, 10  # a longer level shows its 15 lowest and 10 highest
STYLE = {
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "grid.color": "#e5e8eb",
    "figure.dpi": 110,
    "savefig.dpi": 130,
    "figure.max_open_warning": 0,
    "text.parse_math": False,  # a "$" in a unit's name is text, not TeX
}
LINE = {"marker": "o", "ms": 6, "mec": "white", "mew": 0.75, "color": HIGHLIGHT, "lw": 2}
PANELS_PER_ROW = 3
DOTS = {"jitter": False, "size": 7}
HEAT = {"cmap": SHARES_CMAP, "linewidths": 0.4, "linecolor": "white"}
BREAK: dict[str, Any] = {"color": "#333333", "clip_on": False, "lw": 1}
_comma = FuncFormatter(lambda v, _: fmt.number(round(v, 2)))
_percent = FuncFormatter(lambda v, _: fmt.percent(v, 0))


def apply_theme() -> None:
    """The project's one theme (applied on import; call again after changing matplotlib's
    settings in a notebook)."""
    sns.set_theme(style="whitegrid", palette=PALETTE, font="DejaVu Sans", font_scale=0.95, rc=STYLE)


apply_theme()


def span(data: MonthData) -> str:
    """What the trend covers: "tháng 1 đến tháng 6/2024", or for another kind "năm 2022 đến
    năm 2024"."""
    periods = [parse_period(m) for m in data.trend_periods]
    if data.period.kind != "month":
        first, last = min(periods), max(periods)
        return (
            last.label()
            if first == last
            else msg("chart.span_period", first=first.label(), last=last.label())
        )
    months = [p.month for p in periods]
    return msg("chart.span", first=min(months), last=max(months), year=data.period.year)


def _period_axis(data: MonthData) -> str:
    """The time axis' name: "Tháng", or the kind of period ("Năm", "Quý"...)."""
    if data.period.kind == "month":
        return msg("chart.month")
    kind = data.period.kind_label()
    return kind[:1].upper() + kind[1:]


def _ticks(periods) -> list[str]:
    return [parse_period(p).tick_label() for p in periods]


def _level(level: str) -> str:
    """A level inside a sentence: "sở, ban, ngành", but "UBND cấp xã" keeps its capitals."""
    text = msg(f"level.{level}")
    return text if text.split()[0].isupper() else text[0].lower() + text[1:]


def _finish(fig: Figure, data: MonthData, title: str, alt: str = "", **fields: object) -> Figure:
    """The title (message `title` with the month's province, period and span besides `fields`),
    centred on the figure (beside long names the plot area is narrow) and wrapped; the alt text
    (message `alt`, else the title is said); the layout."""
    fields |= {"province": data.province_label, "period": data.period.label(), "span": span(data)}
    fig.suptitle(textwrap.fill(msg(title, **fields), 72), fontsize=12, fontweight="bold")
    fig.set_label(msg(alt, **fields) if alt else "")
    fig.set_layout_engine("tight")  # laid out as it is drawn: once, at the saved size
    return fig


def alt_text(fig: Figure) -> str:
    """What a screen reader says for the chart: its description, or its title."""
    return str(fig.get_label()) or msg("chart.alt", title=fig.get_suptitle().replace("\n", " "))


def save(fig: Figure, folder: Path, name: str) -> Path:
    """Write `name`.png into `folder` (the only format a page reads; no date in the metadata,
    so an unchanged chart is the same bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(path := folder / f"{name}.png", metadata={"Software": None})
    return path


def _rank_axis(ax, size: int) -> None:
    """A rank axis bounded by the cohort (1 to 34, or 1 to 63), rank 1 on top."""
    ax.set_ylim(size + 0.5, 0.5)
    ax.yaxis.set_major_locator(FixedLocator(sorted({1, *range(10, size - 5, 10), size})))


def _label_points(ax, xs, ys, texts, dy: int = 7) -> None:
    for x, y, t in zip(xs, ys, texts, strict=True):
        ax.annotate(t, (x, y), textcoords="offset points", xytext=(0, dy), ha="center")


def _value_bars(ax, labels, values, *, color, gap: float, text=fmt.points) -> None:
    """Horizontal bars from zero, each value written past its end, no horizontal grid."""
    ax.barh(labels, values, color=color)
    for y, v in enumerate(values):
        ax.text(v + gap, y, text(v), va="center", fontsize=8)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(_comma)


def trend(data: MonthData, frame: pd.DataFrame) -> Figure:
    """Score and national rank of the province, January to the month."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5.2), sharex=True)
    ticks, size = _ticks(frame["period"]), int(frame["size"].iloc[-1])
    top.plot(ticks, frame["total"], marker="o", color=PRIMARY, lw=2)
    _label_points(top, ticks, frame["total"], frame["total"].map(fmt.points))
    bottom.plot(ticks, frame["rank"], marker="o", color=HIGHLIGHT, lw=2)
    _label_points(bottom, ticks, frame["rank"], frame["rank_text"])
    top.set(ylabel=msg("chart.score"))
    top.yaxis.set_major_formatter(_comma)
    top.margins(y=0.3)
    _rank_axis(bottom, size)
    bottom.set(ylabel=msg("chart.rank", size=size), xlabel=_period_axis(data))
    total, rank = fmt.points(frame["total"].iloc[-1]), frame["rank_text"].iloc[-1]
    return _finish(fig, data, "chart.trend_title", "chart.trend_alt", total=total, rank=rank)


def groups(data: MonthData, table: pd.DataFrame) -> Figure:
    """Each group's score against its maximum (bars from zero)."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    t = table.iloc[::-1].assign(label=lambda f: [BY_CODE[c].label for c in f["code"]])
    ax.barh(t["label"], t["max"], color="#eef1f4", edgecolor=MUTED)
    ax.barh(t["label"], t["score"], color=PRIMARY)
    for y, r in enumerate(t.itertuples()):
        text = f"{fmt.points(r.score)}/{fmt.number(r.max)} ({fmt.percent(r.share)})"
        ax.text(r.max + 0.2, y, text, va="center", fontsize=9)
    ax.grid(axis="y", visible=False)
    ax.set(xlabel=msg("chart.points"), xlim=(0, t["max"].max() * 1.45))
    return _finish(fig, data, "chart.groups_title")


def group_ranks(data: MonthData, ranks: pd.DataFrame) -> Figure:
    """Small multiples: the province's national rank in each group since January, each panel
    bounded by the cohort, rank 1 on top, the month's rank in each panel's title. A plain line
    per panel on a shared grid: seaborn's `relplot` lays the figure out three times and its
    `lineplot` asks each axis for its tick labels, together two thirds of this chart's time."""
    size = int(ranks["size"].iloc[0])
    frame = ranks.assign(tick=_ticks(ranks["period"]))
    panels = list(frame.groupby("group", sort=False))
    rows = -(-len(panels) // PANELS_PER_ROW)
    fig, axes = plt.subplots(
        rows, PANELS_PER_ROW, figsize=(8.6, 2.1 * rows + 0.5), sharex=True, sharey=True
    )
    for ax in axes.flat[len(panels) :]:
        ax.remove()
    for (name, group), ax in zip(panels, axes.flat, strict=False):
        ax.plot(group["tick"], group["rank"], **LINE)
        _rank_axis(ax, size)
        ax.set_title(f"{name}: {fmt.rank(group['rank'].iloc[-1], size)}", size=10, weight="bold")
        months = group["tick"].nunique()  # every other month named when they would touch
        ax.xaxis.set_major_locator(FixedLocator(range(0, months, 2 if months > 6 else 1)))
        ax.set(xlabel="", ylabel="")
    fig.supxlabel(_period_axis(data), fontsize=10)
    fig.supylabel(msg("chart.rank", size=size), fontsize=10)
    latest = frame[frame["period"] == frame["period"].max()]
    ranks_text = "; ".join(f"{r.group} {fmt.rank(r.rank, size)}" for r in latest.itertuples())
    return _finish(fig, data, "chart.group_ranks_title", "chart.group_ranks_alt", ranks=ranks_text)


def national(data: MonthData, ranking: pd.DataFrame) -> Figure:
    """A dot plot: every province on the first row (the province in the highlight colour, the
    national median marked), then one labelled row, by rank, for each of the top 5, the
    province's region and its peers (`analysis.national_ranking`'s `role`). The score axis is
    broken below the lowest score, and marked as such."""
    size, me = len(ranking), ranking[ranking["is_province"]]
    region = me["region"].iloc[0] if not me.empty else ""
    roles = ["other", *ROLE_COLORS]
    names = {r: msg(f"chart.role.{r}", region=region, province=data.province_name) for r in roles}
    row = msg("chart.national_row", size=size)
    everyone = ranking.assign(row=row, role=ranking["role"].where(ranking["is_province"], "other"))
    named = ranking[ranking["role"] != "other"]
    named = named.assign(
        row=[f"{fmt.rank(r.rank_total, size)} {r.short_name}" for r in named.itertuples()]
    )
    long = pd.concat([everyone, named]).assign(who=lambda f: f["role"].map(names))
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(named) + 2.3))
    colors = {names[r]: c for r, c in {"other": MUTED, **ROLE_COLORS}.items()}
    order = [n for n in colors if n in set(long["who"])]
    sns.stripplot(
        long, x="total", y="row", hue="who", hue_order=order, palette=colors, **DOTS, ax=ax
    )
    for y, total in enumerate(named["total"], start=1):
        ax.text(total + 0.4, y, fmt.points(total), va="center", fontsize=8)
    median = ranking["total"].median()
    ax.axvline(median, color=PRIMARY, linestyle="--", linewidth=1)
    label = msg("chart.national_median", value=fmt.points(median))
    ax.text(median, -0.6, label, ha="center", color=PRIMARY, fontsize=8)
    low = max(0, (ranking["total"].min() // 10) * 10 - 5)
    xlabel = msg("chart.score_from", low=fmt.number(low)) if low else msg("chart.score")
    ax.set(xlim=(low, 103), ylabel="", xlabel=xlabel)
    if low:  # the break, drawn on the axis
        ax.plot((0, 0.015, 0.03), (-0.012, 0.012, -0.012), transform=ax.transAxes, **BREAK)
    ax.xaxis.set_major_formatter(_comma)
    sns.move_legend(ax, "lower right", title=None, frameon=True, fontsize=8)
    facts: dict[str, object] = {
        "total": fmt.points(me["total"].sum()),
        "median": fmt.points(median),
    }
    facts |= {"rank": fmt.rank(me["rank_total"].sum(), size), "size": size}
    facts["leaders"] = "; ".join(
        f"{r.short_name} {fmt.points(r.total)}" for r in ranking.head(5).itertuples()
    )
    return _finish(fig, data, "chart.national_title", "chart.national_alt", **facts)


def _heat(grid: pd.DataFrame, annot, height: float, **kwargs) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(8, height))
    with _laid_out_only(fig):
        sns.heatmap(grid.astype(float), annot=annot, fmt="", **HEAT, ax=ax, **kwargs)
    ax.tick_params(axis="y", rotation=0)
    return fig, ax


@contextlib.contextmanager
def _laid_out_only(fig: Figure) -> Iterator[None]:
    """seaborn's heatmap renders the whole figure (every pixel, every cell's text) only to see
    whether its tick labels overlap; laying the figure out without rendering places the same
    labels, so the answer and the chart are the same, and the figure is rendered once, saved."""
    fig.canvas.draw = fig.draw_without_rendering  # type: ignore[method-assign]
    try:
        yield
    finally:
        del fig.canvas.draw


def heatmap(data: MonthData, shares: pd.DataFrame) -> Figure:
    """Month x group: share of each group's maximum, written in each cell ("84%")."""
    grid = shares.set_axis([parse_period(p).tick_label(year=True) for p in shares.index])
    grid.columns = [BY_CODE[c].short for c in shares.columns]
    bar = {"format": _percent, "label": msg("chart.share")}
    annot = grid.map(lambda v: fmt.percent(v, 0))
    fig, ax = _heat(grid, annot, 0.42 * len(grid) + 2.2, vmin=0.4, vmax=1.0, cbar_kws=bar)
    ax.set(xlabel="", ylabel=_period_axis(data))
    plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
    return _finish(fig, data, "chart.heatmap_title")


def unit_totals(data: MonthData, table: pd.DataFrame, level: str) -> Figure:
    """A level's units by total score, best on top, bars from zero. A long level (the communes)
    shows its lowest and highest units, as its title says; the appendix lists all."""
    ordered = table.sort_values(["total", "stt"], ascending=[False, True])
    long = len(ordered) > LONG_LIST
    if long:
        ordered = pd.concat([ordered.head(HIGHEST), ordered.tail(LOWEST)])
    ordered = ordered.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(ordered) + 1.8))
    colors = [HIGHLIGHT] * LOWEST + [PRIMARY] * HIGHEST if long else PRIMARY
    _value_bars(ax, ordered["short_name"], ordered["total"], color=colors, gap=0.8)
    if long:  # a dotted line between the two ends
        ax.axhline(LOWEST - 0.5, color="#333333", linestyle=":", linewidth=1)
    ax.set(xlim=(0, 108), xlabel=msg("chart.score"))
    title = "chart.units_ends_title" if long else "chart.units_title"
    return _finish(
        fig, data, title, level=_level(level), count=len(table), lowest=LOWEST, highest=HIGHEST
    )


def unit_trend(data: MonthData, frame: pd.DataFrame, level: str) -> Figure:
    """Month x unit totals as a heatmap, units as `frame` orders them (official order)."""
    grid = frame.T.set_axis(_ticks(frame.index), axis=1)
    annot = len(grid) <= 40 and grid.map(lambda v: fmt.points(v, 1) if pd.notna(v) else "")
    low = min(50, float(grid.min().min()) // 10 * 10)  # never clipped below 50
    bar = {"format": _comma, "shrink": 0.6, "label": msg("chart.score")}
    fig, ax = _heat(grid, annot, 0.3 * len(grid) + 1.8, vmin=low, vmax=100, cbar_kws=bar)
    ax.set(xlabel=msg("chart.month"), ylabel="")
    ax.tick_params(axis="y", labelsize=8)
    return _finish(fig, data, "chart.units_trend_title", level=_level(level))


def group_losses(data: MonthData, losses: pd.DataFrame, level: str) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ordered = losses.iloc[::-1]
    _value_bars(ax, ordered["group"], ordered["mean_lost"], color=HIGHLIGHT, gap=0.05)
    ax.set_xlabel(msg("chart.lost_points"))
    return _finish(fig, data, "chart.losses_title", level=_level(level))


def late_by_month(data: MonthData, frame: pd.DataFrame) -> Figure:
    """Late dossiers per month, stacked by level, the month's total on top."""
    levels = [lvl for lvl in UNIT_LEVELS if lvl in frame.columns]
    shown = frame[levels].set_axis(_ticks(frame.index)).rename(columns=lambda c: msg(f"level.{c}"))
    fig, ax = plt.subplots(figsize=(8, 3.8))
    shown.plot.bar(stacked=True, ax=ax, rot=0, width=0.7, color=[LEVEL_COLORS[c] for c in levels])
    _label_points(ax, range(len(shown)), shown.sum(axis=1), shown.sum(axis=1).map(fmt.count), 3)
    ax.set(ylabel=msg("chart.dossiers"), xlabel=msg("chart.month"))
    ax.legend(frameon=False, ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    return _finish(fig, data, "chart.late_month_title")


def late_units(data: MonthData, lists: dict[str, pd.DataFrame], threshold: int) -> Figure:
    """Units at or above the threshold, grouped by level."""
    rows = [(lvl, r.short_name, int(r.late)) for lvl, f in lists.items() for r in f.itertuples()]
    labels = [f"{name} ({msg(f'level.{lvl}')})" for lvl, name, _ in rows][::-1]
    colors = [LEVEL_COLORS[lvl] for lvl, *_ in rows][::-1]
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(len(rows), 1) + 1.6))
    _value_bars(ax, labels, [v for *_, v in rows][::-1], color=colors, gap=0.3, text=str)
    ax.set_xlabel(msg("chart.dossiers"))
    return _finish(fig, data, "chart.late_units_title", threshold=threshold)


def indicator_losses(data: MonthData, frame: pd.DataFrame, n: int = 12) -> Figure:
    """The province's sub-indicators by points lost (their catalogue names, never codes)."""
    top = frame.head(n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(top) + 1.6))
    labels = [textwrap.shorten(t, 60, placeholder="…") for t in top["label"]]
    _value_bars(ax, labels, top["lost"], color=HIGHLIGHT, gap=0.03)
    ax.set_xlabel(msg("chart.lost_points_total"))
    return _finish(fig, data, "chart.indicators_title")
