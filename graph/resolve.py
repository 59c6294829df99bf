"""Cross-article resolution, run once every article graph is loaded.

Identity is settled by the IRIs themselves (:mod:`pgkg.graph.iri`), so facts
from different articles land on the same node when their keys agree:

* platforms: the lexicon key;
* policies: platform key + normalised name (NFKC, simplified, lower case,
  without spaces, punctuation, quotes and title marks, without a trailing
  generic 功能/能力): ``“极速退”能力`` = ``极速退``, ``服務保障大廳`` = ``服务保障大厅``;
* metrics: the normalised phrase;
* observations: platform, metric, period, value, unit, qualifier and change;
* people: normalised name + organisation (lexicon key or normalised name).

What remains is computed here into the resolution graph, which is
recomputed on every call (only the part that changed articles can reach,
when a build says which: :class:`Touched`): the source statistics of each policy and
figure (:func:`source_stat_triples`: how many articles, the first date, the
first article), each platform's counts (:func:`platform_stat_triples`) and
``pgkg:conflictsWith``, in both directions, between two observations of
the same platform and metric, the same kind of figure (both a level, or both
an increase, or both a decrease: a change of 52% does not contradict a level
of 80%), whose value or unit differ, and that speak of the same time:

* a period naming a year (``2022年``, ``2023年双11``): the same (normalised)
  period, whenever the articles appeared;
* a relative period (``今年以来``) or none: the same (normalised) period or
  none on both, *as of the same day*, the publication date of their
  articles; a figure whose article has no date is compared with every figure
  of its platform, metric, period and kind.

Without the day, figures reported over the years for the same metric (which
differ because time passed, not because a source is wrong) would all
"conflict": the pairs grow with the square of the corpus (1.2 million at
10,000 generated articles).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, combinations

import pyoxigraph as ox

from pgkg.ontology.terms import (
    POLICY_CLASSES, articleCount, figureCount, firstReported, firstSource, measureCount, sourceCount,
)

from .iri import ARTICLE_GRAPH_NS, RESOLUTION_GRAPH, norm_key
from .store import MERGED, rewrite_graph, rewrite_part

_PGKG = "https://w3id.org/pgkg/ontology#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
CONFLICTS_WITH = ox.NamedNode(_PGKG + "conflictsWith")
_IN_ARTICLES = f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_NS}"))'


@dataclass(frozen=True, slots=True)
class ResolutionStats:
    """Counts after resolution (distinct nodes over all article graphs)."""

    articles: int
    platforms: int
    """Platforms some article reports on or mentions."""
    policies: int
    metrics: int
    observations: int
    persons: int
    merged_policies: int
    """Policies described by two or more articles."""
    merged_observations: int
    merged_persons: int
    conflicts: int
    """Unordered pairs of conflicting observations."""


@dataclass(frozen=True, slots=True)
class ObservationRow:
    iri: str
    platform: str
    metric: str
    period: str | None
    change: str | None
    value: Decimal
    unit: str
    day: str | None = None
    """Publication date of an article the observation comes from (one row per date)."""


def observation_rows(store: ox.Store, figures: Iterable[tuple[str, str]]) -> list[ObservationRow]:
    """The observations of the article graphs of these ``(platform IRI, metric IRI)`` pairs with the
    fields that decide conflicts, once per article date (read from the indexes)."""
    platforms_of: dict[str, set[str]] = defaultdict(set)
    for platform, metric in figures:
        platforms_of[metric].add(platform)
    return _distinct(row for metric in sorted(platforms_of) for row in _figure_rows(store, platforms_of[metric], metric))


def _distinct(found: Iterable[ObservationRow]) -> list[ObservationRow]:
    rows: dict[tuple[str, str | None], ObservationRow] = {}
    for row in found:
        rows.setdefault((row.iri, row.day), row)  # one row per node and date, whatever the literal variants
    return sorted(rows.values(), key=lambda row: (row.iri, row.day or ""))


def all_conflicts(store: ox.Store) -> Conflicts:
    """:func:`find_conflicts` of every observation of the article graphs (once per article date),
    one metric at a time: a conflict pairs figures of one platform and metric, so only one metric's
    rows are held at once. All rows at once, from one query, were the peak of a 100,000-article
    build (its main process grew from 0.5 to 1.2 GB reading them)."""
    metrics = {q.object.value for q in store.quads_for_pattern(None, _OF_METRIC, None, MERGED)
               if isinstance(q.object, ox.NamedNode)}
    pairs: list[tuple[str, str]] = []
    crowded = 0
    for metric in sorted(metrics):
        found = find_conflicts(_distinct(_figure_rows(store, None, metric)))
        pairs.extend(found.pairs)
        crowded += found.crowded
    return Conflicts(sorted(set(pairs)), crowded)


def _observations(metric: str) -> str:
    """The pattern (inside ``GRAPH ?g``) of an observation of ``metric`` (``?metric`` or an IRI) and the
    fields that decide conflicts."""
    return f"""?obs a <{_PGKG}Observation> ; <{_PGKG}ofPlatform> ?platform ; <{_PGKG}ofMetric> {metric} ;
                 <{_PGKG}value> ?value ; <{_PGKG}unit> ?unit .
            OPTIONAL {{ ?obs <{_PGKG}period> ?period }}
            OPTIONAL {{ ?obs <{_PGKG}change> ?change }}"""


def _value(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return term.value if term is not None else None


def _figure_rows(store: ox.Store, platforms: set[str] | None, metric: str) -> Iterator[ObservationRow]:
    """The observations of one metric and these platforms (None: all), as :func:`observation_rows` gives them: one query with the metric's
    IRI in it (Oxigraph joins a ``VALUES`` block of metrics only after scanning every observation),
    the dates of each article graph read from the indexes."""
    days_of: dict[ox.NamedNode, list[str | None]] = {}
    query = f"SELECT ?g ?obs ?platform ?period ?change ?value ?unit WHERE {{ GRAPH ?g {{ {_observations(str(ox.NamedNode(metric)))} }} }}"
    for r in store.query(query):
        g = r["g"]
        if (platforms is not None and r["platform"].value not in platforms) or not g.value.startswith(ARTICLE_GRAPH_NS):
            continue
        if g not in days_of:
            articles = [q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, _ARTICLE, g)]
            days_of[g] = [q.object.value for a in articles for q in store.quads_for_pattern(a, _ISSUED, None, g)] or [None]
        for day in days_of[g]:
            yield ObservationRow(r["obs"].value, r["platform"].value, metric, _value(r["period"]), _value(r["change"]),
                                 Decimal(r["value"].value), r["unit"].value, day)


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_OBSERVATION, _ARTICLE = ox.NamedNode(_PGKG + "Observation"), ox.NamedNode(_PGKG + "Article")
_OF_PLATFORM, _OF_METRIC = ox.NamedNode(_PGKG + "ofPlatform"), ox.NamedNode(_PGKG + "ofMetric")
_PLATFORM = ox.NamedNode(_PGKG + "Platform")
_ISSUED = ox.NamedNode(_DCT + "issued")
_DERIVED_FROM = ox.NamedNode(_PROV + "wasDerivedFrom")
_ANNOUNCES, _REPORTS_ON = ox.NamedNode(_PGKG + "announces"), ox.NamedNode(_PGKG + "reportsOn")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


_YEAR = re.compile(r"(?:19|20)\d\d")


def _conflict_key(row: ObservationRow) -> tuple[str, str, str | None, str | None]:
    return (row.platform, row.metric, norm_key(row.period) if row.period else None, row.change)


def _contradict(a: ObservationRow, b: ObservationRow) -> bool:
    return a.iri != b.iri and (a.value != b.value or norm_key(a.unit) != norm_key(b.unit))


MAX_COMPARED = 25
"""Figures compared pairwise at most at once: a larger set of different figures for one
platform, metric and time is no disagreement between sources but a metric phrase too
generic to compare; it is counted (:attr:`Conflicts.crowded`), not paired, since its
pairs would grow with the square of its size."""


@dataclass(frozen=True, slots=True)
class Conflicts:
    pairs: list[tuple[str, str]]
    """``(a, b)`` with ``a < b``: observations that contradict each other."""
    crowded: int = 0
    """Sets of more than :data:`MAX_COMPARED` figures left unpaired."""


def find_conflicts(rows: list[ObservationRow]) -> Conflicts:
    """The conflicting pairs among ``rows`` (see the module docstring)."""
    groups: dict[tuple, list[ObservationRow]] = defaultdict(list)
    for row in rows:
        groups[_conflict_key(row)].append(row)
    pairs: set[tuple[str, str]] = set()
    crowded = 0

    def compare(left: list[ObservationRow], right: list[ObservationRow] | None = None) -> None:
        nonlocal crowded
        if len({r.iri for r in (*left, *(right or ()))}) > MAX_COMPARED:
            crowded += 1
            return
        for a, b in (combinations(left, 2) if right is None else ((a, b) for a in left for b in right)):
            if _contradict(a, b):
                pairs.add((a.iri, b.iri) if a.iri < b.iri else (b.iri, a.iri))

    for (_, _, period, _), group in groups.items():
        if period and _YEAR.search(period):
            compare(group)
            continue
        by_day: dict[str, list[ObservationRow]] = defaultdict(list)
        undated = []
        for row in group:
            (by_day[row.day] if row.day else undated).append(row)
        for same_day in by_day.values():
            compare(same_day)
        if undated:
            compare(undated, group)
    return Conflicts(sorted(pairs), crowded)


def conflicting_pairs(rows: list[ObservationRow]) -> list[tuple[str, str]]:
    """Pairs ``(a, b)`` with ``a < b`` of observations that contradict each other (see the module docstring)."""
    return find_conflicts(rows).pairs


def conflict_triples(pairs: list[tuple[str, str]]) -> Iterator[ox.Triple]:
    """``pgkg:conflictsWith`` in both directions (for the resolution graph)."""
    for a, b in pairs:
        yield ox.Triple(ox.NamedNode(a), CONFLICTS_WITH, ox.NamedNode(b))
        yield ox.Triple(ox.NamedNode(b), CONFLICTS_WITH, ox.NamedNode(a))


def _count(store: ox.Store, pattern: str, *, merged: bool = False) -> int:
    if merged:
        query = f"""SELECT (COUNT(*) AS ?n) WHERE {{
            SELECT ?x WHERE {{ GRAPH ?g {{ {pattern} }} {_IN_ARTICLES} }}
            GROUP BY ?x HAVING (COUNT(DISTINCT ?g) > 1) }}"""
    else:
        query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} {_IN_ARTICLES} }}"
    return int(next(iter(store.query(query)))["n"].value)


def _typed(cls: str) -> str:
    return f"?x a <{_PGKG}{cls}> ."


_POLICY_PATTERN = "?x a ?cls . VALUES ?cls { " + " ".join(f"<{c}>" for c in POLICY_CLASSES) + " }"
_POLICY_NODES = tuple(ox.NamedNode(str(c)) for c in POLICY_CLASSES)
_STAT_CLASSES = frozenset({*_POLICY_NODES, _OBSERVATION})
SOURCE_COUNT = ox.NamedNode(str(sourceCount))
FIRST_REPORTED = ox.NamedNode(str(firstReported))
FIRST_SOURCE = ox.NamedNode(str(firstSource))
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def first_source(key: str) -> tuple[str | None, str]:
    """(date or None, article IRI) of a ``MIN(CONCAT(COALESCE(STR(?day), "~"), " ", STR(?a)))`` key.

    ISO dates sort as dates, "~" after every digit (undated articles last), and
    the article IRI, which holds no space, breaks ties.
    """
    day, _, article = key.partition(" ")
    return (None if day == "~" else day), article


def source_stat_triples(store: ox.Store, classes: Iterable[ox.NamedNode]) -> Iterator[ox.Triple]:
    """``pgkg:sourceCount``, ``pgkg:firstReported`` and ``pgkg:firstSource`` of every node of one
    of ``classes`` (merged graph) that is ``prov:wasDerivedFrom`` an article.

    The number of distinct source articles, the earliest publication date among
    those that have one (none when no source is dated) and the article it was
    first reported in (earliest date, then least IRI; undated articles last).
    Questions about when, how often and where a measure or figure was reported
    then read one value per node instead of every article naming it (at 100,000
    articles, a popular measure is in thousands).

    What this SPARQL aggregate gives (the definition; the tests check the two agree)::

        SELECT ?x (COUNT(DISTINCT ?a) AS ?n)
               (MIN(CONCAT(COALESCE(STR(?day), "~"), " ", STR(?a))) AS ?first)
        WHERE { { SELECT DISTINCT ?x WHERE { ?x a ?cls VALUES ?cls { ... } } }
                ?x prov:wasDerivedFrom ?a . ?a a pgkg:Article
                OPTIONAL { ?a dcterms:issued ?day } }
        GROUP BY ?x

    but streamed node by node from the merged graph's indexes, with only the
    articles' dates held in memory. The aggregate holds every node's sources
    until its last row: with the articles hash-joined, a 100,000-article build
    peaked at 1,769 MB of memory, against 1,201 MB streamed (target 1.5 GB). At
    10,000 built articles both statistics took 1.6 s streamed and 2.4 s as the
    aggregate above, whose process peaked 61 MB higher.
    """
    day_of = _article_days(store).get
    classes = list(classes)
    seen: set[ox.NamedNode | ox.BlankNode] | None = set() if len(classes) > 1 else None
    for cls in classes:
        for typed in store.quads_for_pattern(None, _RDF_TYPE, cls, MERGED):
            node = typed.subject
            if seen is not None:  # (a node of two of the classes counts once)
                if node in seen:
                    continue
                seen.add(node)
            yield from _node_source_stats(store, node, day_of)


def _article_days(store: ox.Store) -> dict[ox.NamedNode | ox.BlankNode, str]:
    """Every article of the merged graph -> the least lexical form of its ``dcterms:issued``, "~" when it has none."""
    days = {q.subject: "~" for q in store.quads_for_pattern(None, _RDF_TYPE, _ARTICLE, MERGED)}
    for q in store.quads_for_pattern(None, _ISSUED, None, MERGED):
        day = days.get(q.subject)
        if day is not None and (day == "~" or q.object.value < day):
            days[q.subject] = q.object.value
    return days


def _day_in_store(store: ox.Store) -> Callable[[ox.NamedNode | ox.BlankNode | ox.Literal], str | None]:
    """What ``_article_days(store).get`` gives, looked up per article (for a few nodes)."""
    def day_of(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> str | None:
        if isinstance(node, ox.Literal) or ox.Quad(node, _RDF_TYPE, _ARTICLE, MERGED) not in store:
            return None
        return min((q.object.value for q in store.quads_for_pattern(node, _ISSUED, None, MERGED)), default="~")
    return day_of


def _node_source_stats(store: ox.Store, node: ox.NamedNode | ox.BlankNode,
                       day_of: Callable[[ox.NamedNode | ox.BlankNode | ox.Literal], str | None]) -> Iterator[ox.Triple]:
    """The source statistics of one node; ``day_of(article)`` is None for what is not an article."""
    articles: set[ox.NamedNode | ox.BlankNode | ox.Literal] = set()
    first: str | None = None
    for q in store.quads_for_pattern(node, _DERIVED_FROM, None, MERGED):
        article = q.object
        day = day_of(article)
        if day is None or article in articles:
            continue
        articles.add(article)
        key = f"{day} {article.value}"
        if first is None or key < first:
            first = key
    if first is not None:
        yield from _source_stats(node, ox.Literal(str(len(articles)), datatype=_XSD_INTEGER), first)


def _source_stats(node: ox.NamedNode | ox.BlankNode, count: ox.Literal, first: str) -> Iterator[ox.Triple]:
    day, article = first_source(first)
    yield ox.Triple(node, SOURCE_COUNT, count)
    yield ox.Triple(node, FIRST_SOURCE, ox.NamedNode(article))
    if day is not None:
        yield ox.Triple(node, FIRST_REPORTED, ox.Literal(day, datatype=_XSD_DATE))


def node_source_stat_triples(store: ox.Store, nodes: Iterable[str]) -> Iterator[ox.Triple]:
    """What :func:`source_stat_triples` gives for the policies and figures among ``nodes`` (IRIs),
    each article's date looked up (for the few nodes an incremental build touches)."""
    day_of = _day_in_store(store)
    for x in nodes:
        node = ox.NamedNode(x)
        if any(q.object in _STAT_CLASSES for q in store.quads_for_pattern(node, _RDF_TYPE, None, MERGED)):
            yield from _node_source_stats(store, node, day_of)


def typed_platforms(store: ox.Store) -> frozenset[str]:
    """IRIs typed ``pgkg:Platform`` in any graph: the platforms :func:`platform_stat_triples` counts."""
    return frozenset(q.subject.value for q in store.quads_for_pattern(None, _RDF_TYPE, _PLATFORM)
                     if isinstance(q.subject, ox.NamedNode))


_PLATFORM_COUNTS = ((measureCount, "measure"), (figureCount, "figure"), (articleCount, "article"))


def platform_stat_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """``pgkg:measureCount``, ``pgkg:figureCount`` and ``pgkg:articleCount`` of every platform.

    The distinct measures a platform announces, figures of it and articles
    reporting on it (read from the merged graph), all three for each platform
    with at least one of them, none for a platform only mentioned. An overview
    of the platforms then reads three values per platform instead of counting
    the whole corpus (114 ms at 100,000 built articles).
    """
    query = f"""
        SELECT ?p (COUNT(DISTINCT ?measure) AS ?measure_n) (COUNT(DISTINCT ?figure) AS ?figure_n)
               (COUNT(DISTINCT ?article) AS ?article_n) WHERE {{
          ?p a <{_PGKG}Platform> .
          {{ ?p <{_PGKG}announces> ?measure }}
          UNION {{ ?figure <{_PGKG}ofPlatform> ?p }}
          UNION {{ ?article <{_PGKG}reportsOn> ?p }}
        }} GROUP BY ?p"""
    for r in store.query(query):
        for term, name in _PLATFORM_COUNTS:
            yield ox.Triple(r["p"], ox.NamedNode(str(term)), r[f"{name}_n"])


def node_platform_stat_triples(store: ox.Store, nodes: Iterable[str]) -> Iterator[ox.Triple]:
    """What :func:`platform_stat_triples` gives for the platforms among ``nodes`` (IRIs), read from the indexes."""
    for x in nodes:
        p = ox.NamedNode(x)
        if ox.Quad(p, _RDF_TYPE, _PLATFORM, MERGED) not in store:
            continue
        counts = (len({q.object for q in store.quads_for_pattern(p, _ANNOUNCES, None, MERGED)}),
                  len({q.subject for q in store.quads_for_pattern(None, _OF_PLATFORM, p, MERGED)}),
                  len({q.subject for q in store.quads_for_pattern(None, _REPORTS_ON, p, MERGED)}))
        if any(counts):
            for (term, _), n in zip(_PLATFORM_COUNTS, counts):
                yield ox.Triple(p, ox.NamedNode(str(term)), ox.Literal(str(n), datatype=_XSD_INTEGER))


_STATISTICS = (
    # (what, a fact they describe, one of the statistics): the newest of each kind
    ("figures' and measures' source statistics (pgkg:firstSource)",
     f"?x a <{_PGKG}Observation> ; <{_PROV}wasDerivedFrom> ?a", f"?x <{firstSource}> ?s"),
    ("platform counts (pgkg:articleCount)", f"?a <{_PGKG}reportsOn> ?x", f"?x <{articleCount}> ?n"),
)


def missing_statistics(store: ox.Store) -> list[str]:
    """The resolution statistics a store built by an older pgkg lacks: facts they would describe
    exist, but none of them (two ASKs per kind, answered from the indexes)."""
    return [what for what, fact, stat in _STATISTICS
            if store.query(f"ASK {{ {fact} }}") and not store.query(f"ASK {{ {stat} }}")]


@dataclass(slots=True)
class Touched:
    """What the article graphs a build replaces or removes hold, before and after the change: the
    resolution triples that can differ are those of these nodes and of these figures' groups.

    Read each such graph with :meth:`add_graph`: a replaced or removed one before it goes, a new
    one once it is loaded.
    """

    nodes: set[str] = field(default_factory=set)
    """Every IRI of the graphs, subjects and objects: their policies, figures and platforms."""
    figures: set[tuple[str, str]] = field(default_factory=set)
    """``(platform, metric)`` of every observation of the graphs."""

    def add_graph(self, store: ox.Store, graph: ox.NamedNode) -> None:
        platforms: dict[str, set[str]] = defaultdict(set)
        metrics: dict[str, set[str]] = defaultdict(set)
        for q in store.quads_for_pattern(None, None, None, graph):
            if isinstance(q.subject, ox.NamedNode):
                self.nodes.add(q.subject.value)
            if isinstance(q.object, ox.NamedNode):
                self.nodes.add(q.object.value)
                if q.predicate == _OF_PLATFORM:
                    platforms[q.subject.value].add(q.object.value)
                elif q.predicate == _OF_METRIC:
                    metrics[q.subject.value].add(q.object.value)
        for obs, of in platforms.items():
            self.figures.update((p, m) for p in of for m in metrics.get(obs, ()))


_NODE_STATISTICS = frozenset({SOURCE_COUNT, FIRST_SOURCE, FIRST_REPORTED,
                              *(ox.NamedNode(str(term)) for term, _ in _PLATFORM_COUNTS)})


def update_resolution(store: ox.Store, touched: Touched | None = None) -> Conflicts:
    """Recompute the resolution graph: conflicts between figures, the source statistics of policies and figures, the platforms' counts.

    With ``touched`` (and a resolution graph to update), only what the changed
    articles can reach is recomputed: the statistics of their nodes and the
    conflicts of their figures' platforms and metrics. The graph is then the
    one a whole recomputation gives; :attr:`Conflicts.crowded` counts only the
    figure sets recomputed.
    """
    graph = ox.NamedNode(RESOLUTION_GRAPH)
    if touched is not None and store.contains_named_graph(graph):
        return _update_touched(store, graph, touched)
    found = all_conflicts(store)
    # streamed into the store as computed: the statistics of 100,000 articles are a million triples
    rewrite_graph(store, graph, chain(
        conflict_triples(found.pairs),
        source_stat_triples(store, _POLICY_NODES),
        source_stat_triples(store, [_OBSERVATION]),
        platform_stat_triples(store),
    ))
    return found


def _update_touched(store: ox.Store, graph: ox.NamedNode, touched: Touched) -> Conflicts:
    rows = observation_rows(store, touched.figures)
    found = find_conflicts(rows)
    nodes = sorted(touched.nodes)
    # conflicts only join figures of one platform and metric: those of every figure of the touched
    # pairs are recomputed whole (the touched nodes include the figures now gone), the statistics
    # of the touched nodes only
    subjects = sorted({row.iri for row in rows} | touched.nodes)

    def old() -> Iterator[ox.Quad]:
        for x in subjects:
            stats = x in touched.nodes
            for q in store.quads_for_pattern(ox.NamedNode(x), None, None, graph):
                if q.predicate == CONFLICTS_WITH or (stats and q.predicate in _NODE_STATISTICS):
                    yield q

    rewrite_part(store, graph, old(), chain(
        conflict_triples(found.pairs),
        node_source_stat_triples(store, nodes),
        node_platform_stat_triples(store, nodes),
    ))
    return found


def resolve(store: ox.Store) -> ResolutionStats:
    """Recompute the resolution graph (:func:`update_resolution`) and report counts (nine more queries over every article)."""
    conflicts = len(update_resolution(store).pairs)
    return ResolutionStats(
        articles=_count(store, _typed("Article")),
        platforms=_count(store, f"?a <{_PGKG}reportsOn>|<{_PGKG}mentions> ?x ."),
        policies=_count(store, _POLICY_PATTERN),
        metrics=_count(store, _typed("Metric")),
        observations=_count(store, _typed("Observation")),
        persons=_count(store, _typed("Person")),
        merged_policies=_count(store, _POLICY_PATTERN, merged=True),
        merged_observations=_count(store, _typed("Observation"), merged=True),
        merged_persons=_count(store, _typed("Person"), merged=True),
        conflicts=conflicts,
    )
