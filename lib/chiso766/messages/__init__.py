"""Every sentence a user reads, in Vietnamese, in one place.

Code refers to messages by key; `msg(key, **fields)` formats one. The catalogue is split by domain,
one module each holding a dict MESSAGES: `ingest` (reading and checking the input), `report` (the
monthly report and its sentences), `documents` (the appendix workbook and the notice), `charts`,
`cli` (the command line and `chiso766 init`) and `fetch` (`chiso766 fetch`). A key belongs to
exactly one domain: the merged catalogue refuses a key defined twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from chiso766.messages import charts, cli, documents, fetch, ingest, report

DOMAINS: dict[str, Mapping[str, str]] = {
    "ingest": ingest.MESSAGES,
    "report": report.MESSAGES,
    "documents": documents.MESSAGES,
    "charts": charts.MESSAGES,
    "cli": cli.MESSAGES,
    "fetch": fetch.MESSAGES,
}


def merge(domains: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """One catalogue from the domains' dicts; ValueError when a key is defined in two of them."""
    merged: dict[str, str] = {}
    owner: dict[str, str] = {}
    for domain, messages in domains.items():
        for key, text in messages.items():
            if key in owner:
                raise ValueError(
                    f"message key {key!r} is defined in both messages.{owner[key]} and "
                    f"messages.{domain}"
                )
            owner[key] = domain
            merged[key] = text
    return merged


MESSAGES: dict[str, str] = merge(DOMAINS)


def msg(key: str, **fields: object) -> str:
    """Return the message `key` with `fields` filled in."""
    return MESSAGES[key].format(**fields)
