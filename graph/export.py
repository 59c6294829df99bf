"""Exports of the store: RDF serialisations, network projections, CSV, facts.jsonl.

* ``trig``, ``nquads``, ``jsonld``: the named graphs (articles, ontology,
  resolution); the store's default graph, their merge, is derived and left out.
* ``turtle``: the merged graph (named graphs cannot be expressed).
* ``graphml``, ``gexf``: a networkx projection on IRI-to-IRI edges
  (:func:`to_networkx`); literals never become nodes.
* ``facts``: facts.jsonl rows (:func:`export_facts`), the format the scorer
  reads (shared/gold/README.md), by SPARQL over each article's named graph.
* :func:`select_csv`: CSV of any SELECT query.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from pgkg.errors import PgkgError, QueryError
from pgkg.ontology import AREA, ID, ONTOLOGY_GRAPH, PGKG_NS, ROLE

from .iri import GRAPH_NS, source_of_graph
from .store import MERGED, article_graphs

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

POLICY_CLASSES: tuple[str, ...] = ("Policy", "PlatformRule", "ServiceGuarantee", "EnforcementCampaign",
                                   "MerchantSupport", "ProductFeature", "Programme", "Regulation")

_SEP = "\u001f"


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


def _zh_labels(store: ox.Store) -> dict[str, str]:
    """zh labels of the ontology graph (platforms, lexicon organisations, SKOS concepts)."""
    rows = _select(store, f"""SELECT ?x ?l WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
        ?x <{SKOS_NS}prefLabel>|<{RDFS_NS}label> ?l FILTER(LANG(?l) = "zh") }} }}""")
    labels: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (_v(r["x"]), _v(r["l"]))):
        labels.setdefault(row["x"].value, row["l"].value)
    return labels


def _articles(store: ox.Store) -> dict[str, dict]:
    rows = _select(store, f"""SELECT ?g ?a ?src ?title ?issued ?outlet ?author ?url ?hash WHERE {{ GRAPH ?g {{
        ?a a <{PGKG_NS}Article> ; <{PGKG_NS}sourceFile> ?src .
        OPTIONAL {{ ?a <{DCT_NS}title> ?title }} OPTIONAL {{ ?a <{DCT_NS}issued> ?issued }}
        OPTIONAL {{ ?a <{PGKG_NS}outlet> ?outlet }} OPTIONAL {{ ?a <{PGKG_NS}author> ?author }}
        OPTIONAL {{ ?a <https://schema.org/url> ?url }} OPTIONAL {{ ?a <{PGKG_NS}contentHash> ?hash }}
        }} }}""")
    articles: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: tuple(_v(r[k]) or "" for k in r)):
        articles.setdefault(r["g"].value, {
            "kind": "article", "article": r["src"].value, "title": _v(r["title"]), "published": _v(r["issued"]),
            "outlet": _v(r["outlet"]), "author": _v(r["author"]), "url": _v(r["url"]),
            "content_hash": _v(r["hash"]), "iri": r["a"].value,
        })
    return articles


def _evidence(store: ox.Store) -> dict[tuple[str, str], str]:
    """Earliest evidence sentence of every (graph, node)."""
    rows = _select(store, f"""SELECT ?g ?x ?start ?end ?sentence WHERE {{ GRAPH ?g {{
        ?x <{PGKG_NS}evidence> ?ev . ?ev <{PGKG_NS}sentence> ?sentence ;
        <{PGKG_NS}charStart> ?start ; <{PGKG_NS}charEnd> ?end }} }}""")
    best: dict[tuple[str, str], tuple[int, int, str]] = {}
    for r in rows:
        key = (r["g"].value, r["x"].value)
        candidate = (int(r["start"].value), int(r["end"].value), r["sentence"].value)
        if key not in best or candidate < best[key]:
            best[key] = candidate
    return {key: value[2] for key, value in best.items()}


def _concept_key(iri: str, namespace: str) -> str:
    return unquote(iri[len(namespace):]) if iri.startswith(namespace) else _local_name(iri)


def _platform_name(iri: str | None, zh: dict[str, str]) -> str | None:
    if iri is None:
        return None
    return zh.get(iri, _local_name(iri))


def _platform_rows(store: ox.Store, articles: dict[str, dict], zh: dict[str, str]) -> list[dict]:
    rows = _select(store, f"""SELECT DISTINCT ?g ?p WHERE {{ GRAPH ?g {{
        ?a a <{PGKG_NS}Article> ; <{PGKG_NS}reportsOn> ?p }} }}""")
    return [{"kind": "platform", "article": articles[r["g"].value]["article"],
             "name": _platform_name(r["p"].value, zh), "iri": r["p"].value}
            for r in rows if r["g"].value in articles]


def _split(text: str | None) -> list[str]:
    return sorted({part for part in (text or "").split(_SEP) if part})


def _measure_rows(store: ox.Store, articles: dict[str, dict], zh: dict[str, str],
                  evidence: dict[tuple[str, str], str]) -> list[dict]:
    classes = " ".join(f"<{PGKG_NS}{c}>" for c in POLICY_CLASSES)
    rows = _select(store, f"""SELECT ?g ?m (MIN(STR(?label)) AS ?name) (GROUP_CONCAT(DISTINCT STR(?cls); SEPARATOR="{_SEP}") AS ?classes)
        (MIN(STR(?p)) AS ?platform) (GROUP_CONCAT(DISTINCT STR(?cat); SEPARATOR="{_SEP}") AS ?cats)
        (GROUP_CONCAT(DISTINCT STR(?t); SEPARATOR="{_SEP}") AS ?targets) WHERE {{ GRAPH ?g {{
        ?m a ?cls . VALUES ?cls {{ {classes} }}
        OPTIONAL {{ ?m <{RDFS_NS}label> ?label }}
        OPTIONAL {{ ?p <{PGKG_NS}announces> ?m }}
        OPTIONAL {{ ?m <{PGKG_NS}category> ?cat }}
        OPTIONAL {{ ?m <{PGKG_NS}targets>|<{PGKG_NS}benefits>|<{PGKG_NS}obliges> ?t }}
        }} }} GROUP BY ?g ?m""")
    out = []
    for r in rows:
        if r["g"].value not in articles:
            continue
        categories = [_concept_key(c, str(AREA)) for c in _split(_v(r["cats"]))]
        out.append({
            "kind": "measure", "article": articles[r["g"].value]["article"], "name": _v(r["name"]),
            "platform": _platform_name(_v(r["platform"]) or None, zh),
            "category": categories[0] if categories else None, "categories": categories,
            "targets": [_concept_key(t, str(ROLE)) for t in _split(_v(r["targets"]))],
            "measure_kind": _most_specific(set(_split(_v(r["classes"])))),
            "evidence": evidence.get((r["g"].value, r["m"].value)), "iri": r["m"].value,
        })
    return out


def _number(text: str) -> int | float:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def _observation_rows(store: ox.Store, articles: dict[str, dict], zh: dict[str, str],
                      evidence: dict[tuple[str, str], str]) -> list[dict]:
    rows = _select(store, f"""SELECT ?g ?o (MIN(STR(?p)) AS ?platform) (MIN(STR(?ml)) AS ?metric)
        (MIN(STR(?v)) AS ?value) (MIN(STR(?u)) AS ?unit) (MIN(STR(?q)) AS ?qualifier) (MIN(STR(?c)) AS ?change)
        (MIN(STR(?per)) AS ?period) (MIN(STR(?pl)) AS ?measure) (MIN(STR(?sf)) AS ?surface) WHERE {{ GRAPH ?g {{
        ?o a <{PGKG_NS}Observation> ; <{PGKG_NS}ofPlatform> ?p ; <{PGKG_NS}value> ?v ; <{PGKG_NS}unit> ?u .
        OPTIONAL {{ ?o <{PGKG_NS}qualifier> ?q }}
        OPTIONAL {{ ?o <{PGKG_NS}ofMetric> ?m . OPTIONAL {{ ?m <{RDFS_NS}label> ?ml }} }}
        OPTIONAL {{ ?o <{PGKG_NS}change> ?c }} OPTIONAL {{ ?o <{PGKG_NS}period> ?per }}
        OPTIONAL {{ ?o <{PGKG_NS}attributedTo> ?pol . ?pol <{RDFS_NS}label> ?pl }}
        OPTIONAL {{ ?o <{PGKG_NS}surfaceForm> ?sf }}
        }} }} GROUP BY ?g ?o""")
    return [{
        "kind": "observation", "article": articles[r["g"].value]["article"],
        "platform": _platform_name(_v(r["platform"]), zh), "metric": _v(r["metric"]),
        "value": _number(r["value"].value), "unit": _v(r["unit"]), "qualifier": _v(r["qualifier"]),
        "change": _v(r["change"]), "period": _v(r["period"]), "measure": _v(r["measure"]),
        "surface": _v(r["surface"]), "evidence": evidence.get((r["g"].value, r["o"].value)), "iri": r["o"].value,
    } for r in rows if r["g"].value in articles]


def _stakeholder_rows(store: ox.Store, articles: dict[str, dict], zh: dict[str, str]) -> list[dict]:
    rows = _select(store, f"""SELECT DISTINCT ?g ?c WHERE {{ GRAPH ?g {{
        ?a a <{PGKG_NS}Article> ; <{PGKG_NS}mentionsStakeholder> ?c }} }}""")
    return [{"kind": "stakeholder", "article": articles[r["g"].value]["article"],
             "key": _concept_key(r["c"].value, str(ROLE)), "label": zh.get(r["c"].value), "iri": r["c"].value}
            for r in rows if r["g"].value in articles]


def _person_rows(store: ox.Store, articles: dict[str, dict], zh: dict[str, str],
                 evidence: dict[tuple[str, str], str]) -> list[dict]:
    rows = _select(store, f"""SELECT ?g ?x (MIN(STR(?l)) AS ?name) (GROUP_CONCAT(DISTINCT STR(?r); SEPARATOR="{_SEP}") AS ?roles)
        (MIN(STR(?org)) AS ?org) (MIN(STR(?ol)) AS ?orglabel) WHERE {{ GRAPH ?g {{
        ?x a <{PGKG_NS}Person> . OPTIONAL {{ ?x <{RDFS_NS}label> ?l }} OPTIONAL {{ ?x <{PGKG_NS}role> ?r }}
        OPTIONAL {{ ?x <{PGKG_NS}speaksFor> ?org . OPTIONAL {{ ?org <{RDFS_NS}label> ?ol }} }}
        }} }} GROUP BY ?g ?x""")
    out = []
    for r in rows:
        if r["g"].value not in articles:
            continue
        roles = sorted(_split(_v(r["roles"])), key=lambda role: (-len(role), role))
        org = _v(r["org"]) or None
        out.append({
            "kind": "person", "article": articles[r["g"].value]["article"], "name": _v(r["name"]),
            "role": roles[0] if roles else None, "roles": roles,
            "org": (zh.get(org) or _v(r["orglabel"]) or _local_name(org)) if org else None,
            "evidence": evidence.get((r["g"].value, r["x"].value)), "iri": r["x"].value,
        })
    return out


_KIND_ORDER = {"article": 0, "platform": 1, "measure": 2, "observation": 3, "stakeholder": 4, "person": 5}


def _row_order(row: dict) -> tuple:
    return (row["article"], _KIND_ORDER[row["kind"]], json.dumps(row, ensure_ascii=False, sort_keys=True))


FACTS_BATCH = 500
"""Article graphs read per batch by :func:`export_facts` (memory stays bounded)."""


def export_facts(store: ox.Store, *, batch: int = FACTS_BATCH) -> Iterator[dict]:
    """facts.jsonl rows (gold README format, plus ``iri`` and a few extra fields), in a deterministic order.

    Measure rows carry the Policy subclass as ``measure_kind`` (``kind`` is
    the row kind). Unknown values are ``None``. Articles are read ``batch``
    graphs at a time, in the order of their source names, so rows stream out
    without the whole store's facts in memory.
    """
    zh = _zh_labels(store)
    graphs = sorted(article_graphs(store), key=lambda g: (source_of_graph(g.value), g.value))
    for start in range(0, len(graphs), batch):
        view = article_view(store, graphs[start:start + batch])
        articles = _articles(view)
        evidence = _evidence(view)
        rows = [
            *articles.values(),
            *_platform_rows(view, articles, zh),
            *_measure_rows(view, articles, zh, evidence),
            *_observation_rows(view, articles, zh, evidence),
            *_stakeholder_rows(view, articles, zh),
            *_person_rows(view, articles, zh, evidence),
        ]
        yield from sorted(rows, key=_row_order)


def article_view(store: ox.Store, graphs: Sequence[ox.NamedNode]) -> ox.Store:
    """An in-memory store holding just these article graphs.

    Read by the graph index; Oxigraph would answer ``VALUES ?g {…} GRAPH ?g {…}``
    by scanning every graph of the store, once per batch.
    """
    view = ox.Store()
    for graph in graphs:
        view.extend(store.quads_for_pattern(None, None, None, graph))
    return view


def write_facts_jsonl(store: ox.Store, path: Path) -> int:
    """Write :func:`export_facts` as JSON lines; returns the number of rows."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for row in export_facts(store):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
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
    graph = to_networkx(store)
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, str(path))
    return path
