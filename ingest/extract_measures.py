"""Governance measures: quoted names, title-marked rules and laws, verb patterns.

Rules (ids in evidence):

* ``measure.quoted``: “极速退”, 《…规则》, when the name looks like a measure:
  a measure head follows (“用户之声”诊断系统), a launch verb precedes
  (上线“服务保障大厅”), the name ends in a measure cue (…险, …购, …达), or a
  coordinated sibling qualifies; slogans (“好服务”) and quoted speech never do.
* ``regulation.title``: 《…办法》《…意见》《…法》… of a regulator: kind Regulation.
* ``measure.pattern``: launch verb + noun phrase ending in a measure head
  (推出九大扶商政策, 建立高危内容紧急关播机制).
* ``measure.list``: items of a list closed by a measure head
  (落实主动赔付、极速退款等保障方案) or opened by 举措包括.
* ``measure.effort``: 加大X力度 (加大神秘购买抽检的力度).
* ``measure.cue``: service names built on a guarantee cue (类目免佣, 过敏险).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pgkg.ontology.lexicon import Lexicon

from .article import Sentence
from .extract_text import HAN, as_written, evidence, last_named, normalize_key, platform_hits, resolve_platform
from .facts import MeasureFact
from .numbers import clause_before, clause_bounds
from .sentences import LIST_ITEM_MARK_RE

HEADS: tuple[str, ...] = (
    "机制", "制度", "计划", "政策", "规则", "细则", "功能", "服务", "工具", "专项", "行动", "体系",
    "标准", "权益", "保障", "公约", "方案", "系统", "基金", "管理", "策略", "措施", "黑名单",
    "白名单", "专场", "大厅", "规范", "条例", "准则", "守则", "指南", "办法", "通道", "项目", "培训", "补贴",
    "抽检", "召回", "核验", "核查", "保障金", "专项治理", "专项整治",
)
"""Nouns that end a measure name (专项治理 and 专项整治 end a campaign's name past its 专项)."""
QUOTED_HEADS: tuple[str, ...] = HEADS + ("模型", "算法", "入口", "新规")
"""Nouns that extend a quoted name into a measure's (“AI识假”模型, “一键举报”入口), but end no name by themselves."""

FIGURATIVE_RE = re.compile(r"[\u4e00-\u9fff]?宝|[劝辞倒衰撤后减消击败隐引]退|.*[网代抢采选]购")
"""Two chars ending in 宝 are a figure of speech (三大“法宝”, “秘宝”), not a service named like 验货宝; a verb ending in
退 (“劝退”达人, “衰退”) is no return named like 极速退; a way of buying (“北上网购”, “海外代购”) is no programme named
like 信任购."""
QUOTED_CUES: tuple[str, ...] = HEADS + (
    "险", "退", "退款", "赔", "购", "达", "包邮", "配送", "免佣", "降佣", "客服", "分",
    "宝", "保护", "认证", "质检", "查验", "保护期", "退货", "换新", "不罚", "标识", "平台", "卡", "赔付",
    "溯源码", "追溯码", "防伪码",
)
"""Endings that make a quoted name a measure by itself (“过敏险”, “信任购”, “当日达”, “超时赔付”, “鉴别溯源码”)."""

LAUNCH_VERBS: tuple[str, ...] = (
    "全量推行", "推出", "上线", "升级", "推行", "发布", "修订", "建立", "成立", "开展", "启动", "引入",
    "新增", "设立", "制定", "增设", "建设", "搭建", "打造", "完善", "优化", "落实", "实行", "实施",
    "出台", "开通", "开发", "明确", "构建", "试点", "上架", "设置", "提供", "执行", "延长", "接入",
    "发放", "启用", "推广", "开放", "扩大", "开设", "通过", "依托", "借助", "设有", "新建", "施行",
)

PLATFORM_RULE_ENDS: tuple[str, ...] = (
    "规则", "细则", "公约", "标准", "规范", "准则", "守则", "服务协议", "用户协议", "入驻协议", "平台协议",
    "公告", "通告", "承诺", "承诺书", "Policy", "Policies", "Rules", "Guidelines", "Standards", "Terms",
)
"""Endings of a titled rule that a platform may issue as its own (《…规则》, 《关于…的公告》, 《价格一致性承诺》, 《Product
Safety & Compliance Policy》)."""
REGULATION_ENDS: tuple[str, ...] = (
    "办法", "意见", "法", "法案", "法规", "法典", "规定", "方案", "条例", "指南", "通知", "决定", "指引", "纲要", "规划", "要求",
    "Act", "Regulation", "Directive",
    *PLATFORM_RULE_ENDS,
)
"""Endings of a titled rule or law: a regulator's only, or either's (:data:`PLATFORM_RULE_ENDS`)."""

GENERIC_MODIFIERS: frozenset[str] = frozenset(
    {"", "治理", "保障", "服务", "管理", "相关", "相应", "全新", "新", "各项", "各类", "这些", "一系列",
     "平台", "整体", "全面", "有效", "完善", "优质", "相关的", "更多", "多项", "多种", "技术", "体验", "额外"}
)
LEADING_FILLERS = re.compile(
    r"^(?:了|起了|起|出|的|并|还|也|将|已|已经|正|再|又|一套|一系列|一批|多轮|多项|[二三四五六七八九十两]项|多个|多种|更多|"
    r"全新的?|新的|相应的?|相关的?|各项|一项|一个|一次(?!性)|多次|全面|持续|进一步)+"
)
SLOGAN_START = "好强优真扶"
SPEECH_MARKERS = re.compile(r"[我你他她它]|的|是|能|要|会|都|就|吗|呢|吧")
MARKER_NOUNS = re.compile(
    r"智能|功能|性能|能力|赋能|节能|会员|协会|商会|社会|大会|展会|博览会|机会|要求|纲要|首都|都市"
    r"|恳谈会|座谈会|交流会|说明会|沟通会|听证会|研讨会|见面会"
)
"""Nouns holding a speech marker's char (“证照智能核验”, “会员优先购”, “骑手恳谈会”制度): not speech, so they are left
out before :data:`SPEECH_MARKERS` is looked for."""
PUNCT = re.compile(r"[,，。!！?？;；:：、\s]")

_HEADS_LONGEST_FIRST = tuple(sorted(HEADS, key=len, reverse=True))
_HEAD_RE = "|".join(_HEADS_LONGEST_FIRST)
_QUOTED_HEAD_RE = "|".join(sorted(QUOTED_HEADS, key=len, reverse=True))
_VERB_RE = "|".join(sorted(LAUNCH_VERBS, key=len, reverse=True))
_NAME_CHARS = rf"[{HAN}A-Za-z0-9]"

QUOTE_RE = re.compile(r"“([^“”]{1,30})”|「([^「」]{1,30})」|\"([^\"]{1,30})\"")
TITLE_RE = re.compile(r"《([^《》]{2,60})》")
VERSION_SUFFIX_RE = re.compile(r"(?:\s*(?:[vV]?\d+(?:\.\d+)*版?|[(（][^()（）]{1,12}[)）]))+$")
"""A version or status after a rule's name: 公约2.0, 办法(试行), 规则（2023年版）."""
EXTENSION_RE = re.compile(rf"^(?![等和与及或的]|作为|成为|视为|当作|当成|称为){_NAME_CHARS}{{0,6}}?(?:{_QUOTED_HEAD_RE})")
CONTINUATION_RE = re.compile(
    r"^(?:的|体验|能力|水平|质量|效率|意识|团队|人员|理念|态度|需求|模式|生态|建设|环境"
    r"|协议|条款|合同|热线|电话|窗口|专员|对象|范围|费|商|升级|提供者|者|员|性"
    r"|[\u4e00-\u9fff]{0,2}(?:中心|委员会|工作组|小组|联盟|办公室)"
    r"|(?:保护|保障)?(?:数据|报告|白皮书|榜单))"
)
"""A head noun followed by these is part of a longer noun (消费者服务体验, 商家服务协议, 客服中心, a fee (服务费),
who provides or runs it (服务提供者, 管理员), an adjective made of it (系统性风险),
an organisation's name, up to two chars before its suffix (商家权益保护委员会), a report or its data
(消费者权益保护数据)) or a modifier (有品质保障的)."""
LIST_LEAD_RE = re.compile(r"^.*(?:从|在|对|通过|包括|比如|例如|还|也|并|将|继续|提供|推出|采取|实施|给予)")
LEADING_DATE_RE = re.compile(r"^(?:\d{4}年?|\d{1,2}月(?:份)?)")
MEANS_VERBS = frozenset({"通过", "依托", "借助", "开通", "发布", "设置", "延长", "明确", "推广"})
"""Launch verbs whose object, or what follows them, is often no name of a measure when a modifier stands between them
and a quote (通过社交平台招募“刷手”, 依托直播电商加速“触网”, 广告发布者应当显著标明“广告”, 设置为“不发货”)."""
_BARE_MODIFIER_VERB_RE = "|".join(sorted(set(LAUNCH_VERBS) - MEANS_VERBS, key=len, reverse=True))
VERB_BEFORE_RE = re.compile(
    rf"(?:{_VERB_RE}|采用|支持|纳入|享受|享有|承诺)(?:了|的|出|起)?(?:[^,，。;；“”:：]{{1,10}}的)?$"
    rf"|(?:{_BARE_MODIFIER_VERB_RE})(?:了|出|起)?(?:(?![的是为于在都就把将被向对给让使])[{HAN}]){{1,8}}$"
)
"""A launch verb, or a verb of adopting, including, enjoying or promising (采用“先鉴别、后发货”的模式, 纳入“重点品类质检”,
可享受“0元开店”, 承诺“未提醒即扣费，全额退还”), right before a quote or before a short modifier ending in 的 (可享受最长90天的“0元试运营”);
or a launch verb (but :data:`MEANS_VERBS`) before a few characters that modify the quote (推行外卖“一单一封签”, 建立了闪电仓食品安全
“红黑榜”, 实行跨账号“一人一档”); no function word among them (此次修订的核心就是“…”, 推广费用“找补”: no launch)."""
ITEM_HEADING_RE = re.compile(rf"{LIST_ITEM_MARK_RE.pattern}[{HAN}]{{0,6}}“[^“”]{{2,20}}”[。.]?$")
"""A numbered item of a list of measures headed by its quoted name alone (1. 机票“退改透明”。, 2. “航变秒赔”。)."""
NAMED_BEFORE_RE = re.compile(r"(?:方案|办法|做法|举措|对策)(?:就|则)?(?:是|为)$|(?:叫|叫做|名为|取名为?)$")
"""A quote that names a way a platform found or what it offers (闲鱼的解决方案是“闲鱼小法庭”, 推出名为“安心购”的服务):
a measure; not what a trade is (本地生活服务是“线上下单、线下履约”)."""
ALIAS_BEFORE_RE = re.compile(r"(?:下称|简称|以下称|又称|俗称|所谓的?)$")
"""A quote that gives the short name the article goes on to use (哔哩哔哩会员购（下称“会员购”）): a platform's or a
body's name, no measure; nor what a writer calls so-called (所谓的“素人测评”笔记)."""
MODEL_AFTER_RE = re.compile(r"^的(?:模式|机制|制度|规则|服务)")
"""After a quote that a verb of keeping to it stands before (坚持“先鉴别、后发货”的模式, 按照得物“先鉴别，后发货”的模式:
:data:`FOLLOWS_BEFORE_RE`), it names a way of working, a measure, not a value (坚持“诚信”“客户为先”的价值观)."""
COMPLAINT_BEFORE_RE = re.compile(r"(?:集中在|集中于|集中为|(?:违规|违法|投诉)(?:原因|行为|类型|问题)(?:主要|多|大多)?(?:为|是|包括|有))$")
"""Before a group of quotes, where complaints or questions gather (投诉…集中在“比价对象不合理”“被动降价”等方面), or
what violations were (违规原因多为“图文不符”“虚假试穿”): what people complain of or do, no measure."""
FOLLOWS_BEFORE_RE = re.compile(r"(?:坚持|按照|采用|实行|推行|采取|沿用)[^,，。“”]{0,6}$")
"""Before a quote that :data:`MODEL_AFTER_RE` follows, a verb of keeping to it, the platform's name between
(按照得物“先鉴别，后发货”的模式); not so 与多数平台“商家直发消费者”的模式不同."""
WRONGDOING_AFTER_RE = re.compile(
    r"^等?(?:现象|行为|问题|乱象|情形|表述|说法|字样|字眼|用语|词语|宣传语|诱导|按钮|选项|弹窗|话术|文案|二字|两字|两个字|一词)"
    r"|^的?(?:名义|旗号)|^为(?:名|由|借口|幌子)|^的(?:心态|心理|想法|念头|标识|标签|图标|问题|现象|乱象|情况)"
    r"|^[^,，。;；“”]{0,20}?等(?:问题|现象|乱象|情形)"
)
"""After a group of quotes, what people do or say, not what a platform does (“薅羊毛”“职业仅退款”等现象,
“永久”“零风险”等表述), the labels of a page's buttons (设置“再想想”“残忍离开”等诱导性按钮), or a mindset or a
label that a quote names (抱着“反正有验货宝”的心态, 有没有“支持验货宝”的标识), a problem (“先涨价再补贴”的问题), or
a pretence (以“亲测”“回购”名义发布, 以“系统”为名, 以“平台交易有风险”为由), a word the text speaks of (让“源头”二字经得起核验),
or problems listed up to 等问题 (引发商家“被迫参与补贴”“越卖越亏”以及骑手超时配送等问题)."""
LEADING_VERB_RE = re.compile(rf"^(?:{_VERB_RE})")
DEPLOYED_AFTER_RE = re.compile(
    r"(?:已|已经|目前|现已|正)?(?:在[^,，。;；“”]{1,12}?)?(?:全面|逐步)?(?:推广|推行|上线|落地|铺开|试点|启用|投入使用)"
    r"|(?:已|已经)(?:全面)?覆盖"
)
"""After a quoted name, it says the name is deployed (“食安封签”已在外卖商户中推广): a measure."""
QUOTE_JOINER_RE = re.compile(r"[、和与及]?")
"""What may stand between two quoted names of one group."""
ITEM_TAIL_RE = re.compile(r"(?:等|以)$")
_LIST_HEAD = r"等(?:新|多项|多种|一系列)?(?P<head>保障方案|新?机制|举措|措施|政策|权益|新?服务|功能|方面|保障)"
"""What closes a list of measures: ``A、B等保障方案``, ``“A”“B”等新机制``."""
LIST_HEAD_RE = re.compile("^" + _LIST_HEAD)
LIST_CLOSE_RE = re.compile(_LIST_HEAD)
"""Anywhere in a sentence: :data:`LIST_RE` needs one (it starts with a literal, so it is found fast)."""
PATTERN_RE = re.compile(rf"(?P<verb>{_VERB_RE})(?:了|的|出|起了?)?(?P<name>[^,，。;；:：、“”《》()（）\s—\-]{{2,24}}(?:{_HEAD_RE}|模型))")
"""A launch verb and a name ending in a head, or in 模型 (建立退货行为风控模型), which ends a quoted name's
extension too but is no head of its own (a bare 模型 after a quote is kept: “AI识假”模型)."""
_ITEM_CHARS = rf"(?:[{HAN}A-Za-z0-9](?<![和及与或]))"
"""Characters of a list item: never a separator, so an item list splits one way only."""
LIST_RE = re.compile(
    rf"(?P<list>{_ITEM_CHARS}{{2,12}}(?:[、和及与]{_ITEM_CHARS}{{2,12}})+)"
    rf"(?={_LIST_HEAD})"
)
STRONG_HEADS: tuple[str, ...] = (
    "机制", "制度", "黑名单", "白名单", "规则", "细则", "专项", "计划", "体系", "标准", "公约", "基金",
    "系统", "工具", "功能", "专项治理", "专项整治",
)
"""Heads that make an item of an ``A、B等方面`` list a measure (areas like 会员服务 are not)."""
ACTION_START_RE = re.compile(r"^(?:降|减|扶持|加强|提升|优化|推动|提高|加大|完善|打击|强化|保障|促进|鼓励)")
"""List items that are actions (降佣降险, 扶持新商), not named measures."""
_INCLUDED = rf"(?:(?!等)[{HAN}A-Za-z0-9])"
"""A char of an included item: not 等, which ends the list (…、家电清洗等方面)."""
INCLUDES_RE = re.compile(
    rf"(?:举措|措施|政策|权益|服务|承诺)(?:[,，]?内容)?(?:还|也)?(?:包括|涵盖|有)(?P<list>{_INCLUDED}{{2,12}}(?:、{_INCLUDED}{{2,12}})+)等?"
)
EFFORT_RE = re.compile(rf"加大(?P<list>[^,，。;；]{{2,30}}?)(?:的)?力度")
CUE_RE = re.compile(
    rf"(?:^|[,，;；、]|延长|升级|推出|引入|提供|上线|开通)(?P<name>[{HAN}]{{2,4}}?(?:免佣|包邮|包退|即赔|先赔|(?<![风保危冒惊探天])险(?![一企种资])))"
)
FEE_CUT_RE = re.compile(
    rf"(?P<verb>下调|降低)了?(?P<fee>(?![和与及])(?:(?!的)[{HAN}]){{0,6}}?(?:保证金|技术服务费|佣金|推广费))(?![{HAN}]{{0,2}}[的率])"
)
"""A platform lowering a fee it charges merchants (累计下调商家保证金, 降低技术服务费): the cut and the fee as written
are the measure. Not a rate (费率); not a waiver (减免佣金约3.2亿元), which reports an amount, mostly of a programme
named apart."""
DEMAND_RE = re.compile(r"要求|督促|推动|引导|鼓励|指导")
"""What an authority demands of platforms, before a fee cut in its clause: no measure the platform took."""
LIST_SPLIT = re.compile(r"、|以及|和|及|与|或者|或")
ISSUER_RE = re.compile(
    rf"(?P<issuer>[{HAN}]{{2,16}}?(?:总局|委员会|办公室|网信办|部|委|局|院|政府|协会|中心))"
    r"[^,，。]{0,8}?(?:发布|印发|出台|公布|制定|施行|实施|联合)"
)

KIND_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MerchantSupport", ("扶商", "扶持", "免佣", "帮扶", "培训", "补贴", "基金", "降佣", "推广费", "减负", "减免",
                         "下调", "佣金", "保证金", "服务费")),
    ("EnforcementCampaign", ("专项", "行动", "整治", "打击", "抽检", "处罚", "核查", "核验", "关播")),
    ("PlatformRule", ("规则", "细则", "公约", "标准", "规范", "制度", "黑名单", "白名单", "体验分", "信用分", "管理", "准则", "考察",
                      "协议")),
    ("ServiceGuarantee", ("险", "退", "赔", "保障", "包邮", "权益", "达", "配送", "快递", "购", "保")),
    ("Programme", ("计划", "方案", "活动", "专场", "开放日", "项目")),
    ("ProductFeature", ("功能", "工具", "系统", "大厅", "客服", "服务", "策略", "通道")),
)


@dataclass(frozen=True, slots=True)
class MeasureSpan:
    """A measure name found in a sentence's ``norm`` (before classification)."""

    sentence: Sentence
    start: int
    end: int
    name: str
    rule: str
    regulation: bool = False


def strip_fillers(name: str) -> str:
    """Drop leading fillers and launch verbs (了, 一系列, 制定增设 -> …)."""
    previous = None
    while previous != name:
        previous = name
        name = LEADING_FILLERS.sub("", name)
        name = LEADING_VERB_RE.sub("", name)
    return name


DEMONSTRATIVE_RE = re.compile(r"^(?:该|此|这|那|其|上述|前述)(?:项|个|些|类|套|种|一)?")
"""What points back to a measure named before (开通了该服务, 这项机制, 这一保障): no name of its own."""


def is_generic(name: str) -> bool:
    """A bare head with only a generic modifier or a demonstrative (治理体系, 相应的保障体系, 该服务)."""
    for head in _HEADS_LONGEST_FIRST:
        if name.endswith(head):
            return DEMONSTRATIVE_RE.sub("", name[: -len(head)]) in GENERIC_MODIFIERS
    return len(name) < 2


SHOPPING_FESTIVAL_RE = re.compile(r"^(?:\d{3,4}|双\d{1,2}|双十[一二]|(?:\d{3,4}|双\d{1,2}|双十[一二])(?:大促|购物节|期间))$")
"""A shopping festival's name (618, 双11, 双十一大促), which articles quote."""


_LATIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def looks_like_slogan(name: str, enumeration: bool = False) -> bool:
    """Slogans and quoted speech: “好服务”, “修内功”, “认真做电商”, sentences. An English name's
    words (“Seller Protection”) count as two chars each, the spaces between them as none. With
    ``enumeration``, a name of parts joined by 、 (“一次违规、永久禁入”) is one when no part is a slogan."""
    if enumeration and ("、" in name or "，" in name or "," in name):
        return any(looks_like_slogan(part) for part in re.split("[、，,]", name))
    if name.startswith(("一个", "一句")):
        return True  # “一个差评掉半分”: what people say
    name = _LATIN_WORDS.sub(lambda m: "xx" * (m.group(0).count(" ") + 1), name)
    if PUNCT.search(name) or len(name) > 16 or len(name) < 2:
        return True
    if len(name) <= 3 and name[0] in SLOGAN_START:
        return True
    return bool(SPEECH_MARKERS.search(MARKER_NOUNS.sub("", name)))


def ends_with_any(name: str, endings: tuple[str, ...]) -> bool:
    return name.endswith(endings)


def _quote_groups(text: str) -> list[list[re.Match[str]]]:
    """Quoted spans, grouped when only 、/和/与/及 or nothing separates them."""
    groups: list[list[re.Match[str]]] = []
    for m in QUOTE_RE.finditer(text):
        if groups and QUOTE_JOINER_RE.fullmatch(text[groups[-1][-1].end(): m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _continued(extension: str, after: str) -> bool:
    """The head ending ``extension`` is part of a longer noun or a modifier (:data:`CONTINUATION_RE`); but
    a strong head before 的 ends the name (“社区观察员”计划的进展, “黑名单”制度的落地)."""
    m = CONTINUATION_RE.match(after)
    return m is not None and not (m.group(0) == "的" and extension.endswith(STRONG_HEADS))


SHIFT_RE = re.compile(
    r"从“[^“”]{1,12}”(?:进一步|逐步|加快)?(?:转向|转为|转变为|走向|迈向|前移到|前移至|转移到|到)“[^“”]{1,12}”"
)
"""A shift of what platforms compete or work on (各平台正从“卷价格”转向“卷服务”, 从“事后退款”进一步前移到“事前阻断”):
trends, no measures."""
PART_AFTER_RE = re.compile(r"专章|章节|一章|条款|栏目|板块|系列报道|专题报道")
"""After a quote, a part of a document or a page that the quote names (“AI生成内容”专章): no measure."""
QUOTED_GUARANTEE_RE = re.compile(r"[一倍]赔|赔[一二三四五六七八九十双倍]")
"""A quoted compensation rule, its 赔 anywhere in it (“假一赔十”, “坏一赔三”, “买贵双倍赔”): a measure."""


def quoted_measures(sentence: Sentence) -> list[MeasureSpan]:
    """Quoted names that look like measures (see module docstring)."""
    text = sentence.norm
    found: list[MeasureSpan] = []
    shifts = [m.span() for m in SHIFT_RE.finditer(text)] if "从“" in text else []
    heading = ITEM_HEADING_RE.match(text) is not None
    for group in _quote_groups(text):
        if any(start <= group[0].start() < end for start, end in shifts):
            continue
        items: list[tuple[re.Match[str], str, int]] = []
        accepted = False
        after_group = text[group[-1].end():]
        clause_start, _ = clause_bounds(text, group[0].start())
        before = text[clause_start: group[0].start()]
        if (WRONGDOING_AFTER_RE.match(after_group) or PART_AFTER_RE.match(after_group) or COMPLAINT_BEFORE_RE.search(before)
                or ALIAS_BEFORE_RE.search(before) or PROHIBITED_RE.search(before)):
            continue  # “薅羊毛”“职业仅退款”等现象, “…年终盘点”系列报道, (下称“会员购”): what people do, a paper's series, a short name; 不得…“…”: what a rule forbids
        verb_before = bool(VERB_BEFORE_RE.search(before) or NAMED_BEFORE_RE.search(before) or heading
                           or FOLLOWS_BEFORE_RE.search(before) and MODEL_AFTER_RE.match(after_group))
        list_head = bool(LIST_HEAD_RE.match(after_group))
        deployed = bool(DEPLOYED_AFTER_RE.match(after_group))
        for m in group:
            inner = next(g for g in m.groups() if g is not None).strip()
            # parts joined by 、, each named like a measure (“随时退、过期自动退”), are one list of them
            cued = "、" in inner and all(ends_with_any(part, QUOTED_CUES) for part in inner.split("、"))
            if looks_like_slogan(inner, enumeration=verb_before or cued):
                items = []
                break
            if SHOPPING_FESTIVAL_RE.match(inner):
                continue  # “618”, “双11”: a date, not a measure
            if text.startswith(("类", "式"), m.end()) or text.startswith(("类", "式"), group[-1].end()):
                continue  # “亲测好用”类内容, “亲测”“回购”类笔记: a kind of thing, not a name
            if PART_AFTER_RE.match(text, m.end()):
                continue  # 新增“AI生成内容”专章: a part of a rule or a page, not a measure
            ext = EXTENSION_RE.match(text[m.end():])
            if ext is not None and _continued(ext.group(0), text[m.end() + ext.end():]):
                ext = None  # its head is part of a longer noun (“618”期间消费者权益保护数据)
            keep = ext is not None and not is_generic(ext.group(0))
            end = m.end() + (ext.end() if keep else 0)
            name = inner + (ext.group(0) if keep else "")
            items.append((m, name, end))
            accepted = (accepted or bool(ext) or ends_with_any(inner, QUOTED_CUES) and not FIGURATIVE_RE.fullmatch(inner)
                        or QUOTED_GUARANTEE_RE.search(inner) is not None)
        if items and (accepted or verb_before or list_head or deployed):
            found.extend(MeasureSpan(sentence, m.start(), end, name, "measure.quoted") for m, name, end in items)
    return found


def titled_measures(sentence: Sentence, lexicon: Lexicon) -> list[MeasureSpan]:
    """《…》 names ending like a rule or law; a regulation unless a platform issues it."""
    found: list[MeasureSpan] = []
    for m in TITLE_RE.finditer(sentence.norm):
        name = m.group(1).strip()
        if len(name) < 4 or not ends_with_any(VERSION_SUFFIX_RE.sub("", name), REGULATION_ENDS):
            continue
        regulation = not is_platform_rule(sentence, m.start(), m.start(1), name, lexicon)
        rule = "regulation.title" if regulation else "measure.quoted"
        found.append(MeasureSpan(sentence, m.start(), m.end(), name, rule, regulation))
    return found


def is_platform_rule(sentence: Sentence, mark: int, inner: int, name: str, lexicon: Lexicon) -> bool:
    """A titled rule is the platform's own when its name starts with a platform, or it ends
    like a rule (…规则, …公约) and a platform (or 平台), not a regulator, issues it in the clause."""
    hits = platform_hits(sentence, lexicon)
    if any(h.start == inner for h in hits):
        return True
    if not ends_with_any(name, PLATFORM_RULE_ENDS):
        return False
    cstart, _ = clause_bounds(sentence.norm, mark)
    before = sentence.norm[cstart:mark]
    if ISSUER_RE.search(before):
        return False
    return any(cstart <= h.start < mark for h in hits) or "平台" in before


def split_coordination(name: str) -> list[str]:
    """``优质内容标准和推流机制`` -> both names; a left part without a head is dropped."""
    parts = [p for p in LIST_SPLIT.split(name) if p]
    if len(parts) == 1:
        return parts
    return [p for p in parts if ends_with_any(p, HEADS)] or [name]


NOT_A_NAME_RE = re.compile(
    r"^(?:由|等|对|向|把|被|从|给|在|与|和|及|方式|形式|方法|以来|完成|就|便|才|将|后(?![台端续])|情况|效果|进展|期间|同时)|作出|做出|进行|开展"
    rf"|[向对给为](?:卖家|商家|商户|用户|消费者|买家|骑手|主播|达人)|等(?:{_HEAD_RE})$"
)
"""A preposition opening the words after a launch verb, or a verb of making inside them: the verb was a
noun there and the words are a predicate (该试点由人力资源社会保障部…开展, 对规则的执行作出规范, 对接入的运力服务商开展合规核查); the time since
a launch (上线以来累计服务订单…); a task done by way of something (可通过完成选品培训…修复分数); an action on
someone (线上说明会向卖家讲解规则); the end of a list (采取限制合作、公开通报等措施: 开通 straddles two words there); an
adverb or a time after the verb, which was part of a phrase of time (自上线起就将骑手纳入…管理, 新规出台后机构已组织…培训,
在扩大商品选择的同时守住服务品质); how
something that was tried went (根据试点情况优化补贴方式)."""


NEGATED_RE = re.compile(r"(?:无法|不能|不会|没有|未能|难以|很难|不|未|没)$")
"""A denied or doubted launch verb (平台无法提供售后保障, 就很难通过改善服务…): no measure."""


DEMANDED_OF_PLATFORMS_RE = re.compile(
    r"(?:要求|督促|推动|引导|指导|责令)(?:各|相关|各大)?(?:外卖|电商|网络|网约车|互联网)?(?:平台|企业)(?:企业)?"
    r"(?:进一步|切实|加快|持续|及时)?$"
)
"""What an authority demands of platforms, right before the launch verb (要求平台完善骑手权益保障): no measure
taken."""


_PLATFORMS_AS_OBJECT = r"(?:各|相关|各大|涉事|参会)?(?:外卖|电商|网络|直播|社区团购|网约车|互联网)?(?:交易)?平台(?:企业)?"
DEMANDS_OF_PLATFORMS_RE = re.compile(
    rf"(?:[对向]{_PLATFORMS_AS_OBJECT}[^。；;：:]{{0,12}}要求|要求{_PLATFORMS_AS_OBJECT}[^。；;：:]{{0,6}})[:：]"
)
"""An authority's demands of platforms opening a list (会议对各平台提出四点要求：一是…, 要求各平台：…): what the items ask
for is no measure a platform took."""
DEMAND_ITEM_RE = re.compile(r"^\s*(?:[二三四五六七八九十]是|[（(][二三四五六七八九十][）)]|[2-9][.、．])")
"""The next item of such a list (二是…, （三）…, 4. …)."""


def demands_start(sentence: Sentence) -> int | None:
    """Where the list of an authority's demands of platforms (:data:`DEMANDS_OF_PLATFORMS_RE`) starts in the sentence, if
    it opens one."""
    m = DEMANDS_OF_PLATFORMS_RE.search(sentence.norm) if "要求" in sentence.norm else None
    return m.end() if m else None


def pattern_measures(sentence: Sentence) -> list[MeasureSpan]:
    """Launch verb + noun phrase ending in a measure head; not after a denial (:data:`NEGATED_RE`) or a demand
    of platforms (:data:`DEMANDED_OF_PLATFORMS_RE`)."""
    text = sentence.norm
    found: list[MeasureSpan] = []
    for m in PATTERN_RE.finditer(text):
        if CONTINUATION_RE.match(text[m.end():]) or NEGATED_RE.search(text, max(0, m.start() - 2), m.start()) \
                or DEMANDED_OF_PLATFORMS_RE.search(text, max(0, m.start() - 14), m.start()):
            continue
        raw = m.group("name")
        offset = m.start("name")
        if raw[:1] in "和与及":
            continue  # the verb was a noun coordinated with the words (限制店铺的商品发布和提现功能)
        if "的" in raw:
            cut = raw.rindex("的") + 1
            raw, offset = raw[cut:], offset + cut
        for part in split_coordination(raw):
            name = strip_fillers(LEADING_DATE_RE.sub("", strip_fillers(part)))
            if len(name) < 3 or is_generic(name) or name[:1].isdigit() or NOT_A_NAME_RE.search(name):
                continue
            start = text.find(name, offset)
            found.append(MeasureSpan(sentence, start, start + len(name), name, "measure.pattern"))
    return found


def _list_items(
    sentence: Sentence, start: int, items_text: str, rule: str, heads: tuple[str, ...] = ()
) -> list[MeasureSpan]:
    """Named measures among list items; with ``heads``, only items ending in one of them."""
    found: list[MeasureSpan] = []
    parts = LIST_SPLIT.split(items_text)
    for i, part in enumerate(parts):
        if i == 0:
            if part.startswith("对"):
                continue
            part = LIST_LEAD_RE.sub("", part)
        name = strip_fillers(ITEM_TAIL_RE.sub("", part))
        if len(name) < 3 or "的" in name or is_generic(name) or ACTION_START_RE.match(name):
            continue
        if heads and not ends_with_any(name, heads):
            continue
        pos = sentence.norm.find(name, start)
        if pos >= 0:
            found.append(MeasureSpan(sentence, pos, pos + len(name), name, rule))
    return found


def list_measures(sentence: Sentence) -> list[MeasureSpan]:
    """Items of ``A、B等保障方案`` lists, ``举措包括A、B、C`` lists and ``加大A、B力度``."""
    text = sentence.norm
    found: list[MeasureSpan] = []
    for m in LIST_RE.finditer(text) if LIST_CLOSE_RE.search(text) else ():
        heads = STRONG_HEADS if m.group("head") == "方面" else ()
        found.extend(_list_items(sentence, m.start("list"), m.group("list"), "measure.list", heads))
    for m in INCLUDES_RE.finditer(text):
        found.extend(_list_items(sentence, m.start("list"), m.group("list"), "measure.list"))
    for m in EFFORT_RE.finditer(text):
        found.extend(_list_items(sentence, m.start("list"), m.group("list"), "measure.effort"))
    return found


def cue_measures(sentence: Sentence) -> list[MeasureSpan]:
    """Service names built on a guarantee cue: ``类目免佣``, ``过敏险``."""
    found: list[MeasureSpan] = []
    for m in CUE_RE.finditer(sentence.norm):
        name = strip_fillers(m.group("name"))
        if len(name) >= 3:
            found.append(MeasureSpan(sentence, m.end("name") - len(name), m.end("name"), name, "measure.cue"))
    return found


def fee_cut_measures(sentence: Sentence) -> list[MeasureSpan]:
    """A fee cut (:data:`FEE_CUT_RE`) that no one demands of the platform in its clause (:data:`DEMAND_RE`)."""
    text = sentence.norm
    found: list[MeasureSpan] = []
    for m in FEE_CUT_RE.finditer(text):
        if DEMAND_RE.search(text, clause_bounds(text, m.start())[0], m.start()):
            continue
        name = m.group("verb") + m.group("fee")
        found.append(MeasureSpan(sentence, m.start(), m.end(), name, "measure.fee_cut"))
    return found


def measure_kind(name: str, regulation: bool) -> str:
    """Subclass of Policy from the name's cue words."""
    if regulation:
        return "Regulation"
    for kind, cues in KIND_CUES:
        if any(cue in name for cue in cues):
            return kind
    return "Policy"


HEAD_AFTER_RE = re.compile(rf"[{HAN}]{{2,4}}")


def _kind_in_context(span: MeasureSpan) -> str:
    """:func:`measure_kind` of the name, else of the head noun right after a quoted name that is not
    part of it (“清朗·电商直播”专项行动 is a campaign)."""
    kind = measure_kind(span.name, span.regulation)
    if kind == "Policy" and span.rule == "measure.quoted":
        head = HEAD_AFTER_RE.match(span.sentence.norm, span.end)
        if head is not None:
            kind = measure_kind(head.group(0), False)
    return kind


def term_category(name: str, context: str, lexicon: Lexicon) -> str | None:
    """Governance area whose cue terms best match the name, else the sentence."""
    for text in (name, context):
        best: tuple[int, int, str] | None = None
        for area in lexicon.areas.values():
            hits = [t for t in area.terms if t in text]
            if hits:
                rank = (len(hits), max(len(t) for t in hits), area.key)
                best = max(best, rank) if best else rank
        if best:
            return best[2]
    return None


def issuer_of(sentence: Sentence, pos: int) -> str | None:
    """The issuing body named before a regulation (``市场监管总局发布《…》``)."""
    matches = list(ISSUER_RE.finditer(sentence.norm[:pos]))
    return matches[-1].group("issuer") if matches else None


def overlaps(a: MeasureSpan, b: MeasureSpan) -> bool:
    return a.sentence.index == b.sentence.index and a.start < b.end and b.start < a.end


SUGGESTION_RE = re.compile(
    r"建议|呼吁|倡议|应当|应该|(?<![相对供适反])应(?=(?:加快|尽快|及时|进一步)?(?:通过|建立|完善|设立|制定|出台|引入|明确|落实|推出))"
    r"|可以考虑|可考虑|不妨"
)
"""What someone proposes or says ought to be (孙逸建议,…推动出台鉴别服务的团体标准; 他建议…提供更多公共合规服务;
平台…应通过更精细的规则平衡买卖双方权益; 监管部门也应加快明确…的认定标准; 平台可以考虑引入…等机制): a measure named after it in the sentence
by a launch verb and a head alone is a proposal, no measure taken."""


PROHIBITED_RE = re.compile(r"不得|禁止|严禁|不准|不允许")
"""What a rule forbids before the launch verb in its clause (不得通过规则设置不合理的收费项目): no measure.
Its scope runs over a list (不得设置…、变相收费)."""
AGAINST_RULE_RE = re.compile(r"变相|违规|非法|擅自|私自")
"""What someone does against a rule, before the launch verb in its clause (中介…变相提供代写服务,
对累计违规…的主播采取限制流量、暂停直播…): no measure. Before a span opening with a verb of its own (a fee
cut), only in the span's list item: 调整商家违规处理方式、下调店铺保证金门槛 holds one."""


DAY_AFTER_RE = re.compile(r"[日节](?![常益])")
"""A name that goes on as a day's or a festival's (“3·15”国际消费者权益日, “双11”购物节): no measure."""
FORBIDS_RE = re.compile(r"不得")
"""A rule's 不得, whose scope runs on past a comma (经营者不得在消费者不知情的情况下，…设置不同的价格或者收费标准)."""


def _prohibited(text: str, pos: int, *, verb_first: bool = False) -> bool:
    """A prohibition before ``pos`` in its clause (:data:`PROHIBITED_RE`), an act against a rule in its
    clause, or list item when the span opens with its verb (:data:`AGAINST_RULE_RE`), or a 不得 in the
    clause before."""
    cstart = clause_bounds(text, pos)[0]
    if PROHIBITED_RE.search(text, cstart, pos):
        return True
    if AGAINST_RULE_RE.search(clause_before(text, pos) if verb_first else text[cstart:pos]):
        return True
    return cstart >= 2 and FORBIDS_RE.search(text, clause_bounds(text, cstart - 2)[0], cstart) is not None


DEFINED_RE = re.compile(
    rf"(?:^|[,，])(?:“(?P<quoted>[^“”]{{2,12}})”|(?P<plain>[{HAN}A-Za-z0-9]{{1,8}}))(?:就|则|也|其实|本质上)?是"
    rf"(?P<what>[^,，。;；“”]{{0,30}}?(?:{_VERB_RE}|给)的[^,，。;；“”]{{0,12}}?(?:{_HEAD_RE}))"
)
"""A name defined as what a platform offers (退货宝是淘宝…为商家提供的退货运费保障服务, “源头好货”是快手电商面向
产业带推出的扶持项目): the name is the measure, the words defining it none (nor after a pronoun: 这是…)."""


def defined_measures(sentence: Sentence, lexicon: Lexicon) -> tuple[list[MeasureSpan], list[tuple[int, int]]]:
    """Names a sentence defines (:data:`DEFINED_RE`), and the spans of their definitions. Not a pronoun, a
    platform's name or a bare head."""
    text = sentence.norm
    found: list[MeasureSpan] = []
    definitions: list[tuple[int, int]] = []
    matches = list(DEFINED_RE.finditer(text)) if "是" in text else []
    platforms = platform_hits(sentence, lexicon) if matches else []
    for m in matches:
        group = "quoted" if m.group("quoted") else "plain"
        start, end = m.span(group)
        name = m.group(group)
        definitions.append(m.span("what"))
        if len(name) < 2 or DEMONSTRATIVE_RE.match(name) or is_generic(name) \
                or any(start <= h.start < end for h in platforms):
            continue
        found.append(MeasureSpan(sentence, start, end, name, "measure.defined"))
    return found, definitions


def sentence_measures(sentence: Sentence, lexicon: Lexicon) -> list[MeasureSpan]:
    """Every measure span of a sentence; quoted, titled and defined names (:func:`defined_measures`) win over
    overlapping patterns, and no pattern is read inside a definition; a platform's name in quotes is no measure
    (涉及“哔哩哔哩会员购”的投诉). A name found by pattern alone after a proposal (:data:`SUGGESTION_RE`) or a
    prohibition in its clause (:data:`PROHIBITED_RE`) is none."""
    defined, definitions = defined_measures(sentence, lexicon)
    platform_names = {sentence.norm[h.start:h.end] for h in platform_hits(sentence, lexicon)}
    strong = [span for span in quoted_measures(sentence) + titled_measures(sentence, lexicon)
              if not DAY_AFTER_RE.match(sentence.norm, span.end) and span.name not in platform_names]
    strong += [span for span in defined if not any(overlaps(span, other) for other in strong)]
    weak = fee_cut_measures(sentence) + pattern_measures(sentence) + list_measures(sentence) + cue_measures(sentence)
    weak = [span for span in weak if not any(a <= span.start < b for a, b in definitions)]
    proposal = SUGGESTION_RE.search(sentence.norm)
    if proposal is not None:
        weak = [span for span in weak if span.end <= proposal.start()]
    weak = [span for span in weak
            if not _prohibited(sentence.norm, span.start, verb_first=span.rule == "measure.fee_cut")]
    chosen = list(strong)
    for span in weak:
        if not any(overlaps(span, other) for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def to_fact(
    span: MeasureSpan,
    article: str,
    lexicon: Lexicon,
    subjects: tuple[str, ...],
    targets: tuple[str, ...],
) -> MeasureFact:
    """Classify a measure span into a :class:`MeasureFact`."""
    sentence = span.sentence
    platform: str | None = None
    issuer: str | None = None
    if span.regulation:
        issuer = issuer_of(sentence, span.start)
    else:
        inside = [h for h in platform_hits(sentence, lexicon) if span.start <= h.start < span.end]
        before = [h for h in platform_hits(sentence, lexicon) if h.end <= span.start]
        named = inside[:1] or ([last_named(before)] if before else [])
        if named:
            platform = resolve_platform(named[0].key, subjects, lexicon)
        elif subjects:
            platform = subjects[0]
    cstart, cend = clause_bounds(sentence.norm, span.start)
    return MeasureFact(
        name=as_written(sentence, span.name),
        key=normalize_key(span.name),
        platform=platform,
        kind=_kind_in_context(span),
        category=term_category(span.name, sentence.norm[cstart:cend], lexicon),
        targets=targets,
        issuer=issuer,
        evidence=evidence(article, sentence, span.start, span.end, span.rule),
    )
