"""find_quantities: one row per case, in sentences written for these tests."""

from __future__ import annotations


import pytest

from crosswire.analyze.quantities import find_quantities


def one(text: str, needle: str):
    """The quantity whose span contains `needle`."""
    i = text.index(needle)
    hits = [q for q in find_quantities(text) if q.start <= i < q.end]
    assert hits, f"no quantity at {needle!r} in {find_quantities(text)}"
    return hits[0]


MONEY = [
    ("The harbour plan will cost $350 billion over ten years.", "$350", 3.5e11, "USD", None),
    ("Lenders pledged US$1.2 trillion to the fund.", "US$", 1.2e12, "USD", None),
    ("The club paid €40m for the striker.", "€40m", 4e7, "EUR", None),
    ("Rail upgrades worth £3bn were shelved.", "£3bn", 3e9, "GBP", None),
    ("Seoul set aside ₩1.5 trillion for chip plants.", "₩1.5", 1.5e12, "KRW", None),
    ("Seoul set aside 1.5 trillion won for chip plants.", "1.5 trillion", 1.5e12, "KRW", None),
    ("They promised 350 billion dollars in loans.", "350", 3.5e11, "USD", None),
    ("Brussels added 5 million euros for farmers.", "5 million", 5e6, "EUR", None),
    ("The bonus pool held ¥800 million.", "¥800", 8e8, "JPY", None),
    ("Exports reached 20 billion yuan in May.", "20 billion", 2e10, "CNY", None),
    ("The mill borrowed 4 billion rupees.", "4 billion", 4e9, "INR", None),
    ("The shop sold a lamp for CNY 300 last week.", "300", 300, "CNY", None),
    ("They signed a billion-dollar partnership with the port.", "billion-dollar", 1e9, "USD", None),
    ("Tickets rose 40 cents on Monday.", "40 cents", 0.4, "USD", None),
    ("The shares closed at 118.5p in London.", "118.5p", 1.185, "GBP", None),
    ("The aid comes to $25 billion annually until 2030.", "$25", 2.5e10, "USD", "year"),
    ("Members pay $12 a month for the app.", "$12", 12, "USD", "month"),
    ("Crude settled at $71.40 per barrel.", "$71.40", 71.4, "USD", "barrel"),
    ("The levy raises 2 billion euros each year.", "2 billion", 2e9, "EUR", "year"),
    ("The plant earns $3 million per day at full output.", "$3", 3e6, "USD", "day"),
    ("Rent is $900 weekly in the new towers.", "$900", 900, "USD", "week"),
    ("The pitcher is seeking at least $160MM.", "$160MM", 1.6e8, "USD", None),
]


@pytest.mark.parametrize("text,needle,value,unit,per", MONEY)
def test_money(text, needle, value, unit, per):
    q = one(text, needle)
    assert q.kind == "money"
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.per == per
    assert text[q.start:q.end] == q.text


PERCENT = [
    ("Turnout reached 25 percent in the north.", "25", 25, "percent", None),
    ("About 15% of voters stayed home.", "15%", 15, "percent", None),
    ("Unemployment hit 25 per cent last winter.", "25 per", 25, "percent", None),
    ("Yields fell 0.5 percentage points overnight.", "0.5", 0.5, "percentage point", "down"),
    ("The index was up 3% by noon.", "3%", 3, "percent", "up"),
    ("The index rose 3% by noon.", "3%", 3, "percent", "up"),
    ("Output fell by 2.5 percent in March.", "2.5", 2.5, "percent", "down"),
    ("Futures were down 1.2% before the open.", "1.2%", 1.2, "percent", "down"),
]


@pytest.mark.parametrize("text,needle,value,unit,change", PERCENT)
def test_percent(text, needle, value, unit, change):
    q = one(text, needle)
    assert (q.kind, q.value, q.unit, q.change) == ("percent", pytest.approx(value), unit, change)


def test_change_from_to_is_one_quantity():
    text = "The council cut the rate from 25 percent to 15 percent on Friday."
    qs = find_quantities(text)
    assert len(qs) == 1
    q = qs[0]
    assert q.text == "25 percent to 15 percent"
    assert (q.value, q.unit, q.change, q.from_value) == (15, "percent", "to", 25)


def test_change_to_from_reversed():
    q = one("Sales rose to $8.1 billion from $7.4 billion.", "$8.1")
    assert (q.value, q.from_value, q.change, q.unit) == (8.1e9, 7.4e9, "to", "USD")


RANGES = [
    ("Wages grew between 3% and 4% this year.", "3%", 3, 4, "percent"),
    ("Forecasts see growth of 5 to 7 per cent.", "5 to", 5, 7, "percent"),
    ("The trail is 12-15 km long.", "12-15", 12, 15, "kilometre"),
    ("The bill could reach $3 to 5 billion.", "$3", 3e9, 5e9, "USD"),
    ("Between 200 and 300 people marched.", "200", 200, 300, ""),
    # the second figure takes the first's currency for its scale letter; MM is a million in finance and sport
    ("The Orioles offered about $140-150MM over seven years.", "$140", 1.4e8, 1.5e8, "USD"),
    ("The yard's bid was $140m-150m.", "$140m", 1.4e8, 1.5e8, "USD"),
    ("The sale could bring $1 - 2B.", "$1", 1e9, 2e9, "USD"),
]


@pytest.mark.parametrize("text,needle,low,high,unit", RANGES)
def test_ranges(text, needle, low, high, unit):
    q = one(text, needle)
    assert (q.from_value, q.value, q.unit, q.change) == (
        pytest.approx(low), pytest.approx(high), unit, "range"
    )


DURATIONS = [
    ("He served eight years in the senate.", "eight", 8, "year"),
    ("The leaders held a two-day summit in Oslo.", "two-day", 2, "day"),
    ("Talks stalled for three months.", "three", 3, "month"),
    ("The hearing lasted 90 minutes.", "90", 90, "minute"),
    ("A 40-year-old driver was arrested.", "40", 40, "year"),
]


@pytest.mark.parametrize("text,needle,value,unit", DURATIONS)
def test_durations(text, needle, value, unit):
    q = one(text, needle)
    assert (q.kind, q.value, q.unit) == ("duration", value, unit)


COUNTS = [
    ("Police detained 12 people near the square.", "12", 12, None),
    ("A minority of 67 Republicans backed the bill.", "67", 67, None),  # members of a group, capitalised
    ("Three ministers resigned on Tuesday.", "Three", 3, None),
    ("Dozens of fishermen blocked the harbour.", "Dozens", 120, "dozens"),
    ("She bought a dozen eggs.", "a dozen", 12, None),
    ("The factory employs 1,200 workers.", "1,200", 1200, None),
    ("The drive recruited twenty-five volunteers.", "twenty-five", 25, None),
    ("Some 4,000 homes lost power.", "4,000", 4000, "some"),
    ("The city hosts half a million visitors each summer.", "half a million", 5e5, None),
    ("More than 3,000 troops crossed the border.", "3,000", 3000, "more than"),
    ("Nearly 200 flights were cancelled.", "200", 200, "nearly"),
    ("At least 14 villages were flooded.", "14", 14, "at least"),
    ("Up to 40 buses will run at night.", "40", 40, "up to"),
    ("Around 600 staff joined the strike.", "600", 600, "around"),
    ("Roughly 10k runners took part.", "10k", 1e4, "roughly"),
    ("The census found 1.5 million households.", "1.5 million", 1.5e6, None),
]


@pytest.mark.parametrize(
    "text,needle,value",
    [("A quarter of the staff work remotely.", "A quarter", 0.25),
     ("Nearly two-thirds of the members voted for the merger.", "two-thirds", 2 / 3),
     ("Almost half of the tenants are behind on rent.", "half", 0.5)],
)
def test_a_fraction_of_something_is_a_share(text, needle, value):
    q = one(text, needle)
    assert (q.kind, q.unit) == ("percent", "fraction") and q.value == pytest.approx(value)


def test_half_of_a_period_or_a_whole_is_no_share():
    text = "Sales rose in the first half of 2025, and the other half of the crew went home."
    assert [q for q in find_quantities(text) if q.unit == "fraction"] == []


@pytest.mark.parametrize("text,needle,value,approx", COUNTS)
def test_counts(text, needle, value, approx):
    q = one(text, needle)
    assert (q.kind, q.unit) == ("count", "")
    assert q.value == pytest.approx(value)
    assert q.approx == approx


MEASURES = [
    ("The pipeline runs 120 km to the coast.", "120", 120, "kilometre"),
    ("The storm moved 300 miles inland.", "300", 300, "mile"),
    ("Customs seized 45 kg of cocaine.", "45", 45, "kilogram"),
    ("The port handles 2 million tonnes a year.", "2 million", 2e6, "tonne"),
    ("The field pumps 50,000 barrels a day.", "50,000", 5e4, "barrel"),
    ("Winds reached 90 mph on the coast.", "90", 90, "mph"),
    ("The train reached 320 km/h in tests.", "320", 320, "km/h"),
    ("Temperatures climbed to 41°C in Seville.", "41", 41, "celsius"),
    ("The farm adds 400 MW of capacity.", "400", 400, "megawatt"),
    ("The runway is 3,200 metres long.", "3,200", 3200, "metre"),
    ("The tank holds 60 litres of fuel.", "60", 60, "litre"),
]


@pytest.mark.parametrize("text,needle,value,unit", MEASURES)
def test_measures(text, needle, value, unit):
    q = one(text, needle)
    assert (q.kind, q.value, q.unit) == ("measure", pytest.approx(value), unit)


NOT_QUANTITIES = [
    "The treaty was signed in 2025.",
    "The plant opened in 1998 after a long delay.",
    "The vote is set for Oct. 22 in the capital.",
    "Polls closed on 25 Oct. 2025 without incident.",
    "The statement came at 11:02 local time.",
    "Call the desk on 555-201-7788 for details.",
    "She finished third in the final.",
    "The jets were F-35 fighters bought abroad.",
    "It is one of the largest ports in Asia.",
    "The iPhone 15 went on sale in Tokyo.",
    "The category 4 storm weakened overnight.",
    "He scored in the 96th minute.",
    "The 1990s were a decade of growth.",
    "The festival shows the films on 35MM prints.",  # no currency: a film gauge, not millions
    "A late field goal gave the visitors a 17-7 halftime lead.",  # a score is no count of 7
    "The court ruled against the port in a 5-4 decision.",
    "The ferry left at about 7 p. m. on Friday.",  # a time with its abbreviation spaced out, not 7 pence
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_sorted_non_overlapping_and_offsets():
    text = ("Officials said about 3,000 homes, 12 schools and $4.5 million in aid were "
            "affected, up 8% from a year ago, over 90 minutes.")
    qs = find_quantities(text)
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    for a, b in zip(qs, qs[1:]):
        assert a.end <= b.start
    for q in qs:
        assert text[q.start:q.end] == q.text
    assert [q.kind for q in qs] == ["count", "count", "money", "percent", "duration"]


def test_hint_spans_keep_bare_numbers():
    text = "The final score stood at 7 after the break."
    assert find_quantities(text) == []
    i = text.index("7")
    qs = find_quantities(text, spans=[(i, i + 1)])
    assert [(q.value, q.kind) for q in qs] == [(7, "count")]


def test_a_split_is_two_figures_not_a_range():
    text = "The mayor won the runoff 58 percent to 42 percent, and the council backed her 9 to 2."
    found = [(q.text, q.value, q.change) for q in find_quantities(text) if q.unit == "percent"]
    assert found == [("58 percent", 58.0, None), ("42 percent", 42.0, None)]


def test_a_part_of_a_sum_of_money_is_in_its_currency():
    text = "So far the builder has raised 280 million of the 1.5 billion shekels it needs."
    q = one(text, "280 million")
    assert (q.value, q.unit, q.kind) == (280e6, "ILS", "money")


def test_a_year_the_time_rules_read_is_no_count(nlp):
    from crosswire.analyze import analyze_text

    analysis = analyze_text("The trip comes ahead of the 2022 midterms. The plant hired 2000 workers.", nlp=nlp)
    assert [q.text for q in analysis.quantities] == ["2000"]
    assert [t.text for t in analysis.times] == ["2022"]


def test_rose_by_an_amount_to_a_level_is_two_figures_not_a_range():
    text = ("Openings rose by about 1 million to 9.3 million, claims dropped 29,000 to 348,000, "
            "while temperatures dropped by 1 to 1.5 degrees.")
    found = [(q.text, q.value, q.from_value) for q in find_quantities(text)]
    assert found[:4] == [("about 1 million", 1e6, None), ("9.3 million", 9.3e6, None),
                         ("29,000", 29e3, None), ("348,000", 348e3, None)]
    assert found[4][1:] == (1.5, 1.0)  # one unit for both, near values: a range of the drop


def test_so_much_more_or_less_than_something_is_a_difference():
    text = ("A gallon cost $3.04, 16 cents more than a month ago, and the mayor won 3,000 votes more than "
            "her rival; 12 ships docked.")
    assert [(q.text, q.change) for q in find_quantities(text)] == [
        ("$3.04", None), ("16 cents", "up"), ("3,000", "up"), ("12", None)]


def test_falling_below_or_rising_above_a_figure_is_a_level_and_rising_by_more_than_one_a_change():
    text = "Protection falls below 50 percent, fuel rose above $3 a gallon and shares rose more than 4%."
    assert [(q.text, q.change) for q in find_quantities(text)] == [
        ("below 50 percent", None), ("above $3 a gallon", None), ("more than 4%", "up")]


def test_a_figure_in_brackets_in_another_unit_is_a_rounded_conversion():
    text = "The quake struck 58km (36 miles) from the port; the fund holds 1 billion euros ($1.2 billion)."
    assert [(q.text, q.approx) for q in find_quantities(text)] == [
        ("58km", None), ("36 miles", "about"), ("1 billion euros", None), ("$1.2 billion", "about")]
