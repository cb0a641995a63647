"""Charts in one theme (seaborn's, set once here): a font that covers every Vietnamese letter, a
colour-blind safe palette with the province's highlight, Vietnamese titles that say what and
when, labelled axes, decimal commas, bars that start at zero. Seaborn draws the statistical
charts (heatmaps, small multiples, the national dot plot); matplotlib the labelled bars.

Each function returns a matplotlib Figure (a seaborn grid's `.figure`), so an analyst can restyle
it in a cell (`fig.axes[0].set_xlim(...)`); `alt_text(fig)` is its Vietnamese description and
`save` writes it as PNG and SVG (deterministic bytes: no dates in the metadata)."""

from __future__ import annotations

import textwrap
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

TITLE_WIDTH = 72  # characters on one title line (an 8-inch figure at 12 pt bold)
PALETTE = sns.color_palette("colorblind")  # Okabe-Ito-like: distinct under every common CVD
HIGHLIGHT = "#d55e00"  # the province (vermillion: stands out from blue for every reader)
PRIMARY = "#1f4e79"
MUTED = "#a9b4bf"
LEVEL_COLORS = {
    "department": PALETTE[0],
    "district": PALETTE[2],
    "land_branch": PALETTE[4],
    "commune": PALETTE[1],
}
SHARES_CMAP = "crest"  # sequential, colour-blind safe, dark = better
LONG_LIST = 30  # a level with more units is drawn as its lowest and highest, not all of them
LOWEST, HIGHEST = 15, 10
STYLE = {
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "grid.color": "#e5e8eb",
    "figure.dpi": 110,
    "savefig.dpi": 130,
    "svg.fonttype": "none",  # text stays text in SVG: searchable, smaller, much faster to write
    # every chart calls tight_layout, so saving needs no second "tight" layout pass
    "svg.hashsalt": "chiso766",
    "figure.max_open_warning": 0,
    "text.parse_math": False,  # a "$" in a unit's name is text, not TeX
}


def apply_theme() -> None:
    """The project's one theme: DejaVu Sans (covers every Vietnamese letter), sizes readable on
    A4 and on a phone, the colour-blind palette. Applied on import; call again after changing
    matplotlib's settings in a notebook."""
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=PALETTE,
        font="DejaVu Sans",
        font_scale=0.95,
        rc=STYLE,
    )


apply_theme()

_comma = FuncFormatter(lambda v, _: fmt.number(round(v, 2)))
_percent = FuncFormatter(lambda v, _: fmt.percent(v, 0))


def span(data: MonthData) -> str:
    """What the trend covers: "tháng 1 đến tháng 6/2024", or for another kind "năm 2022 đến
    năm 2024"."""
    periods = [parse_period(m) for m in data.trend_periods]
    if data.period.kind != "month":
        first, last = min(periods), max(periods)
        if first == last:
            return last.label()
        return msg("chart.span_period", first=first.label(), last=last.label())
    months = [p.month for p in periods]
    return msg("chart.span", first=min(months), last=max(months), year=data.period.year)


def _period_axis(data: MonthData) -> str:
    """The time axis' name: "Tháng", or the kind of period ("Năm", "Quý"...)."""
    if data.period.kind == "month":
        return msg("chart.month")
    kind = data.period.kind_label()
    return kind[:1].upper() + kind[1:]


def _title(fig: Figure, text: str) -> None:
    """The chart's title, above the plot and centred on the figure rather than on the plot
    area: beside long unit names the plot area is narrow, and a title centred on it ran off the
    right edge (losing the month). A title too long for one line is wrapped."""
    fig.suptitle(
        textwrap.fill(text, TITLE_WIDTH),
        fontsize=plt.rcParams["axes.titlesize"],
        fontweight=plt.rcParams["axes.titleweight"],
    )


def _describe(fig: Figure, text: str) -> None:
    """The chart's Vietnamese alt text: what it shows and its main fact."""
    fig.set_label(text)


def alt_text(fig: Figure) -> str:
    """What a screen reader says for the chart: its description, or its title."""
    title = fig.get_suptitle().replace("\n", " ")
    return str(fig.get_label()) or msg("chart.alt", title=title)


def _level_phrase(level: str) -> str:
    """A level's name inside a sentence: "sở, ban, ngành", but "UBND cấp xã" keeps its
    capitals."""
    text = msg(f"level.{level}")
    return text if text.split()[0].isupper() else text[0].lower() + text[1:]


def save(fig: Figure, folder: Path, name: str) -> list[Path]:
    """Write `name`.png and `name`.svg into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    fig.savefig(paths[0], metadata={"Software": None})
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    return paths


def _rank_axis(ax, size: int, *, axis: str = "y") -> None:
    """A rank axis bounded by the cohort (1 to 34, or 1 to 63), rank 1 at the top (or left)."""
    ticks = sorted({1, *range(10, size, 10), size})
    if axis == "y":
        ax.set_ylim(size + 0.5, 0.5)
        ax.yaxis.set_major_locator(FixedLocator(ticks))
    else:
        ax.set_xlim(0.5, size + 0.5)
        ax.xaxis.set_major_locator(FixedLocator(ticks))


def trend(data: MonthData, trend_frame: pd.DataFrame) -> Figure:
    """Score and national rank of the province, January to the month."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 5.2), sharex=True)
    months = [parse_period(p).tick_label() for p in trend_frame["period"]]
    top.plot(months, trend_frame["total"], marker="o", color=PRIMARY, linewidth=2)
    for x, y in zip(months, trend_frame["total"], strict=True):
        top.annotate(fmt.points(y), (x, y), textcoords="offset points", xytext=(0, 7), ha="center")
    top.set_ylabel(msg("chart.score"))
    top.yaxis.set_major_formatter(_comma)
    top.margins(y=0.3)
    bottom.plot(months, trend_frame["rank"], marker="o", color=HIGHLIGHT, linewidth=2)
    for x, y, size in zip(months, trend_frame["rank"], trend_frame["size"], strict=True):
        bottom.annotate(
            fmt.rank(y, size), (x, y), textcoords="offset points", xytext=(0, 7), ha="center"
        )
    size = int(trend_frame["size"].iloc[-1])
    _rank_axis(bottom, size)
    bottom.set_ylabel(msg("chart.rank", size=size))
    bottom.set_xlabel(_period_axis(data))
    _title(fig, msg("chart.trend_title", province=data.province_label, span=span(data)))
    last = trend_frame.iloc[-1]
    _describe(
        fig,
        msg(
            "chart.trend_alt",
            province=data.province_label,
            span=span(data),
            total=fmt.points(last["total"]),
            rank=last["rank_text"],
        ),
    )
    fig.tight_layout()
    return fig


def groups(data: MonthData, table: pd.DataFrame) -> Figure:
    """Each group's score against its maximum (bars from zero)."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    labels = [BY_CODE[c].label for c in table["code"]][::-1]
    ax.barh(labels, table["max"][::-1], color="#eef1f4", edgecolor=MUTED)
    ax.barh(labels, table["score"][::-1], color=PRIMARY)
    for y, (score, maximum, share) in enumerate(
        zip(table["score"][::-1], table["max"][::-1], table["share"][::-1], strict=True)
    ):
        ax.text(
            maximum + 0.2,
            y,
            f"{fmt.points(score)}/{fmt.number(maximum)} ({fmt.percent(share)})",
            va="center",
            fontsize=9,
        )
    ax.set_xlabel(msg("chart.points"))
    ax.xaxis.set_major_formatter(_comma)
    ax.set_xlim(0, table["max"].max() * 1.45)
    _title(fig, msg("chart.groups_title", province=data.province_label, period=data.period.label()))
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def group_ranks(data: MonthData, ranks: pd.DataFrame) -> Figure:
    """Small multiples: the province's national rank in each group, month by month, each panel
    bounded by the cohort (rank 1 on top)."""
    size = int(ranks["size"].iloc[0])
    frame = ranks.assign(tick=[parse_period(p).tick_label() for p in ranks["period"]])
    grid = sns.relplot(
        data=frame,
        x="tick",
        y="rank",
        col="group",
        col_wrap=3,
        kind="line",
        marker="o",
        color=HIGHLIGHT,
        linewidth=2,
        height=2.3,
        aspect=1.25,
        facet_kws={"sharey": True, "sharex": True},
    )
    grid.set_titles("{col_name}", size=10, weight="bold")
    grid.set_axis_labels(_period_axis(data), msg("chart.rank", size=size))
    for (_, group), ax in zip(frame.groupby("group", sort=False), grid.axes.flat, strict=False):
        _rank_axis(ax, size)
        last = group.iloc[-1]
        near_top = last["rank"] <= max(2, size * 0.15)  # the label goes below the line there
        ax.annotate(
            fmt.rank(last["rank"], size),
            (last["tick"], last["rank"]),
            textcoords="offset points",
            xytext=(0, -14 if near_top else 7),
            ha="center",
            fontsize=9,
            fontweight="bold",
        )
        if group["tick"].nunique() > 6:  # every other month named, so that ticks never touch
            for i, label in enumerate(ax.get_xticklabels()):
                label.set_visible(i % 2 == 0)
    fig = grid.figure
    _title(fig, msg("chart.group_ranks_title", province=data.province_label, span=span(data)))
    latest = frame[frame["period"] == frame["period"].max()]
    _describe(
        fig,
        msg(
            "chart.group_ranks_alt",
            province=data.province_label,
            period=data.period.label(),
            ranks="; ".join(f"{r.group} {fmt.rank(r.rank, size)}" for r in latest.itertuples()),
        ),
    )
    fig.tight_layout()
    return fig


def national(data: MonthData, ranking: pd.DataFrame, top: int = 5) -> Figure:
    """Every province as a dot at its rank and score: the province highlighted, the top
    `top` named, the national median marked; the score axis is broken (marked) below the
    lowest score, the rank axis has rank ticks."""
    size = len(ranking)
    frame = ranking.assign(
        rank=ranking["rank_total"].astype(int),
        kind=[
            "me" if p else "top" if r <= top else "other"
            for p, r in zip(ranking["is_province"], ranking["rank_total"], strict=True)
        ],
    )
    fig, ax = plt.subplots(figsize=(10, 4.6))
    sns.scatterplot(
        data=frame,
        x="rank",
        y="total",
        hue="kind",
        hue_order=["other", "top", "me"],
        palette={"other": MUTED, "top": PRIMARY, "me": HIGHLIGHT},
        size="kind",
        sizes={"other": 30, "top": 45, "me": 90},
        legend=False,
        ax=ax,
    )
    median = frame["total"].median()
    ax.axhline(median, color=PRIMARY, linestyle="--", linewidth=1)
    ax.text(
        size + 0.5,
        median,
        msg("chart.national_median", value=fmt.points(median)),
        ha="right",
        va="bottom",
        color=PRIMARY,
        fontsize=9,
    )
    labelled = frame[frame["kind"] != "other"].sort_values("rank")
    step = (100 - frame["total"].min()) / 14  # one label line, in score units
    for i, r in enumerate(labelled.itertuples()):
        mine = r.kind == "me"
        # the leaders' labels stacked in a column right of them, each linked to its dot; the
        # province below the leaders gets its own label just above its dot
        place = (
            (top + 3 + size / 20, 100 - step * (i + 0.6))
            if r.rank <= top
            else (r.rank + size / 25, r.total + step * 1.5)
        )
        ax.annotate(
            f"{r.rank}. {r.short_name}: {fmt.points(r.total)}",
            (r.rank, r.total),
            xytext=place,
            va="center",
            fontsize=9,
            color=HIGHLIGHT if mine else PRIMARY,
            fontweight="bold" if mine else "normal",
            arrowprops={"arrowstyle": "-", "color": MUTED, "linewidth": 0.8, "relpos": (0, 0.5)},
        )
    _rank_axis(ax, size, axis="x")
    low = max(0, (frame["total"].min() // 10) * 10 - 5)
    ax.set_ylim(low, 100)
    if low > 0:  # a broken score axis, marked as such on the axis and in its label
        marks: dict[str, Any] = {
            "transform": ax.transAxes,
            "color": "#333333",
            "clip_on": False,
            "lw": 1,
        }
        ax.plot((-0.012, 0.012), (0.01, 0.04), **marks)
        ax.plot((-0.012, 0.012), (0.04, 0.07), **marks)
        ax.set_ylabel(msg("chart.score_from", low=fmt.number(low)))
    else:
        ax.set_ylabel(msg("chart.score"))
    ax.set_xlabel(msg("chart.rank", size=size))
    ax.yaxis.set_major_formatter(_comma)
    _title(fig, msg("chart.national_title", size=size, period=data.period.label()))
    me = frame[frame["kind"] == "me"]
    leaders = "; ".join(
        f"{r.short_name} {fmt.points(r.total)}" for r in frame[frame["rank"] <= top].itertuples()
    )
    _describe(
        fig,
        msg(
            "chart.national_alt",
            size=size,
            period=data.period.label(),
            province=data.province_label,
            total=fmt.points(me["total"].iloc[0]) if not me.empty else "-",
            rank=fmt.rank(me["rank"].iloc[0], size) if not me.empty else "-",
            median=fmt.points(median),
            leaders=leaders,
        ),
    )
    fig.tight_layout()
    return fig


def heatmap(data: MonthData, shares: pd.DataFrame) -> Figure:
    """Month x group: share of each group's maximum, written in each cell."""
    grid = shares.copy()
    grid.index = [parse_period(p).tick_label(year=True) for p in shares.index]
    grid.columns = [BY_CODE[c].short for c in shares.columns]
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(grid) + 2.2))
    sns.heatmap(
        grid.astype(float),
        annot=grid.map(lambda v: fmt.percent(v, 0)),
        fmt="",
        cmap=SHARES_CMAP,
        vmin=0.4,
        vmax=1.0,
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"format": _percent, "shrink": 0.8, "label": msg("chart.share")},
        ax=ax,
    )
    ax.set_xlabel("")
    ax.set_ylabel(_period_axis(data))
    ax.tick_params(axis="x", rotation=20)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.tick_params(axis="y", rotation=0)
    _title(fig, msg("chart.heatmap_title", province=data.province_label, span=span(data)))
    fig.tight_layout()
    return fig


def _value_bars(ax, labels, values, *, color, gap: float, fontsize: int, text=fmt.points) -> None:
    """Horizontal bars from zero, each with its value written just past its end, no horizontal
    grid."""
    ax.barh(labels, values, color=color)
    for y, v in enumerate(values):
        ax.text(v + gap, y, text(v), va="center", fontsize=fontsize)
    ax.grid(axis="y", visible=False)


def unit_totals(data: MonthData, table: pd.DataFrame, level: str) -> Figure:
    """A level's units by total score, best on top, bars from zero. A long level (the
    communes) shows its lowest and highest units, as its title says; the appendix lists all."""
    ordered = table.sort_values(["total", "stt"], ascending=[False, True])
    long = len(ordered) > LONG_LIST
    if long:
        ordered = pd.concat([ordered.head(HIGHEST), ordered.tail(LOWEST)])
    ordered = ordered.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(ordered) + 1.8))
    colors = [PRIMARY] * len(ordered)
    if long:  # the lowest in the highlight colour, a gap line between the two ends
        colors = [HIGHLIGHT] * LOWEST + [PRIMARY] * HIGHEST
        ax.axhline(LOWEST - 0.5, color="#333333", linestyle=":", linewidth=1)
    _value_bars(ax, ordered["short_name"], ordered["total"], color=colors, gap=0.8, fontsize=8)
    ax.set_xlim(0, 108)
    ax.set_xlabel(msg("chart.score"))
    ax.xaxis.set_major_formatter(_comma)
    title = (
        msg(
            "chart.units_ends_title",
            level=_level_phrase(level),
            lowest=LOWEST,
            highest=HIGHEST,
            count=len(table),
            period=data.period.label(),
        )
        if long
        else msg("chart.units_title", level=_level_phrase(level), period=data.period.label())
    )
    _title(fig, title)
    fig.tight_layout()
    return fig


def unit_trend(data: MonthData, frame: pd.DataFrame, level: str) -> Figure:
    """Month x unit totals as a heatmap, units as `frame` orders them (official order)."""
    grid = frame.T
    grid.columns = [parse_period(p).tick_label() for p in grid.columns]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(grid) + 1.8))
    sns.heatmap(
        grid.astype(float),
        annot=grid.map(lambda v: fmt.points(v, 1) if pd.notna(v) else "")
        if len(grid) <= 40
        else False,
        fmt="",
        annot_kws={"fontsize": 7},
        cmap=SHARES_CMAP,
        vmin=min(50, float(grid.min().min()) // 10 * 10),  # never clipped below 50
        vmax=100,
        linewidths=0.3,
        linecolor="white",
        cbar_kws={"format": _comma, "shrink": 0.6, "label": msg("chart.score")},
        ax=ax,
    )
    ax.set_xlabel(msg("chart.month"))
    ax.set_ylabel("")
    ax.tick_params(axis="y", rotation=0, labelsize=8)
    _title(fig, msg("chart.units_trend_title", level=_level_phrase(level), span=span(data)))
    fig.tight_layout()
    return fig


def group_losses(data: MonthData, losses: pd.DataFrame, level: str) -> Figure:
    fig, ax = plt.subplots(figsize=(8, 3.4))
    ordered = losses.iloc[::-1]
    _value_bars(ax, ordered["group"], ordered["mean_lost"], color=HIGHLIGHT, gap=0.05, fontsize=9)
    ax.set_xlabel(msg("chart.lost_points"))
    ax.xaxis.set_major_formatter(_comma)
    _title(fig, msg("chart.losses_title", level=_level_phrase(level), period=data.period.label()))
    fig.tight_layout()
    return fig


def late_by_month(data: MonthData, frame: pd.DataFrame) -> Figure:
    """Late dossiers per month, stacked by level."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    bottom = pd.Series(0.0, index=frame.index)
    labels = [parse_period(p).tick_label() for p in frame.index]
    for level in [lvl for lvl in UNIT_LEVELS if lvl in frame.columns]:
        ax.bar(
            labels,
            frame[level],
            bottom=bottom,
            label=msg(f"level.{level}"),
            color=LEVEL_COLORS[level],
        )
        bottom = bottom + frame[level]
    for x, total in zip(labels, bottom, strict=True):
        # x is the bar's category label; matplotlib's stubs only know numbers
        ax.text(x, total + 1, fmt.count(int(total)), ha="center", fontsize=9)  # type: ignore[arg-type]
    ax.set_ylabel(msg("chart.dossiers"))
    ax.set_xlabel(msg("chart.month"))
    ax.legend(frameon=False, ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    _title(fig, msg("chart.late_month_title", span=span(data)))
    fig.tight_layout()
    return fig


def late_units(data: MonthData, lists: dict[str, pd.DataFrame], threshold: int) -> Figure:
    """Units at or above the threshold, grouped by level."""
    rows = [
        (level, r.short_name, int(r.late)) for level, f in lists.items() for r in f.itertuples()
    ]
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(len(rows), 1) + 1.6))
    labels = [f"{name} ({msg(f'level.{level}')})" for level, name, _ in rows][::-1]
    values = [v for _, _, v in rows][::-1]
    colors = [LEVEL_COLORS[level] for level, _, _ in rows][::-1]
    _value_bars(ax, labels, values, color=colors, gap=0.3, fontsize=8, text=str)
    ax.set_xlabel(msg("chart.dossiers"))
    _title(fig, msg("chart.late_units_title", threshold=threshold, period=data.period.label()))
    fig.tight_layout()
    return fig


def indicator_losses(data: MonthData, frame: pd.DataFrame, n: int = 12) -> Figure:
    """The province's sub-indicators by points lost (their catalogue names, never codes)."""
    top = frame.head(n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(top) + 1.6))
    labels = [textwrap.shorten(t, 60, placeholder="…") for t in top["label"]]
    _value_bars(ax, labels, top["lost"], color=HIGHLIGHT, gap=0.03, fontsize=8)
    ax.set_xlabel(msg("chart.lost_points_total"))
    ax.xaxis.set_major_formatter(_comma)
    _title(
        fig, msg("chart.indicators_title", province=data.province_label, period=data.period.label())
    )
    fig.tight_layout()
    return fig
