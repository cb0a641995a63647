"""The messages catalogue: every key used, none missing, no Vietnamese text outside it, and the
issue constructors that look a text up by its code."""

from __future__ import annotations

import ast
import json
import re
import string
import unicodedata
from pathlib import Path

import pytest

from chiso766.errors import DataError, Issue
from chiso766.ingest.tables import Table
from chiso766.messages import DOMAINS, MESSAGES, merge, msg
from chiso766.reference.periods import Period, parse_month

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "lib" / "chiso766"
LOCATION = ("file", "sheet", "row", "column")

# Modules whose Vietnamese strings are matching vocabulary or reference data, not user text.
VOCABULARY = {
    "ingest/columns.py",  # header aliases
    "ingest/legacy.py",  # legacy-encoding tables
    "textnorm.py",
    "reference/registry.py",  # unit-name prefixes
    "reference/groups.py",  # the portal's group names
    "onboarding.py",  # regexes over unit names
}
_VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)


def _modules() -> list[tuple[str, ast.Module]]:
    """Every module of the package but the catalogue, as (path under the package, tree)."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not rel.startswith("messages/"):
            out.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _notebook_cells() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            lines = "".join(cell["source"]).splitlines()
            code = "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))
            out.append((f"{path.name}[{i}]", ast.parse(code)))
    return out


def _docstrings(tree: ast.Module) -> set[int]:
    nodes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, nodes)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }


def _is_msg(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id == "msg"


def _key_pattern(node: ast.JoinedStr) -> re.Pattern | None:
    """An f-string key (f"nb.{name}") as the pattern of the keys it can name."""
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(re.escape(value.value))
        else:
            parts.append(r"[a-z0-9_]+")
    return re.compile("".join(parts)) if isinstance(node.values[0], ast.Constant) else None


def _fields(text: str) -> set[str]:
    return {
        re.split(r"[.\[]", name)[0]
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    }


def test_every_key_is_used():
    """A key is used when it is written as a string anywhere in lib/ or notebooks/, or when an
    f-string key passed to msg() (f"level.{x}") can name it."""
    literals: set[str] = set()
    patterns: list[re.Pattern] = []
    for _, tree in _modules() + _notebook_cells():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.Call) and _is_msg(node) and node.args:
                key = node.args[0]
                if isinstance(key, ast.JoinedStr) and (pattern := _key_pattern(key)):
                    patterns.append(pattern)
    unused = [
        key
        for key in MESSAGES
        if key not in literals and not any(p.fullmatch(key) for p in patterns)
    ]
    assert not unused, f"keys never used: {unused}"


def test_no_vietnamese_text_outside_the_catalogue():
    found = []
    for rel, tree in _modules():
        if rel in VOCABULARY or rel.startswith("sample/"):
            continue
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and _VIETNAMESE.search(unicodedata.normalize("NFC", node.value))
            ):
                found.append(f"{rel}:{node.lineno} {node.value!r}")
    assert not found, "Vietnamese text outside messages/:\n" + "\n".join(found)


def _is_of(func: ast.expr) -> bool:
    """Issue.of(severity, code, ...) or DataError.of(code, ...)."""
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "of"
        and isinstance(func.value, ast.Name)
        and func.value.id in ("Issue", "DataError")
    )


def _lookups(tree: ast.Module):
    """Every literal key looked up in the catalogue, with the field names the call gives it
    (None when the call passes **fields, which cannot be checked)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        given = {k.arg for k in node.keywords}
        if _is_msg(node):
            key_index = 0
        elif _is_of(func):
            key_index = 1 if func.value.id == "Issue" else 0
            given |= set(LOCATION)
        elif isinstance(func, ast.Attribute) and func.attr == "issue" and len(node.args) >= 2:
            key_index = 1  # Table.issue(severity, code, row, name, **fields)
            given |= set(LOCATION)
        else:
            continue
        if len(node.args) <= key_index:
            continue
        key = node.args[key_index]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield node.lineno, key.value, None if None in given else given - {None}


def test_every_looked_up_key_exists_and_gets_its_fields():
    problems = []
    for rel, tree in _modules() + _notebook_cells():
        for line, key, given in _lookups(tree):
            if key not in MESSAGES:
                problems.append(f"{rel}:{line}: no message {key!r}")
                continue
            if given is None:
                continue
            needed = _fields(MESSAGES[key])
            if missing := needed - given:
                problems.append(f"{rel}:{line}: {key!r} needs {sorted(missing)}")
            elif extra := given - needed - set(LOCATION):
                problems.append(f"{rel}:{line}: {key!r} does not use {sorted(extra)}")
            else:
                MESSAGES[key].format(**dict.fromkeys(given, "x"))
    assert not problems, "\n".join(problems)


# Modules still building issues from msg() (being restructured elsewhere; issue #13).


def test_issues_name_their_code_once():
    """Issue.of / DataError.of / Table.issue look the text up; no call formats it from the same
    key again (Issue(..., code, msg(code, ...)) or DataError.single(code, msg(code, ...)))."""
    found = []
    for rel, tree in _modules():
        if rel == "errors.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(
                isinstance(a, ast.Call) and _is_msg(a) for a in node.args
            ):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in ("Issue", "single", "issue", "DataError"):
                    found.append(f"{rel}:{node.lineno}")
    assert not found, found


def test_every_message_is_a_valid_format_string():
    for key, text in MESSAGES.items():
        _fields(text)  # raises on an unbalanced brace
        assert text.strip(), key


def test_a_key_defined_in_two_domains_is_refused():
    with pytest.raises(ValueError, match="'read.x' is defined in both messages.a and messages.b"):
        merge({"a": {"read.x": "một"}, "b": {"read.y": "hai", "read.x": "ba"}})
    assert sum(len(d) for d in DOMAINS.values()) == len(MESSAGES)


def test_issue_of_looks_its_text_up_with_its_location():
    issue = Issue.of("info", "note.totals_row", file="a.xlsx", sheet="S", row=7)
    assert issue == Issue(
        "info", "note.totals_row", msg("note.totals_row", row=7), "a.xlsx", "S", 7
    )
    assert issue.text == "bỏ dòng tổng cộng ở dòng 7."
    error = DataError.of("read.json", file="b.json", detail="x")
    assert [i.to_dict() for i in error.issues] == [
        Issue("error", "read.json", msg("read.json", detail="x"), file="b.json").to_dict()
    ]
    table = Table("a.xlsx", None, {}, {}, [], [])
    assert table.issue("info", "note.totals_row", 7).text == issue.text
    with pytest.raises(TypeError):  # a field may not stand for a location
        table.issue("info", "note.totals_row", 7, row=8)


def test_ind_messages_may_use_code_as_a_field():
    issue = Issue.of("warning", "ind.unknown_code", code="X9")
    assert issue.code == "ind.unknown_code" and "'X9'" in issue.text


@pytest.mark.parametrize(
    ("key", "label", "short", "tick", "tick_year"),
    [
        ("2024-06", "tháng 6/2024", "6/2024", "T6", "T6/2024"),
        ("2025-12", "tháng 12/2025", "12/2025", "T12", "T12/2025"),
    ],
)
def test_month_labels(key, label, short, tick, tick_year):
    period = parse_month(key)
    assert period.label() == label
    assert period.short_label() == short
    assert period.tick_label() == tick
    assert period.tick_label(year=True) == tick_year


def test_half_year_labels():
    assert Period(2025, 6, "half").label() == "6 tháng đầu năm 2025"
    assert Period(2025, 12, "half").label() == "6 tháng cuối năm 2025"
