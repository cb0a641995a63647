"""The data path as issue #13 shaped it: export kinds as a registry, one rule for which raw files
count, loading that never ingests, one source for every setting."""

from __future__ import annotations

import ast
import pkgutil
import shutil
from pathlib import Path

import pytest

import chiso766
from chiso766.errors import DataError
from chiso766.ingest import kinds
from chiso766.ingest.pipeline import ingest_month, ingest_stale
from chiso766.messages import msg
from chiso766.store import captures, manifest
from chiso766.store.loader import open_month
from conftest import load_month

LIB = Path(chiso766.__file__).parent


def test_every_kind_module_declares_one_kind_and_the_pipeline_names_none():
    modules = {m.name for m in pkgutil.iter_modules(kinds.__path__) if not m.name.startswith("_")}
    registered = {k.name for k in kinds.registry()}
    assert registered == modules  # one module, one kind, named alike
    assert [k.order for k in kinds.registry()] == sorted(k.order for k in kinds.registry())
    assert {k.table for k in kinds.registry()} <= set(kinds.TABLES)
    # The month pipeline and the file reader run the registry: they import no kind module and
    # name no kind (the clean tables' names are theirs), so a new kind is a new module in
    # ingest/kinds and nothing else.
    for path in (LIB / "ingest" / "pipeline.py", LIB / "ingest" / "files.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in imported if m.startswith("chiso766.ingest.kinds.")}, path
        literals = {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        }
        assert not (registered - set(kinds.TABLES)) & literals, path


def test_ingest_and_the_freshness_check_agree_on_which_files_count(project, make_month):
    folder = make_month("2024-01")
    (folder / "~ghi chu.csv").write_text("Ghi chú,Nội dung\n1,xem lại\n", encoding="utf-8")
    (folder / "~$lock.xlsx").write_bytes(b"owner")  # Office's lock file: never an export
    (folder / ".~lock.x.xlsx#").write_bytes(b"lo")  # LibreOffice's
    result = ingest_month("2024-01", project)
    names = {f["name"] for f in result.files}
    assert "~ghi chu.csv" in names and "~$lock.xlsx" not in names
    ignored = result.quality[result.quality["code"] == "note.ignored_file"]
    assert set(ignored["file"]) == {"~$lock.xlsx", ".~lock.x.xlsx#"}
    assert manifest.state(project.raw, project.processed, "2024-01").current
    # Office rewrites its lock file while the workbook is open: still current
    (folder / "~$lock.xlsx").write_bytes(b"someone else")
    assert manifest.state(project.raw, project.processed, "2024-01").current
    stored = manifest.read_manifest(project.processed / "2024-01")
    ingest_stale(["2024-01"], project)  # nothing changed that counts: not ingested again
    assert manifest.read_manifest(project.processed / "2024-01") == stored


def test_the_newest_dated_capture_is_the_periods_data(project, make_month):
    undated = make_month("2024-01")
    older = project.raw / "2024-01@2024-02-03"
    newer = project.raw / "2024-01@2024-02-10"
    shutil.copytree(undated, older)
    shutil.copytree(undated, newer)
    (project.raw / "2024-01@yesterday").mkdir()  # not a capture date: not a period folder
    assert project.raw_periods() == ["2024-01"]
    assert [c.folder.name for c in captures.captures(project.raw, "2024-01")] == [
        "2024-01",
        "2024-01@2024-02-03",
        "2024-01@2024-02-10",
    ]
    result = ingest_month("2024-01", project)
    stored = manifest.read_manifest(project.processed / "2024-01")
    assert stored is not None and stored["folder"] == "2024-01@2024-02-10"
    assert result.files and manifest.state(project.raw, project.processed, "2024-01").current
    # a new capture makes the stored period stale; the older ones stay as they are
    shutil.copytree(undated, project.raw / "2024-01@2024-02-17")
    (project.raw / "2024-01@2024-02-17" / "ghi chu.csv").write_text("Ghi chú\nmới\n", "utf-8")
    assert manifest.state(project.raw, project.processed, "2024-01").needs_ingest
    assert older.is_dir() and newer.is_dir()


def test_loading_never_ingests_and_says_what_to_run(project, make_month):
    for month in ("2024-01", "2024-02"):
        make_month(month)
    with pytest.raises(DataError) as not_stored:
        open_month("2024-02", project)
    assert not_stored.value.issues[0].code == "month.not_ingested"
    assert "chiso766 ingest --period 2024-02" in str(not_stored.value)
    assert not (project.processed / "2024-02").exists()  # nothing was ingested behind our back

    load_month("2024-02", project)
    stored = (project.processed / "2024-02" / "manifest.json").stat().st_mtime_ns
    folder = project.raw / "2024-02"
    (folder / "ghi chu.csv").write_text("Ghi chú\nmới\n", encoding="utf-8")
    with pytest.raises(DataError) as stale:
        open_month("2024-02", project)
    assert stale.value.issues[0].code == "month.stale"
    assert "data/raw/2024-02" in str(stale.value)
    assert (project.processed / "2024-02" / "manifest.json").stat().st_mtime_ns == stored
    (folder / "ghi chu.csv").unlink()

    # an earlier month whose files changed is read as stored, and the report says so
    (project.raw / "2024-01" / "ghi chu.csv").write_text("Ghi chú\nmới\n", encoding="utf-8")
    data = open_month("2024-02", project)
    stale_trend = data.quality[data.quality["code"] == "trend.stale"]
    assert len(stale_trend) == 1 and "2024-01" in stale_trend["text"].iloc[0]


def test_settings_come_from_province_toml_and_a_run_overrides_them(project, make_month):
    make_month("2024-06")
    text = (project.reference / "province.toml").read_text(encoding="utf-8")
    (project.reference / "province.toml").write_text(
        text.replace("threshold = 3 ", "threshold = 5 "), encoding="utf-8"
    )
    fresh = chiso766.Project(project.root)
    data = load_month("2024-06", fresh)
    assert data.settings.late_threshold == 5
    assert open_month("2024-06", fresh, late_threshold=None).settings.late_threshold == 5
    assert open_month("2024-06", fresh, late_threshold=2).settings.late_threshold == 2
    with pytest.raises(DataError) as unknown:
        open_month("2024-06", fresh, late_treshold=2)
    assert "late_threshold" in str(unknown.value)  # the known names are listed


def test_cli_report_refuses_an_unknown_setting_before_any_work(project, make_month):
    from conftest import run_cli

    make_month("2024-06")
    run = run_cli(project, "report", "--month", "2024-06", "--set", "nguong=5")
    assert run.returncode == 2 and "late_threshold" in run.stderr
    assert not (project.outputs / "2024-06").exists()


def test_a_comparison_month_that_cannot_be_loaded_is_said_in_the_headline(project, make_month):
    from chiso766.report.narrative import headline

    for month in ("2024-01", "2024-06"):
        make_month(month)
    text = headline(load_month("2024-06", project))  # May is not there: no silent switch
    assert "chưa so sánh được với tháng 5/2024" in text
    assert "so với tháng 01/2024" in text and "chưa so sánh được với tháng 01" not in text
    make_month("2024-05")
    text = headline(load_month("2024-06", project))
    assert "chưa so sánh được" not in text and "so với tháng 5/2024" in text
    (project.raw / "2024-01").rename(project.root / "thang1")
    import shutil

    shutil.rmtree(project.processed / "2024-01")
    text = headline(load_month("2024-06", project))
    assert "chưa so sánh được với tháng 1/2024" in text and "so với tháng 5/2024" in text


def test_a_comparison_month_another_run_holds_stops_this_run(project, make_month):
    import subprocess
    import sys

    for month in ("2024-05", "2024-06"):
        make_month(month)
    toml = project.reference / "province.toml"  # wait 1 s for the other run, not 120
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("lock_wait_seconds = 120", "lock_wait_seconds = 1"), "utf-8")
    lock = project.processed / ".locks" / "2024-05.lock"
    lock.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; from filelock import FileLock; l = FileLock({str(lock)!r}); "
            "l.acquire(); print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DataError) as info:  # not a gap in the trend: a stop with a message
            ingest_stale(["2024-05", "2024-06"], project)
        assert [i.code for i in info.value.issues] == ["month.locked"]
        assert not (project.processed / "2024-06").exists()
    finally:
        holder.communicate("")


def test_the_pdf_setting_reads_true_or_false_and_the_brief_says_when_it_is_off(june, tmp_path):
    """`[run] pdf` (or `--set pdf=false`): a run without the PDF says so on the brief, in
    place of how to install LibreOffice; anything but true or false is refused by name."""
    from dataclasses import replace

    from chiso766.report import brief

    assert june.settings.pdf is True  # the sample's province.toml: pdf = true
    for given, read in ((False, False), ("false", False), ("True", True)):
        assert june.settings.override(pdf=given).pdf is read
    with pytest.raises(DataError, match="'pdf' nhận true hoặc false, không nhận 'không'"):
        june.settings.override(pdf="không")
    off = replace(june, run_settings=june.settings.override(pdf=False))
    (note,) = [d["note"] for d in brief.documents(off, tmp_path) if d["href"].endswith(".docx")]
    assert msg("doc.pdf_off") in note
    (note,) = [d["note"] for d in brief.documents(june, tmp_path) if d["href"].endswith(".docx")]
    assert msg("doc.pdf_off") not in note


def test_fields_name_the_schemas_tables_and_counts_in_order():
    """store/fields.py names the clean tables and Biểu 06's counts for code that must not load
    pandera; the schemas declare them: the same tables and columns, in the same order; the
    ingest's tables give each its schema."""
    from chiso766.ingest.kinds import TABLES
    from chiso766.store.fields import COUNT_FIELDS
    from chiso766.store.fields import TABLES as NAMES
    from chiso766.store.schemas import DOSSIERS, TABLE_SCHEMAS

    declared = [c for c in DOSSIERS.columns if c in COUNT_FIELDS]
    assert declared == list(COUNT_FIELDS)
    assert list(TABLE_SCHEMAS) == list(NAMES) == list(TABLES)
    assert all(TABLES[name].schema is TABLE_SCHEMAS[name] for name in NAMES)


def test_text_columns_check_as_pandera_checks_strings():
    """schemas.Text passes a column of pandas' `str` type at once and is pandera's own string
    check for anything else: an int or an object column fails the same way, with the same
    failure cases."""
    import pandas as pd
    import pandera.pandas as pa
    from pandera.engines.pandas_engine import STRING

    from chiso766.store.schemas import Text

    good = pd.Series(["a", None, "c"], dtype="str")
    for column in (good, pd.Series([1, 2, 3]), pd.Series(["a", 1, None], dtype=object)):
        cases = []
        for kind in (Text, STRING):
            schema = pa.DataFrameSchema({"x": pa.Column(kind(), nullable=True)})
            try:
                schema.validate(pd.DataFrame({"x": column}), lazy=True)
                cases.append(None)
            except pa.errors.SchemaErrors as exc:
                cases.append(exc.failure_cases[["check", "failure_case"]].to_dict("records"))
        assert cases[0] == cases[1], column.dtype
    assert Text().check(STRING(), good) is True  # the exact type: no per-row answer


def test_the_pdf_setting_is_read_from_province_toml(project):
    """`[run] pdf = false` in province.toml turns the PDF off for every run; a value that is
    not true or false stops the run, naming the setting."""
    import tomllib

    from chiso766.config import Settings

    config = tomllib.loads((project.reference / "province.toml").read_text(encoding="utf-8"))
    assert Settings.from_config(config).pdf is True
    config["run"]["pdf"] = False
    assert Settings.from_config(config).pdf is False
    config["run"]["pdf"] = "có"
    with pytest.raises(DataError, match="'run.pdf' nhận true hoặc false"):
        Settings.from_config(config)


def test_an_empty_table_keeps_its_stored_columns_else_the_schemas():
    """Loading joins a table's months; with no rows at all it is the stored table's own
    columns (ingest writes them: no schema, no pandera in a kernel), else the schema's."""
    import pandas as pd

    from chiso766.store.parquet import concat
    from chiso766.store.schemas import PUBLICATIONS

    stored = pd.DataFrame({"period": pd.Series([], dtype="str"), "unit_id": []})
    assert list(concat([stored, pd.DataFrame()], "publications").columns) == ["period", "unit_id"]
    assert list(concat([], "publications").columns) == list(PUBLICATIONS.columns)
    assert concat([], None).empty
