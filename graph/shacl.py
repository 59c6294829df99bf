"""SHACL validation of a built store, each violation traced to its article(s).

pySHACL over an Oxigraph-backed rdflib graph is ~170x slower than over an
in-memory one, so the store's merged graph (its default graph: every triple
of its named graphs, once) is copied (as N-Triples)
into an in-memory :class:`rdflib.Graph` and validated by
:func:`pgkg.ontology.validate.validate`. The articles of a violation are the
sources of the article graphs holding triples about the focus node, plus the
articles it is ``prov:wasDerivedFrom``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib

from pgkg.ontology.validate import ValidationReport, Violation, validate

from .iri import ARTICLE_GRAPH_NS, source_of_graph

_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_PGKG = "https://w3id.org/pgkg/ontology#"


@dataclass(frozen=True, slots=True)
class StoreViolation:
    """A SHACL violation and the articles its focus node comes from."""

    violation: Violation
    articles: tuple[str, ...]

    def format(self) -> str:
        """One line: the violation, then its articles."""
        where = ", ".join(self.articles) if self.articles else "no article (ontology or resolution graph)"
        return f"{self.violation.format()} in {where}"


@dataclass(frozen=True, slots=True)
class StoreValidationReport:
    conforms: bool
    violations: tuple[StoreViolation, ...]

    def format(self) -> str:
        """One line per violation; a single line when the store conforms."""
        if not self.violations:
            return "Conforms: no SHACL violations." if self.conforms else "Does not conform."
        return "\n".join(v.format() for v in self.violations)


def merged_graph(store: ox.Store) -> rdflib.Graph:
    """An in-memory rdflib graph holding the store's merged graph (every triple of its named graphs)."""
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    data = triples.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=data, format="nt")


def articles_of(store: ox.Store, node: str) -> tuple[str, ...]:
    """Sources of the article graphs describing ``node`` or of the articles it is derived from."""
    if not node or node.startswith("_:"):
        return ()
    term = ox.NamedNode(node)
    sources = {source_of_graph(q.graph_name.value) for q in store.quads_for_pattern(term, None, None)
               if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(ARTICLE_GRAPH_NS)}
    for quad in store.quads_for_pattern(term, ox.NamedNode(_PROV_DERIVED), None):
        if isinstance(quad.object, ox.NamedNode):
            sources |= {q.object.value for q in store.quads_for_pattern(
                quad.object, ox.NamedNode(_PGKG + "sourceFile"), None)}
    return tuple(sorted(s for s in sources if s is not None))


def trace(store: ox.Store, report: ValidationReport) -> StoreValidationReport:
    """Attach articles to every violation of ``report``."""
    return StoreValidationReport(
        conforms=report.conforms,
        violations=tuple(StoreViolation(v, articles_of(store, v.focus)) for v in report.violations),
    )


def validate_store(store: ox.Store) -> StoreValidationReport:
    """Validate the store's merged graph against shapes.ttl; violations name their articles."""
    return trace(store, validate(merged_graph(store)))
