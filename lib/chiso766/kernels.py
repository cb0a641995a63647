"""Executing notebooks in long-lived kernels: one per worker, reused across notebooks and
months, so each notebook pays for its own cells, not for a kernel start and the imports.

Parameters are injected the papermill way (`papermill.parameterize_notebook`: a tagged cell
after the `parameters` cell, values as Python literals, so "2024-06" stays a string). Between two
notebooks the kernel's namespace is cleared (`%reset -f`), so a notebook cannot lean on another's
variables; imported modules stay loaded, which is the point.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # its start-up chatter is not for the analyst
_RESET = "get_ipython().run_line_magic('reset', '-f')"


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

    def run(
        self,
        source: Path,
        target: Path,
        params: dict,
        progress: Callable[[int, int], None] | None = None,
    ) -> CellError | None:
        nb = parameterize_notebook(
            load_notebook_node(str(source)), params, kernel_name="python3", language="python"
        )
        reset = nbformat.v4.new_code_cell(_RESET)
        nb.cells.insert(0, reset)
        count = len(nb.cells) - 1
        current = {"index": None}

        def on_cell_start(cell, cell_index):
            current["index"] = cell_index
            if progress and cell_index:
                progress(cell_index, count)

        if self.km is None:
            self.km = AsyncKernelManager(kernel_name="python3")
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
        error = None
        try:
            client.execute(cwd=str(self.cwd))
        except CellExecutionError as exc:
            error = CellError(current["index"], f"{exc.ename}: {exc.evalue}"[:300])
        except DeadKernelError as exc:
            error = CellError(current["index"], f"DeadKernelError: {exc}"[:300])
            self.km = None  # a new kernel for the next notebook
        except Exception as exc:  # a timeout or a kernel that will not start
            error = CellError(current["index"], f"{type(exc).__name__}: {exc}"[:300])
            self.shutdown()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        nb.cells.remove(reset)
        nbformat.write(nb, target)
        return error

    def shutdown(self) -> None:
        if self.km is not None and self.km.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(self.km.shutdown_kernel)(now=True)
        self.km = None


class KernelPool:
    """A kernel per worker thread, created on first use and kept until `close`."""

    def __init__(self, cwd: Path, timeout: int):
        self.cwd = cwd
        self.timeout = timeout
        self._local = threading.local()
        self._all: list[Kernel] = []
        self._lock = threading.Lock()

    def kernel(self) -> Kernel:
        kernel = getattr(self._local, "kernel", None)
        if kernel is None:
            kernel = Kernel(self.cwd, self.timeout)
            self._local.kernel = kernel
            with self._lock:
                self._all.append(kernel)
        return kernel

    def close(self) -> None:
        for kernel in self._all:
            kernel.shutdown()
        self._all.clear()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
