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


class Shouting(Rule):
    """Flags a run of capitalised words: a common word in capitals (``words``: NO,
    NEVER, FOUR), any word of ``min-letters`` or more, or two and more in a row.
    Acronyms in ``allow`` (PDF, VAT, ASAP...) never count.
    """

    KIND = "shouting"
    OPTIONS = {
        "min-letters": Option("int", default=4),
        "allow": Option("strings", default=[]),
        "words": Option("strings", default=[]),
    }

    def setup(self) -> None:
        self.allow = {w.upper() for w in self.options["allow"]}
        self.words = {w.upper().replace("’", "'") for w in self.options["words"]}

    def check(self, doc: Document) -> Iterator[Hit]:
        # A run never crosses a line break (see _adjacent), so only lines where
        # a capitalised word may stand are read word by word.
        text = doc.text
        done = -1
        for m in _MAYBE_CAPS.finditer(text):
            if m.start() < done:
                continue
            start = text.rfind("\n", 0, m.start()) + 1
            done = text.find("\n", m.start())
            done = len(text) if done < 0 else done
            yield from self._check_line(doc, start, done)

    def _check_line(self, doc: Document, start: int, end: int) -> Iterator[Hit]:
        run: list[re.Match[str]] = []
        for m in _WORD.finditer(doc.text, start, end):
            word = m.group(0)
            caps = len(word) > 1 and word.isupper() and word.upper() not in self.allow
            if caps and (not run or _adjacent(doc.text, run[-1].end(), m.start())):
                run.append(m)
                continue
            yield from self._flush(run)
            run = [m] if caps else []
        yield from self._flush(run)

    def _flush(self, run: list[re.Match[str]]) -> Iterator[Hit]:
        if not run:
            return
        longest = max(len(m.group(0)) for m in run)
        common = any(m.group(0).replace("’", "'") in self.words for m in run)
        if len(run) >= 2 or common or longest >= self.options["min-letters"]:
            yield Hit(run[0].start(), run[-1].end(), suggestion=self.meta.suggestion)


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return len(gap) <= 3 and "\n" not in gap
