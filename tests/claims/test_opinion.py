import datetime as dt

import pytest

from crosswire.claims import build_claims
from crosswire.claims.opinion import is_opinion, opinion_reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts note that the agreement could reshape shipping in the region.",
        "Observers expect the two mayors to announce a joint plan next week.",
        "If approved, the bridge could become one of the longest in the country.",
        "The port, which could close next year, may never reopen.",  # the sentence's own "may"
        "The timing of the vote is also significant for the governor.",
        "The decision underscores the council's commitment to the harbour.",
        "The remarks suggest that the union is ready to compromise.",
        # the writer's own voice, a question, a prescription, a judgement, an aside
        "Twenty years on, we still remember where we stood that morning.",
        "Our harbor towns deserve better than this.",
        "Are the tenants any safer now?",
        "The council should rebuild the pier before winter.",
        "These allegations are baseless.",
        "The board's letter, however, is riddled with errors and exaggerations.",
        "Since then the senator has become a pathetic figure.",
        "Of course, the council knew the risks all along.",
        "The mayor also, of course, closed the pier.",
        "The new fences seemed painfully reminiscent of the old port's.",
    ],
)
def test_opinion_and_speculation_are_recognised(sentence):
    assert is_opinion(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved a budget of $2.1 million on Tuesday.",
        "The mayor said the bridge will open in March.",
        "A spokesperson said the schedule could change, according to the ministry.",
        "Some 300 dock workers walked off the job on Monday.",
        "The strike began on Oct. 3 and ended nine days later.",
        "The strike ended in May after nine days.",  # a month, not "may"
        "The US economy grew 2 percent in the second quarter.",  # the country, not "us"
        "The memorial honors the dead of World War I.",
        "“We will not give up,” the mayor said.",  # the first person of a quotation
        "Council members argued over how the fund should be spent.",  # an indirect question
        "Republicans blocked what they see as a reckless spending plan.",  # their view, reported
        "The video site has already banned vaccine falsehoods and hoax claims.",  # what a platform bans
        # a modal in a clause about a noun or a purpose: the sentence still reports what happened
        "The mayor urged voters on Sunday to reject a recall that could remove him from office.",
        "Crews cleared the debris so rescuers could reach the garage.",
    ],
)
def test_reported_facts_are_not_opinion(sentence):
    assert not is_opinion(sentence)


def test_a_sentence_inside_a_quotation_of_several_sentences_is_no_writers_view():
    sentence = "Our port is strong and our workers are ready."
    assert opinion_reason(sentence) is not None
    assert opinion_reason(sentence, quoted=((0, len(sentence)),)) is None


def test_claims_of_a_long_quotation_are_facts_and_the_writers_question_is_opinion(nlp):
    from crosswire.analyze import analyze_text
    from crosswire.model import Article

    text = ("The mayor spoke at the harbor on Monday. \u201cWe will rebuild the pier by June. Our port is strong. "
            "Nobody will be left behind,\u201d she said.\nBut can the town pay for it?")
    article = Article(id="a", source="a.txt", raw_text=text, text=text, published=dt.date(2026, 3, 2))
    kinds = {c.sentence.start: c.kind for c in build_claims(article, analyze_text(text, article.published, nlp=nlp))}
    assert kinds[text.index("Our port")] == "fact"
    assert kinds[text.index("But can")] == "opinion"
