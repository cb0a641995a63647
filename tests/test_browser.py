"""The month's report opened from disk in a real browser (Debian's chromium driven by
Playwright), with the network blocked and recorded: nothing leaves the file, no console error,
every image decodes, the headline is there, and a hostile unit name shows as text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import HOSTILE, REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = REPO / "outputs" / "browser-check"

if not CHROMIUM and os.environ.get("CI"):
    pytest.fail(
        "chromium is missing: .ci/run installs Debian's chromium for this test", pytrace=False
    )
pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed"),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def report(hostile_june):
    """June's report with a commune renamed to HOSTILE markup, January and May beside it for
    the comparisons (built once in conftest.py; the reliability tests rebuild it by the
    command and compare)."""
    return hostile_june[0]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _open(browser, page_path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors, dialogs = [], [], []
    own = page_path.as_uri()

    # Every request is recorded; anything that is not a local file is aborted. The page's own
    # file:// request is never routed: current chromium fails a routed file:// request that is
    # continued.
    page.on("request", lambda request: requests.append(request.url))
    page.route(lambda url: not url.startswith("file:"), lambda r: r.abort())
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(own, wait_until="load")
    return page, requests, errors, dialogs


@pytest.mark.parametrize("name", ["index", "05_summary", "03_local_units", "01_province"])
def test_report_page_is_offline_clean_and_safe(report, browser, name):
    path = report / f"{name}.html"
    page, requests, errors, dialogs = _open(browser, path)
    assert [u for u in requests if u != path.as_uri() and not u.startswith("data:")] == []
    assert errors == [] and dialogs == []
    images = page.evaluate("Array.from(document.images).map(i => i.complete && i.naturalWidth)")
    assert all(images), "an image did not decode"
    if name == "01_province":
        assert len(images) >= 4  # the charts, embedded
    text = page.inner_text("body")
    if name in ("index", "05_summary", "01_province"):
        assert "xếp thứ 03/63 cả nước, tăng 5 bậc so với tháng 5/2024" in text
    if name in ("05_summary", "03_local_units"):
        assert HOSTILE in text  # shown as text...
    assert page.evaluate("window.__pwned") is None  # ...and never run
    assert page.evaluate("document.scripts.length") == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.close()
