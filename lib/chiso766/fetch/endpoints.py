"""The portal's two APIs as requests: which requests fetch a period, how their answers are paged,
and the rows an answer holds (to check it, never to change it: answers are stored as received).

Old API (2022 to 2025): `POST /jsp/rest.jsp`, a form field `params` holding a JSON string; the
answer is a bare array of flat rows, paged by `pageIndex`/`pageSize` (a full page means there may
be another). New API (2026): `POST /api/v1/reporting/evaluation/<endpoint>` with a JSON body,
answered with HTTP 201 and `{"code": "OK", "data": ..., "message": "OK"}`; metric endpoints page
with `currentPage`/`pageSize` and say `pagination.totalPages`. Nothing here is an official
contract: it is what public tools observed (late 2025 to 2026); parameters marked [I] are
inferred. README, "Tự động lấy số liệu từ Cổng", says how the command uses them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date

from chiso766.messages import msg
from chiso766.reference.periods import Period
from chiso766.reference.portal_indicators import METRIC_ENDPOINTS, TREE_ENDPOINTS
from chiso766.store.manifest import ANSWER_FOLDER

DEFAULT_BASE_URL = "https://dichvucong.gov.vn"
LANDING = "/p/home/dvc-index-tinhthanhpho-tonghop.html"
OLD_PATH = "/jsp/rest.jsp"
NEW_PATH = "/api/v1/reporting/evaluation/"
OLD_SERVICE = "report_tinh_766_service"
OLD_PAGE_SIZE = 100  # a full page of 100 asks for the next: 117 units come in two pages
NEW_PAGE_SIZE = 200
MAX_PAGES = 50
# Indicator-level endpoints of the new API (reference/portal_indicators.py: which catalogue
# indicator each answer holds), stored beside the scores in chi_tieu/ (ingest reads that folder)
INDICATOR_FOLDER = ANSWER_FOLDER

_OLD_HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
    "X-Requested-With": "XMLHttpRequest",
}
_NEW_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


@dataclass(frozen=True)
class Request:
    """One request to the portal and the file its answer is stored as."""

    api: str  # "old", "new" ("-" for the landing page)
    file: str  # the answer's file name in the capture folder ("" for the landing page)
    label: str  # what it fetches, as progress lines and messages name it
    path: str
    method: str = "POST"
    params: dict = field(default_factory=dict)  # the old API's params, or the new API's body
    page: int | None = None  # None: not paged
    kind: str = "scores"  # "provinces", "units" or "indicator"
    # parameters whose value portal_api.md does not state (the dry run and the sidecar say so)
    inferred: tuple[str, ...] = ()

    @property
    def what(self) -> str:
        """What it fetches, with its page when paged."""
        return msg("fetch.what.page", what=self.label, page=self.page) if self.page else self.label

    @property
    def form(self) -> dict | None:
        return (
            {"params": json.dumps(self.params, ensure_ascii=False)} if self.api == "old" else None
        )

    @property
    def json(self) -> dict | None:
        return self.params if self.api == "new" else None

    @property
    def headers(self) -> dict:
        return {"old": _OLD_HEADERS, "new": _NEW_HEADERS}.get(self.api, {})

    @property
    def ok_statuses(self) -> frozenset[int]:
        return frozenset({200, 201})

    def body_text(self) -> str:
        """The body as sent (the sidecar records it)."""
        if self.api == "old":
            return "params=" + json.dumps(self.params, ensure_ascii=False)
        return json.dumps(self.params, ensure_ascii=False) if self.api == "new" else ""

    def next_page(self) -> Request:
        page = (self.page or 1) + 1
        key = "pageIndex" if self.api == "old" else "currentPage"
        return replace(
            self,
            page=page,
            params=self.params | {key: page},
            file=page_file(self.file, page),
        )


def page_file(file: str, page: int) -> str:
    """`portal_old_units.p1.json` -> `portal_old_units.p2.json` (ingest reads the pages of one
    answer as one export: pipeline.series)."""
    stem = file.rsplit(".p", 1)[0]
    return f"{stem}.p{page}.json"


def choose_api(period: Period, api: str) -> str:
    """auto: the new API from 2026 on, the old one before."""
    if api != "auto":
        return api
    return "new" if period.year >= 2026 else "old"


def unsupported(period: Period, api: str, today: date) -> str | None:
    """Why an API cannot serve a period (a message), or None."""
    if period.start > today:
        return msg("fetch.reason.future")
    if period.kind == "half" and api == "new":
        return msg("fetch.reason.half")
    if period.kind == "ytd" and (period.year, period.month) != (today.year, today.month):
        return msg("fetch.reason.ytd")
    return None


# --- the old API -------------------------------------------------------------------------------


def _old_period(period: Period) -> tuple[dict, tuple[str, ...]]:
    """The period's parameters, and those of them whose value is inferred.

    Stated by portal_api.md: `p_nam` the year, `p_thang` 1-12 a month and 0 the whole year (so
    far). It names `p_quy` (quarter) and `p_6thang` (half-year) but states none of their
    values: 1-4 and 1-2, with `p_thang` 0 beside them, are INFERRED (from p_thang's own
    convention), as is 0 for "not this kind of period" in the parameters a month or a year
    does not use. A quarter's or a half's request says so in the dry run and the sidecar."""
    fields = {"p_nam": period.year, "p_thang": 0, "p_quy": 0, "p_6thang": 0}
    if period.kind == "month":
        fields["p_thang"] = period.month
    elif period.kind == "quarter":
        fields["p_quy"] = (period.month - 1) // 3 + 1
        return fields, ("p_quy", "p_thang")
    elif period.kind == "half":
        fields["p_6thang"] = 1 if period.month <= 6 else 2
        return fields, ("p_6thang", "p_thang")
    return fields, ()


def inferred_note(request: Request) -> str:
    """What the dry run and the sidecar say of a request's inferred parameters."""
    values = ", ".join(f"{name}={request.params[name]}" for name in request.inferred)
    return msg("fetch.inferred", values=values)


def old_request(period: Period, province_id: str | None) -> Request:
    """The score table of every province (`province_id` None) or of one province's units."""
    when, inferred = _old_period(period)
    params = {
        "type": "ref",
        "service": OLD_SERVICE,
        **when,
        "p_tinh_id": province_id or 0,
        "p_loaidonvi": 1,
        "loaichitieu": 0,
        "pageIndex": 1,
        "pageSize": OLD_PAGE_SIZE,
    }
    kind = "units" if province_id else "provinces"
    return Request(
        api="old",
        file=f"portal_old_{kind}.p1.json",
        label=msg(f"fetch.what.{kind}"),
        path=OLD_PATH,
        params=params,
        page=1,
        kind=kind,
        inferred=inferred,
    )


# --- the new API -------------------------------------------------------------------------------


def _new_period(period: Period) -> dict:
    if period.kind == "month":
        return {"timeType": "month", "year": period.year, "month": period.month}
    if period.kind == "quarter":
        return {"timeType": "quarter", "year": period.year, "quarter": (period.month - 1) // 3 + 1}
    return {"timeType": "year", "year": period.year}  # a year, or this year so far


def new_scores_request(period: Period, root_id: str | None) -> Request:
    """`service-results`: the 34 provinces (`root_id` None) or one province's units."""
    where = {"rootDepartmentId": root_id} if root_id else {"departmentType": "ADMINISTRATIVE_UNIT"}
    kind = "units" if root_id else "provinces"
    return Request(
        api="new",
        file=f"portal_new_{kind}.json",
        label=msg(f"fetch.what.{kind}"),
        path=NEW_PATH + "service-results",
        params=_new_period(period) | where,
        kind=kind,
    )


def indicator_requests(period: Period, root_id: str) -> list[Request]:
    """The indicator-level endpoints of one province (2026 on)."""
    requests = []
    for endpoint in METRIC_ENDPOINTS:
        if endpoint == "handling-satisfaction":  # dates instead of timeType
            when: dict = {"fromDate": period.start.isoformat(), "toDate": period.end.isoformat()}
        else:
            when = _new_period(period)
        requests.append(
            Request(
                api="new",
                file=f"{INDICATOR_FOLDER}/portal_new_{endpoint}.p1.json",
                label=msg("fetch.what.indicator", endpoint=endpoint),
                path=NEW_PATH + endpoint,
                params=when
                | {"rootDepartmentId": root_id, "currentPage": 1, "pageSize": NEW_PAGE_SIZE},
                page=1,
                kind="indicator",
            )
        )
    for endpoint in TREE_ENDPOINTS:  # every child comes in one answer
        requests.append(
            Request(
                api="new",
                file=f"{INDICATOR_FOLDER}/portal_new_{endpoint}.json",
                label=msg("fetch.what.indicator", endpoint=endpoint),
                path=NEW_PATH + endpoint,
                params=_new_period(period) | {"rootDepartmentId": root_id},
                kind="indicator",
            )
        )
    return requests


# --- reading an answer (to check it) -------------------------------------------------------------


class BadAnswer(Exception):
    """An answer that is not what the API sends: a message key and its fields."""

    def __init__(self, code: str, /, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(code)


@dataclass
class Page:
    rows: list[dict]  # the rows of this page
    total: int | None = None  # rows of all pages, when the answer says
    pages: int | None = None  # pages in all, when the answer says


def read_page(request: Request, content: bytes) -> Page:
    """The rows of an answer, checked for shape (BadAnswer otherwise)."""
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadAnswer("fetch.bad_json", detail=str(exc)[:120]) from None
    if request.api == "old":
        if not isinstance(doc, list) or not all(isinstance(r, dict) for r in doc):
            raise BadAnswer("fetch.bad_shape", detail=type(doc).__name__)
        return Page(doc)
    if not isinstance(doc, dict) or doc.get("code") != "OK" or "data" not in doc:
        detail = doc.get("message") if isinstance(doc, dict) else type(doc).__name__
        raise BadAnswer("fetch.bad_shape", detail=str(detail)[:120])
    data = doc["data"]
    if isinstance(data, dict) and ("parent" in data or "children" in data):  # a tree
        children = data.get("children") or []
        return Page([data["parent"], *children] if data.get("parent") else list(children))
    if isinstance(data, dict):
        rows = next((v for k, v in data.items() if isinstance(v, list) and k != "pagination"), [])
        paging = data.get("pagination") if isinstance(data.get("pagination"), dict) else None
    else:
        rows, paging = data, doc.get("pagination")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BadAnswer("fetch.bad_shape", detail="data")
    if paging:
        return Page(rows, _int(paging.get("total")), _int(paging.get("totalPages")))
    return Page(rows)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def find_province(request: Request, rows: list[dict], code: str) -> str | None:
    """The province's portal id in the national answer: old API `ID` of the row whose
    `MA_COQUAN` is the province's code (once served as `000.00.00.H37`), new API `departmentId`
    of the row whose `departmentCode` is."""
    code_key, id_key = (
        ("MA_COQUAN", "ID") if request.api == "old" else ("departmentCode", "departmentId")
    )
    for row in rows:
        if str(row.get(code_key, "")).rsplit(".", 1)[-1].strip() == code and row.get(id_key):
            return str(row[id_key])
    return None
