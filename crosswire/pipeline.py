"""compare(): the stages in order, in one readable function."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from crosswire.model import Analysis, Article, Comparison, Note, Problem, QuoteSummary

# A stored comparison is served only when this version (and ANALYSIS_VERSION) made it: raise it when
# claims, alignment or what a report holds change (v2: a statement one source puts twice is one finding;
# v3: a shared day alone no longer matches two statements, the timeline keeps unmatched statements of one day apart,
# a title written in full and later short is one role; organisations' reported speech is a quote; an
# organisation and its initials are one row; two values conflict only when they are of one thing, bounds
# hold against nothing they allow, place names of one country agree; a speaker left as 'which' is shown as none;
# v4: a share written as a fraction is held against a percentage; a person's age is compared between sources;
# a name with and without a middle initial is one person, so are a short and a full given name, and a bare
# surname (even one the model calls an organisation) is the one full name that ends with it, and a company's
# first word the company; initials may keep their "of" ("BOE");
# "later this month" is scheduled on the timeline, and an event is described by the clause holding its date;
# v5: one quotation given to two different people is a conflict over who said it; an event on the day of
# publication told in the future is scheduled; the writer's own voice, questions, prescriptions and judgements
# are opinion; a duration naming what a figure is measured over is no conflict, nor an age band a duration,
# nor two gaps from two events, nor two places of different kinds, nor two people's ages, nor figures one
# source gives both of; a time of day alone is its article's day; quotes name speakers as the people table
# does, and quoted words no one says are not listed; a finding names the source that reported it first;
# v6: two counts conflict only when they count the same plural noun ("two pirate boats" / "23 pirates" do not),
# and what a count counts is read within its sentence; "about 10,000" is 10,503 rounded; a sentence giving two
# dates is in no date conflict; a value is held against its closest match in a sentence of several; a modal
# in a relative or purpose clause does not make the sentence speculation; "seemed" is the writer's reading, and
# so is an aside set off by commas, "also, of course, withdrew"; a quotation split around its attribution is
# shown without it, "... the town, … It was our right"; "ten years ago" is a date, not also a duration;
# v7: wording shared inside quotation marks, or only a long name, makes no copy; a person another source
# names, under any label or untagged, is not named by one source alone; an undated "Friday" is shown so;
# v8: a time strictly inside a stated period corroborates nothing; "Tuesday evening" and "Tuesday" matched
# are one timeline event; "from 1979 through 2009" is shown 1979..2009; a vote's count "220-212" is a tally;
# a figure both sentences write is no conflict; "Zabiullah" and "Zabihullah Mujahid" are one person; v9: the day
# of "..., CNBC reported Sunday" is the report's, past; a figure of "the first three months of this year" is no
# figure of the year; a date an undated article leaves unresolved sets no sentences apart; a total "over the next
# decade" is no figure without those years; a day inside quoted words, “Today's debate”, is no timeline event;
# "Biles and three fellow gymnasts" are "the four gymnasts"; "Lo Presti" is "Gaetano Lo Presti"; v10: the figures
# of two people, each the one named before it, are no conflict: "Hiller had worked for 15 years" / "Dorsey's been at
# the plant for 37 years"; a long attribution between a quote's two parts is left out of its words; one sentence
# with a time and its day, "a midnight curfew it put in place Thursday", is one timeline event; a bare surname an
# article keeps apart from a full name, "Mr. Obama" beside "Michelle Obama", joins no source's row of her; "Ray
# Kelly" is "Raymond Kelly", and so for 16 more short given names; a transcript's turns are listed quotes).
COMPARISON_VERSION = "compare.v10"

PIPELINE_VERSION = "compare.v1"


def compare(
    sources: Iterable[str | Path | Article],
    *,
    published: dt.date | None = None,
    settings: dict | None = None,
    nlp=None,
    analyses: Mapping[str, Analysis] | None = None,
    vector_cache=None,
) -> Comparison:
    """Read, clean and analyse each source, then align claims across them.

    1. ingest  - each source becomes an Article; unreadable ones become Problems
    2. dates   - a date with no year takes it from the other sources (flagged as inferred)
    3. clean   - boilerplate out; captions and disclosures kept as notes
    4. analyze - sentences, entities and roles, quantities, times, quotes (batched)
    5. claims  - typed claims per sentence; opinion kept apart from fact
    6. align   - match claims across articles; a verdict per group
    7. summary - people and roles, timeline, quotes, notes per source

    `settings` is the dict of `crosswire.settings.load_settings()` (read from
    crosswire.toml and CROSSWIRE_* variables when not given). `analyses` (by
    article id, e.g. stored at ingestion) are used for the given articles whose
    text and date come out of steps 2-3 unchanged; the others are analysed.
    `vector_cache` (a store) keeps the sentence vectors step 6 makes, and gives
    back those it made before (`CachedEmbedder`).
    """
    from crosswire.align import align, order_findings
    from crosswire.align.attribution import speaker_conflicts
    from crosswire.align.origin import mark_shared_origin, origin_notes
    from crosswire.align.people import age_findings, name_aliases, people_summary, person_findings
    from crosswire.align.timeline import build_timeline
    from crosswire.analyze import parser_text
    from crosswire.claims import build_claims
    from crosswire.clean import clean
    from crosswire.ingest import expand_sources, read_all
    from crosswire.settings import load_settings

    settings = settings if settings is not None else load_settings()
    paths = [s for s in sources]
    given = [s for s in paths if isinstance(s, Article)]
    articles, problems = read_all(
        expand_sources(s for s in paths if not isinstance(s, Article)), published=published,
        max_bytes=settings["max_bytes"],
    )
    articles = given + articles
    dated = {a.id: a.published for a in given}  # a stored analysis holds for its article's date only
    articles = complete_dates(articles, published)
    articles = [clean(article) for article in articles]
    articles, empty = _drop_empty(articles)
    problems += empty

    # a stored analysis holds for the text as the parser reads it (no-break spaces made plain, however the
    # analysis's own copy of the text was kept) and for its date
    known = {a.id: analyses[a.id] for a in articles if a.id in (analyses or {})
             and parser_text(analyses[a.id].text) == parser_text(a.text)
             and a.id in dated and dated[a.id] == a.published}  # fmt: skip
    todo = [a for a in articles if a.id not in known]
    if todo and nlp is None:
        from crosswire.analyze.nlp import load_nlp

        nlp = load_nlp(settings["spacy_model"])
    known.update(_analyze_each(todo, nlp, settings, problems))
    articles = [a for a in articles if a.id in known]  # an article whose analysis failed is a problem
    analyses = [known[a.id] for a in articles]
    claims = [claim for article, analysis in zip(articles, analyses) for claim in build_claims(article, analysis)]
    embeddings = settings["embeddings"]
    embedder = _embedder(settings["embedding_model"] or None) if embeddings and len(articles) > 1 else None
    if embedder is not None and vector_cache is not None:
        from crosswire.align.embed import CachedEmbedder

        embedder = CachedEmbedder(embedder, vector_cache)
    aliases = name_aliases(analyses)  # one person's or organisation's other names, for the uses below
    misattributed = speaker_conflicts(articles, analyses, claims, aliases)
    alignment = align(articles, claims, embedder=embedder, conflicts=misattributed)
    people = person_findings(articles, analyses, aliases) + age_findings(articles, analyses, aliases)
    findings = order_findings(alignment.findings + people, articles)
    origin, related = origin_notes(articles)
    findings = mark_shared_origin(findings, related)

    entities = people_summary(articles, analyses, aliases)
    return Comparison(
        articles=articles,
        findings=findings,
        entities=entities,
        timeline=build_timeline(articles, claims, findings),
        quotes=quote_summaries(articles, analyses, _row_names(entities)),
        notes={a.id: list(a.notes) + origin[a.id] + _embedding_note(embedder, embeddings, articles) for a in articles},
        stats={a.id: source_stats(a, [c for c in claims if c.sentence.article_id == a.id]) for a in articles},
        problems=problems,
        claims=claims,
    )


def _analyze_each(articles: list[Article], nlp, settings, problems: list[Problem]) -> dict[str, Analysis]:
    """Analyses by article id, batched; if the batch fails, one by one, each failure a Problem."""
    if not articles:
        return {}
    try:
        done = analyze_articles(articles, nlp=nlp, batch_size=settings["batch_size"], n_process=settings["processes"])
        return {a.id: x for a, x in zip(articles, done)}
    except Exception:  # noqa: BLE001 - find the article at fault; the others are compared
        found = {}
        for article in articles:
            try:
                found[article.id] = analyze_articles([article], nlp=nlp)[0]
            except Exception as exc:  # noqa: BLE001
                problems.append(analysis_problem(article, exc))
        return found


def analysis_problem(article: Article, exc: Exception) -> Problem:
    """The one line a user sees when our analysis fails on an article (never their fault)."""
    return Problem(article.source,
                   f"analysis failed ({type(exc).__name__}: {exc}); this is a crosswire bug, please report it")


def analyze_articles(articles: list[Article], *, nlp=None, batch_size: int = 16, n_process: int = 1) -> list[Analysis]:
    from crosswire.analyze import analyze_texts

    texts, dates = [a.text for a in articles], [a.published for a in articles]
    return analyze_texts(texts, dates, nlp=nlp, batch_size=batch_size, n_process=n_process)


def complete_dates(articles: list[Article], published: dt.date | None) -> list[Article]:
    """Give a year to a dateline with none: the user's date, else the other sources' year.

    The machine's clock is never used: an article from last year read today
    must not be dated this year.
    """
    from crosswire.ingest import partial_date, with_published

    known = [a.published for a in articles if a.published and not a.published_inferred]
    done = []
    for article in articles:
        month_day = partial_date(article)
        if article.published is None and month_day:
            month, day = month_day
            if published is not None:
                date, reason = published, "the date given with --published"
            else:
                date, reason = _year_from_others(month, day, known)
            if date is not None:
                article = with_published(article, date, inferred=True, reason=reason)
        done.append(article)
    return done


def _year_from_others(month: int, day: int, known: list[dt.date]) -> tuple[dt.date | None, str]:
    """The year that puts month/day closest to the dates the other sources give."""
    best = None
    for other in known:
        for year in (other.year - 1, other.year, other.year + 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            distance = abs((candidate - other).days)
            if best is None or distance < best[0]:
                best = (distance, candidate)
    if best is None or best[0] > 183:
        return None, ""
    return best[1], "the year of the other sources of the story"


def _drop_empty(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    from crosswire.clean import NO_ARTICLE_TEXT, has_article_text

    kept, problems = [], []
    for article in articles:
        if has_article_text(article):
            kept.append(article)
        else:
            problems.append(Problem(article.source, NO_ARTICLE_TEXT))
    return kept, problems


def _embedder(model_dir: str | None):
    from crosswire.align.embed import get_embedder

    return get_embedder(model_dir)


def _embedding_note(embedder, wanted: bool, articles: list[Article]) -> list[Note]:
    if embedder is None and wanted and len(articles) > 1:
        return [Note("warning", "sentence-embedding model not installed: paraphrases matched by shared words only")]
    return []


def _row_names(entities) -> dict[str, str]:
    """Each spelling of a person or organisation -> the name of its row in the people table."""
    from crosswire.align.people import name_key

    return {name_key(spelling): row.name for row in entities for spelling in (row.name, *row.variants)}


def quote_summaries(articles: list[Article], analyses: list[Analysis],
                    names: Mapping[str, str] | None = None) -> list[QuoteSummary]:
    """The quotes a reader takes for speech, each speaker under the name of its row in the people table
    (`names`, from `_row_names`: "Chuck Schumer" in one source and "Charles E. Schumer" in another are one)."""
    from crosswire.align.evidence import evidence_for_span
    from crosswire.align.people import name_key

    quotes = []
    for article, analysis in zip(articles, analyses):
        speakers = {e.name for e in analysis.entities if e.label in ("PERSON", "ORG")}
        for quote in analysis.quotes:
            if not _is_speech(quote, article.text, speakers):
                continue
            end = _closing_mark_end(article.text, quote.content_start, quote.content_end)
            speaker = None if (quote.speaker or "").casefold() in _RELATIVE_PRONOUNS else quote.speaker
            if speaker and not quote.anonymous:
                speaker = (names or {}).get(name_key(speaker), speaker)
            quotes.append(
                QuoteSummary(
                    speaker=speaker,
                    anonymous=quote.anonymous,
                    text=_without_attribution(article.text[quote.content_start : end]),
                    kind=quote.kind,
                    evidence=evidence_for_span(article, quote.content_start, end),
                )
            )
    return quotes


# A quotation split around its attribution: '...the whole town,” he said. “This was ...'
# The attribution may run long: '...prosecution,” said Rep. Ana Ruiz, the top Democrat on the committee, in a
# statement. “Republicans ...', '...optional," Ruiz said after Hale failed to show up at the hearing. "Mr. Hale ...'
# ... and after a quote inside the quote: '"People say, 'It doesn't matter,'" said ...'
_SPLIT_ATTRIBUTION = re.compile(r"(?<=[,.?!—'’])[”\"]\s+([^“”\"\n]{1,240}?)\s*[“\"]")


def _without_attribution(quoted: str) -> str:
    """The words of a quotation split around its attribution, joined by an ellipsis: the attribution
    is not part of what was said ('...the whole town, … This was our right')."""
    from crosswire.align.evidence import SPEECH_WORDS

    def joined(match: re.Match) -> str:
        words = set(re.findall(r"[a-z]+", match.group(1).casefold()))
        return " … " if words & SPEECH_WORDS else match.group(0)

    return _SPLIT_ATTRIBUTION.sub(joined, quoted)


def _closing_mark_end(text: str, start: int, end: int) -> int:
    """End of a quote's content as shown: past the closing mark when the content opens one and the
    mark follows within two characters (content 'calls “fair freight terms' of
    'calls “fair freight terms,” an official said' is shown with its ',”')."""
    content = text[start:end]
    if content.count("\u201c") > content.count("\u201d"):
        close = text.find("\u201d", end, end + 3)
    elif content.count('"') % 2:
        close = text.find('"', end, end + 3)
    else:
        return end
    return close + 1 if close != -1 else end


# Reported speech listed among a report's quotes: verbs of saying (SPEECH_WORDS; the extractor also finds
# stance verbs such as "think" or "support", which PolNeAR counts but a reader does not take for a quote).
_SPEECH_PHRASES = ("according to", "made clear")
_RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})  # a speaker left unresolved names no one
_DESCRIBED_SOURCE = re.compile(r"[Tt]he(?:\s+[a-z][a-z-]+(?:['’]s)?){1,3}")  # "the ministry", "the governor's office"
# Words that are themselves what was said: "the remarks suggest ..." is the writer's reading, not a source.
_UTTERANCES = frozenset("remarks remark comments comment words speech answer answers tone message".split())


def _described_source(speaker: str) -> bool:
    return bool(_DESCRIBED_SOURCE.fullmatch(speaker)) and speaker.split()[-1] not in _UTTERANCES


def _named(speaker: str, names: set[str]) -> bool:
    """A name the article gives, or several joined ("Ana Ruiz and Tom Hale", "Ana Ruiz, Li Wei and Tom Hale")."""
    return speaker in names or all(part in names for part in re.split(r", | and ", speaker))


def _is_speech(quote, text: str, speakers: set[str]) -> bool:
    """Direct quotes always, partly quoted speech with a speaker; reported speech of three words or more
    when a named person or organisation, an anonymous source or a body described in a few words ("the
    drugmaker", "the ministry") says it."""
    if quote.kind == "direct":
        return True
    if quote.kind == "mixed":  # words in quotation marks inside a sentence, with no one saying them, are a
        return bool(quote.speaker)  # name or a scare quote ("known only as “Executive Assistant #1”")
    if len(text[quote.content_start : quote.content_end].split()) < 3:
        return False  # "Mr. Schumer announced the deal": what was announced, not what was said
    if quote.cue_start is not None and text[quote.cue_start : quote.cue_end] == ":" and quote.speaker:
        return True  # a transcript's turn, "PENCE: Well, look, ...": the speaker's own words
    if quote.cue_start is None or not (quote.anonymous or _named(quote.speaker or "", speakers)
                                       or _described_source(quote.speaker or "")):
        return False
    cue = text[quote.cue_start : quote.cue_end].casefold()  # "said", "has also said", "according to"
    from crosswire.align.evidence import SPEECH_WORDS

    return not SPEECH_WORDS.isdisjoint(re.findall(r"[a-z]+", cue)) or any(p in cue for p in _SPEECH_PHRASES)


def source_stats(article: Article, claims) -> dict:
    """How much of a source is reporting: shares of fact, opinion and caption sentences."""
    total = len(claims) or 1
    kinds = {k: sum(1 for c in claims if c.kind == k) for k in ("fact", "opinion", "caption")}
    from crosswire.clean import REMOVING_KINDS

    removed = sum(1 for n in article.notes if n.kind in REMOVING_KINDS)
    return {
        "sentences": len(claims),
        "facts": kinds["fact"],
        "opinion": kinds["opinion"],
        "captions": kinds["caption"],
        "opinion_share": round(kinds["opinion"] / total, 3),
        "boilerplate_removed": removed,
        "raw_chars": len(article.raw_text),
        "clean_chars": len(article.text),
        "words": len(article.text.split()),
    }
