"""The lexicon as RDF (platforms and their operators), per docs/model.md.

The graph stage loads this into the ontology graph
(``https://w3id.org/pgkg/graph/ontology``) next to ``pgkg.ttl``, which already
holds the two SKOS schemes.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import AREA, ID, PGKG, ROLE
from .lexicon import Lexicon, OrganizationEntry, PlatformEntry, load_lexicon
from .validate import load_ontology

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def platform_iri(key: str) -> URIRef:
    """``id:platform/{key}`` for a lexicon platform key."""
    return ID[f"platform/{quote(key, safe='')}"]


def organization_iri(key: str) -> URIRef:
    """``id:org/{key}`` for a lexicon organisation key."""
    return ID[f"org/{quote(key, safe='')}"]


def name_language(name: str) -> str:
    """Language tag for an alias: ``zh`` when it contains Chinese characters, else ``en``."""
    return "zh" if _CJK.search(name) else "en"


def _alt_labels(aliases: tuple[str, ...], traditional: tuple[str, ...], taken: set[Literal]) -> list[Literal]:
    labels: list[Literal] = []
    candidates = [Literal(a, lang=name_language(a)) for a in aliases]
    candidates += [Literal(t, lang="zh-Hant") for t in traditional]
    for label in candidates:
        if label not in taken:
            taken.add(label)
            labels.append(label)
    return labels


def _named(
    node: URIRef, cls: URIRef, key: str, zh: str, en: str, aliases: tuple[str, ...], traditional: tuple[str, ...]
) -> Graph:
    """A typed lexicon node with its key, zh/en labels and alternative labels."""
    g = Graph()
    labels = {Literal(zh, lang="zh"), Literal(en, lang="en")}
    g.add((node, RDF.type, cls))
    for label in labels:
        g.add((node, RDFS.label, label))
    g.add((node, PGKG.key, Literal(key)))
    for alt in _alt_labels(aliases, traditional, set(labels)):
        g.add((node, SKOS.altLabel, alt))
    return g


def platform_triples(entry: PlatformEntry) -> Graph:
    """Triples describing one lexicon platform."""
    node = platform_iri(entry.key)
    g = _named(node, PGKG.Platform, entry.key, entry.zh, entry.en, entry.aliases, entry.traditional)
    if entry.parent is not None:
        g.add((node, PGKG.partOf, platform_iri(entry.parent)))
    if entry.operator is not None:
        g.add((node, PGKG.operatedBy, organization_iri(entry.operator)))
    return g


def organization_triples(entry: OrganizationEntry) -> Graph:
    """Triples describing one lexicon organisation (a platform operator)."""
    return _named(organization_iri(entry.key), PGKG.Organization, entry.key, entry.zh, entry.en, entry.aliases, ())


def concept_iri(scheme: str, key: str) -> URIRef:
    """IRI of a SKOS concept: ``scheme`` is ``role`` or ``area``."""
    namespace = {"role": ROLE, "area": AREA}[scheme]
    return namespace[quote(key, safe="")]


def ontology_and_lexicon(lexicon: Lexicon | None = None) -> Graph:
    """Content of the ontology graph: ``pgkg.ttl`` plus :func:`lexicon_triples` (a fresh graph)."""
    g = load_ontology()
    g += lexicon_triples(lexicon)
    return g


def lexicon_triples(lexicon: Lexicon | None = None) -> Graph:
    """The lexicon's platforms and operators as RDF (``lexicon`` defaults to the shipped one)."""
    lex = lexicon if lexicon is not None else load_lexicon()
    g = Graph()
    g.bind("pgkg", PGKG)
    g.bind("id", ID)
    g.bind("skos", SKOS)
    for entry in lex.platforms.values():
        g += platform_triples(entry)
    for org in lex.organizations.values():
        g += organization_triples(org)
    return g
