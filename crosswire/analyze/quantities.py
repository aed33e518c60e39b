"""Amounts in news text: money, percentages, durations, counts and measures.

Pure standard library: a scanner finds each number (digits, number words,
"dozens of", "a third of"), then small grammars read what surrounds it -- a
currency before it, a scale word, a unit, a rate ("a year"), a hedge
("about"), a change ("rose 3%") -- and a last pass joins "from A to B",
"between A and B" and "A-B" into one quantity.

Conventions (see `crosswire.model.Quantity`):
- `value` is in base units of the stated unit: "$350 billion" -> 3.5e11 USD,
  "25 percent" -> 25, "19 cents" -> 0.19 USD. Measures keep the unit stated
  ("8 miles" -> 8 "mile"), with a canonical, singular name.
- Counts have `unit == ""` and kind "count"; the counted noun is not part of
  the span ("12 people" -> span "12").
- A change "from A to B" is one quantity B with `from_value` A and
  change "to". A range ("between A and B", "A-B", "A to B", "dozens of")
  is one quantity with value B, `from_value` A and change "range".
- `per` is the denominator of a rate: a period ("year") or a thing ("share",
  "barrel").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crosswire.analyze import _units as U
from crosswire.model import Quantity

__all__ = ["find_quantities"]


def _alt(words, flags_ci: bool = False) -> str:
    """A regex alternation of literal words, longest first."""
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?i:{body})" if flags_ci else f"(?:{body})"


_WORD_UNITS = U.word_units()
_ABBR_UNITS = U.abbr_units()
_SMALL_WORDS = [w for w in U.SMALL_NUMBERS]
_UNIT_DIGITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# --- the number scanner ----------------------------------------------------
_NUMBER_RE = re.compile(
    rf"""
    (?<![\d.,/:])                 # not inside a number, a date or a time
    (?:
      \b(?P<vague>{_alt(U.VAGUE, True)}(?:\s+of\s+(?i:thousands|millions|billions))?)(?=\s+of\b)
    | \b(?P<frac>(?i:a|one|two|three|four)[\s-](?i:half|thirds?|quarters?|fifths?|tenths?))(?=\s+of\b)
    | \b(?P<frac_half>(?i:half))(?=\s+of\b)
    | \b(?P<half>(?i:half)\s+an?)(?=\s+(?i:dozen|hundred|thousand|million|billion|trillion)\b)
    | (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    | \b(?P<word>(?:{_alt(U.TENS, True)})(?:[-\s](?:{_alt(_UNIT_DIGITS, True)}))?
             |{_alt(_SMALL_WORDS, True)}|(?i:an?)(?=[\s-]+(?i:dozen|hundred|thousand|million|billion|trillion)\b))
      \b
    )
    """,
    re.VERBOSE,
)

_SCALE_WORD_RE = re.compile(r"[\s-]*(?i:(hundred|thousand|million|billion|trillion|dozen))\b")
# The second figure of a money range: "$140-150MM", "$1 - 2B", "$140m-150m" (the first has the currency).
_RANGE_AFTER_MONEY = re.compile(r"(?:[$€£¥]|\b[A-Z]{3} ?)[\d.,]+(?:bn|mn|MM|[kKmMB])?\s?(?:-|–|to)\s?$")
_SCALE_ABBR_RE = re.compile(r"(\s?)(bn|bln|mn|mln|tn|trn|k|K|MM|M|m|B)(?![A-Za-z])")  # MM: million (finance)
_PERCENT_RE = re.compile(
    r"\s?(?:(?P<pp>(?i:percentage[\s-]points?))|(?P<bp>(?i:basis[\s-]points?)|bps|bp\b)"
    r"|(?P<pc>%|(?i:per\s?cent|percent)|pc\b|pct\b))"
)
_CURRENCY_WORD_RE = re.compile(
    rf"[\s-]*(?P<cw>{_alt(U.CURRENCY_WORDS, True)})(?![A-Za-z])"
)
_POUNDS_RE = re.compile(r"[\s-]*(?i:pounds?)(?:\s+sterling)?(?![A-Za-z])")
_SUFFIX_CODE_RE = re.compile(rf"\s?(?P<code>{_alt(U.CURRENCY_SUFFIX_CODES)})(?![A-Za-z])")
_SUBUNIT_RE = re.compile(r"(?P<sp>\s?)(?P<sub>(?i:cents?|pence)|sen\b|p)(?![A-Za-z])")
_US_AFTER_RE = re.compile(r"\s(?:US|U\.S\.)(?![A-Za-z])")
_WORD_UNIT_RE = re.compile(
    rf"(?P<sep>[\s-]?)(?P<u>{_alt(_WORD_UNITS, True)})(?:[\s-]old)?(?![A-Za-z])"
)
_ABBR_UNIT_RE = re.compile(rf"(?P<sep>\s?)(?P<u>{_alt(_ABBR_UNITS)})(?![A-Za-z\d])")
_PER_RE = re.compile(
    rf"(?:\s+|-)(?:(?i:a|an|per|each|every)[\s-]+|/\s?)(?P<per>{_alt(U.PER_WORDS, True)})s?"
    r"(?![A-Za-z])(?!\s+(?i:earlier|ago|before|later|after|previously|on|prior))"
)
_PER_ADVERB_RE = re.compile(rf"[\s-]+(?P<adv>{_alt(U.PER_ADVERBS, True)})\b")
_OF_RE = re.compile(r"\s+of\s+")

# --- context before a number -------------------------------------------------
_PREFIX_RE = re.compile(rf"(?P<cur>{_alt(U.CURRENCY_PREFIXES)})\s?$")
_APPROX_RE = re.compile(
    r"(?:^|(?<=[^\w]))(?P<a>(?i:about|around|approximately|approx\.|roughly|nearly|almost|"
    r"some|more\s+than|over|at\s+least|up\s+to|less\s+than|fewer\s+than|under|just\s+under|"
    r"just\s+over|well\s+over|well\s+under|as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|"
    r"as\s+little\s+as|close\s+to|upwards\s+of|an\s+estimated|estimated|below|above|"
    r"at\s+most|no\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|in\s+excess\s+of|"
    r"sub)|~|≈)[\s-]*$"
)
_UP_WORDS = (
    "up rose risen rises rise rising increased increases increase gained gains gain jumped "
    "jumps climbed climbs surged soared advanced added grew grows grow raised boosted "
    "higher rallied"
).split()
_DOWN_WORDS = (
    "down fell fallen falls fall falling dropped drops drop declined declines decline "
    "decreased decrease slid slipped lost loses shed plunged plummeted tumbled sank eased "
    "dipped lower cut slumped lowered reduced slashed"
).split()
_CHANGE_RE = re.compile(
    rf"\b(?P<v>{_alt(_UP_WORDS + _DOWN_WORDS, True)})(?:\s+(?i:by|of))?\s+$"
)
_CHANGE_VERB_NEAR_RE = re.compile(
    rf"\b(?:{_alt(_UP_WORDS + _DOWN_WORDS, True)}|(?i:revised|slow|slowed|changed|moved|"
    r"creeping|went|go|going|grew|expand|expanded|shrank|shrunk|narrowed|widened|"
    r"trimmed|hiked|lifted))\b[^.;]{0,60}$"
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|"
    r"May|June|July|August|September|October|November|December"
)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTH})\s+$")
_MONTH_AFTER_RE = re.compile(rf"\s+(?:{_MONTH})\b")
_TIME_AFTER_RE = re.compile(r":\d|\s?(?:[ap]\.\s?m\.|(?i:am|pm)\b)|/\d|(?:st|nd|rd|th)\b|s\b|'s\b")
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_NEXT_WORD_RE = re.compile(r"[\s-]+(?P<w>[A-Za-z][A-Za-z'-]*)")
_PREV_WORD_RE = re.compile(r"(?P<w>[\w&'.-]+)[\s(]*$")
_RANGE_SEP_RE = re.compile(r"\s*(?:-|–|—|to-?|and|or|through)\s*$|\s*(?:-|–|—)\s*", re.I)

# Words after a bare number that show it does not count things.
_STOP = set(
    """
    a an the of to in on at by for with from and or but nor as than that which who whom whose
    when where while is are was were be been being has have had will would can could should
    may might must do does did not no so if then there here this these those it its he she
    they we you i his her their our your per into onto over under about after before during
    since until up down out off times also only just even still yet again more most less least
    another other each every all both some any such own same said says say told like
    percent cent pc am pm p.m a.m minus plus
    """.split()
)
_ONE_BEFORE_STOP = {"the", "this", "that", "no", "any", "every", "each", "which", "last", "same",
                    "someone", "anyone", "only"}
# Words before a number that make it a label, not an amount ("category 4").
_LABEL_WORDS = set(
    """category level phase stage article section chapter page room flight route channel number
    version season episode game grade tier class type gate platform step part round lane highway
    zone vol no. no pages exit interstate row seat verse figure table model""".split()
)
_TEMPORAL_PREPS = {"in", "since", "by", "of", "from", "until", "to", "during", "between", "and",
                   "before", "after", "through", "for", "year", "fiscal", "season", "early", "late"}
# Words that may be capitalised before a number without naming a product.
_CAP_OK = {
    "the", "a", "an", "about", "around", "some", "over", "nearly", "almost", "only", "just",
    "with", "for", "by", "at", "in", "on", "of", "to", "from", "and", "but", "all", "its",
    "their", "his", "her", "our", "more", "less", "up", "down", "roughly", "approximately",
    "those", "these", "another", "than", "under", "at least", "estimated", "after", "before",
    "since", "within", "every", "each", "top", "last", "first", "next", "least", "until",
    "nearly", "among", "between", "between", "while", "as", "when", "if", "there", "are",
    "were", "was", "is", "has", "had", "have", "said",
}


@dataclass(slots=True)
class _Cand:
    """A quantity while it is being read; `bare` = a number with no unit yet."""

    start: int
    end: int
    value: float
    unit: str
    kind: str
    bare: bool
    scaled: bool = False  # a scale word was read ("billion")
    explicit_unit: bool = False  # a unit or currency is written at this number
    raw: float = 0.0  # the number before scaling
    per: str | None = None
    approx: str | None = None
    change: str | None = None
    from_value: float | None = None
    plain_ok: bool = False  # a bare number that may stand alone (decimals, 1,200)
    is_one: bool = False
    year_like: bool = False


def find_quantities(text: str, *, spans: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in `text`, sorted and non-overlapping.

    `spans` are optional hints (e.g. spaCy MONEY/PERCENT/CARDINAL/QUANTITY
    entities): a bare number inside one is kept even with no unit or noun.
    """
    phones = [m.span() for m in _PHONE_RE.finditer(text)]
    cands: list[_Cand] = []
    pos = 0
    for m in _NUMBER_RE.finditer(text):
        if m.start() < pos or any(a <= m.start() < b for a, b in phones):
            continue
        cand = _read(text, m)
        if cand is not None:
            cands.append(cand)
            pos = cand.end
    cands = _join_ranges(text, cands)
    _money_of_money(text, cands)
    _conversions(text, cands)
    hints = spans or []
    out = []
    for c in cands:
        if c.bare and not c.plain_ok and not any(a <= c.start and c.end <= b for a, b in hints):
            continue
        if c.kind == "count" and c.from_value is None and _TALLY_BEFORE.search(text, 0, c.start):
            continue  # the second figure of a score or tally: "a 14-0 lead", "a 2-1 decision"
        out.append(
            Quantity(
                start=c.start, end=c.end, text=text[c.start:c.end], value=c.value,
                unit=c.unit, kind=c.kind, per=c.per, approx=c.approx, change=c.change,
                from_value=c.from_value,
            )
        )
    return out


_TALLY_BEFORE = re.compile(r"\d[-–]$")
_PART_OF = re.compile(r"\s+of\s+(?:the|a|an|its|their|his|her)\s+")


def _conversions(text: str, cands: list[_Cand]) -> None:
    """"58km (36 miles)", "1 billion euros ($1.2 billion)": the figure in brackets is the one before it
    in another unit, rounded, so it is approximate."""
    for a, b in zip(cands, cands[1:]):
        converted = a.kind == b.kind and a.unit != b.unit and _OPENS_BRACKET.fullmatch(text, a.end, b.start)
        if converted and b.approx is None:
            b.approx = "about"


_OPENS_BRACKET = re.compile(r"\s*\(\s*")


def _money_of_money(text: str, cands: list[_Cand]) -> None:
    """A bare amount that is part of a sum of money is money too: "raised 280 million of the 1.5 billion
    shekels it needs" (the currency is written once, at the whole)."""
    for a, b in zip(cands, cands[1:]):
        if not a.unit and a.kind == "count" and b.kind == "money" and _PART_OF.fullmatch(text, a.end, b.start):
            a.unit, a.kind, a.bare, a.explicit_unit = b.unit, "money", False, True


# --- reading one number ---------------------------------------------------


def _number_value(m: re.Match) -> tuple[float, str] | None:
    """The value of the scanned number and its type ("digits", "word", ...)."""
    if m["digits"]:
        return float(m["digits"].replace(",", "")), "digits"
    if m["word"]:
        w = m["word"].lower()
        if w in ("a", "an"):
            return 1.0, "a"
        parts = re.split(r"[-\s]", w)
        total = sum(U.TENS.get(p, U.SMALL_NUMBERS.get(p, 0)) for p in parts)
        return float(total), "word"
    if m["half"]:
        return 0.5, "a"
    if m["frac_half"]:  # "almost half of the staff"; not "the first half of 2024"
        return 0.5, "frac"
    if m["frac"]:
        head, tail = re.split(r"[\s-]", m["frac"].lower())
        n = 1 if head in ("a", "one") else U.SMALL_NUMBERS[head]
        return n * U.FRACTIONS[tail], "frac"
    return None


_HALF_OF_A_PERIOD = re.compile(r"(?i)\b(?:first|second|latter|other|last|this|next|the|a|one|and)\s+$")


def _read(text: str, m: re.Match) -> _Cand | None:
    """Read the amount around the number `m`, or None when it is no quantity."""
    if m["vague"]:
        return _read_vague(text, m)
    got = _number_value(m)
    if got is None:
        return None
    value, how = got
    start, end = m.start(), m.end()
    before = text[max(0, start - 60):start]
    if how == "digits" and _not_an_amount(text, start, end, before):
        return None
    if m["frac_half"] and _HALF_OF_A_PERIOD.search(before):
        return None  # "the first half of 2024", "the other half of the team": a part, not a share

    # A sign: "-1.4", "minus 233", "+0.2%" (but not the "-" of "15-22").
    change = None
    sign_start = start
    if re.search(r"(?i)covid\s*-$", before):
        return None  # "COVID -19"
    if start >= 1 and text[start - 1] in "-−+" and (start < 2 or not text[start - 2].isalnum()):
        if text[start - 1] == "+":
            change = "up"
        else:
            value = -value
        sign_start = start - 1
    elif re.search(r"(?i)\bminus[\s-]$", before):
        value = -value
        sign_start = start - len(re.search(r"(?i)minus[\s-]$", before)[0])
    elif re.search(r"[A-Za-z]-$", before) and how == "digits" and not _RANGE_AFTER_MONEY.search(before):
        if not re.search(r"(?i)\b(?:sub|to|now|over|under)-$", before):
            return None  # a model name: "F-35", "TA-35"

    # A currency before it: "$", "US$", "€", "PS" (a lossy "£").
    currency = None
    amount_start = sign_start
    pm = _PREFIX_RE.search(text[max(0, sign_start - 8):sign_start])
    if pm and how in ("digits", "a"):
        cur = pm["cur"]
        lead = sign_start - len(pm[0])
        # A code or "PS"/"RM" must not be the end of a longer word ("TIPS 3").
        if not (cur[0].isalpha() and lead > 0 and text[lead - 1].isalnum()):
            currency = U.CURRENCY_PREFIXES[cur]
            amount_start = lead
    if currency is None and how == "digits" and start > 0 and text[start - 1].isalpha():
        return None  # glued to a word: "S22", "X6", "9AB8"
    if currency is None and m["word"] and m["word"].lower() == "one" and before.endswith(("the ", "The ")):
        return None

    pos = end
    # Scale: "1.5 million", "3bn", "two hundred", "half a million", "€40m".
    raw = value
    scaled = False
    while True:
        sm = _SCALE_WORD_RE.match(text, pos)
        if sm:
            value *= 12 if sm[1].lower() == "dozen" else U.SCALES[sm[1].lower()]
            pos, scaled = sm.end(), True
            continue
        break
    if not scaled and how == "digits":
        am = _SCALE_ABBR_RE.match(text, pos)
        if am:
            abbr, spaced = am[2], bool(am[1])
            needs_money = abbr in ("m", "B", "MM") and not _RANGE_AFTER_MONEY.search(before)  # "$140-150MM"
            if (currency or not needs_money) and (not spaced or currency or abbr in ("bn", "mn", "mln", "bln", "tn")):
                value *= U.SCALES[abbr]
                pos, scaled = am.end(), True
    if how == "a" and not scaled:
        return None

    cand = _Cand(amount_start, pos, value, "", "count", bare=True, scaled=scaled, raw=raw,
                 change=change)
    if currency:
        cand.unit, cand.kind, cand.bare, cand.explicit_unit = currency, "money", False, True
        um = _US_AFTER_RE.match(text, pos) if currency == "USD" else None
        if um:
            pos = um.end()
        # "US$ 5 million dollars": a trailing word of the same currency.
        cw = _CURRENCY_WORD_RE.match(text, pos)
        if cw and U.CURRENCY_WORDS[cw["cw"].lower()] == currency:
            pos = cw.end()
        elif cw and cw["cw"].lower() == "sterling":  # "$1.25 sterling": the pound's price
            cand.unit, pos = "GBP", cw.end()
        cand.end = pos
    else:
        pos = _read_unit(text, pos, cand, how)
    if how == "frac" and not cand.unit:  # "two-thirds of the vote": a share, comparable with "64%"
        cand.unit, cand.kind = "fraction", "percent"
    if cand.bare:
        _judge_bare(text, cand, m, how, before)
    _read_rate(text, cand)
    _read_hedges(text, cand)
    if cand.is_one and cand.bare and not cand.plain_ok:
        return None
    return cand


def _not_an_amount(text: str, start: int, end: int, before: str) -> bool:
    """Dates, times, ordinals, years with no unit, decades, numbers glued to words."""
    after = text[end:end + 12]
    if _TIME_AFTER_RE.match(after):
        # "5s" could be seconds, but "1990s", "Model 3s" and "4:39" are not amounts.
        return True
    if _MONTH_BEFORE_RE.search(before) or (
        end - start <= 2 and _MONTH_AFTER_RE.match(after)
    ):
        return True
    if before.endswith(("No. ", "no. ", "#")):
        return True
    # Letters glued after the number must be a unit or scale ("5kW", "3bn"), not "5G".
    if end < len(text) and text[end].isalpha():
        if not (_ABBR_UNIT_RE.match(text, end) or _SCALE_ABBR_RE.match(text, end)
                or _WORD_UNIT_RE.match(text, end) or _PERCENT_RE.match(text, end)
                or _SUBUNIT_RE.match(text, end)):
            return True
    return False


def _read_unit(text: str, pos: int, cand: _Cand, how: str) -> int:
    """Read a percent sign, a currency word or code, or a unit after the number."""
    if pm := _PERCENT_RE.match(text, pos):
        if pm["pp"]:
            cand.unit = "percentage point"
        elif pm["bp"]:
            cand.unit = "basis point"
        else:
            cand.unit = "percent"
        return _set(cand, "percent", pm.end())
    # "pounds" is money after a scale word ("5 million pounds"), else a weight.
    if cand.scaled and (pp := _POUNDS_RE.match(text, pos)):
        cand.unit = "GBP"
        return _set(cand, "money", pp.end())
    if cw := _CURRENCY_WORD_RE.match(text, pos):
        word = cw["cw"].lower()
        # "won" as a currency needs a scale word or a number right before it.
        if word != "won" or cand.scaled or how == "digits":
            cand.unit = U.CURRENCY_WORDS[word]
            return _set(cand, "money", cw.end())
    if how == "digits" and (cm := _SUFFIX_CODE_RE.match(text, pos)):
        cand.unit = U.CURRENCY_SUFFIX_CODES[cm["code"]]
        return _set(cand, "money", cm.end())
    if not cand.scaled and (sm := _SUBUNIT_RE.match(text, pos)):
        sub = sm["sub"].lower()
        glued_p = sub == "p" and not sm["sp"]
        spaced_p_ok = sub == "p" and re.match(r"[,;)]|\.(?!\w)|\s(?:at|to|in|on|a|per)\b|$", text[sm.end():sm.end() + 5])
        if sub != "p" or glued_p or spaced_p_ok:
            cand.unit = U.SUBUNITS["p" if sub == "pence" else sub]
            cand.value /= 100
            return _set(cand, "money", sm.end())
    if wm := _WORD_UNIT_RE.match(text, pos):
        canon, kind = _WORD_UNITS[wm["u"].lower()]
        cand.unit = canon
        return _set(cand, kind, wm.end())
    if how == "digits" and (am := _ABBR_UNIT_RE.match(text, pos)):
        u = am["u"]
        if not (am["sep"] and u in U.GLUED_ONLY):
            # "in." only after a number glued to it is an inch; "12 C" needs a glue.
            canon, kind = _ABBR_UNITS[u]
            cand.unit = canon
            return _set(cand, kind, am.end())
    return pos


def _set(cand: _Cand, kind: str, end: int) -> int:
    cand.kind, cand.end, cand.bare, cand.explicit_unit = kind, end, False, True
    return end


# A capitalised plural of members of a group: "67 Republicans", "218 Democrats", "three Israelis".
_GROUP_NOUN = re.compile(r"[A-Z][a-z]+(?:ans|ats|ists|ites|is)")


def _judge_bare(text: str, cand: _Cand, m: re.Match, how: str, before: str) -> None:
    """Decide whether a number with no unit counts things ("12 people")."""
    nm = _NEXT_WORD_RE.match(text, cand.end)
    nxt = nm["w"] if nm else ""
    prev = _PREV_WORD_RE.search(before)
    prev_w = prev["w"] if prev else ""
    digits = m["digits"] or ""
    year_like = how == "digits" and re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", digits) and not cand.scaled
    if year_like:
        cand.year_like = True
        # "in 2019": a year, unless things are counted ("than 1000 customers").
        if not (nxt.islower() and nxt.endswith("s") and prev_w.lower() not in _TEMPORAL_PREPS):
            return
    if prev_w.lower() in _LABEL_WORDS:
        return  # "category 4", "page 12", "Game 7"
    if any(c.isupper() for c in prev_w) and prev_w.lower() not in _CAP_OK and not _sentence_start(before):
        return  # "iPhone 11", "Game 7", "FTSE 100"
    if m["word"] and m["word"].lower() == "one":
        cand.is_one = True
        if prev_w.lower() in _ONE_BEFORE_STOP or nxt.lower() in ("of", "another", "day", "way", "thing"):
            return
    noun_like = bool(nxt) and nxt.lower() not in _STOP and not nxt.lower().endswith("ly")
    if how in ("word", "a", "frac"):
        cand.plain_ok = noun_like or how == "frac" or cand.scaled or (nxt.lower() == "of" and how != "a")
        if how == "frac":
            cand.bare = False
    elif noun_like and (nxt[0].islower() or _GROUP_NOUN.fullmatch(nxt)):
        cand.plain_ok = True  # "12 people", "67 Republicans"
    elif cand.scaled or "," in digits or "." in digits:
        cand.plain_ok = True  # "4.3M", "1,334.20", "64,900"
    elif len(digits) >= 5 and not (nxt[:1].isupper()):
        cand.plain_ok = True  # "2483805": too long for a year, a day or a score


def _sentence_start(before: str) -> bool:
    """True when the previous word opens a sentence ("The 11 members")."""
    s = before.rstrip()
    i = s.rfind(" ")
    head = s[:i].rstrip() if i >= 0 else ""
    return not head or head[-1] in ".!?\"“:"


def _read_rate(text: str, cand: _Cand) -> None:
    """Read "a year", "per share", "annually" after the amount."""
    if rm := _PER_RE.match(text, cand.end):
        per = U.PER_WORDS[rm["per"].lower()]
        if per == cand.unit:
            return
        cand.per, cand.end = per, rm.end()
    elif am := _PER_ADVERB_RE.match(text, cand.end):
        cand.per, cand.end = U.PER_ADVERBS[am["adv"].lower()], am.end()


def _read_hedges(text: str, cand: _Cand) -> None:
    """Read "about", "more than" and "rose 3%" before the amount."""
    before = text[max(0, cand.start - 40):cand.start]
    if am := _APPROX_RE.search(before):
        a = am["a"]
        cand.approx = "about" if a in ("~", "≈") else ("under" if a.lower() == "sub" else re.sub(r"\s+", " ", a.lower()))
        if a.lower() != "sub":
            cand.start -= len(am[0])
        before = text[max(0, cand.start - 40):cand.start]
    # "fell below 50 percent", "rose above $3": a new level, not a change by so much ("rose more than 3%")
    if cand.change is None and cand.approx not in ("below", "above", "under") and (cm := _CHANGE_RE.search(before)):
        cand.change = "up" if cm["v"].lower() in _UP_WORDS else "down"
    if cand.change is None:
        cand.change = _difference_after(text, cand)


# "16 cents more than a month ago", "$1.08 per gallon higher than last year": a difference, not a level
_DIFFERENCE_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(more|higher|greater|less|lower|fewer|cheaper)(?:\s+[a-z]+)?\s+than\b", re.IGNORECASE
)


def _difference_after(text: str, cand: _Cand) -> str | None:
    """"up" or "down" when the words after the figure make it a difference ("16 cents more than a month
    ago"; a percentage also with no "than": "5% higher")."""
    if m := _DIFFERENCE_AFTER.match(text, cand.end):
        word = m[1].lower()
    elif cand.kind == "percent" and (m := re.match(r"\s+(higher|lower)\b", text[cand.end:cand.end + 8])):
        word = m[1]
    else:
        return None
    return "up" if word in ("more", "higher", "greater") else "down"


def _read_vague(text: str, m: re.Match) -> _Cand | None:
    """ "dozens of", "tens of millions of dollars": a range of one to ten times a base."""
    words = m["vague"].lower().split()
    base = float(U.VAGUE[words[0]])
    if len(words) == 3:
        base *= U.VAGUE[words[2]]
    cand = _Cand(m.start(), m.end(), base * 10, "", "count", bare=False, scaled=True, raw=base,
                 approx=words[0], change="range", from_value=base)
    if om := _OF_RE.match(text, m.end()):
        probe = _Cand(om.end(), om.end(), 0, "", "count", bare=True, scaled=True)
        end = _read_unit(text, om.end(), probe, "vague")
        if not probe.bare and probe.kind != "percent":
            cand.unit, cand.kind, cand.end = probe.unit, probe.kind, end
    _read_hedges(text, cand)
    return cand


# --- ranges and changes ---------------------------------------------------


# "rose by about", "dropped", "fell by": a change verb right before the first figure
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:by|rose|fell|dropped|declined|increased|decreased|climbed|jumped|slipped|slid"
                            r"|gained|grew|sank|surged|soared|plunged|tumbled)\s+(?:(?:about|around|roughly|nearly"
                            r"|almost|some|approximately|more\s+than|over|just\s+over|just\s+under|less\s+than)\s+)?$")


def _join_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join "from A to B", "between A and B", "A-B", "B from A" into one quantity."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        joined = _join(text, a, b) if b is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _join(text: str, a: _Cand, b: _Cand) -> _Cand | None:
    between = text[a.end:b.start]
    if len(between) > 12 or a.change == "range" or b.change == "range":
        return None
    before = text[max(0, a.start - 80):a.start]
    reverse = re.fullmatch(r"\s+from\s+", between) and re.search(r"\bto\s+$", before)
    sep = re.fullmatch(r"\s*(-|–|—|to-?|and|or|through)\s*", between, re.I)
    if not (sep or reverse):
        return None
    if sep and sep[1].lower().startswith("to") and _CHANGE_BEFORE.search(before) and (
            a.explicit_unit or a.scaled or b.value >= 4 * a.value > 0):
        # "rose by about 1 million to 9.3 million", "by $43 billion to $419 billion", "claims dropped 29,000 to
        # 348,000": the change and the new level; "dropped by 1 to 1.5 degrees" (one unit, near values) is a range
        return None
    word = sep[1].lower() if sep else "from"
    if word == "and" and not re.search(r"(?i)\bbetween\s+$", before):
        return None
    if word == "or" and not (a.bare and b.explicit_unit):
        return None
    after_from = re.search(r"(?i)\bfrom\s+(?:[a-z]+\s+){0,2}$", before) is not None
    if a.year_like or b.year_like:
        return None  # "from 2008 to 29 mpg", "between 1600 and 1900"
    if not a.explicit_unit and not b.explicit_unit:
        # Two plain numbers: "1 to 2 thousand people", "jumped from 240 to 273".
        if not (b.plain_ok or (after_from and word in ("to", "to-"))):
            return None
        if word in ("-", "–", "—") and b.value <= a.value:
            return None  # a score: "2-0", "89-89"
    if a.explicit_unit and b.bare and not after_from and not reverse and not (b.scaled and not a.scaled) and not (
            a.scaled and b.scaled and word in ("-", "–", "to")):  # "$140m-150m" is a range
        return None  # "rose 8.15% to 3.65": the 3.65 is a price, not the end of a range
    if a.explicit_unit and b.explicit_unit and (a.unit != b.unit or a.kind != b.kind):
        return None
    if b.bare and not b.plain_ok and not reverse and word in ("-", "–", "—") and not a.explicit_unit:
        return None
    unit, kind = (b.unit, b.kind) if b.explicit_unit else (a.unit, a.kind)
    lo, hi = _inherit_scale(a, b), _inherit_scale(b, a)
    if reverse:
        lo, hi = hi, lo  # "rose to B from A"
        change = "to"
    elif after_from and _CHANGE_VERB_NEAR_RE.search(re.sub(r"(?i)\bfrom\s+(?:[a-z]+\s+){0,2}$", "", before)):
        change = "to"
    elif lo > hi and not after_from:
        return None  # a split, not a range: "won 53 percent to 47 percent", "a 252-to-175 vote"
    else:
        change = "range"
    approx = a.approx or b.approx
    return replace(
        b, start=a.start, value=hi, unit=unit, kind=kind, bare=False, explicit_unit=True,
        per=b.per or a.per, approx=approx, change=change, from_value=lo,
        plain_ok=True,
    )


def _inherit_scale(x: _Cand, other: _Cand) -> float:
    """x's value, scaled like `other` when x has no scale of its own ("$3 to 5 billion")."""
    if x.scaled or not other.scaled or other.change == "range" or x.raw > other.raw:
        return x.value
    factor = other.value / other.raw if other.raw else 1.0
    return x.value * factor
