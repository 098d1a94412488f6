"""Chinese word segmentation with the shipped pkuseg model and the domain dictionary.

The model (nlp/model/pkuseg/) is a pkuseg CRF trained on Universal Dependencies
Chinese by scripts/train_segmenter.py; the domain dictionary
(nlp/data/domain_dict.txt) holds CPPCC vocabulary and Chongqing place names.

Dictionary words are cut out of the text by forward maximum matching first and
only the text between them goes to the model. pkuseg's own user-dictionary
option is not used because (a) it also switches on pkuseg's bundled general
dictionary, whose merging cost about 6 F1 points on held-out UD text, and
(b) its matcher can emit a non-word prefix of a longer entry (with 社情民意 and
社情民意信息 listed, 社情民意信箱 yields 社情民意信).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from zxextract.errors import ModelError

_PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL_DIR = _PACKAGE_DIR / "model" / "pkuseg"
DEFAULT_USER_DICT = _PACKAGE_DIR / "data" / "domain_dict.txt"
MODEL_FILES = ("features.msgpack", "weights.npz")

# Whitespace runs become tokens of their own so that "".join(tokens) == text;
# pkuseg itself silently drops whitespace.
_RUNS = re.compile(r"\s+|\S+")


class SegmenterError(ModelError):
    """The segmenter model or its dictionary is missing or unreadable."""


def read_user_dict(path: Path) -> frozenset[str]:
    """The words of a dictionary file: one a line, '#' comment lines and blanks skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SegmenterError(f"cannot read segmenter dictionary {path}: {exc}") from exc
    words = frozenset(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))
    bad = sorted(w for w in words if any(ch.isspace() for ch in w))
    if bad:
        raise SegmenterError(f"{path}: dictionary entries contain whitespace: {bad}")
    return words


class Segmenter:
    """A loaded pkuseg model plus a user dictionary that is matched before it."""

    def __init__(self, model_dir: Path, user_dict: Path | None):
        missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
        if missing:
            raise SegmenterError(
                f"segmenter model missing in {model_dir}: {', '.join(missing)} not found; "
                "reinstall zxextract, or rebuild the model with `make model`"
            )
        # Imported here so that importing zxextract.nlp stays cheap.
        import spacy_pkuseg

        try:
            # user_dict=None: no pkuseg dictionary pre- or post-processing (see module doc).
            self._model = spacy_pkuseg.pkuseg(model_name=str(model_dir), user_dict=None)
        except Exception as exc:  # pkuseg raises bare Exceptions, KeyErrors, zip errors...
            raise SegmenterError(f"cannot load segmenter model from {model_dir}: {exc}") from exc
        self.words = read_user_dict(user_dict) if user_dict is not None else frozenset()
        self._longest = max(map(len, self.words), default=0)

    def _dictionary_split(self, chunk: str) -> list[tuple[str, bool]]:
        """Cut `chunk` into (piece, is_dictionary_word), longest dictionary match first."""
        pieces: list[tuple[str, bool]] = []
        start = i = 0
        while i < len(chunk):
            for length in range(min(self._longest, len(chunk) - i), 0, -1):
                if chunk[i : i + length] in self.words:
                    if start < i:
                        pieces.append((chunk[start:i], False))
                    pieces.append((chunk[i : i + length], True))
                    i = start = i + length
                    break
            else:
                i += 1
        if start < len(chunk):
            pieces.append((chunk[start:], False))
        return pieces

    def segment(self, text: str) -> list[str]:
        """Words of `text`, in order; whitespace runs are tokens, so they join back to `text`."""
        tokens: list[str] = []
        for run in _RUNS.finditer(text):
            chunk = run.group()
            if chunk.isspace():
                tokens.append(chunk)
                continue
            for piece, is_word in self._dictionary_split(chunk):
                tokens.extend([piece] if is_word else self._model.cut(piece))
        return tokens


@functools.lru_cache(maxsize=None)
def load_segmenter(
    model_dir: Path = DEFAULT_MODEL_DIR, user_dict: Path | None = DEFAULT_USER_DICT
) -> Segmenter:
    """The segmenter for `model_dir` and `user_dict`, loaded once per process.

    Raises SegmenterError if the model files or the dictionary are missing.
    """
    return Segmenter(Path(model_dir), None if user_dict is None else Path(user_dict))


def segment(text: str) -> list[str]:
    """Segment `text` with the shipped model and domain dictionary."""
    return load_segmenter().segment(text)
