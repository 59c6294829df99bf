"""Reading real files, bad input, encodings, HTML and JSONL."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from pgkg.errors import InputError
from pgkg.ingest.article import RawDocument, ReadProblem
from pgkg.ingest.clean import clean
from pgkg.ingest.read import decode_bytes, iter_documents, read_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
FIX = Path(__file__).parent / "fixtures"


def read_all(paths, **kw) -> tuple[list[RawDocument], list[ReadProblem]]:
    problems: list[ReadProblem] = []
    docs = list(iter_documents(paths, on_problem=problems.append, **kw))
    return docs, problems


def test_folder_read_sorted_with_relative_sources() -> None:
    docs, problems = read_all([CORPUS])
    assert problems == []
    assert [d.source for d in docs] == sorted(p.name for p in CORPUS.glob("*.txt"))
    for d in docs:
        raw = (CORPUS / d.source).read_bytes()
        assert d.content_hash == hashlib.sha256(raw).hexdigest()
        assert d.text == raw.decode("utf-8")
        assert d.encoding == "utf-8" and d.media_type == "text/plain"


def test_nested_folder_source_is_relative_path(tmp_path: Path) -> None:
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    src = next(CORPUS.glob("000_*.txt"))
    (sub / "x.txt").write_bytes(src.read_bytes())
    (tmp_path / "README.bin").write_bytes(b"\x00\x01")  # not a supported suffix: ignored in folders
    docs, problems = read_all([tmp_path])
    assert [d.source for d in docs] == ["a/b/x.txt"]
    assert problems == []


def test_bad_inputs_reported_and_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(next(CORPUS.glob("004_*.txt")).read_bytes())
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"   \n\n")
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB, generated here, never committed
        fh.truncate(50 * 1024 * 1024)
    docs, problems = read_all([tmp_path, tmp_path / "missing.txt"])
    assert [d.source for d in docs] == ["good.txt"]
    by_name = {p.path: p.problem for p in problems}
    assert "binary" in by_name["binary.txt"]
    assert "empty" in by_name["empty.txt"]
    assert "empty" in by_name["blank.txt"]
    assert "too large" in by_name["big.txt"] and "52.4 MB" in by_name["big.txt"]
    assert "no such file" in by_name[str(tmp_path / "missing.txt")]
    assert all(str(p).startswith(p.path + ": ") for p in problems)


def test_a_page_without_chinese_text_is_reported_not_built(tmp_path: Path) -> None:
    (tmp_path / "english.txt").write_text(
        "Temu tightens seller rules\n2024-10-08 | Source: Reuters\n\nTemu said it had removed more than "
        "1.2 million listings.\n", encoding="utf-8")
    (tmp_path / "gallery.html").write_text(
        "<html><body><h1>图集</h1><img src='a.jpg' alt='photo'><p>Photo 1 / 12</p></body></html>", encoding="utf-8")
    seed = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"text": "Seller rules updated."}) + "\n" + json.dumps({"text": seed}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    docs, problems = read_all([tmp_path])
    assert [d.source for d in docs] == ["batch.jsonl#2"]
    by_name = {p.path: p.problem for p in problems}
    assert by_name["english.txt"].startswith("no Chinese text (0 Chinese characters)")
    assert by_name["gallery.html"].startswith("no Chinese text (2 Chinese characters)")
    assert by_name["batch.jsonl#1"].startswith("line 1: no Chinese text")


def test_size_limit_is_a_keyword(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(next(CORPUS.glob("000_*.txt")).read_bytes())
    docs, problems = read_all([f], max_bytes=1000)
    assert docs == [] and "too large" in problems[0].problem


def test_invalid_utf8_fixture_is_a_clear_problem_and_others_continue() -> None:
    docs, problems = read_all([FIX / "invalid_utf8.txt", FIX / "gbk_004.txt"])
    assert [d.source for d in docs] == ["gbk_004.txt"]
    assert problems[0].path == "invalid_utf8.txt"
    assert "UTF-8" in problems[0].problem and "offset 40" in problems[0].problem


def test_truncated_utf8_tail_is_kept_with_replacement() -> None:
    text = next(CORPUS.glob("000_*.txt")).read_text(encoding="utf-8")
    data = text.encode("utf-8")[:-1]  # cut inside the last multi-byte char
    decoded, enc = decode_bytes(data)
    assert enc.startswith("utf-8") and decoded.startswith(text[:200])


def test_gbk_fixture_decodes_to_the_seed_sentences() -> None:
    doc = read_document(FIX / "gbk_004.txt")
    seed = next(CORPUS.glob("004_*.txt")).read_text(encoding="utf-8")
    assert doc.encoding in {"gb18030", "gbk", "gb2312"}
    for line in doc.text.splitlines():
        assert line in seed
    article = clean(doc)
    assert article.meta.title == "新消费场景之下,电商行业信任建设逐步驶入规范期"
    assert article.meta.published == "2023-03-02"
    assert any("拦截次数达2516万次" in s.text for s in article.sentences)


def test_big5_fixture_decodes_and_normalises_to_simplified() -> None:
    doc = read_document(FIX / "big5_000.txt")
    assert doc.encoding == "big5"
    assert "攔截了超300萬件劣質商品" in doc.text
    article = clean(doc)
    assert article.meta.published == "2023-08-25"
    assert any("拦截了超300万件劣质商品" in s.norm for s in article.sentences)
    assert article.meta.outlet in {"證券日報", "证券日报"}


def test_html_fixture_script_never_in_output() -> None:
    doc = read_document(FIX / "page_000.html")
    assert doc.media_type == "text/html"
    assert doc.title and doc.title.startswith("抖音电商开放日")
    for junk in ("WhatsApp", "超999万件", "注入脚本", "888", "color:red"):
        assert junk not in doc.text
    article = clean(doc)
    assert article.meta.title == "抖音电商开放日:打造全链路购物好体验 持续满足消费者真实需求"
    assert article.meta.outlet == "证券日报"
    assert any("拦截了超300万件劣质商品" in s.text for s in article.sentences)
    assert not any("Copyright" in s.text or "新闻中心" in s.text for s in article.sentences)


@pytest.mark.parametrize("hidden", [
    '<div style="display:none">加微信 vip8888 领取优惠券，平台已为消费者赔付超900万元</div>',
    '<p style="color:#fff; visibility: hidden">加微信 vip8888 领取优惠券，平台已为消费者赔付超900万元</p>',
    '<span hidden>加微信 vip8888 领取优惠券，平台已为消费者赔付超900万元</span>',
    '<div aria-hidden="true"><p>加微信 vip8888 领取优惠券，平台已为消费者赔付超900万元</p></div>',
])
def test_html_text_a_page_hides_is_not_read(tmp_path: Path, hidden: str) -> None:
    """Text set into the fixture's body where no reader sees it: not in the text, its figure in no fact."""
    page = (FIX / "page_000.html").read_text(encoding="utf-8")
    at = page.index("<p>商品和内容方面")
    f = tmp_path / "page.html"
    f.write_text(page[:at] + hidden + page[at:], encoding="utf-8")
    doc = read_document(f)
    assert "vip8888" not in doc.text and "拦截了超300万件劣质商品" in doc.text
    assert doc.text == read_document(FIX / "page_000.html").text


def _with_head(extra: str, *, drop_meta_line: bool = False) -> bytes:
    """The HTML fixture with ``extra`` markup in its <head> (and without its 来源 line)."""
    page = (FIX / "page_000.html").read_text(encoding="utf-8")
    if drop_meta_line:
        page = page.replace('<div class="meta">2023-08-25 18:58:52 来源:证券日报</div>', "")
    return page.replace("</head>", extra + "</head>", 1).encode("utf-8")


LINKED_DATA = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
               '{"@type": "WebSite", "name": "站点"}, {"@type": ["NewsArticle"], "headline": "抖音电商开放日",'
               ' "datePublished": "2023-08-25T18:58:52+08:00", "author": [{"@type": "Person", "name": "李想"}],'
               ' "publisher": {"@type": "Organization", "name": "证券日报网"}}]}</script>')


def test_html_site_name_and_linked_data_give_outlet_author_and_date(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(_with_head(LINKED_DATA, drop_meta_line=True))
    doc = read_document(f)
    assert (doc.outlet, doc.author, doc.published) == ("证券日报网", "李想", "2023-08-25T18:58:52+08:00")
    meta = clean(doc).meta
    assert (meta.outlet, meta.author, meta.published) == ("证券日报网", "李想", "2023-08-25")
    f.write_bytes(_with_head('<meta property="og:site_name" content="证券日报网"><meta name="author" content="李想">',
                             drop_meta_line=True))
    assert (read_document(f).outlet, read_document(f).author) == ("证券日报网", "李想")


def test_the_pages_own_source_line_names_the_outlet_before_the_markup(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(_with_head('<meta property="og:site_name" content="新浪财经">'))  # a portal reposting it
    assert clean(read_document(f)).meta.outlet == "证券日报"


@pytest.mark.parametrize("block", [
    "{not json", "[" * 5000 + "]" * 5000, '{"@type": "NewsArticle", "headline": 3, "author": {"name": ["x"]}}',
    '"a string"', '{"@type": {"x": 1}}', '{"@type": [{"x": 1}, "NewsArticle"], "publisher": [], "author": [[]]}',
    '{"@graph": "NewsArticle"}', '{"@type": "NewsArticle", "description": "' + "长" * 200_000 + '"}', "",
])
def test_hostile_linked_data_is_ignored(tmp_path: Path, block: str) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(_with_head(f'<script type="application/ld+json">{block}</script>'))
    doc = read_document(f)
    assert (doc.outlet, doc.author) == (None, None)
    assert clean(doc).meta.outlet == "证券日报"


def test_jsonl_one_article_per_line_with_bad_line(tmp_path: Path) -> None:
    seeds = sorted(CORPUS.glob("*.txt"))
    lines = [
        json.dumps({"text": seeds[0].read_text(encoding="utf-8"), "url": "https://example.org/a", "date": "2023-08-25"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}, ensure_ascii=False),
        json.dumps({"text": seeds[4].read_text(encoding="utf-8"), "title": "T", "outlet": "新华网", "author": "张三"},
                   ensure_ascii=False),
    ]
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read_all([f])
    assert [d.source for d in docs] == ["batch.jsonl#1", "batch.jsonl#4"]
    assert docs[0].url == "https://example.org/a" and docs[0].published == "2023-08-25"
    assert (docs[1].title, docs[1].outlet, docs[1].author) == ("T", "新华网", "张三")
    assert docs[0].content_hash == hashlib.sha256(lines[0].encode("utf-8")).hexdigest()
    assert [p.path for p in problems] == ["batch.jsonl#2", "batch.jsonl#3"]
    assert "invalid JSON" in problems[0].problem and "'text'" in problems[1].problem


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = next(CORPUS.glob("003_*.txt")).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs, problems = read_all(["-"])
    assert problems == [] and docs[0].source == "<stdin>" and docs[0].path is None
    assert docs[0].content_hash == hashlib.sha256(data).hexdigest()


def test_read_document_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: empty file"):
        read_document(empty)
    assert InputError.exit_code == 3


def test_read_document_source_relative_to_root() -> None:
    f = next(CORPUS.glob("002_*.txt"))
    assert read_document(f, root=ROOT).source == f"examples/corpus/{f.name}"
    assert read_document(f).source == f.name
