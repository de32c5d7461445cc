"""Users' regexes, compiled with the ``regex`` package and run under a time budget.

A rule pack is code from whoever wrote it: a pattern such as ``(a|aa)+$``
backtracks for ages on a line of ``a``s. Python's ``re`` cannot be stopped, so
every pattern from a user's pack that :func:`bounded` cannot prove harmless
(word lists and phrases are) runs through :class:`TimedPattern`, whose matching
time is capped by :func:`budget`; running out raises :class:`PatternTimeout`,
which the engine turns into an error that names the rule. The engine opens one
:func:`time_budget` per rule and draft (and one for reading the draft, where
the config's placeholder patterns run).
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import Any, Protocol

from .errors import TonelintError

# Seconds the patterns of one rule may spend on one draft: a base, plus seconds
# per character. The slowest shipped rule scans about 1 µs a character; 10 µs
# leaves room for slow machines and busy CI, and a pathological pattern still
# ends in about a second.
BASE_SECONDS = 1.0
SECONDS_PER_CHAR = 10e-6

# regex's flags have re's values; regex itself is imported on first compile
# (23 ms), so --version, `rules` and `config` never pay for it.
IGNORECASE = re.IGNORECASE.value
DOTALL = re.DOTALL.value
# Append to a repeat to make it possessive (no giving back: the same matches
# where nothing after it could use what it gave back, at less cost). Python 3.10
# has no possessive repeats; there it is left greedy, which matches the same.
POSSESSIVE = "+" if sys.version_info >= (3, 11) else ""
Match = Any  # regex.Match: the package ships no type hints


class PatternTimeout(TonelintError):
    """A pattern ran out of its time budget (catastrophic backtracking, usually)."""


def budget(length: int) -> float:
    """Seconds a rule's patterns may spend on a draft of ``length`` characters."""
    return BASE_SECONDS + max(length, 0) * SECONDS_PER_CHAR


def compile_error(pattern: str) -> str | None:
    """Why ``pattern`` does not compile, or None.

    ``re`` answers first because it compiles about three times faster and what
    it accepts ``regex`` accepts too; ``regex`` decides the rest (``\\p{L}``...).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if compile_error_re(pattern) is None:
            return None
    import regex

    try:
        regex.compile(pattern)
    except (regex.error, ValueError, OverflowError, RecursionError) as exc:
        return str(exc)
    return None


class Budget:
    """Seconds left to the patterns of one scope (one rule on one draft)."""

    def __init__(self, length: int) -> None:
        self.seconds = budget(length)
        self.left = self.seconds


_SCOPE: ContextVar[Budget | None] = ContextVar("tonelint_pattern_budget", default=None)


class time_budget:
    """Every scan inside shares :func:`budget` of ``length`` (the draft's length):
    a rule scanning sentence by sentence, then each match's surroundings for
    exceptions, cannot add many small budgets up to a hang. A scan outside any
    scope gets a budget of its own, for the length it scans.

    A class rather than a generator: the engine opens one per rule and draft."""

    __slots__ = ("scope", "token")

    def __init__(self, length: int) -> None:
        self.scope = Budget(length)

    def __enter__(self) -> Budget:
        self.token = _SCOPE.set(self.scope)
        return self.scope

    def __exit__(self, *exc: object) -> None:
        _SCOPE.reset(self.token)


_TRUSTED: ContextVar[bool] = ContextVar("tonelint_trusted_patterns", default=False)


@contextmanager
def trusted() -> Iterator[None]:
    """Patterns compiled inside come from the packs tonelint ships: reviewed and
    tested on hostile drafts, so they run on ``re`` (about 3x faster than
    ``regex``) without a budget. Users' packs never get here."""
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def holds_timed(obj: object, depth: int = 3) -> bool:
    """Whether ``obj`` (a rule) keeps a :class:`TimedPattern` in its attributes,
    a few levels down: only then do its scans need a :func:`time_budget`."""
    if isinstance(obj, TimedPattern):
        return True
    if depth == 0:
        return False
    if isinstance(obj, dict):
        values: Any = obj.values()
    elif isinstance(obj, (list, tuple, set, frozenset)):
        values = obj
    elif hasattr(obj, "__dict__") and not isinstance(obj, type):
        values = vars(obj).values()
    else:
        return False
    return any(holds_timed(v, depth - 1) for v in values)


def pattern_source(patterns: list[str], boundaries: bool) -> str:
    """One regex source for many alternatives, each a whole word or phrase when
    ``boundaries`` (no word character, and no apostrophe of a contraction, on
    either side)."""
    body = "|".join(f"(?:{p})" for p in patterns) or "(?!)"
    if boundaries:
        body = rf"(?<![\w'’])(?:{body})(?![\w’]|'\w)"
    return body


def compile_pattern(source: str, flags: int = 0) -> TimedPattern | FastPattern:
    """A shipped pack's pattern on ``re``, and a user's that :func:`bounded`
    proves cannot backtrack for long; any other under a time budget."""
    if (_TRUSTED.get() or bounded(source, flags)) and compile_error_re(source, flags) is None:
        return FastPattern(source, flags)
    return TimedPattern(source, flags)


# A repeat may run this many times at most, and a pattern have this many ways of
# matching from one position (branches add, a sequence multiplies): beyond them,
# the time budget decides.
MAX_BOUNDED_REPEAT = 10
MAX_PATHS = 1024


def parse_tree(source: str, flags: int = 0) -> list[Any]:
    """The items of ``source`` as Python's regex parser reads them (its private
    parser: the analyses that walk it fall back to the plain way on any error)."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    return list(sre_parse.parse(source, flags).data)


def bounded(source: str, flags: int = 0) -> bool:
    """Whether ``source`` does a small, fixed amount of work at each position of
    a text, whatever the text: no unbounded repeat (``+``, ``*``, ``{2,}``), no
    back-reference, and at most :data:`MAX_PATHS` ways to try. Word lists and
    phrases with optional endings ("late (?:payments?|fees)") are; ``(a+)+$``
    and ``\\w+ing`` are not (their work grows with the length of a word)."""
    try:
        return _paths(parse_tree(source, flags)) <= MAX_PATHS
    except Exception:  # a parser we do not know, or too deep: the budget decides
        return False


def _paths(items: list[Any]) -> float:
    total = 1.0
    for op, av in items:
        name = getattr(op, "name", "")
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY", "AT", "CATEGORY"):
            continue
        if name == "BRANCH":
            total *= sum(_paths(list(alt.data)) for alt in av[1])
        elif name == "SUBPATTERN":
            total *= _paths(list(av[-1].data))
        elif name == "ATOMIC_GROUP":
            total *= _paths(list(av.data))
        elif name in ("ASSERT", "ASSERT_NOT"):
            total *= _paths(list(av[1].data))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            if high > MAX_BOUNDED_REPEAT:
                return float("inf")
            once = _paths(list(sub.data))
            total *= sum(once ** k for k in range(low, high + 1))
        else:  # back-references, conditionals, anything new
            return float("inf")
        if total > MAX_PATHS:
            return float("inf")
    return total


def compile_error_re(source: str, flags: int = 0) -> str | None:
    try:
        re.compile(source, flags)
    except (re.error, ValueError, OverflowError, RecursionError) as exc:
        return str(exc)
    return None


class Regex(Protocol):
    """What the engine asks of a compiled pattern: an ``re.Pattern``, a
    :class:`FastPattern` or a :class:`TimedPattern` alike."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...

    def match(self, string: str, pos: int = 0, endpos: int = ...) -> Any: ...

    def search(self, string: str, pos: int = 0, endpos: int = ...) -> Any: ...

    def finditer(self, string: str, pos: int = 0, endpos: int = ...) -> Iterator[Any]: ...


class FastPattern:
    """:class:`TimedPattern`'s interface on ``re``, for trusted patterns.

    ``build``: how to make the compiled pattern when first used, if not by
    compiling the source (the rule cache hands over its compiled program)."""

    def __init__(self, pattern: str, flags: int = 0, build: Callable[[], re.Pattern[str]] | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self._build = build

    @cached_property
    def _compiled(self) -> re.Pattern[str]:
        if self._build is not None:
            return self._build()
        return re.compile(self.pattern, self.flags)

    def warm(self) -> None:
        """Compile now (before the pattern is kept in the rule cache)."""
        self._compiled  # noqa: B018 - the cached property compiles

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        return self._compiled.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self._compiled.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self._compiled.match(text, pos, len(text) if endpos is None else endpos)


class TimedPattern:
    """A compiled pattern whose scans stop when their :class:`Budget` runs out."""

    HINT = "catastrophic backtracking? bound its repeats, e.g. (?:\\w+ ){0,5} instead of (?:\\w+ )*"

    def __init__(self, pattern: str, flags: int = 0, owner: str = "", hint: str = HINT) -> None:
        self.pattern = pattern
        self.flags = flags
        self.owner = owner  # named in the error when the rule's name is not known here
        self.hint = hint  # the likely cause, said in the error

    @cached_property
    def _compiled(self) -> Any:
        """Compiled on first use: ``regex`` compiles slowly, and rules left out by
        ``--select`` or a subcommand that only lists rules never need it."""
        import regex

        try:
            return regex.compile(self.pattern, self.flags)
        except regex.error as exc:  # validated already; a safety net, not a traceback
            raise TonelintError(f"{self.owner or 'a pattern'} does not compile: {exc}") from None

    def warm(self) -> None:
        """Compile now (before the pattern is kept in the rule cache)."""
        self._compiled  # noqa: B018 - the cached property compiles

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match]:
        clock = self._clock(len(text) if endpos is None else endpos, pos)
        matches = self._compiled.finditer(text, pos, endpos, timeout=clock.left)
        while True:
            began = time.monotonic()
            try:
                m = next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise self._timeout(clock) from None
            finally:
                clock.left -= time.monotonic() - began
            yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        return self._once("search", text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Match | None:
        return self._once("match", text, pos, endpos)

    def _once(self, how: str, text: str, pos: int, endpos: int | None) -> Match | None:
        clock = self._clock(len(text) if endpos is None else endpos, pos)
        began = time.monotonic()
        try:
            return getattr(self._compiled, how)(text, pos, endpos, timeout=clock.left)
        except TimeoutError:
            raise self._timeout(clock) from None
        finally:
            clock.left -= time.monotonic() - began

    def _clock(self, end: int, pos: int) -> Budget:
        clock = _SCOPE.get() or Budget(end - pos)
        if clock.left <= 0:
            raise self._timeout(clock)
        return clock

    def _timeout(self, clock: Budget) -> PatternTimeout:
        return PatternTimeout(
            f"{self.owner + ': ' if self.owner else ''}patterns took over "
            f"{clock.seconds:.1f} s on this text ({self.hint})"
        )
