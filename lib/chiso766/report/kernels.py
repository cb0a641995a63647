"""Executing notebooks in long-lived kernels: one per worker, reused across notebooks and
months, so each notebook pays for its own cells, not for a kernel start and the imports.

Parameters are injected the papermill way (`papermill.parameterize_notebook`: a tagged cell
after the `parameters` cell, values as Python literals, so "2024-06" stays a string). Between two
notebooks the kernel's namespace is cleared (`%reset -f`), so a notebook cannot lean on another's
variables; imported modules stay loaded, which is the point.

A pool starts its kernels as soon as it is made and runs the notebooks' imports in them
(`notebook_imports`), so the kernel start and the imports overlap the batch's ingest instead of
waiting for the first notebook. Kernels talk to the batch over Unix sockets named uniquely in
the temporary folder (TCP on Windows): two runs side by side, or two test workers, never race
for a port.
"""

from __future__ import annotations

import ast
import contextlib
import os
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

from chiso766.config import Project
from chiso766.reference.periods import parse_period

NOTEBOOKS = (
    "01_province",
    "02_departments",
    "03_local_units",
    "04_dossiers",
    "05_summary",
    "06_indicators",
)
PERIOD_NOTEBOOKS = ("01_province",)  # what a period other than a month has data for
CELL_TIMEOUT = 600  # seconds any one cell may take
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # its start-up chatter is not for the analyst
_RESET = "get_ipython().run_line_magic('reset', '-f')"
T = TypeVar("T")


def notebooks_for(period: str, notebooks: tuple[str, ...] = NOTEBOOKS) -> tuple[str, ...]:
    """Which of `notebooks` a period's report runs: all for a month, the overview for another
    kind of period."""
    if parse_period(period).kind == "month":
        return notebooks
    return tuple(n for n in notebooks if n in PERIOD_NOTEBOOKS)


def notebook_imports(notebooks: Iterable[Path]) -> str:
    """Every top-level `import` statement of the notebooks' code cells, once each, in order: what
    a kernel loads before its first notebook (and what the benchmark's floor runs)."""
    lines: list[str] = []
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:  # magics: not an import line of ours
                continue
            for node in tree.body:
                if isinstance(node, ast.Import | ast.ImportFrom):
                    line = ast.unparse(node)
                    if line not in lines:
                        lines.append(line)
    return "\n".join(lines)


def new_pool(project: Project, notebooks: tuple[str, ...] = NOTEBOOKS) -> KernelPool:
    """Kernels for the notebooks, run from notebooks/ as JupyterLab would: one per core, or per
    notebook when there are fewer; they start at once and load what the notebooks import while
    the batch ingests."""
    sources = [project.notebooks / f"{name}.ipynb" for name in notebooks]
    preload = notebook_imports(p for p in sources if p.is_file())
    workers = min(os.cpu_count() or 1, len(notebooks))
    return KernelPool(project.notebooks, CELL_TIMEOUT, preload, workers)


def _manager() -> AsyncKernelManager:
    """A kernel manager whose kernel listens on Unix sockets named uniquely in the temporary
    folder (TCP where there are none): no port is chosen, so none can be taken by another
    process between being chosen and being bound."""
    if os.name != "posix":
        return AsyncKernelManager(kernel_name="python3")
    prefix = os.path.join(tempfile.gettempdir(), f"chiso766-kernel-{uuid.uuid4().hex[:12]}")
    return AsyncKernelManager(kernel_name="python3", transport="ipc", ip=prefix)


@dataclass
class CellError:
    cell: int | None  # 1-based position among the notebook's cells (the injected one counted)
    error: str


class Kernel:
    """One kernel and what it takes to run a notebook in it."""

    def __init__(self, cwd: Path, timeout: int):
        self.cwd = cwd
        self.timeout = timeout
        self.km: AsyncKernelManager | None = None
        self.kc = None  # its client, connected once and kept (a new one costs ~0.2 s)

    def run(
        self,
        source: Path,
        target: Path,
        params: dict,
        progress: Callable[[int, int], None] | None = None,
    ) -> CellError | None:
        # papermill imports pyarrow (its file systems): here, in a worker, not before the
        # kernels start (cli._report starts them before this process's own heavy imports)
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        nb = parameterize_notebook(
            load_notebook_node(str(source)), params, kernel_name="python3", language="python"
        )
        reset = nbformat.v4.new_code_cell(_RESET)
        nb.cells.insert(0, reset)
        count = len(nb.cells) - 1

        def on_cell(cell_index: int) -> None:
            if progress and cell_index:
                progress(cell_index, count)

        error = self._execute(nb, on_cell)
        nb.cells.remove(reset)
        nbformat.write(nb, target)
        return error

    def warm(self, code: str, wanted: Callable[[], bool] = lambda: True) -> CellError | None:
        """Start the kernel (when it is not running) and run `code` in it: the imports every
        notebook begins with, paid before the first notebook instead of inside it. The imports
        are skipped when, once the kernel is up, `wanted()` says the run no longer needs them."""
        error = self._execute(nbformat.v4.new_notebook(), lambda index: None)
        if error is not None or not wanted():
            return error
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        return self._execute(nb, lambda index: None)

    def _execute(self, nb, on_cell: Callable[[int], None]) -> CellError | None:
        current: dict[str, int | None] = {"index": None}

        def on_cell_start(cell, cell_index):
            current["index"] = cell_index
            on_cell(cell_index)

        if self.km is None:
            self.km = _manager()
        client = NotebookClient(
            nb,
            km=self.km,
            timeout=self.timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(self.cwd)}},
            on_cell_start=on_cell_start,
            extra_arguments=KERNEL_ARGS,
            allow_errors=False,
        )
        # The connected client is reused: a new one waits 0.2 s for the kernel's output channel
        # to go quiet (jupyter_client's wait_for_ready). nbclient's constructor ignores `kc`.
        client.kc = self.kc
        try:
            try:
                client.execute(cwd=str(self.cwd))
            finally:  # the client it made or reused is the kernel's from now on, whatever happens
                self.kc = client.kc
        except CellExecutionError as exc:
            return CellError(current["index"], f"{exc.ename}: {exc.evalue}"[:300])
        except DeadKernelError as exc:
            self._drop_client()
            self.km = None  # a new kernel for the next notebook
            return CellError(current["index"], f"DeadKernelError: {exc}"[:300])
        except Exception as exc:  # a timeout or a kernel that will not start
            self.shutdown()
            return CellError(current["index"], f"{type(exc).__name__}: {exc}"[:300])
        return None

    def interrupt(self) -> None:
        """Interrupt the cell running in this kernel, if any (from another thread)."""
        km = self.km
        if km is None or not km.has_kernel:
            return
        try:
            from jupyter_core.utils import run_sync

            run_sync(km.interrupt_kernel)()
        except Exception:  # a kernel that is already gone needs no interrupt
            pass

    def _drop_client(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        self.kc = None

    def shutdown(self) -> None:
        self._drop_client()
        if self.km is not None and self.km.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(self.km.shutdown_kernel)(now=True)
        self.km = None


class Stopped(Exception):
    """The run was stopped (Ctrl-C): nothing more is started and nothing is put in place."""


class KernelPool:
    """Worker threads, one per core (or `workers`), each with its own kernel; both are kept
    until `close`, so every month of a run reuses the same warm kernels, and the notebooks of
    the next month queue behind those of the month before (no core idles between months). With
    `preload` (import lines), every worker starts its kernel and runs them at once, before any
    notebook is queued; without, a kernel starts with its worker's first notebook."""

    def __init__(
        self, cwd: Path, timeout: int, preload: str | None = None, workers: int | None = None
    ):
        self.cwd = cwd
        self.timeout = timeout
        workers = workers or os.cpu_count() or 1
        self._executor = ThreadPoolExecutor(workers, thread_name_prefix="kernel")
        self._local = threading.local()
        self._all: list[Kernel] = []
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._closing = threading.Event()
        if preload:
            # each warm-up waits at the barrier until every worker holds one: one per kernel
            # (the executor makes a new thread for each of these first submissions)
            barrier = threading.Barrier(workers)
            for _ in range(workers):
                self.submit(self._warm, barrier, preload)

    def _warm(self, barrier: threading.Barrier, code: str) -> None:
        # a worker busy elsewhere breaks the barrier: warm this one anyway
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=30)

        def wanted() -> bool:
            return not (self.stopping.is_set() or self._closing.is_set())

        if wanted():  # a failure shows again, with its notebook, when one runs
            self.kernel().warm(code, wanted)

    def submit(self, fn: Callable[..., T], *args) -> Future[T]:
        """Run `fn(*args)` on a worker; inside it, `kernel()` is that worker's kernel."""
        return self._executor.submit(fn, *args)

    def check(self) -> None:
        """Raise Stopped once `stop` was called (before starting or finishing any work)."""
        if self.stopping.is_set():
            raise Stopped

    def stop(self) -> None:
        """Stop the run promptly: queued notebooks are dropped, running cells are interrupted
        (the kernels run in their own session, so a terminal's Ctrl-C does not reach them)."""
        self.stopping.set()
        with self._lock:
            kernels = list(self._all)
        for kernel in kernels:
            kernel.interrupt()

    def kernel(self) -> Kernel:
        kernel = getattr(self._local, "kernel", None)
        if kernel is None:
            kernel = Kernel(self.cwd, self.timeout)
            self._local.kernel = kernel
            with self._lock:
                self._all.append(kernel)
        return kernel

    def close(self) -> None:
        self._closing.set()  # a run that ends early (bad data) does not wait for the imports
        self._executor.shutdown(wait=True, cancel_futures=True)
        for kernel in self._all:
            kernel.shutdown()
        self._all.clear()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
