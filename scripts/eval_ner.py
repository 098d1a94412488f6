"""Does the NER earn its place? Rules only vs rules + NER, scored per spec §5.

Cross-validation over the labelled documents (seeds and the development set),
dealt into folds: each fold is scored by an NER trained on the other folds, so
it is never scored on text it learned from. With --heldout DIR (raw/ and gold/
inside), the shipped model is also scored there.

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
DEFAULT_CORPORA = [(ROOT / "data" / "raw", ROOT / "tests" / "gold"),
                   (ROOT / "tests" / "dev" / "raw", ROOT / "tests" / "dev" / "gold")]


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


def show_totals(title: str, rules_only: list[dict], with_ner: list[dict], gold: list[dict]) -> None:
    """Totals only: the held-out set's per-metric errors stay unread, so nobody tunes on them."""
    for name, predictions in (("rules only", rules_only), ("rules + NER", with_ner)):
        lines = format_report(score(predictions, gold)).splitlines()
        print(f"\n=== {title}: {name}\n" + "\n".join(lines[:4] + lines[-1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs=2, action="append", type=Path, metavar=("RAW_DIR", "GOLD_DIR"))
    parser.add_argument("--heldout", type=Path)
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--folds", type=int, default=4, help="documents are dealt round-robin into this many folds")
    args = parser.parse_args()

    rules = load_rules(DEFAULT_RULES_DIR)
    corpora = args.corpus or DEFAULT_CORPORA
    docs = [(raw_dir, gold_dir, doc_id) for raw_dir, gold_dir in corpora
            for doc_id in sorted({g["doc_id"] for g in load_gold(gold_dir)})]
    gold = [g for _, gold_dir in corpora for g in load_gold(gold_dir)]
    rules_only, with_ner = [], []
    for fold in range(args.folds):
        held = docs[fold::args.folds]
        sentences = [s for doc in docs if doc not in held for s in gold_sentences(doc[0], doc[1], [doc[2]])]
        sentences += silver_sentences(sentences, rules, 3, random.Random(SEED))
        with tempfile.TemporaryDirectory() as tmp:
            train(sentences, Path(tmp), epochs=args.epochs)
            nlp = load_pipeline(Path(tmp))
            for raw_dir, _, doc_id in held:
                with_ner += records(raw_dir, [doc_id], rules, nlp)
            load_pipeline.cache_clear()
        for raw_dir, _, doc_id in held:
            rules_only += records(raw_dir, [doc_id], rules, None)
        print(f"fold {fold + 1}/{args.folds}: scored {', '.join(d[2] for d in held)}; "
              f"trained on the other {len(docs) - len(held)} documents", flush=True)
    show("cross-validation over the labelled documents", rules_only, with_ner, gold)

    if args.heldout:
        held_gold = load_gold(args.heldout / "gold")
        held_ids = sorted({g["doc_id"] for g in held_gold})
        nlp = load_pipeline(NER_MODEL_DIR)
        show_totals(f"held-out set {args.heldout} (shipped model)", records(args.heldout / "raw", held_ids, rules, None),
             records(args.heldout / "raw", held_ids, rules, nlp), held_gold)


if __name__ == "__main__":
    main()
