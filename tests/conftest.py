"""Shared fixtures: a throw-away project (reference files copied, sample exports generated) so
tests never touch the checkout's data/processed or outputs."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chiso766.config import Project
from chiso766.sample import build_month

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project with the real reference files and no raw data."""
    shutil.copytree(REPO / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "data" / "raw").mkdir()
    return Project(tmp_path)


@pytest.fixture
def make_month(project: Project):
    """Write a sample month into the project, optionally replacing or adding files.

    make_month("2024-06", drop=["x.xls"], add={"y.csv": b"..."}) -> the month's folder."""

    def make(
        month: str,
        *,
        drop: tuple[str, ...] = (),
        add: dict[str, bytes] | None = None,
        only: tuple[str, ...] | None = None,
    ) -> Path:
        folder = project.raw / month
        folder.mkdir(parents=True, exist_ok=True)
        files = build_month(month, Project(REPO))
        for name, data in files.items():
            if name in drop or (only is not None and not any(o in name for o in only)):
                continue
            (folder / name).write_bytes(data)
        for name, data in (add or {}).items():
            (folder / name).write_bytes(data)
        return folder

    return make


def sha256_tree(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def file_named(folder: Path, fragment: str) -> Path:
    return next(p for p in folder.iterdir() if fragment in p.name)


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory) -> Project:
    """A project holding the six committed sample months and the notebooks (shared, read-only
    for tests: each test that changes data makes its own `project`)."""
    root = tmp_path_factory.mktemp("sample")
    for part in (("data", "reference"), ("data", "raw"), ("notebooks",)):
        shutil.copytree(REPO.joinpath(*part), root.joinpath(*part))
    return Project(root)


def load_month(month: str, project: Project, **settings):
    """Ingest what is new in the month's year (as the batch does first), then load the month."""
    from chiso766.ingest.pipeline import ingest_stale
    from chiso766.reference.periods import month_range
    from chiso766.store.loader import open_month

    ingest_stale(month_range(f"{month[:4]}-01", month), project)
    return open_month(month, project, **settings)


@pytest.fixture(scope="session")
def june(sample_project):
    """The sample's June 2024, with January to May for trends."""
    return load_month("2024-06", sample_project)


@pytest.fixture(scope="session")
def april(sample_project):
    return load_month("2024-04", sample_project)


def run_cli(project: Project, *args: str) -> subprocess.CompletedProcess:
    """`chiso766 --root <project> ARGS` in a fresh process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "chiso766", "--root", str(project.root), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
