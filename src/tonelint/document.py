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
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

NEUTRAL_NAME = "Alex"
_PLAIN_QUOTES = str.maketrans("‘’‛“”„", "\'\'\'\"\"\"")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# A sentence ends at final punctuation followed by space, at a blank line, or at a
# line break after final punctuation or before a list item; a single line break
# inside a sentence (hard-wrapped mail) does not end it.
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?…])[\"')\]]*[ \t]+"
    r"|[ \t]*\n[ \t]*(?:\n[ \t]*)+"
    r"|(?<=[.!?…:,;])[ \t]*\n[ \t]*"
    r"|[ \t]*\n(?=[ \t]*(?:[-*•–]|\d+[.)])[ \t])"
)


@dataclass(frozen=True, slots=True)  # slots: a long text has a million sentences
class Span:
    """A half-open range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


class LineIndex:
    """Offsets in a source string -> 1-based (line, column)."""

    def __init__(self, source: str) -> None:
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass
class Document:
    """What rules see. Build it with :class:`DocumentBuilder`, not by hand."""

    path: str
    source: str
    text: str
    # Parallel arrays, one entry a segment of ``text``: where it starts in text,
    # where it starts and ends in the source, and whether it maps 1:1 (verbatim)
    # or as a whole (a placeholder, a decoded entity).
    _text_starts: list[int]
    _src_starts: list[int]
    _src_ends: list[int]
    _verbatim: list[bool]
    lang: str | None = None
    placeholders: list[Span] = field(default_factory=list)
    # Values computed once and shared by rules (sentences, metrics, ...).
    cache: dict[str, Any] = field(default_factory=dict)

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
        spans: list[Span] = []
        pos = 0
        text = self.text
        for m in _SENTENCE_BREAK.finditer(text):
            _add_stripped(spans, text, pos, m.start())
            pos = m.end()
        _add_stripped(spans, text, pos, len(text))
        return spans

    @cached_property
    def words(self) -> list[Span]:
        return [Span(m.start(), m.end()) for m in _WORD.finditer(self.text)]

    @cached_property
    def word_count(self) -> int:
        """``len(self.words)`` without a Span a word (a 50 MB text has 9 million)."""
        return self.count_words(0, len(self.text))

    def count_words(self, start: int, end: int) -> int:
        """Words that start in ``[start, end)`` of ``text`` (``end`` cuts none)."""
        return sum(1 for _ in _WORD.finditer(self.text, start, end))

    def sentence_at(self, offset: int) -> Span:
        """The sentence that holds ``offset`` (or the whole text when none does)."""
        sentences = self.sentences
        starts = self.cache.get("sentence_starts")
        if starts is None:
            starts = self.cache["sentence_starts"] = [s.start for s in sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and sentences[i].start <= offset < max(sentences[i].end, sentences[i].start + 1):
            return sentences[i]
        return Span(0, len(self.text))


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
        """Add ``source[src_start:src_end]`` as it is, character for character."""
        self._push(self.source[src_start:src_end], src_start, src_end, True)

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

    def build(self, lang: str | None = None) -> Document:
        return Document(
            path=self.path,
            source=self.source,
            # Typographic quotes read as plain ones (same length: positions hold),
            # so one pattern serves drafts typed either way.
            text="".join(self._parts).translate(_PLAIN_QUOTES),
            _text_starts=self._text_starts,
            _src_starts=self._src_starts,
            _src_ends=self._src_ends,
            _verbatim=self._verbatim,
            lang=lang,
            placeholders=self._placeholders,
        )
