"""Exports of the store: RDF serialisations, network projections, CSV, facts.jsonl.

* ``trig``, ``nquads``, ``jsonld``: the named graphs (articles, ontology,
  resolution); the store's default graph, their merge, is derived and left out.
* ``turtle``: the merged graph (named graphs cannot be expressed).
* ``graphml``, ``gexf``: a networkx projection on IRI-to-IRI edges
  (:func:`to_networkx`); literals never become nodes.
* ``facts``: facts.jsonl rows (:func:`export_facts`), the format the scorer
  reads (shared/gold/README.md), from each article's named graph (:func:`article_rows`).
* :func:`select_csv`: CSV of any SELECT query.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pyoxigraph as ox

from pgkg.errors import PgkgError, QueryError
from pgkg.ontology import AREA, ID, ONTOLOGY_GRAPH, PGKG_NS, ROLE
from pgkg.ontology.terms import POLICY_CLASSES

from .iri import GRAPH_NS, source_of_graph
from .store import MERGED, article_graphs

if TYPE_CHECKING:
    import networkx as nx

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
DCT_NS = "http://purl.org/dc/terms/"

PREFIXES: dict[str, str] = {
    "pgkg": PGKG_NS, "role": str(ROLE), "area": str(AREA), "id": str(ID), "prov": PROV_NS,
    "dcterms": DCT_NS, "schema": "https://schema.org/", "skos": SKOS_NS,
    "xsd": "http://www.w3.org/2001/XMLSchema#", "rdfs": RDFS_NS, "rdf": RDF_NS, "owl": OWL_NS,
}

FORMATS: dict[str, str] = {
    "trig": "pgkg.trig", "nquads": "pgkg.nq", "turtle": "pgkg.ttl", "jsonld": "pgkg.jsonld",
    "graphml": "pgkg.graphml", "gexf": "pgkg.gexf", "facts": "facts.jsonl",
}
"""Export formats and the file name used when ``out`` is a folder."""

_SEP = "\u001f"
_POLICY_CLASSES = frozenset(str(c) for c in POLICY_CLASSES)


# --------------------------------------------------------------------------- RDF


def named_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the named graphs, graph by graph (the merged default graph left out)."""
    for graph in sorted(store.named_graphs(), key=str):
        yield from store.quads_for_pattern(None, None, None, graph)


def _dump(store: ox.Store, fmt: ox.RdfFormat, out: Path) -> Path:
    with out.open("wb") as fh:
        ox.serialize(named_quads(store), fh, format=fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TRIG else None)
    return out


def merged_triples(store: ox.Store) -> list[ox.Triple]:
    """The triples of the merged graph (every distinct triple of the named graphs), sorted."""
    return sorted((ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, MERGED)), key=str)


def write_turtle(store: ox.Store, out: Path) -> Path:
    """The merged graph as Turtle."""
    out.write_bytes(ox.serialize(merged_triples(store), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"")
    return out


# --------------------------------------------------------------------------- network projection


_STRUCTURAL = (RDF_NS, RDFS_NS, OWL_NS)
_SKIPPED_PREDICATES = frozenset({SKOS_NS + "inScheme", SKOS_NS + "topConceptOf", SKOS_NS + "hasTopConcept"})


def _is_projected(quad: ox.Quad, include_evidence: bool) -> bool:
    s, p, o = quad.subject, quad.predicate, quad.object
    if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)):
        return False
    if p.value.startswith(_STRUCTURAL) or p.value in _SKIPPED_PREDICATES:
        return False
    if s.value.startswith((PGKG_NS, GRAPH_NS)) or o.value.startswith(PGKG_NS) or s.value == PGKG_NS.rstrip("#"):
        return False  # ontology terms and graph-level provenance
    if not include_evidence and (p.value == PGKG_NS + "evidence" or s.value.startswith(f"{ID}evidence/")):
        return False
    return True


def compact(iri: str) -> str:
    """``pgkg:reportsOn`` for a known namespace, else the IRI."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


_LABEL_PRIORITY: dict[str, int] = {
    RDFS_NS + "label": 0, SKOS_NS + "prefLabel": 0, DCT_NS + "title": 1, PGKG_NS + "sourceFile": 2,
}


def _labels(store: ox.Store) -> dict[str, str]:
    """A display label per IRI: rdfs:label/skos:prefLabel (zh first), else title, else source file."""
    values = " ".join(f"<{p}>" for p in _LABEL_PRIORITY)
    query = f"SELECT ?x ?p ?l WHERE {{ VALUES ?p {{ {values} }} ?x ?p ?l }}"
    ranked: dict[str, tuple[int, int, str]] = {}
    for row in store.query(query):
        lit = row["l"]
        language = 0 if lit.language == "zh" else 1 if not lit.language else 2
        rank = (_LABEL_PRIORITY[row["p"].value], language, lit.value)
        current = ranked.get(row["x"].value)
        if current is None or rank < current:
            ranked[row["x"].value] = rank
    return {iri: rank[2] for iri, rank in ranked.items()}


def _most_specific(types: set[str]) -> str:
    local = sorted(t[len(PGKG_NS):] for t in types if t.startswith(PGKG_NS))
    specific = [t for t in local if t not in ("Policy", "Organization", "Evidence")] or local
    if specific:
        return specific[0]
    return sorted(compact(t) for t in types)[0] if types else ""


def _types(store: ox.Store) -> dict[str, str]:
    found: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, ox.NamedNode(RDF_NS + "type"), None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            found[q.subject.value].add(q.object.value)
    return {iri: _most_specific(types) for iri, types in found.items()}


def to_networkx(store: ox.Store, *, include_evidence: bool = False) -> nx.MultiDiGraph:
    """Project the store on IRI-to-IRI edges (one edge per subject, predicate, object; ``weight`` = graphs).

    Skipped: rdf/rdfs/owl and SKOS-scheme structure, ontology terms, graph-level
    provenance and (unless ``include_evidence``) Evidence nodes. Nodes carry
    ``label`` and ``type`` (local name of the most specific pgkg class); edges
    carry ``predicate`` (compact IRI) and ``weight``.
    """
    weights: dict[tuple[str, str, str], int] = defaultdict(int)
    for quad in named_quads(store):
        if _is_projected(quad, include_evidence):
            weights[(quad.subject.value, quad.predicate.value, quad.object.value)] += 1
    import networkx as nx  # noqa: PLC0415  (a build writes no projection: it never loads networkx)

    labels, types = _labels(store), _types(store)
    graph = nx.MultiDiGraph()
    for s, p, o in sorted(weights):
        for node in (s, o):
            if node not in graph:
                graph.add_node(node, label=labels.get(node, _local_name(node)), type=types.get(node, ""))
        graph.add_edge(s, o, key=compact(p), predicate=compact(p), weight=weights[(s, p, o)])
    return graph


def _local_name(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


# --------------------------------------------------------------------------- CSV


def select_csv(store: ox.Store, query: str) -> bytes:
    """Results of a SELECT query as CSV (SPARQL 1.1 CSV results); QueryError otherwise."""
    try:
        results = store.query(query)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL query: {exc}") from exc
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT queries can be exported as CSV")
    return results.serialize(format=ox.QueryResultsFormat.CSV) or b""


def write_select_csv(store: ox.Store, query: str, out: Path) -> Path:
    """Write :func:`select_csv` to ``out``."""
    out.write_bytes(select_csv(store, query))
    return out


# --------------------------------------------------------------------------- facts.jsonl


def _select(store: ox.Store, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | None]]:
    results = store.query(query)
    names = [v.value for v in results.variables]
    return [{n: row[n] for n in names} for row in results]


def _v(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    return None if term is None else term.value


def _concept_key(iri: str, namespace: str) -> str:
    return unquote(iri[len(namespace):]) if iri.startswith(namespace) else _local_name(iri)


def _platform_name(iri: str | None, zh: dict[str, str]) -> str | None:
    if iri is None:
        return None
    return zh.get(iri, _local_name(iri))


def _number(text: str) -> int | float:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def zh_labels(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """The smallest zh ``skos:prefLabel``/``rdfs:label`` of every node of ``quads`` (the ontology graph:
    platforms, lexicon organisations, SKOS concepts)."""
    labels: dict[str, str] = {}
    for q in quads:
        if q.predicate.value in _LABEL_PREDICATES and isinstance(q.object, ox.Literal) and q.object.language == "zh":
            x = q.subject.value
            if x not in labels or q.object.value < labels[x]:
                labels[x] = q.object.value
    return labels


def _zh_labels(store: ox.Store) -> dict[str, str]:
    return zh_labels(store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))


_LABEL_PREDICATES = frozenset({SKOS_NS + "prefLabel", RDFS_NS + "label"})
_TYPE = RDF_NS + "type"
_LABEL = RDFS_NS + "label"
_P = PGKG_NS


@lru_cache(maxsize=4096)  # predicates, classes and shared nodes stay: 88% hits; 65,536 held 13 MB for 92%
def ntriples_value(term: str) -> str:
    """``.value`` of a term given in N-Triples syntax as ``str()`` of a pyoxigraph term writes it
    (``<iri>``, ``"text"``, ``"text"@zh``, ``"5"^^<datatype>``): the IRI or the lexical form.

    The quoted part of a literal is decoded as JSON: the escapes Oxigraph writes
    (``\\"``, ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\f``, ``\\uXXXX`` for other
    control chars) are JSON's, and neither a language tag nor a datatype IRI holds
    a ``"``. ValueError for anything else (a blank node, a malformed term).
    """
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    if term.startswith('"'):
        end = term.rindex('"')
        quoted = term[1:end]
        if end > 0 and "\\" not in quoted and '"' not in quoted:
            return quoted  # no escapes: the quoted part as it is (what json.loads gives, faster)
        try:
            value = json.loads(term[: end + 1])
        except ValueError:
            value = None
        if isinstance(value, str):
            return value
    raise ValueError(f"not an IRI or literal in N-Triples syntax: {term[:80]!r}")


class _Index:
    """One article graph, subject -> predicate -> values (``.value`` of the terms: STR() in SPARQL).

    The rows read values as sets (least, sorted, any): their order in the lists does not matter."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.announced_by: dict[str, list[str]] = defaultdict(list)
        for q in quads:
            s, p, o = q.subject.value, q.predicate.value, q.object.value
            self.out[s][p].append(o)
            if p == _P + "announces":
                self.announced_by[o].append(s)

    @classmethod
    def of_statements(cls, statements: Iterable[tuple[str, str, str]]) -> _Index:
        """The index of triples in N-Triples syntax (``pgkg.graph.build.article_statements``),
        without parsing them into pyoxigraph terms. Sorted input (subject first) is read a
        subject and a predicate at a time; any order gives the same index."""
        index = cls(())
        announces = _P + "announces"
        for s_term, by_subject in groupby(statements, key=itemgetter(0)):
            s = ntriples_value(s_term)
            props = index.out[s]
            for p_term, triples in groupby(by_subject, key=itemgetter(1)):
                p = ntriples_value(p_term)
                values = [ntriples_value(o) for _, _, o in triples]
                props[p].extend(values)
                if p == announces:
                    for o in values:
                        index.announced_by[o].append(s)
        return index

    def values(self, s: str, *predicates: str) -> list[str]:
        props = self.out.get(s)
        if not props:
            return []
        return [v for p in predicates for v in props.get(p, ())]

    def least(self, s: str, *predicates: str) -> str | None:
        """MIN(STR(?o)) over ``s p ?o``; None when there is none."""
        values = self.values(s, *predicates)
        return min(values) if values else None

    def least_label(self, nodes: Iterable[str]) -> str | None:
        """MIN(STR(?l)) over ``?n rdfs:label ?l`` for the ``nodes``."""
        labels = [label for n in nodes for label in self.values(n, _LABEL)]
        return min(labels) if labels else None

    def typed(self, *classes: str) -> list[str]:
        wanted = set(classes)
        return sorted(s for s, props in self.out.items() if wanted.intersection(props.get(_TYPE, ())))


def _article_row(index: _Index, nodes: list[str]) -> dict | None:
    """The row of the article node (the least one with a source file, as in the SPARQL it replaces)."""
    for a in nodes:
        src = index.least(a, _P + "sourceFile")
        if src is None:
            continue
        return {
            "kind": "article", "article": src, "title": index.least(a, DCT_NS + "title"),
            "published": index.least(a, DCT_NS + "issued"), "outlet": index.least(a, _P + "outlet"),
            "author": index.least(a, _P + "author"), "url": index.least(a, "https://schema.org/url"),
            "content_hash": index.least(a, _P + "contentHash"), "iri": a,
        }
    return None


def _first_evidence(index: _Index, node: str) -> str | None:
    """The sentence of the node's earliest evidence (least start, end, sentence)."""
    best: tuple[int, int, str] | None = None
    for ev in index.values(node, _P + "evidence"):
        for start in index.values(ev, _P + "charStart"):
            for end in index.values(ev, _P + "charEnd"):
                for sentence in index.values(ev, _P + "sentence"):
                    candidate = (int(start), int(end), sentence)
                    if best is None or candidate < best:
                        best = candidate
    return best[2] if best else None


def article_rows(quads: Iterable[ox.Quad], zh: dict[str, str]) -> list[dict]:
    """facts.jsonl rows of one article's named graph (``zh``: :func:`zh_labels` of the ontology graph),
    sorted; [] for a graph without an article node."""
    return _rows(_Index(quads), zh)


def statement_rows(statements: Iterable[tuple[str, str, str]], zh: dict[str, str]) -> list[dict]:
    """:func:`article_rows` of the article graph given as N-Triples terms
    (``pgkg.graph.build.article_statements``): the same rows, without parsing the graph."""
    return _rows(_Index.of_statements(statements), zh)


def _rows(index: _Index, zh: dict[str, str]) -> list[dict]:
    articles = index.typed(_P + "Article")
    article = _article_row(index, articles)
    if article is None:
        return []
    src = article["article"]
    rows: list[dict] = [article]
    for p in sorted({p for a in articles for p in index.values(a, _P + "reportsOn")}):
        rows.append({"kind": "platform", "article": src, "name": _platform_name(p, zh), "iri": p})
    for m in index.typed(*_POLICY_CLASSES):
        categories = [_concept_key(c, str(AREA)) for c in sorted(set(index.values(m, _P + "category")))]
        targets = set(index.values(m, _P + "targets", _P + "benefits", _P + "obliges"))
        platforms = index.announced_by.get(m)
        rows.append({
            "kind": "measure", "article": src, "name": index.least(m, _LABEL),
            "platform": _platform_name(min(platforms) if platforms else None, zh),
            "category": categories[0] if categories else None, "categories": categories,
            "targets": [_concept_key(t, str(ROLE)) for t in sorted(targets)],
            "measure_kind": _most_specific(_POLICY_CLASSES.intersection(index.values(m, _TYPE))),
            "evidence": _first_evidence(index, m), "iri": m,
        })
    for o in index.typed(_P + "Observation"):
        platform, value, unit = (index.least(o, _P + p) for p in ("ofPlatform", "value", "unit"))
        if platform is None or value is None or unit is None:
            continue
        rows.append({
            "kind": "observation", "article": src, "platform": _platform_name(platform, zh),
            "metric": index.least_label(index.values(o, _P + "ofMetric")), "value": _number(value), "unit": unit,
            "qualifier": index.least(o, _P + "qualifier"), "change": index.least(o, _P + "change"),
            "period": index.least(o, _P + "period"),
            "measure": index.least_label(index.values(o, _P + "attributedTo")),
            "surface": index.least(o, _P + "surfaceForm"), "evidence": _first_evidence(index, o), "iri": o,
        })
    for c in sorted({c for a in articles for c in index.values(a, _P + "mentionsStakeholder")}):
        rows.append({"kind": "stakeholder", "article": src, "key": _concept_key(c, str(ROLE)),
                     "label": zh.get(c), "iri": c})
    for x in index.typed(_P + "Person"):
        roles = sorted(set(index.values(x, _P + "role")), key=lambda role: (-len(role), role))
        orgs = index.values(x, _P + "speaksFor")
        org = min(orgs) if orgs else None
        rows.append({
            "kind": "person", "article": src, "name": index.least(x, _LABEL),
            "role": roles[0] if roles else None, "roles": roles,
            "org": (zh.get(org) or index.least_label(orgs) or _local_name(org)) if org else None,
            "evidence": _first_evidence(index, x), "iri": x,
        })
    return sorted(rows, key=_row_order)


_KIND_ORDER = {"article": 0, "platform": 1, "measure": 2, "observation": 3, "stakeholder": 4, "person": 5}


def _row_order(row: dict) -> tuple:
    return (row["article"], _KIND_ORDER[row["kind"]], json.dumps(row, ensure_ascii=False, sort_keys=True))


def export_facts(store: ox.Store) -> Iterator[dict]:
    """facts.jsonl rows (gold README format, plus ``iri`` and a few extra fields), in a deterministic order.

    Measure rows carry the Policy subclass as ``measure_kind`` (``kind`` is
    the row kind). Unknown values are ``None``. Rows come article graph by
    article graph, in the order of their source names (:func:`article_rows`
    reads one graph at a time: the store's facts are never all in memory).
    """
    zh = _zh_labels(store)
    for graph in sorted(article_graphs(store), key=graph_order):
        yield from article_rows(store.quads_for_pattern(None, None, None, graph), zh)


def graph_order(graph: ox.NamedNode) -> tuple[str, str]:
    """Order of article graphs in facts.jsonl: by source name, then graph IRI."""
    return (source_of_graph(graph.value) or "", graph.value)


def write_facts_jsonl(store: ox.Store, path: Path) -> int:
    """Write :func:`export_facts` as JSON lines; returns the number of rows."""
    count = 0
    with Path(path).open("wb") as handle:
        for row in export_facts(store):
            handle.write(facts_lines([row]))
            count += 1
    return count


# --------------------------------------------------------------------------- dispatcher


def _target(fmt: str, out: Path) -> Path:
    path = Path(out)
    if path.is_dir():
        return path / FORMATS[fmt]
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def export(store: ox.Store, fmt: str, out: Path) -> Path:
    """Export in ``fmt`` to ``out`` (a file, or a folder to write ``FORMATS[fmt]`` into); returns the file."""
    if fmt not in FORMATS:
        raise PgkgError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    path = _target(fmt, out)
    if fmt == "trig":
        return _dump(store, ox.RdfFormat.TRIG, path)
    if fmt == "nquads":
        return _dump(store, ox.RdfFormat.N_QUADS, path)
    if fmt == "jsonld":
        return _dump(store, ox.RdfFormat.JSON_LD, path)
    if fmt == "turtle":
        return write_turtle(store, path)
    if fmt == "facts":
        write_facts_jsonl(store, path)
        return path
    import networkx as nx  # noqa: PLC0415

    graph = to_networkx(store)
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, str(path))
    return path


# --------------------------------------------------------------------------- per-graph outputs
#
# The build writes graph.trig and facts.jsonl from these, graph by graph, as
# the workers produce them (pgkg.outputs), instead of reading the store back.


def trig_header() -> bytes:
    """The ``@prefix`` lines that :func:`trig_block` relies on."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items()).encode("utf-8")


def trig_of_nquads(document: str) -> bytes:
    """:func:`trig_block` of N-Quads text, parsed strictly (SyntaxError at the first bad line): the
    quads go from the parser to the serialiser without being kept."""
    return trig_block(ox.parse(document, format=ox.RdfFormat.N_QUADS))


def trig_block(quads: Iterable[ox.Quad]) -> bytes:
    """The quads as TriG graph blocks with the :data:`PREFIXES` names, without the ``@prefix`` lines."""
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.index(b"\n", end) + 1
    return text[end:]


def facts_lines(rows: Iterable[dict]) -> bytes:
    """Rows as JSON lines (the facts.jsonl encoding)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


@lru_cache(maxsize=1)
def ontology_zh_labels() -> dict[str, str]:
    """:func:`zh_labels` of the ontology graph this pgkg writes (what a built store's ontology graph holds)."""
    from .build import ontology_quads

    return zh_labels(ontology_quads())
