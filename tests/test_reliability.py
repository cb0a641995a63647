"""Nothing lost: runs killed at random moments leave the previous complete month or the new
complete one, two runs of a month cannot interleave, and re-running gives the same results."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from chiso766.config import Project
from chiso766.report.batch import NOTEBOOKS, new_pool, run_month
from chiso766.store.locks import month_lock
from conftest import REPO, run_cli

MONTH = "2024-06"
TABLES = ("scores", "dossiers", "publications", "indicators", "quality")
NO_PDF = ("--month", MONTH, "--set", "pdf=false")  # built_june's report has none to keep


def _cli(project, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "chiso766", "--root", str(project.root), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill_after(proc: subprocess.Popen, seconds: float) -> None:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole group: kernels too
        proc.wait()


def _processed_state(project) -> str | None:
    """Which raw version the processed month was built from, after checking it is whole."""
    folder = project.processed / MONTH
    if not folder.exists():
        return None
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for table in TABLES:
        pd.read_parquet(folder / f"{table}.parquet")  # readable, not truncated
    return next(f["sha256"] for f in manifest["files"] if "api_donvi" in f["name"])


@pytest.mark.slow
def test_ingest_killed_at_random_moments_never_leaves_a_half_written_month(project, make_month):
    folder = make_month(MONTH)
    units = next(p for p in folder.iterdir() if "api_donvi" in p.name)
    versions = [units.read_bytes()]
    doc = json.loads(versions[0])
    doc["data"][0]["ROW_STT"] = "999"
    versions.append(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    # a whole ingest of the month first, timed: each kill then lands in the second half of
    # one (after the fresh process's imports: the reading, the checks, the write, the swap),
    # with the month stored, so a kill may leave it as it was or as the new file makes it,
    # never missing or half written
    started = time.monotonic()
    first = run_cli(project, "ingest", "--month", MONTH)
    length = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    states = {hashlib.sha256(v).hexdigest() for v in versions}
    rng = random.Random(766)
    for attempt in range(6):
        units.write_bytes(versions[(attempt + 1) % 2])
        _kill_after(_cli(project, "ingest", "--month", MONTH), rng.uniform(0.5, 1.0) * length)
        state = _processed_state(project)
        leftovers = [
            p.name
            for p in project.processed.iterdir()
            if p.name.startswith(f".{MONTH}.") and p.is_dir()
        ]
        assert all(".new-" in n or ".old-" in n for n in leftovers)  # hidden, never the month
        # missing only when killed between the swap's two renames: the old copy is kept, and
        # the next run puts it back (store/parquet.recover)
        assert state in states or (state is None and any(".old-" in n for n in leftovers))
    final = run_cli(project, "ingest", "--month", MONTH)
    assert final.returncode == 0, final.stderr
    assert _processed_state(project) is not None
    assert not [p for p in project.processed.iterdir() if p.name.startswith(f".{MONTH}.new-")]


def _complete_report(folder) -> bool:
    names = {p.name for p in folder.iterdir()}
    return {
        "index.html",
        f"phu_luc_{MONTH}.xlsx",
        f"thong_bao_{MONTH}.docx",
        *(f"{n}.html" for n in NOTEBOOKS),
    } <= names


@pytest.fixture(scope="module")
def built_june(hostile_june, tmp_path_factory) -> Path:
    """A project holding June 2024 (January and May beside it), its stored tables and its
    complete report (no PDF), for the tests that interrupt a later run of it: each works on a
    copy (`_copy_of`). It is hostile_june's project (conftest.py): June is not built again for
    these tests."""
    built = hostile_june[0].parent
    root = tmp_path_factory.mktemp("built_june")
    for part in ("data", "notebooks", "outputs"):
        shutil.copytree(built / part, root / part)
    assert _complete_report(root / "outputs" / MONTH)
    return root


def _copy_of(built: Path, tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    return Project(root)


@pytest.fixture(scope="module")
def killed_then_rebuilt(built_june, tmp_path_factory):
    """June's report run by the command and killed (the whole process group, kernels too) at
    three random moments, then run to its end; June's stored tables are removed first, so
    these runs ingest it afresh. Returns the project, whether a complete report was in place
    after each kill, and the last run. That last run is June built a second time, in a fresh
    process, from the same raw files as hostile_june: the rerun tests compare the two."""
    project = _copy_of(built_june, tmp_path_factory.mktemp("killed"))
    shutil.rmtree(project.processed / MONTH)
    rng = random.Random(2024)
    complete = []
    for _ in range(3):
        _kill_after(_cli(project, "report", *NO_PDF, "--force"), rng.uniform(1.5, 9.0))
        target = project.outputs / MONTH
        complete.append(target.exists() and _complete_report(target))
    return project, complete, run_cli(project, "report", *NO_PDF, "--force")


@pytest.mark.slow
def test_report_killed_at_random_moments_keeps_the_last_complete_one(killed_then_rebuilt):
    project, complete, again = killed_then_rebuilt
    assert complete == [True, True, True]
    assert again.returncode == 0, again.stderr
    assert _complete_report(project.outputs / MONTH)
    assert not [p for p in project.outputs.iterdir() if p.name.startswith(f".{MONTH}.new-")]


def _lock_wait(project, seconds: int) -> None:
    toml = project.reference / "province.toml"
    text = toml.read_text(encoding="utf-8").replace(
        "lock_wait_seconds = 120", f"lock_wait_seconds = {seconds}"
    )
    toml.write_text(text, encoding="utf-8")


@pytest.mark.slow  # two fresh processes, and the two seconds it waits on purpose
def test_a_second_run_of_the_same_month_waits_then_stops_with_a_message(project, make_month):
    make_month(MONTH)
    _lock_wait(project, 2)
    with month_lock(project.processed, MONTH):
        started = time.monotonic()
        run = run_cli(project, "ingest", "--month", MONTH)
        waited = time.monotonic() - started
    assert run.returncode == 1
    assert "chờ tối đa 2 giây" in run.stderr  # said while it waits
    assert "đang được một lần chạy khác xử lý (đã chờ 2 giây)" in run.stderr
    assert "Traceback" not in run.stderr and waited >= 2
    assert not (project.processed / MONTH).exists()
    after = run_cli(project, "ingest", "--month", MONTH)
    assert after.returncode == 0  # the lock is gone with its holder


@pytest.mark.slow  # a fresh process, waiting on the lock then ingesting
def test_a_second_run_goes_on_when_the_first_finishes_within_the_wait(project, make_month):
    make_month(MONTH)
    _lock_wait(project, 60)
    with month_lock(project.processed, MONTH):
        waiting = subprocess.Popen(
            [sys.executable, "-m", "chiso766", "--root", str(project.root)]
            + ["ingest", "--month", MONTH],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert "chờ tối đa 60 giây" in waiting.stderr.readline()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert (project.processed / MONTH / "manifest.json").is_file()


@pytest.mark.slow
def test_rerunning_a_month_gives_the_same_tables(hostile_june, killed_then_rebuilt):
    """June ingested twice from the same raw files (hostile_june's build, then afresh by the
    command after the kills) gives the same tables."""
    project, _, again = killed_then_rebuilt
    assert again.returncode == 0, again.stderr
    for table in TABLES:
        a = pd.read_parquet(hostile_june[1] / f"{table}.parquet")
        b = pd.read_parquet(project.processed / MONTH / f"{table}.parquet")
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.slow
def test_rerunning_a_month_gives_the_same_figures_and_appendices(hostile_june, killed_then_rebuilt):
    """The two builds of June (in the test process, then by the command seconds later, so any
    timestamp would show) give the same charts, workbook, CSV copies and notice, byte for
    byte."""
    first, (project, _, again) = hostile_june[0], killed_then_rebuilt
    assert again.returncode == 0, again.stderr
    second = project.outputs / MONTH
    figures = sorted((first / "figures").iterdir())
    assert figures
    for path in figures:
        assert path.read_bytes() == (second / "figures" / path.name).read_bytes(), path.name
    for name in (
        f"phu_luc_{MONTH}.xlsx",
        *(f"phu_luc_{MONTH}_{i}.csv" for i in range(1, 5)),
        f"thong_bao_{MONTH}.docx",
    ):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.slow
def test_an_unchanged_month_is_not_rebuilt_and_a_changed_one_is(
    project, make_month, capsys, no_pdf
):
    folder = make_month(MONTH)
    (project.root / "notebooks").symlink_to(REPO / "notebooks")
    one = ("01_province",)
    with new_pool(project, one) as pool:  # one warm kernel for the three runs

        def build():
            return run_month(MONTH, project, cell_progress=False, notebooks=one, pool=pool)

        first = build()
        assert first.ok and not first.skipped
        second = build()
        assert second.skipped and "giữ nguyên báo cáo đã có" in capsys.readouterr().out
        units = next(p for p in folder.iterdir() if "api_donvi" in p.name)
        doc = json.loads(units.read_text(encoding="utf-8"))
        doc["data"][0]["ROW_STT"] = "998"  # a re-export: same figures, other bytes
        units.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        third = build()
        assert not third.skipped and third.ok


@pytest.mark.slow
def test_ctrl_c_stops_the_report_promptly_keeps_the_previous_one_and_the_kernels_go(
    built_june, tmp_path
):
    import psutil

    project = _copy_of(built_june, tmp_path)
    target = project.outputs / MONTH
    before = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chiso766", "--root", str(project.root), "report"]
        + ["--month", MONTH, "--force"],  # with its PDF: a stop may come while it converts
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        while f"[{MONTH}] 1/" not in proc.stdout.readline():  # the notebooks have started
            assert proc.poll() is None
        time.sleep(3)  # cells running in the kernels
        kernels = psutil.Process(proc.pid).children(recursive=True)
        assert kernels
        started = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert time.monotonic() - started < 30
    assert "Đã dừng theo yêu cầu; báo cáo trước vẫn giữ nguyên" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()} == before
    assert not [p for p in project.outputs.iterdir() if ".new-" in p.name]
    time.sleep(1)
    alive = [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
    assert not alive  # shut down, not left behind


@pytest.mark.slow
def test_report_folders_get_the_users_permissions_not_a_temporary_folders(
    project, make_month, no_pdf
):
    make_month(MONTH)
    (project.root / "notebooks").symlink_to(REPO / "notebooks")
    old = os.umask(0o002)
    try:
        assert run_month(MONTH, project, cell_progress=False, notebooks=("01_province",)).ok
    finally:
        os.umask(old)
    assert (project.outputs / MONTH).stat().st_mode & 0o777 == 0o775
