"""Command line: `chiso766 ingest|report|fetch|sample|init|kernel`. Errors in the data are
printed as Vietnamese messages with their location and the command exits with status 1; no
traceback for bad data."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tomllib
import traceback
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime
from pathlib import Path

from chiso766.config import Project
from chiso766.errors import DataError
from chiso766.messages import msg
from chiso766.reference.crosswalk import structure
from chiso766.reference.periods import MONTH_RE, month_range, parse_month, parse_period
from chiso766.store.manifest import state
from chiso766.textnorm import for_terminal


def _month(value: str) -> str:
    if not MONTH_RE.match(value):
        raise argparse.ArgumentTypeError(msg("cli.bad_month", value=for_terminal(value)))
    return value


def _period(value: str) -> str:
    try:
        return parse_period(value).key
    except ValueError:
        raise argparse.ArgumentTypeError(msg("period.bad_key", folder=value)) from None


def _setting(value: str) -> tuple[str, object]:
    """`late_threshold=5` -> ("late_threshold", 5): a setting of this run, its value read as
    TOML (numbers, text in quotes, true/false)."""
    name, sep, raw = value.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(msg("cli.bad_setting", value=value))
    try:
        parsed = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        parsed = raw.strip()
    return name.strip(), parsed


def _months(args: argparse.Namespace, project: Project) -> list[str]:
    if args.command == "ingest" and not (args.period or args.month or args.start or args.end):
        # every period whose raw files changed since it was stored (or that never was)
        return [
            key
            for key in project.raw_periods()
            if state(project.raw, project.processed, key).needs_ingest
        ]
    if getattr(args, "period", None):
        return [args.period]
    if args.month:
        return [args.month]
    available = project.raw_months()
    if not available and not (args.start or args.end):
        # no month folder: the newest period of another kind (a year, a year-to-date...)
        others = sorted(project.raw_periods(), key=parse_period)
        if others:
            return [others[-1]]
    if not available:
        raise DataError.of("period.no_month", raw="data/raw")
    if not args.start and not args.end:
        # the newest month of each province structure present (63 provinces before 1/7/2025,
        # 34 after): the newest month for an office, June 2024 and October 2026 for the sample
        by_structure = {structure(parse_month(m).end): m for m in available}
        return sorted(by_structure.values())
    start = args.start or (available[0] if args.end else available[-1])
    end = args.end or (available[-1] if args.start else start)
    if start > end:
        raise DataError.of("cli.bad_range", start=start, end=end)
    wanted = month_range(start, end)
    months = [m for m in wanted if m in available]
    skipped = [m for m in wanted if m not in available]
    if skipped:
        print(msg("cli.skipped_months", months=", ".join(skipped)))
    if not months:
        raise DataError.of("period.no_month", raw="data/raw")
    return months


def _print_error(month: str, exc: DataError) -> None:
    print(msg("cli.ingest_fail", month=month, count=len(exc.issues)), file=sys.stderr)
    for issue in exc.issues:
        print(for_terminal(f"  - {issue}"), file=sys.stderr)


def _ingest(months: list[str], project: Project) -> int:
    from chiso766.analysis import period_standings
    from chiso766.ingest import pipeline

    if not months:
        print(msg("cli.ingest_nothing"))
        return 0
    failures = 0
    for month in months:
        try:
            result = pipeline.ingest_month(month, project)
        except DataError as exc:
            failures += 1
            _print_error(month, exc)
            continue
        rows = sum(len(t) for t in result.tables.values())
        print(
            msg(
                "cli.ingest_ok",
                month=month,
                files=len(result.files),
                rows=rows,
                warnings=result.warnings,
            )
        )
        for line in result.quality[result.quality["severity"] == "warning"].itertuples():
            where = f"{line.file}: " if isinstance(line.file, str) and line.file else ""
            print(for_terminal(f"  ! {where}{line.text}"))
        if parse_period(month).kind != "month" and not result.scores.empty:
            try:
                for found in period_standings(month, project):
                    print("  " + found.sentence())
            except DataError as exc:
                print(for_terminal(f"  ! {exc}"))
    return 1 if failures else 0


def _report(months: list[str], project: Project, force: bool, settings: dict) -> int:
    # kernels.py loads no pandas: the kernels start before this process's own heavy imports
    # (run_month's), which their start and imports then overlap
    from chiso766.report.kernels import new_pool, notebooks_for

    try:
        project.settings.override(**settings)  # an unknown name stops here, before any work
    except DataError as exc:
        print(for_terminal(str(exc)), file=sys.stderr)
        return 2
    # kernels shared by every period of the run: as many as its notebooks need (a year's one)
    notebooks = tuple(dict.fromkeys(n for m in months for n in notebooks_for(m)))
    with new_pool(project, notebooks) as pool:
        return _report_months(months, project, pool, force, settings)


def _report_months(
    months: list[str], project: Project, pool, force: bool, settings: dict | None = None
) -> int:
    """Two months are built at a time: while one writes its HTML, workbook and notice, the
    next one's notebooks already run, so the kernels never wait between months."""
    from chiso766.report.batch import run_month

    status = 0
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="month") as months_pool:
        futures = [
            months_pool.submit(run_month, month, project, pool=pool, force=force, settings=settings)
            for month in months
        ]
        try:
            for month, future in zip(months, futures, strict=True):
                status = max(status, _month_status(month, future))
        except KeyboardInterrupt:
            # Ctrl-C: interrupt the running cells, start nothing more, put nothing in place
            # (each month's unfinished folder is removed), then shut the kernels down
            pool.stop()
            for future in futures:
                future.cancel()
            wait(futures)
            raise
    return status


def _month_status(month: str, future: Future) -> int:
    """Wait for a month's report, say where it is (or why it failed); 1 if it failed."""
    try:
        result = future.result()
    except DataError as exc:
        _print_error(month, exc)
        return 1
    index = result.folder / "index.html"
    if result.ok:
        print(msg("report.done", period=parse_period(month).label(), path=index))
        return 0
    print(
        msg(
            "report.month_failed",
            period=parse_period(month).label(),
            count=len(result.failures),
            path=index,
        ),
        file=sys.stderr,
    )
    return 1


def _init(folder: Path, province: str, exports: Path | None) -> int:
    from chiso766.onboarding import init_project

    result = init_project(folder, province, exports)
    reference = result.root / "data" / "reference"
    print(msg("init.done", province=result.province, root=result.root))
    key = "init.config_written" if result.config_written else "init.config_kept"
    print(msg(key, path=reference / "province.toml"))
    if result.period is not None:
        units = reference / "units.csv"
        print(msg("init.units", path=units, added=len(result.added), kept=result.kept))
        for key, values in (
            ("init.guessed", result.guessed),
            ("init.renamed_list", result.renamed),
            ("init.absent", result.absent),
        ):
            if values:
                print(msg(key, items="; ".join(values)))
        if result.copied:
            raw = result.root / "data" / "raw" / result.period.key
            print(msg("init.copied", count=len(result.copied), path=raw))
    print(_next_step(result))
    return 0


def _next_step(result) -> str:
    """The command that works for what init found: the report of the period it copied (any
    kind), else the report of whatever data/raw will hold."""
    if result.period is not None and result.copied:
        key = result.period.key
        option = "--month" if result.period.kind == "month" else "--period"
        return msg("init.next_period", root=result.root, option=option, period=key)
    return msg("init.next", root=result.root)


def _sample(out: Path) -> int:
    from chiso766.sample import write_sample

    write_sample(out)
    print(msg("cli.sample_ok", path=out))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chiso766", description=msg("cli.help.description"))
    parser.add_argument("--root", type=Path, help=msg("cli.help.root"))
    sub = parser.add_subparsers(dest="command", required=True)
    for name, key in (("ingest", "cli.help.ingest"), ("report", "cli.help.report")):
        p = sub.add_parser(name, help=msg(key))
        p.add_argument("--month", type=_month, help=msg("cli.help.month"))
        p.add_argument("--from", dest="start", type=_month, help=msg("cli.help.from"))
        p.add_argument("--to", dest="end", type=_month, help=msg("cli.help.to"))
        p.add_argument("--period", type=_period, help=msg("cli.help.period"))
        if name == "report":
            p.add_argument("--force", action="store_true", help=msg("cli.help.force"))
            p.add_argument(
                "--set",
                dest="settings",
                metavar="TEN=GIA_TRI",
                action="append",
                type=_setting,
                default=[],
                help=msg("cli.help.set"),
            )
            # the notice's dates, as `--set issued=...` would set them
            p.add_argument("--issued", metavar="YYYY-MM-DD", help=msg("cli.help.issued"))
            p.add_argument("--deadline", metavar="YYYY-MM-DD", help=msg("cli.help.deadline"))
    p = sub.add_parser("init", help=msg("cli.help.init"))
    p.add_argument("--province", help=msg("cli.help.province"))
    p.add_argument("--exports", type=Path, help=msg("cli.help.exports"))
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), help=msg("cli.help.folder"))
    _fetch_parser(sub)
    p = sub.add_parser("sample", help=msg("cli.help.sample"))
    p.add_argument("--out", type=Path, default=Path("data/raw"))
    sub.add_parser("kernel", help=msg("cli.help.kernel"))
    return parser


def _fetch_parser(sub) -> None:
    p = sub.add_parser("fetch", help=msg("fetch.help"))
    p.add_argument("--month", type=_month, help=msg("fetch.help.month"))
    p.add_argument("--period", type=_period, help=msg("fetch.help.period"))
    p.add_argument("--from", dest="start", type=_month, help=msg("fetch.help.from"))
    p.add_argument("--to", dest="end", type=_month, help=msg("fetch.help.to"))
    p.add_argument(
        "--api", choices=("old", "new", "auto"), default="auto", help=msg("fetch.help.api")
    )
    p.add_argument("--dry-run", action="store_true", help=msg("fetch.help.dry_run"))
    p.add_argument("--base-url", help=msg("fetch.help.base_url"))


def _fetch(args: argparse.Namespace, project: Project) -> int:
    """Each period in turn; the first that fails stops the run (a refusal must not be followed
    by more requests). Exit codes: fetch/client.py (EXIT_*), README."""
    from chiso766.fetch.client import EXIT_USAGE, FetchError
    from chiso766.fetch.run import Options, fetch_period

    if args.period or args.month:
        keys = [args.period or args.month]
    elif args.start or args.end:
        start, end = args.start or args.end, args.end or args.start
        if start > end:
            print(msg("cli.bad_range", start=start, end=end), file=sys.stderr)
            return EXIT_USAGE
        keys = month_range(start, end)
    else:
        print(msg("fetch.no_period"), file=sys.stderr)
        return EXIT_USAGE
    options = Options(api=args.api, base_url=args.base_url, dry_run=args.dry_run)
    for key in keys:
        try:
            fetch_period(project, key, options, say=lambda line: print(for_terminal(line)))
        except FetchError as exc:
            print(for_terminal(str(exc)), file=sys.stderr)
            return exc.exit_code
        except DataError as exc:
            print(for_terminal(str(exc)), file=sys.stderr)
            return EXIT_USAGE
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "kernel":
        from chiso766.report.lab import register_kernel

        print(msg("cli.kernel_ok", path=register_kernel()))
        return 0
    if args.command == "init":
        try:
            return _init(args.folder, args.province, args.exports)
        except DataError as exc:
            print(for_terminal(str(exc)), file=sys.stderr)
            return 2
    if args.root is not None and args.command != "sample" and not _is_project(args.root):
        print(msg("cli.bad_root", root=for_terminal(str(args.root))), file=sys.stderr)
        return 2
    project = Project.find(args.root)
    try:
        return _run(args, project)
    except KeyboardInterrupt:
        print(msg("cli.stopped"), file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            return _unexpected(exc, project)
        # a full disk, a read-only or shared folder without write access: said once, plainly
        # (whatever was being written was a temporary folder, removed on the way out)
        where = for_terminal(str(exc.filename or project.root))
        print(msg("cli.cannot_write", path=where, reason=exc.strerror), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not bad data: a short message, the traceback in a log
        return _unexpected(exc, project)


_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def _unexpected(exc: Exception, project: Project) -> int:
    """A bug, not bad data: a short message, the traceback in a log (or only the message when
    the log cannot be written either)."""
    log = project.outputs / ".logs" / f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        print(msg("cli.unexpected_nolog", error=type(exc).__name__), file=sys.stderr)
        return 3
    print(msg("cli.unexpected", error=type(exc).__name__, log=log), file=sys.stderr)
    return 3


def _is_project(root: Path) -> bool:
    """A mistyped --root is refused, not filled with new folders."""
    return (root / "data" / "reference" / "province.toml").is_file()


def _run(args: argparse.Namespace, project: Project) -> int:
    if args.command == "sample":
        return _sample(args.out)
    if args.command == "fetch":
        return _fetch(args, project)
    try:
        months = _months(args, project)
    except DataError as exc:
        print(for_terminal(str(exc)), file=sys.stderr)
        return 2
    if args.command == "ingest":
        return _ingest(months, project)
    settings = dict(args.settings)
    dates = {"issued": args.issued, "deadline": args.deadline}  # --issued, --deadline
    settings |= {name: value for name, value in dates.items() if value}
    return _report(months, project, args.force, settings)
