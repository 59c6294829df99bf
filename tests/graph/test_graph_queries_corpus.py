"""Every library query answers on the real sample corpus, built end to end.

Expectations come from the sample pages themselves (the gold annotations of
../shared/gold and what the pages say), not from a recorded output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pgkg.graph.query import list_queries, load_query, run_query
from pgkg.graph.store import open_store
from pgkg.pipeline import build

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
DOUYIN_000 = "000_07a74a37be8d45b9.txt"
KUAISHOU_004 = "004_02c2a9e6d9d16179.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("corpus") / "out"
    build([CORPUS], out=out, jobs=1, incremental=False, viz=False, validate=False)
    return open_store(out, read_only=True)


def rows(store, name: str, **params: str) -> list[dict]:
    return run_query(store, load_query(name, params or None)).as_dicts()


@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_every_library_query_answers_on_the_sample_corpus(store, info) -> None:
    assert rows(store, info.name), f"{info.name} returned no rows on the sample corpus"


def test_platforms_overview_has_the_three_reported_platforms(store) -> None:
    by_name = {r["platform"]: r for r in rows(store, "platforms_overview")}
    for platform in ("抖音电商", "天猫"):
        assert by_name[platform]["measures"] > 0 and by_name[platform]["figures"] > 0
    assert any(p.startswith("快手") and by_name[p]["figures"] > 0 for p in by_name)
    assert by_name["抖音电商"]["articles"] == 3


def test_refund_guarantees_include_douyin_fast_refund(store) -> None:
    found = {(r["platform"], r["measure"]) for r in rows(store, "refund_guarantees")}
    assert ("抖音电商", "极速退") in found


def test_conflicting_figures_find_the_two_interception_counts(store) -> None:
    pairs = {
        frozenset({(r["value_a"], r["source_a"]), (r["value_b"], r["source_b"])})
        for r in rows(store, "conflicting_figures")
        if r["platform"] == "抖音电商" and "劣质商品" in r["metric"]
    }
    assert frozenset({(3000000, DOUYIN_000), (560000, "001_09cc95e2f512c306.txt")}) in pairs


def test_fact_evidence_cites_sentence_article_outlet_and_date(store) -> None:
    found = rows(store, "fact_evidence", fact="极速退")
    assert any(
        "极速退" in r["sentence"] and r["article"] == DOUYIN_000 and r["outlet"] == "证券日报" and str(r["published"]) == "2023-08-25"
        for r in found
    )


def test_platform_figures_of_kuaishou_hold_the_2022_interceptions(store) -> None:
    figures = {(r["value"], r["unit"]) for r in rows(store, "platform_figures", platform="快手")}
    assert (174000, "个") in figures and (25160000, "次") in figures


def test_year_report_answers_what_kuaishou_reported_about_merchants_in_2022(store) -> None:
    found = rows(store, "platform_year_report", platform="Kuaishou", year="2022", role="merchant")
    assert found and all(r["year"] == 2022 or str(r["year"]) == "2022" for r in found)


def test_regulations_are_reported_with_kuaishou_measures(store) -> None:
    found = rows(store, "regulations_with_measures")
    assert any(r["regulation"] == "网络直播营销管理办法" and r["article"] == KUAISHOU_004 for r in found)
    assert any(r["measure"] == "信任购" for r in found)


def test_people_are_quoted_for_their_platforms(store) -> None:
    found = {(r["platform"], r["person"], r["role"]) for r in rows(store, "people_by_platform")}
    assert ("抖音电商", "文蔚", "消费者体验负责人") in found
    assert ("天猫", "王煜磊", "总裁") in found


def test_measures_for_merchants_and_consumers_are_both_found(store) -> None:
    audiences = {r["audience"] for r in rows(store, "measures_by_audience")}
    assert {"consumer", "merchant"} <= audiences


def test_outlets_per_platform(store) -> None:
    found = {(r["platform"], r["outlet"]) for r in rows(store, "platform_sources") if r["relation"] == "reportsOn"}
    assert ("抖音电商", "证券日报") in found and ("抖音电商", "封面新闻") in found
