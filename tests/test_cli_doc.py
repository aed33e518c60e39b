import importlib.util
import pathlib

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"


def test_cli_reference_is_generated_from_current_help():
    spec = importlib.util.spec_from_file_location("make_cli_doc", DOCS / "make_cli_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == module.cli_reference(), (
        "docs/cli.md is stale: run python docs/make_cli_doc.py"
    )


def test_every_command_help_ends_with_an_example():
    from click.testing import CliRunner

    from crosswire.cli import main

    for command in main.commands:
        output = CliRunner().invoke(main, [command, "--help"], terminal_width=100).output
        assert "Example: crosswire" in output
