"""Word tables for `crosswire.analyze.times`: the vocabulary of English time expressions.

Kept apart from the grammar so that adding a word never means touching a regex.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

WEEKDAYS: dict[str, int] = {  # ISO numbering: Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}

# TimeML parts of the day.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "tonight": "NI",
}

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

# Numbers written as words ("two-day", "the past three years").
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "couple of": 2, "half a": 0.5,
}
# Quantities that are not a number: TimeML writes them as X ("PXY").
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

# unit word -> (TimeML duration letter, months or days it spans, is a time unit)
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE",
}
TIME_UNITS = frozenset({"second", "minute", "hour"})

# Frequency adverbs -> SET value. Not "quarterly": mostly an adjective ("quarterly profit").
FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M",
    "annually": "P1Y", "yearly": "P1Y", "biannually": "P6M", "semiannually": "P6M",
}

# Words that hedge an amount of time -> TimeML mod.
HEDGES: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "just under": "LESS_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "within": "EQUAL_OR_LESS",
}

# early/mid/late and friends -> TimeML mod.
POSITION_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "mid": "MID", "middle": "MID", "the middle of": "MID", "the mid": "MID",
    "late": "END", "later": "END", "the end of": "END",
    # without "the" ("by end of March", "start of 2026"), as headlines and business copy write them
    "beginning of": "START", "start of": "START", "middle of": "MID", "end of": "END",
}

# Deictic words with a fixed TimeML value.
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "the distant future": "FUTURE_REF",
}
# Left out on purpose, because TimeBank annotates them too rarely to be worth the
# false hits: "once", "earlier", "previously", "soon", "shortly", bare "future",
# "current", "recent", "already".

# Tense cues around a bare weekday or month (see times.resolve._direction). Checked before
# the generic "-ed" rule, so "scheduled" and "expected" read as future.
FUTURE_CUES = frozenset({
    "will", "'ll", "shall", "scheduled", "schedule", "set", "expected", "expects", "expect",
    "upcoming", "plans", "plan", "planned", "planning", "due", "next", "coming",
    "going", "intends", "aims", "hopes", "slated", "tomorrow", "await", "awaits",
    "wo", "won't",
})
# Verbs of saying/doing in the past that are not "-ed" forms.
PAST_CUES = frozenset({
    "said", "told", "was", "were", "had", "did", "met", "went", "came", "took", "made",
    "gave", "saw", "began", "left", "won", "lost", "held", "struck", "hit", "shot", "fell",
    "rose", "broke", "spoke", "wrote", "sent", "brought", "bought", "sold", "paid", "led",
    "ran", "found", "kept", "put", "set off", "thought", "felt", "became", "got", "flew",
    "drew", "grew", "knew", "last", "ago", "yesterday", "earlier", "stood", "quit", "sought",
    "fought", "caught", "taught", "spent", "built", "meant", "heard", "became", "chose",
    "wore", "swore", "threw", "ate", "fled", "forgot", "hung", "sank", "sat", "slid",
})
# "-ed" words that are not past-tense verbs.
NOT_PAST_ED = frozenset({
    "need", "needed", "speed", "red", "bed", "feed", "hundred", "indeed", "seed", "breed",
    "proceed", "exceed", "succeed", "shed", "bred", "fled", "led", "wed", "bleed", "weed",
    "steed", "greed", "creed", "deed", "heed", "reed", "freed", "embed", "naked", "sacred",
    "wicked", "ragged", "rugged", "crooked", "beloved", "aged", "dogged",
    "expected", "scheduled", "planned", "slated", "proposed", "anticipated", "intended",
    "based", "related", "united", "limited", "detailed", "advanced", "used", "supposed",
})

# Holidays with a fixed day: name -> (month, day).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "st. patrick's day": (3, 17), "independence day": (7, 4), "the fourth of july": (7, 4),
    "halloween": (10, 31), "veterans day": (11, 11), "armistice day": (11, 11),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "bastille day": (7, 14),
}
# Holidays on the n-th weekday of a month: name -> (month, ISO weekday, n; -1 = last).
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving day": (11, 4, 4), "thanksgiving": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3), "columbus day": (10, 1, 2),
    "election day": (11, 2, 1),  # approximate: first Tuesday of November
}
