"""Entities: labels fixed by rules, canonical names, roles at each mention."""

from __future__ import annotations

import pytest

from crosswire.analyze.entities import canonical_name, find_entities, same_person
from crosswire.analyze.nlp import load_nlp
from crosswire.errors import ModelError
from crosswire.model import Entity


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Kim Yong-beom", "Kim Yongbeom", True),
        ("Kim Yong-beom", "KIM YONG-BEOM", True),
        ("Lee Jae Myung", "Lee Jae-myung", True),
        ("President Lee Jae-myung", "Lee Jae Myung", True),
        ("Kim Yong-beom", "Kim Jung-kwan", False),
        ("Park Soo-min", "Park Soomin's", True),
        ("Kim", "Kim Yong-beom", False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) is same


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Trade Minister Park Soo-min", "Park Soo-min"),
        ("U.S. Energy Secretary Ellen Marsh's", "Ellen Marsh"),
        ("Mr. Daniel Ortega", "Daniel Ortega"),
        ("PARK SOO-MIN", "Park Soo-min"),
        ("the United Nations", "United Nations"),
        ("NATO", "NATO"),
        ("The Justice Department", "Justice Department"),  # a title word that names a body is no title
        ("Chief Justice Ana Ruiz", "Ana Ruiz"),
    ],
)
def test_canonical_name(name, canonical):
    assert canonical_name(name) == canonical


def test_a_bodys_canonical_name_is_the_body_after_a_title_the_model_ran_in():
    assert canonical_name("Chair of the Federation of Harbor Pilots", person=False) == "Federation of Harbor Pilots"


def test_load_nlp_is_cached_and_missing_model_says_how_to_install(nlp):
    assert load_nlp() is nlp
    with pytest.raises(ModelError, match="pip install no_such_model_xyz"):
        load_nlp("no_such_model_xyz")


def _people(entities: list[Entity]) -> list[Entity]:
    return [e for e in entities if e.label == "PERSON"]


def _mention(entities: list[Entity], text: str, nth: int = 0) -> Entity:
    return [e for e in entities if e.text == text][nth]


SHARED_SURNAME = (
    "Trade Minister Park Soo-min met Park Ji-hoon, the central bank governor, on Monday.\n"
    "Park Soo-min later flew to Tokyo. Park said the talks had gone well.\n"
    "Opposition leader Park Dong-wook criticised the trip. Park called it a waste of time."
)


def test_bare_surname_resolves_to_most_recent_full_name(analyse):
    _, entities, _ = analyse(SHARED_SURNAME)
    bare = [e for e in _people(entities) if e.text == "Park"]
    assert [e.name for e in bare] == ["Park Soo-min", "Park Dong-wook"]


def test_the_last_two_words_of_a_longer_name_are_that_name(analyse):
    _, entities, _ = analyse("Mayor Daniella Levine Cava closed the beaches. "
                             "Levine Cava said they would reopen on Monday.")
    assert [e.name for e in _people(entities)] == ["Daniella Levine Cava", "Daniella Levine Cava"]


def test_mr_before_a_surname_is_not_the_woman_named_in_full(analyse):
    text = ("The campaign plans to employ Mr. Lopez and the first lady, Maria Lopez, in the fall. "
            "Mr. Lopez said turnout matters. Mrs. Lopez agreed. The crowd was small, President Lopez said.")
    _, entities, _ = analyse(text)
    assert [(e.text, e.name) for e in _people(entities)] == [
        ("Lopez", "Lopez"), ("Maria Lopez", "Maria Lopez"), ("Lopez", "Lopez"), ("Lopez", "Maria Lopez"),
        ("Lopez", "Lopez")]  # once "Mr." has set her apart, a bare "President Lopez" is not hers either


def test_a_surname_with_its_particle_resolves_to_the_full_name(analyse):
    _, entities, _ = analyse("The explosion that Mayor Bill de Blasio described as deliberate hurt nine people. "
                             "De Blasio said it was too early to tell.")
    assert [e.name for e in _people(entities)] == ["Bill de Blasio", "Bill de Blasio"]


@pytest.mark.parametrize(
    ("text", "mention", "roles"),
    [
        (SHARED_SURNAME, "Park Soo-min", ("Trade Minister",)),
        (SHARED_SURNAME, "Park Ji-hoon", ("central bank governor",)),
        (SHARED_SURNAME, "Park Dong-wook", ("Opposition leader",)),
        (
            "U.S. Energy Secretary Ellen Marsh arrived in Oslo on Tuesday.",
            "Ellen Marsh",
            ("U.S. Energy Secretary",),
        ),
        (
            "Tom Reyes, Brazil's deputy foreign minister, said nothing.",
            "Tom Reyes",
            ("Brazil's deputy foreign minister",),
        ),
        (
            "The delegation included Maria Lopez, Chief Negotiator for Agriculture; "
            "Finance Minister Luis Vega; and others.",
            "Maria Lopez",
            ("Chief Negotiator for Agriculture",),
        ),
        (
            "Lina Ortiz, who led the delegation, said the talks were useful.",
            "Lina Ortiz",
            (),
        ),
        # a no-break space inside the title, as web pages print it; "acting" read as a verb
        ("The board met former\xa0Energy Secretary Ellen Marsh on Tuesday.", "Ellen Marsh",
         ("former Energy Secretary",)),
        ("The memo came from acting Assistant Attorney General Ellen Marsh.", "Ellen Marsh",
         ("acting Assistant Attorney General",)),
        # a title with a long relative clause after it
        ("The suit was filed by Marcus Webb, a former county attorney in Maine who now runs a ferry service "
         "between the islands off the coast.", "Marcus Webb", ("former county attorney in Maine",)),
        # a paragraph's last full stop is no part of the title; a page cut inside one says so
        ("Council members voted on Monday to name the pier after Helen Brooks, the first county attorney in Maine."
         "\nThe vote was 9 to 2. Seven members voted with the mayor.", "Helen Brooks",
         ("first county attorney in Maine",)),
        ("The report quoted Marcus Webb, chief economist at the Harbour Bank...", "Marcus Webb",
         ("chief economist at the Harbour Bank…",)),
        # a title with "of" in it, and a word of kin after a possessor
        ("Grant died at home on Sunday, his longtime chief of staff Nora Quill said.", "Nora Quill",
         ("longtime chief of staff",)),
        ("Secretary of State Ellen Marsh flew to Oslo.", "Ellen Marsh", ("Secretary of State",)),
        ("He died surrounded by his wife Clara Dunmore and their children.", "Clara Dunmore", ("wife",)),
        ("The council heard from the widow, who sat beside Clara Dunmore.", "Clara Dunmore", ()),
        # ...and set beside the name after it
        ("\"We will walk again,\" Ellen Marsh, Tony Marsh's sister, said on Friday.", "Ellen Marsh",
         ("Tony Marsh's sister",)),
        ("Omar Reyes, the victim's younger brother, said the family was grateful.", "Omar Reyes",
         ("victim's younger brother",)),
        ("Omar Reyes, his son's teacher, said the boy was kind.", "Omar Reyes", ()),
        # a title set beside the name before it
        ("A lawsuit was filed against the physician, Dr. Omar Reyes, in Travis County.", "Omar Reyes",
         ("physician",)),
        ("They wrote to the Green nominee for governor, Omar Reyes.", "Omar Reyes", ("Green nominee for governor",)),
        ("After meeting the president, Omar Reyes, a banker, said no.", "Omar Reyes", ()),
        ("They met the wife of the president, Clara Dunmore.", "Clara Dunmore", ()),
        ("They thanked the senator, Omar Reyes and Ana Ruiz.", "Omar Reyes", ()),
        # sport's roles; an organisation's name with "of" in it before the title
        ("The fight was stopped by referee Tony Marsh in the seventh round.", "Tony Marsh", ("referee",)),
        ("The club hired GM Tony Marsh in May.", "Tony Marsh", ("GM",)),
        ("Republican vice-presidential nominee Gov. Tony Marsh spoke.", "Tony Marsh",
         ("Republican vice-presidential nominee Gov.",)),
        # a word the writer left out ("investigation [of] former ..."): the common noun before is no part of the title
        ("He is a witness in the committee's investigation former Secretary of State Ellen Marsh opposed.",
         "Ellen Marsh", ("former Secretary of State",)),
        ("The Hawks rallied late. Cornerback Omar Reyes intercepted a pass.", "Omar Reyes", ("Cornerback",)),
        ("Rovers quarterback Omar Reyes threw for 300 yards.", "Omar Reyes", ("Rovers quarterback",)),
        # a position inside what the model tagged: the name after it, a person
        ("Notes: Hawks WR Tony Marsh (left knee) and DT Omar Reyes (left foot) left with injuries.", "Tony Marsh",
         ("Hawks WR",)),
        ("House of Representatives Speaker Ellen Marsh spoke on Monday.", "Ellen Marsh",
         ("House of Representatives Speaker",)),
        # "and" inside a body's name in a title, or between two words in lower case
        ("Health and Human Services Secretary Omar Reyes spoke on Monday.", "Omar Reyes",
         ("Health and Human Services Secretary",)),
        ("The team thanked strength and conditioning coach Omar Reyes.", "Omar Reyes",
         ("strength and conditioning coach",)),
        ("Omar Reyes and Education Secretary Ellen Marsh spoke.", "Ellen Marsh", ("Education Secretary",)),
        ("Crowds cheered neighbors and welcomed President Omar Reyes.", "Omar Reyes", ("President",)),
        # the next person of a list, with a title of their own, is no title; a description naming someone is
        ("The mayor thanked Omar Reyes, the city's deputy director Ellen Marsh, and the staff.", "Omar Reyes", ()),
        ("The court heard from Clara Dunmore, daughter of court reporter Ellen Marsh.", "Clara Dunmore",
         ("daughter of court reporter Ellen Marsh",)),
    ],
)
def test_roles(analyse, text, mention, roles):
    _, entities, _ = analyse(text)
    assert _mention(entities, mention).roles == roles


def test_an_owner_and_a_year_are_no_organisation(analyse):
    _, entities, _ = analyse("Pelosi rejected Trump’s 2017 tax law.")
    assert not [e for e in entities if e.label == "ORG"]


def test_a_team_before_a_players_position_stays_an_organisation(analyse):
    _, entities, _ = analyse("The game was close.\nSaints quarterback Omar Reyes understands.")
    assert [(e.name, e.label) for e in entities] == [("Saints", "ORG"), ("Omar Reyes", "PERSON")]


def test_surname_tagged_as_organisation_becomes_person(analyse):
    text = (
        "Donald Trump arrived in Seoul on Wednesday. Officials said Trump would meet "
        "business leaders. President Trump also plans to visit Busan."
    )
    _, entities, _ = analyse(text)
    trumps = [e for e in entities if e.text == "Trump"]
    assert trumps and all(e.label == "PERSON" and e.name == "Donald Trump" for e in trumps)


def test_photo_credit_and_headline_fragments_are_not_entities(analyse):
    text = (
        "Key Elements of the Steel Deal\n"
        "Minister Jung Hae-in speaks to reporters in Seoul on Monday. [LEE MIN-HO]\n"
        "The ministry said AI tools would help the U.S. and Korea track shipments."
    )
    _, entities, _ = analyse(text)
    texts = {e.text for e in entities}
    assert "Key Elements" not in texts
    assert not any("LEE" in t for t in texts)
    assert not any(e.text == "AI" and e.label == "GPE" for e in entities)


def test_entities_slice_to_their_text(analyse):
    doc, entities, _ = analyse(SHARED_SURNAME)
    assert entities
    for entity in entities:
        assert doc.text[entity.start : entity.end] == entity.text


def test_seed_000_roles(analyse, seed_text):
    _, entities, _ = analyse(seed_text("000"))
    kim = [e for e in entities if e.name == "Kim Yong-beom"]
    assert "Korea's presidential policy director" in kim[0].roles
    assert _mention(entities, "Kim Jung-kwan").roles == ("Industry Minister",)
    assert _mention(entities, "Kim Jong-un").roles == ("North Korean leader",)
    assert _mention(entities, "Howard Lutnick").roles == ("U.S. Commerce Secretary",)


def test_seed_002_roles(analyse, seed_text):
    _, entities, _ = analyse(seed_text("002"))
    assert "Presidential Chief of Staff for Policy" in _mention(entities, "Kim Yong-beom").roles
    assert "Finance Minister" in _mention(entities, "Koo Yun-cheol").roles
    lee = [e for e in entities if e.name == "Lee Jae Myung"]
    assert any("President" in e.roles or "South Korean President" in e.roles for e in lee)
    texts = {e.text for e in entities}
    assert "Key Elements" not in texts and "U.S. Seeks" not in texts


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the model runs a name on past its possessive into what is owned (a maker, before its product)
        ("Sanofi’s COVID-19 booster was delayed until the spring.", ["Sanofi"]),
        # ... or takes a plural noun opening the sentence, possessive and all, for a person
        ("Children’s Covid cases remain high with 243,000 new infections.", []),
        ("The Moderna COVID-19 vaccine is safe.", ["Moderna"]),  # no name holds a digit
    ],
)
def test_a_possessive_ends_a_persons_name(analyse, text, names):
    _, entities, _ = analyse(text)
    assert [e.name for e in entities if e.label in ("PERSON", "ORG")] == names


def test_a_disease_is_no_entity(analyse):
    _, entities, _ = analyse("Visitors must be vaccinated against COVID-19, the ministry said.")
    assert entities == []


def test_a_union_local_and_a_terminal_keep_their_names(analyse):
    # the model stops the name at "Workers'" in the first line and at "Local" in the last
    text = ("Some 2,400 members of the Harbor Workers' Union Local 14 went on strike.\n"
            "Members rallied outside Terminal C on Friday.\n"
            "The Harbor Workers' Union Local 14 said the rally would go on.")
    _, entities, _ = analyse(text)
    assert [e.name for e in entities if e.label == "ORG"] == ["Harbor Workers' Union Local 14"] * 2
    assert [(e.name, e.label) for e in entities if "Terminal" in e.name] == [("Terminal C", "FAC")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the model stops at the nickname, or starts a second name inside it
        ('Mob boss Anthony "The Hammer" Russo died in prison on Monday.', "Anthony Russo"),
        ('The delegate, Dana "Dee" Moreno (D-Porto), spoke first.', "Dana Moreno"),
        ('Rep. Thomas J. "Tommy" Hale spoke at the rally.', "Thomas J. Hale"),
    ],
)
def test_a_nickname_is_part_of_the_name_and_left_out_of_its_canonical_form(analyse, text, name):
    _, entities, _ = analyse(text)
    assert [e.name for e in entities if e.label == "PERSON"] == [name]


def test_a_quotation_mark_opens_no_name(analyse):
    _, entities, _ = analyse('Critics have called the four lawmakers the "Squad" since 2019.')
    assert all(not e.name.startswith(('"', "the")) for e in entities)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Marta Lindqvist, 54, was charged on Monday.", 54),
        ("The fire was reported by Marta Lindqvist, 54, of Portvale, who lives nearby.", 54),
        ("The fire was reported by Marta Lindqvist, 54.", 54),
        ("The count went to Marta Lindqvist, 54 votes to 40.", None),  # a tally, not an age
        ("Marta Lindqvist, 2019's winner, spoke first.", None),
    ],
)
def test_a_number_between_commas_after_a_persons_name_is_their_age(analyse, text, age):
    _, entities, _ = analyse(text)
    (person,) = [e for e in entities if e.label == "PERSON"]
    assert person.age == age


def test_a_title_before_a_form_of_address_is_the_persons_role(analyse):
    _, entities, _ = analyse("The officials, port director Dr. Hana Sato and deputy mayor Mr. Ivo Petrov, met on Friday.")
    assert [(e.name, e.roles) for e in entities if e.label == "PERSON"] == [
        ("Hana Sato", ("port director",)), ("Ivo Petrov", ("deputy mayor",))]


def test_a_bill_number_is_no_person(analyse):
    _, entities, _ = analyse("The House passed H. Res. 601 and the Senate took up S. Con. Res. 14, said Nancy Pelosi.")
    assert [e.name for e in entities if e.label == "PERSON"] == ["Nancy Pelosi"]
    _, entities, _ = analyse("Highlighting the sharply partisan debate surrounding Senate Bill 90, passed by state "
                             "lawmakers last week, the governor barred reporters.")
    assert "Bill" not in {e.name for e in entities}


@pytest.mark.parametrize("text", [
    "The school board association letter went out on Monday.",
    # the model takes "the" before a no-break space for a name of its own
    "The coach should step down and, if the\u00a0Washington Times\u00a0story\u00a0holds up, be dismissed.",
])
def test_a_name_has_a_capital_past_its_article(analyse, text):
    _, entities, _ = analyse(text)
    assert all(any(ch.isupper() for ch in e.name) for e in entities), [e.name for e in entities]


def test_an_organisation_in_capitals_keeps_them_and_a_person_in_capitals_is_title_cased():
    from crosswire.analyze.entities import canonical_name

    assert canonical_name("USA TODAY", person=False) == "USA TODAY"
    assert canonical_name("KIM YONG-BEOM") == "Kim Yong-beom"


def test_a_one_word_person_naming_a_company_the_text_gives_in_full_is_an_organisation(analyse):
    _, entities, _ = analyse("Moderna Inc said the booster works. Moderna will ask regulators next week.")
    assert {(e.name, e.label) for e in entities} == {("Moderna Inc", "ORG"), ("Moderna", "ORG")}


@pytest.mark.parametrize("text", [
    "The shooting began about 6:30 a.m. Pacific Time (1330 GMT) at a rail yard in San Jose.",
    "Crews arrived around 1:30 a.m. ET, and more would come, officials said.",
    "They will be happy to be living within our framework of Sharia, he said.",  # a body of law
])
def test_a_time_zone_or_a_body_of_law_is_no_name(analyse, text):
    _, entities, _ = analyse(text)
    assert not {"GMT", "ET", "Sharia"} & {e.name for e in entities}


def test_a_platform_or_outlet_the_model_takes_for_a_person_is_an_organisation(analyse):
    _, entities, _ = analyse("The mayor wrote on Twitter that the vote was fair, and Politico reported it.")
    assert {e.name: e.label for e in entities if e.name in ("Twitter", "Politico")} == {
        "Twitter": "ORG", "Politico": "ORG"}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Port officials, helped by the gun-control group Brady United, filed a lawsuit.", "Brady United", "ORG"),
    ("The union president Marta Lindqvist said the deal was fair.", "Marta Lindqvist", "PERSON"),
    ("Border Patrol agents made more than a million arrests this year.", "Border Patrol", "ORG"),  # its staff
])
def test_a_name_beside_a_noun_for_a_body_or_its_staff_is_an_organisation(analyse, text, name, label):
    _, entities, _ = analyse(text)
    assert {e.name: e.label for e in entities}[name] == label


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Teenagers can now get the Pfizer-BioNTech vaccine, the agency said.", "Pfizer-BioNTech", "ORG"),
    ("Mitch McConnell and Ron DeSantis spoke in Miami on Monday.", "Ron DeSantis", "PERSON"),
])
def test_a_name_written_as_a_brand_is_an_organisation(analyse, text, name, label):
    _, entities, _ = analyse(text)
    assert {e.name: e.label for e in entities}[name] == label


@pytest.mark.parametrize(("text", "names"), [
    ("Martin Luther King Jr. spoke in the harbor town.", {"Martin Luther King Jr.": "PERSON"}),  # no king's title
    # the bare surname is the full name's
    ("Harbor Chief Peter Olsen Jr. spoke on Monday. Olsen said the port would reopen.", {"Peter Olsen Jr.": "PERSON"}),
    ("Similarly, Chula Vista, California, reached 89 degrees Fahrenheit.",
     {"Chula Vista": "GPE", "California": "GPE"}),  # a place and its state; a temperature scale is no name
    # a body's name runs on over "and"; two places joined by a hyphen before "border" are no organisation
    ("Arrests rose at the U.S.-Mexico border, according to new Customs and Border Protection figures.",
     {"Customs and Border Protection": "ORG"}),
    # a name the model ends inside an opening bracket ends before it
    ("Cases rose among children, according to the latest data from the American Academy of Pediatrics (AAP).",
     {"American Academy of Pediatrics": "ORG"}),
])
def test_name_suffixes_places_with_their_state_and_scales(analyse, text, names):
    _, entities, _ = analyse(text)
    assert {e.name: e.label for e in entities} == names


@pytest.mark.parametrize(("text", "name"), [
    ("The drug, Molvera, cut hospital stays by a third.", "Molvera"),  # the model's place
    ("Regulators approved the drug Talmora on Monday.", "Talmora"),  # the model's person
    ("The corporal operates the Patriot missile battery near the port.", "Patriot"),  # a weapon's name
])
def test_a_name_beside_a_word_for_a_product_is_no_person_or_place(analyse, text, name):
    _, entities, _ = analyse(text)
    assert name not in {e.name for e in entities}


def test_no_break_spaces_read_as_spaces_and_offsets_stay(analyse):
    # web pages put no-break spaces inside names and titles; the parser reads them as spaces,
    # and every offset still slices the text as given
    from crosswire.analyze import analyze_text

    text = "On Monday\xa0California\xa0Gov. Ellen Marsh\xa0signed the budget."
    analysis = analyze_text(text)
    marsh = [e for e in analysis.entities if e.name == "Ellen Marsh"]
    assert [e.roles for e in marsh] == [("California Gov.",)]
    assert text[marsh[0].start : marsh[0].end] == "Ellen Marsh"


def test_the_parties_of_a_cited_court_case_are_no_entities(analyse):
    text = ("The state asked the justices to overrule Roe v. Wade and Planned Parenthood v. Casey in its brief "
            "in Dobbs v. Jackson Women's Health Organization. Vladimir V. Putin said nothing, and Planned "
            "Parenthood said it would fight.")
    _, entities, _ = analyse(text)
    assert [e.text for e in entities] == ["Vladimir V. Putin", "Planned Parenthood"]


@pytest.mark.parametrize(("text", "labels"), [
    ("Those who had both doses of the Pfizer or Moderna immunizations may go outside.",
     [("Pfizer", "ORG"), ("Moderna", "ORG")]),
    ("She got her second Moderna dose on Monday.", [("Moderna", "ORG")]),
    ("Regulators let millions of Americans get a booster of Moderna’s COVID-19 vaccine.",
     [("Americans", "NORP"), ("Moderna", "ORG")]),  # the maker's possessive, the disease between
    # a person's name before a policy on vaccines stays a person's; so does a verb "shot"
    ("Joe Biden spoke. The Biden vaccine mandate was blocked.", [("Joe Biden", "PERSON"), ("Biden", "PERSON")]),
])
def test_a_name_before_what_a_maker_makes_is_an_organisation(analyse, text, labels):
    _, entities, _ = analyse(text)
    assert [(e.text, e.label) for e in entities] == labels


@pytest.mark.parametrize(("text", "body"), [
    ("House of Representatives Speaker Ellen Marsh spoke on Monday.", "House of Representatives"),
    ("Food and Drug Administration Commissioner Ellen Marsh spoke on Monday.", "Food and Drug Administration"),
    ("White House press secretary Ellen Marsh spoke on Monday.", "White House"),  # a title in lower case follows
])
def test_a_body_named_in_a_title_is_still_a_body(analyse, text, body):
    _, entities, _ = analyse(text)
    assert [(e.text, e.label) for e in entities] == [(body, "ORG"), ("Ellen Marsh", "PERSON")]


def test_a_common_noun_opening_a_sentence_before_a_title_is_no_body(analyse):
    _, entities, _ = analyse("Cracks were found, the roads agency said. Agency director Ellen Marsh said so.")
    assert [(e.text, e.label) for e in entities] == [("Ellen Marsh", "PERSON")]


@pytest.mark.parametrize("text", [
    "The navy said the INS Mysore escorted MV Gibe to safety.",
    "Pirates seized the Saudi supertanker Sirius Star last month.",
    "The Indian warship INS Tabar escorted the tanker to safety.",  # "INS" and "Tabar" tagged apart
])
def test_a_ship_is_no_person(analyse, text):
    _, entities, _ = analyse(text)
    assert [e.text for e in entities if e.label in ("PERSON", "ORG", "GPE")] == []  # nor a body or a place


def test_a_body_named_by_the_last_words_of_its_full_name_is_that_body(analyse):
    text = ("The Brookfield Port Authority raised its fees on Monday. Port Authority chief executive Ellen Marsh "
            "said the White House had been told. The House will vote on the harbor bill.")
    _, entities, _ = analyse(text)
    bodies = [(e.text, e.name) for e in entities if e.label == "ORG"]
    assert ("Port Authority", "Brookfield Port Authority") in bodies
    assert ("House", "House") in bodies and ("the White House", "White House") in bodies


def test_a_hashtag_is_no_entity(analyse):
    _, entities, _ = analyse("The actress and #MeToo advocate spoke on Monday. Ellen Marsh, her lawyer, agreed.")
    assert [e.text for e in entities if e.label == "PERSON"] == ["Ellen Marsh"]


def test_a_name_the_model_opens_with_an_owners_possessive_is_no_person(analyse):
    _, entities, _ = analyse("In an essay in his home state’s Herald-Post, the senator announced his rejection.")
    assert not [e for e in entities if e.label == "PERSON"]


@pytest.mark.parametrize(("words", "name"), [
    ("for Rural Health", "Rural Health"),
    ("of the Federation of Harbor Pilots", "Federation of Harbor Pilots"),
    ("Council on Ethical and", "Council on Ethical"),
    ("ex-Harbor Department", "Harbor Department"),
    # a word in lower case before the name: what kind of body, or whose
    ("the state Harbor Department", "Harbor Department"),
    ("the federal Harbor Commission", "Harbor Commission"),
    ("the al-Harbor Department", "the al-Harbor Department"),  # "al-Qaeda": the article is part of the name
    # a clause or a poll's figure the model ran on into
    ("Harbor Vikings - while", "Harbor Vikings"),
    ("Harbor Party 47.3 percent", "Harbor Party"),
])
def test_an_organisation_the_model_opens_or_closes_with_a_small_word_is_cut_to_its_name(nlp, words, name):
    from crosswire.analyze.entities import _Mention, _trim

    doc = nlp(f"She served as dean {words} at the college.")
    at = doc.text.index(words)
    span = doc.char_span(at, at + len(words), alignment_mode="expand")
    mention = _trim(doc, _Mention(span.start, span.end, "ORG"), set())
    assert doc[mention.start : mention.end].text == name


@pytest.mark.parametrize(("text", "word", "title_only"), [
    ("Call Sgt. Ana Croix at the harbor office.", "Sgt", True),
    ("The Sheriff said the road was closed.", "Sheriff", True),
    ("Billy King spoke first. King said the deal was done.", "King", False),  # his surname, named in full
])
def test_a_person_the_model_finds_in_a_title_alone_is_no_one(nlp, text, word, title_only):
    from crosswire.analyze.entities import _only_a_title

    doc = nlp(text)
    i = max(t.i for t in doc if t.text == word)
    assert _only_a_title(doc, i, i + 1) is title_only


def test_a_plural_name_the_model_takes_for_a_person_is_a_team_or_body(analyse):
    _, entities, _ = analyse("Garrard threw for 200 yards as the Jaguars lost to the Colts.")
    assert ("Jaguars", "ORG") in [(e.name, e.label) for e in entities]


def test_a_body_that_ends_a_title_is_part_of_the_title(analyse):
    _, entities, _ = analyse("Secretary of State Ellen Marsh flew to Oslo.")
    assert [(e.text, e.label) for e in entities] == [("Ellen Marsh", "PERSON"), ("Oslo", "GPE")]
