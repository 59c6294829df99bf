"""Cleaning the five real seed pages: the article body stays, every noise region goes."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from pgkg.ingest.article import CleanArticle
from pgkg.ingest.clean import clean, format_report
from pgkg.ingest.extract import extract
from pgkg.ingest.facts import ObservationFact
from pgkg.ingest.read import read_document
from pgkg.ingest.sentences import sentence_bounds

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
GOLD = Path(__file__).parent / "fixtures" / "seeds_gold_meta.json"
SEEDS = sorted(p.name for p in CORPUS.glob("*.txt"))


@lru_cache(maxsize=None)
def cleaned(name: str) -> CleanArticle:
    return clean(read_document(CORPUS / name))


def by_prefix(prefix: str) -> CleanArticle:
    return cleaned(next(n for n in SEEDS if n.startswith(prefix)))


def kept_has(article: CleanArticle, text: str) -> bool:
    return any(text in s.text for s in article.sentences)


def dropped_text(article: CleanArticle) -> str:
    return "\n".join(article.original[d.start : d.end] for d in article.dropped())


def gold_articles() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"]


def test_all_five_seed_pages_present() -> None:
    assert len(SEEDS) == 5


# --- the article body is kept -------------------------------------------------

KEPT = [
    ("000", "拦截了超300万件劣质商品"),
    ("000", "平台还全量推行“极速退”能力"),
    ("000", "全年在消费者保障方面投入近4亿元"),
    ("000", "她认为,以抖音电商为代表的平台"),
    ("001", "平台已拦截劣质商品56万件"),
    ("001", "优化服务流程带来用户满意度提升40%"),
    ("001", "延长过敏险周期至90天"),
    ("001", "类目免佣则帮助商家节省超24亿元"),
    ("002", "抖音电商客服团队做了200万次用户回访调研"),
    ("002", "也投入超10亿元"),
    ("003", "用户退货纠纷率是0.03%"),
    ("003", "99.97%的人是满意的"),
    ("003", "天猫尝试推出“过敏保障”"),
    ("004", "拦截次数达2516万次"),
    ("004", "满意度高达92%"),
    ("004", "高于同行业非“蟹无忧”商家13个百分点"),
    ("004", "信任购商家数涨幅431%"),
]


@pytest.mark.parametrize(("page", "text"), KEPT)
def test_article_sentence_kept(page: str, text: str) -> None:
    assert kept_has(by_prefix(page), text)


# --- noise is dropped -----------------------------------------------------------

DROPPED = [
    ("000", "创耀科技"),  # related-reading headline with figures
    ("000", "2812.92亿元"),
    ("000", "纳指涨1.59%"),
    ("000", "关键词"),
    ("000", "资料图片"),
    ("001", "WhatsApp"),
    ("001", "%E3"),
    ("001", "今年截劣件"),
    ("001", "置违质商"),
    ("001", "规直个拦"),
    ("001", "中国将推出个人养老金制度"),
    ("001", "1.5亿欧"),
    ("001", "《英雄联盟》"),
    ("002", "鳄鱼"),
    ("002", "南京市发布"),
    ("002", "朱敏"),
    ("002", "经营者反垄断合规指南"),
    ("002", "西北地区变暖变湿"),
    ("002", "搜狐"),
    ("003", "余承东"),
    ("003", "976382653"),
    ("003", "建站2000元"),
    ("003", "用户投稿"),
    ("003", "举报文章"),
    ("004", "010-84648459"),
    ("004", "中国质量新闻网"),
    ("004", "责任编辑"),
    ("004", "家庭农场"),
]


@pytest.mark.parametrize(("page", "text"), DROPPED)
def test_noise_not_in_kept_sentences(page: str, text: str) -> None:
    article = by_prefix(page)
    assert text in article.original  # the noise really is on the page
    assert not kept_has(article, text)
    assert text in dropped_text(article) or text in (article.meta.title or "")


PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?!\d)")


@pytest.mark.parametrize("name", SEEDS)
def test_no_spam_or_contacts_kept(name: str) -> None:
    for s in cleaned(name).sentences:
        assert "WhatsApp" not in s.text and "%E3" not in s.text
        assert not PHONE.search(s.text), s.text
        assert "QQ" not in s.text and "@" not in s.text


@pytest.mark.parametrize("name", SEEDS)
def test_gold_noise_values_not_kept(name: str) -> None:
    """No figure the annotators marked as noise survives as a digit string in kept text."""
    gold = next(a for a in gold_articles() if a["file"] == name)
    kept = "".join(s.text for s in cleaned(name).sentences)
    for noise in gold["noise_people"]:
        assert noise not in kept
    for noise in gold["noise_measures"]:
        assert noise not in kept


@pytest.mark.parametrize("name", SEEDS)
def test_scrambled_fragments_recorded(name: str) -> None:
    """Scrambled cuts only where the page carries the copied junk pattern (page 001)."""
    scrambled = [d for d in cleaned(name).dropped() if d.reason == "scrambled"]
    assert bool(scrambled) == name.startswith("001")


def test_related_reading_entry_repeating_title_dropped() -> None:
    article = by_prefix("000")
    title = article.meta.title
    assert title is not None
    assert article.original.count(title) == 2
    assert not kept_has(article, title)


def test_headings_kept_but_not_sentences() -> None:
    article = by_prefix("000")
    headings = [article.original[d.start : d.end] for d in article.decisions if d.reason == "heading"]
    assert "持续升级服务能力" in headings
    assert not kept_has(article, "持续升级服务能力")


# --- metadata equals gold ---------------------------------------------------------


@pytest.mark.parametrize("gold", gold_articles(), ids=lambda g: g["file"][:3])
def test_metadata_matches_gold(gold: dict) -> None:
    meta = cleaned(gold["file"]).meta
    for key in ("title", "published", "outlet"):
        if gold[key] is not None:
            assert getattr(meta, key) == gold[key], key


def test_no_placeholder_outlet_or_author() -> None:
    meta = by_prefix("003").meta
    assert meta.outlet != "用户投稿"
    assert meta.author != "admin"


def test_page_without_headline_has_no_title_or_date() -> None:
    meta = by_prefix("001").meta
    assert meta.title is None
    assert meta.published is None  # 更新時間 is the page's own stamp


# --- structural invariants --------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_decisions_cover_every_non_blank_line(name: str) -> None:
    article = cleaned(name)
    covered = [False] * len(article.original)
    last_end = 0
    for d in article.decisions:
        assert d.start >= last_end and d.end > d.start
        last_end = d.end
        covered[d.start : d.end] = [True] * (d.end - d.start)
    for i, ch in enumerate(article.original):
        if not ch.isspace() and ch not in "\u3000\ufeff":
            assert covered[i], (i, article.original[max(0, i - 10) : i + 10])


@pytest.mark.parametrize("name", SEEDS)
def test_sentences_inside_kept_body_decisions(name: str) -> None:
    article = cleaned(name)
    body = [(d.start, d.end) for d in article.decisions if d.kept and d.reason == "body"]
    for s in article.sentences:
        assert s.text == article.original[s.start : s.end]
        assert any(bs <= s.start and s.end <= be for bs, be in body)
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))


@pytest.mark.parametrize("name", SEEDS)
def test_lead_is_title_and_first_paragraph(name: str) -> None:
    article = cleaned(name)
    assert article.sentences
    assert article.sentences[0].norm[:10] in article.lead
    if article.meta.title:
        assert article.lead.startswith(article.meta.title[:5])


def test_format_report_lists_dropped_spans_with_offsets() -> None:
    article = by_prefix("002")
    report = format_report(article)
    assert "title:     服务精耕细作" in report
    assert "off-topic" in report
    d = next(d for d in article.dropped() if d.reason == "off-topic")
    assert f"[{d.start}:{d.end}] off-topic:" in report
    short = format_report(article, show_dropped=False)
    assert "off-topic" not in short and "== kept text ==" in short


def _facts_by_text(article: CleanArticle) -> list[str]:
    """The article's facts with each one's evidence reduced to its sentence and rule (offsets differ)."""
    return sorted(repr(replace(f, evidence=(f.evidence.sentence, f.evidence.rule))) for f in extract(article))


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("gap", ["  ", "\u3000\u3000", " \t"])
def test_paragraphs_a_scraper_joined_with_spaces_give_the_same_facts(name: str, gap: str) -> None:
    """A page whose body, related reading and footer are one line, its paragraphs joined by spaces."""
    raw = read_document(CORPUS / name)
    lines = [ln.strip() for ln in raw.text.split("\n") if ln.strip()]
    joined = "\n".join(lines[:2]) + "\n" + gap.join(lines[2:]) + "\n"
    facts = _facts_by_text(cleaned(name))
    assert facts and _facts_by_text(clean(replace(raw, text=joined))) == facts


def _observed(article: CleanArticle) -> set[tuple]:
    return {(f.value, f.unit) for f in extract(article) if isinstance(f, ObservationFact)}


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("mark", ["● ", "{n}. ", "（{n}）"])
def test_a_paragraph_written_as_an_introduced_list_keeps_its_figures(name: str, mark: str) -> None:
    """Each body paragraph of two sentences or more, written instead as a list of its sentences
    after a line ending in a colon (主要情况如下：/● …；): the article's figures are the same."""
    raw = read_document(CORPUS / name)
    article = cleaned(name)
    expected = _observed(article)
    paragraphs = [d for d in article.decisions if d.reason == "body"
                  and len(sentence_bounds(article.original[d.start:d.end])) >= 2]
    assert paragraphs
    for d in paragraphs:
        paragraph = article.original[d.start:d.end]
        items = [mark.format(n=n) + paragraph[a:b].strip()
                 for n, (a, b) in enumerate(sentence_bounds(paragraph), start=1)]
        text = article.original[:d.start] + "主要情况如下：\n" + "\n".join(items) + article.original[d.end:]
        assert _observed(clean(replace(raw, text=text))) == expected, paragraph[:40]


@pytest.mark.parametrize("name", [n for n in SEEDS if any(d.reason == "off-topic" for d in cleaned(n).decisions)])
def test_an_injected_paragraph_written_as_an_introduced_list_is_still_dropped(name: str) -> None:
    """The seeds' off-topic paragraphs (the crocodiles, the housing policy…), each written as a
    list of its sentences after 另据报道：: a list is judged as one paragraph, and these are not the article's."""
    raw = read_document(CORPUS / name)
    article = cleaned(name)
    for d in [d for d in article.decisions if d.reason == "off-topic"]:
        paragraph = article.original[d.start:d.end]
        items = ["● " + paragraph[a:b].strip() for a, b in sentence_bounds(paragraph)]
        text = article.original[:d.start] + "另据报道：\n" + "\n".join(items) + article.original[d.end:]
        kept = " ".join(s.text for s in clean(replace(raw, text=text)).sentences)
        assert not any(item[2:] in kept for item in items), paragraph[:40]


_HEAD_META = re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}|来源|作者")


def _without_date_lines(name: str) -> tuple[list[str], int]:
    """The seed page's non-blank lines without the date, source and author lines of its head, and the
    index of its first body paragraph among them."""
    article = cleaned(name)
    lines = [ln.strip() for ln in article.original.split("\n") if ln.strip()]
    head = [ln for ln in lines[:8] if not _HEAD_META.search(ln) or len(ln) > 60]
    lines = head + lines[8:]
    first = next(s.text for s in article.sentences if s.text != article.meta.title)
    return lines, next(i for i, ln in enumerate(lines) if ln.startswith(first[:12]))


@pytest.mark.parametrize("gold", [g for g in gold_articles() if g["title"]], ids=lambda g: g["file"][:3])
def test_a_headline_without_a_date_line_under_it_is_the_line_above_the_body(gold: dict) -> None:
    """The titled seed pages without their date and source lines: the headline is the nearest
    line above the first body paragraph (past a byline), and the article's facts are the same."""
    raw = read_document(CORPUS / gold["file"])
    lines, _ = _without_date_lines(gold["file"])
    article = clean(replace(raw, text="\n".join(lines)))
    assert article.meta.title == gold["title"]
    assert article.meta.published is None
    assert _facts_by_text(article) == _facts_by_text(cleaned(gold["file"]))


@pytest.mark.parametrize("gold", [g for g in gold_articles() if g["title"]], ids=lambda g: g["file"][:3])
@pytest.mark.parametrize(("dateline", "outlet"), [("新京报讯（记者 张静）", "新京报"), ("新华社北京8月24日电 ", "新华社"),
                                                  ("财联社8月24日讯（记者 王一）", "财联社"),
                                                  ("【环球网科技综合报道】8月24日消息，", "环球网"),
                                                  ("IT之家 8 月 24 日消息，", "IT之家"),
                                                  ("本报讯（记者 张静）", None)])  # (None: the page's outlet without it)
def test_a_dateline_opening_the_body_names_the_outlet(gold: dict, dateline: str, outlet: str | None) -> None:
    raw = read_document(CORPUS / gold["file"])
    lines, first = _without_date_lines(gold["file"])
    without = clean(replace(raw, text="\n".join(lines))).meta.outlet  # (a 来源 in its footer)
    lines[first] = dateline + lines[first]
    assert clean(replace(raw, text="\n".join(lines))).meta.outlet == (outlet or without)


@pytest.mark.parametrize("name", SEEDS)
def test_a_comment_section_after_the_body_adds_no_facts(name: str) -> None:
    """Readers' comments (handles, figures, platform names) under a comment header after the last
    body paragraph; social buttons before them."""
    raw = read_document(CORPUS / name)
    article = cleaned(name)
    last = max(d.end for d in article.decisions if d.reason == "body")
    comments = ["点赞(23) 收藏 分享", "全部评论(3)", "用户8823：上次在抖音电商买的耳机坏了，三天才退款，说好的48小时呢",
                "热心网友：我们店保证金交了2000元，现在能退吗？",
                "匿名用户：京东的售后服务比这个好多了，一般24小时就处理完了，满意度95%，拦截了超500万件假货"]
    text = raw.text[:last] + "\n" + "\n".join(comments) + "\n" + raw.text[last:]
    assert _facts_by_text(clean(replace(raw, text=text))) == _facts_by_text(article)


@pytest.mark.parametrize("name", [n for n in SEEDS if n.startswith(("000", "004"))])
def test_a_note_of_who_is_quoted_is_kept_for_the_person(name: str) -> None:
    """A bracketed note after the last body paragraph (as an interview ends): no sentence, but a person."""
    from pgkg.ingest.facts import PersonFact

    raw = read_document(CORPUS / name)
    article = cleaned(name)
    last = max(d.end for d in article.decisions if d.reason == "body")
    note = "（王宁为抖音电商服务体验产品经理）"
    noted = clean(replace(raw, text=raw.text[:last] + "\n" + note + "\n" + raw.text[last:]))
    people = [(f.name, f.role, f.org) for f in extract(noted) if isinstance(f, PersonFact)]
    assert ("王宁", "服务体验产品经理", "抖音电商") in people
    assert [f for f in _facts_by_text(noted) if "王宁" not in f] == _facts_by_text(article)


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("stray", ["“双11”期间，全国快递业务量达到52.6亿件，同比增长23%，快递员日均派件超过300件。",
                                   "该市新能源汽车销量同比增长35%，充电桩数量突破2万个，消费者购车热情高涨。",
                                   "此外，某网贷平台因违规放贷被罚款200万元，涉及借款人超过3万名。"])
def test_a_stray_line_in_the_corpus_vocabulary_gives_no_platform_a_figure(name: str, stray: str) -> None:
    """A one-line paragraph of other news set between the body paragraphs, in words the article shares
    (平台, 消费者, 同比增长): the cleaner may keep it, but its figures are the country's, a city's or
    another trade's, never the article's platform's."""
    raw = read_document(CORPUS / name)
    article = cleaned(name)
    body = [d for d in article.decisions if d.reason == "body"]
    at = body[len(body) // 2].start
    strayed = clean(replace(raw, text=raw.text[:at] + stray + "\n\n" + raw.text[at:]))
    assert _observed(strayed) == _observed(article)
