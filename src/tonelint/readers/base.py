"""What the format modules share: line splitting, pieces of author text, ``read`` from ``fill``.

Each format module has ``fill(builder, start, end, options)``, which adds the
author's words of ``source[start:end]`` to a builder; formats that wrap others
(email, templates) call the inner format's ``fill`` on a part of their source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..document import Document, DocumentBuilder
from ..errors import TonelintError

# Template files (a reader for the format inside: .html.j2 reads as HTML); in
# base.py so the registry knows them without importing the template reader.
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".hbs", ".handlebars", ".mustache", ".liquid", ".tmpl")

if TYPE_CHECKING:
    from . import ReadOptions

Fill = Callable[[DocumentBuilder, int, int, "ReadOptions"], None]
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


class Piece(NamedTuple):
    """A range of author text; ``brk`` when something cut out before it ends a paragraph."""

    start: int
    end: int
    brk: bool = False


def split_lines(source: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """``(start, content end, next line start)`` of each line of ``source[start:end]``."""
    out = []
    pos = start
    while pos < end:
        m = _LINE.match(source, pos, end)
        assert m is not None
        out.append((pos, m.start() + len(m.group().rstrip("\r\n")), m.end()))
        if m.end() == pos:
            break
        pos = m.end()
    return out


def decode_as(data: bytes, charset: str, name: str, what: str) -> str:
    """``data`` in the charset that ``what`` declares; a clear error when it is unknown or wrong."""
    try:
        return data.decode(charset)
    except LookupError:
        raise TonelintError(f"{what} declares an unknown charset {charset!r}", name) from None
    except UnicodeDecodeError:
        raise TonelintError(f"{what} is not valid {charset}, the charset it declares", name) from None


def whole_file(fill: Fill) -> Callable[[str, str, ReadOptions], Document]:
    """A reader for a whole file, from a format's ``fill``."""

    def read(source: str, name: str, options: ReadOptions) -> Document:
        builder = DocumentBuilder(name, source)
        fill(builder, 0, len(source), options)
        return builder.build()

    return read
