"""People: named speakers and actors with role and organisation.

Patterns (rule ``person.says``): [ORG] ROLE NAME followed by a speech verb or
a coordinator (抖音电商消费者体验负责人文蔚表示, 中国政法大学…学院教授张钦昱指出,
天猫总裁王煜磊: …); ``person.byline``: 文/NAME, 记者 NAME. Names are 2-3 Han
characters starting with a common surname (compound surnames allowed), so
stop words never become names; ``person.work_name``: a platform's executive by
a two-character work name (花名) that need not start with one, only right after
the platform's role and right before a speech verb (小红书电商运营负责人银时介绍);
``person.bracketed``: NAME (ORG ROLE) before a speech verb (王强（快手电商副总裁）表示);
``person.apposition``: a note in brackets of who someone is (（笑古为快手高级副总裁…）).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import jieba

from pgkg.ontology.lexicon import Lexicon

from .article import Sentence
from .extract_text import HAN, as_written, evidence, platform_hits
from .facts import PersonFact
from .nlp import is_word_aligned, prepare_jieba

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童"
    "凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连"
    "芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝洪"
    "劳冼阎钮蔺匡庹揭练晁郜汝冀郁邰扈逯帅糜凤贝伏芮班仰闻莘贡逄扶堵宰郦雍濮寿燕浦茹宦慕容慎戈庾暨衡"
    "弘禄阙殳沃蔚夔厍勾訾阚鞠巢蒯荆竺桓滑亢况"
    "楼茅厉裘南区杭萧谌郗"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "公孙", "司徒", "夏侯", "尉迟")
ROLE_TITLES = (
    "执行主任", "副总裁", "总裁", "首席执行官", "CEO", "董事长", "总经理", "副总经理", "经理", "负责人",
    "总监", "主任", "副主任", "教授", "副教授", "研究员", "副研究员", "院长", "副院长", "所长", "秘书长",
    "会长", "副会长", "理事长", "主编", "记者", "部长", "局长", "处长", "科长", "创始人", "合伙人",
    "首席", "专家", "律师", "分析师", "总编辑", "主席", "博士", "讲师", "运营官", "发言人",
    "COO", "CTO", "CFO", "CMO", "CPO", "CRO", "CSO", "CIO", "VP", "首席运营官", "首席技术官",
    "首席财务官", "董事", "书记", "司长", "厅长", "社长", "行长", "总干事", "助理", "博士生导师",
    "党组成员", "工程师", "高级工程师", "总队长", "副总队长", "支队长", "副支队长", "大队长", "副大队长",
    "队长", "副队长", "站长", "副站长", "科员", "店长", "法官", "审判长", "审判员", "庭长", "副庭长", "检察官",
    "署长", "副署长", "次长", "主管", "副主管", "营运长", "执行长", "财务长", "技术长",
)
ORG_ENDS = (
    "研究中心", "中心", "大学", "学院", "研究院", "研究所", "协会", "公司", "集团", "委员会", "总局",
    "局", "报社", "日报", "律师事务所", "事务所", "银行", "商会", "联合会", "学会", "实验室", "智库",
    "咨询", "证券", "资本", "传媒", "消委会", "消保委", "消协", "法院", "检察院", "小组", "工作组", "咨询组",
)
PLATFORM_UNIT_RE = re.compile(r"(?:零售|物流|健康|科技|集团|公司|事业部|事业群|商城|国际|研究院|平台)+")
"""Business-unit words that extend a platform name into an organisation (京东零售)."""
SPEECH_AFTER = (r"(?:表示|指出|认为|介绍|说|称|坦言|强调|提到|透露|告诉|分析|建议|直言|谈到|提出|解释|补充|呼吁|坦承|报道|回应"
                r"|宣布|发布|提醒|解读|披露|公布|致辞|发言|表态|答复|说明|分享|演讲|看来|带队|带领|牵头|算了一笔账"
                r"|[对向][^,，。;；“”\s]{1,12}?(?:表示|(?<!来)说|介绍|透露|坦言|(?<![声宣])称|指出|分析|算了一笔账)"
                r"|谈了|谈及|谈|[:：]|和|与|、|就|在|也|则|等|向记者|对记者|对此|接受|[,，]?是(?!否))")

_ROLE_RE = "|".join(sorted(ROLE_TITLES, key=len, reverse=True))
_SURNAME_RE = "(?:" + "|".join(COMPOUND_SURNAMES) + f"|[{SURNAMES}])"
LATIN_NAME_NOTE = r"(?:[(（][A-Za-z][A-Za-z .]{1,30}[)）])?"
"""The person's name in Latin letters in brackets after their Chinese name (吴思琪(Stella Wu)在会上表示)."""
WHEN_BEFORE_SPEECH = r"(?:近日|日前|此前|之前|早前|曾经|曾|今天|今日|昨天|昨日|当天|同日|随后)?"
"""When someone spoke, between their name and the speech (温奕近日在接受…采访时表示, 曲楠之前接受媒体采访时说)."""
_POST_TITLES = "律师|教授|法官"
"""Titles written after a name (范竞舟律师认为)."""
TITLE_AFTER_NAME = rf"(?:{_POST_TITLES}|博士|先生|女士)?"
"""A title after a role and a name (律师事务所合伙人颜博文律师认为), or a form of address after a full name (美团副总裁郗远征先生、…;
after a surname alone it is none: 消费者张女士)."""
HONORIFIC = r"(?:拿督斯里|丹斯里|拿督|太平绅士)?"
"""A Malaysian or Hong Kong honorific between a role and a name (主席拿督郑国辉认为)."""
PERSON_RE = re.compile(
    rf"(?P<chunk>[{HAN}A-Za-z、 ]{{0,30}}?(?:{_ROLE_RE})) ?{HONORIFIC}(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)"
    rf"(?={LATIN_NAME_NOTE}{TITLE_AFTER_NAME}{WHEN_BEFORE_SPEECH}{SPEECH_AFTER})"
)
INTERVIEWEE_RE = re.compile(
    rf"(?:专访|采访|对话|连线)了?(?P<chunk>(?:(?![和与及])[{HAN}A-Za-z、 ]){{0,30}}?(?:{_ROLE_RE})) ?(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)"
    rf"(?={LATIN_NAME_NOTE}(?:[,，。;；]|$))"
)
"""Whom an outlet interviewed, a role and a name that a clause break ends (记者专访了哔哩哔哩会员购总经理周屿。): the
interview's answers are their speech. No coordinator in the role: people listed are :data:`COORDINATED_RE`'s."""
COORDINATED_RE = re.compile(
    rf"(?:先生|女士)?(?:和|与|及|、)(?P<chunk>[{HAN}A-Za-z]{{0,30}}?(?:{_ROLE_RE})) ?(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)"
    rf"(?=(?:先生|女士)?(?:[,，。;；]|$|{SPEECH_AFTER}|出席|参加|到场|亮相|回答))"
)
"""The last of people listed with their roles (专访了…负责人陆鸣和…总监方婧,并…; …负责人孟泽川、商家服务负责人
葛蕾出席并回答了提问): after a coordinator right after a person found, a role and a name that a clause break
ends, as a speech verb or being present (出席, 参加 …) ends the others."""
TRADE_ROLES = ("店主", "摊主", "骑手", "快递员", "外卖员", "配送员", "主播", "博主", "农户", "茶农", "果农", "菜农",
               "种植户", "养殖户", "老板", "商家", "卖家", "主理人", "达人", "执业药师", "药师", "买手", "创作者",
               "消费者", "买家")
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
"""The hundred commonest surnames: a name after a trade word starts with one (商家和诚信经营: 和 is none),
unless it is a full name that speaks (:data:`TRADE_SPEECH_RE`)."""
TRADE_SPEECH_RE = re.compile(r"表示|说|称|介绍|告诉|坦言|透露|认为|回忆|感慨|分享|就是|是|在[^,，。;；]{0,6}?(?:表示|说|介绍|分享)")
"""What a trade and a full name with any surname must go on with (主播贝小琳告诉记者): speech, or 是."""
TRADE_PERSON_RE = re.compile(
    rf"(?P<role>{'|'.join(TRADE_ROLES)})(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)"
    rf"(?={TRADE_SPEECH_RE.pattern}|[,，]是|则|正在|一边|经营|通过|今年|去年|此前|曾|[给向对]记者|对此|在"
    rf"|[给向对][{HAN}A-Za-z0-9]{{2,8}}?(?:表示|说|介绍|透露|坦言|算了一笔账))"
)
"""Someone named by their trade (全职骑手王建军说, 店主梁志强就是受益者之一, 店主陈晓晴是…, 执业药师黄敏正在审核…, 骑手韦家宝一边…,
商家张海燕是去年…入驻京东的): a rider, a shop owner, a merchant, a farmer who speaks or acts. These are
common nouns, not titles, so only a name right before a verb of speaking or acting counts (骑手连续在线…,
主播管理规则 are none), and no word of the dictionary (骑手安全是…, 商家成本则…: :data:`NAME_WORD_FREQ`);
the trade is the role."""
IDENTITY_RE = re.compile(
    rf"(?:^|(?<=[,，。;；:：”\s]))(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)是(?P<place>[^,，。;；]{{0,24}}?)的"
    rf"(?P<role>{'|'.join(TRADE_ROLES)})(?=[,，。;；]|$)"
)
"""A clause saying who someone is by their trade (罗建新是拼多多上“红果园石榴旗舰店”的店主，…): the trade is the
role; the name opens the clause and passes the checks of a trade's name (:func:`_is_trade_name`)."""
AFTER_QUOTE_RE = re.compile(
    rf"(?:^|[”」』])(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)(?P<title>{_POST_TITLES})?(?=(?:还|也|又|则|就|便|再|都|曾)?(?:说|表示|介绍|坦言|告诉记者|补充道|感慨))"
)
"""A name right after a closing quote or opening the sentence after one, before a verb of saying (…也陆续回来了。”
郝凯说，…): who said what the quote holds."""
TITLE_AFTER_RE = re.compile(
    rf"(?:^|(?<=[,，。;；:：\s]))(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)(?P<title>{_POST_TITLES})(?={SPEECH_AFTER})"
)
"""A name opening a clause with a title after it, speaking (范竞舟律师认为，…): the title is the role."""
SAYING_RE = re.compile(r"说|表示|介绍|坦言|告诉记者|补充道|感慨")
POST_TITLE_RE = re.compile(_POST_TITLES)
"""Prefilters: :data:`AFTER_QUOTE_RE` needs a verb of saying, :data:`TITLE_AFTER_RE` one of its titles."""
WORK_NAME_WORD_FREQ = 100
"""A work name (which has no surname to tell it) that jieba's dictionary holds this often or more is a word (举例:
275), not a name (银时, 笑古, 木森: none)."""
NAME_WORD_FREQ = 500
"""A name found after a trade that jieba's dictionary holds this often or more is a common word (安全, 成本,
范围: thousands), not a person's name (杨鹏, 何静: none; 李娜: 438)."""
BRACKETED_ROLE_RE = re.compile(
    rf"(?<![{HAN}])(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?)[（(](?P<chunk>[{HAN}A-Za-z、]{{2,30}}?(?:{_ROLE_RE}))[）)](?={SPEECH_AFTER})"
)
"""A name with its role in brackets after it (王强（快手电商副总裁）表示): the role's organisation and role.
The name starts the text or follows a non-Han char (a clause break), so no word before it is taken in."""
LATIN_PERSON_RE = re.compile(
    rf"(?P<chunk>[{HAN}A-Za-z、 ]{{0,30}}?(?:{_ROLE_RE})) ?(?P<name>[A-Z][a-z]{{1,12}}(?: [A-Z][a-z]{{1,12}}){{1,2}})"
    rf"(?={SPEECH_AFTER})"
)
"""ROLE and a name in Latin letters, given name and family name (负责人Bella Wang称): cross-border
platforms' staff. One word alone (CEO Tony) is not taken."""
_UPPER_RE = re.compile("[A-Z][a-z]+ [A-Z]")
ROLE_ANY_RE = re.compile(_ROLE_RE)
ROLE_END_RE = re.compile(f"(?:{_ROLE_RE})$")
BYLINE_RE = re.compile(rf"(?:^|\s)(?P<role>文|记者|作者|撰文|通讯员)\s*[/／:：]\s*(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}})(?![{HAN}])")
BYLINE_MARK_RE = re.compile(r"[/／:：]")
"""Every byline has one (文/NAME, 记者：NAME); looking for it first is much faster than :data:`BYLINE_RE`."""
CHUNK_START_RE = re.compile(r"^.*(?:[,，。;；、]|据|对此|现场|会上|其中|(?:专访|采访|对话|拜访|邀请|请)[了到]?)")
"""Up to where a person's organisation and role may start: a clause break, or a verb whose object the
person is (专访了小红书社区治理负责人陆鸣, 并请…研究所所长葛云舟谈了…)."""
COORDINATOR_RE = re.compile(r"^.*(?:和|与|及)")
"""Up to the last coordinator of a chunk (where it ends the chunk: :func:`_chunk_start`)."""
ROLE_FILLER_RE = re.compile(r"^(?:的|由|请|邀请|担任|作为|是|本报|本台|本刊|本网)")
NOT_NAME_CHARS = set("的了是在和与及等也就都而说称表示指出认为者们某")
ADDRESS_TAILS = ("先生", "女士", "小姐", "师傅", "阿姨", "大爷", "大妈", "老师", "同学")
"""A surname with a form of address (王先生, 刘女士, 王师傅): no one's name."""


def _holds_function_char(name: str) -> bool:
    """A function char after the surname (:data:`NOT_NAME_CHARS`: 张的, 王是): the words of a sentence, no name."""
    return any(ch in NOT_NAME_CHARS for ch in name[1:])
WORK_NAME_RE = re.compile(
    rf"(?P<chunk>[{HAN}A-Za-z、]{{0,30}}?(?:{_ROLE_RE}))(?P<quote>[“\"「])?(?P<name>[{HAN}]{{2}})(?(quote)[”\"」])"
    r"(?=表示|介绍|指出|认为|透露|强调|坦言|提到|称|说[,，:：“]|在[^,，。;；]{0,6}?(?:表示|介绍|指出|称|说))"
)
"""A platform's executive by a two-character work name (花名: 小红书电商运营负责人银时介绍, 快手电商负责人笑古表示),
which need not start with a surname, in quotes or not (负责人“木森”介绍): only after a platform's role, right before
a speech verb."""
APPOSITION_RE = re.compile(
    rf"[（(](?P<name>{_SURNAME_RE}[{HAN}]{{1,2}}?|[{HAN}]{{2}})(?:为|系|是)(?P<chunk>[{HAN}A-Za-z、]{{2,30}}?(?:{_ROLE_RE}))[）)]"
)
"""A note in brackets of who a person is (（笑古为快手高级副总裁、电商事业部负责人）, （张三系某大学教授）),
as an interview gives it for the person it quotes. A name without a surname (a work name) only as a
platform's executive, as in :data:`WORK_NAME_RE`."""
NOT_WORK_NAME_CHARS = NOT_NAME_CHARS | set("此对还曾已将再又该其均并则亦向")
"""Function chars that are in no work name."""
NOT_WORK_NAMES = frozenset(
    "近日 日前 此前 今天 昨天 今日 昨日 当天 当日 随后 同时 现场 会上 本人 公开 多次 再次 首次 明确 特别 专门 直接 正式 "
    "同样 曾经 一直 始终 反复 进一步 上午 下午 晚间 早前 今年 去年 年初 年底 近期 最近 目前 还称 也称 一度".split()
)
"""Adverbs and time words that stand where a work name would (负责人近日表示, 总裁公开表示)."""


HAN_SPACE_RE = re.compile(r"^.*(?:(?<![A-Za-z]) | (?![A-Za-z]))")
"""Up to the last space that is not between two Latin letters (TikTok Shop): a chunk starts after it."""


def _chunk_start(chunk: str) -> int:
    """Where the organisation and role of the person named after ``chunk`` begin in it: after the last
    clause break (but not a 、 between roles), after a coordinator right there (it follows the person named before: 负责人文蔚和
    服务体验产品经理洪溯), and after a later coordinator that a role stands before (负责人银时和京东
    副总裁李明: an unmatched name), but not after one inside an organisation's name (京东零售平台
    运营与营销中心负责人王磊)."""
    cut = CHUNK_START_RE.match(chunk)
    at = cut.end() if cut else 0
    if " " in chunk and (space := HAN_SPACE_RE.match(chunk)) is not None:
        at = max(at, space.end())
    if chunk[at:at + 1] in ("和", "与", "及"):
        at += 1
    coordinated = COORDINATOR_RE.match(chunk[at:])
    if coordinated and ROLE_ANY_RE.search(chunk[at:at + coordinated.end()]):
        return at + coordinated.end()
    # one person's roles listed (快手电商副总裁、商家发展中心负责人张一鹏): back over each 、 right after
    # a role (after a name, 、 lists people: 总裁魏雯雯、副总裁木青)
    while at > 0 and chunk[at - 1] == "、" and ROLE_END_RE.search(chunk, 0, at - 1):
        cut = CHUNK_START_RE.match(chunk[:at - 1])
        at = cut.end() if cut else 0
    return at


def split_org_role(chunk: str, sentence: Sentence, offset: int, lexicon: Lexicon) -> tuple[str | None, str | None, str]:
    """Split ``抖音电商消费者体验负责人`` into (org, platform key, role).

    Platform names at the start of the chunk (and business-unit words after
    them: 京东零售, 淘宝天猫) form the organisation, but for a 平台 before the role,
    which opens the role (京东零售平台治理部负责人); otherwise the longest
    prefix ending like an organisation (…研究中心, …学院) does.
    """
    hits = {h.start: h for h in platform_hits(sentence, lexicon)}
    pos, key = offset, None
    while pos in hits:
        key = key or hits[pos].key
        pos = hits[pos].end
        unit = PLATFORM_UNIT_RE.match(sentence.norm, pos)
        if unit:
            pos = unit.end()
    end = offset + len(chunk)
    if key is not None and pos < end and sentence.norm.endswith("平台", offset, pos) and pos - 2 > offset:
        pos -= 2  # 平台 opens the role (抖音电商平台治理负责人: 平台治理负责人 of 抖音电商)
    if key is not None and pos < end:
        org = sentence.norm[offset:pos]
        name = lexicon.platforms[key].zh if org in lexicon.platforms[key].names else org
        return name, key, sentence.norm[pos:end]
    best = -1
    for org_end in ORG_ENDS:
        found = chunk.rfind(org_end)
        # the role left after the organisation must hold a whole title (副局长 is no 副局 + 长)
        while found >= 0 and not ROLE_ANY_RE.search(chunk, found + len(org_end)):
            found = chunk.rfind(org_end, 0, found)
        if found >= 0 and found + len(org_end) < len(chunk):
            best = max(best, found + len(org_end))
    if best > 0:
        org = chunk[:best]
        return org[org.rfind("的") + 1:] or None, None, chunk[best:]  # 承担检测任务的浙江方圆检测集团: the name after 的
    return None, None, chunk


def role_from_chunk(role: str) -> str:
    """Trim leading fillers: ``相关负责人`` stays, ``的经理`` -> ``经理``."""
    return ROLE_FILLER_RE.sub("", role)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person found in a sentence, with the ``norm`` span of title + name (a title such as
    教授 or 记者 used this way is no stakeholder mention)."""

    fact: PersonFact
    title_span: tuple[int, int]


def _says(m: re.Match[str], sentence: Sentence, article: str, lexicon: Lexicon, rule: str) -> PersonMention:
    """The person of a :data:`PERSON_RE` or :data:`WORK_NAME_RE` match: the organisation and role
    from the chunk before the name."""
    chunk = m.group("chunk")
    start = m.start("chunk") + _chunk_start(chunk)
    if sentence.norm.startswith("在", start) and sentence.norm.startswith("看来", m.end("name")):
        start += 1  # 在…副教授罗晓丹看来: 在 opens the phrase, not the organisation's name
    org, key, role = split_org_role(sentence.norm[start:m.end("chunk")], sentence, start, lexicon)
    fact = PersonFact(
        name=m.group("name"),
        role=role_from_chunk(role.strip()) or None,
        org=org,
        org_platform=key,
        evidence=evidence(article, sentence, start, m.end("name"), rule),
    )
    return PersonMention(fact, (m.end("chunk") - _role_len(chunk), m.end("name")))


SPEAKER_CAPTION_RE = re.compile(
    rf"^【同期】\s*(?P<chunk>[{HAN}A-Za-z、 ]{{0,30}}?(?:{_ROLE_RE}))\s*(?P<name>{_SURNAME_RE}[{HAN}]{{1,2}})$"
)
"""A video transcript's caption naming who speaks next, by role and name (【同期】美团外卖食品安全负责人 曲映雪)."""


def sentence_people(sentence: Sentence, article: str, lexicon: Lexicon) -> list[PersonMention]:
    """People named in one sentence (or the title)."""
    text = sentence.norm
    found: list[PersonMention] = []
    roles = ROLE_ANY_RE.search(text) is not None
    for m in PERSON_RE.finditer(text) if roles else ():
        if not _holds_function_char(m.group("name")) and not m.group("name").endswith(ADDRESS_TAILS):
            found.append(_says(m, sentence, article, lexicon, "person.says"))
    for m in LATIN_PERSON_RE.finditer(text) if roles and _UPPER_RE.search(text) else ():
        found.append(_says(m, sentence, article, lexicon, "person.says"))
    for m in INTERVIEWEE_RE.finditer(text) if roles and ("访" in text or "对话" in text or "连线" in text) else ():
        if not _holds_function_char(m.group("name")) and m.group("name") not in {p.fact.name for p in found}:
            found.append(_says(m, sentence, article, lexicon, "person.interviewee"))
    for person in list(found):
        m = COORDINATED_RE.match(text, person.title_span[1])
        if m and not _holds_function_char(m.group("name")) \
                and m.group("name") not in {p.fact.name for p in found}:
            found.append(_says(m, sentence, article, lexicon, "person.says"))
    for m in TRADE_PERSON_RE.finditer(text) if any(role in text for role in TRADE_ROLES) else ():
        name = m.group("name")
        if name not in {p.fact.name for p in found} and _is_trade_name(m, text):
            found.append(_plain_mention(name, m.group("role"), sentence, article, (m.start("role"), m.end("name")), "person.trade"))
    for m in IDENTITY_RE.finditer(text) if "是" in text and any(role in text for role in TRADE_ROLES) else ():
        name = m.group("name")
        if name not in {p.fact.name for p in found} and _is_trade_name(m, text):
            found.append(_plain_mention(name, m.group("role"), sentence, article, (m.start("name"), m.end("role")), "person.identity"))
    speakers = ((AFTER_QUOTE_RE,) if SAYING_RE.search(text) else ()) + ((TITLE_AFTER_RE,) if POST_TITLE_RE.search(text) else ())
    for pattern in speakers:
        for m in pattern.finditer(text):
            name = m.group("name")
            if name[0] in COMMON_SURNAMES and _could_be_name(name) and name not in {p.fact.name for p in found}:
                found.append(_plain_mention(name, m.group("title"), sentence, article, (m.start("name"), m.end()),
                                            "person.named_speaker"))
    for m in SPEAKER_CAPTION_RE.finditer(text) if roles and text.startswith("【同期】") else ():
        if _could_be_name(m.group("name")) and m.group("name") not in {p.fact.name for p in found}:
            found.append(_says(m, sentence, article, lexicon, "person.caption"))
    by_surname = list(found)
    for m in WORK_NAME_RE.finditer(text) if roles else ():
        name = m.group("name")
        if (name in NOT_WORK_NAMES or any(ch in NOT_WORK_NAME_CHARS for ch in name)
                or _word_freq(name) >= WORK_NAME_WORD_FREQ or any(name in p.fact.name for p in by_surname)):
            continue  # (a word of the dictionary is no work name: 负责人邵启航向记者举例说)
        mention = _says(m, sentence, article, lexicon, "person.work_name")
        role = mention.fact.role
        # only a platform's executive, with a role of their own
        if mention.fact.org_platform is not None and role and not role.startswith("相关"):
            found.append(mention)
    for m in BRACKETED_ROLE_RE.finditer(text) if roles and ("(" in text or "（" in text) else ():
        mention = _apposition(m, sentence, article, lexicon, "person.bracketed")
        if mention is not None and mention.fact.name not in {p.fact.name for p in found}:
            found.append(mention)
    for m in APPOSITION_RE.finditer(text) if roles and ("(" in text or "（" in text) else ():
        mention = _apposition(m, sentence, article, lexicon, "person.apposition")
        if mention is not None:
            found.append(mention)
    for m in BYLINE_RE.finditer(text) if BYLINE_MARK_RE.search(text) else ():
        role = "作者" if m.group("role") in ("文", "撰文") else m.group("role")
        found.append(_plain_mention(m.group("name"), role, sentence, article, (m.start("role"), m.end("name")), "person.byline"))
    if sentence.text != sentence.norm:  # (a page in traditional characters, full-width letters …)
        found = [PersonMention(_as_written(p.fact, sentence), p.title_span) for p in found]
    return found


def _is_trade_name(m: re.Match[str], text: str) -> bool:
    """Whether a :data:`TRADE_PERSON_RE` match names someone: no function char, form of address or common
    word (:func:`_is_word`) for a name; a word boundary after it unless they speak (赵春来说: 来说 is a word
    of jieba's); a common surname, or a full name that speaks (:data:`TRADE_SPEECH_RE`)."""
    name = m.group("name")
    if not _could_be_name(name):
        return False
    speaks = TRADE_SPEECH_RE.match(text, m.end("name")) is not None
    if not (speaks or is_word_aligned(text, m.start("name"), m.end("name"))):
        return False
    return name[0] in COMMON_SURNAMES or len(name) == 3 and speaks


OUTLET_SELF = ("本报", "本刊", "本台", "本网", "本站", "记者", "小编")
"""How an outlet names itself after a surname-like preposition (卖家向本报表示): no given name."""


def _could_be_name(name: str) -> bool:
    """No function char, form of address or common word (:func:`_is_word`), nor a common word's start, nor
    an outlet naming itself (:data:`OUTLET_SELF`)."""
    return not (_holds_function_char(name) or name.endswith(ADDRESS_TAILS) or _is_word(name) or _is_word(name[:2])
                or name[1:] in OUTLET_SELF)


def _plain_mention(
    name: str, role: str | None, sentence: Sentence, article: str, span: tuple[int, int], rule: str
) -> PersonMention:
    """A person named with at most a trade or a title, no organisation, over ``span`` of the sentence."""
    fact = PersonFact(name=name, role=role, org=None, org_platform=None,
                      evidence=evidence(article, sentence, span[0], span[1], rule))
    return PersonMention(fact, span)


def _word_freq(chars: str) -> int:
    """How often jieba's dictionary holds ``chars`` as a word (0: not at all)."""
    prepare_jieba()  # the dictionary is loaded (and taught the lexicon) before it is read
    return jieba.dt.FREQ.get(chars) or 0


def _is_word(chars: str) -> bool:
    """A common word of jieba's dictionary (:data:`NAME_WORD_FREQ`): no name, nor a name's start (高度, 管理)."""
    return _word_freq(chars) >= NAME_WORD_FREQ


def _as_written(fact: PersonFact, sentence: Sentence) -> PersonFact:
    """The person's name, role and organisation in the page's own script (黃立強, not the matching form's
    黄立强): :func:`pgkg.ingest.extract_text.as_written`."""
    return replace(fact, name=as_written(sentence, fact.name),
                   role=fact.role and as_written(sentence, fact.role), org=fact.org and as_written(sentence, fact.org))


def _apposition(m: re.Match[str], sentence: Sentence, article: str, lexicon: Lexicon, rule: str) -> PersonMention | None:
    """The person of an :data:`APPOSITION_RE` or :data:`BRACKETED_ROLE_RE` match, or None when the name is
    no name."""
    name = m.group("name")
    by_surname = re.fullmatch(f"{_SURNAME_RE}[{HAN}]{{1,2}}", name) is not None
    if _holds_function_char(name) or name in NOT_WORK_NAMES:
        return None
    org, key, role = split_org_role(m.group("chunk"), sentence, m.start("chunk"), lexicon)
    role = role_from_chunk(role.strip())
    if not by_surname and (key is None or not role or role.startswith("相关")
                           or any(ch in NOT_WORK_NAME_CHARS for ch in name)):
        return None
    fact = PersonFact(name=name, role=role or None, org=org, org_platform=key,
                      evidence=evidence(article, sentence, m.start("name"), m.end("chunk"), rule))
    return PersonMention(fact, (m.start("chunk"), m.end("chunk")))


def _role_len(chunk: str) -> int:
    return max((len(r) for r in ROLE_TITLES if chunk.endswith(r)), default=0)


OUTSIDE_ROLE_RE = re.compile("教授|专家|学者|研究员|分析师|律师|讲师|博士|院长|所长|秘书长|会长|理事长")
"""Roles of people who speak of platforms from outside (academics, analysts, lawyers, associations)."""


def is_outside_voice(fact: PersonFact) -> bool:
    """A person who is no platform's: an organisation that is none (中国人民大学法学院), or an outside
    role (:data:`OUTSIDE_ROLE_RE`) without a platform."""
    if fact.org_platform is not None:
        return False
    return fact.org is not None or (fact.role is not None and OUTSIDE_ROLE_RE.search(fact.role) is not None)


def merge_people(facts: list[PersonFact]) -> list[PersonFact]:
    """One fact per name: the most informative (organisation, then a says-role) wins."""
    best: dict[str, PersonFact] = {}
    for fact in facts:
        current = best.get(fact.name)
        if current is None or _rank(fact) > _rank(current):
            best[fact.name] = fact
    return list(best.values())


def _rank(fact: PersonFact) -> tuple[int, int, int]:
    return (fact.org is not None, fact.evidence.rule == "person.says", fact.role is not None)
