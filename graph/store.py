"""The embedded on-disk Oxigraph store in ``OUT/store`` and safe (re)builds of it.

Layout of an output folder ``OUT``::

    OUT/store/               the current graph (pyoxigraph / RocksDB directory)
    OUT/.pgkg.lock           exclusive flock held by the running build
    OUT/.store.tmp-<pid>     the store being built by process <pid>
    OUT/.store.old-<pid>     the previous store during the final swap
    OUT/.runs-<pid>          sorted runs of graph.trig and facts.jsonl (pgkg.outputs)

A build (:func:`build_session`) takes the lock, writes into a fresh
``.store.tmp-<pid>`` (when incremental, a checkpoint of the current store:
its immutable table files hard-linked, so neither is copied nor changed) and only
on normal exit flushes, optimises and swaps it into ``OUT/store`` with two
renames. Any interruption before the swap (exception, Ctrl-C, SIGTERM,
``kill -9``) leaves ``OUT/store`` untouched; the lock dies with the process
and the next build removes stale temporary folders (and, should a crash have
hit between the two renames, puts the previous store back first). A failed
build removes its temporary folder at once, but files the still-open store
writes when it is finally closed may survive until the next build.

The lock is ``fcntl.flock`` on ``OUT/.pgkg.lock`` (POSIX only); a second build
while one runs fails at once with :class:`~pgkg.errors.StoreError`.

pyoxigraph has no ``close()``: a store closes when its last reference goes.
Drop the reference bound by ``with build_session(...) as store`` after the
block before opening ``OUT/store`` read-write in the same process.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from pgkg.errors import StoreError
from pgkg.ontology import ONTOLOGY_GRAPH

from .build import ontology_quads
from .iri import ARTICLE_GRAPH_NS, article_graph_iri

STORE_DIR = "store"
LOCK_FILE = ".pgkg.lock"
_TMP_PREFIX = ".store.tmp-"
_OLD_PREFIX = ".store.old-"
RUNS_PREFIX = ".runs-"
"""Scratch folder ``OUT/.runs-<pid>`` of a build's output runs (``pgkg.outputs``)."""
_STALE = re.compile(r"^\.(store\.(tmp|old)|runs)-\d+$")

_PGKG = "https://w3id.org/pgkg/ontology#"


def store_path(out_dir: Path) -> Path:
    """``OUT/store``."""
    return Path(out_dir) / STORE_DIR


# --------------------------------------------------------------------------- locking


def _holder(lock_path: Path) -> str:
    try:
        pid = lock_path.read_text(encoding="ascii").strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


def acquire_build_lock(out_dir: Path) -> int:
    """Take the exclusive build lock of ``OUT`` (returns its file descriptor) or raise StoreError."""
    lock_path = Path(out_dir) / LOCK_FILE
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreError(
            f"another build is running on {out_dir} ({_holder(lock_path)} holds {lock_path}); "
            "wait for it to finish, or use another output folder"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode("ascii"))
    return fd


def release_build_lock(fd: int) -> None:
    """Release a lock taken by :func:`acquire_build_lock`."""
    try:
        os.ftruncate(fd, 0)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# --------------------------------------------------------------------------- folders


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover_and_clean(out_dir: Path) -> list[Path]:
    """Under the build lock: restore a store lost between the two swap renames, remove stale folders.

    Returns the folders removed.
    """
    out = Path(out_dir)
    current = store_path(out)
    olds = sorted(out.glob(_OLD_PREFIX + "*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if not current.exists() and olds:
        olds[0].rename(current)
    removed = [p for p in out.iterdir() if _STALE.match(p.name) and p.is_dir()]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def _swap_in(out_dir: Path, tmp: Path) -> None:
    current, old = store_path(out_dir), Path(out_dir) / f"{_OLD_PREFIX}{os.getpid()}"
    had_store = current.exists()
    if had_store:
        current.rename(old)
    try:
        tmp.rename(current)
    except OSError:
        if had_store:
            old.rename(current)
        raise
    _fsync_dir(Path(out_dir))
    shutil.rmtree(old, ignore_errors=True)


def _prepare_tmp(out_dir: Path, incremental: bool) -> Path:
    tmp = Path(out_dir) / f"{_TMP_PREFIX}{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    current = store_path(out_dir)
    if incremental and current.exists():
        try:  # a RocksDB checkpoint: the immutable table files hard-linked, not copied
            ox.Store.read_only(str(current)).backup(str(tmp))
        except OSError:  # e.g. a file system without hard links
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(current, tmp, ignore=shutil.ignore_patterns("LOCK"))
    return tmp


@contextmanager
def build_session(out_dir: Path, *, incremental: bool = False,
                  compact: Callable[[], bool] = lambda: True) -> Iterator[ox.Store]:
    """Yield a writable store that replaces ``OUT/store`` only if the block finishes normally.

    ``incremental`` starts from a copy of the current store (unchanged
    articles are kept); otherwise the build starts empty. When the block is
    done, ``compact()`` says whether to compact the store (``optimize``: all
    its files rewritten, which queries gain from after a bulk load, but which
    costs as much for one changed article as for all of them). Raises
    StoreError when another build holds the lock.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    fd = acquire_build_lock(out)
    tmp: Path | None = None
    try:
        recover_and_clean(out)
        tmp = _prepare_tmp(out, incremental)
        store = ox.Store(str(tmp))
        try:
            yield store
            store.flush()
            if compact():
                store.optimize()
        finally:
            del store
        _swap_in(out, tmp)
        tmp = None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        release_build_lock(fd)


def store_bytes(out_dir: Path) -> int:
    """The size of ``OUT/store`` on disk (its files' sizes; 0 when there is none)."""
    total = 0
    for f in store_path(out_dir).rglob("*"):
        with suppress(FileNotFoundError):  # a file RocksDB removed meanwhile
            total += f.stat().st_size if f.is_file() else 0
    return total


def compact_store(out_dir: Path) -> None:
    """Compact ``OUT/store``: Oxigraph's ``optimize``, which rewrites all its table files (as a
    full build does when it ends, and an incremental build that changes at most ``compact_share``
    of the articles does not). Like a build, it works on a checkpoint that replaces the store only
    when done, under the build lock (StoreError when another build holds it, or there is no store);
    queries keep reading the old store meanwhile. The graph is unchanged."""
    open_store(out_dir, read_only=True)  # StoreError when there is none (or not a pgkg store); closed at once
    with build_session(out_dir, incremental=True, compact=lambda: True):
        pass


def open_store(out_dir: Path, *, read_only: bool = True) -> ox.Store:
    """Open ``OUT/store``; StoreError when no graph was built there or it cannot be opened."""
    path = store_path(out_dir)
    if not path.is_dir():
        raise StoreError(f"no graph built in {out_dir}: run `pgkg build …` first")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the graph store {path}: {exc}") from exc
    if not has_merged_graph(store):
        raise StoreError(f"the graph store {path} was built by an older pgkg (no merged default graph): "
                         f"run `pgkg build …` again")
    return store


# --------------------------------------------------------------------------- content
#
# The store's default graph is the merged graph: every distinct triple of the
# named graphs, once. Queries read it (not Oxigraph's union default graph, which
# returns a triple once per named graph holding it, so that joins over a node
# described in N articles multiply rows by N per pattern). Every function below
# that changes a named graph keeps the merged graph in step.

MERGED = ox.DefaultGraph()


def _merged(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    for q in quads:
        yield ox.Quad(q.subject, q.predicate, q.object, MERGED)


def _unmerge(store: ox.Store, quad: ox.Quad) -> None:
    """Remove the quad's triple from the merged graph unless a named graph other than the quad's holds it."""
    if not any(q.graph_name not in (MERGED, quad.graph_name)
               for q in store.quads_for_pattern(quad.subject, quad.predicate, quad.object)):
        store.remove(ox.Quad(quad.subject, quad.predicate, quad.object, MERGED))


def drop_graph(store: ox.Store, graph: ox.NamedNode) -> int:
    """Remove a named graph and, from the merged graph, the triples no other graph holds; returns its size."""
    if not store.contains_named_graph(graph):
        return 0
    size = 0
    for quad in store.quads_for_pattern(None, None, None, graph):  # a snapshot: streamed, not listed
        size += 1
        _unmerge(store, quad)
    store.remove_graph(graph)
    return size


BULK_ADD = 50_000
"""Quads above which :func:`add_quads` goes through Oxigraph's bulk loader, this many at a time.
A transaction holds its whole batch in memory: 600,000 quads and their merged triples took
1.6 GB and 25 s in one, 115 MB and 7 s in bulk chunks of 50,000 (not one transaction: the one
input this large, the resolution graph, is recomputed whole by every build)."""


def add_quads(store: ox.Store, quads: Iterable[ox.Quad], *, bulk: bool = False) -> None:
    """Add quads to their named graphs and their triples to the merged graph (streamed: memory
    stays bounded however many there are). Up to :data:`BULK_ADD` quads are one transaction
    unless ``bulk``; more, or with ``bulk``, go through the bulk loader (not atomic; 1.7-4x faster
    for the 31,000 quads of a 2,000-article resolution graph)."""
    it = iter(quads)
    chunk = list(islice(it, BULK_ADD + 1))
    extend = store.bulk_extend if bulk or len(chunk) > BULK_ADD else store.extend  # small: one transaction
    while chunk:
        if any(q.graph_name == MERGED for q in chunk):
            raise ValueError("quads for the default graph: it is the merged graph, derived from the named graphs")
        extend(chunk)
        extend(_merged(chunk))
        chunk = list(islice(it, BULK_ADD))


def replace_graph(store: ox.Store, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
    """Replace a named graph with ``quads`` (all must be in it), keeping the merged graph in step."""
    batch = list(quads)
    stray = {q.graph_name for q in batch if q.graph_name != graph}
    if stray:
        raise ValueError(f"quads outside the graph {graph.value}: {sorted(map(str, stray))}")
    drop_graph(store, graph)
    store.add_graph(graph)
    add_quads(store, batch)


def rewrite_graph(store: ox.Store, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
    """Replace a named graph with ``triples``, streamed (for a large computed graph: never all in
    memory), keeping the merged graph in step.

    A new graph is bulk-loaded (a build recomputes it whole in a store it swaps in only when
    done). An existing one is updated in place: only the triples it lacks are added and only
    those no longer given are removed, so an incremental build that changes a few articles
    rewrites a few triples of the resolution graph instead of all of them. That takes a 16-byte
    digest of each old and each new triple in memory (about 0.1 GB per million triples).
    """
    if not store.contains_named_graph(graph):
        store.add_graph(graph)
        add_quads(store, (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples), bulk=True)
        return
    old = {_digest(q) for q in store.quads_for_pattern(None, None, None, graph)}
    new: set[bytes] = set()

    def missing() -> Iterator[ox.Quad]:
        for t in triples:
            key = _digest(t)
            new.add(key)
            if key not in old:
                yield ox.Quad(t.subject, t.predicate, t.object, graph)

    add_quads(store, missing(), bulk=True)
    # a snapshot: safe to remove from
    _remove_quads(store, (q for q in store.quads_for_pattern(None, None, None, graph) if _digest(q) not in new))


def _remove_quads(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Remove the quads from their named graphs and, unless another graph holds it, each one's triple from the merged graph."""
    for quad in quads:
        _unmerge(store, quad)
        store.remove(quad)


def rewrite_part(store: ox.Store, graph: ox.NamedNode, old: Iterable[ox.Quad], triples: Iterable[ox.Triple]) -> None:
    """Replace ``old`` (quads of a part of the named graph ``graph``) with ``triples``, keeping the
    merged graph in step.

    For a part as small as an incremental build's share of the resolution graph: both sides are
    held in memory, the additions are one transaction (see :func:`add_quads`).
    """
    before = {q for q in old if q.graph_name == graph}
    after = {ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples}
    add_quads(store, after - before)
    _remove_quads(store, before - after)


def _digest(statement: ox.Triple | ox.Quad) -> bytes:
    """16 bytes identifying a statement's triple (its N-Triples terms), whatever its graph."""
    text = f"{statement.subject} {statement.predicate} {statement.object}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def replace_article(store: ox.Store, source: str, quads: Iterable[ox.Quad]) -> None:
    """Replace the article's named graph with ``quads`` (all must be in that graph)."""
    replace_graph(store, ox.NamedNode(article_graph_iri(source)), quads)


def remove_article(store: ox.Store, source: str) -> None:
    """Remove the article's named graph (no-op when absent)."""
    drop_graph(store, ox.NamedNode(article_graph_iri(source)))


def as_ntriples(nquads: bytes, graph_iri: str) -> bytes:
    """N-Quads of one named graph (as written by ``to_nquads``) as N-Triples; ValueError for a line of another graph."""
    suffix = f" <{graph_iri}> .\n".encode("utf-8")
    lines = nquads.count(b"\n")
    triples = nquads.replace(suffix, b" .\n")
    if lines != nquads.count(suffix):
        raise ValueError(f"N-Quads for {graph_iri} hold lines of other graphs")
    return triples


def load_articles(store: ox.Store, shard: Iterable[tuple[str, bytes]], *, parsed: bool = False) -> int:
    """Bulk-load ``(source, N-Quads of its article graph)`` pairs, replacing earlier versions; returns the bytes loaded.

    One bulk load for the named graphs and one for the merged graph, much
    cheaper than a transaction per article. ``parsed`` says the N-Quads were
    already parsed strictly (``pgkg.pipeline.process_document`` parses each
    article's text on its way to TriG): the loader then skips checking the IRIs
    again (Oxigraph's ``lenient`` mode).
    """
    items = list(shard)
    for source, _ in items:
        remove_article(store, source)
    quads = b"".join(data for _, data in items)
    if not quads:
        return 0
    triples = b"".join(as_ntriples(data, article_graph_iri(source)) for source, data in items)
    store.bulk_load(quads, format=ox.RdfFormat.N_QUADS, lenient=parsed)
    store.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES, lenient=parsed)
    return len(quads)


def load_dataset(store: ox.Store, data: bytes | Path, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> int:
    """Load a dataset of named graphs (e.g. an exported ``pgkg.trig``) and recompute the merged graph; returns its size."""
    if isinstance(data, Path):
        store.load(path=str(data), format=fmt)
    else:
        store.load(data, format=fmt)
    return rebuild_merged_graph(store)


def has_merged_graph(store: ox.Store) -> bool:
    """False for a store with named graphs but an empty merged graph (built before pgkg kept one)."""
    if next(iter(store.quads_for_pattern(None, None, None, MERGED)), None) is not None:
        return True
    return next(iter(store.named_graphs()), None) is None


def rebuild_merged_graph(store: ox.Store) -> int:
    """Recompute the merged graph from the named graphs; returns its size."""
    store.clear_graph(MERGED)
    for graph in list(store.named_graphs()):
        store.bulk_extend(_merged(store.quads_for_pattern(None, None, None, graph)))
    return sum(1 for _ in store.quads_for_pattern(None, None, None, MERGED))


def article_graphs(store: ox.Store) -> list[ox.NamedNode]:
    """Named graphs of articles, sorted."""
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_NS)]
    return sorted(graphs, key=lambda g: g.value)


def article_states(store: ox.Store) -> dict[str, tuple[str, str | None]]:
    """``{source: (content hash, extractor version)}`` of every article in the store, read in one
    query (for incremental builds: at 100,000 articles 5.7 s, against 9-23 s for the two apart);
    ``""`` for a missing hash, ``None`` for a missing version."""
    rows = store.query(
        f"""SELECT ?src ?hash ?version WHERE {{ GRAPH ?g {{
              ?a a <{_PGKG}Article> ; <{_PGKG}sourceFile> ?src .
              OPTIONAL {{ ?a <{_PGKG}contentHash> ?hash }}
              OPTIONAL {{ ?g <{_PGKG}extractorVersion> ?version }} }}
              FILTER(STRSTARTS(STR(?g), "{ARTICLE_GRAPH_NS}")) }}"""
    )
    return {row["src"].value: (row["hash"].value if row["hash"] is not None else "",
                               row["version"].value if row["version"] is not None else None) for row in rows}


def article_hashes(store: ox.Store) -> dict[str, str]:
    """``{source: content hash}`` of every article in the store (``""`` when it has none)."""
    return {src: content_hash for src, (content_hash, _) in article_states(store).items()}


def article_versions(store: ox.Store) -> dict[str, str]:
    """``{source: extractor version}`` of every article graph that records one."""
    return {src: version for src, (_, version) in article_states(store).items() if version is not None}


def load_ontology(store: ox.Store) -> int:
    """(Re)load the ontology graph (pgkg.ttl + lexicon) unless the store holds it as it is; returns
    the number of quads. (An incremental build that changes nothing then writes nothing.)"""
    quads = ontology_quads()
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    if set(store.quads_for_pattern(None, None, None, graph)) != set(quads):
        replace_graph(store, graph, quads)
    return len(quads)
