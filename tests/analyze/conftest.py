"""Shared fixtures for the analyze tests: the spaCy pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from crosswire.analyze.nlp import load_nlp
    from crosswire.errors import ModelError

    try:
        return load_nlp()
    except ModelError as exc:
        pytest.skip(f"spaCy model missing: {exc}")


@pytest.fixture(scope="session")
def analyse(nlp):
    """text -> (doc, entities, quotes)."""
    from crosswire.analyze.entities import find_entities
    from crosswire.analyze.quotes import find_quotes

    def run(text: str):
        doc = nlp(text)
        entities = find_entities(doc)
        return doc, entities, find_quotes(doc, entities)

    return run


@pytest.fixture(scope="session")
def seed_text():
    """Read a seed article from ../shared/seeds by its number prefix ("000")."""

    def read(prefix: str) -> str:
        paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
        if not paths:
            pytest.skip(f"seed {prefix} not found under {SEEDS} (shared data absent)")
        return paths[0].read_text(encoding="utf-8")

    return read
