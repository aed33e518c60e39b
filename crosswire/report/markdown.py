"""The Markdown report: GitHub-flavoured Markdown with tables.

Every piece of article text goes through `md_escape`, which backslash-escapes
the characters Markdown (and GFM tables) would read as syntax, `|` included,
and folds newlines into spaces so a table row stays one row.
"""

from __future__ import annotations

import re

from crosswire.model import Comparison, Evidence, Finding
from crosswire.report import common as c

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones
# that can start syntax inside a table cell, a list item or a heading (the
# report never puts article text at the start of a line, so "-", "+" and "1."
# need no escape; "(" and "!" only matter next to an escaped "["). "$" is
# escaped because GitHub reads "$12 ... $5" as inline math.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_SPACE = re.compile(r"\s+")


def md_escape(text: str | None) -> str:
    """Article text made inert for Markdown: one line, syntax characters escaped."""
    return _inline(text).strip()


def _inline(text: str | None) -> str:
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))


def render_markdown(comparison: Comparison) -> str:
    labels = c.source_labels(comparison)
    blocks = [
        _header(comparison, labels),
        _conflicts(comparison, labels),
        _corroborated(comparison, labels),
        _unique(comparison, labels),
        _entities(comparison, labels),
        _timeline(comparison, labels),
        _quotes(comparison, labels),
        _notes(comparison, labels),
        _problems(comparison),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _sentence(evidence: Evidence) -> str:
    """The sentence with its value in bold (whitespace kept outside the ** markers)."""
    parts = c.sentence_parts(evidence)
    value = parts.value.strip()
    if not value:
        return md_escape(evidence.text)
    lead = parts.value[: len(parts.value) - len(parts.value.lstrip())]
    trail = parts.value[len(parts.value.rstrip()) :]
    text = _inline(parts.before + lead) + f"**{_inline(value)}**" + _inline(trail + parts.after)
    return text.strip()


def _label(labels: dict[str, str], article_id: str) -> str:
    return md_escape(c.label_for(labels, article_id))


def _header(comparison: Comparison, labels: dict[str, str]) -> str:
    counts = ", ".join(
        f"{len(comparison.by_verdict(v))} {v}" for v in ("conflicting", "corroborated", "unique")
    )
    rows = [
        [md_escape(labels[a.id]), md_escape(a.title), md_escape(c.published_text(a))]
        for a in comparison.articles
    ]
    return (
        f"# crosswire comparison\n\n{c.sources_text(len(comparison.articles))}: {counts}.\n\n"
        + _table(["Source", "Title", "Published"], rows)
    )


def _evidence_rows(finding: Finding, labels: dict[str, str]) -> list[list[str]]:
    return [
        [_label(labels, e.article_id), md_escape(c.value_text(e)), _sentence(e)]
        for e in finding.evidence
    ]


def _conflicts(comparison: Comparison, labels: dict[str, str]) -> str:
    findings = comparison.by_verdict("conflicting")
    if not findings:
        return f"## Conflicting findings\n\n{c.NO_CONFLICTS}"
    parts = ["## Conflicting findings"]
    for finding in findings:
        parts.append(f"### 🔴 CONFLICT: {md_escape(finding.statement)}")
        parts.append(_table(["Source", "Value", "Sentence"], _evidence_rows(finding, labels)))
    return "\n\n".join(parts)


def _corroborated(comparison: Comparison, labels: dict[str, str]) -> str:
    findings = comparison.by_verdict("corroborated")
    if not findings:
        return "## Corroborated findings\n\nNo fact is reported by more than one source."
    rows = []
    for finding in findings:
        fact = md_escape(finding.statement)
        if finding.shared_origin:
            fact += f" *({c.SHARED_ORIGIN})*"
        evidence = "<br>".join(f"**{_label(labels, e.article_id)}:** {_sentence(e)}" for e in finding.evidence)
        first = c.first_reported_text(comparison, finding, labels)
        rows.append([fact, str(c.source_count(finding)) + (f"<br>{md_escape(first)}" if first else ""), evidence])
    return "## Corroborated findings\n\n" + _table(["Fact", "Sources", "Evidence"], rows)


def _unique(comparison: Comparison, labels: dict[str, str]) -> str:
    groups = c.unique_by_source(comparison)
    if not groups:
        return f"## Reported by one source only\n\n{c.NO_UNIQUE}"
    parts = ["## Reported by one source only"]
    for article_id, findings in groups:
        parts.append(f"### {_label(labels, article_id)}")
        rows = [
            [md_escape(f.statement), "<br>".join(_sentence(e) for e in f.evidence)] for f in findings
        ]
        parts.append(_table(["Fact", "Sentence"], rows))
    return "\n\n".join(parts)


def _entities(comparison: Comparison, labels: dict[str, str]) -> str:
    if not comparison.entities:
        return ""
    head = ["Name", "Type", "Also called"] + [f"Role in {md_escape(labels[a.id])}" for a in comparison.articles]
    rows = c.people_rows(comparison, md_escape, "mentioned")
    return "## People and organisations\n\n" + _table(head, rows)


def _timeline(comparison: Comparison, labels: dict[str, str]) -> str:
    if not comparison.timeline:
        return ""
    rows = [
        [md_escape(e.date), c.timeline_when(e.scheduled), md_escape(e.description),
         md_escape(", ".join(c.evidence_sources(labels, e.evidence)))]
        for e in comparison.timeline
    ]
    return "## Timeline\n\n" + _table(["Date", "When", "Event", "Sources"], rows)


def _quotes(comparison: Comparison, labels: dict[str, str]) -> str:
    if not comparison.quotes:
        return ""
    rows = []
    for quote in comparison.quotes:
        speaker = md_escape(quote.speaker or "unnamed")
        if quote.anonymous:
            speaker += " *(anonymous)*"
        rows.append([speaker, md_escape(quote.text), quote.kind, _label(labels, quote.evidence.article_id)])
    return "## Quotes\n\n" + _table(["Speaker", "Quote", "Kind", "Source"], rows)


def _notes(comparison: Comparison, labels: dict[str, str]) -> str:
    parts = []
    for article in comparison.articles:
        lines = [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in c.stats_items(comparison.stats.get(article.id))]
        lines += [f"- **{md_escape(n.kind)}:** {md_escape(n.message)}" for n in c.notes_for(comparison, article)]
        if lines:
            parts.append(f"### {md_escape(labels[article.id])}\n\n" + "\n".join(lines))
    return "## Notes per source\n\n" + "\n\n".join(parts) if parts else ""


def _problems(comparison: Comparison) -> str:
    if not comparison.problems:
        return ""
    lines = [f"- {md_escape(str(p))}" for p in comparison.problems]
    return "## Problems\n\n" + "\n".join(lines)
