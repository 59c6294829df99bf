"""Noise removal: decide, line by line, what text the extractor may see.

Pure and deterministic. Every non-blank line of the original gets one or
more :class:`~pgkg.ingest.article.Decision` s (kept or dropped, with a reason).
The rules are structural, never keyed to one page:

* chrome by shape and by the web's own vocabulary (breadcrumbs, copyright,
  disclaimers, editor lines, tags, share/scan prompts, "related …" headers);
* everything after a footer/related-reading header that follows the body;
* dated list entries (``- (2023-08-25)…``) and runs of short unterminated
  lines (headline lists) that do not precede a body paragraph;
* spam tokens and scrambled fragments cut out of real lines
  (:mod:`pgkg.ingest.clean_fragments`);
* off-topic paragraphs: too few of their char bigrams recur in the rest of the
  article (or the title), and none of the article's anchor terms (in a short
  article, a paragraph holding an anchor term needs its bigrams in only one
  other paragraph); a lone sentence is judged so too, unless it names a word of
  the corpus's vocabulary or the trade's facts (:data:`TRADE_TERMS`);
  a platform's own paragraph in a round-up of several platforms is kept
  (:mod:`pgkg.ingest.roundup`);
* exact and near duplicates of an earlier line or of the title.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import heapq
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pgkg.ontology.lexicon import Lexicon, load_lexicon

from .article import ArticleMeta, CleanArticle, Decision, RawDocument
from .clean_fragments import Cut, line_cuts
from .metadata import AUDIO_PLAYER_RE, HEAD_LINES, bracket_headline, find_metadata, head_line_parts, is_navigation, parse_date
from .normalize import fold_text, has_traditional, is_han, normalize
from .extract_text import MARKET_RE, resolve_platform, text_platform_hits
from .roundup import is_roundup, lead_platform, replying_platform
from .sentences import LIST_ITEM_MARK_RE, make_sentence, sentence_bounds
from .tables import TABLE_CAPTION, TABLE_INTRO, column_table, is_table_border, table_row_kind

__all__ = ["clean", "format_report", "split_lines", "chrome_reason", "topic_scores", "Line"]

# ------------------------------------------------------------------ lines


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the original: its stripped span and text."""

    start: int
    end: int
    text: str


_STRIP = " \t\r\u3000\u00a0\ufeff\u200b"


JOINED_LINE = 200
"""A line this long that holds a run of two or more spaces is several paragraphs that a scraper
joined with spaces (a body, then 责任编辑…  相关新闻  a headline  a headline…): it is split there."""
_JOIN_GAP = re.compile("[ \t\u3000\u00a0]{2,}")


def _stripped(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` of ``text`` without the blanks (:data:`_STRIP`) at its ends; empty when all blank."""
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


WRAP_JOINER = "\u200b"
"""What stands for a line break inside a hard-wrapped paragraph (:func:`join_hard_wraps`): a zero-width space, one char
like the break, so that every offset into the page stays as it was; normalising drops it (:func:`~pgkg.ingest.normalize.normalize`)."""
MIN_WRAP_WIDTH = 16
"""Chars (wide ones: twice as many display columns) a hard-wrapped page's full lines have at least."""
MIN_WRAPPED_LINES = 6
"""Lines of the same width a page needs to be hard-wrapped at that width."""
WRAPPED_SHARE = 0.3
"""The share of a page's long lines that have its width: natural paragraphs have lengths of all kinds."""
WRAP_SLACK = 4
"""Display columns a full line of a hard-wrapped page may differ from the page's width (digits and Latin letters
take one column, Chinese characters two, and a break may fall before or after a wide one)."""


_BREAK_PUNCT = frozenset("，,。.；;：:！!？?、”’」』）)】》")
"""Where a line breaks at a clause's end, not in the middle of words."""


def _display_width(text: str) -> int:
    """Columns ``text`` takes on screen: two for a wide (Chinese, full-width) char, one for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def join_hard_wraps(text: str) -> str:
    """``text`` with the line breaks inside hard-wrapped paragraphs made :data:`WRAP_JOINER`: a page whose text was
    broken at a fixed width in the middle of words (第三季度《带货达人违 / 规处置通报》…). Its width is the commonest
    length of its lines (at least :data:`MIN_WRAP_WIDTH` chars, on :data:`MIN_WRAPPED_LINES` lines and
    :data:`WRAPPED_SHARE` of the long lines or more, two thirds of
    them broken in the middle of words, not after a punctuation mark); a line of
    that width goes on in the line right under it, unless that one opens a paragraph of its own (an indent). Other
    pages are returned as they are."""
    lines = text.split("\n")
    stripped = [line.rstrip(_STRIP) for line in lines]
    lengths = [len(line) for line in stripped]
    long = [n for n in lengths if n >= MIN_WRAP_WIDTH]
    common = Counter(long).most_common(1)
    if not common or common[0][1] < max(MIN_WRAPPED_LINES, len(long) * WRAPPED_SHARE):
        return text
    length, count = common[0]
    broken = sum(1 for line, n in zip(stripped, lengths) if n == length and line[-1] not in _BREAK_PUNCT)
    if broken * 3 < count * 2:
        return text  # (lines broken after their commas, one clause each, are no hard wrap: _wraps_to)
    shown = [_display_width(line) for line in stripped]
    width = Counter(w for n, w in zip(lengths, shown) if n == length).most_common(1)[0][0]
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        # a full line is as long as the page's width in chars, or as wide on screen, give or take a char or two (a
        # wrapper may count 1.2万 as three chars or as two columns less than 一二万)
        full = line == stripped[i] and (abs(lengths[i] - length) <= WRAP_SLACK // 2
                                 or abs(shown[i] - width) <= WRAP_SLACK)
        if full and following.strip(_STRIP) and not following.startswith(("\u3000", "  ", "\t")):
            out.append(WRAP_JOINER)
        elif i + 1 < len(lines):
            out.append("\n")
    return "".join(out)


def split_lines(original: str) -> list[Line]:
    """Non-blank lines of ``original`` with offsets of their stripped text; a long line is split
    at its runs of spaces (:data:`JOINED_LINE`)."""
    out: list[Line] = []
    pos = 0
    for raw in original.split("\n"):
        s, e = _stripped(original, pos, pos + len(raw))
        pos += len(raw) + 1
        if s >= e:
            continue
        if e - s < JOINED_LINE or not _JOIN_GAP.search(original, s, e):
            out.append(Line(s, e, original[s:e]))
            continue
        start = s
        for gap in _JOIN_GAP.finditer(original, s, e):
            out.append(Line(start, gap.start(), original[start:gap.start()]))
            start = gap.end()
        out.append(Line(start, e, original[start:e]))
    return out


def split_head(lines: list[Line]) -> list[Line]:
    """``lines`` with a page head crammed into one line (breadcrumb, headline and date line apart by
    single spaces: :func:`pgkg.ingest.metadata.head_line_parts`) split into its parts, among the first
    :data:`~pgkg.ingest.metadata.HEAD_LINES` lines above the first long paragraph."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i >= HEAD_LINES or (len(line.text) >= 40 and is_prose(line.text)):
            out.extend(lines[i:])
            break
        for part in head_line_parts(line.text):
            s, e = _stripped(line.text, *part)
            if s < e:
                out.append(Line(line.start + s, line.start + e, line.text[s:e]))
    return out


# ------------------------------------------------------------------ chrome

_LETTER = re.compile(r"[^\W\d_\u3400-\u4dbf\u4e00-\u9fff]")
"""A non-Han letter: needed by a case-insensitive Latin pattern (even İ and ı are letters)."""
_CHROME: list[tuple[str, re.Pattern[str], int, re.Pattern[str] | None]] = [
    # (reason, pattern, max line length for the rule to apply, prefilter: the rule needs a match of it)
    # A rule may be split in several rows (same reason and length) so that each
    # pattern begins with literals: Python's re then skips ahead fast.
    ("copyright", re.compile(r"©|版权所有|版權所有|公网安备"), 300, None),
    ("copyright", re.compile(r"copyright|all rights reserved|ICP备|ICP證|ICP证", re.I), 300, _LETTER),
    ("disclaimer", re.compile(r"^(免责|特别|平台)?声明[:：]?|^(免責|特別)?聲明"), 400, None),
    ("disclaimer", re.compile(r"仅代表作者|不代表本(网|站)|本网注明|本站注明|转载目的|信息存储(空间|服务)|未经.{0,12}授权"), 400, None),
    ("footer", re.compile(r"责任编辑|責任編輯"), 60, None),
    ("footer", re.compile(r"^[\[(（【]?\s*(编辑|編輯|校对|审核)\s*[:：]"), 60, None),
    ("tags", re.compile(r"^[•·\s]*(关键词|關鍵詞|关键字|tags?|标签|標籤)\s*[:：]", re.I), 200, None),
    # an image's placeholder and its zoom link, before the footer's 点击查看 (a zone of its own)
    ("image-placeholder", re.compile(r"查看大图|查看原图|點擊查看大圖|点击(图片)?放大|^[\[(（【]\s*(图片|圖片|image|img)\s*[\])）】]", re.I), 40, None),
    (
        "footer",
        re.compile(r"扫一扫|掃一掃|用手机(阅读|看)|分享到|鼓励一下|给Ta鼓励|收藏本文|返回顶部|上一篇|下一篇|在线留言|保存到桌面|常见问题|阅读原文|点击查看"),
        40,
        None,
    ),
    # a tip button (打赏, 喜欢作者就打赏吧), not a sentence on tipping (…未成年人打赏相关投诉同比下降41.5%。) nor a
    # scrambled copy of one (受理未成年人打赏退款申请平台共过去一年…: longer than a button)
    ("footer", re.compile(r"^(?!.*[。！？!?]$).*打赏"), 20, None),
    ("footer", re.compile(r"^(上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]"), 200, None),
    ("disclaimer", re.compile(r"^(本文|文章)(来自|转载自|来源于|转自)|^原标题\s*[:：]"), 200, None),
    (
        "related-reading",
        re.compile(
            r"(相关|相關)(阅读|閱讀|新闻|新聞|文章|搜索|推荐|链接|報導|报道)|延伸阅读|推荐阅读|热门(推荐|文章|新闻|阅读)|"
            r"猜你喜欢|为你推荐|精彩推荐|更多(新闻|阅读|文章)|往期(回顾|推荐|精选|文章|热文)|历史文章"
        ),
        16,
        None,
    ),
    ("recommendation", re.compile(r"图片(推荐|新闻)|圖片(推薦|新聞)|视频推荐|最新(新闻|文章|资讯|动态)|热点(新闻|推荐)|排行榜?$|热榜$|热文$"), 12, None),
    # (not a question or a sentence naming one: 澎湃新闻：从用户反馈看，效果如何？)
    ("footer", re.compile(r"^(?!.*[？?。！!]$).*(?:最新评论|网友评论|发表评论|我要评论|评论区|用户反馈|联系我们|关于我们|广告服务|网站地图)"),
     20, None),
    # a comment section's header (全部评论(18), 热门跟帖, 精选留言): the readers' comments follow
    ("footer", re.compile(r"(全部|热门|精彩|精选|最热|最新)(评论|評論|留言|跟帖|跟贴)|^(评论|評論|留言|跟帖|跟贴)\s*[(（]?\d*[)）]?$|\d+\s*条(评论|留言|跟帖)"), 20, None),
    # a bar of social buttons (点赞(23) 收藏 分享) and a prompt to open the app (打开APP，阅读体验更佳, 展开全文)
    ("social", re.compile(r"(点赞|收藏|分享|转发|举报)[\s\d()（）|｜·/]*(点赞|收藏|分享|转发|评论|举报)"), 40, None),
    ("app-prompt", re.compile(r"(打开|下载|前往)\s*(APP|App|app|客户端)|APP内(打开|阅读|查看)|展开全文|阅读全文|继续阅读"), 30, None),
    ("ad", re.compile(r"^[\[(（【]?\s*(广告|廣告|推广|AD|ad|advertisement|Advertisement)\s*[\])）】]?$|广告(自助|投放|合作)"), 30, None),
    ("ad", re.compile(r"^\s*[\[(（【]\s*(?:广告|廣告|推广|推廣)\s*[\])）】]|^\s*(?:广告|廣告)\s*[:：]"
                      r"|^\s*【[^】]{0,6}(?:优惠|特惠|促销|福利|抢购|秒杀|招生)[^】]{0,4}】|原价\s*\d+(?:\.\d+)?元[,，]?\s*现价"), 300, None),
    ("video-placeholder", re.compile(r"视频加载中|视频载入中|^视频[:：].{0,40}(?:时长|\d{1,2}:\d{2})"), 80, None),
    ("audio-placeholder", AUDIO_PLAYER_RE, 40, None),
    ("image-placeholder", re.compile(r"^[\[(（【]\s*[^()（）\[\]【】]{0,12}(图|圖|照片|photo|image|img|视频)[^()（）\[\]【】]{0,12}[\])）】]$", re.I), 30, None),
]
_CHROME_MAX_LEN = max(max_len for _, _, max_len, _ in _CHROME)
_CHROME_BY_LEN = [
    tuple((reason, pattern, prefilter) for reason, pattern, max_len, prefilter in _CHROME if n <= max_len)
    for n in range(_CHROME_MAX_LEN + 1)
]
"""``_CHROME_BY_LEN[n]``: the rules that apply to a line of ``n`` chars, in order."""
_ZONE_REASONS = frozenset({"copyright", "disclaimer", "footer", "tags", "related-reading", "recommendation"})
_SOURCE_LINE = re.compile(r"^[(（\[【]?\s*(文章|新闻|稿件)?(来源|來源|出处)\s*[:：][^，。,]{1,24}[)）\]】]?$")
_DATED_ENTRY = re.compile(r"^\s*(?:[-•·*●◆■▪►▶▷➤]\s*)?[(（\[【]?\s*(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[)）\]】]")
_LIST_MARK = re.compile(r"^\s*[-•·*●◆■▪►▶▷➤]\s*")
_TERMINATORS = "。！？!?；;…"
_CLOSERS = "”’」』）)】\"'"
_CLAUSE_END = "，,、：:"


def chrome_reason(text: str) -> str | None:
    """Why a whole line is page chrome (``navigation``, ``copyright`` …), or ``None``."""
    body = _LIST_MARK.sub("", text)
    if is_navigation(text):
        return "navigation"
    if len(body) > _CHROME_MAX_LEN:
        return None
    for reason, pattern, prefilter in _CHROME_BY_LEN[len(body)]:
        if (prefilter is None or prefilter.search(body)) and pattern.search(body):
            return reason
    return None


_LONG_SENTENCE = re.compile(r"[^。！？!?]{40,}[。！？!?]")


def is_prose(text: str) -> bool:
    """A line of running text: ends a sentence (or a clause), or is long with several sentences, or with
    one long sentence before an unended tail (…累计使用信任购服务的用户超1.5亿人。快手电商商信任购家超万: a
    scrambled copy glued to a paragraph)."""
    t = text.rstrip(_CLOSERS + " ")
    if not t:
        return False
    if t[-1] in _TERMINATORS or t[-1] in _CLAUSE_END:
        return True
    return len(text) >= 50 and (sum(text.count(c) for c in "。！？!?") >= 2 or _LONG_SENTENCE.match(text) is not None)


# ------------------------------------------------------------------ topic

_FUNCTION = frozenset("的了是在和与也并及等从对把被将就都而又更已还让给向于以其之为有这那各每仅则如由至但或她他它们我你着过地得所很最才再该使较")
_NON_ALNUM = re.compile(r"[\W_]+")
_CONTENT_CHAR = "[^" + "".join(sorted(_FUNCTION)) + r"\W\da-zA-Z_\u0080-\u2fff\ua000-\uffff]"
OFF_TOPIC_SCORE = 0.5
"""Below this share-of-recurring-bigrams score a paragraph is off-topic."""
WEAK_TOPIC_SCORE = 0.8
"""Below this, a paragraph is off-topic unless it holds one of the article's anchor terms."""
STRAY_TOPIC_SCORE = 0.3
"""From this score a paragraph naming two :data:`GOVERNANCE_TERMS` is on topic (:func:`_speaks_governance`);
a stray line set into the body scores far below it (一条长约2米的鳄鱼…出动20余人: 0.0)."""
GOVERNANCE_TERMS = re.compile("平台|电商|商家|商户|店主|卖家|买家|消费者|主播|达人|店铺|直播间|電商|商戶|賣家|買家|消費者|達人|店鋪|直播間")
"""The corpus's own vocabulary, in simplified and traditional characters: a paragraph naming one of these
is never a stray line (it still has to pass the recurrence score when it holds two sentences or more).
One-sentence paragraphs of a short real article can share too few words to pass (此外，平台联合中国消费者
协会开展…专项行动 scored 0.21), while the strays set into the seed pages (鳄鱼, 房地产, 社区医院, 西北暖湿化)
name none."""
TRADE_TERMS = re.compile(GOVERNANCE_TERMS.pattern + "|商品(?!住宅|房)|订单|退款|退货|售后|直播|客服|訂單|退貨|售後")
""":data:`GOVERNANCE_TERMS` and the words of a trade's own facts (其中，美妆类目退货率下降12%): a lone sentence
naming one is never off topic by its score (:func:`_is_lone_stray`). 商品住宅 and 商品房 are housing, not goods."""
MIN_TOPIC_PARAGRAPHS = 4
"""The off-topic rule needs this many prose paragraphs to judge against."""
SHORT_TOPIC_PARAGRAPHS = 8
"""With fewer prose paragraphs than this, a paragraph holding one of the title's terms (an anchor)
counts the bigrams it shares with one other paragraph (or the title): two others would be most of
the article. Short articles cut from the seed pages (their first 3-5 body paragraphs and one more
paragraph), with the title: of 102 real paragraphs 22 were judged off-topic counting two others, 8
this way; none of 90 injected paragraphs is kept either way."""
MIN_DUPLICATE_CHARS = 8
"""Repeats shorter than this (letters and digits) are not dropped as duplicates."""


_CONTENT_RUN = re.compile(f"{_CONTENT_CHAR}{{2,}}")
"""A maximal run of 2+ content chars: every content bigram lies inside one."""


def bigrams(text: str) -> frozenset[str]:
    """Content char bigrams of ``text`` (Han only, function chars left out)."""
    return frozenset(run[i : i + 2] for run in _CONTENT_RUN.findall(text) for i in range(len(run) - 1))


def topic_scores(paragraphs: Sequence[str], title: str | None) -> list[tuple[float, bool]]:
    """For each paragraph: (recurrence score, holds an anchor term).

    The score is the number of the paragraph's bigrams that recur in at least
    two *other* paragraphs (or in the title; one other, in an article of fewer
    than :data:`SHORT_TOPIC_PARAGRAPHS` paragraphs, for a paragraph holding a
    term of the title that recurs in the body), over the square root of its
    bigram count. Anchors are the title's bigrams that recur in the body (or,
    without a title, the five bigrams found in most paragraphs).
    """
    return _topic_scores([bigrams(p) for p in paragraphs], bigrams(title or ""))


def _topic_scores(
    sets: Sequence[frozenset[str]], tb: frozenset[str], lenient: Sequence[bool] | None = None
) -> list[tuple[float, bool]]:
    """:func:`topic_scores` over the paragraphs' and the title's bigram sets. ``lenient[i]`` False: paragraph
    ``i`` gets no short article's leniency (it names none of the trade's words, see :func:`_label_content`)."""
    df: Counter[str] = Counter()
    for s in sets:
        df.update(s)
    anchors = {b for b in tb if df[b] >= 2}
    if not anchors:
        # the five most frequent of those in 2+ paragraphs (those sort first: same as filtering the top five)
        common = [(b, n) for b, n in df.items() if n >= 2]
        anchors = {b for b, _ in heapq.nsmallest(5, common, key=lambda kv: (-kv[1], kv[0]))}
    recurring = tb.union(b for b, n in df.items() if n - 1 >= 2)  # in 2+ other paragraphs, or in the title
    # in a short article, a paragraph holding one of the title's terms needs its bigrams in only one
    # other paragraph (or the title); not so for the fallback anchors, which may be any common words
    short = len(sets) < SHORT_TOPIC_PARAGRAPHS and bool(anchors & tb)
    shared = tb.union(b for b, n in df.items() if n >= 2) if short else recurring
    out = []
    for i, s in enumerate(sets):
        if not s:
            out.append((0.0, False))
            continue
        anchored = bool(s & anchors)
        hits = len(s & (shared if anchored and (lenient is None or lenient[i]) else recurring))
        out.append((hits / math.sqrt(len(s)), anchored))
    return out


def _is_on_topic(score: float, anchored: bool) -> bool:
    return score >= WEAK_TOPIC_SCORE or (score >= OFF_TOPIC_SCORE and anchored)


_ORDINALS = "一二三四五六七八九十"
_ENUMERATION_ITEM = re.compile(f"^[{_ORDINALS[1:]}]是")
"""A paragraph opening as the next item of an enumeration (二是…, 三是…)."""


_NUMBERED_ITEM = re.compile(r"^\s*(\d{1,2})([.、．)）])")
"""A paragraph opening as the item of a numbered list (5. 实在谈不拢…)."""


def _keep_enumeration(kept_texts: list[str], labels: list[_Label | None], units: list[int]) -> None:
    """Paragraphs judged off-topic that go on an enumeration of the paragraph before them (一是… in it,
    二是… opening this one), or a numbered list whose previous item is kept (4. …, then 5. …, paragraphs
    between them or not): the article's own list of points, whatever words each point uses."""
    previous: int | None = None
    numbered: tuple[int, str] | None = None  # the number and mark of the last kept numbered paragraph
    for i in units:
        label = labels[i]
        item = _NUMBERED_ITEM.match(kept_texts[i])
        if _is_off_topic(label) and previous is not None:
            m = _ENUMERATION_ITEM.match(kept_texts[i])
            if m and _ORDINALS[_ORDINALS.index(m.group(0)[0]) - 1] + "是" in kept_texts[previous]:
                labels[i] = label = None
            elif item and numbered == (int(item.group(1)) - 1, item.group(2)):
                labels[i] = label = None
        if label is None:
            previous = i
            if item:
                numbered = (int(item.group(1)), item.group(2))


GOVERNANCE_ANCHOR_TERMS = 2
"""A paragraph naming this many distinct :data:`GOVERNANCE_TERMS` (平台 and 商家, 平台 and 电商: an expert's
comment) is on topic with only :data:`STRAY_TOPIC_SCORE` (see :func:`_speaks_governance`). The pages'
injected paragraphs name none, or one inside a compound (转诊平台); a P2P lender's or a housing
report's name 平台 alone."""


GOVERNANCE_ON_TOPIC_TERMS = 3
"""A paragraph naming this many distinct :data:`GOVERNANCE_TERMS` (商家, 平台, 主播 and 直播间 in an
executive's answer) is on topic whatever its score: it speaks the article's matter in words of its
own. With :data:`GOVERNANCE_ANCHOR_TERMS` of them it needs only :data:`STRAY_TOPIC_SCORE`."""


def _platform_keys(text: str) -> set[str]:
    """The keys of the platforms ``text`` (raw) names, as the extractor reads them."""
    return {key for _, _, _, key in text_platform_hits(normalize(text)[0], load_lexicon())}


def _on_the_trade(text: str) -> bool:
    """``text`` (raw) names a platform or one of the trade's words (:data:`TRADE_TERMS`)."""
    return TRADE_TERMS.search(text) is not None or bool(_platform_keys(text))


def _is_off_topic(label: _Label | None) -> bool:
    return label is not None and label.reason == "off-topic"


def _within_family(keys: set[str], titled: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Every platform of ``keys`` is one of ``titled`` (the title's), or a parent or a child of one
    (:func:`~pgkg.ingest.extract_text.resolve_platform`)."""
    return all(resolve_platform(k, titled, lexicon) in titled for k in keys)


def _speaks_governance(text: str, score: float) -> bool:
    """On topic by its governance vocabulary (:data:`GOVERNANCE_ON_TOPIC_TERMS`), when it names no
    platform: a paragraph naming one is judged by its words, then kept as a part of a round-up or a
    platform's reply, or not (another platform's paragraph set into the page)."""
    terms = len(set(GOVERNANCE_TERMS.findall(text)))
    if not (terms >= GOVERNANCE_ON_TOPIC_TERMS or (terms >= GOVERNANCE_ANCHOR_TERMS and score >= STRAY_TOPIC_SCORE)):
        return False
    return not _platform_keys(text)


def _is_lone_stray(text: str, score: float, anchored: bool) -> bool:
    """A paragraph, a lone sentence too, that is no part of the article: it names none of the
    :data:`TRADE_TERMS` and is off topic by a paragraph's bar (:func:`_is_on_topic`). A lone sentence that
    names one stays whatever its score (其中，美妆类目退货率下降12%: few of its words recur in a page). Lone
    sentences set into the corpus's pages: crocodiles (0.0), an analyst's market comment sharing only the
    title's 市场 (0.44, anchored), a health bureau's or a ministry's news (0.68, 0.58)."""
    return not TRADE_TERMS.search(text) and not _is_on_topic(score, anchored)


# ------------------------------------------------------------------ cleaning


def _dup_key(text: str) -> str:
    t = _DATED_ENTRY.sub("", text)
    t = _LIST_MARK.sub("", t)
    return _NON_ALNUM.sub("", fold_text(t)).lower()


def _kept_text(text: str, cuts: Sequence[Cut]) -> str:
    out = []
    pos = 0
    for s, e, _ in cuts:
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return "".join(out)


_ALNUM = re.compile(r"[^\W_]")


def _has_content(text: str) -> bool:
    return _ALNUM.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Label:
    reason: str
    kept: bool


_Bounds = Callable[[str], list[tuple[int, int]]]
""":func:`~pgkg.ingest.sentences.sentence_bounds`, or a cached copy of it shared by the steps of one page."""


def _label_lines(
    raw: RawDocument, lines: list[Line], cuts: list[list[Cut]], bounds_of: _Bounds = sentence_bounds
) -> tuple[list[_Label], ArticleMeta]:
    texts = [ln.text for ln in lines]
    kept_texts = [_kept_text(t, c) for t, c in zip(texts, cuts)]
    chrome_of = functools.cache(chrome_reason)  # a line without cuts is looked at twice
    body_start = next(
        (i for i, t in enumerate(kept_texts) if len(t) >= 40 and is_prose(t) and chrome_of(t) is None), None
    )
    found = find_metadata(texts, container_title=raw.title, container_date=raw.published,
                          container_outlet=raw.outlet, container_author=raw.author, body_start=body_start)
    meta = ArticleMeta(
        source=raw.source,
        title=found.title,
        published=found.published or (parse_date(raw.published) if raw.published else None),
        outlet=found.outlet,
        author=found.author,
        url=raw.url,
        content_hash=raw.content_hash,
        path=raw.path,
    )
    labels: list[_Label | None] = [None] * len(lines)
    head_end = max([found.title_line or -1, *_head_meta(found.meta_lines, kept_texts, body_start, chrome_of), -1])
    zone: str | None = None
    listed = 0  # list entries of the zone so far; -1 once it held anything else
    seen_body = False
    for i, text in enumerate(texts):
        if i == found.title_line:
            labels[i] = _Label("title", True)
            continue
        if i in found.meta_lines or (_SOURCE_LINE.match(text) and seen_body):
            labels[i] = _Label("meta", False)
            continue
        if seen_body and _opens_boilerplate(texts, i):
            zone, listed = "boilerplate", -1
            labels[i] = _Label("boilerplate", False)
            continue
        chrome = chrome_of(text)
        if seen_body and chrome in _ZONE_REASONS:
            zone, listed = chrome, 0  # the latest footer/related header names what follows
        if chrome:
            labels[i] = _Label(chrome, False)
            continue
        if _DATED_ENTRY.match(text):
            labels[i] = _Label("related-reading", False)
            if zone and listed >= 0:
                listed += 1
            continue
        if zone and _ends_list_zone(zone, listed, kept_texts[i]):
            zone = None  # a list of links inside the article: the body goes on after it
        if zone:
            listed = listed + 1 if _LIST_MARK.match(text) and listed >= 0 else -1
            labels[i] = _Label(zone, False)
            continue
        kept = kept_texts[i]
        if not _has_content(kept) or (cuts[i] and sum(1 for ch in kept if is_han(ch)) < 6):
            labels[i] = _Label(cuts[i][0][2] if cuts[i] else "empty", False)
            continue
        if i < head_end or (body_start is not None and i < body_start and not is_prose(kept)):
            labels[i] = _Label("site-header", False)
            continue
        if is_prose(kept):
            seen_body = True
    wrapped = [i + 1 < len(lines) and _wraps_to(raw.text, lines[i], lines[i + 1], kept_texts[i]) for i in range(len(lines))]
    item_headline = _label_content(kept_texts, labels, meta.title, bounds_of, wrapped)
    if item_headline is not None:  # a flash-news page: the item it keeps is the article
        meta = dataclasses.replace(meta, title=item_headline)
    elif meta.title is None:  # a news ticker's page: the headline of the item the article keeps
        first = next((kept_texts[i] for i, lab in enumerate(labels) if lab is None or lab.reason == "body"), "")
        meta = dataclasses.replace(meta, title=bracket_headline(first))
    return [lab or _Label("body", True) for lab in labels], meta


_ABOUT = re.compile(r"^(?:关于|關於)\s*(?P<name>[\u4e00-\u9fffA-Za-z0-9·.&]{2,16})$")


def _opens_boilerplate(texts: Sequence[str], i: int) -> bool:
    """A press release's "about the company" section (关于京东物流 / 京东物流（股票代码：2618.HK）是…):
    a 关于 heading whose name the next line opens with. It and all after it are boilerplate."""
    m = _ABOUT.match(texts[i])
    return m is not None and i + 1 < len(texts) and texts[i + 1].startswith(m.group("name"))


def _head_meta(
    meta_lines: Sequence[int], kept_texts: Sequence[str], body_start: int | None, chrome_of: Callable[[str], str | None]
) -> list[int]:
    """The metadata lines that close the page's head: everything above them is head, not body.

    On a page of short paragraphs only (no line long enough to be ``body_start``), a credit or
    source line may end the article (…推出了“极速退”服务。/ 作者：吴静); a metadata line below a
    full sentence is then labelled as metadata but does not make the sentences above it head.
    """
    if body_start is not None:
        return list(meta_lines)
    meta = set(meta_lines)
    first_sentence = next(
        (i for i, t in enumerate(kept_texts)
         if i not in meta and t.rstrip(_CLOSERS + " ")[-1:] in "。！？!?" and is_prose(t) and chrome_of(t) is None
         and sum(1 for ch in t if is_han(ch)) >= 8),
        None,
    )
    return [i for i in meta_lines if first_sentence is None or i < first_sentence]


_LIST_ZONES = frozenset({"related-reading", "recommendation"})


INTERVIEW_QUESTION_RE = re.compile(r"^\s*(?:记者|問|问|Q|主持人)\s*[:：].{4,}[?？]\s*$")
"""An interviewer's question (记者:直播电商违法行为有哪些新特点?): the article's own line, however short."""


def _ends_list_zone(zone: str, listed: int, text: str) -> bool:
    """A related-reading header and only list entries (``- (2024-06-01)…``, ``• …``) after it, then
    a body paragraph or an interviewer's question: the list was set inside the article, which goes on. A zone that held anything
    else (headlines and their summaries, as at a page's end) runs to the end of the page."""
    return zone in _LIST_ZONES and listed > 0 and not _LIST_MARK.match(text) and (
        len(text) >= 40 and is_prose(text) or INTERVIEW_QUESTION_RE.match(text) is not None)


def _keep_roundup_parts(kept_texts: list[str], labels: list[_Label | None], prose: Sequence[int]) -> None:
    """Paragraphs judged off-topic that are one platform's part of a round-up (:mod:`pgkg.ingest.roundup`:
    led by a platform, the kept paragraphs led by two other families of platforms) are kept."""
    lexicon = load_lexicon()
    off_topic = {i: lead for i in prose if _is_off_topic(labels[i])
                 and (lead := lead_platform(kept_texts[i], lexicon)) is not None}
    if not off_topic:  # (the common case: the kept paragraphs' leads are not read)
        return
    kept_leads = [lead_platform(kept_texts[i], lexicon) for i in prose if labels[i] is None]
    for i, lead in off_topic.items():
        if is_roundup([lead, *kept_leads], lexicon):
            labels[i] = None


PERSON_NOTE_RE = re.compile(r"^[（(][\u4e00-\u9fff]{2,4}(?:为|系)[^（）()。]{4,40}[）)]$")
"""A line that says in brackets who the person quoted or the author is (（笑古为快手高级副总裁、
电商事业部负责人）, （作者系…教授）): no sentence, but kept for the people it names."""
SPEAKER_CAPTION_LINE_RE = re.compile(r"^【同期】\s*[^【】。！？!?]{2,40}$")
"""A video transcript's caption naming who speaks next (【同期】美团外卖食品安全负责人 曲映雪): no sentence, but kept
for the person it names."""


def _keep_platform_replies(kept_texts: list[str], labels: list[_Label | None], prose: Sequence[int]) -> None:
    """In an article whose kept paragraphs name no platform (a regulator's or an association's report),
    a paragraph judged off-topic where a platform leads and speaks (对此，淘宝方面回应称…) is the
    platforms' reply to it, not a stray: kept. Its words are the platform's, not the report's, so it
    shares few of them; no injected paragraph of the sample pages names a platform."""
    lexicon = load_lexicon()
    replies = [i for i in prose if _is_off_topic(labels[i])
               and replying_platform(kept_texts[i], lexicon) is not None]
    if not replies:
        return
    if any(_platform_keys(kept_texts[i]) for i in prose if labels[i] is None):
        return
    for i in replies:
        labels[i] = None


_QUOTED_NAME = re.compile(r"[“「]([^“”「」]{3,12})[”」]")


def _keep_paragraphs_naming_its_measures(
    kept_texts: list[str], labels: list[_Label | None], runs: Sequence[Sequence[int]], title: str | None
) -> None:
    """A paragraph judged off-topic that names a programme the kept paragraphs name in quotes (“好物联盟”),
    and no platform but the title's (or their parents' and children's), is the article's: a merchant's
    or a user's story in words of their own (刘晓楠告诉澎湃新闻，公司…通过好物联盟与200多位达人合作)."""
    off = [run for run in runs if _is_off_topic(labels[run[0]])]
    if not off:
        return
    body = [kept_texts[i] for run in runs for i in run if labels[i] is None]
    names = {m.group(1) for text in body for m in _QUOTED_NAME.finditer(text) if any(is_han(ch) for ch in m.group(1))}
    if not names:
        return
    lexicon = load_lexicon()
    titled = tuple(_platform_keys(title or ""))
    for run in off:
        text = "".join(kept_texts[i] for i in run)
        if _within_family(_platform_keys(text), titled, lexicon) and any(name in text for name in names):
            for i in run:
                labels[i] = None


_SERVICE_TERMS = re.compile(r"用户|投诉|规则|服务|保障|赔付|用戶|規則|服務|賠付")
"""Words of a platform's dealings with its users, besides the trade's (:data:`TRADE_TERMS`)."""


def _keep_paragraphs_naming_its_platform(
    kept_texts: list[str], labels: list[_Label | None], runs: Sequence[Sequence[int]], title: str | None
) -> None:
    """A paragraph judged off-topic that names the title's platform (or a parent or child of it), no other, and
    the trade's words or those of its dealings with users (:data:`_SERVICE_TERMS`), is the article's: a
    platform's part of a comparison in words of its own (另一项“减负”来自退货宝。淘宝同步宣布，退货宝平均费率
    下调超20%…); not a market report on its shares (:data:`~pgkg.ingest.extract_text.MARKET_RE`)."""
    off = [run for run in runs if _is_off_topic(labels[run[0]])]
    titled = tuple(_platform_keys(title or "")) if off else ()
    if not titled:
        return
    lexicon = load_lexicon()
    for run in off:
        text = "".join(kept_texts[i] for i in run)
        named = _platform_keys(text)
        if named and _within_family(named, titled, lexicon) \
                and (TRADE_TERMS.search(text) or _SERVICE_TERMS.search(text)) and not MARKET_RE.search(text):
            for i in run:
                labels[i] = None


OTHER_NEWS_RE = re.compile(r"^\s*(?:(?:另讯|又讯)(?=[\s\u3000,，:：])|(?:另据[^,，。]{2,14}?消息|(?:此外|另外)[,，]\s*据[^,，。]{2,14}?(?:消息|报道))\s*[,，:：])")
"""A paragraph that opens another news item (另讯,9月2日,区市场监管局…; 另据杭州市气象台消息,…; 此外，据海报新闻消息,…):
off-topic, whatever words it shares with the article. 另据了解 and 另据统计 open no other item."""


AUTHORITY_NEWS_RE = re.compile(r"^\s*据?[\u4e00-\u9fff]{1,12}?(?:局|部|委|厅|廳|办|辦|台|院|政府|中心)消息\s*[,，:：]")
"""A paragraph opening with an authority's news (市房管局消息，今年一季度全市二手房…): another news item when it is not
the body's first paragraph (新华社消息, a dateline) and names no platform nor anything of the trade."""


_WRAP_END = re.compile(r"[，,、：:；;]$")


def _wraps_to(original: str, line: Line, following: Line, kept: str) -> bool:
    """Whether ``line`` goes on in ``following``: it ends inside a sentence (a comma, a colon) and the
    next line starts right under it, with no blank line between (a paragraph broken into lines)."""
    return bool(_WRAP_END.search(kept.rstrip(_CLOSERS + " "))) and original.count("\n", line.end, following.start) == 1


def _wrapped_runs(units: Sequence[int], wrapped: Sequence[bool]) -> list[list[int]]:
    """``units`` (line indices, in order) grouped into paragraphs: a line that :func:`_wraps_to` the
    next one, itself a unit, is one paragraph with it."""
    runs: list[list[int]] = []
    for i in units:
        if runs and runs[-1][-1] == i - 1 and wrapped[i - 1]:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


TIME_OF_DAY_RE = re.compile(r"^\s*\d{1,2}[:：]\d{2}\s*$")
"""A line holding a time of day alone: the stamp of an item of a flash-news page (11:25 / headline / item)."""
MIN_STAMPED_ITEMS = 3
"""Time stamps that make a page a list of flash news items."""


def _drop_ticker_items(kept_texts: Sequence[str], labels: list[_Label | None]) -> str | None:
    """A news ticker's page (财联社电报, 7x24 flash news): two or more paragraphs open with a headline in 【】, each
    an item of its own news with the paragraphs up to the next; or :data:`MIN_STAMPED_ITEMS` items or more each
    under a time of day and its headline (11:25 / 天猫公布三季度品质抽检结果… / 36氪获悉，…). An item that names no
    platform and nothing of the trade (a typhoon, a fraud case, the stock market) is off topic. Returns the headline
    of the first time-stamped item kept: the article's title."""
    open_idx = [i for i, lab in enumerate(labels) if lab is None]
    starts = [i for i in open_idx if bracket_headline(kept_texts[i]) is not None]
    stamped = len(starts) < 2
    if stamped:
        starts = [i for i, text in enumerate(kept_texts) if TIME_OF_DAY_RE.match(text)]
        if len(starts) < MIN_STAMPED_ITEMS:
            return None
    headline = None
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(labels)
        item = [i for i in open_idx if start <= i < end]
        text = "".join(kept_texts[i] for i in item)
        head = kept_texts[start + 1] if stamped and start + 1 < end else ""
        if not _on_the_trade(head + text):
            for i in item:
                labels[i] = _Label("off-topic", False)
        elif stamped and headline is None and head:
            headline = head
    return headline


def _label_content(
    kept_texts: list[str], labels: list[_Label | None], title: str | None, bounds_of: _Bounds = sentence_bounds,
    wrapped: Sequence[bool] | None = None,
) -> str | None:
    """Label the remaining lines: body, heading, off-topic, duplicate, link-list. ``wrapped``: which lines
    go on in the next one (:func:`_wraps_to`); such lines are judged as one paragraph. Returns the headline of
    the item a flash-news page keeps (:func:`_drop_ticker_items`), if it is one."""
    first = next((i for i, lab in enumerate(labels) if lab is None and is_prose(kept_texts[i])), None)
    for i, lab in enumerate(labels):
        if lab is None and (OTHER_NEWS_RE.match(kept_texts[i]) or i != first and AUTHORITY_NEWS_RE.match(kept_texts[i])
                            and not _on_the_trade(kept_texts[i])):
            labels[i] = _Label("off-topic", False)
    item_headline = _drop_ticker_items(kept_texts, labels)
    open_idx = [i for i, lab in enumerate(labels) if lab is None]
    prose_set = {i for i in open_idx if is_prose(kept_texts[i])}
    prose = sorted(prose_set)
    # per-line values used by several rules, computed once per line (cache local to this call)
    line_bigrams: Callable[[int], frozenset[str]] = functools.cache(lambda i: bigrams(kept_texts[i]))
    sentence_count: Callable[[int], int] = functools.cache(lambda i: len(bounds_of(kept_texts[i])))
    title_bigrams = bigrams(title or "")
    lists = _introduced_lists(kept_texts, labels)
    listed = {i for lead, items in lists for i in (lead, *items)}
    runs = _wrapped_runs([i for i in prose if i not in listed], wrapped or [False] * len(kept_texts))
    if len(runs) >= MIN_TOPIC_PARAGRAPHS:
        units = [run[0] for run in runs]
        run_texts = ["".join(kept_texts[i] for i in run) for run in runs]
        # a short article's leniency is for paragraphs in the trade's words (an injected paragraph on holiday
        # travel shares 人次 with a page on 3亿人次 of visits, and names no platform, order or merchant)
        lenient = None if len(runs) + len(lists) >= SHORT_TOPIC_PARAGRAPHS else [
            _on_the_trade(text) for text in run_texts] + [True] * len(lists)
        unit_scores = _topic_scores(
            [frozenset().union(*(line_bigrams(i) for i in run)) for run in runs]
            + [frozenset().union(*(line_bigrams(i) for i in (lead, *items))) for lead, items in lists],
            title_bigrams,
            lenient,
        )
        scores = dict(zip(units, unit_scores))
        for run, text in zip(runs, run_texts):
            i = run[0]
            sentences = sentence_count(i) if len(run) == 1 else len(bounds_of(text))
            # judged as a paragraph; a lone sentence is less evidence: off-topic only when it shares
            # (almost) nothing with the article
            if ((sentences >= 2 and not _is_on_topic(*scores[i])
                    or _is_lone_stray(text, *scores[i]))
                    and not _speaks_governance(text, scores[i][0])):
                labels[i] = _Label("off-topic", False)
        _keep_enumeration(kept_texts, labels, units)
        for run in runs:  # a paragraph's lines share its verdict
            for j in run[1:]:
                labels[j] = labels[run[0]]
        for (lead, items), score in zip(lists, unit_scores[len(units):]):  # a list is judged as one paragraph
            for i in (lead, *items):
                labels[i] = _Label("body", True) if _is_on_topic(*score) else _Label("off-topic", False)
        _keep_roundup_parts(kept_texts, labels, prose)
        _keep_platform_replies(kept_texts, labels, prose)
        _keep_paragraphs_naming_its_measures(kept_texts, labels, runs, title)
        _keep_paragraphs_naming_its_platform(kept_texts, labels, runs, title)
    else:
        for i in listed:
            labels[i] = _Label("body", True)
    seen: dict[str, int] = {}
    if title:
        seen[_dup_key(title)] = -1
    recent: list[tuple[frozenset[str], int]] = []  # bigram sets of earlier paragraphs, with their sizes
    for i in open_idx:
        if labels[i] is not None:
            continue
        key = _dup_key(kept_texts[i])
        if key in seen and (len(key) >= MIN_DUPLICATE_CHARS or i not in prose_set):
            labels[i] = _Label("duplicate", False)
            continue
        seen[key] = i
        if i in prose_set and len(key) >= 20 and sentence_count(i) >= 2:
            bg = line_bigrams(i)
            if _has_near_duplicate(bg, recent[-200:]):
                labels[i] = _Label("duplicate", False)
                continue
            recent.append((bg, len(bg)))
    body = [i for i in prose if labels[i] is None]
    body_bigrams = title_bigrams.union(*(line_bigrams(i) for i in body))  # no bigram spans two lines
    # the loop below labels line i only: the labels of the lines after it are as they are here
    targets = [j for j in prose if labels[j] is None or labels[j].kept]  # type: ignore[union-attr]
    for i in open_idx:
        if labels[i] is not None:
            continue
        # a short unterminated line: a heading only if a body paragraph follows soon
        t = bisect.bisect_right(targets, i)
        nxt = targets[t] if t < len(targets) else None
        between = bisect.bisect_left(open_idx, nxt) - bisect.bisect_right(open_idx, i) if nxt is not None else 0
        bg = line_bigrams(i)
        on_topic = bool(bg) and len(bg & body_bigrams) / len(bg) >= 0.25
        if SPEAKER_CAPTION_LINE_RE.match(kept_texts[i]):
            labels[i] = _Label("body", True)
        elif nxt is not None and between <= 2 and len(kept_texts[i]) <= 40 and on_topic and labels[nxt] is None:
            labels[i] = _Label("heading", True)
        elif PERSON_NOTE_RE.match(kept_texts[i]):
            labels[i] = _Label("body", True)
        else:
            labels[i] = _Label("link-list" if not on_topic else "short-line", False)
    for i in body:
        labels[i] = _Label("body", True)
    _drop_lone_lines_in_lists(kept_texts, labels, sentence_count)
    _keep_introduced_tables(kept_texts, labels)
    return item_headline


def _keep_introduced_tables(kept_texts: list[str], labels: list[_Label]) -> None:
    """A text table that a body paragraph introduces (调整前后费率对比如下：then 类目  调整前费率  调整后费率,
    then 餐饮  2.5%  1.5% …): its header and rows are the article's, however short and figure-laden the
    lines. A header row, then two data rows or more, of the same number of cells, right under a kept
    paragraph ending in a colon or 如下 (a caption between them or not: 表：…数据), rule lines of a table drawn in
    text between them; a table drawn with bars whose header a rule line underlines (| 指标 | 2025年一季度 |, then
    | --- | --- |) under any kept body paragraph; or such a table
    written one cell per line (:func:`~pgkg.ingest.tables.column_table`, after a caption or not). Tables
    anywhere else (a stock box, a list of prices) stay as they were labelled."""
    def under_body(j: int) -> bool:  # a kept body paragraph
        return j >= 0 and labels[j].kept and labels[j].reason == "body"

    def introduces(j: int) -> bool:  # a kept body paragraph ending in a colon or 如下
        return under_body(j) and TABLE_INTRO.search(kept_texts[j].rstrip()) is not None

    i = 0
    while i < len(kept_texts):
        if introduces(i - 1) and (table := column_table(kept_texts, i)) is not None:
            for j in range(table.start, table.end):  # a table written one cell per line
                labels[j] = _Label("body", True)
            i = table.end
            continue
        kind = table_row_kind(kept_texts[i])
        intro = i - 1
        while intro >= 0 and is_table_border(kept_texts[intro]):
            intro -= 1
        if intro >= 1 and TABLE_CAPTION.match(kept_texts[intro]):
            intro -= 1  # a caption between the introducing paragraph and the header
        drawn = i + 1 < len(kept_texts) and "|" in kept_texts[i] and is_table_border(kept_texts[i + 1])
        if not (kind and not kind[1] and (introduces(intro) or drawn and under_body(intro))):
            i += 1
            continue
        end = i + 1
        while end < len(kept_texts) and (is_table_border(kept_texts[end])
                                         or table_row_kind(kept_texts[end]) == (kind[0], True)):
            end += 1
        rows = [j for j in range(i, end) if not is_table_border(kept_texts[j])]
        if len(rows) >= 3:
            for j in rows:
                labels[j] = _Label("body", True)
        i = end


_LIST_REASONS = frozenset({"link-list", "related-reading", "recommendation", "duplicate"})
_ITEM_END = re.compile(r"[。；;！!？?][”’」』\"]?$")
_INTRO_END = re.compile(r"[:：]$")


def _introduced_lists(kept_texts: list[str], labels: list[_Label | None]) -> list[tuple[int, list[int]]]:
    """Lists that a line ending in a colon introduces (年报核心数据: then ● 全年拦截…; ● …), as
    (that line, its items): two items or more, each marked (●, 1., (1), 一、) and ending as a
    sentence or clause does. Such a list is one paragraph, its items too short to be judged alone."""
    lists: list[tuple[int, list[int]]] = []
    i = 0
    while i < len(kept_texts):
        if labels[i] is None and _INTRO_END.search(kept_texts[i]):
            items = []
            j = i + 1
            while (j < len(kept_texts) and labels[j] is None and LIST_ITEM_MARK_RE.match(kept_texts[j])
                   and _ITEM_END.search(kept_texts[j])):
                items.append(j)
                j += 1
            if len(items) >= 2:
                lists.append((i, items))
                i = j
                continue
        i += 1
    return lists


def _drop_lone_lines_in_lists(
    kept_texts: list[str], labels: list[_Label | None], sentence_count: Callable[[int], int]
) -> None:
    """Short body lines inside a headline list (list lines or the page end on both sides) are headlines too."""

    def listish(j: int) -> bool:
        return j < 0 or j >= len(labels) or (labels[j] is not None and labels[j].reason in _LIST_REASONS)

    changed = True
    while changed:
        changed = False
        for i, lab in enumerate(labels):
            if lab is None or lab.reason != "body" or len(kept_texts[i]) > 60 or sentence_count(i) > 2:
                continue
            before = i > 0 and labels[i - 1] is not None and labels[i - 1].reason in _LIST_REASONS
            if before and listish(i + 1):
                labels[i] = _Label("link-list", False)
                changed = True


def _drop_duplicate_sentences(
    original: str, decisions: list[Decision], spans: list[tuple[int, int]], bounds_of: _Bounds = sentence_bounds,
    title: str | None = None,
) -> tuple[list[Decision], list[tuple[int, int]]]:
    """Carve exact repeats of an earlier sentence, or of the title, out of the kept body.

    Returns the new decisions and the bounds of the sentences that remain.
    """
    seen: set[str] = {_dup_key(title)} if title else set()
    dups: list[tuple[int, int]] = []
    kept: list[tuple[int, int]] = []
    for s0, e0 in spans:
        for bs, be in bounds_of(original[s0:e0]):
            key = _dup_key(original[s0 + bs : s0 + be])
            if len(key) >= MIN_DUPLICATE_CHARS and key in seen:
                dups.append((s0 + bs, s0 + be))
            else:
                kept.append((s0 + bs, s0 + be))
            seen.add(key)
    if not dups:
        return decisions, kept
    out: list[Decision] = []
    for d in decisions:
        inner = [(s, e) for s, e in dups if d.kept and d.reason == "body" and d.start <= s and e <= d.end]
        if not inner:
            out.append(d)
            continue
        pos = d.start
        for s, e in inner:
            if original[pos:s].strip(_STRIP + "\n"):
                out.append(Decision(pos, _rstrip_pos(original, pos, s), True, "body"))
            out.append(Decision(s, e, False, "duplicate"))
            pos = e
        while pos < d.end and original[pos] in _STRIP:
            pos += 1
        if pos < d.end:
            out.append(Decision(pos, d.end, True, "body"))
    return out, kept


def _rstrip_pos(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return end


def _has_near_duplicate(bg: frozenset[str], others: Sequence[tuple[frozenset[str], int]]) -> bool:
    """Some ``(set, size)`` of ``others`` has ``_jaccard(bg, set) >= 0.9``.

    Sets whose sizes alone rule it out (jaccard <= smaller size / larger size) are skipped.
    """
    n = len(bg)
    return any(_jaccard(bg, other) >= 0.9 for other, m in others if m * 10 >= n * 9 and n * 10 >= m * 9)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _decisions(lines: list[Line], labels: list[_Label], cuts: list[list[Cut]]) -> tuple[list[Decision], list[tuple[int, int]]]:
    decisions: list[Decision] = []
    body_spans: list[tuple[int, int]] = []
    for line, lab, line_cut in zip(lines, labels, cuts):
        if not lab.kept or lab.reason != "body":
            decisions.append(Decision(line.start, line.end, lab.kept, lab.reason))
            continue
        pos = 0
        pieces: list[tuple[int, int, bool, str]] = []
        for s, e, reason in line_cut:
            if s > pos:
                pieces.append((pos, s, True, "body"))
            pieces.append((s, e, False, reason))
            pos = e
        if pos < len(line.text):
            pieces.append((pos, len(line.text), True, "body"))
        for s, e, kept, reason in pieces:
            seg = line.text[s:e]
            ls = len(seg) - len(seg.lstrip(_STRIP))
            rs = len(seg) - len(seg.rstrip(_STRIP))
            s, e = s + ls, e - rs
            if s >= e:
                continue
            if kept and not _has_content(line.text[s:e]):
                kept, reason = False, "scrambled"
            start, end = line.start + s, line.start + e
            if decisions and decisions[-1].end == start and decisions[-1].kept == kept and decisions[-1].reason == reason:
                start = decisions.pop().start
            decisions.append(Decision(start, end, kept, reason))
            if kept:
                if body_spans and body_spans[-1][1] == start:
                    start = body_spans.pop()[0]
                body_spans.append((start, end))
    return decisions, body_spans


def clean(raw: RawDocument) -> CleanArticle:
    """Decide what of ``raw.text`` is article body; split it into sentences."""
    original = join_hard_wraps(raw.text)
    lines = split_head(split_lines(original))
    cuts = line_cuts([ln.text for ln in lines])
    bounds_of = functools.cache(sentence_bounds)  # a body line is split when labelled and when deduplicated
    labels, meta = _label_lines(raw, lines, cuts, bounds_of)
    decisions, spans = _decisions(lines, labels, cuts)
    decisions, bounds = _drop_duplicate_sentences(original, decisions, spans, bounds_of, meta.title)
    traditional = has_traditional(original)
    written = raw.text if original is not raw.text else None
    sentences = tuple(make_sentence(original, i, s, e, traditional=traditional, written=written)
                      for i, (s, e) in enumerate(bounds))
    lead = _lead(meta.title, original, spans)
    return CleanArticle(
        meta=meta,
        original=raw.text,
        decisions=tuple(decisions),
        sentences=sentences,
        lead=lead,
        extra={"encoding": raw.encoding, "media_type": raw.media_type},
    )


def _lead(title: str | None, original: str, spans: Sequence[tuple[int, int]]) -> str:
    parts = []
    if title:
        parts.append(normalize(title)[0])
    if spans:
        first_line_end = original.find("\n", spans[0][0])
        first_line_end = len(original) if first_line_end < 0 else first_line_end
        # the spans are in text order: stop at the first one past the first line
        para = "".join(original[s:e] for s, e in itertools.takewhile(lambda se: se[0] < first_line_end, spans))
        parts.append(normalize(para)[0])
    return "\n".join(parts)


# ------------------------------------------------------------------ report


def format_report(clean_article: CleanArticle, *, show_dropped: bool = True) -> str:
    """Plain-text report for ``pgkg clean FILE``: metadata, kept text, dropped spans."""
    m = clean_article.meta
    out = [
        f"source:    {m.source}",
        f"title:     {m.title or '-'}",
        f"published: {m.published or '-'}",
        f"outlet:    {m.outlet or '-'}",
        f"author:    {m.author or '-'}",
    ]
    kept_chars = sum(s.end - s.start for s in clean_article.sentences)
    dropped = clean_article.dropped()
    out.append(
        f"kept:      {len(clean_article.sentences)} sentences, {kept_chars} chars; "
        f"dropped {len(dropped)} spans, {sum(d.end - d.start for d in dropped)} chars"
    )
    out.append("")
    out.append("== kept text ==")
    sents = list(clean_article.sentences)
    for d in clean_article.decisions:
        if d.kept and d.reason == "heading":
            out.append(f"## {clean_article.original[d.start:d.end]}")
        elif d.kept and d.reason == "body":
            out.extend(s.text for s in sents if d.start <= s.start < d.end)
    if show_dropped:
        out.append("")
        out.append("== dropped ==")
        for d in dropped:
            text = clean_article.original[d.start : d.end].replace("\n", " ")
            if len(text) > 80:
                text = text[:77] + "..."
            out.append(f"[{d.start}:{d.end}] {d.reason}: {text}")
    return "\n".join(out) + "\n"
