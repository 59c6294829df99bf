"""Sorted runs merge into one ordered stream whatever the shards; outputs are replaced atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgkg import outputs
from pgkg.outputs import Runs, write_atomically

keys = st.tuples(st.text(max_size=6), st.text(max_size=3))
records = st.lists(st.tuples(keys, st.binary(max_size=8)), unique_by=lambda r: r[0], max_size=60)


@settings(max_examples=60, deadline=None)
@given(records=records, cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=12), fan_in=st.integers(2, 5))
def test_runs_merge_in_key_order_whatever_the_shards(
    tmp_path_factory: pytest.TempPathFactory, records, cuts, fan_in: int
) -> None:
    folder = tmp_path_factory.mktemp("runs")
    runs = Runs(folder, "t")
    bounds = sorted({0, len(records), *(c for c in cuts if c <= len(records))})
    for lo, hi in zip(bounds, bounds[1:]):
        runs.add(records[lo:hi])
    old = outputs.FAN_IN
    outputs.FAN_IN = fan_in  # force intermediate merges
    try:
        merged = list(runs.merged())
    finally:
        outputs.FAN_IN = old
    assert merged == sorted(records, key=lambda r: r[0])
    assert len(runs.paths) <= fan_in


def test_write_atomically_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_bytes(b"old\n")

    def chunks():
        yield b"new, half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, chunks())
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.jsonl"]
    write_atomically(path, iter([b"new\n", b"rows\n"]))
    assert path.read_bytes() == b"new\nrows\n"


@settings(max_examples=80, deadline=None)
@given(records=st.lists(st.tuples(keys, st.binary(min_size=1, max_size=8), st.sampled_from(["new", "copy", "gone"])),
                        unique_by=lambda r: r[0], max_size=60),
       chunk=st.integers(1, 9))
def test_copies_merge_with_the_new_records_as_a_merge_of_each_copied_record(records, chunk: int) -> None:
    import heapq
    import io

    # the previous file: every record but the new ones, in key order ("gone": changed or removed
    # since, so not copied: a gap that ends a span)
    old = sorted((r for r in records if r[2] != "new"), key=lambda r: r[0])
    at, where = 0, {}
    for key, data, _ in old:
        where[key] = at
        at += len(data)
    previous = io.BytesIO(b"".join(data for _, data, _ in old))
    new = sorted(((key, data) for key, data, kind in records if kind == "new"), key=lambda r: r[0])
    copies = [(key, where[key], len(data)) for key, data, kind in old if kind == "copy"]
    copied = [(key, data) for key, data, kind in old if kind == "copy"]

    def graph_of(key):
        return None if key[1] == "x" else "|".join(key)

    spans, expected_spans = {}, {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outputs, "COPY_CHUNK", chunk)  # spans read in several pieces too
        written = b"".join(outputs._spans(outputs.with_copies(iter(new), copies), spans, 3, graph_of, previous))
    expected = b"".join(outputs._spans(heapq.merge(new, copied, key=lambda r: r[0]), expected_spans, 3, graph_of))
    assert written == expected and spans == expected_spans
    pieces = list(outputs.with_copies(iter(new), copies))
    assert sum(len(p.records) for p in pieces if isinstance(p, outputs.Copy)) == len(copies)
    # copies next to each other in both orders are one read
    assert all(not isinstance(a, outputs.Copy) or not isinstance(b, outputs.Copy)
               or a.offset + a.length != b.offset for a, b in zip(pieces, pieces[1:]))


def test_a_copy_beyond_the_end_of_the_previous_file_fails() -> None:
    import io

    copy = outputs.Copy((((("g",), 2, 5)),))
    with pytest.raises(OSError, match="shorter than its index says"):
        b"".join(outputs._spans([copy], {}, 0, lambda key: key[0], io.BytesIO(b"abcd")))
