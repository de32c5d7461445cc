"""Only the author's words: quoted replies and signatures in line-based text.

The client reads the author's new words; the earlier mail quoted below them and
the signature are not the author's message and are not linted by default
(``lint-quoted`` and ``lint-signature`` turn each back on). Used by the plain
text, Markdown and email readers; HTML marks quotes by element (see html.py)
but shares :func:`is_header` and :func:`is_signature` for text nodes.

What starts a quote, line by line:

- a line starting with ``>`` (only that line: interleaved replies keep the
  author's lines around it);
- a reply header: ``On <date>, <name> wrote:`` (may wrap onto a second line;
  it must hold a digit or an address, as mail clients write it),
  Hungarian ``<name> ezt írta (időpont: ...):`` / ``... írta:``, a
  ``-----Original Message-----`` or ``---------- Forwarded message ----------``
  rule (and their Hungarian forms), or an Outlook ``From:`` line followed by
  ``Sent:``/``Date:`` (``Feladó:`` / ``Elküldve:``); everything after it is quoted;
- a signature delimiter, a line that is ``-- `` (or ``--``); everything after it
  is the signature, up to a reply header.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Piece, split_lines

if TYPE_CHECKING:
    from . import ReadOptions

_QUOTE_PREFIX = re.compile(r"[ \t]*>(?:[ \t]?>)*[ \t]?")
# A reply header is short: the limits keep an ordinary sentence from matching.
_WROTE = re.compile(
    r"[ \t]*(?:On[ \t].{0,200}\bwrote|.{0,200}\bírta(?:[ \t]*\([^)\n]{0,80}\))?)[ \t]*:[ \t]*",
    re.IGNORECASE,
)
_DATED = re.compile(r"\d|@")
_WROTE_START = re.compile(r"[ \t]*On[ \t].{0,160}$", re.IGNORECASE)
_RULE = re.compile(
    r"[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message|Eredeti üzenet|Továbbított üzenet)"
    r"[ \t]*-{2,}[ \t]*",
    re.IGNORECASE,
)
_FROM = re.compile(r"[ \t]*\*?(?:From|Feladó):\*?[ \t]+\S.*", re.IGNORECASE)
_SENT = re.compile(r"[ \t]*\*?(?:Sent|Date|Elküldve|Küldve|Dátum):\*?[ \t]+\S.*", re.IGNORECASE)
_SIGNATURE = re.compile(r"--[ \t]?")


def is_header(text: str) -> bool:
    """Whether one line (or a text node) opens a quoted reply.

    A "wrote:" header must hold a date, a time or an address, as mail clients
    write it; "On Monday you wrote:" or "ahogy a levelében írta:" in the
    author's own prose is not a header, and nothing after it is dropped.
    """
    text = text.strip()
    if _RULE.fullmatch(text):
        return True
    return _WROTE.fullmatch(text) is not None and _DATED.search(text) is not None


def is_signature(text: str) -> bool:
    return _SIGNATURE.fullmatch(text.rstrip("\r\n")) is not None


def _header_length(source: str, lines: list[tuple[int, int, int]], i: int) -> int:
    """How many lines (0, 1 or 2) of a reply header start at line ``i``."""
    s, e, _ = lines[i]
    line = source[s:e]
    if is_header(line):
        return 1
    if i + 1 < len(lines):
        ns, ne, _ = lines[i + 1]
        nxt = source[ns:ne]
        if _FROM.fullmatch(line) and _SENT.fullmatch(nxt):
            return 1
        if _WROTE_START.fullmatch(line) and is_header(line + " " + nxt):
            return 2
    return 0


# Every quote prefix, reply header and signature delimiter holds one of these
# (lower-cased): a draft with none is all the author's, one piece.
_MARKS = (">", "--", "wrote", "írta", "from:", "feladó:")


def author_pieces(source: str, start: int, end: int, options: ReadOptions) -> list[Piece]:
    """The ranges of ``source[start:end]`` to lint, in order."""
    if start < end:
        lowered = source[start:end].lower()
        if not any(mark in lowered for mark in _MARKS):
            return [Piece(start, end)]
    return by_line(source, start, end, options)


def by_line(source: str, start: int, end: int, options: ReadOptions) -> list[Piece]:
    """:func:`author_pieces`, reading each line."""
    lines = split_lines(source, start, end)
    pieces: list[Piece] = []
    cut = False  # something was left out since the last piece
    mode = "author"  # or "quoted" (after a reply header) or "signature"
    was_quote_line = False
    i = 0
    while i < len(lines):
        s, e, nxt = lines[i]
        line = source[s:e]
        header = _header_length(source, lines, i)
        if header:
            mode = "quoted"
            cut = True
            i += header
            continue
        if mode != "quoted" and is_signature(line):
            mode = "signature"
            cut = True
            i += 1
            continue
        keep = {"author": True, "quoted": options.lint_quoted, "signature": options.lint_signature}[mode]
        prefix = _QUOTE_PREFIX.match(source, s, e)
        if prefix is not None:
            keep = keep and options.lint_quoted
            s = prefix.end()
        if (prefix is not None) != was_quote_line:
            cut = True
        was_quote_line = prefix is not None
        if keep:
            if pieces and not cut and pieces[-1].end == s:
                pieces[-1] = Piece(pieces[-1].start, nxt, pieces[-1].brk)
            else:
                pieces.append(Piece(s, nxt, cut and bool(pieces)))
            cut = False
        else:
            cut = True
        i += 1
    return pieces
