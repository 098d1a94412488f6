"""Does the NER earn its place? Rules only vs rules + NER, scored per spec §5.

Cross-validation over the gold documents: for each one, the NER is trained on
the others and scored on it, so it is never scored on text it learned from.
With --heldout DIR (raw/ and gold/ inside), the shipped model is also scored there.

    .venv/bin/python scripts/eval_ner.py [--heldout tests/heldout]
"""

import argparse
import random
import tempfile
from pathlib import Path

from zxextract.evaluate import format_report, load_gold, score
from zxextract.io import read_document
from zxextract.nlp.ner_training import SEED, gold_sentences, silver_sentences, train
from zxextract.nlp.pipeline import NER_MODEL_DIR, load_pipeline
from zxextract.pipeline import DEFAULT_RULES_DIR, extract_document
from zxextract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


def records(raw_dir: Path, doc_ids, rules, nlp) -> list[dict]:
    out = []
    for doc_id in doc_ids:
        result = extract_document(read_document(raw_dir / f"{doc_id}.txt"), rules, nlp)
        out.extend(r.model_dump() for r in result.records)
    return out


def show(title: str, rules_only: list[dict], with_ner: list[dict], gold: list[dict]) -> None:
    for name, predictions in (("rules only", rules_only), ("rules + NER", with_ner)):
        print(f"\n=== {title}: {name}\n{format_report(score(predictions, gold))}")
    print("\nNER-only records that match no gold record:")
    for p in score(with_ner, gold).unmatched_pred:
        if p["extractor"] == "ner":
            print(f"  {p['doc_id'][:8]} {p['metric']} {p['value']:g} | {p['evidence'][:50]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold")
    parser.add_argument("--heldout", type=Path)
    parser.add_argument("--epochs", type=int, default=25)
    args = parser.parse_args()

    rules = load_rules(DEFAULT_RULES_DIR)
    gold = load_gold(args.gold)
    doc_ids = sorted({g["doc_id"] for g in gold})
    rules_only, with_ner = [], []
    for held in doc_ids:
        train_ids = [d for d in doc_ids if d != held]
        sentences = gold_sentences(args.raw, args.gold, train_ids)
        sentences += silver_sentences(sentences, rules, 3, random.Random(SEED))
        with tempfile.TemporaryDirectory() as tmp:
            train(sentences, Path(tmp), epochs=args.epochs)
            nlp = load_pipeline(Path(tmp))
            with_ner += records(args.raw, [held], rules, nlp)
            load_pipeline.cache_clear()
        rules_only += records(args.raw, [held], rules, None)
        print(f"fold {held}: trained on {len(train_ids)} documents")
    show("cross-validation on the gold documents", rules_only, with_ner, gold)

    if args.heldout:
        held_gold = load_gold(args.heldout / "gold")
        held_ids = sorted({g["doc_id"] for g in held_gold})
        nlp = load_pipeline(NER_MODEL_DIR)
        show(f"held-out set {args.heldout} (shipped model)", records(args.heldout / "raw", held_ids, rules, None),
             records(args.heldout / "raw", held_ids, rules, nlp), held_gold)


if __name__ == "__main__":
    main()
