"""HTML of the graph pages and the index page (pure string building).

Data from articles reaches a page only two ways: escaped with
``html.escape`` in markup built here, or as JSON inside
``<script type="application/json">`` with ``< > &`` and U+2028/U+2029 escaped
(:func:`embed_json`), which the page script reads with ``JSON.parse`` and
shows with ``textContent``. Nothing from the data becomes code, a URL or a
vis-network ``title``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx

from .extract import GraphData, NodeRec
from .fold import fold, t2s_map
from .style import CATEGORY_COLORS, CLASS_BY_KEY, CLASSES, FAINT_RELATIONS, NO_CATEGORY_COLOR, RELATIONS, node_color, node_size

LABEL_MAX = 18
EVIDENCE_MAX = 3
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


@dataclass(frozen=True, slots=True)
class Assets:
    """Static text inlined into every graph page (see ``render.load_assets``)."""

    template: str
    vis_js: str
    vis_css: str
    app_js: str
    app_css: str


@dataclass(frozen=True, slots=True)
class PlatformView:
    node_id: str
    key: str
    zh: str
    en: str | None
    filename: str


@dataclass(frozen=True, slots=True)
class ViewOptions:
    title: str
    view: str  # "graph" or "platform"
    platform: str | None
    summarised: bool
    physics: bool
    original_nodes: int
    original_edges: int


def embed_json(value: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` element (and inert as HTML)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for raw, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{{NAME}}`` placeholders in one pass (inserted text is never rescanned)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def short_label(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def area_names(areas: Mapping[str, tuple[str, str]], key: str | None) -> tuple[str, str]:
    """(zh, en) name of a governance area key; the key itself when unknown; 未分类 for None."""
    if key is None:
        return "未分类", "uncategorised"
    return areas.get(key, (key, key))


def _search_text(rec: NodeRec) -> str:
    parts = [rec.label, rec.zh or "", rec.en or "", rec.key or "", *rec.alt]
    if rec.kind == "observation":
        parts.append(rec.attr("surfaceForm") or "")
    return fold(" ".join(p for p in parts if p))


def _node_json(
    g: nx.MultiDiGraph,
    n: str,
    index: Mapping[str, int],
    articles: Mapping[str, int],
    platforms: Mapping[str, list[str]],
    positions: Mapping[str, tuple[float, float]] | None,
) -> dict[str, Any]:
    rec: NodeRec = g.nodes[n]["rec"]
    collapsed = g.nodes[n].get("collapsed", 0)
    label = short_label(rec.label) + (f" ×{collapsed}" if collapsed else "")
    out: dict[str, Any] = {
        "id": index[n],
        "kind": rec.kind,
        "label": label,
        "zh": rec.zh,
        "en": rec.en,
        "subclass": rec.subclass,
        "category": rec.category,
        "attrs": [list(a) for a in rec.attrs],
        "evidence": [[e.sentence, articles.get(e.article or "", -1)] for e in rec.evidence[:EVIDENCE_MAX]],
        "evidenceTotal": len(rec.evidence),
        "sources": len(rec.sources),
        "collapsed": collapsed,
        "platforms": platforms.get(n, []),
        "search": _search_text(rec),
        "color": node_color(rec.kind, rec.category),
        "shape": CLASS_BY_KEY[rec.kind].shape,
        "size": node_size(g.degree(n)),
    }
    if positions is not None:
        out["x"], out["y"] = positions[n]
    return out


def graph_payload(
    g: nx.MultiDiGraph,
    data: GraphData,
    *,
    options: ViewOptions,
    platforms: Mapping[str, list[str]],
    positions: Mapping[str, tuple[float, float]] | None,
    areas: Mapping[str, tuple[str, str]],
) -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data (node ids are small integers)."""
    nodes = list(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    used = sorted({e.article for n in nodes for e in g.nodes[n]["rec"].evidence[:EVIDENCE_MAX] if e.article})
    art_index = {a: i for i, a in enumerate(used)}
    pair_count: Counter[frozenset[str]] = Counter(frozenset((u, v)) for u, v in g.edges())
    pair_seen: Counter[frozenset[str]] = Counter()
    edges = []
    for i, (u, v, rel, attrs) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        pair = frozenset((u, v))
        pair_seen[pair] += 1
        edges.append(
            {
                "id": i,
                "from": index[u],
                "to": index[v],
                "rel": rel,
                "count": attrs.get("count", 1),
                "faint": rel in FAINT_RELATIONS,
                "bend": pair_seen[pair] - 1 if pair_count[pair] > 1 else -1,
            }
        )
    node_json = [_node_json(g, n, index, art_index, platforms, positions) for n in nodes]
    return {
        "meta": {
            "title": options.title,
            "view": options.view,
            "platform": options.platform,
            "summarised": options.summarised,
            "physics": options.physics,
            "originalNodes": options.original_nodes,
            "originalEdges": options.original_edges,
        },
        "classes": {c.key: {"zh": c.zh, "en": c.en, "symbol": c.symbol} for c in CLASSES},
        "relations": {k: {"zh": zh, "en": en} for k, (zh, en) in RELATIONS.items()},
        "categories": {
            (c or "__none__"): dict(zip(("zh", "en"), area_names(areas, c)))
            for c in sorted({g.nodes[n]["rec"].category for n in nodes}, key=lambda c: c or "")
        },
        "articles": [
            {"title": data.articles[a].title, "outlet": data.articles[a].outlet, "issued": data.articles[a].issued}
            for a in used
        ],
        "t2s": t2s_map(n["search"] for n in node_json),
        "nodes": node_json,
        "edges": edges,
    }


def _option(value: str, text: str, selected: bool = False) -> str:
    sel = " selected" if selected else ""
    return f'<option value="{escape(value)}"{sel}>{escape(text)}</option>'


def controls_html(
    g: nx.MultiDiGraph,
    views: Sequence[PlatformView],
    areas: Mapping[str, tuple[str, str]],
    *,
    platform_filter: bool,
) -> str:
    """Filter, search, reset and physics controls plus the legend, for the kinds present in ``g``."""
    kinds = {g.nodes[n]["rec"].kind for n in g}
    cats = sorted({g.nodes[n]["rec"].category for n in g if g.nodes[n]["rec"].kind == "policy"}, key=lambda c: (c is None, c or ""))
    parts = []
    if platform_filter:
        opts = [_option("", "全部平台 · all platforms")] + [_option(v.key, f"{v.zh} · {v.en or v.key}") for v in views]
        parts.append(f'<label>平台 platform <select id="f-platform">{"".join(opts)}</select></label>')
    copts = [_option("", "全部类别 · all categories")] + [
        _option(c or "__none__", " · ".join(area_names(areas, c))) for c in cats
    ]
    parts.append(f'<label>类别 category <select id="f-category">{"".join(copts)}</select></label>')
    parts.append('<input id="f-search" type="search" placeholder="搜索 search (简/繁)" autocomplete="off">')
    parts.append('<button id="f-reset" type="button">重置 reset</button>')
    parts.append('<button id="f-physics" type="button" aria-pressed="false">物理 physics</button>')
    boxes = "".join(
        f'<label class="cls"><input type="checkbox" value="{escape(c.key)}" checked>'
        f'<span class="sym" style="color:{escape(c.color)}">{escape(c.symbol)}</span> {escape(c.zh)} {escape(c.en)}</label>'
        for c in CLASSES
        if c.key in kinds
    )
    parts.append(f'<fieldset id="f-classes"><legend>类型 class</legend>{boxes}</fieldset>')
    return "\n".join(parts)


def legend_html(g: nx.MultiDiGraph, areas: Mapping[str, tuple[str, str]]) -> str:
    kinds = {g.nodes[n]["rec"].kind for n in g}
    cats = sorted({g.nodes[n]["rec"].category for n in g if g.nodes[n]["rec"].kind == "policy"}, key=lambda c: (c is None, c or ""))
    items = [
        f'<li><span class="sym" style="color:{escape(c.color)}">{escape(c.symbol)}</span> {escape(c.zh)} · {escape(c.en)}</li>'
        for c in CLASSES
        if c.key in kinds
    ]
    items += [
        f'<li><span class="sym" style="color:{escape(CATEGORY_COLORS.get(c or "", NO_CATEGORY_COLOR))}">●</span> '
        f'{escape(" · ".join(area_names(areas, c)))}</li>'
        for c in cats
    ]
    return f'<ul id="legend">{"".join(items)}</ul>'


def nav_html(links: Sequence[tuple[str, str]]) -> str:
    return " ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for href, text in links)


def graph_html(
    assets: Assets,
    payload: Mapping[str, Any],
    *,
    controls: str,
    legend: str,
    nav: str,
    notice: str,
) -> str:
    """A complete, self-contained graph page."""
    return fill(
        assets.template,
        {
            "TITLE": escape(payload["meta"]["title"]),
            "NAV": nav,
            "CONTROLS": controls,
            "LEGEND": legend,
            "NOTICE": escape(notice),
            "VIS_CSS": assets.vis_css,
            "APP_CSS": assets.app_css,
            "DATA": embed_json(payload),
            "VIS_JS": assets.vis_js,
            "APP_JS": assets.app_js,
        },
    )


# --- index page --------------------------------------------------------------------------

_INDEX_CSS = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}nav a{margin-right:1rem}small{color:#666}"""


def policy_matrix(data: GraphData) -> tuple[list[str], list[str | None], dict[tuple[str, str | None], int]]:
    """(row platform ids, column categories, counts) of distinct policies; row "" = no announcing platform."""
    announcers: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        if e.relation == "announces":
            announcers[e.target].add(e.source)
    counts: Counter[tuple[str, str | None]] = Counter()
    for rec in data.nodes.values():
        if rec.kind == "policy":
            for p in sorted(announcers.get(rec.id, {""})):
                counts[(p, rec.category)] += 1
    rows = sorted({p for p, _ in counts}, key=lambda p: (p == "", data.nodes[p].label if p else ""))
    cols = sorted({c for _, c in counts}, key=lambda c: (c is None, c or ""))
    return rows, cols, dict(counts)


@dataclass(frozen=True, slots=True)
class FigureRow:
    platform: str
    metric: str
    value: str
    surface: str
    unit: str
    period: str
    title: str
    outlet: str
    issued: str


def figure_rows(data: GraphData) -> list[FigureRow]:
    """One row per observation and source article."""
    out_edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for e in data.edges:
        out_edges[e.source][e.relation].append(e.target)
    rows = []
    for rec in data.nodes.values():
        if rec.kind != "observation":
            continue
        plat = ", ".join(sorted(data.nodes[p].label for p in out_edges[rec.id]["ofPlatform"]))
        metric = ", ".join(sorted(data.nodes[m].label for m in out_edges[rec.id]["ofMetric"])) or rec.label
        value = " ".join(x for x in (rec.attr("value") or "", _qualifier(rec)) if x)
        for a in sorted(rec.sources) or [""]:
            art = data.articles.get(a)
            rows.append(
                FigureRow(
                    platform=plat,
                    metric=metric,
                    value=value,
                    surface=rec.attr("surfaceForm") or "",
                    unit=rec.attr("unit") or "",
                    period=rec.attr("period") or "",
                    title=art.title if art else "",
                    outlet=(art.outlet or "") if art else "",
                    issued=(art.issued or "") if art else "",
                )
            )
    return sorted(rows, key=lambda r: (r.platform, r.metric, r.issued, r.value))


def _qualifier(rec: NodeRec) -> str:
    marks = {"over": "(超 over)", "approx": "(约 approx)", "under": "(不足 under)"}
    change = {"increase": "↑", "decrease": "↓"}
    return " ".join(x for x in (marks.get(rec.attr("qualifier") or "", ""), change.get(rec.attr("change") or "", "")) if x)


def _cells(values: Iterable[str], tag: str = "td") -> str:
    return "".join(f"<{tag}>{escape(v)}</{tag}>" for v in values)


def latest_figures(rows: list[FigureRow], limit: int) -> list[FigureRow]:
    """The ``limit`` most recently published of ``rows`` (undated last; ties in table order), in table order."""
    if len(rows) <= limit:
        return rows
    # (reverse keeps the sort stable: equal keys stay in table order)
    ranked = sorted(range(len(rows)), key=lambda i: (rows[i].issued != "", rows[i].issued), reverse=True)
    return [rows[i] for i in sorted(ranked[:limit])]


def index_html(
    data: GraphData,
    *,
    areas: Mapping[str, tuple[str, str]],
    links: Sequence[tuple[str, str]],
    max_figures: int = 2000,
) -> str:
    """The index page: policy matrix, figures table (the ``max_figures`` most recently published,
    and how many there are) and links to the graph pages. No script."""
    rows, cols, counts = policy_matrix(data)
    head = "<tr><th>平台 platform</th>" + _cells((" · ".join(area_names(areas, c)) for c in cols), "th") + "<th>合计 total</th></tr>"
    body = []
    for p in rows:
        name = data.nodes[p].label if p else "无平台(法规等) · no platform"
        nums = [counts.get((p, c), 0) for c in cols]
        cells = "".join(f'<td class="n">{n or ""}</td>' for n in nums)
        body.append(f"<tr><th>{escape(name)}</th>{cells}<td class=\"n\">{sum(nums)}</td></tr>")
    every = figure_rows(data)
    shown = latest_figures(every, max_figures)
    figures = [
        "<tr>"
        + _cells((r.platform, r.metric, r.value, r.surface, r.unit, r.period))
        + f"<td>{escape(r.title)}<br><small>{escape(' · '.join(x for x in (r.outlet, r.issued) if x))}</small></td></tr>"
        for r in shown
    ]
    omitted = (
        f'<p id="figures-omitted">仅列出最近发布的 {len(shown):,} 条,共 {len(every):,} 条 · the {len(shown):,} most recently'
        f" published of {len(every):,} figures (all of them: the <code>\"kind\": \"observation\"</code> rows of"
        f" <code>facts.jsonl</code>; one metric's: <code>pgkg query OUT -n metric_figures -p metric=…</code>)</p>"
        if len(shown) < len(every) else ""
    )
    fig_head = _cells(("平台 platform", "指标 metric", "数值 value", "原文 as written", "单位 unit", "时期 period", "来源 source"), "th")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>pgkg · 平台治理知识图谱</title><style>{_INDEX_CSS}</style></head><body>"
        "<h1>平台治理知识图谱 <small>platform governance knowledge graph</small></h1>"
        f"<nav>{nav_html(links)}</nav>"
        f"<p>{len(data.articles)} 篇文章 articles · {len(data.nodes)} 个节点 nodes · {len(data.edges)} 条关系 relations</p>"
        "<h2>治理措施 · measures by platform and category</h2>"
        f"<table id=\"matrix\"><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
        "<h2>数据 · figures</h2>"
        f"{omitted}"
        f"<table id=\"figures\"><thead><tr>{fig_head}</tr></thead><tbody>{''.join(figures)}</tbody></table>"
        "</body></html>\n"
    )
