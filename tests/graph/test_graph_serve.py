"""The SPARQL endpoint (pgkg.graph.serve): the real Oxigraph server, read-only."""

from __future__ import annotations

import gc
import http.server
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest

from pgkg.errors import NotAvailable, QueryError, StoreError
from pgkg.graph.query import load_query, parse_sparql_json, run_query
from pgkg.graph.serve import (
    ServerHandle,
    check_version,
    find_oxigraph,
    serve,
    server_command,
    sparql_select,
    start_server,
)
from pgkg.graph.resolve import update_resolution
from pgkg.graph.store import load_dataset

FIXTURES = Path(__file__).parent / "fixtures"
# A real body of `oxigraph serve-read-only --timeout-s 1` for a query it
# cancelled: HTTP 200, JSON cut after a binding, then the cancellation message.
TRUNCATED = (FIXTURES / "truncated_select.json").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- no server needed


def test_truncated_body_is_reported_as_a_timeout() -> None:
    assert TRUNCATED.endswith("The SPARQL operation has been cancelled")
    with pytest.raises(QueryError, match=r"^query timed out: truncated response$"):
        parse_sparql_json(TRUNCATED)
    # cut anywhere inside the document: still a timeout, never a partial result
    complete = TRUNCATED[: TRUNCATED.rindex("}") + 1] + "]}}"
    assert len(parse_sparql_json(complete).rows) > 1
    for cut in (10, len(TRUNCATED) // 2, len(complete) - 1):
        with pytest.raises(QueryError, match="timed out"):
            parse_sparql_json(complete[:cut])


def test_complete_json_results_become_python_values() -> None:
    body = json.dumps({
        "head": {"vars": ["platform", "value", "n", "iri", "missing", "b"]},
        "results": {"bindings": [{
            "platform": {"type": "literal", "value": "抖音电商", "xml:lang": "zh"},
            "value": {"type": "literal", "value": "3000000", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
            "n": {"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
            "iri": {"type": "uri", "value": "https://w3id.org/pgkg/id/platform/douyin_ecommerce"},
            "b": {"type": "bnode", "value": "x1"},
        }]},
    }, ensure_ascii=False)
    result = parse_sparql_json(body)
    assert result.rows == (("抖音电商", Decimal(3000000), 5, "https://w3id.org/pgkg/id/platform/douyin_ecommerce", None, "_:x1"),)
    assert parse_sparql_json('{"head": {}, "boolean": false}').rows == ((False,),)


class _Canned(http.server.BaseHTTPRequestHandler):
    status = 200
    body = TRUNCATED.encode("utf-8")

    def do_POST(self) -> None:  # noqa: N802 (http.server API)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canned() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Canned)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_protocol_client_detects_a_truncated_200_response(canned) -> None:
    url = f"http://127.0.0.1:{canned.server_address[1]}/query"
    with pytest.raises(QueryError, match=r"^query timed out: truncated response$"):
        sparql_select(url, "SELECT * WHERE { ?s ?p ?o }", timeout=30)


def test_protocol_client_without_endpoint_is_not_available(canned) -> None:
    port = canned.server_address[1]
    canned.shutdown()
    canned.server_close()
    with pytest.raises(NotAvailable):
        sparql_select(f"http://127.0.0.1:{port}/query", "ASK {}", timeout=30)


def test_server_command_is_read_only_on_the_merged_graph_with_whole_second_timeout() -> None:
    cmd = server_command(Path("/x/oxigraph"), Path("/out/store"), 7878, 0.2)
    assert cmd[1] == "serve-read-only"
    assert cmd[cmd.index("--location") + 1] == "/out/store"
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1:7878"
    assert "--union-default-graph" not in cmd  # the default graph is the merged graph
    assert cmd[cmd.index("--timeout-s") + 1] == "1"
    assert server_command(Path("o"), Path("s"), 1, 30)[-1] == "30"
    assert server_command(Path("o"), Path("s"), 1, 2.5)[-1] == "3"


def test_the_server_executable_matches_pyoxigraph() -> None:
    assert check_version(find_oxigraph()) == pyoxigraph.__version__


def test_start_server_without_a_store_is_a_store_error(tmp_path) -> None:
    with pytest.raises(StoreError):
        start_server(tmp_path)


# --------------------------------------------------------------------------- the real server


def _build(out: Path) -> None:
    store = pyoxigraph.Store(str(out / "store"))
    load_dataset(store, FIXTURES / "mini.trig")
    update_resolution(store)  # as a build ends
    store.flush()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("served")
    _build(out)
    gc.collect()  # Python holds no handle on the store while the server runs
    return out


@pytest.fixture(scope="module")
def server(out_dir) -> Iterator[ServerHandle]:
    handle = start_server(out_dir, port=0, timeout_s=10)
    try:
        yield handle
    finally:
        handle.stop()
        assert not handle.running()


@pytest.fixture(scope="module")
def memory_store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    load_dataset(store, FIXTURES / "mini.trig")
    update_resolution(store)  # as a build ends
    return store


@pytest.mark.server
def test_server_listens_on_localhost(server) -> None:
    assert server.base_url.startswith("http://127.0.0.1:") and server.port > 0
    assert server.query_url == server.base_url + "/query"
    with urllib.request.urlopen(server.base_url + "/", timeout=30) as page:  # the YASGUI page
        assert page.status == 200


@pytest.mark.server
def test_select_with_sparqlwrapper(server) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server.query_url)
    client.setQuery(load_query("platforms_overview"))
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [(b["platform"]["value"], b["measures"]["value"], b["figures"]["value"]) for b in bindings] == [
        ("抖音电商", "5", "5"), ("快手", "3", "3")]


@pytest.mark.server
@pytest.mark.parametrize("name", ["conflicting_figures", "platform_measures", "fact_evidence", "platform_year_report"])
def test_endpoint_answers_like_the_library(server, memory_store, name) -> None:
    sparql = load_query(name)
    over_http = sparql_select(server.query_url, sparql, timeout=30)
    local = run_query(memory_store, sparql)
    assert over_http.columns == local.columns
    assert over_http.rows == local.rows and over_http.rows


@pytest.mark.server
def test_parameters_reach_the_endpoint_escaped(server) -> None:
    hostile = load_query("platform_measures", {"platform": '" } } #\n\\'})
    assert sparql_select(server.query_url, hostile, timeout=30).rows == ()
    kuaishou = sparql_select(server.query_url, load_query("platform_measures", {"platform": "Kuaishou"}), timeout=30)
    assert {r["measure"] for r in kuaishou.as_dicts()} == {"信任购", "蟹无忧", "商户黑名单"}


@pytest.mark.server
def test_updates_are_refused_with_403(server) -> None:
    data = urllib.parse.urlencode({"update": 'INSERT DATA { <urn:x> <urn:y> "z" }'}).encode()
    request = urllib.request.Request(server.update_url, data=data, method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=30)
    assert err.value.code == 403
    err.value.close()
    assert sparql_select(server.query_url, "ASK { <urn:x> ?p ?o }", timeout=30).rows == ((False,),)


@pytest.mark.server
def test_invalid_query_over_http_is_a_query_error(server) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        sparql_select(server.query_url, "SELECT ?x WHERE { ?x ?y }", timeout=30)


@pytest.mark.server
def test_serve_runs_in_the_foreground_until_ctrl_c(out_dir) -> None:
    lines: list[str] = []
    answers: list[tuple] = []

    def echo(line: str) -> None:
        lines.append(line)
        if line.startswith("press Ctrl-C"):
            url = next(x for x in lines if x.startswith("SPARQL endpoint: ")).split(": ", 1)[1]
            answers.append(sparql_select(url, "ASK { ?p <https://w3id.org/pgkg/ontology#key> \"kuaishou\" }", timeout=30).rows)
            raise KeyboardInterrupt  # what Ctrl-C does in the foreground

    serve(out_dir, port=0, timeout_s=5, echo=echo)
    assert answers == [((True,),)]
    assert any(x.startswith("query page: http://127.0.0.1:") for x in lines)
    url = next(x for x in lines if x.startswith("SPARQL endpoint: ")).split(": ", 1)[1]
    with pytest.raises(NotAvailable):  # stopped: nothing listens any more
        sparql_select(url, "ASK {}", timeout=30)


@pytest.mark.server
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signalled_serve_process_stops_its_server(out_dir, sig) -> None:
    import signal
    import subprocess
    import sys

    code = (
        "import signal, sys\n"
        "from pathlib import Path\n"
        "from pgkg.graph.serve import serve\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        f"serve(Path({str(out_dir)!r}), port=0, timeout_s=5, echo=lambda s: print(s, flush=True))\n"
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as child:
        try:
            lines = []
            for line in child.stdout:
                lines.append(line.strip())
                if line.startswith("press Ctrl-C"):
                    break
            url = next(x for x in lines if x.startswith("SPARQL endpoint: ")).split(": ", 1)[1]
            assert sparql_select(url, "ASK { ?s ?p ?o }", timeout=30).rows == ((True,),)
            child.send_signal(getattr(signal, sig))
            assert child.wait(timeout=60) == 0
            assert "stopping the server" in child.stdout.read()
        finally:
            if child.poll() is None:
                child.kill()
    with pytest.raises(NotAvailable):  # the oxigraph child is gone with it
        sparql_select(url, "ASK {}", timeout=30)
