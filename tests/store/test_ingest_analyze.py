"""Ingestion with analyses made elsewhere (what bench/scale.py relies on)."""

from __future__ import annotations

import dataclasses
import json

import pytest

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


def test_stored_analyses_read_back_equal_to_what_was_stored(store, corpus, nlp, api):
    from crosswire.analyze import ANALYSIS_VERSION

    ingest(store, [corpus], nlp=nlp, api=api)
    articles = store.articles(asked_ids(store))
    stored = store.analyses([a.id for a in articles], ANALYSIS_VERSION)
    assert set(stored) == {a.id for a in articles}
    assert [stored[a.id] for a in articles] == analyze_articles(articles, nlp=nlp)
    assert store.analyses([a.id for a in articles], "analyze.v0") == {}  # another version's are not used


@pytest.mark.parametrize("no_break_spaces, given", [(False, False), (True, False), (True, True)])
def test_a_story_is_compared_from_its_stored_analyses_without_spacy(store, corpus, nlp, api, no_break_spaces, given):
    from crosswire.report.jsonreport import comparison_to_dict
    from crosswire.store.reports import story_comparison
    from crosswire import pipeline

    if no_break_spaces:  # as many pages print them inside names and figures ("Mr.\xa0Biden", "17\xa0ships")
        gazette = corpus / "harbor-strike-gazette.txt"
        gazette.write_text(gazette.read_text(encoding="utf-8").replace(" the ", "\xa0the "), encoding="utf-8")

    def keeping_the_text_as_given(articles):  # a caller's analyses, their text kept with its no-break spaces
        return [dataclasses.replace(x, text=a.text) for a, x in zip(articles, analyze_articles(articles, nlp=nlp))]

    ingest(store, [corpus], nlp=nlp, api=api, analyze=keeping_the_text_as_given if given else None)
    [story] = [s for s in store.stories() if s["size"] == 3]  # the three harbor-strike examples

    class NoSpacy:
        def pipe(self, *args, **kwargs):
            raise AssertionError("spaCy ran although every analysis was stored")

    comparison, recomputed = story_comparison(store, story["id"], nlp=NoSpacy())
    fresh = pipeline.compare(store.articles(story["article_ids"]), nlp=nlp)
    assert recomputed and comparison_to_dict(comparison) == comparison_to_dict(fresh)
    assert comparison.by_verdict("conflicting")  # the planted conflicts (ships 17 vs 14, ...)


def test_an_article_whose_analysis_fails_is_one_problem_and_the_rest_are_stored(store, corpus, nlp, api, monkeypatch):
    import crosswire.analyze

    real = crosswire.analyze.analysis_of_doc

    def failing(doc, published):
        if "Lindgren" in doc.text:  # our library record
            raise KeyError("end of")
        return real(doc, published)

    monkeypatch.setattr(crosswire.analyze, "analysis_of_doc", failing)
    seen = []
    result = ingest(store, [corpus], nlp=nlp, api=api, on_problem=seen.append)
    assert result.added == 4 and store.counts()["articles"] == 4
    [problem] = seen
    assert "own.jsonl" in problem.source
    assert "analysis failed (KeyError: 'end of')" in str(problem) and "\n" not in str(problem)
    # fixed (the patch gone), the next run stores just that article
    monkeypatch.setattr(crosswire.analyze, "analysis_of_doc", real)
    again = ingest(store, [corpus], nlp=nlp, api=api)
    assert (again.added, again.unchanged) == (1, 4)


def test_a_story_compared_again_embeds_only_the_sentences_of_its_new_articles(store, corpus, nlp, api, monkeypatch):
    from crosswire import pipeline
    from crosswire.align.embed import Embedder
    from crosswire.report.jsonreport import comparison_to_dict

    ingest(store, [corpus], nlp=nlp, api=api)
    [story] = [s for s in store.stories() if s["size"] == 3]
    articles = sorted(store.articles(story["article_ids"]), key=lambda a: a.id)
    encoded: list[list[str]] = []
    original = Embedder.encode
    monkeypatch.setattr(Embedder, "encode", lambda self, sentences, *args: encoded.append(list(sentences))
                        or original(self, sentences, *args))
    pipeline.compare(articles[:2], nlp=nlp, vector_cache=store)  # the story before its third article came
    again = pipeline.compare(articles, nlp=nlp, vector_cache=store)
    assert encoded[0] and all(sentence in articles[2].text for sentence in encoded[1])
    monkeypatch.setattr(Embedder, "encode", original)
    fresh = pipeline.compare(articles, nlp=nlp)  # no vectors kept: the same comparison
    assert comparison_to_dict(again) == comparison_to_dict(fresh)


class _Fragile:
    """spaCy as if it broke inside its pipe on one text (a bug of its own, an input it cannot take)."""

    def __init__(self, nlp, poison: str) -> None:
        self.nlp, self.poison = nlp, poison

    def pipe(self, texts, **kwargs):
        def checked():
            for text, context in texts:
                if self.poison in text:
                    raise ValueError("the parser broke")
                yield text, context

        return self.nlp.pipe(checked(), **kwargs)

    def __call__(self, text):
        if self.poison in text:
            raise ValueError("the parser broke")
        return self.nlp(text)


def test_spacy_breaking_inside_its_pipe_is_one_articles_problem_and_the_rest_are_stored(store, corpus, nlp, api):
    seen = []
    result = ingest(store, [corpus], nlp=_Fragile(nlp, "Lindgren"), api=api, on_problem=seen.append, batch_size=2)
    assert result.added == 4 and store.counts()["articles"] == 4
    assert [(p.source.rsplit("/", 1)[-1], "ValueError: the parser broke" in p.reason) for p in seen] == \
        [("own.jsonl:2", True)]


def test_a_store_error_while_ingesting_is_raised_not_taken_for_spacys(store, corpus, nlp, api, monkeypatch):
    from crosswire.errors import StoreError

    calls = []

    def locked_after_the_first_batch(ids):
        calls.append(ids)
        if len(calls) > 1:  # while spaCy holds the first batch's texts
            raise StoreError("database is locked")
        return set()

    monkeypatch.setattr(store, "known_article_ids", locked_after_the_first_batch)
    with pytest.raises(StoreError, match="locked"):
        ingest(store, [corpus], nlp=nlp, api=api, batch_size=2)
