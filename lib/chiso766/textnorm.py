"""Text normalisation: every string that enters the tool passes through `clean_text`.

`clean_text` gives the text a person should see (NFC, one space, modern tone placement, the real
"Đ"); `fold` gives a matching key that ignores case, diacritics, punctuation and notes in
parentheses, so "Đúng hạn (bao gồm cả hồ sơ chờ bổ sung)" and "ĐÚNG HẠN" compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00d0": "Đ"})
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below

# Old-style tone placement on open syllables: "oà", "oé", "uỷ" -> "òa", "óe", "ủy".
# Only at the end of a word (a closed syllable such as "hoàng" is already modern), and never after
# "q" ("quý" is the same in both styles). Works on NFD text, where the tone follows its vowel.
_OLD_TONE = re.compile(r"(?<![qQ])([oO][aAeE]|[uU][yY])([" + _TONES + r"])(?![^\W\d_])")


def _modern_tones(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    moved = _OLD_TONE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], nfd)
    return unicodedata.normalize("NFC", moved)


# Control characters (C0 but tab and line breaks, DEL, C1): no export means them, a docx cannot
# hold them and a terminal obeys them (ESC starts a colour or cursor sequence).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """The text with its control characters removed (what any written document may hold)."""
    return _CONTROL.sub("", text)


def for_terminal(text: str) -> str:
    """The text with its control characters shown escaped ("\\x1b"), for printing: a cell or
    a file name cannot recolour or rewrite the console."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def clean_text(value: object) -> str:
    """NFC, single spaces, ASCII hyphens, real "Đ", modern tone placement, no control
    characters; "" for None."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if _CONTROL.search(text):
        text = without_controls(text)
    if text.isascii():
        return " ".join(text.split()) if _SPACES.search(text.strip()) else text.strip()
    return _clean_unicode(text)


@lru_cache(maxsize=1 << 16)
def _clean_unicode(text: str) -> str:
    """The work for non-ASCII text, remembered: exports repeat the same names many times."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    text = _SPACES.sub(" ", text).strip()
    if any(ch in _TONES for ch in unicodedata.normalize("NFD", text)):
        text = _modern_tones(text)
    return text


def is_nfd(value: object) -> bool:
    """True when a string is not in NFC (decomposed Vietnamese)."""
    return isinstance(value, str) and not unicodedata.is_normalized("NFC", value)


_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^a-z0-9&%/ ]+")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(value: object, *, keep_parens: bool = False) -> str:
    """Matching key: lowercase, no diacritics, no notes in parentheses, single spaces."""
    if value is None:
        return ""
    return _fold(value if isinstance(value, str) else str(value), keep_parens)


@lru_cache(maxsize=1 << 16)
def _fold(value: str, keep_parens: bool) -> str:
    text = clean_text(value)
    if not keep_parens:
        text = _PARENS.sub(" ", text)
    text = strip_diacritics(text).lower()
    text = text.replace("-", " ").replace(".", " ").replace(",", " ").replace("/", " / ")
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def exact_key(value: object) -> str:
    """Matching key that keeps diacritics (so "Lộc Thành" and "Lộc Thạnh" stay apart)."""
    text = clean_text(value).lower()
    text = _NON_WORD_KEEP.sub(" ", text.replace("-", " "))
    return " ".join(text.split())


_NON_WORD_KEEP = re.compile(r"[^\w&% ]+")
