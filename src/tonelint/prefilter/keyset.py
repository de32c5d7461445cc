"""The merged pass: where every rule's patterns match, found in one pass over
a document (see the package's docstring)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..patterns import (
    POSSESSIVE,
    FastPattern,
    PatternTimeout,
    Regex,
    TimedPattern,
    compile_error,
    pattern_source,
)
from .parse import HEAD_LEN, KEY_LEN, TOKENS, WORDS, folds_plainly, heads

if TYPE_CHECKING:
    from ..document import Document, Span

# The last white space before the end: each space looks on to the next one
# only, so a piece costs linear time even with no space in it.
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"\w")
CACHE_KEY = "prefilter.word-index"
HITS_KEY = "prefilter.hits"
ENDS_KEY = "prefilter.ends"  # where each of those matches ends


# A rule's regex (with word boundaries), its keys, for each key the alternatives
# that can start with it, and whether it runs sentence by sentence (``scope:
# sentence``) rather than on the whole text.
Scan = tuple[Regex, frozenset[str], dict[str, list[str]], bool]
Ident = tuple[str, int, bool]  # a scan by pattern, flags and scope
# A scan as tried at a key: its ident, whether it runs sentence by sentence,
# and its regex (the alternatives that key can start, with the rule's boundaries).
Tried = tuple[Ident, bool, Regex]


class ScanTimeout(PatternTimeout):
    """A user's pattern ran out of time in the merged pass; ``scan`` says whose."""

    def __init__(self, message: str, scan: Ident) -> None:
        super().__init__(message)
        self.scan = scan


class KeySet:
    """The keys of every rule in force, found in one scan of a document.

    The engine builds one per language and primes each document with it; a rule
    whose keys it holds then reads its candidate positions from the index.

    ``scans`` are the regexes of those rules with their keys. One regex (a trie)
    finds every key in the text, but only where what follows it can start one
    of its scans (see :func:`.parse.heads`): "you" followed by "are" starts no
    rule's phrase. There, the next few characters pick from a table the key's
    scans they can start (:func:`_dispatcher`), and only those are tried, each
    a regex of the few alternatives that key starts. So a word where no rule
    matches, most of them, costs nothing outside the regex engine.
    Sentence-scoped scans are tried up to the end of the sentence, as the rule would.
    """

    def __init__(self, keys: Iterable[str], scans: Iterable[Scan] = ()) -> None:
        self.keys = frozenset(keys)
        scans = list(scans)
        usable = [scan for scan in scans if _mergeable(scan[0]) and scan[1] <= self.keys]
        # key -> its scans, each with what may follow the key where it matches
        tried: dict[str, list[tuple[Tried, list[Path] | None]]] = {}
        broken: set[Ident] = set()
        for regex, scan_keys, sources, per_sentence in usable:
            scan_ident = ident(regex, per_sentence)
            for key in scan_keys:
                try:
                    one = _scan_regex(regex, sources[key])
                except re.error:  # a flag that must come first, say: the rule scans alone
                    broken.add(scan_ident)
                    continue
                after = _after(key, [(a, regex.flags) for a in sources[key]])
                tried.setdefault(key, []).append(((scan_ident, per_sentence, one), after))
        # a scan is answered from the merged pass only when it is tried at every one of its keys
        self.merged_scans = frozenset(ident(r, per_sentence) for r, _, _, per_sentence in usable) - broken
        # The keys whose positions a rule still walks: those of the scans not
        # merged, and of rules that gave no scans (all of them, when none did).
        self.indexed = self.keys - frozenset().union(*(ks for _, ks, _, _ in scans)) | frozenset().union(
            *(ks for r, ks, _, per_sentence in scans if ident(r, per_sentence) not in self.merged_scans))
        self.dispatch: dict[str, tuple[Dispatch | None, list[Tried]]] = {
            key: (_dispatcher(entries), [t for t, _ in entries]) for key, entries in tried.items()}
        # A key is found only where what follows it can start one of its scans.
        follows: dict[str, list[Path] | None] = {}
        for key in self.keys:
            entries = tried.get(key, [])
            if key in self.indexed or not entries or any(after is None for _, after in entries):
                follows[key] = None
            else:
                follows[key] = [p for _, after in entries for p in after or ()]
        # Keys are words: one starts where no word character comes before it.
        # Written as a non-word character (white space, mostly) matched first,
        # the engine skips in C to the next such character, instead of trying
        # a look-behind at every letter: the scan takes half the time. So
        # :meth:`prime` reads each piece with the character before it.
        assert all(_WORD.match(k) for k in self.keys), "a word key starts with a word character"
        self.regex = re.compile(f"\\W({_trie(follows)})") if self.keys else None

    def prime(self, doc: Document) -> None:
        """Find, in one scan of ``doc``, where each merged scan matches and where
        each key of :attr:`indexed` starts a word; nothing when the text holds a
        character :data:`SPECIAL` names (then every rule scans on its own)."""
        text = doc.text
        index: dict[str, array[int]] | None = None
        hits: dict[Ident, list[int]] | None = None
        ends: dict[Ident, array[int]] = {}  # arrays: a long text's million ends weigh 8 bytes each
        if self.regex is not None and folds_plainly(text):
            index, hits = {}, {scan: [] for scan in self.merged_scans}
            dispatch, indexed, length = self.dispatch, self.indexed, len(text)
            sentences: Sequence[Span] = ()  # asked for at the first sentence-scoped scan
            i = n = sentence_start = sentence_end = 0  # the sentence at or after the last key
            for base, end in pieces(text):  # lowercased a piece at a time: no second copy of a long text
                # the trie captures the key itself; what follows a key is read
                # on into the next piece, as far as a head can reach (see _reach)
                # low[0] is the character before the piece: white space (see
                # pieces), or a space before the text
                cut = end - base
                reach = _reach(text, end)
                low = (text[base - 1:reach] if base else " " + text[:reach]).lower()
                for m in self.regex.finditer(low):
                    key_start, key_end = m.span(1)  # the match ends where the key does (the rest is look-ahead)
                    if key_start > cut:
                        break
                    pos = base + key_start - 1
                    key = low[key_start:key_end]
                    if key in indexed:
                        positions = index.get(key)
                        if positions is None:
                            index[key] = positions = array("q")
                        positions.append(pos)
                    entry = dispatch.get(key)
                    if entry is None:
                        continue
                    table, candidates = entry
                    if table is not None:  # the scans that what follows the key can start
                        width, by_next = table
                        after = low[key_end:key_end + width]
                        if len(after) == width:  # else the text read ends: try them all
                            candidates = by_next.get(after, by_next[""])
                    for scan, per_sentence, regex in candidates:
                        if per_sentence:
                            if not n:
                                sentences = doc.sentences
                                n = len(sentences) or -1
                            while pos >= sentence_end and i < n:  # keys come in text order
                                sentence_start, sentence_end = sentences[i].start, sentences[i].end
                                i += 1
                            if not sentence_start <= pos < sentence_end:
                                continue
                            stop = sentence_end
                        else:
                            stop = length
                        try:
                            found = regex.match(text, pos, stop)
                        except PatternTimeout as exc:  # a user's pattern: say whose
                            raise ScanTimeout(exc.message, scan) from None
                        if found is not None:
                            found_at = hits.get(scan)
                            if found_at is not None and (not found_at or found_at[-1] != pos):
                                found_at.append(pos)  # in text order (once, when two rules share a regex)
                                ends_at = ends.get(scan)
                                if ends_at is None:
                                    ends[scan] = ends_at = array("q")
                                ends_at.append(found.end())
        doc.cache[CACHE_KEY] = (self.indexed, index)
        doc.cache[HITS_KEY] = hits
        doc.cache[ENDS_KEY] = ends


def _reach(text: str, end: int) -> int:
    """How far past ``end`` what follows a key before ``end`` can be read by
    the trie: a head has HEAD_LEN tokens at most, each one character or (WORDS)
    a run of word characters, so it passes at most HEAD_LEN white spaces; one
    more character tells whether a word ends there."""
    at = end
    for _ in range(HEAD_LEN + 1):
        space = _SPACE.search(text, at)
        if space is None:
            return len(text)
        at = space.end()
    return at + 1


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


WORD_END = None  # in a trie's path: no word character follows here
Path = tuple["str | None", ...]


def _after(key: str, alternatives: list[tuple[str, int]]) -> list[Path] | None:
    """What may follow ``key`` where one of ``alternatives`` (those the key
    starts, with their flags) matches, as paths for :func:`_trie`; None when
    anything may."""
    paths: list[Path] = []
    for alternative, flags in alternatives:
        found = heads(alternative, flags)
        if found is None:
            return None
        for text, word_ends in found:
            if len(key) == KEY_LEN:
                if not text.startswith(key):
                    continue  # the alternative's other keys
            elif not (text == key and word_ends or text.startswith(key) and not _WORD.match(text, len(key))):
                continue
            rest: Path = (*text[len(key):], WORD_END) if word_ends else tuple(text[len(key):])
            if not rest:
                return None
            paths.append(rest)
    return paths or None


def _trie(after: dict[str, list[Path] | None]) -> str:
    """One regex for many keys, as a trie: at each position the engine follows
    one branch per letter instead of trying every key in turn. After a key, a
    lookahead holds what ``after`` says may follow it (also a trie)."""
    def path(key: str) -> Path:
        return tuple(key) if len(key) == KEY_LEN else (*key, WORD_END)

    leaves = {path(key): "" if then is None else f"(?={_emit(_grow(then))})" for key, then in after.items()}
    return _emit(_grow(list(leaves)), leaves)


def _grow(paths: list[Path]) -> dict[Any, Any]:
    root: dict[Any, Any] = {}
    for p in paths:
        node = root
        for token in p:
            node = node.setdefault(token, {})
        node[""] = p  # a path ends here
    return root


def _emit(node: dict[Any, Any], leaves: dict[Path, str] | None = None) -> str:
    """A trie's regex; a path that ends takes its leaf's regex (nothing more,
    when not given: any path that ends here matches)."""
    if "" in node:
        if leaves is None:
            return ""
        return leaves[node[""]]
    alts = [_token(token, child) + _emit(child, leaves)
            for token, child in sorted(node.items(), key=lambda item: (item[0] is not None, item[0] or ""))]
    return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _token(token: str | None, then: dict[Any, Any]) -> str:
    if token is WORD_END:
        return "(?!\\w)"
    if token not in TOKENS:
        return re.escape(token)
    if token == WORDS:
        if WORDS in then:  # \w+\w+: quadratic on a long word; one is as good a filter
            then.clear()
            then[""] = ()
        elif all(t is WORD_END or t == "" or not _WORD.match(t) for t in then):
            return "\\w+" + POSSESSIVE  # a space or a stop comes next: no giving back
    return TOKENS[token]


_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _mergeable(regex: Regex) -> bool:
    """A scan can sit inside a bigger regex unless it refers to its own groups."""
    return not _BACKREF.search(regex.pattern) and not regex.flags & ~(re.IGNORECASE | re.UNICODE)


def _scan_regex(regex: Regex, alternatives: list[str]) -> Regex:
    """``regex`` cut down to ``alternatives`` (those one key starts), with its
    flags written in, so a key tries only what it can start."""
    flag = "i" if regex.flags & re.IGNORECASE else "-i"
    source = pattern_source([f"(?{flag}:{'|'.join(f'(?:{a})' for a in alternatives)})"], True)
    problem = compile_error(source)
    if problem:
        raise re.error(problem)
    if isinstance(regex, FastPattern):  # re for shipped and bounded rules
        return re.compile(source)  # called as is: no wrapper
    # A user's pattern: timed like every pack pattern (see tonelint.patterns).
    return TimedPattern(source)  # out of time: the engine names the rule (ScanTimeout)


# A key's scans by what follows the key: how many characters are read, and
# those characters -> the scans to try ("": the scans any may start).
Dispatch = tuple[int, dict[str, list[Tried]]]
WIDTHS = (3, 5, 8, 12)  # how far past a key a dispatch may read


def _dispatcher(entries: list[tuple[Tried, list[Path] | None]]) -> Dispatch | None:
    """For a key with several scans: a table from the next few characters after
    the key to the scans whose heads start with them (with the scans that may
    start with anything: heads not known, or a word or a word's end among those
    characters). It reads as few characters as tell the scans apart best: three
    after "you" ("you sh", "you kn"), more after "the" or "contract", which many
    phrases share. None for a key with one scan."""
    if len(entries) < 2:
        return None
    order = {id(t): i for i, (t, _) in enumerate(entries)}  # in the rules' order, as ever
    best: Dispatch | None = None
    for width in WIDTHS:
        wild: list[Tried] = []
        by_next: dict[str, list[Tried]] = {}
        for scan, after in entries:
            starts = {p[:width] for p in after} if after is not None else None
            if starts is None or any(len(s) < width or not all(isinstance(t, str) and t not in TOKENS for t in s)
                                     for s in starts):
                wild.append(scan)
                continue
            for s in starts:
                by_next.setdefault("".join(s), []).append(scan)  # type: ignore[arg-type]
        table = {nxt: sorted(scans + wild, key=lambda t: order[id(t)]) for nxt, scans in by_next.items()}
        table[""] = wild
        if best is None or max(map(len, table.values())) < max(map(len, best[1].values())):
            best = (width, table)
    return best


def ident(regex: Regex, per_sentence: bool) -> Ident:
    """A scan by what it is, not which object: the rules and the KeySet come
    from the cache apart, as copies."""
    return regex.pattern, regex.flags, per_sentence

