"""Check the held-out gold: every line parses, has exactly the spec §4 keys,
uses a metric id from spec §3, and its evidence is a line-break-free exact
substring of the raw text. Reports evidence that is not unique in its text.

usage: python3 tests/heldout/tools/check_gold.py [path/to/METRICS.md]
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SPEC = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/spec/METRICS.md")
KEYS = ["doc_id", "body", "year", "metric", "value", "unit", "qualifier",
        "scope", "status", "evidence"]
QUALIFIERS = {"exact", "more_than", "about", "at_least"}
STATUSES = {"actual", "target"}


def spec_metrics(path):
    text = path.read_text(encoding="utf-8")
    sec = text.split("## 3. Metric ids", 1)[1].split("\n## ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\|\s*\**([a-z_]+)\**\s*\|", sec, re.M)} - {"metric"}


def main():
    metrics = spec_metrics(SPEC)
    errors, warnings = [], []
    per_doc, per_metric = Counter(), Counter()
    for gold in sorted((HERE / "gold").glob("*.jsonl")):
        doc_id = gold.stem
        raw = (HERE / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8")
        n_chars = len(raw)
        if not 1800 <= n_chars <= 3000:
            errors.append(f"{doc_id}: raw text has {n_chars} characters")
        seen = set()
        for i, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{doc_id}:{i}"
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: bad JSON ({e})")
                continue
            if list(r) != KEYS:
                errors.append(f"{where}: keys {list(r)}")
                continue
            if r["doc_id"] != doc_id:
                errors.append(f"{where}: doc_id {r['doc_id']}")
            if r["metric"] not in metrics:
                errors.append(f"{where}: unknown metric {r['metric']}")
            if r["qualifier"] not in QUALIFIERS:
                errors.append(f"{where}: qualifier {r['qualifier']}")
            if r["status"] not in STATUSES:
                errors.append(f"{where}: status {r['status']}")
            if not isinstance(r["value"], (int, float)) or isinstance(r["value"], bool):
                errors.append(f"{where}: value {r['value']!r}")
            if not isinstance(r["year"], int):
                errors.append(f"{where}: year {r['year']!r}")
            ev = r["evidence"]
            if not ev or "\n" in ev or "\r" in ev:
                errors.append(f"{where}: evidence empty or has a line break")
            elif ev not in raw:
                errors.append(f"{where}: evidence not in raw: {ev}")
            elif raw.count(ev) > 1:
                warnings.append(f"{where}: evidence occurs {raw.count(ev)}x: {ev}")
            key = (r["body"], r["year"], r["metric"], r["value"], r["status"])
            if key in seen:
                warnings.append(f"{where}: same body/year/metric/value/status twice: {key}")
            seen.add(key)
            per_doc[doc_id] += 1
            per_metric[r["metric"]] += 1
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{sum(per_doc.values())} records in {len(per_doc)} files;",
          ", ".join(f"{d} {n}" for d, n in sorted(per_doc.items())))
    print("per metric:", ", ".join(f"{m} {n}" for m, n in per_metric.most_common()))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
