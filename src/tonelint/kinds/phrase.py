"""``kind: phrase`` — a phrase that should not be there (Vale's existence)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from .base import PHRASE_OPTIONS, Hit, Matcher, Rule


class Phrase(Rule):
    """Flags every match of ``patterns`` that no ``exceptions`` pattern cancels.

    ``suggestion`` (optional) is advice shown with each finding.
    """

    KIND = "phrase"
    OPTIONS = PHRASE_OPTIONS

    def setup(self) -> None:
        self.matcher = Matcher(self.options)

    def quiet(self, doc: Document) -> bool:
        return self.matcher.nothing(doc)

    def check(self, doc: Document) -> Iterator[Hit]:
        for start, end in self.matcher.spans(doc):
            yield Hit(start, end, suggestion=self.meta.suggestion)
