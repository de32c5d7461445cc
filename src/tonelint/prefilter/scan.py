"""A rule's matches, read from what the merged pass left on the document, or
found the plain way when it left nothing for this rule."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..patterns import Match, Regex
from .keyset import CACHE_KEY, ENDS_KEY, HITS_KEY, Ident, ident
from .parse import KEY_LEN, folds_plainly

if TYPE_CHECKING:
    from ..document import Document, Span

_HEAD = re.compile(r"\w+$")
_WORD_CHAR = re.compile(r"\w")
MAX_NEEDS_TEXT = 1 << 22  # a copy of a longer text costs more than the scans it saves
_LOWER_KEY = "prefilter.lowered"
_MARKS_KEY = "prefilter.marks"


def may_match(doc: Document, wanted: tuple[str, ...] | None) -> bool:
    """Whether ``doc`` holds one of ``wanted`` (see :func:`needs`); True when
    that is not worth asking (a long text, or one that folds case unusually)."""
    if wanted is None or len(doc.text) > MAX_NEEDS_TEXT:
        return True
    lowered = doc.cache.get(_LOWER_KEY)
    if lowered is None:
        text = doc.text
        lowered = doc.cache[_LOWER_KEY] = text.lower() if folds_plainly(text) else None
    if lowered is None:
        return True
    return any(s in lowered for s in wanted)



def mark_positions(doc: Document, wanted: tuple[str, ...] | None) -> list[int] | None:
    """Where in ``doc`` one of ``wanted`` (see :func:`.parse.marks`) occurs, in
    order (none at all when ``doc`` holds none); None when not worth knowing
    (as :func:`may_match`, or too many)."""
    if wanted is None:
        return None
    if not may_match(doc, wanted):
        return []
    lowered = doc.cache.get(_LOWER_KEY)
    if lowered is None:
        return None
    return _found(doc, lowered, wanted, "lowered")


def char_positions(doc: Document, chars: tuple[str, ...] | None) -> list[int] | None:
    """Where in ``doc.text`` one of ``chars`` (see :func:`.parse.caseless_first`)
    stands, in order; None when not given or too many."""
    if chars is None:
        return None
    return _found(doc, doc.text, chars, "text")


def _found(doc: Document, text: str, strings: tuple[str, ...], which: str) -> list[int] | None:
    """:func:`find_all`, kept on the document: rules ask for the same marks."""
    key = "\0".join((_MARKS_KEY, which, *strings))
    if key not in doc.cache:
        doc.cache[key] = find_all(text, strings)
    return doc.cache[key]  # type: ignore[no-any-return]


def find_all(text: str, strings: Iterable[str], start: int = 0, end: int | None = None) -> list[int] | None:
    """Sorted offsets of ``strings`` in ``text[start:end]``, by ``str.find``;
    None past one in 16 characters, where the regex engine's own scan is as cheap."""
    end = len(text) if end is None else end
    found: list[int] = []
    limit = (end - start) // 16 + 16
    for s in strings:
        at = text.find(s, start, end)
        while at >= 0 and len(found) <= limit:
            found.append(at)
            at = text.find(s, at + 1, end)
    return sorted(found) if len(found) <= limit else None


def match_at(regex: Regex, text: str, candidates: Iterable[int], start: int = 0,
             end: int | None = None) -> Iterator[Match]:
    """``regex.finditer(text, start, end)`` when it can only match at
    ``candidates`` (sorted): the same matches, overlaps skipped alike."""
    end = len(text) if end is None else end
    resume = start
    for pos in candidates:
        if pos < resume:
            continue
        if pos >= end:
            return
        m = regex.match(text, pos, end)
        if m is not None:
            yield m
            resume = m.end() if m.end() > pos else pos + 1


def primed(doc: Document, scan: Ident) -> list[int] | None:
    """Where ``scan`` (see :func:`.keyset.ident`) matches in ``doc``, when the
    merged pass answered for it."""
    hits = doc.cache.get(HITS_KEY)
    return None if hits is None else hits.get(scan)


def hit_spans(doc: Document, scan: Ident) -> Iterator[tuple[int, int]] | None:
    """Where ``scan`` matches in ``doc``, as the merged pass found it: the
    spans :func:`match_at` would find again at its positions (one that starts
    inside the one before is none), read without matching again. A scan's
    regex at a key is its rule's alternatives for that key, in order, and no
    other alternative can match where that key starts a word, so the spans
    are the rule's own. None when the pass did not answer for ``scan``."""
    hits = doc.cache.get(HITS_KEY)
    positions = None if hits is None else hits.get(scan)
    if positions is None:
        return None
    return _spans(positions, doc.cache[ENDS_KEY].get(scan, ()))


def _spans(positions: Sequence[int], ends: Sequence[int]) -> Iterator[tuple[int, int]]:
    resume = 0
    for pos, end in zip(positions, ends):
        if pos >= resume:
            yield pos, end
            resume = end if end > pos else pos + 1


def _hits(doc: Document, regex: Regex, start: int, end: int) -> list[int] | None:
    """Where ``regex`` matches, from the merged pass, when it answered for it."""
    if start or end != len(doc.text):
        return None
    return primed(doc, ident(regex, False))


def _positions(doc: Document, rule_keys: frozenset[str]) -> list[int] | None:
    """Sorted offsets of the words ``rule_keys`` name; None when the document was
    not primed with these keys. Not kept: a rule asks once a document, and on a
    50 MB text the lists would weigh more than the text."""
    primed = doc.cache.get(CACHE_KEY)
    if primed is None or primed[1] is None or not rule_keys <= primed[0]:
        return None
    index = primed[1]
    return sorted(p for key in rule_keys for p in index.get(key, ()))


def _key(word: str) -> str:
    return word[:KEY_LEN]


def finditer(regex: Regex, rule_keys: frozenset[str] | None, doc: Document,
             start: int = 0, end: int | None = None,
             rest: Regex | None = None) -> Iterator[Match]:
    """``regex.finditer(doc.text, start, end)``, trying only where a key starts a word.

    ``rest``: the patterns of ``regex`` that have no keys, as a regex of their
    own; the positions where it matches are tried too.
    """
    text = doc.text
    end = len(text) if end is None else end
    positions = None if rule_keys is None else _hits(doc, regex, start, end)
    if positions is None and rule_keys is not None:
        positions = _positions(doc, rule_keys)
    if positions is None:
        yield from regex.finditer(text, start, end)
        return
    candidates: Iterable[int] = positions
    if _cuts_word(text, end):
        # ``end`` cuts a word: the regex sees its head as a word of its own.
        head = _HEAD.search(text, start, end)
        if head is not None and rule_keys is not None and _key(head.group().lower()) in rule_keys:
            positions = sorted({*positions, head.start()})
    if start or end < len(text):
        candidates = positions[bisect_left(positions, start):bisect_left(positions, end)]
    if rest is not None:  # lazily: a rule that needs one match stops early
        candidates = heapq.merge(candidates, _starts(rest, text, start, end))
    yield from match_at(regex, text, candidates, start, end)


def _starts(regex: Regex, text: str, start: int, end: int) -> Iterator[int]:
    """Every position in ``[start, end)`` where ``regex`` matches (overlaps too)."""
    m = regex.search(text, start, end)
    while m is not None:
        yield m.start()
        m = regex.search(text, m.start() + 1, end)


def finditer_spans(regex: Regex, rule_keys: frozenset[str] | None, doc: Document,
                   spans: Sequence[Span], rest: Regex | None = None,
                   sentences: bool = False, rest_marks: tuple[str, ...] | None = None,
                   rest_at_marks: bool = False) -> Iterator[Match]:
    """:func:`finditer` over each of ``spans`` (sorted, not overlapping) in turn,
    walking the candidate positions once rather than once a span. ``sentences``:
    the spans are ``doc.sentences``, which the merged pass may have answered for.
    ``rest_marks``: what a match of ``rest`` holds (see :func:`.parse.marks`):
    ``rest`` is then searched only in the sentences that hold one, or with
    ``rest_at_marks`` (a match starts with a mark) tried only at the marks."""
    text = doc.text
    positions = None
    if rule_keys is not None:
        positions = primed(doc, ident(regex, True)) if sentences else None
        if positions is None:
            positions = _positions(doc, rule_keys)
    if positions is None:
        for s in spans:
            yield from regex.finditer(text, s.start, s.end)
        return
    marked = mark_positions(doc, rest_marks) if rest is not None and sentences else None
    if sentences and (rest is None or marked is not None):
        yield from _in_sentences(regex, doc, positions, rest, marked, rest_at_marks)
        return
    i, n = 0, len(positions)
    for s in spans:
        while i < n and positions[i] < s.start:
            i += 1
        if _cuts_word(text, s.end):  # never for sentences; kept exact for any span
            yield from finditer(regex, rule_keys, doc, s.start, s.end, rest)
            continue
        first = i
        while i < n and positions[i] < s.end:
            i += 1
        candidates: Sequence[int] = positions[first:i]
        if rest is not None:
            extra = list(_starts(rest, text, s.start, s.end))
            if extra:
                candidates = sorted({*candidates, *extra})
        yield from match_at(regex, text, candidates, s.start, s.end)


def _in_sentences(regex: Regex, doc: Document, positions: Sequence[int], rest: Regex | None,
                  marked: list[int] | None, at_marks: bool = False) -> Iterator[Match]:
    """:func:`finditer_spans` over ``doc.sentences`` when every candidate is
    known up front: only the sentences that hold one are visited (a long text
    has a hundred thousand sentences, a rule's candidates are in a few)."""
    text, sentences, starts = doc.text, doc.sentences, doc.sentence_starts

    def holding(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i].end else -1

    by_sentence: dict[int, list[int]] = {}
    for pos in positions:
        i = holding(pos)
        if i >= 0:
            by_sentence.setdefault(i, []).append(pos)
    if rest is not None and marked:
        extra: dict[int, list[int]] = {}
        if at_marks:  # where a match of rest can start: try it there
            for pos in marked:
                i = holding(pos)
                if i >= 0 and rest.match(text, pos, sentences[i].end) is not None:
                    extra.setdefault(i, []).append(pos)
        else:
            for i in sorted({holding(p) for p in marked} - {-1}):
                s = sentences[i]
                extra[i] = list(_starts(rest, text, s.start, s.end))
        for i, found in extra.items():
            if found:
                by_sentence[i] = sorted({*by_sentence.get(i, ()), *found})
    for i in sorted(by_sentence):
        s = sentences[i]
        yield from match_at(regex, text, by_sentence[i], s.start, s.end)


def _cuts_word(text: str, end: int) -> bool:
    return 0 < end < len(text) and _WORD_CHAR.match(text, end) is not None \
        and _WORD_CHAR.match(text, end - 1) is not None
