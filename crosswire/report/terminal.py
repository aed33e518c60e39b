"""The terminal report, drawn with rich: conflicts red, corroborated green, unique yellow.

`terminal_report()` returns a rich renderable, for a CLI that prints to a real
console (colours when it is a TTY); `render_terminal()` renders the same thing
to a string and never needs a TTY. Article text always goes in as `Text`, never
as markup, so "[bold]" in an article stays "[bold]".
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from crosswire.model import Comparison, Evidence, Finding
from crosswire.report import common as c

COLOURS = {"conflicting": "red", "corroborated": "green", "unique": "yellow"}


def render_terminal(comparison: Comparison, *, width: int = 100, color: bool = False) -> str:
    """The report as text; with `color=True`, ANSI colour codes included."""
    console = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        no_color=not color,
        highlight=False,
    )
    console.print(terminal_report(comparison))
    return console.export_text(styles=color)


def terminal_report(comparison: Comparison) -> RenderableType:
    labels = c.source_labels(comparison)
    parts: list[RenderableType] = [_header(comparison)]
    parts += _conflicts(comparison, labels)
    parts += _corroborated(comparison, labels)
    parts += _unique(comparison, labels)
    parts += _entities(comparison, labels)
    parts += _timeline(comparison, labels)
    parts += _quotes(comparison, labels)
    parts += _notes(comparison, labels)
    parts += _problems(comparison)
    return Group(*parts)


def _section(title: str, style: str = "bold") -> Rule:
    return Rule(Text(title, style=style), align="left")


def _sentence(evidence: Evidence, style: str) -> Text:
    parts = c.sentence_parts(evidence)
    text = Text(parts.before)
    text.append(parts.value, style=f"bold {style}")
    text.append(parts.after)
    if evidence.kind not in ("fact", ""):
        text.append(f" ({evidence.kind})", style="dim")
    return text


def _header(comparison: Comparison) -> RenderableType:
    table = Table(box=box.SIMPLE, expand=True)
    table.add_column("Source", style="bold")
    table.add_column("Title")
    table.add_column("Published")
    labels = c.source_labels(comparison)
    for article in comparison.articles:
        table.add_row(Text(labels[article.id]), Text(article.title), Text(c.published_text(article)))
    counts = ", ".join(
        f"{len(comparison.by_verdict(v))} {v}" for v in ("conflicting", "corroborated", "unique")
    )
    title = Text(f"crosswire: {c.sources_text(len(comparison.articles))}, {counts}", style="bold")
    return Panel(table, title=title, title_align="left")


def _evidence_table(finding: Finding, labels: dict[str, str], style: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("Source", style="bold", ratio=1)
    table.add_column("Value", ratio=1)
    table.add_column("Sentence", ratio=4)
    for evidence in finding.evidence:
        table.add_row(
            Text(c.label_for(labels, evidence.article_id)),
            Text(c.value_text(evidence), style=style),
            _sentence(evidence, style),
        )
    return table


def _conflicts(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Conflicting findings", "bold red")]
    findings = comparison.by_verdict("conflicting")
    if not findings:
        return [*out, Text(c.NO_CONFLICTS)]
    for finding in findings:
        title = Text("CONFLICT ", style="bold white on red")
        title.append(" " + finding.statement, style="bold red")
        out.append(Panel(_evidence_table(finding, labels, "red"), title=title,
                         title_align="left", border_style="red"))
    return out


def _corroborated(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Corroborated findings", "bold green")]
    findings = comparison.by_verdict("corroborated")
    if not findings:
        return [*out, Text("No fact is reported by more than one source.")]
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Fact", ratio=2)
    table.add_column("Sources", justify="right")
    table.add_column("Evidence", ratio=4)
    for finding in findings:
        fact = Text(finding.statement, style="green")
        if finding.shared_origin:
            fact.append(f"\n({c.SHARED_ORIGIN})", style="dim yellow")
        lines = Text()
        for i, evidence in enumerate(finding.evidence):
            if i:
                lines.append("\n")
            lines.append(c.label_for(labels, evidence.article_id) + ": ", style="bold")
            lines.append_text(_sentence(evidence, "green"))
        first = c.first_reported_text(comparison, finding, labels)
        table.add_row(fact, str(c.source_count(finding)) + (f"\n{first}" if first else ""), lines)
    return [*out, table]


def _unique(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    out: list[RenderableType] = [_section("Reported by one source only", "bold yellow")]
    groups = c.unique_by_source(comparison)
    if not groups:
        return [*out, Text(c.NO_UNIQUE)]
    for article_id, findings in groups:
        table = Table(box=box.SIMPLE_HEAD, expand=True, title=Text(c.label_for(labels, article_id),
                      style="bold yellow"), title_justify="left")
        table.add_column("Fact", ratio=2)
        table.add_column("Sentence", ratio=4)
        for finding in findings:
            sentences = Text("\n").join(_sentence(e, "yellow") for e in finding.evidence)
            table.add_row(Text(finding.statement, style="yellow"), sentences)
        out.append(table)
    return out


def _entities(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    if not comparison.entities:
        return []
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Name", style="bold")
    table.add_column("Type")
    for article in comparison.articles:
        table.add_column(Text(f"Role in {labels[article.id]}"))
    for person in comparison.entities:
        name = Text(person.name, style="bold")
        if person.variants:
            name.append("\nalso: " + ", ".join(person.variants), style="dim")
        roles = [Text("; ".join(person.roles.get(a.id, ())) or
                      ("mentioned" if person.mentions.get(a.id) else "—"))
                 for a in comparison.articles]
        table.add_row(name, Text(person.label), *roles)
    return [_section("People and organisations"), table]


def _timeline(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    if not comparison.timeline:
        return []
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Date")
    table.add_column("When")
    table.add_column("Event", ratio=3)
    table.add_column("Sources", ratio=1)
    for event in comparison.timeline:
        when = c.timeline_when(event.scheduled)
        table.add_row(Text(event.date), Text(when, style="cyan" if event.scheduled else ""),
                      Text(event.description), Text(", ".join(c.evidence_sources(labels, event.evidence))))
    return [_section("Timeline"), table]


def _quotes(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    if not comparison.quotes:
        return []
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Speaker", ratio=1)
    table.add_column("Quote", ratio=4)
    table.add_column("Kind")
    table.add_column("Source", ratio=1)
    for quote in comparison.quotes:
        speaker = Text(quote.speaker or "unnamed")
        if quote.anonymous:
            speaker.append(" (anonymous)", style="magenta")
        table.add_row(speaker, Text(quote.text), Text(quote.kind),
                      Text(c.label_for(labels, quote.evidence.article_id)))
    return [_section("Quotes"), table]


def _notes(comparison: Comparison, labels: dict[str, str]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for article in comparison.articles:
        lines = Text()
        for label, value in c.stats_items(comparison.stats.get(article.id)):
            lines.append(f"{label}: ", style="bold")
            lines.append(value + "\n")
        for note in c.notes_for(comparison, article):
            lines.append(f"{note.kind}: ", style="bold")
            lines.append(note.message + "\n")
        if lines.plain:
            lines.rstrip()
            out.append(Panel(lines, title=Text(labels[article.id]), title_align="left"))
    return [_section("Notes per source"), *out] if out else []


def _problems(comparison: Comparison) -> list[RenderableType]:
    if not comparison.problems:
        return []
    lines = Text("\n").join(
        Text(str(p), style="red" if p.severity == "error" else "yellow") for p in comparison.problems
    )
    return [_section("Problems"), lines]
