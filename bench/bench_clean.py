"""Cleaning throughput on real pages, per core.

    .venv/bin/python bench/bench_clean.py [CORPUS_DIR] [--rounds N]

Reads the seed pages (default ``examples/corpus``), warms up (jieba's
dictionary, OpenCC), then cleans every page ``N`` times in one process and
prints MB/s of UTF-8 input per CPU-second of this process (one core; CPU time, so
other load on the machine does not distort it), plus pages/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pgkg.ingest.article import ReadProblem
from pgkg.ingest.clean import clean
from pgkg.ingest.read import iter_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[1] / "examples" / "corpus"))
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    problems: list[ReadProblem] = []
    t0 = time.process_time()
    docs = list(iter_documents([args.corpus], on_problem=problems.append))
    t_read = time.process_time() - t0
    for p in problems:
        print(f"skipped {p}")
    if not docs:
        raise SystemExit("no documents")
    size = sum(len(d.text.encode("utf-8")) for d in docs)

    t0 = time.process_time()
    for d in docs:
        clean(d)  # warm-up: first call loads jieba's dictionary and OpenCC
    t_warm = time.process_time() - t0

    t0 = time.process_time()
    sentences = 0
    for _ in range(args.rounds):
        for d in docs:
            sentences += len(clean(d).sentences)
    elapsed = time.process_time() - t0
    total = size * args.rounds
    print(f"pages: {len(docs)} ({size / 1024:.1f} KiB), rounds: {args.rounds}")
    print(f"read:    {t_read * 1000:.1f} ms for all pages (first read)")
    print(f"warm-up: {t_warm:.2f} s (dictionary loading, first clean)")
    print(f"clean:   {total / elapsed / 1e6:.2f} MB/s per core, {len(docs) * args.rounds / elapsed:.0f} pages/s, "
          f"{sentences / elapsed:.0f} sentences/s")


if __name__ == "__main__":
    main()
