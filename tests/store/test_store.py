"""The store: migrations, idempotent ingestion, revisions, resume after a kill, search, stories, comparisons."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from store_corpus import FERRY, LIBRARY, record

from crosswire.errors import StoreError
from crosswire.store import open_store
from crosswire.ingest import expand_sources
from crosswire.store.ingest import ingest
from crosswire.store.reports import story_comparison
from crosswire.store.schema import migrations


def test_migrations_are_applied_once_and_recorded(store):
    names = [name for name, _ in migrations(store.dialect)]
    assert store.applied_migrations() == names
    assert store.migrate() == []  # a second open finds nothing to do


def test_a_database_with_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer schema.*upgrade crosswire"):
        open_store(path)


def test_folders_expand_to_sorted_visible_files(corpus):
    names = [p.rsplit("/", 1)[-1] for p in expand_sources([corpus])]
    assert names == sorted(names) and ".hidden.txt" not in names and "own.jsonl" in names


def test_reingesting_stores_nothing_twice(store, corpus, nlp, api):
    first = ingest(store, [corpus], nlp=nlp, api=api)
    assert (first.added, first.unchanged) == (5, 0)
    counts = store.counts()
    again = ingest(store, [corpus, corpus / "own.jsonl"], nlp=nlp, api=api)
    assert (again.added, again.revisions, again.unchanged) == (0, 0, 7)
    assert store.counts() == counts
    assert counts["articles"] == counts["story_assignments"] == counts["story_features"] == 5


def test_a_changed_record_is_a_new_revision_and_both_texts_are_kept(store, tmp_path, nlp, api):
    path = tmp_path / "a.jsonl"
    path.write_text(record("ferry-1", FERRY, "Storm strands ferry passengers") + "\n", encoding="utf-8")
    ingest(store, [path], nlp=nlp, api=api)
    changed = FERRY.replace("About 1,200", "About 1,400")
    path.write_text(record("ferry-1", changed, "Storm strands ferry passengers") + "\n", encoding="utf-8")
    result = ingest(store, [path], nlp=nlp, api=api)
    assert result.revisions == 1
    versions = store.revisions("ferry-1")
    assert [v["revision"] for v in versions] == [1, 2]
    assert "1,200" in versions[0]["text"] and "1,400" in versions[1]["text"]
    [story] = store.stories()
    assert story["articles"] == ["ferry-1"] and story["size"] == 1  # only the latest revision is compared
    comparison, _ = story_comparison(store, story["id"], nlp=nlp)
    [note] = [n.message for n in comparison.notes[comparison.articles[0].id] if n.message.startswith("revised")]
    assert "version 2" in note and "differs in 1 sentence: was" in note
    assert note.index("1,200") < note.index("now") < note.index("1,400")


def test_search_finds_words_in_articles_and_claims_and_ignores_sql(store, corpus, nlp, api):
    ingest(store, [corpus], nlp=nlp, api=api)
    hits = store.search("shipbuilding")
    assert {h["kind"] for h in hits} == {"article", "claim"}
    assert {h["article"] for h in hits} == {"ferry-1"}
    assert store.search("Lindgren")[0]["article"] == "library-1"
    before = store.counts()
    for attack in ("'; DROP TABLE articles; --", '" OR 1=1 --', "shipbuilding) OR (1=1", "NEAR(a b", "*"):
        store.search(attack)  # must neither fail nor change anything
    assert store.counts() == before
    assert {h["article"] for h in store.search("'; shipbuilding --")} == {"ferry-1"}


def test_stories_group_the_example_articles_apart_from_our_own(store, corpus, nlp, api):
    ingest(store, [corpus], nlp=nlp, api=api)
    stories = store.stories()
    assert [s["size"] for s in stories] == [3, 1, 1]  # biggest first
    assert stories[1]["last_published"] >= stories[2]["last_published"]  # then newest
    assert {s["articles"][0] for s in stories[1:]} == {"ferry-1", "library-1"}
    assert [s["id"] for s in store.stories(since=__import__("datetime").date(2025, 10, 21))] == [stories[1]["id"]]


def test_the_example_stories_keep_their_single_articles_apart(store, corpus, nlp, api):
    # The ferry and the library are stories of one article each: the pass that joins an article left
    # alone to the story it fits (StoryIndex.adopt_orphans) must not pull them into the strike.
    ingest(store, [corpus], nlp=nlp, api=api)
    assert sorted(s["articles"][0] for s in store.stories() if s["size"] == 1) == ["ferry-1", "library-1"]


def test_a_run_clusters_its_articles_in_publication_order(store, corpus, nlp, api):
    # Files come in any order; online clustering is order-dependent, so a run's articles join their
    # stories by publication date, undated last, as StoryIndex.add_many (and eval.stories) does.
    placed = []
    ingest(store, [corpus], nlp=nlp, api=api, on_cluster=lambda done, total: placed.append((done, total)))
    assert placed == [(5, 5)]  # one batch placed, reported for the progress bar
    days = [row[0] for row in store._rows(
        "SELECT a.published FROM story_assignments s JOIN articles a ON a.id = s.article_id ORDER BY s.seq")]
    assert len(days) == 5 and days == sorted(days, key=lambda d: (d is None, d or ""))
    files = [row[0] for row in store._rows("SELECT source FROM articles ORDER BY first_seen, id")]
    assert len(set(files)) > 1  # several files, stored in the order read


def test_folding_a_story_moves_its_articles_and_drops_it(store, corpus, nlp, api):
    ingest(store, [corpus], nlp=nlp, api=api)
    harbor, _, library = (s["id"] for s in store.stories())
    touched = store.fold_story(library, harbor)
    store.refresh_stories(touched)
    assert touched == {library, harbor}
    assert store.story(library) is None and store.story(harbor)["size"] == 4
    assert "library-1" in store.story(harbor)["articles"]


def test_stories_filter_by_dates_and_text_and_page_in_sql(store, corpus, nlp, api):
    import datetime as dt

    ingest(store, [corpus], nlp=nlp, api=api)
    everything = [s["id"] for s in store.stories()]
    harbor, ferry, library = everything  # sizes 3, 1, 1; ferry (10-21) is newer than library (10-20)

    def ids(**filters):
        return [s["id"] for s in store.stories(**filters)]

    assert ids(since=dt.date(2025, 10, 21)) == [ferry]
    assert ids(until=dt.date(2025, 10, 20)) == [harbor, library]
    assert ids(since=dt.date(2025, 10, 20), until=dt.date(2025, 10, 20)) == [library]
    assert ids(q="shipbuilders") == [ferry]  # stemmed, as search finds it
    assert ids(q="Lindgren renovation") == [library]
    assert ids(q="dockworkers") == [harbor] and ids(q="dockworkers", since=dt.date(2025, 10, 21)) == []
    assert ids(q="zeppelin") == [] and ids(q="   ") == everything
    before = store.counts()
    for attack in ("'; DROP TABLE stories; --", '" OR 1=1 --', "NEAR(a b", "*", "!!!"):
        assert ids(q=attack) == []
    assert store.counts() == before
    pages = [ids(limit=2, offset=0), ids(limit=2, offset=2), ids(limit=2, offset=4)]
    assert pages == [everything[:2], everything[2:], []]
    assert ids(offset=1) == everything[1:] and ids(limit=1, q="Lindgren", offset=1) == []
    [one] = store.stories(q="Lindgren")
    assert one["articles"] == ["library-1"] and one == store.story(library)


def test_a_comparison_is_recomputed_only_when_the_story_changes(store, corpus, tmp_path, nlp, api, monkeypatch):
    from crosswire import pipeline

    calls = []
    real = pipeline.compare
    monkeypatch.setattr(pipeline, "compare", lambda *a, **k: calls.append(1) or real(*a, **k))
    ingest(store, [corpus / "harbor-strike-gazette.txt", corpus / "harbor-strike-wire.json"], nlp=nlp, api=api)
    [story] = store.stories()
    assert store.stories(uncompared=True) == [story]
    first, recomputed = story_comparison(store, story["id"], nlp=nlp)
    assert recomputed and len(calls) == 1
    again, recomputed = story_comparison(store, story["id"], nlp=nlp)
    assert not recomputed and len(calls) == 1
    assert len(again.findings) == len(first.findings) and again.findings[0] == first.findings[0]
    from crosswire.report import render

    assert render(again, "md") == render(first, "md")  # the stored report renders as the computed one
    assert store.stories(uncompared=True) == []
    summary = store.comparison(story["id"], story["version"])["summary"]
    assert store.verdict_counts([story]) == {story["id"]: {v: summary[v] for v in ("conflicting", "corroborated",
                                                                                   "unique")}}  # fmt: skip
    ingest(store, [corpus / "harbor-strike-courier.html"], nlp=nlp, api=api)
    story_id = store.stories()[0]["id"]
    assert [s["id"] for s in store.stories(uncompared=True)] == [story_id]  # its stored comparison is of 2 articles
    assert store.verdict_counts(store.stories()) == {story_id: None}
    third, recomputed = story_comparison(store, story_id, nlp=nlp)
    assert recomputed and len(calls) == 2 and len(third.articles) == 3


KILLED_RUN = textwrap.dedent("""
    from crosswire.store import open_store
    from crosswire.store.ingest import ingest
    ingest(open_store({db!r}), [{folder!r}], batch_size=1)
""")


def test_a_comparison_stored_by_other_rules_is_made_again(store, corpus, nlp, api, monkeypatch):
    from crosswire import pipeline
    from crosswire.store.reports import story_comparison

    ingest(store, [corpus], nlp=nlp, api=api)
    story = store.stories()[0]
    story_comparison(store, story["id"], nlp=nlp)
    assert store.stories(uncompared=True, limit=1)[0]["id"] != story["id"]
    monkeypatch.setattr(pipeline, "COMPARISON_VERSION", "compare.vNEXT")  # an upgraded crosswire
    assert store.comparison(story["id"], story["version"]) is None
    assert story["id"] in [s["id"] for s in store.stories(uncompared=True)]
    assert store.verdict_counts([story]) == {story["id"]: None}
    assert story_comparison(store, story["id"], nlp=nlp)[1]  # recomputed, then served
    assert store.comparison(story["id"], story["version"]) is not None


def test_a_run_killed_mid_way_resumes_with_nothing_lost_or_doubled(tmp_path, nlp, api):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        text = FERRY.replace("1,200", f"{1000 + i * 7:,}") if i % 2 else LIBRARY.replace("2.5", f"{2 + i / 10:.1f}")
        (folder / f"a{i:02}.txt").write_text(f"Report {i}\n\n{text}\n", encoding="utf-8")
    db = tmp_path / "news.db"
    script = KILLED_RUN.format(tests=os.path.dirname(__file__), db=str(db), folder=str(folder))
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _count(db) >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _count(db)
    assert 3 <= stored < 12, proc.stderr.read().decode()[-2000:]
    with open_store(db) as store:
        result = ingest(store, [folder], nlp=nlp, api=api)
        assert result.added == 12 - stored and result.unchanged == stored
        counts = store.counts()
        assert counts["articles"] == counts["analyses"] == counts["story_features"] == 12
        assert counts["story_assignments"] == 12
        assert sum(s["size"] for s in store.stories()) == 12


def _count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0
