"""The SPARQL endpoint: the real Oxigraph server over ``OUT/store``, read-only.

``pgkg serve DIR`` runs ``oxigraph serve-read-only --location OUT/store
--bind 127.0.0.1:PORT --timeout-s N`` (the ``oxigraph``
executable of the same version as pyoxigraph). The default graph of a query is
the store's merged graph (every triple of the named graphs, once), as for
``pgkg query``; ``GRAPH ?g`` reaches each article's own graph. The server answers SPARQL 1.1
protocol queries at ``/query``, serves its YASGUI page at ``/`` and refuses
updates (HTTP 403). Python never opens the store while the server runs.

Oxigraph cancels a query that exceeds ``--timeout-s`` after the response has
started: HTTP 200 with a body cut short by "The SPARQL operation has been
cancelled". :func:`sparql_select` therefore treats a body that does not parse
as a timeout.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

import pyoxigraph

from pgkg.errors import NotAvailable, PgkgError, QueryError, StoreError
from pgkg.graph.query import QueryResult, parse_sparql_json

HOST = "127.0.0.1"
READY_TIMEOUT_S = 30.0
RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, eq=False)
class ServerHandle:
    """A running Oxigraph server; ``stop()`` ends it (also as a context manager)."""

    base_url: str
    location: Path
    process: subprocess.Popen[bytes] = field(repr=False)
    log: IO[bytes] = field(repr=False)

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 protocol query endpoint."""
        return self.base_url + "/query"

    @property
    def update_url(self) -> str:
        """The update endpoint (refused with 403: the server is read-only)."""
        return self.base_url + "/update"

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace_s: float = 10.0) -> None:
        """Terminate the server and wait for it; kill it if it does not exit."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def find_oxigraph() -> Path:
    """The ``oxigraph`` executable beside this Python, else on PATH (NotAvailable if missing)."""
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise NotAvailable(
        f"the oxigraph server executable was not found (install the PyPI package "
        f"oxigraph=={pyoxigraph.__version__} beside pyoxigraph)"
    )


def check_version(executable: Path) -> str:
    """The server's version; NotAvailable unless it equals pyoxigraph's."""
    try:
        out = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise NotAvailable(f"cannot run {executable}: {exc}") from exc
    version = out.strip().rsplit(" ", 1)[-1]
    if version != pyoxigraph.__version__:
        raise NotAvailable(
            f"oxigraph server {version} does not match pyoxigraph {pyoxigraph.__version__}: "
            "the store format must be read by the same version"
        )
    return version


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_command(executable: Path, location: Path, port: int, timeout_s: float) -> list[str]:
    """The command line of a read-only server (``--timeout-s`` takes whole seconds)."""
    return [
        str(executable),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{HOST}:{port}",
        "--timeout-s",
        str(max(1, math.ceil(timeout_s))),
    ]


def _read_log(log: IO[bytes]) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace").strip()


def _responds(base_url: str) -> bool:
    url = base_url + "/query?" + urllib.parse.urlencode({"query": "ASK {}"})
    request = urllib.request.Request(url, headers={"Accept": RESULTS_JSON})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _launch(executable: Path, location: Path, port: int, timeout_s: float) -> ServerHandle:
    log = tempfile.TemporaryFile()
    # Own session: Ctrl-C in the terminal reaches Python only, which stops the server.
    process = subprocess.Popen(
        server_command(executable, location, port, timeout_s),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return ServerHandle(f"http://{HOST}:{port}", location, process, log)


def _wait_ready(handle: ServerHandle, ready_timeout_s: float) -> str | None:
    """None once the server answers; otherwise its log after it exited."""
    deadline = time.monotonic() + ready_timeout_s
    while time.monotonic() < deadline:
        if handle.process.poll() is not None:
            return _read_log(handle.log) or f"exit status {handle.process.returncode}"
        if _responds(handle.base_url):
            return None
        time.sleep(0.05)
    handle.stop()
    raise NotAvailable(f"the oxigraph server did not answer within {ready_timeout_s:g} s")


def start_server(
    out_dir: Path, *, port: int = 0, timeout_s: float = 30, ready_timeout_s: float = READY_TIMEOUT_S
) -> ServerHandle:
    """Start ``oxigraph serve-read-only`` on ``OUT/store`` and wait until it answers.

    ``port=0`` picks a free port. ``timeout_s`` is the per-query timeout.
    """
    location = Path(out_dir) / "store"
    if not location.is_dir():
        raise StoreError(f"no store at {location}: build the graph first")
    executable = find_oxigraph()
    check_version(executable)
    attempts = 3 if port == 0 else 1
    failure = ""
    for _ in range(attempts):
        handle = _launch(executable, location, port or free_port(), timeout_s)
        failure = _wait_ready(handle, ready_timeout_s) or ""
        if not failure:
            return handle
        handle.stop()
        if "address" not in failure.lower():
            break
    if "lock" in failure.lower():
        raise StoreError(f"the store at {location} is locked by another process: {failure}")
    raise NotAvailable(f"the oxigraph server did not start: {failure}")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """In the main thread, turn SIGTERM into KeyboardInterrupt so the server is stopped too."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(out_dir: Path, *, port: int, timeout_s: float, echo: Callable[[str], None]) -> None:
    """Run the read-only endpoint in the foreground until Ctrl-C (or SIGTERM).

    ``port=0`` picks a free port. Raises PgkgError if the server dies on its own.
    """
    with _sigterm_as_interrupt():
        _serve(out_dir, port=port, timeout_s=timeout_s, echo=echo)


def _serve(out_dir: Path, *, port: int, timeout_s: float, echo: Callable[[str], None]) -> None:
    handle = start_server(out_dir, port=port, timeout_s=timeout_s)
    try:
        echo(f"Oxigraph {pyoxigraph.__version__} serving {handle.location} (read-only)")
        echo(f"query page: {handle.base_url}/")
        echo(f"SPARQL endpoint: {handle.query_url}")
        echo("press Ctrl-C to stop")
        status = handle.process.wait()
        raise PgkgError(f"the oxigraph server stopped (exit status {status}): {_read_log(handle.log)}")
    except KeyboardInterrupt:
        echo("stopping the server")
    finally:
        handle.stop()


def sparql_select(url: str, query: str, *, timeout: float) -> QueryResult:
    """Run a SELECT or ASK query through the SPARQL 1.1 protocol (HTTP POST)."""
    data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        headers={"Accept": RESULTS_JSON, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        try:
            detail = exc.read().decode("utf-8", "replace").strip()
        finally:
            exc.close()
        if exc.code == 400:
            raise QueryError(f"invalid SPARQL: {detail}") from exc
        raise QueryError(f"the endpoint answered HTTP {exc.code}: {detail}") from exc
    except TimeoutError as exc:
        raise QueryError(f"query timed out: no complete answer within {timeout:g} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise QueryError(f"query timed out: no answer within {timeout:g} s") from exc
        raise NotAvailable(f"no SPARQL endpoint at {url}: {exc.reason}") from exc
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError("query timed out: truncated response") from exc
    return parse_sparql_json(text)
