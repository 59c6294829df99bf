"""SHACL shapes accept a valid graph built from real seed sentences and reject broken variants."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from pgkg.ontology import ID, ONTOLOGY_GRAPH, PGKG, ROLE
from pgkg.ontology.rdf_lexicon import lexicon_triples
from pgkg.ontology.validate import ValidationReport, load_ontology, load_shapes, validate

FIXTURE = Path(__file__).with_name("fixtures") / "ontology_valid.ttl"
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"  # copies of the five seed pages
A0 = "000_07a74a37be8d45b9.txt"
A4 = "004_02c2a9e6d9d16179.txt"


def q(text: str) -> str:
    return quote(text, safe="")


ART0 = ID[f"article/{A0}"]
ART4 = ID[f"article/{A4}"]
PLATFORM = ID["platform/douyin_ecommerce"]
OBS = ID[f"obs/douyin_ecommerce/{q('拦截劣质商品')}/{q('今年以来')}/3000000/{q('件')}/over/level"]
METRIC = ID[f"metric/{q('拦截劣质商品')}"]
FEATURE = ID[f"policy/douyin_ecommerce/{q('识别策略')}"]
GUARANTEE = ID[f"policy/douyin_ecommerce/{q('极速退')}"]
REGULATION = ID[f"policy/regulation/{q('网络直播营销管理办法')}"]
EV_OBS = ID[f"evidence/{A0}/564-570/observation"]
PERSON = ID[f"person/{q('文蔚')}/douyin_ecommerce"]
CONSUMER = ROLE["consumer"]
DOUYIN = ID["platform/douyin"]
ARTICLE_GRAPH = URIRef(f"https://w3id.org/pgkg/graph/article/{A0}")

NODES = {
    "ART0": ART0, "PLATFORM": PLATFORM, "OBS": OBS, "METRIC": METRIC, "FEATURE": FEATURE,
    "GUARANTEE": GUARANTEE, "REG": REGULATION, "EV": EV_OBS, "PERSON": PERSON,
    "CONSUMER": CONSUMER, "GRAPH": ARTICLE_GRAPH, "DOUYIN": DOUYIN, "BYTEDANCE": ID["org/bytedance"],
}
PREFIXES = """
PREFIX pgkg: <https://w3id.org/pgkg/ontology#>
PREFIX area: <https://w3id.org/pgkg/area/>
PREFIX role: <https://w3id.org/pgkg/role/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def article_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    return load_ontology() + lexicon_triples()


def union(article_graph: Graph, ontology_graph: Graph) -> Graph:
    merged = Graph()
    for triple in article_graph:
        merged.add(triple)
    for triple in ontology_graph:
        merged.add(triple)
    return merged


def mutated(article_graph: Graph, ontology_graph: Graph, update: str) -> Graph:
    g = union(article_graph, ontology_graph)
    g.update(PREFIXES + update.format(**{k: f"<{v}>" for k, v in NODES.items()}))
    return g


def test_fixture_evidence_is_real_seed_text(article_graph: Graph) -> None:
    evidences = list(article_graph.subjects(RDF.type, PGKG.Evidence))
    assert len(evidences) == 5
    for ev in evidences:
        source = article_graph.value(article_graph.value(ev, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")), PGKG.sourceFile)
        text = (SEEDS / str(source)).read_text(encoding="utf-8")
        sentence = str(article_graph.value(ev, PGKG.sentence))
        start, end = int(article_graph.value(ev, PGKG.charStart)), int(article_graph.value(ev, PGKG.charEnd))
        assert sentence in text
        assert text[start:end] and text[start:end] in sentence
    obs_ev_text = (SEEDS / A0).read_text(encoding="utf-8")[564:570]
    assert obs_ev_text == str(article_graph.value(OBS, PGKG.surfaceForm)) == "超300万件"


def test_valid_union_graph_conforms(article_graph: Graph, ontology_graph: Graph) -> None:
    report = validate(union(article_graph, ontology_graph))
    assert report.conforms, report.format()
    assert report.violations == ()


def test_valid_dataset_conforms_as_union_of_named_graphs(article_graph: Graph, ontology_graph: Graph) -> None:
    ds = Dataset()
    art = ds.graph(URIRef(f"https://w3id.org/pgkg/graph/article/{A0}"))
    for triple in article_graph:
        art.add(triple)
    onto = ds.graph(URIRef(ONTOLOGY_GRAPH))
    for triple in ontology_graph:
        onto.add(triple)
    report = validate(ds)
    assert report.conforms, report.format()


def test_article_graph_alone_lacks_platform_types(article_graph: Graph) -> None:
    report = validate(article_graph)
    assert not report.conforms
    assert any(v.focus == str(OBS) and v.path == "pgkg:ofPlatform" for v in report.violations)


def test_lexicon_and_ontology_alone_conform(ontology_graph: Graph) -> None:
    report = validate(ontology_graph)
    assert report.conforms, report.format()


BROKEN = [
    ("obs-no-value", "DELETE WHERE {{ {OBS} pgkg:value ?v }}", OBS, "pgkg:value", "exactly one pgkg:value"),
    ("obs-two-values", 'INSERT DATA {{ {OBS} pgkg:value "3000001"^^xsd:decimal }}', OBS, "pgkg:value", "exactly one pgkg:value"),
    ("obs-value-not-decimal", 'DELETE WHERE {{ {OBS} pgkg:value ?v }}; INSERT DATA {{ {OBS} pgkg:value "超300万" }}', OBS, "pgkg:value", "xsd:decimal"),
    ("obs-no-unit", "DELETE WHERE {{ {OBS} pgkg:unit ?v }}", OBS, "pgkg:unit", "exactly one pgkg:unit"),
    ("obs-no-platform", "DELETE WHERE {{ {OBS} pgkg:ofPlatform ?v }}", OBS, "pgkg:ofPlatform", "exactly one pgkg:ofPlatform"),
    ("obs-two-platforms", "INSERT DATA {{ {OBS} pgkg:ofPlatform {DOUYIN} }}", OBS, "pgkg:ofPlatform", "exactly one pgkg:ofPlatform"),
    ("obs-platform-is-operator", "DELETE WHERE {{ {OBS} pgkg:ofPlatform ?v }}; INSERT DATA {{ {OBS} pgkg:ofPlatform {BYTEDANCE} }}", OBS, "pgkg:ofPlatform", "typed pgkg:Platform"),
    ("obs-no-metric", "DELETE WHERE {{ {OBS} pgkg:ofMetric ?v }}", OBS, "pgkg:ofMetric", "exactly one pgkg:ofMetric"),
    ("obs-bad-qualifier", 'DELETE WHERE {{ {OBS} pgkg:qualifier ?v }}; INSERT DATA {{ {OBS} pgkg:qualifier "about" }}', OBS, "pgkg:qualifier", "one of over, approx, under, exact"),
    ("obs-qualifier-lang-tagged", 'DELETE WHERE {{ {OBS} pgkg:qualifier ?v }}; INSERT DATA {{ {OBS} pgkg:qualifier "over"@en }}', OBS, "pgkg:qualifier", "one of over, approx, under, exact"),
    ("obs-no-qualifier", "DELETE WHERE {{ {OBS} pgkg:qualifier ?v }}", OBS, "pgkg:qualifier", "exactly one pgkg:qualifier"),
    ("obs-bad-change", 'INSERT DATA {{ {OBS} pgkg:change "up" }}', OBS, "pgkg:change", "increase, decrease"),
    ("obs-two-changes", 'INSERT DATA {{ {OBS} pgkg:change "increase", "decrease" }}', OBS, "pgkg:change", "exactly one of increase, decrease"),
    ("obs-no-source", "DELETE WHERE {{ {OBS} prov:wasDerivedFrom ?v }}", OBS, "prov:wasDerivedFrom", "at least one node typed pgkg:Article"),
    ("obs-source-not-article", "DELETE WHERE {{ {OBS} prov:wasDerivedFrom ?v }}; INSERT DATA {{ {OBS} prov:wasDerivedFrom {EV} }}", OBS, "prov:wasDerivedFrom", "at least one node typed pgkg:Article"),
    ("obs-no-evidence", "DELETE WHERE {{ {OBS} pgkg:evidence ?v }}", OBS, "pgkg:evidence", "at least one pgkg:evidence"),
    ("obs-attributed-to-metric", "INSERT DATA {{ {OBS} pgkg:attributedTo {METRIC} }}", OBS, "pgkg:attributedTo", "must point to a Policy"),
    ("policy-no-label", "DELETE WHERE {{ {GUARANTEE} rdfs:label ?v }}", GUARANTEE, "rdfs:label", "A Policy needs an rdfs:label"),
    ("policy-no-source", "DELETE WHERE {{ {FEATURE} prov:wasDerivedFrom ?v }}", FEATURE, "prov:wasDerivedFrom", "at least one node typed pgkg:Article"),
    ("policy-category-is-role", "INSERT DATA {{ {FEATURE} pgkg:category {CONSUMER} }}", FEATURE, "pgkg:category", "pgkg:GovernanceAreas"),
    ("policy-targets-area", "INSERT DATA {{ {GUARANTEE} pgkg:obliges area:product_quality }}", GUARANTEE, "(pgkg:targets|pgkg:benefits|pgkg:obliges)", "pgkg:StakeholderRoles"),
    ("regulation-no-label", "DELETE WHERE {{ {REG} rdfs:label ?v }}", REGULATION, "rdfs:label", "A Policy needs an rdfs:label"),
    ("regulation-announced-by-platform", "INSERT DATA {{ {PLATFORM} pgkg:announces {REG} }}", REGULATION, "^pgkg:announces", "must not be the object of a Platform's pgkg:announces"),
    ("regulation-issued-by-platform", "INSERT DATA {{ {REG} pgkg:issuedBy {PLATFORM} }}", REGULATION, "pgkg:issuedBy", "Organization that is not a Platform"),
    ("evidence-no-sentence", "DELETE WHERE {{ {EV} pgkg:sentence ?v }}", EV_OBS, "pgkg:sentence", "exactly one non-empty pgkg:sentence"),
    ("evidence-empty-sentence", 'DELETE WHERE {{ {EV} pgkg:sentence ?v }}; INSERT DATA {{ {EV} pgkg:sentence "" }}', EV_OBS, "pgkg:sentence", "exactly one non-empty pgkg:sentence"),
    ("evidence-start-after-end", "DELETE WHERE {{ {EV} pgkg:charStart ?v }}; INSERT DATA {{ {EV} pgkg:charStart 571 }}", EV_OBS, "pgkg:charStart", "pgkg:charStart must be <= its pgkg:charEnd"),
    ("evidence-start-not-integer", 'DELETE WHERE {{ {EV} pgkg:charStart ?v }}; INSERT DATA {{ {EV} pgkg:charStart "564" }}', EV_OBS, "pgkg:charStart", "an xsd:integer >= 0"),
    ("evidence-no-end", "DELETE WHERE {{ {EV} pgkg:charEnd ?v }}", EV_OBS, "pgkg:charEnd", "exactly one pgkg:charEnd"),
    ("evidence-no-rule", "DELETE WHERE {{ {EV} pgkg:rule ?v }}", EV_OBS, "pgkg:rule", "exactly one pgkg:rule"),
    ("evidence-no-article", "DELETE WHERE {{ {EV} prov:wasDerivedFrom ?v }}", EV_OBS, "prov:wasDerivedFrom", "exactly one prov:wasDerivedFrom"),
    ("article-no-source-file", "DELETE WHERE {{ {ART0} pgkg:sourceFile ?v }}", ART0, "pgkg:sourceFile", "exactly one pgkg:sourceFile"),
    ("article-two-dates", 'INSERT DATA {{ {ART0} dcterms:issued "2023-08-24"^^xsd:date }}', ART0, "dcterms:issued", "at most one dcterms:issued"),
    ("article-date-as-text", 'DELETE WHERE {{ {ART0} dcterms:issued ?v }}; INSERT DATA {{ {ART0} dcterms:issued "2023年8月25日" }}', ART0, "dcterms:issued", "an xsd:date"),
    ("article-url-is-iri", "INSERT DATA {{ {ART0} schema:url <https://finance.example.cn/a.html> }}", ART0, "schema:url", "never an IRI node"),
    ("article-reports-on-unknown", "INSERT DATA {{ {ART0} pgkg:reportsOn <https://w3id.org/pgkg/id/platform/nosuch> }}", ART0, "pgkg:reportsOn", "typed pgkg:Platform"),
    ("person-no-label", "DELETE WHERE {{ {PERSON} rdfs:label ?v }}", PERSON, "rdfs:label", "A Person needs an rdfs:label"),
    ("person-speaks-for-article", "DELETE WHERE {{ {PERSON} pgkg:speaksFor ?v }}; INSERT DATA {{ {PERSON} pgkg:speaksFor {ART0} }}", PERSON, "pgkg:speaksFor", "an Organization or a Platform"),
    ("concept-no-notation", "DELETE WHERE {{ {CONSUMER} skos:notation ?v }}", CONSUMER, "skos:notation", "exactly one skos:notation"),
    ("graph-time-as-text", 'DELETE WHERE {{ {GRAPH} prov:generatedAtTime ?v }}; INSERT DATA {{ {GRAPH} prov:generatedAtTime "today" }}', ARTICLE_GRAPH, "prov:generatedAtTime", "an xsd:dateTime"),
    ("graph-not-from-article", "DELETE WHERE {{ {GRAPH} prov:wasDerivedFrom ?v }}", ARTICLE_GRAPH, "prov:wasDerivedFrom", "prov:wasDerivedFrom its Article"),
    ("platform-no-key", "DELETE WHERE {{ {DOUYIN} pgkg:key ?v }}", DOUYIN, "pgkg:key", "exactly one pgkg:key"),
]


@pytest.mark.parametrize(("update", "focus", "path", "fragment"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_variant_is_rejected_precisely(
    article_graph: Graph, ontology_graph: Graph, update: str, focus: URIRef, path: str, fragment: str
) -> None:
    report = validate(mutated(article_graph, ontology_graph, update))
    assert not report.conforms
    assert {v.focus for v in report.violations} == {str(focus)}, report.format()
    assert any(v.path == path and fragment in v.message for v in report.violations), report.format()
    assert all(v.severity == "Violation" and v.shape.startswith("shp:") for v in report.violations)


VALID_VARIANTS = [
    ("qualifier-typed-string", 'DELETE WHERE {{ {OBS} pgkg:qualifier ?v }}; INSERT DATA {{ {OBS} pgkg:qualifier "over"^^xsd:string }}'),
    ("with-change", 'INSERT DATA {{ {OBS} pgkg:change "decrease" }}'),
    ("no-period", "DELETE WHERE {{ {OBS} pgkg:period ?v }}"),
    ("not-attributed", "DELETE WHERE {{ {OBS} pgkg:attributedTo ?v }}"),
    ("empty-span", "DELETE WHERE {{ {EV} pgkg:charEnd ?v }}; INSERT DATA {{ {EV} pgkg:charEnd 564 }}"),
    ("no-date", "DELETE WHERE {{ {ART0} dcterms:issued ?v }}"),
    ("speaks-for-operator", "DELETE WHERE {{ {PERSON} pgkg:speaksFor ?v }}; INSERT DATA {{ {PERSON} pgkg:speaksFor {BYTEDANCE} }}"),
    ("regulation-issued-by-regulator", 'INSERT DATA {{ {REG} pgkg:issuedBy <https://w3id.org/pgkg/id/org/cac> . <https://w3id.org/pgkg/id/org/cac> a pgkg:Organization ; rdfs:label "国家互联网信息办公室"@zh }}'),
    ("conflict-between-observations", "INSERT DATA {{ {OBS} pgkg:conflictsWith {OBS} }}"),
]


@pytest.mark.parametrize("update", [c[1] for c in VALID_VARIANTS], ids=[c[0] for c in VALID_VARIANTS])
def test_valid_variant_conforms(article_graph: Graph, ontology_graph: Graph, update: str) -> None:
    report = validate(mutated(article_graph, ontology_graph, update))
    assert report.conforms, report.format()


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_graph_round_tripped_through_oxigraph_conforms(article_graph: Graph, ontology_graph: Graph) -> None:
    # Oxigraph returns plain literals as "x"^^xsd:string, which rdflib compares unequal to "x".
    store = pyoxigraph.Store()
    store.load(input=article_graph.serialize(format="nt").encode(), format=pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=pyoxigraph.NamedNode(str(ARTICLE_GRAPH)))
    store.load(input=ontology_graph.serialize(format="nt").encode(), format=pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=pyoxigraph.NamedNode(ONTOLOGY_GRAPH))
    ds = Dataset()
    ds.parse(data=store.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(union(article_graph, ontology_graph))
    report = validate(ds)
    assert report.conforms, report.format()


def test_violation_spread_over_named_graphs_is_found(article_graph: Graph, ontology_graph: Graph) -> None:
    ds = Dataset()
    art = ds.graph(URIRef(f"https://w3id.org/pgkg/graph/article/{A0}"))
    for triple in article_graph:
        art.add(triple)
    onto = ds.graph(URIRef(ONTOLOGY_GRAPH))
    for triple in ontology_graph:
        onto.add(triple)
    resolution = ds.graph(URIRef("https://w3id.org/pgkg/graph/resolution"))
    resolution.add((OBS, PGKG.value, Literal("2000000", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    report = validate(ds)
    assert [(v.focus, v.path) for v in report.violations] == [(str(OBS), "pgkg:value")]


def test_report_format_is_one_readable_line_per_violation(article_graph: Graph, ontology_graph: Graph) -> None:
    g = mutated(article_graph, ontology_graph, "DELETE WHERE {{ {OBS} pgkg:unit ?v }} ; DELETE WHERE {{ {EV} pgkg:rule ?v }}")
    report = validate(g)
    lines = report.format().splitlines()
    assert len(lines) == len(report.violations) == 2
    assert any(line.startswith("Violation: id:obs/douyin_ecommerce/拦截劣质商品/今年以来/3000000/件/over/level pgkg:unit:") for line in lines)
    assert any("shp:Evidence-rule" in line for line in lines)


def test_conforming_report_formats_to_one_line() -> None:
    assert ValidationReport(conforms=True, violations=()).format() == "Conforms: no SHACL violations."


def test_custom_shapes_replace_the_shipped_ones(article_graph: Graph, ontology_graph: Graph) -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix pgkg: <https://w3id.org/pgkg/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass pgkg:Article ;
            sh:property [ sh:path pgkg:author ; sh:minCount 1 ; sh:message "author required" ] .
        """,
        format="turtle",
    )
    report = validate(union(article_graph, ontology_graph), shapes=shapes)
    assert sorted(v.focus for v in report.violations) == sorted([str(ART0), str(ART4)])
    assert all(v.message == "author required" and v.shape == "(anonymous shape)" for v in report.violations)


def test_load_shapes_is_cached_and_targets_every_policy_subclass() -> None:
    shapes = load_shapes()
    assert shapes is load_shapes()
    targets = set(shapes.objects(URIRef("https://w3id.org/pgkg/shapes#PolicyShape"), URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {PGKG.Policy, PGKG.ServiceGuarantee, PGKG.Regulation, PGKG.ProductFeature} <= targets
    assert len(targets) == 8
