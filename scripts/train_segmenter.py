#!/usr/bin/env python3
"""Train the shipped pkuseg word-segmentation model from UD Chinese treebanks.

    python scripts/train_segmenter.py --corpora ../shared/corpora/ud_zh [--out DIR]

Reproducible: fixed input files read in sorted order, a fixed dev split, a
fixed random seed, and model files written without timestamps, so the same
inputs give byte-identical features.msgpack and weights.npz.

Data: GSDSimp dev + PUD (traditional, converted to simplified with OpenCC)
are trained on, except every tenth sentence, which is the dev set pkuseg
reports after each epoch. GSDSimp test is held out: never trained on, only
scored at the end (and by scripts/eval_segmenter.py).

Writes DIR/{features.msgpack,weights.npz} (default src/zxextract/nlp/model/pkuseg)
and, beside DIR, LICENSE and README.md with the measured scores.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

import numpy as np
import spacy_pkuseg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # run from a checkout even if zxextract isn't installed

from zxextract.errors import ZxError  # noqa: E402
from zxextract.nlp.segeval import UD_HELD_OUT_FILE, Scores, read_conllu_words, read_segmented, score  # noqa: E402
from zxextract.nlp.segmenter import DEFAULT_MODEL_DIR, DEFAULT_USER_DICT, Segmenter  # noqa: E402

# file name -> is it in traditional script (the corpora README says PUD is)
TRAIN_FILES = {"zh_gsdsimp-ud-dev.conllu": False, "zh_pud-ud-test.conllu": True}
DOMAIN_SAMPLE = REPO / "tests" / "data" / "domain_segmented.txt"
DEV_EVERY = 10  # every DEV_EVERY-th pooled sentence goes to the dev set
# The dev F1 stops moving by about epoch 17 (91.2 at 17-20); 20 epochs take ~1 min on 2 cores.
EPOCHS = 20
SEED = 0


def to_simplified(sentences: list[list[str]]) -> list[list[str]]:
    """Convert word lists to simplified script, keeping the word boundaries.

    Each sentence is converted as one space-joined line, so OpenCC still sees
    whole words (its phrase table needs them) but cannot match across a boundary.
    """
    try:
        import opencc
    except ImportError:
        sys.exit("opencc is needed to convert PUD to simplified: pip install -e '.[train]'")
    converter = opencc.OpenCC("t2s")  # plain t2s: PUD uses mainland vocabulary in traditional characters
    converted = []
    for words in sentences:
        new = converter.convert(" ".join(words)).split(" ")
        if [len(w) for w in new] != [len(w) for w in words]:
            sys.exit(f"OpenCC changed word lengths: {words} -> {new}")
        converted.append(new)
    return converted


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_weights(src: Path, dest: Path) -> None:
    """Rewrite pkuseg's weights.npz compressed and without zip timestamps.

    np.savez stamps the current time into the archive, which would make every
    retrain a binary diff; compression halves the size. np.load (used by
    pkuseg) reads the result as before.
    """
    arrays = dict(np.load(src))
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def write_lines(path: Path, sentences: list[list[str]]) -> None:
    path.write_text("".join(" ".join(words) + "\n" for words in sentences), encoding="utf-8")


def fmt(s: Scores) -> str:
    return f"P {100 * s.precision:.2f}  R {100 * s.recall:.2f}  F1 {100 * s.f1:.2f}"


def write_readme(path: Path, facts: dict) -> None:
    f = facts
    inputs = "\n".join(f"| {name} | {digest} |" for name, digest in f["inputs"])
    path.write_text(
        f"""# Shipped word-segmentation model

`pkuseg/` is a pkuseg (spacy-pkuseg {f["pkuseg_version"]}) character CRF, loaded by
`zxextract.nlp.segmenter` together with `../data/domain_dict.txt`, whose words are
matched first (forward maximum matching) so they always come out whole.
Licence: CC BY-SA, inherited from the training data (see LICENSE).

## How it was trained

`make model`, i.e. `python scripts/train_segmenter.py --corpora ../shared/corpora/ud_zh`.

- Training data: UD Chinese GSDSimp dev ({f["n_gsd"]} sentences) and UD Chinese PUD
  ({f["n_pud"]} sentences, traditional script converted to simplified with OpenCC
  {f["opencc_version"]} `t2s` with word boundaries kept), minus every {DEV_EVERY}th sentence:
  {f["n_train"]} training sentences, {f["n_dev"]} dev sentences.
- Held out, never trained on: UD Chinese GSDSimp test ({f["n_test"]} sentences).
- The domain dictionary is not added to the training data: it is applied before the
  model, so its words never reach the model at run time.
- {EPOCHS} epochs of pkuseg's ADF training, 5 tags, random seed {SEED}, one process;
  training took {f["seconds"]:.0f} s on this machine ({f["cores"]} cores).
- Weights are stored compressed; rerunning on the same inputs gives the same
  `features.msgpack` and `weights.npz` bytes.

| input file | sha256 |
|---|---|
{inputs}

## Size

{f["size_text"]}.

## Measured word segmentation (precision / recall / F1, %)

| data | sentences | model + domain dictionary | model alone |
|---|---|---|---|
| UD GSDSimp test (held out) | {f["test"].sentences} | {fmt(f["test"])} | {fmt(f["test_raw"])} |
| domain sample `tests/data/domain_segmented.txt` | {f["domain"].sentences} | {fmt(f["domain"])} | {fmt(f["domain_raw"])} |
| dev (every {DEV_EVERY}th training-pool sentence) | {f["dev"].sentences} | {fmt(f["dev"])} | {fmt(f["dev_raw"])} |

`make seg-eval` recomputes the first two rows. The domain sample is {f["domain"].sentences} sentences from
`data/raw/*.txt`, segmented by hand following the UD convention (numerals apart
from measure words, `重庆 市`), with the dictionary's domain terms whole.

## Known limits

- Trained on {f["n_train"]} sentences of general text, so unseen names and domain
  terms not in the dictionary are often split.
- Dictionary words win in every context: `中共涪陵区委` comes out as
  `中共 / 涪陵区 / 委` (see the comments in the dictionary file).
""",
        encoding="utf-8",
    )


LICENSE_TEXT = """The segmentation model in this directory (pkuseg/) is a work derived from:

- UD Chinese GSDSimp (Universal Dependencies), licensed under Creative Commons
  Attribution-ShareAlike 4.0 International (CC BY-SA 4.0):
  https://creativecommons.org/licenses/by-sa/4.0/legalcode
- UD Chinese PUD (Universal Dependencies), licensed under Creative Commons
  Attribution-ShareAlike 3.0 (CC BY-SA 3.0):
  https://creativecommons.org/licenses/by-sa/3.0/legalcode

As required by the share-alike terms, the model is distributed under
CC BY-SA 4.0 (a later version of the same licence, as CC BY-SA 3.0 allows for
adaptations). Attribution: the UD Chinese GSDSimp and UD Chinese PUD treebank
maintainers (UniversalDependencies/UD_Chinese-GSDSimp and UD_Chinese-PUD).
The model was changed from the data by training a statistical segmenter on it
(see README.md). The rest of zxextract is under its own licence (pyproject.toml).
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, required=True, help="directory with the UD Chinese .conllu files")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model directory to write")
    args = parser.parse_args()

    needed = sorted([*TRAIN_FILES, UD_HELD_OUT_FILE])
    missing = [name for name in needed if not (args.corpora / name).is_file()]
    if missing:
        sys.exit(f"{args.corpora}: missing {', '.join(missing)}")

    pool: list[list[str]] = []
    counts = {}
    for name in sorted(TRAIN_FILES):
        sentences = read_conllu_words(args.corpora / name)
        counts[name] = len(sentences)
        pool.extend(to_simplified(sentences) if TRAIN_FILES[name] else sentences)
    train = [s for i, s in enumerate(pool) if i % DEV_EVERY != DEV_EVERY - 1]
    dev = [s for i, s in enumerate(pool) if i % DEV_EVERY == DEV_EVERY - 1]
    held_out = read_conllu_words(args.corpora / UD_HELD_OUT_FILE)
    print(f"train {len(train)}  dev {len(dev)}  held-out {len(held_out)} sentences")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_lines(work / "train.txt", train)
        write_lines(work / "dev.txt", dev)
        random.seed(SEED)  # pkuseg's ADF optimizer shuffles with the global `random`
        started = time.perf_counter()
        spacy_pkuseg.train(str(work / "train.txt"), str(work / "dev.txt"), str(work / "model"), train_iter=EPOCHS)
        seconds = time.perf_counter() - started
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / "model" / "features.msgpack", args.out / "features.msgpack")
        save_weights(work / "model" / "weights.npz", args.out / "weights.npz")

    sizes = {name: (args.out / name).stat().st_size for name in ("features.msgpack", "weights.npz")}
    total = sum(sizes.values())
    size_text = (
        f"{total / 1e6:.1f} MB in total: "
        + ", ".join(f"`{name}` {size / 1e6:.1f} MB" for name, size in sizes.items())
    )

    try:
        shipped = Segmenter(args.out, DEFAULT_USER_DICT)
        raw = Segmenter(args.out, None)
        domain = read_segmented(DOMAIN_SAMPLE)
        results = {
            "test": score(shipped.segment, held_out),
            "test_raw": score(raw.segment, held_out),
            "domain": score(shipped.segment, domain),
            "domain_raw": score(raw.segment, domain),
            "dev": score(shipped.segment, dev),
            "dev_raw": score(raw.segment, dev),
        }
    except ZxError as exc:
        sys.exit(f"error: {exc}")

    out_parent = args.out.parent
    (out_parent / "LICENSE").write_text(LICENSE_TEXT, encoding="utf-8")
    write_readme(
        out_parent / "README.md",
        {
            **results,
            "inputs": [(name, sha256(args.corpora / name)) for name in needed],
            "n_gsd": counts["zh_gsdsimp-ud-dev.conllu"],
            "n_pud": counts["zh_pud-ud-test.conllu"],
            "n_train": len(train),
            "n_dev": len(dev),
            "n_test": len(held_out),
            "seconds": seconds,
            "cores": os.cpu_count(),
            "size_text": size_text,
            "pkuseg_version": version("spacy_pkuseg"),
            "opencc_version": version("opencc"),
        },
    )
    print(f"model written to {args.out} ({size_text}); trained in {seconds:.0f} s")
    for key in ("test", "domain", "dev"):
        print(f"{key:>7}: {fmt(results[key])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
