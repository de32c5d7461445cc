"""Figures of a text added up token by token, each distinct token worked out once.

A word, as each of tonelint's counts reads words (the document's, textstat's,
the language profiles'), never holds white space. So a figure of a text (its
words, syllables, a language's function words) is the sum of that figure over
the text's white-space-separated tokens. Drafts share most of their tokens
("the", "you", "contract."): a :class:`TokenFigures` keeps each token's figure,
and a draft costs a ``str.split`` and a sum in C instead of a regex pass over
every character, a third of the time. Tokens are looked up as typed, so the
figure function does any case folding itself.

Learning a token costs more than reading it once, so the first text a table
sees is read the plain way, the figure function on the whole text (a sum, like
the tokens' figures): a run of one draft, as an editor lints it, pays nothing
for a table it would not use again.

Several figures travel in one int, :data:`FIELD` bits each (see :func:`pack`):
a text up to :data:`MAX_TEXT` characters cannot carry one field into the next.
Longer texts go the plain way (the callers' own), as the table would grow with
their vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

FIELD = 24  # bits a figure: 16 million, more than any text below MAX_TEXT can sum to
MASK = (1 << FIELD) - 1
MAX_TEXT = 1 << 16  # a draft; a longer text is read the plain way
MAX_TOKENS = 1 << 17  # distinct tokens kept before the table starts over


def pack(figures: Iterable[int]) -> int:
    """Several figures (each below 2**FIELD) as one int that sums field by field."""
    out = 0
    for i, n in enumerate(figures):
        out |= n << (FIELD * i)
    return out


def unpack(total: int, count: int) -> tuple[int, ...]:
    """The ``count`` figures :func:`pack` put in ``total`` (or a sum of such)."""
    return tuple((total >> (FIELD * i)) & MASK for i in range(count))


_last: tuple[str, list[str]] = ("", [])  # the text split last, and its tokens


def split(text: str) -> list[str]:
    """``text.split()``; the same text split again (its language, then its
    grade, then its words) costs nothing. Kept as one tuple, so that two
    threads at once never pair one text with another's tokens."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    tokens = text.split()
    _last = (text, tokens)
    return tokens


class TokenFigures:
    """``figure(token)`` summed over the tokens of a text, each token's kept."""

    def __init__(self, figure: Callable[[str], int]) -> None:
        self.figure = figure
        self.known: dict[str, int] = {}
        self.learning = False  # from the second text on

    def total(self, text: str, shared: bool = True) -> int:
        """The sum of ``figure`` over the white-space-separated tokens of ``text``
        (``shared``: a whole text, which other figures split too; not a piece of one)."""
        if not self.learning:
            self.learning = True
            return self.figure(text)
        tokens = split(text) if shared else text.split()
        known = self.known
        try:
            return sum(map(known.__getitem__, tokens))
        except KeyError:  # a token not seen yet: add it up here, learning as it goes
            if len(known) > MAX_TOKENS:
                known.clear()
            total = 0
            for token in tokens:
                n = known.get(token)
                if n is None:
                    n = known[token] = self.figure(token)
                total += n
            return total
