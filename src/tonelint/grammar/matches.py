"""LanguageTool matches -> spans of ``doc.text`` and rule metadata tonelint selects on.

Offsets: LanguageTool counts UTF-16 code units. language-tool-python 3.4 turns
``offset`` into code points but leaves ``error_length`` in UTF-16 units, so the
end is computed here: back to UTF-16, add the length, forward to code points.

Rule ids are ``languagetool.<LT rule id>``; codes are one per LanguageTool
category (``TL9xx``, below), so ``--ignore TL901`` drops every spelling finding;
tonelint categories are ``grammar`` or ``style``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, NamedTuple

from ..finding import Severity
from ..kinds.base import Meta
from .settings import GrammarSettings

PREFIX = "languagetool"
KIND = "languagetool"
# LanguageTool category id -> tonelint code. Stable: append, never renumber.
CODES: dict[str, str] = {
    "TYPOS": "TL901",
    "GRAMMAR": "TL902",
    "PUNCTUATION": "TL903",
    "CASING": "TL904",
    "CONFUSED_WORDS": "TL905",
    "COLLOCATIONS": "TL906",
    "COMPOUNDING": "TL907",
    "SEMANTICS": "TL908",
    "TYPOGRAPHY": "TL909",
    "REDUNDANCY": "TL910",
    "STYLE": "TL911",
    "PLAIN_ENGLISH": "TL912",
    "REPETITIONS": "TL913",
    "REPETITIONS_STYLE": "TL914",
    "NONSTANDARD_PHRASES": "TL915",
    "FALSE_FRIENDS": "TL916",
    "GENDER_NEUTRALITY": "TL917",
    "REGIONALISMS": "TL918",
    "CREATIVE_WRITING": "TL919",
    "MISC": "TL920",
}
OTHER_CODE = "TL999"
STYLE_CATEGORIES = {
    "STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "REPETITIONS_STYLE", "CREATIVE_WRITING",
    "GENDER_NEUTRALITY", "REGIONALISMS", "TEXT_ANALYSIS", "WIKIPEDIA",
}
STYLE_ISSUES = {"style", "register"}
CATEGORIES = ("grammar", "style")
MAX_SHOWN = 3  # replacements quoted in a suggestion


class GrammarHit(NamedTuple):
    """One LanguageTool match as a span of ``doc.text``."""

    start: int
    end: int
    rule_id: str
    lt_category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]

    def render(self, text: str, limit: int = 40) -> str:
        """The message, after the words it is about."""
        words = text[self.start : self.end].replace("\n", " ")
        if len(words) > limit:
            words = words[: limit - 1] + "…"
        return f'"{words}": {self.message}'

    def suggestion(self) -> str | None:
        shown = [f'"{r}"' for r in self.replacements[:MAX_SHOWN]]
        if not shown:
            return None
        if shown == ['""']:
            return "Remove it"
        return "Replace with " + (shown[0] if len(shown) == 1
                                  else ", ".join(shown[:-1]) + " or " + shown[-1])

    def replacement(self) -> str | None:
        """A fix only when LanguageTool offers exactly one (a name it does not know
        gets many guesses, and must not be rewritten to the first)."""
        return self.replacements[0] if len(self.replacements) == 1 else None


def hits_from(matches: Iterable[Any], text: str) -> Iterator[GrammarHit]:
    """language-tool-python ``Match`` objects -> hits with code point offsets."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]  # two UTF-16 units each
    second_units = [cp + k + 1 for k, cp in enumerate(astral)]
    for m in matches:
        start = max(0, min(int(m.offset), len(text)))
        end_u16 = start + bisect_left(astral, start) + int(m.error_length)
        # Minus the astral characters wholly before end_u16; inside a pair rounds up.
        end = max(start, min(end_u16 - bisect_left(second_units, end_u16), len(text)))
        yield GrammarHit(start, end, str(m.rule_id), str(m.category), str(m.rule_issue_type),
                         str(m.message), tuple(str(r) for r in m.replacements))


def meta_for(hit: GrammarHit, settings: GrammarSettings, lang: str) -> Meta:
    style = hit.lt_category in STYLE_CATEGORIES or hit.issue_type in STYLE_ISSUES
    return Meta(
        id=f"{PREFIX}.{hit.rule_id}",
        code=CODES.get(hit.lt_category, OTHER_CODE),
        kind=KIND,
        category="style" if style else "grammar",
        severity=settings.severity_of(hit.issue_type),
        message=hit.message,
        lang=lang,
        summary=f"LanguageTool {hit.lt_category} ({hit.issue_type})",
        source=settings.server or "local LanguageTool",
    )


@cache
def probe_metas() -> tuple[Meta, ...]:
    """One stand-in rule per code and category: what a selector could pick."""
    return tuple(
        Meta(id=f"{PREFIX}.{code}-{category}", code=code, kind=KIND, category=category,
             severity=Severity.INFO, message="", lang="")
        for code in (*CODES.values(), OTHER_CODE) for category in CATEGORIES
    )


def named_meta(rule_id: str) -> Meta:
    """A stand-in for a LanguageTool rule that a directive names (``languagetool.X``)."""
    return Meta(id=rule_id, code=OTHER_CODE, kind=KIND, category="grammar",
                severity=Severity.INFO, message="", lang="")
