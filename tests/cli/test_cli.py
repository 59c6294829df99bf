"""The command line: help, exit codes, and `build` end to end on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pgkg.cli import main
from pgkg.errors import EXIT_CODES

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
SUBCOMMANDS = ["build", "clean", "query", "viz", "export", "eval", "serve", "validate", "settings"]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: pgkg " + command in out
    assert "--help" in out


def test_top_level_help_lists_subcommands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in SUBCOMMANDS:
        assert command in out
    assert "Exit codes" in out


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_missing_corpus_names_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    code = main(["build", str(missing), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 3
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err


def test_query_without_a_build_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", str(tmp_path), "--name", "platforms_overview"])
    assert code == 4
    assert "pgkg build" in capsys.readouterr().err


def test_clean_of_a_binary_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = tmp_path / "image.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code = main(["clean", str(blob)])
    assert code == 3
    err = capsys.readouterr().err
    assert "image.txt" in err and "Traceback" not in err


def test_settings_table_lists_every_setting(capsys: pytest.CaptureFixture[str]) -> None:
    from pgkg.settings import SETTINGS

    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    for setting in SETTINGS:
        assert setting.name in out and setting.env in out


@pytest.mark.parametrize(("env", "value", "problem"), [
    ("PGKG_JOBS", "two", "is not a whole number"),
    ("PGKG_VALIDATE_BATCH", "0", "is below the smallest valid value 1"),
    ("PGKG_COMPACT_SHARE", "-0.5", "is below the smallest valid value 0"),
])
def test_a_bad_setting_in_the_environment_is_a_message_naming_it(env: str, value: str, problem: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(env, value)
    for argv in (["settings"], ["build", str(CORPUS), "--out", str(tmp_path / "out"), "--quiet", "--no-viz"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"{env}={value!r} {problem}" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "store").exists()  # refused before any work


def test_build_validates_in_batches_of_the_validate_batch_setting(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGKG_VALIDATE_BATCH", "2")
    out = tmp_path / "out"
    assert main(["build", str(CORPUS), "--out", str(out), "--quiet", "--jobs", "1", "--no-viz"]) == 0
    articles = len(list(CORPUS.glob("*.txt")))
    assert f"Validated {articles} of {articles} articles in batches of 2 " in (out / "validation.txt").read_text("utf-8")


def test_exit_codes_are_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in EXIT_CODES:
        assert f"| {code} |" in readme


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    assert main(["build", str(CORPUS), "--out", str(out), "--quiet", "--jobs", "1"]) == 0
    return out


def test_build_writes_store_trig_facts_and_html(built: Path) -> None:
    assert (built / "store").is_dir()
    assert (built / "graph.trig").stat().st_size > 0
    assert (built / "html" / "index.html").is_file()
    rows = [json.loads(line) for line in (built / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = {p.name for p in CORPUS.glob("*.txt")}
    assert {r["article"] for r in rows if r["kind"] == "article"} == sources
    assert {"article", "platform", "measure", "observation", "stakeholder"} <= {r["kind"] for r in rows}


def test_viz_applies_the_page_limits_of_the_settings(built: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import html as lxml_html

    monkeypatch.setenv("PGKG_VIZ_PAGE_NODES", "12")
    monkeypatch.setenv("PGKG_VIZ_MAX_FIGURES", "3")
    assert main(["viz", str(built), "--html-dir", str(tmp_path / "viz")]) == 0
    assert main(["build", str(CORPUS), "--out", str(tmp_path / "out"), "--quiet", "--jobs", "1", "--no-validate"]) == 0
    for html in (tmp_path / "viz", tmp_path / "out" / "html"):  # `viz`, and the views a build draws
        graph = lxml_html.fromstring((html / "graph.html").read_text(encoding="utf-8"))
        assert len(json.loads(graph.get_element_by_id("pgkg-data").text)["nodes"]) == 12
        index = lxml_html.fromstring((html / "index.html").read_text(encoding="utf-8"))
        assert len(index.xpath('//table[@id="figures"]/tbody/tr')) == 3
        assert "the 3 most recently published of" in index.get_element_by_id("figures-omitted").text_content()


def test_viz_prints_its_steps_on_stderr_unless_quiet(built: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["viz", str(built), "--html-dir", str(tmp_path / "a")]) == 0
    out, errors = capsys.readouterr()
    assert "reading the graph from the store" in errors and "drawing graph.html" in errors
    assert str(tmp_path / "a" / "index.html") in out.splitlines() and "drawing" not in out
    assert main(["viz", str(built), "--html-dir", str(tmp_path / "b"), "--quiet"]) == 0
    out, errors = capsys.readouterr()
    assert errors == "" and str(tmp_path / "b" / "index.html") in out.splitlines()


def test_built_graph_conforms_to_the_shapes(built: Path) -> None:
    from pgkg.graph.shacl import validate_store
    from pgkg.graph.store import open_store

    report = validate_store(open_store(built, read_only=True))
    assert report.conforms, report.format()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate_says_the_built_graph_conforms_with_any_jobs(built: Path, jobs: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(built), "--jobs", jobs]) == 0
    assert capsys.readouterr().out.strip() == "Conforms: no SHACL violations."


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate_of_a_broken_graph_names_the_article_and_exits_1(built: Path, tmp_path: Path, jobs: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    import pyoxigraph as ox

    from pgkg.graph.store import MERGED, open_store

    broken = tmp_path / "out"
    shutil.copytree(built, broken)
    store = open_store(broken, read_only=False)
    qualifier = ox.NamedNode("https://w3id.org/pgkg/ontology#qualifier")
    first = next(q for q in store.quads_for_pattern(None, qualifier, None)  # a figure's, in its article graph
                 if isinstance(q.graph_name, ox.NamedNode))
    for graph in (first.graph_name, MERGED):
        store.add(ox.Quad(first.subject, qualifier, ox.Literal("more"), graph))  # a second, invalid qualifier
    del store
    assert main(["validate", str(broken), "--jobs", jobs]) == 1
    captured = capsys.readouterr()
    (line,) = [ln for ln in captured.out.splitlines() if "pgkg:qualifier" in ln and "[value: more]" in ln]
    assert line.rsplit(" in ", 1)[1].endswith(".txt")  # the article it comes from
    assert "does not conform" in captured.err and "Traceback" not in captured.err


def test_trig_export_holds_one_named_graph_per_article(built: Path) -> None:
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(built / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs()}
    article_graphs = {n for n in names if "/graph/article/" in n}
    assert len(article_graphs) == len(list(CORPUS.glob("*.txt")))


def test_second_build_is_incremental(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["build", str(CORPUS), "--out", str(built), "--quiet", "--jobs", "1", "--no-viz"]) == 0
    out = capsys.readouterr().out
    n = len(list(CORPUS.glob("*.txt")))
    assert f"built 0 article(s), {n} unchanged" in out


@pytest.mark.parametrize(("edited", "share", "said"), [(True, "0.5", True), (True, "0", False), (False, "0.5", False)],
                         ids=["one of five edited", "one edited, PGKG_COMPACT_SHARE=0", "none edited"])
def test_a_small_rebuild_says_it_left_the_store_uncompacted(built: Path, tmp_path: Path, edited: bool,
                                                            share: str, said: bool,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setenv("PGKG_COMPACT_SHARE", share)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(built, out)
    if edited:
        page = sorted(corpus.glob("*.txt"))[1]
        page.write_text(page.read_text(encoding="utf-8") + "\n抖音电商表示,将继续完善规则。\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(corpus), "--out", str(out), "--quiet", "--jobs", "1", "--no-viz"]) == 0
    err = capsys.readouterr().err
    assert ("pgkg: store not compacted: 1 of 5 articles changed (at most compact_share = 0.5)" in err) is said
    assert ("not compacted" in err) is said


def test_compact_compacts_a_store_a_small_rebuild_left_uncompacted(built: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setenv("PGKG_COMPACT_SHARE", "0.5")
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(built, out)
    page = sorted(corpus.glob("*.txt"))[1]
    page.write_text(page.read_text(encoding="utf-8") + "\n抖音电商表示,将继续完善规则。\n", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(out), "--quiet", "--jobs", "1", "--no-viz"]) == 0
    assert f"or `pgkg compact {out}`" in capsys.readouterr().err
    question = ["query", str(out), "--name", "platform_figures", "--format", "csv"]
    assert main(question) == 0
    answer = capsys.readouterr().out
    assert main(["compact", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"compacted {out / 'store'} in ") and " MB -> " in said
    assert main(question) == 0
    assert capsys.readouterr().out == answer and answer.count("\n") > 1


def test_compact_without_a_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compact", str(tmp_path / "nothing")]) == 4
    assert "pgkg: error: no graph built in" in capsys.readouterr().err


def test_query_warns_about_a_store_built_before_the_statistics(built: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import gc
    import shutil

    import pyoxigraph as ox

    from pgkg.graph.iri import RESOLUTION_GRAPH
    from pgkg.graph.store import drop_graph, open_store

    capsys.readouterr()
    assert main(["query", str(built), "--name", "platforms_overview"]) == 0
    assert "warning" not in capsys.readouterr().err  # a current build: nothing to say
    older = tmp_path / "older"
    shutil.copytree(built, older)
    store = open_store(older, read_only=False)
    drop_graph(store, ox.NamedNode(RESOLUTION_GRAPH))  # as a store of a pgkg without resolution statistics
    del store
    gc.collect()  # release the read-write handle
    assert main(["query", str(older), "--name", "platforms_overview"]) == 0
    captured = capsys.readouterr()
    assert "older pgkg" in captured.err and "pgkg:firstSource" in captured.err and "pgkg:articleCount" in captured.err
    assert "抖音电商" in captured.out  # still answered (from the corpus)
