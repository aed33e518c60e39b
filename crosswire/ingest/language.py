"""Is this English? A stop-word test, small enough to need no dependency.

English prose is about 40% function words ("the", "of", "and" ...). A text in
another Latin-script language has few English ones and many of its own; a
text in another script has few Latin letters at all. Names ("Kim Jung-kwan",
"Koo Yun-cheol") are no language's stop words, so a name-heavy English text has
a lowish English share but no rival language: it passes. Short texts pass too:
too little evidence to refuse anything.
"""

from __future__ import annotations

import re

MIN_WORDS = 25  # below this, never refuse
MIN_DISTINCT_STOPWORDS = 5  # different function words of the other language needed to refuse

ENGLISH = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for from had has
    have he her his how i if in into is it its more most no not of on one or our out over said says she so
    some than that the their them then there these they this those to up was we were what when where which
    while who will with would you""".split()
)
OTHERS = {
    "French": "le la les des un une et est dans pour que qui sur au aux du pas ce cette avec sont par plus il elle nous".split(),
    "German": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem wird auch es sie ich bei".split(),
    "Spanish": "el la los las de y en que un una por con para es del al se su lo como más pero sus le ha".split(),
    "Italian": "il lo la gli le di che e un una per con non sono del della è nel alla anche si come più".split(),
    "Portuguese": "o a os as de que e do da em um uma para com não por mais dos das se na no foi ao".split(),
    "Dutch": "de het een en van is dat niet op te zijn met voor er aan ook als bij om maar werd".split(),
}
OTHER_SETS = {name: frozenset(words) - ENGLISH for name, words in OTHERS.items()}


def detect_non_english(text: str) -> str | None:
    """The reason the text is not English, or None when it is (or may be)."""
    sample = text[:20_000]
    letters = re.findall(r"[^\W\d_]", sample)
    if len(letters) < 4 * MIN_WORDS:
        return None
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f")
    if latin < 0.5 * len(letters):
        return "not English (mostly non-Latin script)"
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", sample.lower())
    if len(words) < MIN_WORDS:
        return None
    english = sum(1 for w in words if w in ENGLISH) / len(words)
    if english >= 0.15:
        return None
    best_name, best_share = max(
        ((name, sum(1 for w in words if w in stop) / len(words)) for name, stop in OTHER_SETS.items()),
        key=lambda item: item[1],
    )
    # Real prose in another language uses many of its function words; a repeated
    # "com" from e-mail addresses or one borrowed word is not evidence enough.
    distinct = len(set(words) & OTHER_SETS[best_name])
    if best_share >= 0.12 and best_share > 2 * english and distinct >= MIN_DISTINCT_STOPWORDS:
        return f"not English (looks like {best_name})"
    return None
