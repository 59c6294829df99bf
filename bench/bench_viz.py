"""Benchmark of pgkg.viz.render on synthetic graphs (not a test: prints figures, asserts nothing).

Run: .venv/bin/python bench/bench_viz.py [--sizes 1000 5000] [--no-browser]

For each size: store build, render() wall time (all pages) and the size of
graph.html and of the whole output; then, when /usr/bin/chromium exists, the
time from navigation start to vis-network's first drawing of graph.html in an
offline headless Chromium (and to the end of physics stabilisation when the
page starts with physics on).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pgkg.viz import render
from pgkg.viz.synthetic import synthetic_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def first_render_ms(page_path: Path) -> tuple[float, float | None]:
    """(ms to first draw, ms to physics off or None) for ``page_path`` in offline Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(page_path.as_uri())
        deadline = time.monotonic() + 300
        while not page.evaluate("Boolean(window.pgkgGraph && pgkgGraph.firstDrawMs() !== null)"):
            if time.monotonic() > deadline:
                raise RuntimeError("no first draw within 300 s")
            page.wait_for_timeout(20)
        first = page.evaluate("pgkgGraph.firstDrawMs()")
        settled = None
        if page.evaluate("JSON.parse(document.getElementById('pgkg-data').textContent).meta.physics"):
            while page.evaluate("document.getElementById('f-physics').getAttribute('aria-pressed')") != "false":
                if time.monotonic() > deadline:
                    break
                page.wait_for_timeout(50)
            settled = page.evaluate("performance.now()")
        browser.close()
    return first, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--max-nodes", type=int, default=1500)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    for size in args.sizes:
        t0 = time.perf_counter()
        store = synthetic_store(size)
        t1 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            paths = render(store, out_dir=out, max_nodes=args.max_nodes)
            t2 = time.perf_counter()
            graph = out / "graph.html"
            total = sum(p.stat().st_size for p in paths)
            print(
                f"{size} nodes requested: store {t1 - t0:.2f} s, render {t2 - t1:.2f} s for {len(paths)} files, "
                f"graph.html {graph.stat().st_size / 1e6:.2f} MB, all files {total / 1e6:.2f} MB"
            )
            if args.no_browser:
                continue
            if not CHROMIUM.exists():
                print("  chromium: /usr/bin/chromium not installed, browser timing skipped")
                continue
            first, settled = first_render_ms(graph)
            extra = f", physics settled at {settled / 1000:.2f} s" if settled is not None else " (positions precomputed, physics off)"
            print(f"  chromium: first draw {first / 1000:.2f} s after navigation start{extra}")


if __name__ == "__main__":
    main()
