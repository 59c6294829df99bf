"""`pgkg eval`: build a corpus, export facts from the store, score them against gold.

Scoring rules live in :mod:`pgkg.ingest.evaluate`; this module only wires the
real path (files -> store -> facts.jsonl) to them, so the score reflects what
the graph really holds.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError


def read_facts_jsonl(path: Path) -> list[dict]:
    """Rows of a facts.jsonl file."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not JSON: {exc}") from exc
    return rows


def evaluate_corpus(gold_path: Path, *, corpus: Path, out: Path, jobs: int = 1):
    """Build ``corpus`` into ``out`` (no HTML), then score its facts against ``gold_path``."""
    from .ingest.evaluate import load_gold, score
    from .pipeline import build

    gold = load_gold(gold_path)
    if not corpus.is_dir():
        raise InputError(f"{corpus}: not a folder (the corpus the gold file annotates)")
    build([corpus], out=out, jobs=jobs, incremental=False, viz=False, validate=False)
    return score(gold, read_facts_jsonl(out / "facts.jsonl"))
