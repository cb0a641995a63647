"""pyproject.toml, environment.yml and requirements.lock must agree."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from conftest import REPO


def _name(spec: str) -> str:
    return re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_environment_yml_declares_the_same_python_and_packages_as_pyproject():
    project = _pyproject()["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared.extend(extra)
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_specs = {_name(d): d.replace(" ", "") for d in conda if _name(d) not in ("pip",)}
    python = conda_specs.pop("python")
    assert python == "python" + project["requires-python"]
    py_specs = {_name(d): d.split("#")[0].replace(" ", "").split(";")[0] for d in declared}
    assert set(conda_specs) == set(py_specs)
    for name, spec in py_specs.items():
        bound = spec[len(name) :] if spec.lower().startswith(name) else spec
        assert conda_specs[name].endswith(bound), (name, conda_specs[name], spec)


def test_lock_pins_every_declared_package():
    project = _pyproject()["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared.extend(extra)
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pinned = {_name(line): line.split("==")[1] for line in lock if "==" in line}
    missing = [d for d in declared if _name(d) not in pinned]
    assert not missing, f"requirements.lock lacks {missing}: run `make lock`"


@pytest.fixture(scope="module")
def imported(june) -> list[str]:
    """What one fresh process has loaded at each step of a run, one line a step (a fresh
    process costs 1-2 s, so the import tests below share it): the command line, the settings
    and the kernel pool; then what a notebook's kernel does (the notebooks' imports, a stored
    month loaded); then the batch; then the package's names asked for."""
    from chiso766.report.kernels import notebook_imports

    imports = notebook_imports(sorted((REPO / "notebooks").glob("*.ipynb")))
    root = str(june.project.root)
    code = f"""
import sys
from pathlib import Path
import chiso766.cli, chiso766.report.kernels, chiso766.config
print(sorted({{'pandas', 'pyarrow', 'nbconvert'}} & set(sys.modules)))
{imports}
from chiso766.config import Project
from chiso766.store.loader import open_month
data = open_month('2024-06', Project(Path({root!r})))
print(len(data.scores) > 0, 'pandera' in sys.modules)
import chiso766.report.batch
from chiso766.ingest.pipeline import ingest_stale
from chiso766.store.loader import report_keys
ingest_stale(report_keys('2024-06', data.project), data.project)  # stored: nothing to do
print('lark' in sys.modules, 'pandera' in sys.modules)
import chiso766
print(chiso766.open_month.__module__, 'open_month' in dir(chiso766))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.splitlines()


def test_the_report_command_can_start_its_kernels_before_loading_pandas(imported):
    """`chiso766 report` starts its kernels first (cli.main), so their start and imports overlap
    this process's own: the command line, the settings and the kernel pool load no pandas; and
    the package's names still come when asked (chiso766/__init__ loads them when first used)."""
    assert imported[0] == "[]"
    assert imported[3].split() == ["chiso766.store.loader", "True"]


def test_a_kernel_imports_and_loads_a_month_without_pandera(imported):
    """Validation is ingest's: a notebook's kernel runs the notebooks' imports and loads a
    stored month without pandera (the schemas are type hints there), 0.4 s and about 15 MiB
    less in every kernel."""
    assert imported[1].split() == ["True", "False"]


def test_the_batch_does_not_compile_the_iri_grammar_it_never_uses(imported):
    """nbformat -> jsonschema -> rfc3987-syntax compiles a Lark grammar at import (2-3 s of
    CPU in every `chiso766 report`); chiso766.report marks it absent before nbformat loads."""
    assert imported[2].split()[0] == "False"


def test_the_batch_loads_pandera_only_to_ingest(imported):
    """A report whose months are stored ingests nothing and validates nothing: the batch, and
    the ingest's check that June and its months are stored, load no pandera (about 0.5 s of
    CPU); the schemas are loaded when a period is ingested (kinds.CleanTable.schema)."""
    assert imported[2].split()[1] == "False"


def test_the_readme_layout_names_every_module():
    """Issue #13: the README's layout tree matches the tree. Every module of the package is
    named in its own folder's lines (as `name.py`, or by name in a list such as the export
    kinds); a module at the top of the package as `name.py`."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, re.S | re.M)
    lines = next(b for b in blocks if "── lib/chiso766/" in b).splitlines()
    package = REPO / "lib" / "chiso766"

    def folder_lines(folder: str) -> str:
        """The tree's lines from `folder/` to the next entry beside it or above it."""
        first = next(i for i, line in enumerate(lines) if f"── {folder}/" in line)
        depth = lines[first].index("──")
        end = next(
            (i for i in range(first + 1, len(lines)) if 0 <= lines[i].find("──") <= depth),
            len(lines),
        )
        return "\n".join(lines[first:end])

    modules = [p for p in package.rglob("*.py") if p.stem not in ("__init__", "__main__")]
    assert len(modules) > 50
    unnamed = []
    for path in modules:
        parts = path.relative_to(package).parts
        if len(parts) == 1:
            named = f"{path.name}" in "\n".join(lines)
        else:
            named = bool(re.search(rf"\b{path.stem}\b", folder_lines(parts[0])))
        if not named:
            unnamed.append("/".join(parts))
    assert not unnamed, f"README.md's layout does not name {unnamed}"
