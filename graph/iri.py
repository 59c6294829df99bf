"""Minting IRIs from normalised keys (docs/model.md, "IRIs").

Every IRI of instance data is built here, from keys normalised by
:func:`norm_key` and percent-encoded segment by segment
(``urllib.parse.quote(seg, safe="")``), so the resulting IRIs are plain ASCII
and never contain raw text. All functions are pure and return ``str``; wrap
them in ``pyoxigraph.NamedNode`` or ``rdflib.URIRef`` as needed.

Normalisation (:func:`norm_key`): NFKC (full-width folding), traditional to
simplified Chinese (OpenCC ``t2s``), lower case, then removal of whitespace,
control/format characters and punctuation (Unicode categories ``Z*``, ``C*``
and ``P*``: quotes and title marks “”‘’"'《》「」『』〈〉, commas, dashes,
dots …). Kept on purpose: ``_`` (lexicon keys such as ``douyin_ecommerce`` are
their own normal form) and the per-cent signs ``%‰‱`` (units).

Policy names get one more, documented, wording fold (:func:`policy_key`): a
trailing generic ``功能`` / ``能力`` is dropped (``“极速退”能力`` and ``极速退``
name the same measure; ``服务保障大厅功能`` and ``服务保障大厅`` too).
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from urllib.parse import quote, unquote

from opencc import OpenCC

from pgkg.ontology import AREA, ID, ROLE
from pgkg.ontology.lexicon import Lexicon, load_lexicon

ID_NS = str(ID)
GRAPH_NS = "https://w3id.org/pgkg/graph/"
ARTICLE_GRAPH_NS = GRAPH_NS + "article/"
RESOLUTION_GRAPH = GRAPH_NS + "resolution"
"""Named graph of cross-article results (``pgkg:conflictsWith``)."""

_KEEP = frozenset("_%‰‱")
_EMPTY = "-"
"""Segment used when a key normalises to nothing (``-`` itself never survives normalisation)."""
_POLICY_SUFFIXES: tuple[str, ...] = ("功能", "能力")


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def _kept(ch: str) -> bool:
    if ch in _KEEP:
        return True
    category = unicodedata.category(ch)
    return not (ch.isspace() or category[0] in "ZCP")


@lru_cache(maxsize=65536)
def norm_key(text: str) -> str:
    """Normalised key of ``text`` (see the module docstring); may be empty."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if _kept(ch))
    simplified = _t2s().convert(folded) if folded else folded
    lowered = unicodedata.normalize("NFKC", simplified.lower())
    return "".join(ch for ch in lowered if _kept(ch))


def policy_key(name: str) -> str:
    """Normalised policy name: :func:`norm_key` minus a trailing generic 功能/能力."""
    key = norm_key(name)
    for suffix in _POLICY_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key[: -len(suffix)]
    return key


def canonical_text(text: str) -> str:
    """Display form used for literals that must agree across articles
    (period, unit): NFKC, traditional to simplified, whitespace removed."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if not (ch.isspace() or unicodedata.category(ch)[0] == "C"))
    return _t2s().convert(folded) if folded else folded


@lru_cache(maxsize=65536)
def segment(key: str) -> str:
    """One IRI path segment: the percent-encoded key (``-`` when empty)."""
    return quote(key, safe="", errors="surrogatepass") if key else _EMPTY


@lru_cache(maxsize=1024)  # one source per article: its evidence IRIs all repeat it
def _source_segment(source: str) -> str:
    return quote(source, safe="", errors="surrogatepass")


def _norm_segment(text: str) -> str:
    return segment(norm_key(text))


def decimal_text(value: Decimal | int | str) -> str:
    """Plain decimal string without exponent or trailing zeros (3E+6 -> ``3000000``)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a finite decimal number: {value!r}")
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _org_keys_of(lexicon: Lexicon) -> dict[str, str]:
    keys: dict[str, str] = {}
    for entry in lexicon.organizations.values():
        for name in (entry.key, entry.zh, entry.en, *entry.aliases):
            keys.setdefault(norm_key(name), entry.key)
    return keys


@lru_cache(maxsize=1)
def _default_org_keys() -> dict[str, str]:
    return _org_keys_of(load_lexicon())


def _org_keys(lexicon: Lexicon | None) -> dict[str, str]:
    return _default_org_keys() if lexicon is None else _org_keys_of(lexicon)


def org_key(key_or_name: str, lexicon: Lexicon | None = None) -> str:
    """Lexicon organisation key when ``key_or_name`` is one (or one of its names), else its normalised name."""
    key = norm_key(key_or_name)
    return _org_keys(lexicon).get(key, key)


def is_lexicon_org(key_or_name: str, lexicon: Lexicon | None = None) -> bool:
    """Whether ``key_or_name`` names an organisation of the lexicon."""
    return norm_key(key_or_name) in _org_keys(lexicon)


def platform_iri(key: str) -> str:
    """``id:platform/{lexicon key}``."""
    return f"{ID_NS}platform/{_norm_segment(key)}"


def org_iri(key_or_name: str) -> str:
    """``id:org/{lexicon key}`` for a lexicon organisation, else ``id:org/{norm(name)}``."""
    return f"{ID_NS}org/{segment(org_key(key_or_name))}"


def policy_iri(platform_key: str | None, name: str) -> str:
    """``id:policy/{platform key}/{policy key}``, or ``id:policy/regulation/{policy key}`` without platform."""
    owner = _norm_segment(platform_key) if platform_key else "regulation"
    return f"{ID_NS}policy/{owner}/{segment(policy_key(name))}"


def metric_iri(phrase: str) -> str:
    """``id:metric/{norm(phrase)}``."""
    return f"{ID_NS}metric/{_norm_segment(phrase)}"


def observation_iri(
    platform_key: str,
    metric: str,
    period: str | None,
    value: Decimal | int | str,
    unit: str,
    qualifier: str,
    change: str | None,
) -> str:
    """``id:obs/{platform}/{metric}/{period or any}/{value}/{unit}/{qualifier}/{change or level}``."""
    parts = (
        _norm_segment(platform_key),
        _norm_segment(metric),
        _norm_segment(period) if period else "any",
        segment(decimal_text(value)),
        _norm_segment(unit),
        _norm_segment(qualifier),
        _norm_segment(change) if change else "level",
    )
    return f"{ID_NS}obs/" + "/".join(parts)


def person_iri(name: str, org: str | None) -> str:
    """``id:person/{norm(name)}/{org key or norm(org) or unknown}``; ``org`` may be a platform key."""
    org_part = segment(org_key(org)) if org and norm_key(org) else "unknown"
    return f"{ID_NS}person/{_norm_segment(name)}/{org_part}"


def role_iri(key: str) -> str:
    """``role:{key}`` for a stakeholder-role notation."""
    return f"{ROLE}{_norm_segment(key)}"


def area_iri(key: str) -> str:
    """``area:{key}`` for a governance-area notation."""
    return f"{AREA}{_norm_segment(key)}"


def article_iri(source: str) -> str:
    """``id:article/{quote(source)}`` (the source is not normalised)."""
    return f"{ID_NS}article/{_source_segment(source)}"


def evidence_iri(source: str, start: int, end: int, kind: str) -> str:
    """``id:evidence/{quote(source)}/{start}-{end}/{fact kind}``."""
    return f"{ID_NS}evidence/{_source_segment(source)}/{int(start)}-{int(end)}/{_norm_segment(kind)}"


def article_graph_iri(source: str) -> str:
    """The article's named graph ``https://w3id.org/pgkg/graph/article/{quote(source)}``."""
    return f"{ARTICLE_GRAPH_NS}{_source_segment(source)}"


def source_of_graph(graph_iri: str) -> str | None:
    """Inverse of :func:`article_graph_iri` (``None`` for other graphs)."""
    if not graph_iri.startswith(ARTICLE_GRAPH_NS):
        return None
    return unquote(graph_iri[len(ARTICLE_GRAPH_NS):], errors="surrogatepass")
