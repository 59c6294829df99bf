"""Data model of the reading and cleaning stage (the contract between stages).

Offsets: every ``start``/``end`` in this module is a character offset into
``RawDocument.text`` (== ``CleanArticle.original``), the decoded text of the
page. For HTML input that text is the page's visible text as produced by the
reader (block elements on their own lines); for ``.txt`` it is the file's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One decoded input document, before any cleaning."""

    source: str
    """Stable article id: the file name relative to the corpus folder
    (``000_07a74a37be8d45b9.txt``); ``name.jsonl#3`` for line 3 of a JSONL file;
    ``<stdin>`` for standard input."""
    text: str
    """Decoded original text; all offsets refer to it."""
    encoding: str = "utf-8"
    media_type: str = "text/plain"
    """``text/plain``, ``text/html`` or ``application/jsonl``."""
    path: str | None = None
    """Filesystem path the document was read from, if any."""
    title: str | None = None
    """Metadata given by the container (JSONL fields, HTML <title>), if any."""
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    """The site or publisher the container names (og:site_name, JSON-LD publisher, a JSONL
    ``outlet``); the article's own 来源 line, when it has one, wins over it."""
    author: str | None = None
    content_hash: str = ""
    """sha256 hex of the raw bytes (or of the JSONL line): drives incremental builds."""


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """An input that could not be read; the run goes on without it."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Decision:
    """A region of the original text kept or dropped by the cleaner, and why."""

    start: int
    end: int
    kept: bool
    reason: str
    """Short machine-readable reason, e.g. ``body``, ``title``, ``related-reading``,
    ``footer``, ``spam-contact``, ``scrambled``, ``off-topic``, ``duplicate``."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of kept text.

    ``norm`` is the matching form (full-width folded, traditional converted to
    simplified, inline pinyin removed); ``norm_offsets[i]`` is the offset in
    the original text of ``norm[i]``, so any match in ``norm`` maps back to the
    original with :meth:`to_original`.
    """

    index: int
    start: int
    end: int
    text: str
    """``original[start:end]``."""
    norm: str
    norm_offsets: tuple[int, ...]

    def to_original(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """Map a ``[norm_start, norm_end)`` span of ``norm`` to original offsets."""
        if not self.norm:
            return (self.start, self.start)
        first = self.norm_offsets[norm_start]
        last = self.norm_offsets[max(norm_end - 1, norm_start)]
        return (first, last + 1)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Article metadata found by the cleaner (``None`` where unknown)."""

    source: str
    title: str | None = None
    published: str | None = None
    """ISO date ``YYYY-MM-DD``."""
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str = "zh"
    content_hash: str = ""
    path: str | None = None


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """The article text the extractor may see, with every cleaning decision."""

    meta: ArticleMeta
    original: str
    decisions: tuple[Decision, ...]
    """Kept and dropped regions, in text order, covering every non-blank line."""
    sentences: tuple[Sentence, ...]
    """Sentences of kept body text only (the title is in ``meta``)."""
    lead: str = ""
    """Normalised title + first kept paragraph: what the article is about."""
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def source(self) -> str:
        return self.meta.source

    @property
    def kept_text(self) -> str:
        """Kept body text, sentences joined by newlines (for display)."""
        return "\n".join(s.text for s in self.sentences)

    def dropped(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if not d.kept)
