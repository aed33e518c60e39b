"""Conflicts crosswire reports on real stories, listed for reading (no gold labels exist).

    python -m eval.conflicts               # every 3rd AllSides story (169 of 506)
    python -m eval.conflicts --every 1 --json
    python -m eval.conflicts --data ../shared/data/ecbplus-traindev/docs.jsonl --every 1 --articles 10
                                           # the 66 ECB+ events, full articles, 10 at most each

Each AllSides roundup is one story told by three outlets: a conflict found there is either a
real difference between the outlets or a false alarm, and only reading tells which. This
lists each conflict with its sources' values and sentences, and counts them; the README
gives the count and how many read as defensible.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-neus" / "articles.jsonl"
_FIELDS = ("id", "title", "text", "url", "date", "source")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--every", type=int, default=3, help="compare every Nth story (default 3)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--articles", type=int, default=0, metavar="N", help="compare N articles of a story at most")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: AllSides data not found at {args.data}", file=sys.stderr)
        return 0
    stories = _stories(args.data)
    chosen = sorted(stories)[:: max(1, args.every)]
    found = list(_conflicts(stories, chosen, args.articles))
    if args.json:
        print(json.dumps({"stories": len(chosen), "conflicts": found}, indent=1))
        return 0
    for k, conflict in enumerate(found, 1):
        print(f"{k}. story {conflict['story']} [{conflict['slot']}] {conflict['statement'][:110]}")
        for source, value, sentence in conflict["evidence"]:
            print(f"     {source}: {value} | {' '.join(sentence.split())[:160]}")
    print(f"{len(found)} conflicts in {len(chosen)} stories")
    return 0


def _stories(path: Path) -> dict[str, list[dict]]:
    stories: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            stories[str(record["cluster_id"])].append(record)
    return stories


def _conflicts(stories: dict[str, list[dict]], chosen: list[str], most: int = 0):
    from crosswire.analyze.nlp import load_nlp
    from crosswire.pipeline import compare

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        for story in chosen:
            paths = []
            for i, record in enumerate(stories[story][:most] if most else stories[story]):
                path = Path(tmp) / f"{story}-{i}.json"
                path.write_text(json.dumps({k: record[k] for k in _FIELDS if k in record}), encoding="utf-8")
                paths.append(path)
            comparison = compare(paths, nlp=nlp)
            for finding in comparison.findings:
                if finding.verdict == "conflicting":
                    yield {"story": story, "slot": finding.slot, "statement": finding.statement,
                           "evidence": [(comparison.article(e.article_id).outlet, e.display, e.text)
                                        for e in finding.evidence]}


if __name__ == "__main__":
    sys.exit(main())
