"""Visual vocabulary of the graph pages: node classes, relations, category colours.

Pure constants and lookups; no I/O. Class and relation keys are what the
embedded JSON and the page script use.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True, slots=True)
class NodeClass:
    key: str
    zh: str
    en: str
    color: str
    shape: str
    symbol: str


CLASSES: tuple[NodeClass, ...] = (
    NodeClass("platform", "平台", "platform", "#d94801", "star", "★"),
    NodeClass("policy", "治理措施", "measure", "#9e9e9e", "dot", "●"),
    NodeClass("metric", "指标", "metric", "#1b9e77", "diamond", "◆"),
    NodeClass("observation", "数据", "figure", "#66c2a5", "triangle", "▲"),
    NodeClass("role", "利益相关方", "stakeholder role", "#7570b3", "square", "■"),
    NodeClass("person", "人物", "person", "#a6761d", "triangleDown", "▼"),
    NodeClass("organization", "机构", "organisation", "#777777", "diamond", "◆"),
    NodeClass("article", "文章", "article", "#386cb0", "hexagon", "⬢"),
)
CLASS_BY_KEY: Mapping[str, NodeClass] = MappingProxyType({c.key: c for c in CLASSES})

# Governance areas (docs/model.md) in lexicon order, with a colour each.
CATEGORY_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "product_quality": "#e41a1c",
        "content_marketing": "#ff7f00",
        "fulfilment_logistics": "#4daf4a",
        "after_sales_refunds": "#e6ab02",
        "customer_service": "#984ea3",
        "merchant_support_fees": "#f781bf",
        "credit_scoring": "#a65628",
        "enforcement_penalties": "#67001f",
        "community_rules": "#66a61e",
        "regulatory_compliance": "#17becf",
    }
)
NO_CATEGORY_COLOR = "#bdbdbd"

# Edge relations: key -> (zh, en). "source" is prov:wasDerivedFrom.
RELATIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "announces": ("发布", "announces"),
        "issuedBy": ("发布机构", "issued by"),
        "targets": ("针对", "targets"),
        "benefits": ("惠及", "benefits"),
        "obliges": ("约束", "obliges"),
        "ofMetric": ("指标", "of metric"),
        "ofPlatform": ("平台", "of platform"),
        "attributedTo": ("归因于", "attributed to"),
        "conflictsWith": ("冲突", "conflicts with"),
        "speaksFor": ("代表", "speaks for"),
        "reportsOn": ("报道", "reports on"),
        "mentions": ("提及", "mentions"),
        "mentionsStakeholder": ("提及相关方", "mentions stakeholder"),
        "partOf": ("隶属", "part of"),
        "operatedBy": ("运营方", "operated by"),
        "source": ("来源", "source"),
    }
)
FAINT_RELATIONS = frozenset({"source", "mentions", "mentionsStakeholder"})


def node_color(kind: str, category: str | None) -> str:
    """Fill colour of a node: policies by governance area, others by class."""
    if kind == "policy":
        return CATEGORY_COLORS.get(category or "", NO_CATEGORY_COLOR)
    return CLASS_BY_KEY[kind].color


def node_size(degree: int) -> float:
    """Node radius growing with the square root of the degree, capped."""
    return round(min(12.0 + 4.0 * degree**0.5, 48.0), 1)
