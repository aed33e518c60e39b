"""What crosswire must report on the two seed articles (read from ../shared/seeds at test time)."""

import datetime as dt

import jsonschema
import pytest

import crosswire
from crosswire.report import comparison_to_dict, load_schema

JOONGANG = "Korea JoongAng Daily"
TRENDING = "TheTrendingPeople.com"


@pytest.fixture(scope="module")
def comparison(seed_paths, nlp):
    return crosswire.compare(seed_paths, nlp=nlp)


def outlet_of(comparison, article_id):
    return comparison.article(article_id).outlet


def findings(comparison, verdict, slot=None):
    return [f for f in comparison.findings if f.verdict == verdict and (slot is None or f.slot == slot)]


def outlets(comparison, finding):
    return {outlet_of(comparison, e.article_id) for e in finding.evidence}


def test_both_outlets_are_named_and_dated(comparison):
    by_outlet = {a.outlet: a for a in comparison.articles}
    assert set(by_outlet) == {JOONGANG, TRENDING}
    assert by_outlet[JOONGANG].published == dt.date(2025, 10, 25)
    assert not by_outlet[JOONGANG].published_inferred
    # The dateline "Oct 25" has no year: taken from the other source, and flagged.
    assert by_outlet[TRENDING].published == dt.date(2025, 10, 25)
    assert by_outlet[TRENDING].published_inferred
    assert any(n.kind == "inferred" for n in by_outlet[TRENDING].notes)


def test_there_is_no_conflict_and_the_report_says_so(comparison):
    assert findings(comparison, "conflicting") == []
    assert "No conflicting findings" in crosswire.render(comparison, "md")


def corroborated_amount(comparison, amount):
    return [
        f for f in findings(comparison, "corroborated", "amount")
        if all(e.value["amount"] == amount for e in f.evidence) and len(outlets(comparison, f)) == 2
    ]


def corroborated_date(comparison, begin, end=None):
    hits = []
    for f in findings(comparison, "corroborated", "date"):
        values = [e.value for e in f.evidence]
        if len(outlets(comparison, f)) == 2 and all(
            v["begin"] <= (end or begin) and begin <= v["end"] for v in values
        ):
            hits.append(f)
    return hits


def test_the_350_billion_pledge_is_corroborated(comparison):
    (finding,) = corroborated_amount(comparison, 3.5e11)
    assert all(e.value["unit"] == "USD" for e in finding.evidence)


def test_the_july_framework_agreement_is_corroborated_july_and_late_july(comparison):
    (finding,) = corroborated_date(comparison, "2025-07-01", "2025-07-31")
    shown = {comparison.article(e.article_id).text[e.value_start : e.value_end] for e in finding.evidence}
    assert shown == {"July", "late July"}


def test_the_summit_is_on_oct_29_in_one_source_and_wednesday_in_the_other(comparison):
    (finding,) = corroborated_date(comparison, "2025-10-29")
    shown = {comparison.article(e.article_id).text[e.value_start : e.value_end] for e in finding.evidence}
    assert shown == {"Oct. 29", "Wednesday"}


def test_the_officials_friday_briefing_is_corroborated(comparison):
    assert corroborated_date(comparison, "2025-10-24")


def statement_match(comparison, word_a, word_b):
    for f in findings(comparison, "corroborated"):
        texts = {outlet_of(comparison, e.article_id): e.text for e in f.evidence}
        if word_a in texts.get(JOONGANG, "") and word_b in texts.get(TRENDING, ""):
            return f
    return None


def test_a_quote_and_its_paraphrase_are_one_statement(comparison):
    # "eager to conclude a deal" (paraphrase) vs the official's direct quote "keen to ... a deal"
    assert statement_match(comparison, "eager", "keen") is not None
    # shipbuilding cooperation: paraphrase in one, quote in the other
    finding = statement_match(comparison, "shipbuilding", "shipbuilding")
    assert finding is not None
    assert any(e.text.startswith("\u201c") for e in finding.evidence)


def unique_values(comparison, outlet):
    return [
        f for f in findings(comparison, "unique") if outlets(comparison, f) == {outlet}
    ]


def test_joongang_alone_reports_the_cash_split_and_its_own_dates(comparison):
    mine = unique_values(comparison, JOONGANG)
    amounts = {(f.evidence[0].value["amount"], f.evidence[0].value.get("per")) for f in mine if f.slot == "amount"}
    assert {(2e11, None), (2.5e10, "year"), (1.5e11, None)} <= amounts
    dates = {f.evidence[0].value["begin"] for f in mine if f.slot == "date"}
    assert "2025-10-22" in dates
    # The other outlet's state visit "on Wednesday and Thursday" also falls on Oct. 30,
    # but says nothing of the talks with Xi in Busan: that statement is JoongAng's alone.
    assert "2025-10-30" not in dates
    statements = " ".join(f.statement for f in mine)
    assert "Busan" in statements
    assert not any("Busan" in e.text for f in findings(comparison, "corroborated") for e in f.evidence)
    assert "Kim Jong-un" in statements and "Xi Jinping" in statements and "Howard Lutnick" in statements


def test_trendingpeople_alone_reports_the_tariff_cut_apec_and_the_visit(comparison):
    mine = unique_values(comparison, TRENDING)
    rates = [f.evidence[0].value for f in mine if f.slot == "rate"]
    assert {"amount": 15.0, "from": 25.0} in [{"amount": r["amount"], "from": r["from"]} for r in rates]
    ranges = {(f.evidence[0].value["begin"], f.evidence[0].value["end"]) for f in mine if f.slot == "date"}
    assert ("2025-10-31", "2025-11-01") in ranges
    durations = [f.evidence[0].value for f in mine if f.slot == "duration"]
    assert any(d["amount"] == 2 and d["unit"] == "day" for d in durations)
    statements = " ".join(f.statement for f in mine)
    assert "Lee Jae Myung" in statements and "Koo Yun-cheol" in statements


def test_the_timeline_keeps_two_happenings_of_one_day_apart(comparison):
    by_day = {}
    for event in comparison.timeline:
        by_day.setdefault(event.date, []).append(event)
    # "a two-day state visit ... on Wednesday and Thursday": both days ahead of the Saturday dateline
    visit = [e for e in comparison.timeline if "state visit" in e.description]
    assert {e.begin.isoformat() for e in visit} >= {"2025-10-30"}
    assert all(e.scheduled for e in visit)
    thursday = by_day[next(d for d in by_day if d.startswith("2025-10-30"))]
    assert len(thursday) == 2
    assert all(len({e.article_id for e in event.evidence}) == 1 for event in thursday)
    # the summit both outlets date (Oct. 29 / "Wednesday") is one event with both sources
    (summit,) = [e for e in comparison.timeline if e.begin == dt.date(2025, 10, 29)]
    assert {outlet_of(comparison, x.article_id) for x in summit.evidence} == {JOONGANG, TRENDING}


def test_kim_jung_kwan_is_quoted_not_kim_yong_beom(comparison):
    direct = [q for q in comparison.quotes if q.kind == "direct" and "cash investment" in q.text]
    assert [q.speaker for q in direct] == ["Kim Jung-kwan"]


def test_kim_yong_beom_is_one_person_with_two_titles(comparison):
    (kim,) = [p for p in comparison.entities if p.name.replace(" ", "").lower() == "kimyong-beom"]
    assert len(kim.roles) == 2
    first, second = kim.roles.values()
    assert first != second


def test_boilerplate_and_speculation_are_in_no_finding(comparison):
    texts = [e.text for f in comparison.findings for e in f.evidence]
    for junk in ("KANG TAE-HWA", "JOONGANG ILBO", "log in", "0/250", "@", "translated", "Final Thoughts",
                 "Analysts", "Observers"):
        assert not any(junk in t for t in texts), junk
    notes = comparison.notes[next(a.id for a in comparison.articles if a.outlet == JOONGANG)]
    assert any(n.kind == "disclosure" and "AI" in n.message for n in notes)


def test_every_finding_points_at_its_sentence(comparison):
    for finding in comparison.findings:
        for e in finding.evidence:
            article = comparison.article(e.article_id)
            assert article.text[e.start : e.end] == e.text
            assert article.raw_text[e.raw_start : e.raw_end] == e.text


def test_the_json_report_validates_against_its_schema(comparison):
    jsonschema.validate(comparison_to_dict(comparison), load_schema())
