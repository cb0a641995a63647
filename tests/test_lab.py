"""The analyst in JupyterLab (issue #22): every cell shows what it should, styled the same in
Lab and in the report; saving a notebook under notebooks/ writes it back as committed; the
notebooks name the project's kernel and `chiso766 kernel` registers it; a month that is not there
is one Vietnamese message naming data/raw/<month>, without a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from chiso766.report import display as show
from chiso766.report.batch import NOTEBOOKS
from chiso766.report.kernels import _RESET
from chiso766.report.lab import KERNELSPEC
from conftest import REPO, ingest_shared

CONFIG = REPO / "jupyter" / "jupyter_server_config.py"


def _execute(project, name: str, params: dict | None = None, allow_errors: bool = False, km=None):
    """The notebook run as an analyst runs it in Lab: from notebooks/, the defaults unless
    `params` (injected the papermill way); in kernel `km` when given (started if it is not:
    the next run of the notebook there is an analyst's "Run All" after changing the month)."""
    from nbclient import NotebookClient
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(project.root / "notebooks" / f"{name}.ipynb"))
    if params:
        nb = parameterize_notebook(nb, params, kernel_name="python3", language="python")
    reused = km is not None and km.has_kernel
    if reused:  # nothing of the run before: its namespace cleared, as the batch clears it
        nb.cells.insert(0, nbformat.v4.new_code_cell(_RESET))
    client = NotebookClient(
        nb,
        km=km,
        timeout=300,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(project.root / "notebooks")}},
    )
    try:
        client.execute()
    finally:
        if km is not None and client.kc is not None:
            client.kc.stop_channels()
    if reused:
        del nb.cells[0]
    return nb


def _visible(html: str) -> str:
    """The text a reader sees in an HTML output (styles and tags dropped)."""
    html = re.sub(r"<style>.*?</style>|<!--.*?-->", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html).strip()


def _shown(cell) -> list[str]:
    """What a cell displays: "image", "nothing" (show.nothing()), or the HTML's visible text;
    anything else (printed text, warnings, errors) as its output type."""
    shown = []
    for out in cell.outputs:
        if out.output_type not in ("display_data", "execute_result"):
            shown.append(out.output_type)
        elif "image/png" in out.data:
            shown.append("image")
        elif out.data.get("text/html") == show.NOTHING:
            shown.append("nothing")
        else:
            shown.append(_visible(out.data.get("text/html", "")) or "EMPTY")
    return shown


def _after_setup(nb) -> list:
    """The code cells a display is expected from: every code cell after the setup cell (the
    one calling notebook.start)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    setup = next(i for i, c in enumerate(code) if "notebook.start(" in c.source)
    return code[setup + 1 :]


@pytest.fixture(scope="module")
def lab_project(sample_project):
    """The sample with what the notebooks' defaults read (June 2024 and the months before it)
    stored, as `make lab` leaves it. Under xdist each month is ingested once a run
    (`ingest_shared`: whichever worker needs it first), so the Lab runs need not wait for the
    session's sample reports (conftest.SHARED: their own group)."""
    from chiso766.store.loader import report_keys

    # newest first: the sample reports ingest oldest first, so two workers starting together
    # share the ingest, neither waiting
    ingest_shared(report_keys("2024-06", sample_project)[::-1], sample_project)
    return sample_project


@pytest.fixture(scope="module")
def lab_run(lab_project):
    """`_execute` once per notebook and parameters in this module; later tests read the runs
    the first one made. Each notebook has a kernel of its own: fresh for its first run (the
    defaults, as Lab opens it), then reused for another month (the missing one), as an analyst
    changes the month and runs all again."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    runs: dict[tuple, nbformat.NotebookNode] = {}
    kernels: dict[str, AsyncKernelManager] = {}

    def run(name: str, params: dict | None = None, allow_errors: bool = False):
        key = (name, tuple(sorted((params or {}).items())), allow_errors)
        if key not in runs:
            if name not in kernels:
                kernels[name] = AsyncKernelManager(kernel_name="python3")
            km = kernels[name]
            runs[key] = _execute(lab_project, name, params, allow_errors, km)
        return runs[key]

    yield run
    for km in kernels.values():
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)


def _every_cell_shows_something(nb, name: str) -> None:
    """Every code cell after the setup shows an image, a styled HTML block with text, or, on
    purpose, show.nothing(); never nothing at all, printed text, a warning or an error."""
    for cell in _after_setup(nb):
        shown = _shown(cell)
        assert shown, (name, cell.source)
        assert all(s not in ("stream", "error", "EMPTY") for s in shown), (name, cell.source)
        for out in cell.outputs:
            html = out.data.get("text/html", "")
            assert (
                html == show.NOTHING
                or "image/png" in out.data
                or (html.startswith('<div class="c766"><style>'))
            ), (name, cell.source)


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_cell_after_the_setup_displays_something(lab_run, name):
    """Issue #22: a display inside an `if` (or a helper returning None) left a cell empty in
    Lab and hid "Để lên hạng ..." from the report. Run as Lab opens it: the defaults (2024-06,
    the project found from notebooks/, charts displayed rather than saved)."""
    _every_cell_shows_something(lab_run(name), name)


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_after_the_merger_every_cell_displays_something(sample_reports, name):
    """The same for 2026-10 (no districts, sub-indicators present), read from the notebooks
    the session's report executed for it: the kernel and the cells an analyst runs after
    setting month = "2026-10" (a second Lab run of each would add nothing but its seconds;
    charts there are shown from their saved PNG, in Lab by display(fig), which the defaults'
    run covers). The rank plan, the cell issue #22 found empty, ends 06."""
    folder = sample_reports["2026-10"].folder / "notebooks"
    nb = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    _every_cell_shows_something(nb, name)
    if name == "06_indicators":
        last = _shown(_after_setup(nb)[-1])
        assert last[0].startswith("Để lên hạng "), last


@pytest.mark.slow
def test_the_late_list_shows(lab_run):
    """The other cells issue #22 found empty show their text: the late list and Phụ lục 3."""
    dossiers = lab_run("04_dossiers")
    texts = [s for c in _after_setup(dossiers) for s in _shown(c)]
    assert any(t.startswith("CấpĐơn vịHồ sơ trễ hạn") for t in texts)  # the late list
    assert any("Nhận: tổng số" in t for t in texts)  # Phụ lục 3


@pytest.mark.slow
def test_long_tables_scroll_under_a_sticky_header_text_left_numbers_right(lab_run):
    """The 110-row commune table (03) scrolls inside its frame; its header stays in view; text
    cells are left-aligned, number cells right-aligned, by the output's own stylesheet."""
    nb = lab_run("03_local_units")
    communes = next(c for c in nb.cells if c.source.startswith("communes = "))
    html = communes.outputs[0].data["text/html"]
    assert html.count("<tr") > 100 and 'class="c766-frame c766-long"' in html
    style = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1)
    assert re.search(r"\.c766 \.c766-frame \{[^}]*max-height: 32rem; overflow: auto", style)
    assert re.search(r"table\.c766-t th \{[^}]*position: sticky; top: 0", style)
    assert re.search(r"table\.c766-t td \{[^}]*text-align: left", style)
    assert re.search(r"td\.num \{[^}]*text-align: right", style)
    heads = re.findall(r"<th( class=num)?>([^<]*)</th>", html)
    assert ("", "Đơn vị") in heads and (" class=num", "Tổng điểm") in heads
    for row in re.findall(r"<tr[^>]*>(<td.*?)</tr>", html):
        cells = re.findall(r"<td(?: class=(\w+))?>", row)
        assert [c == "num" for c in cells] == [h == " class=num" for h, _ in heads]
        assert cells[heads.index(("", "Đơn vị"))] == "wide"  # long names keep their width
        assert cells[heads.index(("", "Xếp loại"))] == "short"  # "Trung bình" on one line


def test_helpers_never_return_none_and_say_when_there_is_nothing():
    empty = pd.DataFrame({"unit": pd.Series([], dtype="str")})
    note = show.table(empty, [show.Column("unit", "Đơn vị")])._repr_html_()
    assert _visible(note) == "Không có dòng số liệu nào."
    assert show.nothing()._repr_html_() == show.NOTHING
    assert show.sentences([])._repr_html_() == show.NOTHING
    assert show.section("Tiêu đề", show.nothing())._repr_html_() == show.NOTHING
    cards = show.kpis([("Tổng điểm", "84,39 điểm")])._repr_html_()
    assert 'class="c766-kpi"' in cards and ".c766 .c766-kpis { display: flex" in cards
    assert _visible(cards) == "84,39 điểmTổng điểm"


# --- exploring never dirties git ------------------------------------------------------------


def _contents_manager(root: Path):
    """Jupyter's file contents manager configured by the project's config file, as `make lab`
    starts it (the file found through JUPYTER_CONFIG_PATH)."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG.name, path=str(root / "jupyter")).load_config()
    assert config.ServerApp.root_dir == str(root)
    assert config.LabApp.default_url == "/lab/tree/notebooks"
    return FileContentsManager(config=config, root_dir=str(root))


def _as_lab_saves_it(committed: dict) -> dict:
    """The notebook model Lab sends after Run All and a kernel change: outputs, execution
    counts, cell state and the kernel and language it ran on."""
    nb = json.loads(json.dumps(committed))
    for n, cell in enumerate(nb["cells"]):
        cell["metadata"]["collapsed"] = False
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-11-29T10:00:00.000Z"}
        if cell["cell_type"] == "code":
            cell["execution_count"] = n
            cell["outputs"] = [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"text/html": "<b>kết quả</b>", "text/plain": "x"},
                }
            ]
    nb["metadata"] = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.9", "mimetype": "text/x-python"},
    }
    return nb


def test_saving_a_notebook_in_lab_writes_it_back_as_committed(tmp_path):
    """Issue #22: autosave wrote 9 outputs (750 kB) into 03_local_units.ipynb. Through the
    project's Jupyter config, a notebook saved under notebooks/ is byte for byte the committed
    file (git sees nothing); one saved elsewhere keeps its outputs."""
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks")
    shutil.copytree(REPO / "jupyter", tmp_path / "jupyter")
    (tmp_path / "outputs").mkdir()
    cm = _contents_manager(tmp_path)
    for name in NOTEBOOKS:
        committed = REPO / "notebooks" / f"{name}.ipynb"
        model = {"type": "notebook", "format": "json"}
        ran = _as_lab_saves_it(json.loads(committed.read_text(encoding="utf-8")))
        cm.save({**model, "content": ran}, f"notebooks/{name}.ipynb")
        assert (tmp_path / "notebooks" / f"{name}.ipynb").read_bytes() == committed.read_bytes()
        ran = _as_lab_saves_it(json.loads(committed.read_text(encoding="utf-8")))
        cm.save({**model, "content": ran}, f"outputs/{name}.ipynb")
        kept = nbformat.read(tmp_path / "outputs" / f"{name}.ipynb", as_version=4)
        assert any(c.get("outputs") for c in kept.cells if c.cell_type == "code")


# --- the project's kernel ---------------------------------------------------------------------


def test_notebooks_name_the_project_kernel():
    assert KERNELSPEC == {
        "display_name": "chiso766 (.venv)",
        "language": "python",
        "name": "chiso766",
    }
    for name in NOTEBOOKS:
        nb = nbformat.read(REPO / "notebooks" / f"{name}.ipynb", as_version=4)
        assert nb.metadata.kernelspec == KERNELSPEC, name
    config = CONFIG.read_text(encoding="utf-8")
    assert f"KERNELSPEC = {KERNELSPEC!r}".replace("'", '"') in config  # what a save keeps


def test_chiso766_kernel_registers_it_for_the_user(tmp_path):
    """`chiso766 kernel` (run by `make lab`): a kernel.json in the user's Jupyter data folder
    that starts this interpreter, the one with chiso766 installed."""
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "jupyter-data")}
    run = subprocess.run(
        [sys.executable, "-m", "chiso766", "kernel"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    spec = json.loads(
        (tmp_path / "jupyter-data" / "kernels" / "chiso766" / "kernel.json").read_text()
    )
    assert spec["display_name"] == "chiso766 (.venv)" and spec["argv"][0] == sys.executable
    assert "chiso766 (.venv)" in run.stdout


# --- a month that is not there ----------------------------------------------------------------


@pytest.mark.slow
def test_a_missing_month_is_one_message_naming_its_folder_without_traceback(lab_run):
    nb = lab_run("01_province", {"month": "2025-03"}, allow_errors=True)
    setup = next(c for c in nb.cells if "notebook.start(" in c.source)
    (error,) = [o for o in setup.outputs if o.output_type == "error"]
    text = "\n".join(error.traceback)
    assert error.ename == "DataError"
    assert "data/raw/2025-03" in text and "chiso766 ingest --period 2025-03" in text
    assert text.startswith("Không mở được số liệu")
    assert "Traceback" not in text and "File " not in text and "\x1b[" not in text
