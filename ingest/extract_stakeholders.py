"""Stakeholders: SKOS role keys from the lexicon's [stakeholder.*] cue terms.

A hit counts only when it is a word of its own (jieba segmentation of a small
window: 媒体 inside 自媒体 is no media mention; nor is a 媒体沟通会). Weak mentions are skipped:
a term inside a measure name (用户 in 用户之声) or used as a person's title
(教授 in …学院教授张钦昱).
"""

from __future__ import annotations

import re

from pgkg.ontology.lexicon import Lexicon

from .article import Sentence
from .extract_text import Hit, lexicon_memo, term_alternation
from .nlp import is_word_aligned

WORD_CHECK_MAX = 2
"""Only short terms (媒体, 用户) can hide inside longer words (自媒体); longer ones are not segmented."""

WINDOW = 4
"""Characters segmented on each side of a short term: enough for the words around it."""

RARE_COMPOUND = 100
"""A term cut only by dictionary words rarer than this (满足用户) is a word of its own: such compounds are
kept whole or split by jieba as its dictionary grows, not by what the text says."""

MEDIA_EVENT_RE = re.compile(r"沟通会|见面会|通气会|吹风会|交流会|开放日|溝通會|見面會|采访|採訪|专访|專訪")
"""After 媒体, a briefing it is invited to (在媒体沟通会上说) or its interview of someone (接受媒体采访时说): the
platform's event or the article's source, not the media as a party."""


def _build_stakeholder_pattern(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    terms: dict[str, str] = {}
    for entry in lexicon.stakeholders.values():
        for term in (entry.zh, *entry.terms):
            terms.setdefault(term, entry.key)
    return term_alternation(terms), terms


def stakeholder_pattern(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """Alternation of every stakeholder term and term -> key."""
    return lexicon_memo(lexicon, "stakeholders", _build_stakeholder_pattern)


def stakeholder_hits(
    sentence: Sentence, lexicon: Lexicon, excluded: tuple[tuple[int, int], ...] = ()
) -> list[Hit]:
    """Stakeholder terms of a sentence that are words of their own and not inside ``excluded`` spans."""
    pattern, terms = stakeholder_pattern(lexicon)
    text = sentence.norm
    hits: list[Hit] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        if any(xs <= s and e <= xe for xs, xe in excluded):
            continue
        if e - s <= WORD_CHECK_MAX and not is_word_aligned(text, s, e, window=WINDOW, rare_below=RARE_COMPOUND):
            continue
        if terms[m.group(0)] == "media" and MEDIA_EVENT_RE.match(text, e):
            continue
        hits.append(Hit(sentence, s, e, m.group(0), terms[m.group(0)]))
    return hits


def sentence_targets(hits: list[Hit]) -> tuple[str, ...]:
    """Distinct stakeholder keys of a sentence, in order of appearance."""
    return tuple(dict.fromkeys(h.key for h in hits))
