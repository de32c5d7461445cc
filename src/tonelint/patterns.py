"""Users' regexes, compiled with the ``regex`` package and run under a time budget.

A rule pack is code from whoever wrote it: a pattern such as ``(a|aa)+$``
backtracks for ages on a line of ``a``s. Python's ``re`` cannot be stopped, so
every pattern from a pack runs through :class:`TimedPattern`, whose matching
time is capped by :func:`budget`; running out raises :class:`PatternTimeout`,
which the engine turns into an error that names the rule.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Iterator
from functools import cached_property
from typing import Any

import regex

from .errors import TonelintError

# Seconds one pattern may spend on one text: a base, plus seconds per character.
# The slowest shipped pattern scans about 1 µs a character; 10 µs leaves room for
# slow machines and busy CI, and a pathological one still ends in about a second.
BASE_SECONDS = 1.0
SECONDS_PER_CHAR = 10e-6

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
    """A compiled pattern with a time budget per text it scans.

    The budget is :func:`budget` of the whole text, shared by every scan of that
    same text (a rule scanning sentence by sentence, then each match's
    surroundings for exceptions), so many small scans cannot add up to a hang
    either. It is kept on the pattern for the last text seen: a Document's text
    is one string object, so a new document starts a new budget.
    """

    def __init__(self, pattern: str, flags: int = 0, owner: str = "") -> None:
        self.pattern = pattern
        self.flags = flags
        self.owner = owner  # named in the error when the rule's name is not known here
        self._text: str | None = None
        self._left = 0.0

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_text": None}  # a pickled rule carries no draft

    @cached_property
    def _compiled(self) -> Any:
        """Compiled on first use: ``regex`` compiles slowly, and rules left out by
        ``--select`` or a subcommand that only lists rules never need it."""
        try:
            return regex.compile(self.pattern, self.flags)
        except regex.error as exc:  # validated already; a safety net, not a traceback
            raise TonelintError(f"{self.owner or 'a pattern'} does not compile: {exc}") from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
        self._start(text)
        matches = self._compiled.finditer(text, pos, endpos, timeout=self._left)
        while True:
            began = time.monotonic()
            try:
                m = next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise self._timeout(text) from None
            finally:
                self._left -= time.monotonic() - began
            yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        self._start(text)
        began = time.monotonic()
        try:
            return self._compiled.search(text, pos, endpos, timeout=self._left)
        except TimeoutError:
            raise self._timeout(text) from None
        finally:
            self._left -= time.monotonic() - began

    def _start(self, text: str) -> None:
        if text is not self._text:
            self._text, self._left = text, budget(len(text))
        if self._left <= 0:
            raise self._timeout(text)

    def _timeout(self, text: str) -> PatternTimeout:
        return PatternTimeout(
            f"{self.owner + ': ' if self.owner else ''}a pattern took over "
            f"{budget(len(text)):.1f} s on this text (catastrophic backtracking? "
            "bound its repeats, e.g. (?:\\w+ ){0,5} instead of (?:\\w+ )*)"
        )
