"""The lexicon as RDF: platforms, operators, labels, aliases, parent and operator links."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from pgkg.ontology import ID, PGKG
from pgkg.ontology.lexicon import load_lexicon, parse_lexicon
from pgkg.ontology.rdf_lexicon import (
    concept_iri,
    lexicon_triples,
    name_language,
    ontology_and_lexicon,
    organization_iri,
    platform_iri,
)
from pgkg.ontology.validate import load_ontology, validate


@pytest.fixture(scope="module")
def lex_graph() -> Graph:
    return lexicon_triples()


def test_lexicon_triples_conform_alone_and_with_the_ontology(lex_graph: Graph) -> None:
    assert validate(lex_graph).conforms, validate(lex_graph).format()
    assert validate(lex_graph + load_ontology()).conforms


def test_every_platform_and_organization_is_typed_and_keyed(lex_graph: Graph) -> None:
    lexicon = load_lexicon()
    assert set(lex_graph.subjects(RDF.type, PGKG.Platform)) == {platform_iri(k) for k in lexicon.platforms}
    assert set(lex_graph.subjects(RDF.type, PGKG.Organization)) == {organization_iri(k) for k in lexicon.organizations}
    for key in lexicon.platforms:
        assert list(lex_graph.objects(platform_iri(key), PGKG.key)) == [Literal(key)]


@pytest.mark.parametrize(
    ("platform", "parent", "operator"),
    [
        ("douyin_ecommerce", "douyin", "bytedance"),
        ("kuaishou_ecommerce", "kuaishou", "kuaishou_technology"),
        ("weixin_channels", "wechat", "tencent"),
        ("temu", None, "pdd_holdings"),
        ("tiktok_shop", "tiktok", "bytedance"),
        ("tmall", None, "alibaba"),
        ("jd", None, "jd_group"),
    ],
)
def test_parent_and_operator_links(lex_graph: Graph, platform: str, parent: str | None, operator: str) -> None:
    node = ID[f"platform/{platform}"]
    assert set(lex_graph.objects(node, PGKG.partOf)) == ({ID[f"platform/{parent}"]} if parent else set())
    assert set(lex_graph.objects(node, PGKG.operatedBy)) == {ID[f"org/{operator}"]}


def test_douyin_ecommerce_labels_and_aliases(lex_graph: Graph) -> None:
    node = ID["platform/douyin_ecommerce"]
    assert set(lex_graph.objects(node, RDFS.label)) == {Literal("抖音电商", lang="zh"), Literal("Douyin E-commerce", lang="en")}
    alts = set(lex_graph.objects(node, SKOS.altLabel))
    assert {
        Literal("抖音电商平台", lang="zh"),
        Literal("抖音商城", lang="zh"),
        Literal("Douyin Shop", lang="en"),
        Literal("抖音電商", lang="zh-Hant"),
    } <= alts


def test_operator_labels(lex_graph: Graph) -> None:
    node = ID["org/alibaba"]
    assert set(lex_graph.objects(node, RDFS.label)) == {Literal("阿里巴巴", lang="zh"), Literal("Alibaba Group", lang="en")}
    assert Literal("阿里巴巴集团", lang="zh") in set(lex_graph.objects(node, SKOS.altLabel))


def test_alias_equal_to_a_label_is_not_repeated(lex_graph: Graph) -> None:
    # TikTok: zh == en == "TikTok"; amazon lists "Amazon" as an alias of its English name.
    assert set(lex_graph.objects(ID["platform/tiktok"], RDFS.label)) == {Literal("TikTok", lang="zh"), Literal("TikTok", lang="en")}
    assert Literal("Amazon", lang="en") not in set(lex_graph.objects(ID["platform/amazon"], SKOS.altLabel))


@pytest.mark.parametrize(("name", "lang"), [("抖音App", "zh"), ("Douyin Shop", "en"), ("B站", "zh"), ("RED", "en"), ("1688平台", "zh")])
def test_alias_language(name: str, lang: str) -> None:
    assert name_language(name) == lang


def test_custom_lexicon_and_key_quoting() -> None:
    raw = {
        "platform": {"shop x": {"zh": "某店", "en": "Shop X", "operator": "acme"}},
        "organization": {"acme": {"zh": "某公司", "en": "Acme"}},
    }
    g = lexicon_triples(parse_lexicon(raw, Path("test.toml")))
    node = ID["platform/shop%20x"]
    assert (node, RDF.type, PGKG.Platform) in g
    assert (node, PGKG.operatedBy, ID["org/acme"]) in g
    assert len(set(g.subjects(RDF.type, PGKG.Platform))) == 1


def test_ontology_and_lexicon_is_the_union(lex_graph: Graph) -> None:
    g = ontology_and_lexicon()
    assert set(g) == set(load_ontology()) | set(lex_graph)
    assert validate(g).conforms


def test_load_ontology_returns_an_independent_copy() -> None:
    first = load_ontology()
    first.remove((None, None, None))
    assert len(first) == 0
    assert len(load_ontology()) > 300


@pytest.mark.parametrize(("scheme", "key"), [("role", "consumer"), ("area", "after_sales_refunds")])
def test_concept_iris_are_declared_in_the_ontology(scheme: str, key: str) -> None:
    assert (concept_iri(scheme, key), SKOS.notation, Literal(key)) in load_ontology()
