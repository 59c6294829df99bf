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
import click
from rich.console import Console

from . import __version__, settings
from .errors import EXIT_CODES, InputError, PartialFailure, PgkgError

err = Console(stderr=True, highlight=False, soft_wrap=True)

_EPILOG = "Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())


def _echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _step_printer(quiet: bool):
    """``on_step`` for a long command: each step on stderr as it starts, with the time since the
    command started (nothing with ``quiet``)."""
    import time

    started = time.perf_counter()

    def step(text: str) -> None:
        if not quiet:
            err.print(f"pgkg: {time.perf_counter() - started:7.1f} s  {text}", markup=False)

    return step


def _out_dir(required: bool = False):
    return click.argument("out", type=click.Path(path_type=Path), default=Path("out"), required=required)


@click.group(
    name="pgkg",
    epilog=_EPILOG,
    context_settings={"help_option_names": ["--help", "-h"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="pgkg")
def app() -> None:
    """pgkg: the platform-governance knowledge graph.

    Turns news articles about how online platforms govern themselves into an
    RDF graph you can query (SPARQL) and explore (offline HTML).
    """


@app.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Output folder: store/, graph.trig, facts.jsonl, html/.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=lambda: int(settings.get("jobs")),
              show_default="0 = all cores", help=settings.setting("jobs").help)
@click.option("--full", is_flag=True, help="Rebuild every article (default: only new or changed files).")
@click.option("--no-viz", is_flag=True, help="Do not write the HTML views.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the built graph.")
@click.option("--cluster", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for the per-article work.")
@click.option("--strict", is_flag=True, help="Exit with code 7 when any input file was skipped.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, nor the steps that follow the articles.")
def build(corpus: tuple[Path, ...], out: Path, jobs: int, full: bool, no_viz: bool, no_validate: bool,
          cluster: str | None, strict: bool, quiet: bool) -> None:
    """Build the knowledge graph of CORPUS (files or folders of .txt, .html, .jsonl; '-' for stdin).

    Writes an embedded pyoxigraph store, graph.trig, facts.jsonl, a SHACL
    report and the HTML views into --out. Only new or changed files are
    processed again; unreadable files are reported and skipped. A progress
    bar counts the articles; the steps after them (resolution, compaction,
    outputs, validation, views) are printed on stderr as they start.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from .pipeline import build as run_build, count_inputs

    progress = Progress(
        TextColumn("articles"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err, disable=quiet,
    )
    with progress:
        task = progress.add_task("build", total=count_inputs(list(corpus)), rate="")

        def advance(_result: object) -> None:
            progress.advance(task)
            t = progress.tasks[0]
            if t.elapsed:
                progress.update(task, rate=f"{t.completed / t.elapsed:.1f}/s")

        report = run_build(
            list(corpus),
            out=out,
            jobs=jobs,
            batch_size=int(settings.get("batch_size")),
            incremental=not full,
            viz=not no_viz,
            validate=not no_validate,
            validate_articles=int(settings.get("validate_articles")),
            validate_batch=int(settings.get("validate_batch")),
            cluster=cluster,
            max_file_mb=int(settings.get("max_file_mb")),
            compact_share=float(settings.get("compact_share")),
            viz_max_nodes=int(settings.get("viz_max_nodes")),
            viz_page_nodes=int(settings.get("viz_page_nodes")),
            viz_max_figures=int(settings.get("viz_max_figures")),
            viz_max_articles=int(settings.get("viz_max_articles")),
            on_problem=lambda message: err.print(f"pgkg: skipped: {message}", markup=False),
            on_progress=advance,
            on_step=_step_printer(quiet),
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
    for note in report.notes:
        err.print(f"pgkg: {note}", markup=False)
    if report.problems:
        err.print(f"pgkg: {len(report.problems)} input(s) skipped (listed above)", markup=False)
        if strict:
            raise PartialFailure(f"{len(report.problems)} input(s) skipped")


@app.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kept-only", is_flag=True, help="Print only the kept text, not the dropped spans.")
def clean(file: Path, kept_only: bool) -> None:
    """Show what the cleaner keeps of FILE and why each dropped span was dropped."""
    from .ingest.clean import clean as run_clean, format_report
    from .ingest.read import read_document

    _echo(format_report(run_clean(read_document(file)), show_dropped=not kept_only))


@app.command()
@_out_dir()
@click.argument("sparql", required=False)
@click.option("--name", "-n", help="Run a library query by name (see --list).")
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE", help="Query parameter (repeatable).")
@click.option("--list", "list_", is_flag=True, help="List the library queries and what they answer.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0), default=lambda: float(settings.get("query_timeout_s")),
              show_default="30", help="Stop the query after this many seconds (0: no limit).")
def query(out: Path, sparql: str | None, name: str | None, param: tuple[str, ...], list_: bool, fmt: str,
          timeout: float) -> None:
    """Answer a SPARQL question over the graph built in OUT (library query or free text)."""
    from .graph.query import format_query_list, query as run_query

    if list_:
        _echo(format_query_list())
        return
    if (name is None) == (sparql is None):
        raise click.UsageError("give either a SPARQL text or --name NAME (or --list)")
    params: dict[str, str] = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[key.strip()] = value
    _warn_if_stale(out)
    _echo(run_query(out, name=name, text=sparql, params=params or None, fmt=fmt, timeout_s=timeout))


def _warn_if_stale(out: Path) -> None:
    """Say so when the store predates statistics the library questions read."""
    from .graph.resolve import missing_statistics
    from .graph.store import open_store

    missing = missing_statistics(open_store(out, read_only=True))
    if missing:
        err.print(f"pgkg: warning: the graph in {out} was built by an older pgkg and has no {'; no '.join(missing)}, "
                  "so some answers lack counts, dates or first sources; run `pgkg build CORPUS --out "
                  f"{out}` again (incremental: unchanged articles are not reprocessed)", markup=False)


@app.command()
@_out_dir()
@click.option("--platform", help="Only this platform's ego network (name, English name or key).")
@click.option("--html-dir", type=click.Path(path_type=Path), help="Where to write the HTML (default OUT/html).")
@click.option("--quiet", "-q", is_flag=True, help="Do not print the steps on stderr.")
def viz(out: Path, platform: str | None, html_dir: Path | None, quiet: bool) -> None:
    """Write the interactive offline HTML views of the graph built in OUT.

    Prints the written files on stdout and each step (reading the graph, each page) on stderr as
    it starts: at 100,000 built articles the read alone takes minutes."""
    from .graph.store import open_store
    from .viz import render

    paths = render(
        open_store(out, read_only=True),
        out_dir=html_dir or out / "html",
        platform=platform,
        max_nodes=int(settings.get("viz_max_nodes")),
        page_max_nodes=int(settings.get("viz_page_nodes")),
        max_figures=int(settings.get("viz_max_figures")),
        on_step=_step_printer(quiet),
    )
    for p in paths:
        _echo(str(p))


EXPORT_FORMATS = ["trig", "nquads", "turtle", "jsonld", "graphml", "gexf", "facts"]


@app.command()
@_out_dir()
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default="trig", show_default=True)
@click.option("--to", "file", type=click.Path(path_type=Path), help="Output file (default OUT/export.<ext>).")
def export(out: Path, fmt: str, file: Path | None) -> None:
    """Export the graph: TriG, N-Quads, Turtle, JSON-LD, GraphML, GEXF or facts.jsonl."""
    from .graph.export import export as run_export
    from .graph.store import open_store

    ext = {"facts": "jsonl", "turtle": "ttl"}.get(fmt, fmt)
    _echo(str(run_export(open_store(out, read_only=True), fmt, file or out / f"export.{ext}")))


@app.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--corpus", required=True, type=click.Path(path_type=Path), help="Corpus folder the gold file annotates.")
@click.option("--out", type=click.Path(path_type=Path), help="Keep the build here (default: a temporary folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold: Path, corpus: Path, out: Path | None, as_json: bool) -> None:
    """Build the corpus, export facts from the store and score them against GOLD."""
    from .evaluation import evaluate_corpus

    with tempfile.TemporaryDirectory(prefix="pgkg-eval-") as tmp:
        report = evaluate_corpus(gold, corpus=corpus, out=out or Path(tmp))
    _echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if as_json else report.format())


@app.command()
@_out_dir()
@click.option("--port", type=click.IntRange(0, 65535), default=lambda: int(settings.get("serve_port")), show_default="7878")
@click.option("--timeout", type=float, default=lambda: float(settings.get("query_timeout_s")), show_default="30", help="Query timeout in seconds.")
def serve(out: Path, port: int, timeout: float) -> None:
    """Serve the graph in OUT read-only over SPARQL with the real Oxigraph server (127.0.0.1)."""
    from .graph.serve import serve as run_serve

    _warn_if_stale(out)
    run_serve(out, port=port, timeout_s=timeout, echo=_echo)


@app.command()
@_out_dir()
@click.option("--all", "every", is_flag=True,
              help="Validate every article (in batches of validate_batch), not the sample of the validate_articles setting.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=lambda: int(settings.get("jobs")),
              show_default="0 = all cores", help="Batches validated at once, each in a worker process (about 0.18 GB per 500 articles).")
def validate(out: Path, every: bool, jobs: int) -> None:
    """Validate the graph in OUT against the SHACL shapes; exit 1 on violations.

    Up to PGKG_VALIDATE_BATCH (500) articles the whole graph is validated at
    once; beyond, in batches of that many articles (bounded memory), --jobs of
    them at a time, by default an evenly spread sample of PGKG_VALIDATE_ARTICLES
    (2,000) articles.
    """
    from .pipeline import resolve_jobs
    from .graph.shacl import validate_store
    from .graph.store import open_store

    sample = 0 if every else int(settings.get("validate_articles"))
    with err.status("validating…") as status:
        result = validate_store(open_store(out, read_only=True), sample=sample, jobs=resolve_jobs(jobs),
                                batch=int(settings.get("validate_batch")),
                                on_batch=lambda done, total: status.update(f"validating: {done} of {total} batches done"))
    _echo(result.format())
    if not result.conforms:
        raise PgkgError(f"the graph in {out} does not conform to the shapes")


@app.command()
@_out_dir()
def compact(out: Path) -> None:
    """Compact the store in OUT, which a small incremental build leaves uncompacted.

    A build that changes at most compact_share of the articles (PGKG_COMPACT_SHARE, 5%) skips
    compaction, which rewrites the whole store (about 34 s at 100,000 articles); its queries
    are then 10-25% slower. This compacts it now. Like a build, it works on a checkpoint
    swapped in when done, so queries meanwhile read the previous store; the graph is unchanged.
    """
    import time

    from .graph.store import compact_store, store_bytes

    before, started = store_bytes(out), time.perf_counter()
    with err.status("compacting the store…"):
        compact_store(out)
    _echo(f"compacted {out / 'store'} in {time.perf_counter() - started:.1f}s: "
          f"{before / 2**20:,.1f} MB -> {store_bytes(out) / 2**20:,.1f} MB")


@app.command(name="settings")
def settings_() -> None:
    """List the settings, their values and help (override with PGKG_<NAME>)."""
    _echo(settings.format_settings())


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning user errors into messages and exit codes."""
    try:
        code = app.main(args=argv, prog_name="pgkg", standalone_mode=False)
    except click.ClickException as exc:
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
