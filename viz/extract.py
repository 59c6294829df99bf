"""Read what the graph pages show out of a pyoxigraph store (docs/model.md).

``read_graph(store)`` is the only function touching the store; everything it
returns is plain frozen data, so the rest of the stage is pure. Node ids are
compact forms of the IRIs (``platform/douyin_ecommerce``), never full URLs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox

from pgkg.graph.iri import RESOLUTION_GRAPH
from pgkg.ingest.facts import MEASURE_KINDS
from pgkg.ontology import AREA, ID, ONTOLOGY_GRAPH, PGKG_NS, ROLE

ID_NS = str(ID)
ROLE_NS = str(ROLE)
AREA_NS = str(AREA)
PROV_NS = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EVIDENCE_NS = ID_NS + "evidence/"

POLICY_SUBCLASSES = frozenset(MEASURE_KINDS)
_CLASS_KINDS = {
    "Platform": "platform",
    "Metric": "metric",
    "Observation": "observation",
    "Person": "person",
    "Article": "article",
    "StakeholderRole": "role",
    "Organization": "organization",
}
_PREFIX_KINDS = (
    (ID_NS + "platform/", "platform"),
    (ID_NS + "org/", "organization"),
    (ID_NS + "policy/", "policy"),
    (ID_NS + "metric/", "metric"),
    (ID_NS + "obs/", "observation"),
    (ID_NS + "person/", "person"),
    (ID_NS + "article/", "article"),
    (ROLE_NS, "role"),
)
_KIND_ORDER = ("platform", "policy", "observation", "metric", "person", "article", "role", "organization")

_EDGE_PREDICATES: Mapping[str, str] = MappingProxyType(
    {
        **{PGKG_NS + name: name for name in (
            "announces", "issuedBy", "targets", "benefits", "obliges", "ofMetric", "ofPlatform",
            "attributedTo", "conflictsWith", "speaksFor", "reportsOn", "mentions", "mentionsStakeholder",
        )},
        PROV_NS + "wasDerivedFrom": "source",
    }
)
_ONTOLOGY_EDGE_PREDICATES: Mapping[str, str] = MappingProxyType(
    {PGKG_NS + "partOf": "partOf", PGKG_NS + "operatedBy": "operatedBy"}
)
_ATTRIBUTES: Mapping[str, str] = MappingProxyType(
    {
        PGKG_NS + "key": "key",
        "http://www.w3.org/2004/02/skos/core#notation": "key",
        PGKG_NS + "value": "value",
        PGKG_NS + "unit": "unit",
        PGKG_NS + "qualifier": "qualifier",
        PGKG_NS + "change": "change",
        PGKG_NS + "period": "period",
        PGKG_NS + "surfaceForm": "surfaceForm",
        PGKG_NS + "role": "role",
        PGKG_NS + "outlet": "outlet",
        "http://purl.org/dc/terms/title": "title",
        "http://purl.org/dc/terms/issued": "issued",
    }
)
_LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
)
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
SHOWN_ATTRIBUTES = ("value", "unit", "qualifier", "change", "period", "surfaceForm", "role", "outlet", "issued")


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: str
    title: str
    outlet: str | None
    issued: str | None


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    sentence: str
    article: str | None


@dataclass(frozen=True, slots=True)
class NodeRec:
    id: str
    kind: str
    subclass: str | None
    zh: str | None
    en: str | None
    key: str | None
    category: str | None
    alt: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...]
    evidence: tuple[EvidenceRef, ...]
    sources: frozenset[str]

    @property
    def label(self) -> str:
        return self.zh or self.en or self.key or self.id.rsplit("/", 1)[-1]

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass(frozen=True, slots=True, order=True)
class EdgeRec:
    source: str
    target: str
    relation: str


@dataclass(frozen=True, slots=True)
class GraphData:
    nodes: Mapping[str, NodeRec]
    edges: tuple[EdgeRec, ...]
    articles: Mapping[str, ArticleRef]


def compact_id(iri: str) -> str:
    """Short, URL-free node id: ``https://w3id.org/pgkg/id/platform/x`` -> ``platform/x``."""
    for ns, prefix in ((ID_NS, ""), (ROLE_NS, "role/"), (AREA_NS, "area/")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return "iri/" + iri.split("://", 1)[-1]


def classify(iri: str, types: Iterable[str]) -> tuple[str, str | None] | None:
    """(kind, policy subclass) of a node from its rdf:types, falling back to its IRI; None if not shown."""
    local = {t[len(PGKG_NS):] for t in types if t.startswith(PGKG_NS)}
    policy = local & POLICY_SUBCLASSES
    if "Platform" in local:
        return "platform", None
    if policy:
        specific = sorted(policy - {"Policy"}) or ["Policy"]
        return "policy", specific[0]
    for cls in ("Metric", "Observation", "Person", "Article", "StakeholderRole", "Organization"):
        if cls in local:
            return _CLASS_KINDS[cls], None
    if local & {"Evidence", "GovernanceArea"}:
        return None
    for prefix, kind in _PREFIX_KINDS:
        if iri.startswith(prefix):
            return kind, None
    return None


def _rows(store: ox.Store, query: str) -> Iterator[tuple[str | None, ...]]:
    """The solutions of ``query`` as tuples of term values, one at a time (read once: the callers
    keep only some rows, and at 100,000 built articles a list of every row took gigabytes)."""
    for row in store.query(query):  # type: ignore[union-attr]
        yield tuple(None if term is None else term.value for term in row)


def _lang_rows(store: ox.Store, query: str) -> Iterator[tuple[str, str, str, str | None]]:
    for r in store.query(query):  # type: ignore[union-attr]
        yield r[0].value, r[1].value, r[2].value, getattr(r[2], "language", None)


def _in(predicates: Iterable[str]) -> str:
    return ", ".join(f"<{p}>" for p in sorted(predicates))


def _values_of(variable: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


_NOT_EVIDENCE = f'!STRSTARTS(STR(?s), "{EVIDENCE_NS}")'
"""Evidence nodes (minted under ``id:evidence/``) are never drawn: their statements are not read."""


def _only_in(store: ox.Store, graphs: Iterable[str], predicate: str) -> set[tuple[str, str, str]]:
    """The ``predicate`` statements of ``graphs`` that no other named graph holds (so that the
    merged graph has them from ``graphs`` alone)."""
    names = {ox.NamedNode(g) for g in graphs}
    p = ox.NamedNode(predicate)
    out = set()
    for graph in names:
        for q in store.quads_for_pattern(None, p, None, graph):
            others = (x.graph_name for x in store.quads_for_pattern(q.subject, p, q.object))
            if not any(isinstance(g, ox.NamedNode) and g not in names for g in others):
                out.add((q.subject.value, predicate, q.object.value))
    return out


def _edge_rows(store: ox.Store) -> set[tuple[str, str, str]]:
    """The relations between IRIs that an article or the resolution graph states: read from the
    merged graph, but for those only the ontology graph holds. An IRI that many relations name is
    kept as one string."""
    ontology_only = {e for p in _EDGE_PREDICATES for e in _only_in(store, (ONTOLOGY_GRAPH,), p)}
    iris: dict[str, str] = {}
    out = set()
    for s, p, o in _rows(
        store,
        f"SELECT ?s ?p ?o WHERE {{ {_values_of('p', _EDGE_PREDICATES)} ?s ?p ?o "
        f"FILTER(isIRI(?s) && isIRI(?o) && {_NOT_EVIDENCE}) }}",
    ):
        if (s, p, o) not in ontology_only:
            out.add((iris.setdefault(s, s), _EDGE_PREDICATES[p], iris.setdefault(o, o)))  # type: ignore[arg-type,index]
    return out


def _ontology_edge_rows(store: ox.Store) -> list[tuple[str, str, str]]:
    data = _rows(
        store,
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} "
        f"FILTER(isIRI(?o) && ?p IN ({_in(_ONTOLOGY_EDGE_PREDICATES)})) }}",
    )
    return [(s, _ONTOLOGY_EDGE_PREDICATES[p], o) for s, p, o in data]  # type: ignore[index]


def _types(store: ox.Store) -> dict[str, set[str]]:
    """IRI -> its rdf:types in the merged graph (evidence nodes left out)."""
    out: dict[str, set[str]] = defaultdict(set)
    for s, t in _rows(store, f"SELECT ?s ?t WHERE {{ ?s a ?t FILTER(isIRI(?s) && {_NOT_EVIDENCE}) }}"):
        out[s].add(t)  # type: ignore[index,arg-type]
    return out


def _typed_in_articles(store: ox.Store, types: Mapping[str, set[str]]) -> set[str]:
    """The nodes of ``types`` (the merged graph's) that an article graph types: all but those that
    only the ontology or the resolution graph types."""
    special = {ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(RESOLUTION_GRAPH)}
    rdf_type = ox.NamedNode(RDF_TYPE)
    typed_there = {q.subject for g in special for q in store.quads_for_pattern(None, rdf_type, None, g)}
    only_there = {
        s.value for s in typed_there
        if not any(isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in special
                   for q in store.quads_for_pattern(s, rdf_type, None))
    }
    return set(types) - only_there


def _dedupe_targets(edges: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Drop ``targets`` where the same pair also has the sub-property ``benefits``/``obliges``."""
    specific = {(s, o) for s, r, o in edges if r in ("benefits", "obliges")}
    return {(s, r, o) for s, r, o in edges if not (r == "targets" and (s, o) in specific)}


def _choose(values: Iterable[str]) -> str | None:
    ordered = sorted(set(values))
    return ordered[0] if ordered else None


def _labels(rows: Iterable[tuple[str, str, str, str | None]]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o, lang in rows:
        slot = "alt" if p == _ALT_LABEL else ("en" if (lang or "").startswith("en") else "zh")
        out[s][slot].append(o)
    return out


Kinds = dict[str, tuple[str, str | None]]
Table = dict[str, dict[str, list[str]]]


def _drawn(store: ox.Store) -> tuple[Kinds, set[tuple[str, str, str]]]:
    """The drawable nodes (IRI -> (kind, subclass)) and the relations between them."""
    types = _types(store)
    edges = _edge_rows(store)
    candidates = {x for s, _, o in edges for x in (s, o)} | _typed_in_articles(store, types)
    shown: Kinds = {}
    for iri in candidates:
        kind = classify(iri, types.get(iri, ()))
        if kind is not None:
            shown[iri] = kind
    edges = {e for e in edges if e[0] in shown and e[2] in shown and e[0] != e[2]}
    edges |= {e for e in _ontology_edge_rows(store) if e[0] in shown and e[2] in shown}
    return shown, _dedupe_targets(edges)


def _values(iris: Iterable[str]) -> str:
    ordered = sorted(iris)
    return f"VALUES ?s {{ {' '.join(f'<{i}>' for i in ordered)} }}" if ordered else "FILTER(false)"


def _literals(store: ox.Store, shown: Kinds) -> tuple[Table, Table]:
    """(labels by slot zh/en/alt, attributes by name) of the ``shown`` nodes.

    Read for every node and kept for the shown ones: at 10,000 built articles 1.5 s, against 3.9 s
    with the 41,000 shown IRIs as a VALUES block."""
    labels = _labels(
        row for row in _lang_rows(
            store,
            f"SELECT ?s ?p ?o WHERE {{ {_values_of('p', (*_LABELS, _ALT_LABEL))} ?s ?p ?o FILTER(isLiteral(?o)) }}",
        )
        if row[0] in shown
    )
    attrs: Table = defaultdict(lambda: defaultdict(list))
    for s, p, o, _lang in _lang_rows(
        store, f"SELECT ?s ?p ?o WHERE {{ {_values_of('p', _ATTRIBUTES)} ?s ?p ?o FILTER(isLiteral(?o) && {_NOT_EVIDENCE}) }}"
    ):
        if s in shown:
            attrs[s][_ATTRIBUTES[p]].append(o)
    return labels, attrs


def _categories(store: ox.Store, values: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for s, area, notation in _rows(
        store,
        f"SELECT DISTINCT ?s ?a ?n WHERE {{ {values} ?s <{PGKG_NS}category> ?a "
        f"OPTIONAL {{ ?a <http://www.w3.org/2004/02/skos/core#notation> ?n }} }}",
    ):
        out[s].append(notation or compact_id(area).rsplit("/", 1)[-1])  # type: ignore[arg-type,index]
    return out


def _evidence(store: ox.Store, shown: Kinds) -> dict[str, set[tuple[str, str | None]]]:
    """Node IRI -> {(sentence, article IRI or None)} for the ``shown`` nodes (read for every node:
    2.5 s at 10,000 built articles, against 4.7 s with the shown IRIs as a VALUES block). A sentence
    that several facts quote is kept once."""
    out: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    sentences: dict[str, str] = {}
    for s, sentence, art in _rows(
        store,
        f"SELECT ?s ?sent ?a WHERE {{ ?s <{PGKG_NS}evidence> ?ev . "
        f"?ev <{PGKG_NS}sentence> ?sent OPTIONAL {{ ?ev <{PROV_NS}wasDerivedFrom> ?a }} }}",
    ):
        if s in shown:
            text = sentences.setdefault(sentence, sentence)  # type: ignore[arg-type]
            out[s].add((text, art if art in shown else None))  # type: ignore[index]
    return out


def _articles(shown: Kinds, ids: Mapping[str, str], attrs: Table) -> dict[str, ArticleRef]:
    out = {}
    for iri, (kind, _) in shown.items():
        if kind == "article":
            nid = ids[iri]
            a = attrs.get(iri, {})
            out[nid] = ArticleRef(
                id=nid,
                title=_choose(a.get("title", ())) or nid.rsplit("/", 1)[-1],
                outlet=_choose(a.get("outlet", ())),
                issued=_choose(a.get("issued", ())),
            )
    return dict(sorted(out.items()))


def _sources(
    shown: Kinds,
    ids: Mapping[str, str],
    edges: set[tuple[str, str, str]],
    evidence: Mapping[str, set[tuple[str, str | None]]],
) -> dict[str, set[str]]:
    """Node IRI -> ids of the articles it comes from (platforms and roles: the articles naming them)."""
    out: dict[str, set[str]] = defaultdict(set)
    for s, r, o in edges:
        if r == "source" and shown[o][0] == "article":
            out[s].add(ids[o])
        elif r in ("reportsOn", "mentions", "mentionsStakeholder"):
            out[o].add(ids[s])
    for s, evs in evidence.items():
        out[s].update(ids[a] for _, a in evs if a)
    for s, r, o in sorted(edges):  # metrics and organisations count the articles of what points at them
        if r in ("ofMetric", "speaksFor", "issuedBy") and shown[o][0] in ("metric", "organization"):
            out[o] |= out.get(s, set())
    for iri, (kind, _) in shown.items():
        if kind == "article":
            out[iri] = {ids[iri]}
    return out


def _node(
    iri: str,
    ids: Mapping[str, str],
    kind: str,
    subclass: str | None,
    labels: Mapping[str, list[str]],
    attrs: Mapping[str, list[str]],
    category: str | None,
    evidence: Iterable[tuple[str, str | None]],
    sources: Iterable[str],
    title: str | None,
) -> NodeRec:
    return NodeRec(
        id=ids[iri],
        kind=kind,
        subclass=subclass,
        zh=_choose(labels.get("zh", ())) or title,
        en=_choose(labels.get("en", ())),
        key=_choose(attrs.get("key", ())),
        category=category,
        alt=tuple(sorted(set(labels.get("alt", ())))),
        attrs=tuple((n, v) for n in SHOWN_ATTRIBUTES if (v := _choose(attrs.get(n, ()))) is not None),
        evidence=tuple(
            EvidenceRef(sentence, ids[a] if a else None)
            for sentence, a in sorted(evidence, key=lambda e: (e[1] or "", e[0]))
        ),
        sources=frozenset(sources),
    )


def read_graph(store: ox.Store) -> GraphData:
    """Everything the pages show, read from ``store``'s merged default graph (the union of its named
    graphs, as every build keeps it); the ontology graph is read for its own relations and to leave
    out what only it, or only the resolution graph, states.

    Each kind of statement is read whole with one pattern and kept for the shown nodes: at 10,000
    built articles 14-16 s, against 26-28 s when the relations were read from every named graph
    (``GRAPH ?g``, with DISTINCT) and the literals and evidence of the 41,000 shown IRIs through a
    VALUES block; the same nodes, relations and articles.

    Every node's id is one string object, shared by its record, the relations and the other nodes'
    sources and evidence (at 100,000 built articles each article id is referred to dozens of times)."""
    shown, edges = _drawn(store)
    ids = {iri: compact_id(iri) for iri in shown}
    labels, attrs = _literals(store, shown)
    categories = _categories(store, _values(shown))
    evidence = _evidence(store, shown)
    articles = _articles(shown, ids, attrs)
    sources = _sources(shown, ids, edges, evidence)
    nodes = [
        _node(
            iri,
            ids,
            kind,
            subclass,
            labels.get(iri, {}),
            attrs.get(iri, {}),
            _choose(categories.get(iri, ())),
            evidence.get(iri, ()),
            sources.get(iri, ()),
            articles[ids[iri]].title if kind == "article" else None,
        )
        for iri, (kind, subclass) in shown.items()
    ]
    nodes.sort(key=lambda n: (_KIND_ORDER.index(n.kind), n.id))
    return GraphData(
        nodes=MappingProxyType({n.id: n for n in nodes}),
        # sorted as plain tuples, then made records: EdgeRec's generated ordering builds two tuples
        # per comparison (at 100,000 built articles 37 million comparisons)
        edges=tuple(EdgeRec(s, o, r) for s, o, r in sorted((ids[s], ids[o], r) for s, r, o in edges)),
        articles=MappingProxyType(articles),
    )
