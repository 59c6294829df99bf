"""terms.py is generated from pgkg.ttl and must not drift from it."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from pgkg.ingest.facts import MEASURE_KINDS
from pgkg.ontology import PGKG_NS, codegen, terms
from pgkg.ontology.lexicon import load_lexicon


def test_terms_file_equals_fresh_generation() -> None:
    fresh = codegen.render_terms(codegen.load_ontology_file())
    current = codegen.TERMS_FILE.read_text(encoding="utf-8")
    assert current == fresh, "ontology/terms.py is stale: run python -m pgkg.ontology.codegen"


def test_check_mode_reports_up_to_date() -> None:
    assert codegen.main(["--check"]) == 0


def test_every_pgkg_term_has_a_constant() -> None:
    onto = codegen.load_ontology_file()
    subjects = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(PGKG_NS)}
    assert len(subjects) > 50
    missing = sorted(str(s) for s in subjects if getattr(terms, str(s)[len(PGKG_NS):], None) != s)
    assert missing == []


def test_generation_tracks_an_edited_ontology() -> None:
    onto = codegen.load_ontology_file()
    edited = Graph()
    for triple in onto:
        edited.add(triple)
    new_class = URIRef(PGKG_NS + "Sanction")
    edited.add((new_class, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    text = codegen.render_terms(edited)
    assert f'Sanction = URIRef("{new_class}")' in text
    assert text != codegen.TERMS_FILE.read_text(encoding="utf-8")


def test_invalid_local_name_is_rejected() -> None:
    onto = Graph()
    onto.add((URIRef(PGKG_NS + "class"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    with pytest.raises(ValueError, match="no valid Python identifier"):
        codegen.render_terms(onto)


def test_key_tuples_match_lexicon() -> None:
    lexicon = load_lexicon()
    assert set(terms.ROLE_KEYS) == set(lexicon.stakeholders)
    assert set(terms.AREA_KEYS) == set(lexicon.areas)
    assert len(terms.ROLE_KEYS) == 9 and len(terms.AREA_KEYS) == 10


def test_policy_classes_match_the_measure_kinds_of_the_facts_contract() -> None:
    assert [str(c)[len(PGKG_NS):] for c in terms.POLICY_CLASSES] == [MEASURE_KINDS[0], *sorted(MEASURE_KINDS[1:])]


@pytest.mark.parametrize(
    ("constant", "local"),
    [(terms.Observation, "Observation"), (terms.ofPlatform, "ofPlatform"), (terms.value, "value"), (terms.StakeholderRoles, "StakeholderRoles")],
)
def test_constants_are_uris(constant: URIRef, local: str) -> None:
    assert constant == URIRef(PGKG_NS + local)


def test_groups_are_disjoint_and_complete() -> None:
    groups = [terms.CLASSES, terms.OBJECT_PROPERTIES, terms.DATATYPE_PROPERTIES, terms.CONCEPT_SCHEMES]
    flat = [t for g in groups for t in g]
    assert len(flat) == len(set(flat))
    assert terms.Observation in terms.CLASSES and terms.value in terms.DATATYPE_PROPERTIES
    assert terms.GovernanceAreas in terms.CONCEPT_SCHEMES and terms.partOf in terms.OBJECT_PROPERTIES
    onto = codegen.load_ontology_file()
    assert set(terms.CONCEPT_SCHEMES) == set(onto.subjects(RDF.type, SKOS.ConceptScheme))
