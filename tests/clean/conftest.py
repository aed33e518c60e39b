import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def seed():
    """Path of a seed article from ../shared/seeds, by its number prefix."""

    def find(prefix: str) -> pathlib.Path:
        matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
        if not matches:
            pytest.skip(f"seed {prefix} not found under {SEEDS} (shared seeds absent)")
        return matches[0]

    return find
