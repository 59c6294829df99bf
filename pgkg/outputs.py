"""graph.trig and facts.jsonl written from the workers' results, in sorted runs merged at the end.

Each article's TriG block and facts.jsonl lines come with its
:class:`~pgkg.pipeline.ArticleResult`; the build appends them, one shard at a
time, as sorted run files in a scratch folder and, once the store is swapped
in, merges the runs into the two files (:func:`write_merged`). Graphs the
build did not (re)load (unchanged articles of an incremental build, the
ontology and resolution graphs) are read from the store into runs of their own
(:func:`add_stored_graphs`), so the files always describe the whole store, in
the same order whatever the number of workers or the build history:

* graph.trig: the ``@prefix`` lines, then one block per named graph, by graph IRI (the
  ontology and resolution graphs in blocks of :data:`TRIG_CHUNK` triples);
* facts.jsonl: the rows of each article graph (sorted), articles by source name
  (:func:`pgkg.graph.export.graph_order`), as ``pgkg export --format facts`` writes them.

Memory stays bounded: a run holds one shard; the merge holds one record per
open run and never opens more than :data:`FAN_IN` runs at once.
"""

from __future__ import annotations

import heapq
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

import pyoxigraph as ox

Key = tuple[str, ...]
Record = tuple[Key, bytes]

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

    def merged(self) -> Iterator[bytes]:
        """Every record's bytes, in key order."""
        while len(self.paths) > FAN_IN:
            group, self.paths = self.paths[:FAN_IN], self.paths[FAN_IN:]
            self.paths.append(_write_run(self._next_path(), heapq.merge(*map(_read_run, group), key=_key)))
            for path in group:
                path.unlink()
        for _, data in heapq.merge(*map(_read_run, self.paths), key=_key):
            yield data

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

    def __post_init__(self) -> None:
        self.trig = Runs(self.folder, "trig")
        self.facts = Runs(self.folder, "facts")

    def add_articles(self, items: Sequence[tuple[str, bytes, bytes]]) -> None:
        """``(graph IRI, TriG block, facts.jsonl lines)`` of articles just loaded into the store."""
        from pgkg.graph.export import graph_order

        self.trig.add(((graph,), trig) for graph, trig, _ in items)
        self.facts.add((graph_order(ox.NamedNode(graph)), facts) for graph, _, facts in items)
        self.graphs.update(graph for graph, _, _ in items)

    def add_stored_graphs(self, store: ox.Store, *, batch: int = 500) -> int:
        """Runs for the store's named graphs not added yet (read from the store); returns how many."""
        from pgkg.graph.export import _zh_labels, article_rows, facts_lines, trig_block
        from pgkg.graph.iri import ARTICLE_GRAPH_NS
        from pgkg.graph.store import MERGED

        todo = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)
                      and g != MERGED and g.value not in self.graphs)
        zh = _zh_labels(store)
        articles = [graph for graph in todo if graph.startswith(ARTICLE_GRAPH_NS)]
        for start in range(0, len(articles), batch):
            items = []
            for graph in articles[start:start + batch]:
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
        """Merge the runs into ``trig_path`` (with its ``@prefix`` lines) and ``facts_path``."""
        from pgkg.graph.export import trig_header

        write_atomically(trig_path, chain([trig_header()], self.trig.merged()))
        write_atomically(facts_path, self.facts.merged())

