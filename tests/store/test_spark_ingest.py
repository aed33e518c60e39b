"""`crosswire ingest --spark`: reading and analysis on Spark executors (local mode), the store made here.

What a user relies on: the store and its stories are the same as a local run's, bad files are
one line each and the rest go on, and a re-run stores nothing twice. Skips with a message
when pyspark or Java is missing.
"""

import json
import shutil
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 or newer on PATH", allow_module_level=True)

from crosswire.cli import main  # noqa: E402
from crosswire.spark import _driver_options, ingest_with_spark, spark_session  # noqa: E402
from crosswire.store import open_store  # noqa: E402
from crosswire.store.ingest import ingest  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def sources(corpus):
    """The store tests' corpus (three example articles, two records of our own) and two bad files."""
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "broken.json").write_text('{"id": 1, "text": ', encoding="utf-8")
    return corpus


def _stories(store) -> list[list[str]]:
    return sorted(sorted(story["articles"]) for story in store.stories())


def test_spark_ingest_makes_the_store_a_local_run_makes(spark, sources, tmp_path):
    with open_store(str(tmp_path / "local.db"), create=True) as store:
        local = ingest(store, [sources], processes=1)
        local_stories = _stories(store)
    problems, progress = [], []
    with open_store(str(tmp_path / "spark.db"), create=True) as store:
        result = ingest_with_spark(store, [sources], spark=spark, on_problem=problems.append,
                                   on_file=lambda done, total: progress.append((done, total)))
        assert _stories(store) == local_stories and len(local_stories) == 3
        again = ingest_with_spark(store, [sources], spark=spark)
    assert (result.files, result.read, result.added) == (local.files, local.read, local.added) == (6, 5, 5)
    assert sorted(p.source.rsplit("/", 1)[-1] for p in problems) == ["broken.json", "empty.txt"]
    assert progress[-1] == (6, 6) and progress == sorted(progress)
    assert (again.added, again.unchanged) == (0, 5)  # a re-run stores nothing twice


def test_spark_reads_sources_given_as_uris_itself(spark, sources, tmp_path):
    # hdfs://, s3a://, file://: read by Spark where they are, a folder whole, hidden files skipped
    (sources / "sub").mkdir()
    (sources / "own.jsonl").rename(sources / "sub" / "own.jsonl")
    problems, progress = [], []
    with open_store(str(tmp_path / "spark.db"), create=True) as store:
        result = ingest_with_spark(store, [f"file://{sources}"], spark=spark, on_problem=problems.append,
                                   on_file=lambda done, total: progress.append((done, total)))
        sizes = sorted(story["size"] for story in store.stories())
        ids = {e for story in store.stories() for e in story["articles"]}
    assert (result.files, result.read, result.added, sizes) == (6, 5, 5, [1, 1, 3])
    assert {"ferry-1", "library-1"} <= ids and all(p.source.startswith("file:") for p in problems)
    assert sorted(p.source.rsplit("/", 1)[-1] for p in problems) == ["broken.json", "empty.txt"]
    assert progress[-1] == (6, None)


def test_executors_leave_out_the_articles_stored_already(sources):
    # what a re-run, or a run resumed after a kill, costs: only the new articles are analysed
    from types import SimpleNamespace

    from crosswire.ingest import read_all
    from crosswire.spark import _analyse_files

    paths = sorted(str(p) for p in sources.iterdir() if not p.name.startswith("."))
    stored = {a.id for a in read_all([sources / "harbor-strike-gazette.txt", sources / "own.jsonl"])[0]}
    messages = list(_analyse_files(paths, published=None, spacy_model=None, embedding_model=None,
                                   stored=SimpleNamespace(value=frozenset(stored))))
    analysed = [a for kind, *rest in messages if kind == "analysed" for a in rest[0]]
    assert len(analysed) == 2 and not {a.id for a in analysed} & stored  # the wire copy and the Courier
    assert all(len(rest[2]) == len(rest[0]) for kind, *rest in messages if kind == "analysed")  # features made
    assert messages[-1][:4] == ("done", 6, 5, 3) and len(messages[-1][4]) == 2  # 5 read, 3 left out, 2 problems


def test_cli_ingest_with_spark_reports_like_a_local_run(spark, sources, tmp_path):
    db = str(tmp_path / "news.db")
    run = CliRunner().invoke(main, ["ingest", str(sources), "--db", db, "--spark", "local[2]", "-q"])
    assert run.exit_code == 0, run.output
    assert "5 new, 0 revised, 0 already stored, 2 skipped, from 6 files" in run.output
    listed = CliRunner().invoke(main, ["stories", "--db", db, "--format", "json"])
    assert {"ferry-1", "library-1"} <= {e for story in json.loads(listed.output) for e in story["articles"]}


def test_the_driver_logs_only_errors_unless_the_user_configured_spark(spark, monkeypatch):
    # Spark's own default prints a dozen start-up notes and warnings between crosswire's lines
    options = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions")
    config = Path(urllib.parse.urlparse(options.split("-Dlog4j2.configurationFile=", 1)[1]).path)
    assert "rootLogger.level = error" in config.read_text(encoding="utf-8")
    monkeypatch.setenv("SPARK_CONF_DIR", "/etc/spark/conf")  # their own log4j2.properties is kept
    assert "spark.driver.extraJavaOptions" not in _driver_options()
