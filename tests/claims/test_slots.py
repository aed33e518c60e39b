"""The values a claim is checked on."""

import datetime as dt

import pytest

from crosswire.analyze import analyze_text
from crosswire.claims.slots import slots_in


@pytest.mark.parametrize(("text", "durations"), [
    # an age band says who a figure is about, not how long something lasted
    ("About 53 percent of residents 12 years and older had been vaccinated by June.", []),
    ("Children 5 years or younger were not counted.", []),
    ("The strike lasted 12 years and ended in June.", ["12 years"]),
    # "ten years ago" is a date (a decade before the article), not also a duration
    ("The two leaders last met ten years ago in Geneva.", []),
])
def test_an_age_band_or_a_date_is_no_duration(nlp, text, durations):
    analysis = analyze_text(text, dt.date(2021, 7, 27), nlp=nlp)
    slots = [s for sentence in analysis.sentences for s in slots_in(analysis, sentence)]
    assert [s.text for s in slots if s.name == "duration"] == durations


@pytest.mark.parametrize(("published", "display"), [
    (dt.date(2021, 7, 27), "2021-07-23"),  # a Tuesday article's "Friday" is the 23rd
    (None, "Friday"),  # an undated article's is shown as written, not as "XXXX-WXX-5"
])
def test_a_day_no_date_pins_down_is_shown_as_written(nlp, published, display):
    analysis = analyze_text("The council voted on Friday to close the pier.", published, nlp=nlp)
    slots = [s for sentence in analysis.sentences for s in slots_in(analysis, sentence)]
    assert [s.display for s in slots if s.name == "date"] == [display]


@pytest.mark.parametrize(("text", "display"), [
    ("Temperatures rose 10 to 30 degrees above average.", "from 10 degrees to 30 degrees"),
    ("The crossing took 1 to 2 hours.", "from 1 hour to 2 hours"),
    ("The tax rate fell from 25 percent to 15 percent.", "from 25% to 15%"),
])
def test_a_range_is_shown_with_each_end_in_its_unit(nlp, text, display):
    from crosswire.claims.slots import format_quantity

    analysis = analyze_text(text, nlp=nlp)
    assert [format_quantity(q) for q in analysis.quantities] == [display]


@pytest.mark.parametrize(("text", "display"), [
    ("She served on the council from 1979 through 2009.", "1979..2009"),
    ("The plant stood idle from July to September.", "2021-07..2021-09"),
    ("The fair runs from Oct. 1 to Oct. 15.", "2021-10-01..2021-10-15"),
])
def test_a_period_is_shown_in_the_unit_it_was_written_in(nlp, text, display):
    analysis = analyze_text(text, dt.date(2021, 10, 20), nlp=nlp)
    slots = [s for sentence in analysis.sentences for s in slots_in(analysis, sentence)]
    assert [s.display for s in slots if s.name == "date"] == [display]


@pytest.mark.parametrize(("text", "tallies"), [
    ("In a 220-212 party-line vote, the chamber passed the budget.", ["220-212"]),
    ("The 220-to-212 vote came after days of delay.", ["220-212"]),
    ("The Senate confirmed her 52 to 47 on Tuesday.", ["52-47"]),
    ("The council was split, and the measure failed 4-5.", []),  # no word of voting beside it
    ("The measure was rejected 4-5.", ["5-4"]),
    ("The Lakers beat the Suns 110-102.", []),
    ("Voters aged 18-24 turned out in force.", []),
    ("The vote is set for 9-10 a.m. on Monday.", []),
    ("Support for the vote rose to 40-45 percent.", []),
])
def test_a_vote_count_is_one_tally(nlp, text, tallies):
    analysis = analyze_text(text, dt.date(2021, 8, 25), nlp=nlp)
    slots = [s for sentence in analysis.sentences for s in slots_in(analysis, sentence)]
    assert [s.display for s in slots if s.name == "tally"] == tallies
    assert not [s for s in slots if s.name == "count" and any(t.start <= s.start < t.end for t in slots
                                                              if t.name == "tally")]
