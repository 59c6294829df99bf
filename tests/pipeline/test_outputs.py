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
