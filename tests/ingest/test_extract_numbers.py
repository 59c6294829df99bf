"""The quantity grammar: tables of real and general figures, non-figures, property tests."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, strategies as st

from pgkg.ingest.numbers import (
    CASES,
    POINTS,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    UNITS,
    detect_change,
    find_quantities,
    fold_unit,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("超300万件", "3000000", "件", "over"),
        ("近4亿元", "400000000", "元", "approx"),
        ("13个百分点", "13", "百分点", "exact"),
        ("超过60万平方米", "600000", "平方米", "over"),
        ("3000亩", "3000", "亩", "exact"),
        ("5000万令吉", "50000000", "令吉", "exact"),
        ("1.2万亿印尼盾", "1200000000000", "印尼盾", "exact"),
        ("超165亿元", "16500000000", "元", "over"),
        ("超过65亿元", "6500000000", "元", "over"),
        ("17.4万个", "174000", "个", "exact"),
        ("达2516万次", "25160000", "次", "exact"),
        ("2万余条", "20000", "条", "over"),
        ("2000余个", "2000", "个", "over"),
        ("30余位", "30", "位", "over"),
        ("超90频次", "90", "频次", "over"),
        ("大于45%", "45", "%", "over"),
        ("高达92%", "92", "%", "exact"),
        ("近80%", "80", "%", "approx"),
        ("52％", "52", "%", "exact"),
        ("两个月", "2", "个月", "exact"),
        ("十余家", "10", "家", "over"),
        ("三千万元", "30000000", "元", "exact"),
        ("约1,200单", "1200", "单", "approx"),
        ("不足5%", "5", "%", "under"),
        ("100万元以上", "1000000", "元", "over"),
        ("20分钟左右", "20", "分钟", "approx"),
        ("0.0001%", "0.0001", "%", "exact"),
        ("10.92亿人", "1092000000", "人", "exact"),
        ("3个小时", "3", "小时", "exact"),
        ("7个工作日", "7", "工作日", "exact"),
        ("突破1000万单", "10000000", "单", "over"),
        ("30岁出头", None, None, None),
        ("20万元出头", "200000", "元", "over"),
        ("一年有余", None, None, None),
        ("三成", "30", "%", "exact"),
        ("近八成", "80", "%", "approx"),
        ("超7成", "70", "%", "over"),
        ("九成以上", "90", "%", "over"),
        ("一成", "10", "%", "exact"),
        ("一成不变", None, None, None),
        # classifiers of inspections, cases, questionnaires and sessions
        ("超过5万批次", "50000", "批次", "over"),
        ("1.2万宗", "12000", "宗", "exact"),
        ("120例", "120", "例", "exact"),
        ("3.6万份", "36000", "份", "exact"),
        ("300余场次", "300", "场次", "over"),
        ("3月份", None, None, None),
        # devices after a digit or a scale; not a department or a part
        ("逾3.5万部", "35000", "部", "over"),
        ("120部", "120", "部", "exact"),
        ("5部门", None, None, None),
        ("3部分", None, None, None),
        # a score after an Arabic digit; not a time of day, a word starting with 分, or 十分 (very)
        ("98.5分", "98.5", "分", "exact"),
        ("4.8分以上", "4.8", "分", "over"),
        ("10点30分", None, None, None),
        ("3分钟", "3", "分钟", "exact"),
        ("十分重要", None, None, None),
        ("3分享", None, None, None),
        ("12成", None, None, None),
        ("3万成", None, None, None),
        ("千余家", "1000", "家", "over"),
        ("百余名", "100", "名", "over"),
        ("万多件", "10000", "件", "over"),
        ("十余万元", "100000", "元", "over"),
        ("千余万元", "10000000", "元", "over"),
        ("3千余万元", "30000000", "元", "over"),
        ("3800余万元", "38000000", "元", "over"),
        ("20多万个", "200000", "个", "over"),
        ("两千余家", "2000", "家", "over"),
        ("千家", None, None, None),
        ("约5800起", "5800", "起", "approx"),
        ("十余起", "10", "起", "over"),
        ("2.3万起", "23000", "起", "exact"),
        ("近2000起", "2000", "起", "approx"),
        ("一起", None, None, None),
        ("三起", None, None, None),
        ("2024起", None, None, None),
        ("约有30万名", "300000", "名", "approx"),
        # a percentage in words; a + (and W before it) as web pages write 余 (and 万)
        ("百分之三十", "30", "%", "exact"),
        ("超过百分之九十五", "95", "%", "over"),
        ("百分之零点五", "0.5", "%", "exact"),
        ("百分之5以上", "5", "%", "over"),
        ("1.2万+件", "12000", "件", "over"),
        ("10W+次", "100000", "次", "over"),
        ("100+个", "100", "个", "over"),
        ("10W件", None, None, None),
    ],
)
def test_parse_quantity(text: str, value: str | None, unit: str | None, qualifier: str | None) -> None:
    q = parse_quantity(text)
    if value is None:
        assert q is None
        return
    assert q is not None
    assert (q.value, q.unit, q.qualifier) == (Decimal(value), unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "8月24日,抖音电商举办活动",
        "2023年全国消协组织",
        "根据第九条规定",
        "本次活动为年内第二场线下分享会",
        "请致电:010-84648459",
        "WhatsApp +86 15855158769",
        "联系QQ:976382653",
        "在场的数十家媒体",
        "WhatsApp%E3%80%90+86%2015855158769%E3%80%916056%20craner",
        "向外界公布了2015服务新的思考",
        "华为智能手机出货量达到了 482",
        "作为国内最大的B2C电商平台",
        # the upper end of a range has no figure of its own (nor has the lower end, without its unit)
        "配送时长延长10至20分钟",
        "透率提高了15~20个百分点",
        "每单补贴1-3元",
        # nor when both ends have their unit
        "退货率下降15%-20%",
        "5%~8%",
        "处置3万件至5万件",
        # a rough count, two neighbouring digits in a row
        "门口站着七八个骑手",
        "每周有两三天要加班",
        "附近三四家店都已入驻",
        "以前下单后等一两个星期才收到货是常事",
    ],
)
def test_non_figures_yield_nothing(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("sentence", "surface", "change"),
    [
        ("达人带货订单负反馈量减少52%。", "52%", "decrease"),
        ("验货服务覆盖品类由此前的手机、相机等扩至30个。", "30个", "increase"),
        ("服务城市扩展至300个。", "300个", "increase"),
        ("人工客服服务时间延长至全天24小时。", "24小时", "increase"),
        ("平台商家平均发货时长缩短10小时", "10小时", "decrease"),
        ("48小时内发货订单量增加14%", "14%", "increase"),
        ("因发货物流体验造成的求助量减少超50%", "超50%", "decrease"),
        ("专属客服团队增加超1000人", "超1000人", "increase"),
        ("针对美妆等商品,延长过敏险周期至90天", "90天", "increase"),
        ("高于同行业非“蟹无忧”商家13个百分点", "13个百分点", "increase"),
        ("提供信任购权益比不提供的店铺复购率高10%", "10%", "increase"),
        ("信任购商家数涨幅431%", "431%", "increase"),
        ("京东退货处理时长同比下降了约20%", "约20%", "decrease"),
        ("用户满意度提升至98%", "98%", "increase"),
        ("平均退款时长压降至12个小时", "12个小时", "decrease"),
        ("同比增长率达20%", "达20%", None),
        ("拦截了超300万件劣质商品", "超300万件", None),
        ("满意度高达92%", "高达92%", None),
        ("全年在消费者保障方面投入近4亿元", "近4亿元", None),
        ("平台上超过90%的企业为中小微企业", "超过90%", None),
    ],
)
def test_detect_change(sentence: str, surface: str, change: str | None) -> None:
    q = next(q for q in find_quantities(sentence) if q.surface == surface)
    assert detect_change(sentence, q.start) == change


def test_fold_unit() -> None:
    assert fold_unit("％") == "%" and fold_unit("个百分点") == "百分点" and fold_unit("件") == "件"


def test_spans_index_the_text() -> None:
    text = "今年以来,平台已拦截劣质商品56万件,处置违规直播间超28万个。"
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.surface
        assert q.start <= q.number_start < q.end


@pytest.mark.parametrize(("text", "figures"), [
    # a count of firms with the noun right after the scale: 家
    ("该政策已惠及超30万商家。", [("300000", "家", "over")]),
    ("退货宝已覆盖近200万中小商家。", [("2000000", "家", "approx")]),
    ("平台带动3000余商户增收。", [("3000", "家", "over")]),
    # not without a scale or 余/多, nor with a classifier of its own
    ("上万商家入驻,全国1200商家参与。", []),
    ("平台有5万个商家。", [("50000", "个", "exact")]),
])
def test_a_count_of_firms_without_a_classifier(text: str, figures: list[tuple[str, str, str]]) -> None:
    assert [(q.value, q.unit, q.qualifier) for q in find_quantities(text)] == [(Decimal(v), u, ql) for v, u, ql in figures]


@pytest.mark.parametrize(("text", "figures"), [
    # an approximation before 占 qualifies the share after the whole it is of
    ("因延迟发货引发的投诉约占全部售后投诉的37%。", [("37", "%", "approx")]),
    ("受影响的商家大约占平台活跃商家的2%。", [("2", "%", "approx")]),
    ("因延迟发货引发的投诉占全部售后投诉的37%。", [("37", "%", "exact")]),
    ("平台约有3000家商家,其中占比最高的品类为15%。", [("3000", "家", "approx"), ("15", "%", "exact")]),
])
def test_a_share_qualified_before_zhan(text: str, figures: list[tuple[str, str, str]]) -> None:
    assert [(q.value, q.unit, q.qualifier) for q in find_quantities(text)] == [(Decimal(v), u, ql) for v, u, ql in figures]


@pytest.mark.parametrize(("text", "figures"), [
    ("商家遭遇的恶意退款投诉下降了约三成。", [("30", "%", "approx")]),
    ("七成为女性用户,三成员工来自县域。", [("70", "%", "exact"), ("30", "%", "exact")]),
    ("平台规则并非一成不变。", []),
    ("项目已建成,成本下降。", []),
    ("惠及千家万户,数千家商家入驻,平台清退违规商家千余家。", [("1000", "家", "over")]),
])
def test_tenths_in_sentences(text: str, figures: list[tuple[str, str, str]]) -> None:
    assert [(q.value, q.unit, q.qualifier) for q in find_quantities(text)] == [(Decimal(v), u, ql) for v, u, ql in figures]


_PREFIXES = sorted(p for p, v in PREFIX_QUALIFIERS.items())
_SAFE_UNITS = [u for u in UNITS if u not in ("%", "％")]


@given(
    number=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
    scale=st.sampled_from([("", 1), ("万", 10_000), ("亿", 100_000_000), ("千万", 10_000_000)]),
    prefix=st.sampled_from(["", *_PREFIXES]),
    unit=st.sampled_from(UNITS),
)
def test_property_prefix_number_scale_unit(number: Decimal, scale: tuple[str, int], prefix: str, unit: str) -> None:
    text = f"{prefix}{number}{scale[0]}{unit}"
    q = parse_quantity(text)
    assert q is not None, text
    assert q.value == number * scale[1]
    assert q.unit == fold_unit(unit)
    assert q.qualifier == (PREFIX_QUALIFIERS[prefix] if prefix else "exact")


@given(
    number=st.integers(min_value=1, max_value=9_999_999),
    suffix=st.sampled_from(sorted(s for s in SUFFIX_QUALIFIERS if s not in ("余", "多"))),
    unit=st.sampled_from(_SAFE_UNITS),
)
def test_property_suffix_qualifier(number: int, suffix: str, unit: str) -> None:
    q = parse_quantity(f"{number}{unit}{suffix}")
    assert q is not None
    assert (q.value, q.qualifier) == (Decimal(number), SUFFIX_QUALIFIERS[suffix])


@given(
    number=st.integers(min_value=1, max_value=9_999),
    scale=st.sampled_from([("万", 10_000), ("亿", 100_000_000)]),
    inner=st.sampled_from(["余", "多"]),
    unit=st.sampled_from(["件", "条", "个", "元"]),
)
def test_property_inner_over(number: int, scale: tuple[str, int], inner: str, unit: str) -> None:
    q = parse_quantity(f"{number}{scale[0]}{inner}{unit}")
    assert q is not None
    assert (q.value, q.qualifier) == (Decimal(number * scale[1]), "over")


@given(number=st.integers(min_value=1, max_value=99_999_999), unit=st.sampled_from(["件", "元", "人", "个月", "天"]))
def test_property_chinese_numerals(number: int, unit: str) -> None:
    chinese = cn2an.an2cn(number, "low")
    q = parse_quantity(f"{chinese}{unit}")
    assert q is not None, chinese
    assert q.value == Decimal(number) and q.chinese


@given(year=st.integers(min_value=1990, max_value=2099), month=st.integers(1, 12), day=st.integers(1, 28))
def test_property_dates_are_never_quantities(year: int, month: int, day: int) -> None:
    assert find_quantities(f"{year}年{month}月{day}日,平台发布公告") == []


@given(number=st.integers(min_value=1, max_value=99), tenths=st.integers(min_value=0, max_value=9),
       prefix=st.sampled_from(["", "超过", "近"]))
def test_property_percentages_in_words(number: int, tenths: int, prefix: str) -> None:
    words = cn2an.an2cn(number, "low") + (f"点{cn2an.an2cn(tenths, 'low')}" if tenths else "")
    q = parse_quantity(f"{prefix}百分之{words}")
    assert q is not None, words
    assert (q.value, q.unit) == (Decimal(number) + Decimal(tenths) / 10, "%")
    assert q.qualifier == {"": "exact", "超过": "over", "近": "approx"}[prefix]


_ALPHABET = "0123456789.,%％万亿千百十余多超近约第年月日个件人元次条天小时百分点之两三一二+W、,，。:-钟起"


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_property_spans_and_values_are_consistent(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.surface
        assert q.value >= 0
        assert q.unit in {fold_unit(u) for u in UNITS} | {CASES, POINTS}
        assert q.qualifier in ("over", "approx", "under", "exact")


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("投诉量翻了一番", "100", "exact"),
        ("成交额实现翻番", "100", "exact"),
        ("GMV同比翻倍", "100", "exact"),
        ("商家数量翻了两番", "300", "exact"),
        ("订单量近翻一番", "100", "approx"),
    ],
)
def test_a_doubling_is_an_increase_in_percent(text: str, value: str, qualifier: str) -> None:
    [q] = find_quantities(text)
    assert (str(q.value), q.unit, q.qualifier, q.change) == (value, "%", qualifier, "increase")


@pytest.mark.parametrize("text", ["翻看评论区", "翻新商品需标注", "翻了两倍"])
def test_no_doubling_without_fan_and_fan_or_bei(text: str) -> None:
    assert all(q.change is None for q in find_quantities(text))
