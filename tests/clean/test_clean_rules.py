"""The cleaning rules, one table row per case, and the clean -> raw offset property."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.clean import boilerplate, captions, clean, disclosures, structure
from crosswire.clean.lines import Line
from crosswire.clean.signoffs import match_signoff
from crosswire.ingest import read_text
from crosswire.model import Article


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("To post a comment, please sign in to your reader account.", "comment prompt"),
        ("Log in to comment", "comment prompt"),
        ("Comments (2)", "comment prompt"),
        ("Sign up for our newsletter", "newsletter prompt"),
        ("Share this article", "share line"),
        ("Facebook Twitter Email", "share line"),
        ("Read more: Port strike enters second week", "read-more link"),
        ("Read the rest here.", "read-more link"),
        ("Continue reading", "read-more link"),
        ("Read the rest of the union's statement in Tuesday's paper, the mayor said.", None),
        ("Related articles", "related-articles list"),
        ("Advertisement", "advertisement"),
        ("(0/250자)", "character counter widget"),
        ("Reader Rules Policy (0/250자)", "character counter widget"),
        ("0/500 characters", "character counter widget"),
        ("© 2025 The Coastal Courier. All rights reserved.", "copyright line"),
        ("The union said the advertisement campaign would run for a week.", None),
        ("Sign up numbers for the union rose by 12 percent.", None),
        ("About 2,400 dockworkers walked off the job on Monday.", None),
    ],
)
def test_furniture_rules(line, rule):
    assert boilerplate.match_line(line) == rule


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Tense Days Ahead of the Port Talks", True),
        ("“Mediation Is the Only Way,” Says Harbor Official", True),
        ("What Comes Next: Will the Strike End This Week?", True),
        ("Key Numbers of the $40 Million Offer", True),
        ("Ships Anchored Offshore", True),
        ("Will workers return to the docks this week?", False),
        ("About 2,400 dockworkers walked off the job on Monday.", False),
        ("Dock workers walked off the job on Tuesday", False),
        ("The official said talks would resume, and that both sides were close to a deal in principle", False),
    ],
)
def test_heading_rule(line, heading):
    assert structure.is_heading(line) is heading


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Okafor speaks to strikers at the main gate on Oct. 13. [PETRA NOVAK]", "Okafor speaks to strikers at the main gate on Oct. 13.", "[PETRA NOVAK]"),
        ("Left: union president Dolores Okafor; Right: port chief Leonard Vance [HARBOR POST]", "Left: union president Dolores Okafor; Right: port chief Leonard Vance", "[HARBOR POST]"),
        ("Strikers gather at Terminal B. (Photo: Reuters)", "Strikers gather at Terminal B.", "(Photo: Reuters)"),
        ("Strikers gather at Terminal B on Monday. Getty Images", "Strikers gather at Terminal B on Monday.", "Getty Images"),
        ("Left: Dolores Okafor; Right: Leonard Vance", "Left: Dolores Okafor; Right: Leonard Vance", None),
        ("The union said 2,400 workers joined the strike.", None, None),
        ("HYEON YE-SEUL [[email protected]]", None, None),
    ],
)
def test_caption_rule(line, caption, credit):
    found = captions.match_caption(line)
    if caption is None:
        assert found is None
    else:
        assert (line[: found.keep_end], found.credit) == (caption, credit)


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        (
            "This report was first written in Korean and translated by a staff writer with the help of "
            "generative AI tools. An editor then checked the English version.",
            "AI-assisted translation from Korean, reviewed by editors",
        ),
        ("This story was produced with AI assistance.", "produced with AI assistance"),
        ("This article was machine translated from German.", "AI-assisted translation from German"),
        # the editors' own paragraphs: what the article corrected, what they always add
        ("Correction: An earlier version of this story misstated the number of ships at anchor.",
         "correction: An earlier version of this story misstated the number of ships at anchor."),
        ("Editor’s note: The Courier's owner sits on the port authority's board.",
         "editor's note: The Courier's owner sits on the port authority's board."),
    ],
)
def test_disclosures(text, summary):
    assert disclosures.is_disclosure(text)
    assert disclosures.summarize(text) == summary


def test_a_sentence_about_ai_is_not_a_disclosure():
    assert not disclosures.is_disclosure("The port authority said it would use AI tools to schedule cranes.")
    assert not disclosures.is_disclosure("The editor's note said the ships had left.")


@pytest.mark.parametrize(
    ("line", "what", "authors", "outlet"),
    [
        ("HYEON YE-SEUL [[email protected]]", "reporter sign-off", ("HYEON YE-SEUL",), None),
        ("JANE DOE [jane@example.com]", "reporter sign-off", ("JANE DOE",), None),
        ("By Jane Doe (jane@example.com)", "reporter sign-off", ("Jane Doe",), None),
        ("Reporting by Sam Park and Ana Ruiz; Editing by Claire Dubois", "reporting credits", ("Sam Park", "Ana Ruiz"), None),
        ("with the Korea JoongAng Daily", "outlet sign-off", (), "Korea JoongAng Daily"),
        ("The union said it would strike again.", None, (), None),
    ],
)
def test_signoff_rule(line, what, authors, outlet):
    found = match_signoff(Line(0, 0, len(line), line))
    if what is None:
        assert found is None
    else:
        assert (found.what, found.authors, found.outlet) == (what, authors, outlet)


def test_clean_is_idempotent_and_keeps_reader_notes():
    article = read_text(
        "Port strike\nBy Jane Doe\nMERIDIAN, March 3 (Harbor Post) -- Workers walked out. [ANA RUIZ]\n"
        "Advertisement\nShips waited offshore.\nJANE DOE [jane@example.com]"
    )
    once = clean(article)
    assert once.text == "Workers walked out.\nShips waited offshore."
    assert clean(once) == once


# --- the offset property -------------------------------------------------------------

LINES = st.sampled_from(
    [
        "Port strike enters second day",
        "Published: 14 Oct. 2025, 08:15",
        "By Jane Doe, Staff Reporter",
        "MERIDIAN, Oct. 13 (Harbor Post) -- About 2,400 dockworkers walked out on Monday.",
        "The union wants a 9 percent raise over three years.",
        "“We are done waiting,” Okafor said.",
        "Strikers gather at Terminal B. [PETRA NOVAK]",
        "Left: Dolores Okafor; Right: Leonard Vance",
        "Ships Anchored Offshore",
        "Advertisement",
        "Share this article",
        "Community Guidelines (0/500 characters)",
        "To post a comment, please sign in to your reader account.",
        "This report was first written in Spanish and translated with the help of generative AI tools.",
        "Final Thoughts from the Harbor Post",
        "JANE DOE [jane@example.com]",
        "with the Harbor Post",
        "Why it matters: The strike stops a third of the country's exports.",
        "",
        "   ",
    ]
)
FREE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINES, FREE), min_size=1, max_size=25), st.sampled_from(["\n", "\n\n", "\n \n"]))
def test_every_clean_character_maps_to_the_same_raw_character(lines, joiner):
    raw = joiner.join(lines)
    article = clean(Article(id="x", source="t", raw_text=raw, text=raw, title=lines[0].strip()))
    for i, ch in enumerate(article.text):
        assert raw[article.to_raw(i)] == ch
    for start, end in article.captions:
        assert 0 <= start < end <= len(article.text)
    for note in article.notes:
        if note.raw_start is not None:
            assert 0 <= note.raw_start <= note.raw_end <= len(raw)
    assert clean(article).text == article.text


def test_a_sign_off_heading_left_before_the_section_goes_with_it_so_cleaning_twice_changes_nothing():
    # the section opens at the second heading (the first is too far from the end); with it gone,
    # the first heading is the closing section of what is left (found by hypothesis)
    lines = ["Port strike enters second day", *["Final Thoughts from the Harbor Post"] * 2,
             *["Port strike enters second day"] * 6]  # fmt: skip
    raw = "\n".join(lines)
    article = clean(Article(id="x", source="t", raw_text=raw, text=raw, title=lines[0]))
    assert "Final Thoughts" not in article.text and clean(article).text == article.text


@settings(max_examples=100, deadline=None)
@given(st.lists(LINES, min_size=2, max_size=20))
def test_offsets_hold_through_the_reader_too(lines):
    raw = "\n".join(lines)
    try:
        article = clean(read_text(raw))
    except Exception as exc:  # an input with no story at all is refused, and that is fine
        assert type(exc).__name__ in ("NoArticleText", "EmptyInput")
        return
    assert all(raw.replace("\r", "")[article.to_raw(i)] == ch for i, ch in enumerate(article.text))


def test_a_newsletters_run_in_label_leaves_the_paragraph_and_its_sentence_stays():
    raw = ("The two mayors will meet in Halvergate on June 16.\n"
           "Why it matters:\xa0The meeting is the first test of the new harbour pact.\n"
           "What they're saying: The port authority called it overdue.\n"
           "The mayor said: the pact is fair.")
    article = clean(Article(id="x", source="t", raw_text=raw, text=raw))
    assert article.text == ("The two mayors will meet in Halvergate on June 16.\n"
                            "The meeting is the first test of the new harbour pact.\n"
                            "The port authority called it overdue.\n"
                            "The mayor said: the pact is fair.")
    assert [n.message for n in article.notes] == [
        'removed: run-in label "Why it matters"', 'removed: run-in label "What they\'re saying"']
    assert clean(article).text == article.text
    assert all(article.text[i] == raw[article.to_raw(i)] for i in range(len(article.text)))


def test_a_first_line_that_prints_the_title_with_a_full_stop_is_the_title():
    raw = "Dockworkers Walk Out at Halvergate.\n\nAbout 2,400 dockworkers walked off the job on Monday."
    article = clean(Article(id="x", source="t", raw_text=raw, text=raw, title="Dockworkers walk out at Halvergate"))
    assert article.text == "About 2,400 dockworkers walked off the job on Monday."
    assert any(n.message == "removed: title" for n in article.notes)
