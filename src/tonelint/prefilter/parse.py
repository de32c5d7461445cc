"""What a pattern's parse tree tells before any text is read: the words a
match can start with (its keys), its top-level alternatives, the characters it
can start with and the strings it must hold."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..patterns import compile_error_re, parse_tree

KEY_LEN = 3
HEAD_LEN = 12  # see heads()
# In a head, a character that stands for a regex: WORDS for what \w+ matches.
WORDS = "\ue000"
TOKENS = {WORDS: "\\w+"}
MAX_ROUNDS = 4  # a repeat of up to this many rounds is spelt out in heads
MAX_KEYS = 256
# Characters that case-insensitive regex matching pairs differently from
# str.lower() (re._casefix and the one multi-character lowercase, U+0130).
# tests/test_prefilter.py derives the set from the running Python.
SPECIAL = (
    "\u00b5\u0130\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0"
    "\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e"
    "\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61"
    "\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
)
_SPECIAL = re.compile(f"[{SPECIAL}]")
_WORD_CHAR = re.compile(r"\w")


def folds_plainly(text: str) -> bool:
    """Whether ``text`` holds none of :data:`SPECIAL`: ``str.lower()`` then
    folds it as case-insensitive matching does. Most drafts are ASCII, told in C
    at once without a search."""
    return text.isascii() or _SPECIAL.search(text) is None


# States of a prefix while the pattern is read: the match may go on (OPEN), the
# prefix is as long as asked (FULL), the first word has ended (END), or what
# follows is unknown (TRUNC).
OPEN, FULL, END, TRUNC = range(4)
Prefixes = set[tuple[str, int]]


def split(patterns: list[str], flags: int = 0) -> tuple[dict[str, list[str]] | None, list[str]]:
    """Key -> the alternatives a match starting with it can come from, and the
    alternatives that have no keys (see :func:`finditer`'s ``rest``), in the
    patterns' order. ``(None, [])`` when none has keys: then the rule scans the
    whole text. A pattern is taken apart at its top-level ``|``, so that a word
    tries only the alternatives that can start with it."""
    by_key: dict[str, list[str]] = {}
    rest: list[str] = []
    for pattern in patterns:
        for alternative in alternatives(pattern, flags):
            k = keys([alternative], flags)
            if k is None:
                rest.append(alternative)
            for key in sorted(k or ()):
                by_key.setdefault(key, []).append(alternative)
    if not by_key:
        return None, []
    return by_key, rest


def alternatives(pattern: str, flags: int = 0) -> list[str]:
    """``pattern`` cut at each ``|`` outside groups and classes; ``[pattern]``
    when a piece does not stand alone (a back-reference to another's group)."""
    pieces, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a "]" first in a class is a character
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    if len(pieces) > 1 and any(compile_error_re(p, flags) for p in pieces):
        return [pattern]
    return pieces


def keys(patterns: list[str], flags: int = 0) -> frozenset[str] | None:
    """The word keys every match of any of ``patterns`` starts with, or None when
    some pattern may start elsewhere (then the rule scans the whole text)."""
    out: set[str] = set()
    for pattern in patterns:
        try:
            prefixes = _seq(parse_tree(pattern, flags), KEY_LEN, False)
        except Exception:  # too many alternatives, or a parser we do not know
            return None
        for text, state in prefixes:
            if state == OPEN:
                state = END  # the rule's boundary: a word character cannot follow
            if len(text) >= KEY_LEN:
                out.add(text[:KEY_LEN])
            elif state == END and text:
                out.add(text)  # shorter than KEY_LEN: a whole word
            else:
                return None
    return frozenset(out)


@cache  # an alternative two keys start is read once
def heads(pattern: str, flags: int = 0, limit: int = HEAD_LEN) -> frozenset[tuple[str, bool]] | None:
    """The first ``limit`` characters, lower-cased, that every match of
    ``pattern`` begins with, words and what lies between them alike, each with
    whether a word must end right after it; None when not known.

    They tell more than the key: "you should have" and "you knew" both have the
    key "you", but a word "you" followed by "are" starts neither, and the merged
    pass need not try them there. A head may hold :data:`WORDS` for ``\\w+``, so
    "you (?:\\w+ ){0,3}blamed" still says that "bla" comes within four words.
    """
    try:
        prefixes = _seq(parse_tree(pattern, flags), limit, True)
    except Exception:  # too many alternatives, or a parser we do not know
        return None
    return frozenset((text, state in (OPEN, END)) for text, state in prefixes)


def _seq(items: list[Any], limit: int, across: bool) -> Prefixes:
    """The prefixes of ``items`` up to ``limit`` characters, a word's (the key's)
    or, ``across`` words, the text's."""
    if not items:
        return {("", OPEN)}
    out: Prefixes = set()
    rests: dict[int, Prefixes] = {}  # by what is left of the limit: a long head needs a short rest
    for text, state in _item(items[0], limit, across):
        if state != OPEN:
            out.add((text, state))
            continue
        left = limit - len(text)
        rest = rests.get(left)
        if rest is None:
            rest = rests[left] = _seq(items[1:], left, across) if left > 0 else {("", FULL)}
        for more, state2 in rest:
            joined = text + more
            out.add((joined[:limit], FULL) if len(joined) >= limit else (joined, state2))
    if len(out) > MAX_KEYS:
        if not across:
            raise ValueError("too many prefixes")
        while len(out) > MAX_KEYS:  # heads: shorter ones say less but stay true
            longest = max(len(t) for t, _ in out)
            out = {(t[:longest - 1], TRUNC) if len(t) == longest else (t, st) for t, st in out}
    return out


def _item(item: tuple[Any, Any], limit: int, across: bool) -> Prefixes:
    op, av = item
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        ch = chr(av)
        if ch in TOKENS:
            return {("", TRUNC)}
        if not across and not _WORD_CHAR.match(ch):
            return {("", END)}
        low = ch.lower()
        if len(low) != 1 or ch in SPECIAL or low in SPECIAL:
            return {("", TRUNC)}
        return {(low, OPEN)}
    if name == "IN":
        if len(av) <= 8 and all(getattr(o, "name", "") == "LITERAL" for o, _ in av):
            return set().union(*(_item(x, limit, across) for x in av))
        return {("", TRUNC)}
    if name == "BRANCH":
        return set().union(*(_seq(list(alt.data), limit, across) for alt in av[1]))
    if name == "SUBPATTERN":
        return _seq(list(av[-1].data), limit, across)
    if name == "ATOMIC_GROUP":
        return _seq(list(av.data), limit, across)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        if across and low >= 1 and _is_word_class(list(sub.data)):
            return {(WORDS, OPEN)}  # \w+: a word (or what a pattern's \w+ takes)
        if across and high <= MAX_ROUNDS:  # (?:\w+ ){0,3}: each count of rounds in full
            return set().union(*(_seq(list(sub.data) * n, limit, across) for n in range(low, high + 1)))
        once = _seq(list(sub.data), limit, across)
        if high > 1:  # more rounds may follow: what comes after one is unknown
            once = {(t, TRUNC if s == OPEN else s) for t, s in once}
        return once | {("", OPEN)} if low == 0 else once
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {("", OPEN)}  # zero width: consumes nothing
    return {("", TRUNC)}


def _is_word_class(items: list[Any]) -> bool:
    """Whether ``items`` is ``\\w`` alone."""
    if len(items) != 1 or getattr(items[0][0], "name", "") != "IN":
        return False
    members = items[0][1]
    return len(members) == 1 and getattr(members[0][0], "name", "") == "CATEGORY" \
        and getattr(members[0][1], "name", "") == "CATEGORY_WORD"


MAX_FIRST = 48  # a larger set of first characters is no shortcut


def first_chars(source: str, flags: int = 0) -> str | None:
    """A character class of everything a match of ``source`` can start with, or
    None when that is (nearly) any character or the match may be empty.

    ``(?=[...])`` put before a pattern lets the regex engine pass every other
    position of a text at once: the exclamation rule, an emoji list or a quote
    mark scan 2-3x faster. The class is compiled with the pattern's own flags,
    so case-insensitive letters fold exactly as in the pattern.
    """
    chars = first_set(source, flags)
    if chars is None:
        return None
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def first_set(source: str, flags: int = 0) -> frozenset[str] | None:
    """The characters of :func:`first_chars` (before case folding)."""
    try:
        chars, nullable = _first(parse_tree(source, flags))
    except Exception:  # a parser we do not know, or too deep
        return None
    if chars is None or nullable or not chars or len(chars) > MAX_FIRST:
        return None
    return frozenset(chars)


def marks(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings, lower-cased, one of which lies inside every match of ``source``:
    its :func:`needs`, or else the characters it starts with when case does not
    touch them (quote marks, emoji). A sentence without one cannot match."""
    found = needs(source, flags)
    return found if found is not None else caseless_first(source, flags)


def caseless_first(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """The characters a match of ``source`` starts with (:func:`first_set`),
    when they are few and case does not touch them ("!", "?", quote marks,
    emoji): then ``str.find`` finds where a match can start, far faster than
    the regex engine can pass the rest of the text."""
    chars = first_set(source, flags)
    if chars is None or len(chars) > MAX_NEEDS or any(c.lower() != c or c.upper() != c for c in chars):
        return None
    return tuple(sorted(chars))


def _first(items: list[Any]) -> tuple[set[str] | None, bool]:
    """(the characters a match of ``items`` can start with or None for any, whether it may be empty)."""
    out: set[str] = set()
    for op, av in items:
        name = getattr(op, "name", str(op))
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: the next item starts the match
        if name == "LITERAL":
            chars, nullable = {chr(av)}, False
        elif name == "IN":
            if any(getattr(o, "name", "") != "LITERAL" for o, _ in av):
                return None, False
            chars, nullable = {chr(v) for _, v in av}, False
        elif name == "BRANCH":
            chars, nullable = set(), False
            for alt in av[1]:
                alt_chars, alt_nullable = _first(list(alt.data))
                if alt_chars is None:
                    return None, False
                chars |= alt_chars
                nullable = nullable or alt_nullable
        elif name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:  # (?i:...) in a case-sensitive pattern: the class would not fold
                return None, False
            chars, nullable = _first(list(av[-1].data))  # type: ignore[assignment]
        elif name == "ATOMIC_GROUP":
            chars, nullable = _first(list(av.data))  # type: ignore[assignment]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub_chars, sub_nullable = _first(list(av[2].data))
            chars, nullable = sub_chars, sub_nullable or av[0] == 0  # type: ignore[assignment]
        else:  # any character, a category, a back-reference
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def needs(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of ``source`` contains, lower-cased (they
    are looked for in the lower-cased text), or None when no such list is known.

    A text that holds none of them cannot match, which a substring search tells
    far faster than the regex: most drafts have no "!!!", no "payment" and no
    "that's it", and the rules looking for those then skip the scan.
    """
    try:
        found = _needs(parse_tree(source, flags))
    except Exception:  # a parser we do not know, or too deep
        return None
    if found is None or not all(found) or len(found) > MAX_NEEDS:
        return None
    return tuple(s.lower() for s in found)


def _needs(items: list[Any]) -> list[str] | None:
    """The best of: the longest run of literal characters the sequence must
    match, or the needs of one group or branch it must go through."""
    best: list[str] | None = None
    run = ""

    def better(candidate: list[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, av in items:
        name = getattr(op, "name", str(op))
        if name == "LITERAL":
            run += chr(av)
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1 \
                and len(av[2].data) == 1 and getattr(av[2].data[0][0], "name", "") == "LITERAL":
            char = chr(av[2].data[0][1])
            better([run + char * min(av[0], 8)])  # "!{3,}": "!!!" at least
            run = char  # the last one is next to what follows: "?+!" holds "?!"
            continue
        better([run] if run else None)
        run = ""
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: no characters of the match
        if name == "SUBPATTERN" and not av[1] & re.IGNORECASE and not av[2] & re.IGNORECASE:
            better(_needs(list(av[-1].data)))
        elif name == "BRANCH":
            each = [_needs(list(alt.data)) for alt in av[1]]
            if all(each):
                better([s for alt in each for s in alt])  # type: ignore[union-attr]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            better(_needs(list(av[2].data)))
    better([run] if run else None)
    return best



MAX_NEEDS = 8  # more strings to look for cost more than the scan they might save
