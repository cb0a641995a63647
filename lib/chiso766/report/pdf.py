"""The notice and its appendices as one PDF, ready to send for signature: LibreOffice converts
the .docx and the .xlsx, poppler's pdfunite joins them. Made only where both are installed
(`make pdf` installs them); elsewhere the report's index says in one line how to get it.

LibreOffice writes a user profile on its first start in a folder (about 1.5 s of its 3-5 s
here): each conversion takes a profile this process already made and no other conversion is
using (two months converted at once never share LibreOffice's lock), so a year's backfill
makes two, not twelve. They are removed when the process ends."""

from __future__ import annotations

import atexit
import contextlib
import queue
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

TIMEOUT = 180  # seconds for one conversion: LibreOffice starting cold on a busy machine

_free_profiles: queue.SimpleQueue[Path] = queue.SimpleQueue()  # made here, not in use


def available() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdfunite"))


def write_pdf(notice: Path, workbook: Path, out: Path) -> Path | None:
    """`out`: the notice, then the appendix workbook; None when LibreOffice or pdfunite is not
    installed. Raises subprocess.CalledProcessError or TimeoutExpired when a conversion fails."""
    if not available():
        return None
    with tempfile.TemporaryDirectory(prefix="chiso766-pdf-") as tmp, _profile() as profile:
        folder = Path(tmp)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(notice),
                str(workbook),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )
        parts = [str(folder / f"{path.stem}.pdf") for path in (notice, workbook)]
        subprocess.run(["pdfunite", *parts, str(out)], check=True, capture_output=True, timeout=60)
    return out


@contextlib.contextmanager
def _profile() -> Iterator[Path]:
    """A LibreOffice profile folder for one conversion: a free one, else a new one. A profile
    whose conversion failed is not reused (LibreOffice may have left it half written)."""
    try:
        profile = _free_profiles.get_nowait()
    except queue.Empty:
        profile = Path(tempfile.mkdtemp(prefix="chiso766-libreoffice-"))
        atexit.register(shutil.rmtree, profile, ignore_errors=True)
    try:
        yield profile
    except BaseException:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    _free_profiles.put(profile)
