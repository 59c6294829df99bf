"""SHACL validation of pgkg graphs against ``shapes.ttl``.

One entry point, :func:`validate`. It runs pySHACL with ``inference="none"``
(the shapes never rely on RDFS inference) over an in-memory copy of the data;
for a :class:`rdflib.Dataset` it validates the union of all its graphs, since
a platform's ``a pgkg:Platform`` triple lives in the ontology graph while the
observations about it live in article graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from rdflib import BNode, Dataset, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from . import AREA, ID, PGKG, ROLE, data_path

SHP = Namespace("https://w3id.org/pgkg/shapes#")

_PREFIXES: tuple[tuple[str, str], ...] = (
    ("pgkg:", str(PGKG)),
    ("shp:", str(SHP)),
    ("role:", str(ROLE)),
    ("area:", str(AREA)),
    ("id:", str(ID)),
    ("prov:", "http://www.w3.org/ns/prov#"),
    ("dcterms:", "http://purl.org/dc/terms/"),
    ("schema:", "https://schema.org/"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("sh:", str(SH)),
)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, as plain strings."""

    focus: str
    """The focus node (full IRI, or ``_:id`` for a blank node)."""
    path: str | None
    """The property path, compacted (``pgkg:value``, ``^pgkg:announces``), if any."""
    value: str | None
    """The offending value (IRI or literal lexical form), if any."""
    message: str
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    shape: str
    """The source shape (``shp:Observation-value``)."""

    def format(self) -> str:
        """One line: severity, focus, path, message and value."""
        where = f" {self.path}" if self.path else ""
        what = f" [value: {_one_line(display(self.value))}]" if self.value is not None else ""
        return f"{self.severity}: {display(self.focus)}{where}: {self.message}{what} ({self.shape})"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def format(self) -> str:
        """One line per violation; a single line saying so when the graph conforms."""
        if not self.violations:
            return "Conforms: no SHACL violations." if self.conforms else "Does not conform."
        return "\n".join(v.format() for v in self.violations)


def compact(iri: str) -> str:
    """Shorten an IRI with pgkg's usual prefixes (``pgkg:value``); other strings unchanged."""
    for prefix, ns in _PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return prefix + iri[len(ns):]
    return iri


def display(iri: str) -> str:
    """:func:`compact`, with percent-encoded instance IRIs decoded for reading (``id:metric/拦截劣质商品``)."""
    short = compact(iri)
    return unquote(short) if short.startswith("id:") else short


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 120 else flat[:117] + "..."


@lru_cache(maxsize=1)
def _shapes_cached() -> Graph:
    return Graph().parse(data_path("shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def _ontology_cached() -> Graph:
    return Graph().parse(data_path("pgkg.ttl"), format="turtle")


def load_shapes() -> Graph:
    """The shipped SHACL shapes (parsed once; do not mutate the returned graph)."""
    return _shapes_cached()


def load_ontology() -> Graph:
    """The shipped ontology ``pgkg.ttl``: parsed once, returned as a fresh copy the caller may change."""
    cached = _ontology_cached()
    copy = Graph()
    for prefix, namespace in cached.namespaces():
        copy.bind(prefix, namespace, replace=True)
    for triple in cached:
        copy.add(triple)
    return copy


def union_graph(data: Graph | Dataset) -> Graph:
    """An in-memory graph holding every triple of ``data`` (all graphs of a Dataset)."""
    if isinstance(data, Dataset):
        merged = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    if isinstance(data.store, Memory) and type(data) is Graph:
        return data
    merged = Graph()
    for triple in data:
        merged.add(triple)
    return merged


def _path_text(shapes: Graph, results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return compact(str(path))
    for graph in (results, shapes):
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + (_path_text(shapes, results, inverse) or "?")
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            parts = [_path_text(shapes, results, p) or "?" for p in Collection(graph, alternatives)]
            return "(" + "|".join(parts) + ")"
        if graph.value(path, RDF.first) is not None:
            parts = [_path_text(shapes, results, p) or "?" for p in Collection(graph, path)]
            return "/".join(parts)
    return str(path)


def _node_text(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)  # IRI, or a literal's lexical form


def _violations(results: Graph, shapes: Graph) -> tuple[Violation, ...]:
    found = []
    # Only top-level results: nested ones (sh:detail of sh:node / sh:or) repeat them.
    top_level = [r for report in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(report, SH.result)]
    for result in top_level:
        severity = results.value(result, SH.resultSeverity)
        shape = results.value(result, SH.sourceShape)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        found.append(
            Violation(
                focus=_node_text(results.value(result, SH.focusNode)) or "",
                path=_path_text(shapes, results, results.value(result, SH.resultPath)),
                value=_node_text(results.value(result, SH.value)),
                message=" ".join(messages) or "SHACL constraint violated.",
                severity=compact(str(severity)).removeprefix("sh:") if severity else "Violation",
                shape=compact(str(shape)) if isinstance(shape, URIRef) else "(anonymous shape)",
            )
        )
    return tuple(sorted(set(found), key=lambda v: (v.focus, v.path or "", v.shape, v.value or "", v.message)))


def validate(data: Graph | Dataset, *, shapes: Graph | None = None, inplace: bool = False) -> ValidationReport:
    """Validate ``data`` (a graph, or the union of a dataset's graphs) against the shapes.

    ``shapes`` defaults to the shipped ``shapes.ttl``. Runs pySHACL with
    ``inference="none"``; class checks see ``rdf:type`` triples only (plus any
    ``rdfs:subClassOf`` triples present in the data). ``inplace`` lets pySHACL
    work on ``data`` itself instead of a copy (a fifth faster; only for a graph
    made for this call, which pySHACL may change).
    """
    from pyshacl import validate as _shacl_validate  # noqa: PLC0415  (a build that does not validate never loads it)

    shapes_graph = shapes if shapes is not None else load_shapes()
    conforms, results, _text = _shacl_validate(
        union_graph(data),
        shacl_graph=shapes_graph,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        advanced=True,
        inplace=inplace,
    )
    return ValidationReport(conforms=bool(conforms), violations=_violations(results, shapes_graph))
