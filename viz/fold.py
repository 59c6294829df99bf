"""Search folding shared by Python and the page script.

``fold`` (NFKC, traditional to simplified with OpenCC ``t2s``, lower case) is
applied to every node's searchable text at render time. The page folds what
the user types with NFKC, ``toLowerCase`` and :func:`t2s_map`: a small map from
the traditional forms of the characters present in the data to their
simplified form, so 天貓 finds 天猫 without shipping a whole dictionary.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterable

from opencc import OpenCC

_TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")


@lru_cache(maxsize=None)
def _converter(config: str) -> OpenCC:
    return OpenCC(config)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Searchable form of ``text``: NFKC, simplified Chinese, lower case."""
    return _converter("t2s").convert(unicodedata.normalize("NFKC", text)).lower()


def t2s_map(texts: Iterable[str]) -> dict[str, str]:
    """Traditional character -> simplified character, for the characters of ``texts``."""
    chars = sorted({ch for text in texts for ch in text if ord(ch) > 0x2E7F})
    out: dict[str, str] = {}
    for ch in chars:
        for config in _TO_TRADITIONAL:
            trad = _converter(config).convert(ch)
            if len(trad) == 1 and trad != ch and fold(trad) == ch:
                out[trad] = ch
    return dict(sorted(out.items()))
