"""The claims explorer: the article's claims, their verdicts and evidence, to filter and search.

It follows the quiz's design (:mod:`book.quiz.widget`): one front-end script,
``book/static/claims-explorer.js``, draws it in JupyterLab (an anywidget) and in the static site
(``claims-site.js`` mounts it from JSON in the page, with no kernel and no network). Without
JavaScript the site shows the same claims as a plain table, which the script replaces.

>>> explorer = show_claims()
>>> explorer
<ClaimsExplorer: 54 claims, 5 verdicts>
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import anywidget
import pandas as pd
import traitlets

from book.data import load
from book.manifest import chapters
from book.markup import script_json
from book.paths import STATIC_DIR
from book.static_sources import widget_module

#: The verdicts, in the order the explorer lists them, each with the symbol shown beside its name
#: (colour is never the only signal) and what it means.
VERDICTS: dict[str, tuple[str, str]] = {
    "accurate": ("✓", "The record supports the claim as written."),
    "imprecise": ("≈", "Broadly right, but a date, number, name or sequence is off or incomplete."),
    "inaccurate": ("✗", "The record contradicts the claim."),
    "disputed": ("⇄", "Credible sources disagree; the claim takes one side."),
    "unverifiable": ("?", "No source the course could read confirms or refutes it."),
}

#: The themes of the claims table's ``theme`` column, with the label the explorer's filter shows.
THEMES: dict[str, str] = {
    "mandate": "MINUSMA's mandate",
    "withdrawal": "The withdrawal and its effects",
    "coups-transition": "Coups and the transition",
    "wagner-russia": "Wagner and Russia",
    "sanctions": "Sanctions",
    "moura-human-rights": "Moura and human rights",
    "france-partners": "France and its partners",
    "algeria-diplomacy": "Algeria and diplomacy",
    "jihadist-groups": "Jihadist groups",
    "peace-agreement": "The 2015 peace agreement",
    "public-opinion": "Public opinion",
}

EXPLORER_SLUG = "reading-the-article"


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def claims_spec(claims: pd.DataFrame | None = None, sources: pd.DataFrame | None = None) -> dict[str, Any]:
    """Everything the explorer shows, as plain JSON data: the claims, the sources they cite,
    the chapters and themes to filter by.

    >>> spec = claims_spec()
    >>> spec["claims"][0]["id"], spec["claims"][0]["verdict"]
    ('C01', 'accurate')
    >>> all(s in spec["sources"] for c in spec["claims"] for s in c["sources"])
    True
    """
    claims = load("claims") if claims is None else claims
    sources = load("sources") if sources is None else sources
    by_id = sources.set_index("source_id")
    cited = sorted({s for ids in claims["source_ids"] for s in ids})
    known = {c.slug: c for c in chapters()}
    used_chapters = [known[s] for s in dict.fromkeys(claims["chapter"]) if s in known]
    used_chapters.sort(key=lambda c: c.number)
    rows = [{
        "id": row.claim_id, "section": _text(row.section), "quote": _text(row.quote),
        "paraphrase": _text(row.paraphrase), "verdict": row.verdict, "type": row.claim_type,
        "correction": _text(row.correction), "evidence": _text(row.evidence),
        "chapter": row.chapter, "theme": row.theme, "sources": list(row.source_ids),
    } for row in claims.itertuples()]
    spec = {
        "id": "claims",
        "title": "Explore the article's claims",
        "verdicts": [{"value": v, "symbol": sym, "meaning": meaning} for v, (sym, meaning) in VERDICTS.items()],
        "themes": [{"value": k, "label": label} for k, label in THEMES.items() if k in set(claims["theme"])],
        "chapters": [{"slug": c.slug, "number": c.number, "title": c.title,
                      "page": c.slug if c.status != "planned" else None} for c in used_chapters],
        "sources": {s: {"title": _text(by_id.at[s, "title"]), "publisher": _text(by_id.at[s, "publisher"]),
                        "url": _text(by_id.at[s, "url"])} for s in cited},
        "claims": rows,
    }
    spec["version"] = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    return spec


def _chapter_cell(spec: dict[str, Any], slug: str) -> str:
    chapter = next((c for c in spec["chapters"] if c["slug"] == slug), None)
    if chapter is None:
        return html.escape(slug)
    label = html.escape(f"Chapter {chapter['number']}: {chapter['title']}")
    if chapter["page"] is None:
        return label
    return f'<a href="{html.escape(chapter["page"], quote=True)}.html">{label}</a>'


def _sources_cell(spec: dict[str, Any], ids: list[str]) -> str:
    items = []
    for source_id in ids:
        source = spec["sources"][source_id]
        title = html.escape(source["title"] or source_id)
        link = (f'<a href="{html.escape(source["url"], quote=True)}">{title}</a>'
                if source["url"].startswith(("http://", "https://")) else title)
        items.append(f"<li>{link} ({html.escape(source['publisher'])})</li>")
    return f"<ul>{''.join(items)}</ul>"


def fallback_table(spec: dict[str, Any]) -> str:
    """The claims as a plain HTML table: what the site shows when JavaScript does not run.

    >>> table = fallback_table(claims_spec())
    >>> table.count('<tr id="claim-'), '<th scope="col">Verdict</th>' in table
    (54, True)
    """
    symbols = {v["value"]: v["symbol"] for v in spec["verdicts"]}
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Claim", "The article says", "Verdict", "Correction", "Evidence", "Sources", "Treated in"))
    body = []
    for claim in spec["claims"]:
        cells = [
            f'<th scope="row">{html.escape(claim["id"])}</th>',
            f"<td>{html.escape(claim['quote'] or claim['paraphrase'])}</td>",
            f"<td>{symbols[claim['verdict']]} {html.escape(claim['verdict'].capitalize())}</td>",
            f"<td>{html.escape(claim['correction']) or '—'}</td>",
            f"<td>{html.escape(claim['evidence'])}</td>",
            f"<td>{_sources_cell(spec, claim['sources'])}</td>",
            f"<td>{_chapter_cell(spec, claim['chapter'])}</td>",
        ]
        body.append(f'<tr id="claim-{html.escape(claim["id"], quote=True)}">{"".join(cells)}</tr>')
    return (
        '<div class="claims-fallback" role="region" tabindex="0" '
        'aria-label="The article\'s claims, as a table">'
        f'<table class="claims-table"><caption>{len(spec["claims"])} claims of the article, '
        "each with its verdict, correction and evidence</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def static_html(spec: dict[str, Any]) -> str:
    """The explorer as the static site carries it: its data as JSON, and the plain table.

    >>> static_html(claims_spec()).startswith('<div class="claims-mount" data-claims-version="')
    True
    """
    return (f'<div class="claims-mount" data-claims-version="{html.escape(spec["version"], quote=True)}">'
            f'<script type="application/json" class="claims-spec">{script_json(spec)}</script>'
            f"{fallback_table(spec)}</div>")


class ClaimsExplorer(anywidget.AnyWidget):
    """The claims explorer as a widget; in JupyterLab the filters run in the browser, as on the site."""

    _esm = widget_module("claims-explorer.js", tail="export default globalThis.SahelClaims;")
    _css = STATIC_DIR / "claims.css"
    spec = traitlets.Dict().tag(sync=True)

    def __repr__(self) -> str:
        verdicts = {c["verdict"] for c in self.spec.get("claims", [])}
        return f"<ClaimsExplorer: {len(self.spec.get('claims', []))} claims, {len(verdicts)} verdicts>"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        return {**data, "text/plain": repr(self), "text/html": static_html(self.spec)}, meta


def show_claims() -> ClaimsExplorer:
    """The claims explorer over ``data/claims.csv``, ready to display."""
    return ClaimsExplorer(spec=claims_spec())


#: The statuses of a judgement or forecast, each with the symbol shown beside its name.
STATUSES: dict[str, str] = {"held": "✓", "partly held": "◐", "did not hold": "✗", "open": "…"}


class JudgementsTable:
    """The article's judgements and forecasts with their status, as a plain, visible table."""

    def __init__(self, judgements: pd.DataFrame) -> None:
        self.judgements = judgements

    def __repr__(self) -> str:
        counts = self.judgements["status"].value_counts()
        return "Judgements and forecasts: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)

    def _repr_html_(self) -> str:
        pages = {c.slug: c for c in chapters()}
        rows = []
        for j in self.judgements.itertuples():
            chapter = pages.get(j.chapter)
            where = (f'<a href="{html.escape(j.chapter, quote=True)}.html">Chapter {chapter.number}</a>'
                     if chapter and chapter.status != "planned" else html.escape(j.chapter))
            rows.append(
                f'<tr id="judgement-{html.escape(j.judgement_id, quote=True)}"><th scope="row">{j.judgement_id}</th>'
                f"<td>“{html.escape(j.quote)}”<br><small>{html.escape(j.section)}</small></td>"
                f"<td>{html.escape(j.kind)}</td><td>{STATUSES[j.status]} {html.escape(j.status)}</td>"
                f"<td>{html.escape(j.evidence)}</td><td>{html.escape(j.assessed_by)}</td><td>{where}</td></tr>")
        head = "".join(f'<th scope="col">{h}</th>' for h in
                       ("Id", "The article says", "Kind", "Status", "What happened", "Assessed by", "Treated in"))
        return ('<div class="course-table" role="region" tabindex="0" '
                'aria-label="The article\'s judgements and forecasts, as a table">'
                f'<table class="claims-table"><caption>{len(self.judgements)} judgements and forecasts of the '
                "article, with what became of them</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def show_judgements() -> JudgementsTable:
    """The table of ``data/judgements.csv``, ready to display.

    >>> show_judgements()
    Judgements and forecasts: 7 held, 11 partly held, 1 did not hold, 3 open
    """
    return JudgementsTable(load("judgements"))


class ClaimsList:
    """A chapter's claims, one line each with its verdict and correction, linking to the explorer."""

    def __init__(self, claims: pd.DataFrame) -> None:
        self.claims = claims

    def __repr__(self) -> str:
        return "\n".join(f"{c.claim_id} ({c.verdict}): {c.paraphrase}" for c in self.claims.itertuples())

    def _repr_markdown_(self) -> str:
        lines = []
        for c in self.claims.itertuples():
            symbol = VERDICTS[c.verdict][0]
            correction = f" {_text(c.correction)}" if _text(c.correction) else ""
            lines.append(f"- **{c.claim_id}**, {symbol} *{c.verdict}*: {c.paraphrase}{correction} "
                         f"([evidence and sources]({EXPLORER_SLUG}.ipynb#claim-{c.claim_id}))")
        return "\n".join(lines)


def claims_of(chapter: str) -> ClaimsList:
    """The claims that ``data/claims.csv`` assigns to ``chapter``, for the chapter to show.

    >>> print(claims_of("mali-2012"))
    C22 (imprecise): French nationals held MINUSMA's key positions from 2013.
    """
    claims = load("claims")
    return ClaimsList(claims[claims["chapter"] == chapter])
