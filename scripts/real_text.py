"""Rebuild the local, git-ignored copy of a real page's text (tests/real/README.md).

    .venv/bin/python scripts/real_text.py save DOC_ID < literal.txt
        stdin: the page's `excerpt` as the search tool's JSON shows it, a JSON string
        literal with its double quotes; writes TEXTS/DOC_ID.txt and says whether it
        matches the sha256 in tests/real/sources.jsonl.
    .venv/bin/python scripts/real_text.py repair DOC_ID
        a text of the right length that differs from its sha256 usually holds one or
        two look-alike characters typed for others (后/後, 并/並, ，/,): tries each
        such substitution, one and then two at a time, and keeps the one that matches.

TEXTS is $ZX_REAL_TEXTS or tests/real/texts. Nothing here is committed: the texts stay local.
"""

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

from zxextract.realpages import default_texts_dir, load_sources

# Pairs OpenCC does not give one for the other, each way.
LOOKALIKES = {"并": "並", "於": "于", "后": "後", "，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}
LOOKALIKES |= {b: a for a, b in LOOKALIKES.items()}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save(doc_id: str, literal: str, texts: Path) -> str:
    source = {s.doc_id: s for s in load_sources()}[doc_id]
    text = json.loads(literal.strip())
    texts.mkdir(parents=True, exist_ok=True)
    (texts / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    if _sha(text) == source.sha256:
        return f"{doc_id}: OK"
    return f"{doc_id}: differs ({len(text)} characters, {source.chars} recorded); try `repair {doc_id}`"


def _alternatives(text: str) -> list[tuple[int, str]]:
    import opencc  # installed with the project (traditional script)

    converters = [opencc.OpenCC(c) for c in ("s2t", "t2s", "s2tw")]
    found = set()
    for i, char in enumerate(text):
        for other in {c.convert(char) for c in converters} | {LOOKALIKES.get(char, char)}:
            if len(other) == 1 and other != char:
                found.add((i, other))
    return sorted(found)


def repair(doc_id: str, texts: Path) -> str:
    source = {s.doc_id: s for s in load_sources()}[doc_id]
    path = texts / f"{doc_id}.txt"
    text = path.read_text(encoding="utf-8")
    if _sha(text) == source.sha256:
        return f"{doc_id}: OK already"
    if len(text) != source.chars:
        return f"{doc_id}: {len(text)} characters, {source.chars} recorded: a character is missing or extra, not swapped"
    alternatives = _alternatives(text)
    for size in (1, 2):
        for combo in itertools.combinations(alternatives, size):
            if len({i for i, _ in combo}) < size:
                continue
            chars = list(text)
            for i, other in combo:
                chars[i] = other
            candidate = "".join(chars)
            if _sha(candidate) == source.sha256:
                path.write_text(candidate, encoding="utf-8")
                return f"{doc_id}: repaired at " + ", ".join(f"{i} ({text[i]} -> {o})" for i, o in combo)
    return f"{doc_id}: no look-alike substitution of one or two characters matches; copy it again"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("save", "repair"))
    parser.add_argument("doc_id")
    args = parser.parse_args()
    texts = default_texts_dir()
    try:
        print(save(args.doc_id, sys.stdin.read(), texts) if args.command == "save" else repair(args.doc_id, texts))
    except KeyError:
        print(f"Error: {args.doc_id} is not in tests/real/sources.jsonl", file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"Error: {args.doc_id}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
