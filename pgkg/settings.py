"""Settings: one table, each with its default and help text.

The command line takes its defaults from here and ``pgkg settings`` prints the
table, so the help a user sees and the value the code uses cannot drift.
Every setting can also be given as an environment variable ``PGKG_<NAME>``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import PgkgError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: int | float | str
    help: str
    minimum: int | float | None = 0
    """The smallest valid value (None: any; strings have none)."""

    @property
    def env(self) -> str:
        return "PGKG_" + self.name.upper()

    def value(self) -> int | float | str:
        """The environment override (``PGKG_<NAME>``) if set, else the default; PgkgError when the
        override is not a number of the setting's kind or is below its minimum."""
        raw = os.environ.get(self.env)
        if raw is None:
            return self.default
        kind = type(self.default)
        try:
            value = kind(raw.strip())
        except ValueError:
            noun = "a whole number" if kind is int else "a number"  # (str() of a string never fails)
            raise PgkgError(f"{self.env}={raw!r} is not {noun} (setting {self.name}, default "
                            f"{self.default})") from None
        if self.minimum is not None and isinstance(value, (int, float)) and value < self.minimum:
            raise PgkgError(f"{self.env}={raw!r} is below the smallest valid value {self.minimum} "
                            f"(setting {self.name}, default {self.default})")
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("jobs", 0, "Worker processes for `build` (articles, then SHACL batches) and `validate` "
            "(SHACL batches); 0 means one per CPU core."),
    Setting("batch_size", 256, "Articles per store bulk load and per Dask batch (bounds memory on huge corpora).", 1),
    Setting("max_file_mb", 20, "Input files larger than this many MB are skipped with a message.", 1),
    Setting("viz_max_articles", 20000, "`build` writes the HTML views only up to this many articles (the page "
            "generator reads the whole graph: 23 s and 0.48 GB at 10,000 built articles, 43-47 s and 0.77 GB at 20,000, "
            "3.4-3.9 min and 2.7 GB at 100,000); `pgkg viz` always writes them."),
    Setting("viz_max_nodes", 1500, "Above this many nodes the HTML uses precomputed positions, physics off."),
    Setting("viz_page_nodes", 5000, "A graph page shows at most this many nodes, and 4 edges for each: when a "
            "graph has more even with its figures folded into their metrics, platforms, measures, metrics, roles, "
            "organisations and people are kept before articles, the most connected first, and the page says how "
            "many were left out (a 100,000-article graph was 102,000 nodes and a 192 MB page).", 1),
    Setting("viz_max_figures", 2000, "The index page lists at most this many figures, the most recently published; "
            "it says how many there are (all of them: the observation rows of facts.jsonl; one metric's: "
            "`pgkg query OUT -n metric_figures -p metric=…`, which for every metric took 36-40 s at 100,000 "
            "built articles, over the query timeout)."),
    Setting("validate_articles", 2000, "SHACL validation at the end of `build`: at most this many articles, evenly "
            "spread over the corpus (0 = all); beyond `validate_batch` they are validated in batches, "
            "one batch per worker process (`jobs`)."),
    Setting("validate_batch", 500, "Articles per SHACL validation batch (`build`, `validate`): a graph of at most "
            "this many articles is validated whole, a larger one in batches of this size, each held in memory by one "
            "worker (about 0.18 GB per 500 articles; constraints spanning two batches are not checked).", 1),
    Setting("compact_share", 0.05, "An incremental `build` that adds, changes or removes at most this share of the "
            "store's articles does not compact the store afterwards (compacting rewrites every file: about 34 s at "
            "100,000 articles however little changed; uncompacted, queries measured 10-25% slower until a larger "
            "build or `pgkg compact` compacts it). 0 = always compact."),
    Setting("query_timeout_s", 30, "Timeout of `query` and of the SPARQL endpoint started by `serve`, in seconds.", 1),
    Setting("serve_port", 7878, "Port of `pgkg serve` on 127.0.0.1."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The setting called ``name``."""
    return _BY_NAME[name]


def get(name: str) -> int | float | str:
    """Current value of a setting (environment override or default)."""
    return setting(name).value()


def format_settings() -> str:
    """The settings table as plain text."""
    width = max(len(s.name) for s in SETTINGS)
    lines = [f"{'setting'.ljust(width)}  {'value':>8}  env / help"]
    for s in SETTINGS:
        lines.append(f"{s.name.ljust(width)}  {str(s.value()):>8}  {s.env}: {s.help}")
    return "\n".join(lines)
