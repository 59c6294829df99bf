/* pgkg graph page. Reads the JSON embedded by pgkg.viz and drives vis-network.
   All text from the data reaches the DOM through textContent only; nothing is
   passed to vis-network as a title (its tooltips would use innerHTML). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("pgkg-data").textContent);
  var T2S = data.t2s || {};
  var has = Object.prototype.hasOwnProperty;
  var ATTR_NAMES = {
    value: "数值 value", unit: "单位 unit", qualifier: "限定 qualifier", change: "变化 change",
    period: "时期 period", surfaceForm: "原文 as written", role: "职务 role", outlet: "媒体 outlet",
    issued: "日期 date"
  };

  function fold(text) {
    var out = "";
    var chars = Array.from(String(text).normalize("NFKC").toLowerCase());
    for (var i = 0; i < chars.length; i++) {
      out += has.call(T2S, chars[i]) ? T2S[chars[i]] : chars[i];
    }
    return out;
  }

  var byId = new Map();
  var adjacent = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); adjacent.set(n.id, []); });
  data.edges.forEach(function (e) { adjacent.get(e.from).push(e.to); adjacent.get(e.to).push(e.from); });

  function visNode(n) {
    var node = {
      id: n.id, label: n.label, shape: n.shape, size: n.size, borderWidth: 1,
      color: { background: n.color, border: "#444", highlight: { background: n.color, border: "#000" },
               hover: { background: n.color, border: "#000" } },
      font: { size: 12, color: "#222", strokeWidth: 2, strokeColor: "#fff" }
    };
    if (typeof n.x === "number") { node.x = n.x; node.y = n.y; }
    return node;
  }

  function visEdge(e) {
    var rel = data.relations[e.rel];
    var text = rel ? rel.en : String(e.rel);
    if (e.count > 1) { text += " \u00d7" + e.count; }
    var edge = {
      id: e.id, from: e.from, to: e.to, label: text, arrows: "to", dashes: !!e.faint,
      width: e.faint ? 0.6 : 1.2,
      color: { color: e.faint ? "#c9c9c9" : "#8a8a8a", highlight: "#222", hover: "#222" },
      font: { size: 9, color: "#555", strokeWidth: 2, strokeColor: "#fff", align: "middle" },
      smooth: false
    };
    if (e.bend >= 0) { edge.smooth = { enabled: true, type: "curvedCW", roundness: 0.15 + 0.2 * e.bend }; }
    return edge;
  }

  var state = { platform: "", category: "", query: "", classes: new Set(Object.keys(data.classes)) };
  var visible = new Set(data.nodes.map(function (n) { return n.id; }));
  var matches = [];

  function compute() {
    var base = [];
    data.nodes.forEach(function (n) {
      if (!state.classes.has(n.kind)) { return; }
      if (state.platform && n.platforms.indexOf(state.platform) < 0) { return; }
      if (state.category && n.kind === "policy" && (n.category || "__none__") !== state.category) { return; }
      base.push(n.id);
    });
    var allowed = new Set(base);
    var q = fold(state.query.trim());
    if (!q) { return { visible: allowed, matches: [] }; }
    var found = base.filter(function (id) { return byId.get(id).search.indexOf(q) >= 0; });
    var shown = new Set(found);
    found.forEach(function (id) {
      adjacent.get(id).forEach(function (m) { if (allowed.has(m)) { shown.add(m); } });
    });
    return { visible: shown, matches: found };
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visible.has(e.from) && visible.has(e.to); } });
  var big = !data.meta.physics;
  var seeded = data.nodes.length > 0 && typeof data.nodes[0].x === "number";
  var physicsOn = !!data.meta.physics;
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { improvedLayout: data.nodes.length <= 100, randomSeed: 7 },
    physics: {
      enabled: physicsOn, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, springLength: 120, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: seeded ? 60 : 250, fit: true }
    },
    interaction: { hover: true, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: true },
    nodes: { scaling: { label: { drawThreshold: 5 } } },
    edges: { scaling: { label: { drawThreshold: 7 } } }
  });
  var firstDraw = null;
  network.once("afterDrawing", function () { firstDraw = performance.now(); });
  if (physicsOn) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); setPhysics(false); });
  }

  // ---- details panel and tooltip (textContent only) --------------------------------------
  var details = document.getElementById("details");
  var tooltip = document.getElementById("tooltip");

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function typeText(n) {
    var cls = data.classes[n.kind];
    var text = cls ? cls.zh + " · " + cls.en : n.kind;
    return n.subclass ? text + " (" + n.subclass + ")" : text;
  }

  function categoryText(key) {
    var cat = data.categories[key || "__none__"];
    return cat ? cat.zh + " · " + cat.en : String(key);
  }

  function sourceText(idx) {
    var a = data.articles[idx];
    if (!a) { return ""; }
    return [a.title, a.outlet, a.issued].filter(function (x) { return x; }).join(" · ");
  }

  function showDetails(id) {
    var n = byId.get(id);
    details.replaceChildren();
    if (!n) { details.appendChild(el("p", "点击节点查看详情 · click a node for details", "hint")); return; }
    details.appendChild(el("h2", n.zh || n.en || n.label));
    var dl = el("dl");
    function row(name, value) {
      if (value === null || value === undefined || value === "") { return; }
      dl.appendChild(el("dt", name));
      dl.appendChild(el("dd", value));
    }
    row("中文 zh", n.zh);
    row("English", n.en);
    row("类型 type", typeText(n));
    if (n.kind === "policy") { row("类别 category", categoryText(n.category)); }
    n.attrs.forEach(function (a) { row(ATTR_NAMES[a[0]] || a[0], a[1]); });
    if (n.collapsed) { row("合并数据 figures", n.collapsed); }
    row("来源数 sources", n.sources);
    details.appendChild(dl);
    n.evidence.forEach(function (ev) {
      details.appendChild(el("blockquote", ev[0], "evidence"));
      var src = sourceText(ev[1]);
      if (src) { details.appendChild(el("div", src, "src")); }
    });
    if (n.evidenceTotal > n.evidence.length) {
      details.appendChild(el("p", "… " + (n.evidenceTotal - n.evidence.length) + " more", "hint"));
    }
  }

  function tooltipText(n) {
    var lines = [n.zh && n.en ? n.zh + " · " + n.en : (n.zh || n.en || n.label), typeText(n)];
    if (n.evidence.length) {
      var s = n.evidence[0][0];
      lines.push("\u201c" + (s.length > 140 ? s.slice(0, 139) + "\u2026" : s) + "\u201d");
      var src = sourceText(n.evidence[0][1]);
      if (src) { lines.push(src); }
    }
    lines.push("来源数 sources: " + n.sources);
    return lines.join("\n");
  }

  network.on("hoverNode", function (params) {
    var n = byId.get(params.node);
    if (!n) { return; }
    tooltip.textContent = tooltipText(n);
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.round(box.left + params.pointer.DOM.x + 14) + "px";
    tooltip.style.top = Math.round(box.top + params.pointer.DOM.y + 14) + "px";
    tooltip.hidden = false;
  });
  network.on("hoverEdge", function (params) {
    var e = data.edges[params.edge];
    if (!e) { return; }
    var rel = data.relations[e.rel];
    var ends = [byId.get(e.from), byId.get(e.to)].map(function (n) { return n ? (n.zh || n.en || n.label) : "?"; });
    tooltip.textContent = ends[0] + " \u2192 " + ends[1] + "\n" + (rel ? rel.zh + " · " + rel.en : String(e.rel)) +
      (e.count > 1 ? " \u00d7" + e.count : "");
    var box = container.getBoundingClientRect();
    tooltip.style.left = Math.round(box.left + params.pointer.DOM.x + 14) + "px";
    tooltip.style.top = Math.round(box.top + params.pointer.DOM.y + 14) + "px";
    tooltip.hidden = false;
  });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("click", function (params) { showDetails(params.nodes.length ? params.nodes[0] : null); });

  // ---- controls ----------------------------------------------------------------------------
  var status = document.getElementById("status");
  var physicsButton = document.getElementById("f-physics");

  function setPhysics(on) {
    physicsOn = on;
    network.setOptions({ physics: { enabled: on } });
    physicsButton.setAttribute("aria-pressed", on ? "true" : "false");
    physicsButton.textContent = on ? "物理 physics: on" : "物理 physics: off";
  }

  function refresh(fit) {
    var result = compute();
    visible = result.visible;
    matches = result.matches;
    nodeView.refresh();
    edgeView.refresh();
    status.textContent = "显示 " + visible.size + " / " + data.nodes.length + " 个节点 nodes" +
      (state.query.trim() ? " · 匹配 " + matches.length + " matches" : "");
    if (matches.length) {
      network.selectNodes(matches.slice(0, 100));
      showDetails(matches[0]);
    } else {
      network.unselectAll();
    }
    if (fit && visible.size) { network.fit({ nodes: Array.from(visible), animation: false }); }
  }

  function on(id, event, handler) {
    var node = document.getElementById(id);
    if (node) { node.addEventListener(event, handler); }
    return node;
  }

  var platformSelect = on("f-platform", "change", function (e) { state.platform = e.target.value; refresh(true); });
  var categorySelect = on("f-category", "change", function (e) { state.category = e.target.value; refresh(true); });
  var searchTimer = null;
  var searchInput = on("f-search", "input", function (e) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { state.query = e.target.value; refresh(true); }, 120);
  });
  var classBoxes = Array.from(document.querySelectorAll("#f-classes input[type=checkbox]"));
  classBoxes.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { state.classes.add(box.value); } else { state.classes.delete(box.value); }
      refresh(false);
    });
  });
  on("f-reset", "click", function () {
    state.platform = ""; state.category = ""; state.query = "";
    state.classes = new Set(Object.keys(data.classes));
    if (platformSelect) { platformSelect.value = ""; }
    if (categorySelect) { categorySelect.value = ""; }
    if (searchInput) { searchInput.value = ""; }
    classBoxes.forEach(function (box) { box.checked = true; });
    showDetails(null);
    refresh(true);
  });
  on("f-physics", "click", function () { setPhysics(!physicsOn); });
  setPhysics(physicsOn);
  refresh(false);

  window.pgkgGraph = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, state: state,
    fold: fold,
    firstDrawMs: function () { return firstDraw; },
    visibleIds: function () { return Array.from(visible); },
    matchIds: function () { return matches.slice(); },
    search: function (text) { state.query = String(text); if (searchInput) { searchInput.value = state.query; } refresh(true); }
  };
})();
