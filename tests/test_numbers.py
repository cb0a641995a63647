from __future__ import annotations

import pytest

from chiso766.ingest.numbers import Ambiguous, NumberError, decimal_mark, parse_count, parse_decimal


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.234", 1234),
        ("12.345.678", 12345678),
        ("1 234", 1234),
        ("17", 17),
        (17, 17),
        (17.0, 17),
        ("12,00", 12),
        ("-", None),
        ("", None),
        (None, None),
        ("-3", -3),
    ],
)
def test_counts_read_the_vietnamese_way(raw, value):
    assert parse_count(raw) == value


def test_comma_grouped_count_is_ambiguous_not_guessed():
    got = parse_count("1,234")
    assert isinstance(got, Ambiguous)
    assert got.readings == (1234, 1)


@pytest.mark.parametrize("raw", ["abc", "1,5", "12.5", 3.5, "1.23"])
def test_non_whole_counts_are_errors(raw):
    with pytest.raises(NumberError):
        parse_count(raw)


@pytest.mark.parametrize(
    ("raw", "mark", "value", "percent"),
    [
        ("84,39", ",", 84.39, False),
        ("84.39", ".", 84.39, False),
        ("71,3%", ",", 71.3, True),
        (12.83, ",", 12.83, False),
        ("1.234,5", ",", 1234.5, False),
        ("1.234", ",", 1234.0, False),
        ("1.234", ".", 1.234, False),
        ("", ",", None, False),
    ],
)
def test_decimals_follow_the_columns_mark(raw, mark, value, percent):
    assert parse_decimal(raw, mark) == (value, percent)


def test_decimal_mark_is_decided_by_the_whole_column():
    assert decimal_mark(["84,39", "1.234", 12.0]) == ","
    assert decimal_mark(["84.39", "77.73"]) == "."


@pytest.mark.parametrize("raw", ["8a", "84,39,1", "1,234.5,6"])
def test_bad_decimals_raise(raw):
    with pytest.raises(NumberError):
        parse_decimal(raw, ",")
