"""The build pipeline: corpus -> clean -> facts -> per-article RDF -> store -> outputs.

Per-article work (:func:`process_document`) is a pure function of one
``RawDocument`` returning N-Quads bytes, so it runs the same in this process,
in a local process pool (``jobs``) or on a Dask cluster (``cluster``). The
store is written aside and swapped in at the end (see ``pgkg.graph.store``);
nothing already built is lost when a build fails or is interrupted.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError
from .ingest.article import RawDocument, ReadProblem
from .outputs import BuildOutputs

EXTRACTOR_RULES = 147
"""Revision of the cleaning and extraction rules: raise it whenever a change to them can change
what an article yields. An incremental build processes again every stored article that an
other :data:`EXTRACTOR_VERSION` extracted, as if its file had changed."""
EXTRACTOR_VERSION = f"{__version__}+rules.{EXTRACTOR_RULES}"


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Outcome of the per-article work, small enough to ship between processes."""

    source: str
    content_hash: str
    nquads: bytes
    n_facts: int
    n_sentences: int
    n_bytes: int
    error: str | None = None
    trig: bytes = b""
    """The article graph as a TriG block (``pgkg.graph.export.trig_block``), for graph.trig."""
    facts: bytes = b""
    """Its facts.jsonl lines (``pgkg.graph.export.statement_rows``: what ``article_rows`` reads from the graph)."""


@dataclass(slots=True)
class BuildReport:
    out: Path
    articles_seen: int = 0
    articles_processed: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    facts: int = 0
    bytes_read: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the build chose not to do, for the user."""
    outputs: dict[str, Path] = field(default_factory=dict)
    conforms: bool | None = None
    validation_summary: str = ""
    seconds: float = 0.0
    processing_seconds: float = 0.0
    """Until every article is processed and loaded (the part ``jobs`` spreads), outputs excluded."""
    outputs_reused: int = 0
    """Unchanged articles whose graph.trig block and facts.jsonl rows were copied from the previous
    build's files instead of being read back from the store (``pgkg.outputs.PreviousOutputs``)."""
    resolution_in_part: bool = False
    """Whether resolution recomputed only what the added, changed and removed articles reach
    (an incremental build changing few articles: ``RESOLVE_TOUCHED_SHARE``) instead of all of it."""


def process_document(raw: RawDocument, generated_at: str | None = None) -> ArticleResult:
    """Clean, extract and build one article's named graph (pure; never raises)."""
    from .graph.build import article_document
    from .graph.export import facts_lines, ontology_zh_labels, statement_rows, trig_of_nquads
    from .ingest.clean import clean
    from .ingest.extract import extract
    from .ingest.facts import ArticleFacts

    n_bytes = len(raw.text.encode("utf-8"))
    try:
        article = clean(raw)
        facts = extract(article)
        statements, document = article_document(
            ArticleFacts(meta=article.meta, facts=tuple(facts)),
            extractor_version=EXTRACTOR_VERSION,
            generated_at=generated_at,
        )
        # The N-Quads are parsed once, strictly, on their way to TriG (a malformed IRI fails this
        # article alone); the text itself is what to_nquads would write, and the facts rows are
        # read from the statements: no pyoxigraph quad is kept.
        trig = trig_of_nquads(document)
        return ArticleResult(
            source=raw.source,
            content_hash=raw.content_hash,
            nquads=document.encode("utf-8"),
            n_facts=len(facts),
            n_sentences=len(article.sentences),
            n_bytes=n_bytes,
            trig=trig,
            facts=facts_lines(statement_rows(statements, ontology_zh_labels())),
        )
    except Exception as exc:  # one bad article must not stop the run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return ArticleResult(
            source=raw.source,
            content_hash=raw.content_hash,
            nquads=b"",
            n_facts=0,
            n_sentences=0,
            n_bytes=n_bytes,
            error=f"processing failed: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})",
        )


def batches(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


WARM_UP_TEXT = ("抖音电商发布《电商平台治理规则》\n2023-08-25 10:00 来源:新华网\n"
                "今年以来,平台已拦截劣质商品56万件,消费者满意度提升7.6%。\n"
                "抖音电商治理体验运营经理叶金燕表示,商家和達人需遵守“極速退”規定。")
"""A small article that :func:`warm_up` processes (its result is thrown away)."""


def warm_up() -> None:
    """Load, once and before worker processes fork (they inherit it all), what the per-article
    work otherwise loads on first use in every worker: jieba's dictionary with the lexicon, the
    ontology's labels, the cleaner's bigram tables, OpenCC, the extraction modules and their
    patterns -- by processing :data:`WARM_UP_TEXT` once. About 1.3 s on the bench VM, of which
    jieba's dictionary takes 0.6 s and cn2an's patterns 0.2 s; it runs once per build, before
    the first article."""
    from .graph.export import ontology_zh_labels
    from .ingest.nlp import prepare_jieba

    prepare_jieba()
    ontology_zh_labels()
    process_document(RawDocument(source="pgkg-warm-up.txt", text=WARM_UP_TEXT))


def _warmed_up(docs: Iterable[RawDocument]) -> Iterator[RawDocument]:
    """``docs``, with :func:`warm_up` run before the first one (not at all when there is none to
    process: an incremental build of an unchanged corpus does not pay for it)."""
    it = iter(docs)
    for first in it:
        warm_up()
        yield first
        yield from it


def _executor(jobs: int) -> Executor | None:
    if jobs <= 1:
        return None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork"))


def resolve_jobs(jobs: int) -> int:
    """0 means one worker per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _articles_in(path: Path) -> int:
    """1 for a page; the number of non-blank lines (one article each) of a .jsonl file."""
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1  # reported by the reader


def count_inputs(paths: Sequence[Path]) -> int | None:
    """Number of input articles (for the progress bar); ``None`` when unknown (stdin)."""
    total = 0
    for p in paths:
        if str(p) == "-":
            return None
        if p.is_dir():
            total += sum(_articles_in(f) for f in p.rglob("*") if f.is_file())
        else:
            total += _articles_in(p)
    return total


ProgressFn = Callable[[ArticleResult | None], None]
StepFn = Callable[[str], None]
"""Told each step of a build that follows the articles, as it starts ("resolving entities across
articles", "compacting the store" …): at 100,000 articles they take minutes after the last article."""


def build(
    corpus: Sequence[Path],
    *,
    out: Path,
    jobs: int = 0,
    batch_size: int = 256,
    incremental: bool = True,
    viz: bool = True,
    validate: bool = True,
    validate_articles: int = 2000,
    validate_batch: int = 500,
    cluster: str | None = None,
    max_file_mb: int = 20,
    compact_share: float = 0.05,
    viz_max_nodes: int = 1500,
    viz_page_nodes: int = 5000,
    viz_max_figures: int = 2000,
    viz_max_articles: int = 20000,
    on_problem: Callable[[str], None] = lambda message: None,
    on_progress: ProgressFn = lambda result: None,
    on_step: StepFn = lambda step: None,
) -> BuildReport:
    """Build the knowledge graph of ``corpus`` into ``out``.

    Writes ``out/store`` (pyoxigraph), ``out/graph.trig``, ``out/facts.jsonl``,
    ``out/validation.txt`` and, with ``viz``, ``out/html/*.html``. An
    incremental build that adds, changes or removes at most ``compact_share``
    of the store's articles leaves the store uncompacted (0: always compact).
    """
    import time

    from .graph.store import RUNS_PREFIX
    from .ingest.read import iter_documents

    for p in corpus:
        if str(p) != "-" and not p.exists():
            raise InputError(f"{p}: no such file or folder")
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out=out)
    # the canonical xsd:dateTime form (the store gives literals back canonical; graph.trig is written from the workers')
    generated_at = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def problem(p: ReadProblem | str) -> None:
        report.problems.append(str(p))
        on_problem(str(p))

    documents = iter_documents(corpus, on_problem=problem, max_bytes=max_file_mb * 1024 * 1024)
    jobs = resolve_jobs(jobs)
    outputs = BuildOutputs(out / f"{RUNS_PREFIX}{os.getpid()}")
    try:
        _build_store(report, documents, outputs, incremental=incremental, compact_share=compact_share, jobs=jobs,
                     cluster=cluster, batch_size=batch_size, generated_at=generated_at, problem=problem,
                     on_progress=on_progress, on_step=on_step)
        report.outputs["store"] = out / "store"
        total = report.articles_processed + report.articles_unchanged
        if viz and viz_max_articles and total > viz_max_articles:
            viz = False
            report.notes.append(f"HTML views skipped: {total:,} articles > viz_max_articles ({viz_max_articles:,}); "
                                f"run `pgkg viz {out}` to write them anyway")
        _write_outputs(report, outputs, viz=viz, validate=validate, validate_articles=validate_articles,
                       validate_batch=validate_batch,
                       viz_max_nodes=viz_max_nodes, viz_page_nodes=viz_page_nodes, viz_max_figures=viz_max_figures,
                       jobs=jobs, on_step=on_step)
    finally:
        shutil.rmtree(outputs.folder, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _build_store(
    report: BuildReport, documents: Iterable[RawDocument], outputs: BuildOutputs, *, incremental: bool,
    compact_share: float, jobs: int, cluster: str | None, batch_size: int, generated_at: str,
    problem: Callable[[ReadProblem | str], None], on_progress: ProgressFn, on_step: StepFn,
) -> None:
    """Process and load the articles, drop removed ones, resolve, swap the store in.

    ``outputs`` gets runs for every loaded shard, then for the graphs of the
    store that were not loaded (unchanged articles, ontology, resolution).
    """
    import time

    from .graph import store as gstore
    from .graph.iri import article_graph_iri
    from .graph.resolve import MAX_COMPARED, update_resolution

    started = time.perf_counter()
    out = report.out
    previous: dict[str, str] = {}
    """``{source: content hash}`` of the articles in the store before the build (incremental)."""

    def compact() -> bool:  # called once the block below is done
        changed = report.articles_processed + report.articles_removed
        if not incremental or compact_share <= 0 or changed > compact_share * len(previous):
            on_step("compacting the store")
            return True
        if changed:  # (nothing changed: nothing was written)
            report.notes.append(f"store not compacted: {changed:,} of {len(previous):,} articles changed "
                                f"(at most compact_share = {compact_share:g}); queries may be slower until a "
                                f"build that changes more compacts it, or `pgkg compact {out}` "
                                "(PGKG_COMPACT_SHARE=0: always compact)")
        return False

    with gstore.build_session(out, incremental=incremental, compact=compact) as store:
        if incremental and not gstore.has_merged_graph(store):
            report.notes.append(f"{out / 'store'} was built by an older pgkg without a merged default graph: "
                                "recomputed it")
            gstore.rebuild_merged_graph(store)
        states = gstore.article_states(store) if incremental else {}
        previous = {src: content_hash for src, (content_hash, _) in states.items()}
        # articles another extractor version made are processed again, as if their files had changed
        stale = {src for src, (_, version) in states.items() if version is not None and version != EXTRACTOR_VERSION}
        if stale:
            report.notes.append(f"{len(stale):,} stored article(s) made by another extractor version than "
                                f"{EXTRACTOR_VERSION}: processed again")
        seen: set[str] = set()
        touched = _Touched(store, previous)

        def todo(docs: Iterable[RawDocument]) -> Iterator[RawDocument]:
            for raw in docs:
                report.articles_seen += 1
                if raw.source in seen:
                    problem(f"{raw.source}: duplicate article id, later copy skipped")
                    continue
                seen.add(raw.source)
                if previous.get(raw.source) == raw.content_hash and raw.content_hash and raw.source not in stale:
                    report.articles_unchanged += 1
                    on_progress(None)
                    continue
                touched.before(raw.source)  # its graph as it was, before the loader replaces it
                yield raw

        results: Iterable[ArticleResult]
        if cluster:
            from .distributed import run_on_cluster

            results = run_on_cluster(cluster, todo(documents), generated_at=generated_at, batch_size=batch_size)
        else:
            executor = _executor(jobs)  # its workers fork at the first task, after the warm-up
            results = _run_local(executor, _warmed_up(todo(documents)), generated_at, jobs)
        # Shards are loaded by one background thread (pyoxigraph's bulk loader
        # releases the GIL), so reading, dispatching and loading overlap; at
        # most MAX_PENDING_LOADS shards wait, which bounds memory.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pgkg-load") as loader:
            pending: deque[Future[int]] = deque()

            def load(shard: list[ArticleResult]) -> None:
                if shard:
                    items = [(r.source, r.nquads) for r in shard]
                    touched.loaded.extend(r.source for r in shard)
                    pending.append(loader.submit(gstore.load_articles, store, items, parsed=True))
                    outputs.add_articles([(article_graph_iri(r.source), r.trig, r.facts) for r in shard])
                while len(pending) > MAX_PENDING_LOADS:
                    pending.popleft().result()  # re-raises a load error here

            shard: list[ArticleResult] = []
            for result in results:
                report.bytes_read += result.n_bytes
                if result.error:
                    problem(f"{result.source}: {result.error}")
                else:
                    shard.append(result)
                    if len(shard) >= batch_size:
                        load(shard)
                        shard = []
                    report.articles_processed += 1
                    report.facts += result.n_facts
                on_progress(result)
            load(shard)
            while pending:
                pending.popleft().result()
        report.processing_seconds = time.perf_counter() - started
        removed = sorted(set(previous) - seen)
        if removed:
            on_step(f"dropping the graphs of {len(removed):,} removed file(s)")
        for source in removed:
            touched.before(source)
            gstore.remove_article(store, source)
            report.articles_removed += 1
        on_step("resolving entities across articles")
        platforms = touched.platforms()
        gstore.load_ontology(store)
        conflicts = update_resolution(store, touched.after(platforms))
        report.resolution_in_part = touched.read
        if conflicts.crowded:
            among = " among the figures of the changed articles' platforms and metrics" if touched.read else ""
            report.notes.append(
                f"{conflicts.crowded:,} set(s) of more than {MAX_COMPARED} different figures for one platform, "
                f"metric and time{among} were not paired as conflicts (their metric phrase is likely too generic)")
        on_step("reading the ontology and resolution graphs for graph.trig")
        outputs.add_stored_graphs(store, previous=out if incremental else None)
        report.outputs_reused = outputs.reused


RESOLVE_TOUCHED_SHARE = 0.02
"""Largest share of the previous build's articles that an incremental build may add, change or
remove and still recompute only the part of the resolution graph they reach (see
:class:`pgkg.graph.resolve.Touched`); above it, the whole graph is recomputed, which is then as
fast. Measured on 10,000 generated articles (whose few metric phrases make large figure groups):
10, 100 and 300 touched articles took 0.8, 3.0 and 4.2 s, the whole graph 4.6 s."""


class _Touched:
    """Reads the article graphs an incremental build changes for :func:`update_resolution`, while
    few enough change (:data:`RESOLVE_TOUCHED_SHARE`); gives up, freeing what it read, beyond that."""

    def __init__(self, store: Any, previous: dict[str, str]) -> None:
        from .graph.iri import RESOLUTION_GRAPH
        from .graph.resolve import Touched, missing_statistics

        self.store, self.previous = store, previous
        self.limit = int(RESOLVE_TOUCHED_SHARE * len(previous))
        self.count = 0
        self.loaded: list[str] = []
        """Sources of the article graphs loaded (new or changed), appended as they are."""
        # a store from an older pgkg (no statistics yet, or no resolution graph) is resolved whole
        usable = bool(previous) and store.contains_named_graph(_named(RESOLUTION_GRAPH)) and not missing_statistics(store)
        self.touched: Touched | None = Touched() if usable else None
        self.read = False
        """Whether resolution goes by what was touched (set by :meth:`after`)."""

    def _counted(self, n: int) -> bool:
        self.count += n
        if self.count > self.limit:
            self.touched = None
        return self.touched is not None

    def before(self, source: str) -> None:
        """Note the graph of an article about to be replaced or removed (none for a new one)."""
        from .graph.iri import article_graph_iri

        if self.touched is not None and source in self.previous and self._counted(1):
            self.touched.add_graph(self.store, _named(article_graph_iri(source)))

    def platforms(self) -> frozenset[str] | None:
        """The platforms typed before the ontology graph is reloaded (resolution counts only typed
        ones: when the reload types others, all is recomputed); None when unused."""
        from .graph.resolve import typed_platforms

        return typed_platforms(self.store) if self.touched is not None else None

    def after(self, platforms: frozenset[str] | None) -> Any:
        """The touched nodes, the loaded graphs read too, once every graph is in; None to resolve
        whole: too many changed, or the (re)loaded ontology types other platforms than ``platforms``."""
        from .graph.iri import article_graph_iri
        from .graph.resolve import typed_platforms

        if self.touched is None or platforms is None or typed_platforms(self.store) != platforms:
            return None
        if not self._counted(sum(1 for s in self.loaded if s not in self.previous)):
            return None
        for source in self.loaded:
            self.touched.add_graph(self.store, _named(article_graph_iri(source)))
        self.read = True
        return self.touched


def _named(iri: str) -> Any:
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def process_batch(batch: Sequence[RawDocument], generated_at: str | None = None) -> list[ArticleResult]:
    """:func:`process_document` over a few documents (one task for a worker process)."""
    return [process_document(raw, generated_at) for raw in batch]


TASK_SIZE = 8
"""Documents per task sent to a worker process."""
TASKS_AHEAD = 4
"""Tasks in flight per worker: workers never wait for the next task, memory stays bounded."""
MAX_PENDING_LOADS = 2
"""Shards waiting for the store loader before the build waits for it."""


def _run_local(
    executor: Executor | None, docs: Iterable[RawDocument], generated_at: str, jobs: int
) -> Iterator[ArticleResult]:
    """Results in input order; with an executor, a sliding window of tasks keeps every worker busy."""
    if executor is None:
        for raw in docs:
            yield process_document(raw, generated_at)
        return
    ahead = TASKS_AHEAD * max(jobs, 1)
    with executor:
        pending: deque[Future[list[ArticleResult]]] = deque()
        for batch in batches(docs, TASK_SIZE):
            pending.append(executor.submit(process_batch, batch, generated_at))
            if len(pending) >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _write_outputs(
    report: BuildReport, outputs: BuildOutputs, *, viz: bool, validate: bool, validate_articles: int, validate_batch: int,
    viz_max_nodes: int, viz_page_nodes: int, viz_max_figures: int, jobs: int, on_step: StepFn,
) -> None:
    from .graph import store as gstore

    out = report.out
    on_step("writing graph.trig and facts.jsonl")
    outputs.write(out / "graph.trig", out / "facts.jsonl")
    report.outputs["trig"] = out / "graph.trig"
    report.outputs["facts"] = out / "facts.jsonl"
    store = gstore.open_store(out, read_only=True)

    def draw() -> None:
        if viz:
            from .viz import render

            paths = render(store, out_dir=out / "html", max_nodes=viz_max_nodes, page_max_nodes=viz_page_nodes,
                           max_figures=viz_max_figures, on_step=on_step)
            report.outputs["html"] = out / "html" / "index.html" if paths else out / "html"

    if not validate:
        draw()  # (render tells its own steps)
        return
    from .graph.shacl import validate_store

    def validated(done: int, total: int) -> None:
        if done:
            on_step(f"validated {done} of {total} batch(es)")

    on_step("validating against the SHACL shapes" + (" and drawing the HTML views" if viz else ""))
    # the views are drawn here while worker processes validate (pySHACL and the page generator are
    # pure Python: one core each)
    result = validate_store(store, sample=validate_articles, jobs=jobs, batch=validate_batch, meanwhile=draw, on_batch=validated)
    text = result.format()
    (out / "validation.txt").write_text(text + "\n", encoding="utf-8")
    report.outputs["validation"] = out / "validation.txt"
    report.conforms = result.conforms
    report.validation_summary = text.splitlines()[0] if text else ""
