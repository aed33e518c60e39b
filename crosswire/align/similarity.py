"""How alike two claims' sentences are: sentence embeddings, else weighted word overlap.

Embeddings catch paraphrase ("the minister wants to close the deal quickly" vs
"we want to finish this agreement as soon as we can"); the lexical measure is the
fallback when no embedding model is installed, and a second opinion that keeps
two sentences with the same rare names together.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


def keyword_weights(keyword_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    """Inverse document frequency of each keyword over the claims compared."""
    df = Counter(k for keywords in keyword_lists for k in set(keywords))
    n = max(1, len(keyword_lists))
    return {k: math.log(1 + n / c) for k, c in df.items()}


def lexical_similarity(a: Sequence[str], b: Sequence[str], weights: dict[str, float]) -> float:
    """Weighted overlap of two keyword sets, 0..1 (cosine of binary idf vectors)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    shared = sum(weights.get(k, 1.0) ** 2 for k in sa & sb)
    na = math.sqrt(sum(weights.get(k, 1.0) ** 2 for k in sa))
    nb = math.sqrt(sum(weights.get(k, 1.0) ** 2 for k in sb))
    return shared / (na * nb)
