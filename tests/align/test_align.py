"""Alignment on claims built by hand: no model is loaded here."""

import dataclasses
import datetime as dt

import pytest

from crosswire.align import align
from crosswire.align.timeline import build_timeline
from crosswire.model import Article, Claim, Slot, Span


def article(aid, text):
    return Article(id=aid, source=f"{aid}.txt", raw_text=text, text=text, outlet=aid.title())


def amount(text, sentence, value, unit="USD", per=None, name="amount"):
    start = sentence.index(text)
    return Slot(name, text, start, start + len(text),
                value={"amount": value, "unit": unit, "per": per, "from": None, "approx": None},
                unit=unit, display=f"{value:g} {unit}")


def day(text, sentence, iso):
    start = sentence.index(text)
    return Slot("date", text, start, start + len(text),
                value={"value": iso, "begin": iso, "end": iso, "granularity": "day"}, display=iso)


def claim(art, sentence_text, keywords, *slots, kind="fact"):
    start = art.text.index(sentence_text)
    shifted = tuple(
        Slot(s.name, s.text, s.start + start, s.end + start, s.value, s.unit, s.display) for s in slots
    )
    return Claim(id=f"{art.id}-{start}", sentence=Span(art.id, start, start + len(sentence_text)), kind=kind,
                 predicate=keywords[0], slots=shifted, keywords=tuple(keywords))


A_BUDGET = "The council approved a harbour budget of $2.1 million on Tuesday."
B_BUDGET = "On Tuesday the council approved a harbour budget of $2.4 million."
A_ONLY = "The mayor will travel to Lisbon in May to sign a ferry agreement."


def budget_articles(b_amount=2.4e6, b_text=B_BUDGET):
    a = article("gazette", A_BUDGET + " " + A_ONLY)
    b = article("courier", b_text)
    words = ["approve", "council", "harbour", "budget", "tuesday"]
    claims = [
        claim(a, A_BUDGET, words, amount("$2.1 million", A_BUDGET, 2.1e6), day("Tuesday", A_BUDGET, "2025-03-04")),
        claim(a, A_ONLY, ["travel", "mayor", "lisbon", "ferry", "agreement", "sign"]),
        claim(b, b_text, words, amount(b_text[b_text.index("$"):-1], b_text, b_amount),
              day("Tuesday", b_text, "2025-03-04")),
    ]
    return [a, b], claims


def test_a_different_amount_for_the_same_fact_is_a_conflict_with_both_values():
    articles, claims = budget_articles()
    findings = align(articles, claims).findings
    conflicts = [f for f in findings if f.verdict == "conflicting"]
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.slot == "amount"
    assert sorted(e.value["amount"] for e in conflict.evidence) == [2.1e6, 2.4e6]
    for evidence in conflict.evidence:
        text = next(a for a in articles if a.id == evidence.article_id).text
        assert text[evidence.start : evidence.end] == evidence.text
        assert text[evidence.value_start : evidence.value_end].startswith("$2.")


def test_the_same_statement_with_the_same_values_is_corroborated():
    articles, claims = budget_articles(2.1e6, B_BUDGET.replace("2.4", "2.1"))
    findings = align(articles, claims).findings
    assert not [f for f in findings if f.verdict == "conflicting"]
    corroborated = {f.slot for f in findings if f.verdict == "corroborated"}
    assert {"amount", "date"} <= corroborated


def test_a_fact_one_source_alone_gives_is_unique_to_it():
    articles, claims = budget_articles()
    unique = [f for f in align(articles, claims).findings if f.verdict == "unique"]
    assert [f.evidence[0].article_id for f in unique] == ["gazette"]
    assert "Lisbon" in unique[0].statement


def test_conflicts_come_first_then_corroborated_then_unique():
    articles, claims = budget_articles()
    verdicts = [f.verdict for f in align(articles, claims).findings]
    order = {"conflicting": 0, "corroborated": 1, "unique": 2}
    assert verdicts == sorted(verdicts, key=order.get)


def test_a_cash_portion_and_a_total_on_one_topic_are_not_a_conflict():
    total = "The province pledged to invest $350 million in the port over a decade."
    part = "Of that, $200 million will come as cash, the province said."
    a = article("gazette", total)
    b = article("courier", part)
    claims = [
        claim(a, total, ["invest", "province", "port", "pledge", "decade"], amount("$350 million", total, 3.5e8)),
        claim(b, part, ["cash", "province", "come"], amount("$200 million", part, 2e8)),
    ]
    assert not [f for f in align([a, b], claims).findings if f.verdict == "conflicting"]


def test_one_statement_put_twice_by_one_source_is_one_finding_with_both_sentences():
    # The paraphrase and the quote it paraphrases both match the other outlet's sentence: one corroborated
    # statement with the two sentences of that source, not two findings that read the same.
    a_text = "The harbour master said the ferry service would resume as soon as the storm passed."
    b_para = "Ferries will run again once the storm is over, the harbour master said."
    b_quote = "\u201cThe ferries will run again as soon as this storm passes,\u201d the harbour master told reporters."
    a, b = article("gazette", a_text), article("courier", b_para + " " + b_quote)
    words = ["ferry", "storm", "harbour", "resume", "run"]
    claims = [claim(a, a_text, words), claim(b, b_para, words), claim(b, b_quote, words)]
    findings = [f for f in align([a, b], claims).findings if f.verdict == "corroborated"]
    assert len(findings) == 1
    assert {e.article_id for e in findings[0].evidence} == {"gazette", "courier"}
    assert sorted(e.text for e in findings[0].evidence if e.article_id == "courier") == sorted([b_para, b_quote])


def _thursday_pair(b_sentence, b_keywords):
    a_sentence = "President Trump will host talks in Busan, Korea, on Thursday."
    a, b = article("daily", a_sentence), article("wire", b_sentence)
    claims = [
        claim(a, a_sentence, ["host", "president", "trump", "korea", "thursday", "busan"],
              day("Thursday", a_sentence, "2025-10-30")),
        claim(b, b_sentence, b_keywords, day("Thursday", b_sentence, "2025-10-30")),
    ]
    return [a, b], claims


def test_a_shared_day_alone_does_not_make_two_statements_one():
    # alike in names and day, not in what happens: talks in Busan vs a state visit
    articles, claims = _thursday_pair("President Trump will begin a state visit to Korea on Thursday.",
                                      ["begin", "president", "trump", "korea", "thursday", "visit"])
    findings = align(articles, claims).findings
    assert not [f for f in findings if f.verdict == "corroborated"]
    timeline = build_timeline(articles, claims, findings)
    assert [len(e.evidence) for e in timeline] == [1, 1]


def test_a_shared_day_with_the_same_happening_is_corroborated_and_one_timeline_event():
    articles, claims = _thursday_pair("President Trump will host talks with Korea's leader on Thursday.",
                                      ["host", "president", "trump", "korea", "thursday", "leader"])
    findings = align(articles, claims).findings
    (corroborated,) = [f for f in findings if f.verdict == "corroborated"]
    assert corroborated.slot == "date"
    (event,) = build_timeline(articles, claims, findings)
    assert {e.article_id for e in event.evidence} == {"daily", "wire"}


def test_a_time_of_day_and_its_day_matched_are_one_timeline_event():
    articles, claims = _pair("The senator died peacefully on Tuesday evening of heart failure at home.",
                             "The senator died Tuesday of heart failure at home, his aide said.",
                             on_day("Tuesday evening", "2021-05-25TEV", "time"), on_day("Tuesday", "2021-05-25"),
                             ["senator", "die", "heart", "failure", "home", "tuesday"])
    findings = align(articles, claims).findings
    assert [f.slot for f in findings if f.verdict == "corroborated"] == ["date"]
    (event,) = build_timeline(articles, claims, findings)
    assert {e.article_id for e in event.evidence} == {"daily", "wire"}


def test_one_sentence_with_a_time_and_its_day_is_one_timeline_event():
    sentence = "The port lifted a midnight curfew it put in place Thursday after the protests."
    a = article("daily", sentence)
    claims = [claim(a, sentence, ["port", "lift", "curfew"], on_day("midnight", "2025-10-16T24:00", "time")(sentence),
                    on_day("Thursday", "2025-10-16")(sentence))]
    assert len(build_timeline([a], claims, [])) == 1


def test_a_time_of_day_unmatched_is_an_event_beside_its_articles_day():
    first, second = "The strike began on Monday at the port.", "Ships were anchored off the coast by Monday night."
    a = article("daily", f"{first} {second}")
    claims = [claim(a, first, ["strike", "begin", "port", "monday"], on_day("Monday", "2025-10-13")(first)),
              claim(a, second, ["ship", "anchor", "coast", "monday"],
                    on_day("Monday night", "2025-10-13TNI", "time")(second))]
    assert len(build_timeline([a], claims, [])) == 2


def _tally(sentence):
    from crosswire.claims.slots import tally_slots

    (slot,) = tally_slots(sentence, 0, len(sentence))
    return slot


@pytest.mark.parametrize(("sentence_b", "verdict"), [
    ("In a 219-to-212 vote on Tuesday, the House passed the harbour budget resolution.", "corroborated"),
    ("In a 220-to-212 vote on Tuesday, the House passed the harbour budget resolution.", "conflicting"),
])
def test_two_counts_of_one_vote_agree_or_conflict(sentence_b, verdict):
    sentence_a = "The House passed the harbour budget resolution 219-212 on Tuesday."
    a, b = article("daily", sentence_a), article("wire", sentence_b)
    words = ["pass", "house", "harbour", "budget", "resolution", "tuesday"]
    claims = [claim(a, sentence_a, words, _tally(sentence_a)), claim(b, sentence_b, words, _tally(sentence_b))]
    findings = [f for f in align([a, b], claims).findings if f.slot == "tally"]
    assert [f.verdict for f in findings] == [verdict]


def _pair(sentence_a, sentence_b, slot_a, slot_b, words, published=(None, None)):
    """Two one-sentence articles with the same keywords: alike enough to be compared."""
    a = dataclasses.replace(article("daily", sentence_a), published=published[0])
    b = dataclasses.replace(article("wire", sentence_b), published=published[1])
    claims = [claim(a, sentence_a, words, slot_a(sentence_a)), claim(b, sentence_b, words, slot_b(sentence_b))]
    return [a, b], claims


def count(text, value):
    def build(sentence):
        start = sentence.index(text)
        return Slot("count", text, start, start + len(text),
                    value={"amount": value, "unit": "", "per": None, "from": None, "approx": None}, unit="",
                    display=f"{value:g}")
    return build


def on_day(text, iso, granularity="day"):
    def build(sentence):
        start = sentence.index(text)
        return Slot("date", text, start, start + len(text),
                    value={"value": iso, "begin": iso[:10] if len(iso) >= 10 else f"{iso}-01-01",
                           "end": iso[:10] if len(iso) >= 10 else f"{iso}-12-31", "granularity": granularity},
                    display=iso)
    return build


def conflicts(articles, claims):
    return [f for f in align(articles, claims).findings if f.verdict == "conflicting"]


WORDS = ["army", "fly", "plane", "coast", "record", "strait", "monday"]


def test_two_counts_of_different_things_are_no_conflict():
    articles, claims = _pair("The army flew 56 planes near the coast, a record over the strait on Monday.",
                             "The army flew planes near the coast for four days, a record over the strait on Monday.",
                             count("56", 56), count("four", 4), WORDS)
    assert conflicts(articles, claims) == []
    articles, claims = _pair("The army flew 56 planes near the coast, a record over the strait on Monday.",
                             "The army flew 38 planes near the coast, a record over the strait on Monday.",
                             count("56", 56), count("38", 38), WORDS)
    (found,) = conflicts(articles, claims)
    assert sorted(e.value["amount"] for e in found.evidence) == [38, 56]


def test_a_figure_both_sentences_write_is_no_conflict_with_another_figure():
    # the second sentence writes 56 as well ("56 of 90 planes"), though only 90 was read as its count
    articles, claims = _pair("The army flew 56 planes near the coast, a record over the strait on Monday.",
                             "The army flew 56 of 90 planes near the coast, a record over the strait on Monday.",
                             count("56", 56), count("90", 90), WORDS)
    assert conflicts(articles, claims) == []


@pytest.mark.parametrize(("sentence_a", "sentence_b", "figures", "conflict"), [
    # the noun counted is the plural after the figure, not a word that qualifies it
    ("The army seized two pirate boats near the coast, a record over the strait on Monday.",
     "The army seized 23 pirates near the coast, a record over the strait on Monday.", ("two", 2, "23", 23), False),
    ("The army seized four boats near the coast, a record over the strait on Monday.",
     "The army seized seven pirate boats near the coast, a record over the strait on Monday.",
     ("four", 4, "seven", 7), True),
    # men and women are people; a count with no plural noun after it is judged by its next words
    ("The army arrested three men yesterday near the coast, a record over the strait on Monday.",
     "The army arrested five people overnight near the coast, a record over the strait on Monday.",
     ("three", 3, "five", 5), True),
])
def test_a_count_counts_the_plural_noun_after_it(sentence_a, sentence_b, figures, conflict):
    text_a, value_a, text_b, value_b = figures
    articles, claims = _pair(sentence_a, sentence_b, count(text_a, value_a), count(text_b, value_b), WORDS)
    assert bool(conflicts(articles, claims)) is conflict


def lasting(text, amount, unit="month"):
    def build(sentence):
        start = sentence.index(text)
        return Slot("duration", text, start, start + len(text),
                    value={"amount": amount, "unit": unit, "per": None, "from": None, "approx": None},
                    unit=unit, display=f"{amount:g} {unit}s")
    return build


@pytest.mark.parametrize(("sentence_a", "sentence_b", "figures", "conflict"), [
    # what each figure is measured over, not how long something lasted
    ("Prices rose in June, the sharpest 12-month inflation spike in the harbor district since 2008.",
     "Prices rose in June, the largest 1-month spike in the harbor district since 2008.",
     (("12-month", 12, "month"), ("1-month", 1, "month")), False),
    ("The harbor district strike ended in June after a 12-month standoff over prices.",
     "The harbor district strike ended in June after a 1-month standoff over prices.",
     (("12-month", 12, "month"), ("1-month", 1, "month")), True),
    # two ages of the same person
    ("Police said a 17-year-old boy was shot near the harbor district on Monday.",
     "Police said an 18-year-old boy was shot near the harbor district on Monday.",
     (("17-year-old", 17, "year"), ("18-year-old", 18, "year")), True),
    # the ages of two people in one story
    ("Police said a 17-year-old boy was shot near the harbor district on Monday.",
     "Police said an 18-year-old woman was shot near the harbor district on Monday.",
     (("17-year-old", 17, "year"), ("18-year-old", 18, "year")), False),
])
def test_two_durations_conflict_only_when_they_are_one_figure(sentence_a, sentence_b, figures, conflict):
    words = ["harbor", "district", "june", "price", "spike", "police", "shot"]
    articles, claims = _pair(sentence_a, sentence_b, lasting(*figures[0]), lasting(*figures[1]), words)
    assert bool(conflicts(articles, claims)) is conflict


@pytest.mark.parametrize(("after_a", "after_b", "conflict"), [
    ("after the harbor vote", "after the harbor vote", True),
    ("after the harbor vote", "after the Valdor strike began", False),  # two gaps from two events
    ("after the harbor vote", "", False),  # a gap, and how long something lasted
    ("ago", "", False),  # a gap back from the article's day, and how long something lasted
])
def test_two_gaps_conflict_only_when_they_count_from_one_event(after_a, after_b, conflict):
    words = ["union", "signed", "contract", "harbor", "valdor", "port", "deal"]
    sentence_a = f"The Valdor port union signed the contract one month {after_a}, a deal.".replace("  ", " ")
    sentence_b = f"The Valdor port union signed the contract three months {after_b}, a deal.".replace(" ,", ",")
    articles, claims = _pair(sentence_a, sentence_b, lasting("one month", 1), lasting("three months", 3), words)
    assert bool(conflicts(articles, claims)) is conflict


def test_a_conflict_one_source_would_have_with_itself_is_of_different_figures():
    # a game report gives both figures, for the final and for the season: the other source's is neither
    words = ["striker", "scored", "goals", "harbor", "cup", "valdor", "team"]
    final = "The Valdor striker scored two goals for the team in the harbor cup."
    season = "The Valdor striker scored eleven goals for the team in the harbor cup."
    other = "The Valdor striker scored three goals for the team in the harbor cup."
    a, b = article("daily", final + " " + season), article("wire", other)
    claims = [claim(a, final, words, count("two", 2)(final)), claim(a, season, words, count("eleven", 11)(season)),
              claim(b, other, words, count("three", 3)(other))]
    assert conflicts([a, b], claims) == []


def test_two_dates_of_different_kinds_are_no_conflict():
    words = ["registration", "cancel", "voter", "roll", "georgia", "state", "removal"]
    articles, claims = _pair("Georgia cancelled voter registrations in the state rolls in 2017, a large removal.",
                             "Georgia cancelled voter registrations in the state rolls since 2019, a large removal.",
                             on_day("2017", "2017", "year"), on_day("2019", "2019", "year"), words)
    assert conflicts(articles, claims) == []  # "in 2017" is not what "since 2019" dates


def test_a_value_is_held_against_its_closest_match_in_a_sentence_of_several():
    words = ["adult", "vaccinate", "fully", "dose", "county", "health", "share"]
    one = "By Tuesday, 37.3% of county adults were fully vaccinated, the health office said."
    two = "Over 55% of county adults have received at least one dose, and 39% have been fully vaccinated."
    a, b = article("daily", one), article("wire", two)
    ours = amount("37.3%", one, 37.3, "percent", name="rate")
    dose, fully = amount("55%", two, 55, "percent", name="rate"), amount("39%", two, 39, "percent", name="rate")
    (found,) = conflicts([a, b], [claim(a, one, words, ours), claim(b, two, words, dose, fully)])
    assert sorted(e.value["amount"] for e in found.evidence) == [37.3, 39]


def test_a_date_conflicts_only_between_sentences_that_give_one_date_each():
    words = ["ferry", "service", "restore", "harbor", "line", "cable", "repair"]
    one = "The harbor ferry service was restored on 11 October after the cable repair on the line."
    two = "The harbor ferry service was restored on 14 October after the cable repair on the line on 29 October."
    a, b = article("daily", one), article("wire", two)
    first, second = on_day("14 October", "2011-10-14")(two), on_day("29 October", "2011-10-29")(two)
    claims = [claim(a, one, words, on_day("11 October", "2011-10-11")(one)), claim(b, two, words, first, second)]
    assert conflicts([a, b], claims) == []  # which of the wire's two dates is the restoration's?
    claims = [claim(a, one, words, on_day("11 October", "2011-10-11")(one)), claim(b, two, words, first)]
    assert len(conflicts([a, b], claims)) == 1


@pytest.mark.parametrize(("published", "conflict"), [
    ((dt.date(2021, 5, 21), dt.date(2021, 5, 21)), True),
    # "on Friday" a week later is another Friday: no one can tell which, so no conflict
    ((dt.date(2021, 5, 21), dt.date(2021, 5, 28)), False),
])
def test_a_weekday_conflicts_only_between_articles_of_one_day(published, conflict):
    words = ["ceasefire", "take", "effect", "gaza", "israel", "fighting", "end"]
    articles, claims = _pair("The ceasefire in Gaza took effect on Friday, ending the fighting with Israel.",
                             "The ceasefire in Gaza took effect on Thursday, ending the fighting with Israel.",
                             on_day("Friday", "2021-05-21"), on_day("Thursday", "2021-05-20"), words, published)
    assert bool(conflicts(articles, claims)) is conflict


def test_a_time_of_day_alone_is_the_day_of_its_article_and_no_conflict_with_another_days():
    # a report of the arrest and one of the trial two years on: "at midnight" is each article's own night
    published = (dt.date(2005, 7, 26), dt.date(2007, 3, 20))
    words = ["suspect", "arrest", "building", "street", "away", "police", "shortly"]
    articles, claims = _pair("Police arrested the suspect five buildings away on the street at midnight.",
                             "Police arrested the suspect five buildings away on the street at midnight.",
                             on_day("midnight", f"{published[0]}T24:00", "time"),
                             on_day("midnight", f"{published[1]}T24:00", "time"), words, published)
    assert conflicts(articles, claims) == []


@pytest.mark.parametrize(("place_a", "place_b", "conflict"), [
    ("in the United States", "in the U.S.", False),  # one country, two names
    ("in Lisbon", "in Porto", True),
])
def test_a_place_conflict_needs_two_places(place_a, place_b, conflict):
    words = ["vaccine", "dose", "waste", "pharmacy", "throw", "away", "million"]
    sentences = [f"Pharmacies {p} have thrown away millions of vaccine doses as waste." for p in (place_a, place_b)]
    names = [p.split(" ", 1)[1].removeprefix("the ") for p in (place_a, place_b)]
    a, b = article("daily", sentences[0]), article("wire", sentences[1])
    claims = [claim(art, s, words, Slot("place", n, s.index(n), s.index(n) + len(n), value=n, display=n))
              for art, s, n in zip((a, b), sentences, names)]
    assert bool(conflicts([a, b], claims)) is conflict


@pytest.mark.parametrize(("kind_a", "kind_b", "conflict"), [("GPE", "GPE", True), ("GPE", "LOC", False)])
def test_places_of_two_kinds_are_no_conflict(kind_a, kind_b, conflict):
    # "in Norland" / "on Mount Vell": a country and a mountain that may stand in it
    words = ["climber", "fall", "death", "ice", "slip", "british", "mountain"]
    places = ("Norland", "Mount Vell")
    sentences = [f"A British climber slipped on ice and fell to his death in {p}." for p in places]
    a, b = article("daily", sentences[0]), article("wire", sentences[1])
    claims = [claim(art, s, words, Slot("place", p, s.index(p), s.index(p) + len(p), value=p, display=p, unit=kind))
              for art, s, p, kind in zip((a, b), sentences, places, (kind_a, kind_b))]
    assert bool(conflicts([a, b], claims)) is conflict


def test_an_event_later_in_the_month_of_publication_is_scheduled_and_one_of_the_day_is_past():
    def dated(text, iso_begin, iso_end, granularity):
        def build(sentence):
            start = sentence.index(text)
            return Slot("date", text, start, start + len(text),
                        value={"value": iso_begin[:7], "begin": iso_begin, "end": iso_end, "granularity": granularity},
                        display=iso_begin[:7])
        return build

    sentence = "The shots will be offered to the public later this month, officials said today."
    a = dataclasses.replace(article("daily", sentence), published=dt.date(2021, 9, 3))
    later = claim(a, sentence, ["shots"], dated("later this month", "2021-09-03", "2021-09-30", "month")(sentence))
    today = claim(a, sentence, ["shots"], dated("today", "2021-09-03", "2021-09-03", "day")(sentence))
    assert [e.scheduled for e in build_timeline([a], [later])] == [True]
    assert [e.scheduled for e in build_timeline([a], [today])] == [False]


@pytest.mark.parametrize(
    ("sentence", "scheduled"),
    [
        ("The board is set to vote on the contract today, the union said.", True),
        ("The union will hold a rally today outside the port.", True),
        ("The board voted on the contract today, the union said.", False),
        # the future belongs to another clause than the day's, or to what was said that day
        ("The shots will be offered to the public next week, officials said today.", False),
        ("The drugmaker said today it will seek approval for the pill.", False),
        ("The drugmaker today said that it will seek approval for the pill.", False),
        ("The drugmaker today is set to seek approval, it says.", True),
        ("“The mayor will open the pier on Friday,” the Herald reported today.", False),
        # the day's verb of saying a few words back, or a verb in the past before it: what will be is another clause's
        ("The union announced on the morning of today that it will strike.", False),
        ("The mayor is announcing today that the pier will reopen.", False),
        ("The court dismissed the case today in a ruling that will stand.", False),
        ("Officers who worked that night are due to testify today.", True),  # the past is another clause's
    ],
)
def test_an_event_of_the_day_of_publication_told_in_the_future_is_scheduled(sentence, scheduled):
    a = dataclasses.replace(article("daily", sentence), published=dt.date(2021, 9, 3))
    start = sentence.index("today")
    today = Slot("date", "today", start, start + 5, display="2021-09-03",
                 value={"value": "2021-09-03", "begin": "2021-09-03", "end": "2021-09-03", "granularity": "day"})
    assert [e.scheduled for e in build_timeline([a], [claim(a, sentence, ["board"], today)])] == [scheduled]


def test_a_timeline_event_is_described_by_the_clause_that_holds_its_date():
    sentence = ("The council approved the budget on Tuesday, three weeks after the March 4 flood that closed "
                "the harbor for a month.")
    a = dataclasses.replace(article("daily", sentence), published=dt.date(2025, 3, 26))
    flood = claim(a, sentence, ["council"], on_day("March 4", "2025-03-04")(sentence))
    (event,) = build_timeline([a], [flood])
    assert event.description == "…three weeks after the March 4 flood that closed the harbor for a month."


def test_a_vague_multitude_is_no_value_of_its_own_and_reads_as_written(nlp):
    from crosswire.analyze import analyze_text
    from crosswire.claims import build_claims

    text = "Tens of millions of people in the harbor district were under heat alerts on Monday."
    a = dataclasses.replace(article("daily", text), published=dt.date(2021, 6, 18))
    claims = build_claims(a, analyze_text(text, a.published, nlp=nlp))
    [multitude] = [s for c in claims for s in c.slots if s.name == "count"]
    assert multitude.display == "Tens of millions (10 million to 100 million)"
    assert [f.slot for f in align([a], claims).findings] == ["date"]  # Monday is listed, the multitude is not


@pytest.mark.parametrize(("sentence_b", "conflict"), [
    ("The ferry line earned $9 million in fares this year.", False),  # the year, not its first quarter
    ("The ferry line earned $9 million in fares in the first three months of this year.", True),
])
def test_a_figure_of_part_of_a_period_is_no_conflict_with_one_of_the_whole(sentence_b, conflict):
    def year(sentence):
        start = sentence.index("this year")
        return Slot("date", "this year", start, start + 9, display="2025",
                    value={"value": "2025", "begin": "2025-01-01", "end": "2025-12-31", "granularity": "year"})

    sentence_a = "The ferry line earned $3.5 million in fares in the first three months of this year."
    a, b = article("daily", sentence_a), article("wire", sentence_b)
    words = ["ferry", "line", "earn", "fare", "year"]
    claims = [claim(a, sentence_a, words, amount("$3.5 million", sentence_a, 3.5e6), year(sentence_a)),
              claim(b, sentence_b, words, amount("$9 million", sentence_b, 9e6), year(sentence_b))]
    assert bool(conflicts([a, b], claims)) is conflict


@pytest.mark.parametrize(("sentence_b", "conflict"), [
    ("The council plans to spend $3 million on the harbor wall.", False),  # a year's budget, or the whole
    ("The council plans to spend $3 million on the harbor wall over the next decade.", True),
])
def test_a_total_over_several_years_is_no_conflict_with_a_figure_without_them(sentence_b, conflict):
    sentence_a = "The council plans to spend $20 million on the harbor wall over the next decade."
    figure_b = sentence_b[sentence_b.index("$"):].split()[0]
    articles, claims = _pair(sentence_a, sentence_b, lambda s: amount("$20 million", s, 2e7),
                             lambda s: amount(figure_b + " million", s, 3e6), ["council", "spend", "harbor", "wall"])
    assert bool(conflicts(articles, claims)) is conflict


def test_a_day_inside_quoted_words_is_no_timeline_event():
    sentence = "“Today's vote is about the harbor, not about us,” the mayor wrote in an essay."
    a = dataclasses.replace(article("daily", sentence), published=dt.date(2021, 6, 7))
    today = claim(a, sentence, ["vote"], day("Today", sentence, "2021-06-07"))
    assert build_timeline([a], [today]) == []
    unquoted = "The mayor wrote on Monday that the vote is about the harbor."
    b = dataclasses.replace(article("wire", unquoted), published=dt.date(2021, 6, 7))
    monday = claim(b, unquoted, ["vote"], day("Monday", unquoted, "2021-06-07"))
    assert [e.date for e in build_timeline([b], [monday])] == ["2021-06-07"]


@pytest.mark.parametrize(("sentence_b", "figure", "value", "conflict"), [
    ("The four pilots testified before the harbor board on Monday.", "four", 4, False),  # the named one counted in
    ("The five pilots testified before the harbor board on Monday.", "five", 5, True),
])
def test_someone_and_so_many_others_count_with_the_named_one(sentence_b, figure, value, conflict):
    sentence_a = "Ana Ruiz and three fellow pilots testified before the harbor board on Monday."
    articles, claims = _pair(sentence_a, sentence_b, count("three", 3), count(figure, value),
                             ["pilot", "testify", "harbor", "board", "monday"])
    assert bool(conflicts(articles, claims)) is conflict


def test_in_so_many_years_says_when_and_sets_no_total_apart():
    sentence_a = "The council plans to spend $20 million on the harbor wall in two years."
    sentence_b = "The council plans to spend $3 million on the harbor wall."
    articles, claims = _pair(sentence_a, sentence_b, lambda s: amount("$20 million", s, 2e7),
                             lambda s: amount("$3 million", s, 3e6), ["council", "spend", "harbor", "wall"])
    assert conflicts(articles, claims)


def _person(name, text):
    def build(sentence):
        start = sentence.index(text)
        return Slot("person", text, start, start + len(text), value=name, display=name)
    return build


@pytest.mark.parametrize(("sentence_b", "names", "conflict"), [
    # another worker's years at the plant, beside the first
    ("Tom Hale had been at the plant for 37 years and worked beside Ana Ruiz.", ("Tom Hale", "Ana Ruiz"), False),
    ("Ruiz had been at the plant for 37 years, Tom Hale said.", ("Ana Ruiz",), True),
])
def test_figures_of_two_different_people_are_no_conflict(sentence_b, names, conflict):
    sentence_a = "The employee, Ana Ruiz, was suspended from the plant, where she had worked for 15 years."
    words = ["plant", "year", "work"]
    a, b = article("daily", sentence_a), article("wire", sentence_b)
    people_b = [_person(n, n if n in sentence_b else n.split()[-1])(sentence_b) for n in names]
    claims = [claim(a, sentence_a, words, _person("Ana Ruiz", "Ana Ruiz")(sentence_a),
                    amount("15 years", sentence_a, 15, unit="year", name="duration")),
              claim(b, sentence_b, words, *people_b, amount("37 years", sentence_b, 37, unit="year", name="duration"))]
    assert bool(conflicts([a, b], claims)) is conflict
