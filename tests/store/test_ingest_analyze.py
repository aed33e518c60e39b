"""Ingestion with analyses made elsewhere (what bench/scale.py relies on)."""

from __future__ import annotations

import dataclasses
import json

from crosswire.pipeline import analyze_articles
from crosswire.store.ingest import ingest


def test_given_analyses_are_stored_instead_of_running_spacy(store, corpus, nlp, api):
    asked = []

    def analyze(articles):
        asked.extend(a.external_id for a in articles)
        # the real analysis minus its quotes: proves that what is stored is what was given
        return [dataclasses.replace(a, quotes=()) for a in analyze_articles(articles, nlp=nlp)]

    result = ingest(store, [corpus], nlp=nlp, api=api, analyze=analyze)
    assert result.added == len(asked) == 5
    stored = store._rows("SELECT data FROM analyses")
    assert len(stored) == 5 and all(json.loads(row[0])["quotes"] == [] for row in stored)
    assert any(analysis.quotes for analysis in analyze_articles(store.articles(asked_ids(store)), nlp=nlp))
    # the same articles again: already stored, so nothing is asked for
    asked.clear()
    assert ingest(store, [corpus], nlp=nlp, api=api, analyze=analyze).unchanged == 5 and asked == []


def asked_ids(store):
    return [row[0] for row in store._rows("SELECT id FROM articles")]


def test_two_spacy_processes_store_what_one_does(tmp_path, corpus, nlp, api):
    from crosswire.store import open_store

    stored = []
    for processes in (1, 2):
        with open_store(tmp_path / f"p{processes}.db") as store:
            result = ingest(store, [corpus], nlp=nlp, api=api, processes=processes, batch_size=2)
            assert result.added == 5
            stored.append(sorted(store._rows("SELECT article_id, data FROM analyses")))
    assert stored[0] == stored[1]
