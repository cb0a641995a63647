"""`chiso766 fetch` (issue #18) against a local HTTP server, never the network.

The server replays answers in the shapes documented for the portal's two APIs, built here from
the sample's own hand-made exports (the same figures): old-API bare arrays of string rows with
decimal commas, new-API 201 envelopes with `data.evaluation[]` and an unknown extra field, the
indicator endpoints as metric rows per unit (paged) and as trees of units with raw counts (the
fields reference/portal_indicators.py maps, its assumptions included). Each
failure (firewall page, 403, 429, a reset connection, a timeout, malformed or truncated JSON, an
empty `data`) is checked for what is written (nothing), what is said, and the exit code."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import shutil
import socket
import socketserver
import struct
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from werkzeug import Request, Response

from chiso766.cli import main
from chiso766.config import Project
from chiso766.errors import DataError
from chiso766.fetch import endpoints as ep
from chiso766.fetch.client import EXIT_BAD_ANSWER, EXIT_BLOCKED, EXIT_NETWORK, EXIT_USAGE
from chiso766.fetch.run import Options
from chiso766.fetch.writer import SIDECAR, now
from chiso766.ingest.pipeline import read_month
from chiso766.reference.portal_indicators import tree_fields
from chiso766.store.captures import captures, current
from chiso766.store.loader import report_keys
from conftest import copy_stored

REPO = Path(__file__).resolve().parents[1]
FAST = dict(delay=0, jitter=0, backoff=0, timeout=0.5, attempts=2)
SOURCE_COLUMNS = ["source_file", "source_sheet", "source_row", "row_stt"]
FIREWALL = (
    b"<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. "
    b"Please consult with your administrator.<br><br>Your support ID is: 1234567890</body></html>"
)


# --- the answers, from the sample's hand-made exports ----------------------------------------


def _comma(value: str) -> str:
    return value.replace(".", ",")


def hand_made_rows(month: str) -> tuple[list[dict], list[dict]]:
    """(provinces, units) of a sample month, as the hand-made exports hold them."""
    folder = REPO / "data" / "raw" / month
    national = next(folder.glob("*tinh*"))
    if national.suffix == ".csv":
        provinces = list(csv.DictReader(io.StringIO(national.read_text(encoding="utf-8-sig"))))
    else:
        provinces = json.loads(national.read_text(encoding="utf-8"))["data"]
    units = json.loads(next(folder.glob("*don*vi*.json")).read_text(encoding="utf-8"))["data"]
    return provinces, units


SCORES = ("TDGQ", "MDHL", "MDSH", "TTTT", "CLGQ", "CKMB", "TONG_SCORE")


def old_rows(rows: list[dict]) -> list[dict]:
    """Old-API rows: every value a string, scores with a decimal comma."""
    return [{k: _comma(str(v)) if k in SCORES else str(v) for k, v in r.items()} for r in rows]


def new_row(row: dict) -> dict:
    """A new-API evaluation row for a hand-made row (decimal commas, an unknown extra field)."""
    child = {"1": None, "2": "AGENCY"}.get(row["LOAI_COQUAN"], "COMMUNE")
    out = {
        "departmentId": f"dep-{row['MA_COQUAN']}",
        "departmentName": row["TEN_COQUAN"],
        "departmentCode": row["MA_COQUAN"],
        "totalScore": _comma(row["TONG_SCORE"]),
        "ratio": round(float(row["TONG_SCORE"]) / 100, 4),
        "scoreDelta": "-0,35",
        "rankTrend": {"direction": "UP", "note": "a field nobody documented"},
        "groupScores": {g: _comma(row[g]) for g in SCORES[:-1]},
    }
    return out | ({"childGroup": child} if child else {})


def envelope(data: object) -> bytes:
    return json.dumps({"code": "OK", "data": data, "message": "OK"}, ensure_ascii=False).encode()


# The indicator endpoints: which groups a metric answer covers (its rows carry the catalogue's
# codes), and the group maxima a tree node's maxScore states.
METRIC_GROUPS = {
    "transparency": "CKMB",
    "dossier-digitized": "MDSH",
    "handling-satisfaction": "MDHL",
}
GROUP_MAX = {"TDGQ": 20, "CLGQ": 12, "TTTT": 10}
METRIC_PAGE = 60  # the province and its 110 units come in two pages


@functools.cache
def groups() -> dict[str, str]:
    """Indicator code -> group, from the catalogue."""
    path = REPO / "data" / "reference" / "indicators.csv"
    return {r["code"]: r["group"] for r in csv.DictReader(io.StringIO(path.read_text("utf-8")))}


def hand_made_indicators(month: str) -> list[dict]:
    """The units (the province first) of a sample month's hand-made indicator export."""
    path = REPO / "data" / "raw" / month / f"chi_tieu_thanh_phan_{month}.json"
    units = json.loads(path.read_text(encoding="utf-8"))["data"]
    assert units[0]["childGroup"] == "PROVINCE"
    return units


def _unit(unit: dict) -> dict:
    return {
        "departmentId": f"dep-{unit['departmentCode']}",
        "departmentName": unit["departmentName"],
        "departmentCode": unit["departmentCode"],
    }


def metric_items(units: list[dict], endpoint: str) -> list[dict]:
    """A metric endpoint's rows: per unit, its metrics of the endpoint's group (a name added,
    scores with a decimal comma, null scores kept)."""
    return [
        _unit(u)
        | {
            "childGroup": u["childGroup"],
            "metrics": [
                m | {"name": m["code"].lower(), "score": m["score"] and _comma(m["score"])}
                for m in u["metrics"]
                if groups()[m["code"]] == METRIC_GROUPS[endpoint]
            ],
        }
        for u in units
    ]


def tree_node(unit: dict, endpoint: str) -> dict:
    """A tree node: the unit, its level, the raw counts of the endpoint's indicators under the
    mapped fields, the group's score and maximum, and a count nobody maps."""
    fields = tree_fields(endpoint)
    group = groups()[fields[0].code]
    metrics = {m["code"]: m for m in unit["metrics"]}
    node = _unit(unit) | {
        "level": "COMMUNE" if unit["childGroup"] == "COMMUNE" else "PROVINCE",
        "score": _comma(unit["groupScores"][group]),
        "maxScore": GROUP_MAX[group],
        "avgProcessingDays": "3,4",
    }
    for f in fields:
        node[f.numerator] = metrics[f.code]["numerator"]
        node[f.denominator] = metrics[f.code]["denominator"]
    return node


def tree_answer(units: list[dict], endpoint: str) -> dict:
    return {
        "parent": tree_node(units[0], endpoint),
        "children": [tree_node(u, endpoint) for u in units[1:]],
    }


class Portal:
    """A local portal: the landing page (with the firewall's cookie), the old API paged by
    100, the new API's service-results and indicator endpoints. `override` replaces the answer
    to the n-th POST (1-based) with a callable of the request."""

    def __init__(
        self,
        server,
        provinces: list[dict],
        units: list[dict],
        province_code: str,
        indicators: list[dict] | None = None,
    ):
        self.server = server
        self.provinces, self.units, self.code = provinces, units, province_code
        self.indicators = indicators or []
        self.override: dict[int, object] = {}
        self.landing_missing = False
        self.posts: list[tuple[str, dict, str]] = []  # (path, body, cookie header)
        self.province_id = next(p["ID"] for p in provinces if p["MA_COQUAN"] == province_code)
        server.expect_request(ep.LANDING, method="GET").respond_with_handler(self._landing)
        server.expect_request(ep.OLD_PATH, method="POST").respond_with_handler(self._dispatch)
        for endpoint in ("service-results", *ep.METRIC_ENDPOINTS, *ep.TREE_ENDPOINTS):
            server.expect_request(ep.NEW_PATH + endpoint, method="POST").respond_with_handler(
                self._dispatch
            )

    @property
    def url(self) -> str:
        return self.server.url_for("/").rstrip("/")

    def _landing(self, request: Request) -> Response:
        if self.landing_missing:  # a mirror without the portal's pages
            return Response("", 404)
        response = Response("<html><body>Cổng Dịch vụ công</body></html>", 200)
        response.set_cookie("ttqg_dmz", "abc")
        return response

    def _dispatch(self, request: Request) -> Response:
        if request.path == ep.OLD_PATH:
            body = json.loads(request.form["params"])
        else:
            body = json.loads(request.get_data())
        self.posts.append((request.path, body, request.headers.get("Cookie", "")))
        if handler := self.override.get(len(self.posts)):
            return handler(request)
        if request.path == ep.OLD_PATH:
            return self._old(body)
        return self._new(request.path.rsplit("/", 1)[-1], body)

    def _old(self, body: dict) -> Response:
        rows = self.provinces if str(body["p_tinh_id"]) == "0" else self.units
        size, index = int(body["pageSize"]), int(body["pageIndex"])
        size = min(size, 100)  # the portal's pages hold 100 rows at most
        page = old_rows(rows[(index - 1) * size : index * size])
        return Response(json.dumps(page, ensure_ascii=False), 200, mimetype="application/json")

    def _new(self, endpoint: str, body: dict) -> Response:
        if endpoint == "service-results":
            if body.get("departmentType") == "ADMINISTRATIVE_UNIT":
                rows = [new_row(r) for r in self.provinces]
            else:
                assert body["rootDepartmentId"] == f"dep-{self.code}"
                rows = [new_row(r) for r in self.units]
            data = {
                "evaluation": rows,
                "overview": {"departmentName": "x", "totalScore": "63,2", "totalMaxScore": 100},
                "growthPercent": "1,5",
            }
        elif endpoint in ep.METRIC_ENDPOINTS:
            page = int(body["currentPage"])
            items = metric_items(self.indicators, endpoint)
            pages = -(-len(items) // METRIC_PAGE)
            data = {
                "items": items[(page - 1) * METRIC_PAGE : page * METRIC_PAGE],
                "pagination": {
                    "total": len(items),
                    "currentPage": page,
                    "pageSize": METRIC_PAGE,
                    "totalPages": pages,
                },
            }
        else:
            data = tree_answer(self.indicators, endpoint)
        return Response(envelope(data), 201, mimetype="application/json")


@pytest.fixture
def fetch_project(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "data" / "reference", tmp_path / "data" / "reference")
    (tmp_path / "data" / "raw").mkdir()
    return Project(tmp_path)


def copy_month(project: Project, month: str, *, only_other: bool = False) -> Path:
    """The sample's hand-made month (or only its exports the portal does not serve)."""
    source = REPO / "data" / "raw" / month
    target = project.raw / month
    target.mkdir(parents=True)
    for path in source.iterdir():
        if only_other and ("tinh" in path.name or "don" in path.name.lower()):
            continue
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def portal_2026(httpserver) -> Portal:
    provinces, units = hand_made_rows("2026-10")
    return Portal(httpserver, provinces, units, "H19", hand_made_indicators("2026-10"))


@pytest.fixture
def portal_2024(httpserver) -> Portal:
    provinces, units = hand_made_rows("2024-02")
    return Portal(httpserver, provinces, units, "H10")


@pytest.fixture(autouse=True)
def fast(monkeypatch):
    """The pauses between requests and before retries shortened (the client takes them as
    parameters); everything else as the command runs."""
    monkeypatch.setattr("chiso766.fetch.run.Options", functools.partial(Options, **FAST))


def run(project: Project, portal: Portal, *args: str, capsys) -> tuple[int, str, str]:
    """`chiso766 fetch` in this process: its exit code and output."""
    code = main(["--root", str(project.root), "fetch", "--base-url", portal.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def nothing_written(project: Project, month: str) -> None:
    """No capture of the month, and no temporary folder left behind."""
    assert not [c for c in captures(project.raw, month) if c.captured is not None]
    assert not [p.name for p in project.raw.iterdir() if p.name.startswith(".")]


def indicator_rows(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=SOURCE_COLUMNS[:3])
    return frame.sort_values(["unit_id", "code"]).reset_index(drop=True)


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in SOURCE_COLUMNS if c in frame.columns])
    return frame.sort_values(["cohort", "unit_id"]).reset_index(drop=True)


# --- success --------------------------------------------------------------------------------


def test_new_api_month_gives_the_tables_of_the_hand_made_exports(
    fetch_project, portal_2026, capsys
):
    copy_month(fetch_project, "2026-10")
    hand_made = read_month("2026-10", fetch_project)
    code, out, err = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == 0, err
    folder = current(fetch_project.raw, "2026-10")
    assert folder.name.startswith("2026-10@")
    # the answers byte for byte, beside the hand-made exports the portal does not serve
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert "portal_new_provinces.json" in names and "portal_new_units.json" in names
    assert "Bieu 06 Dong Nai 2026-10.xlsx" in names
    assert "xep_hang_34_tinh_2026-10.csv" not in names  # the fetch replaces the hand-made scores
    sidecar = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    first = sidecar["responses"][0]
    assert first["status"] == 201 and first["url"].endswith("/service-results")
    assert json.loads(first["body"])["departmentType"] == "ADMINISTRATIVE_UNIT"
    assert first["captured_at"].endswith("+07:00")
    stored = (folder / first["file"]).read_bytes()
    assert stored == portal_2026.server.log[1][1].get_data()  # byte for byte
    assert first["sha256"] == hashlib.sha256(stored).hexdigest()
    # the indicator endpoints, every page, kept apart from what ingest reads
    pages = sorted(p.name for p in (folder / ep.INDICATOR_FOLDER).iterdir())
    assert "portal_new_transparency.p2.json" in pages and len(pages) == 9
    # the landing page first, its cookie sent back, one request per line said
    assert portal_2026.server.log[0][0].path == ep.LANDING
    assert all("ttqg_dmz=abc" in cookie for _, _, cookie in portal_2026.posts)
    assert out.count("HTTP 201") == 2 + 3 * 2 + 3  # scores, metric pages, trees
    assert "dep-H19" in out  # the province's id, looked up from the national ranking
    fetched = read_month("2026-10", fetch_project)
    pd.testing.assert_frame_equal(comparable(fetched.scores), comparable(hand_made.scores))
    pd.testing.assert_frame_equal(
        fetched.dossiers.drop(columns="source_file"), hand_made.dossiers.drop(columns="source_file")
    )
    # the six indicator answers (three metric endpoints, paged, and three trees) merge into the
    # hand-made export's indicator table (the export itself is not carried beside them)
    assert "chi_tieu_thanh_phan_2026-10.json" not in names
    expected = hand_made.indicators
    stated = (expected["score"] - expected["recomputed"]).abs() > 1e-9
    # but for the one score the hand-made export states against its own counts (the sample's
    # deliberate defect, in a TTTT term): a tree answer gives the counts and the group's score
    # only, so the fetched row holds the catalogue formula's score
    assert set(expected.loc[stated, "code"]) == {"TTTT_ONLINE_PAYMENT_DOSSIERS"}
    expected = expected.assign(score=expected["score"].where(~stated, expected["recomputed"]))
    pd.testing.assert_frame_equal(indicator_rows(fetched.indicators), indicator_rows(expected))
    sources = set(fetched.indicators["source_file"])
    assert "chi_tieu/portal_new_transparency.p2.json" in sources
    assert "chi_tieu/portal_new_formality-online-payment-tree.json" in sources
    notes = fetched.quality[fetched.quality["code"].str.startswith("ind.")]
    assert set(notes["code"]) == {"ind.tree_computed", "ind.tree_assumed"}
    assert set(notes["severity"]) == {"info"}


def test_old_api_month_paged_gives_the_tables_of_the_hand_made_exports(
    fetch_project, portal_2024, capsys
):
    copy_month(fetch_project, "2024-02")
    hand_made = read_month("2024-02", fetch_project)
    code, out, err = run(fetch_project, portal_2024, "--month", "2024-02", capsys=capsys)
    assert code == 0, err
    folder = current(fetch_project.raw, "2024-02")
    # 142 units: a full page of 100 asks for the next, 42 rows end it
    assert sorted(p.name for p in folder.glob("portal_old_*")) == [
        "portal_old_provinces.p1.json",
        "portal_old_units.p1.json",
        "portal_old_units.p2.json",
    ]
    assert len(json.loads((folder / "portal_old_units.p2.json").read_bytes())) == 42
    bodies = [body for _, body, _ in portal_2024.posts]
    assert [b["pageIndex"] for b in bodies] == [1, 1, 2]
    assert bodies[1]["p_tinh_id"] == portal_2024.province_id
    fetched = read_month("2024-02", fetch_project)
    pd.testing.assert_frame_equal(comparable(fetched.scores), comparable(hand_made.scores))


def test_117_units_over_two_pages(fetch_project, httpserver, capsys):
    provinces, units = hand_made_rows("2024-02")
    portal = Portal(httpserver, provinces, units[:117], "H10")
    code, out, _ = run(fetch_project, portal, "--month", "2024-02", capsys=capsys)
    assert code == 0
    folder = current(fetch_project.raw, "2024-02")
    pages = [json.loads((folder / f"portal_old_units.p{n}.json").read_bytes()) for n in (1, 2)]
    assert [len(p) for p in pages] == [100, 17]
    assert "trang 2" in out
    scores = read_month("2024-02", fetch_project).scores
    distinct = {u["TEN_COQUAN"] for u in units[:117]}  # the sample repeats one row on purpose
    assert (scores["cohort"] != "national").sum() == len(distinct) == 116


def test_a_second_capture_keeps_the_first(fetch_project, portal_2026, capsys):
    earlier = fetch_project.raw / "2026-10@2026-10-05"
    earlier.mkdir()
    shutil.copy2(REPO / "data/raw/2026-10/Bieu 06 Dong Nai 2026-10.xlsx", earlier)
    code, out, _ = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == 0
    dated = [c.folder.name for c in captures(fetch_project.raw, "2026-10")]
    assert dated[0] == "2026-10@2026-10-05" and len(dated) == 2
    assert (earlier / "Bieu 06 Dong Nai 2026-10.xlsx").is_file()
    assert "2026-10@2026-10-05" in out  # the hand-made export kept, and where it came from
    today = captures(fetch_project.raw, "2026-10")[-1].folder
    sidecar = (today / SIDECAR).read_bytes()
    # the same day again, the same answers: nothing written, and said
    code, out, _ = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == 0 and len(captures(fetch_project.raw, "2026-10")) == 2
    assert "không đổi so với lần lấy trước trong ngày" in out and today.name in out
    assert "Thay lần lấy trước" not in out and "Đã ghi" not in out
    assert (today / SIDECAR).read_bytes() == sidecar  # the day's capture untouched
    assert not [p.name for p in fetch_project.raw.iterdir() if p.name.startswith(".")]
    # the same day, other figures: that day's capture is replaced, the earlier day's kept
    portal_2026.units = portal_2026.units[:-1]
    code, out, _ = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == 0 and len(captures(fetch_project.raw, "2026-10")) == 2
    assert "Thay lần lấy trước" in out
    assert (today / SIDECAR).read_bytes() != sidecar


def test_dry_run_sends_nothing(fetch_project, portal_2026, capsys):
    code, out, _ = run(fetch_project, portal_2026, "--month", "2026-10", "--dry-run", capsys=capsys)
    assert code == 0
    assert not portal_2026.server.log
    assert out.count(f"POST {portal_2026.url}{ep.NEW_PATH}") == 8
    nothing_written(fetch_project, "2026-10")


def test_base_url_from_the_environment_and_province_toml(fetch_project, monkeypatch, capsys):
    monkeypatch.setenv("CHISO766_PORTAL_URL", "http://mirror.invalid:9")
    main(["--root", str(fetch_project.root), "fetch", "--month", "2026-10", "--dry-run"])
    assert "http://mirror.invalid:9/api" in capsys.readouterr().out
    monkeypatch.delenv("CHISO766_PORTAL_URL")
    toml = fetch_project.reference / "province.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('# base_url = "https://dichvucong.gov.vn"', 'base_url = "ftp://x"')
    )
    code = main(["--root", str(fetch_project.root), "fetch", "--month", "2026-10", "--dry-run"])
    assert code == EXIT_USAGE
    assert "ftp://x" in capsys.readouterr().err


# --- failures: nothing written, a clear message, a non-zero exit -----------------------------


def _status(status: int, body: bytes = b"", mimetype: str = "text/html"):
    return lambda request: Response(body, status, mimetype=mimetype)


def _slow(request: Request) -> Response:
    time.sleep(0.8)
    return Response(b"[]", 200)


def _truncated(request: Request) -> Response:
    body = json.dumps(old_rows(hand_made_rows("2024-02")[1][100:]), ensure_ascii=False).encode()
    return Response(body[: len(body) // 2], 200, mimetype="application/json")


CASES = {
    # name: (answer to the n-th POST, exit code, words of the message, POSTs made)
    "firewall page": ({1: _status(200, FIREWALL)}, EXIT_BLOCKED, "Cổng chặn kết nối", 1),
    "403": ({1: _status(403, b"Forbidden")}, EXIT_BLOCKED, "HTTP 403", 1),
    "429 on the units": ({2: _status(429)}, EXIT_BLOCKED, "HTTP 429", 2),
    "406": ({1: _status(406)}, EXIT_BLOCKED, "HTTP 406", 1),
    "timeout": ({1: _slow, 2: _slow}, EXIT_NETWORK, "Timeout", 2),
    "5xx twice": ({1: _status(502), 2: _status(503)}, EXIT_NETWORK, "HTTP 503", 2),
    "malformed JSON": ({1: _status(200, b"{oops", "application/json")}, 1, "JSON", 1),
    "truncated page": ({3: _truncated}, EXIT_BAD_ANSWER, "trang 2", 3),
    "empty data": ({1: _status(200, b"[]", "application/json")}, 1, "chưa có số liệu", 1),
    "404": ({1: _status(404)}, EXIT_BAD_ANSWER, "HTTP 404", 1),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_failure_writes_nothing_and_says_what_to_do(case, fetch_project, portal_2024, capsys):
    override, exit_code, words, posts = CASES[case]
    portal_2024.override = override
    copy_month(fetch_project, "2024-02", only_other=True)
    code, out, err = run(fetch_project, portal_2024, "--month", "2024-02", capsys=capsys)
    assert code == exit_code, err
    assert words in err
    assert len(portal_2024.posts) == posts  # a refusal is never retried, nor followed
    if exit_code in (EXIT_BLOCKED, EXIT_NETWORK):
        assert "data/raw/2024-02/" in err  # the manual fallback
    nothing_written(fetch_project, "2024-02")
    assert "Traceback" not in err


class _Reset(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(4096)
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


class _ResetServer(socketserver.ThreadingTCPServer):
    """Accepts a connection, reads the request and resets it (RST, no answer), as the portal
    does to connections from networks it does not accept."""

    daemon_threads = True
    connections = 0

    def shutdown_request(self, request) -> None:
        self.connections += 1
        request.close()  # with SO_LINGER 0: a reset, not an orderly close


def test_a_reset_connection_is_retried_then_said(fetch_project, capsys):
    server = _ResetServer(("127.0.0.1", 0), _Reset)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        code = main(
            ["--root", str(fetch_project.root), "fetch", "--month", "2024-02", "--base-url", url]
        )
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert code == EXIT_NETWORK, err
    assert "Không kết nối được Cổng" in err and "2 lần thử" in err
    assert "data/raw/2024-02/" in err
    assert server.connections == 2  # the landing page, tried twice, and nothing after it
    nothing_written(fetch_project, "2024-02")


def test_a_mirror_without_the_landing_page(fetch_project, portal_2024, capsys):
    portal_2024.landing_missing = True
    code, out, _ = run(fetch_project, portal_2024, "--month", "2024-02", capsys=capsys)
    assert code == 0
    assert "HTTP 404" in out.splitlines()[1]


def test_a_retry_after_a_5xx_succeeds(fetch_project, portal_2024, capsys):
    portal_2024.override = {1: _status(503)}
    code, out, _ = run(fetch_project, portal_2024, "--month", "2024-02", capsys=capsys)
    assert code == 0
    assert "thử lại lần 2/2" in out


def test_new_api_empty_data_and_firewall(fetch_project, portal_2026, capsys):
    portal_2026.override = {1: _status(201, envelope({"evaluation": []}), "application/json")}
    code, _, err = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == EXIT_BAD_ANSWER and "danh sách rỗng" in err
    portal_2026.posts.clear()
    portal_2026.override = {3: _status(200, FIREWALL)}  # refused halfway: nothing kept
    code, _, err = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == EXIT_BLOCKED and "Request Rejected" in err
    nothing_written(fetch_project, "2026-10")


def test_incomplete_pagination_is_refused(fetch_project, portal_2026, capsys):
    lying = {"items": [{"code": "X"}], "pagination": {"total": 5, "totalPages": 1}}
    portal_2026.override = {3: _status(201, envelope(lying), "application/json")}
    code, _, err = run(fetch_project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == EXIT_BAD_ANSWER
    assert "báo 5 dòng" in err
    nothing_written(fetch_project, "2026-10")


def test_the_province_missing_from_the_ranking_or_set_in_province_toml(
    fetch_project, portal_2024, capsys
):
    portal_2024.provinces = [p for p in portal_2024.provinces if p["MA_COQUAN"] != "H10"]
    code, _, err = run(fetch_project, portal_2024, "--month", "2024-02", capsys=capsys)
    assert code == EXIT_BAD_ANSWER
    assert "tỉnh Bình Phước (mã H10)" in err and "old_province_id" in err
    nothing_written(fetch_project, "2024-02")
    toml = fetch_project.reference / "province.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('# old_province_id = "..."', 'old_province_id = "1010"'))
    portal_2024.posts.clear()
    code, out, _ = run(fetch_project, portal_2024, "--month", "2024-02", capsys=capsys)
    assert code == 0
    assert portal_2024.posts[1][1]["p_tinh_id"] == "1010"
    assert "tra từ bảng xếp hạng" not in out  # not looked up: given


def test_an_open_month_is_provisional_and_a_future_one_refused(fetch_project, portal_2026, capsys):
    today = now().date()
    month = f"{today:%Y-%m}"
    code, out, _ = run(fetch_project, portal_2026, "--month", month, capsys=capsys)
    assert code == 0
    assert "chưa kết thúc" in out and "tạm tính" in out
    assert (fetch_project.raw / f"{month}@{today.isoformat()}").is_dir()
    future = f"{today.year + 1}-01"
    code, _, err = run(fetch_project, portal_2026, "--month", future, capsys=capsys)
    assert code == EXIT_USAGE and "chưa bắt đầu" in err
    code, _, err = run(
        fetch_project, portal_2026, "--from", "2026-10", "--to", "2026-09", capsys=capsys
    )
    assert code == EXIT_USAGE


def test_periods_an_api_cannot_serve(fetch_project, portal_2026, capsys):
    code, _, err = run(
        fetch_project, portal_2026, "--period", "2026-H1", "--api", "new", capsys=capsys
    )
    assert code == EXIT_USAGE and "tháng, quý và năm" in err
    code, _, err = run(fetch_project, portal_2026, "--period", "2026-03-ytd", capsys=capsys)
    assert code == EXIT_USAGE and "lũy kế" in err
    assert not portal_2026.server.log


def test_a_metric_answer_reads_as_the_hand_made_indicator_rows(fetch_project):
    """A `transparency` answer (units with `metrics[]`, paged, null scores kept) is read
    by the indicators kind into the rows the hand-made export gives for the same indicators."""
    folder = copy_month(fetch_project, "2026-10")
    hand_made = read_month("2026-10", fetch_project).indicators
    export = folder / "chi_tieu_thanh_phan_2026-10.json"
    ckmb = {"PUBLISH_ON_TIME", "PUBLIC_UPDATE_ON_TIME", "PUBLIC_CONTENT_FULL", "DOSSIER_SYNC"}
    items = metric_items(hand_made_indicators("2026-10"), "transparency")
    pagination = {"total": len(items), "currentPage": 1, "pageSize": 200, "totalPages": 1}
    export.unlink()
    (folder / "portal_new_transparency.p1.json").write_bytes(
        envelope({"items": items, "pagination": pagination})
    )
    fetched = read_month("2026-10", fetch_project).indicators
    key = ["unit_id", "code"]
    expected = hand_made[hand_made["code"].isin(ckmb)].drop(columns=SOURCE_COLUMNS[:3])
    pd.testing.assert_frame_equal(
        fetched.drop(columns=SOURCE_COLUMNS[:3]).sort_values(key).reset_index(drop=True),
        expected.sort_values(key).reset_index(drop=True),
    )


def _answer(folder: Path, name: str, data: object) -> Path:
    path = folder / ep.INDICATOR_FOLDER / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(envelope(data))
    return path


@pytest.mark.slow  # the month read three times, its repeated indicators compared row by row
def test_an_indicator_in_two_files_is_kept_once_or_refused_naming_both(fetch_project):
    """The hand-made export (every group) and a fetched transparency answer (CKMB) in one
    period: the same figures are read once, a note naming both files; other figures for one
    indicator of one unit stop the period with an error naming both files and both values."""
    folder = copy_month(fetch_project, "2026-10")
    hand_made = read_month("2026-10", fetch_project).indicators
    units = hand_made_indicators("2026-10")
    items = metric_items(units, "transparency")
    paging = {"total": len(items), "currentPage": 1, "pageSize": 200, "totalPages": 1}
    _answer(folder, "portal_new_transparency.p1.json", {"items": items, "pagination": paging})
    both = read_month("2026-10", fetch_project)
    pd.testing.assert_frame_equal(indicator_rows(both.indicators), indicator_rows(hand_made))
    note = both.quality[both.quality["code"] == "ind.same_in_two_files"]
    assert len(note) == 1 and note["severity"].iloc[0] == "info"
    assert "chi_tieu_thanh_phan_2026-10.json" in note["text"].iloc[0]
    assert "chi_tieu/portal_new_transparency.p1.json" in note["text"].iloc[0]
    assert f"{len(items) * 4} chỉ tiêu" in note["text"].iloc[0]
    commune = next(i for i in items if i["childGroup"] == "COMMUNE")
    commune["metrics"][1]["numerator"] += 7  # PUBLIC_UPDATE_ON_TIME, one unit
    _answer(folder, "portal_new_transparency.p1.json", {"items": items, "pagination": paging})
    with pytest.raises(DataError) as refused:
        read_month("2026-10", fetch_project)
    conflicts = [i for i in refused.value.issues if i.code == "ind.conflict"]
    assert len(conflicts) == 1 and conflicts[0].severity == "error"
    text = conflicts[0].text
    assert "chi_tieu_thanh_phan_2026-10.json" in text
    assert "chi_tieu/portal_new_transparency.p1.json" in text
    assert "PUBLIC_UPDATE_ON_TIME" in text and commune["departmentName"] in text
    n, d = commune["metrics"][1]["numerator"], commune["metrics"][1]["denominator"]
    assert f"({n - 7}/{d}," in text and f"({n}/{d}," in text


def test_a_tree_node_it_cannot_place_is_a_warning_naming_file_and_node(fetch_project):
    """A tree answer with a node of a level the portal does not document, a node lacking one
    indicator's counts and a unit the registry does not know: warnings, the rest read."""
    folder = copy_month(fetch_project, "2026-10")
    (folder / "chi_tieu_thanh_phan_2026-10.json").unlink()
    units = hand_made_indicators("2026-10")
    tree = tree_answer(units, "provide-online-tree")
    odd = tree["children"][0] | {"departmentName": "Trung tâm lạ", "departmentCode": "X1"}
    tree["children"].append(odd | {"level": "DISTRICT"})
    del tree["children"][1]["totalDossierOnline"]
    unknown = tree["children"][2] | {"departmentName": "UBND xã Không Có", "departmentCode": "X2"}
    tree["children"].append(unknown | {"level": "COMMUNE"})
    _answer(folder, "portal_new_provide-online-tree.json", tree)
    result = read_month("2026-10", fetch_project)
    issues = result.quality.set_index("code")
    file = "chi_tieu/portal_new_provide-online-tree.json"
    level = issues.loc[["ind.tree_level"]]
    assert (
        len(level) == 1 and level["file"].iloc[0] == file and level["severity"].iloc[0] == "warning"
    )
    assert "Trung tâm lạ" in level["text"].iloc[0] and "DISTRICT" in level["text"].iloc[0]
    lacking = issues.loc[["ind.tree_fields"]]
    assert len(lacking) == 1 and lacking["file"].iloc[0] == file
    second = tree["children"][1]["departmentName"]
    assert second in lacking["text"].iloc[0] and "totalDossierOnline" in lacking["text"].iloc[0]
    assert "UBND xã Không Có" in issues.loc[["unit.unknown"], "text"].iloc[0]
    rows = result.indicators
    assert set(rows["group"]) == {"CLGQ"}
    assert (rows["unit_name"] == second).sum() == 2  # its other two CLGQ terms
    assert "Trung tâm lạ" not in set(rows["unit_name"])
    assert (rows["unit_name"] == "UBND xã Không Có").sum() == 3
    assert len(rows) == 3 * len(units) + 3 - 1


def test_an_empty_indicator_answer_is_said_and_the_others_read(fetch_project):
    """The portal answers an endpoint with no rows (nothing published for it yet): the fetch
    keeps the answer, ingest says it is empty and reads the other answers."""
    folder = copy_month(fetch_project, "2026-10")
    (folder / "chi_tieu_thanh_phan_2026-10.json").unlink()
    units = hand_made_indicators("2026-10")
    empty = {"total": 0, "currentPage": 1, "pageSize": 200, "totalPages": 0}
    _answer(folder, "portal_new_handling-satisfaction.p1.json", {"items": [], "pagination": empty})
    _answer(folder, "portal_new_dvc-progress-tree.json", tree_answer(units, "dvc-progress-tree"))
    result = read_month("2026-10", fetch_project)
    said = result.quality[
        result.quality["file"] == "chi_tieu/portal_new_handling-satisfaction.p1.json"
    ]
    assert list(said["code"]) == ["read.no_data"] and "danh sách rỗng" in said["text"].iloc[0]
    assert set(result.indicators["code"]) == {"TDGQ_ON_TIME"}
    assert len(result.indicators) == len(units)


def test_old_api_quarter_and_half_parameters_are_said_to_be_inferred(
    fetch_project, portal_2024, capsys
):
    """portal_api.md names p_quy and p_6thang but states no value: the dry run and the sidecar
    say which values were inferred; a month's request states nothing inferred."""
    code, out, _ = run(
        fetch_project, portal_2024, "--period", "2024-Q1", "--dry-run", capsys=capsys
    )
    assert code == 0 and out.count("suy đoán: p_quy=1, p_thang=0") == 2
    code, out, _ = run(
        fetch_project, portal_2024, "--period", "2024-H2", "--dry-run", capsys=capsys
    )
    assert code == 0 and out.count("suy đoán: p_6thang=2, p_thang=0") == 2
    code, out, _ = run(fetch_project, portal_2024, "--month", "2024-02", "--dry-run", capsys=capsys)
    assert code == 0 and "suy đoán" not in out
    code, out, err = run(fetch_project, portal_2024, "--period", "2024-Q1", capsys=capsys)
    assert code == 0, err
    assert [b["p_quy"] for _, b, _ in portal_2024.posts] == [1, 1, 1]
    sidecar = json.loads((current(fetch_project.raw, "2024-Q1") / SIDECAR).read_text("utf-8"))
    for response in sidecar["responses"]:
        assert response["inferred"] == ["p_quy", "p_thang"]
        assert "p_quy=1" in response["note"] and not response["note"].startswith(" ")


# --- the whole path --------------------------------------------------------------------------


@pytest.mark.slow
def test_fetched_month_builds_the_full_report(
    tmp_path, portal_2026, capsys, no_pdf, sample_project
):
    shutil.copytree(REPO / "data" / "reference", tmp_path / "data" / "reference")
    shutil.copytree(REPO / "data" / "raw", tmp_path / "data" / "raw")
    project = Project(tmp_path)
    # the months of the year before it as the sample stores them: the fetched month is new
    copy_stored(report_keys("2026-10", project)[:-1], sample_project, project)
    code, _, err = run(project, portal_2026, "--month", "2026-10", capsys=capsys)
    assert code == 0, err
    assert main(["--root", str(tmp_path), "report", "--month", "2026-10"]) == 0
    html = (tmp_path / "outputs" / "2026-10" / "index.html").read_text(encoding="utf-8")
    assert "63,20" in html  # Đồng Nai's total, from the fetched answer
    manifest = json.loads((tmp_path / "data/processed/2026-10/manifest.json").read_text())
    assert manifest["folder"].startswith("2026-10@")
    files = {f["name"] for f in manifest["files"]}
    assert "portal_new_units.json" in files
    assert "chi_tieu/portal_new_dvc-progress-tree.json" in files  # the indicator answers read
    plan = (tmp_path / "outputs" / "2026-10" / "06_indicators.html").read_text(encoding="utf-8")
    assert "Để tăng 5,00 điểm:" in plan  # the improvement plan, from the fetched counts
    assert "Hồ sơ thanh toán trực tuyến trên tổng hồ sơ có phí" in plan  # a tree's indicator
