"""Run every quality evaluation and print one table with the published anchor beside each figure.

    python -m eval            # needs ../shared/data; each part skips with a message without it
    python -m eval --json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

# (module, label, path into its JSON, anchor, scale to percent)
ROWS = [
    ("eval.times", "TempEval-3 time expressions: relaxed F1", ("relaxed", "f1"), "HeidelTime 90.30", 100),
    ("eval.times", "TempEval-3 time expressions: strict F1", ("strict", "f1"), "HeidelTime 81.34", 100),
    ("eval.times", "TempEval-3 time expressions: value F1", ("value", "f1"), "HeidelTime 77.61", 100),
    ("eval.quantities", "NewsQuant quantities: value F1", ("value", "f1"), "CQE 92.0", 1),
    ("eval.quantities", "NewsQuant quantities: value+unit F1", ("value_unit", "f1"), "CQE 85.6", 1),
    ("eval.quotes", "PolNeAR attribution: speaker exact F1", ("speaker", "exact", "f1"), "BERT+CofeNet 83.2", 1),
    ("eval.quotes", "PolNeAR attribution: cue exact F1", ("cue", "exact", "f1"), "BERT+CofeNet 75.3", 1),
    ("eval.quotes", "PolNeAR attribution: content exact F1", ("content", "exact", "f1"), "BERT+CofeNet 72.9", 1),
    ("eval.quotes", "PolNeAR direct quotes: content exact F1", ("direct content", "exact", "f1"), "target 90", 1),
    ("eval.stories", "AllSides story clustering: B-cubed F1", ("allsides", "bcubed", "f1"), "target 0.95", 1),
    ("eval.stories", "ECB+ story clustering: B-cubed F1", ("ecbplus", "bcubed", "f1"), "target 0.95", 1),
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    reports = {module: run(module) for module in dict.fromkeys(row[0] for row in ROWS)}
    rows = []
    for module, label, path, anchor, scale in ROWS:
        if reports[module] is not None:
            rows.append({"task": label, "crosswire": round(dig(reports[module], path) * scale, 1), "anchor": anchor})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| task | crosswire | anchor |\n|---|---|---|")
    for row in rows:
        print(f"| {row['task']} | {row['crosswire']} | {row['anchor']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
