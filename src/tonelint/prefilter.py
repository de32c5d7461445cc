"""Many phrase patterns, one pass over the text.

Python's regex engine tries a pattern at every position of the text, so thirty
rules used to mean thirty scans, and ten times the patterns ten times the time.
Almost every phrase pattern starts with a known word, though ("you (?:have )?
failed to" can only start at a word beginning "you"). So:

* at load time, :func:`keys` works out from the parsed pattern the first three
  letters of every word a match can start with (``"fai"``), or the whole word
  when it is shorter (``"we"``: a key shorter than three letters is a whole
  word); a pattern it cannot vouch for gets ``None``;
* per document, :class:`KeySet` finds where the keys of all rules occur, in one
  scan of the lowercased text with one trie-shaped regex;
* :func:`finditer` tries the rule's regex only at those positions. It yields
  exactly what ``regex.finditer`` would: a match with word boundaries can only
  start where a word starts, and it tries positions in the same order and skips
  the same overlaps.

Case-insensitive matching knows a few characters that ``str.lower`` does not
pair the same way (the long s, the dotless i, Greek and Cyrillic variants): a
document containing one is scanned the plain way.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .patterns import FastPattern, TimedPattern, compile_error, compile_error_re, pattern_source

if TYPE_CHECKING:
    from .document import Document, Span

KEY_LEN = 3
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
_HEAD = re.compile(r"\w+$")
# The last white space before the end: each space looks on to the next one
# only, so a piece costs linear time even with no space in it.
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")
_SPACE = re.compile(r"\s")
_WORD_CHAR = re.compile(r"\w")
_CACHE_KEY = "prefilter.word-index"
_HITS_KEY = "prefilter.hits"

# States of a prefix while the pattern is read: the match may go on (OPEN), the
# first KEY_LEN letters are known (FULL), the first word has ended (END), or
# what follows is unknown (TRUNC).
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
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]

    out: set[str] = set()
    for pattern in patterns:
        try:
            parsed = sre_parse.parse(pattern, flags)
            prefixes = _seq(list(parsed.data))
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


def _seq(items: list[Any]) -> Prefixes:
    if not items:
        return {("", OPEN)}
    out: Prefixes = set()
    rest: Prefixes | None = None
    for text, state in _item(items[0]):
        if state != OPEN:
            out.add((text, state))
            continue
        if rest is None:
            rest = _seq(items[1:])
        for more, state2 in rest:
            joined = text + more
            out.add((joined[:KEY_LEN], FULL) if len(joined) >= KEY_LEN else (joined, state2))
    if len(out) > MAX_KEYS:
        raise ValueError("too many prefixes")
    return out


def _item(item: tuple[Any, Any]) -> Prefixes:
    op, av = item
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        ch = chr(av)
        if not _WORD_CHAR.match(ch):
            return {("", END)}
        low = ch.lower()
        if len(low) != 1 or ch in SPECIAL or low in SPECIAL:
            return {("", TRUNC)}
        return {(low, OPEN)}
    if name == "IN":
        if len(av) <= 8 and all(getattr(o, "name", "") == "LITERAL" for o, _ in av):
            return set().union(*(_item(x) for x in av))
        return {("", TRUNC)}
    if name == "BRANCH":
        return set().union(*(_seq(list(alt.data)) for alt in av[1]))
    if name == "SUBPATTERN":
        return _seq(list(av[-1].data))
    if name == "ATOMIC_GROUP":
        return _seq(list(av.data))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        once = _seq(list(sub.data))
        if high > 1:  # more rounds may follow: what comes after one is unknown
            once = {(t, TRUNC if s == OPEN else s) for t, s in once}
        return once | {("", OPEN)} if low == 0 else once
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {("", OPEN)}  # zero width: consumes nothing
    return {("", TRUNC)}


MAX_FIRST = 48  # a larger set of first characters is no shortcut


def first_chars(source: str, flags: int = 0) -> str | None:
    """A character class of everything a match of ``source`` can start with, or
    None when that is (nearly) any character or the match may be empty.

    ``(?=[...])`` put before a pattern lets the regex engine pass every other
    position of a text at once: the exclamation rule, an emoji list or a quote
    mark scan 2-3x faster. The class is compiled with the pattern's own flags,
    so case-insensitive letters fold exactly as in the pattern.
    """
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    try:
        chars, nullable = _first(list(sre_parse.parse(source, flags).data))
    except Exception:  # a parser we do not know, or too deep
        return None
    if chars is None or nullable or not chars or len(chars) > MAX_FIRST:
        return None
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


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
    """Strings one of which every match of ``source`` contains (lower-cased when
    the pattern ignores case), or None when no such list is known.

    A text that holds none of them cannot match, which a substring search tells
    far faster than the regex: most drafts have no "!!!", no "payment" and no
    "that's it", and the rules looking for those then skip the scan.
    """
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse  # type: ignore[no-redef]
    try:
        found = _needs(list(sre_parse.parse(source, flags).data))
    except Exception:  # a parser we do not know, or too deep
        return None
    if found is None or not all(found) or len(found) > MAX_NEEDS:
        return None
    return tuple(s.lower() for s in found) if flags & re.IGNORECASE else tuple(found)


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


def may_match(doc: Document, wanted: tuple[str, ...] | None) -> bool:
    """Whether ``doc`` holds one of ``wanted`` (see :func:`needs`); True when
    that is not worth asking (a long text, or one that folds case unusually)."""
    if wanted is None or len(doc.text) > MAX_NEEDS_TEXT:
        return True
    lowered = doc.cache.get(_LOWER_KEY)
    if lowered is None:
        text = doc.text
        lowered = doc.cache[_LOWER_KEY] = None if _SPECIAL.search(text) else text.lower()
    if lowered is None:
        return True
    return any(s in lowered for s in wanted)


MAX_NEEDS = 8  # more strings to look for cost more than the scan they might save
MAX_NEEDS_TEXT = 1 << 22  # a copy of a longer text costs more than the scans it saves
_LOWER_KEY = "prefilter.lowered"


# A rule's regex (with word boundaries), its keys, for each key the alternatives
# that can start with it, and whether it runs sentence by sentence (``scope:
# sentence``) rather than on the whole text.
Scan = tuple[re.Pattern[str], frozenset[str], dict[str, list[str]], bool]
# One key's merged scans: ``any``, ``each`` and which group of ``each`` is whose.
Merged = tuple[re.Pattern[str], re.Pattern[str], list[tuple["Ident", int]]]
Ident = tuple[str, int, bool]  # a scan by pattern, flags and scope


class KeySet:
    """The keys of every rule in force, found in one scan of a document.

    The engine builds one per language and primes each document with it; a rule
    whose keys it holds then reads its candidate positions from the index.

    ``scans`` are the regexes of those rules with their keys. For each key, one
    regex tries all the scans that key can start at once (``any``), and only
    where one matches does a second (``each``: every scan in a lookahead that
    captures) say which: a word where no rule matches, most of them, costs one
    call into the regex engine instead of one per rule. Sentence-scoped scans
    are merged apart and tried up to the end of the sentence, as the rule would.
    """

    def __init__(self, keys: Iterable[str], scans: Iterable[Scan] = ()) -> None:
        self.keys = frozenset(keys)
        self.regex = re.compile(f"(?<!\\w)({_trie(self.keys)})") if self.keys else None
        usable = [scan for scan in scans if _mergeable(scan[0]) and scan[1] <= self.keys]
        by_key: dict[tuple[str, bool], list[tuple[Ident, re.Pattern[str], list[str]]]] = {}
        for regex, scan_keys, sources, per_sentence in usable:
            for key in scan_keys:
                by_key.setdefault((key, per_sentence), []).append(
                    (_ident(regex, per_sentence), regex, sources[key]))
        merged: dict[tuple[str, bool], Merged] = {}
        for key_scope, entries in by_key.items():
            try:
                merged[key_scope] = _merge(entries)
            except re.error:  # named groups twice, a flag that must come first: scan alone
                continue
        # key -> (its whole-text scans, its sentence scans), either None
        self.merged: dict[str, tuple[Merged | None, Merged | None]] = {
            key: (merged.get((key, False)), merged.get((key, True))) for key, _ in merged}
        # a scan is answered from the merged pass only when every one of its keys was merged
        self.merged_scans = frozenset(
            _ident(r, per_sentence) for r, ks, _, per_sentence in usable
            if all((k, per_sentence) in merged for k in ks))
        # The keys whose positions a rule still walks: those of the scans not
        # merged, and of rules that gave no scans (all of them, when none did).
        scans = list(scans)
        self.indexed = self.keys - frozenset().union(*(ks for _, ks, _, _ in scans)) | frozenset().union(
            *(ks for r, ks, _, per_sentence in scans if _ident(r, per_sentence) not in self.merged_scans))

    def prime(self, doc: Document) -> None:
        """Find, in one scan of ``doc``, where each merged scan matches and where
        each key of :attr:`indexed` starts a word; nothing when the text holds a
        character :data:`SPECIAL` names (then every rule scans on its own)."""
        text = doc.text
        index: dict[str, array[int]] | None = None
        hits: dict[Ident, list[int]] | None = None
        if self.regex is not None and not _SPECIAL.search(text):
            index, hits = {}, {ident: [] for ident in self.merged_scans}
            merged, indexed, length = self.merged, self.indexed, len(text)
            sentences: Sequence[Span] = ()  # asked for at the first sentence-scoped key
            i = n = sentence_start = sentence_end = 0  # the sentence at or after the last key
            for base, end in pieces(text):  # lowercased a piece at a time: no second copy of a long text
                # the trie captures the key itself
                found = [(m.start(), m.group(1)) for m in self.regex.finditer(text[base:end].lower())]
                for start, key in found:
                    pos = base + start
                    if key in indexed:
                        positions = index.get(key)
                        if positions is None:
                            index[key] = positions = array("q")
                        positions.append(pos)
                    entry = merged.get(key)
                    if entry is None:
                        continue
                    whole, by_sentence = entry
                    if whole is not None and whole[0].match(text, pos, length) is not None:
                        _record(whole, text, pos, length, hits)
                    if by_sentence is not None:
                        if not n:
                            sentences = doc.sentences
                            n = len(sentences) or -1
                        while pos >= sentence_end and i < n:  # keys come in text order
                            sentence_start, sentence_end = sentences[i].start, sentences[i].end
                            i += 1
                        if sentence_start <= pos < sentence_end \
                                and by_sentence[0].match(text, pos, sentence_end) is not None:
                            _record(by_sentence, text, pos, sentence_end, hits)
        doc.cache[_CACHE_KEY] = (self.indexed, index)
        doc.cache[_HITS_KEY] = hits


def _record(entry: Merged, text: str, pos: int, endpos: int, hits: dict[Ident, list[int]]) -> None:
    """Note ``pos`` for each scan of ``entry`` that matches there (``any`` did)."""
    each = entry[1].match(text, pos, endpos)
    assert each is not None  # all optional: it always matches
    spans = each.regs  # one tuple for all groups: no call a scan
    for ident, group in entry[2]:
        if spans[group][0] < 0:
            continue
        found_at = hits.get(ident)
        if found_at is not None and (not found_at or found_at[-1] != pos):
            found_at.append(pos)  # in text order: sorted (and once, when two rules share a regex)


def pieces(text: str, size: int = 1 << 16) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of pieces of ``text`` that end after white space (the
    last one at the end), so no word is cut and a word's start is seen as one."""
    start = 0
    while start < len(text):
        end = start + size
        if end < len(text):
            cut = _LAST_SPACE.search(text, start, end)
            if cut is not None:
                end = cut.end()
            else:  # no white space in a whole piece: cut at the next
                nxt = _SPACE.search(text, end)
                end = nxt.end() if nxt else len(text)
        else:
            end = len(text)
        yield start, end
        start = end


def _trie(keys: frozenset[str]) -> str:
    """One regex for many keys, as a trie: at each position the engine follows
    one branch per letter instead of trying every key in turn."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for ch in key if len(key) == KEY_LEN else key + "$":  # "$": the word ends here
            node = node.setdefault(ch, {})

    def emit(node: dict[str, Any]) -> str:
        alts = ["(?!\\w)" if ch == "$" else re.escape(ch) + emit(node[ch]) for ch in sorted(node)]
        return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _mergeable(regex: re.Pattern[str]) -> bool:
    """A scan can sit inside a bigger regex unless it refers to its own groups."""
    return not _BACKREF.search(regex.pattern) and not regex.flags & ~(re.IGNORECASE | re.UNICODE)


def _merge(entries: list[tuple[Ident, re.Pattern[str], list[str]]]) -> Merged:
    """For one key: ``any`` says one of the scans matches here, ``each`` which
    (its group numbers listed), each scan by the alternatives that key can start.

    Every keyed scan has the same word boundaries around its alternatives, so
    ``any`` checks them once around all of them."""
    def body(r: re.Pattern[str], alts: list[str]) -> str:
        return f"(?{'i' if r.flags & re.IGNORECASE else '-i'}:{'|'.join(f'(?:{a})' for a in alts)})"

    group, number = [], 1
    for ident, r, alts in entries:
        group.append((ident, number))
        number += 1 + re.compile(pattern_source(alts, True), r.flags).groups
    any_source = pattern_source([body(r, alts) for _, r, alts in entries], True)
    each_source = "".join(f"(?:(?=({pattern_source([body(r, alts)], True)}))|)" for _, r, alts in entries)
    for source in (any_source, each_source):
        problem = compile_error(source)
        if problem:
            raise re.error(problem)
    if all(isinstance(r, FastPattern) for _, r, _ in entries):  # re for shipped and bounded rules
        return re.compile(any_source), re.compile(each_source), group  # called as is: no wrapper
    # Users' patterns inside: timed like every pack pattern (see tonelint.patterns).
    return TimedPattern(any_source, owner="merged rules"), TimedPattern(each_source, owner="merged rules"), group


def _hits(doc: Document, regex: re.Pattern[str], start: int, end: int) -> list[int] | None:
    """Where ``regex`` matches, from the merged pass, when it answered for it."""
    if start or end != len(doc.text):
        return None
    primed = doc.cache.get(_HITS_KEY)
    return None if primed is None else primed.get(_ident(regex, False))


def _sentence_hits(doc: Document, regex: re.Pattern[str]) -> list[int] | None:
    """Where ``regex`` matches within its sentence, when the merged pass answered for it."""
    primed = doc.cache.get(_HITS_KEY)
    return None if primed is None else primed.get(_ident(regex, True))


def _ident(regex: re.Pattern[str], per_sentence: bool) -> Ident:
    """A scan by what it is, not which object: the rules and the KeySet come
    from the cache apart, as copies."""
    return regex.pattern, regex.flags, per_sentence


def _positions(doc: Document, rule_keys: frozenset[str]) -> list[int] | None:
    """Sorted offsets of the words ``rule_keys`` name; None when the document was
    not primed with these keys. Not kept: a rule asks once a document, and on a
    50 MB text the lists would weigh more than the text."""
    primed = doc.cache.get(_CACHE_KEY)
    if primed is None or primed[1] is None or not rule_keys <= primed[0]:
        return None
    index = primed[1]
    return sorted(p for key in rule_keys for p in index.get(key, ()))


def _key(word: str) -> str:
    return word[:KEY_LEN]


def finditer(regex: re.Pattern[str], rule_keys: frozenset[str] | None, doc: Document,
             start: int = 0, end: int | None = None,
             rest: re.Pattern[str] | None = None) -> Iterator[re.Match[str]]:
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
        if head is not None and _key(head.group().lower()) in rule_keys:
            positions = sorted({*positions, head.start()})
    if start or end < len(text):
        candidates = positions[bisect_left(positions, start):bisect_left(positions, end)]
    if rest is not None:  # lazily: a rule that needs one match stops early
        candidates = heapq.merge(candidates, _starts(rest, text, start, end))
    resume = start
    for pos in candidates:
        if pos < resume:
            continue
        m = regex.match(text, pos, end)
        if m is not None:
            yield m
            resume = m.end() if m.end() > pos else pos + 1


def _starts(regex: re.Pattern[str], text: str, start: int, end: int) -> Iterator[int]:
    """Every position in ``[start, end)`` where ``regex`` matches (overlaps too)."""
    m = regex.search(text, start, end)
    while m is not None:
        yield m.start()
        m = regex.search(text, m.start() + 1, end)


def finditer_spans(regex: re.Pattern[str], rule_keys: frozenset[str] | None, doc: Document,
                   spans: Sequence[Span], rest: re.Pattern[str] | None = None,
                   sentences: bool = False) -> Iterator[re.Match[str]]:
    """:func:`finditer` over each of ``spans`` (sorted, not overlapping) in turn,
    walking the candidate positions once rather than once a span. ``sentences``:
    the spans are ``doc.sentences``, which the merged pass may have answered for."""
    text = doc.text
    positions = None
    if rule_keys is not None:
        positions = _sentence_hits(doc, regex) if sentences else None
        if positions is None:
            positions = _positions(doc, rule_keys)
    if positions is None:
        for s in spans:
            yield from regex.finditer(text, s.start, s.end)
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
        resume = s.start
        for pos in candidates:
            if pos < resume:
                continue
            m = regex.match(text, pos, s.end)
            if m is not None:
                yield m
                resume = m.end() if m.end() > pos else pos + 1


def _cuts_word(text: str, end: int) -> bool:
    return 0 < end < len(text) and _WORD_CHAR.match(text, end) is not None \
        and _WORD_CHAR.match(text, end - 1) is not None
