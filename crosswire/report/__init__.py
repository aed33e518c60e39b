"""Comparison -> terminal / Markdown / HTML / JSON.

Each renderer takes a `Comparison` and returns a string; `RENDERERS` is the
registry a driver picks from by name. The JSON report's shape is fixed by
``comparison-v1.schema.json`` (see ``docs/json-schema.md``).
"""

from __future__ import annotations

from crosswire.model import Comparison
from crosswire.report.htmlreport import render_html
from crosswire.report.jsonreport import SCHEMA_VERSION, comparison_to_dict, load_schema, render_json
from crosswire.report.markdown import render_markdown
from crosswire.report.terminal import render_terminal, terminal_report

RENDERERS = {
    "terminal": render_terminal,
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
}

__all__ = [
    "RENDERERS",
    "SCHEMA_VERSION",
    "comparison_to_dict",
    "load_schema",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_terminal",
    "terminal_report",
]


def render(comparison: Comparison, fmt: str) -> str:
    """Render `comparison` in format `fmt` (a key of RENDERERS)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        from crosswire.errors import ConfigError

        known = ", ".join(sorted(RENDERERS))
        raise ConfigError(f"unknown report format {fmt!r} (choose one of: {known})") from None
    return renderer(comparison)
