"""``render``: the store as offline, self-contained HTML pages.

Pages: ``graph.html`` (whole graph), ``platform-<key>.html`` (ego network of
every platform an article reports on) and ``index.html`` (policy matrix,
figures table, links). vis-network's JS and CSS are read from the installed
pyvis package and inlined, with URLs in comments and strings neutralised, so
no generated file refers to the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Mapping, Sequence
from urllib.parse import quote, unquote

import networkx as nx
import pyoxigraph as ox

from pgkg.errors import InputError, PgkgError
from pgkg.ontology.lexicon import Lexicon, load_lexicon

from .extract import GraphData, read_graph
from .fold import fold
from .network import build_graph, ego_graph, fold_strongest, layout, memberships
from .page import (
    Assets,
    PlatformView,
    ViewOptions,
    controls_html,
    graph_html,
    graph_payload,
    index_html,
    legend_html,
    nav_html,
)

VIS_DIR = "lib/vis-9.1.2"
SEED_POSITIONS_ABOVE = 200
"""Graphs with physics on but more nodes than this start from networkx positions (shorter stabilisation)."""
_SOURCE_MAP = re.compile(r"(?://[#@]\s*sourceMappingURL=[^\s*]*)|(?:/\*[#@]\s*sourceMappingURL=[^*]*\*/)")
_SCHEME = re.compile(r"https?:(?=//)(?!//www\.w3\.org/(?:2000/svg|1999/xhtml|1999/xlink)\b)", re.IGNORECASE)
_PROTOCOL_RELATIVE = re.compile(r"""((?:src|href)\s*=\s*["']?|url\(\s*["']?)//""", re.IGNORECASE)
_SAFE_KEY = re.compile(r"[A-Za-z0-9_.-]+")


def neutralise_urls(text: str) -> str:
    """Drop source-map comments and the scheme of every absolute URL except XML namespaces."""
    text = _SOURCE_MAP.sub("", text)
    text = _PROTOCOL_RELATIVE.sub(r"\1./", text)
    return _SCHEME.sub("", text)


def inline_safe(code: str, tag: str) -> str:
    """Text that cannot close the ``<script>``/``<style>`` element it is inlined in."""
    return re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)


def _read(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def load_assets() -> Assets:
    """Template, vis-network (from the installed pyvis) and the page script and style."""
    return Assets(
        template=_read("pgkg.viz", "assets/page.html"),
        vis_js=inline_safe(neutralise_urls(_read("pyvis", f"{VIS_DIR}/vis-network.min.js")), "script"),
        vis_css=inline_safe(neutralise_urls(_read("pyvis", f"{VIS_DIR}/vis-network.css")), "style"),
        app_js=inline_safe(_read("pgkg.viz", "assets/app.js"), "script"),
        app_css=inline_safe(_read("pgkg.viz", "assets/app.css"), "style"),
    )


def platform_filename(key: str) -> str:
    safe = key if _SAFE_KEY.fullmatch(key) else quote(key, safe="")
    return f"platform-{safe}.html"


def platform_views(data: GraphData) -> list[PlatformView]:
    """One view per platform that some article reports on, ordered by key."""
    reported = {e.target for e in data.edges if e.relation == "reportsOn"}
    views = []
    for node_id in reported:
        rec = data.nodes[node_id]
        key = rec.key or unquote(node_id.rsplit("/", 1)[-1])
        views.append(PlatformView(node_id, key, rec.label, rec.en, platform_filename(key)))
    return sorted(views, key=lambda v: v.key)


def _names(view: PlatformView, data: GraphData, lexicon: Lexicon) -> set[str]:
    rec = data.nodes[view.node_id]
    names = {view.key, view.zh, view.en or "", *rec.alt}
    entry = lexicon.platforms.get(view.key)
    if entry is not None:
        names |= {entry.key, *entry.names}
    return {fold(n).replace(" ", "") for n in names if n}


def resolve_platform(name: str, views: Sequence[PlatformView], data: GraphData, lexicon: Lexicon) -> PlatformView:
    """The view named by ``name`` (zh, English, key or alias; simplified or traditional)."""
    wanted = fold(name.strip()).replace(" ", "")
    for view in views:
        if wanted in _names(view, data, lexicon):
            return view
    known = ", ".join(f"{v.zh} ({v.key})" for v in views) or "none"
    raise InputError(f"unknown platform {name!r}: known platforms with articles in the store: {known}")


def _area_names(lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    return {key: (entry.zh, entry.en) for key, entry in lexicon.areas.items()}


def _notice(summarised: bool, physics: bool, original: int, shown: int, folded: int | None = None) -> str:
    """The page's notice; ``folded``: the nodes left once figures were folded, when more than ``shown``
    (the page then shows only the ``shown`` strongest of them)."""
    if folded is not None:
        return (
            f"图较大({original} 个节点):数据已并入其指标({folded} 个节点),仅显示其中 {shown} 个"
            "(先平台、措施、指标、角色、机构、人物,后文章;各类中关系最多者优先),位置已预先计算,物理模拟关闭。"
            f" Large graph ({original} nodes): figures folded into their metrics ({folded} nodes), of which only"
            f" {shown} are shown (platforms, measures, metrics, roles, organisations and people before articles,"
            " the most connected first), positions precomputed, physics off. Ask the rest with `pgkg query`."
        )
    if summarised:
        return (
            f"图较大({original} 个节点),数据已并入其指标({shown} 个节点),位置已预先计算,物理模拟关闭。"
            f" Large graph ({original} nodes): figures folded into their metrics ({shown} nodes),"
            " positions precomputed, physics off."
        )
    return "" if physics else "位置已预先计算 · positions precomputed, physics off."


@dataclass(frozen=True, slots=True)
class _Site:
    """What every page of one render call shares."""

    data: GraphData
    views: Sequence[PlatformView]
    member: Mapping[str, list[str]]
    areas: Mapping[str, tuple[str, str]]
    assets: Assets
    links: Sequence[tuple[str, str]]
    max_nodes: int
    page_max_nodes: int


def _page(sub: nx.MultiDiGraph, site: _Site, *, title: str, view: PlatformView | None) -> str:
    """One graph page: summarised and laid out by networkx when ``sub`` exceeds ``max_nodes`` (or
    ``page_max_nodes``), then cut to its ``page_max_nodes`` strongest nodes if it still exceeds that."""
    large = sub.number_of_nodes() > min(site.max_nodes, site.page_max_nodes)
    # folded and cut in one step: the whole folded graph is not built when it would be cut (a graph
    # that is not large has at most page_max_nodes nodes: nothing to cut)
    shown, n_folded = fold_strongest(sub, site.page_max_nodes) if large else (sub, sub.number_of_nodes())
    positions = layout(shown) if large or shown.number_of_nodes() > SEED_POSITIONS_ABOVE else None
    options = ViewOptions(
        title=title,
        view="platform" if view else "graph",
        platform=view.key if view else None,
        summarised=large,
        physics=not large,
        original_nodes=sub.number_of_nodes(),
        original_edges=sub.number_of_edges(),
    )
    payload = graph_payload(shown, site.data, options=options, platforms=site.member, positions=positions, areas=site.areas)
    return graph_html(
        site.assets,
        payload,
        controls=controls_html(shown, site.views, site.areas, platform_filter=view is None),
        legend=legend_html(shown, site.areas),
        nav=nav_html(site.links),
        notice=_notice(large, not large, sub.number_of_nodes(), shown.number_of_nodes(),
                       n_folded if shown.number_of_nodes() < n_folded else None),
    )


def render(
    store: ox.Store,
    *,
    out_dir: Path,
    platform: str | None = None,
    max_nodes: int = 1500,
    page_max_nodes: int = 5000,
    max_figures: int = 2000,
    on_step: Callable[[str], None] = lambda step: None,
) -> list[Path]:
    """Write the graph pages and the index for ``store`` into ``out_dir``; return the written paths.

    With ``platform`` (zh or English name or lexicon key, simplified or
    traditional) only that platform's view and the index are written; an
    unknown platform raises :class:`~pgkg.errors.InputError` naming the known ones. ``on_step`` is
    told each step as it starts (reading the graph, then each page).
    """
    for name, value in (("max_nodes", max_nodes), ("page_max_nodes", page_max_nodes), ("max_figures", max_figures)):
        if value < 1:
            raise InputError(f"{name} must be positive, got {value}")
    lexicon = load_lexicon()
    on_step("reading the graph from the store")
    data = read_graph(store)
    views = platform_views(data)
    chosen = [resolve_platform(platform, views, data, lexicon)] if platform is not None else views
    areas = _area_names(lexicon)
    assets = load_assets()
    g = build_graph(data)
    member = memberships(g, {v.node_id: v.key for v in views})

    pages: list[tuple[str, str]] = []  # (file name, link text)
    if platform is None:
        pages.append(("graph.html", "全图 · whole graph"))
    pages += [(v.filename, f"{v.zh} · {v.en or v.key}") for v in chosen]
    links = [("index.html", "索引 · index"), *pages]

    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PgkgError(f"cannot create output folder {out_dir}: {exc.strerror or exc}") from exc
    written: list[Path] = []
    site = _Site(data, views, member, areas, assets, links, max_nodes, page_max_nodes)
    if platform is None:
        on_step(f"drawing graph.html ({g.number_of_nodes():,} nodes)")
        html = _page(g, site, title="平台治理知识图谱 · platform governance graph", view=None)
        written.append(_write(out_dir / "graph.html", html))
    for i, v in enumerate(chosen, 1):
        on_step(f"drawing {v.filename} ({i} of {len(chosen)})")
        html = _page(ego_graph(g, v.node_id), site, title=f"{v.zh} · {v.en or v.key} — 平台视图 platform view", view=v)
        written.append(_write(out_dir / v.filename, html))
    on_step("writing index.html")
    written.append(_write(out_dir / "index.html", index_html(data, areas=areas, links=links, max_figures=max_figures)))
    return written


def _write(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PgkgError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
