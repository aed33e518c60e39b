"""eval.stories' scoring: B-cubed and the story-pair table of --pairs (no data needed)."""

from eval.stories import bcubed, pair_table


def test_bcubed_of_a_story_split_in_two():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    found = {"a": "x", "b": "x", "c": "y", "d": "z"}
    scores = bcubed(found, gold)
    assert scores["p"] == 1.0 and scores["r"] == round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 4)


def _row(table, band, corpus):
    return next(r for r in table if r["band"] == band and r["corpus"] == corpus)


def test_pair_table_counts_fragments_above_every_different_pair_of_their_band_in_any_corpus():
    pairs = {"ecb": [(True, 1.5, 0.0), (True, 1.1, 0.0), (False, 0.9, 0.0), (True, 1.4, 5.0), (False, 0.2, None)],
             "sides": [(False, 1.3, 0.0), (False, 1.6, 6.0)]}
    table = pair_table(pairs)
    same_days = _row(table, "overlapping days", "ecb")
    assert (same_days["same"], same_days["different"], same_days["different max"]) == (2, 1, 0.9)
    assert same_days["same above every different"] == 1  # 1.5 beats the other corpus' 1.3 too, 1.1 does not
    assert _row(table, "4-14 days apart", "ecb")["same above every different"] == 0  # 1.4 < 1.6 of 6 days
    assert _row(table, "undated", "ecb")["different"] == 1
    alone = pair_table({"ecb": pairs["ecb"]})
    assert _row(alone, "overlapping days", "ecb")["same above every different"] == 2
    assert _row(alone, "4-14 days apart", "ecb")["same above every different"] == 1
