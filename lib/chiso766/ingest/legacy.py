"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) found in old workbooks.

A cell typed with a .VnTime or VNI-Times font is stored as Latin-1 look-alike characters
("B¸o c¸o" for "Báo cáo", "Vieät Nam" for "Việt Nam"). `detect` tells which encoding a string
looks like, `convert` turns it into Unicode. Detection is deliberately conservative: a string
with any character that only Unicode Vietnamese has (ă, đ, ơ, ư, ạ ... U+0100-U+1EFF) is Unicode.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# TCVN3 (ABC): one byte per letter; capitals with tone marks live in a separate font and are
# not distinguishable here, so only the base capitals Ă Â Đ Ê Ô Ơ Ư are mapped.
_TCVN3_SRC = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3_DST = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
assert len(_TCVN3_SRC) == len(_TCVN3_DST)
_TCVN3_TABLE = str.maketrans(_TCVN3_SRC, _TCVN3_DST)

# Characters that Unicode Vietnamese never uses but the legacy encodings do.
_LATIN1_VIETNAMESE = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_MARKERS = set(_TCVN3_SRC) - _LATIN1_VIETNAMESE
_VNI_MARKERS = set("øûïäåëüæñöîØÛÏÄÅËÜÆÑÖÎ")
_UNICODE_ONLY = re.compile("[\u0100-\u024f\u1ea0-\u1ef9]")

# VNI-Windows: a base letter followed by mark characters.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_TONES_UPPER = {"Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
# circumflex + tone, breve + tone, as single characters after a/e/o (lower and upper case)
_VNI_CIRC = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "Ô": "Ơ",
    "Ö": "Ư",
    "Ñ": "Đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "Í": "Í",
    "Ì": "Ì",
    "Æ": "Ỉ",
    "Ó": "Ĩ",
    "Ò": "Ị",
    "Î": "Ỵ",
}


def _vni_pattern() -> re.Pattern[str]:
    circ = "".join(_VNI_CIRC) + "".join(_VNI_CIRC).upper()
    breve = "".join(_VNI_BREVE) + "".join(_VNI_BREVE).upper()
    tones = "".join(_VNI_TONES) + "".join(_VNI_TONES_UPPER)
    return re.compile(
        rf"([aA])([{breve}])|([aeoAEO])([{circ}])|([ôöÔÖ])([{tones}])?|([aeuyoAEUYO])([{tones}])"
        rf"|([{''.join(_VNI_SINGLE)}])"
    )


_VNI_RE = _vni_pattern()


def _vni_sub(m: re.Match[str]) -> str:
    if m.group(1):  # a + breve (+ tone)
        mark = m.group(2)
        tone = _VNI_BREVE.get(mark.lower(), "")
        return unicodedata.normalize("NFC", m.group(1) + "\u0306" + tone)
    if m.group(3):  # a/e/o + circumflex (+ tone)
        mark = m.group(4)
        tone = _VNI_CIRC.get(mark.lower(), "")
        return unicodedata.normalize("NFC", m.group(3) + "\u0302" + tone)
    if m.group(5):  # horn letters, with an optional tone
        base = _VNI_SINGLE[m.group(5)]
        tone = (_VNI_TONES | _VNI_TONES_UPPER).get(m.group(6) or "", "")
        return unicodedata.normalize("NFC", base + tone)
    if m.group(7):  # plain vowel + tone
        tone = (_VNI_TONES | _VNI_TONES_UPPER)[m.group(8)]
        return unicodedata.normalize("NFC", m.group(7) + tone)
    return _VNI_SINGLE[m.group(9)]


def detect(text: str) -> str | None:
    """Return "TCVN3", "VNI" or None (Unicode or plain ASCII)."""
    if not text or text.isascii() or _UNICODE_ONLY.search(text):
        return None
    chars = set(text)
    vni = bool(chars & _VNI_MARKERS) and bool(
        re.search(r"[aeoAEO][âáàåãäÂÁÀÅÃÄ]|[aA][êéèúüëÊÉÈÚÜË]|[aeuyoôöAEUYOÔÖ][øùûõïØÙÛÕÏ]", text)
    )
    if vni:
        return "VNI"
    if chars & _TCVN3_MARKERS:
        return "TCVN3"
    return None


def detect_column(cells: list[str]) -> str | None:
    """The legacy encoding of a column when most of its non-ASCII cells show that encoding.

    A .VnTime font is applied to whole columns, and some TCVN3 words ("Léc Ninh" for "Lộc Ninh")
    use only letters that Unicode Vietnamese has too; the rest of their column gives them away.
    """
    return detect_counted((c, 1) for c in cells)


def detect_counted(values: Iterable[tuple[str, int]]) -> str | None:
    """`detect_column` over distinct cells, each with how many times the column holds it."""
    total = 0
    found: dict[str | None, int] = {}
    for value, n in values:
        if not value.isascii():
            total += n
            encoding = detect(value)
            found[encoding] = found.get(encoding, 0) + n
    for encoding in ("TCVN3", "VNI"):
        if found.get(encoding, 0) * 2 > total:
            return encoding
    return None


def convert(text: str, encoding: str) -> str | None:
    """Convert `text` from a legacy encoding; None when the result still holds legacy marks."""
    if encoding == "TCVN3":
        out = text.translate(_TCVN3_TABLE)
    elif encoding == "VNI":
        out = _VNI_RE.sub(_vni_sub, text)
    else:
        raise ValueError(encoding)
    leftovers = set(out) & (_VNI_MARKERS | _TCVN3_MARKERS)
    return None if leftovers else out


def to_tcvn3(text: str) -> str:
    """Encode Unicode text as TCVN3 look-alike characters (used to make test fixtures)."""
    reverse = {dst: src for src, dst in zip(_TCVN3_SRC, _TCVN3_DST, strict=True)}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
