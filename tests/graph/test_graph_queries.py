"""The SPARQL library (graph/queries/*.rq, pgkg.graph.query) on a hand-written fixture.

tests/graph/fixtures/mini.trig follows docs/model.md and uses real sentences
of the seed pages: 000 (证券日报 2023-08-25: 极速退, 预售管理, 超300万件, 文蔚),
001 (no date or outlet: 56万件, which conflicts with 超300万件; 坏了包退,
商品卡免佣, 叶金燕), 002 (封面新闻 2024-05-16: 预售管理 again, 超10亿元) and 004
(中国质量报 2023-03-02: 快手 信任购, 蟹无忧, 商户黑名单, 2022 figures, the
regulation 网络直播营销管理办法).
"""

from __future__ import annotations

import csv
import gc
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgkg.errors import QueryError, StoreError
from pgkg.graph.query import (
    QueryResult,
    bind_params,
    format_query_list,
    list_queries,
    load_query,
    query,
    run_query,
    sparql_string,
)
from pgkg.graph.resolve import update_resolution
from pgkg.graph.store import add_quads, load_dataset

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
A000 = "000_07a74a37be8d45b9.txt"
A001 = "001_09cc95e2f512c306.txt"
A002 = "002_cc0c993185893d6b.txt"
A004 = "004_02c2a9e6d9d16179.txt"
PGKG = "https://w3id.org/pgkg/ontology#"
JISUTUI = "https://w3id.org/pgkg/id/policy/douyin_ecommerce/%E6%9E%81%E9%80%9F%E9%80%80"


def load_fixture(s: pyoxigraph.Store) -> pyoxigraph.Store:
    """The fixture's graphs, then the resolution graph recomputed (conflicts, source statistics), as a build ends."""
    load_dataset(s, FIXTURE)
    update_resolution(s)
    return s


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    return load_fixture(pyoxigraph.Store())


def _build_on_disk(out_dir: Path) -> None:
    s = load_fixture(pyoxigraph.Store(str(out_dir / "store")))
    s.flush()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    _build_on_disk(out)
    gc.collect()  # release the read-write handle before reading
    return out


def run(store: pyoxigraph.Store, name: str, **params: str) -> list[dict]:
    return run_query(store, load_query(name, params)).as_dicts()


# --------------------------------------------------------------------------- the library itself


def test_library_has_at_least_twelve_documented_queries() -> None:
    infos = list_queries()
    assert len(infos) >= 12
    names = [i.name for i in infos]
    assert names == sorted(names)
    for info in infos:
        assert info.title and info.answers, info.name
        assert info.answers.endswith("?"), info.name


@pytest.mark.parametrize("info", list_queries(), ids=lambda i: i.name)
def test_param_defaults_match_the_values_clauses(info) -> None:
    text = load_query(info.name)
    for p in info.params:
        clause = re.search(r'VALUES \?in_' + p.name + r' \{ ("[^"]*") \}', text)
        assert clause is not None, (info.name, p.name)
        assert clause.group(1) == sparql_string(p.default)
    # binding the defaults explicitly changes nothing
    assert load_query(info.name, {p.name: p.default for p in info.params}) == text


@pytest.mark.parametrize("info", list_queries(), ids=lambda i: i.name)
def test_every_query_answers_on_the_fixture_with_its_defaults(store, info) -> None:
    result = run_query(store, load_query(info.name))
    assert result.kind == "select"
    assert result.rows, info.name
    # the union of named graphs repeats shared triples: no query may repeat a row
    assert len(set(result.rows)) == len(result.rows), info.name


def sparql_order_key(row: tuple, columns: tuple[str, ...], sorted_by: tuple[str, ...]) -> tuple:
    """What SPARQL's ORDER BY compares, column by column: unbound first, then numbers by value,
    strings by code point (Python's order of str); ``-column`` reversed (numbers only)."""
    key = []
    for spec in sorted_by:
        value = row[columns.index(spec.lstrip("-"))]
        if spec.startswith("-"):
            assert isinstance(value, (int, Decimal)), spec
            value = -value
        key.append((0,) if value is None else (1, value))
    return tuple(key)


@pytest.mark.parametrize("info", list_queries(), ids=lambda i: i.name)
def test_every_query_sorts_its_rows_as_its_header_says(store, info) -> None:
    result = run_query(store, load_query(info.name))
    assert info.sorted_by, f"{info.name} has no '# sorted:' line"
    assert {c.lstrip("-") for c in info.sorted_by} <= set(result.columns), info.name
    keys = [sparql_order_key(row, result.columns, info.sorted_by) for row in result.rows]
    assert keys == sorted(keys), info.name


def order_clause(text: str) -> str:
    return re.search(r"^ORDER BY (.*)$", text, re.M).group(1)


COMPOSITE_ORDER = [i for i in list_queries() if order_clause(load_query(i.name)).startswith("(CONCAT(")]


@pytest.mark.parametrize("info", COMPOSITE_ORDER, ids=lambda i: i.name)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_composite_sort_key_orders_like_its_columns_one_by_one(info, data) -> None:
    """ORDER BY (CONCAT(…, "\\u0001", …)) ?n, as the library writes it, evaluated by Oxigraph over
    rows drawn to share prefixes (快手 / 快手小店), must give the order of the columns one by one."""
    clause = order_clause(load_query(info.name))
    concat, trailing = clause.rsplit(")", 1)
    text_columns = re.findall(r"STR\(\?(\w+)\)", concat)
    number_columns = re.findall(r"\?(\w+)", trailing)
    assert [*text_columns, *number_columns] == list(info.sorted_by), info.name
    label = st.none() | st.text(alphabet="快手小店a b\x02", min_size=1, max_size=4)
    number = st.none() | st.integers(-3, 3)
    rows = data.draw(st.lists(st.tuples(*[label] * len(text_columns), *[number] * len(number_columns)),
                              min_size=2, max_size=12))
    columns = (*text_columns, *number_columns)

    def cells(row: tuple) -> str:
        return " ".join("UNDEF" if v is None else (sparql_string(v) if isinstance(v, str) else str(v)) for v in row)

    sparql = (f"SELECT * WHERE {{ VALUES ({' '.join('?' + c for c in columns)}) "
              f"{{ {' '.join(f'({cells(row)})' for row in rows)} }} }} ORDER BY {clause}")
    result = run_query(pyoxigraph.Store(), sparql)
    keys = [sparql_order_key(row, result.columns, columns) for row in result.rows]
    assert keys == sorted(keys)


def test_unknown_query_name_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as err:
        load_query("no_such_query")
    assert "platform_measures" in str(err.value)
    assert "conflicting_figures" in str(err.value)
    with pytest.raises(QueryError):
        load_query("../query")


def test_unknown_parameter_is_refused() -> None:
    with pytest.raises(QueryError) as err:
        load_query("platform_measures", {"platfrom": "快手"})
    assert "platform" in str(err.value)
    with pytest.raises(QueryError):
        load_query("conflicting_figures", {"platform": "快手"})


def test_format_query_list_shows_names_titles_and_params() -> None:
    text = format_query_list()
    for info in list_queries():
        assert f"{info.name} — {info.title}" in text
    assert "--param platform=" in text
    assert "rows sorted by measures (descending), figures (descending), key" in text


# --------------------------------------------------------------------------- one test per query


def test_platforms_overview_counts(store) -> None:
    rows = run(store, "platforms_overview")
    assert [(r["platform"], r["key"], r["measures"], r["figures"], r["articles"]) for r in rows] == [
        ("抖音电商", "douyin_ecommerce", 5, 5, 3),
        ("快手", "kuaishou", 3, 3, 1),
    ]  # 天猫 and 抖音 (only mentioned) have no governance facts


def test_platforms_overview_counts_over_the_corpus_on_a_store_without_platform_counts(store) -> None:
    older = pyoxigraph.Store()
    load_dataset(older, FIXTURE)  # no resolution graph: a store built before the counts existed
    assert not list(older.quads_for_pattern(None, pyoxigraph.NamedNode(PGKG + "articleCount"), None))
    assert run(older, "platforms_overview") == run(store, "platforms_overview")


def test_platform_measures_with_category_subclass_and_first_date(store) -> None:
    rows = {r["measure"]: r for r in run(store, "platform_measures", platform="抖音电商")}
    assert set(rows) == {"极速退", "预售管理", "识别策略", "坏了包退", "商品卡免佣"}
    jisu = rows["极速退"]
    assert (jisu["type"], jisu["category"], jisu["first_reported"], jisu["articles"]) == (
        "ServiceGuarantee", "after_sales_refunds", "2023-08-25", 1)
    assert jisu["iri"] == JISUTUI
    # reported 2023-08-25 (证券日报) and 2024-05-16 (封面新闻): the first date is the minimum
    assert (rows["预售管理"]["first_reported"], rows["预售管理"]["articles"]) == ("2023-08-25", 2)
    assert rows["预售管理"]["type"] == "PlatformRule"
    # article 001 has no date
    assert rows["商品卡免佣"]["first_reported"] is None


def test_measure_type_prefers_the_subclass_over_plain_policy(store) -> None:
    pgkg = "https://w3id.org/pgkg/ontology#"
    extra = pyoxigraph.Store()
    extra.extend(store)
    graph = pyoxigraph.NamedNode("https://w3id.org/pgkg/graph/article/" + A000)
    policy = pyoxigraph.NamedNode(pgkg + "Policy")
    rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    minimal = pyoxigraph.NamedNode("https://w3id.org/pgkg/id/policy/douyin_ecommerce/x")
    add_quads(extra, [
        pyoxigraph.Quad(pyoxigraph.NamedNode(JISUTUI), rdf_type, policy, graph),
        pyoxigraph.Quad(minimal, rdf_type, policy, graph),
        pyoxigraph.Quad(minimal, pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                        pyoxigraph.Literal("升级识别策略", language="zh"), graph),
        pyoxigraph.Quad(pyoxigraph.NamedNode("https://w3id.org/pgkg/id/platform/douyin_ecommerce"),
                        pyoxigraph.NamedNode(pgkg + "announces"), minimal, graph),
        pyoxigraph.Quad(minimal, pyoxigraph.NamedNode(pgkg + "category"),
                        pyoxigraph.NamedNode("https://w3id.org/pgkg/area/product_quality"), graph),
    ])
    for name in ("platform_measures", "comparable_measures"):
        types = {r["measure"]: r["type"] for r in run(extra, name)}
        assert (types["极速退"], types["升级识别策略"]) == ("ServiceGuarantee", "Policy"), name


@pytest.mark.parametrize("name", ["抖音电商", "Douyin E-commerce", "douyin_ecommerce", "抖音商城", "douyin e-commerce"])
def test_platform_parameter_accepts_labels_aliases_and_keys(store, name) -> None:
    measures = {r["measure"] for r in run(store, "platform_measures", platform=name)}
    assert measures == {"极速退", "预售管理", "识别策略", "坏了包退", "商品卡免佣"}


def test_platform_parameter_includes_sub_platforms_only(store) -> None:
    # 抖音电商 is part of 抖音; 快手's measures stay out
    assert {r["platform"] for r in run(store, "platform_measures", platform="Douyin")} == {"抖音电商"}
    assert {r["measure"] for r in run(store, "platform_measures", platform="快手")} == {"信任购", "蟹无忧", "商户黑名单"}
    assert run(store, "platform_measures", platform="天猫") == []
    assert run(store, "platform_measures", platform="no such platform") == []


def test_platform_figures_over_time(store) -> None:
    rows = run(store, "platform_figures", platform="kuaishou")
    assert sorted((r["metric"], r["value"], r["unit"], r["change"]) for r in rows) == [
        ("信任购商家数", Decimal(431), "%", "increase"),
        ("信任购权益覆盖商家数", Decimal(300), "%", "increase"),
        ("拦截风险商家", Decimal(174000), "个", None),
    ]
    assert {(r["period"], r["published"], r["outlet"], r["article"]) for r in rows} == {
        ("2022年", "2023-03-02", "中国质量报", A004)}
    douyin = run(store, "platform_figures", platform="抖音电商")
    assert len(douyin) == 5
    figure = next(r for r in douyin if r["value"] == 3000000)
    assert (figure["metric"], figure["qualifier"], figure["period"], figure["surface"], figure["measure"]) == (
        "拦截劣质商品", "over", "今年以来", "超300万件", "识别策略")
    assert (figure["published"], figure["outlet"], figure["article"]) == ("2023-08-25", "证券日报", A000)
    dated = [r["published"] for r in douyin if r["published"] is not None]
    assert dated == sorted(dated) and dated[-1] == "2024-05-16"


def test_stakeholders_by_platform(store) -> None:
    rows = run(store, "stakeholders_by_platform")
    got = {(r["platform"], r["role"], r["role_label"], r["relation"], r["measures"]) for r in rows}
    assert got == {
        ("抖音电商", "consumer", "消费者", "benefits", 2),
        ("抖音电商", "merchant", "商家", "benefits", 1),
        ("抖音电商", "merchant", "商家", "obliges", 1),
        ("快手", "consumer", "消费者", "benefits", 2),
        ("快手", "merchant", "商家", "benefits", 1),
        ("快手", "merchant", "商家", "obliges", 1),
    }
    consumer = next(r for r in rows if r["platform"] == "抖音电商" and r["role"] == "consumer")
    assert set(consumer["measure_names"].split("、")) == {"极速退", "坏了包退"}


def test_comparable_measures_share_a_category_across_platforms(store) -> None:
    rows = run(store, "comparable_measures")
    assert {(r["category"], r["platform"], r["measure"]) for r in rows} == {
        ("after_sales_refunds", "抖音电商", "极速退"),
        ("after_sales_refunds", "抖音电商", "坏了包退"),
        ("after_sales_refunds", "快手", "蟹无忧"),
        ("product_quality", "抖音电商", "识别策略"),
        ("product_quality", "快手", "信任购"),
    }  # 预售管理 (fulfilment) and 商户黑名单 (enforcement) have no counterpart
    # each measure's most specific class (a subclass of pgkg:Policy in the ontology graph)
    assert {r["measure"]: r["type"] for r in rows if r["platform"] == "快手"} == {
        "蟹无忧": "ServiceGuarantee", "信任购": "Programme"}
    refunds = run(store, "comparable_measures", area="after_sales_refunds")
    assert {r["measure"] for r in refunds} == {"极速退", "坏了包退", "蟹无忧"}
    assert {r["category_label"] for r in refunds} == {"售后与退款"}


def test_conflicting_figures_returns_the_pair_with_sources(store) -> None:
    rows = run(store, "conflicting_figures")
    assert len(rows) == 1
    row = rows[0]
    assert (row["platform"], row["metric"], row["period"]) == ("抖音电商", "拦截劣质商品", "今年以来")
    sides = {
        (row["value_a"], row["unit_a"], row["source_a"], row["outlet_a"], row["published_a"]),
        (row["value_b"], row["unit_b"], row["source_b"], row["outlet_b"], row["published_b"]),
    }
    assert sides == {
        (Decimal(3000000), "件", A000, "证券日报", "2023-08-25"),
        (Decimal(560000), "件", A001, None, None),
    }


OBS_3M = ("https://w3id.org/pgkg/id/obs/douyin_ecommerce/%E6%8B%A6%E6%88%AA%E5%8A%A3%E8%B4%A8%E5%95%86%E5%93%81/"
          "%E4%BB%8A%E5%B9%B4%E4%BB%A5%E6%9D%A5/3000000/%E4%BB%B6/over/level")


def _also_reported_by(store: pyoxigraph.Store, source: str, issued: str | None, outlet: str, node: str = OBS_3M) -> None:
    """One more article graph whose only fact is ``node`` (by default the figure 超300万件)."""
    ns = "https://w3id.org/pgkg/"
    graph = pyoxigraph.NamedNode(ns + "graph/article/" + source)
    article = pyoxigraph.NamedNode(ns + "id/article/" + source)
    triples = [
        (article, pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), pyoxigraph.NamedNode(ns + "ontology#Article")),
        (article, pyoxigraph.NamedNode(ns + "ontology#sourceFile"), pyoxigraph.Literal(source)),
        (article, pyoxigraph.NamedNode(ns + "ontology#outlet"), pyoxigraph.Literal(outlet)),
        (pyoxigraph.NamedNode(node), pyoxigraph.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), article),
    ]
    if issued:
        triples.append((article, pyoxigraph.NamedNode("http://purl.org/dc/terms/issued"),
                        pyoxigraph.Literal(issued, datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
    add_quads(store, [pyoxigraph.Quad(s, p, o, graph) for s, p, o in triples])


def test_a_figure_of_many_articles_is_one_row_with_its_first_source_and_count() -> None:
    store = load_fixture(pyoxigraph.Store())
    _also_reported_by(store, "900_later.txt", "2024-01-02", "新京报")
    _also_reported_by(store, "901_undated.txt", None, "澎湃新闻")
    _also_reported_by(store, "902_earlier.txt", "2023-01-05", "南方都市报")
    update_resolution(store)  # as a build ends: the figure's source statistics follow
    rows = run(store, "conflicting_figures")
    assert len(rows) == 1  # one pair, not one row per pair of sources
    row = rows[0]
    side = "a" if row["figure_a"] == OBS_3M else "b"
    other = "b" if side == "a" else "a"
    assert row[f"value_{side}"] == Decimal(3000000)
    assert row[f"sources_{side}"] == 4  # 000 and the three above
    assert (row[f"source_{side}"], row[f"outlet_{side}"], str(row[f"published_{side}"])) == (
        "902_earlier.txt", "南方都市报", "2023-01-05")  # the earliest date wins
    assert (row[f"source_{other}"], row[f"sources_{other}"]) == (A001, 1)


def test_conflicts_are_found_whichever_direction_is_stored(store) -> None:
    reversed_store = pyoxigraph.Store()
    reversed_store.extend(
        q if q.predicate.value != "https://w3id.org/pgkg/ontology#conflictsWith"
        else pyoxigraph.Quad(q.object, q.predicate, q.subject, q.graph_name)
        for q in store
    )
    assert run(reversed_store, "conflicting_figures") == run(store, "conflicting_figures")


def test_fact_evidence_by_label_and_by_iri(store) -> None:
    rows = run(store, "fact_evidence", fact="极速退")
    assert len(rows) == 1
    ev = rows[0]
    assert ev["sentence"] == "平台还全量推行“极速退”能力,提升消费者退货退款的体验,目前已整体覆盖近80%的订单。"
    assert (ev["article"], ev["outlet"], ev["published"], ev["char_start"], ev["char_end"]) == (
        A000, "证券日报", "2023-08-25", 946, 949)
    assert (ev["kind"], ev["rule"], ev["node"]) == ("ServiceGuarantee", "measure.quoted", JISUTUI)
    assert run(store, "fact_evidence", fact=JISUTUI) == rows


def test_fact_evidence_of_a_metric_and_a_person(store) -> None:
    rows = run(store, "fact_evidence", fact="拦截劣质商品")
    assert [(r["article"], r["kind"]) for r in rows] == [(A001, "Observation"), (A000, "Observation")]
    assert "56万件" in rows[0]["sentence"] and "超300万件" in rows[1]["sentence"]
    person = run(store, "fact_evidence", fact="文蔚")
    assert [(r["kind"], r["char_start"], r["char_end"]) for r in person] == [("Person", 157, 159)]
    assert person[0]["sentence"].startswith("抖音电商消费者体验负责人文蔚表示")
    assert run(store, "fact_evidence", fact="not a fact") == []
    assert run(store, "fact_evidence", fact="") == []


def test_fact_sources_lists_every_article_of_a_fact(store) -> None:
    rows = run(store, "fact_sources", fact="预售管理")
    assert [(r["article"], r["outlet"], r["published"]) for r in rows] == [
        (A000, "证券日报", "2023-08-25"),
        (A002, "封面新闻", "2024-05-16"),
    ]
    assert rows[1]["title"] == "服务精耕细作,勾勒好用户体验的原点"
    assert [r["article"] for r in run(store, "fact_sources", fact="超300万件")] == [A000]
    assert run(store, "fact_sources", fact="nothing like this") == []


def test_regulations_with_measures_of_the_same_article(store) -> None:
    rows = run(store, "regulations_with_measures")
    assert {(r["regulation"], r["article"], r["outlet"], r["published"], r["platform"], r["measure"]) for r in rows} == {
        ("网络直播营销管理办法", A004, "中国质量报", "2023-03-02", "快手", m) for m in ("信任购", "蟹无忧", "商户黑名单")
    }


def test_people_quoted_per_platform(store) -> None:
    rows = run(store, "people_by_platform")
    assert [(r["platform"], r["person"], r["role"], r["article"]) for r in rows] == [
        ("抖音电商", "叶金燕", "治理体验运营经理", A001),
        ("抖音电商", "文蔚", "消费者体验负责人", A000),
    ]  # 刘晓春 speaks for a research centre, not a platform


def test_platform_sources_outlets_and_articles(store) -> None:
    rows = run(store, "platform_sources")
    assert {(r["platform"], r["relation"], r["article"], r["outlet"]) for r in rows} == {
        ("抖音电商", "reportsOn", A000, "证券日报"),
        ("抖音电商", "reportsOn", A001, None),
        ("抖音电商", "reportsOn", A002, "封面新闻"),
        ("抖音", "mentions", A001, None),
        ("快手", "reportsOn", A004, "中国质量报"),
    }


def test_measures_for_merchants_versus_consumers(store) -> None:
    rows = run(store, "measures_by_audience")
    by = {(r["audience"], r["measure"]): r["relation"] for r in rows}
    assert {m for a, m in by if a == "consumer"} == {"极速退", "坏了包退", "信任购", "蟹无忧"}
    assert {m for a, m in by if a == "merchant"} == {"预售管理", "商品卡免佣", "信任购", "商户黑名单"}
    assert by[("merchant", "预售管理")] == "obliges"
    assert by[("merchant", "商品卡免佣")] == "benefits"


def test_metric_figures_across_platforms(store) -> None:
    rows = run(store, "metric_figures", metric="拦截劣质商品")
    assert sorted((r["platform"], r["value"], r["qualifier"], r["article"]) for r in rows) == [
        ("抖音电商", Decimal(560000), "exact", A001),
        ("抖音电商", Decimal(3000000), "over", A000),
    ]
    assert len(run(store, "metric_figures")) == 8


def test_metric_figures_of_every_metric_are_those_asked_for_metric_by_metric(store) -> None:
    every = run(store, "metric_figures")
    names = {r["metric"] for r in every}
    assert len(names) > 3

    def key(row: dict) -> tuple:
        return tuple(sorted((k, repr(v)) for k, v in row.items()))

    one_by_one = [r for name in sorted(names) for r in run(store, "metric_figures", metric=name)]
    assert sorted(map(key, one_by_one)) == sorted(map(key, every))


def test_refund_guarantees(store) -> None:
    rows = run(store, "refund_guarantees")
    assert {(r["platform"], r["measure"], r["first_reported"]) for r in rows} == {
        ("抖音电商", "极速退", "2023-08-25"),
        ("抖音电商", "坏了包退", None),
        ("快手", "蟹无忧", "2023-03-02"),
    }


def test_refund_guarantees_count_articles_and_date_from_the_dated_ones() -> None:
    store = load_fixture(pyoxigraph.Store())
    broken = "https://w3id.org/pgkg/id/policy/douyin_ecommerce/%E5%9D%8F%E4%BA%86%E5%8C%85%E9%80%80"  # 坏了包退 (001, undated)
    _also_reported_by(store, "900_later.txt", "2024-01-02", "新京报", node=broken)
    _also_reported_by(store, "901_earlier.txt", "2023-09-01", "澎湃新闻", node=broken)
    update_resolution(store)
    rows = {r["measure"]: r for r in run(store, "refund_guarantees")}
    assert (rows["坏了包退"]["articles"], rows["坏了包退"]["first_reported"]) == (3, "2023-09-01")
    assert (rows["极速退"]["articles"], rows["极速退"]["first_reported"]) == (1, "2023-08-25")


def test_what_kuaishou_reported_about_merchants_in_2022(store) -> None:
    rows = run(store, "platform_year_report", platform="快手", year="2022", role="merchant")
    assert sorted((r["kind"], r["name"], r["value"]) for r in rows) == [
        ("figure", "信任购商家数", Decimal(431)),
        ("figure", "信任购权益覆盖商家数", Decimal(300)),
        ("figure", "拦截风险商家", Decimal(174000)),
    ]
    assert run(store, "platform_year_report", platform="快手", year="2022", role="商家") == rows
    # figures attributed to 信任购, which benefits consumers
    consumer = run(store, "platform_year_report", platform="快手", year="2022", role="consumer")
    assert {r["name"] for r in consumer} == {"信任购商家数", "信任购权益覆盖商家数"}
    # the article is dated 2023: its measures count for 2023, its 2022年 figures do not
    later = run(store, "platform_year_report", platform="快手", year="2023", role="merchant")
    assert {(r["kind"], r["name"]) for r in later} == {("measure", "信任购"), ("measure", "商户黑名单")}
    assert run(store, "platform_year_report", platform="快手", year="2021") == []
    assert run(store, "platform_year_report", platform="快手", year="2022", role="no such role") == []


# --------------------------------------------------------------------------- parameter escaping

HOSTILE = [
    '"',
    '\\',
    '" } } SELECT * WHERE { ?s ?p ?o } #',
    '"} . ?x ?y ?z . VALUES ?in_platform {"快手',
    "a\nb\r\nc\t",
    "\\u0022 } #",
    '""" \'\'\' {{ }}',
    "快手\\",
    "# comment",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_neither_break_nor_inject(store, value) -> None:
    text = load_query("platform_measures", {"platform": value})
    # exactly the one VALUES clause changed, the rest of the query is intact
    original = load_query("platform_measures")
    assert text.replace(sparql_string(value), sparql_string("抖音电商")) == original
    assert run_query(store, text).rows == ()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_parameter_value_round_trips_as_one_literal(value: str) -> None:
    probe = pyoxigraph.Store()
    text = bind_params('SELECT ?v WHERE { VALUES ?in_x { "" } BIND(?in_x AS ?v) }', {"x": value})
    assert run_query(probe, text).rows == ((value,),)


def test_parameter_names_are_checked() -> None:
    with pytest.raises(QueryError):
        bind_params('SELECT * WHERE { VALUES ?in_x { "" } }', {"x } ": "1"})
    with pytest.raises(QueryError):
        bind_params('SELECT * WHERE { VALUES ?in_x { "" } }', {"y": "1"})


# --------------------------------------------------------------------------- running and results


def test_run_query_converts_values_to_python(store) -> None:
    result = run_query(store, """
        SELECT ?value ?n ?d ?s ?missing ?iri WHERE {
          ?iri pgkg:surfaceForm "超300万件" ; pgkg:value ?value .
          BIND(1 + 1 AS ?n) BIND(1.5e0 AS ?d) BIND(STR(?value) AS ?s)
        }""")
    assert result.columns == ("value", "n", "d", "s", "missing", "iri")
    (row,) = result.rows
    assert row[:5] == (Decimal(3000000), 2, 1.5, "3000000", None)
    assert isinstance(row[1], int) and isinstance(row[2], float)
    assert row[5].startswith("https://w3id.org/pgkg/id/obs/douyin_ecommerce/")


def test_invalid_sparql_reports_the_parser_message(store) -> None:
    with pytest.raises(QueryError) as err:
        run_query(store, "SELECT ?x WHERE { ?x ?y }")
    assert "invalid SPARQL" in str(err.value) and "error at 1:" in str(err.value)
    with pytest.raises(QueryError):
        run_query(store, 'INSERT DATA { <http://a> <http://b> "c" }')


def test_ask_gives_one_boolean_row(store) -> None:
    yes = run_query(store, 'ASK { ?p pgkg:key "douyin_ecommerce" }')
    assert (yes.kind, yes.columns, yes.rows) == ("ask", ("boolean",), ((True,),))
    assert run_query(store, 'ASK { ?p pgkg:key "nope" }').rows == ((False,),)
    assert json.loads(yes.to_json())["rows"] == [{"boolean": True}]


def test_construct_gives_ntriples(store) -> None:
    result = run_query(store, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p pgkg:key \"kuaishou\" ; rdfs:label ?l }")
    assert result.kind == "graph" and len(result.rows) == 2
    parsed = list(pyoxigraph.parse(result.to_ntriples().encode(), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert {t.object.value for t in parsed} == {"快手", "Kuaishou"}
    with pytest.raises(QueryError):
        run_query(store, "ASK {}").to_ntriples()


def test_csv_json_and_tables_carry_the_same_rows(store) -> None:
    result = run_query(store, load_query("conflicting_figures"))
    rows = list(csv.reader(io.StringIO(result.to_csv())))
    assert rows[0] == list(result.columns)
    assert rows[1][result.columns.index("value_a")] in ("3000000", "560000")
    assert rows[1][result.columns.index("outlet_b")] in ("", "证券日报")
    doc = json.loads(result.to_json())
    assert {doc["rows"][0]["value_a"], doc["rows"][0]["value_b"]} == {3000000, 560000}
    table = result.to_table()
    assert table.splitlines()[0].startswith("platform") and "(1 row)" in table
    assert "拦截劣质商品" in table and "拦截劣质商品" in result.to_table(rich=True)


def test_plain_table_aligns_chinese_columns(store) -> None:
    result = QueryResult(("a", "b"), (("抖音电商", 1), ("x", None)))
    lines = result.to_table().splitlines()
    # the second column starts at the same display column on every line (CJK = 2 cells)
    assert lines == ["a         b", "--------  -", "抖音电商  1", "x", "(2 rows)"]


def test_query_entry_point_on_an_on_disk_store(out_dir) -> None:
    text = query(out_dir, name="people_by_platform", fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["person"] for r in rows] == ["叶金燕", "文蔚"]
    free = query(out_dir, text='SELECT ?k WHERE { ?p a pgkg:Platform ; pgkg:key ?k } ORDER BY ?k', fmt="json")
    assert [r["k"] for r in json.loads(free)["rows"]] == [
        "douyin", "douyin_ecommerce", "kuaishou", "kuaishou_ecommerce", "tmall"]
    figures = query(out_dir, name="platform_figures", params={"platform": "Kuaishou"})
    assert "拦截风险商家" in figures and "极速退" not in figures


def test_query_entry_point_errors(tmp_path, out_dir) -> None:
    with pytest.raises(StoreError):
        query(tmp_path, name="platforms_overview")
    with pytest.raises(QueryError):
        query(out_dir)
    with pytest.raises(QueryError):
        query(out_dir, name="platforms_overview", text="ASK {}")
    with pytest.raises(QueryError):
        query(out_dir, name="platforms_overview", fmt="xml")
    with pytest.raises(QueryError):
        query(out_dir, text="SELECT WHERE")


def test_query_with_a_timeout_answers_the_same_and_stops_a_runaway_query(tmp_path, out_dir) -> None:
    assert query(out_dir, name="people_by_platform", fmt="csv", timeout_s=60) == query(
        out_dir, name="people_by_platform", fmt="csv")
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryError, match="did not finish within 0.5 s"):
        query(out_dir, text=runaway, timeout_s=0.5)
    with pytest.raises(QueryError, match="invalid SPARQL"):  # errors of the child process reach the caller
        query(out_dir, text="SELECT WHERE", timeout_s=60)
    with pytest.raises(StoreError):
        query(tmp_path, name="platforms_overview", timeout_s=60)
