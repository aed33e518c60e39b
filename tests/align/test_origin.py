import datetime as dt

from crosswire.align.evidence import shares_wording
from crosswire.align.origin import mark_shared_origin, origin_notes
from crosswire.model import Article, Evidence, Finding

WIRE = (
    "Dockworkers at the port of Halvergate walked off the job on Monday after talks over pay broke down late on Sunday.\n"
    "The union is asking for a raise of nine percent over three years, while the port authority has offered less than half.\n"
    "Seventeen container ships were waiting at anchor by the evening, according to the harbour master's office."
)
REPRINT = WIRE.replace("Seventeen", "Some seventeen") + "\nThe mayor said she hoped for a quick settlement."
OWN = (
    "A strike closed the Halvergate docks this week as workers and managers failed to agree on wages.\n"
    "Ships queued off the coast while the union and the authority traded blame in public statements."
)


def article(aid, text, day):
    return Article(id=aid, source=aid, raw_text=text, text=text, outlet=aid, published=dt.date(2025, 10, day))


def test_a_reprint_of_wire_copy_is_flagged_as_a_copy_and_an_independent_story_is_not():
    wire, reprint, own = article("wire", WIRE, 13), article("daily", REPRINT, 14), article("own", OWN, 14)
    notes, related = origin_notes([wire, reprint, own])
    assert related == {frozenset(("wire", "daily"))}
    assert [n.kind for n in notes["daily"]] == ["origin"]
    assert "wire" in notes["daily"][0].message and "copy" in notes["daily"][0].message
    assert notes["wire"] == [] and notes["own"] == []


def test_agreement_between_a_copy_and_its_source_is_marked_shared_origin():
    def finding(*ids):
        evidence = tuple(Evidence(i, "x", 0, 1, 0, 1) for i in ids)
        return Finding("corroborated", "s", evidence)

    related = {frozenset(("wire", "daily"))}
    copied, independent = mark_shared_origin([finding("wire", "daily"), finding("wire", "own")], related)
    assert copied.shared_origin and not independent.shared_origin


def test_outlets_quoting_one_statement_and_naming_one_body_are_not_copies():
    # the same statement quoted word for word, and a long name, are written alike by everyone
    first = (
        "The Halvergate Port Authority Board of Harbour Commissioners met in closed session on Monday.\n"
        "“We will not sign any agreement that puts the future of this port at risk,” the chairwoman said.\n"
        "Talks are expected to resume later in the week."
    )
    second = (
        "Negotiators left the table again, a day after the Halvergate Port Authority Board of Harbour "
        "Commissioners rejected the union's offer.\n"
        "Its chairwoman told reporters: “We will not sign any agreement that puts the future of this port at risk.”"
    )
    notes, related = origin_notes([article("first", first, 13), article("second", second, 14)])
    assert related == set() and notes == {"first": [], "second": []}
    assert not shares_wording([first, second])
    assert shares_wording([WIRE, REPRINT])


def test_a_text_of_short_lines_whose_words_another_reprints_is_no_copy_and_no_error():
    # every line under eight words, so no paragraph of its own can repeat the other; the other, one
    # paragraph, repeats its lines run together
    lines = "Dockworkers walked off their jobs.\nTalks over wages broke down.\nShips waited."
    longer = "Dockworkers walked off their jobs. Talks over wages broke down on Sunday, the union said."
    notes, related = origin_notes([article("lines", lines, 14), article("longer", longer, 13)])
    assert related == set() and notes == {"lines": [], "longer": []}
