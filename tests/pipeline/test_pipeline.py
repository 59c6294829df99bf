"""Parallel, incremental and distributed builds give the same graph as a plain build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic, to_isomorphic, graph_diff

from pgkg.graph.export import named_quads, write_facts_jsonl
from pgkg.graph.store import open_store
from pgkg.ingest.read import iter_documents, read_document
from pgkg.pipeline import build, count_inputs, process_document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


def store_graph(out: Path, fold) -> rdflib.Graph:
    """The store's quads folded by the ``as_comparable`` fixture (tests/conftest.py)."""
    store = open_store(out, read_only=True)
    ds = rdflib.Dataset()
    ds.parse(data=store.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    return fold(ds.quads((None, None, None, None)))


def assert_same_graph(a: Path, b: Path, fold) -> None:
    ga, gb = store_graph(a, fold), store_graph(b, fold)
    if not isomorphic(ga, gb):
        _, only_a, only_b = graph_diff(to_isomorphic(ga), to_isomorphic(gb))
        pytest.fail(
            "graphs differ\nonly in first:\n"
            + "\n".join(sorted(str(t) for t in only_a)[:20])
            + "\nonly in second:\n"
            + "\n".join(sorted(str(t) for t in only_b)[:20])
        )


def assert_outputs_describe_the_store(out: Path) -> None:
    """graph.trig holds exactly the store's named graphs, facts.jsonl is what `pgkg export --format facts` writes."""
    store = open_store(out, read_only=True)
    exported = out / "exported-facts.jsonl"
    write_facts_jsonl(store, exported)
    assert (out / "facts.jsonl").read_bytes() == exported.read_bytes()
    trig = set(pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert trig == set(named_quads(store))
    assert not list(out.glob(".runs-*"))  # the build's scratch runs are gone


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "out"
    build([CORPUS], out=out, jobs=1, incremental=False, viz=False, validate=False)
    return out


def test_outputs_written_from_the_workers_results_describe_the_store(reference: Path) -> None:
    assert_outputs_describe_the_store(reference)


def test_large_graphs_go_to_graph_trig_in_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pgkg.outputs

    monkeypatch.setattr(pgkg.outputs, "TRIG_CHUNK", 5)  # the ontology and resolution graphs in many blocks
    out = tmp_path / "out"
    build([CORPUS], out=out, jobs=1, incremental=False, viz=False, validate=False)
    assert_outputs_describe_the_store(out)
    text = (out / "graph.trig").read_text(encoding="utf-8")
    assert text.count("<https://w3id.org/pgkg/graph/resolution> {") > 1


def test_process_document_is_pure_and_never_raises() -> None:
    raw = read_document(sorted(CORPUS.glob("*.txt"))[0], root=CORPUS)
    first = process_document(raw, "2026-01-01T00:00:00+00:00")
    second = process_document(raw, "2026-01-01T00:00:00+00:00")
    assert first.error is None and first.n_facts > 0
    assert first == second


@pytest.mark.parametrize("page", sorted(p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"}))
def test_process_document_writes_what_the_parsed_article_graph_gives(page: str) -> None:
    """The N-Quads text, TriG block and facts rows, made without keeping parsed quads, are those
    written from the article's quads (to_nquads, trig_block, article_rows), on each real page."""
    from pgkg.graph.build import article_quads, to_nquads
    from pgkg.graph.export import article_rows, facts_lines, ontology_zh_labels, trig_block
    from pgkg.ingest.clean import clean
    from pgkg.ingest.extract import extract
    from pgkg.ingest.facts import ArticleFacts
    from pgkg.pipeline import EXTRACTOR_VERSION

    raw = read_document(CORPUS / page, root=CORPUS)
    result = process_document(raw, "2026-01-01T00:00:00+00:00")
    article = clean(raw)
    quads = article_quads(ArticleFacts(meta=article.meta, facts=tuple(extract(article))),
                          extractor_version=EXTRACTOR_VERSION, generated_at="2026-01-01T00:00:00+00:00")
    assert result.error is None and quads
    assert result.nquads == to_nquads(quads)
    assert result.trig == trig_block(quads)
    assert result.facts == facts_lines(article_rows(quads, ontology_zh_labels()))


def test_an_article_whose_graph_does_not_parse_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The N-Quads text is parsed strictly before it is handed on: a malformed IRI is this article's error."""
    import pgkg.graph.build

    real = pgkg.graph.build.article_document

    def with_bad_iri(*args, **kwargs):
        statements, document = real(*args, **kwargs)
        return statements, document + "<https://w3id.org/pgkg/id/a b> <https://w3id.org/pgkg/ontology#key> \"x\" .\n"

    monkeypatch.setattr(pgkg.graph.build, "article_document", with_bad_iri)
    raw = read_document(sorted(CORPUS.glob("*.txt"))[0], root=CORPUS)
    result = process_document(raw, "2026-01-01T00:00:00+00:00")
    assert result.nquads == b"" and result.trig == b"" and result.facts == b""
    assert result.error is not None and result.error.startswith("processing failed: SyntaxError")


def test_jobs_two_gives_the_same_graph(reference: Path, tmp_path: Path, as_comparable) -> None:
    out = tmp_path / "out"
    build([CORPUS], out=out, jobs=2, incremental=False, viz=False, validate=False)
    assert_same_graph(reference, out, as_comparable)
    assert_outputs_describe_the_store(out)
    assert (out / "facts.jsonl").read_bytes() == (reference / "facts.jsonl").read_bytes()


def test_rebuild_is_deterministic(reference: Path, tmp_path: Path, as_comparable) -> None:
    out = tmp_path / "out"
    build([CORPUS], out=out, jobs=1, incremental=False, viz=False, validate=False)
    assert_same_graph(reference, out, as_comparable)


@pytest.mark.parametrize("share", [1.0, 0.1], ids=["resolution in part", "resolution whole"])
def test_incremental_build_of_an_edited_corpus_equals_a_clean_build(
        tmp_path: Path, as_comparable, share: float, monkeypatch: pytest.MonkeyPatch) -> None:
    # three of five articles change: resolution goes by what they touched only if that share is allowed
    monkeypatch.setattr("pgkg.pipeline.RESOLVE_TOUCHED_SHARE", share)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    files = sorted(corpus.glob("*.txt"))
    inc = tmp_path / "inc"
    build([corpus], out=inc, jobs=1, viz=False, validate=False)
    # grow, edit and shrink the corpus
    removed = files[0]
    removed.unlink()
    edited = files[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("抖音电商", "快手电商", 3), encoding="utf-8")
    (corpus / "new_copy.txt").write_text(files[4].read_text(encoding="utf-8"), encoding="utf-8")
    report = build([corpus], out=inc, jobs=1, viz=False, validate=False)
    assert report.articles_processed == 2  # the edited file and the new one
    assert report.articles_removed == 1
    assert report.articles_unchanged == len(files) - 2
    assert report.resolution_in_part is (share == 1.0)
    clean = tmp_path / "clean"
    build([corpus], out=clean, jobs=1, incremental=False, viz=False, validate=False)
    assert_same_graph(inc, clean, as_comparable)
    assert report.outputs_reused == report.articles_unchanged  # their blocks and rows: the previous files'
    assert_outputs_describe_the_store(inc)
    assert (inc / "facts.jsonl").read_bytes() == (clean / "facts.jsonl").read_bytes()


def test_an_incremental_build_processes_again_what_another_extractor_version_made(
        reference: Path, tmp_path: Path, as_comparable, monkeypatch: pytest.MonkeyPatch) -> None:
    from pgkg.graph.store import article_versions
    from pgkg.pipeline import EXTRACTOR_VERSION

    out = tmp_path / "out"
    shutil.copytree(reference, out)
    files = len(list(CORPUS.glob("*.txt")))
    monkeypatch.setattr("pgkg.pipeline.EXTRACTOR_VERSION", "0.0.9+rules.1")  # rules changed since
    report = build([CORPUS], out=out, jobs=1, viz=False, validate=False)
    assert (report.articles_processed, report.articles_unchanged) == (files, 0)
    assert any("made by another extractor version than 0.0.9+rules.1" in n for n in report.notes)
    assert set(article_versions(open_store(out, read_only=True)).values()) == {"0.0.9+rules.1"}
    again = build([CORPUS], out=out, jobs=1, viz=False, validate=False)  # the same version: nothing to do
    assert (again.articles_processed, again.articles_unchanged) == (0, files) and not again.notes
    monkeypatch.undo()
    third = build([CORPUS], out=out, jobs=1, viz=False, validate=False)  # this version again
    assert (third.articles_processed, third.articles_unchanged) == (files, 0)
    assert set(article_versions(open_store(out, read_only=True)).values()) == {EXTRACTOR_VERSION}
    assert_same_graph(out, reference, as_comparable)


@pytest.mark.parametrize("compact_share", [0.5, 0.0], ids=["one of five: not compacted", "always compacted"])
def test_a_small_incremental_build_may_leave_the_store_uncompacted(
        reference: Path, tmp_path: Path, as_comparable, compact_share: float) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    edited = sorted(corpus.glob("*.txt"))[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("抖音电商", "快手电商", 2), encoding="utf-8")
    inc = tmp_path / "inc"
    shutil.copytree(reference, inc)
    report = build([corpus], out=inc, jobs=1, viz=False, validate=False, compact_share=compact_share)
    assert report.articles_processed == 1
    said = [n for n in report.notes if n.startswith("store not compacted")]
    assert said == (["store not compacted: 1 of 5 articles changed (at most compact_share = 0.5); queries may be "
                     f"slower until a build that changes more compacts it, or `pgkg compact {inc}` (PGKG_COMPACT_SHARE=0: "
                     "always compact)"]
                    if compact_share else [])
    clean = tmp_path / "clean"
    build([corpus], out=clean, jobs=1, incremental=False, viz=False, validate=False)
    assert_same_graph(inc, clean, as_comparable)
    assert_outputs_describe_the_store(inc)


def test_the_outputs_index_points_at_each_article_graph_block_and_rows(reference: Path) -> None:
    from pgkg.graph.export import trig_header
    from pgkg.graph.iri import source_of_graph
    from pgkg.outputs import INDEX_FILE, graph_stamps

    lines = (reference / INDEX_FILE).read_text(encoding="utf-8").splitlines()
    head, rows = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
    assert head["trig"][0] == (reference / "graph.trig").stat().st_size
    store = open_store(reference, read_only=True)
    stamps = graph_stamps(store)
    assert {row[0] for row in rows} == set(stamps) and len(rows) == len(list(CORPUS.glob("*.txt")))
    trig, facts = (reference / "graph.trig").read_bytes(), (reference / "facts.jsonl").read_bytes()
    for graph, stamp, trig_at, trig_len, facts_at, facts_len in rows:
        assert stamp == stamps[graph]
        block = trig[trig_at:trig_at + trig_len].decode("utf-8")
        assert block.startswith(f"<{graph}> {{") and block.rstrip().endswith("}")
        quads = set(pyoxigraph.parse(trig_header() + block.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG))
        assert quads == set(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
        assert {json.loads(line)["article"] for line in facts[facts_at:facts_at + facts_len].splitlines()} == {
            source_of_graph(graph)}


@pytest.mark.parametrize("change", ["touched graph.trig", "other ontology labels", "no index", "damaged index"])
def test_previous_outputs_are_not_reused_when_they_may_differ(reference: Path, tmp_path: Path, change: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import pgkg.outputs
    from pgkg.outputs import INDEX_FILE

    out = tmp_path / "out"
    shutil.copytree(reference, out)
    if change == "touched graph.trig":
        os.utime(out / "graph.trig", ns=(1, 1))  # same bytes, but not the file the index describes
    elif change == "other ontology labels":
        real = pgkg.outputs.fingerprint
        monkeypatch.setattr(pgkg.outputs, "fingerprint", lambda zh: real({**zh, "urn:x": "新平台"}))
    elif change == "no index":
        (out / INDEX_FILE).unlink()
    else:
        head, *rows = (out / INDEX_FILE).read_text(encoding="utf-8").splitlines()
        broken = [json.dumps([json.loads(r)[0], json.loads(r)[1], "x", None, -1, 2]) for r in rows]
        (out / INDEX_FILE).write_text("\n".join([head, *broken]) + "\n", encoding="utf-8")
    report = build([CORPUS], out=out, jobs=1, viz=False, validate=False)
    assert report.articles_unchanged == len(list(CORPUS.glob("*.txt"))) and report.articles_processed == 0
    assert report.outputs_reused == 0  # read back from the store instead
    assert_outputs_describe_the_store(out)
    assert (out / "facts.jsonl").read_bytes() == (reference / "facts.jsonl").read_bytes()
    assert (out / INDEX_FILE).is_file()  # and a fresh index for the next build


def test_failed_build_leaves_the_previous_graph(reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_comparable) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    before = store_graph(out, as_comparable)
    outputs = {name: (out / name).read_bytes() for name in ("graph.trig", "facts.jsonl")}

    def boom(store: object, touched: object = None) -> None:
        raise RuntimeError("resolution crashed")

    monkeypatch.setattr("pgkg.graph.resolve.update_resolution", boom)
    with pytest.raises(RuntimeError):
        build([CORPUS], out=out, jobs=1, incremental=False, viz=False, validate=False)
    assert isomorphic(before, store_graph(out, as_comparable))
    assert {name: (out / name).read_bytes() for name in outputs} == outputs
    assert not list(out.glob(".runs-*"))


@pytest.mark.cluster
def test_dask_cluster_build_equals_local_build(reference: Path, tmp_path: Path, as_comparable) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "out"
        build([CORPUS], out=out, cluster=cluster.scheduler_address, incremental=False, viz=False, validate=False)
    assert_same_graph(reference, out, as_comparable)
    assert_outputs_describe_the_store(out)


def test_unreachable_cluster_is_a_clear_error(tmp_path: Path) -> None:
    from pgkg.errors import NotAvailable

    with pytest.raises(NotAvailable, match="127.0.0.1:1"):
        build([CORPUS], out=tmp_path / "out", cluster="tcp://127.0.0.1:1", viz=False, validate=False)


def test_progress_total_counts_articles_of_jsonl_shards(tmp_path: Path) -> None:
    pages = sorted((CORPUS).glob("*.txt"))
    shard = tmp_path / "shard.jsonl"
    shard.write_text("".join(json.dumps({"title": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
                             + "\n\n" for p in pages[:3]), encoding="utf-8")  # blank lines are not articles
    (tmp_path / "page.txt").write_text(pages[3].read_text(encoding="utf-8"), encoding="utf-8")
    assert count_inputs([tmp_path]) == 4
    assert count_inputs([shard, CORPUS]) == 3 + len(pages)
    assert count_inputs([Path("-")]) is None
    documents = list(iter_documents([tmp_path], on_problem=print))
    assert len(documents) == count_inputs([tmp_path])


def test_html_views_are_skipped_above_viz_max_articles_and_said(tmp_path: Path) -> None:
    report = build([CORPUS], out=tmp_path / "out", jobs=1, viz=True, validate=False, viz_max_articles=3)
    assert report.articles_processed == 5
    assert "html" not in report.outputs and not (tmp_path / "out" / "html").exists()
    assert len(report.notes) == 1 and "5 articles > viz_max_articles (3)" in report.notes[0]


def test_warm_up_loads_what_the_workers_would_each_load_on_their_first_article() -> None:
    import subprocess
    import sys

    code = ("import sys; from pgkg.pipeline import warm_up; warm_up(); "
            "from pgkg.ingest import clean_fragments as c, normalize as n; from pgkg.graph import iri; "
            "print(c._bigram_matrix.cache_info().currsize, n._converter.cache_info().currsize, "
            "iri._t2s.cache_info().currsize, 'pgkg.ingest.extract' in sys.modules, "
            "*(m in sys.modules for m in ('spacy', 'pyshacl', 'networkx')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    # the forked workers inherit the cleaner's tables, both OpenCC converters and the extractor;
    # nothing a build without validation or projections does not use (spaCy, pySHACL, networkx)
    assert out == ["1", "1", "1", "True", "False", "False", "False"]


def test_the_workers_fork_after_the_warm_up_and_inherit_it() -> None:
    import subprocess
    import sys

    # a fresh interpreter (this one has long loaded everything); each task reports whether its
    # worker found the cleaner's tables loaded before doing any work
    code = f"""
import pgkg.pipeline as p
from pathlib import Path
from pgkg.ingest.read import iter_documents
def probe(batch, generated_at=None):
    from pgkg.ingest import clean_fragments
    return [clean_fragments._bigram_matrix.cache_info().currsize]
p.process_batch = probe
docs = iter_documents([Path({str(CORPUS)!r})], on_problem=print)
print(list(p._run_local(p._executor(2), p._warmed_up(docs), "2026-01-01T00:00:00Z", 2)))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[1]"  # five articles: one task, run by a worker that inherited the tables


def test_each_step_after_the_articles_is_told_as_it_starts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    events: list[str] = []
    build([corpus], out=tmp_path / "out", jobs=1, on_progress=lambda r: events.append("article"), on_step=events.append)
    steps = events[events.index("resolving entities across articles"):]
    assert events.count("article") == 5 and "article" not in steps  # the articles first, then the steps
    order = ["resolving entities across articles", "reading the ontology and resolution graphs for graph.trig",
             "compacting the store", "writing graph.trig and facts.jsonl",
             "validating against the SHACL shapes and drawing the HTML views", "reading the graph from the store"]
    assert [s for s in steps if s in order] == order
    assert "drawing graph.html" in " ".join(steps) and steps[-1] == "validated 1 of 1 batch(es)"

    (corpus / sorted(p.name for p in corpus.glob("*.txt"))[0]).unlink()
    events.clear()
    build([corpus], out=tmp_path / "out", jobs=1, viz=False, validate=False, on_step=events.append)
    assert events[:2] == ["dropping the graphs of 1 removed file(s)", "resolving entities across articles"]
    assert not any("validat" in s or "draw" in s for s in events)
