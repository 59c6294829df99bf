"""Exports parse back as the same graphs; network projections hold no literal nodes; facts rows."""

from __future__ import annotations

import csv
import io
import json
import runpy
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from pgkg.errors import PgkgError, QueryError
from pgkg.graph.build import article_document, article_quads
from pgkg.graph.export import (
    FORMATS,
    article_rows,
    export,
    export_facts,
    ntriples_value,
    ontology_zh_labels,
    select_csv,
    statement_rows,
    to_networkx,
    write_facts_jsonl,
    zh_labels,
)
from pgkg.graph.iri import article_graph_iri, metric_iri, person_iri
from pgkg.graph.resolve import resolve
from pgkg.graph.store import load_ontology, replace_article
from pgkg.ontology import ONTOLOGY_GRAPH, PGKG_NS

XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

SEED = runpy.run_path(str(Path(__file__).parent / "fixtures_core" / "seed_facts.py"))
S000, S001, S004 = SEED["S000"], SEED["S001"], SEED["S004"]
REQUIRED = {
    "article": {"article", "title", "published", "outlet"},
    "platform": {"article", "name", "iri"},
    "measure": {"article", "name", "platform", "category", "targets", "evidence"},
    "observation": {"article", "platform", "metric", "value", "unit", "qualifier", "change", "measure", "evidence"},
    "stakeholder": {"article", "key", "label"},
    "person": {"article", "name", "role", "org"},
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    load_ontology(s)
    for af in (SEED["seed000"](), SEED["seed001"](period=None), SEED["seed004"]()):
        replace_article(s, af.meta.source, article_quads(af, extractor_version="0.1.0",
                                                         generated_at="2026-11-22T02:00:00Z"))
    resolve(s)
    return s


def graphs_of_store(store: ox.Store) -> dict[str, rdflib.Graph]:
    out: dict[str, rdflib.Graph] = {}
    for name in [*store.named_graphs()]:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name)]
        out[name.value] = rdflib.Graph().parse(
            data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    return out


def graphs_of_dataset(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    out: dict[str, rdflib.Graph] = {}
    for g in ds.graphs():
        if len(g) and str(g.identifier) != "urn:x-rdflib:default":
            out[str(g.identifier)] = rdflib.Graph() + g
    return out


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_exports_parse_back_graph_by_graph(store: ox.Store, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    path = export(store, fmt, tmp_path)
    assert path == tmp_path / FORMATS[fmt]
    dataset = rdflib.Dataset().parse(path, format=rdflib_format)
    assert len(dataset.default_graph) == 0  # the merged graph is derived: not exported
    parsed = graphs_of_dataset(dataset)
    expected = graphs_of_store(store)
    assert set(parsed) == set(expected)
    assert {f"https://w3id.org/pgkg/graph/article/{s}" for s in (S000, S001, S004)} <= set(parsed)
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name


def test_turtle_export_is_the_merged_graph(store: ox.Store, tmp_path: Path) -> None:
    path = export(store, "turtle", tmp_path / "sub" / "all.ttl")
    union = rdflib.Graph()
    for graph in graphs_of_store(store).values():
        union += graph
    assert isomorphic(rdflib.Graph().parse(path, format="turtle"), union)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_have_iri_nodes_only(store: ox.Store, tmp_path: Path, fmt: str) -> None:
    path = export(store, fmt, tmp_path)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    projected = to_networkx(store)
    assert set(graph.nodes) == set(projected.nodes)
    assert all(node.startswith("https://w3id.org/pgkg/") for node in graph.nodes)  # no literal became a node
    labels = {node: data.get("label") for node, data in graph.nodes(data=True)}
    platform = "https://w3id.org/pgkg/id/platform/douyin_ecommerce"
    assert labels[platform] == "抖音电商"
    article = f"https://w3id.org/pgkg/id/article/{S000}"
    assert labels[article] == "抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求"
    assert graph.has_edge(article, platform)
    types = {data["type"] for _, data in projected.nodes(data=True)}
    assert {"Article", "Platform", "Observation", "Metric", "Person", "PlatformRule", "Regulation"} <= types
    predicates = {key for _, _, key in projected.edges(keys=True)}
    assert {"pgkg:reportsOn", "pgkg:ofPlatform", "pgkg:attributedTo", "pgkg:conflictsWith",
            "pgkg:speaksFor", "pgkg:partOf"} <= predicates
    assert not any(p.startswith(("rdf:", "rdfs:", "owl:")) or p == "pgkg:evidence" for p in predicates)


def test_export_facts_rows(store: ox.Store) -> None:
    rows = list(export_facts(store))
    assert rows == list(export_facts(store))  # deterministic
    for row in rows:
        assert REQUIRED[row["kind"]] <= set(row), row
    by_kind = lambda kind, article=S000: [r for r in rows if r["kind"] == kind and r["article"] == article]  # noqa: E731
    assert by_kind("article") == [{
        "kind": "article", "article": S000, "title": "抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求",
        "published": "2023-08-25", "outlet": "证券日报", "author": None, "url": None,
        "content_hash": "sha256-seed000-" + S000, "iri": f"https://w3id.org/pgkg/id/article/{S000}"}]
    assert [(r["name"], r["iri"]) for r in by_kind("platform")] == [
        ("抖音电商", "https://w3id.org/pgkg/id/platform/douyin_ecommerce")]
    intercept = next(r for r in by_kind("observation") if r["metric"] == "拦截劣质商品")
    assert intercept | {"iri": None} == {
        "kind": "observation", "article": S000, "platform": "抖音电商", "metric": "拦截劣质商品", "value": 3000000,
        "unit": "件", "qualifier": "over", "change": None, "period": None, "measure": "识别策略",
        "surface": "超300万件", "evidence": "商品管理也更为精细化,通过升级识别策略,拦截了超300万件劣质商品。", "iri": None}
    assert isinstance(intercept["value"], int)
    satisfaction = next(r for r in by_kind("observation") if r["metric"] == "消费者满意度")
    assert satisfaction["value"] == 7.6 and isinstance(satisfaction["value"], float)
    assert satisfaction["change"] == "increase"
    refund = next(r for r in by_kind("measure") if r["name"] == "极速退")
    assert (refund["platform"], refund["category"], refund["targets"], refund["measure_kind"]) == (
        "抖音电商", "after_sales_refunds", ["consumer"], "ServiceGuarantee")
    assert refund["evidence"] == SEED["SENT_REFUND"]
    law = next(r for r in by_kind("measure", S004))
    assert (law["name"], law["platform"], law["measure_kind"]) == ("网络直播营销管理办法", None, "Regulation")
    assert [(r["key"], r["label"]) for r in by_kind("stakeholder")] == [
        ("consumer", "消费者"), ("expert", "专家"), ("media", "媒体")]
    people = {(r["name"], r["role"], r["org"]) for r in by_kind("person")}
    assert people == {("文蔚", "消费者体验负责人", "抖音电商"),
                      ("刘晓春", "执行主任", "中国社会科学院大学互联网法治研究中心")}
    assert [r["article"] for r in rows if r["kind"] == "article"] == [S000, S001, S004]


def _graph_of(store: ox.Store, source: str) -> list[ox.Quad]:
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(article_graph_iri(source))))


def test_article_rows_take_the_least_value_of_a_property_given_twice(store: ox.Store) -> None:
    """As MIN() in SPARQL: a second, smaller label or an earlier evidence wins, a larger one changes nothing."""
    quads = _graph_of(store, S000)
    zh = zh_labels(store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    before = {r["iri"]: r for r in article_rows(quads, zh)}
    refund = next(r for r in before.values() if r["kind"] == "measure" and r["name"] == "极速退")
    node, graph = ox.NamedNode(refund["iri"]), quads[0].graph_name
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    ev = ox.NamedNode("https://w3id.org/pgkg/id/evidence/test/0-1/measure")
    extra = [
        ox.Quad(node, label, ox.Literal("极速退款", language="zh"), graph),  # larger: ignored
        ox.Quad(node, label, ox.Literal("A", language="en"), graph),  # smaller: taken
        ox.Quad(node, ox.NamedNode(PGKG_NS + "evidence"), ev, graph),
        ox.Quad(ev, ox.NamedNode(PGKG_NS + "charStart"), ox.Literal("0", datatype=XSD_INT), graph),
        ox.Quad(ev, ox.NamedNode(PGKG_NS + "charEnd"), ox.Literal("1", datatype=XSD_INT), graph),
        ox.Quad(ev, ox.NamedNode(PGKG_NS + "sentence"), ox.Literal("最早的一句。"), graph),
    ]
    after = {r["iri"]: r for r in article_rows(quads + extra, zh)}
    assert after[refund["iri"]] == refund | {"name": "A", "evidence": "最早的一句。"}
    attributed = {k for k, r in before.items() if r["kind"] == "observation" and r["measure"] == "极速退"}
    assert attributed and all(after[k] == before[k] | {"measure": "A"} for k in attributed)  # its figures follow
    unchanged = set(before) - attributed - {refund["iri"]}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_article_rows_of_a_graph_without_article_node_are_empty(store: ox.Store) -> None:
    article_type = ox.NamedNode(PGKG_NS + "Article")
    quads = [q for q in _graph_of(store, S000) if q.object != article_type]
    assert article_rows(quads, {}) == []


@pytest.mark.parametrize("seed", ["seed000", "seed001", "seed004"])
def test_statement_rows_are_the_rows_of_the_parsed_graph(seed: str) -> None:
    """Rows read from the N-Triples terms equal those read from the parsed quads, in any statement order."""
    statements, document = article_document(SEED[seed](), extractor_version="0.1.0",
                                             generated_at="2026-11-22T02:00:00Z")
    zh = ontology_zh_labels()
    rows = article_rows(ox.parse(document, format=ox.RdfFormat.N_QUADS), zh)
    assert rows and {r["kind"] for r in rows} >= {"article", "platform"}
    assert statement_rows(statements, zh) == rows
    by_object = sorted(statements, key=lambda t: (t[2], t[1], t[0]))  # subjects and predicates apart
    assert statement_rows(by_object, zh) == rows


_IRI = st.one_of(st.builds(metric_iri, st.text(min_size=1, max_size=20)),
                 st.builds(person_iri, st.text(min_size=1, max_size=10), st.none() | st.text(max_size=10)))
"""IRIs as the build mints them from arbitrary text (percent-encoded key segments)."""


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), language=st.sampled_from([None, "zh", "en"]),
       datatype=st.sampled_from([None, "http://www.w3.org/2001/XMLSchema#integer"]), iri=_IRI)
def test_ntriples_value_reads_back_what_oxigraph_writes(text: str, language: str | None,
                                                      datatype: str | None, iri: str) -> None:
    literal = ox.Literal(text, language=language) if language or not datatype else ox.Literal(
        text, datatype=ox.NamedNode(datatype))
    assert ntriples_value(str(literal)) == literal.value == text
    node = ox.NamedNode(iri)
    assert ntriples_value(str(node)) == node.value == iri


@pytest.mark.parametrize("term", ["_:b0", "plain", '"unterminated', '"a" "b"', "<", '"\\q"', ""])
def test_ntriples_value_rejects_what_is_not_an_iri_or_literal(term: str) -> None:
    with pytest.raises(ValueError, match="not an IRI or literal"):
        ntriples_value(term)


def test_export_facts_rows_are_those_of_each_article_graph(store: ox.Store) -> None:
    zh = zh_labels(store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    assert zh == ontology_zh_labels()  # what workers use: the ontology graph this pgkg writes
    per_graph = [row for source in (S000, S001, S004) for row in article_rows(_graph_of(store, source), zh)]
    assert list(export_facts(store)) == per_graph


def test_write_facts_jsonl(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    count = write_facts_jsonl(store, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) == len(list(export_facts(store)))
    assert json.loads(lines[0])["kind"] == "article"


def test_select_csv(store: ox.Store) -> None:
    query = """PREFIX pgkg: <https://w3id.org/pgkg/ontology#>
        SELECT ?unit (COUNT(?o) AS ?n) WHERE { ?o a pgkg:Observation ; pgkg:unit ?unit } GROUP BY ?unit ORDER BY ?unit"""
    rows = list(csv.DictReader(io.StringIO(select_csv(store, query).decode("utf-8"))))
    assert rows == [{"unit": "%", "n": "3"}, {"unit": "个", "n": "1"}, {"unit": "件", "n": "2"}]
    with pytest.raises(QueryError, match="invalid SPARQL"):
        select_csv(store, "SELECT WHERE {")
    with pytest.raises(QueryError, match="only SELECT"):
        select_csv(store, "ASK { ?s ?p ?o }")


def test_unknown_format_lists_the_formats(store: ox.Store, tmp_path: Path) -> None:
    with pytest.raises(PgkgError, match="unknown export format 'xml'.*trig, nquads, turtle, jsonld, graphml, gexf, facts"):
        export(store, "xml", tmp_path)


def test_evidence_nodes_only_on_request(store: ox.Store) -> None:
    plain = to_networkx(store)
    detailed = to_networkx(store, include_evidence=True)
    evidence = {n for n, d in detailed.nodes(data=True) if d["type"] == "Evidence"}
    assert evidence and not evidence & set(plain.nodes)
    assert all(n.startswith("https://w3id.org/pgkg/id/evidence/") for n in evidence)
