"""Platforms: lexicon matches, and which platforms' governance the article reports.

A platform is a *subject* when it dominates the article: named often, in the
title or lead, and as the agent of governance verbs (推出, 上线, 拦截 …). Other
named platforms are *mentions*. A parent named beside its child (抖音 beside
抖音电商) counts for the child, the more specific name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter

from pgkg.ontology.lexicon import Lexicon

from .article import CleanArticle, Decision
from .extract_text import Hit, evidence, last_named, platform_hits, resolve_platform, title_sentence
from .facts import PlatformFact
from .roundup import is_roundup, lead_platform, replying_platform

GOVERNANCE_VERBS = re.compile(
    r"^.{0,8}?(?:推出|上线|升级|推行|发布|修订|建立|成立|开展|启动|引入|新增|设立|制定|拦截|处置|打击|"
    r"治理|清退|下架|整治|完善|优化|加强|加大|投入|补贴|保障|举办|打造|建设|搭建|表示)"
)
TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
VERB_WEIGHT = 1
MIN_SUBJECT_SCORE = 3


def platform_scores(hits: list[Hit], title_hits: list[Hit], lead: str, lexicon: Lexicon) -> Counter[str]:
    """Salience of each platform key; a parent's score goes to its child when both occur."""
    present = {h.key for h in hits} | {h.key for h in title_hits}
    score: Counter[str] = Counter()
    for h in hits:
        score[h.key] += 1
        if GOVERNANCE_VERBS.match(h.sentence.norm[h.end:]):
            score[h.key] += VERB_WEIGHT
    for h in title_hits:
        score[h.key] += TITLE_WEIGHT
    lead_folded = lead.casefold()
    for key in present:
        if any(name.casefold() in lead_folded for name in lexicon.platforms[key].names):
            score[key] += LEAD_WEIGHT
    for key in list(score):
        children = [k for k in present if lexicon.platforms[k].parent == key]
        if children:
            best = max(children, key=lambda k: score[k])
            score[best] += score.pop(key)
    return score


def subject_keys(score: Counter[str]) -> tuple[str, ...]:
    """Platforms whose governance the article reports: the top scorer and any close rival."""
    if not score:
        return ()
    top = max(score.values())
    if top < MIN_SUBJECT_SCORE:
        return ()
    ranked = sorted(score, key=lambda k: (-score[k], k))
    return tuple(k for k in ranked if score[k] >= max(MIN_SUBJECT_SCORE, top / 2))


def article_platform_hits(clean: CleanArticle, lexicon: Lexicon) -> tuple[list[Hit], list[Hit]]:
    """Platform hits in the body sentences and in the title."""
    body = [h for s in clean.sentences for h in platform_hits(s, lexicon)]
    title = title_sentence(clean)
    return body, (platform_hits(title, lexicon) if title else [])


def _paragraphs(clean: CleanArticle) -> list[Decision]:
    return [d for d in clean.decisions if d.kept and d.reason == "body"]


def paragraph_leads(clean: CleanArticle, lexicon: Lexicon) -> list[str | None]:
    """The platform leading each kept body paragraph (:func:`pgkg.ingest.roundup.lead_platform`), in order."""
    return [lead_platform(clean.original[d.start:d.end], lexicon) for d in _paragraphs(clean)]


def sentence_subjects(
    clean: CleanArticle, lexicon: Lexicon, subjects: tuple[str, ...], dominant: tuple[str, ...], leads: list[str | None]
) -> list[tuple[str, ...]]:
    """For each kept sentence, the subjects its figures and measures that name no platform fall back
    on (the first one): the article's ``subjects``, except in a round-up. There the platform leading
    the sentence's paragraph comes first. A paragraph no platform leads is the article's platform's
    when one dominates the article (``dominant``: :func:`subject_keys`); in a round-up of equals it
    goes on the part of the last paragraph a platform leads before it (a platform's part may take
    two paragraphs), and before the first one it is no platform's (the reporter's or a regulator's
    opening: 会议指出，全国12315平台共受理…投诉4.6万件). Outside a round-up, with several subjects, the
    subject named last before the sentence in its paragraph comes first (:func:`_continued_subjects`).
    ``leads``: :func:`paragraph_leads`."""
    if not is_roundup(leads, lexicon):
        if len(subjects) > 1:
            return _continued_subjects(clean, lexicon, subjects)
        if subjects or not any(leads):
            return [subjects] * len(clean.sentences)
        return _reply_subjects(clean, lexicon, leads)
    starts = [d.start for d in _paragraphs(clean)]
    resolved = [resolve_platform(k, subjects, lexicon) if k is not None else None for k in leads]
    if len(dominant) != 1:
        resolved = list(itertools.accumulate(resolved, lambda last, lead: lead or last))
    unled = subjects if len(dominant) == 1 else ()
    out: list[tuple[str, ...]] = []
    for sentence in clean.sentences:
        at = bisect.bisect_right(starts, sentence.start) - 1
        lead = resolved[at] if at >= 0 else None
        out.append((lead, *(k for k in subjects if k != lead)) if lead is not None else unled)
    return out


def _continued_subjects(clean: CleanArticle, lexicon: Lexicon, subjects: tuple[str, ...]) -> list[tuple[str, ...]]:
    """With several subjects, a sentence naming no platform goes on about the subject named last before it
    in its paragraph (小红书电商…负责人…表示，平台已上线…；同时，…平均处理时长已缩短至36小时): that one comes first."""
    starts = [d.start for d in _paragraphs(clean)]
    out: list[tuple[str, ...]] = []
    last: str | None = None
    paragraph = -1
    for sentence in clean.sentences:
        at = bisect.bisect_right(starts, sentence.start) - 1
        if at != paragraph:
            paragraph, last = at, None
        hits = platform_hits(sentence, lexicon)
        if hits:
            key = resolve_platform(last_named(hits).key, subjects, lexicon)
            last = key if key in subjects else None
            out.append(subjects)
        else:
            out.append((last, *(k for k in subjects if k != last)) if last is not None else subjects)
    return out


def _reply_subjects(clean: CleanArticle, lexicon: Lexicon, leads: list[str | None]) -> list[tuple[str, ...]]:
    """In an article no platform dominates (a regulator's or an association's report), the sentences of a
    paragraph where a platform leads and speaks (对此，京东方面回应称…) are that platform's: its reply."""
    paragraphs = _paragraphs(clean)
    starts = [d.start for d in paragraphs]
    replies = [replying_platform(clean.original[d.start:d.end], lexicon) if lead is not None else None
               for d, lead in zip(paragraphs, leads)]
    out: list[tuple[str, ...]] = []
    for sentence in clean.sentences:
        at = bisect.bisect_right(starts, sentence.start) - 1
        reply = replies[at] if at >= 0 else None
        out.append((reply,) if reply is not None else ())
    return out


def replying_platforms(clean: CleanArticle, lexicon: Lexicon, leads: list[str | None]) -> tuple[str, ...]:
    """The platforms leading and speaking in a paragraph of their own (:func:`pgkg.ingest.roundup.replying_platform`);
    ``leads``: :func:`paragraph_leads`."""
    paragraphs = _paragraphs(clean)
    found = (replying_platform(clean.original[d.start:d.end], lexicon) for d, lead in zip(paragraphs, leads) if lead)
    return tuple(dict.fromkeys(k for k in found if k is not None))


def extract_platforms(
    clean: CleanArticle, lexicon: Lexicon, leads: list[str | None] | None = None
) -> tuple[list[PlatformFact], tuple[str, ...], tuple[str, ...]]:
    """One :class:`PlatformFact` per platform named (subject or mention), the subject keys and the
    dominant ones.

    The dominant platforms (:func:`subject_keys`) are subjects; so is, in a round-up that no one
    platform dominates, every platform leading a paragraph (a parent of a dominant platform, 快手
    beside 快手电商, counts as it). A page of one platform that lets two others speak in a
    paragraph each only names them. In an article with no subject, :func:`pgkg.ingest.extract.extract`
    makes subjects of the platforms it reports on (:func:`replying_platforms`, and those its figures and
    measures are attributed to). ``leads``: :func:`paragraph_leads`, read when not given."""
    body, title_hits = article_platform_hits(clean, lexicon)
    dominant = subject_keys(platform_scores(body, title_hits, clean.lead, lexicon))
    subjects = dominant
    leads = paragraph_leads(clean, lexicon) if leads is None else leads
    if len(dominant) != 1 and is_roundup(leads, lexicon):  # after the dominant ones
        led = (resolve_platform(k, dominant, lexicon) for k in leads if k is not None)
        subjects += tuple(k for k in dict.fromkeys(led) if k not in dominant)
    first: dict[str, Hit] = {}
    for h in (*body, *title_hits):
        first.setdefault(h.key, h)
    facts = [
        PlatformFact(
            key=key,
            name=lexicon.platforms[key].zh,
            role="subject" if key in subjects else "mention",
            evidence=evidence(clean.source, hit.sentence, hit.start, hit.end, "platform.lexicon"),
        )
        for key, hit in first.items()
    ]
    return facts, subjects, dominant
