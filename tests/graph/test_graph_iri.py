"""IRI minting: normalised keys, percent-encoded segments, valid and deterministic IRIs."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgkg.graph import iri
from pgkg.ontology.lexicon import load_lexicon

ID = "https://w3id.org/pgkg/id/"
FORBIDDEN = set(' <>"{}|^`\\')


def assert_valid_iri(value: str) -> None:
    ox.NamedNode(value)  # raises ValueError on an invalid IRI
    assert not FORBIDDEN & set(value), value
    assert value.isascii()


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("抖音電商", "抖音电商"),                      # traditional -> simplified
        ("“极速退”", "极速退"),                        # curly quotes
        ("「極速退」", "极速退"),                      # corner brackets, traditional
        ("《网络直播营销管理办法》", "网络直播营销管理办法"),  # title marks
        ("  Douyin Shop ", "douyinshop"),              # case and spaces
        ("ＴｉｋＴｏｋ　Ｓｈｏｐ", "tiktokshop"),         # full-width letters and space (NFKC)
        ("今年以來", "今年以来"),
        ("douyin_ecommerce", "douyin_ecommerce"),      # lexicon keys are their own normal form
        ("近80％", "近80%"),                           # full-width percent folded, kept
    ],
)
def test_norm_key_folds_variants(variant: str, expected: str) -> None:
    assert iri.norm_key(variant) == expected


def test_every_lexicon_key_is_its_own_normal_form() -> None:
    lexicon = load_lexicon()
    for key in [*lexicon.platforms, *lexicon.organizations, *lexicon.stakeholders, *lexicon.areas]:
        assert iri.norm_key(key) == key


def test_policy_key_drops_generic_suffix_only() -> None:
    # seed 000: 全量推行“极速退”能力 / 上线“服务保障大厅”功能
    assert iri.policy_key("“极速退”能力") == "极速退"
    assert iri.policy_key("服务保障大厅功能") == "服务保障大厅"
    assert iri.policy_key("能力") == "能力"            # nothing left: keep the word
    assert iri.policy_key("推流机制") == "推流机制"      # other words are names, not suffixes


def test_iris_follow_docs_model() -> None:
    q = lambda s: quote(s, safe="")  # noqa: E731
    assert iri.platform_iri("douyin_ecommerce") == ID + "platform/douyin_ecommerce"
    assert iri.org_iri("字节跳动") == ID + "org/bytedance"  # lexicon organisation by name
    assert iri.org_iri("中国社会科学院大学互联网法治研究中心") == ID + "org/" + q("中国社会科学院大学互联网法治研究中心")
    assert iri.policy_iri("douyin_ecommerce", "“极速退”") == ID + "policy/douyin_ecommerce/" + q("极速退")
    assert iri.policy_iri(None, "《网络直播营销管理办法》") == ID + "policy/regulation/" + q("网络直播营销管理办法")
    assert iri.metric_iri("拦截劣质商品") == ID + "metric/" + q("拦截劣质商品")
    assert iri.observation_iri("douyin_ecommerce", "拦截劣质商品", None, Decimal("3E+6"), "件", "over", None) == (
        ID + "obs/douyin_ecommerce/" + q("拦截劣质商品") + "/any/3000000/" + q("件") + "/over/level")
    assert iri.observation_iri("douyin_ecommerce", "消费者满意度", "今年以来", Decimal("7.60"), "%", "exact",
                               "increase") == (
        ID + "obs/douyin_ecommerce/" + q("消费者满意度") + "/" + q("今年以来") + "/7.6/%25/exact/increase")
    assert iri.person_iri("文蔚", "douyin_ecommerce") == ID + "person/" + q("文蔚") + "/douyin_ecommerce"
    assert iri.person_iri("文蔚", None) == ID + "person/" + q("文蔚") + "/unknown"
    assert iri.article_iri("000_07a74a37be8d45b9.txt") == ID + "article/000_07a74a37be8d45b9.txt"
    assert iri.article_iri("news.jsonl#3") == ID + "article/news.jsonl%233"
    assert iri.evidence_iri("news.jsonl#3", 564, 570, "observation") == ID + "evidence/news.jsonl%233/564-570/observation"
    assert iri.article_graph_iri("news.jsonl#3") == "https://w3id.org/pgkg/graph/article/news.jsonl%233"
    assert iri.source_of_graph(iri.article_graph_iri("<stdin>")) == "<stdin>"
    assert iri.RESOLUTION_GRAPH == "https://w3id.org/pgkg/graph/resolution"


def test_decimal_text_is_plain() -> None:
    assert iri.decimal_text(Decimal("3E+6")) == "3000000"
    assert iri.decimal_text(Decimal("16.80")) == "16.8"
    assert iri.decimal_text(Decimal("-0.0")) == "0"
    with pytest.raises(ValueError):
        iri.decimal_text(Decimal("NaN"))


@settings(deadline=None)
@given(st.text())
def test_any_text_gives_a_valid_deterministic_iri(text: str) -> None:
    minted = [
        iri.platform_iri(text), iri.org_iri(text), iri.policy_iri(text, text), iri.policy_iri(None, text),
        iri.metric_iri(text), iri.person_iri(text, text), iri.article_iri(text), iri.article_graph_iri(text),
        iri.evidence_iri(text, 1, 2, text),
        iri.observation_iri(text, text, text, Decimal("1.5"), text, text, text),
    ]
    for value in minted:
        assert_valid_iri(value)
    assert iri.metric_iri(text) == iri.metric_iri(text)
    assert iri.source_of_graph(iri.article_graph_iri(text)) == text


@settings(deadline=None)
@given(st.text())
def test_norm_key_is_idempotent(text: str) -> None:
    key = iri.norm_key(text)
    assert iri.norm_key(key) == key


@settings(deadline=None)
@given(st.text(alphabet=st.characters(categories=["Lo", "Nd", "Ll", "Lu"]), min_size=1))
def test_quoted_and_spaced_variants_share_a_key(text: str) -> None:
    base = iri.norm_key(text)
    for variant in (f"“{text}”", f"《{text}》", f"「{text}」", f" {text} ", f"'{text}'", f'"{text}"'):
        assert iri.norm_key(variant) == base
        assert iri.metric_iri(variant) == iri.metric_iri(text)


@settings(deadline=None)
@given(st.sampled_from(["抖音電商", "極速退", "網絡直播營銷管理辦法", "淘寶", "餓了麼", "嗶哩嗶哩", "今年以來"]))
def test_traditional_and_simplified_share_an_iri(traditional: str) -> None:
    from opencc import OpenCC

    simplified = OpenCC("t2s").convert(traditional)
    assert simplified != traditional
    assert iri.policy_iri("douyin_ecommerce", traditional) == iri.policy_iri("douyin_ecommerce", simplified)
