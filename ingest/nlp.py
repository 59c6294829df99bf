"""spaCy/jieba set-up: a blank Chinese pipeline segmenting with jieba.

The extractor matches most things cheaply on characters; the segmenter is used
only where word boundaries decide (is 媒体 a word here, or part of 自媒体?).
Lexicon terms are added to jieba so gazetteer entries are never cut apart.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

import jieba

from pgkg.ontology.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.language import Language

jieba.setLogLevel(logging.WARNING)

EXTRA_WORDS: tuple[str, ...] = ("自媒体", "融媒体", "新媒体", "全媒体", "社交媒体")
"""Compounds that contain a stakeholder term but are no stakeholder (媒体 in 自媒体, 社交媒体平台)."""


def lexicon_words(lexicon: Lexicon) -> tuple[str, ...]:
    """Every surface term of the lexicon that should stay one token."""
    words: dict[str, None] = {}
    for platform in lexicon.platforms.values():
        for name in platform.names:
            words.setdefault(name, None)
    for org in lexicon.organizations.values():
        for name in (org.zh, *org.aliases):
            words.setdefault(name, None)
    for entry in (*lexicon.stakeholders.values(), *lexicon.areas.values()):
        for term in (entry.zh, *entry.terms):
            if len(term) > 1:
                words.setdefault(term, None)
    for word in EXTRA_WORDS:
        words.setdefault(word, None)
    return tuple(words)


@lru_cache(maxsize=1)
def prepare_jieba() -> None:
    """Teach jieba every lexicon term once, so gazetteer entries are never cut apart."""
    for word in lexicon_words(load_lexicon()):
        if not any(ch.isspace() for ch in word):
            jieba.add_word(word, freq=200_000)


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The shared blank ``zh`` pipeline segmenting with jieba (lexicon-aware), cached.

    spaCy is imported here, not with the module: the extractor segments with
    :func:`is_word_aligned` on the same jieba dictionary and never needs a
    ``Doc``, so a build does not pay for importing spaCy (about 0.4 s).
    """
    import spacy  # noqa: PLC0415

    prepare_jieba()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def may_straddle(text: str, lo: int, hi: int, at: int) -> bool:
    """Whether segmenting ``text[lo:hi]`` as :func:`is_word_aligned` does may put no token boundary at ``at``.

    ``False`` when no word of jieba's dictionary in the window spans ``at``:
    every token is then a dictionary word or a single char, so ``at`` is a
    boundary whatever the segmentation chooses. Single ASCII letters and digits
    glued into one token, and ``\\r\\n`` (one token), also span a position.
    """
    if at <= lo or at >= hi:
        return False
    pair = text[at - 1 : at + 1]
    if (pair.isascii() and pair.isalnum()) or pair == "\r\n":
        return True
    freq = jieba.dt.FREQ  # words, and every prefix of a word (frequency 0 unless a word itself)
    for a in range(lo, at):
        b = at + 1
        while b <= hi and (frequency := freq.get(text[a:b])) is not None:
            if frequency:
                return True
            b += 1
    return False


def is_word_aligned(text: str, start: int, end: int, window: int = 6, *, rare_below: int = 0) -> bool:
    """Whether ``text[start:end]`` starts and ends on token boundaries; with ``rare_below``, also when the
    tokens that cut it are all dictionary words rarer than that and the span itself is not (jieba keeps a
    rare compound such as 满足用户 whole or not depending on its dictionary's total).

    Only a small window around the span is segmented, with the same
    lexicon-aware jieba dictionary as the pipeline (dictionary words only, no
    HMM guessing, no Doc built), which keeps this cheap; and only when a
    dictionary word of the window spans an end of the span (see
    :func:`may_straddle`), else both ends are boundaries of any segmentation.
    """
    prepare_jieba()
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    if not may_straddle(text, lo, hi, start) and not may_straddle(text, lo, hi, end):
        return True
    tokens = list(jieba.tokenize(text[lo:hi], HMM=False))
    starts = {s + lo for _, s, _ in tokens}
    ends = {e + lo for _, _, e in tokens}
    if start in starts and end in ends:
        return True
    if rare_below <= 0:
        return False
    # the span is cut only by rare compounds of the dictionary (满足用户, frequency 6, around 用户)
    freq = jieba.dt.FREQ
    covering = [word for word, s, e in tokens if s + lo < end and e + lo > start]
    return all(freq.get(word, 0) < rare_below for word in covering) and freq.get(text[start:end], 0) >= rare_below
