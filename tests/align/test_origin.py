import datetime as dt

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
