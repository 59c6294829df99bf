"""The `pgkg` command line: a thin layer over keyword-only library functions.

User errors print one line ``pgkg: error: …`` on stderr and exit with the code
documented in :data:`pgkg.errors.EXIT_CODES` (also in the README); they never
print a traceback.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.console import Console

from . import settings
from .errors import EXIT_CODES, InputError, PartialFailure, PgkgError

err = Console(stderr=True, highlight=False, soft_wrap=True)

_EPILOG = "Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())

app = typer.Typer(
    name="pgkg",
    help=(
        "pgkg: the platform-governance knowledge graph. Turns news articles about how "
        "online platforms govern themselves into an RDF graph you can query (SPARQL) "
        "and explore (offline HTML)."
    ),
    epilog=_EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

OutDir = Annotated[Path, typer.Argument(help="Output folder of a previous `pgkg build` (holds store/).")]


def _echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def build(
    corpus: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively) of .txt, .html, .jsonl; '-' reads stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: store/, graph.trig, facts.jsonl, html/.")] = Path("out"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help=settings.SETTINGS[0].help)] = int(settings.get("jobs")),
    full: Annotated[bool, typer.Option("--full", help="Rebuild every article (default: only new or changed files).")] = False,
    no_viz: Annotated[bool, typer.Option("--no-viz", help="Do not write the HTML views.")] = False,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL validation of the built graph.")] = False,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="Dask scheduler address (tcp://host:8786) for the per-article work.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 7 when any input file was skipped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build the knowledge graph of a corpus into an embedded store, with exports and HTML."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from .pipeline import build as run_build, count_inputs

    total = count_inputs(corpus)
    progress = Progress(
        TextColumn("articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    with progress:
        task = progress.add_task("build", total=total, rate="")

        def advance(_result: object) -> None:
            progress.advance(task)
            t = progress.tasks[0]
            if t.elapsed:
                progress.update(task, rate=f"{t.completed / t.elapsed:.1f}/s")

        report = run_build(
            corpus,
            out=out,
            jobs=jobs,
            batch_size=int(settings.get("batch_size")),
            incremental=not full,
            viz=not no_viz,
            validate=not no_validate,
            cluster=cluster,
            max_file_mb=int(settings.get("max_file_mb")),
            viz_max_nodes=int(settings.get("viz_max_nodes")),
            on_problem=lambda message: err.print(f"pgkg: skipped: {message}", markup=False),
            on_progress=advance,
        )
    o = report.outputs
    _echo(
        f"built {report.articles_processed} article(s), {report.articles_unchanged} unchanged, "
        f"{report.articles_removed} removed, {report.facts} facts in {report.seconds:.1f}s"
    )
    _echo(f"store:  {o.get('store')}")
    if "html" in o:
        _echo(f"html:   {o['html']}")
    _echo(f"facts:  {o.get('facts')}")
    _echo(f"graph:  {o.get('trig')}")
    if report.conforms is not None:
        _echo(f"shapes: {'conforms' if report.conforms else 'VIOLATIONS, see ' + str(o.get('validation'))}")
    if report.problems:
        err.print(f"pgkg: {len(report.problems)} input(s) skipped (listed above)", markup=False)
        if strict:
            raise PartialFailure(f"{len(report.problems)} input(s) skipped")


@app.command()
def clean(
    file: Annotated[Path, typer.Argument(help="A page (.txt or .html) to clean.")],
    kept_only: Annotated[bool, typer.Option("--kept-only", help="Print only the kept text, not the dropped spans.")] = False,
) -> None:
    """Show what the cleaner keeps of a page and why each dropped span was dropped."""
    from .ingest.clean import clean as run_clean, format_report
    from .ingest.read import read_document

    _echo(format_report(run_clean(read_document(file)), show_dropped=not kept_only))


@app.command()
def query(
    out: OutDir = Path("out"),
    sparql: Annotated[Optional[str], typer.Argument(help="Free SPARQL text (or use --name).")] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="Run a library query by name (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="Query parameter NAME=VALUE (repeatable).")] = None,
    list_: Annotated[bool, typer.Option("--list", "-l", help="List the library queries and what they answer.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Answer a SPARQL question over the built graph (library query or free text)."""
    from .graph.query import format_query_list, query as run_query

    if list_:
        _echo(format_query_list())
        return
    if (name is None) == (sparql is None):
        raise click.UsageError("give either a SPARQL text or --name NAME (or --list)")
    params: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[key.strip()] = value
    _echo(run_query(out, name=name, text=sparql, params=params or None, fmt=fmt))


@app.command()
def viz(
    out: OutDir = Path("out"),
    platform: Annotated[Optional[str], typer.Option("--platform", help="Only this platform's ego network (name, English name or key).")] = None,
    html_dir: Annotated[Optional[Path], typer.Option("--html-dir", help="Where to write the HTML (default OUT/html).")] = None,
) -> None:
    """Write the interactive offline HTML views of the built graph."""
    from .graph.store import open_store
    from .viz import render

    paths = render(
        open_store(out, read_only=True),
        out_dir=html_dir or out / "html",
        platform=platform,
        max_nodes=int(settings.get("viz_max_nodes")),
    )
    for p in paths:
        _echo(str(p))


@app.command()
def export(
    out: OutDir = Path("out"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle, jsonld, graphml, gexf or facts.")] = "trig",
    file: Annotated[Optional[Path], typer.Option("--to", help="Output file (default OUT/export.<ext>).")] = None,
) -> None:
    """Export the graph: TriG, N-Quads, Turtle, JSON-LD, GraphML, GEXF or facts.jsonl."""
    from .graph.export import export as run_export
    from .graph.store import open_store

    ext = {"facts": "jsonl", "turtle": "ttl"}.get(fmt, fmt)
    _echo(str(run_export(open_store(out, read_only=True), fmt, file or out / f"export.{ext}")))


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file (format of shared/gold/README.md).")],
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder the gold file annotates.")],
    out: Annotated[Optional[Path], typer.Option("--out", help="Keep the build here (default: a temporary folder).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Build the corpus, export facts from the store and score them against gold."""
    from .evaluation import evaluate_corpus

    with tempfile.TemporaryDirectory(prefix="pgkg-eval-") as tmp:
        report = evaluate_corpus(gold, corpus=corpus, out=out or Path(tmp))
    _echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report.format())


@app.command()
def serve(
    out: OutDir = Path("out"),
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = int(settings.get("serve_port")),
    timeout: Annotated[float, typer.Option("--timeout", help="Query timeout in seconds.")] = float(settings.get("query_timeout_s")),
) -> None:
    """Serve the graph read-only over SPARQL with the real Oxigraph server (127.0.0.1)."""
    from .graph.serve import serve as run_serve

    run_serve(out, port=port, timeout_s=timeout, echo=_echo)


@app.command()
def validate(out: OutDir = Path("out")) -> None:
    """Validate the built graph against the SHACL shapes; exit 1 on violations."""
    from .graph.shacl import validate_store
    from .graph.store import open_store

    result = validate_store(open_store(out, read_only=True))
    _echo(result.format())
    if not result.conforms:
        raise PgkgError(f"the graph in {out} does not conform to the shapes")


@app.command(name="settings")
def settings_() -> None:
    """List the settings, their values and help (override with PGKG_<NAME>)."""
    _echo(settings.format_settings())


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning user errors into messages and exit codes."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="pgkg", standalone_mode=False)
    except click.UsageError as exc:
        exc.show()
        code = exc.exit_code
    except click.exceptions.Abort:
        err.print("pgkg: interrupted", markup=False)
        code = 130
    except KeyboardInterrupt:
        err.print("pgkg: interrupted; the previous graph is left intact", markup=False)
        code = 130
    except PgkgError as exc:
        err.print(f"pgkg: error: {exc}", markup=False)
        code = exc.exit_code
    except OSError as exc:  # a file we were pointed at cannot be used
        err.print(f"pgkg: error: {InputError(str(exc))}", markup=False)
        code = InputError.exit_code
    if not isinstance(code, int):
        code = 0
    if argv is None:
        sys.exit(code)
    return code


if __name__ == "__main__":
    main()
