"""Matching form: width folding, traditional to simplified, pinyin removal, alignment."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgkg.ingest.normalize import fold_width, normalize, to_simplified

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
SEED_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("，", ","),
        ("：", ":"),
        ("％", "%"),
        ("５０％", "50%"),
        ("（资料图片）", "(资料图片)"),
        ("\u3000", " "),
        ("。", "。"),  # CJK full stop is not a full-width form
        ("“极速退”", "“极速退”"),
        ("攔截了超300萬件劣質商品", "拦截了超300万件劣质商品"),
        ("抖音電商開放日", "抖音电商开放日"),
        ("達(dá)人", "达人"),
        ("個(gè)體", "个体"),
        ("达（dá）人", "达人"),
        ("抖音(Douyin)电商", "抖音(Douyin)电商"),  # Latin name without tone marks stays
        ("退货纠纷率是0.03%", "退货纠纷率是0.03%"),
    ],
)
def test_normalize_table(original: str, expected: str) -> None:
    norm, offsets = normalize(original)
    assert norm == expected
    assert len(offsets) == len(norm)


def test_offsets_point_at_source_chars() -> None:
    text = "抖音電商開放日，達(dá)人帶貨訂單負反饋量減少５２％。"
    norm, offsets = normalize(text)
    assert norm == "抖音电商开放日,达人带货订单负反馈量减少52%。"
    i = norm.index("52%")
    assert text[offsets[i] : offsets[i + 2] + 1] == "５２％"
    assert text[offsets[norm.index("达人")]] == "達"
    assert text[offsets[norm.index("人")]] == "人"


def test_fold_width_is_one_char() -> None:
    for ch in "，：％！？（）ＡＺａｚ０９\u3000":
        assert len(fold_width(ch)) == 1


def _plausible(orig: str, norm: str) -> bool:
    return orig == norm or fold_width(orig) == norm or to_simplified(fold_width(orig)) == norm or len(to_simplified(orig)) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set(SEED_TEXT)) + list("達個體驗電開攔萬劣質（）：，dáè")), max_size=120))
def test_normalize_alignment_property(text: str) -> None:
    norm, offsets = normalize(text)
    assert len(norm) == len(offsets)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    assert all(0 <= o < len(text) for o in offsets)
    for ch, o in zip(norm, offsets):
        assert _plausible(text[o], ch), (text[o], ch)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_normalize_never_crashes(text: str) -> None:
    norm, offsets = normalize(text)
    assert len(norm) == len(offsets) <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set(SEED_TEXT))), max_size=80))
def test_to_simplified_keeps_length(text: str) -> None:
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize("text", ["\U0002005e", "a\U0002005e達人", "\U0002005e\U00020325"])
def test_traditional_chars_outside_the_basic_han_block_terminate(text: str) -> None:
    """OpenCC lists CJK Extension B chars (U+20000…) as traditional; normalize must still
    finish and keep one output char per kept input char (found by the property test)."""
    norm, offsets = normalize(text)
    assert len(norm) == len(offsets) == len(text)
