"""pgkg benchmark harness: prints figures and writes bench/RESULTS.md.

Not a test: nothing here asserts a time. Sections (each can be skipped):

* clean     cleaning throughput (MB/s per core) on the sample pages, repeated
* build     build throughput (articles/s, MB/s) with --jobs 1, and raw jieba
            segmentation of the same text in the same run: their ratio
* jobs      --jobs 1 vs --jobs 2 on the same generated corpus
* load      store bulk load (triples/s)
* validate  SHACL validation of every article of the --jobs 1 build, with
            --jobs 1 and --jobs 2 (batches of 1,000 in worker processes)
* query     p50/p95 of every library query at each --query-sizes article count,
            and the same queries on an in-memory rdflib graph where it fits
* memory    peak memory (PSS of the process tree) of a build at each --memory-sizes
            article count
* built-query  p50/p95 of every library query on each of those builds (real
            entity resolution, no replication), and the peak memory of a process
            that opens the store and answers it once
* incremental  peak memory and time of rebuilding each of those builds after
            editing one article (one new paragraph)
* viz       HTML generation time and size at 1k and 5k nodes (bench/bench_viz.py)

Query-scale stores are made by replicating the per-article graphs of a real
build of generated articles, with article-, evidence-, policy-, observation-,
metric- and person-IRIs suffixed per copy (platforms, roles and areas stay
shared), so latency is measured on realistic shapes at 10k and 100k articles
without building 100k articles first.

    python bench/run.py                       # defaults: modest sizes, ~10 minutes
    python bench/run.py --build-articles 2000 --query-sizes 10000,100000 --memory-sizes 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from gen_corpus import generate  # noqa: E402  (bench/ is the script's own folder)

RESULTS: list[str] = []


def say(line: str = "") -> None:
    print(line, flush=True)
    RESULTS.append(line)


def corpus_texts(folder: Path) -> list[str]:
    texts = []
    for shard in sorted(folder.glob("*.jsonl")):
        for line in shard.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def bench_clean() -> None:
    from pgkg.ingest.article import RawDocument
    from pgkg.ingest.clean import clean

    pages = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "corpus").glob("*.txt"))]
    docs = [RawDocument(source=f"p{i}.txt", text=t) for i, t in enumerate(pages * 40)]
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    clean(docs[0])  # load dictionaries first: steady-state throughput
    start = time.perf_counter()
    for d in docs:
        clean(d)
    secs = time.perf_counter() - start
    say(f"| cleaning throughput (1 core) | {size / secs / 1e6:.2f} MB/s | {len(docs)} pages, {size / 1e6:.1f} MB |")


PHASE: dict[str, float] = {}
"""Seconds of the processing phase (articles processed and loaded, outputs excluded) per build label."""


def _build_child(corpus: Path, jobs: int, out: Path, warm: Path, cores: set[int] | None, conn) -> None:
    if cores is not None:
        os.sched_setaffinity(0, cores)  # inherited by the worker processes
    from pgkg.pipeline import build

    build([warm], out=out.with_name(out.name + "-warm"), jobs=jobs, incremental=False, viz=False, validate=False)
    start = time.perf_counter()
    report = build([corpus], out=out, jobs=jobs, incremental=False, viz=False, validate=False)
    conn.send((time.perf_counter() - start, report.processing_seconds, report.bytes_read, report.articles_processed))


def bench_build(corpus: Path, jobs: int, out: Path, warm: Path, *, label: str,
                cores: set[int] | None = None) -> tuple[float, int, int]:
    """One build in a forked child (after a small warm-up build there), optionally pinned to ``cores``."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_build_child, args=(corpus, jobs, out, warm, cores, child))
    proc.start()
    secs, phase, size, done = parent.recv()
    proc.join()
    PHASE[label] = phase
    return secs, size, done


def bench_jieba(texts: list[str]) -> float:
    import jieba

    jieba.initialize()
    start = time.perf_counter()
    for t in texts:
        for _ in jieba.cut(t):
            pass
    return time.perf_counter() - start


def timed_load(where: Path, data: Path, merged: Path) -> tuple["pyoxigraph.Store", float, float]:
    """A fresh on-disk store at ``where``, bulk-loaded with the N-Quads file ``data`` and then the
    N-Triples file ``merged`` (the merged default graph); the store and the seconds of each load."""
    import pyoxigraph

    store = pyoxigraph.Store(str(where))
    start = time.perf_counter()
    store.bulk_load(path=str(data), format=pyoxigraph.RdfFormat.N_QUADS)
    quad_secs = time.perf_counter() - start
    start = time.perf_counter()
    store.bulk_load(path=str(merged), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store, quad_secs, time.perf_counter() - start


def bench_load(out: Path, n: int) -> None:
    """Store bulk load: the named graphs of the build in ``out`` (as N-Quads) and then its merged
    graph (as N-Triples) into a fresh on-disk store: one bulk load each, as a build's loader does per shard."""
    import pyoxigraph

    from pgkg.graph.export import named_quads
    from pgkg.graph.store import MERGED, open_store

    src = open_store(out, read_only=True)
    with tempfile.TemporaryDirectory(prefix="pgkg-load-") as tmp:
        data, merged = Path(tmp) / "data.nq", Path(tmp) / "merged.nt"
        with data.open("wb") as fh:
            pyoxigraph.serialize(named_quads(src), fh, format=pyoxigraph.RdfFormat.N_QUADS)
        with merged.open("wb") as fh:
            pyoxigraph.serialize((pyoxigraph.Triple(q.subject, q.predicate, q.object)
                                  for q in src.quads_for_pattern(None, None, None, MERGED)),
                                 fh, format=pyoxigraph.RdfFormat.N_TRIPLES)
        n_quads = sum(1 for _ in data.open("rb"))
        n_triples = sum(1 for _ in merged.open("rb"))
        _, quad_secs, triple_secs = timed_load(Path(tmp) / "store", data, merged)
        mb = data.stat().st_size / 1e6
    say(f"| store bulk load, named graphs of {n} built articles | {n_quads / quad_secs:,.0f} quads/s, "
        f"{mb / quad_secs:.0f} MB/s | {n_quads:,} quads ({mb:.0f} MB of N-Quads) in {quad_secs:.1f} s |")
    say(f"| store bulk load, merged graph of {n} built articles | {n_triples / triple_secs:,.0f} triples/s | "
        f"{n_triples:,} triples in {triple_secs:.1f} s |")


def bench_validate(out: Path, done: int) -> None:
    """SHACL validation of every article of the build in ``out`` (batches of 1,000), --jobs 1 and 2."""
    from pgkg.graph.shacl import validate_store
    from pgkg.graph.store import open_store

    store = open_store(out, read_only=True)
    secs: dict[int, float] = {}
    totals: set[int] = set()
    for jobs in (1, 2):
        start = time.perf_counter()
        report = validate_store(store, jobs=jobs, on_batch=lambda _done, total: totals.add(total))
        secs[jobs] = time.perf_counter() - start
    (batches,) = totals
    say(f"| SHACL validation of {done} built articles ({batches} batch(es)) | --jobs 1 {secs[1]:.1f} s, "
        f"--jobs 2 {secs[2]:.1f} s | speed-up {secs[1] / secs[2]:.2f}x; conforms: {report.conforms} |")


LOAD_MAX_ARTICLES = 10_000
"""The load section also reloads memory builds up to this size (100,000 articles: 5 GB of N-Quads)."""

SLOW_S = 30.0
"""A library query slower than this is not run again at a larger size."""

SUFFIXED = re.compile(r"(https://w3id\.org/pgkg/(?:id/(?:article|evidence|policy|obs|metric|person)|graph/article)/[^>]*)>")


_PER_COPY = re.compile(r"<https://w3id\.org/pgkg/graph/(?:article/[^>]*|resolution)> \.$")
"""Lines copied once per replica: the article graphs and the conflicts between their figures."""
GRAPH_TERM = re.compile(r" <https://w3id\.org/pgkg/graph/[^>]*> \.$")


def replicate(nquads: str, copies: int, out: Path, merged: Path) -> int:
    """Write ``copies`` suffixed copies of the article graphs to ``out`` (N-Quads) and their
    triples to ``merged`` (N-Triples, for the store's merged default graph); return the line count."""
    lines = [ln for ln in nquads.splitlines() if _PER_COPY.search(ln)]
    n = 0
    with out.open("w", encoding="utf-8") as fh, merged.open("w", encoding="utf-8") as fm:
        for k in range(copies):
            suffix = f"~{k}>"
            for ln in lines:
                quad = SUFFIXED.sub(lambda m: m.group(1) + suffix, ln)
                fh.write(quad + "\n")
                fm.write(GRAPH_TERM.sub(" .", quad) + "\n")
                n += 1
    return n


RDFLIB_TIMEOUT_S = 180.0
"""Seconds rdflib is given per query. metric_figures at 10,000 built articles took rdflib 47 s in
one run of 2026-12-02 and over the former limit, 60 s, in a slower one, which left only a lower bound."""
_RDF = None


def _rdflib_child(text: str, conn) -> None:
    t0 = time.perf_counter()
    try:
        list(_RDF.query(text))
    except Exception as exc:  # rdflib cannot evaluate some queries: say so, do not time out
        conn.send(f"{type(exc).__name__}: {exc}")
        return
    conn.send((time.perf_counter() - t0) * 1000)


def rdflib_ms(text: str, timeout: float) -> float | str | None:
    """Time one query on the in-memory rdflib graph in a forked child; None after ``timeout``, the error if it fails."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_child, args=(text, child))
    proc.start()
    if parent.poll(timeout):
        result = parent.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return None


def rdflib_note(text: str, p50_ms: float) -> str:
    """The same query on the in-memory rdflib graph (:data:`_RDF`), and how many times slower it is."""
    rd = rdflib_ms(text, RDFLIB_TIMEOUT_S)
    if isinstance(rd, str):
        return f"rdflib fails: {rd[:80]}"
    if rd is None:
        return f"rdflib > {RDFLIB_TIMEOUT_S:.0f} s, > {RDFLIB_TIMEOUT_S * 1000 / max(p50_ms, 1e-3):.0f}x"
    return f"rdflib {rd:.0f} ms, {rd / max(p50_ms, 1e-3):.0f}x"


def bench_queries(base_out: Path, base_articles: int, sizes: list[int], rdflib_limit: int) -> None:
    import pyoxigraph
    import rdflib

    from pgkg.graph.export import named_quads
    from pgkg.graph.query import list_queries, load_query
    from pgkg.graph.store import open_store

    src = open_store(base_out, read_only=True)
    all_nquads = (pyoxigraph.serialize(named_quads(src), format=pyoxigraph.RdfFormat.N_QUADS) or b"").decode("utf-8")
    other = "\n".join(ln for ln in all_nquads.splitlines() if not _PER_COPY.search(ln))
    queries = [(q.name, load_query(q.name)) for q in list_queries()]
    too_slow: set[str] = set()
    for size in sizes:
        copies = max(1, size // base_articles)
        with tempfile.TemporaryDirectory(prefix="pgkg-bench-") as tmp:
            data, merged = Path(tmp) / "data.nq", Path(tmp) / "merged.nt"
            n_lines = replicate(all_nquads, copies, data, merged)
            with data.open("a", encoding="utf-8") as fh, merged.open("a", encoding="utf-8") as fm:
                fh.write(other + "\n")
                fm.write("\n".join(GRAPH_TERM.sub(" .", ln) for ln in other.splitlines()) + "\n")
            store, secs, merged_secs = timed_load(Path(tmp) / "store", data, merged)
            say(f"| bulk load, {copies * base_articles} articles | {n_lines / secs:,.0f} quads/s | {n_lines:,} quads in {secs:.1f} s |")
            say(f"| merged-graph load, {copies * base_articles} articles | {merged_secs:.1f} s | "
                f"{sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())):,} distinct triples |")
            rdf = None
            if copies * base_articles <= rdflib_limit:
                rdf = rdflib.Graph()  # the same merged graph the Oxigraph queries read
                rdf.parse(str(merged), format="nt")
                global _RDF  # handed to the forked timing child, never pickled
                _RDF = rdf
            for name, text in queries:
                if name in too_slow:
                    say(f"| query {name} @ {copies * base_articles} articles | skipped | over {SLOW_S:.0f} s at a smaller size |")
                    continue
                times, _ = time_query(store, text)
                if max(times) > SLOW_S:
                    too_slow.add(name)
                p50, p95 = percentiles_ms(times)
                ratio = rdflib_note(text, p50) if rdf is not None else ""
                say(f"| query {name} @ {copies * base_articles} articles | p50 {p50:.1f} ms, p95 {p95:.1f} ms | "
                    f"{ratio or f'rdflib not run above {rdflib_limit:,} articles (--rdflib-limit)'} |")


def time_query(store, text: str) -> tuple[list[float], int]:
    """Seconds of up to 7 runs of ``text`` (one or two when it is slow), and its number of rows."""
    times, rows = [], 0
    for _ in range(7):
        t0 = time.perf_counter()
        rows = sum(1 for _ in store.query(text))
        times.append(time.perf_counter() - t0)
        if times[-1] > 2.0:
            break
    return times, rows


def percentiles_ms(times: list[float]) -> tuple[float, float]:
    """p50 and p95 of ``times`` (seconds), in milliseconds."""
    return statistics.median(times) * 1000, sorted(times)[min(len(times) - 1, int(len(times) * 0.95))] * 1000


_QUERY_PEAK = """
import re, sys
import pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
for _ in store.query(sys.stdin.read()):
    pass
with open("/proc/self/status") as status:
    print(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))
"""


def query_peak_mb(store_dir: Path, text: str) -> float:
    """Peak RSS (MB) of a fresh process that opens the store in ``store_dir`` read-only and reads
    every row of ``text`` once (a query's hash joins, DISTINCT and ORDER BY hold their rows)."""
    res = subprocess.run([sys.executable, "-c", _QUERY_PEAK, str(store_dir)], input=text, capture_output=True,
                         text=True, check=True)
    return int(res.stdout.split()[-1]) / 1024  # VmHWM, KiB (ru_maxrss would carry over the parent's peak through exec)


def bench_built_queries(out: Path, n: int, rdflib_limit: int) -> None:
    """p50/p95 of every library query (default parameters) on the real build in ``out``: entities
    resolved across articles as a real corpus gives them, not replicated; with the same queries on
    an in-memory rdflib graph of the same merged graph up to ``rdflib_limit`` articles."""
    import pyoxigraph
    import rdflib

    from pgkg.graph.query import list_queries, load_query
    from pgkg.graph.store import MERGED, open_store, store_path

    store = open_store(out, read_only=True)
    global _RDF  # handed to the forked timing child, never pickled
    _RDF = None
    if n <= rdflib_limit:
        start = time.perf_counter()
        _RDF = rdflib.Graph()
        _RDF.parse(data=pyoxigraph.serialize(store.quads_for_pattern(None, None, None, MERGED),
                                             format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8"), format="nt")
        say(f"| rdflib in memory, merged graph of {n} built articles | parsed in {time.perf_counter() - start:.0f} s | "
            f"{len(_RDF):,} triples |")
    for q in list_queries():
        text = load_query(q.name)
        times, rows = time_query(store, text)
        p50, p95 = percentiles_ms(times)
        note = rdflib_note(text, p50) if _RDF is not None else f"rdflib not run above {rdflib_limit:,} articles"
        peak = query_peak_mb(store_path(out), text)
        say(f"| query {q.name} @ {n} built articles | p50 {p50:.1f} ms, p95 {p95:.1f} ms | {rows:,} rows, "
            f"peak {peak:,.0f} MB; {note} |")
    _RDF = None


def edit_one_article(corpus: Path) -> None:
    """Append the first paragraph of the corpus's second article to its first (one edited article)."""
    path = sorted(corpus.glob("*.jsonl"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = json.loads(lines[0]), json.loads(lines[1])
    first["text"] += "\n" + second["text"].split("\n")[0]
    lines[0] = json.dumps(first, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_memory(corpus: Path, n: int, jobs: int = 1, keep: Path | None = None, *, incremental: bool = False) -> None:
    """Peak memory of a whole `pgkg build` process tree, sampled every 0.5 s.

    The figure is the sum of PSS (proportional set size): forked workers share
    the parent's pages (jieba's dictionary, the lexicon), which a sum of RSS
    would count once per process; the RSS sum is printed too. With ``keep``,
    the build goes there and stays (for :func:`bench_built_queries`).
    ``incremental`` rebuilds the build in ``keep`` (which must exist) instead of a full build.
    """
    import contextlib

    import psutil

    where = contextlib.nullcontext(str(keep)) if keep else tempfile.TemporaryDirectory(prefix="pgkg-mem-")
    with where as tmp:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "pgkg.cli", "build", str(corpus), "--out", tmp, "--jobs", str(jobs), "--no-viz",
             "--no-validate", "--quiet", *([] if incremental else ["--full"])],
            stdout=subprocess.DEVNULL,
        )
        ps = psutil.Process(proc.pid)
        peak_pss = peak_rss = 0
        while proc.poll() is None:
            try:
                infos = [p.memory_full_info() for p in (ps, *ps.children(recursive=True))]
            except psutil.Error:
                infos = []
            peak_pss = max(peak_pss, sum(i.pss for i in infos))
            peak_rss = max(peak_rss, sum(i.rss for i in infos))
            time.sleep(0.5)
        what = f"incremental rebuild of {n} articles, one edited" if incremental else f"build of {n} articles"
        say(f"| peak memory, {what} (--jobs {jobs}) | {peak_pss / 2**20:,.0f} MB (PSS) | "
            f"RSS sum {peak_rss / 2**20:,.0f} MB; {time.perf_counter() - t0:.0f} s, exit {proc.returncode} |")


def main() -> None:
    parser = argparse.ArgumentParser(description="pgkg benchmarks (prints figures, writes bench/RESULTS.md)")
    parser.add_argument("--build-articles", type=int, default=1000)
    parser.add_argument("--query-sizes", default="1000,10000,100000")
    parser.add_argument("--rdflib-limit", type=int, default=1000, help="largest article count also loaded into rdflib")
    parser.add_argument("--memory-sizes", default="2000",
                        help="article counts built for the memory section (and, unless skipped, built-query)")
    parser.add_argument("--memory-jobs", type=int, default=2, help="--jobs of the memory builds")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    work = Path(tempfile.mkdtemp(prefix="pgkg-bench-"))
    try:
        run_sections(args, skip, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the generated corpora and builds (gigabytes at 100k)


def run_sections(args: argparse.Namespace, skip: set[str], work: Path) -> None:
    """Every section not in ``skip``, in order, with scratch files in ``work``; writes ``args.results``."""
    say(f"# pgkg benchmark results\n\n{dt.date.today()} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}\n")
    say("| measure | figure | detail |\n|---|---|---|")
    if "clean" not in skip:
        bench_clean()
    n = args.build_articles
    corpus = work / "corpus"
    generate(n, corpus, seed=7)
    texts = corpus_texts(corpus)
    size = sum(len(t.encode("utf-8")) for t in texts)
    base_out = work / "out-j1"
    warm = work / "corpus-warm"
    generate(20, warm, seed=3)
    secs1, _, done = bench_build(corpus, 1, base_out, warm, label="j1")
    if "build" not in skip:
        jieba_secs = bench_jieba(texts)
        phase1 = PHASE["j1"]
        say(f"| build --jobs 1, {done} articles | {done / secs1:.1f} articles/s, {size / secs1 / 1e6:.2f} MB/s | {secs1:.1f} s |")
        say(f"| processing phase of that build (read, clean, extract, load; outputs excluded) | {size / phase1 / 1e6:.2f} MB/s | "
            f"{phase1:.1f} s |")
        say(f"| raw jieba segmentation of the same text (1 process) | {size / jieba_secs / 1e6:.2f} MB/s | build/jieba throughput ratio "
            f"{jieba_secs / secs1:.2f}; processing phase/jieba {jieba_secs / phase1:.2f} |")
    if "jobs" not in skip:
        cores = sorted(os.sched_getaffinity(0))
        secs2, _, _ = bench_build(corpus, 2, work / "out-j2", warm, label="j2")
        ratio = f"; build/jieba ratio {jieba_secs / secs2:.2f}" if "build" not in skip else ""
        say(f"| build --jobs 2, {done} articles | {done / secs2:.1f} articles/s, {size / secs2 / 1e6:.2f} MB/s | "
            f"speed-up over --jobs 1: {secs1 / secs2:.2f}x{ratio} |")
        say(f"| processing phase only (outputs excluded), {done} articles | --jobs 1 {PHASE['j1']:.1f} s, --jobs 2 {PHASE['j2']:.1f} s | "
            f"speed-up {PHASE['j1'] / PHASE['j2']:.2f}x |")
        # --jobs 1 already runs on two cores (the store loader is a thread of its own): the speed-up
        # that more cores give is --jobs 2 on two cores against --jobs 1 held to one core.
        secs_1core, _, _ = bench_build(corpus, 1, work / "out-1core", warm, label="1core", cores={cores[0]})
        say(f"| build --jobs 1 held to 1 core, {done} articles | {done / secs_1core:.1f} articles/s | "
            f"--jobs 2 on {len(cores)} cores is {secs_1core / secs2:.2f}x faster |")
    if "load" not in skip:
        bench_load(base_out, done)
    if "validate" not in skip:
        bench_validate(base_out, done)
    if "query" not in skip:
        bench_queries(base_out, done, [int(s) for s in args.query_sizes.split(",") if s], args.rdflib_limit)
    if "memory" not in skip:
        for m in [int(s) for s in args.memory_sizes.split(",") if s]:
            mc = work / f"corpus-{m}"
            generate(m, mc, seed=11)
            built = work / f"out-{m}"
            bench_memory(mc, m, jobs=args.memory_jobs, keep=built)
            if "load" not in skip and m <= LOAD_MAX_ARTICLES:
                bench_load(built, m)
            if "built-query" not in skip:
                bench_built_queries(built, m, args.rdflib_limit)
            if "incremental" not in skip:
                edit_one_article(mc)
                bench_memory(mc, m, jobs=args.memory_jobs, keep=built, incremental=True)
            shutil.rmtree(built, ignore_errors=True)
    if "viz" not in skip and (REPO / "bench" / "bench_viz.py").exists():
        res = subprocess.run([sys.executable, str(REPO / "bench" / "bench_viz.py")], capture_output=True, text=True)
        for line in res.stdout.splitlines():
            say(f"| viz | {line} | |")
    args.results.write_text("\n".join(RESULTS) + "\n", encoding="utf-8")
    print(f"written {args.results}")


if __name__ == "__main__":
    main()
