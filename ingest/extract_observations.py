"""Observations: reported figures with value, unit, qualifier, change, metric and period.

Built on the quantity grammar of :mod:`pgkg.ingest.numbers`; this module adds
the sentence context: which figures are governance figures (not rhetorical
counts like 两个方向, not a third party's figures), what they measure, when,
and for which platform and measure.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from pgkg.ontology.lexicon import Lexicon

from .article import Sentence
from .extract_measures import MeasureSpan
from .extract_text import (
    HAN, MARKET_RE, evidence, lexicon_memo, normalize_key, platform_hits, resolve_platform, sentence_platform, term_alternation,
)
from .facts import ObservationFact
from .numbers import Quantity, clause_bounds, detect_change, find_quantities
from .sentences import LIST_ITEM_MARK_RE
from .tables import TABLE_GAP, column_table, table_cells, table_row_kind

TIME_UNITS: frozenset[str] = frozenset({"天", "小时", "个月", "分钟", "秒", "倍", "%", "百分点"})
SMALL_CHINESE_LIMIT = 10
"""Chinese-numeral counts below this (两个方向, 三个维度, 一次), and exactly ten (十个环节; not 十余起), are rhetoric,
not figures."""
SPANS: frozenset[str] = frozenset({"天", "小时", "个月", "分钟", "秒"})
"""Of the :data:`TIME_UNITS`, the spans of time: one of them in Chinese numerals (一天, 一个月) is a way of
speaking (上线一个月, 一个月算下来), not a figure."""

_QUARTER = r"第?[一二三四1-4]季度|前[二三]季度|Q[1-4]"
_MONTHS = r"\d{1,2}(?:[-—~至到]\d{1,2})?月(?:份)?"
_SPAN = r"(?:\d+|[一二两三四五六七八九十]{1,3})(?:个月|天|周|个?小时|个?工作日)"
"""A span of time: 30天, 三个月, 48小时; the period of a report after 过去, 未来, 近 (过去三个月). Not
alone (48小时内发货订单量 is a metric of its own)."""
PERIOD_RE = re.compile(
    r"(?:截至|截止到?)\d{4}年(?:底|末|\d{1,2}月(?:底|末)?)?|截至\d{1,2}月(?:底|末)?"
    rf"|\d{{4}}年(?:{_MONTHS})?(?:以来|期间|上半年|下半年|全年|{_QUARTER})?"
    rf"|\d{{1,2}}月份|\d{{1,2}}[-—~至到]\d{{1,2}}月(?:份)?"
    rf"|(?:今年|去年|本年度)(?:以来|上半年|下半年|前\d+个?月|{_QUARTER})?|(?:过去|未来)(?:半年|一年|\d+年|[一二三两五十]年)内?"
    rf"|(?:过去|未来|近|最近){_SPAN}(?:内|之内|以来)?"
    rf"|上半年|下半年|全年|(?<![\d一二三四五六七八九十两])年内|近(?:半年|一年|\d+年)|[一二两三]周内|双十一期间|活动期间|当日|{_QUARTER}"
)
FOREIGN_ACTOR_RE = re.compile(
    rf"^(?:\d{{1,2}}月\d{{1,2}}日[,，]?)?[{HAN}]{{1,10}}(?:市|省|区|县|州|政府|部|委|局|厅|法院|检察院|总局)"
    r"(?:发布|出台|印发|推出|公布|宣布|召开|通报|出炉)"
)
ACTION_VERBS_RE = re.compile(
    r"(?:拦截|处置|清退|下架|拓展|投入|提供|做|处理|封禁|关闭|打击|查处|补贴|减免|节省|减负|覆盖|服务|新增|上线|培训|帮助|扶持|吸引|招募|迎来)(?:了|到|达)?$"
)
METRIC_STRIP_RE = re.compile(
    r"^(?:.*?(?:以来|期间|方面|其中|同时|此外|另外|数据显示|据悉|据介绍|据反馈))?[,，]?"
    r"(?:平台|该平台|的|将|共|累计|已|已经|还|也|仅|就|则|均|全年|目前|当前|整体)*"
)
_BASELINE = r"(?:(?:去年|上年|上一年|前一年|上月|上个月|上季度|上一季度|年初|(?:19|20)\d{2}年)(?:同期)?|同期)"
COMPARISON = rf"(?:同比|环比|相比|(?:比|相比|相较|对比)于?{_BASELINE}|较于?{_BASELINE}?|与{_BASELINE}?相比)"
"""What a change is measured against (同比, 较上年, 比去年同期, 较年初, 与2022年相比): no part of the metric.
A year or 去年 may be gone already (read as the period), but 占比 is a metric: after 比 the baseline is
required."""
QUALIFIER_TAIL_RE = re.compile(rf"(?:了|约|实现|达到|达|高达|超过|超|近|共|累计|已|{COMPARISON})+$")
COMPARISON_ONLY_RE = re.compile(rf"^{COMPARISON}?$")
CHANGE_TAIL_RE = re.compile(
    r"(?:提升|增加|增长|上涨|提高|上升|增多|扩大|延长|涨幅|增幅|上调|调高|减少|下降|缩短|降低|下滑|下跌|降幅|下调|调低|下浮)"
    r"(?:了|幅度|幅|约|为|达|到|至)?$"
)
VERB_TAIL_RE = re.compile(r"(?:了|到|达)$")
FROM_TAIL_RE = re.compile(r"(?:由|从)[^,，]*$")
PREPOSITION_HEAD_RE = re.compile(r"^(?:这|那)?(?:对于|关于|因|对|在|从|为|让|使)(?:一个|一家|一项|该|此)?")
COPULA_TAIL_RE = re.compile(r"(?:是|为|有)$")
NOUN_AFTER_RE = re.compile(rf"^[的]?([{HAN}A-Za-z]{{1,10}}?)(?=[,，。;；、]|$|的|等|和|，)")


_HAN_CHAR = re.compile(f"[{HAN}]")


def is_governance_figure(q: Quantity, text: str = "") -> bool:
    """Rhetorical Chinese-numeral counts (两个方向) and spans (一个月) are not reported figures, nor is a zero
    price glued to the offer it names (0元试运营, 0元入驻: a free offer; ``text`` is the text
    the quantity was found in)."""
    if q.value == 0 and q.end < len(text) and _HAN_CHAR.match(text, q.end):
        return False
    if q.chinese and q.value == 1 and q.unit in SPANS:
        return False
    small = q.value < SMALL_CHINESE_LIMIT or q.value == SMALL_CHINESE_LIMIT and q.qualifier == "exact"
    return not (q.chinese and small and q.unit not in TIME_UNITS)


THIRD_PARTY_KEYS: tuple[str, ...] = ("regulator", "consumer_association")
"""Stakeholders whose own figures a platform article may report (查处案件, 受理投诉): not the platform's."""
CENTRAL_BODIES = (
    "商务部", "工信部", "工业和信息化部", "人社部", "人力资源和社会保障部", "公安部", "农业农村部", "财政部",
    "教育部", "司法部", "文化和旅游部", "文旅部", "发改委", "发展改革委", "海关总署", "税务总局", "邮政局",
    "最高人民法院", "最高法", "最高人民检察院", "最高检", "人民法院", "法院", "检察院", "警方", "公安机关",
)
"""Ministries, courts and police, named without a place (商务部数据显示, 法院审理查明)."""
GOVERNMENT_ACTOR_RE = re.compile(
    rf"(?:国家|国务院|全国|[{HAN}]{{2,6}}?(?:省|市|区|县))[{HAN}]{{0,12}}?(?:总局|部门|委员会|部|委|局|厅|法院|检察院|办公室)"
    "|" + "|".join(sorted(CENTRAL_BODIES, key=len, reverse=True))
)
RESEARCH_ACTOR_RE = re.compile(
    r"(?:研究中心|研究院|研究所|信息中心|CNNIC|咨询公司|咨询|智库|统计局|第三方机构|调研机构|数据机构|网经社|艾瑞|易观"
    r"|QuestMobile|尼尔森|凯度|欧睿|协会|商会|联合会|学会)"
    r"(?=[^,，。;；]{0,16}?(?:数据|报告|统计|调查|调研|监测|测算|显示|发布|指出))"
)
"""A research firm or statistics office whose data the sentence cites (网经社电子商务研究中心监测数据显示,
艾瑞咨询报告显示): its market figures are not the article's platform's."""
_PREPOSITION = r"(?:在|配合|联合|协助|按照|根据|依据|响应|依照|会同|向|与|和|同|接受|经|由|移交|移送|报送|上报)"
_PREPOSITION_RE = re.compile(_PREPOSITION)
ANECDOTE_ACTOR_RE = re.compile(
    r"(?:一位|一名|有位|某位|一家)[^,，。;；:：]{0,14}?(?:商家|卖家|店主|商户|经营者|从业者|消费者|用户|买家|网友|主播|达人|博主)"
    r"(?=[^,，。;；]{0,8}?(?:告诉|向记者|对记者|表示|称|说|坦言|透露|介绍|反映))"
)
"""One merchant, shopper or streamer who tells the reporter of their own case (一位女装商家告诉记者,
过去一年店铺损失了近5万元; 一名在拼多多经营家纺产品的商家告诉记者…): their figure is not the platform's."""
PLACE_ACTOR_RE = re.compile(
    r"(?:^|[,，;；:：])(?:[^,，;；:：]{0,6}?(?:期间|以来|数据显示|据悉|据统计|据了解|此外|同时|另外|其中|目前))?[,，]?"
    r"(?:全国|全市|全省|全区|全县|我国|该市|该省|该县|该区|本市|本省)"
)
"""A country or a place as a clause's subject (“双11”期间，全国快递业务量达到52.6亿件, 该市新能源汽车销量…):
its figures are the place's, not a platform's (平台在全国推行… is the platform's)."""
_VOICE = r"(?:表示|认为|指出|称|说|介绍|坦言|强调|分析|建议|直言|提醒|透露|提到|谈到|解释|补充|告诉记者)"
EXPERT_ACTOR_RE = re.compile(
    r"(?:大学|学院|研究院|研究所|研究中心|律师事务所|智库|教授|专家|学者|研究员|分析师|律师"
    r"|业内人士|分析人士|行业人士|观察人士|法律人士|经济学家)"
    rf"(?=[^,，。;；]{{0,8}}?{_VOICE})"
)
"""An academic, analyst, lawyer or other outside voice speaking (中国人民大学教授刘俊海表示, 业内人士指出,
电子商务研究中心主任曹磊认为): the figures they give are their own estimates, not the platform's."""
PRONOUN_VOICE_RE = re.compile(rf"^(?:他|她)(?:还|也|进一步|同时|并)?{_VOICE}")
"""A sentence opened by 他表示 or 她认为: the voice of the person quoted before it."""
OTHER_PLATFORM_RE = re.compile(r"(?:网贷|借贷|P2P|理财|金融|政务|社保|医保|招聘|婚恋|游戏)(?:服务)?平台")
"""A platform of another trade (某网贷平台因违规放贷被罚款200万元): its figures are not an e-commerce platform's."""
NOT_SUBJECT_BEFORE_RE = re.compile(
    _PREPOSITION + rf"(?:[{HAN}A-Za-z]{{2,8}}、)?(?:中国|全国|各地|当地|地方|[{HAN}]{{2,4}}?(?:省|市|区|县))?$"
)
"""An actor right after these is in a prepositional phrase (在监管部门指导下, 联合中国消费者协会) or the object of
a handing over (移交公安机关的涉诈线索), not the clause's subject; a place may stand between (联合上海市消费者协会),
or another of the phrase's list (我们和品牌方、执法部门保持密切合作)."""
_NOT_SUBJECT_REACH = 2 + 9 + 6
"""Chars before an actor that :data:`NOT_SUBJECT_BEFORE_RE` reads: a preposition, a list item and a place."""


def _third_party_terms(lexicon: Lexicon) -> re.Pattern[str]:
    terms = [t for key in THIRD_PARTY_KEYS if key in lexicon.stakeholders
             for t in (lexicon.stakeholders[key].zh, *lexicon.stakeholders[key].terms)]
    return term_alternation(terms)


def third_party_before(sentence: Sentence, pos: int, lexicon: Lexicon) -> bool:
    """A regulator, consumer association, government body, research firm, one merchant or shopper
    speaking of their own case, a place (全国, 该市) or a platform of another trade (网贷平台) is an actor named before ``pos`` in the sentence, and no platform is
    named before ``pos``: the figure at ``pos`` is theirs (全国市场监管部门共查处…案件3.8万件,
    艾瑞咨询报告显示超过60%的消费者…), not the article's platform's."""
    text = sentence.norm[:pos]
    if named := [h for h in platform_hits(sentence, lexicon) if h.end <= pos]:
        # a platform inside a merchant's own account of their case (一名在拼多多经营…的商家告诉记者) is no subject
        anecdotes = [m.span() for m in ANECDOTE_ACTOR_RE.finditer(text)]
        if any(not any(a <= h.start < b for a, b in anecdotes) for h in named):
            return False
    patterns = (lexicon_memo(lexicon, "third_party", _third_party_terms), GOVERNMENT_ACTOR_RE, RESEARCH_ACTOR_RE,
                ANECDOTE_ACTOR_RE, PLACE_ACTOR_RE, OTHER_PLATFORM_RE, EXPERT_ACTOR_RE)
    return any(_actor_is_subject(pattern, text, m) for pattern in patterns for m in pattern.finditer(text))


GROUP_AFTER_RE = re.compile(r"^(?:电商)?(?:平台)?等(?![待候到级])")
"""After a platform's name, it makes the name one of a group (淘宝、京东等平台, 京东等电商平台)."""


def group_before(sentence: Sentence, pos: int, lexicon: Lexicon) -> bool:
    """The platform named nearest before ``pos`` is one of a group (淘宝、京东等平台也相继推出类似服务,
    覆盖商家超过100万家): the figure is the group's, no one platform's."""
    before = [h for h in platform_hits(sentence, lexicon) if h.end <= pos]
    return bool(before) and GROUP_AFTER_RE.match(sentence.norm[before[-1].end:pos]) is not None


def _actor_is_subject(pattern: re.Pattern[str], text: str, m: re.Match[str]) -> bool:
    """The actor ``m`` is not in a prepositional phrase. A match may begin before the preposition
    (平台联合上海市…委员会 matches from 平, its place part being 平台联合上海): the actor then starts
    after the preposition, where the pattern matches again; or with it (向公安机关和市场监管部门移送, its place
    part being 向公安机关和市)."""
    if NOT_SUBJECT_BEFORE_RE.search(text[max(0, m.start() - _NOT_SUBJECT_REACH):m.start()]):
        return False
    if _PREPOSITION_RE.match(text, m.start()):  # a place part opening with the preposition (向公安机关和市…)
        return False
    return not any(pattern.match(text, p.end()) for p in _PREPOSITION_RE.finditer(text, m.start() + 1, m.end()))


PRICE_BEFORE_RE = re.compile(r"(?:售价|标价|原价|券后价|到手价|单价|零售价)(?:为|是|仅|只要|低至|约|达)?$")
"""A product's price right before the amount (该商品售价为299元): what the reporter saw, not a measure's figure."""
BUZZ_RE = re.compile(r"话题[^,，。;；]{0,6}(?:阅读|播放|讨论|浏览)|热搜")
"""A topic's views on social media (该话题阅读量已超过2亿次)."""


STRUCTURE_BEFORE_RE = re.compile(r"章[,，、和及]?$")
"""A document's articles counted after its chapters (共分为五章二十条): its structure, not a figure."""


THRESHOLD_AFTER_RE = re.compile(
    r"(?:以上|以下|以内)?的(?:店铺|商家|商户|卖家|买家|商品|订单|用户|消费者|账号|主播|达人|博主|企业|品牌|直播间)"
)
"""A compared amount qualifying whom a rule applies to (对年成交额低于10万元的店铺免收…, 粉丝超过1万名的达人):
the rule's threshold, not a reported figure. Not a share (超过90%的企业为中小微企业 is a figure)."""
SHARE_UNITS = frozenset({"%", "百分点"})

DURATION_UNITS = frozenset({"天", "小时", "个月", "分钟", "秒", "工作日"})
SCOPE_BEFORE_RE = re.compile(r"(?:为期|历时|为时|过去的?|未来的?|最近|近|连续|(?<!提)前|这|此后|之后)$")
SCOPE_AFTER_RE = re.compile(r"(?:之?内|里|以来|来(?!源|自)|之?后|以后|之?前|期间|的时间)")
VALUE_BEFORE_RE = re.compile(r"(?:至|到|为|是|仅需|只需|平均|用时|耗时|时长|时效)$")
SPAN_TIME_AFTER_RE = re.compile(r"的?时间")
"""After a duration, it makes the duration the time something took (花了将近两个月时间补齐资料, 用三天时间完成):
a span, whatever its qualifier."""


def duration_scope(text: str, q: Quantity) -> bool:
    """The duration ``q`` is the time span of what the sentence reports, not a figure (为期两个月的专项行动,
    一个月内处置违规商家1200家, 将在30天内完成, 过去三个月累计拦截…): :data:`SCOPE_BEFORE_RE` (为期, 过去,
    近 …) right before it or :data:`SCOPE_AFTER_RE` (内, 以来, 后, 期间 …) right after it, or 时间 after it
    (:data:`SPAN_TIME_AFTER_RE`). Unless
    :data:`VALUE_BEFORE_RE` shows it is the value of a time (发货时长缩短至10小时内, 平均用时3天)."""
    if q.unit not in DURATION_UNITS:
        return False
    before = text[max(0, q.start - 6):q.start]
    if VALUE_BEFORE_RE.search(before):
        return False
    if q.surface.startswith("近"):  # 近三个月: read as the qualifier approx
        return True
    if SPAN_TIME_AFTER_RE.match(text, q.end):
        return True
    return q.qualifier == "exact" and bool(SCOPE_BEFORE_RE.search(before) or SCOPE_AFTER_RE.match(text, q.end))


STOCK_QUOTE_RE = re.compile(r"行情方面|[-－](?:SW|W|S)\s*报\s*\d|报\s*\d+(?:\.\d+)?\s*(?:港元|美元|元)\s*[,，]\s*[涨跌]")
"""A sentence quoting share prices (行情方面，截至发稿，京东集团-SW报134.6港元，涨1.97%): each figure of it is market data,
the clauses of its changes (涨1.97%) naming no market word of their own."""


def not_governance(text: str, q: Quantity) -> bool:
    """The figure is market data, a product's price, a topic's views, the count of a document's
    articles, a rule's threshold or the time span of the report (see the patterns above)."""
    if q.unit == "条" and STRUCTURE_BEFORE_RE.search(text, 0, q.start):
        return True
    if duration_scope(text, q):
        return True
    if (q.unit not in SHARE_UNITS and (q.qualifier != "exact" or q.surface.startswith(("达到", "满")))
            and THRESHOLD_AFTER_RE.match(text, q.end)):
        return True
    cstart, cend = clause_bounds(text, q.start)
    clause = text[cstart:cend]
    return bool(MARKET_RE.search(clause) or BUZZ_RE.search(clause) or STOCK_QUOTE_RE.search(text)
                or q.unit.endswith("元") and PRICE_BEFORE_RE.search(text, cstart, q.start))


FROM_BEFORE_RE = re.compile(r"(?:由|从)(?:原来|原先|以前|此前|过去|之前|[^,，。;；由从的]{1,6}的)?$")
"""Before an old value (由30天, 从原来的7天, 由上月的12万件)."""
TO_BETWEEN_RE = re.compile(r"^[^,，。;；]{0,12}?(?:至|到|为)(?:了)?$")
"""Between the old value and the new one (由30天延长至90天, 从48小时缩短到24小时, 由原来的7天提高到15天)."""


def is_from_value(text: str, q: Quantity, following: Quantity | None) -> bool:
    """``q`` is the old value of a change to ``following`` (由 **30天** 延长至90天): the figure reported is
    the new value, with its change; the old one no longer holds. Both in one clause and of one unit."""
    if following is None or following.unit != q.unit or not FROM_BEFORE_RE.search(text, max(0, q.start - 9), q.start):
        return False
    return TO_BETWEEN_RE.match(text[q.end:following.start]) is not None


_PLAN_WORDS = (
    r"力争|争取|预计|预期|有望|希望(?!工程)|期望|打算|目标是|目标为|目标:|目标：|规划到|计划到"
    r"|(?<![该此”」个项一])计划(?=在|于|将|今年|明年|后年|未来|年内|年底前|到|\d{4}年|\d+年内|[一二三四五两十]年内|再|继续|逐步|新增|投入)"
    r"|(?<![模虚草比])拟(?=投入|推出|上线|开展|于|在|将|对|新增|设立|出台)"
    r"|(?:到|至)(?:19|20)\d{2}年(?:底|末)?[^。;；]{0,16}?将"
    r"|未来[^,，。;；]{0,8}?将"
)
PLAN_BEFORE_RE = re.compile(_PLAN_WORDS)
"""A plan, target or forecast before the figure in its sentence (计划2025年为1000个品牌提供扶持, 力争将发货时长缩短至
1小时, 预计全年将减免佣金超过10亿元, 到2025年平台将…, 明年我们希望…翻倍): what is aimed at, not a figure reported. 计划 is a plan's
verb only before a time or a verb of doing (春雷计划帮助商家… is a programme's figure)."""


REALIZED_RE = re.compile(r"已|累计|截至|实际|去年|此前|目前|过去")
"""In a later clause, it turns from the plan back to what was done (有望带动1万家商家增收，去年已帮助3000家商家)."""


def is_planned(text: str, q: Quantity) -> bool:
    """``q`` is a target or forecast: :data:`PLAN_BEFORE_RE` matches before it in its sentence (after the
    last ;), in its own clause or in an earlier one when its own clause does not turn to what was done
    (:data:`REALIZED_RE`)."""
    start = max(text.rfind(";", 0, q.start), text.rfind("；", 0, q.start)) + 1
    plan = PLAN_BEFORE_RE.search(text, start, q.start)
    if plan is None:
        return False
    clause_start = clause_bounds(text, q.start)[0]
    return plan.start() >= clause_start or REALIZED_RE.search(text, clause_start, q.start) is None


CHANGED_TO_RE = re.compile(r"(?:延长|提升|提高|缩短|增加|扩大|扩展|升级|调整|下调|上调|降低|放宽)(?:至|到|为)[“「\"]?$")
"""Before a measure's name, it makes the name the new level of a change (将“7天无理由退货”延长至“15天无理由退货”)."""


def in_measure_name(spans: list[MeasureSpan], q: Quantity, text: str = "") -> bool:
    """The figure is part of a measure's name (七天无理由退货, 价保365): not a reported figure, unless the
    name is what something changed to (延长至“15天无理由退货”: 15天 is the new level)."""
    return any(s.start <= q.number_start and q.end <= s.end and not CHANGED_TO_RE.search(text, 0, s.start)
               for s in spans)


def foreign_actor(sentence: Sentence, lexicon: Lexicon) -> bool:
    """The sentence reports another actor's figures (``南京市发布…6项举措``) and names no platform."""
    return bool(FOREIGN_ACTOR_RE.search(sentence.norm)) and not platform_hits(sentence, lexicon)


BASELINE_BEFORE_RE = re.compile(r"(?:较|比|相比|相较|对比|与)于?$")
"""Before a period, it makes the period a change's baseline (比去年同期增长20%, 较第二季度增长18%,
与2022年相比): the period the figure is not of."""


def period_of(sentence: Sentence, pos: int) -> str | None:
    """The period nearest before ``pos`` in the sentence, else the first one after; a baseline
    (:data:`BASELINE_BEFORE_RE`) is none."""
    text = sentence.norm
    matches = [m for m in PERIOD_RE.finditer(text) if not BASELINE_BEFORE_RE.search(text[max(0, m.start() - 3):m.start()])]
    before = [m for m in matches if m.end() <= pos]
    if before:
        return before[-1].group(0)
    return matches[0].group(0) if matches else None


ASIDE_RE = re.compile(r"[（(][^（）()]{1,40}[）)]")
"""A bracketed aside inside a metric phrase (an English name, an abbreviation, a gloss): no part of it."""


def metric_of(
    sentence: Sentence, q: Quantity, previous: str | None = None, names: tuple[str, ...] = ()
) -> str:
    """The phrase the figure measures: ``拦截`` + ``劣质商品`` or the subject ``消费者满意度``;
    a bare ``同比下降18.2%`` measures the same thing as the ``previous`` figure of the sentence.
    Periods (``2023年``) and platform ``names`` are not part of what is measured."""
    text = sentence.norm
    cstart, cend = clause_bounds(text, q.start)
    # not the mark of a list item, nor a bracketed aside (月均活跃接收者（average monthly active recipients）约7500万人)
    head = without_context(ASIDE_RE.sub("", LIST_ITEM_MARK_RE.sub("", text[cstart:q.start])), names)
    tail = text[q.end:cend]
    noun = NOUN_AFTER_RE.match(tail)
    verb = ACTION_VERBS_RE.search(head)
    if verb and noun:
        return VERB_TAIL_RE.sub("", verb.group(0)) + noun.group(1)
    subject = QUALIFIER_TAIL_RE.sub("", CHANGE_TAIL_RE.sub("", QUALIFIER_TAIL_RE.sub("", head)))
    subject = METRIC_STRIP_RE.sub("", subject).strip()
    subject = FROM_TAIL_RE.sub("", subject)
    subject = PREPOSITION_HEAD_RE.sub("", subject)
    subject = COPULA_TAIL_RE.sub("", subject)
    # a bare figure opening its clause measures the noun after it, if any (，约有30万名骑手参与)
    if COMPARISON_ONLY_RE.match(subject) and previous and (head.strip() or not noun):
        return previous
    if len(subject) >= 2:
        return shorten(subject)
    if noun:
        return noun.group(1)
    return (head or tail).strip()[-16:] or q.surface


MAX_METRIC = 16
BOUNDARY_RE = re.compile(r"[的与及”」]")


def shorten(phrase: str, limit: int = MAX_METRIC) -> str:
    """Keep the end of a long phrase, cut after a word boundary (的, 对, a closing quote …)
    rather than in the middle of a word; a closing quote without its opening one is dropped."""
    if len(phrase) > limit:
        cuts = [m.end() for m in BOUNDARY_RE.finditer(phrase) if len(phrase) - m.end() <= limit]
        phrase = phrase[cuts[0]:] if cuts and len(phrase) - cuts[0] >= 2 else phrase[-limit:]
    if "”" in phrase and "“" not in phrase.split("”", 1)[0]:
        phrase = phrase.split("”", 1)[1] or phrase
    return phrase


EMPTY_MARKS_RE = re.compile(r"“\s*”|「\s*」|《\s*》")
"""Quotes or title marks left empty once a platform's name is dropped from between them (涉及“会员购”的投诉)."""


def without_context(phrase: str, names: tuple[str, ...]) -> str:
    """``2023年京东共拦截`` -> ``共拦截``: drop periods and platform names from a metric phrase (and the marks
    that quoted a name alone: 涉及“会员购”的投诉 -> 涉及的投诉)."""
    phrase = PERIOD_RE.sub("", phrase)
    return EMPTY_MARKS_RE.sub("", any_of(names).sub("", phrase)) if names else phrase


@lru_cache(maxsize=8)
def any_of(names: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of ``names`` (longest first), with the 电商 or 平台 that may follow a
    name the lexicon does not list with it (小红书电商, 视频号平台)."""
    return re.compile("(?:" + "|".join(re.escape(name) for name in names) + ")(?:电商)?(?:平台)?")


def platform_names(lexicon: Lexicon) -> tuple[str, ...]:
    """Every platform surface form, longest first (so 抖音电商 goes before 抖音)."""
    cached = _NAMES.get(id(lexicon))
    if cached is None:
        names = {n for p in lexicon.platforms.values() for n in p.names if len(n) >= 2}
        cached = _NAMES[id(lexicon)] = tuple(sorted(names, key=len, reverse=True))
    return cached


_NAMES: dict[int, tuple[str, ...]] = {}


def measure_for(spans: list[MeasureSpan], pos: int) -> str | None:
    """The measure named nearest before ``pos`` in the sentence (else the first after)."""
    before = [s for s in spans if s.end <= pos]
    if before:
        return before[-1].name
    return spans[0].name if spans else None


_STRETCH_ENDS = "。；;"
_LIST_JOINER_RE = re.compile(r"[、,，]?(?:和|与|及|以及)?")
"""What stands between two platforms of one list (、, 和, 及)."""
_LIST_TAIL_RE = re.compile(r"^(?:其中)?(?:等)?(?:[\d一二三四五六七八九十两]+家)?(?:电商)?(?:平台)?的?")
"""Words between a list of platforms (or 其中) and what its figures measure (…五家平台的售后投诉量: 售后投诉量)."""


def respective_platforms(
    sentence: Sentence, quantities: Sequence[Quantity], lexicon: Lexicon, subjects: tuple[str, ...],
    listed: tuple[str, ...] = (),
) -> tuple[dict[int, tuple[str, str]], tuple[str, ...]]:
    """Platforms listed before 分别 (the last list of them, apart by 、 or 和 only) and as many figures after it, up to
    the next 。 or ；, paired in order (唯品会、淘宝分列第二、三位，得分分别为79.3分和76.8分): the index of each figure in
    ``quantities``, its platform and what the figures measure (the words of the clause before 分别: 得分). A 分别 naming
    no platforms of its own, after one that paired as many (in this sentence, or ``listed`` by the one before), pairs its
    figures with the same platforms (淘宝、京东…的投诉量分别为…；其中…占各平台…的比例分别为…). Also returns the platforms the
    last pairing listed."""
    text = sentence.norm
    paired: dict[int, tuple[str, str]] = {}
    for m in re.finditer("分别", text):
        lo = max(text.rfind(c, 0, m.start()) for c in _STRETCH_ENDS) + 1
        hi = min((at for c in _STRETCH_ENDS if (at := text.find(c, m.end())) >= 0), default=len(text))
        keys: list[str] = []
        last_end = -1
        for h in platform_hits(sentence, lexicon):
            if not lo <= h.start < m.start():
                continue
            if last_end < 0 or not _LIST_JOINER_RE.fullmatch(text[last_end:h.start]):
                keys = []  # a new list of platforms starts
            if h.key not in keys:
                keys.append(h.key)
            last_end = h.end
        figures = [i for i, q in enumerate(quantities) if m.end() <= q.start < hi]
        if not keys and len(listed) == len(figures):  # …五家平台的投诉量分别为…；其中…的比例分别为…
            keys, last_end = list(listed), lo
        if len(keys) >= 2 and len(keys) == len(figures):
            metric = _LIST_TAIL_RE.sub("", re.split("[,，]", text[max(last_end, lo):m.start()])[-1])
            paired.update((i, (resolve_platform(key, subjects, lexicon), metric)) for i, key in zip(figures, keys))
            listed = tuple(keys)
    return paired, listed


@dataclasses.dataclass(frozen=True, slots=True)
class RespectivePairs:
    """A sentence's figures (:func:`~pgkg.ingest.numbers.find_quantities`), those of them paired with platforms after
    分别 (by index: platform and metric) and the platforms the last pairing listed (:func:`respective_platforms`)."""

    quantities: list[Quantity]
    paired: dict[int, tuple[str, str]]
    listed: tuple[str, ...]


def respective_pairs(
    sentence: Sentence, lexicon: Lexicon, subjects: tuple[str, ...], listed: tuple[str, ...] = ()
) -> RespectivePairs | None:
    """:func:`respective_platforms` of a sentence holding 分别, with ``listed`` by the sentence before; None for any
    other sentence. The extractor reads each sentence's figures once, through this or :func:`sentence_observations`."""
    if "分别" not in sentence.norm:
        return None
    quantities = find_quantities(sentence.norm)
    return RespectivePairs(quantities, *respective_platforms(sentence, quantities, lexicon, subjects, listed))


def sentence_observations(
    sentence: Sentence,
    article: str,
    lexicon: Lexicon,
    subjects: tuple[str, ...],
    measures: list[MeasureSpan],
    outside_voice: bool = False,
    pairs: RespectivePairs | None = None,
) -> list[ObservationFact]:
    """Observations of one sentence. ``outside_voice``: the sentence opens with 他表示 (:data:`PRONOUN_VOICE_RE`)
    and the person quoted before it is no platform's (an academic, an analyst): its figures are theirs,
    but for those of a platform named before them. ``pairs``: the sentence's figures paired after 分别
    (:func:`respective_pairs`), when it holds 分别."""
    if foreign_actor(sentence, lexicon):
        return []
    if outside_voice and PRONOUN_VOICE_RE.match(sentence.norm) is None:
        outside_voice = False
    named = [h.end for h in platform_hits(sentence, lexicon)] if outside_voice else []
    facts: list[ObservationFact] = []
    quantities = pairs.quantities if pairs else find_quantities(sentence.norm)
    respective = pairs.paired if pairs else {}
    for i, q in enumerate(quantities):
        if not is_governance_figure(q, sentence.norm) or in_measure_name(measures, q, sentence.norm) or not_governance(sentence.norm, q):
            continue
        following = quantities[i + 1] if i + 1 < len(quantities) else None
        if is_from_value(sentence.norm, q, following) or is_planned(sentence.norm, q):
            continue
        if i not in respective and (third_party_before(sentence, q.start, lexicon) or group_before(sentence, q.start, lexicon)):
            continue
        if outside_voice and not any(end <= q.start for end in named):
            continue
        named = next((m.name for m in measures if m.start <= q.number_start and q.end <= m.end), None)
        if i in respective and respective[i][1]:
            metric = respective[i][1]
        elif named is not None:  # the new level a measure's name gives (延长至“15天无理由退货”): what the rest of it names
            metric = named.replace(q.surface, "", 1).strip() or named
        else:
            metric = metric_of(sentence, q, facts[-1].metric if facts else None, platform_names(lexicon))
        facts.append(
            ObservationFact(
                value=q.value,
                unit=q.unit,
                qualifier=q.qualifier,
                change=q.change or detect_change(sentence.norm, q.start),
                metric=metric,
                metric_key=normalize_key(metric),
                period=period_of(sentence, q.start),
                platform=respective[i][0] if i in respective else sentence_platform(sentence, q.start, lexicon, subjects, clause_bounds(sentence.norm, q.start)[1]),
                measure=measure_for(measures, q.start),
                surface=q.surface,
                evidence=evidence(article, sentence, q.start, q.end, "obs.quantity"),
            )
        )
    return facts


def table_header(sentence: Sentence) -> tuple[str, ...] | None:
    """The cells of a text table's header row (类目    调整前费率    调整后费率), if ``sentence`` is one."""
    kind = table_row_kind(sentence.norm)
    return tuple(table_cells(sentence.norm)) if kind and not kind[1] else None


SIGNED_CELL_RE = re.compile(r"[+\-−](?=\d)")
"""A sign before a table cell's figure: a change up or down (同比变化 +47.7%, -0.11个百分点)."""


LABEL_UNIT_RE = re.compile(
    r"[（(]\s*([万亿千百]?(?:元|人次|人|件|个|家|单|批次|次|条|天|小时|分钟|笔|吨|名|台|起|宗|篇|张|款|项|场|户|份|%))\s*[)）]$"
)
"""The unit a row's label, or else a column's header, gives its bare figures (一线员工人数（万人） 47.3: 473000 人;
案件数（起） 128: 128 起)."""
BARE_NUMBER_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def table_observations(
    sentence: Sentence, header: tuple[str, ...], article: str, lexicon: Lexicon, subjects: tuple[str, ...]
) -> list[ObservationFact]:
    """The figures of a text table's data row under ``header`` (:func:`table_header`, as many cells):
    each measures the row's label and its column's header (餐饮 调整后费率 1.5%); a header that is a
    period (2024年) is the figure's period. None when the row is not one of this table's."""
    kind = table_row_kind(sentence.norm)
    if kind != (len(header), True):
        return []
    text = sentence.norm
    cells = _table_cell_spans(text)
    if len(cells) != len(header):
        return []
    raw_label = text[cells[0][0]:cells[0][1]]
    return [fact for (start, end), column in zip(cells[1:], header[1:])
            if (fact := _cell_observation(raw_label, column, sentence, start, end, article, lexicon, subjects))]


def column_table_rows(sentences: Sequence[Sentence]) -> dict[int, tuple[tuple[str, ...], tuple[Sentence, ...]]]:
    """The rows of tables written one cell per line (:func:`~pgkg.ingest.tables.column_table`), by the index
    of their label's sentence: the table's header and the row's value cells, each a sentence."""
    texts = [s.norm for s in sentences]
    rows: dict[int, tuple[tuple[str, ...], tuple[Sentence, ...]]] = {}
    i = 0
    while i < len(texts):
        table = column_table(texts, i)
        if table is None:
            i += 1
            continue
        header = tuple(texts[table.start:table.start + table.width])
        for r in range(1, table.rows + 1):
            label = table.start + r * table.width
            rows[label] = (header, tuple(sentences[label + 1:label + table.width]))
        i = table.end
    return rows


def column_observations(
    label: Sentence, header: tuple[str, ...], cells: Sequence[Sentence], article: str, lexicon: Lexicon,
    subjects: tuple[str, ...],
) -> list[ObservationFact]:
    """The figures of a row of a table written one cell per line (:func:`column_table_rows`), read as
    :func:`table_observations` reads a row's."""
    return [fact for cell, column in zip(cells, header[1:])
            if (fact := _cell_observation(label.norm, column, cell, 0, len(cell.norm), article, lexicon, subjects))]


def _cell_observation(
    raw_label: str, column: str, sentence: Sentence, start: int, end: int, article: str, lexicon: Lexicon,
    subjects: tuple[str, ...],
) -> ObservationFact | None:
    """The figure of a table's cell ``sentence.norm[start:end]`` in the row labelled ``raw_label``, under
    ``column``: bare figures take the unit the label or else the column gives in brackets (一线员工人数（万人）,
    案件数（起）); a sign is a change."""
    text = sentence.norm
    label = ASIDE_RE.sub("", raw_label).strip()
    unit = LABEL_UNIT_RE.search(raw_label) or LABEL_UNIT_RE.search(column.strip())
    signed = SIGNED_CELL_RE.match(text, start, end)
    change = None if signed is None else "increase" if signed.group(0) == "+" else "decrease"
    cell = text[start + (signed is not None):end]
    quantities = find_quantities(cell)
    if not quantities and unit is not None and BARE_NUMBER_RE.fullmatch(cell):
        quantities = [dataclasses.replace(q, end=len(cell), surface=cell) for q in find_quantities(cell + unit.group(1))]
    if len(quantities) != 1:
        return None
    q = quantities[0]
    q = q if signed is None else dataclasses.replace(q, start=q.start + 1, end=q.end + 1, change=change)
    period = PERIOD_RE.fullmatch(column.strip())
    metric = label if period else f"{label} {column.strip()}"
    return ObservationFact(
        value=q.value,
        unit=q.unit,
        qualifier=q.qualifier,
        change=q.change,
        metric=metric,
        metric_key=normalize_key(metric),
        period=period.group(0) if period else None,
        platform=sentence_platform(sentence, start, lexicon, subjects),
        measure=None,
        surface=q.surface,
        evidence=evidence(article, sentence, start + q.start, start + q.end, "obs.table"),
    )


def _table_cell_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of a table row's cells in ``text`` (between its gaps, stripped)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for gap in [*TABLE_GAP.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        cell = text[pos:end]
        if cell.strip():
            lead = len(cell) - len(cell.lstrip())
            spans.append((pos + lead, pos + len(cell.rstrip())))
        if gap is not None:
            pos = gap.end()
    return spans


def dedupe_observations(facts: list[ObservationFact]) -> list[ObservationFact]:
    """One observation per (value, unit) in an article: the first statement wins."""
    seen: set[tuple[Decimal, str]] = set()
    kept: list[ObservationFact] = []
    for fact in facts:
        key = (fact.value, fact.unit)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept
