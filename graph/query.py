"""The SPARQL query library: named ``.rq`` files, parameters, results.

Each file in ``graph/queries/`` answers one question. It starts with comment
lines::

    # title: A platform's measures
    # answers: Which governance measures has this platform announced …?
    # param: platform = 抖音电商 — platform by zh or en label, alias or key
    # sorted: platform, first_reported, measure

A parameter ``NAME`` is bound in the query body by a clause
``VALUES ?in_NAME { "default" }``; :func:`load_query` replaces the literal by
the caller's value escaped as a SPARQL string literal (never pasted raw), so
every query also runs unchanged, with its defaults, in any SPARQL client.

A ``# sorted: a, b, -c`` line names the columns the rows are sorted by
(``-``: descending); ``pgkg query --list`` shows it and a test checks every
query's rows against it.

Sorting: where the first sort columns have few distinct values (areas,
platforms, metrics), ORDER BY over several columns took up to half of a
query's time (comparable_measures at 100,000 built articles: 48 of 76 ms).
Those queries sort by one composite key instead, the text columns joined by
U+0001 (``ORDER BY (CONCAT(COALESCE(STR(?a), ""), "\\u0001", …))``, numbers
after it as keys of their own): U+0001 sorts below every printable character,
so the order is that of the columns one by one, an unbound column sorting as
""; only a value holding a control character could sort out of place.
comparable_measures, conflicting_figures, metric_figures and
regulations_with_measures got 1.4-1.6x faster at 10,000 built articles; the
others, whose first column mostly decides, did not and keep plain keys. A
property test evaluates each composite key in Oxigraph against the column
order.

Queries run over the store's default graph, the merged graph: every distinct
triple of the named graphs (one graph per article, the ontology graph and the
resolution graph), kept in step by the build (see ``pgkg.graph.store``).
``GRAPH ?g { … }`` reaches what one article said, with its evidence.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union

import pyoxigraph

from pgkg.errors import QueryError, StoreError

Value = Union[str, int, float, Decimal, bool, None]
ResultKind = Literal["select", "ask", "graph"]
FORMATS = ("table", "rich", "csv", "json", "ntriples")

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset({XSD + "double", XSD + "float"})

DEFAULT_PREFIXES: Mapping[str, str] = {
    "pgkg": "https://w3id.org/pgkg/ontology#",
    "role": "https://w3id.org/pgkg/role/",
    "area": "https://w3id.org/pgkg/area/",
    "id": "https://w3id.org/pgkg/id/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": XSD,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
"""Prefixes available to free-text queries without a PREFIX declaration."""

_NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")
_HEADER_RE = re.compile(r"^#\s*(title|answers|param|sorted)\s*:\s*(.*?)\s*$")
_PARAM_RE = re.compile(r"^(\w+)\s*=\s*(.*?)\s+—\s+(.*)$")
_STRING_BODY = r'"(?:[^"\\\n\r]|\\.)*"'


@dataclass(frozen=True)
class ParamInfo:
    """A query parameter: its name, default value and meaning."""

    name: str
    default: str
    meaning: str


@dataclass(frozen=True)
class QueryInfo:
    """A named query: file stem, title, the question it answers, its parameters."""

    name: str
    title: str
    answers: str
    params: tuple[ParamInfo, ...] = ()
    sorted_by: tuple[str, ...] = ()
    """The columns the rows are sorted by, in order; ``-column`` is descending."""


@dataclass(frozen=True)
class QueryResult:
    """Rows of plain Python values.

    Literals and IRIs are ``str``, numbers ``int``/``float``/``Decimal``,
    booleans ``bool``, unbound variables ``None``. An ASK result is one row
    with the column ``boolean``. A CONSTRUCT/DESCRIBE result has the columns
    subject, predicate, object (terms in N-Triples syntax) and ``ntriples``.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    kind: ResultKind = "select"
    ntriples: str = ""

    def as_dicts(self) -> list[dict[str, Value]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list[Value]:
        """All values of one column (QueryError when there is no such column)."""
        if name not in self.columns:
            raise QueryError(f"no column {name!r}; columns: {', '.join(self.columns)}")
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_table(self, *, rich: bool = False, max_width: int = 60) -> str:
        """A text table; ``rich=True`` draws it with rich's box characters."""
        cells = [[_cell_text(v, max_width) for v in row] for row in self.rows]
        if rich:
            return _rich_table(self.columns, cells)
        return _plain_table(self.columns, cells)

    def to_csv(self) -> str:
        """CSV with a header row; unbound values are empty fields."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_csv_text(v) for v in row])
        return out.getvalue()

    def to_json(self) -> str:
        """``{"columns": [...], "rows": [{column: value}, ...]}`` (unbound values are null)."""
        doc: dict[str, Any] = {
            "columns": list(self.columns),
            "rows": [{c: _json_value(v) for c, v in zip(self.columns, row)} for row in self.rows],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2)

    def to_ntriples(self) -> str:
        """The N-Triples text of a CONSTRUCT/DESCRIBE result."""
        if self.kind != "graph":
            raise QueryError("N-Triples output needs a CONSTRUCT or DESCRIBE query")
        return self.ntriples


# --------------------------------------------------------------------------- values


def literal_value(lexical: str, datatype: str | None) -> Value:
    """The Python value of a literal given its lexical form and datatype IRI."""
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype == XSD + "decimal":
            return Decimal(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
        if datatype == XSD + "boolean":
            return lexical.strip() in ("true", "1")
    except (ValueError, InvalidOperation):
        return lexical
    return lexical


def term_value(term: object) -> Value:
    """The Python value of a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        return literal_value(term.value, term.datatype.value if term.datatype else None)
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    return str(term)


def json_binding_value(binding: Mapping[str, Any] | None) -> Value:
    """The Python value of one SPARQL 1.1 JSON results binding."""
    if binding is None:
        return None
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return str(value)
    if kind == "bnode":
        return f"_:{value}"
    if kind in ("literal", "typed-literal"):
        return literal_value(str(value), binding.get("datatype"))
    raise ValueError(f"unknown binding type {kind!r}")


def parse_sparql_json(body: str) -> QueryResult:
    """Parse a SPARQL 1.1 JSON results document (SELECT or ASK).

    Oxigraph answers a query cancelled by its timeout with HTTP 200 and a
    body cut short by a cancellation message, so any failure to parse is
    reported as a timeout.
    """
    try:
        doc = json.loads(body)
        if "boolean" in doc:
            return QueryResult(("boolean",), ((bool(doc["boolean"]),),), kind="ask")
        columns = tuple(str(v) for v in doc["head"]["vars"])
        rows = tuple(
            tuple(json_binding_value(b.get(c)) for c in columns) for b in doc["results"]["bindings"]
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise QueryError("query timed out: truncated response") from exc
    return QueryResult(columns, rows)


# --------------------------------------------------------------------------- parameters


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL double-quoted string literal, safely escaped."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QueryError(f"parameter value is not valid text: {exc}") from exc
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("\b", "\\b")
        .replace("\f", "\\f")
    )
    return f'"{escaped}"'


NO_IRI = "urn:pgkg:param:not-an-iri"
"""Bound to ``?in_NAME_iri`` when the value is not an absolute IRI: matches nothing."""

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+$")


def sparql_iri(value: str) -> str:
    """``value`` as a SPARQL IRI when it is an absolute IRI, else ``<urn:pgkg:param:not-an-iri>``."""
    return f"<{value}>" if _ABSOLUTE_IRI.match(value) else f"<{NO_IRI}>"


def _values_clause(name: str) -> re.Pattern[str]:
    """``VALUES ?in_NAME { "…" }`` or, language-tagged, ``VALUES ?in_NAME_zh { "…"@zh }``."""
    return re.compile(r"(VALUES\s+\?in_" + re.escape(name) + r"(?:_[a-z]{2})?\s*\{\s*)" + _STRING_BODY
                      + r"((?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*)?\s*\})")


def _iri_clause(name: str) -> re.Pattern[str]:
    """``VALUES ?in_NAME_iri { <…> }``."""
    return re.compile(r"(VALUES\s+\?in_" + re.escape(name) + r"_iri\s*\{\s*)<[^<>\s]*>(\s*\})")


def bind_params(sparql: str, params: Mapping[str, str]) -> str:
    """Bind each parameter NAME in every clause that declares it.

    A parameter is declared by ``VALUES ?in_NAME { "default" }``; the same
    value may also be wanted as a language-tagged literal
    (``VALUES ?in_NAME_zh { "default"@zh }``, tag kept) or as an IRI
    (``VALUES ?in_NAME_iri { <…> }``: the value when it is an absolute IRI,
    else an IRI that matches nothing). VALUES, unlike BIND, lets Oxigraph look
    the value up in its indexes, and a clause may be repeated inside each UNION
    branch for the same reason. Values are escaped, never pasted raw.
    """
    for name, value in params.items():
        if not _NAME_RE.match(name):
            raise QueryError(f"invalid parameter name {name!r}")
        pattern = _values_clause(name)
        if not pattern.search(sparql):
            raise QueryError(f'unknown parameter {name!r}: the query has no VALUES ?in_{name} {{ "…" }} clause')
        literal = sparql_string(str(value))
        sparql = pattern.sub(lambda m: m.group(1) + literal + m.group(2), sparql)
        iri = sparql_iri(str(value))
        sparql = _iri_clause(name).sub(lambda m: m.group(1) + iri + m.group(2), sparql)
    return sparql


# --------------------------------------------------------------------------- the library


def parse_header(name: str, text: str) -> QueryInfo:
    """The QueryInfo of a ``.rq`` file from its leading comment lines."""
    title = answers = ""
    params: list[ParamInfo] = []
    sorted_by: tuple[str, ...] = ()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _HEADER_RE.match(stripped)
        if not match:
            continue
        key, rest = match.groups()
        if key == "title":
            title = rest
        elif key == "answers":
            answers = rest
        elif key == "sorted":
            sorted_by = tuple(column.strip() for column in rest.split(",") if column.strip())
        else:
            param = _PARAM_RE.match(rest)
            if param is None:
                raise QueryError(f"query {name}: malformed param line {rest!r}")
            pname, default, meaning = param.groups()
            params.append(ParamInfo(pname, "" if default == '""' else default, meaning))
    return QueryInfo(name, title, answers, tuple(params), sorted_by)


def _query_texts() -> dict[str, str]:
    folder = resources.files("pgkg.graph").joinpath("queries")
    texts = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".rq") and entry.is_file():
            texts[entry.name[: -len(".rq")]] = entry.read_text(encoding="utf-8")
    return dict(sorted(texts.items()))


def list_queries() -> list[QueryInfo]:
    """Every named query, sorted by name."""
    return [parse_header(name, text) for name, text in _query_texts().items()]


def load_query(name: str, params: Mapping[str, str] | None = None) -> str:
    """The SPARQL text of query ``name`` with ``params`` bound (QueryError if unknown)."""
    texts = _query_texts()
    if name not in texts:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(texts)}")
    text = texts[name]
    info = parse_header(name, text)
    known = {p.name for p in info.params}
    for pname in params or {}:
        if pname not in known:
            listing = ", ".join(sorted(known)) or "none"
            raise QueryError(f"query {name} has no parameter {pname!r}; its parameters: {listing}")
    return bind_params(text, params or {})


def format_query_list(infos: Iterable[QueryInfo] | None = None) -> str:
    """A readable listing of the named queries (for ``pgkg query --list``)."""
    lines: list[str] = []
    for info in list_queries() if infos is None else infos:
        lines.append(f"{info.name} — {info.title}")
        lines.append(f"    {info.answers}")
        for p in info.params:
            default = p.default if p.default else '""'
            lines.append(f"    --param {p.name}=… (default {default}): {p.meaning}")
        if info.sorted_by:
            order = ", ".join(f"{c[1:]} (descending)" if c.startswith("-") else c for c in info.sorted_by)
            lines.append(f"    rows sorted by {order}")
    return "\n".join(lines) + ("\n" if lines else "")


# --------------------------------------------------------------------------- running


def run_query(store: Any, sparql: str) -> QueryResult:
    """Run ``sparql`` on a pyoxigraph store over its merged default graph."""
    try:
        result = store.query(sparql, prefixes=dict(DEFAULT_PREFIXES))
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryResult(("boolean",), ((bool(result),),), kind="ask")
        if isinstance(result, pyoxigraph.QueryTriples):
            triples = list(result)
            return _graph_result(triples)
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(term_value(solution[c]) for c in columns) for solution in result)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    return QueryResult(columns, rows)


def _graph_result(triples: list[Any]) -> QueryResult:
    rows = tuple((str(t.subject), str(t.predicate), str(t.object)) for t in triples)
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in rows)
    return QueryResult(("subject", "predicate", "object"), rows, kind="graph", ntriples=text)


def open_read_only(out_dir: Path) -> Any:
    """Open ``OUT/store`` read-only (via pgkg.graph.store when available)."""
    if importlib.util.find_spec("pgkg.graph.store") is not None:
        from pgkg.graph import store as store_module

        open_store = getattr(store_module, "open_store", None)
        if open_store is not None:
            return open_store(out_dir, read_only=True)
    path = Path(out_dir) / "store"
    if not path.is_dir():
        raise StoreError(f"no store at {path}: build the graph first")
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render ``result`` as table, rich, csv, json or ntriples text."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt == "ntriples" or (result.kind == "graph" and fmt in ("table", "rich")):
        return result.to_ntriples()
    if fmt == "csv":
        return result.to_csv()
    if fmt == "json":
        return result.to_json() + "\n"
    return result.to_table(rich=fmt == "rich")


def query(
    out_dir: Path,
    *,
    name: str | None = None,
    text: str | None = None,
    params: Mapping[str, str] | None = None,
    fmt: str = "table",
    timeout_s: float = 0,
) -> str:
    """Run a named query or free SPARQL text on ``OUT/store``; the rendered result.

    With ``timeout_s`` > 0 the query runs in a forked child process that is
    killed after that many seconds (QueryError): pyoxigraph cannot cancel a
    running query, and a user's query must not hang the command.
    """
    if (name is None) == (text is None):
        raise QueryError("give either a query name or SPARQL text")
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r}; formats: {', '.join(FORMATS)}")
    sparql = load_query(name, params) if name is not None else bind_params(str(text), params or {})
    if timeout_s > 0:
        return _with_timeout(Path(out_dir), sparql, fmt, timeout_s)
    return _answer(Path(out_dir), sparql, fmt)


def _answer(out_dir: Path, sparql: str, fmt: str) -> str:
    return format_result(run_query(open_read_only(out_dir), sparql), fmt)


def _answer_to(conn: Any, out_dir: Path, sparql: str, fmt: str) -> None:
    try:
        conn.send((True, _answer(out_dir, sparql, fmt)))
    except Exception as exc:  # handed to the parent, which raises it
        conn.send((False, exc if isinstance(exc, (QueryError, StoreError)) else QueryError(f"query failed: {exc}")))
    finally:
        conn.close()


def _with_timeout(out_dir: Path, sparql: str, fmt: str, timeout_s: float) -> str:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_answer_to, args=(child, out_dir, sparql, fmt), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout_s):
            raise QueryError(f"the query did not finish within {timeout_s:g} s and was stopped; narrow it "
                             "(a parameter, LIMIT) or allow more time (--timeout, PGKG_QUERY_TIMEOUT_S)")
        try:
            ok, value = parent.recv()
        except EOFError:
            raise QueryError("the query process ended without an answer (out of memory?)") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if not ok:
        raise value
    return value


# --------------------------------------------------------------------------- rendering


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _cell_text(value: Value, max_width: int) -> str:
    text = " ".join(_text(value).split())
    if _width(text) <= max_width:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > max_width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _csv_text(value: Value) -> str:
    return _text(value)


def _json_value(value: Value) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(_char_width(ch) for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _plain_table(columns: tuple[str, ...], cells: list[list[str]]) -> str:
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    header = "  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() for row in cells]
    count = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
    return "\n".join([header, rule, *body, count]) + "\n"


def _rich_table(columns: tuple[str, ...], cells: list[list[str]]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, caption=f"{len(cells)} row{'s' if len(cells) != 1 else ''}")
    for row in cells:
        table.add_row(*row)
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out = io.StringIO()
    width = max(80, sum(widths) + 3 * len(widths) + 1)
    Console(file=out, width=width, color_system=None, force_terminal=False).print(table)
    return out.getvalue()
