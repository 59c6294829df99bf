"""Synthetic stores shaped like docs/model.md, for the viz benchmark and scale tests.

``synthetic_store(nodes)`` builds roughly ``nodes`` drawable nodes: articles
about lexicon platforms, each with policies, figures, a person and evidence.
Deterministic; the texts are templates, not article text.
"""

from __future__ import annotations

from urllib.parse import quote

import pyoxigraph as ox

from pgkg.graph.store import rebuild_merged_graph
from pgkg.ontology import ONTOLOGY_GRAPH, PGKG_NS
from pgkg.ontology.lexicon import load_lexicon

from .extract import AREA_NS, ID_NS, PROV_NS, ROLE_NS

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_NOTATION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
_ISSUED = ox.NamedNode("http://purl.org/dc/terms/issued")
_DERIVED = ox.NamedNode(PROV_NS + "wasDerivedFrom")
_XSD = "http://www.w3.org/2001/XMLSchema#"
NODES_PER_ARTICLE = 10  # article + 3 policies + 5 figures + 1 person
_POLICY_CLASSES = ("ServiceGuarantee", "PlatformRule", "EnforcementCampaign", "MerchantSupport", "Programme")


def _p(name: str) -> ox.NamedNode:
    return ox.NamedNode(PGKG_NS + name)


def _id(*segments: str) -> ox.NamedNode:
    return ox.NamedNode(ID_NS + "/".join(quote(s, safe="") for s in segments))


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _ontology(platforms: list[str], areas: list[str], roles: list[str]) -> list[ox.Quad]:
    lex = load_lexicon()
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    out = []
    for key in platforms:
        e = lex.platforms[key]
        node = _id("platform", key)
        out += [
            ox.Quad(node, _RDF_TYPE, _p("Platform"), g),
            ox.Quad(node, _LABEL, _zh(e.zh), g),
            ox.Quad(node, _LABEL, ox.Literal(e.en, language="en"), g),
            ox.Quad(node, _p("key"), ox.Literal(key), g),
        ]
    for ns, keys, cls, table in ((ROLE_NS, roles, "StakeholderRole", lex.stakeholders), (AREA_NS, areas, "GovernanceArea", lex.areas)):
        for key in keys:
            node = ox.NamedNode(ns + key)
            out += [
                ox.Quad(node, _RDF_TYPE, _p(cls), g),
                ox.Quad(node, _NOTATION, ox.Literal(key), g),
                ox.Quad(node, _PREF, _zh(table[key].zh), g),
                ox.Quad(node, _PREF, ox.Literal(table[key].en, language="en"), g),
            ]
    return out


def _article(i: int, platform: str, areas: list[str], roles: list[str], metrics: int) -> list[ox.Quad]:
    source = f"synthetic_{i:05d}.txt"
    g = ox.NamedNode("https://w3id.org/pgkg/graph/article/" + quote(source, safe=""))
    art = _id("article", source)
    plat = _id("platform", platform)
    out = [
        ox.Quad(art, _RDF_TYPE, _p("Article"), g),
        ox.Quad(art, _TITLE, ox.Literal(f"平台治理报道 第{i}篇"), g),
        ox.Quad(art, _ISSUED, ox.Literal(f"2023-{i % 12 + 1:02d}-{i % 28 + 1:02d}", datatype=ox.NamedNode(_XSD + "date")), g),
        ox.Quad(art, _p("outlet"), ox.Literal(f"媒体{i % 7}"), g),
        ox.Quad(art, _p("reportsOn"), plat, g),
    ]

    def fact(node: ox.NamedNode, cls: str, label: str, n: int) -> list[ox.Quad]:
        ev = _id("evidence", source, f"{n}-{n + 3}", cls.lower())
        return [
            ox.Quad(node, _RDF_TYPE, _p(cls), g),
            ox.Quad(node, _LABEL, _zh(label), g),
            ox.Quad(node, _DERIVED, art, g),
            ox.Quad(node, _p("evidence"), ev, g),
            ox.Quad(ev, _RDF_TYPE, _p("Evidence"), g),
            ox.Quad(ev, _p("sentence"), ox.Literal(f"第{i}篇文章的第{n}句:{label}。"), g),
            ox.Quad(ev, _DERIVED, art, g),
        ]

    for j in range(3):
        pol = _id("policy", platform, f"措施{i}-{j}")
        out += fact(pol, _POLICY_CLASSES[(i + j) % len(_POLICY_CLASSES)], f"措施{i}-{j}", j)
        out += [
            ox.Quad(plat, _p("announces"), pol, g),
            ox.Quad(pol, _p("category"), ox.NamedNode(AREA_NS + areas[(i + j) % len(areas)]), g),
            ox.Quad(pol, _p("targets"), ox.NamedNode(ROLE_NS + roles[(i + j) % len(roles)]), g),
        ]
    for j in range(5):
        m = (i * 5 + j) % metrics
        metric = _id("metric", f"指标{m}")
        obs = _id("obs", platform, f"指标{m}", "any", str(i * 10 + j), "件", "exact", "level")
        out += fact(obs, "Observation", f"指标{m} {i * 10 + j}件", 10 + j)
        out += [
            ox.Quad(metric, _RDF_TYPE, _p("Metric"), g),
            ox.Quad(metric, _LABEL, _zh(f"指标{m}"), g),
            ox.Quad(obs, _p("value"), ox.Literal(str(i * 10 + j), datatype=ox.NamedNode(_XSD + "decimal")), g),
            ox.Quad(obs, _p("unit"), ox.Literal("件"), g),
            ox.Quad(obs, _p("ofMetric"), metric, g),
            ox.Quad(obs, _p("ofPlatform"), plat, g),
        ]
    person = _id("person", f"发言人{i}", platform)
    out += fact(person, "Person", f"发言人{i}", 20)
    out.append(ox.Quad(person, _p("speaksFor"), plat, g))
    return out


def synthetic_store(nodes: int, *, platforms: int = 12, metrics: int = 60) -> ox.Store:
    """An in-memory store with about ``nodes`` drawable nodes, its named graphs merged into the
    default graph as a build merges them."""
    lex = load_lexicon()
    plats = sorted(lex.platforms)[:platforms]
    areas, roles = sorted(lex.areas), sorted(lex.stakeholders)
    articles = max(1, (nodes - len(plats) - len(roles) - metrics) // NODES_PER_ARTICLE)
    store = ox.Store()
    quads = _ontology(plats, areas, roles)
    for i in range(articles):
        quads += _article(i, plats[i % len(plats)], areas, roles, metrics)
    store.extend(quads)
    rebuild_merged_graph(store)
    return store
