#!/usr/bin/env python3
"""Score the shipped word segmenter.

    python scripts/eval_segmenter.py --corpora ../shared/corpora/ud_zh

Prints word-level precision/recall/F1 on the held-out UD Chinese GSDSimp test
set (never trained on; see scripts/train_segmenter.py) and on the
hand-segmented domain sample tests/data/domain_segmented.txt, for the shipped
configuration (model + domain dictionary) and for the model alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # run from a checkout even if zxextract isn't installed

from zxextract.errors import ZxError  # noqa: E402
from zxextract.nlp.segeval import UD_HELD_OUT_FILE, read_conllu_words, read_segmented, score  # noqa: E402
from zxextract.nlp.segmenter import DEFAULT_MODEL_DIR, DEFAULT_USER_DICT, Segmenter  # noqa: E402

DOMAIN_SAMPLE = REPO / "tests" / "data" / "domain_segmented.txt"
WHOLE_WORDS = ("沙坪坝区", "社情民意信息", "习近平")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, required=True, help="directory with the UD Chinese .conllu files")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model directory to score")
    args = parser.parse_args()

    held_out_path = args.corpora / UD_HELD_OUT_FILE
    if not held_out_path.is_file():
        print(f"error: {held_out_path} not found", file=sys.stderr)
        return 2
    domain_name = f"domain sample ({DOMAIN_SAMPLE.relative_to(REPO)})"
    data = {
        f"UD GSDSimp test (held out, {UD_HELD_OUT_FILE})": read_conllu_words(held_out_path),
        domain_name: read_segmented(DOMAIN_SAMPLE),
    }
    try:
        configurations = {
            "model + domain dictionary": Segmenter(args.model, DEFAULT_USER_DICT),
            "model alone": Segmenter(args.model, None),
        }
        print(f"{'data':<58} {'configuration':<26} {'sents':>5} {'words':>6}   P      R      F1")
        for data_name, sentences in data.items():
            for config_name, segmenter in configurations.items():
                s = score(segmenter.segment, sentences)
                print(
                    f"{data_name:<58} {config_name:<26} {s.sentences:>5} {s.gold_words:>6}"
                    f"  {100 * s.precision:5.2f}  {100 * s.recall:5.2f}  {100 * s.f1:5.2f}"
                )
        # The words the project relies on, checked in context: every occurrence in
        # the domain sample should come out as one token.
        shipped = configurations["model + domain dictionary"]
        outputs = [shipped.segment("".join(words)) for words in data[domain_name]]
        for word in WHOLE_WORDS:
            occurrences = sum("".join(tokens).count(word) for tokens in outputs)
            whole = sum(tokens.count(word) for tokens in outputs)
            print(f"{word}: {whole} of {occurrences} occurrences in the domain sample come out whole")
    except ZxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
