"""StoryIndex with small synthetic features: no model needed.

Vectors are built from a few orthogonal "topic" directions plus small noise, so
the cosine between two articles is set by the test, not by a model.
"""

import dataclasses
import random
import zlib
import datetime as dt

import numpy as np

from crosswire.stories import DIM, ClusterSettings, StoryFeatures, StoryIndex, arrival_order
from crosswire.stories.features import minhash, term_counts

DAY = dt.date(2025, 10, 20)
_rng = np.random.default_rng(7)
TOPICS = {name: _rng.standard_normal(DIM) for name in ("strike", "quake", "budget", "bridge")}


def vec(*parts: tuple[str, float], noise: float = 0.15, seed: int = 0) -> np.ndarray:
    v = sum(weight * TOPICS[name] / np.linalg.norm(TOPICS[name]) for name, weight in parts)
    v = v + noise * np.random.default_rng(seed).standard_normal(DIM) / np.sqrt(DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def words(parts, entities) -> str:
    """The words an article on these topics would use: each topic's own vocabulary, and the names."""
    vocab = " ".join(f"{name}{k}" for name, weight in parts if weight >= 0.5 for k in range(8))
    return f"{vocab} {' '.join(entities)}"


def _seed(aid: str) -> int:
    """The noise seed of an article: fixed across runs (str hashes change with PYTHONHASHSEED, and the seed of
    TOPICS, 7, once made an article's noise its topic's direction), and apart from TOPICS' seed."""
    return 1000 + zlib.crc32(aid.encode()) % 1000


def feat(aid, parts, *, day=0, entities=(), text=None, seed=None, published=True, vocab=True):
    text = text if text is not None else f"own words of article {aid} " * 3
    terms, counts = term_counts(f"{text} {words(parts, entities) if vocab else ''}")
    return StoryFeatures(
        article_id=aid,
        published=DAY + dt.timedelta(days=day) if published else None,
        vector=vec(*parts, seed=_seed(aid) if seed is None else seed),
        entities=frozenset(entities),
        signature=minhash(text),
        terms=terms,
        counts=counts,
    )


def test_same_story_joins_and_keeps_the_first_articles_id():
    index = StoryIndex()
    a = index.add(feat("a", [("strike", 1)], entities={"portauthority", "busan"}))
    b = index.add(feat("b", [("strike", 1)], day=1, entities={"portauthority", "busan"}))
    assert a.story_id == "s-a" and b.story_id == "s-a"
    assert index.stories() == {"s-a": ["a", "b"]}


def test_unrelated_articles_of_the_same_day_stay_apart():
    index = StoryIndex()
    ids = {index.add(feat(t, [(t, 1)])).story_id for t in ("strike", "quake", "budget", "bridge")}
    assert len(ids) == 4


def test_two_similar_events_in_different_places_and_weeks_stay_apart():
    index = StoryIndex()
    # two earthquakes: leads read alike (shared 'quake' direction), places and dates differ
    first = index.add(feat("q1", [("quake", 1), ("bridge", 0.45)], entities={"chile", "valparaiso"}))
    index.add(feat("q1b", [("quake", 1), ("bridge", 0.45)], day=1, entities={"chile", "valparaiso"}))
    second = index.add(feat("q2", [("quake", 1), ("budget", 0.45)], day=12, entities={"japan", "sendai"}))
    assert first.story_id != second.story_id


def test_a_bridging_article_merges_two_stories_into_the_oldest():
    index = StoryIndex()
    # each touches the other's subject a little (same day: 0.2 of it would now be enough to join them)
    index.add(feat("a", [("strike", 1), ("budget", 0.1)], entities={"union"}))
    index.add(feat("b", [("strike", 0.1), ("budget", 1)], entities={"council"}))
    assert index.story_of("a") != index.story_of("b")
    bridge = index.add(feat("c", [("strike", 1), ("budget", 1)], entities={"union", "council"}))
    assert bridge.story_id == "s-a" and bridge.merged == ("s-b",)
    assert index.story_of("b") == "s-a"
    assert index.stories() == {"s-a": ["a", "b", "c"]}


WIRE = " ".join(f"word{k}" for k in range(200))


def test_a_wire_reprint_is_a_duplicate_of_the_earliest_copy():
    index = StoryIndex()
    index.add(feat("orig", [("bridge", 1)], text=WIRE))
    index.add(feat("copy1", [("bridge", 1)], day=1, text=WIRE + " extra"))
    copy2 = index.add(feat("copy2", [("bridge", 1)], day=2, text="Dateline: " + WIRE))
    assert copy2.duplicate_of == "orig" and copy2.derived_from is None
    assert copy2.story_id == "s-orig"


def test_a_heavy_rewrite_is_derived_with_its_score():
    index = StoryIndex()
    index.add(feat("orig", [("bridge", 1)], text=WIRE))
    kept = " ".join(WIRE.split()[:100]) + " " + " ".join(f"new{k}" for k in range(100))
    rewrite = index.add(feat("rw", [("bridge", 1)], day=1, text=kept))
    assert rewrite.duplicate_of is None
    assert rewrite.derived_from[0] == "orig" and 0.3 <= rewrite.derived_from[1] < 0.8


def test_articles_outside_the_time_window_are_not_candidates():
    index = StoryIndex()
    index.add(feat("a", [("strike", 1)], entities={"busan"}))
    later = index.add(feat("b", [("strike", 1)], day=90, entities={"busan"}))
    assert later.story_id == "s-b"


def test_undated_articles_are_compared_with_every_date():
    index = StoryIndex()
    index.add(feat("a", [("strike", 1)], entities={"busan"}))
    assert index.add(feat("b", [("strike", 1)], entities={"busan"}, published=False)).story_id == "s-a"


def _stream():
    return [
        feat("a", [("strike", 1), ("budget", 0.2)], entities={"union"}),
        feat("b", [("strike", 0.2), ("budget", 1)], day=1, entities={"council"}),
        feat("q", [("quake", 1)], day=1),
        feat("c", [("strike", 1), ("budget", 1)], day=2, entities={"union", "council"}),
        feat("w1", [("bridge", 1)], day=2, text=WIRE),
        feat("w2", [("bridge", 1)], day=3, text=WIRE + " more"),
        feat("u", [("quake", 1)], published=False),
    ]


def test_add_many_equals_add_in_published_order():
    stream = _stream()
    shuffled = [stream[k] for k in (5, 2, 0, 6, 3, 1, 4)]
    batch = StoryIndex().add_many(shuffled)
    loop = StoryIndex()
    expected = {f.article_id: loop.add(f) for f in stream}  # already in published order
    assert [a.article_id for a in batch] == [f.article_id for f in shuffled]
    assert {a.article_id: a for a in batch} == expected


def _crowded_day():
    return [
        feat("h", [("strike", 1), ("budget", 1)]),  # between the day's two stories on the port: its crowd's centre
        feat("s1", [("strike", 1)]), feat("s2", [("strike", 1), ("budget", 0.3)]),
        feat("b1", [("budget", 1)]), feat("b2", [("budget", 1), ("strike", 0.3)]),
        feat("x", [("quake", 1)], day=-1), feat("u", [("quake", 1)], published=False),
    ]  # fmt: skip


def test_arrival_order_is_by_date_then_the_least_typical_of_the_day_first():
    day = _crowded_day()
    order = [day[k].article_id for k in arrival_order([f.published for f in day], np.stack([f.vector for f in day]),
                                                      [f.article_id for f in day])]  # fmt: skip
    assert order[0] == "x" and order[-1] == "u"  # the day before first, the undated last
    assert order[-2] == "h"  # nearest to all of its day: it comes once both stories have begun


def test_arrival_order_of_a_day_too_big_to_compare_whole_does_not_hang_on_the_input_order():
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((1500, DIM)).astype(np.float32)  # more than ORDER_SAMPLE on one day
    ids = [f"a{k}" for k in range(1500)]
    shuffle = rng.permutation(1500)
    first = [ids[k] for k in arrival_order([DAY] * 1500, vectors, ids)]
    again = [ids[shuffle[k]] for k in arrival_order([DAY] * 1500, vectors[shuffle], [ids[k] for k in shuffle])]
    assert again == first


def test_the_same_articles_make_the_same_stories_in_any_input_order():
    day = _crowded_day()
    first = StoryIndex()
    first.add_many(day)
    for seed in range(3):
        shuffled = list(day)
        random.Random(seed).shuffle(shuffled)
        again = StoryIndex()
        again.add_many(shuffled)
        assert again.stories() == first.stories()


def test_rebuild_reproduces_assignments_and_goes_on_the_same_way():
    stream = _stream()
    index = StoryIndex()
    index.add_many(stream[:-1])
    rebuilt = StoryIndex.rebuild((f, index.story_of(f.article_id)) for f in stream[:-1])
    assert rebuilt.stories() == index.stories()
    assert rebuilt.add(stream[-1]) == index.add(stream[-1])


def test_adding_an_article_twice_changes_nothing():
    index = StoryIndex()
    f = feat("a", [("strike", 1)])
    index.add(f)
    again = index.add(f)
    assert again.story_id == "s-a" and len(index) == 1


def test_empty_and_single_inputs():
    assert StoryIndex().add_many([]) == []
    index = StoryIndex()
    assert [a.story_id for a in index.add_many(_stream()[:1])] == ["s-a"] and len(index) == 1


def test_shared_rare_words_decide_between_two_similar_events():
    # Same topic, same cosine to both stories: the rare words of the event (place, vessel) pick the story.
    index = StoryIndex()
    for k in range(6):  # background coverage so that document frequencies mean something
        index.add(feat(f"bg{k}", [("budget", 1)], text=f"council budget vote number {k} library roads tax"))
    index.add(feat("a", [("quake", 1), ("strike", 0.8)], vocab=False,
                   text="ferry Marisol capsized off Tarragona harbour pilots rescued"))
    index.add(feat("b", [("quake", 1), ("bridge", 0.8)], vocab=False,
                   text="freight train derailed near Ostrava bridge chemicals leak"))
    assert index.story_of("a") != index.story_of("b")  # cosine ~0.6, no shared words
    late = index.add(feat("c", [("quake", 1), ("strike", 0.3), ("bridge", 0.3)], vocab=False,
                          text="Marisol ferry survivors Tarragona harbour capsized"))  # cosine ~0.9 with both
    assert late.story_id == "s-a"


def test_lexical_weight_zero_ignores_the_words():
    from crosswire.stories import ClusterSettings

    # cosine ~0.6 alone; the same rare words (reordered: no shared wording, so not a copy) carry it over
    a = feat("a", [("strike", 1), ("bridge", 0.85)], vocab=False, text="dockers walkout Rotterdam cranes idle")
    b = feat("b", [("strike", 1), ("budget", 0.85)], vocab=False, text="idle cranes Rotterdam dockers walkout")
    with_words = StoryIndex()
    with_words.add(a)
    without = StoryIndex(settings=ClusterSettings(lexical_weight=0.0))
    without.add(a)
    assert with_words.add(b).story_id == "s-a"
    assert without.add(b).story_id == "s-b"


def test_similarity_scores_content_without_placing_the_article_or_counting_its_words():
    index = StoryIndex()
    for k in range(4):
        index.add(feat(f"bg{k}", [("budget", 1)], text=f"council budget vote number {k} library roads tax"))
    index.add(feat("a", [("quake", 1)], entities=("Tarragona",), text="quake struck Tarragona harbour overnight"))
    df_before = dict(index._df)
    # a week later than the story: the score leaves days out, so it matches a same-day report's
    near = feat("n", [("quake", 1)], day=7, entities=("Tarragona",), text="Tarragona harbour quake damage")
    same_day = dataclasses.replace(near, published=DAY)
    far = feat("f", [("bridge", 1)], entities=("Ostrava",), text="Ostrava bridge reopened to traffic")
    assert index.similarity(near, "a") == index.similarity(same_day, "a")
    assert index.similarity(near, "a") > 1.0 > 0.5 > index.similarity(far, "a")
    assert len(index) == 5 and index._df == df_before and index.story_of("a") == "s-a"


def test_an_inferred_date_of_another_year_blocks_the_join():
    index = StoryIndex()
    for k in range(3):
        index.add(feat(f"q{k}", [("quake", 1)], day=k, entities={"harlowe"}))
    same = dataclasses.replace(feat("u1", [("quake", 1)], published=False, entities={"harlowe"}),
                               inferred_date=DAY + dt.timedelta(days=1))
    older = dataclasses.replace(feat("u2", [("quake", 1)], published=False, entities={"harlowe"}),
                                inferred_date=DAY - dt.timedelta(days=3 * 365))
    assert index.add(same).story_id == "s-q0"
    assert index.add(older).story_id == "s-u2"


def test_an_undated_article_without_inferred_date_still_joins():
    index = StoryIndex()
    for k in range(3):
        index.add(feat(f"q{k}", [("quake", 1)], day=k, entities={"harlowe"}))
    assert index.add(feat("u", [("quake", 1)], published=False, entities={"harlowe"})).story_id == "s-q0"


def _strike_story(*more) -> StoryIndex:
    """A story of three articles on days 0-2 (and any articles in `more`)."""
    index = StoryIndex()
    for k in range(3):
        index.add(feat(f"s{k}", [("strike", 1)], day=k, entities={"harlowe"}))
    for f in more:
        index.add(f)
    return index


def test_a_follow_up_months_later_that_names_the_events_day_joins_its_story():
    later_weeks = feat("other", [("budget", 1)], day=200)  # the later weeks are not empty
    trial = feat("t", [("strike", 1)], day=200, entities={"harlowe"})
    assert _strike_story(later_weeks).add(trial).story_id == "s-t"  # beyond the window, nothing points back
    named = dataclasses.replace(trial, mentioned_days=(DAY + dt.timedelta(days=1),))
    assert _strike_story(later_weeks).add(named).story_id == "s-s0"


def test_a_follow_up_that_names_the_events_month_joins_its_story():
    later_weeks = feat("other", [("budget", 1)], day=200)
    trial = feat("t", [("strike", 1)], day=200, entities={"harlowe"})
    named = dataclasses.replace(trial, mentioned_months=(DAY.replace(day=1),))
    assert _strike_story(later_weeks).add(named).story_id == "s-s0"
    month_after = DAY.replace(day=28) + dt.timedelta(days=10)  # a month in which the story has no day
    elsewhere = dataclasses.replace(trial, mentioned_months=(month_after.replace(day=1),))
    assert _strike_story(later_weeks).add(elsewhere).story_id == "s-t"


def test_a_day_named_outside_the_storys_dates_recalls_nothing():
    elsewhere = dataclasses.replace(feat("t", [("strike", 1)], day=200, entities={"harlowe"}),
                                    mentioned_days=(DAY + dt.timedelta(days=30),))
    assert _strike_story().add(elsewhere).story_id == "s-t"


def test_a_later_article_that_names_the_storys_day_is_nearer_than_one_that_names_none():
    # five days on, half about something else: a newer development unless it looks back at the story's days
    later = feat("n", [("strike", 1), ("bridge", 1.3)], day=5, entities={"harlowe"}, vocab=False)
    assert _strike_story().add(later).story_id == "s-n"
    assert _strike_story().add(dataclasses.replace(later, mentioned_days=(DAY,))).story_id == "s-s0"
    other_day = dataclasses.replace(later, mentioned_days=(DAY + dt.timedelta(days=4),))  # after the story's days
    assert _strike_story().add(other_day).story_id == "s-n"


def test_the_same_day_is_nearer_than_the_next():
    def pair(day):
        index = StoryIndex()
        index.add(feat("a", [("strike", 1), ("budget", 0.3)], entities={"union"}))
        return index.add(feat("b", [("strike", 0.3), ("budget", 1)], day=day, entities={"council"})).story_id

    assert pair(0) == "s-a" and pair(1) == "s-b"


def test_an_undated_article_naming_only_older_years_stays_out_of_a_later_story():
    recent = _strike_story()  # dated 2025
    older = dataclasses.replace(feat("u", [("strike", 1)], published=False, entities={"harlowe"}), latest_year=2019)
    assert recent.add(older).story_id == "s-u"
    lately = dataclasses.replace(older, latest_year=2024)
    assert _strike_story().add(lately).story_id == "s-s0"


def test_an_undated_article_naming_the_storys_year_is_as_near_as_to_an_undated_story():
    # half on the story's subject: too far at undated_days, near enough at both_undated_days
    def place(latest_year):
        article = feat("u", [("strike", 1), ("budget", 2.5)], published=False, vocab=False)
        return _strike_story().add(dataclasses.replace(article, latest_year=latest_year)).story_id

    assert place(2025) == "s-s0"  # the story's days are in 2025
    assert place(None) == "s-u" and place(2024) == "s-u"


def test_an_undated_article_that_joins_two_undated_stories_merges_them():
    def bridge(published):
        index = StoryIndex()
        index.add(feat("a", [("strike", 1), ("budget", 0.1)], entities={"union"}, published=published, seed=1))
        index.add(feat("b", [("strike", 0.1), ("budget", 1)], entities={"council"}, published=published, seed=2))
        assert index.story_of("a") != index.story_of("b")
        return index.add(feat("c", [("strike", 1), ("budget", 1)], published=published, seed=3, vocab=False))

    assert bridge(published=False).merged == ("s-b",)  # nothing but the article tells the fragments apart
    assert bridge(published=True).merged == ()  # dated stories need merge_threshold


def test_an_article_left_alone_joins_the_story_its_later_neighbours_form():
    # Scores are cosines here (no names, words or day terms). "a" came first and "b" scored below the join
    # threshold against it, so "b" and "c" made a story of their own; with them in, "a" fits that story
    # above join_threshold - orphan_margin, and adopt_orphans moves it there. "q" fits nothing and stays.
    plain = dict(entity_weight=0.0, lexical_weight=0.0, same_day_bonus=0.0, join_threshold=0.85)
    stream = [feat("a", [("strike", 1), ("budget", 0.7)]), feat("b", [("strike", 1)]),
              feat("c", [("strike", 1)]), feat("q", [("quake", 1)])]  # fmt: skip
    alone = StoryIndex(settings=ClusterSettings(**plain, orphan_margin=0.0))
    alone.add_many(stream)  # a day's least typical first: "q", then "a", then "b" and "c"
    pair = alone.story_of("b")  # "s-b" or "s-c": the two are equally typical but for the vectors' noise
    assert {k: sorted(v) for k, v in alone.stories().items()} == {"s-a": ["a"], pair: ["b", "c"], "s-q": ["q"]}
    index = StoryIndex(settings=ClusterSettings(**plain, orphan_margin=0.1))
    index.add_many(stream)
    assert {k: sorted(v) for k, v in index.stories().items()} == {pair: ["a", "b", "c"], "s-q": ["q"]}  # keeps its id


def test_orphans_are_looked_at_again_only_when_new_articles_come_near():
    plain = dict(entity_weight=0.0, lexical_weight=0.0, same_day_bonus=0.0, join_threshold=0.85, orphan_margin=0.1)
    index = StoryIndex(settings=ClusterSettings(**plain))
    for f in (feat("a", [("strike", 1), ("budget", 0.7)]), feat("b", [("strike", 1)]), feat("c", [("strike", 1)])):
        index.add(f)
    assert index.adopt_orphans() == [("s-a", "s-b")]
    assert index.stories() == {"s-b": ["a", "b", "c"]}
    index.add(feat("q", [("quake", 1)], day=1))
    index.add(feat("d", [("strike", 1), ("budget", 0.7)], day=60))  # near nothing within its window
    assert index.adopt_orphans() == [] and index.adopt_orphans() == []
    assert index.stories() == {"s-b": ["a", "b", "c"], "s-q": ["q"], "s-d": ["d"]}


def test_a_follow_up_left_alone_joins_the_story_it_names_a_day_of_when_looked_at_again():
    # cosine only; the trial report two months on scores just under the join threshold against the story whose
    # day it names (recall_days apart), starts a story of its own, and the second look at orphans takes it there
    plain = dict(entity_weight=0.0, lexical_weight=0.0, same_day_bonus=0.0, join_threshold=0.9, orphan_margin=0.25)
    index = StoryIndex(settings=ClusterSettings(**plain))
    for k in range(3):
        index.add(feat(f"s{k}", [("strike", 1)]))
    trial = dataclasses.replace(feat("t", [("strike", 1), ("budget", 0.3)], day=60), mentioned_days=(DAY,))
    assert index.add(trial).story_id == "s-t"
    assert index.adopt_orphans() == [("s-t", "s-s0")]


def test_story_similarity_scores_two_stories_as_wholes_and_the_days_between_them():
    index = StoryIndex()
    index.add(feat("a", [("strike", 1)], entities={"union", "busan"}))
    index.add(feat("b", [("strike", 1)], day=1, entities={"union", "busan"}))
    index.add(feat("q", [("quake", 1)], day=5, entities={"chile"}))
    index.add(feat("later", [("strike", 1)], day=40, entities={"union", "busan"}))  # beyond the window: apart
    index.add(feat("u", [("budget", 1)], entities={"council"}, published=False))
    assert set(index.stories()) == {"s-a", "s-q", "s-later", "s-u"}
    alike, apart = index.story_similarity("s-a", "s-later")
    assert alike > ClusterSettings().merge_threshold and apart == 39.0  # from the story's last day
    unlike, apart = index.story_similarity("s-a", "s-q")
    assert unlike < 0.5 and apart == 4.0
    assert index.story_similarity("s-u", "s-a")[1] is None
    assert index.story_similarity("s-later", "s-a") == index.story_similarity("s-a", "s-later")
