"""Ontology stage: the Turtle ontology (source of truth), SHACL shapes, lexicon.

Namespaces used throughout pgkg:

* ``PGKG`` (``https://w3id.org/pgkg/ontology#``): classes and properties, see ``pgkg.ttl``.
* ``ROLE`` (``https://w3id.org/pgkg/role/``): stakeholder-role SKOS concepts.
* ``AREA`` (``https://w3id.org/pgkg/area/``): governance-area SKOS concepts.
* ``ID`` (``https://w3id.org/pgkg/id/``): instance data, minted from normalised keys.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Namespace

PGKG_NS = "https://w3id.org/pgkg/ontology#"
PGKG = Namespace(PGKG_NS)
ROLE = Namespace("https://w3id.org/pgkg/role/")
AREA = Namespace("https://w3id.org/pgkg/area/")
ID = Namespace("https://w3id.org/pgkg/id/")
ONTOLOGY_GRAPH = "https://w3id.org/pgkg/graph/ontology"
"""Named graph holding the ontology and the lexicon."""


def data_path(name: str) -> Path:
    """Path of a data file shipped in this package (``pgkg.ttl``, ``shapes.ttl``, ``lexicon.toml``)."""
    return Path(str(resources.files(__name__).joinpath(name)))
