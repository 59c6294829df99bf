"""Per-article throughput, stage by stage, against raw jieba segmentation.

    .venv/bin/python bench/bench_article.py [--articles N] [--seed S] [--rounds R]

Generates a seeded corpus (``gen_corpus.generate``) into a temporary folder,
warms up (one article through :func:`pgkg.pipeline.process_document`, so the
lexicon, jieba's dictionary and OpenCC are loaded), then times over all the
articles, in one process:

(a) ``clean``; (b) ``extract`` (on the cleaned articles); (c) the article graph
as ``process_document`` writes it from the extracted facts (``article_document``:
statements and N-Quads text; ``trig_of_nquads``; ``statement_rows`` and
``facts_lines``); (p) ``process_document`` end to end;
(j) raw ``jieba.cut`` (accurate mode, HMM on) of the same texts.

Figures are MB/s of UTF-8 article text per CPU-second (``time.process_time``),
best of ``--rounds``. Prints figures only; not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import jieba

from pgkg.graph.build import article_document
from pgkg.graph.export import facts_lines, ontology_zh_labels, statement_rows, trig_of_nquads
from pgkg.ingest.article import RawDocument
from pgkg.ingest.clean import clean
from pgkg.ingest.extract import extract
from pgkg.ingest.facts import ArticleFacts
from pgkg.ingest.read import iter_documents
from pgkg.pipeline import EXTRACTOR_VERSION, process_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate  # noqa: E402

GENERATED_AT = "2026-01-01T00:00:00+00:00"


def best_of(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Least CPU seconds of each of ``runs`` over ``rounds`` rounds; a round runs each once
    (interleaved, so a busy spell of the machine weighs on all of them alike)."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            t0 = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - t0)
    return best


def load(n: int, seed: int) -> list[RawDocument]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(n, Path(tmp), seed=seed)
        return list(iter_documents([Path(tmp)], on_problem=print))


def report(name: str, seconds: float, size: int) -> float:
    rate = size / 1e6 / seconds
    print(f"{name:<28} {seconds:8.3f} s  {rate:7.3f} MB/s")
    return rate


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    docs = load(args.articles, args.seed)
    texts = [d.text for d in docs]
    size = sum(len(t.encode("utf-8")) for t in texts)
    process_document(docs[0], GENERATED_AT)  # warm-up: lexicon, jieba, OpenCC
    jieba.initialize()

    zh = ontology_zh_labels()
    cleaned = [clean(d) for d in docs]
    facts = [extract(a) for a in cleaned]

    def run_clean() -> None:
        for d in docs:
            clean(d)

    def run_extract() -> None:
        for a in cleaned:
            extract(a)

    def run_build() -> None:
        for a, f in zip(cleaned, facts):
            statements, document = article_document(
                ArticleFacts(meta=a.meta, facts=tuple(f)), extractor_version=EXTRACTOR_VERSION, generated_at=GENERATED_AT
            )
            trig_of_nquads(document)
            facts_lines(statement_rows(statements, zh))

    def run_process() -> None:
        for d in docs:
            process_document(d, GENERATED_AT)

    def run_jieba() -> None:
        for t in texts:
            for _ in jieba.cut(t, cut_all=False, HMM=True):
                pass

    print(f"articles: {len(docs)}, {size / 1e6:.2f} MB of text, best of {args.rounds} rounds (CPU time)")
    best = best_of(
        args.rounds,
        {
            "(a) clean": run_clean,
            "(b) extract": run_extract,
            "(c) RDF, TriG, facts rows": run_build,
            "(p) process_document": run_process,
            "(j) jieba.cut (HMM)": run_jieba,
        },
    )
    rates = {name: report(name, seconds, size) for name, seconds in best.items()}
    print(f"process_document / jieba: {rates['(p) process_document'] / rates['(j) jieba.cut (HMM)']:.2f}x")


if __name__ == "__main__":
    main()
