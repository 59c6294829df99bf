"""Cross-article resolution: merged nodes and conflicting figures."""

from __future__ import annotations

import dataclasses
import runpy
from pathlib import Path
from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from pgkg.graph.build import article_quads
from pgkg.graph.iri import ARTICLE_GRAPH_NS, RESOLUTION_GRAPH
from pgkg.graph.resolve import ResolutionStats, resolve, update_resolution
from pgkg.graph.store import load_ontology, remove_article, replace_article
from pgkg.ingest.facts import MeasureFact, ObservationFact, PlatformFact

SEED = runpy.run_path(str(Path(__file__).parent / "fixtures_core" / "seed_facts.py"))
S000, S001 = SEED["S000"], SEED["S001"]
REPRINT = "reprint_000.html"
ID = "https://w3id.org/pgkg/id/"
PGKG = "https://w3id.org/pgkg/ontology#"
OBS_300 = f"{ID}obs/douyin_ecommerce/{quote('拦截劣质商品')}/any/3000000/{quote('件')}/over/level"


def load(store: ox.Store, *facts) -> None:
    for af in facts:
        replace_article(store, af.meta.source, article_quads(af, extractor_version="0.1.0"))


def values(store: ox.Store, subject: str, predicate: str) -> set[str]:
    """Objects of (subject, predicate) in any graph."""
    return {q.object.value for q in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)}


def conflicts(store: ox.Store) -> set[tuple[str, str]]:
    return {(q.subject.value, q.object.value) for q in
            store.quads_for_pattern(None, ox.NamedNode(PGKG + "conflictsWith"), None, ox.NamedNode(RESOLUTION_GRAPH))}


def reprint() -> object:
    """Seed 000 republished elsewhere, naming the refund guarantee “極速退”能力 (traditional, with 能力)."""
    facts = SEED["seed000"](REPRINT)
    renamed = tuple(dataclasses.replace(f, name="“極速退”能力", key="極速退能力")
                    if isinstance(f, MeasureFact) and f.name == "极速退" else f for f in facts.facts)
    return dataclasses.replace(facts, facts=renamed)


def test_same_figure_from_two_articles_is_one_node() -> None:
    store = ox.Store()
    load_ontology(store)
    load(store, SEED["seed000"](), reprint())
    stats = resolve(store)
    assert values(store, OBS_300, "http://www.w3.org/ns/prov#wasDerivedFrom") == {
        f"{ID}article/{S000}", f"{ID}article/{REPRINT}"}
    evidence = values(store, OBS_300, PGKG + "evidence")
    assert len(evidence) == 2 and {e.split("/")[6] for e in evidence} == {S000, REPRINT}
    refund = f"{ID}policy/douyin_ecommerce/{quote('极速退')}"
    assert values(store, refund, "http://www.w3.org/2000/01/rdf-schema#label") == {"极速退", "“極速退”能力"}
    assert stats == ResolutionStats(articles=2, platforms=1, policies=3, metrics=5, observations=5, persons=2,
                                    merged_policies=3, merged_observations=5, merged_persons=2, conflicts=0)
    assert conflicts(store) == set()


def test_different_figure_same_platform_metric_period_conflicts() -> None:
    store = ox.Store()
    load(store, SEED["seed000"](), SEED["seed001"](period=None))
    stats = resolve(store)
    obs_56 = f"{ID}obs/douyin_ecommerce/{quote('拦截劣质商品')}/any/560000/{quote('件')}/exact/level"
    assert conflicts(store) == {(OBS_300, obs_56), (obs_56, OBS_300)}
    assert stats.conflicts == 1
    # recomputed, not accumulated: without the second article the conflict is gone
    remove_article(store, S001)
    assert resolve(store).conflicts == 0
    assert conflicts(store) == set()


def test_periods_must_agree_for_a_conflict() -> None:
    store = ox.Store()
    load(store, SEED["seed000"](), SEED["seed001"](period="今年以来"))  # 300万 has no period, 56万 has one
    assert resolve(store).conflicts == 0
    with_period = SEED["seed000"](with_intercept=False)
    with_period = dataclasses.replace(with_period, facts=(*with_period.facts, SEED["intercept_000"](period="今年以來")))
    load(store, with_period)  # 今年以來 (traditional) = 今年以来
    assert resolve(store).conflicts == 1


def test_a_change_does_not_conflict_with_a_level() -> None:
    store = ox.Store()
    facts = SEED["seed000"]()
    intercept = SEED["intercept_000"]()
    decrease = dataclasses.replace(intercept, change="decrease", evidence=dataclasses.replace(
        intercept.evidence, start=intercept.evidence.start + 1))
    load(store, dataclasses.replace(facts, facts=(*facts.facts, decrease)))
    assert resolve(store).conflicts == 0


def dated(facts, published: str | None):
    return dataclasses.replace(facts, meta=dataclasses.replace(facts.meta, published=published))


@pytest.mark.parametrize(
    ("period", "day_000", "day_001", "expected"),
    [
        (None, "2023-08-25", "2023-08-25", 1),  # the same day: one of the two sources is wrong
        (None, "2023-08-25", "2024-05-16", 0),  # a year later: the figure may simply have grown
        ("今年以来", "2023-08-25", "2024-05-16", 0),  # a relative period: as of each article's day
        ("今年以来", "2023-08-25", "2023-08-25", 1),
        ("2023年", "2023-08-25", "2024-05-16", 1),  # a period naming a year is the same time whenever said
        (None, "2023-08-25", None, 1),  # an undated figure is compared with every dated one
    ],
)
def test_figures_conflict_only_about_the_same_time(period, day_000, day_001, expected) -> None:
    store = ox.Store()
    first = SEED["seed000"](with_intercept=False)
    first = dataclasses.replace(first, facts=(*first.facts, SEED["intercept_000"](period=period)))
    load(store, dated(first, day_000), dated(SEED["seed001"](period=period), day_001))
    assert len(update_resolution(store).pairs) == expected
    assert len(conflicts(store)) == 2 * expected


_ALL_OBSERVATIONS_SPARQL = f"""
    SELECT DISTINCT ?obs ?platform ?metric ?period ?change ?value ?unit ?day WHERE {{
      GRAPH ?g {{
        ?obs a <{PGKG}Observation> ; <{PGKG}ofPlatform> ?platform ; <{PGKG}ofMetric> ?metric ;
             <{PGKG}value> ?value ; <{PGKG}unit> ?unit .
        OPTIONAL {{ ?obs <{PGKG}period> ?period }}
        OPTIONAL {{ ?obs <{PGKG}change> ?change }}
        OPTIONAL {{ ?article a <{PGKG}Article> ; <http://purl.org/dc/terms/issued> ?day }}
      }} FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_NS}")) }}"""
"""Every observation of the article graphs with the fields that decide conflicts, once per article date."""


@pytest.mark.parametrize("day_001", ["2023-08-25", None])
def test_conflicts_found_a_metric_at_a_time_are_those_of_all_rows(day_001) -> None:
    from pgkg.graph.resolve import ObservationRow, _distinct, all_conflicts, find_conflicts

    def text(term: ox.NamedNode | ox.Literal | None) -> str | None:
        return term.value if term is not None else None

    store = ox.Store()
    load(store, dated(SEED["seed000"](), "2023-08-25"), dated(SEED["seed001"](period=None), day_001),
         SEED["seed004"]())
    rows = _distinct(ObservationRow(r["obs"].value, r["platform"].value, r["metric"].value, text(r["period"]),
                                    text(r["change"]), Decimal(r["value"].value), r["unit"].value, text(r["day"]))
                     for r in store.query(_ALL_OBSERVATIONS_SPARQL))
    assert len({row.metric for row in rows}) > 3
    expected = find_conflicts(rows)
    assert expected.pairs
    assert all_conflicts(store) == expected


def test_conflicting_pairs_group_by_day_without_comparing_every_figure() -> None:
    from pgkg.graph.resolve import ObservationRow, conflicting_pairs

    def row(i: int, day: str | None) -> ObservationRow:
        return ObservationRow(f"obs{i:03d}", "p", "m", None, None, Decimal(i), "件", day)

    rows = [row(i, f"2023-01-{1 + i % 28:02d}") for i in range(280)]  # 10 figures per day
    assert len(conflicting_pairs(rows)) == 28 * 45  # C(10, 2) per day, not C(280, 2)
    assert len(conflicting_pairs([*rows[:20], row(999, None)])) == 20  # one a day; the undated one meets all


def test_a_crowd_of_figures_is_counted_not_paired() -> None:
    from pgkg.graph.resolve import MAX_COMPARED, ObservationRow, find_conflicts

    def row(i: int, day: str) -> ObservationRow:
        return ObservationRow(f"obs{i:03d}", "p", "m", None, None, Decimal(i), "件", day)

    crowd = [row(i, "2023-01-01") for i in range(MAX_COMPARED + 1)]
    few = [row(100 + i, "2023-01-02") for i in range(3)]
    found = find_conflicts([*crowd, *few])
    assert found.crowded == 1
    assert found.pairs == [(a.iri, b.iri) for a, b in [(few[0], few[1]), (few[0], few[2]), (few[1], few[2])]]


REFUND = f"{ID}policy/douyin_ecommerce/{quote('极速退')}"


def resolution_values(store: ox.Store, node: str, *properties: str) -> dict[str, set[str]]:
    """The values of ``node``'s pgkg ``properties`` in the resolution graph."""
    graph = ox.NamedNode(RESOLUTION_GRAPH)
    return {p: {q.object.value for q in store.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(PGKG + p), None, graph)}
            for p in properties}


def stats_of(store: ox.Store, node: str) -> tuple[set[str], ...]:
    """(pgkg:sourceCount, pgkg:firstReported, pgkg:firstSource) values of ``node`` in the resolution graph."""
    return tuple(resolution_values(store, node, "sourceCount", "firstReported", "firstSource").values())


A000, A_REPRINT = f"{ID}article/{S000}", f"{ID}article/{REPRINT}"


@pytest.mark.parametrize("node", [REFUND, OBS_300], ids=["policy", "figure"])
@pytest.mark.parametrize(
    ("day_000", "day_reprint", "expected"),
    [
        ("2023-08-25", "2024-05-16", ({"2"}, {"2023-08-25"}, {A000})),  # two articles, the earlier date
        ("2024-05-16", "2023-01-02", ({"2"}, {"2023-01-02"}, {A_REPRINT})),  # whichever article is earlier
        ("2023-08-25", None, ({"2"}, {"2023-08-25"}, {A000})),  # an undated article counts, has no date
        (None, "2023-08-25", ({"2"}, {"2023-08-25"}, {A_REPRINT})),  # ... and is never the first source
        (None, None, ({"2"}, set(), {A000})),  # no dated article: no first date; the least IRI first
        ("2023-08-25", "2023-08-25", ({"2"}, {"2023-08-25"}, {A000})),  # the same day: the least IRI
    ],
)
def test_source_statistics_count_articles_and_keep_the_first_date_and_source(
        node, day_000, day_reprint, expected) -> None:
    assert A000 < A_REPRINT
    store = ox.Store()
    load(store, dated(SEED["seed000"](), day_000), dated(reprint(), day_reprint))
    update_resolution(store)
    assert stats_of(store, node) == expected


def test_policy_source_statistics_follow_the_articles() -> None:
    store = ox.Store()
    load(store, dated(SEED["seed000"](), "2024-05-16"), dated(reprint(), "2023-01-02"))
    update_resolution(store)
    remove_article(store, REPRINT)
    update_resolution(store)  # recomputed, not accumulated
    assert stats_of(store, REFUND) == ({"1"}, {"2024-05-16"}, {A000})
    # the merged graph (what queries read) holds the new values only
    merged = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(REFUND), ox.NamedNode(PGKG + "sourceCount"),
                                                               None, ox.DefaultGraph())}
    assert merged == {"1"}


DOUYIN = f"{ID}platform/douyin_ecommerce"
TMALL = f"{ID}platform/tmall"


def platform_stats(store: ox.Store, node: str) -> dict[str, set[str]]:
    """The resolution graph's counts of ``node``: measureCount, figureCount, articleCount."""
    return resolution_values(store, node, "measureCount", "figureCount", "articleCount")


def with_mention(facts, key: str, name: str):
    """``facts`` with ``name`` also named (role mention) in the sentence of its first platform fact."""
    first = next(f for f in facts.facts if isinstance(f, PlatformFact))
    mention = PlatformFact(key, name, "mention", first.evidence)
    return dataclasses.replace(facts, facts=(*facts.facts, mention))


def test_platform_counts_follow_the_articles_and_skip_mentioned_platforms() -> None:
    store = ox.Store()
    load_ontology(store)
    load(store, with_mention(SEED["seed000"](), "tmall", "天猫"), reprint())
    update_resolution(store)
    # the reprint repeats the same measures and figures: they merge, the articles add up
    assert platform_stats(store, DOUYIN) == {"measureCount": {"3"}, "figureCount": {"5"}, "articleCount": {"2"}}
    # 天猫 is a platform of the graph (the ontology's lexicon) the article only mentions: no counts
    assert PGKG + "Platform" in values(store, TMALL, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert values(store, f"{ID}article/{S000}", PGKG + "mentions") == {TMALL}
    assert platform_stats(store, TMALL) == {"measureCount": set(), "figureCount": set(), "articleCount": set()}
    remove_article(store, REPRINT)
    update_resolution(store)  # recomputed, not accumulated
    assert platform_stats(store, DOUYIN) == {"measureCount": {"3"}, "figureCount": {"5"}, "articleCount": {"1"}}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("2023-08-25 https://w3id.org/pgkg/id/article/a.txt", ("2023-08-25", "https://w3id.org/pgkg/id/article/a.txt")),
        ("~ https://w3id.org/pgkg/id/article/b.txt", (None, "https://w3id.org/pgkg/id/article/b.txt")),
    ],
)
def test_first_source_key(key, expected) -> None:
    from pgkg.graph.resolve import first_source

    assert first_source(key) == expected
    assert min("2023-08-25 https://w3id.org/z", "~ https://w3id.org/a") == "2023-08-25 https://w3id.org/z"  # undated last


def test_resolution_streamed_in_bulk_chunks_is_the_same_graph(tmp_path: Path, monkeypatch) -> None:
    """The resolution graph is written in bulk chunks while its statistics are still being read."""
    import pgkg.graph.store as store_module

    def resolved(store: ox.Store) -> set[ox.Quad]:
        load_ontology(store)
        load(store, with_mention(SEED["seed000"](), "tmall", "天猫"), dated(reprint(), "2023-01-02"),
             SEED["seed001"](period=None))
        update_resolution(store)
        return set(store.quads_for_pattern(None, None, None, ox.NamedNode(RESOLUTION_GRAPH)))

    in_one = resolved(ox.Store())
    monkeypatch.setattr(store_module, "BULK_ADD", 3)
    on_disk = ox.Store(str(tmp_path / "store"))
    assert resolved(on_disk) == in_one
    assert len(in_one) > 3 * 3  # several chunks
    merged = {ox.Triple(q.subject, q.predicate, q.object) for q in on_disk.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in in_one} <= merged


# --------------------------------------------------------------------------- what changed articles touched

THIRD = "third_001.html"


def third(value: str = "1000000", published: str | None = None):
    """Seed 001 republished as another article with another figure for the same metric."""
    facts = SEED["seed001"](period=None)
    figures = tuple(dataclasses.replace(f, value=Decimal(value)) if isinstance(f, ObservationFact) else f
                    for f in facts.facts)
    meta = dataclasses.replace(facts.meta, source=THIRD, content_hash=f"sha256-third-{value}", published=published)
    return dataclasses.replace(facts, meta=meta, facts=figures)


def resolution_and_merged(store: ox.Store) -> tuple[set[ox.Quad], set[ox.Quad]]:
    return (set(store.quads_for_pattern(None, None, None, ox.NamedNode(RESOLUTION_GRAPH))),
            set(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))


CHANGES = {
    # name: (articles before, sources removed, articles (re)loaded)
    "a second source of a figure and a policy goes": (lambda: [SEED["seed000"](), reprint()], [REPRINT], []),
    "a conflicting figure comes": (lambda: [SEED["seed000"]()], [], [SEED["seed001"](period=None)]),
    "a conflicting figure goes": (lambda: [SEED["seed000"](), SEED["seed001"](period=None)], [S001], []),
    "an edited figure no longer conflicts": (lambda: [SEED["seed000"](), SEED["seed001"](period=None)], [],
                                             [SEED["seed001"](period="今年以来")]),
    "a new date ends a conflict": (lambda: [dated(SEED["seed000"](), "2023-08-25"), dated(third(), "2023-08-25")], [],
                                   [dated(third(), "2024-05-16")]),
    "a new date moves the first source": (lambda: [dated(SEED["seed000"](), "2024-05-16"), dated(reprint(), "2023-01-02")],
                                          [], [dated(reprint(), "2025-01-01")]),
    "a third figure makes a crowd": (lambda: [SEED["seed000"](), SEED["seed001"](period=None)], [], [third()]),
    "a mentioned platform gets reported on": (lambda: [SEED["seed000"]()], [],
                                              [with_mention(SEED["seed001"](period=None), "tmall", "天猫")]),
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_resolving_what_changed_articles_touched_equals_resolving_everything(change: str, monkeypatch) -> None:
    import pgkg.graph.resolve as resolve_module
    from pgkg.graph.iri import article_graph_iri
    from pgkg.graph.resolve import Touched

    monkeypatch.setattr(resolve_module, "MAX_COMPARED", 2)  # three different figures at once are a crowd
    before, removed, loaded = CHANGES[change]
    store = ox.Store()
    load_ontology(store)
    load(store, *before())
    update_resolution(store)
    resolved_before = resolution_and_merged(store)
    touched = Touched()
    graphs = [ox.NamedNode(article_graph_iri(s)) for s in (*removed, *(af.meta.source for af in loaded))]
    for graph in graphs:  # as a build reads them: the old graphs before they go ...
        touched.add_graph(store, graph)
    for source in removed:
        remove_article(store, source)
    load(store, *loaded)
    for af in loaded:  # ... the new ones once loaded
        touched.add_graph(store, ox.NamedNode(article_graph_iri(af.meta.source)))
    update_resolution(store, touched)
    in_part = resolution_and_merged(store)
    assert in_part[0] != resolved_before[0]  # the change reaches the resolution graph
    update_resolution(store)  # everything, in place
    assert resolution_and_merged(store) == in_part


def test_touched_reads_nodes_and_figures_of_a_graph() -> None:
    from pgkg.graph.iri import article_graph_iri
    from pgkg.graph.resolve import Touched

    store = ox.Store()
    load(store, SEED["seed000"]())
    touched = Touched()
    touched.add_graph(store, ox.NamedNode(article_graph_iri(S000)))
    assert OBS_300 in touched.nodes and REFUND in touched.nodes and DOUYIN in touched.nodes
    assert (DOUYIN, f"{ID}metric/{quote('拦截劣质商品')}") in touched.figures
    assert {p for p, _ in touched.figures} == {DOUYIN}
    touched.add_graph(store, ox.NamedNode(article_graph_iri("absent.txt")))  # a new article: nothing before
    assert len(touched.figures) == 5


_SOURCE_STATS_SPARQL = """
    SELECT ?x (COUNT(DISTINCT ?a) AS ?n) (MIN(CONCAT(COALESCE(STR(?day), "~"), " ", STR(?a))) AS ?first)
    WHERE {{ {{ SELECT DISTINCT ?x WHERE {{ ?x a ?cls VALUES ?cls {{ {classes} }} }} }}
             ?x <http://www.w3.org/ns/prov#wasDerivedFrom> ?a . ?a a <https://w3id.org/pgkg/ontology#Article>
             OPTIONAL {{ ?a <http://purl.org/dc/terms/issued> ?day }} }}
    GROUP BY ?x"""
"""The source statistics as their definition states them (:func:`pgkg.graph.resolve.source_stat_triples`)."""


def _sparql_source_stats(store: ox.Store, classes: list[ox.NamedNode]) -> set[ox.Triple]:
    from pgkg.graph.resolve import _source_stats

    query = _SOURCE_STATS_SPARQL.format(classes=" ".join(str(c) for c in classes))
    return {t for r in store.query(query) for t in _source_stats(r["x"], r["n"], r["first"].value)}


def test_streamed_and_node_by_node_statistics_are_the_aggregate_querys() -> None:
    from pgkg.graph.resolve import (
        _OBSERVATION, _POLICY_NODES, node_platform_stat_triples, node_source_stat_triples, platform_stat_triples,
        source_stat_triples,
    )

    store = ox.Store()
    load_ontology(store)
    # dated and undated sources, a reprint (one policy from two articles), a second platform
    load(store, with_mention(dated(SEED["seed000"](), "2023-08-25"), "tmall", "天猫"), dated(reprint(), "2023-01-02"),
         SEED["seed001"](period=None), SEED["seed004"]())
    nodes = sorted({q.subject.value for q in store.quads_for_pattern(None, None, None) if isinstance(q.subject, ox.NamedNode)})
    policies, figures = list(_POLICY_NODES), [_OBSERVATION]
    aggregated = _sparql_source_stats(store, policies) | _sparql_source_stats(store, figures)
    assert len(aggregated) > 20
    assert any(t.predicate.value.endswith("firstReported") for t in aggregated)
    assert set(source_stat_triples(store, policies)) == _sparql_source_stats(store, policies)
    assert set(source_stat_triples(store, figures)) == _sparql_source_stats(store, figures)
    assert set(node_source_stat_triples(store, nodes)) == aggregated
    platforms = set(platform_stat_triples(store))
    assert {t.subject.value for t in platforms} == {DOUYIN, f"{ID}platform/kuaishou"}
    assert set(node_platform_stat_triples(store, nodes)) == platforms
