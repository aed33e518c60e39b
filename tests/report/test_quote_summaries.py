"""Which quotes a report lists, and under what speaker."""

import pytest

from crosswire.model import Analysis, Article, Entity, Quote
from crosswire.pipeline import quote_summaries

TEXT = ('The company, which said the "issue has been identified," restored service. '
        "The ministry said the fix held. The remarks suggest that more outages may come. "
        "Acme Corp said it would pay refunds.")


def _quote(content: str, cue: str, speaker: str, kind: str = "indirect") -> Quote:
    start, cue_start = TEXT.index(content), TEXT.index(cue)
    speaker_start = TEXT.index(speaker)
    return Quote(start, start + len(content), cue_start, cue_start + len(cue), speaker_start,
                 speaker_start + len(speaker), speaker, False, kind)


def test_speakers_listed_are_people_organisations_or_bodies_and_never_a_bare_pronoun():
    article = Article(id="a", source="a.txt", raw_text=TEXT, text=TEXT, outlet="A")
    analysis = Analysis(text=TEXT, entities=(Entity(TEXT.index("Acme Corp"), TEXT.index("Acme Corp") + 9,
                                                    "Acme Corp", "ORG", "Acme Corp"),), quotes=(
        _quote('the "issue has been identified,"', "said", "which", "mixed"),
        _quote("the fix held", "said the fix", "The ministry"),
        _quote("more outages may come", "suggest", "The remarks"),
        _quote("it would pay refunds", "said it", "Acme Corp"),
    ))
    listed = [(q.speaker, q.text) for q in quote_summaries([article], [analysis])]
    assert listed == [
        (None, 'the "issue has been identified,"'),  # "which" left unresolved: no speaker shown
        ("The ministry", "the fix held"),
        ("Acme Corp", "it would pay refunds"),
    ]


def test_words_in_quotation_marks_no_one_says_are_not_listed():
    text = "The aide was known only as “Executive Assistant No. 1” in the report, the paper said."
    article = Article(id="a", source="a.txt", raw_text=text, text=text, outlet="A")
    content = text.index("The aide"), text.index(" in the report") + len(" in the report")
    scare = Quote(*content, text.index("known"), text.index("known") + 5, None, None, None, False, "mixed")
    assert quote_summaries([article], [Analysis(text=text, quotes=(scare,))]) == []


@pytest.mark.parametrize(("text", "first", "last", "shown"), [
    ("“We freed the port. It is a proud day for the town,” Ana Ruiz said. “It was our right.”", "We freed",
     "our right.", "We freed the port. It is a proud day for the town, … It was our right."),
    # a long attribution
    ("“The port must reopen,” said Ana Ruiz, the top Democrat on the harbor committee, in a statement "
     "issued after the vote on Monday. “Families cannot wait.”", "The port", "wait.",
     "The port must reopen, … Families cannot wait."),
    # after a quote inside the quote
    ("\"People say, 'The port will reopen,'\" said Ana Ruiz, a dock worker. \"The question is when.\"", "People",
     "when.", "People say, 'The port will reopen,' … The question is when."),
])
def test_a_quotation_split_around_its_attribution_is_shown_without_it(text, first, last, shown):
    article = Article(id="a", source="a.txt", raw_text=text, text=text, outlet="A")
    start, end, cue = text.index(first), text.index(last) + len(last), text.index("said")
    quote = Quote(start, end, cue, cue + 4, text.index("Ana"), text.index("Ana") + 8, "Ana Ruiz", False, "direct")
    (listed,) = quote_summaries([article], [Analysis(text=text, quotes=(quote,))])
    assert listed.text == shown
    assert (listed.evidence.start, listed.evidence.end) == (start, end)  # the evidence is the sentence as printed


def test_a_transcripts_turn_is_listed_under_its_speaker():
    text = "BROOKS: We expect the pier to open in May, and the council has paid for it."
    article = Article(id="a", source="a.txt", raw_text=text, text=text, outlet="A")
    start, colon = text.index("We expect"), text.index(":")
    turn = Quote(start, len(text) - 1, colon, colon + 1, 0, 6, "Brooks", False, "indirect")
    (listed,) = quote_summaries([article], [Analysis(text=text, quotes=(turn,))])
    assert (listed.speaker, listed.text) == (
        "Brooks", "We expect the pier to open in May, and the council has paid for it")
