"""Score `find_quantities` on NewsQuant (../shared/data/newsquant-dev.json).

Run from the repository root:  python -m eval.quantities [--json] [--errors N]

Scoring follows the NewsQuant/CQE anchor: per sentence, a predicted quantity
counts when its value equals a gold one (value P/R/F1), and when value and unit
both match (value+unit). Units are compared by what they measure: each gold
normalized unit and each of our units is mapped to a dimension ("percent",
"USD", "time", "length", "count"...); a currency keeps its ISO code.

Gold values are strings: "350", "3.5e11", ranges "252.0-287.0". A range or a
change of ours (value B, from_value A) matches a gold range A-B; where the gold
lists A and B apart, ours counts as the two numbers it states.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

from crosswire.analyze.quantities import find_quantities

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "newsquant-dev.json"
VAGUE_WORDS = {"tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions",
               "trillions"}
ANCHOR = {"value_f1": 92.0, "value_unit_f1": 85.6}

# Our unit or a gold normalized unit -> the dimension it measures.
_DIMENSIONS = {
    "percent": "percent", "percentage": "percent", "percentage point": "percent",
    "basis point": "percent",
    "time": ("year month week day hour minute second decade century millennium night "
             "year of age month of age"),
    "length": ("kilometre metre centimetre millimetre micrometre nanometre mile yard foot inch "
               "nautical mile"),
    "area": "square kilometre square metre square mile square foot hectare acre",
    "volume": ("litre millilitre gallon barrel cubic metre cubic foot pint quart "
               "barrel of oil"),
    "mass": "tonne ton kilogram gram milligram pound ounce pound-mass",
    "speed": "mph km/h knot m/s mile per hour kilometre per hour",
    "fuel economy": "mpg mile per gallon",
    "temperature": "celsius fahrenheit degree",
    "power": "watt kilowatt megawatt gigawatt terawatt horsepower brake horsepower",
    "energy": ("kilowatt hour megawatt hour gigawatt hour terawatt hour calorie "
               "milliampere hour milliampere-hour"),
    "torque": "pound-foot newton metre foot pound-force",
    "frequency": "hertz kilohertz megahertz gigahertz rpm revolutions per minute",
    "data": "bit byte kilobyte megabyte gigabyte terabyte",
    "pressure": "gigapascal psi",
    "sound": "decibel",
    "concentration": "parts per million parts per billion parts-per-billion",
    "voltage": "volt kilovolt", "current": "ampere", "capacitance": "farad",
}
_CURRENCY_NAMES = {
    "dollar": "USD", "united states dollar": "USD", "australian dollar": "AUD",
    "hong kong dollar": "HKD", "canadian dollar": "CAD", "euro": "EUR",
    "pound sterling": "GBP", "japanese yen": "JPY", "shekel": "ILS", "danish krone": "DKK",
    "malaysian ringgit": "MYR", "croatian kuna": "HRK", "yuan": "CNY", "won": "KRW",
    "south korean won": "KRW", "indian rupee": "INR", "cent": "USD/100", "sen": "MYR/100",
}


def _dimension_table() -> dict[str, str]:
    table = {}
    for dim, names in _DIMENSIONS.items():
        if dim in ("percent",):
            continue
        # Multi-word names are listed whole; split on a double space is not used,
        # so match known multi-word names first.
        for name in _multiword(names):
            table[name] = dim
    for name in ("percent", "percentage", "percentage point", "basis point", "fraction"):
        table[name] = "percent"  # crosswire's "fraction" ("two-thirds of ...") is a share, as NewsQuant's "%" is
    return table


def _multiword(names: str) -> list[str]:
    known = [
        "nautical mile", "year of age", "month of age", "square kilometre", "square metre",
        "square mile", "square foot", "cubic metre", "cubic foot", "barrel of oil",
        "mile per hour", "kilometre per hour", "mile per gallon", "kilowatt hour",
        "megawatt hour", "gigawatt hour", "terawatt hour", "milliampere hour",
        "brake horsepower", "newton metre", "foot pound-force", "revolutions per minute",
        "parts per million", "parts per billion",
    ]
    out = []
    for k in known:
        if k in names:
            out.append(k)
            names = names.replace(k, " ")
    return out + names.split()


_DIM = _dimension_table()


def unit_dimension(unit: str) -> str:
    """What a unit measures; anything unknown (a counted noun, "-") counts things."""
    u = unit.strip().lower()
    if not u or u == "-":
        return "count"
    if re.fullmatch(r"[A-Z]{3}", unit.strip()):
        return unit.strip()
    per = None
    if " per " in u and u not in _DIM:
        u, per = u.split(" per ", 1)
    if u in _CURRENCY_NAMES:
        dim = _CURRENCY_NAMES[u].split("/")[0]
    elif u.startswith("%"):
        dim = "percent"
    else:
        dim = _DIM.get(u, "count")
    return f"{dim}/{unit_dimension(per)}" if per else dim


def _gold_items(q: dict) -> tuple[tuple[float, ...], str]:
    """A gold quantity as (value,) or (low, high), with its dimension."""
    raw = q["value"].replace(" ", "")
    m = re.fullmatch(r"(-?[\d.]+(?:E-?\d+)?)-(-?[\d.]+(?:E-?\d+)?)", raw, re.I)
    values = (float(m[1]), float(m[2])) if m else (float(raw),)
    dim = unit_dimension(q["normalized_unit"])
    if q["normalized_unit"].lower().split(" per ")[0] in ("cent", "sen"):
        values = tuple(v / 100 for v in values)  # we state cents in the currency
    elif q["unit"].strip().lower() == "p" and q["normalized_unit"] == "point":
        values, dim = tuple(v / 100 for v in values), "GBP"  # "118.5p" is pence
    return values, dim


def _pred_dimension(q) -> str:
    dim = unit_dimension(q.unit) if q.unit else "count"
    if q.per and q.kind in ("money", "measure", "count"):
        dim = f"{dim}/{unit_dimension(q.per)}"
    return dim


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def score_sentence(text: str, gold: list[dict]) -> dict:
    """Counts of true positives (value, value+unit), predictions and gold items."""
    golds = [_gold_items(q) for q in gold]
    preds = find_quantities(text)
    pred_items: list[tuple[tuple[float, ...], str, str]] = []
    gold_ranges = {tuple(sorted(v)) for v, _ in golds if len(v) == 2}
    for p in preds:
        dim = _pred_dimension(p)
        if p.from_value is not None:
            pair = tuple(sorted((p.from_value, p.value)))
            if any(_close(pair[0], g[0]) and _close(pair[1], g[1]) for g in gold_ranges):
                pred_items.append((pair, dim, p.text))
                continue
            pred_items.append(((p.from_value,), dim, p.text))
            if p.approx in VAGUE_WORDS:
                continue  # "dozens of" states one vague amount; its floor is sure
        pred_items.append(((p.value,), dim, p.text))
    tp_v = _match(golds, pred_items, with_unit=False)
    tp_vu = _match(golds, pred_items, with_unit=True)
    return {"tp_v": len(tp_v), "tp_vu": len(tp_vu), "pred": len(pred_items), "gold": len(golds),
            "preds": pred_items, "golds": golds, "matched": tp_vu}


def _match(golds, preds, *, with_unit: bool) -> list[int]:
    """Greedy one-to-one matching; returns the matched prediction indices."""
    used: set[int] = set()
    matched = []
    for gv, gdim in golds:
        for i, (pv, pdim, _) in enumerate(preds):
            if i in used or len(pv) != len(gv):
                continue
            if all(_close(a, b) for a, b in zip(sorted(pv), sorted(gv))) and (
                not with_unit or pdim == gdim
            ):
                used.add(i)
                matched.append(i)
                break
    return matched


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def evaluate(data: list[dict]) -> tuple[dict, list[dict]]:
    totals = {"tp_v": 0, "tp_vu": 0, "pred": 0, "gold": 0}
    rows = []
    t0 = time.perf_counter()
    for item in data:
        r = score_sentence(item["text"], item["quantities"])
        for k in totals:
            totals[k] += r[k]
        rows.append({"text": item["text"], **r})
    elapsed = time.perf_counter() - t0
    vp, vr, vf = _prf(totals["tp_v"], totals["pred"], totals["gold"])
    up, ur, uf = _prf(totals["tp_vu"], totals["pred"], totals["gold"])
    result = {
        "sentences": len(data), "gold": totals["gold"], "predicted": totals["pred"],
        "value": {"p": round(vp, 1), "r": round(vr, 1), "f1": round(vf, 1)},
        "value_unit": {"p": round(up, 1), "r": round(ur, 1), "f1": round(uf, 1)},
        "anchor": ANCHOR, "seconds": round(elapsed, 3),
    }
    return result, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--errors", type=int, default=0, help="show N sentences with mistakes")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found (NewsQuant lives in ../shared/data)")
        return 0
    data = json.loads(args.data.read_text(encoding="utf-8"))
    result, rows = evaluate(data)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"NewsQuant dev: {result['sentences']} sentences, {result['gold']} gold, "
          f"{result['predicted']} predicted, {result['seconds']}s")
    print(f"{'':14}{'P':>7}{'R':>7}{'F1':>7}{'anchor F1':>11}")
    for key, label, anchor in (("value", "value", ANCHOR["value_f1"]),
                               ("value_unit", "value+unit", ANCHOR["value_unit_f1"])):
        s = result[key]
        print(f"{label:14}{s['p']:7.1f}{s['r']:7.1f}{s['f1']:7.1f}{anchor:11.1f}")
    shown = 0
    for row in rows:
        if shown >= args.errors:
            break
        if row["tp_vu"] == row["gold"] == row["pred"]:
            continue
        shown += 1
        print("\n##", row["text"])
        print("   gold:", [(v, d) for v, d in row["golds"]])
        print("   pred:", [(v, d, t) for v, d, t in row["preds"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
