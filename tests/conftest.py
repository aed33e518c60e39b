"""Shared fixtures: the spaCy pipeline is loaded once for the whole run."""

import os
import pathlib

import pytest
from hypothesis import settings

# In CI, property tests run a fixed set of examples (derandomised), so that a run
# is repeatable; on a developer's machine they explore new examples every time.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from crosswire.analyze.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def seed():
    """Path of a seed article from ../shared/seeds, by its number prefix."""

    def find(prefix: str) -> pathlib.Path:
        matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
        if not matches:
            pytest.skip(f"seed {prefix} not found under {SEEDS} (shared seeds absent)")
        return matches[0]

    return find


@pytest.fixture(scope="session")
def seed_paths():
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) < 2:
        pytest.skip(f"seed articles not found in {SEEDS} (they live in ../shared/seeds beside the repo)")
    return paths
