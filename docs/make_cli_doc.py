"""Write docs/cli.md from the commands' --help, so the reference cannot drift.

Run: python docs/make_cli_doc.py    (tests/test_cli_doc.py checks it is current)
"""

from __future__ import annotations

import pathlib

from click.testing import CliRunner

from crosswire.cli import main

DOC = pathlib.Path(__file__).with_name("cli.md")


def cli_reference() -> str:
    runner = CliRunner()
    parts = ["# crosswire command line\n", "Generated from `--help` by `python docs/make_cli_doc.py`; do not edit.\n"]
    commands = [[]] + [[name] for name in main.commands]  # in the order they are defined
    for args in commands:
        title = " ".join(["crosswire", *args])
        result = runner.invoke(main, [*args, "--help"], prog_name="crosswire", terminal_width=100)
        parts.append(f"## {title}\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(cli_reference(), encoding="utf-8")
    print(f"wrote {DOC}")
