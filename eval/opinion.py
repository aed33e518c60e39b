"""How much of wire reports and of opinion pieces crosswire keeps apart as opinion (no gold labels exist).

    python -m eval.opinion            # the two shares
    python -m eval.opinion --show 20  # and the first N sentences of each kind read as opinion, with the reason

AllSides names each article's outlet: the Reuters and AP reports among them are straight news, and the
pieces from an outlet's opinion section ("(Opinion)", a guest writer) or titled "Opinion:" / "Editorial:"
are the writer's view. Every sentence crosswire makes a claim of counts; a good rule keeps the first
share low and the second high (opinion pieces hold facts too, so not near 100%).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from eval.conflicts import DATA

WIRES = ("Reuters", "Associated Press", "AP Politics & Fact Check")


def kind_of_outlet(record: dict) -> str | None:
    source, title = record.get("source", ""), record.get("title", "").casefold()
    if "(Opinion)" in source or source.startswith("Guest Writer") or title.startswith(("opinion", "editorial")):
        return "opinion pieces"
    return "wire reports" if source in WIRES else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="list N sentences of each kind read as opinion")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: AllSides data not found at {args.data}", file=sys.stderr)
        return 0
    from crosswire.analyze import analyze_texts
    from crosswire.claims import build_claims
    from crosswire.claims.opinion import opinion_reason
    from crosswire.model import Article

    with args.data.open(encoding="utf-8") as f:
        records = [r for r in map(json.loads, f) if kind_of_outlet(r)]
    articles = [Article(id=str(r["id"]), source=r["source"], raw_text=r["text"], text=r["text"],
                        published=dt.date.fromisoformat(r["date"][:10]) if r.get("date") else None)
                for r in records]
    analyses = analyze_texts([a.text for a in articles], [a.published for a in articles], n_process=2)
    counts, opinions, shown = Counter(), Counter(), {}
    for record, article, analysis in zip(records, articles, analyses):
        group = kind_of_outlet(record)
        for claim in build_claims(article, analysis):
            counts[group] += 1
            if claim.kind == "opinion":
                opinions[group] += 1
                sentence = article.text[claim.sentence.start : claim.sentence.end]
                shown.setdefault(group, []).append((opinion_reason(sentence) or "(a quotation's words)", sentence))
    for group in ("wire reports", "opinion pieces"):
        share = 100 * opinions[group] / max(1, counts[group])
        print(f"{group}: {opinions[group]} of {counts[group]} sentences read as opinion ({share:.1f}%)")
        for reason, sentence in shown.get(group, [])[: args.show]:
            print(f"    {reason} | {' '.join(sentence.split())[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
