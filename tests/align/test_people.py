import pytest

from crosswire.align.people import people_summary, person_findings, same_name
from crosswire.model import Analysis, Article, Entity


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kim Yong-beom", "KIM YONG-BEOM"),
        ("Kim Yong-beom", "Kim Yongbeom"),
        ("Lee Jae Myung", "Lee Jae-myung"),
        ("Ana Núñez", "Ana Nunez"),
        ("Mr. Ortega", "Ortega"),
    ],
)
def test_spellings_of_one_name_are_one_person(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a, b", [("Kim Yong-beom", "Kim Jung-kwan"), ("Lee Jae Myung", "Lee Min-ho")])
def test_people_sharing_a_surname_stay_apart(a, b):
    assert not same_name(a, b)


def test_a_title_written_in_full_and_then_short_is_one_role():
    text = "U.S. President Donald Trump spoke. President Trump left. Chief economist Ana Ruiz and economist Ruiz."
    article = Article(id="a", source="a.txt", raw_text=text, text=text, outlet="A")
    entities = (
        Entity(15, 27, "Donald Trump", "PERSON", "Donald Trump", ("U.S. President",)),
        Entity(45, 50, "Trump", "PERSON", "Donald Trump", ("President",)),
        Entity(73, 81, "Ana Ruiz", "PERSON", "Ana Ruiz", ("Chief economist",)),
        Entity(95, 99, "Ruiz", "PERSON", "Ana Ruiz", ("economist", "party chief")),
    )
    people = {p.name: p for p in people_summary([article], [Analysis(text=text, entities=entities)])}
    trump, ruiz = people["Donald Trump"], people["Ana Ruiz"]
    assert trump.roles == {"a": ("U.S. President",)}
    # a shorter title that is not the end of the longer one is another role
    assert ruiz.roles == {"a": ("Chief economist", "party chief")}


def test_an_outlet_named_in_a_text_is_an_organisation_not_a_person_it_names():
    text_a = "Fourteen ships were waiting, according to data compiled by Harbour Wire."
    text_b = "Seventeen ships were waiting at anchor."
    a = Article(id="a", source="a.txt", raw_text=text_a, text=text_a, outlet="Harbour Wire")
    b = Article(id="b", source="b.txt", raw_text=text_b, text=text_b, outlet="Daily")
    wire = Entity(59, 71, "Harbour Wire", "PERSON", "Harbour Wire")  # the model's mistake
    analyses = [Analysis(text=text_a, entities=(wire,)), Analysis(text=text_b)]
    (summary,) = people_summary([a, b], analyses)
    assert summary.label == "ORG"
    assert person_findings([a, b], analyses) == []


def test_an_organisation_and_its_initials_are_one_row():
    text_a = "The US Food and Drug Administration approved the drug."
    text_b = "The FDA approved it. The FAA did not comment."
    a = Article(id="a", source="a.txt", raw_text=text_a, text=text_a, outlet="A")
    b = Article(id="b", source="b.txt", raw_text=text_b, text=text_b, outlet="B")
    analyses = [
        Analysis(text=text_a, entities=(Entity(4, 35, "US Food and Drug Administration", "ORG",
                                               "US Food and Drug Administration"),)),
        Analysis(text=text_b, entities=(Entity(4, 7, "FDA", "ORG", "FDA"), Entity(25, 28, "FAA", "ORG", "FAA"))),
    ]
    rows = {p.name: p for p in people_summary([a, b], analyses)}
    assert set(rows) == {"US Food and Drug Administration", "FAA"}
    assert rows["US Food and Drug Administration"].variants == ("FDA",)
    assert rows["US Food and Drug Administration"].mentions == {"a": 1, "b": 1}


def test_an_acronym_older_than_its_name_and_a_country_in_front_are_one_row():
    names = ["Centers for Disease Control and Prevention", "CDC", "U.S. Food and Drug Administration",
             "Food and Drug Administration", "FDA"]
    text = ". ".join(names)
    starts = [text.index(n) for n in names]
    entities = tuple(Entity(s, s + len(n), n, "ORG", n) for s, n in zip(starts, names))
    a = Article(id="a", source="a.txt", raw_text=text, text=text, outlet="A")
    rows = people_summary([a], [Analysis(text=text, entities=entities)])
    assert sorted(sorted((r.name,) + r.variants) for r in rows) == [
        ["CDC", "Centers for Disease Control and Prevention"],
        ["FDA", "Food and Drug Administration", "U.S. Food and Drug Administration"],
    ]


def test_an_entity_takes_the_label_most_of_its_mentions_have():
    text = "Acme said. Acme Inc. grew. Acme hired. Acme fired."
    labels = ["PERSON", "ORG", "ORG", "ORG"]
    starts = [i for i in range(len(text)) if text.startswith("Acme", i)]
    entities = tuple(Entity(s, s + 4, "Acme", label, "Acme") for s, label in zip(starts, labels))
    a = Article(id="a", source="a.txt", raw_text=text, text=text, outlet="A")
    (acme,) = people_summary([a], [Analysis(text=text, entities=entities)])
    assert acme.label == "ORG"  # the model's first guess was PERSON


def _aged(article_id: str, age: int, published=None):
    import datetime as dt

    text = f"Ferry captain Marta Lindqvist, {age}, was charged on Monday."
    article = Article(id=article_id, source=f"{article_id}.txt", raw_text=text, text=text, outlet=article_id.upper(),
                      published=dt.date.fromisoformat(published) if published else None)
    entity = Entity(14, 29, "Marta Lindqvist", "PERSON", "Marta Lindqvist", ("Ferry captain",), age=age)
    return article, Analysis(text=text, entities=(entity,))


def test_sources_that_give_a_person_different_ages_conflict_and_the_same_age_corroborates():
    from crosswire.align.people import age_findings

    (a, aa), (b, ab), (c, ac) = _aged("a", 54), _aged("b", 56), _aged("c", 54)
    (conflict,) = age_findings([a, b], [aa, ab])
    assert (conflict.verdict, conflict.slot, conflict.statement) == ("conflicting", "age", "age of Marta Lindqvist")
    texts = {"a": a.text, "b": b.text}
    assert [(e.article_id, e.value, texts[e.article_id][e.value_start : e.value_end]) for e in conflict.evidence] == [
        ("a", 54, "54"), ("b", 56, "56")]
    (agreed,) = age_findings([a, c], [aa, ac])
    assert agreed.verdict == "corroborated"


def test_ages_a_year_apart_in_time_are_not_held_against_each_other():
    from crosswire.align.people import age_findings

    (a, aa), (b, ab) = _aged("a", 54, "2024-01-10"), _aged("b", 55, "2025-02-01")
    assert age_findings([a, b], [aa, ab]) == []


def test_a_name_with_a_middle_initial_and_without_is_one_person_unless_two_names_shorten_alike():
    (a, aa) = _named("a", "Dr. Hana K. Sato spoke.", "Hana K. Sato")
    (b, ab) = _named("b", "Hana Sato spoke.", "Hana Sato")
    (person,) = people_summary([a, b], [aa, ab])
    assert sorted(person.mentions) == ["a", "b"] and person_findings([a, b], [aa, ab]) == []
    # a father and a son who shorten to one name: neither is taken for the short one
    (c, ac) = _named("c", "Tom H. Reed and Tom W. Reed met Tom Reed.", "Tom H. Reed", "Tom W. Reed", "Tom Reed")
    assert len(people_summary([c], [ac])) == 3


def test_a_bare_surname_in_one_source_is_the_full_name_another_gives_unless_two_share_it():
    (a, aa), (b, ab) = _named("a", "Sato arrived.", "Sato"), _named("b", "Mayor Hana Sato arrived.", "Hana Sato")
    (person,) = people_summary([a, b], [aa, ab])
    assert (person.name in ("Hana Sato", "Sato"), sorted(person.mentions)) == (True, ["a", "b"])
    assert person_findings([a, b], [aa, ab]) == []
    (c, ac) = _named("c", "Hana Sato and Ken Sato arrived.", "Hana Sato", "Ken Sato")
    assert len(people_summary([a, c], [aa, ac])) == 3  # which Sato? neither


def test_a_surname_with_or_without_a_suffix_is_the_full_name_with_it():
    pairs = [_named("a", "District Attorney Lena Vance Jr. spoke.", "Lena Vance Jr."),
             _named("b", "Vance Jr. spoke.", "Vance Jr."), _named("c", "Vance spoke.", "Vance", label="ORG")]
    (person,) = people_summary([a for a, _ in pairs], [x for _, x in pairs])
    assert (person.name, sorted(person.mentions)) == ("Lena Vance Jr.", ["a", "b", "c"])
    # a surname with its particle ("Lo Presti", "de Blasio") is one surname
    pairs = [_named("a", "Police held Marco Lo Presti on Monday.", "Marco Lo Presti"),
             _named("b", "Lo Presti was held.", "Lo Presti")]
    (person,) = people_summary([a for a, _ in pairs], [x for _, x in pairs])
    assert (person.name, sorted(person.mentions)) == ("Marco Lo Presti", ["a", "b"])


def test_a_short_given_name_and_the_full_one_are_one_person_with_every_other_form():
    pairs = [_named("a", "Senator Charles E. Ferro spoke.", "Charles E. Ferro"),
             _named("b", "Chuck Ferro spoke.", "Chuck Ferro"), _named("c", "Ferro spoke.", "Ferro"),
             _named("d", "Charles Ferro spoke.", "Charles Ferro")]
    (person,) = people_summary([a for a, _ in pairs], [x for _, x in pairs])
    assert sorted(person.mentions) == ["a", "b", "c", "d"]
    pairs = [_named("a", "Police Commissioner Ray Ferro spoke.", "Ray Ferro"),
             _named("b", "Commissioner Raymond Ferro spoke.", "Raymond Ferro")]
    (person,) = people_summary([a for a, _ in pairs], [x for _, x in pairs])
    assert sorted(person.mentions) == ["a", "b"]
    # two middle initials: a father and a son, whichever the short form means
    pairs = [_named("a", "Tom H. Reed spoke.", "Tom H. Reed"), _named("b", "Thomas W. Reed spoke.", "Thomas W. Reed")]
    assert len(people_summary([a for a, _ in pairs], [x for _, x in pairs])) == 2


def _named(article_id, text, *names, label="PERSON"):
    """An article naming these people (or entities of `label`), and its analysis."""
    entities = tuple(Entity(text.index(n), text.index(n) + len(n), n, label, n) for n in names)
    return Article(id=article_id, source=f"{article_id}.txt", raw_text=text, text=text, outlet=article_id), \
        Analysis(text=text, entities=entities)


def test_a_bare_surname_the_model_took_for_an_organisation_is_the_person():
    (a, aa) = _named("a", "Secretary Ana Mayor spoke.", "Ana Mayor")
    (b, ab) = _named("b", "Mayor said the border was closed.", "Mayor", label="ORG")
    (person,) = people_summary([a, b], [aa, ab])
    assert (person.label, sorted(person.mentions)) == ("PERSON", ["a", "b"])


def test_a_one_word_person_that_names_a_company_another_source_gives_in_full_is_that_company():
    (a, aa) = _named("a", "Norvik said the trial went well.", "Norvik")  # the model's PERSON
    (b, ab) = _named("b", "Norvik Inc said on Monday the trial went well.", "Norvik Inc", label="ORG")
    (company,) = people_summary([a, b], [aa, ab])
    assert (company.label, sorted(company.mentions)) == ("ORG", ["a", "b"])


def test_initials_that_keep_the_of_name_the_organisation():
    (a, aa) = _named("a", "The Board of Elections said the count was wrong.", "Board of Elections", label="ORG")
    (b, ab) = _named("b", "The BOE said the count was wrong.", "BOE", label="ORG")
    (board,) = people_summary([a, b], [aa, ab])
    assert sorted(board.mentions) == ["a", "b"]


def test_a_person_one_source_names_is_listed_by_name_then_role():
    text_a = "Maya Ortiz, a former counsel to the harbour board, follows with 22 percent."
    text_b = "The count goes on."
    a = Article(id="a", source="a.txt", raw_text=text_a, text=text_a, outlet="Daily")
    b = Article(id="b", source="b.txt", raw_text=text_b, text=text_b, outlet="Wire")
    ortiz = Entity(0, 10, "Maya Ortiz", "PERSON", "Maya Ortiz", roles=("former counsel to the harbour board",))
    (finding,) = person_findings([a, b], [Analysis(text=text_a, entities=(ortiz,)), Analysis(text=text_b)])
    assert finding.statement == "names Maya Ortiz (former counsel to the harbour board)"


def test_a_name_another_source_gives_under_another_label_is_not_named_by_one_source_alone():
    (a, aa) = _named("a", "The vaccine developed by Halcorp was approved.", "Halcorp")  # the model's slip
    text = "Halcorp said the vaccine works. Tom Reed, a nurse, agreed."
    (b, ab), (_, company) = _named("b", text, "Tom Reed"), _named("b", text, "Halcorp", label="ORG")
    ab = Analysis(text=text, entities=company.entities + ab.entities)
    assert [f.statement for f in person_findings([a, b], [aa, ab])] == ["names Tom Reed"]


def test_a_person_another_source_writes_but_the_model_missed_is_not_named_by_one_source_alone():
    (a, aa) = _named("a", "Mayor Ines Carvalho urged a quick settlement.")  # the model tagged no one here
    (b, ab) = _named("b", "Mayor Ines Carvalho called on both sides to talk. Tom Reed, a nurse, agreed.",
                     "Ines Carvalho", "Tom Reed")
    assert [f.statement for f in person_findings([a, b], [aa, ab])] == ["names Tom Reed"]


def test_a_full_name_another_source_writes_untagged_counts_as_a_mention_there():
    (a, aa) = _named("a", "Mayor Ines Carvalho urged a quick settlement.")  # the model tagged no one here
    (b, ab) = _named("b", "Mayor Ines Carvalho called on both sides to talk.", "Ines Carvalho")
    (person,) = people_summary([a, b], [aa, ab])
    assert person.mentions == {"a": 1, "b": 1}


@pytest.mark.parametrize(("names", "rows"), [
    # outlets transliterate a name differently: one person, under the spelling more mentions use
    (["Zabihullah Mujahid", "Zabiullah Mujahid", "Zabihullah Mujahid"], ["Zabihullah Mujahid"]),
    (["Raman Pratasevich", "Roman Protasevich", "Raman Pratasevich"], ["Raman Pratasevich"]),
    # a short word a letter apart is another name; two letters apart in one word, another person
    (["Dan Brown", "Don Brown"], ["Dan Brown", "Don Brown"]),
    (["Ellen Marsh", "Ellis March"], ["Ellen Marsh", "Ellis March"]),
])
def test_a_name_spelled_a_letter_apart_by_another_source_is_one_person(names, rows):
    pairs = [_named(str(k), f"{name} spoke on Monday.", name) for k, name in enumerate(names)]
    people = people_summary([a for a, _ in pairs], [x for _, x in pairs])
    assert sorted(p.name for p in people) == rows


def test_two_names_a_letter_apart_in_one_article_are_two_people():
    pairs = [_named("a", "Latonya Brown and Latoya Brown spoke.", "Latonya Brown", "Latoya Brown"),
             _named("b", "Latoya Brown spoke.", "Latoya Brown")]
    assert len(people_summary([a for a, _ in pairs], [x for _, x in pairs])) == 2


def test_a_bare_surname_an_article_keeps_apart_from_the_full_name_stays_apart():
    # the entity rules left "Mr. Lopez" apart from "the first lady, Maria Lopez": no source's row joins them
    pairs = [_named("a", "Mr. Lopez met the first lady, Maria Lopez.", "Lopez", "Maria Lopez"),
             _named("b", "Lopez spoke.", "Lopez")]
    summary = people_summary([a for a, _ in pairs], [x for _, x in pairs])
    assert sorted((p.name, sorted(p.mentions)) for p in summary) == [("Lopez", ["a", "b"]), ("Maria Lopez", ["a"])]
