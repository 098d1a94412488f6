"""One big pattern tried only near the strings it needs: for the few patterns searched
all over a text that name a 政协 by any of three thousand places (entities.py)."""

from __future__ import annotations

from math import inf

import regex

from .prefilter import BREAKS, _bounding_breaks, _merged_and_cut, needs, search_within


class Prefiltered:
    """A compiled pattern that tries to match only near a string it needs, read by
    `needs`: `finditer`, `search` and `match` give what the pattern gives. Anything
    else is the pattern's own. For the few big patterns searched all over a text
    (a 政协 named by any of three thousand places)."""

    def __init__(self, compiled: regex.Pattern):
        self.compiled = compiled
        found = needs(compiled)
        self._strings: tuple[str, ...] = ()
        if found is not None:
            breaks, crossed = _bounding_breaks(found.breaks)
            usable = [(strings, offset) for strings, offset in found.clauses if offset < inf]
            if usable and (found.reach < inf or breaks):
                strings, offset = min(usable, key=lambda c: (len(c[0]), -min(map(len, c[0]))))
                self._strings, self._offset = tuple(sorted(strings)), int(offset)
                self._reach, self._breaks, self._crossed = found.reach, breaks, crossed

    def __getattr__(self, name):
        return getattr(self.compiled, name)

    def _windows(self, text: str, pos: int, endpos: int) -> list[tuple[int, int, float]]:
        found = []
        for s in self._strings:
            at = text.find(s, pos, endpos)
            while at >= 0:
                found.append(at)
                at = text.find(s, at + 1, endpos)
        found.sort()
        marks = []
        if self._breaks and found:
            chars = regex.escape("".join(BREAKS[k] for k in self._breaks))
            marks = [m.start() for m in regex.finditer(f"[{chars}]", text, pos=found[0], endpos=endpos)]
        return _merged_and_cut([(max(pos, p - self._offset), p) for p in found], marks, self._crossed, self._reach)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, **kwargs):
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if not self._strings or kwargs:
            return self.compiled.finditer(text, pos, endpos, **kwargs)
        return search_within(self.compiled, text, pos, endpos, self._windows(text, pos, endpos), None)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, **kwargs):
        if not self._strings or kwargs:
            return self.compiled.search(text, pos, endpos, **kwargs)
        return next(iter(self.finditer(text, pos, endpos)), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None, **kwargs):
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if self._strings and not kwargs:
            # A match at `pos` holds one of the strings, starting by pos + offset.
            last = min(endpos, pos + self._offset + max(map(len, self._strings)))
            if all(text.find(s, pos, last) < 0 for s in self._strings):
                return None
        return self.compiled.match(text, pos, endpos, **kwargs)
