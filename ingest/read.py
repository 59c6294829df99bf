"""Reading input documents: .txt, .html/.htm, .jsonl, folders and stdin.

I/O lives here and only here. Every unreadable input becomes a
:class:`~pgkg.ingest.article.ReadProblem` naming the file and the problem;
the run goes on with the other inputs.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pgkg.errors import InputError

from .article import RawDocument, ReadProblem
from .normalize import is_han

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadFailure",
    "decode_bytes",
    "html_to_text",
    "iter_documents",
    "read_document",
    "documents_from_bytes",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_FALLBACK_ENCODINGS = ("gb18030", "big5")


class ReadFailure(Exception):
    """Internal: the bytes of one input cannot be turned into a document."""


# ---------------------------------------------------------------- decoding


def _han_score(text: str) -> float:
    """How plausible ``text`` is as Chinese: share of common CJK chars and ASCII."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80 or 0x4E00 <= code <= 0x9FA5 or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
            good += 1
    return good / len(text)


def _common_char_score(text: str) -> float:
    """Share of Han chars that are frequent words/chars in jieba's dictionary or OpenCC's."""
    from .normalize import _traditional_chars  # noqa: PLC0415 (lazy, heavy)

    common = _common_chars()
    trad = _traditional_chars()
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    return sum(1 for ch in han if ch in common or ch in trad) / len(han)


_COMMON: frozenset[str] | None = None


def _common_chars() -> frozenset[str]:
    global _COMMON
    if _COMMON is None:
        import logging  # noqa: PLC0415

        import jieba  # noqa: PLC0415

        jieba.setLogLevel(logging.WARNING)
        dt = jieba.dt
        dt.check_initialized()
        _COMMON = frozenset(w for w, f in dt.FREQ.items() if len(w) == 1 and f >= 50)
    return _COMMON


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to text; return ``(text, encoding)``.

    UTF-8 (with or without BOM) first, then UTF-16 with a BOM, then GB18030 or
    Big5 (whichever reads as more plausible Chinese), then charset-normalizer.
    Raises :class:`ReadFailure` for binary or undecodable data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ReadFailure(f"invalid UTF-8 after a UTF-8 byte-order mark (byte {exc.start + 3})") from None
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), enc
            except UnicodeDecodeError:
                raise ReadFailure(f"invalid {enc.upper()} text after a byte-order mark") from None
    if b"\x00" in data:
        raise ReadFailure("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates: list[tuple[float, str, str]] = []
    for enc in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_han_score(text) + _common_char_score(text), enc, text))
    if candidates:
        candidates.sort(key=lambda c: (-c[0], _FALLBACK_ENCODINGS.index(c[1])))
        score, enc, text = candidates[0]
        if _han_score(text) >= 0.9:
            return text, enc
    from charset_normalizer import from_bytes  # noqa: PLC0415

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if _han_score(text) >= 0.9 and _printable_share(text) >= 0.95:
            return text, best.encoding
    # Mostly UTF-8 with a few broken bytes (a truncated scrape): keep it, marked.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 1000):
        return text, "utf-8 (invalid bytes replaced)"
    raise ReadFailure(
        f"cannot decode: not valid UTF-8 (bad byte at offset {utf8_error.start}) "
        "and not GB18030/GBK or Big5 text"
    )


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    return ok / len(text)


def _tidy_text(text: str) -> str:
    """Unify line ends; nothing else (offsets refer to the result)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "footer", "iframe", "svg", "head", "button", "select", "form"}
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "tbody", "thead", "blockquote", "pre",
        "figure", "figcaption", "address", "hr", "center", "td", "th", "body", "html",
    }
)  # fmt: skip
_WS = re.compile(r"[ \t\f\v\u00a0]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _is_hidden(el) -> bool:  # noqa: ANN001
    """An element no reader sees (``hidden``, ``aria-hidden="true"``, ``display: none``,
    ``visibility: hidden``): where pages hide keyword spam and injected text."""
    return ("hidden" in el.attrib or el.get("aria-hidden", "").strip().lower() == "true"
            or bool(_HIDDEN_STYLE.search(el.get("style", ""))))


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML page, one block element per line, plus its metadata.

    script/style/nav/footer (and the <head>) are dropped, and so is what the page hides
    (:func:`_is_hidden`); the metadata dict may
    hold ``title``, ``published`` and ``url`` found in <title>/<meta>/<link>.
    """
    import lxml.html  # noqa: PLC0415
    from lxml import etree  # noqa: PLC0415

    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    if not markup.strip():
        return "", {}
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return "", {}
    meta = _html_meta(root)
    parts: list[str] = []

    def walk(el) -> None:  # noqa: ANN001
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _DROP_TAGS or not isinstance(el.tag, str) or _is_hidden(el):
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if tag == "br":
            parts.append("\n")
        if tag == "img":
            alt = (el.get("alt") or "").strip()
            if alt:
                parts.append(f"\n({alt})\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = [_WS.sub(" ", ln).strip() for ln in "".join(parts).split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln:
            out.append(ln)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip("\n") + ("\n" if out else ""), meta


def _html_meta(root) -> dict[str, str]:  # noqa: ANN001
    meta: dict[str, str] = {}
    titles = root.xpath("//head/title/text()") or root.xpath("//title/text()")
    if titles and titles[0].strip():
        meta["title"] = _WS.sub(" ", titles[0]).strip()
    for el in root.xpath("//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        content = (el.get("content") or "").strip()
        if not content:
            continue
        if key in {"og:title"} and "title" not in meta:
            meta["title"] = content
        elif key in {"article:published_time", "pubdate", "publishdate", "datepublished", "date"}:
            meta.setdefault("published", content)
        elif key == "og:url":
            meta.setdefault("url", content)
        elif key in {"og:site_name", "application-name"}:
            meta.setdefault("outlet", content)
        elif key in {"author", "article:author"} and not content.startswith(("http:", "https:")):
            meta.setdefault("author", content)
    canon = root.xpath("//link[@rel='canonical']/@href")
    if canon:
        meta.setdefault("url", canon[0])
    for block in root.xpath("//script[@type='application/ld+json']/text()"):
        for key, value in _linked_data_meta(block).items():
            meta.setdefault(key, value)
    return {key: _WS.sub(" ", value).strip()[:_META_LIMIT] for key, value in meta.items()}


_META_LIMIT = 200
"""Longest metadata value kept from a page's <meta> or JSON-LD (a title, a name)."""
_LINKED_DATA_LIMIT = 100_000
"""Longest JSON-LD block read: a page's article description is a few hundred bytes."""
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "WebPage"}


def _linked_data_meta(block: str) -> dict[str, str]:
    """Title, date, publisher and author of the first article described in a JSON-LD block
    (schema.org ``NewsArticle``); ``{}`` for a block that is not JSON or describes no article."""
    if len(block) > _LINKED_DATA_LIMIT:
        return {}
    try:
        data = json.loads(block)
    except (ValueError, RecursionError):
        return {}
    nodes = data if isinstance(data, list) else [data]
    nodes = [n for node in nodes if isinstance(node, dict) for n in (node.get("@graph") or [node])]
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(isinstance(kind, str) and kind in _ARTICLE_TYPES for kind in kinds):
            continue
        found = {
            "title": node.get("headline"),
            "published": node.get("datePublished"),
            "outlet": _ld_name(node.get("publisher")),
            "author": _ld_name(node.get("author")),
            "url": node.get("url"),
        }
        return {key: value for key, value in found.items() if isinstance(value, str) and value.strip()}
    return {}


def _ld_name(value: object) -> str | None:
    """The name of a JSON-LD person or organisation (a string, an object or the first of a list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------- documents


def _media_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix in JSONL_SUFFIXES:
        return "application/jsonl"
    return "text/plain"


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def documents_from_bytes(
    data: bytes, *, source: str, path: str | None, media_type: str | None = None
) -> Iterator[RawDocument | ReadProblem]:
    """Turn the bytes of one input into documents (several for JSONL) or problems."""
    if not data.strip():
        yield ReadProblem(source, "empty file")
        return
    mt = media_type or _media_type(source)
    if mt == "application/jsonl":
        yield from _jsonl_documents(data, source=source, path=path)
        return
    try:
        text, encoding = decode_bytes(data)
    except ReadFailure as exc:
        yield ReadProblem(source, str(exc))
        return
    text = _tidy_text(text)
    meta: dict[str, str] = {}
    if mt == "text/html" or (mt == "text/plain" and _looks_like_html(text)):
        mt = "text/html"
        text, meta = html_to_text(text)
    if not text.strip():
        yield ReadProblem(source, "no text (empty after decoding)" if mt != "text/html" else "no visible text in HTML")
        return
    if (problem := _not_chinese(text)) is not None:
        yield ReadProblem(source, problem)
        return
    yield RawDocument(
        source=source,
        text=text,
        encoding=encoding,
        media_type=mt,
        path=path,
        title=meta.get("title"),
        url=meta.get("url"),
        published=meta.get("published"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _jsonl_documents(data: bytes, *, source: str, path: str | None) -> Iterator[RawDocument | ReadProblem]:
    try:
        body, _enc = decode_bytes(data)
    except ReadFailure as exc:
        yield ReadProblem(source, str(exc))
        return
    raw_lines = data.split(b"\n")
    for number, line in enumerate(body.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(where, f"invalid JSON on line {number}: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield ReadProblem(where, f"line {number} is not a JSON object")
            continue
        text = obj.get("text") or obj.get("content") or obj.get("body")
        if not isinstance(text, str) or not text.strip():
            yield ReadProblem(where, f"line {number} has no non-empty 'text' field")
            continue
        mt = "text/plain"
        meta: dict[str, str] = {}
        text = _tidy_text(text)
        if _looks_like_html(text):
            text, meta = html_to_text(text)
            mt = "text/html"
        if (problem := _not_chinese(text)) is not None:
            yield ReadProblem(where, f"line {number}: {problem}")
            continue
        raw_line = raw_lines[number - 1] if number - 1 < len(raw_lines) else line.encode("utf-8")
        yield RawDocument(
            source=where,
            text=text,
            encoding="utf-8",
            media_type=mt,
            path=path,
            title=_str_or_none(obj.get("title")) or meta.get("title"),
            url=_str_or_none(obj.get("url")) or meta.get("url"),
            published=_str_or_none(obj.get("published") or obj.get("date")) or meta.get("published"),
            outlet=_str_or_none(obj.get("outlet") or obj.get("source")) or meta.get("outlet"),
            author=_str_or_none(obj.get("author")) or meta.get("author"),
            content_hash=hashlib.sha256(raw_line.rstrip(b"\r")).hexdigest(),
        )


MIN_CHINESE_CHARS = 20
"""A text with fewer Chinese characters than this is not a Chinese article (an English page, an
image gallery): pgkg's rules read Chinese, so it is reported and skipped rather than built empty."""


def _not_chinese(text: str) -> str | None:
    """Why ``text`` is not read as an article, or None."""
    count = sum(1 for _ in itertools.islice(filter(is_han, text), MIN_CHINESE_CHARS))
    if count >= MIN_CHINESE_CHARS:
        return None
    return (f"no Chinese text ({count} Chinese character{'s' if count != 1 else ''}): "
            "pgkg extracts facts from Chinese articles only")


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _read_limited(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadFailure(f"file too large ({size / 1e6:.1f} MB; limit {max_bytes / 1e6:.1f} MB)")
    return path.read_bytes()


def _iter_folder(folder: Path) -> Iterator[Path]:
    for p in sorted(folder.rglob("*"), key=lambda q: q.relative_to(folder).as_posix()):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES:
            yield p


def iter_documents(
    paths: Iterable[str | Path],
    *,
    on_problem: Callable[[ReadProblem], None],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawDocument]:
    """Yield the documents in ``paths`` (files, folders read recursively, ``-`` for stdin).

    ``source`` is the path relative to a given folder, or the file name for a
    file given directly. Problems go to ``on_problem`` and the run goes on.
    """
    for given in paths:
        if str(given) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                on_problem(ReadProblem("<stdin>", f"input too large (limit {max_bytes / 1e6:.1f} MB)"))
                continue
            yield from _emit(documents_from_bytes(data, source="<stdin>", path=None), on_problem)
            continue
        path = Path(given)
        if path.is_dir():
            for file in _iter_folder(path):
                yield from _read_file(file, file.relative_to(path).as_posix(), on_problem, max_bytes)
        elif path.exists():
            yield from _read_file(path, path.name, on_problem, max_bytes)
        else:
            on_problem(ReadProblem(str(path), "no such file or folder"))


def _emit(items: Iterable[RawDocument | ReadProblem], on_problem: Callable[[ReadProblem], None]) -> Iterator[RawDocument]:
    for item in items:
        if isinstance(item, ReadProblem):
            on_problem(item)
        else:
            yield item


def _read_file(
    path: Path, source: str, on_problem: Callable[[ReadProblem], None], max_bytes: int
) -> Iterator[RawDocument]:
    try:
        data = _read_limited(path, max_bytes)
    except ReadFailure as exc:
        on_problem(ReadProblem(source, str(exc)))
        return
    except OSError as exc:
        on_problem(ReadProblem(source, f"cannot read: {exc.strerror or exc}"))
        return
    yield from _emit(documents_from_bytes(data, source=source, path=str(path)), on_problem)


def read_document(path: str | Path, *, root: str | Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one .txt/.html file; raise :class:`pgkg.errors.InputError` if it cannot be read.

    ``source`` is the path relative to ``root`` when given, else the file name.
    A JSONL file yields its first article (use :func:`iter_documents` for all).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    source = p.relative_to(root).as_posix() if root is not None else p.name
    try:
        data = _read_limited(p, max_bytes)
    except ReadFailure as exc:
        raise InputError(f"{p}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    problems: list[ReadProblem] = []
    for item in documents_from_bytes(data, source=source, path=str(p)):
        if isinstance(item, RawDocument):
            return item
        problems.append(item)
    detail = problems[0].problem if problems else "no document"
    raise InputError(f"{p}: {detail}")
