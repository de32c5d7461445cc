"""``kind: substitution`` — a phrase with a better wording that ``--fix`` can apply."""

from __future__ import annotations

from collections.abc import Iterator

from .. import prefilter
from ..document import Document
from .base import Hit, Option, Rule, SortedSpans, compile_patterns


class Substitution(Rule):
    """``swap`` maps a pattern to its replacement; the replacement is the suggestion.

    The replacement keeps the capital of a capitalised match ("Sadly" -> "Unfortunately").
    """

    KIND = "substitution"
    OPTIONS = {
        "swap": Option("swap", required=True),
        "exceptions": Option("regexes", default=[]),
        "case-sensitive": Option("bool", default=False),
        "boundaries": Option("bool", default=True),
    }

    def setup(self) -> None:
        case = self.options["case-sensitive"]
        bounds = self.options["boundaries"]
        self.swaps = []
        for pattern, replacement in self.options["swap"].items():
            regex = compile_patterns([pattern], case, bounds)
            keys = prefilter.keys([pattern], regex.flags) if bounds else None
            self.swaps.append((regex, keys, replacement))
        exceptions = self.options["exceptions"]
        self.exceptions = compile_patterns(exceptions, case, bounds) if exceptions else None

    def text_scans(self) -> list[prefilter.Scan]:
        return [(regex, keys, dict.fromkeys(keys, regex.pattern)) for regex, keys, _ in self.swaps if keys]

    def word_keys(self) -> frozenset[str]:
        return frozenset().union(*(keys for _, keys, _ in self.swaps if keys))

    def check(self, doc: Document) -> Iterator[Hit]:
        excepted = SortedSpans(
            [m.span() for m in self.exceptions.finditer(doc.text)] if self.exceptions else []
        )
        for regex, keys, replacement in self.swaps:
            for m in prefilter.finditer(regex, keys, doc):
                if excepted.overlaps(m.start(), m.end()):
                    continue
                new = _match_case(m.group(0), m.expand(replacement))
                yield Hit(m.start(), m.end(), {"replacement": new}, new, new)


def _match_case(old: str, new: str) -> str:
    if old[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new

