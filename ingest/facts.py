"""Extracted facts: frozen dataclasses, each carrying its provenance.

These are the contract between extraction (``pgkg.ingest.extract``) and the
graph builder (``pgkg.graph.build``). Keys are normalised identifiers (lexicon
keys for platforms, SKOS notations for stakeholder roles and governance areas)
from which the graph stage mints IRIs; names are human-readable labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Union

from .article import ArticleMeta

Qualifier = Literal["over", "approx", "under", "exact"]
Change = Literal["increase", "decrease"]
PlatformRole = Literal["subject", "mention"]

MEASURE_KINDS: tuple[str, ...] = (
    "Policy",
    "PlatformRule",
    "ServiceGuarantee",
    "EnforcementCampaign",
    "MerchantSupport",
    "ProductFeature",
    "Programme",
    "Regulation",
)
"""Local names of the ontology's Policy class and its subclasses."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: article, sentence, exact span, producing rule."""

    article: str
    """Article id (``RawDocument.source``)."""
    sentence: str
    """The original sentence text."""
    sentence_start: int
    start: int
    end: int
    """``[start, end)`` of the matched text in the article's original text."""
    rule: str
    """Id of the rule that produced the fact, e.g. ``obs.quantity`` or ``measure.quoted``."""


@dataclass(frozen=True, slots=True)
class PlatformFact:
    key: str
    """Lexicon key, e.g. ``douyin_ecommerce``."""
    name: str
    """Canonical Chinese name from the lexicon, e.g. ``抖音电商``."""
    role: PlatformRole
    """``subject``: the article reports this platform's governance; ``mention``: named only."""
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class MeasureFact:
    name: str
    """Name as written, without quotes or title marks (``极速退``)."""
    key: str
    """Normalised name used for resolution (simplified, punctuation and spaces removed)."""
    platform: str | None
    """Lexicon key of the announcing platform; ``None`` for a law or regulator's rule."""
    kind: str
    """One of :data:`MEASURE_KINDS`."""
    category: str | None
    """Governance-area key (``after_sales_refunds`` …) or ``None``."""
    targets: tuple[str, ...]
    """Stakeholder-role keys the sentence says the measure targets."""
    issuer: str | None
    """For a Regulation: the issuing body as written, if named."""
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ObservationFact:
    value: Decimal
    """Normalised number: 超300万件 -> 3000000."""
    unit: str
    """Unit or classifier, simplified and folded: ``件``, ``%``, ``百分点``, ``元``."""
    qualifier: Qualifier
    change: Change | None
    metric: str
    """The phrase the figure measures (``拦截劣质商品``)."""
    metric_key: str
    """Normalised metric phrase used for resolution."""
    period: str | None
    """Period as written (``今年以来``, ``2022年``), if any."""
    platform: str | None
    """Lexicon key of the platform the figure belongs to."""
    measure: str | None
    """Name of the measure the sentence attributes the figure to, if any."""
    surface: str
    """The quantity as written (``超300万件``)."""
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class StakeholderFact:
    key: str
    """SKOS notation: consumer, merchant, creator, livestreamer, expert, media,
    regulator, consumer_association, logistics."""
    label: str
    """The term as written (``消费者``)."""
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PersonFact:
    name: str
    role: str | None
    org: str | None
    """Organisation as written or the platform's canonical name."""
    org_platform: str | None
    """Lexicon key when the organisation is a platform, else ``None``."""
    evidence: Evidence


Fact = Union[PlatformFact, MeasureFact, ObservationFact, StakeholderFact, PersonFact]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything extracted from one article: the unit of per-article work."""

    meta: ArticleMeta
    facts: tuple[Fact, ...]
