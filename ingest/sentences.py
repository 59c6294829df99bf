"""Splitting kept body text into sentences with offsets into the original."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .article import Sentence
from .normalize import normalize

__all__ = ["sentence_bounds", "split_sentences", "make_sentence", "LIST_ITEM_MARK_RE"]

LIST_ITEM_MARK_RE = re.compile(r"^\s*(?:[-•·*●◆■▪►]|\d{1,2}[.、．)）]|[(（]\d{1,2}[)）]|[一二三四五六七八九十][、.．])\s*")
"""The mark that begins a list item: a bullet, 1., (1) or 一、."""

_ALNUM = re.compile(r"[^\W_]")
TERMINATORS = frozenset("。！？；!?;…")
CLOSERS = frozenset("”’」』）)】》\"'")
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』"}
_SPACE = " \t\n\r\u3000\u00a0"
_CLOSING = frozenset(OPEN_QUOTES.values())


def _has_content(text: str) -> bool:
    return _ALNUM.search(text) is not None


_MARKS = re.compile("[" + re.escape("".join(TERMINATORS) + "".join(OPEN_QUOTES) + "".join(OPEN_QUOTES.values())) + "]")


def _bounds(text: str, *, respect_quotes: bool) -> list[tuple[int, int]]:
    """Sentence bounds inside one line (no newlines in ``text``)."""
    out: list[tuple[int, int]] = []
    start = 0
    depth = 0
    n = len(text)
    closing = _CLOSING
    skip_to = 0
    for m in _MARKS.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch in OPEN_QUOTES:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        else:
            j = i + 1
            while j < n and (text[j] in TERMINATORS or text[j] in CLOSERS):
                if text[j] in closing:
                    depth = max(0, depth - 1)
                j += 1
            if depth == 0 or not respect_quotes:
                out.append((start, j))
                start = j
                depth = 0
            skip_to = j
    out.append((start, n))
    return out


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text`` (whitespace trimmed, empty ones dropped).

    Splits after 。！？；!?… (with any closing quotes/brackets that follow) and
    at line ends; a terminator inside “…” does not split unless the quote is
    never closed in that line.
    """
    result: list[tuple[int, int]] = []
    for ls, le in _line_bounds(text) if "\n" in text else ((0, len(text)),):
        line = text[ls:le]
        opens = line.count("“") + line.count("「") + line.count("『")
        closes = line.count("”") + line.count("」") + line.count("』")
        for s, e in _bounds(line, respect_quotes=opens == closes):
            part = line[s:e]
            stripped = part.lstrip(_SPACE)
            s += len(part) - len(stripped)
            stripped = stripped.rstrip(_SPACE)
            if stripped and _has_content(stripped):
                result.append((ls + s, ls + s + len(stripped)))
    return result


def _line_bounds(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def make_sentence(
    original: str, index: int, start: int, end: int, *, traditional: bool = True, written: str | None = None
) -> Sentence:
    """A :class:`Sentence` for ``original[start:end]`` with its normalised form.

    ``traditional=False``: ``original`` holds no traditional char (see :func:`normalize`). ``written``: the page as
    written, when ``original`` is a working copy of the same length (hard-wrapped lines joined by zero-width spaces:
    :func:`pgkg.ingest.clean.join_hard_wraps`); the sentence's text is its slice, its normal form the copy's.
    """
    text = original[start:end] if written is None else written[start:end]
    norm, offs = normalize(original[start:end], traditional=traditional)
    # as many offsets as chars: every char kept, the offsets are start, start + 1, …
    shifted = tuple(range(start, end)) if len(offs) == len(text) else tuple(map(start.__add__, offs))
    return Sentence(index=index, start=start, end=end, text=text, norm=norm, norm_offsets=shifted)


def split_sentences(original: str, spans: Iterable[tuple[int, int]]) -> tuple[Sentence, ...]:
    """Sentences of the kept ``spans`` of ``original``, numbered from 0, in text order."""
    out: list[Sentence] = []
    for s, e in sorted(spans):
        for bs, be in sentence_bounds(original[s:e]):
            out.append(make_sentence(original, len(out), s + bs, s + be))
    return tuple(out)
