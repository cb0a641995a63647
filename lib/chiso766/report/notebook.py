"""What a notebook needs in its first cell: the month's data and where its figures go.

    ctx = chiso766.notebook.start(month, root, output_dir)
    ctx.show(charts.trend(ctx.data, trend), "01_xu_huong")   # displays, and saves its PNG

With `output_dir` unset (an analyst exploring in JupyterLab), figures are displayed, not saved.
In a notebook, `start` also makes a DataError (a month not in data/raw, or not ingested) show as
its Vietnamese message alone, without a traceback; the cell still fails, so a batch stops there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
from IPython import get_ipython
from IPython.display import Image, display
from matplotlib.figure import Figure

from chiso766.config import Project
from chiso766.errors import DataError
from chiso766.messages import msg
from chiso766.report import charts
from chiso766.report.display import nothing
from chiso766.store.loader import MonthData, open_month


@dataclass
class Context:
    data: MonthData
    figures: Path | None

    def show(self, fig: Figure | None, name: str) -> None:
        """Display a chart, save it (when the run has an output folder) and free it. A saved
        chart is displayed from its PNG, so it is drawn once, not twice. None (a chart of data
        the month lacks: `charts.x(...) if cond else None`) displays `display.nothing()`."""
        if fig is None:
            display(nothing())
            return
        if self.figures is not None:
            png = charts.save(fig, self.figures, name)
            display(Image(filename=str(png)), metadata={"image/png": {"alt": charts.alt_text(fig)}})
        else:
            display(fig)
        plt.close(fig)


def start(
    month: str,
    root: str | None = None,
    output_dir: str | None = None,
    settings: dict[str, object] | None = None,
    **overrides: object,
) -> Context:
    """Load the stored month (never ingesting: a month with new raw files is refused with the
    command to run) with the run's settings: province.toml's, then the run's `settings` (the
    batch passes the same to every notebook, the workbook and the notice), then a notebook's
    own parameters (`late_threshold=...`) where they are not None."""
    _show_data_errors_plainly()
    project = Project.find(root)
    given = {name: value for name, value in overrides.items() if value is not None}
    data = open_month(month, project, **{**(settings or {}), **given})
    figures = Path(output_dir) / "figures" if output_dir else None
    return Context(data, figures)


def data_error_text(error: DataError) -> str:
    """What a notebook shows for a DataError: a heading and each problem on its own line."""
    return "\n".join([msg("notebook.data_error"), *(f"  - {issue}" for issue in error.issues)])


def _show_data_errors_plainly() -> None:
    """In IPython, a DataError shows its message alone (as an error output, no traceback)."""
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        text = data_error_text(value)
        shell._showtraceback(etype, value, [text])  # ipykernel: an error output, status error
        return [text]

    shell.set_custom_exc((DataError,), handler)
