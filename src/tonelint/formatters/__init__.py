"""Output formats: one small function per format, behind one name -> formatter registry.

A formatter is a pure function of the results: it never decides the exit code.
Rule metadata (for SARIF's rule table) comes in through the Style, so a formatter
never loads packs itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from ..engine import FileResult
from ..kinds.base import Meta
from . import github, json, sarif, text


@dataclass(frozen=True)
class Style:
    """How to print, and what a format may need beyond the findings."""

    color: bool = False
    verbose: bool = False
    # rule id -> metadata of the rules that ran (see Linter.active_meta).
    rules: Mapping[str, Meta] = field(default_factory=dict)


Formatter = Callable[[list[FileResult], Style], Iterator[str]]

FORMATTERS: dict[str, Formatter] = {
    "text": text.format_results,
    "json": json.format_results,
    "github": github.format_results,
    "sarif": sarif.format_results,
}
