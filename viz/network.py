"""The drawn graph as networkx: building, platform ego networks, summaries, layout.

All functions are pure. Graphs are ``nx.MultiDiGraph`` keyed by relation, so
two different relations between the same pair of nodes stay two edges. Node
attribute ``rec`` holds the :class:`~pgkg.viz.extract.NodeRec`; ``collapsed``
(summaries only) counts the observations folded into a metric. Edge attribute
``count`` says how many original edges an edge stands for.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from typing import Callable, Iterable, Mapping

import networkx as nx

from .extract import GraphData, NodeRec

# Ego networks expand one more hop only through these fact nodes, never through
# hubs (articles, roles, metrics, other platforms) that would pull in the rest.
_EXPANDABLE = frozenset({"policy", "observation", "person"})
SPRING_LIMIT = 300
"""Clusters up to this size get a networkx spring layout; larger ones concentric rings."""


def build_graph(data: GraphData) -> nx.MultiDiGraph:
    """Directed multigraph of every node and relation in ``data``."""
    g = nx.MultiDiGraph()
    for rec in data.nodes.values():
        g.add_node(rec.id, rec=rec, collapsed=0)
    for e in data.edges:
        g.add_edge(e.source, e.target, key=e.relation, relation=e.relation, count=1)
    return g


def kind(g: nx.MultiDiGraph, node: str) -> str:
    rec: NodeRec = g.nodes[node]["rec"]
    return rec.kind


def ego_nodes(g: nx.MultiDiGraph, platform: str) -> set[str]:
    """The platform, its neighbours, and the neighbours of its fact neighbours (policies, figures, people)."""
    first = set(g.predecessors(platform)) | set(g.successors(platform))
    keep = {platform} | first
    for n in first:
        if kind(g, n) in _EXPANDABLE:
            keep |= set(g.predecessors(n)) | set(g.successors(n))
    return keep


def induced(g: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """Independent copy of the subgraph of ``g`` on ``nodes``, its nodes and edges in ``g``'s order.

    ``g.subgraph(nodes).copy()`` would iterate a small node set in the set's order, which changes
    with the process's string hashes (so did the pages), and is 1.4-1.5x slower through its views
    (the 13 platform views of 10,000 built articles: 3.2-3.8 s against 2.2-2.5 s)."""
    keep = set(nodes)
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, dict(attrs)) for n, attrs in g.nodes(data=True) if n in keep)
    h.add_edges_from(
        (u, v, key, dict(attrs))
        for u in h
        for v, by_key in g.succ[u].items() if v in keep
        for key, attrs in by_key.items()
    )
    return h


def ego_graph(g: nx.MultiDiGraph, platform: str) -> nx.MultiDiGraph:
    """Independent copy of the ego network of ``platform`` (in ``g``'s order)."""
    return induced(g, ego_nodes(g, platform))


def memberships(g: nx.MultiDiGraph, platforms: Mapping[str, str]) -> dict[str, list[str]]:
    """For each node, the keys of the platforms (node id -> key) whose ego network holds it."""
    out: dict[str, list[str]] = defaultdict(list)
    for node_id, key in platforms.items():
        if node_id in g:
            for n in sorted(ego_nodes(g, node_id)):
                out[n].append(key)
    return dict(out)


def _metric_of(g: nx.MultiDiGraph, obs: str) -> str | None:
    targets = sorted(v for _, v, rel in g.out_edges(obs, keys=True) if rel == "ofMetric")
    return targets[0] if targets else None


def _folded_into(g: nx.MultiDiGraph) -> dict[str, str]:
    """Observation -> the metric :func:`summarise` folds it into."""
    return {n: m for n in g if kind(g, n) == "observation" and (m := _metric_of(g, n)) is not None}


def summarise(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Observations folded into their metric: edges re-attached to it with counts, ``collapsed`` set."""
    return _summarise(g, _folded_into(g))


def _summarise(g: nx.MultiDiGraph, into: Mapping[str, str]) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        if n not in into:
            h.add_node(n, rec=attrs["rec"], collapsed=attrs.get("collapsed", 0))
    for m in into.values():
        h.nodes[m]["collapsed"] += 1
    for u, v, rel, attrs in g.edges(keys=True, data=True):
        a, b = into.get(u, u), into.get(v, v)
        if a == b:
            continue
        if h.has_edge(a, b, key=rel):
            h.edges[a, b, rel]["count"] += attrs.get("count", 1)
        else:
            h.add_edge(a, b, key=rel, relation=rel, count=attrs.get("count", 1))
    return h


KEPT_FIRST = ("platform", "policy", "metric", "role", "organization", "person", "observation", "article")
"""The order in which :func:`strongest` keeps kinds of node: the governance facts before their sources."""


EDGES_PER_NODE = 4
""":func:`strongest` keeps at most this many edges per node it may keep: at 100,000 articles the
5,000 first nodes (3,130 of them articles) had 112,393 edges among them: 11 MB of a 14 MB page."""


def strongest(g: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """``g`` itself when it has at most ``limit`` nodes; else its first nodes by kind
    (:data:`KEPT_FIRST`), then degree (most connected first), then id, with the edges among them:
    ``limit`` nodes at most, and no node whose edges to those before it would take the edges past
    ``EDGES_PER_NODE * limit``. The pages cut with :func:`fold_strongest`, which equals this on
    ``summarise(g)`` without building it (the tests compare the two)."""
    if g.number_of_nodes() <= limit:
        return g

    def edges_to(n: str, keep: set[str]) -> int:
        return sum(len(g[n][m]) for m in g.successors(n) if m in keep or m == n) + sum(
            len(g[m][n]) for m in g.predecessors(n) if m in keep)

    return induced(g, _kept(g, g, g.degree, edges_to, limit))


def _kept(g: nx.MultiDiGraph, nodes: Iterable[str], degree: Callable[[str], int],
          edges_to: Callable[[str, set[str]], int], limit: int) -> set[str]:
    """The nodes :func:`strongest` keeps: by kind (:data:`KEPT_FIRST`), then ``degree`` (highest
    first), then id, while there are fewer than ``limit`` and the edges among them (``edges_to``: a
    node's edges to those kept before it) stay within ``EDGES_PER_NODE * limit``."""
    rank = {k: i for i, k in enumerate(KEPT_FIRST)}
    keep: set[str] = set()
    edges = 0
    for n in sorted(nodes, key=lambda n: (rank.get(kind(g, n), len(rank)), -degree(n), n)):
        if len(keep) == limit:
            break
        added = edges_to(n, keep)
        if edges + added > EDGES_PER_NODE * limit:
            break
        keep.add(n)
        edges += added
    return keep


def fold_strongest(g: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, int]:
    """``strongest(summarise(g), limit)`` (the same nodes, edges, attributes and order) and the
    number of nodes of ``summarise(g)``, without building ``summarise(g)`` when it has more than
    ``limit`` nodes: its edges are counted in one dict, and only the kept nodes become a graph (at
    100,000 built articles the folded graph was 101,870 nodes and 1,431,254 edges, for a page of
    2,231 nodes)."""
    into = _folded_into(g)
    nodes = [n for n in g if n not in into]
    if len(nodes) <= limit:
        return _summarise(g, into), len(nodes)
    counts: dict[tuple[str, str, str], int] = {}  # (source, target, relation) -> count, in summarise's order
    for u, v, rel, attrs in g.edges(keys=True, data=True):
        a, b = into.get(u, u), into.get(v, v)
        if a != b:
            counts[a, b, rel] = counts.get((a, b, rel), 0) + attrs.get("count", 1)
    neighbours: dict[str, list[str]] = defaultdict(list)  # one entry per folded edge, both ends
    for a, b, _ in counts:
        neighbours[a].append(b)
        neighbours[b].append(a)
    keep = _kept(g, nodes, lambda n: len(neighbours.get(n, ())),
                 lambda n, kept: sum(1 for m in neighbours.get(n, ()) if m in kept), limit)
    collapsed: dict[str, int] = defaultdict(int)
    for m in into.values():
        collapsed[m] += 1
    h = nx.MultiDiGraph()
    for n in nodes:
        if n in keep:
            attrs = g.nodes[n]
            h.add_node(n, rec=attrs["rec"], collapsed=attrs.get("collapsed", 0) + collapsed.get(n, 0))
    out: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for (a, b, rel), count in counts.items():
        if a in keep and b in keep:
            out[a].append((b, rel, count))
    for a in h:  # as induced() copies: by source in node order, then each target's first edge
        by_target: dict[str, list[tuple[str, int]]] = {}
        for b, rel, count in out.get(a, ()):
            by_target.setdefault(b, []).append((rel, count))
        h.add_edges_from((a, b, rel, {"relation": rel, "count": count}) for b, rels in by_target.items() for rel, count in rels)
    return h, len(nodes)


def _owners(u: nx.Graph, roots: Iterable[str]) -> tuple[dict[str, str], dict[str, str | None]]:
    """Multi-source BFS: nearest root and BFS parent of each reachable node (deterministic)."""
    owner: dict[str, str] = {}
    parent: dict[str, str | None] = {}
    queue: deque[str] = deque()
    for r in roots:
        if r not in owner:
            owner[r], parent[r] = r, None
            queue.append(r)
    while queue:
        n = queue.popleft()
        for m in sorted(u.neighbors(n)):
            if m not in owner:
                owner[m], parent[m] = owner[n], n
                queue.append(m)
    return owner, parent


def _rings(nodes: list[str], root: str, parent: Mapping[str, str | None], spacing: float) -> dict[str, tuple[float, float]]:
    """Concentric rings by BFS depth around ``root``, children kept near their parent's angle."""
    depth: dict[str, int] = {root: 0}
    for n in nodes:  # nodes come in BFS order, so a parent's depth is known first
        p = parent.get(n)
        if n != root:
            depth[n] = depth.get(p, 0) + 1 if p is not None else 1
    pos: dict[str, tuple[float, float]] = {root: (0.0, 0.0)}
    angle: dict[str, float] = {root: 0.0}
    radius = 0.0
    for d in range(1, max(depth.values(), default=0) + 1):
        ring = sorted((n for n in nodes if depth[n] == d), key=lambda n: (angle.get(parent.get(n) or root, 0.0), n))
        radius = max(radius + 3 * spacing, len(ring) * spacing / (2 * math.pi))
        for i, n in enumerate(ring):
            a = 2 * math.pi * i / len(ring)
            angle[n] = a
            pos[n] = (radius * math.cos(a), radius * math.sin(a))
    return pos


def _cluster(u: nx.Graph, nodes: list[str], root: str, parent: Mapping[str, str | None], seed: int, spacing: float) -> dict[str, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= SPRING_LIMIT:
        scale = spacing * math.sqrt(len(nodes)) * 1.2
        raw = nx.spring_layout(_in_order(u, sorted(nodes)), seed=seed, scale=scale)
        return {n: (float(x), float(y)) for n, (x, y) in raw.items()}
    return _rings(nodes, root, parent, spacing)


def _in_order(u: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The subgraph of ``u`` on ``nodes`` with its nodes in that order: spring_layout places nodes
    in the graph's order (a subgraph view of few nodes iterates them in a set's order, which changes
    with the process's string hashes)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((a, b) for a in nodes for b in u[a] if b in keep)
    return sub


def _pack(clusters: list[dict[str, tuple[float, float]]], spacing: float) -> dict[str, tuple[float, float]]:
    """Shelf-pack clusters (largest first) into rows of roughly square overall shape."""
    boxes = []
    for c in clusters:
        xs, ys = [p[0] for p in c.values()], [p[1] for p in c.values()]
        boxes.append((c, min(xs), min(ys), max(xs) - min(xs) + 2 * spacing, max(ys) - min(ys) + 2 * spacing))
    boxes.sort(key=lambda b: (-b[3] * b[4], sorted(b[0])[0]))
    limit = max(max((b[3] for b in boxes), default=0.0), math.sqrt(sum(b[3] * b[4] for b in boxes)) * 1.1)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for c, x0, y0, w, h in boxes:
        if x > 0 and x + w > limit:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (px, py) in c.items():
            out[n] = (round(x + px - x0 + spacing, 1), round(y + py - y0 + spacing, 1))
        x, row_h = x + w, max(row_h, h)
    return out


def layout(g: nx.MultiDiGraph, *, seed: int = 42, spacing: float = 40.0) -> dict[str, tuple[float, float]]:
    """Fixed positions (pixels) for every node: one cluster per nearest platform, packed on a grid.

    Small clusters use ``nx.spring_layout`` with ``seed``; large ones concentric
    BFS rings (linear time, no scipy). Deterministic for a given graph.
    """
    u = nx.Graph(g.to_undirected(as_view=True))
    roots = sorted(n for n in u if kind(g, n) == "platform")
    owner, parent = _owners(u, roots)
    for comp in sorted((sorted(c) for c in nx.connected_components(u)), key=lambda c: c[0]):
        if comp[0] not in owner:
            sub_owner, sub_parent = _owners(u.subgraph(comp), [comp[0]])
            owner.update(sub_owner)
            parent.update(sub_parent)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in owner:  # insertion order is BFS order
        groups[owner[n]].append(n)
    clusters = [_cluster(u, nodes, root, parent, seed, spacing) for root, nodes in sorted(groups.items())]
    return _pack(clusters, spacing)
