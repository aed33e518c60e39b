"""The HTML report: one self-contained file (inline CSS and a little inline JS).

Safety rule: every piece of text from an article or a source goes through
`html.escape` at the point where it is inserted, and marks are built from
offsets by escaping each piece between them, never by editing escaped text.
Links are only made for http(s) URLs.
"""

from __future__ import annotations

import html
from importlib import resources

from crosswire.model import Article, Comparison, Evidence, Finding
from crosswire.report import common as c

VERDICT_RANK = {"conflicting": 0, "corroborated": 1, "unique": 2}
BADGE = {"conflicting": "conflict", "corroborated": "corroborated", "unique": "unique"}

_JS = """
(function () {
  function select(fid, from) {
    document.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    var hits = document.querySelectorAll('[data-finding~="' + fid + '"]');
    var target = null;
    hits.forEach(function (el) {
      el.classList.add('active');
      var wanted = from.tagName === 'MARK' ? !target && el.tagName !== 'MARK' : !target && el.tagName === 'MARK';
      if (wanted) { target = el; }
    });
    if (target) { target.scrollIntoView({behavior: 'smooth', block: 'center'}); }
  }
  document.addEventListener('click', function (ev) {
    var el = ev.target.closest('[data-finding]');
    if (el) { select(el.getAttribute('data-finding').split(' ')[0], el); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && ev.target.matches && ev.target.matches('.finding[data-finding]')) {
      select(ev.target.getAttribute('data-finding'), ev.target);
    }
  });
})();
"""


def esc(text: object) -> str:
    """Escape text for HTML content and attribute values ("" for None)."""
    return html.escape("" if text is None else str(text), quote=True)


def _css() -> str:
    return resources.files("crosswire.report").joinpath("report.css").read_text(encoding="utf-8")


def render_html(comparison: Comparison) -> str:
    labels = c.source_labels(comparison)
    ids = c.finding_ids(comparison)
    title = "crosswire: " + " · ".join(labels[a.id] for a in comparison.articles)
    body = "\n".join(
        [
            _header(comparison, labels),
            _conflicts(comparison, labels, ids),
            _corroborated(comparison, labels, ids),
            _unique(comparison, labels, ids),
            _entities(comparison, labels),
            _timeline(comparison, labels),
            _quotes(comparison, labels),
            _notes(comparison, labels),
            _problems(comparison),
            _articles(comparison, labels, ids),
        ]
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n"
        f"<main>\n{body}\n</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


# -- pieces -----------------------------------------------------------------


def _badge(verdict: str) -> str:
    return f'<span class="badge {esc(verdict)}">{esc(BADGE.get(verdict, verdict))}</span>'


def _sentence(evidence: Evidence) -> str:
    """The sentence quoted, its value in a <mark class="value">."""
    parts = c.sentence_parts(evidence)
    inner = esc(parts.before)
    if parts.value:
        inner += f'<mark class="value">{esc(parts.value)}</mark>{esc(parts.after)}'
    kind = "" if evidence.kind in ("fact", "") else f' <span class="kind">({esc(evidence.kind)})</span>'
    return f"<q>{inner}</q>{kind}"


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """A table from already-escaped cells."""
    thead = "".join(f"<th>{h}</th>" for h in head)
    tbody = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}>\n<thead><tr>{thead}</tr></thead>\n<tbody>\n{tbody}\n</tbody>\n</table>"


def _link(article: Article) -> str:
    url = article.url or ""
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(url or article.source)


def _header(comparison: Comparison, labels: dict[str, str]) -> str:
    badges = " ".join(
        f'<span class="badge {v}">{len(comparison.by_verdict(v))} {BADGE[v]}</span>'
        for v in ("conflicting", "corroborated", "unique")
    )
    rows = []
    for article in comparison.articles:
        date = esc(c.published_text(article))
        if article.published_inferred:
            date = f'<span class="inferred">{date}</span>'
        rows.append([f"<strong>{esc(labels[article.id])}</strong>", esc(article.title), date, _link(article)])
    return (
        f'<header>\n<h1>crosswire comparison</h1>\n<p class="counts">{c.sources_text(len(comparison.articles))} '
        f"{badges}</p>\n" + _table(["Source", "Title", "Published", "Link"], rows, "sources") + "\n</header>"
    )


def _finding_card(finding: Finding, fid: str, labels: dict[str, str], extra: str = "") -> str:
    rows = [
        [
            f"<strong>{esc(c.label_for(labels, e.article_id))}</strong>",
            f'<span class="val">{esc(c.value_text(e))}</span>',
            _sentence(e),
        ]
        for e in finding.evidence
    ]
    meta = f'<span class="meta">{c.sources_text(c.source_count(finding))}</span>' if finding.verdict != "unique" else ""
    return (
        f'<div class="finding {esc(finding.verdict)}" data-finding="{fid}" tabindex="0" role="button" '
        f'title="Click to highlight in the articles">\n'
        f"<h3>{_badge(finding.verdict)} {esc(finding.statement)} {meta}{extra}</h3>\n"
        + _table(["Source", "Value", "Sentence"], rows, "evidence")
        + "\n</div>"
    )


def _conflicts(comparison: Comparison, labels: dict[str, str], ids: dict[int, str]) -> str:
    findings = comparison.by_verdict("conflicting")
    inner = (
        "\n".join(_finding_card(f, ids[id(f)], labels) for f in findings)
        if findings
        else f'<p class="none">{esc(c.NO_CONFLICTS)}</p>'
    )
    return f'<section id="conflicts">\n<h2>Conflicting findings</h2>\n{inner}\n</section>'


def _corroborated(comparison: Comparison, labels: dict[str, str], ids: dict[int, str]) -> str:
    findings = comparison.by_verdict("corroborated")
    if not findings:
        inner = '<p class="none">No fact is reported by more than one source.</p>'
    else:
        cards = []
        for f in findings:
            extra = f' <span class="origin">{esc(c.SHARED_ORIGIN)}</span>' if f.shared_origin else ""
            if first := c.first_reported_text(comparison, f, labels):
                extra += f' <span class="meta">{esc(first)}</span>'
            cards.append(_finding_card(f, ids[id(f)], labels, extra))
        inner = "\n".join(cards)
    return f'<section id="corroborated">\n<h2>Corroborated findings</h2>\n{inner}\n</section>'


def _unique(comparison: Comparison, labels: dict[str, str], ids: dict[int, str]) -> str:
    groups = c.unique_by_source(comparison)
    if not groups:
        inner = f'<p class="none">{esc(c.NO_UNIQUE)}</p>'
    else:
        parts = []
        for article_id, findings in groups:
            parts.append(f"<h3 class=\"source\">{esc(c.label_for(labels, article_id))}</h3>")
            parts += [_finding_card(f, ids[id(f)], labels) for f in findings]
        inner = "\n".join(parts)
    return f'<section id="unique">\n<h2>Reported by one source only</h2>\n{inner}\n</section>'


def _entities(comparison: Comparison, labels: dict[str, str]) -> str:
    if not comparison.entities:
        return ""
    head = ["Name", "Type", "Also called"] + [f"Role in {esc(labels[a.id])}" for a in comparison.articles]
    rows = [[f"<strong>{row[0]}</strong>", *row[1:]]
            for row in c.people_rows(comparison, esc, '<span class="dim">mentioned</span>')]
    return f'<section id="entities">\n<h2>People and organisations</h2>\n{_table(head, rows)}\n</section>'


def _timeline(comparison: Comparison, labels: dict[str, str]) -> str:
    if not comparison.timeline:
        return ""
    rows = []
    for event in comparison.timeline:
        when = c.timeline_when(event.scheduled)
        rows.append([esc(event.date), f'<span class="when {when}">{when}</span>', esc(event.description),
                     esc(", ".join(c.evidence_sources(labels, event.evidence)))])
    table = _table(["Date", "When", "Event", "Sources"], rows)
    return f'<section id="timeline">\n<h2>Timeline</h2>\n{table}\n</section>'


def _quotes(comparison: Comparison, labels: dict[str, str]) -> str:
    if not comparison.quotes:
        return ""
    rows = []
    for quote in comparison.quotes:
        speaker = esc(quote.speaker or "unnamed")
        if quote.anonymous:
            speaker += ' <span class="badge anonymous">anonymous</span>'
        rows.append([speaker, f"<q>{esc(quote.text)}</q>", esc(quote.kind),
                     esc(c.label_for(labels, quote.evidence.article_id))])
    table = _table(["Speaker", "Quote", "Kind", "Source"], rows)
    return f'<section id="quotes">\n<h2>Quotes</h2>\n{table}\n</section>'


def _notes(comparison: Comparison, labels: dict[str, str]) -> str:
    parts = []
    for article in comparison.articles:
        items = [f"<li><strong>{esc(k)}:</strong> {esc(v)}</li>"
                 for k, v in c.stats_items(comparison.stats.get(article.id))]
        items += [f'<li><span class="note-kind">{esc(n.kind)}</span> {esc(n.message)}</li>'
                  for n in c.notes_for(comparison, article)]
        if items:
            parts.append(f"<h3>{esc(labels[article.id])}</h3>\n<ul>\n" + "\n".join(items) + "\n</ul>")
    if not parts:
        return ""
    return '<section id="notes">\n<h2>Notes per source</h2>\n' + "\n".join(parts) + "\n</section>"


def _problems(comparison: Comparison) -> str:
    if not comparison.problems:
        return ""
    items = "\n".join(f'<li class="{esc(p.severity)}">{esc(str(p))}</li>' for p in comparison.problems)
    return f'<section id="problems">\n<h2>Problems</h2>\n<ul>\n{items}\n</ul>\n</section>'


# -- the articles side by side ------------------------------------------------


def marked_text(article: Article, findings: list[tuple[str, Finding]]) -> str:
    """The article's clean text, escaped, with each finding's sentences in a <mark>.

    Overlapping sentences are split at every boundary; a piece covered by
    several findings lists them all in `data-finding` and takes the colour of
    the strongest verdict (conflicting, then corroborated, then unique).
    """
    text = article.text
    spans: list[tuple[int, int, str, Finding]] = []
    for fid, finding in findings:
        for e in finding.evidence:
            if e.article_id == article.id and 0 <= e.start < e.end <= len(text):
                spans.append((e.start, e.end, fid, finding))
    cuts = sorted({0, len(text)} | {s for s, *_ in spans} | {e for _, e, *_ in spans})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = esc(text[a:b])
        cover = [(fid, f) for s, e, fid, f in spans if s <= a and b <= e]
        if not cover:
            out.append(piece)
            continue
        fids = " ".join(dict.fromkeys(fid for fid, _ in cover))
        best = min((f for _, f in cover), key=lambda f: VERDICT_RANK.get(f.verdict, 9))
        statements = " | ".join(dict.fromkeys(f.statement for _, f in cover))
        out.append(f'<mark class="{esc(best.verdict)}" data-finding="{fids}" title="{esc(statements)}">'
                   f"{piece}</mark>")
    return "".join(out)


def _articles(comparison: Comparison, labels: dict[str, str], ids: dict[int, str]) -> str:
    if not comparison.articles:
        return ""
    findings = [(ids[id(f)], f) for f in comparison.findings]
    columns = []
    for n, article in enumerate(comparison.articles, start=1):
        columns.append(
            f'<article class="source">\n<h3>{esc(labels[article.id])}</h3>\n'
            f'<p class="title">{esc(article.title)}</p>\n'
            f'<div class="article-text" id="text-{n}">{marked_text(article, findings)}</div>\n</article>'
        )
    return (
        '<section id="articles">\n<h2>The articles side by side</h2>\n'
        '<p class="hint">Sentences behind a finding are marked by verdict; click a finding above '
        "to highlight its sentences in every article.</p>\n"
        '<div class="columns">\n' + "\n".join(columns) + "\n</div>\n</section>"
    )
