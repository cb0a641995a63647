"""JupyterLab: the project's kernel, "chiso766 (.venv)", which runs this interpreter (the one
with chiso766 installed). Registered for the user, so any JupyterLab of that user (the
project's, conda's, the office's) opens the notebooks on it, whatever the notebook's metadata
names; the notebooks name it (`KERNELSPEC`), and jupyter/jupyter_server_config.py keeps it so.
"""

from __future__ import annotations

from pathlib import Path

KERNEL_NAME = "chiso766"
KERNELSPEC = {"display_name": "chiso766 (.venv)", "language": "python", "name": KERNEL_NAME}


def register_kernel(*, user: bool = True, prefix: str | None = None) -> Path:
    """Install the kernel spec (for the user by default; `prefix` for an environment) and
    return its folder. Registering again replaces it."""
    from ipykernel.kernelspec import install

    return Path(
        install(
            user=user and prefix is None,
            prefix=prefix,
            kernel_name=KERNEL_NAME,
            display_name=KERNELSPEC["display_name"],
        )
    )
