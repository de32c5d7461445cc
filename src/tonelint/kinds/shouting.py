"""``kind: shouting`` — words in capitals, which read as raised voice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from .base import Hit, Option, Rule

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Where a word in capitals may begin: a letter that is not a-z, then another or
# an apostrophe (over-inclusive: é and ő pass too; the word check decides).
_MAYBE_CAPS = re.compile(r"[^\W\d_a-z][^\W\d_a-z'’]")
# In ASCII the same is two capitals: bytes.find looks for them 20x faster than
# the regex engine walks the text.
_CAPITALS = bytes(ord("U") if 65 <= b <= 90 else ord(".") for b in range(256))
_PIECE = 1 << 20


class Shouting(Rule):
    """Flags capitals that read as a raised voice: a run of two and more words
    (one of them three letters or more: "I AM DONE", not "ES EN"), a word of
    ``min-letters`` or more, or common words in capitals (``words``: NO, NEVER,
    FOUR) once there are more than ``max-common`` of them (a lone "SO excited" is
    emphasis, not shouting). Acronyms in ``allow`` (PDF, VAT, ASAP...) never count.
    """

    KIND = "shouting"
    OPTIONS = {
        "min-letters": Option("int", default=4),
        "allow": Option("strings", default=[]),
        "words": Option("strings", default=[]),
        "max-common": Option("int", default=0),
    }

    def setup(self) -> None:
        self.allow = {w.upper() for w in self.options["allow"]}
        self.words = {w.upper().replace("’", "'") for w in self.options["words"]}

    def check(self, doc: Document) -> Iterator[Hit]:
        loud: list[Hit] = []
        common: list[Hit] = []
        # A run never crosses a line break (see _adjacent), so only lines where
        # a capitalised word may stand are read word by word.
        text = doc.text
        done = -1
        for at in _maybe_caps(text):
            if at < done:
                continue
            start = text.rfind("\n", 0, at) + 1
            done = text.find("\n", at)
            done = len(text) if done < 0 else done
            self._scan(doc, start, done, loud, common)
        if len(common) > self.options["max-common"]:
            loud += common
        yield from sorted(loud)

    def _scan(self, doc: Document, start: int, end: int, loud: list[Hit], common: list[Hit]) -> None:
        """The runs of capitals in ``[start, end)`` of the text, word by word."""
        run: list[re.Match[str]] = []
        for m in _WORD.finditer(doc.text, start, end):
            word = m.group(0)
            caps = len(word) > 1 and word.isupper() and word.upper() not in self.allow
            if caps and (not run or _adjacent(doc.text, run[-1].end(), m.start())):
                run.append(m)
                continue
            self._flush(run, loud, common)
            run = [m] if caps else []
        self._flush(run, loud, common)

    def _flush(self, run: list[re.Match[str]], loud: list[Hit], common: list[Hit]) -> None:
        if not run:
            return
        hit = Hit(run[0].start(), run[-1].end(), suggestion=self.meta.suggestion)
        longest = max(len(m.group(0)) for m in run)
        if (len(run) >= 2 and longest >= 3) or longest >= self.options["min-letters"]:
            loud.append(hit)
        elif any(m.group(0).replace("’", "'") in self.words for m in run):
            common.append(hit)


def _maybe_caps(text: str) -> Iterator[int]:
    """Where :data:`_MAYBE_CAPS` matches, in order."""
    if not text.isascii():
        for m in _MAYBE_CAPS.finditer(text):
            yield m.start()
        return
    resume = 0  # after a pair, as the regex goes on (pairs do not overlap)
    for base in range(0, len(text), _PIECE):  # a piece at a time: no copy of a long text
        marked = text[base:base + _PIECE + 1].encode("ascii").translate(_CAPITALS)
        at = marked.find(b"UU", max(resume - base, 0))
        while 0 <= at < _PIECE:  # a pair that starts past the piece is the next piece's
            yield base + at
            resume = base + at + 2
            at = marked.find(b"UU", at + 2)


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return len(gap) <= 3 and gap.strip(" ,") == ""
