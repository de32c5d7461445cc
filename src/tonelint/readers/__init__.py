"""Readers turn a file into a Document: the author's words and a map back to the file.

One small module per format; the registry below picks one by file name (a
template's inner format by its double extension, see template.py). Every reader
gets the decoded source (see :func:`decode`) and :class:`ReadOptions`; email,
which declares its own charsets, reads the bytes (:func:`read_bytes`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import TonelintError
from ..placeholders import Placeholders
from . import text
from .base import TEMPLATE_SUFFIXES, decode_as


class ReadOptions:
    """How drafts are read: the placeholder forms, and whether quoted replies and
    signatures are linted too."""

    __slots__ = ("lint_quoted", "lint_signature", "placeholders")

    def __init__(self, placeholders: Placeholders | None = None, lint_quoted: bool = False,
                 lint_signature: bool = False) -> None:
        self.placeholders = placeholders if placeholders is not None else Placeholders()
        self.lint_quoted = lint_quoted  # quoted replies: `>` lines, "On ... wrote:" and below
        self.lint_signature = lint_signature  # what follows a `-- ` line


Reader = Callable[[str, str, ReadOptions], Document]

def _lazy(module: str, function: str = "read") -> Callable[..., Document]:
    """``readers/<module>.py``'s reader, imported when a file needs it: the email
    and HTML readers cost 30 ms to import, and most runs read one format."""

    def read(*args: Any) -> Document:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), function)(*args)  # type: ignore[no-any-return]

    return read


# file suffix -> reader; a name with no known suffix is plain text.
READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": _lazy("markdown"),
    ".markdown": _lazy("markdown"),
    ".html": _lazy("html"),
    ".htm": _lazy("html"),
    ".eml": _lazy("email"),
    **{suffix: _lazy("template") for suffix in TEMPLATE_SUFFIXES},
}
BYTE_READERS: dict[str, Callable[[bytes, str, ReadOptions], Document]] = {
    ".eml": _lazy("email", "read_bytes"),
}


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes, name: str) -> str | None:
    """The charset an HTML file (or HTML template) names in its ``<meta>``, if any."""
    if not any(s.lower() in (".html", ".htm") for s in Path(name).suffixes):
        return None
    m = _META_CHARSET.search(data, 0, 4096)
    return m.group(1).decode("ascii") if m else None


def reader_for(name: str) -> Reader:
    return READERS.get(_suffix(name), text.read)


def _suffix(name: str) -> str:
    """``Path(name).suffix.lower()``, a tenth of the cost (asked once a draft)."""
    suffix = os.path.splitext(name)[1].lower()
    return "" if suffix == "." else suffix


def read_bytes(data: bytes, name: str, options: ReadOptions) -> Document:
    """A file as it is on disk (or on standard input, named by ``--stdin-filename``)."""
    by_bytes = BYTE_READERS.get(_suffix(name))
    if by_bytes is not None:
        return by_bytes(data, name, options)
    return reader_for(name)(decode(data, name), name, options)


def is_draft(path: Path | str) -> bool:
    """Files a folder walk picks up: known suffixes only."""
    return _suffix(str(path)) in READERS


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or the charset an HTML file
    declares in a ``<meta>`` tag; anything else is a clear error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TonelintError(f"broken UTF-16: {exc.reason}", name) from None
    if b"\x00" in data[:8192]:
        raise TonelintError("binary file (NUL bytes), not a draft", name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        charset = declared_charset(data, name)
        if charset is not None:
            return decode_as(data, charset, name, "the file")
        line = data.count(b"\n", 0, exc.start) + 1
        raise TonelintError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the draft as UTF-8", name, line
        ) from None
