"""The on-disk store: safe builds (interrupts, concurrent builds, kill -9), incremental builds, content helpers."""

from __future__ import annotations

import os
import runpy
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from pgkg.errors import StoreError
from pgkg.graph.build import article_quads, to_nquads
from pgkg.graph.iri import article_graph_iri
from pgkg.ontology import ONTOLOGY_GRAPH
from pgkg.graph.store import (
    article_graphs,
    article_hashes,
    article_versions,
    MERGED,
    build_session,
    compact_store,
    has_merged_graph,
    load_articles,
    load_ontology,
    open_store,
    rebuild_merged_graph,
    remove_article,
    replace_article,
    rewrite_graph,
)

SEED = runpy.run_path(str(Path(__file__).parent / "fixtures_core" / "seed_facts.py"))
S000, S001, S004 = SEED["S000"], SEED["S001"], SEED["S004"]


def quads_of(facts) -> list[ox.Quad]:
    return article_quads(facts, extractor_version="0.1.0", generated_at="2026-11-22T02:00:00Z")


def build(out: Path, *facts, incremental: bool = False) -> None:
    with build_session(out, incremental=incremental) as store:
        load_ontology(store)
        for af in facts:
            replace_article(store, af.meta.source, quads_of(af))
    del store


def snapshot(out: Path) -> set[ox.Quad]:
    """Every quad of OUT/store (no blank nodes are stored, so set equality is dataset equality)."""
    store = open_store(out)
    quads = set(store)
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    return quads


def sources(out: Path) -> set[str]:
    return set(article_hashes(open_store(out)))


CHILD = """
import sys, runpy
from pathlib import Path
from pgkg.graph.store import build_session, replace_article
from pgkg.graph.build import article_quads
seed = runpy.run_path(sys.argv[2])
with build_session(Path(sys.argv[1])) as store:
    af = seed["seed001"]()
    replace_article(store, af.meta.source, article_quads(af, extractor_version="0.1.0"))
    store.flush()
    print("building", flush=True)
    sys.stdin.read()  # hold the lock until told (or killed)
"""


@pytest.fixture
def child_building(tmp_path: Path):
    """A subprocess in the middle of a build of tmp_path/out (holding the lock)."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), str(Path(__file__).parent / "fixtures_core" / "seed_facts.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "building"
        yield out, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def test_build_writes_a_readable_store(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"](), SEED["seed004"]())
    store = open_store(out)
    assert article_hashes(store) == {S000: "sha256-seed000-" + S000, S004: "sha256-seed004"}
    assert [g.value for g in article_graphs(store)] == sorted(article_graph_iri(s) for s in (S000, S004))
    assert article_versions(store) == {S000: "0.1.0", S004: "0.1.0"}
    assert store.contains_named_graph(ox.NamedNode("https://w3id.org/pgkg/graph/ontology"))
    assert sorted(p.name for p in out.iterdir()) == [".pgkg.lock", "store"]


def test_open_store_without_build_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph built in .*run `pgkg build"):
        open_store(tmp_path / "nothing")


@pytest.mark.parametrize("interrupt", [RuntimeError("extractor crashed"), KeyboardInterrupt()])
def test_interrupted_build_keeps_the_previous_store(tmp_path: Path, interrupt: BaseException) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"]())
    before = snapshot(out)
    with pytest.raises(type(interrupt)):
        with build_session(out) as store:
            load_ontology(store)
            replace_article(store, S001, quads_of(SEED["seed001"]()))
            raise interrupt
    del store
    assert snapshot(out) == before
    build(out, SEED["seed001"]())  # the lock was released
    assert sources(out) == {S001}
    assert sorted(p.name for p in out.iterdir()) == [".pgkg.lock", "store"]  # no temporary left


def test_interrupted_incremental_build_leaves_the_store_it_started_from(tmp_path: Path) -> None:
    """The incremental build works on a checkpoint sharing the store's table files (hard links):
    compacting and deleting there must not touch the store itself."""
    out = tmp_path / "out"
    build(out, SEED["seed000"](), SEED["seed004"]())
    before = snapshot(out)
    with pytest.raises(RuntimeError):
        with build_session(out, incremental=True) as store:
            remove_article(store, S000)
            replace_article(store, S001, quads_of(SEED["seed001"]()))
            store.flush()
            store.optimize()  # rewrites the checkpoint's table files
            raise RuntimeError("stop before the swap")
    del store
    assert snapshot(out) == before
    assert open_store(out, read_only=True).query("ASK { ?s ?p ?o }")


def test_second_build_while_one_runs_fails(child_building) -> None:
    out, proc = child_building
    with pytest.raises(StoreError, match=f"another build is running on .*process {proc.pid}"):
        with build_session(out):
            pass
    proc.communicate("")  # let the child finish its build
    assert proc.returncode == 0
    assert sources(out) == {S001}


def test_kill_9_during_build_keeps_the_old_store(child_building) -> None:
    out, proc = child_building  # the first build of an empty folder: nothing may become visible
    assert not (out / "store").exists()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "store").exists()
    assert any(p.name.startswith(".store.tmp-") for p in out.iterdir())  # stale, from the dead child
    build(out, SEED["seed000"]())
    assert sources(out) == {S000}
    assert sorted(p.name for p in out.iterdir()) == [".pgkg.lock", "store"]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_rebuild_keeps_previous_content(tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"]())
    before = snapshot(out)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), str(Path(__file__).parent / "fixtures_core" / "seed_facts.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "building"
        proc.send_signal(sig)
    finally:
        proc.wait()
    assert snapshot(out) == before
    build(out, SEED["seed001"](), incremental=True)
    assert sources(out) == {S000, S001}
    assert sorted(p.name for p in out.iterdir()) == [".pgkg.lock", "store"]


def test_crash_between_the_swap_renames_is_repaired(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"]())
    before = snapshot(out)
    (out / "store").rename(out / ".store.old-4242")   # as if killed after the first rename
    (out / ".store.tmp-4242").mkdir()
    (out / ".runs-4242").mkdir()  # output runs of the same dead build
    with pytest.raises(RuntimeError):
        with build_session(out):
            raise RuntimeError("stop before the swap")
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == [".pgkg.lock", "store"]


def test_compact_store_swaps_in_a_compacted_checkpoint_of_the_same_graph(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"](), SEED["seed004"]())
    with build_session(out, incremental=True, compact=lambda: False) as store:  # a small rebuild
        replace_article(store, S001, quads_of(SEED["seed001"]()))
    del store
    before, inode = snapshot(out), (out / "store").stat().st_ino
    compact_store(out)
    assert snapshot(out) == before
    assert (out / "store").stat().st_ino != inode  # not rewritten in place: a checkpoint, swapped in
    assert sorted(p.name for p in out.iterdir()) == [".pgkg.lock", "store"]


def test_compact_store_needs_a_store_and_waits_for_no_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph built in"):
        compact_store(tmp_path / "nothing")
    out = tmp_path / "out"
    build(out, SEED["seed000"]())
    proc = subprocess.Popen(  # a second build of OUT, holding the lock
        [sys.executable, "-c", CHILD, str(out), str(Path(__file__).parent / "fixtures_core" / "seed_facts.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "building"
        with pytest.raises(StoreError, match="another build is running"):
            compact_store(out)
        assert sources(out) == {S000}  # the store it would have compacted, untouched
    finally:
        proc.communicate("")
    assert proc.returncode == 0 and sources(out) == {S001}


def test_incremental_build_keeps_unchanged_articles(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"](), SEED["seed004"]())
    with build_session(out, incremental=True) as store:
        assert set(article_hashes(store)) == {S000, S004}
        remove_article(store, S004)
        replace_article(store, S001, quads_of(SEED["seed001"]()))
    del store
    assert sources(out) == {S000, S001}
    with build_session(out) as store:  # a full build starts empty
        assert article_hashes(store) == {}
    del store
    assert sources(out) == set()


def named(store: ox.Store) -> set[ox.Quad]:
    return {q for q in store if q.graph_name != MERGED}


def merged(store: ox.Store) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, MERGED)}


def triples_of_named(store: ox.Store) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in named(store)}


def test_replace_article_clears_the_old_graph(tmp_path: Path) -> None:
    store = ox.Store()
    replace_article(store, S000, quads_of(SEED["seed000"]()))
    smaller = SEED["seed000"](with_intercept=False)
    replace_article(store, S000, quads_of(smaller))
    assert named(store) == set(quads_of(smaller))
    assert merged(store) == triples_of_named(store)
    with pytest.raises(ValueError, match="outside the graph"):
        replace_article(store, S001, quads_of(smaller))


def test_merged_graph_holds_each_triple_of_the_named_graphs_once(tmp_path: Path) -> None:
    store = ox.Store()
    load_ontology(store)
    facts = {S000: SEED["seed000"](), S001: SEED["seed001"](), S004: SEED["seed004"]()}
    for source, af in facts.items():
        replace_article(store, source, quads_of(af))
    assert merged(store) == triples_of_named(store)
    # a triple two article graphs share is one triple of the merged graph, and one query row
    def triples(source: str) -> set[ox.Triple]:
        return {ox.Triple(q.subject, q.predicate, q.object) for q in quads_of(facts[source])}

    elsewhere = triples(S004) | {ox.Triple(q.subject, q.predicate, q.object) for q in
                                 store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH))}
    shared = (triples(S000) & triples(S001)) - elsewhere
    assert shared
    t = sorted(shared, key=str)[0]
    ask = f"SELECT * {{ {t.subject} {t.predicate} {t.object} }}"
    assert len(list(store.query(ask, use_default_graph_as_union=True))) >= 2  # the union repeats it per graph
    assert len(list(store.query(ask))) == 1
    assert len(list(store.quads_for_pattern(t.subject, t.predicate, t.object, MERGED))) == 1
    # removing one of the two articles keeps the shared triple; removing both drops it
    remove_article(store, S000)
    assert t in merged(store)
    assert merged(store) == triples_of_named(store)
    remove_article(store, S001)
    assert t not in merged(store)
    assert merged(store) == triples_of_named(store)


@pytest.mark.parametrize("bulk", [False, True], ids=["transaction", "bulk"])
def test_replacing_a_graph_keeps_the_merged_graph_in_step_either_way(tmp_path: Path, monkeypatch, bulk) -> None:
    import pgkg.graph.store as store_module

    monkeypatch.setattr(store_module, "BULK_ADD", 7 if bulk else 10**9)  # bulk chunks of 7 quads / one transaction
    store = ox.Store(str(tmp_path / "s"))
    replace_article(store, S000, quads_of(SEED["seed000"]()))
    replace_article(store, S001, quads_of(SEED["seed001"]()))
    replace_article(store, S000, quads_of(SEED["seed000"](with_intercept=False)))
    assert named(store) == set(quads_of(SEED["seed000"](with_intercept=False))) | set(quads_of(SEED["seed001"]()))
    assert merged(store) == triples_of_named(store)


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "disk"])
def test_rewriting_a_graph_in_place_keeps_the_merged_graph_in_step(tmp_path: Path, on_disk: bool) -> None:
    store = ox.Store(str(tmp_path / "s")) if on_disk else ox.Store()
    replace_article(store, S000, quads_of(SEED["seed000"]()))
    article = ox.NamedNode(article_graph_iri(S000))
    shared = next(ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, article))
    graph = ox.NamedNode("https://w3id.org/pgkg/graph/resolution")
    t = [ox.Triple(ox.NamedNode(f"urn:x:{i}"), ox.NamedNode("urn:p"), ox.Literal(f"值{i}", language="zh")) for i in range(4)]
    rewrite_graph(store, graph, iter([t[0], t[1], shared]))  # new: bulk-loaded
    assert {q.triple for q in store.quads_for_pattern(None, None, None, graph)} == {t[0], t[1], shared}
    rewrite_graph(store, graph, iter([t[1], t[2], t[2], shared]))  # in place
    assert {q.triple for q in store.quads_for_pattern(None, None, None, graph)} == {t[1], t[2], shared}
    assert merged(store) == triples_of_named(store)
    rewrite_graph(store, graph, iter([t[3]]))  # the shared triple stays merged: the article graph holds it
    assert {q.triple for q in store.quads_for_pattern(None, None, None, graph)} == {t[3]}
    assert shared in merged(store) and t[1] not in merged(store)
    assert merged(store) == triples_of_named(store)


def test_load_articles_bulk_loads_named_and_merged_graphs(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "s"))
    replace_article(store, S000, quads_of(SEED["seed000"]()))  # an older version, replaced by the load
    shard = [(S000, to_nquads(quads_of(SEED["seed000"](with_intercept=False)))),
             (S001, to_nquads(quads_of(SEED["seed001"]())))]
    load_articles(store, shard)
    expected = set(quads_of(SEED["seed000"](with_intercept=False))) | set(quads_of(SEED["seed001"]()))
    assert named(store) == expected
    assert merged(store) == triples_of_named(store)
    with pytest.raises(ValueError, match="lines of other graphs"):
        load_articles(store, [(S004, shard[1][1])])


def test_store_without_merged_graph_is_refused_then_recomputed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(out, SEED["seed000"](), SEED["seed001"]())
    store = open_store(out, read_only=False)
    expected = merged(store)
    store.clear_graph(MERGED)  # the layout of a store built before the merged graph existed
    assert not has_merged_graph(store)
    del store
    with pytest.raises(StoreError, match="older pgkg"):
        open_store(out)
    with build_session(out, incremental=True) as store:
        assert rebuild_merged_graph(store) == len(expected)
    del store
    assert merged(open_store(out)) == expected


def test_two_builds_of_the_same_facts_are_the_same_dataset(tmp_path: Path) -> None:
    facts = (SEED["seed000"](), SEED["seed001"](), SEED["seed004"]())
    datasets = []
    for n, stamp in enumerate(("2026-11-22T02:00:00Z", "2026-11-23T09:30:00Z")):
        with build_session(tmp_path / f"out{n}") as store:
            load_ontology(store)
            for af in reversed(facts) if n else facts:
                replace_article(store, af.meta.source, article_quads(af, extractor_version="0.1.0",
                                                                     generated_at=stamp))
        del store
        datasets.append(snapshot(tmp_path / f"out{n}"))
    generated = "http://www.w3.org/ns/prov#generatedAtTime"
    first, second = ({q for q in d if q.predicate.value != generated} for d in datasets)
    assert datasets[0] != datasets[1]
    assert first == second


def test_the_ontology_graph_is_rewritten_only_when_it_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    import pgkg.graph.store as store_module

    store = ox.Store()
    rewrites: list[ox.NamedNode] = []
    real = store_module.replace_graph
    monkeypatch.setattr(store_module, "replace_graph", lambda s, g, q: (rewrites.append(g), real(s, g, q)))
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    n = load_ontology(store)
    assert rewrites == [graph] and len(list(store.quads_for_pattern(None, None, None, graph))) == n
    load_ontology(store)  # the same ontology: an incremental build that changes nothing writes nothing
    assert rewrites == [graph]
    store.remove(next(iter(store.quads_for_pattern(None, None, None, graph))))
    load_ontology(store)
    assert rewrites == [graph, graph] and len(list(store.quads_for_pattern(None, None, None, graph))) == n
