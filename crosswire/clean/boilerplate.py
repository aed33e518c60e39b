"""Page furniture that is never reporting: prompts, widgets, share lines.

A table of (name, pattern) rather than one big regex, so a removed line's Note
says which rule removed it ("removed: comment prompt") and a new rule is one
row. Patterns match the whole line: a rule that matched a substring would cut
real sentences that merely mention "advertisement" or "newsletter".
"""

from __future__ import annotations

import re

# A character counter: "(0/250자)", "0/500 characters", "0 / 1000 chars".
COUNTER = r"\(?\s*\d+\s*/\s*\d+\s*(?:자|글자|characters?|chars?|words?)?\s*\)?"

LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        # A widget label glued to its counter: "Reader Rules (0/250자)".
        ("character counter widget", rf"^(?:[\w'’ -]{{0,60}}?\s*)?{COUNTER}$"),
        (
            "comment prompt",
            r"^(?:to\s+(?:write|post|leave)\s+(?:a\s+)?comments?.*(?:log\s*in|sign\s*in).*"
            r"|(?:please\s+)?(?:log|sign)\s*in\s+to\s+(?:comment|post|reply|leave a comment).*"
            r"|(?:leave|post|write|add)\s+a\s+comment\W*"
            r"|\d*\s*comments?(?:\s*\(\d+\))?\W*"
            r"|(?:view|show|read|hide)\s+(?:all\s+)?\d*\s*comments?\W*"
            r"|be the first to comment\W*"
            r"|comments? (?:are|is) closed\W*)$",
        ),
        (
            "newsletter prompt",
            r"^(?:sign\s*up|subscribe)\b.{0,80}(?:newsletter|updates|inbox|alerts|today|now)\W*$"
            r"|^(?:subscribe|sign up|newsletter)\W*$",
        ),
        (
            "share line",
            r"^(?:share(?:\s+this(?:\s+(?:article|story|page|post))?)?(?:\s+on)?"
            r"(?:\s*[:|,/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|telegram|reddit|print|copy link|kakaotalk))*\W*"
            r"|(?:facebook|twitter|linkedin|whatsapp|email|print|copy link|kakaotalk)"
            r"(?:\s*[|,/·]?\s*(?:facebook|twitter|x|linkedin|whatsapp|email|print|copy link|kakaotalk))+\W*)$",
        ),
        ("read-more link", r"^(?:read more|also read|see also|more on this story|recommended)\s*[:»>|-].{0,200}$|^read more\W*$"
                           # an excerpt's pointer to the rest: "Read the rest here.", "Continue reading"
                           r"|^(?:(?:read|see) the (?:rest|full (?:story|article|report|interview))"
                           r"(?: of (?:the|this) (?:story|article|post))?(?:\s+(?:here|at\b.{0,60}|on\b.{0,60}))?"
                           r"|continue reading(?: (?:here|the (?:story|article)))?|click here to (?:read|see)\b.{0,80})\W*$"),
        ("related-articles list", r"^(?:related(?:\s+(?:articles|stories|coverage|news|content))?|more stories|most read|trending now|you may also like)\W*$"),
        ("advertisement", r"^(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?)\W*$"),
        ("cookie notice", r"^(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies).{0,200}$"),
        ("copyright line", r"^(?:©|\(c\)|copyright\b).{0,160}(?:rights reserved|\d{4}).{0,80}$"),
        ("navigation", r"^(?:skip to (?:main )?content|home\s*[|>»/].{0,80}|back to top|menu|search)\W*$"),
    )
)


def match_line(text: str) -> str | None:
    """The name of the furniture rule the whole line matches, if any."""
    if len(text) > 300:  # furniture is short; long lines are reporting
        return None
    for name, pattern in LINE_RULES:
        if pattern.match(text):
            return name
    return None
