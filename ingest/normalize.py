"""Matching form of Chinese text, aligned char by char with the original.

:func:`normalize` never changes the original: it returns a folded copy
(full-width forms to ASCII, traditional to simplified Chinese, inline pinyin
annotations removed) and, for each char of the copy, the offset of the char it
came from, so a match in the copy maps back to the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["normalize", "fold_width", "fold_text", "to_simplified", "is_han", "has_traditional"]

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])"  # right after a Han char
    r"[(\uff08]"  # ( or （
    rf"(?=[a-zü{_TONE_VOWELS}]*[{_TONE_VOWELS}])"  # at least one tone mark
    rf"[a-zü{_TONE_VOWELS}]{{1,8}}"
    r"(?:\s[a-zü" + _TONE_VOWELS + r"]{1,8}){0,3}"
    r"[)\uff09]",
    re.IGNORECASE,
)


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (basic block or extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def fold_width(ch: str) -> str:
    """Fold one full-width char (！ to ～, ideographic space) to ASCII; else unchanged."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000 or ch == "\u00a0":
        return " "
    if 0xFF61 <= code <= 0xFFEF:  # half-width katakana etc.
        return unicodedata.normalize("NFKC", ch)[:1] or ch
    return ch


@lru_cache(maxsize=1)
def _converter():  # pragma: no cover - trivial
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    """Chars that t2s changes on their own (OpenCC's TSCharacters); phrases need one of them."""
    import opencc

    base = Path(opencc.__file__).parent / "dictionary"
    chars: set[str] = set()
    path = base / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values and values.split(" ")[0] != key:
            chars.add(key)
    return frozenset(chars)


@lru_cache(maxsize=1)
def _traditional_table() -> np.ndarray:
    """``True`` at the code point of each char of :func:`_traditional_chars`."""
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(ch) for ch in _traditional_chars()]] = True
    return table


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a char that t2s changes; one vectorised pass (for a whole page)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return bool(_traditional_table()[codes].any())


def to_simplified(text: str) -> str:
    """Traditional to simplified, guaranteed to keep the length of ``text``.

    Phrase-level conversion is used when it keeps the length; otherwise each
    char is converted on its own (a char that would expand is left as is).
    """
    trad = _traditional_chars()
    if trad.isdisjoint(text):
        return text
    conv = _converter().convert(text)
    if len(conv) == len(text):
        return conv
    out = []
    for ch in text:
        c = _converter().convert(ch) if ch in trad else ch
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def _simplify_runs(chars: list[str]) -> list[str]:
    """Apply :func:`to_simplified` to runs of Han chars, keeping alignment."""
    out = list(chars)
    i = 0
    n = len(chars)
    trad = _traditional_chars()
    while i < n:
        if chars[i] in trad:
            j = i
            while j > 0 and is_han(chars[j - 1]):
                j -= 1
            k = i + 1  # the traditional char itself, even outside is_han's blocks (CJK Ext. B)
            while k < n and is_han(chars[k]):
                k += 1
            run = "".join(chars[j:k])
            out[j:k] = list(to_simplified(run))
            i = k
        else:
            i += 1
    return out


_HALF_WIDTH = re.compile("[\uff61-\uffef]")
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}


_WIDE = re.compile("([\uff01-\uff5e\u3000\u00a0])")
_WIDE_FOLD = {chr(code): chr(to) for code, to in _WIDTH_TABLE.items()}


def fold_text(text: str) -> str:
    """:func:`fold_width` over a whole string (same length).

    Only the (few) full-width chars are looked up: much faster than
    ``str.translate``, which maps every char through the table.
    """
    parts = _WIDE.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = map(_WIDE_FOLD.__getitem__, parts[1::2])
    return "".join(parts)


def normalize(text: str, *, traditional: bool = True) -> tuple[str, tuple[int, ...]]:
    """Return the matching form of ``text`` and the original offset of each of its chars.

    Full-width forms are folded (，→, ：→: ％→%), inline pinyin after a Han
    char (``達(dá)人`` → ``达人``) and zero-width spaces are removed, traditional chars become
    simplified. The offsets are strictly increasing and index into ``text``.
    ``traditional=False`` tells that ``text`` holds no traditional char (see
    :func:`has_traditional`, checked once for a whole page) and skips that step.
    """
    if not text:
        return "", ()
    folded = fold_text(text)
    if _HALF_WIDTH.search(folded):
        folded = "".join(fold_width(ch) for ch in folded)
    spans = [(m.start(), m.end()) for m in _PINYIN.finditer(folded)] if "(" in folded else []
    if "\u200b" in folded:  # zero-width spaces (a page's own, or a hard-wrapped line's break: pgkg.ingest.clean)
        spans += [(m.start(), m.end()) for m in re.finditer("\u200b", folded)]
    if spans:
        keep = [True] * len(text)
        for s, e in spans:
            keep[s:e] = [False] * (e - s)
        offsets = tuple(i for i, k in enumerate(keep) if k)
        folded = "".join(folded[i] for i in offsets)
    else:
        offsets = tuple(range(len(text)))
    if traditional and not _traditional_chars().isdisjoint(folded):
        folded = "".join(_simplify_runs(list(folded)))
    return folded, offsets
