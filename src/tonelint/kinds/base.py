"""What every rule kind shares: metadata, option validation, and the Hit record.

A kind declares its own YAML keys in ``OPTIONS``; :func:`tonelint.packs.load_pack`
checks every key against them (unknown keys, wrong types and bad regexes are
errors that point at the pack's file and line) before the kind is built.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, NamedTuple

from .. import prefilter
from ..document import Document, fold_accents
from ..finding import Severity
from ..patterns import (
    IGNORECASE,
    FastPattern,
    Match,
    TimedPattern,
    compile_pattern,
    holds_timed,
    pattern_source,
)


class Hit(NamedTuple):
    """What a rule reports: a span of ``doc.text`` and what to say about it."""

    start: int
    end: int
    values: dict[str, Any] = {}  # fills the message template: {match}, {count}, ...
    suggestion: str | None = None
    replacement: str | None = None


class Option(NamedTuple):
    """One YAML key of a kind: its type, and a default when it may be left out."""

    type: str  # "str", "int", "number", "bool", "regex", "regexes", "strings", "swap"
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()


class Meta(NamedTuple):
    """The keys every rule has, whatever its kind."""

    id: str
    code: str
    kind: str
    category: str
    severity: Severity
    message: str
    lang: str
    summary: str = ""
    suggestion: str | None = None
    link: str | None = None
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    source: str = ""  # "rules/en/blame.yaml:12", for explain and errors
    default_enabled: bool = True


class Rule:
    """Base of all kinds: built once from validated YAML, then ``check`` per document."""

    KIND: ClassVar[str] = ""
    OPTIONS: ClassVar[dict[str, Option]] = {}

    def __init__(self, meta: Meta, options: dict[str, Any] | None = None) -> None:
        self.meta = meta
        self.options: dict[str, Any] = options if options is not None else {}
        self.setup()
        # Holds a user's timed pattern: the engine then opens a time budget for its
        # scans (kept with the rule in the cache, so a run does not look again).
        self.timed = holds_timed(vars(self))

    def setup(self) -> None:
        """Compile patterns and the like, once."""

    def check(self, doc: Document) -> Iterator[Hit]:
        raise NotImplementedError

    def quiet(self, doc: Document) -> bool:
        """True when ``check`` surely finds nothing in ``doc`` (the merged pass
        found no match of its patterns): the engine then does not ask it. Most
        rules find nothing in most drafts, and asking costs more than knowing."""
        return False

    def scans(self) -> list[prefilter.Scan]:
        """Its regexes with their keys, for the engine's merged pass (see
        prefilter.KeySet)."""
        matcher = getattr(self, "matcher", None)
        if isinstance(matcher, Matcher) and matcher.keys:
            return [(matcher.regex, matcher.keys, matcher.sources, matcher.per_sentence)]
        return []

    def word_keys(self) -> frozenset[str]:
        """The words its matches start with (see prefilter), so that the engine
        finds them for every rule in one scan; empty: the rule scans on its own."""
        matcher = getattr(self, "matcher", None)
        return matcher.keys or frozenset() if isinstance(matcher, Matcher) else frozenset()

    @property
    def satisfied_by(self) -> list[str]:
        """Rules (ids, prefixes, categories) whose findings mean this rule has
        nothing to say; the engine checks them (see ``kind: required``)."""
        return list(self.options.get("satisfied-by", ()))

    def render(self, hit: Hit, doc: Document) -> str:
        """The message for ``hit``, with ``{match}`` and the hit's values filled in."""
        values = {"match": _quote(doc.text[hit.start : hit.end]), **hit.values}
        out = self.meta.message
        for key, value in values.items():
            out = out.replace("{" + key + "}", str(value))
        return out


def _quote(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def compile_patterns(patterns: list[str], case_sensitive: bool, boundaries: bool,
                     loose_accents: bool = False) -> TimedPattern | FastPattern:
    """One regex for many alternatives, with word boundaries around each; it runs
    under a time budget (see :mod:`tonelint.patterns`).

    With ``loose_accents`` the patterns are folded like :attr:`Document.folded`,
    which is the text they must then be run on.
    """
    if loose_accents:
        patterns = [fold_accents(p) for p in patterns]
    flags = 0 if case_sensitive else IGNORECASE
    source = pattern_source(patterns, boundaries)
    first = prefilter.first_chars(source, flags)
    return compile_pattern(f"(?={first}){source}" if first else source, flags)


class SortedSpans:
    """Spans in order, none overlapping another (a regex's matches): whether one
    overlaps ``[start, end)`` in log time, so a long text stays linear."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)  # the first span that ends after ``start``
        return i < len(self.starts) and self.starts[i] < end

    def containing(self, start: int, end: int) -> bool:
        """Whether one span holds all of ``[start, end)``."""
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]



# Keys shared by the kinds that look for phrases (phrase, count, required).
PHRASE_OPTIONS: dict[str, Option] = {
    "patterns": Option("regexes", required=True),
    "exceptions": Option("regexes", default=[]),
    "exception-scope": Option("str", default="match", choices=("match", "sentence")),
    "scope": Option("str", default="text", choices=("text", "sentence")),
    "case-sensitive": Option("bool", default=False),
    "boundaries": Option("bool", default=True),
    # loose: "köszönöm" also matches "koszonom", "köszonöm" (drafts typed without
    # accents); exact: accents must match. Case is set apart, by case-sensitive.
    "accents": Option("str", default="exact", choices=("exact", "loose")),
}


class Matcher:
    """Patterns minus exceptions: the part of a rule that finds phrases.

    An exception cancels a match it overlaps (``exception-scope: match``, so "not
    your fault" cancels "your fault") or any match in the same sentence
    (``exception-scope: sentence``, so "you did nothing wrong" can cancel "you").
    With ``scope: sentence`` a pattern never reaches across a sentence end.
    """

    def __init__(self, options: dict[str, Any], patterns_key: str = "patterns") -> None:
        case = options.get("case-sensitive", False)
        bounds = options.get("boundaries", True)
        self.loose = options.get("accents") == "loose"
        self.regex = compile_patterns(options[patterns_key], case, bounds, self.loose)
        # Where a match can start (see prefilter): the words in ``keys``, and
        # wherever ``rest`` (the patterns without keys) matches. keys None: scan
        # every position (also with loose accents: the index is of the text as typed).
        by_key, rest = (prefilter.split(options[patterns_key], self.regex.flags)
                        if bounds and not self.loose else (None, []))
        self.keys = frozenset(by_key) if by_key is not None else None
        self.rest = compile_patterns(rest, case, bounds) if rest else None
        if self.rest is not None and self.rest.match("") is not None:
            self.keys, self.rest = None, None  # a pattern that matches nothing: scan everything
        # key -> the alternatives it can start (the engine's merged pass)
        self.sources = by_key or {}
        # Strings a match must hold (see prefilter.needs): a draft without them is not scanned.
        self.needs = prefilter.needs(self.regex.pattern, self.regex.flags) if not self.loose else None
        self.rest_needs = prefilter.needs(self.rest.pattern, self.rest.flags) if self.rest is not None else None
        self.rest_marks = prefilter.marks(self.rest.pattern, self.rest.flags) if self.rest is not None else None
        # the marks are where ``rest`` starts (quote marks, emoji), not just inside it
        self.rest_at_marks = self.rest is not None and self.rest_marks is not None and \
            self.rest_marks == prefilter.caseless_first(self.rest.pattern, self.rest.flags)
        # a rule with no keys that can only start at a quote mark or "!": found by str.find
        self.starts = prefilter.caseless_first(self.regex.pattern, self.regex.flags) \
            if self.keys is None and not self.loose else None
        exceptions = options.get("exceptions") or []
        self.exceptions = (
            compile_patterns(exceptions, case, bounds, self.loose) if exceptions else None
        )
        self.sentence_exceptions = options.get("exception-scope", "match") == "sentence"
        self.per_sentence = options.get("scope", "text") == "sentence"
        self.scan = prefilter.ident(self.regex, self.per_sentence)  # its name in the merged pass

    def finditer(self, doc: Document) -> Iterator[Match]:
        """The patterns' matches, where the merged pass has not found them all
        (see :meth:`spans`)."""
        if not prefilter.may_match(doc, self.needs):
            return
        if self.keys is not None:
            rest = self.rest if self.rest is not None and prefilter.may_match(doc, self.rest_needs) else None
            if self.per_sentence:
                yield from prefilter.finditer_spans(self.regex, self.keys, doc, doc.sentences, rest,
                                                    sentences=True, rest_marks=self.rest_marks,
                                                    rest_at_marks=self.rest_at_marks)
            else:
                yield from prefilter.finditer(self.regex, self.keys, doc, rest=rest)
            return
        text = doc.searched(self.loose)
        if self.per_sentence:
            for s in doc.sentences:
                yield from self.regex.finditer(text, s.start, s.end)
        else:
            positions = prefilter.char_positions(doc, self.starts)
            if positions is not None:
                yield from prefilter.match_at(self.regex, text, positions)
            else:
                yield from self.regex.finditer(text)

    def nothing(self, doc: Document) -> bool:
        """Whether the merged pass found that no pattern matches in ``doc``."""
        if self.keys is None or self.rest is not None:
            return False
        positions = prefilter.primed(doc, self.scan)
        return positions is not None and not positions

    def spans(self, doc: Document) -> Iterator[tuple[int, int]]:
        found: Iterable[tuple[int, int]] | None = None
        if self.keys is not None and self.rest is None:  # most rules, most drafts: read from the merged pass
            found = prefilter.hit_spans(doc, self.scan)
        if found is None:
            found = ((m.start(), m.end()) for m in self.finditer(doc))
        for start, end in found:
            if end > start and not self.excepted(doc, start, end):
                yield start, end

    def excepted(self, doc: Document, start: int, end: int) -> bool:
        if self.exceptions is None:
            return False
        text = doc.searched(self.loose)
        if self.sentence_exceptions:
            s = doc.sentence_at(start)
            return self.exceptions.search(text, s.start, s.end) is not None
        window_start, window_end = max(0, start - 80), min(len(text), end + 80)
        return any(
            m.start() < end and start < m.end()
            for m in self.exceptions.finditer(text, window_start, window_end)
        )
