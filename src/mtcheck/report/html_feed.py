"""A feed's review pages: ``index.html`` linking one review page (report/html.py) per article.

``--format html --output DIR`` with `mtcheck batch` writes ``DIR/index.html``
and ``DIR/articles/NNNN-<id>.html``. A page of hundreds of articles would be
too big to open, so each article has its own page (with its own verdicts in
the browser's storage), and the index is a plain table, the feed's verdict
above it and the worst articles first (fail, review, pass), that needs no
script at all: its Content-Security-Policy allows only its own inline style. Every id, reason and file name is escaped (``inert_html``); a
page's file name is built from the id's safe characters and its place in the
feed, so no id can name a path outside DIR.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from mtcheck import __version__
from mtcheck.report.html import csp_digest, render_html
from mtcheck.report.inert import inert_html
from mtcheck.report.verdict_words import action, shout, verdict_of, worst_first
from mtcheck.types import Report, Severity

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2330}"
    "table{border-collapse:collapse}th,td{padding:.3rem .7rem;border-bottom:1px solid #dde}"
    "td.n{text-align:right}.badge{padding:.1rem .5rem;border-radius:3px;font-weight:700}"
    ".verdict-fail .badge,td.verdict-fail{background:#b3261e;color:#fff}"
    ".verdict-review .badge,td.verdict-review{background:#f5b700;color:#1b1b1b}"
    ".verdict-pass .badge,td.verdict-pass{background:#1e7e34;color:#fff}"
    "code{font-size:12px;color:#555}"
)


def page_name(index: int, document_id: str) -> str:
    """``articles/0007-some-id.html``: the place in the feed keeps two ids that clean to one name apart."""
    cleaned = _UNSAFE_NAME.sub("-", document_id).strip("-.")[:60] or "article"
    return f"articles/{index + 1:04d}-{cleaned}.html"


def feed_pages(report: Report) -> Iterator[tuple[str, str]]:
    """(relative file name, page text) for each article's review page, then the index."""
    names = []
    for index, (document, gate) in enumerate(zip(report.documents, report.gates())):
        name = page_name(index, document.id)
        names.append(name)
        single = Report((document,), report.signature, gate, (gate,), checks=report.checks)
        yield name, render_html(single)
    yield "index.html", render_index(report, names)


def render_index(report: Report, names: list[str]) -> str:
    verdict = verdict_of(report.gate).value
    rows = []
    gates = report.gates()
    for i in worst_first(gates):
        document, gate = report.documents[i], gates[i]
        counts = Counter(f.severity for f in document.findings if f.verdict != "false-alarm")
        quality = "—" if document.scores is None or document.scores.quality is None else f"{document.scores.quality:.1f}"
        rows.append(
            f"<tr><td><a href=\"{names[i]}\">{inert_html(document.id)}</a></td>"
            f"<td class=\"verdict-{verdict_of(gate).value}\">{shout(gate)}</td>"
            f"<td>{inert_html('; '.join(gate.reasons))}</td><td class=\"n\">{quality}</td>"
            + "".join(f"<td class=\"n\">{counts[s]}</td>" for s in (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR))
            + "</tr>"
        )
    errors = "".join(f"<tr><td>{inert_html(e.id)}</td><td>{inert_html(e.reason)}</td></tr>" for e in report.errors)
    policy = f"default-src 'none'; style-src '{csp_digest(_STYLE)}'; base-uri 'none'; form-action 'none'"
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n",
        f"<title>mtcheck feed: {len(report.documents)} articles, {shout(report.gate)}</title>\n<style>{_STYLE}</style>\n",
        "</head>\n<body>\n<h1>mtcheck feed review</h1>\n",
        f"<div class=\"verdict-{verdict}\" id=\"verdict\"><p><span class=\"badge\">{shout(report.gate)}</span> "
        f"<strong>{inert_html(action(report.gate))}</strong></p>\n<ul>",
        *(f"<li>{inert_html(reason)}</li>" for reason in report.gate.reasons),
        "</ul></div>\n<table id=\"articles\"><thead><tr><th>article</th><th>verdict</th><th>reasons</th>"
        "<th>quality</th><th>critical</th><th>major</th><th>minor</th></tr></thead>\n<tbody>", "\n".join(rows),
        "</tbody></table>\n",
        (f"<h2>{len(report.errors)} errored (not checked)</h2>\n<table id=\"errors\"><tbody>{errors}</tbody></table>\n"
         if report.errors else ""),
        f"<p><code>{inert_html(report.signature)}</code> · mtcheck {inert_html(__version__)}</p>\n</body>\n</html>\n",
    ])
