"""The ontology pgkg.ttl: parses, is fully labelled, matches docs/model.md and the lexicon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
import rdflib.namespace as rns
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from pgkg.ontology import AREA, PGKG, PGKG_NS, ROLE, data_path
from pgkg.ontology.lexicon import load_lexicon
from pgkg.ontology.validate import load_ontology

MODEL_DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SOSA = "http://www.w3.org/ns/sosa/"
ORG = "http://www.w3.org/ns/org#"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(data_path("pgkg.ttl"), format="turtle")


def declared(onto: Graph, *types: URIRef) -> set[URIRef]:
    return {s for t in types for s in onto.subjects(RDF.type, t) if isinstance(s, URIRef)}


def concepts(onto: Graph) -> set[URIRef]:
    return declared(onto, SKOS.Concept)


def langs(onto: Graph, node: URIRef, prop: URIRef) -> set[str | None]:
    return {o.language for o in onto.objects(node, prop) if isinstance(o, Literal)}


def test_ontology_parses_and_is_cached_copy_equal(onto: Graph) -> None:
    assert len(onto) > 300
    assert (URIRef("https://w3id.org/pgkg/ontology"), RDF.type, OWL.Ontology) in onto
    assert set(load_ontology()) == set(onto)


def test_every_term_is_in_the_pgkg_namespace_or_a_concept(onto: Graph) -> None:
    terms = declared(onto, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)
    assert terms, "no terms declared"
    assert all(str(t).startswith(PGKG_NS) for t in terms)


def test_every_class_property_scheme_and_concept_has_zh_en_labels_and_a_comment(onto: Graph) -> None:
    nodes = declared(onto, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme) | concepts(onto)
    problems = []
    for node in sorted(nodes):
        if not {"zh", "en"} <= langs(onto, node, RDFS.label):
            problems.append(f"{node}: rdfs:label @zh and @en")
        comments = [str(c) for c in onto.objects(node, RDFS.comment)]
        if len(comments) != 1 or "\n" in comments[0] or not comments[0].strip():
            problems.append(f"{node}: exactly one one-line rdfs:comment")
    for node in sorted(concepts(onto) | declared(onto, SKOS.ConceptScheme)):
        if not {"zh", "en"} <= langs(onto, node, SKOS.prefLabel):
            problems.append(f"{node}: skos:prefLabel @zh and @en")
    assert problems == []


def test_every_term_named_in_docs_model_exists(onto: Graph) -> None:
    text = MODEL_DOC.read_text(encoding="utf-8")
    section = text.split("## Terms", 1)[1].split("## IRIs", 1)[0]
    names = set(re.findall(r"`([A-Za-z]+)`", section))
    assert len(names) > 40
    declared_terms = declared(onto, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)
    missing = sorted(n for n in names if PGKG[n] not in declared_terms)
    assert missing == []


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        ("partOf", PGKG.Platform, PGKG.Platform),
        ("operatedBy", PGKG.Platform, PGKG.Organization),
        ("announces", PGKG.Organization, PGKG.Policy),
        ("issuedBy", PGKG.Regulation, PGKG.Organization),
        ("targets", PGKG.Policy, PGKG.StakeholderRole),
        ("benefits", PGKG.Policy, PGKG.StakeholderRole),
        ("obliges", PGKG.Policy, PGKG.StakeholderRole),
        ("category", PGKG.Policy, PGKG.GovernanceArea),
        ("ofMetric", PGKG.Observation, PGKG.Metric),
        ("ofPlatform", PGKG.Observation, PGKG.Platform),
        ("attributedTo", PGKG.Observation, PGKG.Policy),
        ("conflictsWith", PGKG.Observation, PGKG.Observation),
        ("speaksFor", PGKG.Person, PGKG.Organization),
        ("reportsOn", PGKG.Article, PGKG.Platform),
        ("mentions", PGKG.Article, PGKG.Platform),
        ("mentionsStakeholder", PGKG.Article, PGKG.StakeholderRole),
        ("evidence", None, PGKG.Evidence),
        ("value", PGKG.Observation, rns.XSD.decimal),
        ("unit", PGKG.Observation, rns.XSD.string),
        ("qualifier", PGKG.Observation, rns.XSD.string),
        ("change", PGKG.Observation, rns.XSD.string),
        ("charStart", PGKG.Evidence, rns.XSD.integer),
        ("charEnd", PGKG.Evidence, rns.XSD.integer),
        ("sentence", PGKG.Evidence, rns.XSD.string),
        ("sourceFile", PGKG.Article, rns.XSD.string),
        ("key", None, rns.XSD.string),
    ],
)
def test_domains_and_ranges_follow_the_model(onto: Graph, prop: str, domain: URIRef | None, range_: URIRef) -> None:
    assert set(onto.objects(PGKG[prop], RDFS.domain)) == ({domain} if domain else set())
    assert set(onto.objects(PGKG[prop], RDFS.range)) == {range_}


def test_property_kinds(onto: Graph) -> None:
    assert (PGKG.conflictsWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (PGKG.benefits, RDFS.subPropertyOf, PGKG.targets) in onto
    assert (PGKG.obliges, RDFS.subPropertyOf, PGKG.targets) in onto
    assert (PGKG.value, RDF.type, OWL.DatatypeProperty) in onto
    assert (PGKG.partOf, RDF.type, OWL.ObjectProperty) in onto


@pytest.mark.parametrize(
    "sub",
    ["PlatformRule", "ServiceGuarantee", "EnforcementCampaign", "MerchantSupport", "ProductFeature", "Programme", "Regulation"],
)
def test_policy_subclasses(onto: Graph, sub: str) -> None:
    assert (PGKG[sub], RDFS.subClassOf, PGKG.Policy) in onto


@pytest.mark.parametrize(
    ("term", "relation", "standard"),
    [
        (PGKG.Platform, RDFS.subClassOf, PGKG.Organization),
        (PGKG.Organization, RDFS.subClassOf, URIRef(SCHEMA + "Organization")),
        (PGKG.Person, RDFS.subClassOf, URIRef(SCHEMA + "Person")),
        (PGKG.Article, RDFS.subClassOf, URIRef(SCHEMA + "NewsArticle")),
        (PGKG.Article, RDFS.subClassOf, URIRef(PROV + "Entity")),
        (PGKG.Observation, RDFS.subClassOf, URIRef(SOSA + "Observation")),
        (PGKG.Observation, RDFS.subClassOf, URIRef(SCHEMA + "QuantitativeValue")),
        (PGKG.Policy, RDFS.subClassOf, URIRef(DCT + "Policy")),
        (PGKG.StakeholderRole, RDFS.subClassOf, SKOS.Concept),
        (PGKG.GovernanceArea, RDFS.subClassOf, SKOS.Concept),
        (PGKG.ofMetric, RDFS.subPropertyOf, URIRef(SOSA + "observedProperty")),
        (PGKG.ofPlatform, RDFS.subPropertyOf, URIRef(SOSA + "hasFeatureOfInterest")),
        (PGKG.speaksFor, RDFS.subPropertyOf, URIRef(ORG + "memberOf")),
        (PGKG.evidence, RDFS.subPropertyOf, URIRef(PROV + "wasDerivedFrom")),
        (PGKG.category, RDFS.subPropertyOf, URIRef(DCT + "subject")),
    ],
)
def test_standard_vocabularies_are_reused(onto: Graph, term: URIRef, relation: URIRef, standard: URIRef) -> None:
    assert (term, relation, standard) in onto


def test_no_same_as_links(onto: Graph) -> None:
    assert list(onto.triples((None, OWL.sameAs, None))) == []
    assert "owl:sameAs" in data_path("pgkg.ttl").read_text(encoding="utf-8")  # the comment saying why


@pytest.mark.parametrize(
    ("scheme", "namespace", "section"),
    [(PGKG.StakeholderRoles, ROLE, "stakeholders"), (PGKG.GovernanceAreas, AREA, "areas")],
)
def test_skos_schemes_agree_with_the_lexicon(onto: Graph, scheme: URIRef, namespace, section: str) -> None:
    entries = getattr(load_lexicon(), section)
    members = set(onto.subjects(SKOS.inScheme, scheme))
    assert members == {namespace[key] for key in entries}
    assert set(onto.objects(scheme, SKOS.hasTopConcept)) == members
    for key, entry in entries.items():
        concept = namespace[key]
        assert [str(n) for n in onto.objects(concept, SKOS.notation)] == [key]
        assert set(onto.objects(concept, SKOS.prefLabel)) == {Literal(entry.zh, lang="zh"), Literal(entry.en, lang="en")}
        assert set(onto.objects(concept, RDFS.label)) == {Literal(entry.zh, lang="zh"), Literal(entry.en, lang="en")}
        expected_class = PGKG.StakeholderRole if section == "stakeholders" else PGKG.GovernanceArea
        assert {SKOS.Concept, expected_class} <= set(onto.objects(concept, RDF.type))
