"""The quality gate (trafilatura's eval_gate is the model): figures may rise, never silently fall.

    python -m eval.gate              # exit 1 when a figure is below its floor minus the tolerance
    python -m eval.gate --update     # raise the floors to today's figures (never lowers one)

Floors live in eval/baseline.json. Raising one is a normal commit. Lowering one is an
edit of that file by hand, and its commit message must say why in a line starting
"Floor lowered:" (tests/test_eval_gate.py checks the history). Without ../shared/data
the gate skips with a message.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

from eval.__main__ import measure

BASELINE = pathlib.Path(__file__).with_name("baseline.json")
DATA = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_floors() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def check(rows: list[dict], floors: dict) -> list[str]:
    """One line per figure that fell below its floor by more than the tolerance."""
    tolerance = floors["tolerance"]
    failures = []
    for row in rows:
        floor = floors["floors"].get(row["key"])
        if floor is not None and row["crosswire"] < floor - tolerance:
            failures.append(f"{row['task']}: {row['crosswire']} is below its floor {floor} (tolerance {tolerance})")
    return failures


def raised(rows: list[dict], floors: dict) -> dict:
    updated = dict(floors["floors"])
    for row in rows:
        updated[row["key"]] = max(updated.get(row["key"], 0.0), row["crosswire"])
    return {**floors, "floors": updated}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="raise floors to the figures measured now")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"quality gate skipped: {DATA} not found (labelled data lives in ../shared/data)")
        return 0
    floors = load_floors()
    rows = measure()
    for row in rows:
        floor = floors["floors"].get(row["key"], "-")
        print(f"{row['task']}: {row['crosswire']} (floor {floor})")
    if args.update:
        BASELINE.write_text(json.dumps(raised(rows, floors), indent=2) + "\n", encoding="utf-8")
        print(f"floors raised in {BASELINE}")
        return 0
    missing = set(floors["floors"]) - {row["key"] for row in rows}
    failures = check(rows, floors) + [f"{key}: no figure measured (its evaluation did not run)" for key in sorted(missing)]
    for failure in failures:
        print(f"QUALITY GATE: {failure}", file=sys.stderr)
    print("quality gate: " + ("FAILED" if failures else f"passed ({len(rows)} figures)"))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
