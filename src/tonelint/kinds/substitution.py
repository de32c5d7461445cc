"""``kind: substitution`` — a phrase with a better wording that ``--fix`` can apply."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import prefilter
from ..document import Document
from ..patterns import Match
from .base import PHRASE_OPTIONS, Hit, Option, Rule, SortedSpans, compile_patterns


class Substitution(Rule):
    """``swap`` maps a pattern to its replacement; the replacement is the suggestion.

    The replacement keeps the capital of a capitalised match ("Sadly" -> "Unfortunately").
    With ``accents: loose`` a pattern also matches the words typed without accents;
    ``\\1`` in a replacement then brings back the draft's own spelling.
    """

    KIND = "substitution"
    OPTIONS = {
        "swap": Option("swap", required=True),
        "exceptions": Option("regexes", default=[]),
        "case-sensitive": Option("bool", default=False),
        "boundaries": Option("bool", default=True),
        "accents": PHRASE_OPTIONS["accents"],
    }

    def setup(self) -> None:
        case = self.options["case-sensitive"]
        bounds = self.options["boundaries"]
        self.loose = self.options["accents"] == "loose"
        self.swaps = []
        for pattern, replacement in self.options["swap"].items():
            regex = compile_patterns([pattern], case, bounds, self.loose)
            # Where it can match (see prefilter); not with loose accents: the index is of the text as typed.
            keys = prefilter.keys([pattern], regex.flags) if bounds and not self.loose else None
            # its name in the merged pass, which answers for it when it has keys
            self.swaps.append((regex, keys, replacement, prefilter.ident(regex, False)))
        exceptions = self.options["exceptions"]
        self.exceptions = (
            compile_patterns(exceptions, case, bounds, self.loose) if exceptions else None
        )

    def scans(self) -> list[prefilter.Scan]:
        return [(regex, keys, {key: [pattern] for key in keys}, False)
                for (regex, keys, _, _), pattern in zip(self.swaps, self.options["swap"]) if keys]

    def word_keys(self) -> frozenset[str]:
        return frozenset().union(*(keys for _, keys, _, _ in self.swaps if keys))

    def quiet(self, doc: Document) -> bool:
        for _, keys, _, scan in self.swaps:
            if not keys or prefilter.primed(doc, scan) != []:
                return False
        return True

    def check(self, doc: Document) -> Iterator[Hit]:
        searched = doc.searched(self.loose)
        excepted: SortedSpans | None = None  # the exceptions' matches, looked for at the first match
        for regex, keys, replacement, scan in self.swaps:
            if keys:
                positions = prefilter.primed(doc, scan)
                found = prefilter.finditer(regex, keys, doc) if positions is None else \
                    prefilter.match_at(regex, doc.text, positions)  # where the merged pass found it
            else:
                found = regex.finditer(searched)
            for m in found:
                if self.exceptions is not None:
                    if excepted is None:
                        excepted = SortedSpans([e.span() for e in self.exceptions.finditer(searched)])
                    if excepted.overlaps(m.start(), m.end()):
                        continue
                if self.loose:
                    expanded = _expand(m, replacement, doc.text)
                else:
                    expanded = m.expand(replacement)
                new = _match_case(doc.text[m.start() : m.end()], expanded)
                yield Hit(m.start(), m.end(), {"replacement": new}, new, new)


_GROUP_REF = re.compile(r"\\(?:g<(\w+)>|(\d{1,2}))")


def _expand(m: Match, template: str, text: str) -> str:
    """``m.expand(template)`` with each group taken from ``text`` (the draft as
    typed) rather than from the folded string the match was made on."""

    def group(ref: re.Match[str]) -> str:
        name = ref.group(1) or ref.group(2)
        key: int | str = int(name) if name.isdigit() else name
        start, end = m.span(key)
        return text[start:end] if start >= 0 else ""

    return _GROUP_REF.sub(group, template)


def _match_case(old: str, new: str) -> str:
    if old[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new

