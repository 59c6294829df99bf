"""Shared test helpers (pytest loads this file; no sys.path changes needed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
import rdflib

BUILD_STAMPS = frozenset(
    {
        rdflib.URIRef("http://www.w3.org/ns/prov#generatedAtTime"),
        rdflib.URIRef("https://w3id.org/pgkg/ontology#extractorVersion"),
    }
)
HOLDS = rdflib.URIRef("urn:pgkg:test:holds")


def comparable_graph(quads: Iterable[tuple]) -> rdflib.Graph:
    """Quads as one graph for isomorphism, without build stamps (time, version).

    Each quad (s, p, o, g) gives (s, p, o) and (g, holds, s), so a fact that
    moved to another article's named graph makes two graphs differ.
    """
    flat = rdflib.Graph()
    for s, p, o, g in quads:
        if p in BUILD_STAMPS:
            continue
        flat.add((s, p, o))
        flat.add((rdflib.URIRef(str(g)), HOLDS, s))
    return flat


@pytest.fixture
def as_comparable() -> Callable[[Iterable[tuple]], rdflib.Graph]:
    return comparable_graph
