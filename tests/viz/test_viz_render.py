"""render(): files written, platform views, escaping and offline guarantees (no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pgkg.errors import InputError, PgkgError
from pgkg.viz import render
from pgkg.viz.page import embed_json
from pgkg.viz.render import load_assets, neutralise_urls
from pgkg.viz.synthetic import synthetic_store

FIXTURES = Path(__file__).parent / "fixtures"

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "</script><script>window.__pwned=1</script>",
    "javascript:alert(1)",
    '<a href="https://evil.example/">文蔚</a>',
)
EXTERNAL = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*|url\(\s*["']?\s*)(?:https?:|//)""", re.IGNORECASE)
ANY_URL = re.compile(r"https?://[^\s\"'<>)]*", re.IGNORECASE)
XML_NAMESPACES = {"http://www.w3.org/2000/svg"}


def page_data(path: Path) -> dict:
    tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
    (script,) = tree.xpath('//script[@id="pgkg-data"]')
    return json.loads(script.text)


def test_render_writes_whole_graph_platform_views_and_index(mini_site: Path, mini_store: ox.Store, tmp_path: Path) -> None:
    paths = render(mini_store, out_dir=tmp_path / "site")
    assert [p.name for p in paths] == [
        "graph.html", "platform-douyin_ecommerce.html", "platform-kuaishou.html", "platform-tmall.html", "index.html",
    ]
    assert all(p.is_file() and p.parent == tmp_path / "site" for p in paths)
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == sorted(p.name for p in paths)


def test_render_tells_each_step_as_it_starts(mini_store: ox.Store, tmp_path: Path) -> None:
    steps: list[str] = []
    paths = render(mini_store, out_dir=tmp_path / "site", on_step=steps.append)
    assert steps[0] == "reading the graph from the store" and steps[-1] == "writing index.html"
    assert steps[1] == "drawing graph.html (24 nodes)"
    views = [p.name for p in paths][1:-1]
    assert steps[2:-1] == [f"drawing {name} ({i} of {len(views)})" for i, name in enumerate(views, 1)]


def test_whole_graph_page_holds_every_node_with_class_style_and_degree_size(mini_site: Path) -> None:
    data = page_data(mini_site / "graph.html")
    assert len(data["nodes"]) == 24
    by_label = {n["label"]: n for n in data["nodes"]}
    jisutui = by_label["极速退"]
    assert (jisutui["kind"], jisutui["category"], jisutui["shape"]) == ("policy", "after_sales_refunds", "dot")
    assert jisutui["evidence"][0][0].startswith("平台还全量推行“极速退”能力")
    assert data["articles"][jisutui["evidence"][0][1]] == {
        "title": "抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求", "outlet": "证券日报", "issued": "2023-08-25",
    }
    assert by_label["抖音电商"]["shape"] == "star" and by_label["抖音电商"]["en"] == "Douyin E-commerce"
    assert by_label["消费者"]["size"] > by_label["文蔚"]["size"]  # consumer has the higher degree
    rels = {e["rel"] for e in data["edges"]}
    assert {"announces", "targets", "ofMetric", "ofPlatform", "attributedTo", "reportsOn", "speaksFor", "source"} <= rels
    assert data["meta"]["physics"] is True and "x" not in jisutui


def test_search_text_is_folded_and_t2s_map_covers_traditional_forms(mini_site: Path) -> None:
    data = page_data(mini_site / "graph.html")
    tmall = next(n for n in data["nodes"] if n["label"] == "天猫")
    assert "天猫" in tmall["search"] and "tmall" in tmall["search"]
    assert data["t2s"]["貓"] == "猫" and data["t2s"]["電"] == "电"


def test_platform_view_holds_only_the_ego_network(mini_site: Path) -> None:
    data = page_data(mini_site / "platform-kuaishou.html")
    labels = {n["label"] for n in data["nodes"]}
    assert {"快手", "信任购", "信任购商家数 涨幅431%", "消费者", "商家"} <= labels
    assert any(label.startswith("新消费场景之下") for label in labels)
    assert not labels & {"抖音电商", "极速退", "天猫", "过敏保障", "文蔚", "刘晓春"}
    assert data["meta"]["view"] == "platform" and data["meta"]["platform"] == "kuaishou"
    tree = lxml_html.fromstring((mini_site / "platform-kuaishou.html").read_text(encoding="utf-8"))
    assert not tree.xpath('//select[@id="f-platform"]')


@pytest.mark.parametrize("name", ["抖音電商", "抖音电商", "Douyin E-commerce", "douyin_ecommerce", " douyin shop "])
def test_platform_argument_renders_only_that_view_and_index(mini_store: ox.Store, tmp_path: Path, name: str) -> None:
    paths = render(mini_store, out_dir=tmp_path, platform=name)
    assert [p.name for p in paths] == ["platform-douyin_ecommerce.html", "index.html"]
    index = lxml_html.fromstring(paths[1].read_text(encoding="utf-8"))
    assert index.xpath("//nav/a/@href") == ["index.html", "platform-douyin_ecommerce.html"]


def test_unknown_platform_is_an_input_error_listing_known_ones(mini_store: ox.Store, tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        render(mini_store, out_dir=tmp_path, platform="拼多多")
    message = str(err.value)
    assert "拼多多" in message
    assert "抖音电商 (douyin_ecommerce)" in message and "快手 (kuaishou)" in message and "天猫 (tmall)" in message
    assert not list(tmp_path.iterdir())


def test_index_has_policy_matrix_and_figures_with_sources(mini_site: Path) -> None:
    tree = lxml_html.fromstring((mini_site / "index.html").read_text(encoding="utf-8"))
    header = [th.text_content() for th in tree.xpath('//table[@id="matrix"]//thead//th')]
    assert "售后与退款 · after-sales and refunds" in header
    col = header.index("售后与退款 · after-sales and refunds")
    rows = {tr.xpath("./th")[0].text_content(): [td.text_content() for td in tr.xpath("./td")] for tr in tree.xpath('//table[@id="matrix"]/tbody/tr')}
    assert rows["抖音电商"][col - 1] == "1" and rows["天猫"][col - 1] == "1"
    assert "无平台(法规等) · no platform" in rows
    figures = [[td.text_content() for td in tr.xpath("./td")] for tr in tree.xpath('//table[@id="figures"]/tbody/tr')]
    row = next(r for r in figures if r[1] == "拦截劣质商品")
    assert row[:6] == ["抖音电商", "拦截劣质商品", "3000000 (超 over)", "超300万件", "件", "今年以来"]
    assert row[6] == "抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求证券日报 · 2023-08-25"
    assert set(tree.xpath("//nav/a/@href")) == {
        "index.html", "graph.html", "platform-douyin_ecommerce.html", "platform-kuaishou.html", "platform-tmall.html",
    }
    assert not tree.xpath("//script")


def test_index_shows_payloads_only_as_text(xss_site: Path) -> None:
    source = (xss_site / "index.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(source)
    assert not tree.xpath("//img | //script | //iframe | //svg | //b")
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")
    assert tree.xpath("//a/@href") == ["index.html", "graph.html", "platform-kuaishou.html"]
    text = tree.text_content()
    assert "快手<img src=x onerror=alert(1)>信任购" in text
    assert "%<script>window.__pwned=1</script>" in text
    assert '2022年" onmouseover="alert(1)' in text
    assert "<img" not in source and "<script" not in source


def test_graph_pages_embed_payloads_only_inside_escaped_json(xss_site: Path) -> None:
    for path in (xss_site / "graph.html", xss_site / "platform-kuaishou.html"):
        source = path.read_text(encoding="utf-8")
        tree = lxml_html.fromstring(source)
        assert not tree.xpath("//img | //iframe | //svg | //@*[starts-with(name(), 'on')]")
        assert [s.get("id") or s.get("type") for s in tree.xpath("//script")] == ["pgkg-data", None, None]
        start = source.index('<script type="application/json" id="pgkg-data">')
        embedded = source[start:].split(">", 1)[1].split("</script>", 1)[0]
        assert not set(embedded) & {"<", ">", "&", "\u2028", "\u2029"}
        data = json.loads(embedded)
        labels = {n["zh"] for n in data["nodes"]}
        assert "信任购</script><script>window.__pwned=1</script>" in labels
        assert '<a href="https://evil.example/">文蔚</a>' in labels
        assert all("title" not in n for n in data["nodes"])  # never a vis tooltip


def test_no_generated_file_refers_to_the_network(mini_site: Path, xss_site: Path) -> None:
    files = sorted(mini_site.iterdir()) + sorted(xss_site.iterdir())
    assert len(files) == 8
    for path in files:
        source = path.read_text(encoding="utf-8")
        assert not EXTERNAL.findall(source), path.name
        assert "sourceMappingURL" not in source
    # the real-data pages hold no absolute URL at all (ids are compact, article URLs are not exported);
    # the hostile pages may hold URL *text* from the data, but never as src/href/url(...)
    for path in sorted(mini_site.iterdir()):
        assert set(ANY_URL.findall(path.read_text(encoding="utf-8"))) <= XML_NAMESPACES, path.name


def test_inlined_library_is_neutralised_and_cannot_close_its_element() -> None:
    assets = load_assets()
    for text in (assets.vis_js, assets.vis_css, assets.app_js, assets.app_css):
        assert not EXTERNAL.findall(text)
        assert set(ANY_URL.findall(text)) <= XML_NAMESPACES
    assert "</script" not in assets.vis_js.lower() and "</style" not in assets.vis_css.lower()
    assert "vis-network" in assets.vis_js[:400]  # licence header kept, minus URL schemes


def test_neutralise_urls_keeps_svg_namespace() -> None:
    text = 'a="https://github.com/visjs" b=url(//cdn.example/x.png) c="http://www.w3.org/2000/svg" //# sourceMappingURL=x.map'
    out = neutralise_urls(text)
    assert "github.com/visjs" in out and "https://github" not in out
    assert "url(./cdn.example" in out and "http://www.w3.org/2000/svg" in out and "sourceMappingURL" not in out


@settings(deadline=None)
@given(st.text())
def test_embed_json_is_inert_and_round_trips(text: str) -> None:
    embedded = embed_json({"t": text, "k": [text]})
    assert not set(embedded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(embedded) == {"t": text, "k": [text]}


def test_large_graph_is_summarised_with_fixed_positions(tmp_path: Path) -> None:
    store = synthetic_store(800, platforms=2, metrics=20)
    paths = render(store, out_dir=tmp_path, max_nodes=300)
    data = page_data(paths[0])
    meta = data["meta"]
    assert meta["summarised"] is True and meta["physics"] is False and meta["originalNodes"] > 300
    assert not [n for n in data["nodes"] if n["kind"] == "observation"]
    metrics = [n for n in data["nodes"] if n["kind"] == "metric"]
    assert sum(n["collapsed"] for n in metrics) == meta["originalNodes"] - len(data["nodes"])
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    assert "Large graph" in lxml_html.fromstring(paths[0].read_text(encoding="utf-8")).get_element_by_id("notice").text_content()


def test_graph_too_large_even_folded_shows_only_its_strongest_nodes(tmp_path: Path) -> None:
    store = synthetic_store(800, platforms=2, metrics=20)
    folded = page_data(render(store, out_dir=tmp_path / "all", max_nodes=300)[0])
    paths = render(store, out_dir=tmp_path / "capped", max_nodes=300, page_max_nodes=120)
    data = page_data(paths[0])
    assert len(folded["nodes"]) > 120 and len(data["nodes"]) == 120
    assert {n["label"] for n in folded["nodes"] if n["kind"] == "platform"} == {
        n["label"] for n in data["nodes"] if n["kind"] == "platform"}
    ids = {n["id"] for n in data["nodes"]}
    assert data["edges"] and all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    notice = lxml_html.fromstring(paths[0].read_text(encoding="utf-8")).get_element_by_id("notice").text_content()
    assert f"({len(folded['nodes'])} nodes), of which only 120 are shown" in notice


@pytest.mark.parametrize("limits", [{"page_max_nodes": 0}, {"max_figures": 0}, {"max_nodes": -1}])
def test_limits_below_one_are_input_errors(mini_store: ox.Store, tmp_path: Path, limits: dict) -> None:
    with pytest.raises(InputError, match=f"{next(iter(limits))} must be positive"):
        render(mini_store, out_dir=tmp_path, **limits)


def test_index_lists_the_most_recent_figures_and_says_how_many_there_are(mini_store: ox.Store, tmp_path: Path) -> None:
    def figures(site: Path) -> tuple[list[list[str]], list]:
        tree = lxml_html.fromstring((site / "index.html").read_text(encoding="utf-8"))
        rows = [[td.text_content() for td in tr.xpath("./td")] for tr in tree.xpath('//table[@id="figures"]/tbody/tr')]
        return rows, tree.xpath('//p[@id="figures-omitted"]')

    render(mini_store, out_dir=tmp_path / "all")
    every, note = figures(tmp_path / "all")
    assert not note
    day = re.compile(r"\d{4}-\d{2}-\d{2}$")
    days = sorted({m.group() for r in every if (m := day.search(r[6]))}, reverse=True)
    assert len(days) > 1
    newest = [r for r in every if r[6].endswith(days[0])]
    render(mini_store, out_dir=tmp_path / "few", max_figures=len(newest))
    shown, (note,) = figures(tmp_path / "few")
    assert shown == newest  # the newest, in the table's order
    assert f"the {len(newest):,} most recently published of {len(every):,} figures" in note.text_content()


def test_small_graph_keeps_physics_and_no_positions(mini_site: Path) -> None:
    data = page_data(mini_site / "platform-tmall.html")
    assert data["meta"]["summarised"] is False and all("x" not in n for n in data["nodes"])


def test_empty_store_renders_an_empty_graph_and_index(tmp_path: Path) -> None:
    paths = render(ox.Store(), out_dir=tmp_path)
    assert [p.name for p in paths] == ["graph.html", "index.html"]
    assert page_data(paths[0])["nodes"] == []
    with pytest.raises(InputError, match="known platforms with articles in the store: none"):
        render(ox.Store(), out_dir=tmp_path, platform="快手")


def test_output_folder_that_is_a_file_is_a_user_error(mini_store: ox.Store, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(PgkgError, match="cannot create output folder"):
        render(mini_store, out_dir=blocker)


def test_render_writes_nothing_outside_out_dir(mini_store: ox.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    render(mini_store, out_dir=tmp_path / "html")
    assert [p.name for p in tmp_path.iterdir()] == ["html"]  # no pyvis lib/ in the working directory


_RENDER_IN_A_PROCESS = """
import sys
from pathlib import Path
import pyoxigraph as ox
from pgkg.graph.store import load_dataset
from pgkg.viz import render
from pgkg.viz.synthetic import synthetic_store
store = ox.Store()
load_dataset(store, Path(sys.argv[1]))
render(store, out_dir=Path(sys.argv[2]) / "mini")
render(synthetic_store(800, platforms=2, metrics=20), out_dir=Path(sys.argv[2]) / "large", max_nodes=300)
"""


def test_pages_do_not_depend_on_the_process_string_hashes(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED write the same bytes (platform pages, whose ego
    networks come from node sets, and summarised pages with precomputed positions)."""
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _RENDER_IN_A_PROCESS, str(FIXTURES / "mini.trig"), str(tmp_path / seed)],
                       check=True, env=env)
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*.html"))
    assert len(files) > 4 and files == sorted(p.relative_to(tmp_path / "2") for p in (tmp_path / "2").rglob("*.html"))
    assert [f for f in files if (tmp_path / "1" / f).read_bytes() != (tmp_path / "2" / f).read_bytes()] == []
