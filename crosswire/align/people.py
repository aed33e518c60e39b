"""People and organisations across sources: one entity, however each outlet spells it.

"Kim Yong-beom", "KIM YONG-BEOM" and "Kim Yongbeom" are one person; "Lee Jae
Myung" and "Lee Jae-myung" too. Titles differ between outlets ("presidential
policy director" vs "Presidential Chief of Staff for Policy"): they are listed
as variants, never reported as a conflict.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from crosswire.model import Analysis, Article, PersonSummary

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


def people_summary(articles: list[Article], analyses: list[Analysis]) -> list[PersonSummary]:
    """Each person or organisation, with its names, roles and mentions per article."""
    labels = ("PERSON", "ORG")
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # key -> spelling -> count
    label_of: dict[str, str] = {}
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article, analysis in zip(articles, analyses):
        for entity in analysis.entities:
            if entity.label not in labels:
                continue
            key = name_key(entity.name)
            if not key:
                continue
            names[key][entity.name] += 1
            label_of.setdefault(key, entity.label)
            mentions[key][article.id] += 1
            for role in entity.roles:
                if role not in roles[key][article.id]:
                    roles[key][article.id].append(role)
    summaries = []
    for key, spellings in names.items():
        ordered = sorted(spellings, key=lambda s: (-spellings[s], -len(s)))
        summaries.append(
            PersonSummary(
                name=ordered[0],
                label=label_of[key],
                variants=tuple(ordered[1:]),
                roles={aid: tuple(r) for aid, r in roles[key].items()},
                mentions=dict(mentions[key]),
            )
        )
    summaries.sort(key=lambda p: (p.label != "PERSON", -len(p.mentions), -sum(p.mentions.values()), p.name))
    return summaries
