"""The produced pages read as a reader reads them (April and June 2024, October 2026 after the
1/7/2025 reorganisation): every heading is followed by something, no code, no "nan", no English
placeholder, the period's words for the levels, the brief on one printed A4 page and no page
wider than a phone. Screenshots at 1366 and 390 px go to outputs/browser-check/ for review."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from docx import Document
from matplotlib import colors
from PIL import Image

from chiso766.config import Project
from chiso766.report import charts
from conftest import REPO, load_month

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = REPO / "outputs" / "browser-check"
MONTHS = ("2024-04", "2024-06", "2026-10")
CODE = re.compile(r"\b[A-Z]{3,}_[A-Z_]+\b")
EMPTY_VALUES = re.compile(r"\b(nan|None|NaT)\b")
ABOLISHED = ("huyện", "thị xã", "thị trấn")  # no district level after 1/7/2025

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folders(sample_reports) -> dict[str, Path]:
    """The reports read here, from the session's sample reports."""
    out = {}
    for month in MONTHS:
        report = sample_reports[month]
        assert report.ok, [str(f) for f in report.failures]
        out[month] = report.folder
    return out


def _soup(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["style", "script", "title"]):
        tag.decompose()
    return soup


def _sections(soup: BeautifulSoup) -> list[tuple[str, int, str, int]]:
    """(heading, its level, the text after it up to the next heading, images and tables)."""
    sections: list[list] = []
    for node in soup.body.descendants:
        name = getattr(node, "name", None)
        if name in ("h1", "h2", "h3"):
            sections.append([node.get_text(" ", strip=True), int(name[1]), "", 0])
        elif sections and name in ("img", "table", "svg"):
            sections[-1][3] += 1
        elif (
            sections
            and name is None
            and not any(p.name in ("h1", "h2", "h3") for p in node.parents)
        ):
            sections[-1][2] += str(node)
    return [(h, level, text.strip(), media) for h, level, text, media in sections]


@pytest.mark.parametrize("month", MONTHS)
def test_every_heading_of_the_brief_and_summary_is_followed_by_content(folders, month):
    for name in ("index.html", "05_summary.html"):
        sections = _sections(_soup(folders[month] / name))
        for i, (heading, level, text, media) in enumerate(sections):
            opens_subsections = i + 1 < len(sections) and sections[i + 1][1] > level
            assert text or media or opens_subsections, f"{month} {name}: '{heading}' is empty"


@pytest.mark.parametrize("month", MONTHS)
def test_the_brief_and_summary_show_no_code_no_empty_value_no_english(folders, month):
    index = _soup(folders[month] / "index.html").get_text(" ")
    assert not CODE.search(index), CODE.search(index)
    summary = _soup(folders[month] / "05_summary.html")
    prose = " ".join(p.get_text(" ") for p in summary.find_all(["p", "li", "h1", "h2", "h3"]))
    assert not CODE.search(prose), CODE.search(prose)
    for text in (index, summary.get_text(" ")):
        assert not EMPTY_VALUES.search(text), EMPTY_VALUES.search(text)
    for page in folders[month].glob("*.html"):
        alts = [img.get("alt", "") for img in BeautifulSoup(page.read_text(), "html.parser")("img")]
        assert all(alt.startswith("Biểu đồ") for alt in alts), (page.name, alts[:1])


@pytest.mark.parametrize("month", MONTHS)
def test_no_code_in_any_table_of_the_summary_and_the_indicators_page(folders, month):
    """Indicator and group codes become their catalogue names, in tables too (the quality
    table's text and columns, the sub-indicator table)."""
    for name in ("05_summary.html", "06_indicators.html"):
        text = _soup(folders[month] / name).get_text(" ")
        assert not CODE.search(text), (name, CODE.search(text))
        assert "'TTTT'" not in text and "'score'" not in text, name


@pytest.mark.parametrize("month", MONTHS)
def test_every_chart_is_one_png_of_a_readable_size(folders, month):
    """Charts are saved once, as the PNG the pages embed; each is a sensible size and the
    province's charts carry its highlight colour."""
    figures = sorted((folders[month] / "figures").iterdir())
    assert len(figures) >= 10 and all(p.suffix == ".png" for p in figures)
    target = np.array([round(c * 255) for c in colors.to_rgb(charts.HIGHLIGHT)])
    for path in figures:
        with Image.open(path) as image:
            width, height = image.size
            pixels = np.asarray(image.convert("RGB")).astype(int)
        assert 700 <= width <= 1500 and 250 <= height <= 1800, (path.name, image.size)
        highlighted = int((np.abs(pixels - target).sum(axis=2) < 12).sum())
        if path.stem in ("01_xu_huong_diem_thu_hang", "01_xep_hang_ca_nuoc"):
            assert highlighted > 50, path.name


def test_after_the_merger_no_page_has_district_words(folders):
    for page in folders["2026-10"].glob("*.html"):
        text = _soup(page).get_text(" ").lower()
        for word in ABOLISHED:
            assert word not in text, (page.name, word)


def test_after_the_merger_the_brief_summary_and_notice_have_no_district_words(folders):
    folder = folders["2026-10"]
    texts = {
        name: _soup(folder / name).get_text(" ").lower()
        for name in ("index.html", "05_summary.html")
    }
    doc = Document(str(folder / "thong_bao_2026-10.docx"))
    texts["notice: late lists"] = " ".join(
        p.text for p in doc.paragraphs if "trễ hạn" in p.text
    ).lower()
    for name, text in texts.items():
        for word in ABOLISHED:
            assert word not in text, (name, word)
    assert "UBND các xã, phường: phường Hố Nai" in _soup(folder / "index.html").get_text()


def test_june_brief_states_the_seed_figures_and_late_lists(folders):
    text = _soup(folders["2024-06"] / "index.html").get_text(" ")
    text = re.sub(r"\s+", " ", text)
    for fact in (
        "84,39",
        "03/63",
        "tăng 5 bậc so với tháng 5/2024",
        "tăng 45 bậc so với tháng 01/2024",
        "- Cấp sở: GD&ĐT (3); Tài nguyên và Môi trường (3).",
        "- UBND các huyện: Đồng Phú (16); Bù Gia Mập (35); Hớn Quản (6); Lộc Ninh (5).",
    ):
        assert fact in text, fact


def test_june_shows_the_committed_lists_late_dossiers_by_name(folders):
    """June 2024's committed dossier lists, as the reader meets them: page 04 says the
    records' Biểu 06 equals the export and names each late dossier (the seed's counts: GD&ĐT
    3, Đồng Phú 16, VP ĐKĐĐ Đồng Phú 54), the workbook has a late-dossier sheet per level, the
    brief links the per-unit explanation files."""
    from python_calamine import CalamineWorkbook

    folder = folders["2024-06"]
    page = re.sub(r"\s+", " ", _soup(folder / "04_dossiers.html").get_text(" "))
    assert "khớp với Biểu 06 xuất ra ở cả 152 đơn vị" in page
    for prefix, count in (("BP-S14-2406-", 3), ("BP-H05-2406-", 16), ("BP-DK05-2406-", 54)):
        assert len(set(re.findall(rf"{prefix}\d{{5}}", page))) == count, prefix
    captions = re.findall(r"(Sở, ban, ngành|UBND cấp huyện|Chi nhánh VP ĐKĐĐ|UBND cấp xã): "
                          r"(\d+) hồ sơ trễ hạn của (\d+) đơn vị", page)  # fmt: skip
    assert [c[0] for c in captions] == ["Sở, ban, ngành", "UBND cấp huyện", "Chi nhánh VP ĐKĐĐ",
                                        "UBND cấp xã"]  # fmt: skip
    listed = sum(int(c[1]) for c in captions)
    book = CalamineWorkbook.from_path(str(folder / "phu_luc_2024-06.xlsx"))
    sheets = [n for n in book.sheet_names if n.startswith("Hồ sơ trễ hạn")]
    rows = [r for n in sheets for r in book.get_sheet_by_name(n).to_python()
            if isinstance(r[0], float)]  # fmt: skip
    assert len(sheets) == 4 and len(rows) == listed
    files = sorted((folder / "giai_trinh").glob("*.xlsx"))
    assert len(files) == sum(int(c[2]) for c in captions)
    gddt = CalamineWorkbook.from_path(str(folder / "giai_trinh" / "So_Giao_duc_va_Dao_tao.xlsx"))
    assert sum(str(r[2]).startswith("BP-S14-") for r in gddt.get_sheet_by_index(0).to_python()) == 3
    brief = _soup(folder / "index.html")
    link = brief.find("a", href="giai_trinh/")
    assert link is not None and f"{len(files)} tệp Excel" in link.parent.get_text(" ")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield browser
        browser.close()


@pytest.mark.parametrize("month", MONTHS)
def test_the_brief_prints_on_one_a4_page(folders, browser, month):
    page = browser.new_page()
    page.goto((folders[month] / "index.html").as_uri())
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"index_{month}.pdf").write_bytes(pdf)


@pytest.mark.parametrize("month", MONTHS)
def test_brief_and_summary_fit_a_phone_and_are_saved_for_review(folders, browser, month):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("index", "05_summary"):
        for width in (1366, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((folders[month] / f"{name}.html").as_uri())
            page.screenshot(path=str(SCREENSHOTS / f"{name}_{month}_{width}.png"), full_page=True)
            if width == 390:  # tables scroll in their own frame; the page itself never does
                assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            page.close()


def test_each_page_is_titled_in_the_browser_as_the_brief_links_it(sample_reports):
    """The browser's tab, a bookmark and a printed header name the page, not "Notebook"."""
    from chiso766.report.batch import NOTEBOOKS
    from chiso766.report.brief import page_title

    for month in ("2024-06", "2026-10"):
        folder = sample_reports[month].folder
        data = load_month(month, Project(folder.parents[1]))
        for name in NOTEBOOKS:
            soup = BeautifulSoup((folder / f"{name}.html").read_text(encoding="utf-8"), "lxml")
            assert soup.title is not None and soup.title.string == page_title(data, name)


def test_pages_are_nbconvert_pages_without_its_second_parse(sample_reports, folders):
    """report/pages.py skips the BeautifulSoup pass nbconvert's HTMLExporter ends with (three
    quarters of a page's CPU) and makes its one edit itself: the page is the same document as
    the stock exporter's with our template (compared as parsed, nbconvert's serialisation
    aside; the stylesheets without the comments the report drops), every cell's text and
    output focusable; and every image of every page has its alt text, which the stock pass
    would have put in English where missing."""
    import nbformat
    from nbconvert import HTMLExporter

    from chiso766.report import pages

    stock = HTMLExporter(**pages.OPTIONS)
    comments = re.compile(r"/\*.*?\*/", re.S)
    for month, name in (
        ("2024-06", "03_local_units"),
        ("2024-06", "04_dossiers"),
        ("2026-10", "06_indicators"),
    ):
        executed = sample_reports[month].folder / "notebooks" / f"{name}.ipynb"
        nb = nbformat.read(executed, as_version=4)
        nb.metadata["title"] = name
        made, _ = stock.from_notebook_node(nb, resources=pages.resources())
        expected, page = (
            BeautifulSoup(html, "html.parser") for html in (made, pages.to_html(executed, name))
        )
        for style in expected("style"):
            style.string = comments.sub("", style.string or "")
        assert str(page) == str(expected), (month, name)
        frames = page.select("div.jp-OutputArea-output, div.jp-Cell-inputWrapper")
        assert len(frames) > 5 and all(f.get("tabindex") == "0" for f in frames)
    images = 0
    for month, folder in folders.items():
        for html in folder.glob("*.html"):
            text = html.read_text(encoding="utf-8")
            images += text.count("<img")
            assert not re.search(r"<img(?![^>]*\balt=\"[^\"])", text), (month, html.name)
    assert images > 30
