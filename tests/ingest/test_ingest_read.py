"""Reading sources into Articles: examples, seeds, formats, dates, outlets."""

import datetime as dt
import io
import json
import pathlib
import sys

import pytest

from crosswire.clean import clean
from crosswire.ingest import (
    READERS,
    detect_format,
    infer_year,
    partial_date,
    read_all,
    read_source,
    read_text,
    with_published,
)
from crosswire.ingest.dates import parse_date, stamp_date
from crosswire.ingest.outlets import outlet_from_url

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"

GAZETTE = EXAMPLES / "harbor-strike-gazette.txt"
COURIER = EXAMPLES / "harbor-strike-courier.html"
WIRE = EXAMPLES / "harbor-strike-wire.json"


def removed(article):
    """Raw text of every span a note says was removed."""
    return [
        article.raw_text[n.raw_start : n.raw_end]
        for n in article.notes
        if n.kind in ("boilerplate", "signoff", "disclosure") and n.raw_start is not None
    ]


# --- our own examples --------------------------------------------------------


def test_gazette_header_lines_become_metadata():
    [article] = read_source(GAZETTE)
    assert article.title == "Dockworkers Walk Out at Port of Halvergate as Wage Talks Collapse"
    assert article.published == dt.date(2025, 10, 14)
    assert article.published_time == "08:15"
    assert not article.published_inferred
    assert article.authors == ("Mara Lindqvist",)
    assert (article.outlet, article.outlet_from) == ("Halvergate Gazette", "dateline")
    assert article.text == article.raw_text  # ingest does not clean


def test_gazette_clean_keeps_only_reporting():
    article = clean(read_source(GAZETTE)[0])
    assert article.text.startswith("About 2,400 dockworkers walked off the job")
    for gone in (
        "Published:", "By Mara", "HALVERGATE, Oct. 13", "[PETRA NOVAK]", "Ships Anchored Offshore",
        "originally written in Spanish", "Final Thoughts", "Subscribers get", "mlindqvist@",
        "with the Halvergate Gazette", "To write comments", "(0/500 characters)",
    ):  # fmt: skip
        assert gone not in article.text, gone
    assert "ended with a 3 percent raise." in article.text
    [(start, end)] = article.captions
    assert article.text[start:end] == "Striking dockworkers gather at the main gate of Terminal B in Halvergate on Monday morning."
    assert [n.message for n in article.notes if n.kind == "disclosure"] == [
        "AI-assisted translation from Spanish, reviewed by editors"
    ]


def test_courier_html_metadata_and_text():
    article = clean(read_source(COURIER)[0])
    assert article.outlet == "The Coastal Courier" and article.outlet_from == "metadata"
    assert article.url == "https://www.coastalcourier.example/news/2025/10/13/halvergate-port-strike"
    assert article.published == dt.date(2025, 10, 13)
    assert article.authors == ("Tomas Reyes",)
    assert article.text.startswith("Some 2,400 members of the Harbor Workers' Union Local 14")
    for gone in ("cookies", "Home", "Advertisement", "Cost to shippers", "Log in", "Pay them", "Related", "©"):
        assert gone not in article.text, gone
    assert "roughly $40 million a day" in article.text


def test_wire_json_record():
    [article] = read_source(WIRE)
    assert article.external_id == "mw-20251013-0412"
    assert (article.outlet, article.outlet_from) == ("Meridian Wire", "metadata")
    assert (article.published, article.published_time) == (dt.date(2025, 10, 13), "16:05")
    assert article.authors == ("Sam Park",)
    cleaned = clean(article)
    assert "Reporting by" not in cleaned.text and "AI assistance" not in cleaned.text
    assert cleaned.text.startswith("Dockworkers at the Port of Halvergate went on strike on Monday")


def test_article_id_is_a_stable_content_hash():
    first, second = read_source(GAZETTE)[0], read_source(GAZETTE)[0]
    assert first.id == second.id and len(first.id) == 16
    assert read_text(GAZETTE.read_text() + "\nOne more line.").id != first.id


# --- the shared seeds ----------------------------------------------------------


def test_seed_000_joongang(seed):
    article = clean(read_source(seed("000"))[0])
    assert (article.outlet, article.outlet_from) == ("Korea JoongAng Daily", "signoff")
    assert (article.published, article.published_time) == (dt.date(2025, 10, 25), "11:02")
    assert article.authors == ("HYEON YE-SEUL",)
    captions = [article.text[s:e] for s, e in article.captions]
    assert captions[0].startswith("Kim Yong-beom") and "[" not in captions[0]
    assert captions[1].startswith("Left:") and captions[1].endswith("Xi Jinping")  # credit removed
    for gone in ("[KANG TAE-HWA]", "[JOONGANG ILBO]", "originally written in Korean", "HYEON YE-SEUL",
                 "with the Korea JoongAng Daily", "To write comments", "(0/250", "Published:"):
        assert gone not in article.text, gone
    disclosures = [n.message for n in article.notes if n.kind == "disclosure"]
    assert disclosures == ["AI-assisted translation from Korean, reviewed by editors"]
    assert article.text.splitlines()[-1].endswith("discussion.")  # the last paragraph of reporting


def test_seed_002_trendingpeople(seed):
    article = clean(read_source(seed("002"))[0])
    assert (article.outlet, article.outlet_from) == ("TheTrendingPeople.com", "dateline")
    assert article.published is None and partial_date(article) == (10, 25)
    assert article.text.startswith("The United States")  # the dateline is gone
    for gone in ("High Stakes Ahead", "Key Elements of the", "Shipbuilding Cooperation Is Key",
                 "The Road Ahead", "Final Thoughts", "billion-dollar partnership turns"):
        assert gone not in article.text, gone
    assert article.text.splitlines()[-1].startswith("The timing")  # the promotional section is gone
    assert any(n.message == "removed: promotional sign-off section" for n in article.notes)


def test_seed_002_year_from_the_caller_is_flagged_inferred(seed):
    [article] = read_source(seed("002"), published=dt.date(2025, 10, 26))
    assert article.published == dt.date(2025, 10, 25)
    assert article.published_inferred
    assert any(n.kind == "inferred" and "2025" in n.message for n in article.notes)


# --- dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("25 Oct. 2025, 11:02", "2025-10-25", "11:02"),
        ("Oct. 25, 2025 at 3:15 p.m.", "2025-10-25", "15:15"),
        ("October 25, 2025", "2025-10-25", None),
        ("2025-10-13T16:05:00Z", "2025-10-13", "16:05"),
        ("Sept 3, 2024", "2024-09-03", None),
    ],
)
def test_parse_date(text, date, time):
    parsed = parse_date(text)
    assert (parsed.date.isoformat(), parsed.time) == (date, time)


@pytest.mark.parametrize(
    ("month", "day", "hints", "year"),
    [
        (10, 25, [dt.date(2025, 10, 26)], 2025),
        (12, 30, [dt.date(2026, 1, 2)], 2025),  # across new year
        (1, 2, [dt.date(2025, 12, 30)], 2026),
        (10, 25, [dt.date(2024, 10, 1), dt.date(2025, 10, 24), dt.date(2025, 10, 27)], 2025),
        (10, 25, [2023], 2023),
        (10, 25, [], None),
    ],
)
def test_infer_year(month, day, hints, year):
    assert infer_year(month, day, hints) == year


def test_dateline_year_from_full_dates_in_the_text():
    text = "Strike\nMERIDIAN, March 3 (Harbor Post) -- Workers walked out.\nThe contract expired on Feb. 28, 2026."
    article = read_text(text)
    assert article.published == dt.date(2026, 3, 3) and article.published_inferred
    assert (article.outlet, article.outlet_from) == ("Harbor Post", "dateline")


def test_no_year_anywhere_keeps_month_and_day_for_later():
    article = read_text("Strike\nMERIDIAN, March 3 (Harbor Post) -- Workers walked out in 2019 too.")
    assert article.published is None and partial_date(article) == (3, 3)
    fixed = with_published(article, dt.date(2026, 3, 3), reason="year from other sources of the story")
    assert fixed.published == dt.date(2026, 3, 3) and fixed.published_inferred
    assert fixed.notes[-1].kind == "inferred" and fixed.notes[-1].message == "year from other sources of the story"
    assert article.published is None  # a copy


def test_caller_date_used_when_the_source_gives_none():
    article = read_text("Strike\nWorkers walked out on Monday.", published=dt.date(2025, 10, 13))
    assert article.published == dt.date(2025, 10, 13) and not article.published_inferred


def test_header_date_beats_caller_date():
    article = read_text("Strike\nPublished: 14 Oct. 2025\nWorkers walked out.", published=dt.date(2020, 1, 1))
    assert article.published == dt.date(2025, 10, 14)


@pytest.mark.parametrize(
    ("line", "date", "update"),
    [
        ("Thursday, March 12, 2026", "2026-03-12", False),
        ("MONDAY, MARCH 9, 2026", "2026-03-09", False),
        ("Posted 3/27/2026 7:21 AM", "2026-03-27", False),
        ("Posted 3 / 27 / 2026 7: 21 AM", "2026-03-27", False),  # a tokenised copy
        ("12 March 2026 Last updated at 11:11 GMT", "2026-03-12", True),
        ("9:53 AM, THU 12 MAR 2026", "2026-03-12", False),
        ("Updated: March 12, 2026 20:09 IST", "2026-03-12", True),
        ("PUBLISHED THURSDAY, MARCH 12, 2026 AT 12:46 PM / UPDATED AT 12:48 PM", "2026-03-12", False),
        ("Sunday, March 15, 2026 | 5:00 PM", "2026-03-15", False),
        ("Posted: Mar 12, 2026 8:20 AM ET Last Updated: Mar 13, 2026 8:10 PM ET", "2026-03-12", False),
        ("POSTED: 1052 GMT (1852 HKT), March 12, 2026", "2026-03-12", False),  # a 24-hour clock without colon
        ("Posted on March 12, 2026 6:07:15 PM GMT+01:00", "2026-03-12", False),  # seconds and an offset
        ("Published: 2026. 03. 12 09: 01 AM", "2026-03-12", False),  # year first
        ("published: 2026 - 03 - 12 11: 47: 35", "2026-03-12", False),
        ("3/27/26", "2026-03-27", False),  # a two-digit year
        ("UPDATED 03/04/2026 at 11:00 AM EDT", "2026-03-04", True),  # a U.S. time zone: month first
        ("Originally published 3/4/2026 at 10:20 AM ET", "2026-03-04", False),
        ("Posted 4/3/2026 10:20 BST", "2026-03-04", False),  # a British time zone: day first
        ("PUBLISHED: THURSDAY, MARCH 12, 2026, 1: 32 PM", "2026-03-12", False),
        ("Story Created: Mar 12, 2026 at 9:56 AM AKDT", "2026-03-12", False),
        ("8:05am UK, Thursday 12th March 2026", "2026-03-12", False),  # an ordinal day
        ("Thursday 12 March 2026 03.31 GMT", "2026-03-12", False),
        ("FOR IMMEDIATE RELEASE March 12, 2026", "2026-03-12", False),
        ("Thu Mar 12 2026, 01:19 hrs", "2026-03-12", False),
    ],
)
def test_stamp_date_reads_a_line_that_is_only_a_time_stamp(line, date, update):
    parsed, is_update = stamp_date(line)
    assert (parsed.date.isoformat(), is_update) == (date, update)


@pytest.mark.parametrize(
    "line",
    [
        "Port reopens: 12 March 2026",  # a headline that names a date
        "On March 12, 2026 the dockers voted",
        "3/4/2026",  # March 4 or 3 April: the order is unknown
        "3/4/2026 5:59:13 PM",  # still unknown: a 12-hour clock is no country's alone
        "Route 66/10/2026",
        "Strike enters 2026",
    ],
)
def test_stamp_date_refuses_lines_that_say_more_or_are_ambiguous(line):
    assert stamp_date(line) is None


def test_plain_text_opening_with_a_time_stamp_keeps_the_next_line_as_title():
    article = read_text("Thursday, March 12, 2026\nDockers Vote to Strike\nDockers in Meridian voted to strike on Wednesday.")
    assert (article.title, article.published) == ("Dockers Vote to Strike", dt.date(2026, 3, 12))
    assert clean(article).text == "Dockers in Meridian voted to strike on Wednesday."


def test_record_whose_title_is_a_time_stamp_gets_its_date_and_real_title():
    record = {
        "id": "r1",
        "title": "12 March 2026 Last updated at 11:11 GMT",
        "text": "12 March 2026 Last updated at 11:11 GMT\nDockers Vote to Strike\nDockers in Meridian voted to strike.",
    }
    article = read_text(json.dumps(record), source="r.json")
    assert (article.title, article.published, article.published_inferred) == (
        "Dockers Vote to Strike", dt.date(2026, 3, 12), True)  # fmt: skip
    assert any("last-updated stamp" in n.message for n in article.notes)
    assert clean(article).text == "Dockers in Meridian voted to strike."


@pytest.mark.parametrize(
    ("header", "kept"),
    [
        ("Posted 3 / 27 / 2026 7: 21 AM", ""),  # right under the headline the text repeats
        ("The port may close for a week\nMarch 27, 2026", "The port may close for a week\n"),  # under a standfirst
    ],
)
def test_a_records_stamp_under_its_headline_is_read_and_the_rest_kept(header, kept):
    record = {"title": "Dockers Vote to Strike", "text": f"Dockers Vote to Strike\n{header}\nDockers voted to strike."}
    article = read_text(json.dumps(record), source="r.json")
    assert (article.title, article.published) == ("Dockers Vote to Strike", dt.date(2026, 3, 27))
    assert clean(article).text == kept + "Dockers voted to strike."


def test_a_date_line_deep_in_the_story_is_not_its_stamp():
    text = "Dockers Vote to Strike\nDockers voted.\nThe union met twice.\nIts leader spoke.\nMarch 27, 2026\nMore."
    assert read_text(text).published is None


def test_a_stated_date_beats_a_last_updated_stamp():
    text = "Dockers Vote to Strike\nUpdated: March 14, 2026 08:00\nPublished: March 12, 2026\nDockers voted."
    assert read_text(text).published == dt.date(2026, 3, 12)


# --- formats, outlets, stdin --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [
        ("anything", "a.html", "html"),
        ("anything", "a.jsonl", "json"),
        ("<!DOCTYPE html><html>", "", "html"),
        ("  <html lang=en>", "page", "html"),
        ('{"text": "x"}', "", "json"),
        ("[1, 2]", "", "json"),
        ("Port strike\nWorkers walked out.", "", "text"),
    ],
)
def test_detect_format(text, name, fmt):
    assert detect_format(text, name) == fmt


def test_readers_registry_is_a_plain_dict():
    assert set(READERS) == {"text", "html", "json", "feed", "xml"}


def test_text_that_opens_with_a_bracket_is_still_text():
    article = read_text("[Update] Port strike ends\nWorkers returned to work on Friday after a deal.")
    assert article.title == "[Update] Port strike ends"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/asia/x", "Reuters"),
        ("https://koreajoongangdaily.joins.com/news/2025-10-25/x", "Korea JoongAng Daily"),
        ("https://news.example.co.uk/a", "example.co.uk"),
        ("https://www.harborpost.example/a", "harborpost.example"),
        (None, None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_outlet_from_url_beats_dateline():
    record = {"text": "MERIDIAN, March 3 (Harbor Post) -- Workers walked out.", "url": "https://www.reuters.com/x"}
    article = read_text(json.dumps(record))
    assert (article.outlet, article.outlet_from) == ("Reuters", "url")


def test_stdin_is_read_for_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Strike\nWorkers walked out on Monday.")))
    [article] = read_source("-")
    assert article.source == "<stdin>" and article.title == "Strike"


def test_jsonl_bad_record_is_a_problem_and_the_others_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        {"title": "A", "body": "Workers walked out on Monday at the port.", "source": "Harbor Post", "date": "2025-10-13"},
        {"title": "B", "text": ""},
        {"headline": "C", "content": ["Cranes stood idle.", "Ships waited offshore."], "author": "Ana Ruiz and Li Wei", "id": 7},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    articles, problems = read_all([path])
    assert [a.title for a in articles] == ["A", "C"]
    assert articles[0].outlet == "Harbor Post" and articles[0].published == dt.date(2025, 10, 13)
    assert articles[1].authors == ("Ana Ruiz", "Li Wei") and articles[1].external_id == "7"
    assert articles[1].raw_text == "Cranes stood idle.\nShips waited offshore."
    assert [(p.source, p.reason) for p in problems] == [(f"{path}:2", "record has no text")]


def test_jsonl_line_that_does_not_parse_is_a_problem_and_the_others_are_read(tmp_path):
    # a writer killed mid-record leaves a line cut short; the records around it are still articles
    path = tmp_path / "crawl.jsonl"
    good = [json.dumps({"id": f"r{k}", "title": f"T{k}", "text": f"Workers walked out on day {k} at the port."})
            for k in (1, 2)]
    path.write_text(f"{good[0]}\n{{\"id\": \"r9\", \"text\": \"Cranes st\n{good[1]}\n")
    articles, problems = read_all([path])
    assert [a.external_id for a in articles] == ["r1", "r2"]
    assert [(p.source, p.reason.split(" (")[0]) for p in problems] == [(f"{path}:2", "not valid JSON")]


def test_a_broken_json_document_is_one_problem_not_one_per_line(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"articles": [{"text": "Workers walked out."}, {"text": "Ships waited."}]},
                               indent=2)[:-10])  # cut short: no line holds a whole object
    articles, problems = read_all([path])
    assert not articles and len(problems) == 1 and problems[0].reason.startswith("not valid JSON or JSON Lines")


def test_json_array_records(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"articles": [{"text": "Workers walked out."}, {"text": "Ships waited."}]}))
    assert [a.source for a in read_source(path)] == [f"{path}:1", f"{path}:2"]


def test_a_record_whose_text_is_only_its_title_keeps_it_as_the_story():
    # A one-sentence brief often repeats itself as the title: the line is the story, not a title to drop.
    brief = "The ferry to Harwick was cancelled on Monday because of the storm."
    article = read_text(json.dumps({"id": "b1", "title": brief, "text": brief}), source="briefs.json")
    assert article.title == brief and clean(article).text == brief


@pytest.mark.parametrize(
    ("published", "date", "warning"),
    [
        (1760443200, dt.date(2025, 10, 14), None),  # seconds
        (1760443200000, dt.date(2025, 10, 14), None),  # milliseconds
        (1e20, None, None),  # beyond any calendar: no date, the record still read
        (-5, None, None),
        (True, None, None),
        ("9999-12-31", None, "published date 9999-12-31 ignored: not between 1800 and 2100"),
        ("0001-01-01T00:00:00Z", None, "published date 0001-01-01 ignored: not between 1800 and 2100"),
        ("1912-04-15", dt.date(1912, 4, 15), None),  # an archive's old paper is a date
        ("13/10/2025", dt.date(2025, 10, 13), None),  # numeric, one order only: day first
        ("10/13/2025 8:00 AM", dt.date(2025, 10, 13), None),  # month first
        ("05/03/2025", None, None),  # March 5 or May 3: not taken
    ],
)
def test_a_records_stated_date_is_used_only_when_it_can_be_one(published, date, warning):
    # a placeholder date would resolve "on Monday" to a day that never was; the article is read without it
    text = "The harbour workers went on strike on Monday after talks broke down over pay, the union said."
    article = read_text(json.dumps({"title": "Strike", "text": text, "published": published}))
    assert article.published == date
    assert [n.message for n in article.notes if n.kind == "warning"] == ([warning] if warning else [])


def test_a_records_html_text_is_read_as_html_and_wordpress_fields_are_understood():
    # scrapers and news APIs leave markup in the text field; WordPress's REST API nests it under "rendered"
    record = {"id": 7, "title": {"rendered": "Port strike &#8211; <em>day one</em>"},
              "author": "By Mara Lind and Tom Hale",
              "content": {"rendered": "<p>Dockworkers in Halvergate walked out on Monday, the union said.</p>\n"
                                      "<p>Ships queued <b>offshore</b> &amp; waited.</p><script>track();</script>"},
              "date": "2025-10-13T08:00:00", "link": "https://harbourpost.example/strike"}
    article = read_text(json.dumps(record))
    assert article.raw_text == ("Dockworkers in Halvergate walked out on Monday, the union said.\n"
                                "Ships queued offshore & waited.")
    assert (article.title, article.published, article.url) == ("Port strike – day one", dt.date(2025, 10, 13),
                                                                "https://harbourpost.example/strike")
    assert article.authors == ("Mara Lind", "Tom Hale") and article.external_id == "7"
    plain = read_text(json.dumps({"text": "Rates fell to <5% as 3 < 4, the bank said on Monday in its report."}))
    assert plain.raw_text == "Rates fell to <5% as 3 < 4, the bank said on Monday in its report."  # no markup: as given


def test_a_record_that_quotes_inline_markup_keeps_it_as_text():
    # an article may quote markup ("a sign reading <b>closed</b>"): only paragraph layout makes a text HTML
    text = "A commuter posted a sign reading <script>alert(1)</script> and <b>closed</b> on the gate on Monday."
    assert read_text(json.dumps({"text": text})).raw_text == text
