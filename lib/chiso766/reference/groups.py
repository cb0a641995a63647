"""The 766 index groups: portal codes, Vietnamese labels and maximum points (total = plain sum)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    short: str
    max_points: float
    notice: str = ""  # how a notice names it: "chỉ số công khai, minh bạch về TTHC"


GROUPS: tuple[Group, ...] = (
    Group(
        "CKMB",
        "Công khai, minh bạch",
        "Công khai, minh bạch",
        18,
        "chỉ số công khai, minh bạch về TTHC",
    ),
    Group(
        "TDGQ",
        "Tiến độ, kết quả giải quyết",
        "Tiến độ giải quyết",
        20,
        "chỉ số tiến độ, kết quả giải quyết hồ sơ",
    ),
    Group(
        "CLGQ",
        "Dịch vụ công trực tuyến",
        "DVC trực tuyến",
        12,
        "chỉ số cung cấp dịch vụ công trực tuyến",
    ),
    Group(
        "TTTT", "Thanh toán trực tuyến", "Thanh toán trực tuyến", 10, "chỉ số thanh toán trực tuyến"
    ),
    Group(
        "MDHL",
        "Mức độ hài lòng",
        "Mức độ hài lòng",
        18,
        "chỉ số mức độ hài lòng của người dân, doanh nghiệp",
    ),
    Group(
        "MDSH", "Số hóa hồ sơ", "Số hóa hồ sơ", 22, "chỉ số số hóa hồ sơ, kết quả giải quyết TTHC"
    ),
)
GROUP_CODES: tuple[str, ...] = tuple(g.code for g in GROUPS)
MAX_POINTS: dict[str, float] = {g.code: g.max_points for g in GROUPS}

# The decision's five-group view joins CLGQ and TTTT as "Cung cấp dịch vụ trực tuyến" (22).
ONLINE_SERVICE = Group(
    "DVTT",
    "Cung cấp dịch vụ trực tuyến",
    "Cung cấp DVC trực tuyến",
    22,
    "chỉ số cung cấp dịch vụ trực tuyến",
)
BY_CODE: dict[str, Group] = {g.code: g for g in (*GROUPS, ONLINE_SERVICE)}
FIVE_GROUP_CODES: tuple[str, ...] = ("CKMB", "TDGQ", "DVTT", "MDHL", "MDSH")
MAX_POINTS[ONLINE_SERVICE.code] = ONLINE_SERVICE.max_points

TOTAL_MAX = 100.0
TOTAL_TOLERANCE = 0.02  # total = sum of groups, within this, as the portal rounds each group
