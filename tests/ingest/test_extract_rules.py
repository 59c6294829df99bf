"""Extraction rules on tables of sentences: real ones from the seeds and general ones
about other platforms, including sentences that must yield nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from pgkg.ingest.article import ArticleMeta, CleanArticle, RawDocument
from pgkg.ingest.clean import clean
from pgkg.ingest.extract import extract
from pgkg.ingest.extract_text import platform_hits
from pgkg.ingest.facts import MeasureFact, ObservationFact, PersonFact, PlatformFact, StakeholderFact
from pgkg.ingest.sentences import make_sentence
from pgkg.ontology.lexicon import load_lexicon

LEX = load_lexicon()


def article(*sentences: str, title: str | None = None) -> CleanArticle:
    """A clean article whose body is ``sentences`` (one per line) after an optional title line."""
    lines = ([title] if title else []) + list(sentences)
    original = "\n".join(lines)
    offset = len(title) + 1 if title else 0
    built = []
    for i, text in enumerate(sentences):
        built.append(make_sentence(original, i, offset, offset + len(text)))
        offset += len(text) + 1
    return CleanArticle(
        meta=ArticleMeta(source="t.txt", title=title),
        original=original,
        decisions=(),
        sentences=tuple(built),
        lead=(title or "") + (sentences[0] if sentences else ""),
    )


def of_type(facts: list, cls: type) -> list:
    return [f for f in facts if isinstance(f, cls)]


# --- platforms ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("抖音电商举办开放日", ["douyin_ecommerce"]),
        ("抖音電商攔截劣質商品", ["douyin_ecommerce"]),
        ("天猫超市推出送货上门服务", ["tmall"]),
        ("TMALL and tmall", ["tmall", "tmall"]),
        ("北京东城区市场监管局通报", []),
        ("南京东路商圈客流回升", []),
        ("京东方发布新款屏幕", []),
        ("京东方面表示,将继续优化服务", ["jd"]),
        ("阿里巴巴1688平台上线新功能", ["alibaba_1688"]),
        ("该套房价格为16880元", []),
        ("他加微信号咨询", []),
        ("京东与拼多多、小红书同台", ["jd", "pinduoduo", "xiaohongshu"]),
        ("TikTok Shop开放入驻", ["tiktok_shop"]),
        ("快手快脚地完成了", []),
        ("蝦皮購物推出「假一賠二」保障", ["shopee"]),
        ("紫菜虾皮汤里放一点干虾皮", []),
        ("苏宁易购与速卖通、Lazada同台", ["suning", "aliexpress", "lazada"]),
        ("携程、大众点评和盒马鲜生", ["ctrip", "dianping", "hema"]),
        ("微信小店与微信视频号电商", ["weixin_shop", "weixin_channels"]),
        ("淘天集团宣布优化“仅退款”规则", ["taotian"]),
        ("淘宝天猫集团与淘特", ["taotian", "taote"]),
        ("在微店开店,这家微店铺很小", ["weidian"]),
        ("eBay与网易严选、有赞、蘑菇街同台", ["ebay", "yanxuan", "youzan", "mogujie"]),
        # travel, grocery and second-hand platforms; the everyday words some of their names are
        ("飞猪、去哪儿网和同程旅行上线退改保障", ["fliggy", "qunar", "tongcheng"]),
        ("携程、去哪儿、飞猪等平台", ["ctrip", "qunar", "fliggy"]),
        ("周末不知道去哪儿玩,该去哪儿退票", []),
        ("当当网与考拉海购、叮咚买菜同台", ["dangdang", "kaola", "dingdong"]),
        ("这个牌子响当当,柜子里满满当当", []),
        ("多多买菜、美团优选和淘菜菜调整规则", ["duoduo_maicai", "meituan_youxuan", "taocaicai"]),
        ("京东到家与快团团、途牛同台", ["jd_daojia", "kuaituantuan", "tuniu"]),
        ("识货和转转平台推出验货服务", ["shihuo", "zhuanzhuan"]),
        ("滴滴出行、曹操出行、高德打车等平台完成首轮整改", ["didi", "caocao", "amap"]),
        ("手机里传来滴滴声,花小猪和T3出行的订单同时弹出", ["huaxiaozhu", "t3"]),
        ("京东健康与京东大药房上线药品追溯码核验", ["jd_health", "jd_health"]),
        ("爱奇艺、腾讯视频和优酷的会员自动续费", ["iqiyi", "tencent_video", "youku"]),
        ("HKTVmall与蝦皮購物、momo購物網的退货政策", ["hktvmall", "shopee", "momo_shop"]),
        ("哔哩哔哩会员购(下称“会员购”)上线预售保障", ["bilibili_mall", "bilibili_mall"]),
        ("他很识货,周末出去转转", []),
        ("是个识货的人", []),
        ("消保委共受理涉及识货的投诉486件", ["shihuo"]),
    ],
)
def test_platform_hits(text: str, keys: list[str]) -> None:
    sentence = article(text).sentences[0]
    assert [h.key for h in platform_hits(sentence, LEX)] == keys


def test_child_platform_is_subject_and_parent_a_mention() -> None:
    facts = extract(article(
        "抖音电商发布治理报告。",
        "抖音相关负责人表示,平台将持续优化服务。",
        "抖音电商上线“极速退”功能。",
        "文章还提到微信朋友圈的商家。",
        title="抖音电商开放日:打造全链路购物好体验",
    ))
    roles = {f.key: f.role for f in of_type(facts, PlatformFact)}
    assert roles == {"douyin_ecommerce": "subject", "douyin": "mention", "wechat": "mention"}


def test_no_subject_without_salience() -> None:
    facts = extract(article("电商行业进入规范期。", "文章顺带提到京东。"))
    assert [f.role for f in of_type(facts, PlatformFact)] == ["mention"]


def test_in_a_regulators_report_the_platforms_it_reports_figures_of_are_subjects() -> None:
    """No platform dominates a bureau's campaign report; the platforms whose figures it gives (after a
    sentence that leads their paragraph) are reported, one named in passing is not."""
    facts = extract(article(
        "今年以来,南京市市场监管部门开展网络直播营销专项整治,立案查处违法案件186件。",
        "平台企业也积极配合整治。京东方面介绍,今年以来已处置违规直播间超3000个。",
        "此外,有消费者表示曾在拼多多买到假货。",
        title="南京开展网络直播营销专项整治",
    ))
    roles = {f.key: f.role for f in of_type(facts, PlatformFact)}
    assert roles == {"jd": "subject", "pinduoduo": "mention"}


def test_a_figure_in_the_name_a_measure_is_changed_to_is_its_new_level() -> None:
    """七天无理由退货 names a measure, no figure; the name a measure is extended to gives the new level."""
    facts = extract(article("唯品会将服饰品类的“7天无理由退货”延长至“15天无理由退货”。", title="唯品会升级售后服务"))
    assert [(str(o.value), o.unit, o.change, o.metric) for o in of_type(facts, ObservationFact)] == [
        ("15", "天", "increase", "无理由退货")]


def _page_observations(lines: list[str]) -> list[ObservationFact]:
    """The figures of a page made of ``lines``, cleaned and extracted as a build does."""
    return of_type(extract(clean(RawDocument(source="t.txt", text="\n".join(lines)))), ObservationFact)


def test_a_text_tables_rows_give_figures_of_their_label_and_column() -> None:
    """Each figure of a kept table row measures the row's label under its column's header; a header
    that is a year is the figure's period."""
    facts = _page_observations([
        "快手电商发布治理数据", "2025-01-08 10:00 来源：新京报",
        "快手电商8日发布年度治理数据，平台持续打击虚假宣传和售假行为，处置违规商家和违规商品的数量均有变化，详见下表：",
        "指标                2023年      2024年", "处置违规商家        1.2万家      1.5万家", "下架违规商品（件）  320万件      410万件",
        "快手电商治理负责人表示，平台将继续加大治理力度，保障消费者的购物体验，同时为诚信经营的商家营造公平环境。",
    ])
    rows = sorted((str(o.value), o.unit, o.metric, o.period, o.platform) for o in facts)
    assert rows == [
        ("12000", "家", "处置违规商家", "2023年", "kuaishou_ecommerce"),
        ("15000", "家", "处置违规商家", "2024年", "kuaishou_ecommerce"),
        ("3200000", "件", "下架违规商品", "2023年", "kuaishou_ecommerce"),
        ("4100000", "件", "下架违规商品", "2024年", "kuaishou_ecommerce"),
    ]


def test_a_table_drawn_in_text_gives_its_rows_figures_and_a_signed_change_column_their_direction() -> None:
    """A table drawn with bars and rule lines under a paragraph introducing it: rows as in a flattened
    table; +/- before a figure in a column of changes is an increase or a decrease."""
    facts = _page_observations([
        "1688发布年度治理数据", "2026-02-09 14:22 来源：联商网",
        "1688近日发布年度平台治理年报，平台持续打击虚假宣传和侵权假冒行为，联商网根据年报整理了主要治理数据如下：",
        "+----------------------+----------+------------+",
        "| 治理指标             | 2025年   | 同比变化   |",
        "+----------------------+----------+------------+",
        "| 商家平均纠纷率       | 0.31%    | -0.11个百分点 |",
        "| 平均退款时长         | 1.9天    | -50%       |",
        "| 先行赔付金额         | 1.27亿元 | +47.7%     |",
        "+----------------------+----------+------------+",
        "1688平台治理负责人表示，平台将继续加大治理力度，保障采购商的权益，同时为诚信经营的商家营造公平环境。",
    ])
    rows = sorted((str(o.value), o.unit, o.change, o.metric, o.period) for o in facts)
    assert rows == [
        ("0.11", "百分点", "decrease", "商家平均纠纷率 同比变化", None),
        ("0.31", "%", None, "商家平均纠纷率", "2025年"),
        ("1.9", "天", None, "平均退款时长", "2025年"),
        ("127000000", "元", None, "先行赔付金额", "2025年"),
        ("47.7", "%", "increase", "先行赔付金额 同比变化", None),
        ("50", "%", "decrease", "平均退款时长 同比变化", None),
    ]


@pytest.mark.parametrize(("rows", "expected"), [
    (["一线员工人数（万人）\t47.3\t+7.3%", "循环快递箱使用次数（亿次）\t3.6\t+24.1%"],
     [("24.1", "%", "increase", None), ("360000000", "次", None, "2025年"),
      ("473000", "人", None, "2025年"), ("7.3", "%", "increase", None)]),
    # batches and cases: （万批次） in a row's label, （宗） standing for the row's figures too
    (["神秘抽检商品批次（万批次）\t9.6\t+57.4%", "售后纠纷（宗）\t1,862\t-32.7%"],
     [("1862", "宗", None, "2025年"), ("32.7", "%", "decrease", None),
      ("57.4", "%", "increase", None), ("96000", "批次", None, "2025年")]),
])
def test_a_row_label_with_a_unit_in_brackets_gives_the_rows_bare_figures_their_unit(rows, expected) -> None:
    """一线员工人数（万人） 47.3: 473000 人; a year header is the period, a signed change keeps its %."""
    facts = _page_observations([
        "京东物流发布2025年度业绩", "2026-03-12 19:30 来源：财联社",
        "京东物流今日晚间发布2025年度业绩，年报以较大篇幅披露了一线员工相关数据。财联社记者根据年报整理如下：",
        "指标\t2025年\t同比", *rows,
        "京东物流表示，将继续加大一线员工的薪酬福利投入，保障员工权益，同时为商家和消费者提供更稳定的物流服务。",
    ])
    assert sorted((str(o.value), o.unit, o.change, o.period) for o in facts) == expected


def test_a_table_written_one_cell_per_line_gives_its_rows_figures_with_the_columns_unit() -> None:
    """A table whose cells stand each on a line (an HTML table flattened line by line), under a paragraph
    introducing it and a caption: read as a flattened one; a column's unit in brackets (案件数（起）) gives its
    bare figures their unit. The caption and the source line after the table are no cells."""
    facts = _page_observations([
        "得物发布2024年度打假报告", "2025-03-14 17:05  来源：e公司",
        "得物今日发布2024年度打假报告，报告披露了平台协助查处涉假案件的分品类情况。e公司记者根据报告整理如下：",
        "2024年得物协助查处涉假案件分品类情况", "品类", "案件数（起）", "同比变化",
        "运动鞋服", "128", "-15.2%", "箱包配饰", "64", "+12.3%", "合计", "192", "-8.1%",
        "数据来源：得物《2024年度知识产权保护与打假报告》",
        "得物表示，将继续联合品牌方和执法机关打击售假行为，保障消费者权益，同时为诚信经营的商家营造公平环境。",
    ])
    rows = sorted((str(o.value), o.unit, o.change, o.metric) for o in facts)
    assert rows == [
        ("12.3", "%", "increase", "箱包配饰 同比变化"), ("128", "起", None, "运动鞋服 案件数(起)"),
        ("15.2", "%", "decrease", "运动鞋服 同比变化"), ("192", "起", None, "合计 案件数(起)"),
        ("64", "起", None, "箱包配饰 案件数(起)"), ("8.1", "%", "decrease", "合计 同比变化"),
    ]


def test_a_tables_caption_may_stand_between_its_introduction_and_its_header() -> None:
    """表：… between the paragraph ending in a colon and the header; figures with their thousands apart (14,860)."""
    facts = _page_observations([
        "美团外卖发布广东外卖食品安全报告", "2025-10-20 10:00 来源：南方都市报",
        "美团外卖今日发布广东外卖食品安全报告，记者梳理报告发现，珠三角主要城市的接入情况和投诉变化存在明显差异：",
        "表：美团外卖2025年1-9月广东部分城市食安数据", "城市\t接入“明厨亮灶”商户（家）\t食安投诉同比",
        "广州\t14,860\t-19.2%", "深圳\t12,370\t-21.6%",
        "美团外卖表示，将继续推动商户接入“明厨亮灶”，保障消费者的用餐安全，同时为诚信经营的商户营造公平环境。",
    ])
    rows = sorted((str(o.value), o.unit, o.change) for o in facts)
    assert rows == [("12370", "家", None), ("14860", "家", None), ("19.2", "%", "decrease"), ("21.6", "%", "decrease")]


def test_short_lines_of_figures_without_an_introduction_are_no_table() -> None:
    """A stock box's lines (a name, a price, a change) under no paragraph introducing a table stay chrome."""
    facts = _page_observations([
        "得物发布2024年度打假报告", "2025-03-14 17:05  来源：e公司",
        "相关股票", "代码", "现价", "涨跌幅", "京东集团", "128", "-1.2%", "阿里巴巴", "64", "+2.3%",
        "得物今日发布2024年度打假报告，平台全年拦截疑似假冒及瑕疵商品约186万件，同时为诚信经营的商家营造公平环境。",
    ])
    assert [(str(o.value), o.unit) for o in facts] == [("1860000", "件")]


def test_a_sister_platform_named_in_a_report_does_not_take_the_reports_platform() -> None:
    """拼多多 and Temu are sisters under one holding, not parent and child: a report of 拼多多's that
    also gives Temu's figures is about 拼多多 first, and 拼多多's figures stay its own."""
    facts = extract(article(
        "8月20日,拼多多发布《2024上半年消费者权益保护报告》。上半年,拼多多平台“仅退款”申请量同比下降26%。",
        "拼多多今年推出的“百亿减免”计划,截至6月底已为商家减免费用约37亿元。",
        "报告显示,上半年Temu在欧盟市场主动下架违规商品链接超420万条。",
        title="拼多多首发消保报告:Temu在欧盟下架违规链接超420万条",
    ))
    assert {f.key: f.role for f in of_type(facts, PlatformFact)}["pinduoduo"] == "subject"
    platforms = {str(o.value): o.platform for o in of_type(facts, ObservationFact)}
    assert platforms == {"26": "pinduoduo", "3700000000": "pinduoduo", "4200000": "temu"}


# --- measures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("售后保障方面,平台对产品进行升级,上线“服务保障大厅”功能,让消费者清晰感知。", ["服务保障大厅"]),
        ("平台还全量推行“极速退”能力,提升消费者退货退款的体验。", ["极速退"]),
        ("如发生异常,平台会迅速推动商家和物流解决问题,并落实主动赔付、极速退款等保障方案。", ["主动赔付", "极速退款"]),
        ("自1月推出九大扶商政策以来,截至7月底,平台累计补贴商家已超过165亿元。", ["九大扶商政策"]),
        ("物流服务则引入“晚发即赔”“自选快递”“新疆包邮”等新机制。", ["晚发即赔", "自选快递", "新疆包邮"]),
        ("针对美妆等商品,延长过敏险周期至90天。", ["过敏险"]),
        ("其中,仅“商品卡免佣”一项,就为商家减免超过65亿元,类目免佣则帮助商家节省超24亿元。", ["商品卡免佣", "类目免佣"]),
        ("平台在满足用户“当日达”“选日达”“按需配送”等多元需求的同时,从严加强治理。", ["当日达", "选日达", "按需配送"]),
        ("首先,快手通过建设“用户之声”诊断系统关注用户痛点。", ["用户之声诊断系统"]),
        ("同时,快手还从电商入驻、风险管理、商户黑名单等方面对商家实现全流程管理。", ["商户黑名单"]),
        ("这次发布的2015年服务新标准里,我们将在消费者端提升体验。", ["服务新标准"]),
        ("同时加大神秘购买抽检的力度。", ["神秘购买抽检"]),
        ("京东推出“价保365”服务,覆盖更多品类。", ["价保365"]),
        ("拼多多上线“先用后付”功能,帮助消费者降低决策成本。", ["先用后付"]),
        ("小红书成立了虚假种草治理专项,打击违规笔记。", ["虚假种草治理专项"]),
        ("京东建立商家信用评价体系。", ["商家信用评价体系"]),
        ("对于新商家,我们提供0元试运营、流量扶持等措施。", ["0元试运营", "流量扶持"]),
        ("平台推出退货补运费、假一赔十等保障措施。", ["退货补运费", "假一赔十"]),
        ("天猫发布《天猫商家服务协议》修订公告。", ["天猫商家服务协议"]),
        ("亚马逊推出“Project Zero”项目打击假货。", ["Project Zero"]),
        ("他说“We are the best in the world”。", []),
        ("京东与某公司签署《战略合作协议》。", []),
        # a report or its data, and a shopping festival, are not measures
        ("6月25日,京东发布2024年“618”期间消费者权益保护数据。", []),
        ("京东发布“618”期间消费者权益保护报告。", []),
        ("京东推出“双11”专属“极速退”服务。", ["极速退"]),
        # a quoted name said to be deployed, or joined into the platform, is a measure
        ("美团方面表示,“食安封签”已在外卖商户中推广,覆盖商户超100万家。", ["食安封签"]),
        ("目前平台接入“明厨亮灶”的商户占比近四成。", ["明厨亮灶"]),
        ("天猫方面披露,平台“极速退款”已覆盖百分之九十的订单。", ["极速退款"]),
        # a rule's parts joined by 、 after a verb of putting it in force
        ("对违规商户实行“一次违规、永久禁入”。", ["一次违规、永久禁入"]),
        # nouns holding a char that marks speech elsewhere (能, 会, 要): no speech
        ("京东上线“智能客服”功能,帮助商家及时回复咨询。", ["智能客服"]),
        ("天猫推出“会员优先购”服务。", ["会员优先购"]),
        ("拼多多推出“商家赋能”计划。", ["商家赋能"]),
        # a strong head before 的 still ends the name
        ("快手公布了“春雷”计划的实施效果。", ["春雷"]),
        ("抖音电商介绍了“商家黑名单”制度的执行情况。", ["商家黑名单"]),
        # a quoted compensation rule, its 赔 inside it
        ("对于售假行为,平台坚持“假一赔三”。", ["假一赔三"]),
        ("京东承诺“坏一赔一”,由平台先行垫付。", ["坏一赔一"]),
        # a model or algorithm after a quoted name; training as a measure's head; verbs of handing out or enabling
        ("淘宝将“AI识假”模型应用于服饰、箱包等类目。", ["AI识假模型"]),
        ("京东已对快递员开展售后服务培训。", ["售后服务培训"]),
        ("饿了么向商户免费发放“外卖封签”,并启用“明厨亮灶”直播。", ["外卖封签", "明厨亮灶"]),
        # a subsidy; an entry point after a quoted name; a law titled 法规
        ("美团为骑手发放“高温补贴”,每单加价1元。", ["高温补贴"]),
        ("京东推出以旧换新补贴,覆盖家电品类。", ["以旧换新补贴"]),
        ("小红书上线了“一键投诉”入口。", ["一键投诉入口"]),
        ("欧盟《数字服务法规》于今年生效。", ["数字服务法规"]),
        # a rule or law titled in English, a 法案
        ("TikTok Shop美国站向卖家推送了《Product Safety & Compliance Policy》更新通知。", ["Product Safety & Compliance Policy"]),
        ("根据美国《消费品安全改进法案》,儿童产品未取得CPC即销售属于违法行为。", ["消费品安全改进法案"]),
        # a service named 宝 or 保护 whose reach grows; launch verbs of opening a channel or a class; inspections
        ("转转将扩大“验机宝”服务范围。", ["验机宝"]),
        ("苏宁易购扩大“价格保护”适用范围。", ["价格保护"]),
        ("得物向卖家开放鉴别申诉通道。", ["鉴别申诉通道"]),
        ("快手电商开设“商家合规课堂”。", ["商家合规课堂"]),
        ("饿了么开展食品安全抽检,委托第三方机构检测。", ["食品安全抽检"]),
        ("闲鱼要求所有卖家完成“实人认证”。", ["实人认证"]),
        # quoted parts each named like a measure; adopting, including, keeping up a model; recalls, checks,
        # risk models, a fund; what a list of commitments covers
        ("美团团购券支持“随时退、过期自动退”。", ["随时退、过期自动退"]),
        ("淘宝将儿童玩具纳入“重点品类质检”。", ["重点品类质检"]),
        ("识货坚持“先验货、后发货”的模式。", ["先验货、后发货"]),
        ("京东对问题商品启动主动召回。", ["主动召回"]),
        ("闲鱼已上线卖家证照智能核验。", ["卖家证照智能核验"]),
        ("拼多多已建立退货行为风控模型。", ["退货行为风控模型"]),
        ("得物设有鉴别结果复核机制。", ["鉴别结果复核机制"]),
        ("国美发布七项服务承诺,内容涵盖送装一体、超时必赔、家电清洗等方面。", ["送装一体", "超时必赔", "家电清洗"]),
        # a measure used as the means (通过, 依托, 借助)
        ("博主接受品牌合作,必须通过蒲公英报备机制如实标注。", ["蒲公英报备机制"]),
        ("美团依托骑手智能调度系统减少超时。", ["骑手智能调度系统"]),
        # quoted names ending in a return, an exchange, a penalty waived, a label or a tool; what one enjoys
        ("唯品会将“7天无理由退货”延长至“15天无理由退货”。", ["7天无理由退货", "15天无理由退货"]),
        ("整改到位即可免于处罚,即“轻微违规首次不罚”。", ["轻微违规首次不罚"]),
        ("买手推广商品时必须使用平台统一的“合作带货标识”。", ["合作带货标识"]),
        ("淘宝的“知识产权保护平台”提供一站式投诉渠道。", ["知识产权保护平台"]),
        ("新入驻的商家可享受“0元开店”和技术服务费减免。", ["0元开店"]),
        # a quote followed by 的模式 names a way of working, its parts apart by a comma, named as written
        ("按照得物“先鉴别，后发货”的模式,商品须先寄到平台。", ["先鉴别，后发货"]),
        ("快手电商推出面向消费者的“信任卡”。", ["信任卡"]),
        # a campaign's name runs past its 专项 to 治理 or 整治
        ("此轮“虚假种草专项治理”主要针对三类行为。", ["虚假种草专项治理"]),
        ("小红书启动虚假种草专项治理,处置违规笔记。", ["虚假种草专项治理"]),
        ("抖音电商开展直播间低价专项整治行动。", ["直播间低价专项整治行动"]),
        ("11月6日,小红书对外公布“医美内容清朗”专项治理的阶段性进展。", ["医美内容清朗"]),
        # a quote after a verb and a short modifier ending in 的; a 新规 after a quote; a list item headed by a quote
        ("京东表示,新商家入驻后可享受最长90天的“0元试运营”。", ["0元试运营"]),
        ("小红书表示,8月1日起将施行“合作笔记标注”新规。", ["合作笔记标注新规"]),
        ("3. 酒店“住宿安心保”。", ["住宿安心保"]),
        # a quote after a launch verb and a few characters modifying it, no 的 between
        ("美团闪购建立了闪电仓食品安全“红黑榜”,每月公布评分排名。", ["红黑榜"]),
        ("平台对被清退主播实行跨账号“一人一档”封禁。", ["一人一档"]),
        ("美团在全国推行外卖“一单一封签”。", ["一单一封签"]),
        # a facility a platform builds
        ("平台还在试点城市新建“暖心驿站”1200余个。", ["暖心驿站"]),
        # a quote naming the way a platform found
        ("对于买卖双方各执一词的纠纷,闲鱼的解决方案是“闲鱼小法庭”。", ["闲鱼小法庭"]),
        # a platform lowering a fee it charges merchants
        ("淘宝天猫表示,今年以来已累计下调商家保证金。", ["下调商家保证金"]),
        ("美团通过降低技术服务费、退还推广费等方式为商家减负。", ["降低技术服务费"]),
        # the items of a list of sanctions, not the words across a verb split between two (公开通报: 开通)
        ("平台对委托黑产进行虚假营销的品牌方采取限制合作、公开通报等措施。", ["限制合作", "公开通报"]),
        # a platform's promise in quotes
        ("美团已将自动续费选项全部改为默认不勾选,并承诺“未提醒即扣费,全额退还”。", ["未提醒即扣费,全额退还"]),
        # a name defined as what a platform offers, quoted or not
        ("退货宝是淘宝在运费险之外为商家提供的退货运费保障服务,此前商家普遍反映费率偏高。", ["退货宝"]),
        ("“源头好货”是快手电商面向产业带推出的扶持项目,主打工厂直供。", ["源头好货"]),
        # checks as a head; a compensation or a tracing code in quotes
        ("美团外卖今年以来持续开展证照核查,清退无证商户2.4万家。", ["证照核查"]),
        ("每件经识货鉴别的商品都会附带“鉴别溯源码”,消费者扫码即可查看。", ["鉴别溯源码"]),
        ("“超时赔付”上线半年来已触发12.4万次。", ["超时赔付"]),
        # a platform's pledge titled as such
        ("为打消用户疑虑,飞猪今年4月发布《价格一致性承诺》,承诺同一产品不设差别价格。", ["价格一致性承诺"]),
        # an act against the rules in another list item of the clause
        ("淘宝还调整了商家违规处理方式、下调店铺保证金门槛。", ["下调店铺保证金"]),
    ],
)
def test_measure_names(sentence: str, expected: list[str]) -> None:
    names = [f.name for f in of_type(extract(article(sentence)), MeasureFact)]
    for name in expected:
        assert name in names, names


@pytest.mark.parametrize(
    "sentence",
    [
        "文蔚表示,未来将聚焦两个方向,一方面“修内功”,通过规则、技术和产品能力提升效率。",
        "所谓“好服务”并非单指商品售后服务的好。",
        "抖音电商成立3年以来,始终秉持“认真做电商”初心。",
        "南京沙洲派出所将反诈宣传搬进影院,《孤注一掷》助警民携手构筑反诈防线。",
        "他说:“我们要做好每一件事。”",
        "河北产业带的商家“尚公子棉品”就是信任购商家主播。",
        "搭建起了覆盖全流程的保障体系。",
        "中国将推出个人养老金制度",
        "其中,拼多多表示已修订商家服务协议中的12项条款。",
        "拼多多回应称,平台已成立商家权益保护委员会。",
        "平台提出“好服务、好商品”的理念。",
        "“小红书笔记还能信吗”已在社交媒体上广泛传播。",
        "他说“我们要做得更好”。",
        "目前已有超过8万家商家开通了该服务。",
        "平台去年上线了这项功能。",
        "平台去年上线了这一机制。",
        "“赔了夫人又折兵”的说法并不准确。",
        # a proposal, a prohibition, a predicate after a verb that was a noun, an extra guarantee
        "王强建议,监管部门可以推动出台直播带货的行业标准。",
        "专家呼吁平台为中小商家提供更多公共合规服务。",
        "新规要求平台不得通过规则设置不合理的收费项目。",
        "该试点由人力资源社会保障部等部门组织开展。",
        "新规还对规则的执行作出规范。",
        "律师认为,这为消费者提供了额外保障。",
        # a figure of speech, a kind of content, what a criterion is taken to be, what intermediaries do against the rules
        "京东将运用三大“法宝”提升消费者体验。",
        "博主以素人口吻发布“亲测好用”类内容。",
        "平台不应简单地以“夸了产品”作为判断标准。",
        "部分中介在站外变相提供代写服务。",
        "平台对累计违规达到一定次数的主播采取限制流量、暂停直播直至终止服务等措施。",
        "平台通过对特定商品与服务类型进行标准化把控。",
        "专家指出,平台应通过更精细的规则平衡买卖双方权益。",
        "京东发布下半年消费者服务升级举措。",
        "京东坚持“诚信”“客户为先”的价值观。",
        # a day's name, a 不得 whose scope runs past a comma, "one time" before a head, half of 或者
        "“3·15”国际消费者权益日前夕,唯品会公布售后服务数据。",
        "条例规定,经营者不得在消费者不知情的情况下,对同一商品设置不同的价格或者收费标准。",
        "此次修订是视频号自推出带货业务以来规模最大的一次规则调整。",
        "小红书新增“AI生成内容”专章,要求创作者主动声明。",
        # what people do, a paper's series, what people say, a way of checking
        "随着规则被滥用,“薅羊毛”“职业仅退款”等现象让商家苦不堪言。",
        "21世纪经济报道推出“2024平台治理年终盘点”系列报道。",
        "“一个差评掉半分”的焦虑有望缓解。",
        "平台通过视频抽查的方式核验。",
        # a modifier after a verb of means, or holding a function word, before a quote
        "犯罪团伙通过社交平台招募“刷手”,按单支付佣金。",
        "降佣之后平台会否通过推广费用“找补”。",
        "有7款App在开通会员时默认勾选“自动续费”。",
        "此次修订的核心就是“分级、加重、留出申诉空间”。",
        "与多数电商平台“商家直发消费者”的模式不同,得物先鉴别再发货。",
        "商家投诉内容集中在“比价对象不合理”“流量断崖”“被动降价”等方面。",
        # a fee or who provides a service after a head; a denied launch; what an authority ought to do
        "他提醒，平台应在结算页面向卖家明确展示服务费金额。",
        "这是闲鱼上线以来首次面向个人卖家普遍收取服务费。",
        "该办法明确要求服务提供者对生成合成内容添加显式标识。",
        "用户在平台外转账，平台无法提供售后保障。",
        "她同时提醒，监管部门也应加快明确AI生成内容在广告领域的认定标准。",
        "平台承诺“我们一定会做好”。",
        # what violations were, a problem in quotes, a verb that was a noun before 和
        "平台清退违规买手1,400余名,违规原因多为“图文不符”“虚假试穿”与“诱导下单后大量退货”。",
        "除了旧机重复回收,消费者反映较多的还有“先涨价再补贴”的问题。",
        "逾期未补足的,平台将限制店铺的商品发布和提现功能。",
        # a shift further on, a pretence, so-called, an action on someone
        "平台的治理重心应当从“事后退款”进一步前移到“事前阻断”。",
        "一是虚构使用体验,即未实际使用商品却以“亲测”“回购”名义发布推荐笔记。",
        "品牌方在一个月内批量发布了1200篇所谓的“素人测评”笔记。",
        "林伟强表示,平台已通过线上说明会向卖家讲解规则变化。",
        # a mindset or a product page's label in quotes
        "宁可多问几句,也别抱着“反正有验货宝”的心态直接下单。",
        "买之前在商品页面看一下有没有“支持验货宝”的标识。",
        # what authorities demand of platforms; labels of a page's buttons; the time since a launch; a task done;
        # an adjective made of a head; doubt about a launch; a definition's words
        "人社部等监管部门多次召集外卖平台座谈,要求平台完善骑手权益保障和算法规则公示。",
        "还有平台连续弹出挽留页面,设置“再想想”“残忍离开”等诱导性按钮,增加了取消难度。",
        "根据闲鱼官方去年公布的数据,验货宝上线以来累计服务订单超过3,000万单。",
        "达人可通过完成选品培训、优化商品讲解等修复任务逐步恢复分数。",
        "重点在于平台是否事先识别并降低系统性风险。",
        "商家不知道怎么扣的分,就很难通过改善服务去提升分数。",
        "这是平台为商家提供的退货运费保障服务。",
        # a cut before 和 and the next item's fee
        "此次扶持举措中与商家最直接相关的是保证金下调和技术服务费返还。",
        # words a rule forbids
        "明确笔记中不得出现未经证实的“永久”“零风险”等表述。",
        # a campaign's head alone names no campaign
        "平台加大专项治理力度。",
        # a shift of what platforms compete on
        "分析师认为,各平台正从“卷价格”转向“卷服务”,售后保障正成为平台竞争的新焦点。",
        # the short name an article goes on to use; what a trade is
        "作为二次元衍生品电商平台之一,哔哩哔哩会员购(下称“会员购”)近一年来增长迅速。",
        "蒋一帆表示,本地生活服务是“线上下单、线下履约”。",
        # a fee cut demanded of platforms, a rate cut, a waiver reported as an amount
        "市场监管总局要求外卖平台进一步降低商家佣金。",
        "抖音生活服务下调部分类目的技术服务费率。",
        "快手累计为中小商家减免佣金约3.2亿元。",
        # a cue inside a longer word; an adverb or a time after a launch verb; how a trial went; a word spoken of;
        # a verb ending in 退; a platform's name in quotes
        "“全职骑手签劳动合同、缴五险一金,是我们从一开始就定下的原则。”",
        "京东外卖自上线起就将全职骑手纳入京东物流体系统一管理。",
        "平台将根据试点情况优化补贴方式,尊重骑手的自主选择。",
        "新规出台后机构已组织达人集中参加资质培训。",
        "1688表示,新计划的核心是让“源头”二字经得起核验。",
        "平台并不希望通过提高门槛来“劝退”达人。",
        "记者检索发现,涉及“哔哩哔哩会员购”的投诉超过4700条。",
        # a kind of notes after a group of quotes; a way of buying; a launch verb inside the words
        "不得以未使用过的商品发布“亲测”“回购”类笔记。",
        "愈來愈多港人「北上網購」,相關糾紛亦水漲船高。",
        "高德打车对接入的运力服务商开展合规核查。",
        # a pretence, problems listed up to 等问题, what a rule forbids
        "对于以“帮未成年人退款”为名收取高额费用的机构,家长要提高警惕。",
        "补贴竞争引发部分商家“被迫参与补贴”“越卖越亏”以及骑手超时配送等问题。",
        "三是不得利用算法对不参与补贴的商家实施搜索降权等“隐性惩罚”。",
        # what a platform might consider; a phrase of time (…的同时) after a launch verb
        "专家认为,平台可以考虑引入随机抽查画面、消费者评价画面真实性等机制。",
        "推动卖家分级制度的目的,是在扩大商品选择的同时守住服务品质。",
    ],
)
def test_no_measure_from_slogans_speech_or_titles(sentence: str) -> None:
    assert of_type(extract(article(sentence)), MeasureFact) == []


def test_an_authoritys_list_of_demands_of_platforms_names_no_platform_measures() -> None:
    """会议对各平台提出…要求：一是…；二是…: what the items ask for is no measure; a platform's own list of rules for its
    merchants is."""
    demands = extract(article("会议对各平台提出三点要求：一是严格落实入网经营者审查登记制度，对供应商资质实行动态核验；",
                              "二是完善食品追溯体系，确保商品可追溯；", "三是对自提点经营者开展食品安全培训。"))
    assert of_type(demands, MeasureFact) == []
    own = extract(article("美团优选要求商家：一是严格落实食品追溯体系；", "二是对自提点经营者开展食品安全培训。"))
    assert {m.name for m in of_type(own, MeasureFact)} == {"食品追溯体系", "食品安全培训"}


def test_regulation_has_no_platform_and_keeps_issuer() -> None:
    facts = extract(article(
        "国家市场监督管理总局发布《网络交易监督管理办法》,规范平台经营。",
        "京东推出“京东价保”服务。",
        title="京东平台治理报告",
    ))
    reg = next(f for f in of_type(facts, MeasureFact) if f.name == "网络交易监督管理办法")
    assert (reg.kind, reg.platform, reg.issuer, reg.category) == (
        "Regulation", None, "国家市场监督管理总局", "regulatory_compliance")


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        # a quoted name without a cue word takes its kind from the head noun after it
        ("拼多多开展“清朗·电商直播”专项行动。", "清朗·电商直播", "EnforcementCampaign"),
        ("天猫推出“蟹无忧”权益,承诺快速退款。", "蟹无忧", "ServiceGuarantee"),
        ("快手推出“三全”治理体系。", "三全", "Policy"),
        ("京东启动“春雷行动”,打击假冒伪劣商品。", "春雷行动", "EnforcementCampaign"),
    ],
)
def test_measure_kind_of_a_quoted_name(sentence: str, name: str, kind: str) -> None:
    measures = {m.name: m.kind for m in of_type(extract(article(sentence)), MeasureFact)}
    assert measures[name] == kind


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "issuer"),
    [
        ("平台发布《商家违规管理规则》,明确违规处理流程。", "商家违规管理规则", "PlatformRule", None),
        ("市场监管总局发布《网络交易平台规则监督管理办法》。", "网络交易平台规则监督管理办法", "Regulation", "市场监管总局"),
        ("《中华人民共和国电子商务法》明确了平台责任。", "中华人民共和国电子商务法", "Regulation", None),
        ("快手发布《快手电商商家管理规则》。", "快手电商商家管理规则", "PlatformRule", None),
        # an announcement: the platform's own rule, or a regulator's
        ("拼多多在商家后台发布《关于调整退款规则的公告》。", "关于调整退款规则的公告", "PlatformRule", None),
        ("市场监管总局发布《关于开展网络市场专项整治的公告》。", "关于开展网络市场专项整治的公告", "Regulation", "市场监管总局"),
    ],
)
def test_titled_rules_and_regulations(sentence: str, name: str, kind: str, issuer: str | None) -> None:
    facts = extract(article(sentence, title="京东平台治理报告"))
    measure = next(f for f in of_type(facts, MeasureFact) if f.name == name)
    assert (measure.kind, measure.issuer) == (kind, issuer)
    assert (measure.platform is None) == (kind == "Regulation")


def test_platform_rule_in_title_marks_belongs_to_platform() -> None:
    facts = extract(article("就“好内容”而言,一方面依据《抖音电商创作者违规与信用分管理规则》等,严格治理创作者的虚假营销等问题;"))
    rule = of_type(facts, MeasureFact)[0]
    assert (rule.name, rule.kind, rule.platform) == ("抖音电商创作者违规与信用分管理规则", "PlatformRule", "douyin_ecommerce")
    assert rule.evidence.rule == "measure.quoted"
    assert "creator" in rule.targets


def test_measure_platform_falls_back_to_article_subject() -> None:
    facts = extract(article(
        "快手电商持续推进治理。",
        "快手电商发布年度报告。",
        "平台还成立了疫情治理专项。",
        title="快手电商信任建设",
    ))
    measure = next(f for f in of_type(facts, MeasureFact) if f.name == "疫情治理专项")
    assert (measure.platform, measure.kind, measure.category) == (
        "kuaishou_ecommerce", "EnforcementCampaign", "enforcement_penalties")


# --- observations ---------------------------------------------------------------------

JD_TITLE = "京东发布平台治理报告"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("今年以来,京东已下架违规商品超12万件。", [("120000", "件", "over", None)]),
        ("京东表示,平台商家平均发货时长缩短了约3.5小时。", [("3.5", "小时", "approx", "decrease")]),
        ("京东近一年处置违规笔记逾50万篇。", [("500000", "篇", "over", None)]),
        ("全年售后退款时长降低35%左右。", [("35", "%", "approx", "decrease")]),
        ("专属客服团队增加超1000人,全年在消费者保障方面投入近4亿元,消费者满意度提升7.6%。",
         [("1000", "人", "over", "increase"), ("400000000", "元", "approx", None), ("7.6", "%", "exact", "increase")]),
        ("2022年共拦截17.4万个风险商家,拦截次数达2516万次,从源头上保障了消费安全。",
         [("174000", "个", "exact", None), ("25160000", "次", "exact", None)]),
        ("9月7日,南京市发布促进房地产市场发展6项最新举措。", []),
        ("京东客服热线:400-606-5500,邮编100176。", []),
        ("根据第十二条规定,本次为第二场分享会。", []),
        ("文蔚表示,未来将聚焦两个方向,从三个维度出发。", []),
        ("2023年8月24日,京东举办开放日。", []),
        ("创耀科技2023年上半年净利3405.14万 同比减少33.2%", []),
        ("宁乡:86名民工的90余万元工资拿到手了", []),
        ("洛阳创业创新大赛落幕 24个项目脱颖而出", []),
        ("对于新商家,京东提供0元试运营、流量扶持等措施。", []),
        ("京东将新商家的入驻费用降至0元。", [("0", "元", "exact", "decrease")]),
        ("京东处理虚假交易店铺一万两千余家,下架问题商品约四十五万件。",
         [("12000", "家", "over", None), ("450000", "件", "approx", None)]),
        # a regulator's own figures, in a platform's article
        ("2023年全国市场监管部门共查处网络交易违法案件3.8万件,罚没金额超过5亿元。", []),
        ("市场监管总局负责人介绍,京东今年已下架问题商品约45万件。", [("450000", "件", "approx", None)]),
        ("在监管部门指导下,平台累计下架违规商品超12万件。", [("120000", "件", "over", None)]),
        ("中消协受理网购投诉1.2万件。", []),
        # the platform acts with a third party named after a preposition (and a place)
        ("平台联合中国消费者协会开展专项行动,覆盖消费者超过5000万人次。", [("50000000", "人次", "over", None)]),
        ("平台联合上海市消费者协会开展行动,覆盖消费者超过5000万人次。", [("50000000", "人次", "over", None)]),
        ("平台联合上海市消费者权益保护委员会开展行动,覆盖消费者超过5000万人次。", [("50000000", "人次", "over", None)]),
        ("我们和品牌方、执法部门保持密切合作,去年协助公安机关破获售假案件126起。", [("126", "起", "exact", None)]),
        ("同时向公安机关和市场监管部门移送涉假线索1,046条。", [("1046", "条", "exact", None)]),
        ("专项治理中发现并移交公安机关的涉诈线索达126条。", [("126", "条", "exact", None)]),
        ("上海市消费者权益保护委员会联合平台开展行动,覆盖消费者超过5000万人次。", []),
        ("上海市经济和信息化委员会共受理投诉1.8万件。", []),
        ("北京市消费者协会共受理投诉1.8万件,同比上升15.6%。", []),
        # a ministry, court or association's figures; market data, a product's price, a topic's views
        ("据商务部数据,2023年全国网上零售额达15.42万亿元,同比增长11%。", []),
        ("中国互联网络信息中心发布的报告显示,我国网购用户规模达9.15亿人。", []),
        ("法院审理查明,被告通过刷单获利50万元。", []),
        ("中国连锁经营协会数据显示,会员企业销售额增长5%。", []),
        ("京东联合商务部开展活动,带动销售额超过10亿元。", [("1000000000", "元", "over", None)]),
        ("京东股价当日上涨3.5%,市值超过4000亿港元。", []),
        ("截至今日收盘,沪指涨0.45%报2744.19点,深成指跌0.12%,两市成交额5014亿元,电商板块个股涨跌互现。", []),
        ("记者在京东APP上看到,该商品售价为299元。", []),
        ("截至发稿,该话题阅读量已超过2亿次。", []),
        ("《规则》共分为五章二十条,明确了处理方式。", []),
        ("新规共8章56条。", []),
        ("京东拦截违规商品链接超过860万条。", [("8600000", "条", "over", None)]),
        ("京东将手机售价降低20%,为消费者退还差价超过5亿元。",
         [("20", "%", "exact", "decrease"), ("500000000", "元", "over", None)]),
        # one merchant or shopper telling of their own case
        ("一位女装商家告诉记者,过去一年店铺因“仅退款”损失了近5万元。", []),
        ("有位消费者向记者反映,退款等了超过15天。", []),
        ("一名主播因售假被京东处罚3万元。", [("30000", "元", "exact", None)]),
        ("一位商家告诉记者,京东的退货率下降了20%。", [("20", "%", "exact", "decrease")]),
        ("据网经社电子商务研究中心监测数据显示,2023年中国直播电商交易规模约为4.9万亿元,同比增长35%。", []),
        ("艾瑞咨询报告显示,超过60%的消费者曾在直播间购物。", []),
        ("京东联合中国社科院研究院发布报告,平台拦截商品超300万件。", [("3000000", "件", "over", None)]),
        # a number inside a measure's name
        ("京东上线“七天无理由退货”服务,售后纠纷率下降了35%。", [("35", "%", "exact", "decrease")]),
        ("试点期间,商家遭遇的恶意退款投诉下降了约三成。", [("30", "%", "approx", "decrease")]),
        # cases (起), only after a digit
        ("京东全年处理“图文不符”投诉约5800起,一起解决。", [("5800", "起", "approx", None)]),
        ("新规自2024起施行,京东处置违规案件十余起。", [("10", "起", "over", None)]),
        ("京东消费者满意度提升百分之三十,拦截违规商品1.2万+件。", [("30", "%", "exact", "increase"), ("12000", "件", "over", None)]),
        # a country or a place as the subject, a platform of another trade: their figures
        ("“双11”期间,全国快递业务量达到52.6亿件,京东物流则处理了超3亿件。", [("300000000", "件", "over", None)]),
        ("该市新能源汽车销量同比增长35%,充电桩数量突破2万个。", []),
        ("京东在全国范围内推行新规,覆盖超过1000万名骑手。", [("10000000", "名", "over", None)]),
        ("此外,某网贷平台因违规放贷被罚款200万元。", []),
        # a rule's threshold is no figure; a share of those it qualifies is
        ("京东对年成交额低于10万元的店铺免收技术服务费,已有超2万家商家受益。", [("20000", "家", "over", None)]),
        ("京东规定,粉丝超过1万名的达人可开通橱窗,销售额300万元以上的商家可报名。", []),
        ("京东平台上超过90%的企业为中小微企业。", [("90", "%", "over", None)]),
        # a group's figure is no one platform's; a group named after the figure leaves it alone
        ("淘宝、京东等平台也相继推出类似服务,覆盖商家超过100万家。", []),
        ("京东等电商平台累计处置违规商品120万件。", []),
        ("京东处置违规商品120万件,淘宝等平台也在跟进。", [("1200000", "件", "exact", None)]),
        ("京东等待时长缩短至3分钟。", [("3", "分钟", "exact", "decrease")]),
        # an outside voice's estimate is theirs; a platform's figure they cite stays the platform's
        ("电子商务研究中心主任曹磊认为,过去两年“仅退款”被滥用的比例超过10%。", []),
        ("中国人民大学教授刘俊海表示,约有30%的商家遭遇过恶意退款。", []),
        ("业内人士指出,“仅退款”被滥用的比例超过10%。", []),
        ("中国人民大学教授刘俊海表示,京东去年处置违规商品120万件。", [("1200000", "件", "exact", None)]),
        ("京东平台治理负责人王强表示,平台去年处置违规商品120万件。", [("1200000", "件", "exact", None)]),
        # a score is a figure; a score threshold qualifying shops is none
        ("京东售后服务满意度为98.5分。", [("98.5", "分", "exact", None)]),
        ("京东商家体验分达到4.8分以上的店铺可享受极速退款。", []),
        # more classifiers
        ("京东已向商家免费发放防伪标签超2亿枚,回收快递纸箱约300万张。",
         [("200000000", "枚", "over", None), ("3000000", "张", "approx", None)]),
        # the new value of a change with 了 after its 到
        ("京东退款平均到账时长从去年的20小时缩短到了5.5小时。", [("5.5", "小时", "exact", "decrease")]),
        # one merchant's own case, the platform named inside the account, is the merchant's
        ("一名在京东经营家电的商家告诉记者,店铺去年的退货率约为三成。", []),
        ("一位在京东开店的卖家对记者说,店铺损失了近5万元。", []),
        # share prices quoted in the article
        ("行情方面,截至发稿,京东集团-SW报134.6港元,涨1.97%。", []),
    ],
)
def test_observations(sentence: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    facts = of_type(extract(article(sentence, title=JD_TITLE)), ObservationFact)
    got = [(f.value, f.unit, f.qualifier, f.change) for f in facts]
    assert got == [(Decimal(v), u, q, c) for v, u, q, c in expected]
    assert all(f.platform == "jd" for f in facts)


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # a quarter or a span of months is the period, not part of what is measured
        ("小红书发布社区治理报告", "报告显示,一季度小红书累计处置虚假种草笔记超60万篇。", ("处置虚假种草笔记", "一季度")),
        ("拼多多发布报告", "2024年第二季度,平台拦截违规商品链接超过860万条。", ("拦截违规商品链接", "2024年第二季度")),
        ("京东发布报告", "今年前三季度,京东第三方商家数量同比增长超三成。", ("第三方商家数量", "今年前三季度")),
        ("抖音电商发布报告", "2024年1-6月,抖音电商封禁违规直播账号4.2万个。", ("封禁违规直播账号", "2024年1-6月")),
        # a 电商 after a platform name is part of the name, and a 的 left after it is not measured
        ("微信小店发布新规", "2023年,微信视频号电商共处置违规商家超过2万家。", ("处置违规商家", "2023年")),
        ("小红书发布报告", "过去一年,小红书电商的买手数量增长了3.9倍。", ("买手数量", "过去一年")),
        # a span of years is no period 年内
        ("SHEIN推出出海计划", "SHEIN过去5年内帮助1万家中国制造企业出海。", ("帮助中国制造企业出海", "过去5年内")),
        ("SHEIN推出出海计划", "SHEIN在5年内帮助1万家中国制造企业出海。", ("帮助中国制造企业出海", None)),
        ("抖音电商发布新政", "平台将保证金门槛下调50%。", ("保证金门槛", None)),
        # a bracketed aside (an English name, a gloss) is no part of the metric
        ("Temu发布合规报告", "2024年,Temu在欧盟的月均活跃接收者(average monthly active recipients)约7500万人。",
         ("欧盟的月均活跃接收者", "2024年")),
        ("京东发布报告", "2023年,京东商家的NPS(净推荐值)提升了12%。", ("商家的NPS", "2023年")),
        # no quotes left empty where the platform's name stood
        ("会员购预售延期调查", "今年,涉及“哔哩哔哩会员购”的投诉超过4700条。", ("涉及的投诉", "今年")),
    ],
)
def test_observation_metric_and_period(title: str, sentence: str, expected: tuple[str, str]) -> None:
    obs = of_type(extract(article(sentence, title=title)), ObservationFact)[0]
    assert (obs.metric, obs.period) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("测评显示，唯品会、淘宝分列第二、三位，得分分别为79.3分和76.8分。", [("79.3", "vipshop", "得分"), ("76.8", "taobao", "得分")]),
    ("淘宝、京东和拼多多的投诉量分别为1200件、980件和760件。",
     [("1200", "taobao", "投诉量"), ("980", "jd", "投诉量"), ("760", "pinduoduo", "投诉量")]),
    # a 分别 naming no platforms, in the next sentence (after ；), pairs its figures with the same ones
    ("从平台看，淘宝、京东两家平台的售后投诉量分别为4812件和3095件；其中“仅退款”投诉占比分别为18.4%和6.2%。",
     [("4812", "taobao", "售后投诉量"), ("3095", "jd", "售后投诉量"),
      ("18.4", "taobao", "“仅退款”投诉占比"), ("6.2", "jd", "“仅退款”投诉占比")]),
])
def test_figures_after_fen_bie_go_to_the_platforms_listed_before_it_in_order(sentence: str, expected) -> None:
    """分别: as many platforms listed before it as figures after it, paired in order, each a platform reported on."""
    facts = extract(article(sentence, title="江苏省消保委发布客服测评报告"))
    assert [(str(f.value), f.platform, f.metric) for f in of_type(facts, ObservationFact)] == expected
    assert {p.key for p in of_type(facts, PlatformFact) if p.role == "subject"} == {k for _, k, _ in expected}


def test_a_bare_figure_opening_its_clause_measures_the_noun_after_it() -> None:
    facts = of_type(extract(article("试点已覆盖23个城市,约有30万名骑手参与。", title="美团调整骑手规则")), ObservationFact)
    assert [(f.value, f.metric) for f in facts] == [(Decimal(23), "覆盖城市"), (Decimal(300000), "骑手参与")]
    # a bare comparison still measures what the figure before it measures
    facts = of_type(extract(article("平台投诉量下降20%,同比下降15%。", title="美团发布报告")), ObservationFact)
    assert [f.metric for f in facts] == ["投诉量", "投诉量"]


@pytest.mark.parametrize(
    "comparison",
    ["同比", "环比", "较上年", "较去年同期", "比上年", "与去年相比", "较2022年", "相比上一年", "较年初"],
)
def test_what_a_change_is_measured_against_is_no_metric(comparison: str) -> None:
    sentence = f"拼多多品牌权利人满意度达到95.6%,{comparison}提升两成。"
    facts = of_type(extract(article(sentence, title="拼多多发布知识产权保护年报")), ObservationFact)
    assert [(f.value, f.metric, f.change) for f in facts] == [
        (Decimal("95.6"), "品牌权利人满意度", None), (Decimal(20), "品牌权利人满意度", "increase")]


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("今年上半年,京东第三方商家数量比去年同期增长20%。", "今年上半年"),
        ("第三季度京东共封禁违规账号3.7万个,较第二季度增长18%。", "第三季度"),
        ("2023年,京东处置违规商品120万件,与2022年相比下降15%。", "2023年"),
        ("京东商家数量较去年增长20%。", None),
    ],
)
def test_the_baseline_of_a_change_is_not_its_period(sentence: str, period: str | None) -> None:
    facts = of_type(extract(article(sentence, title="京东发布报告")), ObservationFact)
    assert [f.period for f in facts if f.unit == "%"] == [period]


@pytest.mark.parametrize(
    ("speaker", "figures"),
    [
        ("电子商务研究中心主任曹磊认为,平台调整规则是在消费者与商家之间寻求新的平衡。", []),
        ("京东零售平台治理负责人王强认为,平台调整规则是在消费者与商家之间寻求新的平衡。", [Decimal(10)]),
    ],
)
def test_he_says_gives_the_voice_of_the_person_quoted_before(speaker: str, figures: list[Decimal]) -> None:
    clean = article(speaker, "他表示,过去两年,“仅退款”被滥用的比例一度超过10%。", title="京东调整仅退款规则")
    assert [f.value for f in of_type(extract(clean), ObservationFact)] == figures


def test_a_share_is_a_metric_of_its_own() -> None:
    facts = of_type(extract(article("京东中小微企业占比超过90%。", title="京东发布报告")), ObservationFact)
    assert [f.metric for f in facts] == ["中小微企业占比"]


def test_observation_metric_period_measure_and_evidence() -> None:
    sentence = "今年以来,平台通过升级识别策略,拦截了超300万件劣质商品。"
    facts = extract(article("抖音电商发布报告。", sentence, title="抖音电商开放日"))
    obs = of_type(facts, ObservationFact)[0]
    assert (obs.metric, obs.period, obs.measure, obs.platform) == ("拦截劣质商品", "今年以来", "识别策略", "douyin_ecommerce")
    clean = article("抖音电商发布报告。", sentence, title="抖音电商开放日")
    assert clean.original[obs.evidence.start:obs.evidence.end] == "超300万件"
    assert obs.evidence.sentence == sentence and obs.evidence.rule == "obs.quantity"


def test_evidence_maps_full_width_and_traditional_text_to_the_original() -> None:
    clean = article("抖音電商攔截了超過３００萬件劣質商品。", title="抖音電商治理")
    obs = of_type(extract(clean), ObservationFact)[0]
    assert (obs.value, obs.unit, obs.qualifier) == (Decimal(3000000), "件", "over")
    assert clean.original[obs.evidence.start:obs.evidence.end] == "超過３００萬件"


def test_same_figure_twice_is_one_observation() -> None:
    facts = extract(article(
        "平台已拦截劣质商品56万件。",
        "今年以来,平台已拦截劣质商品56万件,开展重点治理专项超90频次。",
        title="抖音电商服务体验开放日",
    ))
    pairs = [(f.value, f.unit) for f in of_type(facts, ObservationFact)]
    assert pairs == [(Decimal(560000), "件"), (Decimal(90), "频次")]


# --- people ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("抖音电商消费者体验负责人文蔚表示,平台始终将消费者体验放在最重要位置。",
         [("文蔚", "消费者体验负责人", "抖音电商", "douyin_ecommerce")]),
        ("活动现场,消费者体验负责人文蔚和服务体验产品经理洪溯就相关情况进行了分享。",
         [("文蔚", "消费者体验负责人", None, None), ("洪溯", "服务体验产品经理", None, None)]),
        ("小红书电商运营负责人银时和京东副总裁李明表示,将继续合作。",
         [("李明", "副总裁", "京东", "jd")]),  # (a work name only right before a speech verb)
        ("中国社会科学院大学互联网法治研究中心执行主任刘晓春指出,平台投入超出法定要求的资源。",
         [("刘晓春", "执行主任", "中国社会科学院大学互联网法治研究中心", None)]),
        ("活动现场,中国政法大学民商经济法学院教授张钦昱指出,电商直播间不仅是购物场景。",
         [("张钦昱", "教授", "中国政法大学民商经济法学院", None)]),
        ("拼多多副总裁李明表示,平台将继续加大投入。", [("李明", "副总裁", "拼多多", "pinduoduo")]),
        # whom an outlet interviewed: the interview's answers are their speech
        ("围绕平台治理的思路与成效,澎湃新闻记者专访了京东零售自营售后负责人邵明远。",
         [("邵明远", "自营售后负责人", "京东零售", "jd")]),
        ("京东零售CEO辛利军表示,平台将持续优化。", [("辛利军", "CEO", "京东零售", "jd")]),
        ("阿里巴巴集团CEO张勇说,这是关键。", [("张勇", "CEO", "阿里巴巴集团", None)]),
        ("小红书COO柯南表示,过去一年买手数量同比增长。", [("柯南", "COO", "小红书", "xiaohongshu")]),
        ("京东零售平台运营与营销中心负责人王磊介绍,商家数量同比增长。",
         [("王磊", "平台运营与营销中心负责人", "京东零售", "jd")]),
        # one person's roles listed with 、; after a name, 、 lists people
        ("快手电商副总裁、商家发展中心负责人张一鹏在会上宣布,新商家可享受流量扶持。",
         [("张一鹏", "副总裁、商家发展中心负责人", "快手电商", "kuaishou_ecommerce")]),
        ("京东集团副总裁、京东零售平台运营与营销中心负责人王磊表示,将继续投入。",
         [("王磊", "副总裁、京东零售平台运营与营销中心负责人", "京东集团", "jd")]),
        ("抖音电商总裁魏雯雯、副总裁李明表示,平台将继续投入。",
         [("魏雯雯", "总裁", "抖音电商", "douyin_ecommerce"), ("李明", "副总裁", None, None)]),
        ("京东集团首席财务官单甲表示,投入将持续增加。", [("单甲", "首席财务官", "京东集团", "jd")]),
        ("小红书电商运营负责人银时介绍,平台对买手实行先审后播。", [("银时", "电商运营负责人", "小红书", "xiaohongshu")]),
        ("快手电商负责人笑古表示,平台将继续扶持商家。", [("笑古", "负责人", "快手电商", "kuaishou_ecommerce")]),
        ("抖音电商总裁近日表示,平台将继续扶持商家。", []),
        ("抖音电商副总裁公开表示,平台将继续扶持商家。", []),
        ("抖音电商相关负责人员表示,平台将继续扶持商家。", []),
        ("清华大学教授如是说,平台应承担责任。", []),
        ("本报记者王磊报道。", [("王磊", "记者", None, None)]),
        ("相关负责人向记者表示,平台将继续推进。", []),
        ("朱敏认为,全科医生下沉增加了居民与社区的黏合度。", []),
        ("抖音电商相关负责人表示,平台始终把消费者体验放在首位。", []),
        ("消费者表示很满意,平台将继续优化。", []),
        ("7 月 22 日,在发布了业绩报告后,CEO 余承东这样说。", []),
        # board and party roles, a ministry's department head
        ("拼多多集团党委书记、执行董事陈磊说,平台将继续降费。", [("陈磊", "党委书记、执行董事", "拼多多集团", "pinduoduo")]),
        ("中国消费者协会秘书长朱剑桥表示,平台应保障消费者权益。", [("朱剑桥", "秘书长", "中国消费者协会", None)]),
        # a name in Latin letters, given and family name
        ("TikTok Shop东南亚跨境业务负责人Bella Wang称,平台将持续投入资源。",
         [("Bella Wang", "东南亚跨境业务负责人", "TikTok Shop", "tiktok_shop")]),
        ("Temu相关负责人 Mark Lee表示,平台将优化规则。", [("Mark Lee", "相关负责人", "Temu", "temu")]),
        # when they spoke, between the name and the speech; 南 as a surname
        ("SHEIN全球合规负责人温奕近日在接受记者采访时表示,平台将加强合规。", [("温奕", "全球合规负责人", "SHEIN", "shein")]),
        ("小红书电商商家运营负责人南川表示,平台将加大治理力度。",
         [("南川", "电商商家运营负责人", "小红书", "xiaohongshu")]),
        # police and shop ranks are titles
        ("杭州市公安局萧山区分局经侦大队大队长王强表示,案件已移送起诉。", [("王强", "经侦大队大队长", "杭州市公安局萧山区分局", None)]),
        ("门店店长李娜说,平台的新规让她更安心。", [("李娜", "门店店长", None, None)]),
        ("经营麻辣烫的店主赵春来说,费率下降后一个月能多留下2000多元。", [("赵春来", "店主", None, None)]),
        # a title or a trade, a name, then 是 (with a comma or not); 是否 and a title alone are none
        ("临沂沂蒙织造服饰有限公司总经理孙立岩是较早加入“源头好货”的商家之一。",
         [("孙立岩", "总经理", "临沂沂蒙织造服饰有限公司", None)]),
        ("在北京经营家常菜馆的店主魏德顺,是较早一批上线拼好饭的商家。", [("魏德顺", "店主", None, None)]),
        ("平台负责人是否回应尚不清楚。", []),
        ("会上,CEO Tony表示,平台将继续投入。", []),
        # an anonymised name is nobody's name
        ("涉事店铺负责人王某表示,退款一直没有到账。", []),
        # the role in brackets after the name; a space between role and name; 向记者/对记者 after the name
        ("对此,王强(快手电商副总裁)表示,平台将持续加强治理。", [("王强", "副总裁", "快手电商", "kuaishou_ecommerce")]),
        ("快手电商副总裁 王强表示,平台将持续加强治理。", [("王强", "副总裁", "快手电商", "kuaishou_ecommerce")]),
        ("快手电商公关部门负责人王强向记者表示,平台将持续加强治理。",
         [("王强", "公关部门负责人", "快手电商", "kuaishou_ecommerce")]),
        ("资深电商分析师李成东对记者表示,平台降费是吸引商家的手段。", [("李成东", "资深电商分析师", None, None)]),
        # assistants and doctoral supervisors, listed with another role; a consultancy is an organisation
        ("快手电商总裁助理、商家运营负责人王强表示,将继续扶持商家。",
         [("王强", "总裁助理、商家运营负责人", "快手电商", "kuaishou_ecommerce")]),
        ("浙江大学教授、博士生导师王强表示,平台应承担更多责任。", [("王强", "教授、博士生导师", "浙江大学", None)]),
        ("艾媒咨询CEO张毅分析称,平台降费是吸引商家的手段。", [("张毅", "CEO", "艾媒咨询", None)]),
        # a work name before 在…表示
        ("快手高级副总裁、电商事业部负责人笑古在会上表示,将继续投入。",
         [("笑古", "高级副总裁、电商事业部负责人", "快手", "kuaishou")]),
        # a note in brackets of who is quoted (an interview), a work name only for a platform's executive
        ("(笑古为快手高级副总裁、电商事业部负责人)", [("笑古", "高级副总裁、电商事业部负责人", "快手", "kuaishou")]),
        ("（张钦昱系中国政法大学民商经济法学院教授）", [("张钦昱", "教授", "中国政法大学民商经济法学院", None)]),
        ("（作者系中国人民大学教授）", []),
        ("（银时为某研究院研究员）", []),
        # the object of an interview or an invitation; the last of people listed, ended by a clause break
        ("记者专访了小红书社区治理负责人陆鸣和小红书电商信任与安全总监方婧,并请上海财经大学电子商务研究所所长葛云舟谈了他的观察。",
         [("陆鸣", "社区治理负责人", "小红书", "xiaohongshu"), ("葛云舟", "所长", "上海财经大学电子商务研究所", None),
          ("方婧", "电商信任与安全总监", "小红书", "xiaohongshu")]),
        ("抖音电商副总裁王明和快手电商总监李强,出席了会议。",
         [("王明", "副总裁", "抖音电商", "douyin_ecommerce"), ("李强", "总监", "快手电商", "kuaishou_ecommerce")]),
        ("抖音电商副总裁王明和快手电商的合作伙伴李强一起出席了会议。", [("王明", "副总裁", "抖音电商", "douyin_ecommerce")]),
        # people listed with 、, the last one ended by being present; surnames beyond the commonest
        ("会上,抖音电商副总裁王明、快手电商总监劳立新出席并回答了提问。",
         [("王明", "副总裁", "抖音电商", "douyin_ecommerce"), ("劳立新", "总监", "快手电商", "kuaishou_ecommerce")]),
        ("北京大学电子商务研究中心主任冼志明认为,平台责任需要细化。",
         [("冼志明", "主任", "北京大学电子商务研究中心", None)]),
        ("抖音电商副总裁王明、快手电商的合作伙伴李强出席了会议。", [("王明", "副总裁", "抖音电商", "douyin_ecommerce")]),
        # people who act: announce, publish, remind, explain
        ("会上,京东副总裁、零售平台负责人余睿宣布了新规。", [("余睿", "副总裁、零售平台负责人", "京东", "jd")]),
        ("上海市消费者权益保护委员会副秘书长唐健盛提醒,网购时应保留凭证。",
         [("唐健盛", "副秘书长", "上海市消费者权益保护委员会", None)]),
        ("拼多多副总裁徐明发布了年度农产品报告。", [("徐明", "副总裁", "拼多多", "pinduoduo")]),
        ("市场监管总局网络交易监督管理司司长庞锦解读了新规。", [("庞锦", "网络交易监督管理司司长", "市场监管总局", None)]),
        ("小红书副总裁李明在大会上致辞。", [("李明", "副总裁", "小红书", "xiaohongshu")]),
        # speaking to a named outlet's reporter, or to the media; a fee is no one
        ("携程客户服务负责人吴迪对新京报贝壳财经记者表示,退款将在三日内到账。", [("吴迪", "客户服务负责人", "携程", "ctrip")]),
        ("SHEIN合规事务负责人许宁对界面新闻说,平台将补齐资料。", [("许宁", "合规事务负责人", "SHEIN", "shein")]),
        ("京东零售CEO许冉向媒体介绍了新规。", [("许冉", "CEO", "京东零售", "jd")]),
        ("律师费用对当事人来说是一笔负担。", []),
        # a bureau's deputy head (副局长 is no 副局 + 长), a party post listed with it; a consumer council's abbreviation
        ("南京市市场监管局党组成员、副局长陈立表示,将持续整治直播乱象。", [("陈立", "党组成员、副局长", "南京市市场监管局", None)]),
        ("市场监管局副局长陈立表示,将持续整治。", [("陈立", "副局长", "市场监管局", None)]),
        ("江苏省消保委副秘书长吴迪表示,将持续监督平台。", [("吴迪", "副秘书长", "江苏省消保委", None)]),
        # someone named by their trade, a full name right before speaking; forms of address and nouns are none
        ("在上海跑单的美团骑手陈国平说,系统会自动延长送达时间。", [("陈国平", "骑手", None, None)]),
        ("在成都经营火锅店的店主刘春梅就是受益者之一。", [("刘春梅", "店主", None, None)]),
        ("店主王先生说,退款很快到账。", []),
        ("带货主播张女士表示,将遵守规则。", []),
        ("系统检测到骑手连续在线时间过长时,会暂停派单。", []),
        ("快手修订了《快手电商主播管理规则》。", []),
        # a merchant, a creator, a pharmacist, a rider who acts, with a common surname; common words are no names
        ("来自山东临沂的家居用品商家张海燕是去年通过“春晓计划”入驻京东的。", [("张海燕", "商家", None, None)]),
        ("执业药师黄敏正在审核一份线上处方。", [("黄敏", "执业药师", None, None)]),
        ("“以前最怕这种时候。”饿了么骑手韦家宝一边看订单倒计时一边说。", [("韦家宝", "骑手", None, None)]),
        ("义乌饰品店主陈佩在拼多多和淘宝都开有店铺。", [("陈佩", "店主", None, None)]),
        ("美团骑手马德胜对此深有体会。", [("马德胜", "骑手", None, None)]),
        ("草莓种植户李金花是传统农户队伍的一员。", [("李金花", "种植户", None, None)]),
        ("得物鉴别中心负责人黄昕带队做了大量流程改造。", [("黄昕", "鉴别中心负责人", "得物", "dewu")]),
        ("商家在平台开店需缴纳保证金,主播在直播间不得虚假宣传。", []),
        # who someone is by their trade; a named shopper; a judge of a court
        ("罗建新是拼多多上“红果园石榴旗舰店”的店主,2019年开始在拼多多卖石榴。", [("罗建新", "店主", None, None)]),
        ("买家这一头,杭州的消费者沈佳怡是拼多多的老用户。", [("沈佳怡", "消费者", None, None)]),
        ("北京互联网法院法官李明表示,该案已审结。", [("李明", "法官", "北京互联网法院", None)]),
        ("高度是衡量的标准,消费者高度关注平台规则。", []),
        # a name opening the clause after a quote, or with a title after it, speaking; a deputy director-general
        ("前几年走掉的老骑手也陆续回来了。”郝凯说,平台的提醒也在起作用。", [("郝凯", None, None, None)]),
        ("王莉还说,平台将继续优化派单。", [("王莉", None, None, None)]),
        ("范竞舟律师认为,虚假宣传已是平台治理中占比最高的问题。", [("范竞舟", "律师", None, None)]),
        ("数字产业署副署长杜怡廷表示,电商平台须落实卖家实名制。", [("杜怡廷", "数字产业署副署长", None, None)]),
        ("消委会主管罗凯琪在记者会上表示,跨境网购投诉急增。", [("罗凯琪", "主管", "消委会", None)]),
        ("“这很好。”王女士说。记者说,平台表示将继续优化。", []),
        ("来自云南的三农达人罗志强则把口碑分看作“护身符”。", [("罗志强", "达人", None, None)]),
        ("跑单5年的骑手杨鹏说,他也参加了职业伤害保障。", [("杨鹏", "骑手", None, None)]),
        ("快手主播贝小琳告诉记者,团队配备了法务。", [("贝小琳", "主播", None, None)]),
        ("平台鼓励商家和诚信经营的主播合作。", []),
        ("平台要求主播管理规则则需每年更新。", []),
        ("商家高度重视是关键。", []),
        ("骑手安全是平台的底线。", []),
        # when the person spoke, between the name and the speech
        ("闲鱼验货宝业务负责人曲楠之前接受媒体采访时说过,验机师都要持证上岗。", [("曲楠", "验货宝业务负责人", "闲鱼", "xianyu")]),
        # a title after the name; 区 and 杭 as surnames; a trade speaking to a named outlet; a word is no work name
        ("浙江知衡律师事务所合伙人颜博文律师认为,这一条款与电子商务法是衔接的。", [("颜博文", "合伙人", "浙江知衡律师事务所", None)]),
        ("美团外卖华南区域食品安全负责人区慧敏介绍,平台为商户提供摄像头补贴。",
         [("区慧敏", "华南区域食品安全负责人", "美团", "meituan")]),
        ("上海市总工会权益保障部部长杭宇澄表示,平台设立关怀基金是积极的探索。", [("杭宇澄", "上海市总工会权益保障部部长", None, None)]),
        ("在广州经营箱包店铺的商家许晨阳向观察者网算了一笔账。", [("许晨阳", "商家", None, None)]),
        ("京东家电家居以旧换新业务负责人邵启航向记者举例说,个别不法分子批量下单。", [("邵启航", "家电家居以旧换新业务负责人", "京东", "jd")]),
        # a Malaysian honorific between the role and the name
        ("马来西亚中华总商会电子商务委员会主席拿督郑国辉认为,平台收紧规则有助于提升整体电商环境。",
         [("郑国辉", "主席", "马来西亚中华总商会电子商务委员会", None)]),
        # an outlet naming itself after a trade (向 is a surname too)
        ("有在欧洲经营多年的跨境电商卖家向本报表示,监管收紧最终会传导至卖家身上。", []),
        # a name in Latin letters in brackets after the Chinese one; an engineer of a firm a clause describes;
        # 楼 as a surname; an owner who shares at a meeting
        ("Temu欧洲站合规负责人许静怡(Vivian Xu)在会上表示,平台将加强审核。",
         [("许静怡", "欧洲站合规负责人", "Temu", "temu")]),
        ("负责检测的浙江省质量检测集团高级工程师孙毅解释,保温效能是核心指标。",
         [("孙毅", "高级工程师", "浙江省质量检测集团", None)]),
        ("省消保委秘书长楼一峰介绍,样品均以普通消费者身份购买。", [("楼一峰", "秘书长", "省消保委", None)]),
        ("杭州一家面馆老板陈国华在会上分享了经营经历。", [("陈国华", "老板", None, None)]),
        # 平台 after the platform's name opens the role
        ("京东零售平台治理部负责人郑一表示,规则将更透明。", [("郑一", "平台治理部负责人", "京东零售", "jd")]),
        ("快手电商平台治理负责人罗成表示,将持续治理。", [("罗成", "平台治理负责人", "快手电商", "kuaishou_ecommerce")]),
        # a form of address after full names listed (a host's introduction); after a surname alone it names no one
        ("今天我们邀请到美团副总裁郗远征先生、美团骑手权益保障部负责人宁舒扬女士,向大家介绍。",
         [("郗远征", "副总裁", "美团", "meituan"), ("宁舒扬", "骑手权益保障部负责人", "美团", "meituan")]),
        ("京东客服主管张女士表示,退款很快。", []),
        # Taiwan's titles (營運長: chief operating officer)
        ("momo購物網營運長簡士豪表示,今年前三季平台已下架標示不實商品。", [("簡士豪", "營運長", "momo購物網", "momo_shop")]),
        # 谌 as a surname; a video transcript's caption naming who speaks next
        ("中国政法大学民商经济法学院教授谌立言认为,时效承诺有利于减少纠纷。", [("谌立言", "教授", "中国政法大学民商经济法学院", None)]),
        ("【同期】美团外卖食品安全负责人 曲映雪", [("曲映雪", "食品安全负责人", "美团", "meituan")]),
        ("【同期】成都外卖商户负责人 吴先生", []),
        # 萧 as a surname; a desk (…组) of an organisation
        ("消委会投诉及咨询组总经理萧咏仪表示,欢迎平台公开评级。", [("萧咏仪", "总经理", "消委会投诉及咨询组", None)]),
    ],
)
def test_people(sentence: str, expected: list[tuple[str, str | None, str | None, str | None]]) -> None:
    people = of_type(extract(article(sentence)), PersonFact)
    assert [(p.name, p.role, p.org, p.org_platform) for p in people] == expected


def test_a_person_on_a_page_in_traditional_characters_is_named_as_written() -> None:
    facts = extract(article("深圳市跨境電子商務協會秘書長黃立強表示,半託管模式降低了賣家門檻。",
                            "義烏日用品賣家陳永康去年起在Temu銷售收納用品。"))
    assert [(p.name, p.role, p.org) for p in of_type(facts, PersonFact)] == [
        ("黃立強", "秘書長", "深圳市跨境電子商務協會"), ("陳永康", "賣家", None)]


def test_person_in_title() -> None:
    facts = extract(article("天猫要从一个单纯的销售平台,升级为一个消费者连接平台。", title="天猫总裁王煜磊:未来电商要回归消费者体验"))
    person = of_type(facts, PersonFact)[0]
    assert (person.name, person.role, person.org, person.org_platform) == ("王煜磊", "总裁", "天猫", "tmall")


# --- stakeholders ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("邀请消费者、专家学者和媒体到场。", {"consumer", "expert", "media"}),
        ("数字化互联网时代,人人都是自媒体。", set()),
        ("与社交媒体平台不同,电商平台面对的监管重点在于非法商品。", set()),
        ("平台问题一直受到欧洲监管机构及消费者组织关注。", {"regulator", "consumer_association"}),
        # the media's interview of someone is no media party
        ("闲鱼负责人之前接受媒体采访时说过,验机师都要持证上岗。", set()),
        ("快手通过建设“用户之声”诊断系统关注痛点。", set()),
        ("中国消费者协会也发文确定主题。", {"consumer_association"}),
        ("中国政法大学民商经济法学院教授张钦昱指出,电商直播间是购物场景。", set()),
        ("平台为商家和达人开发客服工具,主播也可使用。", {"merchant", "creator", "livestreamer"}),
        ("还会将相应情况反馈至执法部门。", {"regulator"}),
        ("北京商报讯(记者 李想)3月18日,快手电商宣布升级。记者了解到,平台向记者表示将继续推进。", set()),
        ("平台邀请媒体记者参观。", {"media"}),
        ("美团为骑手推出“骑手服务站”。", {"logistics"}),
        ("蝦皮也宣布與台灣消費者保護協會合作。", {"consumer_association"}),
        ("香港消委会收到的网购投诉增加。", {"consumer_association"}),
        ("平台将配合工商部门调查。", {"regulator"}),
        # the ministries and departments of the sectors platforms trade in
        ("平台将联合多地人社部门推进骑手职业伤害保障。", {"regulator", "logistics"}),
        ("民航局发布的规定明确了退票费标准。", {"regulator"}),
        ("美团与农业农村部门合作开展助农活动。", {"regulator"}),
        ("监管层对平台收费一直高度关注。", {"regulator"}),
        # a briefing for the media; a cross-border platform's suppliers
        ("负责人在11月底的媒体沟通会上说,平台将继续优化验机标准。", set()),
        ("平台对审核不达标的41家供应商终止合作。", {"merchant"}),
        # riders of a ride-hailing platform, travellers of a travel one
        ("平台须向乘客逐单公示支付金额。", {"consumer"}),
        ("暑期出行的旅客可申请退改保障。", {"consumer"}),
        # a cross-border shopper's consolidated shipping company
        ("部分集運公司延遲送貨，消費者求助無門。", {"logistics", "consumer"}),
        ("平台要求集運及物流業者清楚列明運費。", {"logistics"}),
        # a courier picking up a return is no party the article is about; customs enforce against fakes
        ("消费者提交退货申请、快递员上门揽收后即可退款。", {"consumer"}),
        ("有个案已转介香港海关跟进。", {"regulator"}),
    ],
)
def test_stakeholders(sentence: str, keys: set[str]) -> None:
    assert {f.key for f in of_type(extract(article(sentence)), StakeholderFact)} == keys


def test_every_fact_cites_its_sentence_and_span() -> None:
    clean = article(
        "抖音电商消费者体验负责人文蔚表示,平台上线“服务保障大厅”功能。",
        "今年以来平台已拓展了超2000个新商品品类,为消费者提供更丰富的购物选择。",
        title="抖音电商开放日",
    )
    facts = extract(clean)
    assert facts
    for fact in facts:
        ev = fact.evidence
        assert ev.article == "t.txt"
        assert clean.original[ev.sentence_start:ev.sentence_start + len(ev.sentence)] == ev.sentence
        assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_start + len(ev.sentence)
        assert ev.rule


# --- a general article about several platforms ----------------------------------------------

MULTI = (
    "过去一年,京东上线“先行赔付”功能,累计为消费者赔付近3.2亿元。",
    "平台还建立了商家信用评价体系,对违规商家实施分级处罚,全年清退违规店铺1.2万家。",
    "与此同时,拼多多也推出“退货包运费”服务,覆盖超过90%的订单。",
    "小红书则发布《小红书社区公约》,打击虚假种草笔记。",
    "淘宝直播称平台全年处置违规直播间12.6万个,同比下降18.2%。",
    "京东客服热线:950618,邮编100176。",
)


def test_figures_and_measures_are_attributed_to_the_platform_named_in_the_sentence() -> None:
    facts = extract(article(*MULTI, title="京东发布2023年消费者权益保护报告"))
    roles = {f.key: f.role for f in of_type(facts, PlatformFact)}
    # a platform given figures of its own is reported on
    assert roles["jd"] == roles["pinduoduo"] == roles["taobao_live"] == "subject"
    observations = {(f.value, f.unit): f for f in of_type(facts, ObservationFact)}
    assert {k: o.platform for k, o in observations.items()} == {
        (Decimal("320000000"), "元"): "jd",
        (Decimal("12000"), "家"): "jd",
        (Decimal("90"), "%"): "pinduoduo",
        (Decimal("126000"), "个"): "taobao_live",
        (Decimal("18.2"), "%"): "taobao_live",
    }
    ratio = observations[(Decimal("18.2"), "%")]
    assert ratio.change == "decrease" and ratio.metric == observations[(Decimal("126000"), "个")].metric
    assert observations[(Decimal("320000000"), "元")].measure == "先行赔付"
    measures = {f.name: f.platform for f in of_type(facts, MeasureFact)}
    assert measures == {
        "先行赔付": "jd",
        "商家信用评价体系": "jd",
        "退货包运费": "pinduoduo",
        "小红书社区公约": "xiaohongshu",
    }


@pytest.mark.parametrize(("sentence", "platforms"), [
    ("今年618期间,超过300个品牌在天猫成交破亿,京东累计下单用户数同比增长超20%。", ["tmall", "jd"]),
    ("共有超过2万家商家入驻拼多多,平台累计补贴超10亿元。", ["pinduoduo", "pinduoduo"]),
    ("平台累计拦截超300万件劣质商品,拼多多表示将继续治理。", ["jd"]),  # another clause: the subject's
])
def test_a_figure_before_any_platform_belongs_to_the_one_named_after_it_in_its_clause(
        sentence: str, platforms: list[str]) -> None:
    facts = of_type(extract(article(sentence, title="京东发布618战报")), ObservationFact)
    assert [f.platform for f in facts] == platforms


def test_with_several_subjects_a_sentence_naming_none_goes_on_about_the_last_named() -> None:
    facts = extract(article(
        "京东今年累计拦截劣质商品超过200万件。",
        "拼多多相关负责人表示,平台已上线“先行赔付”服务。",
        "同时,平均退款时长缩短至2小时。",
        title="京东、拼多多发布消费者权益保护报告",
    ))
    assert {f.key for f in of_type(facts, PlatformFact) if f.role == "subject"} == {"jd", "pinduoduo"}
    assert {(f.value, f.platform) for f in of_type(facts, ObservationFact)} == {
        (Decimal("2000000"), "jd"), (Decimal("2"), "pinduoduo")}


def test_names_written_together_are_one_name_standing_for_the_first() -> None:
    clean = article("淘宝天猫宣布优化售后策略。", "同时,淘宝天猫将上线“退货宝”升级版,商家运费险支出下降约12%。",
                    "平台今年累计拦截恶意退款请求超过130万次。", title="淘宝天猫回应售后调整")
    facts = extract(clean)
    assert {f.platform for f in of_type(facts, ObservationFact)} == {"taobao"}
    assert {f.platform for f in of_type(facts, MeasureFact)} == {"taobao"}
    assert "退货宝" in {f.name for f in of_type(facts, MeasureFact)}


@given(st.lists(st.text(alphabet="抖音电商快手平台推出上线“”《》规则机制超300万件减少52%,,。文蔚表示负责人消费者商家0123456789", max_size=30), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None)
def test_property_any_text_gives_well_formed_facts(sentences: list[str]) -> None:
    clean = article(*[s or "空" for s in sentences])
    for fact in extract(clean):
        ev = fact.evidence
        assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_start + len(ev.sentence)
        assert clean.original[ev.sentence_start:ev.sentence_start + len(ev.sentence)] == ev.sentence


@pytest.mark.parametrize("text", ["和" * 40 + "等方面", "商家和平台与用户及达人" * 6 + "等举措", "举措包括" + "商家、" * 40])
def test_list_rule_on_separator_runs_terminates_without_inventing(text: str) -> None:
    names = [f.name for f in of_type(extract(article(text)), MeasureFact)]
    assert all(len(n) >= 3 and "和" not in n and "、" not in n for n in names), names


@pytest.mark.parametrize(
    "text, name",
    [
        ("6月7日,小红书发布《小红书社区公约2.0》,明确禁止博主发布未经标注的商业合作内容。", "小红书社区公约2.0"),
        ("京东修订《京东开放平台商家违规处理规则(试行)》,对刷单行为从严处罚。", "京东开放平台商家违规处理规则(试行)"),
        # named as the page writes it (full-width brackets), keyed as matched
        ("国家市场监督管理总局发布《网络交易监督管理办法（2021年版）》。", "网络交易监督管理办法（2021年版）"),
    ],
)
def test_titled_rules_with_a_version_or_status_suffix(text: str, name: str) -> None:
    measures = {f.name: f.key for f in of_type(extract(article(text)), MeasureFact)}
    assert name in measures
    assert measures[name] == measures[name].replace("（", "(").replace("）", ")")


@pytest.mark.parametrize(("sentence", "figures"), [
    # the time span of what is reported is not a figure
    ("抖音电商启动为期两个月的专项治理行动,一个月内处置违规商家1200家。", [("1200", "家")]),
    ("平台将在30天内完成商家资质复核,过去三个月累计拦截劣质商品超300万件。", [("3000000", "件")]),
    ("订单签收7天后自动确认收货,近30天处置违规账号2万个。", [("20000", "个")]),
    ("拼多多用将近两个月时间完成商家资质复核,处置违规商家1200家。", [("1200", "家")]),
    ("抖音电商花了三天的时间完成审核,拦截劣质商品超300万件。", [("3000000", "件")]),
    # a duration that is the value of a time is one
    ("过敏险保障周期延长至90天,平均退款时长缩短至2小时内。", [("90", "天"), ("2", "小时")]),
    ("极速退款平均用时3天,比去年同期提前2天。", [("3", "天"), ("2", "天")]),
])
def test_a_duration_scoping_the_report_is_not_a_figure(sentence: str, figures: list[tuple[str, str]]) -> None:
    facts = of_type(extract(article(sentence, title="抖音电商发布治理报告")), ObservationFact)
    assert [(str(f.value), f.unit) for f in facts] == figures


def test_a_span_after_guo_qu_is_the_period_not_part_of_the_metric() -> None:
    facts = of_type(extract(article("抖音电商过去三个月累计拦截劣质商品超300万件。", title="抖音电商发布治理报告")),
                    ObservationFact)
    assert [(f.metric, f.period) for f in facts] == [("拦截劣质商品", "过去三个月")]


@pytest.mark.parametrize(("sentence", "figures"), [
    # the old value of a change is not reported; the new one is, with its change
    ("抖音电商将过敏险保障周期由30天延长至90天。", [("90", "天", "increase")]),
    ("平台将退款审核时长从48小时缩短到24小时。", [("24", "小时", "decrease")]),
    ("京东把价保周期由原来的7天提高到15天。", [("15", "天", "increase")]),
    # not a change from one value to another: both are figures
    ("平台从300万件劣质商品中抽检了2万件。", [("3000000", "件", None), ("20000", "件", None)]),
    ("拦截劣质商品由上月的12万件降至8万件,处置账号3000个。", [("80000", "件", "decrease"), ("3000", "个", None)]),
])
def test_the_old_value_of_a_change_is_no_figure(sentence: str, figures: list[tuple[str, str, str | None]]) -> None:
    facts = of_type(extract(article(sentence, title="抖音电商发布治理报告")), ObservationFact)
    assert [(str(f.value), f.unit, f.change) for f in facts] == figures


@pytest.mark.parametrize(("sentence", "figures"), [
    # plans, targets and forecasts are aimed at, not reported
    ("抖音电商计划2025年为1000个品牌提供扶持。", []),
    ("平台力争将平均发货时长缩短至1小时以内。", []),
    ("预计全年将减免佣金超过10亿元,惠及商家20万家。", []),
    ("到2025年,平台将帮助100万家商家实现增长。", []),
    ("快手拟投入5亿元用于扶持中小商家。", []),
    ("明年我们希望团购门店数翻倍,达到100万家左右。", []),
    # a later clause that turns to what was done reports again
    ("新机制有望带动超过1万家商家增收,去年已帮助3000家商家。", [("3000", "家")]),
    ("截至目前已拦截300万件劣质商品,预计全年将超过500万件。", [("3000000", "件")]),
    # 计划 as a programme's name is no plan
    ("“春雷计划”已帮助超过10万家商家。", [("100000", "家")]),
    ("该计划投入超10亿元扶持商家。", [("1000000000", "元")]),
])
def test_a_plan_or_forecast_is_no_figure(sentence: str, figures: list[tuple[str, str]]) -> None:
    facts = of_type(extract(article(sentence, title="抖音电商发布治理报告")), ObservationFact)
    assert [(str(f.value), f.unit) for f in facts] == figures


@pytest.mark.parametrize(("sentence", "figures"), [
    # one span of time, or a count up to ten, in Chinese numerals is a way of speaking
    ("据Temu方面透露,模式上线一个月,入驻的半托管商家已超过1.2万家。", [("12000", "家")]),
    ("店主说,一个月算下来能省下近1万元。", [("10000", "元")]),
    ("“正品十重保障”涵盖品牌授权审核、入仓质检等十个环节。", []),
    # in digits, or more than one, they are figures
    ("平台将退款时效缩短至3天。", [("3", "天")]),
    ("平台将售后保障期延长至三个月。", [("3", "个月")]),
])
def test_a_span_or_a_small_count_in_chinese_numerals_is_no_figure(sentence: str, figures: list[tuple[str, str]]) -> None:
    facts = of_type(extract(article(sentence, title="抖音电商发布治理报告")), ObservationFact)
    assert [(str(f.value), f.unit) for f in facts] == figures


def test_a_doubling_is_reported_as_an_increase_of_its_metric() -> None:
    facts = of_type(extract(article("京东的退货率同比下降了三成,投诉处理量翻了一番。", title="京东发布报告")), ObservationFact)
    assert [(str(f.value), f.unit, f.change, f.metric) for f in facts] == [
        ("30", "%", "decrease", "退货率"), ("100", "%", "increase", "投诉处理量")]
