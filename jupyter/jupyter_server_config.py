"""JupyterLab for this project (`make lab` puts this folder on JUPYTER_CONFIG_PATH; with another
JupyterLab: `JUPYTER_CONFIG_PATH=<project>/jupyter jupyter lab`, or `--config=<this file>`).

- Lab starts at the project root (data/, outputs/ can be browsed) and opens notebooks/.
- Exploring never dirties git: a notebook saved under notebooks/ is written as committed, without
  outputs, execution counts, or the metadata Lab adds (kernel choice, language version, cell
  state). Copy a notebook elsewhere (e.g. outputs/) to keep its outputs.

Self-contained on purpose (no `import chiso766`): it must also work in a JupyterLab installed
outside the project's .venv.
"""

import warnings
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
NOTEBOOKS = PROJECT / "notebooks"
KERNELSPEC = {"display_name": "chiso766 (.venv)", "language": "python", "name": "chiso766"}
KEPT_CELL_METADATA = ("tags",)


def _under_notebooks(path: str, contents_manager) -> bool:
    root = Path(getattr(contents_manager, "root_dir", "") or ".")
    target = (root / path.lstrip("/")).resolve()
    return target.parent == NOTEBOOKS


def strip_notebook(nb: dict) -> dict:
    """The notebook as committed: no outputs, no execution counts, only the tags of each cell's
    metadata, the project's kernel and the language's name."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        meta = cell.get("metadata", {})
        cell["metadata"] = {k: meta[k] for k in KEPT_CELL_METADATA if k in meta}
    nb["metadata"] = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    return nb


def strip_on_save(model, path, contents_manager, **kwargs):
    """pre_save_hook: a notebook saved in notebooks/ is written without what running it added."""
    if model.get("type") == "notebook" and _under_notebooks(path, contents_manager):
        strip_notebook(model["content"])


# jupyter_server warns "Overriding existing pre_save_hook" for any hook set by configuration
# (it validates after assigning); there is no other hook to override here.
warnings.filterwarnings("ignore", message="Overriding existing pre_save_hook")
c = get_config()  # noqa: F821 (provided by Jupyter when it reads this file)
c.ContentsManager.pre_save_hook = strip_on_save
c.ServerApp.root_dir = str(PROJECT)
c.LabApp.default_url = "/lab/tree/notebooks"
