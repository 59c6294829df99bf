"""Article metadata from the head of a page: title, date, outlet, author.

Pure functions over the page's lines. The evidence used is structural: the
headline is the line right above the date/source line (a breadcrumb or site
name above it is chrome), or, without one, the line right above the body; a
date labelled as the page's update time or a placeholder source such as 用户投稿
is not the article's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .extract_people import SURNAMES

__all__ = ["MetaFinding", "find_metadata", "parse_date", "is_navigation", "clean_container_title",
           "breadcrumb_headline"]

HEAD_LINES = 12
"""How many non-blank lines at the top of a page may hold metadata (when where the body starts is unknown)."""
HEAD_LINES_ABOVE_BODY = 30
"""How many, at most, when the body's first paragraph is known: all above it (a portal's long menus and
hot lists may push the headline and the date line down to the twentieth line)."""

_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<month>\d{1,2})\s*(?:[-/.]|月)\s*(?P<day>\d{1,2})(?!\d)\s*日?"
    r"|(?<![\d/.])(?P<dday>\d{1,2})/(?P<dmonth>\d{1,2})/(?P<dyear>(?:19|20)\d{2})(?![\d/])"
)
"""A date, year first (2023-08-25, 2023年8月25日, 2015.6.11), or day first with slashes as Malaysian, Singaporean and
Hong Kong pages write it (03/11/2025: 3 November)."""
_DAY_TIME = re.compile(r"(?<![\d\-/.])(?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])\s+\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
"""A month and day with the time but no year (每日经济新闻    03-18 09:12): a date line's date, though it
gives no publication date."""
_TIME = re.compile(r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_UPDATE_LABEL = re.compile(r"(更新|修改|點擊|点击|访问|訪問|浏览|瀏覽|阅读|閱讀|評論|评论|updated?|modified)", re.I)
_LABEL = re.compile(
    r"(来源|來源|作者|时间|時間|日期|发布|發布|发表|發表|更新|编辑|編輯|点击|點擊|阅读|閱讀|浏览|记者|記者|"
    r"责任编辑|責任編輯|date|source|author|published|time)\s*[:：]?",
    re.I,
)
_SOURCE = re.compile(r"(?<!图)(?<!圖)(?<!图片)(?<!圖片)(?<!视频)(?<!視頻)(?:文章来源|文章來源|新闻来源|来源|來源|出处|source)\s*[:：]\s*"
    r"([A-Za-z][A-Za-z&.'\-]*(?: [A-Za-z&][A-Za-z&.'\-]*){1,4}(?=\s*(?:$|[|｜,，;；)）]|\s\s))|[^\s:：()（）\[\]【】|/,，。]{2,20})", re.I)
"""A source line (来源：新华网, 来源：Business Wire), not an image's or a video's credit (图片来源：视觉中国)."""
_AUTHOR = re.compile(r"(?:作者|撰文|文)\s*[:：/／|｜丨]\s*([\u4e00-\u9fffA-Za-z·]{2,12})")
_REPORTER = re.compile(r"(?:本报记者|記者|记者|通讯员|通訊員)\s*[:：|｜]?\s*([\u4e00-\u9fff]{2,4})(?=[\s,，、)）]|$)")
_NAV = re.compile(r"当前位置|當前位置|您的位置|所在位置|>>|»|›|首页\s*[>/]")
"""Breadcrumb marks (every branch starts with a literal: Python's re skips ahead fast);
also `` > `` (:data:`_NAV_GT`) and 首页 at the start of the line."""
_NAV_GT = re.compile(r"\s>\s")
_PLACEHOLDER = re.compile(
    r"^(用户投稿|網友投稿|网友投稿|投稿|本报记者|本報記者|记者|記者|特约记者|特約記者|见习记者|實習記者|实习记者|通讯员|通訊員|网络|網絡|互联网|本站|本网|本会|本會|原创|未知|admin|administrator|转载|轉載|网友|網友|"
    r"综合|佚名|匿名|小编|编辑|管理员|none|null|unknown)$",
    re.I,
)
_CLAUSE_END = "，,、；;：:。"
_SENTENCE_END = "。！？!?”"
_TITLE_SUFFIX = re.compile(r"\s*[_|\-–—]\s*[^_|\-–—]{2,20}$")
_LIST_ENTRY = re.compile(r"^\s*[-•·*●◆■▪►]\s*")
_DATED_LIST_ENTRY = re.compile(r"^[(（\[]\s*(19|20)\d{2}")
_META_PUNCT = re.compile(r"[\s:：()（）\[\]【】|/,，·\-]+")
_DIGIT = re.compile(r"\d")
_NUMBERED_NAME = re.compile(r"\d{1,3}[\u4e00-\u9fff]{1,12}|[\u4e00-\u9fff]{2,12}\d{1,3}")
"""An outlet's name with digits (36氪, 香港01)."""
"""An outlet whose name starts with a number (21世纪经济报道, 36氪): its only digits."""
_MASTHEAD_PUNCT = re.compile(r"[\s·|/｜\-–—]+")
_MASTHEAD_NAME = re.compile(r"(?:\d{1,3}(?=[\u4e00-\u9fff]))?[\u4e00-\u9fffA-Za-z·]{1,15}")
_SPACES = re.compile(r"\s+")
_WEEKDAY = re.compile(r"(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]")
"""A weekday beside the date on a date line (2024年5月6日 星期一 香港經濟日報): no part of the outlet."""
_BRACKETED_SOURCE = re.compile(r"[(（]\s*(?:文章|新闻)?(?:来源|來源)\s*[:：]\s*([^()（）\s]{2,20})\s*[)）]")
_FORMER_TITLE = re.compile(r"^\s*[(（【\[]?\s*原(?:标题|題|标题为)\s*[:：]\s*(.+?)\s*[)）】\]]?\s*$")
"""A reprint's "原标题：…" line (the original headline), under the page's own headline."""
_BYLINE = re.compile(r"^\s*(文|撰文|作者)\s*[/／:：]")
_DATELINE = re.compile(
    r"^\s*(?:(?P<filed>[\u4e00-\u9fffA-Za-z]{2,10}?)(?:\d{1,2}月\d{1,2}日)?(?<![资快简通喜腾])讯\s*[（(【]\s*(?:[\u4e00-\u9fff]{0,4}记者|通讯员|实习生)"
    r"|(?P<wired>[\u4e00-\u9fff]{1,8}?[社网报台])(?:[\u4e00-\u9fff]{2,4})?\d{1,2}月\d{1,2}日电"
    r"|【(?P<reported>[\u4e00-\u9fffA-Za-z0-9]{1,8}?(?:报|网|新闻|社|台))[\u4e00-\u9fff]{0,6}报道】"
    r"|(?P<noted>[\u4e00-\u9fffA-Za-z0-9]{1,8}?(?:报|网|新闻|社|台|财经|之家|科技))\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*消息\s*[,，]"
    r"|(?P<learned>[\u4e00-\u9fffA-Za-z0-9]{1,8}?(?:报|網|网|新闻|新聞|社|台|财经|之家|科技|媒体|氪))(?:\d{1,2}月\d{1,2}日)?(?:独家)?获悉\s*[,，])"
)
"""A news dateline opening the body: the outlet that filed the story (新京报讯（记者 张静）,
财联社10月8日讯（记者…）, 新华社北京10月8日电, 中新网10月8日电, 【环球网科技综合报道】, IT之家 11 月 20 日消息，,
36氪获悉，). The last three only with a name that ends as outlets' names do, so that a platform's own news
(京东11月20日消息) is not taken for an outlet's."""
_WIRE_DATELINE = re.compile(
    r"^\s*[\u4e00-\u9fffA-Za-z]{2,10}\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[/／]\s*"
    r"(?P<wire>[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z ]{1,18}?)\s*[/／]"
)
"""A press-release wire's dateline opening the body (北京2025年3月6日 /美通社/ -- 京东物流今日宣布…):
the release's date and the wire that carried it."""
_SITE_NAME = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9.]{1,12}\s+)?(?P<name>[\u4e00-\u9fff]{2,10}?(?:日报|日報|晚报|晚報|早报|商报|商報|报|報|新闻网|新聞網|网|網|新闻|新聞|社|电视台))"
    r"(?:数字报|數字報|电子版|電子版|数字版|首页|首頁|官网)?(?=[\s|｜]|$)"
)
"""A news site's name opening the page's first line, perhaps after its Latin brand (香港經濟日報 hket.com, hket 香港經濟日報,
新民晚报数字报): the outlet when the
text names no other."""
_SITE_BRAND = re.compile(
    r"(?P<name>(?:\d{1,3}[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{2,6}\d{0,3})(?:[A-Z][A-Za-z]{2,11})?)(?:\s*[|｜]\s*[\u4e00-\u9fff，,]{4,20}|\s+[A-Z][A-Za-z .]{2,30})?"
)
"""A site's brand alone on the page's first line, with its slogan or its Latin name (知乎, 香港01, 晚点LatePost, 36氪 |
让一部分人先看到未来, 數位時代 BusinessNext): the outlet when nothing else names one and a menu or a date line follows."""
_BRAND_BEFORE_MENU = re.compile(r"(?P<brand>\S{2,16})\s{2,}(?P<menu>.+)")
"""A site's brand and its menu on one line, apart by a run of spaces (香港01  港聞 | 即時 | 社會新聞 | …)."""


def _site_brand(lines: Sequence[str]) -> str | None:
    """The brand (:data:`_SITE_BRAND`) alone on the page's first line above a menu or a date line, or before its menu on
    that line (:data:`_BRAND_BEFORE_MENU`); None when the first line is no such thing."""
    first = lines[0].strip()
    if (brand := _SITE_BRAND.fullmatch(first)) and (is_navigation(lines[1]) or _is_meta_line(lines[1])):
        name = brand.group("name")
    elif (split := _BRAND_BEFORE_MENU.fullmatch(first)) and is_navigation(split.group("menu")) \
            and (brand := _SITE_BRAND.fullmatch(split.group("brand"))):
        name = brand.group("name")
    else:
        return None
    return None if is_navigation(name) else name


_CLOSING_SOURCE = re.compile(r"^[(（【\[]?\s*(?:本文|文章|稿件|新闻)?(?:来源|來源)\s*[:：]\s*([^\s:：()（）\[\]【】|/,，。]{2,20})\s*[)）】\]]?$")
"""A line that gives the article's source and nothing else (本文来源：每日经济新闻), below the head."""
_CLOSING_DATE = re.compile(
    r"\s*(?:发布时间|發佈時間|发布于|发表于|时间|時間)?\s*[:：]?\s*(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:[・·|]?\s*IP\s*(?:属地|屬地)\s*[:：]?\s*[\u4e00-\u9fff]{2,8})?\s*"
)
"""A line that gives a date and nothing else (2026-01-08 20:13), or the poster's region after it (发布于 2025-06-03
21:47・IP 属地广东): a page that dates its article at the bottom."""
_DATELINE_CREDIT = re.compile(r"^[^（(【]{2,24}讯\s*[（(【]\s*(?:[\u4e00-\u9fff]{0,4}记者)\s*(?P<name>[\u4e00-\u9fff]{2,4})\s*[）)】]")
"""The reporter credited in a dateline (新京报讯（记者 张静）): one name alone in the brackets."""
_DATELINE_PLACEHOLDER = re.compile(r"^本(?:报|网|刊|台|站|社)")
_CREDITED_OUTLET = re.compile(
    r"^(?P<outlet>(?:\d{1,3})?[\u4e00-\u9fff]{1,10}?(?:报道|报|報|网|網|新闻|新聞|社|台|周刊|杂志|财经|財經))"
    r"(?:[·・][\u4e00-\u9fff]{2,6}?|客户端)?\s*(?:首席|资深|特约|见习|实习)?(?:记者|記者)\s*[|｜:：/／]?\s*[\u4e00-\u9fff]{2,4}(?:\s|$)"
)
"""A reporter's credit that names the outlet (界面新闻记者 | 周亦然, 新京报记者 张静, 21世纪经济报道 记者 林晓昕
杭州报道): the outlet, when nothing else names it. Only a name that ends as outlets' names do (报, 网,
新闻, 社, 台 …), so that an abbreviation (每经记者) or a desk is not taken for one."""


@dataclass(frozen=True, slots=True)
class MetaFinding:
    """Metadata found in a page and which lines held it."""

    title: str | None = None
    title_line: int | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    meta_lines: frozenset[int] = frozenset()
    """Indices (into the given lines) of lines that are pure metadata (date/source/author)."""


def parse_date(text: str) -> str | None:
    """First valid calendar date in ``text`` as ``YYYY-MM-DD`` (2015.6.11, 2023年8月25日, 03/11/2025 …)."""
    for m in _DATE.finditer(text):
        first = m.group("year") is not None
        year, month, day = (int(m.group(g)) for g in (("year", "month", "day") if first else ("dyear", "dmonth", "dday")))
        if 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month):
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


_MENU = re.compile(r"^(?:\S{1,5}\s+){5,}\S{1,5}$|(?:\S{1,5}\s*[|｜]\s*){3,}\S{1,5}(?:\s{2,}\S{1,8})?$")
"""A site's menu: six or more short words apart by spaces (搜狐首页 新闻 体育 汽车 房产 旅游 …), or a line ending in
four or more apart by bars (财联社 CLS.CN 电报 | 看盘 | 公司 | 深度 | 会员), perhaps with a button after them
(… | 生活 | 熱話   訂閱01會員)."""


def is_navigation(line: str) -> bool:
    """A breadcrumb / 'you are here' line, or a site's menu."""
    if len(line) > 120:
        return False
    if line.startswith("首页") or _NAV.search(line) or _MENU.search(line):
        return True
    return ">" in line and _NAV_GT.search(line) is not None


_CRUMB_LABEL = re.compile(r"^\s*(?:您?(?:现在|目前)?(?:的|当前|所在)?位置|當前位置|您的位置)\s*[:：]?\s*")
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|»|›|→|＞)\s*")
_CRUMB_HOME = re.compile(r"^(?:网站首页|首页|首頁|主页|主頁)\s*")
_PAGE_ACTIONS = re.compile(r"(?:\s*[【\[]?(?:举报文章|举报|舉報|分享到?|收藏|打印|纠错|關閉|关闭)[】\]]?)+\s*$")
HEADLINE_HAN = 8
"""Chinese characters a headline at the end of a breadcrumb has at least (a channel's name,
新闻中心, 品牌风采, 正文, has fewer)."""


def breadcrumb_headline(line: str) -> str | None:
    """The headline that a breadcrumb line ends with, if any: 当前位置:首页天猫总裁王煜磊:未来电商要回归
    消费者体验 举报文章 gives 天猫总裁王煜磊:未来电商要回归消费者体验; 首页 > 财经 > 正文 gives None.

    The last step of the trail (after the label, 首页 and the last separator), without the page's
    buttons after it (举报, 分享, 收藏 …), when it is a title-like line of :data:`HEADLINE_HAN`
    Chinese characters or more."""
    if not is_navigation(line):
        return None
    rest = _CRUMB_LABEL.sub("", line, count=1)
    last = _CRUMB_SEP.split(rest)[-1]
    last = _PAGE_ACTIONS.sub("", _CRUMB_HOME.sub("", last, count=1)).strip()
    if sum(1 for ch in last if "\u4e00" <= ch <= "\u9fff") < HEADLINE_HAN or is_navigation(last):
        return None
    return _SPACES.sub(" ", last) if _title_ok(last) else None


_BRACKET_HEADLINE = re.compile(r"^【(?P<headline>[^【】]{8,80})】")


def bracket_headline(paragraph: str) -> str | None:
    """The headline in 【】 that opens a news ticker's item (【京东外卖上线“食安快赔” 已为消费者先行赔付超2300万元】
    财联社6月5日电，…), if title-like; not a short label (【编者按】)."""
    m = _BRACKET_HEADLINE.match(paragraph)
    if m is None or sum(1 for ch in m.group("headline") if "\u4e00" <= ch <= "\u9fff") < HEADLINE_HAN:
        return None
    headline = _SPACES.sub(" ", m.group("headline")).strip()
    return headline if _title_ok(headline) else None


def _is_list_entry(line: str) -> bool:
    return bool(_LIST_ENTRY.match(line)) or bool(_DATED_LIST_ENTRY.match(line))


def _has_date(line: str) -> bool:
    """A date in ``line``, with its year or (beside the time) without it (:data:`_DAY_TIME`)."""
    return _DATE.search(line) is not None or _DAY_TIME.search(line) is not None


def _is_meta_line(line: str) -> bool:
    """A short line made of date/time/labels/source (no sentence)."""
    if _is_list_entry(line) or len(line) > 90:
        return False
    has_date = _has_date(line)
    has_label = _LABEL.search(line) is not None
    if not (has_date or _SOURCE.search(line) or _AUTHOR.search(line)):
        return False
    rest = _DATE.sub("", _DAY_TIME.sub("", line))
    rest = _TIME.sub("", rest)
    rest = _LABEL.sub("", rest)
    rest = _META_PUNCT.sub("", rest)
    return len(rest) <= 30 and (has_date or has_label)


_HEAD_META_START = re.compile(
    r"(?<=\s)(?:(?:发布时间|發布時間|发布日期|更新时间|时间|時間|日期|来源|來源|作者|记者|記者)\s*[:：]"
    r"|(?:19|20)\d{2}\s*(?:[-/.]|年)\s*\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2})"
)
_HEAD_MASTHEAD = re.compile(r"(?:^|\s)([\u4e00-\u9fff]{2,10}(?:报|報|网|網|新闻|新聞|社|台))\s+$")
_HEAD_CRUMB = re.compile(r"(?:>>|>|»|›|＞)\s*[^\s>»›＞]+")


def head_line_parts(line: str) -> list[tuple[int, int]]:
    """A page head crammed into one line, split into its parts (offsets in ``line``): the breadcrumb,
    the headline and the date line (法治网首页 > 法治要闻 > 正文 淘宝闲鱼联手公安打假 一年协助侦破售假案件1576起
    发布时间：2024年04月26日 08:47　来源：法治日报 …; 首页 > 财经 > 消费 唯品会升级售后服务 南方都市报 2023-03-14 19:20).

    The date line starts at the first label or date after a space (or at the outlet's name right
    before that date); the breadcrumb ends after the step that follows its last separator. Only
    when the line opens with a breadcrumb, what is left between it and the date line is a headline
    (:data:`HEADLINE_HAN` Chinese characters or more, no sentence) and the rest is a date line
    (:func:`_is_meta_line`); else the line is one part (新京报 贝壳财经 2024-05-20 10:00 is a masthead)."""
    whole = [(0, len(line))]
    if len(line) < 24 or (m := _HEAD_META_START.search(line)) is None:
        return whole
    meta_start = m.start()
    if m.group(0)[0].isdigit() and (name := _HEAD_MASTHEAD.search(line, 0, meta_start)):
        meta_start = name.start(1)
    crumbs = list(_HEAD_CRUMB.finditer(line, 0, meta_start))
    if not crumbs or not is_navigation(line[: crumbs[-1].end()]):
        return whole
    title_start = crumbs[-1].end()
    title = line[title_start:meta_start].strip()
    han = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    if han < HEADLINE_HAN or len(title) > 64 or title[-1] in _SENTENCE_END + _CLAUSE_END \
            or not _is_meta_line(line[meta_start:].strip()):
        return whole
    return [(0, title_start), (title_start, meta_start), (meta_start, len(line))]


_CHANNEL = re.compile(r"^(?P<outlet>.+?)\s*[-–—_|·－]\s*[\u4e00-\u9fff][\u4e00-\u9fff·]{0,10}(?:频道|栏目|頻道|欄目)$")
"""An outlet with its channel (人民网-财经频道, 人民网－经济·科技频道): the outlet is the part before."""
_PROVINCES = (r"(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川"
              r"|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)(?:省|市)?")
_NOT_MASTHEAD = re.compile(
    r"^(?:来自|發自|发自|发布于|發佈於|发表于|IP属地|IP屬地|By|by|BY|作者|文"
    rf"|{_PROVINCES}$)"
)
"""A name beside the date that is where the poster is (来自北京, a bare 浙江 after the time) or who wrote it (By 陈琳)."""


_APP_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9]{2})\s*(?:客户端|APP|App|app)$")
"""The outlet's app named as the source (来源：人民日报客户端, 潮新闻客户端): the outlet is the name before it."""


_TITLED_PAPER = re.compile(r"^[^《》]{2,12}?[-–—_|·]\s*《(?P<paper>[^《》]{2,12})》$")
"""A portal with the paper it reprints (光明网-《光明日报》): the paper, as a masthead names it."""


_OUTLET_CHANNEL = re.compile(
    r"^(?P<outlet>[\u4e00-\u9fff]{2,8}?(?:报|報|网|網|社|台|新闻|新聞))\s*[·・|｜\-—]?\s*"
    r"[\u4e00-\u9fffA-Za-z]{1,5}(?:财经|財經|派|号|號|客户端|新媒体|视频|視頻|频道|頻道|栏目|财社|工作室)$"
)
"""An outlet with its channel, app or self-media account (新京报贝壳财经, 新京报 贝壳财经, 羊城晚报·羊城派,
湖南潇湘晨报官方百家号, 南方都市报·N视频): the outlet is the part before."""


def _outlet_of(value: str) -> str | None:
    if (paper := _TITLED_PAPER.match(value.strip())) is not None:
        value = paper.group("paper")
    value = value.strip().strip("“”\"'《》")
    if (channel := _CHANNEL.match(value) or _OUTLET_CHANNEL.match(value)) is not None:
        value = channel.group("outlet")
    value = _APP_SUFFIX.sub("", value)
    if not value or _PLACEHOLDER.match(value) or _DATE.search(value):
        return None
    if _DIGIT.search(value) and not _NUMBERED_NAME.fullmatch(value):
        return None
    return value


_CREDIT_PART = re.compile(
    r"(?:(?:作者|撰文|责任编辑|编辑|責任編輯|編輯|责编|记者|記者|文)\s*[:：/／|｜]|[/／|｜]\s*(?:记者|記者)"
    r"|(?<=\s)(?:本报记者|记者|記者|通讯员)\s*[\u4e00-\u9fff]{2,4}(?=\s|$)).*$"
)
"""A labelled credit ending the date line (作者：周宇, 撰文：本報記者 區穎彤, 聯合新聞網/ 記者林家豪/台北即時報導,
2023.11.21  北京商报  记者 魏蔓): no part of the masthead."""
_TIME_ZONE = re.compile(r"(?<=\d)\s*(?:HKT|CST|GMT|UTC|BJT)(?:\s*[+-]\s*\d{1,2})?(?![A-Za-z])")
"""A time zone after the time (14:32 HKT): no masthead."""


_WECHAT_REPOST = re.compile(r"^\s*以下文章来源于\s*(?P<account>[^\s,，]{2,20})\s*(?:[,，]\s*作者.*)?$")
"""WeChat's line over an article another account wrote (以下文章来源于钱江晚报 ，作者记者 方知遥): that account is the
outlet, not the one reposting it."""
_WECHAT_HEAD = re.compile(
    r"^\s*原创\s+(?:.*\s)?(?P<account>[\u4e00-\u9fffA-Za-z0-9]{2,20})\s+\d{4}年\d{1,2}月\d{1,2}日\s+\d{1,2}:\d{2}"
    r"(?:\s+[\u4e00-\u9fff]{2,3})?\s*$"
)
"""A WeChat article's head line: 原创, the author, the account's name, the date and time, the poster's region
(原创 澎湃新闻记者 王心怡 澎湃新闻 2024年08月21日 19:06 上海): the account is the outlet."""


def _is_company(name: str) -> bool:
    """A platform's or a company's name of the lexicon (京东健康, 京东集团): the issuer of a press release, not an outlet."""
    from pgkg.ontology.lexicon import load_lexicon  # noqa: PLC0415 (metadata needs the lexicon only here)

    lexicon = load_lexicon()
    return any(name in platform.names for platform in lexicon.platforms.values()) or any(
        name == org.zh or name in org.aliases for org in lexicon.organizations.values())


def _looks_like_person(name: str) -> bool:
    """Two or three Han chars opening with a common surname (王心怡): an author, not an account."""
    return 2 <= len(name) <= 3 and name[0] in SURNAMES and all("\u4e00" <= ch <= "\u9fff" for ch in name)


_MASTHEAD_TAIL = re.compile(
    r"\s(?:发布于|發佈於|发表于)\s*[\u4e00-\u9fff]{2,4}(?=\s|$)|\s(?:分享到|分享至)\s*[:：].*$|\s(?:听新闻|听全文|收听|朗读)\s*$"
    rf"|(?<=\d)\s+{_PROVINCES}\s*$"
    r"|\s+[\u4e00-\u9fffA-Za-z]{2,10}官方(?:账号|帳號|帐号|号|號)\s*$"
)
"""After the masthead's name and date, where the poster is, the page's share buttons and its audio button (南方都市报
2023-03-14 19:20 发布于广东 分享到：微信 朋友圈, 第一财经  2025-05-20 20:31:46  听新闻), a portal's label of the account
(腾讯科技  2025-08-28 18:05  发布于广东  腾讯新闻官方账号), or the region after the time
(红星新闻  2025年07月22日 19:36  四川): no part of the name."""


def _masthead_outlet(line: str) -> str | None:
    """The name next to the date on a date line ("2023-03-02 15:47:28 中国质量报", also with a labelled
    credit after it: "2024-09-20 08:00 36氪 · 作者：周宇")."""
    line = _CREDIT_PART.sub(" ", _TIME_ZONE.sub(" ", _DAY_TIME.sub(" ", _MASTHEAD_TAIL.sub(" ", line))))
    if _LABEL.search(_DATE.sub("", line)):
        return None
    parts = _WEEKDAY.sub(" ", _TIME.sub(" ", _DATE.sub(" ", line))).split()
    if len(parts) == 2 and _looks_like_person(parts[1]) and not _looks_like_person(parts[0]):
        parts = parts[:1]  # the author's name after the outlet's (第一财经  陆一鸣  2025-09-26 20:41:15)
    if len(parts) > 1 and len(set(parts)) == 1:
        parts = parts[:1]  # a WeChat head naming the account twice, as its author too (杭州消费观察 杭州消费观察 2025年…)
    rest = _MASTHEAD_PUNCT.sub("", " ".join(parts))
    if _MASTHEAD_NAME.fullmatch(rest) and not _NOT_MASTHEAD.match(rest):
        return _outlet_of(rest)
    return None


AUDIO_PLAYER_RE = re.compile(r"^\s*[\[【(（]?\s*(?:音频|音頻|语音|播报)\s*[\]】)）]?\s*(?:听全文|收听|播放|点击收听)")
"""A page's audio player ([音频] 听全文 05:42): chrome, and no headline."""
_PAGE_BUTTONS = re.compile(
    r"^\s*(?:分享到|分享至|分享|收藏|打印|字号|字體|字体|字號)\s*[:：]|" + AUDIO_PLAYER_RE.pattern
)
"""A bar of the page's buttons (分享到： 微信 微博 邮件 打印, 字号：大 中 小) or its audio player ([音频] 听全文 05:42): no
headline, and nothing between a headline and its date line or body."""


_OUTLET_NAME_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:日报|晚报|早报|商报|报|報|新闻网|网|網|新闻|新聞|社|电视台)")
"""A line that is only an outlet's name (新民晚报), right above the date line: the poster, not the headline
(a self-media page: 新民晚报 / 2024-08-02 15:33 发布于：上海市 / the headline / the body)."""
_LATIN_SUBTITLE = re.compile(r"(?=[^A-Za-z]*[A-Za-z]{3})[A-Za-z0-9][A-Za-z0-9 ,.'’:;&()\-–—?!%$\"/]{10,}")
"""A line of English under a Chinese headline (its translation or subtitle, perhaps opening with a figure or a name
in digits: 1688 Unveils …): no headline of its own."""


_BARS = re.compile(r"[|｜].*[|｜]")
"""Two bars in a line: a masthead of sites or a menu (楚天都市报数字报 | 极目新闻 | 荆楚网  登录  注册), no headline."""


def _title_ok(line: str) -> bool:
    han = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff")
    return (
        4 <= len(line) <= 80
        and _BARS.search(line) is None
        and han >= 4
        and line[-1] not in _CLAUSE_END
        and not is_navigation(line)
        and not _is_meta_line(line)
        and not _is_list_entry(line)
        and not _PAGE_BUTTONS.match(line)
        and not _COUNTER_LINE.match(line)
    )


_COUNTER_LINE = re.compile(r"^\s*[\d,.]+\s*[万wWkK]?\s*(?:人赞同了该(?:文章|回答)|人(?:点赞|喜欢|收藏|阅读|看过)|次(?:阅读|浏览|播放))")
"""A page's counter under the head (1,214 人赞同了该文章, 3.2万次阅读): no headline."""


def clean_container_title(title: str | None) -> str | None:
    """An HTML <title> without its trailing site name ("… _证券日报网")."""
    if not title:
        return None
    t = _SPACES.sub(" ", title).strip()
    t = breadcrumb_headline(t) or t
    stripped = _TITLE_SUFFIX.sub("", t)
    return stripped if len(stripped) >= 4 else t


def _fold(s: str) -> str:
    return _SPACES.sub("", s)


def find_metadata(
    lines: Sequence[str],
    *,
    container_title: str | None = None,
    container_date: str | None = None,
    container_outlet: str | None = None,
    container_author: str | None = None,
    body_start: int | None = None,
) -> MetaFinding:
    """Find title, date, outlet and author among ``lines`` (stripped, non-blank).

    ``body_start`` is the index of the first body paragraph, if known: metadata
    is looked for above it (at most :data:`HEAD_LINES_ABOVE_BODY` lines; else in the first
    :data:`HEAD_LINES`). The ``container_*``
    values come from the page's markup or JSONL fields. The text names the outlet before
    the container's site name (a portal reposting another outlet's article): a 来源 line (the
    site's own name on its first line when the source is the site itself: 信息来源：本会), else the
    posting account's name above a date line that repeats it, else the account of a WeChat head
    line, else a name beside the date (a masthead) that is not the author's, else a news dateline
    opening the body (新京报讯（记者 张静）, 新华社北京10月8日电, 36氪获悉) or a wire's dateline (北京2025年3月6日
    /美通社/), else (after the container's site name and a bracketed 来源) a reporter's credit that names it
    (界面新闻记者 | 周亦然), else a source line of its own below the head (本文来源：每日经济新闻); the text's byline names the
    author before the container; with no date in the head or the container, a date line of its own after
    the article dates it. The headline is the line above the date or source line; on
    a page without one under it, the nearest title-like line above the first body paragraph
    (past bylines and a short first paragraph), unless the container gives a title.
    """
    limit = min(len(lines), HEAD_LINES if body_start is None else min(HEAD_LINES_ABOVE_BODY, body_start + 1))
    head = list(range(limit))
    meta_lines = [i for i in head if _is_meta_line(lines[i])]

    published = None
    for i in meta_lines:
        line = lines[i]
        m = _DATE.search(line)
        if m is None:
            continue
        label_before = line[: m.start()]
        if _UPDATE_LABEL.search(label_before[-12:]):
            continue
        published = parse_date(line)
        if published:
            break
    if published is None and container_date:
        published = parse_date(container_date)
    if published is None:  # a date line of its own after the article (21世纪经济报道 / 2026-01-08 20:13)
        published = next((parse_date(line) for line in lines[limit:] if _CLOSING_DATE.fullmatch(line)), None)

    # (the body's first line may be a short paragraph above body_start)
    dateline = next((m for i in head if (m := _DATELINE.match(lines[i]))), None) if body_start is not None else None
    author = None
    for i in head:
        found = (m.group(1) for pattern in (_AUTHOR, _REPORTER) if (m := pattern.search(lines[i])))
        name = next((n for n in found if not _PLACEHOLDER.match(n)), None)  # 撰文：本報記者 區穎彤
        if name and len(lines[i]) <= 60:
            author = name
            break
    wire = next((m for i in head if (m := _WIRE_DATELINE.match(lines[i]))), None) if body_start is not None else None
    if published is None and wire:
        published = parse_date(wire.group("date"))
    if author is None and dateline and (credit := _DATELINE_CREDIT.match(dateline.string)):
        author = credit.group("name")  # 新京报讯（记者 张静）
    if author is None and container_author and not _PLACEHOLDER.match(container_author):
        author = container_author

    outlet = None
    for i in meta_lines:
        m = _SOURCE.search(lines[i])
        if m and _outlet_of(m.group(1)):
            outlet = _outlet_of(m.group(1))
            break
    if outlet is None:  # a WeChat account's repost of another's article (以下文章来源于钱江晚报 ，作者记者 方知遥)
        outlet = next((name for i in head if (m := _WECHAT_REPOST.match(lines[i])) and (name := _outlet_of(m.group("account")))),
                      None)
    if outlet is None and any((m := _SOURCE.search(lines[i])) and _SELF_SOURCE.match(m.group(1)) for i in meta_lines):
        outlet = next((_outlet_of(lines[i]) for i in head[:3] if _SITE_OWNER.fullmatch(lines[i])), None)
    if outlet is None and meta_lines and _is_account_line(lines, meta_lines[0]):
        outlet = _outlet_of(lines[meta_lines[0] - 1])  # the posting account's name (潇湘晨报)
    if outlet is None:
        for i in meta_lines:
            if (account := _WECHAT_HEAD.match(lines[i])) and (name := _outlet_of(account.group("account"))) \
                    and name != author and not _looks_like_person(name):
                outlet = name  # 原创 王心怡 澎湃新闻 2024年08月21日 19:06 上海
                break
    if outlet is None:
        for i in meta_lines:
            name = _masthead_outlet(lines[i]) if _has_date(lines[i]) and not _WECHAT_HEAD.match(lines[i]) else None
            if name and name != author and not (_looks_like_person(name) and not _OUTLET_NAME_LINE.fullmatch(name)):
                # (not the author's name beside the date: 陈琳 · 2024-07-09, 程翎 2025年8月1日 09:12)
                outlet = name
                break
    if outlet is None and meta_lines and meta_lines[0] > 0 and _OUTLET_NAME_LINE.fullmatch(above := lines[meta_lines[0] - 1]):
        # an outlet's name of its own above the date line (星島日報), without its e-paper's word (新民晚报数字报)
        outlet = _outlet_of(site.group("name") if (site := _SITE_NAME.match(above)) else above)
    if outlet is None and dateline:
        filed = next(name for name in dateline.group("filed", "wired", "reported", "noted", "learned") if name)
        if not _DATELINE_PLACEHOLDER.match(filed):
            outlet = _outlet_of(filed)
    if wire and (outlet is None or _is_company(outlet)):
        outlet = _outlet_of(wire.group("wire"))  # (a release's 来源 naming the company that issued it: the wire's)
    if outlet is None and container_outlet:
        outlet = _outlet_of(container_outlet)
    if outlet is None:
        for line in lines:
            m = _BRACKETED_SOURCE.search(line)
            if m and _outlet_of(m.group(1)):
                outlet = _outlet_of(m.group(1))
                break
    if outlet is None:
        credited = (m for i in head if len(lines[i]) <= 40 and (m := _CREDITED_OUTLET.match(lines[i])))
        outlet = next((name for m in credited
                       if not _DATELINE_PLACEHOLDER.match(m.group("outlet")) and (name := _outlet_of(m.group("outlet")))),
                      None)
    if outlet is None:  # a source line of its own after the article (本文来源：每日经济新闻)
        closing = (m for line in reversed(lines[limit:]) if (m := _CLOSING_SOURCE.match(line)))
        outlet = next((name for m in closing if (name := _outlet_of(m.group(1)))), None)
    if outlet is None and lines and (site := _SITE_NAME.match(lines[0])):
        outlet = _outlet_of(site.group("name"))  # the site's own name opening the page (香港經濟日報 hket.com)

    title, title_line = _find_title(lines, head, meta_lines, container_title, body_start)
    if outlet is None and len(lines) > 1 and title_line != 0 and (brand := _site_brand(lines)):
        outlet = _outlet_of(brand)  # a site's brand opening the page above or before its menu (知乎, 36氪 | …)
    extra_meta = {i for i in head if _BYLINE.match(lines[i]) and len(lines[i]) <= 20}
    return MetaFinding(
        title=title,
        title_line=title_line,
        published=published,
        outlet=outlet,
        author=author,
        meta_lines=frozenset(meta_lines) | frozenset(extra_meta),
    )


_SELF_SOURCE = re.compile(r"^本(?:会|會|站|网|網|局|委|院|厅|廳)$")
"""A source that is the site itself (信息来源：本会)."""
_SITE_OWNER = re.compile(r"[\u4e00-\u9fff]{2,16}(?:委员会|委員會|协会|協會|局|厅|廳|部|院|中心|政府|网|網)")
"""A site's own name as its first line (广东省消费者委员会): the outlet of a page whose source is the site itself."""


_POSTED_FROM = re.compile(r"发布于|發佈於|发表于|IP属地|IP屬地")
"""The poster's region on a date line (2024-04-26 08:35 发布于广东), as portals of self-media show it."""
_FOLLOW_BUTTON = re.compile(r"[+＋]?\s*(?:关注|關注|订阅|訂閱|关注作者|已关注)")
"""A button to follow the account that posted the article, under its date line (电商在线观察 / 2024-09-10 21:18 / 关注)."""
_NAME_ONLY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]{2,12}")


def _is_account_line(lines: Sequence[str], meta: int) -> bool:
    """The line right above the date line ``lines[meta]`` is the account that posted the article, as portals
    of self-media show it, not its headline: a short name that the date line repeats (潇湘晨报 above
    "2024-06-12 10:31湖南潇湘晨报官方百家号"), or a bare name above a date line giving the poster's region
    (21世纪经济报道 above "2024-04-26 08:35 发布于广东") when a headline stands above it, or right under the
    date line (a self-media page: 新民晚报 / 2024-08-02 15:33 发布于：上海市 / the headline), or a bare name above a date
    line with a button to follow it under it (电商在线观察 / 2024-09-10 21:18 / 关注)."""
    if meta < 1:
        return False
    name = _fold(lines[meta - 1])
    if not 2 <= len(name) <= 12 or _DATE.search(name):
        return False
    if name in _fold(lines[meta]):
        return True
    followed = meta + 1 < len(lines) and _FOLLOW_BUTTON.fullmatch(lines[meta + 1].strip()) is not None
    bare = _NAME_ONLY.fullmatch(lines[meta - 1].strip()) is not None and not _is_byline(lines[meta - 1])
    return ((_POSTED_FROM.search(lines[meta]) is not None or followed) and bare
            and any(_title_ok(lines[i]) for i in (*range(max(0, meta - 4), meta - 1), *range(meta + 1, min(len(lines), meta + 2)))))


_TIMED_CREDIT = re.compile(r"\s*\d{1,2}[:：]\d{2}\s*[·|｜/-]?\s*[\u4e00-\u9fffA-Za-z0-9]{0,10}\s*")
"""A time of day and the outlet's name under a headline (10:26 · 36氪), the day's date standing above both."""
_STACKED_MIN = 12
"""Chars of a line above a headline that make it the main headline of two stacked ones (a channel's name is
shorter)."""


_PAGE_CHROME_WORDS = re.compile(
    r"APP|App|app|客户端|下载|下載|登录|登錄|注册|註冊|打开|打開|搜索|行情|指数|指數|股票|天气|天氣|更新于|阅读|閱讀|关注|關注"
    r"|[|｜·•\[\]【】℃]|[+-]\d+(?:\.\d+)?%"
)
"""Words and marks of a page's banners, menus, tickers and widgets (打开新民APP，阅读体验更佳; 行情 上证指数 3372.55
+0.81%; 北京天气 晴 37℃): no headline stacked above another."""


def _is_stacked_headline(line: str) -> bool:
    """A headline-like line, long as headlines are and mostly Chinese, that is no outlet's or account's name
    and none of the page's chrome (:data:`_PAGE_CHROME_WORDS`)."""
    han = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff")
    return len(line) >= _STACKED_MIN and han >= 0.6 * len(line) and _title_ok(line) \
        and _OUTLET_NAME_LINE.fullmatch(line) is None and not _is_byline(line) \
        and _PAGE_CHROME_WORDS.search(line) is None


def _main_headline(lines: Sequence[str], i: int) -> tuple[str, int]:
    """The headline at ``lines[i]``, or the one stacked above it: of two headlines, the upper one is the main
    headline, the lower one its subtitle (:func:`_is_stacked_headline`)."""
    if i > 0 and _is_stacked_headline(lines[i - 1]):
        i -= 1
    return _SPACES.sub(" ", lines[i]).strip(), i


def _headline_above(lines: Sequence[str], meta: int) -> tuple[str, int] | None:
    """The headline above the meta line ``lines[meta]``, past bylines, buttons, the posting account and a
    sentence summing the article up; else a 原标题 line's; None when a line of another kind comes first."""
    former: tuple[str, int] | None = None  # a "原标题：…" line: the headline is above it, if any
    for i in range(meta - 1, max(-1, meta - 5), -1):
        m = _FORMER_TITLE.match(lines[i])
        if m:
            former = former or (_SPACES.sub(" ", m.group(1)).strip(), i)
            continue
        if _is_byline(lines[i], 30) or _PAGE_BUTTONS.match(lines[i]) or _LATIN_SUBTITLE.fullmatch(lines[i]):
            continue  # a byline (澎湃新闻记者 李四), the page's buttons or an English subtitle under the headline
        if i == meta - 1 and (_is_account_line(lines, meta) or _OUTLET_NAME_LINE.fullmatch(lines[i])):
            continue  # the poster's name, repeated on the date line (潇湘晨报 / …湖南潇湘晨报官方百家号), or an outlet's
        if _title_ok(lines[i]):
            return _main_headline(lines, i)
        if (headline := breadcrumb_headline(lines[i])) is not None:
            return headline, i  # the breadcrumb ends with the headline
        if lines[i][-1] in _SENTENCE_END and i > 0 and _title_ok(lines[i - 1]):
            continue  # a sentence summing the article up under its headline (and above its bylines)
        if not (is_navigation(lines[i]) or len(lines[i]) <= 3):
            break
    return former if former and _title_ok(former[0]) else None


_LINES_ABOVE_BODY = 6
"""Lines above the body looked at for a headline without a date line under it: credits, a quote standing out
and an image's credit may come between (对话… / 文丨叶舟 / 编辑丨钱亦 / “…。” / 题图来源：视觉中国)."""


_QA_BAR = re.compile(r"^\s*(?:关注问题|關注問題|\+?\s*关注\s+写回答|写回答|寫回答|邀请回答|我来答|我來答)")
"""The buttons under a Q&A site's question (关注问题  写回答  邀请回答): the question is the page's title."""


def _find_title(
    lines: Sequence[str], head: list[int], meta_lines: list[int], container_title: str | None,
    body_start: int | None = None,
) -> tuple[str | None, int | None]:
    cont = clean_container_title(container_title)
    if meta_lines and (found := _headline_above(lines, meta_lines[0])) is not None:
        return found
    qa = next((i for i in head if _QA_BAR.match(lines[i])), None)
    if qa and _title_ok(lines[qa - 1]):
        return _SPACES.sub(" ", lines[qa - 1]).strip(), qa - 1  # a Q&A site's question, above its buttons
    if cont:
        fc = _fold(cont)
        for i in head:
            fl = _fold(lines[i])
            if _title_ok(lines[i]) and len(fl) >= 6 and (fl in fc or fc in fl):
                return _SPACES.sub(" ", lines[i]).strip(), i
        return cont, None
    if body_start is not None:  # no date or source line under the headline: the nearest line above the body
        for i in range(body_start - 1, max(-1, body_start - _LINES_ABOVE_BODY - 1), -1):
            if _is_byline(lines[i]) or i in meta_lines or lines[i][-1] in _SENTENCE_END or _PAGE_BUTTONS.match(lines[i]) \
                    or _TIMED_CREDIT.fullmatch(lines[i]):
                continue  # (a sentence: a short first paragraph, 机遇与风险往往如影随形,商业发展尤其如此。)
            if _title_ok(lines[i]):
                return _main_headline(lines, i)
            if (headline := breadcrumb_headline(lines[i])) is not None:
                return headline, i
            break
    return None, None



_EDITOR = re.compile(
    r"^\s*[\u4e00-\u9fffA-Za-z0-9]{0,8}?(?:责任编辑|編輯|编辑|责编|摄影|攝影|实习生|通讯员)\s*[:：|｜丨/／]\s*[\u4e00-\u9fff·]{2,8}\s*$"
)
"""An editor's or photographer's credit line (编辑 | 吴桐, 编辑丨钱亦), also after the outlet's name (界面新闻编辑 | 宋佳)."""
_COMMENTATOR = re.compile(r"^\s*(?:本报|本刊|[\u4e00-\u9fff]{2,8}?)?(?:特约)?评论员(?:\s+[\u4e00-\u9fff·]{2,8})?\s*$")
"""An opinion piece's credit under its headline (光明日报评论员, 本报评论员 李华): a byline, no headline."""
_IMAGE_CREDIT = re.compile(r"^\s*(?:题图|題圖|头图|頭圖|封面图?|配图|配圖|图片|圖片|图源|圖源|图|圖)\s*(?:来源|來源|提供)?\s*[:：|｜丨/／]\s*\S")
"""An image's credit under the head (题图来源：视觉中国, 图/IC photo): no headline."""


def _is_byline(line: str, limit: int = 40) -> bool:
    """A reporter's, editor's or image's credit between the headline and the body (每经记者 王晓 每经编辑 刘洋,
    文/李华, 题图来源：视觉中国), at most ``limit`` chars."""
    return len(line) <= limit and bool(_REPORTER.search(line) or _AUTHOR.search(line) or _EDITOR.match(line)
                                       or _IMAGE_CREDIT.match(line) or _COMMENTATOR.match(line))
