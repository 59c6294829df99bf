"""The scorer on small hand-made gold files and rows."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pgkg.errors import InputError
from pgkg.ingest.article import ArticleMeta
from pgkg.ingest.evaluate import contains_match, load_gold, rows_from_facts, score
from pgkg.ingest.facts import ArticleFacts, Evidence, MeasureFact, ObservationFact, PersonFact, PlatformFact

A = "a.txt"
GOLD = {
    "format": 1,
    "articles": [
        {
            "file": A,
            "title": "标题 一",
            "published": "2023-08-25",
            "outlet": None,
            "platforms": [{"name": "快手", "aliases": ["快手电商", "Kuaishou"]}],
            "people": [{"name": "文蔚", "role": "负责人", "org": "快手"}],
            "stakeholders": ["consumer", "merchant"],
            "measures": [
                {"name": "信任购", "platform": "快手", "aliases": []},
                {"name": "三全治理体系", "platform": "快手", "aliases": ["三全"]},
                {"name": "过敏险", "platform": "快手", "aliases": []},
            ],
            "optional_measures": ["拦截机制"],
            "observations": [
                {"platform": "快手", "value": 52, "unit": "%", "qualifier": "exact", "change": "decrease", "about": "x"},
                {"platform": "快手", "value": 13, "unit": "百分点", "qualifier": "exact", "change": "increase", "about": "y"},
                {"platform": "快手", "value": 3000000, "unit": "件", "qualifier": "over", "change": None, "about": "z"},
            ],
            "optional_observations": [{"value": 48, "unit": "小时"}],
            "noise_values": [{"value": 15855158769, "unit": None}, {"value": 69, "unit": "条"}],
            "noise_measures": ["个人养老金制度"],
            "noise_people": ["朱敏"],
        }
    ],
}


def obs(value, unit, platform="快手电商", qualifier="exact", change=None) -> dict:
    return {"kind": "observation", "article": A, "platform": platform, "value": value, "unit": unit,
            "qualifier": qualifier, "change": change, "metric": "m", "measure": None, "evidence": "e"}


def test_observation_tp_fp_fn_leaks_and_unit_folding() -> None:
    rows = [
        obs(52, "％", change="decrease"),           # TP via ％ -> %, platform alias
        obs(13, "个百分点", change=None),            # TP, wrong change
        obs(13.0000000001, "个百分点"),              # same pair within tolerance: not a second prediction
        obs(48, "小时"),                            # optional: neither TP nor FP
        obs(69, "条"),                              # FP and leak
        obs(15855158769, "个"),                     # noise with null unit: leak whatever the unit
    ]
    report = score(GOLD, rows)
    c = report.total("observations")
    assert (c.tp, c.fp, c.fn) == (2, 2, 1)
    assert report.leaks("observations") == 2
    assert (report.qualifier_accuracy.correct, report.qualifier_accuracy.total) == (2, 2)
    assert (report.change_accuracy.correct, report.change_accuracy.total) == (1, 2)


def test_observation_with_wrong_platform_is_not_a_true_positive() -> None:
    report = score(GOLD, [obs(52, "%", platform="抖音电商", change="decrease")])
    c = report.total("observations")
    assert (c.tp, c.fn) == (0, 3)
    assert "52%" in report.articles[0].misses["observations"]


def test_measure_containment_aliases_and_leaks() -> None:
    rows = [
        {"kind": "measure", "article": A, "name": "“信任购”权益"},     # contains gold, quotes stripped
        {"kind": "measure", "article": A, "name": "三全"},              # alias
        {"kind": "measure", "article": A, "name": "险"},                # 1 char: contained but too short
        {"kind": "measure", "article": A, "name": "拦截机制"},           # optional: not an extra
        {"kind": "measure", "article": A, "name": "个人养老金制度"},      # leak
    ]
    report = score(GOLD, rows)
    c = report.total("measures")
    assert (c.tp, c.fn) == (2, 1)
    assert report.articles[0].misses["measures"] == ("过敏险",)
    assert report.leaks("measures") == 1
    assert set(report.articles[0].extras["measures"]) == {"险", "个人养老金制度"}


@pytest.mark.parametrize(
    ("pred", "gold", "ok"),
    [("服务保障大厅功能", "服务保障大厅", True), ("1对1", "1对1开播服务", True), ("退", "极速退", False),
     ("极速退款", "极速退", True), ("预售", "预售管理", True), ("商家", "商品卡免佣", False)],
)
def test_contains_match(pred: str, gold: str, ok: bool) -> None:
    assert contains_match(pred, gold) is ok


def test_platforms_people_stakeholders_metadata() -> None:
    rows = [
        {"kind": "article", "article": f"corpus/{A}", "title": "标题  一", "published": "2023-08-25", "outlet": "x"},
        {"kind": "platform", "article": A, "name": "快手电商", "iri": "i"},
        {"kind": "platform", "article": A, "name": "快手", "iri": "i"},
        {"kind": "platform", "article": A, "name": "微信", "iri": "i", "role": "mention"},
        {"kind": "platform", "article": A, "name": "京东", "iri": "i"},
        {"kind": "person", "article": A, "name": "文蔚", "role": "消费者体验负责人", "org": "快手"},
        {"kind": "person", "article": A, "name": "朱敏", "role": None, "org": None},
        {"kind": "stakeholder", "article": A, "key": "consumer", "label": "消费者"},
        {"kind": "stakeholder", "article": A, "key": "media", "label": "媒体"},
    ]
    report = score(GOLD, rows)
    assert (report.total("platforms").tp, report.total("platforms").fp, report.total("platforms").fn) == (1, 1, 0)
    assert (report.total("people").tp, report.leaks("people")) == (1, 1)
    assert report.role_accuracy.value == 1.0
    s = report.total("stakeholders")
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert (report.metadata_accuracy.correct, report.metadata_accuracy.total) == (2, 2)


def test_missing_article_counts_all_gold_as_missed_and_reports_extra_articles() -> None:
    report = score(GOLD, [obs(1, "件") | {"article": "other.txt"}])
    assert report.total("observations").fn == 3
    assert report.unscored_articles == ("other.txt",)
    text = report.format()
    assert "observations" in text and "not in gold" in text
    data = report.as_dict()
    assert data["totals"]["observations"]["fn"] == 3
    json.dumps(data)


def test_load_gold(tmp_path: Path) -> None:
    good = tmp_path / "g.json"
    good.write_text(json.dumps(GOLD), encoding="utf-8")
    assert load_gold(good)["articles"][0]["file"] == A
    with pytest.raises(InputError):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        load_gold(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": 2, "articles": []}), encoding="utf-8")
    with pytest.raises(InputError):
        load_gold(wrong)


def _ev() -> Evidence:
    return Evidence(article=A, sentence="s", sentence_start=0, start=0, end=1, rule="r")


def test_rows_from_facts_round_trip_scores() -> None:
    facts = ArticleFacts(
        meta=ArticleMeta(source=A, title="标题 一", published="2023-08-25"),
        facts=(
            PlatformFact("kuaishou_ecommerce", "快手电商", "subject", _ev()),
            MeasureFact("信任购", "信任购", "kuaishou_ecommerce", "ServiceGuarantee", None, ("consumer",), None, _ev()),
            ObservationFact(Decimal("52"), "%", "exact", "decrease", "m", "m", None, "kuaishou_ecommerce", None, "52%", _ev()),
            ObservationFact(Decimal("2.5"), "%", "exact", None, "m", "m", None, "kuaishou_ecommerce", None, "2.5%", _ev()),
            PersonFact("文蔚", "负责人", "快手", "kuaishou", _ev()),
        ),
    )
    rows = rows_from_facts(facts)
    values = [r["value"] for r in rows if r["kind"] == "observation"]
    assert values == [52, 2.5] and isinstance(values[0], int) and isinstance(values[1], float)
    assert next(r for r in rows if r["kind"] == "measure")["platform"] == "快手电商"
    report = score(GOLD, rows)
    assert report.total("observations").tp == 1 and report.total("platforms").tp == 1
    assert report.total("people").tp == 1
