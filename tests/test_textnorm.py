from __future__ import annotations

import unicodedata

import pytest

from chiso766.ingest import legacy
from chiso766.textnorm import clean_text, exact_key, fold


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Hoà Bình", "Hòa Bình"),
        ("Thuỷ", "Thủy"),
        ("khoẻ", "khỏe"),
        ("hoàng", "hoàng"),  # closed syllable: already modern
        ("quý", "quý"),  # "qu": the same in both styles
        (unicodedata.normalize("NFD", "Tân Lợi"), "Tân Lợi"),
        ("Ðồng Phú", "Đồng Phú"),  # look-alike Ð (U+00D0)
        ("Sở\u00a0 GD&ĐT ", "Sở GD&ĐT"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        (None, ""),
    ],
)
def test_clean_text(raw, clean):
    out = clean_text(raw)
    assert out == clean
    assert unicodedata.is_normalized("NFC", out)


def test_fold_ignores_case_diacritics_and_notes():
    assert fold("Đúng hạn (bao gồm cả hồ sơ chờ bổ sung và trả lại/xin rút)") == "dung han"
    assert fold("ĐÚNG  HẠN") == "dung han"
    assert fold("Lĩnh vực/Đơn vị") == fold("Lĩnh vực / Đơn vị")


def test_exact_key_keeps_tones_apart():
    assert exact_key("Lộc Thành") != exact_key("Lộc Thạnh")
    assert fold("Lộc Thành") == fold("Lộc Thạnh")


@pytest.mark.parametrize(
    "text",
    ["Tài nguyên và Môi trường", "UBND huyện Đồng Phú", "Bù Gia Mập", "Sở Giáo dục và Đào tạo"],
)
def test_tcvn3_round_trip(text):
    encoded = legacy.to_tcvn3(text)
    assert encoded != text
    assert legacy.detect(encoded) == "TCVN3"
    assert legacy.convert(encoded, "TCVN3") == text


def test_tcvn3_column_gives_away_words_that_look_like_unicode():
    column = [legacy.to_tcvn3(t) for t in ("Lộc Ninh", "Bù Gia Mập", "Đồng Phú", "Hớn Quản")]
    assert legacy.detect(column[0]) is None  # "Léc Ninh" alone could be Unicode
    assert legacy.detect_column(column) == "TCVN3"
    assert legacy.convert(column[0], "TCVN3") == "Lộc Ninh"
    assert legacy.detect_column(["Lộc Ninh", "Bù Gia Mập", "Léc"]) is None


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Vieät Nam", "Việt Nam"),
        ("Thaønh phoá Ñoàng Xoaøi", "Thành phố Đồng Xoài"),
        ("Sôû Giaùo duïc vaø Ñaøo taïo", "Sở Giáo dục và Đào tạo"),
        ("Tröôøng", "Trường"),
    ],
)
def test_vni_detected_and_converted(vni, unicode):
    assert legacy.detect(vni) == "VNI"
    assert legacy.convert(vni, "VNI") == unicode


@pytest.mark.parametrize("text", ["Hoà Bình", "Bù Đốp", "Tổng cộng", "ABC 123", "Đúng hạn"])
def test_unicode_text_is_not_taken_for_legacy(text):
    assert legacy.detect(text) is None
