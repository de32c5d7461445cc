"""Users' regexes, compiled with the ``regex`` package and run under a time budget.

A rule pack is code from whoever wrote it: a pattern such as ``(a|aa)+$``
backtracks for ages on a line of ``a``s. Python's ``re`` cannot be stopped, so
every pattern from a pack runs through :class:`TimedPattern`, whose matching
time is capped by :func:`budget`; running out raises :class:`PatternTimeout`,
which the engine turns into an error that names the rule.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from functools import cached_property
from typing import Any

import regex

from .errors import TonelintError

# Seconds any pattern may spend on any text, plus seconds per character scanned.
# The shipped patterns scan about 1 µs a character; 20 µs leaves room for slow
# machines and busy CI, and one pathological pattern still ends in about a second.
BASE_SECONDS = 1.0
SECONDS_PER_CHAR = 20e-6

IGNORECASE = regex.IGNORECASE
DOTALL = regex.DOTALL
Match = Any  # regex.Match: the package ships no type hints


class PatternTimeout(TonelintError):
    """A pattern ran out of its time budget (catastrophic backtracking, usually)."""


def budget(length: int) -> float:
    """Seconds a pattern may spend matching ``length`` characters."""
    return BASE_SECONDS + max(length, 0) * SECONDS_PER_CHAR


def compile_error(pattern: str) -> str | None:
    """Why ``pattern`` does not compile, or None.

    ``re`` answers first because it compiles about three times faster and what
    it accepts ``regex`` accepts too; ``regex`` decides the rest (``\\p{L}``...).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            re.compile(pattern)
            return None
        except (re.error, ValueError, OverflowError, RecursionError):
            pass
    try:
        regex.compile(pattern)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        return str(exc)
    return None


class TimedPattern:
    """A compiled pattern whose every scan stops after :func:`budget` seconds."""

    def __init__(self, pattern: str, flags: int = 0, owner: str = "") -> None:
        self.pattern = pattern
        self.flags = flags
        self.owner = owner  # named in the error when the rule's name is not known here

    @cached_property
    def _compiled(self) -> Any:
        """Compiled on first use: ``regex`` compiles slowly, and rules left out by
        ``--select`` or a subcommand that only lists rules never need it."""
        try:
            return regex.compile(self.pattern, self.flags)
        except regex.error as exc:  # validated already; a safety net, not a traceback
            raise TonelintError(f"{self.owner or 'a pattern'} does not compile: {exc}") from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
        end = len(text) if endpos is None else endpos
        seconds = budget(end - pos)
        try:
            yield from self._compiled.finditer(text, pos, end, timeout=seconds)
        except TimeoutError:
            raise self._timeout(seconds) from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        end = len(text) if endpos is None else endpos
        seconds = budget(end - pos)
        try:
            return self._compiled.search(text, pos, end, timeout=seconds)
        except TimeoutError:
            raise self._timeout(seconds) from None

    def _timeout(self, seconds: float) -> PatternTimeout:
        return PatternTimeout(
            f"{self.owner + ': ' if self.owner else ''}a pattern took over {seconds:.1f} s (catastrophic backtracking? "
            "bound its repeats, e.g. (?:\\w+ ){0,5} instead of (?:\\w+ )*)"
        )
