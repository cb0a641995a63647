"""The notice and its appendices as one PDF, ready to send for signature: LibreOffice converts
the .docx and the .xlsx, poppler's pdfunite joins them. Made only where both are installed
(`make pdf` installs them); elsewhere the report's index says in one line how to get it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 180  # seconds for one conversion: LibreOffice starting cold on a busy machine


def available() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdfunite"))


def write_pdf(notice: Path, workbook: Path, out: Path) -> Path | None:
    """`out`: the notice, then the appendix workbook; None when LibreOffice or pdfunite is not
    installed. Raises subprocess.CalledProcessError or TimeoutExpired when a conversion fails."""
    if not available():
        return None
    with tempfile.TemporaryDirectory(prefix="chiso766-pdf-") as tmp:
        folder = Path(tmp)
        # a profile of its own: two months converted at once never share LibreOffice's lock
        profile = (folder / "profile").as_uri()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
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
