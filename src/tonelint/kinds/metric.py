"""``kind: metric`` — length and readability, with thresholds in the YAML.

Metrics: ``words`` (the whole message), ``sentence-words`` (each sentence),
``grade`` (Flesch-Kincaid grade, through textstat) and ``reading-ease``
(Flesch reading ease, through textstat). ``max`` and/or ``min`` set the limits;
the config's ``thresholds`` can override them per rule id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .. import textmetrics
from ..document import Document, Span, most_words
from .base import Hit, Option, Rule


def words(doc: Document) -> int:
    return doc.word_count


def grade(doc: Document) -> float:
    """Cached on the document: the checklist line shows it too."""
    if "grade" not in doc.cache:
        doc.cache["grade"] = round(textmetrics.grade(doc.text, doc.lang or "en"), 1)
    return doc.cache["grade"]


def reading_ease(doc: Document) -> float:
    if "reading-ease" not in doc.cache:
        doc.cache["reading-ease"] = round(textmetrics.reading_ease(doc.text, doc.lang or "en"), 1)
    return doc.cache["reading-ease"]


WHOLE_MESSAGE: dict[str, Callable[[Document], float]] = {
    "words": words,
    "grade": grade,
    "reading-ease": reading_ease,
}


class Metric(Rule):
    KIND = "metric"
    OPTIONS = {
        "metric": Option("str", required=True, choices=(*WHOLE_MESSAGE, "sentence-words")),
        "max": Option("number"),
        "min": Option("number"),
        "min-words": Option("int", default=0),  # too short a text to judge: skip
    }

    def check(self, doc: Document) -> Iterator[Hit]:
        if doc.word_count < self.options["min-words"] or not doc.sentences:
            return
        name = self.options["metric"]
        if name == "sentence-words":
            # with only a maximum, a sentence too short to cross it is not counted
            hi = self.options.get("max") if self.options.get("min") is None else None
            for i, s in enumerate(doc.sentences):
                if hi is not None and most_words(s) <= hi:
                    continue
                n = doc.words_in_sentence(i)
                if self._outside(n):
                    yield self._hit(s, n)
            return
        value = WHOLE_MESSAGE[name](doc)
        if self._outside(value):
            yield self._hit(self._anchor(doc, name), value)

    def _outside(self, value: float) -> bool:
        lo, hi = self.options.get("min"), self.options.get("max")
        return (hi is not None and value > hi) or (lo is not None and value < lo)

    def _hit(self, span: Span, value: float) -> Hit:
        limits = {"max": self.options.get("max"), "min": self.options.get("min")}
        return Hit(span.start, span.end, {"value": value, **limits}, self.meta.suggestion)

    def _anchor(self, doc: Document, name: str) -> Span:
        """Length: the sentence that crosses the limit; readability: the longest sentence."""
        if name == "words" and self.options.get("max") is not None:
            # Counted back from the end (the sentences' counts add up to the
            # draft's): a draft a little over the limit counts only its last sentences.
            limit, before = self.options["max"], doc.word_count
            for i in reversed(range(len(doc.sentences))):
                before -= doc.words_in_sentence(i)
                if before <= limit:
                    return doc.sentences[i]
        longest = max(range(len(doc.sentences)), key=doc.sentence_words.__getitem__)
        return doc.sentences[longest]
