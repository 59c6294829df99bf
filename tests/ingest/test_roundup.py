"""Round-ups (pgkg.ingest.roundup): articles giving each of several platforms a paragraph of its own,
built from the seed pages' real paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pgkg.ingest.article import RawDocument
from pgkg.ingest.clean import clean
from pgkg.ingest.extract import extract
from pgkg.ingest.extract_platforms import extract_platforms
from pgkg.ingest.facts import ObservationFact
from pgkg.ingest.roundup import family, is_roundup, lead_platform
from pgkg.ontology.lexicon import load_lexicon

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
PAGES = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
LEXICON = load_lexicon()


def _paragraph(seed: str, needle: str) -> str:
    return next(line.strip() for line in PAGES[seed].split("\n") if needle in line)


@pytest.mark.parametrize(
    ("seed", "needle", "lead"),
    [
        ("004", "首先,快手通过建设", "kuaishou"),  # after a connective
        ("004", "快手电商在构建信任电商", "kuaishou_ecommerce"),
        ("003", "在天猫平台上", "tmall"),
        ("001", "对此,抖音电商相关负责人表示", "douyin_ecommerce"),
        ("001", "消费者能否在抖音电商买得放心", None),  # named too far in: not what the paragraph is led by
        ("002", "鳄鱼数量", None),
    ],
)
def test_lead_platform_table(seed: str, needle: str, lead: str | None) -> None:
    assert lead_platform(_paragraph(seed, needle), LEXICON) == lead


@pytest.mark.parametrize(
    ("paragraph", "lead"),
    [
        # a preposition before the first platform: the paragraph is about something else
        ("这项最早由拼多多在2021年前后推出、随后被各大平台跟进的售后规则,初衷是降低消费者的维权成本。", None),
        ("与淘宝相比,京东在售后上投入更多。", None),
        ("淘宝则在8月下旬率先宣布优化规则。", "taobao"),
    ],
)
def test_a_platform_after_a_preposition_leads_no_paragraph(paragraph: str, lead: str | None) -> None:
    assert lead_platform(paragraph, LEXICON) == lead


def test_families_join_a_platform_and_its_parent() -> None:
    assert family("douyin_ecommerce", LEXICON) == family("douyin", LEXICON) == "douyin"
    assert family("tmall", LEXICON) != family("douyin_ecommerce", LEXICON)
    # three families make a round-up; a platform and its parent are one
    assert is_roundup(["kuaishou_ecommerce", "douyin_ecommerce", "tmall", None], LEXICON)
    assert not is_roundup(["kuaishou_ecommerce", "douyin_ecommerce", "douyin", "kuaishou"], LEXICON)
    assert not is_roundup([None, "tmall", "jd"], LEXICON)


def _body(seed: str) -> tuple[list[str], str | None]:
    page = PAGES[seed]
    whole = clean(RawDocument(source="page.txt", text=page))
    return [page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body"], whole.meta.title


KUAISHOU = ("004", "快手电商在构建信任电商")


@pytest.mark.parametrize(
    ("base", "others"),
    [("000", [("003", "天猫服务好商家")]), ("003", [("001", "今年以来,抖音电商持续")])],
)
def test_a_platforms_paragraph_of_a_roundup_is_kept_and_alone_it_is_off_topic(base: str, others: list[tuple[str, str]]) -> None:
    """A seed page's body with a real paragraph led by 快手电商 after it, which shares few of its words:
    off-topic when 快手电商 is the only other platform leading a paragraph, kept when a third family
    leads one too (the page's own platform, 快手电商, and another)."""
    body, title = _body(base)
    paragraph = _paragraph(*KUAISHOU)
    alone = "\n\n".join([*body, paragraph])
    article = clean(RawDocument(source="t.txt", text=alone, title=title))
    assert any(d.reason == "off-topic" and alone[d.start:d.end].strip() == paragraph for d in article.dropped())
    roundup = "\n\n".join([*body, paragraph, *(_paragraph(*o) for o in others)])
    article = clean(RawDocument(source="t.txt", text=roundup, title=title))
    kept = "".join(s.text for s in article.sentences)
    assert paragraph[:30] in kept and all(_paragraph(*o)[:30] in kept for o in others)
    assert all(p[:30] in kept for p in body)


def test_injected_paragraphs_stay_off_topic_in_a_roundup() -> None:
    body, title = _body("000")
    injected = [_paragraph("002", "鳄鱼数量"), _paragraph("002", "南京市发布")]
    text = "\n\n".join([*body, _paragraph(*KUAISHOU), injected[0], _paragraph("003", "天猫服务好商家"), injected[1]])
    article = clean(RawDocument(source="t.txt", text=text, title=title))
    dropped = {text[d.start:d.end].strip() for d in article.dropped() if d.reason == "off-topic"}
    assert set(injected) <= dropped


def test_every_platform_leading_a_paragraph_of_a_roundup_of_equals_is_a_subject() -> None:
    """Seed 003's body (天猫) and seed 000's (抖音电商), then a real 快手电商 paragraph: 快手电商 is
    named once, too little to dominate, yet it leads a paragraph of a round-up that two platforms
    dominate, so it is a subject. Seed 000's body with the 快手电商 and a 天猫 paragraph is a page of
    抖音电商 letting two others speak: they are mentions."""
    kuaishou = _paragraph(*KUAISHOU)
    equals = clean(RawDocument(source="t.txt", text="\n\n".join([*_body("003")[0], *_body("000")[0], kuaishou])))
    facts, subjects, dominant = extract_platforms(equals, LEXICON)
    assert set(dominant) == {"tmall", "douyin_ecommerce"}
    assert subjects == (*dominant, "kuaishou_ecommerce")  # after the dominant ones
    assert {f.key for f in facts if f.role == "subject"} == set(subjects)
    body, title = _body("000")
    page = clean(RawDocument(source="t.txt", text="\n\n".join([*body, kuaishou, _paragraph("003", "天猫服务好商家")]),
                             title=title))
    facts, subjects, dominant = extract_platforms(page, LEXICON)
    assert subjects == dominant == ("douyin_ecommerce",)
    assert {f.key: f.role for f in facts if f.key != "douyin_ecommerce"} == {"kuaishou_ecommerce": "mention", "tmall": "mention"}


def test_a_roundup_figure_naming_no_platform_belongs_to_its_paragraphs_platform() -> None:
    """Seed 004 (a 快手电商 page) with real paragraphs of 抖音电商 (seed 001) and 天猫 (seed 003) set
    after its first paragraph that 快手 leads: a figure of the 抖音电商 paragraph whose sentence
    names no platform (平台累计补贴商家已超…) is 抖音电商's, not the page's; the page's own figures,
    before and after them, stay 快手电商's (the platform dominating the page), as without them."""
    body, title = _body("004")
    douyin = _paragraph("001", "今年以来,抖音电商持续")
    at = next(i for i, p in enumerate(body) if lead_platform(p, LEXICON)) + 1

    def figures(parts: list[str]) -> dict[tuple[str, str], str | None]:
        article = clean(RawDocument(source="t.txt", text="\n\n".join(parts), title=title))
        return {(f.evidence.sentence, str(f.value)): f.platform for f in extract(article) if isinstance(f, ObservationFact)}

    alone = figures(body)
    roundup = figures([*body[:at], douyin, _paragraph("003", "天猫服务好商家"), *body[at:]])
    assert any(k[0] in "".join(body[at:]) for k in alone)  # figures after them too
    assert set(alone.values()) == {"kuaishou_ecommerce"}
    assert {k: v for k, v in roundup.items() if k in alone} == alone
    added = {k: v for k, v in roundup.items() if k not in alone}
    unnamed = [k for k in added if "抖音" not in k[0]]
    assert unnamed and all(added[k] == "douyin_ecommerce" for k in unnamed)
