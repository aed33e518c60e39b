"""Run every quality evaluation and print one table with the published anchor beside each figure.

    python -m eval            # needs ../shared/data; each part skips with a message without it
    python -m eval --json
    python -m eval.gate       # the CI quality gate: fails when a figure drops below its floor
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    key: str  # stable id, used by the gate's baseline file
    module: str
    task: str
    path: tuple[str, ...]  # where the figure sits in the module's --json output
    anchor: str
    scale: float = 1  # to percent


ROWS = [
    Row("times.relaxed_f1", "eval.times", "TempEval-3 time expressions: relaxed F1", ("relaxed", "f1"),
        "HeidelTime 90.30", 100),
    Row("times.strict_f1", "eval.times", "TempEval-3 time expressions: strict F1", ("strict", "f1"),
        "HeidelTime 81.34", 100),
    Row("times.value_f1", "eval.times", "TempEval-3 time expressions: value F1", ("value", "f1"),
        "HeidelTime 77.61", 100),
    Row("quantities.value_f1", "eval.quantities", "NewsQuant quantities: value F1", ("value", "f1"), "CQE 92.0"),
    Row("quantities.value_unit_f1", "eval.quantities", "NewsQuant quantities: value+unit F1",
        ("value_unit", "f1"), "CQE 85.6"),
    Row("quotes.speaker_f1", "eval.quotes", "PolNeAR attribution: speaker exact F1", ("speaker", "exact", "f1"),
        "BERT+CofeNet 83.2"),
    Row("quotes.cue_f1", "eval.quotes", "PolNeAR attribution: cue exact F1", ("cue", "exact", "f1"),
        "BERT+CofeNet 75.3"),
    Row("quotes.content_f1", "eval.quotes", "PolNeAR attribution: content exact F1", ("content", "exact", "f1"),
        "BERT+CofeNet 72.9"),
    Row("quotes.direct_content_f1", "eval.quotes", "PolNeAR direct quotes: content exact F1",
        ("direct content", "exact", "f1"), "target 90"),
    # PolNeAR labels every attribution of the documents that print quotes as ''...'' indirect (252 of 252 in dev),
    # verbatim speech included: direct quotes scored on the other documents (eval/quotes.py)
    Row("quotes.direct_content_plain_docs_f1", "eval.quotes",
        "PolNeAR direct quotes, documents without ''...'' quotes: content exact F1",
        ("direct, no '' docs", "exact", "f1"), "target 90"),
    Row("stories.allsides_bcubed_f1", "eval.stories", "AllSides story clustering: B-cubed F1",
        ("allsides", "bcubed", "f1"), "target 95", 100),
    Row("stories.ecbplus_bcubed_f1", "eval.stories", "ECB+ story clustering: B-cubed F1",
        ("ecbplus", "bcubed", "f1"), "target 95", 100),
    Row("stories.semeval_pearson", "eval.similarity", "SemEval-2022 Task 8 same-story ratings: Pearson r x 100",
        ("pearson",), "best published 87.2 (English test pairs)", 100),
]


def run(module: str) -> dict | None:
    result = subprocess.run([sys.executable, "-m", module, "--json"], capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip().startswith("{"):
        message = (result.stdout + result.stderr).strip().splitlines()
        print(f"{module}: skipped ({message[-1] if message else 'no output'})", file=sys.stderr)
        return None
    return json.loads(result.stdout)


def dig(report: dict, path: tuple[str, ...]) -> float:
    for key in path:
        report = report[key]
    return float(report)


def measure(modules: set[str] | None = None) -> list[dict]:
    """Every figure, in percent: [{"key", "task", "crosswire", "anchor"}]; skipped modules are left out."""
    wanted = [r for r in ROWS if modules is None or r.module in modules]
    reports = {module: run(module) for module in dict.fromkeys(r.module for r in wanted)}
    return [
        {"key": r.key, "task": r.task, "crosswire": round(dig(reports[r.module], r.path) * r.scale, 1),
         "anchor": r.anchor}
        for r in wanted
        if reports[r.module] is not None
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| task | crosswire | anchor |\n|---|---|---|")
    for row in rows:
        print(f"| {row['task']} | {row['crosswire']} | {row['anchor']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
