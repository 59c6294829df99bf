"""Junk inside a line: spam tokens and scrambled fragments.

Two kinds of junk are cut out of otherwise real paragraphs:

* spam tokens: URL-encoded strings, URLs, e-mail addresses, phone/QQ/WeChat
  contacts (by their shape, not by any particular number);
* scrambled fragments: short runs of characters shuffled from nearby text
  and inserted into real sentences (今年截劣件, 置违质商 …). A run is *odd*
  when each of its chars forms no dictionary word with either neighbour
  (jieba's dictionary), i.e. it breaks the grammar of the sentence. An odd
  run that recurs elsewhere in the page (a real odd run — a rare name — is
  not copied around) is junk; it is extended while all its copies share the
  same neighbouring chars. In a line holding such junk, the other odd runs
  are junk too. A clause cut in its middle by junk is dropped whole (its
  two halves are not a sentence).
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .normalize import fold_text, has_traditional, is_han, to_simplified

__all__ = ["Cut", "spam_cuts", "scrambled_cuts", "line_cuts", "dictionary_bigrams"]

Cut = tuple[int, int, str]
"""``(start, end, reason)`` relative to the line."""

_FUNCTION_CHARS = frozenset("的了是在和与也并及等从对把被将就都而又让给向于以其之为着过地得所我你他她它们这那有")
_SPAM = [
    (re.compile(r"[A-Za-z0-9+%._~\-]*(?:%[0-9A-Fa-f]{2}){2,}[A-Za-z0-9+%._~\-]*"), "spam", "%"),
    (re.compile(r"(?:https?://|www\.)[^\s\u4e00-\u9fff，。、“”]+", re.I), "spam", "/."),
    (re.compile(r"[\w.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"), "contact", "@"),
    (
        re.compile(
            r"(?:QQ|qq|Q群|微信|微信号|WeChat|wechat|WhatsApp|whatsapp|Telegram|电话|手机|热线|联系电话|联系方式|Tel|TEL|tel)"
            r"\s*(?:号|号码)?\s*[:：]?\s*\+?[\d][\d\s\-]{4,}\d"
        ),
        "contact",
        "",
    ),
    (
        # a messaging ID made of letters and digits (加V：tm88990, 微信号abc123), with the offer before it
        re.compile(
            r"(?:(?:免费)?(?:领取|领|送|抢)[^，。,;；\s]{0,12}?(?:红包|优惠券|礼包|礼品|现金|资料)\s*)?"
            r"(?:(?:加|添加)\s*[Vv]|VX|vx|Vx|微信号?|薇信|威信|V信|wx|WX)\s*[:：]?\s*[A-Za-z][A-Za-z0-9_\-]{4,19}"
        ),
        "contact",
        "Vv信xX",
    ),
    (re.compile(r"(?<![\d.])(?:\+?86[\s\-]?)?1[3-9]\d{9}(?![\d.])"), "contact", ""),
    (re.compile(r"(?<![\d.])(?:0\d{2,3}[\-\s]\d{7,8}|400[\-\s]?\d{3}[\-\s]?\d{4})(?![\d.])"), "contact", ""),
]
_HAN_OR_DIGIT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9]")
_DIGITS5 = re.compile(r"\d[\d\s\-]{3,}\d")
_TERMINATORS = "。！？!?；;…"
_CLAUSE_PUNCT = "，,、；;：:。！？!?…"
_TAIL_MAX = 6
MIN_SHARED_RUNS = 3
COMMON_RUN_LINES = 4
"""An odd run found in this many lines of the page is a word the article keeps using (涉诈, a spokesperson's name
尹嘉树 in each paragraph of their answer), not a fragment copied around: it does not count as a shared run."""


def _dictionary_words() -> list[str]:
    """The words of two chars or more in jieba's dictionary, lexicon terms included.

    The lexicon terms are added first (as the build's warm-up does), so the
    words, and with them the cleaner's output, never depend on what ran before.
    """
    import jieba  # noqa: PLC0415

    from .nlp import prepare_jieba  # noqa: PLC0415

    jieba.setLogLevel(logging.WARNING)
    prepare_jieba()
    dt = jieba.dt
    dt.check_initialized()
    return [word for word, freq in dt.FREQ.items() if freq > 0 and len(word) >= 2]


@lru_cache(maxsize=1)
def dictionary_bigrams() -> frozenset[str]:
    """Every char bigram inside a word of jieba's dictionary (:func:`_dictionary_words`)."""
    return frozenset(word[i : i + 2] for word in _dictionary_words() for i in range(len(word) - 1))


_SPAM_CORES = [
    re.compile(r"%[0-9A-Fa-f]{2}%[0-9A-Fa-f]{2}"),
    re.compile(r"://|[wW]{3}\."),  # under re.I only w and W match w
    None,
    None,
    None,
    re.compile(r"1[3-9]\d{9}"),
    re.compile(r"0\d{2,3}[\-\s]\d{7}|400"),
]
"""Per :data:`_SPAM` rule, a pattern found inside every match of the rule (or ``None``).

Searching it first is much faster: it starts with a literal, the rule's
pattern with a char class or a lookbehind that Python's re tries at every position.
"""
_SPAM_RULES = [
    (pattern, reason, re.compile(f"[{re.escape(needs)}]") if needs else _DIGITS5, core)
    for (pattern, reason, needs), core in zip(_SPAM, _SPAM_CORES, strict=True)
]
"""``_SPAM`` with each rule's precondition as a pattern (one of its chars, else a run of digits) and its core."""


def spam_cuts(line: str) -> list[Cut]:
    """Spam tokens (URL-encoded junk, URLs, e-mails, phone/QQ/WeChat contacts) in ``line``."""
    cuts: list[Cut] = []
    has_digits = _DIGITS5.search(line) is not None
    for pattern, reason, needs, core in _SPAM_RULES:
        if not (has_digits if needs is _DIGITS5 else needs.search(line)) or (core and not core.search(line)):
            continue
        for m in pattern.finditer(line):
            if m.end() - m.start() >= 5:
                cuts.append((m.start(), m.end(), reason))
    return _merge(cuts)


_MIN_RUN_LINE = 20
"""Lines shorter than this are not searched for odd runs."""


def _is_han_code(codes: np.ndarray) -> np.ndarray:
    """:func:`is_han` of each code point in ``codes``."""
    return ((codes >= 0x4E00) & (codes <= 0x9FFF)) | ((codes >= 0x3400) & (codes <= 0x4DBF))


@lru_cache(maxsize=1)
def _bigram_matrix() -> tuple[np.ndarray, np.ndarray, int]:
    """Dictionary bigrams of two Han chars as a packed bit matrix, built once.

    Returns ``(ids, bits, k)``: ``ids[code]`` is the row/column of a BMP char
    (0 for a char in no such bigram, so row and column 0 are empty), and bit
    ``ids[a] * k + ids[b]`` of ``bits`` is set iff ``ab`` is a dictionary bigram
    (one of :func:`dictionary_bigrams`).

    Built from the dictionary's words in array operations (their chars, joined
    by NULs, as code points; a pair is a bigram when both are Han): about 0.15 s,
    where the set of :func:`dictionary_bigrams` and a Python loop over it took
    about 0.7 s of every build's start.
    """
    codes = np.frombuffer("\0".join(_dictionary_words()).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    first, second = codes[:-1], codes[1:]
    pairs = _is_han_code(first) & _is_han_code(second)  # never across words: NUL is not Han
    first, second = first[pairs], second[pairs]
    chars = np.unique(np.concatenate([first, second]))
    ids = np.zeros(0x10000, dtype=np.int64)
    ids[chars] = np.arange(1, len(chars) + 1)
    k = len(chars) + 1
    bits = np.zeros(k * k, dtype=bool)
    bits[ids[first] * k + ids[second]] = True
    return ids, np.packbits(bits, bitorder="little"), k


@lru_cache(maxsize=1)
def _candidates() -> np.ndarray:
    """``True`` for each BMP code point that may be odd: Han and not a function char."""
    out = np.zeros(0x10000, dtype=bool)
    out[0x3400:0x4DC0] = True
    out[0x4E00:0xA000] = True
    out[[ord(c) for c in _FUNCTION_CHARS]] = False
    return out


def _odd_mask(text: str) -> np.ndarray:
    """Per char of ``text``: odd (Han, not a function char, in no dictionary bigram with either neighbour)."""
    ids, bits, k = _bigram_matrix()
    codes = np.minimum(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32), 0xFFFF)
    cid = ids[codes]
    cells = cid[:-1] * k + cid[1:]
    attested = ((bits[cells >> 3] >> (cells & 7)) & 1).astype(bool)
    odd = _candidates()[codes]
    odd[:-1] &= ~attested
    odd[1:] &= ~attested
    return odd


def _odd_runs_of_lines(lines: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Runs of 2+ odd chars in each line of at least :data:`_MIN_RUN_LINE` chars (all lines at once)."""
    out: list[list[tuple[int, int]]] = [[] for _ in lines]
    text = "\n".join(lines)  # a newline is never odd: no run crosses lines
    if not text:
        return out
    padded = np.zeros(len(text) + 2, dtype=np.int8)
    padded[1:-1] = _odd_mask(text)
    edges = padded[1:] - padded[:-1]
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    long = ends - starts >= 2
    starts, ends = starts[long].tolist(), ends[long].tolist()
    line_starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    for s, e in zip(starts, ends):
        li = bisect.bisect_right(line_starts, s) - 1
        if len(lines[li]) >= _MIN_RUN_LINE:
            base = line_starts[li]
            out[li].append((s - base, e - base))
    return out


def _odd_runs(line: str) -> list[tuple[int, int]]:
    """Runs of 2+ odd chars in one line."""
    return _odd_runs_of_lines([line])[0] if len(line) >= _MIN_RUN_LINE else []


def _extend(lines: Sequence[str], occ: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Grow every copy of a repeated run while all copies share the neighbouring Han char."""
    while True:
        lefts = {lines[li][s - 1] if s > 0 else "" for li, s, _ in occ}
        if len(lefts) == 1 and (c := lefts.pop()) and is_han(c) and c not in _FUNCTION_CHARS:
            occ = [(li, s - 1, e) for li, s, e in occ]
            continue
        rights = {lines[li][e] if e < len(lines[li]) else "" for li, _, e in occ}
        if len(rights) == 1 and (c := rights.pop()) and is_han(c) and c not in _FUNCTION_CHARS:
            occ = [(li, s, e + 1) for li, s, e in occ]
            continue
        return occ


def _contexts(line: str, run: str) -> set[tuple[str, str]]:
    out = set()
    for m in re.finditer(re.escape(run), line):
        out.add((line[m.start() - 1] if m.start() else "", line[m.end()] if m.end() < len(line) else ""))
    return out


def _shared_runs(a: list[str], b: list[str], line_a: str, line_b: str) -> set[str]:
    """Odd runs two lines share (equal, or one inside the other) in different surroundings.

    A copied line (the page repeating itself) shares its runs in the same
    surroundings: that is a duplicate, not junk.
    """
    shared: set[str] = set()
    for x in a:
        for y in b:
            if x == y or (len(x) >= 2 and x in y):
                shared.add(x)
            elif len(y) >= 2 and y in x:
                shared.add(y)
    return {r for r in shared if _contexts(line_a, r).isdisjoint(_contexts(line_b, r))}


def _candidate_pairs(texts: list[list[str]]) -> list[tuple[int, int]]:
    """Pairs of lines sharing enough odd-run substrings to be worth a closer look (no all-pairs scan)."""
    index: dict[str, list[int]] = {}
    for li, runs in enumerate(texts):
        if len(runs) < MIN_SHARED_RUNS:
            continue
        for sub in {r[i:j] for r in runs for i in range(len(r)) for j in range(i + 2, len(r) + 1)}:
            index.setdefault(sub, []).append(li)
    counts: Counter[tuple[int, int]] = Counter()
    for lis in index.values():
        if 1 < len(lis) <= 50:  # a substring in very many lines is a real recurring word
            counts.update((a, b) for x, a in enumerate(lis) for b in lis[x + 1 :])
    return sorted(pair for pair, n in counts.items() if n >= MIN_SHARED_RUNS)


def scrambled_cuts(lines: Sequence[str]) -> list[list[Cut]]:
    """Scrambled fragments per line (see the module docstring).

    Two lines that share at least :data:`MIN_SHARED_RUNS` distinct odd runs
    carry a copied junk pattern (real rare words recur one or two at a
    time); the shared runs are the seeds. Runs in :data:`COMMON_RUN_LINES` lines or more are
    the article's own words and are not counted.
    """
    folded = fold_text("\n".join(lines))  # folding keeps lengths and never makes a newline
    simple = folded.split("\n") if lines else []
    if len(simple) != len(lines):  # a line holding a newline itself
        simple = [fold_text(line) for line in lines]
    if has_traditional(folded):
        simple = [to_simplified(line) for line in simple]  # same lengths, dictionary's script
    runs = _odd_runs_of_lines(simple)
    lines = simple
    texts = [sorted({lines[li][s:e] for s, e in rs}) for li, rs in enumerate(runs)]
    seeds: set[str] = set()
    contaminated: set[int] = set()
    line_count: dict[str, int] = {}

    def common(run: str) -> bool:  # (counted only for the runs two lines share)
        if run not in line_count:
            line_count[run] = sum(1 for line in lines if run in line)
        return line_count[run] >= COMMON_RUN_LINES

    for a, b in _candidate_pairs(texts):
        shared = {run for run in _shared_runs(texts[a], texts[b], lines[a], lines[b]) if not common(run)}
        if len(shared) >= MIN_SHARED_RUNS:
            seeds |= shared
            contaminated |= {a, b}
    cuts: list[list[Cut]] = [[] for _ in lines]
    for seed in sorted(seeds):
        occ = [(li, m.start(), m.end()) for li in sorted(contaminated) for m in re.finditer(re.escape(seed), lines[li])]
        for li, s, e in _extend(lines, occ) if len(occ) >= 2 else occ:
            cuts[li].append((s, e, "scrambled"))
    for li in contaminated:
        seeded = _merge(cuts[li])
        for s, e in runs[li]:
            if not any(s < ce and e > cs for cs, ce, _ in seeded):
                cuts[li].append((s, e, "scrambled"))
        cuts[li] = _merge(cuts[li])
    return cuts


def _tail_cut(line: str) -> Cut | None:
    """A short unterminated scrap after the line's last sentence ("…亿元。抖音电商")."""
    last = max((line.rfind(t) for t in _TERMINATORS), default=-1)
    if last <= 0:
        return None
    j = last + 1
    while j < len(line) and line[j] in "”’」』）)】":
        j += 1
    tail = line[j:].strip()
    if tail and len(tail) <= _TAIL_MAX and not any(t in tail for t in _TERMINATORS):
        start = line.index(tail, j)
        return (start, start + len(tail), "scrambled")
    return None


def _merge(cuts: list[Cut]) -> list[Cut]:
    out: list[Cut] = []
    for s, e, r in sorted(cuts):
        if out and s <= out[-1][1]:
            ps, pe, pr = out[-1]
            out[-1] = (ps, max(pe, e), pr if pr == r or pr == "spam" else r)
        else:
            out.append((s, e, r))
    return out


def _clause_bounds(line: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for i, ch in enumerate(line):
        if ch in _CLAUSE_PUNCT:
            out.append((start, i + 1))
            start = i + 1
    if start < len(line):
        out.append((start, len(line)))
    return out


def _has_han(text: str) -> bool:
    return _HAN_OR_DIGIT.search(text) is not None


def _widen_to_clauses(line: str, cuts: list[Cut]) -> list[Cut]:
    """Drop a whole clause when a cut splits it (real text on both sides)."""
    reasons: list[str | None] = [None] * len(line)
    for s, e, r in cuts:
        for k in range(s, e):
            if reasons[k] is None or r != "scrambled":
                reasons[k] = r
    for cs, ce in _clause_bounds(line):
        if not any(reasons[k] for k in range(cs, ce)):
            continue
        pieces = re.split("\x00+", "".join("\x00" if reasons[k] else line[k] for k in range(cs, ce)))
        if sum(1 for piece in pieces if _has_han(piece)) >= 2:
            for k in range(cs, ce):
                reasons[k] = reasons[k] or "scrambled"
    out: list[Cut] = []
    k = 0
    while k < len(line):
        if reasons[k]:
            j = k
            while j < len(line) and reasons[j] == reasons[k]:
                j += 1
            out.append((k, j, reasons[k]))  # type: ignore[arg-type]
            k = j
        else:
            k += 1
    return out


INLINE_RELATED_RE = re.compile(
    r"[(（【\[]\s*(?:相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|推荐阅读|推薦閱讀|相关链接|相關連結)\s*[:：】\]]?"
    r"[^()（）【】\[\]]{0,200}[)）】\]]"
)
"""A related-reading list written inside a line, in brackets ((相关阅读:天猫双11预售首日成交额同比增长28%|拼多多…)):
other articles' headlines, cut out of the line as a list of them would be dropped."""


def related_cuts(line: str) -> list[Cut]:
    """The :data:`INLINE_RELATED_RE` spans of ``line``."""
    if "阅读" not in line and "閱讀" not in line and "相关" not in line and "相關" not in line:
        return []
    return [(m.start(), m.end(), "related-reading") for m in INLINE_RELATED_RE.finditer(line)]


def line_cuts(lines: Sequence[str]) -> list[list[Cut]]:
    """All junk cuts per line: spam tokens, scrambled fragments, short tails, widened to clauses; and
    related-reading lists in brackets (:func:`related_cuts`), as they are."""
    scrambled = scrambled_cuts(lines)
    out: list[list[Cut]] = []
    for line, sc in zip(lines, scrambled):
        cuts = spam_cuts(line) + sc
        if cuts:
            tail = _tail_cut(line)
            if tail:
                cuts.append(tail)
            cuts = _widen_to_clauses(line, cuts)
        related = related_cuts(line)
        if related:
            cuts = _merge(sorted(cuts + related))
        out.append(cuts)
    return out
