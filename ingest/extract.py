"""Extraction of governance facts from a clean article.

``extract(clean)`` runs the rule families over the kept sentences (never over
dropped noise) and returns facts that each cite the exact original span:

* platforms (:mod:`.extract_platforms`): lexicon matches, subject vs mention (in an article
  no platform dominates, a platform that replies in its own paragraph, or that a figure or a
  measure is attributed to, is a subject);
* measures (:mod:`.extract_measures`): quoted, titled and pattern names;
* observations (:mod:`.extract_observations`): figures via :mod:`.numbers`;
* stakeholders (:mod:`.extract_stakeholders`): lexicon role terms;
* people (:mod:`.extract_people`): role + name patterns.
"""

from __future__ import annotations

from dataclasses import replace

from pgkg.ontology.lexicon import Lexicon, load_lexicon

from .article import CleanArticle
from .extract_measures import DEMAND_ITEM_RE, MeasureSpan, demands_start, sentence_measures, to_fact
from .extract_observations import (
    column_observations, column_table_rows, dedupe_observations, respective_pairs, sentence_observations, table_header,
    table_observations,
)
from .extract_people import PersonMention, is_outside_voice, merge_people, sentence_people
from .extract_platforms import extract_platforms, paragraph_leads, replying_platforms, sentence_subjects
from .extract_stakeholders import sentence_targets, stakeholder_hits
from .extract_text import evidence, is_headline, normalize_key, title_sentence
from .facts import ArticleFacts, Fact, MeasureFact, ObservationFact, StakeholderFact


def extract_article(clean: CleanArticle, lexicon: Lexicon | None = None) -> ArticleFacts:
    """All facts of one article, wrapped with its metadata."""
    return ArticleFacts(meta=clean.meta, facts=tuple(extract(clean, lexicon)))


_NAMED_RULES = frozenset({"measure.quoted", "regulation.title", "measure.defined"})
"""Measures named by quotes, title marks or a definition, which a list of an authority's demands may name too."""


def extract(clean: CleanArticle, lexicon: Lexicon | None = None) -> list[Fact]:
    """Governance facts of ``clean``: platforms, measures, observations, stakeholders, people."""
    lex = lexicon or load_lexicon()
    leads = paragraph_leads(clean, lex)
    platforms, subjects, dominant = extract_platforms(clean, lex, leads)
    title = title_sentence(clean)
    mentions: list[PersonMention] = sentence_people(title, clean.source, lex) if title else []
    measures: list[MeasureFact] = []
    observations: list[ObservationFact] = []
    stakeholders: dict[str, StakeholderFact] = {}
    seen_measures: set[str] = set()
    header: tuple[str, ...] | None = None  # the header of the text table the sentences are rows of, if any
    column_rows = column_table_rows(clean.sentences)  # tables written one cell per line, by their rows' labels
    column_cells = {s.index for _, cells in column_rows.values() for s in cells}
    demanding = False  # in a list of an authority's demands of platforms (一是…；二是…)
    listed: tuple[str, ...] = ()  # the platforms the sentence before paired with its figures after 分别
    for sentence, here in zip(clean.sentences, sentence_subjects(clean, lex, subjects, dominant, leads), strict=True):
        headline = is_headline(sentence, lex)
        spans: list[MeasureSpan] = [] if headline else sentence_measures(sentence, lex)
        demanding = demanding and DEMAND_ITEM_RE.match(sentence.norm) is not None
        demands = 0 if demanding else demands_start(sentence)
        if demands is not None:  # what an authority asks of platforms: only the names it quotes or titles
            demanding = True
            spans = [s for s in spans if s.start < demands or s.rule in _NAMED_RULES]
        people = sentence_people(sentence, clean.source, lex)
        mentions.extend(people)
        excluded = tuple((m.start, m.end) for m in spans) + tuple(p.title_span for p in people)
        hits = stakeholder_hits(sentence, lex, excluded)
        targets = sentence_targets(hits)
        for hit in hits:
            if hit.key not in stakeholders:  # the first mention is the evidence
                stakeholders[hit.key] = StakeholderFact(
                    key=hit.key,
                    label=hit.text,
                    evidence=evidence(clean.source, sentence, hit.start, hit.end, "stakeholder.lexicon"),
                )
        for span in spans:
            key = normalize_key(span.name)
            if key and key not in seen_measures:
                seen_measures.add(key)
                measures.append(to_fact(span, clean.source, lex, here, targets))
        if sentence.index in column_rows:
            observations.extend(column_observations(sentence, *column_rows[sentence.index], clean.source, lex, here))
            continue
        if sentence.index in column_cells:
            continue
        rows = table_observations(sentence, header, clean.source, lex, here) if header else []
        header = table_header(sentence) or (header if rows else None)
        pairs = respective_pairs(sentence, lex, here, listed)
        if rows:
            observations.extend(rows)
        elif not headline:
            outside = bool(mentions) and not people and is_outside_voice(mentions[-1].fact)
            observations.extend(sentence_observations(sentence, clean.source, lex, here, spans, outside, pairs))
        listed = pairs.listed if pairs else ()
    if not subjects:  # a regulator's or an association's report: the platforms that reply, or that its figures
        # and measures are attributed to, are the ones it reports on
        reported = {f.platform for f in (*measures, *observations) if f.platform is not None}
        reported.update(replying_platforms(clean, lex, leads))
    else:  # platforms given figures of their own (淘宝、京东的得分分别为…) are reported on too
        reported = {f.platform for f in observations if f.platform is not None}
    platforms = [replace(p, role="subject") if p.key in reported else p for p in platforms]
    return [
        *platforms,
        *measures,
        *dedupe_observations(observations),
        *stakeholders.values(),
        *merge_people([m.fact for m in mentions]),
    ]
