"""Shared helpers of the extractors: evidence, spans, lexicon matching on ``norm``.

Every extractor works on :attr:`Sentence.norm` and maps its match back to the
original text with :meth:`Sentence.to_original`, so evidence always cites the
exact original characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TypeVar

from pgkg.ontology.lexicon import Lexicon, PlatformEntry

from .article import CleanArticle, Sentence
from .facts import Evidence
from .normalize import fold_text, to_simplified

HAN = r"\u4e00-\u9fff"


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in one sentence's ``norm``: ``[start, end)`` and what matched."""

    sentence: Sentence
    start: int
    end: int
    text: str
    key: str


MARKET_RE = re.compile(r"股价|市值|收盘|开盘|股票|港股|美股|A股|恒生指数|恒指|纳指|道指|标普|沪指|深成指|创业板指|上证指数|深证成指|两市成交额")
"""A share price or an index (京东股价当日上涨3.5%, 截至今日收盘，沪指涨0.45%): market data, not governance; in a
figure's clause (:mod:`pgkg.ingest.extract_observations`) or in a paragraph (:mod:`pgkg.ingest.clean`)."""

def as_written(sentence: Sentence, value: str) -> str:
    """``value``, found in the sentence's matching form, as the page writes it (黃立強 for 黄立强, 先鉴别，后发货
    for 先鉴别,后发货): where the two differ only by traditional characters and full-width forms; else ``value``."""
    if not value or sentence.text == sentence.norm or (at := sentence.norm.find(value)) < 0:
        return value
    start, end = sentence.to_original(at, at + len(value))
    original = sentence.text[start - sentence.start:end - sentence.start]
    folded = to_simplified(fold_text(original))
    return original if len(original) == len(value) and folded == value else value


def evidence(article: str, sentence: Sentence, start: int, end: int, rule: str) -> Evidence:
    """Evidence for ``norm[start:end]`` of ``sentence``, offsets mapped to the original."""
    ostart, oend = sentence.to_original(start, end)
    return Evidence(
        article=article,
        sentence=sentence.text,
        sentence_start=sentence.start,
        start=ostart,
        end=oend,
        rule=rule,
    )


def title_sentence(clean: CleanArticle) -> Sentence | None:
    """The title as a pseudo-sentence (index -1) when it occurs verbatim in the original."""
    title = (clean.meta.title or "").strip()
    if not title:
        return None
    pos = clean.original.find(title)
    if pos < 0:
        return None
    return Sentence(
        index=-1,
        start=pos,
        end=pos + len(title),
        text=title,
        norm=title,
        norm_offsets=tuple(range(pos, pos + len(title))),
    )


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_MEMO: dict[tuple[int, str], tuple[Lexicon, Any]] = {}
T = TypeVar("T")


def lexicon_memo(lexicon: Lexicon, name: str, build: Callable[[Lexicon], T]) -> T:
    """``build(lexicon)`` computed once per lexicon object (lexicons are unhashable)."""
    cached = _MEMO.get((id(lexicon), name))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    value = build(lexicon)
    _MEMO[(id(lexicon), name)] = (lexicon, value)
    return value


def term_alternation(forms: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One regex alternation of ``forms``, longest first so the longest form wins."""
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)), flags)


def _build_platform_pattern(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for entry in lexicon.platforms.values():
        for name in entry.names:
            forms.setdefault(name.casefold(), entry.key)
    return term_alternation(forms, re.IGNORECASE), forms


def platform_pattern(lexicon: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """Alternation of every platform surface form and casefolded form -> key."""
    return lexicon_memo(lexicon, "platforms", _build_platform_pattern)


def _blocked(text: str, start: int, end: int, entry: PlatformEntry) -> bool:
    """The hit ``[start, end)`` lies inside one of the entry's blockers, itself not inside an unblocker."""
    for blocker in entry.blockers:
        for m in re.finditer(re.escape(blocker), text):
            if m.start() <= start and end <= m.end() and not _inside(text, m.start(), m.end(), entry.unblockers):
                return True
    return False


def _inside(text: str, start: int, end: int, forms: tuple[str, ...]) -> bool:
    return any(u.start() <= start and end <= u.end() for form in forms for u in re.finditer(re.escape(form), text))


def platform_hits(sentence: Sentence, lexicon: Lexicon) -> list[Hit]:
    """Platform names in ``sentence.norm``: longest form wins, English and digits on word boundaries."""
    return [Hit(sentence, s, e, text, key) for s, e, text, key in _norm_platform_hits(sentence.norm, lexicon)]


def text_platform_hits(norm: str, lexicon: Lexicon) -> tuple[tuple[int, int, str, str], ...]:
    """Platform names in a normalised text (:func:`pgkg.ingest.normalize.normalize`) as
    ``(start, end, surface form, key)``, by the rules of :func:`platform_hits`."""
    return _norm_platform_hits(norm, lexicon)


_HIT_CACHE: dict[tuple[str, int], tuple[tuple[int, int, str, str], ...]] = {}
_HIT_CACHE_MAX = 4096


def _norm_platform_hits(text: str, lexicon: Lexicon) -> tuple[tuple[int, int, str, str], ...]:
    """Memoised matching of one normalised text (sentences are queried many times)."""
    cache_key = (text, id(lexicon))
    cached = _HIT_CACHE.get(cache_key)
    if cached is not None:
        return cached
    pattern, forms = platform_pattern(lexicon)
    hits: list[tuple[int, int, str, str]] = []
    for m in pattern.finditer(text):
        key = forms[m.group(0).casefold()]
        s, e = m.span()
        first, last = m.group(0)[0], m.group(0)[-1]
        if _is_ascii_word(first) and s > 0 and _is_ascii_word(text[s - 1]):
            continue
        if _is_ascii_word(last) and e < len(text) and _is_ascii_word(text[e]):
            continue
        if _blocked(text, s, e, lexicon.platforms[key]):
            continue
        hits.append((s, e, m.group(0), key))
    if len(_HIT_CACHE) >= _HIT_CACHE_MAX:
        _HIT_CACHE.clear()
    _HIT_CACHE[cache_key] = result = tuple(hits)
    return result


def resolve_platform(key: str, subjects: tuple[str, ...], lexicon: Lexicon) -> str:
    """Map a platform named in a sentence onto the article's subject platform when they are
    parent and child (抖音 in an article about 抖音电商 means 抖音电商)."""
    if key in subjects:
        return key
    for subject in subjects:
        if lexicon.platforms[subject].parent == key or lexicon.platforms[key].parent == subject:
            return subject
    return key


def last_named(hits: list[Hit]) -> Hit:
    """The last platform named in ``hits`` (in text order); names written together (淘宝天猫)
    are one name, which stands for the first of them."""
    i = len(hits) - 1
    while i > 0 and hits[i - 1].end == hits[i].start:
        i -= 1
    return hits[i]


def sentence_platform(
    sentence: Sentence, pos: int, lexicon: Lexicon, subjects: tuple[str, ...], clause_end: int | None = None
) -> str | None:
    """Platform a figure or measure at ``pos`` belongs to: the nearest platform named
    before it in the sentence, else the first one named after it up to ``clause_end`` (the end
    of its clause: 超过300个品牌在天猫成交破亿), else the article's first subject platform.
    Names written together (淘宝天猫) are one name: the figure belongs to the first of them,
    wherever it stands."""
    hits = platform_hits(sentence, lexicon)
    before = [h for h in hits if h.end <= pos]
    if before:
        return resolve_platform(last_named(before).key, subjects, lexicon)
    after = [h for h in hits if h.start >= pos and clause_end is not None and h.end <= clause_end]
    if after:
        return resolve_platform(after[0].key, subjects, lexicon)
    return subjects[0] if subjects else None


SENTENCE_END_RE = re.compile(r"[。！？!?；;，,…”』」）)】\]]\s*$")


def is_headline(sentence: Sentence, lexicon: Lexicon) -> bool:
    """A line without sentence punctuation that names no platform (a related-reading or
    section headline): it reports nobody's governance, so it yields no measure or figure."""
    return not SENTENCE_END_RE.search(sentence.norm) and not platform_hits(sentence, lexicon)


KEY_PUNCT_RE = re.compile(r"[\s\"'“”‘’《》「」『』〈〉()（）\-—·・,，、:：;；.。!！?？]")


def normalize_key(name: str) -> str:
    """Resolution key of a name: punctuation, quotes, title marks and spaces removed, lower case."""
    return KEY_PUNCT_RE.sub("", name).casefold()
