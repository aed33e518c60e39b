import pytest

from crosswire.claims.opinion import is_opinion


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts note that the agreement could reshape shipping in the region.",
        "Observers expect the two mayors to announce a joint plan next week.",
        "If approved, the bridge could become one of the longest in the country.",
        "The timing of the vote is also significant for the governor.",
        "The decision underscores the council's commitment to the harbour.",
        "The remarks suggest that the union is ready to compromise.",
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
    ],
)
def test_reported_facts_are_not_opinion(sentence):
    assert not is_opinion(sentence)
