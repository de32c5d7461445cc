"""Plain text (``.txt``, or no known suffix): the author's lines, as they are.

Quoted replies and the signature are left out (see :mod:`.quotes`); a plain
text draft has no comment syntax, so suppression there is ``per-file-ignores``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import DocumentBuilder
from .base import whole_file
from .quotes import author_pieces

if TYPE_CHECKING:
    from . import ReadOptions


def fill(builder: DocumentBuilder, start: int, end: int, options: ReadOptions) -> None:
    """Add the author's text of ``source[start:end]`` to ``builder``."""
    for piece in author_pieces(builder.source, start, end, options):
        if piece.brk:
            builder.separator("\n\n", piece.start)
        options.placeholders.add(builder, piece.start, piece.end)


read = whole_file(fill)
