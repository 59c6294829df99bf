"""Shortcuts taken for speed give exactly the answers of the slow, obvious computation."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings, strategies as st

from pgkg.ingest.extract_measures import LIST_CLOSE_RE, LIST_RE
from pgkg.ingest.extract_observations import any_of, platform_names, without_context
from pgkg.ingest.nlp import is_word_aligned, may_straddle, prepare_jieba
from pgkg.ingest.numbers import PREFIX_QUALIFIERS, QUANTITY_RE, UNITS, quantity_matches
from pgkg.ontology.lexicon import load_lexicon

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
SHORT_TERMS = ("媒体", "用户", "商家", "主播", "达人", "网民", "消协", "店铺", "专家")


def segmented_alignment(text: str, start: int, end: int, window: int) -> bool:
    """The definition: segment the window with jieba (no HMM) and look at the token bounds."""
    prepare_jieba()
    lo, hi = max(0, start - window), min(len(text), end + window)
    spans = [(s + lo, e + lo) for _, s, e in jieba.tokenize(text[lo:hi], HMM=False)]
    return start in {s for s, _ in spans} and end in {e for _, e in spans}


def sample_lines() -> list[str]:
    return [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_word_alignment_on_the_sample_pages_is_the_segmented_one() -> None:
    checked = 0
    for line in sample_lines():
        for term in SHORT_TERMS:
            start = line.find(term)
            while start >= 0:
                for window in (2, 4, 6):
                    assert is_word_aligned(line, start, start + len(term), window) is segmented_alignment(
                        line, start, start + len(term), window
                    ), (line, term, start, window)
                checked += 1
                start = line.find(term, start + 1)
    assert checked > 50


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*SHORT_TERMS, "自", "新", "的", "平台", "数", "量", "a", "B", "3", "7", " ", "\r", "\n", "，", "。", "户数", "家电"]),
             max_size=12),
    st.integers(min_value=0, max_value=6),
)
def test_word_alignment_of_generated_text_is_the_segmented_one(parts: list[str], window: int) -> None:
    text = "".join(parts)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 3) + 1):
            assert is_word_aligned(text, start, end, window) is segmented_alignment(text, start, end, window)


def test_may_straddle_sees_dictionary_words_and_glued_letters() -> None:
    prepare_jieba()
    text = "人人都是自媒体"
    at = text.index("媒")
    assert may_straddle(text, 0, len(text), at)  # 自媒体 spans it
    assert not may_straddle(text, 0, len(text), 0) and not may_straddle(text, 0, len(text), len(text))
    assert may_straddle("ab", 0, 2, 1)  # single letters are glued into one token
    assert not may_straddle("的，用户", 0, 4, 2)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "0", ".", ",", "5", "十", "两", "三", "万", "亿", "千", "年", "第", "数",
                                 *PREFIX_QUALIFIERS, *UNITS, "以上", "左右", "余", "多", "的", "平台", " ", "%E3"]),
                max_size=14))
def test_quantity_matches_are_those_of_finditer(parts: list[str]) -> None:
    text = "".join(parts)
    expected = [(m.span(), m.groupdict()) for m in QUANTITY_RE.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in quantity_matches(text)] == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2023年京东共拦截", "共拦截"),
        ("今年以来累计", "累计"),
        ("", ""),
        ("淘宝天猫双十一期间", ""),
        ("一季度小红书累计处置", "累计处置"),
        # a 电商 or 平台 the lexicon does not list after a name is part of it
        ("微信视频号电商共处置违规商家", "共处置违规商家"),
        ("小红书电商平台推出", "推出"),
        ("京东平台共拦截", "共拦截"),
        # without a name before it, 电商 is what is measured
        ("电商交易额", "电商交易额"),
    ],
)
def test_without_context(phrase: str, expected: str) -> None:
    assert without_context(phrase, platform_names(load_lexicon())) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["电商", "平台", "共", "拦截", "a", "商家", "，"]), max_size=8))
def test_without_context_keeps_phrases_without_names_or_periods(parts: list[str]) -> None:
    phrase = "".join(parts)
    assert without_context(phrase, platform_names(load_lexicon())) == phrase


def test_any_of_finds_each_name() -> None:
    names = ("抖音电商", "抖音", "京东")
    assert all(any_of(names).search(f"在{name}上") for name in names)
    assert any_of(names).search("淘宝") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["极速退款", "主动赔付", "、", "和", "等", "保障方案", "新机制", "方面", "落实", "，"]), max_size=10))
def test_list_pattern_needs_a_list_close(parts: list[str]) -> None:
    text = "".join(parts)
    if LIST_RE.search(text):
        assert LIST_CLOSE_RE.search(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("平台治理用户的了和是在123abA,，。 _ａ々〇") + ["\u3400", "\u9fff", "\uffff"]), max_size=16))
def test_bigrams_are_all_adjacent_content_pairs(text: str) -> None:
    from pgkg.ingest.clean import _CONTENT_CHAR, bigrams

    lookahead = re.compile(f"(?=({_CONTENT_CHAR}{{2}}))")  # the definition: at every position
    assert bigrams(text) == frozenset(lookahead.findall(text))


def test_bigram_matrix_holds_exactly_the_han_dictionary_bigrams() -> None:
    import numpy as np

    from pgkg.ingest.clean_fragments import _bigram_matrix, dictionary_bigrams
    from pgkg.ingest.normalize import is_han

    ids, bits, k = _bigram_matrix()
    han = [b for b in dictionary_bigrams() if is_han(b[0]) and is_han(b[1])]
    chars = {c for b in han for c in b}
    assert set(np.flatnonzero(ids).tolist()) == {ord(c) for c in chars} and k == len(chars) + 1
    cells = np.array([ids[ord(b[0])] * k + ids[ord(b[1])] for b in han])
    assert ((bits[cells >> 3] >> (cells & 7)) & 1).all()  # each bigram's bit is set
    assert int(np.unpackbits(bits).sum()) == len(han)  # and no other


def test_bigrams_of_a_sentence() -> None:
    from pgkg.ingest.clean import bigrams

    assert bigrams("平台治理的用户") == frozenset({"平台", "台治", "治理", "用户"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["文", "记者", "作者", " ", "/", "：", ":", "王小明", "张", "说", "，"]), max_size=8))
def test_a_byline_has_its_mark(parts: list[str]) -> None:
    from pgkg.ingest.extract_people import BYLINE_MARK_RE, BYLINE_RE

    text = "".join(parts)
    if BYLINE_RE.search(text):
        assert BYLINE_MARK_RE.search(text)
