"""TempEval-3 task A for `crosswire.analyze.times.find_times`.

Runs the extractor on every TempEval-3 training document with its DCT and prints
span precision/recall/F1 (strict = identical span, relaxed = overlap), type
accuracy and value F1 (a matched expression whose value equals gold exactly), as
the TempEval-3 anchor reports them (HeidelTime on the test set: value F1 77.61,
relaxed F1 90.30, strict F1 81.34).

    python -m eval.times            # table
    python -m eval.times --json     # figures for machines
    python -m eval.times --errors 20  # also the commonest mismatches
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # `python eval/times.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crosswire.analyze.times import find_times  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "tempeval3-train"


def load_docs(root: Path = DATA) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*/*.json"))]


def _match(gold: list[dict], pred: list) -> list[tuple[dict, object]]:
    """One-to-one pairs of overlapping gold and predicted expressions, most overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if ov > 0:
                pairs.append((ov, id(g), g, p))
    pairs.sort(key=lambda t: -t[0])
    used_g, used_p, out = set(), set(), []
    for _, _, g, p in pairs:
        if id(g) in used_g or id(p) in used_p:
            continue
        used_g.add(id(g))
        used_p.add(id(p))
        out.append((g, p))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: list[dict]) -> tuple[dict, list[tuple[str, str]]]:
    n_gold = n_pred = strict = relaxed = type_ok = value_ok = 0
    errors: list[tuple[str, str]] = []  # (category, example)
    words = 0
    t0 = time.perf_counter()
    preds_by_doc = []
    for doc in docs:
        dct = dt.date.fromisoformat(doc["dct"][:10]) if doc.get("dct") else None
        preds_by_doc.append(find_times(doc["text"], dct))
        words += len(doc["text"].split())
    seconds = time.perf_counter() - t0
    for doc, pred in zip(docs, preds_by_doc):
        gold = doc["timexes"]
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = _match(gold, pred)
        relaxed += len(pairs)
        for g, p in pairs:
            strict += (g["start"], g["end"]) == (p.start, p.end)
            type_ok += g["type"] == p.type
            if g["value"] == p.value:
                value_ok += 1
            else:
                errors.append(("value", f"{doc['dct']}  {g['text']!r} gold={g['value']} got={p.value} ({p.text!r})"))
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in matched_g:
                errors.append(("missed", f"{g['type']} {g['text']!r} = {g['value']}"))
        for p in pred:
            if id(p) not in matched_p:
                ctx = doc["text"][max(0, p.start - 30) : p.end + 20].replace("\n", " ")
                errors.append(("spurious", f"{p.type} {p.text!r} = {p.value}   «{ctx}»"))
    sp, sr, sf = _prf(strict, n_pred, n_gold)
    rp, rr, rf = _prf(relaxed, n_pred, n_gold)
    vp, vr, vf = _prf(value_ok, n_pred, n_gold)
    figures = {
        "documents": len(docs), "gold": n_gold, "predicted": n_pred,
        "strict": {"p": sp, "r": sr, "f1": sf},
        "relaxed": {"p": rp, "r": rr, "f1": rf},
        "value": {"p": vp, "r": vr, "f1": vf},
        "type_accuracy": type_ok / relaxed if relaxed else 0.0,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0,
        "words_per_second": words / seconds if seconds else 0.0,
    }
    return figures, errors


def _table(f: dict) -> str:
    rows = [("strict span", f["strict"]), ("relaxed span", f["relaxed"]), ("value", f["value"])]
    lines = [f"TempEval-3 train, {f['documents']} docs, {f['gold']} gold, {f['predicted']} predicted",
             f"{'':14} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{name:14} {100*s['p']:6.2f} {100*s['r']:6.2f} {100*s['f1']:6.2f}" for name, s in rows]
    lines.append(f"{'type accuracy':14} {100*f['type_accuracy']:6.2f}   (of relaxed matches)")
    lines.append(f"{'value accuracy':14} {100*f['value_accuracy']:6.2f}   (of relaxed matches)")
    lines.append(f"speed: {f['words_per_second']:,.0f} words/s")
    lines.append("anchor (HeidelTime, TE-3 test): value F1 77.61, relaxed F1 90.30, strict F1 81.34")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N commonest mismatches of each kind")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: TempEval-3 data not found at {DATA}", file=sys.stderr)
        return 0
    figures, errors = evaluate(load_docs())
    print(json.dumps(figures, indent=2) if args.json else _table(figures))
    if args.errors:
        for kind in ("missed", "spurious", "value"):
            counts = collections.Counter(e for k, e in errors if k == kind)
            total = sum(counts.values())
            print(f"\n== {kind}: {total} ==")
            for example, n in counts.most_common(args.errors):
                print(f"{n:4}  {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
