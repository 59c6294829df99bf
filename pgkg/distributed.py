"""Run the per-article work on an existing Dask cluster.

Why Dask (and not Spark): pgkg's per-article work is plain Python (jieba,
spaCy, rdflib-free quad building) with no tabular shuffle; Dask distributed
runs Python functions on a cluster with the same environment and no JVM,
and its ``LocalCluster`` lets the tests start a real scheduler and workers on
one machine. Workers need pgkg installed (the same ``requirements.lock``).

The driver streams documents to the cluster in batches, gets each article's
N-Quads back, and the pipeline bulk-loads those shards into the local store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .errors import NotAvailable
from .ingest.article import RawDocument


def run_on_cluster(
    address: str, docs: Iterable[RawDocument], *, generated_at: str, batch_size: int = 64
) -> Iterator["ArticleResult"]:  # noqa: F821 (see pgkg.pipeline)
    """Yield one ArticleResult per document, computed on the Dask cluster at ``address``."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise NotAvailable("Dask distributed is not installed") from exc
    from .pipeline import batches, process_document

    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise NotAvailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        for batch in batches(docs, batch_size * workers):
            futures = client.map(process_document, batch, generated_at=generated_at, pure=False)
            for future in futures:
                yield future.result()
                future.release()
