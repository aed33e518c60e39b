"""The command line: parse -> call the library -> render -> exit code.

Exit status: 0 when a report was made (even if some files were skipped), 1
when no report could be made, 2 for a usage error. A bad file is one line on
stderr, never a traceback (``--debug`` shows tracebacks).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import click

from crosswire import __version__
from crosswire.errors import CrosswireError

FORMATS = ["terminal", "md", "html", "json"]


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-10-25") from None


def _warn(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosswire")
def main() -> None:
    """Compare how news outlets report the same story.

    Example: crosswire compare a.txt b.html --format html -o report.html
    """


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for sources that give none (or no year).")
@click.option("--no-embeddings", is_flag=True, help="Match paraphrases by shared words only (no model).")
@click.option("--embedding-model", metavar="DIR", help="Your own model directory (model.onnx + tokenizer.json).")
@click.option("--spacy-model", metavar="NAME|DIR", help="spaCy pipeline package or directory.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a setting (see the README).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def compare(sources, fmt, output, published, no_embeddings, embedding_model, spacy_model, overrides, debug) -> None:
    """Compare articles: what sources agree on, where they conflict, what only one reports.

    SOURCES are text, HTML or JSON/JSONL files, or - for standard input.

    Example: crosswire compare ../shared/seeds/*.txt --format md -o report.md
    """
    from crosswire.pipeline import compare as run_compare
    from crosswire.report import render

    try:
        settings = _settings(overrides, spacy_model=spacy_model, embedding_model=embedding_model,
                             embeddings="false" if no_embeddings else None)
        comparison = run_compare(sources, published=published, settings=settings)
    except CrosswireError as exc:
        if debug:
            raise
        _warn(f"error: {exc}")
        sys.exit(1)
    for problem in comparison.problems:
        _warn(str(problem))
    if not comparison.articles:
        _warn("error: no article could be read; no report made")
        sys.exit(1)
    if fmt == "terminal" and not output:
        from crosswire.report.terminal import render_terminal

        width = shutil.get_terminal_size((100, 24)).columns
        sys.stdout.write(render_terminal(comparison, width=width, color=sys.stdout.isatty()))
        return
    _write(render(comparison, fmt), output, fmt)


@main.command()
@click.argument("source")
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Document date that relative dates are resolved against.")
@click.option("--format", "fmt", type=click.Choice(["json", "terminal"]), default="json", show_default=True)
@click.option("--spacy-model", metavar="NAME|DIR", help="spaCy pipeline package or directory.")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a setting (see the README).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def extract(source, published, fmt, spacy_model, overrides, debug) -> None:
    """Analyse one text as read (no cleaning): entities, quantities, times, quotes.

    Offsets (start, end) index the text exactly as read. SOURCE is a file or -.
    A JSON file with a "text" field is analysed on that field (its "published"
    or "dct" field gives the date unless --published is given).

    Example: crosswire extract article.txt --published 2025-10-25 --format json
    """
    from crosswire.extract import extract_source

    try:
        settings = _settings(overrides, spacy_model=spacy_model)
        result = extract_source(source, published=published, nlp=_nlp(settings["spacy_model"]),
                                max_bytes=settings["max_bytes"])
    except CrosswireError as exc:
        if debug:
            raise
        _warn(f"error: {exc}")
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_extract(result)


def _settings(overrides, **shortcuts) -> dict:
    """The settings, with an option such as --spacy-model counting as --set spacy_model=..."""
    from crosswire.settings import load_settings

    extra = [f"{name}={value}" for name, value in shortcuts.items() if value is not None]
    return load_settings([*overrides, *extra])


def _nlp(model: str | None):
    from crosswire.analyze.nlp import load_nlp

    return load_nlp(model)


def _write(report: str, output: str | None, fmt: str) -> None:
    if output:
        Path(output).write_text(report, encoding="utf-8")
        _warn(f"wrote {output}")
    elif fmt == "terminal":
        sys.stdout.write(report)
    else:
        click.echo(report)


def _print_extract(result: dict) -> None:
    text = result["text"]
    for key in ("entities", "quantities", "times", "quotes"):
        click.echo(f"{key}:")
        for item in result[key]:
            start = item.get("start", item.get("content", {}).get("start"))
            end = item.get("end", item.get("content", {}).get("end"))
            extra = {k: v for k, v in item.items() if k not in ("start", "end", "text")}
            click.echo(f"  {text[start:end]!r} {json.dumps(extra, ensure_ascii=False, default=str)}")


if __name__ == "__main__":  # pragma: no cover
    main()
