#!/usr/bin/env python3
"""Turn adjudicated gold records (spec §4, with `evidence`) into the offset labels
that tests/real commits: the evidence becomes `evidence_start`/`evidence_end` in its
page's text, so no page text enters the repository.

usage: real_offsets.py GOLD_DIR TEXTS_DIR LABELS_DIR
Each evidence must occur in its text; where it occurs more than once, the first is taken.
"""
import json
import sys
from pathlib import Path

KEYS = ("doc_id", "body", "year", "period_start", "period_end", "metric", "value", "unit",
        "qualifier", "scope", "status")


def main(gold: Path, texts: Path, labels: Path) -> int:
    labels.mkdir(parents=True, exist_ok=True)
    bad = 0
    for path in sorted(gold.glob("*.jsonl")):
        text = (texts / f"{path.stem}.txt").read_text(encoding="utf-8")
        rows = []
        for n, line in enumerate(filter(str.strip, path.read_text(encoding="utf-8").splitlines()), 1):
            record = json.loads(line)
            start = text.find(record["evidence"])
            if start < 0:
                print(f"{path}:{n}: evidence not in {path.stem}.txt")
                bad += 1
                continue
            row = {k: record.get(k) for k in KEYS}
            row.update(evidence_start=start, evidence_end=start + len(record["evidence"]))
            rows.append(json.dumps(row, ensure_ascii=False))
        (labels / path.name).write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*map(Path, sys.argv[1:])))
