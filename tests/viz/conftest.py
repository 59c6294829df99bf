"""Fixtures for the viz tests: stores loaded from hand-written TriG, rendered page folders."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pgkg.graph.store import load_dataset
from pgkg.viz import render

FIXTURES = Path(__file__).parent / "fixtures"


def load_trig(name: str) -> ox.Store:
    store = ox.Store()
    load_dataset(store, FIXTURES / name)
    return store


@pytest.fixture(scope="session")
def mini_store() -> ox.Store:
    return load_trig("mini.trig")


@pytest.fixture(scope="session")
def xss_store() -> ox.Store:
    return load_trig("xss.trig")


@pytest.fixture(scope="session")
def mini_site(mini_store: ox.Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mini_site")
    render(mini_store, out_dir=out)
    return out


@pytest.fixture(scope="session")
def xss_site(xss_store: ox.Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xss_site")
    render(xss_store, out_dir=out)
    return out
