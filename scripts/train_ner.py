"""Train the statistical NER on the gold records plus silver spans from the rules.

    .venv/bin/python scripts/train_ner.py            # ships to src/zxextract/nlp/model/ner
    .venv/bin/python scripts/train_ner.py --exclude 004_c1b6fa51dda948f3 --out /tmp/ner
"""

import argparse
import random
import time
from pathlib import Path

from zxextract.nlp.ner_training import SEED, gold_sentences, silver_sentences, train
from zxextract.nlp.pipeline import NER_MODEL_DIR
from zxextract.pipeline import DEFAULT_RULES_DIR
from zxextract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    parser.add_argument("--out", type=Path, default=NER_MODEL_DIR)
    parser.add_argument("--exclude", action="append", default=[], help="doc_id to leave out (cross-validation)")
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--silver-copies", type=int, default=3)
    args = parser.parse_args()

    doc_ids = sorted(p.stem for p in args.gold.glob("*.jsonl") if p.stem not in args.exclude)
    gold = gold_sentences(args.raw, args.gold, doc_ids)
    silver = silver_sentences(gold, load_rules(DEFAULT_RULES_DIR), args.silver_copies, random.Random(SEED))
    started = time.perf_counter()
    stats = train(gold + silver, args.out, epochs=args.epochs)
    print(f"trained on {len(doc_ids)} documents: {len(gold)} gold + {len(silver)} silver sentences, "
          f"{stats['labels']} labels, final loss {stats['final_loss']:.1f}, "
          f"{time.perf_counter() - started:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
