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


def test_the_parse_never_runs_across_a_line(nlp):
    # a line is a paragraph or a title: a headline left without a full stop had been parsed into the first
    # sentence under it, and a paragraph into the one before
    text = ("Harbour strike enters third week\n\nDockworkers in Halvergate stayed off the job on Monday\n"
            "The union said talks would resume, and the port authority agreed.\nShips waited offshore")
    doc = nlp(text)
    line_of = lambda token: text.count("\n", 0, token.idx)  # noqa: E731
    assert all(line_of(t) == line_of(t.head) for t in doc if not t.is_space)
    assert [s.text.strip() for s in doc.sents if s.text.strip()][:2] == [
        "Harbour strike enters third week", "Dockworkers in Halvergate stayed off the job on Monday"]
