"""Quantity grammar: find and normalise figures in (normalised) Chinese text.

Pure functions, no state. A quantity is

    [change verb] [prefix qualifier] NUMBER [scale] [余|多] UNIT [suffix qualifier]

where NUMBER is Arabic (``17.4``, ``1,200``), Chinese (``两``, ``二十``), mixed
(``17.4万``) or a scale word alone before 余/多 (``千余``); scale is 万/亿/千/百 (combinable:
千万, 万亿; also after 余/多: ``十余万``); UNIT comes from
:data:`UNITS` (``个百分点`` folds to ``百分点``, ``％`` to ``%``). A number
without a unit is never a quantity (dates, phone numbers, IDs, years). A ``+``
after the number is 余 (``1.2万+件``, ``10W+次``); a percentage may be written in
words (``百分之三十``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

import cn2an

Qualifier = Literal["over", "approx", "under", "exact"]
Change = Literal["increase", "decrease"]

UNITS: tuple[str, ...] = (
    "个百分点", "百分点", "%", "％", "频次", "人次", "个月", "个小时", "小时", "分钟", "个工作日", "工作日",
    "元", "美元", "港元", "欧元", "个", "件", "人", "名", "位", "次", "条", "篇", "家", "天", "秒", "单", "笔",
    "款", "项", "倍", "场", "户", "种", "台", "辆", "吨", "公斤", "批次", "场次", "家次", "例", "宗", "份",
    "枚", "张", "套", "平方米", "平方公里", "亩", "英镑", "日元", "令吉", "印尼盾", "新元", "泰铢", "越南盾", "韩元",
)
"""Units and classifiers, longest first when matching (see :data:`_UNIT_RE`)."""

UNIT_FOLD: dict[str, str] = {"％": "%", "个百分点": "百分点"}
"""Unit spellings that are the same unit (the scorer folds exactly these)."""
UNIT_ALIASES: dict[str, str] = {**UNIT_FOLD, "个小时": "小时", "个工作日": "工作日"}
"""Everything the extractor folds: also classifier + unit forms (3个小时 = 3 小时)."""

SCALES: dict[str, int] = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}

PREFIX_QUALIFIERS: dict[str, Qualifier] = {
    "超过": "over", "超出": "over", "超": "over", "逾": "over", "大于": "over", "多于": "over",
    "至少": "over", "不少于": "over", "高于": "over",
    "近": "approx", "将近": "approx", "接近": "approx", "约": "approx", "大约": "approx",
    "约为": "approx", "约有": "approx", "大概": "approx",
    "不足": "under", "不到": "under", "少于": "under", "低于": "under", "小于": "under",
    "不超过": "under",
    "突破": "over", "高达": "exact", "多达": "exact", "达到": "exact", "达": "exact", "为": "exact",
    "仅": "exact",
}
"""Qualifier words written before the number (``高达``/``达`` only emphasise: exact)."""

SUFFIX_QUALIFIERS: dict[str, Qualifier] = {
    "以上": "over", "之多": "over", "有余": "over", "出头": "over", "多": "over", "余": "over",
    "左右": "approx", "上下": "approx",
    "以下": "under", "以内": "under",
}

INCREASE_VERBS: tuple[str, ...] = (
    "提升", "增加", "增长", "上涨", "提高", "上升", "增多", "扩大", "延长", "涨幅", "增幅",
    "增速", "翻番", "增", "涨", "多出", "回升", "攀升", "跃升", "扩容", "上调", "调高", "扩充", "扩展", "扩",
)
DECREASE_VERBS: tuple[str, ...] = (
    "减少", "下降", "缩短", "降低", "下滑", "下跌", "回落", "减", "降", "降幅", "跌幅", "跌", "压缩",
    "压降", "缩减", "减少了", "下调", "调低", "下浮",
)

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUM_CHARS = _CN_DIGITS + "十百千万亿"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = rf"(?=[{_CN_DIGITS}十])[{_CN_NUM_CHARS}]+"
_SCALE = r"(?:万亿|千万|百万|千亿|百亿|十万|万|亿|千|百)"
TENTHS = "成"
"""三成, 近八成, 超7成: tenths, normalised to percent (三成 -> 30 %); only 1-10 of them, and not
the idiom 一成不变. A numeral right before 成 is tenths even before a word starting with it
(三成员工, 七成为女性)."""
_TENTHS_RE = f"{TENTHS}(?!不变)"
CASES = "起"
"""5800起, 十余起, 3万余起: cases (投诉, 案件), a classifier only after an Arabic digit, a scale or 余/多:
一起 is "together", 9月1日起 and 2024起 "from"; a Chinese numeral before it (三起) is not read."""
_CASES_RE = f"(?<=[\\d百千万亿余多]){CASES}"
POINTS = "分"
"""98.5分, 4.8分: a score (满意度为98.5分, 商家体验分4.8分以上), a classifier only right after an Arabic
digit and not as the first char of a word (分钟, 分享, 分期 …); 10点30分 is a time of day."""
_POINTS_RE = f"(?<=\\d){POINTS}(?![钟之类别享期成批区店支公为秒])"
_TIME_OF_DAY_BEFORE = frozenset("点时:：")
_YEAR = re.compile(r"(?:19|20)\d\d")
_RANGE_MARKS = "-~～—–至到"
"""What stands between the ends of a range (15%-20%, 3万件至5万件)."""
_RANGE_NEXT = re.compile(rf"\s*[{re.escape(_RANGE_MARKS)}]\s*(?:超过|超|近|约)?\d")
"""What follows the lower end of a range: a mark of :data:`_RANGE_MARKS` and the upper end's number."""
FIRMS = "家"
"""超30万商家, 近200万卖家: a count of firms with its noun right after the scale and no classifier, read as
家 (30万家商家). Only after a scale or 余/多 (1200商家 is rarely written), and only before the names of
firms and shops (:data:`_FIRMS_RE`)."""
_FIRMS_RE = r"(?<=[万亿千百余多])(?=(?:中小微?|小微|新|入驻)?(?:商家|商户|卖家|店铺|门店|网店|企业|品牌方))"
DEVICES = "部"
"""3.5万部 (phones, appliances, films): a classifier only right after a digit or a scale, and not as the first char of a
word (5部门, 部分, 部署, 部长)."""
_DEVICES_RE = f"(?<=[\\d百千万亿余多]){DEVICES}(?![门分署长委位队落件属])"
_UNIT_RE = "|".join([*(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)), _TENTHS_RE, _CASES_RE, _POINTS_RE,
                     _DEVICES_RE, _FIRMS_RE])
_PREFIX_RE = "|".join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_SUFFIX_RE = "|".join(sorted(SUFFIX_QUALIFIERS, key=len, reverse=True))

QUANTITY_RE = re.compile(
    rf"(?P<prefix>{_PREFIX_RE})?"
    rf"(?P<number>(?P<arabic>{_ARABIC})(?P<scale>{_SCALE}|[Ww](?=\+))?|(?P<cn>{_CN})|(?P<bare>[百千万](?=[余多])))"
    rf"(?P<inner>余|多|\+)?"
    rf"(?P<post>(?<=[\d十百千万][余多])(?:万|亿))?"
    rf"(?P<unit>{_UNIT_RE})"
    rf"(?P<suffix>{_SUFFIX_RE})?"
)
"""``bare``: a scale word alone before 余/多 (千余家, 百余名: more than a thousand, a hundred); ``post``: a
scale after 余/多 (十余万元, 千余万元, 3千余万元: more than 100,000, 10 million, 30 million). A ``+``
is 余 as web pages write it (1.2万+件, 100+个), and W before it 万 (10W+次)."""
PERCENT_WORDS_RE = re.compile(
    rf"(?P<prefix>{_PREFIX_RE})?百分之(?P<number>(?P<arabic>{_ARABIC})|(?P<cn>[{_CN_DIGITS}十百](?:[{_CN_DIGITS}十]*)(?:点[{_CN_DIGITS}]+)?))"
    rf"(?P<suffix>{_SUFFIX_RE})?"
)
"""A percentage written in words (百分之三十, 超过百分之九十五, 百分之零点五, 百分之5): ``%``."""


_NUMBER_START = re.compile(rf"[\d{_CN_DIGITS}十百千万]")
"""A char a number of :data:`QUANTITY_RE` starts with."""
_MAX_PREFIX = max(map(len, PREFIX_QUALIFIERS))


def quantity_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``QUANTITY_RE.finditer(text)``, found faster.

    A match starts at most :data:`_MAX_PREFIX` chars (its prefix qualifier)
    before a char a number starts with, so the pattern is tried at those
    positions only, left to right, each once; the rest of the text is skipped
    (``finditer`` tries the optional prefix at every position).
    """
    pos = 0  # the next position to try; the ones before are tried or inside a match
    for number in _NUMBER_START.finditer(text):
        at = number.start()
        if at < pos:
            continue
        for start in range(max(pos, at - _MAX_PREFIX), at + 1):
            m = QUANTITY_RE.match(text, start)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


_URL_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
"""``%E3`` after a number: a URL escape (``%E3%80%90``), not a percentage."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A normalised figure found in text; ``start``/``end`` index the searched text."""

    value: Decimal
    unit: str
    qualifier: Qualifier
    surface: str
    start: int
    end: int
    number_start: int
    """Offset of the number itself (after any prefix qualifier)."""
    chinese: bool
    """The number is written in Chinese numerals only (``两个``)."""
    change: Change | None = None
    """The change the words of the quantity itself say (翻了一番: an increase); else read around it."""


def fold_unit(unit: str) -> str:
    """Fold unit spellings: ``％`` -> ``%``, ``个百分点`` -> ``百分点``, ``个小时`` -> ``小时``."""
    return UNIT_ALIASES.get(unit, unit)


def scale_value(scale: str) -> int:
    """Multiplier of a (possibly compound) scale word: 千万 -> 10**7 (W, as in 10W+, is 万)."""
    result = 1
    for ch in scale:
        result *= SCALES.get("万" if ch in "Ww" else ch, 10 if ch == "十" else 1)
    return result


def parse_number(arabic: str | None, scale: str | None, chinese: str | None) -> Decimal | None:
    """Value of an Arabic number with optional scale, or of a Chinese numeral."""
    try:
        if arabic is not None:
            value = Decimal(arabic.replace(",", ""))
            return value * scale_value(scale) if scale else value
        if chinese:
            return chinese_value(chinese)
    except (InvalidOperation, ValueError, KeyError):
        return None
    return None


_ROUGH_COUNT = re.compile("一二|一两|两三|二三|三四|四五|五六|六七|七八|八九")
"""Two neighbouring digits in a row (七八个, 一两天, 两三天, 三四家): a rough count, seven or eight, no figure."""


@lru_cache(maxsize=4096)
def chinese_value(chinese: str) -> Decimal | None:
    """Value of a Chinese numeral (``两``, ``二十``, ``三千万``), ``None`` when it is none or a rough count
    (:data:`_ROUGH_COUNT`; a digit string with 〇 or 零 is read digit by digit: 二〇二三).

    Memoised: cn2an is slow, and the same few numerals recur in every article.
    """
    if _ROUGH_COUNT.search(chinese) and "〇" not in chinese and "零" not in chinese:
        return None
    try:
        return Decimal(str(cn2an.cn2an(chinese, "smart")))
    except (InvalidOperation, ValueError, KeyError):
        return None


def normalize_decimal(value: Decimal) -> Decimal:
    """Strip exponent noise so equal values print alike (3.00E+6 -> 3000000)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _qualifier(prefix: str | None, inner: str | None, suffix: str | None) -> Qualifier:
    if suffix:
        return SUFFIX_QUALIFIERS[suffix]
    if inner:
        return "over"
    if prefix:
        return PREFIX_QUALIFIERS[prefix]
    return "exact"


SHARE_QUALIFIER_RE = re.compile(r"(?P<q>约|大约|近|将近|接近)占[^,，。;；、]{0,20}?的?$")
"""An approximation before 占 and the whole a share is of (约占全部售后投诉的37%, 近占平台活跃商家的2%): the share's."""


def find_quantities(text: str) -> list[Quantity]:
    """Every ``number + unit`` quantity in ``text``, left to right.

    Filters what is never a figure: ordinals (第九条), vague counts (数十家),
    numbers glued to a preceding digit, letter or date part (2023年3月).
    """
    found: list[Quantity] = []
    last_end = -2
    for m in quantity_matches(text):
        number_start = m.start("number")
        upper_end = m.start() == last_end + 1 and text[last_end] in _RANGE_MARKS
        last_end = m.end()
        if upper_end:
            continue  # the upper end of a range whose lower end has its unit (3万件至5万件)
        before = text[number_start - 1] if number_start > 0 else ""
        if before and (before in "第数几每.-/:~～—%+#@_=&" or before.isdigit() or (before.isascii() and before.isalpha())):
            continue
        if before in "至到" and number_start >= 2 and text[number_start - 2].isdigit():
            continue  # the upper end of a range (10至20分钟), as after ~ and -: no figure of its own
        if _URL_ESCAPE.match(text, m.end("unit") - 1):
            continue
        if _RANGE_NEXT.match(text, m.end()):
            continue  # the lower end of a range (15%-20%, 3万至5万件): neither end is a figure
        value = Decimal(SCALES[m.group("bare")]) if m.group("bare") else parse_number(
            m.group("arabic"), m.group("scale"), m.group("cn"))
        if value is None:
            continue
        if m.group("post"):
            value *= SCALES[m.group("post")]
        unit = fold_unit(m.group("unit")) or FIRMS  # (an empty unit: the firms' noun after it)
        if unit == TENTHS:
            if m.group("scale") or m.group("post") or not 1 <= value <= 10 or m.group("inner"):
                continue
            value, unit = value * 10, "%"
        if unit == CASES and not (m.group("prefix") or m.group("inner")) and _YEAR.fullmatch(m.group("number")):
            continue  # 2024起施行: from the year (近2000起 is a count)
        if unit == POINTS and (m.group("scale") or text[:number_start].rstrip()[-1:] in _TIME_OF_DAY_BEFORE):
            continue  # 10点30分: a time of day
        qualifier = _qualifier(m.group("prefix"), m.group("inner"), m.group("suffix"))
        if qualifier == "exact" and unit == "%" and not m.group("prefix") and (
                share := SHARE_QUALIFIER_RE.search(text, max(0, m.start() - 24), m.start())):
            qualifier = PREFIX_QUALIFIERS[share.group("q")]  # 约占全部售后投诉的37%
        found.append(
            Quantity(
                value=normalize_decimal(value),
                unit=unit,
                qualifier=qualifier,
                surface=m.group(0),
                start=m.start(),
                end=m.end(),
                number_start=number_start,
                chinese=m.group("cn") is not None or m.group("bare") is not None,
            )
        )
    if "百分之" in text:
        found = sorted([*found, *_percent_words(text, found)], key=lambda q: q.start)
    if "翻" in text:
        found = sorted([*found, *_doublings(text, found)], key=lambda q: q.start)
    return found


DOUBLING_RE = re.compile(r"(?P<prefix>超过|超|近|约|接近)?翻了?(?P<times>[一二两三四1-4])?(?:番|倍)")
"""A doubling (翻了一番, 翻番, 翻倍, 翻了一倍: +100 %); 翻两番 is twice doubled (+300 %), 翻三番 +700 %. Not
翻了两倍/三倍 (read either way: ×2 or ×3)."""
_DOUBLINGS = {"一": 1, "1": 1, "二": 2, "两": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}


def _doublings(text: str, found: list[Quantity]) -> Iterator[Quantity]:
    """The :data:`DOUBLING_RE` quantities of ``text`` that overlap none of ``found``: an increase in %."""
    for m in DOUBLING_RE.finditer(text):
        times = _DOUBLINGS[m.group("times")] if m.group("times") else 1
        if any(q.start < m.end() and m.start() < q.end for q in found) or (times > 1 and m.group(0).endswith("倍")):
            continue
        yield Quantity(
            value=Decimal(2**times - 1) * 100,
            unit="%",
            qualifier=_qualifier(m.group("prefix"), None, None),
            surface=m.group(0),
            start=m.start(),
            end=m.end(),
            number_start=m.start(),
            chinese=False,  # (a figure, not a rhetorical count)
            change="increase",
        )


def _percent_words(text: str, found: list[Quantity]) -> Iterator[Quantity]:
    """The :data:`PERCENT_WORDS_RE` quantities of ``text`` that overlap none of ``found``."""
    for m in PERCENT_WORDS_RE.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        value = parse_number(m.group("arabic"), None, m.group("cn"))
        if value is None:
            continue
        yield Quantity(
            value=normalize_decimal(value),
            unit="%",
            qualifier=_qualifier(m.group("prefix"), None, m.group("suffix")),
            surface=m.group(0),
            start=m.start(),
            end=m.end(),
            number_start=m.start("number"),
            chinese=False,  # (never a rhetorical count: 两个方向 is, 百分之二 is not)
        )


def parse_quantity(text: str) -> Quantity | None:
    """The quantity spanning all of ``text`` (``超300万件``), else ``None``."""
    stripped = text.strip()
    for q in find_quantities(stripped):
        if q.start == 0 and q.end == len(stripped):
            return q
    return None


CLAUSE_BREAK = re.compile(r"[,，;；。!！?？:：]")
"""Punctuation ending a clause."""
_LIST_BREAK = re.compile(r"[,，;；。!！?？:：、]")
"""Clause breaks plus the enumeration comma: a change verb never governs across 、."""
_INC_RE = "|".join(sorted(INCREASE_VERBS, key=len, reverse=True))
_DEC_RE = "|".join(sorted(DECREASE_VERBS, key=len, reverse=True))
_SPAN_WORD = "(?:全天|全年|全月|全周)"
"""A span between the verb and the new value (延长至全天24小时): the value is still the verb's."""
_VERB_TAIL = re.compile(rf"(?:(?P<inc>{_INC_RE})|(?P<dec>{_DEC_RE}))(?:了|幅度|幅|约|为|达|到|至)?{_SPAN_WORD}?$")
_COMPARE = re.compile(r"(?:(?P<inc>高于|多于|高出|比[^,，。]{0,12}?高|较[^,，。]{0,12}?高)|(?P<dec>低于|少于|比[^,，。]{0,12}?低))[^,，。;；]{0,16}$")
_TO_TARGET = re.compile(rf"(?:(?P<inc>{_INC_RE})|(?P<dec>{_DEC_RE}))[^,，。;；]{{0,12}}(?:至|到)了?{_SPAN_WORD}?$")
_BARE_COMPARATIVE = re.compile(r"(?:(?P<inc>高|多)|(?P<dec>低|少))$")
_RATE_COMPARATIVE = re.compile(r"(?:率|度|量|比|占比|额|数)(?:高|多|低|少)$")


def clause_bounds(text: str, pos: int, breaks: re.Pattern[str] = CLAUSE_BREAK) -> tuple[int, int]:
    """``[start, end)`` of the clause of ``text`` containing ``pos``."""
    start = 0
    for m in breaks.finditer(text, 0, pos):
        start = m.end()
    m = breaks.search(text, pos)
    return start, (m.start() if m else len(text))


def clause_before(text: str, start: int) -> str:
    """The part of ``text`` before ``start`` since the last clause or list break."""
    return text[clause_bounds(text, start, _LIST_BREAK)[0]:start]


def detect_change(text: str, quantity_start: int) -> Change | None:
    """``increase``/``decrease`` when a change verb governs the quantity at ``quantity_start``.

    ``减少52%`` and ``缩短10小时`` are decreases, ``延长……至90天`` and
    ``高于同行13个百分点`` increases; a plain count or level gives ``None``.
    """
    clause = clause_before(text, quantity_start).rstrip().rstrip("“「\"")  # 延长至“15天无理由退货”
    for pattern in (_VERB_TAIL, _TO_TARGET, _COMPARE):
        m = pattern.search(clause)
        if m:
            return "increase" if m.group("inc") else "decrease"
    m = _BARE_COMPARATIVE.search(clause)
    if m and _RATE_COMPARATIVE.search(clause):
        return "increase" if m.group("inc") else "decrease"
    return None
