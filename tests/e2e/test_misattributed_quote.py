"""The same quotation given to different people by different sources is a conflict over who said it."""

import pytest

import crosswire

LEAD = ("Published: 3 Mar. 2026\nDockworkers at the Port of Valdor ended a nine-day strike on Tuesday after the "
        "union and the port authority agreed on a new contract.\n")
QUOTE = "\u201cThis agreement gives our members the security they have fought for since January,\u201d"


def story(tmp_path, name, attribution, before=""):
    path = tmp_path / f"{name}.txt"
    path.write_text(f"Valdor strike ends\n{LEAD}{before}{QUOTE} {attribution}.\n", encoding="utf-8")
    return path


def speaker_conflicts(paths, nlp):
    comparison = crosswire.compare(paths, nlp=nlp)
    return comparison, [f for f in comparison.findings if f.verdict == "conflicting" and f.slot == "speaker"]


def test_one_quotation_given_to_two_people_is_a_conflict_with_each_source_and_speaker(tmp_path, nlp):
    paths = [story(tmp_path, "a", "said union president Marta Lindqvist"),
             story(tmp_path, "b", "port authority chief Henrik Sol told reporters"),
             story(tmp_path, "c", "Marta Lindqvist, the union's president, said")]
    comparison, [conflict] = speaker_conflicts(paths, nlp)
    assert [e.value for e in conflict.evidence] == ["Marta Lindqvist", "Henrik Sol", "Marta Lindqvist"]
    assert conflict.statement.startswith("speaker: Marta Lindqvist vs Henrik Sol: \u201cThis agreement gives")
    for e in conflict.evidence:
        text = comparison.article(e.article_id).text
        assert text[e.start : e.end] == e.text and "This agreement" in e.text
        assert e.value in text[e.value_start : e.value_end]  # the speaker is marked in the sentence


@pytest.mark.parametrize(
    "other",
    [
        "Lindqvist said",  # the surname alone
        # two speakers, whom sources list in either order (the quote's speaker is the first named)
        "Henrik Sol and Marta Lindqvist said in a joint statement",
    ],
)
def test_one_person_named_two_ways_or_a_joint_statement_is_no_conflict(tmp_path, nlp, other):
    paths = [story(tmp_path, "a", "said union president Marta Lindqvist"), story(tmp_path, "b", other)]
    assert speaker_conflicts(paths, nlp)[1] == []


def test_a_pronoun_speaker_and_different_words_are_not_compared(tmp_path, nlp):
    named = story(tmp_path, "a", "said union president Marta Lindqvist")
    pronoun = story(tmp_path, "b", "he said", before="Port authority chief Henrik Sol spoke after the vote.\n")
    assert speaker_conflicts([named, pronoun], nlp)[1] == []
    other_words = tmp_path / "c.txt"
    other_words.write_text(f"Valdor strike ends\n{LEAD}\u201cThe port will be working at full speed by the weekend "
                           "and every delayed ship will be served,\u201d said port authority chief Henrik Sol.\n",
                           encoding="utf-8")
    assert speaker_conflicts([named, other_words], nlp)[1] == []
