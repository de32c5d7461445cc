"""``kind: count`` — a phrase that is fine once but not many times in one message."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from .base import PHRASE_OPTIONS, Hit, Matcher, Option, Rule


class Count(Rule):
    """One finding when ``patterns`` match more than ``max`` times.

    The finding sits on the first match past the limit; ``{count}`` and ``{max}``
    fill the message.
    """

    KIND = "count"
    OPTIONS = {**PHRASE_OPTIONS, "max": Option("int", required=True)}

    def setup(self) -> None:
        self.matcher = Matcher(self.options)

    def quiet(self, doc: Document) -> bool:
        return self.options["max"] >= 0 and self.matcher.nothing(doc)

    def check(self, doc: Document) -> Iterator[Hit]:
        spans = list(self.matcher.spans(doc))
        limit = self.options["max"]
        if len(spans) > limit:
            start, end = spans[limit]
            values = {"count": len(spans), "max": limit}
            yield Hit(start, end, values, suggestion=self.meta.suggestion)
