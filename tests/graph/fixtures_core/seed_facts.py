"""Hand-made ArticleFacts from real seed pages (copies of ../../shared/corpus/seeds).

Loaded by the graph-core tests with ``runpy.run_path`` (this folder is not a
package). Offsets are computed with ``str.find`` on the seed text, so every
evidence span points at the real characters.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pgkg.ingest.article import ArticleMeta
from pgkg.ingest.facts import (
    ArticleFacts,
    Evidence,
    MeasureFact,
    ObservationFact,
    PersonFact,
    PlatformFact,
    StakeholderFact,
)

HERE = Path(__file__).resolve().parents[3] / "examples" / "corpus"
"""The real sample pages (not copies): offsets below are found in them with str.find."""
S000 = "000_07a74a37be8d45b9.txt"
S001 = "001_09cc95e2f512c306.txt"
S004 = "004_02c2a9e6d9d16179.txt"


def seed_text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def evidence(source: str, text: str, sentence: str, span: str, rule: str, nth: int = 0) -> Evidence:
    """Evidence for ``span`` inside the ``nth`` occurrence of ``sentence`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(sentence, start + 1)
    assert start >= 0, f"sentence not in {source}: {sentence}"
    offset = sentence.find(span)
    assert offset >= 0, f"span {span!r} not in sentence"
    return Evidence(source, sentence, start, start + offset, start + offset + len(span), rule)


SENT_INTRO = "8月24日,抖音电商举办“抖音电商开放日-消费者体验专场”活动,邀请消费者、专家学者和媒体到场,分享平台在提升消费者购物体验方面的态度、举措和成果,以及未来的目标和规划。"
SENT_WENWEI = "抖音电商消费者体验负责人文蔚表示,平台始终将消费者体验放在最重要位置,“好体验能创造核心竞争力”。"
SENT_PRESENT = "活动现场,消费者体验负责人文蔚和服务体验产品经理洪溯就相关情况进行了分享。"
SENT_CATEGORIES = "商品和内容方面,今年以来平台已拓展了超2000个新商品品类,为消费者提供更丰富的购物选择。"
SENT_INTERCEPT = "商品管理也更为精细化,通过升级识别策略,拦截了超300万件劣质商品。"
SENT_FEEDBACK = "同时,通过明确全体裁优质内容标准和推流机制,平台加强对劣质虚假内容识别打击,达人带货订单负反馈量减少52%。"
SENT_HALL = "售后保障方面,平台对产品进行升级,上线“服务保障大厅”功能,让消费者在购物的每一个节点和场景都能清晰感知享有的服务和权益保障。"
SENT_REFUND = "平台还全量推行“极速退”能力,提升消费者退货退款的体验,目前已整体覆盖近80%的订单。"
SENT_SATISFACTION = "专属客服团队增加超1000人,全年在消费者保障方面投入近4亿元,消费者满意度提升7.6%。"
SENT_LIU = "中国社会科学院大学互联网法治研究中心执行主任刘晓春指出,抖音电商以积极的态度全面提升消费者体验,并在物流和售后等环节投入超出法定要求的资源,给予消费者更多保障。"


def seed000(source: str = S000, *, with_intercept: bool = True) -> ArticleFacts:
    """Facts of seed 000 (抖音电商开放日); ``source`` lets a test reuse them as a reprint."""
    t = seed_text(S000)

    def ev(sentence: str, span: str, rule: str, nth: int = 0) -> Evidence:
        e = evidence(S000, t, sentence, span, rule, nth)
        return Evidence(source, e.sentence, e.sentence_start, e.start, e.end, e.rule)

    refund = ev(SENT_REFUND, "近80%", "obs.quantity")
    facts = [
        PlatformFact("douyin_ecommerce", "抖音电商", "subject", ev(SENT_INTRO, "抖音电商", "platform.lexicon")),
        PlatformFact("douyin_ecommerce", "抖音电商", "subject", ev(SENT_WENWEI, "抖音电商", "platform.lexicon")),
        StakeholderFact("consumer", "消费者", ev(SENT_INTRO, "消费者", "stakeholder.term")),
        StakeholderFact("expert", "专家学者", ev(SENT_INTRO, "专家学者", "stakeholder.term")),
        StakeholderFact("media", "媒体", ev(SENT_INTRO, "媒体", "stakeholder.term")),
        MeasureFact("服务保障大厅", "服务保障大厅", "douyin_ecommerce", "ProductFeature", "after_sales_refunds",
                    ("consumer",), None, ev(SENT_HALL, "服务保障大厅", "measure.quoted")),
        MeasureFact("极速退", "极速退", "douyin_ecommerce", "ServiceGuarantee", "after_sales_refunds",
                    ("consumer",), None, ev(SENT_REFUND, "极速退", "measure.quoted")),
        MeasureFact("识别策略", "识别策略", "douyin_ecommerce", "PlatformRule", "product_quality",
                    (), None, ev(SENT_INTERCEPT, "识别策略", "measure.means")),
        ObservationFact(Decimal("2000"), "个", "over", None, "新商品品类", "新商品品类", "今年以来",
                        "douyin_ecommerce", None, "超2000个", ev(SENT_CATEGORIES, "超2000个", "obs.quantity")),
        ObservationFact(Decimal("52"), "%", "exact", "decrease", "达人带货订单负反馈量", "达人带货订单负反馈量", None,
                        "douyin_ecommerce", None, "减少52%", ev(SENT_FEEDBACK, "减少52%", "obs.change")),
        ObservationFact(Decimal("80"), "%", "approx", None, "极速退覆盖订单", "极速退覆盖订单", None,
                        "douyin_ecommerce", "极速退", "近80%", refund),
        ObservationFact(Decimal("7.6"), "%", "exact", "increase", "消费者满意度", "消费者满意度", None,
                        "douyin_ecommerce", None, "提升7.6%", ev(SENT_SATISFACTION, "提升7.6%", "obs.change")),
        PersonFact("文蔚", "消费者体验负责人", "抖音电商", "douyin_ecommerce", ev(SENT_WENWEI, "文蔚", "person.title")),
        PersonFact("文蔚", "消费者体验负责人", None, None, ev(SENT_PRESENT, "文蔚", "person.title")),
        PersonFact("刘晓春", "执行主任", "中国社会科学院大学互联网法治研究中心", None, ev(SENT_LIU, "刘晓春", "person.title")),
    ]
    if with_intercept:
        facts.append(intercept_000(source))
    meta = ArticleMeta(source=source, title="抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求",
                       published="2023-08-25", outlet="证券日报", content_hash="sha256-seed000-" + source)
    return ArticleFacts(meta, tuple(facts))


def intercept_000(source: str = S000, *, period: str | None = None) -> ObservationFact:
    """拦截了超300万件劣质商品 (seed 000), attributed to 识别策略."""
    t = seed_text(S000)
    e = evidence(S000, t, SENT_INTERCEPT, "超300万件", "obs.quantity")
    return ObservationFact(Decimal("3000000"), "件", "over", None, "拦截劣质商品", "拦截劣质商品", period,
                           "douyin_ecommerce", "识别策略", "超300万件",
                           Evidence(source, e.sentence, e.sentence_start, e.start, e.end, e.rule))


SENT_56 = "今年以来,平台已拦截劣质商品56万件"
SENT_YE = "抖音电商治理体验运营经理叶金燕表示"


def seed001(*, period: str | None = "今年以来") -> ArticleFacts:
    """Facts of seed 001: 拦截劣质商品56万件 (a different figure for the same metric)."""
    t = seed_text(S001)
    facts = (
        PlatformFact("douyin_ecommerce", "抖音电商", "subject", evidence(S001, t, SENT_YE, "抖音电商", "platform.lexicon")),
        ObservationFact(Decimal("560000"), "件", "exact", None, "拦截劣质商品", "拦截劣质商品", period,
                        "douyin_ecommerce", None, "56万件", evidence(S001, t, SENT_56, "56万件", "obs.quantity")),
        PersonFact("叶金燕", "治理体验运营经理", "抖音电商", "douyin_ecommerce",
                   evidence(S001, t, SENT_YE, "叶金燕", "person.title")),
    )
    return ArticleFacts(ArticleMeta(source=S001, content_hash="sha256-seed001"), facts)


SENT_LAW = "相应政策也迅速出台,《网络直播营销管理办法》《关于进一步规范网络直播营利行为促进行业健康发展的意见》等一系列政策法规"
SENT_KS = "以快手为例,该平台选择了刀刃向内"


def seed004() -> ArticleFacts:
    """Facts of seed 004: a regulation (no platform) and a platform subject (快手)."""
    t = seed_text(S004)
    facts = (
        PlatformFact("kuaishou", "快手", "subject", evidence(S004, t, SENT_KS, "快手", "platform.lexicon")),
        MeasureFact("网络直播营销管理办法", "网络直播营销管理办法", None, "Regulation", "regulatory_compliance",
                    ("livestreamer",), None, evidence(S004, t, SENT_LAW, "网络直播营销管理办法", "measure.title")),
    )
    return ArticleFacts(ArticleMeta(source=S004, title="新消费场景之下,电商行业信任建设逐步驶入规范期",
                                    outlet="中国质量新闻网", content_hash="sha256-seed004"), facts)
