"""An executed notebook as one self-contained HTML page: nbconvert's lab look through our template
(templates/chiso766: nothing fetched from the network, our stylesheet inlined, every chart with
its Vietnamese alt text), code hidden, images embedded."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML

from chiso766.messages import msg

TEMPLATES = Path(__file__).parent / "templates"

# JupyterLab's stylesheet credits its sources in comments with web addresses; the report keeps
# no address at all, so comments inside <style> blocks are dropped.
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# the frame of a cell's text or of an output, as nbconvert's lab template opens it (whatever
# comes before its class: some outputs' frames have an id first): focusable, as nbconvert
# makes them
_FOCUSABLE = re.compile(
    r'(<div\b[^>]*?\sclass="(?:[^"]* )?(?:jp-Cell-inputWrapper|jp-OutputArea-output)'
    r'(?: [^"]*)?"[^>]*)>'
)


class ReportExporter(HTMLExporter):
    """nbconvert's HTMLExporter without its last pass. That pass parses the finished page
    again with BeautifulSoup (three quarters of a page's CPU: the page holds its stylesheet
    and every chart) for two edits: an image without alt text gets an English placeholder
    (our template gives every chart, the only images the notebooks show, its Vietnamese alt
    text; a test checks every page) and each cell's text and output becomes focusable
    (tabindex="0", added here by `_FOCUSABLE`). Also nbconvert's, per notebook, and not
    needed here: the code's highlighting in the kernel's language (the code cells are hidden:
    plain Python), and the widgets' output filter (the notebooks show no widgets)."""

    def default_filters(self):
        yield from super().default_filters()
        yield ("highlight_code", Highlight2HTML(pygments_lexer="ipython3", parent=self))

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _FOCUSABLE.sub(r'\1 tabindex="0">', html), resources


# the lab look through our template, code hidden, images embedded
OPTIONS: dict[str, Any] = {
    "template_name": "chiso766",
    "extra_template_basedirs": [str(TEMPLATES)],
    "exclude_input": True,
    "exclude_input_prompt": True,
    "exclude_output_prompt": True,
    "embed_images": True,
}


def to_html(notebook: Path, title: str | None = None) -> str:
    """A notebook as one self-contained HTML page, `title` in the browser's tab (else the
    notebook's name). An exporter is not safe to share between threads, and making one compiles
    its templates (most of its cost): one per thread."""
    made = getattr(_exporters, "html", None)
    if made is None:
        made = _exporters.html = ReportExporter(**OPTIONS)
    nb = nbformat.read(notebook, as_version=4)
    if title:
        nb.metadata["title"] = title
    body, _ = made.from_notebook_node(nb, resources=resources())
    return _STYLE.sub(lambda m: _CSS_COMMENT.sub("", m.group(0)), body)


def resources() -> dict[str, str]:
    """What our template reads besides the notebook: the report's stylesheet and the alt text
    of a chart that has none of its own."""
    return {
        "chiso766_css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "chiso766_alt": msg("chart.alt_default"),
    }


_exporters = threading.local()
