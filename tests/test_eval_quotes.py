"""eval.quotes --reach: the subjects a rule on head words could add as speakers (a hand-built parse, no model)."""

import spacy
from spacy.tokens import Doc

from eval.quotes import _Reach


def _doc():
    words = ["Kim", "plans", "a", "visit", ".", "Lee", "said", "it", "rains", "."]
    heads = [1, 1, 3, 1, 1, 6, 6, 8, 6, 6]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "punct"]
    lemmas = ["Kim", "plan", "a", "visit", ".", "Lee", "say", "it", "rain", "."]
    spaces = [True, True, True, False, True, True, True, True, False, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, lemmas=lemmas)


def test_reach_counts_missed_speakers_and_other_subjects_by_their_head_word():
    doc = _doc()
    assert doc.text == "Kim plans a visit. Lee said it rains."
    record = {"text": doc.text, "attributions": [
        {"source": {"start": 0, "end": 3}, "cue": {"start": 4, "end": 9}, "content": {"start": 10, "end": 17}},
        {"source": {"start": 19, "end": 22}, "cue": {"start": 23, "end": 27}, "content": {"start": 28, "end": 36}}]}
    reach = _Reach()
    reach.add(record, doc, ours={(19, 22)})  # we found Lee, not Kim
    assert (reach.missed, reach.missed_subjects, reach.others) == (1, 1, 1)
    assert dict(reach.by_lemma) == {"plan": [1, 0], "rain": [0, 1]}
    summary = reach.summary({"hits": 1, "predicted": 1, "gold": 2, "f1": 66.7})
    assert "chosen on these documents: 100.0 (1 words" in summary  # "plan" alone: Kim found, nothing wrong
