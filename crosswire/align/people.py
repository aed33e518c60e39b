"""People and organisations across sources: one entity, however each outlet spells it.

"Kim Yong-beom", "KIM YONG-BEOM" and "Kim Yongbeom" are one person; "Lee Jae
Myung" and "Lee Jae-myung" too. Titles differ between outlets ("presidential
policy director" vs "Presidential Chief of Staff for Policy"): they are listed
as variants, never reported as a conflict.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict

from crosswire.align.evidence import evidence_for_span
from crosswire.analyze.entities import COMPANY_SUFFIXES, NAME_SUFFIXES, SURNAME_PARTICLES
from crosswire.model import Analysis, Article, Finding, PersonSummary

_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "prof"}


def name_key(name: str) -> str:
    """A spelling-insensitive key: no accents, case, hyphens, spaces or possessive."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’]s\b", "", text.casefold())
    words = [w for w in re.split(r"[\s\-.]+", text) if w and w not in _HONORIFICS]
    return "".join(words)


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def _fullest_roles(roles: list[str]) -> tuple[str, ...]:
    """A source's titles for one person, less those a longer one holds ("President" beside
    "U.S. President"): the same title written in full once and short later."""
    words = [r.casefold().split() for r in roles]
    return tuple(r for r, w in zip(roles, words)
                 if not any(len(o) > len(w) and o[-len(w):] == w for o in words))


def people_summary(articles: list[Article], analyses: list[Analysis],
                   aliases: dict[str, str] | None = None) -> list[PersonSummary]:
    """Each person or organisation, with its names, roles and mentions per article (`aliases`: `name_aliases`
    of the analyses, when the caller has them already)."""
    labels = ("PERSON", "ORG")
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # key -> spelling -> count
    labels_of: dict[str, Counter] = defaultdict(Counter)  # key -> label -> mentions
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    outlets = _outlet_keys(articles)
    aliases = name_aliases(analyses) if aliases is None else aliases
    for article, analysis in zip(articles, analyses):
        for entity in analysis.entities:
            if entity.label not in labels:
                continue
            key = name_key(entity.name)
            if not key:
                continue
            key = aliases.get(key, key)
            names[key][entity.name] += 1
            labels_of[key][entity.label] += 1
            mentions[key][article.id] += 1
            for role in entity.roles:
                if role not in roles[key][article.id]:
                    roles[key][article.id].append(role)
    for key, spellings in names.items():  # a full name another source writes where the model tagged none
        for article in articles:
            if article.id not in mentions[key]:
                found = sum(len(_name_pattern(name).findall(article.text)) for name in spellings
                            if " " in name and name in article.text)
                if found:
                    mentions[key][article.id] = found
    summaries = []
    for key, spellings in names.items():
        ordered = sorted(spellings, key=lambda s: (-spellings[s], -len(s)))
        summaries.append(
            PersonSummary(
                name=ordered[0],
                label="ORG" if key in outlets or _names_a_company(spellings)
                else labels_of[key].most_common(1)[0][0],
                variants=tuple(ordered[1:]),
                roles={aid: _fullest_roles(r) for aid, r in roles[key].items()},
                mentions=dict(mentions[key]),
            )
        )
    summaries.sort(key=lambda p: (p.label != "PERSON", -len(p.mentions), -sum(p.mentions.values()), p.name))
    return summaries


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_NOT_INITIALS = {"and", "of", "the", "for", "on", "in", "&"}


def _names(analyses: list[Analysis], *labels: str) -> set[str]:
    return {e.name for analysis in analyses for e in analysis.entities if e.label in labels}


def name_aliases(analyses: list[Analysis]) -> dict[str, str]:
    """Key of another name of one entity -> the key its rows go under: initials, a middle initial, a bare surname,
    a short given name. The rules' pairs are joined, so that "Chuck Schumer", "Charles E. Schumer" and "Schumer"
    all go under one key (the smallest of them: any one will do, the row shows the commonest spelling)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    def join(pairs: dict[str, str]) -> None:
        for a, b in pairs.items():
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

    for rule in (_acronyms, _middle_initials, _short_forms, _companies, _spellings):
        join(rule(analyses))
    join(_surnames(analyses, root))  # last: a surname is one person's only once the full names are joined
    return {key: root(key) for key in parent}


# Short forms of given names that newspapers use beside the full one ("Chuck Schumer", "Charles E. Schumer")
_SHORT_FORMS = {
    "bill": "william", "billy": "william", "will": "william", "bob": "robert", "bobby": "robert", "rob": "robert",
    "chuck": "charles", "charlie": "charles", "dick": "richard", "rick": "richard", "jim": "james",
    "jimmy": "james", "joe": "joseph", "mike": "michael", "tom": "thomas", "tommy": "thomas", "tony": "anthony",
    "dave": "david", "dan": "daniel", "danny": "daniel", "chris": "christopher", "matt": "matthew",
    "nick": "nicholas", "pat": "patrick", "steve": "steven", "stephen": "steven", "sam": "samuel",
    "ben": "benjamin", "alex": "alexander", "andy": "andrew", "tim": "timothy", "greg": "gregory",
    "jeff": "jeffrey", "ken": "kenneth", "larry": "lawrence", "jerry": "gerald", "mitch": "mitchell",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "katie": "katherine", "sue": "susan",
    "maggie": "margaret", "peggy": "margaret", "jenny": "jennifer", "becky": "rebecca", "debbie": "deborah",
    "ray": "raymond", "rudy": "rudolph", "ed": "edward", "eddie": "edward", "ted": "edward", "fred": "frederick",
    "don": "donald", "ron": "ronald", "johnny": "john", "gene": "eugene", "walt": "walter", "phil": "philip",
    "vince": "vincent", "doug": "douglas", "abby": "abigail", "cathy": "catherine", "kathy": "katherine",
}


def _short_forms(analyses: list[Analysis]) -> dict[str, str]:
    """"Chuck Schumer" and "Charles E. Schumer" are one person: the same surname, given names that are one name
    in full and short, and no two middle initials in the group (a father and a son stay apart)."""
    names = _names(analyses, "PERSON")
    groups: dict[tuple[str, str], dict[str, tuple[str, ...]]] = defaultdict(dict)  # (given, surname) -> key -> initials
    for name in names:
        words = without_suffixes(name)
        if len(words) < 2:
            continue
        given = words[0].casefold().rstrip(".")
        initials = tuple(w for w in words[1:-1] if _INITIAL.fullmatch(w))
        if len(words) - 2 != len(initials):
            continue  # a second given name or a particle: not this rule's to judge
        groups[_SHORT_FORMS.get(given, given), name_key(words[-1])][name_key(name)] = initials
    aliases = {}
    for members in groups.values():
        if len(members) > 1 and len({i for i in members.values() if i}) <= 1:
            keep = max(members, key=lambda k: (bool(members[k]), len(k), k))  # the fullest form names the row
            aliases.update({k: keep for k in members if k != keep})
    return aliases


def _spellings(analyses: list[Analysis]) -> dict[str, str]:
    """"Zabiullah Mujahid" and "Zabihullah Mujahid": one person whose name outlets transliterate or misspell
    differently, when the two full names have as many words, each pair of words is at most one letter apart,
    two letters in all, every word that differs has five letters or more ("Dan Brown" and "Don Brown" stay two),
    and no article writes both. The name more mentions use keeps the row."""
    per_article = [{e.name for e in a.entities if e.label == "PERSON"} for a in analyses]
    mentions = Counter(e.name for a in analyses for e in a.entities if e.label == "PERSON")
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for name in mentions:
        words = without_suffixes(name)
        if len(words) >= 2:
            blocks[len(words), words[0][:1].casefold(), words[-1][:1].casefold()].append(name)
    aliases: dict[str, str] = {}
    for names in blocks.values():
        for a, b in itertools.combinations(sorted(names), 2):
            if _spelled_alike(without_suffixes(a), without_suffixes(b)) \
                    and not any(a in seen and b in seen for seen in per_article):
                rare, common = sorted((a, b), key=lambda n: (mentions[n], n))
                if name_key(rare) != name_key(common):  # "Moïse" and "Moise" are one key already
                    aliases[name_key(rare)] = name_key(common)
    return aliases


def _spelled_alike(a: list[str], b: list[str]) -> bool:
    differing = [(x, y) for x, y in zip(a, b) if x.casefold() != y.casefold()]
    return len(differing) in (1, 2) and sum(_letters_apart(x, y) for x, y in differing) <= 2 \
        and all(min(len(x), len(y)) >= 5 and _letters_apart(x, y) == 1 for x, y in differing)


def _letters_apart(x: str, y: str) -> int:
    """1 when one letter changed, was added or dropped; 2 for anything more."""
    x, y = x.casefold(), y.casefold()
    if len(x) == len(y):
        return 1 if sum(p != q for p, q in zip(x, y)) == 1 else 2
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) != 1:
        return 2
    return 1 if any(long[:k] + long[k + 1 :] == short for k in range(len(long))) else 2


def _names_a_company(spellings) -> bool:
    return any(_company_name(s) for s in spellings)


def _company_name(name: str) -> bool:
    """A company's full name: two words or more, the last a company suffix ("Pfizer Inc", "Hanwha Group")."""
    words = name.split()
    return len(words) >= 2 and words[-1].casefold().rstrip(".") in COMPANY_SUFFIXES


def _one_word_aliases(names, full: dict[str, set[str]], words=str.split) -> dict[str, str]:
    """Key of each one-word name -> the one key `full` lists under its word (none when it lists several)."""
    one_word = {n: name_key(w[0]) for n in names if len(w := words(n)) == 1}
    return {name_key(n): next(iter(full[key])) for n, key in one_word.items() if len(full.get(key, ())) == 1}


def without_suffixes(name: str) -> list[str]:
    """The words of a name less "Jr.", "III" and the like."""
    return [w for w in name.split() if w.casefold().rstrip(".") not in NAME_SUFFIXES]


def _companies(analyses: list[Analysis]) -> dict[str, str]:
    """"Pfizer" (which the small model often calls a person) and "Pfizer Inc" another source writes: one company,
    when just one company's full name starts with the word."""
    full: dict[str, set[str]] = defaultdict(set)  # key of a first word -> keys of the companies it opens
    names = _names(analyses, "ORG", "PERSON")
    for name in names:
        if _company_name(name):
            full[name_key(name.split()[0])].add(name_key(name))
    return _one_word_aliases(names, full)


def _surnames(analyses: list[Analysis], root) -> dict[str, str]:
    """A bare surname one source uses ("Biden") and the full name another gives ("President Joe Biden") are one
    person when just one full name of the sources ends with that surname ("Trump" beside "Donald Trump" and
    "Melania Trump" stays apart). Within one article the entity rules have done this already."""
    names = _names(analyses, "PERSON")
    full: dict[str, set[str]] = defaultdict(set)  # key of a surname -> the people (keys) whose full names end with it
    for name in names:
        words = _surname_units(name)
        if len(words) >= 2:
            full[name_key(words[-1])].add(root(name_key(name)))
    # a bare surname the model took for an organisation ("Mayorkas" said) is the person too, and so is one with a
    # suffix ("Vance Jr." beside "Cyrus Vance Jr.") or a particle ("Lo Presti" beside "Gaetano Lo Presti")
    aliases = _one_word_aliases(_names(analyses, "PERSON", "ORG"), full, _surname_units)
    apart = _kept_apart(analyses)
    return {short: key for short, key in aliases.items() if short not in apart}


def _kept_apart(analyses: list[Analysis]) -> set[str]:
    """Keys of bare surnames that an article names beside a full name ending with them, as two people: the entity
    rules chose not to join them ("Mr. Obama" beside "the first lady, Michelle Obama")."""
    apart = set()
    for analysis in analyses:
        people = {e.name for e in analysis.entities if e.label == "PERSON"}
        surnames = {name_key(units[-1]) for name in people if len(units := _surname_units(name)) >= 2}
        apart |= {name_key(name) for name in people if len(_surname_units(name)) == 1} & surnames
    return apart


def _surname_units(name: str) -> list[str]:
    """The words of a name less suffixes, a surname's particle joined to the word after it: "Gaetano Lo Presti" ->
    ["Gaetano", "Lo Presti"], "Lo Presti" -> ["Lo Presti"]."""
    words = without_suffixes(name)
    if len(words) >= 2 and words[-2].casefold() in SURNAME_PARTICLES:
        words = words[:-2] + [" ".join(words[-2:])]
    return words


_INITIAL = re.compile(r"[A-Z]\.?")


def _middle_initials(analyses: list[Analysis]) -> dict[str, str]:
    """"Rochelle P. Walensky" and "John G. Roberts Jr." are "Rochelle Walensky" and "John Roberts" when the
    sources use both, and only one name with initials shortens to that name ("George H. W. Bush" and
    "George W. Bush" both shorten to "George Bush": neither is taken for him)."""
    names = _names(analyses, "PERSON")
    keys = {name_key(n) for n in names}
    short: dict[str, set[str]] = defaultdict(set)  # key of the short name -> keys of the names with initials
    for name in names:
        words = name.split()
        kept = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and _INITIAL.fullmatch(w))
                and not (k and w.casefold().rstrip(".") in NAME_SUFFIXES)]
        if len(kept) >= 2 and len(kept) < len(words) and name_key(" ".join(kept)) in keys:
            short[name_key(" ".join(kept))].add(name_key(name))
    return {next(iter(full)): key for key, full in short.items() if len(full) == 1}


def _acronyms(analyses: list[Analysis]) -> dict[str, str]:
    """Other names of one organisation -> the key of its name: its initials ("FDA", "CDC" for
    "Centers for Disease Control and Prevention") and its name with a country in front ("U.S.
    Food and Drug Administration"), when the sources use both. An acronym only when one name fits."""
    names = _names(analyses, "ORG")
    keys = {name_key(n) for n in names}
    aliases = {}
    for name in names:  # "U.S. Food and Drug Administration" and "Food and Drug Administration"
        first, _, rest = name.partition(" ")
        if first.replace(".", "") in _COUNTRY_INITIALS and name_key(rest) in keys:
            aliases[name_key(name)] = name_key(rest)
    full: dict[str, set[str]] = defaultdict(set)  # initials -> keys of the names that give them
    for name in names:
        words = [w for w in name.split() if w.casefold() not in _NOT_INITIALS]
        if _ACRONYM.fullmatch(name) or len(words) < 2 or not all(w[:1].isupper() for w in words):
            continue
        key = aliases.get(name_key(name), name_key(name))
        if words[0].replace(".", "") in _COUNTRY_INITIALS:
            words = words[1:]
        initials = "".join(w[0] for w in words)
        for length in range(3, len(initials) + 1) if len(initials) > 3 else [len(initials)]:
            full[initials[:length]].add(key)  # "CDC" named before "and Prevention" joined it
        # ...and with the "of" some initials keep: "DOJ", "BOE" for "Board of Elections"
        with_of = [w for w in name.split() if w.casefold() == "of" or w.casefold() not in _NOT_INITIALS]
        if with_of[0].replace(".", "") in _COUNTRY_INITIALS:
            with_of = with_of[1:]
        full["".join(w[0].upper() for w in with_of)].add(key)
    for acronym in names:
        if _ACRONYM.fullmatch(acronym) and len(full.get(acronym, ())) == 1:
            aliases[name_key(acronym)] = next(iter(full[acronym]))
    return aliases


_COUNTRY_INITIALS = {"US", "UK", "EU"}


def _outlet_keys(articles: list[Article]) -> set[str]:
    """The outlets compared: named in a text ("data compiled by Meridian Wire") they are no person."""
    return {name_key(a.outlet) for a in articles if a.outlet}


def person_findings(articles: list[Article], analyses: list[Analysis],
                    aliases: dict[str, str] | None = None) -> list[Finding]:
    """People only one source names: who a single outlet brings into the story."""
    if len(articles) < 2:
        return []
    first_mention: dict[str, dict[str, tuple]] = defaultdict(dict)  # key -> article id -> (entity, analysis)
    outlets = _outlet_keys(articles)
    aliases = name_aliases(analyses) if aliases is None else aliases
    named_in: dict[str, set[str]] = defaultdict(set)  # any label: "Pfizer" a person here, an organisation there
    for article, analysis in zip(articles, analyses):
        for entity in analysis.entities:
            key = aliases.get(name_key(entity.name), name_key(entity.name))
            named_in[key].add(article.id)
            if entity.label != "PERSON" or not key or key in outlets:
                continue
            seen = first_mention[key].get(article.id)
            in_caption = article.in_caption(entity.start, entity.end)
            if seen is None or (seen[2] and not in_caption):
                first_mention[key][article.id] = (entity, analysis, in_caption)
    findings = []
    by_id = {a.id: a for a in articles}
    for key, per_article in first_mention.items():
        if len(per_article) != 1 or len(named_in[key]) != 1:
            continue
        (article_id, (entity, analysis, _)), = per_article.items()
        if _written_elsewhere(entity.name, article_id, articles):
            continue  # another source writes the name, where the model did not tag it
        article = by_id[article_id]
        start, end = _sentence_of(analysis, entity)
        kind = "caption" if article.in_caption(start, end) else "fact"
        evidence = dataclasses.replace(
            evidence_for_span(article, start, end, kind=kind),
            value=entity.name, display=entity.name, value_start=entity.start, value_end=entity.end,
        )
        role = f" ({entity.roles[0]})" if entity.roles else ""  # "names Maya Wiley (former counsel to the mayor)"
        findings.append(
            Finding(verdict="unique", statement=f"names {entity.name}{role}", evidence=(evidence,), slot="person")
        )
    return findings


def _written_elsewhere(name: str, article_id: str, articles: list[Article]) -> bool:
    """The name, as a whole word or words, in the text of another article."""
    pattern = _name_pattern(name)
    return any(a.id != article_id and pattern.search(a.text) for a in articles)


@functools.lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


# Ages are compared only between reports this close in time: a birthday can fall between two articles a year apart.
AGE_DAYS = 180


def age_findings(articles: list[Article], analyses: list[Analysis],
                 aliases: dict[str, str] | None = None) -> list[Finding]:
    """A person's age as each source gives it ("Ana Ruiz, 54,"): corroborated when the sources that give one
    agree, conflicting when they differ (the first age each source gives; articles far apart in time are
    not held against each other)."""
    if len(articles) < 2:
        return []
    ages: dict[str, dict[str, tuple]] = defaultdict(dict)  # person key -> article id -> (entity, analysis)
    aliases = name_aliases(analyses) if aliases is None else aliases
    for article, analysis in zip(articles, analyses):
        for entity in analysis.entities:
            key = aliases.get(name_key(entity.name), name_key(entity.name))
            if entity.label == "PERSON" and entity.age is not None and key:
                ages[key].setdefault(article.id, (entity, analysis))
    by_id = {a.id: a for a in articles}
    findings = []
    for per_article in ages.values():
        if len(per_article) < 2 or not _near_in_time([by_id[a] for a in per_article]):
            continue
        evidence = tuple(_age_evidence(by_id[aid], entity, analysis) for aid, (entity, analysis) in per_article.items())
        differ = len({e.value for e in evidence}) > 1
        name = next(iter(per_article.values()))[0].name
        findings.append(Finding(verdict="conflicting" if differ else "corroborated", statement=f"age of {name}",
                                evidence=evidence, slot="age"))
    return findings


def _near_in_time(articles: list[Article]) -> bool:
    days = [a.published for a in articles if a.published is not None]
    return not days or (max(days) - min(days)).days <= AGE_DAYS


def _age_evidence(article: Article, entity, analysis: Analysis):
    start, end = _sentence_of(analysis, entity)
    digits = re.search(r"\d+", article.text[entity.end : entity.end + 8])
    value_start = entity.end + digits.start() if digits else entity.start
    value_end = entity.end + digits.end() if digits else entity.end
    return dataclasses.replace(
        evidence_for_span(article, start, end, kind="caption" if article.in_caption(start, end) else "fact"),
        value=entity.age, display=f"{entity.age}", value_start=value_start, value_end=value_end,
    )


def _sentence_of(analysis: Analysis, entity) -> tuple[int, int]:
    """The offsets of the sentence that holds the mention (the mention's own when none does)."""
    sentence = next((s for s in analysis.sentences if s.start <= entity.start < s.end), None)
    return (sentence.start, sentence.end) if sentence else (entity.start, entity.end)
