"""A different date or place for the same fact is a conflict, through the whole pipeline."""

import pytest

import crosswire

HEAD = "Published: 2 Mar. 2026, {time}\nBy {author}\n"
SIGNING = ("The transport ministers of the two countries will sign the cross-border rail accord in {city} "
           "on {day}, officials said.\n")
REST = ("The accord covers 240 kilometers of new track and will cost {cost} billion euros, the ministry said.\n"
        "Transport Minister Rui Almeida said the first trains would run in 2029.\n")


def write(path, title, time, author, city, day, cost="3.2"):
    path.write_text(title + "\n" + HEAD.format(time=time, author=author) + SIGNING.format(city=city, day=day)
                    + REST.format(cost=cost), encoding="utf-8")
    return path


def test_date_place_and_amount_conflicts_are_found_and_agreement_is_kept(tmp_path, nlp):
    a = write(tmp_path / "a.txt", "Ministers to sign rail accord", "09:00", "Lena Ortiz", "Lisbon", "Thursday, March 5")
    b = write(tmp_path / "b.txt", "Rail accord to be signed", "10:30", "Tom Hale", "Porto", "Friday, March 6", "3.5")
    comparison = crosswire.compare([a, b], nlp=nlp)
    conflicts = {f.slot: f for f in comparison.findings if f.verdict == "conflicting"}
    assert set(conflicts) == {"date", "place", "amount"}
    assert sorted(e.value["begin"] for e in conflicts["date"].evidence) == ["2026-03-05", "2026-03-06"]
    assert sorted(e.value for e in conflicts["place"].evidence) == ["Lisbon", "Porto"]
    assert sorted(e.value["amount"] for e in conflicts["amount"].evidence) == [3.2e9, 3.5e9]
    for finding in conflicts.values():
        for e in finding.evidence:
            assert comparison.article(e.article_id).text[e.start : e.end] == e.text
    agreed = [f for f in comparison.findings if f.verdict == "corroborated" and f.slot == "amount"]
    assert [e.value["unit"] for e in agreed[0].evidence] == ["kilometre", "kilometre"]


def test_reported_speech_with_an_auxiliary_or_adverb_is_listed_and_stance_is_not(tmp_path, nlp):
    a = write(tmp_path / "a.txt", "Ministers to sign rail accord", "09:00", "Lena Ortiz", "Lisbon", "Thursday, March 5")
    with a.open("a", encoding="utf-8") as f:
        f.write("Rui Almeida has also said that the line would carry freight at night.\n"
                "Rui Almeida thinks that the timetable is too tight.\n")
    b = write(tmp_path / "b.txt", "Rail accord to be signed", "10:30", "Tom Hale", "Lisbon", "Thursday, March 5")
    quotes = [q.text for q in crosswire.compare([a, b], nlp=nlp).quotes]
    assert any("carry freight at night" in q for q in quotes)
    assert not any("too tight" in q for q in quotes)


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The line will carry freight at night, the minister’s office said.", "the minister’s office"),
    ("Rui Almeida and Sofia Lind said that the line would carry freight at night.", "Rui Almeida and Sofia Lind"),
])
def test_reported_speech_of_a_described_body_or_of_people_speaking_together_is_listed_with_them(
        tmp_path, nlp, sentence, speaker):
    a = write(tmp_path / "a.txt", "Ministers to sign rail accord", "09:00", "Lena Ortiz", "Lisbon", "Thursday, March 5")
    with a.open("a", encoding="utf-8") as f:
        f.write(sentence + "\n")
    b = write(tmp_path / "b.txt", "Rail accord to be signed", "10:30", "Tom Hale", "Lisbon", "Thursday, March 5")
    [quote] = [q for q in crosswire.compare([a, b], nlp=nlp).quotes if "carry freight" in q.text]
    assert quote.speaker == speaker


def test_an_article_whose_analysis_fails_is_a_problem_and_the_others_are_compared(tmp_path, nlp, monkeypatch):
    import crosswire.analyze

    real = crosswire.analyze.analysis_of_doc

    def failing(doc, published):
        if "Porto" in doc.text:
            raise KeyError("end of")
        return real(doc, published)

    monkeypatch.setattr(crosswire.analyze, "analysis_of_doc", failing)
    a = write(tmp_path / "a.txt", "Ministers to sign rail accord", "09:00", "Lena Ortiz", "Lisbon", "Thursday, March 5")
    b = write(tmp_path / "b.txt", "Rail accord to be signed", "10:30", "Tom Hale", "Porto", "Friday, March 6")
    c = write(tmp_path / "c.txt", "Rail accord signing set", "11:00", "Ana Reis", "Lisbon", "Thursday, March 5", "3.5")
    comparison = crosswire.compare([a, b, c], nlp=nlp)
    assert [p.source for p in comparison.problems] == [str(b)]
    assert "analysis failed (KeyError: 'end of')" in str(comparison.problems[0])
    assert len(comparison.articles) == 2
    assert {f.slot for f in comparison.findings if f.verdict == "conflicting"} == {"amount"}


def test_a_quote_that_opens_quotation_marks_is_shown_with_the_closing_one(tmp_path, nlp):
    a = write(tmp_path / "a.txt", "Ministers to sign rail accord", "09:00", "Lena Ortiz", "Lisbon", "Thursday, March 5")
    with a.open("a", encoding="utf-8") as f:
        f.write("The accord depends on what Porto calls \u201cfair freight terms,\u201d a senior official said.\n")
    b = write(tmp_path / "b.txt", "Rail accord to be signed", "10:30", "Tom Hale", "Lisbon", "Thursday, March 5")
    comparison = crosswire.compare([a, b], nlp=nlp)
    [quote] = [q for q in comparison.quotes if "fair freight" in q.text]
    assert quote.text.endswith("fair freight terms,\u201d") and quote.text.count("\u201c") == quote.text.count("\u201d")
    e = quote.evidence
    assert comparison.article(e.article_id).text[e.start : e.end] == e.text


def test_quotes_name_each_speaker_as_the_people_table_does_and_skip_what_was_only_announced(tmp_path, nlp):
    a = write(tmp_path / "a.txt", "Ministers to sign rail accord", "09:00", "Lena Ortiz", "Lisbon", "Thursday, March 5")
    with a.open("a", encoding="utf-8") as f:
        f.write("Port chief Robert Pinto said the line would carry freight at night.\n")
    b = write(tmp_path / "b.txt", "Rail accord to be signed", "10:30", "Tom Hale", "Lisbon", "Thursday, March 5")
    with b.open("a", encoding="utf-8") as f:
        f.write("Bob Pinto said the first trains would be electric. Mr. Pinto announced the accord.\n")
    comparison = crosswire.compare([a, b], nlp=nlp)
    rows = {row.name for row in comparison.entities if "Pinto" in row.name}
    said = {q.speaker for q in comparison.quotes if "freight" in q.text or "electric" in q.text}
    assert len(rows) == 1 and said == rows
    assert not [q for q in comparison.quotes if q.text.strip(" .") == "the accord"]
