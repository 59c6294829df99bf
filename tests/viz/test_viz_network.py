"""networkx side: ego networks, summaries, layout."""

from __future__ import annotations

import math

import networkx as nx
import pyoxigraph as ox
import pytest

from pgkg.viz.extract import read_graph
from pgkg.viz.network import build_graph, ego_nodes, fold_strongest, kind, layout, memberships, strongest, summarise
from pgkg.viz.synthetic import synthetic_store

JISUTUI = "policy/douyin_ecommerce/%E6%9E%81%E9%80%9F%E9%80%80"
XINRENGOU = "policy/kuaishou/%E4%BF%A1%E4%BB%BB%E8%B4%AD"


def test_graph_is_directed_and_keeps_parallel_relations(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    g.add_edge("platform/douyin_ecommerce", JISUTUI, key="mentions", relation="mentions", count=1)
    assert g.is_directed()
    assert set(g["platform/douyin_ecommerce"][JISUTUI]) == {"announces", "mentions"}


def test_ego_network_of_kuaishou_holds_only_its_facts(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    ego = ego_nodes(g, "platform/kuaishou")
    labels = {g.nodes[n]["rec"].label for n in ego}
    assert {"快手", "信任购", "信任购商家数 涨幅431%", "信任购商家数", "拦截风险商家", "消费者", "商家"} <= labels
    assert "article/004_02c2a9e6d9d16179.txt" in ego
    assert not {"抖音电商", "极速退", "天猫", "过敏保障", "文蔚", "网络直播营销管理办法"} & labels


def test_memberships_mark_shared_roles_with_every_platform(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    member = memberships(g, {"platform/kuaishou": "kuaishou", "platform/douyin_ecommerce": "douyin_ecommerce"})
    assert member["role/consumer"] == ["kuaishou", "douyin_ecommerce"]
    assert member[JISUTUI] == ["douyin_ecommerce"]
    assert XINRENGOU in {n for n, keys in member.items() if keys == ["kuaishou"]}


def test_summary_folds_figures_into_metrics_with_counts(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    h = summarise(g)
    kinds = [h.nodes[n]["rec"].kind for n in h]
    assert "observation" not in kinds
    assert h.number_of_nodes() == g.number_of_nodes() - 4
    metric = next(n for n in h if h.nodes[n]["rec"].label == "信任购商家数")
    assert h.nodes[metric]["collapsed"] == 1
    assert set(h[metric]["platform/kuaishou"]) == {"ofPlatform"}
    assert set(h[metric][XINRENGOU]) == {"attributedTo"}


def test_summary_counts_merged_edges(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    metric = next(n for n in g if g.nodes[n]["rec"].label == "信任购商家数")
    rec = g.nodes[next(n for n in g if g.nodes[n]["rec"].label == "信任购商家数 涨幅431%")]["rec"]
    g.add_node("obs/kuaishou/second", rec=rec, collapsed=0)
    g.add_edge("obs/kuaishou/second", metric, key="ofMetric", relation="ofMetric", count=1)
    g.add_edge("obs/kuaishou/second", "platform/kuaishou", key="ofPlatform", relation="ofPlatform", count=1)
    h = summarise(g)
    assert h.nodes[metric]["collapsed"] == 2
    assert h.edges[metric, "platform/kuaishou", "ofPlatform"]["count"] == 2


def test_layout_places_every_node_apart_and_is_deterministic(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    pos = layout(g)
    assert set(pos) == set(g)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert len(set(pos.values())) == len(pos)
    assert layout(g) == pos


def test_strongest_keeps_facts_before_sources_and_the_edges_among_them(mini_store: ox.Store) -> None:
    g = build_graph(read_graph(mini_store))
    assert strongest(g, g.number_of_nodes()) is g
    facts = [n for n in g if kind(g, n) not in {"article", "observation"}]
    h = strongest(g, len(facts) - 1)
    assert h.number_of_nodes() == len(facts) - 1
    assert {n for n in g if kind(g, n) == "platform"} <= set(h)
    assert not {kind(h, n) for n in h} & {"article", "observation"}
    assert set(h.edges(keys=True)) == {(u, v, k) for u, v, k in g.edges(keys=True) if u in h and v in h}
    # within a kind, the most connected first
    before = [n for n in g if kind(g, n) in {"platform", "policy", "metric"}]
    roles = [n for n in g if kind(g, n) == "role"]
    assert len({g.degree(n) for n in roles}) > 1
    few = strongest(g, len(before) + 1)
    (kept,) = [n for n in few if kind(few, n) == "role"]
    assert g.degree(kept) == max(g.degree(n) for n in roles)


def test_strongest_stops_before_its_edge_budget(mini_store: ox.Store, monkeypatch) -> None:
    import pgkg.viz.network as network

    g = build_graph(read_graph(mini_store))
    limit = g.number_of_nodes() - 1
    assert strongest(g, limit).number_of_nodes() == limit  # 4 edges per node: the budget is not reached here
    monkeypatch.setattr(network, "EDGES_PER_NODE", 1)
    h = strongest(g, limit)
    assert h.number_of_edges() <= limit
    assert 0 < h.number_of_nodes() < limit
    # what it kept is a prefix of the order it keeps nodes in: the next node would have passed the budget
    rank = {k: i for i, k in enumerate(network.KEPT_FIRST)}
    order = sorted(g, key=lambda n: (rank[kind(g, n)], -g.degree(n), n))
    assert set(order[: h.number_of_nodes()]) == set(h)
    nxt = order[h.number_of_nodes()]
    assert nx.MultiDiGraph(g.subgraph([*h, nxt])).number_of_edges() > limit


def _as_lists(g: nx.MultiDiGraph) -> tuple[list, list, list]:
    """A graph with its order: nodes and attributes, edges and attributes, and each node's predecessors."""
    return (list(g.nodes(data=True)), list(g.edges(keys=True, data=True)), [list(g.pred[n]) for n in g])


@pytest.fixture(scope="module")
def large_graph() -> nx.MultiDiGraph:
    return build_graph(read_graph(synthetic_store(1500, platforms=3, metrics=25)))


@pytest.mark.parametrize("limit", [1, 40, 200, 650, 5000])
def test_fold_strongest_is_strongest_of_summarise_in_one_step(large_graph: nx.MultiDiGraph, limit: int) -> None:
    folded = summarise(large_graph)
    expected = strongest(folded, limit)
    shown, n_folded = fold_strongest(large_graph, limit)
    assert n_folded == folded.number_of_nodes() and 200 < n_folded < 5000  # the limits cut it, or not
    assert _as_lists(shown) == _as_lists(expected)
    assert (shown.number_of_nodes() < n_folded) == (limit < n_folded)


def test_fold_strongest_stops_at_the_edge_budget_as_strongest_does(large_graph: nx.MultiDiGraph,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pgkg.viz.network as network

    monkeypatch.setattr(network, "EDGES_PER_NODE", 1)
    shown, _ = fold_strongest(large_graph, 600)
    assert shown.number_of_nodes() < 600 and shown.number_of_edges() <= 600
    assert _as_lists(shown) == _as_lists(strongest(summarise(large_graph), 600))
