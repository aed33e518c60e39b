"""The store commands: JSON shape, and one-line errors with a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from crosswire.cli import main
from crosswire.store import open_store
from crosswire.store.ingest import ingest


@pytest.fixture
def db(tmp_path, corpus, nlp, api):
    path = tmp_path / "news.db"
    with open_store(path) as store:
        ingest(store, [corpus], nlp=nlp, api=api)
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def assert_one_line_error(result, *words, status=1):
    assert result.exit_code == status, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


def test_stories_json_lists_external_ids(db):
    result = run("stories", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)
    assert set(stories[0]) == {"id", "title", "articles", "size", "first_published", "last_published"}
    assert stories[0]["size"] == len(stories[0]["articles"]) == 3
    assert "mw-20251013-0412" in stories[0]["articles"]  # the JSON record's own id
    assert any(s["articles"] == ["ferry-1"] for s in stories)


def test_story_and_search_commands_render(db, tmp_path):
    story_id = json.loads(run("stories", "--db", db, "--format", "json").output)[0]["id"]
    out = tmp_path / "s.html"
    result = run("story", story_id, "--db", db, "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "<html" in out.read_text(encoding="utf-8").lower()
    hits = json.loads(run("search", "shipbuilding", "--db", db, "--format", "json").output)
    assert {h["article"] for h in hits} == {"ferry-1"}


def test_an_empty_listing_says_why_on_stderr_and_leaves_stdout_empty(db, tmp_path):
    # a script reading stdout gets nothing to parse; a person at the terminal learns the filter matched nothing
    runner = CliRunner()  # click 8.2+: stdout and stderr apart
    cases = [
        (["stories", "--db", db, "--since", "2090-01-01"], "no stories published on or after 2090-01-01"),
        (["search", "zeppelin", "--db", db], "no article or claim matches 'zeppelin'"),
        (["search", "  ", "--db", db], "nothing to search for: give a word"),
    ]
    for args, message in cases:
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and result.stdout == "" and result.stderr.strip() == message, args
    empty = str(tmp_path / "empty.db")
    with open_store(empty):
        pass
    result = runner.invoke(main, ["stories", "--db", empty])
    assert result.stdout == "" and "no stories yet: `crosswire ingest SOURCES --db" in result.stderr
    assert json.loads(runner.invoke(main, ["stories", "--db", empty, "--format", "json"]).stdout) == []


@pytest.mark.parametrize("command", [["stories"], ["story", "abc"], ["search", "port"]])
def test_a_missing_database_is_a_one_line_error(tmp_path, command):
    missing = str(tmp_path / "nowhere.db")
    assert_one_line_error(run(*command, "--db", missing), "no database", "crosswire ingest")
    assert not (tmp_path / "nowhere.db").exists()  # reading never creates one


def test_a_newer_schema_is_a_one_line_error(db):
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', '2030-01-01')")
    assert_one_line_error(run("stories", "--db", db), "newer schema", "upgrade crosswire")


def test_a_locked_database_is_a_one_line_error(db, monkeypatch, tmp_path):
    monkeypatch.setattr("crosswire.store.sqlite.BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        assert_one_line_error(run("ingest", str(tmp_path), "--db", db, "--quiet"), "locked", "try again")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_bad_filters_and_unknown_stories_are_one_line_errors(db):
    assert_one_line_error(run("stories", "--db", db, "--since", "notadate"), "--since", "2025-10-25", status=2)
    assert_one_line_error(run("story", "no-such-story", "--db", db), "no story", "crosswire stories")


def test_every_store_command_help_ends_with_an_example():
    for command in ("ingest", "stories", "story", "search"):
        assert "Example: crosswire " + command in run(command, "--help").output


def test_a_uri_that_only_spark_reads_asks_for_spark(tmp_path):
    run = CliRunner().invoke(main, ["ingest", "hdfs://namenode/news/", "--db", str(tmp_path / "n.db")])
    assert run.exit_code == 2 and "hdfs://namenode/news/: Spark reads such a URI: add --spark MASTER" in run.output
    assert not (tmp_path / "n.db").exists()  # refused before anything is opened


def test_a_text_too_long_to_analyse_is_one_line_and_the_rest_are_stored(tmp_path, corpus, nlp, api):
    # a million characters and more (a book, a dump of a site): spaCy refuses it, and it had stopped the run
    (corpus / "dump.txt").write_text("Port news\n" + "The ferry ran late again today. " * 40_000, encoding="utf-8")
    problems = []
    with open_store(tmp_path / "news.db") as store:
        result = ingest(store, [corpus], nlp=nlp, api=api, on_problem=problems.append)
    assert result.added == 5
    assert [(p.source.rsplit("/", 1)[-1], p.reason.split(":")[0]) for p in problems] == \
        [("dump.txt", "too long for one article")]
