"""Quote attribution quality on PolNeAR (../shared/data/polnear-dev).

    python -m eval.quotes            # a table
    python -m eval.quotes --json     # the same figures as JSON
    python -m eval.quotes --errors   # what is missed and wrong, by cue word and span
    python -m eval.quotes --reach    # how far more cue words could take speaker F1

Runs load_nlp + find_entities + find_quotes over each document and scores, as
precision / recall / F1 over the sets of spans in each document:

- speaker, cue, content of all attributions (gold attributions without a speaker
  or cue add nothing to that field);
- content of direct quotes alone (gold content_type "direct" vs our kind "direct"),
  on all documents and on those that do not print quotes as ''...'' (see below).

"exact": the spans are equal once whitespace, quotation marks and clause
punctuation (,.;:) at their ends are trimmed (PolNeAR keeps the marks of direct
quotes in the content and the colon of "said:" in the cue; we keep neither).
"overlap": a span counts when it overlaps a span of the other side.
The published anchor (BERT+CofeNet, exact F1 on the test set): speaker 83.2,
cue 75.3, content 72.9.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear-dev"
FIELDS = ("speaker", "cue", "content", "direct content", "direct, no '' docs")
# PolNeAR labels speech printed between two apostrophes (''...'', the NYT wire style)
# as indirect, though it is verbatim; crosswire reads '' as a quotation mark. The last
# row scores direct quotes on the documents that do not use that style, to show both.
_APOSTROPHE_QUOTES = "''"
_TRIM = " \t\n\xa0“”\"‘’',.;:"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    parser.add_argument("--processes", type=int, default=1, help="nlp.pipe n_process")
    parser.add_argument("--errors", type=int, nargs="?", const=15, default=0, metavar="N",
                        help="error analysis: missed cues by word, wrong speaker/content spans (N examples each)")
    parser.add_argument("--reach", action="store_true",
                        help="how far a rule 'the subject of word W is a speaker' could take speaker F1 (see _Reach)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: PolNeAR data not found at {args.data}", file=sys.stderr)
        return 0
    records = _load(args.data, args.limit)
    counts = {field: {mode: _Counts() for mode in ("exact", "overlap")} for field in FIELDS}
    errors = _Errors() if args.errors else None
    reach = _Reach() if args.reach else None
    for record, predicted in zip(records, _predict(records, args.processes)):
        doc = predicted.pop("doc")
        if reach is not None:
            reach.add(record, doc, predicted["speaker"])
        if errors is not None:
            errors.add(record, predicted.pop("quotes"))
        else:
            predicted.pop("quotes")
        gold = _gold(record)
        if _APOSTROPHE_QUOTES in record["text"]:
            gold["direct, no '' docs"] = predicted["direct, no '' docs"] = set()
        _score(gold, predicted, counts)
    report = {field: {mode: c.scores() for mode, c in modes.items()} for field, modes in counts.items()}
    report["documents"] = len(records)
    print(json.dumps(report, indent=2) if args.json else _table(report))
    if errors is not None:
        print(errors.summary(args.errors))
    if reach is not None:
        print(reach.summary(report["speaker"]["exact"]))
    return 0


def _load(folder: Path, limit: int) -> list[dict]:
    paths = sorted(folder.glob("*.json"))
    paths = paths[:limit] if limit else paths
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def _predict(records: list[dict], processes: int) -> Iterator[dict[str, set]]:
    from crosswire.analyze.entities import find_entities
    from crosswire.analyze import parser_text
    from crosswire.analyze.nlp import load_nlp
    from crosswire.analyze.quotes import find_quotes

    nlp = load_nlp()
    texts = ((parser_text(r["text"]), None) for r in records)  # as crosswire's analysis reads a text
    for doc, _ in nlp.pipe(texts, as_tuples=True, n_process=processes, batch_size=8):
        quotes = find_quotes(doc, find_entities(doc))
        text = doc.text
        found = {
            "speaker": _spans(text, ((q.speaker_start, q.speaker_end) for q in quotes)),
            "cue": _spans(text, ((q.cue_start, q.cue_end) for q in quotes)),
            "content": _spans(text, ((q.content_start, q.content_end) for q in quotes)),
            "direct content": _spans(
                text, ((q.content_start, q.content_end) for q in quotes if q.kind == "direct")
            ),
        }
        found["direct, no '' docs"] = found["direct content"]
        found["quotes"] = quotes, {t.idx: t.lemma_.lower() for t in doc if not t.is_space}
        found["doc"] = doc
        yield found


def _gold(record: dict) -> dict[str, set]:
    text = record["text"]
    attributions = [a for a in record["attributions"] if a.get("content")]

    def offsets(a: dict, key: str):
        part = a.get(key)
        return (part["start"], part["end"]) if part else (None, None)

    found = {
        "speaker": _spans(text, (offsets(a, "source") for a in attributions)),
        "cue": _spans(text, (offsets(a, "cue") for a in attributions)),
        "content": _spans(text, (offsets(a, "content") for a in attributions)),
        "direct content": _spans(
            text, (offsets(a, "content") for a in attributions if a.get("content_type") == "direct")
        ),
    }
    found["direct, no '' docs"] = found["direct content"]
    return found


def _spans(text: str, pairs) -> set[tuple[int, int]]:
    """Trimmed, non-empty spans."""
    found = set()
    for start, end in pairs:
        if start is None or end is None:
            continue
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start:
            found.add((start, end))
    return found


@dataclass
class _Counts:
    """Predicted spans that hit gold, gold spans that were hit, and the totals."""

    predicted_hits: int = 0
    gold_hits: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float]:
        p = self.predicted_hits / self.predicted if self.predicted else 0.0
        r = self.gold_hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1),
                "predicted": self.predicted, "gold": self.gold, "hits": self.gold_hits}


def _score(gold: dict[str, set], predicted: dict[str, set], counts: dict) -> None:
    for field in FIELDS:
        g, p = gold[field], predicted[field]
        exact, overlap = counts[field]["exact"], counts[field]["overlap"]
        exact.predicted_hits += len(g & p)
        exact.gold_hits += len(g & p)
        overlap.predicted_hits += sum(1 for span in p if _overlaps(span, g))
        overlap.gold_hits += sum(1 for span in g if _overlaps(span, p))
        for c in (exact, overlap):
            c.predicted += len(p)
            c.gold += len(g)


class _Errors:
    """Error analysis over gold attributions: those whose cue we missed, grouped by
    the cue's words, and those we found (cue overlapping) with a wrong speaker or
    content span; plus our attributions whose cue is in no gold one."""

    def __init__(self) -> None:
        self.missed: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.spurious: Counter[str] = Counter()
        self.wrong: dict[str, list[str]] = defaultdict(list)
        self.wrong_counts: Counter[str] = Counter()

    def add(self, record: dict, parsed: tuple) -> None:
        quotes, lemmas = parsed
        text = record["text"]
        gold = [a for a in record["attributions"] if a.get("content") and a.get("cue")]
        trim = lambda s, e: next(iter(_spans(text, [(s, e)])), (s, s))  # noqa: E731
        for a in gold:
            cue = (a["cue"]["start"], a["cue"]["end"])
            hit = [q for q in quotes if q.cue_start is not None and q.cue_start < cue[1] and cue[0] < q.cue_end]
            words = " ".join(text[cue[0]:cue[1]].lower().split())
            # grouped by the lemma of the cue's last word ("has said" -> "say")
            last = max((i for i in lemmas if cue[0] <= i < cue[1]), default=None)
            words = lemmas[last] if last is not None and " " not in words else words
            if not hit:
                self.missed[words] += 1
                self.examples[words].append(_context(text, a))
                continue
            q = hit[0]
            for field, ours in (("speaker", (q.speaker_start, q.speaker_end)),
                                ("content", (q.content_start, q.content_end))):
                part = a.get("source" if field == "speaker" else field)
                if not part or ours[0] is None:
                    continue
                g, o = trim(part["start"], part["end"]), trim(*ours)
                if g != o:
                    kind = field + (" too long" if o[0] <= g[0] and o[1] >= g[1] else
                                    " too short" if o[0] >= g[0] and o[1] <= g[1] else " shifted")
                    self.wrong_counts[kind] += 1
                    self.wrong[kind].append(f"gold [{text[g[0]:g[1]]}]\n      ours [{text[o[0]:o[1]]}]")
        gold_cues = [(a["cue"]["start"], a["cue"]["end"]) for a in gold]
        for q in quotes:
            if q.cue_start is not None and not any(q.cue_start < e and s < q.cue_end for s, e in gold_cues):
                self.spurious[" ".join(text[q.cue_start:q.cue_end].lower().split())] += 1

    def summary(self, n: int) -> str:
        lines = [f"\nmissed gold attributions: {sum(self.missed.values())}, by cue"]
        for words, count in self.missed.most_common(n * 3):
            lines.append(f"  {count:4}  {words}")
        for words, _ in self.missed.most_common(n):
            lines.append(f"\n-- missed '{words}'")
            lines.extend("   " + e for e in self.examples[words][:3])
        lines.append(f"\nour cues in no gold attribution: {sum(self.spurious.values())}")
        lines.extend(f"  {c:4}  {w}" for w, c in self.spurious.most_common(n * 2))
        for kind, count in self.wrong_counts.most_common():
            lines.append(f"\n-- {kind}: {count}")
            lines.extend("   " + e for e in self.wrong[kind][:n])
        return "\n".join(lines)


class _Reach:
    """How far speaker F1 could go by taking more subjects as speakers.

    The speakers we miss are mostly the subjects of words no cue table holds: PolNeAR
    attributes beliefs, plans, support and acts ("Trump plans to ...", "the senator
    spoke at a gathering to discuss ..."). Here every subject in the texts (the nsubj,
    nsubjpass or possessor of a word, as its whole phrase or its head word alone) that
    is not already our speaker is counted under that word's lemma, as a missed gold
    speaker or as a wrong one. Taking the lemmas best first (by their share of gold
    speakers), with the choice made on these very documents, gives an optimistic
    bound on what such a rule could reach.
    """

    def __init__(self) -> None:
        self.missed = self.missed_subjects = self.others = 0
        self.by_lemma: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # lemma -> [gold speakers, others]

    def add(self, record: dict, doc, ours: set[tuple[int, int]]) -> None:
        text = record["text"]
        gold = _gold(record)["speaker"]
        missed = gold - ours
        self.missed += len(missed)
        heads: dict[tuple[int, int], set[str]] = defaultdict(set)
        for token in doc:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass", "poss"):
                    phrase = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                    for span in _spans(text, [phrase, (child.idx, child.idx + len(child))]):
                        heads[span].add(token.lemma_.lower())
        for span, lemmas in heads.items():
            if span in ours:
                continue
            hit = span in missed
            self.missed_subjects += hit
            self.others += not hit
            for lemma in lemmas:
                self.by_lemma[lemma][0 if hit else 1] += 1

    def summary(self, exact: dict) -> str:
        tp, predicted, gold = exact["hits"], exact["predicted"], exact["gold"]
        best = (round(exact["f1"], 1), 0)
        for k, (lemma, (hit, other)) in enumerate(sorted(self.by_lemma.items(), key=lambda kv: -kv[1][0] / sum(kv[1]))):
            tp, predicted = tp + hit, predicted + hit + other
            f1 = 200 * tp / (predicted + gold)
            best = max(best, (round(f1, 1), k + 1))
        top = sorted(self.by_lemma.items(), key=lambda kv: -kv[1][0])[:12]
        return "\n".join([
            f"\ngold speakers we miss: {self.missed}; the subject of some word: {self.missed_subjects}; "
            f"other subjects, neither gold speakers nor ours: {self.others:,}",
            "words whose subjects are most often missed gold speakers (gold / other): "
            + ", ".join(f"{lemma} {hit}/{other}" for lemma, (hit, other) in top),
            f"speaker F1 with the best set of such words, chosen on these documents: {best[0]} ({best[1]} words; "
            f"now {exact['f1']})",
        ])  # fmt: skip


def _context(text: str, a: dict) -> str:
    """The gold attribution as one line: [speaker] {cue} <content>."""
    parts = sorted((a[k]["start"], a[k]["end"], k) for k in ("source", "cue", "content") if a.get(k))
    marks = {"source": "[]", "cue": "{}", "content": "<>"}
    out, pos = [], parts[0][0]
    for s, e, k in parts:
        out.append(text[pos:s] if s > pos else "")
        out.append(marks[k][0] + text[s:e] + marks[k][1])
        pos = max(pos, e)
    return " ".join("".join(out).split())[:300]


def _overlaps(span: tuple[int, int], others: set[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _table(report: dict) -> str:
    lines = [f"PolNeAR dev, {report['documents']} documents",
             f"{'field':<20}{'exact P':>9}{'R':>7}{'F1':>7}{'overlap P':>11}{'R':>7}{'F1':>7}"]
    for field in FIELDS:
        e, o = report[field]["exact"], report[field]["overlap"]
        lines.append(f"{field:<20}{e['p']:>9}{e['r']:>7}{e['f1']:>7}{o['p']:>11}{o['r']:>7}{o['f1']:>7}")
    lines.append("anchor (BERT+CofeNet, exact F1, test): speaker 83.2, cue 75.3, content 72.9")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
