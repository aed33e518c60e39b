"""Sentences as the analysis cuts them: spaCy's, kept whole where its model cuts wrongly."""

from __future__ import annotations


def test_a_bills_number_is_no_sentence_end(nlp):
    from crosswire.analyze import analyze_text

    text = ("The council passed H. Res. 12, the harbour rule, and S. Con. Res. 4, the budget, on Monday. "
            "The vote was 9 to 2. Sen. Helen Brooks voted no.")
    analysis = analyze_text(text, nlp=nlp)
    assert [text[s.start : s.end] for s in analysis.sentences] == [
        "The council passed H. Res. 12, the harbour rule, and S. Con. Res. 4, the budget, on Monday.",
        "The vote was 9 to 2.",
        "Sen. Helen Brooks voted no.",
    ]
