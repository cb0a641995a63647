"""A fetched capture on disk: `data/raw/<period>@<capture date>/`, written whole or not at all.

The answers are written byte for byte as received, into a hidden temporary folder beside the
captures (`data/raw/.fetch-<period>-<pid>/`: no period folder by name, so nothing reads it), with
the sidecar `.fetch.json` (a dot-file: store/manifest.py's one rule says hidden files are never
exports) recording each answer's URL, request body, HTTP status, capture time (Asia/Ho_Chi_Minh)
and SHA-256. Only when every answer is in is the folder renamed into place; an earlier capture of
the same day is then replaced, captures of earlier days are kept.

A capture is a period's data on its own (the newest capture is what ingest reads), so the files
of the period's previous folder that the fetch does not replace (the dossier statistics, the
publication tracking, exported by hand) are copied into it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from chiso766.fetch.client import Answer
from chiso766.fetch.endpoints import inferred_note
from chiso766.store.captures import folder_name
from chiso766.store.manifest import file_entry, name_of, raw_files

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SIDECAR = ".fetch.json"


def now() -> datetime:
    """The capture time, in the portal's time zone."""
    return datetime.now(TIMEZONE)


@dataclass
class CaptureWriter:
    raw: Path  # data/raw
    key: str  # the period
    captured: datetime  # in TIMEZONE
    meta: dict = field(default_factory=dict)  # what the sidecar says about the whole fetch
    records: list[dict] = field(default_factory=list)
    carried: list[dict] = field(default_factory=list)
    _temp: Path | None = field(default=None, init=False)

    @property
    def target(self) -> Path:
        return self.raw / folder_name(self.key, self.captured.date())

    @property
    def temp(self) -> Path:
        if self._temp is None:
            self.raw.mkdir(parents=True, exist_ok=True)
            self._temp = self.raw / f".fetch-{self.key}-{os.getpid()}"
            if self._temp.exists():  # left by a killed run of this process id
                shutil.rmtree(self._temp)
            self._temp.mkdir()
        return self._temp

    def add(self, answer: Answer) -> None:
        """An answer, byte for byte, and its record for the sidecar."""
        path = self.temp / answer.request.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(answer.content)
        self.records.append(
            {
                "file": answer.request.file,
                "method": answer.request.method,
                "url": answer.url,
                "body": answer.request.body_text(),
                "status": answer.status,
                "captured_at": datetime.fromtimestamp(answer.received_at, TIMEZONE).isoformat(
                    timespec="seconds"
                ),
                "bytes": len(answer.content),
                "sha256": hashlib.sha256(answer.content).hexdigest(),
            }
            | (  # parameters the documentation does not state (endpoints.py says which)
                {
                    "inferred": list(answer.request.inferred),
                    "note": inferred_note(answer.request).strip(),
                }
                if answer.request.inferred
                else {}
            )
        )

    def carry(self, source: Path) -> None:
        """A hand-made export of the period's previous folder, copied as it is (to the same
        name within the folder)."""
        name = name_of(source)
        (self.temp / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, self.temp / name)
        folder = source.parent.parent if name != source.name else source.parent
        self.carried.append({"file": name, "from": folder.name})

    def unchanged(self, newest: Path) -> bool:
        """Whether the fetch holds byte for byte the files of `newest`, the period's newest
        capture, when that is this day's capture (a re-run that would only rewrite it)."""
        if newest != self.target or not newest.is_dir():
            return False

        def contents(folder: Path) -> dict[str, str]:
            return {name_of(p): file_entry(p)["sha256"] for p in raw_files(folder)[0]}

        return contents(self.temp) == contents(newest)

    def commit(self) -> tuple[Path, bool]:
        """Put the capture in place; (its folder, whether it replaced one of the same day)."""
        sidecar = {
            "period": self.key,
            "captured_at": self.captured.isoformat(timespec="seconds"),
            "timezone": str(TIMEZONE),
            **self.meta,
            "responses": self.records,
            "carried_over": self.carried,
        }
        (self.temp / SIDECAR).write_text(
            json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        target = self.target
        replaced = target.exists()
        if replaced:  # an earlier capture of the same day: moved aside, then removed
            old = self.raw / f".replaced-{target.name}-{os.getpid()}"
            target.rename(old)
            self.temp.rename(target)
            shutil.rmtree(old)
        else:
            self.temp.rename(target)
        self._temp = None
        return target, replaced

    def abort(self) -> None:
        """Remove whatever was written: nothing half-written stays."""
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None
