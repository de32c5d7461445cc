"""Output formats: one small function per format, behind one name -> formatter registry.

A formatter is a pure function of the results: it never decides the exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..engine import FileResult
from . import json, text


@dataclass(frozen=True)
class Style:
    color: bool = False
    verbose: bool = False


Formatter = Callable[[list[FileResult], Style], Iterator[str]]

FORMATTERS: dict[str, Formatter] = {
    "text": text.format_results,
    "json": json.format_results,
}
