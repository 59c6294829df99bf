"""read_graph: what the pages show, read from a store built per docs/model.md."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pgkg.graph.store import open_store
from pgkg.ontology import ONTOLOGY_GRAPH
from pgkg.pipeline import build
from pgkg.viz.extract import EdgeRec, classify, compact_id, read_graph

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

JISUTUI = "policy/douyin_ecommerce/%E6%9E%81%E9%80%9F%E9%80%80"
XINRENGOU = "policy/kuaishou/%E4%BF%A1%E4%BB%BB%E8%B4%AD"
ART_000 = "article/000_07a74a37be8d45b9.txt"
ART_004 = "article/004_02c2a9e6d9d16179.txt"


def _by_label(data, label):
    return next(n for n in data.nodes.values() if n.label == label)


def _iri(path: str) -> ox.NamedNode:
    return ox.NamedNode(f"https://w3id.org/pgkg/{path}")


def _plus(store: ox.Store, quads: list[ox.Quad]) -> ox.Store:
    """A copy of ``store`` with ``quads`` added."""
    out = ox.Store()
    out.extend(store)
    out.extend(quads)
    return out


def test_policy_node_has_labels_category_evidence_and_source(mini_store: ox.Store) -> None:
    data = read_graph(mini_store)
    rec = data.nodes[JISUTUI]
    assert (rec.kind, rec.subclass, rec.zh, rec.category) == ("policy", "ServiceGuarantee", "极速退", "after_sales_refunds")
    assert rec.evidence[0].sentence.startswith("平台还全量推行“极速退”能力")
    assert rec.evidence[0].article == ART_000
    assert rec.sources == frozenset({ART_000})


def test_relations_between_platform_policy_role_and_figure(mini_store: ox.Store) -> None:
    data = read_graph(mini_store)
    edges = set(data.edges)
    assert EdgeRec("platform/douyin_ecommerce", JISUTUI, "announces") in edges
    assert EdgeRec(JISUTUI, "role/consumer", "targets") in edges
    obs = _by_label(data, "信任购商家数 涨幅431%")
    assert EdgeRec(obs.id, XINRENGOU, "attributedTo") in edges
    assert EdgeRec(obs.id, "platform/kuaishou", "ofPlatform") in edges
    assert dict(obs.attrs)["value"] == "431" and dict(obs.attrs)["change"] == "increase"


def test_platform_labels_come_from_the_ontology_graph(mini_store: ox.Store) -> None:
    data = read_graph(mini_store)
    dy = data.nodes["platform/douyin_ecommerce"]
    assert (dy.zh, dy.en, dy.key) == ("抖音电商", "Douyin E-commerce", "douyin_ecommerce")
    assert "抖音電商" in dy.alt
    # lexicon-only platforms that no article touches are not drawn
    assert "platform/douyin" not in data.nodes
    assert not any(n.kind == "organization" and n.label == "字节跳动" for n in data.nodes.values())


def test_evidence_graph_provenance_and_areas_are_not_nodes(mini_store: ox.Store) -> None:
    data = read_graph(mini_store)
    assert {n.kind for n in data.nodes.values()} == {
        "platform", "policy", "observation", "metric", "person", "article", "role", "organization",
    }
    assert not any(n.id.startswith(("evidence/", "iri/", "area/")) for n in data.nodes.values())


def test_sources_count_articles(mini_store: ox.Store) -> None:
    data = read_graph(mini_store)
    assert data.nodes["role/consumer"].sources == frozenset(
        {ART_000, ART_004, "article/003_c038b9f0d48afa58.txt"}
    )
    assert _by_label(data, "拦截劣质商品").sources == frozenset({ART_000})  # metric inherits from its figure
    assert data.articles[ART_004].outlet == "中国质量报"
    assert data.articles["article/003_c038b9f0d48afa58.txt"].outlet is None


def test_person_has_role_and_speaks_for_platform(mini_store: ox.Store) -> None:
    data = read_graph(mini_store)
    wenwei = _by_label(data, "文蔚")
    assert wenwei.attr("role") == "消费者体验负责人"
    assert EdgeRec(wenwei.id, "platform/douyin_ecommerce", "speaksFor") in set(data.edges)


def test_conflicts_from_the_resolution_graph_are_edges(mini_store: ox.Store) -> None:
    a, b, conflicts = _iri("id/obs/kuaishou/a"), _iri("id/obs/kuaishou/b"), _iri("ontology#conflictsWith")
    # as a build writes it: in the resolution graph and in the merged default graph
    graphs = (_iri("graph/resolution"), ox.DefaultGraph())
    data = read_graph(_plus(mini_store, [ox.Quad(a, conflicts, b, g) for g in graphs]))
    assert EdgeRec("obs/kuaishou/a", "obs/kuaishou/b", "conflictsWith") in set(data.edges)


def test_relations_only_the_ontology_graph_states_are_not_edges(mini_store: ox.Store) -> None:
    """The merged graph holds the ontology graph too: a relation from it alone is not drawn, one that
    an article graph also states is."""
    ontology, article = _iri("graph/ontology"), _iri("graph/" + ART_000)
    announces, platform = _iri("ontology#announces"), _iri("id/platform/douyin_ecommerce")
    stated_by_both = next(q.object for q in mini_store.quads_for_pattern(platform, announces, None, article))
    other = _iri("id/" + XINRENGOU)
    added = [ox.Quad(platform, announces, other, g) for g in (ontology, ox.DefaultGraph())]
    edges = set(read_graph(_plus(mini_store, [*added, ox.Quad(platform, announces, stated_by_both, ontology)])).edges)
    assert EdgeRec("platform/douyin_ecommerce", XINRENGOU, "announces") not in edges
    assert EdgeRec("platform/douyin_ecommerce", compact_id(stated_by_both.value), "announces") in edges


def test_compact_ids_hold_no_url() -> None:
    assert compact_id("https://w3id.org/pgkg/id/platform/tmall") == "platform/tmall"
    assert compact_id("https://w3id.org/pgkg/role/consumer") == "role/consumer"
    assert "://" not in compact_id("https://example.org/x")


def test_classify_prefers_specific_policy_subclass() -> None:
    ns = "https://w3id.org/pgkg/ontology#"
    assert classify("x", [ns + "Policy", ns + "Regulation"]) == ("policy", "Regulation")
    assert classify("x", [ns + "Evidence"]) is None
    assert classify("https://w3id.org/pgkg/role/merchant", []) == ("role", None)


DRAWN_RELATIONS = frozenset({
    "announces", "issuedBy", "targets", "benefits", "obliges", "ofMetric", "ofPlatform", "attributedTo",
    "conflictsWith", "speaksFor", "reportsOn", "mentions", "mentionsStakeholder", "wasDerivedFrom",
})


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    out = tmp_path_factory.mktemp("built")
    build([CORPUS], out=out, jobs=1, incremental=False, viz=False, validate=False)
    return open_store(out, read_only=True)


def _named_graph_rows(store: ox.Store, pattern: str, variables: str) -> set[tuple[str, ...]]:
    query = (f"SELECT DISTINCT {variables} WHERE {{ GRAPH ?g {{ {pattern} }} "
             f"FILTER(?g != <{ONTOLOGY_GRAPH}> && isIRI(?s)) }}")
    return {tuple(t.value for t in row) for row in store.query(query)}


def test_a_built_store_draws_what_its_article_and_resolution_graphs_state(built_store: ox.Store) -> None:
    """read_graph reads the merged graph; its relations are those the named graphs but the ontology
    graph state (the definition, read graph by graph), between the nodes it shows."""
    data = read_graph(built_store)
    shown = set(data.nodes)
    stated = {
        (compact_id(s), p.rsplit("#", 1)[-1], compact_id(o))
        for s, p, o in _named_graph_rows(built_store, "?s ?p ?o FILTER(isIRI(?o))", "?s ?p ?o")
    }
    drawn = {(e.source, "wasDerivedFrom" if e.relation == "source" else e.relation, e.target)
             for e in data.edges if e.relation not in ("partOf", "operatedBy")}
    among_shown = {(s, p, o) for s, p, o in stated if s in shown and o in shown and s != o}
    assert drawn and drawn <= among_shown
    specific = {(s, o) for s, p, o in among_shown if p in ("benefits", "obliges")}
    kept = {(s, p, o) for s, p, o in among_shown
            if p in DRAWN_RELATIONS and not (p == "targets" and (s, o) in specific)}
    assert kept == drawn
    # every node an article graph types is drawn, when it is a kind of node the pages show
    typed = _named_graph_rows(built_store, "?s a ?t", "?s ?t")
    types: dict[str, set[str]] = {}
    for s, t in typed:
        types.setdefault(s, set()).add(t)
    assert {compact_id(s) for s, ts in types.items() if classify(s, ts) is not None} <= shown


def test_each_node_id_is_one_string_shared_by_relations_sources_and_evidence(built_store: ox.Store) -> None:
    """The records refer to a node by its record's own id object, not by equal copies: sharing them
    (and the quoted sentences) left 620 MB less after the read at 100,000 built articles."""
    data = read_graph(built_store)
    own = {id(n.id) for n in data.nodes.values()}
    assert data.edges
    assert all(id(e.source) in own and id(e.target) in own for e in data.edges)
    sources = [s for n in data.nodes.values() for s in n.sources]
    assert sources and all(id(s) in own for s in sources)
    cited = [ev.article for n in data.nodes.values() for ev in n.evidence if ev.article]
    assert cited and all(id(a) in own for a in cited)
