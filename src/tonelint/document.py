"""The Document: the author's words as one string, and the way back to the file.

Readers build a Document with :class:`DocumentBuilder`; rules scan ``doc.text``;
every reported span goes back through :meth:`Document.locate` to the line and
column in the file as it is on disk. Placeholders read as a neutral name to the
rules but map back to the whole placeholder, so they never shift a position.

Lines and columns count characters (Unicode code points), 1-based; ``\\r\\n``,
``\\r`` and ``\\n`` each end a line.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple

from . import tokens
from .patterns import POSSESSIVE

NEUTRAL_NAME = "Alex"
_PLAIN_QUOTES = str.maketrans("‘’‛“”„", "\'\'\'\"\"\"")


def _accent_table() -> dict[int, str]:
    """Latin letters with diacritics -> their base letter, one character for one.

    Built from Unicode decompositions (á -> a, ő -> o, ñ -> n), so it serves every
    language written in Latin letters; õ, ô and û, which stand in for ő and ű in
    old fonts, fold with them.
    """
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))
        if len(base) > 1 and base[0].isascii() and all(unicodedata.combining(c) for c in base[1:]):
            table[code] = base[0]
    return table


_ACCENTS = _accent_table()


def fold_accents(s: str) -> str:
    """``s`` without diacritics, the same length (positions in it hold)."""
    return s.translate(_ACCENTS)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A carriage return (with its line feed), or a character with the marks combined with it.
_UNNORMAL = re.compile(r"\r\n?|.[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)
_WORD = re.compile(rf"\w+{POSSESSIVE}(?:['’]\w+{POSSESSIVE})*{POSSESSIVE}")
_WORDS = tokens.TokenFigures(lambda token: len(_WORD.findall(token)))
# A sentence ends at final punctuation followed by space, at a blank line, or at a
# line break after final punctuation or before a list item; a single line break
# inside a sentence (hard-wrapped mail) does not end it.
# (?<![ \t]): a break starts where its blanks start, never inside a run of
# them, so a long run of spaces costs linear time, not quadratic.
# (?=...): every break starts with one of these, and the engine skips any other
# position at once instead of trying each branch (2-3x faster); the second
# (?=...) passes the space between two words, most of them, as quickly (each
# branch below needs what it asks for: a stop before, or a line break ahead).
_SENTENCE_BREAK = re.compile(
    r"(?=[\"')\]\s])(?=[\"')\]\n]|(?<=[.!?…])|(?<![ \t])[ \t]+\n)(?:"
    r"(?<=[.!?…])[\"')\]]*[ \t]+"
    r"|(?<![ \t])[ \t]*\n[ \t]*(?:\n[ \t]*)+"
    r"|(?<=[.!?…:,;])[ \t]*\n[ \t]*"
    r"|(?<![ \t])[ \t]*\n(?=[ \t]*(?:[-*•–]|\d+[.)])[ \t])"
    r")"
)


class Span(NamedTuple):  # a tuple: a long text has a million sentences
    """A half-open range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


class LineIndex:
    """Offsets in a source string -> 1-based (line, column)."""

    def __init__(self, source: str) -> None:
        if "\r" in source:
            self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        else:  # "\n" alone: each line's start is the last one's plus its length
            self.starts = list(accumulate(map(len, source.split("\n")[:-1]), lambda start, n: start + n + 1,
                                          initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class Document:
    """What rules see. Build it with :class:`DocumentBuilder`, not by hand.

    A plain class, as are the project's other records: dataclasses costs a run
    about 10 ms to import and build, an eighth of linting one draft."""

    def __init__(self, path: str, source: str, text: str, *, segments: tuple[list[int], list[int], list[int],
                 list[bool]], lang: str | None = None, placeholders: list[Span] | None = None,
                 comments: list[tuple[int, int]] | None = None) -> None:
        self.path = path
        self.source = source
        self.text = text
        # Parallel arrays, one entry a segment of ``text``: where it starts in text,
        # where it starts and ends in the source, and whether it maps 1:1 (verbatim)
        # or as a whole (a placeholder, a decoded entity).
        self._text_starts, self._src_starts, self._src_ends, self._verbatim = segments
        self.lang = lang
        self.lang_note = ""  # how lang was chosen, for --verbose ("language hu (detected)")
        self.placeholders: list[Span] = placeholders if placeholders is not None else []
        # Source ranges of the format's comments (``<!-- -->``, ``{# #}``...), where
        # suppression directives may stand; plain text has none.
        self.comments: list[tuple[int, int]] = comments if comments is not None else []
        # Values computed once and shared by rules (sentences, metrics, ...).
        self.cache: dict[str, Any] = {}

    # -- positions ---------------------------------------------------------
    def _segment(self, offset: int) -> int:
        return max(bisect_right(self._text_starts, offset) - 1, 0)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of ``text`` to the covering range of ``source``."""
        if not self._text_starts:
            return 0, 0
        i = self._segment(start)
        if self._verbatim[i]:
            s = min(self._src_starts[i] + start - self._text_starts[i], self._src_ends[i])
        else:
            s = self._src_starts[i]
        if end <= start:
            return s, s
        j = self._segment(end - 1)
        if self._verbatim[j]:
            e = min(self._src_starts[j] + end - self._text_starts[j], self._src_ends[j])
        else:
            e = self._src_ends[j]
        return s, max(e, s)

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.source)

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, int, int]:
        """``(line, column, end_line, end_column, offset, end_offset)`` in the source."""
        s, e = self.source_span(start, end)
        line, col = self.lines.position(s)
        end_line, end_col = self.lines.position(e)
        return line, col, end_line, end_col, s, e

    # -- shared analysis ---------------------------------------------------
    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans of ``text``, stripped of surrounding white space."""
        return split_sentences(self.text)

    @cached_property
    def folded(self) -> str:
        """``text`` with accents folded, for rules that match with ``accents: loose``."""
        return fold_accents(self.text)

    def searched(self, loose_accents: bool) -> str:
        """What a rule's patterns run on: ``text``, or ``folded`` (the same offsets)."""
        return self.folded if loose_accents else self.text

    @cached_property
    def words(self) -> list[Span]:
        return [Span(m.start(), m.end()) for m in _WORD.finditer(self.text)]

    @cached_property
    def word_count(self) -> int:
        """``len(self.words)`` without a Span a word (a 50 MB text has 9 million).

        Every word is in a sentence (what lies between sentences is white space,
        quote marks and brackets), so the sentences' counts add up to it; a
        draft's are added up token by token (see tonelint.tokens)."""
        if len(self.text) <= tokens.MAX_TEXT:
            return _WORDS.total(self.text)
        return sum(self.sentence_words)

    def count_words(self, start: int, end: int) -> int:
        """Words that start in ``[start, end)`` of ``text`` (``end`` cuts none)."""
        if end - start <= tokens.MAX_TEXT:  # token by token (see tonelint.tokens)
            return _WORDS.total(self.text[start:end], shared=False)
        return sum(1 for _ in _WORD.finditer(self.text, start, end))  # no list of a million words

    @cached_property
    def sentence_words(self) -> list[int]:
        """Words in each of :attr:`sentences`: the length rules ask for them more than once."""
        return [self.words_in_sentence(i) for i in range(len(self.sentences))]

    def words_in_sentence(self, i: int) -> int:
        """Words in ``sentences[i]``, counted once: the length rules need only
        some sentences' counts (see :func:`most_words`), and some twice."""
        n = self._sentence_counts[i]
        if n < 0:
            s = self.sentences[i]
            n = self._sentence_counts[i] = self.count_words(s.start, s.end)
        return n

    @cached_property
    def _sentence_counts(self) -> list[int]:
        """Each sentence's words once counted, -1 before (a list, not a dict:
        a long text has a hundred thousand sentences)."""
        return [-1] * len(self.sentences)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each of :attr:`sentences` starts: which sentence holds an offset, by bisection."""
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Span:
        """The sentence that holds ``offset`` (or the whole text when none does)."""
        sentences = self.sentences
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and sentences[i].start <= offset < max(sentences[i].end, sentences[i].start + 1):
            return sentences[i]
        return Span(0, len(self.text))


def most_words(span: Span) -> int:
    """The most words ``span`` can hold: a word is one character or more, and
    two words have a character between them. A sentence no longer than twice
    a limit need not be counted to know it is within it."""
    return (span.end - span.start + 1) // 2


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``, stripped of surrounding white space.

    A full stop followed by a lower-case word on the same line ends no sentence:
    it belongs to an abbreviation ("Kft. könyvelése", "e.g. the") or to a
    number written as an ordinal, which Hungarian dates and clauses are full of
    ("2025. május 2-án", "a 9. pontban").
    """
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if _mid_sentence_stop(text, m.start(), m.end()):
            continue
        _add_stripped(spans, text, pos, m.start())
        pos = m.end()
    _add_stripped(spans, text, pos, len(text))
    return spans


def _mid_sentence_stop(text: str, start: int, end: int) -> bool:
    return (
        start > 0 and text[start - 1] == "." and end < len(text) and text[end].islower()
        and "\n" not in text[start:end]
    )


def _add_stripped(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


class DocumentBuilder:
    """Collects pieces of text with their source ranges, in order."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self._parts: list[str] = []
        self._len = 0
        self._text_starts: list[int] = []
        self._src_starts: list[int] = []
        self._src_ends: list[int] = []
        self._verbatim: list[bool] = []
        self._placeholders: list[Span] = []
        self._comments: list[tuple[int, int]] = []

    def _push(self, piece: str, src_start: int, src_end: int, verbatim: bool) -> None:
        if not piece:
            return
        self._text_starts.append(self._len)
        self._src_starts.append(src_start)
        self._src_ends.append(src_end)
        self._verbatim.append(verbatim)
        self._parts.append(piece)
        self._len += len(piece)

    def verbatim(self, src_start: int, src_end: int) -> None:
        """Add ``source[src_start:src_end]`` as it is, character for character.

        Two exceptions, so one pattern serves every file: line breaks (``\r\n``,
        ``\r``) read as ``\n``, and a letter typed with combining accents
        (``e`` + U+0301) reads as its composed form (``é``); each maps back to
        its whole source.
        """
        piece = self.source[src_start:src_end]
        if "\r" not in piece and unicodedata.is_normalized("NFC", piece):
            self._push(piece, src_start, src_end, True)
            return
        pos = src_start
        for m in _UNNORMAL.finditer(self.source, src_start, src_end):
            composed = "\n" if m.group().startswith("\r") else unicodedata.normalize("NFC", m.group())
            if composed != m.group():
                self._push(self.source[pos:m.start()], pos, m.start(), True)
                self._push(composed, m.start(), m.end(), False)
                pos = m.end()
        self._push(self.source[pos:src_end], pos, src_end, True)

    def mapped(self, piece: str, src_start: int, src_end: int) -> None:
        """Add ``piece`` standing for the whole source range (a decoded entity...)."""
        self._push(piece, src_start, src_end, False)

    def placeholder(self, src_start: int, src_end: int, name: str = NEUTRAL_NAME) -> None:
        """Add a placeholder: it reads as ``name`` and is never reported itself."""
        if name:
            self._placeholders.append(Span(self._len, self._len + len(name)))
        self._push(name, src_start, src_end, False)

    def separator(self, piece: str, src_offset: int) -> None:
        """Add text that is not in the source (a paragraph break between blocks)."""
        self._push(piece, src_offset, src_offset, False)

    def comment(self, src_start: int, src_end: int) -> None:
        """Record a comment of the format (read by suppression, never linted)."""
        self._comments.append((src_start, src_end))

    def build(self, lang: str | None = None) -> Document:
        # Typographic quotes read as plain ones (same length: positions hold),
        # so one pattern serves drafts typed either way.
        text = "".join(self._parts).translate(_PLAIN_QUOTES)
        if text == self.source:
            text = self.source  # one string, not two alike: a long plain draft weighs half
        return Document(self.path, self.source, text,
                        segments=(self._text_starts, self._src_starts, self._src_ends, self._verbatim),
                        lang=lang, placeholders=self._placeholders, comments=sorted(self._comments))
