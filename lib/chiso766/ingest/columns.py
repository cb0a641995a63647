"""The one alias table: which header labels mean which field, for every kind of export.

Labels are compared after `textnorm.fold` (no case, no diacritics, no notes in parentheses), so
each alias is written once, in folded form. A header is a path of labels from the top header row
down to the column's own label; an alias with `parents` matches only below one of them, which is
how "Trong hạn" under "Đã giải quyết" (on time) is told from "Trong hạn" under "Đang giải quyết"
(not yet due).
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso766.store.fields import COUNT_FIELDS
from chiso766.textnorm import fold


@dataclass(frozen=True)
class Alias:
    field: str
    labels: tuple[str, ...]
    parents: tuple[str, ...] = ()


RECEIVED = (
    "so ho so nhan giai quyet",
    "ho so nhan giai quyet",
    "nhan giai quyet",
    "tiep nhan",
    "so ho so tiep nhan",
    "ho so tiep nhan",
    "so nhan",
    "so ho so nhan",
    "tong so ho so tiep nhan",
)
RESOLVED = (
    "so ho so da giai quyet",
    "ho so da giai quyet",
    "da giai quyet",
    "da xu ly",
    "so ho so da xu ly",
    "ho so da xu ly",
    "da tra ket qua",
    "so ho so da tra ket qua",
)
PENDING = (
    "so ho so dang giai quyet",
    "ho so dang giai quyet",
    "dang giai quyet",
    "dang xu ly",
    "so ho so dang xu ly",
    "ho so dang xu ly",
    "chua giai quyet",
)
# Labels that only group other columns and carry no meaning of their own.
FILLERS = frozenset({"trong do", "trong do :", "chia ra", "bao gom", "gom"})

ALIASES: tuple[Alias, ...] = (
    # --- dossier statistics (Biểu 06 and vendor variants); parent-specific first ----------------
    Alias("received_total", ("tong so", "tong", "cong"), RECEIVED),
    Alias("resolved_total", ("tong so", "tong", "cong"), RESOLVED),
    Alias("pending_total", ("tong so", "tong", "cong"), PENDING),
    Alias(
        "received_online", ("truc tuyen", "nop truc tuyen", "moi tiep nhan truc tuyen"), RECEIVED
    ),
    Alias(
        "received_direct",
        (
            "truc tiep dich vu buu chinh",
            "truc tiep",
            "truc tiep buu chinh",
            "truc tiep va buu chinh",
            "truc tiep va qua dich vu buu chinh",
            "truc tiep hoac dich vu buu chinh cong ich",
            "moi tiep nhan truc tiep",
        ),
        RECEIVED,
    ),
    Alias(
        "received_carried",
        (
            "tu ky truoc",
            "ky truoc chuyen sang",
            "ky truoc chuyen qua",
            "so ky truoc chuyen qua",
            "ton ky truoc",
            "so ton ky truoc",
            "ky truoc",
        ),
        RECEIVED,
    ),
    Alias("resolved_early", ("truoc han", "som", "som han", "tra truoc han"), RESOLVED),
    Alias(
        "resolved_on_time",
        ("dung han", "dung thoi han", "tra dung thoi han", "tra dung han", "dung", "trong han"),
        RESOLVED,
    ),
    Alias("resolved_late", ("qua han", "tre han", "tre", "tra qua han", "tra tre han"), RESOLVED),
    Alias("pending_within", ("trong han", "chua den han", "chua qua han", "con han"), PENDING),
    Alias("pending_overdue", ("qua han", "tre han", "tre", "da qua han"), PENDING),
    # single-row vendor headers that name the parent inside the label
    Alias("received_total", ("tong so ho so tiep nhan", "tong tiep nhan", "tong so nhan")),
    Alias("received_online", ("so moi tiep nhan truc tuyen", "tiep nhan truc tuyen")),
    Alias("received_direct", ("so moi tiep nhan truc tiep", "tiep nhan truc tiep")),
    Alias("received_carried", ("so ky truoc chuyen qua", "ky truoc chuyen sang", "ton ky truoc")),
    # --- unit identity ------------------------------------------------------------------------
    Alias(
        "unit_name",
        (
            "ten coquan",
            "ten co quan",
            "ten don vi",
            "don vi",
            "co quan don vi",
            "co quan",
            "ten tinh",
            "tinh thanh pho",
            "tinh / thanh pho",
            "tinh",
            "don vi / dia phuong",
            "linh vuc / don vi",
            "ten linh vuc / don vi",
            "departmentname",
            "department name",
            "co quan / don vi",
            "agencyname",
        ),
    ),
    Alias("unit_name_alt", ("ten",)),  # the portal sends TEN beside TEN_COQUAN
    Alias(
        "unit_code",
        ("ma coquan", "ma co quan", "ma don vi", "departmentcode", "ma", "ma tinh", "agencycode"),
    ),
    Alias("portal_id", ("id",)),
    Alias("unit_type", ("loai coquan", "loai co quan", "childgroup")),
    Alias("level_id", ("capdonviid", "cap don vi id")),
    Alias("row_stt", ("row stt",)),
    Alias("stt", ("stt", "tt", "so tt", "so thu tu")),
    Alias("period_from", ("tu ngay", "fromdate", "from date")),
    Alias("period_to", ("den ngay", "todate", "to date")),
    # --- dossier lists (one row per dossier: Tân Dân-, iGate-, OpenCPS-style exports) ----------
    Alias("dossier_code", ("ma ho so", "so ho so", "ma so ho so", "mahoso", "dossierno")),
    Alias("national_code", ("ma ho so quoc gia", "ma quoc gia", "nationcode")),
    Alias(
        "procedure_code",
        ("ma tthc", "ma thu tuc", "ma thu tuc hanh chinh", "ma dich vu", "matthc", "servicecode"),
    ),
    Alias(
        "procedure_name",
        (
            "ten tthc",
            "ten thu tuc",
            "ten thu tuc hanh chinh",
            "ten dich vu cong",
            "ten dich vu",
            "tentthc",
            "servicename",
        ),
    ),
    Alias("service_level", ("muc do", "muc do dvc", "mucdo")),
    Alias(
        "channel",
        (
            "kenh thuc hien",
            "kenh tiep nhan",
            "hinh thuc tiep nhan",
            "hinh thuc nop",
            "kenhthuchien",
        ),
    ),
    Alias("online_flag", ("nop truc tuyen", "ho so truc tuyen", "online")),
    Alias("postal_flag", ("qua buu chinh", "nop qua buu chinh", "viapostal")),
    Alias(
        "received_at",
        (
            "ngay tiep nhan",
            "ngay nhan ho so",
            "ngay nhan",
            "ngaytiepnhan",
            "receivedate",
            "accepteddate",
        ),
    ),
    Alias(
        "due_at",
        ("ngay hen tra", "han giai quyet", "han xu ly", "ngayhentra", "duedate", "appointmentdate"),
    ),
    Alias("extended_at", ("ngay gia han", "han gia han", "extenddate")),
    Alias(
        "finished_at",
        (
            "ngay ket thuc xu ly",
            "ngay hoan thanh",
            "ngay tra ket qua",
            "ngay co ket qua",
            "ngayketthucxuly",
            "releasedate",
            "finishdate",
            "completeddate",
        ),
    ),
    Alias(
        "supplement_requested_at", ("ngay yeu cau bo sung", "ngay yc bo sung", "ngayyeucaubosung")
    ),
    Alias("supplement_given_at", ("ngay cong dan bo sung", "ngay bo sung", "ngaycongdanbosung")),
    Alias(
        "status",
        ("trang thai", "trang thai ho so", "tinh trang", "trangthaihosoid", "dossierstatus"),
    ),
    # --- scores ---------------------------------------------------------------------------------
    Alias("CKMB", ("ckmb", "cong khai minh bach", "chi so cong khai minh bach")),
    Alias("TDGQ", ("tdgq", "tien do giai quyet", "tien do ket qua giai quyet")),
    Alias("CLGQ", ("clgq", "dich vu cong truc tuyen")),
    Alias("TTTT", ("tttt", "thanh toan truc tuyen")),
    Alias("DVTT", ("dvtt", "cung cap dich vu truc tuyen", "cung cap dich vu cong truc tuyen")),
    Alias("MDHL", ("mdhl", "muc do hai long")),
    Alias("MDSH", ("mdsh", "so hoa ho so", "muc do so hoa ho so", "so hoa")),
    Alias(
        "total",
        (
            "tong score",
            "tong diem",
            "totalscore",
            "total score",
            "diem tong",
            "tong",
            "diem",
            "tong so diem",
        ),
    ),
    # --- sub-indicators (the 2026 portal's metrics, or a long table of them) ---------------------
    Alias("metric_code", ("code", "ma chi tieu", "ma chi so", "metric code", "metriccode")),
    Alias("numerator", ("numerator", "tu so")),
    Alias("denominator", ("denominator", "mau so")),
    Alias("ratio", ("ratio", "ty le")),
    Alias("metric_score", ("score", "diem chi tieu", "diem chi so thanh phan")),
    Alias("metric_max", ("maxscore", "max score", "diem toi da")),
    # --- TTHC publication tracking ---------------------------------------------------------------
    Alias(
        "ministry_decision",
        (
            "quyet dinh cong bo cua bo nganh",
            "so ky hieu quyet dinh cong bo cua bo nganh",
            "so ky hieu quyet dinh cua bo nganh",
            "quyet dinh cua bo nganh",
            "so hieu quyet dinh cua bo nganh",
            "quyet dinh cong bo cua bo",
        ),
    ),
    Alias(
        "ministry_date",
        (
            "ngay ban hanh",
            "ngay ban hanh quyet dinh cua bo nganh",
            "ngay quyet dinh cua bo nganh",
            "ngay quyet dinh cua bo",
        ),
    ),
    Alias("effective_date", ("ngay co hieu luc", "ngay hieu luc", "hieu luc tu ngay")),
    Alias("summary", ("trich yeu", "trich yeu noi dung", "noi dung")),
    Alias("issuer", ("co quan ban hanh", "bo nganh ban hanh", "nguoi ky ban hanh")),
    Alias("preparing_unit", ("don vi tham muu trinh", "don vi tham muu", "co quan tham muu")),
    Alias("submission", ("so to trinh", "to trinh", "so ky hieu to trinh")),
    Alias("submission_date", ("ngay to trinh", "ngay trinh")),
    Alias(
        "province_decision",
        (
            "so quyet dinh cong bo cua tinh",
            "quyet dinh cong bo cua ubnd tinh",
            "so quyet dinh cua tinh",
            "quyet dinh cua ubnd tinh",
            "quyet dinh cong bo cua tinh",
        ),
    ),
    Alias(
        "province_decision_date",
        ("ngay quyet dinh cua tinh", "ngay cong bo cua tinh", "ngay ban hanh quyet dinh cua tinh"),
    ),
    Alias("note", ("ghi chu",)),
)

SCORE_FIELDS = ("CKMB", "TDGQ", "CLGQ", "TTTT", "DVTT", "MDHL", "MDSH", "total")
METRIC_FIELDS = ("numerator", "denominator", "ratio", "metric_score", "metric_max")
NUMERIC_FIELDS = frozenset(SCORE_FIELDS + COUNT_FIELDS + METRIC_FIELDS)

KNOWN_LABELS = frozenset(
    {label for a in ALIASES for label in a.labels}
    | {p for a in ALIASES for p in a.parents}
    | {f"{p} {label}" for a in ALIASES for p in a.parents for label in a.labels}
)


def is_known_label(text: str) -> bool:
    """Whether a header cell's text (already folded) is any label or parent we know."""
    return text in KNOWN_LABELS


def match(path: list[str]) -> str | None:
    """The field a header path (folded labels, top to bottom) means, or None."""
    if not path:
        return None
    leaf, ancestors = path[-1], path[:-1]
    for alias in ALIASES:
        if alias.parents:
            if leaf in alias.labels and any(a in alias.parents for a in ancestors):
                return alias.field
            # a single header cell holding "parent + leaf" ("Đã giải quyết đúng hạn")
            if any(leaf == f"{p} {label}" for p in alias.parents for label in alias.labels):
                return alias.field
        elif leaf in alias.labels:
            return alias.field
    return None


def header_path(labels: list[object]) -> list[str]:
    """Folded, de-duplicated labels of one column's header cells, fillers left out."""
    out: list[str] = []
    for label in labels:
        folded = fold(label)
        if folded and folded not in FILLERS and (not out or out[-1] != folded):
            out.append(folded)
    return out
