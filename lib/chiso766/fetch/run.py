"""Fetch one period: the national ranking, then the province's units (and, from 2026, the
indicator-level endpoints), into a new capture folder that appears whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chiso766.config import Project
from chiso766.errors import Issue
from chiso766.fetch import endpoints as ep
from chiso766.fetch.client import (
    EXIT_BAD_ANSWER,
    EXIT_USAGE,
    FetchError,
    PortalClient,
)
from chiso766.fetch.writer import CaptureWriter, now
from chiso766.ingest.files import tables_in
from chiso766.messages import msg
from chiso766.reference.periods import Period, parse_period
from chiso766.store.captures import current as current_capture
from chiso766.store.manifest import name_of, raw_files

ENV_URL = "CHISO766_PORTAL_URL"


@dataclass(frozen=True)
class Options:
    """How to fetch: which API, where, how politely (tests shorten the pauses)."""

    api: str = "auto"  # old | new | auto
    base_url: str | None = None  # --base-url; else $CHISO766_PORTAL_URL, province.toml, default
    dry_run: bool = False
    delay: float = 1.0
    jitter: float = 0.5
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 5.0


def base_url(project: Project, given: str | None) -> str:
    """The portal's address: --base-url, $CHISO766_PORTAL_URL, [fetch] base_url, the portal."""
    url = (
        given or os.environ.get(ENV_URL) or project.fetch_settings.base_url or ep.DEFAULT_BASE_URL
    ).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise FetchError("fetch.bad_url", EXIT_USAGE, url=url)
    return url


def fetch_period(
    project: Project, key: str, options: Options, say: Callable[[str], None] = print
) -> Path | None:
    """Fetch a period into data/raw/<key>@<today>/; its folder (None for a dry run).
    FetchError says why nothing was written."""
    try:
        return _fetch(project, key, options, say)
    except FetchError as exc:
        exc.fields.setdefault("folder", key)
        exc.fields.setdefault("period", key)
        raise


def _fetch(project: Project, key: str, options: Options, say) -> Path | None:
    period = parse_period(key)
    api = ep.choose_api(period, options.api)
    url = base_url(project, options.base_url)
    captured = now()
    if reason := ep.unsupported(period, api, captured.date()):
        raise FetchError("fetch.period_unsupported", EXIT_USAGE, api=api, reason=reason)
    province = project.province(period.end)
    code = str(project.provinces.get(province.unit_id)["code"])
    setting = "old_province_id" if api == "old" else "root_department_id"
    configured = getattr(project.fetch_settings, setting)
    national = ep.old_request(period, None) if api == "old" else ep.new_scores_request(period, None)
    if options.dry_run:
        _dry_run(period, api, url, national, configured, options.delay, say)
        return None
    say(msg("fetch.start", period=period.label(), base_url=url, api=api, delay=options.delay))
    if period.end >= captured.date():
        say(msg("fetch.provisional", period=period.label(), date=f"{captured:%d/%m/%Y}"))
    writer = CaptureWriter(project.raw, key, captured, meta={"api": api, "base_url": url})
    client = PortalClient(
        url,
        delay=options.delay,
        jitter=options.jitter,
        timeout=options.timeout,
        attempts=options.attempts,
        backoff=options.backoff,
        say=say,
    )
    try:
        with client:
            client.open()
            rows = _fetch_all(client, writer, national, period)
            unit_id = configured or ep.find_province(national, rows, code)
            if not unit_id:
                raise FetchError(
                    "fetch.province_not_found",
                    EXIT_BAD_ANSWER,
                    province=province.label,
                    code=code,
                    setting=setting,
                )
            if not configured:
                say(msg("fetch.looked_up", province=province.label, value=unit_id, setting=setting))
            units = (
                ep.old_request(period, unit_id)
                if api == "old"
                else ep.new_scores_request(period, unit_id)
            )
            _fetch_all(client, writer, units, period)
            if api == "new":
                for request in ep.indicator_requests(period, unit_id):
                    _fetch_all(client, writer, request, period, allow_empty=True)
        _carry_over(project, writer, say)
        flag = "--month" if period.kind == "month" else "--period"
        if writer.unchanged(current_capture(project.raw, key)):
            # the same bytes as the period's newest capture, taken today: nothing new to keep
            writer.abort()
            say(
                msg(
                    "fetch.unchanged_today",
                    period=period.label(),
                    date=f"{captured:%d/%m/%Y}",
                    folder=writer.target.name,
                    args=f"{flag} {key}",
                )
            )
            return writer.target
        folder, replaced = writer.commit()
    except BaseException:
        writer.abort()
        raise
    if replaced:
        say(msg("fetch.replaced_today", date=f"{captured:%d/%m/%Y}", folder=folder.name))
    say(
        msg(
            "fetch.done",
            count=len(writer.records) + len(writer.carried),
            folder=folder,
            args=f"{flag} {key}",
        )
    )
    return folder


def _fetch_all(
    client: PortalClient,
    writer: CaptureWriter,
    request: ep.Request,
    period: Period,
    *,
    allow_empty: bool = False,
) -> list[dict]:
    """Every page of one request, written as received; their rows (to check them)."""
    rows: list[dict] = []
    pages = 0
    page_size = int(request.params.get("pageSize", 0) or 0)
    while True:
        answer = client.send(request)
        try:
            page = ep.read_page(request, answer.content)
        except ep.BadAnswer as exc:
            raise FetchError(exc.code, EXIT_BAD_ANSWER, what=request.what, **exc.fields) from None
        pages += 1
        if page.rows or pages == 1:  # an empty page after a full one holds nothing to keep
            writer.add(answer)
        rows.extend(page.rows)
        if request.page is None or not page.rows:
            break
        # the new API says how many pages; the old one does not: a full page may have a next
        more = request.page < page.pages if page.pages is not None else len(page.rows) >= page_size
        if not more:
            break
        if pages >= ep.MAX_PAGES:
            raise FetchError(
                "fetch.too_many_pages", EXIT_BAD_ANSWER, limit=ep.MAX_PAGES, what=request.label
            )
        request = request.next_page()
    if page.total is not None and len(rows) != page.total:
        raise FetchError(
            "fetch.incomplete",
            EXIT_BAD_ANSWER,
            expected=page.total,
            got=len(rows),
            pages=pages,
            what=request.label,
        )
    if not rows and not allow_empty:
        raise FetchError("fetch.empty", EXIT_BAD_ANSWER, what=request.label)
    return rows


def _tables(path: Path, project: Project) -> set[str]:
    issues: list[Issue] = []
    return {found.kind.table for found in tables_in(path, project, issues) if found.kind}


def _carry_over(project: Project, writer: CaptureWriter, say) -> None:
    """Copy the period's hand-made exports of tables the fetch did not bring (dossier
    statistics, publication tracking) from its current folder, so the new capture is the whole
    period. (A hand-made indicator export is not carried beside fetched indicator answers:
    two sources of one table would be two versions of its figures.)"""
    previous = current_capture(project.raw, writer.key)
    if not previous.is_dir():
        return
    fetched = set().union(*(_tables(p, project) for p in raw_files(writer.temp)[0]))
    kept = [p for p in raw_files(previous)[0] if not _tables(p, project) & fetched]
    for path in kept:
        writer.carry(path)
    if kept:
        say(msg("fetch.carried", source=previous.name, files=", ".join(map(name_of, kept))))


def _dry_run(period, api, url, national, configured, delay, say) -> None:
    requests = [national]
    lookup = configured or None
    units = (
        ep.old_request(period, lookup or "?")
        if api == "old"
        else ep.new_scores_request(period, lookup or "?")
    )
    requests.append(units)
    if api == "new":
        requests.extend(ep.indicator_requests(period, lookup or "?"))
    say(msg("fetch.start", period=period.label(), base_url=url, api=api, delay=delay))
    for number, request in enumerate(requests, 1):
        say(
            msg(
                "fetch.dry_run",
                number=number,
                method=request.method,
                url=url + request.path,
                body=request.body_text(),
            )
        )
        if request.inferred:
            say(ep.inferred_note(request))
    if not configured:
        say(msg("fetch.dry_run_lookup"))
