"""``kind: required`` — something the message must say somewhere (a reason, thanks)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document, Span
from .base import PHRASE_OPTIONS, Hit, Matcher, Option, Rule

# Where the user would add the missing thing. Sign-offs and greetings in the
# languages tonelint ships; a pack can name its own with `anchor-patterns`.
SIGNOFF = (
    r"(?:kind |best |warm |warmest |many |with )?(?:regards|wishes|thanks)\b|best\b|sincerely|"
    r"yours\b|cheers\b|all the best|take care|respectfully|"
    r"üdvözlettel|tisztelettel|köszönettel|üdv\b|szívélyes üdvözlettel|baráti üdvözlettel|"
    r"udvozlettel|koszonettel"
)
GREETING = (
    r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|to whom)\b|"
    r"(?:kedves|tisztelt|szia|sziasztok|helló|hello|jó napot)\b"
)


class Required(Rule):
    """One finding for the whole message when no pattern matches.

    ``placement`` says where the finding points, i.e. where the user would add
    the missing words: ``signoff`` (the line before the closing), ``opening``
    (the first sentence after the greeting) or ``start``.
    """

    KIND = "required"
    OPTIONS = {
        **PHRASE_OPTIONS,
        "placement": Option("str", default="signoff", choices=("signoff", "opening", "start")),
        # Other rules whose findings say the thing too: a draft that blames the
        # client has given its reason (a bad one, which the blame rules report).
        "satisfied-by": Option("strings", default=[]),
    }

    def setup(self) -> None:
        self.matcher = Matcher(self.options)

    def check(self, doc: Document) -> Iterator[Hit]:
        if not doc.text.strip():
            return
        for _ in self.matcher.spans(doc):
            return
        anchor = self._anchor(doc)
        yield Hit(anchor.start, anchor.end, suggestion=self.meta.suggestion)

    def _anchor(self, doc: Document) -> Span:
        # A sentence that is only a placeholder (a {{ sender }} line) is no place
        # to point at: it is never reported.
        sentences = [s for s in doc.sentences if not _only_placeholder(doc, s)] if doc.placeholders \
            else doc.sentences
        sentences = sentences or [Span(0, len(doc.text))]
        placement = self.options["placement"]
        if placement == "signoff":
            for s in reversed(sentences[-4:]):
                if _SIGNOFF.match(doc.text, s.start):
                    return s
            return sentences[-1]
        if placement == "opening" and len(sentences) > 1 and _GREETING.match(doc.text, sentences[0].start):
            return sentences[1]
        return sentences[0]


def _only_placeholder(doc: Document, s: Span) -> bool:
    return any(p.start <= s.start and s.end <= p.end for p in doc.placeholders)


_SIGNOFF = re.compile(SIGNOFF, re.IGNORECASE)
_GREETING = re.compile(GREETING, re.IGNORECASE)
