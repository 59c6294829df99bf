"""User-facing errors and their documented exit codes.

Library code raises these; the command line prints the message (never a
traceback) and exits with ``exit_code``. The table is repeated in the README.
"""

from __future__ import annotations


class PgkgError(Exception):
    """Base class: a problem the user can fix. Exit code 1."""

    exit_code = 1


class InputError(PgkgError):
    """A named input (file, folder, gold file, query) is missing or unreadable. Exit code 3."""

    exit_code = 3


class StoreError(PgkgError):
    """The store is missing, not built yet, or locked by another build. Exit code 4."""

    exit_code = 4


class QueryError(PgkgError):
    """A SPARQL query is invalid, unknown or timed out. Exit code 5."""

    exit_code = 5


class NotAvailable(PgkgError):
    """A feature is not available (stage not built, tool missing). Exit code 6."""

    exit_code = 6


class PartialFailure(PgkgError):
    """The run finished but some inputs were skipped (each one reported). Exit code 7."""

    exit_code = 7


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "other user error",
    2: "bad command-line usage (unknown option, missing argument)",
    3: "input missing or unreadable",
    4: "store missing, not built, or locked by another build",
    5: "invalid, unknown or timed-out SPARQL query",
    6: "feature not available here",
    7: "finished, but some input files were skipped (see messages)",
    130: "interrupted (Ctrl-C); the previous graph is left intact",
}
