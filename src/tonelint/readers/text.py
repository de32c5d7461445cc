"""Plain text (``.txt``, or no known suffix): every character is the author's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Document, DocumentBuilder

if TYPE_CHECKING:
    from . import ReadOptions


def read(source: str, name: str, options: ReadOptions) -> Document:
    builder = DocumentBuilder(name, source)
    options.placeholders.add(builder, 0, len(source))
    return builder.build()
