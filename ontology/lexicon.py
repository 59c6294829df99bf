"""The lexicon: platforms, operators, stakeholder terms, governance areas.

Loaded from ``lexicon.toml`` (shipped beside the ontology). Pure data access;
matching text against it is the extractor's job.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import data_path


@dataclass(frozen=True, slots=True)
class PlatformEntry:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    traditional: tuple[str, ...] = ()
    parent: str | None = None
    operator: str | None = None
    blockers: tuple[str, ...] = ()
    unblockers: tuple[str, ...] = ()
    """Longer strings inside which a blocker is the platform after all (京东方面 holds 京东方)."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form: canonical, English, aliases, traditional."""
        seen: dict[str, None] = {}
        for name in (self.zh, self.en, *self.aliases, *self.traditional):
            seen.setdefault(name, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class OrganizationEntry:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TermEntry:
    """A stakeholder role or governance area: a SKOS concept with cue terms."""

    key: str
    zh: str
    en: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    platforms: Mapping[str, PlatformEntry]
    organizations: Mapping[str, OrganizationEntry]
    stakeholders: Mapping[str, TermEntry]
    areas: Mapping[str, TermEntry]

    def platform(self, key: str) -> PlatformEntry:
        return self.platforms[key]


class LexiconError(ValueError):
    """The lexicon file is malformed (names the file, the entry and the problem)."""


def _entries(raw: dict, section: str, path: Path) -> dict[str, dict]:
    table = raw.get(section, {})
    if not isinstance(table, dict):
        raise LexiconError(f"{path}: [{section}] must be a table")
    for key, entry in table.items():
        if not isinstance(entry, dict) or "zh" not in entry or "en" not in entry:
            raise LexiconError(f"{path}: [{section}.{key}] needs 'zh' and 'en'")
    return table


def parse_lexicon(raw: dict, path: Path) -> Lexicon:
    """Build a :class:`Lexicon` from parsed TOML, checking cross references."""
    platforms = {
        key: PlatformEntry(
            key=key,
            zh=e["zh"],
            en=e["en"],
            aliases=tuple(e.get("aliases", ())),
            traditional=tuple(e.get("traditional", ())),
            parent=e.get("parent"),
            operator=e.get("operator"),
            blockers=tuple(e.get("blockers", ())),
            unblockers=tuple(e.get("unblockers", ())),
        )
        for key, e in _entries(raw, "platform", path).items()
    }
    organizations = {
        key: OrganizationEntry(key=key, zh=e["zh"], en=e["en"], aliases=tuple(e.get("aliases", ())))
        for key, e in _entries(raw, "organization", path).items()
    }

    def terms(section: str) -> dict[str, TermEntry]:
        return {
            key: TermEntry(key=key, zh=e["zh"], en=e["en"], terms=tuple(e.get("terms", ())))
            for key, e in _entries(raw, section, path).items()
        }

    for p in platforms.values():
        if p.parent is not None and p.parent not in platforms:
            raise LexiconError(f"{path}: [platform.{p.key}] parent '{p.parent}' is not a platform key")
        if p.operator is not None and p.operator not in organizations:
            raise LexiconError(f"{path}: [platform.{p.key}] operator '{p.operator}' is not an organization key")
    return Lexicon(
        platforms=MappingProxyType(platforms),
        organizations=MappingProxyType(organizations),
        stakeholders=MappingProxyType(terms("stakeholder")),
        areas=MappingProxyType(terms("area")),
    )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load (and cache) the lexicon; ``path`` defaults to the shipped ``lexicon.toml``."""
    file = Path(path) if path else data_path("lexicon.toml")
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{file}: cannot read lexicon: {exc}") from exc
    return parse_lexicon(raw, file)
