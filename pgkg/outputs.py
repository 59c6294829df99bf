"""graph.trig and facts.jsonl written from the workers' results, in sorted runs merged at the end.

Each article's TriG block and facts.jsonl lines come with its
:class:`~pgkg.pipeline.ArticleResult`; the build appends them, one shard at a
time, as sorted run files in a scratch folder and, once the store is swapped
in, merges the runs into the two files (:meth:`BuildOutputs.write`). Graphs the
build did not (re)load (unchanged articles of an incremental build, the
ontology and resolution graphs) get runs of their own
(:meth:`BuildOutputs.add_stored_graphs`): an unchanged article's block and rows
are copied from the previous files when their index (:data:`INDEX_FILE`) vouches
for them, and read from the store otherwise. So the files always describe the
whole store, in the same order whatever the number of workers or the build history:

* graph.trig: the ``@prefix`` lines, then one block per named graph, by graph IRI (the
  ontology and resolution graphs in blocks of :data:`TRIG_CHUNK` triples);
* facts.jsonl: the rows of each article graph (sorted), articles by source name
  (:func:`pgkg.graph.export.graph_order`), as ``pgkg export --format facts`` writes them.

Memory stays bounded: a run holds one shard; the merge holds one record per
open run and never opens more than :data:`FAN_IN` runs at once; reused blocks
and rows are held as their offsets only, and copied while the files are merged
(the blocks of graphs that follow each other in the previous file as one span,
read :data:`COPY_CHUNK` bytes at a time).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

Key = tuple[str, ...]
Record = tuple[Key, bytes]
Span = tuple[int, int, int, int]
"""Where a graph is in the previous files: TriG offset and length, facts.jsonl offset and length."""

FAN_IN = 64
"""Most runs merged at once; more are first merged into intermediate runs."""

TRIG_CHUNK = 20_000
"""Triples per TriG block of a graph that is not an article's (TriG allows a graph in several blocks)."""


@dataclass(slots=True)
class Runs:
    """Sorted run files of ``(key, bytes)`` records in ``folder`` (named ``<name>-<n>.run``)."""

    folder: Path
    name: str
    paths: list[Path] = field(default_factory=list)
    written: int = 0

    def add(self, records: Iterable[Record]) -> None:
        """Write ``records`` (any order) as one more sorted run; nothing for none."""
        ordered = sorted(records, key=lambda record: record[0])
        if ordered:
            self.paths.append(_write_run(self._next_path(), ordered))

    def merged(self) -> Iterator[Record]:
        """Every record, in key order."""
        while len(self.paths) > FAN_IN:
            group, self.paths = self.paths[:FAN_IN], self.paths[FAN_IN:]
            self.paths.append(_write_run(self._next_path(), heapq.merge(*map(_read_run, group), key=_key)))
            for path in group:
                path.unlink()
        yield from heapq.merge(*map(_read_run, self.paths), key=_key)

    def _next_path(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written += 1
        return self.folder / f"{self.name}-{self.written:06d}.run"


def _key(record: Record) -> Key:
    return record[0]


def _write_run(path: Path, records: Iterable[Record]) -> Path:
    with path.open("wb") as fh:
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        for record in records:
            pickler.dump(record)
    return path


def _read_run(path: Path) -> Iterator[Record]:
    with path.open("rb") as fh:
        unpickler = pickle.Unpickler(fh)  # our own scratch files, written by _write_run
        while True:
            try:
                yield unpickler.load()
            except EOFError:
                return


def write_atomically(path: Path, chunks: Iterable[bytes]) -> Path:
    """Write ``chunks`` to ``path`` through a temporary file renamed over it: a failure leaves the old file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


@dataclass(slots=True)
class BuildOutputs:
    """The two run sets of one build (``trig`` keyed by graph IRI, ``facts`` by graph order)."""

    folder: Path
    trig: Runs = field(init=False)
    facts: Runs = field(init=False)
    graphs: set[str] = field(default_factory=set)
    """IRIs of the graphs already in the runs."""
    stamps: dict[str, str] = field(default_factory=dict)
    """:func:`graph_stamps` of the store, for the index (set by :meth:`add_stored_graphs`)."""
    fingerprint: str | None = None
    """:func:`fingerprint` of the outputs (set by :meth:`add_stored_graphs`); no index without it."""
    reused: int = 0
    """Article graphs whose block and rows came from the previous build's files."""
    previous: PreviousOutputs | None = None
    """The previous build's files the reused blocks and rows are copied from (by :meth:`write`)."""
    copies: list[tuple[str, Span]] = field(default_factory=list)
    """``(graph IRI, where its block and rows are in the previous files)`` of every reused graph."""

    def __post_init__(self) -> None:
        self.trig = Runs(self.folder, "trig")
        self.facts = Runs(self.folder, "facts")

    def add_articles(self, items: Sequence[tuple[str, bytes, bytes]]) -> None:
        """``(graph IRI, TriG block, facts.jsonl lines)`` of articles just loaded into the store."""
        from pgkg.graph.export import graph_order

        self.trig.add(((graph,), trig) for graph, trig, _ in items)
        self.facts.add((graph_order(ox.NamedNode(graph)), facts) for graph, _, facts in items)
        self.graphs.update(graph for graph, _, _ in items)

    def add_stored_graphs(self, store: ox.Store, *, previous: Path | None = None, batch: int = 500) -> int:
        """Runs for the store's named graphs not added yet; returns how many.

        An article graph comes from the previous build's files in ``previous`` (an output folder)
        when their index (:data:`INDEX_FILE`) vouches for it: same stamp (the graph's
        ``prov:generatedAtTime`` and its article's content hash) in the store as in the index,
        files unchanged since, and the same pgkg, pyoxigraph, prefixes and ontology labels.
        Otherwise, and for the ontology and resolution graphs, it is read from the store.
        """
        from pgkg.graph.export import _zh_labels, article_rows, facts_lines, trig_block
        from pgkg.graph.iri import ARTICLE_GRAPH_NS
        from pgkg.graph.store import MERGED

        todo = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)
                      and g != MERGED and g.value not in self.graphs)
        zh = _zh_labels(store)
        self.stamps = graph_stamps(store)
        self.fingerprint = fingerprint(zh)
        old = PreviousOutputs.read(previous, self.fingerprint) if previous is not None else None
        self.previous = old
        articles = [graph for graph in todo if graph.startswith(ARTICLE_GRAPH_NS)]
        for start in range(0, len(articles), batch):
            items = []
            for graph in articles[start:start + batch]:
                span = old.span(graph, self.stamps.get(graph)) if old is not None else None
                if span is not None:  # copied by write(), straight from the previous files
                    self.reused += 1
                    self.copies.append((graph, span))
                    self.graphs.add(graph)
                    continue
                quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
                items.append((graph, trig_block(quads), facts_lines(article_rows(quads, zh))))
            self.add_articles(items)
        for graph in todo:
            if not graph.startswith(ARTICLE_GRAPH_NS):
                self._add_large_graph(store, graph)
        return len(todo)

    def _add_large_graph(self, store: ox.Store, graph: str) -> None:
        """The ontology or resolution graph (a million triples at 100,000 articles) as TriG blocks of
        :data:`TRIG_CHUNK` triples each, in store order: never all in memory."""
        from pgkg.graph.export import trig_block

        quads = iter(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        n = 0
        while chunk := list(islice(quads, TRIG_CHUNK)):  # as pgkg.pipeline.batches (which imports this module)
            self.trig.add([((graph, f"{n:09d}"), trig_block(chunk))])
            n += 1
        self.graphs.add(graph)

    def write(self, trig_path: Path, facts_path: Path) -> None:
        """Merge the runs into ``trig_path`` (with its ``@prefix`` lines) and ``facts_path``, then
        write their index (:data:`INDEX_FILE`, next to them) for the next build to reuse."""
        from pgkg.graph.export import graph_order, trig_header

        index_path = trig_path.with_name(INDEX_FILE)
        index_path.unlink(missing_ok=True)  # it vouches for the files being replaced
        trig_spans: dict[str, tuple[int, int]] = {}
        facts_spans: dict[str, tuple[int, int]] = {}
        header = trig_header()
        with ExitStack() as files:
            trig: Iterable[Record | Copy] = self.trig.merged()
            facts: Iterable[Record | Copy] = self.facts.merged()
            old_trig = old_facts = None
            if self.copies and self.previous is not None:
                # opened before either file is replaced: the copies come from the files the index described
                old_trig = files.enter_context(self.previous.trig.open("rb"))
                old_facts = files.enter_context(self.previous.facts.open("rb"))
                trig = with_copies(trig, sorted(((g,), at, n) for g, (at, n, _, _) in self.copies))
                facts = with_copies(facts, sorted((graph_order(ox.NamedNode(g)), at, n)
                                                  for g, (_, _, at, n) in self.copies))
            write_atomically(trig_path, chain([header], _spans(trig, trig_spans, len(header), _trig_graph, old_trig)))
            write_atomically(facts_path, _spans(facts, facts_spans, 0, _facts_graph, old_facts))
        if self.fingerprint is None:
            return
        rows = [[graph, self.stamps[graph], *trig_spans[graph], *facts_spans.get(graph, (0, 0))]
                for graph in sorted(trig_spans) if self.stamps.get(graph)]
        head = {"fingerprint": self.fingerprint, "trig": _file_stat(trig_path), "facts": _file_stat(facts_path)}
        write_atomically(index_path, (json.dumps(x, ensure_ascii=False).encode("utf-8") + b"\n" for x in [head, *rows]))


INDEX_FILE = ".outputs-index.jsonl"
"""Next to graph.trig: where each article graph's block and rows are in graph.trig and facts.jsonl.

A JSON header (the :func:`fingerprint` and the two files' size and mtime), then one line per
article graph: ``[graph IRI, stamp, trig offset, trig length, facts offset, facts length]``."""


def _trig_graph(key: Key) -> str | None:
    """The article graph a graph.trig record is the block of (records of other graphs have two-part keys)."""
    return key[0] if len(key) == 1 else None


def _facts_graph(key: Key) -> str | None:
    """The article graph of a facts.jsonl record (its key is ``pgkg.graph.export.graph_order``: source, IRI)."""
    return key[1]


@dataclass(frozen=True, slots=True)
class Copy:
    """Records to copy from the previous file: ``(key, offset, length)`` each, one after the other
    in the file (so they are read as one span)."""

    records: tuple[tuple[Key, int, int], ...]

    @property
    def offset(self) -> int:
        return self.records[0][1]

    @property
    def length(self) -> int:
        last = self.records[-1]
        return last[1] + last[2] - self.offset


def with_copies(records: Iterable[Record], copies: Sequence[tuple[Key, int, int]]) -> Iterator[Record | Copy]:
    """``records`` and the ``copies`` (``(key, offset, length)``, sorted), merged in key order (a
    record before a copy of the same key), with the copies that follow each other both in that
    order and in the previous file as one :class:`Copy`: what ``heapq.merge`` of the records and
    the copied bytes gives, without a read and a merge step per copied record."""
    it = iter(records)
    upcoming = next(it, None)
    i, n = 0, len(copies)
    while i < n:
        while upcoming is not None and upcoming[0] <= copies[i][0]:
            yield upcoming
            upcoming = next(it, None)
        j = i + 1
        while (j < n and copies[j][1] == copies[j - 1][1] + copies[j - 1][2]
               and (upcoming is None or copies[j][0] < upcoming[0])):
            j += 1
        yield Copy(tuple(copies[i:j]))
        i = j
    if upcoming is not None:
        yield upcoming
    yield from it


COPY_CHUNK = 2**14
"""Bytes read at a time from the previous file when copying a span of it. On the bench VM, large
reads made the copy slower, not faster: at 100,000 articles (2 GB of files) the write took 4.2-4.4 s
in reads of 16 KiB, 4.8-5.3 s record by record (before spans) and 12-15 s in reads of 1 MiB; a
plain copy of graph.trig in 1 MiB reads took 13-18 s against 1-2 s in 20 KB reads (each large
read a fresh allocation, probably faulted in anew by the VM; not measured apart)."""


def _spans(pieces: Iterable[Record | Copy], spans: dict[str, tuple[int, int]], offset: int,
           graph_of: Callable[[Key], str | None], previous: BinaryIO | None = None) -> Iterator[bytes]:
    """The pieces' bytes (a :class:`Copy`'s read from the open file ``previous``), noting in
    ``spans`` where each graph's record starts (from ``offset``) and its length."""
    for piece in pieces:
        if isinstance(piece, Copy):
            if previous is None:
                raise ValueError("copies without the previous file to copy them from")
            for key, _, length in piece.records:
                graph = graph_of(key)
                if graph is not None:
                    spans[graph] = (offset, length)
                offset += length
            yield from _read_span(previous, piece.offset, piece.length)
            continue
        key, data = piece
        graph = graph_of(key)
        if graph is not None:
            spans[graph] = (offset, len(data))
        offset += len(data)
        yield data


def _read_span(fh: BinaryIO, offset: int, length: int) -> Iterator[bytes]:
    """``length`` bytes at ``offset`` of the open file ``fh``, in chunks of at most :data:`COPY_CHUNK`."""
    fh.seek(offset)
    while length > 0:
        data = fh.read(min(length, COPY_CHUNK))
        if not data:
            raise OSError(f"{getattr(fh, 'name', 'the previous file')}: shorter than its index says "
                          "(changed during the build?)")
        length -= len(data)
        yield data


def _file_stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def graph_stamps(store: ox.Store) -> dict[str, str]:
    """``{article graph IRI: "<prov:generatedAtTime> <content hash>"}``: which processing of which
    text an article graph holds (graphs without a generation time are left out)."""
    rows = store.query(
        "SELECT ?g ?t ?h WHERE { GRAPH ?g { ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t ; "
        "<http://www.w3.org/ns/prov#wasDerivedFrom> ?a . ?a <https://w3id.org/pgkg/ontology#contentHash> ?h } }")
    return {row["g"].value: f"{row['t'].value} {row['h'].value}" for row in rows}


def fingerprint(zh: dict[str, str]) -> str:
    """What an article's TriG block and facts rows depend on besides its graph: pgkg's and
    pyoxigraph's versions, the TriG prefixes and the ontology's zh labels."""
    from importlib.metadata import version

    from pgkg import __version__
    from pgkg.graph.export import PREFIXES

    data = json.dumps([__version__, version("pyoxigraph"), sorted(PREFIXES.items()), sorted(zh.items())],
                      ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PreviousOutputs:
    """The previous build's graph.trig and facts.jsonl, and where each article graph is in them."""

    trig: Path
    facts: Path
    spans: dict[str, tuple]
    """``{graph IRI: (stamp, trig offset, trig length, facts offset, facts length)}`` as the index says."""
    sizes: tuple[int, int] = (0, 0)
    """The two files' sizes (the index's header says so, and :meth:`read` checked it)."""

    @classmethod
    def read(cls, folder: Path, fp: str) -> PreviousOutputs | None:
        """The index in ``folder`` if it belongs to the files there and to ``fp``; None otherwise
        (missing, unreadable, stale or from another pgkg: the graphs are then read from the store)."""
        trig, facts = folder / "graph.trig", folder / "facts.jsonl"
        try:
            with (folder / INDEX_FILE).open("rb") as fh:
                head = json.loads(fh.readline())
                if (head.get("fingerprint") != fp or head.get("trig") != _file_stat(trig)
                        or head.get("facts") != _file_stat(facts)):
                    return None
                spans = {row[0]: tuple(row[1:]) for row in map(json.loads, fh)}
        except (OSError, ValueError, TypeError, AttributeError, IndexError, KeyError):
            return None
        return cls(trig, facts, spans, (head["trig"][0], head["facts"][0]))

    def span(self, graph: str, stamp: str | None) -> Span | None:
        """Where the graph's TriG block and facts rows are in the files, if the index has them for
        this ``stamp`` and they lie within the files (a damaged line: None, read from the store)."""
        entry = self.spans.get(graph)
        if entry is None or stamp is None or entry[0] != stamp or len(entry) != 5:
            return None
        where = entry[1:]
        if not all(type(x) is int and x >= 0 for x in where):
            return None
        trig_at, trig_len, facts_at, facts_len = where
        if trig_at + trig_len > self.sizes[0] or facts_at + facts_len > self.sizes[1]:
            return None
        return trig_at, trig_len, facts_at, facts_len
