"""Output formats: one small function per format, behind one name -> formatter registry.

A formatter is a pure function of the results: it never decides the exit code.
Rule metadata (for SARIF's rule table) comes in through the Style, so a formatter
never loads packs itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import NamedTuple

from ..engine import FileResult
from ..kinds.base import Meta


class Style(NamedTuple):
    """How to print, and what a format may need beyond the findings."""

    color: bool = False
    verbose: bool = False
    # rule id -> metadata of the rules that ran (see Linter.active_meta).
    rules: Mapping[str, Meta] = MappingProxyType({})


Formatter = Callable[[list[FileResult], Style], Iterator[str]]



def _lazy(module: str) -> Formatter:
    """The format's module is imported when the format is used (json and SARIF
    cost a few ms to import, and a run prints one format)."""

    def format_results(results: list[FileResult], style: Style) -> Iterator[str]:
        from importlib import import_module

        return import_module(f"{__name__}.{module}").format_results(results, style)  # type: ignore[no-any-return]

    return format_results


FORMATTERS: dict[str, Formatter] = {
    "text": _lazy("text"),
    "json": _lazy("json"),
    "github": _lazy("github"),
    "sarif": _lazy("sarif"),
}
