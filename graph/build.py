"""Per-article RDF: :class:`~pgkg.ingest.facts.ArticleFacts` -> quads of the article's named graph.

Pure functions only (no store, no clock, no files except the shipped
ontology in :func:`ontology_quads`). The graph shape follows docs/model.md,
"What an article's named graph holds". Decisions the model leaves open:

* Observations whose ``platform`` is ``None`` are skipped: an observation
  needs exactly one ``pgkg:ofPlatform`` (shapes.ttl) and its IRI is minted
  from the platform key.
* Facts minting the same IRI are merged into one node with several
  ``pgkg:evidence``. Single-valued fields then take the value of the
  earliest fact (lowest evidence offset): the policy kind (a specific
  subclass wins over plain ``Policy``), labels, the period; two facts of one
  kind on the same span share one Evidence node with the alphabetically
  first rule.
* The period and unit literals are written in a canonical form (NFKC,
  simplified; the unit as its normalised key) so that two articles minting
  the same observation IRI also agree on these single-valued literals.
* A person named without organisation takes the organisation given for the
  same name elsewhere in the article when there is exactly one.
* ``attributedTo`` points to the article's policy of that name (any
  platform); when the article has no measure fact of that name a minimal
  ``pgkg:Policy`` node (label, key, announcing platform, the observation's
  evidence) is added so the link never dangles.
* A ``Regulation`` is never announced by a platform (shapes.ttl); it gets
  ``id:policy/regulation/…`` and ``pgkg:issuedBy`` its issuer.
* Platforms and stakeholder-role concepts carry, inside the article graph
  only, ``pgkg:evidence`` links to the sentences that named them.
* Organisations of the lexicon are described in the ontology graph; other
  organisations (issuers, people's employers) get ``a pgkg:Organization`` and
  an ``rdfs:label`` in the article graph.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph as _RdfGraph

from pgkg.ingest.article import ArticleMeta
from pgkg.ingest.facts import (
    MEASURE_KINDS,
    ArticleFacts,
    Evidence,
    Fact,
    MeasureFact,
    ObservationFact,
    PersonFact,
    PlatformFact,
    StakeholderFact,
)
from pgkg.ontology import ONTOLOGY_GRAPH, data_path
from pgkg.ontology import terms as T

from .iri import (
    area_iri,
    article_graph_iri,
    article_iri,
    canonical_text,
    decimal_text,
    evidence_iri,
    is_lexicon_org,
    metric_iri,
    norm_key,
    observation_iri,
    org_iri,
    person_iri,
    platform_iri,
    policy_iri,
    policy_key,
    role_iri,
)

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]

Term = str
"""A term in N-Triples syntax (``<iri>``, ``"text"@zh`` …), exactly as ``str()`` of the pyoxigraph term.

Triples are built from these strings and turned into pyoxigraph quads once, by
parsing the article's N-Quads (much cheaper than a ``Quad`` per triple, whose
constructor is slow for a literal object); ``str()`` of a term is its N-Triples
form, so sorting the strings sorts the triples as their N-Triples text.
"""
Statement = tuple[Term, Term, Term]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"


def _n(iri: object) -> Term:
    """An IRI minted by :mod:`pgkg.graph.iri` (percent-encoded segments in fixed namespaces: valid by construction)."""
    return f"<{iri}>"


RDF_TYPE = _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = _n("http://www.w3.org/2000/01/rdf-schema#label")
DCT_TITLE, DCT_ISSUED, DCT_LANGUAGE = _n(_DCT + "title"), _n(_DCT + "issued"), _n(_DCT + "language")
SCHEMA_URL = _n("https://schema.org/url")
PROV_ENTITY, PROV_DERIVED, PROV_GENERATED = (
    _n(_PROV + "Entity"),
    _n(_PROV + "wasDerivedFrom"),
    _n(_PROV + "generatedAtTime"),
)
XSD_DATE, XSD_DATETIME, XSD_DECIMAL, XSD_INTEGER, XSD_ANYURI = (
    _n(_XSD + t) for t in ("date", "dateTime", "decimal", "integer", "anyURI")
)
P = {name: _n(getattr(T, name)) for name in (
    "key", "value", "unit", "qualifier", "change", "period", "surfaceForm", "role", "sentence",
    "charStart", "charEnd", "rule", "outlet", "author", "sourceFile", "contentHash",
    "extractorVersion", "announces", "issuedBy", "targets", "category", "ofMetric", "ofPlatform",
    "attributedTo", "speaksFor", "reportsOn", "mentions", "mentionsStakeholder", "evidence",
)}
C = {name: _n(getattr(T, name)) for name in (*MEASURE_KINDS, "Article", "Evidence", "Metric",
                                               "Observation", "Person", "Organization")}


_DATATYPES = {iri: ox.NamedNode(iri[1:-1]) for iri in (XSD_DATE, XSD_DATETIME, XSD_DECIMAL, XSD_INTEGER, XSD_ANYURI)}


def _zh(text: str) -> Term:
    return str(ox.Literal(text, language="zh"))


def _s(text: str) -> Term:
    return str(ox.Literal(text))


def _typed(text: str, datatype: Term) -> Term:
    return str(ox.Literal(text, datatype=_DATATYPES[datatype]))


def _int(number: int) -> Term:
    return _typed(str(int(number)), XSD_INTEGER)


@lru_cache(maxsize=1024)
def _article_node(source: str) -> Term:
    return _n(article_iri(source))


@lru_cache(maxsize=8192)
def _evidence_node(source: str, start: int, end: int, kind: str) -> Term:
    return _n(evidence_iri(source, start, end, kind))


# --------------------------------------------------------------------------- evidence


_FACT_KINDS: dict[type, str] = {
    PlatformFact: "platform",
    MeasureFact: "measure",
    ObservationFact: "observation",
    StakeholderFact: "stakeholder",
    PersonFact: "person",
}


def fact_kind(fact: Fact) -> str:
    """Short kind of a fact, used in evidence IRIs: platform, measure, observation, stakeholder, person."""
    return _FACT_KINDS[type(fact)]


def fact_evidence_iri(source: str, fact: Fact) -> ox.NamedNode:
    return ox.NamedNode(_fact_evidence(source, fact)[1:-1])


def _fact_evidence(source: str, fact: Fact) -> Term:
    ev = fact.evidence
    return _evidence_node(source, ev.start, ev.end, fact_kind(fact))


def _evidence_triples(source: str, facts: Sequence[Fact]) -> list[Statement]:
    article = _article_node(source)
    chosen: dict[Term, Evidence] = {}
    for fact in facts:
        node = _fact_evidence(source, fact)
        current = chosen.get(node)
        if current is None or (fact.evidence.rule, fact.evidence.sentence) < (current.rule, current.sentence):
            chosen[node] = fact.evidence
    triples: list[Statement] = []
    for node, ev in chosen.items():
        triples += [
            (node, RDF_TYPE, C["Evidence"]),
            (node, P["sentence"], _s(ev.sentence)),
            (node, P["charStart"], _int(ev.start)),
            (node, P["charEnd"], _int(ev.end)),
            (node, P["rule"], _s(ev.rule)),
            (node, PROV_DERIVED, article),
        ]
    return triples


def _by_position(facts: Iterable[Fact]) -> list[Fact]:
    return sorted(facts, key=lambda f: (f.evidence.start, f.evidence.end, f.evidence.rule))


# --------------------------------------------------------------------------- article


def _valid_date(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def _article_triples(meta: ArticleMeta) -> list[Statement]:
    node = _article_node(meta.source)
    triples: list[Statement] = [(node, RDF_TYPE, C["Article"]), (node, P["sourceFile"], _s(meta.source))]
    if meta.content_hash:
        triples.append((node, P["contentHash"], _s(meta.content_hash)))
    if meta.title:
        triples.append((node, DCT_TITLE, _s(meta.title)))
    issued = _valid_date(meta.published)
    if issued:
        triples.append((node, DCT_ISSUED, _typed(issued, XSD_DATE)))
    if meta.outlet:
        triples.append((node, P["outlet"], _s(meta.outlet)))
    if meta.author:
        triples.append((node, P["author"], _s(meta.author)))
    if meta.url:
        triples.append((node, SCHEMA_URL, _typed(meta.url, XSD_ANYURI)))
    if meta.language:
        triples.append((node, DCT_LANGUAGE, _s(meta.language)))
    return triples


def _graph_prov_triples(source: str, extractor_version: str, generated_at: str | None) -> list[Statement]:
    graph = _n(article_graph_iri(source))
    triples: list[Statement] = [
        (graph, RDF_TYPE, PROV_ENTITY),
        (graph, PROV_DERIVED, _article_node(source)),
        (graph, P["extractorVersion"], _s(extractor_version)),
    ]
    if generated_at:
        triples.append((graph, PROV_GENERATED, _typed(generated_at, XSD_DATETIME)))
    return triples


# --------------------------------------------------------------------------- platforms, stakeholders


def _platform_triples(source: str, facts: Sequence[PlatformFact]) -> list[Statement]:
    article = _article_node(source)
    subjects = {f.key for f in facts if f.role == "subject"}
    triples: list[Statement] = []
    for fact in facts:
        platform = _n(platform_iri(fact.key))
        link = P["reportsOn"] if fact.key in subjects else P["mentions"]
        triples += [(article, link, platform), (platform, P["evidence"], _fact_evidence(source, fact))]
    return triples


def _stakeholder_triples(source: str, facts: Sequence[StakeholderFact]) -> list[Statement]:
    article = _article_node(source)
    triples: list[Statement] = []
    for fact in facts:
        concept = _n(role_iri(fact.key))
        triples += [(article, P["mentionsStakeholder"], concept),
                    (concept, P["evidence"], _fact_evidence(source, fact))]
    return triples


# --------------------------------------------------------------------------- organisations


def _org_node_triples(name: str) -> list[Statement]:
    """``a pgkg:Organization`` + label for an organisation outside the lexicon (nothing for lexicon ones)."""
    if not norm_key(name) or is_lexicon_org(name):
        return []
    node = _n(org_iri(name))
    return [(node, RDF_TYPE, C["Organization"]), (node, RDFS_LABEL, _zh(name.strip()))]


# --------------------------------------------------------------------------- measures


def measure_iri(fact: MeasureFact) -> str:
    """Policy IRI of a measure fact (regulations never belong to a platform)."""
    platform = None if fact.kind == "Regulation" else fact.platform
    return policy_iri(platform, fact.key or fact.name)


def _measure_class(facts: Sequence[MeasureFact]) -> Term:
    kinds = [f.kind for f in facts if f.kind in MEASURE_KINDS]
    specific = [k for k in kinds if k != "Policy"]
    return C[specific[0] if specific else "Policy"]


def _measure_group_triples(source: str, iri: str, facts: Sequence[MeasureFact]) -> list[Statement]:
    node, first = _n(iri), facts[0]
    cls = _measure_class(facts)
    triples: list[Statement] = [
        (node, RDF_TYPE, cls),
        (node, RDFS_LABEL, _zh(first.name)),
        (node, P["key"], _s(policy_key(first.key or first.name))),
        (node, PROV_DERIVED, _article_node(source)),
    ]
    for fact in facts:
        triples.append((node, P["evidence"], _fact_evidence(source, fact)))
        if fact.category:
            triples.append((node, P["category"], _n(area_iri(fact.category))))
        triples += [(node, P["targets"], _n(role_iri(t))) for t in fact.targets]
        if cls == C["Regulation"]:
            if fact.issuer and norm_key(fact.issuer):
                triples += [(node, P["issuedBy"], _n(org_iri(fact.issuer))), *_org_node_triples(fact.issuer)]
        elif fact.platform:
            triples.append((_n(platform_iri(fact.platform)), P["announces"], node))
    return triples


def _group(facts: Iterable[Fact], key: Callable[[Fact], str]) -> dict[str, list]:
    groups: dict[str, list] = {}
    for fact in _by_position(facts):
        groups.setdefault(key(fact), []).append(fact)
    return groups


def _measure_triples(source: str, facts: Sequence[MeasureFact]) -> list[Statement]:
    triples: list[Statement] = []
    for iri, group in _group(facts, measure_iri).items():
        triples += _measure_group_triples(source, iri, group)
    return triples


# --------------------------------------------------------------------------- observations


def observation_fact_iri(fact: ObservationFact) -> str:
    """Observation IRI of a fact (its platform must be known)."""
    if fact.platform is None:
        raise ValueError("an observation without platform has no IRI")
    return observation_iri(fact.platform, fact.metric_key or fact.metric, fact.period, fact.value,
                           fact.unit, fact.qualifier, fact.change)


@dataclass(frozen=True, slots=True)
class _Policies:
    """The article's measure facts as attribution targets, minted once per article."""

    named: tuple[tuple[str, str | None, str], ...]
    """``(policy key, platform, policy IRI)`` of each measure fact, in text order."""
    iris: frozenset[str]


def _policies(measures: Sequence[MeasureFact]) -> _Policies:
    named = tuple((policy_key(m.key or m.name), m.platform, measure_iri(m)) for m in _by_position(measures))
    return _Policies(named=named, iris=frozenset(iri for _, _, iri in named))


def _attribution_iri(fact: ObservationFact, policies: _Policies) -> str:
    wanted = policy_key(fact.measure or "")
    named = [(platform, iri) for key, platform, iri in policies.named if key == wanted]
    chosen = [iri for platform, iri in named if platform == fact.platform] or [iri for _, iri in named]
    return chosen[0] if chosen else policy_iri(fact.platform, fact.measure or "")


def _implicit_policy_triples(source: str, fact: ObservationFact, iri: str) -> list[Statement]:
    """A minimal Policy for a measure named only in an observation's sentence."""
    node = _n(iri)
    return [
        (node, RDF_TYPE, C["Policy"]),
        (node, RDFS_LABEL, _zh(fact.measure or "")),
        (node, P["key"], _s(policy_key(fact.measure or ""))),
        (node, PROV_DERIVED, _article_node(source)),
        (node, P["evidence"], _fact_evidence(source, fact)),
        (_n(platform_iri(fact.platform or "")), P["announces"], node),
    ]


def _observation_group_triples(source: str, iri: str, facts: Sequence[ObservationFact],
                               policies: _Policies) -> list[Statement]:
    node, first = _n(iri), facts[0]
    metric = _n(metric_iri(first.metric_key or first.metric))
    triples: list[Statement] = [
        (node, RDF_TYPE, C["Observation"]),
        (node, RDFS_LABEL, _zh(f"{first.metric} {first.surface}".strip())),
        (node, P["value"], _typed(decimal_text(first.value), XSD_DECIMAL)),
        (node, P["unit"], _s(norm_key(first.unit) or first.unit)),
        (node, P["qualifier"], _s(first.qualifier)),
        (node, P["ofMetric"], metric),
        (node, P["ofPlatform"], _n(platform_iri(first.platform or ""))),
        (node, PROV_DERIVED, _article_node(source)),
        (metric, RDF_TYPE, C["Metric"]),
        (metric, RDFS_LABEL, _zh(first.metric)),
        (metric, P["key"], _s(norm_key(first.metric_key or first.metric))),
    ]
    if first.change:
        triples.append((node, P["change"], _s(first.change)))
    if first.period:
        triples.append((node, P["period"], _s(canonical_text(first.period))))
    for fact in facts:
        triples += [(node, P["surfaceForm"], _s(fact.surface)),
                    (node, P["evidence"], _fact_evidence(source, fact))]
        if fact.measure and policy_key(fact.measure):
            policy = _attribution_iri(fact, policies)
            triples.append((node, P["attributedTo"], _n(policy)))
            if policy not in policies.iris:
                triples += _implicit_policy_triples(source, fact, policy)
    return triples


def _observation_triples(source: str, facts: Sequence[ObservationFact],
                         measures: Sequence[MeasureFact]) -> list[Statement]:
    known = [f for f in facts if f.platform is not None]
    policies = _policies(measures)
    triples: list[Statement] = []
    for iri, group in _group(known, observation_fact_iri).items():
        triples += _observation_group_triples(source, iri, group, policies)
    return triples


# --------------------------------------------------------------------------- people


def _person_org(fact: PersonFact, known: dict[str, set[tuple[str | None, str | None]]]) -> tuple[str | None, str | None]:
    """(org_platform, org) of a person, borrowing the article's only known organisation for the name."""
    if fact.org_platform or fact.org:
        return fact.org_platform, fact.org
    options = known.get(norm_key(fact.name), set())
    return next(iter(options)) if len(options) == 1 else (None, None)


def _person_group_triples(source: str, iri: str, org_platform: str | None, org: str | None,
                          facts: Sequence[PersonFact]) -> list[Statement]:
    node = _n(iri)
    triples: list[Statement] = [
        (node, RDF_TYPE, C["Person"]),
        (node, RDFS_LABEL, _zh(facts[0].name)),
        (node, PROV_DERIVED, _article_node(source)),
    ]
    for fact in facts:
        triples.append((node, P["evidence"], _fact_evidence(source, fact)))
        if fact.role:
            triples.append((node, P["role"], _s(fact.role)))
    if org_platform:
        triples.append((node, P["speaksFor"], _n(platform_iri(org_platform))))
    elif org and norm_key(org):
        triples += [(node, P["speaksFor"], _n(org_iri(org))), *_org_node_triples(org)]
    return triples


def _person_triples(source: str, facts: Sequence[PersonFact]) -> list[Statement]:
    known: dict[str, set[tuple[str | None, str | None]]] = {}
    for fact in facts:
        if fact.org_platform or fact.org:
            known.setdefault(norm_key(fact.name), set()).add((fact.org_platform, fact.org))
    groups: dict[str, tuple[str | None, str | None, list[PersonFact]]] = {}
    for fact in _by_position(facts):
        org_platform, org = _person_org(fact, known)
        iri = person_iri(fact.name, org_platform or org)
        groups.setdefault(iri, (org_platform, org, []))[2].append(fact)
    triples: list[Statement] = []
    for iri, (org_platform, org, group) in groups.items():
        triples += _person_group_triples(source, iri, org_platform, org, group)
    return triples


# --------------------------------------------------------------------------- article graph


def _of(facts: Iterable[Fact], cls: type) -> list:
    return [f for f in facts if isinstance(f, cls)]


def article_triples(af: ArticleFacts, *, extractor_version: str, generated_at: str | None = None) -> list[Triple]:
    """Every triple of the article's named graph (deduplicated, sorted)."""
    return [(q.subject, q.predicate, q.object)
            for q in article_quads(af, extractor_version=extractor_version, generated_at=generated_at)]


def article_statements(af: ArticleFacts, *, extractor_version: str, generated_at: str | None = None) -> list[Statement]:
    """Every triple of the article's named graph in N-Triples syntax, deduplicated and sorted
    (as the triples' N-Triples text: subject, then predicate, then object)."""
    source, facts = af.meta.source, af.facts
    measures = _of(facts, MeasureFact)
    observations = _of(facts, ObservationFact)
    evidenced = [f for f in facts if not (isinstance(f, ObservationFact) and f.platform is None)]
    triples = [
        *_article_triples(af.meta),
        *_platform_triples(source, _of(facts, PlatformFact)),
        *_stakeholder_triples(source, _of(facts, StakeholderFact)),
        *_measure_triples(source, measures),
        *_observation_triples(source, observations, measures),
        *_person_triples(source, _of(facts, PersonFact)),
        *_evidence_triples(source, evidenced),
        *_graph_prov_triples(source, extractor_version, generated_at),
    ]
    return sorted(set(triples))


def article_document(
    af: ArticleFacts, *, extractor_version: str, generated_at: str | None = None
) -> tuple[list[Statement], str]:
    """The article's named graph as its sorted :func:`article_statements` and as N-Quads text.

    The text is what :func:`to_nquads` writes for the same quads (the terms are
    ``str()`` of pyoxigraph terms), but it is not checked yet: parse it strictly
    (:func:`article_quads`, ``pgkg.graph.export.trig_of_nquads``) before it is
    loaded, so that an IRI that came out malformed fails this article alone
    (reported), never the bulk load.
    """
    graph = _n(article_graph_iri(af.meta.source))
    statements = article_statements(af, extractor_version=extractor_version, generated_at=generated_at)
    return statements, "".join(f"{s} {p} {o} {graph} .\n" for s, p, o in statements)


def article_quads(af: ArticleFacts, *, extractor_version: str, generated_at: str | None = None) -> list[ox.Quad]:
    """The article's named graph as quads (see the module docstring for what is skipped or merged).

    ``generated_at`` (an ``xsd:dateTime`` lexical form) is the only
    non-deterministic input; it is omitted from the graph when ``None``.
    """
    _, document = article_document(af, extractor_version=extractor_version, generated_at=generated_at)
    return list(ox.parse(document, format=ox.RdfFormat.N_QUADS))  # strict: see article_document


# --------------------------------------------------------------------------- ontology graph


def _rdflib_to_quads(graph: _RdfGraph, graph_name: ox.NamedNode) -> list[ox.Quad]:
    data = graph.serialize(format="nt", encoding="utf-8")
    return [ox.Quad(q.subject, q.predicate, q.object, graph_name)
            for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]


def lexicon_graph() -> _RdfGraph:
    """The lexicon as RDF (platforms and operators), from :mod:`pgkg.ontology.rdf_lexicon`."""
    from pgkg.ontology.rdf_lexicon import lexicon_triples

    return lexicon_triples()


def ontology_quads() -> list[ox.Quad]:
    """``ontology/pgkg.ttl`` plus the lexicon triples, in the ontology named graph."""
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    ontology = [ox.Quad(q.subject, q.predicate, q.object, graph)
                for q in ox.parse(path=str(data_path("pgkg.ttl")), format=ox.RdfFormat.TURTLE)]
    return ontology + _rdflib_to_quads(lexicon_graph(), graph)


# --------------------------------------------------------------------------- interchange


def to_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Serialise quads as N-Quads (the interchange format between build processes)."""
    return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS) or b""


def from_nquads(data: bytes) -> list[ox.Quad]:
    """Parse N-Quads produced by :func:`to_nquads`."""
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
