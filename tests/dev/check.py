"""Check the held-out gold: every line parses, has exactly the spec §4 keys, uses a
metric id from the spec's §3 table, and its evidence is a line-break-free substring
of the raw text. Also lists, per text, the numbers that no evidence covers, so a
person can confirm each was left out on purpose (dates, ordinals, others' figures…).

Standalone: reads only the spec and this folder, never the extractor.
    python tests/dev/check.py [path/to/METRICS.md]
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"doc_id", "body", "year", "metric", "value", "unit", "qualifier", "scope", "status", "evidence"}
QUALIFIERS = {"exact", "more_than", "about", "at_least"}
CORE = ["proposals_received", "proposals_accepted", "proposal_acceptance_rate",
        "proposal_satisfaction_rate", "proposal_basic_satisfaction_rate",
        "sqmy_collected", "sqmy_submitted", "sqmy_adopted"]


def spec_metrics(spec: Path) -> set[str]:
    text = spec.read_text(encoding="utf-8")
    section = text.split("## 3. Metric ids", 1)[1].split("## 4.", 1)[0]
    return set(re.findall(r"^\| \**([a-z_]+)\** \|", section, flags=re.M))


def number_spans(text: str):
    """Spans of digit runs (ASCII or full-width, with decimals) and of Chinese numerals."""
    pat = r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二三四五六七八九十百千万两]+(?=[余多]?[次场期个件条篇名项人辑幅户])"
    return [(m.start(), m.end(), m.group()) for m in re.finditer(pat, text)]


def main() -> int:
    default_spec = Path("/work/shared/spec/METRICS.md")
    for cand in (HERE.parents[2] / "shared" / "spec" / "METRICS.md", HERE.parents[3] / "shared" / "spec" / "METRICS.md"):
        if cand.exists():
            default_spec = cand
    spec = Path(sys.argv[1]) if len(sys.argv) > 1 else default_spec
    metrics = spec_metrics(spec)
    assert set(CORE) <= metrics, "spec table not parsed"
    errors, per_doc, per_metric = [], Counter(), Counter()
    for gold in sorted((HERE / "gold").glob("*.jsonl")):
        doc = gold.stem
        raw = (HERE / "raw" / f"{doc}.txt").read_text(encoding="utf-8")
        covered = []
        for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{doc}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: does not parse ({exc})")
                continue
            if set(rec) != KEYS:
                errors.append(f"{where}: keys {sorted(rec)}")
            if rec.get("doc_id") != doc:
                errors.append(f"{where}: doc_id {rec.get('doc_id')}")
            if rec.get("metric") not in metrics:
                errors.append(f"{where}: metric {rec.get('metric')} not in the spec")
            if rec.get("qualifier") not in QUALIFIERS:
                errors.append(f"{where}: qualifier {rec.get('qualifier')}")
            if rec.get("status") not in ("actual", "target"):
                errors.append(f"{where}: status {rec.get('status')}")
            if not isinstance(rec.get("value"), (int, float)) or not isinstance(rec.get("year"), int):
                errors.append(f"{where}: value/year types")
            ev = rec.get("evidence") or ""
            if "\n" in ev or ev not in raw:
                errors.append(f"{where}: evidence not in the raw text: {ev}")
            else:
                start = 0
                while (i := raw.find(ev, start)) >= 0:
                    covered.append((i, i + len(ev)))
                    start = i + 1
            per_doc[doc] += 1
            per_metric[rec.get("metric")] += 1
        uncovered = [s for s in number_spans(raw) if not any(a <= s[0] and s[1] <= b for a, b in covered)]
        print(f"{doc}: {per_doc[doc]} records; {len(raw)} chars; numbers not in any evidence:")
        for a, b, s in uncovered:
            print(f"    {s!r:12} …{raw[max(0, a - 12):b + 8].replace(chr(10), '⏎')}…")
    print("\nper metric:", dict(sorted(per_metric.items())))
    print("core total:", sum(per_metric[m] for m in CORE), "all:", sum(per_metric.values()))
    for e in errors:
        print("ERROR", e)
    print(f"{'FAILED' if errors else 'OK'}: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
