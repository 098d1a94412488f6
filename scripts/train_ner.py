"""Train the statistical NER on the gold records plus silver spans from the rules.

    .venv/bin/python scripts/train_ner.py            # ships to src/zxextract/nlp/model/ner
    .venv/bin/python scripts/train_ner.py --exclude 004_c1b6fa51dda948f3 --out /tmp/ner

Trains on the seed documents (data/raw + tests/gold) and the development set
(tests/dev); never on tests/heldout.
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
DEFAULT_CORPORA = [(ROOT / "data" / "raw", ROOT / "tests" / "gold"),
                   (ROOT / "tests" / "dev" / "raw", ROOT / "tests" / "dev" / "gold")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs=2, action="append", type=Path, metavar=("RAW_DIR", "GOLD_DIR"),
                        help="raw texts and their gold records (repeatable)")
    parser.add_argument("--out", type=Path, default=NER_MODEL_DIR)
    parser.add_argument("--exclude", action="append", default=[], help="doc_id to leave out (cross-validation)")
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--silver-copies", type=int, default=3)
    args = parser.parse_args()

    corpora = args.corpus or DEFAULT_CORPORA
    gold, doc_ids = [], []
    for raw_dir, gold_dir in corpora:
        ids = sorted(p.stem for p in gold_dir.glob("*.jsonl") if p.stem not in args.exclude)
        gold += gold_sentences(raw_dir, gold_dir, ids)
        doc_ids += ids
    silver = silver_sentences(gold, load_rules(DEFAULT_RULES_DIR), args.silver_copies, random.Random(SEED))
    started = time.perf_counter()
    stats = train(gold + silver, args.out, epochs=args.epochs)
    print(f"trained on {len(doc_ids)} documents: {len(gold)} gold + {len(silver)} silver sentences, "
          f"{stats['labels']} labels, final loss {stats['final_loss']:.1f}, "
          f"{time.perf_counter() - started:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
