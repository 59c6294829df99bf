"""SHACL validation of a built store: a good build conforms, a broken one names the article."""

from __future__ import annotations

import dataclasses
import runpy
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF

from pgkg.graph.build import article_quads
from pgkg.graph import shacl
from pgkg.graph.resolve import resolve
from pgkg.graph.shacl import articles_of, merged_data, parse_ntriples, trace, validate_store
from pgkg.ontology.validate import validate
from pgkg.graph.store import article_graphs, build_session, load_ontology, open_store, replace_article
from pgkg.ingest.facts import ObservationFact

SEED = runpy.run_path(str(Path(__file__).parent / "fixtures_core" / "seed_facts.py"))
S000, S001, S004 = SEED["S000"], SEED["S001"], SEED["S004"]


def built(*facts) -> ox.Store:
    store = ox.Store()
    load_ontology(store)
    for af in facts:
        replace_article(store, af.meta.source, article_quads(af, extractor_version="0.1.0",
                                                             generated_at="2026-11-22T02:00:00Z"))
    resolve(store)
    return store


def broken_seed001():
    """seed001's facts with an invalid qualifier on each figure (one SHACL violation in that article)."""
    facts = SEED["seed001"]()
    return dataclasses.replace(facts, facts=tuple(
        dataclasses.replace(f, qualifier="more") if isinstance(f, ObservationFact) else f for f in facts.facts))


def test_good_build_conforms(tmp_path: Path) -> None:
    with build_session(tmp_path / "out") as store:
        load_ontology(store)
        for af in (SEED["seed000"](), SEED["seed001"](period=None), SEED["seed004"]()):
            replace_article(store, af.meta.source, article_quads(af, extractor_version="0.1.0"))
        assert resolve(store).conflicts == 1
    del store
    report = validate_store(open_store(tmp_path / "out"))
    assert report.conforms, report.format()
    assert report.format() == "Conforms: no SHACL violations."


def test_broken_build_names_the_article() -> None:
    store = built(SEED["seed000"](), broken_seed001())
    report = validate_store(store)
    assert not report.conforms
    assert len(report.violations) == 1
    (violation,) = report.violations
    assert violation.articles == (S001,)
    assert violation.violation.path == "pgkg:qualifier" and violation.violation.value == "more"
    line = report.format()
    assert "\n" not in line and S001 in line and "pgkg:qualifier" in line


def test_dangling_platform_is_reported_per_article() -> None:
    facts = SEED["seed004"]()
    renamed = tuple(dataclasses.replace(f, key="kuai_shou") if type(f).__name__ == "PlatformFact" else f
                    for f in facts.facts)  # not a lexicon key: the platform node has no type
    store = built(dataclasses.replace(facts, facts=renamed))
    report = validate_store(store)
    assert not report.conforms
    focus = {v.violation.focus for v in report.violations}
    assert focus == {f"https://w3id.org/pgkg/id/article/{S004}"}
    assert all(v.articles == (S004,) for v in report.violations)
    assert all(len(v.format().splitlines()) == 1 for v in report.violations)


def test_articles_of_follows_graphs_and_derivation() -> None:
    store = built(SEED["seed000"](), SEED["seed000"]("reprint_000.html"))
    metric = "https://w3id.org/pgkg/id/metric/%E6%8B%A6%E6%88%AA%E5%8A%A3%E8%B4%A8%E5%95%86%E5%93%81"
    assert articles_of(store, metric) == ("000_07a74a37be8d45b9.txt", "reprint_000.html")
    assert articles_of(store, "https://w3id.org/pgkg/id/platform/douyin") == ()
    assert articles_of(store, "_:b0") == ()


def test_batched_validation_finds_what_whole_validation_finds() -> None:
    store = built(SEED["seed000"](), broken_seed001(), SEED["seed004"]())
    whole = validate_store(store)
    seen: list[tuple[int, int]] = []
    batched = validate_store(store, batch=1, on_batch=lambda done, total: seen.append((done, total)))
    assert not batched.conforms
    assert batched.violations == whole.violations
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert "Validated 3 of 3 articles in batches of 1" in batched.format()


@pytest.mark.parametrize(("batch", "scope"), [
    (2, "Validated 3 of 3 articles in batches of 2"),  # two batches: 2 articles, then 1
    (3, ""),  # no more articles than a batch: the whole merged graph at once
])
def test_a_graph_larger_than_the_batch_is_validated_in_batches_of_that_size(batch: int, scope: str) -> None:
    store = built(SEED["seed000"](), broken_seed001(), SEED["seed004"]())
    seen: list[tuple[int, int]] = []
    report = validate_store(store, batch=batch, on_batch=lambda done, total: seen.append((done, total)))
    assert not report.conforms and report.violations == validate_store(store).violations
    assert report.scope.startswith(scope)
    assert seen[-1] == ((2, 2) if scope else (1, 1))


def test_a_batch_of_no_articles_is_refused() -> None:
    store = built(SEED["seed000"]())
    with pytest.raises(ValueError, match="at least one article"):
        validate_store(store, batch=0)


def test_batches_validated_in_worker_processes_give_the_same_report() -> None:
    store = built(SEED["seed000"](), broken_seed001(), SEED["seed004"]())
    here = validate_store(store, batch=1)
    seen: list[tuple[int, int]] = []
    pooled = validate_store(store, jobs=2, batch=1, on_batch=lambda done, total: seen.append((done, total)),
                            meanwhile=lambda: seen.append((-1, -1)))
    assert not pooled.conforms
    assert pooled == here
    assert any(v.articles == (S001,) for v in pooled.violations)
    assert seen == [(0, 3), (-1, -1), (1, 3), (2, 3), (3, 3)]  # meanwhile once two batches are out


@pytest.mark.parametrize("jobs", [1, 2])
def test_whole_graph_validation_is_the_same_in_a_worker(jobs: int) -> None:
    store = built(SEED["seed000"](), broken_seed001())
    calls: list[str] = []
    report = validate_store(store, jobs=jobs, meanwhile=lambda: calls.append("meanwhile"))
    assert calls == ["meanwhile"]
    assert report == trace(store, validate(parse_ntriples(merged_data(store))))
    assert not report.conforms and report.scope == ""


def test_sampled_validation_checks_only_the_sample() -> None:
    store = built(SEED["seed000"](), broken_seed001(), SEED["seed004"]())
    graphs = [g.value for g in article_graphs(store)]
    assert shacl.spread_sample(graphs, 2) == [graphs[0], graphs[1]]
    assert shacl.spread_sample(graphs, 5) == graphs
    sampled = validate_store(store, sample=1, batch=1)  # the first article only: seed000, which conforms
    assert sampled.conforms
    assert "a sample of 1 of 3 articles" in sampled.format()


def test_batch_data_holds_the_types_of_nodes_outside_the_batch() -> None:
    store = built(SEED["seed000"](), SEED["seed001"](period=None))
    (graph,) = [g.value for g in article_graphs(store) if g.value.endswith(S000)]
    batch = parse_ntriples(shacl.batch_data(store, [graph]))
    platform = rdflib.URIRef("https://w3id.org/pgkg/id/platform/douyin_ecommerce")
    assert (platform, RDF.type, rdflib.URIRef("https://w3id.org/pgkg/ontology#Platform")) in batch
    assert not any(str(s).endswith(S001) for s in batch.subjects())
