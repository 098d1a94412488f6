"""Check a labelled set, for the person labelling it: every gold line is
well-formed (zxextract.evaluate.load_gold), every evidence stands in its raw
text, and every number with a unit that no evidence covers is listed, so that a
left-out figure is left out on purpose.

    .venv/bin/python scripts/check_gold.py tests/dev          # raw/ and gold/ inside
    .venv/bin/python scripts/check_gold.py tests/gold --raw data/raw
"""

import argparse
import sys
from pathlib import Path

from zxextract.errors import GoldError
from zxextract.evaluate import load_gold
from zxextract.numbers import find_numbers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("set_dir", type=Path, help="a folder with raw/ and gold/, or a folder of gold *.jsonl")
    parser.add_argument("--raw", type=Path, help="the raw texts, when not SET_DIR/raw")
    args = parser.parse_args()
    gold_dir = args.set_dir / "gold" if (args.set_dir / "gold").is_dir() else args.set_dir
    raw_dir = args.raw or args.set_dir / "raw"
    try:
        gold = load_gold(gold_dir)
    except GoldError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    errors = 0
    for doc_id in sorted({g["doc_id"] for g in gold}):
        text = (raw_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        records = [g for g in gold if g["doc_id"] == doc_id]
        covered = []
        for rec in records:
            start = text.find(rec["evidence"])
            if start < 0 or "\n" in rec["evidence"]:
                errors += 1
                print(f"{doc_id}: evidence not in the text (or spans a line break): {rec['evidence']}")
                continue
            while start >= 0:
                covered.append((start, start + len(rec["evidence"])))
                start = text.find(rec["evidence"], start + 1)
        loose = [m.text for m in find_numbers(text)
                 if not any(a <= m.start and m.end <= b for a, b in covered)]
        print(f"{doc_id}: {len(records)} records; numbers no evidence covers: {' '.join(loose) or 'none'}")
    print(f"{len(gold)} records, {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
