"""read_graph: what the pages show, read from a store built per docs/model.md."""

from __future__ import annotations

import pyoxigraph as ox

from pgkg.viz.extract import EdgeRec, classify, compact_id, read_graph

JISUTUI = "policy/douyin_ecommerce/%E6%9E%81%E9%80%9F%E9%80%80"
XINRENGOU = "policy/kuaishou/%E4%BF%A1%E4%BB%BB%E8%B4%AD"
ART_000 = "article/000_07a74a37be8d45b9.txt"
ART_004 = "article/004_02c2a9e6d9d16179.txt"


def _by_label(data, label):
    return next(n for n in data.nodes.values() if n.label == label)


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
    store = ox.Store()
    store.extend(mini_store)
    a = ox.NamedNode("https://w3id.org/pgkg/id/obs/kuaishou/a")
    b = ox.NamedNode("https://w3id.org/pgkg/id/obs/kuaishou/b")
    resolution = ox.NamedNode("https://w3id.org/pgkg/graph/resolution")
    store.add(ox.Quad(a, ox.NamedNode("https://w3id.org/pgkg/ontology#conflictsWith"), b, resolution))
    data = read_graph(store)
    assert EdgeRec("obs/kuaishou/a", "obs/kuaishou/b", "conflictsWith") in set(data.edges)


def test_compact_ids_hold_no_url() -> None:
    assert compact_id("https://w3id.org/pgkg/id/platform/tmall") == "platform/tmall"
    assert compact_id("https://w3id.org/pgkg/role/consumer") == "role/consumer"
    assert "://" not in compact_id("https://example.org/x")


def test_classify_prefers_specific_policy_subclass() -> None:
    ns = "https://w3id.org/pgkg/ontology#"
    assert classify("x", [ns + "Policy", ns + "Regulation"]) == ("policy", "Regulation")
    assert classify("x", [ns + "Evidence"]) is None
    assert classify("https://w3id.org/pgkg/role/merchant", []) == ("role", None)
