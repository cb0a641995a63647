from __future__ import annotations

from datetime import date

import pytest

from chiso766.config import Project
from conftest import REPO

JUNE = date(2024, 6, 30)


@pytest.fixture(scope="module")
def units():
    return Project(REPO).units


@pytest.fixture(scope="module")
def provinces():
    return Project(REPO).provinces


@pytest.mark.parametrize(
    ("raw", "unit_id"),
    [
        ("Sở GD&ĐT", "BP-S14"),
        ("Sở Giáo dục và Đào tạo - tỉnh Bình Phước", "BP-S14"),
        ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "BP-S09"),
        ("Sở Lao động - Thương binh và Xã hội", "BP-S11"),
        ("UBND huyện Đồng Phú", "BP-H05"),
        ("UBND TP. Đồng Xoài", "BP-H01"),
        ("Chi nhánh VP ĐKĐĐ huyện Đồng Phú", "BP-DK05"),
        ("UBND xã Tân Lợi - huyện Hớn Quản - tỉnh Bình Phước", "BP-X080"),
        ("UBND xã Tân Lợi (Đồng Phú)", "BP-X037"),
        ("UBND Xã Phước Tân", "BP-X093"),
        ("UBND xã Phú Riềng", "BP-X091"),
        ("UBND huyện Phú Riềng", "BP-H10"),
    ],
)
def test_unit_names_as_exports_spell_them(units, raw, unit_id):
    assert units.match(raw, on=JUNE).unit_id == unit_id


def test_same_name_in_two_districts_is_ambiguous_without_its_district(units):
    match = units.match("UBND xã Tân Lợi", on=JUNE)
    assert match.unit_id is None
    assert set(match.candidates) == {"BP-X037", "BP-X080"}


def test_unknown_unit_gets_nearest_names(units):
    assert units.match("UBND xã Tân Lọi Mới", on=JUNE).unit_id is None
    nearest = units.nearest("UBND xã Tân Lợii", on=JUNE)
    assert "UBND xã Tân Lợi" in nearest


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Bình Phước", "H10"),
        ("Tỉnh Hoà Bình", "H30"),
        ("TP. Hồ Chí Minh", "H29"),
        ("Thừa Thiên - Huế", "H57"),
        ("UBND tỉnh Bà Rịa\u00a0- Vũng Tàu", "H06"),
    ],
)
def test_province_names_before_the_merger(provinces, raw, code):
    match = provinces.match(raw, on=JUNE)
    assert provinces.get(match.unit_id)["code"] == code


def test_registries_are_dated(provinces, units):
    assert len(provinces.valid_on(JUNE)) == 63
    assert len(provinces.valid_on(date(2025, 7, 31))) == 34
    # a reused code maps to different provinces on either side of 1/7/2025
    before = provinces.match("Đồng Nai", on=JUNE).unit_id
    after = provinces.match("Đồng Nai", on=date(2025, 7, 31)).unit_id
    assert before != after and provinces.get(before)["successor_id"] == after
    after_merger = units.valid_on(date(2025, 7, 31))
    assert all(u.startswith("DN-") for u in after_merger) and len(after_merger) == 15 + 95
    assert not any(units.get(u)["level"] == "district" for u in after_merger)
