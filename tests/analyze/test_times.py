"""Table tests for crosswire.analyze.times.find_times (pure Python, no spaCy)."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.analyze.times import find_times

D = dt.date
SAT = D(2025, 10, 25)  # a Saturday: the DCT of most rows


def _find(sentence: str, phrase: str, dct: dt.date | None):
    """The expression found where `phrase` sits in `sentence` (the one overlapping it)."""
    start = sentence.index(phrase)
    end = start + len(phrase)
    found = [t for t in find_times(sentence, dct) if t.start < end and start < t.end]
    assert found, f"nothing found for {phrase!r} in {sentence!r}"
    return found[0]


# sentence, phrase, DCT, expected text, type, value, begin, end, granularity, mod
CASES = [
    ("The lender had three quarters of losses before it turned a profit.", "quarters", SAT,
     "three quarters", "DURATION", "P3Q", None, None, None, None),
    ("The ministry said Friday it had no comment.", "Friday", SAT,
     "Friday", "DATE", "2025-10-24", D(2025, 10, 24), D(2025, 10, 24), "day", None),
    ("Leaders meet at the summit scheduled for Wednesday in Busan.", "Wednesday", SAT,
     "Wednesday", "DATE", "2025-10-29", D(2025, 10, 29), D(2025, 10, 29), "day", None),
    ("The premier is set to embark on a tour on Wednesday and Thursday.", "Wednesday", SAT,
     "Wednesday", "DATE", "2025-10-29", D(2025, 10, 29), D(2025, 10, 29), "day", None),
    ("The premier is set to embark on a tour on Wednesday and Thursday.", "Thursday", SAT,
     "Thursday", "DATE", "2025-10-30", D(2025, 10, 30), D(2025, 10, 30), "day", None),
    # the tense cue is too far back for "Thursday" to see: it follows the day named with it
    ("The king is set to begin a two-day state visit to the island nation on Wednesday and Thursday, "
     "as talks go on.", "Thursday", SAT,
     "Thursday", "DATE", "2025-10-30", D(2025, 10, 30), D(2025, 10, 30), "day", None),
    # "next to" is a place: the weekday is the nearest one, as with no cue at all
    ("Dozens were hurt in the blast at the depot next to the stadium on Friday.", "Friday", SAT,
     "Friday", "DATE", "2025-10-24", D(2025, 10, 24), D(2025, 10, 24), "day", None),
    # "than expected" compares, it plans nothing: "added" says April is the past one
    ("The harbor added far fewer jobs than expected in April, the ministry reported.", "April", D(2021, 5, 7),
     "April", "DATE", "2021-04", D(2021, 4, 1), D(2021, 4, 30), "month", None),
    # a day that names an attack, a riot, a crash is one that has been, however near the coming one is;
    # a vote on that day may be ahead
    ("The panel is investigating the Jan. 6 attack on the harbour office.", "Jan. 6", D(2021, 10, 8),
     "Jan. 6", "DATE", "2021-01-06", D(2021, 1, 6), D(2021, 1, 6), "day", None),
    ("Papers went to the Jan. 6 select committee.", "Jan. 6", D(2021, 10, 8),
     "Jan. 6", "DATE", "2021-01-06", D(2021, 1, 6), D(2021, 1, 6), "day", None),
    ("Papers went to the House Jan. 6 Select Committee.", "Jan. 6", D(2021, 10, 8),  # a body's name before it
     "Jan. 6", "DATE", "2021-01-06", D(2021, 1, 6), D(2021, 1, 6), "day", None),
    ("The council meets ahead of the Jan. 6 vote on the harbour.", "Jan. 6", D(2021, 10, 8),
     "Jan. 6", "DATE", "2022-01-06", D(2022, 1, 6), D(2022, 1, 6), "day", None),
    # "plans" as a noun plans nothing: "pressed on" says Tuesday is the past one (the DCT a Wednesday)
    ("Harbour officials pressed on with the mayor's repair plans Tuesday after the vote.", "Tuesday",
     D(2021, 8, 25), "Tuesday", "DATE", "2021-08-24", D(2021, 8, 24), D(2021, 8, 24), "day", None),
    ("The union plans a vote Tuesday.", "Tuesday",
     D(2021, 8, 25), "Tuesday", "DATE", "2021-08-31", D(2021, 8, 31), D(2021, 8, 31), "day", None),
    # "coming out of" moves, it plans nothing: the Monday just gone (the DCT a Thursday); "the coming Monday" ahead
    ("For all the cheers coming out of the union hall Monday night, the strike goes on.", "Monday",
     D(2016, 9, 29), "Monday night", "TIME", "2016-09-26TNI", D(2016, 9, 26), D(2016, 9, 26), "time", None),
    # a participle used as an adjective is no past tense: June is the coming one
    ("The ministry will ship 2 million doses of newly approved vaccines abroad by the end of June.", "June",
     D(2021, 5, 17), "the end of June", "DATE", "2021-06", D(2021, 6, 21), D(2021, 6, 30), "month", "END"),
    ("The ministry plans to ship EU-approved vaccines abroad in June.", "June",
     D(2021, 5, 17), "June", "DATE", "2021-06", D(2021, 6, 1), D(2021, 6, 30), "month", None),
    # a deadline after "until", "through", "into": the coming month, whatever the tense before it
    ("The Senate voted to extend the limit through early December.", "December", SAT,
     "early December", "DATE", "2025-12", D(2025, 12, 1), D(2025, 12, 10), "month", "START"),
    ("The agency said clinics should wait until at least the end of November.", "November", SAT,
     "the end of November", "DATE", "2025-11", D(2025, 11, 21), D(2025, 11, 30), "month", "END"),
    # "said" dates the saying; the rules the minister spoke of start in the coming month
    ("The minister said the new rules, which go into effect in early November, would help.", "November", SAT,
     "early November", "DATE", "2025-11", D(2025, 11, 1), D(2025, 11, 10), "month", "START"),
    # five months ahead or more, and no tense: the past one
    ("The panel studying the Jan. 6 riot meets weekly.", "Jan. 6", D(2021, 7, 27),
     "Jan. 6", "DATE", "2021-01-06", D(2021, 1, 6), D(2021, 1, 6), "day", None),
    # ... unless it is a deadline
    ("The ministry is extending the pause on loan payments through Jan. 31.", "Jan. 31", D(2021, 8, 6),
     "Jan. 31", "DATE", "2022-01-31", D(2022, 1, 31), D(2022, 1, 31), "day", None),
    ("These are the statements the lawyers made Friday and Thursday.", "Thursday", SAT,
     "Thursday", "DATE", "2025-10-23", D(2025, 10, 23), D(2025, 10, 23), "day", None),
    # "learned" is a verb in the past (published on a Wednesday: the Thursday before, not the next day)
    ("On Thursday, the senator learned of the new ads.", "Thursday", D(2025, 10, 29),
     "Thursday", "DATE", "2025-10-23", D(2025, 10, 23), D(2025, 10, 23), "day", None),
    ("Talks open Thursday, Oct. 30, in the capital.", "Thursday, Oct. 30", SAT,
     "Thursday, Oct. 30", "DATE", "2025-10-30", D(2025, 10, 30), D(2025, 10, 30), "day", None),
    ("The vote falls on Oct. 29 this year.", "Oct. 29", SAT,
     "Oct. 29", "DATE", "2025-10-29", D(2025, 10, 29), D(2025, 10, 29), "day", None),
    ("The deal was signed on Oct. 22 after long talks.", "Oct. 22", SAT,
     "Oct. 22", "DATE", "2025-10-22", D(2025, 10, 22), D(2025, 10, 22), "day", None),
    ("In July, exports fell sharply.", "July", SAT,
     "July", "DATE", "2025-07", D(2025, 7, 1), D(2025, 7, 31), "month", None),
    ("The two sides first met in late July in Geneva.", "late July", SAT,
     "late July", "DATE", "2025-07", D(2025, 7, 21), D(2025, 7, 31), "month", "END"),
    ("He has led the party for eight years now.", "eight years", SAT,
     "eight years", "DURATION", "P8Y", None, None, None, None),
    ("The king arrives for a two-day state visit.", "two-day", SAT,
     "two-day", "DURATION", "P2D", None, None, None, None),
    ("The fund pays out $25 billion annually.", "annually", SAT,
     "annually", "SET", "P1Y", None, None, None, None),
    ("Markets were calm this week.", "this week", SAT,
     "this week", "DATE", "2025-W43", D(2025, 10, 20), D(2025, 10, 26), "week", None),
    ("Prices have climbed in recent weeks.", "recent weeks", SAT,
     "recent weeks", "DURATION", "PXW", None, None, None, None),
    ("The company is now the largest lender.", "now", SAT,
     "now", "DATE", "PRESENT_REF", None, None, None, None),
    ("She is currently abroad.", "currently", SAT,
     "currently", "DATE", "PRESENT_REF", None, None, None, None),
    ("Sales doubled last year.", "last year", SAT,
     "last year", "DATE", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", None),
    ("The plant opens next month.", "next month", SAT,
     "next month", "DATE", "2025-11", D(2025, 11, 1), D(2025, 11, 30), "month", None),
    ("Output has shrunk over the past two years.", "the past two years", SAT,
     "the past two years", "DURATION", "P2Y", None, None, None, None),
    ("Elections are due in 2026.", "2026", SAT,
     "2026", "DATE", "2026", D(2026, 1, 1), D(2026, 12, 31), "year", None),
    ("Profit rose in Q3, the bank said.", "Q3", SAT,
     "Q3", "DATE", "2025-Q3", D(2025, 7, 1), D(2025, 9, 30), "quarter", None),
    ("Profit rose in the third quarter.", "the third quarter", SAT,
     "the third quarter", "DATE", "2025-Q3", D(2025, 7, 1), D(2025, 9, 30), "quarter", None),
    # in the fourth quarter, a future first quarter is next year's; the quarter just ended stays this year's
    # ("will report third-quarter results": the results come later, the quarter is over)
    ("The plant will open in the first quarter.", "the first quarter", SAT,
     "the first quarter", "DATE", "2026-Q1", D(2026, 1, 1), D(2026, 3, 31), "quarter", None),
    ("The bank will report its third-quarter results next week.", "third-quarter", SAT,
     "third-quarter", "DATE", "2025-Q3", D(2025, 7, 1), D(2025, 9, 30), "quarter", None),
    ("Revenue in fiscal 2024 was flat.", "fiscal 2024", SAT,
     "fiscal 2024", "DATE", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", None),
    ("The firm was founded in the 1990s.", "the 1990s", SAT,
     "the 1990s", "DATE", "199X", D(1990, 1, 1), D(1999, 12, 31), "decade", None),
    ("Officials met yesterday in Seoul.", "yesterday", SAT,
     "yesterday", "DATE", "2025-10-24", D(2025, 10, 24), D(2025, 10, 24), "day", None),
    ("The ruling is expected tomorrow.", "tomorrow", SAT,
     "tomorrow", "DATE", "2025-10-26", D(2025, 10, 26), D(2025, 10, 26), "day", None),
    ("A fire broke out this morning near the port.", "this morning", SAT,
     "this morning", "TIME", "2025-10-25TMO", D(2025, 10, 25), D(2025, 10, 25), "time", None),
    ("The envoy landed Monday morning, aides said.", "Monday morning", SAT,
     "Monday morning", "TIME", "2025-10-20TMO", D(2025, 10, 20), D(2025, 10, 20), "time", None),
    ("The parade starts at 3 p.m. in the main square.", "3 p.m.", SAT,
     "3 p.m.", "TIME", "2025-10-25T15:00", D(2025, 10, 25), D(2025, 10, 25), "time", None),
    ("The fair runs from October 31 to November 1 downtown.", "October 31", SAT,
     "October 31 to November 1", "DATE", "2025-10-31", D(2025, 10, 31), D(2025, 11, 1), "range", None),
    ("Gyeongju hosts the forum every week.", "every week", SAT,
     "every week", "SET", "P1W", None, None, None, None),
    ("The market opens every Monday at dawn.", "every Monday", SAT,
     "every Monday", "SET", "XXXX-WXX-1", None, None, None, None),
    ("The rate has been flat for about two years.", "two years", SAT,
     "about two years", "DURATION", "P2Y", None, None, None, "APPROX"),
    ("The strike lasted nearly three weeks.", "three weeks", SAT,
     "nearly three weeks", "DURATION", "P3W", None, None, None, "LESS_THAN"),
    ("The law passed in March 2019 after a long fight.", "March 2019", SAT,
     "March 2019", "DATE", "2019-03", D(2019, 3, 1), D(2019, 3, 31), "month", None),
    ("The merger was announced on 24 October 2025.", "24 October 2025", SAT,
     "24 October 2025", "DATE", "2025-10-24", D(2025, 10, 24), D(2025, 10, 24), "day", None),
    ("Growth slowed this summer.", "this summer", SAT,
     "this summer", "DATE", "2025-SU", D(2025, 6, 1), D(2025, 8, 31), "season", None),
    ("The mine closed two years ago.", "two years ago", SAT,
     "two years ago", "DATE", "2023", D(2023, 1, 1), D(2023, 12, 31), "year", None),
    ("Polls closed at 8 p.m. Tuesday.", "8 p.m. Tuesday", SAT,
     "8 p.m. Tuesday", "TIME", "2025-10-21T20:00", D(2025, 10, 21), D(2025, 10, 21), "time", None),
    ("Crowds gathered over the weekend.", "the weekend", D(2025, 10, 27),
     "the weekend", "DATE", "2025-W43-WE", D(2025, 10, 25), D(2025, 10, 26), "week", None),
    ("The project will take 2 1/2 years.", "2 1/2 years", SAT,
     "2 1/2 years", "DURATION", "P2Y6M", None, None, None, None),
    # No DCT: nothing relative can be anchored.
    ("The vote falls on Oct. 29.", "Oct. 29", None,
     "Oct. 29", "DATE", "XXXX-10-29", None, None, "day", None),
    ("In July, exports fell.", "July", None,
     "July", "DATE", "XXXX-07", None, None, "month", None),
    ("The ministry said Wednesday it agreed.", "Wednesday", None,
     "Wednesday", "DATE", "XXXX-WXX-3", None, None, "day", None),
    ("It was founded on Oct. 29, 2001.", "Oct. 29, 2001", None,
     "Oct. 29, 2001", "DATE", "2001-10-29", D(2001, 10, 29), D(2001, 10, 29), "day", None),
    # a month, season or day takes the year of the one listed after it
    ("Fares rose in May and June 2019, the audit found.", "May", SAT,
     "May", "DATE", "2019-05", D(2019, 5, 1), D(2019, 5, 31), "month", None),
    ("Sales fell in March, April or May of 2020.", "March", SAT,
     "March", "DATE", "2020-03", D(2020, 3, 1), D(2020, 3, 31), "month", None),
    ("The ferry may resume in May or June of next year.", "June", SAT,
     "June of next year", "DATE", "2026-06", D(2026, 6, 1), D(2026, 6, 30), "month", None),
    ("Crews can finish the pier by the fall or winter of next year.", "fall", SAT,
     "the fall", "DATE", "2026-FA", D(2026, 9, 1), D(2026, 11, 30), "season", None),
    ("Crews will finish the pier in the spring of next year.", "spring", SAT,
     "the spring of next year", "DATE", "2026-SP", D(2026, 3, 1), D(2026, 5, 31), "season", None),
    ("Prices climbed in the summer and fall of 2019.", "summer", SAT,
     "the summer", "DATE", "2019-SU", D(2019, 6, 1), D(2019, 8, 31), "season", None),
    ("The audit covers March 3 and April 7, 2020.", "March 3", SAT,
     "March 3", "DATE", "2020-03-03", D(2020, 3, 3), D(2020, 3, 3), "day", None),
    ("The ferry left at about 7 p. m. on Friday.", "7 p. m.", SAT,
     "about 7 p. m. on Friday", "TIME", "2025-10-24T19:00", D(2025, 10, 24), D(2025, 10, 24), "time", "APPROX"),
    # in the present, a day months ahead is still to come; with no tense it is the one gone by
    ("The summit is on March 31, officials say.", "March 31", SAT,
     "March 31", "DATE", "2026-03-31", D(2026, 3, 31), D(2026, 3, 31), "day", None),
    ("The summit on March 31 drew crowds, officials say.", "March 31", SAT,
     "March 31", "DATE", "2025-03-31", D(2025, 3, 31), D(2025, 3, 31), "day", None),
    # "end of" without "the", as business copy writes it (it used to raise KeyError)
    ("Talks run until end of 2026.", "end of 2026", SAT,
     "end of 2026", "DATE", "2026", D(2026, 8, 31), D(2026, 12, 31), "year", "END"),
]


@pytest.mark.parametrize(
    "sentence, phrase, dct, text, type_, value, begin, end, granularity, mod", CASES,
    ids=[f"{c[1]}|{c[2]}" for c in CASES],
)
def test_time_expression(sentence, phrase, dct, text, type_, value, begin, end, granularity, mod):
    t = _find(sentence, phrase, dct)
    assert (t.text, t.type, t.value) == (text, type_, value)
    assert (t.begin, t.end_date, t.granularity, t.mod) == (begin, end, granularity, mod)
    assert sentence[t.start : t.end] == t.text


# Words that look like dates but are not, in these sentences.
NOT_TIMES = [
    "She may go to Busan if invited.",
    "Protesters march through the city as crowds march on.",
    "The ticket costs $25 and the fee is $2025.",
    "We asked Trump about the plan.",
    "See page 2024 of the report.",
    "The score was 11:02 after the break, he said.",
    "April Ryan asked the question.",
    "The company hired 2000 workers.",
    "He served a second term.",
    "A 30-year-old man was arrested.",
    "The island imports about three-quarters of its grain.",  # a share, not nine months
    "Three quarters of the members voted yes.",
]


@pytest.mark.parametrize("sentence", NOT_TIMES)
def test_no_false_hits(sentence):
    assert find_times(sentence, SAT) == []


def test_may_is_a_month_with_a_day_or_preposition():
    values = [t.value for t in find_times("In May, and again on May 5, the board met.", SAT)]
    assert values == ["2025-05", "2025-05-05"]


def test_clock_time_in_a_header_line():
    text = "Oct. 25, 2025 11:02\nThe summit opened."
    times = find_times(text, SAT)
    assert [(t.text, t.type) for t in times] == [("Oct. 25, 2025", "DATE"), ("11:02", "TIME")]
    assert times[1].value == "2025-10-25T11:02"


def test_results_are_sorted_and_non_overlapping():
    text = ("On Friday the minister said talks would resume next week, two years after "
            "they stalled in late July 2023; a deal is expected by the end of 2026.")
    times = find_times(text, SAT)
    assert len(times) >= 4
    for a, b in zip(times, times[1:]):
        assert a.end <= b.start
    assert all(text[t.start : t.end] == t.text for t in times)


def test_year_earlier_follows_the_quarter_of_the_story():
    text = "Profit fell in the third quarter. A year earlier it had risen."
    times = find_times(text, SAT)
    assert [t.value for t in times] == ["2025-Q3", "2024-Q3"]


def test_hint_spans_vouch_for_a_bare_may():
    text = "Sales peaked May, the report said."
    assert find_times(text, SAT) == []
    start = text.index("May")
    hinted = find_times(text, SAT, spans=[(start, start + 3)])
    assert [(t.text, t.value) for t in hinted] == [("May", "2025-05")]


def test_datetime_dct_is_accepted():
    times = find_times("He left yesterday.", dt.datetime(2025, 10, 25, 11, 2))
    assert times[0].value == "2025-10-24"


def test_a_time_word_with_a_capital_in_mid_sentence_is_part_of_a_name():
    text = ("She told \u201cCBS This Morning\u201d about it on Monday and spoke on the Today show. "
            "This morning the harbor reopened. Today, ships docked.")
    assert [t.text for t in find_times(text, SAT)] == ["Monday", "This morning", "Today"]
