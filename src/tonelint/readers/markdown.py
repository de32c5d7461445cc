"""Markdown (``.md``, ``.markdown``): the words a reader of the rendered message sees.

Skipped: front matter, fenced and indented code blocks, inline code (it reads as
a neutral name, like a placeholder), link targets and reference definitions,
images, HTML tags and comments (kept for suppression directives), heading
marks, emphasis marks. Link text is linted. Escapes and entities map back to
their whole source. Quoted ``>`` lines and the signature as in plain text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..document import NEUTRAL_NAME, DocumentBuilder
from .base import Piece, split_lines, whole_file
from .quotes import author_pieces

if TYPE_CHECKING:
    from . import ReadOptions

_FRONT = re.compile(r"(---|\+\+\+)[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"(?: {4}|\t)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_REF_DEF = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*\S+.*")
_THEMATIC = re.compile(r" {0,3}([-*_=])[ \t]*(?:\1[ \t]*){2,}")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE = re.compile(
    r"""
     (?P<code>(?P<tick>`+).+?(?P=tick))
    |(?P<image>!\[(?:[^\]\\\n]|\\.)*\](?:\([^)\n]*\)|\[[^\]\n]*\]))
    |(?P<link>\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]
        (?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*\)|\[[^\]\n]*\]))
    |(?P<autolink><(?:[A-Za-z][\w+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>)
    |(?P<tag></?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>)
    |(?P<escape>\\[!-/:-@\[-`{-~])
    |(?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
    |(?P<emph>(?<![\w\\])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?!\w))
    """,
    re.VERBOSE | re.DOTALL,
)



def _block_skips(source: str, start: int, end: int) -> list[Piece]:
    """Ranges that are not prose: front matter, code, definitions, rules, heading marks.

    ``brk`` marks skips that end a sentence (blocks), not those inside a line.
    """
    skips: list[Piece] = []
    lines = split_lines(source, start, end)
    i = 0
    if start == 0 and lines and (m := _FRONT.fullmatch(source, *lines[0][:2])):
        for j in range(1, len(lines)):
            if source[lines[j][0]:lines[j][1]].rstrip() == m.group(1):
                skips.append(Piece(lines[0][0], lines[j][2], True))
                i = j + 1
                break
    prev_blank, in_list, in_code = True, False, False
    while i < len(lines):
        s, e, nxt = lines[i]
        line = source[s:e]
        blank = not line.strip()
        fence = _FENCE.match(line)
        if fence:
            mark = fence.group(1)
            j = i + 1
            while j < len(lines):
                closing = source[lines[j][0]:lines[j][1]].strip()
                if closing.startswith(mark[0] * len(mark)) and not closing.strip(mark[0]):
                    break
                j += 1
            last = lines[min(j, len(lines) - 1)]
            skips.append(Piece(s, last[2], True))
            i, prev_blank = j + 1, False
            continue
        if not blank and _INDENTED.match(line) and (in_code or (prev_blank and not in_list)):
            in_code = True
            skips.append(Piece(s, nxt, True))
        elif not blank:
            in_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif not _INDENTED.match(line):
                in_list = False
            if _REF_DEF.fullmatch(line) or _THEMATIC.fullmatch(line):
                skips.append(Piece(s, nxt, True))
            elif heading := _HEADING.match(line):
                skips.append(Piece(s, heading.end() + s, False))
                close = _HEADING_CLOSE.search(line)
                skips.append(Piece(s + close.start() if close else e, e, True))
        prev_blank = blank
        i += 1
    return skips


def _cut(pieces: list[Piece], skips: list[Piece]) -> list[Piece]:
    """``pieces`` minus ``skips``; a piece after a block skip starts a new paragraph."""
    skips = sorted(skips, key=lambda p: (p.start, p.end))
    out: list[Piece] = []
    brk = False
    first = 0  # skips before this one end before every piece still to come
    for piece in pieces:
        pos, brk = piece.start, brk or piece.brk
        while first < len(skips) and skips[first].end < pos:
            first += 1
        for skip in skips[first:]:
            if skip.start > piece.end or (skip.start == piece.end and skip.end > skip.start):
                break
            if skip.end < pos:
                continue
            if skip.start > pos:
                out.append(Piece(pos, skip.start, brk))
                brk = False
            brk = brk or skip.brk
            pos = max(pos, skip.end)
        if pos < piece.end:
            out.append(Piece(pos, piece.end, brk))
            brk = False
    return out


def _inline(builder: DocumentBuilder, start: int, end: int, options: ReadOptions) -> None:
    """Add one run of prose, with Markdown's inline syntax taken out."""
    source = builder.source
    holders = list(options.placeholders.finditer(source, start, end))
    k = 0
    pos = start
    while pos < end:
        while k < len(holders) and holders[k][0] < pos:
            k += 1
        m = _INLINE.search(source, pos, end)
        if k < len(holders) and (m is None or holders[k][0] <= m.start()):
            h_start, h_end, name = holders[k]
            builder.verbatim(pos, h_start)
            builder.placeholder(h_start, h_end, name)
            pos = h_end
            continue
        if m is None:
            builder.verbatim(pos, end)
            return
        builder.verbatim(pos, m.start())
        kind = m.lastgroup
        if kind == "code":
            builder.placeholder(m.start(), m.end(), NEUTRAL_NAME)
        elif kind == "link":
            _inline(builder, m.start("text"), m.end("text"), options)
        elif kind in ("escape", "entity"):
            builder.mapped(html.unescape(m.group()) if kind == "entity" else m.group()[1], m.start(), m.end())
        pos = m.end()  # images, autolinks, tags and emphasis marks read as nothing


def fill(builder: DocumentBuilder, start: int, end: int, options: ReadOptions) -> None:
    """Add the prose of ``source[start:end]`` to ``builder``."""
    source = builder.source
    skips = _block_skips(source, start, end)
    blocks = sorted((p.start, p.end) for p in skips if p.brk)
    block_starts = [s for s, _ in blocks]
    for m in _COMMENT.finditer(source, start, end):
        i = bisect_right(block_starts, m.start()) - 1
        if i < 0 or m.start() >= blocks[i][1]:  # not inside a code block
            builder.comment(m.start(), m.end())
            skips.append(Piece(m.start(), m.end(), False))
    for piece in _cut(author_pieces(source, start, end, options), skips):
        if piece.brk:
            builder.separator("\n\n", piece.start)
        _inline(builder, piece.start, piece.end, options)


read = whole_file(fill)
