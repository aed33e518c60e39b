"""What a reader returns: the articles it read and the records it could not."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosswire.model import Article, Problem


@dataclass(slots=True)
class Batch:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
