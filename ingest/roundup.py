"""Round-ups: articles that give each of several platforms a paragraph of its own.

A news round-up (多家电商平台相继调整…) reports one platform per paragraph, each led by
the platform's name (抖音电商则在7月底宣布…, 京东方面称…, 拼多多相关负责人告诉记者…). Such a
paragraph shares few words with the others, so the cleaner's recurrence score alone would judge
it off-topic, each platform is named too few times to dominate the article, and a figure whose
sentence names no platform is its paragraph's platform's, not the article's. The cleaner
(``_keep_roundup_parts``) and the platform rules (:func:`pgkg.ingest.extract_platforms.extract_platforms`,
:func:`~pgkg.ingest.extract_platforms.sentence_subjects`) therefore ask whether the article is a
round-up: paragraphs led by :data:`ROUNDUP_PLATFORMS` platforms of different families (抖音 and
抖音电商 are one family).

A paragraph is *led* by the first platform it names when the name starts within its first
:data:`LEAD_CHARS` chars (据了解，淘宝…, 此外，京东…), after the lexicon's blockers (微信号…), and no
preposition stands right before it (这项最早由拼多多…推出的规则).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pgkg.ontology.lexicon import Lexicon

from .extract_text import text_platform_hits
from .normalize import normalize

LEAD_CHARS = 5
"""A platform named at or before this char offset of a paragraph (normalised) leads it (与此同时，快手…)."""
ROUNDUP_PLATFORMS = 3
"""Platform families leading paragraphs that make an article a round-up."""


def family(key: str, lexicon: Lexicon) -> str:
    """The platform's top ancestor (抖音电商 → 抖音), itself for a platform without a parent (the
    lexicon checks that parents are platforms, not that they form no cycle)."""
    seen = {key}
    while (parent := lexicon.platforms[key].parent) is not None and parent not in seen:
        key = parent
        seen.add(key)
    return key


NOT_LEADING_BEFORE = "由被比像与和同跟较"
"""A preposition right before the first platform named: the paragraph is about something else (这项最早由拼多多…
推出的售后规则, 与淘宝相比…)."""


def lead_platform(paragraph: str, lexicon: Lexicon) -> str | None:
    """The key of the platform leading ``paragraph`` (raw text), or None."""
    norm, _ = normalize(paragraph[: LEAD_CHARS + 40])
    hits = text_platform_hits(norm, lexicon)
    if not hits or hits[0][0] > LEAD_CHARS or hits[0][0] > 0 and norm[hits[0][0] - 1] in NOT_LEADING_BEFORE:
        return None
    return hits[0][3]


PLATFORM_REPLY_RE = re.compile(r"^.{0,20}?(?:回应|回复|表示|称|介绍|透露|告诉记者|对记者说)")
"""A platform speaking right after it is named (对此，淘宝方面回应称…, 京东表示…)."""


def replying_platform(paragraph: str, lexicon: Lexicon) -> str | None:
    """The key of the platform leading ``paragraph`` when it speaks right there (对此，京东方面回应称…):
    in an article about someone else's report, the platform's reply."""
    lead = lead_platform(paragraph, lexicon)
    return lead if lead is not None and PLATFORM_REPLY_RE.match(paragraph) else None


def is_roundup(leads: Iterable[str | None], lexicon: Lexicon) -> bool:
    """Whether paragraphs led by ``leads`` (None: led by no platform) make a round-up: platforms of
    :data:`ROUNDUP_PLATFORMS` families or more lead them."""
    return len({family(k, lexicon) for k in leads if k is not None}) >= ROUNDUP_PLATFORMS
