"""Per-article quads from hand-made facts of real seed sentences, compared as graphs."""

from __future__ import annotations

import dataclasses
import runpy
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from pgkg.graph.build import (
    article_document,
    article_quads,
    from_nquads,
    ontology_quads,
    to_nquads,
)
from pgkg.ingest.article import ArticleMeta
from pgkg.ingest.facts import ArticleFacts, ObservationFact, PersonFact

SEED = runpy.run_path(str(Path(__file__).parent / "fixtures_core" / "seed_facts.py"))
S000 = SEED["S000"]
PGKG = "https://w3id.org/pgkg/ontology#"
PROV_GEN = rdflib.URIRef("http://www.w3.org/ns/prov#generatedAtTime")


def q(text: str) -> str:
    return quote(text, safe="")


def as_graph(quads: list[ox.Quad]) -> rdflib.Graph:
    """The quads' triples (all in one named graph) as an rdflib graph."""
    graphs = {quad.graph_name for quad in quads}
    assert len(graphs) == 1, graphs
    return rdflib.Graph().parse(data=ox.serialize([ox.Triple(x.subject, x.predicate, x.object) for x in quads],
                                                  format=ox.RdfFormat.N_TRIPLES), format="nt")


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph) -> None:
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    raise AssertionError(
        "graphs differ\n--- only expected:\n" + "\n".join(sorted(" ".join(x.n3() for x in t) for t in only_expected))
        + "\n--- only actual:\n" + "\n".join(sorted(" ".join(x.n3() for x in t) for t in only_actual)))


def small_article() -> ArticleFacts:
    """Seed 000's 拦截了超300万件劣质商品 sentence, the platform, 识别策略, 文蔚 twice, consumers."""
    full = SEED["seed000"]()
    keep = {"识别策略", "文蔚", "consumer"}
    facts = [f for f in full.facts
             if getattr(f, "name", None) in keep or getattr(f, "key", None) in keep
             or (isinstance(f, ObservationFact) and f.value == Decimal("3000000"))
             or (f.evidence.rule == "platform.lexicon" and f.evidence.start == 145)]
    return dataclasses.replace(full, facts=tuple(facts))


EXPECTED = """
@prefix pgkg: <https://w3id.org/pgkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix role: <https://w3id.org/pgkg/role/> .
@prefix area: <https://w3id.org/pgkg/area/> .

<{art}> a pgkg:Article ; pgkg:sourceFile "000_07a74a37be8d45b9.txt" ;
    pgkg:contentHash "sha256-seed000-000_07a74a37be8d45b9.txt" ;
    dcterms:title "抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求" ;
    dcterms:issued "2023-08-25"^^xsd:date ; pgkg:outlet "证券日报" ; dcterms:language "zh" ;
    pgkg:reportsOn <{platform}> ; pgkg:mentionsStakeholder role:consumer .
<{platform}> pgkg:announces <{policy}> ; pgkg:evidence <{ev_platform}> .
role:consumer pgkg:evidence <{ev_consumer}> .

<{policy}> a pgkg:PlatformRule ; rdfs:label "识别策略"@zh ; pgkg:key "识别策略" ;
    pgkg:category area:product_quality ; prov:wasDerivedFrom <{art}> ; pgkg:evidence <{ev_policy}> .

<{metric}> a pgkg:Metric ; rdfs:label "拦截劣质商品"@zh ; pgkg:key "拦截劣质商品" .

<{obs}> a pgkg:Observation ; rdfs:label "拦截劣质商品 超300万件"@zh ;
    pgkg:value "3000000"^^xsd:decimal ; pgkg:unit "件" ; pgkg:qualifier "over" ;
    pgkg:surfaceForm "超300万件" ; pgkg:ofMetric <{metric}> ; pgkg:ofPlatform <{platform}> ;
    pgkg:attributedTo <{policy}> ; prov:wasDerivedFrom <{art}> ; pgkg:evidence <{ev_obs}> .

<{person}> a pgkg:Person ; rdfs:label "文蔚"@zh ; pgkg:role "消费者体验负责人" ;
    pgkg:speaksFor <{platform}> ; prov:wasDerivedFrom <{art}> ; pgkg:evidence <{ev_person1}>, <{ev_person2}> .

<{ev_obs}> a pgkg:Evidence ; pgkg:sentence "商品管理也更为精细化,通过升级识别策略,拦截了超300万件劣质商品。" ;
    pgkg:charStart {obs_start} ; pgkg:charEnd {obs_end} ; pgkg:rule "obs.quantity" ; prov:wasDerivedFrom <{art}> .
<{ev_policy}> a pgkg:Evidence ; pgkg:sentence "商品管理也更为精细化,通过升级识别策略,拦截了超300万件劣质商品。" ;
    pgkg:charStart {pol_start} ; pgkg:charEnd {pol_end} ; pgkg:rule "measure.means" ; prov:wasDerivedFrom <{art}> .
<{ev_platform}> a pgkg:Evidence ; pgkg:sentence "{s_wenwei}" ;
    pgkg:charStart 145 ; pgkg:charEnd 149 ; pgkg:rule "platform.lexicon" ; prov:wasDerivedFrom <{art}> .
<{ev_person1}> a pgkg:Evidence ; pgkg:sentence "{s_wenwei}" ;
    pgkg:charStart 157 ; pgkg:charEnd 159 ; pgkg:rule "person.title" ; prov:wasDerivedFrom <{art}> .
<{ev_person2}> a pgkg:Evidence ; pgkg:sentence "{s_present}" ;
    pgkg:charStart {p2_start} ; pgkg:charEnd {p2_end} ; pgkg:rule "person.title" ; prov:wasDerivedFrom <{art}> .
<{ev_consumer}> a pgkg:Evidence ; pgkg:sentence "{s_intro}" ;
    pgkg:charStart {c_start} ; pgkg:charEnd {c_end} ; pgkg:rule "stakeholder.term" ; prov:wasDerivedFrom <{art}> .

<{graph}> a prov:Entity ; prov:wasDerivedFrom <{art}> ; pgkg:extractorVersion "0.1.0" ;
    prov:generatedAtTime "2026-11-22T02:00:00Z"^^xsd:dateTime .
"""


def expected_small() -> rdflib.Graph:
    text = SEED["seed_text"](S000)
    sent = "商品管理也更为精细化,通过升级识别策略,拦截了超300万件劣质商品。"
    base = text.find(sent)
    present = text.find(SEED["SENT_PRESENT"])
    intro = text.find(SEED["SENT_INTRO"])
    i = "https://w3id.org/pgkg/id/"
    ev = f"{i}evidence/{S000}/"
    obs_start = base + sent.find("超300万件")
    pol_start = base + sent.find("识别策略")
    p2_start = present + SEED["SENT_PRESENT"].find("文蔚")
    c_start = intro + SEED["SENT_INTRO"].find("消费者")
    data = EXPECTED.format(
        art=f"{i}article/{S000}", graph=f"https://w3id.org/pgkg/graph/article/{S000}",
        platform=f"{i}platform/douyin_ecommerce", policy=f"{i}policy/douyin_ecommerce/{q('识别策略')}",
        metric=f"{i}metric/{q('拦截劣质商品')}",
        obs=f"{i}obs/douyin_ecommerce/{q('拦截劣质商品')}/any/3000000/{q('件')}/over/level",
        person=f"{i}person/{q('文蔚')}/douyin_ecommerce",
        ev_obs=f"{ev}{obs_start}-{obs_start + 6}/observation", obs_start=obs_start, obs_end=obs_start + 6,
        ev_policy=f"{ev}{pol_start}-{pol_start + 4}/measure", pol_start=pol_start, pol_end=pol_start + 4,
        ev_platform=f"{ev}145-149/platform", ev_person1=f"{ev}157-159/person",
        ev_person2=f"{ev}{p2_start}-{p2_start + 2}/person", p2_start=p2_start, p2_end=p2_start + 2,
        ev_consumer=f"{ev}{c_start}-{c_start + 3}/stakeholder", c_start=c_start, c_end=c_start + 3,
        s_wenwei=SEED["SENT_WENWEI"].replace('"', '\\"'), s_present=SEED["SENT_PRESENT"], s_intro=SEED["SENT_INTRO"],
    )
    return rdflib.Graph().parse(data=data, format="turtle")


def test_offsets_point_at_the_seed_text() -> None:
    text = SEED["seed_text"](S000)
    for fact in SEED["seed000"]().facts:
        surface = getattr(fact, "surface", None) or getattr(fact, "label", None) or getattr(fact, "name", None)
        assert text[fact.evidence.start:fact.evidence.end] in (surface, "抖音电商"), fact


def test_article_graph_matches_the_model() -> None:
    quads = article_quads(small_article(), extractor_version="0.1.0", generated_at="2026-11-22T02:00:00Z")
    assert {x.graph_name.value for x in quads} == {f"https://w3id.org/pgkg/graph/article/{S000}"}
    assert_isomorphic(expected_small(), as_graph(quads))


def test_rebuild_is_deterministic_except_generation_time() -> None:
    facts = SEED["seed000"]()
    first = as_graph(article_quads(facts, extractor_version="0.1.0", generated_at="2026-11-22T02:00:00Z"))
    again = as_graph(article_quads(facts, extractor_version="0.1.0", generated_at="2026-11-23T09:30:00Z"))
    assert not isomorphic(first, again)  # the time differs ...
    for g in (first, again):
        g.remove((None, PROV_GEN, None))
    assert isomorphic(first, again)  # ... and nothing else
    shuffled = dataclasses.replace(facts, facts=tuple(reversed(facts.facts)))
    assert to_nquads(article_quads(shuffled, extractor_version="0.1.0")) == to_nquads(
        article_quads(facts, extractor_version="0.1.0"))


def test_person_without_org_joins_the_named_one() -> None:
    graph = as_graph(article_quads(SEED["seed000"](), extractor_version="0.1.0"))
    people = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(PGKG + "Person")))
    assert {str(p).rsplit("/", 1)[1] for p in people} == {"douyin_ecommerce", q("中国社会科学院大学互联网法治研究中心")}


def test_observation_without_platform_is_skipped() -> None:
    facts = SEED["seed000"]()
    orphan = dataclasses.replace(SEED["intercept_000"](), platform=None)
    with_orphan = dataclasses.replace(facts, facts=(*[f for f in facts.facts if not (
        isinstance(f, ObservationFact) and f.value == 3000000)], orphan))
    graph = as_graph(article_quads(with_orphan, extractor_version="0.1.0"))
    assert not any("300" in str(o) for o in graph.objects(None, rdflib.URIRef(PGKG + "surfaceForm")))
    assert not any(str(s).endswith("/observation") and f"{orphan.evidence.start}-" in str(s) for s in graph.subjects())


def test_attribution_to_an_unlisted_measure_adds_a_policy() -> None:
    facts = SEED["seed000"]()
    no_measures = dataclasses.replace(facts, facts=tuple(f for f in facts.facts if type(f).__name__ != "MeasureFact"))
    graph = as_graph(article_quads(no_measures, extractor_version="0.1.0"))
    policy = rdflib.URIRef(f"https://w3id.org/pgkg/id/policy/douyin_ecommerce/{q('识别策略')}")
    assert (policy, rdflib.RDF.type, rdflib.URIRef(PGKG + "Policy")) in graph
    assert (rdflib.URIRef("https://w3id.org/pgkg/id/platform/douyin_ecommerce"),
            rdflib.URIRef(PGKG + "announces"), policy) in graph


def test_regulation_is_issued_not_announced() -> None:
    facts = SEED["seed004"]()
    law = next(f for f in facts.facts if type(f).__name__ == "MeasureFact")
    issued = dataclasses.replace(facts, facts=(*facts.facts, dataclasses.replace(law, issuer="国家互联网信息办公室")))
    graph = as_graph(article_quads(issued, extractor_version="0.1.0"))
    regulation = rdflib.URIRef(f"https://w3id.org/pgkg/id/policy/regulation/{q('网络直播营销管理办法')}")
    org = rdflib.URIRef(f"https://w3id.org/pgkg/id/org/{q('国家互联网信息办公室')}")
    assert (regulation, rdflib.RDF.type, rdflib.URIRef(PGKG + "Regulation")) in graph
    assert (regulation, rdflib.URIRef(PGKG + "issuedBy"), org) in graph
    assert (org, rdflib.RDFS.label, rdflib.Literal("国家互联网信息办公室", lang="zh")) in graph
    assert not list(graph.subjects(rdflib.URIRef(PGKG + "announces"), regulation))


def test_person_of_a_lexicon_operator_uses_its_key() -> None:
    meta = ArticleMeta(source="x.txt")
    ev = SEED["seed000"]().facts[0].evidence
    facts = ArticleFacts(meta, (PersonFact("文蔚", None, "字节跳动", None, ev),))
    graph = as_graph(article_quads(facts, extractor_version="0.1.0"))
    org = rdflib.URIRef("https://w3id.org/pgkg/id/org/bytedance")
    assert (None, rdflib.URIRef(PGKG + "speaksFor"), org) in graph
    assert not list(graph.objects(org, rdflib.RDFS.label))  # labelled in the ontology graph, not here


def test_nquads_round_trip_is_exact() -> None:
    quads = article_quads(SEED["seed000"](), extractor_version="0.1.0", generated_at="2026-11-22T02:00:00Z")
    assert from_nquads(to_nquads(quads)) == quads


@pytest.mark.parametrize("seed", ["seed000", "seed001", "seed004"])
def test_article_document_is_the_nquads_that_its_quads_serialise_to(seed: str) -> None:
    """The build hands on the text it wrote, not a re-serialisation: the two must be the same bytes."""
    statements, document = article_document(SEED[seed](), extractor_version="0.1.0",
                                             generated_at="2026-11-22T02:00:00Z")
    assert statements == sorted(set(statements))
    assert document.encode("utf-8") == to_nquads(from_nquads(document.encode("utf-8")))
    assert len(document.splitlines()) == len(statements)


def test_ontology_quads_hold_ontology_and_lexicon() -> None:
    quads = ontology_quads()
    assert {x.graph_name.value for x in quads} == {"https://w3id.org/pgkg/graph/ontology"}
    triples = {(x.subject.value, x.predicate.value, str(x.object)) for x in quads}
    platform = "https://w3id.org/pgkg/id/platform/douyin_ecommerce"
    assert (platform, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", f"<{PGKG}Platform>") in triples
    assert (platform, f"{PGKG}partOf", "<https://w3id.org/pgkg/id/platform/douyin>") in triples
    assert (PGKG + "Observation", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "<http://www.w3.org/2002/07/owl#Class>") in triples
    assert ("https://w3id.org/pgkg/role/consumer", "http://www.w3.org/2004/02/skos/core#notation",
            '"consumer"') in triples
