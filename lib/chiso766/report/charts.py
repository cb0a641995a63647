"""Charts in one consistent style: Vietnamese titles that say what and when, labelled axes,
decimal commas, the province highlighted. Each function returns a matplotlib Figure; `save`
writes it as PNG and SVG (deterministic bytes: no dates in the metadata)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from chiso766 import formatting as fmt
from chiso766.analysis import MonthData
from chiso766.messages import msg
from chiso766.reference.groups import BY_CODE
from chiso766.reference.levels import UNIT_LEVELS
from chiso766.reference.periods import parse_month

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # the rc names, checked by mypy

TITLE_WIDTH = 80  # characters on one title line (an 8-inch figure at 12 pt bold)
HIGHLIGHT = "#c0392b"
PRIMARY = "#1f4e79"
MUTED = "#b8c2cc"
LEVEL_COLORS = {
    "department": "#1f4e79",
    "district": "#2e86c1",
    "land_branch": "#85c1e9",
    "commune": "#f5b041",
}
STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # covers every Vietnamese letter
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e8eb",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "figure.dpi": 110,
    "savefig.dpi": 130,
    "svg.fonttype": "none",  # text stays text in SVG: searchable, smaller, much faster to write
    # every chart calls tight_layout, so saving needs no second "tight" layout pass
    "svg.hashsalt": "chiso766",
    "figure.max_open_warning": 0,
    "text.parse_math": False,  # a "$" in a unit's name is text, not TeX
}
plt.rcParams.update(STYLE)

_comma = FuncFormatter(lambda v, _: fmt.number(round(v, 2)))
_percent = FuncFormatter(lambda v, _: fmt.percent(v, 0))


def span(data: MonthData) -> str:
    months = [parse_month(m).month for m in data.months]
    return msg("chart.span", first=min(months), last=max(months), year=data.period.year)


def _title(fig: Figure, text: str) -> None:
    """The chart's title, centred on the figure rather than on the plot area: beside long unit
    names the plot area is narrow, and a title centred on it ran off the right edge (losing the
    month). A title too long for one line is wrapped."""
    fig.suptitle(
        textwrap.fill(text, TITLE_WIDTH),
        fontsize=plt.rcParams["axes.titlesize"],
        fontweight=plt.rcParams["axes.titleweight"],
    )


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


def trend(data: MonthData, trend_frame: pd.DataFrame) -> Figure:
    """Score and national rank of the province, January to the month."""
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(8, 5.2), sharex=True, gridspec_kw={"height_ratios": [1, 1]}
    )
    months = [parse_month(p).tick_label() for p in trend_frame["period"]]
    top.plot(months, trend_frame["total"], marker="o", color=PRIMARY, linewidth=2)
    for x, y in zip(months, trend_frame["total"], strict=True):
        top.annotate(
            fmt.points(y),
            (x, y),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=9,
        )
    top.set_ylabel(msg("chart.score"))
    top.yaxis.set_major_formatter(_comma)
    top.margins(y=0.25)
    bottom.plot(months, trend_frame["rank"], marker="o", color=HIGHLIGHT, linewidth=2)
    for x, y, size in zip(months, trend_frame["rank"], trend_frame["size"], strict=True):
        bottom.annotate(
            fmt.rank(y, size),
            (x, y),
            textcoords="offset points",
            xytext=(0, -14),
            ha="center",
            fontsize=9,
        )
    worst = int(trend_frame["rank"].max())
    bottom.set_ylim(worst + max(3, worst * 0.25), 0)  # rank 1 on top
    bottom.yaxis.set_major_formatter(FuncFormatter(lambda v, _: str(int(v)) if v >= 1 else ""))
    bottom.set_ylabel(msg("chart.rank", size=int(trend_frame["size"].max())))
    bottom.set_xlabel(msg("chart.month"))
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.margins(y=0.3)
    _title(fig, msg("chart.trend_title", province=data.province_label, span=span(data)))
    fig.tight_layout()
    return fig


def groups(data: MonthData, table: pd.DataFrame) -> Figure:
    """Each group's score against its maximum."""
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


def national(data: MonthData, ranking: pd.DataFrame) -> Figure:
    """All provinces ranked, the province highlighted, the national median marked."""
    fig, ax = plt.subplots(figsize=(10, 4.2))
    colors = [HIGHLIGHT if p else MUTED for p in ranking["is_province"]]
    x = range(len(ranking))
    ax.bar(x, ranking["total"], color=colors, width=0.8)
    median = ranking["total"].median()
    ax.axhline(median, color=PRIMARY, linestyle="--", linewidth=1)
    ax.text(
        len(ranking) - 0.5,
        median + 0.6,
        msg("chart.national_median", value=fmt.points(median)),
        ha="right",
        color=PRIMARY,
        fontsize=9,
    )
    me = ranking[ranking["is_province"]]
    if not me.empty:
        pos = list(ranking["is_province"]).index(True)
        row = me.iloc[0]
        ax.annotate(
            f"{data.province_name}: {fmt.points(row['total'])} "
            f"({fmt.rank(row['rank_total'], row['cohort_size'])})",
            (pos, row["total"]),
            xytext=(pos + 3, row["total"] + 4),
            arrowprops={"arrowstyle": "->", "color": HIGHLIGHT},
            color=HIGHLIGHT,
            fontweight="bold",
        )
    ax.set_xticks([])
    ax.set_xlabel(msg("chart.rank", size=len(ranking)))
    ax.set_ylabel(msg("chart.score"))
    ax.yaxis.set_major_formatter(_comma)
    low = max(0, ranking["total"].min() - 8)
    ax.set_ylim(low, 100)
    _title(fig, msg("chart.national_title", size=len(ranking), period=data.period.label()))
    fig.tight_layout()
    return fig


def heatmap(data: MonthData, shares: pd.DataFrame) -> Figure:
    """Month x group: share of each group's maximum."""
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(shares) + 2))
    image = ax.imshow(
        shares.to_numpy(dtype=float), cmap="RdYlGn", vmin=0.4, vmax=1.0, aspect="auto"
    )
    ax.set_xticks(
        range(len(shares.columns)),
        [BY_CODE[c].short for c in shares.columns],
        rotation=20,
        ha="right",
    )
    ax.set_yticks(
        range(len(shares.index)), [parse_month(p).tick_label(year=True) for p in shares.index]
    )
    for i in range(len(shares.index)):
        for j in range(len(shares.columns)):
            ax.text(j, i, fmt.percent(shares.iat[i, j], 0), ha="center", va="center", fontsize=9)
    ax.grid(False)
    fig.colorbar(image, ax=ax, format=_percent, shrink=0.8)
    _title(fig, msg("chart.heatmap_title", province=data.province_label, span=span(data)))
    fig.tight_layout()
    return fig


def _value_bars(ax, labels, values, *, color, gap: float, fontsize: int, text=fmt.points) -> None:
    """Horizontal bars, each with its value written just past its end, no horizontal grid."""
    ax.barh(labels, values, color=color)
    for y, v in enumerate(values):
        ax.text(v + gap, y, text(v), va="center", fontsize=fontsize)
    ax.grid(axis="y", visible=False)


def unit_totals(data: MonthData, table: pd.DataFrame, level: str) -> Figure:
    """A level's units by total score, best on top."""
    ordered = table.sort_values(["total", "stt"], ascending=[True, False])
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(ordered) + 1.6))
    _value_bars(ax, ordered["short_name"], ordered["total"], color=PRIMARY, gap=0.3, fontsize=8)
    ax.set_xlim(max(0, ordered["total"].min() - 10), 100)
    ax.set_xlabel(msg("chart.score"))
    ax.xaxis.set_major_formatter(_comma)
    _title(fig, msg("chart.units_title", level=_level_phrase(level), period=data.period.label()))
    fig.tight_layout()
    return fig


def unit_trend(data: MonthData, frame: pd.DataFrame, level: str) -> Figure:
    """Month x unit totals as a heatmap (units as rows)."""
    grid = frame.T
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(grid) + 1.8))
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="RdYlGn", vmin=50, vmax=100, aspect="auto")
    ax.set_yticks(range(len(grid.index)), grid.index, fontsize=8)
    ax.set_xticks(range(len(grid.columns)), [parse_month(p).tick_label() for p in grid.columns])
    if len(grid) <= 40:
        for i in range(len(grid.index)):
            for j in range(len(grid.columns)):
                value = grid.iat[i, j]
                if pd.notna(value):
                    ax.text(j, i, fmt.points(value, 1), ha="center", va="center", fontsize=7)
    ax.grid(False)
    fig.colorbar(image, ax=ax, format=_comma, shrink=0.6)
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
    labels = [parse_month(p).tick_label() for p in frame.index]
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
    """The province's sub-indicators by points lost."""
    top = frame.head(n).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(top) + 1.6))
    _value_bars(ax, top["label"], top["lost"], color=HIGHLIGHT, gap=0.03, fontsize=8)
    ax.set_xlabel(msg("chart.lost_points_total"))
    ax.xaxis.set_major_formatter(_comma)
    _title(
        fig, msg("chart.indicators_title", province=data.province_label, period=data.period.label())
    )
    fig.tight_layout()
    return fig
