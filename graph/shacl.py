"""SHACL validation of a built store, each violation traced to its article(s).

pySHACL over an Oxigraph-backed rdflib graph is ~170x slower than over an
in-memory one, so the store's merged graph (its default graph: every triple
of its named graphs, once) is copied (as N-Triples)
into an in-memory :class:`rdflib.Graph` and validated by
:func:`pgkg.ontology.validate.validate`. The articles of a violation are the
sources of the article graphs holding triples about the focus node, plus the
articles it is ``prov:wasDerivedFrom``. With ``jobs`` > 1 the copies are
parsed and validated in forked worker processes, one batch each, while this
process reads the next batch from the store (only it touches the store).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from multiprocessing import get_context

import pyoxigraph as ox
import rdflib

from pgkg.ontology import ONTOLOGY_GRAPH
from pgkg.ontology.validate import ValidationReport, Violation, validate

from .iri import ARTICLE_GRAPH_NS, source_of_graph
from .store import MERGED, article_graphs

_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
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
    scope: str = ""
    """What was validated, when not the whole merged graph at once."""

    def format(self) -> str:
        """One line per violation (a single line when the store conforms), then the scope if partial."""
        if not self.violations:
            text = "Conforms: no SHACL violations." if self.conforms else "Does not conform."
        else:
            text = "\n".join(v.format() for v in self.violations)
        return f"{text}\n{self.scope}" if self.scope else text


def merged_data(store: ox.Store) -> bytes:
    """The store's merged graph (every triple of its named graphs, once) as N-Triples."""
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return triples.serialize(format=ox.RdfFormat.N_TRIPLES) or b""


def parse_ntriples(data: bytes) -> rdflib.Graph:
    """An in-memory rdflib graph of N-Triples ``data``."""
    return rdflib.Graph().parse(data=data, format="nt")


def validate_ntriples(data: bytes) -> ValidationReport:
    """Parse and validate N-Triples made for this call (a batch's, in a worker process)."""
    return validate(parse_ntriples(data), inplace=True)


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


BATCH_ARTICLES = 500
"""Articles per in-memory validation batch, by default (pySHACL needs an in-memory graph, about 0.18 GB
per 500 generated articles in each worker: validating a 2,000-article sample of a 20,000-article build
with two workers peaked at 1.10 GB in batches of 1,000, 0.74 GB in batches of 500 and 0.57 GB in
batches of 250, in 24-27 s each)."""


def spread_sample(items: list[str], size: int) -> list[str]:
    """``size`` items evenly spread over ``items`` (all of them when there are not more)."""
    if size <= 0 or len(items) <= size:
        return list(items)
    return [items[i * len(items) // size] for i in range(size)]


def batch_data(store: ox.Store, graphs: list[str]) -> bytes:
    """N-Triples of the ontology graph, the given article graphs, and the types of every node they point to."""
    names = [ox.NamedNode(ONTOLOGY_GRAPH), *(ox.NamedNode(g) for g in graphs)]
    triples = {ox.Triple(q.subject, q.predicate, q.object) for name in names
               for q in store.quads_for_pattern(None, None, None, name)}
    rdf_type = ox.NamedNode(_RDF_TYPE)
    for obj in {t.object for t in triples if isinstance(t.object, ox.NamedNode)}:
        triples.update(ox.Triple(q.subject, q.predicate, q.object)
                       for q in store.quads_for_pattern(obj, rdf_type, None, MERGED))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def validate_store(store: ox.Store, *, sample: int = 0, jobs: int = 1, batch: int = BATCH_ARTICLES,
                   on_batch: Callable[[int, int], None] = lambda done, total: None,
                   meanwhile: Callable[[], None] = lambda: None) -> StoreValidationReport:
    """Validate the store against shapes.ttl; violations name their articles.

    Up to ``batch`` articles, the whole merged graph is validated
    at once. Beyond, the article graphs are validated in batches of that size,
    each with the ontology and the types of the nodes it points to, so memory
    stays bounded: constraints spanning two articles of different batches
    (e.g. two periods given for one figure) and the resolution graph are then
    not checked. ``sample`` > 0 validates only that many articles, evenly
    spread over the sorted sources.

    ``jobs`` > 1 validates up to that many batches (or the whole graph) at
    once, each in a worker process (pySHACL is pure Python: one core per batch;
    a worker holds its batch, about 0.18 GB per 500 articles); the report is
    the same. ``meanwhile()`` is called once, while the workers validate the
    first batches (the build draws its HTML views then); without workers,
    before validating. ``on_batch(done, total)`` reports progress.
    """
    graphs = [g.value for g in article_graphs(store)]
    chosen = spread_sample(graphs, sample)
    if batch < 1:
        raise ValueError(f"a validation batch holds at least one article, not {batch}")
    whole = len(graphs) <= batch and len(chosen) == len(graphs)
    batches = [chosen[i:i + batch] for i in range(0, len(chosen), batch)]
    data = [partial(merged_data, store)] if whole else [partial(batch_data, store, b) for b in batches]
    violations: list[StoreViolation] = []
    conforms = True
    on_batch(0, len(data))
    for n, part in enumerate(_reports(data, jobs, meanwhile), start=1):
        traced = trace(store, part)
        conforms = conforms and traced.conforms
        violations.extend(v for v in traced.violations if v not in violations)
        on_batch(n, len(data))
    if whole:
        return StoreValidationReport(conforms, tuple(violations))
    what = "a sample of " if len(chosen) < len(graphs) else ""
    every = "; `pgkg validate DIR --all` checks every article" if what else ""
    scope = (f"Validated {what}{len(chosen):,} of {len(graphs):,} articles in batches of {batch:,} "
             f"(constraints spanning articles of different batches and the resolution graph not checked{every}).")
    return StoreValidationReport(conforms, tuple(violations), scope)


def _reports(data: list[Callable[[], bytes]], jobs: int, meanwhile: Callable[[], None]) -> Iterator[ValidationReport]:
    """The report of each batch (``data()``: its N-Triples, read from the store here), in order:
    here, or in up to ``jobs`` forked workers, of which none touches the store; at most one batch
    per worker waits."""
    if jobs <= 1:
        meanwhile()
        for batch in data:
            yield validate_ntriples(batch())
        return
    workers = min(jobs, len(data))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        pending: deque[Future[ValidationReport]] = deque()
        for n, batch in enumerate(data, start=1):
            pending.append(pool.submit(validate_ntriples, batch()))
            if n == workers:
                meanwhile()
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
