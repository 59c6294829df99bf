"""The NLP set-up: jieba really segments, lexicon terms stay whole, boundary checks work."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pgkg.ingest.nlp import is_word_aligned, lexicon_words, make_nlp
from pgkg.ontology.lexicon import load_lexicon


def test_segmenter_is_jieba_not_characters() -> None:
    nlp = make_nlp()
    assert nlp.tokenizer.segmenter == "jieba"
    tokens = [t.text for t in nlp("平台持续完善预售管理")]
    assert any(len(t) > 1 for t in tokens), tokens


def test_make_nlp_is_cached() -> None:
    assert make_nlp() is make_nlp()


@pytest.mark.parametrize("term", ["抖音电商", "快手电商", "专家学者", "消费者协会", "中小微企业", "小红书"])
def test_lexicon_terms_stay_one_token(term: str) -> None:
    tokens = [t.text for t in make_nlp()(f"今天{term}发布了新的规则")]
    assert term in tokens, tokens


def test_lexicon_words_cover_platforms_and_stakeholders() -> None:
    words = lexicon_words(load_lexicon())
    assert "抖音电商" in words and "消费者" in words and "天貓" in words


@pytest.mark.parametrize(
    ("text", "term", "aligned"),
    [
        ("人人都是自媒体", "媒体", False),
        ("邀请专家学者和媒体到场", "媒体", True),
        ("用户满意度提升", "用户", True),
    ],
)
def test_word_alignment(text: str, term: str, aligned: bool) -> None:
    start = text.index(term)
    assert is_word_aligned(text, start, start + len(term)) is aligned


@pytest.mark.parametrize(
    ("text", "term", "aligned"),
    [
        # cut only by a rare compound of jieba's dictionary (满足用户): a word with rare_below
        ("平台在满足用户“当日达”的同时", "用户", True),
        # a compound of the lexicon's (自媒体) is no rare one
        ("人人都是自媒体", "媒体", False),
    ],
)
def test_word_alignment_past_rare_compounds(text: str, term: str, aligned: bool) -> None:
    start = text.index(term)
    assert is_word_aligned(text, start, start + len(term), window=4, rare_below=100) is aligned


def test_word_alignment_agrees_with_the_pipeline_tokens() -> None:
    text = "人人都是自媒体,邀请消费者、专家学者和媒体到场"
    ends = {t.idx + len(t.text) for t in make_nlp()(text)}
    starts = {t.idx for t in make_nlp()(text)}
    for term in ("媒体", "消费者", "专家学者"):
        for i in range(len(text)):
            if text.startswith(term, i):
                whole = i in starts and i + len(term) in ends
                assert is_word_aligned(text, i, i + len(term), window=len(text)) is whole


def test_cleaner_dictionary_does_not_depend_on_what_ran_first() -> None:
    # fresh interpreters: cleaning first, or the build's warm-up (lexicon words added) first
    alone = ("from pgkg.ingest.clean_fragments import _bigram_matrix as m, dictionary_bigrams as d; "
             "import numpy as np; print(len(d()), int(np.unpackbits(m()[1]).sum()))")
    warmed = "from pgkg.ingest.nlp import make_nlp; make_nlp(); " + alone
    sizes = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
             for code in (alone, warmed)]
    assert sizes[0] == sizes[1]
    n_bigrams, n_han = map(int, sizes[0].split())
    assert n_bigrams > 100_000 and n_han > 100_000
