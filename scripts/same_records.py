"""Does a change leave the output as it was? Extracts every labelled set (the seeds
in data/raw, tests/dev to dev6, tests/heldout, the real pages when their texts are
present: tests/real/texts or $ZX_REAL_TEXTS) and the bench's 1x corpus into a snapshot, and compares two snapshots row
by row: every table of the dataset and every clean text.

    python scripts/same_records.py snapshot before     # on the code before a change
    python scripts/same_records.py snapshot after      # on the code after it
    python scripts/same_records.py compare before after

Snapshots go to build/same/<name>. The dataset holds no timing column; should one
appear, list it in TIMING so that it is left out of the comparison.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "same"
TABLES = ("metrics", "documents", "facts", "checks")
TIMING: frozenset[str] = frozenset()


def labelled_sets() -> dict[str, Path]:
    sets = {"seeds": ROOT / "data" / "raw"}
    for name in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "heldout"):
        sets[name] = ROOT / "tests" / name / "raw"
    from zxextract.realpages import default_texts_dir  # $ZX_REAL_TEXTS or tests/real/texts

    real = default_texts_dir()
    if real.is_dir() and any(real.glob("*.txt")):
        sets["real"] = real
    return sets


def snapshot(name: str) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import build_corpus  # the bench's own corpus: numbers varied, 100 documents

    from zxextract.pipeline import Settings, run

    target = WORK / name
    if target.exists():
        shutil.rmtree(target)
    sets = labelled_sets()
    sets["bench-1x"] = WORK / "corpus-1x"
    if not sets["bench-1x"].exists():
        build_corpus(sets["bench-1x"], 100)
    for label, folder in sets.items():
        summary = run(folder, target / label, Settings(force=True))
        print(f"{label:<10} {summary.documents:>4} documents {summary.records:>6} records "
              f"{summary.failed} failed  {summary.seconds:.1f} s")


def _rows(path: Path) -> list[dict]:
    table = pq.read_table(path)
    return table.drop_columns([c for c in table.schema.names if c in TIMING]).to_pylist()


def compare(before: str, after: str) -> int:
    a, b, differences = WORK / before, WORK / after, 0
    labels = sorted(p.name for p in a.iterdir())
    if labels != sorted(p.name for p in b.iterdir()):
        print(f"the snapshots hold different sets: {labels} / {sorted(p.name for p in b.iterdir())}")
        return 1
    for label in labels:
        for table in TABLES:
            old, new = _rows(a / label / f"{table}.parquet"), _rows(b / label / f"{table}.parquet")
            if len(old) != len(new):
                print(f"{label}/{table}: {len(old)} rows before, {len(new)} after")
                differences += 1
            for n, (x, y) in enumerate(zip(old, new)):
                if x != y:
                    changed = {k: (x[k], y.get(k)) for k in x if x[k] != y.get(k)}
                    print(f"{label}/{table} row {n}: {changed}")
                    differences += 1
        texts = sorted(p.name for p in (a / label / "clean").iterdir())
        if texts != sorted(p.name for p in (b / label / "clean").iterdir()):
            print(f"{label}/clean: different files")
            differences += 1
        for text in texts:
            if (a / label / "clean" / text).read_bytes() != (b / label / "clean" / text).read_bytes():
                print(f"{label}/clean/{text} differs")
                differences += 1
    print("identical" if not differences else f"{differences} differences")
    return 1 if differences else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshot").add_argument("name")
    pair = sub.add_parser("compare")
    pair.add_argument("before")
    pair.add_argument("after")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.name)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
