"""Cleaning rules as tables, sentence splitting, and property tests on real seed text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgkg.ingest.article import RawDocument
from pgkg.ingest.clean import AUTHORITY_NEWS_RE, OTHER_NEWS_RE, TRADE_TERMS, chrome_reason, clean, is_prose, split_lines, topic_scores
from pgkg.ingest.clean_fragments import line_cuts, spam_cuts
from pgkg.ingest.extract import extract
from pgkg.ingest.facts import ObservationFact, PersonFact
from pgkg.ingest.metadata import breadcrumb_headline, find_metadata, head_line_parts, parse_date
from pgkg.ingest.normalize import fold_width, to_simplified
from pgkg.ingest.sentences import sentence_bounds

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
SEED_LINES = {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted(CORPUS.glob("*.txt"))}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("当前位置:首页 > 新闻 > 正文", "navigation"),
        ("您当前位置: 新闻中心>>财经>>", "navigation"),
        ("Copyright © 2024 Example Inc. All Rights Reserved", "copyright"),
        ("某某网 版权所有 京ICP备12345678号", "copyright"),
        ("声明:本文仅代表作者观点,不代表本站立场。", "disclaimer"),
        ("(责任编辑:张三)", "footer"),
        ("关键词: 电商 消费者", "tags"),
        ("Tags:电商  平台", "tags"),
        ("扫一扫分享到微信", "footer"),
        ("相关新闻", "related-reading"),
        ("延伸阅读", "related-reading"),
        ("[图片]  点击查看大图", "image-placeholder"),
        ("[音频]  听全文  05:42", "audio-placeholder"),
        ("往期推荐", "related-reading"),
        ("某某财经 APP  电报 | 看盘 | 公司 | 深度 | 会员", "navigation"),
        ("图片推荐", "recommendation"),
        ("(广告)", "ad"),
        ("24小时热榜", "recommendation"),
        ("喜欢作者就打赏吧", "footer"),
        ("今年以来，抖音未成年人打赏相关投诉同比下降41.5%。", None),
        ("受理未成年人打赏退款申请平台共过去一年退还款项超5.2万件1.3亿元", None),
        ("【广告】高价回收二手苹果手机、笔记本、相机，全国上门回收，当场验机当场结算，回收价高出市场价20%！", "ad"),
        ("广告：暑期家电焕新季，以旧换新至高立减2000元，点击进入活动页面了解详情。", "ad"),
        ("【限时优惠】电商合规实务课（第3期）报名中，原价1999元，现价699元，前50名报名赠送《平台规则汇编》电子版。", "ad"),
        ("电商合规实务课报名中，原价1999元，现价699元，扫码即可报名。", "ad"),
        ("【图片来源:网络】", "image-placeholder"),
        ("（资料图）", "image-placeholder"),
        ("视频：探访快手电商合作质检实验室（时长2分46秒）  视频加载中……", "video-placeholder"),
        ("上一篇：中国将推出个人养老金制度，多项细则近期将陆续发布实施并开展试点工作", "footer"),
        ("原标题：抖音电商开放日", "disclaimer"),
        ("本文来自微信公众号“某某财经”", "disclaimer"),
        # a comment section's header; social buttons; a prompt to open the app
        ("全部评论(18)", "footer"),
        ("热门跟帖", "footer"),
        ("评论（32）", "footer"),
        ("56条评论", "footer"),
        ("点赞(23) 收藏 分享", "social"),
        ("分享 | 转发 | 举报", "social"),
        ("打开APP，阅读体验更佳", "app-prompt"),
        ("展开全文", "app-prompt"),
        ("分享经验", None),
        ("澎湃新闻：从用户反馈看，效果如何？", None),
        ("平台还全量推行“极速退”能力,提升消费者退货退款的体验。", None),
        ("持续升级服务能力", None),
        ("相关负责人表示,平台将继续加强与相关部门合作。", None),
        ("特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。", "disclaimer"),
    ],
)
def test_chrome_reason_table(line: str, reason: str | None) -> None:
    assert chrome_reason(line) == reason


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-08-25 18:58:52 来源:证券日报", "2023-08-25"),
        ("时间:2015.6.11", "2015-06-11"),
        ("date 2025-09-30", "2025-09-30"),
        ("2024-05-16", "2024-05-16"),
        ("2023年8月25日 10:00", "2023-08-25"),
        ("2023/3/2", "2023-03-02"),
        ("2023-02-30", None),
        ("03/11/2025 18:30", "2025-11-03"),
        ("12/31/2024", None),
        ("更新于 13:45", None),
        ("截至2023年12月,网民规模达10.92亿人", None),
    ],
)
def test_parse_date_table(text: str, date: str | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("lines", "title", "published", "outlet", "author"),
    [
        (["某某新闻网", "首页 > 财经", "平台上线先行赔付新规则", "2024-01-02 08:00 来源:新京报", "正文……"], "平台上线先行赔付新规则", "2024-01-02", "新京报", None),
        (["平台治理再升级", "作者:admin 来源:用户投稿 时间:2020.1.5"], "平台治理再升级", "2020-01-05", None, None),
        (["更新時間:2025-12-18 10:40:20點擊: 1", "抖音电商22日在北京举办开放日。"], None, None, None, None),
        (["电商平台发布新规", "2023-03-02 15:47:28 中国质量报", "记者 王明 报道"], "电商平台发布新规", "2023-03-02", "中国质量报", "王明"),
        (["平台治理观察", "2023-03-02 15:47 · 人民日报", "文 | 李华"], "平台治理观察", "2023-03-02", "人民日报", "李华"),
        (["快手发布信任购新规?", "发布时间：2023年08月25日 10:21  来源：新华网  作者：张三"], "快手发布信任购新规?", "2023-08-25", "新华网", "张三"),
        (["小红书发布买手新规", "2024-01-02 08:00 来源:21世纪经济报道", "正文……"], "小红书发布买手新规", "2024-01-02", "21世纪经济报道", None),
        (["天猫升级退货宝服务", "原标题：天猫升级退货宝 惠及超百万商家", "2024-06-11 09:12 来源：每日经济新闻"],
         "天猫升级退货宝服务", "2024-06-11", "每日经济新闻", None),
        (["首页 > 财经", "（原标题：天猫升级退货宝 惠及超百万商家）", "2024-06-11 09:12 来源：每日经济新闻"],
         "天猫升级退货宝 惠及超百万商家", "2024-06-11", "每日经济新闻", None),
        (["抖音电商发布新规", "澎湃新闻记者 李四", "2024-03-15 10:20", "来源：澎湃新闻"],
         "抖音电商发布新规", "2024-03-15", "澎湃新闻", "李四"),
        (["小红书发布买手新规", "36氪 · 2024-01-12 14:20"], "小红书发布买手新规", "2024-01-12", "36氪", None),
        (["淘寶推出退貨寶升級版", "2024年5月6日 星期一 香港經濟日報"], "淘寶推出退貨寶升級版", "2024-05-06", "香港經濟日報", None),
        (["京东升级价保服务", "2024-03-20 周三 新周刊"], "京东升级价保服务", "2024-03-20", "新周刊", None),
        (["小红书发布买手新规", "2024-01-12 来源:2024年"], "小红书发布买手新规", "2024-01-12", None, None),
        # an outlet's channel is not its name; where the poster is, or who wrote it, is no masthead
        (["京东上线价保新规", "【大 中 小】 2024-06-03 来源：人民网-财经频道"], "京东上线价保新规", "2024-06-03", "人民网", None),
        (["京东上线价保新规", "2024-06-03 08:12 · 来自北京"], "京东上线价保新规", "2024-06-03", None, None),
        (["京东上线价保新规", "By 陈琳 2024-06-03"], "京东上线价保新规", "2024-06-03", None, None),
        # a masthead with a labelled credit after it
        (["京东上线价保新规", "2024-09-20 08:00 36氪 · 作者：周宇"], "京东上线价保新规", "2024-09-20", "36氪", "周宇"),
        (["京东上线价保新规", "2024-06-03 作者：陈琳"], "京东上线价保新规", "2024-06-03", None, "陈琳"),
        # a time zone is no masthead, nor is a credit's name; a placeholder credit is no author
        (["消委會公布網購投訴統計", "2025年3月12日 星期三 14:32 HKT　　撰文：本報記者 區穎彤"],
         "消委會公布網購投訴統計", "2025-03-12", None, "區穎彤"),
        # an editor's and a reporter's credit between the headline and the date
        (["专访小红书陆鸣:治理“虚假种草”", "记者 | 唐知秋", "编辑 | 吴桐", "2024/12/05 08:00"],
         "专访小红书陆鸣:治理“虚假种草”", "2024-12-05", None, "唐知秋"),
        # the same credits after the outlet's name: the reporter's names the outlet when nothing else does,
        # unless it is an abbreviation or a placeholder; an outlet's app named as the source is the outlet
        (["专访小红书陆鸣:治理“虚假种草”", "界面新闻记者 | 唐知秋", "界面新闻编辑 | 吴桐", "2024/12/05 08:00"],
         "专访小红书陆鸣:治理“虚假种草”", "2024-12-05", "界面新闻", "唐知秋"),
        (["拼多多启动农货节", "新京报首席记者 赵晴", "2025-03-01 10:00"], "拼多多启动农货节", "2025-03-01", "新京报", "赵晴"),
        (["拼多多启动农货节", "21世纪经济报道  记者 钱瑾  广州报道", "2025-03-01 10:00"],
         "拼多多启动农货节", "2025-03-01", "21世纪经济报道", "钱瑾"),
        (["拼多多启动农货节", "澎湃新闻记者 李四", "2025-03-01 10:00 来源：第一财经"],
         "拼多多启动农货节", "2025-03-01", "第一财经", "李四"),
        (["拼多多启动农货节", "每经记者 赵晴 每经编辑 孙磊", "2025-03-01 10:00"], "拼多多启动农货节", "2025-03-01", None, "赵晴"),
        (["拼多多启动农货节", "本报记者 赵晴", "2025-03-01 10:00"], "拼多多启动农货节", "2025-03-01", None, "赵晴"),
        (["京东上线价保新规", "2024-06-03 08:12  来源：人民日报客户端"], "京东上线价保新规", "2024-06-03", "人民日报", None),
        (["京东上线价保新规", "2024-06-03 08:12  来源：央视新闻APP"], "京东上线价保新规", "2024-06-03", "央视新闻", None),
        # the posting account's name above the date line that repeats it: no headline, the outlet
        (["百度首页  登录", "京东秒送上线超时赔付", "楚天都市报", "2024-06-12 10:31楚天都市报官方百家号", "+ 关注"],
         "京东秒送上线超时赔付", "2024-06-12", "楚天都市报", None),
        # an outlet with its channel or its self-media account; a site that is its own source
        (["京东秒送上线超时赔付", "新京报 贝壳财经  2024-07-18 16:42"], "京东秒送上线超时赔付", "2024-07-18", "新京报", None),
        (["京东秒送上线超时赔付", "来源:扬子晚报·紫牛派 2024-07-18 16:42"], "京东秒送上线超时赔付", "2024-07-18", "扬子晚报", None),
        (["京东秒送上线超时赔付", "2024-07-18 16:42 华商报官方百家号"], "京东秒送上线超时赔付", "2024-07-18", "华商报", None),
        (["小红书整治水下笔记", "南方都市报 · 南都湾财社  2025-01-09 19:22  发布于广东"], "小红书整治水下笔记", "2025-01-09", "南方都市报", None),
        (["浙江省消费者权益保护委员会", "首页 | 本会概况", "浙江省消保委发布投诉分析", "发布时间:2025-02-20  信息来源:本会"],
         "浙江省消保委发布投诉分析", "2025-02-20", "浙江省消费者权益保护委员会", None),
        (["平台治理观察", "发布时间:2025-02-20  信息来源:本站"], "平台治理观察", "2025-02-20", None, None),
        # a mobile page's posting account above a date line with the poster's region, under the headline;
        # a short headline alone above such a line is the headline
        (["腾讯新闻", "打开APP", "京东秒送上线超时赔付 一年赔付超2亿元", "经济观察报", "2024-04-26 08:35 发布于北京"],
         "京东秒送上线超时赔付 一年赔付超2亿元", "2024-04-26", "经济观察报", None),
        (["京东发布年度报告", "2024-04-26 08:35 发布于北京"], "京东发布年度报告", "2024-04-26", None, None),
        # a WeChat article's head: the account before the date is the outlet, not an author's name
        (["京东秒送上线超时赔付", "原创 红星新闻记者 周洁 红星新闻 2024年08月21日 19:06 四川"],
         "京东秒送上线超时赔付", "2024-08-21", "红星新闻", "周洁"),
        (["京东秒送上线超时赔付", "原创 周洁 2024年08月21日 19:06 四川"], "京东秒送上线超时赔付", "2024-08-21", None, None),
        # a credit after a slash on the date line is no part of the masthead
        (["蝦皮購物升級消保", "2024-03-12 14:20 聯合新聞網/ 記者林家豪/台北即時報導"], "蝦皮購物升級消保", "2024-03-12", "聯合新聞網", None),
        # a reporter's or correspondent's label after the byline's mark is no name: the name after it is
        (["京东上线价保新规", "2024-06-03 来源：大河报", "文/记者 张三 通讯员 李四"], "京东上线价保新规", "2024-06-03", "大河报", "张三"),
        (["京东上线价保新规", "2024-06-03 来源：大河报", "作者：通讯员 李四"], "京东上线价保新规", "2024-06-03", "大河报", "李四"),
        # the site's name opening the page, when nothing else names the outlet; a credit after the masthead;
        # an outlet's app in a reporter's credit, the poster's region after the time; a full-width dash
        (["香港經濟日報 hket.com    即時新聞 | 財經", "主頁 > 即時財經 > 中國經濟", "拼多多Temu推「半託管」 跨境賣家自主發貨",
          "2024年04月18日 16:05  最後更新日期：2024年04月18日 18:22"],
         "拼多多Temu推「半託管」 跨境賣家自主發貨", "2024-04-18", "香港經濟日報", None),
        (["hket 香港經濟日報", "主頁 | 即時新聞 | 港聞 | 財經", "京東香港推家電以舊換新 最高資助1,500港元", "撰文：馮卓然　　2025/11/20 12:45"],
         "京東香港推家電以舊換新 最高資助1,500港元", "2025-11-20", "香港經濟日報", "馮卓然"),
        (["快手电商升级“信任购” 上线“信任卡”权益", "2023.11.21  北京商报  记者 魏蔓"],
         "快手电商升级“信任购” 上线“信任卡”权益", "2023-11-21", "北京商报", "魏蔓"),
        (["拼多多“先用后付”扩容", "潮新闻客户端 记者 叶舟", "2025-03-12 19:05  浙江"], "拼多多“先用后付”扩容", "2025-03-12", "潮新闻", "叶舟"),
        (["拼多多“先用后付”扩容", "潮新闻客户端 记者 叶舟", "2025-03-12 19:05  浙江", "+关注"], "拼多多“先用后付”扩容", "2025-03-12", "潮新闻", "叶舟"),
        (["市场监管总局发布平台规则监管办法", "2025-03-25 10:12  来源：人民网－财经频道"],
         "市场监管总局发布平台规则监管办法", "2025-03-25", "人民网", None),
        (["Temu“半托管”卖家新规9月起施行", "腾讯科技  2025-08-28 18:05  发布于广东  腾讯新闻官方账号", "+关注"],
         "Temu“半托管”卖家新规9月起施行", "2025-08-28", "腾讯科技", None),
        (["京东外卖为超15万名全职骑手缴纳五险一金", "2025年06月30日08:21 | 来源：人民网－经济·科技频道"],
         "京东外卖为超15万名全职骑手缴纳五险一金", "2025-06-30", "人民网", None),
        # a WeChat account reposting another's article: that account is the outlet; an account named twice
        (["闲鱼“验货宝”上半年验货超380万单", "杭州消费观察 杭州消费观察 2025年07月08日 20:15 浙江",
          "以下文章来源于钱江晚报 ，作者记者 方知遥"], "闲鱼“验货宝”上半年验货超380万单", "2025-07-08", "钱江晚报", "方知遥"),
        (["闲鱼“验货宝”上半年验货超380万单", "杭州消费观察 杭州消费观察 2025年07月08日 20:15 浙江"],
         "闲鱼“验货宝”上半年验货超380万单", "2025-07-08", "杭州消费观察", None),
        # a source in Latin letters; an English subtitle opening with digits under the headline
        (["1688发布“源头工厂诚信计划” 认证工厂超12万家", "1688 Unveils Source Factory Integrity Program",
          "2025年11月18日 10:00 北京时间    来源：Business Wire"],
         "1688发布“源头工厂诚信计划” 认证工厂超12万家", "2025-11-18", "Business Wire", None),
        # the page's audio button after the masthead's date
        (["专访快手电商副总裁郑溪：降退货率不能只靠商家", "第一财经  2025-05-20 20:31:46  听新闻"],
         "专访快手电商副总裁郑溪：降退货率不能只靠商家", "2025-05-20", "第一财经", None),
        # a self-media account above the date line, its follow button under it
        (["虎嗅网  首页 | 资讯 | 视频", "“仅退款”退潮：淘宝先松绑，平台治理的天平往回摆了多少？", "电商在线观察", "2024-09-10 21:18", "关注"],
         "“仅退款”退潮：淘宝先松绑，平台治理的天平往回摆了多少？", "2024-09-10", "电商在线观察", None),
        # a day-first date (Malaysia, Singapore, Hong Kong); an author's name after the outlet's on the date line;
        # an opinion piece's credit under its headline
        (["财经 > 企业", "TikTok Shop新规上路 大马卖家：迟发货罚款“吃掉”利润", "03/11/2025 18:30  星洲日报"],
         "TikTok Shop新规上路 大马卖家：迟发货罚款“吃掉”利润", "2025-11-03", "星洲日报", None),
        (["外卖大战下半场：淘宝闪购补贴“退潮”", "第一财经  陆一鸣  2025-09-26 20:41:15"],
         "外卖大战下半场：淘宝闪购补贴“退潮”", "2025-09-26", "第一财经", None),
        (["让平台规则在阳光下运行", "光明日报评论员", "2025-10-21 04:10  来源：光明网-《光明日报》"],
         "让平台规则在阳光下运行", "2025-10-21", "光明日报", None),
        # a site's brand alone on the first line above its menu or a date line, when nothing else names the outlet
        (["香港01", "新聞 | 港聞 | 社會新聞 | 01觀點 | 經濟", "消委會︰跨境網購投訴半年急增62%", "撰文：馮嘉敏", "發佈日期：2025-08-14 18:30"],
         "消委會︰跨境網購投訴半年急增62%", "2025-08-14", "香港01", "馮嘉敏"),
        (["香港01  港聞 | 即時 | 社會新聞 | 經濟 | 觀點 | 國際 | 娛樂   訂閱01會員", "天文台：29°C  濕度 82%",
          "HKTVmall推商戶服務評級 上半年下架1.6萬件疑冒牌貨", "撰文：伍嘉晴", "出版：2025-10-08 18:30    更新：2025-10-08 21:05"],
         "HKTVmall推商戶服務評級 上半年下架1.6萬件疑冒牌貨", "2025-10-08", "香港01", "伍嘉晴"),
        (["36氪 | 让一部分人先看到未来", "首页  快讯  资讯  推荐  财经  科技", "快手电商打假一年：1.3万家售假商家被清退",
          "罗浩然 · 2026年03月18日 08:30"], "快手电商打假一年：1.3万家售假商家被清退", "2026-03-18", "36氪", None),
        # the region after the masthead's time; a channel with a Latin letter after the outlet's name
        (["多多买菜鲜品抽检结果公布", "红星新闻  2025年07月22日 19:36  四川"], "多多买菜鲜品抽检结果公布", "2025-07-22", "红星新闻", None),
        (["美团外卖发布广东食安报告", "2025-11-05 16:42   来源：南方都市报·N视频   南都记者 甄嘉欣"],
         "美团外卖发布广东食安报告", "2025-11-05", "南方都市报", "甄嘉欣"),
        # an outlet's name of its own between the headline and the date line
        (["國際 > 歐洲", "Temu回應歐盟《數碼服務法》調查 稱一年下架違規商品逾1,200萬件", "星島日報", "2025年07月29日 18:42"],
         "Temu回應歐盟《數碼服務法》調查 稱一年下架違規商品逾1,200萬件", "2025-07-29", "星島日報", None),
        # two headlines stacked: the upper one is the main headline; a banner above a headline is none
        (["首页 > 财经 > 10%公司", "京东外卖与美团骑手保障同台比拼：社保怎么缴，连续跑单几小时必须歇",
          "两家平台的防疲劳规则都以4小时为节点，但一个“强制歇”，一个“先提醒”", "澎湃新闻记者 俞佳", "2025-07-16 19:32  来源：澎湃新闻"],
         "京东外卖与美团骑手保障同台比拼：社保怎么缴，连续跑单几小时必须歇", "2025-07-16", "澎湃新闻", "俞佳"),
        (["打开潮新闻APP，阅读体验更佳 [立即打开]", "拼多多“先用后付”扩容 多多买菜上线“坏果极速赔”", "2025-03-12 19:05  来源：潮新闻"],
         "拼多多“先用后付”扩容 多多买菜上线“坏果极速赔”", "2025-03-12", "潮新闻", None),
        # a sentence summing the article up under the headline; an image's credit is no source line
        (["商业 > 零售", "闲鱼将向卖家收取0.6%基础软件服务费，单笔最高60元", "年成交额1万元以下部分免收，闲鱼称服务费将主要用于交易保障投入。",
          "界面新闻记者 | 陈可欣", "2024/08/27 16:42", "图片来源：视觉中国"],
         "闲鱼将向卖家收取0.6%基础软件服务费，单笔最高60元", "2024-08-27", "界面新闻", "陈可欣"),
        # a portal with the paper it reprints is the paper
        (["京东上线价保新规", "2024-06-03 08:12  来源：光明网-《光明日报》"], "京东上线价保新规", "2024-06-03", "光明日报", None),
    ],
)
def test_find_metadata_table(lines, title, published, outlet, author) -> None:
    found = find_metadata(lines)
    assert (found.title, found.published, found.outlet, found.author) == (title, published, outlet, author)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        # a trail that ends with the headline, glued to 首页 or after a separator, before the page's buttons
        ("当前位置:首页天猫总裁王煜磊:未来电商要回归消费者体验 举报文章", "天猫总裁王煜磊:未来电商要回归消费者体验"),
        ("首页 > 新闻 > 抖音电商发布新版商家体验分规则", "抖音电商发布新版商家体验分规则"),
        ("当前位置：首页 » 资讯 » 快手电商发布2024年信任购报告【打印】【关闭】", "快手电商发布2024年信任购报告"),
        # a trail of channels only; a headline that is no breadcrumb
        ("您当前位置: 新闻中心>>品牌>>品牌风采>>", None),
        ("首页 > 财经 > 正文", None),
        ("当前位置：首页 > 新闻中心 > 行业动态", None),
        ("抖音电商发布新版商家体验分规则", None),
    ],
)
def test_breadcrumb_headline_table(line: str, headline: str | None) -> None:
    assert breadcrumb_headline(line) == headline


@pytest.mark.parametrize(
    ("lines", "body_start", "title"),
    [
        (["当前位置:首页 > 新闻 > 小红书发布买手新规", "2024-01-02 来源:新京报", "正文……"], None, "小红书发布买手新规"),
        # the headline's own line wins over the trail above it
        (["首页 > 新闻 > 小红书发布买手新规", "小红书发布买手新规 助力电商生态", "2024-01-02 来源:新京报"], None,
         "小红书发布买手新规 助力电商生态"),
        (["首页 > 新闻 > 小红书发布电商买手新规",
          "小红书18日发布2024年第一季度社区治理报告，一季度处置违规笔记12.6万篇，平台还上线新规则。"], 1, "小红书发布电商买手新规"),
    ],
)
def test_headline_at_the_end_of_a_breadcrumb(lines: list[str], body_start: int | None, title: str) -> None:
    assert find_metadata(lines, body_start=body_start).title == title


def test_a_container_title_loses_its_breadcrumb() -> None:
    seed = SEED_LINES["003_c038b9f0d48afa58.txt"]
    assert seed[2] == "天猫总裁王煜磊:未来电商要回归消费者体验"
    raw = RawDocument(source="003.jsonl#1", text="\n".join(seed[3:]), title=seed[0])  # the text without its headline
    assert clean(raw).meta.title == "天猫总裁王煜磊:未来电商要回归消费者体验"


@pytest.mark.parametrize(
    ("lines", "title", "published", "outlet"),
    [
        # a press-release wire's dateline gives the date and the wire; the page's buttons are no headline
        (["新闻稿 > 交通运输 > 物流", "京东物流升级“超时必赔”服务", "分享到：  微信   微博   邮件   打印",
          "北京2025年3月6日 /美通社/ -- 京东物流今日宣布全面升级时效服务承诺，超时必赔服务覆盖全部寄递订单。"],
         "京东物流升级“超时必赔”服务", "2025-03-06", "美通社"),
        # a release whose 来源 names the company that issued it: the wire is the outlet
        (["京东健康发布《2024年度药品安全报告》", "2025-03-20 10:05", "来源: 京东健康",
          "北京2025年3月20日 /美通社/ -- 3月20日，京东健康正式发布《2024年度药品安全报告》，全年拦截风险处方超1100万张。"],
         "京东健康发布《2024年度药品安全报告》", "2025-03-20", "美通社"),
        # an English subtitle under the headline is skipped; an outlet that 获悉 opens the body names it
        (["拼多多首发消保报告：“百亿减免”上半年落地约37亿元", "PDD's first consumer-protection report puts Pinduoduo and Temu side by side",
          "文｜乔雨桐    编辑｜苏建勋", "发布于 2024.08.21  19:30",
          "36氪获悉，8月20日，拼多多发布《2024上半年消费者权益保护报告》，首次披露跨境平台数据。"],
         "拼多多首发消保报告：“百亿减免”上半年落地约37亿元", "2024-08-21", "36氪"),
        # a date line with the month and day but no year locates the headline and the masthead
        (["每经网首页 > 公司 > 正文", "抖音生活服务下调团购技术服务费", "每日经济新闻    03-18 09:12",
          "3月17日，抖音生活服务宣布，自2025年4月1日起下调团购业务部分类目的技术服务费率。"],
         "抖音生活服务下调团购技术服务费", None, "每日经济新闻"),
        # a reporter's credit with the outlet's channel (钱江晚报·小时新闻记者); a source line at the page's end
        (["浙江省消保委发布直播电商消费体验调查", "钱江晚报·小时新闻记者 蒋雯雯　通讯员 浙消宣", "2025年03月13日 07:15",
          "3月12日，浙江省消费者权益保护委员会发布《2024年直播电商消费体验调查报告》，调查共回收有效问卷8216份。"],
         "浙江省消保委发布直播电商消费体验调查", "2025-03-13", "钱江晚报"),
        # a self-media page: the site's menu, the posting outlet above a 发布于 date line, the headline under it
        (["搜狐首页 新闻 体育 汽车 房产 旅游 教育 时尚 科技 财经 娱乐 更多", "新民晚报", "2024-08-02 15:33　发布于：上海市",
          "得物联合第三方检测机构升级查验：去年拦截假货和瑕疵品约310万件",
          "8月1日，得物对外公布了2023年度品质安全数据：全年查验商品超1.2亿件，拦截假货及瑕疵品约310万件。"],
         "得物联合第三方检测机构升级查验：去年拦截假货和瑕疵品约310万件", "2024-08-02", "新民晚报"),
        # a reporter who 获悉 is no outlet
        (["拼多多发布消保报告", "2024-08-21 19:30", "记者获悉，8月20日，拼多多发布《2024上半年消费者权益保护报告》，首次披露跨境平台数据。"],
         "拼多多发布消保报告", "2024-08-21", None),
    ],
)
def test_find_metadata_of_datelines_and_head_lines(lines, title, published, outlet) -> None:
    found = find_metadata(lines, body_start=len(lines) - 1)
    assert (found.title, found.published, found.outlet) == (title, published, outlet)


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("法治网首页 > 法治要闻 > 正文 淘宝闲鱼联手公安打假 一年协助侦破售假案件1576起 发布时间：2024年04月26日 08:47　来源：法治日报　字号：大 中 小",
         ["法治网首页 > 法治要闻 > 正文", "淘宝闲鱼联手公安打假 一年协助侦破售假案件1576起", "发布时间：2024年04月26日 08:47　来源：法治日报　字号：大 中 小"]),
        ("南都N视频 首页 > 财经 > 消费 唯品会升级售后服务 去年为用户承担退货运费超4.5亿元 南方都市报 2023-03-14 19:20 发布于广东",
         ["南都N视频 首页 > 财经 > 消费", "唯品会升级售后服务 去年为用户承担退货运费超4.5亿元", "南方都市报 2023-03-14 19:20 发布于广东"]),
        # no breadcrumb: a masthead, a forum's post line, a headline beside its date are left whole
        ("新京报 贝壳财经 2024-05-20 10:00 来源：新京报", None),
        ("楼主 海边的卡夫卡 发表于 2024-05-20 10:00", None),
        ("抖音电商发布新版商家体验分规则 2024-05-20 10:00 来源：新京报", None),
        # a breadcrumb before a sentence, or before too short a headline
        ("首页 > 财经 > 据介绍，平台累计拦截劣质商品超300万件。 2024-05-20 10:00 来源：新京报", None),
        ("首页 > 财经 > 正文 电商新规 2024-05-20 10:00 来源：新京报", None),
    ],
)
def test_head_line_parts_table(line: str, parts: list[str] | None) -> None:
    assert [line[s:e].strip() for s, e in head_line_parts(line)] == (parts or [line])


def test_a_head_crammed_into_one_line_gives_headline_date_and_outlet() -> None:
    body = "12月16日，唯品会对外公布售后服务升级举措，并披露2022年售后服务数据，为用户承担退货运费超过4.5亿元，极速退款订单占比达到85%。"
    text = "南都N视频 首页 > 财经 > 消费 唯品会升级售后服务 去年为用户承担退货运费超4.5亿元 南方都市报 2023-03-14 19:20 发布于广东 分享到：微信 朋友圈\n" + body
    article = clean(RawDocument(source="t.txt", text=text))
    assert (article.meta.title, article.meta.published, article.meta.outlet) == (
        "唯品会升级售后服务 去年为用户承担退货运费超4.5亿元", "2023-03-14", "南方都市报")
    assert [s.text for s in article.sentences][0].startswith("12月16日")


def test_the_head_may_run_to_the_twentieth_line_above_the_body() -> None:
    menus = ["大众网首页 | 新闻 | 山东 | 国内 | 国际 | 评论 | 财经", "搜索", "热点推荐"] + [f"· 热点新闻标题第{i}条" for i in range(10)]
    body = "6月12日，抖音电商发布新版《商家体验分规则》，新规将于7月1日起正式实施，开店未满90天的新商家获得保护期。"
    lines = [*menus, "当前位置：大众网 > 财经 > 产经", "抖音电商升级“商家体验分”", "2024-06-13 08:47:12　来源：大众网　作者：孙晓雯", body]
    found = find_metadata(lines, body_start=len(lines) - 1)
    assert (found.title, found.published, found.outlet) == ("抖音电商升级“商家体验分”", "2024-06-13", "大众网")


def test_a_date_line_after_the_article_dates_it() -> None:
    """A page with no date in its head gives it at the bottom, under the outlet's name, after related reading."""
    body = ["1月7日，京东零售发布“新芽计划”一周年成绩单，过去一年该计划累计吸引超31万家新商家入驻京东。"] * 12
    lines = ["京东“新芽计划”一年为中小商家减免超48亿元", "21世纪经济报道记者 甘霖 北京报道", *body,
             "相关阅读", "京东集团第三季度营收2991亿元 同比增长14.9%", "21世纪经济报道", "2026-01-08 20:13", "关注我们   微信 | 微博"]
    assert find_metadata(lines, body_start=2).published == "2026-01-08"


def test_a_source_line_after_the_article_names_the_outlet() -> None:
    body = ["9月20日，京东宣布家电以旧换新叠加国家补贴，并将家电价保期延长至60天，覆盖空调、冰箱、洗衣机等品类。"] * 12
    lines = ["京东家电价保期延长至60天", "2024年09月20日 14:06", "每经记者 杜雪晴", *body,
             "本文来源：每日经济新闻", "免责声明：本文内容与数据仅供参考，不构成投资建议。"]
    assert find_metadata(lines, body_start=3).outlet == "每日经济新闻"


@pytest.mark.parametrize(
    ("lines", "title", "outlet", "author"),
    [
        # no date line: the headline is the line above the body, the dateline names outlet and reporter
        (["抖音电商发布新版商家体验分规则", "新京报讯（记者 张静）10月8日，抖音电商发布新版《商家体验分管理规则》，规则将于10月15日起生效。"],
         "抖音电商发布新版商家体验分规则", "新京报", "张静"),
        (["小红书发布治理报告", "每经记者 王晓    每经编辑 刘洋", "中新网4月18日电 小红书18日发布2024年第一季度社区治理报告，一季度处置违规笔记12.6万篇。"],
         "小红书发布治理报告", "中新网", "王晓"),
        (["小红书发布治理报告", "本报讯（记者 李四）小红书18日发布2024年第一季度社区治理报告，一季度处置违规笔记12.6万篇。"],
         "小红书发布治理报告", None, "李四"),
        # an outlet's bracketed report line or its 消息 line; a platform's own news is none
        (["快手发布治理报告", "【中国网财经综合报道】4月18日消息，快手18日发布2024年第一季度治理报告。"],
         "快手发布治理报告", "中国网", None),
        (["快手发布治理报告", "蓝鲸财经4月18日消息，快手18日发布2024年第一季度治理报告。"], "快手发布治理报告", "蓝鲸财经", None),
        (["快手发布治理报告", "快手4月18日消息，快手电商18日发布2024年第一季度治理报告。"], "快手发布治理报告", None, None),
        # a newspaper's e-paper: a masthead of sites apart by bars, the page's date line above the headline
        (["楚天都市报数字报 | 极目新闻 | 荆楚网        登录  注册", "首页 > 新闻 > 武汉 > 消费维权",
          "2025年04月18日 星期五    A08版：消费·维权    上一版  下一版  版面导航", "携程“到店无忧”扩至全部国内酒店",
          "2025年04月18日  来源：楚天都市报  版次：A08  作者：胡晓岚", "分享到：微信  微博  QQ空间",
          "携程宣布将“到店无忧”服务扩至全部国内酒店，去年为湖北用户先行赔付超2600万元。"],
         "携程“到店无忧”扩至全部国内酒店", "楚天都市报", "胡晓岚"),
        # the page's audio player between the credit and the body
        (["京东“新芽计划”一年为中小商家减免超48亿元", "21世纪经济报道记者 甘霖 北京报道", "[音频]  听全文  05:42",
          "1月7日，京东零售发布“新芽计划”一周年成绩单，过去一年该计划累计吸引超31万家新商家入驻京东。"],
         "京东“新芽计划”一年为中小商家减免超48亿元", "21世纪经济报道", "甘霖"),
        # credits after 丨, a quote standing out and an image's credit between the headline and the body
        (["晚点LatePost", "2025年10月28日 20:15 北京", "对话小红书本地生活产品负责人贺霖：团购不卷低价，“随时退”由平台兜底",
          "文丨叶舟", "编辑丨钱亦", "“我们不想做一个更便宜的美团。”", "题图来源：视觉中国",
          "本地生活是过去两年互联网大厂争夺最激烈的战场之一。"],
         "对话小红书本地生活产品负责人贺霖：团购不卷低价，“随时退”由平台兜底", "晚点LatePost", "叶舟"),
        # the day's date above the headline, the time and the outlet under it
        (["快讯", "2025年9月1日 星期一", "小红书发布AI生成内容标识规范，未声明的AI笔记将被限流", "10:26 · 36氪",
          "36氪获悉，9月1日，小红书发布《小红书AI生成内容标识规范》。"],
         "小红书发布AI生成内容标识规范，未声明的AI笔记将被限流", "36氪", None),
        # a counter under the head is no headline
        (["1,214 人赞同了该文章", "先说结论：这次调整对中小商家总体是利好，但别高兴太早。"], None, None, None),
        (["3.2万次阅读", "先说结论：这次调整对中小商家总体是利好，但别高兴太早。"], None, None, None),
        # a line ending like a sentence is no headline; a 资讯 is no dateline
        (["平台治理持续升级。", "电商资讯（记者 李四）小红书18日发布2024年第一季度社区治理报告，一季度处置违规笔记12.6万篇。"],
         None, None, "李四"),
    ],
)
def test_find_metadata_above_the_body(lines, title, outlet, author) -> None:
    found = find_metadata(lines, body_start=len(lines) - 1)
    assert (found.title, found.outlet, found.author) == (title, outlet, author)


@pytest.mark.parametrize(
    ("lines", "container_outlet", "container_author", "outlet", "author"),
    [
        # the author's name beside the date is not a masthead
        (["抖音电商上线新规", "陈琳 · 2024-07-09 08:30"], None, "陈琳", None, "陈琳"),
        (["抖音电商上线新规", "陈琳 · 2024-07-09 08:30"], "36氪", "陈琳", "36氪", "陈琳"),
        # ... nor when no author is known (the byline is in the body's first line)
        (["淘宝“仅退款”松绑", "程翎 2025年8月1日 09:12"], None, None, None, None),
        (["淘宝“仅退款”松绑", "金羊网 2025年8月1日 09:12"], None, None, "金羊网", None),
        # the text's 来源 line and byline win over the page's markup
        (["平台上线先行赔付新规则", "2024-01-02 08:00 来源:新京报", "记者 王明 报道"], "新浪财经", "编辑部", "新京报", "王明"),
        (["电商平台发布新规", "2023-03-02 15:47:28 中国质量报"], "中国质量新闻网", None, "中国质量报", None),
        (["电商平台发布新规", "2023-03-02 15:47:28"], "中国质量新闻网", None, "中国质量新闻网", None),
        (["电商平台发布新规", "2023-03-02"], "admin", "admin", None, None),
    ],
)
def test_find_metadata_with_container_values(lines, container_outlet, container_author, outlet, author) -> None:
    found = find_metadata(lines, container_outlet=container_outlet, container_author=container_author)
    assert (found.outlet, found.author) == (outlet, author)


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("联系电话:13812345678", "13812345678"),
        ("请致电:010-84648459。", "010-84648459"),
        ("邮箱:someone@example.com", "someone@example.com"),
        ("见 https://example.com/a?b=1 详情", "https://example.com/a?b=1"),
        ("WhatsApp%E3%80%90+86%20158", "WhatsApp%E3%80%90+86%20158"),
        ("商家开通后补贴运费。免费领取500元红包加V：tm88990 数据显示", "免费领取500元红包加V：tm88990"),
        ("办理各类证件 加微信 sz88888", "微信 sz88888"),
        ("咨询VX: abc_123456", "VX: abc_123456"),
    ],
)
def test_spam_cut_table(line: str, cut: str) -> None:
    assert any(line[s:e] == cut or cut in line[s:e] for s, e, _ in spam_cuts(line))


@pytest.mark.parametrize("line", ["拦截了超300万件劣质商品", "满意度提升7.6%", "2022年共拦截17.4万个风险商家", "减少15.3%",
                                  "平台向用户发放500元红包", "微信视频号Channels上线", "开通VIP会员", "加V认证博主"])
def test_figures_are_not_spam(line: str) -> None:
    assert spam_cuts(line) == []


def test_scramble_needs_a_copied_pattern() -> None:
    """A real paragraph with rare words is untouched; the same junk copied into two lines is cut."""
    real = SEED_LINES[next(n for n in SEED_LINES if n.startswith("004"))]
    assert all(c == [] or all(r != "scrambled" for *_, r in c) for c in line_cuts(real))
    junky = SEED_LINES[next(n for n in SEED_LINES if n.startswith("001"))]
    cuts = line_cuts(junky)
    assert sum(1 for c in cuts if any(r == "scrambled" for *_, r in c)) == 2


SPOKESPERSON = [
    "闲鱼安全负责人尹嘉树表示，平台一直把“引导站外交易”作为反诈重点。今年以来，闲鱼识别并处置涉诈账号46万个，向公安机关移交涉诈线索2300余条。",
    "尹嘉树介绍，当用户收到站外联系方式时，平台会触发风险提醒，涉诈举报量同比下降34%。",
    "“官方客服只会在App内与用户联系。”尹嘉树说，平台对涉诈账号永久封禁。",
    "尹嘉树表示，闲鱼已与多地公安机关建立协作机制，对涉诈线索实行“发现即移交”，“反诈是一场持续的攻防战”。",
]


def test_words_the_article_keeps_using_are_no_copied_junk() -> None:
    """Paragraphs of one answer sharing a spokesperson's name and two words missing from jieba's dictionary (尹嘉树, 涉诈,
    反诈): the name and 涉诈 recur in every paragraph, so they are the article's words, and nothing is cut."""
    assert all(all(r != "scrambled" for *_, r in c) for c in line_cuts(SPOKESPERSON))


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("平台已拦截劣质商品56万件。", True),
        ("中国将推出个人养老金制度", False),
        ("持续改善经营环境,激发商家活力", False),
        ("抖音电商发布在商品治理、", True),
        ("“严”字当头全面担责!最高法发布长江保护法实施意见", False),
    ],
)
def test_is_prose_table(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


def test_topic_scores_separate_injected_paragraphs() -> None:
    lines = [ln.strip() for ln in SEED_LINES[next(n for n in SEED_LINES if n.startswith("002"))] if len(ln.strip()) > 50]
    scores = topic_scores(lines, "服务精耕细作,勾勒好用户体验的原点")
    crocodile = next(i for i, ln in enumerate(lines) if "鳄鱼" in ln)
    service = next(i for i, ln in enumerate(lines) if "200万次" in ln)
    assert scores[crocodile][0] < scores[service][0]
    assert scores[service][1] and not scores[crocodile][1]


def _seed_lines(seed: str) -> list[str]:
    return SEED_LINES[next(n for n in SEED_LINES if n.startswith(seed))]


def _paragraph(seed: str, needle: str) -> str:
    return next(ln.strip() for ln in _seed_lines(seed) if needle in ln)


@pytest.mark.parametrize(("seed", "later"), [("000", "商家如有大量不回复"), ("003", "别小瞧我们迈出的一小步"),
                                             ("004", "针对已受伤用户")])
def test_a_short_article_keeps_a_paragraph_on_a_new_subtopic_and_drops_injected_ones(seed: str, later: str) -> None:
    """A short article made of a seed page's real paragraphs (its first three body paragraphs and a later
    one sharing few words with them, under the page's title), with two paragraphs injected into seed 002."""
    page = "\n".join(_seed_lines(seed))
    whole = clean(RawDocument(source="page.txt", text=page))
    body = [page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body"]
    body = [p for p in body if len(p) > 40 and len(sentence_bounds(p)) >= 2][:3]
    injected = [_paragraph("002", "鳄鱼数量"), _paragraph("002", "南京市发布")]
    text = "\n\n".join([*body, injected[0], _paragraph(seed, later), injected[1]])
    article = clean(RawDocument(source="t.txt", text=text, title=whole.meta.title))
    kept = "\n".join(s.text for s in article.sentences)
    assert later in kept and all(p[:20] in kept for p in body)
    untitled = clean(RawDocument(source="t.txt", text=text))  # anchors are then only the commonest words
    for paragraph in injected:
        for a in (article, untitled):
            assert paragraph[:20] not in "\n".join(s.text for s in a.sentences)
            assert any(d.reason == "off-topic" and text[d.start:d.end].strip() == paragraph for d in a.dropped())


@pytest.mark.parametrize("own", [
    "另一项“减负”来自运费险。天猫同步宣布，运费险平均费率下调超20%，并对退货率较高的中小商家给予运费补贴。",
    "这是我觉得最实用的一条。天猫推出了“报价保护”，最终成交价不能低于线上估价。据天猫披露，该规则试行以来相关投诉同比下降34%。",
])
def test_a_paragraph_naming_the_titles_platform_and_the_trade_is_the_articles(own: str) -> None:
    """A paragraph in words of its own that names the title's platform (天猫) and no other, with the trade's
    words or those of its dealings with users, after seed 003's first three body paragraphs: kept, however
    few words it shares with them."""
    page = "\n".join(_seed_lines("003"))
    whole = clean(RawDocument(source="page.txt", text=page))
    body = [page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body"]
    body = [p for p in body if len(p) > 40][:3]
    article = clean(RawDocument(source="t.txt", text="\n\n".join([*body, own]), title=whole.meta.title))
    assert own[:10] in "\n".join(s.text for s in article.sentences)


@pytest.mark.parametrize(("pattern", "text", "other"), [
    (OTHER_NEWS_RE, "又讯　近日，杭州市公安局西湖分局破获一起冒充客服实施退款诈骗的案件。", True),
    (OTHER_NEWS_RE, "另讯,9月2日,区市场监管局开展检查。", True),
    (OTHER_NEWS_RE, "又讯息传来，平台将继续优化。", False),
    (OTHER_NEWS_RE, "另据了解，平台将继续优化。", False),
    # an authority's news: off topic only when not the body's first paragraph and naming nothing of the trade
    (AUTHORITY_NEWS_RE, "市房管局消息，今年一季度全市二手房“带押过户”累计办理1.5万件。", True),
    (AUTHORITY_NEWS_RE, "据市气象台消息，明天全市有中到大雨。", True),
    (AUTHORITY_NEWS_RE, "新华社消息，市场监管总局发布新规。", False),
    (AUTHORITY_NEWS_RE, "有消息称，平台将上线新功能。", False),
])
def test_other_news_opening_table(pattern: re.Pattern[str], text: str, other: bool) -> None:
    """Openings of another news item (另讯, 又讯 followed by a space or a comma, 另据…消息; …局消息，)."""
    assert bool(pattern.match(text)) is other


@pytest.mark.parametrize(
    ("text", "trade"),
    [
        ("平台拦截劣质商品超300万件。", True),
        ("商品卡免佣政策惠及更多商家。", True),
        # housing: 商品住宅, 商品房
        ("1月市区新建商品住宅成交4127套,环比下降18.3%。", False),
        ("全市商品房销售面积同比下降5%。", False),
    ],
)
def test_trade_terms_table(text: str, trade: bool) -> None:
    """The words that make a short article's paragraph one on the trade (its leniency in the topic judgement)."""
    assert bool(TRADE_TERMS.search(text)) is trade


ANSWER = ("方婧:我们鼓励商家提供超出法定的保障。目前平台上提供“假一赔四”保障的商家占比已提升至三成。"
          "对买手和主播,我们也要求选品透明,买手直播间的退货率比平台均值低13个百分点。")
COMMENT = "北京工商大学电商与物流学院教授许志衡认为,平台主动披露治理数据是一种积极姿态,但更重要的是形成可验证、可比较的指标体系。"
FIRST_POINT = "记者梳理发现,此次修订主要涉及两方面。一是提高延迟发货的违约成本,商家未按时发货的,平台将向消费者赔付。"
SECOND_POINT = "二是严查虚假物流单号。对于上传无效单号、“空包”等行为,每次扣12分,情节严重的将被清退。"


def _with_injected(own: list[str]) -> tuple[str, str, list[str]]:
    """Seed 000's first four body paragraphs, then ``own`` between two paragraphs injected into seed
    002 (the page's title; the text; the injected paragraphs)."""
    page = "\n".join(_seed_lines("000"))
    whole = clean(RawDocument(source="page.txt", text=page))
    body = [page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body"]
    injected = [_paragraph("002", "鳄鱼数量"), _paragraph("002", "南京市发布")]
    return whole.meta.title or "", "\n\n".join([*body[:4], injected[0], *own, injected[1]]), injected


def _kept(text: str, title: str) -> str:
    return "\n".join(s.text for s in clean(RawDocument(source="t.txt", text=text, title=title)).sentences)


@pytest.mark.parametrize("own", [ANSWER, COMMENT])
def test_a_paragraph_in_the_articles_own_words_is_kept_and_injected_ones_are_not(own: str) -> None:
    """An interview answer or an expert's comment in words of their own (few recur in the page, but
    商家, 主播, 平台 and 电商 do), among two paragraphs injected into seed 002 (no such word)."""
    title, text, injected = _with_injected([own])
    kept = _kept(text, title)
    assert own[:12] in kept
    assert not any(p[:12] in kept for p in injected)


def test_a_news_tickers_page_keeps_the_item_on_the_trade_and_takes_its_headline() -> None:
    """A 7x24 ticker's page under a menu of bar-separated channels: items open with a headline in 【】; the one on a
    platform (a body paragraph of seed 000) is the article, the injected paragraph of seed 002 is an item of other news."""
    page = "\n".join(_seed_lines("000"))
    whole = clean(RawDocument(source="page.txt", text=page))
    first = next(page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body")
    platform_item = "【抖音电商发布消费者体验报告 拦截劣质商品超300万件】" + first
    other_item = "【多地发布野生动物出没提示】" + _paragraph("002", "鳄鱼数量")
    page = "\n".join([
        "某某财经 APP  电报 | 看盘 | 公司 | 深度 | 会员", "首页 > 电报", "2024-05-20 星期一",
        "14:40", other_item, "阅 3.1W", "14:37", platform_item, "阅 8.6W",
    ])
    article = clean(RawDocument(source="ticker.txt", text=page))
    kept = "\n".join(s.text for s in article.sentences)
    assert article.meta.title == "抖音电商发布消费者体验报告 拦截劣质商品超300万件"
    assert "鳄鱼" not in kept and first[:12] in kept


def test_a_flash_news_page_of_time_stamped_items_keeps_the_item_on_the_trade() -> None:
    """Items each under a time of day and a headline (36氪's 7x24 page): the one on a platform (a body paragraph of
    seed 000) is the article and gives the title; items of other news (seed 002's injected paragraph, a market
    report) are off topic."""
    page = "\n".join(_seed_lines("000"))
    whole = clean(RawDocument(source="page.txt", text=page))
    first = next(page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body")
    page = "\n".join([
        "36氪 | 让一部分人先看到未来", "36氪 > 快讯", "7x24小时快讯", "2024年5月20日 星期一",
        "11:25", "多地发布野生动物出没提示", _paragraph("002", "鳄鱼数量"), "原文链接　分享",
        "11:14", "抖音电商发布消费者体验报告 拦截劣质商品超300万件", first, "原文链接　分享",
        "10:48", "港股开盘：恒生指数高开0.62%", "36氪获悉，港股开盘，恒生指数高开0.62%，恒生科技指数涨0.9%。", "原文链接　分享",
    ])
    article = clean(RawDocument(source="flash.txt", text=page))
    kept = "\n".join(s.text for s in article.sentences)
    assert article.meta.title == "抖音电商发布消费者体验报告 拦截劣质商品超300万件"
    assert "鳄鱼" not in kept and "恒生" not in kept and first[:12] in kept


def test_the_next_point_of_an_enumeration_is_kept() -> None:
    """二是… after a paragraph holding 一是…, in words of its own (no governance word at all)."""
    title, text, injected = _with_injected([FIRST_POINT, SECOND_POINT])
    kept = _kept(text, title)
    assert FIRST_POINT[:8] in kept and SECOND_POINT[:8] in kept
    assert not any(p[:12] in kept for p in injected)
    title, text, _ = _with_injected([SECOND_POINT])  # no 一是 before it: judged by its words
    assert SECOND_POINT[:8] not in _kept(text, title)


FOURTH_ITEM = "4. 平台对商家的管理更严了。消费者下单之前要看看商家的服务评分和历史评价,遇到问题及时联系平台客服。"
FIFTH_ITEM = "5. 实在谈不拢,可以打12315找有关部门,或者走消协投诉。我那次就是说了要投诉,客服态度才明显变了。"


def test_the_next_item_of_a_numbered_list_is_kept() -> None:
    """5. … after a kept paragraph opening with 4., in words of its own; alone, it is judged by its words."""
    title, text, injected = _with_injected([FOURTH_ITEM, FIFTH_ITEM])
    kept = _kept(text, title)
    assert FOURTH_ITEM[:8] in kept and FIFTH_ITEM[:8] in kept
    assert not any(p[:12] in kept for p in injected)
    title, text, _ = _with_injected([FIFTH_ITEM])
    assert FIFTH_ITEM[:8] not in _kept(text, title)


def test_a_qa_sites_question_is_the_title_and_its_answers_date_line_dates_it() -> None:
    """知乎: the question above its buttons (关注问题  写回答 …) is the title; the answer's 发布于 line with the
    poster's region (发布于 2025-06-03 21:47・IP 属地广东) dates it."""
    body = ["谢邀。上个月在闲鱼花4,350元买了一台二手手机，为了保险我选了验货宝，验货费39元，卖家先把手机寄到验机中心。"] * 12
    lines = ["知乎", "首页  会员  发现  等你来答", "二手交易  闲鱼  iPhone  消费维权",
             "在闲鱼买二手手机用了“验货宝”还被坑，平台到底管不管？", "关注问题  写回答  邀请回答  好问题 218  添加评论  分享",
             "关注者 1,372  被浏览 1,286,403", "数码老炮儿阿杰", "手机维修从业8年，专注二手机鉴别", "472 人赞同了该回答",
             *body, "发布于 2025-06-03 21:47・IP 属地广东", "赞同 3.1 万  评论 1,024  分享  收藏  喜欢"]
    found = find_metadata(lines, body_start=9)
    assert (found.title, found.published) == ("在闲鱼买二手手机用了“验货宝”还被坑，平台到底管不管？", "2025-06-03")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("甲说。乙说!丙说?", ["甲说。", "乙说!", "丙说?"]),
        ("“好体验能创造核心竞争力”。下一句。", ["“好体验能创造核心竞争力”。", "下一句。"]),
        ("他说:“目前正在控制。不过数量多。”记者说。", ["他说:“目前正在控制。不过数量多。”", "记者说。"]),
        ("第一行\n第二行。", ["第一行", "第二行。"]),
        ("未闭合“引号。第二句。", ["未闭合“引号。", "第二句。"]),
        ("a;b;", ["a;", "b;"]),
    ],
)
def test_sentence_bounds_table(text: str, parts: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_bounds(text)] == parts


# ---------------------------------------------------------------- properties

pages = st.sampled_from(sorted(SEED_LINES))


@st.composite
def seed_documents(draw) -> str:
    """A real page with some of its lines left out (order kept)."""
    lines = SEED_LINES[draw(pages)]
    keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    chosen = [ln for ln, k in zip(lines, keep) if k]
    return "\n".join(chosen if len(chosen) > 2 else lines)


@settings(max_examples=40, deadline=None)
@given(seed_documents())
def test_cleaning_the_kept_paragraphs_again_adds_nothing(text: str) -> None:
    # The cleaner judges a line in its context (title, lead, other lines), so once noise is gone
    # a second pass may drop more; it must never bring back or invent text. The kept spans go
    # in one per line: kept_text (a sentence per line, for display) is not a page layout.
    first = clean(RawDocument(source="t.txt", text=text))
    kept = "\n".join(text[d.start:d.end] for d in first.decisions if d.kept)
    again = clean(RawDocument(source="t.txt", text=kept))
    assert {s.text for s in again.sentences} <= {s.text for s in first.sentences}


@settings(max_examples=40, deadline=None)
@given(seed_documents())
def test_sentences_are_exact_slices_with_aligned_norm(text: str) -> None:
    article = clean(RawDocument(source="t.txt", text=text))
    assert article.original == text
    for s in article.sentences:
        assert s.text == text[s.start : s.end]
        assert len(s.norm) == len(s.norm_offsets)
        assert all(a < b for a, b in zip(s.norm_offsets, s.norm_offsets[1:]))
        for ch, o in zip(s.norm, s.norm_offsets):
            assert s.start <= o < s.end
            assert ch == text[o] or ch == fold_width(text[o]) or ch == to_simplified(text[o]) or len(to_simplified(text[o])) == 1
        if s.norm:
            a, b = s.to_original(0, len(s.norm))
            assert s.start <= a < b <= s.end


@settings(max_examples=40, deadline=None)
@given(seed_documents())
def test_clean_is_deterministic_and_covers_lines(text: str) -> None:
    a = clean(RawDocument(source="t.txt", text=text))
    b = clean(RawDocument(source="t.txt", text=text))
    assert a.decisions == b.decisions and a.sentences == b.sentences
    spans = [(d.start, d.end) for d in a.decisions]
    for line in split_lines(text):
        assert any(s < line.end and e > line.start for s, e in spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["京东上线价保服务。", "  ", "\u3000", " ", "\n", "相关新闻", "a" * 90, "\t\t"]), max_size=40))
def test_split_lines_gives_stripped_ordered_spans_of_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    lines = split_lines(text)
    blank = " \t\u3000\n"
    assert all(ln.text and ln.text == text[ln.start:ln.end] and ln.text[0] not in blank and ln.text[-1] not in blank
               and "\n" not in ln.text for ln in lines)
    assert all(a.end < b.start for a, b in zip(lines, lines[1:]))
    covered = {i for ln in lines for i in range(ln.start, ln.end)}
    assert all(i in covered for i, ch in enumerate(text) if ch not in blank)
    # a line is split only when it is long, and then at every run of two spaces or more
    for ln in lines:
        if re.search("[ \t\u3000]{2,}", ln.text):
            whole = text[text.rfind("\n", 0, ln.start) + 1:].split("\n", 1)[0].strip(blank)
            assert whole == ln.text and len(whole) < 200


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_clean_never_crashes_on_any_text(text: str) -> None:
    article = clean(RawDocument(source="t.txt", text=text))
    for s in article.sentences:
        assert s.text == text[s.start : s.end]


def test_unmarked_headline_list_with_questions_dropped() -> None:
    """Real related-reading headlines, stripped of their list markers, appended to a real article."""
    page000 = SEED_LINES[next(n for n in SEED_LINES if n.startswith("000"))]
    article_lines = page000[:25]
    headlines = [ln.split(")", 1)[1] for ln in page000 if ln.startswith("- (")][1:]
    text = "\n".join(article_lines + [""] + headlines)
    article = clean(RawDocument(source="t.txt", text=text))
    kept = "\n".join(s.text for s in article.sentences)
    assert "拦截了超300万件劣质商品" in kept
    for h in headlines:
        assert h not in kept, h
    assert "农村养老保险20岁可以交吗" not in kept


@pytest.mark.parametrize("credit", ["作者：吴静", "来源：大河报", "文/记者 张三"])
def test_a_credit_ending_a_page_of_short_paragraphs_leaves_them_body(credit: str) -> None:
    """A flash report of short paragraphs (none long enough to mark where the body starts) with a
    credit or source line after its last sentence: the sentences stay body, the credit is metadata."""
    body = ["快手电商今年以来处置违规直播间超2万个。", "快手电商负责人王欣表示，将持续打击虚假宣传。", "快手还上线了“退款不退货”服务。"]
    article = clean(RawDocument(source="t.txt", text="\n".join(["快手处置违规直播间", "2025-03-01 10:00", *body, credit])))
    assert [s.text for s in article.sentences] == body


@pytest.mark.parametrize("about", [("关于京东物流", "京东物流（股票代码：2618.HK）是中国领先的供应链解决方案及物流服务商。截至2024年底，京东物流运营超过1600个仓库。"),
                                   ("关于快手", "快手是中国领先的内容社区和社交平台。截至2024年6月，快手应用平均日活跃用户数超过3.9亿。")])
def test_a_press_releases_about_the_company_section_is_boilerplate(about: tuple[str, str]) -> None:
    """A release's 关于… section, and all after it (媒体垂询 …), describes the company: no part of the news."""
    body = ["快手电商今日宣布全面升级商家服务，自3月10日起为中小商家减免保证金，首批覆盖超过10万家商家，平台将持续优化经营环境。",
            "快手电商负责人表示，平台将继续降低商家经营成本，让更多中小商家安心经营，同时保障消费者的购物体验。"]
    text = "\n".join(["快手电商升级商家服务", "2025-03-06 10:00 来源：美通社", *body, *about, "媒体垂询：", "快手公共关系部  张晓"])
    kept = [s.text for s in clean(RawDocument(source="t.txt", text=text)).sentences]
    assert not any("截至" in s or "张晓" in s for s in kept)
    assert any("10万家商家" in s for s in kept)


TABLE = ["类目                    调整前费率    调整后费率", "餐饮（正餐、快餐小吃）    2.5%          1.5%",
         "饮品、甜品烘焙            2.5%          1.8%", "休闲娱乐\t4.0%\t3.0%"]
TABLE_BODY = ["3月17日，抖音生活服务宣布，自2025年4月1日起下调团购业务部分类目的技术服务费率，本次调整覆盖餐饮、饮品甜品、休闲娱乐三大类目。",
              "除下调费率外，抖音生活服务还推出“小店扶持计划”，新入驻商家前90天免收技术服务费，平台提供免费代运营培训，帮助中小商家经营。"]


@pytest.mark.parametrize(("intro", "kept"), [("调整前后费率对比如下：", True), ("调整前后的费率对比如下。", True),
                                             ("本次调整覆盖三大类目。", False)])
def test_a_text_table_is_kept_where_a_paragraph_introduces_it(intro: str, kept: bool) -> None:
    """A flattened HTML table (cells apart by tabs or runs of spaces) under a paragraph that introduces
    it is the article's; the same lines anywhere else are left to the other rules (short lines, lists)."""
    text = "\n".join(["抖音生活服务下调团购技术服务费", "2025-03-18 09:12 来源：每日经济新闻", TABLE_BODY[0], intro, *TABLE, TABLE_BODY[1]])
    sentences = [s.text for s in clean(RawDocument(source="t.txt", text=text)).sentences]
    assert all((row in sentences) == kept for row in TABLE)
    assert TABLE_BODY[1] in sentences


DRAWN_TABLE = ["| 指标 | 2025年一季度 | 2024年一季度 | 同比 |", "| --- | --- | --- | --- |",
               "| 服务费减免（亿元） | 12.6 | 8.1 | +55.6% |", "| 新入驻商家（万家） | 31 | 22 | +40.9% |"]


def test_a_table_drawn_with_bars_is_kept_under_any_body_paragraph() -> None:
    """A table drawn with bars whose header a rule line underlines is a table whatever the paragraph above it
    ends with; its rows are read with their columns."""
    text = "\n".join(["抖音生活服务下调团购技术服务费", "2025-03-18 09:12 来源：每日经济新闻", TABLE_BODY[0],
                      "抖音生活服务提供的数据显示，商家经营成本明显下降。", *DRAWN_TABLE, TABLE_BODY[1]])
    article = clean(RawDocument(source="t.txt", text=text))
    sentences = [s.text for s in article.sentences]
    assert all(row in sentences for row in DRAWN_TABLE if "---" not in row)
    figures = {(f.value, f.unit, f.period) for f in extract(article) if isinstance(f, ObservationFact)}
    assert {(1260000000, "元", "2025年一季度"), (310000, "家", "2025年一季度")} <= figures


def _hard_wrapped(text: str) -> str:
    """The page with each long paragraph broken into lines after every comma (a paragraph's <br>s)."""
    out = []
    for line in text.split("\n"):
        wrap = len(line) >= 60 and line.rstrip().endswith(("。", "”"))
        out.extend(re.sub("([,，])", "\\1\n", line).split("\n") if wrap else [line])
    return "\n".join(out)


@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_a_page_whose_paragraphs_are_broken_into_lines_gives_the_same_facts(name: str) -> None:
    """The lines of a paragraph broken after its commas are judged as one paragraph: the seed pages
    so broken give the figures and people they give whole (and none of their noise)."""
    def facts(text: str) -> tuple[set[tuple[str, str]], set[str]]:
        found = extract(clean(RawDocument(source=name, text=text)))
        return ({(str(f.value), f.unit) for f in found if isinstance(f, ObservationFact)},
                {f.name for f in found if isinstance(f, PersonFact)})

    text = "\n".join(SEED_LINES[name])
    assert _hard_wrapped(text).count("\n") > text.count("\n") + 10
    assert facts(_hard_wrapped(text)) == facts(text)


def _wrapped_at(text: str, width: int) -> str:
    """The page with each paragraph of two lines' width or more broken every ``width`` chars, in the middle of words
    (a plain-text dump of a page set in a fixed width)."""
    out = []
    for line in text.split("\n"):
        out.extend([line[i:i + width] for i in range(0, len(line), width)] if len(line) >= 2 * width else [line])
    return "\n".join(out)


@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_a_page_hard_wrapped_at_a_fixed_width_gives_the_same_facts(name: str) -> None:
    """Paragraphs broken every 30 chars, in the middle of words and figures (1.2万 / 个), are joined again: the seed
    pages so wrapped give the figures and people they give whole."""
    def facts(text: str) -> tuple[set[tuple[str, str]], set[str]]:
        found = extract(clean(RawDocument(source=name, text=text)))
        return ({(str(f.value), f.unit) for f in found if isinstance(f, ObservationFact)},
                {f.name for f in found if isinstance(f, PersonFact)})

    text = "\n".join(SEED_LINES[name])
    assert _wrapped_at(text, 30).count("\n") > text.count("\n") + 10
    assert facts(_wrapped_at(text, 30)) == facts(text)


MERCHANT_PAGE = [
    "快手电商10亿元现金补贴扶持产业带", "2024-08-09 10:00 来源：澎湃新闻",
    "8月8日，2024快手电商产业带商家大会在山东临沂举行。会上，快手电商宣布升级“源头好货”产业带扶持计划，并拿出专项流量扶持产业带商家。",
    "快手电商产业带运营负责人蒋立文介绍，目前快手电商已覆盖全国超过200个产业带，过去一年新入驻的产业带商家超过12万家。",
    "“产业带商家的优势是源头供给和价格，短板是内容和运营能力。平台要做的，是把这些短板补上。”蒋立文说。",
    "在分销环节，快手电商通过“好物联盟”连接产业带商家与达人。蒋立文透露，过去一年，好物联盟达人分销GMV同比增长83%。",
    "记者注意到，不少产业带商家是老板亲自上阵当主播。针对这一情况，快手电商推出“产业带主播训练营”，为商家主播提供培训。",
    "对消费者而言，源头直供意味着更短的链路和更低的价格。蒋立文表示，平台将同步强化对产业带商品的品控抽检。",
]


@pytest.mark.parametrize(("paragraph", "kept"), [
    # a merchant's story naming the programme the article quotes: the article's
    ("山东澜悦服饰有限公司总经理刘晓楠告诉澎湃新闻，公司两年前开始做直播，去年通过好物联盟与200多位达人合作。“以前我们只会批发，现在自己也能卖货了。”", True),
    # the same words without the programme, or naming another platform: left off-topic
    ("山东澜悦服饰有限公司总经理刘晓楠告诉澎湃新闻，公司两年前开始做直播，去年与200多位达人合作。“以前我们只会批发，现在自己也能卖货了。”", False),
    ("淘宝直播负责人程道放告诉澎湃新闻，淘宝直播今年也将接入好物联盟类的分销工具，与200多位达人签约。“以前我们只做品牌，现在也做源头。”", False),
])
def test_an_off_topic_paragraph_naming_a_programme_the_article_quotes_is_kept(paragraph: str, kept: bool) -> None:
    text = "\n".join([*MERCHANT_PAGE[:6], paragraph, *MERCHANT_PAGE[6:]])
    sentences = [s.text for s in clean(RawDocument(source="t.txt", text=text)).sentences]
    assert any("刘晓楠" in s or "程道放" in s for s in sentences) == kept
    assert any("蒋立文透露" in s for s in sentences)


def test_a_paragraph_with_a_scrambled_copy_glued_after_its_last_sentence_is_kept() -> None:
    """A seed paragraph, its last sentence ended, then a scrambled copy of its words with no ending:
    still a paragraph (its sentences kept), not a short unended line."""
    name = next(n for n in SEED_LINES if n.startswith("000"))
    lines = list(SEED_LINES[name])
    i, sentence = next((k, part + "。") for k, line in enumerate(lines) for part in line.split("。")
                       if len(part) >= 40 and "个新商品品类" in part)
    lines[i] = sentence + "平台商品拓展超品类劣质拦截万件新"
    kept = [s.text for s in clean(RawDocument(source=name, text="\n".join(lines))).sentences]
    assert sentence in kept


def test_a_lone_stray_sentence_inside_the_body_is_off_topic() -> None:
    """The first sentences of two paragraphs injected into seed 002 (crocodiles, a housing policy),
    each set alone between seed 004's body paragraphs; the page's own lone sentences stay."""
    page = _seed_lines("004")
    strays = [sentence_bounds(_paragraph("002", needle)) for needle in ("鳄鱼数量", "南京市发布")]
    strays = [_paragraph("002", needle)[s:e] for needle, ((s, e), *_) in zip(("鳄鱼数量", "南京市发布"), strays)]
    at = [i for i, ln in enumerate(page) if len(ln) > 60][3:5]
    mixed = page[:at[0]] + [strays[0]] + page[at[0]:at[1]] + [strays[1]] + page[at[1]:]
    article = clean(RawDocument(source="t.txt", text="\n".join(mixed)))
    original = clean(RawDocument(source="t.txt", text="\n".join(page)))
    assert [s.text for s in article.sentences] == [s.text for s in original.sentences]
    dropped = {article.original[d.start:d.end].strip(): d.reason for d in article.dropped()}
    assert all(dropped.get(stray.strip()) == "off-topic" for stray in strays)


def test_a_lone_stray_sentence_sharing_a_title_term_is_off_topic() -> None:
    """A market comment that shares the title's 消费 (an anchor term) and little else, set alone between
    seed 004's body paragraphs, is dropped; the page's own sentences stay."""
    page = _seed_lines("004")
    stray = "某证券策略分析师认为,随着年末重要会议临近,市场对增量政策的预期升温,短期A股有望维持震荡偏强格局,建议关注消费电子和高股息板块。"
    at = [i for i, ln in enumerate(page) if len(ln) > 60][3]
    article = clean(RawDocument(source="t.txt", text="\n".join(page[:at] + [stray] + page[at:])))
    original = clean(RawDocument(source="t.txt", text="\n".join(page)))
    assert "消费" in original.meta.title
    assert [s.text for s in article.sentences] == [s.text for s in original.sentences]
    dropped = {article.original[d.start:d.end].strip(): d.reason for d in article.dropped()}
    assert dropped.get(stray) == "off-topic"


@pytest.mark.parametrize(("line", "dropped"), [
    # another bureau's or ministry's news, in none of the trade's words: off topic by a paragraph's bar
    ("国家统计局相关负责人介绍,今年全国夏粮总产量2995.6亿斤,比上年增加72.5亿斤,增长2.5%。", True),
    ("市卫健委负责人表示,今年以来全市持续扩大家庭医生签约服务范围,目前已惠及约12万人。", True),
    # a lone sentence of the trade's own facts stays, however few of its words recur
    ("其中,美妆类目退货率下降12%。", False),
    ("其中,生鲜订单的售后响应时间缩短至2小时。", False),
])
def test_a_lone_sentence_outside_the_trade_is_judged_as_a_paragraph(line: str, dropped: bool) -> None:
    page = _seed_lines("004")
    at = [i for i, ln in enumerate(page) if len(ln) > 60][3]
    article = clean(RawDocument(source="t.txt", text="\n".join(page[:at] + [line] + page[at:])))
    original = clean(RawDocument(source="t.txt", text="\n".join(page)))
    kept = [s.text for s in article.sentences]
    assert [t for t in kept if t != line] == [s.text for s in original.sentences]
    assert (line not in kept) == dropped


@pytest.mark.parametrize("item", [
    "另讯,京东物流3日宣布,平台将在全国新增500个配送站点,商家发货时效提升20%。",
    "另据杭州市商务局消息,当地平台商家上半年网络零售额增长12.5%,消费者投诉下降8%。",
    "此外,据海报新闻消息,上海市体育局副局长赵光明介绍,全市平台将举办群众体育赛事超过5000场,商家可通过“来沪动”报名。",
    "市房管局消息,今年以来全市二手房“带押过户”累计办理1.5万件,平均办理时长已压缩至1个工作日。",
])
def test_a_paragraph_opening_another_news_item_is_off_topic(item: str) -> None:
    """Another item set into seed 004's body after 另讯 or 另据…消息, in the corpus's own words: dropped; the
    page's own sentences stay."""
    page = _seed_lines("004")
    at = [i for i, ln in enumerate(page) if len(ln) > 60][3]
    article = clean(RawDocument(source="t.txt", text="\n".join(page[:at] + [item] + page[at:])))
    original = clean(RawDocument(source="t.txt", text="\n".join(page)))
    assert [s.text for s in article.sentences] == [s.text for s in original.sentences]
    dropped = {article.original[d.start:d.end].strip(): d.reason for d in article.dropped()}
    assert dropped.get(item) == "off-topic"


def test_a_lone_sentence_in_the_corpus_vocabulary_is_not_a_stray() -> None:
    """A short article of seed 004's first multi-sentence body paragraphs, a real sentence of seed 001
    (as cleaned) naming 商家 set alone, which shares too few of their words to pass the recurrence score, and the two
    strays of seed 002: the line stays, the strays do not."""
    page = "\n".join(_seed_lines("004"))
    whole = clean(RawDocument(source="p.txt", text=page))
    body = [page[d.start:d.end].strip() for d in whole.decisions if d.kept and d.reason == "body"]
    body = [p for p in body if len(sentence_bounds(p)) >= 2][:4]
    seed = clean(RawDocument(source="p.txt", text="\n".join(_seed_lines("001"))))
    line = next(s.text for s in seed.sentences if s.text.startswith("同时通过九大扶商政策累计为商家减负"))
    strays = [_paragraph("002", needle) for needle in ("鳄鱼数量", "南京市发布")]
    strays = [p[s:e] for p, ((s, e), *_) in zip(strays, map(sentence_bounds, strays))]
    parts = [*body[:2], strays[0], line, *body[2:], strays[1]]
    article = clean(RawDocument(source="t.txt", text="\n\n".join(parts), title=whole.meta.title))
    score, anchored = topic_scores(parts, article.meta.title)[parts.index(line)]
    assert score < 0.3 and not anchored  # a stray by the score alone
    kept = [s.text for s in article.sentences]
    assert line in kept
    assert not any(stray[:20] in "".join(kept) for stray in strays)
    # the rest is judged as without the line
    parts.remove(line)
    without = clean(RawDocument(source="t.txt", text="\n\n".join(parts), title=whole.meta.title))
    assert [s for s in kept if s != line] == [s.text for s in without.sentences]


def test_a_list_of_links_inside_the_article_ends_where_the_body_goes_on() -> None:
    """Seed 000's real "相关阅读" header and dated entries, moved between its body paragraphs."""
    page = _seed_lines("000")
    header = page.index("相关阅读")
    listing = page[header:header + 4]
    without = clean(RawDocument(source="t.txt", text="\n".join(page[:25])))
    article = clean(RawDocument(source="t.txt", text="\n".join(page[:14] + listing + page[14:25])))
    kept = "\n".join(s.text for s in article.sentences)
    assert kept == "\n".join(s.text for s in without.sentences)  # what follows the list is kept as without it
    assert len(without.sentences) > len([s for s in without.sentences if s.start < len("\n".join(page[:14]))]) + 5
    assert not any(entry[13:33] in kept for entry in listing[1:])
    # at the page's end the same list still runs to the end, whatever follows it
    tail = clean(RawDocument(source="t.txt", text="\n".join(page[:14] + listing + ["这一段在列表之后,不是正文的一部分,而是页面末尾的另一篇文章的摘要内容。" * 2])))
    assert "页面末尾" not in "\n".join(s.text for s in tail.sentences)


def test_a_list_of_links_inside_an_interview_ends_at_the_next_question() -> None:
    """Seed 000's real "相关阅读" header and dated entries, then an interviewer's short question and the
    rest of the body: the article goes on at the question, as without the list."""
    page = _seed_lines("000")
    header = page.index("相关阅读")
    listing = page[header:header + 4]
    question = "记者:平台下一步还有什么计划?"
    without = clean(RawDocument(source="t.txt", text="\n".join(page[:14] + [question] + page[14:25])))
    article = clean(RawDocument(source="t.txt", text="\n".join(page[:14] + listing + [question] + page[14:25])))
    assert [s.text for s in article.sentences] == [s.text for s in without.sentences]
    assert question in [s.text for s in article.sentences]


@pytest.mark.parametrize(("open_", "close"), [("(相关阅读:", ")"), ("【延伸阅读：", "】"), ("（相關閱讀：", "）")])
def test_a_related_reading_list_inside_a_line_is_cut(open_: str, close: str) -> None:
    """Seed 000's real related-reading headlines, joined with | in brackets at the end of one of its body
    lines: the line keeps its own text, and no figure of the headlines is read."""
    page = _seed_lines("000")
    headlines = [ln.split(")", 1)[1] for ln in page if ln.startswith("- (")][:2]
    at = [i for i, ln in enumerate(page) if len(ln) > 60][2]
    inline = f"{open_}{'|'.join(headlines)}{close}"
    joined = page[:at] + [page[at] + inline] + page[at + 1:]
    article = clean(RawDocument(source="t.txt", text="\n".join(joined)))
    original = clean(RawDocument(source="t.txt", text="\n".join(page)))
    assert [s.text for s in article.sentences] == [s.text for s in original.sentences]


def test_the_title_repeated_in_the_body_is_a_duplicate() -> None:
    page = _seed_lines("000")
    original = clean(RawDocument(source="t.txt", text="\n".join(page)))
    title = original.meta.title
    at = page.index("(文章来源:证券日报)")
    repeated = clean(RawDocument(source="t.txt", text="\n".join(page[:at] + [f"{title}。{title}。"] + page[at:])))
    assert [s.text for s in repeated.sentences] == [s.text for s in original.sentences]
    assert sum(d.reason == "duplicate" for d in repeated.dropped()) > sum(d.reason == "duplicate" for d in original.dropped())


def test_page_repeating_its_text_is_deduplicated() -> None:
    lines = SEED_LINES[next(n for n in SEED_LINES if n.startswith("004"))][:57]
    once = clean(RawDocument(source="t.txt", text="\n".join(lines)))
    twice = clean(RawDocument(source="t.txt", text="\n".join(lines + lines)))
    assert twice.kept_text == once.kept_text
    assert any(d.reason == "duplicate" for d in twice.dropped())


REPORT = [
    "中消协发布2024年全国消协组织受理投诉情况分析",
    "中国消费者协会近日发布2024年全国消协组织受理投诉情况分析。数据显示，2024年全国消协组织共受理消费者投诉167.2万件，同比增长26.6%。",
    "从投诉性质看，售后服务问题占27.5%，合同问题占20.3%，质量问题占19.8%。在远程购物领域，直播带货、预付式消费等问题较为突出。",
    "报告指出，部分电商平台存在规则被滥用、大数据杀熟、默认勾选自动续费等问题。针对这些问题，中消协建议平台完善规则，畅通消费者维权渠道。",
    "对此，京东方面回应称，将继续推行“价格保护”服务。今年以来，平台累计为消费者价保退款超过8亿元。",
]


def test_a_platform_replying_to_a_report_that_names_no_platform_is_kept() -> None:
    """An association's report (its words: 投诉, 消协…) and a platform's reply, which shares few of them."""
    from pgkg.ingest.extract import extract
    from pgkg.ingest.facts import ObservationFact

    reply = REPORT[-1]
    article = clean(RawDocument(source="t.txt", text="\n\n".join(REPORT)))
    assert reply[:20] in "".join(s.text for s in article.sentences)
    figures = [(f.value, f.platform) for f in extract(article) if isinstance(f, ObservationFact) and f.platform]
    assert figures == [(800000000, "jd")]
    # without the platform speaking it is judged as any paragraph; in an article naming a platform elsewhere too
    for text in ("\n\n".join([*REPORT[:-1], reply.replace("方面回应称", "")]),
                 "\n\n".join([*REPORT[:-2], REPORT[-2].replace("部分电商平台", "淘宝等平台"), reply])):
        kept = "".join(s.text for s in clean(RawDocument(source="t.txt", text=text)).sentences)
        assert "价保退款" not in kept
