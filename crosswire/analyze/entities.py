"""People, organisations and places, with the names and titles the text gives them.

spaCy's small English model finds the mentions; rules fix the errors it makes
in news copy and attach what it does not give at all:

1. keep the labels we report (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT);
2. drop photo credits ("[KANG TAE-HWA]") and known false positives ("AI" as a place);
3. on headline lines, keep only what the body corroborates ("U.S. Seeks" -> "U.S.",
   "Key Elements" -> nothing): title case fools the model there;
4. relabel a surname the model calls ORG ("Trump") as PERSON when the text knows a
   person of that surname or puts a person's title before it;
5. give each mention the canonical full name it refers to (a bare "Kim" is the most
   recently mentioned full-name Kim);
6. attach the titles the text gives at that mention: prefix titles ("Labor
   Minister Ana Ruiz") and appositives ("Dolores Okafor, the union's
   president,").

Every step is a linear scan over tokens or mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from crosswire.analyze.nlp import doc_text
from crosswire.model import Entity

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})

# Head-words of a title; lowercase, without a final period. A prefix title must end
# in one of them, an appositive must contain one.
TITLE_WORDS = frozenset(
    """
    minister secretary president vice-president president-elect director chief official
    spokesperson spokesman spokeswoman leader chairman chairwoman chair ceo cfo coo cto
    governor gov mayor ambassador envoy reporter correspondent editor columnist anchor
    senator sen representative rep congressman congresswoman lawmaker legislator speaker
    premier chancellor king queen prince princess emperor general gen admiral commander
    colonel col lieutenant lt captain capt sergeant sgt judge justice attorney prosecutor
    lawyer counsel adviser advisor aide analyst economist strategist pollster professor
    prof candidate nominee founder co-founder executive head deputy negotiator manager
    commissioner superintendent sheriff officer diplomat treasurer trustee coordinator
    administrator secretary-general pope bishop cardinal rabbi imam physician spokesmen
    owner partner researcher scientist president's chairperson principal dean provost
    referee umpire coach trainer promoter champion gm vp evp svp
    """.split()
)
# A player's position: before a name it is a title ("Colts QB Andrew Luck"), whatever the model tagged the whole
POSITIONS = frozenset(
    """
    quarterback qb cornerback linebacker kicker punter receiver wr rb dt lb cb tailback halfback fullback
    lineman pitcher catcher shortstop outfielder infielder goalkeeper goalie striker midfielder defender winger
    """.split()
)
TITLE_WORDS = TITLE_WORDS | POSITIONS

# Forms of address: stripped from names, never reported as roles.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mx"})

# Texts the small model tags as places or organisations that are nothing of the kind.
_ANY = {"GPE", "ORG", "PERSON", "NORP", "FAC", "LOC", "EVENT"}
# Words the small model takes for names: a technology, a job title, diseases ("COVID-19" as a person).
FALSE_POSITIVES = {"ai": _ANY, "ceo": {"ORG"}, "covid-19": _ANY, "covid": _ANY, "covid19": _ANY,
                   "sars-cov-2": _ANY, "coronavirus": _ANY, "delta": {"PERSON"}, "omicron": {"PERSON", "ORG"},
                   # time zones, which the model takes for organisations ("1330 GMT")
                   **{zone: _ANY for zone in "gmt utc et pt ct est edt cst cdt mst mdt pst pdt bst cet cest".split()},
                   # temperature scales ("124 degrees Fahrenheit"); a name's "Jr.", which the model can take for a place
                   "fahrenheit": _ANY, "celsius": _ANY, "jr.": _ANY, "jr": _ANY, "sr.": _ANY,
                   # a body of law, which the model takes for an organisation ("within our framework of Sharia")
                   "sharia": {"ORG", "PERSON"}, "sharia law": {"ORG", "PERSON"}}

# An appositive that opens with one of these is a clause, not a title.
_CLAUSE_OPENERS = frozenset(
    {"who", "whom", "whose", "which", "that", "where", "when", "while", "and", "or", "but"}
)
_RELATIVE_WORDS = frozenset({"who", "which", "that", "whose"})
_ROLE_STOP = frozenset({",", ";", ")", "(", "—", "–", ":", "[", "]"})
_MAX_PREFIX = 8  # tokens; longer runs are sentence text, not a title
_MAX_APPOSITIVE = 14
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_HEADLINE_END = tuple(".!?:;\"”'’)")
_MINOR_WORDS = frozenset(
    "a an the and or but of in on at to for with by from as vs via into over up is".split()
)


# ---------------------------------------------------------------------------
# Names


# A nickname inside a name (Anthony "The Hammer" Russo, Dana "Dee" Moreno): one to three
# capitalised words in marks between two capitalised words. Its marks quote nothing.
_NICKNAME = re.compile(
    r"\b[A-Z][\w'’-]*\.? ([\"“])((?:[A-Z][\w'’.-]*|the)(?: (?:[A-Z][\w'’.-]*|the)){0,2})([\"”]) (?=[A-Z][a-z])"
)


# ...and as canonical_name finds it in a name's own text, to leave it out
_NICKNAME_IN_NAME = re.compile(r"(?<=[\w.]) [\"“][^\"“”]{1,30}[\"”](?= \w)")


def nickname_marks(text: str) -> set[int]:
    """Offsets of the marks around every nickname in `text`."""
    return {m.start(k) for m in _NICKNAME.finditer(text) for k in (1, 3)}


def in_nickname(text: str, pos: int) -> bool:
    """The mark at `pos` is one of a nickname's (a local look: 60 characters either side)."""
    start = max(0, pos - 60)
    return pos - start in nickname_marks(text[start : pos + 60])


_ARTICLES = ("the", "a", "an")


#: What may follow a surname ("Jr.", "III").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


# Words that make the title word before them part of a body's name, not a person's title
_BODY_HEADS = frozenset("department ministry committee commission court office agency council bureau".split())


def canonical_name(name: str, *, person: bool = True) -> str:
    """The display form used to match a name across articles.

    Strips a leading "the", forms of address and titles ("U.S. Commerce Secretary
    Howard Lutnick" -> "Howard Lutnick"), a possessive ("Trump's" -> "Trump"), and
    turns an all-capitals personal name into title case ("KIM YONG-BEOM" ->
    "Kim Yong-beom"). Compare with `name_key` / `same_person`.
    """
    words = _POSSESSIVE.sub("", " ".join(_NICKNAME_IN_NAME.sub("", name).split())).split()
    if words and words[0].lower() in _ARTICLES and len(words) > 1:
        words = words[1:]  # "the White House", "a Senate Health Committee" hearing
    last_title = max(  # "Martin Luther King Jr.": a title word with only a suffix after it is part of the name
        (i for i, w in enumerate(words[:-1]) if _word_key(w) in TITLE_WORDS | HONORIFICS
         and any(_word_key(x) not in NAME_SUFFIXES for x in words[i + 1 :])
         and _word_key(words[i + 1]) not in _BODY_HEADS),  # "Justice Department" is no "Department"
        default=-1,
    )
    words = words[last_title + 1 :]
    while not person and len(words) > 1 and words[0] in ("of", "the", "for"):
        words = words[1:]  # "Chair of the Federation of State Medical Boards": the body after the title
    if person and len(words) >= 2 and all(w.isupper() and "." not in w for w in words):
        words = [w.capitalize() for w in words]  # not an organisation's: "USA TODAY" is no "Usa Today"
    return " ".join(words)


def name_key(name: str) -> str:
    """A key equal for spellings of one name: case, hyphens and spaces ignored."""
    return re.sub(r"[\W_]+", "", canonical_name(name).casefold())


def same_person(a: str, b: str) -> bool:
    """True when two full names are spellings of one name ("Lee Jae Myung", "Lee Jae-myung").

    Only spelling is forgiven: a bare surname is not the same person as a full
    name here; `find_entities` resolves those from context.
    """
    key_a, key_b = name_key(a), name_key(b)
    return bool(key_a) and key_a == key_b


def _word_key(word: str) -> str:
    return word.lower().rstrip(".")


# ---------------------------------------------------------------------------
# Finding mentions


@dataclass(slots=True)
class _Mention:
    start: int  # token indices of the name itself
    end: int
    label: str
    name: str = ""
    roles: tuple[str, ...] = ()
    age: int | None = None


def find_entities(doc) -> list[Entity]:
    """Entities in `doc`, each with its canonical name and the roles given at the mention."""
    lines = _Lines(doc_text(doc))
    mentions = [_Mention(span.start, span.end, span.label_) for span in doc.ents if span.label_ in LABELS]
    nicknames = nickname_marks(doc.text)
    mentions = _without_overlaps([m for m in (_trim(doc, m, nicknames) for m in mentions) if m is not None])
    mentions = [m for m in mentions if not _is_credit(doc, m, lines) and not _is_false_positive(doc, m)
                and _has_capital(doc, m) and not _names_a_product(doc, m)]
    mentions = _corroborate_headlines(doc, mentions, lines)
    _fix_person_labels(doc, mentions)
    mentions = _with_untagged_surnames(doc, mentions)
    _resolve_names(doc, mentions)
    titles: list[tuple[int, int]] = []
    for mention in mentions:
        if mention.label == "PERSON":
            mention.roles = _roles(doc, mention, titles)
            mention.age = _appositive_age(doc, mention)
    mentions = [m for m in mentions if not _inside_title(doc, m, titles)]
    return [_to_entity(doc, m) for m in mentions]


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """Drop a mention that overlaps the one before it (a name run on past its nickname
    covers the model's second span, 'Dee" Moreno')."""
    kept: list[_Mention] = []
    for mention in mentions:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _inside_title(doc, mention: _Mention, titles: list[tuple[int, int]]) -> bool:
    """An ORG the model cut out of a title ("Trade" of "Trade Minister Park"); a body's name with "of" or "and"
    in it is the body's, title or not ("House of Representatives Speaker Nancy Pelosi", "Food and Drug
    Administration Commissioner"), and so is a proper name that a title in lower case follows ("Pentagon
    spokesman"; not the common noun of "Agency director", capitalised as it opens a sentence)."""
    if mention.label != "ORG" or any(t.lower_ in ("of", "and", "&") for t in doc[mention.start : mention.end]):
        return False
    after = doc[mention.end] if mention.end < len(doc) else None
    before_title = after is not None and (after.is_lower and after.is_alpha or _word_key(after.text) in POSITIONS)
    if before_title and (doc[mention.end - 1].pos_ == "PROPN" or doc[mention.end - 1].tag_ == "NNS"):
        return False  # "Saints quarterback", "New Orleans Saints RB": a team's plural name, tagged a noun or not
    return any(start <= mention.start and mention.end <= end for start, end in titles)


def _to_entity(doc, mention: _Mention) -> Entity:
    span = doc[mention.start : mention.end]
    return Entity(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        label=mention.label,
        name=mention.name,
        roles=mention.roles,
        age=mention.age,
    )


def _trim(doc, mention: _Mention, nicknames: set[int]) -> _Mention | None:
    """Cut a trailing possessive and, for people, leading titles off the mention; a person's name
    runs on past its nickname (`nicknames`: the offsets of the document's nickname marks)."""
    start, end, label = mention.start, mention.end, mention.label
    owner = next((i for i in range(start + 1, end - 1)
                  if doc[i].tag_ == "POS" or doc[i].lower_ in ("'s", "’s")), None)  # the tagger's CD too
    if label == "ORG" and owner is not None and all(t.like_num for t in doc[owner + 1 : end]):
        return None  # "Trump’s 1995" state tax filings, "Obama’s 2008" campaign: an owner and a year, no body
    if label == "ORG" and doc[end - 1].tag_ == "POS":
        end = _past_possessive(doc, end)
    if label == "ORG" and end < len(doc) and doc[end - 1].lower_ in _NUMBERED_UNITS and doc[end].is_digit:
        end += 1  # "Union Local 14"
    if label == "ORG":
        end = _through_and(doc, end)
        if _pair_of_places(doc, start, end):
            return None
    position = next((i for i in range(end - 2, start - 1, -1) if _word_key(doc[i].text) in POSITIONS), None)
    if label in ("PERSON", "ORG") and position is not None and all(t.pos_ == "PROPN" for t in doc[position + 1:end]):
        start, label = position + 1, "PERSON"  # "Chiefs WR Terrance Copper": the name after; the rest is his role
    opened = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opened is not None and not any(doc[i].text == ")" for i in range(opened, end)):
        end = opened  # "the American Academy of Pediatrics (AAP": the model stopped inside the brackets
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_quote or doc[start].lower_ == "the" and start + 1 < end
                           and doc[start + 1].is_quote):
        start += 1  # the "Squad
    if label == "ORG":  # "for Rural Health", "of the Federation of State Medical Boards", "Council on Ethical and"
        if end - start > 1 and doc[start].is_lower and doc[start].pos_ in ("ADP", "CCONJ"):
            start += 1  # and "the" after it; "the White House" keeps its article, as the model tags it
            start += end - start > 1 and doc[start].lower_ == "the"
        if end - start > 2 and doc[start].lower_ in _PREFIXES and doc[start + 1].text == "-":
            start += 2  # "an ex-Justice Department official", "anti-Trump"
        while end - start > 1 and (doc[end - 1].is_lower and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ")
                                   or doc[end - 1].is_punct):
            end -= 1  # "Council on Ethical and", "the Minnesota Vikings - while"
        share = next((i for i in range(start + 1, end - 1) if doc[i].like_num
                      and doc[i + 1].lower_ in ("percent", "%", "per", "points")), None)
        end = share if share is not None else end  # "Trump 47.3 percent" in a poll's figures
        first = start + (doc[start].lower_ == "the")
        word = first  # "the federal Securities and Exchange Commission", "the state Department of Revenue"
        while end - word > 1 and doc[word].is_lower and doc[word].is_alpha \
                and doc[word].lower_ not in SURNAME_PARTICLES and doc[word + 1].text != "-":  # not "al-Qaeda"
            word += 1
        start = word if word > first else start
    if start < end and doc[start].tag_ == "POS":  # "his home state’s Gazette-Mail": the model took in the owner's
        if label == "PERSON":                       # "’s", and what is owned is a thing, no person
            return None
        start += 1
    if end - start == 2 and re.fullmatch(r"[A-Z]\.?", doc[end - 1].text) and doc[start].is_title \
            and not (end < len(doc) and doc[end].idx in nicknames):
        label = "FAC"  # "Terminal B", "Gate C": a place in a building, not a person ("Thomas J. "Tommy" Hale")
    if label == "PERSON":
        while end - start > 1 and _word_key(doc[start].text) in TITLE_WORDS | HONORIFICS:
            start += 1
        if _only_a_title(doc, start, end):
            return None  # "Sgt." of "Sgt. Shayne Croix", "Sheriff", "Founder" tagged apart: a title, no one's name
        while end - start > 1 and any(ch.isdigit() for ch in doc[end - 1].text):
            end -= 1  # "Moderna COVID-19" vaccine: no name holds a digit
        # a possessive inside a person's span ends the name: the model ran on into what is
        # owned ("Pfizer’s COVID-19" vaccine, "Children’s Covid" cases)
        owner = next((i for i in range(start + 1, end) if doc[i].tag_ == "POS"), None)
        if owner is not None:
            end = owner
            if end - start == 1 and (doc[start].tag_ == "NNS" or doc[start].is_stop):
                return None  # a plural common noun opening the sentence, not a name
        end = _past_nickname(doc, start, _extend_hyphenated(doc, end), nicknames)
    if end <= start:
        return None
    return _Mention(start, end, label)


def _only_a_title(doc, start: int, end: int) -> bool:
    """Every word of the span is a title or a form of address, and none is the surname of a person the text names
    in full ("King" after "Billy King" is his name)."""
    words = [t for t in doc[start:end] if not t.is_punct]
    if not words or not all(_word_key(t.text) in TITLE_WORDS | HONORIFICS for t in words):
        return False
    surnames = {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    return not any(t.lower_ in surnames for t in words)


_PREFIXES = frozenset("ex pro anti non post pre".split())  # hyphened to a body's name: "ex-Justice Department"


def _through_and(doc, end: int) -> int:
    """An organisation the model ended before "and" runs on over the capitalised words after it that
    no other name holds ("Customs" of "new Customs and Border Protection figures")."""
    if end + 1 >= len(doc) or doc[end].lower_ != "and" or not doc[end + 1].is_title or doc[end + 1].ent_type_:
        return end
    k = end + 1
    while k < len(doc) and doc[k].is_title and not doc[k].ent_type_:
        k += 1
    return k if k < len(doc) and (doc[k].is_lower or doc[k].is_punct) else end


# What a pair of places joined by a hyphen qualifies: "the U.S.-Mexico border", "U.S.-China talks"
_BETWEEN_PLACES = frozenset("border relations talks summit trade deal agreement alliance ties war conflict treaty pact "
                            "partnership tensions rivalry".split())


def _pair_of_places(doc, start: int, end: int) -> bool:
    """"the U.S.-Mexico border": two places joined by a hyphen before what lies between them, no organisation."""
    text = doc[start:end].text
    return (end < len(doc) and doc[end].lower_ in _BETWEEN_PLACES
            and re.fullmatch(r"(?:[A-Z]\.){2,3}-[A-Z][a-z]+|[A-Z][a-z]+-(?:[A-Z]\.){2,3}|[A-Z][a-z]+-[A-Z][a-z]+",
                             text) is not None)


def _past_nickname(doc, start: int, end: int, nicknames: set[int]) -> int:
    """Anthony "The Hammer" Russo: a name the model ended at or in its nickname runs on to the surname."""
    end = next((i for i in range(start + 1, end) if doc[i].idx in nicknames), end)
    if end >= len(doc) or doc[end].idx not in nicknames:
        return end
    close = next((i for i in range(end + 1, min(end + 6, len(doc))) if doc[i].idx in nicknames), None)
    if close is None or close + 1 >= len(doc) or not doc[close + 1].is_title:
        return end
    end = close + 2  # the surname, which the model may tag a noun ("Dana "Dee" Moreno")
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
        end += 1
    return end


_NUMBERED_UNITS = frozenset({"local", "district", "chapter", "lodge", "branch", "precinct", "ward"})


def _past_possessive(doc, end: int) -> int:
    """"the Harbor Workers' | Union Local 14": the model stops an organisation's name at a
    plural possessive; the capitalised words after it (and a number closing them) are its rest."""
    stop = end
    while stop < min(len(doc), end + 4) and doc[stop].tag_ in ("NNP", "NNPS") and doc[stop].is_title:
        stop += 1
    if stop > end and stop < len(doc) and doc[stop].like_num and doc[stop].is_digit:
        stop += 1
    return stop


def _extend_hyphenated(doc, end: int) -> int:
    """The model sometimes stops a name at a hyphen ("Park Dong" of "Park Dong-wook")."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    return end


def _is_credit(doc, mention: _Mention, lines: _Lines) -> bool:
    """A name in square brackets on one line, the way photo credits are printed."""
    text = doc_text(doc)
    start, end = doc[mention.start].idx, doc[mention.end - 1].idx + len(doc[mention.end - 1])
    line_start, line_end = lines.bounds(start)
    opening = text.rfind("[", line_start, start)
    return opening >= 0 and "]" not in text[opening:start] and "]" in text[end:line_end]


def _has_capital(doc, mention: _Mention) -> bool:
    """A name has a capital letter somewhere: "the" and "school board association letter" are the model's
    mistakes ("eBay", "iPhone" pass)."""
    words = doc[mention.start : mention.end].text.split()
    if len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]  # "The school board association": the capital is the sentence's
    return any(ch.isupper() for word in words for ch in word)


def _is_false_positive(doc, mention: _Mention) -> bool:
    text = doc[mention.start : mention.end].text
    if mention.label == "PERSON" and _BILL_NUMBER.fullmatch(text):
        return True  # "H. Res. 601", "S. Con. Res. 14": a bill, which the model takes for initials and a name
    if mention.label == "PERSON" and text == "Bill" and mention.end < len(doc) and doc[mention.end].like_num:
        return True  # "Senate Bill 90"
    if _in_case_name(doc, mention):
        return True
    start = doc[mention.start].idx
    if start > 0 and doc_text(doc)[start - 1] == "#":
        return True  # "#MeToo", "#StopAsianHate": a hashtag names a cause, not a person or body
    return mention.label in FALSE_POSITIVES.get(text.lower(), ())


def _in_case_name(doc, mention: _Mention) -> bool:
    """A party of a court case's name ("Planned Parenthood v. Casey", "Dobbs v. Jackson Women's Health
    Organization"): the case is cited, no person or body named in it takes part in the story."""
    before = doc[mention.start - 1] if mention.start > 0 else None
    after = doc[mention.end] if mention.end < len(doc) else None
    after_next = doc[mention.end + 1] if mention.end + 1 < len(doc) else None
    if before is not None and before.text in _VERSUS and mention.start > 1 and doc[mention.start - 2].is_title:
        return True
    if any(t.text in _VERSUS for t in doc[mention.start + 1 : mention.end - 1]):
        return True  # the model's one span for "Brown v. Board of Education"
    return after is not None and after.text in _VERSUS and after_next is not None and after_next.text[:1].isupper()


_VERSUS = frozenset({"v.", "v"})  # the courts' "v."; "vs." is a game's


def _names_a_product(doc, mention: _Mention) -> bool:
    """"the drug Aduhelm", "the vaccine, Comirnaty,": a product the small model takes for a person or a
    place (an organisation after the word may be its maker: "the vaccine, Pfizer's,")."""
    i = mention.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if mention.label == "PERSON" and mention.end < len(doc) and doc[mention.end].lower_ in _WEAPON_NOUNS:
        return True  # "the Patriot missile defense system", "Javelin missiles", "Abrams tanks"
    first = mention.start + (doc[mention.start].lower_ == "the")
    if mention.end - first >= 2 and doc[first].text in _SHIP_PREFIXES:
        return True  # "(the) INS Mysore", "MV Gibe": a ship, which the small model takes for a person or a body
    if doc[first : mention.end].text in _SHIP_PREFIXES or (first > 0 and doc[first - 1].text in _SHIP_PREFIXES):
        return True  # ...or tags in two: "INS" a body, "Mysore" a person
    return mention.label in ("PERSON", "GPE") and i >= 0 and doc[i].lower_ in _PRODUCT_NOUNS


# Nouns that, right after a name, say it is a weapon's
_WEAPON_NOUNS = frozenset("missile missiles rocket rockets rifle rifles drone drones tank tanks launcher "
                          "launchers".split())
# Nouns that, right before a name, say it is a product: no person, no place
_PRODUCT_NOUNS = frozenset("drug vaccine medicine medication pill treatment therapy product app device brand "
                           "ship vessel tanker supertanker freighter warship destroyer frigate carrier submarine "
                           "yacht ferry trawler".split())  # "the Saudi supertanker Sirius Star"
# The letters before a ship's name ("INS Mysore", "USS Cole", "HMS Belfast")
_SHIP_PREFIXES = frozenset({"INS", "MV", "USS", "HMS", "HMAS", "HMCS", "RMS", "USNS", "M/V"})
_BILL_NUMBER = re.compile(r"(?:(?:H|S)\.\s?(?:J\.\s?|Con\.\s?)?)?(?:Res|Con)\.?|(?:H|S)\.\s?R\.?")


# ---------------------------------------------------------------------------
# Headlines


class _Lines:
    """Paragraph (line) lookup by character offset, and which lines are headlines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def bounds(self, pos: int) -> tuple[int, int]:
        i = self.index(pos)
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def is_headline(self, pos: int) -> bool:
        start, end = self.bounds(pos)
        return _looks_like_headline(self.text[start:end])


def _looks_like_headline(line: str) -> bool:
    """Short, no final punctuation, and most words capitalised."""
    line = line.strip()
    if not line or not line[0].isupper() or line.endswith(_HEADLINE_END):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if w.lower() not in _MINOR_WORDS]
    if not words or len(words) > 20:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.6


def _corroborate_headlines(doc, mentions: list[_Mention], lines: _Lines) -> list[_Mention]:
    """On headline lines keep a mention, or its longest prefix or suffix, only when the
    body names the same thing: title case makes the model see names everywhere."""
    headline = [lines.is_headline(doc[m.start].idx) for m in mentions]
    known = set()
    for mention, is_headline in zip(mentions, headline):
        if not is_headline:
            span = doc[mention.start : mention.end]
            known.add(name_key(span.text))
            if mention.label == "PERSON":
                known.update(name_key(t.text) for t in span if t.is_alpha)
    kept = []
    for mention, is_headline in zip(mentions, headline):
        if not is_headline:
            kept.append(mention)
            continue
        part = _known_part(doc, mention, known)
        if part is not None:
            kept.append(part)
    return kept


def _known_part(doc, mention: _Mention, known: set[str]) -> _Mention | None:
    for length in range(mention.end - mention.start, 0, -1):
        for start in {mention.start, mention.end - length}:
            if name_key(doc[start : start + length].text) in known:
                return _Mention(start, start + length, mention.label)
    return None


# ---------------------------------------------------------------------------
# Labels and names


def _fix_person_labels(doc, mentions: list[_Mention]) -> None:
    """The small model often tags "Trump" as ORG; a known surname or a title says PERSON."""
    surnames = set()
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            surnames.add(name_key(doc[m.end - 1].text))
    for m in mentions:
        if m.label == "PERSON" or m.end - m.start > 2:
            continue
        key = name_key(doc[m.start : m.end].text)
        titled = m.start > 0 and _word_key(doc[m.start - 1].text) in TITLE_WORDS | HONORIFICS
        if key in surnames or (titled and doc[m.start - 1].text[:1].isupper()):
            m.label = "PERSON"
    # ...and "Pfizer" as a PERSON: a one-word "person" that names a company the text gives in full ("Pfizer Inc")
    companies = {name_key(doc[m.start].text) for m in mentions
                 if m.label == "ORG" and m.end - m.start >= 2 and _word_key(doc[m.end - 1].text) in COMPANY_SUFFIXES}
    # the last words of longer names the model tagged anything but a body ("Maurice Cheeks" as a place): surnames
    last_words = {name_key(doc[m.end - 1].text) for m in mentions if m.end - m.start >= 2 and m.label != "ORG"}
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start == 1 and (name_key(doc[m.start].text) in companies - surnames
                                                               or doc[m.start].lower_ in _PLATFORMS):
            m.label = "ORG"
        elif m.label == "PERSON" and m.end - m.start == 1 and doc[m.start].tag_ == "NNPS" \
                and name_key(doc[m.start].text) not in last_words:
            m.label = "ORG"  # "the Jaguars", "the Colts": a plural name is a team or a body, not a person
        elif m.label == "PERSON" and any(_BRAND_CASE.search(t.text) for t in doc[m.start : m.end]):
            m.label = "ORG"  # "Pfizer-BioNTech", "BioNTech": capitals run on inside a word, as a brand writes it
        elif m.label == "PERSON" and m.start > 0 and doc[m.start - 1].text in _BODY_NOUNS:
            m.label = "ORG"  # "the gun-control group Brady United": the noun before the name says what it is
        elif m.label == "PERSON" and m.end - m.start >= 2 and m.end < len(doc) and doc[m.end].lower_ in _STAFF_NOUNS:
            m.label = "ORG"  # "Border Patrol agents": people of a body, named by it
        elif m.label == "PERSON" and m.end - m.start == 1 and _names_a_maker(doc, m) \
                and name_key(doc[m.start].text) not in surnames:
            m.label = "ORG"  # "the Pfizer or Moderna immunizations": a maker's name before what it makes
    gpe_starts = {m.start: m for m in mentions if m.label == "GPE"}
    for m in mentions:
        state = gpe_starts.get(m.end + 1) if m.end < len(doc) and doc[m.end].text == "," else None
        if m.label == "PERSON" and state is not None and (state.end == len(doc) or doc[state.end].is_punct):
            m.label = "GPE"  # "Chula Vista, California, reached 89": a place and its state


def _with_untagged_surnames(doc, mentions: list[_Mention]) -> list[_Mention]:
    """A surname the model tagged in a full name but not on its own later ("Norman Ham" ... "Ham went on to
    explain"): a proper noun standing alone, spelt as the surname is, is that person's mention."""
    surnames = {doc[m.end - 1].text for m in mentions if m.label == "PERSON" and m.end - m.start >= 2
                and doc[m.end - 1].is_title and len(doc[m.end - 1].text) > 2}
    if not surnames:
        return mentions
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added = [_Mention(t.i, t.i + 1, "PERSON") for t in doc
             if t.text in surnames and t.i not in taken and t.tag_ in ("NNP", "NNPS") and not t.ent_type_
             and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
             and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")]  # alone: not inside another name
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


# Two capitals after a small letter inside a word ("BioNTech"), which names of people do not have
# ("McConnell", "DeSantis" have one)
_BRAND_CASE = re.compile(r"[a-z][A-Z]{2}")

# Nouns that, right before a name, say it is a body and not a person ("the advocacy group Brady United")
_BODY_NOUNS = frozenset("group organization organisation nonprofit charity company firm startup union coalition "
                        "network agency website newspaper magazine outlet broadcaster party foundation".split())


# Nouns after a name that make it the body its people work for ("Border Patrol agents", "Park Service rangers")
# (not "staffers" or "aides", which a person has: "Mike Pence staffers")
_STAFF_NOUNS = frozenset("agents officers officials employees rangers troops personnel inspectors "
                         "investigators".split())


def _names_a_maker(doc, mention: _Mention) -> bool:
    """A one-word name before a maker's product, directly or through a list of such names ("Moderna shots",
    "the Pfizer or Moderna immunizations", "Pfizer, Moderna and J&J vaccines", "Moderna's Covid-19 vaccine",
    "the Pfizer/BioNTech vaccine")."""
    for token in doc[mention.end : mention.end + 6]:
        if token.lower_ in _MADE_NOUNS and token.pos_ == "NOUN":  # the product, not "the Biden vaccine mandate"
            return token.i + 1 == len(doc) or doc[token.i + 1].pos_ not in ("NOUN", "PROPN")
        if not (token.lower_ in ("and", "or", ",", "&", "-", "/") or token.pos_ == "PROPN" or token.tag_ == "POS"
                or token.lower_ in _DISEASES):
            return False
    return False


_DISEASES = frozenset("covid covid-19 coronavirus flu influenza".split())  # what a product is against


# What a company makes and a person does not, after its maker's name
_MADE_NOUNS = frozenset("vaccine vaccines shot shots dose doses jab jabs immunization immunizations booster boosters "
                        "pill pills drug drugs".split())


# Platforms, outlets and data firms the small model often takes for people ("said in a post on Twitter",
# "economists polled by Refinitiv")
_PLATFORMS = frozenset("twitter facebook instagram youtube tiktok reddit snapchat linkedin whatsapp telegram "
                       "politico axios reuters bloomberg netflix refinitiv factset".split())


#: The last word of a company's full name ("Pfizer Inc", "Hanwha Group").
COMPANY_SUFFIXES = frozenset("inc corp co ltd llc plc se ag sa nv group holdings corporation incorporated".split())


def _resolve_names(doc, mentions: list[_Mention]) -> None:
    """Set each mention's canonical name.

    A person named by one word takes the full name of the matching person
    (first or last name) mentioned most recently before it; failing that, the first
    one after it (a headline "Trump" before the body's "Donald Trump").
    """
    first_spelling: dict[str, str] = {}  # name key -> the display name first seen
    full_names: list[tuple[int, str]] = []  # (token index, canonical full name) of people
    genders: dict[str, str] = {}  # full name -> "m" / "f", as the words before one of its mentions say
    for m in mentions:
        name = canonical_name(doc[m.start : m.end].text, person=m.label == "PERSON")
        m.name = first_spelling.setdefault(name_key(name), name)
        if m.label == "PERSON" and len(name.split()) >= 2:
            full_names.append((m.start, m.name))
            if gender := _gender_before(doc, m.start, _GENDER_WINDOW):
                genders.setdefault(m.name, gender)
    _resolve_short_bodies(mentions)
    short = [m for m in mentions if m.label == "PERSON" and _short_name(m.name)]
    # "Mr. Obama" is not "the first lady, Michelle Obama": a form of address sets the full names of the other sex
    # apart, and when it leaves none, a bare "President Obama" is not hers either
    mention_gender = {m.start: _gender_before(doc, m.start, 1) for m in short}
    apart = set()  # keys of bare names whose only full names are of the other sex
    for m in short:
        named = [n for _, n in full_names if name_key(m.name) in _part_keys(n)]
        if mention_gender[m.start] and named and all(genders.get(n) not in (None, mention_gender[m.start])
                                                     for n in named):
            apart.add(name_key(m.name))
    last_seen: dict[str, int] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        if _short_name(m.name):
            gender = mention_gender[m.start]
            if gender is None and name_key(m.name) in apart:
                continue
            others = [(i, n) for i, n in full_names if gender is None or genders.get(n) in (None, gender)]
            m.name = _full_name(m, others, last_seen) or m.name
        elif len(m.name.split()) == 2:  # "Suu Kyi" after "Aung San Suu Kyi": the last two words of a longer name
            longer = {n for _, n in full_names if len(n.split()) >= 3 and "-" not in n.split()
                      and name_key(" ".join(n.split()[-2:])) == name_key(m.name)}
            m.name = longer.pop() if len(longer) == 1 else m.name
        last_seen[m.name] = m.start


def _short_name(name: str) -> bool:
    """A surname or a given name alone, a surname with its particle too ("De Blasio said")."""
    words = name.split()
    return len(words) == 1 or len(words) == 2 and words[0].casefold() in SURNAME_PARTICLES


# Words that say a person is a man or a woman: forms of address, kin, titles (quotes use them for "he"/"she")
MALE_WORDS = frozenset("mr mr. husband father son brother uncle nephew grandfather widower boyfriend actor "
                        "spokesman congressman businessman chairman king prince".split())
FEMALE_WORDS = frozenset("mrs mrs. ms ms. miss lady wife mother daughter sister aunt niece grandmother widow "
                          "girlfriend actress spokeswoman congresswoman businesswoman chairwoman queen princess"
                          .split())
_GENDER_WINDOW = 4  # words before a full name that can say who the person is ("the first lady, Michelle Obama")


def _gender_before(doc, start: int, window: int) -> str | None:
    """"m" or "f" from a form of address or a word of kin or a title in the `window` words before a mention."""
    for token in reversed(doc[max(0, start - window) : start]):
        word = token.lower_
        if word in (".", "!", "?", ";", ":") or "\n" in token.text_with_ws and token.i < start - 1:
            return None  # the sentence before: "... the defendant's mother.\nGregg Milliote, spokesman ..."
        if word in MALE_WORDS:
            return "m"
        if word in FEMALE_WORDS:
            return "f"
        if token.ent_type_ == "PERSON" or token.pos_ == "VERB":
            return None  # the words before belong to someone else or to the sentence
    return None


def _resolve_short_bodies(mentions: list[_Mention]) -> None:
    """An organisation named by the last two or more words of one the text names in full is that one ("Port
    Authority" after "the Halvergate Port Authority", "Red Sox" after "Boston Red Sox"), when the words before
    are capitalised names ("the 81st Academy Awards", "Blue Origin's New Shepard" are not); not when two such
    bodies are named, and not by one word ("House" and "White House")."""
    bodies = {m.name for m in mentions if m.label == "ORG"}
    for m in mentions:
        words = m.name.split()
        if m.label != "ORG" or len(words) < 2:
            continue
        tail = [name_key(w) for w in words]
        longer = [b for b in bodies if len(b.split()) > len(words)
                  and [name_key(w) for w in b.split()[-len(words):]] == tail
                  and all(re.fullmatch(r"[A-Z][\w.&-]*", w) for w in b.split()[: -len(words)])]
        if len(longer) == 1:
            m.name = longer[0]


def _full_name(m: _Mention, full_names: list[tuple[int, str]], last_seen: dict[str, int]) -> str | None:
    key = name_key(m.name)
    matches = [name for _, name in full_names if key in _part_keys(name)]
    if not matches:
        return None
    before = [(last_seen[name], name) for name in matches if name in last_seen and last_seen[name] < m.start]
    if before:
        return max(before)[1]
    after = [(i, name) for i, name in full_names if name in matches and i > m.start]
    return min(after)[1] if after else matches[0]


def _part_keys(name: str) -> tuple[str, ...]:
    """The first and last name's keys ("John Roberts Jr." -> john, roberts), and the surname's with its particle
    ("Bill de Blasio" -> bill, blasio, deblasio)."""
    words = name.split()
    while len(words) > 2 and _word_key(words[-1]) in NAME_SUFFIXES:
        words = words[:-1]
    keys = (name_key(words[0]), name_key(words[-1]))
    if len(words) >= 3 and words[-2].casefold() in SURNAME_PARTICLES:
        keys += (name_key(" ".join(words[-2:])),)
    return keys


# Words that open a surname of two words ("Lo Presti", "de Blasio", "Van Hollen", "Del Rio")
SURNAME_PARTICLES = frozenset("lo la le de del della di da du dos das van von der den al el bin ibn st. san".split())


# ---------------------------------------------------------------------------
# Roles


def _roles(doc, mention: _Mention, titles: list[tuple[int, int]]) -> tuple[str, ...]:
    """Titles at this mention; the token range of a prefix title goes into `titles`."""
    prefix = _prefix_title(doc, mention)
    if prefix is not None:
        titles.append((prefix.start, prefix.end))
    roles = [" ".join(prefix.text.split()) if prefix is not None else None, _appositive_title(doc, mention),
             _title_before_comma(doc, mention)]
    return tuple(dict.fromkeys(r for r in roles if r))


def _is_title_word(token) -> bool:
    return _word_key(token.text) in TITLE_WORDS


def _prefix_title(doc, mention: _Mention):
    """"U.S. Labor Secretary Ana Ruiz" -> "U.S. Labor Secretary".

    The token before the name must be a title head-word; the title then runs left
    over modifiers (names, adjectives, nouns, possessives, hyphens) to the first
    determiner, verb, preposition or punctuation.
    """
    last = mention.start  # the title ends before a form of address: "CDC Director Dr. Rochelle Walensky"
    while last > 0 and _word_key(doc[last - 1].text) in HONORIFICS:
        last -= 1
    i = _title_head_before(doc, last)
    if i is None or _newline_between(doc, i, mention.start):
        return None
    start = i
    while i - 1 >= 0 and mention.start - (i - 1) <= _MAX_PREFIX and not doc[i].is_sent_start:
        token = doc[i - 1]
        of_a_name = token.lower_ == "of" and token.ent_type_ != ""  # "House of Representatives Speaker"
        if not (_is_title_modifier(token) or of_a_name or _and_in_title(doc, i - 1)) or _newline_between(doc, i - 1, i):
            break
        if doc[i].lower_ in _TITLE_QUALIFIERS and token.pos_ == "NOUN" and token.is_lower and not _is_title_word(token):
            break  # "this committee's investigation former Secretary of State ...": a word left out, no title
        i -= 1
        start = i
    while start < last and doc[start].tag_ in ("POS", "HYPH"):
        start += 1
    return doc[start:last] if start < last else None


def _and_in_title(doc, i: int) -> bool:
    """Token i is an "and" inside a title: of a body's name ("Health and Human Services Secretary", "Food and Drug
    Administration Commissioner"), or between two lower-case words ("strength and conditioning coach")."""
    token = doc[i]
    if token.lower_ not in ("and", "&") or i == 0:
        return False
    if token.ent_iob_ == "I" and token.ent_type_ not in ("PERSON", "NORP", "GPE"):
        return True
    before, after = doc[i - 1], doc[i + 1]
    return before.tag_ == "NN" and before.is_lower and after.is_lower and not before.ent_type_  # not "neighbors and"


def _title_head_before(doc, last: int) -> int | None:
    """The head word of a title that ends right before token `last`: a title word ("Secretary"), the title word
    of "Secretary of State", "chief of staff", "head of Hamas" (up to three words after "of"), or a word of kin
    after a possessor ("his wife", "Warner's son"); None when the words before `last` are no title."""
    i = last - 1
    if i < 0:
        return None
    if _is_title_word(doc[i]):
        return i
    if _word_key(doc[i].text) in KIN_WORDS:
        before = doc[i - 1] if i > 0 else None
        possessed = before is not None and before.tag_ in ("PRP$", "POS")
        return i if possessed else None
    for of in range(i - 1, max(i - 4, 0), -1):
        if doc[of].lower_ == "of":
            named = all(t.pos_ in ("PROPN", "NOUN") and (t.text[:1].isupper() or t.lower_ == "staff")
                        for t in doc[of + 1 : last])  # fmt: skip
            return of - 1 if named and _is_title_word(doc[of - 1]) else None
        if not doc[of].text[:1].isupper():
            return None
    return None


# Words of kin that, after a possessor, say who a person is to someone named before ("his wife Clara Dunmore")
KIN_WORDS = frozenset("wife husband widow widower son daughter mother father brother sister fiancee fiancée "
                      "stepson stepdaughter grandson granddaughter nephew niece cousin".split())


def _is_title_modifier(token) -> bool:
    if token.tag_ in ("POS", "HYPH") or token.lower_ in _TITLE_QUALIFIERS:
        return True
    if token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_:
        return True  # "vice-presidential nominee": a hyphen inside a word, whatever the tagger calls it
    if token.is_space:
        return "\n" not in token.text  # "former\xa0President": a no-break space the tokenizer keeps
    if token.is_punct or token.ent_type_ in ("DATE", "TIME"):
        return False  # "On Monday California Gov. ...": a day is no part of a title
    return token.pos_ in ("PROPN", "ADJ", "NOUN") or _is_title_word(token)


# Words that say when or how a title is held, whatever the parse makes of them ("acting" a verb)
_TITLE_QUALIFIERS = frozenset("acting former interim outgoing incoming then".split())


def _newline_between(doc, i: int, j: int) -> bool:
    return "\n" in doc_text(doc)[doc[i].idx : doc[j].idx]


def _title_before_comma(doc, mention: _Mention) -> str | None:
    """"the physician, Dr. Omar Reyes," -> "physician": a title's noun phrase that the name is set beside,
    as its appositive or between commas after the sentence's verb ("After meeting the president, Omar
    Reyes said" sets nothing beside); not a phrase holding a verb or another name."""
    first = mention.start
    while first > 0 and _word_key(doc[first - 1].text) in HONORIFICS:
        first -= 1
    if first < 2 or doc[first - 1].text != ",":
        return None
    head, name = doc[first - 2], doc[mention.start : mention.end].root
    set_off = mention.end == len(doc) or doc[mention.end].text in (",", ";", ".", ")")  # not "X, Ana and Li"
    beside = name.dep_ == "appos" and name.head.i == head.i or head.i > head.sent.root.i
    if not (set_off and beside) or _in_opening_phrase(head) or head.pos_ != "NOUN" \
            or _title_head_before(doc, head.i + 1) != head.i:
        return None
    # "the Democratic nominee for president, Joe Biden": the title is the nominee's phrase; "the wife of the
    # president, Jill Biden" or "the family of the nominee, ..." leave unclear whom the name is set beside
    top = head
    while top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in ("NOUN", "PROPN"):
        top = top.head.head
        if not _is_title_word(top):
            return None
    phrase = doc[top.left_edge.i : head.i + 1]
    if len(phrase) > _MAX_PREFIX or any(t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON" for t in phrase):
        return None
    while len(phrase) and (phrase[0].pos_ == "DET" or phrase[0].tag_ == "PRP$"):
        phrase = phrase[1:]
    return " ".join(phrase.text.split()) or None


def _in_opening_phrase(token) -> bool:
    """The token is inside a clause or phrase that opens its sentence before the main verb ("After meeting
    the president, ...", "Besides the mayor, ...")."""
    root = token.sent.root
    while token.i != root.i and token.head.i != token.i:
        if token.i < root.i and token.dep_ in ("advcl", "prep", "pcomp", "npadvmod"):
            return True
        token = token.head
    return False


def _next_in_list(phrase) -> bool:
    """The phrase after a name's comma is the next person of a list, with a title of their own ("Roy Williams,
    strength and conditioning coach Jonas Sahratian and ..."): it holds a titled name and no preposition (outside
    a name) that would make that name part of a description ("daughter of court reporter Julie Brandau")."""
    titled = any(t.ent_type_ == "PERSON" and t.i > phrase.start and _is_title_word(t.nbor(-1)) for t in phrase)
    return titled and not any(t.lower_ in _DESCRIBING and not t.ent_type_ for t in phrase)


_DESCRIBING = frozenset("of for to at with in from on under".split())  # "lawmaker in Boris Johnson's party"


def _appositive_age(doc, mention: _Mention) -> int | None:
    """"Dolores Okafor, 54, said" / "Okafor, 54, of Ashton" -> 54: a whole number between commas right after
    the name, followed by a comma or the sentence's end; not "Okafor, 54 votes"."""
    i = mention.end
    if i + 1 >= len(doc) or doc[i].text != "," or not re.fullmatch(r"\d{1,3}", doc[i + 1].text):
        return None
    age = int(doc[i + 1].text)
    after = doc[i + 2] if i + 2 < len(doc) else None
    if not 0 < age < 120 or (after is not None and after.text not in (",", ".", ";", ")")):
        return None
    return age


def _kin_of_possessor(phrase) -> bool:
    """The phrase is a word of kin after its possessor, and nothing else: "George Floyd's sister", "his wife"."""
    words = [t for t in phrase if not t.is_punct or t.tag_ == "POS"]
    if not words or _word_key(words[-1].text) not in KIN_WORDS:
        return False
    i = len(words) - 2
    while i > 0 and words[i].pos_ == "ADJ":  # "the victim's younger brother"
        i -= 1
    return i >= 0 and words[i].tag_ in ("POS", "PRP$") and all(
        t.pos_ in ("PROPN", "NOUN") or t.tag_ == "POS" or (t.i == phrase.start and t.pos_ == "DET") for t in words[:i])


def _appositive_title(doc, mention: _Mention) -> str | None:
    """"Dolores Okafor, the union's president, ..." -> the title.

    The phrase between the comma after the name and the next comma, semicolon or
    sentence end must name a title and must not be a clause ("who led ...").
    """
    i = mention.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    start = i + 1
    end = start
    while end < len(doc) and end - start <= _MAX_APPOSITIVE:
        token = doc[end]
        if token.text in _ROLE_STOP or token.is_space or (end > start and token.is_sent_start):
            break
        if token.text == "." and token.is_sent_end:
            break
        if end > start and token.lower_ in _RELATIVE_WORDS and token.tag_ in ("WP", "WDT", "WP$"):
            break  # "a former tax attorney in Arkansas who is serving ...": the title ends before its clause
        end += 1
    if end == start or end - start > _MAX_APPOSITIVE:
        return None
    phrase = doc[start:end]
    first = phrase[0]
    if _kin_of_possessor(phrase):  # "Bridgett Floyd, George Floyd's sister," / "Ana Ruiz, his wife,"
        end = len(phrase)
        while phrase[end - 1].is_punct and phrase[end - 1].tag_ != "POS":  # the sentence's end
            end -= 1
        return " ".join(phrase[1 if first.tag_ == "PRP$" or first.pos_ == "DET" else 0 : end].text.split())
    if first.lower_ in _CLAUSE_OPENERS or first.pos_ in ("VERB", "AUX", "ADP", "PRON"):
        return None
    if first.ent_type_ == "PERSON" or not any(_is_title_word(t) for t in phrase) or _next_in_list(phrase):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") for t in phrase):
        return None
    if first.lower_ in ("a", "an", "the"):
        phrase = phrase[1:]
    cut = phrase.text.endswith(("...", "…"))  # the page's text stops inside the title
    while len(phrase) and phrase[-1].is_punct:  # a paragraph's last full stop, which ends no parsed sentence
        phrase = phrase[:-1]
    return (phrase.text + "…" if cut and phrase.text else phrase.text) or None
