"""Alignment scores only the pairs of claims that could match or conflict (crosswire/align/candidates.py),
and a comparison is the same as when every pair is scored."""

import itertools
import pathlib

import pytest

from crosswire import align as align_module
from crosswire import pipeline
from crosswire.align.candidates import candidate_pairs
from crosswire.model import Claim, Slot, Span
from crosswire.report.jsonreport import comparison_to_dict

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES, SEEDS = ROOT / "examples", ROOT.parent / "shared" / "seeds"


def _every_pair(facts, texts, vectors, weights):
    return [(i, j) for i, j in itertools.combinations(range(len(facts)), 2)
            if facts[i].sentence.article_id != facts[j].sentence.article_id]


@pytest.mark.parametrize("folder, pattern", [(EXAMPLES, "harbor-strike-*"), (SEEDS, "*.txt")])
def test_scoring_the_candidates_gives_the_comparison_scoring_every_pair_gives(nlp, monkeypatch, folder, pattern):
    paths = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if len(paths) < 2:
        pytest.skip(f"no articles under {folder} (the seeds live in ../shared/seeds beside the repo)")
    scored = []

    def counted(pairs_of):
        def pairs(*args):
            found = pairs_of(*args)
            scored.append(len(found))
            return found
        return pairs

    monkeypatch.setattr(align_module, "candidate_pairs", counted(candidate_pairs))
    some = comparison_to_dict(pipeline.compare(paths, nlp=nlp))
    monkeypatch.setattr(align_module, "candidate_pairs", counted(_every_pair))
    every = comparison_to_dict(pipeline.compare(paths, nlp=nlp))
    assert some == every and some["findings"]
    assert scored[0] < scored[1] / 2  # most pairs of sentences say different things


def _claim(article: str, start: int, end: int, keywords: tuple[str, ...], *slots: Slot) -> Claim:
    return Claim(id=f"{article}-{start}", sentence=Span(article, start, end), kind="fact", predicate="",
                 slots=slots, keywords=keywords)


def _figure(article: str, text: str, figure: str, value: float) -> Claim:
    """A one-sentence article stating `figure` (its first characters are enough to place it)."""
    start = text.index(figure)
    slot = Slot("amount", figure, start, start + len(figure), value={"amount": value, "unit": "USD", "per": None},
                unit="USD")
    return _claim(article, 0, len(text), (f"word-only-{article}-has",), slot)


def test_sentences_alike_in_nothing_but_a_figure_and_the_word_beside_it_are_a_candidate():
    # an anchored match needs no similarity: "$350 billion investment" in both is enough
    texts = ["Seoul pledged a $350 billion investment in July.",
             "Officials said the $348.5 billion investment package stalled over cash terms.",
             "The $500 billion investment figure came from an earlier draft.",
             "Tariffs fell to 15 percent, and $350 billion changed hands in other trade."]
    facts = [_figure("a", texts[0], "$350", 350e9), _figure("b", texts[1], "$348.5", 348.5e9),
             _figure("c", texts[2], "$500", 500e9), _figure("d", texts[3], "$350", 350e9)]
    # b's figure is a's within rounding, with "investment" beside both; c's is another figure; d's is a's
    # figure with no word in common near it
    assert candidate_pairs(facts, texts, None, {}) == [(0, 1)]


def test_claims_that_share_rare_words_are_candidates_and_those_of_one_article_never():
    shared = ("shipyard", "submarine", "welders")
    facts = [_claim("a", 0, 10, shared), _claim("a", 20, 30, shared), _claim("b", 0, 10, shared),
             _claim("b", 20, 30, ("weather",))]
    assert candidate_pairs(facts, ["x" * 40] * 4, None, {}) == [(0, 2), (1, 2)]


def test_a_pair_as_alike_as_the_loosest_match_asks_is_a_candidate_and_one_word_less_is_not():
    # without a model, similarity is 1.25 x the words' overlap: 8 of 25 words each is 0.40, the least any match
    # asks for (two shared figures); 7 of 25 is 0.35
    mine = tuple(f"w{k}" for k in range(25))
    facts = [_claim("a", 0, 10, mine), _claim("b", 0, 10, mine[:8] + tuple(f"b{k}" for k in range(17))),
             _claim("c", 0, 10, mine[:7] + tuple(f"c{k}" for k in range(18)))]
    assert align_module.WITH_TWO_VALUES == 0.40
    assert candidate_pairs(facts, ["x" * 20] * 3, None, {}) == [(0, 1)]
