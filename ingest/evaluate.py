"""Scoring extracted facts against a gold file (format 1, see the gold README).

Generic: any gold file of that format, any facts export (``facts.jsonl`` rows).
Per article the rules are:

* observations: distinct ``(value, unit)`` pairs; TP = gold pair whose predicted
  platform is the gold platform's name or an alias; FP = pair neither gold nor
  optional; FN = gold pair not predicted (with the right platform); a pair in
  ``noise_values`` is a leak; qualifier and change accuracy over TPs;
* measures: containment match (either way, ≥ 2 characters) after removing
  spaces, quotes and title marks; recall over gold; leaks against
  ``noise_measures``; precision against gold + optional (indicative);
* people: recall of names, role accuracy (predicted role contains gold role), leaks;
* platforms, stakeholders: set precision/recall (platform names match aliases);
* metadata: exact title (whitespace folded), date and outlet where gold is not null.

Micro-averaged: TP/FP/FN are summed over articles first.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from pgkg.errors import InputError
from pgkg.ontology.lexicon import Lexicon, load_lexicon

from .facts import ArticleFacts, MeasureFact, ObservationFact, PersonFact, PlatformFact, StakeholderFact
from .numbers import UNIT_FOLD

_STRIP = re.compile(r"[\s\"'“”‘’《》「」]")
REL_TOL = 1e-6


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives; derived precision/recall/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class Ratio:
    """``correct`` out of ``total`` (accuracy); 1.0 when nothing to judge."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """Scores of one gold article with its misses, extras and leaks by fact type."""

    article: str
    counts: Mapping[str, Counts]
    leaks: Mapping[str, int]
    qualifier: Ratio
    change: Ratio
    role: Ratio
    metadata: Ratio
    misses: Mapping[str, tuple[str, ...]]
    extras: Mapping[str, tuple[str, ...]]


TYPES: tuple[str, ...] = ("observations", "measures", "platforms", "stakeholders", "people")


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Micro-averaged scores over all gold articles, plus per-article detail."""

    articles: tuple[ArticleScore, ...]
    unscored_articles: tuple[str, ...] = field(default=())

    def total(self, kind: str) -> Counts:
        result = Counts()
        for a in self.articles:
            result = result + a.counts[kind]
        return result

    def leaks(self, kind: str) -> int:
        return sum(a.leaks.get(kind, 0) for a in self.articles)

    def _ratio(self, name: str) -> Ratio:
        result = Ratio()
        for a in self.articles:
            result = result + getattr(a, name)
        return result

    @property
    def qualifier_accuracy(self) -> Ratio:
        return self._ratio("qualifier")

    @property
    def change_accuracy(self) -> Ratio:
        return self._ratio("change")

    @property
    def role_accuracy(self) -> Ratio:
        return self._ratio("role")

    @property
    def metadata_accuracy(self) -> Ratio:
        return self._ratio("metadata")

    def as_dict(self) -> dict[str, Any]:
        return {
            "totals": {k: {**self.total(k).as_dict(), "leaks": self.leaks(k)} for k in TYPES},
            "qualifier_accuracy": self.qualifier_accuracy.as_dict(),
            "change_accuracy": self.change_accuracy.as_dict(),
            "role_accuracy": self.role_accuracy.as_dict(),
            "metadata_accuracy": self.metadata_accuracy.as_dict(),
            "articles": [
                {
                    "article": a.article,
                    "counts": {k: v.as_dict() for k, v in a.counts.items()},
                    "leaks": dict(a.leaks),
                    "misses": {k: list(v) for k, v in a.misses.items() if v},
                    "extras": {k: list(v) for k, v in a.extras.items() if v},
                }
                for a in self.articles
            ],
            "unscored_articles": list(self.unscored_articles),
        }

    def format(self) -> str:
        lines = [f"{'type':<13}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}{'leaks':>7}"]
        for kind in TYPES:
            c = self.total(kind)
            lines.append(f"{kind:<13}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>5}{c.fp:>5}{c.fn:>5}{self.leaks(kind):>7}")
        for label, ratio in (("qualifier accuracy", self.qualifier_accuracy), ("change accuracy", self.change_accuracy),
                             ("people role accuracy", self.role_accuracy), ("metadata accuracy", self.metadata_accuracy)):
            lines.append(f"{label}: {ratio.value:.3f} ({ratio.correct}/{ratio.total})")
        for a in self.articles:
            details = [f"  {kind} missed: {', '.join(v)}" for kind, v in a.misses.items() if v]
            details += [f"  {kind} extra: {', '.join(v)}" for kind, v in a.extras.items() if v]
            if details:
                lines.append(a.article)
                lines.extend(details)
        if self.unscored_articles:
            lines.append(f"not in gold (not scored): {', '.join(self.unscored_articles)}")
        return "\n".join(lines)


def load_gold(path: str | Path) -> dict:
    """Read and check a gold file (format 1); :class:`InputError` if missing or invalid."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{file}: cannot read gold file: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{file}: gold file is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != 1 or not isinstance(data.get("articles"), list):
        raise InputError(f"{file}: not a gold file of format 1 (needs 'format': 1 and an 'articles' list)")
    for i, article in enumerate(data["articles"]):
        if not isinstance(article, dict) or not isinstance(article.get("file"), str):
            raise InputError(f"{file}: article {i} has no 'file' name")
    return data


def fold_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = unit.strip()
    return UNIT_FOLD.get(unit, unit)


def strip_name(name: str | None) -> str:
    """Measure/person names compare without spaces, quotes and title marks."""
    return _STRIP.sub("", name or "")


def same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=0.0)


def contains_match(pred: str, gold: str) -> bool:
    """Containment either way; the contained string has at least 2 characters."""
    if not pred or not gold:
        return False
    if gold in pred:
        return len(gold) >= 2
    if pred in gold:
        return len(pred) >= 2
    return False


def _article_id(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _group_rows(rows: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    grouped: dict[str, list[Mapping]] = {}
    for row in rows:
        grouped.setdefault(_article_id(str(row.get("article", ""))), []).append(row)
    return grouped


def _platform_names(gold: Mapping, name: str | None) -> set[str]:
    names = {name} if name else set()
    for p in gold.get("platforms") or ():
        if p.get("name") == name:
            names.update(p.get("aliases") or ())
    return {n.casefold() for n in names}


def _pair_label(value: float, unit: str | None) -> str:
    v = Decimal(str(value))
    text = format(v.normalize(), "f") if v != v.to_integral_value() else str(int(v))
    return f"{text}{unit or ''}"


def score_observations(gold: Mapping, rows: list[Mapping]) -> tuple[Counts, int, Ratio, Ratio, tuple[str, ...], tuple[str, ...]]:
    """Observation scores of one article: counts, leaks, qualifier, change, misses, extras."""
    preds: list[tuple[float, str | None, list[Mapping]]] = []
    for row in rows:
        if row.get("value") is None:
            continue
        value, unit = float(row["value"]), fold_unit(row.get("unit"))
        for existing in preds:
            if same_value(existing[0], value) and existing[1] == unit:
                existing[2].append(row)
                break
        else:
            preds.append((value, unit, [row]))
    golds = list(gold.get("observations") or ())
    optional = [(float(o["value"]), fold_unit(o.get("unit"))) for o in gold.get("optional_observations") or ()]
    noise = [(float(o["value"]), fold_unit(o.get("unit"))) for o in gold.get("noise_values") or ()]
    tp = fp = leaks = 0
    qualifier, change = Ratio(), Ratio()
    matched: set[int] = set()
    extras: list[str] = []
    for value, unit, group in preds:
        gi = next((i for i, g in enumerate(golds)
                   if same_value(g["value"], value) and fold_unit(g.get("unit")) == unit), None)
        if gi is not None:
            allowed = _platform_names(gold, golds[gi].get("platform"))
            good = [r for r in group if str(r.get("platform") or "").casefold() in allowed]
            if good and gi not in matched:
                matched.add(gi)
                tp += 1
                qualifier = qualifier + Ratio(int(good[0].get("qualifier") == golds[gi].get("qualifier")), 1)
                change = change + Ratio(int(good[0].get("change") == golds[gi].get("change")), 1)
            continue
        if any(same_value(v, value) and (u is None or u == unit) for v, u in noise):
            leaks += 1
        if not any(same_value(v, value) and u == unit for v, u in optional):
            fp += 1
            extras.append(_pair_label(value, unit))
    misses = tuple(_pair_label(g["value"], fold_unit(g.get("unit"))) for i, g in enumerate(golds) if i not in matched)
    return Counts(tp, fp, len(golds) - len(matched)), leaks, qualifier, change, misses, tuple(extras)


def score_measures(gold: Mapping, rows: list[Mapping]) -> tuple[Counts, int, tuple[str, ...], tuple[str, ...]]:
    """Measure recall over gold, indicative precision against gold + optional, leaks."""
    preds = list(dict.fromkeys(strip_name(r.get("name")) for r in rows if r.get("name")))
    golds = list(gold.get("measures") or ())
    gold_names = [[strip_name(g["name"]), *(strip_name(a) for a in g.get("aliases") or ())] for g in golds]
    optional = [strip_name(n) for n in gold.get("optional_measures") or ()]
    noise = [strip_name(n) for n in gold.get("noise_measures") or ()]
    found = [any(contains_match(p, n) for p in preds for n in names) for names in gold_names]
    known = [n for names in gold_names for n in names] + optional
    extras = tuple(p for p in preds if not any(contains_match(p, n) for n in known))
    leaks = sum(1 for p in preds if any(contains_match(p, n) for n in noise))
    tp = sum(found)
    misses = tuple(g["name"] for g, ok in zip(golds, found) if not ok)
    return Counts(tp, len(extras), len(golds) - tp), leaks, misses, extras


def score_people(gold: Mapping, rows: list[Mapping]) -> tuple[Counts, int, Ratio, tuple[str, ...], tuple[str, ...]]:
    """People: recall of names, role accuracy (predicted role contains gold role), leaks."""
    preds: dict[str, list[str]] = {}
    for r in rows:
        if r.get("name"):
            preds.setdefault(strip_name(r["name"]), []).append(r.get("role") or "")
    golds = {strip_name(g["name"]): g for g in gold.get("people") or ()}
    noise = {strip_name(n) for n in gold.get("noise_people") or ()}
    tp = sum(1 for n in golds if n in preds)
    role = Ratio()
    for name, g in golds.items():
        if name in preds and g.get("role"):
            role = role + Ratio(int(any(g["role"] in r for r in preds[name])), 1)
    extras = tuple(n for n in preds if n not in golds)
    leaks = sum(1 for n in preds if n in noise)
    misses = tuple(n for n in golds if n not in preds)
    return Counts(tp, len(extras), len(golds) - tp), leaks, role, misses, extras


def score_platforms(gold: Mapping, rows: list[Mapping]) -> tuple[Counts, tuple[str, ...], tuple[str, ...]]:
    """Set P/R of platforms; a predicted name matches a gold entry by name or alias."""
    preds = list(dict.fromkeys(str(r.get("name")) for r in rows
                               if r.get("name") and r.get("role", "subject") != "mention"))
    entries = [{g["name"].casefold(), *(a.casefold() for a in g.get("aliases") or ())} for g in gold.get("platforms") or ()]
    matched = [any(p.casefold() in names for p in preds) for names in entries]
    extras = tuple(p for p in preds if not any(p.casefold() in names for names in entries))
    misses = tuple(g["name"] for g, ok in zip(gold.get("platforms") or (), matched) if not ok)
    tp = sum(matched)
    return Counts(tp, len(extras), len(entries) - tp), misses, extras


def score_set(gold_keys: Iterable[str], pred_keys: Iterable[str]) -> tuple[Counts, tuple[str, ...], tuple[str, ...]]:
    g, p = set(gold_keys), set(pred_keys)
    return Counts(len(g & p), len(p - g), len(g - p)), tuple(sorted(g - p)), tuple(sorted(p - g))


def score_metadata(gold: Mapping, rows: list[Mapping]) -> tuple[Ratio, tuple[str, ...]]:
    row = rows[0] if rows else {}
    ratio, misses = Ratio(), []
    for field_name in ("title", "published", "outlet"):
        expected = gold.get(field_name)
        if expected is None:
            continue
        got = row.get(field_name)
        if field_name == "title":
            ok = got is not None and " ".join(str(got).split()) == " ".join(expected.split())
        else:
            ok = got == expected
        ratio = ratio + Ratio(int(ok), 1)
        if not ok:
            misses.append(f"{field_name}={got!r}")
    return ratio, tuple(misses)


def score_article(gold: Mapping, rows: list[Mapping]) -> ArticleScore:
    """All scores of one gold article given its fact rows."""
    by_kind: dict[str, list[Mapping]] = {}
    for row in rows:
        by_kind.setdefault(str(row.get("kind")), []).append(row)
    obs, obs_leaks, qualifier, change, obs_miss, obs_extra = score_observations(gold, by_kind.get("observation", []))
    mea, mea_leaks, mea_miss, mea_extra = score_measures(gold, by_kind.get("measure", []))
    ppl, ppl_leaks, role, ppl_miss, ppl_extra = score_people(gold, by_kind.get("person", []))
    pla, pla_miss, pla_extra = score_platforms(gold, by_kind.get("platform", []))
    sta, sta_miss, sta_extra = score_set(gold.get("stakeholders") or (), (r.get("key") for r in by_kind.get("stakeholder", [])))
    meta, meta_miss = score_metadata(gold, by_kind.get("article", []))
    return ArticleScore(
        article=gold["file"],
        counts={"observations": obs, "measures": mea, "platforms": pla, "stakeholders": sta, "people": ppl},
        leaks={"observations": obs_leaks, "measures": mea_leaks, "people": ppl_leaks},
        qualifier=qualifier,
        change=change,
        role=role,
        metadata=meta,
        misses={"observations": obs_miss, "measures": mea_miss, "platforms": pla_miss,
                "stakeholders": sta_miss, "people": ppl_miss, "metadata": meta_miss},
        extras={"observations": obs_extra, "measures": mea_extra, "platforms": pla_extra,
                "stakeholders": sta_extra, "people": ppl_extra},
    )


def score(gold: Mapping, rows: Iterable[Mapping]) -> EvalReport:
    """Score facts rows (``facts.jsonl`` dicts) against a loaded gold file."""
    grouped = _group_rows(rows)
    gold_files = {_article_id(a["file"]) for a in gold.get("articles") or ()}
    articles = tuple(score_article(a, grouped.get(_article_id(a["file"]), [])) for a in gold.get("articles") or ())
    unscored = tuple(sorted(k for k in grouped if k not in gold_files))
    return EvalReport(articles=articles, unscored_articles=unscored)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def rows_from_facts(article_facts: ArticleFacts, lexicon: Lexicon | None = None) -> list[dict[str, Any]]:
    """``facts.jsonl`` rows straight from dataclasses (development and cross-check)."""
    lex = lexicon or load_lexicon()
    meta = article_facts.meta
    article = meta.source

    def platform_name(key: str | None) -> str | None:
        return lex.platforms[key].zh if key in lex.platforms else key

    rows: list[dict[str, Any]] = [{"kind": "article", "article": article, "title": meta.title,
                                   "published": meta.published, "outlet": meta.outlet}]
    for f in article_facts.facts:
        ev = f.evidence.sentence
        if isinstance(f, PlatformFact):
            rows.append({"kind": "platform", "article": article, "name": f.name, "key": f.key, "role": f.role, "iri": None})
        elif isinstance(f, MeasureFact):
            rows.append({"kind": "measure", "article": article, "name": f.name, "platform": platform_name(f.platform),
                         "measure_kind": f.kind, "category": f.category, "targets": list(f.targets),
                         "issuer": f.issuer, "evidence": ev})
        elif isinstance(f, ObservationFact):
            rows.append({"kind": "observation", "article": article, "platform": platform_name(f.platform),
                         "metric": f.metric, "value": _number(f.value), "unit": f.unit, "qualifier": f.qualifier,
                         "change": f.change, "period": f.period, "measure": f.measure, "surface": f.surface,
                         "evidence": ev})
        elif isinstance(f, StakeholderFact):
            rows.append({"kind": "stakeholder", "article": article, "key": f.key, "label": f.label})
        elif isinstance(f, PersonFact):
            rows.append({"kind": "person", "article": article, "name": f.name, "role": f.role, "org": f.org})
    return rows
