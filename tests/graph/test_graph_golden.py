"""A golden graph for one sample page: the whole path page -> named graph, compared as graphs.

The golden file was produced by the pipeline and reviewed by hand against the
page (tests/graph/golden/003_tmall.nq). When extraction improves on purpose,
regenerate it with ``PGKG_UPDATE_GOLDEN=1 pytest tests/graph/test_graph_golden.py``
and review the diff in version control.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from pgkg.graph.build import from_nquads, to_nquads
from pgkg.ingest.read import read_document
from pgkg.pipeline import process_document

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "examples" / "corpus" / "003_c038b9f0d48afa58.txt"
GOLDEN = Path(__file__).parent / "golden" / "003_tmall.nq"
def built_nquads() -> str:
    """The page's named graph as sorted N-Quads (N-Quads keeps literals exactly as built)."""
    result = process_document(read_document(PAGE, root=PAGE.parent), "2026-01-01T00:00:00+00:00")
    assert result.error is None, result.error
    return "".join(sorted(to_nquads(from_nquads(result.nquads)).decode("utf-8").splitlines(keepends=True)))


def parse(nquads: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=nquads, format="nquads")
    return ds


def test_sample_page_builds_the_golden_graph(as_comparable) -> None:
    built = built_nquads()
    if os.environ.get("PGKG_UPDATE_GOLDEN"):
        GOLDEN.write_text(built, encoding="utf-8")
    golden, fresh = parse(GOLDEN.read_text(encoding="utf-8")), parse(built)
    a, b = (as_comparable(ds.quads((None, None, None, None))) for ds in (golden, fresh))
    if not isomorphic(a, b):
        _, only_golden, only_built = graph_diff(to_isomorphic(a), to_isomorphic(b))
        lines = ["built graph differs from the golden graph", "missing (in golden only):"]
        lines += sorted(f"  {t[0].n3()} {t[1].n3()} {t[2].n3()}" for t in only_golden)[:40]
        lines += ["unexpected (in built only):"]
        lines += sorted(f"  {t[0].n3()} {t[1].n3()} {t[2].n3()}" for t in only_built)[:40]
        pytest.fail("\n".join(lines))


def test_golden_graph_says_what_the_page_says() -> None:
    """The reviewed facts of the page are in the golden graph (guards a careless regeneration)."""
    golden = parse(GOLDEN.read_text(encoding="utf-8"))
    labels = {str(o) for _, p, o, _ in golden.quads((None, rdflib.RDFS.label, None, None))}
    for expected in ("过敏保障", "神秘购买抽检", "王煜磊"):
        assert expected in labels
    values = {float(o) for _, p, o, _ in golden.quads((None, rdflib.URIRef("https://w3id.org/pgkg/ontology#value"), None, None))}
    assert {0.03, 99.97, 60.0} <= values
